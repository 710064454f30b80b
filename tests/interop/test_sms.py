"""SMS (issue 17) against a running `limen serve`, through real SMS gateways this project did not
write: Kannel (Debian's bearerbox and smsbox, with the `fakesmsc` test network of kannel-extras
printing every message that reaches it), an SMPP 3.4 SMSC made with PyPI `smpp34`, and a
templated HTTP receiver (JSON body, Bearer token). sms_support.py runs them.

What a user does over HTTP (limen_interop's simulated browser): add a mobile phone number in My
account, the confirmation code read from the gateway's side; sign in with the password and an SMS
code to a CAS service accepting only PASSWORD_SMS (or the legacy STRONG_SMS), the ticket validated.
What the gateways must see: the number (+E.164 for HTTP; international digits, TON 1 / NPI 1 for
SMPP, SMPP 3.4 §5.2.5–5.2.6), the sender, a text holding the code, the service's name and a
"never share" warning, GSM data_coding 0 for a plain text and UCS-2 (8) for one that is not
(§5.2.19). What must be refused or survived: a wrong Kannel password (permanent: never retried),
Kannel's smsbox down then up (the queued code delivered within its lifetime; one whose lifetime
passed never sent), an SMPP refusal status (permanent) and a throttling one (retried), an SMPP
connection cut, an HTTP failure body (permanent) and a 503 (retried). The toll-fraud rules
through the pages: premium-rate and toll-free numbers, countries outside the allow-list, the
per-prefix limit, the daily budget (a circuit breaker), and a number already on another account
giving byte-identical pages (CSRF tokens aside) and the same SMS as a fresh one.

The peers start once per session and are stopped by PID; each module's servers once per
backend where the backend matters (the fraud rules, on SQLite and PostgreSQL), on SQLite for the
gateways. Each test has its own users and numbers (French mobiles that libphonenumber — PyPI
`phonenumbers`, Google's library — classifies as MOBILE).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote_from_bytes, urljoin

import pytest

import sms_support as ss
import tokens_support as ts
from limen_interop import HTTP_TIMEOUT, PASSWORD, LimenServer, User, login_form, running_limen
from sms_support import Reply, Sms
from tokens_support import TokenBrowser

SMS_APP = "http://127.0.0.1:9/sms-app/"
LEGACY_APP = "http://127.0.0.1:9/sms-legacy/"
RELEASED = ["strength", "authenticationLevel"]
SMS_METHOD = "PASSWORD_SMS"  # the method radio's value on the password page (the contract said "sms")
SMS_STRENGTH = "PASSWORD_SMS"
SMS_APP_NAME = "SMS interop app"
UCS2_APP = "http://127.0.0.1:9/sms-ucs2/"
UCS2_APP_NAME = "Usługi Łódź"
ECAS_APP = "http://127.0.0.1:9/sms-ecas/"  # Ł and ł are not in the GSM 03.38 alphabet

# The numbers of the fraud rules (libphonenumber's classification checked below).
FR_MOBILE = "+33612345678"
BE_MOBILE = "+32470123456"
DE_MOBILE = "+4915112345678"
FR_PREMIUM = "+33899123456"
FR_TOLL_FREE = "+33800123456"
US_NUMBER = "+12015550123"
CH_MOBILE = "+41791234567"

# SMPP 3.4 §5.1.3 command_status values.
ESME_RINVDSTADR = 0x0000000B  # invalid destination address: nothing will ever change that
ESME_RTHROTTLED = 0x00000058  # throttling error: try again later


def in_ci() -> bool:
    return os.environ.get("CI", "") not in ("", "false", "0")


# --------------------------------------------------------------------------------------------
# The peers, once per session
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def kannel(tmp_path_factory):
    if ss.kannel_binaries() is None:
        message = "Kannel is not installed (Debian's kannel and kannel-extras; scripts/test installs them)"
        if in_ci():
            pytest.fail(message + ": required in CI", pytrace=False)
        pytest.skip(message)
    peer = ss.Kannel(tmp_path_factory.mktemp("kannel"))
    try:
        peer.start()
        yield peer
    finally:
        peer.stop()


@pytest.fixture(scope="session")
def smsc():
    peer = ss.SmppSmsc(system_id="limen", password="smpp-pw").start()
    yield peer
    peer.stop()


@pytest.fixture(scope="session")
def http_gw():
    peer = ss.HttpGateway().start()
    yield peer
    peer.stop()


# --------------------------------------------------------------------------------------------
# A Limen server and what its users' phones receive
# --------------------------------------------------------------------------------------------


@dataclass
class SmsWorld:
    """A `limen serve` and the list of the SMS its gateway delivered (`messages`)."""

    server: LimenServer
    workdir: Path
    messages: Callable[[], list[Sms]]
    _n: itertools.count = field(default_factory=lambda: itertools.count(1))

    def new_user(self, tag: str) -> User:
        user = User(
            email=f"{tag}.{next(self._n)}.{self.server.label}@example.org",
            first_name="Inès",
            last_name="Dubois",
            password=PASSWORD,
        )
        return ts.add_internal_user(self.server, user)

    def browser(self) -> SmsBrowser:
        return SmsBrowser(self.server)

    def mark(self) -> list[tuple[str, str]]:
        """The messages so far (to wait for a newer one)."""
        return [(s.to, s.text) for s in self.messages()]

    def wait_sms(self, to: str, mark: list[tuple[str, str]], timeout: float = ss.WAIT) -> Sms:
        """The first SMS to `to` not among `mark`, waited for."""

        def probe():
            seen = list(mark)
            for sms in self.messages():
                if (sms.to, sms.text) in seen:
                    seen.remove((sms.to, sms.text))
                elif ss.same_number(sms.to, to):
                    return sms
            return None

        return ss.wait_until(f"an SMS to {to}", probe, timeout)

    def sms_to(self, to: str) -> list[Sms]:
        return [s for s in self.messages() if ss.same_number(s.to, to)]


def dev_outbox(server: LimenServer) -> Callable[[], list[Sms]]:
    """The SMS of the development outbox (`/dev/outbox`, table `#sms-outbox`)."""
    import requests

    def messages() -> list[Sms]:
        resp = requests.get(server.url("/dev/outbox"), timeout=HTTP_TIMEOUT)
        assert resp.status_code == 200, f"/dev/outbox: {resp.status_code}"
        tree = ts.html_tree(resp.text)
        found = []
        for row in tree.xpath('//*[@id="sms-outbox"]//tr[contains(concat(" ", @class, " "), " sms ")]'):
            to = row.xpath('.//*[contains(concat(" ", @class, " "), " sms-to ")]')
            text = row.xpath('.//*[contains(concat(" ", @class, " "), " sms-text ")]')
            if to and text:
                found.append(
                    Sms(to=" ".join(to[0].text_content().split()), text=text[0].text_content().strip(), via="dev")
                )
        return found

    return messages


def http_messages(gw: ss.HttpGateway, path: str) -> Callable[[], list[Sms]]:
    """The SMS the HTTP gateway accepted (JSON `{"to": [...], "body": ...}` posted to `path`)."""

    def messages() -> list[Sms]:
        found = []
        for req in gw.matching(lambda r: r.path == path and r.accepted()):
            try:
                doc = req.json()
            except ValueError:
                continue
            for to in doc.get("to") or []:
                found.append(Sms(to=to, text=doc.get("body", ""), sender=doc.get("sender", ""), via="http"))
        return found

    return messages


def start_world(request, tmp_path_factory, name: str, toml: str, backend: str = "sqlite", dev: bool = False):
    if backend == "postgres" and not os.environ.get("LIMEN_TEST_PG"):
        pytest.skip("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
    workdir = tmp_path_factory.mktemp(f"{name}-{backend}")
    (workdir / "limen.toml").write_text(toml)
    return running_limen(backend, workdir, extra_args=["--dev"] if dev else [])


def add_services(server: LimenServer) -> None:
    server.add_service(SMS_APP_NAME, [SMS_APP + "*"], attributes=RELEASED, accept_strengths=SMS_STRENGTH)
    server.add_service("SMS legacy app", [LEGACY_APP + "*"], attributes=RELEASED, accept_strengths="STRONG_SMS")


def kannel_http(kannel: ss.Kannel, password: str | None = None) -> dict:
    """[sms.http] for Kannel's sendsms as docs/AUTHENTICATION.md writes it (GET, query: username,
    password, to, text, from, and charset UTF-8 with coding 2, UCS-2, so any accent arrives)."""
    return {
        "method": "GET",
        "url": kannel.sendsms_url,
        "encoding": "query",
        "params": {
            "username": kannel.username,
            "password": password or kannel.password,
            "to": "{phone}",
            "text": "{text}",
            "from": "{sender}",
            "charset": "UTF-8",
            "coding": "2",
        },
        "success_status": [202],
        "success_body": "Accepted",
        "failure_body": ["Authorization failed"],
        "timeout_seconds": 5,
    }


@pytest.fixture(scope="module")
def kw(request, tmp_path_factory, kannel):
    """Limen → Kannel's sendsms (templated HTTP gateway) → bearerbox → fakesmsc."""
    toml = ss.sms_config("http", http=kannel_http(kannel))
    with start_world(request, tmp_path_factory, "sms-kannel", toml) as server:
        add_services(server)
        yield SmsWorld(server, server.workdir, kannel.delivered)


