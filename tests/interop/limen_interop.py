"""Helpers for the python-cas interoperability tests: run a real `limen serve`, drive its CLI,
simulate browsers through the HTML login forms, and record single-logout callbacks.

Everything talks to 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar, Self
from urllib.parse import parse_qs, unquote, urljoin, urlsplit, urlunsplit

import requests

REPO_ROOT = Path(__file__).resolve().parents[2]
HTTP_TIMEOUT = 15
READY_TIMEOUT = 20.0
# Our own variables: never hand them to the server (its LIMEN_* environment is its configuration).
OWN_ENV_VARS = ("LIMEN_BIN", "LIMEN_TEST_PG")


def limen_binary() -> Path:
    raw = os.environ.get("LIMEN_BIN", "target/debug/limen")
    path = Path(raw)
    if not path.is_absolute():
        path = REPO_ROOT / path
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in OWN_ENV_VARS}
    env["LIMEN_CAS__PROXY_CALLBACK_ALLOW_HTTP"] = "true"
    env.setdefault("NO_COLOR", "1")
    return env


class CliError(AssertionError):
    pass


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------


class LimenServer:
    """One `limen serve` process on a free loopback port."""

    running: ClassVar[list[LimenServer]] = []

    def __init__(
        self,
        binary: Path,
        database_url: str,
        workdir: Path,
        label: str,
        extra_env: dict[str, str] | None = None,
        extra_args: list[str] | None = None,
        public_host: str = "127.0.0.1",
    ):
        self.binary = binary
        self.database_url = database_url
        self.workdir = workdir
        self.label = label
        # Configuration of this server only (`LIMEN_MAIL__TRANSPORT`, ...) and more `serve` flags
        # (`--dev`); the environment also goes to its CLI commands, like an operator's would.
        self.extra_env = dict(extra_env or {})
        self.extra_args = list(extra_args or [])
        # The host name of the public URL: "localhost" for WebAuthn, whose RP ID must be a domain
        # (never an IP address); the server listens on 127.0.0.1 either way.
        self.public_host = public_host
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self.log_path = workdir / "limen-serve.log"
        self._log_file = None

    # URLs -----------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://{self.public_host}:{self.port}"

    @property
    def cas_url(self) -> str:
        """The python-cas `server_url` (must end with a slash for urljoin)."""
        return f"{self.base_url}/cas/"

    def url(self, path: str) -> str:
        return self.base_url + path

    # Life cycle -----------------------------------------------------------------------------
    def start(self, port: int | None = None) -> None:
        """Start `limen serve` on `port` (a restart on the port the mails' links name), else on a
        free one."""
        if not self.binary.is_file():
            raise RuntimeError(
                f"limen binary not found at {self.binary} (build it with `cargo build -p limen-server` "
                "or point LIMEN_BIN at it)"
            )
        last_error = None
        for _attempt in range(3):
            try:
                self._start_once(port)
                LimenServer.running.append(self)
                return
            except _PortTaken as exc:  # another process grabbed the port we picked: try another
                last_error = exc
        raise RuntimeError(f"could not start limen: {last_error}")

    def _start_once(self, port: int | None) -> None:
        self.port = port or free_port()
        self._log_file = open(self.log_path, "ab")  # noqa: SIM115 - closed by stop()
        self._log_file.write(f"\n=== limen serve on port {self.port} ({self.label}) ===\n".encode())
        self._log_file.flush()
        cmd = [
            str(self.binary),
            "serve",
            "--listen",
            f"127.0.0.1:{self.port}",
            "--database",
            self.database_url,
            "--public-url",
            self.base_url,
            *self.extra_args,
        ]
        self.proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            env=self.env(),
            cwd=self.workdir,
            start_new_session=True,
        )
        deadline = time.monotonic() + READY_TIMEOUT
        last = "no answer yet"
        while time.monotonic() < deadline:
            code = self.proc.poll()
            if code is not None:
                log = self.log_text()
                self._close_log()
                if "in use" in log.lower() or "AddrInUse" in log:
                    raise _PortTaken(f"port {self.port} taken")
                raise RuntimeError(
                    f"limen serve exited with status {code} before becoming ready.\n"
                    f"command: {' '.join(cmd)}\n--- server log ---\n{log}"
                )
            try:
                resp = requests.get(self.url("/health"), timeout=1)
                if resp.status_code == 200:
                    return
                last = f"/health answered {resp.status_code}"
            except requests.RequestException as exc:
                last = f"{type(exc).__name__}"
            time.sleep(0.1)
        log = self.log_text()
        self.stop()
        raise RuntimeError(
            f"limen serve not ready after {READY_TIMEOUT:.0f} s ({last}).\n"
            f"command: {' '.join(cmd)}\n--- server log ---\n{log}"
        )

    def stop(self) -> int | None:
        """Stop the server (SIGTERM, then SIGKILL); returns its exit status."""
        code = None
        if self.proc is not None:
            if self.proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(self.proc.pid, signal.SIGKILL)
                    self.proc.wait(timeout=10)
            code = self.proc.returncode
        self._close_log()
        if self in LimenServer.running:
            LimenServer.running.remove(self)
        return code

    def kill(self) -> None:
        """SIGKILL, as a crash or the OOM killer would: no shutdown code of the server runs."""
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self._close_log()
        if self in LimenServer.running:
            LimenServer.running.remove(self)

    def env(self) -> dict[str, str]:
        env = server_env()
        env.update(self.extra_env)
        return env

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def _close_log(self) -> None:
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def log_text(self, max_lines: int = 300) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return "(no log)"
        if len(lines) > max_lines:
            lines = [f"... ({len(lines) - max_lines} earlier lines in {self.log_path})"] + lines[-max_lines:]
        return "\n".join(lines)

    # CLI ------------------------------------------------------------------------------------
    def cli(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        cmd = [str(self.binary), *args]
        proc = subprocess.run(
            cmd,
            check=False,
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            env=self.env(),
            cwd=self.workdir,
            timeout=60,
        )
        if proc.returncode != 0:
            raise CliError(
                f"`{' '.join(cmd)}` failed with status {proc.returncode}\nstdout: {proc.stdout}\nstderr: {proc.stderr}"
            )
        return proc

    def add_user(self, user: User) -> None:
        args = ["user", "add", "--database", self.database_url, "--email", user.email, "--last-name", user.last_name]
        if user.first_name:
            args += ["--first-name", user.first_name]
        args.append("--password-stdin")
        self.cli(*args, stdin=user.password + "\n")

    def add_service(
        self,
        name: str,
        urls: list[str],
        attributes: list[str] | None = None,
        proxy_callback: str | None = None,
        logout_url: str | None = None,
        single_logout: bool = False,
        accept_strengths: str | None = None,
    ) -> None:
        args = ["service", "add", "--database", self.database_url, "--name", name]
        for url in urls:
            args += ["--url", url]
        if attributes:
            args += ["--attributes", ",".join(attributes)]
        if proxy_callback:
            args += ["--proxy-callback", proxy_callback]
        if logout_url:
            args += ["--logout-url", logout_url]
        if single_logout:
            args.append("--single-logout")
        if accept_strengths:
            args += ["--accept-strengths", accept_strengths]
        self.cli(*args)


class _PortTaken(Exception):
    pass


# --------------------------------------------------------------------------------------------
# PostgreSQL: a fresh database per test session
# --------------------------------------------------------------------------------------------


class PgDatabase:
    """`CREATE DATABASE limen_interop_<random>` on the server of `admin_url`, dropped by `drop()`."""

    def __init__(self, admin_url: str):
        self.admin_url = admin_url
        self.name = f"limen_interop_{secrets.token_hex(6)}"
        parts = urlsplit(admin_url)
        self.url = urlunsplit(parts._replace(path="/" + self.name))

    def _run(self, sql: str) -> None:
        psql = shutil.which("psql")
        if psql:
            proc = subprocess.run(
                [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", self.admin_url, "-c", sql],
                check=False,
                capture_output=True,
                text=True,
                stdin=subprocess.DEVNULL,
                timeout=60,
            )
            if proc.returncode != 0:
                raise RuntimeError(f"psql failed ({sql}): {proc.stderr.strip()}")
            return
        try:
            import psycopg  # type: ignore[import-not-found]
        except ImportError as exc:  # pragma: no cover - depends on the machine
            raise RuntimeError("neither `psql` nor the psycopg module is available") from exc
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def create(self) -> PgDatabase:
        self._run(f'CREATE DATABASE "{self.name}"')
        return self

    def drop(self) -> None:
        try:
            self._run(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        except RuntimeError:
            self._run(f'DROP DATABASE IF EXISTS "{self.name}"')


# --------------------------------------------------------------------------------------------
# Browsers and the HTML login forms
# --------------------------------------------------------------------------------------------


@dataclass
class User:
    email: str
    last_name: str
    first_name: str | None
    password: str


@dataclass
class Form:
    action: str
    method: str
    inputs: list[tuple[str, str, str]] = field(default_factory=list)  # (name, type, value)

    def names(self) -> set[str]:
        return {name for name, _t, _v in self.inputs}

    def hidden(self) -> dict[str, str]:
        return {name: value for name, typ, value in self.inputs if typ == "hidden"}

    def value(self, name: str) -> str | None:
        for n, _t, v in self.inputs:
            if n == name:
                return v
        return None


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._current: Form | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._current = Form(action=a.get("action", ""), method=a.get("method", "get").lower())
            self.forms.append(self._current)
        elif tag in ("input", "button", "select", "textarea") and self._current is not None:
            name = a.get("name")
            if name:
                typ = a.get("type", "text" if tag == "input" else tag).lower()
                self._current.inputs.append((name, typ, a.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def parse_forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def login_form(resp: requests.Response) -> Form:
    """The POST form carrying a csrf_token in a login page; fails with the page otherwise."""
    for form in parse_forms(resp.text):
        if form.method == "post" and "csrf_token" in form.names():
            form.action = urljoin(resp.url, form.action)
            return form
    raise AssertionError(
        f"no login form in the answer to {resp.request.method} {resp.url} "
        f"(status {resp.status_code}):\n{resp.text[:2000]}"
    )


def ticket_from_location(location: str, service: str) -> str:
    """`S?ticket=ST-...` (or `S&ticket=` when S has a query) → the ticket."""
    sep = "&" if "?" in service else "?"
    prefix = f"{service}{sep}ticket="
    assert location.startswith(prefix), f"redirect {location!r} is not {prefix!r}<ticket>"
    ticket = unquote(location[len(prefix) :])
    assert ticket.startswith("ST-"), f"not a service ticket: {ticket!r}"
    assert "&" not in ticket and "#" not in ticket, f"trailing data after the ticket: {location!r}"
    return ticket


class Browser:
    """A simulated browser: one cookie jar, never follows redirects by itself."""

    def __init__(self, server: LimenServer):
        self.server = server
        self.session = requests.Session()

    def get(self, path: str, **params) -> requests.Response:
        return self.session.get(self.server.url(path), params=params, allow_redirects=False, timeout=HTTP_TIMEOUT)

    def login_page(self, service: str, **params) -> requests.Response:
        return self.get("/cas/login", service=service, **params)

    def submit(self, form: Form, fields: dict[str, str]) -> requests.Response:
        data = form.hidden()
        data.update(fields)
        return self.session.post(form.action, data=data, allow_redirects=False, timeout=HTTP_TIMEOUT)

    def submit_email(self, page: requests.Response, email: str) -> requests.Response:
        form = login_form(page)
        assert "email" in form.names(), f"no email field in the first form: {form}"
        return self.submit(form, {"csrf_token": form.value("csrf_token") or "", "email": email, "step": "email"})

    def submit_password(self, page: requests.Response, password: str) -> requests.Response:
        form = login_form(page)
        assert "password" in form.names(), f"no password field in the second form: {form}"
        return self.submit(
            form,
            {
                "csrf_token": form.value("csrf_token") or "",
                "step": "password",
                "method": "PASSWORD",
                "password": password,
            },
        )

    def login(self, service: str, user: User, **params) -> str:
        """The full form login for `service`; returns the service ticket."""
        page = self.login_page(service, **params)
        assert page.status_code == 200, (
            f"GET /cas/login: {page.status_code} {page.headers.get('Location')}\n{page.text[:1000]}"
        )
        page2 = self.submit_email(page, user.email)
        assert page2.status_code == 200, f"email step: {page2.status_code}\n{page2.text[:1000]}"
        done = self.submit_password(page2, user.password)
        assert done.status_code == 303, f"password step: {done.status_code}\n{done.text[:1000]}"
        return ticket_from_location(done.headers.get("Location", ""), service)

    def sso(self, service: str, **params) -> str:
        """A ticket from the existing SSO session: a 303 straight away, no form."""
        resp = self.login_page(service, **params)
        assert resp.status_code == 303, f"expected an SSO redirect, got {resp.status_code}\n{resp.text[:1000]}"
        return ticket_from_location(resp.headers.get("Location", ""), service)


# --------------------------------------------------------------------------------------------
# A tiny HTTP server recording back-channel (single logout) POSTs
# --------------------------------------------------------------------------------------------


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode("utf-8", errors="replace"), keep_blank_values=True)


class Recorder:
    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self._cond = threading.Condition()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _record(self, body: bytes) -> None:
                with recorder._cond:
                    recorder.requests.append(
                        RecordedRequest(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                    )
                    recorder._cond.notify_all()
                payload = b"ok"
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                self._record(self.rfile.read(length) if length > 0 else b"")

            def do_GET(self):
                self._record(b"")

            def log_message(self, format, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="slo-recorder", daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wait_for(self, predicate, timeout: float) -> RecordedRequest | None:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for req in self.requests:
                    if predicate(req):
                        return req
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._cond.wait(remaining)


# --------------------------------------------------------------------------------------------
# The test world
# --------------------------------------------------------------------------------------------

PASSWORD = "Corr3ct-Horse-Battery!"

# Services are never contacted (port 9 is closed on loopback), except the single-logout ones
# that the tests register against their own recorder.
APP1 = "http://127.0.0.1:9/app1/"  # prefix pattern
APP2 = "http://127.0.0.1:9/app2/"  # anchored regex pattern
APP3 = "http://127.0.0.1:9/app3/exact"  # exact URL
ALL_ATTRIBUTES = ["uid", "email", "firstName", "lastName", "domain", "strength", "assuranceLevel", "locale"]


@dataclass
class World:
    server: LimenServer
    user: User
    # A service URL under each registered service.
    s1: str
    s1_query: str
    s2: str
    s3: str

    def browser(self) -> Browser:
        return Browser(self.server)


# --------------------------------------------------------------------------------------------
# Dedicated servers, links and the proof-of-work CAPTCHA (self-service tests)
# --------------------------------------------------------------------------------------------


def backend_database(backend: str, workdir: Path) -> tuple[str, PgDatabase | None]:
    """A fresh database for `backend` ("sqlite" or "postgres"): its URL, and the PostgreSQL
    database to drop afterwards. Raises LookupError when LIMEN_TEST_PG is not set."""
    if backend == "postgres":
        admin_url = os.environ.get("LIMEN_TEST_PG")
        if not admin_url:
            raise LookupError("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
        db = PgDatabase(admin_url).create()
        return db.url, db
    return f"sqlite://{workdir / 'limen.db'}", None


@contextlib.contextmanager
def running_limen(
    backend: str,
    workdir: Path,
    *,
    extra_env: dict[str, str] | None = None,
    extra_args: list[str] | None = None,
    public_host: str = "127.0.0.1",
):
    """A `limen serve` of its own on a fresh database; stopped (and the database dropped) on
    exit, which fails if the server died or panicked meanwhile."""
    database_url, db = backend_database(backend, workdir)
    server = LimenServer(
        limen_binary(),
        database_url,
        workdir,
        backend,
        extra_env=extra_env,
        extra_args=extra_args,
        public_host=public_host,
    )
    try:
        server.start()
        yield server
        died_early = not server.alive()
        code = server.stop()
        log = server.log_text(max_lines=100_000)
        if died_early:
            raise AssertionError(f"limen serve ({backend}) died during the test (status {code}):\n{server.log_text()}")
        if "panicked at" in log:
            raise AssertionError(f"limen serve ({backend}) panicked during the test:\n{server.log_text()}")
    except BaseException:
        # Stopped before pytest reports the failure: its log goes with the captured log.
        logging.getLogger("limen_interop").error(
            "limen serve (%s) log, %s:\n%s", backend, server.log_path, server.log_text()
        )
        raise
    finally:
        server.stop()
        if db is not None:
            db.drop()


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._text = []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None


def page_links(html: str) -> list[tuple[str, str]]:
    """Every `<a href>` of a page: (href as written, its text with spaces collapsed)."""
    parser = _LinkParser()
    parser.feed(html)
    parser.close()
    return parser.links


def link_named(resp: requests.Response, text: str) -> str:
    """The absolute URL of the link whose text is `text`; fails with the page otherwise."""
    for href, label in page_links(resp.text):
        if label == text:
            return urljoin(resp.url, href)
    raise AssertionError(f"no link {text!r} in {resp.url} (status {resp.status_code}):\n{resp.text[:3000]}")


class _AttributeFinder(HTMLParser):
    def __init__(self, attribute: str) -> None:
        super().__init__(convert_charrefs=True)
        self.attribute = attribute
        self.found: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if self.attribute in a:
            self.found.append(a)


def pow_puzzle(html: str) -> tuple[str, int]:
    """The proof-of-work challenge of a CAPTCHA form and its difficulty in bits."""
    finder = _AttributeFinder("data-pow-challenge")
    finder.feed(html)
    finder.close()
    assert len(finder.found) == 1, f"expected one proof-of-work puzzle, found {len(finder.found)}:\n{html[:3000]}"
    attrs = finder.found[0]
    return attrs["data-pow-challenge"], int(attrs["data-pow-difficulty"])


def leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte:
            return bits + 8 - byte.bit_length()
        bits += 8
    return bits


def pow_bits(challenge: str, nonce: str) -> int:
    """Leading zero bits of SHA-256(challenge ":" nonce), the puzzle's measure."""
    return leading_zero_bits(hashlib.sha256(f"{challenge}:{nonce}".encode()).digest())


def solve_pow(challenge: str, difficulty: int) -> str:
    """The smallest decimal nonce whose hash has at least `difficulty` leading zero bits."""
    n = 0
    while pow_bits(challenge, str(n)) < difficulty:
        n += 1
    return str(n)


def failing_pow_nonce(challenge: str, difficulty: int) -> str:
    """A well-formed decimal nonce that does not solve the puzzle."""
    n = 0
    while pow_bits(challenge, str(n)) >= difficulty:
        n += 1
    return str(n)
