"""Hardware tokens (issue 16) as the tests see them: tokens whose codes come from tools this
project did not write, the PSKC files that carry their secrets, the `limen token …` commands,
and a sign-in with a token over HTTP.

- Codes: Debian's `oathtool` (HOTP; TOTP with SHA-1, SHA-256 and SHA-512), PyPI `pyotp` (HOTP and
  TOTP) and PyPI `oath` (OCRA, RFC 6287). Limen's own code (crates/limen-oath) computes none of
  them.
- PSKC files (RFC 6030): written by PyPI `python-pskc` — plain, encrypted under a pre-shared AES
  key (§6.1), or under a key derived from a password with PBKDF2 (§6.2), each with its MAC
  (§6.1.1) — and checked with Debian's `pskctool --validate` (the RFC's XML Schema); the hostile
  ones (tampered MAC, truncated, DOCTYPE, oversized) are made from them here.
- The CLI: `limen --database URL token …` run without raising, its outputs parsed.
- A sign-in: the simulated browser of limen_interop taken through the method choice, the token
  choice and the code page (templates/login_code.html) by a callback that reads the page (the
  serial in `#code-device`, the OCRA question in `#code-challenge`) and answers with a code.

Also used by scripts/bench-tokens (`python3 tokens_support.py bulk-pskc …`).
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import requests

from limen_interop import HTTP_TIMEOUT, Browser, LimenServer, User, login_form, ticket_from_location

CAS_NS = {"cas": "http://www.yale.edu/tp/cas"}

# The algorithm URIs python-pskc is given: RFC 6030 §10.4's HOTP profile, and the TOTP and OCRA
# profiles of draft-hoyer-keyprov-pskc-algorithm-profiles that token vendors write.
HOTP_URI = "urn:ietf:params:xml:ns:keyprov:pskc:hotp"
TOTP_URI = "urn:ietf:params:xml:ns:keyprov:pskc:totp"
OCRA_URI = "urn:ietf:params:xml:ns:keyprov:pskc#OCRA-1"

HASHES = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512}


# --------------------------------------------------------------------------------------------
# The outside tools
# --------------------------------------------------------------------------------------------


def in_ci() -> bool:
    return os.environ.get("CI", "") not in ("", "false", "0")


def tool(name: str) -> str:
    """The path of a Debian tool the tests need (`oathtool`, `pskctool`). Missing: the test is
    skipped, except in CI, where scripts/test installs it and a missing one is a failure."""
    import pytest

    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (Debian package {name}; scripts/test installs it)"
    if in_ci():
        pytest.fail(message + ": required in CI", pytrace=False)
    pytest.skip(message)


def run_tool(*args: str) -> str:
    proc = subprocess.run(args, check=False, capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, f"`{' '.join(args)}` failed ({proc.returncode}): {proc.stdout}{proc.stderr}"
    return proc.stdout.strip()


def oathtool_hotp(secret: bytes, counter: int, digits: int = 6) -> str:
    """RFC 4226 HOTP by Debian's oathtool (SHA-1, the only hash HOTP has)."""
    return run_tool(tool("oathtool"), "--hotp", f"--digits={digits}", f"--counter={counter}", secret.hex())


def oathtool_totp(secret: bytes, unix: int, hash: str = "SHA1", digits: int = 6, period: int = 30) -> str:
    """RFC 6238 TOTP by Debian's oathtool at the Unix time `unix` (its `--now=@SECONDS`)."""
    return run_tool(
        tool("oathtool"),
        f"--totp={hash}",
        f"--digits={digits}",
        f"--time-step-size={period}s",
        f"--now=@{unix}",
        secret.hex(),
    )


def pyotp_hotp(secret: bytes, counter: int, digits: int = 6) -> str:
    import pyotp

    return pyotp.HOTP(base64.b32encode(secret).decode(), digits=digits, digest=hashlib.sha1).at(counter)


