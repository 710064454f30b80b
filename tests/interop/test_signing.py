"""Transaction signing (issue 18) from the outside: a relying party (signing_support.RelyingParty:
`requests` for the API, `joserfc` and `cryptography` for the receipts, its own RFC 8785 writer for
the transaction's hash) asks a user's signature, the user follows the signing page in
limen_interop's simulated browser, and the relying party redeems the result handle and checks the
receipt with nothing but `GET /oidc/jwks`.

Services: two CAS services with a signing secret (`limen service signing-secret`), one of them in
EU Login's format (its answers validated against schemas/ecas.xsd with lxml), and OpenID Connect
clients (client_secret_basic and client_secret_post). Methods, each with the outside tool that
makes its answer: an OCRA token (PyPI `oath`, numeric and hex questions), an SMS code (read from
the development outbox), the mobile app's push and offline QR code (the reference device
`limen-authenticator`, with a retyped field typed right and typed wrong). WebAuthn needs a
browser: test_signing_browser.py.

And what a relying party must see refused: each limit of a request, a wrong secret, another
service's handle, a replayed handle, a method the request does not accept, a browser signed in
as somebody else, a cancelled request; tampered receipts (its verifier fails on each). Signing
creates no SSO session.

The server runs once per backend (SQLite; PostgreSQL with LIMEN_TEST_PG), with `--dev` (SMS to
the development outbox) and SMS turned on. The return URLs are never contacted: the relying party
reads the handle from the `Location` of the 303.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

import signing_support as sgs
import sms_support as ss
import test_sms as tsms
import tokens_support as ts
from limen_interop import HTTP_TIMEOUT, PASSWORD, REPO_ROOT, Browser, LimenServer, User, running_limen
from signing_support import Asked, Caller, ReceiptInvalid, RelyingParty, SigningBrowser
from test_mobile_browser import Phone, authenticator_binary

REGISTRY = "http://127.0.0.1:9/registry/"
ECAS_REGISTRY = "http://127.0.0.1:9/ecas-registry/"
OTHER = "http://127.0.0.1:9/other-app/"
RP_ORIGIN = "http://127.0.0.1:9"
ECAS_XSD = REPO_ROOT / "tests/interop/schemas/ecas.xsd"
SSO_COOKIE = "limen_sso"  # crates/limen-web/src/context.rs
PIN = "4821"
WRONG_PIN = "1379"
# How the reference device is given a retyped value (H1's CLI: repeatable, LABEL=VALUE).
RETYPE_FLAG = "--field"

TITLE = "Transfer of allowances"
FIELDS = [
    {"label": "Amount", "value": "100 EUA"},
    {"label": "To account", "value": "EU-100-5", "retype": True, "pattern": "^EU-[0-9]+-[0-9]+$"},
]
PLAIN_FIELDS = [{"label": "Amount", "value": "250 EUA"}, {"label": "Reference", "value": "Ω-2026/7 «test»"}]


# --------------------------------------------------------------------------------------------
# The world: one server per backend, its services, users with devices
# --------------------------------------------------------------------------------------------


@dataclass
class Person:
    user: User
    uid: str
    token: ts.Token | None = None
    number: str | None = None
    phone: Phone | None = None


@dataclass
class SignWorld:
    server: LimenServer
    workdir: Path
    registry: Caller
    ecas: Caller
    other: Caller
    oidc: Caller
    oidc_post: Caller
    sms: tsms.SmsWorld
    _n: itertools.count = field(default_factory=lambda: itertools.count(1))

    def rp(self, caller: Caller | None = None) -> RelyingParty:
        return RelyingParty(self.server, caller or self.registry)

    def browser(self) -> SigningBrowser:
        return SigningBrowser(self.server)

    def new_person(self, tag: str) -> Person:
        user = User(
            email=f"{tag}.{next(self._n)}.{self.server.label}@example.org",
            first_name="Ilse",
            last_name="Janssens",
            password=PASSWORD,
        )
        # Internal: hardware tokens are for internal users by default.
        ts.add_internal_user(self.server, user)
        return Person(user=user, uid=uid_of(self.server, user.email))

    def with_token(self, person: Person, suite: str = "OCRA-1:HOTP-SHA1-6:QN08") -> ts.Token:
        # The response length is the suite's (`…-6:` or `…-8:`), as the PSKC file must say.
        digits = int(suite.split(":")[1].rsplit("-", 1)[1])
        token = ts.ocra_token(ts.serial_for("SIGN", self.server.label[:2]), suite=suite, digits=digits)
        doc = ts.pskc_document([token])
        # RFC 6030 §4.3.4: the encoding of the suite's questions.
        doc.keys[0].challenge_encoding = {"N": "DECIMAL", "H": "HEXADECIMAL", "A": "ALPHANUMERIC"}[
            suite.rsplit(":Q", 1)[1][0]
        ]
        path = self.workdir / f"ocra-{token.serial}.pskcxml"
        doc.write(str(path))
        imported = ts.import_file(self.server, path)
        assert imported.imported == 1, str(imported.run)
        ts.ok(ts.token(self.server, "assign", token.serial, person.user.email))
        person.token = token
        return token

    def with_number(self, person: Person) -> str:
        """A mobile number added in My account (its confirmation code read from the outbox),
        before any other device (which would make My account ask for a step-up first)."""
        assert person.token is None and person.phone is None, "add the number first"
        browser = tsms.SmsBrowser(self.server)
        tsms.sign_in_to_account(browser, person.user)
        number = ss.fresh_mobile()
        tsms.add_phone(self.sms, browser, number, "Work phone")
        person.number = number
        return number

    def with_phone(self, person: Person, tmp_path: Path) -> Phone:
        """The reference device enrolled in My account, without JavaScript: the name and the PIN
        twice, the device enrols with the link, "Continue"."""
        browser = tsms.SmsBrowser(self.server)
        tsms.sign_in_to_account(browser, person.user)
        page = browser.follow(browser.get("/account/mobile_app"))
        assert page.status_code == 200, f"/account/mobile_app: {page.status_code}\n{page.text[:2000]}"
        device = Phone(name=f"Signing phone {next(self._n)}", file=tmp_path / f"device-{secrets.token_hex(3)}.json")
        enrol = browser.follow(
            browser.session.post(
                *form_post(page, "mobile-add", {"name": device.name, "pin": PIN, "pin_again": PIN}),
                allow_redirects=False,
                timeout=HTTP_TIMEOUT,
            )
        )
        link = sgs.text_by_id(sgs.html_tree(enrol.text), "enrol-link")
        assert link and link.startswith("limen://enrol?p="), f"no enrolment link:\n{enrol.text[:3000]}"
        device.ok("enrol", link, "--os", "Debian 13", "--model", "CLI phone")
        done = browser.follow(
            browser.session.post(*form_post(enrol, "enrol-done", {}), allow_redirects=False, timeout=HTTP_TIMEOUT)
        )
        assert done.status_code == 200 and "added=1" in done.url, f"enrolment not finished: {done.url}"
        person.phone = device
        return device

    def sms_code(self, number: str, mark) -> tuple[str, str]:
        """The code of the first new SMS to `number` and the SMS's text."""
        sms = self.sms.wait_sms(number, mark)
        return ss.sign_in_code(sms.text), sms.text


