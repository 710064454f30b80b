"""Helpers and fixtures of the tests of Limen's SAML identity provider (docs/SAML.md §13.3): the
service providers this project did not write, started once per test session and independent of
the Limen under test, and a simulated browser walking SP → Limen's login → the auto-posted form →
the SP's ACS.

Peers (session fixtures; a missing package skips them, or fails them when CI is set):
- `sp_rsa`, `sp_ec`, `sp_enc`: sp/pysaml2_sp.py (PyPI pysaml2 with Debian's xmlsec1) signing
  RSA-SHA256, ECDSA-SHA256, and RSA-SHA256 with an encryption key (encrypted assertions);
- `mellon`: sp/mellon.py, Debian's Apache with mod_auth_mellon.

Per test: `register_sp(sp, **options)` registers an SP with the running Limen under a unique
service name (`limen service add --protocol saml --metadata FILE …`), makes the SP trust that
Limen's metadata (pysaml2: `POST /idp`; mellon: its IdP metadata file and an in-place restart),
and removes the service at the end of the test (`limen service remove NAME`), so that every test
starts from SPs Limen does not know.

`SamlBrowser.walk(resp)` follows redirects and SAML forms across Limen and the peers (loopback
origins it knows of only; any other Location is returned, never fetched), fills Limen's login
forms when given a user, and keeps a `Trace` of each step: the raw `SAMLResponse`s posted, the
last page. `saml_login(browser, sp, user, **params)` is the whole sign-in at a pysaml2 SP and
returns what its ACS answered (`Login`).

`crafted_request(...)` and `redirect_query(...)` make AuthnRequests by hand, signed with the SP's
own key, for the refusals that pysaml2 would not produce (a foreign ACS URL, a stale
IssueInstant, a DOCTYPE), each beside its unaltered twin.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import itertools
import secrets
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
import requests

import upstream_support as us
from limen_interop import HTTP_TIMEOUT, LimenServer, User, parse_forms
from oidc_support import OidcBrowser

SP_DIR = Path(__file__).resolve().parent / "sp"
MD = "urn:oasis:names:tc:SAML:2.0:metadata"
DS = "http://www.w3.org/2000/09/xmldsig#"
SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
POST_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
TRANSIENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"
EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
BASIC = "urn:oasis:names:tc:SAML:2.0:attrname-format:basic"
SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"
REQUESTER = "urn:oasis:names:tc:SAML:2.0:status:Requester"
RESPONDER = "urn:oasis:names:tc:SAML:2.0:status:Responder"
NO_PASSIVE = "urn:oasis:names:tc:SAML:2.0:status:NoPassive"
NO_AUTHN_CONTEXT = "urn:oasis:names:tc:SAML:2.0:status:NoAuthnContext"
INVALID_NAMEID_POLICY = "urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy"
SIG_RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SIG_ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
REDIRECTS = (301, 302, 303, 307, 308)

_names = itertools.count(1)


# --------------------------------------------------------------------------------------------
# The peers
# --------------------------------------------------------------------------------------------


@dataclass
class Pysaml2Sp:
    """sp/pysaml2_sp.py running (one process, one entity ID)."""

    process: us.PeerProcess
    directory: Path
    sign_alg: str
    encryption: bool

    @property
    def base_url(self) -> str:
        return self.process.base_url

    @property
    def entity_id(self) -> str:
        return self.base_url + "/metadata"

    @property
    def acs_url(self) -> str:
        return self.base_url + "/acs"

    @property
    def slo_url(self) -> str:
        return self.base_url + "/slo"

    @property
    def key_path(self) -> Path:
        return self.directory / "sp-signing.key"

    @property
    def cert_path(self) -> Path:
        return self.directory / "sp-signing.pem"

    @property
    def cookie_name(self) -> str:
        return "pysaml2-sp-" + str(urlsplit(self.base_url).port)

    def metadata(self) -> str:
        resp = requests.get(self.entity_id, timeout=HTTP_TIMEOUT)
        assert resp.status_code == 200, f"GET {self.entity_id}: {resp.status_code}\n{resp.text[:1000]}"
        return resp.text

    def trust(self, server: LimenServer) -> str:
        """Loads that Limen's IdP metadata into the SP; returns its entity ID."""
        return self.trust_url(server.url("/saml/metadata"))

    def trust_url(self, url: str) -> str:
        """Loads the IdP metadata at `url` (loopback http) into the SP; returns its entity ID."""
        resp = requests.post(self.base_url + "/idp", data={"url": url}, timeout=HTTP_TIMEOUT)
        assert resp.status_code == 200, f"the SP could not load {url}: {resp.status_code}\n{resp.text[:2000]}"
        return resp.json()["entity_id"]

    def login_url(self, server: LimenServer, **params: str) -> str:
        """`/login` for that Limen: binding, force, passive, authn_context, comparison, nameid,
        relay_state, sign (see sp/pysaml2_sp.py)."""
        return self.base_url + "/login?" + urlencode({"idp": server.url("/saml/metadata"), **params})

    def whoami(self, browser: requests.Session) -> requests.Response:
        return browser.get(self.base_url + "/whoami", timeout=HTTP_TIMEOUT, allow_redirects=False)

    def last_response(self) -> str:
        resp = requests.get(self.base_url + "/last", timeout=HTTP_TIMEOUT)
        assert resp.status_code == 200, f"the SP received no SAMLResponse yet: {resp.text}"
        return resp.text