@pytest.fixture(scope="module")
def sw(request, tmp_path_factory, smsc):
    """Limen → SMPP 3.4 (bind_transmitter) → smpp34's SMSC."""
    smpp = {
        "host": "127.0.0.1",
        "port": smsc.port,
        "system_id": smsc.system_id,
        "password": smsc.password,
        "system_type": "",
        "source_ton": 5,
        "source_npi": 0,
        "dest_ton": 1,
        "dest_npi": 1,
        "timeout_seconds": 5,
        "enquire_link_seconds": 30,
    }
    toml = ss.sms_config("smpp", smpp=smpp)
    with start_world(request, tmp_path_factory, "sms-smpp", toml) as server:
        add_services(server)
        server.add_service(UCS2_APP_NAME, [UCS2_APP + "*"], attributes=RELEASED, accept_strengths=SMS_STRENGTH)
        server.cli(
            *("service", "add", "--database", server.database_url, "--name", "SMS EU Login app"),
            *("--url", ECAS_APP + "*", "--response-format", "ecas", "--accept-strengths", SMS_STRENGTH),
        )
        yield SmsWorld(server, server.workdir, smsc.delivered)


HTTP_PATH = "/v1/messages"
HTTP_TOKEN = "interop-bearer-" + os.urandom(6).hex()


@pytest.fixture(scope="module")
def hw(request, tmp_path_factory, http_gw):
    """Limen → a JSON API with a Bearer token (POST, `reference_pointer` /id)."""
    http = {
        "method": "POST",
        "url": http_gw.url(HTTP_PATH),
        "encoding": "json",
        "json": {"to": ["{phone}"], "body": "{text}", "sender": "{sender}", "digits": "{phone_digits}", "ref": "{id}"},
        "headers": {"X-Tenant": "interop"},
        "bearer_token": HTTP_TOKEN,
        "success_status": [200, 201],
        "failure_body": ['"status": "rejected"'],
        "reference_pointer": "/id",
        "timeout_seconds": 5,
    }
    toml = ss.sms_config("http", http=http)
    with start_world(request, tmp_path_factory, "sms-http", toml) as server:
        add_services(server)
        yield SmsWorld(server, server.workdir, http_messages(http_gw, HTTP_PATH))


# --------------------------------------------------------------------------------------------
# What the user does (HTTP)
# --------------------------------------------------------------------------------------------


class SmsBrowser(TokenBrowser):
    """The simulated browser taught My account's phone pages and the SMS sign-in."""


def has(resp, xpath: str) -> bool:
    return bool(ts.html_tree(resp.text).xpath(xpath))


def by_id(resp, element_id: str) -> str | None:
    return ts.text_of(ts.html_tree(resp.text), element_id)


def form_by_id(resp, form_id: str) -> tuple[str, dict[str, str]]:
    """The action and the hidden fields of `form#form_id`."""
    tree = ts.html_tree(resp.text)
    forms = tree.xpath(f'//form[@id="{form_id}"]')
    assert forms, f"no form#{form_id} on {resp.url} ({resp.status_code}):\n{resp.text[:3000]}"
    hidden = {i.get("name"): i.get("value", "") for i in forms[0].xpath('.//input[@type="hidden"]') if i.get("name")}
    return urljoin(resp.url, forms[0].get("action") or resp.url), hidden


def post(browser: SmsBrowser, action: str, data: dict):
    return browser.session.post(action, data=data, allow_redirects=False, timeout=HTTP_TIMEOUT)


