"""Accessibility of every page a user can reach, in each state (issue 22; docs/ACCESSIBILITY.md):
axe-core in Chromium (Debian's package, driven by Playwright) finds no serious or critical
violation, and the structure WCAG 2.1 AA asks for is there — a skip link first, landmarks, one
h1, a title and a language per page, the language selector, labels, errors tied to their fields
and announced, autocomplete tokens on the fields about the user.

The states: the sign-in pages (e-mail, password and method choice, the SMS number choice and code,
the token and token CRAM codes, the mobile app's push and QR code pages, the security key page),
each with its error; registration, its errors and "check your mailbox"; the password page of the
e-mail link, its errors, the expired link and its error; "Lost password?"; every My account page
with its error and confirmation states; PANIC signed out, its link and its end; the OpenID Connect
consent and logout pages; a transaction to sign; logout; the 404, privacy and accessibility
statement pages; the administration console. Every one in each language of LANGS, chosen with
`?locale=` (languages whose files have not arrived yet render in English: fine for the scan).

One browser and one server (`serve --dev`, SQLite, reached as http://localhost:PORT for WebAuthn)
for the module. The people and their devices are set up once, in English — security key with
Chromium's virtual authenticator, phones with the codes of the development outbox, tokens from
the CLI, a mobile device with the `limen-authenticator` CLI —; each language then walks every
state once (a module-scoped fixture per language) and the tests below check what it saw.
The statement at /accessibility cites these tests by name (crates/limen-web/src/accessibility.rs).
"""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote, urlencode

import pytest
from playwright.sync_api import Error as PlaywrightError

import a11y_page_checks as a11y
import sms_support as ss
import test_sms as tsms
import test_webauthn_browser as wb
import tokens_support as ts
from a11y_page_checks import PageScan, scan
from limen_interop import PASSWORD, User, running_limen
from oidc_support import register_client
from signing_support import RelyingParty, add_cas_signer
from test_admin_browser import console_sign_in, grant, uid_of
from test_mobile_browser import Phone, add_phone
from test_panic_mfa_browser import PanicWorld, mail_text
from test_webauthn_browser import expect, submit_email, submit_method, wait_for_one_of

log = logging.getLogger(__name__)

chromium = wb.chromium
service_site = wb.service_site

LANGS = ["en", "fr", "de", "el", "mt"]
TIMEOUT_MS = 15_000
WRONG_PASSWORD = "Wr0ng-Horse-Battery!"
PIN = "4821"
MAIL_TIMEOUT = 15.0

# Generous limits: every request of the module comes from 127.0.0.1, and each language repeats
# the wrong passwords and codes of the error states. Cheap password hashing (the CLI hashes too).
CONFIG = """
[password]
argon2_memory_kib = 1024
argon2_iterations = 1
[throttle]
account_max_failures = 1000
address_max_failures = 100000
[self_service]
pow_difficulty = 8
mails_per_address_per_hour = 1000
requests_per_client_per_hour = 100000
[panic]
allowed_user_types = ["external", "internal"]
per_account_per_day = 100
[mobile]
pin_tries = 20
[tokens]
max_failures = 100
"""

# Security key ceremonies without a key: one that never ends (the page waits for the key), one
# that fails at once as a cancelled one does (the passkey autofill of the e-mail page still waits).
CEREMONY_WAITS = """
navigator.credentials.get = () => new Promise(() => {});
navigator.credentials.create = () => new Promise(() => {});
"""
CEREMONY_FAILS = """
navigator.credentials.get = (options) => (options && options.mediation === 'conditional')
  ? new Promise(() => {})
  : Promise.reject(new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError'));
"""


# --------------------------------------------------------------------------------------------
# The server and its people
# --------------------------------------------------------------------------------------------


