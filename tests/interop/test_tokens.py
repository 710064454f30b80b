"""Hardware tokens (issue 16) against a running `limen serve`, with codes from tools this project
did not write: Debian's `oathtool` (HOTP; TOTP with SHA-1, SHA-256, SHA-512), PyPI `pyotp` and,
for the challenge–response tokens (OCRA, RFC 6287), PyPI `oath`; PSKC files (RFC 6030) written
by PyPI `python-pskc` and checked with Debian's `pskctool --validate`.

What an operator does with `limen token …` (import — plain, pre-shared AES key, PBKDF2
password, each with its MAC; CSV —, list, show, assign, unassign, resync, lock, unlock, delete)
and what the importer must refuse without importing half a file (a tampered MAC, a wrong
password or key, a truncated file, a DOCTYPE with exponential entities, an external entity, a
50 MB file); then what a user does over HTTP (the CAS login forms, as limen_interop's simulated
browser does them): sign in with a token to a service that accepts only PASSWORD_TOKEN or
PASSWORD_TOKEN_CRAM, step up from a password session, choose among several tokens, add a token
in My account and remove it — and what must be refused: a code used twice (HOTP, and TOTP in the
same step), a code beyond the look-ahead window (HOTP counter + 11, TOTP 2 steps ahead) until a
resynchronisation, wrong codes up to the lockout, a token of another account.

Each module's server runs once per backend (SQLite, and PostgreSQL with LIMEN_TEST_PG), in
`--dev` mode (its mail in the development outbox), with an explicit `[tokens]` section in its
limen.toml: the defaults (look-ahead 10, resync 1000, TOTP ±1 step and ±10 for a resync, 10
failures, 60 minutes) for `tk`, a stricter one (3 failures, 1 minute, tokens open to external
users) for `strict`. Each test has users of its own; token serials are unique to the run.
"""

from __future__ import annotations

import base64
import email
import email.policy
import itertools
import os
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import pytest

import tokens_support as ts
from limen_interop import PASSWORD, LimenServer, User, login_form, running_limen
from oidc_support import OidcBrowser, RelyingParty, discovery, register_client
from tokens_support import Token, TokenBrowser, always, ok, refused, token, token_list, token_show

TOKEN_APP = "http://127.0.0.1:9/token-app/"
CRAM_APP = "http://127.0.0.1:9/cram-app/"
ANY_APP = "http://127.0.0.1:9/any-app/"
RELEASED = ["strength", "authenticationLevel"]

DEFAULT_TOKENS_TOML = """
[tokens]
hotp_window = 10
hotp_resync_window = 1000
totp_window = 1
totp_resync_window = 10
max_failures = 10
lock_minutes = 60
auto_resync = false
"""

STRICT_TOKENS_TOML = """
[tokens]
max_failures = 3
lock_minutes = 1

[methods.token]
user_types = ["internal", "external"]

[methods.token_cram]
user_types = ["internal", "external"]
"""


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


@dataclass
class TokenWorld:
    server: LimenServer
    workdir: Path
    _n: itertools.count = field(default_factory=lambda: itertools.count(1))

    def new_user(self, tag: str, internal: bool = True) -> User:
        user = User(
            email=f"{tag}.{next(self._n)}.{self.server.label}@example.org",
            first_name="Aino",
            last_name="Virtanen",
            password=PASSWORD,
        )
        return ts.add_internal_user(self.server, user, internal=internal)

    def serial(self, tag: str) -> str:
        return ts.serial_for(tag, self.server.label[:2])

    def browser(self) -> TokenBrowser:
        return TokenBrowser(self.server)

    def give(self, user: User | None, *tokens: Token) -> None:
        """Imports `tokens` (a plain PSKC file) and assigns them to `user`."""
        ts.import_and_assign(self.server, list(tokens), user, self.workdir)

    def file(self, name: str) -> Path:
        return self.workdir / f"{next(self._n)}-{name}"

    # The development outbox ------------------------------------------------------------------
    def mails_to(self, address: str) -> list[email.message.EmailMessage]:
        outbox = self.workdir / "data" / "outbox"
        found = []
        for path in sorted(outbox.glob("*.eml")) if outbox.is_dir() else []:
            msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if address in str(msg.get("To", "")):
                found.append(msg)
        return found

    def mail_ids(self, address: str) -> set[str]:
        """The Message-IDs of the mail `address` received so far (to wait for a newer one)."""
        return {str(m.get("Message-ID", "")) for m in self.mails_to(address)}

    def wait_for_mail(
        self, address: str, subject: str, since: set[str] | None = None, naming: str | None = None
    ) -> email.message.EmailMessage:
        """A mail `subject` to `address` not among `since`, whose text names `naming`, waited for."""
        deadline = time.monotonic() + 15
        while True:
            for msg in self.mails_to(address):
                if (
                    str(msg.get("Subject", "")) == subject
                    and str(msg.get("Message-ID", "")) not in (since or set())
                    and (naming is None or naming in mail_text(msg))
                ):
                    return msg
            if time.monotonic() > deadline:
                subjects = [str(m.get("Subject", "")) for m in self.mails_to(address)]
                raise AssertionError(f"no mail {subject!r} naming {naming!r} to {address} after 15 s: {subjects}")
            time.sleep(0.2)


