<?php
// The service providers this IdP answers: one JSON file per SP in sp-remote.d/, written by the
// test fixture (ssp_support.py) from Limen's SP metadata (GET /upstream/ID/metadata) once Limen
// runs. PHP's built-in server runs this file on every request, so a new SP needs no restart.
// JSON rather than generated PHP: nothing from the metadata is ever evaluated as code.
foreach (glob(__DIR__ . '/sp-remote.d/*.json') ?: [] as $file) {
    $entry = json_decode(file_get_contents($file), true, 16, JSON_THROW_ON_ERROR);
    $metadata[$entry['entityid']] = $entry;
}
