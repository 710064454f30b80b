// The app's texts in the 24 official EU languages, with the terms of the server's pages. They are
// Fluent files on the server (crates/limen-web/locales/<lang>/authenticator.ftl), which serves
// them to the app as texts.json (kept offline by sw.js with the app's other files).
// Elements carry data-i18n (text), data-i18n-aria (aria-label); the language is the stored
// choice, else the browser's.

/** `{languages: [[code, own name], …], texts: {code: {key: text}}}`; English keys alone when
 * the file cannot be had (no network and no cache yet), so the app still shows something. */
const DATA = await fetch(new URL("texts.json", import.meta.url))
  .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
  .catch(() => ({ languages: [["en", "English"]], texts: { en: {} } }));

const TEXTS = DATA.texts;

/** The languages, each as [code, its name in its own language]. */
export const LANGUAGES = DATA.languages.filter(([code]) => TEXTS[code]);

let current = "en";

/** The language to use: the one chosen in the app, else the browser's first known one. */
export function pickLanguage(stored) {
  if (stored && TEXTS[stored]) return stored;
  for (const l of navigator.languages || [navigator.language || "en"]) {
    const base = String(l).toLowerCase().split("-")[0];
    if (TEXTS[base]) return base;
  }
  return "en";
}

export function setLanguage(lang) {
  current = TEXTS[lang] ? lang : "en";
  document.documentElement.lang = current;
  return current;
}

export function language() {
  return current;
}

/** The text of `key` with `{name}` placeholders filled; the English one when missing. */
export function t(key, vars = {}) {
  const s = TEXTS[current][key] ?? TEXTS.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

/** Fills every data-i18n / data-i18n-aria element under `root`. */
export function translate(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-aria]"))
    el.setAttribute("aria-label", t(el.dataset.i18nAria));
  document.title = t("app-name");
}

/** A time of day in the current language. */
export function formatTime(seconds) {
  return new Intl.DateTimeFormat(current, { dateStyle: "medium", timeStyle: "medium" }).format(
    new Date(seconds * 1000),
  );
}