@dataclass
class A11yWorld(PanicWorld):
    workdir: Path = Path()
    browser: object = None
    plain: User | None = None  # a password only
    account: User | None = None  # My account's pages (internal: tokens can be added)
    sms: User | None = None  # two phones
    sms_world: object = None  # test_sms's view of the SMS sent (the development outbox)
    office: str = ""  # the number of sms's second phone, labelled "Office"
    token: User | None = None  # a token and a token CRAM
    mobile: User | None = None  # a mobile device
    key: User | None = None  # a security key; an admin
    sessions: dict = field(default_factory=dict)  # persona -> signed-in page
    free_tokens: dict = field(default_factory=dict)  # lang -> (HOTP serial, OCRA serial)
    phone_adders: dict = field(default_factory=dict)  # lang -> a user who adds a phone (SMS sent)
    consent_client: str = ""
    signer: object = None
    _n: int = 0

    def app(self, tag: str) -> str:
        return self.site.url(f"/a11y-app/{tag}")

    def login_url(self, lang: str, tag: str) -> str:
        return f"{self.base}/cas/login?{urlencode({'service': self.app(tag), 'locale': lang})}"

    def page(self, init_script: str | None = None):
        """A page of a new browser context (its own cookies), axe-core in each of its documents."""
        context = self.browser.new_context(locale="en-GB")
        a11y.preload_axe(context)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.set_default_navigation_timeout(TIMEOUT_MS)
        page.on("dialog", lambda dialog: dialog.accept())
        return page

    def fresh(self, tag: str) -> str:
        self._n += 1
        return f"a11y-{tag}-{self._n}-{int(time.time() * 1000)}@example.org"

    def mailed_link(self, address: str, path: str) -> str:
        """The link to `path` of the newest mail to `address`, waited for."""
        pattern = re.compile(re.escape(self.base + path) + r"[^\s\"<>]+")
        deadline = time.monotonic() + MAIL_TIMEOUT
        while True:
            for msg in reversed(self.mails_to(address)):
                found = pattern.search(mail_text(msg))
                if found:
                    return found.group(0)
            assert time.monotonic() < deadline, f"no mail to {address} with a link to {path}"
            time.sleep(0.1)

    def expire_links(self, address: str) -> None:
        """Every e-mail link of `address` expired (as a day later)."""
        with sqlite3.connect(self.workdir / "limen.db", timeout=10) as db:
            changed = db.execute(
                "UPDATE email_links SET expires_at = 1 "
                "WHERE account_id = (SELECT id FROM accounts WHERE lower(email) = lower(?))",
                (address,),
            ).rowcount
        assert changed >= 1, f"no e-mail link of {address} to expire"


def signed_in(world: A11yWorld, user: User, start: str = "/account"):
    """A page of a new context, signed in with the password and on `start`."""
    page = world.page()
    wb.sign_in_with_password(SimpleNamespace(page=page), world, user, world.base + start, world.base + start)
    return page


def submit_without_browser_checks(page, form: str, button: str | None = None) -> None:
    """Sends `form` as typed, past the browser's own checks (what the server answers is what a
    browser without them, or a hurried user, would see)."""
    page.evaluate("sel => { document.querySelector(sel).noValidate = true; }", form)
    page.locator(button or f"{form} button[type=submit]").first.click()
    page.wait_for_load_state()


def solve_captcha(page) -> None:
    """The CAPTCHA's accessible alternative: the page's script solves the puzzle."""
    page.locator(".pow-start").click()
    page.wait_for_function("() => document.querySelector('input[name=pow_nonce]').value !== ''")


