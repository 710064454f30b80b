"""The SAML service providers of the identity provider tests (sp/pysaml2_sp.py, sp/mellon.py), on
their own, before Limen's IdP is in the loop: a throwaway IdP made here with pysaml2's `Server`
(its own key, its metadata on a loopback port) stands in for Limen.

- pysaml2 SP: its metadata parses with pysaml2 (entity ID, ACS, SLO, its one SigningMethod, the
  encryption key when asked for); its AuthnRequests (Redirect: the query signature checked with
  `cryptography`; POST: the enveloped signature checked by `xmlsec1 --verify`), each tampered twin
  refused; a signed Response from the IdP accepted at /acs, a replayed or altered one refused; a
  signed error Response read as {status, second_status}, an unsigned one refused; single logout
  both ways (an unsigned LogoutRequest refused, the signed twin ending the session).
- mellon: Apache starts, `/protected` sends the browser to the IdP with a signed AuthnRequest
  (rsa-sha256), a Response from the IdP signs in and `/protected` prints MELLON_uid, email and
  groups; a second IdP trusted by an in-place restart (same PID); stopped by its PID, its port
  closed.

Fast (no Limen): runs in CI like the rest of tests/interop.
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import socket
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import requests

pytest.register_assert_rewrite("upstream_support", "saml_idp_support")
pytest_plugins = ["saml_idp_support"]

import saml_idp_support as sis
import upstream_support as us

TIMEOUT = 10
AES256_GCM = "http://www.w3.org/2009/xmlenc11#aes256-gcm"
ATTRIBUTES = {"uid": ["peer-test-uid"], "email": ["peer.test@example.org"], "groups": ["alpha", "beta"]}


# --------------------------------------------------------------------------------------------
# A throwaway IdP (pysaml2's Server) whose metadata is served on loopback
# --------------------------------------------------------------------------------------------


def gcm256_server_class():
    """pysaml2's IdP encrypting as Limen does for an SP that lists only rsa-oaep-mgf1p (docs/SAML.md
    §8): AES-256-GCM content, RSA-OAEP key transport (pysaml2's own choice would be CBC)."""
    from saml2.server import Server
    from saml2.sigver import RSA_OAEP_MGF1P, get_pem_wrapped_unwrapped, make_temp, pre_encryption_part

    class Server256(Server):
        def _encrypt_assertion(self, encrypt_cert, sp_entity_id, response, node_xpath=None):
            wrapped, unwrapped = get_pem_wrapped_unwrapped(encrypt_cert)
            cert_file = make_temp(wrapped.encode("ascii"), decode=False, delete_tmpfiles=True)
            template = pre_encryption_part(msg_enc=AES256_GCM, key_enc=RSA_OAEP_MGF1P, encrypt_cert=unwrapped)
            return self.sec.crypto.encrypt_assertion(
                response, cert_file.name, template, key_type="aes-256", node_xpath=node_xpath
            )

    return Server256


class ThrowawayIdp:
    def __init__(self, directory: Path, sp_metadata: list[str]):
        from cryptography.hazmat.primitives.asymmetric import rsa
        from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
        from saml2.config import IdPConfig
        from saml2.metadata import create_metadata_string

        Gcm256Server = gcm256_server_class()

        directory.mkdir(parents=True, exist_ok=True)
        self.key = rsa.generate_private_key(65537, 2048)
        self.key_path, self.cert_path = us.write_key_pair(directory, "idp", self.key, "throwaway IdP")
        self.metadata_xml = ""
        idp = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = idp.metadata_xml.encode("utf-8")
                self.send_response(200 if self.path == "/metadata" else 404)
                self.send_header("Content-Type", "application/samlmetadata+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.entity_id = self.base_url + "/metadata"
        self.sso_url, self.slo_url = self.base_url + "/sso", self.base_url + "/slo"
        config = IdPConfig()
        config.load(
            {
                "entityid": self.entity_id,
                "key_file": str(self.key_path),
                "cert_file": str(self.cert_path),
                "xmlsec_binary": us.xmlsec1_binary(),
                "delete_tmpfiles": True,
                "metadata": {"inline": sp_metadata},
                "accepted_time_diff": 60,
                "service": {
                    "idp": {
                        "endpoints": {
                            "single_sign_on_service": [
                                (self.sso_url, BINDING_HTTP_REDIRECT),
                                (self.sso_url, BINDING_HTTP_POST),
                            ],
                            "single_logout_service": [(self.slo_url, BINDING_HTTP_REDIRECT)],
                        },
                        "policy": {"default": {"name_form": sis.BASIC}},
                    }
                },
            }
        )
        self.server = Gcm256Server(config=config)
        # Attribute names as given (pysaml2's own map would rename uid urn:mace:dir:attribute-def:uid).
        from saml2.attribute_converter import AttributeConverter

        names = {name: name for name in ("uid", "email", "groups")}
        converter = AttributeConverter(sis.BASIC)
        converter.from_dict({"identifier": sis.BASIC, "fro": names, "to": names})
        self.server.config.attribute_converters = [converter]
        self.metadata_xml = create_metadata_string(None, config=config, valid=24).decode("utf-8")
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def response(self, request_id: str, acs: str, sp_entity_id: str, name_id: str, **kwargs) -> str:
        """A signed Response (and Assertion), base64, as the POST binding carries it."""
        from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
        from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

        response = self.server.create_authn_response(
            kwargs.pop("identity", ATTRIBUTES),
            in_response_to=request_id,
            destination=acs,
            sp_entity_id=sp_entity_id,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=name_id),
            authn={"class_ref": "PASSWORD", "authn_auth": self.entity_id},
            sign_response=kwargs.pop("sign_response", True),
            sign_assertion=True,
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
            **kwargs,
        )
        return base64.b64encode(str(response).encode("utf-8")).decode("ascii")

    def error_response(self, request_id: str, acs: str, second: str, sign: bool) -> str:
        from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

        response = self.server.create_error_response(
            request_id, acs, (second, None), sign=sign, sign_alg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256
        )
        return base64.b64encode(str(response).encode("utf-8")).decode("ascii")


@pytest.fixture(scope="module")
def idp(tmp_path_factory, sp_rsa, sp_ec, sp_enc):
    pytest.importorskip("saml2")
    peer = ThrowawayIdp(tmp_path_factory.mktemp("throwaway-idp"), [s.metadata() for s in (sp_rsa, sp_ec, sp_enc)])
    yield peer
    peer.close()


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def raw_params(url: str) -> dict[str, str]:
    return dict(part.partition("=")[::2] for part in urlsplit(url).query.split("&"))


def inflate(value: str) -> str:
    return zlib.decompress(base64.b64decode(unquote(value)), -15).decode("utf-8")


def query_signature_ok(url: str, typ: str, cert_path: Path) -> bool:
    """Bind §3.4.4.1: the signature over `typ=..[&RelayState=..]&SigAlg=..` as received."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

    raw = raw_params(url)
    signed = "&".join(f"{k}={raw[k]}" for k in (typ, "RelayState", "SigAlg") if k in raw).encode("ascii")
    signature = base64.b64decode(unquote(raw["Signature"]))
    key = x509.load_pem_x509_certificate(cert_path.read_bytes()).public_key()
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            assert unquote(raw["SigAlg"]) == sis.SIG_ECDSA_SHA256
            der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
            key.verify(der, signed, ec.ECDSA(hashes.SHA256()))
        else:
            assert unquote(raw["SigAlg"]) == sis.SIG_RSA_SHA256
            key.verify(signature, signed, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True


def idp_query(idp: ThrowawayIdp, location: str, typ: str, xml: str, relay_state: str | None, sign: bool) -> str:
    """A message from the throwaway IdP in the Redirect binding, query signed with its key."""
    from sp.pysaml2_sp import redirect_url

    return redirect_url(location, typ, xml, relay_state, idp.key, sis.SIG_RSA_SHA256, sign)


def away_from(browser: requests.Session, url: str) -> str:
    """Follows the redirects that stay on `url`'s origin; returns the first Location leaving it."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    for _ in range(5):
        resp = browser.get(url, allow_redirects=False, timeout=TIMEOUT)
        assert resp.status_code in (302, 303), f"{url}: {resp.status_code}\n{resp.text[:2000]}"
        url = urljoin(url, resp.headers["Location"])
        if not url.startswith(origin + "/"):
            return url
    raise AssertionError(f"no redirect away from {origin}")


def local(tag) -> str:
    return tag.rsplit("}", 1)[-1]


def fresh(sp: sis.Pysaml2Sp, idp: ThrowawayIdp, session: requests.Session | None = None, **params) -> tuple:
    """A new Redirect AuthnRequest of the SP to the throwaway IdP: (request ID, its XML, the URL)."""
    session = session or requests.Session()
    params = {"idp": idp.entity_id, **params}
    resp = session.get(sp.base_url + "/login", params=params, allow_redirects=False, timeout=TIMEOUT)
    assert resp.status_code == 303, f"{resp.status_code}: {resp.text}"
    location = resp.headers["Location"]
    return resp.headers["X-Request-ID"], inflate(raw_params(location)["SAMLRequest"]), location


# --------------------------------------------------------------------------------------------
# The pysaml2 SP
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["sp_rsa", "sp_ec", "sp_enc"])
def test_pysaml2_metadata_parses_with_pysaml2(request, which):
    from saml2.attribute_converter import ac_factory
    from saml2.mdstore import InMemoryMetaData

    sp = request.getfixturevalue(which)
    md = InMemoryMetaData(ac_factory(), sp.metadata())
    md.load()
    assert list(md.keys()) == [sp.entity_id]
    descriptor = md[sp.entity_id]["spsso_descriptor"][0]
    acs = [(a["binding"], a["location"]) for a in descriptor["assertion_consumer_service"]]
    assert acs == [(sis.POST_BINDING, sp.acs_url)], acs
    slo = {(s["binding"], s["location"]) for s in descriptor["single_logout_service"]}
    assert slo == {(sis.REDIRECT_BINDING, sp.slo_url), (sis.POST_BINDING, sp.slo_url)}, slo
    assert descriptor["authn_requests_signed"] == "true"
    uses = sorted(k.get("use", "") for k in descriptor["key_descriptor"])
    assert uses == (["encryption", "signing"] if sp.encryption else ["signing"]), uses
    # What Debian's xmlsec1 1.2 decrypts: AES-GCM content, rsa-oaep-mgf1p key transport (it has no
    # xmlenc11#rsa-oaep), listed so that the IdP picks them (Meta §2.4.1.1).
    methods = re.findall(r'EncryptionMethod Algorithm="([^"]+)"', sp.metadata())
    assert methods == ([AES256_GCM, "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"] if sp.encryption else [])
    algs = re.findall(r'SigningMethod Algorithm="([^"]+)"', sp.metadata())
    assert algs == [sis.SIG_ECDSA_SHA256 if sp.sign_alg == "ecdsa-sha256" else sis.SIG_RSA_SHA256], algs


