"""A test eIDAS identity provider for Limen's eID sign-in (docs/FEDERATION.md §5, §8.1): PyPI
`pysaml2` (its IdP `Server`: AuthnRequest parsing, Response and Assertion building, XML signing
and encryption through Debian's `xmlsec1`) with the eIDAS profile added here.

    python eidas_idp.py --port P --dir DIR [--sp-metadata-url URL ...] [--loopback-issuer-metadata]
                        [--country XX] [--sp-country YY]

- Generates once, into DIR, its signing key and a self-signed certificate: `DIR/idp-signing.key`,
  `DIR/idp-signing.pem` (the certificate Limen pins, `idp_certificates`). The key is ECDSA P-256
  and everything is signed `xmldsig-more#ecdsa-sha256` (RFC 6931 §2.3.6) when xmlsec1 lists the
  `ecdsa-sha256` transform (Debian 12's xmlsec1 1.2.37 does); otherwise an RSA-3072 key signing
  `xmldsig-more#rsa-sha256`, which Limen accepts only with `allow_rsa_pkcs1 = true`. RSA-PSS is
  not offered: xmlsec1 1.2 has no PSS transform. `--port 0` picks a free port.
- Listens on 127.0.0.1 only and prints `READY http://127.0.0.1:P` once it does; SIGTERM or SIGINT
  stops it. Entity ID `http://127.0.0.1:P/idp/metadata` (its metadata is served there), single
  sign-on service `http://127.0.0.1:P/idp/sso`, HTTP-Redirect and HTTP-POST bindings.
- The SP: its metadata (Limen's `/upstream/ID/metadata`) is fetched from `--sp-metadata-url` (may
  be repeated) at each AuthnRequest, so Limen may start after the IdP and may rotate its keys. It
  gives the SP's entity ID, its ACS (HTTP-POST), its signing certificate (which verifies the
  request) and its encryption certificate (the first one listed, which the assertion is encrypted
  to). With `--loopback-issuer-metadata`, an AuthnRequest whose Issuer is an http URL on a
  loopback host (127.0.0.1, localhost, [::1]) also has its metadata fetched from that URL (Limen's
  default SP entity ID is its metadata URL): the pytest fixture starts the IdP so, for Limens
  whose port is not known when the IdP starts.
- Requests must be signed (eIDAS Message Format; Limen's metadata says AuthnRequestsSigned).
  HTTP-Redirect: the query-string signature (SAML Bindings §3.4.4.1) over the parameters exactly
  as they were URL-encoded in the request, verified with the `cryptography` package, because
  pysaml2's own redirect check knows RSA PKCS#1 only. `SigAlg` may be
  `xmldsig-more#ecdsa-sha256/384/512` (the signature value is r‖s, each as long as the curve's
  order, as XML-DSig encodes ECDSA: RFC 6931 §2.3.6; DER is refused),
  `xmldsig-more#sha256-rsa-MGF1` (and -384/-512; RSA-PSS, salt length = hash length, RFC 6931
  §2.3.10) or `xmldsig-more#rsa-sha256/384/512`; SHA-1 is refused. HTTP-POST: the enveloped
  XML signature, verified by pysaml2 with xmlsec1.
- The page "Test eID" (`/idp/login/TICKET`, where `/idp/sso` redirects) is a plain form, POSTed to
  the same URL, fields: `given_name` (default Jean), `family_name` (Dupont), `date_of_birth`
  (1980-01-31), `identifier` (0123456789), `loa` (one of `low`, `substantial`, `high`,
  `NotNotified`; default the requested level, `substantial` when none was requested), and the
  button "Sign in". Test knobs, hidden fields unless the page is opened with `?knobs=1` (then
  checkboxes): `unsigned_response=1` (the Response is not signed), `plain_assertion=1` (the signed
  Assertion is sent in the clear, not as an EncryptedAssertion), `wrong_audience=1` (the Audience
  is WRONG_AUDIENCE instead of the SP's entity ID). A ticket answers once.
- The answer (SAML Profiles §4.1.4, eIDAS Message Format): an HTML form posting `SAMLResponse`
  and `RelayState` to the ACS, with a visible "Continue" button and an auto-submit script beside
  it. The Response (Destination = the ACS, InResponseTo = the request's ID, Issuer = the entity
  ID) is signed; its Assertion is signed, then encrypted (`EncryptedAssertion`: content
  `xmlenc11#aes128-gcm`, key transport `xmlenc#rsa-oaep-mgf1p` — its OAEP digest is xmlsec1's
  default SHA-1 — to the SP's encryption certificate, the assertion carrying its own namespace
  declarations). Signatures: exclusive C14N, SHA-256 digests, one reference to the signed
  element's ID. The assertion: NameID persistent (the PersonIdentifier), one bearer
  SubjectConfirmation (Recipient = the ACS, InResponseTo), Conditions with the AudienceRestriction
  (the SP's entity ID) and NotOnOrAfter now + 5 minutes, one AuthnStatement whose
  AuthnContextClassRef is `http://eidas.europa.eu/LoA/<loa>` (`NotNotified`:
  `http://eidas.europa.eu/NotNotified/LoA/high`, the eIDAS 1.2 URI of a non-notified scheme), and
  the four mandatory natural-person attributes (eIDAS Attribute Profile §2.2, NameFormat uri):
  PersonIdentifier `XX/YY/identifier` (XX = --country, default LU; YY = --sp-country, default BE),
  CurrentFamilyName, CurrentGivenName, DateOfBirth, each AttributeValue typed `xsi:type="xs:string"`
  with `xmlns:xs` declared on it (pysaml2's way; exclusive C14N leaves that declaration out of the
  digested form, as it is not visibly used).
"""