def pyotp_totp(secret: bytes, unix: int, hash: str = "SHA1", digits: int = 6, period: int = 30) -> str:
    import pyotp

    return pyotp.TOTP(base64.b32encode(secret).decode(), digits=digits, digest=HASHES[hash], interval=period).at(unix)


def oath_ocra(secret: bytes, suite: str, question: str, counter: int | None = None) -> str:
    """RFC 6287 OCRA response by PyPI `oath` (its OCRA client: `oath.OCRAChallengeResponseClient`)."""
    import oath

    client = oath.OCRAChallengeResponseClient(secret, suite)
    extra = {} if counter is None else {"C": counter}
    return client.compute_response(question, **extra)


# --------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------


@dataclass
class Token:
    """A hardware token as its holder has it: its serial, its secret, and its own state (the
    HOTP counter of the next code it shows; its clock's offset from the real time)."""

    serial: str
    kind: str  # hotp | totp | ocra
    secret: bytes
    hash: str = "SHA1"
    digits: int = 6
    counter: int = 0
    period: int = 30
    suite: str | None = None
    name: str | None = None
    clock_offset: int = 0
    # Which outside tool computes the HOTP/TOTP codes: "oathtool" or "pyotp".
    tool: str = "oathtool"

    # HOTP ------------------------------------------------------------------------------------
    def hotp_at(self, counter: int) -> str:
        if self.tool == "pyotp":
            return pyotp_hotp(self.secret, counter, self.digits)
        return oathtool_hotp(self.secret, counter, self.digits)

    def press(self) -> str:
        """The next HOTP code, as the token's button gives it (its counter moves on)."""
        code = self.hotp_at(self.counter)
        self.counter += 1
        return code

    # TOTP ------------------------------------------------------------------------------------
    def totp_at(self, unix: int) -> str:
        if self.tool == "pyotp":
            return pyotp_totp(self.secret, unix, self.hash, self.digits, self.period)
        return oathtool_totp(self.secret, unix, self.hash, self.digits, self.period)

    def step(self, unix: float | None = None) -> int:
        return int(time.time() if unix is None else unix) // self.period

    def totp_step(self, step: int) -> str:
        """The code of time step `step` (at its first second)."""
        return self.totp_at(step * self.period)

    def shown(self) -> str:
        """The TOTP code its display shows now, by its own clock."""
        return self.totp_at(int(time.time()) + self.clock_offset)

    # OCRA ------------------------------------------------------------------------------------
    def respond(self, question: str) -> str:
        assert self.suite, f"{self.serial} is not an OCRA token"
        return oath_ocra(self.secret, self.suite, question)

    # Any -------------------------------------------------------------------------------------
    def answer(self, page: CodePage) -> str:
        """What its holder types on the code page."""
        if self.kind == "ocra":
            assert page.challenge, f"no #code-challenge for the OCRA token {self.serial}:\n{page.describe()}"
            return self.respond(page.challenge)
        if self.kind == "totp":
            return self.shown()
        return self.press()

    @property
    def algorithm_uri(self) -> str:
        return {"hotp": HOTP_URI, "totp": TOTP_URI, "ocra": OCRA_URI}[self.kind]


def new_secret(length: int = 20) -> bytes:
    return secrets.token_bytes(length)


def serial_for(tag: str, label: str) -> str:
    """A serial unique to this run (the inventory is shared by a module's tests)."""
    return f"{tag.upper()}-{label.upper()}-{secrets.token_hex(3).upper()}"


def hotp_token(serial: str, **kw) -> Token:
    return Token(serial=serial, kind="hotp", secret=kw.pop("secret", None) or new_secret(), **kw)


def totp_token(serial: str, hash: str = "SHA1", digits: int = 6, **kw) -> Token:
    size = {"SHA1": 20, "SHA256": 32, "SHA512": 64}[hash]
    return Token(
        serial=serial, kind="totp", secret=kw.pop("secret", None) or new_secret(size), hash=hash, digits=digits, **kw
    )


