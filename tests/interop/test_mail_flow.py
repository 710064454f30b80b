"""Self-service registration and lost password over real e-mail: Limen delivers to aiosmtpd (an
SMTP server this project did not write), the messages are read back with Python's `email`
package, and the ticket obtained at the end is validated with python-cas.

Also the relay's side of delivery: SMTP AUTH, STARTTLS with a private CA, a relay that is down
when the message is queued, and a lost-password request for an unknown address (no mail at all).
"""

from __future__ import annotations

import datetime
import email
import email.policy
import ipaddress
import logging
import os
import re
import ssl
import threading
import time
from dataclasses import dataclass
from email.message import EmailMessage
from html import unescape
from pathlib import Path
from typing import Self
from urllib.parse import quote

import cas
import pytest
import requests
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from limen_interop import (
    ALL_ATTRIBUTES,
    REPO_ROOT,
    Browser,
    LimenServer,
    User,
    failing_pow_nonce,
    free_port,
    link_named,
    login_form,
    page_links,
    pow_bits,
    pow_puzzle,
    running_limen,
    solve_pow,
)

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")

log = logging.getLogger(__name__)
logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's line-by-line log

SENDER = "no-reply@example.org"
FROM = f"Limen <{SENDER}>"
POW_DIFFICULTY = 10
SERVICE = "http://127.0.0.1:9/mailapp/home"
SERVICE_PATTERN = "http://127.0.0.1:9/mailapp/*"
NEW_PASSWORD = "Ορίζων-Tessel8-ate!"  # the policy: 10+ characters, upper, lower, digit, special
SMTP_USER = "limen-relay"
SMTP_PASSWORD = "s3cret relay pässword"
MAIL_TIMEOUT = 15.0  # an immediate delivery (the worker is woken when a message is queued)
RETRY_TIMEOUT = 30.0  # a retried one: the worker's 15 s poll picks up the retry
FR_LOCALE = REPO_ROOT / "crates/limen-web/locales/fr/main.ftl"


