// protocol.js unchanged in Chromium: a page served from 127.0.0.1 (a secure context) imports
// the module as the app does, checks the vectors.json values Rust computed (JCS, thumbprints,
// P(PIN) with the vendored Argon2id loaded by the module itself, ECDH + HKDF, PIN check, PIN
// proofs, OCRA, the offline code, a challenge signed by Rust and its tampered copies), makes
// and verifies a proof with a non-extractable key, and keeps an account record in IndexedDB
// (CryptoKeys are structured-cloneable) and signs with the key read back.
//
// Runs only when CHROMIUM_BIN names a Chromium (e.g. /usr/bin/chromium); otherwise skipped.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';

const CHROMIUM = process.env.CHROMIUM_BIN;
const ROOT = new URL('../../', import.meta.url).pathname;

const PAGE = `<!doctype html><meta charset="utf-8"><title>protocol.js</title>
<script type="module">
const results = [];
const check = (name, ok, detail = '') => results.push({ name, ok: !!ok, detail: String(detail) });
try {
  const P = await import('/crates/limen-web/static/authenticator/protocol.js');
  const v = await (await fetch('/tests/authenticator/vectors.json')).json();
  const { b64 } = P;
  check('secure context', isSecureContext);
  check('jcs', v.jcs.good.every(({ json, jcs }) => P.jcs(JSON.parse(json)) === jcs));
  let jcsBad = 0;
  for (const t of v.jcs.bad) { try { P.jcs(JSON.parse(t)); } catch (e) { if (e.code === 'bad_answer') jcsBad++; } }
  check('jcs refusals', jcsBad === v.jcs.bad.length, jcsBad);
  check('b64', v.b64.good.every(({ b64: t }) => b64.encode(b64.decode(t)) === t));
  for (const { jwk, thumbprint } of v.thumbprint) check('thumbprint', (await P.thumbprint(jwk)) === thumbprint);
  for (const { pin, salt, p } of v.pin_key) check('pinKey ' + pin, b64.encode(await P.pinKey(pin, b64.decode(salt))) === p);
  const o = v.offline_key;
  const ecdh = await crypto.subtle.importKey('jwk', o.device_ecdh, { name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  const { kty, crv, x, y } = o.server_ecdh;
  const z = await P.ecdhSecret(ecdh, { kty, crv, x, y });
  check('ecdh', b64.encode(z) === o.z);
  const k = await P.offlineKey(z, o.tok, o.device);
  check('offline key', b64.encode(k) === o.k);
  check('pin check', (await P.pinCheck(k, b64.decode(o.pin_key))) === o.pin_check);
  for (const d of v.display.display_hash) check('display hash', (await P.displayHash(d.display)) === d.dh);
  for (const p of v.display.pin_proof) check('pin proof', (await P.pinProof(b64.decode(p.k), p)) === p.pin_proof);
  const pc = v.pin_check_proof;
  check('pin check proof', (await P.pinCheckProof(b64.decode(pc.k), pc)) === pc.pin_proof);
  let ocraOk = 0;
  for (const t of v.ocra) {
    const input = { q: t.q };
    if (t.c !== undefined) input.c = t.c;
    if (t.p !== undefined) input.p = Uint8Array.from(t.p.match(/../g), (h) => parseInt(h, 16));
    if (t.t !== undefined) input.t = t.t;
    const key = Uint8Array.from(t.key.match(/../g), (h) => parseInt(h, 16));
    if ((await P.ocra(t.suite, key, input)) === t.code) ocraOk++;
  }
  check('ocra', ocraOk === v.ocra.length, ocraOk);
  const oc = v.offline_code;
  const kp = P.xor32(b64.decode(oc.mask), await P.pinKey(oc.pin, b64.decode(oc.salt)));
  check('offline code', (await P.ocraCode(kp, oc.payload)) === oc.code);
  const j = v.jws;
  const payload = await P.verifyJws(j.challenge, j.typ, j.server_key);
  check('jws', JSON.stringify(payload) === JSON.stringify(j.payload));
  let refused = 0;
  for (const t of j.tampered) { try { await P.verifyJws(t.jws, j.typ, j.server_key); } catch (e) { if (e.code === 'bad_signature') refused++; } }
  check('tampered refused', refused === j.tampered.length, refused);
  const keys = await P.generateDeviceKey();
  check('non-extractable', keys.privateKey.extractable === false);
  const jwk = await P.publicJwk(keys.publicKey);
  const proof = await P.makeProof(keys.privateKey, { htm: 'GET', htu: 'https://id.example.eu/x', kid: 'd', now: 1 });
  check('proof', (await P.verifyJws(proof, 'limen-proof+jwt', jwk)).htu === 'https://id.example.eu/x');
  // IndexedDB keeps a record with its CryptoKeys; the key read back still signs.
  const db = await new Promise((res, rej) => {
    const r = indexedDB.open('protocol-js-test', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('accounts', { keyPath: 'device' });
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
  });
  const record = { device: await P.thumbprint(jwk), keys, salt: new Uint8Array(16), mask: new Uint8Array(32).fill(1), server_key: jwk };
  await new Promise((res, rej) => {
    const tx = db.transaction('accounts', 'readwrite');
    tx.objectStore('accounts').put(record);
    tx.oncomplete = res;
    tx.onerror = () => rej(tx.error);
  });
  const back = await new Promise((res, rej) => {
    const r = db.transaction('accounts').objectStore('accounts').get(record.device);
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
  });
  check('indexeddb key kept non-extractable', back.keys.privateKey.extractable === false && back.mask instanceof Uint8Array);
  const proof2 = await P.makeProof(back.keys.privateKey, { htm: 'GET', htu: 'https://id.example.eu/y', kid: 'd', now: 2 });
  check('indexeddb key signs', (await P.verifyJws(proof2, 'limen-proof+jwt', jwk)).iat === 2);
} catch (e) {
  check('no exception', false, e && (e.stack || e.message || e));
}
await fetch('/results', { method: 'POST', body: JSON.stringify(results) });
</script>`;