@pytest.mark.parametrize("which", ["sp_rsa", "sp_ec"])
def test_pysaml2_redirect_request_is_signed_over_the_query(request, idp, which):
    sp = request.getfixturevalue(which)
    assert sp.trust_url(idp.entity_id) == idp.entity_id
    params = {"force": "1", "nameid": "transient", "authn_context": "PASSWORD,HIGH", "comparison": "minimum"}
    req_id, xml, location = fresh(sp, idp, relay_state="back to /x?y=1&z=é", **params)
    assert location.startswith(idp.sso_url + "?"), location
    assert query_signature_ok(location, "SAMLRequest", sp.cert_path)
    # Twin: the RelayState altered after signing.
    tampered = location.replace(raw_params(location)["RelayState"], "elsewhere")
    assert not query_signature_ok(tampered, "SAMLRequest", sp.cert_path)

    import lxml.etree

    root = lxml.etree.fromstring(xml.encode())
    assert local(root.tag) == "AuthnRequest" and root.get("ID") == req_id
    assert root.get("Destination") == idp.sso_url and root.get("ForceAuthn") == "true"
    assert root.get("ProtocolBinding") == sis.POST_BINDING
    assert root.find(f"{{{sis.SAML}}}Issuer").text == sp.entity_id
    assert root.find(f"{{{sis.DS}}}Signature") is None, "the Redirect binding carries no XML signature"
    assert root.find(f"{{{sis.SAMLP}}}NameIDPolicy").get("Format") == sis.TRANSIENT
    rac = root.find(f"{{{sis.SAMLP}}}RequestedAuthnContext")
    assert rac.get("Comparison") == "minimum"
    assert [c.text for c in rac] == ["PASSWORD", "HIGH"]
    # An unsigned request when asked (sign=0): no SigAlg, no Signature.
    _, _, unsigned = fresh(sp, idp, sign="0", passive="1")
    assert "Signature" not in raw_params(unsigned) and "SigAlg" not in raw_params(unsigned)
    assert 'IsPassive="true"' in inflate(raw_params(unsigned)["SAMLRequest"])