from __future__ import annotations

import argparse
import base64
import datetime
import html
import logging
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import warnings
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote_plus, urlsplit

import requests
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.oid import NameOID

# pysaml2 7.5 still names CFB where cryptography deprecated it: not this IdP's concern.
warnings.filterwarnings("ignore", category=CryptographyDeprecationWarning)

import saml2.entity
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.attribute_converter import AttributeConverter
from saml2.config import IdPConfig
from saml2.mdstore import InMemoryMetaData
from saml2.metadata import entity_descriptor, sign_entity_descriptor
from saml2.saml import (
    NAME_FORMAT_URI,
    NAMEID_FORMAT_PERSISTENT,
    NAMEID_FORMAT_TRANSIENT,
    NAMEID_FORMAT_UNSPECIFIED,
    NameID,
)
from saml2.samlp import authn_request_from_string
from saml2.server import Server
from saml2.sigver import RSA_OAEP_MGF1P, get_pem_wrapped_unwrapped, make_temp, pre_encryption_part
from saml2.time_util import in_a_while
from saml2.xmldsig import DIGEST_SHA256, SIG_ALLOWED_ALG, SIG_ECDSA_SHA256, SIG_RSA_SHA256

# pysaml2 signs ECDSA through xmlsec1 but its own allow-list ("XXX SIG_ALLOWED_ALG should be
# configurable", saml2/entity.py) names RSA only: ECDSA-SHA256 is added to it.
saml2.entity.SIG_ALLOWED_ALG = (*SIG_ALLOWED_ALG, ("SIG_ECDSA_SHA256", SIG_ECDSA_SHA256))

AES128_GCM = "http://www.w3.org/2009/xmlenc11#aes128-gcm"
NATURAL_PERSON = "http://eidas.europa.eu/attributes/naturalperson/"
# The mandatory natural-person attributes (eIDAS SAML Attribute Profile §2.2) and their
# FriendlyNames.
ATTRIBUTES = {
    "PersonIdentifier": NATURAL_PERSON + "PersonIdentifier",
    "FamilyName": NATURAL_PERSON + "CurrentFamilyName",
    "FirstName": NATURAL_PERSON + "CurrentGivenName",
    "DateOfBirth": NATURAL_PERSON + "DateOfBirth",
}
LOA_PREFIX = "http://eidas.europa.eu/LoA/"
LOAS = {
    "low": LOA_PREFIX + "low",
    "substantial": LOA_PREFIX + "substantial",
    "high": LOA_PREFIX + "high",
    "NotNotified": "http://eidas.europa.eu/NotNotified/LoA/high",
}
DEFAULT_PERSON = {
    "given_name": "Jean",
    "family_name": "Dupont",
    "date_of_birth": "1980-01-31",
    "identifier": "0123456789",
}
KNOBS = ("unsigned_response", "plain_assertion", "wrong_audience")
WRONG_AUDIENCE = "http://wrong-audience.invalid/sp"
TICKET_SECONDS = 600
LIFETIME_MINUTES = 5

