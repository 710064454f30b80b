// enrol() and Device against the stand-in server (fake-server.mjs): the flows of spec §3–§7
// and every refusal the device must make of what a server sends.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { P } from './helpers.mjs';
import { FakeServer, ISS } from './fake-server.mjs';

const { b64, ProtocolError } = P;
const PIN = '2468';
const INFO = { os: 'Linux', model: 'Desktop', app: 'Limen web app test' };

const code = (c) => (e) => {
  assert.ok(e instanceof ProtocolError, `not a ProtocolError: ${e}`);
  assert.equal(e.code, c, e.message);
  return true;
};

async function enrolled(options) {
  const server = await FakeServer.create(options);
  const opts = { fetch: server.fetch, now: () => server.now() };
  const record = await P.enrol(server.enrolLink(), PIN, INFO, opts);
  return { server, record, device: new P.Device(record, opts) };
}

// -- §3 enrolment -----------------------------------------------------------------------------

test('enrolment: the record, the requests, K never stored, and the device is active', async () => {
  const { server, record } = await enrolled();
  assert.equal(record.iss, ISS);
  assert.equal(record.account, 'jane@example.org');
  assert.equal(record.name, 'My phone');
  assert.equal(record.label, 'My phone');
  assert.equal(record.sk, server.sk);
  assert.deepEqual(record.server_key, server.jwk);
  assert.equal(record.device, await P.thumbprint(await P.publicJwk(record.keys.publicKey)));
  assert.equal(record.keys.privateKey.extractable, false);
  assert.deepEqual(record.salt, server.salt);
  assert.equal(record.created, server.now());
  // M = K ⊕ P(PIN): the server's K, masked; K itself is nowhere in the record.
  const k = server.devices.get(record.device).k;
  assert.deepEqual(P.xor32(record.mask, await P.pinKey(PIN, record.salt)), k);
  assert.ok(!JSON.stringify(Object.values(record).map((v) => (v instanceof Uint8Array ? b64.encode(v) : v))).includes(b64.encode(k)));
  assert.equal(server.devices.get(record.device).state, 'active');
  // The enrolment request (§3 step 3), its proof with the key itself, then the confirmation.
  const [enrol, confirm] = server.requests;
  assert.equal(enrol.path, '/device/v1/enrol');
  assert.deepEqual(Object.keys(enrol.body).sort(), ['app', 'device_key', 'ecdh_key', 'model', 'os', 'tok', 'v']);
  assert.equal(enrol.body.os, 'Linux');
  assert.notDeepEqual(enrol.body.ecdh_key, enrol.body.device_key);
  const proofHeader = JSON.parse(new TextDecoder().decode(b64.decode(enrol.proof.split('.')[0])));
  assert.deepEqual(proofHeader, { alg: 'ES256', typ: 'limen-proof+jwt', jwk: enrol.body.device_key });
  assert.equal(confirm.path, '/device/v1/enrol/confirm');
  assert.deepEqual(Object.keys(confirm.body).sort(), ['pin_check', 'v']);
  const confirmHeader = JSON.parse(new TextDecoder().decode(b64.decode(confirm.proof.split('.')[0])));
  assert.equal(confirmHeader.kid, record.device);
});

test('enrolment with a PIN other than the page’s: 409 pin_mismatch, the device is gone', async () => {
  const server = await FakeServer.create();
  await assert.rejects(P.enrol(server.enrolLink(), '1357', INFO, { fetch: server.fetch, now: () => server.now() }), (e) => {
    code('pin_mismatch')(e);
    assert.equal(e.status, 409);
    return true;
  });
  assert.equal(server.devices.size, 0);
});