def sign_in_to_account(browser: SmsBrowser, user: User) -> None:
    """My account, signed in with the password."""
    resp = browser.follow(browser.get("/account"))
    form = login_form(resp)
    if "email" in form.names() and "method" not in form.names():
        resp = browser.submit_email(resp, user.email)
    resp = browser.follow(browser.choose(resp, "PASSWORD", user.password))
    assert resp.status_code == 200 and resp.url.endswith("/account"), f"My account: {resp.status_code} {resp.url}"
    assert has(resp, '//a[@href="/account/phones"]'), f"My account links no /account/phones:\n{resp.text[:3000]}"


def step_up_with_sms(world: SmsWorld, browser: SmsBrowser, resp, number: str | None):
    """A step-up on the way (the login page asking for a method), done with an SMS to `number`."""
    resp = browser.follow(resp)
    if "/cas/login" in resp.url and ts.method_values(resp):
        assert number is not None, f"a step-up was asked:\n{resp.text[:3000]}"
        mark = world.mark()
        chosen = browser.follow(browser.choose(resp, SMS_METHOD, None))
        chosen = pick_phone_if_asked(browser, chosen, number)
        page = ts.code_page(chosen)
        assert page is not None, f"no SMS code page in the step-up:\n{chosen.text[:3000]}"
        code = ss.sign_in_code(world.wait_sms(number, mark).text)
        resp = browser.follow(browser.type_code(page, code))
    return resp


@dataclass
class Added:
    """How adding a number went: `refused` (the add page with #phone-add-error), `confirm` (the
    confirmation page, its SMS), `added` (back on the list)."""

    outcome: str
    resp: object
    sms: Sms | None = None
    add_page: object = None
    confirm_page: object = None

    def describe(self) -> str:
        return f"{self.outcome}: {self.resp.status_code} {self.resp.url}\n{self.resp.text[:3000]}"


def open_phone_add(world: SmsWorld, browser: SmsBrowser, step_up: str | None = None):
    page = step_up_with_sms(world, browser, browser.get("/account/phones/add"), step_up)
    assert page.status_code == 200 and has(page, '//form[@id="phone-add-form"]'), (
        f"the add page: {page.status_code} {page.url}\n{page.text[:3000]}"
    )
    return page


def submit_number(world: SmsWorld, browser: SmsBrowser, number: str, label: str, step_up: str | None = None) -> Added:
    """My account → Add a number: the number and a label; the confirmation SMS waited for."""
    page = open_phone_add(world, browser, step_up)
    action, hidden = form_by_id(page, "phone-add-form")
    mark = world.mark()
    resp = step_up_with_sms(
        world, browser, post(browser, action, {**hidden, "number": number, "label": label}), step_up
    )
    if has(resp, '//*[@id="phone-add-error"]'):
        return Added("refused", resp, add_page=page)
    assert has(resp, '//form[@id="phone-confirm-form"]'), (
        f"adding {number}: neither #phone-add-error nor form#phone-confirm-form:\n{resp.status_code} {resp.text[:3000]}"
    )
    return Added("confirm", resp, world.wait_sms(number, mark), add_page=page, confirm_page=resp)


def confirm_number(browser: SmsBrowser, added: Added, code: str | None = None):
    assert added.outcome == "confirm", added.describe()
    action, hidden = form_by_id(added.resp, "phone-confirm-form")
    typed = code if code is not None else ss.confirm_code(added.sms.text)
    return browser.follow(post(browser, action, {**hidden, "code": typed}))


def add_phone(world: SmsWorld, browser: SmsBrowser, number: str, label: str, step_up: str | None = None):
    """The whole addition: number, label, the code from the SMS; returns the phone list page."""
    added = submit_number(world, browser, number, label, step_up)
    assert added.outcome == "confirm", f"{number} refused at add:\n{added.describe()}"
    resp = confirm_number(browser, added)
    assert resp.status_code == 200 and resp.url.split("?")[0].endswith("/account/phones"), (
        f"after the confirmation: {resp.status_code} {resp.url}\n{resp.text[:3000]}"
    )
    assert by_id(resp, "phones-notice"), f"no #phones-notice after adding:\n{resp.text[:3000]}"
    return resp


@dataclass
class PhoneRow:
    id: str
    label: str
    number: str
    last_used: str


def phone_rows(resp) -> list[PhoneRow]:
    tree = ts.html_tree(resp.text)
    rows = []
    for tr in tree.xpath('//*[@id="phones"]//tr[contains(concat(" ", @class, " "), " phone ")]'):

        def cell(cls: str, tr=tr) -> str:
            found = tr.xpath(f'.//*[contains(concat(" ", @class, " "), " {cls} ")]')
            return " ".join(found[0].text_content().split()) if found else ""

        rows.append(PhoneRow(tr.get("data-id", ""), cell("phone-label"), cell("phone-number"), cell("phone-last-used")))
    return rows


def registered(world: SmsWorld, tag: str, number: str | None = None, label: str = "Mobile") -> tuple[User, str]:
    """A new user with one confirmed number."""
    user = world.new_user(tag)
    number = number or ss.fresh_mobile()
    browser = world.browser()
    sign_in_to_account(browser, user)
    rows = phone_rows(add_phone(world, browser, number, label))
    assert [(r.label, ss.same_number(r.number, number)) for r in rows] == [(label, True)], rows
    return user, number


def pick_phone_if_asked(browser: SmsBrowser, resp, label: str | None):
    """On the choice page (several numbers), the button whose text has `label`."""
    buttons = ts.choice_buttons(resp)
    if not buttons:
        return resp
    assert label is not None, f"a number choice page, but no label to choose: {buttons}"
    chosen = [value for value, text in buttons if label in text]
    assert len(chosen) == 1, f"no single choice button with {label!r}: {buttons}"
    form = login_form(resp)
    return browser.follow(browser.submit(form, {"csrf_token": form.value("csrf_token") or "", "device": chosen[0]}))


@dataclass
class SmsSignIn:
    result: ts.SignIn
    sms: Sms | None
    code_page: ts.CodePage | None


def sms_sign_in(
    world: SmsWorld,
    service: str,
    user: User,
    number: str,
    typed: Callable[[str], str] = lambda code: code,
    choose: str | None = None,
    browser: SmsBrowser | None = None,
) -> SmsSignIn:
    """E-mail, the SMS method with the password, (the number's button), the code from the SMS
    typed as `typed` writes it."""
    browser = browser or world.browser()
    page = browser.to_methods(service, user)
    assert SMS_METHOD in ts.method_values(page), (
        f"{SMS_METHOD} not offered: {ts.method_values(page)}\n{page.text[:3000]}"
    )
    mark = world.mark()
    resp = pick_phone_if_asked(browser, browser.follow(browser.choose(page, SMS_METHOD, user.password)), choose)
    code_page = ts.code_page(resp)
    if code_page is None:
        return SmsSignIn(browser.outcome(resp, service, [], []), None, None)
    sms = world.wait_sms(number, mark)
    code = ss.sign_in_code(sms.text)
    result = browser.outcome(browser.type_code(code_page, typed(code)), service, [code_page], [typed(code)])
    return SmsSignIn(result, sms, code_page)


