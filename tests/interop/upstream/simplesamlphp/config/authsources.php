<?php
// A static user/password source (exampleauth:UserPass) holding the eIDAS natural-person
// attributes under their URIs (eIDAS SAML Attribute Profile v1.2 §2.2). PersonIdentifier is
// LU/BE/...: issued by LU for destination BE, Limen's sp_country in upstream_support's toml().
// Each test signs in with a user of its own, so every first sign-in meets an unlinked identity.
$np = 'http://eidas.europa.eu/attributes/naturalperson/';
$person = function (string $id, string $given, string $family, string $birth) use ($np): array {
    return [
        $np . 'PersonIdentifier' => ['LU/BE/' . $id],
        $np . 'CurrentFamilyName' => [$family],
        $np . 'CurrentGivenName' => [$given],
        $np . 'DateOfBirth' => [$birth],
    ];
};
$users = [];
foreach (['citizen', 'refusal', 'twin', 'spare1', 'spare2', 'spare3'] as $login) {
    foreach (['sqlite', 'postgres', 'manual'] as $label) {
        $users[$login . '-' . $label . ':' . '@PASSWORD@'] = $person("ssp-$login-$label", 'Margarethe', 'Schmit', '1979-02-28');
    }
}
$config = [
    'admin' => ['core:AdminPassword'],
    'eid-users' => array_merge(['exampleauth:UserPass'], $users),
];