def start_pysaml2_sp(workdir: Path, sign_alg: str = "rsa-sha256", encryption: bool = False) -> Pysaml2Sp:
    if us.xmlsec1_binary() is None:
        us.missing("xmlsec1 is not installed (Debian's xmlsec1; scripts/test installs it)")
    directory = workdir / "keys"
    args = [sys.executable, str(SP_DIR / "pysaml2_sp.py"), "--port", "0", "--dir", str(directory)]
    args += ["--sign-alg", sign_alg] + (["--encryption"] if encryption else [])
    name = f"pysaml2-sp-{sign_alg}{'-enc' if encryption else ''}"
    process = us.PeerProcess(name, args, workdir, "/metadata")
    process.start()
    return Pysaml2Sp(process, directory, sign_alg, encryption)


def _serve_sp(tmp_path_factory, name: str, **options):
    sp = start_pysaml2_sp(tmp_path_factory.mktemp(name), **options)
    try:
        yield sp
    finally:
        died = not sp.process.alive()
        code = sp.process.stop()
        if died:
            pytest.fail(f"{name} died during the tests (status {code}):\n{sp.process.log_text()}", pytrace=False)


@pytest.fixture(scope="session")
def sp_rsa(tmp_path_factory):
    """The pysaml2 SP signing RSA-SHA256, no encryption key."""
    yield from _serve_sp(tmp_path_factory, "sp-rsa", sign_alg="rsa-sha256")


@pytest.fixture(scope="session")
def sp_ec(tmp_path_factory):
    """The pysaml2 SP signing ECDSA-SHA256 (P-256), no encryption key."""
    yield from _serve_sp(tmp_path_factory, "sp-ec", sign_alg="ecdsa-sha256")


@pytest.fixture(scope="session")
def sp_enc(tmp_path_factory):
    """The pysaml2 SP signing RSA-SHA256 with an RSA encryption key: encrypted assertions."""
    yield from _serve_sp(tmp_path_factory, "sp-enc", sign_alg="rsa-sha256", encryption=True)


@pytest.fixture(scope="session")
def mellon(tmp_path_factory):
    """Apache with mod_auth_mellon (sp/mellon.py's MellonPeer), once per session."""
    from sp.mellon import MellonPeer, missing

    reason = missing()
    if reason is not None:
        us.missing(reason)
    peer = MellonPeer(tmp_path_factory.mktemp("mellon"))
    try:
        peer.start()
    except BaseException:
        peer.stop()
        raise
    try:
        yield peer
    finally:
        died = not peer.alive()
        log = peer.log_text()
        code = peer.stop()
        if died:
            pytest.fail(f"apache2 (mellon) died during the tests (status {code}):\n{log}", pytrace=False)


@pytest.fixture(scope="session")
def uid_of_user(world) -> str:
    """The test user's uid as CAS 3 releases it (SAML's `uid`, mellon's MELLON_uid: the same)."""
    import cas

    ticket = world.browser().login(world.s1, world.user)
    client = cas.CASClient(version=3, service_url=world.s1, server_url=world.server.cas_url)
    user, _attributes, _ = client.verify_ticket(ticket)
    assert user, "CAS 3 validation of a fresh ticket failed"
    return user


