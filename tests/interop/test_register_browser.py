"""Creating an account in a real browser (headless Chromium, Debian's package, driven by
Playwright), the way a newcomer trying Limen would: `limen serve --dev` with the default
development mail transport, the demo service, "Create an account", the proof-of-work check run by
the page's own script at the server's default difficulty, the development outbox, the password
page with its live feedback, and back to the demo with the attributes it received."""

from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path

import pytest

from limen_interop import REPO_ROOT, running_limen
from test_browser import CHROMIUM, CHROMIUM_ARGS

log = logging.getLogger(__name__)

SHOTS = Path("/tmp/limen-shots")
NEW_PASSWORD = "Ορίζων-Tessel8-ate!"
POW_TIMEOUT_MS = 60_000
FR_LOCALE = REPO_ROOT / "crates/limen-web/locales/fr/main.ftl"


def ftl_value(path: Path, key: str) -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    m = re.search(rf"^{re.escape(key)}\s*=\s*(.+)$", text, re.MULTILINE)
    return m.group(1).strip() if m else None


@pytest.fixture(scope="module")
def chromium():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (scripts/test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def dev_limen(request, tmp_path_factory):
    """`limen serve --dev`, mail configuration left to its defaults (the outbox directory)."""
    backend = request.param
    if backend == "postgres" and not os.environ.get("LIMEN_TEST_PG"):
        pytest.skip("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
    workdir = tmp_path_factory.mktemp(f"register-browser-{backend}")
    with running_limen(backend, workdir, extra_args=["--dev"]) as server:
        yield server


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_a_newcomer_creates_an_account_from_the_demo(chromium, dev_limen):
    server = dev_limen
    base = server.base_url
    backend = server.label
    address = f"eleni.browser.{backend}.{time.monotonic_ns()}@example.org"
    page = chromium.new_page(locale="en-GB")
    page.set_default_timeout(15_000)
    try:
        page.goto(base + "/demo/")
        assert "/cas/login?service=" in page.url
        page.get_by_role("link", name="Create an account", exact=True).click()
        page.wait_for_url(re.compile(re.escape(base) + r"/cas/register\?service="))
        assert page.locator("h1").inner_text() == "Create an account"
        assert "Requested by Limen demo" in page.content()
        natural_width = page.locator("img.captcha-image").evaluate("img => img.complete && img.naturalWidth")
        assert natural_width, "the CAPTCHA picture did not load"
        shot(page, f"register-{backend}.png")

        page.fill("#first_name", "Ελένη")
        page.fill("#last_name", "Παπαδοπούλου")
        page.fill("#email", address)
        page.fill("#email_confirm", address)
        page.select_option("#email_lang", "en")
        page.check("input[name=privacy]")

        # The accessible alternative to the picture: the page's script does the work.
        start = page.locator(".pow-start")
        start.wait_for(state="visible")
        assert start.inner_text().strip() == "Check with my browser instead"
        difficulty = int(page.locator(".pow").get_attribute("data-pow-difficulty"))
        began = time.monotonic()
        start.click()
        page.wait_for_function(
            "() => /Done/.test(document.querySelector('.pow-status').textContent)", timeout=POW_TIMEOUT_MS
        )
        log.info("proof of work (%d bits) solved by pow.js in %.1f s", difficulty, time.monotonic() - began)
        nonce = page.locator("input[name=pow_nonce]").input_value()
        assert re.fullmatch(r"[0-9]+", nonce), f"pow_nonce {nonce!r}"
        shot(page, f"register-solved-{backend}.png")

        page.click("button[name=action][value=register]")
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "Check your mailbox", page.content()[:3000]
        assert address in page.locator("main").inner_text()

        # The development outbox: the message, delivered to the outbox directory.
        page.goto(base + "/dev/outbox")
        assert page.locator("h1").inner_text() == "Development outbox"
        row = page.locator("tr", has_text=address)
        assert row.count() == 1, page.content()[:3000]
        for _ in range(50):
            if "delivered" in row.inner_text():
                break
            time.sleep(0.2)
            page.reload()
            row = page.locator("tr", has_text=address)
        assert "delivered" in row.inner_text(), row.inner_text()
        eml = list((server.workdir / "data" / "outbox").glob("*.eml"))
        assert any(address in f.read_text(errors="replace") for f in eml), f"no .eml for {address} in {eml}"
        row.locator("a").click()
        assert page.locator("h1").inner_text() == "Create your password"
        assert "Dear Ελένη Παπαδοπούλου," in page.locator("pre.mail").first.inner_text()
        page.click("a[href*='/cas/password/new?key=']")

        # The password page: the policy, the live feedback, the address read-only.
        page.wait_for_url(re.compile(re.escape(base) + r"/cas/password/new\?key="))
        assert page.locator("h1").inner_text() == "Create your password"
        assert page.locator("#email").input_value() == address
        assert page.locator("#email").get_attribute("readonly") is not None
        page.locator("#new_password").press_sequentially("abc123", delay=30)
        meter = page.locator("#password-feedback meter")
        meter.wait_for(state="attached", timeout=10_000)
        feedback = page.locator("#password-feedback").inner_text()
        assert "Strength:" in feedback, feedback
        shot(page, f"password-weak-{backend}.png")

        page.fill("#new_password", "")
        page.locator("#new_password").press_sequentially(NEW_PASSWORD, delay=10)
        page.wait_for_function(
            "() => /Strength: (good|strong)/.test(document.getElementById('password-feedback').textContent)"
        )
        page.fill("#confirm_password", NEW_PASSWORD)
        assert page.locator("#confirm-feedback").inner_text() == ""
        shot(page, f"password-{backend}.png")
        page.click("form.password-form button[type=submit]")
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "Your password has been saved", page.content()[:3000]
        assert "You are now signed in." in page.locator("main").inner_text()

        # "Proceed": a ticket for the demo, which validates it and shows what it received.
        page.get_by_role("link", name="Proceed", exact=True).click()
        page.wait_for_url(base + "/demo/")
        table = page.locator("#demo-attributes").inner_text()
        assert re.search(r"email\s+" + re.escape(address), table), table
        assert re.search(r"firstName\s+Ελένη", table), table
        assert re.search(r"lastName\s+Παπαδοπούλου", table), table
        assert re.search(r"strength\s+PASSWORD", table), table
        shot(page, f"demo-{backend}.png")
    finally:
        page.close()


def test_register_page_in_french(chromium, dev_limen):
    title = ftl_value(FR_LOCALE, "register-title")
    if title is None:
        pytest.skip(f"no French register-title in {FR_LOCALE} yet")
    assert title == "Créer un compte"
    page = chromium.new_page(locale="en-GB")
    try:
        page.goto(dev_limen.base_url + "/cas/register?lang=fr")
        assert page.locator("h1").inner_text() == "Créer un compte"
        assert page.locator("html").get_attribute("lang") == "fr"
        button = ftl_value(FR_LOCALE, "captcha-pow-button")
        if button:
            page.locator(".pow-start").wait_for(state="visible")
            assert page.locator(".pow-start").inner_text().strip() == button
        # The e-mail language follows the page language until the user picks another.
        assert page.locator("#email_lang").input_value() == "fr"
        shot(page, f"register-fr-{dev_limen.label}.png")
    finally:
        page.close()


def test_without_javascript_only_the_picture_is_offered(chromium, dev_limen):
    """The proof-of-work button needs the page's script: without JavaScript it must stay hidden
    (the `hidden` attribute in the markup), leaving the picture and its field."""
    context = chromium.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(dev_limen.base_url + "/cas/register")
        assert page.locator("h1").inner_text() == "Create an account"
        assert page.locator("img.captcha-image").is_visible()
        assert page.locator("#captcha_answer").is_visible()
        assert page.locator(".pow-start").get_attribute("hidden") is not None
        assert not page.locator(".pow-start").is_visible(), (
            "the 'Check with my browser instead' button is shown without JavaScript, where it does "
            "nothing: the stylesheet's `button { display:inline-block }` overrides the `hidden` attribute"
        )
    finally:
        context.close()
