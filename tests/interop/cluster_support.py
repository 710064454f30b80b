"""Three Limen nodes on one PostgreSQL behind HAProxy, as `scripts/cluster` runs them: the
handle the multi-node tests (test_cluster.py) drive it with, a load of logins, CAS validations
and OpenID Connect code exchanges through HAProxy, and the failover drill.

`scripts/cluster` owns the processes (start, stop, PostgreSQL crash/restart/promote): this module
only calls it, reads what it wrote (DIR/cluster.env), and talks HTTP and SQL to what it started.
Run as a program it is the drill of `scripts/cluster drill`:

    python tests/interop/cluster_support.py drill --dir DIR [--seconds N]

Everything talks to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import csv
import io
import json
import os
import secrets
import shlex
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import requests

from limen_interop import REPO_ROOT, login_form

SCRIPT = REPO_ROOT / "scripts" / "cluster"
HTTP_TIMEOUT = 15
HEALTH_TIMEOUT = 3
# The User-Agent of every browser of the load: Limen keeps it with the SSO session, so the rows
# of each acknowledged login can be found again on the new primary.
AGENT_PREFIX = "limen-cluster-load/"
CAS_SUCCESS = "<cas:authenticationSuccess>"


# --------------------------------------------------------------------------------------------
# The cluster scripts/cluster made
# --------------------------------------------------------------------------------------------


def read_env_file(path: Path) -> dict[str, str]:
    """DIR/cluster.env: KEY=VALUE lines (values as the shell would read them)."""
    out: dict[str, str] = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        words = shlex.split(value)
        out[key] = words[0] if words else ""
    return out


def script_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra or {})
    return env


def run_script(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> str:
    """`scripts/cluster ARGS`, in a process group of its own: on a timeout the whole group is
    killed (a build or a PostgreSQL command it started included)."""
    with subprocess.Popen(
        [str(SCRIPT), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=script_env(env),
        start_new_session=True,
    ) as proc:
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            stdout, stderr = proc.communicate()
            raise RuntimeError(
                f"`scripts/cluster {' '.join(args)}` did not finish within {timeout:.0f} s\n"
                f"stdout:\n{stdout}\nstderr:\n{stderr}"
            ) from None
    proc = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    if proc.returncode != 0:
        raise RuntimeError(
            f"`scripts/cluster {' '.join(args)}` failed with status {proc.returncode}\n"
            f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
        )
    return proc.stdout + proc.stderr


@dataclass
class Health:
    """One answer of a node's /health, reduced to what the timeline shows."""

    label: str  # ok, degraded/unreachable, degraded/read-only, draining, 503 <status>, down, timeout
    status: int | None

    @property
    def ok(self) -> bool:
        return self.label == "ok"


