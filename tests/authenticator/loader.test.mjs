// Without the global a browser's <script> (or helpers.mjs) would set, protocol.js loads the
// vendored Argon2id next to itself (each test file runs in its own process under node --test).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

test('pinKey loads vendor/argon2.umd.min.js itself and gives the vector’s P(PIN)', async () => {
  assert.equal(globalThis.hashwasm, undefined);
  const P = await import('../../crates/limen-web/static/authenticator/protocol.js');
  const vectors = JSON.parse(readFileSync(new URL('./vectors.json', import.meta.url), 'utf8'));
  const [{ pin, salt, p }] = vectors.pin_key;
  assert.equal(P.b64.encode(await P.pinKey(pin, P.b64.decode(salt))), p);
  assert.equal(typeof globalThis.hashwasm.argon2id, 'function');
});
