"""A SAML 2.0 service provider on PyPI `pysaml2` (its `Saml2Client` builds the AuthnRequests and
logout messages, signs XML, checks and decrypts Responses through Debian's `xmlsec1`), for Limen's
SAML identity provider (docs/SAML.md §13.3).

    python pysaml2_sp.py --port 0 --dir DIR [--sign-alg rsa-sha256|ecdsa-sha256] [--encryption]
                         [--want-assertions-signed yes|no] [--idp-metadata URL ...]

On 127.0.0.1 only; prints `READY http://127.0.0.1:P` when listening; SIGTERM/SIGINT stop it. Keys
are made at start into DIR. IdP metadata comes from loopback http URLs (--idp-metadata, `POST /idp`
url=, `/login?idp=URL`), fetched again at each, so Limen may start later.

- `/metadata` (Meta §2.4.4): ACS HTTP-POST `/acs`, SLO Redirect+POST `/slo`, NameIDFormats
  persistent/transient/emailAddress, and only the SP's own `alg:SigningMethod` (AlgSup §2).
- `/login?idp=&binding=redirect|post&force=1&passive=1&authn_context=X,Y&comparison=minimum&
  nameid=persistent|transient|email|unspecified&relay_state=..&sign=0`: an AuthnRequest; Redirect
  (Bind §3.4): a 303, query signed (§3.4.4.1; ECDSA r‖s, RFC 6931 §2.3.6); POST (§3.5): an
  auto-submitting form, enveloped signature. Header `X-Request-ID`: its ID.
- `/acs` POST: pysaml2's checks (signatures, Destination, InResponseTo, Audience, times,
  decryption): JSON {name_id, name_id_format, name_qualifier, sp_name_qualifier, session_index,
  attributes, attribute_name_formats, authn_context, in_response_to, issuer, relay_state,
  encrypted, response_signed, assertion_signed} and a session (cookie `pysaml2-sp-P`); a signed
  error Response: 200 {status, second_status, in_response_to}; else 400 with the reason.
- `/logout`: SP-initiated SLO (Prof §4.4), a signed Redirect LogoutRequest. `/slo` GET|POST: the
  IdP's signed LogoutRequest ends the sessions of its NameID (and SessionIndex), answered by a
  signed Redirect LogoutResponse; the LogoutResponse to our request ends that session (JSON).
- `/whoami`: the session (JSON) or 401. `/last`: the raw SAMLResponse last posted to /acs.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import datetime
import html
import json
import secrets
import shutil
import signal
import sys
import threading
import warnings
import zlib
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import requests
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.oid import NameOID
from lxml import etree

warnings.filterwarnings("ignore", category=CryptographyDeprecationWarning)

import saml2.entity
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.extension.algsupport import DigestMethod, SigningMethod
from saml2.md import EncryptionMethod, Extensions
from saml2.mdstore import InMemoryMetaData
from saml2.metadata import entity_descriptor
from saml2.response import StatusError
from saml2.saml import AuthnContextClassRef, NameID
from saml2.samlp import RequestedAuthnContext
from saml2.xmldsig import DIGEST_SHA256, SIG_ALLOWED_ALG, SIG_ECDSA_SHA256, SIG_RSA_SHA256

# pysaml2 signs ECDSA through xmlsec1, but its allow-list names RSA only (as in eidas_idp.py).
saml2.entity.SIG_ALLOWED_ALG = (*SIG_ALLOWED_ALG, ("SIG_ECDSA_SHA256", SIG_ECDSA_SHA256))

NAMEID = {"persistent": "2.0:nameid-format:persistent", "transient": "2.0:nameid-format:transient"}
NAMEID |= {"email": "1.1:nameid-format:emailAddress", "unspecified": "1.1:nameid-format:unspecified"}
NAMEID = {k: "urn:oasis:names:tc:SAML:" + v for k, v in NAMEID.items()}
SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
DS = "http://www.w3.org/2000/09/xmldsig#"
# The session's keys and the NameID's attributes (Core §2.2.2).
NAMEID_FIELDS = {"name_id": "text", "name_id_format": "format", "name_qualifier": "name_qualifier"}
NAMEID_FIELDS["sp_name_qualifier"] = "sp_name_qualifier"
ALGS = {"rsa-sha256": SIG_RSA_SHA256, "ecdsa-sha256": SIG_ECDSA_SHA256}
ENC_ALGS = ("http://www.w3.org/2009/xmlenc11#aes256-gcm", "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p")
NO_PASSWORD = serialization.NoEncryption()
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class Refused(Exception):
    """A message this SP does not accept: a 400 with the reason."""


def make_key_pair(directory: Path, stem: str, key, name: str) -> tuple[Path, Path]:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    validity = {"not_valid_before": now - datetime.timedelta(days=1), "not_valid_after": now + datetime.timedelta(365)}
    builder = x509.CertificateBuilder(subject, subject, key.public_key(), x509.random_serial_number(), **validity)
    cert = builder.sign(key, hashes.SHA256())
    key_path, cert_path = directory / f"{stem}.key", directory / f"{stem}.pem"
    key_path.touch(mode=0o600)
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, NO_PASSWORD))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def sign_query(key, message: bytes) -> bytes:
    if isinstance(key, ec.EllipticCurvePrivateKey):
        r, s = decode_dss_signature(key.sign(message, ec.ECDSA(hashes.SHA256())))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return key.sign(message, padding.PKCS1v15(), hashes.SHA256())


def redirect_url(location: str, typ: str, xml: str, relay_state: str | None, key, sig_alg: str, sign=True) -> str:
    """DEFLATE (RFC 1951), base64, URL-encode; the signature over `typ=..&RelayState=..&SigAlg=..`
    exactly as encoded here."""
    deflated = zlib.compress(xml.encode("utf-8"))[2:-4]
    params = [(typ, base64.b64encode(deflated).decode("ascii"))]
    params += [("RelayState", relay_state)] if relay_state else []
    query = urlencode(params + ([("SigAlg", sig_alg)] if sign else []))
    if sign:
        query += "&" + urlencode({"Signature": base64.b64encode(sign_query(key, query.encode("ascii")))})
    return location + ("&" if "?" in location else "?") + query


def verify_query(raw_query: str, typ: str, certificates: list[str]) -> None:
    """A Redirect-binding signature over the parameters as they arrived (never re-encoded)."""
    raw: dict[str, str] = {}
    for part in raw_query.split("&"):
        name, _, value = part.partition("=")
        if name in raw:
            raise Refused(f"{name} twice in the query")
        raw[name] = value
    if "Signature" not in raw or "SigAlg" not in raw:
        raise Refused("the message is not signed")
    signed = "&".join(f"{k}={raw[k]}" for k in (typ, "RelayState", "SigAlg") if k in raw).encode("ascii")
    sig_alg = unquote(raw["SigAlg"].replace("+", " "))
    signature = base64.b64decode(unquote(raw["Signature"].replace("+", " ")))
    for pem in certificates:
        key = x509.load_der_x509_certificate(base64.b64decode("".join(pem.split()))).public_key()
        try:
            if sig_alg == SIG_ECDSA_SHA256 and isinstance(key, ec.EllipticCurvePublicKey) and len(signature) == 64:
                der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
                key.verify(der, signed, ec.ECDSA(hashes.SHA256()))
                return
            if sig_alg == SIG_RSA_SHA256 and isinstance(key, rsa.RSAPublicKey):
                key.verify(signature, signed, padding.PKCS1v15(), hashes.SHA256())
                return
        except InvalidSignature:
            continue
    raise Refused(f"the query signature ({sig_alg}) does not verify with the IdP's keys")


def parse_xml(text: str | bytes):
    text = text.encode("utf-8") if isinstance(text, str) else text
    if b"<!DOCTYPE" in text or b"<!ENTITY" in text:
        raise Refused("a DOCTYPE in a SAML message")
    try:
        return etree.fromstring(text, SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise Refused(f"not XML: {exc}") from exc


def issuer_of(xml: str) -> str:
    node = parse_xml(xml).find(f"{{{SAML}}}Issuer")
    if node is None or not (node.text or "").strip():
        raise Refused("no Issuer")
    return node.text.strip()


class ServiceProvider:
    def __init__(self, base: str, directory: Path, sign_alg: str, encryption: bool, want_assertions_signed: bool):
        directory.mkdir(parents=True, exist_ok=True)
        self.base = base
        self.entity_id = base + "/metadata"
        self.cookie = "pysaml2-sp-" + base.rsplit(":", 1)[1]
        self.sig_alg = ALGS[sign_alg]
        ecdsa = sign_alg == "ecdsa-sha256"
        self.key = ec.generate_private_key(ec.SECP256R1()) if ecdsa else rsa.generate_private_key(65537, 3072)
        self.key_path, self.cert_path = make_key_pair(directory, "sp-signing", self.key, "pysaml2 SP signing")
        enc = []
        if encryption:
            enc_key = rsa.generate_private_key(65537, 3072)
            enc_paths = make_key_pair(directory, "sp-encryption", enc_key, "pysaml2 SP encryption")
            enc = [{"key_file": str(enc_paths[0]), "cert_file": str(enc_paths[1])}]
        slo = [(base + "/slo", BINDING_HTTP_REDIRECT), (base + "/slo", BINDING_HTTP_POST)]
        acs = [(base + "/acs", BINDING_HTTP_POST)]
        sp: dict = {"endpoints": {"assertion_consumer_service": acs, "single_logout_service": slo}}
        sp |= {"authn_requests_signed": True, "want_response_signed": True, "allow_unsolicited": False}
        sp |= {"want_assertions_signed": want_assertions_signed, "only_use_keys_in_metadata": True}
        sp["name_id_format"] = [NAMEID["persistent"], NAMEID["transient"], NAMEID["email"]]
        config = SPConfig()
        settings = {"entityid": self.entity_id, "key_file": str(self.key_path), "cert_file": str(self.cert_path)}
        settings |= {"encryption_keypairs": enc or None, "xmlsec_binary": shutil.which("xmlsec1"), "metadata": {}}
        settings |= {"delete_tmpfiles": True, "allow_unknown_attributes": True, "accepted_time_diff": 60}
        settings |= {"signing_algorithm": self.sig_alg, "digest_algorithm": DIGEST_SHA256, "service": {"sp": sp}}
        config.load(settings)
        self.client = Saml2Client(config=config)
        descriptor = entity_descriptor(config)
        algs = [DigestMethod(algorithm=DIGEST_SHA256), SigningMethod(algorithm=self.sig_alg)]
        descriptor.extensions = Extensions(extension_elements=[saml2.element_to_extension_element(a) for a in algs])
        for kd in descriptor.spsso_descriptor.key_descriptor:  # what xmlsec1 1.2 decrypts (XEnc §5.2, §5.4.2)
            kd.encryption_method = [EncryptionMethod(algorithm=a) for a in ENC_ALGS] if kd.use == "encryption" else []
        self.metadata_xml = str(descriptor)
        self.lock = threading.RLock()
        self.idps: dict[str, str] = {}  # metadata URL -> entity ID
        self.outstanding: dict[str, str] = {}  # AuthnRequest ID -> IdP entity ID
        self.logouts: dict[str, str] = {}  # LogoutRequest ID -> session id
        self.sessions: dict[str, dict] = {}
        self.last_response: str | None = None

    def load_idp(self, url: str) -> str:
        parts = urlsplit(url)
        if parts.scheme != "http" or parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise Refused(f"IdP metadata is fetched from loopback http URLs only, not {url!r}")
        resp = requests.get(url, timeout=10)
        if resp.status_code != 200:
            raise Refused(f"GET {url}: {resp.status_code}")
        entity_id = parse_xml(resp.content).get("entityID") or ""
        md = InMemoryMetaData(self.client.config.attribute_converters, resp.text)
        md.load()
        with self.lock:
            self.client.metadata.metadata[url] = md
            self.idps[url] = entity_id
        return entity_id

    def idp_for(self, url: str | None) -> str:
        if not url and not self.idps:
            raise Refused("no IdP metadata loaded (give idp=URL)")
        return self.load_idp(url or list(self.idps)[-1])

    def idp_endpoint(self, entity_id: str, kind: str, binding: str) -> str:
        for srv in getattr(self.client.metadata, kind)(entity_id, binding, "idpsso") or []:
            return srv["location"]
        raise Refused(f"the IdP has no {kind} for {binding}")

    # Web SSO (SAML Profiles §4.1) ---------------------------------------------------------------
    def login(self, q: dict[str, str]) -> tuple[str, str, str]:
        """(binding, URL or form page, request ID)."""
        with self.lock:
            idp = self.idp_for(q.get("idp"))
            binding = BINDING_HTTP_POST if q.get("binding") == "post" else BINDING_HTTP_REDIRECT
            sign = q.get("sign", "1") != "0"
            destination = self.idp_endpoint(idp, "single_sign_on_service", binding)
            kwargs: dict = {"binding": BINDING_HTTP_POST, "sign": False}  # the Response's ProtocolBinding
            if q.get("authn_context"):
                refs = [AuthnContextClassRef(text=v) for v in q["authn_context"].split(",") if v]
                kwargs["requested_authn_context"] = RequestedAuthnContext(
                    authn_context_class_ref=refs, comparison=q.get("comparison") or "exact"
                )
            if q.get("force") == "1":
                kwargs["force_authn"] = "true"
            if q.get("passive") == "1":
                kwargs["is_passive"] = "true"
            nameid = q.get("nameid")
            if nameid and nameid not in NAMEID:
                raise Refused(f"nameid must be one of {sorted(NAMEID)}")
            if sign and binding == BINDING_HTTP_POST:  # enveloped (Bind §3.5.4), else the query's
                kwargs |= {"sign": True, "sign_alg": self.sig_alg, "digest_alg": DIGEST_SHA256}
            nameid_format = NAMEID[nameid] if nameid else None
            req_id, request = self.client.create_authn_request(destination, nameid_format=nameid_format, **kwargs)
            self.outstanding[req_id] = idp
            relay = q.get("relay_state")
            if binding == BINDING_HTTP_REDIRECT:
                url = redirect_url(destination, "SAMLRequest", str(request), relay, self.key, self.sig_alg, sign)
                return "redirect", url, req_id
            encoded = base64.b64encode(str(request).encode("utf-8")).decode("ascii")
            return "post", post_page(destination, "SAMLRequest", encoded, relay), req_id

    def acs(self, form: dict[str, str]) -> tuple[dict, str | None]:
        """(the JSON answer, the new session id or None)."""
        raw = form.get("SAMLResponse")
        if not raw:
            raise Refused("no SAMLResponse")
        with self.lock:
            self.last_response = raw
            try:
                root = parse_xml(base64.b64decode(raw))
            except ValueError as exc:
                raise Refused(f"SAMLResponse is not base64: {exc}") from exc
            try:
                outstanding = dict(self.outstanding)
                resp = self.client.parse_authn_request_response(raw, BINDING_HTTP_POST, outstanding=outstanding)
            except StatusError:
                # pysaml2 raises it after checking the Response's signature (StatusResponse._loads).
                codes = [c.get("Value") for c in root.iterfind(f"{{{SAMLP}}}Status//{{{SAMLP}}}StatusCode")]
                self.outstanding.pop(root.get("InResponseTo") or "", None)
                out = {"status": codes[0] if codes else None, "second_status": codes[1] if len(codes) > 1 else None}
                return out | {"in_response_to": root.get("InResponseTo")}, None
            except Exception as exc:
                raise Refused(f"pysaml2 refused the Response: {type(exc).__name__}: {exc}") from exc
            if resp is None or resp.assertion is None:
                raise Refused("pysaml2 refused the Response (no valid assertion)")
            self.outstanding.pop(resp.in_response_to, None)
            assertion = resp.assertion
            attributes, formats = {}, {}
            for statement in assertion.attribute_statement:
                for attr in statement.attribute:
                    attributes.setdefault(attr.name, []).extend(v.text or "" for v in attr.attribute_value)
                    formats[attr.name] = attr.name_format
            authn = assertion.authn_statement[0] if assertion.authn_statement else None
            ref = authn.authn_context.authn_context_class_ref if authn and authn.authn_context else None
            nid = resp.name_id
            info = {k: getattr(nid, attr, None) for k, attr in NAMEID_FIELDS.items()}
            info |= {"session_index": authn.session_index if authn else None, "relay_state": form.get("RelayState")}
            info |= {"attributes": attributes, "attribute_name_formats": formats, "issuer": resp.issuer()}
            info |= {"authn_context": ref.text if ref is not None else None, "in_response_to": resp.in_response_to}
            info |= {"encrypted": root.find(f"{{{SAML}}}EncryptedAssertion") is not None}
            info |= {"response_signed": root.find(f"{{{DS}}}Signature") is not None}
            info["assertion_signed"] = bool(assertion.signature)
            sid = secrets.token_urlsafe(24)
            self.sessions[sid] = info
            return info, sid

    # Single logout (SAML Profiles §4.4) -----------------------------------------------------------
    def logout(self, sid: str) -> str:
        with self.lock:
            session = self.sessions[sid]
            idp = session["issuer"]
            destination = self.idp_endpoint(idp, "single_logout_service", BINDING_HTTP_REDIRECT)
            name_id = NameID(**{attr: session[k] for k, attr in NAMEID_FIELDS.items()})
            req_id, request = self.client.create_logout_request(
                destination, idp, name_id=name_id, session_indexes=[session["session_index"]], sign=False
            )
            self.logouts[req_id] = sid
            return redirect_url(destination, "SAMLRequest", str(request), None, self.key, self.sig_alg)

    def slo(self, binding: str, fields: dict[str, str], raw_query: str) -> tuple[str, object]:
        """("redirect", URL) for an IdP's LogoutRequest, ("json", dict) for a LogoutResponse."""
        with self.lock:
            typ = "SAMLRequest" if "SAMLRequest" in fields else "SAMLResponse"
            if typ not in fields:
                raise Refused("neither SAMLRequest nor SAMLResponse")
            raw = fields[typ]
            xml = self.client.unravel(raw, binding, typ.removeprefix("SAML").lower())
            idp = issuer_of(xml)  # read only to choose the keys
            if binding == BINDING_HTTP_REDIRECT:
                if parse_xml(xml).find(f"{{{DS}}}Signature") is not None:
                    raise Refused("a Redirect-binding message carries an XML signature")
                verify_query(raw_query, typ, [c for _n, c in self.client.metadata.certs(idp, "idpsso", "signing")])
            else:
                check = (
                    self.client.sec.correctly_signed_logout_request
                    if typ == "SAMLRequest"
                    else self.client.sec.correctly_signed_logout_response
                )
                try:
                    check(xml, must=True)
                except Exception as exc:
                    raise Refused(f"the logout message's signature: {type(exc).__name__}: {exc}") from exc
            if typ == "SAMLRequest":
                req = self.client.parse_logout_request(raw, binding)
                if req is None:
                    raise Refused("pysaml2 refused the LogoutRequest")
                msg = req.message
                indexes = {si.text for si in msg.session_index or []}
                for sid, s in list(self.sessions.items()):
                    same = s["issuer"] == idp and s["name_id"] == msg.name_id.text
                    if same and (not indexes or s["session_index"] in indexes):
                        del self.sessions[sid]
                response = self.client.create_logout_response(msg, [BINDING_HTTP_REDIRECT], sign=False)
                relay = fields.get("RelayState")
                url = redirect_url(response.destination, "SAMLResponse", str(response), relay, self.key, self.sig_alg)
                return "redirect", url
            resp = self.client.parse_logout_request_response(raw, binding)
            if resp is None:
                raise Refused("pysaml2 refused the LogoutResponse")
            sid = self.logouts.pop(resp.in_response_to, None)
            if sid is None:
                raise Refused(f"a LogoutResponse to no request of this SP ({resp.in_response_to})")
            status = resp.response.status.status_code.value
            self.sessions.pop(sid, None)
            return "json", {"logged_out": True, "status": status, "in_response_to": resp.in_response_to}


