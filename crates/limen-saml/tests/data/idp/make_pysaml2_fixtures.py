"""Writes the pysaml2 fixtures of tests/idp_sp_metadata.rs and tests/idp_inbound.rs with the real
pysaml2 (7.x) and xmlsec1, from pysaml2_sp_conf.py (see README.md beside this file):

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install 'pysaml2==7.*'
    cd crates/limen-saml/tests/data/idp && /tmp/venv/bin/python make_pysaml2_fixtures.py
"""

import base64
import re

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import Config, SPConfig
from saml2.metadata import (
    entities_descriptor,
    entity_descriptor,
    metadata_tostring_fix,
    sign_entity_descriptor,
)
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
from saml2.sigver import security_context
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

import pysaml2_sp_conf

IDP = "https://limen.example/saml/metadata"
VALID_HOURS = 10 * 365 * 24
NSPAIR = {"xs": "http://www.w3.org/2001/XMLSchema"}


def write(name, text):
    with open(name, "w", encoding="utf-8") as f:
        f.write(text if text.endswith("\n") else text + "\n")


def text(x):
    return x.decode("utf-8") if isinstance(x, bytes) else x


def metadata():
    conf = Config().load(pysaml2_sp_conf.CONFIG)
    conf.valid_for = VALID_HOURS

    write("pysaml2-sp.xml", text(metadata_tostring_fix(entity_descriptor(conf), NSPAIR)))

    signer = Config()
    signer.key_file = pysaml2_sp_conf.CONFIG["key_file"]
    signer.cert_file = pysaml2_sp_conf.CONFIG["cert_file"]
    signer.xmlsec_binary = pysaml2_sp_conf.CONFIG["xmlsec_binary"]
    secc = security_context(signer)
    _, signed = sign_entity_descriptor(
        entity_descriptor(conf), "_pysaml2-sp-metadata", secc, SIG_RSA_SHA256, DIGEST_SHA256
    )
    write("pysaml2-sp-signed.xml", text(signed))

    desc, xml = entities_descriptor(
        [entity_descriptor(conf)], VALID_HOURS, "", "_aggregate", False, secc
    )
    write("pysaml2-sp-entities.xml", text(metadata_tostring_fix(desc, NSPAIR, xml)))


def client():
    return Saml2Client(config=SPConfig().load(pysaml2_sp_conf.CONFIG))


def record(name, fields):
    write(name, "".join(f"{k}={v}\n" for k, v in fields))


def authn_requests():
    c = client()
    req_id, info = c.prepare_for_authenticate(
        entityid=IDP,
        relay_state="/app/home?x=1",
        binding=BINDING_HTTP_REDIRECT,
        sign=True,
        sigalg=SIG_RSA_SHA256,
        digest_alg=DIGEST_SHA256,
    )
    location = dict(info["headers"])["Location"]
    query = location.split("?", 1)[1]
    record("pysaml2-authn-redirect.txt", [("id", req_id), ("query", query)])

    req_id, info = c.prepare_for_authenticate(
        entityid=IDP,
        relay_state="/app/home?x=1",
        binding=BINDING_HTTP_POST,
        sign=True,
        sigalg=SIG_RSA_SHA256,
        digest_alg=DIGEST_SHA256,
    )
    form = info["data"]
    value = re.search(r'name="SAMLRequest" value="([^"]+)"', form).group(1)
    relay = re.search(r'name="RelayState" value="([^"]+)"', form).group(1)
    record(
        "pysaml2-authn-post.txt",
        [("id", req_id), ("SAMLRequest", value), ("RelayState", relay)],
    )


def logout_request():
    c = client()
    name_id = NameID(
        format=NAMEID_FORMAT_PERSISTENT,
        name_qualifier=IDP,
        sp_name_qualifier=pysaml2_sp_conf.CONFIG["entityid"],
        text="a1b2c3d4",
    )
    req_id, request = c.create_logout_request(
        "https://limen.example/saml/slo",
        IDP,
        name_id=name_id,
        reason="urn:oasis:names:tc:SAML:2.0:logout:user",
        session_indexes=["3f2a", "9c1b"],
        sign=False,
    )
    info = c.apply_binding(
        BINDING_HTTP_REDIRECT,
        str(request),
        "https://limen.example/saml/slo",
        relay_state="",
        sign=True,
        sigalg=SIG_RSA_SHA256,
    )
    location = dict(info["headers"])["Location"]
    record("pysaml2-logout-redirect.txt", [("id", req_id), ("query", location.split("?", 1)[1])])


if __name__ == "__main__":
    metadata()
    authn_requests()
    logout_request()