@pytest.fixture(scope="session")
def groups_of_user(world) -> list[str]:
    """Two groups the test user belongs to (docs/GROUPS.md), sorted."""
    db = world.server.database_url
    names = sorted(f"saml-{tag}-{secrets.token_hex(3)}" for tag in ("alpha", "beta"))
    for name in names:
        world.server.cli("group", "add", "--database", db, name)
        world.server.cli("group", "member", "add", "--database", db, name, world.user.email)
    return names


# --------------------------------------------------------------------------------------------
# Registration with the Limen under test
# --------------------------------------------------------------------------------------------


def is_mellon(sp) -> bool:
    return hasattr(sp, "trust_idp")


def register(
    server: LimenServer,
    sp,
    *,
    name: str | None = None,
    nameid: str | None = None,
    attributes: list[str] | None = None,
    accept_strengths: str | None = None,
    authentication_level: str | None = None,
    encrypt: str | None = None,
    idp_initiated: bool = False,
    require_signed_requests: str | None = None,
    extra: list[str] | None = None,
) -> str:
    """`limen service add --protocol saml --metadata FILE` for this SP (its metadata saved in
    the server's working directory); the SP then trusts that Limen. Returns the service name.
    mellon is registered with `--nameid persistent,transient` unless told: its AuthnRequests ask
    for a transient NameID (NameIDPolicy Format, as lasso writes it)."""
    name = name or f"SAML interop {next(_names)} {secrets.token_hex(3)}"
    if is_mellon(sp) and nameid is None:
        nameid = "persistent,transient"  # mellon (lasso) asks for a transient NameID
    if is_mellon(sp):
        metadata_file = sp.metadata_path
    else:
        metadata_file = server.workdir / f"sp-{urlsplit(sp.base_url).port}-{secrets.token_hex(3)}.xml"
        text = sp.metadata()
        if require_signed_requests == "no":
            # Limen refuses to accept unsigned requests from an SP whose metadata says it signs
            # them all (AuthnRequestsSigned="true"): the twin is an SP that says it does not.
            text = text.replace('AuthnRequestsSigned="true"', 'AuthnRequestsSigned="false"')
        metadata_file.write_text(text, encoding="utf-8")
    args = ["service", "add", "--database", server.database_url, "--name", name, "--protocol", "saml"]
    args += ["--metadata", str(metadata_file)]
    if nameid:
        args += ["--nameid", nameid]
    if attributes:
        args += ["--attributes", ",".join(attributes)]
    if accept_strengths:
        args += ["--accept-strengths", accept_strengths]
    if authentication_level:
        args += ["--authentication-level", authentication_level]
    if encrypt:
        args += ["--encrypt", encrypt]
    if idp_initiated:
        args.append("--idp-initiated")
    if require_signed_requests:
        args += ["--require-signed-requests", require_signed_requests]
    server.cli(*args, *(extra or []))
    if is_mellon(sp):
        if server.url("/saml/metadata") not in sp.idp_files:
            sp.trust_idp(server.url("/saml/metadata"))
    else:
        sp.trust(server)
    return name


def unregister(server: LimenServer, name: str) -> None:
    server.cli("service", "remove", "--database", server.database_url, name)


@pytest.fixture
def register_sp(world):
    """`register_sp(sp, **options)`: registered for this test only."""
    names: list[str] = []

    def add(sp, **options) -> str:
        name = register(world.server, sp, **options)
        names.append(name)
        return name

    yield add
    for name in names:
        unregister(world.server, name)


# --------------------------------------------------------------------------------------------
# The browser
# --------------------------------------------------------------------------------------------


@dataclass
class Step:
    method: str
    url: str
    status: int
    fields: dict[str, str] = field(default_factory=dict)  # what was posted


