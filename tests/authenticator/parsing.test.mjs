// Parsing and refusals of protocol.js that need no server: links (spec §3 step 2, §5.2,
// §5.3), base64url, JCS, signed objects, the PIN's form, OCRA inputs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { P } from './helpers.mjs';

const { b64, utf8, ProtocolError } = P;
const NOW = 1_750_000_000;
const ID = b64.encode(new Uint8Array(32).fill(0x5a));
const code = (c) => (e) => e instanceof ProtocolError && e.code === c;

function enrolLink(over = {}, { raw } = {}) {
  const payload = {
    v: 1,
    iss: 'https://id.example.eu',
    tok: b64.encode(new Uint8Array(32).fill(1)),
    salt: b64.encode(new Uint8Array(16).fill(2)),
    sk: b64.encode(new Uint8Array(32).fill(3)),
    exp: NOW + 300,
    ...over,
  };
  return `limen://enrol?p=${b64.encode(utf8(raw ?? JSON.stringify(payload)))}`;
}

test('parseEnrolLink: a good link, trimmed; loopback http allowed', () => {
  const p = P.parseEnrolLink(`\n  ${enrolLink()}  \r\n`, NOW);
  assert.equal(p.v, 1);
  assert.equal(p.iss, 'https://id.example.eu');
  assert.deepEqual(p.salt, new Uint8Array(16).fill(2));
  assert.equal(p.exp, NOW + 300);
  for (const iss of ['http://127.0.0.1:8080', 'http://[::1]:3000', 'http://localhost', 'https://id.example.eu:8443/sso', 'https://[2001:db8::1]']) {
    assert.equal(P.parseEnrolLink(enrolLink({ iss }), NOW).iss, iss);
  }
});

test('parseEnrolLink: version, expiry and issuer refusals', () => {
  assert.throws(() => P.parseEnrolLink(enrolLink({ v: 2 }), NOW), code('version'));
  assert.throws(() => P.parseEnrolLink(enrolLink({ v: '1' }), NOW), code('version'));
  assert.throws(() => P.parseEnrolLink(enrolLink({ exp: NOW }), NOW), code('expired'));
  assert.throws(() => P.parseEnrolLink(enrolLink({ exp: NOW - 1 }), NOW), code('expired'));
  for (const iss of ['http://id.example.eu', 'http://127.0.0.2', 'http://localhost.example.eu', 'http://10.0.0.1']) {
    assert.throws(() => P.parseEnrolLink(enrolLink({ iss }), NOW), code('insecure_issuer'), iss);
  }
});

test('parseEnrolLink: garbage is bad_link', () => {
  const bad = [
    '',
    'limen://enrol?p=',
    'limen://enrol?p=!!!',
    'limen://enrol?p=eyJ2IjoxfQ==',
    'https://id.example.eu/enrol?p=eyJ2IjoxfQ',
    'limen://ENROL?p=eyJ2IjoxfQ',
    enrolLink({}, { raw: '[1]' }),
    enrolLink({}, { raw: '{"v":1' }),
    enrolLink({ iss: 'ftp://id.example.eu' }),
    enrolLink({ iss: 'https://id.example.eu/' }),
    enrolLink({ iss: 'https://user@id.example.eu' }),
    enrolLink({ iss: 'https://id.example.eu?x=1' }),
    enrolLink({ iss: 'https://id.example.eu#x' }),
    enrolLink({ iss: 'https://id.example.eu/a/../b' }),
    enrolLink({ iss: 'https://id.example.eu:0' }),
    enrolLink({ iss: 'https://id.example.eu:65536' }),
    enrolLink({ iss: 'https://id example.eu' }),
    enrolLink({ iss: 'https://-id.example.eu' }),
    enrolLink({ iss: 42 }),
    enrolLink({ tok: b64.encode(new Uint8Array(31)) }),
    enrolLink({ salt: b64.encode(new Uint8Array(32)) }),
    enrolLink({ sk: 'not a thumbprint' }),
    enrolLink({ exp: '1750000300' }),
    enrolLink({ exp: 1.5e9 + 0.5 }),
    enrolLink({ tok: undefined }),
    `limen://enrol?p=${'A'.repeat(20000)}`,
    42,
  ];
  for (const link of bad) {
    assert.throws(() => P.parseEnrolLink(link, NOW), code('bad_link'), String(link).slice(0, 80));
  }
});

