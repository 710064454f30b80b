// The Limen authenticator web app (issue 15): the screens and what the user does on them.
// The protocol itself (docs/MOBILE-PROTOCOL.md) is in protocol.js; storage in store.js; the
// camera in qr.js; texts in i18n.js. The DOM ids are the contract of
// tests/interop/test_authenticator_pwa.py.

import {
  ProtocolError,
  Device,
  b64,
  enrol,
  checkTyped,
  parseChallengeLink,
  parseEnrolLink,
  retypedFields,
} from "./protocol.js";
import * as store from "./store.js";
import { LANGUAGES, formatTime, pickLanguage, setLanguage, t, translate } from "./i18n.js";
import { scan } from "./qr.js";

const $ = (id) => document.getElementById(id);
const now = () => Math.floor(Date.now() / 1000);
const PIN_RE = /^[0-9]{4,12}$/;

let records = [];
/** Pending requests by challenge id: {device, jws, payload}. */
const pending = new Map();
/** Live connections by device id: AbortController. */
const live = new Map();
const openStreams = new Set();
let current = null; // the request on screen: {device, jws, payload}
let scanning = null; // AbortController of the camera
let countdown = null;
let settingsFor = null;
let confirmAction = null;

// ------------------------------------------------------------------------------------------
// Screens and messages
// ------------------------------------------------------------------------------------------

function show(name, { keepStatus = false } = {}) {
  if (scanning && name !== "scan") {
    scanning.abort();
    scanning = null;
  }
  for (const s of document.querySelectorAll("main > section")) s.hidden = s.id !== `screen-${name}`;
  document.documentElement.dataset.screen = name;
  $("btn-home").hidden = name === "home";
  $("error").textContent = "";
  if (!keepStatus) $("status").textContent = "";
  const h = document.querySelector(`#screen-${name} h1`);
  if (h) h.focus({ preventScroll: false });
}

function errorText(e) {
  if (e instanceof ProtocolError || (e && typeof e.code === "string")) {
    const key = `err-${e.code}`;
    // A typed value's refusal names its field (the detail of a local refusal, spec §5.5).
    const text = t(key, { label: e.detail || "" });
    return text === key ? t("err-generic", { code: e.code }) : text;
  }
  return t("err-generic", { code: (e && (e.name || e.message)) || "?" });
}

function setError(el, message) {
  el.textContent = message || "";
}

function busy(buttons, on) {
  for (const b of buttons) b.disabled = on;
}

function deviceOf(record) {
  return new Device(record);
}

function recordById(id) {
  return records.find((r) => r.device === id);
}

// ------------------------------------------------------------------------------------------
// Home: accounts and requests
// ------------------------------------------------------------------------------------------

function renderAccounts() {
  const ul = $("accounts");
  ul.replaceChildren();
  for (const r of records) {
    const li = document.createElement("li");
    li.className = "account";
    li.dataset.device = r.device;
    li.dataset.state = r.locked ? "locked" : "active";
    const row = document.createElement("div");
    row.className = "row";
    const label = document.createElement("span");
    label.className = "account-label";
    label.textContent = r.label || r.name;
    row.append(label);
    if (r.locked) {
      const b = document.createElement("span");
      b.className = "badge";
      b.textContent = t("account-locked");
      row.append(b);
    }
    const email = document.createElement("span");
    email.className = "account-email";
    email.textContent = r.account;
    const server = document.createElement("span");
    server.className = "account-server";
    server.textContent = new URL(r.iss).host;
    const btn = document.createElement("button");
    btn.type = "button";
    btn.className = "btn-settings secondary";
    btn.textContent = t("settings");
    btn.setAttribute("aria-label", `${t("settings")}: ${r.label || r.name} (${r.account})`);
    btn.addEventListener("click", () => openSettings(r.device));
    li.append(row, email, server, btn);
    ul.append(li);
  }
  $("empty").hidden = records.length > 0;
}

