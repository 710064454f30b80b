"""Debian's simplesamlphp (1.19) as a SAML 2.0 IdP for Limen's eIDAS SP, run without Apache:
PHP's built-in server (`php -S 127.0.0.1:PORT`) serves /usr/share/simplesamlphp/www under
/simplesaml/, from a copy of this directory's configuration in DIR (SIMPLESAMLPHP_CONFIG_DIR;
/etc/simplesamlphp is never read or changed).

    ssp_idp.py --port P --dir DIR [--password PW]

- P = 0 picks a free port. Prints `READY http://127.0.0.1:P` once the IdP's metadata is served.
- DIR/config, DIR/metadata: the templates of config/ and metadata/ with the placeholders filled;
  DIR/metadata/sp-remote.d/*.json: the SPs (written by tests/interop/ssp_support.py);
  DIR/cert/idp-signing.{key,pem}: the IdP's RSA-3072 signing key and self-signed certificate,
  made on the first start and kept (the certificate is what Limen pins).
- The users are config/authsources.php's, all with the password PW.
- SIGTERM or SIGINT stops PHP (by its PID) and exits.

Endpoints (SimpleSAMLphp's own): /simplesaml/saml2/idp/metadata.php (the entity ID too) and
/simplesaml/saml2/idp/SSOService.php (HTTP-Redirect and HTTP-POST bindings).
"""

from __future__ import annotations

import argparse
import datetime
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
SSP_ROOT = Path("/usr/share/simplesamlphp")
METADATA_PATH = "/simplesaml/saml2/idp/metadata.php"
START_TIMEOUT = 30.0
DEFAULT_PASSWORD = "eid-test-password"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def php_string(value: str) -> str:
    """The value inside a single-quoted PHP string."""
    return value.replace("\\", "\\\\").replace("'", "\\'")


def write_templates(source: Path, target: Path, values: dict[str, str]) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.php")):
        text = path.read_text(encoding="utf-8")
        for key, value in values.items():
            text = text.replace(f"@{key}@", php_string(value))
        (target / path.name).write_text(text, encoding="utf-8")


def ensure_signing_key(cert_dir: Path) -> None:
    """RSA-3072 and a self-signed certificate (SHA-256), once per DIR."""
    key_path, cert_path = cert_dir / "idp-signing.key", cert_dir / "idp-signing.pem"
    if key_path.exists() and cert_path.exists():
        return
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(65537, 3072)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "simplesamlphp test eID")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    key_path.chmod(0o600)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def prepare(directory: Path, base_url: str, password: str) -> Path:
    """DIR laid out; returns the document root (holding `simplesaml` -> SimpleSAMLphp's www)."""
    for sub in ("cert", "log", "data", "tmp", "sessions", "metadata/sp-remote.d"):
        (directory / sub).mkdir(parents=True, exist_ok=True)
    values = {
        "BASEURL": base_url,
        "DIR": str(directory),
        "SECRETSALT": secrets.token_hex(24),
        "ADMINPASSWORD": secrets.token_urlsafe(18),
        "PASSWORD": password,
    }
    write_templates(HERE / "config", directory / "config", values)
    write_templates(HERE / "metadata", directory / "metadata", values)
    ensure_signing_key(directory / "cert")
    docroot = directory / "docroot"
    docroot.mkdir(exist_ok=True)
    link = docroot / "simplesaml"
    if not link.is_symlink():
        link.symlink_to(SSP_ROOT / "www", target_is_directory=True)
    return docroot


def has_dom(php: str) -> bool:
    """php-xml's DOM, which Debian's simplesamlphp needs but does not depend on."""
    probe = [php, "-r", 'exit(class_exists("DOMDocument") ? 0 : 1);']
    return subprocess.run(probe, check=False, capture_output=True, timeout=30).returncode == 0


def answers(url: str) -> bool:
    """The IdP's metadata: 200 and an EntityDescriptor (SimpleSAMLphp's error page is a 200 too)."""
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.status == 200 and b"IDPSSODescriptor" in resp.read()
    except (urllib.error.URLError, OSError):
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--password", default=DEFAULT_PASSWORD)
    args = parser.parse_args()

    php = shutil.which("php")
    if php is None or not (SSP_ROOT / "www" / "_include.php").is_file() or not has_dom(php):
        print("needs Debian's simplesamlphp, php-cli and php-xml (apt-get install those three)", file=sys.stderr)
        return 2
    port = args.port or free_port()
    base_url = f"http://127.0.0.1:{port}"
    directory = args.dir.resolve()
    docroot = prepare(directory, base_url, args.password)

    env = {"PATH": "/usr/bin:/bin", "SIMPLESAMLPHP_CONFIG_DIR": str(directory / "config")}
    # The handler only raises: the stopping (and waiting for PHP) is done by the main flow, never
    # inside a handler (a Popen.wait there can deadlock with the one it interrupted).
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    proc: subprocess.Popen | None = None
    try:
        proc = subprocess.Popen(
            [php, "-S", f"127.0.0.1:{port}", "-t", str(docroot)],
            stdin=subprocess.DEVNULL,
            stdout=sys.stderr,
            stderr=sys.stderr,
            cwd=docroot,
            env=env,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while not answers(base_url + METADATA_PATH):
            if proc.poll() is not None:
                print(f"php -S exited with {proc.returncode}", file=sys.stderr)
                return 1
            if time.monotonic() > deadline:
                print(f"{METADATA_PATH} was not served within {START_TIMEOUT:.0f} s", file=sys.stderr)
                return 1
            time.sleep(0.1)
        print(f"READY {base_url}", flush=True)
        while proc.poll() is None:
            time.sleep(0.2)
        print(f"php -S exited with {proc.returncode}", file=sys.stderr)
        return 1
    except Stopped:
        return 0
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


class Stopped(Exception):
    pass


def _stop(_signum, _frame):
    raise Stopped


if __name__ == "__main__":
    sys.exit(main())
