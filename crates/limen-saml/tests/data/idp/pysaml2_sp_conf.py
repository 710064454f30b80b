"""pysaml2 configuration of the test SP whose metadata and requests are the fixtures of
tests/idp_sp_metadata.rs and tests/idp_inbound.rs (see README.md beside this file)."""

import os

from saml2 import BINDING_HTTP_ARTIFACT, BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, BINDING_SOAP
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_TRANSIENT

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = "https://sp.example.org/saml2"

CONFIG = {
    "entityid": BASE + "/metadata",
    "name": "pysaml2 test SP",
    "key_file": os.path.join(HERE, "sp-rsa2048.key"),
    "cert_file": os.path.join(HERE, "sp-rsa2048.crt"),
    "encryption_keypairs": [
        {
            "key_file": os.path.join(HERE, "sp-rsa2048.key"),
            "cert_file": os.path.join(HERE, "sp-rsa2048.crt"),
        }
    ],
    "xmlsec_binary": os.environ.get("XMLSEC1", "/usr/bin/xmlsec1"),
    "metadata": {"local": [os.path.join(HERE, "limen-idp-metadata.xml")]},
    "service": {
        "sp": {
            "authn_requests_signed": True,
            "want_assertions_signed": True,
            "want_response_signed": False,
            "required_attributes": ["uid", "email"],
            "optional_attributes": ["groups"],
            "name_id_format": [NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_TRANSIENT],
            "endpoints": {
                "assertion_consumer_service": [
                    (BASE + "/acs/post", BINDING_HTTP_POST),
                    (BASE + "/acs/artifact", BINDING_HTTP_ARTIFACT),
                ],
                "single_logout_service": [
                    (BASE + "/slo/redirect", BINDING_HTTP_REDIRECT),
                    (BASE + "/slo/post", BINDING_HTTP_POST),
                    (BASE + "/slo/soap", BINDING_SOAP),
                ],
            },
        }
    },
}
