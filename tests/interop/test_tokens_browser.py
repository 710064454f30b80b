"""Hardware tokens (issue 16) in a real browser: headless Chromium (Debian's package) driven by
Playwright, on the two login pages a token user sees after the password — the code page of a
PASSWORD_TOKEN sign-in, with a code from Debian's `oathtool`, and that of a PASSWORD_TOKEN_CRAM
sign-in, showing the OCRA question whose response PyPI `oath` computes — each with a wrong code
first, shown as an error; the choice between several tokens; and My account's token pages. axe-core
(tests/interop/node_modules, as in test_authenticator_pwa.py) runs on every one of these pages:
no serious or critical violation.

The server's side of the same flows runs on both backends in test_tokens.py; what only a browser
shows is checked here, on SQLite only, to keep the file short. The CAS services are the Recorder
of limen_interop (the browser must be able to land on them); each ticket is validated at
/cas/p3/serviceValidate as a service would.
"""

from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest

import test_webauthn_browser as wb
import tokens_support as ts
from authenticator_pwa import axe_violations, failing, format_violations
from limen_interop import PASSWORD, LimenServer, Recorder, User, running_limen
from test_webauthn_browser import describe, expect, landed_on, shown, wait_for_one_of

log = logging.getLogger(__name__)

chromium = wb.chromium
service_site = wb.service_site
TIMEOUT_MS = 15_000
RELEASED = ["strength", "authenticationLevel"]


@dataclass
class BrowserWorld:
    server: LimenServer
    site: Recorder
    workdir: Path
    _n: itertools.count = field(default_factory=lambda: itertools.count(1))

    def token_app(self, tag: str) -> str:
        return self.site.url(f"/token-app/{tag}")

    def cram_app(self, tag: str) -> str:
        return self.site.url(f"/cram-app/{tag}")

    def new_user(self, tag: str) -> User:
        user = User(email=f"{tag}.{next(self._n)}@example.org", first_name="Ilse", last_name="Maes", password=PASSWORD)
        return ts.add_internal_user(self.server, user)

    def give(self, user: User | None, *tokens: ts.Token) -> None:
        ts.import_and_assign(self.server, list(tokens), user, self.workdir)

    def serial(self, tag: str) -> str:
        return ts.serial_for(tag, "br")


@pytest.fixture(scope="module")
def bw(tmp_path_factory, service_site):
    workdir = tmp_path_factory.mktemp("tokens-browser")
    with running_limen("sqlite", workdir, extra_args=["--dev"]) as server:
        server.add_service(
            "Token app", [service_site.url("/token-app/") + "*"], attributes=RELEASED, accept_strengths="PASSWORD_TOKEN"
        )
        server.add_service(
            "CRAM app",
            [service_site.url("/cram-app/") + "*"],
            attributes=RELEASED,
            accept_strengths="PASSWORD_TOKEN_CRAM",
        )
        yield BrowserWorld(server=server, site=service_site, workdir=workdir)


@pytest.fixture
def pages(chromium, request, tmp_path):
    """Opens pages, each in a context of its own that bypasses the CSP (for axe-core); on a
    failure, a screenshot of each goes to the test's tmp_path."""
    opened = []
    failed_before = request.session.testsfailed

    def open_page(label: str):
        context = chromium.new_context(locale="en-GB", bypass_csp=True)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.set_default_navigation_timeout(TIMEOUT_MS)
        page.on("dialog", lambda dialog: dialog.accept())
        opened.append((label, context, page))
        return page

    yield open_page
    if request.session.testsfailed > failed_before:
        for label, _context, page in opened:
            path = Path(tmp_path) / f"{label}.png"
            try:
                page.screenshot(path=str(path), full_page=True, timeout=5_000)
                log.error("screenshot of %r at %s: %s", label, page.url, path)
            except Exception as exc:  # noqa: BLE001 - a screenshot is only a help
                log.error("no screenshot of %r: %s", label, exc)
    for _label, context, _page in opened:
        context.close()