const TYPES = { '.js': 'text/javascript', '.json': 'application/json', '.html': 'text/html' };

test('protocol.js in Chromium: the Rust vectors, keys, proofs and IndexedDB', { skip: !CHROMIUM && 'CHROMIUM_BIN is not set' }, async (t) => {
  let deliver;
  const results = new Promise((resolve) => {
    deliver = resolve;
  });
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/results') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.end();
        deliver(JSON.parse(body));
      });
      return;
    }
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(PAGE);
      return;
    }
    const path = normalize(join(ROOT, decodeURIComponent(req.url.split('?')[0])));
    if (!path.startsWith(ROOT)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(path);
      res.writeHead(200, { 'content-type': TYPES[path.slice(path.lastIndexOf('.'))] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const profile = mkdtempSync(join(tmpdir(), 'protocol-js-chromium-'));
  const browser = spawn(
    CHROMIUM,
    ['--headless=new', '--no-sandbox', '--disable-gpu', `--user-data-dir=${profile}`, `http://127.0.0.1:${server.address().port}/`],
    // Its own process group: Chromium's helpers (renderer, utility, crash handler) outlive the
    // main process by a moment and write into the profile meanwhile; the group is stopped whole.
    { stdio: 'ignore', detached: true },
  );
  const exited = new Promise((resolve) => browser.once('exit', resolve));
  browser.on('exit', (status) => deliver([{ name: 'chromium ran the page', ok: false, detail: `exited with ${status}` }]));
  t.after(async () => {
    const group = -browser.pid;
    const signal = (sig) => {
      try {
        process.kill(group, sig);
        return true;
      } catch {
        return false; // ESRCH: nobody left in the group
      }
    };
    signal('SIGTERM');
    await exited;
    // Every helper gone (SIGKILL after 5 s), then the profile can be removed.
    for (let i = 0; signal(0); i++) {
      if (i === 50) signal('SIGKILL');
      if (i === 100) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    server.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10 });
  });
  const list = await results;
  const failed = list.filter((r) => !r.ok);
  assert.deepEqual(failed, []);
  assert.ok(list.length >= 30, `only ${list.length} checks ran`);
});
