"""The upstream identity providers Limen signs users in through (docs/FEDERATION.md §8.1), run
here by software this project did not write, and the pytest fixtures that start them.

Each peer is started once per test session on 127.0.0.1 (`--port 0`: the peer picks a free port
and says which in its `READY http://127.0.0.1:P` line), its readiness URL is polled (bounded),
and it is stopped by its PID at the end:

- `oidc_upstream`: npm `oidc-provider` 9 (upstream/oidc_provider.mjs, Node). Account rule: the
  login typed, L, gives sub = L, email = L (or L@upstream.test), email_verified unless L starts
  with "unverified", given_name "Test", family_name = the e-mail's local part capitalised,
  locale "en"; `acr` = the first of the request's `acr_values` (`expected_claims()`).
- `mock_upstream`: PyPI `oidc-provider-mock` (upstream/oidc_mock.py): the claims of a `sub` are
  what `set_user(sub, claims)` stored, else `{"email": sub}`. No PKCE, no `iss` response
  parameter.
- `eidas_idp`: the pysaml2 eIDAS IdP (upstream/eidas_idp.py, Debian's xmlsec1): the "Test eID"
  form, ECDSA-SHA256 signatures, the assertion encrypted with RSA-OAEP + AES-128-GCM.

Each fixture object has the base URL and a `toml(limen_base_url, id)` giving the `[[upstream]]`
entry of a Limen under test. Redirect URIs, lazily: `toml()` registers a new client at the
provider (Dynamic Client Registration, RFC 7591) with the redirect URIs
`{limen_base_url}/upstream/{id}/callback` (and the same with `localhost` for `127.0.0.1` and the
reverse). Both providers compare loopback redirect URIs without their port (RFC 8252 §7.3:
oidc-provider does for `application_type: native` clients, the mock's launcher adds the same
rule), so the entry can be written before Limen has picked its port: `toml("http://127.0.0.1",
"test-oidc")` is fine. The client secret goes to a file (`client_secret_file`). The eIDAS IdP
fetches the SP metadata from the AuthnRequest's Issuer when that is a loopback http URL
(`--loopback-issuer-metadata`; Limen's default SP entity ID is its metadata URL), so nothing is
registered there.

Browser-less sign-in: `oidc_provider_sign_in`, `mock_sign_in` and `eidas_sign_in` drive each
peer's pages with a `requests.Session` (parsing the forms) and return what the browser would
bring back to Limen. `SamlTestSp` is a pysaml2 service provider (test_upstream_peers.py checks
the IdP with it, as Limen would use it).
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import importlib.util
import itertools
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import warnings
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode, urljoin, urlsplit

import pytest
import requests

HERE = Path(__file__).resolve().parent
UPSTREAM_DIR = HERE / "upstream"
START_TIMEOUT = 30.0  # seconds for a peer to say READY and answer its readiness URL
HTTP_TIMEOUT = 10.0

EIDAS_NP = "http://eidas.europa.eu/attributes/naturalperson/"
PERSON_IDENTIFIER = EIDAS_NP + "PersonIdentifier"
FAMILY_NAME = EIDAS_NP + "CurrentFamilyName"
GIVEN_NAME = EIDAS_NP + "CurrentGivenName"
DATE_OF_BIRTH = EIDAS_NP + "DateOfBirth"
EIDAS_ATTRIBUTES = (PERSON_IDENTIFIER, FAMILY_NAME, GIVEN_NAME, DATE_OF_BIRTH)
LOA = "http://eidas.europa.eu/LoA/"
SIG_ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
SIG_RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"


def in_ci() -> bool:
    return os.environ.get("CI", "") not in ("", "false", "0")


def missing(message: str):
    """A peer that cannot run here: a failure in CI (scripts/test installs everything), a skip
    elsewhere."""
    if in_ci():
        pytest.fail(message + " (required in CI)", pytrace=False)
    pytest.skip(message)


def wait_until(what: str, probe, timeout: float = START_TIMEOUT, every: float = 0.05):
    """Polls `probe` until it returns something truthy; fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        found = probe()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not after {timeout:.0f} s")
        time.sleep(every)