# SigAlg URIs of the HTTP-Redirect binding this IdP verifies (RFC 6931).
ECDSA_ALGS = {
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256": hashes.SHA256,
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384": hashes.SHA384,
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512": hashes.SHA512,
}
PSS_ALGS = {
    "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1": hashes.SHA256,
    "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1": hashes.SHA384,
    "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1": hashes.SHA512,
}
PKCS1_ALGS = {
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": hashes.SHA256,
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384": hashes.SHA384,
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512": hashes.SHA512,
}

log = logging.getLogger("eidas_idp")


class RequestRefused(Exception):
    """An AuthnRequest this IdP does not answer: shown on a 400 page."""


# --------------------------------------------------------------------------------------------
# Keys
# --------------------------------------------------------------------------------------------


def xmlsec1_has(transform: str) -> bool:
    binary = shutil.which("xmlsec1")
    if binary is None:
        raise SystemExit("eidas_idp.py: xmlsec1 is not installed (Debian's xmlsec1)")
    out = subprocess.run([binary, "--list-transforms"], capture_output=True, text=True, check=True).stdout
    return f'"{transform}"' in out


def signing_key(directory: Path) -> tuple[Path, Path, str]:
    """(key file, certificate file, signature algorithm URI), generated on first use."""
    key_path, cert_path = directory / "idp-signing.key", directory / "idp-signing.pem"
    if not (key_path.exists() and cert_path.exists()):
        directory.mkdir(parents=True, exist_ok=True)
        if xmlsec1_has("ecdsa-sha256"):
            key = ec.generate_private_key(ec.SECP256R1())
        else:
            key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Limen test eIDAS IdP")])
        now = datetime.datetime.now(datetime.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=3650))
            .sign(key, hashes.SHA256())
        )
        tmp = key_path.with_suffix(".key.tmp")
        tmp.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        tmp.chmod(0o600)
        tmp.replace(key_path)
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    alg = SIG_ECDSA_SHA256 if isinstance(cert.public_key(), ec.EllipticCurvePublicKey) else SIG_RSA_SHA256
    return key_path, cert_path, alg


# --------------------------------------------------------------------------------------------
# HTTP-Redirect signatures (SAML Bindings §3.4.4.1)
# --------------------------------------------------------------------------------------------


def raw_query_values(query: str) -> dict[str, str]:
    """The query's parameters with their values still URL-encoded, as the signer encoded them."""
    out: dict[str, str] = {}
    for part in query.split("&"):
        key, _, value = part.partition("=")
        if key in out:
            raise RequestRefused(f"the query has {key} twice")
        out[key] = value
    return out


