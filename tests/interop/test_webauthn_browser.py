"""Security keys, trusted platforms and passkeys in a real browser: headless Chromium (Debian's
package) driven by Playwright, with the Chrome DevTools virtual authenticator (CDP domain
`WebAuthn`) standing in for the key or the platform.

What a user of the EU Login guides does (seeds 003 and 004): My account → "Manage my security keys
and trusted platforms" → add (a second key only after a step-up with the first), rename and delete
keys; sign in with "Security key or trusted platform" (strength PASSWORD_WEBAUTHN), including the
step-up from a password session and the choice between several keys; sign in with a passkey alone,
with the button or from the e-mail field's autofill; and what must be refused or survived: the same
key twice, a deleted key, a cancelled ceremony, a forged signature, a passkey that did not verify
its user.

WebAuthn needs a domain as relying party ID, so Limen is reached as http://localhost:PORT (Chromium
sends localhost to the loopback address the server listens on, and treats it as a secure context).
The CAS services are a small HTTP server of this module on 127.0.0.1 (limen_interop.Recorder):
Playwright's request routing does not see the request that follows a redirect, so a service URL
answered by `page.route` would never get Limen's redirect with the ticket. Each ticket is then
validated at /cas/p3/serviceValidate, as a service would.

One virtual authenticator at most is plugged in a page at a time, like a key one plugs in: with
two, Chromium asks both, and the one without the credential makes the whole ceremony fail.
"""

from __future__ import annotations

import itertools
import logging
import os
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
import requests

from limen_interop import PASSWORD, LimenServer, Recorder, User, running_limen, ticket_from_location
from test_browser import CHROMIUM, CHROMIUM_ARGS

log = logging.getLogger(__name__)

TIMEOUT_MS = 15_000
CAS_NS = {"cas": "http://www.yale.edu/tp/cas"}
REGISTRATION_IN_PROGRESS = "Credential registration in progress"

