// The Limen mobile device protocol, version 1 (`limen-mobile/1`), in the browser: the device
// side of docs/MOBILE-PROTOCOL.md for the installable authenticator web app.
//
// This module owns the protocol: encodings (§1), keys and signed objects (§1, §4), the PIN
// mask (§2.1), enrolment (§3), challenges, answers and offline codes (§5), the live channel
// (§6) and Web Push registration (§7). It never touches the page, storage or the user: the
// app shows things, asks for PINs and keeps account records (plain objects, storable in
// IndexedDB as they are).
//
// It must run unchanged in a browser (secure context) and in Node 20: it uses only WebCrypto
// (`globalThis.crypto.subtle`), `fetch`, TextEncoder/TextDecoder and, for Argon2id, the
// vendored hash-wasm (`vendor/argon2.umd.min.js`, which sets `globalThis.hashwasm`).
//
// Everything the server sends that matters is a signed object, verified under the server key
// pinned at enrolment before it is used. The device never stores the offline key K nor
// anything that tells a right PIN from a wrong one (§2.1): only the server can tell.

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/**
 * A refusal, by the server or by this module. `code` is the server's `{"error": code}` (§8)
 * passed through, or `http_<status>` when it gave none, or one of the local codes:
 * `bad_link` `version` `expired` `insecure_issuer` `bad_signature` `wrong_server`
 * `wrong_issuer` `wrong_device` `bad_answer` `network` `pin_format` `bad_request`, and for
 * typed values (§5.5) `typed_empty` `typed_form` `typed_pattern` `typed_count`.
 * `status` is the HTTP status (0 for local refusals).
 */
export class ProtocolError extends Error {
  constructor(code, status = 0, detail = '') {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'ProtocolError';
    this.code = code;
    this.status = status;
    this.detail = detail;
  }
}

const fail = (code, detail) => {
  throw new ProtocolError(code, 0, detail);
};

// ---------------------------------------------------------------------------------------------
// §1 Encodings
// ---------------------------------------------------------------------------------------------

const B64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_VALUE = new Map([...B64_ALPHABET].map((c, i) => [c, i]));

/**
 * `B64`: base64url without padding (RFC 4648 §5). Decoding is strict, so every byte string has
 * one text form: padding, `+`, `/`, white space and non-zero unused trailing bits (RFC 4648
 * §3.5) are refused with `ProtocolError('bad_link')`.
 */
export const b64 = {
  encode(bytes) {
    const b = toBytes(bytes);
    let out = '';
    let i = 0;
    for (; i + 3 <= b.length; i += 3) {
      const n = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
      out += B64_ALPHABET[n >> 18] + B64_ALPHABET[(n >> 12) & 63] + B64_ALPHABET[(n >> 6) & 63] + B64_ALPHABET[n & 63];
    }
    if (b.length - i === 1) {
      const n = b[i] << 16;
      out += B64_ALPHABET[n >> 18] + B64_ALPHABET[(n >> 12) & 63];
    } else if (b.length - i === 2) {
      const n = (b[i] << 16) | (b[i + 1] << 8);
      out += B64_ALPHABET[n >> 18] + B64_ALPHABET[(n >> 12) & 63] + B64_ALPHABET[(n >> 6) & 63];
    }
    return out;
  },
  decode(s) {
    if (typeof s !== 'string' || s.length % 4 === 1) fail('bad_link', 'base64url');
    const out = new Uint8Array(Math.floor((s.length * 3) / 4));
    let acc = 0;
    let bits = 0;
    let o = 0;
    for (const c of s) {
      const v = B64_VALUE.get(c);
      if (v === undefined) fail('bad_link', 'base64url');
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (acc >> bits) & 0xff;
        acc &= (1 << bits) - 1;
      }
    }
    // RFC 4648 §3.5: the unused bits of the last character must be zero.
    if (acc !== 0) fail('bad_link', 'base64url');
    return out;
  },
};

/** The bytes of `B64` text that must encode exactly `n` bytes, or null. */
function b64Exact(s, n) {
  if (typeof s !== 'string') return null;
  try {
    const bytes = b64.decode(s);
    return bytes.length === n ? bytes : null;
  } catch {
    return null;
  }
}

function toBytes(x) {
  if (x instanceof Uint8Array) return x;
  if (x instanceof ArrayBuffer) return new Uint8Array(x);
  if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  throw new TypeError('bytes expected');
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a string. */
export function utf8(s) {
  return encoder.encode(s);
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// A string with an unpaired surrogate has no UTF-8 form (RFC 8785 §3.2.2.2 works on Unicode
// text, and the Rust side cannot even hold one).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * `JCS(v)`: the RFC 8785 canonical JSON text of `value`, restricted as spec §1 restricts
 * protocol values: objects, arrays, strings, booleans and integers in ±(2^53 − 1).
 *
 * - object members sorted by name as UTF-16 code units (RFC 8785 §3.2.3; JavaScript's default
 *   string order is exactly that), at every level; arrays keep their order;
 * - strings as ECMAScript's JSON.stringify writes them (RFC 8785 §3.2.2.2);
 * - integers in plain decimal (RFC 8785 §3.2.2.3 for them; -0 is 0).
 *
 * `null`, fractions, integers beyond 2^53 − 1, `undefined` and anything else are refused with
 * `ProtocolError('bad_answer')` (the protocol's values never hold them; in practice only
 * received data can).
 */
export function jcs(value) {
  const parts = [];
  writeJcs(value, parts, 0);
  return parts.join('');
}

function writeJcs(v, out, depth) {
  if (depth > 32) fail('bad_answer', 'JCS: nested too deep');
  if (typeof v === 'string') {
    if (LONE_SURROGATE.test(v)) fail('bad_answer', 'JCS: unpaired surrogate');
    out.push(JSON.stringify(v));
  } else if (typeof v === 'boolean') {
    out.push(v ? 'true' : 'false');
  } else if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) fail('bad_answer', 'JCS: not a safe integer');
    out.push(String(v === 0 ? 0 : v));
  } else if (Array.isArray(v)) {
    out.push('[');
    v.forEach((item, i) => {
      if (i > 0) out.push(',');
      writeJcs(item, out, depth + 1);
    });
    out.push(']');
  } else if (isPlainObject(v)) {
    out.push('{');
    Object.keys(v)
      .sort()
      .forEach((name, i) => {
        if (i > 0) out.push(',');
        writeJcs(name, out, depth + 1);
        out.push(':');
        writeJcs(v[name], out, depth + 1);
      });
    out.push('}');
  } else {
    fail('bad_answer', `JCS: ${v === null ? 'null' : typeof v} is not a protocol value`);
  }
}