def assert_sms_strength(world: SmsWorld, service: str, ticket: str, strength: str = SMS_STRENGTH) -> dict[str, str]:
    found = ts.validate(world.server, service, ticket)
    assert found.get("strength") == strength, f"expected strength {strength}:\n{found['_xml']}"
    return found


def assert_sign_in_sms(sms: Sms, number: str, service_name: str | None = SMS_APP_NAME) -> str:
    """The SMS of a sign-in: to `number`, one code, the service's name, a never-share warning."""
    assert ss.same_number(sms.to, number), sms
    code = ss.sign_in_code(sms.text)
    if service_name:
        assert service_name in sms.text, f"the service's name is not in the SMS: {sms.text!r}"
    assert re.search(r"never|jamais", sms.text, re.IGNORECASE), f"no 'never share' warning: {sms.text!r}"
    return code


def sign_in_ok(world: SmsWorld, tag: str, user: User, number: str, **kw) -> SmsSignIn:
    service = SMS_APP + tag
    done = sms_sign_in(world, service, user, number, **kw)
    assert done.result.outcome == "ticket", f"SMS sign-in: {done.result.describe()}"
    assert_sms_strength(world, service, done.result.ticket or "")
    return done


# --------------------------------------------------------------------------------------------
# The peers on their own (no Limen): what the tests rely on
# --------------------------------------------------------------------------------------------


def test_the_test_numbers_are_what_libphonenumber_says():
    for number in (FR_MOBILE, BE_MOBILE, DE_MOBILE, CH_MOBILE):
        assert ss.number_type(number) == "MOBILE", number
    assert ss.number_type(FR_PREMIUM) == "PREMIUM_RATE"
    assert ss.number_type(FR_TOLL_FREE) == "TOLL_FREE"
    assert ss.region_of(US_NUMBER) == "US" and ss.number_type(US_NUMBER) != "INVALID"
    assert ss.region_of(CH_MOBILE) == "CH"
    fresh = {ss.fresh_mobile() for _ in range(5)}
    assert len(fresh) == 5 and all(ss.number_type(n) == "MOBILE" for n in fresh), fresh


def test_gsm_alphabet_decoding():
    assert ss.gsm_decode(b"Code 2A4-X") == "Code 2A4-X"
    assert ss.gsm_decode(bytes([0x00, 0x02, 0x11, 0x1B, 0x65, 0x05])) == "@$_€é"
    with pytest.raises(ValueError):
        ss.gsm_decode(b"\xc3\xa9")
    assert ss.decode_sm(8, "Łódź".encode("utf-16-be")) == "Łódź"
    assert not ss.gsm_encodable(UCS2_APP_NAME) and ss.gsm_encodable(SMS_APP_NAME)


def test_fakesmsc_lines_are_read_back():
    """fakesmsc's three output forms, and a long UCS-2 message in concatenated parts."""
    long = "Łódź + " * 30
    raw = long.encode("utf-16-be")
    chunks = [raw[i : i + 134] for i in range(0, len(raw), 134)]
    lines = ["x Got message 1: <Limen +33612345678 text Hello world>"]
    lines += [
        f"x Got message {n + 2}: <Limen +33612345679 udh {quote_from_bytes(bytes([5, 0, 3, 7, len(chunks), n + 1]))} "
        f"data {quote_from_bytes(chunk).replace('%20', '+')}>"
        for n, chunk in reversed(list(enumerate(chunks)))
    ]
    lines.append(f"x Got message 9: <Limen +33612345670 data {quote_from_bytes('é'.encode('utf-16-be'))}>")
    got = ss.fakesmsc_messages(lines)
    assert [(m.to, m.text, m.extra["type"], m.extra["parts"]) for m in got] == [
        ("+33612345678", "Hello world", "text", 1),
        ("+33612345679", long, "ucs2", len(chunks)),
        ("+33612345670", "é", "ucs2", 1),
    ]
    assert ss.fakesmsc_messages(lines[:2]) == [got[0]], "an incomplete message is no message"


def test_kannel_delivers_to_fakesmsc_and_refuses_a_wrong_password(kannel):
    number = ss.fresh_mobile()
    before = len(kannel.delivered())
    status, body = kannel.sendsms(
        username=kannel.username, password=kannel.password, to=number, text="Hé € {x}", **{"from": "Limen"}
    )
    assert (status, body) == (202, "0: Accepted for delivery")
    sms = kannel.wait_for(number, since=before)
    assert (sms.text, sms.sender) == ("Hé € {x}", "Limen"), sms
    status, body = kannel.sendsms(username=kannel.username, password="wrong", to=number, text="x", **{"from": "Limen"})
    assert (status, body) == (403, "Authorization failed for sendsms")
    assert len(kannel.sent_to(number)) == 1


def test_smpp34_smsc_answers_binds_and_submits(smsc):
    number = ss.digits(ss.fresh_mobile())
    since = len(smsc.submits)
    resp = asyncio.run(
        ss.smpp_client_submit(smsc.port, smsc.system_id, smsc.password, number, b"Code 234-ACD", data_coding=0)
    )
    assert resp.is_success and resp.message_id, resp
    smsc.refuse_next(ESME_RINVDSTADR)
    resp = asyncio.run(
        ss.smpp_client_submit(
            smsc.port, smsc.system_id, smsc.password, number, "Łódź".encode("utf-16-be"), data_coding=8
        )
    )
    assert resp.command_status == ESME_RINVDSTADR, resp
    first, second = smsc.submits[since : since + 2]
    assert (first.text, first.data_coding, first.answered) == ("Code 234-ACD", 0, 0), first
    assert (second.text, second.data_coding, second.answered) == ("Łódź", 8, ESME_RINVDSTADR), second
    assert smsc.binds[-1].command == "bind_transmitter" and smsc.binds[-1].accepted


