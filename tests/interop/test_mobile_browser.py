"""The mobile app in a real browser: headless Chromium (Debian's package) driven by Playwright, and
the REAL reference device, the `limen-authenticator` command line (issue 14's "CLI driven as a
process"), each test with its own state file in its tmp_path and the PIN in `LIMEN_PIN`.

What a user does (docs/AUTHENTICATION.md, "The mobile app"; docs/MOBILE-PROTOCOL.md): My account →
"Manage my mobile devices" → a name and a PIN twice; the page shows a QR code and the same link as
text; the device enrols with the link and the same PIN, and the page turns to the list with the
"added" notice by itself (mobile.js' long poll), or with "Continue" without JavaScript. A second
device needs a step-up with the first (push). Sign-in to the demo service with "EU Login Mobile
App PIN Code" (PASSWORD_MOBILE_APP): the page shows two digits, the device lists the request (the
service, the browser's network and family), and approving it with the number and the PIN makes
the page go on by itself — or, without JavaScript, with "I have approved on my device", which
before the device answered keeps the same request and says so. A wrong number spends the request:
the page shows a new number and why. "EU Login Mobile App QR Code" (PASSWORD_SOFTWARE_TOKEN): the
device turns the QR code's text into an 8-digit code without a network; a code made with a wrong
PIN is refused and a new QR code is shown. The pages come in the browser's language.

Limen runs with `--dev` (its mail goes to the development outbox, read as in
test_panic_mfa_browser.py), on http://127.0.0.1:PORT: the device accepts http on a loopback host.
The login's device sees the browser as 127.0.0.0/24, "Chrome on Linux" (headless Chromium's
User-Agent). Nothing here measures time: every wait is a generous bound on what a user would see.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

import test_webauthn_browser as wb
from limen_interop import REPO_ROOT, User, limen_binary, running_limen
from test_panic_mfa_browser import FR_LOCALE, PanicWorld, demo_attributes, ftl_value, mail_text
from test_webauthn_browser import (
    Tab,
    expect,
    method_values,
    shown,
    sign_in_with_password,
    submit_email,
    submit_method,
    wait_for_one_of,
)

log = logging.getLogger(__name__)

# The browser and its tabs (with screenshots on failure): the fixtures of the WebAuthn tests.
chromium = wb.chromium
tabs = wb.tabs
service_site = wb.service_site

PIN = "4821"
WRONG_PIN = "1379"
OS_NAME = "Debian 13"
MODEL = "CLI phone"
DEMO_NAME = "Limen demo"
# What the device sees of the browser: its /24 and its family and system (coarse, on purpose).
BROWSER_ORIGIN = re.compile(r"From:\s+127\.0\.0\.0/24, Chrome on Linux$", re.MULTILINE)
# How long a page may take to go on by itself once the device answered (a long poll answered at
# once by the server's hub): a bound for a slow machine, not a measure.
BY_ITSELF_MS = 30_000
EN_LOCALE = REPO_ROOT / "crates/limen-web/locales/en/main.ftl"
ADDED_SUBJECT = "A verification method was added to your account"
# The variables of the command line that would override what a test gives it.
DEVICE_ENV = ("LIMEN_AUTHENTICATOR_FILE", "LIMEN_AUTHENTICATOR_CA", "LIMEN_PIN")


def authenticator_binary() -> Path:
    """`limen-authenticator`, built by the workspace build next to `limen` (LIMEN_BIN)."""
    return limen_binary().parent / "limen-authenticator"


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def mob(request, tmp_path_factory, service_site):
    """A fresh `limen serve --dev` reached as http://127.0.0.1:PORT (the demo service is the one
    signed in to)."""
    backend = request.param
    if backend == "postgres" and not os.environ.get("LIMEN_TEST_PG"):
        pytest.skip("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
    if not authenticator_binary().is_file():
        pytest.fail(
            f"{authenticator_binary()} is missing: `cargo build --workspace` builds it next to limen",
            pytrace=False,
        )
    workdir = tmp_path_factory.mktemp(f"mobile-browser-{backend}")
    with running_limen(backend, workdir, extra_args=["--dev"]) as server:
        yield PanicWorld(server=server, site=service_site)


# --------------------------------------------------------------------------------------------
# The device: the command line as a process
# --------------------------------------------------------------------------------------------


@dataclass
class Phone:
    """One `limen-authenticator` device: its state file and the PIN its user types."""

    name: str
    file: Path
    pin: str = PIN

    def run(self, *args: str, pin: str | None = None) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k not in DEVICE_ENV}
        env["LIMEN_PIN"] = self.pin if pin is None else pin
        cmd = [str(authenticator_binary()), "--file", str(self.file), *args]
        proc = subprocess.run(
            cmd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        log.info("%s: exit %s\nstdout: %s\nstderr: %s", " ".join(cmd), proc.returncode, proc.stdout, proc.stderr)
        return proc

    def ok(self, *args: str, pin: str | None = None) -> str:
        """Runs a command that must succeed (exit 0); its standard output."""
        proc = self.run(*args, pin=pin)
        assert proc.returncode == 0, (
            f"`limen-authenticator {' '.join(args)}` exited {proc.returncode}\n"
            f"stdout: {proc.stdout}\nstderr: {proc.stderr}"
        )
        return proc.stdout

    def pending(self) -> list[str]:
        """The ids of the requests `list` shows."""
        return re.findall(r"^Request (\S+)$", self.ok("list"), re.MULTILINE)


def phone(tmp_path: Path, name: str) -> Phone:
    return Phone(name=name, file=tmp_path / f"{re.sub(r'[^a-z0-9]+', '-', name.lower())}.json")


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


def open_my_devices(tab: Tab, mob: PanicWorld) -> None:
    """My account → "Manage my mobile devices"."""
    page = tab.page
    page.goto(mob.base + "/account")
    expect(page.url == mob.base + "/account", page, "My account should be open (signed in)")
    link = page.locator("a[href='/account/mobile_app']")
    expect(link.count() == 1, page, "My account should link to /account/mobile_app")
    expect(
        "Manage my mobile devices" in link.inner_text(),
        page,
        "the link should say 'Manage my mobile devices'",
    )
    link.click()
    page.wait_for_url(mob.base + "/account/mobile_app")
    page.wait_for_selector("#mobile-add")


def fill_new_device(page, name: str, pin: str, again: str | None = None) -> None:
    """The form "Add a mobile device": the name, the PIN twice, "Continue"."""
    page.fill("#device-name", name)
    page.fill("#pin", pin)
    page.fill("#pin-again", pin if again is None else again)
    page.locator("#mobile-add button[type=submit]").click()


def enrolment_link(page) -> str:
    """The enrolment page: an SVG QR code and, as text, the link it holds."""
    page.wait_for_selector("#enrol-link")
    expect(page.locator("#mobile-enrol figure.qr svg").count() == 1, page, "the page should show an SVG QR code")
    link = page.locator("#enrol-link").inner_text().strip()
    expect(link.startswith("limen://enrol?p="), page, f"the text under the QR code should be the link: {link!r}")
    return link


def device_rows(page) -> dict[str, str]:
    """The mobile device list: name → its "System and model" cell."""
    rows = page.locator("tr.mobile-device")
    return {
        (rows.nth(i).get_attribute("data-name") or ""): rows.nth(i).locator(".device-model").inner_text().strip()
        for i in range(rows.count())
    }


def expect_added(page, mob: PanicWorld, *names: str) -> None:
    """The list with the "added" notice, listing `names` with the model the device gave."""
    expect(
        page.url == mob.base + "/account/mobile_app?added=1",
        page,
        "the enrolment should end on the list (?added=1)",
    )
    expect(shown(page, "#notice"), page, "the list should show the 'added' notice")
    expect(
        "The mobile device was added" in page.locator("#notice").inner_text(),
        page,
        "the notice should say the device was added",
    )
    rows = device_rows(page)
    expect(sorted(rows) == sorted(names), page, f"the list should name {sorted(names)}: {rows}")
    for name in names:
        expect(page.locator(f'tr.mobile-device[data-name="{name}"]').count() == 1, page, f"a row for {name!r}")
        expect(
            OS_NAME in rows[name] and MODEL in rows[name],
            page,
            f"{name!r}'s row should show the system and model the device sent: {rows[name]!r}",
        )


def enrol(device: Phone, link: str, user: User, mob: PanicWorld) -> None:
    """`limen-authenticator enrol <link>` with the PIN: it says what it enrolled as."""
    out = device.ok("enrol", link, "--os", OS_NAME, "--model", MODEL)
    assert out.strip() == f"Enrolled as {device.name} for {user.email} on {mob.base}", out
    assert device.file.is_file(), f"no state file at {device.file}"
    assert device.file.stat().st_mode & 0o077 == 0, (
        f"the state file should be private: {oct(device.file.stat().st_mode)}"
    )


def add_phone(tab: Tab, mob: PanicWorld, user: User, device: Phone) -> None:
    """With JavaScript, a signed-in account without a device adds `device`: the QR code page,
    the command line enrols with its link, and the page turns to the list by itself."""
    page = tab.page
    open_my_devices(tab, mob)
    fill_new_device(page, device.name, device.pin)
    link = enrolment_link(page)
    expect(
        "Waiting for your device" in page.locator("#enrol-status").inner_text(),
        page,
        "the page should wait for the device",
    )
    enrol(device, link, user, mob)
    # Nothing is clicked: the page's script hears that the device confirmed and goes on.
    wait_for_one_of(
        page,
        "the enrolment page turning to the list by itself",
        {"added": lambda: page.url.endswith("/account/mobile_app?added=1") and shown(page, "#notice")},
        timeout_ms=BY_ITSELF_MS,
    )
    expect_added(page, mob, device.name)


def new_account_with_phone(tabs, mob: PanicWorld, tmp_path: Path, tag: str) -> tuple[User, Phone]:
    """A new user who signs in with the password and adds a phone (with JavaScript)."""
    user = mob.new_user(tag)
    owner = tabs(f"{tag}-owner")
    sign_in_with_password(owner, mob, user, mob.base + "/account", mob.base + "/account")
    device = phone(tmp_path, f"{tag} phone")
    add_phone(owner, mob, user, device)
    return user, device


def start_demo_login(tab: Tab, mob: PanicWorld, user: User, method: str) -> None:
    """The demo service's sign-in: the address, then `method` with the password."""
    page = tab.page
    page.goto(mob.demo)
    expect("/cas/login" in page.url, page, "the demo should ask to sign in")
    submit_email(page, user)
    expect(method in method_values(page), page, f"{method} should be offered to a user with a device")
    submit_method(page, method, user.password)


