// protocol.js against the values limen-mobile computes (vectors.json, checked on the Rust side
// by crates/limen-mobile/tests/js_vectors.rs): JS == Rust on every one.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { P, vectors, fromHex, toHex } from './helpers.mjs';

const { b64 } = P;

test('base64url: RFC 4648 §10 (unpadded) and the URL-safe alphabet, both ways', () => {
  for (const { hex, b64: text } of vectors.b64.good) {
    assert.equal(b64.encode(fromHex(hex)), text);
    assert.equal(toHex(b64.decode(text)), hex);
  }
});

test('base64url: what Rust refuses, JS refuses (padding, +/, white space, junk, trailing bits)', () => {
  assert.ok(vectors.b64.bad.length >= 10);
  for (const bad of vectors.b64.bad) {
    assert.throws(() => b64.decode(bad), (e) => e instanceof P.ProtocolError && e.code === 'bad_link', bad);
  }
});

test('JCS: the same canonical text as Rust, from the same JSON text (RFC 8785 §3.2.2, §3.2.3, non-ASCII)', () => {
  for (const { json, jcs } of vectors.jcs.good) {
    assert.equal(P.jcs(JSON.parse(json)), jcs, json);
  }
  // The RFC 8785 §3.2.3 ordering really is by UTF-16 code units: the emoji (D83D DE00) before
  // U+FB33, which UTF-8 or code-point order would put after it.
  const sorted = P.jcs(JSON.parse(vectors.jcs.good[2].json));
  assert.ok(sorted.indexOf('\u{1F600}') < sorted.indexOf('\uFB33'));
});

test('JCS: what Rust refuses, JS refuses (fractions, integers beyond 2^53 − 1)', () => {
  for (const text of vectors.jcs.bad) {
    assert.throws(() => P.jcs(JSON.parse(text)), P.ProtocolError, text);
  }
});

test('RFC 7638 thumbprints of P-256 keys (RFC 9449 §6.1 key, the server key, RFC 5903 keys)', async () => {
  assert.equal(vectors.thumbprint[0].thumbprint, '0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I');
  for (const { jwk, thumbprint } of vectors.thumbprint) {
    assert.equal(await P.thumbprint(jwk), thumbprint);
    // Member order and extra members of the input do not matter (RFC 7638 §3.2–3.3).
    assert.equal(await P.thumbprint({ y: jwk.y, x: jwk.x, kty: 'EC', crv: 'P-256', kid: 'k', use: 'sig' }), thumbprint);
  }
});

test('P(PIN): Argon2id m=19456 t=2 p=1 as the argon2 crate computes it', async () => {
  for (const { pin, salt, p } of vectors.pin_key) {
    assert.equal(b64.encode(await P.pinKey(pin, b64.decode(salt))), p, pin);
  }
});

