// A test OpenID provider for Limen's upstream sign-in (docs/FEDERATION.md §8.1): npm
// `oidc-provider` 9 (an OpenID Certified implementation this project did not write), configured.
//
//   node oidc_provider.mjs --port P [--host 127.0.0.1] --client-id ID --client-secret S \
//        --redirect-uri URI [--redirect-uri URI ...] [--registration]
//
// - Issuer `http://HOST:P` (HOST a loopback address, 127.0.0.1 by default; plain http is fine on
//   loopback). Prints `READY http://HOST:P` on stdout once listening; SIGTERM or SIGINT closes it.
// - One confidential client from the command line: client_secret_basic, response_type `code`,
//   PKCE required (S256 only, the one method oidc-provider 9 knows; RFC 7636 §4.2), scopes
//   `openid email profile`. `--registration` also opens Dynamic Client Registration (RFC 7591, at
//   the discovery document's `registration_endpoint`, no initial access token): the pytest
//   fixtures register one client per Limen under test, with that Limen's callback URLs.
// - The authorization response carries `iss` (RFC 9207 §2; oidc-provider 9 always adds it and
//   advertises `authorization_response_iss_parameter_supported`).
// - ID tokens signed RS256 with a 2048-bit RSA key generated at start (never the library's
//   published development keys); `POST /test/rotate-keys` rotates it (see below).
// - The end-user claims are in the ID token itself (conformIdTokenClaims off), as Google puts
//   them, and at the userinfo endpoint.
// - Interactions: oidc-provider's built-in development pages at `/interaction/UID`, each one form
//   POSTed back to the same URL: the login (hidden `prompt=login`, fields `login` and `password`:
//   any login, any non-empty password, button "Sign-in"), then the consent (hidden
//   `prompt=consent`, button "Continue").
//
// THE ACCOUNT RULE (tests rely on it). The login typed, L, gives the account:
//   sub            = L
//   email          = L if L contains "@", else L + "@upstream.test"
//   email_verified = true, unless L starts with "unverified"
//   given_name     = "Test"
//   family_name    = the local part of `email` (before the last "@") with its first letter
//                    upper-cased, the rest unchanged: "alice" -> "Alice", "bo.b@x.org" -> "Bo.b"
//   locale         = "en"
// and `acr`: when the authorization request has `acr_values`, the ID token's `acr` is the first
// of them (so a test can ask for a level and get it); without `acr_values`, no `acr` claim.
// A value must be one of ACR_VALUES below (the provider advertises them in `acr_values_supported`).

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';
// One in-memory store for every provider instance of this process (see the key rotation below).
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';

// The levels a test can request: eIDAS LoAs (an OIDC eID scheme asserts these) and two plain ones.
export const ACR_VALUES = [
  'http://eidas.europa.eu/LoA/low',
  'http://eidas.europa.eu/LoA/substantial',
  'http://eidas.europa.eu/LoA/high',
  'urn:limen:test:acr:basic',
  'urn:limen:test:acr:strong',
];

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])$/;

function usage(message) {
  process.stderr.write(`oidc_provider.mjs: ${message}\n`);
  process.stderr.write('usage: node oidc_provider.mjs --port P [--host 127.0.0.1] --client-id ID '
    + '--client-secret S --redirect-uri URI [--redirect-uri URI ...] [--registration]\n');
  process.exit(2);
}

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      registration: { type: 'boolean', default: false },
    },
    strict: true,
  }));
} catch (err) {
  usage(err.message);
}
const port = Number(args.port);
if (!args.port || !Number.isInteger(port) || port < 0 || port > 65535) usage('--port must be a TCP port number (0: any free port)');
if (!LOOPBACK.test(args.host)) usage('--host must be a loopback address (127.x.y.z, localhost, [::1])');
if (!args['client-id'] || !args['client-secret']) usage('--client-id and --client-secret are required');
if (!args['redirect-uri']?.length) usage('at least one --redirect-uri is required');