test('enrolment refuses before spending the link: bad PIN, expired, other version, http issuer, bad text', async () => {
  const server = await FakeServer.create();
  const opts = { fetch: server.fetch, now: () => server.now() };
  await assert.rejects(P.enrol(server.enrolLink(), '12a4', INFO, opts), code('pin_format'));
  await assert.rejects(P.enrol(server.enrolLink(), '', INFO, opts), code('pin_format'));
  await assert.rejects(P.enrol(server.enrolLink({ exp: server.now() }), PIN, INFO, opts), code('expired'));
  await assert.rejects(P.enrol(server.enrolLink({ v: 2 }), PIN, INFO, opts), code('version'));
  await assert.rejects(P.enrol(server.enrolLink({ iss: 'http://id.example.eu' }), PIN, INFO, opts), code('insecure_issuer'));
  await assert.rejects(P.enrol(server.enrolLink(), PIN, { ...INFO, model: 'x'.repeat(65) }, opts), code('bad_request'));
  await assert.rejects(P.enrol(server.enrolLink(), PIN, { ...INFO, os: 'Linux\u202e' }, opts), code('bad_request'));
  assert.equal(server.requests.length, 0);
  // The link still works.
  await P.enrol(server.enrolLink(), PIN, INFO, opts);
});

for (const [fault, want] of [
  ['otherKey', 'wrong_server'],
  ['badSignature', 'bad_signature'],
  ['wrongIss', 'wrong_issuer'],
  ['wrongDevice', 'wrong_device'],
  ['version', 'version'],
  ['enrolTyp', 'bad_signature'],
]) {
  test(`enrolment answer refused: ${fault} → ${want}, and nothing is confirmed`, async () => {
    const server = await FakeServer.create();
    server.faults[fault] = fault === 'version' ? 2 : fault === 'enrolTyp' ? 'limen-receipt+jwt' : true;
    await assert.rejects(P.enrol(server.enrolLink(), PIN, INFO, { fetch: server.fetch, now: () => server.now() }), code(want));
    assert.deepEqual(server.requests.map((r) => r.path), ['/device/v1/enrol']);
  });
}

test('enrolment: a used token is the server’s 404 not_found; no network is "network"', async () => {
  const server = await FakeServer.create();
  const opts = { fetch: server.fetch, now: () => server.now() };
  await P.enrol(server.enrolLink(), PIN, INFO, opts);
  await assert.rejects(P.enrol(server.enrolLink(), PIN, INFO, opts), (e) => code('not_found')(e) && e.status === 404);
  server.forced.push(new TypeError('fetch failed'));
  await assert.rejects(P.enrol(server.enrolLink(), PIN, INFO, opts), code('network'));
});

test('enrolment: an answer that is not application/jose is refused', async () => {
  const server = await FakeServer.create();
  server.forced.push(new Response('{}', { status: 201, headers: { 'content-type': 'application/json' } }));
  await assert.rejects(P.enrol(server.enrolLink(), PIN, INFO, { fetch: server.fetch, now: () => server.now() }), code('bad_answer'));
});

// -- §4 proofs and §8 retries -----------------------------------------------------------------

test('a refused proof (stale, replayed, invalid) is retried once with a fresh one', async () => {
  const { server, device } = await enrolled();
  for (const c of ['stale_proof', 'replayed_proof', 'invalid_proof']) {
    server.requests.length = 0;
    server.forced.push(new Response(JSON.stringify({ error: c }), { status: 401 }));
    assert.deepEqual(await device.challenges(), []);
    assert.equal(server.requests.length, 2);
    assert.notEqual(server.requests[0].proof, server.requests[1].proof);
  }
  // Twice in a row: the second refusal is the answer.
  server.requests.length = 0;
  const stale = () => new Response(JSON.stringify({ error: 'stale_proof' }), { status: 401 });
  server.forced.push(stale(), stale());
  await assert.rejects(device.challenges(), (e) => code('stale_proof')(e) && e.status === 401);
  assert.equal(server.requests.length, 2);
});

test('other refusals are not retried; a body without a code is http_<status>', async () => {
  const { server, device } = await enrolled();
  server.requests.length = 0;
  server.forced.push(new Response(JSON.stringify({ error: 'device_locked' }), { status: 401 }));
  await assert.rejects(device.challenges(), code('device_locked'));
  assert.equal(server.requests.length, 1);
  server.forced.push(new Response('<h1>Bad gateway</h1>', { status: 502 }));
  await assert.rejects(device.challenges(), (e) => code('http_502')(e) && e.status === 502);
  server.forced.push(new Response(JSON.stringify({ error: 'no spaces allowed' }), { status: 400 }));
  await assert.rejects(device.challenges(), code('http_400'));
});

