"""The OpenID Connect demo in a real browser (headless Chromium, Debian's package, driven by
Playwright): from the CAS demo to its OpenID Connect sibling at /demo/oidc, a sign-in through
Limen's pages, and the callback page showing the ID token's claims and the userinfo answer."""

from __future__ import annotations

import json
import os
import re

import pytest

from limen_interop import PASSWORD, User, running_limen
from test_browser import CHROMIUM, CHROMIUM_ARGS

SIGN_IN = re.compile(r"OpenID Connect|Sign in|Log in", re.IGNORECASE)


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
def demo_limen(request, tmp_path_factory):
    """A fresh `limen serve` with its defaults (the demo is on by default) and one user."""
    backend = request.param
    if backend == "postgres" and not os.environ.get("LIMEN_TEST_PG"):
        pytest.skip("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
    workdir = tmp_path_factory.mktemp(f"oidc-demo-{backend}")
    with running_limen(backend, workdir) as server:
        user = User(
            email=f"zofia.oidc.{backend}@example.org", first_name="Zofia", last_name="Wójcik", password=PASSWORD
        )
        server.add_user(user)
        yield server, user


def sign_in(page, user: User) -> None:
    """Limen's two login pages: the e-mail address, then the password."""
    page.wait_for_url(re.compile(r".*/cas/login.*"))
    page.fill("#email", user.email)
    page.click("button[type=submit]")
    page.fill("#password", user.password)
    page.click("button[type=submit]")


def start_oidc_sign_in(page) -> None:
    """The demo's link or button that starts the OpenID Connect sign-in."""
    control = page.get_by_role("link", name=SIGN_IN).or_(page.get_by_role("button", name=SIGN_IN))
    assert control.count() >= 1, f"no sign-in link or button on {page.url}:\n{page.content()[:3000]}"
    control.first.click()


def shown_json(page, selector: str) -> dict:
    text = page.locator(selector).inner_text()
    try:
        return json.loads(text)
    except ValueError as exc:
        raise AssertionError(f"{selector} does not hold JSON: {text[:1000]}") from exc


def test_the_oidc_demo_signs_in_and_shows_the_claims(chromium, demo_limen, tmp_path):
    server, user = demo_limen
    base = server.base_url
    callback = re.compile(re.escape(base) + r"/demo/oidc/callback\?.*")

    # The CAS demo (after its own sign-in) links to the OpenID Connect demo.
    cas_context = chromium.new_context(locale="en-GB")
    page = cas_context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(base + "/demo/")
        if "/cas/login" in page.url:
            sign_in(page, user)
            page.wait_for_url(base + "/demo/")
        link = page.locator("a[href*='/demo/oidc']")
        assert link.count() >= 1, f"/demo/ has no link to /demo/oidc:\n{page.content()[:3000]}"
        link.first.click()
        page.wait_for_url(re.compile(re.escape(base) + r"/demo/oidc/?(\?.*)?$"))
        oidc_demo = page.url
        page.screenshot(path=str(tmp_path / f"oidc-demo-{server.label}.png"), full_page=True)
        # The SSO session of the CAS sign-in serves the OpenID Connect demo without a form.
        start_oidc_sign_in(page)
        page.wait_for_url(callback)
        sso_claims = shown_json(page, "#id-token-claims")
    finally:
        cas_context.close()

    # A browser without a session goes through Limen's pages.
    context = chromium.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(oidc_demo)
        start_oidc_sign_in(page)
        sign_in(page, user)
        page.wait_for_url(callback)
        page.screenshot(path=str(tmp_path / f"oidc-demo-callback-{server.label}.png"), full_page=True)

        claims = shown_json(page, "#id-token-claims")
        assert claims["email"].lower() == user.email.lower(), claims
        assert claims["iss"] == base, claims
        assert claims["sub"], claims
        assert claims["acr"], claims
        assert claims["amr"] == ["pwd"], claims
        assert claims["given_name"] == user.first_name and claims["family_name"] == user.last_name, claims
        assert claims["sub"] == sso_claims["sub"], "one user, one public sub"
        userinfo = shown_json(page, "#userinfo")
        assert userinfo["sub"] == claims["sub"], userinfo
        assert userinfo.get("email", user.email).lower() == user.email.lower(), userinfo
    finally:
        context.close()
