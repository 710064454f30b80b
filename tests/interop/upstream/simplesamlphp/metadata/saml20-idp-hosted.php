<?php
// The hosted IdP: entity ID = its metadata URL (SimpleSAMLphp's default for '__DYNAMIC:1__').
// What Limen's eIDAS SP asks for (docs/FEDERATION.md §5.1, §5.4):
// - the Response signed (saml20.sign.response) and the Assertion signed inside its encryption
//   (saml20.sign.assertion, assertion.encryption), RSA-SHA256 (xmlseclibs signs no ECDSA, so
//   Limen's entry sets allow_rsa_pkcs1), SHA-256 reference digests;
// - the key transport is rsa-oaep-mgf1p to the SP's encryption certificate (SimpleSAMLphp's
//   only choice with a certificate); the content cipher is its SAML2 library's fixed choice,
//   aes128-cbc, which Limen refuses (tests/interop/test_federation_ssp.py);
// - AuthnContextClassRef LoA substantial and a persistent NameID (the PersonIdentifier), set by
//   the authproc filters below;
// - attributes with NameFormat uri (per SP, in saml20-sp-remote.php).
$metadata['__DYNAMIC:1__'] = [
    'host' => '__DEFAULT__',
    'privatekey' => 'idp-signing.key',
    'certificate' => 'idp-signing.pem',
    'auth' => 'eid-users',
    'signature.algorithm' => 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    'saml20.sign.response' => true,
    'saml20.sign.assertion' => true,
    'assertion.encryption' => true,
    'NameIDFormat' => 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
    'attributes.NameFormat' => 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
    'authproc' => [
        10 => [
            'class' => 'saml:AttributeNameID',
            'Format' => 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
            'attribute' => 'http://eidas.europa.eu/attributes/naturalperson/PersonIdentifier',
        ],
        20 => [
            'class' => 'saml:AuthnContextClassRef',
            'AuthnContextClassRef' => 'http://eidas.europa.eu/LoA/substantial',
        ],
    ],
];