@pytest.mark.parametrize("which", ["sp_rsa", "sp_ec"])
def test_pysaml2_post_request_carries_an_enveloped_signature(request, idp, which, tmp_path):
    sp = request.getfixturevalue(which)
    sp.trust_url(idp.entity_id)
    resp = requests.get(
        sp.base_url + "/login", params={"idp": idp.entity_id, "binding": "post"}, allow_redirects=False, timeout=TIMEOUT
    )
    assert resp.status_code == 200, resp.text
    form = sis.saml_form(resp)
    assert form is not None and form.action == idp.sso_url, resp.text
    xml = base64.b64decode(form.hidden()["SAMLRequest"]).decode()
    assert f'ID="{resp.headers["X-Request-ID"]}"' in xml
    method = sis.SIG_ECDSA_SHA256 if sp.sign_alg == "ecdsa-sha256" else sis.SIG_RSA_SHA256
    assert f'SignatureMethod Algorithm="{method}"' in xml
    doc = us.xml_file(tmp_path, "request.xml", xml)
    ok = us.xmlsec1_verify(sp.cert_path, "urn:oasis:names:tc:SAML:2.0:protocol:AuthnRequest", doc)
    assert ok.returncode == 0, ok.stderr
    # Twin: the Destination changed after signing.
    altered = us.xml_file(tmp_path, "altered.xml", xml.replace(idp.sso_url, idp.base_url + "/elsewhere"))
    bad = us.xmlsec1_verify(sp.cert_path, "urn:oasis:names:tc:SAML:2.0:protocol:AuthnRequest", altered)
    assert bad.returncode != 0, bad.stdout