@dataclass
class Trace:
    steps: list[Step] = field(default_factory=list)
    final: requests.Response | None = None
    left_to: str | None = None  # a Location outside the known origins, not followed

    def posted(self, name: str) -> list[tuple[str, str]]:
        """(URL, value) of every POST carrying the field `name` (SAMLResponse, SAMLRequest)."""
        return [(s.url, s.fields[name]) for s in self.steps if s.method == "POST" and name in s.fields]

    def visits(self, endpoint: str, name: str) -> list[Step]:
        """The steps to `endpoint` (a URL without query) carrying the SAML field `name`, in the
        query (Redirect binding) or the posted form (POST binding), whatever the parameter order."""
        found = []
        for step in self.steps:
            parts = urlsplit(step.url)
            if f"{parts.scheme}://{parts.netloc}{parts.path}" != endpoint:
                continue
            if name in step.fields or name in {p.partition("=")[0] for p in parts.query.split("&")}:
                found.append(step)
        return found


def saml_form(resp: requests.Response):
    """The form of a page posting SAMLResponse or SAMLRequest (Bind §3.5.4), or None."""
    if resp.status_code != 200 or "text/html" not in resp.headers.get("Content-Type", ""):
        return None
    for form in parse_forms(resp.text):
        if form.method == "post" and {"SAMLResponse", "SAMLRequest"} & form.names():
            return form
    return None


class SamlBrowser(OidcBrowser):
    """One cookie jar for Limen and the SPs (all on 127.0.0.1)."""

    MAX_WALK = 40

    def __init__(self, server: LimenServer, *peers):
        super().__init__(server)
        self.origins = {self._origin(server.base_url)} | {self._origin(p.base_url) for p in peers}

    def add_peer(self, peer) -> None:
        self.origins.add(self._origin(peer.base_url))

    def known(self, url: str) -> bool:
        return self._origin(url) in self.origins

    def walk(self, resp: requests.Response, user: User | None = None, *, post_saml: bool = True) -> Trace:
        """Follows `resp`: redirects among the known origins, Limen's login forms (with `user`),
        and auto-submitting SAML forms (unless `post_saml` is false: then the walk stops at such a
        page). Stops at any other page, or at a Location outside the known origins."""
        trace = Trace()
        trace.steps.append(Step(resp.request.method or "GET", resp.url, resp.status_code))
        for _ in range(self.MAX_WALK):
            if resp.status_code in REDIRECTS:
                location = urljoin(resp.url, resp.headers.get("Location", ""))
                if not self.known(location):
                    trace.left_to, trace.final = location, resp
                    return trace
                resp = self.fetch(location)
                trace.steps.append(Step("GET", location, resp.status_code))
                continue
            form = saml_form(resp)
            if form is not None and post_saml:
                action = urljoin(resp.url, form.action)
                data = form.hidden()
                if not self.known(action):
                    trace.left_to, trace.final = action, resp
                    return trace
                resp = self.session.post(action, data=data, allow_redirects=False, timeout=HTTP_TIMEOUT)
                trace.steps.append(Step("POST", action, resp.status_code, data))
                continue
            if (
                resp.status_code == 200
                and user is not None
                and self._origin(resp.url) == self._origin(self.server.base_url)
            ):
                forms = [f for f in parse_forms(resp.text) if f.method == "post" and "csrf_token" in f.names()]
                names = forms[0].names() if forms else set()
                if "password" in names or "email" in names:
                    resp = (
                        self.submit_password(resp, user.password)
                        if "password" in names
                        else self.submit_email(resp, user.email)
                    )
                    trace.steps.append(Step("POST", resp.url, resp.status_code))
                    continue
            trace.final = resp
            return trace
        raise AssertionError(f"more than {self.MAX_WALK} steps: {[s.url for s in trace.steps][-8:]}")


@dataclass
class Login:
    """A sign-in at a pysaml2 SP through Limen."""

    request_id: str
    trace: Trace
    acs: requests.Response  # the SP's answer at /acs
    saml_response: str  # the raw base64 SAMLResponse posted to the ACS

    @property
    def info(self) -> dict:
        assert self.acs.status_code == 200, f"the SP refused the Response: {self.acs.status_code}\n{self.acs.text}"
        return self.acs.json()

    @property
    def xml(self) -> str:
        return base64.b64decode(self.saml_response).decode("utf-8")