def approval_number(page) -> str:
    """The two digits of the push page (waited for)."""
    page.wait_for_selector("#approval-number strong")
    number = page.locator("#approval-number strong").inner_text().strip()
    expect(re.fullmatch(r"\d\d", number) is not None, page, f"the page should show two digits, got {number!r}")
    return number


def approval_id(page) -> str:
    """The request the push page waits for (shown in its `data-request`)."""
    return page.locator("#mobile-approval").get_attribute("data-request") or ""


def other_number(number: str) -> str:
    return f"{(int(number) + 1) % 100:02d}"


def expect_listed(device: Phone, request: str, service: str = DEMO_NAME) -> None:
    """`list` shows exactly `request`, for `service`, from this browser."""
    out = device.ok("list")
    assert re.findall(r"^Request (\S+)$", out, re.MULTILINE) == [request], out
    assert re.search(rf"^\s*Service:\s+{re.escape(service)}$", out, re.MULTILINE), out
    assert BROWSER_ORIGIN.search(out), out


def approve(device: Phone, number: str) -> None:
    out = device.ok("approve", "--number", number)
    assert "Result: approved" in out, out


def arrived_at_demo(page, mob: PanicWorld) -> bool:
    return page.url == mob.demo and shown(page, "#demo-attributes")


def wait_for_demo_by_itself(page, mob: PanicWorld) -> None:
    """Nothing is clicked: the push page's script hears the device's answer and goes on."""
    wait_for_one_of(
        page, "the push page going on by itself", {"demo": lambda: arrived_at_demo(page, mob)}, BY_ITSELF_MS
    )