class Audit:
    """axe-core on the pages named, each violation logged; fails at the end on serious or
    critical ones."""

    def __init__(self) -> None:
        self.report: dict[str, list[dict]] = {}

    def __call__(self, name: str, page) -> None:
        self.report[name] = axe_violations(page)

    def check(self) -> None:
        everything = "\n".join(f"{name}:\n{format_violations(v)}" for name, v in self.report.items())
        log.info("axe-core, every violation:\n%s", everything)
        bad = {name: failing(v) for name, v in self.report.items() if failing(v)}
        if bad:
            pytest.fail(
                "serious or critical axe-core violations:\n"
                + "\n".join(f"{name}:\n{format_violations(v)}" for name, v in bad.items()),
                pytrace=False,
            )


# --------------------------------------------------------------------------------------------
# What the user does
# --------------------------------------------------------------------------------------------


def login_url(bw: BrowserWorld, service: str) -> str:
    return f"{bw.server.base_url}/cas/login?service={quote(service, safe='')}"


def to_method_page(page, bw: BrowserWorld, service: str, user: User) -> None:
    page.goto(login_url(bw, service))
    page.fill("#email", user.email)
    page.locator("form:has(#email) button[type=submit]:not(#passkey-login)").click()
    page.wait_for_selector("input[name=method]")


def choose_method(page, method: str, password: str) -> None:
    radio = page.locator(f"input[name=method][value={method}]")
    expect(radio.count() == 1, page, f"{method} should be offered")
    radio.check()
    page.fill("#password", password)
    page.locator("form:has(input[name=method]) button[type=submit]").click()


def code_page_text(page, selector: str) -> str:
    return " ".join(page.locator(selector).inner_text().split())


def type_code(page, code: str) -> None:
    page.fill("#code", code)
    page.locator("#code-form button[type=submit]").click()


def wait_code_error(page) -> str:
    wait_for_one_of(page, "the refused code", {"error": lambda: shown(page, "#code-error")})
    expect(page.locator("#code").get_attribute("aria-invalid") == "true", page, "#code should be aria-invalid")
    return code_page_text(page, "#code-error")


def assert_ticket(bw: BrowserWorld, service: str, page, strength: str) -> None:
    ticket = ts.ticket_from_location(page.url, service)
    found = ts.validate(bw.server, service, ticket)
    assert found.get("strength") == strength, found["_xml"]
    assert found.get("authenticationLevel") == "HIGH", found["_xml"]


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


def test_axe_reports_what_it_finds(pages):
    """The harness itself: axe-core injected into a page with a known violation reports it, so
    that an empty report on Limen's pages means something."""
    page = pages("axe-probe")
    page.set_content(
        '<html lang="en"><head><title>probe</title></head><body><main><img src="x.png"></main></body></html>'
    )
    found = {v["id"]: v["impact"] for v in axe_violations(page)}
    assert found.get("image-alt") == "critical", f"axe should report the image without alt: {found}"


def test_a_token_sign_in_with_oathtool_codes(bw, pages):
    user = bw.new_user("hotp")
    t = ts.hotp_token(bw.serial("hotp"), name="Desk token")
    bw.give(user, t)
    service = bw.token_app("hotp")
    page = pages("hotp")
    audit = Audit()

    to_method_page(page, bw, service, user)
    audit("password page (token methods)", page)
    choose_method(page, "PASSWORD_TOKEN", user.password)
    page.wait_for_selector("#code-form")
    expect(t.serial in code_page_text(page, "#code-device"), page, f"#code-device should show {t.serial}")
    expect(page.locator("#code-challenge").count() == 0, page, "no question for an HOTP token")
    audit("code page", page)

    type_code(page, "000000" if t.hotp_at(0) != "000000" else "111111")
    error = wait_code_error(page)
    expect(bool(error), page, "a wrong code should be explained")
    audit("code page (wrong code)", page)

    type_code(page, t.press())
    wait_for_one_of(page, "the right oathtool code", {"arrived": lambda: landed_on(service)(page)})
    assert_ticket(bw, service, page, "PASSWORD_TOKEN")
    audit.check()


