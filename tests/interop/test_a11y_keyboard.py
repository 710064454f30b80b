"""Every main flow with the keyboard alone (issue 22; WCAG 2.1.1 Keyboard, 2.1.2 No keyboard trap,
2.4.3 Focus order, 2.4.7 Focus visible): headless Chromium (Debian's package) driven by
Playwright's `page.keyboard` — Tab, Shift+Tab, Enter, Space, the arrow keys inside a radio group
(how a radio group is used), and typing. Nothing is clicked, filled or focused by the test; it
opens a URL only where a person would type or follow one (the start page, the development
outbox, a link in an e-mail). Every element the focus stops on must show a focus indicator (see
a11y_support.Focused.indicator_problem).

The flows, each to its end state: a newcomer registers from the demo service (the form, the
proof-of-work alternative to the CAPTCHA picture, the mail from the development outbox, the
password); signs in with the password (a wrong one first); signs in with a security key
(Chromium's virtual authenticator, added from My account first), with an SMS code (the
development gateway, the number added from My account first), with a hardware token's code (PyPI
`pyotp`; the token assigned with the CLI), with the mobile app's QR code and its push (the
`limen-authenticator` command line as the device, added from My account first); changes their
details and ends another session in My account; presses PANIC and confirms it from the mail.
Not driven: the sign-in with a passkey from the e-mail field's autofill (a browser menu, not the
page) and eID/federated sign-ins (another site's pages).

Limen runs with `--dev` on SQLite (a11y_support.a11y_limen), reached as http://localhost.
"""

from __future__ import annotations

import re
import secrets

import pytest

import a11y_support as a11y
import sms_support as ss
import test_sms as tsms
import test_webauthn_browser as wb
import tokens_support as ts
from a11y_support import Keys, control
from limen_interop import User
from test_mobile_browser import Phone, approve, authenticator_binary, enrol, offline_code, phone
from test_panic_mfa_browser import PANIC_SUBJECT, PanicWorld, demo_attributes, mail_text
from test_webauthn_browser import Tab, expect, shown, wait_for_one_of

chromium = wb.chromium
tabs = wb.tabs

NEW_PASSWORD = "Ορίζων-Tessel8-ate!"
PIN = "4821"
POW_TIMEOUT_MS = 60_000
BY_ITSELF_MS = 30_000


class KeyboardWorld(PanicWorld):
    """The server, its users and its mail (PanicWorld's outbox helpers); the demo service is
    the one signed in to."""

    def internal_user(self, tag: str) -> User:
        user = User(
            email=f"{tag}.{next(self._users)}@example.org",
            first_name="Ilse",
            last_name="Maes",
            password="Qwerty-2345!x",
        )
        return ts.add_internal_user(self.server, user)