test('a clock off by more than 60 s is refused by the server, then by the retry', async () => {
  const { server, record } = await enrolled();
  const late = new P.Device(record, { fetch: server.fetch, now: () => server.now() - 61 });
  await assert.rejects(late.challenges(), code('stale_proof'));
});

test('every request carries a proof of its own method, URL and body', async () => {
  const { server, device, record } = await enrolled();
  const { payload } = await server.challenge(record.device);
  server.requests.length = 0;
  await device.deny(payload);
  const [req] = server.requests;
  const claims = await P.verifyJws(req.proof, 'limen-proof+jwt', await P.publicJwk(record.keys.publicKey));
  assert.equal(claims.htm, 'POST');
  assert.equal(claims.htu, `${ISS}/device/v1/challenges/${payload.id}`);
  assert.equal(claims.iat, server.now());
  assert.equal(b64.decode(claims.jti).length, 16);
  assert.equal(claims.bh, b64.encode(await P.sha256(P.utf8(JSON.stringify(req.body)))));
});

// -- §5 challenges ----------------------------------------------------------------------------

test('challenges(): verified, expired ones left out', async () => {
  const { server, device, record } = await enrolled();
  const a = await server.challenge(record.device);
  await server.challenge(record.device, { iat: server.now() - 120, exp: server.now() });
  const list = await device.challenges();
  assert.equal(list.length, 1);
  assert.equal(list[0].jws, a.jws);
  assert.deepEqual(list[0].payload, a.payload);
});

test('challenges(): one not signed by the pinned key, or from another issuer, is refused', async () => {
  const { server, device, record } = await enrolled();
  await server.challenge(record.device, { signer: server.other });
  await assert.rejects(device.challenges(), code('bad_signature'));
  server.challengesById.clear();
  await server.challenge(record.device, { iss: 'https://evil.example' });
  await assert.rejects(device.challenges(), code('wrong_issuer'));
  server.challengesById.clear();
  await server.challenge(record.device, { exp: server.now() + 121 });
  await assert.rejects(device.challenges(), code('bad_answer'));
  server.challengesById.clear();
  await server.challenge(record.device, { extra: { v: 2 } });
  await assert.rejects(device.challenges(), code('version'));
  server.challengesById.clear();
  await server.challenge(record.device, { extra: { display: { service: 'x' } } });
  await assert.rejects(device.challenges(), code('bad_answer'));
});

test('challenge(id): the one asked for, else refused', async () => {
  const { server, device, record } = await enrolled();
  const a = await server.challenge(record.device, { kind: 'on_mobile' });
  assert.deepEqual(await device.challenge(a.payload.id), a);
  server.requests.length = 0;
  await assert.rejects(device.challenge('../../etc'), code('bad_link'));
  assert.equal(server.requests.length, 0);
  const b = await server.challenge(record.device);
  server.faults.challengeJws = b.jws;
  await assert.rejects(device.challenge(a.payload.id), code('bad_answer'));
  delete server.faults.challengeJws;
  await assert.rejects(device.challenge(b64.encode(new Uint8Array(32))), code('not_found'));
});

test('approve: the answer of §5.1 and its verified receipt; a wrong PIN is the server’s to tell', async () => {
  const { server, device, record } = await enrolled();
  const { payload } = await server.challenge(record.device);
  server.challengesById.get(payload.id).number = '42';
  server.requests.length = 0;
  const wrong = await device.approve(payload, '42', '1111');
  assert.equal(wrong.result, 'wrong_pin');
  assert.equal(server.devices.get(record.device).tries, 1);
  const receipt = await device.approve(payload, '42', PIN);
  assert.deepEqual(
    { ...receipt, iat: 0 },
    { v: 1, iss: ISS, challenge: payload.id, device: record.device, decision: 'approve', result: 'approved', iat: 0 },
  );
  const body = server.requests[1].body;
  assert.deepEqual(Object.keys(body).sort(), ['decision', 'dh', 'number', 'pin_proof', 'v']);
  assert.equal(body.dh, await P.displayHash(payload.display));
  assert.equal(server.devices.get(record.device).tries, 0);
});