@pytest.fixture(scope="module")
def world(tmp_path_factory, service_site, chromium):  # noqa: F811 - the imported fixtures
    workdir = tmp_path_factory.mktemp("a11y-pages")
    (workdir / "limen.toml").write_text(ss.sms_config("dev") + CONFIG)
    tabs: list[wb.Tab] = []

    def tab(label: str, **options) -> wb.Tab:
        opened = wb.Tab(chromium, label, **options)
        tabs.append(opened)
        return opened

    with running_limen("sqlite", workdir, extra_args=["--dev"], public_host="localhost") as server:
        w = A11yWorld(server=server, site=service_site, workdir=workdir, browser=chromium)
        server.add_service("A11y app", [service_site.url("/a11y-app/") + "*"])
        w.consent_client = register_client(
            server, "a11y-consent", [service_site.url("/a11y-oidc/callback")], extra_args=["--consent"]
        ).client_id
        w.signer = add_cas_signer(server, "A11y signer", service_site.url("/a11y-signer/"))

        w.plain = w.new_user("a11y-plain")
        w.account = ts.add_internal_user(
            server, User(email=w.fresh("account"), first_name="Ilse", last_name="Maes", password=PASSWORD)
        )
        # Tokens: one of each kind for a user; for My account's "add a token", free ones.
        w.token = ts.add_internal_user(
            server, User(email=w.fresh("token"), first_name="Jan", last_name="Peeters", password=PASSWORD)
        )
        mine = [ts.hotp_token(ts.serial_for("mine", "a11y")), ts.ocra_token(ts.serial_for("cram", "a11y"))]
        ts.import_and_assign(server, mine, w.token, workdir)
        free = {lang: (ts.serial_for(f"free-{lang}", "a11y"), ts.serial_for(f"cram-{lang}", "a11y")) for lang in LANGS}
        ts.import_and_assign(
            server, [t for h, c in free.values() for t in (ts.hotp_token(h), ts.ocra_token(c))], None, workdir
        )
        w.free_tokens = free
        # A phone added in each language by someone else: the SMS of one account are spaced out.
        w.phone_adders = {
            lang: ts.add_internal_user(
                server, User(email=w.fresh(f"phones-{lang}"), first_name="Noor", last_name="Haddad", password=PASSWORD)
            )
            for lang in LANGS
        }
        # Two phones, the second added after a step-up with the first (test_sms's helpers).
        sms_world = tsms.SmsWorld(server, workdir, tsms.dev_outbox(server))
        w.sms, first = tsms.registered(sms_world, "a11y-sms")
        phone_browser = sms_world.browser()
        tsms.sign_in_to_account(phone_browser, w.sms)
        w.office = ss.fresh_mobile()
        tsms.add_phone(sms_world, phone_browser, w.office, "Office", step_up=first)
        w.sms_world = sms_world
        # A mobile device, enrolled by the command line from the QR code page.
        w.mobile = w.new_user("a11y-mobile")
        owner = tab("mobile-owner")
        wb.sign_in_with_password(owner, w, w.mobile, w.base + "/account", w.base + "/account")
        add_phone(owner, w, w.mobile, Phone(name="A11y phone", file=workdir / "a11y-phone.json", pin=PIN))
        # A security key (Chromium's virtual authenticator), and the console for its owner.
        key = wb.security_key("A11y key")
        w.key, key_owner = wb.new_account_with(tab, w, "a11y-key", key)
        key_owner.unplug()
        grant(server, w.key.email, "admin")
        console = console_sign_in(tab, w, w.key, key, "console")
        for opened in (owner, key_owner, console):
            a11y.preload_axe(opened.context)
        # The signed-in pages each language revisits.
        w.sessions = {
            "account": signed_in(w, w.account),
            "sms": signed_in(w, w.sms),
            "token": signed_in(w, w.token),
            "mobile": owner.page,
            "key": key_owner.page,
            "console": console.page,
        }
        w.sessions["account"].context.add_init_script(CEREMONY_WAITS)
        yield w
        for persona in ("account", "sms", "token"):
            w.sessions[persona].context.close()
        for opened in tabs:
            opened.close()


# --------------------------------------------------------------------------------------------
# Walking every state in one language
# --------------------------------------------------------------------------------------------


class Walk:
    """The states seen in one language, in order."""

    def __init__(self, world: A11yWorld, lang: str):
        self.w = world
        self.lang = lang
        self.pages: list[PageScan] = []

    def __call__(self, page, name: str, kind: str = "page", ready: str | None = None) -> None:
        """Scans the page once `ready` (a selector) shows; `kind` says whether it is an error."""
        if ready is not None:
            try:
                page.wait_for_selector(ready, state="visible")
            except PlaywrightError as exc:
                why = f"{self.lang}, {name}: {ready} never showed ({exc})"
                raise AssertionError(f"{why}, {wb.describe(page)}") from None
        self.pages.append(scan(page, name, kind))

    def open(self, page, path: str, name: str, ready: str = "h1", kind: str = "page") -> None:
        resp = page.goto(self.w.base + path)
        expect(resp is not None and resp.status < 500, page, f"{path}: {resp and resp.status}")
        self(page, name, kind, ready)

    def in_language(self, page, path: str, name: str, ready: str = "h1") -> None:
        """Opens `path` with `?locale=`: this browser's pages are in the walk's language from now
        on (the cookie it sets); scans it as `name`."""
        sep = "&" if "?" in path else "?"
        self.open(page, f"{path}{sep}locale={self.lang}", name, ready)
        expect(page.locator("html").get_attribute("lang") == self.lang, page, f"the page should be in {self.lang}")