def form_post(resp: requests.Response, form_id: str, fields: dict) -> tuple[str, dict]:
    form = sgs.form_by_id(resp, form_id)
    return form.action, {**form.hidden, **fields}


def uid_of(server: LimenServer, email: str) -> str:
    out = server.cli("user", "show", "--database", server.database_url, email).stdout
    m = re.search(r"^uid:\s+(\S+)$", out, re.MULTILINE)
    assert m, f"no uid in `limen user show`:\n{out}"
    return m.group(1)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def sg(request, tmp_path_factory):
    backend = request.param
    if backend == "postgres" and not os.environ.get("LIMEN_TEST_PG"):
        pytest.skip("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
    if not authenticator_binary().is_file():
        pytest.fail(f"{authenticator_binary()} is missing: `cargo build -p limen-authenticator`", pytrace=False)
    workdir = tmp_path_factory.mktemp(f"signing-{backend}")
    (workdir / "limen.toml").write_text(ss.sms_config("dev"))
    with running_limen(backend, workdir, extra_args=["--dev"]) as server:
        yield SignWorld(
            server=server,
            workdir=workdir,
            registry=sgs.add_cas_signer(server, "Union Registry", REGISTRY),
            ecas=sgs.add_cas_signer(server, "Union Registry (EU Login)", ECAS_REGISTRY, response_format="ecas"),
            other=sgs.add_cas_signer(server, "Other service", OTHER),
            oidc=sgs.add_oidc_signer(server, "basic", RP_ORIGIN, auth="basic"),
            oidc_post=sgs.add_oidc_signer(server, "post", RP_ORIGIN, auth="post"),
            sms=tsms.SmsWorld(server, workdir, tsms.dev_outbox(server)),
        )


# --------------------------------------------------------------------------------------------
# What the user does
# --------------------------------------------------------------------------------------------


def expect_page_shows(page: sgs.SigningPage, asked: Asked) -> None:
    """The signing page shows who asks, the title, and every field (retype rows marked)."""
    assert page.requested_by and asked.caller.name in page.requested_by, (
        f"#sign-requested-by should name {asked.caller.name!r}: {page.requested_by!r}"
    )
    assert page.requested_by.startswith("Requested by"), page.requested_by
    assert page.title == asked.title, f"#sign-title {page.title!r} is not {asked.title!r}"
    shown = [(label, value, retype) for label, value, retype in page.fields]
    wanted = [(f["label"], f["value"], bool(f.get("retype"))) for f in asked.fields]
    assert [(a, c) for a, _b, c in shown] == [(a, c) for a, _b, c in wanted], f"rows {shown} for {wanted}"
    for (label, value, _r), (_l, want, _w) in zip(shown, wanted, strict=True):
        assert want in value, f"the row {label!r} should show {want!r}: {value!r}"


def sign_with_token(sg: SignWorld, person: Person, asked: Asked, browser: SigningBrowser | None = None) -> str:
    """The signing page with the OCRA token: password, the question, `oath`'s answer."""
    b = browser or sg.browser()
    page = b.open(asked)
    expect_page_shows(page, asked)
    resp = b.follow(b.start(page, "token_cram", person.user.password))
    question = sgs.challenge_of(resp)
    assert question, f"no #code-challenge after choosing the token:\n{resp.text[:3000]}"
    assert person.token is not None
    return sgs.result_handle(b.type_code(resp, person.token.respond(question)), asked.return_url)


def expect_receipt(rp: RelyingParty, asked: Asked, handle: str, method: str, **kw) -> sgs.Receipt:
    """The relying party redeems the handle and checks the receipt (only the JWKS as trust); the
    status call gives the same receipt."""
    doc = rp.redeem(handle)
    assert doc.get("request_id") == asked.request_id and doc.get("status") == "signed", doc
    receipt = rp.verify(doc["receipt"], asked, methods=[method], **kw)
    status = rp.status_raw(asked.request_id)
    assert status.status_code == 200, f"status: {status.status_code} {status.text[:500]}"
    sdoc = status.json()
    assert sdoc.get("status") == "signed" and sdoc.get("request_id") == asked.request_id, sdoc
    assert sdoc.get("receipt") == doc["receipt"], "the status call should give the same receipt"
    return receipt


# --------------------------------------------------------------------------------------------
# Registration and the service API
# --------------------------------------------------------------------------------------------


def test_the_relying_party_jcs_matches_rfc_8785():
    """The relying party's RFC 8785 writer, on the RFC's own examples (§3.2.2.2 strings, §3.2.3
    member order by UTF-16 code units)."""
    assert sgs.jcs({"b": True, "a": [False, None, "x"]}) == '{"a":[false,null,"x"],"b":true}'
    assert sgs.jcs('\u20ac$\u000f\nA\'B"\\\\"/') == '"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"'
    # §3.2.3's example names: "\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33".
    names = ["\u20ac", "\r", "\ufb33", "1", "\U0001f600", "\u0080", "\u00f6"]
    text = sgs.jcs({n: 0 for n in names})
    assert text == '{"\\r":0,"1":0,"\u0080":0,"\u00f6":0,"\u20ac":0,"\U0001f600":0,"\ufb33":0}', text
    # The contract's shape: retype only when true, pattern only when given.
    assert sgs.as_signed([{"label": "a", "value": "b", "retype": False, "pattern": None}]) == [
        {"label": "a", "value": "b"}
    ]


def test_a_new_signing_secret_replaces_the_old_one(sg):
    name = f"Rotating service {sg.server.label}"
    prefix = f"http://127.0.0.1:9/rotating-{sg.server.label}/"
    first = sgs.add_cas_signer(sg.server, name, prefix)
    client_id, second_secret = sgs.signing_secret(sg.server, name)
    assert client_id == first.client_id, "the client_id stays"
    assert second_secret != first.secret, "a new secret"
    person = sg.new_person("rotate")

    old = sg.rp(first)
    refused = old.create_raw(old.request_body(person.uid, TITLE, PLAIN_FIELDS))
    expect_invalid_client(refused)
    new = sg.rp(Caller(name=name, client_id=client_id, secret=second_secret, return_base=prefix))
    new.create(person.uid, TITLE, PLAIN_FIELDS)


def expect_invalid_client(resp: requests.Response) -> None:
    assert resp.status_code == 401, f"expected 401, got {resp.status_code}\n{resp.text[:1000]}"
    assert resp.headers.get("WWW-Authenticate", "").startswith("Basic"), resp.headers
    assert resp.json().get("error") == "invalid_client", resp.text
    assert resp.json().get("error_description"), resp.text


@pytest.mark.parametrize(
    "who",
    ["wrong secret", "no credentials", "unknown client", "another service's secret", "oidc wrong secret", "post wrong"],
)
def test_a_wrong_client_secret_is_401(sg, who):
    person = sg.new_person("badauth")
    rp = sg.rp()
    body = rp.request_body(person.uid, TITLE, PLAIN_FIELDS)
    if who == "wrong secret":
        resp = rp.create_raw(body, auth=(sg.registry.client_id, sgs.b64url(os.urandom(32))))
    elif who == "no credentials":
        resp = rp.create_raw(body, auth=None)
    elif who == "unknown client":
        resp = rp.create_raw(body, auth=("cas-999999", sg.registry.secret))
    elif who == "another service's secret":
        resp = rp.create_raw(body, auth=(sg.registry.client_id, sg.other.secret))
    elif who == "oidc wrong secret":
        oidc = sg.rp(sg.oidc)
        body = oidc.request_body(person.uid, TITLE, PLAIN_FIELDS)
        resp = oidc.create_raw(body, auth=(sg.oidc.client_id, sg.oidc.secret + "x"))
    else:
        post = sg.rp(sg.oidc_post)
        body = post.request_body(person.uid, TITLE, PLAIN_FIELDS)
        resp = post.create_raw(
            {**body, "client_id": sg.oidc_post.client_id, "client_secret": "not-" + sg.oidc_post.secret}, auth=None
        )
    expect_invalid_client(resp)
    # The result and status endpoints authenticate the same way.
    expect_invalid_client(
        requests.post(
            sg.server.url("/sign/api/v1/result"),
            data={"result": "x"},
            auth=(sg.registry.client_id, "wrong"),
            timeout=HTTP_TIMEOUT,
        )
    )


def ecas_schema():
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(ECAS_XSD)))


