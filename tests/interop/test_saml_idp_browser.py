"""Limen's SAML identity provider in a real browser (docs/SAML.md §13.4): headless Chromium
(Debian's package) driven by Playwright signs in to Apache with mod_auth_mellon (sp/mellon.py)
through Limen's login page:

- with JavaScript on, Limen's answer page posts the Response to mellon by itself; with JavaScript
  off, its submit button does; either way mellon's /protected shows the user's uid, e-mail and
  groups;
- axe-core (tests/interop/node_modules, `npm ci`) checks that answer page, held in place by
  answering its POST with 204 No Content: no serious or critical violation;
- Limen's logout sends the browser through mellon's single-logout endpoint and ends on Limen's page;
  mellon then asks for a new sign-in.

The browser reaches nothing but loopback.
"""

from __future__ import annotations

import logging
import os
import re
from urllib.parse import urlsplit

import pytest

pytest.register_assert_rewrite("upstream_support", "saml_idp_support")
pytest_plugins = ["saml_idp_support"]

from authenticator_pwa import axe_violations, failing, format_violations
from limen_interop import World
from test_browser import CHROMIUM, CHROMIUM_ARGS

log = logging.getLogger("test_saml_idp_browser")
TIMEOUT_MS = 15_000
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
USER_ATTRIBUTES = ["uid", "email", "groups"]


@pytest.fixture(scope="module")
def chromium():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (scripts/test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium, request, tmp_path):
    """A page in a fresh context (its own cookies), loopback only; a screenshot on failure."""
    opened = []
    failed_before = request.session.testsfailed

    def open_page(label: str, javascript: bool = True):
        # bypass_csp: axe-core is injected into Limen's pages, whose CSP forbids that.
        context = chromium.new_context(locale="en-GB", java_script_enabled=javascript, bypass_csp=javascript)
        context.route(
            "**/*",
            lambda route: (
                route.continue_() if (urlsplit(route.request.url).hostname or "") in LOOPBACK else route.abort()
            ),
        )
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.set_default_navigation_timeout(TIMEOUT_MS)
        opened.append((label, context, page))
        return page

    yield open_page
    if request.session.testsfailed > failed_before:
        for label, _context, page in opened:
            path = tmp_path / f"{label}.png"
            try:
                page.screenshot(path=str(path), full_page=True, timeout=5_000)
                log.error("screenshot of %r at %s: %s", label, page.url, path)
            except Exception as exc:  # noqa: BLE001 - a screenshot is only a help
                log.error("no screenshot of %r: %s", label, exc)
    for _label, context, _page in opened:
        context.close()


def describe(page) -> str:
    try:
        return f"at {page.url}:\n{page.content()[:3000]}"
    except Exception as exc:  # noqa: BLE001 - during a navigation
        return f"at {page.url} (content unavailable: {exc})"


def expect(condition: bool, page, message: str) -> None:
    if not condition:
        raise AssertionError(f"{message}, {describe(page)}")


def check_axe(page, screen: str) -> None:
    probe = page.context.new_page()
    probe.set_content('<html lang="en"><head><title>p</title></head><body><main><img src="x.png"></main></body></html>')
    found = {v["id"]: v["impact"] for v in axe_violations(probe)}
    probe.close()
    assert found.get("image-alt") == "critical", f"axe should report the image without alt: {found}"
    violations = axe_violations(page)
    log.info("axe-core on %s, every violation:\n%s", screen, format_violations(violations))
    bad = failing(violations)
    if bad:
        pytest.fail(f"serious or critical axe-core violations on {screen}:\n{format_violations(bad)}", pytrace=False)


def sign_in_at_limen(page, world: World) -> None:
    """Limen's login page (reached from mellon): the address, then the password."""
    page.wait_for_selector("#email")
    expect(page.url.startswith(world.server.base_url + "/"), page, "Limen's login page")
    page.fill("#email", world.user.email)
    page.click("button[type=submit]")
    page.wait_for_selector("#password")
    page.fill("#password", world.user.password)
    page.click("button[type=submit]")


