// The accessible alternative to the CAPTCHA image: on request, the browser finds a number n such
// that SHA-256(challenge + ":" + n) starts with `difficulty` zero bits (the server checks it with
// one hash). Work is done in slices of ~20 ms so the page stays responsive. SHA-256 per
// FIPS 180-4, written here; no dependencies, no eval, no inline script (CSP script-src 'self').
(function () {
  'use strict';

  var K = new Int32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ]);
  var W = new Int32Array(64);

  function utf8(text) {
    return new TextEncoder().encode(text);
  }

  // SHA-256 of `bytes`; returns the eight 32-bit words of the digest.
  function sha256words(bytes) {
    var bitLength = bytes.length * 8;
    var padded = new Uint8Array(((bytes.length + 9 + 63) >> 6) << 6);
    padded.set(bytes);
    padded[bytes.length] = 0x80;
    var view = new DataView(padded.buffer);
    view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000));
    view.setUint32(padded.length - 4, bitLength >>> 0);
    var h0 = 0x6a09e667, h1 = 0xbb67ae85 | 0, h2 = 0x3c6ef372, h3 = 0xa54ff53a | 0,
      h4 = 0x510e527f, h5 = 0x9b05688c | 0, h6 = 0x1f83d9ab, h7 = 0x5be0cd19;
    for (var off = 0; off < padded.length; off += 64) {
      var i;
      for (i = 0; i < 16; i++) { W[i] = view.getInt32(off + i * 4); }
      for (i = 16; i < 64; i++) {
        var w15 = W[i - 15], w2 = W[i - 2];
        var s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
        var s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
        W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
      }
      var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
      for (i = 0; i < 64; i++) {
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var ch = (e & f) ^ (~e & g);
        var t1 = (h + S1 + ch + K[i] + W[i]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var maj = (a & b) ^ (a & c) ^ (b & c);
        var t2 = (S0 + maj) | 0;
        h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
      h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
    }
    return [h0, h1, h2, h3, h4, h5, h6, h7];
  }

  function sha256hex(text) {
    return sha256words(utf8(text)).map(function (w) {
      return ('00000000' + (w >>> 0).toString(16)).slice(-8);
    }).join('');
  }

  function leadingZeroBits(words) {
    var bits = 0;
    for (var i = 0; i < words.length; i++) {
      if (words[i] === 0) { bits += 32; continue; }
      return bits + Math.clz32(words[i]);
    }
    return bits;
  }

  function start(widget) {
    var button = widget.querySelector('.pow-start');
    var status = widget.querySelector('.pow-status');
    var input = widget.querySelector('input[name="pow_nonce"]');
    var challenge = widget.getAttribute('data-pow-challenge') || '';
    var difficulty = parseInt(widget.getAttribute('data-pow-difficulty'), 10) || 0;
    var working = widget.getAttribute('data-pow-working') || '';
    var done = widget.getAttribute('data-pow-done') || '';
    var expected = Math.pow(2, difficulty);
    var nonce = 0;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    function slice() {
      var until = Date.now() + 20;
      while (Date.now() < until) {
        for (var k = 0; k < 256; k++, nonce++) {
          if (leadingZeroBits(sha256words(utf8(challenge + ':' + nonce))) >= difficulty) {
            input.value = String(nonce);
            status.textContent = done;
            button.removeAttribute('aria-busy');
            widget.classList.add('pow-solved');
            return;
          }
        }
      }
      var percent = Math.min(99, Math.floor((nonce / expected) * 100));
      status.textContent = working + ' ' + percent + ' %';
      setTimeout(slice, 0);
    }
    status.textContent = working;
    setTimeout(slice, 0);
  }

  if (typeof document !== 'undefined') {
    var widgets = document.querySelectorAll('.pow[data-pow-challenge]');
    Array.prototype.forEach.call(widgets, function (widget) {
      var button = widget.querySelector('.pow-start');
      if (!button) { return; }
      button.hidden = false;
      button.addEventListener('click', function () {
        if (!button.disabled) { start(widget); }
      });
    });
  }

  if (typeof module !== 'undefined') {
    module.exports = { sha256hex: sha256hex, leadingZeroBits: leadingZeroBits, sha256words: sha256words };
  }
})();
