"""SMS (issue 17) in a real browser: headless Chromium (Debian's package) driven by Playwright,
with the development SMS gateway (`[sms] gateway = "dev"`, `serve --dev`), whose messages the
tests read on `/dev/outbox` (table `#sms-outbox`) as the README tells a developer to.

What a user does: add a mobile number from My account with the code from the outbox (the
README's flow); sign in with the password and an SMS code to a service accepting only
PASSWORD_SMS, a wrong code first, shown as an error; choose between two numbers on the choice
page, where only the last digits show; remove a number (a step-up with an SMS first). axe-core
(tests/interop/node_modules) runs on every one of these pages: no serious or critical violation.

The gateways, the fraud rules and both backends are in test_sms.py; this file runs on SQLite only.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

import sms_support as ss
import test_sms as tsms
import test_tokens_browser as tb
import test_webauthn_browser as wb
import tokens_support as ts
from limen_interop import running_limen
from test_tokens_browser import Audit
from test_webauthn_browser import expect, landed_on, shown, wait_for_one_of

chromium = wb.chromium
service_site = wb.service_site
pages = tb.pages


@pytest.fixture(scope="module")
def bw(tmp_path_factory, service_site):
    workdir = tmp_path_factory.mktemp("sms-browser")
    (workdir / "limen.toml").write_text(ss.sms_config("dev"))
    with running_limen("sqlite", workdir, extra_args=["--dev"]) as server:
        server.add_service(
            tsms.SMS_APP_NAME,
            [service_site.url("/sms-app/") + "*"],
            attributes=tsms.RELEASED,
            accept_strengths=tsms.SMS_STRENGTH,
        )
        world = tsms.SmsWorld(server, workdir, tsms.dev_outbox(server))
        world.site = service_site
        yield world


def sms_app(bw, tag: str) -> str:
    return bw.site.url(f"/sms-app/{tag}")


def outbox_code(bw, number: str, mark, pattern: re.Pattern) -> str:
    """The code of the newest SMS to `number` in /dev/outbox (read through HTTP, as a developer's
    second tab would)."""
    text = bw.wait_sms(number, mark).text
    found = pattern.findall(text)
    assert len(found) == 1, f"one code expected in {text!r}"
    return found[0]


def sign_in_with_password(page, bw, email: str, password: str, start: str) -> None:
    page.goto(start)
    page.fill("#email", email)
    page.locator("form:has(#email) button[type=submit]:not(#passkey-login)").click()
    page.wait_for_selector("input[name=method]")
    page.locator("input[name=method][value=PASSWORD]").check()
    page.fill("#password", password)
    page.locator("form:has(input[name=method]) button[type=submit]").click()


def to_code_page(page, bw, service: str, user) -> None:
    """E-mail, then the SMS method with the password."""
    page.goto(f"{bw.server.base_url}/cas/login?service={quote(service, safe='')}")
    page.fill("#email", user.email)
    page.locator("form:has(#email) button[type=submit]:not(#passkey-login)").click()
    page.wait_for_selector("input[name=method]")
    radio = page.locator(f"input[name=method][value={tsms.SMS_METHOD}]")
    expect(radio.count() == 1, page, f"the method {tsms.SMS_METHOD} should be offered")
    radio.check()
    page.fill("#password", user.password)
    page.locator("form:has(input[name=method]) button[type=submit]").click()


def type_code(page, code: str) -> None:
    page.fill("#code", code)
    page.locator("#code-form button[type=submit]").click()


def expect_masked(page, text: str, number: str) -> None:
    """`text` shows `number` as `+CC • •• •• 56 78`: after the country code, only its last four
    digits. (Comparing the digits shown with the number's last six could match by chance when the
    country code equals the two digits before the last four.)"""
    match = re.search(r"\+(\d{1,3}) ([^.)]*)", text)
    expect(match is not None, page, f"a masked number should be shown: {text!r}")
    country, rest = match.group(1), match.group(2)
    expect(ss.digits(number).startswith(country), page, f"not the country code of {number}: {text!r}")
    shown = re.sub(r"\D", "", rest)
    expect(shown == ss.digits(number)[-4:], page, f"too much (or too little) of {number}: {text!r}")


def assert_masked(page, selector: str, number: str) -> None:
    expect_masked(page, " ".join(page.locator(selector).inner_text().split()), number)


def test_add_a_number_from_my_account_with_the_code_from_the_outbox(bw, pages):
    user = bw.new_user("add")
    number = ss.fresh_mobile()
    page = pages("add")
    audit = Audit()
    base = bw.server.base_url

    sign_in_with_password(page, bw, user.email, user.password, base + "/account")
    page.wait_for_url(base + "/account")
    audit("My account", page)
    page.locator('a[href="/account/phones"]').click()
    page.wait_for_url(base + "/account/phones")
    expect(page.locator("#phones tr.phone").count() == 0, page, "no number yet")
    audit("phone list (empty)", page)
    page.locator("a#phone-add").click()
    page.wait_for_selector("#phone-add-form")
    audit("add a number", page)

    page.fill("#phone-number", "+33 899 12 34 56")
    page.fill("#phone-label", "Premium")
    page.locator("#phone-add-form button[type=submit]").click()
    wait_for_one_of(page, "a premium-rate number", {"refused": lambda: shown(page, "#phone-add-error")})
    audit("add a number (refused)", page)

    mark = bw.mark()
    page.fill("#phone-number", number)
    page.fill("#phone-label", "My mobile")
    page.locator("#phone-add-form button[type=submit]").click()
    page.wait_for_selector("#phone-confirm-form")
    expect(page.locator("#phone-cancel").count() == 1, page, "a cancel link")
    audit("confirm the number", page)
    code = outbox_code(bw, number, mark, ss.CONFIRM_CODE)
    page.fill("#phone-code", "2222-2222" if code != "2222-2222" else "3333-3333")
    page.locator("#phone-confirm-form button[type=submit]").click()
    wait_for_one_of(page, "a wrong confirmation code", {"refused": lambda: shown(page, "#phone-confirm-error")})
    audit("confirm the number (wrong code)", page)
    page.fill("#phone-code", code.lower())
    page.locator("#phone-confirm-form button[type=submit]").click()
    wait_for_one_of(
        page,
        "the number added",
        {"listed": lambda: page.url.split("?")[0] == base + "/account/phones" and shown(page, "#phones tr.phone")},
    )
    expect(shown(page, "#phones-notice"), page, "#phones-notice after adding")
    row = page.locator("#phones tr.phone")
    expect(row.count() == 1, page, "one number listed")
    expect(" ".join(row.locator(".phone-label").inner_text().split()) == "My mobile", page, "the label")
    listed = re.sub(r"\s", "", row.locator(".phone-number").inner_text())
    expect(listed == number, page, f"the full international number: {listed!r}")
    audit("phone list (one number)", page)
    audit.check()


def test_sign_in_with_an_sms_code_after_a_wrong_one(bw, pages):
    user, number = tsms.registered(bw, "sign-in")
    service = sms_app(bw, "sign-in")
    page = pages("sign-in")
    audit = Audit()
    mark = bw.mark()
    to_code_page(page, bw, service, user)
    page.wait_for_selector("#code-form")
    assert_masked(page, "#code-sent", number)
    expect(page.locator("#code-resend-form #code-resend").count() == 1, page, "a resend button")
    audit("SMS code page", page)
    code = outbox_code(bw, number, mark, ss.SIGN_IN_CODE)

    type_code(page, "222-222-222" if code != "222-222-222" else "333-333-333")
    wait_for_one_of(page, "the wrong code", {"error": lambda: shown(page, "#code-error")})
    expect(page.locator("#code-error").get_attribute("role") == "alert", page, "#code-error is an alert")
    audit("SMS code page (wrong code)", page)

    type_code(page, code.replace("-", " ").lower())
    wait_for_one_of(page, "the SMS code", {"arrived": lambda: landed_on(service)(page)})
    ticket = ts.ticket_from_location(page.url, service)
    found = ts.validate(bw.server, service, ticket)
    assert found.get("strength") == tsms.SMS_STRENGTH, found["_xml"]
    audit.check()


def test_two_numbers_give_the_choice_page(bw, pages):
    user, work = tsms.registered(bw, "choice", label="Work")
    home = ss.fresh_mobile()
    browser = bw.browser()
    tsms.sign_in_to_account(browser, user)
    tsms.add_phone(bw, browser, home, "Home", step_up=work)

    service = sms_app(bw, "choice")
    page = pages("choice")
    audit = Audit()
    to_code_page(page, bw, service, user)
    page.wait_for_selector("form.device-choice button[name=device]")
    buttons = page.locator("form.device-choice button[name=device]")
    expect(buttons.count() == 2, page, "one button per number")
    texts = sorted(" ".join(t.split()) for t in buttons.all_inner_texts())
    expect("Home" in texts[0] and "Work" in texts[1], page, f"the labels: {texts}")
    for text, number in zip(texts, (home, work), strict=True):
        expect_masked(page, text, number)
    audit("number choice page", page)

    mark = bw.mark()
    buttons.filter(has_text="Home").click()
    page.wait_for_selector("#code-form")
    assert_masked(page, "#code-sent", home)
    type_code(page, outbox_code(bw, home, mark, ss.SIGN_IN_CODE))
    wait_for_one_of(page, "the code sent to Home", {"arrived": lambda: landed_on(service)(page)})
    audit.check()


def test_remove_a_number_after_a_step_up(bw, pages):
    user, work = tsms.registered(bw, "remove", label="Work")
    old = ss.fresh_mobile()
    browser = bw.browser()
    tsms.sign_in_to_account(browser, user)
    tsms.add_phone(bw, browser, old, "Old phone", step_up=work)

    page = pages("remove")
    audit = Audit()
    base = bw.server.base_url
    sign_in_with_password(page, bw, user.email, user.password, base + "/account/phones")
    page.wait_for_url(base + "/account/phones")
    expect(page.locator("#phones tr.phone").count() == 2, page, "two numbers")
    audit("phone list (two numbers)", page)

    row = page.locator("#phones tr.phone", has_text="Old phone")
    row.locator("form.phone-remove button").click()
    # The account has a second factor: the removal needs a step-up, here with an SMS to Work.
    outcome = wait_for_one_of(
        page,
        "the removal",
        {
            "step-up": lambda: shown(page, "input[name=method]") or shown(page, "#code-form"),
            "removed": lambda: page.url.split("?")[0] == base + "/account/phones" and shown(page, "#phones-notice"),
        },
    )
    expect(outcome == "step-up", page, "removing a number from an account with a second factor needs a step-up")
    if outcome == "step-up":
        mark = bw.mark()
        if shown(page, "input[name=method]"):
            page.locator(f"input[name=method][value={tsms.SMS_METHOD}]").check()
            page.locator("form:has(input[name=method]) button[type=submit]").click()
        if page.locator("form.device-choice button[name=device]").count():
            page.locator("form.device-choice button[name=device]", has_text="Work").click()
        page.wait_for_selector("#code-form")
        audit("step-up SMS code page", page)
        type_code(page, outbox_code(bw, work, mark, ss.SIGN_IN_CODE))
        page.wait_for_url(re.compile(re.escape(base + "/account/phones")))
        if page.locator("#phones tr.phone", has_text="Old phone").count():
            page.locator("#phones tr.phone", has_text="Old phone").locator("form.phone-remove button").click()
            page.wait_for_selector("#phones-notice")
    expect(shown(page, "#phones-notice"), page, "#phones-notice after removing")
    labels = [" ".join(t.split()) for t in page.locator("#phones tr.phone .phone-label").all_inner_texts()]
    expect(labels == ["Work"], page, f"only Work is left: {labels}")
    audit("phone list (after the removal)", page)
    audit.check()