def protected_env(page) -> dict[str, str]:
    from sp.mellon import protected_attributes

    return protected_attributes(page.content())


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_sign_in_through_mellon(world, register_sp, mellon, uid_of_user, groups_of_user, new_page, javascript):
    register_sp(mellon, attributes=USER_ATTRIBUTES)
    page = new_page(f"mellon-{'js' if javascript else 'nojs'}", javascript=javascript)
    page.goto(mellon.login_url(world.server.url("/saml/metadata")))
    sign_in_at_limen(page, world)
    if not javascript:
        # The answer page waits: its form posts to mellon's ACS when its button is pressed.
        form = page.locator(f'form[action="{mellon.acs_url}"]')
        form.wait_for(state="attached")
        expect(form.locator("input[name=SAMLResponse]").count() == 1, page, "the SAMLResponse field")
        # A visible button (the page works without scripts; with them it submits itself).
        button = form.locator("button[type=submit], input[type=submit]")
        expect(button.count() == 1, page, "one submit button in the form")
        button.click()
    page.wait_for_url(mellon.protected_url)
    env = protected_env(page)
    expect(env.get("MELLON_uid") == uid_of_user, page, f"uid {env}")
    expect(env.get("MELLON_email", "").lower() == world.user.email.lower(), page, f"email {env}")
    expect(sorted(env.get("MELLON_groups", "").split(";")) == groups_of_user, page, f"groups {env}")


def test_the_answer_page_is_accessible(world, register_sp, mellon, new_page):
    register_sp(mellon, attributes=["uid"])
    page = new_page("answer-page-axe")
    posted = []

    def hold(route):
        # 204 No Content: the browser stays on the page that posted (the auto-submitting form).
        posted.append(route.request.post_data or "")
        route.fulfill(status=204, body="")

    page.route(re.compile(re.escape(mellon.acs_url)), hold)
    page.goto(mellon.login_url(world.server.url("/saml/metadata")))
    sign_in_at_limen(page, world)
    page.wait_for_selector(f'form[action="{mellon.acs_url}"]', state="attached")
    for _ in range(100):
        if posted:
            break
        page.wait_for_timeout(50)
    expect(posted and "SAMLResponse=" in posted[0], page, "the page posted the Response by itself")
    expect(page.url.startswith(world.server.base_url + "/"), page, "still on Limen's answer page")
    form = page.locator(f'form[action="{mellon.acs_url}"]')
    expect(
        form.locator("button[type=submit], input[type=submit]").count() == 1,
        page,
        "a submit button for browsers without scripts",
    )
    check_axe(page, "Limen's SAML answer page")


def test_logout_chain_visits_mellon_and_ends_on_limen(world, register_sp, mellon, new_page):
    register_sp(mellon, attributes=["uid"])
    page = new_page("logout-chain")
    page.goto(mellon.login_url(world.server.url("/saml/metadata")))
    sign_in_at_limen(page, world)
    page.wait_for_url(mellon.protected_url)
    visited = []
    page.on("request", lambda req: visited.append(req.url) if req.is_navigation_request() else None)
    page.goto(world.server.url("/cas/logout"))
    page.wait_for_load_state()

    def carries(url: str, endpoint: str, name: str) -> bool:
        return url.split("?")[0] == endpoint and f"{name}=" in url.partition("?")[2]

    to_mellon = [u for u in visited if carries(u, mellon.base_url + "/mellon/logout", "SAMLRequest")]
    expect(len(to_mellon) == 1, page, f"the chain visits mellon's SingleLogoutService once: {visited}")
    back = [u for u in visited if carries(u, world.server.url("/saml/slo"), "SAMLResponse")]
    expect(len(back) == 1, page, f"mellon's LogoutResponse comes back to Limen: {visited}")
    expect(page.url.startswith(world.server.base_url + "/"), page, "the chain ends on Limen's page")
    page.goto(mellon.protected_url)
    # The sign-in page: the address step, or the password step for the remembered address.
    page.wait_for_selector("#email, #password")
    expect(page.url.startswith(world.server.base_url + "/"), page, "mellon asks Limen for a new sign-in")