test('approve: a wrong number, and On Mobile’s empty number', async () => {
  const { server, device, record } = await enrolled();
  const a = await server.challenge(record.device);
  server.challengesById.get(a.payload.id).number = '42';
  assert.equal((await device.approve(a.payload, '24', PIN)).result, 'wrong_number');
  const b = await server.challenge(record.device, { kind: 'on_mobile' });
  server.challengesById.get(b.payload.id).number = '';
  assert.equal((await device.approve(b.payload, '', PIN)).result, 'approved');
});

test('approve refuses a malformed number or PIN before sending anything', async () => {
  const { server, device, record } = await enrolled();
  const { payload } = await server.challenge(record.device);
  server.requests.length = 0;
  for (const n of ['4', '423', 'ab', ' 4', 42]) {
    await assert.rejects(device.approve(payload, n, PIN), code('bad_request'));
  }
  await assert.rejects(device.approve(payload, '42', '12 34'), code('pin_format'));
  await assert.rejects(device.approve({ ...payload, iss: 'https://evil.example' }, '42', PIN), code('wrong_issuer'));
  assert.equal(server.requests.length, 0);
});

for (const [name, fault, want] of [
  ['for another device', { receipt: { device: 'someone-else' } }, 'wrong_device'],
  ['for another challenge', { receipt: { challenge: b64.encode(new Uint8Array(32)) } }, 'bad_answer'],
  ['for the other decision', { receipt: { decision: 'approve' } }, 'bad_answer'],
  ['with an unknown result', { receipt: { result: 'maybe' } }, 'bad_answer'],
  ['from another issuer', { receipt: { iss: 'https://evil.example' } }, 'wrong_issuer'],
  ['of another version', { receipt: { v: 2 } }, 'version'],
  ['not signed by the pinned key', { receiptKey: 'other' }, 'bad_signature'],
]) {
  test(`a receipt ${name} is refused (${want})`, async () => {
    const { server, device, record } = await enrolled();
    const { payload } = await server.challenge(record.device);
    server.faults = { ...fault };
    if (fault.receiptKey) server.faults.receiptKey = server.other;
    await assert.rejects(device.deny(payload), code(want));
  });
}

test('deny: no PIN, the display hash, and "reason":"not_me" when asked', async () => {
  const { server, device, record } = await enrolled();
  const a = await server.challenge(record.device);
  const b = await server.challenge(record.device);
  server.requests.length = 0;
  assert.equal((await device.deny(a.payload)).result, 'denied');
  assert.equal((await device.deny(b.payload, { notMe: true })).result, 'denied');
  const dh = await P.displayHash(a.payload.display);
  assert.deepEqual(server.requests[0].body, { v: 1, decision: 'deny', dh });
  assert.deepEqual(server.requests[1].body, { v: 1, decision: 'deny', dh, reason: 'not_me' });
});

test('a display that is not what the server asked to show: 400 display_hash', async () => {
  const { server, device, record } = await enrolled();
  const { payload } = await server.challenge(record.device);
  const shown = { ...payload, display: { ...payload.display, service: 'Something else' } };
  await assert.rejects(device.deny(shown), (e) => code('display_hash')(e) && e.status === 400);
});

// -- §5.2 offline codes -----------------------------------------------------------------------

test('offlineCode: OCRA under K of the payload, from the signed object or its link, no network', async () => {
  const { server, device, record } = await enrolled();
  const { jws, payload } = await server.challenge(record.device, { kind: 'offline' });
  const k = server.devices.get(record.device).k;
  server.requests.length = 0;
  const a = await device.offlineCode(jws, PIN);
  assert.match(a.code, /^[0-9]{8}$/);
  assert.equal(a.code, await P.ocraCode(k, payload));
  assert.deepEqual(a.payload, payload);
  const b = await device.offlineCode(`limen://challenge?c=${jws}\n`, PIN);
  assert.equal(b.code, a.code);
  const wrong = await device.offlineCode(jws, '2469');
  assert.notEqual(wrong.code, a.code);
  assert.equal(server.requests.length, 0);
});

