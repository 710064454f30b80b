"""PANIC, the Authentication methods page and "Always require multi-factor authentication" in a
real browser: headless Chromium (Debian's package) driven by Playwright, with the Chrome DevTools
virtual authenticator standing in for the user's security key and passkey, as in
test_webauthn_browser.py (whose fixtures, devices and page helpers this module reuses).

What a user does (issue 12): My account → "Remove all my devices (PANIC)" after losing their
devices, with the password and a ticked box. That removes nothing yet: Limen mails a link to the
account's address (valid one hour, used once), and PANIC happens when the link is followed and its
page's button pressed (a mail scanner opening the link removes nothing). Then every key and
passkey goes, every session of the account ends (in every browser, this one's cookie too), every
OpenID Connect grant is revoked (offline ones included), a security e-mail in the user's language
says so, and the page names the services now out of reach (the one accepting only
PASSWORD_WEBAUTHN, whose sign-in page then offers no method). Signed out, the sign-in page's
"Lost your security key or other devices?" leads to the same form with the address: the way back
for a user whose account always requires the key they lost. What PANIC refuses: a wrong password
or an unknown address, an unticked box, an internal user, a link already used or unknown.
My account → "Authentication methods": the factors, and "Always require multi-factor
authentication", which cannot be turned on without a key, signs out every other session of the
account when turned on, makes every login end with the key (the demo service, which accepts the
password alone, then receives PASSWORD_WEBAUTHN; a service accepting only PASSWORD still gets
PASSWORD, after the key's ceremony; an OpenID Connect client gets amr "mfa", and answering its
consent page needs the key too), applies to My account itself (a session that proved the password
only is sent to the key), and can only be turned off after proving the key.

Limen runs with `--dev`: its mail goes to the development outbox, the `.eml` files of
`data/outbox` in its working directory, which the tests read back with Python's `email` package.
Internal users are those of INTERNAL_DOMAIN (`internal_domains`); the others are external.
"""

from __future__ import annotations

import email
import email.policy
import os
import re
import time
from dataclasses import dataclass
from email.message import EmailMessage
from html import unescape
from pathlib import Path

import pytest
import requests

import test_webauthn_browser as wb
from limen_interop import PASSWORD, REPO_ROOT, User, page_links, running_limen
from oidc_support import (
    OidcBrowser,
    RelyingParty,
    discovery,
    expect_unauthorized,
    query_params,
    register_client,
    token_error,
)
from test_webauthn_browser import (
    Tab,
    WebAuthnWorld,
    add_device,
    assert_strength,
    expect,
    finish_key_ceremony,
    foreign_key,
    landed_on,
    login_url,
    method_values,
    new_account_with,
    security_key,
    shown,
    sign_in_with_password,
    step_up_with_key,
    submit_email,
    submit_method,
    validate,
    wait_for_one_of,
)

# The browser and its tabs (with screenshots on failure): the fixtures of the WebAuthn tests.
chromium = wb.chromium
tabs = wb.tabs
service_site = wb.service_site

MAIL_TIMEOUT = 15.0
INTERNAL_DOMAIN = "staff.example.net"
PANIC_SUBJECT = "All verification methods were removed from your account (PANIC)"
CONFIRM_SUBJECT = "Confirm PANIC: remove all the devices of your account"
CONFIRM_PATH = "/account/methods/panic/confirm"
MFA_ON_SUBJECT = "Multi-factor authentication is now always required"
MFA_OFF_SUBJECT = "Multi-factor authentication is no longer always required"
FR_LOCALE = REPO_ROOT / "crates/limen-web/locales/fr/main.ftl"
WRONG_PASSWORD = "Wr0ng-Horse-Battery!"


def ftl_value(path: Path, key: str) -> str:
    text = path.read_text(encoding="utf-8")
    m = re.search(rf"^{re.escape(key)}\s*=\s*(.+)$", text, re.MULTILINE)
    assert m, f"{key} is not in {path}"
    return m.group(1).strip()


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


@dataclass
class PanicWorld(WebAuthnWorld):
    def password_only_app(self, tag: str) -> str:
        """A URL of the service accepting PASSWORD only, one per test."""
        return self.site.url(f"/password-only-app/{self.server.label}-{tag}")

    @property
    def demo(self) -> str:
        """The built-in demo service (accepts every strength)."""
        return self.base + "/demo/"

    def new_user(self, tag: str, domain: str = "example.org", language: str | None = None) -> User:
        user = User(
            email=f"{tag}.{next(self._users)}.{self.server.label}@{domain}",
            first_name="Zofia",
            last_name="Kowalska",
            password=PASSWORD,
        )
        if language is None:
            self.server.add_user(user)
        else:
            self.server.cli(
                "user",
                "add",
                "--database",
                self.server.database_url,
                "--email",
                user.email,
                "--first-name",
                user.first_name or "",
                "--last-name",
                user.last_name,
                "--email-language",
                language,
                "--password-stdin",
                stdin=user.password + "\n",
            )
        return user

    # The development outbox -----------------------------------------------------------------
    def mails_to(self, address: str) -> list[EmailMessage]:
        outbox = self.server.workdir / "data" / "outbox"
        found = []
        for path in sorted(outbox.glob("*.eml")) if outbox.is_dir() else []:
            msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if address in str(msg.get("To", "")):
                found.append(msg)
        return found

    def mail_ids(self, address: str) -> set[str]:
        """The Message-IDs of the mail sent to `address` so far (to wait for a newer one)."""
        return {str(m.get("Message-ID", "")) for m in self.mails_to(address)}

    def wait_for_mail(self, address: str, subject: str, since: set[str] | None = None) -> EmailMessage:
        """The mail `subject` to `address`, waited for; with `since` (see mail_ids), a new one."""
        deadline = time.monotonic() + MAIL_TIMEOUT
        while True:
            for msg in self.mails_to(address):
                if str(msg.get("Subject", "")) == subject and str(msg.get("Message-ID", "")) not in (since or set()):
                    return msg
            if time.monotonic() > deadline:
                subjects = [str(m.get("Subject", "")) for m in self.mails_to(address)]
                raise AssertionError(f"no mail {subject!r} to {address} after {MAIL_TIMEOUT} s; its mail: {subjects}")
            time.sleep(0.2)

    def subjects_to(self, address: str) -> list[str]:
        return [str(m.get("Subject", "")) for m in self.mails_to(address)]

    def panic_link(self, address: str, subject: str = CONFIRM_SUBJECT, since: set[str] | None = None) -> str:
        """The link of the mail that confirms PANIC (the one sent after `since`, see mail_ids):
        the single link of its text part, the button of its HTML part."""
        msg = self.wait_for_mail(address, subject, since)
        text = mail_text(msg)
        links = re.findall(r"https?://\S+", text)
        prefix = self.base + CONFIRM_PATH + "?token="
        assert len(links) == 1 and links[0].startswith(prefix), f"the links of the text part: {links}\n{text}"
        link = links[0]
        assert len(link) > len(prefix) + 20, f"the link's token is too short: {link}"
        html = msg.get_body(preferencelist=("html",))
        assert html is not None, f"no HTML part in {msg}"
        hrefs = [unescape(h) for h, _label in page_links(html.get_content()) if h.startswith("http")]
        assert link in hrefs, f"the HTML part should lead to {link}; its links: {hrefs}"
        return link