def verify_redirect_signature(query: str, certificates: list[x509.Certificate]) -> str:
    """Checks the query-string signature of a SAMLRequest; returns the SigAlg."""
    raw = raw_query_values(query)
    if "Signature" not in raw or "SigAlg" not in raw:
        raise RequestRefused("the AuthnRequest is not signed (no Signature or SigAlg in the query)")
    signed = "&".join(f"{k}={raw[k]}" for k in ("SAMLRequest", "RelayState", "SigAlg") if k in raw).encode("ascii")
    sig_alg = unquote_plus(raw["SigAlg"])
    try:
        signature = base64.b64decode(unquote_plus(raw["Signature"]), validate=True)
    except ValueError as exc:
        raise RequestRefused("the Signature parameter is not base64") from exc
    if not certificates:
        raise RequestRefused("the SP metadata has no signing certificate")
    for cert in certificates:
        key = cert.public_key()
        try:
            if sig_alg in ECDSA_ALGS and isinstance(key, ec.EllipticCurvePublicKey):
                width = (key.curve.key_size + 7) // 8
                if len(signature) != 2 * width:
                    raise InvalidSignature(f"an ECDSA r‖s value is {2 * width} bytes, not {len(signature)}")
                r = int.from_bytes(signature[:width], "big")
                s = int.from_bytes(signature[width:], "big")
                key.verify(encode_dss_signature(r, s), signed, ec.ECDSA(ECDSA_ALGS[sig_alg]()))
            elif sig_alg in PSS_ALGS and isinstance(key, rsa.RSAPublicKey):
                digest = PSS_ALGS[sig_alg]()
                key.verify(signature, signed, padding.PSS(padding.MGF1(digest), digest.digest_size), digest)
            elif sig_alg in PKCS1_ALGS and isinstance(key, rsa.RSAPublicKey):
                key.verify(signature, signed, padding.PKCS1v15(), PKCS1_ALGS[sig_alg]())
            else:
                continue
            return sig_alg
        except InvalidSignature:
            continue
    raise RequestRefused(f"the AuthnRequest's signature ({sig_alg}) does not verify with the SP's signing certificates")


# --------------------------------------------------------------------------------------------
# The pysaml2 server, with the eIDAS profile's encryption and the test knobs
# --------------------------------------------------------------------------------------------


class EidasServer(Server):
    """pysaml2's IdP with two hooks: the assertion is encrypted with AES-128-GCM (pysaml2's own
    choice, 3DES-CBC, is refused by eIDAS) and `wrong_audience` replaces the Audience."""

    wrong_audience = False

    def _encrypt_assertion(self, encrypt_cert, sp_entity_id, response, node_xpath=None):
        wrapped, unwrapped = get_pem_wrapped_unwrapped(encrypt_cert)
        cert_file = make_temp(wrapped.encode("ascii"), decode=False, delete_tmpfiles=True)
        template = pre_encryption_part(msg_enc=AES128_GCM, key_enc=RSA_OAEP_MGF1P, encrypt_cert=unwrapped)
        return self.sec.crypto.encrypt_assertion(
            response, cert_file.name, template, key_type="aes-128", node_xpath=node_xpath
        )

    def setup_assertion(self, *args, **kwargs):
        assertion = super().setup_assertion(*args, **kwargs)
        if self.wrong_audience:
            for restriction in assertion.conditions.audience_restriction:
                for audience in restriction.audience:
                    audience.text = WRONG_AUDIENCE
        return assertion


def eidas_converter() -> AttributeConverter:
    conv = AttributeConverter(NAME_FORMAT_URI)
    conv.from_dict(
        {
            "identifier": NAME_FORMAT_URI,
            "fro": {uri: name for name, uri in ATTRIBUTES.items()},
            "to": {name: uri for name, uri in ATTRIBUTES.items()},
        }
    )
    return conv


@dataclass
class Pending:
    """An AuthnRequest answered by the Test eID page (its ticket)."""

    sp_entity_id: str
    acs_url: str
    request_id: str
    relay_state: str | None
    requested_loa: str | None  # the short name: low, substantial, high
    name_id_format: str
    requested_attributes: list[str]
    binding: str
    sig_alg: str
    created: float


