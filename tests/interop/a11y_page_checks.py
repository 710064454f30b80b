"""What test_a11y_pages.py reads on a page and checks about it: axe-core's violations (injected as
test_authenticator_pwa.py does it), and the facts of its structure gathered by one script — the
landmarks, the first element the keyboard reaches, the headings, the title and language, the
language selector, every field with its label, its description and its state, the alerts.

Each check returns the problems it found as lines of text (empty: all is well), so that a test
can report every page's problems at once, readably.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from authenticator_pwa import AXE_FAILING, AXE_JS, axe_violations, format_violations
from limen_interop import REPO_ROOT

LOCALES = REPO_ROOT / "crates/limen-web/locales"
I18N_RS = REPO_ROOT / "crates/limen-web/src/i18n.rs"

# One pass over the page: everything the structural checks need.
FACTS_JS = r"""
() => {
  const visible = el => !!(el && (el.offsetWidth || el.offsetHeight || el.getClientRects().length))
    && getComputedStyle(el).visibility !== 'hidden';
  const text = el => (el ? el.textContent : '').replace(/\s+/g, ' ').trim();
  const focusable = 'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), '
    + 'select:not([disabled]), textarea:not([disabled]), summary, iframe, [tabindex]:not([tabindex="-1"])';
  const first = document.querySelector(focusable);
  const main = document.querySelectorAll('main');
  const byId = id => document.getElementById(id);
  const fields = [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].map(el => {
    const described = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
    const form = el.form;
    return {
      id: el.id, name: el.name, tag: el.tagName.toLowerCase(), type: (el.type || '').toLowerCase(),
      visible: visible(el) || (label !== null && visible(label)),
      label: label ? text(label) : null,
      required: el.required, readonly: el.readOnly || false,
      invalid: el.getAttribute('aria-invalid'),
      describedby: described,
      missing: described.filter(id => !byId(id)),
      descriptions: described.filter(byId).map(id => ({ id, text: text(byId(id)), visible: visible(byId(id)),
                                                         error: byId(id).classList.contains('error') })),
      autocomplete: el.getAttribute('autocomplete'),
      form: form ? (form.id || form.getAttribute('action') || '') : null,
      formTyped: form ? [...form.querySelectorAll('input:not([type=hidden]), textarea')]
        .filter(f => !f.readOnly && !['radio', 'submit', 'button', 'reset', 'image']
          .includes((f.type || '').toLowerCase()))
        .filter(f => visible(f) || (f.id && visible(document.querySelector(`label[for="${CSS.escape(f.id)}"]`))))
        .length : 0,
      admin: location.pathname.startsWith('/admin'),
    };
  });
  const alerts = [...document.querySelectorAll('[role=alert]')].filter(visible).map(el => ({
    id: el.id, text: text(el), tabindex: el.getAttribute('tabindex'),
  }));
  const active = document.activeElement;
  return {
    url: location.href,
    lang: document.documentElement.getAttribute('lang'),
    title: document.title,
    h1: [...document.querySelectorAll('h1')].map(text),
    first: first ? { tag: first.tagName.toLowerCase(), cls: first.className, href: first.getAttribute('href'),
                     text: text(first) } : null,
    skipTarget: first && first.getAttribute('href') && first.getAttribute('href').startsWith('#')
      ? !!byId(first.getAttribute('href').slice(1)) : false,
    banner: document.querySelectorAll('body > header').length,
    main: main.length,
    mainId: main.length ? main[0].id : null,
    contentinfo: document.querySelectorAll('body > footer').length,
    statementLink: [...document.querySelectorAll('body > footer a[href="/accessibility"]')].map(text),
    navs: [...document.querySelectorAll('nav')].map(n => ({
      cls: n.className, name: n.getAttribute('aria-label') || text(byId(n.getAttribute('aria-labelledby') || '')),
    })),
    selector: {
      summary: text(document.querySelector('nav.langs details > summary')),
      inDetails: !!document.querySelector('nav.langs details > summary + ul'),
      links: [...document.querySelectorAll('nav.langs a')].map(a => ({
        lang: a.getAttribute('lang'), hreflang: a.getAttribute('hreflang'), text: text(a),
        current: a.getAttribute('aria-current'), href: a.getAttribute('href'),
      })),
    },
    fields,
    alerts,
    summaryVisible: visible(byId('form-errors')) || visible(byId('email-form-errors')),
    summaryLinks: [...document.querySelectorAll('.error-summary a')].map(a => a.getAttribute('href')),
    active: active ? (active.id || active.tagName.toLowerCase()) : null,
  };
}
"""


def languages() -> list[tuple[str, str]]:
    """The (code, own name) pairs of crate::i18n::LANGUAGES, read from the source."""
    text = I18N_RS.read_text(encoding="utf-8")
    block = text.split("pub const LANGUAGES", 1)[1].split("];", 1)[0]
    return re.findall(r'\("([a-z]{2})", "([^"]+)"\)', block)


def ftl(lang: str, file: str, key: str) -> str:
    """A message of locales/<lang>/<file>, or the English one when that language has none yet
    (the server falls back to English the same way)."""
    for code in (lang, "en"):
        path = LOCALES / code / file
        if path.is_file():
            found = re.search(rf"^{re.escape(key)} = (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
            if found:
                return found.group(1).strip()
    raise AssertionError(f"{key} is in no {file}")


@dataclass
class PageScan:
    """One page state: its name, whether it shows an error (and of which kind), the facts of its
    structure and axe-core's violations."""

    name: str
    kind: str  # "page", "field-error" (a field is in error) or "alert" (an error about no field)
    facts: dict
    violations: list[dict] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"{self.name} ({self.facts.get('url')})"