def ftl_value(path: Path, key: str) -> str | None:
    """A single-line message of a Fluent file, or None when the file does not define it."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    m = re.search(rf"^{re.escape(key)}\s*=\s*(.+)$", text, re.MULTILINE)
    return m.group(1).strip() if m else None


# --------------------------------------------------------------------------------------------
# The SMTP server: aiosmtpd, keeping every envelope it accepts
# --------------------------------------------------------------------------------------------


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    tls: bool
    login: bytes | None
    at: float

    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.data, policy=email.policy.default)


class SmtpSink:
    """aiosmtpd on 127.0.0.1, in its own thread. `authenticate` (user, password) makes AUTH
    required; `tls_context` offers STARTTLS and requires it."""

    def __init__(self, port: int | None = None, authenticate=None, tls_context=None):
        self.port = port or free_port()
        self.received: list[Received] = []
        self.auth_attempts: list[tuple[str, bytes, bool]] = []  # (mechanism, login, accepted)
        self._cond = threading.Condition()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                with sink._cond:
                    sink.received.append(
                        Received(
                            mail_from=envelope.mail_from,
                            rcpt_tos=list(envelope.rcpt_tos),
                            data=envelope.original_content or envelope.content,
                            tls=session.ssl is not None,
                            login=getattr(session.auth_data, "login", None),
                            at=time.monotonic(),
                        )
                    )
                    sink._cond.notify_all()
                return "250 Message accepted for delivery"

        kwargs = {}
        if authenticate is not None:
            user, password = authenticate

            def authenticator(server, session, envelope, mechanism, auth_data):
                ok = (
                    isinstance(auth_data, LoginPassword)
                    and auth_data.login == user.encode()
                    and auth_data.password == password.encode()
                )
                login = auth_data.login if isinstance(auth_data, LoginPassword) else b""
                sink.auth_attempts.append((mechanism, login, ok))
                # handled=False: aiosmtpd itself answers 535 to a refusal.
                return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

            kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=False)
        if tls_context is not None:
            kwargs.update(tls_context=tls_context, require_starttls=True)
        self.controller = Controller(
            Handler(), hostname="127.0.0.1", port=self.port, server_hostname="mx.interop.test", **kwargs
        )

    def __enter__(self) -> Self:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    def to(self, address: str) -> list[Received]:
        with self._cond:
            return [r for r in self.received if address in r.rcpt_tos]

    def wait_for(self, address: str, timeout: float = MAIL_TIMEOUT) -> Received:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for r in self.received:
                    if address in r.rcpt_tos:
                        return r
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"no e-mail for {address} reached the SMTP server within {timeout:.0f} s "
                        f"(received so far: {[r.rcpt_tos for r in self.received]}, "
                        f"AUTH attempts: {self.auth_attempts})"
                    )
                self._cond.wait(remaining)


def smtp_env(port: int, **more: str) -> dict[str, str]:
    env = {
        "LIMEN_MAIL__TRANSPORT": "smtp",
        "LIMEN_MAIL__FROM": FROM,
        "LIMEN_MAIL__SMTP__HOST": "127.0.0.1",
        "LIMEN_MAIL__SMTP__PORT": str(port),
        "LIMEN_MAIL__SMTP__SECURITY": "none",
        "LIMEN_MAIL__SMTP__TIMEOUT_SECONDS": "10",
        "LIMEN_SELF_SERVICE__POW_DIFFICULTY": str(POW_DIFFICULTY),
    }
    env.update(more)
    return env


# --------------------------------------------------------------------------------------------
# Throwaway PKI for STARTTLS
# --------------------------------------------------------------------------------------------


@dataclass
class Pki:
    ca_file: Path
    cert_file: Path
    key_file: Path

    def server_context(self) -> ssl.SSLContext:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(self.cert_file, self.key_file)
        return ctx


def make_pki(directory: Path) -> Pki:
    """A CA and a server certificate for 127.0.0.1 and localhost, valid for a day."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.datetime.now(datetime.UTC)

    def usage(cert_sign: bool) -> x509.KeyUsage:
        return x509.KeyUsage(
            digital_signature=not cert_sign,
            content_commitment=False,
            key_encipherment=False,
            data_encipherment=False,
            key_agreement=False,
            key_cert_sign=cert_sign,
            crl_sign=cert_sign,
            encipher_only=False,
            decipher_only=False,
        )

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Limen interop throwaway CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage(cert_sign=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    pki = Pki(directory / "ca.pem", directory / "server.pem", directory / "server.key")
    pki.ca_file.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    pki.cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    pki.key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return pki


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def backend(request) -> str:
    if request.param == "postgres" and not os.environ.get("LIMEN_TEST_PG"):
        pytest.skip("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
    return request.param


def start(backend: str, workdir: Path, env: dict[str, str], extra_args: list[str] | None = None):
    return running_limen(backend, workdir, extra_env=env, extra_args=extra_args)


@pytest.fixture(scope="module")
def relay(backend, tmp_path_factory):
    """aiosmtpd, and a Limen delivering to it in plain SMTP, with one registered CAS service."""
    workdir = tmp_path_factory.mktemp(f"mail-{backend}")
    with SmtpSink() as sink, start(backend, workdir, smtp_env(sink.port)) as server:
        server.add_service("Mail flow app", [SERVICE_PATTERN], attributes=ALL_ATTRIBUTES)
        yield server, sink


def unique_address(tag: str) -> str:
    return f"{tag}.{time.monotonic_ns()}@example.org"


def register(
    browser: Browser,
    service: str | None,
    *,
    first_name: str,
    last_name: str,
    address: str,
    lang: str = "en",
) -> requests.Response:
    """Through the login page's "Create an account" link, then the form with the puzzle solved."""
    if service is not None:
        login = browser.login_page(service)
        assert login.status_code == 200, f"GET /cas/login: {login.status_code}\n{login.text[:1000]}"
        href = link_named(login, "Create an account")
        assert href == browser.server.url(f"/cas/register?service={quote(service, safe='')}"), href
        page = browser.session.get(href, allow_redirects=False, timeout=15)
    else:
        page = browser.get("/cas/register")
    assert page.status_code == 200, f"GET register: {page.status_code}\n{page.text[:1000]}"
    return submit_registration(browser, page, first_name=first_name, last_name=last_name, address=address, lang=lang)


def submit_registration(browser, page, *, first_name, last_name, address, lang="en", nonce=None):
    form = login_form(page)
    challenge, difficulty = pow_puzzle(page.text)
    assert form.value("pow_challenge") == challenge
    return browser.submit(
        form,
        {
            "first_name": first_name,
            "last_name": last_name,
            "email": address,
            "email_confirm": address,
            "email_lang": lang,
            "captcha_answer": "",
            "pow_nonce": nonce if nonce is not None else solve_pow(challenge, difficulty),
            "privacy": "accepted",
            "action": "register",
        },
    )


def the_link(msg: EmailMessage, server: LimenServer) -> str:
    """The single password link of a Limen letter, checked in both parts."""
    text = msg.get_body(preferencelist=("plain",)).get_content()
    html = msg.get_body(preferencelist=("html",)).get_content()
    prefix = server.url("/cas/password/new?key=")
    text_links = re.findall(r"https?://\S+", text)
    assert len(text_links) == 1 and text_links[0].startswith(prefix), f"links of the text part: {text_links}\n{text}"
    link = text_links[0]
    hrefs = [unescape(h) for h, _label in page_links(html) if h.startswith("http")]
    assert hrefs == [link], f"the HTML part's button should lead to {link}; its links: {hrefs}"
    # The copy-and-paste fallback under the button, as text.
    visible = re.sub(r"<[^>]+>", " ", html)
    assert unescape(visible).count(link) == 1, f"no copy-paste fallback with the link in the HTML part:\n{html}"
    return link


def check_wire_format(received: Received) -> None:
    """RFC 5322 §2.1.1 / §2.3: 7-bit data, CRLF line ends, no line over 998 characters."""
    assert received.data.isascii(), "the message is not 7-bit: non-ASCII bytes reached the relay"
    lines = received.data.split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines), "bare CR or LF in the message"
    longest = max(len(line) for line in lines)
    assert longest <= 998, f"a line of {longest} characters"


# --------------------------------------------------------------------------------------------
# Registration over real e-mail, ending in a python-cas validation
# --------------------------------------------------------------------------------------------


def test_register_by_email_then_the_service_validates_the_ticket(relay):
    server, sink = relay
    started = time.monotonic()
    address = unique_address("eleni.wang")
    browser = Browser(server)

    # Failure paths first: every field explained at once, what was typed kept, 400.
    login = browser.login_page(SERVICE)
    page = browser.session.get(link_named(login, "Create an account"), timeout=15)
    assert page.status_code == 200
    assert "Requested by Mail flow app" in page.text
    form = login_form(page)
    expected = {"csrf_token", "first_name", "last_name", "email", "email_confirm", "email_lang", "captcha_id",
                "captcha_answer", "pow_challenge", "pow_nonce", "privacy", "action"}  # fmt: skip
    assert expected <= form.names(), f"missing fields: {expected - form.names()}"
    assert form.value("pow_nonce") == ""
    assert re.search(r'<option value="en"[^>]*>', page.text) and re.search(r'<option value="fr"[^>]*>', page.text)
    bad = browser.submit(
        form,
        {"first_name": "Ελένη", "last_name": "", "email": address, "email_confirm": "other@example.org",
         "email_lang": "en", "captcha_answer": "nope", "action": "register"},
    )  # fmt: skip
    assert bad.status_code == 400, f"{bad.status_code}\n{bad.text[:2000]}"
    for field in ("last_name", "email_confirm", "captcha", "privacy"):
        assert f'id="{field}-error"' in bad.text, f"no message for {field}:\n{bad.text[:4000]}"
    assert 'id="email-error"' not in bad.text and 'id="first_name-error"' not in bad.text
    assert 'value="Ελένη"' in bad.text, "the first name typed was not kept"

    # A nonce that does not solve the puzzle is refused like a wrong code.
    challenge, difficulty = pow_puzzle(bad.text)
    assert difficulty == POW_DIFFICULTY
    wrong = failing_pow_nonce(challenge, difficulty)
    assert pow_bits(challenge, wrong) < difficulty
    bad2 = submit_registration(browser, bad, first_name="Ελένη", last_name="王", address=address, nonce=wrong)
    assert bad2.status_code == 400, f"{bad2.status_code}\n{bad2.text[:2000]}"
    assert 'id="captcha-error"' in bad2.text and 'id="last_name-error"' not in bad2.text
    assert not sink.to(address), "a refused form sent an e-mail"

    # The right answer.
    done = submit_registration(browser, bad2, first_name="Ελένη", last_name="王", address=address)
    assert done.status_code == 200, f"{done.status_code}\n{done.text[:2000]}"
    assert "<h1>Check your mailbox</h1>" in done.text, done.text[:2000]
    assert address in done.text
    submitted = time.monotonic()

    received = sink.wait_for(address)
    log.info("registration e-mail reached the relay %.2f s after the form was sent", received.at - submitted)
    assert received.mail_from == SENDER
    assert received.rcpt_tos == [address]
    assert not received.tls and received.login is None
    check_wire_format(received)
    msg = received.message()
    assert msg["Subject"] == "Create your password"
    assert msg["From"].addresses[0].display_name == "Limen"
    assert msg["From"].addresses[0].addr_spec == SENDER
    (to,) = msg["To"].addresses
    assert to.addr_spec == address
    assert to.display_name == "Ελένη 王", f"To: {msg['To']!r} (raw {msg.get_all('To')})"
    assert msg["Message-ID"] and msg["Date"]
    assert msg["Auto-Submitted"] == "auto-generated"
    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    text = msg.get_body(preferencelist=("plain",)).get_content()
    html = msg.get_body(preferencelist=("html",)).get_content()
    assert "Dear Ελένη 王," in text, text
    assert "Dear Ελένη 王," in unescape(html), html
    assert f"Your e-mail address is {address}." in text
    assert 'lang="en"' in html
    link = the_link(msg, server)

    # The link, opened from the mail reader in another browser (no cookie of the registration).
    other = Browser(server)
    pw_page = other.session.get(link, allow_redirects=False, timeout=15)
    assert pw_page.status_code == 200, f"GET {link}: {pw_page.status_code}\n{pw_page.text[:2000]}"
    assert "<h1>Create your password</h1>" in pw_page.text
    pw_form = login_form(pw_page)
    assert pw_form.value("email") == address
    assert re.search(r'<input id="email"[^>]*readonly', pw_page.text), "the e-mail field is not read-only"
    assert pw_form.hidden().get("key") == link.split("key=", 1)[1]
    weak = other.submit(pw_form, {"new_password": "password", "confirm_password": "password"})
    assert weak.status_code == 400 and 'id="new_password-error"' in weak.text, f"{weak.status_code}\n{weak.text[:2000]}"
    mismatch = other.submit(login_form(weak), {"new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD + "x"})
    assert mismatch.status_code == 400 and 'id="confirm_password-error"' in mismatch.text, mismatch.text[:2000]
    saved = other.submit(login_form(mismatch), {"new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD})
    assert saved.status_code == 200, f"{saved.status_code}\n{saved.text[:2000]}"
    assert "You are now signed in." in saved.text, saved.text[:2000]
    proceed = link_named(saved, "Proceed")
    assert proceed == server.url(f"/cas/login?service={quote(SERVICE, safe='')}"), proceed

    # "Proceed": the SSO session just opened gives the ticket straight away.
    go = other.session.get(proceed, allow_redirects=False, timeout=15)
    assert go.status_code == 303, f"GET {proceed}: {go.status_code}\n{go.text[:2000]}"
    location = go.headers["Location"]
    assert location.startswith(SERVICE + "?ticket=ST-"), location
    ticket = location.split("ticket=", 1)[1]
    client = cas.CASClient(version=3, service_url=SERVICE, server_url=server.cas_url)
    user, attributes, _pgtiou = client.verify_ticket(ticket)
    assert user, f"python-cas refused the ticket {ticket}"
    assert attributes["email"] == address, attributes
    assert attributes["firstName"] == "Ελένη", attributes
    assert attributes["lastName"] == "王", attributes
    assert attributes["strength"] == "PASSWORD", attributes
    assert client.verify_ticket(ticket)[0] is None, "a service ticket validated twice"

    # The link served once; the password works at the ordinary login.
    again = Browser(server).session.get(link, allow_redirects=False, timeout=15)
    assert again.status_code == 410, f"reused link: {again.status_code}\n{again.text[:1000]}"
    ticket2 = Browser(server).login(SERVICE, User(address, "王", "Ελένη", NEW_PASSWORD))
    user2, attributes2, _ = client.verify_ticket(ticket2)
    assert user2 == user and attributes2["email"] == address
    assert len(sink.to(address)) == 1, "more than one e-mail for one registration"
    # Without --dev, no outbox page shows the links.
    outbox = requests.get(server.url("/dev/outbox"), timeout=15)
    assert outbox.status_code == 404 and address not in outbox.text, outbox.status_code
    log.info("registration flow: %.2f s", time.monotonic() - started)


def test_the_email_language_chosen_on_the_form(relay):
    """An English page, a French e-mail: the letter follows the e-mail language."""
    subject = ftl_value(FR_LOCALE, "mail-register-subject")
    if subject is None:
        pytest.skip(f"no French mail-register-subject in {FR_LOCALE} yet")
    assert subject == "Créez votre mot de passe"
    server, sink = relay
    address = unique_address("jean")
    done = register(Browser(server), SERVICE, first_name="Jean-Noël", last_name="Dupré", address=address, lang="fr")
    assert done.status_code == 200 and "<h1>Check your mailbox</h1>" in done.text, done.text[:2000]
    received = sink.wait_for(address)
    check_wire_format(received)
    msg = received.message()
    assert msg["Subject"] == subject, msg["Subject"]
    assert msg["To"].addresses[0].display_name == "Jean-Noël Dupré"
    html = msg.get_body(preferencelist=("html",)).get_content()
    assert 'lang="fr"' in html
    text = msg.get_body(preferencelist=("plain",)).get_content()
    greeting = ftl_value(FR_LOCALE, "mail-greeting")
    if greeting:
        assert greeting.replace("{ $name }", "Jean-Noël Dupré") in text, text
    the_link(msg, server)


def test_lost_password_for_an_unknown_address_sends_nothing_and_says_the_same(relay):
    server, sink = relay
    known = unique_address("known")
    unknown = unique_address("unknown")
    server.add_user(User(known, "Known", "Kim", NEW_PASSWORD))

    def ask(address: str) -> requests.Response:
        browser = Browser(server)
        login = browser.login_page(SERVICE)
        assert login.status_code == 200
        # The lost-password link is on the password step.
        step2 = browser.submit_email(login, address)
        assert step2.status_code == 200, f"{step2.status_code}\n{step2.text[:1000]}"
        page = browser.session.get(link_named(step2, "Lost password?"), timeout=15)
        assert page.status_code == 200, f"{page.status_code}\n{page.text[:1000]}"
        assert "/cas/password/lost?service=" in page.url
        form = login_form(page)
        challenge, difficulty = pow_puzzle(page.text)
        resp = browser.submit(
            form,
            {"email": address, "captcha_answer": "", "pow_nonce": solve_pow(challenge, difficulty), "action": "send"},
        )
        assert resp.status_code == 200, f"lost password for {address}: {resp.status_code}\n{resp.text[:2000]}"
        return resp

    def normalised(resp: requests.Response, address: str) -> str:
        main = re.split(r"<main[^>]*>", resp.text, maxsplit=1)[1].split("</main>", 1)[0]
        return main.replace(address, "ADDRESS")

    first = ask(unknown)
    second = ask(known)
    assert normalised(first, unknown) == normalised(second, known)
    # Queued in order and delivered in order: once the known address's message is there, a
    # message to the unknown one would be too. Wait a little more all the same.
    reset = sink.wait_for(known)
    time.sleep(2)
    assert sink.to(unknown) == [], "an e-mail was sent to an address without an account"
    msg = reset.message()
    link = the_link(msg, server)
    page = Browser(server).session.get(link, timeout=15)
    assert page.status_code == 200 and login_form(page).value("email") == known, page.text[:1000]


# --------------------------------------------------------------------------------------------
# The relay's side: AUTH, STARTTLS, outage
# --------------------------------------------------------------------------------------------


def test_smtp_auth(backend, tmp_path):
    with SmtpSink(authenticate=(SMTP_USER, SMTP_PASSWORD)) as sink:
        env = smtp_env(
            sink.port,
            LIMEN_MAIL__SMTP__USERNAME=SMTP_USER,
            LIMEN_MAIL__SMTP__PASSWORD=SMTP_PASSWORD,
        )
        with start(backend, tmp_path, env) as server:
            address = unique_address("auth")
            done = register(Browser(server), None, first_name="", last_name="Auth", address=address)
            assert done.status_code == 200 and "<h1>Check your mailbox</h1>" in done.text, done.text[:2000]
            received = sink.wait_for(address)
            assert received.login == SMTP_USER.encode()
            assert any(ok for _m, _login, ok in sink.auth_attempts), sink.auth_attempts
            assert received.message()["Subject"] == "Create your password"
            assert "Dear Auth," in received.message().get_body(preferencelist=("plain",)).get_content()


def test_smtp_auth_with_a_wrong_password_delivers_nothing(backend, tmp_path):
    with SmtpSink(authenticate=(SMTP_USER, SMTP_PASSWORD)) as sink:
        env = smtp_env(
            sink.port,
            LIMEN_MAIL__SMTP__USERNAME=SMTP_USER,
            LIMEN_MAIL__SMTP__PASSWORD="not the password",
        )
        with start(backend, tmp_path, env) as server:
            address = unique_address("badauth")
            done = register(Browser(server), None, first_name="", last_name="Auth", address=address)
            assert done.status_code == 200, done.text[:2000]
            deadline = time.monotonic() + MAIL_TIMEOUT
            while not sink.auth_attempts and time.monotonic() < deadline:
                time.sleep(0.1)
            assert sink.auth_attempts and not any(ok for *_x, ok in sink.auth_attempts), sink.auth_attempts
            time.sleep(1)
            assert sink.to(address) == []
            # Kept for a retry (a 535 blames the configuration, not the message).
            assert "will retry" in server.log_text(), server.log_text()


def tls_config(how: str, pki: Pki, port: int, host: str, workdir: Path) -> tuple[dict[str, str], list[str]]:
    env = smtp_env(port, LIMEN_MAIL__SMTP__SECURITY="starttls", LIMEN_MAIL__SMTP__HOST=host)
    if how == "env":
        env["LIMEN_MAIL__SMTP__CA_CERTIFICATES"] = str(pki.ca_file)
        return env, []
    config = workdir / "limen-tls.toml"
    config.write_text(f'[mail.smtp]\nca_certificates = "{pki.ca_file}"\n')
    return env, ["--config", str(config)]


@pytest.mark.parametrize("how", ["env", "toml"])
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_starttls_with_a_private_ca(backend, tmp_path, how, host):
    """STARTTLS required by the relay; its certificate is signed by a CA given in
    `mail.smtp.ca_certificates` (set through LIMEN_MAIL__SMTP__CA_CERTIFICATES, or a configuration file)."""
    pki = make_pki(tmp_path)
    with SmtpSink(tls_context=pki.server_context()) as sink:
        env, args = tls_config(how, pki, sink.port, host, tmp_path)
        with start(backend, tmp_path, env, args) as server:
            address = unique_address("tls")
            done = register(Browser(server), None, first_name="Τ", last_name="Tls", address=address)
            assert done.status_code == 200, done.text[:2000]
            try:
                received = sink.wait_for(address)
            except AssertionError as exc:
                errors = [line for line in server.log_text().splitlines() if "mail" in line]
                raise AssertionError(f"{exc}\nserver log (mail lines):\n" + "\n".join(errors[-10:])) from None
            assert received.tls, "the message was not sent over TLS"
            check_wire_format(received)
            assert received.message()["To"].addresses[0].display_name == "Τ Tls"


def test_starttls_refuses_an_untrusted_certificate(backend, tmp_path):
    pki = make_pki(tmp_path)
    with SmtpSink(tls_context=pki.server_context()) as sink:
        env = smtp_env(sink.port, LIMEN_MAIL__SMTP__SECURITY="starttls")
        with start(backend, tmp_path, env) as server:
            address = unique_address("untrusted")
            done = register(Browser(server), None, first_name="", last_name="Untrusted", address=address)
            assert done.status_code == 200, done.text[:2000]
            deadline = time.monotonic() + MAIL_TIMEOUT
            while "will retry" not in server.log_text() and time.monotonic() < deadline:
                time.sleep(0.2)
            assert "will retry" in server.log_text(), server.log_text()
            assert sink.to(address) == [], "delivered over TLS to a relay whose certificate is not trusted"
            retry = [line for line in server.log_text().splitlines() if "will retry" in line]
            assert "certificate" in retry[0], retry[0]


def test_relay_down_when_queued_delivers_once_when_it_is_back(backend, tmp_path):
    port = free_port()  # nothing listens there yet
    env = smtp_env(port, LIMEN_MAIL__RETRY__FIRST_DELAY_SECONDS="1")
    with start(backend, tmp_path, env) as server:
        address = unique_address("outage")
        done = register(Browser(server), None, first_name="Ελένη", last_name="王", address=address)
        assert done.status_code == 200, f"{done.status_code}\n{done.text[:2000]}"
        assert "<h1>Check your mailbox</h1>" in done.text, "the user should not see the relay's outage"
        time.sleep(2.5)
        assert "will retry" in server.log_text(), "no failed delivery attempt while the relay was down"
        with SmtpSink(port=port) as sink:
            back = time.monotonic()
            received = sink.wait_for(address, timeout=RETRY_TIMEOUT)
            log.info("relay back: the message arrived %.1f s later", received.at - back)
            time.sleep(4)
            assert len(sink.to(address)) == 1, f"{len(sink.to(address))} copies of one message"
            assert len(sink.received) == 1
            msg = received.message()
            assert msg["Subject"] == "Create your password"
            the_link(msg, server)