def sign_in_steps(walk: Walk) -> None:
    """The first two sign-in pages, their errors, "Lost password?", registration and its link."""
    w, lang = walk.w, walk.lang
    page = w.page()
    page.goto(w.login_url(lang, f"{lang}-first"))
    walk(page, "sign-in: e-mail address", ready="#email")
    page.fill("#email", "not an address")
    submit_without_browser_checks(page, "form:has(#email)", "form:has(#email) button[type=submit]:not(#passkey-login)")
    walk(page, "sign-in: e-mail address, not valid", "field-error", "#email-error")
    page.fill("#email", w.plain.email)
    page.locator("form:has(#email) button[type=submit]:not(#passkey-login)").click()
    walk(page, "sign-in: password and method", ready="input[name=method]")
    submit_method(page, "PASSWORD", WRONG_PASSWORD)
    walk(page, "sign-in: wrong password", "field-error", "#login-error")

    walk.open(page, f"/cas/password/lost?service={quote(w.app(lang), safe='')}", "lost password", "#email")
    page.fill("#email", "not an address")
    page.fill("#captcha_answer", "WRONG")
    page.locator("button[name=action][value=send]").click()
    walk(page, "lost password: errors", "field-error", "#form-errors")
    page.fill("#email", w.fresh("nobody"))
    page.fill("#captcha_answer", "")
    solve_captcha(page)
    page.locator("button[name=action][value=send]").click()
    page.wait_for_selector("#email", state="detached")
    walk(page, "lost password: e-mail sent")

    walk.open(page, f"/cas/register?service={quote(w.app(lang), safe='')}", "registration", "#last_name")
    page.fill("#first_name", "Ελένη")
    page.fill("#email", "not an address")
    page.fill("#email_confirm", "other@example.org")
    page.fill("#captcha_answer", "WRONG")
    page.locator("button[name=action][value=register]").click()
    walk(page, "registration: errors", "field-error", "#form-errors")
    address = w.fresh(f"new-{lang}")
    page.fill("#last_name", "Παπαδοπούλου")
    page.fill("#email", address)
    page.fill("#email_confirm", address)
    page.check("#privacy")
    page.fill("#captcha_answer", "")
    solve_captcha(page)
    page.locator("button[name=action][value=register]").click()
    page.wait_for_selector("#last_name", state="detached")
    expect(address in page.locator("main").inner_text(), page, "the page should name the address")
    walk(page, "registration: check your mailbox")

    link = w.mailed_link(address, "/cas/password/new?key=")
    page.goto(link)
    walk(page, "password of the e-mail link", ready="#new_password")
    page.fill("#new_password", "short")
    page.fill("#confirm_password", "different")
    page.locator(".password-form button[type=submit]").click()
    walk(page, "password of the e-mail link: errors", "field-error", "#form-errors")
    w.expire_links(address)
    page.goto(link)
    walk(page, "expired link", ready="form[action='/cas/password/renew']")
    page.fill("#email", "not an address")
    submit_without_browser_checks(page, "form[action='/cas/password/renew']")
    walk(page, "expired link: not an address", "field-error", "#email-error")

    walk.open(page, "/no-such-page", "404 page")
    walk.open(page, "/cas/privacy", "privacy statement")
    walk.open(page, "/accessibility", "accessibility statement", "#checks-table")
    walk.open(page, "/cas/logout", "logout, no session")
    page.context.close()