class Cluster:
    """The cluster in `directory`: its URLs, SQL on its PostgreSQL, the CLI, HAProxy's view."""

    def __init__(self, directory: Path, env: dict[str, str] | None = None):
        self.dir = directory
        # The LIMEN_* configuration the nodes were started with, for the CLI too.
        self.node_env = dict(env or {})
        self.env = read_env_file(directory / "cluster.env")
        self.public_url = self.env["CLUSTER_PUBLIC_URL"]
        self.node_urls = self.env["CLUSTER_NODE_URLS"].split()
        self.stats_url = self.env["CLUSTER_STATS_URL"]
        self.pg_port = int(self.env["CLUSTER_PG_PORT"])
        self.pg_ports = dict(zip(("pg1", "pg2"), (int(p) for p in self.env["CLUSTER_PG_PORTS"].split()), strict=True))
        self.pg_bin = Path(self.env["CLUSTER_PG_BIN"])
        self.limen_bin = self.env["CLUSTER_LIMEN_BIN"]
        self.user_email = self.env["CLUSTER_USER_EMAIL"]
        self.user_password = self.env["CLUSTER_USER_PASSWORD"]
        self.cas_service = self.env["CLUSTER_CAS_SERVICE"]
        self.client_id = self.env["CLUSTER_OIDC_CLIENT_ID"]
        self.client_secret = self.env["CLUSTER_OIDC_CLIENT_SECRET"]
        self.redirect_uri = self.env["CLUSTER_OIDC_REDIRECT_URI"]

    # Life cycle (scripts/cluster) -----------------------------------------------------------
    @classmethod
    def up(cls, directory: Path, *, http_port: int, pg_port: int, env: dict[str, str] | None = None) -> Cluster:
        run_script("up", "--dir", str(directory), "--http-port", str(http_port), "--pg-port", str(pg_port), env=env)
        return cls(directory, env)

    def down(self) -> str:
        return self.down_dir(self.dir)

    @staticmethod
    def down_dir(directory: Path) -> str:
        """`scripts/cluster down`: whatever it started there, stopped by its PIDs (also after a
        failed `up`)."""
        return run_script("down", "--dir", str(directory))

    def pg(self, action: str, name: str) -> None:
        """crash (immediate stop), restart (fast) or promote `name` (pg1 or pg2)."""
        run_script("pg", action, name, "--dir", str(self.dir), timeout=120)

    def pids(self) -> dict[str, int]:
        out = {}
        for path in (self.dir / "pids").glob("*.pid"):
            with contextlib.suppress(ValueError, OSError):
                out[path.stem] = int(path.read_text().split()[0])
        return out

    def log(self, name: str, max_lines: int = 60) -> str:
        try:
            lines = (self.dir / "logs" / f"{name}.log").read_text(errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return "\n".join(lines[-max_lines:])

    # SQL --------------------------------------------------------------------------------------
    def sql(self, query: str, *, port: int | None = None, database: str = "limen") -> list[list[str]]:
        """Rows of `query` as the superuser, through HAProxy (the primary) unless `port` says."""
        proc = subprocess.run(
            [
                str(self.pg_bin / "psql"),
                "-X",
                "-q",
                "-At",
                "-F",
                "\t",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-p",
                str(port or self.pg_port),
                "-U",
                "postgres",
                "-d",
                database,
                "-c",
                query,
            ],
            check=False,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=60,
            env={**os.environ, "PGCONNECT_TIMEOUT": "3"},
        )
        if proc.returncode != 0:
            raise RuntimeError(f"psql failed ({query}): {proc.stderr.strip()}")
        return [line.split("\t") for line in proc.stdout.splitlines() if line]

    def role(self, name: str) -> str:
        """primary, standby or down, asked of the server itself."""
        try:
            rows = self.sql("SELECT pg_is_in_recovery()", port=self.pg_ports[name], database="postgres")
        except (RuntimeError, subprocess.TimeoutExpired):
            return "down"
        return "standby" if rows and rows[0][0] == "t" else "primary"

    def primary(self) -> str | None:
        for name in self.pg_ports:
            if self.role(name) == "primary":
                return name
        return None

    # The CLI ------------------------------------------------------------------------------------
    def cli(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
        env = {**os.environ, **self.node_env}
        for own in ("LIMEN_BIN", "LIMEN_TEST_PG", "LIMEN_CONFIG"):  # ours, not Limen's configuration
            env.pop(own, None)
        proc = subprocess.run(
            [self.limen_bin, "--config", str(self.dir / "limen.toml"), *args],
            check=False,
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        if proc.returncode != 0:
            raise AssertionError(
                f"`limen {' '.join(args)}` failed with status {proc.returncode}\n"
                f"stdout: {proc.stdout}\nstderr: {proc.stderr}"
            )
        return proc

    def settings(self) -> dict:
        """The effective configuration of the nodes, as `limen config check` prints it."""
        out = self.cli("config", "check").stdout
        return json.loads(out[out.index("{") :])

    # Health and HAProxy ---------------------------------------------------------------------------
    def health(self, base_url: str) -> Health:
        try:
            resp = requests.get(base_url + "/health", timeout=HEALTH_TIMEOUT)
        except requests.Timeout:
            return Health("timeout", None)
        except requests.RequestException:
            return Health("down", None)
        try:
            body = resp.json()
        except ValueError:
            body = {}
        status = body.get("status") if isinstance(body, dict) else None
        if resp.status_code == 200 and status == "ok":
            return Health("ok", 200)
        if status == "degraded":
            return Health(f"degraded/{body.get('database', '?')}", resp.status_code)
        if status == "draining":
            return Health("draining", resp.status_code)
        return Health(f"{resp.status_code} {status or '?'}", resp.status_code)

    def haproxy_servers(self) -> dict[tuple[str, str], str]:
        """(backend, server) → HAProxy's status (UP, DOWN, UP 1/2, ...), from its CSV statistics."""
        resp = requests.get(self.stats_url + ";csv", timeout=HEALTH_TIMEOUT)
        resp.raise_for_status()
        reader = csv.DictReader(io.StringIO(resp.text.lstrip("# ")))
        return {
            (row["pxname"], row["svname"]): row["status"]
            for row in reader
            if row["svname"] not in ("FRONTEND", "BACKEND")
        }

    def haproxy_primary(self) -> str | None:
        """The PostgreSQL server HAProxy sends new connections to (`balance first`: the first UP)."""
        servers = self.haproxy_servers()
        for name in ("pg1", "pg2"):
            if servers.get(("pg_primary", name), "").startswith("UP"):
                return name
        return None

    def wait_healthy(self, timeout: float) -> None:
        """Until every node answers /health 200 and HAProxy has a healthy node and a primary."""
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            healths = [self.health(url).label for url in self.node_urls]
            try:
                servers = self.haproxy_servers()
                nodes_up = [s for (b, s), st in servers.items() if b == "nodes" and st == "UP"]
                primary = self.haproxy_primary()
            except requests.RequestException as exc:
                nodes_up, primary = [], None
                last = f"HAProxy statistics: {exc}"
            if all(h == "ok" for h in healths) and len(nodes_up) == len(self.node_urls) and primary:
                return
            last = f"nodes {healths}, HAProxy nodes up {nodes_up}, HAProxy primary {primary}"
            time.sleep(0.2)
        raise AssertionError(f"the cluster is not healthy after {timeout:.0f} s: {last}")


def free_port_block(count: int, start: int = 20000, end: int = 60000) -> int:
    """A random base port B with B..B+count-1 all free on 127.0.0.1 (for a cluster of its own)."""
    import socket

    rng = secrets.SystemRandom()
    for _ in range(200):
        base = rng.randrange(start, end - count)
        socks = []
        try:
            for port in range(base, base + count):
                sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                socks.append(sock)
                sock.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for sock in socks:
                sock.close()
    raise RuntimeError(f"no block of {count} free ports found")


# --------------------------------------------------------------------------------------------
# Browsers pinned to one address (a node, or HAProxy)
# --------------------------------------------------------------------------------------------


class Pinned:
    """What `limen_interop.Browser` calls a server: a base URL to send every request to."""

    def __init__(self, base_url: str):
        self.base_url = base_url

    def url(self, path: str) -> str:
        return self.base_url + path


def repin(url: str, base_url: str) -> str:
    """`url` (absolute or relative) sent to `base_url` instead of its own host."""
    parts = urlsplit(url)
    rest = parts.path + (f"?{parts.query}" if parts.query else "")
    return base_url + rest


# --------------------------------------------------------------------------------------------
# The load: logins, CAS validations and OIDC code exchanges through HAProxy
# --------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """One HTTP exchange of the load."""

    at: float  # time.monotonic()
    op: str  # login-page, login-email, login-password, sso, validate, authorize, token, userinfo
    status: int | None  # None: no HTTP answer
    retry_after: str | None
    ok: bool
    detail: str = ""

    @property
    def clean_refusal(self) -> bool:
        """503 with Retry-After: what a request may get while the database is away."""
        return self.status == 503 and bool(self.retry_after)

    @property
    def transport(self) -> bool:
        """No HTTP answer at all, or HAProxy's own 502/504 (a node closed the connection without
        answering, after HAProxy's retries): a failure of the way in, counted apart."""
        return not self.ok and (self.status is None or self.status in (502, 504))


@dataclass
class Acknowledged:
    """Writes the cluster acknowledged to the load, to be found again afterwards."""

    logins: dict[str, str] = field(default_factory=dict)  # User-Agent → ticket issued
    validated: list[str] = field(default_factory=list)  # tickets validated (consumed)
    codes: list[str] = field(default_factory=list)  # OIDC codes redeemed
    access_tokens: list[str] = field(default_factory=list)
    refused_logins: list[str] = field(default_factory=list)  # User-Agents whose password step got 503


class Load:
    """Worker threads looping through HAProxy until stopped. Every answer is an Outcome; every
    acknowledged write is kept in `acked`."""

    def __init__(self, cluster: Cluster, *, logins: int = 2, sso: int = 3, oidc: int = 1, base_url: str | None = None):
        self.cluster = cluster
        self.base = base_url or cluster.public_url
        # In this order the workers start (and sign in, one at a time).
        self.counts = {"oidc": oidc, "sso": sso, "login": logins}
        self.outcomes: list[Outcome] = []
        self.acked = Acknowledged()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._serial = 0
        self._sign_in_lock = threading.Lock()
        self.run_id = secrets.token_hex(3)
        self.t0 = time.monotonic()
        self.crashes: list[str] = []

    # Bookkeeping -----------------------------------------------------------------------------
    def record(self, op: str, resp: requests.Response | None, ok: bool, detail: str = "") -> Outcome:
        outcome = Outcome(
            at=time.monotonic(),
            op=op,
            status=resp.status_code if resp is not None else None,
            retry_after=resp.headers.get("Retry-After") if resp is not None else None,
            ok=ok,
            detail=detail,
        )
        with self._lock:
            self.outcomes.append(outcome)
        return outcome

    def agent(self) -> str:
        with self._lock:
            self._serial += 1
            return f"{AGENT_PREFIX}{self.run_id}/{self._serial}"

    def snapshot(self) -> list[Outcome]:
        with self._lock:
            return list(self.outcomes)

    # Life cycle ------------------------------------------------------------------------------------
    def start(self) -> Load:
        for kind, n in self.counts.items():
            for i in range(n):
                target = getattr(self, f"_{kind}_worker")
                t = threading.Thread(target=self._guard, args=(target,), name=f"load-{kind}-{i}", daemon=True)
                self._threads.append(t)
                t.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=HTTP_TIMEOUT * 3)

    def _guard(self, target) -> None:
        try:
            target()
        except Exception as exc:  # noqa: BLE001 - a bug of the load itself: reported in the verdict
            with self._lock:
                self.crashes.append(f"{threading.current_thread().name}: {type(exc).__name__}: {exc}")

    def _pause(self) -> None:
        """After a refusal: a short wait (the load keeps probing; a real client would honour
        Retry-After)."""
        self._stop.wait(0.2)

    # HTTP -------------------------------------------------------------------------------------------
    def _send(self, session: requests.Session, op: str, method: str, url: str, **kwargs):
        try:
            return session.request(method, url, allow_redirects=False, timeout=HTTP_TIMEOUT, **kwargs), None
        except requests.RequestException as exc:
            return None, self.record(op, None, False, f"{type(exc).__name__}: {exc}")

    def _expect(self, op: str, resp: requests.Response, ok: bool, what: str) -> bool:
        if ok:
            self.record(op, resp, True)
            return True
        self.record(op, resp, False, f"{what}: {resp.status_code} {resp.text[:200]!r}")
        return False

    # CAS ----------------------------------------------------------------------------------------------
    def login(self, session: requests.Session) -> str | None:
        """The three-step form login for the CAS service; the ticket, or None (recorded)."""
        service = self.cluster.cas_service
        page, _ = self._send(session, "login-page", "GET", f"{self.base}/cas/login", params={"service": service})
        if page is None or not self._expect("login-page", page, page.status_code == 200, "login page"):
            return None
        form = login_form(page)
        data = form.hidden() | {"email": self.cluster.user_email, "step": "email"}
        step2, _ = self._send(session, "login-email", "POST", repin(form.action, self.base), data=data)
        if step2 is None or not self._expect("login-email", step2, step2.status_code == 200, "e-mail step"):
            return None
        form = login_form(step2)
        data = form.hidden() | {"step": "password", "method": "PASSWORD", "password": self.cluster.user_password}
        done, _ = self._send(session, "login-password", "POST", repin(form.action, self.base), data=data)
        if done is None:
            with self._lock:
                self.acked.refused_logins.append(session.headers["User-Agent"])
            return None
        ticket = ticket_of(done.headers.get("Location", "")) if done.status_code == 303 else None
        if not self._expect("login-password", done, ticket is not None, "password step"):
            with self._lock:
                self.acked.refused_logins.append(session.headers["User-Agent"])
            return None
        with self._lock:
            self.acked.logins[session.headers["User-Agent"]] = ticket
        return ticket

    def validate(self, session: requests.Session, ticket: str) -> bool:
        resp, _ = self._send(
            session,
            "validate",
            "GET",
            f"{self.base}/cas/p3/serviceValidate",
            params={"service": self.cluster.cas_service, "ticket": ticket},
        )
        if resp is None:
            return False
        ok = resp.status_code == 200 and CAS_SUCCESS in resp.text
        if self._expect("validate", resp, ok, "validation"):
            with self._lock:
                self.acked.validated.append(ticket)
            return True
        return False

    def sso_ticket(self, session: requests.Session) -> str | None:
        """A ticket from the SSO session: a 303 at once; None (recorded) otherwise."""
        resp, _ = self._send(
            session, "sso", "GET", f"{self.base}/cas/login", params={"service": self.cluster.cas_service}
        )
        if resp is None:
            return None
        ticket = ticket_of(resp.headers.get("Location", "")) if resp.status_code == 303 else None
        if resp.status_code == 200 and "csrf_token" in resp.text:
            # The session is gone (it cannot be, unless a write was lost): a failure, loudly.
            self.record("sso", resp, False, "the SSO session was not recognised: login form shown")
            return None
        return ticket if self._expect("sso", resp, ticket is not None, "SSO redirect") else None

    def new_session(self) -> requests.Session:
        session = requests.Session()
        session.headers["User-Agent"] = self.agent()
        return session

    def _login_worker(self) -> None:
        while not self._stop.is_set():
            session = self.new_session()
            ticket = self.login(session)
            if ticket is None or not self.validate(session, ticket):
                self._pause()
            session.close()

    def _signed_in(self) -> requests.Session | None:
        """A browser with an SSO session. One sign-in at a time: Limen reserves one of the
        account's throttle places per password in flight (5), so more parallel logins to one
        account are told to wait (429), by design."""
        with self._sign_in_lock:
            return self._sign_in()

    def _sign_in(self) -> requests.Session | None:
        while not self._stop.is_set():
            session = self.new_session()
            ticket = self.login(session)
            if ticket is not None and self.validate(session, ticket):
                return session
            session.close()
            self._pause()
        return None

    def _sso_worker(self) -> None:
        session = self._signed_in()
        while session is not None and not self._stop.is_set():
            ticket = self.sso_ticket(session)
            if ticket is None or not self.validate(session, ticket):
                self._pause()

    # OpenID Connect -------------------------------------------------------------------------------
    def oidc_round(self, session: requests.Session) -> bool:
        """authorize (SSO) → code → token (client_secret_basic) → userinfo."""
        state = secrets.token_urlsafe(12)
        params = {
            "response_type": "code",
            "client_id": self.cluster.client_id,
            "redirect_uri": self.cluster.redirect_uri,
            "scope": "openid email",
            "state": state,
            "nonce": secrets.token_urlsafe(12),
        }
        resp, _ = self._send(session, "authorize", "GET", f"{self.base}/oidc/authorize", params=params)
        if resp is None:
            return False
        location = resp.headers.get("Location", "")
        query = parse_qs(urlsplit(location).query)
        code = query.get("code", [None])[0] if location.startswith(self.cluster.redirect_uri) else None
        if not self._expect("authorize", resp, resp.status_code in (302, 303) and code is not None, "authorize"):
            return False
        token, _ = self._send(
            session,
            "token",
            "POST",
            f"{self.base}/oidc/token",
            data={"grant_type": "authorization_code", "code": code, "redirect_uri": self.cluster.redirect_uri},
            auth=(self.cluster.client_id, self.cluster.client_secret),
        )
        if token is None:
            return False
        access = None
        if token.status_code == 200:
            with contextlib.suppress(ValueError):
                access = token.json().get("access_token")
        if not self._expect("token", token, access is not None, "token exchange"):
            return False
        with self._lock:
            self.acked.codes.append(code)
            self.acked.access_tokens.append(access)
        info, _ = self._send(
            session, "userinfo", "GET", f"{self.base}/oidc/userinfo", headers={"Authorization": f"Bearer {access}"}
        )
        if info is None:
            return False
        return self._expect("userinfo", info, info.status_code == 200, "userinfo")

    def _oidc_worker(self) -> None:
        session = self._signed_in()
        while session is not None and not self._stop.is_set():
            if not self.oidc_round(session):
                self._pause()


def ticket_of(location: str) -> str | None:
    tickets = parse_qs(urlsplit(location).query).get("ticket")
    return tickets[0] if tickets and tickets[0].startswith("ST-") else None


# --------------------------------------------------------------------------------------------
# Watching: each node's /health and HAProxy's view, sampled
# --------------------------------------------------------------------------------------------


@dataclass
class Event:
    at: float
    text: str


class Watch:
    """Samples every node's /health and HAProxy's servers every `every` seconds; keeps the
    changes as events and the latest state for the timeline."""

    def __init__(self, cluster: Cluster, every: float = 0.1):
        self.cluster = cluster
        self.every = every
        self.events: list[Event] = []
        self.health: dict[str, list[tuple[float, Health]]] = {url: [] for url in cluster.node_urls}
        self.latest: dict[str, str] = {}
        self.pg_route: list[tuple[float, str | None]] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def node_name(self, url: str) -> str:
        return f"node{self.cluster.node_urls.index(url) + 1}"

    def note(self, text: str) -> None:
        with self._lock:
            self.events.append(Event(time.monotonic(), text))

    def start(self) -> Watch:
        for url in self.cluster.node_urls:
            t = threading.Thread(target=self._watch_node, args=(url,), name=f"watch-{url}", daemon=True)
            self._threads.append(t)
        self._threads.append(threading.Thread(target=self._watch_haproxy, name="watch-haproxy", daemon=True))
        for t in self._threads:
            t.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=HEALTH_TIMEOUT * 2)

    def _watch_node(self, url: str) -> None:
        name = self.node_name(url)
        previous = None
        while not self._stop.is_set():
            h = self.cluster.health(url)
            with self._lock:
                self.health[url].append((time.monotonic(), h))
                self.latest[name] = h.label
            if h.label != previous:
                self.note(f"{name} /health: {h.label}")
                previous = h.label
            self._stop.wait(self.every)

    def _watch_haproxy(self) -> None:
        previous: dict[tuple[str, str], str] = {}
        route = "?"
        while not self._stop.is_set():
            try:
                servers = self.cluster.haproxy_servers()
            except requests.RequestException as exc:
                self.note(f"HAProxy statistics unreachable: {type(exc).__name__}")
                self._stop.wait(1)
                continue
            if not previous:
                states = ", ".join(f"{b}/{s} {st}" for (b, s), st in sorted(servers.items()) if b != "stats")
                self.note(f"HAProxy: {states}")
            else:
                # UP or DOWN changes only (not the checks counted on the way, "UP 1/2").
                for key, status in sorted(servers.items()):
                    was = previous.get(key, "-").split()[0]
                    if was != status.split()[0]:
                        self.note(f"HAProxy {key[0]}/{key[1]}: {was} -> {status.split()[0]}")
            previous = servers
            nodes_up = sum(1 for (b, _s), st in servers.items() if b == "nodes" and st == "UP")
            with self._lock:
                self.latest["nodes_up"] = str(nodes_up)
            primary = next(
                (n for n in ("pg1", "pg2") if servers.get(("pg_primary", n), "").startswith("UP")),
                None,
            )
            if primary != route:
                with self._lock:
                    self.pg_route.append((time.monotonic(), primary))
                    self.latest["pg"] = primary or "none"
                if route != "?":
                    self.note(f"HAProxy routes PostgreSQL to: {primary or 'no server'}")
                route = primary
            self._stop.wait(self.every)

    def all_reported(self, since: float, predicate) -> bool:
        """Whether every node has answered, since `since`, a /health satisfying `predicate`."""
        with self._lock:
            return all(any(at >= since and predicate(h) for at, h in samples) for samples in self.health.values())

    def all_now(self, predicate) -> bool:
        with self._lock:
            return all(samples and predicate(samples[-1][1]) for samples in self.health.values())


# --------------------------------------------------------------------------------------------
# The timeline printer and the verdict
# --------------------------------------------------------------------------------------------


class Timeline:
    """Prints, every second, what the load got and what the watch saw, and the events between."""

    def __init__(self, load: Load, watch: Watch, out=sys.stdout, every: float = 1.0):
        self.load = load
        self.watch = watch
        self.out = out
        self.every = every
        self.t0 = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="timeline", daemon=True)
        self._seen_outcomes = 0
        self._seen_events = 0

    def start(self) -> Timeline:
        self.print(
            f"{'t':>7}  {'req/s':>5} {'ok':>5} {'503':>4} {'other':>5}   node1 / node2 / node3 /health    HAProxy → PostgreSQL"
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._tick()

    def print(self, line: str) -> None:
        print(line, file=self.out, flush=True)

    def stamp(self, at: float) -> str:
        return f"{at - self.t0:+7.1f}"

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self._tick()

    def _tick(self) -> None:
        outcomes = self.load.snapshot()
        fresh = outcomes[self._seen_outcomes :]
        self._seen_outcomes = len(outcomes)
        with self.watch._lock:
            events = self.watch.events[self._seen_events :]
            self._seen_events = len(self.watch.events)
            latest = dict(self.watch.latest)
        for e in events:
            self.print(f"{self.stamp(e.at)}  ** {e.text}")
        ok = sum(1 for o in fresh if o.ok)
        refused = sum(1 for o in fresh if not o.ok and o.status == 503)
        other = len(fresh) - ok - refused
        healths = " / ".join(latest.get(f"node{i}", "?") for i in (1, 2, 3))
        self.print(
            f"{self.stamp(time.monotonic())}  {len(fresh) / self.every:5.0f} {ok:5d} {refused:4d} {other:5d}   "
            f"{healths:<32} {latest.get('pg', '?')}"
        )


def classify(outcomes: list[Outcome]) -> dict[str, int]:
    """Counts: ok, 503 with Retry-After, and everything else by kind."""
    counts: Counter[str] = Counter()
    for o in outcomes:
        if o.ok:
            counts["ok"] += 1
        elif o.clean_refusal:
            counts["503 + Retry-After"] += 1
        elif o.status is None:
            counts["no answer"] += 1
        elif o.status == 503:
            counts["503 without Retry-After"] += 1
        else:
            counts[f"{o.status} ({o.op})"] += 1
    return dict(counts)


def bad_outcomes(outcomes: list[Outcome]) -> list[Outcome]:
    """Answers from Limen other than success or a clean 503 + Retry-After (what a client must
    never get: a 500, a 503 without Retry-After, a refusal of what should work)."""
    return [o for o in outcomes if not o.ok and not o.clean_refusal and not o.transport]


# Transport failures tolerated in a run, as a share of its requests (see Outcome.transport): rare
# connections closed between HAProxy and a node without an answer, which the drill reports but
# which are not what it checks (docs/cluster-notes.md, "Findings").
TRANSPORT_TOLERANCE = 0.01


def ask_nodes(cluster: Cluster, items: list[str], call, workers: int = 4) -> list:
    """`call(session, node_url, item)` for each item, spread over the nodes directly (the checks
    are about what the database holds, not about the way in), a keep-alive session per worker.
    A request that got no HTTP answer is sent once more, to the next node."""
    local = threading.local()

    def one(pair: tuple[int, str]):
        i, item = pair
        session = getattr(local, "session", None)
        if session is None:
            session = local.session = requests.Session()
        nodes = cluster.node_urls
        try:
            return call(session, nodes[i % len(nodes)], item)
        except requests.ConnectionError:
            return call(session, nodes[(i + 1) % len(nodes)], item)

    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        return list(pool.map(one, enumerate(items)))


def replay_tickets(cluster: Cluster, tickets: list[str]) -> list[str]:
    """Validates each ticket again; returns those that validated (they must all be refused)."""

    def replay(session: requests.Session, node: str, ticket: str) -> str | None:
        resp = session.get(
            node + "/cas/p3/serviceValidate",
            params={"service": cluster.cas_service, "ticket": ticket},
            timeout=HTTP_TIMEOUT,
        )
        assert resp.status_code == 200, f"replayed validation at {node}: {resp.status_code} {resp.text[:300]}"
        return ticket if CAS_SUCCESS in resp.text else None

    return [t for t in ask_nodes(cluster, tickets, replay) if t is not None]


def refused_access_tokens(cluster: Cluster, tokens: list[str]) -> list[str]:
    """userinfo with each access token; returns those refused (they must all work)."""

    def ask(session: requests.Session, node: str, token: str) -> str | None:
        resp = session.get(node + "/oidc/userinfo", headers={"Authorization": f"Bearer {token}"}, timeout=HTTP_TIMEOUT)
        return None if resp.status_code == 200 else f"{token[:12]}…: {resp.status_code} at {node}"

    return [t for t in ask_nodes(cluster, tokens, ask) if t is not None]


def redeemed_codes_accepted(cluster: Cluster, codes: list[str]) -> list[str]:
    """Redeems each code again; returns those accepted (they must all be refused: invalid_grant)."""

    def redeem(session: requests.Session, node: str, code: str) -> str | None:
        resp = session.post(
            node + "/oidc/token",
            data={"grant_type": "authorization_code", "code": code, "redirect_uri": cluster.redirect_uri},
            auth=(cluster.client_id, cluster.client_secret),
            timeout=HTTP_TIMEOUT,
        )
        assert resp.status_code in (200, 400), f"replayed code at {node}: {resp.status_code} {resp.text[:300]}"
        return code if resp.status_code == 200 else None

    return [c for c in ask_nodes(cluster, codes, redeem) if c is not None]


@dataclass
class Rows:
    """What the database holds of the load's logins, by User-Agent."""

    sessions: set[str]
    sessions_without_service: set[str]


def load_rows(cluster: Cluster, run_id: str, port: int | None = None) -> Rows:
    prefix = f"{AGENT_PREFIX}{run_id}/"
    like = prefix.replace("%", r"\%").replace("_", r"\_") + "%"
    sessions = {
        r[0] for r in cluster.sql(f"SELECT user_agent FROM sso_sessions WHERE user_agent LIKE '{like}'", port=port)
    }
    orphans = {
        r[0]
        for r in cluster.sql(
            "SELECT s.user_agent FROM sso_sessions s WHERE s.user_agent LIKE "
            f"'{like}' AND NOT EXISTS (SELECT 1 FROM session_services v WHERE v.session_id = s.id)",
            port=port,
        )
    }
    return Rows(sessions=sessions, sessions_without_service=orphans)


@dataclass
class Verdict:
    """The checks after a disruption, each a list of problems (empty: passed)."""

    counts: dict[str, int]
    bad: list[Outcome]
    transport: list[Outcome]
    requests: int
    lost_logins: list[str]
    half_written: list[str]
    inert_refused: list[str]
    refused_written: list[str]
    replayed_tickets: list[str]
    replayed_codes: list[str]
    lost_tokens: list[str]
    load_crashes: list[str]
    acked: Acknowledged
    t0: float  # when the load started (the timeline's zero)

    def problems(self) -> list[str]:
        out = []
        if self.bad:
            sample = "; ".join(f"{o.op} {o.status} at {o.at - self.t0:+.1f} s: {o.detail[:120]}" for o in self.bad[:5])
            out.append(f"{len(self.bad)} failures other than 503 + Retry-After, e.g. {sample}")
        if len(self.transport) > TRANSPORT_TOLERANCE * self.requests:
            sample = "; ".join(
                f"{o.op} {o.status} at {o.at - self.t0:+.1f} s: {o.detail[:120]}" for o in self.transport[:5]
            )
            out.append(f"{len(self.transport)} of {self.requests} requests got no answer from a node, e.g. {sample}")
        if self.lost_logins:
            out.append(f"{len(self.lost_logins)} acknowledged logins have no session row: {self.lost_logins[:5]}")
        if self.half_written:
            told = [
                f"{agent} (answered {'303 with a ticket' if agent in self.acked.logins else 'an error'})"
                for agent in self.half_written[:5]
            ]
            out.append(f"{len(self.half_written)} sessions without their service (half-written logins): {told}")
        if self.replayed_tickets:
            out.append(f"{len(self.replayed_tickets)} validated tickets validated again: {self.replayed_tickets[:5]}")
        if self.replayed_codes:
            out.append(f"{len(self.replayed_codes)} redeemed codes accepted again: {self.replayed_codes[:5]}")
        if self.lost_tokens:
            out.append(f"{len(self.lost_tokens)} issued access tokens refused at userinfo: {self.lost_tokens[:5]}")
        if self.load_crashes:
            out.append(f"the load generator failed: {self.load_crashes}")
        return out


def verify(cluster: Cluster, load: Load, port: int | None = None) -> Verdict:
    """Everything the load was told succeeded is in the database (`port`: a server directly),
    nothing acknowledged is undone, and every failure it saw was a 503 with Retry-After."""
    outcomes = load.snapshot()
    acked = load.acked
    rows = load_rows(cluster, load.run_id, port=port)
    return Verdict(
        counts=classify(outcomes),
        bad=bad_outcomes(outcomes),
        transport=[o for o in outcomes if o.transport],
        requests=len(outcomes),
        lost_logins=sorted(set(acked.logins) - rows.sessions),
        # A login answered with an error may leave a session row that no browser holds (its
        # cookie was never sent; inert, ended by the idle time-out: docs/SCALING.md). What must
        # never happen is an acknowledged login without its service row.
        half_written=sorted(rows.sessions_without_service & set(acked.logins)),
        inert_refused=sorted(rows.sessions_without_service - set(acked.logins)),
        refused_written=sorted(set(acked.refused_logins) & rows.sessions),
        replayed_tickets=replay_tickets(cluster, acked.validated),
        # Before the codes are replayed: a replayed code revokes its tokens (RFC 6749 §4.1.2).
        lost_tokens=refused_access_tokens(cluster, acked.access_tokens),
        replayed_codes=redeemed_codes_accepted(cluster, acked.codes),
        load_crashes=list(load.crashes),
        acked=acked,
        t0=load.t0,
    )


# --------------------------------------------------------------------------------------------
# Disruptions under load: a PostgreSQL restart, the failover
# --------------------------------------------------------------------------------------------


@dataclass
class DrillReport:
    verdict: Verdict
    degraded_seen: dict[str, list[str]]  # node → the non-ok /health labels it reported
    recovered_after: float  # seconds from the disruption to every node healthy again
    outage: tuple[float, float] | None  # first and last refused request, seconds after the disruption
    switched_after: float | None  # seconds from the disruption to HAProxy routing to the new primary
    new_primary: str | None
    after_ok: dict[str, int]  # successful operations after recovery, by op


def wait_until(predicate, timeout: float, what: str, interval: float = 0.1) -> float:
    start = time.monotonic()
    deadline = start + timeout
    while time.monotonic() < deadline:
        if predicate():
            return time.monotonic() - start
        time.sleep(interval)
    raise AssertionError(f"{what}: not within {timeout:.0f} s")


def run_disruption(
    cluster: Cluster,
    action: str,
    *,
    warmup: float = 5.0,
    after: float = 5.0,
    out=sys.stdout,
    load_shape: dict[str, int] | None = None,
) -> DrillReport:
    """Load through HAProxy, then `action`: "restart" (pg_ctl restart -m fast of the primary) or
    "failover" (the primary crashed with pg_ctl stop -m immediate, the standby promoted once every
    node has reported the database gone), then load until every node is healthy again and
    `after` seconds more; then the verdict."""
    primary = cluster.primary()
    assert primary is not None, "no primary before the disruption"
    standby = "pg2" if primary == "pg1" else "pg1"
    if action == "failover":
        assert cluster.role(standby) == "standby", f"{standby} is not a standby: no failover possible"
    load = Load(cluster, **(load_shape or {}))
    watch = Watch(cluster)
    timeline = Timeline(load, watch, out=out)
    load.t0 = timeline.t0
    watch.start()
    timeline.start()
    load.start()
    new_primary = None
    try:
        wait_until(
            lambda: len(load.acked.validated) >= 5 and len(load.acked.codes) >= min(1, load.counts["oidc"]),
            60,
            "the load got no validation or no code exchange through",
        )
        time.sleep(warmup)
        t_disrupt = time.monotonic()
        if action == "restart":
            watch.note(f"pg_ctl restart -m fast of the primary {primary}")
            cluster.pg("restart", primary)
            watch.note(f"{primary} restarted")
            new_primary = primary
        elif action == "failover":
            watch.note(f"CRASH: pg_ctl stop -m immediate of the primary {primary}")
            cluster.pg("crash", primary)
            wait_until(
                lambda: watch.all_reported(t_disrupt, lambda h: not h.ok),
                60,
                "not every node reported the database gone on /health",
            )
            watch.note(f"every node reported the database gone: pg_ctl promote {standby}")
            cluster.pg("promote", standby)
            watch.note(f"{standby} promoted")
            new_primary = standby
        else:
            raise ValueError(action)
        wait_until(
            lambda: (
                watch.all_now(lambda h: h.ok)
                and watch.latest.get("pg") == new_primary
                and watch.latest.get("nodes_up") == str(len(cluster.node_urls))
            ),
            90,
            "the nodes did not all become healthy again (in HAProxy's eyes too)",
        )
        recovered = time.monotonic()
        watch.note("every node healthy, HAProxy sends requests to all and PostgreSQL to the primary")
        time.sleep(after)
    finally:
        load.stop()
        timeline.stop()
        watch.stop()
    outcomes = load.snapshot()
    refused = [o.at - t_disrupt for o in outcomes if not o.ok and o.at >= t_disrupt]
    switched = next((at - t_disrupt for at, name in watch.pg_route if at >= t_disrupt and name == new_primary), None)
    degraded = {
        watch.node_name(url): sorted({h.label for at, h in samples if at >= t_disrupt and not h.ok})
        for url, samples in watch.health.items()
    }
    after_ok = Counter(o.op for o in outcomes if o.ok and o.at >= recovered)
    verdict = verify(cluster, load, port=cluster.pg_ports[new_primary])
    return DrillReport(
        verdict=verdict,
        degraded_seen=degraded,
        recovered_after=recovered - t_disrupt,
        outage=(min(refused), max(refused)) if refused else None,
        switched_after=switched,
        new_primary=new_primary,
        after_ok=dict(after_ok),
    )


def summary(report: DrillReport, action: str) -> list[str]:
    v = report.verdict
    a = v.acked
    lines = [
        f"Summary ({action}):",
        (
            f"  acknowledged: {len(a.logins)} logins, {len(a.validated)} ticket validations, "
            f"{len(a.codes)} OIDC code exchanges"
        ),
        f"  requests: {', '.join(f'{k} {n}' for k, n in sorted(v.counts.items()))}",
        "  /health seen while disrupted: "
        + "; ".join(f"{n}: {', '.join(labels) or 'always ok'}" for n, labels in report.degraded_seen.items()),
    ]
    if report.switched_after is not None and action == "failover":
        lines.append(
            f"  HAProxy switched PostgreSQL to {report.new_primary} {report.switched_after:.1f} s after the crash"
        )
    if report.outage:
        lines.append(
            f"  requests refused from {report.outage[0]:.1f} s to {report.outage[1]:.1f} s after the disruption"
        )
    else:
        lines.append("  no request refused")
    lines.append(f"  every node healthy again {report.recovered_after:.1f} s after the disruption")
    lines.append(f"  after recovery: {', '.join(f'{k} {n}' for k, n in sorted(report.after_ok.items()))}")
    lines.append(
        f"  on the new primary: {len(a.logins) - len(v.lost_logins)}/{len(a.logins)} acknowledged logins' sessions, "
        f"{len(v.half_written)} half-written; {len(a.validated) - len(v.replayed_tickets)}/{len(a.validated)} "
        f"validated tickets refused on replay; {len(a.codes) - len(v.replayed_codes)}/{len(a.codes)} codes refused "
        f"on replay; {len(a.access_tokens) - len(v.lost_tokens)}/{len(a.access_tokens)} access tokens working"
    )
    if v.transport:
        lines.append(
            f"  {len(v.transport)} requests got no answer from a node (connection closed; tolerated up to "
            f"{TRANSPORT_TOLERANCE:.0%} of the requests)"
        )
    if v.inert_refused:
        lines.append(
            f"  note: {len(v.inert_refused)} logins answered 503 left a session row without its service: "
            "no browser holds its cookie (never sent); it ends with the idle time-out"
        )
    if v.refused_written:
        lines.append(
            f"  note: {len(v.refused_written)} logins answered 503 were committed all the same (the answer, "
            "not the write, was lost: the user signs in again)"
        )
    problems = v.problems()
    lines.append("  RESULT: " + ("all checks passed" if not problems else "FAILED"))
    lines += [f"    - {p}" for p in problems]
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="cluster_support.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    drill = sub.add_parser("drill", help="the failover drill on the cluster in --dir")
    drill.add_argument("--dir", required=True, type=Path)
    drill.add_argument("--seconds", type=float, default=5.0, help="load before the crash and after recovery")
    args = parser.parse_args(argv)
    cluster = Cluster(args.dir.resolve())
    cluster.wait_healthy(60)
    print(
        f"Failover drill: load through {cluster.public_url} (logins, CAS validations, OIDC code exchanges); "
        f"primary {cluster.primary()}, standby streaming synchronously",
        flush=True,
    )
    report = run_disruption(cluster, "failover", warmup=args.seconds, after=args.seconds)
    lines = summary(report, "failover")
    print("\n".join(lines), flush=True)
    return 0 if not report.verdict.problems() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
