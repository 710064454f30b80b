"""The authenticator web app (issue 15, `/authenticator/`) as a test sees it: a phone-emulated
browser context, the app's screens through the DOM contract of the app (the `data-screen` of
`<html>`, the `#screen-<name>` sections, the ids of their fields and buttons), axe-core run on a
page, and the Y4M frames that Chromium's fake camera plays.

Used by tests/interop/test_authenticator_pwa.py and scripts/bench-authenticator. Nothing here
measures time: every wait is a generous bound on what a user would see.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from limen_interop import REPO_ROOT

APP_PATH = "/authenticator/"
# How long the app may take to become interactive, or a screen to come after a click that
# computes the PIN's Argon2id (m = 19 MiB, t = 2 in WebAssembly) or waits for the server.
APP_TIMEOUT_MS = 30_000
AXE_JS = REPO_ROOT / "tests/interop/node_modules/axe-core/axe.min.js"
# The screens of the DOM contract (`<section id="screen-<name>">`).
SCREENS = ("home", "enrol", "scan", "request", "result", "code", "settings")
RESULTS = ("approved", "denied", "wrong_number", "wrong_pin", "locked", "expired", "gone")
# axe-core's impact levels that fail a test (the others are printed, not failed on).
AXE_FAILING = ("serious", "critical")


def phone_options(playwright, locale: str = "en-GB", **extra) -> dict:
    """The options of a browser context that looks like a phone: Playwright's "Pixel 7"
    descriptor (viewport, device scale, `is_mobile`, `has_touch`, a mobile Chrome User-Agent on
    Android), in `locale` (also its Accept-Language)."""
    device = dict(playwright.devices["Pixel 7"])
    device.pop("default_browser_type", None)
    assert "Android" in device["user_agent"] and device["is_mobile"] and device["has_touch"], device
    return {**device, "locale": locale, **extra}


# --------------------------------------------------------------------------------------------
# The app's screens
# --------------------------------------------------------------------------------------------


@dataclass
class Account:
    """One `li.account` of the home screen."""

    device: str
    state: str
    label: str
    email: str
    server: str


class AuthenticatorApp:
    """The app in one page of a phone context (its IndexedDB is the context's)."""

    def __init__(self, page, base: str):
        self.page = page
        self.base = base
        page.set_default_timeout(APP_TIMEOUT_MS)
        page.set_default_navigation_timeout(APP_TIMEOUT_MS)
        # The app's own confirmation dialogs are buttons (#btn-confirm-yes); a native one would
        # hang the test, so it is refused and the test sees its effect missing.
        page.on("dialog", lambda dialog: dialog.dismiss())

    # Looking ---------------------------------------------------------------------------------
    def describe(self) -> str:
        """Where the app is and what it shows, for assertion messages."""
        try:
            html = self.page.locator("html")
            screen = html.get_attribute("data-screen")
            body = self.page.locator("body").inner_text()
        except Exception as exc:  # noqa: BLE001 - during a navigation
            return f"at {self.page.url} (content unavailable: {exc})"
        return f"at {self.page.url}, screen {screen!r}, showing:\n{body[:3000]}"

    def expect(self, condition: bool, message: str) -> None:
        if not condition:
            raise AssertionError(f"{message}, {self.describe()}")

    def screen(self) -> str | None:
        return self.page.locator("html").get_attribute("data-screen")

    def visible(self, selector: str) -> bool:
        loc = self.page.locator(selector)
        return loc.count() > 0 and loc.first.is_visible()

    def text(self, selector: str) -> str:
        return self.page.locator(selector).first.inner_text().strip()

    def status(self) -> str:
        return self.text("#status")

    def t(self, key: str, **values: str) -> str:
        """The app's own text for `key` in the language it shows (its i18n.js, the module the
        app itself imported): what a message should read, whatever the language."""
        return self.page.evaluate(
            "async ([key, values]) => (await import('/authenticator/i18n.js')).t(key, values)", [key, values]
        )

    def wait_text(self, selector: str, expected: str) -> None:
        """Waits until `selector` reads `expected` (and is visible)."""
        try:
            self.page.wait_for_function(
                "([sel, text]) => { const el = document.querySelector(sel);"
                " return !!el && el.textContent.trim() === text && el.getClientRects().length > 0; }",
                arg=[selector, expected],
            )
        except Exception as exc:
            shown = self.page.locator(selector).first.text_content() if self.page.locator(selector).count() else None
            raise AssertionError(
                f"{selector} should read {expected!r}, reads {shown!r}: {exc}, {self.describe()}"
            ) from exc

    def error(self) -> str:
        """The global alert (`#error`), empty when it shows nothing."""
        return self.text("#error") if self.visible("#error") else ""

    # Moving ----------------------------------------------------------------------------------
    def open(self, fragment: str = "") -> None:
        """Loads the app (`/authenticator/` and `fragment`) and waits until it is interactive."""
        self.page.goto(self.base + APP_PATH + fragment)
        self.wait_ready()

    def wait_ready(self) -> None:
        self.page.wait_for_selector('html[data-ready="1"]', state="attached")
        self.expect(self.screen() in SCREENS, f"the app should name its screen, not {self.screen()!r}")

    def wait_screen(self, name: str, timeout_ms: int = APP_TIMEOUT_MS) -> None:
        """Waits for `<html data-screen="name">`; then only `#screen-name` may be visible."""
        try:
            self.page.wait_for_selector(f'html[data-screen="{name}"]', state="attached", timeout=timeout_ms)
        except Exception as exc:
            raise AssertionError(f"the app should show the screen {name!r}: {exc}, {self.describe()}") from exc
        self.expect_only_screen(name)

    def expect_only_screen(self, name: str) -> None:
        self.page.wait_for_selector(f"#screen-{name}", state="visible")
        shown = self.page.locator("section[id^=screen-]").evaluate_all(
            "els => els.filter(e => e.offsetParent !== null || e.getClientRects().length > 0).map(e => e.id)"
        )
        self.expect(shown == [f"screen-{name}"], f"only #screen-{name} should be visible, not {shown}")

    def track_screens(self) -> None:
        """Records, from now on, every screen the app shows (`screens_seen`): a screen that is
        left at once (the camera's, when the first frame decodes) is still seen."""
        self.page.evaluate(
            """() => {
                window.__screensSeen = [document.documentElement.getAttribute("data-screen")];
                new MutationObserver(() => window.__screensSeen.push(
                    document.documentElement.getAttribute("data-screen"))
                ).observe(document.documentElement, { attributes: true, attributeFilter: ["data-screen"] });
            }"""
        )

    def screens_seen(self) -> list[str]:
        """The screens shown since track_screens(), a screen set again in a row counted once."""
        seen: list[str] = []
        for screen in self.page.evaluate("() => window.__screensSeen || []"):
            if not seen or seen[-1] != screen:
                seen.append(screen)
        return seen

    def home(self) -> None:
        """`#btn-home` (in the header of every screen but home)."""
        if self.screen() != "home":
            self.page.locator("#btn-home").click()
        self.wait_screen("home")

    # Home ------------------------------------------------------------------------------------
    def accounts(self) -> list[Account]:
        rows = self.page.locator("#accounts li.account")
        found = []
        for i in range(rows.count()):
            row = rows.nth(i)
            found.append(
                Account(
                    device=row.get_attribute("data-device") or "",
                    state=row.get_attribute("data-state") or "",
                    label=row.locator(".account-label").inner_text().strip(),
                    email=row.locator(".account-email").inner_text().strip(),
                    server=row.locator(".account-server").inner_text().strip(),
                )
            )
        return found

    def requests(self) -> list[str]:
        """The challenge ids of the home screen's `#requests` list."""
        return self.page.locator("#requests li.request").evaluate_all(
            "els => els.map(e => e.getAttribute('data-challenge'))"
        )

    def check_now(self) -> None:
        self.page.locator("#btn-check").click()

    def wait_for_request(self, challenge: str) -> None:
        """The user presses "Check now"; the request `challenge` must appear in the list (through
        that check or through the live connection)."""
        self.check_now()
        self.page.wait_for_selector(f'#requests li.request[data-challenge="{challenge}"]', state="visible")

    def open_request(self, challenge: str) -> None:
        self.page.locator(f'#requests li.request[data-challenge="{challenge}"] .btn-open').click()
        self.wait_screen("request")

    # Enrolment -------------------------------------------------------------------------------
    def fill_enrolment(self, link: str, pin: str, again: str | None = None) -> None:
        """From home: "Add", the link pasted, the PIN twice, "Enrol"."""
        if self.screen() != "enrol":
            self.page.locator("#btn-add").click()
            self.wait_screen("enrol")
        self.page.fill("#enrol-link", link)
        self.page.fill("#enrol-pin", pin)
        self.page.fill("#enrol-pin2", pin if again is None else again)
        self.page.locator("#btn-enrol").click()

    def enrol_error(self, key: str) -> None:
        """The enrolment's error: the app's text for `key`, waited for; the screen stays `enrol`."""
        self.wait_text("#enrol-error", self.t(key))
        self.expect(self.screen() == "enrol", "an enrolment error keeps the enrol screen")

    def enrol(self, link: str, pin: str) -> None:
        """A successful enrolment: back home."""
        self.fill_enrolment(link, pin)
        self.wait_screen("home")

    # Requests --------------------------------------------------------------------------------
    def answer(self, number: str | None, pin: str) -> str:
        """On the request screen: the number (None for On Mobile, whose field is hidden), the
        PIN, "Approve"; the result (`#result[data-result]`)."""
        if number is not None:
            self.page.fill("#req-number", number)
        else:
            self.expect(not self.visible("#req-number"), "On Mobile asks for no number")
        self.page.fill("#req-pin", pin)
        self.page.locator("#btn-approve").click()
        return self.wait_result()

    def deny(self, not_me: bool = False) -> str:
        self.page.locator("#btn-deny-notme" if not_me else "#btn-deny").click()
        return self.wait_result()

    def wait_result(self) -> str:
        self.wait_screen("result")
        result = self.page.locator("#result").get_attribute("data-result") or ""
        self.expect(result in RESULTS, f"#result's data-result should be one of {RESULTS}, not {result!r}")
        return result

    # Offline codes ---------------------------------------------------------------------------
    def read_code_link(self, link: str) -> None:
        """From home: "Code", the challenge link pasted, "Read"."""
        if self.screen() != "code":
            self.page.locator("#btn-code").click()
            self.wait_screen("code")
        self.page.fill("#code-link", link)
        self.page.locator("#btn-code-read").click()

    def make_code(self, pin: str) -> str:
        """Once the challenge is read: the PIN, "Make the code"; the 8 digits shown."""
        self.page.wait_for_selector("#code-pin", state="visible")
        self.page.fill("#code-pin", pin)
        self.page.locator("#btn-code-make").click()
        self.page.wait_for_function("() => /^[0-9]{8}$/.test(document.querySelector('#code-value').dataset.code || '')")
        self.expect(self.visible("#code-value"), "the code is shown")
        code = self.page.locator("#code-value").get_attribute("data-code") or ""
        self.expect(re.fullmatch(r"\d{8}", code) is not None, f"the code should be 8 digits, not {code!r}")
        shown = re.sub(r"\D", "", self.text("#code-value"))
        self.expect(shown == code, f"#code-value should show its data-code {code}, shows {shown!r}")
        return code

    def code_error(self, *keys: str) -> None:
        """The code screen's error: the app's text for one of `keys`, waited for."""
        expected = [self.t(key) for key in keys]
        try:
            self.page.wait_for_function(
                "texts => texts.includes(document.querySelector('#code-error').textContent.trim())", arg=expected
            )
        except Exception as exc:
            raise AssertionError(f"#code-error should read one of {expected}: {exc}, {self.describe()}") from exc
        self.expect(self.visible("#code-error"), "the code's error is shown")

    # Settings --------------------------------------------------------------------------------
    def open_settings(self, device: str) -> None:
        self.page.locator(f'#accounts li.account[data-device="{device}"] .btn-settings').click()
        self.wait_screen("settings")

    def change_pin(self, old: str, new: str, again: str | None = None) -> None:
        self.page.fill("#pin-old", old)
        self.page.fill("#pin-new", new)
        self.page.fill("#pin-new2", new if again is None else again)
        self.page.locator("#btn-change-pin").click()


# --------------------------------------------------------------------------------------------
# axe-core
# --------------------------------------------------------------------------------------------


def axe_violations(page) -> list[dict]:
    """Runs axe-core (tests/interop/node_modules, `npm ci`) on the page as it is now: every
    violation, with its impact and the elements concerned. The page's context must bypass the
    CSP (`bypass_csp=True`): the app's Content-Security-Policy forbids injected scripts."""
    if not AXE_JS.is_file():
        raise AssertionError(f"{AXE_JS} is missing: run `npm ci` in tests/interop (scripts/test does)")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate(
        """async () => {
            const results = await axe.run(document, { resultTypes: ["violations"] });
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({ target: n.target.join(" "), summary: n.failureSummary })),
            }));
        }"""
    )


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']}")
        for node in v["nodes"]:
            lines.append(f"    {node['target']}: {(node['summary'] or '').replace(chr(10), ' ')}")
    return "\n".join(lines) or "(none)"


def failing(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in AXE_FAILING]


# --------------------------------------------------------------------------------------------
# The fake camera: Y4M (YUV4MPEG2) frames of a QR code
# --------------------------------------------------------------------------------------------


def write_qr_y4m(png: bytes, path: Path, width: int = 1280, height: int = 720, frames: int = 2) -> None:
    """Writes `frames` identical 4:2:0 frames of a YUV4MPEG2 stream (the format Chromium's
    `--use-file-for-fake-video-capture` plays in a loop): the screenshot `png` in grey, scaled
    without smoothing to 90 % of the frame's height, centred on white (the QR code's quiet
    zone). Only the luma plane carries the picture; both chroma planes are neutral (128)."""
    from PIL import Image

    assert width % 2 == 0 and height % 2 == 0, "4:2:0 needs even dimensions"
    picture = Image.open(io.BytesIO(png)).convert("L")
    side = int(min(width, height) * 0.9)
    scale = side / max(picture.size)
    picture = picture.resize(
        (max(1, round(picture.width * scale)), max(1, round(picture.height * scale))), Image.Resampling.NEAREST
    )
    frame = Image.new("L", (width, height), 255)
    frame.paste(picture, ((width - picture.width) // 2, (height - picture.height) // 2))
    luma = frame.tobytes()
    chroma = bytes([128]) * ((width // 2) * (height // 2))
    header = f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode("ascii")
    with open(path, "wb") as out:
        out.write(header)
        for _ in range(frames):
            out.write(b"FRAME\n")
            out.write(luma)
            out.write(chroma)
            out.write(chroma)


def read_y4m_header(path: Path) -> dict[str, str]:
    """The header fields of a Y4M file (W, H, F, C, ...), to check what was written."""
    with open(path, "rb") as f:
        line = f.readline().decode("ascii").split()
    assert line[0] == "YUV4MPEG2", line
    return {token[0]: token[1:] for token in line[1:]}


def dump(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)
