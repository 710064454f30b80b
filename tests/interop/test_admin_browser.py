"""The admin console (/admin/, issue 21) in a real browser: headless Chromium (Debian's package)
driven by Playwright, the Chrome DevTools virtual authenticator standing in for security keys
(the helpers of test_webauthn_browser.py, imported).

What an operator does: the first admin is made with the CLI (`limen user add`, `limen admin
grant`), registers a security key in My account, and signs in to the console with the password
and the key (the console asks for PASSWORD_WEBAUTHN); finds a user locked with `limen user lock`,
opens the account, unlocks it with a reason; the audit page shows `account.unlocked` with that
reason and the admin as actor, and the user signs in again. A help-desk user cannot open the
services page (403); an admin whose session was proven by the password only is sent to the login
page to step up with the key; a person without a role gets 403. axe-core finds no serious or
critical violation on the dashboard and an account page.

Limen is reached as http://localhost:PORT (WebAuthn needs a domain as relying party ID).
"""

from __future__ import annotations

import os
import re

import pytest

from admin_support import unique
from authenticator_pwa import axe_violations, failing, format_violations
from limen_interop import PASSWORD, Browser, LimenServer, User, running_limen
from test_webauthn_browser import (  # noqa: F401 - chromium, service_site and tabs are fixtures
    Tab,
    WebAuthnWorld,
    chromium,
    expect,
    finish_key_ceremony,
    method_values,
    new_account_with,
    security_key,
    service_site,
    shown,
    step_up_with_key,
    submit_email,
    submit_method,
    tabs,
    wait_for_one_of,
)

REASON = "Caller verified by phone, ticket HD-4711"