# --------------------------------------------------------------------------------------------
# A peer process
# --------------------------------------------------------------------------------------------


class PeerProcess:
    """One peer: started with its stdout and stderr in files of `workdir`, ready once it printed
    `READY URL` and `readiness_path` answers 200, stopped by its PID (SIGTERM, then SIGKILL)."""

    def __init__(self, name: str, args: list[str], workdir: Path, readiness_path: str, cwd: Path = HERE):
        self.name = name
        self.args = args
        self.workdir = workdir
        self.readiness_path = readiness_path
        self.cwd = cwd
        self.out_path = workdir / f"{name}.out"
        self.log_path = workdir / f"{name}.log"
        self.proc: subprocess.Popen | None = None
        self.base_url = ""

    def start(self) -> str:
        self.workdir.mkdir(parents=True, exist_ok=True)
        with open(self.out_path, "wb") as out, open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                self.args,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=log,
                cwd=self.cwd,
                env={**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"},
                start_new_session=True,
            )

        def ready_line():
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}:\n{self.log_text()}")
            for line in self.out_path.read_text(errors="replace").splitlines():
                if line.startswith("READY "):
                    return line.removeprefix("READY ").strip()
            return None

        try:
            self.base_url = wait_until(f"{self.name} printing READY", ready_line)

            def answers():
                try:
                    return requests.get(self.base_url + self.readiness_path, timeout=2).status_code == 200
                except requests.RequestException:
                    return False

            wait_until(f"{self.name} answering {self.readiness_path}", answers)
        except BaseException:
            self.stop()
            raise
        return self.base_url

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> int | None:
        proc, self.proc = self.proc, None
        if proc is None:
            return None
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                proc.wait(timeout=10)
        return proc.returncode

    def log_text(self, max_lines: int = 80) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return "\n".join(lines[-max_lines:])


def toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def callback_uris(limen_base_url: str, upstream_id: str) -> list[str]:
    """Limen's callback for an upstream, under its base URL and under the other loopback name."""
    first = f"{limen_base_url.rstrip('/')}/upstream/{upstream_id}/callback"
    parts = urlsplit(first)
    uris = [first]
    for a, b in (("127.0.0.1", "localhost"), ("localhost", "127.0.0.1")):
        if parts.hostname == a:
            netloc = b + (f":{parts.port}" if parts.port else "")
            uris.append(parts._replace(netloc=netloc).geturl())
    return uris


# --------------------------------------------------------------------------------------------
# OpenID providers
# --------------------------------------------------------------------------------------------


@dataclass
class OidcClient:
    client_id: str
    client_secret: str
    redirect_uris: list[str]
    secret_file: Path | None = None


