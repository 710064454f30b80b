"""Transaction signing (issue 18) in a real browser: headless Chromium (Debian's package) driven by
Playwright. What needs a browser: WebAuthn, its assertion made by Chromium's DevTools virtual
authenticator (CDP domain `WebAuthn`) over the transaction's hash as the challenge — the
relying party (signing_support) verifies the receipt's WebAuthn evidence with `cryptography`
(W3C WebAuthn Level 2 §7.2); the signing page and a challenge page with the keyboard alone; and
axe-core (tests/interop/node_modules, `npm ci`) on the signing page and on a challenge page, with
no serious or critical violation.

Limen is reached as http://localhost:PORT (WebAuthn needs a domain as RP ID). The relying party's
return URL is on a small HTTP server of this module (limen_interop.Recorder) that answers "ok", so
the browser lands there with `result=` in its URL.
"""

from __future__ import annotations

import base64
import itertools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

import signing_support as sgs
import test_webauthn_browser as wb
import tokens_support as ts
from authenticator_pwa import axe_violations, failing, format_violations
from limen_interop import PASSWORD, LimenServer, Recorder, User, running_limen
from signing_support import Asked, Caller, ReceiptInvalid, RelyingParty
from test_webauthn_browser import expect, shown, wait_for_one_of

chromium = wb.chromium
tabs = wb.tabs

TITLE = "Transfer of allowances"
FIELDS = [
    {"label": "Amount", "value": "100 EUA"},
    {"label": "To account", "value": "EU-100-5", "retype": True, "pattern": "^EU-[0-9]+-[0-9]+$"},
]
OCRA_SUITE = "OCRA-1:HOTP-SHA1-6:QN08"


@pytest.fixture(scope="module")
def site():
    """The relying party's own web server: its return URL answers "ok" and records the request."""
    with Recorder() as recorder:
        yield recorder


@dataclass
class BrowserWorld:
    server: LimenServer
    workdir: Path
    site: Recorder
    signer: Caller
    _n: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def base(self) -> str:
        return self.server.base_url

    def rp(self) -> RelyingParty:
        return RelyingParty(self.server, self.signer)

    def webauthn_world(self) -> wb.WebAuthnWorld:
        return wb.WebAuthnWorld(server=self.server, site=self.site)

    def token_user(self, tag: str) -> tuple[User, str, ts.Token]:
        """An internal user with an OCRA token; the user's uid."""
        user = User(
            email=f"{tag}.{next(self._n)}.{self.server.label}@example.org",
            first_name="Ana",
            last_name="Lima",
            password=PASSWORD,
        )
        ts.add_internal_user(self.server, user)
        token = ts.ocra_token(ts.serial_for("BSIGN", self.server.label[:2]), suite=OCRA_SUITE)
        ts.import_and_assign(self.server, [token], user, self.workdir)
        return user, uid_of(self.server, user.email), token