def test_smpp_tap_refuses_a_wrong_password(smsc):
    import socket
    import struct

    body = f"{smsc.system_id}\0wrong\0\0".encode() + bytes([0x34, 0, 0]) + b"\0"
    with socket.create_connection(("127.0.0.1", smsc.port), timeout=5) as sock:
        sock.sendall(struct.pack(">IIII", 16 + len(body), ss.BIND_TRANSMITTER, 0, 41) + body)
        answer = sock.recv(64)
    _length, command_id, status, sequence = struct.unpack(">IIII", answer[:16])
    assert (command_id, status, sequence) == (ss.BIND_TRANSMITTER | ss.RESP, ss.ESME_RINVPASWD, 41)
    assert not smsc.binds[-1].accepted and smsc.binds[-1].password == "wrong"


# --------------------------------------------------------------------------------------------
# Kannel
# --------------------------------------------------------------------------------------------


def test_kannel_delivery_then_sign_in_with_the_code(kw, kannel):
    """The confirmation SMS and the sign-in SMS come out of fakesmsc with the number, the
    sender and the code; the code, typed in lower case without its hyphens, signs in to a
    PASSWORD_SMS service; the ticket's strength says so; SSO then serves a STRONG_SMS service."""
    user, number = registered(kw, "kannel")
    confirmation = kw.sms_to(number)[-1]
    assert confirmation.sender == "Limen", confirmation
    browser = kw.browser()
    done = sign_in_ok(kw, "kannel", user, number, typed=lambda c: c.replace("-", "").lower(), browser=browser)
    # coding=2: Kannel hands the message to the network in UCS-2, in as many parts as it needs.
    assert done.sms.sender == "Limen" and done.sms.extra.get("type") == "ucs2", done.sms
    assert_sign_in_sms(done.sms, number)
    sent = ts.text_of(ts.html_tree(done.code_page.resp.text), "code-sent") or ""
    assert number[-2:] in sent.replace(" ", "") and ss.digits(number) not in re.sub(r"\D", "", sent), (
        f"#code-sent should show the number masked: {sent!r}"
    )
    # STRONG_SMS, EU Login's old name, is accepted for PASSWORD_SMS, the strength released.
    ticket = browser.sso(LEGACY_APP + "kannel")
    assert_sms_strength(kw, LEGACY_APP + "kannel", ticket, SMS_STRENGTH)


def test_kannel_wrong_password_is_a_permanent_failure(request, tmp_path_factory, kannel):
    """Kannel answers 403 "Authorization failed for sendsms": the SMS is failed at once, never
    retried, nothing reaches fakesmsc, and a code typed then is answered "could not send"."""
    toml = ss.sms_config("http", http=kannel_http(kannel, password="not-the-password"))
    with start_world(request, tmp_path_factory, "sms-kannel-bad", toml) as server:
        world = SmsWorld(server, server.workdir, kannel.delivered)
        user = world.new_user("kannel-bad")
        browser = world.browser()
        sign_in_to_account(browser, user)
        number = ss.fresh_mobile()
        refusals = kannel.answers(403)
        page = open_phone_add(world, browser)
        action, hidden = form_by_id(page, "phone-add-form")
        resp = browser.follow(post(browser, action, {**hidden, "number": number, "label": "Mobile"}))
        ss.wait_until("Kannel refusing Limen's sendsms", lambda: kannel.answers(403) > refusals)
        # With retry_seconds = 1, a retried failure would come back at 1, 2 and 4 s.
        time.sleep(4)
        assert kannel.answers(403) == refusals + 1, "a 403 from Kannel was retried"
        assert kannel.sent_to(number) == []
        assert has(resp, '//form[@id="phone-confirm-form"]'), f"{resp.status_code}\n{resp.text[:2000]}"
        answer = confirm_number(browser, Added("confirm", resp), code="2222-2222")
        assert_could_not_send(by_id(answer, "phone-confirm-error"), answer)


def assert_could_not_send(error: str | None, resp) -> None:
    """The user is told the SMS could not be sent (not that the code is wrong)."""
    assert error and re.search(r"could not send", error, re.IGNORECASE), f"error {error!r}:\n{resp.text[:3000]}"


def test_kannel_down_then_up(request, tmp_path_factory, kannel):
    """smsbox stopped: a code asked meanwhile waits in the outbox and is delivered once smsbox is
    back, within its lifetime, and signs in; a code whose lifetime passed while smsbox was down is
    never sent. The shortest lifetime Limen takes (60 s) sets this test's length."""
    ttl = 60
    toml = ss.sms_config("http", sms={"code_ttl_seconds": ttl}, http=kannel_http(kannel))
    with start_world(request, tmp_path_factory, "sms-kannel-down", toml) as server:
        add_services(server)
        world = SmsWorld(server, server.workdir, kannel.delivered)
        late_user, late_number = registered(world, "kannel-late")
        user, number = registered(world, "kannel-down")
        before_late = len(kannel.sent_to(late_number))
        kannel.stop_smsbox()
        try:
            # The late code: asked now, its lifetime over before smsbox comes back.
            late = world.browser()
            page = late.to_methods(SMS_APP + "late", late_user)
            resp = late.follow(late.choose(page, SMS_METHOD, late_user.password))
            assert ts.code_page(resp) is not None, f"no code page while the gateway is down:\n{resp.text[:3000]}"
            asked_late = time.monotonic()
            time.sleep(ttl + 1)
            # The queued code: asked while smsbox is still down.
            browser = world.browser()
            page = browser.to_methods(SMS_APP + "down", user)
            mark = world.mark()
            resp = browser.follow(browser.choose(page, SMS_METHOD, user.password))
            code_page = ts.code_page(resp)
            assert code_page is not None, f"no code page while the gateway is down:\n{resp.text[:3000]}"
        finally:
            kannel.start_smsbox()
        sms = world.wait_sms(number, mark, timeout=30)
        result = browser.outcome(browser.type_code(code_page, ss.sign_in_code(sms.text)), SMS_APP + "down", [], [])
        assert result.outcome == "ticket", f"the queued code: {result.describe()}"
        # The late code's retries, from 1 s doubling (1, 3, 7, 15, 31, 63 s after it was asked),
        # would have brought it out by now + a few seconds.
        time.sleep(max(0.0, asked_late + ttl + 8 - time.monotonic()))
        assert len(kannel.sent_to(late_number)) == before_late, "an expired code was sent"


# --------------------------------------------------------------------------------------------
# SMPP
# --------------------------------------------------------------------------------------------