@dataclass
class OidcPeer:
    """An OpenID provider peer. `client_id`/`client_secret`: the client given on its command line
    (redirect URIs http://{127.0.0.1,localhost}:8080/upstream/ID/callback, scripts/upstreams'
    ones); `toml()` registers a new one per call."""

    kind: str  # "oidc-provider" or "oidc-provider-mock"
    process: PeerProcess
    registration_path: str
    client_id: str
    client_secret: str
    workdir: Path
    native_clients: bool = False
    _n: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def base_url(self) -> str:
        return self.process.base_url

    @property
    def issuer(self) -> str:
        return self.process.base_url

    def discovery(self) -> dict:
        resp = requests.get(self.issuer + "/.well-known/openid-configuration", timeout=HTTP_TIMEOUT)
        resp.raise_for_status()
        return resp.json()

    def register(self, redirect_uris: list[str]) -> OidcClient:
        """A new confidential client (client_secret_basic) for these redirect URIs (RFC 7591)."""
        body = {
            "redirect_uris": redirect_uris,
            "token_endpoint_auth_method": "client_secret_basic",
        }
        if self.native_clients:
            # oidc-provider compares loopback redirect URIs without their port for native clients
            # (RFC 8252 §7.3); code flow, PKCE required anyway.
            body |= {"application_type": "native", "response_types": ["code"], "grant_types": ["authorization_code"]}
        resp = requests.post(self.base_url + self.registration_path, json=body, timeout=HTTP_TIMEOUT)
        assert resp.status_code == 201, f"{self.kind} registration: {resp.status_code} {resp.text}"
        doc = resp.json()
        return OidcClient(doc["client_id"], doc["client_secret"], redirect_uris)

    def toml(self, limen_base_url: str, upstream_id: str, **extra) -> str:
        """The `[[upstream]]` entry of a Limen at `limen_base_url` for this provider: a new client
        registered with that Limen's callback URLs, its secret in a file. `extra` keys (TOML
        values: str, bool, int, list of str) are appended, e.g. `acr_values=[...]`."""
        client = self.register(callback_uris(limen_base_url, upstream_id))
        secret_file = self.workdir / f"{upstream_id}-{next(self._n)}.secret"
        secret_file.write_text(client.client_secret)
        secret_file.chmod(0o600)
        client.secret_file = secret_file
        self.last_client = client
        name = "Test OpenID provider" if self.kind == "oidc-provider" else "Test OpenID provider (mock)"
        lines = [
            "[[upstream]]",
            f"id = {toml_string(upstream_id)}",
            f"name = {toml_string(name)}",
            'kind = "oidc"',
            f"issuer = {toml_string(self.issuer)}",
            f"client_id = {toml_string(client.client_id)}",
            f"client_secret_file = {toml_string(str(secret_file))}",
            'strength = "SOCIAL_NETWORKS"',
            "trust_email_verified = true",
        ]
        lines += [f"{key} = {toml_value(value)}" for key, value in extra.items()]
        return "\n".join(lines) + "\n"


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML for {value!r}")


class OidcProviderPeer(OidcPeer):
    def rotate_keys(self) -> None:
        """A new signing key; the previous one stays in the JWKS."""
        resp = requests.post(self.base_url + "/test/rotate-keys", timeout=HTTP_TIMEOUT)
        assert resp.status_code == 204, resp.text


class OidcMockPeer(OidcPeer):
    def set_user(self, sub: str, claims: dict) -> None:
        """The claims the mock gives `sub` from now on (PUT /users/SUB)."""
        resp = requests.put(f"{self.base_url}/users/{quote(sub, safe='')}", json=claims, timeout=HTTP_TIMEOUT)
        assert resp.status_code == 204, resp.text


def expected_claims(login: str) -> dict:
    """oidc_provider.mjs's account rule (documented at the top of that file)."""
    email = login if "@" in login else f"{login}@upstream.test"
    local = email[: email.rindex("@")]
    return {
        "sub": login,
        "email": email,
        "email_verified": not login.startswith("unverified"),
        "given_name": "Test",
        "family_name": local[:1].upper() + local[1:],
        "locale": "en",
    }


SCRIPT_REDIRECTS = ["http://localhost:8080/upstream/{id}/callback", "http://127.0.0.1:8080/upstream/{id}/callback"]


def start_oidc_provider(workdir: Path) -> OidcProviderPeer:
    """npm oidc-provider through upstream/oidc_provider.mjs (needs `npm ci` in tests/interop)."""
    node = shutil.which("node")
    if node is None:
        missing("Node.js is not installed (Debian's nodejs; scripts/test installs it)")
    if not (HERE / "node_modules" / "oidc-provider").is_dir():
        missing("tests/interop/node_modules has no oidc-provider (run `npm ci` in tests/interop)")
    secret = secrets.token_urlsafe(24)
    args = [node, str(UPSTREAM_DIR / "oidc_provider.mjs"), "--port", "0", "--registration"]
    # `=`: a random secret may start with "-", which would read as an option.
    args += ["--client-id", "limen", f"--client-secret={secret}"]
    for uri in SCRIPT_REDIRECTS:
        args += ["--redirect-uri", uri.format(id="test-oidc")]
    process = PeerProcess("oidc-provider", args, workdir, "/.well-known/openid-configuration")
    process.start()
    return OidcProviderPeer("oidc-provider", process, "/reg", "limen", secret, workdir, native_clients=True)


