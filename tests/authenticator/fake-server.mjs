// A stand-in for the server's device API (docs/MOBILE-PROTOCOL.md §3–§8), in process, behind
// a `fetch` function: it checks every proof as the server does (signature under the device
// key, htm, htu, bh, iat within 60 s, jti not replayed), runs the enrolment (ECDH, K, the PIN
// check against the page's P(PIN)), signs challenges and receipts with its own key, checks
// answers (display hash, PIN proof under K) and counts wrong PINs. Tests make it misbehave on
// purpose (`faults`) to see the device refuse.
//
// Its cryptography is protocol.js's own primitives, which vectors.test.mjs holds equal to
// limen-mobile's; what this checks is the device's flows and refusals.

import { P } from './helpers.mjs';

const { b64, utf8 } = P;

export const ISS = 'https://id.example.eu';

async function hmac(key, data) {
  return P.hmacSha256(key, data);
}

function json(status, value, headers = {}) {
  return new Response(JSON.stringify(value), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

function refuse(status, code) {
  const headers = status === 401 ? { 'www-authenticate': `Limen-Proof error="${code}"` } : {};
  return json(status, { error: code }, headers);
}

function jose(status, signed) {
  return new Response(signed, { status, headers: { 'content-type': 'application/jose' } });
}

async function signWith(privateKey, kid, typ, payload) {
  const header = b64.encode(utf8(P.jcs({ alg: 'ES256', typ, kid })));
  const body = b64.encode(utf8(P.jcs(payload)));
  const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, utf8(`${header}.${body}`));
  return `${header}.${body}.${b64.encode(new Uint8Array(sig))}`;
}

export class FakeServer {
  static async create({ iss = ISS, pin = '2468', now = 1_750_000_000 } = {}) {
    const s = new FakeServer();
    s.iss = iss;
    s.clock = now;
    s.key = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    s.jwk = await P.publicJwk(s.key.publicKey);
    s.sk = await P.thumbprint(s.jwk);
    s.other = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    s.tok = b64.encode(crypto.getRandomValues(new Uint8Array(32)));
    s.salt = crypto.getRandomValues(new Uint8Array(16));
    s.pagePinKey = await P.pinKey(pin, s.salt);
    s.devices = new Map(); // id -> {jwk, k, state: 'pending'|'active'|'locked', tries}
    s.jtis = new Set();
    s.challengesById = new Map(); // id -> {payload, device}
    s.requests = []; // {method, path, body, proof}
    s.faults = {}; // enrolment: wrongDevice, wrongIss, otherKey, badSignature; receipt: ...
    s.forced = []; // responses returned before anything else, in order
    s.events = null; // chunks of the event stream
    s.push = null;
    s.vapid = b64.encode(new Uint8Array(65).fill(4));
    s.pinTries = 5;
    s.fetch = (url, init = {}) => s.handle(String(url), init);
    return s;
  }

  now() {
    return this.clock;
  }

  enrolLink({ exp = this.clock + 300, iss = this.iss, v = 1 } = {}) {
    const payload = { v, iss, tok: this.tok, salt: b64.encode(this.salt), sk: this.sk, exp };
    return `limen://enrol?p=${b64.encode(utf8(P.jcs(payload)))}`;
  }

  /** A challenge for `device`, signed by the server key (or `signer`), stored as pending. */
  async challenge(device, { kind = 'push', iat = this.clock, exp = iat + 120, iss = this.iss, signer, extra = {} } = {}) {
    const id = b64.encode(crypto.getRandomValues(new Uint8Array(32)));
    const payload = {
      v: 1,
      iss,
      id,
      kind,
      iat,
      exp,
      display: {
        service: 'Intranet \u00e9\u{1F600}',
        origin: { ip: '203.0.113.0/24', browser: 'Firefox on Linux' },
        tx: { title: 'Transfer', fields: [{ label: 'Amount', value: '12,00 \u20ac' }] },
      },
      ...extra,
    };
    const jws = await signWith((signer || this.key).privateKey, this.sk, 'limen-challenge+jwt', payload);
    this.challengesById.set(id, { payload, jws, device, answered: false });
    return { jws, payload };
  }

  async receipt(payload, device, decision, result) {
    const r = { v: 1, iss: this.iss, challenge: payload.id, device, decision, result, iat: this.clock, ...(this.faults.receipt || {}) };
    return signWith((this.faults.receiptKey || this.key).privateKey, this.sk, 'limen-receipt+jwt', r);
  }

  /** Checks the request's proof (spec §4); the device it names, or a refusal Response. */
  async authenticate(method, url, headers, body, { enrolment = false, pending = false } = {}) {
    const proof = headers['Limen-Proof'];
    if (!proof) return refuse(401, 'missing_proof');
    const parts = proof.split('.');
    let header;
    try {
      header = JSON.parse(new TextDecoder().decode(b64.decode(parts[0])));
    } catch {
      return refuse(401, 'invalid_proof');
    }
    let device;
    let key;
    if (enrolment) {
      if (!header.jwk || header.kid) return refuse(401, 'invalid_proof');
      key = header.jwk;
    } else {
      device = this.devices.get(header.kid);
      if (!device) return refuse(401, 'unknown_device');
      if (device.state === 'locked') return refuse(401, 'device_locked');
      if (device.state === 'pending' && !pending) return refuse(401, 'unknown_device');
      key = device.jwk;
    }
    let claims;
    try {
      claims = await P.verifyJws(proof, 'limen-proof+jwt', key);
    } catch {
      return refuse(401, 'invalid_signature');
    }
    const bh = b64.encode(await P.sha256(body));
    if (claims.htm !== method || claims.htu !== url || claims.bh !== bh) return refuse(401, 'invalid_proof');
    if (Math.abs(this.clock - claims.iat) > 60) return refuse(401, 'stale_proof');
    if (this.jtis.has(claims.jti)) return refuse(401, 'replayed_proof');
    this.jtis.add(claims.jti);
    return { device, key, id: device ? header.kid : await P.thumbprint(key) };
  }

  async handle(url, init) {
    const method = init.method || 'GET';
    const headers = init.headers || {};
    const body = init.body ? new Uint8Array(init.body) : new Uint8Array(0);
    const path = url.startsWith(this.iss) ? url.slice(this.iss.length) : null;
    const text = new TextDecoder().decode(body);
    this.requests.push({ method, path, body: text ? JSON.parse(text) : null, proof: headers['Limen-Proof'], headers });
    if (this.forced.length > 0) {
      const f = this.forced.shift();
      if (f instanceof Error) throw f;
      return f;
    }
    if (path === null) throw new TypeError('fetch failed: unknown host');

    if (method === 'POST' && path === '/device/v1/enrol') return this.enrol(url, headers, body);
    const auth = await this.authenticate(method, url, headers, body, { pending: path === '/device/v1/enrol/confirm' });
    if (auth instanceof Response) return auth;
    const { device, id } = auth;
    const request = text ? JSON.parse(text) : null;

    if (method === 'POST' && path === '/device/v1/enrol/confirm') {
      const want = b64.encode(await hmac(device.k, new Uint8Array([...utf8('limen-mobile/1 pin check'), ...this.pagePinKey])));
      if (request.pin_check !== want) {
        this.devices.delete(id);
        return refuse(409, 'pin_mismatch');
      }
      device.state = 'active';
      return new Response(null, { status: 204 });
    }
    if (method === 'GET' && path === '/device/v1/challenges') {
      const list = [...this.challengesById.values()].filter((c) => c.device === id && !c.answered).map((c) => c.jws);
      return json(200, { challenges: list });
    }
    const m = /^\/device\/v1\/challenges\/([A-Za-z0-9_-]{43})$/.exec(path);
    if (m) {
      const c = this.challengesById.get(m[1]);
      if (!c || c.device !== id) return refuse(404, 'not_found');
      if (method === 'GET') return jose(200, this.faults.challengeJws || c.jws);
      if (method === 'POST') return this.answer(c, device, id, request);
    }
    if (method === 'POST' && path === '/device/v1/pin') {
      const want = b64.encode(await hmac(device.k, utf8(P.jcs({ device: id, iat: request.iat, purpose: 'pin_check' }))));
      if (device.tries >= this.pinTries) return json(200, { result: 'locked' });
      if (request.pin_proof !== want) {
        device.tries += 1;
        return json(200, { result: device.tries >= this.pinTries ? 'locked' : 'wrong_pin' });
      }
      device.tries = 0;
      return json(200, { result: 'ok' });
    }
    if (method === 'DELETE' && path === '/device/v1/device') {
      this.devices.delete(id);
      return new Response(null, { status: 204 });
    }
    if (path === '/device/v1/push') {
      if (method === 'GET') return json(200, { vapid_key: this.vapid });
      if (method === 'PUT') {
        this.push = request;
        return new Response(null, { status: 204 });
      }
      if (method === 'DELETE') {
        this.push = null;
        return new Response(null, { status: 204 });
      }
    }
    if (method === 'GET' && path === '/device/v1/events') {
      const chunks = (this.events || []).map((c) => (typeof c === 'string' ? utf8(c) : c));
      const stream = new ReadableStream({
        pull(controller) {
          if (chunks.length === 0) controller.close();
          else controller.enqueue(chunks.shift());
        },
      });
      return new Response(stream, { status: 200, headers: { 'content-type': this.faults.eventsType || 'text/event-stream' } });
    }
    return refuse(404, 'not_found');
  }

  async enrol(url, headers, body) {
    const auth = await this.authenticate('POST', url, headers, body, { enrolment: true });
    if (auth instanceof Response) return auth;
    const request = JSON.parse(new TextDecoder().decode(body));
    if (request.tok !== this.tok || this.enrolled) return refuse(404, 'not_found');
    if (await P.thumbprint(request.device_key) !== auth.id) return refuse(400, 'bad_request');
    this.enrolled = true;
    this.enrolRequest = request;
    const f = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
    const z = await P.ecdhSecret(f.privateKey, request.ecdh_key);
    const k = await P.offlineKey(z, this.tok, auth.id);
    this.devices.set(auth.id, { jwk: request.device_key, k, state: 'pending', tries: 0 });
    const fault = this.faults;
    const signer = fault.otherKey || fault.badSignature ? this.other : this.key;
    const answer = {
      v: fault.version || 1,
      iss: fault.wrongIss ? 'https://evil.example' : this.iss,
      device: fault.wrongDevice ? this.sk : auth.id,
      ecdh_key: await P.publicJwk(f.publicKey),
      // otherKey: the answer names and is signed by a key that is not the pinned one;
      // badSignature: it names the pinned key but another signed it.
      server_key: fault.otherKey ? await P.publicJwk(this.other.publicKey) : this.jwk,
      name: 'My phone',
      account: 'jane@example.org',
      iat: this.clock,
    };
    return jose(201, await signWith(signer.privateKey, this.sk, fault.enrolTyp || 'limen-enrolment+jwt', answer));
  }

  async answer(c, device, id, request) {
    const dh = await P.displayHash(c.payload.display);
    if (request.dh !== dh) return refuse(400, 'display_hash');
    c.answered = true;
    if (request.decision === 'deny') return jose(200, await this.receipt(c.payload, id, 'deny', 'denied'));
    if (device.tries >= this.pinTries) return jose(200, await this.receipt(c.payload, id, 'approve', 'locked'));
    const want = await P.pinProof(device.k, { challenge: c.payload.id, decision: 'approve', device: id, dh, number: request.number });
    if (request.pin_proof !== want) {
      device.tries += 1;
      c.answered = false;
      return jose(200, await this.receipt(c.payload, id, 'approve', 'wrong_pin'));
    }
    device.tries = 0;
    if (c.number !== undefined && request.number !== c.number) {
      return jose(200, await this.receipt(c.payload, id, 'approve', 'wrong_number'));
    }
    return jose(200, await this.receipt(c.payload, id, 'approve', 'approved'));
  }
}