def ecas_answer(resp: requests.Response):
    """The EU Login XML answer, validated against schemas/ecas.xsd."""
    from lxml import etree

    assert "xml" in resp.headers.get("Content-Type", ""), f"not XML: {resp.headers.get('Content-Type')}\n{resp.text}"
    doc = etree.fromstring(resp.content)
    schema = ecas_schema()
    assert schema.validate(doc), f"the answer does not validate against ecas.xsd: {schema.error_log}\n{resp.text}"
    assert doc.tag == f"{{{sgs.ECAS_NS}}}userConfirmationSignatureRequest", doc.tag
    return doc


def test_an_ecas_service_gets_eu_login_xml(sg):
    person = sg.new_person("ecas")
    rp = sg.rp(sg.ecas)
    resp = rp.create_raw(rp.request_body(person.uid, TITLE, PLAIN_FIELDS))
    assert resp.status_code == 201, f"{resp.status_code}\n{resp.text}"
    doc = ecas_answer(resp)
    rid = doc.findtext(f"{{{sgs.ECAS_NS}}}signatureRequestId", default="").strip()
    assert sgs.REQUEST_ID.fullmatch(rid), f"signatureRequestId {rid!r}\n{resp.text}"
    assert resp.headers.get("Location") == sg.server.url(f"/sign/{rid}"), resp.headers

    # Failures: EU Login's codes, in the same schema.
    cases = {
        "INVALID_REQUEST": rp.request_body(person.uid, "", PLAIN_FIELDS),
        "INVALID_USER": rp.request_body("nobody-" + secrets.token_hex(4), TITLE, PLAIN_FIELDS),
    }
    for code, body in cases.items():
        bad = rp.create_raw(body)
        assert bad.status_code != 201 and bad.status_code < 500, f"{code}: {bad.status_code}\n{bad.text}"
        failure = ecas_answer(bad).find(f"{{{sgs.ECAS_NS}}}signatureRequestFailure")
        assert failure is not None, f"{code}: no signatureRequestFailure\n{bad.text}"
        assert failure.get("code") == code, f"expected code {code}: {bad.text}"
        assert (failure.text or "").strip(), f"{code}: a failure without a message\n{bad.text}"


# --------------------------------------------------------------------------------------------
# Each method, end to end
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("suite", ["OCRA-1:HOTP-SHA1-6:QN08", "OCRA-1:HOTP-SHA256-8:QH64"], ids=["numeric", "hex"])
def test_an_ocra_token_signs_and_the_receipt_verifies(sg, suite):
    person = sg.new_person("ocra")
    token = sg.with_token(person, suite)
    rp = sg.rp()
    asked = rp.create(person.uid, TITLE, FIELDS, return_url=REGISTRY + "signed?order=42")
    b = sg.browser()
    page = b.open(asked)
    expect_page_shows(page, asked)
    assert page.methods == ["token_cram"], f"the only method the user has: {page.methods}"
    resp = b.follow(b.start(page, "token_cram", person.user.password))
    question = sgs.challenge_of(resp)
    assert question, f"no question:\n{resp.text[:3000]}"
    summary = sgs.summary_of(resp)
    assert summary and TITLE in summary, f"#sign-summary should show the transaction: {summary!r}"

    # The same data in another request (another id) gives another question: it is bound.
    twin = rp.create(person.uid, TITLE, FIELDS)
    tb = sg.browser()
    twin_question = sgs.challenge_of(tb.follow(tb.start(tb.open(twin), "token_cram", person.user.password)))
    assert twin_question and twin_question != question, f"same question for two requests: {question}"

    # The answer to the other request's question is refused here; the page asks again.
    wrong = b.type_code(resp, token.respond(twin_question))
    assert wrong.status_code != 303, f"an answer for another transaction was accepted: {wrong.headers}"
    assert sgs.has_id(wrong, "code-error"), f"no #code-error:\n{wrong.text[:3000]}"
    again = sgs.challenge_of(wrong) or question
    handle = sgs.result_handle(b.type_code(wrong, token.respond(again)), asked.return_url)
    receipt = expect_receipt(rp, asked, handle, "PASSWORD_TOKEN_CRAM")
    assert receipt.claims["device"]["name"] or receipt.claims["device"]["id"], receipt.claims
    assert "evidence" not in receipt.claims, receipt.claims
    # The relying party recomputes the question from the receipt's hash: it was bound to it.
    assert question == sgs.ocra_question(suite, receipt.claims["txn_hash"]), (
        f"the question {question} is not the one derived from txn_hash {receipt.claims['txn_hash']}"
    )


def test_a_token_with_letters_in_its_questions_cannot_sign(sg):
    """An alphanumeric OCRA suite cannot carry a transaction's hash: refused, no random question."""
    person = sg.new_person("ocra-qa")
    sg.with_token(person, "OCRA-1:HOTP-SHA1-6:QA08")
    asked = sg.rp().create(person.uid, TITLE, PLAIN_FIELDS)
    b = sg.browser()
    page = b.open(asked)
    if "token_cram" in page.methods:
        resp = b.follow(b.start(page, "token_cram", person.user.password))
        assert resp.status_code < 500, resp.status_code
        assert sgs.challenge_of(resp) is None, f"a question that binds nothing:\n{resp.text[:3000]}"
        assert sgs.html_tree(resp.text).xpath('//*[@role="alert"]'), f"no reason given:\n{resp.text[:3000]}"
    assert sg.rp().status_raw(asked.request_id).json()["status"] == "pending"


