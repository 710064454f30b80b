"""Federation in a real browser (docs/FEDERATION.md §8.4): headless Chromium (Debian's package)
driven by Playwright, signing in to Limen's demo service (/demo/, every strength accepted)
through the login page's upstream buttons:

- npm oidc-provider: its own login and consent pages, back to Limen's choice page, "Create my
  account" (the address the provider vouched for: signed in at once), the demo's attribute table
  showing SOCIAL_NETWORKS; then My account → "Manage my eIDs and linked accounts" lists the link;
- the Test eID (pysaml2 eIDAS IdP): its form at LoA substantial, its answer posted to Limen's ACS,
  the new account's address confirmed by Limen's link, then the demo showing EIDAS and MEDIUM
  (skipped only while Limen answers 404 at /upstream/test-eidas/metadata).

Each runs with JavaScript on and off (every step is a plain form; the IdP's answer page has a
"Continue" button beside its auto-submit script). With JavaScript on, axe-core
(tests/interop/node_modules, `npm ci`) checks the choice page and /account/eids: no serious or
critical violation. The browser reaches nothing but loopback.
"""

from __future__ import annotations

import logging
import os
import re
from urllib.parse import urlsplit

import pytest

pytest.register_assert_rewrite("upstream_support", "federation_support")
pytest_plugins = ["upstream_support"]

import federation_support as fs
import upstream_support as us
from authenticator_pwa import axe_violations, failing, format_violations
from federation_support import EIDAS, OIDC, unique
from test_browser import CHROMIUM, CHROMIUM_ARGS

log = logging.getLogger("test_federation_browser")
TIMEOUT_MS = 15_000
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


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
    """Pages in fresh contexts (their own cookies); on a failure, a screenshot of each goes to
    the test's tmp_path. `javascript=False`: a browser whose user turned scripts off."""
    opened = []
    failed_before = request.session.testsfailed

    def open_page(label: str, javascript: bool = True):
        # bypass_csp: axe-core is injected into Limen's pages, whose CSP forbids that.
        context = chromium.new_context(locale="en-GB", java_script_enabled=javascript, bypass_csp=javascript)

        # Loopback only (oidc-provider's development pages import a web font from the internet).
        def only_loopback(route):
            host = urlsplit(route.request.url).hostname or ""
            if host in LOOPBACK:
                route.continue_()
            else:
                route.abort()

        context.route("**/*", only_loopback)
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
        html = page.content()
    except Exception as exc:  # noqa: BLE001 - during a navigation
        return f"at {page.url} (content unavailable: {exc})"
    start = max(html.find("<main"), 0)
    return f"at {page.url}:\n{html[start : start + 3000]}"


def expect(condition: bool, page, message: str) -> None:
    if not condition:
        raise AssertionError(f"{message}, {describe(page)}")


def heading(page) -> str:
    return " ".join(page.locator("h1").first.inner_text().split())


def check_axe(page, screen: str) -> None:
    # axe itself first, on a page with a known violation: the harness reports what it finds.
    probe = page.context.new_page()
    probe.set_content(
        '<html lang="en"><head><title>probe</title></head><body><main><img src="x.png"></main></body></html>'
    )
    found = {v["id"]: v["impact"] for v in axe_violations(probe)}
    probe.close()
    assert found.get("image-alt") == "critical", f"axe should report the image without alt: {found}"
    violations = axe_violations(page)
    log.info("axe-core on %s, every violation:\n%s", screen, format_violations(violations))
    bad = failing(violations)
    if bad:
        pytest.fail(f"serious or critical axe-core violations on {screen}:\n{format_violations(bad)}", pytrace=False)


def demo_table(page) -> dict[str, str]:
    rows = page.locator("#demo-attributes tbody tr")
    out = {}
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        out[cells.nth(0).inner_text().strip()] = cells.nth(1).inner_text().strip()
    return out


def press_upstream(page, base: str, upstream: str) -> None:
    """The login page's button for `upstream` (a plain form)."""
    page.wait_for_url(re.compile(re.escape(base) + r"/cas/login\?.*"))
    button = page.locator(f"form.upstream-start button[data-upstream={upstream}]")
    expect(button.count() == 1, page, f"one button for {upstream} on the login page")
    button.click()