def method_steps(walk: Walk) -> None:
    """The pages after the password, for each kind of device, with their errors."""
    w, lang = walk.w, walk.lang

    def to_method(user: User, method: str, tag: str, init_script: str | None = None):
        page = w.page(init_script)
        page.goto(w.login_url(lang, f"{lang}-{tag}"))
        submit_email(page, user)
        submit_method(page, method, user.password)
        return page

    page = to_method(w.sms, tsms.SMS_METHOD, "sms")
    walk(page, "sign-in: choose a phone", ready="button.webauthn-device-choice")
    mark = w.sms_world.mark()
    page.locator("button.webauthn-device-choice", has_text="Office").click()
    walk(page, "sign-in: SMS code", ready="#code-form")
    page.fill("#code", "222-222-222")
    page.locator("#code-form button[type=submit]").click()
    walk(page, "sign-in: SMS code, wrong", "field-error", "#code-error")
    # The right code then: a code left unused would make the next language wait for its SMS.
    page.fill("#code", ss.sign_in_code(w.sms_world.wait_sms(w.office, mark).text))
    page.locator("#code-form button[type=submit]").click()
    wait_for_one_of(page, "the SMS sign-in", {"arrived": lambda: page.url.startswith(w.app(""))})
    page.context.close()

    page = to_method(w.token, "PASSWORD_TOKEN", "token")
    walk(page, "sign-in: token code", ready="#code-form")
    page.fill("#code", "000000")
    page.locator("#code-form button[type=submit]").click()
    walk(page, "sign-in: token code, wrong", "field-error", "#code-error")
    page.context.close()

    page = to_method(w.token, "PASSWORD_TOKEN_CRAM", "cram")
    walk(page, "sign-in: token CRAM question", ready="#code-challenge")
    page.context.close()

    page = to_method(w.mobile, "PASSWORD_MOBILE_APP", "push")
    walk(page, "sign-in: mobile app, number to match", ready="#approval-number")
    page.locator("#approval-form button[type=submit]").click()
    walk(page, "sign-in: mobile app, not approved yet", "alert", "#approval-error")
    page.context.close()

    page = to_method(w.mobile, "PASSWORD_SOFTWARE_TOKEN", "qr")
    walk(page, "sign-in: mobile app QR code", ready="figure.qr")
    page.fill("#code", "12345678")
    page.locator("#code-form button[type=submit]").click()
    walk(page, "sign-in: mobile app QR code, wrong", "field-error", "#code-error")
    page.context.close()

    page = to_method(w.key, "PASSWORD_WEBAUTHN", "key", CEREMONY_WAITS)
    walk(page, "sign-in: security key", ready="#webauthn-status")
    page.context.close()
    page = to_method(w.key, "PASSWORD_WEBAUTHN", "key-failed", CEREMONY_FAILS)
    walk(page, "sign-in: security key, failed", "alert", "#webauthn-error")
    page.context.close()