test('parseChallengeLink: the three forms', () => {
  assert.deepEqual(P.parseChallengeLink(' limen://challenge?c=aa.bb.cc\n'), { jws: 'aa.bb.cc' });
  assert.deepEqual(P.parseChallengeLink(`limen://challenge?id=${ID}&iss=https%3A%2F%2Fid.example.eu`), { id: ID, iss: 'https://id.example.eu' });
  assert.deepEqual(P.parseChallengeLink(`limen://challenge?iss=https%3A%2F%2Fid.example.eu&id=${ID}`), { id: ID, iss: 'https://id.example.eu' });
  assert.deepEqual(P.parseChallengeLink(`https://id.example.eu/authenticator/#challenge=${ID}`), { id: ID, iss: 'https://id.example.eu' });
  assert.deepEqual(P.parseChallengeLink(`http://127.0.0.1:8080/sso/authenticator/#challenge=${ID}`), { id: ID, iss: 'http://127.0.0.1:8080/sso' });
  assert.deepEqual(P.parseChallengeLink(`#challenge=${ID}`), { id: ID, iss: null });
});

test('parseChallengeLink: anything else is bad_link', () => {
  const iss = encodeURIComponent('https://id.example.eu');
  const bad = [
    '',
    'limen://challenge?',
    'limen://challenge?c=',
    'limen://challenge?c=a.b',
    'limen://challenge?c=a.b.c.d',
    'limen://challenge?c=a..c',
    'limen://challenge?c=a+b.c.d',
    'limen://challenge?c=a.b.c&c=a.b.c',
    `limen://challenge?c=a.b.c&id=${ID}`,
    `limen://challenge?id=${ID}`,
    `limen://challenge?iss=${iss}`,
    `limen://challenge?id=${ID}&iss=${iss}&x=1`,
    `limen://challenge?id=${ID}&id=${ID}&iss=${iss}`,
    `limen://challenge?id=${ID}&iss`,
    `limen://challenge?id=abc&iss=${iss}`,
    `limen://challenge?id=${ID}&iss=http%3A%2F%2Fid.example.eu`,
    `limen://challenge?id=${ID}&iss=https%3A%2F%2Fid.example.eu%2`,
    `limen://challenge?id=${ID}&iss=https%3A%2F%2Fid.example.eu%zz`,
    `limen://challenge?id=${ID}&iss=https%3A%2F%2Fid.example.eu%FF`,
    `limen://enrol?id=${ID}&iss=${iss}`,
    `https://id.example.eu/elsewhere/#challenge=${ID}`,
    `https://id.example.eu/authenticator/#challenge=${ID}x`,
    `https://id.example.eu/authenticator/#challenge=`,
    `http://id.example.eu/authenticator/#challenge=${ID}`,
    `#challenge=../${ID}`,
    `limen://challenge?c=${'a'.repeat(20000)}.b.c`,
    null,
  ];
  for (const link of bad) {
    assert.throws(() => P.parseChallengeLink(link), code('bad_link'), String(link).slice(0, 90));
  }
});

test('b64: round trips of every length; decode refuses non-canonical text', () => {
  for (let n = 0; n < 70; n++) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 151 + n) & 0xff);
    const text = b64.encode(bytes);
    assert.equal(text, Buffer.from(bytes).toString('base64url'));
    assert.deepEqual(b64.decode(text), bytes);
  }
  for (const bad of ['A', 'AAAAA', 'Zh', 'Zm9', 'Zg==', 'Z g', 'Zg\u00e9', 'Zg/', 'Zg+']) {
    assert.throws(() => b64.decode(bad), code('bad_link'), bad);
  }
  assert.throws(() => b64.decode(undefined), code('bad_link'));
});