test('offlineCode: 5 minutes of clock difference allowed, not more; only offline challenges', async () => {
  const { server, record } = await enrolled();
  const { jws, payload } = await server.challenge(record.device, { kind: 'offline' });
  const at = (t) => new P.Device(record, { fetch: server.fetch, now: () => t });
  assert.equal((await at(payload.exp + 299).offlineCode(jws, PIN)).payload.id, payload.id);
  await assert.rejects(at(payload.exp + 300).offlineCode(jws, PIN), code('expired'));
  const push = await server.challenge(record.device);
  await assert.rejects(at(server.now()).offlineCode(push.jws, PIN), code('bad_link'));
  // And a push challenge gets no leeway.
  await assert.rejects(at(push.payload.exp).verifyChallenge(push.jws), code('expired'));
  const onMobile = `limen://challenge?id=${payload.id}&iss=${encodeURIComponent(ISS)}`;
  await assert.rejects(at(server.now()).offlineCode(onMobile, PIN), code('bad_link'));
  const other = await server.challenge(record.device, { kind: 'offline', signer: server.other });
  await assert.rejects(at(server.now()).offlineCode(other.jws, PIN), code('bad_signature'));
});

// -- PIN check and change, unlink, push -------------------------------------------------------

test('checkPin: ok, wrong_pin, and locked after the server’s tries', async () => {
  const { server, device, record } = await enrolled();
  assert.equal(await device.checkPin(PIN), 'ok');
  const req = server.requests.at(-1);
  assert.equal(req.path, '/device/v1/pin');
  assert.deepEqual(Object.keys(req.body).sort(), ['iat', 'pin_proof', 'v']);
  assert.equal(req.body.iat, server.now());
  server.pinTries = 2;
  assert.equal(await device.checkPin('0000'), 'wrong_pin');
  assert.equal(await device.checkPin('0000'), 'locked');
  assert.equal(await device.checkPin(PIN), 'locked');
  server.devices.get(record.device).state = 'locked';
  assert.equal(await device.checkPin(PIN), 'locked');
});

test('changePin: the old PIN must be right; then only the new one works, K unchanged', async () => {
  const { server, device, record } = await enrolled();
  const k = server.devices.get(record.device).k;
  await assert.rejects(device.changePin('1111', '97531'), code('wrong_pin'));
  assert.deepEqual(device.record.mask, record.mask);
  server.requests.length = 0;
  await assert.rejects(device.changePin(PIN, '12x4'), code('pin_format'));
  await assert.rejects(device.changePin(PIN, '123'), code('pin_format'));
  await assert.rejects(device.changePin('97531', '1234'), code('pin_format'));
  assert.equal(server.requests.length, 0, 'a malformed new PIN costs no PIN try');
  const updated = await device.changePin(PIN, '97531');
  assert.notDeepEqual(updated.mask, record.mask);
  assert.equal(device.record, updated);
  assert.deepEqual(P.xor32(updated.mask, await P.pinKey('97531', record.salt)), k);
  assert.deepEqual(record.mask, P.xor32(k, await P.pinKey(PIN, record.salt)), 'the old record is untouched');
  const { payload } = await server.challenge(record.device);
  assert.equal((await device.approve(payload, '', PIN)).result, 'wrong_pin');
  assert.equal((await device.approve(payload, '', '97531')).result, 'approved');
  server.pinTries = 0;
  await assert.rejects(device.changePin('97531', '24680'), code('device_locked'));
});

test('unlink: 204, or already unknown; other refusals are errors', async () => {
  const { server, device, record } = await enrolled();
  await device.unlink();
  assert.equal(server.requests.at(-1).method, 'DELETE');
  assert.equal(server.requests.at(-1).path, '/device/v1/device');
  assert.equal(server.devices.has(record.device), false);
  await device.unlink();
  server.forced.push(new Response(JSON.stringify({ error: 'bad_request' }), { status: 400 }));
  await assert.rejects(device.unlink(), code('bad_request'));
});

test('push: the VAPID key, a subscription (bytes or padded base64url), its removal', async () => {
  const { server, device } = await enrolled();
  assert.equal(await device.pushKey(), server.vapid);
  server.vapid = null;
  assert.equal(await device.pushKey(), null);
  server.vapid = 'short';
  await assert.rejects(device.pushKey(), code('bad_answer'));
  const p256dh = new Uint8Array(65).fill(7);
  p256dh[0] = 4;
  const auth = new Uint8Array(16).fill(9);
  await device.setPush({ endpoint: 'https://push.example.net/x', p256dh, auth: auth.buffer });
  assert.deepEqual(server.push, { v: 1, endpoint: 'https://push.example.net/x', p256dh: b64.encode(p256dh), auth: b64.encode(auth) });
  await device.setPush({ endpoint: 'https://push.example.net/y', p256dh: `${b64.encode(p256dh)}=`, auth: `${b64.encode(auth)}==` });
  assert.equal(server.push.auth, b64.encode(auth));
  assert.equal(server.push.p256dh, b64.encode(p256dh));
  await device.clearPush();
  assert.equal(server.push, null);
  assert.equal(server.requests.at(-1).method, 'DELETE');
});