def start_oidc_mock(workdir: Path) -> OidcMockPeer:
    """PyPI oidc-provider-mock through upstream/oidc_mock.py, with this Python."""
    if importlib.util.find_spec("oidc_provider_mock") is None:
        missing("oidc-provider-mock is not installed (tests/interop/requirements.txt)")
    secret = secrets.token_urlsafe(24)
    args = [sys.executable, str(UPSTREAM_DIR / "oidc_mock.py"), "--port", "0"]
    # `=`: a random secret may start with "-", which would read as an option.
    args += ["--client-id", "limen", f"--client-secret={secret}"]
    for uri in SCRIPT_REDIRECTS:
        args += ["--redirect-uri", uri.format(id="test-mock")]
    process = PeerProcess("oidc-provider-mock", args, workdir, "/.well-known/openid-configuration")
    process.start()
    return OidcMockPeer("oidc-provider-mock", process, "/oauth2/clients", "limen", secret, workdir)


# --------------------------------------------------------------------------------------------
# The eIDAS IdP
# --------------------------------------------------------------------------------------------


@dataclass
class EidasIdpPeer:
    process: PeerProcess
    directory: Path

    @property
    def base_url(self) -> str:
        return self.process.base_url

    @property
    def entity_id(self) -> str:
        return self.base_url + "/idp/metadata"

    @property
    def metadata_url(self) -> str:
        return self.base_url + "/idp/metadata"

    @property
    def sso_url(self) -> str:
        return self.base_url + "/idp/sso"

    @property
    def cert_path(self) -> Path:
        return self.directory / "idp-signing.pem"

    @property
    def signature_algorithm(self) -> str:
        """ecdsa-sha256 (xmlsec1 lists it), else rsa-sha256: then Limen needs allow_rsa_pkcs1."""
        from cryptography import x509
        from cryptography.hazmat.primitives.asymmetric import ec

        cert = x509.load_pem_x509_certificate(self.cert_path.read_bytes())
        return SIG_ECDSA_SHA256 if isinstance(cert.public_key(), ec.EllipticCurvePublicKey) else SIG_RSA_SHA256

    def toml(self, limen_base_url: str, upstream_id: str = "test-eidas", sp_country: str = "BE", **extra) -> str:
        """The `[[upstream]]` entry for this IdP. Limen's metadata is fetched from the
        AuthnRequest's Issuer (Limen's default SP entity ID, its metadata URL), so the IdP needs
        no registration and `limen_base_url` is only checked for being on loopback."""
        host = urlsplit(limen_base_url).hostname
        assert host in ("127.0.0.1", "localhost", "::1"), "the test IdP fetches SP metadata from loopback only"
        lines = [
            "[[upstream]]",
            f"id = {toml_string(upstream_id)}",
            'kind = "saml_eidas"',
            f"name = {toml_string('Test eID (eIDAS)')}",
            f"idp_entity_id = {toml_string(self.entity_id)}",
            f"idp_sso_url = {toml_string(self.sso_url)}",
            f"idp_certificates = [{toml_string(str(self.cert_path))}]",
            f"sp_country = {toml_string(sp_country)}",
        ]
        if self.signature_algorithm == SIG_RSA_SHA256:
            lines.append("allow_rsa_pkcs1 = true")
        lines += [f"{key} = {toml_value(value)}" for key, value in extra.items()]
        return "\n".join(lines) + "\n"