def test_a_cram_sign_in_with_oath_responses(bw, pages):
    user = bw.new_user("cram")
    t = ts.ocra_token(bw.serial("cram"), name="Calculator")
    bw.give(user, t)
    service = bw.cram_app("cram")
    page = pages("cram")
    audit = Audit()

    to_method_page(page, bw, service, user)
    choose_method(page, "PASSWORD_TOKEN_CRAM", user.password)
    page.wait_for_selector("#code-challenge")
    question = code_page_text(page, "#code-challenge")
    expect(re.fullmatch(r"[0-9]{8}", question) is not None, page, f"QN08: 8 digits, got {question!r}")
    expect(t.serial in code_page_text(page, "#code-device"), page, f"#code-device should show {t.serial}")
    audit("CRAM code page", page)

    right = t.respond(question)
    type_code(page, f"{(int(right) + 1) % 10**6:06d}")
    wait_code_error(page)
    audit("CRAM code page (wrong response)", page)

    question = code_page_text(page, "#code-challenge")
    type_code(page, t.respond(question))
    wait_for_one_of(page, "oath's response", {"arrived": lambda: landed_on(service)(page)})
    assert_ticket(bw, service, page, "PASSWORD_TOKEN_CRAM")
    audit.check()


def test_the_choice_between_two_tokens(bw, pages):
    user = bw.new_user("choice")
    desk = ts.hotp_token(bw.serial("desk"), name="Desk token")
    travel = ts.hotp_token(bw.serial("travel"), name="Travel token", tool="pyotp")
    bw.give(user, desk, travel)
    service = bw.token_app("choice")
    page = pages("choice")
    audit = Audit()

    to_method_page(page, bw, service, user)
    choose_method(page, "PASSWORD_TOKEN", user.password)
    page.wait_for_selector("button.webauthn-device-choice")
    labels = sorted(" ".join(x.split()) for x in page.locator("button.webauthn-device-choice").all_inner_texts())
    expect(len(labels) == 2, page, f"two buttons, got {labels}")
    expect("Desk token" in labels[0] and desk.serial in labels[0], page, f"name and serial: {labels}")
    expect("Travel token" in labels[1] and travel.serial in labels[1], page, f"name and serial: {labels}")
    audit("token choice page", page)
    page.locator("button.webauthn-device-choice", has_text="Travel token").click()
    page.wait_for_selector("#code-form")
    expect(travel.serial in code_page_text(page, "#code-device"), page, "the chosen token's serial")
    type_code(page, travel.press())
    wait_for_one_of(page, "the chosen token", {"arrived": lambda: landed_on(service)(page)})
    assert_ticket(bw, service, page, "PASSWORD_TOKEN")
    audit.check()


def test_my_account_token_pages(bw, pages):
    user = bw.new_user("account")
    t = ts.hotp_token(bw.serial("account"))
    bw.give(None, t)
    page = pages("account")
    audit = Audit()
    base = bw.server.base_url

    page.goto(base + "/account/tokens")
    page.fill("#email", user.email)
    page.locator("form:has(#email) button[type=submit]:not(#passkey-login)").click()
    page.wait_for_selector("input[name=method]")
    choose_method(page, "PASSWORD", user.password)
    page.wait_for_url(base + "/account/tokens")
    expect(page.locator("#token-list .token").count() == 0, page, "no token yet")
    audit("token list (empty)", page)

    page.goto(base + "/account/tokens/add")
    page.wait_for_selector("#token-serial")
    audit("add a token, step 1", page)
    page.fill("#token-serial", t.serial)
    page.fill("#token-name", "Blue token")
    page.locator("form:has(#token-serial) button[type=submit]").click()
    page.wait_for_selector("#token-code")
    audit("add a token, step 2", page)
    page.fill("#token-code", t.press())
    page.fill("#token-code2", t.press())
    page.locator("form:has(#token-code) button[type=submit]").click()
    wait_for_one_of(
        page,
        "the token added",
        {"listed": lambda: page.url.split("?")[0] == base + "/account/tokens" and shown(page, "#token-list .token")},
    )
    row = page.locator("#token-list .token")
    expect(row.count() == 1, page, "one token listed")
    text = " ".join(row.inner_text().split())
    expect(t.serial in text and "Blue token" in text, page, f"serial and name in the row: {text!r}")
    audit("token list (one token)", page)
    assert ts.token_show(bw.server, t.serial)["account"] == user.email, describe(page)
    audit.check()