def start_login(browser: SamlBrowser, sp: Pysaml2Sp, **params: str) -> tuple[str, requests.Response]:
    """The SP's AuthnRequest as the browser takes it to Limen: (request ID, Limen's answer)."""
    resp = browser.fetch(sp.login_url(browser.server, **params))
    request_id = resp.headers.get("X-Request-ID", "")
    assert request_id, f"the SP made no AuthnRequest: {resp.status_code}\n{resp.text[:2000]}"
    if resp.status_code in REDIRECTS:
        location = resp.headers["Location"]
        assert location.startswith(browser.server.url("/saml/sso?")), location
        return request_id, browser.fetch(location)
    form = saml_form(resp)
    assert form is not None and form.action == browser.server.url("/saml/sso"), resp.text[:2000]
    return request_id, browser.session.post(
        form.action, data=form.hidden(), allow_redirects=False, timeout=HTTP_TIMEOUT
    )


def saml_login(browser: SamlBrowser, sp: Pysaml2Sp, user: User | None = None, **params: str) -> Login:
    """SP → Limen (its login forms filled for `user`, none when the session suffices) → the
    auto-posted Response → the SP's ACS."""
    browser.add_peer(sp)
    request_id, first = start_login(browser, sp, **params)
    trace = browser.walk(first, user)
    posted = [(url, value) for url, value in trace.posted("SAMLResponse") if url == sp.acs_url]
    assert posted, (
        f"no SAMLResponse reached {sp.acs_url}; steps {[(s.method, s.url, s.status) for s in trace.steps]}\n"
        f"last page: {trace.final.status_code if trace.final is not None else None} "
        f"{trace.final.text[:2000] if trace.final is not None else ''}"
    )
    assert trace.final is not None and urljoin(trace.final.url, "") == sp.acs_url, trace.final.url
    return Login(request_id, trace, trace.final, posted[-1][1])


def assert_error_page(resp: requests.Response) -> None:
    """Limen's error page: HTTP 400, HTML, no redirect and nothing sent to an SP (no SAML form)."""
    assert resp.status_code == 400, f"expected Limen's 400 page, got {resp.status_code} {resp.url}\n{resp.text[:2000]}"
    assert "Location" not in resp.headers, resp.headers["Location"]
    assert resp.headers.get("Content-Type", "").startswith("text/html"), resp.headers
    assert saml_form(resp) is None, "an error page carries a SAML form"


def assert_accepted(browser: SamlBrowser, resp: requests.Response) -> requests.Response:
    """A request Limen took: followed within Limen, it reaches the login page or the form
    posting a Response to the ACS."""
    page = browser.follow(resp)
    assert not isinstance(page, str), f"Limen sent the browser away to {page}"
    forms = parse_forms(page.text) if page.status_code == 200 else []
    login = any(f.method == "post" and {"csrf_token", "email"} <= f.names() for f in forms)
    login = login or any(f.method == "post" and {"csrf_token", "password"} <= f.names() for f in forms)
    assert login or saml_form(page) is not None, f"not accepted: {page.status_code} {page.url}\n{page.text[:2000]}"
    return page


# --------------------------------------------------------------------------------------------
# Hand-made AuthnRequests, signed with the SP's key
# --------------------------------------------------------------------------------------------


def instant(delta_seconds: int = 0) -> str:
    now = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=delta_seconds)
    return now.strftime("%Y-%m-%dT%H:%M:%SZ")


def crafted_request(
    server: LimenServer,
    issuer: str,
    *,
    request_id: str | None = None,
    issue_instant: str | None = None,
    acs_url: str | None = None,
    acs_index: int | None = None,
    destination: str | None = "",
    doctype: bool = False,
) -> str:
    """An AuthnRequest (Core §3.4.1) written here: Destination Limen's SSO URL unless given
    (None: absent), the ACS by URL or index when given, NameIDPolicy persistent. `doctype`: an
    internal DTD with nested entities (billion laughs) and a reference in the Issuer's place."""
    request_id = request_id or "_" + secrets.token_hex(20)
    attrs = f'ID="{request_id}" Version="2.0" IssueInstant="{issue_instant or instant()}"'
    dest = server.url("/saml/sso") if destination == "" else destination
    if dest is not None:
        attrs += f' Destination="{dest}"'
    if acs_url is not None:
        attrs += f' AssertionConsumerServiceURL="{acs_url}" ProtocolBinding="{POST_BINDING}"'
    if acs_index is not None:
        attrs += f' AssertionConsumerServiceIndex="{acs_index}"'
    prolog = ""
    issuer_text = issuer
    if doctype:
        entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
        )
        prolog = f"<!DOCTYPE samlp:AuthnRequest [{entities}]>"
        issuer_text = issuer + "&i;"
    return (
        f'{prolog}<samlp:AuthnRequest xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}" {attrs}>'
        f"<saml:Issuer>{issuer_text}</saml:Issuer>"
        f'<samlp:NameIDPolicy Format="{PERSISTENT}" AllowCreate="true"/>'
        "</samlp:AuthnRequest>"
    )