def ocra_token(serial: str, suite: str = "OCRA-1:HOTP-SHA1-6:QN08", **kw) -> Token:
    return Token(serial=serial, kind="ocra", secret=kw.pop("secret", None) or new_secret(), suite=suite, **kw)


def step_now(period: int = 30) -> int:
    return int(time.time()) // period


def wait_for_fresh_step(period: int = 30, margin: float = 8.0) -> int:
    """Waits, if needed, until at least `margin` seconds of the current TOTP step remain, so that a
    sequence of requests about "the current step" stays in one step; returns that step."""
    now = time.time()
    left = period - (now % period)
    if left < margin:
        time.sleep(left + 0.2)
    return int(time.time()) // period


# --------------------------------------------------------------------------------------------
# PSKC files (RFC 6030) written by python-pskc
# --------------------------------------------------------------------------------------------


@dataclass
class Protection:
    """How a PSKC file's secrets are protected: `none`, `password` (PBKDF2, §6.2) or `key` (a
    pre-shared AES key, §6.1)."""

    kind: str = "none"
    password: str | None = None
    key: bytes | None = None
    iterations: int = 1000
    algorithm: str = "aes128-cbc"
    mac: str | None = None  # e.g. "hmac-sha256"; python-pskc's default is HMAC-SHA1

    def cli_args(self, workdir: Path) -> list[str]:
        """`--password-file F` / `--key-file F` (the key in hex, one line) for `token import`."""
        if self.kind == "password":
            path = workdir / f"password-{secrets.token_hex(4)}.txt"
            path.write_text((self.password or "") + "\n")
            return ["--password-file", str(path)]
        if self.kind == "key":
            path = workdir / f"key-{secrets.token_hex(4)}.hex"
            path.write_text((self.key or b"").hex() + "\n")
            return ["--key-file", str(path)]
        return []


PLAIN = Protection()


def by_password(password: str = "Qwerty-2345!", iterations: int = 1000, **kw) -> Protection:
    return Protection(kind="password", password=password, iterations=iterations, **kw)


def by_key(key: bytes | None = None, algorithm: str = "aes128-cbc", **kw) -> Protection:
    """A pre-shared key of the AES variant's length (random unless given)."""
    size = {"aes128-cbc": 16, "aes192-cbc": 24, "aes256-cbc": 32}[algorithm]
    return Protection(kind="key", key=key or secrets.token_bytes(size), algorithm=algorithm, **kw)


def pskc_document(tokens: list[Token], protection: Protection = PLAIN, manufacturer: str = "Token Works"):
    """A python-pskc `PSKC` holding `tokens`, one KeyPackage each, protected as asked."""
    import pskc

    doc = pskc.PSKC()
    for i, token in enumerate(tokens, start=1):
        fields: dict = {
            "id": f"{token.serial}-key{i}",
            "serial": token.serial,
            "manufacturer": manufacturer,
            "model": f"{token.kind.upper()} token",
            "issuer": "Limen interop tests",
            "secret": token.secret,
            "algorithm": token.algorithm_uri,
            "response_encoding": "DECIMAL",
            "response_length": token.digits,
        }
        if token.name:
            fields["friendly_name"] = token.name
        if token.kind == "hotp":
            fields["counter"] = token.counter
        elif token.kind == "totp":
            fields["time_interval"] = token.period
            fields["time_offset"] = 0
            if token.hash != "SHA1":
                fields["algorithm_suite"] = f"HMAC-{token.hash}"
        else:
            assert token.suite is not None
            fields["algorithm_suite"] = token.suite
            qlen = int(token.suite.rsplit("Q", 1)[1][1:3])
            fields["challenge_encoding"] = "DECIMAL"
            fields["challenge_min_length"] = qlen
            fields["challenge_max_length"] = qlen
        doc.add_key(**fields)
    if protection.kind == "password":
        doc.encryption.setup_pbkdf2(
            protection.password or "", iterations=protection.iterations, algorithm=protection.algorithm
        )
    elif protection.kind == "key":
        doc.encryption.setup_preshared_key(
            key=protection.key, key_name="Pre-shared-key", algorithm=protection.algorithm
        )
    if protection.mac and protection.kind != "none":
        # A MAC key as long as the hash's output (RFC 2104 §3), in place of the HMAC-SHA1 one.
        size = {"hmac-sha1": 20, "hmac-sha256": 32, "hmac-sha384": 48, "hmac-sha512": 64}[protection.mac]
        doc.mac.setup(key=secrets.token_bytes(size), algorithm=protection.mac)
    return doc