def test_smpp_delivery_and_sign_in(sw, smsc):
    """bind_transmitter with the configured system_id and password (interface version 3.4);
    submit_sm to the international number (TON 1, NPI 1, digits only), from the alphanumeric
    sender (TON 5), plain text in data_coding 0; the code signs in."""
    user, number = registered(sw, "smpp")
    binds = [b for b in smsc.binds if b.accepted]
    assert binds, smsc.binds
    bind = binds[-1]
    assert (bind.command, bind.system_id, bind.password, bind.interface_version) == (
        "bind_transmitter",
        "limen",
        "smpp-pw",
        0x34,
    ), bind
    since = len(smsc.submits)
    done = sign_in_ok(sw, "smpp", user, number)
    submit = smsc.wait_for_submit(number, since, accepted=True)
    assert submit.destination == ss.digits(number), f"destination_addr {submit.destination!r} for {number}"
    assert (submit.dest_ton, submit.dest_npi, submit.source_ton, submit.source_npi) == (1, 1, 5, 0), submit
    assert submit.source == "Limen" and submit.data_coding == 0, submit
    assert_sign_in_sms(done.sms, number)


def test_smpp_ucs2_for_a_text_outside_the_gsm_alphabet(sw, smsc):
    """The SMS names a service called "Usługi Łódź": not GSM 03.38, so UCS-2 (data_coding 8)."""
    user, number = registered(sw, "smpp-ucs2")
    since = len(smsc.submits)
    service = UCS2_APP + "x"
    done = sms_sign_in(sw, service, user, number)
    assert done.result.outcome == "ticket", done.result.describe()
    submit = smsc.wait_for_submit(number, since, accepted=True)
    assert submit.data_coding == 8, f"data_coding {submit.data_coding} for {submit.text!r}"
    assert UCS2_APP_NAME in submit.text, submit.text
    assert_sign_in_sms(done.sms, number, UCS2_APP_NAME)


def test_smpp_refusal_status_is_permanent_and_throttling_is_retried(sw, smsc):
    user, number = registered(sw, "smpp-refused")
    # ESME_RINVDSTADR: failed at once, never submitted again.
    since = len(smsc.submits)
    smsc.refuse_next(ESME_RINVDSTADR)
    browser = sw.browser()
    page = browser.to_methods(SMS_APP + "refused", user)
    resp = browser.follow(browser.choose(page, SMS_METHOD, user.password))
    first = smsc.wait_for_submit(number, since)
    assert first.answered == ESME_RINVDSTADR
    time.sleep(4)  # retries would come at 1, 2 and 4 s
    answered = [s.answered for s in smsc.submits[since:] if ss.same_number(s.destination, number)]
    assert answered == [ESME_RINVDSTADR], f"a refused submit_sm was retried: {answered}"
    code_page = ts.code_page(resp)
    assert code_page is not None, resp.text[:3000]
    typed = ts.code_page(browser.type_code(code_page, "222-222-222"))
    assert typed is not None, "a code typed for a refused SMS: not the code page again"
    assert_could_not_send(typed.error, typed.resp)
    # ESME_RTHROTTLED: retried, then delivered, and the code signs in (another account: this
    # one's unused code makes it wait before the next).
    user, number = registered(sw, "smpp-throttled")
    since = len(smsc.submits)
    smsc.refuse_next(ESME_RTHROTTLED)
    done = sms_sign_in(sw, SMS_APP + "throttled", user, number)
    answered = [s.answered for s in smsc.submits[since:] if ss.same_number(s.destination, number)]
    assert answered[:2] == [ESME_RTHROTTLED, 0], answered
    assert done.result.outcome == "ticket", done.result.describe()


def test_smpp_connection_cut_then_next_message_delivered(sw, smsc):
    user, number = registered(sw, "smpp-cut")
    ss.wait_until("Limen's SMPP session open", lambda: smsc.connections() > 0)
    binds = len(smsc.binds)
    assert smsc.drop_connections() >= 1
    done = sign_in_ok(sw, "cut", user, number)
    assert len(smsc.binds) > binds and smsc.binds[-1].accepted, "Limen did not bind again after the cut"
    assert_sign_in_sms(done.sms, number)


def test_eu_login_answer_names_the_mobile_phone_number(sw):
    """EU Login's format (`--response-format ecas`): strength PASSWORD_SMS, and the number the
    code went to among the authenticationFactors (`mobilePhoneNumber`), valid against ecas.xsd."""
    from eulogin_client import EuLoginClient

    user, number = registered(sw, "ecas")
    service = ECAS_APP + "x"
    done = sms_sign_in(sw, service, user, number)
    assert done.result.outcome == "ticket", done.result.describe()
    v = EuLoginClient(sw.server).validate("serviceValidate", service, done.result.ticket)
    success = v.expect_success()
    assert (success.get("strengths") or {}).get("strength") == [SMS_STRENGTH], v.body
    assert success.get("authenticationLevel") == "MEDIUM", v.body
    factors = success.get("authenticationFactors") or {}
    assert factors.get("mobilePhoneNumber") == [number], f"authenticationFactors: {factors}\n{v.body}"


def test_oidc_amr_of_an_sms_sign_in(sw):
    """OpenID Connect: a sign-in with an SMS code gives amr with "sms" (RFC 8176 §2), "pwd" and "mfa"."""
    from oidc_support import OidcBrowser, RelyingParty, discovery, register_client

    user, number = registered(sw, "oidc")
    client = register_client(sw.server, "sms", extra_args=["--accept-strengths", SMS_STRENGTH])
    rp = RelyingParty(discovery(sw.server), client)
    req = rp.auth_request()
    oidc = OidcBrowser(sw.server)
    out = oidc.run(req.url)
    assert not isinstance(out, str), f"an authorization request without a session goes to the login page: {out}"
    browser = sw.browser()
    browser.session = oidc.session
    page = browser.submit_email(out, user.email) if "email" in login_form(out).names() else out
    mark = sw.mark()
    resp = browser.follow(browser.choose(page, SMS_METHOD, user.password))
    code_page = ts.code_page(resp)
    assert code_page is not None, resp.text[:3000]
    code = ss.sign_in_code(sw.wait_sms(number, mark).text)
    callback = oidc.follow(browser.type_code(code_page, code))
    assert isinstance(callback, str), f"no redirect to the client: {callback}"
    claims = rp.parse_id_token(rp.exchange(req, callback), req.nonce)
    assert {"sms", "pwd", "mfa"} <= set(claims["amr"]), claims["amr"]


# --------------------------------------------------------------------------------------------
# Templated HTTP: JSON and Bearer
# --------------------------------------------------------------------------------------------