@pytest.mark.parametrize("which", ["sp_rsa", "sp_enc"])
def test_pysaml2_acs_accepts_the_signed_response_once(request, idp, which):
    sp = request.getfixturevalue(which)
    sp.trust_url(idp.entity_id)
    browser = requests.Session()
    req_id, _xml, _ = fresh(sp, idp, browser)
    kwargs = {}
    if sp.encryption:
        found = re.search(r'use="encryption">.*?X509Certificate>([^<]+)<', sp.metadata(), re.DOTALL)
        kwargs = {"encrypt_assertion": True, "encrypt_cert_assertion": found.group(1)}
    saml_response = idp.response(req_id, sp.acs_url, sp.entity_id, "pairwise-one", **kwargs)
    acs = browser.post(sp.acs_url, data={"SAMLResponse": saml_response, "RelayState": "r"}, timeout=TIMEOUT)
    assert acs.status_code == 200, acs.text
    info = acs.json()
    assert info["name_id"] == "pairwise-one" and info["name_id_format"] == sis.PERSISTENT
    assert info["in_response_to"] == req_id and info["issuer"] == idp.entity_id
    assert info["authn_context"] == "PASSWORD" and info["session_index"]
    assert info["relay_state"] == "r"
    assert info["response_signed"] and info["assertion_signed"]
    assert info["encrypted"] is sp.encryption
    if sp.encryption:
        assert AES256_GCM in base64.b64decode(saml_response).decode(), "AES-256-GCM, as Limen encrypts"
    assert info["attributes"].get("uid") == ["peer-test-uid"], info
    assert sorted(info["attributes"]["groups"]) == ["alpha", "beta"]
    assert sp.whoami(browser).json()["name_id"] == "pairwise-one"
    assert sp.last_response() == saml_response
    # Twin: the same Response again (its request is answered) is refused.
    again = browser.post(sp.acs_url, data={"SAMLResponse": saml_response}, timeout=TIMEOUT)
    assert again.status_code == 400, again.text


def test_pysaml2_acs_refuses_an_altered_response(idp, sp_rsa):
    sp_rsa.trust_url(idp.entity_id)
    req_id, _xml, _ = fresh(sp_rsa, idp)
    xml = base64.b64decode(idp.response(req_id, sp_rsa.acs_url, sp_rsa.entity_id, "pairwise-two")).decode()
    assert "peer-test-uid" in xml
    altered = base64.b64encode(xml.replace("peer-test-uid", "someone-else").encode()).decode()
    resp = requests.post(sp_rsa.acs_url, data={"SAMLResponse": altered}, timeout=TIMEOUT)
    assert resp.status_code == 400, resp.text
    assert "refused" in resp.text