def account_steps(walk: Walk) -> None:
    """My account: every page, its errors and its confirmations."""
    w, lang = walk.w, walk.lang
    page = w.sessions["account"]
    walk.in_language(page, "/account", "My account", "ul.tiles")
    walk.open(page, "/cas/login", "sign-in: already signed in")
    walk.open(page, "/demo/", "demo service", "#demo-attributes")

    walk.open(page, "/account/details", "my details", "#last_name")
    page.fill("#last_name", "")
    page.locator("form[action='/account/details'] button[type=submit]").click()
    walk(page, "my details: errors", "field-error", "#form-errors")
    page.fill("#new_email", "not an address")
    page.fill("#new_email_confirm", "other@example.org")
    page.fill("#current_password", WRONG_PASSWORD)
    page.locator("form[action='/account/email'] button[type=submit]").click()
    walk(page, "my details: new e-mail address, errors", "field-error", "#email-form-errors")

    walk.open(page, "/account/password", "change my password", "#new_password")
    page.fill("#current_password", WRONG_PASSWORD)
    page.fill("#new_password", "short")
    page.fill("#confirm_password", "different")
    page.locator(".password-form button[type=submit]").click()
    walk(page, "change my password: errors", "field-error", "#form-errors")

    walk.open(page, "/account/methods", "my verification methods", "#mfa-form")
    walk.open(page, "/account/sessions", "my sessions", "article.session")
    walk.open(page, "/account/signatures", "my signatures")

    walk.open(page, "/account/mobile_app", "my mobile devices, none", "#mobile-add")
    page.fill("#device-name", "Phone")
    page.fill("#pin", PIN)
    page.fill("#pin-again", "4822")
    page.locator("#mobile-add button[type=submit]").click()
    walk(page, "my mobile devices: PINs differ", "field-error", "#mobile-error")
    page.fill("#device-name", "Phone")
    page.fill("#pin", PIN)
    page.fill("#pin-again", PIN)
    page.locator("#mobile-add button[type=submit]").click()
    walk(page, "my mobile devices: QR code to scan", ready="#enrol-link")

    adder = signed_in(w, w.phone_adders[lang])
    walk.in_language(adder, "/account/phones", "my phones, none", "#phone-add")
    walk.open(adder, "/account/phones/add", "add a phone", "#phone-add-form")
    adder.fill("#phone-number", "+33 899 12 34 56")
    adder.locator("#phone-add-form button[type=submit]").click()
    walk(adder, "add a phone: refused", "field-error", "#phone-add-error")
    adder.fill("#phone-number", ss.fresh_mobile())
    adder.locator("#phone-add-form button[type=submit]").click()
    walk(adder, "add a phone: confirm", ready="#phone-confirm-form")
    adder.fill("#phone-code", "2222-2222")
    adder.locator("#phone-confirm-form button[type=submit]").click()
    walk(adder, "add a phone: wrong code", "field-error", "#phone-confirm-error")
    adder.context.close()

    hotp, ocra = w.free_tokens[lang]
    walk.open(page, "/account/tokens", "my tokens, none", "#add-token")
    walk.open(page, "/account/tokens/add?method=token", "add a token", "#token-add-form")
    page.fill("#token-serial", "Ω?")
    page.locator("#token-add-form button[type=submit]").click()
    walk(page, "add a token: not a serial", "field-error", "#token-add-error")
    page.fill("#token-serial", hotp)
    page.locator("#token-add-form button[type=submit]").click()
    walk(page, "add a token: two codes", ready="#token-prove-form")
    page.fill("#token-code", "000000")
    page.fill("#token-code2", "000001")
    page.locator("#token-prove-form button[type=submit]").click()
    walk(page, "add a token: codes refused", "alert", "#tokens-error")
    walk.open(page, "/account/tokens/add?method=token_cram", "add a token CRAM", "#token-add-form")
    page.fill("#token-serial", ocra)
    page.locator("#token-add-form button[type=submit]").click()
    walk(page, "add a token CRAM: question", ready="#token-challenge")

    walk.open(page, "/account/webauthn", "my security keys, none", "#add-security-key")
    walk.open(page, "/account/webauthn/add?kind=security_key", "add a security key", "#device-name")
    page.fill("#device-name", "   ")
    submit_without_browser_checks(page, "form[action='/account/webauthn/add']")
    walk(page, "add a security key: no name", "field-error", "#name-error")
    page.fill("#device-name", "Blue key")
    page.locator("form[action='/account/webauthn/add'] button[type=submit]").click()
    walk(page, "add a security key: waiting for the key", ready="#webauthn-status")

    walk.open(page, "/account/methods/panic", "PANIC", "#panic-form")
    page.fill("#password", WRONG_PASSWORD)
    page.check("#confirm")
    page.locator("#panic-submit").click()
    walk(page, "PANIC: wrong password", "field-error", "#panic-error")
    walk.open(page, "/account/delete", "delete my account", "#password")
    page.fill("#password", WRONG_PASSWORD)
    page.locator("form:has(#password) button[type=submit]").click()
    walk(page, "delete my account: wrong password", "field-error", "#confirm-error")

    query = urlencode(
        {
            "response_type": "code",
            "client_id": w.consent_client,
            "redirect_uri": w.site.url("/a11y-oidc/callback"),
            "scope": "openid email profile",
            "state": f"s-{lang}",
            "nonce": f"n-{lang}",
        }
    )
    walk.open(page, f"/oidc/authorize?{query}", "OpenID Connect consent", "#consent-scopes")
    logout = f"/oidc/logout?client_id={w.consent_client}"
    walk.open(page, logout, "OpenID Connect logout", "form[action='/oidc/logout']")


def devices_steps(walk: Walk) -> None:
    """The lists of devices with their rows, and a transaction to sign."""
    w, lang = walk.w, walk.lang
    walk.in_language(w.sessions["sms"], "/account/phones", "my phones, two", "tr.phone")
    page = w.sessions["token"]
    walk.in_language(page, "/account/tokens", "my tokens, two", "tr.token")
    rp = RelyingParty(w.server, w.signer)
    fields = [{"label": "Amount", "value": "100 EUA"}, {"label": "To account", "value": "EU-100-5"}]
    asked = rp.create(uid_of(w.server, w.token.email), f"Transfer ({lang})", fields)
    page.goto(asked.url)
    walk(page, "a transaction to sign", ready="#sign-form")
    page.fill("#password", WRONG_PASSWORD)
    page.locator("#sign-submit").click()
    walk(page, "a transaction to sign: wrong password", "field-error", "#sign-error")
    walk.in_language(w.sessions["mobile"], "/account/mobile_app?added=1", "my mobile devices, one added", "#notice")
    walk.in_language(w.sessions["key"], "/account/webauthn", "my security keys, one", "tr.webauthn-device")