def requests_to(gw: ss.HttpGateway, number: str, since: int = 0) -> list[ss.GatewayRequest]:
    def to(req):
        try:
            return number in (req.json().get("to") or [])
        except ValueError:
            return False

    return [r for r in gw.matching(lambda r: r.path == HTTP_PATH)[since:] if to(r)] if since >= 0 else []


def test_http_json_with_a_bearer_token(hw, http_gw):
    user, number = registered(hw, "http")
    since = http_gw.count()
    done = sign_in_ok(hw, "http", user, number)
    req = http_gw.wait_for(lambda r: r.path == HTTP_PATH and number in r.body.decode(), since)
    assert req.method == "POST"
    assert req.headers.get("authorization") == f"Bearer {HTTP_TOKEN}", req.headers
    assert req.headers.get("x-tenant") == "interop", req.headers
    assert req.headers.get("content-type", "").startswith("application/json"), req.headers
    doc = req.json()
    assert doc["to"] == [number] and doc["digits"] == ss.digits(number) and doc["sender"] == "Limen", doc
    assert doc["ref"] and "{id}" not in doc["ref"], doc
    assert ss.sign_in_code(doc["body"]) == ss.sign_in_code(done.sms.text)
    assert_sign_in_sms(done.sms, number)


def test_http_failure_body_is_permanent_and_503_is_retried(hw, http_gw):
    user, number = registered(hw, "http-fail")
    count = lambda: len([r for r in http_gw.matching(lambda r: r.path == HTTP_PATH) if number in r.body.decode()])
    # A 200 whose body says "rejected": failed, never sent again.
    before = count()
    http_gw.reply_next(Reply(200, json.dumps({"id": "x-1", "status": "rejected"}, separators=(", ", ": "))))
    browser = hw.browser()
    page = browser.to_methods(SMS_APP + "fail", user)
    resp = browser.follow(browser.choose(page, SMS_METHOD, user.password))
    ss.wait_until("the request with the failure body", lambda: count() > before)
    time.sleep(4)
    assert count() == before + 1, "a failure body was retried"
    code_page = ts.code_page(resp)
    assert code_page is not None, resp.text[:3000]
    typed = ts.code_page(browser.type_code(code_page, "222-222-222"))
    assert typed is not None, "a code typed for a refused SMS: not the code page again"
    assert_could_not_send(typed.error, typed.resp)
    # A 503: retried, then delivered (another account: this one's unused code makes it wait).
    user, number = registered(hw, "http-retry")
    before = count()
    http_gw.reply_next(Reply(503, "busy", "text/plain"))
    done = sms_sign_in(hw, SMS_APP + "retry", user, number)  # waits for the accepted request
    assert done.result.outcome == "ticket", done.result.describe()
    answered = [r.status for r in http_gw.matching(lambda r: r.path == HTTP_PATH and number in r.body.decode())]
    assert answered[-2:] == [503, 200], f"a 503 was not retried: {answered}"


# --------------------------------------------------------------------------------------------
# The toll-fraud rules, through the pages (development outbox), on both backends
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def fraud(request, tmp_path_factory):
    """`limen serve --dev` (the SMS in /dev/outbox), the default allow-list, and a per-prefix
    limit of 3 an hour (numbers equal but for their last 3 digits)."""
    toml = ss.sms_config("dev", limits={"per_prefix_hour": 3, "prefix_free_digits": 3})
    with start_world(request, tmp_path_factory, "sms-fraud", toml, backend=request.param, dev=True) as server:
        add_services(server)
        yield SmsWorld(server, server.workdir, dev_outbox(server))


def try_add(world: SmsWorld, tag: str, number: str) -> Added:
    user = world.new_user(tag)
    browser = world.browser()
    sign_in_to_account(browser, user)
    return submit_number(world, browser, number, "Mobile")


def assert_refused_at_add(world: SmsWorld, added: Added, number: str) -> None:
    assert added.outcome == "refused", f"{number} accepted:\n{added.describe()}"
    assert added.resp.status_code == 400, f"a refusal answers 400: {added.resp.status_code}"
    assert world.sms_to(number) == [], f"an SMS went to the refused {number}"


@pytest.mark.parametrize("number", [FR_PREMIUM, FR_TOLL_FREE], ids=["premium-rate", "toll-free"])
def test_a_number_that_is_not_a_mobile_is_refused(fraud, number):
    assert_refused_at_add(fraud, try_add(fraud, "not-mobile", number), number)


@pytest.mark.parametrize("number", [US_NUMBER, CH_MOBILE], ids=["US", "CH"])
def test_a_country_outside_the_allow_list_is_refused(fraud, number):
    assert_refused_at_add(fraud, try_add(fraud, "country", number), number)


@pytest.mark.parametrize("number", ["+336123", "not a number", "+33 6 12 34 56 78 90 12"])
def test_an_invalid_number_is_refused(fraud, number):
    added = try_add(fraud, "invalid", number)
    assert added.outcome == "refused" and added.resp.status_code == 400, added.describe()


def test_other_eu_mobiles_are_accepted(fraud):
    for number in (BE_MOBILE, DE_MOBILE):
        added = try_add(fraud, "eu", number)
        assert added.outcome == "confirm", added.describe()
        assert ss.confirm_code(added.sms.text)


def test_the_per_prefix_limit(fraud):
    """Three accounts add numbers differing in their last digits: SMS sent; the fourth refused."""
    stem = ss.fresh_mobile()[:-3]
    numbers = [f"{stem}{i:03d}" for i in (101, 202, 303, 404)]
    assert all(ss.number_type(n) == "MOBILE" for n in numbers), numbers
    for number in numbers[:3]:
        added = try_add(fraud, "prefix", number)
        assert added.outcome == "confirm", added.describe()
    assert_refused_at_add(fraud, try_add(fraud, "prefix", numbers[3]), numbers[3])


def normalised(resp, *numbers: str) -> str:
    """A page with what differs between two users taken out: CSRF tokens, hidden ids, the
    numbers typed (and their masked forms' digits)."""
    text = resp.text
    text = re.sub(r'(name="(?:csrf_token|id|tx|transaction|state|ceremony)"\s+value=")[^"]*"', r'\1…"', text)
    text = re.sub(r'(value=")[^"]*("\s+name="(?:csrf_token|id|tx|transaction|state|ceremony)")', r"\1…\2", text)
    text = re.sub(r'data-id="[^"]*"', 'data-id="…"', text)
    text = re.sub(r"[A-Za-z0-9_-]{32,}", "…", text)
    for number in numbers:
        for form in (number, ss.digits(number), ss.international(number)):
            text = text.replace(form, "NUMBER")
    text = re.sub(r"•[•\s]*[\d\s]*\d", "MASKED", text)  # a masked number: only its last digits
    text = re.sub(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "DATE", text)  # "added" times
    return text