def test_an_sms_code_signs_and_the_text_names_the_transaction(sg):
    person = sg.new_person("sms")
    number = sg.with_number(person)
    rp = sg.rp()
    asked = rp.create(person.uid, "Surrender of allowances", PLAIN_FIELDS)
    b = sg.browser()
    page = b.open(asked)
    assert page.methods == ["sms"], page.methods
    mark = sg.sms.mark()
    resp = b.follow(b.start(page, "sms", person.user.password))
    assert sgs.has_id(resp, "code-form"), f"no code page:\n{resp.text[:3000]}"
    code, text = sg.sms_code(number, mark)
    assert "Surrender of allowances" in text, f"the SMS should name the transaction: {text!r}"
    assert sg.registry.name in text, f"the SMS should name the service: {text!r}"
    handle = sgs.result_handle(b.type_code(resp, code), asked.return_url)
    receipt = expect_receipt(rp, asked, handle, "PASSWORD_SMS")
    assert "evidence" not in receipt.claims


def approval_number(resp: requests.Response) -> str:
    tree = sgs.html_tree(resp.text)
    found = tree.xpath('//*[@id="approval-number"]//strong')
    assert found, f"no #approval-number:\n{resp.text[:3000]}"
    number = found[0].text_content().strip()
    assert re.fullmatch(r"\d\d", number), number
    return number


def retyped(value: str) -> list[str]:
    return [RETYPE_FLAG, f"To account={value}"]


def test_the_mobile_app_push_signs_with_a_retyped_field(sg, tmp_path):
    person = sg.new_person("push")
    device = sg.with_phone(person, tmp_path)
    rp = sg.rp()
    asked = rp.create(person.uid, TITLE, FIELDS)
    b = sg.browser()
    page = b.open(asked)
    assert sorted(page.methods) == ["mobile_app", "software_token"], page.methods
    resp = b.follow(b.start(page, "mobile_app", person.user.password))
    number = approval_number(resp)
    listed = device.ok("list")
    assert TITLE in listed and "100 EUA" in listed, f"the device should show the transaction:\n{listed}"
    assert "EU-100-5" not in listed, f"a retyped value is not sent to the device:\n{listed}"

    # "I have approved" before the device answered: not signed.
    early = b.approved(resp)
    assert early.status_code != 303, "signed before the device answered"
    out = device.ok("approve", "--number", number, *retyped("EU-100-5"))
    assert "Result: approved" in out, out
    handle = sgs.result_handle(b.approved(b.follow(early)), asked.return_url)
    receipt = expect_receipt(rp, asked, handle, "PASSWORD_MOBILE_APP")
    ev = receipt.claims["evidence"]
    assert ev["type"] == "mobile_app"
    # The display the device approved holds the value the user typed.
    assert [f.get("value") for f in ev["display"]["tx"]["fields"]] == ["100 EUA", "EU-100-5"], ev["display"]

    # The evidence is checked, not just present: a changed display or answer is refused.
    txn = receipt.claims["txn"]
    changed = json.loads(json.dumps(ev))
    changed["display"]["tx"]["fields"][1]["value"] = "EU-100-6"
    with pytest.raises(ReceiptInvalid, match="dh"):
        sgs.verify_mobile_evidence(changed, txn)
    changed = json.loads(json.dumps(ev))
    changed["request"] = changed["request"].replace('"approve"', '"approve" ')
    with pytest.raises(ReceiptInvalid, match="bh"):
        sgs.verify_mobile_evidence(changed, txn)


def test_a_mistyped_value_on_the_device_is_refused(sg, tmp_path):
    person = sg.new_person("push-wrong")
    device = sg.with_phone(person, tmp_path)
    rp = sg.rp()
    asked = rp.create(person.uid, TITLE, FIELDS)
    b = sg.browser()
    resp = b.follow(b.start(b.open(asked), "mobile_app", person.user.password))
    number = approval_number(resp)
    # A value the pattern refuses: the device itself refuses it, nothing is sent.
    bad = device.run("approve", "--number", number, *retyped("100-5"))
    assert bad.returncode != 0 and "expected form" in bad.stderr, (
        f"the device should refuse a value its pattern refuses:\n{bad.stdout}\n{bad.stderr}"
    )
    # A well-formed but different value: the server refuses it like a wrong display hash.
    wrong = device.run("approve", "--number", number, *retyped("EU-100-6"))
    assert wrong.returncode != 0 and "display_hash" in wrong.stdout + wrong.stderr, (
        f"the server should refuse the mistyped account (display_hash):\n{wrong.stdout}\n{wrong.stderr}"
    )
    after = b.approved(resp)
    assert after.status_code != 303, f"signed with a mistyped value: {after.headers.get('Location')}"
    status = rp.status_raw(asked.request_id).json()
    assert status["status"] == "pending" and "receipt" not in status, status


def scan_text(resp: requests.Response) -> str:
    text = sgs.text_by_id(sgs.html_tree(resp.text), "scan-link")
    assert text and text.startswith("limen://challenge?c="), f"no #scan-link:\n{resp.text[:3000]}"
    return text


def offline_code(device: Phone, text: str, *extra: str, pin: str | None = None) -> str:
    out = device.ok("code", text, *extra, pin=pin)
    m = re.fullmatch(r"Code: (\d{8})", out.strip().splitlines()[-1])
    assert m, f"the last line should be the 8-digit code:\n{out}"
    return m.group(1)


def test_the_offline_qr_code_signs_with_a_retyped_field(sg, tmp_path):
    person = sg.new_person("qr")
    device = sg.with_phone(person, tmp_path)
    rp = sg.rp()
    asked = rp.create(person.uid, TITLE, FIELDS)
    b = sg.browser()
    resp = b.follow(b.start(b.open(asked), "software_token", person.user.password))
    text = scan_text(resp)
    assert device.pending() == [], "an offline challenge is not pushed"

    # Typed wrong on the device: its code is not the server's; a new QR code is shown.
    wrong = offline_code(device, text, *retyped("EU-100-6"))
    refused = b.follow(b.type_code(resp, wrong))
    assert refused.status_code != 303, "a code made with a mistyped value was accepted"
    assert sgs.has_id(refused, "code-error"), f"no #code-error:\n{refused.text[:3000]}"
    again = scan_text(refused)

    code = offline_code(device, again, *retyped("EU-100-5"))
    handle = sgs.result_handle(b.type_code(refused, code), asked.return_url)
    receipt = expect_receipt(rp, asked, handle, "PASSWORD_SOFTWARE_TOKEN")
    assert "evidence" not in receipt.claims, receipt.claims


@pytest.mark.parametrize("auth", ["basic", "post"])
def test_an_openid_connect_client_asks_for_the_sub(sg, auth):
    caller = sg.oidc if auth == "basic" else sg.oidc_post
    person = sg.new_person(f"oidc-{auth}")
    sg.with_token(person)
    rp = sg.rp(caller)
    asked = rp.create(
        person.uid, "Opening of an account", PLAIN_FIELDS, return_url=f"{RP_ORIGIN}/anywhere/on/the/origin?step=2#top"
    )
    handle = sign_with_token(sg, person, asked)
    receipt = expect_receipt(rp, asked, handle, "PASSWORD_TOKEN_CRAM")
    assert receipt.claims["aud"] == caller.client_id or caller.client_id in receipt.claims["aud"]
    # JSON bodies are taken too (the contract: form or JSON); the handle is spent by now.
    again = rp.redeem_raw(handle, as_json=True)
    assert again.status_code == 400 and again.json().get("error") == "invalid_grant", again.text