def test_pysaml2_acs_reads_a_signed_error_response(idp, sp_rsa):
    sp_rsa.trust_url(idp.entity_id)
    req_id, _xml, _ = fresh(sp_rsa, idp)
    unsigned = idp.error_response(req_id, sp_rsa.acs_url, sis.NO_PASSIVE, sign=False)
    refused = requests.post(sp_rsa.acs_url, data={"SAMLResponse": unsigned}, timeout=TIMEOUT)
    assert refused.status_code == 400, refused.text
    signed = idp.error_response(req_id, sp_rsa.acs_url, sis.NO_PASSIVE, sign=True)
    resp = requests.post(sp_rsa.acs_url, data={"SAMLResponse": signed}, timeout=TIMEOUT)
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"status": sis.RESPONDER, "second_status": sis.NO_PASSIVE, "in_response_to": req_id}


def signed_in(sp: sis.Pysaml2Sp, idp: ThrowawayIdp, name_id: str) -> tuple[requests.Session, dict]:
    browser = requests.Session()
    req_id, _xml, _ = fresh(sp, idp, browser)
    acs = browser.post(sp.acs_url, data={"SAMLResponse": idp.response(req_id, sp.acs_url, sp.entity_id, name_id)})
    assert acs.status_code == 200, acs.text
    return browser, acs.json()


def test_pysaml2_slo_from_the_idp(idp, sp_rsa):
    from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID

    sp_rsa.trust_url(idp.entity_id)
    browser, info = signed_in(sp_rsa, idp, "pairwise-slo")
    _req_id, request = idp.server.create_logout_request(
        sp_rsa.slo_url,
        sp_rsa.entity_id,
        name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text="pairwise-slo"),
        session_indexes=[info["session_index"]],
        sign=False,
    )
    unsigned = idp_query(idp, sp_rsa.slo_url, "SAMLRequest", str(request), "plan-1", sign=False)
    refused = browser.get(unsigned, allow_redirects=False, timeout=TIMEOUT)
    assert refused.status_code == 400, refused.text
    assert sp_rsa.whoami(browser).status_code == 200, "an unsigned LogoutRequest ended the session"

    signed = idp_query(idp, sp_rsa.slo_url, "SAMLRequest", str(request), "plan-1", sign=True)
    answer = browser.get(signed, allow_redirects=False, timeout=TIMEOUT)
    assert answer.status_code == 303, answer.text
    location = answer.headers["Location"]
    assert location.startswith(idp.slo_url + "?"), location
    assert unquote(raw_params(location)["RelayState"]) == "plan-1"
    assert query_signature_ok(location, "SAMLResponse", sp_rsa.cert_path)
    assert sis.SUCCESS in inflate(raw_params(location)["SAMLResponse"])
    assert sp_rsa.whoami(browser).status_code == 401


def test_pysaml2_slo_from_the_sp(idp, sp_rsa):
    from saml2 import BINDING_HTTP_REDIRECT

    sp_rsa.trust_url(idp.entity_id)
    browser, info = signed_in(sp_rsa, idp, "pairwise-sp-slo")
    out = browser.get(sp_rsa.base_url + "/logout", allow_redirects=False, timeout=TIMEOUT)
    assert out.status_code == 303, out.text
    location = out.headers["Location"]
    assert location.startswith(idp.slo_url + "?") and query_signature_ok(location, "SAMLRequest", sp_rsa.cert_path)
    request = idp.server.parse_logout_request(unquote(raw_params(location)["SAMLRequest"]), BINDING_HTTP_REDIRECT)
    assert request.message.name_id.text == "pairwise-sp-slo"
    assert [s.text for s in request.message.session_index] == [info["session_index"]]
    response = idp.server.create_logout_response(request.message, [BINDING_HTTP_REDIRECT], sign=False)
    # Twin first: the LogoutResponse unsigned is refused, and the session stays.
    unsigned = idp_query(idp, sp_rsa.slo_url, "SAMLResponse", str(response), None, sign=False)
    assert browser.get(unsigned, timeout=TIMEOUT).status_code == 400
    assert sp_rsa.whoami(browser).status_code == 200
    signed = idp_query(idp, sp_rsa.slo_url, "SAMLResponse", str(response), None, sign=True)
    done = browser.get(signed, timeout=TIMEOUT)
    assert done.status_code == 200, done.text
    assert done.json()["logged_out"] is True and done.json()["status"] == sis.SUCCESS
    assert sp_rsa.whoami(browser).status_code == 401


