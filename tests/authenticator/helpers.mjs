// Shared by the tests of protocol.js: loads the vendored Argon2id the way the brief says a
// Node program must (createRequire, then the global a browser's <script> would set), the
// module under test, and the vectors written by crates/limen-mobile/tests/js_vectors.rs.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
globalThis.hashwasm = require('../../crates/limen-web/static/authenticator/vendor/argon2.umd.min.js');

export * as P from '../../crates/limen-web/static/authenticator/protocol.js';

export const vectors = JSON.parse(readFileSync(new URL('./vectors.json', import.meta.url), 'utf8'));

export const fromHex = (h) => Uint8Array.from(h.match(/../g) || [], (x) => parseInt(x, 16));
export const toHex = (b) => Buffer.from(b).toString('hex');