def write_pskc(path: Path, tokens: list[Token], protection: Protection = PLAIN, **kw) -> Path:
    pskc_document(tokens, protection, **kw).write(str(path))
    return path


def pskctool_validate(path: Path) -> None:
    """Debian's `pskctool --validate` (RFC 6030's XML Schema) must say OK."""
    proc = subprocess.run(
        [tool("pskctool"), "--validate", str(path)],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0 and proc.stdout.strip() == "OK", (
        f"pskctool --validate {path.name}: status {proc.returncode}\n{proc.stdout}{proc.stderr}"
    )


def pskc_read_back(path: Path, protection: Protection) -> dict[str, bytes]:
    """The secrets python-pskc reads back from `path` (serial → secret): the file says what we mean."""
    import pskc

    doc = pskc.PSKC(str(path))
    if protection.kind == "password":
        doc.encryption.derive_key(protection.password or "")
    elif protection.kind == "key":
        doc.encryption.key = protection.key
    return {key.serial: key.secret for key in doc.keys}


# Hostile files --------------------------------------------------------------------------------


def tamper_value_mac(path: Path, out: Path, package: int) -> Path:
    """`path` with the ValueMAC of its `package`-th KeyPackage (1-based) changed by one bit."""
    text = path.read_text()
    marker = "<pskc:ValueMAC>"
    starts = [i for i in range(len(text)) if text.startswith(marker, i)]
    assert len(starts) >= package, f"{path.name} has {len(starts)} ValueMACs"
    start = starts[package - 1] + len(marker)
    end = text.index("</pskc:ValueMAC>", start)
    mac = bytearray(base64.b64decode(text[start:end]))
    mac[0] ^= 0x01
    out.write_text(text[:start] + base64.b64encode(bytes(mac)).decode() + text[end:])
    return out


def tamper_cipher_value(path: Path, out: Path, package: int) -> Path:
    """`path` with the last byte of the encrypted secret of its `package`-th KeyPackage changed
    (the ValueMAC left as it was: the MAC must catch it before any decryption)."""
    text = path.read_text()
    secret_starts = [i for i in range(len(text)) if text.startswith("<pskc:Secret>", i)]
    assert len(secret_starts) >= package, f"{path.name} has {len(secret_starts)} Secrets"
    start = text.index("<xenc:CipherValue>", secret_starts[package - 1]) + len("<xenc:CipherValue>")
    end = text.index("</xenc:CipherValue>", start)
    raw = bytearray(base64.b64decode(text[start:end]))
    raw[-1] ^= 0x80
    out.write_text(text[:start] + base64.b64encode(bytes(raw)).decode() + text[end:])
    return out


def truncated(path: Path, out: Path, fraction: float = 0.6) -> Path:
    data = path.read_bytes()
    out.write_bytes(data[: int(len(data) * fraction)])
    return out


def billion_laughs(path: Path, out: Path) -> Path:
    """`path` with a DOCTYPE declaring the classic exponential entities, one of them used in a
    FriendlyName (a parser expanding it would need gigabytes)."""
    text = path.read_text()
    body = text.split("?>", 1)[1] if text.startswith("<?xml") else text
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    ]
    doctype = "<!DOCTYPE pskc:KeyContainer [\n  " + "\n  ".join(entities) + "\n]>"
    body = body.replace("<pskc:Issuer>", "<pskc:Issuer>&lol9;", 1)
    out.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + doctype + body)
    return out