def load_private_key(path: Path):
    from cryptography.hazmat.primitives import serialization

    return serialization.load_pem_private_key(path.read_bytes(), None)


def redirect_query(
    server: LimenServer,
    xml: str,
    key_path: Path | None,
    sig_alg: str,
    relay_state: str | None = None,
    tamper: bool = False,
) -> str:
    """Limen's SSO URL with the HTTP-Redirect binding of `xml` (Bind §3.4.4.1), signed with the
    key at `key_path` (None: unsigned). `tamper`: RelayState changed after signing."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    params = [("SAMLRequest", base64.b64encode(zlib.compress(xml.encode("utf-8"))[2:-4]).decode("ascii"))]
    if relay_state is not None:
        params.append(("RelayState", relay_state))
    if key_path is not None:
        params.append(("SigAlg", sig_alg))
    query = urlencode(params)
    if key_path is not None:
        key = load_private_key(key_path)
        if isinstance(key, ec.EllipticCurvePrivateKey):
            r, s = decode_dss_signature(key.sign(query.encode("ascii"), ec.ECDSA(hashes.SHA256())))
            signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
        else:
            signature = key.sign(query.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
        if tamper:
            assert relay_state, "tampering changes the RelayState"
            query = query.replace("RelayState=" + urlencode({"": relay_state})[1:], "RelayState=tampered")
        query += "&" + urlencode({"Signature": base64.b64encode(signature).decode("ascii")})
    return server.url("/saml/sso") + "?" + query


def sign_with_sp(sp: Pysaml2Sp, server: LimenServer, xml: str, **kwargs) -> str:
    return redirect_query(
        server, xml, sp.key_path, SIG_ECDSA_SHA256 if sp.sign_alg == "ecdsa-sha256" else SIG_RSA_SHA256, **kwargs
    )


# --------------------------------------------------------------------------------------------
# Limen's metadata and xmlsec1
# --------------------------------------------------------------------------------------------


def idp_metadata(server: LimenServer) -> requests.Response:
    resp = requests.get(server.url("/saml/metadata"), timeout=HTTP_TIMEOUT)
    assert resp.status_code == 200, f"GET /saml/metadata: {resp.status_code}\n{resp.text[:2000]}"
    return resp


def idp_signing_certificates(server: LimenServer, directory: Path) -> list[Path]:
    """Limen's published signing certificates (KeyDescriptor use="signing"), as PEM files."""
    import lxml.etree

    doc = lxml.etree.fromstring(idp_metadata(server).content)
    paths = []
    for i, cert in enumerate(doc.iterfind(f".//{{{MD}}}KeyDescriptor[@use='signing']//{{{DS}}}X509Certificate")):
        b64 = "".join((cert.text or "").split())
        lines = [b64[j : j + 64] for j in range(0, len(b64), 64)]
        path = directory / f"limen-signing-{i}.pem"
        path.write_text("-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n")
        paths.append(path)
    assert paths, "Limen's metadata publishes no signing certificate"
    return paths


def xmlsec1_verifies(xml: str, certificates: list[Path], id_attr: str, directory: Path) -> bool:
    """`xmlsec1 --verify` of the document's first signature with any of the certificates."""
    path = us.xml_file(directory, f"verify-{secrets.token_hex(4)}.xml", xml)
    with contextlib.suppress(FileNotFoundError):
        for cert in certificates:
            if us.xmlsec1_verify(cert, id_attr, path).returncode == 0:
                return True
    return False
