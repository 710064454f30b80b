"""Debian's Apache with mod_auth_mellon (packages `apache2`, `libapache2-mod-auth-mellon`) as a
SAML 2.0 service provider for Limen's identity provider (docs/SAML.md §13.3).

`MellonPeer(workdir).start()` writes a ServerRoot of its own in a fresh directory under the system
temporary directory (never the system configuration): a minimal `apache2.conf` (mpm_event, the
authn/authz core modules, auth_mellon, include, setenvif), `Listen 127.0.0.1:<free port>`,
`ServerName 127.0.0.1`, the SP key, certificate and metadata made by `mellon_create_metadata`
(entity ID `http://127.0.0.1:P/mellon/metadata`, endpoints under `/mellon`: ACS
`/mellon/postResponse` HTTP-POST, SLO `/mellon/logout` HTTP-Redirect, AuthnRequestsSigned, one
RSA-3072 key for signing and encryption, no EncryptionMethod listed; its AuthnRequests ask for a
transient NameID), and runs `apache2 -DFOREGROUND`, whose PID is the
one the peer stops (SIGTERM) — one Apache for the whole test session.

- `/index.html` answers 200 (readiness). `/protected` requires a mellon session (`AuthType Mellon`,
  `Require valid-user`) and prints its environment through mod_include's `printenv`: the
  `MELLON_*` variables (one per attribute, multi-valued ones such as `groups` merged with `;`),
  which `protected_attributes(html)` reads back.
- `/mellon/login?ReturnTo=/protected&IdP=ENTITYID` starts a sign-in at that IdP (`login_url`);
  `/mellon/logout?ReturnTo=/` is SP-initiated single logout (`logout_url`).
- `trust_idp(metadata_url)`: the IdP's metadata (Limen's `GET /saml/metadata`) saved to a file
  and added as `MellonIdPMetadataFile`; Apache re-reads its configuration (SIGHUP: the same PID)
  and the peer waits, bounded, for the restart to complete. Several IdPs may be trusted (one per
  Limen backend); requests without `IdP=` go to the first.
- `metadata_path`: the SP metadata file to register with `limen service add --metadata FILE`.

Run as root (CI), Apache's children switch to `www-data` (mod_unixd), so the ServerRoot is owned by
that user; mellon's cookie test cookie is sent without SameSite (`MELLON_DISABLE_SAMESITE`),
since a `SameSite=None` cookie without `Secure` is dropped by Chromium over http.

    python mellon.py [--idp-metadata URL ...]     # starts it, prints READY URL, waits for SIGTERM
"""

from __future__ import annotations

import argparse
import contextlib
import html
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

APACHE = Path("/usr/sbin/apache2")
MODULES = Path("/usr/lib/apache2/modules")
MELLON_MODULE = MODULES / "mod_auth_mellon.so"
CREATE_METADATA = ("mellon_create_metadata", "mellon_create_metadata.sh")
CREATE_METADATA_DIRS = (
    "/usr/sbin",
    "/usr/bin",
    "/usr/libexec/mod_auth_mellon",
    "/usr/share/libapache2-mod-auth-mellon",
)
LOAD = ("mpm_event", "authn_core", "authz_core", "authz_user", "auth_mellon", "include", "setenvif")
START_TIMEOUT = 30.0
RESTARTED = "resuming normal operations"

CONF = """\
ServerRoot "{root}"
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile "{root}/run/apache2.pid"
DefaultRuntimeDir "{root}/run"
Mutex file:{root}/run default
ErrorLog "{root}/logs/error.log"
LogLevel notice auth_mellon:info
LogFormat "%h %t \\"%r\\" %>s %b" brief
TransferLog "{root}/logs/access.log"
{user}
{modules}
Timeout 30
KeepAlive Off
DocumentRoot "{root}/htdocs"
SetEnvIf Request_URI "." MELLON_DISABLE_SAMESITE=1
MellonCacheSize 100
MellonLockFile "{root}/run/mellon.lock"
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory "{root}/htdocs">
    Options +Includes
    Require all granted
</Directory>
<Location />
    MellonEnable info
    MellonEndpointPath /mellon
    MellonVariable "p{port}"
    MellonSecureCookie Off
    MellonSignatureMethod rsa-sha256
    MellonMergeEnvVars On ";"
    MellonSPPrivateKeyFile "{key}"
    MellonSPCertFile "{cert}"
    MellonSPMetadataFile "{metadata}"
{idps}
</Location>
<Location /protected>
    ForceType "text/html; charset=utf-8"
    SetOutputFilter INCLUDES
    AuthType Mellon
    MellonEnable auth
    Require valid-user
</Location>
"""

PROTECTED = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>mellon test SP</title></head>
<body><h1>Signed in through mod_auth_mellon</h1><pre id="env">
<!--#printenv -->
</pre></body></html>
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def create_metadata_command() -> str | None:
    for name in CREATE_METADATA:
        found = shutil.which(name) or next(
            (str(Path(d) / name) for d in CREATE_METADATA_DIRS if (Path(d) / name).is_file()), None
        )
        if found:
            return found
    return None