test('the offline key: ECDH of the RFC 5903 §8.1 keys, HKDF, PIN check and mask as Rust', async () => {
  const v = vectors.offline_key;
  const ecdh = (jwk) => crypto.subtle.importKey('jwk', jwk, { name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  const pub = ({ kty, crv, x, y }) => ({ kty, crv, x, y });
  // Z both ways is the RFC's g^ir x coordinate.
  const z1 = await P.ecdhSecret(await ecdh(v.device_ecdh), pub(v.server_ecdh));
  const z2 = await P.ecdhSecret(await ecdh(v.server_ecdh), pub(v.device_ecdh));
  assert.equal(b64.encode(z1), v.z);
  assert.equal(b64.encode(z2), v.z);
  assert.equal(toHex(z1), 'd6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de');
  const k = await P.offlineKey(z1, v.tok, v.device);
  assert.equal(b64.encode(k), v.k);
  assert.equal(await P.pinCheck(k, b64.decode(v.pin_key)), v.pin_check);
  assert.equal(b64.encode(P.xor32(k, b64.decode(v.pin_key))), v.mask);
  // And P(PIN) itself for the vector's PIN and salt.
  assert.equal(b64.encode(await P.pinKey('2468', b64.decode(vectors.offline_code.salt))), v.pin_key);
  // Another token or device gives another K.
  assert.notEqual(b64.encode(await P.offlineKey(z1, `${v.tok}x`, v.device)), v.k);
  assert.notEqual(b64.encode(await P.offlineKey(z1, v.tok, `${v.device}x`)), v.k);
});

test('display hashes and PIN proofs as Rust', async () => {
  for (const { display, dh } of vectors.display.display_hash) {
    assert.equal(await P.displayHash(display), dh);
  }
  for (const v of vectors.display.pin_proof) {
    const proof = await P.pinProof(b64.decode(v.k), v);
    assert.equal(proof, v.pin_proof);
    assert.notEqual(await P.pinProof(b64.decode(v.k), { ...v, number: v.number === '42' ? '43' : '42' }), v.pin_proof);
  }
});

test('the PIN check proof of POST /device/v1/pin as Rust computes it', async () => {
  const v = vectors.pin_check_proof;
  assert.equal(await P.pinCheckProof(b64.decode(v.k), v), v.pin_proof);
  assert.notEqual(await P.pinCheckProof(b64.decode(v.k), { ...v, iat: v.iat + 1 }), v.pin_proof);
});

test('OCRA: RFC 6287 Appendix C and the offline suite, as Rust', async () => {
  assert.ok(vectors.ocra.length >= 70);
  for (const v of vectors.ocra) {
    const input = { q: v.q };
    if (v.c !== undefined) input.c = v.c;
    if (v.p !== undefined) input.p = fromHex(v.p);
    if (v.t !== undefined) input.t = v.t;
    assert.equal(await P.ocra(v.suite, fromHex(v.key), input), v.code, `${v.suite} ${v.q}`);
  }
  // Published values, independently of the file: RFC 6287 Appendix C.1 and C.3.
  const key32 = new TextEncoder().encode('12345678901234567890123456789012');
  assert.equal(await P.ocra('OCRA-1:HOTP-SHA256-8:QA08', key32, { q: 'SIG13000' }), '76028668');
});

test('the offline code of the signed challenge, from the mask and the PIN, as Rust', async () => {
  const v = vectors.offline_code;
  assert.equal(await P.ocraCode(b64.decode(v.k), v.payload), v.code);
  const mask = b64.decode(v.mask);
  const salt = b64.decode(v.salt);
  assert.equal(await P.ocraCode(P.xor32(mask, await P.pinKey(v.pin, salt)), v.payload), v.code);
  assert.equal(await P.ocraCode(P.xor32(mask, await P.pinKey(v.wrong_pin, salt)), v.payload), v.wrong_pin_code);
  assert.notEqual(v.code, v.wrong_pin_code);
});

test('a challenge signed by Rust verifies, with the payload Rust signed', async () => {
  const v = vectors.jws;
  assert.equal(await P.thumbprint(v.server_key), v.sk);
  assert.deepEqual(await P.verifyJws(v.challenge, v.typ, v.server_key), v.payload);
});

test('every tampered copy of it is refused (payload, signature, alg, typ, crit, key, form)', async () => {
  const v = vectors.jws;
  assert.ok(v.tampered.length >= 10);
  for (const { why, jws } of v.tampered) {
    await assert.rejects(P.verifyJws(jws, v.typ, v.server_key), (e) => e.code === 'bad_signature', why);
  }
  // The right object under the wrong typ or another key.
  await assert.rejects(P.verifyJws(v.challenge, 'limen-receipt+jwt', v.server_key), (e) => e.code === 'bad_signature');
  await assert.rejects(P.verifyJws(v.challenge, v.typ, vectors.thumbprint[0].jwk), (e) => e.code === 'bad_signature');
});

test('links made by Rust parse to what Rust put in them', () => {
  const { enrol, on_mobile, offline } = vectors.links;
  const parsed = P.parseEnrolLink(`  ${enrol.link}\n`, enrol.payload.exp - 1);
  assert.deepEqual({ ...parsed, salt: b64.encode(parsed.salt) }, enrol.payload);
  assert.throws(() => P.parseEnrolLink(enrol.link, enrol.payload.exp), (e) => e.code === 'expired');
  assert.deepEqual(P.parseChallengeLink(on_mobile.link), { id: on_mobile.id, iss: on_mobile.iss });
  assert.deepEqual(P.parseChallengeLink(offline.link), { jws: offline.jws });
});
