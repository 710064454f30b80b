<?php
// SimpleSAMLphp 1.19 (Debian's simplesamlphp) as the second eIDAS test IdP of Limen's federation
// tests (docs/FEDERATION.md §8.1). ssp_idp.py copies this directory into a temporary one, points
// SIMPLESAMLPHP_CONFIG_DIR at the copy and fills the @...@ placeholders; nothing under /etc is
// read or changed. Only the IdP side is on (no SP, no admin pages beyond the defaults).
$config = [
    'baseurlpath' => '@BASEURL@/simplesaml/',
    'certdir' => '@DIR@/cert/',
    'metadatadir' => '@DIR@/metadata/',
    'loggingdir' => '@DIR@/log/',
    'datadir' => '@DIR@/data/',
    'tempdir' => '@DIR@/tmp/',
    'secretsalt' => '@SECRETSALT@',
    'auth.adminpassword' => '@ADMINPASSWORD@',
    'technicalcontact_name' => 'Limen tests',
    'technicalcontact_email' => 'limen-tests@example.org',
    'timezone' => 'UTC',
    'admin.checkforupdates' => false,

    // Errors and log to the launcher's stderr (the fixture's peer log).
    'showerrors' => true,
    'errorreporting' => false,
    'logging.level' => SimpleSAML\Logger::INFO,
    'logging.handler' => 'stderr',
    'debug' => ['saml' => false, 'backtraces' => true, 'validatexml' => false],

    'enable.saml20-idp' => true,
    'enable.shib13-idp' => false,
    'enable.adfs-idp' => false,
    'module.enable' => ['exampleauth' => true, 'core' => true, 'saml' => true, 'admin' => true],

    // Plain http on loopback: the session cookie must not be Secure.
    'session.cookie.secure' => false,
    'session.cookie.samesite' => null,
    'language.cookie.secure' => false,
    'store.type' => 'phpsession',
    'session.phpsession.savepath' => '@DIR@/sessions',
    'session.phpsession.cookiename' => 'SimpleSAML',
    'session.cookie.name' => 'SimpleSAMLSessionID',

    // No attribute mapping (the eIDAS names are URIs already), no consent, no stats.
    'authproc.idp' => [],
    'production' => true,
];