def post_page(action: str, name: str, value: str, relay_state: str | None) -> bytes:
    e = html.escape
    relay = f'<input type="hidden" name="RelayState" value="{e(relay_state)}">' if relay_state else ""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>pysaml2 test SP</title></head><body>'
        f'<form method="post" action="{e(action)}"><input type="hidden" name="{name}" value="{e(value)}">{relay}'
        '<button type="submit">Continue</button></form><script>document.forms[0].submit()</script></body></html>'
    ).encode()


def make_handler(sp: ServiceProvider):
    no_session = (401, {"error": "no session"})

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def send(self, status: int, body: bytes | str | dict = b"", ctype="text/plain; charset=utf-8", extra=()):
            if isinstance(body, dict):
                body, ctype = json.dumps(body, ensure_ascii=False), "application/json"
            body = body.encode("utf-8") if isinstance(body, str) else body
            self.send_response(status)
            headers = [("Content-Type", ctype), ("Content-Length", str(len(body))), ("Cache-Control", "no-store")]
            for k, v in [*headers, *extra]:
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def route(self, method: str, path: str, q: dict[str, str], raw_query: str):
            cookie = SimpleCookie(self.headers.get("Cookie") or "")
            sid = cookie[sp.cookie].value if sp.cookie in cookie and cookie[sp.cookie].value in sp.sessions else None
            if (method, path) in (("GET", "/"), ("GET", "/metadata")):
                return 200, sp.metadata_xml, "application/samlmetadata+xml", ()
            if (method, path) == ("POST", "/idp"):
                return 200, {"entity_id": sp.load_idp(q.get("url", ""))}, None, ()
            if (method, path) == ("GET", "/login"):
                kind, out, req_id = sp.login(q)
                if kind == "redirect":
                    return 303, b"", None, [("Location", out), ("X-Request-ID", req_id)]
                return 200, out, "text/html; charset=utf-8", [("X-Request-ID", req_id)]
            if (method, path) == ("POST", "/acs"):
                info, new = sp.acs(q)
                return (
                    200,
                    info,
                    None,
                    [("Set-Cookie", f"{sp.cookie}={new}; Path=/; HttpOnly; SameSite=Lax")] if new else (),
                )
            if (method, path) == ("GET", "/logout"):
                return (303, b"", None, [("Location", sp.logout(sid))]) if sid else (*no_session, None, ())
            if path == "/slo":
                kind, out = sp.slo(BINDING_HTTP_POST if method == "POST" else BINDING_HTTP_REDIRECT, q, raw_query)
                return (303, b"", None, [("Location", out)]) if kind == "redirect" else (200, out, None, ())
            if (method, path) == ("GET", "/whoami"):
                return (200, sp.sessions[sid], None, ()) if sid else (*no_session, None, ())
            if (method, path) == ("GET", "/last"):
                return (200, sp.last_response, None, ()) if sp.last_response else (404, "none yet", None, ())
            return 404, "not found", None, ()

        def handle_method(self, method: str):
            url = urlsplit(self.path)
            raw = url.query
            try:
                if method == "POST":
                    length = int(self.headers.get("Content-Length") or 0)
                    if length > 512 * 1024:
                        raise Refused("body too large")
                    raw = self.rfile.read(length).decode("utf-8", errors="replace")
                q = {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}
                status, body, ctype, extra = self.route(method, url.path, q, url.query)
                self.send(status, body, ctype or "text/plain; charset=utf-8", extra)
            except Refused as exc:
                self.send(400, f"refused: {exc}")
            except Exception as exc:  # noqa: BLE001 - the test reads the reason
                self.send(500, f"internal error: {type(exc).__name__}: {exc}")

        def do_GET(self):
            self.handle_method("GET")

        def do_POST(self):
            self.handle_method("POST")

        def log_message(self, format, *args):
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

    return Handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True, help="TCP port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--dir", type=Path, required=True, help="where its keys are written")
    parser.add_argument("--sign-alg", choices=sorted(ALGS), default="rsa-sha256")
    parser.add_argument("--encryption", action="store_true", help="publish an encryption key (encrypted assertions)")
    parser.add_argument("--want-assertions-signed", choices=["yes", "no"], default="yes")
    parser.add_argument("--idp-metadata", action="append", default=[], help="the IdP's metadata URL (loopback http)")
    args = parser.parse_args(argv)
    if shutil.which("xmlsec1") is None:
        raise SystemExit("pysaml2_sp.py: xmlsec1 is not installed (Debian's xmlsec1)")

    httpd = ThreadingHTTPServer(("127.0.0.1", args.port), None)
    httpd.daemon_threads = True
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    sp = ServiceProvider(base, args.dir, args.sign_alg, args.encryption, args.want_assertions_signed == "yes")
    for url in args.idp_metadata:
        with contextlib.suppress(Refused, requests.RequestException):  # the IdP may start later
            sp.load_idp(url)
    httpd.RequestHandlerClass = make_handler(sp)

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda _n, _f: threading.Thread(target=httpd.shutdown, daemon=True).start())
    print(f"READY {base}", flush=True)
    try:
        httpd.serve_forever()
    finally:
        httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
