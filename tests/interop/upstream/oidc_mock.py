"""A second test OpenID provider for Limen's upstream sign-in (docs/FEDERATION.md §8.1): PyPI
`oidc-provider-mock` (Flask and Authlib), an implementation independent of npm `oidc-provider`.

    python oidc_mock.py --port P [--client-id ID --client-secret S --redirect-uri URI ...]
                        [--user-claims JSON ...]

Prints `READY http://127.0.0.1:P` once listening on 127.0.0.1 (`--port 0`: any free port);
SIGTERM or SIGINT stops it. The package's own command line prints no such line and cannot
pre-register a client, hence this launcher.

How the package works (version 0.3.4, pinned in requirements.txt; 0.4.x needs Python 3.12, the
test virtualenv has the machine's 3.11), as the tests use it:

- Issuer and endpoints come from the request's Host header: always use `http://127.0.0.1:P`
  (through `localhost` the issuer would be `http://localhost:P`). Discovery at
  `/.well-known/openid-configuration`; authorization `/oauth2/authorize`, token `/oauth2/token`
  (client_secret_basic or client_secret_post), userinfo `/userinfo`, JWKS `/jwks`. ID tokens
  RS256, key generated at start. Authorization responses do not carry `iss` (no RFC 9207), and
  PKCE is not implemented: `code_challenge` and `code_verifier` are ignored, not checked.
- Clients: this launcher starts it with registration required. Dynamic registration: `POST
  /oauth2/clients` with JSON `{"redirect_uris": [...], "token_endpoint_auth_method":
  "client_secret_basic"}` answers 201 with `client_id` and `client_secret`. `--client-id`,
  `--client-secret` and `--redirect-uri` pre-register one client (scripts/upstreams uses that).
  Redirect URIs on a loopback host (127.0.0.1, localhost, [::1]) are compared without their port
  (RFC 8252 §7.3, the rule npm oidc-provider applies to native clients): added here, so that a
  client can be registered before the Limen under test has picked its port.
- Users and claims: the authorization page (GET on the authorization URL) is a form whose text
  field `sub` is POSTed back to the same URL (the authorization request's query string kept)
  with the button "Authorize"; `action=deny` refuses. A `sub` never seen before gets the claims
  `{"email": sub}` only (no `email_verified`). To choose the claims, first `PUT /users/SUB` with a
  JSON object of claims (answers 204): they are returned, filtered by the requested scopes
  (`email` scope: email, email_verified; `profile`: given_name, family_name, locale, ...; claims
  outside the standard ones always), in the ID token and at userinfo. `--user-claims '{"sub":
  ..., ...}'` predefines users: the form shows each as a one-click button (name `sub`).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from urllib.parse import urlsplit

# Plain http on loopback (Authlib refuses it otherwise).
os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")

import flask
import oidc_provider_mock
import werkzeug.serving
from oidc_provider_mock import _storage

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


def without_loopback_port(uri: str) -> str | None:
    """`uri` with its port removed when it is an http URL on a loopback host, else None."""
    parts = urlsplit(uri)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK_HOSTS:
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return parts._replace(netloc=host).geturl()


_exact_check = _storage.Client.check_redirect_uri


def check_redirect_uri(self, redirect_uri: str) -> bool:
    if _exact_check(self, redirect_uri):
        return True
    if isinstance(self.redirect_uris, _storage.ClientAllowAny):
        return True
    stripped = without_loopback_port(redirect_uri)
    return stripped is not None and any(without_loopback_port(u) == stripped for u in self.redirect_uris)


_storage.Client.check_redirect_uri = check_redirect_uri


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True, help="TCP port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--client-id")
    parser.add_argument("--client-secret")
    parser.add_argument("--redirect-uri", action="append", default=[])
    parser.add_argument("--user-claims", action="append", default=[], help='JSON object with "sub"')
    args = parser.parse_args(argv)
    if bool(args.client_id) != bool(args.client_secret) or (args.client_id and not args.redirect_uri):
        parser.error("--client-id, --client-secret and --redirect-uri go together")

    users = []
    for text in args.user_claims:
        claims = json.loads(text)
        if not isinstance(claims, dict) or not isinstance(claims.get("sub"), str):
            parser.error('--user-claims must be a JSON object with a string "sub"')
        sub = claims.pop("sub")
        users.append(oidc_provider_mock.User(sub=sub, claims=claims))

    app = oidc_provider_mock.app(require_client_registration=True, user_claims=users)
    if args.client_id:
        client = _storage.Client(
            id=args.client_id,
            secret=args.client_secret,
            redirect_uris=list(args.redirect_uri),
            allowed_scopes=_storage.Client.SCOPES_SUPPORTED,
            token_endpoint_auth_method="client_secret_basic",
        )
        # The package's storage exists per app, reachable once its before_request hooks ran.
        with app.test_request_context("/"):
            app.preprocess_request()
            flask.g.oidc_provider_mock_storage.store_client(client)

    server = werkzeug.serving.make_server("127.0.0.1", args.port, app, threaded=True)

    def stop(_signum, _frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"READY http://127.0.0.1:{server.server_port}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