/** The account of the rule above, for the login `login`. */
export function accountClaims(login) {
  const email = login.includes('@') ? login : `${login}@upstream.test`;
  const local = email.slice(0, email.lastIndexOf('@'));
  return {
    sub: login,
    email,
    email_verified: !login.startsWith('unverified'),
    given_name: 'Test',
    family_name: local.charAt(0).toUpperCase() + local.slice(1),
    locale: 'en',
  };
}

/** A fresh RS256 signing key (a JWK with a random `kid`). */
function newSigningKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
}

const cookieKeys = [randomBytes(32).toString('base64url')];
const adapter = createMemoryAdapter(15); // 15 s: oidc-provider's default clockTolerance

/** The provider for `issuer`, signing with the first of `keys` (the others only published). */
function makeProvider(issuer, keys) {
  const provider = new Provider(issuer, {
    clients: [{
      client_id: args['client-id'],
      client_secret: args['client-secret'],
      redirect_uris: args['redirect-uri'],
      token_endpoint_auth_method: 'client_secret_basic',
      response_types: ['code'],
      grant_types: ['authorization_code'],
      scope: 'openid email profile',
    }],
    scopes: ['openid', 'email', 'profile'],
    responseTypes: ['code'],
    claims: {
      acr: null,
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['given_name', 'family_name', 'locale'],
    },
    acrValues: ACR_VALUES,
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    jwks: { keys },
    cookies: { keys: cookieKeys },
    adapter,
    features: {
      devInteractions: { enabled: true },
      registration: { enabled: args.registration },
    },
    async findAccount(_ctx, sub) {
      return { accountId: sub, claims: async () => accountClaims(sub) };
    },
    renderError(ctx, out) {
      const escape = (v) => String(v).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
      ctx.type = 'html';
      ctx.body = '<!DOCTYPE html><title>Error</title><h1>Error</h1><pre>'
        + `${Object.entries(out).map(([k, v]) => `${escape(k)}: ${escape(v)}`).join('\n')}</pre>`;
    },
  });

  // The development login page finishes its interaction with `{ login: { accountId } }` only;
  // the session's `acr` (what the ID token's `acr` claim carries, OIDC Core §2) is added here:
  // the first value of the request's `acr_values` (Core §3.1.2.1), when there is one.
  const finish = provider.interactionFinished.bind(provider);
  provider.interactionFinished = async (req, res, result, options) => {
    if (result?.login) {
      const { params } = await provider.interactionDetails(req, res);
      const first = String(params.acr_values ?? '').split(' ').find(Boolean);
      if (first) result.login.acr = first;
    }
    return finish(req, res, result, options);
  };
  return provider;
}

// Listen first (`--port 0` picks a free port), then build the provider for the issuer with that
// port, then say READY: no request can arrive before its handler is set.
//
// Key rotation on request: `POST /test/rotate-keys` (answers 204) makes a new signing key; the
// previous one stays in the JWKS (OIDC Core §10.1.1: a relying party refetches the JWKS when it
// meets an unknown `kid`). The provider is rebuilt around the new key set; sessions, interactions
// and registered clients live in one in-memory adapter store given to every instance, so they
// survive the rotation.
let keys = [newSigningKey()];
let handle;
const server = createServer((req, res) => {
  if (req.url === '/test/rotate-keys' && req.method === 'POST') {
    keys = [newSigningKey(), keys[0]];
    handle = makeProvider(issuer, keys).callback();
    res.writeHead(204).end();
    return;
  }
  handle(req, res);
});
let issuer;
server.on('error', (err) => {
  process.stderr.write(`oidc_provider.mjs: ${err.message}\n`);
  process.exit(1);
});
server.listen(port, args.host.replace(/^\[|\]$/g, ''), () => {
  issuer = `http://${args.host}:${server.address().port}`;
  handle = makeProvider(issuer, keys).callback();
  process.stdout.write(`READY ${issuer}\n`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