# --------------------------------------------------------------------------------------------
# The relying party refuses tampered receipts
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def a_receipt(sg):
    """One real receipt (OCRA) and what was asked for it."""
    person = sg.new_person("receipt")
    sg.with_token(person)
    rp = sg.rp()
    asked = rp.create(person.uid, TITLE, FIELDS)
    handle = sign_with_token(sg, person, asked)
    doc = rp.redeem(handle)
    rp.verify(doc["receipt"], asked, methods=["PASSWORD_TOKEN_CRAM"])
    return rp, asked, doc["receipt"]


def test_a_changed_field_with_the_old_signature_is_refused(a_receipt):
    rp, asked, token = a_receipt
    _h, claims, _s = sgs.split(token)
    claims["txn"]["fields"][0]["value"] = "1000000 EUA"
    with pytest.raises(ReceiptInvalid, match="signature"):
        rp.verify(sgs.with_payload(token, claims), asked)
    # Even with the hash made to match the new data.
    claims["txn_hash"] = sgs.txn_hash(claims["txn"])
    with pytest.raises(ReceiptInvalid, match="signature"):
        rp.verify(sgs.with_payload(token, claims), asked)


def test_a_changed_txn_hash_is_refused(a_receipt):
    rp, asked, token = a_receipt
    _h, claims, _s = sgs.split(token)
    claims["txn_hash"] = sgs.b64url(os.urandom(32))
    with pytest.raises(ReceiptInvalid, match="signature"):
        rp.verify(sgs.with_payload(token, claims), asked)


def test_a_receipt_signed_by_another_key_is_refused(a_receipt):
    rp, asked, token = a_receipt
    header, claims, _s = sgs.split(token)
    stranger = sgs.new_es256_key("not-limens-key")
    with pytest.raises(ReceiptInvalid, match="kid"):
        rp.verify(sgs.sign_as(stranger, {**header, "kid": "not-limens-key"}, claims), asked)
    # The same key claiming Limen's kid: the signature does not verify under Limen's key.
    with pytest.raises(ReceiptInvalid, match="signature"):
        rp.verify(sgs.sign_as(stranger, header, claims), asked)


@pytest.mark.parametrize(
    "change",
    ["field value", "txn_hash", "aud", "jti", "sub", "iss", "typ", "title", "extra field", "method", "evidence"],
)
def test_every_check_after_the_signature_bites(a_receipt, change):
    """With a trust set that also holds a key of this test (so the signature passes), each single
    change the relying party must notice is refused, and the unchanged claims verify."""
    rp, asked, token = a_receipt
    header, claims, _s = sgs.split(token)
    key = sgs.new_es256_key("test-trust")
    trust = sgs.jwks_with(rp.jwks(), key)
    header = {**header, "kid": "test-trust"}
    rp.verify(sgs.sign_as(key, header, claims), asked, jwks=trust)  # the control: accepted

    if change == "field value":
        claims["txn"]["fields"][1]["value"] = "EU-666-1"
    elif change == "txn_hash":
        claims["txn_hash"] = sgs.b64url(os.urandom(32))
    elif change == "aud":
        claims["aud"] = "cas-another"
    elif change == "jti":
        claims["jti"] = "SR-" + "A" * 43
    elif change == "sub":
        claims["sub"] = "someone-else"
    elif change == "iss":
        claims["iss"] = "https://elsewhere.example"
    elif change == "typ":
        header["typ"] = "JWT"
    elif change == "title":
        claims["txn"]["title"] = "Something else"
        claims["txn_hash"] = sgs.txn_hash(claims["txn"])
    elif change == "extra field":
        claims["txn"]["fields"].append({"label": "Fee", "value": "1 EUA"})
        claims["txn_hash"] = sgs.txn_hash(claims["txn"])
    elif change == "method":
        claims["method"] = "PASSWORD"
    else:
        claims["evidence"] = {"type": "mobile_app"}
    with pytest.raises(ReceiptInvalid):
        rp.verify(sgs.sign_as(key, header, claims), asked, jwks=trust)


# --------------------------------------------------------------------------------------------
# Refusals of the API
# --------------------------------------------------------------------------------------------


def _fields(n: int) -> list[dict]:
    return [{"label": f"Line {i}", "value": f"value {i}"} for i in range(1, n + 1)]


# name → (a change of the request body, the error expected)
BAD_REQUESTS = {
    "empty title": (lambda b: b.update(title=""), "invalid_request"),
    "title of 201": (lambda b: b.update(title="T" * 201), "invalid_request"),
    "no title": (lambda b: b.pop("title"), "invalid_request"),
    "no fields": (lambda b: b.update(fields=[]), "invalid_request"),
    "21 fields": (lambda b: b.update(fields=_fields(21)), "invalid_request"),
    "empty label": (lambda b: b.update(fields=[{"label": "", "value": "x"}]), "invalid_request"),
    "label of 101": (lambda b: b.update(fields=[{"label": "L" * 101, "value": "x"}]), "invalid_request"),
    "empty value": (lambda b: b.update(fields=[{"label": "x", "value": ""}]), "invalid_request"),
    "value of 501": (lambda b: b.update(fields=[{"label": "x", "value": "v" * 501}]), "invalid_request"),
    "pattern of 201": (
        lambda b: b.update(fields=[{"label": "x", "value": "a", "retype": True, "pattern": "a?" * 100 + "a"}]),
        "invalid_request",
    ),
    "pattern that does not compile": (
        lambda b: b.update(fields=[{"label": "x", "value": "a", "retype": True, "pattern": "([a-"}]),
        "invalid_request",
    ),
    "pattern not matching its value": (
        lambda b: b.update(fields=[{"label": "To", "value": "EU-100-5", "retype": True, "pattern": "^FR-[0-9]+$"}]),
        "invalid_request",
    ),
    "pattern matching part of the value": (
        lambda b: b.update(fields=[{"label": "To", "value": "EU-100-5", "retype": True, "pattern": "[0-9]+"}]),
        "invalid_request",
    ),
    "control character in the title": (lambda b: b.update(title="Transfer\nof allowances"), "invalid_request"),
    "control character in a label": (
        lambda b: b.update(fields=[{"label": "Am\x07ount", "value": "1"}]),
        "invalid_request",
    ),
    "control character in a value": (
        lambda b: b.update(fields=[{"label": "Amount", "value": "1\x1b[31m"}]),
        "invalid_request",
    ),
    "DEL in a value": (lambda b: b.update(fields=[{"label": "Amount", "value": "1\x7f"}]), "invalid_request"),
    "C1 control in a value": (lambda b: b.update(fields=[{"label": "Amount", "value": "1\u0085"}]), "invalid_request"),
    "NUL in the title": (lambda b: b.update(title="Transfer\x00"), "invalid_request"),
    "unknown strength": (lambda b: b.update(strengths=["PASSWORD_SMS", "PASSWORD_BOGUS"]), "invalid_request"),
    "the password alone": (lambda b: b.update(strengths=["PASSWORD"]), "invalid_request"),
    "a TOTP/HOTP token": (lambda b: b.update(strengths=["PASSWORD_TOKEN"]), "invalid_request"),
    "expires_in 59": (lambda b: b.update(expires_in=59), "invalid_request"),
    "expires_in 3601": (lambda b: b.update(expires_in=3601), "invalid_request"),
    "expires_in 0": (lambda b: b.update(expires_in=0), "invalid_request"),
    "expires_in -60": (lambda b: b.update(expires_in=-60), "invalid_request"),
    "return_url of another CAS URL": (
        lambda b: b.update(return_url="http://127.0.0.1:9/elsewhere/signed"),
        "invalid_request",
    ),
    "return_url of another host": (
        lambda b: b.update(return_url="http://evil.example/registry/signed"),
        "invalid_request",
    ),
    "return_url not http": (lambda b: b.update(return_url="javascript:alert(1)"), "invalid_request"),
    "no return_url": (lambda b: b.pop("return_url"), "invalid_request"),
    "unknown user": (lambda b: b.update(user="nobody-" + secrets.token_hex(4)), "unknown_user"),
}