def xmlsec1_binary() -> str | None:
    return shutil.which("xmlsec1")


def start_eidas_idp(workdir: Path) -> EidasIdpPeer:
    if xmlsec1_binary() is None:
        missing("xmlsec1 is not installed (Debian's xmlsec1; scripts/test installs it)")
    if importlib.util.find_spec("saml2") is None:
        missing("pysaml2 is not installed (tests/interop/requirements.txt)")
    directory = workdir / "eidas"
    args = [sys.executable, str(UPSTREAM_DIR / "eidas_idp.py"), "--port", "0", "--dir", str(directory)]
    args += ["--loopback-issuer-metadata"]
    process = PeerProcess("eidas-idp", args, workdir, "/idp/metadata")
    process.start()
    return EidasIdpPeer(process, directory)


# --------------------------------------------------------------------------------------------
# Fixtures: one of each peer per test session
# --------------------------------------------------------------------------------------------


def _serve(peer_start, tmp_path_factory, name: str):
    peer = peer_start(tmp_path_factory.mktemp(name))
    try:
        yield peer
    finally:
        died = not peer.process.alive()
        code = peer.process.stop()
        if died:
            pytest.fail(f"{name} died during the tests (status {code}):\n{peer.process.log_text()}", pytrace=False)


@pytest.fixture(scope="session")
def oidc_upstream(tmp_path_factory):
    """npm oidc-provider (OidcProviderPeer)."""
    yield from _serve(start_oidc_provider, tmp_path_factory, "oidc-provider")


@pytest.fixture(scope="session")
def mock_upstream(tmp_path_factory):
    """PyPI oidc-provider-mock (OidcMockPeer)."""
    yield from _serve(start_oidc_mock, tmp_path_factory, "oidc-provider-mock")


@pytest.fixture(scope="session")
def eidas_idp(tmp_path_factory):
    """The pysaml2 eIDAS test IdP (EidasIdpPeer)."""
    yield from _serve(start_eidas_idp, tmp_path_factory, "eidas-idp")


# --------------------------------------------------------------------------------------------
# Driving the peers' pages without a browser
# --------------------------------------------------------------------------------------------


@dataclass
class Form:
    action: str  # absolute
    method: str
    fields: dict[str, str]


def forms(page_url: str, text: str) -> list[Form]:
    """The page's forms with their fields as a browser would send them without a click: inputs
    (text, hidden, password...; checkboxes and radios when checked), selects (the selected
    option, else the first), textareas. Buttons are left out: add the one you press."""
    import lxml.html

    tree = lxml.html.fromstring(text)
    found = []
    for form in tree.forms:
        values: dict[str, str] = {}
        for el in form.iter("input", "select", "textarea"):
            name = el.get("name")
            if not name or el.get("disabled") is not None:
                continue
            if el.tag == "input":
                kind = (el.get("type") or "text").lower()
                if kind in ("submit", "button", "image", "reset", "file"):
                    continue
                if kind in ("checkbox", "radio") and el.get("checked") is None:
                    continue
                values[name] = el.get("value") or ("on" if kind in ("checkbox", "radio") else "")
            elif el.tag == "select":
                options = el.findall(".//option")
                chosen = next((o for o in options if o.get("selected") is not None), options[0] if options else None)
                values[name] = "" if chosen is None else (chosen.get("value") or chosen.text_content())
            else:
                values[name] = el.text_content()
        action = urljoin(page_url, form.get("action") or page_url)
        found.append(Form(action, (form.get("method") or "GET").upper(), values))
    return found


def only_form(page_url: str, text: str) -> Form:
    found = forms(page_url, text)
    assert len(found) == 1, f"expected one form at {page_url}, found {len(found)}:\n{text[:2000]}"
    return found[0]