def expect_demo_strength(page, mob: PanicWorld, user: User, strength: str) -> None:
    expect(arrived_at_demo(page, mob), page, "the sign-in should have reached the demo")
    attributes = demo_attributes(page)
    expect(attributes.get("strength") == strength, page, f"the demo should get {strength}: {attributes}")
    expect(attributes.get("email") == user.email, page, f"the demo should get {user.email}: {attributes}")


def scan_text(page) -> str:
    """The text of the QR code of the "QR Code" method (inside a closed <details>)."""
    page.wait_for_selector("#scan-link", state="attached")
    expect(page.locator("figure.qr svg").count() == 1, page, "the page should show an SVG QR code")
    text = (page.locator("#scan-link").text_content() or "").strip()
    expect(text.startswith("limen://challenge?c="), page, f"the QR code's text should be a challenge link: {text!r}")
    return text


def offline_code(device: Phone, text: str, pin: str | None = None) -> str:
    """`limen-authenticator code '<text>'`: the request it shows, and the code on its last line."""
    out = device.ok("code", text, pin=pin)
    assert re.search(rf"^\s*Service:\s+{re.escape(DEMO_NAME)}$", out, re.MULTILINE), out
    m = re.fullmatch(r"Code: (\d{8})", out.strip().splitlines()[-1])
    assert m, f"the last line should be the 8-digit code:\n{out}"
    return m.group(1)