def test_a_number_on_another_account_looks_like_a_fresh_one(fraud):
    """No enumeration: the pages and the SMS of adding a number that another account has are
    those of a fresh number, byte for byte (CSRF tokens, ids and the numbers themselves aside)."""
    _owner, taken = registered(fraud, "owner")
    fresh = ss.fresh_mobile()
    runs = {}
    for kind, number in (("taken", taken), ("fresh", fresh)):
        user = fraud.new_user(f"enum-{kind}")
        browser = fraud.browser()
        sign_in_to_account(browser, user)
        added = submit_number(fraud, browser, number, "Mobile")
        assert added.outcome == "confirm", f"{kind}: {added.describe()}"
        done = confirm_number(browser, added)
        runs[kind] = (added, done, number)
    (t_added, t_done, t_number), (f_added, f_done, f_number) = runs["taken"], runs["fresh"]
    assert t_added.resp.status_code == f_added.resp.status_code
    assert normalised(t_added.resp, t_number) == normalised(f_added.resp, f_number), "the confirmation pages differ"
    assert re.sub(ss.CONFIRM_CODE, "CODE", t_added.sms.text) == re.sub(ss.CONFIRM_CODE, "CODE", f_added.sms.text)
    assert t_done.status_code == f_done.status_code
    assert normalised(t_done, t_number) == normalised(f_done, f_number), "the pages after the confirmation differ"


def test_a_wrong_code_is_refused_and_attempts_run_out(fraud):
    user, number = registered(fraud, "wrong-code")
    browser = fraud.browser()
    page = browser.to_methods(SMS_APP + "wrong", user)
    mark = fraud.mark()
    resp = browser.follow(browser.choose(page, SMS_METHOD, user.password))
    code_page = ts.code_page(resp)
    assert code_page is not None, resp.text[:3000]
    code = ss.sign_in_code(fraud.wait_sms(number, mark).text)
    wrong = next(c for c in ("222-222-222", "333-333-333") if c != code)
    for attempt in range(5):
        result = browser.outcome(browser.type_code(code_page, wrong), SMS_APP + "wrong", [], [])
        if attempt == 0:
            assert result.outcome == "code" and result.code.error, f"a wrong code: {result.describe()}"
            assert result.code.resp.status_code == 401, result.describe()
        if result.outcome != "code":
            break
        code_page = result.code
    # Five attempts used: the right code no longer signs in.
    if result.outcome == "code":
        result = browser.outcome(browser.type_code(result.code, code), SMS_APP + "wrong", [], [])
    assert result.outcome != "ticket", f"the code signed in after 5 wrong attempts: {result.describe()}"


def test_two_numbers_give_a_choice_page_and_the_chosen_one_gets_the_code(fraud):
    user, first = registered(fraud, "two", label="Work")
    second = ss.fresh_mobile()
    browser = fraud.browser()
    sign_in_to_account(browser, user)
    # The account has a second factor now: a password session must step up to add another.
    asked = browser.follow(browser.get("/account/phones/add"))
    assert "/cas/login" in asked.url and not has(asked, '//form[@id="phone-add-form"]'), (
        f"no step-up asked before adding a second number: {asked.url}"
    )
    rows = phone_rows(add_phone(fraud, browser, second, "Home", step_up=first))
    assert sorted(r.label for r in rows) == ["Home", "Work"], rows
    done = sms_sign_in(fraud, SMS_APP + "two", user, second, choose="Home")
    assert done.result.outcome == "ticket", done.result.describe()
    assert fraud.sms_to(first)[-1].text != done.sms.text, "the code went to the number not chosen"


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def budget(request, tmp_path_factory):
    """A daily budget of 4 SMS for the whole server (numbers being added: 2 of them)."""
    toml = ss.sms_config("dev", limits={"daily_budget": 4})
    with start_world(request, tmp_path_factory, "sms-budget", toml, backend=request.param, dev=True) as server:
        add_services(server)
        yield SmsWorld(server, server.workdir, dev_outbox(server))


def test_the_daily_budget_stops_sms(budget):
    """Four SMS are the day's budget, and numbers being added may spend only half of it: a third
    number is refused at add while sign-ins still get their SMS; the fifth SMS of the day opens
    the circuit breaker: a sign-in with SMS sends nothing (the breaker is for every SMS)."""
    user, number = registered(budget, "budget")  # SMS 1
    added = try_add(budget, "budget", ss.fresh_mobile())  # SMS 2
    assert added.outcome == "confirm", added.describe()
    late = ss.fresh_mobile()
    assert_refused_at_add(budget, try_add(budget, "budget", late), late)
    sign_in_ok(budget, "budget", user, number)  # SMS 3
    sign_in_ok(budget, "budget", user, number)  # SMS 4
    before = len(budget.sms_to(number))
    browser = budget.browser()
    page = browser.to_methods(SMS_APP + "budget", user)
    resp = browser.follow(browser.choose(page, SMS_METHOD, user.password))
    time.sleep(1)
    assert len(budget.sms_to(number)) == before, "an SMS was sent past the daily budget"
    assert ts.code_page(resp) is None, "a code page, though no SMS can be sent"
    assert resp.status_code >= 400, f"{resp.status_code}\n{resp.text[:2000]}"
    tree = ts.html_tree(resp.text)
    said = ts.page_error(resp) or " ".join(
        " ".join(p.text_content().split()) for p in tree.xpath('//*[contains(@class, "problem")]//p')
    )
    assert "SMS" in said, f"no word of SMS being unavailable:\n{resp.text[:3000]}"
    # The operator reopens the breaker (`limen sms reset`): SMS flow again.
    status = ts.ok(ts.limen(budget.server, "sms", "status"))
    # (It counts the refused fifth too: what was asked for, the outbox holds the four sent.)
    assert len(budget.messages()) == 4, [m.to for m in budget.messages()]
    assert re.search(r"^asked for today \(UTC\): 5, daily budget 4$", status.out, re.MULTILINE), (
        f"today's count:\n{status}"
    )
    assert re.search(r"^circuit breaker: open", status.out, re.MULTILINE | re.IGNORECASE), (
        f"the breaker should be open:\n{status}"
    )
    ts.ok(ts.limen(budget.server, "sms", "reset"))
    again = ss.fresh_mobile()
    added = try_add(budget, "budget", again)
    assert added.outcome == "confirm", f"still refused after `limen sms reset`:\n{added.describe()}"