# The CDP options of each kind of authenticator (WebAuthn.VirtualAuthenticatorOptions).
# A FIDO2 security key with its PIN set: it verifies its user, holds no discoverable credential.
SECURITY_KEY_OPTIONS = {
    "protocol": "ctap2",
    "transport": "usb",
    "hasResidentKey": False,
    "hasUserVerification": True,
    "isUserVerified": True,
    "automaticPresenceSimulation": True,
}
# A trusted platform or a passkey: built in, discoverable credentials, biometrics or a PIN.
PLATFORM_OPTIONS = {
    "protocol": "ctap2",
    "transport": "internal",
    "hasResidentKey": True,
    "hasUserVerification": True,
    "isUserVerified": True,
    "automaticPresenceSimulation": True,
}
# The "add" link of My account for each kind.
ADD_LINK = {"security-key": "a#add-security-key", "platform": "a#add-platform", "passkey": "a#add-passkey"}


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (scripts/test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def service_site():
    """The CAS services' own web server: answers every GET with "ok" and records it."""
    with Recorder() as recorder:
        yield recorder


@dataclass
class WebAuthnWorld:
    server: LimenServer
    site: Recorder
    _users: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def base(self) -> str:
        return self.server.base_url

    def password_app(self, tag: str) -> str:
        """A URL of the service accepting every strength (the default), one per test."""
        return self.site.url(f"/password-app/{self.server.label}-{tag}")

    def webauthn_app(self, tag: str) -> str:
        """A URL of the service accepting PASSWORD_WEBAUTHN only, one per test."""
        return self.site.url(f"/webauthn-app/{self.server.label}-{tag}")

    def new_user(self, tag: str) -> User:
        user = User(
            email=f"{tag}.{next(self._users)}.{self.server.label}@example.org",
            first_name="Zofia",
            last_name="Kowalska",
            password=PASSWORD,
        )
        self.server.add_user(user)
        return user

    def tickets_received(self, service: str) -> list[str]:
        """The paths with a ticket that reached `service` (its path on the service site)."""
        path = service.removeprefix(self.site.url(""))
        return [r.path for r in self.site.requests if r.path.startswith(path) and "ticket=" in r.path]


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def wa(request, tmp_path_factory, service_site):
    """A fresh `limen serve` reached as http://localhost:PORT and its two CAS services."""
    backend = request.param
    if backend == "postgres" and not os.environ.get("LIMEN_TEST_PG"):
        pytest.skip("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
    workdir = tmp_path_factory.mktemp(f"webauthn-browser-{backend}")
    with running_limen(backend, workdir, public_host="localhost") as server:
        released = ["strength", "authenticationLevel"]
        server.add_service("Password app", [service_site.url("/password-app/") + "*"], attributes=released)
        server.add_service(
            "Key-only app",
            [service_site.url("/webauthn-app/") + "*"],
            attributes=released,
            accept_strengths="PASSWORD_WEBAUTHN",
        )
        yield WebAuthnWorld(server=server, site=service_site)


# --------------------------------------------------------------------------------------------
# Authenticators and browser tabs
# --------------------------------------------------------------------------------------------


@dataclass
class Device:
    """An authenticator the user owns: the name they give it in My account, its kind, its CDP
    options, and the credentials it holds while unplugged (WebAuthn.getCredentials entries,
    private keys included, so that it can be plugged into another browser context)."""

    name: str
    kind: str
    options: dict
    credentials: list[dict] = field(default_factory=list)


def security_key(name: str) -> Device:
    return Device(name, "security-key", dict(SECURITY_KEY_OPTIONS))


def platform(name: str) -> Device:
    return Device(name, "platform", dict(PLATFORM_OPTIONS))


def passkey(name: str) -> Device:
    return Device(name, "passkey", dict(PLATFORM_OPTIONS))


def foreign_key() -> Device:
    """Somebody else's security key: holds no credential for this site."""
    return security_key("a key Limen never saw")


# The sign-in page also offers passkeys in the e-mail field's autofill (conditional mediation).
# Chromium's virtual authenticator answers such a request at once, as if the user had picked the
# passkey in the list; in the tests of the other paths the browser offers no autofill.
NO_AUTOFILL_SCRIPT = """
if (window.PublicKeyCredential) {
  PublicKeyCredential.isConditionalMediationAvailable = () => Promise.resolve(false);
}
"""


class Tab:
    """A browser context (its own cookies) with one page, and the device plugged into it."""

    def __init__(self, chromium, label: str, autofill: bool = False, locale: str = "en-GB", javascript: bool = True):
        self.label = label
        # `locale` is also the Accept-Language the pages are asked in; `javascript` off is a
        # browser whose user turned scripts off (the pages must work with their forms alone).
        self.context = chromium.new_context(locale=locale, java_script_enabled=javascript)
        if not autofill:
            self.context.add_init_script(NO_AUTOFILL_SCRIPT)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.set_default_navigation_timeout(TIMEOUT_MS)
        # Confirmation dialogs (before deleting a key, say) are accepted, not dismissed.
        self.page.on("dialog", lambda dialog: dialog.accept())
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("WebAuthn.enable", {"enableUI": False})
        self.device: Device | None = None
        self._authenticator: str | None = None

    def plug(self, device: Device) -> None:
        """Plug `device` in (after unplugging whatever was), with the credentials it holds."""
        self.unplug()
        authenticator = self.cdp.send("WebAuthn.addVirtualAuthenticator", {"options": device.options})[
            "authenticatorId"
        ]
        for credential in device.credentials:
            self.cdp.send("WebAuthn.addCredential", {"authenticatorId": authenticator, "credential": credential})
        self.device, self._authenticator = device, authenticator

    def sync(self) -> None:
        """Copy the plugged device's credentials back into its Device."""
        if self.device is not None:
            self.device.credentials = self.cdp.send(
                "WebAuthn.getCredentials", {"authenticatorId": self._authenticator}
            )["credentials"]

    def unplug(self) -> None:
        if self.device is not None:
            self.sync()
            self.cdp.send("WebAuthn.removeVirtualAuthenticator", {"authenticatorId": self._authenticator})
        self.device, self._authenticator = None, None

    def override(self, **bits: bool) -> None:
        """WebAuthn.setResponseOverrideBits on the plugged device: isBogusSignature, isBadUV, isBadUP."""
        assert self._authenticator is not None, "no device plugged"
        self.cdp.send("WebAuthn.setResponseOverrideBits", {"authenticatorId": self._authenticator, **bits})

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tabs(chromium, request, tmp_path):
    """Opens Tabs; on a failure, screenshots of each of them go to the test's tmp_path."""
    opened: list[Tab] = []
    failed_before = request.session.testsfailed

    def open_tab(label: str, autofill: bool = False, **options) -> Tab:
        tab = Tab(chromium, label, autofill=autofill, **options)
        opened.append(tab)
        return tab

    yield open_tab
    if request.session.testsfailed > failed_before:
        for tab in opened:
            path = Path(tmp_path) / f"{tab.label}.png"
            try:
                tab.unplug()  # a page repeating ceremonies by itself would never settle otherwise
                tab.page.screenshot(path=str(path), full_page=True, timeout=5_000)
                log.error("screenshot of tab %r at %s: %s", tab.label, tab.page.url, path)
            except Exception as exc:  # noqa: BLE001 - a screenshot is only a help
                log.error("no screenshot of tab %r: %s", tab.label, exc)
    for tab in opened:
        tab.close()


# --------------------------------------------------------------------------------------------
# Looking at pages
# --------------------------------------------------------------------------------------------


def describe(page) -> str:
    """Where the page is and what it shows, for assertion messages."""
    try:
        html = page.content()
    except Exception as exc:  # noqa: BLE001 - during a navigation
        return f"at {page.url} (content unavailable: {exc})"
    start = html.find("<main")
    if start < 0:
        start = html.find("<body")
    return f"at {page.url}:\n{html[max(start, 0) : max(start, 0) + 3000]}"


def shown(page, selector: str) -> bool:
    """Whether `selector` is on the page and visible, without waiting."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        loc = page.locator(selector)
        return loc.count() > 0 and loc.first.is_visible()
    except PlaywrightError:  # the page is navigating
        return False


def wait_for_one_of(page, what: str, outcomes: dict[str, Callable[[], bool]], timeout_ms: int = TIMEOUT_MS) -> str:
    """Polls until one of `outcomes` holds; returns its name."""
    from playwright.sync_api import Error as PlaywrightError

    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        for name, holds in outcomes.items():
            try:
                if holds():
                    return name
            except PlaywrightError:
                pass
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: none of {sorted(outcomes)} after {timeout_ms} ms, {describe(page)}")
        page.wait_for_timeout(100)


def webauthn_error(page) -> str | None:
    """The text of #webauthn-error when it is shown."""
    if shown(page, "#webauthn-error"):
        text = page.locator("#webauthn-error").inner_text().strip()
        return text or None
    return None


def landed_on(service: str) -> Callable[[object], bool]:
    prefix = service + ("&" if "?" in service else "?") + "ticket="
    return lambda page: page.url.startswith(prefix)


def method_values(page) -> list[str]:
    return sorted(page.locator("input[name=method]").evaluate_all("els => els.map(e => e.value)"))


def expect(condition: bool, page, message: str) -> None:
    if not condition:
        raise AssertionError(f"{message}, {describe(page)}")


# --------------------------------------------------------------------------------------------
# What the user does
# --------------------------------------------------------------------------------------------


def login_url(wa: WebAuthnWorld, service: str) -> str:
    return f"{wa.base}/cas/login?service={quote(service, safe='')}"


def submit_email(page, user: User) -> None:
    """The first login page: the e-mail address, "Next" — unless the browser already gave it
    (the sign-in page remembers the address typed in this browser)."""
    first = wait_for_one_of(
        page,
        "the first login page",
        {"email": lambda: shown(page, "#email"), "remembered": lambda: page.locator("input[name=method]").count() > 0},
    )
    if first == "remembered":
        expect(user.email in page.locator(".identity").inner_text(), page, f"the page should be for {user.email}")
        return
    page.fill("#email", user.email)
    page.locator("form:has(#email) button[type=submit]:not(#passkey-login)").click()
    page.wait_for_selector("input[name=method]")


def submit_method(page, method: str, password: str | None) -> None:
    """The second login page (or the step-up page): a method, the password when asked for."""
    radio = page.locator(f"input[name=method][value={method}]")
    expect(radio.count() == 1, page, f"no {method} method offered")
    radio.check()
    if password is not None:
        page.fill("#password", password)
    page.locator("form:has(input[name=method]) button[type=submit]").click()


def sign_in_with_password(tab: Tab, wa: WebAuthnWorld, user: User, start: str, arrival: str) -> None:
    """Opens `start`, signs in with the password, and waits for `arrival` (a URL prefix)."""
    page = tab.page
    page.goto(start)
    expect("/cas/login" in page.url, page, f"{start} should ask to sign in")
    submit_email(page, user)
    submit_method(page, "PASSWORD", user.password)
    wait_for_one_of(
        page,
        f"password sign-in towards {arrival}",
        {"arrived": lambda: page.url.startswith(arrival), "error": lambda: shown(page, "[role=alert]")},
    )
    expect(page.url.startswith(arrival), page, f"the password sign-in should have reached {arrival}")


def finish_key_ceremony(tab: Tab, arrival: Callable[[object], bool], what: str, choose: str | None = None) -> str:
    """After PASSWORD_WEBAUTHN was submitted: the key choice when `choose` names a key (there
    must be a choice page then, and none otherwise), the ceremony with the plugged device, and
    the arrival. Returns "arrived" or "error" (#webauthn-error shown)."""
    page = tab.page
    outcomes = {
        "arrived": lambda: arrival(page),
        "error": lambda: webauthn_error(page) is not None,
        "choice": lambda: shown(page, "button.webauthn-device-choice"),
    }
    outcome = wait_for_one_of(page, what, outcomes)
    if choose is not None:
        expect(outcome == "choice", page, f"{what}: the user has several keys, a choice page was expected")
        buttons = page.locator("button.webauthn-device-choice")
        button = buttons.filter(has_text=re.compile(rf"^\s*{re.escape(choose)}\s*$"))
        expect(button.count() == 1, page, f"{what}: no single choice button named {choose!r}")
        button.click()
        del outcomes["choice"]
        outcome = wait_for_one_of(page, what, outcomes)
    expect(outcome != "choice", page, f"{what}: a choice page although the user has one key")
    return outcome


def validate(wa: WebAuthnWorld, service: str, page) -> dict[str, str]:
    """The ticket in the page's URL, validated at /cas/p3/serviceValidate: user and attributes."""
    ticket = ticket_from_location(page.url, service)
    resp = requests.get(
        wa.server.url("/cas/p3/serviceValidate"), params={"service": service, "ticket": ticket}, timeout=15
    )
    assert resp.status_code == 200, f"serviceValidate: {resp.status_code}\n{resp.text[:2000]}"
    root = ET.fromstring(resp.text)
    success = root.find("cas:authenticationSuccess", CAS_NS)
    assert success is not None, f"ticket {ticket} for {service} not validated:\n{resp.text[:2000]}"
    found = {"user": (success.findtext("cas:user", default="", namespaces=CAS_NS) or "").strip()}
    attributes = success.find("cas:attributes", CAS_NS)
    if attributes is not None:
        for child in attributes:
            found[child.tag.split("}", 1)[-1]] = (child.text or "").strip()
    found["_xml"] = resp.text
    return found


def assert_strength(found: dict[str, str], strength: str, level: str) -> None:
    assert found.get("strength") == strength, f"expected <cas:strength>{strength}</cas:strength>:\n{found['_xml']}"
    assert found.get("authenticationLevel") == level, (
        f"expected <cas:authenticationLevel>{level}</cas:authenticationLevel>:\n{found['_xml']}"
    )


def open_my_keys(tab: Tab, wa: WebAuthnWorld) -> None:
    """My account → "Manage my security keys and trusted platforms"."""
    page = tab.page
    page.goto(wa.base + "/account")
    expect(page.url == wa.base + "/account", page, "My account should be open (signed in)")
    link = page.locator("a[href='/account/webauthn']")
    expect(link.count() == 1, page, "My account should link to /account/webauthn")
    expect(
        "Manage my security keys and trusted platforms" in link.inner_text(),
        page,
        "the link should say 'Manage my security keys and trusted platforms'",
    )
    link.click()
    page.wait_for_url(wa.base + "/account/webauthn")


def device_rows(page):
    return page.locator("tr.webauthn-device")


def device_names(page) -> list[str]:
    return sorted(n.strip() for n in page.locator("tr.webauthn-device .device-name").all_inner_texts())


def device_row(page, name: str):
    row = device_rows(page).filter(has=page.locator(".device-name", has_text=re.compile(rf"^\s*{re.escape(name)}\s*$")))
    expect(row.count() == 1, page, f"one row for the key {name!r} was expected (names: {device_names(page)})")
    return row


def step_up_with_key(tab: Tab, device: Device, arrival: Callable[[object], bool], what: str) -> None:
    """On the step-up page: no password asked, PASSWORD_WEBAUTHN, the ceremony with `device`."""
    page = tab.page
    page.wait_for_selector("#stepup-notice")
    expect(page.locator("#password").count() == 0, page, f"{what}: the step-up page must not ask for the password")
    tab.plug(device)
    submit_method(page, "PASSWORD_WEBAUTHN", None)
    outcome = finish_key_ceremony(tab, arrival, what)
    expect(outcome == "arrived", page, f"{what}: the step-up with {device.name!r} should succeed")


def add_device(tab: Tab, wa: WebAuthnWorld, device: Device, step_up_with: Device | None = None) -> bool:
    """From the key list: the add link of the device's kind, the step-up with `step_up_with`
    when one is asked for, the name, and the registration ceremony, the device being plugged in
    once the page says that registration is in progress. Returns whether a step-up was asked."""
    page = tab.page
    page.goto(wa.base + "/account/webauthn")
    page.locator(ADD_LINK[device.kind]).click()
    outcome = wait_for_one_of(
        page,
        f"adding {device.name!r}",
        {"name": lambda: shown(page, "#device-name"), "step-up": lambda: "/cas/login" in page.url},
    )
    stepped_up = outcome == "step-up"
    if stepped_up:
        expect(step_up_with is not None, page, f"adding {device.name!r}: a step-up, but the account has no key")
        expect("next=" in page.url, page, "the step-up should come back to the add page (?next=)")
        step_up_with_key(tab, step_up_with, lambda p: shown(p, "#device-name"), f"step-up to add {device.name!r}")
    # The old key is unplugged: the new one is the only one answering the ceremony.
    tab.unplug()
    page.fill("#device-name", device.name)
    page.locator("form:has(#device-name) button[type=submit]").click()
    page.wait_for_selector("#webauthn-status")
    wait_for_one_of(
        page,
        "the registration page",
        {"in progress": lambda: REGISTRATION_IN_PROGRESS in page.locator("#webauthn-status").inner_text()},
    )
    tab.plug(device)
    outcome = wait_for_one_of(
        page,
        f"registration of {device.name!r}",
        {
            "added": lambda: page.url.startswith(wa.base + "/account/webauthn") and shown(page, "#notice"),
            "error": lambda: webauthn_error(page) is not None,
        },
    )
    expect(outcome == "added", page, f"{device.name!r} should have been added")
    expect(
        page.url.split("?")[0].split("#")[0] == wa.base + "/account/webauthn",
        page,
        "registration should end on the key list",
    )
    tab.sync()
    expect(len(device.credentials) == 1, page, f"{device.name!r} should hold one credential: {device.credentials}")
    expect(device.name in device_names(page), page, f"{device.name!r} should be listed")
    return stepped_up


def new_account_with(tabs, wa: WebAuthnWorld, tag: str, *devices: Device) -> tuple[User, Tab]:
    """A user signed in with the password in a new tab, who adds `devices` in order. The first
    one needs no step-up; the second one does (with the first one), since the session was proven
    by the password only. The last device stays plugged."""
    user = wa.new_user(tag)
    tab = tabs(f"{tag}-owner")
    sign_in_with_password(tab, wa, user, wa.base + "/account", wa.base + "/account")
    for i, device in enumerate(devices):
        stepped_up = add_device(tab, wa, device, step_up_with=devices[0] if i > 0 else None)
        if i == 0:
            assert not stepped_up, f"adding a first key ({device.name!r}) needs no step-up"
        elif i == 1:
            assert stepped_up, f"adding {device.name!r} to an account with a key and a password session needs a step-up"
    return user, tab


def passkey_login(tab: Tab, wa: WebAuthnWorld, service: str) -> str:
    """The first login page's "Sign in with a passkey"; returns "arrived" or "error"."""
    page = tab.page
    page.goto(login_url(wa, service))
    page.wait_for_selector("#passkey-login")
    page.click("#passkey-login")
    return wait_for_one_of(
        page,
        "passwordless sign-in",
        {"arrived": lambda: landed_on(service)(page), "error": lambda: webauthn_error(page) is not None},
    )


# --------------------------------------------------------------------------------------------
# The tests
# --------------------------------------------------------------------------------------------


def test_a_security_key_is_added_listed_and_renamed(wa, tabs):
    key = security_key("Blue key")
    _user, tab = new_account_with(tabs, wa, "key-added", key)
    page = tab.page

    # The list, reached the way the guide says, shows the key with what is known of it.
    open_my_keys(tab, wa)
    expect(device_names(page) == ["Blue key"], page, "the list should show exactly the new key")
    row = device_row(page, "Blue key")
    for cell in (".device-kind", ".device-created"):
        expect(row.locator(cell).count() == 1, page, f"the key's row should have a {cell} cell")
    expect(row.locator(".device-kind").inner_text().strip() != "", page, "the key's kind should be shown")
    expect(row.locator(".device-created").inner_text().strip() != "", page, "the creation date should be shown")
    expect(row.locator(".device-model").count() == 1, page, "the key's row should have a .device-model cell")
    expect(row.locator(".device-last-used").count() == 1, page, "the key's row should have a .device-last-used cell")

    # Renamed: the new name replaces the old one, for good.
    row.locator("form.rename-device input[name=name]").fill("Yellow key")
    row.locator("form.rename-device [type=submit]").click()
    wait_for_one_of(page, "renaming", {"renamed": lambda: device_names(page) == ["Yellow key"]})
    page.goto(wa.base + "/account/webauthn")
    expect(device_names(page) == ["Yellow key"], page, "the new name should be kept")

    # The same key cannot be added twice: the browser refuses it (excludeCredentials), the page says so.
    page.locator(ADD_LINK["security-key"]).click()
    step_up_with_key(tab, key, lambda p: shown(p, "#device-name"), "step-up to add a key again")
    page.fill("#device-name", "Blue key again")
    page.locator("form:has(#device-name) button[type=submit]").click()
    outcome = wait_for_one_of(
        page,
        "adding the same key again",
        {
            "error": lambda: webauthn_error(page) is not None,
            "added": lambda: page.url.startswith(wa.base + "/account/webauthn") and shown(page, "#notice"),
        },
    )
    expect(outcome == "error", page, "a key already registered must not be added again")
    expect("already registered" in (webauthn_error(page) or ""), page, "the error should say it is already registered")
    page.goto(wa.base + "/account/webauthn")
    expect(device_names(page) == ["Yellow key"], page, "still one key")


def test_a_passkey_is_added_and_a_second_key_needs_a_step_up(wa, tabs):
    # The first key, a passkey, is added with the password session alone; the second one (a
    # security key) only after signing in with the passkey (see new_account_with); then a
    # trusted platform.
    first = passkey("My phone")
    _user, tab = new_account_with(tabs, wa, "passkey-added", first, security_key("Spare key"), platform("This laptop"))
    page = tab.page
    assert first.credentials and first.credentials[0]["isResidentCredential"], (
        f"a passkey is a discoverable credential: {first.credentials}"
    )
    assert first.credentials[0]["rpId"] == "localhost", first.credentials
    open_my_keys(tab, wa)
    expect(device_names(page) == ["My phone", "Spare key", "This laptop"], page, "the three keys should be listed")
    kinds = {device_row(page, n).locator(".device-kind").inner_text().strip() for n in ("My phone", "Spare key")}
    expect(len(kinds) == 2, page, f"a passkey and a security key are different kinds, got {kinds}")


def test_step_up_from_a_password_session_to_a_key_only_service(wa, tabs):
    key = security_key("Office key")
    user, owner = new_account_with(tabs, wa, "step-up", key)
    owner.unplug()

    tab = tabs("step-up-visitor")
    page = tab.page
    password_service = wa.password_app("step-up")
    key_service = wa.webauthn_app("step-up")

    # A password sign-in to a service accepting it: strength PASSWORD, level BASIC.
    sign_in_with_password(tab, wa, user, login_url(wa, password_service), password_service)
    assert_strength(validate(wa, password_service, page), "PASSWORD", "BASIC")

    # The key-only service: step-up, without the e-mail address or the password again.
    page.goto(login_url(wa, key_service))
    page.wait_for_selector("#stepup-notice")
    expect(page.locator("#email").count() == 0, page, "the step-up page must not ask for the e-mail address")
    expect(method_values(page) == ["PASSWORD_WEBAUTHN"], page, "only the key is offered to the key-only service")
    step_up_with_key(tab, key, landed_on(key_service), "step-up to the key-only service")
    assert_strength(validate(wa, key_service, page), "PASSWORD_WEBAUTHN", "MEDIUM")

    # The session now holds the key's proof: the next ticket comes without any page.
    tab.unplug()
    page.goto(login_url(wa, key_service))
    wait_for_one_of(page, "SSO after the step-up", {"arrived": lambda: landed_on(key_service)(page)})
    assert_strength(validate(wa, key_service, page), "PASSWORD_WEBAUTHN", "MEDIUM")


def test_sign_in_with_the_password_and_a_chosen_key(wa, tabs):
    office, phone = security_key("Office key"), passkey("Phone")
    user, owner = new_account_with(tabs, wa, "choice", office, phone)
    owner.unplug()

    tab = tabs("choice-visitor")
    page = tab.page
    # A service accepting everything offers both methods the user can use.
    page.goto(login_url(wa, wa.password_app("choice")))
    submit_email(page, user)
    expect(method_values(page) == ["PASSWORD", "PASSWORD_WEBAUTHN"], page, "the password and the key should be offered")

    # The key-only service: only the key, the password with it, then the choice of the key.
    key_service = wa.webauthn_app("choice")
    page.goto(login_url(wa, key_service))
    submit_email(page, user)
    expect(method_values(page) == ["PASSWORD_WEBAUTHN"], page, "only the key is offered to the key-only service")
    expect(shown(page, "#password"), page, "a sign-in with a key needs the password too")
    tab.plug(office)
    submit_method(page, "PASSWORD_WEBAUTHN", user.password)
    page.wait_for_selector("button.webauthn-device-choice")
    names = sorted(t.strip() for t in page.locator("button.webauthn-device-choice").all_inner_texts())
    expect(names == ["Office key", "Phone"], page, f"the choice should name both keys, got {names}")
    outcome = finish_key_ceremony(tab, landed_on(key_service), "sign-in with the chosen key", choose="Office key")
    expect(outcome == "arrived", page, "the sign-in with the chosen key should reach the service")
    assert_strength(validate(wa, key_service, page), "PASSWORD_WEBAUTHN", "MEDIUM")


def test_passwordless_sign_in_with_a_passkey(wa, tabs):
    phone = passkey("Phone")
    _user, owner = new_account_with(tabs, wa, "passwordless", phone)
    # Who the account is, as a service sees it.
    password_service = wa.password_app("passwordless-owner")
    owner.page.goto(login_url(wa, password_service))
    wait_for_one_of(owner.page, "SSO", {"arrived": lambda: landed_on(password_service)(owner.page)})
    owner_uid = validate(wa, password_service, owner.page)["user"]
    owner.unplug()

    # Another browser, no cookie, the phone: "Sign in with a passkey", nothing typed.
    tab = tabs("passwordless-visitor")
    tab.plug(phone)
    key_service = wa.webauthn_app("passwordless")
    outcome = passkey_login(tab, wa, key_service)
    expect(outcome == "arrived", tab.page, "the passkey alone should sign in")
    found = validate(wa, key_service, tab.page)
    assert_strength(found, "PASSWORD_WEBAUTHN", "MEDIUM")
    assert found["user"] == owner_uid, f"the passkey signed in {found['user']!r}, not its owner {owner_uid!r}"

    # The owner's list tells when the passkey was last used.
    owner.page.goto(wa.base + "/account/webauthn")
    last_used = device_row(owner.page, "Phone").locator(".device-last-used").inner_text().strip()
    expect(last_used not in ("", "never"), owner.page, f"the passkey's last use should be shown, got {last_used!r}")


def test_a_passkey_offered_by_autofill_signs_in(wa, tabs):
    phone = passkey("Phone")
    _user, owner = new_account_with(tabs, wa, "autofill", phone)
    owner.unplug()
    # The e-mail field offers the passkey (conditional mediation); Chromium's virtual
    # authenticator takes the offer as a user picking it would, without any click.
    tab = tabs("autofill-visitor", autofill=True)
    tab.plug(phone)
    key_service = wa.webauthn_app("autofill")
    tab.page.goto(login_url(wa, key_service))
    wait_for_one_of(tab.page, "passkey autofill", {"arrived": lambda: landed_on(key_service)(tab.page)})
    assert_strength(validate(wa, key_service, tab.page), "PASSWORD_WEBAUTHN", "MEDIUM")


def test_a_passkey_that_did_not_verify_its_user_is_refused(wa, tabs):
    phone = passkey("Phone")
    _user, owner = new_account_with(tabs, wa, "no-uv", phone)
    owner.unplug()
    tab = tabs("no-uv-visitor")
    tab.plug(phone)
    # The authenticator answers with the UV flag cleared: possession alone is one factor.
    tab.override(isBadUV=True)
    key_service = wa.webauthn_app("no-uv")
    outcome = passkey_login(tab, wa, key_service)
    expect(outcome == "error", tab.page, "a passkey assertion without user verification must be refused")
    expect("/cas/login" in tab.page.url, tab.page, "the refusal should stay on the login page")
    assert wa.tickets_received(key_service) == [], wa.tickets_received(key_service)


def test_a_deleted_key_is_refused(wa, tabs):
    phone = passkey("Old phone")
    user, owner = new_account_with(tabs, wa, "deleted", phone)
    page = owner.page
    open_my_keys(owner, wa)

    def delete() -> str:
        device_row(page, "Old phone").locator("form.delete-device [type=submit]").click()
        return wait_for_one_of(
            page,
            "deleting the key",
            {
                "deleted": lambda: page.url.startswith(wa.base + "/account/webauthn?") and shown(page, "#notice"),
                "step-up": lambda: "/cas/login" in page.url,
            },
        )

    # Removing a key needs the proof adding one needs: a password session is sent to sign in
    # with the key first, and comes back to the list.
    expect(delete() == "step-up", page, "removing the key after a password sign-in needs a step-up")
    step_up_with_key(owner, phone, lambda p: p.url == wa.base + "/account/webauthn", "step-up to remove the key")
    expect(delete() == "deleted", page, "after the step-up the key should be removed")
    expect(device_rows(page).count() == 0, page, "no key should be listed")
    page.goto(wa.base + "/account/webauthn")
    expect(device_rows(page).count() == 0, page, "the deleted key should stay deleted")
    owner.unplug()

    # The phone still holds the credential; Limen no longer knows it.
    assert phone.credentials, "the virtual phone should still hold its credential"
    tab = tabs("deleted-visitor")
    tab.plug(phone)
    key_service = wa.webauthn_app("deleted")
    outcome = passkey_login(tab, wa, key_service)
    expect(outcome == "error", tab.page, "a deleted key must be refused")
    expect("/cas/login" in tab.page.url, tab.page, "the refusal should stay on the login page")
    assert wa.tickets_received(key_service) == [], wa.tickets_received(key_service)

    # Without a key, the key-only service cannot be reached from a password session: the page
    # says so, and its link leads to the key list (through the sign-in page, which the session
    # passes).
    password_service = wa.password_app("deleted")
    sign_in_with_password(tab, wa, user, login_url(wa, password_service), password_service)
    visitor = tab.page
    visitor.goto(login_url(wa, key_service))
    visitor.wait_for_selector("#no-method")
    expect(not landed_on(key_service)(visitor), visitor, "no ticket without a key")
    link = visitor.locator("#no-method a")
    expect(link.count() == 1, visitor, "#no-method should hold one link")
    link.click()
    wait_for_one_of(visitor, "the #no-method link", {"keys": lambda: visitor.url == wa.base + "/account/webauthn"})
    assert wa.tickets_received(key_service) == [], wa.tickets_received(key_service)


def test_a_cancelled_ceremony_shows_an_error_and_can_be_retried(wa, tabs):
    key = security_key("Office key")
    user, owner = new_account_with(tabs, wa, "cancelled", key)
    owner.unplug()

    tab = tabs("cancelled-visitor")
    page = tab.page
    key_service = wa.webauthn_app("cancelled")
    page.goto(login_url(wa, key_service))
    submit_email(page, user)
    # The wrong key answers: Chromium ends the ceremony at once (NotAllowedError), as when the
    # user cancels it.
    tab.plug(foreign_key())
    submit_method(page, "PASSWORD_WEBAUTHN", user.password)
    outcome = finish_key_ceremony(tab, landed_on(key_service), "ceremony with the wrong key")
    expect(outcome == "error", page, "a cancelled ceremony should show #webauthn-error")
    expect(shown(page, "#webauthn-retry"), page, "a cancelled ceremony should offer #webauthn-retry")
    assert wa.tickets_received(key_service) == [], wa.tickets_received(key_service)

    # The right key, and "Try again".
    tab.plug(key)
    page.click("#webauthn-retry")
    # The old error goes away when the new attempt starts (or the page is left).
    wait_for_one_of(page, "the retry", {"started": lambda: webauthn_error(page) is None})
    outcome = finish_key_ceremony(tab, landed_on(key_service), "retried ceremony")
    expect(outcome == "arrived", page, "the retry with the right key should reach the service")
    assert_strength(validate(wa, key_service, page), "PASSWORD_WEBAUTHN", "MEDIUM")


def test_a_forged_signature_is_refused_and_the_user_may_retry(wa, tabs):
    key = security_key("Office key")
    user, owner = new_account_with(tabs, wa, "forged", key)
    owner.unplug()

    tab = tabs("forged-visitor")
    page = tab.page
    answers: list[str] = []
    page.on(
        "request", lambda r: answers.append(r.url) if r.method == "POST" and "/cas/login/webauthn" in r.url else None
    )
    key_service = wa.webauthn_app("forged")
    page.goto(login_url(wa, key_service))
    submit_email(page, user)
    tab.plug(key)
    # The browser is happy with the answer; only Limen can see that its signature is wrong.
    tab.override(isBogusSignature=True)
    submit_method(page, "PASSWORD_WEBAUTHN", user.password)
    outcome = wait_for_one_of(
        page,
        "ceremony with a forged signature",
        {
            "arrived": lambda: landed_on(key_service)(page),
            "refused": lambda: webauthn_error(page) is not None,
            "restarted": lambda: len(answers) > 3,
        },
    )
    expect(outcome != "arrived", page, "an assertion with a forged signature must be refused")
    expect(
        outcome == "refused",
        page,
        f"the refusal should be shown in #webauthn-error and wait for the user, but the page started new "
        f"ceremonies by itself ({len(answers)} answers sent so far) and hid the error",
    )
    # The refusal stays on screen with "Try again": no new ceremony starts by itself.
    page.wait_for_timeout(1500)
    expect(
        len(answers) == 1,
        page,
        f"after the refusal the page must wait for the user, but it sent {len(answers)} answers to Limen",
    )
    expect(webauthn_error(page) is not None, page, "the refusal should stay shown")
    expect(shown(page, "#webauthn-retry"), page, "the refusal should offer #webauthn-retry")
    assert wa.tickets_received(key_service) == [], wa.tickets_received(key_service)

    # The key answers honestly this time: "Try again" signs in, with the new challenge.
    tab.override(isBogusSignature=False)
    page.click("#webauthn-retry")
    outcome = finish_key_ceremony(tab, landed_on(key_service), "retry after the refusal")
    expect(outcome == "arrived", page, "the retry with an honest answer should reach the service")
    assert_strength(validate(wa, key_service, page), "PASSWORD_WEBAUTHN", "MEDIUM")