# --------------------------------------------------------------------------------------------
# Enrolment
# --------------------------------------------------------------------------------------------


def test_a_phone_is_enrolled_with_and_without_javascript(mob, tabs, tmp_path):
    user = mob.new_user("mobile-enrol")
    owner = tabs("enrol-js")
    page = owner.page
    sign_in_with_password(owner, mob, user, mob.base + "/account", mob.base + "/account")
    open_my_devices(owner, mob)
    expect(shown(page, "#no-devices"), page, "a new account has no mobile device")
    # An account without a factor adds its first device after the password alone.
    expect(not shown(page, "#stronger-needed"), page, "no step-up is needed for the first device")

    # Two different PINs: refused on the page, no QR code.
    fill_new_device(page, "Mistyped", PIN, "4822")
    page.wait_for_selector("#mobile-error")
    expect("not the same" in page.locator("#mobile-error").inner_text(), page, "the PINs differ")
    expect(page.locator("#enrol-link").count() == 0, page, "no QR code for differing PINs")

    # The QR code, the command line, and the page goes on by itself.
    first = phone(tmp_path, "Pixel CLI")
    since = mob.mail_ids(user.email)
    add_phone(owner, mob, user, first)
    mail = mob.wait_for_mail(user.email, ADDED_SUBJECT, since)
    assert first.name in mail_text(mail), mail_text(mail)
    shown_state = first.ok("show")
    assert re.search(rf"^Name:\s+{re.escape(first.name)}$", shown_state, re.MULTILINE), shown_state
    assert re.search(rf"^Account:\s+{re.escape(user.email)}$", shown_state, re.MULTILINE), shown_state
    assert re.search(rf"^Server:\s+{re.escape(mob.base)}$", shown_state, re.MULTILINE), shown_state
    assert first.pending() == [], "no request yet"

    # Another browser without JavaScript: a password session must prove the first device (a
    # push, answered with "I have approved on my device") before adding a second one.
    plain = tabs("enrol-no-js", javascript=False)
    page = plain.page
    sign_in_with_password(plain, mob, user, mob.base + "/account", mob.base + "/account")
    open_my_devices(plain, mob)
    expect(shown(page, "#stronger-needed"), page, "a second device needs the strongest method first")
    second = phone(tmp_path, "Tablet CLI")
    fill_new_device(page, second.name, second.pin)
    page.wait_for_selector("#stepup-notice")
    expect("/cas/login?next=" in page.url, page, "adding a second device should ask for a step-up")
    expect(page.locator("#password").count() == 0, page, "the step-up must not ask for the password again")
    submit_method(page, "PASSWORD_MOBILE_APP", None)
    number = approval_number(page)
    # My account's own request: the device names Limen itself.
    expect_listed(first, approval_id(page), service="Limen")
    approve(first, number)
    page.locator("#approval-form button[type=submit]").click()
    page.wait_for_url(mob.base + "/account/mobile_app")
    expect(device_rows(page).keys() == {first.name}, page, "back on the list after the step-up")

    fill_new_device(page, second.name, second.pin)
    link = enrolment_link(page)
    enrol(second, link, user, mob)
    # No script: the page waits for "Continue".
    expect(
        "Waiting for your device" in page.locator("#enrol-status").inner_text(),
        page,
        "without JavaScript the page does not change by itself",
    )
    page.locator("#enrol-done button").click()
    page.wait_for_url(mob.base + "/account/mobile_app?added=1")
    expect_added(page, mob, first.name, second.name)
    assert second.pending() == [], "the second device has no request"