// -- §6 the live channel ----------------------------------------------------------------------

test('events: challenges in chunks cut anywhere, comments, then revoked', async () => {
  const { server, device, record } = await enrolled();
  const a = await server.challenge(record.device);
  const b = await server.challenge(record.device);
  const expired = await server.challenge(record.device, { iat: server.now() - 200, exp: server.now() - 80 });
  const stream = `: hello\r\n\r\nevent: challenge\r\ndata: ${a.jws}\r\n\r\n: keep-alive\n\nevent: challenge\ndata: ${expired.jws}\n\nevent: challenge\ndata: ${b.jws}\n\nevent: revoked\ndata: {}\n\n`;
  // Cut into pieces of 7 bytes: inside lines, inside CRLFs, inside the signed objects.
  const bytes = P.utf8(stream);
  server.events = [];
  for (let i = 0; i < bytes.length; i += 7) server.events.push(bytes.slice(i, i + 7));
  const seen = [];
  let revoked = 0;
  let opened = 0;
  await device.events({
    onChallenge: (jws, payload) => seen.push([jws, payload.id]),
    onRevoked: () => revoked++,
    onOpen: () => opened++,
  });
  assert.deepEqual(seen, [
    [a.jws, a.payload.id],
    [b.jws, b.payload.id],
  ]);
  assert.equal(revoked, 1);
  assert.equal(opened, 1);
  const req = server.requests.at(-1);
  assert.equal(req.path, '/device/v1/events');
  assert.equal(req.headers.Accept, 'text/event-stream');
});

test('events: resolves when the server closes; a bad challenge, a refusal, a wrong type reject', async () => {
  const { server, device, record } = await enrolled();
  const a = await server.challenge(record.device);
  server.events = [`event: challenge\ndata: ${a.jws}\n\n`, ': bye\n'];
  const seen = [];
  await device.events({ onChallenge: (jws) => seen.push(jws) });
  assert.deepEqual(seen, [a.jws]);

  const forged = await server.challenge(record.device, { signer: server.other });
  server.events = [`event: challenge\ndata: ${forged.jws}\n\n`];
  await assert.rejects(device.events({ onChallenge: () => assert.fail('a forged challenge was shown') }), code('bad_signature'));

  server.forced.push(new Response(JSON.stringify({ error: 'unknown_device' }), { status: 401 }));
  await assert.rejects(device.events({}), (e) => code('unknown_device')(e) && e.status === 401);

  server.faults.eventsType = 'text/html';
  server.events = [];
  await assert.rejects(device.events({ onOpen: () => assert.fail('opened') }), code('bad_answer'));
});

test('events: an aborted signal ends it quietly', async () => {
  const { server, device } = await enrolled();
  const ac = new AbortController();
  ac.abort();
  server.requests.length = 0;
  await device.events({ signal: ac.signal });
  assert.equal(server.requests.length, 0);
  // Aborted while the stream is open and silent (it would never end by itself): after its
  // first challenge, the caller aborts.
  const { server: s2, device: d2, record } = await enrolled();
  const a = await s2.challenge(record.device);
  const chunks = [P.utf8(`event: challenge\ndata: ${a.jws}\n\n`)];
  const silentAfterOne = new ReadableStream({
    pull: (c) => (chunks.length ? c.enqueue(chunks.shift()) : new Promise(() => {})),
  });
  s2.forced.push(new Response(silentAfterOne, { headers: { 'content-type': 'text/event-stream' } }));
  const ac2 = new AbortController();
  const seen = [];
  await d2.events({
    signal: ac2.signal,
    onChallenge: (jws) => {
      seen.push(jws);
      ac2.abort();
    },
  });
  assert.deepEqual(seen, [a.jws]);
});
