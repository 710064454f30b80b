"""Accessibility checks a browser test can make of a page as it is shown (issue 22, WCAG 2.1 AA
as EN 301 549 takes it), used by test_a11y_keyboard.py and test_a11y_layout.py:

- Reflow (WCAG 1.4.10, 1.4.4): whether the page scrolls sideways (`scrollWidth` against the
  viewport) and which visible boxes or lines of text pass the viewport's edge, those scrolling
  inside a box of their own (a wide table) listed apart, with whether a keyboard can reach them.
- Text spacing (WCAG 1.4.12): the spacing of the success criterion applied to every element,
  then text clipped by a box that hides its overflow.
- Focus (WCAG 2.4.7, 1.4.11): what the focused element is (role, name) and whether it shows an
  indicator — its outline or box-shadow compared with an unfocused copy of itself, the outline's
  width and its contrast with what lies behind it.
- Contrast: WCAG 2.x relative luminance and contrast ratio of two CSS colours.
- Keyboard-only use (WCAG 2.1.1, 2.1.2): `Keys` drives a page with `page.keyboard` alone — Tab,
  Shift+Tab, Enter, Space, the arrow keys inside a radio group, typing — checks the focus
  indicator of every element it stops on, and reports the focus order when a target is never
  reached (a trap, or a control out of the tab order).
- The server these tests run: `limen serve --dev` on SQLite, reached as http://localhost (WebAuthn
  needs a domain), with the development SMS gateway and an easy proof of work.

Nothing here clicks, fills or focuses: what the tests do with a page goes through the keyboard.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sms_support as ss
from limen_interop import running_limen

log = logging.getLogger(__name__)

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# The proof of work of the registration form at 12 bits (the default, 18, takes seconds of a
# slow machine's time; the page and its script are the same).
POW_DIFFICULTY = 12
# WCAG 1.4.11: a focus indicator is a user-interface component, 3:1 against what it lies on.
FOCUS_CONTRAST = 3.0
FOCUS_MIN_WIDTH_PX = 2.0


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------


@contextlib.contextmanager
def a11y_limen(workdir: Path):
    """`limen serve --dev` on SQLite as http://localhost:PORT, mail to the development outbox,
    SMS to the development gateway (both read on /dev/outbox)."""
    config = ss.sms_config("dev") + ss.toml_table("self_service", {"pow_difficulty": POW_DIFFICULTY})
    (workdir / "limen.toml").write_text(config, encoding="utf-8")
    with running_limen("sqlite", workdir, public_host="localhost", extra_args=["--dev"]) as server:
        yield server


# --------------------------------------------------------------------------------------------
# Colours
# --------------------------------------------------------------------------------------------

_RGB = re.compile(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)")


def parse_color(css: str) -> tuple[float, float, float, float] | None:
    """`rgb(…)`/`rgba(…)` as a computed style gives it, or `#rrggbb`: (r, g, b, alpha)."""
    css = css.strip()
    m = _RGB.fullmatch(css)
    if m:
        alpha = m.group(4)
        a = 1.0 if alpha is None else (float(alpha[:-1]) / 100 if alpha.endswith("%") else float(alpha))
        return float(m.group(1)), float(m.group(2)), float(m.group(3)), a
    m = re.fullmatch(r"#([0-9a-fA-F]{6})", css)
    if m:
        h = m.group(1)
        return float(int(h[0:2], 16)), float(int(h[2:4], 16)), float(int(h[4:6], 16)), 1.0
    return None


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2.x relative luminance of an sRGB colour (0–255 channels)."""

    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2.x contrast ratio of two opaque CSS colours."""
    ca, cb = parse_color(a), parse_color(b)
    assert ca is not None and cb is not None, f"not colours: {a!r}, {b!r}"
    la, lb = luminance(ca[:3]), luminance(cb[:3])
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


# --------------------------------------------------------------------------------------------
# Reflow
# --------------------------------------------------------------------------------------------

# Every visible box and line of text whose right edge passes the viewport (or whose left edge
# passes the left one, for right-to-left text), except those inside a box that clips its
# overflow: such a box is reported instead, as scrolling inside itself when it does.
LAYOUT_JS = r"""
() => {
  const width = window.innerWidth;
  const slack = 0.5;
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (typeof el.className === 'string' && el.className.trim()) s += '.' + el.className.trim().split(/\s+/).join('.');
    const text = (el.innerText || el.getAttribute('aria-label') || el.value || '').trim().replace(/\s+/g, ' ');
    if (text) s += ' "' + text.slice(0, 50) + (text.length > 50 ? '…' : '') + '"';
    return s;
  };
  // Not shown at all; or "clipped": the visually-hidden pattern (a 1 px box that clips what it
  // holds), which still counts when it sticks out — it makes the page scroll all the same.
  const hidden = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility === 'hidden') return 'none';
      if (cs.position === 'absolute' && cs.clip !== 'auto' && parseFloat(cs.width) <= 1) return 'clipped';
    }
    return '';
  };
  // The box that clips `el` sideways: an ancestor whose overflow is not visible — for an
  // absolutely positioned element, only one that is also its containing block (positioned).
  const clipper = (el) => {
    const absolute = getComputedStyle(el).position === 'absolute';
    let contained = !absolute;
    for (let e = el.parentElement; e && e !== document.body && e !== document.documentElement; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (!contained && cs.position !== 'static') contained = true;
      if (cs.overflowX !== 'visible' && (contained || cs.position !== 'static')) return e;
    }
    return null;
  };
  const out = new Map();
  const scrollers = new Map();
  const note = (el, right, left, how) => {
    const c = clipper(el);
    if (c) {
      if (c.scrollWidth > c.clientWidth + 1 && !scrollers.has(c)) {
        const r = c.getBoundingClientRect();
        c.setAttribute('data-a11y-scroller', String(scrollers.size));
        scrollers.set(c, { element: describe(c), index: scrollers.size, right: Math.round(r.right),
          scrollWidth: c.scrollWidth, clientWidth: c.clientWidth,
          labelled: !!(c.getAttribute('aria-label') || c.getAttribute('aria-labelledby') || c.querySelector('caption')) });
      }
      return;
    }
    const what = describe(el) + (how === 'clipped' ? ' (visually hidden, positioned outside its box)' : '');
    if (!out.has(el)) out.set(el, { element: what, right: Math.round(right), left: Math.round(left) });
  };
  // Anything not fully off-screen on purpose (a skip link parked at left:-999px) that sticks out.
  const passes = (r) => r.width > 0 && r.right > 0 && (r.right > width + slack || (r.left < -slack && r.right > slack));
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (!passes(r)) continue;
    const how = hidden(el);
    if (how !== 'none') note(el, r.right, r.left, how);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (!t.textContent.trim() || !t.parentElement || hidden(t.parentElement)) continue;
    range.selectNodeContents(t);
    for (const r of range.getClientRects()) {
      if (passes(r)) { note(t.parentElement, r.right, r.left, ''); break; }
    }
  }
  // Report where the overflow starts, not each of its ancestors.
  const starts = [...out.entries()].filter(([el]) => ![...out.keys()].some((o) => o !== el && el.contains(o)));
  return {
    innerWidth: width,
    scrollWidth: document.documentElement.scrollWidth,
    bodyScrollWidth: document.body.scrollWidth,
    offenders: starts.map(([, v]) => v).slice(0, 15),
    scrollers: [...scrollers.values()],
  };
}
"""

# WCAG 1.4.12's spacing, applied to everything (the W3C's own bookmarklet does the same).
TEXT_SPACING_CSS = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

# Elements whose box hides overflowing text (overflow hidden or clip, text-overflow) while
# text of theirs does not fit: what text spacing must never cause.
CLIPPED_JS = r"""
() => {
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden') continue;
    if (cs.position === 'absolute' && cs.clip !== 'auto') continue;
    const clips = ['hidden', 'clip'];
    const x = clips.includes(cs.overflowX) && el.scrollWidth > el.clientWidth + 1;
    const y = clips.includes(cs.overflowY) && el.scrollHeight > el.clientHeight + 1;
    if ((x || y) && (el.innerText || '').trim()) {
      found.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + el.innerText.trim().slice(0, 40) + '"');
    }
  }
  return found;
}
"""


@dataclass
class Layout:
    """What LAYOUT_JS found on one page at one size."""

    where: str
    inner_width: int
    scroll_width: int
    offenders: list[dict]
    scrollers: list[dict]

    @property
    def scrolls_sideways(self) -> bool:
        return self.scroll_width > self.inner_width

    @property
    def ok(self) -> bool:
        return not self.scrolls_sideways and not self.offenders

    def describe(self) -> str:
        lines = [f"{self.where}: scrollWidth {self.scroll_width} for a viewport of {self.inner_width} CSS px"]
        lines += [f"    past the edge: {o['element']} (left {o['left']}, right {o['right']})" for o in self.offenders]
        for s in self.scrollers:
            label = "labelled" if s["labelled"] else "without a label"
            lines.append(
                f"    scrolls inside its box ({s['scrollWidth']} in {s['clientWidth']} px, {label}): {s['element']}"
            )
        return "\n".join(lines)


def layout(page, where: str) -> Layout:
    found = page.evaluate(LAYOUT_JS)
    return Layout(
        where=where,
        inner_width=found["innerWidth"],
        scroll_width=max(found["scrollWidth"], found["bodyScrollWidth"]),
        offenders=found["offenders"],
        scrollers=found["scrollers"],
    )


def keyboard_reaches(page, scroller: dict, limit: int = 150) -> bool:
    """Whether Tab brings the focus into (or onto) a box that scrolls inside itself, so that
    a keyboard user can scroll it: a control inside it, or the box itself (Chromium and Firefox
    make a scroll box without controls focusable)."""
    selector = f'[data-a11y-scroller="{scroller["index"]}"]'
    inside = (
        f"() => {{ const b = document.querySelector('{selector}'); return !!b && b.contains(document.activeElement); }}"
    )
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(inside):
            return True
    return False


def clipped_with_text_spacing(page) -> list[str]:
    """Applies WCAG 1.4.12's text spacing to the page (as a user style sheet would) and returns
    the elements that then clip their text."""
    page.add_style_tag(content=TEXT_SPACING_CSS)
    return page.evaluate(CLIPPED_JS)


def screenshot(page, name: str) -> Path:
    """A full-page screenshot under tests/interop/artifacts/ (gitignored), for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / (re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") + ".png")
    page.screenshot(path=str(path), full_page=True)
    return path


# --------------------------------------------------------------------------------------------
# Focus
# --------------------------------------------------------------------------------------------

# The focused element: its role and accessible name as a user would find it (a simplified
# computation: aria-label, aria-labelledby, <label>, text, value, title), and its focus
# indicator — outline and box-shadow compared with those of an unfocused copy inserted next to
# it (without id, name or autofocus, inert), and the colour behind the outline.
FOCUSED_JS = r"""
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const tag = el.tagName.toLowerCase();
  const type = (el.getAttribute('type') || '').toLowerCase();
  let role = el.getAttribute('role');
  if (!role) {
    if (tag === 'a' && el.hasAttribute('href')) role = 'link';
    else if (tag === 'button' || (tag === 'input' && ['submit', 'button', 'reset', 'image'].includes(type))) role = 'button';
    else if (tag === 'input' && type === 'checkbox') role = 'checkbox';
    else if (tag === 'input' && type === 'radio') role = 'radio';
    else if (tag === 'select') role = 'combobox';
    else if (tag === 'summary') role = 'summary';
    else if (tag === 'textarea' || tag === 'input') role = 'textbox';
    else role = tag;
  }
  const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
  let name = clean(el.getAttribute('aria-label'));
  if (!name && el.getAttribute('aria-labelledby')) {
    name = clean(el.getAttribute('aria-labelledby').split(/\s+/).map((id) => {
      const l = document.getElementById(id); return l ? l.innerText : '';
    }).join(' '));
  }
  if (!name && el.labels && el.labels.length) name = clean([...el.labels].map((l) => l.innerText).join(' '));
  if (!name && !['textbox', 'combobox'].includes(role)) name = clean(el.innerText);
  if (!name && role === 'button') name = clean(el.value);
  if (!name) name = clean(el.getAttribute('title'));
  const pick = (cs) => ({
    outlineStyle: cs.outlineStyle, outlineWidth: parseFloat(cs.outlineWidth) || 0,
    outlineColor: cs.outlineColor, boxShadow: cs.boxShadow,
  });
  const focused = pick(getComputedStyle(el));
  const copy = el.cloneNode(true);
  for (const a of ['id', 'name', 'autofocus', 'form', 'tabindex', 'accesskey']) copy.removeAttribute(a);
  copy.setAttribute('inert', '');
  copy.setAttribute('aria-hidden', 'true');
  el.after(copy);
  const plain = pick(getComputedStyle(copy));
  copy.remove();
  let behind = 'rgb(255, 255, 255)';
  for (let e = el.parentElement; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) { behind = bg; break; }
  }
  const r = el.getBoundingClientRect();
  const box = el.closest('article, tr, li');
  return {
    tag, type, role, name, id: el.id || '', href: el.getAttribute('href') || '',
    within: box ? clean(box.innerText).slice(0, 300) : '',
    value: el.value === undefined ? '' : String(el.value), checked: !!el.checked,
    focused, plain, behind,
    inViewport: r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth,
  };
}
"""


@dataclass
class Focused:
    """The focused element and its focus indicator."""

    role: str
    name: str
    tag: str
    id: str
    href: str
    within: str
    value: str
    checked: bool
    focused: dict
    plain: dict
    behind: str
    in_viewport: bool

    def __str__(self) -> str:
        ident = f"#{self.id}" if self.id else ""
        to = f" -> {self.href}" if self.href else ""
        return f"{self.role}{ident} {self.name!r}{to}"

    def indicator_problem(self) -> str | None:
        """Why the focus indicator is not visible enough, or None."""
        f, p = self.focused, self.plain
        outline_shown = f["outlineStyle"] not in ("none", "hidden") and f["outlineWidth"] > 0
        outline_changed = outline_shown and (
            (f["outlineStyle"], f["outlineWidth"], f["outlineColor"])
            != (p["outlineStyle"], p["outlineWidth"], p["outlineColor"])
            or p["outlineStyle"] in ("none", "hidden")
        )
        shadow_changed = f["boxShadow"] != p["boxShadow"] and f["boxShadow"] != "none"
        if not outline_changed and not shadow_changed:
            return (
                f"no focus indicator (outline {f['outlineStyle']} {f['outlineWidth']}px, box-shadow {f['boxShadow']})"
            )
        if not self.in_viewport:
            return "focused outside the viewport"
        if outline_changed:
            if f["outlineStyle"] == "auto":
                return "the browser's default focus ring (outline: auto), not the style sheet's"
            if f["outlineWidth"] < FOCUS_MIN_WIDTH_PX:
                return f"outline {f['outlineWidth']}px thin (at least {FOCUS_MIN_WIDTH_PX:g} px)"
            color = parse_color(f["outlineColor"])
            back = parse_color(self.behind)
            if color and back and color[3] >= 1:
                ratio = contrast(f["outlineColor"], self.behind)
                if ratio < FOCUS_CONTRAST:
                    return (
                        f"outline {f['outlineColor']} on {self.behind}: {ratio:.2f}:1 (at least {FOCUS_CONTRAST:g}:1)"
                    )
        return None


def focused(page) -> Focused | None:
    found = page.evaluate(FOCUSED_JS)
    if found is None:
        return None
    return Focused(
        role=found["role"],
        name=found["name"],
        tag=found["tag"],
        id=found["id"],
        href=found["href"],
        within=found["within"],
        value=found["value"],
        checked=found["checked"],
        focused=found["focused"],
        plain=found["plain"],
        behind=found["behind"],
        in_viewport=found["inViewport"],
    )


# --------------------------------------------------------------------------------------------
# The keyboard
# --------------------------------------------------------------------------------------------

Match = Callable[[Focused], bool]


def control(
    role: str,
    name: str | re.Pattern | None = None,
    *,
    id: str | None = None,
    href: str | None = None,
    within: Callable[[str], bool] | None = None,
) -> Match:
    """Matches the focused element by role and accessible name (a substring, or a pattern
    searched in it), and optionally by id, by a substring of its link, or by the text of the
    row, list item or article it is in."""

    def match(f: Focused) -> bool:
        if f.role != role:
            return False
        if id is not None and f.id != id:
            return False
        if href is not None and href not in f.href:
            return False
        if within is not None and not within(f.within):
            return False
        if name is None:
            return True
        if isinstance(name, re.Pattern):
            return name.search(f.name) is not None
        return name.casefold() in f.name.casefold()

    match.__doc__ = f"{role} {name!r}" + (f" #{id}" if id else "")
    return match


@dataclass
class Keys:
    """A page driven by its keyboard alone. Every element focused on the way is checked for a
    visible focus indicator; what it lacked is collected in `problems` (asserted by the test)."""

    page: object
    base: str = ""
    tab_limit: int = 120
    problems: list[str] = field(default_factory=list)
    order: list[str] = field(default_factory=list)
    checked: set[tuple[str, str, str]] = field(default_factory=set)

    def now(self) -> Focused | None:
        """The focused element (after the navigation a key started, when it started one)."""
        from playwright.sync_api import Error as PlaywrightError

        for attempt in range(5):
            try:
                f = focused(self.page)
                break
            except PlaywrightError:  # the page is navigating: look at the next one
                if attempt == 4:
                    raise
                self.page.wait_for_load_state()
        if f is not None:
            key = (self.page.url.split("?")[0], f.role, f.id or f.name)
            if key not in self.checked:
                self.checked.add(key)
                problem = f.indicator_problem()
                if problem:
                    self.problems.append(f"{self.page.url}: {f}: {problem}")
        return f

    def press(self, key: str) -> Focused | None:
        self.page.keyboard.press(key)
        return self.now()

    def tab(self, back: bool = False) -> Focused | None:
        f = self.press("Shift+Tab" if back else "Tab")
        self.order.append(str(f))
        return f

    def tab_to(self, match: Match, back: bool = False) -> Focused:
        """Presses Tab (Shift+Tab with `back`) until `match` holds for the focused element; the
        focus order seen is in the error when it never does."""
        start = len(self.order)
        f = self.now()
        if f is not None and match(f):
            return f
        for _ in range(self.tab_limit):
            f = self.tab(back)
            if f is not None and match(f):
                return f
        seen = self.order[start:]
        raise AssertionError(
            f"{match.__doc__} never got the focus in {self.tab_limit} presses of "
            f"{'Shift+Tab' if back else 'Tab'} at {self.page.url}; the focus went to:\n  " + "\n  ".join(seen[:80])
        )

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def fill_field(self, match: Match, text: str) -> None:
        """Tabs to a text field, selects what it holds and types `text` over it."""
        self.tab_to(match)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.type(text)

    def activate(self, match: Match, key: str = "Enter", back: bool = False) -> None:
        """Tabs (Shift+Tabs with `back`) to a control and presses Enter (links, buttons) or Space
        (checkboxes)."""
        self.tab_to(match, back=back)
        self.page.keyboard.press(key)

    def choose_radio(self, match_group: Match, value: str, back: bool = False) -> Focused:
        """Tabs into a radio group (backwards with `back`), then moves with the arrow keys to the
        radio of `value` (which the arrows also check)."""
        f = self.tab_to(match_group, back=back)
        for _ in range(12):
            if f is not None and f.role == "radio" and f.value == value:
                assert f.checked, f"the radio {value} has the focus but is not checked"
                return f
            f = self.press("ArrowDown")
        raise AssertionError(f"no radio {value!r} in the group at {self.page.url}")

    def assert_indicators(self) -> None:
        assert not self.problems, "focus indicators missing or too weak:\n  " + "\n  ".join(self.problems)
