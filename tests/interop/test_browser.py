"""The pages in a real browser: headless Chromium (Debian's package), driven by Playwright,
going through what a new user does — the demo service, the sign-in pages, a wrong then a right
password, the attributes the demo receives, "My sessions", and logout reaching the demo."""

from __future__ import annotations

import os
import re
import time

import pytest

CHROMIUM = os.environ.get("LIMEN_CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium's background connections are refused by this machine's closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def chromium():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (scripts/test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_a_new_user_signs_in_to_the_demo_and_logs_out_everywhere(chromium, world):
    base = world.server.base_url
    page = chromium.new_page(locale="en-GB")
    page.goto(base + "/demo/")
    # The demo sends the browser to the sign-in page, which names it.
    assert "/cas/login?service=" in page.url
    assert page.locator("h1").inner_text() == "Sign in to continue"
    assert "Requested by Limen demo" in page.content()

    page.fill("#email", world.user.email)
    page.click("button[type=submit]")
    assert world.user.email in page.locator(".identity").inner_text()
    assert "(External)" in page.locator(".identity").inner_text()
    assert page.locator("input[name=method][value=PASSWORD]").is_checked()

    page.fill("#password", "Wrong-password-42!")
    page.click("button[type=submit]")
    assert page.locator("[role=alert]").inner_text() == "The e-mail address or the password is incorrect."

    page.fill("#password", world.user.password)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/demo/")
    table = page.locator("#demo-attributes").inner_text()
    assert re.search(r"email\s+" + re.escape(world.user.email), table), table
    assert re.search(r"firstName\s+Ελένη", table), table
    assert re.search(r"strength\s+PASSWORD", table), table

    # The sign-in page remembers the address, and the SSO session serves the next visit.
    page.goto(base + "/account/sessions")
    assert page.locator("h1").inner_text() == "My sessions"
    current = page.locator("article.session.current")
    assert current.locator("h2").inner_text() == "This browser"
    assert "Limen demo" in current.inner_text()

    # Logout from the demo: Limen ends the session and tells the demo over the back channel.
    page.goto(base + "/demo/")
    page.click("text=Log out (single logout)")
    assert page.locator("h1").inner_text() == "Logout"
    assert "The service you used has been told that you logged out." in page.content()
    for _ in range(50):
        page.goto(base + "/demo/")
        if "/cas/login" in page.url:
            break
        time.sleep(0.1)
    assert "/cas/login" in page.url, "the demo should have forgotten the session"
    page.close()


def test_pages_follow_the_language_choice(chromium, world):
    base = world.server.base_url
    page = chromium.new_page(locale="fr-FR")
    page.goto(base + "/cas/login")
    assert page.locator("h1").inner_text() == "Connectez-vous pour continuer"
    assert page.locator("button[type=submit]").inner_text() == "Suivant"
    # The languages are behind a disclosure (its summary names the current one).
    page.click("nav.langs summary")
    page.click("text=English (en)")
    assert page.locator("h1").inner_text() == "Sign in to continue"
    # The choice is remembered over the browser's own preference.
    page.goto(base + "/cas/login")
    assert page.locator("h1").inner_text() == "Sign in to continue"
    page.close()