function renderRequests() {
  const ul = $("requests");
  ul.replaceChildren();
  const t0 = now();
  for (const [id, p] of pending) {
    if (p.payload.exp < t0) {
      pending.delete(id);
      continue;
    }
    const li = document.createElement("li");
    li.className = "request";
    li.dataset.challenge = id;
    const service = document.createElement("span");
    service.className = "request-service";
    service.textContent = p.payload.display?.service || "";
    const time = document.createElement("span");
    time.className = "request-time";
    time.textContent = `${t(`kind-${p.payload.kind}`)} · ${formatTime(p.payload.iat)}`;
    const btn = document.createElement("button");
    btn.type = "button";
    btn.className = "btn-open";
    btn.textContent = t("open");
    btn.setAttribute("aria-label", `${t("open")}: ${service.textContent}, ${time.textContent}`);
    btn.addEventListener("click", () => openRequest(id));
    li.append(service, time, btn);
    ul.append(li);
  }
  $("no-requests").hidden = pending.size > 0;
}

function renderLive() {
  const el = $("live");
  if (!navigator.onLine) {
    el.dataset.state = "offline";
    el.textContent = t("live-offline");
  } else if (openStreams.size > 0) {
    el.dataset.state = "open";
    el.textContent = t("live-open");
  } else {
    el.dataset.state = "closed";
    el.textContent = records.length ? t("live-closed") : "";
  }
}

function addPending(device, jws, payload) {
  if (payload.kind === "offline") return;
  if (payload.exp < now()) return;
  pending.set(payload.id, { device, jws, payload });
  renderRequests();
}

/** What to do when the server says a device is gone or locked, wherever it says it. */
async function deviceTrouble(record, e) {
  // A record erased meanwhile (unlinked, forgotten) is not brought back.
  if (!recordById(record.device)) return true;
  if (e?.code === "unknown_device") {
    await forget(record.device);
    $("status").textContent = t("account-removed");
    return true;
  }
  if (e?.code === "device_locked" && !record.locked) {
    record.locked = true;
    await store.saveAccount(record);
    renderAccounts();
    return true;
  }
  return false;
}

async function forget(deviceId) {
  live.get(deviceId)?.abort();
  live.delete(deviceId);
  for (const [id, p] of pending) if (p.device === deviceId) pending.delete(id);
  await store.deleteAccount(deviceId);
  records = records.filter((r) => r.device !== deviceId);
  renderAccounts();
  renderRequests();
  renderLive();
}

async function checkNow({ quiet = false } = {}) {
  let failure = null;
  for (const r of records) {
    if (r.locked) continue;
    try {
      const list = await deviceOf(r).challenges();
      for (const p of [...pending.values()]) if (p.device === r.device) pending.delete(p.payload.id);
      for (const c of list) addPending(r.device, c.jws, c.payload);
    } catch (e) {
      if (!(await deviceTrouble(r, e))) failure = e;
    }
  }
  renderRequests();
  if (failure && !quiet) $("error").textContent = errorText(failure);
}

/** Keeps the live channel (§6) of one device open while the app is: reconnects after the
 * server's 10-minute close at once, after an error with a growing pause (2 s … 60 s). */
function startLive(record) {
  if (live.has(record.device) || record.locked) return;
  const ctl = new AbortController();
  live.set(record.device, ctl);
  (async () => {
    let pause = 2000;
    while (!ctl.signal.aborted) {
      if (!navigator.onLine) {
        await sleep(5000, ctl.signal);
        continue;
      }
      try {
        await deviceOf(record).events({
          signal: ctl.signal,
          onOpen: () => {
            openStreams.add(record.device);
            pause = 2000;
            renderLive();
          },
          onChallenge: (jws, payload) => addPending(record.device, jws, payload),
          // The server says `revoked` when the device is removed, and also when it is locked:
          // a signed request tells which (unknown_device: forget it; device_locked: keep it,
          // marked locked, so that "Forgot PIN" can still tell the server).
          onRevoked: () => confirmRevoked(record),
        });
      } catch (e) {
        if (ctl.signal.aborted) break;
        if (await deviceTrouble(record, e)) break;
        openStreams.delete(record.device);
        renderLive();
        await sleep(pause, ctl.signal);
        pause = Math.min(pause * 2, 60000);
        continue;
      } finally {
        openStreams.delete(record.device);
        renderLive();
      }
    }
  })();
}