# --------------------------------------------------------------------------------------------
# Push with number matching ("EU Login Mobile App PIN Code")
# --------------------------------------------------------------------------------------------


def test_push_with_number_matching_goes_on_by_itself(mob, tabs, tmp_path):
    user, device = new_account_with_phone(tabs, mob, tmp_path, "push-js")
    visitor = tabs("push-js-visitor")
    page = visitor.page
    start_demo_login(visitor, mob, user, "PASSWORD_MOBILE_APP")
    number = approval_number(page)
    expect(
        "Waiting for your approval" in page.locator("#approval-status").inner_text(),
        page,
        "the page should say it waits",
    )
    expect_listed(device, approval_id(page))
    approve(device, number)
    # Nothing is clicked: the page's script hears the approval and goes on to the demo.
    wait_for_demo_by_itself(page, mob)
    expect_demo_strength(page, mob, user, "PASSWORD_MOBILE_APP")
    assert device.pending() == [], "the approved request is no longer pending"


def test_push_without_javascript_needs_the_button(mob, tabs, tmp_path):
    user, device = new_account_with_phone(tabs, mob, tmp_path, "push-no-js")
    visitor = tabs("push-no-js-visitor", javascript=False)
    page = visitor.page
    start_demo_login(visitor, mob, user, "PASSWORD_MOBILE_APP")
    number = approval_number(page)
    request = approval_id(page)
    expect_listed(device, request)

    # "I have approved" before the device answered: the same request and number, and why.
    page.locator("#approval-form button[type=submit]").click()
    page.wait_for_selector("#approval-error")
    expect(
        "has not answered yet" in page.locator("#approval-error").inner_text(),
        page,
        "the page should say the device has not answered yet",
    )
    expect(approval_number(page) == number, page, f"the number should stay {number}")
    expect(approval_id(page) == request, page, "the request should stay the same")
    expect_listed(device, request)

    approve(device, number)
    page.locator("#approval-form button[type=submit]").click()
    page.wait_for_url(mob.demo)
    expect_demo_strength(page, mob, user, "PASSWORD_MOBILE_APP")


def test_a_wrong_number_spends_the_request_and_a_new_number_is_shown(mob, tabs, tmp_path):
    user, device = new_account_with_phone(tabs, mob, tmp_path, "push-wrong")
    visitor = tabs("push-wrong-visitor")
    page = visitor.page
    start_demo_login(visitor, mob, user, "PASSWORD_MOBILE_APP")
    number = approval_number(page)
    first_request = approval_id(page)

    wrong = device.run("approve", "--number", other_number(number))
    assert wrong.returncode == 1, f"a wrong number exits 1: {wrong.returncode}\n{wrong.stdout}\n{wrong.stderr}"
    assert "wrong_number" in wrong.stdout, wrong.stdout
    # The page hears it by itself: a new request, its number, and the reason.
    wait_for_one_of(
        page,
        "the push page after a wrong number",
        {
            "new request": lambda: (
                shown(page, "#approval-error")
                and shown(page, "#approval-number")
                and approval_id(page) != first_request
            )
        },
        BY_ITSELF_MS,
    )
    expect(
        "was not the one shown here" in page.locator("#approval-error").inner_text(),
        page,
        "the page should say the number typed was wrong",
    )
    second_number = approval_number(page)
    second_request = approval_id(page)
    expect_listed(device, second_request)

    # The spent request cannot be approved any more: the new one, with its number, can.
    approve(device, second_number)
    wait_for_demo_by_itself(page, mob)
    expect_demo_strength(page, mob, user, "PASSWORD_MOBILE_APP")