# --------------------------------------------------------------------------------------------
# npm oidc-provider
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def bfed(request, tmp_path_factory, oidc_upstream):
    backend = request.param
    if backend == "postgres" and not os.environ.get("LIMEN_TEST_PG"):
        pytest.skip("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
    workdir = tmp_path_factory.mktemp(f"federation-browser-{backend}")
    with fs.federated_limen(backend, workdir, [oidc_upstream.toml("http://127.0.0.1", OIDC)]) as server:
        yield server, oidc_upstream, backend


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_sign_in_to_the_demo_with_the_provider_and_see_the_link(bfed, new_page, javascript):
    server, op, label = bfed
    base = server.base_url
    login = unique("browser-js" if javascript else "browser-nojs", label)
    claims = us.expected_claims(login)
    page = new_page(f"oidc-{label}-{'js' if javascript else 'nojs'}", javascript=javascript)

    page.goto(base + "/demo/")
    press_upstream(page, base, OIDC)

    # oidc-provider's own pages: any login, any password, then the consent.
    page.wait_for_url(re.compile(re.escape(op.issuer) + r"/interaction/.*"))
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "any password")
    page.get_by_role("button", name="Sign-in").click()
    # A new account at the provider has granted nothing yet: its consent page always comes.
    page.get_by_role("button", name="Continue").click()

    # Back at Limen: not linked yet, the choice page, prefilled.
    page.wait_for_url(re.compile(re.escape(base) + rf"/upstream/{OIDC}/callback\?.*"))
    expect(heading(page) == fs.CHOICE_TITLE, page, "the choice page")
    expect(page.locator("#email").input_value() == claims["email"], page, "the provider's address proposed")
    expect(page.locator("#last_name").input_value() == claims["family_name"], page, "the family name proposed")
    expect("confirmed this address" in page.locator("#upstream-email-note").inner_text(), page, "vouched for")
    if javascript:
        check_axe(page, "the choice page")
    page.locator("#upstream-create").click()

    # Signed in at once: the demo shows what it received.
    page.wait_for_url(re.compile(re.escape(base) + r"/demo/.*"))
    table = demo_table(page)
    expect(table.get("strength") == "SOCIAL_NETWORKS", page, f"SOCIAL_NETWORKS in the demo's table {table}")
    expect(table.get("authenticationLevel") == "BASIC", page, f"BASIC in the demo's table {table}")
    expect(table.get("email") == claims["email"], page, f"the address in the demo's table {table}")

    # My account → "Manage my eIDs and linked accounts".
    page.goto(base + "/account")
    tile = page.get_by_role("link", name=re.compile("Manage my eIDs and linked accounts"))
    expect(tile.count() == 1, page, "My account links to the eIDs page")
    tile.click()
    page.wait_for_url(base + "/account/eids")
    rows = page.locator("table#links tr.link[data-id]")
    expect(rows.count() == 1, page, "one link listed")
    expect(rows.first.locator("td.link-upstream").inner_text().strip() == fs.OIDC_NAME, page, "the provider named")
    expect(claims["email"].split("@")[1] in rows.first.locator("td.link-display").inner_text(), page, "the account")
    if javascript:
        check_axe(page, "/account/eids")


# --------------------------------------------------------------------------------------------
# The Test eID
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def beid(request, tmp_path_factory, eidas_idp):
    backend = request.param
    if backend == "postgres" and not os.environ.get("LIMEN_TEST_PG"):
        pytest.skip("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
    with fs.eidas_limen(backend, tmp_path_factory, eidas_idp) as server:
        yield server, eidas_idp, backend


def through_test_eid(page, base: str, idp: us.EidasIdpPeer, person: dict[str, str], javascript: bool) -> None:
    """The eID button, the Test eID form, its answer posted to Limen's ACS."""
    press_upstream(page, base, EIDAS)
    page.wait_for_url(re.compile(re.escape(idp.base_url) + r"/idp/login/.*"))
    expect(heading(page) == "Test eID", page, "the Test eID page")
    for name in ("given_name", "family_name", "date_of_birth", "identifier"):
        page.fill(f"#{name}", person[name])
    page.select_option("#loa", person["loa"])
    page.get_by_role("button", name="Sign in").click()
    if not javascript:
        # Without scripts the answer page waits for its button.
        page.wait_for_url(re.compile(re.escape(idp.base_url) + r"/idp/login/.*"))
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(re.escape(base) + r"/.*"))


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_sign_in_to_the_demo_with_the_test_eid(beid, new_page, javascript):
    server, idp, label = beid
    base = server.base_url
    identifier = unique("browser-eid", label)
    person = {
        "given_name": "Maarit",
        "family_name": "Virtanen",
        "date_of_birth": "1990-02-03",
        "identifier": identifier,
        "loa": "substantial",
    }
    address = f"{identifier}@example.eu"
    page = new_page(f"eid-{label}-{'js' if javascript else 'nojs'}", javascript=javascript)

    page.goto(base + "/demo/")
    through_test_eid(page, base, idp, person, javascript)
    # A new eID: the choice page with its names; eIDAS gives no address, the user types one.
    page.wait_for_selector("#upstream-create-form")
    expect(heading(page) == fs.CHOICE_TITLE, page, "the choice page")
    expect(page.locator("#last_name").input_value() == person["family_name"], page, "the eID's family name")
    page.fill("#email", address)
    page.locator("#upstream-create").click()
    page.wait_for_selector("h1")
    expect(heading(page) == fs.CHECK_MAILBOX, page, "the account waits for its address")

    # Limen's link confirms the address.
    mail = fs.Outbox(server).wait_for(address, fs.ACTIVATE_SUBJECT)
    link = next(x for x in fs.links_in(mail) if "/upstream/activate?key=" in x)
    page.goto(link)
    expect(heading(page) == fs.ACTIVATED_TITLE, page, "the address to confirm with the eID")

    # The eID signs in to the demo: EIDAS, MEDIUM (LoA substantial).
    page.goto(base + "/demo/")
    through_test_eid(page, base, idp, person, javascript)
    page.wait_for_url(re.compile(re.escape(base) + r"/demo/.*"))
    table = demo_table(page)
    expect(table.get("strength") == "EIDAS", page, f"EIDAS in the demo's table {table}")
    expect(table.get("authenticationLevel") == "MEDIUM", page, f"MEDIUM in the demo's table {table}")
    expect(table.get("email") == address, page, f"the account's address in the demo's table {table}")