@pytest.mark.parametrize("case", list(BAD_REQUESTS))
def test_a_bad_request_is_refused(sg, case):
    person = sg.new_person("bad")
    rp = sg.rp()
    body = rp.request_body(person.uid, TITLE, [dict(f) for f in FIELDS])
    change, error = BAD_REQUESTS[case]
    change(body)
    resp = rp.create_raw(body)
    assert resp.status_code == 400, f"{case}: expected 400, got {resp.status_code}\n{resp.text[:1000]}"
    doc = resp.json()
    assert doc.get("error") == error, f"{case}: expected {error}: {doc}"
    assert doc.get("error_description"), f"{case}: no error_description: {doc}"


@pytest.mark.parametrize(
    "case",
    [
        "not JSON",
        "fields not a list",
        "a field without value",
        "user a number",
        "expires_in a string",
        "a misspelt strengths",
    ],
)
def test_a_malformed_body_is_refused(sg, case):
    person = sg.new_person("malformed")
    rp = sg.rp()
    body = rp.request_body(person.uid, TITLE, PLAIN_FIELDS)
    if case == "not JSON":
        resp = rp.http.post(
            sg.server.url("/sign/api/v1/requests"),
            data=b"{not json",
            headers={"Content-Type": "application/json"},
            auth=(sg.registry.client_id, sg.registry.secret),
            timeout=HTTP_TIMEOUT,
        )
    else:
        if case == "fields not a list":
            body["fields"] = {"label": "x", "value": "y"}
        elif case == "a field without value":
            body["fields"] = [{"label": "x"}]
        elif case == "user a number":
            body["user"] = 12345
        elif case == "a misspelt strengths":
            # Ignored, it would accept every method the service meant to exclude.
            body["strenghts"] = ["PASSWORD_WEBAUTHN"]
        else:
            body["expires_in"] = "600"
        resp = rp.create_raw(body)
    assert resp.status_code == 400, f"{case}: {resp.status_code}\n{resp.text[:1000]}"
    assert resp.json().get("error") == "invalid_request", resp.text


def test_the_limits_themselves_are_accepted(sg):
    """The edges of each limit are requests like any other."""
    person = sg.new_person("edges")
    rp = sg.rp()
    fields = _fields(19) + [{"label": "L" * 100, "value": "V" * 500, "retype": True, "pattern": "V+" + "V?" * 99}]
    assert len(fields[-1]["pattern"]) == 200
    rp.create(person.uid, "T" * 200, fields, expires_in=3600)
    rp.create(person.uid, "T", [{"label": "L", "value": "V"}], expires_in=60, strengths=["PASSWORD_SMS"])
    # Non-ASCII letters, tabs aside, are no control characters.
    rp.create(person.uid, "Überweisung «Ω» 😀", [{"label": "Empfänger", "value": "Zoë Ωmega — 東京"}])


def test_the_unknown_user_includes_a_locked_account(sg):
    person = sg.new_person("locked")
    sg.server.cli("user", "lock", "--database", sg.server.database_url, person.user.email)
    rp = sg.rp()
    resp = rp.create_raw(rp.request_body(person.uid, TITLE, PLAIN_FIELDS))
    assert resp.status_code == 400 and resp.json().get("error") == "unknown_user", resp.text


def test_an_oidc_return_url_must_share_a_redirect_uris_origin(sg):
    person = sg.new_person("origin")
    rp = sg.rp(sg.oidc)
    for url in (
        "http://127.0.0.1:8/oidc-basic/signed",
        "https://127.0.0.1:9/oidc-basic/signed",
        "http://localhost:9/x",
    ):
        resp = rp.create_raw(rp.request_body(person.uid, TITLE, PLAIN_FIELDS, return_url=url))
        assert resp.status_code == 400 and resp.json().get("error") == "invalid_request", f"{url}: {resp.text}"
    rp.create(person.uid, TITLE, PLAIN_FIELDS, return_url=f"{RP_ORIGIN}/other/path?x=1")


def test_a_handle_is_one_time_and_only_for_its_service(sg):
    person = sg.new_person("handle")
    sg.with_token(person)
    rp, other = sg.rp(), sg.rp(sg.other)
    asked = rp.create(person.uid, TITLE, PLAIN_FIELDS)
    pending = rp.status_raw(asked.request_id)
    assert pending.status_code == 200 and pending.json() == {"request_id": asked.request_id, "status": "pending"}, (
        pending.text
    )
    assert other.status_raw(asked.request_id).status_code == 404, "another service sees no request"
    assert rp.status_raw("SR-" + "x" * 43).status_code == 404

    handle = sign_with_token(sg, person, asked)
    stolen = other.redeem_raw(handle)
    assert stolen.status_code == 400 and stolen.json().get("error") == "invalid_grant", stolen.text
    # The other service's attempt did not spend it.
    expect_receipt(rp, asked, handle, "PASSWORD_TOKEN_CRAM")
    replay = rp.redeem_raw(handle)
    assert replay.status_code == 400 and replay.json().get("error") == "invalid_grant", replay.text
    made_up = rp.redeem_raw(sgs.b64url(os.urandom(32)))
    assert made_up.status_code == 400 and made_up.json().get("error") == "invalid_grant", made_up.text
    empty = rp.redeem_raw("")
    assert empty.status_code == 400, empty.text


@pytest.mark.skipif(
    os.environ.get("LIMEN_SIGNING_SLOW") != "1",
    reason="the suite has no clock injection: an expiry takes 60 s of real time (LIMEN_SIGNING_SLOW=1 runs it)",
)
def test_an_expired_request_is_410(sg):
    person = sg.new_person("expired")
    sg.with_token(person)
    rp = sg.rp()
    asked = rp.create(person.uid, TITLE, PLAIN_FIELDS, expires_in=60)
    b = sg.browser()
    page = b.open(asked)
    # Waiting for the condition the test is about: the status turning to expired.
    deadline = time.monotonic() + 90
    while rp.status_raw(asked.request_id).json().get("status") != "expired":
        assert time.monotonic() < deadline, "not expired 90 s after a 60 s lifetime"
        time.sleep(1)
    assert b.get(asked.url).status_code == 410
    late = b.start(page, "token_cram", person.user.password)
    assert late.status_code == 410, f"a signature started after the expiry: {late.status_code}"