def scan(page, name: str, kind: str = "page") -> PageScan:
    """Reads the page as it is now: the structure, then axe-core (injected here unless the
    context preloads it, see `preload_axe`)."""
    page.wait_for_load_state()
    facts = page.evaluate(FACTS_JS)
    return PageScan(name=name, kind=kind, facts=facts, violations=axe_violations(page))


def preload_axe(context) -> None:
    """axe-core in every document of `context` from its start, as an init script: cheaper than
    sending it to each page scanned, and not subject to the pages' Content-Security-Policy."""
    context.add_init_script(path=str(AXE_JS))


# --------------------------------------------------------------------------------------------
# Checks: each returns the problems of one page, as lines
# --------------------------------------------------------------------------------------------


def serious_violations(p: PageScan) -> list[str]:
    bad = [v for v in p.violations if v["impact"] in AXE_FAILING]
    return [format_violations(bad)] if bad else []


def structure_problems(p: PageScan) -> list[str]:
    f = p.facts
    problems = []
    first = f["first"] or {}
    if not ("skip-link" in (first.get("cls") or "") and first.get("href") == "#main" and f["skipTarget"]):
        problems.append(f"the first focusable element is not the skip link to #main: {first}")
    if f["banner"] != 1 or f["main"] != 1 or f["mainId"] != "main" or f["contentinfo"] != 1:
        problems.append(
            f"landmarks: {f['banner']} banner(s), {f['main']} main (id {f['mainId']!r}), "
            f"{f['contentinfo']} footer(s); one of each expected"
        )
    if len(f["statementLink"]) != 1 or not f["statementLink"][0]:
        problems.append(f"the footer should link once to /accessibility: {f['statementLink']}")
    unnamed = [n["cls"] for n in f["navs"] if not n["name"]]
    if unnamed:
        problems.append(f"navigation without a name: {unnamed}")
    names = [n["name"] for n in f["navs"]]
    if len(set(names)) != len(names):
        problems.append(f"two navigation regions share a name: {names}")
    if len(f["h1"]) != 1 or not f["h1"][0]:
        problems.append(f"one non-empty h1 expected, found {f['h1']}")
    return problems


# A Fluent message key shown instead of its text ("login-title").
KEY = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9_]+)+")


def title_and_language_problems(p: PageScan, lang: str) -> list[str]:
    f = p.facts
    problems = []
    title = f["title"]
    if not title.endswith(" – Limen") or not title.removesuffix(" – Limen").strip():
        problems.append(f"the title is not 'page name – Limen': {title!r}")
    elif any(KEY.fullmatch(part) for part in title.split(" – ")):
        problems.append(f"the title shows a message key: {title!r}")
    if f["lang"] != lang:
        problems.append(f"<html lang={f['lang']!r}>, the page was asked for in {lang!r}")
    return problems