def mail_text(msg: email.message.EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    assert part is not None, f"no text part in {msg}"
    return part.get_content()


ADDED_SUBJECT = "A verification method was added to your account"
REMOVED_SUBJECT = "A verification method was removed from your account"
LOCKED_SUBJECT = "A token was locked"


def start_world(request, tmp_path_factory, name: str, toml: str):
    backend = request.param
    if backend == "postgres" and not os.environ.get("LIMEN_TEST_PG"):
        pytest.skip("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
    workdir = tmp_path_factory.mktemp(f"{name}-{backend}")
    (workdir / "limen.toml").write_text(toml)
    return backend, workdir


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def tk(request, tmp_path_factory):
    """`limen serve --dev` with the default token settings, and three CAS services: one
    accepting only PASSWORD_TOKEN, one only PASSWORD_TOKEN_CRAM, one every strength."""
    backend, workdir = start_world(request, tmp_path_factory, "tokens", DEFAULT_TOKENS_TOML)
    with running_limen(backend, workdir, extra_args=["--dev"]) as server:
        server.add_service("Token app", [TOKEN_APP + "*"], attributes=RELEASED, accept_strengths="PASSWORD_TOKEN")
        server.add_service("CRAM app", [CRAM_APP + "*"], attributes=RELEASED, accept_strengths="PASSWORD_TOKEN_CRAM")
        server.add_service("Any app", [ANY_APP + "*"], attributes=RELEASED)
        yield TokenWorld(server=server, workdir=workdir)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def strict(request, tmp_path_factory):
    """A server with 3 failures before a 1-minute lock, and tokens for external users too."""
    backend, workdir = start_world(request, tmp_path_factory, "tokens-strict", STRICT_TOKENS_TOML)
    with running_limen(backend, workdir) as server:
        server.add_service("Token app", [TOKEN_APP + "*"], attributes=RELEASED, accept_strengths="PASSWORD_TOKEN")
        yield TokenWorld(server=server, workdir=workdir)


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def app(base: str, tag: str) -> str:
    return f"{base}{tag}"


def signed_in(result: ts.SignIn, what: str) -> str:
    assert result.outcome == "ticket", f"{what}: expected a ticket\n{result.describe()}"
    return result.ticket or ""


def refused_on_code_page(result: ts.SignIn, what: str) -> ts.CodePage:
    """The code page again, status 401, with its error: the answer was refused."""
    assert result.outcome == "code", f"{what}: expected the code page with an error\n{result.describe()}"
    page = result.code
    assert page is not None
    assert page.resp.status_code == 401, f"{what}: a refused code answers 401\n{page.describe()}"
    assert page.error, f"{what}: no #code-error on the page\n{page.describe()}"
    return page


def not_signed_in(result: ts.SignIn, what: str) -> None:
    """No ticket: the code page with its error, or a page refusing the sign-in."""
    assert result.outcome != "ticket", f"{what}: a ticket was issued\n{result.describe()}"
    if result.outcome == "code":
        refused_on_code_page(result, what)
    else:
        assert result.resp.status_code in (200, 401, 403, 429), f"{what}\n{result.describe()}"


def assert_strength(world: TokenWorld, service: str, ticket: str, strength: str) -> dict[str, str]:
    found = ts.validate(world.server, service, ticket)
    assert found.get("strength") == strength, f"expected strength {strength}:\n{found['_xml']}"
    assert found.get("authenticationLevel") == "HIGH", f"a token is level HIGH:\n{found['_xml']}"
    return found


def wrong_hotp(t: Token, start: int, span: int = 1100) -> str:
    """A well-formed code that none of the token's codes in start..start+span equals."""
    taken = {ts.pyotp_hotp(t.secret, c, t.digits) for c in range(start, start + span)}
    for candidate in itertools.count(123456):
        code = str(candidate).zfill(t.digits)[-t.digits :]
        if code not in taken:
            return code
    raise AssertionError("unreachable")


def secret_forms(secret: bytes) -> list[str]:
    return [
        secret.hex(),
        secret.hex().upper(),
        base64.b32encode(secret).decode().rstrip("="),
        base64.b64encode(secret).decode().rstrip("="),
    ]


# --------------------------------------------------------------------------------------------
# The outside tools themselves (no server): the published vectors
# --------------------------------------------------------------------------------------------

RFC4226_SECRET = b"12345678901234567890"
# RFC 4226 Appendix D: HOTP values for counters 0..9.
RFC4226_HOTP = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
# RFC 6238 Appendix B: (time, SHA-1, SHA-256, SHA-512), 8 digits, each hash with its own seed.
RFC6238_SEEDS = {
    "SHA1": b"12345678901234567890",
    "SHA256": b"12345678901234567890123456789012",
    "SHA512": b"1234567890123456789012345678901234567890123456789012345678901234",
}
RFC6238_TOTP = [
    (59, "94287082", "46119246", "90693936"),
    (1111111109, "07081804", "68084774", "25091201"),
    (1111111111, "14050471", "67062674", "99943326"),
    (1234567890, "89005924", "91819424", "93441116"),
    (2000000000, "69279037", "90698825", "38618901"),
    (20000000000, "65353130", "77737706", "47863826"),
]
# RFC 6287 Appendix C, OCRA-1:HOTP-SHA1-6:QN08 with the 20-byte seed.
RFC6287_QN08 = dict(
    zip(
        [str(d) * 8 for d in range(10)],
        ["237653", "243178", "653583", "740991", "608993", "388898", "816933", "224598", "750600", "294470"],
        strict=True,
    )
)


def test_the_outside_tools_reproduce_the_published_vectors():
    """The generators the other tests trust: oathtool and pyotp agree with RFC 4226 and 6238,
    oath with RFC 6287 — so that a code Limen refuses is Limen's doing."""
    for counter, expected in enumerate(RFC4226_HOTP):
        assert ts.oathtool_hotp(RFC4226_SECRET, counter) == expected, f"oathtool HOTP counter {counter}"
        assert ts.pyotp_hotp(RFC4226_SECRET, counter) == expected, f"pyotp HOTP counter {counter}"
    for unix, *codes in RFC6238_TOTP:
        for hash_name, expected in zip(("SHA1", "SHA256", "SHA512"), codes, strict=True):
            seed = RFC6238_SEEDS[hash_name]
            assert ts.oathtool_totp(seed, unix, hash_name, 8) == expected, f"oathtool TOTP {hash_name} at {unix}"
            assert ts.pyotp_totp(seed, unix, hash_name, 8) == expected, f"pyotp TOTP {hash_name} at {unix}"
    for question, expected in RFC6287_QN08.items():
        assert ts.oath_ocra(RFC4226_SECRET, "OCRA-1:HOTP-SHA1-6:QN08", question) == expected, f"oath Q={question}"


# --------------------------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------------------------


def test_a_plain_pskc_file_is_imported_listed_and_shown(tk):
    base = tk.serial("plain")
    serials = [f"{base}-{i}" for i in range(4)]
    tokens = [
        ts.hotp_token(serials[0], name="Desk token"),
        ts.totp_token(serials[1], "SHA256", 8),
        ts.totp_token(serials[2], "SHA512", 8, period=60),
        ts.ocra_token(serials[3]),
    ]
    path = ts.write_pskc(tk.file("plain.pskcxml"), tokens)
    ts.pskctool_validate(path)
    result = ts.import_file(tk.server, path)
    assert result.run.code == 0, str(result.run)
    assert (result.imported, result.refused_count, result.refusals) == (4, 0, []), str(result.run)

    rows = {row.serial: row for row in token_list(tk.server, "--search", base)}
    assert sorted(rows) == serials, f"`token list --search {base}`: {sorted(rows)}"
    assert [(rows[s].kind, rows[s].state, rows[s].email) for s in serials] == [
        ("hotp", "active", "-"),
        ("totp", "active", "-"),
        ("totp", "active", "-"),
        ("ocra", "active", "-"),
    ], rows
    unassigned = {row.serial for row in token_list(tk.server, "--unassigned")}
    assert set(serials) <= unassigned

    hotp = token_show(tk.server, serials[0])
    assert (hotp["serial"], hotp["kind"], hotp["algorithm"], hotp["digits"], hotp["counter"]) == (
        serials[0],
        "hotp",
        "SHA1",
        "6",
        "0",
    ), hotp
    assert hotp["account"] == "-" and hotp["state"] == "active" and hotp["failures"] == "0", hotp
    totp = token_show(tk.server, serials[2])
    assert (totp["kind"], totp["algorithm"], totp["digits"], totp["period"]) == ("totp", "SHA512", "8", "60"), totp
    assert token_show(tk.server, serials[1])["algorithm"] == "SHA256"
    ocra = token_show(tk.server, serials[3])
    assert (ocra["kind"], ocra["suite"]) == ("ocra", "OCRA-1:HOTP-SHA1-6:QN08"), ocra
    for field_name in ("name", "locked_until", "created", "last_used"):
        assert field_name in hotp, f"`token show` has no {field_name}: {hotp}"

    # Never the secret, in any encoding, in any output.
    outputs = [ok(token(tk.server, "show", t.serial)).out for t in tokens]
    outputs.append(ok(token(tk.server, "list")).out)
    outputs.append(result.run.out + result.run.err)
    for t in tokens:
        for form in secret_forms(t.secret):
            assert not any(form in out for out in outputs), f"the secret of {t.serial} is shown ({form})"

    # Serial arguments: case, spaces and hyphens do not matter.
    for spelled in (serials[0].lower(), serials[0].replace("-", ""), serials[0].replace("-", " ")):
        assert token_show(tk.server, spelled)["serial"] == serials[0], spelled
    refused(token(tk.server, "show", serials[0] + "X"))


ENCRYPTED = {
    "pbkdf2": ts.by_password("Qwerty-2345!"),
    "pbkdf2-aes256-hmac-sha256": ts.by_password("Qwerty-2345!", algorithm="aes256-cbc", mac="hmac-sha256"),
    "preshared-aes128": ts.by_key(),
    "preshared-aes256-hmac-sha512": ts.by_key(algorithm="aes256-cbc", mac="hmac-sha512"),
}


@pytest.mark.parametrize("protection", list(ENCRYPTED), ids=list(ENCRYPTED))
def test_an_encrypted_pskc_file_is_imported_and_its_secrets_work(tk, protection):
    """The secrets decrypted by Limen are the ones python-pskc encrypted: a code from oathtool
    signs in with the HOTP token, and one from pyotp with the TOTP token."""
    prot = ENCRYPTED[protection]
    hotp = ts.hotp_token(tk.serial("enc-h"), name="Encrypted HOTP")
    totp = ts.totp_token(tk.serial("enc-t"), "SHA256", 8, tool="pyotp", name="Encrypted TOTP")
    path = ts.write_pskc(tk.file(f"{protection}.pskcxml"), [hotp, totp], prot)
    ts.pskctool_validate(path)
    assert ts.pskc_read_back(path, prot) == {hotp.serial: hotp.secret, totp.serial: totp.secret}
    assert "PlainValue>" + hotp.secret.hex() not in path.read_text()

    result = ts.import_file(tk.server, path, prot)
    assert result.run.code == 0 and (result.imported, result.refused_count) == (2, 0), str(result.run)

    user = tk.new_user(f"enc-{protection}")
    for t in (hotp, totp):
        ok(token(tk.server, "assign", t.serial, user.email, "--name", t.name or ""))
    browser = tk.browser()
    ticket = signed_in(
        browser.sign_in(app(TOKEN_APP, protection), user, always(hotp.press()), serial=hotp.serial),
        "oathtool HOTP code",
    )
    assert_strength(tk, app(TOKEN_APP, protection), ticket, "PASSWORD_TOKEN")
    other = tk.browser()
    result2 = other.sign_in(app(TOKEN_APP, protection + "-t"), user, lambda _p: totp.shown(), serial=totp.serial)
    signed_in(result2, "pyotp TOTP SHA-256 code")


def test_a_wrong_password_or_key_imports_nothing(tk):
    tokens = [ts.hotp_token(tk.serial("wrongpw1")), ts.hotp_token(tk.serial("wrongpw2"))]
    good = ts.by_password("Right-horse-7")
    path = ts.write_pskc(tk.file("pbkdf2.pskcxml"), tokens, good)
    ts.pskctool_validate(path)
    wrong = ts.by_password("Wrong-horse-7")
    run = ts.import_file(tk.server, path, wrong).run
    assert run.code == 1, f"a wrong password must import nothing (status 1):\n{run}"
    assert run.err.startswith("error:") or "refused: key package 1" in run.out, str(run)
    for t in tokens:
        assert ts.listed_serials(tk.server, t.serial) == [], f"{t.serial} was imported with a wrong password"

    key = ts.by_key()
    path2 = ts.write_pskc(tk.file("psk.pskcxml"), tokens, key)
    run = ts.import_file(tk.server, path2, ts.by_key()).run  # another random key
    assert run.code == 1, f"a wrong pre-shared key must import nothing:\n{run}"
    # Neither a missing password nor a key that is not hex is taken for an empty one.
    run = ts.import_file(tk.server, path).run
    assert run.code == 1, f"an encrypted file without --password-file must import nothing:\n{run}"
    bad_key = tk.file("bad.hex")
    bad_key.write_text("not hex at all\n")
    refused(token(tk.server, "import", str(path2), "--key-file", str(bad_key)))
    for t in tokens:
        assert ts.listed_serials(tk.server, t.serial) == []
    # The right ones work.
    assert ts.import_file(tk.server, path, good).run.code == 0


HOSTILE = ["truncated", "billion-laughs", "external-entity", "50-MB", "not-xml", "empty", "not-pskc"]


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_file_is_refused_whole(tk, kind):
    tokens = [ts.hotp_token(tk.serial(f"{kind}-{i}")) for i in range(3)]
    prot = ts.by_password("Hostile-file-1")
    good = ts.write_pskc(tk.file("good.pskcxml"), tokens, prot)
    out = tk.file(f"{kind}.pskcxml")
    if kind == "truncated":
        ts.truncated(good, out)
    elif kind == "billion-laughs":
        ts.billion_laughs(good, out)
    elif kind == "external-entity":
        ts.external_entity(good, out)
    elif kind == "50-MB":
        ts.oversized(good, out)
        assert out.stat().st_size == 50_000_000
    elif kind == "not-xml":
        out.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    elif kind == "empty":
        out.write_bytes(b"")
    else:
        out.write_text('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>')
    started = time.monotonic()
    run = ts.import_file(tk.server, out, prot).run
    took = time.monotonic() - started
    assert run.code == 1, f"{kind}: the file must be refused (status 1):\n{run}"
    assert run.err.startswith("error:"), f"{kind}: a refused file says why on stderr, starting `error:`\n{run}"
    assert "panicked" not in run.err, str(run)
    assert took < 20, f"{kind}: refusing the file took {took:.1f} s"
    if kind == "external-entity":
        hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else None
        if hostname:
            assert hostname not in run.out + run.err, "the external entity was read"
    for t in tokens:
        assert ts.listed_serials(tk.server, t.serial) == [], f"{kind}: {t.serial} was imported"
    out.unlink()


def test_tampered_packages_are_refused_and_the_rest_imported(tk):
    base = tk.serial("tamper")
    tokens = [ts.hotp_token(f"{base}-{i}") for i in range(4)]
    prot = ts.by_password("Tamper-proof-9")
    path = ts.write_pskc(tk.file("tamper.pskcxml"), tokens, prot)
    ts.pskctool_validate(path)
    step = ts.tamper_value_mac(path, tk.file("step.pskcxml"), 2)
    tampered = ts.tamper_cipher_value(step, tk.file("tampered.pskcxml"), 4)
    # Still schema-valid: only the MAC tells.
    ts.pskctool_validate(tampered)

    # --all-or-nothing: nothing at all.
    run = ts.import_file(tk.server, tampered, prot, "--all-or-nothing").run
    assert run.code == 1, f"--all-or-nothing with a refused package imports nothing (status 1):\n{run}"
    for t in tokens:
        assert ts.listed_serials(tk.server, t.serial) == [], f"{t.serial} imported despite --all-or-nothing"

    # Without it: packages 2 and 4 refused, 1 and 3 imported, status 2.
    result = ts.import_file(tk.server, tampered, prot)
    assert result.run.code == 2, f"a partial import ends with status 2:\n{result.run}"
    assert [(n, s) for n, s, _r in result.refusals] == [(2, tokens[1].serial), (4, tokens[3].serial)], str(result.run)
    assert all(reason.strip() for _n, _s, reason in result.refusals)
    assert (result.imported, result.refused_count) == (2, 2), str(result.run)
    assert ts.listed_serials(tk.server, base) == [tokens[0].serial, tokens[2].serial]

    # The untouched packages carry the right secrets.
    user = tk.new_user("tamper")
    ok(token(tk.server, "assign", tokens[2].serial, user.email))
    signed_in(tk.browser().sign_in(app(TOKEN_APP, "tamper"), user, always(tokens[2].press())), "an imported token")

    # Every package refused: status 1.
    again = ts.import_file(tk.server, tampered, prot)
    assert again.run.code == 1, f"nothing new imported (the others are in the inventory): status 1\n{again.run}"
    assert {n for n, _s, _r in again.refusals} == {1, 2, 3, 4}, str(again.run)
    reasons = {n: r for n, _s, r in again.refusals}
    assert "already in the inventory" in reasons[1] and "already in the inventory" in reasons[3], str(again.run)


def test_a_serial_already_in_the_inventory_is_refused(tk):
    first = ts.hotp_token(tk.serial("dup-a"))
    user = tk.new_user("dup")
    tk.give(user, first)
    newcomer = ts.hotp_token(tk.serial("dup-b"))
    impostor = ts.hotp_token(first.serial)  # same serial, another secret
    prot = ts.by_key()
    path = ts.write_pskc(tk.file("dup.pskcxml"), [impostor, newcomer], prot)
    result = ts.import_file(tk.server, path, prot)
    assert result.run.code == 2, str(result.run)
    assert len(result.refusals) == 1 and result.refusals[0][:2] == (1, first.serial), str(result.run)
    assert "already in the inventory" in result.refusals[0][2], str(result.run)
    assert ts.listed_serials(tk.server, newcomer.serial) == [newcomer.serial]
    # The token in the inventory keeps its secret and its account.
    assert token_show(tk.server, first.serial)["account"] == user.email
    not_signed_in(tk.browser().sign_in(app(TOKEN_APP, "dup-x"), user, always(impostor.press())), "the impostor's code")
    signed_in(tk.browser().sign_in(app(TOKEN_APP, "dup"), user, always(first.press())), "the real token's code")


def test_a_csv_file_is_imported(tk):
    """The plain OATH CSV format of `token import --format csv` (`serial,key,type[,digits[,param[,hash]]]`)."""
    hotp = ts.hotp_token(tk.serial("csv-h"))
    totp = ts.totp_token(tk.serial("csv-t"), "SHA256", 8, tool="pyotp")
    ocra = ts.ocra_token(tk.serial("csv-o"))
    bad = tk.serial("csv-bad")
    path = ts.write_csv(
        tk.file("tokens.txt"),
        [
            "# exported by the token vendor's tool",
            "serial,key,type,digits,param,hash",
            f"{hotp.serial},{hotp.secret.hex()},hotp,6,0",
            f"{totp.serial},{totp.secret.hex()},totp,8,30,SHA256",
            f"{bad},not-hex,hotp",
            f"{ocra.serial},{ocra.secret.hex()},ocra,6,{ocra.suite}",
        ],
    )
    result = ts.parse_import(token(tk.server, "import", str(path), "--format", "csv"))
    assert result.run.code == 2, str(result.run)
    assert [s for _n, s, _r in result.refusals] == [bad], str(result.run)
    assert (result.imported, result.refused_count) == (3, 1), str(result.run)
    shown = token_show(tk.server, totp.serial)
    assert (shown["kind"], shown["algorithm"], shown["digits"], shown["period"]) == ("totp", "SHA256", "8", "30")
    user = tk.new_user("csv")
    ok(token(tk.server, "assign", totp.serial, user.email))
    signed_in(tk.browser().sign_in(app(TOKEN_APP, "csv"), user, lambda _p: totp.shown()), "a CSV-imported TOTP")
    # A .csv file name chooses the format by itself.
    again = ts.write_csv(tk.file("more.csv"), [f"{tk.serial('csv-2')},{ts.new_secret().hex()},hotp"])
    assert ts.parse_import(token(tk.server, "import", str(again))).run.code == 0


def test_a_counter_the_store_cannot_hold_is_refused(tk):
    """RFC 4226's counter is 8 bytes; the inventory's is a signed 64-bit integer. A counter
    beyond it refuses the package rather than being changed on the way in (it was clamped to
    2^63 - 1 once: the token imported and could never sign in)."""
    big = ts.hotp_token(tk.serial("bigcounter"), counter=2**64 - 5)
    fine = ts.hotp_token(tk.serial("smallcounter"), counter=1000)
    result = ts.import_file(tk.server, ts.write_pskc(tk.file("big-counter.pskcxml"), [big, fine]))
    assert result.run.code == 2 and [s for _n, s, _r in result.refusals] == [big.serial], str(result.run)
    assert ts.listed_serials(tk.server, big.serial) == []
    assert token_show(tk.server, fine.serial)["counter"] == "1000"


@pytest.mark.parametrize("serial", ["-", "- -", "ÄÖÜ-1"], ids=["dash", "dashes", "non-ascii"])
def test_a_serial_users_could_not_type_is_refused(tk, serial):
    """A serial is matched without its spaces and hyphens, case aside: one without a letter or a
    digit would match the empty string (and every other such serial), and My account takes
    ASCII letters and digits only. The import refuses both (it took `-` once)."""
    t = ts.hotp_token(serial)
    result = ts.import_file(tk.server, ts.write_pskc(tk.file("odd-serial.pskcxml"), [t]))
    if result.imported:
        ok(token(tk.server, "delete", serial))  # leaves the shared inventory as it was
    assert result.run.code == 1 and result.imported == 0 and len(result.refusals) == 1, str(result.run)


# --------------------------------------------------------------------------------------------
# Managing tokens with the CLI
# --------------------------------------------------------------------------------------------


def test_assign_unassign_lock_unlock_delete(tk):
    owner, other = tk.new_user("owner"), tk.new_user("other")
    t = ts.hotp_token(tk.serial("manage"))
    tk.give(None, t)
    assign = ok(token(tk.server, "assign", t.serial.lower(), owner.email, "--name", "Blue token"))
    assert len(assign.lines()) == 1, str(assign)
    [row] = token_list(tk.server, "--search", t.serial)
    assert (row.email, row.name, row.state) == (owner.email, "Blue token", "active"), row
    assert t.serial not in {r.serial for r in token_list(tk.server, "--unassigned")}

    # Assigned to another account: refused, naming the account it belongs to.
    run = refused(token(tk.server, "assign", t.serial, other.email))
    assert owner.email in run.err + run.out, f"the refusal should name {owner.email}:\n{run}"
    assert token_show(tk.server, t.serial)["account"] == owner.email

    # Locked by an admin: no sign-in with it, the right code included.
    ok(token(tk.server, "lock", t.serial))
    assert token_show(tk.server, t.serial)["state"] == "disabled"
    not_signed_in(tk.browser().sign_in(app(TOKEN_APP, "locked"), owner, always(t.hotp_at(0))), "a disabled token")
    ok(token(tk.server, "unlock", t.serial))
    assert token_show(tk.server, t.serial)["state"] == "active"
    signed_in(tk.browser().sign_in(app(TOKEN_APP, "unlocked"), owner, always(t.hotp_at(0))), "after unlock")

    # Unassigned: back in the inventory, the account has no token any more.
    ok(token(tk.server, "unassign", t.serial))
    assert token_show(tk.server, t.serial)["account"] == "-"
    assert t.serial in {r.serial for r in token_list(tk.server, "--unassigned")}
    page = tk.browser().to_methods(app(TOKEN_APP, "unassigned"), owner)
    assert "PASSWORD_TOKEN" not in ts.method_values(page), "a user without a token is offered PASSWORD_TOKEN"

    # Deleted: gone; every command about it fails with status 1.
    ok(token(tk.server, "delete", t.serial))
    assert ts.listed_serials(tk.server, t.serial) == []
    for command in ("show", "lock", "unlock", "delete", "unassign"):
        refused(token(tk.server, command, t.serial))
    refused(token(tk.server, "assign", t.serial, owner.email))
    refused(token(tk.server, "resync", t.serial, t.hotp_at(1), t.hotp_at(2)))
    refused(token(tk.server, "assign", tk.serial("nosuch"), owner.email))
    refused(token(tk.server, "import", str(tk.workdir / "no-such-file.pskcxml")))


# --------------------------------------------------------------------------------------------
# Signing in
# --------------------------------------------------------------------------------------------


def test_hotp_sign_in_with_oathtool_and_a_replayed_code(tk):
    user = tk.new_user("hotp")
    t = ts.hotp_token(tk.serial("hotp"), name="Office token")
    tk.give(user, t)
    service = app(TOKEN_APP, "hotp")
    browser = tk.browser()
    code = t.press()
    result = browser.sign_in(service, user, always(code))
    ticket = signed_in(result, "oathtool HOTP code")
    page = result.pages[0]
    assert page.device and ts.norm_serial(t.serial) in ts.norm_serial(page.device), (
        f"#code-device should name {t.serial}:\n{page.describe()}"
    )
    assert_strength(tk, service, ticket, "PASSWORD_TOKEN")
    shown = token_show(tk.server, t.serial)
    assert shown["counter"] == "1" and shown["last_used"] != "-" and shown["failures"] == "0", shown

    # The same code again, in another browser: refused.
    replay = tk.browser().sign_in(service, user, always(code))
    refused_on_code_page(replay, "the same HOTP code twice")
    # The next one works.
    signed_in(tk.browser().sign_in(service, user, always(t.press())), "the next HOTP code")


@pytest.mark.parametrize("kind", ["hotp", "totp"])
def test_one_code_typed_in_two_browsers_at_once_passes_once(tk, kind):
    """Two sign-ins waiting on their code pages get the same code at the same moment: one
    ticket, one refusal (the counter or the step moves once)."""
    user = tk.new_user(f"race-{kind}")
    t = ts.hotp_token(tk.serial("race-h")) if kind == "hotp" else ts.totp_token(tk.serial("race-t"))
    tk.give(user, t)
    service = app(TOKEN_APP, f"race-{kind}")
    if kind == "totp":
        ts.wait_for_fresh_step()
    code = t.press() if kind == "hotp" else t.shown()
    browsers = [tk.browser(), tk.browser()]
    pages = []
    for b in browsers:
        page = ts.code_page(b.choose(b.to_methods(service, user), "PASSWORD_TOKEN", user.password))
        assert page is not None, "the code page"
        pages.append(page)
    barrier = threading.Barrier(2)
    results: list = [None, None]

    def submit(i: int) -> None:
        barrier.wait()
        results[i] = browsers[i].outcome(browsers[i].type_code(pages[i], code), service, [pages[i]], [code])

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    outcomes = sorted(r.outcome for r in results)
    assert outcomes == ["code", "ticket"], [r.describe() for r in results]


def test_hotp_look_ahead_window_edges(tk):
    """RFC 4226 §7.4: codes up to hotp_window (10) presses ahead are accepted, not beyond."""
    user = tk.new_user("window")
    t = ts.hotp_token(tk.serial("window"), tool="pyotp")
    tk.give(user, t)
    service = app(TOKEN_APP, "window")
    result = tk.browser().sign_in(service, user, [always(t.hotp_at(11)), always(t.hotp_at(10))])
    assert result.typed == [t.hotp_at(11), t.hotp_at(10)], result.describe()
    assert result.pages[1].resp.status_code == 401 and result.pages[1].error, "counter + 11 must be refused"
    signed_in(result, "the code at counter + 10, after the one at + 11 was refused")
    assert token_show(tk.server, t.serial)["counter"] == "11"
    # Counter 10 again: replay. 11: the next one.
    refused_on_code_page(tk.browser().sign_in(service, user, always(t.hotp_at(10))), "counter 10 twice")
    signed_in(tk.browser().sign_in(service, user, always(t.hotp_at(11))), "counter 11")
    # 11 ahead of the new position (12 + 11 = 23) is refused too.
    refused_on_code_page(tk.browser().sign_in(service, user, always(t.hotp_at(23))), "new counter + 11")


@pytest.mark.parametrize(("hash_name", "digits"), [("SHA1", 6), ("SHA256", 8), ("SHA512", 8)])
def test_totp_sign_in_with_oathtool_and_a_replayed_step(tk, hash_name, digits):
    user = tk.new_user(f"totp-{hash_name.lower()}")
    t = ts.totp_token(tk.serial(f"totp-{hash_name}"), hash_name, digits)
    tk.give(user, t)
    service = app(TOKEN_APP, f"totp-{hash_name}")
    ts.wait_for_fresh_step()
    code = t.shown()
    assert len(code) == digits
    ticket = signed_in(tk.browser().sign_in(service, user, always(code)), f"oathtool TOTP {hash_name}")
    assert_strength(tk, service, ticket, "PASSWORD_TOKEN")
    # The same step again (same code): refused.
    refused_on_code_page(tk.browser().sign_in(service, user, always(code)), "the same TOTP step twice")


def test_totp_drift_and_resync_with_the_cli(tk):
    """RFC 6238 §6: a token one step ahead is accepted (totp_window 1); two steps ahead it is
    refused until `token resync` with two consecutive codes, after which its codes work."""
    user = tk.new_user("drift")
    ahead1 = ts.totp_token(tk.serial("drift1"), clock_offset=30, name="One step fast", tool="pyotp")
    ahead2 = ts.totp_token(tk.serial("drift2"), clock_offset=60, name="Two steps fast")
    tk.give(user, ahead1, ahead2)
    service = app(TOKEN_APP, "drift")
    step = ts.wait_for_fresh_step(margin=12)
    signed_in(
        tk.browser().sign_in(service, user, always(ahead1.totp_step(step + 1)), serial=ahead1.serial),
        "a token one step ahead",
    )
    result = tk.browser().sign_in(service, user, always(ahead2.totp_step(step + 2)), serial=ahead2.serial)
    refused_on_code_page(result, "a token two steps ahead")

    # A resync with codes too far away (beyond totp_resync_window = 10 steps) is refused.
    refused(token(tk.server, "resync", ahead2.serial, ahead2.totp_step(step + 15), ahead2.totp_step(step + 16)))
    # Two codes that are not consecutive are refused too.
    refused(token(tk.server, "resync", ahead2.serial, ahead2.totp_step(step + 1), ahead2.totp_step(step + 3)))
    # The code it showed a step ago and the one it shows now.
    run = ok(token(tk.server, "resync", ahead2.serial, ahead2.totp_step(step + 1), ahead2.totp_step(step + 2)))
    assert len(run.lines()) == 1, str(run)
    # Its next code (by its own clock, a step later) signs in.
    signed_in(
        tk.browser().sign_in(service, user, always(ahead2.totp_step(step + 3)), serial=ahead2.serial),
        "the drifting token after the resync",
    )


def test_hotp_resync_with_the_cli(tk):
    user = tk.new_user("hotp-resync")
    t = ts.hotp_token(tk.serial("hresync"))
    tk.give(user, t)
    service = app(TOKEN_APP, "hresync")
    # Pressed 500 times away from the server: its code is far beyond the look-ahead.
    refused_on_code_page(tk.browser().sign_in(service, user, always(t.hotp_at(500))), "counter 500")
    # Beyond hotp_resync_window (1000): refused. Not consecutive: refused.
    refused(token(tk.server, "resync", t.serial, t.hotp_at(1500), t.hotp_at(1501)))
    refused(token(tk.server, "resync", t.serial, t.hotp_at(500), t.hotp_at(502)))
    refused(token(tk.server, "resync", t.serial, "12345", "abcdef"))
    ok(token(tk.server, "resync", t.serial.replace("-", " "), t.hotp_at(500), t.hotp_at(501)))
    assert token_show(tk.server, t.serial)["counter"] == "502"
    refused_on_code_page(tk.browser().sign_in(service, user, always(t.hotp_at(501))), "a code used by the resync")
    signed_in(tk.browser().sign_in(service, user, always(t.hotp_at(502))), "the code after the resync")


def test_cram_sign_in_with_oath(tk):
    user = tk.new_user("cram")
    t = ts.ocra_token(tk.serial("cram"), name="Calculator")
    tk.give(user, t)
    service = app(CRAM_APP, "cram")
    seen: list[str] = []

    def wrong_then_right(page: ts.CodePage) -> str:
        assert page.challenge and re.fullmatch(r"[0-9]{8}", page.challenge), (
            f"QN08: an 8-digit question in #code-challenge:\n{page.describe()}"
        )
        assert page.device and ts.norm_serial(t.serial) in ts.norm_serial(page.device), page.describe()
        seen.append(page.challenge)
        right = t.respond(page.challenge)
        if len(seen) == 1:
            return f"{(int(right) + 1) % 10**6:06d}"
        if len(seen) == 2 and t.respond(seen[0]) != right:
            # The right answer to the previous question: each try asks a new one.
            return t.respond(seen[0])
        return right

    result = tk.browser().sign_in(service, user, [wrong_then_right] * 3, method="PASSWORD_TOKEN_CRAM")
    ticket = signed_in(result, "oath's OCRA response")
    assert [p.resp.status_code for p in result.pages] == [200, 401, 401], [p.resp.status_code for p in result.pages]
    assert len(set(seen)) == 3, f"each try asks a new question: {seen}"
    assert_strength(tk, service, ticket, "PASSWORD_TOKEN_CRAM")
    # The token-only service accepts only PASSWORD_TOKEN: the OCRA token is not offered there.
    page = tk.browser().to_methods(app(TOKEN_APP, "cram"), user)
    assert "PASSWORD_TOKEN" not in ts.method_values(page), ts.method_values(page)


def test_a_choice_between_several_tokens(tk):
    user = tk.new_user("choice")
    desk = ts.hotp_token(tk.serial("desk"), name="Desk token")
    travel = ts.totp_token(tk.serial("travel"), name="Travel token")
    calc = ts.ocra_token(tk.serial("calc"), name="Calculator")
    tk.give(user, desk, travel, calc)
    service = app(TOKEN_APP, "choice")
    browser = tk.browser()
    page = browser.choose(browser.to_methods(service, user), "PASSWORD_TOKEN", user.password)
    buttons = ts.choice_buttons(page)
    labels = sorted(label for _v, label in buttons)
    assert len(buttons) == 2, f"the two PASSWORD_TOKEN tokens, not the OCRA one: {buttons}"
    assert "Desk token" in labels[0] and desk.serial in labels[0], labels
    assert "Travel token" in labels[1] and travel.serial in labels[1], labels
    result = browser.finish(page, service, [lambda _p: travel.shown()], serial=travel.serial)
    ticket = signed_in(result, "the chosen TOTP token")
    assert ts.norm_serial(travel.serial) in ts.norm_serial(result.pages[0].device or ""), result.pages[0].describe()
    assert_strength(tk, service, ticket, "PASSWORD_TOKEN")
    # The other token's code on the chosen token's page is refused.
    browser2 = tk.browser()
    page = browser2.choose(browser2.to_methods(service, user), "PASSWORD_TOKEN", user.password)
    refused_on_code_page(browser2.finish(page, service, [always(desk.press())], serial=travel.serial), "wrong token")
    # One OCRA token: straight to its code page.
    cram = tk.browser()
    page = cram.choose(cram.to_methods(app(CRAM_APP, "choice"), user), "PASSWORD_TOKEN_CRAM", user.password)
    assert not ts.choice_buttons(page) and ts.code_page(page) is not None, "one token: no choice page"


def test_step_up_from_a_password_session(tk):
    user = tk.new_user("stepup")
    t = ts.hotp_token(tk.serial("stepup"))
    tk.give(user, t)
    browser = tk.browser()
    # A password sign-in to a service accepting it.
    any_service = app(ANY_APP, "stepup")
    methods = browser.to_methods(any_service, user)
    assert {"PASSWORD", "PASSWORD_TOKEN"} <= set(ts.method_values(methods)), ts.method_values(methods)
    done = browser.choose(methods, "PASSWORD", user.password)
    assert done.status_code == 303, done.text[:2000]
    ticket = ts.ticket_from_location(done.headers["Location"], any_service)
    assert ts.validate(tk.server, any_service, ticket)["strength"] == "PASSWORD"
    # The token-only service: the step-up page, no password, the token's code.
    service = app(TOKEN_APP, "stepup")
    page = browser.login_page(service)
    assert page.status_code == 200
    asked = {name for name, kind, _v in login_form(page).inputs if kind != "hidden"}
    assert "password" not in asked and "email" not in asked, f"a step-up asks for neither:\n{page.text}"
    assert ts.method_values(page) == ["PASSWORD_TOKEN"], ts.method_values(page)
    ticket = signed_in(
        browser.finish(browser.choose(page, "PASSWORD_TOKEN", None), service, [always(t.press())]), "step-up"
    )
    assert_strength(tk, service, ticket, "PASSWORD_TOKEN")
    # The session now holds the token's proof: SSO, no page.
    again = browser.login_page(service)
    assert again.status_code == 303, again.text[:2000]
    assert ts.validate(tk.server, service, ts.ticket_from_location(again.headers["Location"], service))["strength"] == (
        "PASSWORD_TOKEN"
    )


def test_lockout_after_max_failures_and_unlock(tk):
    """max_failures (10) wrong codes lock the token: then even the right code is refused, until
    `token unlock`."""
    user = tk.new_user("lockout")
    t = ts.hotp_token(tk.serial("lockout"))
    tk.give(user, t)
    service = app(TOKEN_APP, "lockout")
    wrong = wrong_hotp(t, 0)
    failures = 0
    for _login in range(10):
        result = tk.browser().sign_in(service, user, [always(wrong)] * (10 - failures))
        not_signed_in(result, "a wrong code")
        failures += len(result.typed)
        if failures >= 10:
            break
    assert failures == 10, failures
    shown = token_show(tk.server, t.serial)
    assert shown["state"] == "locked" and shown["failures"] == "10", shown
    assert shown["locked_until"] != "-", shown
    tk.wait_for_mail(user.email, LOCKED_SUBJECT)
    not_signed_in(tk.browser().sign_in(service, user, always(t.hotp_at(0))), "the right code on a locked token")

    ok(token(tk.server, "unlock", t.serial))
    shown = token_show(tk.server, t.serial)
    assert (shown["state"], shown["failures"], shown["locked_until"]) == ("active", "0", "-"), shown
    signed_in(tk.browser().sign_in(service, user, always(t.hotp_at(0))), "the right code after `token unlock`")


def test_a_token_of_another_account(tk):
    alice, bob = tk.new_user("alice"), tk.new_user("bob")
    hers = ts.hotp_token(tk.serial("hers"))
    his = ts.hotp_token(tk.serial("his"))
    tk.give(alice, hers)
    tk.give(bob, his)
    service = app(TOKEN_APP, "another")
    # Her code on his sign-in: refused, and her token is untouched.
    refused_on_code_page(tk.browser().sign_in(service, bob, always(hers.hotp_at(0))), "another account's code")
    signed_in(tk.browser().sign_in(service, alice, always(hers.press())), "her own code")
    # It cannot be given to him.
    run = refused(token(tk.server, "assign", hers.serial, bob.email))
    assert alice.email in run.err + run.out, str(run)
    assert token_show(tk.server, hers.serial)["account"] == alice.email
    # My account: adding her serial is refused exactly as an unknown serial is (no account
    # learns whether a serial exists elsewhere), at the first step or the second.
    browser = tk.browser()
    sign_in_to_account(browser, bob)
    step_up = [lambda _p: his.press()]
    unknown = tk.serial("unknown")
    answers = {}
    for serial, codes in ((hers.serial, (hers.hotp_at(1), hers.hotp_at(2))), (unknown, ("123456", "654321"))):
        page = open_add_page(browser, step_up)
        resp = submit_serial(browser, page, serial, "Not mine")
        if ts.html_tree(resp.text).xpath('//*[@id="token-code"]'):
            resp = submit_codes(browser, resp, *codes)
        answers[serial] = resp
    foreign, stranger = answers[hers.serial], answers[unknown]
    assert foreign.status_code == stranger.status_code, (foreign.status_code, stranger.status_code)
    assert foreign.status_code in (400, 401, 403, 404, 409, 422, 200), foreign.status_code
    e1 = (ts.page_error(foreign) or "").replace(hers.serial, "SERIAL")
    e2 = (ts.page_error(stranger) or "").replace(unknown, "SERIAL")
    assert e1, f"adding a serial of another account must be refused with a message:\n{foreign.text[:3000]}"
    assert e1 == e2, f"her serial and an unknown one must be refused alike:\n{e1!r}\n{e2!r}"
    assert alice.email not in foreign.text, "the refusal must not name the owner"
    assert token_show(tk.server, hers.serial)["account"] == alice.email
    signed_in(tk.browser().sign_in(service, alice, always(hers.hotp_at(1))), "her token still works for her")


def test_external_users_are_not_offered_tokens_by_default(tk):
    user = tk.new_user("external", internal=False)
    t = ts.hotp_token(tk.serial("external"))
    tk.give(None, t)
    run = token(tk.server, "assign", t.serial, user.email)
    if run.code == 0:
        page = tk.browser().to_methods(app(ANY_APP, "external"), user)
        assert "PASSWORD_TOKEN" not in ts.method_values(page), (
            f"an external user is offered PASSWORD_TOKEN by default:\n{ts.method_values(page)}"
        )
    else:
        refused(run)


def test_oidc_amr_of_a_token_sign_in(tk):
    """OpenID Connect: a sign-in with a token gives amr with "otp" and "hwk" (RFC 8176)."""
    user = tk.new_user("oidc")
    t = ts.hotp_token(tk.serial("oidc"))
    tk.give(user, t)
    client = register_client(tk.server, "tokens", extra_args=["--accept-strengths", "PASSWORD_TOKEN"])
    rp = RelyingParty(discovery(tk.server), client)
    req = rp.auth_request()
    browser = OidcBrowser(tk.server)
    out = browser.run(req.url)
    assert not isinstance(out, str), f"an authorization request without a session goes to the login page: {out}"
    tb = TokenBrowser(tk.server)
    tb.session = browser.session
    page = tb.submit_email(out, user.email) if "email" in login_form(out).names() else out
    resp = tb.choose(page, "PASSWORD_TOKEN", user.password)
    result = tb.finish(resp, None, [always(t.press())])
    assert result.outcome == "page", result.describe()
    callback = browser.follow(result.resp)
    assert isinstance(callback, str), f"no redirect to the client: {callback}"
    tokens = rp.exchange(req, callback)
    claims = rp.parse_id_token(tokens, req.nonce)
    assert {"otp", "hwk"} <= set(claims["amr"]), claims["amr"]
    assert {"pwd", "mfa"} <= set(claims["amr"]), claims["amr"]


# --------------------------------------------------------------------------------------------
# My account
# --------------------------------------------------------------------------------------------


TOKEN_ROW = "contains(concat(' ', normalize-space(@class), ' '), ' token ')"


def form_of(resp, element_id: str) -> tuple[str, dict[str, str], str]:
    """The form holding the element `element_id`: its action, its hidden fields, the element's name."""
    tree = ts.html_tree(resp.text)
    found = tree.xpath(f'//*[@id="{element_id}"]')
    assert found, f"no #{element_id} on {resp.url} ({resp.status_code}):\n{resp.text[:3000]}"
    form = found[0].xpath("ancestor::form")
    assert form, f"#{element_id} is in no form:\n{resp.text[:3000]}"
    hidden = {i.get("name"): i.get("value", "") for i in form[0].xpath('.//input[@type="hidden"]') if i.get("name")}
    return urljoin(resp.url, form[0].get("action") or resp.url), hidden, found[0].get("name") or element_id


def sign_in_to_account(browser: TokenBrowser, user: User) -> None:
    """My account, signed in with the password."""
    resp = browser.follow(browser.get("/account"))
    form = login_form(resp)
    if "email" in form.names() and "method" not in form.names():
        resp = browser.submit_email(resp, user.email)
    resp = browser.follow(browser.choose(resp, "PASSWORD", user.password))
    assert resp.status_code == 200 and resp.url.endswith("/account"), f"My account: {resp.status_code} {resp.url}"


def step_up_if_asked(browser: TokenBrowser, resp, answers):
    """A step-up on the way (the login page asking for a method): answered with `answers`."""
    resp = browser.follow(resp)
    if "/cas/login" in resp.url and ts.method_values(resp):
        methods = ts.method_values(resp)
        method = "PASSWORD_TOKEN" if "PASSWORD_TOKEN" in methods else methods[0]
        result = browser.finish(browser.choose(resp, method, None), None, answers)
        resp = browser.follow(result.resp)
    return resp


def open_add_page(browser: TokenBrowser, step_up: list | None = None, method: str = "token"):
    """My account → Add a token (`/account/tokens/add?method=token`, or `token_cram` for a
    challenge–response token), after a step-up if one is asked."""
    page = step_up_if_asked(browser, browser.get(f"/account/tokens/add?method={method}"), step_up or [])
    assert page.status_code == 200 and ts.html_tree(page.text).xpath('//*[@id="token-serial"]'), (
        f"the add page: {page.status_code} {page.url}\n{page.text[:3000]}"
    )
    return page


def submit_serial(browser: TokenBrowser, page, serial: str, name: str):
    """Step 1: the serial and a name."""
    action, hidden, serial_field = form_of(page, "token-serial")
    _a, _h, name_field = form_of(page, "token-name")
    resp = browser.session.post(
        action, data={**hidden, serial_field: serial, name_field: name}, allow_redirects=False, timeout=15
    )
    return browser.follow(resp)


def submit_codes(browser: TokenBrowser, page, first: str, second: str):
    """Step 2 of an HOTP or TOTP token: two consecutive codes."""
    action, hidden, code1 = form_of(page, "token-code")
    _a, _h, code2 = form_of(page, "token-code2")
    resp = browser.session.post(action, data={**hidden, code1: first, code2: second}, allow_redirects=False, timeout=15)
    return browser.follow(resp)


def add_token(browser: TokenBrowser, t: Token, name: str, step_up: list | None = None):
    """My account → Add a token: serial and name, then two consecutive codes (or the answer to
    the question for an OCRA token). Returns the page it ends on."""
    page = open_add_page(browser, step_up, "token_cram" if t.kind == "ocra" else "token")
    resp = step_up_if_asked(browser, submit_serial(browser, page, t.serial, name), step_up or [])
    if t.kind == "ocra":
        challenge = ts.text_of(ts.html_tree(resp.text), "token-challenge")
        assert challenge, f"no #token-challenge for an OCRA token:\n{resp.text[:3000]}"
        action, hidden, field_name = form_of(resp, "token-response")
        data = {**hidden, field_name: t.respond(challenge)}
        return browser.follow(browser.session.post(action, data=data, allow_redirects=False, timeout=15))
    if t.kind == "hotp":
        first, second = t.press(), t.press()
    else:
        # Two consecutive codes, the second one the current one (as typed by a user who read
        # the first one a period ago): the token's next code is then the next period's.
        step = ts.wait_for_fresh_step()
        first, second = t.totp_step(step - 1), t.totp_step(step)
    return submit_codes(browser, resp, first, second)


def listed_tokens(resp) -> list[str]:
    tree = ts.html_tree(resp.text)
    lists = tree.xpath('//*[@id="token-list"]')
    if not lists and tree.xpath('//*[@id="no-tokens"]'):
        return []
    assert lists, f"no #token-list (nor #no-tokens) on {resp.url}:\n{resp.text[:3000]}"
    rows = lists[0].xpath(f".//*[{TOKEN_ROW}]")
    return [" ".join(row.text_content().split()) for row in rows]


def test_done_when_a_new_user_imports_assigns_and_signs_in(tk):
    """Issue 16's "done when": a PSKC file (python-pskc, PBKDF2) imported with the CLI; the new
    user adds its HOTP token in My account with two codes from oathtool, then its OCRA token
    (after a step-up with the first), signs in to a service accepting only PASSWORD_TOKEN with
    oathtool's codes, and to a PASSWORD_TOKEN_CRAM one with the responses of oath."""
    hotp = ts.hotp_token(tk.serial("done-h"))
    ocra = ts.ocra_token(tk.serial("done-o"))
    prot = ts.by_password("Delivery-note-42")
    path = ts.write_pskc(tk.file("delivery.pskcxml"), [hotp, ocra], prot)
    ts.pskctool_validate(path)
    result = ts.import_file(tk.server, path, prot)
    assert result.run.code == 0 and result.imported == 2, str(result.run)

    user = tk.new_user("done")
    browser = tk.browser()
    sign_in_to_account(browser, user)
    before = tk.mail_ids(user.email)
    page = add_token(browser, hotp, "My HOTP token")
    assert page.url.split("?")[0].endswith("/account/tokens"), f"back to the list: {page.url}\n{page.text[:2000]}"
    rows = listed_tokens(page)
    assert any(hotp.serial in r and "My HOTP token" in r for r in rows), rows
    [row] = token_list(tk.server, "--search", hotp.serial)
    assert (row.email, row.name) == (user.email, "My HOTP token"), row
    # The second token needs a step-up with the first.
    page = add_token(browser, ocra, "My calculator", step_up=[lambda _p: hotp.press()])
    rows = listed_tokens(page)
    assert any(ocra.serial in r for r in rows) and any(hotp.serial in r for r in rows), rows
    assert token_show(tk.server, ocra.serial)["account"] == user.email
    # A security e-mail for each, naming the token (the development outbox).
    tk.wait_for_mail(user.email, ADDED_SUBJECT, before, naming="My HOTP token")
    tk.wait_for_mail(user.email, ADDED_SUBJECT, before, naming="My calculator")

    token_service = app(TOKEN_APP, "done")
    ticket = signed_in(tk.browser().sign_in(token_service, user, always(hotp.press())), "oathtool")
    assert_strength(tk, token_service, ticket, "PASSWORD_TOKEN")
    cram_service = app(CRAM_APP, "done")
    ticket = signed_in(
        tk.browser().sign_in(
            cram_service, user, lambda p: ocra.respond(p.challenge or ""), method="PASSWORD_TOKEN_CRAM"
        ),
        "oath",
    )
    assert_strength(tk, cram_service, ticket, "PASSWORD_TOKEN_CRAM")


def remove_button(browser: TokenBrowser, resp, serial: str):
    """Presses the remove button in the row of `serial` in `#token-list`."""
    tree = ts.html_tree(resp.text)
    rows = [r for r in tree.xpath(f'//*[@id="token-list"]//*[{TOKEN_ROW}]') if serial in r.text_content()]
    assert rows, f"no row for {serial}:\n{resp.text[:3000]}"
    forms = rows[0].xpath(".//form")
    assert forms, f"no button in the row of {serial}"
    form = forms[-1]
    data = {i.get("name"): i.get("value", "") for i in form.xpath(".//input") if i.get("name")}
    for button in form.xpath(".//button[@name]"):
        data[button.get("name")] = button.get("value", "")
    action = urljoin(resp.url, form.get("action") or resp.url)
    return browser.session.post(action, data=data, allow_redirects=False, timeout=15)


def test_my_account_removes_a_token_after_a_step_up(tk):
    user = tk.new_user("remove")
    t = ts.totp_token(tk.serial("remove"), tool="pyotp")
    tk.give(None, t)
    browser = tk.browser()
    sign_in_to_account(browser, user)
    page = add_token(browser, t, "Old token")
    assert any(t.serial in r for r in listed_tokens(page)), listed_tokens(page)
    assert token_show(tk.server, t.serial)["account"] == user.email

    # Removing it needs a proof of the token (the session proved the password only); the
    # button is pressed again if the step-up came back to the list rather than finishing. The
    # token's next code: the one after those its binding used.
    step = ts.step_now()
    before = tk.mail_ids(user.email)
    resp = step_up_if_asked(browser, remove_button(browser, page, t.serial), [always(t.totp_step(step + 1))])
    if any(t.serial in r for r in listed_tokens(resp)):
        resp = browser.follow(remove_button(browser, resp, t.serial))
    assert not any(t.serial in r for r in listed_tokens(resp)), listed_tokens(resp)
    assert token_show(tk.server, t.serial)["account"] == "-", "a removed token goes back to the inventory"
    tk.wait_for_mail(user.email, REMOVED_SUBJECT, before, naming="Old token")


# --------------------------------------------------------------------------------------------
# The strict server: 3 failures, 1 minute, external users
# --------------------------------------------------------------------------------------------


def test_a_lockout_of_the_configured_length(strict):
    user = strict.new_user("strict-lock")
    t = ts.hotp_token(strict.serial("strict-lock"))
    strict.give(user, t)
    service = app(TOKEN_APP, "strict-lock")
    wrong = wrong_hotp(t, 0)
    result = strict.browser().sign_in(service, user, [always(wrong)] * 3 + [always(t.hotp_at(0))])
    assert result.typed[:3] == [wrong] * 3, result.describe()
    not_signed_in(result, "the right code after 3 wrong ones (max_failures = 3)")
    shown = token_show(strict.server, t.serial)
    assert shown["state"] == "locked" and shown["locked_until"] != "-", shown
    ok(token(strict.server, "unlock", t.serial))
    signed_in(strict.browser().sign_in(service, user, always(t.hotp_at(0))), "after unlock")


def test_tokens_opened_to_external_users(strict):
    user = strict.new_user("strict-external", internal=False)
    t = ts.hotp_token(strict.serial("strict-ext"))
    strict.give(user, t)
    result = strict.browser().sign_in(app(TOKEN_APP, "external"), user, always(t.press()))
    signed_in(result, "an external user, with [methods.token] user_types including external")