test('jcs: refuses null, undefined, floats, non-safe integers, lone surrogates, non-JSON objects', () => {
  assert.equal(P.jcs({ b: [true, false, 'x', -0, 7], a: {} }), '{"a":{},"b":[true,false,"x",0,7]}');
  assert.equal(P.jcs(Object.assign(Object.create(null), { z: 1, a: 2 })), '{"a":2,"z":1}');
  const bad = [null, undefined, 0.5, NaN, Infinity, 2 ** 53, -(2 ** 53), 1n, '\ud800', 'a\udc00b', { a: null }, [undefined], new Date(0), new Uint8Array(1), () => 1, Symbol('s')];
  for (const v of bad) {
    assert.throws(() => P.jcs(v), ProtocolError, String(typeof v === 'symbol' ? 'symbol' : v));
  }
  // Deep nesting is bounded.
  let deep = 1;
  for (let i = 0; i < 100; i++) deep = [deep];
  assert.throws(() => P.jcs(deep), ProtocolError);
});

test('makeProof and verifyJws: header forms, and refusals of typ, alg, key and form', async () => {
  const kp = await P.generateDeviceKey();
  const jwk = await P.publicJwk(kp.publicKey);
  assert.deepEqual(Object.keys(jwk).sort(), ['crv', 'kty', 'x', 'y']);
  const a = await P.makeProof(kp.privateKey, { htm: 'GET', htu: 'https://id.example.eu/device/v1/events', kid: 'dev', now: NOW });
  const b = await P.makeProof(kp.privateKey, { htm: 'POST', htu: 'https://id.example.eu/device/v1/enrol', body: '{"v":1}', jwk, now: NOW });
  const header = (jws) => JSON.parse(new TextDecoder().decode(b64.decode(jws.split('.')[0])));
  assert.deepEqual(header(a), { alg: 'ES256', typ: 'limen-proof+jwt', kid: 'dev' });
  assert.deepEqual(header(b), { alg: 'ES256', typ: 'limen-proof+jwt', jwk });
  const pa = await P.verifyJws(a, 'limen-proof+jwt', jwk);
  assert.equal(pa.bh, b64.encode(await P.sha256(new Uint8Array(0))));
  assert.equal(pa.iat, NOW);
  const pb = await P.verifyJws(b, 'limen-proof+jwt', jwk);
  assert.equal(pb.bh, b64.encode(await P.sha256(utf8('{"v":1}'))));
  assert.notEqual(pa.jti, pb.jti);
  // Refusals.
  const other = await P.publicJwk((await P.generateDeviceKey()).publicKey);
  await assert.rejects(P.verifyJws(a, 'limen-challenge+jwt', jwk), code('bad_signature'));
  await assert.rejects(P.verifyJws(a, 'limen-proof+jwt', other), code('bad_signature'));
  await assert.rejects(P.verifyJws(a, 'limen-proof+jwt', { ...jwk, crv: 'P-384' }), code('bad_signature'));
  await assert.rejects(P.verifyJws(a, 'limen-proof+jwt', { ...jwk, y: jwk.x }), code('bad_signature'));
  await assert.rejects(P.verifyJws(`${a}x`, 'limen-proof+jwt', jwk), code('bad_signature'));
  await assert.rejects(P.verifyJws('x.y', 'limen-proof+jwt', jwk), code('bad_signature'));
  await assert.rejects(P.verifyJws(42, 'limen-proof+jwt', jwk), code('bad_signature'));
  const [h, p, s] = a.split('.');
  const noTyp = b64.encode(utf8(JSON.stringify({ alg: 'ES256', kid: 'dev' })));
  await assert.rejects(P.verifyJws(`${noTyp}.${p}.${s}`, 'limen-proof+jwt', jwk), code('bad_signature'));
  const arrayPayload = b64.encode(utf8('[1]'));
  await assert.rejects(P.verifyJws(`${h}.${arrayPayload}.${s}`, 'limen-proof+jwt', jwk), code('bad_signature'));
  await assert.rejects(P.makeProof(kp.privateKey, { htm: 'GET', htu: 'x', kid: 'd', now: 1.5 }), TypeError);
  await assert.rejects(P.makeProof(kp.privateKey, { htm: 'GET', htu: 'x', jwk: { kty: 'RSA' }, now: NOW }), ProtocolError);
});

test('generateDeviceKey: the private key cannot be exported', async () => {
  const kp = await P.generateDeviceKey();
  assert.equal(kp.privateKey.extractable, false);
  await assert.rejects(crypto.subtle.exportKey('jwk', kp.privateKey));
  assert.deepEqual(kp.privateKey.usages, ['sign']);
});

