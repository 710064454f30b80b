"""The authenticator web app (issue 15, `/authenticator/`) in a real browser: headless Chromium
(Debian's package) driven by Playwright, with two kinds of browser context — a "desktop" that
signs in to My account and to the demo service, and a "phone" (Playwright's "Pixel 7": a mobile
viewport, `is_mobile`, `has_touch`, a Chrome on Android User-Agent) running the app, whose
IndexedDB holds the device's keys. The app is the device of docs/MOBILE-PROTOCOL.md
(`limen-mobile/1`): these tests are issue 15's "Tests that must exist".

What a user does: My account → "Manage my mobile devices" → a name and a PIN twice; the phone's
app gets the page's enrolment link (pasted, or through the camera) and the same PIN, and the page
turns to "added" by itself. A sign-in with "Mobile App PIN Code": the app lists the request (the
service, the browser's network and family), the user types the page's two digits and the PIN,
and the page goes on by itself; a wrong number, a denial ("this was not me" too), wrong PINs up to
the lock. "Mobile App QR Code": the app turns the page's challenge into an 8-digit code without a
network (with the network cut, the service worker serving the app). "On Mobile": the phone's own
sign-in page opens the app in a new tab. Changing the PIN, renaming, unlinking. Every screen has
no serious or critical axe-core violation, in English and in French.

Limen runs with `--dev` (its mail goes to the development outbox), on http://127.0.0.1:PORT, a
secure context for the app's WebCrypto and service worker. One server per backend for the module,
a fresh user and fresh browser contexts per test; what only the browser does (the camera, axe-core,
the language) runs against the SQLite server alone. Messages are checked against the app's own
texts (its i18n.js, in the language it shows), the French ones also as written. Nothing here
measures time: every wait is a generous bound on what a user would see.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

import test_webauthn_browser as wb
from authenticator_pwa import (
    APP_PATH,
    APP_TIMEOUT_MS,
    AuthenticatorApp,
    axe_violations,
    failing,
    format_violations,
    phone_options,
    read_y4m_header,
    write_qr_y4m,
)
from limen_interop import User, running_limen
from test_browser import CHROMIUM, CHROMIUM_ARGS
from test_mobile_browser import (
    ADDED_SUBJECT,
    BY_ITSELF_MS,
    DEMO_NAME,
    PIN,
    WRONG_PIN,
    approval_id,
    approval_number,
    arrived_at_demo,
    device_rows,
    enrolment_link,
    expect_demo_strength,
    fill_new_device,
    open_my_devices,
    other_number,
    scan_text,
    start_demo_login,
    wait_for_demo_by_itself,
)
from test_panic_mfa_browser import PanicWorld, mail_text, texts
from test_webauthn_browser import (
    Tab,
    expect,
    shown,
    sign_in_with_password,
    submit_email,
    submit_method,
    wait_for_one_of,
)

log = logging.getLogger(__name__)

# The CAS services' web server and the desktop tabs (with screenshots on failure): the WebAuthn
# tests' fixtures, over this module's `chromium`.
tabs = wb.tabs
service_site = wb.service_site

NEW_PIN = "602913"
# What the phone sees of the desktop browser: its /24 and its family and system.
DESKTOP_NETWORK = "127.0.0.0/24"
DESKTOP_BROWSER = "Chrome on Linux"
LOCKED_SUBJECT = "A mobile device was locked"
UNLINKED_SUBJECT = "A mobile device was unlinked"
REPORTED_SUBJECT = "A sign-in you did not start was refused on your phone"
PIN_TRIES = 5  # methods.mobile_app.pin_tries, the default
NO_USABLE_DEVICE = "You have no usable mobile device. Add one in My account."


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pw():
    """Playwright itself (its device descriptors, and a second browser for the camera test)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (scripts/test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def chromium(pw):
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def pwa(request, tmp_path_factory, service_site):
    """A fresh `limen serve --dev` reached as http://127.0.0.1:PORT; the demo service is the one
    signed in to."""
    backend = request.param
    if backend == "postgres" and not os.environ.get("LIMEN_TEST_PG"):
        pytest.skip("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
    workdir = tmp_path_factory.mktemp(f"authenticator-pwa-{backend}")
    with running_limen(backend, workdir, extra_args=["--dev"]) as server:
        yield PanicWorld(server=server, site=service_site)


@pytest.fixture
def phones(pw, chromium, pwa, request, tmp_path):
    """Opens phone contexts running the app. On a failure, a screenshot of each goes to the
    test's tmp_path; an uncaught error of the app's scripts fails the test."""
    opened: list[tuple[str, object, AuthenticatorApp]] = []
    page_errors: list[str] = []
    failed_before = request.session.testsfailed

    def watch(label: str, page) -> None:
        page.on("pageerror", lambda exc: page_errors.append(f"{label}: {exc}"))
        page.on("console", lambda msg: log.info("%s console %s: %s", label, msg.type, msg.text))

    def open_phone(label: str, locale: str = "en-GB", browser=None, **options) -> AuthenticatorApp:
        context = (browser or chromium).new_context(**phone_options(pw, locale, **options))
        context.on("page", lambda page: watch(f"{label} (new tab)", page))
        page = context.new_page()
        watch(label, page)
        app = AuthenticatorApp(page, pwa.base)
        opened.append((label, context, app))
        return app

    yield open_phone
    if request.session.testsfailed > failed_before:
        for label, context, _app in opened:
            for i, page in enumerate(context.pages):
                path = Path(tmp_path) / f"phone-{label}-{i}.png"
                try:
                    page.screenshot(path=str(path), full_page=True, timeout=5_000)
                    log.error("screenshot of phone %r at %s: %s", label, page.url, path)
                except Exception as exc:  # noqa: BLE001 - a screenshot is only a help
                    log.error("no screenshot of phone %r: %s", label, exc)
    for _label, context, _app in opened:
        try:
            context.close()
        except Exception as exc:  # noqa: BLE001 - its browser may be closed already (camera test)
            log.info("phone context already closed: %s", exc)
    if page_errors and request.session.testsfailed == failed_before:
        pytest.fail("uncaught errors in the app's scripts:\n" + "\n".join(page_errors), pytrace=False)


# --------------------------------------------------------------------------------------------
# The desktop side
# --------------------------------------------------------------------------------------------


def signed_in_owner(tabs, pwa: PanicWorld, tag: str) -> tuple[User, Tab]:
    """A new user, signed in with the password in a desktop tab on My account."""
    user = pwa.new_user(tag)
    owner = tabs(f"{tag}-desktop")
    sign_in_with_password(owner, pwa, user, pwa.base + "/account", pwa.base + "/account")
    return user, owner


def start_enrolment(owner: Tab, pwa: PanicWorld, name: str, pin: str = PIN) -> str:
    """My account → "Manage my mobile devices" → the name and the PIN twice: the page's link."""
    open_my_devices(owner, pwa)
    fill_new_device(owner.page, name, pin)
    link = enrolment_link(owner.page)
    expect(
        "Waiting for your device" in owner.page.locator("#enrol-status").inner_text(),
        owner.page,
        "the page should wait for the device",
    )
    return link


def wait_added(owner: Tab, pwa: PanicWorld, *names: str) -> None:
    """Nothing is clicked on the desktop: its page hears that the device confirmed and turns
    to the list with the "added" notice, which names `names`."""
    page = owner.page
    wait_for_one_of(
        page,
        "the enrolment page turning to the list by itself",
        {"added": lambda: page.url.endswith("/account/mobile_app?added=1") and shown(page, "#notice")},
        timeout_ms=BY_ITSELF_MS,
    )
    expect("The mobile device was added" in page.locator("#notice").inner_text(), page, "the 'added' notice")
    rows = device_rows(page)
    expect(sorted(rows) == sorted(names), page, f"the list should name {sorted(names)}: {rows}")


def enrolled_phone(tabs, phones, pwa: PanicWorld, tag: str, **phone_opts) -> tuple[User, Tab, AuthenticatorApp, str]:
    """A new user whose phone's app is enrolled (the link pasted): the user, the desktop tab
    (on the device list), the app (home, the account shown) and the device id."""
    user, owner = signed_in_owner(tabs, pwa, tag)
    name = f"{tag} phone"
    link = start_enrolment(owner, pwa, name)
    app = phones(tag, **phone_opts)
    app.open()
    app.enrol(link, PIN)
    wait_added(owner, pwa, name)
    accounts = app.accounts()
    app.expect(len(accounts) == 1, f"one account after the enrolment: {accounts}")
    return user, owner, app, accounts[0].device


def push_login(tabs, pwa: PanicWorld, user: User, tag: str, method: str = "PASSWORD_MOBILE_APP"):
    """A desktop tab signing in to the demo with `method` and the password."""
    visitor = tabs(tag)
    start_demo_login(visitor, pwa, user, method)
    return visitor


def open_pushed_request(app: AuthenticatorApp, challenge: str) -> None:
    """Home → "Check now" → the request in the list → its screen, for the demo service."""
    if app.screen() != "home":
        app.home()
    app.wait_for_request(challenge)
    row = app.page.locator(f'#requests li.request[data-challenge="{challenge}"]')
    app.expect(DEMO_NAME in row.locator(".request-service").inner_text(), f"the request should name {DEMO_NAME}")
    app.expect(row.locator(".request-time").inner_text().strip() != "", "the request should show its time")
    app.open_request(challenge)
    app.expect(app.text("#req-service") == DEMO_NAME, f"the request's service should be {DEMO_NAME}")


def approve_push(app: AuthenticatorApp, page, pin: str = PIN) -> str:
    """The push page's number and request, answered on the phone with `pin`: the result."""
    number = approval_number(page)
    open_pushed_request(app, approval_id(page))
    return app.answer(number, pin)


def device_list_locked(owner: Tab, pwa: PanicWorld) -> dict[str, bool]:
    """My account's mobile device list: name → whether the row says the device is locked."""
    page = owner.page
    page.goto(pwa.base + "/account/mobile_app")
    rows = page.locator("tr.mobile-device")
    return {
        (rows.nth(i).get_attribute("data-name") or ""): "locked" in rows.nth(i).inner_text()
        for i in range(rows.count())
    }


BROWSER_ONLY = "what this checks is in the browser: run on the SQLite server only"
SERVER_BOTH_BACKENDS = (
    "the server's side of this flow runs on both backends in crates/limen-testkit (tests/it/mobile.rs): "
    "run here on the SQLite server only"
)


def sqlite_only(pwa: PanicWorld, why: str = BROWSER_ONLY) -> None:
    """Runs the test on the SQLite server only, to keep the file's run short: the app's own
    screens (the camera, axe-core, its language) do not depend on the server's storage, and the
    flows whose server side the Rust tests cover on both backends need the browser once. On
    PostgreSQL too: the enrolment, the push approval, the lockout (the PIN tries the store
    reserves), the offline code and the unlinking."""
    if pwa.server.label != "sqlite":
        pytest.skip(why)


def jws_payload(jws: str) -> dict:
    part = jws.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


# --------------------------------------------------------------------------------------------
# 1. Enrolment from My account
# --------------------------------------------------------------------------------------------


def test_the_app_enrols_with_the_link_of_my_account(pwa, tabs, phones):
    user, owner = signed_in_owner(tabs, pwa, "pwa-enrol")
    open_my_devices(owner, pwa)
    expect(shown(owner.page, "#no-devices"), owner.page, "a new account has no mobile device")

    app = phones("enrol")
    app.open()
    app.wait_screen("home")
    app.expect(app.accounts() == [], "a fresh app has no account")
    app.expect(app.visible("#empty"), "the empty home says there is no account yet")

    name = "Pixel web app"
    link = start_enrolment(owner, pwa, name)

    # What the app refuses by itself: a link that is not one, and two different PINs.
    app.fill_enrolment("limen://enrol?p=bm90IGEgbGluaw", PIN)
    app.enrol_error("err-bad_link")
    app.fill_enrolment("https://example.org/", PIN)
    app.enrol_error("err-bad_link")
    app.fill_enrolment(link, "12a4")
    app.enrol_error("err-pin-format")
    app.fill_enrolment(link, PIN, again="4822")
    app.enrol_error("err-pin-differ")
    app.expect(app.accounts() == [], "no account after refused enrolments")
    expect(
        "Waiting for your device" in owner.page.locator("#enrol-status").inner_text(),
        owner.page,
        "the desktop still waits: the link was not used",
    )

    # A PIN that is not the one chosen on the desktop: the server refuses the confirmation; the
    # desktop page hears it and says why.
    app.fill_enrolment(link, WRONG_PIN)
    app.enrol_error("err-pin_mismatch")
    app.expect(app.accounts() == [], "no account after a PIN mismatch")
    wait_for_one_of(
        owner.page,
        "the desktop page after the PIN mismatch",
        {"refused": lambda: "not the one you chose here" in owner.page.locator("body").inner_text()},
        BY_ITSELF_MS,
    )

    # The user starts again: a new link, the right PIN; both screens go on by themselves.
    since = pwa.mail_ids(user.email)
    link = start_enrolment(owner, pwa, name)
    app.home()
    app.enrol(link, PIN)
    wait_added(owner, pwa, name)
    model = device_rows(owner.page)[name]
    expect("Android" in model and "Web app in Chrome" in model, owner.page, f"what the app says it is: {model!r}")
    [account] = app.accounts()
    app.expect(account.label == name, f"the account is labelled with the device name {name!r}: {account}")
    app.expect(account.email == user.email, f"the account shows {user.email}: {account}")
    host = urlsplit(pwa.base).netloc
    app.expect(account.server == host, f"the account shows the server {host}: {account}")
    app.expect(account.state == "active", f"a new device is active: {account}")
    app.expect(re.fullmatch(r"[A-Za-z0-9_-]{43}", account.device) is not None, f"the device id: {account}")
    app.wait_text("#status", app.t("enrol-done", name=name, account=user.email))
    app.expect(not app.visible("#empty"), "#empty is hidden once there is an account")
    added_mail = mail_text(pwa.wait_for_mail(user.email, ADDED_SUBJECT, since))
    assert name in added_mail, f"the security e-mail should name the device {name!r}:\n{added_mail}"

    # The account is kept (IndexedDB) across a reload.
    app.open()
    app.expect([a.device for a in app.accounts()] == [account.device], "the account survives a reload")

    # The link works once: another phone cannot use it again.
    other = phones("enrol-again")
    other.open()
    other.fill_enrolment(link, PIN)
    other.enrol_error("err-not_found")
    other.expect(other.accounts() == [], "a used link enrols nothing")


# --------------------------------------------------------------------------------------------
# 2–5. Push requests: approval, wrong number, denial, wrong PINs
# --------------------------------------------------------------------------------------------


def test_a_push_is_approved_with_the_number_and_the_pin(pwa, tabs, phones):
    user, _owner, app, _device = enrolled_phone(tabs, phones, pwa, "pwa-push")
    visitor = push_login(tabs, pwa, user, "pwa-push-visitor")
    page = visitor.page
    number = approval_number(page)
    challenge = approval_id(page)

    open_pushed_request(app, challenge)
    origin = app.text("#req-origin")
    app.expect(DESKTOP_NETWORK in origin and DESKTOP_BROWSER in origin, f"#req-origin: {origin!r}")
    app.expect(not app.visible("#req-tx"), "a login carries no transaction")
    app.expect(app.visible("#req-number"), "a push asks for the page's number")
    app.expect(app.text("#req-time") != "", "the request shows its time")

    result = app.answer(number, PIN)
    app.expect(result == "approved", f"the right number and PIN approve, not {result!r}")
    wait_for_demo_by_itself(page, pwa)
    expect_demo_strength(page, pwa, user, "PASSWORD_MOBILE_APP")

    # Done: back home, "Check now" asks the server, which no longer lists the request.
    app.page.locator("#btn-result-ok").click()
    app.wait_screen("home")
    with app.page.expect_response(lambda r: r.url.endswith("/device/v1/challenges")) as answer:
        app.check_now()
    listed = [jws_payload(c)["id"] for c in answer.value.json()["challenges"]]
    app.expect(challenge not in listed, f"the server no longer lists the answered request: {listed}")
    app.expect(app.requests() == [], f"no request left in the list: {app.requests()}")


def test_a_wrong_number_spends_the_request(pwa, tabs, phones):
    sqlite_only(pwa, SERVER_BOTH_BACKENDS)
    user, _owner, app, _device = enrolled_phone(tabs, phones, pwa, "pwa-wrong")
    visitor = push_login(tabs, pwa, user, "pwa-wrong-visitor")
    page = visitor.page
    number = approval_number(page)
    first = approval_id(page)

    open_pushed_request(app, first)
    result = app.answer(other_number(number), PIN)
    app.expect(result == "wrong_number", f"another number gives wrong_number, not {result!r}")
    app.expect(not app.visible("#btn-retry"), "a spent request offers no retry")

    # The desktop hears it by itself: a new request and its number, and why.
    wait_for_one_of(
        page,
        "the push page after a wrong number",
        {"new": lambda: shown(page, "#approval-error") and approval_id(page) not in ("", first)},
        BY_ITSELF_MS,
    )
    expect("was not the one shown here" in page.locator("#approval-error").inner_text(), page, "why")

    # The new request, with its own number, is approved.
    app.page.locator("#btn-result-ok").click()
    app.wait_screen("home")
    result = approve_push(app, page)
    app.expect(result == "approved", f"the new request is approved, not {result!r}")
    wait_for_demo_by_itself(page, pwa)
    expect_demo_strength(page, pwa, user, "PASSWORD_MOBILE_APP")


def test_a_denial_and_a_denial_reported_as_not_me(pwa, tabs, phones):
    sqlite_only(pwa, SERVER_BOTH_BACKENDS)
    user, _owner, app, _device = enrolled_phone(tabs, phones, pwa, "pwa-deny")
    visitor = push_login(tabs, pwa, user, "pwa-deny-visitor")
    page = visitor.page
    open_pushed_request(app, approval_id(page))
    result = app.deny()
    app.expect(result == "denied", f"Deny gives denied, not {result!r}")
    app.wait_text("#result", app.t("result-denied"))
    wait_for_one_of(page, "the push page after a denial", {"denied": lambda: shown(page, "#wait-denied")}, BY_ITSELF_MS)
    expect("denied on your device" in page.locator("#wait-denied").inner_text(), page, "the page says it was denied")
    expect(not arrived_at_demo(page, pwa), page, "a denied sign-in does not reach the demo")

    # "This was not me": denied too, and the account holder is warned by e-mail.
    since = pwa.mail_ids(user.email)
    app.page.locator("#btn-result-ok").click()
    app.wait_screen("home")
    other = push_login(tabs, pwa, user, "pwa-deny-notme-visitor")
    open_pushed_request(app, approval_id(other.page))
    result = app.deny(not_me=True)
    app.expect(result == "denied", f"'This was not me' gives denied, not {result!r}")
    app.wait_text("#result", app.t("result-denied-not-me"))
    wait_for_one_of(
        other.page, "the push page after 'not me'", {"denied": lambda: shown(other.page, "#wait-denied")}, BY_ITSELF_MS
    )
    # The server took the report: the account holder is mailed about that sign-in.
    text = mail_text(pwa.wait_for_mail(user.email, REPORTED_SUBJECT, since))
    for what in (DEMO_NAME, DESKTOP_NETWORK, DESKTOP_BROWSER, "pwa-deny phone", "/account/methods/panic"):
        assert what in text, f"the mail should name {what!r}:\n{text}"
    others = [m for m in pwa.subjects_to(user.email) if m not in (ADDED_SUBJECT, REPORTED_SUBJECT)]
    assert others == [], f"the plain denial mails nothing: {others}"


def test_wrong_pins_lock_the_device(pwa, tabs, phones):
    user, owner, app, device = enrolled_phone(tabs, phones, pwa, "pwa-lock")
    visitor = push_login(tabs, pwa, user, "pwa-lock-visitor")
    page = visitor.page
    number = approval_number(page)
    challenge = approval_id(page)
    open_pushed_request(app, challenge)

    since = pwa.mail_ids(user.email)
    results = []
    for attempt in range(PIN_TRIES):
        results.append(app.answer(number, WRONG_PIN))
        if results[-1] != "wrong_pin":
            break
        # A wrong PIN leaves the request open: "Retry" goes back to the same request.
        app.expect(app.visible("#btn-retry"), f"wrong_pin offers a retry (attempt {attempt + 1})")
        app.page.locator("#btn-retry").click()
        app.wait_screen("request")
        app.expect(app.text("#req-service") == DEMO_NAME, "the retry shows the same request")
    expected = ["wrong_pin"] * (PIN_TRIES - 1) + ["locked"]
    app.expect(results == expected, f"{PIN_TRIES} wrong PINs give {expected}, not {results}")
    app.expect(not app.visible("#btn-retry"), "a locked device offers no retry")

    # The server: the security e-mail, My account's list, the desktop's sign-in.
    pwa.wait_for_mail(user.email, LOCKED_SUBJECT, since)
    states = device_list_locked(owner, pwa)
    expect(states == {"pwa-lock phone": True}, owner.page, f"My account shows the device locked: {states}")
    expect(not arrived_at_demo(page, pwa), page, "the locked device approved nothing")
    again = tabs("pwa-lock-again")
    again.page.goto(pwa.demo)
    submit_email(again.page, user)
    # The method stays offered (the account has a device); choosing it says why it fails.
    submit_method(again.page, "PASSWORD_MOBILE_APP", user.password)
    again.page.wait_for_selector("section.card.problem")
    paragraphs = texts(again.page, "section.card.problem p")
    expect(NO_USABLE_DEVICE in paragraphs, again.page, f"the push is refused: {NO_USABLE_DEVICE!r}")
    expect(again.page.locator("#approval-number").count() == 0, again.page, "no request is made")

    # The app: the account is shown locked.
    app.page.locator("#btn-result-ok").click()
    app.wait_screen("home")
    accounts = app.accounts()
    app.expect([(a.device, a.state) for a in accounts] == [(device, "locked")], f"the account shows locked: {accounts}")

    # "Forgot PIN" on the locked phone: its keys are erased here; My account still lists it,
    # locked, until the user removes it there (docs/MOBILE-PROTOCOL.md §3.7).
    app.open_settings(device)
    app.page.locator("#btn-forgot-pin").click()
    app.page.locator("#btn-confirm-yes").click()
    app.wait_screen("home")
    app.wait_text("#status", app.t("unlinked"))
    app.expect(app.accounts() == [], "the forgotten device is gone from the app")
    states = device_list_locked(owner, pwa)
    expect(states == {"pwa-lock phone": True}, owner.page, f"My account lists the device, locked: {states}")


# --------------------------------------------------------------------------------------------
# 6. The offline QR code
# --------------------------------------------------------------------------------------------


def offline_code_round(app: AuthenticatorApp, link: str, pin: str) -> str:
    """The code screen: the challenge link pasted and read (what is asked is shown), the PIN:
    the 8-digit code, with its countdown."""
    app.read_code_link(link)
    app.page.wait_for_selector("#code-service", state="visible")
    app.expect(app.text("#code-service") == DEMO_NAME, f"the challenge is for {DEMO_NAME}")
    origin = app.text("#code-origin")
    app.expect(DESKTOP_NETWORK in origin and DESKTOP_BROWSER in origin, f"#code-origin: {origin!r}")
    code = app.make_code(pin)
    seconds = app.text("#code-countdown")
    app.expect(re.search(r"\d+", seconds) is not None, f"#code-countdown shows the seconds left: {seconds!r}")
    return code


def type_code(page, code: str) -> None:
    page.fill("#code", code)
    page.locator("#code-form button[type=submit]").click()


def test_the_offline_code_signs_in_and_a_wrong_pin_makes_a_refused_code(pwa, tabs, phones):
    user, _owner, app, _device = enrolled_phone(tabs, phones, pwa, "pwa-code")
    visitor = push_login(tabs, pwa, user, "pwa-code-visitor", method="PASSWORD_SOFTWARE_TOKEN")
    page = visitor.page
    text = scan_text(page)

    # Not a challenge link, and a challenge whose signature was tampered with: refused.
    app.read_code_link("https://example.org/")
    app.code_error("err-bad_link")
    app.home()
    app.read_code_link("limen://challenge?c=not.a.challenge")
    app.code_error("err-bad_link", "err-bad_signature")
    header, _payload, signature = text.removeprefix("limen://challenge?c=").split(".")
    forged = dict(jws_payload(text.removeprefix("limen://challenge?c=")))
    forged["display"] = {**forged["display"], "service": "Someone else"}
    forged_part = base64.urlsafe_b64encode(json.dumps(forged, separators=(",", ":")).encode()).rstrip(b"=").decode()
    app.home()
    app.read_code_link(f"limen://challenge?c={header}.{forged_part}.{signature}")
    app.code_error("err-bad_signature")
    app.expect(not app.visible("#code-value"), "no code for a forged challenge")

    # A wrong PIN gives a code only the server can refuse; the page then shows a new QR code.
    app.home()
    wrong = offline_code_round(app, text, WRONG_PIN)
    type_code(page, wrong)
    page.wait_for_selector("#code-error")
    expect("This code is not right" in page.locator("#code-error").inner_text(), page, "a wrong code is refused")
    again = scan_text(page)
    expect(again != text, page, "the refused request is spent: a new QR code")

    app.home()
    code = offline_code_round(app, again, PIN)
    type_code(page, code)
    page.wait_for_url(pwa.demo)
    expect_demo_strength(page, pwa, user, "PASSWORD_SOFTWARE_TOKEN")


# --------------------------------------------------------------------------------------------
# 7. On Mobile: the phone signs in on itself
# --------------------------------------------------------------------------------------------


def test_on_mobile_opens_the_app_in_a_new_tab_and_the_login_goes_on(pwa, tabs, phones):
    sqlite_only(pwa, SERVER_BOTH_BACKENDS)
    user, _owner, app, _device = enrolled_phone(tabs, phones, pwa, "pwa-onmobile")
    # The phone's own browser (the app's context) signs in to the demo: "On Mobile", no password.
    login = app.page.context.new_page()
    login.set_default_timeout(APP_TIMEOUT_MS)
    login.goto(pwa.demo)
    submit_email(login, user)
    expect("MOBILE_APP" in wb.method_values(login), login, "On Mobile is offered to a phone's browser")
    submit_method(login, "MOBILE_APP", None)
    login.wait_for_selector("#mobile-approval")
    expect(login.locator("#approval-number").count() == 0, login, "On Mobile shows no number")
    challenge = approval_id(login)
    link = login.locator("#approval-web-link")
    expect(link.count() == 1, login, "the On Mobile page links to the web app")
    expect(link.get_attribute("href") == f"{pwa.base}{APP_PATH}#challenge={challenge}", login, "the link's href")
    expect(link.get_attribute("target") == "_blank", login, "the link opens a new tab")
    expect("noopener" in (link.get_attribute("rel") or ""), login, "the new tab cannot reach the login page")

    with login.context.expect_page() as opened:
        link.click()
    tab = AuthenticatorApp(opened.value, pwa.base)
    tab.wait_ready()
    tab.wait_screen("request")
    tab.expect(tab.text("#req-service") == DEMO_NAME, f"the request is for {DEMO_NAME}")
    result = tab.answer(None, PIN)
    tab.expect(result == "approved", f"On Mobile with the PIN approves, not {result!r}")
    wait_for_demo_by_itself(login, pwa)
    expect_demo_strength(login, pwa, user, "MOBILE_APP")


# --------------------------------------------------------------------------------------------
# 8–9. Settings: the PIN, the label, unlinking
# --------------------------------------------------------------------------------------------


def test_changing_the_pin_needs_the_old_one_and_the_new_one_approves(pwa, tabs, phones):
    sqlite_only(pwa, SERVER_BOTH_BACKENDS)
    user, _owner, app, device = enrolled_phone(tabs, phones, pwa, "pwa-pin")
    app.open_settings(device)

    # The local label.
    app.page.fill("#set-label", "My work phone")
    app.page.locator("#btn-rename").click()
    app.wait_text("#status", app.t("renamed"))
    app.home()
    [account] = app.accounts()
    app.expect(account.label == "My work phone", f"the account is renamed: {account}")
    app.open_settings(device)

    # Refused: two different new PINs (by the app), a wrong old PIN (by the server).
    app.change_pin(PIN, NEW_PIN, again="602914")
    app.wait_text("#pin-error", app.t("err-pin-differ"))
    app.change_pin(WRONG_PIN, NEW_PIN)
    app.wait_text("#pin-error", app.t("err-wrong_pin"))
    app.home()

    # Nothing changed: the old PIN still approves.
    visitor = push_login(tabs, pwa, user, "pwa-pin-visitor")
    result = approve_push(app, visitor.page, PIN)
    app.expect(result == "approved", f"the unchanged PIN approves, not {result!r}")
    wait_for_demo_by_itself(visitor.page, pwa)

    # The change itself.
    app.page.locator("#btn-result-ok").click()
    app.wait_screen("home")
    app.open_settings(device)
    app.change_pin(PIN, NEW_PIN)
    app.wait_text("#status", app.t("pin-changed"))
    app.expect(app.text("#pin-error") == "", f"no error: {app.text('#pin-error')!r}")
    app.home()

    # The old PIN is now wrong (the request stays open), the new one approves.
    visitor = push_login(tabs, pwa, user, "pwa-pin-visitor-2")
    number = approval_number(visitor.page)
    open_pushed_request(app, approval_id(visitor.page))
    result = app.answer(number, PIN)
    app.expect(result == "wrong_pin", f"the old PIN is wrong after the change, not {result!r}")
    app.page.locator("#btn-retry").click()
    app.wait_screen("request")
    result = app.answer(number, NEW_PIN)
    app.expect(result == "approved", f"the new PIN approves, not {result!r}")
    wait_for_demo_by_itself(visitor.page, pwa)
    expect_demo_strength(visitor.page, pwa, user, "PASSWORD_MOBILE_APP")


def test_unlinking_erases_the_keys_here_and_locks_the_device_in_my_account(pwa, tabs, phones):
    user, owner, app, device = enrolled_phone(tabs, phones, pwa, "pwa-unlink")
    app.open_settings(device)
    app.page.locator("#btn-unlink").click()
    app.page.locator("#btn-confirm-no").click()
    app.home()
    app.expect([a.device for a in app.accounts()] == [device], "'No' keeps the account")

    since = pwa.mail_ids(user.email)
    app.open_settings(device)
    app.page.locator("#btn-unlink").click()
    app.page.locator("#btn-confirm-yes").click()
    app.wait_screen("home")
    app.wait_text("#status", app.t("unlinked"))
    app.expect(app.accounts() == [], "the unlinked account is gone from the app")
    app.expect(app.visible("#empty"), "the app is empty again")
    # Locked, not removed (§3.7: a device cannot remove a factor, which needs the step-up):
    # My account lists it locked, the account holder is told, no push reaches it any more.
    states = device_list_locked(owner, pwa)
    expect(
        states == {"pwa-unlink phone": True}, owner.page, f"My account lists the device, locked: {states}"
    )
    pwa.wait_for_mail(user.email, UNLINKED_SUBJECT, since)
    again = tabs("pwa-unlink-again")
    again.page.goto(pwa.demo)
    submit_email(again.page, user)
    submit_method(again.page, "PASSWORD_MOBILE_APP", user.password)
    again.page.wait_for_selector("section.card.problem")
    paragraphs = texts(again.page, "section.card.problem p")
    expect(NO_USABLE_DEVICE in paragraphs, again.page, f"the push is refused: {NO_USABLE_DEVICE!r}")


# --------------------------------------------------------------------------------------------
# 10. The camera (Chromium's fake capture device playing the page's QR code)
# --------------------------------------------------------------------------------------------


def qr_screenshot(page, selector: str) -> bytes:
    return page.locator(selector).first.screenshot(scale="device")


def camera_browser(pw, y4m: Path):
    return pw.chromium.launch(
        executable_path=CHROMIUM,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-video-capture={y4m}",
        ],
    )


def test_the_camera_reads_the_enrolment_and_challenge_qr_codes(pwa, pw, chromium, phones, tmp_path):
    sqlite_only(pwa)
    # Desktops drawn at three device pixels per CSS pixel: sharp QR codes to film.
    contexts = [chromium.new_context(locale="en-GB", device_scale_factor=3) for _ in range(2)]
    try:
        owner, visitor = (SimpleNamespace(page=c.new_page()) for c in contexts)
        for tab in (owner, visitor):
            tab.page.set_default_timeout(APP_TIMEOUT_MS)
        user = pwa.new_user("pwa-camera")
        sign_in_with_password(owner, pwa, user, pwa.base + "/account", pwa.base + "/account")
        link = start_enrolment(owner, pwa, "Camera phone")
        y4m = tmp_path / "qr.y4m"
        write_qr_y4m(qr_screenshot(owner.page, "#mobile-enrol figure.qr svg"), y4m)
        header = read_y4m_header(y4m)
        assert header["W"] == "1280" and header["H"] == "720" and header["C"] == "420jpeg", header

        browser = camera_browser(pw, y4m)
        try:
            app = phones("camera", browser=browser, permissions=["camera"])
            fetched: list[str] = []
            app.page.on("request", lambda r: fetched.append(r.url))
            app.open()
            has_detector = app.page.evaluate("() => 'BarcodeDetector' in window")
            app.page.locator("#btn-add").click()
            app.wait_screen("enrol")
            app.track_screens()
            app.page.locator("#btn-enrol-scan").click()
            app.page.wait_for_function("() => document.querySelector('#enrol-link').value.trim() !== ''")
            app.wait_screen("enrol")
            app.expect(app.screens_seen() == ["enrol", "scan", "enrol"], f"the camera's screen: {app.screens_seen()}")
            scanned = app.page.locator("#enrol-link").input_value().strip()
            app.expect(scanned == link, f"the camera read the enrolment link: {scanned!r}")
            if not has_detector:
                app.expect(
                    any(url.endswith("/vendor/jsQR.min.js") for url in fetched),
                    "without BarcodeDetector the app decodes with the vendored jsQR",
                )
            app.page.fill("#enrol-pin", PIN)
            app.page.fill("#enrol-pin2", PIN)
            app.page.locator("#btn-enrol").click()
            app.wait_screen("home")
            wait_added(owner, pwa, "Camera phone")

            # The challenge's QR code, on the same camera: its file now plays the new picture
            # (Chromium opens it again for each capture).
            start_demo_login(visitor, pwa, user, "PASSWORD_SOFTWARE_TOKEN")
            text = scan_text(visitor.page)
            write_qr_y4m(qr_screenshot(visitor.page, "figure.qr svg"), y4m)
            app.page.locator("#btn-code").click()
            app.wait_screen("code")
            app.track_screens()
            app.page.locator("#btn-code-scan").click()
            app.page.wait_for_selector("#code-service", state="visible")
            app.wait_screen("code")
            app.expect(app.screens_seen() == ["code", "scan", "code"], f"the camera's screen: {app.screens_seen()}")
            read = app.page.locator("#code-link").input_value().strip()
            app.expect(read == text, f"the camera read the challenge: {read[:60]!r}…")
            app.expect(app.text("#code-service") == DEMO_NAME, f"the challenge is for {DEMO_NAME}")
            code = app.make_code(PIN)
            type_code(visitor.page, code)
            visitor.page.wait_for_url(pwa.demo)
            expect_demo_strength(visitor.page, pwa, user, "PASSWORD_SOFTWARE_TOKEN")
        finally:
            browser.close()
    finally:
        for context in contexts:
            context.close()


# --------------------------------------------------------------------------------------------
# 11. Offline: the service worker serves the app, the code needs no network
# --------------------------------------------------------------------------------------------


def wait_for_service_worker(app: AuthenticatorApp) -> None:
    """The service worker installed and controlling the page (a reload when it does not claim
    the page that registered it)."""
    app.page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    if not app.page.evaluate("() => navigator.serviceWorker.controller !== null"):
        app.page.reload()
        app.wait_ready()
    app.page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def test_offline_the_app_comes_up_and_makes_codes(pwa, tabs, phones):
    sqlite_only(pwa, SERVER_BOTH_BACKENDS)
    user, _owner, app, device = enrolled_phone(tabs, phones, pwa, "pwa-offline")
    wait_for_service_worker(app)

    documents = []
    app.page.on(
        "response",
        lambda r: documents.append((r.url, r.from_service_worker)) if r.request.resource_type == "document" else None,
    )
    app.page.context.set_offline(True)
    app.page.reload()
    app.wait_ready()
    app.wait_screen("home")
    app.expect(app.page.evaluate("() => navigator.onLine") is False, "the phone is offline")
    app.expect(
        documents and all(from_sw for _url, from_sw in documents),
        f"the app's page came from the service worker: {documents}",
    )
    app.expect([a.device for a in app.accounts()] == [device], "the account is there offline")

    # What needs the server says that it cannot be reached.
    app.check_now()
    app.wait_text("#error", app.t("err-network"))

    # The desktop (online) signs in with the QR code; the offline phone makes the code.
    visitor = push_login(tabs, pwa, user, "pwa-offline-visitor", method="PASSWORD_SOFTWARE_TOKEN")
    text = scan_text(visitor.page)
    app.home()
    code = offline_code_round(app, text, PIN)
    app.expect(app.page.evaluate("() => navigator.onLine") is False, "still offline")
    type_code(visitor.page, code)
    visitor.page.wait_for_url(pwa.demo)
    expect_demo_strength(visitor.page, pwa, user, "PASSWORD_SOFTWARE_TOKEN")
    app.page.context.set_offline(False)


# --------------------------------------------------------------------------------------------
# 12. Accessibility: axe-core on every screen, in English and French
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "scheme"), [("en-GB", "light"), ("fr-FR", "light"), ("en-GB", "dark")], ids=["en", "fr", "en-dark"]
)
def test_every_screen_passes_axe(pwa, tabs, phones, locale, scheme):
    """English and French; and the dark colour scheme (the app has one: its contrasts too)."""
    sqlite_only(pwa)
    app = phones(f"axe-{locale}-{scheme}", locale=locale, bypass_csp=True, color_scheme=scheme)

    # axe itself, on a page with a known violation: the harness reports what it finds.
    probe = app.page.context.new_page()
    probe.set_content(
        '<html lang="en"><head><title>probe</title></head><body><main><img src="x.png"></main></body></html>'
    )
    found = {v["id"]: v["impact"] for v in axe_violations(probe)}
    assert found.get("image-alt") == "critical", f"axe should report the image without alt: {found}"
    probe.close()

    report: dict[str, list[dict]] = {}

    def audit(screen: str) -> None:
        app.wait_screen(screen.split(" ")[0])
        report[screen] = axe_violations(app.page)

    app.open()
    dark = app.page.evaluate("() => matchMedia('(prefers-color-scheme: dark)').matches")
    app.expect(dark == (scheme == "dark"), f"the browser prefers the {scheme} scheme")
    audit("home (empty)")
    app.page.locator("#btn-add").click()
    audit("enrol")
    app.fill_enrolment("limen://enrol?p=bm90IGEgbGluaw", PIN)
    app.enrol_error("err-bad_link")
    audit("enrol (error)")

    user, owner = signed_in_owner(tabs, pwa, f"pwa-axe-{locale.lower()}-{scheme}")
    link = start_enrolment(owner, pwa, "Axe phone")
    app.home()
    app.enrol(link, PIN)
    wait_added(owner, pwa, "Axe phone")
    audit("home (account)")

    visitor = push_login(tabs, pwa, user, f"pwa-axe-visitor-{locale}-{scheme}")
    number = approval_number(visitor.page)
    challenge = approval_id(visitor.page)
    app.wait_for_request(challenge)
    audit("home (request)")
    app.open_request(challenge)
    audit("request")
    app.expect(app.answer(number, PIN) == "approved", "approved")
    audit("result")
    wait_for_demo_by_itself(visitor.page, pwa)

    app.page.locator("#btn-result-ok").click()
    app.wait_screen("home")
    app.page.locator("#btn-code").click()
    audit("code")
    qr = push_login(tabs, pwa, user, f"pwa-axe-qr-{locale}-{scheme}", method="PASSWORD_SOFTWARE_TOKEN")
    app.read_code_link(scan_text(qr.page))
    app.page.wait_for_selector("#code-pin", state="visible")
    audit("code (read)")
    app.make_code(PIN)
    audit("code (shown)")

    app.home()
    app.open_settings(app.accounts()[0].device)
    audit("settings")

    everything = "\n".join(f"{screen}:\n{format_violations(v)}" for screen, v in report.items())
    log.info("axe-core (%s, %s), every violation:\n%s", locale, scheme, everything)
    bad = {screen: failing(v) for screen, v in report.items() if failing(v)}
    if bad:
        pytest.fail(
            f"serious or critical axe-core violations ({locale}, {scheme} scheme):\n"
            + "\n".join(f"{screen}:\n{format_violations(v)}" for screen, v in bad.items())
            + f"\n\nEvery violation, of any impact:\n{everything}",
            pytrace=False,
        )