async function confirmRevoked(record) {
  try {
    await deviceOf(record).challenges();
  } catch (e) {
    await deviceTrouble(record, e);
  }
}

function sleep(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

// ------------------------------------------------------------------------------------------
// Enrolment
// ------------------------------------------------------------------------------------------

function platform() {
  const ua = navigator.userAgent;
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad|iPod/.test(ua)
      ? "iOS"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : "unknown";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /Chrome\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : "a browser";
  return { os, model: `Web app in ${browser}`, app: "Limen Authenticator (web) 1" };
}

async function submitEnrol(ev) {
  ev.preventDefault();
  const err = $("enrol-error");
  setError(err, "");
  const link = $("enrol-link").value.trim();
  const pin = $("enrol-pin").value;
  try {
    parseEnrolLink(link, now());
  } catch (e) {
    setError(err, errorText(e));
    $("enrol-link").focus();
    return;
  }
  if (!PIN_RE.test(pin)) {
    setError(err, t("err-pin-format"));
    $("enrol-pin").focus();
    return;
  }
  if (pin !== $("enrol-pin2").value) {
    setError(err, t("err-pin-differ"));
    $("enrol-pin2").focus();
    return;
  }
  const buttons = [$("btn-enrol"), $("btn-enrol-scan")];
  busy(buttons, true);
  $("status").textContent = t("enrol-working");
  try {
    const record = await enrol(link, pin, platform());
    record.label = record.label || record.name;
    record.created = record.created || now();
    await store.saveAccount(record);
    records = await store.accounts();
    // Storage Standard §4.6: ask the browser not to evict the keys under storage pressure
    // (Safari otherwise erases a site's storage after 7 days without a visit, unless installed).
    navigator.storage?.persist?.().catch(() => {});
    $("enrol-form").reset();
    renderAccounts();
    show("home");
    $("status").textContent = t("enrol-done", { name: record.name, account: record.account });
    startLive(record);
    checkNow({ quiet: true });
  } catch (e) {
    $("status").textContent = "";
    setError(err, errorText(e));
  } finally {
    busy(buttons, false);
    $("enrol-pin").value = "";
    $("enrol-pin2").value = "";
  }
}

// ------------------------------------------------------------------------------------------
// Camera
// ------------------------------------------------------------------------------------------

async function scanInto(back, onText) {
  document.documentElement.dataset.scanBack = back;
  show("scan");
  const ctl = new AbortController();
  scanning = ctl;
  try {
    const text = await scan($("camera"), ctl.signal);
    scanning = null;
    show(back);
    onText(text.trim());
  } catch (e) {
    if (e?.name === "AbortError" || ctl.signal.aborted) return;
    scanning = null;
    show(back);
    $("error").textContent = t("scan-no-camera");
  }
}

// ------------------------------------------------------------------------------------------
// Requests (push and On Mobile)
// ------------------------------------------------------------------------------------------

function fillDisplay(display, prefix) {
  $(`${prefix}-service`).textContent = display?.service || "";
  const o = display?.origin || {};
  $(`${prefix}-origin`).textContent = [o.ip, o.browser].filter(Boolean).join(", ");
  const box = $(`${prefix}-tx`);
  const fields = $(`${prefix}-tx-fields`);
  fields.replaceChildren();
  if (display?.tx) {
    $(`${prefix}-tx-title`).textContent = display.tx.title || t("tx-title");
    let typed = 0;
    for (const f of display.tx.fields || []) {
      const dt = document.createElement("dt");
      const dd = document.createElement("dd");
      if (f.retype === true) {
        // Spec §5.5: the value is not sent; the user types it as the signing page shows it.
        const id = `${prefix}-typed-${typed++}`;
        const label = document.createElement("label");
        label.htmlFor = id;
        label.textContent = f.label;
        dt.append(label);
        const input = document.createElement("input");
        input.id = id;
        input.type = "text";
        input.autocomplete = "off";
        input.spellcheck = false;
        input.className = "typed";
        input.maxLength = 500;
        const hint = document.createElement("small");
        hint.id = `${id}-hint`;
        hint.textContent = t("tx-retype");
        input.setAttribute("aria-describedby", hint.id);
        dd.append(input, hint);
      } else {
        dt.textContent = f.label;
        dd.textContent = f.value;
      }
      fields.append(dt, dd);
    }
    box.hidden = false;
  } else {
    box.hidden = true;
  }
}

/**
 * The values typed for the retyped fields shown with `prefix`, in order, each checked against
 * its field's pattern (spec §5.5); null after showing why in `err` and focusing the field.
 */
function typedValues(display, prefix, err) {
  const out = [];
  const fields = retypedFields(display);
  for (let i = 0; i < fields.length; i++) {
    const input = $(`${prefix}-typed-${i}`);
    const value = input ? input.value.trim() : "";
    const why = checkTyped(fields[i], value);
    if (why) {
      setError(err, t(`err-${why}`, { label: fields[i].label }));
      if (input) {
        input.setAttribute("aria-invalid", "true");
        input.focus();
      }
      return null;
    }
    if (input) input.removeAttribute("aria-invalid");
    out.push(value);
  }
  return out;
}

function openRequest(id) {
  const p = pending.get(id);
  if (!p) return;
  const record = recordById(p.device);
  if (!record) return;
  current = p;
  fillDisplay(p.payload.display, "req");
  // A transaction to sign (spec §5.5) is not a sign-in: the screen says which it is.
  const signing = Boolean(p.payload.display?.tx);
  $("h-request").dataset.i18n = signing ? "request-title-sign" : "request-title";
  $("req-number-label").dataset.i18n = signing ? "req-number-sign" : "req-number";
  $("req-not-me-text").dataset.i18n = signing ? "not-me-text-sign" : "not-me-text";
  translate($("screen-request"));
  $("req-time").textContent = formatTime(p.payload.iat);
  $("req-account").textContent = record.account;
  const onMobile = p.payload.kind === "on_mobile";
  $("req-number-row").hidden = onMobile;
  $("req-on-mobile").hidden = !onMobile;
  $("req-number").value = "";
  $("req-pin").value = "";
  setError($("req-error"), "");
  show("request");
}

async function answer(decision, notMe = false) {
  const p = current;
  if (!p) return;
  const record = recordById(p.device);
  const err = $("req-error");
  setError(err, "");
  const onMobile = p.payload.kind === "on_mobile";
  const number = onMobile ? "" : $("req-number").value.trim();
  const pin = $("req-pin").value;
  let typed = [];
  if (decision === "approve") {
    typed = typedValues(p.payload.display, "req", err);
    if (!typed) return;
    if (!onMobile && !/^[0-9]{2}$/.test(number)) {
      setError(err, t("err-number"));
      $("req-number").focus();
      return;
    }
    if (!/^[0-9]{1,12}$/.test(pin)) {
      setError(err, t("err-pin-format"));
      $("req-pin").focus();
      return;
    }
  }
  const buttons = [$("btn-approve"), $("btn-deny"), $("btn-deny-notme")];
  busy(buttons, true);
  try {
    const device = deviceOf(record);
    const receipt =
      decision === "approve"
        ? await device.approve(p.payload, number, pin, typed)
        : await device.deny(p.payload, { notMe });
    await showResult(record, p, receipt.result, { notMe, onMobile });
  } catch (e) {
    if (!(await deviceTrouble(record, e))) setError(err, errorText(e));
    else if (e.code === "device_locked") await showResult(record, p, "locked", {});
    else show("home", { keepStatus: true });
  } finally {
    busy(buttons, false);
    $("req-pin").value = "";
  }
}

async function showResult(record, p, result, { notMe = false, onMobile = false }) {
  const el = $("result");
  el.dataset.result = result;
  let key = `result-${result}`;
  if (result === "approved" && onMobile) key = "result-approved-on-mobile";
  if (result === "denied" && notMe) key = "result-denied-not-me";
  el.textContent = t(key);
  $("btn-retry").hidden = result !== "wrong_pin";
  if (result !== "wrong_pin") {
    pending.delete(p.payload.id);
    current = null;
  }
  if (result === "locked" && !record.locked) {
    record.locked = true;
    await store.saveAccount(record);
    renderAccounts();
  }
  renderRequests();
  show("result");
}

async function openChallengeById(id, iss) {
  const origin = iss || location.origin;
  const candidates = records.filter((r) => !r.locked && new URL(r.iss).origin === new URL(origin).origin);
  if (!candidates.length) {
    show("home");
    $("error").textContent = records.length ? t("err-no-match") : t("err-no-account");
    return;
  }
  let last = null;
  for (const r of candidates) {
    try {
      const c = await deviceOf(r).challenge(id);
      pending.set(c.payload.id, { device: r.device, jws: c.jws, payload: c.payload });
      renderRequests();
      openRequest(c.payload.id);
      return;
    } catch (e) {
      if (!(await deviceTrouble(r, e))) last = e;
    }
  }
  show("home", { keepStatus: true });
  $("error").textContent = last?.code === "not_found" ? t("err-no-match") : errorText(last);
}

function takeHash() {
  const m = /^#challenge=([A-Za-z0-9_-]{1,128})$/.exec(location.hash);
  if (!m) return null;
  history.replaceState(null, "", location.pathname);
  return m[1];
}

// ------------------------------------------------------------------------------------------
// Offline codes (§5.2)
// ------------------------------------------------------------------------------------------

let codeChallenge = null; // {jws, payload, matches: [record]}

function resetCode() {
  clearInterval(countdown);
  countdown = null;
  codeChallenge = null;
  $("code-read-form").hidden = false;
  $("code-pin-form").hidden = true;
  $("code-shown").hidden = true;
  $("code-link").value = "";
  $("code-pin").value = "";
  $("code-value").textContent = "";
  $("code-value").dataset.code = "";
  setError($("code-error"), "");
}

async function readCode(text) {
  const err = $("code-error");
  setError(err, "");
  let parsed;
  try {
    parsed = parseChallengeLink(text);
  } catch (e) {
    setError(err, errorText(e));
    return;
  }
  if (!parsed.jws) {
    // An On Mobile link pasted here: it is a request, not a QR code.
    await openChallengeById(parsed.id, parsed.iss);
    return;
  }
  if (!records.length) {
    setError(err, t("err-no-account"));
    return;
  }
  const matches = [];
  let last = null;
  let payload = null;
  for (const r of records) {
    try {
      payload = await deviceOf(r).verifyChallenge(parsed.jws, { offline: true });
      matches.push(r);
    } catch (e) {
      last = e;
    }
  }
  if (!matches.length) {
    setError(err, records.length === 1 && last ? errorText(last) : t("err-wrong_server"));
    return;
  }
  if (payload.kind !== "offline") {
    setError(err, t("err-bad_link"));
    return;
  }
  codeChallenge = { jws: parsed.jws, payload, matches };
  fillDisplay(payload.display, "code");
  const account = $("code-account");
  account.replaceChildren();
  if (matches.length === 1) {
    account.textContent = matches[0].account;
  } else {
    const sel = document.createElement("select");
    sel.id = "code-which";
    sel.setAttribute("aria-label", t("req-account"));
    for (const r of matches) {
      const o = document.createElement("option");
      o.value = r.device;
      o.textContent = `${r.label || r.name} (${r.account})`;
      sel.append(o);
    }
    account.append(sel);
  }
  $("code-read-form").hidden = true;
  $("code-pin-form").hidden = false;
  $("code-pin").focus();
}

async function makeCode(ev) {
  ev.preventDefault();
  const err = $("code-error");
  setError(err, "");
  const c = codeChallenge;
  if (!c) return;
  const pin = $("code-pin").value;
  const typed = typedValues(c.payload.display, "code", err);
  if (!typed) return;
  if (!/^[0-9]{1,12}$/.test(pin)) {
    setError(err, t("err-pin-format"));
    $("code-pin").focus();
    return;
  }
  const which = $("code-which")?.value;
  const record = c.matches.find((r) => r.device === which) || c.matches[0];
  busy([$("btn-code-make")], true);
  try {
    const { code } = await deviceOf(record).offlineCode(c.jws, pin, typed);
    $("code-pin").value = "";
    $("code-pin-form").hidden = true;
    $("code-shown").hidden = false;
    const value = $("code-value");
    value.dataset.code = code;
    value.textContent = `${code.slice(0, 4)} ${code.slice(4)}`;
    value.setAttribute("aria-label", code.split("").join(" "));
    const tick = () => {
      const left = Math.max(0, c.payload.exp - now());
      $("code-countdown").textContent = String(left);
      if (left === 0) {
        clearInterval(countdown);
        $("code-expired").hidden = false;
        $("code-countdown-text").hidden = true;
      }
    };
    $("code-expired").hidden = true;
    $("code-countdown-text").hidden = false;
    tick();
    countdown = setInterval(tick, 1000);
  } catch (e) {
    setError(err, errorText(e));
  } finally {
    busy([$("btn-code-make")], false);
  }
}

// ------------------------------------------------------------------------------------------
// Settings
// ------------------------------------------------------------------------------------------

function openSettings(deviceId) {
  const r = recordById(deviceId);
  if (!r) return;
  settingsFor = deviceId;
  $("set-title").textContent = `${r.account} — ${new URL(r.iss).host}`;
  $("set-label").value = r.label || r.name;
  $("pin-form").reset();
  setError($("pin-error"), "");
  $("confirm").hidden = true;
  $("pin-form").hidden = !!r.locked;
  show("settings");
  renderPush(r);
}

async function rename(ev) {
  ev.preventDefault();
  const r = recordById(settingsFor);
  const label = $("set-label").value.trim().slice(0, 64);
  if (!r || !label) return;
  r.label = label;
  await store.saveAccount(r);
  renderAccounts();
  $("status").textContent = t("renamed");
}

async function changePin(ev) {
  ev.preventDefault();
  const r = recordById(settingsFor);
  if (!r) return;
  const err = $("pin-error");
  setError(err, "");
  const old = $("pin-old").value;
  const next = $("pin-new").value;
  if (!/^[0-9]{1,12}$/.test(old)) {
    setError(err, t("err-wrong_pin"));
    $("pin-old").focus();
    return;
  }
  if (!PIN_RE.test(next)) {
    setError(err, t("err-pin-format"));
    $("pin-new").focus();
    return;
  }
  if (next !== $("pin-new2").value) {
    setError(err, t("err-pin-differ"));
    $("pin-new2").focus();
    return;
  }
  busy([$("btn-change-pin")], true);
  $("status").textContent = t("pin-checking");
  try {
    const updated = await deviceOf(r).changePin(old, next);
    Object.assign(r, updated);
    await store.saveAccount(r);
    $("pin-form").reset();
    $("status").textContent = t("pin-changed");
  } catch (e) {
    $("status").textContent = "";
    if (e?.code === "device_locked" || e?.code === "locked") {
      await deviceTrouble(r, { code: "device_locked" });
      $("pin-form").hidden = true;
      setError(err, t("err-device_locked"));
    } else if (!(await deviceTrouble(r, e))) {
      setError(err, errorText(e));
    } else {
      show("home", { keepStatus: true });
    }
  } finally {
    busy([$("btn-change-pin")], false);
    $("pin-old").value = "";
  }
}

function askConfirm(textKey, action) {
  const r = recordById(settingsFor);
  if (!r) return;
  $("confirm-text").textContent = t(textKey, { account: r.account });
  $("confirm").hidden = false;
  confirmAction = action;
  $("btn-confirm-no").focus();
}

async function unlink() {
  const r = recordById(settingsFor);
  if (!r) return;
  $("confirm").hidden = true;
  // The live channel first: the server's `revoked` must not race the erasing below.
  live.get(r.device)?.abort();
  live.delete(r.device);
  busy([$("btn-unlink"), $("btn-forgot-pin")], true);
  try {
    await pushOff(r).catch(() => {});
    try {
      await deviceOf(r).unlink();
    } catch (e) {
      // Already removed on the server: nothing more to tell it. Anything else (no network, a
      // refusal): nothing is erased, so that the user can try again (§3.7).
      if (e?.code !== "unknown_device") {
        $("error").textContent = `${errorText(e)} ${t("unlink-failed")}`;
        startLive(r);
        return;
      }
    }
    await forget(r.device);
    show("home");
    $("status").textContent = t("unlinked");
  } finally {
    busy([$("btn-unlink"), $("btn-forgot-pin")], false);
  }
}

// Web Push (§7): one subscription for the app (the service worker's), given to each account's
// server that asks for it.
function pushSupported() {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

async function renderPush(r) {
  const row = $("push-row");
  row.hidden = true;
  if (!pushSupported() || r.locked) return;
  let key = null;
  try {
    key = await deviceOf(r).pushKey();
  } catch {
    return;
  }
  if (!key || settingsFor !== r.device) return;
  r.vapid = key;
  row.hidden = false;
  $("push-state").textContent = r.push ? t("push-on") : t("push-off");
  $("btn-push").textContent = r.push ? t("push-disable") : t("push-enable");
}

async function pushOn(r) {
  const permission = await Notification.requestPermission();
  if (permission !== "granted") {
    $("push-state").textContent = t("push-denied");
    return;
  }
  const reg = await navigator.serviceWorker.ready;
  const key = b64.decode(r.vapid);
  let sub = await reg.pushManager.getSubscription();
  if (sub && sub.options?.applicationServerKey) {
    const old = new Uint8Array(sub.options.applicationServerKey);
    if (old.length !== key.length || old.some((b, i) => b !== key[i])) {
      await sub.unsubscribe();
      sub = null;
    }
  }
  if (!sub) sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  const json = sub.toJSON();
  await deviceOf(r).setPush({ endpoint: json.endpoint, p256dh: json.keys.p256dh, auth: json.keys.auth });
  r.push = true;
  await store.saveAccount(r);
}

async function pushOff(r) {
  if (!r.push) return;
  try {
    await deviceOf(r).clearPush();
  } finally {
    r.push = false;
    if (recordById(r.device)) await store.saveAccount(r);
    if (!records.some((x) => x.push && x.device !== r.device) && pushSupported()) {
      const reg = await navigator.serviceWorker.getRegistration();
      const sub = await reg?.pushManager.getSubscription();
      await sub?.unsubscribe();
    }
  }
}

async function togglePush() {
  const r = recordById(settingsFor);
  if (!r) return;
  busy([$("btn-push")], true);
  try {
    if (r.push) await pushOff(r);
    else await pushOn(r);
    await renderPush(r);
  } catch (e) {
    $("push-state").textContent = errorText(e);
  } finally {
    busy([$("btn-push")], false);
  }
}

// ------------------------------------------------------------------------------------------
// Start
// ------------------------------------------------------------------------------------------

function wire() {
  $("btn-home").addEventListener("click", () => {
    renderRequests();
    show("home");
  });
  $("lang").addEventListener("change", async (e) => {
    setLanguage(e.target.value);
    await store.saveSetting("lang", e.target.value);
    translate();
    renderAccounts();
    renderRequests();
    renderLive();
  });
  $("btn-add").addEventListener("click", () => {
    $("enrol-form").reset();
    setError($("enrol-error"), "");
    show("enrol");
  });
  $("btn-code").addEventListener("click", () => {
    resetCode();
    show("code");
  });
  $("btn-check").addEventListener("click", async () => {
    busy([$("btn-check")], true);
    try {
      await checkNow();
    } finally {
      busy([$("btn-check")], false);
    }
  });
  $("enrol-form").addEventListener("submit", submitEnrol);
  $("btn-enrol-scan").addEventListener("click", () =>
    scanInto("enrol", (text) => {
      $("enrol-link").value = text;
      $("enrol-pin").focus();
    }),
  );
  $("btn-scan-cancel").addEventListener("click", () => {
    const back = document.documentElement.dataset.scanBack || "home";
    show(back);
  });
  $("request-form").addEventListener("submit", (e) => {
    e.preventDefault();
    answer("approve");
  });
  $("btn-deny").addEventListener("click", () => answer("deny"));
  $("btn-deny-notme").addEventListener("click", () => answer("deny", true));
  $("btn-result-ok").addEventListener("click", () => {
    renderRequests();
    show("home");
  });
  $("btn-retry").addEventListener("click", () => {
    if (current) openRequest(current.payload.id);
    else show("home");
  });
  $("code-read-form").addEventListener("submit", (e) => {
    e.preventDefault();
    readCode($("code-link").value.trim());
  });
  $("btn-code-scan").addEventListener("click", () =>
    scanInto("code", (text) => {
      $("code-link").value = text;
      readCode(text);
    }),
  );
  $("code-pin-form").addEventListener("submit", makeCode);
  $("btn-code-done").addEventListener("click", () => {
    resetCode();
    show("home");
  });
  $("rename-form").addEventListener("submit", rename);
  $("pin-form").addEventListener("submit", changePin);
  $("btn-push").addEventListener("click", togglePush);
  $("btn-forgot-pin").addEventListener("click", () => askConfirm("confirm-forgot", unlink));
  $("btn-unlink").addEventListener("click", () => askConfirm("confirm-unlink", unlink));
  $("btn-confirm-yes").addEventListener("click", () => confirmAction?.());
  $("btn-confirm-no").addEventListener("click", () => {
    $("confirm").hidden = true;
    confirmAction = null;
  });
  window.addEventListener("hashchange", () => {
    const id = takeHash();
    if (id) openChallengeById(id, null);
  });
  window.addEventListener("online", () => {
    renderLive();
    checkNow({ quiet: true });
  });
  window.addEventListener("offline", renderLive);
  navigator.serviceWorker?.addEventListener("message", (e) => {
    if (e.data?.type === "check") checkNow({ quiet: true });
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") checkNow({ quiet: true });
  });
}

async function start() {
  let stored = null;
  try {
    stored = await store.setting("lang");
  } catch {
    // No IndexedDB (a private window in some browsers): the app cannot keep keys.
  }
  const lang = setLanguage(pickLanguage(stored));
  // Each language in its own name, as the server's pages list them ("français (fr)").
  $("lang").replaceChildren(
    ...LANGUAGES.map(([code, name]) => {
      const option = document.createElement("option");
      option.value = code;
      option.lang = code;
      option.textContent = `${name} (${code})`;
      return option;
    }),
  );
  $("lang").value = lang;
  translate();
  wire();
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("sw.js", { scope: "./" }).catch(() => {});
  }
  records = await store.accounts().catch(() => []);
  renderAccounts();
  renderRequests();
  renderLive();
  const id = takeHash();
  if (id) {
    await openChallengeById(id, null);
  } else {
    show("home");
  }
  document.documentElement.dataset.ready = "1";
  for (const r of records) startLive(r);
  if (navigator.onLine) checkNow({ quiet: true });
}

start();