def test_a_method_the_request_does_not_accept_is_400(sg):
    person = sg.new_person("notaccepted")
    sg.with_number(person)
    sg.with_token(person)
    rp = sg.rp()
    everything = rp.create(person.uid, TITLE, PLAIN_FIELDS)
    assert sorted(sg.browser().open(everything).methods) == ["sms", "token_cram"], "the user's signing methods"
    asked = rp.create(person.uid, TITLE, PLAIN_FIELDS, strengths=["PASSWORD_SMS"])
    b = sg.browser()
    page = b.open(asked)
    assert page.methods == ["sms"], f"only what the request accepts: {page.methods}"
    for method in ("token_cram", "password", "token", "nonsense"):
        resp = b.start(page, method, person.user.password)
        assert resp.status_code == 400, f"{method}: {resp.status_code}\n{resp.text[:2000]}"
        assert sgs.has_id(resp, "sign-form"), f"{method}: the form again:\n{resp.text[:2000]}"
    assert rp.status_raw(asked.request_id).json()["status"] == "pending"


def test_a_wrong_password_is_401_with_the_form_again(sg):
    person = sg.new_person("wrongpw")
    sg.with_token(person)
    asked = sg.rp().create(person.uid, TITLE, PLAIN_FIELDS)
    b = sg.browser()
    resp = b.start(b.open(asked), "token_cram", "Not-the-password-1!")
    assert resp.status_code == 401, f"{resp.status_code}\n{resp.text[:2000]}"
    assert sgs.has_id(resp, "sign-form"), resp.text[:2000]
    assert sgs.challenge_of(resp) is None, "no challenge after a wrong password"
    # The same page still signs with the right one.
    handle = sign_with_token(sg, person, asked, browser=b)
    expect_receipt(sg.rp(), asked, handle, "PASSWORD_TOKEN_CRAM")


def test_a_browser_signed_in_as_another_user_is_403(sg):
    owner, intruder = sg.new_person("owner"), sg.new_person("intruder")
    sg.with_token(owner)
    asked = sg.rp().create(owner.uid, TITLE, PLAIN_FIELDS)
    browser = Browser(sg.server)
    b = SigningBrowser(sg.server, browser)
    # The page opened before signing in (its form in hand), then a sign-in as somebody else.
    page = b.open(asked)
    browser.login(REGISTRY + "home", intruder.user)
    before = browser.session.cookies.get(SSO_COOKIE)
    assert before, "the intruder's browser has a session"
    resp = b.get(asked.url)
    assert resp.status_code == 403, f"{resp.status_code}\n{resp.text[:2000]}"
    assert not sgs.has_id(resp, "sign-form"), "no signing form for another account"
    # The form posted anyway, with the owner's password: refused, no challenge.
    posted = b.start(page, "token_cram", owner.user.password)
    assert posted.status_code == 403, f"{posted.status_code}\n{posted.text[:2000]}"
    assert sgs.challenge_of(posted) is None
    assert browser.session.cookies.get(SSO_COOKIE) == before, "the intruder's session is unchanged"
    assert sg.rp().status_raw(asked.request_id).json()["status"] == "pending"
    # The owner, in their own browser, still signs.
    expect_receipt(sg.rp(), asked, sign_with_token(sg, owner, asked), "PASSWORD_TOKEN_CRAM")


def test_cancel_gives_a_cancelled_status(sg):
    person = sg.new_person("cancel")
    sg.with_token(person)
    rp = sg.rp()
    asked = rp.create(person.uid, TITLE, PLAIN_FIELDS, return_url=REGISTRY + "signed?basket=7")
    b = sg.browser()
    page = b.open(asked)
    handle = sgs.result_handle(b.cancel(page), asked.return_url)
    doc = rp.redeem(handle)
    assert doc == {"request_id": asked.request_id, "status": "cancelled"}, doc
    status = rp.status_raw(asked.request_id).json()
    assert status == {"request_id": asked.request_id, "status": "cancelled"}, status
    # Finished: the page and the form are gone (410), and nothing can be signed any more.
    assert b.get(asked.url).status_code == 410
    assert b.start(page, "token_cram", person.user.password).status_code == 410


def test_finished_and_unknown_requests(sg):
    person = sg.new_person("finished")
    sg.with_token(person)
    rp = sg.rp()
    asked = rp.create(person.uid, TITLE, PLAIN_FIELDS)
    b = sg.browser()
    page = b.open(asked)
    handle = sign_with_token(sg, person, asked, browser=b)
    assert b.get(asked.url).status_code == 410, "a signed request's page is gone"
    assert b.start(page, "token_cram", person.user.password).status_code == 410
    assert b.cancel(page).status_code == 410, "a signed request cannot be cancelled"
    expect_receipt(rp, asked, handle, "PASSWORD_TOKEN_CRAM")
    for path in ("/sign/SR-" + "a" * 43, "/sign/nonsense", "/sign/" + "SR-" + "a" * 100):
        resp = b.get(sg.server.url(path))
        assert resp.status_code == 404, f"{path}: {resp.status_code}"
        assert resp.headers.get("Content-Type", "").startswith("text/html"), resp.headers


# --------------------------------------------------------------------------------------------
# No SSO session
# --------------------------------------------------------------------------------------------


def test_signing_in_a_fresh_browser_opens_no_session(sg):
    person = sg.new_person("nosso")
    sg.with_token(person)
    rp = sg.rp()
    asked = rp.create(person.uid, TITLE, PLAIN_FIELDS)
    b = sg.browser()
    handle = sign_with_token(sg, person, asked, browser=b)
    assert b.sso_set() == [], f"signing set the SSO cookie: {b.sso_set()}"
    assert b.session.cookies.get(SSO_COOKIE) is None
    login = b.browser.login_page(REGISTRY + "home")
    assert login.status_code == 200, f"/cas/login should ask for credentials, got {login.status_code}"
    assert "email" in ts.login_form(login).names(), "the first login form"
    expect_receipt(rp, asked, handle, "PASSWORD_TOKEN_CRAM")


def test_a_signed_in_browser_keeps_its_session_unchanged(sg):
    person = sg.new_person("keepsso")
    sg.with_token(person)
    browser = Browser(sg.server)
    browser.login(REGISTRY + "home", person.user)
    before = browser.session.cookies.get(SSO_COOKIE)
    assert before
    rp = sg.rp()
    asked = rp.create(person.uid, TITLE, PLAIN_FIELDS)
    b = SigningBrowser(sg.server, browser)
    handle = sign_with_token(sg, person, asked, browser=b)
    assert b.sso_set() == [], f"signing set or refreshed the SSO cookie: {b.sso_set()}"
    assert browser.session.cookies.get(SSO_COOKIE) == before
    browser.sso(REGISTRY + "again")  # the session still gives tickets
    expect_receipt(rp, asked, handle, "PASSWORD_TOKEN_CRAM")


# --------------------------------------------------------------------------------------------
# My account: the user's own list of signatures
# --------------------------------------------------------------------------------------------