def external_entity(path: Path, out: Path, target: str = "/etc/hostname") -> Path:
    """`path` with an external entity (XXE) reading a local file into the Issuer."""
    text = path.read_text()
    body = text.split("?>", 1)[1] if text.startswith("<?xml") else text
    doctype = f'<!DOCTYPE pskc:KeyContainer [ <!ENTITY xxe SYSTEM "file://{target}"> ]>'
    body = body.replace("<pskc:Issuer>", "<pskc:Issuer>&xxe;", 1)
    out.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + doctype + body)
    return out


def oversized(path: Path, out: Path, size: int = 50 * 1000 * 1000) -> Path:
    """A well-formed PSKC file of `size` bytes: `path` with an XML comment of padding before its
    last closing tag."""
    text = path.read_bytes()
    close = text.rindex(b"</pskc:KeyContainer>")
    padding = size - len(text) - len(b"<!--  -->\n")
    with open(out, "wb") as f:
        f.write(text[:close])
        f.write(b"<!-- ")
        chunk = b"x" * (1 << 20)
        left = padding
        while left > 0:
            f.write(chunk[: min(left, len(chunk))])
            left -= len(chunk)
        f.write(b" -->\n")
        f.write(text[close:])
    return out


def write_bulk_pskc(path: Path, count: int, password: str, prefix: str = "BENCH") -> float:
    """`count` HOTP tokens in one PBKDF2 + HMAC-SHA1 PSKC file (python-pskc); returns the seconds
    python-pskc took. For scripts/bench-tokens."""
    started = time.monotonic()
    tokens = [hotp_token(f"{prefix}-{i:06d}") for i in range(count)]
    write_pskc(path, tokens, by_password(password, iterations=100_000))
    return time.monotonic() - started


def write_csv(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(rows) + "\n")
    return path


# --------------------------------------------------------------------------------------------
# The CLI
# --------------------------------------------------------------------------------------------


@dataclass
class Run:
    args: list[str]
    code: int
    out: str
    err: str

    def __str__(self) -> str:
        return f"`limen {' '.join(self.args)}` → status {self.code}\nstdout:\n{self.out}\nstderr:\n{self.err}"

    def lines(self) -> list[str]:
        return [line for line in self.out.splitlines() if line.strip()]


def limen(server: LimenServer, *args: str, stdin: str = "", timeout: int = 120) -> Run:
    """`limen --database URL ARGS…` in the server's directory (its limen.toml), never raising."""
    full = ["--database", server.database_url, *args]
    proc = subprocess.run(
        [str(server.binary), *full],
        check=False,
        input=stdin,
        capture_output=True,
        text=True,
        env=server.env(),
        cwd=server.workdir,
        timeout=timeout,
    )
    return Run(list(args), proc.returncode, proc.stdout, proc.stderr)


def token(server: LimenServer, *args: str, **kw) -> Run:
    return limen(server, "token", *args, **kw)


def ok(run: Run) -> Run:
    assert run.code == 0, str(run)
    return run


def refused(run: Run) -> Run:
    """A command the CLI must refuse: status 1, a message, no panic."""
    assert run.code == 1, f"expected status 1:\n{run}"
    assert (run.err + run.out).strip(), f"a refusal without a message:\n{run}"
    assert "panicked" not in run.err, str(run)
    return run


@dataclass
class ImportResult:
    run: Run
    imported: int | None
    refused_count: int | None
    refusals: list[tuple[int, str, str]]  # (package number, serial or "?", reason)