def panic_and_logout_steps(walk: Walk) -> None:
    """PANIC from the sign-in page (signed out): the link mailed, its page, the end; a logout."""
    w, lang = walk.w, walk.lang
    user = w.new_user(f"a11y-panic-{lang}")
    page = w.page()
    walk.in_language(page, "/account/methods/panic", "PANIC, signed out", "#panic-form")
    page.fill("#email", user.email)
    page.fill("#password", user.password)
    page.check("#confirm")
    page.locator("#panic-submit").click()
    walk(page, "PANIC: link mailed", ready="#panic-sent")
    page.goto(w.mailed_link(user.email, "/account/methods/panic/confirm?token="))
    walk(page, "PANIC: confirm", ready="#panic-confirm-form")
    page.locator("#panic-confirm-submit").click()
    walk(page, "PANIC: done", ready="#panic-done")
    page.context.close()

    page = w.page()
    page.goto(w.login_url(lang, f"{lang}-logout"))
    submit_email(page, w.plain)
    submit_method(page, "PASSWORD", w.plain.password)
    wait_for_one_of(page, "the sign-in to the service", {"arrived": lambda: page.url.startswith(w.app(""))})
    walk.open(page, "/cas/logout", "logout")
    page.context.close()


def console_steps(walk: Walk) -> None:
    """The administration console: every page, an action refused, an action to confirm."""
    w = walk.w
    page = w.sessions["console"]
    walk.in_language(page, "/admin/", "console: dashboard", "#logins-table")
    walk.open(page, f"/admin/accounts?q={quote(w.account.email)}", "console: accounts", "#account-list")
    walk.open(page, f"/admin/accounts/{uid_of(w.server, w.plain.email)}", "console: an account", "#account-facts")
    submit_without_browser_checks(page, "#form-end-sessions")
    walk(page, "console: an action without a reason", "alert", "#action-error")
    page.fill("#reason-lock", "Accessibility check, never confirmed")
    page.locator("#form-lock button[type=submit]").click()
    walk(page, "console: an action to confirm", ready="section.danger")
    walk.open(page, "/admin/audit", "console: audit log", "#audit-list")
    walk.open(page, "/admin/services", "console: services", "#service-list")
    href = page.locator("tr.service-row a").first.get_attribute("href")
    walk.open(page, href, "console: a service", "#service-facts")
    walk.open(page, "/admin/tokens", "console: tokens", "#token-list")
    walk.open(page, "/admin/keys", "console: signing keys")
    walk.open(page, "/admin/admins", "console: administrators", "#admin-list")


# Every state each language must reach (a flow that stops early fails the run, not the check).
STEPS = (sign_in_steps, method_steps, account_steps, devices_steps, panic_and_logout_steps, console_steps)


@pytest.fixture(scope="module", params=LANGS)
def seen(request, world) -> Walk:
    walk = Walk(world, request.param)
    began = time.monotonic()
    for step in STEPS:
        step(walk)
    names = [p.name for p in walk.pages]
    assert len(names) == len(set(names)), f"a state scanned twice: {names}"
    log.info("%s: %d page states in %.1f s", walk.lang, len(names), time.monotonic() - began)
    return walk


# --------------------------------------------------------------------------------------------
# The checks
# --------------------------------------------------------------------------------------------


def fail_on(walk: Walk, check, what: str) -> None:
    problems = a11y.report(walk.pages, check)
    if problems:
        pytest.fail(f"{what} ({walk.lang}, {len(walk.pages)} page states):\n{problems}", pytrace=False)