def mails_to(sg: SignWorld, address: str) -> list[str]:
    """The .eml files of the development outbox addressed to `address`."""
    import email
    import email.policy

    outbox = sg.workdir / "data" / "outbox"
    found = []
    for path in sorted(outbox.glob("*.eml")) if outbox.is_dir() else []:
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if address in str(msg.get("To", "")):
            found.append(path.name)
    return found


def test_my_account_lists_the_signature_with_its_receipt_and_a_report(sg):
    person = sg.new_person("mine")
    sg.with_token(person)
    rp = sg.rp()
    asked = rp.create(person.uid, "Surrender of 12 allowances", PLAIN_FIELDS)
    receipt = expect_receipt(rp, asked, sign_with_token(sg, person, asked), "PASSWORD_TOKEN_CRAM")

    browser = tsms.SmsBrowser(sg.server)
    tsms.sign_in_to_account(browser, person.user)
    page = browser.follow(browser.get("/account/signatures"))
    assert page.status_code == 200, f"/account/signatures: {page.status_code} {page.url}\n{page.text[:2000]}"
    tree = sgs.html_tree(page.text)
    rows = tree.xpath('//table[@id="signatures"]//tr[contains(concat(" ", @class, " "), " signature ")]')
    mine = [r for r in rows if "Surrender of 12 allowances" in r.text_content()]
    assert len(mine) == 1, f"one row for the signature:\n{page.text[:3000]}"
    row = mine[0]
    assert sg.registry.name in row.text_content(), "the row names the service"
    links = row.xpath('.//a[contains(concat(" ", @class, " "), " receipt ")]')
    assert links, "a receipt link"
    href = urljoin(page.url, links[0].get("href"))
    assert href == sg.server.url(f"/account/signatures/{asked.request_id}/receipt"), href
    download = browser.session.get(href, allow_redirects=False, timeout=HTTP_TIMEOUT)
    assert download.status_code == 200, download.status_code
    assert download.headers.get("Content-Type", "").startswith("application/jwt"), download.headers
    assert "attachment" in download.headers.get("Content-Disposition", ""), download.headers
    assert download.text.strip() == receipt.token, "the receipt the service got"
    rp.verify(download.text.strip(), asked, methods=["PASSWORD_TOKEN_CRAM"])
    # Another user's browser gets no receipt of this user.
    stranger = sg.new_person("stranger")
    other = tsms.SmsBrowser(sg.server)
    tsms.sign_in_to_account(other, stranger.user)
    assert other.session.get(href, allow_redirects=False, timeout=HTTP_TIMEOUT).status_code in (403, 404)

    # "This was not me": reported, and the user is e-mailed.
    before = mails_to(sg, person.user.email)
    forms = row.xpath('.//form[contains(concat(" ", @class, " "), " report ")]')
    assert forms, "a report form"
    action = urljoin(page.url, forms[0].get("action"))
    assert action == sg.server.url(f"/account/signatures/{asked.request_id}/report"), action
    hidden = {i.get("name"): i.get("value", "") for i in forms[0].xpath('.//input[@type="hidden"]')}
    after = browser.follow(browser.session.post(action, data=hidden, allow_redirects=False, timeout=HTTP_TIMEOUT))
    assert after.status_code == 200, after.status_code
    reported_row = [
        r
        for r in sgs.html_tree(after.text).xpath('//tr[contains(concat(" ", @class, " "), " signature ")]')
        if "Surrender of 12 allowances" in r.text_content()
    ]
    assert reported_row and reported_row[0].xpath('.//*[contains(concat(" ", @class, " "), " reported ")]'), (
        "the row says it was reported"
    )
    assert not reported_row[0].xpath('.//form[contains(concat(" ", @class, " "), " report ")]'), "reported once"
    deadline = time.monotonic() + 15
    while len(mails_to(sg, person.user.email)) <= len(before):
        assert time.monotonic() < deadline, "no security e-mail after the report"
        time.sleep(0.2)


def test_data_changed_in_the_store_is_409(sg):
    """The page recomputes the digest of what it shows: a request whose stored data no longer
    matches it (changed behind Limen's back, here in the SQLite file) is refused, not signed."""
    if sg.server.label != "sqlite":
        pytest.skip("the data is changed with Python's sqlite3 in the SQLite file")
    import sqlite3

    person = sg.new_person("changed")
    sg.with_token(person)
    rp = sg.rp()
    asked = rp.create(person.uid, TITLE, PLAIN_FIELDS)
    b = sg.browser()
    page = b.open(asked)
    path = sg.server.database_url.removeprefix("sqlite://")
    with sqlite3.connect(path, timeout=10) as db:
        changed = db.execute(
            "UPDATE signature_requests SET title = ? WHERE id = ?", ("Transfer of 1000000 allowances", asked.request_id)
        ).rowcount
    assert changed == 1
    shown = b.get(asked.url)
    assert shown.status_code == 409, f"{shown.status_code}\n{shown.text[:2000]}"
    assert "1000000" not in shown.text, "the changed data is not shown as if it were the request"
    started = b.start(page, "token_cram", person.user.password)
    assert started.status_code == 409, f"{started.status_code}\n{started.text[:2000]}"
    assert sgs.challenge_of(started) is None


def test_the_demo_signs_a_transfer_with_the_reference_authenticator(sg, tmp_path):
    """The README's walk-through: signed in to the demo service, "Sign a transfer", Limen's
    signing page, the reference authenticator approving with the beneficiary typed
    (`approve --number NN --field 'Beneficiary account=…'`), and the demo showing the receipt
    it verified."""
    from urllib.parse import quote

    person = sg.new_person("demo")
    device = sg.with_phone(person, tmp_path)
    browser = tsms.SmsBrowser(sg.server)
    tsms.sign_in_to_account(browser, person.user)
    b = SigningBrowser(sg.server, browser)
    base = sg.server.base_url
    demo = b.follow(b.get(f"{base}/cas/login?service={quote(base + '/demo/', safe='')}"))
    assert demo.status_code == 200 and sgs.has_id(demo, "demo-user"), f"the demo: {demo.url}\n{demo.text[:2000]}"
    form = b.get(f"{base}/demo/sign")
    assert form.status_code == 200 and sgs.has_id(form, "transfer-form"), form.text[:2000]
    sent = b.post_form(form, "transfer-form", {"amount": "250 EUA", "beneficiary": "EU-100-7"})
    assert sent.status_code == 303 and "/sign/SR-" in sent.headers["Location"], sent.text[:2000]
    page = b.follow(sent)
    assert page.status_code == 200 and "Requested by Limen demo" in page.text, page.text[:2000]
    resp = b.follow(b.start(page, "mobile_app", person.user.password))
    number = approval_number(resp)
    out = device.ok("approve", "--number", number, RETYPE_FLAG, "Beneficiary account=EU-100-7")
    assert "Result: approved" in out, out
    shown = b.follow(b.approved(resp))
    assert shown.status_code == 200 and "/demo/sign/done" in shown.url, f"{shown.status_code} {shown.url}"
    assert sgs.has_id(shown, "receipt-verified"), shown.text[:3000]
    assert "250 EUA" in shown.text and "EU-100-7" in shown.text