def parse_import(run: Run) -> ImportResult:
    """`refused: key package N (SERIAL): REASON` lines and `imported I token(s), refused R`."""
    import re

    refusals = []
    imported = refused_count = None
    for line in run.out.splitlines():
        m = re.match(r"^refused: key package (\d+) \((.*?)\): (.+)$", line.strip())
        if m:
            refusals.append((int(m.group(1)), m.group(2), m.group(3)))
            continue
        m = re.match(r"^imported (\d+) token\(s\), refused (\d+)$", line.strip())
        if m:
            imported, refused_count = int(m.group(1)), int(m.group(2))
    return ImportResult(run, imported, refused_count, refusals)


def import_file(server: LimenServer, path: Path, protection: Protection = PLAIN, *extra: str) -> ImportResult:
    return parse_import(token(server, "import", str(path), *protection.cli_args(server.workdir), *extra))


@dataclass
class Listed:
    serial: str
    kind: str
    state: str
    email: str
    name: str


def token_list(server: LimenServer, *args: str) -> list[Listed]:
    """`token list` rows: SERIAL, KIND, STATE, EMAIL|-, NAME|- (tab-separated)."""
    run = ok(token(server, "list", *args))
    rows = []
    for line in run.lines():
        cols = line.split("\t")
        assert len(cols) == 5, f"`token list` line is not 5 tab-separated columns: {line!r}\n{run}"
        rows.append(Listed(*cols))
    return rows


def listed_serials(server: LimenServer, search: str) -> list[str]:
    return sorted(row.serial for row in token_list(server, "--search", search))


def token_show(server: LimenServer, serial: str) -> dict[str, str]:
    """`token show` as a dict of its `field: value` lines."""
    run = ok(token(server, "show", serial))
    fields: dict[str, str] = {}
    for line in run.lines():
        key, sep, value = line.partition(":")
        assert sep, f"`token show` line is not `field: value`: {line!r}\n{run}"
        fields[key.strip()] = value.strip()
    return fields


def add_internal_user(server: LimenServer, user: User, internal: bool = True) -> User:
    args = ["user", "add", "--email", user.email, "--last-name", user.last_name]
    if user.first_name:
        args += ["--first-name", user.first_name]
    if internal:
        args.append("--internal")
    args.append("--password-stdin")
    ok(limen(server, *args, stdin=user.password + "\n"))
    return user


def import_and_assign(server: LimenServer, tokens: list[Token], user: User | None, workdir: Path) -> None:
    """Puts `tokens` in the inventory (a plain PSKC file) and assigns them to `user`."""
    path = write_pskc(workdir / f"inventory-{secrets.token_hex(4)}.pskcxml", tokens)
    result = import_file(server, path)
    assert result.run.code == 0 and result.imported == len(tokens), str(result.run)
    if user is not None:
        for t in tokens:
            args = ["assign", t.serial, user.email]
            if t.name:
                args += ["--name", t.name]
            ok(token(server, *args))


# --------------------------------------------------------------------------------------------
# Pages over HTTP
# --------------------------------------------------------------------------------------------


def html_tree(text: str):
    import lxml.html

    return lxml.html.fromstring(text or "<html></html>")


def text_of(tree, element_id: str) -> str | None:
    found = tree.xpath(f'//*[@id="{element_id}"]')
    if not found:
        return None
    return " ".join(found[0].text_content().split())


@dataclass
class CodePage:
    """The code page of a token sign-in (templates/login_code.html)."""

    resp: requests.Response
    device: str | None
    challenge: str | None
    error: str | None

    def describe(self) -> str:
        return f"{self.resp.status_code} {self.resp.url}\n{self.resp.text[:3000]}"


def code_page(resp: requests.Response) -> CodePage | None:
    tree = html_tree(resp.text)
    if not tree.xpath('//form[@id="code-form"]'):
        return None
    challenge = text_of(tree, "code-challenge")
    return CodePage(resp, text_of(tree, "code-device"), challenge, text_of(tree, "code-error"))


