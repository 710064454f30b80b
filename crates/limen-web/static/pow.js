// The accessible alternative to the picture CAPTCHA of the registration form: a proof of work
// that the browser solves by itself, so nobody has to see, hear or read anything.
//
// Puzzle (checked by crates/limen-web/src/captcha/pow.rs): find the smallest nonce n = 0, 1, 2, …
// such that SHA-256(UTF-8(challenge + ":" + n)) starts with `difficulty` zero bits.
//
// Markup:
//   <div class="pow" data-pow-challenge="…" data-pow-difficulty="18" data-pow-working="…"
//        data-pow-done="…" data-pow-nojs="…">
//     <input type="hidden" name="pow_nonce" value="">
//     <button type="button" class="pow-start">…</button>
//     <p class="pow-status" aria-live="polite"></p>
//   </div>
// The search starts only when the button is activated, runs in slices of ~20 ms so the page stays
// responsive, and puts the nonce in the hidden input. Nothing is made global; under node the
// hash functions are exported for the checks.
(function () {
  'use strict';

  // ------------------------------------------------------------------------------------------
  // SHA-256, FIPS 180-4.

  // §4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes.
  const K = new Int32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]);

  // §5.3.3: the initial hash value.
  const H0 = new Int32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);

  // §6.2.2: one 64-byte block of `bytes` at `offset` into `state`; `w` is scratch (64 words).
  function compress(state, bytes, offset, w) {
    for (let t = 0; t < 16; t++) {
      const i = offset + 4 * t;
      w[t] = (bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3];
    }
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15];
      const y = w[t - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
    }
    let a = state[0];
    let b = state[1];
    let c = state[2];
    let d = state[3];
    let e = state[4];
    let f = state[5];
    let g = state[6];
    let h = state[7];
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const T1 = (h + S1 + ch + K[t] + w[t]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const T2 = (S0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + T1) | 0;
      d = c;
      c = b;
      b = a;
      a = (T1 + T2) | 0;
    }
    state[0] = (state[0] + a) | 0;
    state[1] = (state[1] + b) | 0;
    state[2] = (state[2] + c) | 0;
    state[3] = (state[3] + d) | 0;
    state[4] = (state[4] + e) | 0;
    state[5] = (state[5] + f) | 0;
    state[6] = (state[6] + g) | 0;
    state[7] = (state[7] + h) | 0;
  }

  // §5.1.1: `bytes` followed by 0x80, zeros and the 64-bit length in bits, in whole blocks.
  function pad(bytes, length) {
    const padded = new Uint8Array((length + 9 + 63) & ~63);
    padded.set(bytes.subarray(0, length));
    padded[length] = 0x80;
    const bits = length * 8;
    const end = padded.length;
    const high = Math.floor(bits / 0x100000000);
    padded[end - 8] = high >>> 24;
    padded[end - 7] = high >>> 16;
    padded[end - 6] = high >>> 8;
    padded[end - 5] = high;
    padded[end - 4] = bits >>> 24;
    padded[end - 3] = bits >>> 16;
    padded[end - 2] = bits >>> 8;
    padded[end - 1] = bits;
    return padded;
  }

  function sha256(bytes) {
    const state = new Int32Array(H0);
    const w = new Int32Array(64);
    const padded = pad(bytes, bytes.length);
    for (let offset = 0; offset < padded.length; offset += 64) {
      compress(state, padded, offset, w);
    }
    return state;
  }

  // UTF-8 of a string; lone surrogates become U+FFFD, as with TextEncoder.
  function utf8(text) {
    const out = [];
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = text.charCodeAt(i + 1);
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
        } else {
          c = 0xfffd;
        }
      }
      if (c < 0x80) {
        out.push(c);
      } else if (c < 0x800) {
        out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      } else if (c < 0x10000) {
        out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      } else {
        out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63));
        out.push(0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      }
    }
    return new Uint8Array(out);
  }

  function sha256hex(text) {
    const hex = (word) => (word >>> 0).toString(16).padStart(8, '0');
    return Array.from(sha256(utf8(text)), hex).join('');
  }

  function zeroBits(state) {
    let bits = 0;
    for (let i = 0; i < 8; i++) {
      if (state[i] !== 0) {
        return bits + Math.clz32(state[i]);
      }
      bits += 32;
    }
    return bits;
  }

  // ------------------------------------------------------------------------------------------
  // The puzzle. The bytes of `challenge + ":"` are the same for every nonce: the whole 64-byte
  // blocks among them are hashed once, and each try only hashes the rest and the digits.

  function puzzle(challenge) {
    const prefix = utf8(challenge + ':');
    const whole = prefix.length - (prefix.length % 64);
    const midstate = new Int32Array(H0);
    const w = new Int32Array(64);
    for (let offset = 0; offset < whole; offset += 64) {
      compress(midstate, prefix, offset, w);
    }
    const tail = prefix.subarray(whole);
    // The tail (< 64 bytes), at most 16 digits (nonces stay below 2^53) and 9 bytes of padding.
    const buffer = new Uint8Array(128);
    const state = new Int32Array(8);

    // Leading zero bits of SHA-256(challenge ":" nonce).
    return function tryNonce(nonce) {
      const digits = String(nonce);
      buffer.fill(0);
      buffer.set(tail);
      for (let i = 0; i < digits.length; i++) {
        buffer[tail.length + i] = digits.charCodeAt(i);
      }
      const length = tail.length + digits.length;
      buffer[length] = 0x80;
      const end = length + 9 <= 64 ? 64 : 128;
      const bits = (prefix.length + digits.length) * 8;
      const high = Math.floor(bits / 0x100000000);
      buffer[end - 8] = high >>> 24;
      buffer[end - 7] = high >>> 16;
      buffer[end - 6] = high >>> 8;
      buffer[end - 5] = high;
      buffer[end - 4] = bits >>> 24;
      buffer[end - 3] = bits >>> 16;
      buffer[end - 2] = bits >>> 8;
      buffer[end - 1] = bits;
      state.set(midstate);
      for (let offset = 0; offset < end; offset += 64) {
        compress(state, buffer, offset, w);
      }
      return zeroBits(state);
    };
  }

  function leadingZeroBits(challenge, nonce) {
    return puzzle(challenge)(nonce);
  }

  // The smallest solving nonce, in one go (for the checks; the page uses slices).
  function solve(challenge, difficulty) {
    const tryNonce = puzzle(challenge);
    let nonce = 0;
    while (tryNonce(nonce) < difficulty) {
      nonce++;
    }
    return String(nonce);
  }

  // ------------------------------------------------------------------------------------------
  // The widget.

  const SLICE_MS = 20;
  const ANNOUNCE_EVERY_MS = 1000;
  // Nonces must stay exact integers in a JavaScript number.
  const MAX_DIFFICULTY = 52;

  function percentText(percent) {
    try {
      const locale = document.documentElement.lang || undefined;
      return new Intl.NumberFormat(locale, { style: 'percent' }).format(percent / 100);
    } catch (error) {
      return percent + ' %';
    }
  }

  function setUp(widget) {
    const button = widget.querySelector('.pow-start');
    const input = widget.querySelector('input[name="pow_nonce"]');
    const status = widget.querySelector('.pow-status');
    if (!button || !input || !status) {
      return;
    }
    const challenge = widget.getAttribute('data-pow-challenge') || '';
    const difficulty = Number(widget.getAttribute('data-pow-difficulty'));
    const working = widget.getAttribute('data-pow-working') || '';
    const done = widget.getAttribute('data-pow-done') || '';
    const usable = Number.isInteger(difficulty) && difficulty >= 0 && difficulty <= MAX_DIFFICULTY;
    if (challenge === '' || !usable) {
      status.textContent = widget.getAttribute('data-pow-nojs') || '';
      button.disabled = true;
      return;
    }
    // The page may hide the button from browsers without JavaScript, for which it does nothing.
    button.hidden = false;
    const expectedTries = Math.pow(2, difficulty);
    let started = false;

    button.addEventListener('click', () => {
      if (started) {
        return;
      }
      started = true;
      button.setAttribute('aria-disabled', 'true');
      const tryNonce = puzzle(challenge);
      let nonce = 0;
      let announced = -Infinity;

      const announce = (now) => {
        const percent = Math.min(99, Math.floor((100 * nonce) / expectedTries));
        status.textContent = working + ' ' + percentText(percent);
        announced = now;
      };

      const finish = () => {
        input.value = String(nonce);
        status.textContent = done;
        const hadFocus = document.activeElement === button;
        button.disabled = true;
        button.removeAttribute('aria-disabled');
        // A disabled button loses the focus; keep keyboard and screen-reader users in place.
        if (hadFocus) {
          status.setAttribute('tabindex', '-1');
          status.focus();
        }
      };

      const slice = () => {
        const sliceEnd = Date.now() + SLICE_MS;
        for (;;) {
          // Look at the clock every 256 tries only.
          for (let i = 0; i < 256; i++) {
            if (tryNonce(nonce) >= difficulty) {
              finish();
              return;
            }
            nonce++;
          }
          const now = Date.now();
          if (now >= sliceEnd) {
            if (now - announced >= ANNOUNCE_EVERY_MS) {
              announce(now);
            }
            setTimeout(slice, 0);
            return;
          }
        }
      };

      announce(Date.now());
      setTimeout(slice, 0);
    });
  }

  if (typeof document !== 'undefined') {
    Array.prototype.forEach.call(document.querySelectorAll('.pow'), setUp);
  }
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = { sha256hex, leadingZeroBits, solve };
  }
})();