# --------------------------------------------------------------------------------------------
# mod_auth_mellon
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mellon_alone(tmp_path_factory, idp):
    """A MellonPeer of this module's own, trusting the throwaway IdP from its start."""
    from sp.mellon import MellonPeer, missing

    reason = missing()
    if reason is not None:
        us.missing(reason)
    directory = tmp_path_factory.mktemp("mellon-alone")
    idp_file = directory / "idp.xml"
    idp_file.write_text(idp.metadata_xml)
    peer = MellonPeer(directory)
    try:
        peer.start([idp_file])
    except BaseException:
        peer.stop()
        raise
    # The throwaway IdP learns mellon's metadata.
    from saml2.mdstore import InMemoryMetaData

    md = InMemoryMetaData(idp.server.config.attribute_converters, peer.metadata_path.read_text())
    md.load()
    idp.server.metadata.metadata["mellon"] = md
    yield peer
    if peer.alive():
        peer.stop()


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "aes256-gcm"])
def test_mellon_sends_a_signed_request_and_signs_in(mellon_alone, idp, encrypted):
    from sp.mellon import protected_attributes

    browser = requests.Session()
    location = away_from(browser, mellon_alone.protected_url)
    assert location.startswith(idp.sso_url + "?"), location
    params = raw_params(location)
    assert unquote(params["SigAlg"]) == sis.SIG_RSA_SHA256, params
    assert query_signature_ok(location, "SAMLRequest", mellon_alone.cert_path)
    xml = inflate(params["SAMLRequest"])
    request_id = re.search(r' ID="([^"]+)"', xml).group(1)
    assert f">{mellon_alone.entity_id}<" in xml, xml

    identity = {"uid": ["mellon-uid"], "email": ["mellon@example.org"], "groups": ["alpha", "beta"]}
    kwargs = {}
    if encrypted:  # AES-256-GCM, rsa-oaep-mgf1p: what lasso (libxmlsec1 1.2) decrypts
        cert = "".join(line for line in mellon_alone.cert_path.read_text().splitlines() if "-----" not in line)
        kwargs = {"encrypt_assertion": True, "encrypt_cert_assertion": cert}
    saml_response = idp.response(
        request_id, mellon_alone.acs_url, mellon_alone.entity_id, "m-1", identity=identity, **kwargs
    )
    assert (AES256_GCM in base64.b64decode(saml_response).decode()) is encrypted
    posted = browser.post(
        mellon_alone.acs_url,
        data={"SAMLResponse": saml_response, "RelayState": unquote(params.get("RelayState", ""))},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert posted.status_code in (302, 303), f"{posted.status_code}\n{posted.text[:2000]}\n{mellon_alone.log_text()}"
    page = browser.get(mellon_alone.protected_url, allow_redirects=False, timeout=TIMEOUT)
    assert page.status_code == 200, f"{page.status_code}\n{page.text[:2000]}\n{mellon_alone.log_text()}"
    env = protected_attributes(page.text)
    assert env.get("MELLON_uid") == "mellon-uid", env
    assert env.get("MELLON_email") == "mellon@example.org", env
    assert sorted(env.get("MELLON_groups", "").split(";")) == ["alpha", "beta"], env
    # Twin: another browser, no session: sent to the IdP again.
    assert away_from(requests.Session(), mellon_alone.protected_url).startswith(idp.sso_url + "?")


def test_mellon_trusts_a_second_idp_in_place(mellon_alone, idp, tmp_path):
    second = ThrowawayIdp(tmp_path / "second", [mellon_alone.metadata_path.read_text()])
    try:
        pid = mellon_alone.proc.pid
        assert mellon_alone.trust_idp(second.entity_id) == second.entity_id
        assert mellon_alone.proc.pid == pid, "the restart kept the process"
        for target in (second, idp):
            location = away_from(requests.Session(), mellon_alone.login_url(target.entity_id))
            assert location.startswith(target.sso_url + "?"), location
    finally:
        second.close()


def test_mellon_stops_by_its_pid(tmp_path, idp):
    from sp.mellon import MellonPeer

    idp_file = tmp_path / "idp.xml"
    idp_file.write_text(idp.metadata_xml)
    peer = MellonPeer(tmp_path / "logs")
    peer.start([idp_file])
    root, port, pid = peer.root, peer.port, peer.proc.pid
    assert requests.get(peer.base_url + "/index.html", timeout=TIMEOUT).status_code == 200
    assert peer.stop() == 0
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    with contextlib.closing(socket.socket()) as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0, "the port still answers"
    assert not root.exists()
    assert (tmp_path / "logs" / "mellon-error.log").is_file()