class EidasIdp:
    def __init__(
        self,
        base: str,
        directory: Path,
        metadata_urls: list[str],
        country: str,
        sp_country: str,
        loopback_issuer_metadata: bool = False,
    ):
        self.base = base
        self.loopback_issuer_metadata = loopback_issuer_metadata
        self.entity_id = f"{base}/idp/metadata"
        self.sso_url = f"{base}/idp/sso"
        self.country = country
        self.sp_country = sp_country
        self.metadata_urls = list(metadata_urls)
        self.key_file, self.cert_file, self.sign_alg = signing_key(directory)
        config = IdPConfig()
        config.load(
            {
                "entityid": self.entity_id,
                "key_file": str(self.key_file),
                "cert_file": str(self.cert_file),
                "xmlsec_binary": shutil.which("xmlsec1"),
                "delete_tmpfiles": True,
                "accepted_time_diff": 180,
                "metadata": {},
                "signing_algorithm": self.sign_alg,
                "digest_algorithm": DIGEST_SHA256,
                "service": {
                    "idp": {
                        "name": "Limen test eIDAS IdP",
                        "endpoints": {
                            "single_sign_on_service": [
                                (self.sso_url, BINDING_HTTP_REDIRECT),
                                (self.sso_url, BINDING_HTTP_POST),
                            ]
                        },
                        # Checked here (redirect) or below (POST): see verify().
                        "want_authn_requests_signed": False,
                        "name_id_format": [NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_TRANSIENT],
                        "policy": {
                            "default": {
                                "lifetime": {"minutes": LIFETIME_MINUTES},
                                "attribute_restrictions": None,
                                "name_form": NAME_FORMAT_URI,
                            }
                        },
                    }
                },
            }
        )
        config.attribute_converters = [eidas_converter()]
        self.server = EidasServer(config=config)
        self.lock = threading.Lock()  # pysaml2's server is used by one request at a time
        self.pending: dict[str, Pending] = {}

    # SP metadata -------------------------------------------------------------------------------
    def refresh_metadata(self, issuer: str) -> list[str]:
        """Fetches every SP metadata URL again (and the issuer's, when it is a loopback URL and
        --loopback-issuer-metadata is on); returns what failed (an SP that is down)."""
        failures = []
        store = self.server.metadata
        urls = list(self.metadata_urls)
        if self.loopback_issuer_metadata and is_loopback_http(issuer) and issuer not in urls:
            urls.append(issuer)
        for url in urls:
            try:
                resp = requests.get(url, timeout=10)
                resp.raise_for_status()
                md = InMemoryMetaData(store.attrc, resp.text)
                md.load()
            except Exception as exc:  # noqa: BLE001 - reported on the error page when it matters
                failures.append(f"{url}: {exc}")
                store.metadata.pop(url, None)
                continue
            store.metadata[url] = md
        return failures

    def sp_certificates(self, sp_entity_id: str, use: str) -> list[str]:
        return [cert for _name, cert in self.server.metadata.certs(sp_entity_id, "spsso", use)]

    # The AuthnRequest --------------------------------------------------------------------------
    def receive(self, saml_request: str, relay_state: str | None, binding: str, raw_query: str) -> str:
        """Parses and verifies an AuthnRequest; returns the ticket of its Test eID page."""
        with self.lock:
            try:
                xml = self.server.unravel(saml_request, binding, "SAMLRequest")
                message = authn_request_from_string(xml)
            except Exception as exc:
                raise RequestRefused(f"SAMLRequest is not an AuthnRequest: {exc}") from exc
            if message is None or message.issuer is None or not (message.issuer.text or "").strip():
                raise RequestRefused("the AuthnRequest has no Issuer")
            sp_entity_id = message.issuer.text.strip()
            failures = self.refresh_metadata(sp_entity_id)
            if sp_entity_id not in self.server.metadata.keys():  # noqa: SIM118 - no __contains__ there
                raise RequestRefused(
                    f"no SP metadata has the entity ID {sp_entity_id!r} (metadata URLs: {self.metadata_urls}; "
                    f"failed: {failures})"
                )
            if binding == BINDING_HTTP_REDIRECT:
                certs = [
                    x509.load_der_x509_certificate(base64.b64decode(c))
                    for c in self.sp_certificates(sp_entity_id, "signing")
                ]
                sig_alg = verify_redirect_signature(raw_query, certs)
            else:
                try:
                    self.server.sec.correctly_signed_authn_request(xml, must=True)
                except Exception as exc:
                    raise RequestRefused(f"the AuthnRequest's XML signature does not verify: {exc}") from exc
                sig_alg = "enveloped XML signature"
            try:
                req = self.server.parse_authn_request(saml_request, binding)
            except Exception as exc:
                raise RequestRefused(f"pysaml2 refused the AuthnRequest: {exc}") from exc
            if req is None:
                raise RequestRefused("pysaml2 refused the AuthnRequest (Destination or IssueInstant)")
            message = req.message
            try:
                args = self.server.response_args(message, [BINDING_HTTP_POST])
            except Exception as exc:
                raise RequestRefused(f"no HTTP-POST assertion consumer service fits: {exc}") from exc
            requested_loa = None
            rac = message.requested_authn_context
            if rac is not None and rac.authn_context_class_ref:
                uri = (rac.authn_context_class_ref[0].text or "").strip()
                requested_loa = next((k for k, v in LOAS.items() if v == uri and k != "NotNotified"), None)
                if requested_loa is None:
                    raise RequestRefused(f"the requested level {uri!r} is not an eIDAS LoA")
            policy = message.name_id_policy
            fmt = policy.format if policy is not None and policy.format else NAMEID_FORMAT_PERSISTENT
            if fmt == NAMEID_FORMAT_UNSPECIFIED:
                fmt = NAMEID_FORMAT_PERSISTENT
            if fmt not in (NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_TRANSIENT):
                raise RequestRefused(f"NameIDPolicy format {fmt!r} is not offered")
            pending = Pending(
                sp_entity_id=sp_entity_id,
                acs_url=args["destination"],
                request_id=message.id,
                relay_state=relay_state,
                requested_loa=requested_loa,
                name_id_format=fmt,
                requested_attributes=requested_attribute_names(message),
                binding=binding,
                sig_alg=sig_alg,
                created=time.monotonic(),
            )
            now = time.monotonic()
            self.pending = {k: p for k, p in self.pending.items() if now - p.created < TICKET_SECONDS}
            ticket = secrets.token_urlsafe(24)
            self.pending[ticket] = pending
            return ticket

    # The Response --------------------------------------------------------------------------------
    def respond(self, ticket: str, form: dict[str, str]) -> tuple[Pending, str]:
        """The signed (and encrypted) Response to the ticket's request, base64-encoded."""
        with self.lock:
            pending = self.pending.pop(ticket, None)
            if pending is None:
                raise RequestRefused("this sign-in page was already answered or has expired")
            loa = form.get("loa") or pending.requested_loa or "substantial"
            if loa not in LOAS:
                raise RequestRefused(f"unknown level {loa!r}")
            person = {k: form.get(k, v) for k, v in DEFAULT_PERSON.items()}
            pid = f"{self.country}/{self.sp_country}/{person['identifier']}"
            identity = {
                "PersonIdentifier": [pid],
                "FamilyName": [person["family_name"]],
                "FirstName": [person["given_name"]],
                "DateOfBirth": [person["date_of_birth"]],
            }
            encrypt = form.get("plain_assertion") != "1"
            enc_certs = self.sp_certificates(pending.sp_entity_id, "encryption")
            if encrypt and not enc_certs:
                raise RequestRefused("the SP metadata has no encryption certificate")
            self.server.wrong_audience = form.get("wrong_audience") == "1"
            try:
                response = self.server.create_authn_response(
                    identity,
                    in_response_to=pending.request_id,
                    destination=pending.acs_url,
                    sp_entity_id=pending.sp_entity_id,
                    name_id=NameID(format=pending.name_id_format, text=pid),
                    authn={"class_ref": LOAS[loa], "authn_auth": self.entity_id},
                    sign_response=form.get("unsigned_response") != "1",
                    sign_assertion=True,
                    encrypt_assertion=encrypt,
                    encrypt_assertion_self_contained=True,
                    encrypt_cert_assertion=enc_certs[0] if encrypt else None,
                    best_effort=True,
                    sign_alg=self.sign_alg,
                    digest_alg=DIGEST_SHA256,
                )
            finally:
                self.server.wrong_audience = False
            return pending, base64.b64encode(str(response).encode("utf-8")).decode("ascii")

    def metadata(self) -> str:
        """The IdP's metadata (SAML Metadata §2.4.3), signed, valid 7 days. pysaml2's own list of
        every algorithm xmlsec1 knows (md5 and sha1 among them) is left out, and
        WantAuthnRequestsSigned is true: this IdP checks the signatures itself (receive())."""
        with self.lock:
            descriptor = entity_descriptor(self.server.config)
            descriptor.extensions = None
            descriptor.idpsso_descriptor.want_authn_requests_signed = "true"
            descriptor.valid_until = in_a_while(days=7)
            _signed, xml = sign_entity_descriptor(
                descriptor, None, self.server.sec, sign_alg=self.sign_alg, digest_alg=DIGEST_SHA256
            )
            return xml