test('pinKey: digits only, 1 to 64 of them; salt of 16 bytes', async () => {
  const salt = new Uint8Array(16);
  for (const bad of ['', '12a4', '12 34', '١٢٣٤', '+123', '1234\n', '1'.repeat(65), 1234, null]) {
    await assert.rejects(P.pinKey(bad, salt), code('pin_format'), String(bad));
  }
  assert.equal((await P.pinKey('9'.repeat(64), salt)).length, 32);
  await assert.rejects(P.pinKey('1234', new Uint8Array(15)), ProtocolError);
  const a = await P.pinKey('1234', salt);
  assert.notDeepEqual(await P.pinKey('01234', salt), a);
  assert.notDeepEqual(await P.pinKey('1234', new Uint8Array(16).fill(1)), a);
});

test('xor32: an involution on 32 bytes, and only on 32 bytes', () => {
  const k = Uint8Array.from({ length: 32 }, (_, i) => (i * 37) & 0xff);
  const p = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
  const m = P.xor32(k, p);
  assert.notDeepEqual(m, k);
  assert.deepEqual(P.xor32(m, p), k);
  assert.throws(() => P.xor32(k, new Uint8Array(31)), TypeError);
});

test('ocra: inputs must match the suite; malformed suites are refused', async () => {
  const key = new Uint8Array(32);
  const ok = (suite, input) => P.ocra(suite, key, input);
  assert.match(await ok('OCRA-1:HOTP-SHA256-8:QN08', { q: '12345678' }), /^\d{8}$/);
  assert.match(await ok('OCRA-1:HOTP-SHA1-6:C-QH32-PSHA256-S064-T30S', { c: 1, q: 'ab', p: new Uint8Array(32), s: new Uint8Array(3), t: 5 }), /^\d{6}$/);
  // A shorter session input is left-padded with zeros to the suite's length.
  assert.equal(
    await ok('OCRA-1:HOTP-SHA1-6:QN08-S004', { q: '1', s: new Uint8Array([1, 2]) }),
    await ok('OCRA-1:HOTP-SHA1-6:QN08-S004', { q: '1', s: new Uint8Array([0, 0, 1, 2]) }),
  );
  const refused = [
    ['OCRA-1:HOTP-SHA256-8:C-QN08', { q: '1' }],
    ['OCRA-1:HOTP-SHA256-8:QN08', { q: '1', c: 1 }],
    ['OCRA-1:HOTP-SHA256-8:QN08-PSHA1', { q: '1' }],
    ['OCRA-1:HOTP-SHA256-8:QN08-PSHA1', { q: '1', p: new Uint8Array(32) }],
    ['OCRA-1:HOTP-SHA256-8:QN08-S004', { q: '1', s: new Uint8Array(5) }],
    ['OCRA-1:HOTP-SHA256-8:QN08-T1M', { q: '1' }],
    ['OCRA-1:HOTP-SHA256-8:QN08', { q: '' }],
    ['OCRA-1:HOTP-SHA256-8:QN08', { q: '12a' }],
    ['OCRA-1:HOTP-SHA256-8:QH08', { q: 'xyz' }],
    ['OCRA-1:HOTP-SHA256-8:QA08', { q: 'a b' }],
    ['OCRA-2:HOTP-SHA1-6:QN08', { q: '1' }],
    ['OCRA-1:HOTP-MD5-6:QN08', { q: '1' }],
    ['OCRA-1:HOTP-SHA1-3:QN08', { q: '1' }],
    ['OCRA-1:HOTP-SHA1-11:QN08', { q: '1' }],
    ['OCRA-1:HOTP-SHA1-6:QN03', { q: '1' }],
    ['OCRA-1:HOTP-SHA1-6:QN65', { q: '1' }],
    ['OCRA-1:HOTP-SHA1-6:QN08-S000', { q: '1', s: new Uint8Array(0) }],
    ['OCRA-1:HOTP-SHA1-6:QN08-T60S', { q: '1', t: 1 }],
    ['OCRA-1:HOTP-SHA1-6:QN08-T49H', { q: '1', t: 1 }],
    ['OCRA-1:HOTP-SHA1-6:QN08-T1M-PSHA1', { q: '1', t: 1, p: new Uint8Array(20) }],
  ];
  for (const [suite, input] of refused) {
    await assert.rejects(ok(suite, input), ProtocolError, `${suite} ${JSON.stringify(input)}`);
  }
});
