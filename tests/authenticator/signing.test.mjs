// Transaction signing in protocol.js (docs/MOBILE-PROTOCOL.md §5.5) against the values the Rust
// side computes (signing-vectors.json, recomputed by
// crates/limen-authenticator/tests/js_sign_vectors.rs with limen-mobile and the device's
// check_typed): the display hash with the retyped values filled in, the PIN proof over it, the
// offline code over the payload as received with the values put in, and the pattern check.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { P, vectors } from './helpers.mjs';

const sign = JSON.parse(readFileSync(new URL('./signing-vectors.json', import.meta.url), 'utf8'));
const { b64 } = P;
const clone = (v) => JSON.parse(JSON.stringify(v));
const refusedWith = (code) => (e) => e instanceof P.ProtocolError && e.code === code;

test('the worked example of §5.5: the filled display is the document’s, its dh gwJgIozQ…', async () => {
  const [doc] = sign.display;
  assert.equal(doc.dh, 'gwJgIozQYLG48mSIdJxmOIP6PQhcRHA7cgoHrv2reEw');
  assert.equal(doc.received.service, 'Union Registry');
  assert.deepEqual(doc.received.origin, { ip: '198.51.100.0/24', browser: 'Firefox on Linux' });
  // As received, the retyped field has no value: the device never learns it from the server.
  assert.deepEqual(doc.received.tx.fields[1], { label: 'To account', retype: true, pattern: '^EU-[0-9]+-[0-9]+$' });
  const filled = P.withValues(doc.received, doc.typed);
  assert.equal(P.jcs(filled), doc.jcs);
  assert.equal(await P.displayHash(filled), doc.dh);
  // withValues copies: the display as received is unchanged (a denial hashes it as it came).
  assert.equal(doc.received.tx.fields[1].value, undefined);
  assert.equal(await P.displayHash(doc.received), doc.received_dh);
});

test('dh of every signing display with the typed values filled in equals Rust’s; a mistyped value gives Rust’s other dh', async () => {
  assert.ok(sign.display.length >= 2);
  for (const v of sign.display) {
    const filled = P.withValues(clone(v.received), v.typed);
    assert.deepEqual(filled, v.filled);
    assert.equal(P.jcs(filled), v.jcs);
    assert.equal(await P.displayHash(filled), v.dh);
    const wrong = await P.displayHash(P.withValues(clone(v.received), v.mistyped));
    assert.equal(wrong, v.mistyped_dh);
    assert.notEqual(wrong, v.dh);
    assert.notEqual(v.received_dh, v.dh);
  }
  // Two retyped fields around a shown one: the values go to the retyped fields, in order.
  const two = sign.display[1];
  assert.deepEqual(
    P.withValues(clone(two.received), two.typed).tx.fields.map((f) => f.value),
    [two.typed[0], two.received.tx.fields[1].value, two.typed[1]],
  );
  // The same values in the other order are refused (the IBAN's pattern), not hashed.
  assert.throws(() => P.withValues(clone(two.received), [...two.typed].reverse()), refusedWith('typed_form'));
});

test('the PIN proof of an approval over the filled display is Rust’s', async () => {
  const v = sign.pin_proof;
  assert.equal(v.dh, sign.display[0].dh);
  assert.equal(await P.pinProof(b64.decode(v.k), v), v.pin_proof);
  // Over the display as received (nothing typed) it is another proof.
  assert.notEqual(await P.pinProof(b64.decode(v.k), { ...v, dh: sign.display[0].received_dh }), v.pin_proof);
});

test('withValues wants exactly one value per retyped field, each checked', () => {
  const [doc] = sign.display;
  assert.throws(() => P.withValues(doc.received, []), refusedWith('typed_count'));
  assert.throws(() => P.withValues(doc.received, ['EU-100-5', 'EU-100-5']), refusedWith('typed_count'));
  assert.throws(() => P.withValues(doc.received, 'EU-100-5'), refusedWith('typed_count'));
  assert.throws(() => P.withValues(doc.received, ['']), refusedWith('typed_empty'));
  assert.throws(() => P.withValues(doc.received, ['EU-100-5 ']), refusedWith('typed_form'));
  assert.throws(() => P.withValues(doc.received, ['my EU-100-5']), refusedWith('typed_form'));
  // The refusal names the field (the app shows it in its message).
  assert.throws(() => P.withValues(doc.received, ['100-5']), (e) => e.code === 'typed_form' && e.detail === 'To account');
});

