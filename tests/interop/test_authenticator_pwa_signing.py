"""Transaction signing (issue 18) with the authenticator web app (`/authenticator/`) in a real
browser: headless Chromium (Debian's package) driven by Playwright, a desktop context signing at
the signing page and a phone context ("Pixel 7") running the app, as test_authenticator_pwa.py
does for sign-ins (its fixtures and the DOM contract of authenticator_pwa.py are reused).

A service (a CAS service with a signing secret, signing_support) asks for a signature over a
transfer with a field to type again (`retype`, `pattern`). The user chooses "Mobile App PIN Code"
on the signing page; the app shows the transaction's title and fields without the retyped value
(docs/MOBILE-PROTOCOL.md §5.5), refuses — with a visible message in its alert region — an empty
value and a value of the wrong form without asking the server, sends a well-formed but wrong
value which the server refuses (`display_hash`, the request staying open), and approves with the
right one; the desktop page goes on to the return URL by itself; the relying party redeems the
result and verifies the receipt, the device's evidence included, with Limen's JWKS alone. The
same with the offline QR code ("Mobile App QR Code"), a code made with a mistyped value refused by
the server. axe-core on the app's signing screens, in English and in French.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

import signing_support as sgs
import test_authenticator_pwa as pwa_tests
import test_webauthn_browser as wb
from authenticator_pwa import AuthenticatorApp, axe_violations, failing, format_violations
from limen_interop import Recorder, running_limen
from signing_support import Asked, Caller, RelyingParty
from test_authenticator_pwa import PIN, enrolled_phone, jws_payload, type_code
from test_mobile_browser import BY_ITSELF_MS, approval_id, approval_number, scan_text
from test_panic_mfa_browser import PanicWorld
from test_signing_browser import fill_signing_form, handle_in, landed, uid_of
from test_webauthn_browser import Tab, expect, shown, wait_for_one_of

# test_authenticator_pwa's fixtures (Playwright, Chromium, the phone contexts over this
# module's `pwa`) and the desktop tabs of the WebAuthn tests.
pw = pwa_tests.pw
chromium = pwa_tests.chromium
phones = pwa_tests.phones
tabs = wb.tabs

TITLE = "Transfer of allowances"
FIELDS = [
    {"label": "Amount", "value": "100 EUA"},
    {"label": "To account", "value": "EU-100-5", "retype": True, "pattern": "^EU-[0-9]+-[0-9]+$"},
]
METHOD_NAMES = {"mobile_app": "EU Login Mobile App PIN Code", "software_token": "EU Login Mobile App QR Code"}
RETYPED_LABEL = "To account"
RIGHT = "EU-100-5"
WRONG_FORM = "100-5"  # the pattern refuses it: the app says so, nothing is sent
MISTYPED = "EU-100-6"  # the pattern takes it, the server does not: display_hash


@dataclass
class SigningWorld:
    pwa: PanicWorld
    signer: Caller

    @property
    def server(self):
        return self.pwa.server

    def rp(self) -> RelyingParty:
        return RelyingParty(self.server, self.signer)


@pytest.fixture(scope="module")
def site():
    """The services' own web server: the signing return URL answers "ok"."""
    with Recorder() as recorder:
        yield recorder


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def pwa(request, tmp_path_factory, site):
    """A fresh `limen serve --dev` reached as http://127.0.0.1:PORT (the app's secure context);
    the name is test_authenticator_pwa's, so that its `phones` fixture runs against it."""
    backend = request.param
    if backend == "postgres" and not os.environ.get("LIMEN_TEST_PG"):
        pytest.skip("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
    workdir = tmp_path_factory.mktemp(f"authenticator-pwa-signing-{backend}")
    with running_limen(backend, workdir, extra_args=["--dev"]) as server:
        yield PanicWorld(server=server, site=site)


@pytest.fixture(scope="module")
def sw(pwa) -> SigningWorld:
    backend = pwa.server.label
    prefix = pwa.site.url(f"/registry-{backend}/")
    return SigningWorld(pwa=pwa, signer=sgs.add_cas_signer(pwa.server, f"Union Registry {backend}", prefix))


def start_signing(tabs, sw: SigningWorld, user, tag: str, method: str) -> tuple[Asked, Tab]:
    """The service asks for a signature; a desktop tab without a session opens the signing page
    (title, fields, the retyped row marked), chooses `method` and gives the password."""
    rp = sw.rp()
    asked = rp.create(uid_of(sw.server, user.email), TITLE, FIELDS)
    tab = tabs(f"{tag}-signer")
    page = tab.page
    page.goto(asked.url)
    page.wait_for_selector("#sign-form")
    expect(page.locator("#sign-title").inner_text().strip() == TITLE, page, "the signing page's title")
    expect(sw.signer.name in page.locator("#sign-requested-by").inner_text(), page, "Requested by the service")
    expect(page.locator("table#sign-fields tr.sign-field.retype").count() == 1, page, "the retype row is marked")
    methods = page.locator("#method option").evaluate_all("os => os.map(o => o.value).filter(v => v)")
    expect(sorted(methods) == ["mobile_app", "software_token"], page, f"a phone's two methods: {methods}")
    name = page.locator(f'#method option[value="{method}"]').inner_text().strip()
    expect(name == METHOD_NAMES[method], page, f"the method {method} is offered as {METHOD_NAMES[method]!r}: {name!r}")
    fill_signing_form(page, method, user.password)
    return asked, tab


def tx_rows(app: AuthenticatorApp, prefix: str) -> list[tuple[str, str, bool]]:
    """The transaction's rows on the app's screen (`#<prefix>-tx-fields`): (label, value shown,
    whether the row asks for the value)."""
    rows = app.page.locator(f"#{prefix}-tx-fields dt").evaluate_all(
        """dts => dts.map(dt => {
            const dd = dt.nextElementSibling;
            const input = dd.querySelector('input');
            return [dt.textContent.trim(), input ? '' : dd.textContent.trim(), !!input];
        })"""
    )
    return [tuple(r) for r in rows]


def expect_transaction_shown(app: AuthenticatorApp, prefix: str) -> None:
    """The title and every field; the retyped field as an input with its label, empty: the
    server never sent its value (§5.5)."""
    app.page.wait_for_selector(f"#{prefix}-tx", state="visible")
    app.expect(app.text(f"#{prefix}-tx-title") == TITLE, f"#{prefix}-tx-title should be {TITLE!r}")
    rows = tx_rows(app, prefix)
    app.expect(rows == [("Amount", "100 EUA", False), (RETYPED_LABEL, "", True)], f"the fields: {rows}")
    typed = f"#{prefix}-typed-0"
    label = app.page.locator(f'label[for="{prefix}-typed-0"]')
    app.expect(label.count() == 1 and label.inner_text().strip() == RETYPED_LABEL, "the input is labelled")
    app.expect(app.page.input_value(typed) == "", "the retyped value is not filled in")
    screen = app.page.locator(f"#screen-{'request' if prefix == 'req' else 'code'}").inner_text()
    app.expect(RIGHT not in screen, f"the retyped value must not reach the device: {screen!r}")


def expect_refused_here(app: AuthenticatorApp, error: str, key: str, typed: str, screen: str) -> None:
    """The app's own refusal of a typed value: its text (naming the field) in the alert region,
    the screen kept, the input focused for correction."""
    app.wait_text(error, app.t(key, label=RETYPED_LABEL))
    app.expect(app.page.get_attribute(error, "role") == "alert", f"{error} is announced (role=alert)")
    app.expect(app.screen() == screen, f"a refused value keeps the {screen} screen")
    focused = app.page.evaluate("() => document.activeElement && document.activeElement.id")
    app.expect(focused == typed.lstrip("#"), f"the field to correct has the focus, not {focused!r}")


def redeem_and_verify(sw: SigningWorld, page, asked: Asked, method: str) -> dict:
    rp = sw.rp()
    doc = rp.redeem(handle_in(page, asked))
    assert doc["status"] == "signed" and doc["request_id"] == asked.request_id, doc
    return rp.verify(doc["receipt"], asked, methods=[method]).claims


# --------------------------------------------------------------------------------------------
# Push: "Mobile App PIN Code"
# --------------------------------------------------------------------------------------------


def test_the_app_signs_a_push_with_the_retyped_value(sw, tabs, phones):
    pwa = sw.pwa
    user, _owner, app, device = enrolled_phone(tabs, phones, pwa, "pwa-sign-push")
    asked, desktop = start_signing(tabs, sw, user, "pwa-sign-push", "mobile_app")
    page = desktop.page
    number = approval_number(page)
    challenge = approval_id(page)
    expect(shown(page, "#sign-summary"), page, "the push page shows the transaction")

    # Every answer the app sends for this request, to show what it refuses by itself.
    answers: list[str] = []
    app.page.on(
        "request",
        lambda r: (
            answers.append(r.post_data or "")
            if r.method == "POST" and r.url.endswith(f"/device/v1/challenges/{challenge}")
            else None
        ),
    )

    app.home()
    app.wait_for_request(challenge)
    row = app.page.locator(f'#requests li.request[data-challenge="{challenge}"]')
    app.expect(sw.signer.name in row.locator(".request-service").inner_text(), "the request names the service")
    app.open_request(challenge)
    app.expect(app.text("#req-service") == sw.signer.name, f"#req-service should be {sw.signer.name!r}")
    app.expect(app.visible("#req-number"), "a push asks for the page's number")
    expect_transaction_shown(app, "req")

    def approve(typed: str) -> None:
        app.page.fill("#req-typed-0", typed)
        app.page.fill("#req-number", number)
        app.page.fill("#req-pin", PIN)
        app.page.locator("#btn-approve").click()

    # Nothing typed, then a value of the wrong form: the app refuses, nothing is sent.
    approve("")
    expect_refused_here(app, "#req-error", "err-typed_empty", "#req-typed-0", "request")
    approve(WRONG_FORM)
    expect_refused_here(app, "#req-error", "err-typed_form", "#req-typed-0", "request")
    app.expect(answers == [], f"the app sent an answer for a refused value: {answers}")
    status = sw.rp().status_raw(asked.request_id).json()
    assert status["status"] == "pending", status

    # The right form but not the transaction's value: the server refuses the display hash, the
    # request stays open, the app says to check the values.
    approve(MISTYPED)
    app.wait_text("#req-error", app.t("err-display_hash"))
    app.expect(app.screen() == "request", "the request stays on screen after display_hash")
    app.expect(len(answers) == 1, f"one answer sent for the mistyped value: {answers}")
    expect(not landed(page, asked), page, "a mistyped value signs nothing")
    status = sw.rp().status_raw(asked.request_id).json()
    assert status["status"] == "pending" and "receipt" not in status, status

    # The right value: approved; the desktop goes on by itself to the return URL.
    approve(RIGHT)
    result = app.wait_result()
    app.expect(result == "approved", f"the right value, number and PIN approve, not {result!r}")
    wait_for_one_of(page, "the signing page going on by itself", {"back": lambda: landed(page, asked)}, BY_ITSELF_MS)
    claims = redeem_and_verify(sw, page, asked, "PASSWORD_MOBILE_APP")
    ev = claims["evidence"]
    shown_values = [f.get("value") for f in ev["display"]["tx"]["fields"]]
    assert shown_values == ["100 EUA", RIGHT], f"the display the app approved: {ev['display']}"
    assert ev["display"]["service"] == sw.signer.name, ev["display"]
    # The key that signed the answer is the phone's: its RFC 7638 thumbprint is the device id
    # the app was enrolled with.
    assert sgs.jwk_thumbprint(ev["device_key"]) == device, f"the evidence's key is not the phone's {device}"
    assert claims["device"]["kind"] == "mobile" and claims["device"]["name"] == "pwa-sign-push phone", claims
    # The app's answer is the evidence's request, byte for byte.
    assert answers[-1] == ev["request"], (
        f"the evidence's request is not what the app sent:\n{answers[-1]}\n{ev['request']}"
    )


# --------------------------------------------------------------------------------------------
# Offline: "Mobile App QR Code"
# --------------------------------------------------------------------------------------------


def read_signing_code_link(app: AuthenticatorApp, link: str, sw: SigningWorld) -> None:
    app.read_code_link(link)
    app.page.wait_for_selector("#code-service", state="visible")
    app.expect(app.text("#code-service") == sw.signer.name, f"#code-service should be {sw.signer.name!r}")
    expect_transaction_shown(app, "code")


def signing_code(app: AuthenticatorApp, typed: str) -> str:
    app.page.fill("#code-typed-0", typed)
    return app.make_code(PIN)


def test_the_app_makes_the_offline_code_with_the_retyped_value(sw, tabs, phones):
    pwa = sw.pwa
    user, _owner, app, _device = enrolled_phone(tabs, phones, pwa, "pwa-sign-code")
    asked, desktop = start_signing(tabs, sw, user, "pwa-sign-code", "software_token")
    page = desktop.page
    link = scan_text(page)
    payload = jws_payload(link.removeprefix("limen://challenge?c="))
    assert payload["display"]["tx"]["fields"][1] == {
        "label": RETYPED_LABEL,
        "retype": True,
        "pattern": FIELDS[1]["pattern"],
    }, payload["display"]

    app.home()
    read_signing_code_link(app, link, sw)
    # A value of the wrong form: no code.
    app.page.fill("#code-typed-0", WRONG_FORM)
    app.page.fill("#code-pin", PIN)
    app.page.locator("#btn-code-make").click()
    expect_refused_here(app, "#code-error", "err-typed_form", "#code-typed-0", "code")
    app.expect(not app.visible("#code-value"), "no code for a refused value")

    # A mistyped value makes a code (the app cannot know), which the server refuses.
    wrong = signing_code(app, MISTYPED)
    type_code(page, wrong)
    page.wait_for_selector("#code-error")
    expect(not landed(page, asked), page, "a code made with a mistyped value signs nothing")
    again = scan_text(page)

    # The new QR code, the right value: signed.
    app.page.locator("#btn-code-done").click()
    app.wait_screen("home")
    read_signing_code_link(app, again, sw)
    code = signing_code(app, RIGHT)
    assert code != wrong
    type_code(page, code)
    page.wait_for_url(lambda url: landed(page, asked))
    claims = redeem_and_verify(sw, page, asked, "PASSWORD_SOFTWARE_TOKEN")
    assert "evidence" not in claims, claims


# --------------------------------------------------------------------------------------------
# axe-core
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["en-GB", "fr-FR"])
def test_the_signing_screens_pass_axe(sw, tabs, phones, locale):
    pwa = sw.pwa
    if pwa.server.label != "sqlite":
        pytest.skip("what this checks is in the browser: run on the SQLite server only")
    tag = f"pwa-sign-axe-{locale.lower()}"
    # axe-core is injected into the page: the phone's context bypasses the app's CSP.
    user, _owner, app, _device = enrolled_phone(tabs, phones, pwa, tag, locale=locale, bypass_csp=True)
    report = {}

    _asked, desktop = start_signing(tabs, sw, user, tag, "mobile_app")
    challenge = approval_id(desktop.page)
    app.home()
    app.wait_for_request(challenge)
    app.open_request(challenge)
    expect_transaction_shown(app, "req")
    report["request with a transaction"] = axe_violations(app.page)
    app.page.fill("#req-typed-0", WRONG_FORM)
    app.page.fill("#req-number", approval_number(desktop.page))
    app.page.fill("#req-pin", PIN)
    app.page.locator("#btn-approve").click()
    expect_refused_here(app, "#req-error", "err-typed_form", "#req-typed-0", "request")
    report["request, value refused"] = axe_violations(app.page)
    app.page.locator("#btn-deny").click()
    app.expect(app.wait_result() == "denied", "the request is denied")

    _asked, desktop = start_signing(tabs, sw, user, f"{tag}-code", "software_token")
    app.page.locator("#btn-result-ok").click()
    app.wait_screen("home")
    read_signing_code_link(app, scan_text(desktop.page), sw)
    report["offline code with a transaction"] = axe_violations(app.page)
    app.page.fill("#code-pin", PIN)
    app.page.locator("#btn-code-make").click()
    expect_refused_here(app, "#code-error", "err-typed_empty", "#code-typed-0", "code")
    report["offline code, nothing typed"] = axe_violations(app.page)

    bad = [f"{name}:\n{format_violations(failing(v))}" for name, v in report.items() if failing(v)]
    assert not bad, "serious or critical axe-core violations:\n" + "\n".join(bad)