def missing() -> str | None:
    """Why the peer cannot run here, or None."""
    if not APACHE.is_file():
        return f"{APACHE} is not installed (Debian's apache2; scripts/test installs it)"
    if not MELLON_MODULE.is_file():
        return f"{MELLON_MODULE} is not installed (Debian's libapache2-mod-auth-mellon; scripts/test installs it)"
    if create_metadata_command() is None:
        return "mellon_create_metadata is not found (Debian's libapache2-mod-auth-mellon)"
    return None


def protected_attributes(page: str) -> dict[str, str]:
    """The `MELLON_*` variables printed by /protected (values HTML-unescaped)."""
    found = re.search(r'<pre id="env">(.*?)</pre>', page, re.DOTALL)
    out: dict[str, str] = {}
    for line in (found.group(1) if found else "").splitlines():
        name, sep, value = html.unescape(line).partition("=")
        if sep and name.startswith("MELLON_"):
            out[name] = value
    return out


class MellonPeer:
    def __init__(self, workdir: Path):
        self.workdir = workdir  # where the logs are copied when it stops
        self.root = Path(tempfile.mkdtemp(prefix="limen-mellon-"))
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self.idp_files: dict[str, Path] = {}  # entity ID -> metadata file
        self.metadata_path = Path()
        self.key_path = Path()
        self.cert_path = Path()

    # URLs --------------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def entity_id(self) -> str:
        return self.base_url + "/mellon/metadata"

    @property
    def protected_url(self) -> str:
        return self.base_url + "/protected"

    @property
    def acs_url(self) -> str:
        return self.base_url + "/mellon/postResponse"

    @property
    def cookie_name(self) -> str:
        return f"mellon-p{self.port}"

    def login_url(self, idp_entity_id: str, return_to: str = "/protected") -> str:
        return (
            requests.Request(
                "GET", self.base_url + "/mellon/login", params={"ReturnTo": return_to, "IdP": idp_entity_id}
            )
            .prepare()
            .url
        )

    def logout_url(self, return_to: str = "/") -> str:
        return requests.Request("GET", self.base_url + "/mellon/logout", params={"ReturnTo": return_to}).prepare().url

    # Life cycle --------------------------------------------------------------------------------
    def start(self, idp_metadata_files: list[Path] | None = None) -> str:
        reason = missing()
        if reason is not None:
            raise RuntimeError(reason)
        for sub in ("run", "logs", "htdocs", "keys", "idp"):
            (self.root / sub).mkdir(exist_ok=True)
        (self.root / "htdocs" / "index.html").write_text("<!DOCTYPE html><title>mellon test SP</title>ok\n")
        (self.root / "htdocs" / "protected").write_text(PROTECTED)
        for path in idp_metadata_files or []:
            self._add_idp_file(path.read_bytes())
        last = None
        for _attempt in range(3):  # another process may take the port between the pick and Listen
            self.port = free_port()
            self._make_keys()
            self._write_conf()
            try:
                self._launch()
                return self.base_url
            except _PortTaken as exc:
                last = exc
        raise RuntimeError(f"apache2 could not listen: {last}")

    def _make_keys(self) -> None:
        keys = self.root / "keys"
        for old in keys.iterdir():
            old.unlink()
        cmd = [create_metadata_command() or "", self.entity_id, self.base_url + "/mellon"]
        out = subprocess.run(cmd, cwd=keys, capture_output=True, text=True, timeout=120, check=False)
        if out.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
        stem = re.sub(r"_+", "_", re.sub(r"[^0-9A-Za-z.]", "_", self.entity_id))
        self.key_path, self.cert_path = keys / f"{stem}.key", keys / f"{stem}.cert"
        self.metadata_path = keys / f"{stem}.xml"
        for path in (self.key_path, self.cert_path, self.metadata_path):
            if not path.is_file():
                raise RuntimeError(
                    f"mellon_create_metadata made no {path.name}: {sorted(p.name for p in keys.iterdir())}"
                )

    def _run_user(self) -> str | None:
        """Apache's children's user when started as root (mod_unixd refuses to serve as root)."""
        if os.geteuid() != 0:
            return None
        for name in ("www-data", "nobody"):
            with contextlib.suppress(KeyError):
                return pwd.getpwnam(name).pw_name
        raise RuntimeError("no www-data or nobody user for Apache's children")

    def _write_conf(self) -> None:
        user = self._run_user()
        modules = "\n".join(f"LoadModule {m}_module {MODULES / f'mod_{m}.so'}" for m in LOAD)
        idps = "\n".join(f'    MellonIdPMetadataFile "{p}"' for p in self.idp_files.values())
        text = CONF.format(
            root=self.root,
            port=self.port,
            user=f"User {user}\nGroup #{pwd.getpwnam(user).pw_gid}" if user else "",
            modules=modules,
            key=self.key_path,
            cert=self.cert_path,
            metadata=self.metadata_path,
            idps=idps,
        )
        (self.root / "apache2.conf").write_text(text)
        if user:
            entry = pwd.getpwnam(user)
            for path in [self.root, *self.root.rglob("*")]:
                os.chown(path, entry.pw_uid, entry.pw_gid)

    def _launch(self) -> None:
        log = self.root / "logs" / "error.log"
        cmd = [str(APACHE), "-d", str(self.root), "-f", str(self.root / "apache2.conf"), "-DFOREGROUND"]
        with open(self.root / "logs" / "stderr.log", "ab") as stderr:
            self.proc = subprocess.Popen(
                cmd, stdin=subprocess.DEVNULL, stdout=stderr, stderr=stderr, start_new_session=True, env=_apache_env()
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                text = self.log_text()
                self.proc = None
                if "Address already in use" in text:
                    raise _PortTaken(f"port {self.port}")
                raise RuntimeError(f"apache2 exited before answering:\n{text}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(self.base_url + "/index.html", timeout=2).status_code == 200 and log.is_file():
                    return
            time.sleep(0.05)
        self._terminate()
        raise RuntimeError(f"apache2 did not answer within {START_TIMEOUT:.0f} s:\n{self.log_text()}")

    def _add_idp_file(self, content: bytes) -> str:
        found = re.search(rb'entityID="([^"]+)"', content)
        if not found:
            raise RuntimeError("IdP metadata without an entityID")
        entity_id = found.group(1).decode()
        path = self.root / "idp" / f"idp-{len(self.idp_files) + 1}.xml"
        for known, old in self.idp_files.items():
            if known == entity_id:
                path = old
        path.write_bytes(content)
        self.idp_files[entity_id] = path
        return entity_id

    def trust_idp(self, metadata_url: str) -> str:
        """Fetches the IdP's metadata, adds it, restarts Apache in place; returns its entity ID."""
        resp = requests.get(metadata_url, timeout=10)
        if resp.status_code != 200:
            raise RuntimeError(f"GET {metadata_url}: {resp.status_code}\n{resp.text[:1000]}")
        entity_id = self._add_idp_file(resp.content)
        self.restart()
        return entity_id

    def restart(self) -> None:
        """SIGHUP (Apache's restart: the configuration read again, the parent and its PID kept),
        then waits until the error log says it resumed and `/` answers."""
        if not self.alive():
            raise RuntimeError(f"apache2 is not running:\n{self.log_text()}")
        self._write_conf()
        before = self.log_text(max_lines=100_000).count(RESTARTED)
        os.kill(self.proc.pid, signal.SIGHUP)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if not self.alive():
                raise RuntimeError(f"apache2 exited on restart:\n{self.log_text()}")
            if self.log_text(max_lines=100_000).count(RESTARTED) > before:
                with contextlib.suppress(requests.RequestException):
                    if requests.get(self.base_url + "/index.html", timeout=2).status_code == 200:
                        return
            time.sleep(0.05)
        raise RuntimeError(f"apache2 did not restart within {START_TIMEOUT:.0f} s:\n{self.log_text()}")

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def _terminate(self) -> int | None:
        """SIGTERM to the apache2 started here (its PID), SIGKILL to its group after 10 s."""
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
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        return proc.returncode

    def stop(self) -> int | None:
        """Stops Apache by its PID; its logs are copied to `workdir`, the ServerRoot removed."""
        code = self._terminate()
        with contextlib.suppress(OSError):
            self.workdir.mkdir(parents=True, exist_ok=True)
            for name in ("error.log", "access.log", "stderr.log"):
                if (self.root / "logs" / name).is_file():
                    shutil.copy(self.root / "logs" / name, self.workdir / f"mellon-{name}")
        shutil.rmtree(self.root, ignore_errors=True)
        return code

    def log_text(self, max_lines: int = 80) -> str:
        lines: list[str] = []
        for name in ("stderr.log", "error.log"):
            with contextlib.suppress(OSError):
                lines += (self.root / "logs" / name).read_text(errors="replace").splitlines()
        return "\n".join(lines[-max_lines:])


class _PortTaken(Exception):
    pass


def _apache_env() -> dict[str, str]:
    """Apache's environment: no APACHE_* variable of an operator's shell leaks into it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("APACHE_")}
    env["LANG"] = "C"
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--idp-metadata", action="append", default=[], help="an IdP's metadata URL (repeatable)")
    parser.add_argument("--logs", type=Path, default=Path(tempfile.gettempdir()) / "limen-mellon-logs")
    args = parser.parse_args(argv)
    peer = MellonPeer(args.logs)
    peer.start()
    for url in args.idp_metadata:
        peer.trust_idp(url)
    print(f"READY {peer.base_url}", flush=True)
    print(f"SP metadata: {peer.metadata_path}", flush=True)
    stopping = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda _n, _f: stopping.append(True))
    while not stopping and peer.alive():
        time.sleep(0.2)
    return peer.stop() or 0


if __name__ == "__main__":
    sys.exit(main())