def selector_problems(p: PageScan, lang: str, expected: list[tuple[str, str]]) -> list[str]:
    s = p.facts["selector"]
    problems = []
    if not s["inDetails"]:
        problems.append("the language list is not a disclosure (details > summary + ul)")
    own = dict(expected)
    if lang in own and f"{own[lang]} ({lang})" not in s["summary"]:
        problems.append(f"the disclosure should name the current language {own[lang]} ({lang}): {s['summary']!r}")
    label = ftl(lang, "main.ftl", "language-label")
    if label not in s["summary"]:
        problems.append(f"the disclosure should say {label!r}: {s['summary']!r}")
    shown = [(link["lang"], link["text"]) for link in s["links"]]
    wanted = [(code, f"{name} ({code})") for code, name in expected]
    if shown != wanted:
        problems.append(f"the languages listed: {shown}, expected {wanted}")
    for link in s["links"]:
        if link["hreflang"] != link["lang"]:
            problems.append(f"{link['text']}: hreflang {link['hreflang']!r} but lang {link['lang']!r}")
        if not re.search(rf"[?&]lang={re.escape(link['lang'] or '')}(&|$)", link["href"] or ""):
            problems.append(f"{link['text']}: the link does not choose its language: {link['href']!r}")
    current = [link["lang"] for link in s["links"] if link["current"] == "true"]
    if current != [lang]:
        problems.append(f"aria-current should mark {lang} alone, marks {current}")
    return problems


def field_problems(p: PageScan, lang: str) -> list[str]:
    """Labels, descriptions, required fields marked in words, and errors tied to their fields."""
    problems = []
    required = ftl(lang, "a11y.ftl", "a11y-field-required")
    shown = [f for f in p.facts["fields"] if f["visible"]]
    for f in shown:
        what = f"field {f['id'] or f['name']!r}"
        if not f["label"]:
            problems.append(f"{what} has no <label for>")
        if f["missing"]:
            problems.append(f"{what}: aria-describedby names missing elements {f['missing']}")
        typed = f["tag"] != "select" and f["type"] not in ("radio", "submit", "button")
        if f["required"] and typed and f["formTyped"] >= 2 and required not in (f["label"] or ""):
            problems.append(f"{what} is required but its label does not say {required!r}: {f['label']!r}")
        if f["invalid"] == "true":
            shown_errors = [d for d in f["descriptions"] if d["visible"] and d["text"]]
            if not shown_errors:
                problems.append(f"{what} is marked invalid but describes no visible message: {f['descriptions']}")
    alerts = p.facts["alerts"]
    for a in alerts:
        if a["tabindex"] is None:
            problems.append(f"the alert {a['id'] or a['text'][:40]!r} cannot receive the focus (no tabindex)")
    if p.kind in ("field-error", "alert") and not any(a["text"] for a in alerts):
        problems.append("an error state without a visible role=alert message")
    if p.kind == "field-error":
        invalid = [f for f in shown if f["invalid"] == "true"]
        if not invalid:
            problems.append("an error about a field, but no field is marked aria-invalid")
    if p.facts["summaryVisible"]:
        ids = {f["id"] for f in p.facts["fields"]}
        dangling = [h for h in p.facts["summaryLinks"] if h.removeprefix("#") not in ids]
        if not p.facts["summaryLinks"] or dangling:
            problems.append(f"the error summary's links lead to no field: {p.facts['summaryLinks']}")
        if p.facts["active"] not in ("form-errors", "email-form-errors"):
            problems.append(f"the error summary should have the focus, {p.facts['active']!r} has it")
    return problems


# The purpose of the fields about the user (WCAG 1.3.5, HTML's autofill tokens).
PIN_FIELDS = {"pin", "pin_again"}


def autocomplete_problems(p: PageScan) -> list[str]:
    problems = []
    for f in p.facts["fields"]:
        if not f["visible"] or f["admin"]:
            continue  # the console's fields are about other people
        token = (f["autocomplete"] or "").split()
        what = f"field {f['id'] or f['name']!r}"
        wanted: set[str] | None = None
        if f["type"] == "password" and f["name"] not in PIN_FIELDS:
            wanted = {"current-password", "new-password"}
        elif f["type"] == "email":
            wanted = {"email", "username"}
        elif f["name"] == "first_name":
            wanted = {"given-name"}
        elif f["name"] == "last_name":
            wanted = {"family-name"}
        elif f["type"] == "tel":
            wanted = {"tel"}
        elif f["name"] in ("code", "code2", "response"):
            wanted = {"one-time-code"}
        if wanted is not None and not wanted & set(token):
            has = f["autocomplete"]
            problems.append(f"{what} ({f['type']}) should carry autocomplete {sorted(wanted)}, has {has!r}")
    return problems


def report(pages: list[PageScan], check) -> str:
    """Every page's problems under its name; empty when there are none."""
    out = []
    for p in pages:
        problems = check(p)
        if problems:
            out.append(f"{p.where}:\n" + "\n".join(f"  - {line}" for line in problems))
    return "\n".join(out)