# The console's pages (helper `console`) are not on main yet: every test here fails for that
# reason only (strict: remove the marker once they land; they passed against the console branch).


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def wa(request, tmp_path_factory, service_site):  # noqa: F811 - the imported fixture
    """A fresh `limen serve` reached as http://localhost:PORT, and a CAS service on the
    module's own web server (for the unlocked user to sign in to)."""
    backend = request.param
    if backend == "postgres" and not os.environ.get("LIMEN_TEST_PG"):
        pytest.skip("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
    workdir = tmp_path_factory.mktemp(f"admin-browser-{backend}")
    with running_limen(backend, workdir, public_host="localhost") as server:
        server.add_service("Password app", [service_site.url("/password-app/") + "*"])
        yield WebAuthnWorld(server=server, site=service_site)


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def uid_of(server: LimenServer, email: str) -> str:
    """The uid `limen user show` prints."""
    out = server.cli("--database", server.database_url, "user", "show", email).stdout
    found = re.search(r"^uid:\s*(\S+)", out, re.MULTILINE)
    assert found, f"no `uid:` line in `limen user show`:\n{out}"
    return found.group(1)


def grant(server: LimenServer, email: str, role: str) -> None:
    server.cli("--database", server.database_url, "admin", "grant", email, "--role", role)


def person_with_key(tabs, wa: WebAuthnWorld, tag: str, role: str | None):  # noqa: F811
    """An account made with `limen user add`, holding `role` (`limen admin grant`), that
    registered a security key in My account. Returns the user, the key and the tab of its
    password session (the key unplugged)."""
    key = security_key(f"{tag} key")
    user, owner = new_account_with(tabs, wa, tag, key)
    owner.unplug()
    if role is not None:
        grant(wa.server, user.email, role)
    return user, key, owner


def in_console(wa: WebAuthnWorld, path: str = "/admin/"):
    return lambda page: page.url.split("#")[0].rstrip("/") == (wa.base + path).rstrip("/")


def console_sign_in(tabs, wa: WebAuthnWorld, user: User, key, label: str) -> Tab:  # noqa: F811
    """A new browser opens /admin/: the login page, the e-mail address, then the only method
    the console accepts for someone with a key, PASSWORD_WEBAUTHN (the password and the key)."""
    tab = tabs(label)
    page = tab.page
    page.goto(wa.base + "/admin/")
    expect("/cas/login" in page.url, page, "the console should send a browser without a session to sign in")
    submit_email(page, user)
    expect(
        method_values(page) == ["PASSWORD_WEBAUTHN"],
        page,
        f"the console accepts the key (with the password) only, offered: {method_values(page)}",
    )
    tab.plug(key)
    submit_method(page, "PASSWORD_WEBAUTHN", user.password)
    outcome = finish_key_ceremony(tab, in_console(wa), "console sign-in with the key")
    expect(outcome == "arrived", page, "the sign-in with the password and the key should open the console")
    tab.unplug()
    return tab


def locked_user(wa: WebAuthnWorld, tag: str) -> User:
    user = User(
        email=f"{unique(tag)}.{wa.server.label}@example.org".lower(),
        first_name="Lukas",
        last_name="Gesperrt",
        password=PASSWORD,
    )
    wa.server.add_user(user)
    wa.server.cli("--database", wa.server.database_url, "user", "lock", user.email)
    return user


def cas_sign_in(wa: WebAuthnWorld, user: User):
    """The password sign-in of `user` to the CAS service, in a simulated browser: the answer to
    the password step (303 to the service with a ticket when it worked)."""
    browser = Browser(wa.server)
    service = wa.password_app(unique("cas"))
    page = browser.login_page(service)
    assert page.status_code == 200, page.text[:1000]
    page = browser.submit_email(page, user.email)
    assert page.status_code == 200, page.text[:1000]
    return browser.submit_password(page, user.password)


# --------------------------------------------------------------------------------------------
# The tests
# --------------------------------------------------------------------------------------------


def test_an_admin_with_a_key_unlocks_a_locked_user_and_the_audit_shows_it(wa, tabs):  # noqa: F811
    admin, key, _owner = person_with_key(tabs, wa, "admin", "admin")
    admin_uid = uid_of(wa.server, admin.email)
    victim = locked_user(wa, "locked")
    victim_uid = uid_of(wa.server, victim.email)
    refused = cas_sign_in(wa, victim)
    assert refused.status_code != 303, "a locked account must not sign in"

    tab = console_sign_in(tabs, wa, admin, key, "admin-console")
    page = tab.page

    # Accounts: search by the address, open the one found.
    page.goto(wa.base + "/admin/accounts")
    page.fill("#q", victim.email)
    page.locator("form:has(#q) button[type=submit]").click()
    page.wait_for_load_state()
    link = page.get_by_role("link", name=victim.email, exact=True)
    expect(link.count() == 1, page, f"the search should find {victim.email} once")
    link.click()
    page.wait_for_url(re.compile(re.escape(wa.base) + r"/admin/accounts/" + re.escape(victim_uid) + r"$"))
    expect(victim.email in page.content(), page, "the account page should name the account")

    # Unlock, with the reason.
    form = page.locator("form[action$='/unlock']")
    expect(form.count() == 1, page, "the account page should offer to unlock")
    form.locator("input[name=reason]").fill(REASON)
    form.locator("[type=submit]").click()
    page.wait_for_load_state()
    wait_for_one_of(
        page, "the unlock", {"done": lambda: shown(page, "#notice"), "refused": lambda: shown(page, "[role=alert]")}
    )
    expect(shown(page, "#notice") and not shown(page, "[role=alert]"), page, "the unlock should be confirmed")
    status = page.locator("#account-status").inner_text().strip().lower()
    expect(status == "active", page, f"the account should be active again, shown: {status!r}")

    # The audit page: the entry, its reason, the admin as actor.
    page.goto(wa.base + "/admin/audit?event=account.unlocked")
    rows = page.locator("tr").filter(has_text="account.unlocked").filter(has_text=victim_uid)
    expect(rows.count() == 1, page, f"one account.unlocked entry for {victim_uid} was expected")
    row = rows.first.inner_text()
    expect(REASON in row, page, f"the entry should hold the reason {REASON!r}: {row!r}")
    expect(f"admin:{admin_uid}" in row, page, f"the entry should name the admin (admin:{admin_uid}): {row!r}")

    # The user signs in again.
    done = cas_sign_in(wa, victim)
    assert done.status_code == 303 and "ticket=ST-" in done.headers.get("Location", ""), (
        f"the unlocked user should sign in: {done.status_code}\n{done.text[:1000]}"
    )


def test_a_password_session_is_asked_to_step_up_with_the_key(wa, tabs):  # noqa: F811
    _admin, key, owner = person_with_key(tabs, wa, "stepup", "admin")
    page = owner.page
    # The session of My account was proven by the password only.
    page.goto(wa.base + "/admin/")
    expect("/cas/login" in page.url, page, "a password session should be sent to the login page")
    page.wait_for_selector("#stepup-notice")
    expect(page.locator("#email").count() == 0, page, "the step-up page knows who signs in")
    expect(method_values(page) == ["PASSWORD_WEBAUTHN"], page, "the step-up should ask for the key")
    step_up_with_key(owner, key, in_console(wa), "step-up to the console")
    expect(in_console(wa)(page), page, "after the step-up the console should open")


def test_the_help_desk_cannot_open_the_services_page(wa, tabs):  # noqa: F811
    helpdesk, key, _owner = person_with_key(tabs, wa, "helpdesk", "helpdesk")
    tab = console_sign_in(tabs, wa, helpdesk, key, "helpdesk-console")
    page = tab.page
    # The accounts are the help desk's.
    resp = page.goto(wa.base + "/admin/accounts")
    expect(resp is not None and resp.status == 200, page, "the help desk may open the accounts")
    # The registry is not.
    resp = page.goto(wa.base + "/admin/services")
    expect(resp is not None and resp.status == 403, page, f"/admin/services should be 403, got {resp and resp.status}")
    expect(page.locator("h1").count() == 1, page, "the 403 page should say why")
    expect(page.locator("a[href='/admin/services']").count() == 0, page, "the help desk's menu has no services")
    expect("/cas/login" not in page.url, page, "a refusal, not a new sign-in")


def test_a_person_without_a_role_gets_403(wa, tabs):  # noqa: F811
    nobody, key, _owner = person_with_key(tabs, wa, "nobody", None)
    tab = tabs("nobody-console")
    page = tab.page
    page.goto(wa.base + "/admin/")
    submit_email(page, nobody)
    tab.plug(key)
    submit_method(page, "PASSWORD_WEBAUTHN", nobody.password)
    outcome = finish_key_ceremony(tab, lambda p: p.url.startswith(wa.base + "/admin"), "sign-in without a role")
    expect(outcome == "arrived", page, "the sign-in itself works")
    resp = page.goto(wa.base + "/admin/")
    expect(
        resp is not None and resp.status == 403,
        page,
        f"/admin/ without a role should be 403, got {resp and resp.status}",
    )


def test_the_dashboard_and_an_account_page_pass_axe(wa, tabs):  # noqa: F811
    admin, key, _owner = person_with_key(tabs, wa, "axe", "admin")
    target = locked_user(wa, "axe-target")
    tab = console_sign_in(tabs, wa, admin, key, "axe-console")
    # axe-core is injected as a script: the console's Content-Security-Policy would refuse it
    # (Playwright's bypass_csp, set through the tab's CDP session; from the next page loaded).
    tab.cdp.send("Page.setBypassCSP", {"enabled": True})
    page = tab.page
    report = {}
    for label, path in (("dashboard", "/admin/"), ("account", f"/admin/accounts/{uid_of(wa.server, target.email)}")):
        resp = page.goto(wa.base + path)
        expect(resp is not None and resp.status == 200, page, f"{path} should open")
        report[label] = axe_violations(page)
    bad = {label: failing(v) for label, v in report.items() if failing(v)}
    assert not bad, "\n".join(f"{label}:\n{format_violations(v)}" for label, v in bad.items())
    for label, v in report.items():
        if v:
            print(f"{label} (minor, not failed on):\n{format_violations(v)}")