def uid_of(server: LimenServer, email: str) -> str:
    out = server.cli("user", "show", "--database", server.database_url, email).stdout
    m = re.search(r"^uid:\s+(\S+)$", out, re.MULTILINE)
    assert m, out
    return m.group(1)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def bw(request, tmp_path_factory, site):
    backend = request.param
    if backend == "postgres" and not os.environ.get("LIMEN_TEST_PG"):
        pytest.skip("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
    workdir = tmp_path_factory.mktemp(f"signing-browser-{backend}")
    with running_limen(backend, workdir, public_host="localhost", extra_args=["--dev"]) as server:
        prefix = site.url(f"/registry-{backend}/")
        yield BrowserWorld(
            server=server,
            workdir=workdir,
            site=site,
            signer=sgs.add_cas_signer(server, f"Union Registry {backend}", prefix),
        )


def landed(page, asked: Asked) -> bool:
    return page.url.startswith(asked.return_url.split("?")[0] + "?") and "result=" in page.url


def handle_in(page, asked: Asked) -> str:
    expect(landed(page, asked), page, f"the browser should be back at {asked.return_url} with result=")
    handles = parse_qs(urlsplit(page.url).query).get("result", [])
    expect(len(handles) == 1 and bool(handles[0]), page, "one result= in the return URL")
    return handles[0]


def fill_signing_form(page, method: str, password: str) -> None:
    page.wait_for_selector("#sign-form")
    page.fill("#password", password)
    page.select_option("#method", method)
    page.click("#sign-submit")


# --------------------------------------------------------------------------------------------
# WebAuthn: the assertion over the transaction's hash
# --------------------------------------------------------------------------------------------


def test_a_security_key_signs_and_the_evidence_verifies(bw, tabs):
    wa = bw.webauthn_world()
    key = wb.security_key("Signing key")
    user, owner = wb.new_account_with(tabs, wa, "sign-key", key)
    owner.unplug()
    rp = bw.rp()
    asked = rp.create(uid_of(bw.server, user.email), TITLE, FIELDS, return_url=bw.signer.return_base + "done?x=1")

    # A browser without a session (the user signs from the service's link), the key plugged.
    signer = tabs("sign-key-signer")
    signer.plug(key)
    page = signer.page
    page.goto(asked.url)
    expect(shown(page, "#sign-title"), page, "the signing page")
    expect(page.locator("#sign-title").inner_text().strip() == TITLE, page, "the title")
    rows = page.locator("table#sign-fields tr.sign-field")
    expect(rows.count() == 2, page, "one row per field")
    expect(page.locator("table#sign-fields tr.sign-field.retype").count() == 1, page, "the retype row is marked")
    methods = page.locator("#method option").evaluate_all("os => os.map(o => o.value).filter(v => v)")
    expect(methods == ["webauthn"], page, f"the user's only signing method: {methods}")
    fill_signing_form(page, "webauthn", user.password)
    outcome = wait_for_one_of(
        page,
        "the WebAuthn signature",
        {"back": lambda: landed(page, asked), "error": lambda: wb.webauthn_error(page) is not None},
    )
    expect(outcome == "back", page, "the key's assertion should sign")
    handle = handle_in(page, asked)

    doc = rp.redeem(handle)
    assert doc["status"] == "signed", doc
    receipt = rp.verify(doc["receipt"], asked, methods=["PASSWORD_WEBAUTHN"], rp_id="localhost", origin=bw.base)
    ev = receipt.claims["evidence"]
    assert ev["type"] == "webauthn" and ev["public_key"].get("kty") == "EC", ev
    # The credential is the key's own (Chromium's record of it).
    signer.sync()
    ids = {sgs.b64url(base64.b64decode(c["credentialId"])) for c in key.credentials}
    assert ev["credential_id"] in ids, f"{ev['credential_id']} not among the key's credentials {ids}"

    # The relying party's check of the evidence bites: one byte of the signed data, the
    # signature, or the challenge changed → refused.
    txn_hash = receipt.claims["txn_hash"]
    for member in ("authenticator_data", "signature"):
        raw = bytearray(sgs.b64url_decode(ev[member]))
        raw[-1] ^= 0x01
        with pytest.raises(ReceiptInvalid):
            sgs.verify_webauthn_evidence({**ev, member: sgs.b64url(bytes(raw))}, txn_hash)
    with pytest.raises(ReceiptInvalid, match="challenge"):
        sgs.verify_webauthn_evidence(ev, sgs.b64url(os.urandom(32)))
    with pytest.raises(ReceiptInvalid, match="rpIdHash"):
        sgs.verify_webauthn_evidence(ev, txn_hash, rp_id="evil.example")


def test_a_forged_assertion_does_not_sign(bw, tabs):
    wa = bw.webauthn_world()
    key = wb.security_key("Bogus key")
    user, owner = wb.new_account_with(tabs, wa, "sign-bogus", key)
    owner.unplug()
    rp = bw.rp()
    asked = rp.create(uid_of(bw.server, user.email), TITLE, FIELDS)
    signer = tabs("sign-bogus-signer")
    signer.plug(key)
    signer.override(isBogusSignature=True)
    page = signer.page
    page.goto(asked.url)
    fill_signing_form(page, "webauthn", user.password)
    outcome = wait_for_one_of(
        page,
        "a forged assertion",
        {"back": lambda: landed(page, asked), "error": lambda: wb.webauthn_error(page) is not None},
    )
    expect(outcome == "error", page, "a bogus signature must not sign")
    status = rp.status_raw(asked.request_id).json()
    assert status["status"] == "pending" and "receipt" not in status, status


# --------------------------------------------------------------------------------------------
# The keyboard alone
# --------------------------------------------------------------------------------------------


def active_id(page) -> str:
    return page.evaluate("() => document.activeElement ? document.activeElement.id : ''")


def tab_to(page, element_id: str, limit: int = 40) -> None:
    """Presses Tab until `#element_id` has the focus (a bound, not a wait)."""
    for _ in range(limit):
        if active_id(page) == element_id:
            return
        page.keyboard.press("Tab")
    expect(active_id(page) == element_id, page, f"#{element_id} is not reachable with Tab")


def test_signing_with_the_keyboard_alone(bw, tabs):
    user, uid, token = bw.token_user("keyboard")
    rp = bw.rp()
    asked = rp.create(uid, TITLE, FIELDS)
    tab = tabs("keyboard")
    page = tab.page
    page.goto(asked.url)
    page.wait_for_selector("#sign-form")
    tab_to(page, "password")
    page.keyboard.type(user.password)
    tab_to(page, "method")
    expect(page.eval_on_selector("#method", "s => s.value") == "token_cram", page, "the token is the method")
    tab_to(page, "sign-submit")
    page.keyboard.press("Enter")
    page.wait_for_selector("#code-form")
    question = page.locator("#code-challenge").inner_text().strip()
    expect(bool(question), page, "the question for the token")
    expect(shown(page, "#sign-summary"), page, "the challenge page shows the transaction")
    # The code field has the focus on arrival (autofocus), or is reachable.
    tab_to(page, "code")
    page.keyboard.type(token.respond(question))
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: landed(page, asked))
    doc = rp.redeem(handle_in(page, asked))
    rp.verify(doc["receipt"], asked, methods=["PASSWORD_TOKEN_CRAM"])

    # "Cancel" with the keyboard too.
    other = rp.create(uid, "Cancelled with the keyboard", FIELDS)
    page.goto(other.url)
    page.wait_for_selector("#sign-form")
    tab_to(page, "sign-cancel")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: landed(page, other))
    assert rp.redeem(handle_in(page, other)) == {"request_id": other.request_id, "status": "cancelled"}