def choice_buttons(resp: requests.Response) -> list[tuple[str, str]]:
    """The device choice page's buttons: (value, label)."""
    tree = html_tree(resp.text)
    return [
        (b.get("value", ""), " ".join(b.text_content().split()))
        for b in tree.xpath('//form[contains(@class, "device-choice")]//button[@name="device"]')
    ]


def method_values(resp: requests.Response) -> list[str]:
    tree = html_tree(resp.text)
    return sorted(i.get("value", "") for i in tree.xpath('//input[@name="method"]'))


def page_error(resp: requests.Response) -> str | None:
    tree = html_tree(resp.text)
    found = tree.xpath('//*[@role="alert"]')
    return " ".join(found[0].text_content().split()) if found else None


@dataclass
class SignIn:
    """How a sign-in with a token ended: `ticket` (a redirect to the service), `code` (the code
    page again, with its error), `no-method` (the method was not offered) or `page` (any other
    page: a refusal, ...)."""

    outcome: str
    resp: requests.Response
    ticket: str | None = None
    code: CodePage | None = None
    # The code pages seen on the way and the codes typed.
    pages: list[CodePage] = field(default_factory=list)
    typed: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return f"outcome {self.outcome}: {self.resp.status_code} {self.resp.url}\n{self.resp.text[:3000]}"


Answer = Callable[[CodePage], str]


class TokenBrowser(Browser):
    """limen_interop's simulated browser taught the token sign-in."""

    def to_methods(self, service: str, user: User, **params) -> requests.Response:
        """The login page for `service` up to the method choice (the e-mail given if asked)."""
        page = self.login_page(service, **params)
        assert page.status_code == 200, f"GET /cas/login: {page.status_code} {page.headers.get('Location')}"
        form = login_form(page)
        if "email" in form.names() and "method" not in form.names():
            page = self.submit_email(page, user.email)
            # 403: the page saying the service needs a method the user has not set up.
            assert page.status_code == 200 or (page.status_code == 403 and 'id="no-method"' in page.text), (
                f"email step: {page.status_code}\n{page.text[:2000]}"
            )
        return page

    def choose(self, page: requests.Response, method: str, password: str | None) -> requests.Response:
        """Submits the method form with `method` (and the password when the form asks for it)."""
        form = login_form(page)
        assert "method" in form.names(), f"no method choice on the page:\n{page.text[:3000]}"
        offered = method_values(page)
        assert method in offered, f"{method} is not offered (offered: {offered}):\n{page.text[:3000]}"
        fields = {"csrf_token": form.value("csrf_token") or "", "method": method}
        if "password" in form.names():
            assert password is not None, "the page asks for the password"
            fields["password"] = password
        return self.submit(form, fields)

    def pick(self, page: requests.Response, serial: str) -> requests.Response:
        """On the device choice page, the button naming `serial`."""
        buttons = choice_buttons(page)
        chosen = [value for value, label in buttons if norm_serial(serial) in norm_serial(label)]
        assert len(chosen) == 1, f"no single choice button naming {serial}: {buttons}"
        form = login_form(page)
        return self.submit(form, {"csrf_token": form.value("csrf_token") or "", "device": chosen[0]})

    def type_code(self, page: CodePage, code: str) -> requests.Response:
        form = login_form(page.resp)
        assert "code" in form.names(), f"no code field:\n{page.describe()}"
        return self.submit(form, {"csrf_token": form.value("csrf_token") or "", "code": code})

    def finish(
        self, resp: requests.Response, service: str | None, answers: list[Answer], serial: str | None = None
    ) -> SignIn:
        """From the page after the method choice: the device choice (by `serial`), then each of
        `answers` typed on the code page in turn, until Limen leaves the code page or the answers
        run out."""
        pages: list[CodePage] = []
        typed: list[str] = []
        if choice_buttons(resp):
            assert serial is not None, f"a device choice page, but no serial to choose:\n{resp.text[:3000]}"
            resp = self.pick(resp, serial)
        for answer in answers:
            page = code_page(resp)
            if page is None:
                break
            pages.append(page)
            code = answer(page)
            typed.append(code)
            resp = self.type_code(page, code)
        return self.outcome(resp, service, pages, typed)

    def outcome(self, resp, service, pages, typed) -> SignIn:
        location = resp.headers.get("Location", "")
        if resp.status_code in (302, 303) and service and location.startswith(service):
            return SignIn("ticket", resp, ticket_from_location(location, service), pages=pages, typed=typed)
        page = code_page(resp)
        if page is not None:
            return SignIn("code", resp, code=page, pages=[*pages, page], typed=typed)
        return SignIn("page", resp, pages=pages, typed=typed)

    def sign_in(
        self,
        service: str,
        user: User,
        answers: list[Answer] | Answer,
        method: str = "PASSWORD_TOKEN",
        serial: str | None = None,
        password: str | None = None,
    ) -> SignIn:
        """The whole sign-in: e-mail, method and password, device choice, code(s)."""
        if not isinstance(answers, list):
            answers = [answers]
        page = self.to_methods(service, user)
        if method not in method_values(page):
            return SignIn("no-method", page)
        resp = self.choose(page, method, user.password if password is None else password)
        return self.finish(resp, service, answers, serial)

    def follow(self, resp: requests.Response, limit: int = 10) -> requests.Response:
        """Follows Limen's own redirects (not those to a service)."""
        base = self.server.base_url
        for _ in range(limit):
            if resp.status_code not in (301, 302, 303, 307, 308):
                return resp
            location = urljoin(resp.url, resp.headers.get("Location", ""))
            if not location.startswith(base):
                return resp
            resp = self.session.get(location, allow_redirects=False, timeout=HTTP_TIMEOUT)
        raise AssertionError(f"more than {limit} redirects from {resp.url}")