def is_loopback_http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1")


def requested_attribute_names(message) -> list[str]:
    """The names in the eidas:RequestedAttributes extension (informational, for the page)."""
    names = []
    extensions = message.extensions
    for element in (extensions.extension_elements if extensions is not None else []) or []:
        if element.tag == "RequestedAttributes":
            for child in element.children or []:
                if child.tag == "RequestedAttribute" and "Name" in child.attributes:
                    names.append(child.attributes["Name"])
    return names


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------

STYLE = (
    "body{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}"
    "label{display:block;margin:.6rem 0 .2rem}input[type=text],select{width:100%;padding:.3rem}"
    "button{margin-top:1rem;padding:.5rem 1.5rem}fieldset{margin-top:1rem}dt{font-weight:bold}"
)


def page(title: str, body: str) -> bytes:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head>'
        f"<body>{body}</body></html>"
    ).encode()


def login_page(ticket: str, pending: Pending, knobs: bool) -> bytes:
    e = html.escape
    default_loa = pending.requested_loa or "substantial"
    options = "".join(f'<option value="{k}"{" selected" if k == default_loa else ""}>{e(k)}</option>' for k in LOAS)
    fields = "".join(
        f'<label for="{name}">{label}</label><input type="text" id="{name}" name="{name}" value="{e(value)}">'
        for name, label, value in (
            ("given_name", "Given name", DEFAULT_PERSON["given_name"]),
            ("family_name", "Family name", DEFAULT_PERSON["family_name"]),
            ("date_of_birth", "Date of birth (YYYY-MM-DD)", DEFAULT_PERSON["date_of_birth"]),
            ("identifier", "Identifier", DEFAULT_PERSON["identifier"]),
        )
    )
    if knobs:
        knob_html = (
            "<fieldset><legend>Test knobs</legend>"
            + "".join(f'<label><input type="checkbox" name="{k}" value="1"> {k}</label>' for k in KNOBS)
            + "</fieldset>"
        )
    else:
        knob_html = "".join(f'<input type="hidden" name="{k}" value="">' for k in KNOBS)
    requested = ", ".join(a.rsplit("/", 1)[-1] for a in pending.requested_attributes) or "none listed"
    body = (
        "<h1>Test eID</h1>"
        "<p>A test eIDAS identity provider: whatever you enter here is asserted.</p>"
        f"<dl><dt>Service provider</dt><dd>{e(pending.sp_entity_id)}</dd>"
        f"<dt>Requested level</dt><dd>{e(pending.requested_loa or 'none')}</dd>"
        f"<dt>Requested attributes</dt><dd>{e(requested)}</dd></dl>"
        f'<form method="post" action="/idp/login/{e(ticket)}">{fields}'
        f'<label for="loa">Level of assurance</label><select id="loa" name="loa">{options}</select>'
        f'{knob_html}<button type="submit">Sign in</button></form>'
    )
    return page("Test eID", body)