test('a display without tx, or with shown fields only, hashes exactly as before (the login vectors)', async () => {
  const login = vectors.display.display_hash;
  assert.ok(login.some((v) => v.display.tx === undefined));
  for (const { display, dh } of login) {
    const same = P.withValues(display, []);
    assert.deepEqual(same, display);
    assert.equal(P.jcs(same), P.jcs(display));
    assert.equal(await P.displayHash(same), dh);
    assert.throws(() => P.withValues(display, ['x']), refusedWith('typed_count'));
  }
  // The login vector of vectors.json, unchanged since before transactions: the same text.
  const [intranet] = login;
  assert.equal(intranet.dh, 'tHwkTW3Z2kPXt4Y99TXY_7183Jv2xG_Nh1idqqPtwBc');
  assert.equal(
    P.jcs(P.withValues(intranet.display, [])),
    '{"origin":{"browser":"Chromium on Android","ip":"2001:db8::/48"},"service":"Intranet"}',
  );
});

test('the offline code over the payload as received with the typed values is Rust’s (the server’s code)', async () => {
  const v = sign.offline;
  const k = b64.decode(v.k);
  // What the device does (Device.offlineCode): the payload as received, values put in its
  // display, every other member kept — here a member of tx this version does not know.
  const filled = { ...v.received, display: P.withValues(v.received.display, v.typed) };
  assert.equal(filled.display.tx.note, v.received.display.tx.note);
  assert.deepEqual(filled, v.filled);
  assert.equal(await P.ocraCode(k, filled), v.code);
  assert.match(v.code, /^[0-9]{8}$/);
  const wrong = { ...v.received, display: P.withValues(v.received.display, v.mistyped) };
  assert.equal(await P.ocraCode(k, wrong), v.mistyped_code);
  assert.notEqual(v.mistyped_code, v.code);
  // Without the values (the payload as received) the code is not the server's.
  assert.equal(await P.ocraCode(k, v.received), v.received_code);
  assert.notEqual(v.received_code, v.code);
});

test('the pattern check is a whole match and refuses what Rust refuses (patterns of the §5.5 dialect)', () => {
  const cases = sign.patterns.filter((c) => !c.differs);
  assert.ok(cases.length >= 30);
  for (const { pattern, value, outcome } of cases) {
    const field = pattern === undefined ? { label: 'F', retype: true } : { label: 'F', retype: true, pattern };
    assert.equal(P.checkTyped(field, value) ?? 'ok', outcome, `${JSON.stringify(pattern)} on ${JSON.stringify(value)}`);
  }
});

test('whole matches only: a partial match, a longer value and an empty value are refused', () => {
  const field = { label: 'To account', retype: true, pattern: '^EU-[0-9]+-[0-9]+$' };
  assert.equal(P.checkTyped(field, 'EU-100-5'), null);
  for (const partial of ['EU-100-5x', 'xEU-100-5', 'EU-100', 'EU-100-5\u00a0', 'EU-100-5 EU-1-2']) {
    assert.equal(P.checkTyped(field, partial), 'typed_form', partial);
  }
  // The pattern's own alternation does not escape the anchors.
  assert.equal(P.checkTyped({ ...field, pattern: 'a|b' }, 'ab'), 'typed_form');
  assert.equal(P.checkTyped({ ...field, pattern: '^a|b$' }, 'a'), null);
  assert.equal(P.checkTyped({ ...field, pattern: '^a|b$' }, 'ab'), 'typed_form');
  // No value typed: refused, with a pattern that would take the empty string, and without one.
  assert.equal(P.checkTyped({ ...field, pattern: '.*' }, ''), 'typed_empty');
  assert.equal(P.checkTyped({ label: 'F', retype: true }, ''), 'typed_empty');
  for (const notText of [undefined, null, 5, ['EU-100-5']]) {
    assert.equal(P.checkTyped(field, notText), 'typed_empty', String(notText));
  }
  // A pattern that does not compile takes nothing, not even a value that looks right.
  assert.equal(P.checkTyped({ ...field, pattern: '(EU' }, 'EU'), 'typed_pattern');
});

// Patterns on which ECMAScript (u flag) and Rust's regex disagree (`\-` outside a class, `\d`,
// flags, named groups…) are refused by the service API (sign/api.rs `portable`), so no request
// carries one: the vectors mark none as `differs`.
test('no vector pattern is one the two engines read differently', () => {
  assert.deepEqual(sign.patterns.filter((x) => x.differs), []);
});