def norm_serial(s: str) -> str:
    """The CLI's matching of serials: case-insensitive, spaces and hyphens ignored."""
    return "".join(ch for ch in s.upper() if ch not in " -")


def always(code: str) -> Answer:
    return lambda _page: code


def validate(server: LimenServer, service: str, ticket: str) -> dict[str, str]:
    """A ticket validated at /cas/p3/serviceValidate: the user and the attributes."""
    resp = requests.get(
        server.url("/cas/p3/serviceValidate"), params={"service": service, "ticket": ticket}, timeout=HTTP_TIMEOUT
    )
    assert resp.status_code == 200, f"serviceValidate: {resp.status_code}\n{resp.text[:2000]}"
    root = ET.fromstring(resp.text)
    success = root.find("cas:authenticationSuccess", CAS_NS)
    assert success is not None, f"ticket {ticket} for {service} not validated:\n{resp.text[:2000]}"
    found = {"user": (success.findtext("cas:user", default="", namespaces=CAS_NS) or "").strip()}
    attributes = success.find("cas:attributes", CAS_NS)
    if attributes is not None:
        for child in attributes:
            found[child.tag.split("}", 1)[-1]] = (child.text or "").strip()
    found["_xml"] = resp.text
    return found


# --------------------------------------------------------------------------------------------
# scripts/bench-tokens
# --------------------------------------------------------------------------------------------


def _main(argv: list[str]) -> int:
    if len(argv) == 5 and argv[1] == "bulk-pskc":
        seconds = write_bulk_pskc(Path(argv[2]), int(argv[3]), argv[4])
        print(f"python-pskc wrote {argv[3]} HOTP tokens (PBKDF2, 100000 iterations, HMAC-SHA1) in {seconds:.1f} s")
        return 0
    print("usage: tokens_support.py bulk-pskc FILE COUNT PASSWORD", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv))