def follow(session: requests.Session, url: str, until_prefix: str, max_hops: int = 10) -> requests.Response | str:
    """GETs `url` and follows redirects while they stay under `until_prefix`; returns the page
    reached, or the first redirect target outside `until_prefix` (a string)."""
    for _ in range(max_hops):
        resp = session.get(url, allow_redirects=False, timeout=HTTP_TIMEOUT)
        if resp.status_code in (301, 302, 303, 307, 308):
            url = urljoin(url, resp.headers["Location"])
            if not url.startswith(until_prefix):
                return url
            continue
        return resp
    raise AssertionError(f"more than {max_hops} redirects from {url}")


def submit(session: requests.Session, form: Form, **values) -> requests.Response:
    data = {**form.fields, **values}
    if form.method == "POST":
        return session.post(form.action, data=data, allow_redirects=False, timeout=HTTP_TIMEOUT)
    return session.get(form.action, params=data, allow_redirects=False, timeout=HTTP_TIMEOUT)


def oidc_provider_sign_in(session: requests.Session, authorization_url: str, login: str, issuer: str) -> str:
    """oidc-provider's development pages, from the authorization URL: the login form (any login,
    any password), then the consent form. Returns the redirect back to the client (its
    callback URL with `code`, `state` and `iss`, or `error`)."""
    url = authorization_url
    for _ in range(6):
        reached = follow(session, url, issuer)
        if isinstance(reached, str):
            return reached
        assert reached.status_code == 200, f"{reached.url}: {reached.status_code}\n{reached.text[:2000]}"
        form = next((f for f in forms(reached.url, reached.text) if f.fields.get("prompt")), None)
        assert form is not None, f"no interaction form at {reached.url}:\n{reached.text[:2000]}"
        if form.fields["prompt"] == "login":
            resp = submit(session, form, login=login, password="any password")
        else:
            resp = submit(session, form)
        assert resp.status_code in (302, 303), f"{form.action}: {resp.status_code}\n{resp.text[:2000]}"
        url = urljoin(form.action, resp.headers["Location"])
        if not url.startswith(issuer):
            return url
    raise AssertionError("oidc-provider asked for more than 6 interactions")


def mock_sign_in(session: requests.Session, authorization_url: str, sub: str) -> str:
    """oidc-provider-mock's authorization form: `sub` typed, "Authorize" pressed. Returns the
    redirect back to the client."""
    page = session.get(authorization_url, allow_redirects=False, timeout=HTTP_TIMEOUT)
    assert page.status_code == 200, f"{authorization_url}: {page.status_code}\n{page.text[:2000]}"
    form = next(f for f in forms(page.url, page.text) if "sub" in f.fields)
    resp = submit(session, form, sub=sub)
    assert resp.status_code in (302, 303), f"{form.action}: {resp.status_code}\n{resp.text[:2000]}"
    return urljoin(form.action, resp.headers["Location"])


def eidas_sign_in(session: requests.Session, start: requests.Response, **person) -> tuple[str, dict[str, str]]:
    """The Test eID page reached by `start` (a redirect to it, or the page itself: the answer
    to the GET or POST of an AuthnRequest), filled with `person` (given_name, family_name,
    date_of_birth, identifier, loa, and the knobs unsigned_response/plain_assertion/
    wrong_audience = "1"). Returns the ACS URL and the fields the browser would POST there
    (SAMLResponse, RelayState)."""
    page = start
    if page.status_code in (302, 303):
        page = session.get(urljoin(page.url, page.headers["Location"]), timeout=HTTP_TIMEOUT)
    assert page.status_code == 200, f"{page.url}: {page.status_code}\n{page.text[:2000]}"
    answer = submit(session, only_form(page.url, page.text), **person)
    assert answer.status_code == 200, f"{answer.url}: {answer.status_code}\n{answer.text[:2000]}"
    post = only_form(answer.url, answer.text)
    assert post.method == "POST" and "SAMLResponse" in post.fields, answer.text[:2000]
    return post.action, post.fields


# --------------------------------------------------------------------------------------------
# A pysaml2 service provider (to check the IdP as Limen will use it)
# --------------------------------------------------------------------------------------------