@pytest.fixture(scope="module")
def kw(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("a11y-keyboard")
    with a11y.a11y_limen(workdir) as server:
        yield KeyboardWorld(server=server, site=None)


# --------------------------------------------------------------------------------------------
# Steps
# --------------------------------------------------------------------------------------------


def heading(page) -> str:
    return page.locator("h1").first.inner_text().strip()


def wait_heading(page, text: str) -> None:
    wait_for_one_of(page, f"the page {text!r}", {text: lambda: heading(page) == text})


def on_field(keys: Keys, label: str) -> None:
    """The focus is in the field labelled `label` (put there by the page's autofocus)."""
    f = keys.now()
    assert f is not None and f.role == "textbox" and label.casefold() in f.name.casefold(), (
        f"the focus should be in the field {label!r} when the page opens, not on {f} ({keys.page.url})"
    )


def sign_in_with_password(keys: Keys, user: User, start: str) -> None:
    """From `start` (a page that asks to sign in): the address, "Next", the password (the method
    page opens with the focus in it), "Sign in"."""
    page = keys.page
    page.goto(start)
    on_field(keys, "e-mail")
    keys.type(user.email)
    keys.activate(control("button", "Next"))
    page.wait_for_selector("input[name=method]")
    on_field(keys, "Password")
    keys.type(user.password)
    keys.activate(control("button", "Sign in"))


def sign_in_with_method(keys: Keys, user: User, method: str) -> None:
    """The demo's sign-in: the address, then `method` chosen in the radio group (Shift+Tab back
    from the password field, arrows), the password, "Sign in"."""
    page = keys.page
    page.goto(keys.base + "/demo/")
    on_field(keys, "e-mail")
    keys.type(user.email)
    keys.press("Enter")
    page.wait_for_selector("input[name=method]")
    keys.choose_radio(control("radio"), method, back=True)
    keys.fill_field(control("textbox", "Password"), user.password)
    keys.activate(control("button", "Sign in"))


def open_account_page(keys: Keys, tile: str, path: str) -> None:
    """My account (the header's link, or "Back to My account"), then the tile named `tile`."""
    page = keys.page
    if page.url != keys.base + "/account":
        keys.activate(control("link", "My account", href="/account"), back=True)
    wait_heading(page, "My account")
    keys.activate(control("link", tile))
    page.wait_for_url(re.compile(re.escape(keys.base + path) + r"(\?.*)?$"))


def expect_demo(page, kw: KeyboardWorld, user: User, strength: str) -> None:
    wait_for_one_of(page, "the demo service", {"demo": lambda: page.url == kw.demo and shown(page, "#demo-attributes")})
    attributes = demo_attributes(page)
    expect(attributes.get("email") == user.email, page, f"the demo should get {user.email}: {attributes}")
    expect(attributes.get("strength") == strength, page, f"the demo should get {strength}: {attributes}")


def keys_of(tab: Tab, kw: KeyboardWorld) -> Keys:
    return Keys(tab.page, base=kw.base)


def add_security_key(keys: Keys, tab: Tab, device: wb.Device) -> None:
    """My account → the security keys → "Add a security key" → its name → the ceremony (the
    virtual key answers by itself) → back on the list with the notice."""
    page = keys.page
    open_account_page(keys, "Manage my security keys", "/account/webauthn")
    keys.activate(control("link", "Add a security key"))
    page.wait_for_url(re.compile(r".*/account/webauthn/add\?kind=security_key"))
    on_field(keys, "Device name")
    keys.type(device.name)
    tab.plug(device)
    keys.activate(control("button", "Submit"))
    wait_for_one_of(
        page,
        "the key added",
        {"added": lambda: page.url.startswith(keys.base + "/account/webauthn") and shown(page, "#notice")},
    )
    tab.sync()
    assert len(device.credentials) == 1, device.credentials


# --------------------------------------------------------------------------------------------
# Focus order and focus indicators
# --------------------------------------------------------------------------------------------


def tab_through(keys: Keys) -> list[str]:
    """Presses Tab until the focus comes back to the first element it reached (through the
    browser's own controls, where the page has no focused element): the page's whole focus
    order, from where the focus was, every stop's indicator checked on the way. A focus that
    never comes back is trapped somewhere."""
    seen: list[str] = []
    first = None
    for _ in range(keys.tab_limit):
        f = keys.tab()
        if f is None:
            continue
        ident = (f.role, f.id, f.name, f.href, f.value if f.role == "radio" else "")
        if first is None:
            first = ident
        elif ident == first:
            return seen
        seen.append(str(f))
    raise AssertionError(f"the focus never came back to {first} at {keys.page.url} (a trap?): {seen[-20:]}")


def skip_link_first(keys: Keys, order: list[str]) -> None:
    """The first stop is the skip link ("Skip to …", to the main content)."""
    page = keys.page
    has_skip = page.evaluate(
        """() => [...document.querySelectorAll('a[href^="#"]')].some(a => /skip|main|content/i.test(a.textContent + a.getAttribute('href')))"""
    )
    assert has_skip, "the page has no skip link to its main content"
    assert order and order[0].startswith("link") and re.search(r"skip|content|main", order[0], re.IGNORECASE), (
        f"the first Tab should reach the skip link, the focus order is: {order[:5]}"
    )


def test_focus_order_and_focus_indicators_of_the_main_pages(kw, tabs):
    user = kw.new_user("focus-order")
    tab = tabs("focus-order")
    keys = keys_of(tab, kw)
    page = tab.page
    orders = {}
    for name, path in [
        ("sign-in", "/cas/login"),
        ("registration", "/cas/register"),
        ("lost password", "/cas/password/lost"),
    ]:
        page.goto(kw.base + path)
        orders[name] = tab_through(keys)
        assert orders[name], f"{name}: Tab reached nothing"
    # A page without an autofocused field: the first Tab.
    page.goto(kw.base + "/cas/register")
    skip_link_first(keys, [str(keys.tab())])

    sign_in_with_password(keys, user, kw.base + "/account")
    page.wait_for_url(kw.base + "/account")
    for name, path in [
        ("My account", "/account"),
        ("details", "/account/details"),
        ("sessions", "/account/sessions"),
        ("methods", "/account/methods"),
        ("keys", "/account/webauthn"),
        ("phones", "/account/phones"),
        ("mobile", "/account/mobile_app"),
        ("PANIC", "/account/methods/panic"),
        ("password", "/account/password"),
    ]:
        page.goto(kw.base + path)
        orders[name] = tab_through(keys)
        assert orders[name], f"{name}: Tab reached nothing"
    page.goto(kw.base + "/account")
    skip_link_first(keys, [str(keys.tab())])
    # My account's tiles come in their reading order, after the page's header.
    tiles = [o for o in orders["My account"] if o.startswith("link") and "/account/" in o]
    assert len(tiles) >= 10, orders["My account"]
    keys.assert_indicators()


# --------------------------------------------------------------------------------------------
# Registration and the password
# --------------------------------------------------------------------------------------------


def test_a_newcomer_registers_with_the_keyboard_alone(kw, tabs):
    tab = tabs("register")
    keys = keys_of(tab, kw)
    page = tab.page
    address = f"keyboard.{secrets.token_hex(4)}@example.org"

    page.goto(kw.base + "/demo/")
    on_field(keys, "e-mail")
    keys.activate(control("link", "Create an account"))
    wait_heading(page, "Create an account")

    # A wrong form first: the errors are listed, each field keeps what was typed.
    keys.fill_field(control("textbox", "First name"), "Ελένη")
    keys.activate(control("button", "Create an account"))
    wait_for_one_of(page, "the refused form", {"errors": lambda: shown(page, "#form-errors")})
    expect(page.locator("#last_name").get_attribute("aria-invalid") == "true", page, "the last name is missing")

    keys.fill_field(control("textbox", "First name"), "Ελένη")
    keys.fill_field(control("textbox", "Last name"), "Παπαδοπούλου")
    keys.fill_field(control("textbox", re.compile(r"^E-mail")), address)
    keys.fill_field(control("textbox", "Confirm e-mail"), address)
    # The CAPTCHA's alternative that needs no picture: the browser does the work.
    keys.activate(control("button", "Check with my browser instead"))
    page.wait_for_function(
        "() => /Done/.test(document.querySelector('.pow-status').textContent)", timeout=POW_TIMEOUT_MS
    )
    keys.activate(control("checkbox", "privacy statement"), key="Space")
    expect(page.locator("input[name=privacy]").is_checked(), page, "Space should tick the privacy box")
    keys.activate(control("button", "Create an account"))
    wait_heading(page, "Check your mailbox")
    expect(address in page.locator("main").inner_text(), page, "the page names the address")

    # The mail, from the development outbox; its link; the password.
    page.goto(kw.base + "/dev/outbox")
    keys.activate(control("link", "Create your password", within=lambda row: address in row))
    wait_heading(page, "Create your password")
    keys.activate(control("link", href="/cas/password/new?key="))
    page.wait_for_url(re.compile(r".*/cas/password/new\?key="))
    keys.fill_field(control("textbox", "New password"), NEW_PASSWORD)
    page.wait_for_function(
        "() => /Strength: (good|strong)/.test(document.getElementById('password-feedback').textContent)"
    )
    keys.fill_field(control("textbox", "Confirm new password"), NEW_PASSWORD)
    keys.activate(control("button", "Submit"))
    wait_heading(page, "Your password has been saved")

    keys.activate(control("link", "Proceed"))
    user = User(email=address, first_name="Ελένη", last_name="Παπαδοπούλου", password=NEW_PASSWORD)
    expect_demo(page, kw, user, "PASSWORD")
    keys.assert_indicators()


def test_sign_in_with_the_password_after_a_wrong_one(kw, tabs):
    user = kw.new_user("password")
    tab = tabs("password")
    keys = keys_of(tab, kw)
    page = tab.page
    page.goto(kw.demo)
    on_field(keys, "e-mail")
    keys.type(user.email)
    keys.activate(control("button", "Next"))
    page.wait_for_selector("input[name=method]")
    on_field(keys, "Password")
    keys.type("Wrong-horse-42!")
    keys.activate(control("button", "Sign in"))
    wait_for_one_of(page, "the refused password", {"error": lambda: shown(page, "#login-error")})
    expect(page.locator("#password").get_attribute("aria-invalid") == "true", page, "the field says it is wrong")
    on_field(keys, "Password")
    keys.type(user.password)
    keys.press("Enter")
    expect_demo(page, kw, user, "PASSWORD")
    keys.assert_indicators()


# --------------------------------------------------------------------------------------------
# Second factors
# --------------------------------------------------------------------------------------------


def test_sign_in_with_a_security_key(kw, tabs):
    user = kw.new_user("key")
    key = wb.security_key("Desk key")
    owner = tabs("key-owner")
    keys = keys_of(owner, kw)
    sign_in_with_password(keys, user, kw.base + "/account")
    owner.page.wait_for_url(kw.base + "/account")
    add_security_key(keys, owner, key)
    owner.unplug()

    tab = tabs("key-visitor")
    tab.plug(key)
    keys = keys_of(tab, kw)
    sign_in_with_method(keys, user, "PASSWORD_WEBAUTHN")
    expect_demo(tab.page, kw, user, "PASSWORD_WEBAUTHN")
    keys.assert_indicators()


def test_sign_in_with_an_sms_code(kw, tabs):
    user = kw.new_user("sms")
    number = ss.fresh_mobile()
    outbox = tsms.SmsWorld(kw.server, kw.server.workdir, tsms.dev_outbox(kw.server))
    tab = tabs("sms")
    keys = keys_of(tab, kw)
    page = tab.page
    sign_in_with_password(keys, user, kw.base + "/account")
    page.wait_for_url(kw.base + "/account")

    open_account_page(keys, "Manage my mobile phone numbers", "/account/phones")
    keys.activate(control("link", "Add a mobile phone number"))
    page.wait_for_selector("#phone-add-form")
    on_field(keys, "Mobile phone number")
    mark = outbox.mark()
    keys.type(number)
    keys.fill_field(control("textbox", "Name"), "My mobile")
    keys.activate(control("button", re.compile(r"^Add$")))
    page.wait_for_selector("#phone-confirm-form")
    on_field(keys, "SMS text challenge")
    keys.type(ss.confirm_code(outbox.wait_sms(number, mark).text))
    keys.activate(control("button", "Finalise"))
    wait_for_one_of(page, "the number added", {"listed": lambda: shown(page, "#phones tr.phone")})

    visitor = tabs("sms-visitor")
    keys = keys_of(visitor, kw)
    mark = outbox.mark()
    sign_in_with_method(keys, user, tsms.SMS_METHOD)
    visitor.page.wait_for_selector("#code-form")
    on_field(keys, "")
    keys.type(ss.sign_in_code(outbox.wait_sms(number, mark).text))
    keys.activate(control("button", "Sign in"))
    expect_demo(visitor.page, kw, user, tsms.SMS_STRENGTH)
    keys.assert_indicators()


def test_sign_in_with_a_token_code(kw, tabs):
    user = kw.internal_user("token")
    token = ts.hotp_token(ts.serial_for("kbd", secrets.token_hex(2)), name="Desk token", tool="pyotp")
    ts.import_and_assign(kw.server, [token], user, kw.server.workdir)
    tab = tabs("token")
    keys = keys_of(tab, kw)
    sign_in_with_method(keys, user, "PASSWORD_TOKEN")
    tab.page.wait_for_selector("#code-form")
    on_field(keys, "")
    keys.type(token.press())
    keys.activate(control("button", "Sign in"))
    expect_demo(tab.page, kw, user, "PASSWORD_TOKEN")
    keys.assert_indicators()


def add_mobile_device(keys: Keys, user: User, device: Phone, kw: KeyboardWorld) -> None:
    """My account → the mobile devices → name, PIN twice, "Continue" → the QR code page; the
    device enrols with its link and the page goes on by itself."""
    page = keys.page
    open_account_page(keys, "Manage my mobile devices", "/account/mobile_app")
    keys.fill_field(control("textbox", "Device name"), device.name)
    keys.fill_field(control("textbox", "PIN ("), device.pin)
    keys.fill_field(control("textbox", "The PIN again"), device.pin)
    keys.activate(control("button", "Continue"))
    page.wait_for_selector("#enrol-link")
    enrol(device, page.locator("#enrol-link").inner_text().strip(), user, kw)
    wait_for_one_of(
        page,
        "the enrolment page going on by itself",
        {"added": lambda: page.url.endswith("/account/mobile_app?added=1") and shown(page, "#notice")},
        BY_ITSELF_MS,
    )


def test_sign_in_with_the_mobile_app(kw, tabs, tmp_path):
    if not authenticator_binary().is_file():
        pytest.fail(f"{authenticator_binary()} is missing: `cargo build --workspace` builds it", pytrace=False)
    user = kw.new_user("mobile")
    device = phone(tmp_path, "Keyboard phone")
    owner = tabs("mobile-owner")
    keys = keys_of(owner, kw)
    sign_in_with_password(keys, user, kw.base + "/account")
    owner.page.wait_for_url(kw.base + "/account")
    add_mobile_device(keys, user, device, kw)

    # The QR code: the device turns its text into the code typed on the page.
    visitor = tabs("mobile-qr")
    keys = keys_of(visitor, kw)
    page = visitor.page
    sign_in_with_method(keys, user, "PASSWORD_SOFTWARE_TOKEN")
    page.wait_for_selector("#scan-link", state="attached")
    on_field(keys, "The code shown by the app")
    keys.type(offline_code(device, (page.locator("#scan-link").text_content() or "").strip()))
    keys.activate(control("button", "Sign in"))
    expect_demo(page, kw, user, "PASSWORD_SOFTWARE_TOKEN")
    keys.assert_indicators()

    # The push: the page shows two digits; approved on the device, it goes on by itself.
    pusher = tabs("mobile-push")
    keys = keys_of(pusher, kw)
    page = pusher.page
    sign_in_with_method(keys, user, "PASSWORD_MOBILE_APP")
    page.wait_for_selector("#approval-number strong")
    approve(device, page.locator("#approval-number strong").inner_text().strip())
    expect_demo(page, kw, user, "PASSWORD_MOBILE_APP")
    keys.assert_indicators()


# --------------------------------------------------------------------------------------------
# My account and PANIC
# --------------------------------------------------------------------------------------------


def test_my_account_details_and_sessions(kw, tabs):
    user = kw.new_user("account")
    other = tabs("account-elsewhere")
    other_keys = keys_of(other, kw)
    sign_in_with_password(other_keys, user, kw.base + "/account")
    other.page.wait_for_url(kw.base + "/account")

    tab = tabs("account")
    keys = keys_of(tab, kw)
    page = tab.page
    sign_in_with_password(keys, user, kw.base + "/account")
    page.wait_for_url(kw.base + "/account")

    # My personal data: a new last name, saved.
    open_account_page(keys, "My personal data", "/account/details")
    keys.fill_field(control("textbox", "Last name"), "Kowalska-Nowak")
    keys.activate(control("button", "Save"))
    wait_for_one_of(page, "the saved details", {"saved": lambda: shown(page, "p.notice")})
    expect(page.locator("#last_name").input_value() == "Kowalska-Nowak", page, "the new last name is kept")

    # My sessions: the other browser's session ended.
    open_account_page(keys, "View my sessions", "/account/sessions")
    expect(page.locator("article.session").count() == 2, page, "two sessions: this browser and the other one")
    keys.activate(control("button", "End this session", within=lambda text: "This browser" not in text))
    wait_for_one_of(page, "the ended session", {"ended": lambda: shown(page, "p.notice")})
    expect("The session has been ended" in page.locator("p.notice").inner_text(), page, "the notice says so")
    expect(page.locator("article.session").count() == 1, page, "one session left")
    other.page.goto(kw.base + "/account")
    expect("/cas/login" in other.page.url, other.page, "the other browser is signed out")
    keys.assert_indicators()


def test_panic_with_the_keyboard(kw, tabs):
    user = kw.new_user("panic")
    key = wb.security_key("Lost key")
    tab = tabs("panic")
    keys = keys_of(tab, kw)
    page = tab.page
    sign_in_with_password(keys, user, kw.base + "/account")
    page.wait_for_url(kw.base + "/account")
    add_security_key(keys, tab, key)
    tab.unplug()

    open_account_page(keys, "Remove all my devices (PANIC)", "/account/methods/panic")
    since = kw.mail_ids(user.email)
    keys.fill_field(control("textbox", "Password"), user.password)
    keys.activate(control("checkbox", "I understand"), key="Space")
    keys.activate(control("button", "Remove all my devices"))
    wait_for_one_of(page, "the PANIC mail sent", {"sent": lambda: shown(page, "#panic-sent")})

    # The link of the mail, then the button of its page.
    page.goto(kw.panic_link(user.email, since=since))
    keys.activate(control("button", "Remove all my devices now"))
    wait_for_one_of(page, "PANIC done", {"done": lambda: shown(page, "#panic-done")})
    removed = page.locator("#removed").inner_text()
    expect("Lost key" in removed, page, f"the key should be listed as removed: {removed!r}")
    assert "removed" in mail_text(kw.wait_for_mail(user.email, PANIC_SUBJECT)), kw.subjects_to(user.email)
    keys.assert_indicators()


def test_time_limits_warn_and_give_more_time_from_the_keyboard(kw, tabs):
    """WCAG 2.1 SC 2.2.1: the token step of the login says until when it lasts; a minute before
    its end the live region warns and "More time" appears; pressed, the step lasts another five
    minutes (the server's answer says until when) and the code still signs in. The CAPTCHA of
    the registration form warns the same way; its "More time" sends the form back for a new
    check, everything typed kept. The browser's clock is moved forward (Playwright's clock); the
    server's is real, so the warning comes only from the page's script."""
    user = kw.internal_user("more-time")
    token = ts.hotp_token(ts.serial_for("time", secrets.token_hex(2)), name="Desk token", tool="pyotp")
    ts.import_and_assign(kw.server, [token], user, kw.server.workdir)
    tab = tabs("more-time")
    page = tab.page
    page.clock.install()
    keys = keys_of(tab, kw)
    sign_in_with_method(keys, user, "PASSWORD_TOKEN")
    page.wait_for_selector("#code-form")
    box = page.locator(".time-limit")
    expect("You have until" in box.inner_text(), page, "the step says until when it lasts")
    more = box.locator(".time-limit-more")
    expect(more.is_hidden(), page, "no 'More time' before the last minute")

    page.clock.fast_forward("04:10")
    page.wait_for_function(
        "() => /Less than a minute/.test(document.querySelector('.time-limit-live').textContent)"
    )
    expect(more.is_visible(), page, "'More time' is offered in the last minute")
    keys.activate(control("button", "More time"))
    page.wait_for_function(
        "() => /You have until/.test(document.querySelector('.time-limit-live').textContent)"
    )
    expect(more.is_hidden(), page, "the button goes once the time was given")
    # Past the step's first end (by the browser's clock), no new warning yet: it ends later now.
    page.clock.fast_forward("01:30")
    expect(
        "Less than a minute" not in page.locator(".time-limit-live").inner_text(),
        page,
        "the new end is five minutes after the extension",
    )
    keys.fill_field(control("textbox"), token.press())
    keys.activate(control("button", "Sign in"))
    expect_demo(page, kw, user, "PASSWORD_TOKEN")

    # The CAPTCHA (30 minutes): a warning, then a new check with what was typed kept.
    tab = tabs("captcha-time")
    page = tab.page
    page.clock.install()
    keys = keys_of(tab, kw)
    page.goto(kw.base + "/cas/register")
    keys.fill_field(control("textbox", "First name"), "Ελένη")
    first_check = page.locator("input[name=captcha_id]").input_value()
    first_end = int(page.locator(".captcha .time-limit").get_attribute("data-until"))
    page.clock.fast_forward("29:10")
    page.wait_for_function(
        "() => /Less than a minute/.test(document.querySelector('.captcha .time-limit-live').textContent)"
    )
    keys.activate(control("button", "More time"))
    wait_heading(page, "Create an account")
    page.wait_for_selector("#first_name")
    expect(page.locator("#first_name").input_value() == "Ελένη", page, "the form keeps what was typed")
    # A new check, whose half hour starts now (by the server's clock, which did not jump).
    expect(page.locator("input[name=captcha_id]").input_value() != first_check, page, "a new check")
    new_end = int(page.locator(".captcha .time-limit").get_attribute("data-until"))
    expect(new_end >= first_end, page, f"the new check ends at {new_end}, not before {first_end}")