def test_no_serious_axe_violation_on_any_page_state(seen):
    fail_on(seen, a11y.serious_violations, "axe-core: serious or critical violations")
    minor = a11y.report(seen.pages, lambda p: [a11y.format_violations(p.violations)] if p.violations else [])
    if minor:
        log.info("axe-core, minor and moderate violations (not failed on), %s:\n%s", seen.lang, minor)


def test_every_page_has_a_skip_link_landmarks_and_one_h1(seen):
    fail_on(seen, a11y.structure_problems, "page structure")


def test_every_page_is_titled_and_declares_its_language(seen):
    fail_on(seen, lambda p: a11y.title_and_language_problems(p, seen.lang), "title and language")


def test_the_language_selector_lists_every_language_in_its_own_name(seen):
    expected = a11y.languages()
    assert len(expected) == 24, expected
    fail_on(seen, lambda p: a11y.selector_problems(p, seen.lang, expected), "language selector")


def test_every_field_is_labelled_and_its_error_tied_to_it(seen):
    errors = [p for p in seen.pages if p.kind != "page"]
    assert len(errors) >= 20, f"too few error states walked: {[p.name for p in errors]}"
    fail_on(seen, lambda p: a11y.field_problems(p, seen.lang), "labels and errors")


def test_personal_fields_carry_autocomplete_tokens(seen):
    fail_on(seen, a11y.autocomplete_problems, "autocomplete tokens")


PROBE = """<!doctype html><html><head><title>Probe</title></head><body>
<a href="/elsewhere">A link before the skip link</a>
<h1>One</h1><h1>Two</h1>
<nav><a href="/x">x</a></nav>
<main><form id="probe">
  <input id="given" name="first_name" type="text" required>
  <label for="mail">E-mail</label><input id="mail" name="email" type="email" required aria-invalid="true">
  <label for="pw">Password</label><input id="pw" name="password" type="password" aria-describedby="gone">
</form><p role="alert">Wrong</p></main>
</body></html>"""


def test_the_checks_find_what_they_look_for(chromium):  # noqa: F811 - the imported fixture
    """Each check of this file, on a page that fails it: what it reports (a check that never
    fails would pass every page)."""
    page = chromium.new_page()
    try:
        page.set_content(PROBE)
        probe = scan(page, "probe", "field-error")
    finally:
        page.close()
    found = {
        "structure": a11y.structure_problems(probe),
        "title": a11y.title_and_language_problems(probe, "en"),
        "selector": a11y.selector_problems(probe, "en", a11y.languages()),
        "fields": a11y.field_problems(probe, "en"),
        "autocomplete": a11y.autocomplete_problems(probe),
    }
    wanted = {
        "structure": ["not the skip link", "landmarks", "footer should link", "without a name", "one non-empty h1"],
        "title": ["not 'page name – Limen'", "<html lang=None>"],
        "selector": ["not a disclosure", "should say 'Language'", "the languages listed", "aria-current"],
        "fields": [
            "'given' has no <label for>",
            "'given' is required but its label",
            "'mail' is required but its label",
            "'mail' is marked invalid but describes no visible message",
            "'pw': aria-describedby names missing elements ['gone']",
            "cannot receive the focus",
        ],
        "autocomplete": ["'given' (text) should carry", "'mail' (email) should carry", "'pw' (password) should carry"],
    }
    for check, phrases in wanted.items():
        text = "\n".join(found[check])
        for phrase in phrases:
            assert phrase in text, f"the {check} check should report {phrase!r}; it reported:\n{text}"
    assert [v["id"] for v in probe.violations if v["id"] == "html-has-lang"], probe.violations


def test_the_statement_cites_tests_that_exist(world):
    """The page renders the table of accessibility.rs; each test it names is defined (the Rust
    unit test checks the same from the source, this checks the page actually served)."""
    import requests

    here = Path(__file__).resolve().parent
    resp = requests.get(world.base + "/accessibility?locale=fr", timeout=15)
    assert resp.status_code == 200, resp.status_code
    cited = re.findall(r"tests/interop/([a-z0-9_]+\.py)::([a-z0-9_]+)", resp.text)
    assert len(cited) >= 15, cited
    for file, function in cited:
        assert f"\ndef {function}(" in (here / file).read_text(encoding="utf-8"), f"{file}::{function}"
    assert "partiellement conforme" in resp.text
    assert f'href="{world.base}"' in resp.text, "the contact should be the service's address"