def self_signed(key, common_name: str):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import NameOID

    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )


def write_key_pair(directory: Path, stem: str, key, common_name: str) -> tuple[Path, Path]:
    from cryptography.hazmat.primitives import serialization

    key_path, cert_path = directory / f"{stem}.key", directory / f"{stem}.pem"
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert_path.write_bytes(self_signed(key, common_name).public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


class SamlTestSp:
    """A pysaml2 SP on 127.0.0.1 shaped like Limen's eIDAS SP: an ECDSA P-256 signing key (or
    RSA with `signing="rsa"`), an RSA-3072 encryption key, its metadata served at its entity ID
    (`http://127.0.0.1:P/metadata`), its ACS at `/acs` (never called: tests post nothing there,
    they parse the IdP's answer with `parse_response`)."""

    def __init__(self, directory: Path, idp: EidasIdpPeer, signing: str = "ecdsa"):
        from cryptography.hazmat.primitives.asymmetric import ec, rsa

        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.idp = idp
        sign_key = (
            ec.generate_private_key(ec.SECP256R1()) if signing == "ecdsa" else rsa.generate_private_key(65537, 3072)
        )
        self.sign_key = sign_key
        self.sign_alg = SIG_ECDSA_SHA256 if signing == "ecdsa" else SIG_RSA_SHA256
        self.sign_key_path, self.sign_cert_path = write_key_pair(directory, "sp-signing", sign_key, "test SP signing")
        enc_key = rsa.generate_private_key(65537, 3072)
        self.enc_key_path, self.enc_cert_path = write_key_pair(directory, "sp-encryption", enc_key, "test SP enc")
        self.metadata_xml = ""
        sp = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = sp.metadata_xml.encode("utf-8")
                self.send_response(200 if self.path == "/metadata" else 404)
                self.send_header("Content-Type", "application/samlmetadata+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.entity_id = self.base_url + "/metadata"
        self.acs_url = self.base_url + "/acs"
        self.client = self._client()
        from saml2.metadata import create_metadata_string

        self.metadata_xml = create_metadata_string(None, config=self.client.config, valid=24).decode("utf-8")
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="saml-test-sp", daemon=True)
        self._thread.start()

    def _client(self):
        warnings.filterwarnings("ignore", message=".*CFB.*")
        import saml2.entity
        from saml2.xmldsig import SIG_ALLOWED_ALG

        # As in eidas_idp.py: pysaml2's allow-list names RSA only; xmlsec1 signs ECDSA.
        if SIG_ECDSA_SHA256 not in dict(saml2.entity.SIG_ALLOWED_ALG).values():
            saml2.entity.SIG_ALLOWED_ALG = (*SIG_ALLOWED_ALG, ("SIG_ECDSA_SHA256", SIG_ECDSA_SHA256))
        from saml2 import BINDING_HTTP_POST
        from saml2.client import Saml2Client
        from saml2.config import SPConfig
        from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT
        from saml2.xmldsig import DIGEST_SHA256

        idp_metadata = requests.get(self.idp.metadata_url, timeout=HTTP_TIMEOUT).text
        config = SPConfig()
        config.load(
            {
                "entityid": self.entity_id,
                "key_file": str(self.sign_key_path),
                "cert_file": str(self.sign_cert_path),
                "encryption_keypairs": [{"key_file": str(self.enc_key_path), "cert_file": str(self.enc_cert_path)}],
                "xmlsec_binary": xmlsec1_binary(),
                "delete_tmpfiles": True,
                "metadata": {"inline": [idp_metadata]},
                "signing_algorithm": self.sign_alg,
                "digest_algorithm": DIGEST_SHA256,
                "accepted_time_diff": 60,
                "service": {
                    "sp": {
                        "endpoints": {"assertion_consumer_service": [(self.acs_url, BINDING_HTTP_POST)]},
                        "authn_requests_signed": True,
                        "want_response_signed": True,
                        "want_assertions_signed": True,
                        "allow_unsolicited": False,
                        "only_use_keys_in_metadata": True,
                        "name_id_format": NAMEID_FORMAT_PERSISTENT,
                        "requested_attribute_name_format": NAME_FORMAT_URI,
                        "sp_type": "public",
                        "sp_type_in_metadata": False,
                        "requested_attributes": [
                            {"name": name, "name_format": NAME_FORMAT_URI, "required": True}
                            for name in EIDAS_ATTRIBUTES
                        ],
                    }
                },
            }
        )
        return Saml2Client(config=config)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # AuthnRequests ---------------------------------------------------------------------------
    def authn_request(self, loa: str | None = "substantial", sign_xml: bool = False) -> tuple[str, str]:
        """(request ID, AuthnRequest XML) for the IdP's SSO URL, minimum LoA `loa`."""
        from saml2.saml import AuthnContextClassRef
        from saml2.samlp import RequestedAuthnContext

        kwargs = {}
        if loa is not None:
            kwargs["requested_authn_context"] = RequestedAuthnContext(
                authn_context_class_ref=[AuthnContextClassRef(text=LOA + loa)], comparison="minimum"
            )
        req_id, request = self.client.create_authn_request(
            self.idp.sso_url,
            sign=sign_xml,
            sign_alg=self.sign_alg if sign_xml else None,
            force_authn="true",
            **kwargs,
        )
        return req_id, str(request)

    def redirect_url(
        self, xml: str, relay_state: str | None = "relay-123", sign: bool = True, tamper: bool = False
    ) -> str:
        """The HTTP-Redirect binding URL (SAML Bindings §3.4.4): DEFLATE, base64, and the query
        string signed with the SP's key (ECDSA as r‖s, RFC 6931 §2.3.6). `tamper`: the
        RelayState is changed after signing."""
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec, padding
        from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

        deflated = zlib.compress(xml.encode("utf-8"))[2:-4]
        params = [("SAMLRequest", base64.b64encode(deflated).decode("ascii"))]
        if relay_state is not None:
            params.append(("RelayState", relay_state))
        if sign:
            params.append(("SigAlg", self.sign_alg))
        query = urlencode(params)
        if sign:
            if isinstance(self.sign_key, ec.EllipticCurvePrivateKey):
                r, s = decode_dss_signature(self.sign_key.sign(query.encode("ascii"), ec.ECDSA(hashes.SHA256())))
                signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
            else:
                signature = self.sign_key.sign(query.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
            if tamper:
                query = query.replace(quote(relay_state or "", safe=""), "tampered")
            query += "&" + urlencode({"Signature": base64.b64encode(signature).decode("ascii")})
        return f"{self.idp.sso_url}?{query}"

    # Responses ---------------------------------------------------------------------------------
    def parse_response(self, saml_response: str, request_id: str):
        """pysaml2's checks of an AuthnResponse (signatures with the IdP's metadata certificate,
        decryption with the SP's encryption key, InResponseTo, Destination, Audience, time):
        the AuthnResponse, or the exception it raised."""
        from saml2 import BINDING_HTTP_POST

        return self.client.parse_authn_request_response(saml_response, BINDING_HTTP_POST, outstanding={request_id: "/"})


def xmlsec1(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([xmlsec1_binary(), *args], check=False, capture_output=True, text=True, timeout=60)


def xmlsec1_verify(cert: Path, id_attr: str, path: Path) -> subprocess.CompletedProcess:
    """`xmlsec1 --verify` of the document's first signature with the certificate's key, the ID
    attribute of `id_attr` (namespace:Element) declared."""
    return xmlsec1("--verify", "--pubkey-cert-pem", str(cert), "--id-attr:ID", id_attr, str(path))


def xml_file(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def decode_post(value: str) -> str:
    return base64.b64decode(value).decode("utf-8")


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}