# --------------------------------------------------------------------------------------------
# axe-core
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["en-GB", "fr-FR"])
def test_the_signing_pages_pass_axe(bw, chromium, locale):
    user, uid, token = bw.token_user(f"axe-{locale.lower()}")
    rp = bw.rp()
    asked = rp.create(uid, TITLE, FIELDS)
    # axe-core is injected into the page: the context bypasses the pages' CSP.
    context = chromium.new_context(locale=locale, bypass_csp=True)
    try:
        page = context.new_page()
        page.set_default_timeout(wb.TIMEOUT_MS)
        # axe itself, on a page with a known violation: the harness reports what it finds.
        page.set_content('<html lang="en"><head><title>p</title></head><body><main><img src="x"></main></body></html>')
        assert {v["id"] for v in failing(axe_violations(page))} >= {"image-alt"}

        report = {}
        page.goto(asked.url)
        page.wait_for_selector("#sign-form")
        report["signing page"] = axe_violations(page)
        page.fill("#password", "not the password")
        page.select_option("#method", "token_cram")
        page.click("#sign-submit")
        page.wait_for_selector("#sign-form")
        report["signing page (wrong password)"] = axe_violations(page)
        page.fill("#password", user.password)
        page.select_option("#method", "token_cram")
        page.click("#sign-submit")
        page.wait_for_selector("#code-form")
        report["token challenge"] = axe_violations(page)
        right = token.respond(page.locator("#code-challenge").inner_text().strip())
        page.fill("#code", "000000" if right != "000000" else "111111")
        page.click("#code-form button[type=submit]")
        page.wait_for_selector("#code-error")
        report["token challenge (wrong code)"] = axe_violations(page)
        bad = [f"{name}:\n{format_violations(failing(v))}" for name, v in report.items() if failing(v)]
        assert not bad, "serious or critical axe-core violations:\n" + "\n".join(bad)
    finally:
        context.close()