# --------------------------------------------------------------------------------------------
# Offline QR code ("EU Login Mobile App QR Code")
# --------------------------------------------------------------------------------------------


def test_the_offline_qr_code_gives_the_code_to_type(mob, tabs, tmp_path):
    user, device = new_account_with_phone(tabs, mob, tmp_path, "qr")
    visitor = tabs("qr-visitor")
    page = visitor.page
    start_demo_login(visitor, mob, user, "PASSWORD_SOFTWARE_TOKEN")
    text = scan_text(page)
    assert device.pending() == [], "an offline request is not pushed to the device"

    # A wrong PIN makes a code the server refuses (only it can tell); a new QR code is shown.
    wrong = offline_code(device, text, pin=WRONG_PIN)
    page.fill("#code", wrong)
    page.locator("#code-form button[type=submit]").click()
    page.wait_for_selector("#code-error")
    expect("This code is not right" in page.locator("#code-error").inner_text(), page, "a wrong code is refused")
    again = scan_text(page)
    expect(again != text, page, "the refused request is spent: a new QR code")

    code = offline_code(device, again)
    page.fill("#code", code)
    page.locator("#code-form button[type=submit]").click()
    page.wait_for_url(mob.demo)
    expect_demo_strength(page, mob, user, "PASSWORD_SOFTWARE_TOKEN")


# --------------------------------------------------------------------------------------------
# Language
# --------------------------------------------------------------------------------------------


def test_the_push_page_in_french(mob, tabs, tmp_path):
    user, device = new_account_with_phone(tabs, mob, tmp_path, "push-fr")
    visitor = tabs("push-fr-visitor", locale="fr-FR")
    page = visitor.page
    start_demo_login(visitor, mob, user, "PASSWORD_MOBILE_APP")
    number = approval_number(page)
    expect(page.locator("html").get_attribute("lang") == "fr", page, "the page should be in French")
    title = ftl_value(FR_LOCALE, "method-PASSWORD_MOBILE_APP")
    expect(page.locator("h1").inner_text().strip() == title, page, f"the title should be {title!r}")
    for key in ("mobile-push-text", "mobile-waiting-approval"):
        french = ftl_value(FR_LOCALE, key)
        assert french != ftl_value(EN_LOCALE, key), f"{key} is not translated"
        expect(french in page.locator("#mobile-approval").inner_text(), page, f"the page should say {french!r}")
    label = ftl_value(FR_LOCALE, "mobile-number-label").replace("{ $number }", number)
    expect(page.locator("#approval-number").get_attribute("aria-label") == label, page, f"aria-label {label!r}")
    button = ftl_value(FR_LOCALE, "mobile-approved-button")
    expect(
        page.locator("#approval-form button[type=submit]").inner_text().strip() == button,
        page,
        f"the button should say {button!r}",
    )

    # "I have approved" too early: the reason, in French.
    page.locator("#approval-form button[type=submit]").click()
    page.wait_for_selector("#approval-error")
    pending = ftl_value(FR_LOCALE, "mobile-error-pending")
    expect(page.locator("#approval-error").inner_text().strip() == pending, page, f"the error should be {pending!r}")
    expect(approval_number(page) == number, page, f"the number should stay {number}")

    approve(device, number)
    wait_for_demo_by_itself(page, mob)
    expect_demo_strength(page, mob, user, "PASSWORD_MOBILE_APP")