def mail_text(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    assert part is not None, f"no text part in {msg}"
    return part.get_content()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def pm(request, tmp_path_factory, service_site):
    """A fresh `limen serve --dev` reached as http://localhost:PORT, with a service accepting
    every strength, a key-only one (PASSWORD_WEBAUTHN) and a password-only one (PASSWORD)."""
    backend = request.param
    if backend == "postgres" and not os.environ.get("LIMEN_TEST_PG"):
        pytest.skip("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
    workdir = tmp_path_factory.mktemp(f"panic-mfa-browser-{backend}")
    with running_limen(
        backend,
        workdir,
        public_host="localhost",
        extra_args=["--dev"],
        extra_env={"LIMEN_INTERNAL_DOMAINS": f'["{INTERNAL_DOMAIN}"]'},
    ) as server:
        released = ["strength", "authenticationLevel"]
        server.add_service("Password app", [service_site.url("/password-app/") + "*"], attributes=released)
        server.add_service(
            "Key-only app",
            [service_site.url("/webauthn-app/") + "*"],
            attributes=released,
            accept_strengths="PASSWORD_WEBAUTHN",
        )
        server.add_service(
            "Password-only app",
            [service_site.url("/password-only-app/") + "*"],
            attributes=released,
            accept_strengths="PASSWORD",
        )
        yield PanicWorld(server=server, site=service_site)


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


def texts(page, selector: str) -> list[str]:
    return [t.strip() for t in page.locator(selector).all_inner_texts()]


def account_state(tab: Tab, pm: PanicWorld) -> str:
    """What My account makes of this browser: "signed in" (it opens), "step-up" (a session that
    must prove its second factor first: the login page asks for the key, not the password) or
    "signed out" (the login page asks who it is, or for the password of the address it recalls)."""
    page = tab.page
    page.goto(pm.base + "/account")
    if page.url == pm.base + "/account":
        return "signed in"
    expect(
        page.url.startswith(pm.base + "/cas/login?next=%2Faccount"),
        page,
        "My account should either open or send to the sign-in page",
    )
    return wait_for_one_of(
        page,
        "the sign-in page of My account",
        {
            "step-up": lambda: shown(page, "#stepup-notice") and page.locator("#password").count() == 0,
            "signed out": lambda: shown(page, "#email") or shown(page, "#password"),
        },
    )


def signed_out(tab: Tab, pm: PanicWorld) -> bool:
    """Whether this browser holds no session at all (My account asks it to sign in again)."""
    return account_state(tab, pm) == "signed out"


def open_methods(tab: Tab, pm: PanicWorld) -> None:
    """My account → "Authentication methods"."""
    page = tab.page
    page.goto(pm.base + "/account")
    expect(page.url == pm.base + "/account", page, "My account should be open (signed in)")
    link = page.locator("a[href='/account/methods']")
    expect(link.count() == 1, page, "My account should link to /account/methods")
    link.click()
    page.wait_for_url(pm.base + "/account/methods")
    page.wait_for_selector("#mfa-status")


def mfa_on(page) -> bool:
    value = page.locator("#mfa-status").get_attribute("data-on")
    expect(value in ("true", "false"), page, f"#mfa-status data-on should be true or false, got {value!r}")
    return value == "true"


def submit_mfa_form(page, base: str) -> int:
    """Clicks #mfa-submit; returns the status of the POST /account/methods/mfa."""
    with page.expect_response(lambda r: r.request.method == "POST" and r.url == base + "/account/methods/mfa") as info:
        page.click("#mfa-submit")
    status = info.value.status
    page.wait_for_load_state()
    return status


def turn_mfa_on(tab: Tab, pm: PanicWorld, proven: bool = False, step_up_with=None) -> None:
    """Turns "Always require multi-factor authentication" on from the Authentication methods
    page. My account applies the rule at once: a session that proved the key (`proven`) is back
    on the page with the notice; one that proved the password only is sent to the key's step-up,
    done with `step_up_with` when given (back on the page), left on the step-up page otherwise."""
    page = tab.page
    open_methods(tab, pm)
    expect(not mfa_on(page), page, "multi-factor authentication should be off before")
    expect(
        page.locator("#mfa-form input[name=enabled]").input_value() == "1",
        page,
        "the form should turn it on (enabled=1)",
    )
    status = submit_mfa_form(page, pm.base)
    expect(status == 303, page, f"turning it on should redirect, got {status}")
    if proven:
        page.wait_for_url(pm.base + "/account/methods?mfa=on")
        expect(shown(page, "#notice"), page, "turning it on should show #notice")
        expect(mfa_on(page), page, "#mfa-status should say on")
        return
    # The step-up comes back to the page with its notice.
    page.wait_for_url(pm.base + "/cas/login?next=%2Faccount%2Fmethods%3Fmfa%3Don")
    page.wait_for_selector("#stepup-notice")
    expect(
        method_values(page) == ["PASSWORD_WEBAUTHN"],
        page,
        "a password session of an account always requiring MFA should be asked for the key",
    )
    if step_up_with is not None:
        back = pm.base + "/account/methods?mfa=on"
        step_up_with_key(tab, step_up_with, lambda p: p.url == back, "step-up after turning MFA on")
        page.wait_for_selector("#mfa-status")
        expect(mfa_on(page), page, "#mfa-status should say on")
        expect(shown(page, "#notice"), page, "the notice should survive the step-up")


def submit_panic(
    page, base: str, password: str, tick: bool = True, validate_in_browser: bool = True, email: str | None = None
) -> int:
    """Fills the PANIC form (with `email` when signed out) and submits it; returns the status
    of the POST."""
    page.wait_for_selector("#panic-form")
    if email is not None:
        page.fill("#email", email)
    page.fill("#password", password)
    if tick:
        page.check("#confirm")
    if not validate_in_browser:
        page.evaluate("document.getElementById('panic-form').noValidate = true")
    with page.expect_response(
        lambda r: r.request.method == "POST" and r.url == base + "/account/methods/panic"
    ) as info:
        page.click("#panic-submit")
    status = info.value.status
    page.wait_for_load_state()
    return status


def request_panic(page, pm: PanicWorld, user: User, email: str | None = None) -> str:
    """Submits the PANIC form with the right password (and `email` when signed out): the page
    says a link was mailed; returns the link of that mail."""
    since = pm.mail_ids(user.email)
    status = submit_panic(page, pm.base, user.password, email=email)
    expect(status == 200, page, f"asking for PANIC should succeed, got {status}")
    expect(shown(page, "#panic-sent"), page, "the page should say a link was mailed (#panic-sent)")
    expect(not shown(page, "#panic-done"), page, "nothing is removed before the link is followed")
    return pm.panic_link(user.email, since=since)


def open_panic_link(page, link: str) -> None:
    """The link of the mail, in the browser: a page with a button, nothing done yet."""
    resp = page.goto(link)
    expect(resp is not None and resp.status == 200, page, f"the link should open (200), got {resp and resp.status}")
    expect(shown(page, "form#panic-confirm-form"), page, "the link should show form#panic-confirm-form")
    expect(shown(page, "#panic-confirm-submit"), page, "the link's page should have #panic-confirm-submit")
    expect(not shown(page, "#panic-done"), page, "opening the link alone must not remove anything")


def confirm_panic(page, base: str) -> int:
    """Presses #panic-confirm-submit; returns the status of the POST."""
    with page.expect_response(lambda r: r.request.method == "POST" and r.url == base + CONFIRM_PATH) as info:
        page.click("#panic-confirm-submit")
    status = info.value.status
    page.wait_for_load_state()
    return status


def scan_link(link: str) -> None:
    """What a mail scanner does with the link: a GET, without any cookie."""
    resp = requests.get(link, timeout=15)
    assert resp.status_code == 200, f"the scanner's GET of the link: {resp.status_code}\n{resp.text[:2000]}"
    assert 'id="panic-confirm-form"' in resp.text, resp.text[:3000]
    assert 'id="panic-done"' not in resp.text, resp.text[:3000]


def assert_link_gone(page, what: str) -> None:
    """The page of a PANIC link that is used, expired or unknown."""
    expect(shown(page, "#panic-error"), page, f"{what}: #panic-error expected")
    expect(
        "not valid any more" in page.locator("#panic-error").inner_text(),
        page,
        f"{what}: the error should say the link is not valid any more",
    )
    expect(not shown(page, "#panic-done"), page, f"{what}: no #panic-done")
    expect(page.locator("#panic-confirm-form").count() == 0, page, f"{what}: no confirmation form")


def key_names(tab: Tab, pm: PanicWorld) -> list[str]:
    """The names in the security key list of My account."""
    page = tab.page
    page.goto(pm.base + "/account/webauthn")
    expect(page.url == pm.base + "/account/webauthn", page, "the key list should open (signed in)")
    return wb.device_names(page)


def demo_attributes(page) -> dict[str, str]:
    rows = page.locator("#demo-attributes tbody tr")
    found = {}
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        found[cells.nth(0).inner_text().strip()] = cells.nth(1).inner_text().strip()
    return found


def sign_in_with_key(tab: Tab, pm: PanicWorld, user: User, device, service: str, arrival, choose=None) -> None:
    """From the sign-in page of `service`: the e-mail, the key method with the password, the
    choice of `choose` when the user has several keys, the ceremony with `device`, the arrival."""
    page = tab.page
    page.goto(login_url(pm, service))
    submit_email(page, user)
    tab.plug(device)
    submit_method(page, "PASSWORD_WEBAUTHN", user.password)
    outcome = finish_key_ceremony(tab, arrival, f"sign-in with {device.name!r} to {service}", choose=choose)
    expect(outcome == "arrived", page, f"the sign-in with {device.name!r} should reach {service}")


def key_answers(page) -> list[str]:
    """Records the answers to key ceremonies this page sends to Limen."""
    answers: list[str] = []
    page.on(
        "request",
        lambda r: (
            answers.append(r.url)
            if r.method == "POST" and r.url.split("?")[0].endswith("/cas/login/webauthn")
            else None
        ),
    )
    return answers


def demo_tickets(page) -> list[str]:
    """Records the ticket arrivals of the demo service in this page."""
    arrivals: list[str] = []
    page.on("request", lambda r: arrivals.append(r.url) if "/demo/?ticket=" in r.url else None)
    return arrivals


# --------------------------------------------------------------------------------------------
# PANIC
# --------------------------------------------------------------------------------------------


def test_panic_removes_every_key_and_ends_every_session(pm, tabs):
    key, phone = security_key("Office key"), wb.passkey("My phone")
    user, owner = new_account_with(tabs, pm, "panic", key, phone)
    owner.unplug()
    page = owner.page
    key_service = pm.webauthn_app("panic")
    password_service = pm.password_app("panic")

    # The Authentication methods page lists both, and MFA is turned on (PANIC turns it off
    # again: without a key it could not be honoured).
    open_methods(owner, pm)
    rows = page.locator("#factors tr.factor")
    expect(rows.count() == 2, page, "two factors should be listed")
    seen = {}
    for i in range(rows.count()):
        row = rows.nth(i)
        name = row.get_attribute("data-name")
        seen[name] = (row.get_attribute("data-method"), row.get_attribute("data-kind"))
        expect(row.locator(".factor-name").inner_text().strip() == name, page, f"the name cell of {name!r}")
        expect(row.locator(".factor-added").inner_text().strip() != "", page, f"the date {name!r} was added")
        expect(row.locator(".factor-last-used").count() == 1, page, f"the .factor-last-used cell of {name!r}")
    expect(
        seen == {"Office key": ("PASSWORD_WEBAUTHN", "security_key"), "My phone": ("PASSWORD_WEBAUTHN", "passkey")},
        page,
        f"the factors' data-name, data-method and data-kind: {seen}",
    )
    kinds = {t.strip() for t in page.locator("#factors tr.factor .factor-kind").all_inner_texts()}
    expect(kinds == {"Security key", "Passkey"}, page, f"the kind cells: {kinds}")
    expect(page.locator("#no-factors").count() == 0, page, "#no-factors with keys registered")
    # This session proved "Office key" (the step-up to add the phone): it stays on the page.
    turn_mfa_on(owner, pm, proven=True)

    # Another browser signs in with the key: the key-only service is reachable before PANIC.
    other = tabs("panic-other")
    sign_in_with_key(other, pm, user, key, key_service, landed_on(key_service), choose="Office key")
    assert_strength(validate(pm, key_service, other.page), "PASSWORD_WEBAUTHN", "MEDIUM")
    other.unplug()
    expect(not signed_out(other, pm), other.page, "the other browser should be signed in before PANIC")

    # My account → "Remove all my devices (PANIC)".
    page.goto(pm.base + "/account")
    tile = page.locator("a#panic-tile")
    expect(tile.count() == 1, page, "My account should have the PANIC tile")
    expect(tile.get_attribute("href") == "/account/methods/panic", page, "the PANIC tile's link")
    expect("Remove all my devices (PANIC)" in tile.inner_text(), page, "the PANIC tile's text")
    tile.click()
    page.wait_for_url(pm.base + "/account/methods/panic")
    expect(page.locator("#panic-form #email").count() == 0, page, "signed in, the form does not ask the address")
    link = request_panic(page, pm, user)

    # Nothing is removed before the link is followed: both keys are listed, both browsers are
    # still signed in, no PANIC security e-mail.
    expect(key_names(owner, pm) == ["My phone", "Office key"], page, "the keys should still be there")
    expect(account_state(owner, pm) == "signed in", page, "this browser should still be signed in")
    expect(account_state(other, pm) == "signed in", other.page, "the other browser should still be signed in")
    assert PANIC_SUBJECT not in pm.subjects_to(user.email), pm.subjects_to(user.email)

    # A mail scanner opening the link (a GET) removes nothing either.
    scan_link(link)
    scan_link(link)
    expect(key_names(owner, pm) == ["My phone", "Office key"], page, "a GET of the link must remove nothing")
    expect(account_state(other, pm) == "signed in", other.page, "a GET of the link must end no session")
    assert PANIC_SUBJECT not in pm.subjects_to(user.email), pm.subjects_to(user.email)

    # The user follows the link in this browser (and leaves it open in a second window too),
    # and presses the button.
    second = owner.context.new_page()
    open_panic_link(second, link)
    open_panic_link(page, link)
    expect(user.email in page.locator("main").inner_text(), page, "the confirmation page should name the account")
    status = confirm_panic(page, pm.base)
    expect(status == 200, page, f"PANIC should succeed, got {status}")
    page.wait_for_selector("#panic-done")
    removed = texts(page, "ul#removed li")
    expect(sorted(removed) == ["My phone", "Office key"], page, f"both removed devices should be named: {removed}")
    expect(
        texts(page, "ul#unreachable li") == ["Key-only app"],
        page,
        "exactly the service accepting only PASSWORD_WEBAUTHN should be out of reach",
    )
    expect(page.locator("#unreachable-none").count() == 0, page, "#unreachable-none with a key-only service")

    # Every session ended: this browser's (its cookie is gone) and the other one's.
    cookies = [c["name"] for c in owner.context.cookies() if c["name"] == "limen_sso" and c["value"]]
    expect(cookies == [], page, "the PANIC answer should clear this browser's limen_sso cookie")
    expect(signed_out(owner, pm), page, "this browser should be signed out after PANIC")
    expect(signed_out(other, pm), other.page, "the other browser should be signed out after PANIC")
    before = len(pm.tickets_received(password_service))
    other.page.goto(login_url(pm, password_service))
    wait_for_one_of(
        other.page,
        "the other browser's sign-in page",
        {"login": lambda: shown(other.page, "#email") or other.page.locator("input[name=method]").count() > 0},
    )
    expect(not landed_on(password_service)(other.page), other.page, "no ticket without a session")
    assert len(pm.tickets_received(password_service)) == before, pm.tickets_received(password_service)

    # The security e-mail, in the user's language (English here), naming the devices.
    mail = pm.wait_for_mail(user.email, PANIC_SUBJECT)
    assert "Office key" in mail_text(mail) and "My phone" in mail_text(mail), mail_text(mail)

    # The link works once: the button of the second window is refused, so is the link itself.
    status = confirm_panic(second, pm.base)
    expect(status == 400, second, f"a second POST of the same link should be refused with 400, got {status}")
    assert_link_gone(second, "the second POST of the link")
    second.close()
    resp = page.goto(link)
    expect(resp.status == 400, page, f"the used link should answer 400, got {resp.status}")
    assert_link_gone(page, "the used link")
    assert pm.subjects_to(user.email).count(PANIC_SUBJECT) == 1, pm.subjects_to(user.email)

    # Signed in again with the password alone (MFA was turned off with the last key): no key.
    sign_in_with_password(owner, pm, user, pm.base + "/account", pm.base + "/account")
    expect(key_names(owner, pm) == [], page, "no key should be left")
    expect(wb.device_rows(page).count() == 0, page, "the key list should be empty")
    page.goto(pm.base + "/account/methods")
    expect(shown(page, "#no-factors"), page, "the Authentication methods page should show #no-factors")
    expect(page.locator("tr.factor").count() == 0, page, "no factor row")
    expect(not mfa_on(page), page, "MFA should be off once no key is left")

    # The key-only service can no longer be reached: the page says there is no method and
    # offers to register one, in this browser (password session) and in a new one.
    page.goto(login_url(pm, key_service))
    page.wait_for_selector("#no-method")
    expect(page.locator("input[name=method]").count() == 0, page, "no method should be offered")
    expect(page.locator("#no-method a").count() >= 1, page, "#no-method should link to registering a key")
    fresh = tabs("panic-fresh")
    fresh.page.goto(login_url(pm, key_service))
    fresh.page.fill("#email", user.email)
    fresh.page.locator("form:has(#email) button[type=submit]:not(#passkey-login)").click()
    outcome = wait_for_one_of(
        fresh.page,
        "the method page of the key-only service after PANIC",
        {"no method": lambda: shown(fresh.page, "#no-method"), "methods": lambda: shown(fresh.page, "#password")},
    )
    expect(outcome == "no method", fresh.page, "with no key left, the key-only service must offer no method")
    expect(fresh.page.locator("#password").count() == 0, fresh.page, "no password field: it cannot sign in alone")
    assert len(pm.tickets_received(key_service)) == 1, pm.tickets_received(key_service)

    # The phone still holds its passkey; Limen no longer knows it.
    assert phone.credentials, "the virtual phone should still hold its credential"
    lost = tabs("panic-passkey")
    lost.plug(phone)
    outcome = wb.passkey_login(lost, pm, key_service)
    expect(outcome == "error", lost.page, "a passkey removed by PANIC must be refused")
    assert len(pm.tickets_received(key_service)) == 1, pm.tickets_received(key_service)


def test_panic_refuses_a_wrong_password_and_an_unticked_box(pm, tabs):
    key = security_key("Office key")
    user, owner = new_account_with(tabs, pm, "panic-refused", key)
    owner.unplug()
    page = owner.page
    panic_url = pm.base + "/account/methods/panic"

    # A wrong password: 401, #panic-error, nothing removed, still signed in.
    page.goto(panic_url)
    status = submit_panic(page, pm.base, WRONG_PASSWORD)
    expect(status == 401, page, f"a wrong password should be refused with 401, got {status}")
    expect(shown(page, "#panic-error"), page, "a wrong password should show #panic-error")
    expect(not shown(page, "#panic-done"), page, "no #panic-done after a wrong password")
    expect(key_names(owner, pm) == ["Office key"], page, "the key should still be there")

    # The box left unticked: the browser itself refuses to send the form (the box is required)...
    page.goto(panic_url)
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.fill("#password", user.password)
    page.click("#panic-submit")
    page.wait_for_timeout(1000)
    expect(posts == [], page, f"the browser should not send the form with the box unticked, sent {posts}")
    expect(page.url == panic_url, page, "the form should stay on screen")
    # ... and Limen refuses it when it is sent anyway: 400, #panic-error.
    status = submit_panic(page, pm.base, user.password, tick=False, validate_in_browser=False)
    expect(status == 400, page, f"an unticked box should be refused with 400, got {status}")
    expect(shown(page, "#panic-error"), page, "an unticked box should show #panic-error")
    expect("Tick the box" in page.locator("#panic-error").inner_text(), page, "the error should ask to tick the box")
    expect(key_names(owner, pm) == ["Office key"], page, "the key should still be there")
    expect(not signed_out(owner, pm), page, "a refused PANIC must not end the session")
    time.sleep(1)  # a PANIC mail, had one been queued, would be in the outbox by now
    assert PANIC_SUBJECT not in pm.subjects_to(user.email), pm.subjects_to(user.email)
    assert CONFIRM_SUBJECT not in pm.subjects_to(user.email), "a refused PANIC must not mail a link"

    # A link Limen never sent: refused, whether opened or posted (a token changed in the form).
    resp = page.goto(pm.base + CONFIRM_PATH + "?token=not-a-token-limen-sent")
    expect(resp.status == 400, page, f"an unknown link should answer 400, got {resp.status}")
    assert_link_gone(page, "an unknown link")

    # The same form, filled in properly, mails the link; following it removes the key.
    page.goto(panic_url)
    link = request_panic(page, pm, user)
    expect(key_names(owner, pm) == ["Office key"], page, "the key should still be there before the link")
    open_panic_link(page, link)
    page.locator("#panic-confirm-form input[name=token]").evaluate("input => { input.value = input.value + 'x'; }")
    status = confirm_panic(page, pm.base)
    expect(status == 400, page, f"a changed token should be refused with 400, got {status}")
    assert_link_gone(page, "a changed token")
    expect(key_names(owner, pm) == ["Office key"], page, "the key should still be there after a changed token")
    open_panic_link(page, link)
    status = confirm_panic(page, pm.base)
    expect(status == 200 and shown(page, "#panic-done"), page, f"PANIC should succeed now, got {status}")
    expect(texts(page, "ul#removed li") == ["Office key"], page, "the removed key should be named")
    pm.wait_for_mail(user.email, PANIC_SUBJECT)


def test_panic_is_refused_to_internal_users(pm, tabs):
    user = pm.new_user("panic-internal", domain=INTERNAL_DOMAIN)
    tab = tabs("panic-internal")
    page = tab.page
    sign_in_with_password(tab, pm, user, pm.base + "/account", pm.base + "/account")
    key = security_key("Office key")
    add_device(tab, pm, key)
    tab.unplug()

    resp = page.goto(pm.base + "/account/methods/panic")
    expect(resp.status == 403, page, f"PANIC should be refused to an internal user (403), got {resp.status}")
    expect(shown(page, "#panic-error"), page, "the refusal should show #panic-error")
    expect(page.locator("#panic-form").count() == 0, page, "no PANIC form for an internal user")

    # Sent anyway (with the CSRF token of another form of the session): refused as well.
    page.goto(pm.base + "/account/methods")
    csrf = page.locator("#mfa-form input[name=csrf_token]").input_value()
    answer = tab.context.request.post(
        pm.base + "/account/methods/panic",
        form={"csrf_token": csrf, "password": user.password, "confirm": "yes"},
        max_redirects=0,
    )
    assert answer.status == 403, f"a PANIC form of an internal user should get 403, got {answer.status}"
    assert 'id="panic-error"' in answer.text(), answer.text()[:3000]
    expect(key_names(tab, pm) == ["Office key"], page, "the key should still be there")

    # Signed out, from the sign-in page's form (address, password, box): refused as well.
    visitor = tabs("panic-internal-visitor")
    visitor.page.goto(pm.base + "/account/methods/panic")
    status = submit_panic(visitor.page, pm.base, user.password, email=user.email)
    expect(status == 403, visitor.page, f"PANIC signed out should be refused to an internal user, got {status}")
    expect(shown(visitor.page, "#panic-error"), visitor.page, "the refusal should show #panic-error")
    expect(not shown(visitor.page, "#panic-sent"), visitor.page, "no link for an internal user")
    expect(key_names(tab, pm) == ["Office key"], page, "the key should still be there")
    time.sleep(1)  # a PANIC mail, had one been queued, would be in the outbox by now
    assert PANIC_SUBJECT not in pm.subjects_to(user.email), pm.subjects_to(user.email)
    assert CONFIRM_SUBJECT not in pm.subjects_to(user.email), pm.subjects_to(user.email)


def test_panic_without_a_device_mails_the_user_in_their_language(pm, tabs):
    user = pm.new_user("panic-fr", language="fr")
    tab = tabs("panic-fr")
    page = tab.page
    sign_in_with_password(tab, pm, user, pm.base + "/account", pm.base + "/account")
    page.goto(pm.base + "/account/methods")
    expect(shown(page, "#no-factors"), page, "a new account has no factor")

    page.goto(pm.base + "/account/methods/panic")
    since = pm.mail_ids(user.email)
    status = submit_panic(page, pm.base, user.password)
    expect(status == 200 and shown(page, "#panic-sent"), page, f"asking for PANIC should succeed, got {status}")
    # The link comes in French, the account's e-mail language.
    link = pm.panic_link(user.email, ftl_value(FR_LOCALE, "mail-panic-confirm-subject"), since=since)
    assert CONFIRM_SUBJECT not in pm.subjects_to(user.email), "the link's mail should be in French only"
    expect(not signed_out(tab, pm), page, "nothing happens before the link is followed")
    open_panic_link(page, link)
    status = confirm_panic(page, pm.base)
    expect(status == 200, page, f"PANIC should succeed, got {status}")
    page.wait_for_selector("#panic-done")
    expect(texts(page, "ul#removed li") == [], page, "nothing to remove")
    expect(texts(page, "ul#unreachable li") == ["Key-only app"], page, "the key-only service is out of reach")
    expect(signed_out(tab, pm), page, "PANIC ends this browser's session too")
    mail = pm.wait_for_mail(user.email, ftl_value(FR_LOCALE, "mail-panic-used-subject"))
    assert PANIC_SUBJECT not in pm.subjects_to(user.email), "the mail should be in French only"
    assert mail_text(mail).strip(), mail


def test_panic_revokes_the_oidc_grants_offline_ones_included(pm, tabs):
    user = pm.new_user("panic-oidc")
    metadata = discovery(pm.server)
    client = register_client(pm.server, "panic", scopes=["openid", "profile", "email", "offline_access"])
    # An offline grant (offline_access), which outlives the SSO session, and an online one.
    offline_rp = RelyingParty(metadata, client, scope="openid offline_access")
    online_rp = RelyingParty(metadata, client)
    oidc_browser = OidcBrowser(pm.server)
    _req, offline = offline_rp.login(oidc_browser, user)
    assert offline.get("refresh_token"), offline
    assert "offline_access" in offline.get("scope", "").split(), offline
    _req, online = online_rp.login(oidc_browser, None)
    assert online_rp.userinfo_response(online["access_token"]).status_code == 200

    # The logout of that browser ends the online grant; the offline one lives on.
    oidc_browser.fetch(pm.server.url("/cas/logout"))
    expect_unauthorized(online_rp.userinfo_response(online["access_token"]))
    offline = offline_rp.refresh(offline["refresh_token"])
    assert offline_rp.introspect(offline["access_token"], "access_token")["active"] is True
    assert offline_rp.userinfo_response(offline["access_token"]).status_code == 200

    # PANIC, from another browser: the offline grant is revoked too.
    tab = tabs("panic-oidc")
    page = tab.page
    sign_in_with_password(tab, pm, user, pm.base + "/account", pm.base + "/account")
    page.goto(pm.base + "/account/methods/panic")
    link = request_panic(page, pm, user)
    # Nothing is revoked before the link is followed.
    assert offline_rp.userinfo_response(offline["access_token"]).status_code == 200
    assert offline_rp.introspect(offline["access_token"], "access_token")["active"] is True
    open_panic_link(page, link)
    assert offline_rp.userinfo_response(offline["access_token"]).status_code == 200
    status = confirm_panic(page, pm.base)
    expect(status == 200 and shown(page, "#panic-done"), page, f"PANIC should succeed, got {status}")
    expect_unauthorized(offline_rp.userinfo_response(offline["access_token"]))
    assert offline_rp.introspect(offline["access_token"], "access_token")["active"] is False
    error, _ = token_error(lambda: offline_rp.refresh(offline["refresh_token"]), offline_rp)
    assert error == "invalid_grant", error


def test_panic_signed_out_from_the_sign_in_page_after_losing_the_key(pm, tabs):
    key = security_key("Office key")
    user, owner = new_account_with(tabs, pm, "panic-lost", key)
    owner.unplug()
    # The owner's browser proves the key once more after turning MFA on, and stays signed in.
    turn_mfa_on(owner, pm, step_up_with=key)
    owner.unplug()
    pm.wait_for_mail(user.email, MFA_ON_SUBJECT)

    # The key is lost. Another browser: the sign-in page offers the key only, and a way out.
    key.credentials = []
    tab = tabs("panic-lost")
    page = tab.page
    page.goto(pm.base + "/account")
    expect("/cas/login" in page.url, page, "My account should ask to sign in")
    submit_email(page, user)
    expect(method_values(page) == ["PASSWORD_WEBAUTHN"], page, "with MFA on, the sign-in offers only the key")
    lost = page.locator("a#lost-devices")
    expect(lost.count() == 1, page, "the method page should link to PANIC (a#lost-devices)")
    lost.click()
    page.wait_for_url(pm.base + "/account/methods/panic")
    expect(shown(page, "#panic-form input#email[name=email]"), page, "signed out, the form asks for the address")

    # An unknown address and a wrong password are refused alike: 401, the same message.
    status = submit_panic(page, pm.base, user.password, email=f"nobody.{user.email}")
    expect(status == 401 and shown(page, "#panic-error"), page, f"an unknown address should get 401, got {status}")
    unknown = page.locator("#panic-error").inner_text().strip()
    page.goto(pm.base + "/account/methods/panic")
    status = submit_panic(page, pm.base, WRONG_PASSWORD, email=user.email)
    expect(status == 401 and shown(page, "#panic-error"), page, f"a wrong password should get 401, got {status}")
    wrong = page.locator("#panic-error").inner_text().strip()
    expect(unknown == wrong, page, f"the two refusals should not differ: {unknown!r} / {wrong!r}")
    expect(not shown(page, "#panic-sent"), page, "no link after a refusal")
    time.sleep(1)  # a link, had one been queued, would be in the outbox by now
    assert CONFIRM_SUBJECT not in pm.subjects_to(user.email), pm.subjects_to(user.email)

    # The address, the password and the box: a link is mailed; nothing is removed until then.
    page.goto(pm.base + "/account/methods/panic")
    link = request_panic(page, pm, user, email=user.email)
    expect(account_state(owner, pm) == "signed in", owner.page, "the owner's browser should still be signed in")
    expect(key_names(owner, pm) == ["Office key"], owner.page, "the key should still be there before the link")

    # The link, in the browser that lost the key.
    open_panic_link(page, link)
    status = confirm_panic(page, pm.base)
    expect(status == 200, page, f"PANIC should succeed, got {status}")
    page.wait_for_selector("#panic-done")
    expect(texts(page, "ul#removed li") == ["Office key"], page, "the lost key should be named as removed")
    expect(texts(page, "ul#unreachable li") == ["Key-only app"], page, "the key-only service is out of reach")
    expect(signed_out(owner, pm), owner.page, "PANIC should sign out the owner's other browser")
    mail = pm.wait_for_mail(user.email, PANIC_SUBJECT)
    assert "Office key" in mail_text(mail), mail_text(mail)
    pm.wait_for_mail(user.email, MFA_OFF_SUBJECT)

    # The password alone signs in again, and MFA is off.
    page.goto(pm.base + "/account")
    submit_email(page, user)
    expect(method_values(page) == ["PASSWORD"], page, "with no key left, the password alone is offered")
    submit_method(page, "PASSWORD", user.password)
    wait_for_one_of(page, "the password sign-in", {"arrived": lambda: page.url == pm.base + "/account"})
    open_methods(tab, pm)
    expect(not mfa_on(page), page, "MFA should be off after PANIC")
    expect(shown(page, "#no-factors"), page, "no factor should be left")


# --------------------------------------------------------------------------------------------
# Always require multi-factor authentication
# --------------------------------------------------------------------------------------------


def test_mfa_cannot_be_turned_on_without_a_key(pm, tabs):
    user = pm.new_user("mfa-no-key")
    tab = tabs("mfa-no-key")
    page = tab.page
    sign_in_with_password(tab, pm, user, pm.base + "/account", pm.base + "/account")
    open_methods(tab, pm)
    expect(shown(page, "#no-factors"), page, "no factor yet")
    expect(not mfa_on(page), page, "MFA is off for a new account")
    status = submit_mfa_form(page, pm.base)
    expect(status == 409, page, f"turning MFA on without a key should be refused with 409, got {status}")
    expect(shown(page, "#methods-error"), page, "the refusal should show #methods-error")
    expect(
        "Register a second factor first" in page.locator("#methods-error").inner_text(),
        page,
        "the error should say to register a second factor first",
    )
    expect(not mfa_on(page), page, "MFA should still be off")
    page.goto(pm.base + "/account/methods")
    expect(not mfa_on(page), page, "MFA should still be off after a reload")
    assert MFA_ON_SUBJECT not in pm.subjects_to(user.email), pm.subjects_to(user.email)

    # A sign-in to the demo still offers the password alone (the only method of the account).
    visitor = tabs("mfa-no-key-visitor")
    visitor.page.goto(pm.demo)
    submit_email(visitor.page, user)
    expect(method_values(visitor.page) == ["PASSWORD"], visitor.page, "without MFA the password alone is offered")


def test_mfa_always_ends_every_login_with_the_key(pm, tabs):
    key = security_key("Office key")
    user, owner = new_account_with(tabs, pm, "mfa-on", key)
    owner.unplug()
    page = owner.page
    turn_mfa_on(owner, pm)
    pm.wait_for_mail(user.email, MFA_ON_SUBJECT)

    # The session of this browser proved the password only: the demo asks for the key now.
    arrivals = demo_tickets(page)
    page.goto(pm.demo)
    page.wait_for_selector("#stepup-notice")
    expect(method_values(page) == ["PASSWORD_WEBAUTHN"], page, "a password session must step up to the key")
    expect(arrivals == [], page, f"no ticket for a password session with MFA on: {arrivals}")

    # Signed out: even My account's own sign-in ends with the key now.
    page.goto(pm.base + "/cas/logout")
    expect(signed_out(owner, pm), page, "the logout should end the session")
    submit_email(page, user)
    expect(method_values(page) == ["PASSWORD_WEBAUTHN"], page, "My account's sign-in should offer only the key")

    # A new login to the demo (which accepts the password alone).
    answers = key_answers(page)
    page.goto(pm.demo)
    expect("/cas/login" in page.url, page, "the demo should ask to sign in")
    submit_email(page, user)
    expect(method_values(page) == ["PASSWORD_WEBAUTHN"], page, "with MFA on, the password alone is not offered")
    expect(shown(page, "#password"), page, "the key method asks for the password")

    # The password alone, forced into the form: refused, no ticket, no session.
    page.locator("input[name=method]").evaluate("radio => { radio.value = 'PASSWORD'; radio.checked = true; }")
    page.fill("#password", user.password)
    with page.expect_response(lambda r: r.request.method == "POST" and "/cas/login" in r.url) as info:
        page.locator("form:has(input[name=method]) button[type=submit]").click()
    posted = info.value.request.post_data or ""
    expect("method=PASSWORD&" in posted + "&", page, f"the forged form should send method=PASSWORD: {posted}")
    expect(info.value.status == 400, page, f"the password alone should be refused (400), got {info.value.status}")
    page.wait_for_load_state()
    expect(shown(page, "#login-error"), page, "the refusal should show #login-error")
    expect(arrivals == [], page, f"no ticket with the password alone: {arrivals}")

    # The key method with a key that does not answer for this account: no ticket either.
    page.goto(pm.demo)
    submit_email(page, user)
    owner.plug(foreign_key())
    submit_method(page, "PASSWORD_WEBAUTHN", user.password)
    outcome = finish_key_ceremony(owner, lambda p: p.url == pm.demo, "the ceremony with a foreign key")
    expect(outcome == "error", page, "without the key's answer the login must not end")
    expect(arrivals == [], page, f"no ticket without the key's answer: {arrivals}")
    expect(signed_out(owner, pm), page, "no session without the key's answer")

    # The user's key answers: the demo receives the login, with the key's strength.
    page.goto(pm.demo)
    submit_email(page, user)
    expect(method_values(page) == ["PASSWORD_WEBAUTHN"], page, "still only the key")
    owner.plug(key)
    sent_before = len(answers)
    submit_method(page, "PASSWORD_WEBAUTHN", user.password)
    outcome = finish_key_ceremony(owner, lambda p: p.url == pm.demo and shown(p, "#demo-attributes"), "sign-in")
    expect(outcome == "arrived", page, "the sign-in with the key should reach the demo")
    expect(len(arrivals) == 1, page, f"one ticket for the demo: {arrivals}")
    expect(len(answers) == sent_before + 1, page, f"the key's answer should have been sent to Limen: {answers}")
    attributes = demo_attributes(page)
    expect(attributes.get("strength") == "PASSWORD_WEBAUTHN", page, f"the demo should get the key: {attributes}")
    owner.unplug()

    # A service accepting PASSWORD only: the login still ends with the key's ceremony (and that
    # session then holds the key's proof), and the ticket says PASSWORD, as the service asked.
    visitor = tabs("mfa-on-visitor")
    visitor_answers = key_answers(visitor.page)
    password_only = pm.password_only_app("mfa-on")
    visitor.page.goto(login_url(pm, password_only))
    submit_email(visitor.page, user)
    expect(
        method_values(visitor.page) == ["PASSWORD_WEBAUTHN"],
        visitor.page,
        "with MFA on, a PASSWORD-only service's login is offered with the key",
    )
    visitor.plug(key)
    submit_method(visitor.page, "PASSWORD_WEBAUTHN", user.password)
    outcome = finish_key_ceremony(visitor, landed_on(password_only), "sign-in to the PASSWORD-only service")
    expect(outcome == "arrived", visitor.page, "the key sign-in should reach the PASSWORD-only service")
    expect(len(visitor_answers) == 1, visitor.page, f"one key answer should have been sent: {visitor_answers}")
    assert_strength(validate(pm, password_only, visitor.page), "PASSWORD", "BASIC")
    visitor.unplug()
    key_service = pm.webauthn_app("mfa-on")
    visitor.page.goto(login_url(pm, key_service))
    wait_for_one_of(
        visitor.page, "SSO to the key-only service", {"arrived": lambda: landed_on(key_service)(visitor.page)}
    )
    assert_strength(validate(pm, key_service, visitor.page), "PASSWORD_WEBAUTHN", "MEDIUM")


def test_mfa_always_applies_to_openid_connect_logins(pm, tabs):
    key = security_key("Office key")
    user, owner = new_account_with(tabs, pm, "mfa-oidc", key)
    owner.unplug()
    turn_mfa_on(owner, pm)
    callback = pm.site.url(f"/oidc-callback/{pm.server.label}-mfa")
    rp = RelyingParty(discovery(pm.server), register_client(pm.server, "mfa", redirect_uris=[callback]))

    # prompt=none from this browser's password session: no code, a step-up is needed.
    silent = rp.auth_request(prompt="none")
    owner.page.goto(silent.url)
    wait_for_one_of(owner.page, "prompt=none", {"back": lambda: owner.page.url.startswith(callback)})
    answer = query_params(owner.page.url)
    expect("code" not in answer, owner.page, f"no code for a password session with MFA on: {answer}")
    expect(answer.get("error") == "interaction_required", owner.page, f"interaction_required expected: {answer}")

    # A new browser: the sign-in offers the key only, and the ID token tells it was used.
    visitor = tabs("mfa-oidc-visitor")
    req = rp.auth_request()
    visitor.page.goto(req.url)
    expect("/cas/login" in visitor.page.url, visitor.page, "the authorization request should ask to sign in")
    submit_email(visitor.page, user)
    expect(method_values(visitor.page) == ["PASSWORD_WEBAUTHN"], visitor.page, "with MFA on, only the key")
    visitor.plug(key)
    submit_method(visitor.page, "PASSWORD_WEBAUTHN", user.password)
    outcome = finish_key_ceremony(visitor, lambda p: p.url.startswith(callback), "OIDC sign-in with the key")
    expect(outcome == "arrived", visitor.page, "the key sign-in should come back to the client")
    token = rp.exchange(req, visitor.page.url)
    claims = rp.parse_id_token(token, req.nonce)
    assert "mfa" in claims.get("amr", []), claims
    assert claims.get("acr") == "MEDIUM", claims
    visitor.unplug()

    # prompt=none from that browser's session (it proved the key): a code at once.
    silent = rp.auth_request(prompt="none")
    visitor.page.goto(silent.url)
    wait_for_one_of(visitor.page, "prompt=none", {"back": lambda: visitor.page.url.startswith(callback)})
    assert query_params(visitor.page.url).get("code"), visitor.page.url


def test_turning_mfa_on_signs_out_every_other_session(pm, tabs):
    key = security_key("Office key")
    user, owner = new_account_with(tabs, pm, "mfa-others", key)
    owner.unplug()
    password_service = pm.password_app("mfa-others")

    # Another browser signs in with the password alone; an OpenID Connect client holds an
    # online grant and an offline one (offline_access).
    other = tabs("mfa-others-other")
    sign_in_with_password(other, pm, user, login_url(pm, password_service), password_service)
    assert_strength(validate(pm, password_service, other.page), "PASSWORD", "BASIC")
    expect(account_state(other, pm) == "signed in", other.page, "the other browser should be signed in")
    client = register_client(pm.server, "mfa-others", scopes=["openid", "profile", "email", "offline_access"])
    metadata = discovery(pm.server)
    offline_rp = RelyingParty(metadata, client, scope="openid offline_access")
    online_rp = RelyingParty(metadata, client)
    oidc_browser = OidcBrowser(pm.server)
    _req, offline = offline_rp.login(oidc_browser, user)
    assert offline.get("refresh_token"), offline
    _req, online = online_rp.login(oidc_browser, None)
    assert online_rp.userinfo_response(online["access_token"]).status_code == 200
    assert offline_rp.userinfo_response(offline["access_token"]).status_code == 200

    # The owner turns MFA on: this browser's session stays (it is asked for the key), every other
    # one ends, and every other grant is revoked.
    turn_mfa_on(owner, pm)
    expect(account_state(owner, pm) == "step-up", owner.page, "the owner's own session should survive")
    expect(signed_out(other, pm), other.page, "turning MFA on should sign out the other browser")
    before = len(pm.tickets_received(password_service))
    other.page.goto(login_url(pm, password_service))
    wait_for_one_of(
        other.page,
        "the other browser's sign-in page",
        {"login": lambda: shown(other.page, "#email") or other.page.locator("input[name=method]").count() > 0},
    )
    expect(not landed_on(password_service)(other.page), other.page, "no ticket without a session")
    assert len(pm.tickets_received(password_service)) == before, pm.tickets_received(password_service)
    expect_unauthorized(online_rp.userinfo_response(online["access_token"]))
    expect_unauthorized(offline_rp.userinfo_response(offline["access_token"]))
    assert offline_rp.introspect(offline["access_token"], "access_token")["active"] is False
    error, _ = token_error(lambda: offline_rp.refresh(offline["refresh_token"]), offline_rp)
    assert error == "invalid_grant", error
    # The OIDC browser's SSO session ended too: a new request asks to sign in, with the key.
    page = oidc_browser.authorize_page(online_rp.auth_request().url)
    assert "/cas/login" in page.url, page.url


def test_my_account_steps_a_password_session_up_to_the_key(pm, tabs):
    key = security_key("Office key")
    user, owner = new_account_with(tabs, pm, "mfa-account", key)
    owner.unplug()
    page = owner.page
    turn_mfa_on(owner, pm)

    # This browser's session proved the password only: each page of My account sends it to
    # the key's step-up (not to a new sign-in: no address, no password asked).
    for path in ("/account", "/account/webauthn", "/account/methods"):
        page.goto(pm.base + path)
        expect(page.url.startswith(pm.base + "/cas/login?next="), page, f"{path} should send to the sign-in page")
        page.wait_for_selector("#stepup-notice")
        expect(page.locator("#email").count() == 0, page, f"{path}: the step-up must not ask for the address")
        expect(page.locator("#password").count() == 0, page, f"{path}: the step-up must not ask for the password")
        expect(method_values(page) == ["PASSWORD_WEBAUTHN"], page, f"{path}: only the key should be offered")
    # PANIC is the exception: its form opens (signed in: no address asked).
    resp = page.goto(pm.base + "/account/methods/panic")
    expect(resp.status == 200 and shown(page, "#panic-form"), page, "PANIC should open for a password session")
    expect(page.locator("#panic-form #email").count() == 0, page, "signed in, PANIC does not ask the address")

    # The key: My account opens.
    page.goto(pm.base + "/account")
    step_up_with_key(owner, key, lambda p: p.url == pm.base + "/account", "step-up to My account")
    expect(page.locator("a#panic-tile").count() == 1, page, "My account should be shown after the key")
    owner.unplug()
    expect(account_state(owner, pm) == "signed in", page, "the session should now open My account")
    open_methods(owner, pm)
    expect(mfa_on(page), page, "MFA should be on")
    expect(key_names(owner, pm) == ["Office key"], page, "the key list should open")
    assert MFA_ON_SUBJECT in pm.subjects_to(user.email), pm.subjects_to(user.email)


def test_the_consent_answer_of_a_password_session_needs_the_key(pm, tabs):
    key = security_key("Office key")
    user, owner = new_account_with(tabs, pm, "mfa-consent", key)
    owner.unplug()
    page = owner.page
    callback = pm.site.url(f"/oidc-callback/{pm.server.label}-consent")
    client = register_client(pm.server, "mfa-consent", redirect_uris=[callback], extra_args=["--consent"])
    rp = RelyingParty(discovery(pm.server), client)

    def codes() -> list[str]:
        path = callback.removeprefix(pm.site.url(""))
        return [r.path for r in pm.site.requests if r.path.startswith(path) and "code=" in r.path]

    # MFA off, a password session: the client's request shows the consent page.
    req = rp.auth_request()
    page.goto(req.url)
    page.wait_for_selector("#consent-scopes")
    allow = page.locator("button[name=decision][value=allow]")
    expect(allow.count() == 1, page, "the consent page should have an allow button")

    # Meanwhile, in another window of this browser, MFA is turned on.
    window = owner.context.new_page()
    window.goto(pm.base + "/account/methods")
    window.wait_for_selector("#mfa-status")
    with window.expect_response(
        lambda r: r.request.method == "POST" and r.url.endswith("/account/methods/mfa")
    ) as info:
        window.click("#mfa-submit")
    assert info.value.status == 303, info.value.status
    window.wait_for_url(pm.base + "/cas/login?next=%2Faccount%2Fmethods%3Fmfa%3Don")
    window.close()

    # The consent page, answered now by this password session: no code, the sign-in page, which
    # asks for the key (with the password: an OpenID Connect login proves it again).
    with page.expect_response(lambda r: r.request.method == "POST" and r.url == pm.base + "/oidc/consent") as info:
        allow.click()
    expect(info.value.status == 303, page, f"the consent answer should redirect, got {info.value.status}")
    outcome = wait_for_one_of(
        page,
        "the consent answer",
        {
            "sign-in": lambda: page.locator("input[name=method]").count() > 0,
            "code": lambda: page.url.startswith(callback),
        },
    )
    expect(outcome == "sign-in", page, "no code for a password session with MFA on: the sign-in page expected")
    expect(page.url.startswith(pm.base + "/cas/login?oidc="), page, "the consent answer should lead to the sign-in")
    expect(method_values(page) == ["PASSWORD_WEBAUTHN"], page, "the sign-in should ask for the key")
    assert codes() == [], codes()

    # With the key: the consent page again, then the code, whose ID token says mfa.
    owner.plug(key)
    submit_method(page, "PASSWORD_WEBAUTHN", user.password)
    outcome = wait_for_one_of(
        page,
        "the key's step-up for the client",
        {
            "consent": lambda: shown(page, "#consent-scopes"),
            "back": lambda: page.url.startswith(callback),
            "error": lambda: wb.webauthn_error(page) is not None,
        },
    )
    owner.unplug()
    expect(outcome == "consent", page, f"the refused answer must not have recorded the consent, got {outcome}")
    page.locator("button[name=decision][value=allow]").click()
    wait_for_one_of(page, "the consent answer", {"back": lambda: page.url.startswith(callback)})
    token = rp.exchange(req, page.url)
    claims = rp.parse_id_token(token, req.nonce)
    assert "mfa" in claims.get("amr", []), claims
    assert len(codes()) == 1, codes()


def test_turning_mfa_off_needs_the_key(pm, tabs):
    key = security_key("Office key")
    user, owner = new_account_with(tabs, pm, "mfa-off", key)
    owner.unplug()
    page = owner.page
    open_methods(owner, pm)
    csrf = page.locator("#mfa-form input[name=csrf_token]").input_value()
    turn_mfa_on(owner, pm)

    # This session proved the password only: My account no longer opens for it (turn_mfa_on
    # left it on the key's step-up), and its form to turn MFA off, sent anyway, is refused with
    # the same way to the sign-in page.
    answer = owner.context.request.post(
        pm.base + "/account/methods/mfa", form={"csrf_token": csrf, "enabled": "0"}, max_redirects=0
    )
    assert answer.status == 303, f"turning MFA off from a password session: {answer.status}\n{answer.text()[:2000]}"
    assert answer.headers.get("location") == "/cas/login?next=%2Faccount%2Fmethods", answer.headers
    assert MFA_OFF_SUBJECT not in pm.subjects_to(user.email), pm.subjects_to(user.email)

    # With the key's step-up: back on the page, MFA still on, then turned off.
    page.goto(pm.base + "/account/methods")
    step_up_with_key(owner, key, lambda p: p.url == pm.base + "/account/methods", "step-up to turn MFA off")
    page.wait_for_selector("#mfa-status")
    expect(mfa_on(page), page, "the step-up alone does not turn it off")
    expect(
        page.locator("#mfa-form input[name=enabled]").input_value() == "0",
        page,
        "the form should now turn it off (enabled=0)",
    )
    status = submit_mfa_form(page, pm.base)
    expect(status == 303, page, f"turning it off after the step-up should redirect, got {status}")
    page.wait_for_url(pm.base + "/account/methods?mfa=off")
    expect(shown(page, "#notice"), page, "turning it off should show #notice")
    expect(not mfa_on(page), page, "MFA should be off")
    pm.wait_for_mail(user.email, MFA_OFF_SUBJECT)

    # A new browser: the password alone signs in to the demo again.
    visitor = tabs("mfa-off-visitor")
    visitor.page.goto(pm.demo)
    submit_email(visitor.page, user)
    expect(
        method_values(visitor.page) == ["PASSWORD", "PASSWORD_WEBAUTHN"],
        visitor.page,
        "with MFA off the password alone is offered again",
    )
    submit_method(visitor.page, "PASSWORD", user.password)
    wait_for_one_of(
        visitor.page,
        "password sign-in to the demo",
        {"arrived": lambda: visitor.page.url == pm.demo and shown(visitor.page, "#demo-attributes")},
    )
    attributes = demo_attributes(visitor.page)
    expect(attributes.get("strength") == "PASSWORD", visitor.page, f"the demo should get the password: {attributes}")