def post_page(acs_url: str, saml_response: str, relay_state: str | None) -> bytes:
    e = html.escape
    relay = f'<input type="hidden" name="RelayState" value="{e(relay_state)}">' if relay_state is not None else ""
    body = (
        "<h1>Test eID</h1><p>Signed in. Continue to the service.</p>"
        f'<form method="post" action="{e(acs_url)}">'
        f'<input type="hidden" name="SAMLResponse" value="{e(saml_response)}">{relay}'
        '<button type="submit">Continue</button></form>'
        "<script>document.forms[0].submit()</script>"
    )
    return page("Test eID", body)


# --------------------------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------------------------


def make_handler(idp: EidasIdp):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "LimenTestEidasIdp"

        def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", headers=()):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for k, v in headers:
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def refuse(self, reason: str, status: int = 400):
            log.warning("refused: %s", reason)
            self.send(status, page("Test eID: refused", f"<h1>Request refused</h1><p>{html.escape(reason)}</p>"))

        def form(self) -> dict[str, str]:
            length = int(self.headers.get("Content-Length") or 0)
            if length > 256 * 1024:
                raise RequestRefused("body too large")
            body = self.rfile.read(length).decode("utf-8", errors="replace")
            return {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}

        def do_GET(self):
            url = urlsplit(self.path)
            try:
                if url.path == "/idp/metadata":
                    self.send(200, idp.metadata().encode("utf-8"), "application/samlmetadata+xml")
                elif url.path == "/idp/sso":
                    q = {k: v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
                    if "SAMLRequest" not in q:
                        raise RequestRefused("no SAMLRequest")
                    ticket = idp.receive(q["SAMLRequest"], q.get("RelayState"), BINDING_HTTP_REDIRECT, url.query)
                    self.to_login(ticket, q.get("knobs") == "1")
                elif url.path.startswith("/idp/login/"):
                    ticket = url.path.removeprefix("/idp/login/")
                    pending = idp.pending.get(ticket)
                    if pending is None:
                        raise RequestRefused("this sign-in page was already answered or has expired")
                    knobs = parse_qs(url.query).get("knobs") == ["1"]
                    self.send(200, login_page(ticket, pending, knobs))
                elif url.path == "/":
                    self.send(200, page("Test eID", f"<h1>Test eID</h1><p>Metadata: {idp.entity_id}</p>"))
                else:
                    self.send(404, page("Not found", "<h1>Not found</h1>"))
            except RequestRefused as exc:
                self.refuse(str(exc))
            except Exception as exc:
                log.exception("error")
                self.refuse(f"internal error: {exc!r}", 500)

        do_HEAD = do_GET

        def do_POST(self):
            url = urlsplit(self.path)
            try:
                form = self.form()
                if url.path == "/idp/sso":
                    if "SAMLRequest" not in form:
                        raise RequestRefused("no SAMLRequest")
                    ticket = idp.receive(form["SAMLRequest"], form.get("RelayState"), BINDING_HTTP_POST, "")
                    self.to_login(ticket, parse_qs(url.query).get("knobs") == ["1"])
                elif url.path.startswith("/idp/login/"):
                    pending, response = idp.respond(url.path.removeprefix("/idp/login/"), form)
                    self.send(200, post_page(pending.acs_url, response, pending.relay_state))
                else:
                    self.send(404, page("Not found", "<h1>Not found</h1>"))
            except RequestRefused as exc:
                self.refuse(str(exc))
            except Exception as exc:
                log.exception("error")
                self.refuse(f"internal error: {exc!r}", 500)

        def to_login(self, ticket: str, knobs: bool):
            location = f"/idp/login/{ticket}" + ("?knobs=1" if knobs else "")
            self.send(303, b"", headers=[("Location", location)])

        def log_message(self, format, *args):
            log.info("%s %s", self.address_string(), format % args)

    return Handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True, help="TCP port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--sp-metadata-url", action="append", default=[], help="the SP's metadata URL (repeatable)")
    parser.add_argument("--dir", type=Path, required=True, help="where the signing key and certificate live")
    parser.add_argument("--country", default="LU", help="XX of PersonIdentifier XX/YY/id (default LU)")
    parser.add_argument("--sp-country", default="BE", help="YY of PersonIdentifier XX/YY/id (default BE)")
    parser.add_argument(
        "--loopback-issuer-metadata",
        action="store_true",
        help="also fetch an SP's metadata from its Issuer when that is an http URL on a loopback host",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("saml2").setLevel(logging.WARNING)

    httpd = ThreadingHTTPServer(("127.0.0.1", args.port), None)
    httpd.daemon_threads = True
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    idp = EidasIdp(base, args.dir, args.sp_metadata_url, args.country, args.sp_country, args.loopback_issuer_metadata)
    httpd.RequestHandlerClass = make_handler(idp)

    def stop(_signum, _frame):
        threading.Thread(target=httpd.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"READY {base}", flush=True)
    try:
        httpd.serve_forever()
    finally:
        httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