function isPlainObject(v) {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function subtle() {
  const s = globalThis.crypto && globalThis.crypto.subtle;
  if (!s) throw new ProtocolError('insecure_issuer', 0, 'WebCrypto needs a secure context');
  return s;
}

/** SHA-256 (FIPS 180-4). */
export async function sha256(bytes) {
  return new Uint8Array(await subtle().digest('SHA-256', toBytes(bytes)));
}

/** HMAC-SHA-256 (RFC 2104) of `data` under `key`. */
export async function hmacSha256(key, data) {
  const k = await subtle().importKey('raw', toBytes(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle().sign('HMAC', k, toBytes(data)));
}

// ---------------------------------------------------------------------------------------------
// §1 Keys: JWKs and thumbprints
// ---------------------------------------------------------------------------------------------

/**
 * `{kty, crv, x, y}` of a P-256 public JWK after checking its form (x and y `B64` of 32 bytes),
 * or a `ProtocolError(code)`.
 */
function ecJwk(jwk, code = 'bad_answer') {
  if (
    !jwk ||
    typeof jwk !== 'object' ||
    jwk.kty !== 'EC' ||
    jwk.crv !== 'P-256' ||
    !b64Exact(jwk.x, 32) ||
    !b64Exact(jwk.y, 32)
  ) {
    fail(code, 'not a P-256 public JWK');
  }
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/** RFC 7638 thumbprint of a P-256 JWK: `B64(SHA256(JCS({crv, kty, x, y})))`, 43 characters. */
export async function thumbprint(jwk) {
  const k = ecJwk(jwk);
  return b64.encode(await sha256(utf8(jcs({ crv: k.crv, kty: k.kty, x: k.x, y: k.y }))));
}

/** A new device key `D`: ECDSA P-256, the private key not extractable. */
export async function generateDeviceKey() {
  return subtle().generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
}

/** The `{kty, crv, x, y}` JWK of a P-256 public CryptoKey (ECDSA or ECDH). */
export async function publicJwk(publicKey) {
  const j = await subtle().exportKey('jwk', publicKey);
  return { kty: j.kty, crv: j.crv, x: j.x, y: j.y };
}

// ---------------------------------------------------------------------------------------------
// §1 Signed objects (JWS compact, ES256), §4 proofs
// ---------------------------------------------------------------------------------------------

const MAX_COMPACT_LEN = 16 * 1024;
const TYP_PROOF = 'limen-proof+jwt';
const TYP_CHALLENGE = 'limen-challenge+jwt';
const TYP_ENROLMENT = 'limen-enrolment+jwt';
const TYP_RECEIPT = 'limen-receipt+jwt';

async function signCompact(privateKey, header, payload) {
  const input = `${b64.encode(utf8(jcs(header)))}.${b64.encode(utf8(jcs(payload)))}`;
  // WebCrypto's ECDSA signature is the 64 bytes r ‖ s that RFC 7518 §3.4 asks for.
  const sig = await subtle().sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, utf8(input));
  return `${input}.${b64.encode(new Uint8Array(sig))}`;
}

/**
 * A `Limen-Proof` (spec §4, a DPoP proof, RFC 9449 §4.2): header `{alg: 'ES256', typ:
 * 'limen-proof+jwt', kid}` (or `jwk` instead of `kid` at enrolment), payload `{htm, htu, iat,
 * jti: B64(16 random bytes), bh: B64(SHA256(body))}`.
 */
export async function makeProof(privateKey, { htm, htu, body = '', kid, jwk, now }) {
  if (!Number.isSafeInteger(now)) throw new TypeError('now: integer seconds');
  const header = { alg: 'ES256', typ: TYP_PROOF };
  if (kid !== undefined) header.kid = kid;
  else header.jwk = ecJwk(jwk);
  const bodyBytes = typeof body === 'string' ? utf8(body) : toBytes(body);
  const jti = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const payload = { htm, htu, iat: now, jti: b64.encode(jti), bh: b64.encode(await sha256(bodyBytes)) };
  return signCompact(privateKey, header, payload);
}

function parseJsonObject(bytes) {
  let v;
  try {
    v = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : null;
}

/** Header and payload of a compact signed object, not verified; null if it does not parse. */
function peekJws(jws) {
  if (typeof jws !== 'string' || jws.length > MAX_COMPACT_LEN) return null;
  const parts = jws.split('.');
  if (parts.length !== 3) return null;
  try {
    const header = parseJsonObject(b64.decode(parts[0]));
    const payload = parseJsonObject(b64.decode(parts[1]));
    const signature = b64.decode(parts[2]);
    if (!header || !payload) return null;
    return { header, payload, signature, input: `${parts[0]}.${parts[1]}` };
  } catch {
    return null;
  }
}

/**
 * Verifies a compact signed object (RFC 7515 §7.1) under `jwk` — never a key from the header:
 * `alg` exactly `ES256`, `typ` exactly `typ`, no `crit` (RFC 7515 §4.1.11: no extension is
 * understood), a 64-byte `r ‖ s` signature valid for the signing input. Returns the payload;
 * anything else is `ProtocolError('bad_signature')`.
 */
export async function verifyJws(jws, typ, jwk) {
  const p = peekJws(jws);
  if (!p) fail('bad_signature', 'malformed signed object');
  if (p.header.alg !== 'ES256') fail('bad_signature', 'algorithm not ES256');
  if (p.header.typ !== typ) fail('bad_signature', `typ is not ${typ}`);
  if ('crit' in p.header) fail('bad_signature', 'crit');
  if (p.signature.length !== 64) fail('bad_signature', 'signature length');
  const k = ecJwk(jwk, 'bad_signature');
  let ok = false;
  try {
    const key = await subtle().importKey('jwk', k, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    ok = await subtle().verify({ name: 'ECDSA', hash: 'SHA-256' }, key, p.signature, utf8(p.input));
  } catch {
    ok = false;
  }
  if (!ok) fail('bad_signature', 'signature does not verify');
  return p.payload;
}

// ---------------------------------------------------------------------------------------------
// Links (§3 step 2, §5.2, §5.3)
// ---------------------------------------------------------------------------------------------

const MAX_LINK_LEN = MAX_COMPACT_LEN + 1024;
const MAX_ISS_LEN = 512;
const ENROL_PREFIX = 'limen://enrol?p=';
const CHALLENGE_PREFIX = 'limen://challenge?';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * Checks a server base URL as the Rust side does (limen_mobile::messages::check_iss): https (or
 * http on 127.0.0.1, [::1], localhost), printable ASCII, no user info, query, fragment or
 * trailing '/', no empty or dot path segment, a host of letters, digits, '.', '-' (or an IPv6
 * literal), a port 1–65535. Returns 'ok', 'insecure' or 'bad'.
 */
function issState(url) {
  if (typeof url !== 'string' || url.length > MAX_ISS_LEN) return 'bad';
  if (!/^[\x21-\x7e]*$/.test(url) || /[\\#?@]/.test(url)) return 'bad';
  let rest;
  let secure;
  if (url.startsWith('https://')) [secure, rest] = [true, url.slice(8)];
  else if (url.startsWith('http://')) [secure, rest] = [false, url.slice(7)];
  else return 'bad';
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash);
  let host;
  let port = null;
  if (authority.startsWith('[')) {
    const end = authority.indexOf(']');
    if (end < 0) return 'bad';
    host = authority.slice(0, end + 1);
    if (!/^\[[0-9A-Fa-f:.]+\]$/.test(host)) return 'bad';
    const after = authority.slice(end + 1);
    if (after !== '') {
      if (!after.startsWith(':')) return 'bad';
      port = after.slice(1);
    }
  } else {
    const colon = authority.indexOf(':');
    host = colon < 0 ? authority : authority.slice(0, colon);
    if (colon >= 0) port = authority.slice(colon + 1);
    if (!/^[A-Za-z0-9.-]+$/.test(host) || /^[.-]/.test(host) || host.endsWith('-') || host.includes('..')) {
      return 'bad';
    }
  }
  if (port !== null) {
    if (!/^[0-9]{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) return 'bad';
  }
  if (path.endsWith('/')) return 'bad';
  if (path !== '' && path.slice(1).split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) {
    return 'bad';
  }
  if (!secure && !LOOPBACK_HOSTS.has(host)) return 'insecure';
  return 'ok';
}

function checkIss(iss, badCode = 'bad_link') {
  const state = issState(iss);
  if (state === 'insecure') fail('insecure_issuer', 'the server is not https (http is only for loopback)');
  if (state !== 'ok') fail(badCode, 'not a server URL');
}

/**
 * Parses an enrolment link `limen://enrol?p=B64(JCS(payload))` (spec §3 steps 2–3), white space
 * around it ignored, and refuses what the device must: `v ≠ 1` ('version'), `exp ≤ now`
 * ('expired'), an `iss` that is not https unless on a loopback host ('insecure_issuer'), and
 * anything malformed ('bad_link'). Returns `{v: 1, iss, tok, salt: Uint8Array(16), sk, exp}`.
 */
export function parseEnrolLink(text, nowSeconds) {
  if (typeof text !== 'string') fail('bad_link', 'not text');
  const link = text.trim();
  if (link.length > MAX_LINK_LEN || !link.startsWith(ENROL_PREFIX)) fail('bad_link', 'not an enrolment link');
  const p = parseJsonObject(b64.decode(link.slice(ENROL_PREFIX.length)));
  if (!p) fail('bad_link', 'not an enrolment link');
  if (p.v !== 1) fail('version', 'the enrolment link is of another protocol version');
  if (typeof p.iss !== 'string' || !Number.isSafeInteger(p.exp)) fail('bad_link', 'enrolment link members');
  checkIss(p.iss);
  const salt = b64Exact(p.salt, 16);
  if (!b64Exact(p.tok, 32) || !salt || !b64Exact(p.sk, 32)) fail('bad_link', 'enrolment link members');
  if (nowSeconds >= p.exp) fail('expired', 'the enrolment link has expired');
  return { v: 1, iss: p.iss, tok: p.tok, salt, sk: p.sk, exp: p.exp };
}

/** RFC 3986 §2.1 percent-decoding ('+' is not a space), or null. */
function percentDecode(s) {
  if (/%(?![0-9A-Fa-f]{2})/.test(s)) return null;
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

const isChallengeId = (id) => b64Exact(id, 32) !== null;
const looksLikeJws = (s) => /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(s);

/**
 * Parses a challenge link (white space around it ignored):
 * - `limen://challenge?c=<signed object>` (§5.2) → `{jws}` (not verified here);
 * - `limen://challenge?id=<id>&iss=<iss>` (§5.3) → `{id, iss}`;
 * - `<iss>/authenticator/#challenge=<id>` (§5.3, the web app) → `{id, iss}`, or just
 *   `#challenge=<id>` → `{id, iss: null}`.
 * Anything else (unknown or repeated parameters, a malformed id or iss) is 'bad_link'.
 */
export function parseChallengeLink(text) {
  if (typeof text !== 'string') fail('bad_link', 'not text');
  const link = text.trim();
  if (link.length > MAX_LINK_LEN) fail('bad_link', 'too long');
  if (link.startsWith(CHALLENGE_PREFIX)) {
    const params = new Map();
    for (const pair of link.slice(CHALLENGE_PREFIX.length).split('&')) {
      const eq = pair.indexOf('=');
      if (eq < 0) fail('bad_link', 'challenge link');
      const name = pair.slice(0, eq);
      if (!['c', 'id', 'iss'].includes(name) || params.has(name)) fail('bad_link', 'challenge link');
      params.set(name, pair.slice(eq + 1));
    }
    if (params.size === 1 && params.has('c')) {
      const jws = params.get('c');
      if (!looksLikeJws(jws)) fail('bad_link', 'challenge link');
      return { jws };
    }
    if (params.size === 2 && params.has('id') && params.has('iss')) {
      const id = percentDecode(params.get('id'));
      const iss = percentDecode(params.get('iss'));
      if (id === null || iss === null || !isChallengeId(id) || issState(iss) !== 'ok') {
        fail('bad_link', 'challenge link');
      }
      return { id, iss };
    }
    fail('bad_link', 'challenge link');
  }
  const hash = link.indexOf('#challenge=');
  if (hash >= 0) {
    const id = link.slice(hash + '#challenge='.length);
    if (!isChallengeId(id)) fail('bad_link', 'challenge id');
    if (hash === 0) return { id, iss: null };
    const base = link.slice(0, hash);
    const suffix = '/authenticator/';
    if (!base.endsWith(suffix)) fail('bad_link', 'not a link to this app');
    const iss = base.slice(0, -suffix.length);
    if (issState(iss) !== 'ok') fail('bad_link', 'server URL');
    return { id, iss };
  }
  fail('bad_link', 'not a challenge link');
}

// ---------------------------------------------------------------------------------------------
// §2.1 The PIN, §3 the offline key, §5 hashes and MACs, RFC 6287 OCRA
// ---------------------------------------------------------------------------------------------

const MAX_PIN_LEN = 64;
const OFFLINE_KEY_INFO = 'limen-mobile/1 offline key';
const PIN_CHECK_PREFIX = 'limen-mobile/1 pin check';

let argon2Loading = null;

/** hash-wasm's argon2id: the global the vendored file sets, loaded next to this module if absent. */
async function argon2id() {
  if (!globalThis.hashwasm) {
    argon2Loading ??= import(new URL('./vendor/argon2.umd.min.js', import.meta.url).href).then(
      (m) => {
        // A browser runs the UMD file as a script that sets the global; Node reads it as
        // CommonJS and gives its exports as the default export.
        if (!globalThis.hashwasm && m && m.default && m.default.argon2id) globalThis.hashwasm = m.default;
      },
      () => {
        argon2Loading = null; // not cached (offline before the app was): try again next time
      },
    );
    await argon2Loading;
  }
  if (!globalThis.hashwasm || typeof globalThis.hashwasm.argon2id !== 'function') {
    throw new ProtocolError('network', 0, 'Argon2id (vendor/argon2.umd.min.js) could not be loaded');
  }
  return globalThis.hashwasm.argon2id;
}

/**
 * `P(PIN) = Argon2id(password = PIN as ASCII digits, salt = s, m = 19456 KiB, t = 2, p = 1,
 * 32 bytes)` (spec §2.1; Argon2 version 1.3, RFC 9106). The PIN must be 1 to 64 ASCII digits
 * ('pin_format'), the salt 16 bytes.
 */
export async function pinKey(pin, salt) {
  if (typeof pin !== 'string' || !/^[0-9]{1,64}$/.test(pin) || pin.length > MAX_PIN_LEN) {
    fail('pin_format', 'the PIN is 1 to 64 digits');
  }
  const s = toBytes(salt);
  if (s.length !== 16) fail('bad_link', 'the salt is 16 bytes');
  const argon2 = await argon2id();
  const out = await argon2({
    password: pin,
    salt: s,
    parallelism: 1,
    iterations: 2,
    memorySize: 19456,
    hashLength: 32,
    outputType: 'binary',
  });
  return new Uint8Array(out);
}

/** `a ⊕ b` of two 32-byte strings: `M = K ⊕ P(PIN)`, `K' = M ⊕ P(PIN')` (spec §2.1). */
export function xor32(a, b) {
  const x = toBytes(a);
  const y = toBytes(b);
  if (x.length !== 32 || y.length !== 32) throw new TypeError('xor32: 32 bytes each');
  return x.map((v, i) => v ^ y[i]);
}

/** `Z = ECDH(private, peer)`: the 32-byte x coordinate of the shared point (SEC 1 §3.3.1). */
export async function ecdhSecret(privateKey, peerJwk) {
  let peer;
  try {
    peer = await subtle().importKey('jwk', ecJwk(peerJwk), { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  } catch {
    fail('bad_answer', 'the server ECDH key is not a P-256 point');
  }
  return new Uint8Array(await subtle().deriveBits({ name: 'ECDH', public: peer }, privateKey, 256));
}

/**
 * `K = HKDF(IKM = Z, salt = SHA256(E), info = "limen-mobile/1 offline key" ‖ device id, 32
 * bytes)` (spec §3 step 4; HKDF-SHA-256, RFC 5869), `E` the enrolment token as ASCII text.
 */
export async function offlineKey(z, tok, deviceId) {
  const ikm = await subtle().importKey('raw', toBytes(z), 'HKDF', false, ['deriveBits']);
  const bits = await subtle().deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: await sha256(utf8(tok)), info: utf8(OFFLINE_KEY_INFO + deviceId) },
    ikm,
    256,
  );
  return new Uint8Array(bits);
}

/** `B64(HMAC(K, "limen-mobile/1 pin check" ‖ P(PIN)))` (spec §3 step 5). */
export async function pinCheck(k, p) {
  return b64.encode(await hmacSha256(k, concat(utf8(PIN_CHECK_PREFIX), toBytes(p))));
}

/** `dh = B64(SHA256(JCS(display)))` (spec §5). */
export async function displayHash(display) {
  return b64.encode(await sha256(utf8(jcs(display))));
}

// ---------------------------------------------------------------------------------------------
// §5.5 Transactions: fields the user types again
// ---------------------------------------------------------------------------------------------

const TX_LIMITS = { title: 200, fields: 20, label: 100, value: 500, pattern: 200 };
// C0, DEL and C1 controls: what Rust's `char::is_control` refuses on the server and the CLI.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/** Text of a transaction: 1 to `max` characters (code points), no control characters. */
function txText(s, max) {
  return typeof s === 'string' && s.length > 0 && [...s].length <= max && !CONTROL.test(s);
}

/**
 * Checks a transaction as received (spec §5.5): a title, 1–20 fields, each with a label; a
 * plain field has a value and no pattern; a `retype` field has no value (the server never
 * sends what the user must type) and maybe a pattern. Anything else is 'bad_answer'.
 */
function checkTransaction(tx) {
  const ok =
    tx &&
    typeof tx === 'object' &&
    txText(tx.title, TX_LIMITS.title) &&
    Array.isArray(tx.fields) &&
    tx.fields.length >= 1 &&
    tx.fields.length <= TX_LIMITS.fields &&
    tx.fields.every(
      (f) =>
        f &&
        typeof f === 'object' &&
        txText(f.label, TX_LIMITS.label) &&
        (f.retype === undefined || f.retype === true) &&
        (f.retype
          ? f.value === undefined && (f.pattern === undefined || (typeof f.pattern === 'string' && [...f.pattern].length <= TX_LIMITS.pattern && !CONTROL.test(f.pattern)))
          : txText(f.value, TX_LIMITS.value) && f.pattern === undefined),
    );
  if (!ok) fail('bad_answer', 'challenge transaction');
}

/** The fields of a display's transaction that the user must type, in order. */
export function retypedFields(display) {
  return (display?.tx?.fields || []).filter((f) => f.retype === true);
}

/**
 * Whether `value` may be typed for the retyped `field` (spec §5.5): 1–500 characters, no
 * control characters, and the whole of it matches the field's `pattern` — anchored as
 * `^(?:pattern)$` with the `u` flag, the server's Rust `regex` anchoring the same way. Returns
 * null, or why not: 'typed_empty', 'typed_form' (the pattern refuses it), 'typed_pattern'
 * (the pattern cannot be compiled here: nothing can be typed).
 */
export function checkTyped(field, value) {
  if (!txText(value, TX_LIMITS.value)) return 'typed_empty';
  if (field.pattern === undefined) return null;
  let re;
  try {
    re = new RegExp(`^(?:${field.pattern})$`, 'u');
  } catch {
    return 'typed_pattern';
  }
  return re.test(value) ? null : 'typed_form';
}

/**
 * A copy of `display` with `typed` put in its retyped fields' `value`, in order, each checked
 * with {@link checkTyped} (spec §5.5): what the device hashes when it approves, or puts in the
 * payload for the offline code. Exactly one value per retyped field ('typed_count').
 */
export function withValues(display, typed = []) {
  const copy = JSON.parse(JSON.stringify(display));
  const fields = retypedFields(copy);
  if (!Array.isArray(typed) || typed.length !== fields.length) fail('typed_count', 'one value per field to type');
  fields.forEach((f, i) => {
    const why = checkTyped(f, typed[i]);
    if (why) fail(why, f.label);
    f.value = typed[i];
  });
  return copy;
}

/**
 * `pin_proof = B64(HMAC(K', JCS({challenge, decision, device, dh, number})))` (spec §5.1).
 */
export async function pinProof(kPrime, { challenge, decision, device, dh, number }) {
  return b64.encode(await hmacSha256(kPrime, utf8(jcs({ challenge, decision, device, dh, number }))));
}

/**
 * The PIN check of `POST /device/v1/pin`: `B64(HMAC(K', JCS({device, iat, purpose:
 * "pin_check"})))`.
 */
export async function pinCheckProof(kPrime, { device, iat }) {
  return b64.encode(await hmacSha256(kPrime, utf8(jcs({ device, iat, purpose: 'pin_check' }))));
}

/** The offline code (spec §5.2): OCRA-1:HOTP-SHA256-8:QH64, Q = hex(SHA256(JCS(payload))). */
export async function ocraCode(kPrime, payload) {
  return ocra('OCRA-1:HOTP-SHA256-8:QH64', kPrime, { q: hex(await sha256(utf8(jcs(payload)))) });
}

const OCRA_HASHES = { SHA1: ['SHA-1', 20], SHA256: ['SHA-256', 32], SHA512: ['SHA-512', 64] };

/**
 * RFC 6287 §6 suite: `OCRA-1:HOTP-{SHA1|SHA256|SHA512}-{0|4..10}:[C-]Q{A|N|H}{04..64}
 * [-PSHA1|-PSHA256|-PSHA512][-Snnn][-T{1..59S|1..59M|1..48H}]`, or null.
 */
function parseOcraSuite(suite) {
  const m =
    /^OCRA-1:HOTP-(SHA1|SHA256|SHA512)-(0|[4-9]|10):(C-)?Q([ANH])(\d\d)(?:-P(SHA1|SHA256|SHA512))?(?:-S(\d{3}))?(?:-T([1-9]\d?)([SMH]))?$/.exec(
      suite,
    );
  if (!m) return null;
  const qLen = Number(m[5]);
  const session = m[7] === undefined ? null : Number(m[7]);
  const tCount = m[8] === undefined ? null : Number(m[8]);
  if (qLen < 4 || qLen > 64) return null;
  if (session !== null && (session < 1 || session > 512)) return null;
  if (tCount !== null && tCount > (m[9] === 'H' ? 48 : 59)) return null;
  return {
    hash: OCRA_HASHES[m[1]][0],
    digits: Number(m[2]),
    counter: m[3] !== undefined,
    format: m[4],
    pin: m[6] === undefined ? null : OCRA_HASHES[m[6]][1],
    session,
    time: tCount !== null,
  };
}

/** The 128-byte Q field of RFC 6287 §5.1 for question `q` in format A, N or H. */
function ocraQuestion(format, q) {
  const field = new Uint8Array(128);
  if (typeof q !== 'string' || q.length === 0) fail('bad_request', 'OCRA question');
  let nibbles;
  if (format === 'A') {
    if (!/^[\x21-\x7e]+$/.test(q) || q.length > 128) fail('bad_request', 'OCRA question');
    field.set(utf8(q));
    return field;
  }
  if (format === 'N') {
    if (!/^[0-9]+$/.test(q)) fail('bad_request', 'OCRA question');
    // The number's hexadecimal digits (BigInteger.toString(16) in the RFC's reference code).
    nibbles = BigInt(q).toString(16);
  } else {
    if (!/^[0-9A-Fa-f]+$/.test(q)) fail('bad_request', 'OCRA question');
    nibbles = q;
  }
  if (nibbles.length > 256) fail('bad_request', 'OCRA question too long');
  for (let i = 0; i < nibbles.length; i++) {
    field[i >> 1] |= parseInt(nibbles[i], 16) << (i % 2 === 0 ? 4 : 0);
  }
  return field;
}

function be64(n) {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n));
  return out;
}

/**
 * OCRA (RFC 6287 §5): `HOTP-H-t(K, suite ‖ 0x00 ‖ C ‖ Q ‖ P ‖ S ‖ T)`, then RFC 4226 §5.3's
 * dynamic truncation to t digits (t = 0: the whole HMAC in lower-case hex). Inputs: `c` the
 * counter, `q` the question (digits for N, hex for H, text for A), `p` the PIN hash (bytes),
 * `s` the session information (bytes, left-padded with zeros to the suite's length), `t` the
 * number of time steps. Each must be given if and only if the suite has it.
 */
export async function ocra(suite, keyBytes, { c, q, p, s, t } = {}) {
  const sp = parseOcraSuite(suite);
  if (!sp) fail('bad_request', 'OCRA suite');
  const parts = [utf8(suite), new Uint8Array([0])];
  if (sp.counter !== (c !== undefined)) fail('bad_request', 'OCRA counter');
  if (sp.counter) parts.push(be64(c));
  parts.push(ocraQuestion(sp.format, q));
  if ((sp.pin !== null) !== (p !== undefined)) fail('bad_request', 'OCRA password hash');
  if (sp.pin !== null) {
    const pb = toBytes(p);
    if (pb.length !== sp.pin) fail('bad_request', 'OCRA password hash length');
    parts.push(pb);
  }
  if ((sp.session !== null) !== (s !== undefined)) fail('bad_request', 'OCRA session');
  if (sp.session !== null) {
    const sb = toBytes(s);
    if (sb.length > sp.session) fail('bad_request', 'OCRA session length');
    parts.push(new Uint8Array(sp.session - sb.length), sb);
  }
  if (sp.time !== (t !== undefined)) fail('bad_request', 'OCRA timestamp');
  if (sp.time) parts.push(be64(t));
  const key = await subtle().importKey('raw', toBytes(keyBytes), { name: 'HMAC', hash: sp.hash }, false, ['sign']);
  const h = new Uint8Array(await subtle().sign('HMAC', key, concat(...parts)));
  if (sp.digits === 0) return hex(h);
  const o = h[h.length - 1] & 0x0f;
  const bin = (((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3]) >>> 0;
  return String(bin % 10 ** sp.digits).padStart(sp.digits, '0');
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

const ENROL_PATH = '/device/v1/enrol';
const CONFIRM_PATH = '/device/v1/enrol/confirm';
const CHALLENGES_PATH = '/device/v1/challenges';
const EVENTS_PATH = '/device/v1/events';
const PUSH_PATH = '/device/v1/push';
const PIN_PATH = '/device/v1/pin';
const DEVICE_PATH = '/device/v1/device';
const PROOF_HEADER = 'Limen-Proof';
// §8: a refused proof is retried once with a fresh one.
const RETRY_CODES = new Set(['missing_proof', 'invalid_proof', 'invalid_signature', 'stale_proof', 'replayed_proof']);
const MAX_ANSWER = 1024 * 1024;

const defaultNow = () => Math.floor(Date.now() / 1000);

/** The refusal of a non-2xx answer: its `{"error": code}`, or `http_<status>`. */
async function refusal(response) {
  let code = `http_${response.status}`;
  try {
    const text = await response.text();
    const v = JSON.parse(text.slice(0, 4096));
    if (v && typeof v.error === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v.error)) code = v.error;
  } catch {
    // Not JSON: the status says it.
  }
  return new ProtocolError(code, response.status);
}

async function bodyText(response, max = MAX_ANSWER) {
  let text;
  try {
    text = await response.text();
  } catch {
    fail('network', 'the answer was cut');
  }
  if (text.length > max) fail('bad_answer', 'answer too large');
  return text;
}

/** The signed object of a 2xx answer (`application/jose`). */
async function signedAnswer(response) {
  const type = (response.headers.get('content-type') || '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/jose') fail('bad_answer', 'not a signed object');
  return (await bodyText(response, MAX_COMPACT_LEN)).trim();
}

async function jsonAnswer(response) {
  try {
    return JSON.parse(await bodyText(response));
  } catch (e) {
    if (e instanceof ProtocolError) throw e;
    fail('bad_answer', 'not JSON');
  }
}

/**
 * Sends a signed request: `makeProofFor(htu, bodyBytes)` gives a fresh proof per attempt; a
 * §8 proof refusal is retried once. Returns the 2xx response or throws the refusal.
 */
async function signedFetch(fetchFn, method, url, body, makeProofFor, extraHeaders = {}, signal) {
  const bytes = body === undefined ? new Uint8Array(0) : utf8(JSON.stringify(body));
  for (let attempt = 0; ; attempt++) {
    const headers = { [PROOF_HEADER]: await makeProofFor(url, bytes), ...extraHeaders };
    if (bytes.length > 0) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetchFn(url, {
        method,
        headers,
        body: bytes.length > 0 ? bytes : undefined,
        cache: 'no-store',
        signal,
      });
    } catch (e) {
      if (signal && signal.aborted) throw e;
      throw new ProtocolError('network', 0, String((e && e.message) || e));
    }
    if (response.ok) return response;
    const err = await refusal(response);
    if (attempt === 0 && response.status === 401 && RETRY_CODES.has(err.code)) continue;
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// §3 Enrolment
// ---------------------------------------------------------------------------------------------

const BAD_DEVICE_TEXT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function checkDeviceText(s, what) {
  if (typeof s !== 'string' || [...s].length > 64 || BAD_DEVICE_TEXT.test(s)) {
    fail('bad_request', `${what}: at most 64 characters, no control characters`);
  }
}

/**
 * Enrols with the server of an enrolment link (spec §3 steps 3–5): parses the link, derives
 * P(PIN) (a malformed PIN is refused before the single-use link is spent), generates the
 * device key D and an ephemeral ECDH key e, `POST /device/v1/enrol` with a proof carrying D as
 * `jwk`, checks the answer — the server key's thumbprint is the link's `sk` ('wrong_server'),
 * the signature under it ('bad_signature'), `v` ('version'), `iss` ('wrong_issuer'), `device`
 * its own id ('wrong_device') — derives K, keeps only M = K ⊕ P(PIN), and confirms with the PIN
 * check (`POST /device/v1/enrol/confirm`; a PIN other than the web page's gives 409
 * 'pin_mismatch'). Returns the account record to store.
 */
export async function enrol(linkText, pin, { os = '', model = '', app = '' } = {}, { fetch: fetchFn, now } = {}) {
  const fetcher = fetchFn || globalThis.fetch.bind(globalThis);
  const clock = now || defaultNow;
  const link = parseEnrolLink(linkText, clock());
  checkDeviceText(os, 'os');
  checkDeviceText(model, 'model');
  checkDeviceText(app, 'app');
  const p = await pinKey(pin, link.salt);
  const keys = await generateDeviceKey();
  const deviceJwk = await publicJwk(keys.publicKey);
  const device = await thumbprint(deviceJwk);
  const e = await subtle().generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  const body = { v: 1, tok: link.tok, device_key: deviceJwk, ecdh_key: await publicJwk(e.publicKey), os, model, app };
  const response = await signedFetch(fetcher, 'POST', link.iss + ENROL_PATH, body, (htu, bytes) =>
    makeProof(keys.privateKey, { htm: 'POST', htu, body: bytes, jwk: deviceJwk, now: clock() }),
  );
  const signed = await signedAnswer(response);

  // Step 5: the server key must be the one the link pins, then the answer must verify under it.
  const peek = peekJws(signed);
  if (!peek) fail('bad_signature', 'malformed enrolment answer');
  const serverKey = ecJwk(peek.payload.server_key, 'bad_answer');
  if ((await thumbprint(serverKey)) !== link.sk) {
    fail('wrong_server', "the server's key is not the one named in the enrolment link");
  }
  const answer = await verifyJws(signed, TYP_ENROLMENT, serverKey);
  if (answer.v !== 1) fail('version', 'enrolment answer of another version');
  if (answer.iss !== link.iss) fail('wrong_issuer', 'the enrolment answer is for another server');
  if (answer.device !== device) fail('wrong_device', 'the enrolment answer is for another device');
  if (typeof answer.name !== 'string' || typeof answer.account !== 'string') fail('bad_answer', 'enrolment answer');

  const z = await ecdhSecret(e.privateKey, answer.ecdh_key);
  const k = await offlineKey(z, link.tok, device);
  const check = await pinCheck(k, p);
  const mask = xor32(k, p);
  // K, Z and P(PIN) are not kept (§2.1): overwrite them now.
  k.fill(0);
  z.fill(0);
  p.fill(0);
  const record = {
    iss: link.iss,
    device,
    account: answer.account,
    name: answer.name,
    label: answer.name,
    keys,
    server_key: serverKey,
    sk: link.sk,
    salt: link.salt,
    mask,
    created: clock(),
  };
  await new Device(record, { fetch: fetcher, now: clock }).send('POST', CONFIRM_PATH, { v: 1, pin_check: check });
  return record;
}

// ---------------------------------------------------------------------------------------------
// The enrolled device
// ---------------------------------------------------------------------------------------------

const CHALLENGE_KINDS = new Set(['push', 'offline', 'on_mobile']);
const RECEIPT_RESULTS = new Set(['approved', 'denied', 'wrong_number', 'wrong_pin', 'locked', 'expired', 'gone']);
const OFFLINE_LEEWAY = 300;
const MAX_CHALLENGE_SECONDS = 120;

/** An enrolled device: signs its requests with the record's key, verifies what it receives. */
export class Device {
  constructor(record, { fetch: fetchFn, now } = {}) {
    this.record = record;
    this.fetch = fetchFn || ((...args) => globalThis.fetch(...args));
    this.now = now || defaultNow;
  }

  /** A signed request to `{iss}{path}` (spec §4); returns the 2xx response. */
  async send(method, path, body, { headers, signal } = {}) {
    const { keys, device } = this.record;
    return signedFetch(
      this.fetch,
      method,
      this.record.iss + path,
      body,
      (htu, bytes) => makeProof(keys.privateKey, { htm: method, htu, body: bytes, kid: device, now: this.now() }),
      headers,
      signal,
    );
  }

  /**
   * Verifies a challenge (spec §5): signature under the pinned server key and `typ`
   * ('bad_signature'), `v` ('version'), `iss` its own ('wrong_issuer'), a well-formed id,
   * kind, display and life ≤ 120 s ('bad_answer'), not expired ('expired'). With `offline`
   * the kind must be `offline` and 5 minutes of clock difference are allowed; otherwise it
   * must be `push` or `on_mobile`.
   */
  async verifyChallenge(jws, { offline = false } = {}) {
    const payload = await verifyJws(jws, TYP_CHALLENGE, this.record.server_key);
    if (payload.v !== 1) fail('version', 'challenge of another version');
    if (payload.iss !== this.record.iss) fail('wrong_issuer', "the request is not from this device's server");
    if (!isChallengeId(payload.id) || !CHALLENGE_KINDS.has(payload.kind)) fail('bad_answer', 'challenge');
    if (offline !== (payload.kind === 'offline')) {
      fail(offline ? 'bad_link' : 'bad_answer', `a ${payload.kind} request here`);
    }
    const d = payload.display;
    if (
      !d ||
      typeof d !== 'object' ||
      typeof d.service !== 'string' ||
      !d.origin ||
      typeof d.origin.ip !== 'string' ||
      typeof d.origin.browser !== 'string'
    ) {
      fail('bad_answer', 'challenge display');
    }
    if (d.tx !== undefined) checkTransaction(d.tx);
    const { iat, exp } = payload;
    if (!Number.isSafeInteger(iat) || !Number.isSafeInteger(exp) || exp - iat < 0 || exp - iat > MAX_CHALLENGE_SECONDS) {
      fail('bad_answer', 'challenge life');
    }
    if (this.now() >= exp + (offline ? OFFLINE_LEEWAY : 0)) fail('expired', 'the request has expired');
    return payload;
  }

  /** `GET /device/v1/challenges` (spec §5.1): pending challenges, verified; expired ones left out. */
  async challenges() {
    const list = await jsonAnswer(await this.send('GET', CHALLENGES_PATH));
    if (!list || !Array.isArray(list.challenges) || !list.challenges.every((c) => typeof c === 'string')) {
      fail('bad_answer', 'not a list of challenges');
    }
    const out = [];
    for (const jws of list.challenges) {
      try {
        out.push({ jws, payload: await this.verifyChallenge(jws) });
      } catch (e) {
        if (!(e instanceof ProtocolError && e.code === 'expired')) throw e;
      }
    }
    return out;
  }

  /** `GET /device/v1/challenges/{id}` (spec §5.3): the challenge with this id, verified. */
  async challenge(id) {
    if (!isChallengeId(id)) fail('bad_link', 'not a challenge id');
    const jws = await signedAnswer(await this.send('GET', `${CHALLENGES_PATH}/${id}`));
    const payload = await this.verifyChallenge(jws);
    if (payload.id !== id) fail('bad_answer', 'the server sent another challenge');
    return { jws, payload };
  }

  /** `K' = M ⊕ P(PIN)`. */
  async unmask(pin) {
    return xor32(this.record.mask, await pinKey(pin, this.record.salt));
  }

  /**
   * Approves (spec §5.1, §5.3) with the number typed (two digits, or '' for On Mobile) and the
   * PIN; a wrong PIN is the receipt's `wrong_pin` (only the server can tell). `typed`: the
   * values the user typed for the transaction's retyped fields, in order (spec §5.5), hashed
   * into `dh` with the display; a value that is not the transaction's is refused by the server
   * as 400 'display_hash', the request staying open. Returns the receipt's payload, verified.
   */
  async approve(payload, number, pin, typed = []) {
    if (typeof number !== 'string' || !/^([0-9]{2})?$/.test(number)) fail('bad_request', 'the number is two digits');
    this.checkAnswerable(payload);
    const display = withValues(payload.display, typed);
    const kPrime = await this.unmask(pin);
    const dh = await displayHash(display);
    const proof = await pinProof(kPrime, { challenge: payload.id, decision: 'approve', device: this.record.device, dh, number });
    kPrime.fill(0);
    return this.answer(payload, 'approve', { v: 1, decision: 'approve', number, dh, pin_proof: proof });
  }

  /** Denies (spec §5.1), no PIN; `notMe` adds `"reason": "not_me"`. Returns the receipt's payload. */
  async deny(payload, { notMe = false } = {}) {
    this.checkAnswerable(payload);
    const body = { v: 1, decision: 'deny', dh: await displayHash(payload.display) };
    if (notMe) body.reason = 'not_me';
    return this.answer(payload, 'deny', body);
  }

  checkAnswerable(payload) {
    if (!payload || !isChallengeId(payload.id)) fail('bad_request', 'not a challenge');
    if (payload.iss !== this.record.iss) fail('wrong_issuer', "the request is not from this device's server");
  }

  async answer(payload, decision, body) {
    const jws = await signedAnswer(await this.send('POST', `${CHALLENGES_PATH}/${payload.id}`, body));
    const receipt = await verifyJws(jws, TYP_RECEIPT, this.record.server_key);
    if (receipt.v !== 1) fail('version', 'receipt of another version');
    if (receipt.iss !== this.record.iss) fail('wrong_issuer', 'the receipt is from another server');
    if (receipt.device !== this.record.device) fail('wrong_device', 'the receipt is for another device');
    if (receipt.challenge !== payload.id || receipt.decision !== decision || !RECEIPT_RESULTS.has(receipt.result)) {
      fail('bad_answer', 'the receipt is not for this answer');
    }
    return receipt;
  }

  /**
   * The offline code (spec §5.2), no network: `jws` is the signed challenge or its link
   * `limen://challenge?c=…`; verified as an offline challenge, then OCRA under K' of the
   * payload as received, with `typed` put in the retyped fields (spec §5.5). Returns `{code,
   * payload}` (the payload as received).
   */
  async offlineCode(jws, pin, typed = []) {
    let signed = typeof jws === 'string' ? jws.trim() : '';
    if (signed.startsWith('limen:')) {
      const link = parseChallengeLink(signed);
      if (!link.jws) fail('bad_link', 'an On Mobile link, not an offline QR code');
      signed = link.jws;
    }
    const payload = await this.verifyChallenge(signed, { offline: true });
    const filled = { ...payload, display: withValues(payload.display, typed) };
    const kPrime = await this.unmask(pin);
    const code = await ocraCode(kPrime, filled);
    kPrime.fill(0);
    return { code, payload };
  }

  /**
   * `POST /device/v1/pin` (spec §5.4): asks the server whether `pin` is right ('ok',
   * 'wrong_pin' or 'locked'); it counts against the device's PIN tries like an approval. A
   * device already locked (401 'device_locked') is 'locked' too.
   */
  async checkPin(pin) {
    const kPrime = await this.unmask(pin);
    const iat = this.now();
    const proof = await pinCheckProof(kPrime, { device: this.record.device, iat });
    kPrime.fill(0);
    let answer;
    try {
      answer = await jsonAnswer(await this.send('POST', PIN_PATH, { v: 1, iat, pin_proof: proof }));
    } catch (e) {
      if (e instanceof ProtocolError && e.code === 'device_locked') return 'locked';
      throw e;
    }
    if (!answer || !['ok', 'wrong_pin', 'locked'].includes(answer.result)) fail('bad_answer', 'PIN check answer');
    return answer.result;
  }

  /**
   * Changes the PIN on the device only (spec §5.4): the new one must be digits, at least 4 and
   * no shorter than the old one, which met the server's pin_length at enrolment
   * ('pin_format'); the server must say the old one is right first (else 'wrong_pin' or
   * 'device_locked'); the new mask is `M ⊕ P(old) ⊕ P(new)`, so K is unchanged. Returns the
   * new record (also this device's record from now on).
   */
  async changePin(oldPin, newPin) {
    if (typeof newPin !== 'string' || typeof oldPin !== 'string' || newPin.length < Math.max(4, oldPin.length)) {
      fail('pin_format', 'the new PIN is at least 4 digits and no shorter than the old one');
    }
    const pNew = await pinKey(newPin, this.record.salt);
    const result = await this.checkPin(oldPin);
    if (result === 'wrong_pin') throw new ProtocolError('wrong_pin', 0, 'the old PIN is wrong');
    if (result === 'locked') throw new ProtocolError('device_locked', 0, 'the device is locked');
    const kPrime = await this.unmask(oldPin);
    const record = { ...this.record, mask: xor32(kPrime, pNew) };
    kPrime.fill(0);
    pNew.fill(0);
    this.record = record;
    return record;
  }

  /** `DELETE /device/v1/device` (§3.7): the server locks this device (only My account removes
   * it); already removed is fine. The caller erases the keys only once this resolves. */
  async unlink() {
    try {
      await this.send('DELETE', DEVICE_PATH);
    } catch (e) {
      if (e instanceof ProtocolError && e.code === 'unknown_device') return;
      throw e;
    }
  }

  /** `GET /device/v1/push` (spec §7): the server's VAPID key (B64 of 65 bytes) or null. */
  async pushKey() {
    const v = await jsonAnswer(await this.send('GET', PUSH_PATH));
    if (!v || !(v.vapid_key === null || b64Exact(v.vapid_key, 65))) fail('bad_answer', 'VAPID key');
    return v.vapid_key;
  }

  /** `PUT /device/v1/push` (spec §7): the Web Push subscription; keys as bytes or base64url. */
  async setPush({ endpoint, p256dh, auth }) {
    const key = (k) => (typeof k === 'string' ? b64.encode(b64.decode(k.replace(/=+$/, ''))) : b64.encode(toBytes(k)));
    await this.send('PUT', PUSH_PATH, { v: 1, endpoint, p256dh: key(p256dh), auth: key(auth) });
  }

  /** `DELETE /device/v1/push` (spec §7). */
  async clearPush() {
    await this.send('DELETE', PUSH_PATH);
  }

  /**
   * The live channel (spec §6): `GET /device/v1/events` through fetch (EventSource cannot send
   * the proof), parsed as WHATWG HTML §9.2 says. `onChallenge(jws, payload)` for each challenge
   * that verifies (expired ones are skipped; one that does not verify rejects), `onRevoked()`
   * when the device was removed, `onOpen()` once the stream is open. Resolves when the server
   * closes the stream, when it is silent for `idleSeconds` (default 75: the server writes every
   * 25 s) or when `signal` aborts; rejects with a ProtocolError on a refusal or a broken
   * connection.
   */
  async events({ onChallenge = () => {}, onRevoked = () => {}, onOpen = () => {}, signal, idleSeconds = 75 } = {}) {
    const idle = new AbortController();
    const onAbort = () => idle.abort();
    if (signal) {
      if (signal.aborted) return;
      signal.addEventListener('abort', onAbort, { once: true });
    }
    let timer = null;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => idle.abort(), idleSeconds * 1000);
    };
    try {
      arm();
      let response;
      try {
        response = await this.send('GET', EVENTS_PATH, undefined, {
          headers: { Accept: 'text/event-stream' },
          signal: idle.signal,
        });
      } catch (e) {
        if (idle.signal.aborted) return;
        throw e;
      }
      const type = (response.headers.get('content-type') || '').split(';')[0].trim().toLowerCase();
      if (type !== 'text/event-stream' || !response.body) fail('bad_answer', 'not an event stream');
      onOpen();
      const parser = new SseParser();
      const reader = response.body.getReader();
      // An abort (the caller's, or silence) ends a pending read, whatever the fetch does.
      idle.signal.addEventListener('abort', () => reader.cancel().catch(() => {}), { once: true });
      if (idle.signal.aborted) {
        reader.cancel().catch(() => {});
        return;
      }
      for (;;) {
        let chunk;
        try {
          chunk = await reader.read();
        } catch (e) {
          if (idle.signal.aborted) return;
          throw new ProtocolError('network', 0, String((e && e.message) || e));
        }
        if (chunk.done) return;
        arm();
        for (const event of parser.feed(chunk.value)) {
          if (event.type === 'challenge') {
            const jws = event.data.trim();
            let payload;
            try {
              payload = await this.verifyChallenge(jws);
            } catch (e) {
              if (e instanceof ProtocolError && e.code === 'expired') continue;
              throw e;
            }
            await onChallenge(jws, payload);
          } else if (event.type === 'revoked') {
            await onRevoked();
            reader.cancel().catch(() => {});
            return;
          }
        }
      }
    } finally {
      clearTimeout(timer);
      if (signal) signal.removeEventListener('abort', onAbort);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// §6 Server-Sent Events
// ---------------------------------------------------------------------------------------------

const MAX_SSE_LINE = 64 * 1024;

/**
 * An incremental event stream parser (WHATWG HTML §9.2.6, "Interpreting an event stream").
 * Chunks are bytes (decoded as streamed UTF-8, the BOM dropped, bad bytes replaced) or text,
 * cut anywhere — inside a line, inside a character, between the CR and LF of a CRLF. Lines end
 * with CRLF, LF or CR; ':' starts a comment; `field: value` (one space dropped); `event` sets
 * the type, `data` appends value + LF, `id` the last event id (unless it has NUL), `retry`
 * (digits) the reconnection time; an empty line dispatches (nothing when the data is empty) an
 * event `{type, data, id}` with type 'message' by default and data without its last LF.
 * A line or an event's data over 64 KiB throws ProtocolError('bad_answer').
 */
export class SseParser {
  constructor() {
    this.decoder = new TextDecoder('utf-8');
    this.line = '';
    this.afterCr = false;
    this.type = '';
    this.data = '';
    this.lastId = '';
    this.retry = null;
  }

  feed(chunk) {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const out = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch !== '\r' && ch !== '\n') continue;
      if (ch === '\n' && this.afterCr && i === start && this.line === '') {
        // The LF of a CRLF whose CR ended the line (possibly in the previous chunk).
        this.afterCr = false;
        start = i + 1;
        continue;
      }
      this.afterCr = ch === '\r';
      this.endLine(this.line + text.slice(start, i), out);
      this.line = '';
      start = i + 1;
    }
    if (start < text.length) {
      this.afterCr = false;
      this.line += text.slice(start);
      if (this.line.length > MAX_SSE_LINE) fail('bad_answer', 'event stream line too long');
    }
    return out;
  }

  endLine(line, out) {
    if (line === '') {
      const data = this.data;
      const type = this.type;
      this.data = '';
      this.type = '';
      if (data !== '') out.push({ type: type || 'message', data: data.slice(0, -1), id: this.lastId });
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.type = value;
    else if (field === 'data') {
      if (this.data.length + value.length + 1 > MAX_SSE_LINE) fail('bad_answer', 'event too long');
      this.data += `${value}\n`;
    } else if (field === 'id') {
      if (!value.includes('\0')) this.lastId = value;
    } else if (field === 'retry') {
      if (/^[0-9]+$/.test(value)) this.retry = Number(value);
    }
  }
}