# --------------------------------------------------------------------------------------------
# 13. French
# --------------------------------------------------------------------------------------------


# A few of the app's French texts (crates/limen-web/static/authenticator/i18n.js), as a French
# user reads them, and the English ones they replace.
FRENCH = {
    "#h-home": ("Your accounts", "Vos comptes"),
    "#btn-add": ("Add an account", "Ajouter un compte"),
    "#btn-code": ("Make a code from a QR code", "Obtenir un code à partir d’un code QR"),
    "#btn-check": ("Check now", "Vérifier maintenant"),
}
FRENCH_TITLE = ("Limen Authenticator", "Authentificateur Limen")
FRENCH_BAD_LINK = ("This is not a Limen link or QR code.", "Ce n’est pas un lien ni un code QR Limen.")


def expect_language(app: AuthenticatorApp, lang: str) -> None:
    which = 0 if lang == "en" else 1
    app.expect(app.page.locator("html").get_attribute("lang") == lang, f'<html lang="{lang}">')
    app.expect(app.page.title() == FRENCH_TITLE[which], f"the title in {lang}: {app.page.title()!r}")
    for selector, pair in FRENCH.items():
        app.expect(app.text(selector) == pair[which], f"{selector} in {lang}: {app.text(selector)!r}")


def test_the_app_speaks_french_to_a_french_browser(pwa, phones):
    sqlite_only(pwa)
    french = phones("lang-fr", locale="fr-FR")
    french.open()
    expect_language(french, "fr")
    french.page.locator("#btn-add").click()
    french.fill_enrolment("limen://enrol?p=bm90IGEgbGluaw", PIN)
    french.wait_text("#enrol-error", FRENCH_BAD_LINK[1])

    # An English browser gets English; its user may choose French, which the app remembers.
    english = phones("lang-en", locale="en-GB")
    english.open()
    expect_language(english, "en")
    english.page.locator("#btn-add").click()
    english.fill_enrolment("limen://enrol?p=bm90IGEgbGluaw", PIN)
    english.wait_text("#enrol-error", FRENCH_BAD_LINK[0])
    english.home()
    english.page.select_option("#lang", "fr")
    english.wait_text("#btn-add", FRENCH["#btn-add"][1])
    expect_language(english, "fr")
    english.open()
    expect_language(english, "fr")
