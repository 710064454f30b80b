"""Helpers for the OpenID Connect interoperability tests: register clients through the CLI, drive
an authorization request through the HTML login forms like a browser, and act as a relying party
built on Authlib (its OAuth2Session, PKCE, client authentication and ID token validation).

Everything talks to 127.0.0.1 only. Redirect URIs of clients that are not the test's own recorder
point at 127.0.0.1:9 (closed) or another loopback host name: they are read from the Location
header, never fetched.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

import requests
from authlib.common.security import generate_token
from authlib.integrations.base_client.sync_openid import OpenIDMixin
from authlib.integrations.requests_client import OAuth2Session, OAuthError
from authlib.oauth2.claims import JWTClaims
from joserfc import jwt
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry

from limen_interop import HTTP_TIMEOUT, Browser, LimenServer, User, parse_forms

DEFAULT_SCOPE = "openid profile email"
BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout"
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
# RFC 7517/7518: the members of a JWK that only a private key has.
PRIVATE_JWK_MEMBERS = ("d", "p", "q", "dp", "dq", "qi", "oth", "k")


# --------------------------------------------------------------------------------------------
# Registration through the CLI
# --------------------------------------------------------------------------------------------


@dataclass
class OidcClient:
    name: str
    client_id: str
    client_secret: str | None
    redirect_uris: list[str]
    post_logout_redirect_uris: list[str] = field(default_factory=list)

    @property
    def redirect_uri(self) -> str:
        return self.redirect_uris[0]


def unique(tag: str) -> str:
    return f"{tag}-{secrets.token_hex(4)}"


def parse_registration(stdout: str) -> tuple[str, str | None]:
    """`client_id: …` and, for a confidential client, `client_secret: …` from `service add`."""
    client_id = secret = None
    for line in stdout.splitlines():
        key, sep, value = line.strip().partition(":")
        if not sep:
            continue
        if key.strip() == "client_id":
            client_id = value.strip()
        elif key.strip() == "client_secret":
            secret = value.strip()
    assert client_id, f"no `client_id: …` line in the output of `limen service add`:\n{stdout}"
    return client_id, secret


def register_client(
    server: LimenServer,
    tag: str,
    redirect_uris: list[str] | None = None,
    *,
    post_logout_redirect_uris: list[str] | None = None,
    public: bool = False,
    pkce_required: bool = False,
    token_auth_method: str | None = None,
    jwks_file: Path | None = None,
    signing_alg: str | None = None,
    subject_type: str | None = None,
    scopes: list[str] | None = None,
    backchannel_logout_uri: str | None = None,
    extra_args: list[str] | None = None,
) -> OidcClient:
    """`limen service add --protocol oidc …`; a fresh name each time."""
    name = unique(f"OIDC {tag}")
    if redirect_uris is None:
        redirect_uris = [f"http://127.0.0.1:9/oidc/{name.replace(' ', '-')}/callback"]
    args = ["service", "add", "--database", server.database_url, "--name", name, "--protocol", "oidc"]
    for uri in redirect_uris:
        args += ["--redirect-uri", uri]
    for uri in post_logout_redirect_uris or []:
        args += ["--post-logout-redirect-uri", uri]
    if public:
        args.append("--public")
    if pkce_required:
        args.append("--pkce-required")
    if token_auth_method:
        args += ["--token-auth-method", token_auth_method]
    if jwks_file:
        args += ["--jwks-file", str(jwks_file)]
    if signing_alg:
        args += ["--signing-alg", signing_alg]
    if subject_type:
        args += ["--subject-type", subject_type]
    if scopes:
        args += ["--scopes", ",".join(scopes)]
    if backchannel_logout_uri:
        args += ["--backchannel-logout-uri", backchannel_logout_uri]
    args += extra_args or []
    proc = server.cli(*args)
    client_id, secret = parse_registration(proc.stdout)
    if public:
        assert secret is None, f"a public client was given a secret:\n{proc.stdout}"
    elif token_auth_method != "private_key_jwt":
        assert secret, f"no `client_secret: …` line for a confidential client:\n{proc.stdout}"
    return OidcClient(
        name=name,
        client_id=client_id,
        client_secret=secret,
        redirect_uris=list(redirect_uris),
        post_logout_redirect_uris=list(post_logout_redirect_uris or []),
    )


def rotate_keys(server: LimenServer) -> str:
    """`limen keys rotate`; returns the new kid from `new signing key: <kid> (ES256)`."""
    out = server.cli("keys", "rotate", "--database", server.database_url).stdout
    for line in out.splitlines():
        if line.strip().startswith("new signing key:"):
            rest = line.split(":", 1)[1].split()
            assert rest, f"no kid in {line!r}"
            return rest[0]
    raise AssertionError(f"no `new signing key: …` line in the output of `limen keys rotate`:\n{out}")


# --------------------------------------------------------------------------------------------
# Discovery and JOSE
# --------------------------------------------------------------------------------------------


def discovery(server: LimenServer) -> dict[str, Any]:
    resp = requests.get(server.url("/.well-known/openid-configuration"), timeout=HTTP_TIMEOUT)
    assert resp.status_code == 200, f"discovery: {resp.status_code}\n{resp.text[:1000]}"
    assert resp.headers.get("Content-Type", "").startswith("application/json"), resp.headers
    return resp.json()


def fetch_jwks(metadata: dict[str, Any]) -> dict[str, Any]:
    resp = requests.get(metadata["jwks_uri"], timeout=HTTP_TIMEOUT)
    assert resp.status_code == 200, f"jwks: {resp.status_code}\n{resp.text[:1000]}"
    jwks = resp.json()
    assert isinstance(jwks.get("keys"), list) and jwks["keys"], jwks
    for key in jwks["keys"]:
        leaked = [m for m in PRIVATE_JWK_MEMBERS if m in key]
        assert not leaked, f"the JWKS publishes private key members {leaked}: {key}"
        assert key.get("kid"), f"a key without kid: {key}"
    return jwks


def b64url_json(segment: str) -> dict[str, Any]:
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


def b64url_encode_json(value: dict[str, Any]) -> str:
    raw = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def jwt_header(token: str) -> dict[str, Any]:
    return b64url_json(token.split(".")[0])


def jwt_payload_unverified(token: str) -> dict[str, Any]:
    return b64url_json(token.split(".")[1])


def verify_logout_token(token: str, jwks: dict[str, Any], issuer: str, client_id: str) -> dict[str, Any]:
    """OpenID Connect Back-Channel Logout 1.0 §2.6 validation: signature against the OP's JWKS
    (Authlib's JOSE backend), iss, aud, iat, exp, jti, the events member, sub and/or sid, no nonce."""
    header = jwt_header(token)
    assert header.get("alg") and header["alg"] != "none", header
    # §2.4: explicitly typed, so that it cannot be mistaken for an ID token.
    assert header.get("typ") == "logout+jwt", header
    decoded = jwt.decode(token, KeySet.import_key_set(jwks), registry=JWSRegistry(strict_check_header=False))
    claims = JWTClaims(
        decoded.claims,
        decoded.header,
        {
            "iss": {"essential": True, "value": issuer},
            "aud": {"essential": True, "value": client_id},
            "iat": {"essential": True},
            "exp": {"essential": True},
            "jti": {"essential": True},
        },
    )
    claims.validate(leeway=120)
    events = claims.get("events")
    assert isinstance(events, dict), f"events must be a JSON object: {claims}"
    assert BACKCHANNEL_LOGOUT_EVENT in events, f"no back-channel logout event: {claims}"
    assert events[BACKCHANNEL_LOGOUT_EVENT] == {}, events
    assert "sub" in claims or "sid" in claims, f"a logout token needs sub or sid: {claims}"
    assert "nonce" not in claims, f"a logout token must not carry a nonce (§2.4): {claims}"
    return dict(claims)


# --------------------------------------------------------------------------------------------
# A browser going through the authorization endpoint
# --------------------------------------------------------------------------------------------


def query_params(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def strip_query(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


class OidcBrowser(Browser):
    """The simulated browser of limen_interop (one cookie jar, no automatic redirects) taught to
    follow an authorization request through Limen's pages until Limen sends it away."""

    MAX_STEPS = 12

    def _origin(self, url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"

    def fetch(self, url: str) -> requests.Response:
        return self.session.get(url, allow_redirects=False, timeout=HTTP_TIMEOUT)

    def run(self, url: str, user: User | None = None, *, method: str = "GET", data=None) -> requests.Response | str:
        """GET (or POST) `url` on Limen, follow Limen's own redirects and, when `user` is given, fill
        in the login forms. Returns the first Location that leaves Limen (a string), or the first
        page that is neither a redirect nor a login form that can be filled (a response)."""
        if method == "GET":
            resp = self.fetch(url)
        else:
            resp = self.session.post(url, data=data, allow_redirects=False, timeout=HTTP_TIMEOUT)
        return self.follow(resp, user)

    def follow(self, resp: requests.Response, user: User | None = None) -> requests.Response | str:
        """What `run` does after its first request."""
        server_origin = self._origin(self.server.base_url)
        for _ in range(self.MAX_STEPS):
            if resp.status_code in REDIRECT_STATUSES:
                location = urljoin(resp.url, resp.headers.get("Location", ""))
                if self._origin(location) != server_origin:
                    return location
                resp = self.fetch(location)
                continue
            if resp.status_code == 200 and user is not None:
                forms = [f for f in parse_forms(resp.text) if f.method == "post" and "csrf_token" in f.names()]
                names = forms[0].names() if forms else set()
                if "password" in names:
                    resp = self.submit_password(resp, user.password)
                    continue
                if "email" in names:
                    resp = self.submit_email(resp, user.email)
                    continue
            return resp
        raise AssertionError(f"more than {self.MAX_STEPS} steps, last {resp.url}")

    def authorize(self, url: str, user: User | None = None) -> str:
        """The redirect back to the client of an authorization request (query response mode)."""
        out = self.run(url, user)
        assert isinstance(out, str), (
            f"the authorization request did not come back to the client: {out.status_code} {out.url}\n{out.text[:2000]}"
        )
        return out

    def authorize_page(self, url: str) -> requests.Response:
        """An authorization request answered by a page of Limen (error page, form_post, login)."""
        out = self.run(url)
        assert not isinstance(out, str), f"expected a page from Limen, got a redirect to {out}"
        return out


def callback_params(location: str, client: OidcClient | str) -> dict[str, str]:
    """The query of a redirect to the client's redirect URI, which must be the registered one
    exactly (same scheme, host, port and path)."""
    redirect_uri = client if isinstance(client, str) else client.redirect_uri
    assert strip_query(location) == strip_query(redirect_uri), f"redirected to {location!r}, not to {redirect_uri!r}"
    assert "#" not in location, f"a fragment in a query-mode response: {location}"
    return query_params(location)


# --------------------------------------------------------------------------------------------
# The relying party
# --------------------------------------------------------------------------------------------


@dataclass
class AuthRequest:
    url: str
    state: str
    nonce: str
    code_verifier: str | None


class RelyingParty(OpenIDMixin):
    """An OpenID Connect client made of Authlib parts: `OAuth2Session` for the protocol and
    Authlib's own `OpenIDMixin.parse_id_token` (JWKS from `jwks_uri`, re-fetched on an unknown kid,
    then `CodeIDToken` validation of iss, aud, exp, iat, nonce, azp and at_hash)."""

    def __init__(
        self,
        metadata: dict[str, Any],
        client: OidcClient,
        *,
        scope: str = DEFAULT_SCOPE,
        token_endpoint_auth_method: str | None = None,
        client_key: Any = None,
        redirect_uri: str | None = None,
    ):
        self.server_metadata = dict(metadata)
        self.client = client
        self.client_id = client.client_id
        self.redirect_uri = redirect_uri or client.redirect_uri
        self.responses: list[requests.Response] = []
        secret = client_key if client_key is not None else client.client_secret
        if token_endpoint_auth_method is None:
            token_endpoint_auth_method = "client_secret_basic" if client.client_secret else "none"
        self.session = OAuth2Session(
            client.client_id,
            secret,
            token_endpoint_auth_method=token_endpoint_auth_method,
            revocation_endpoint_auth_method=token_endpoint_auth_method,
            scope=scope,
            redirect_uri=self.redirect_uri,
            code_challenge_method="S256",
            default_timeout=HTTP_TIMEOUT,
            token_endpoint=metadata["token_endpoint"],
        )
        for hook in ("access_token_response", "refresh_token_response"):
            self.session.register_compliance_hook(hook, self._keep)

    def _keep(self, resp: requests.Response) -> requests.Response:
        self.responses.append(resp)
        return resp

    @property
    def last_response(self) -> requests.Response:
        return self.responses[-1]

    # OpenIDMixin's hooks ------------------------------------------------------------------
    def load_server_metadata(self) -> dict[str, Any]:
        return self.server_metadata

    def _get_session(self) -> OAuth2Session:
        return OAuth2Session(self.client_id, default_timeout=HTTP_TIMEOUT)

    # The protocol -------------------------------------------------------------------------
    def auth_request(self, *, pkce: bool = True, **params) -> AuthRequest:
        nonce = params.pop("nonce", None) or generate_token(24)
        verifier = generate_token(64) if pkce else None
        url, state = self.session.create_authorization_url(
            self.server_metadata["authorization_endpoint"], code_verifier=verifier, nonce=nonce, **params
        )
        return AuthRequest(url=url, state=state, nonce=nonce, code_verifier=verifier)

    def exchange(self, request: AuthRequest, callback: str, **kwargs) -> dict[str, Any]:
        """The token request for the code of `callback` (state checked by Authlib)."""
        params = callback_params(callback, self.redirect_uri)
        assert "error" not in params, f"authorization error: {params}"
        assert params.get("iss") == self.server_metadata["issuer"], f"iss (RFC 9207) {params.get('iss')!r}"
        if request.code_verifier is not None:
            kwargs.setdefault("code_verifier", request.code_verifier)
        token = self.session.fetch_token(authorization_response=callback, state=request.state, **kwargs)
        return dict(token)

    def exchange_code(self, code: str, **kwargs) -> dict[str, Any]:
        return dict(self.session.fetch_token(grant_type="authorization_code", code=code, **kwargs))

    def login(self, browser: OidcBrowser, user: User | None, **params) -> tuple[AuthRequest, dict[str, Any]]:
        """Authorization request through `browser` (logging in as `user` when there is no session),
        then the code exchange."""
        req = self.auth_request(**params)
        callback = browser.authorize(req.url, user)
        return req, self.exchange(req, callback)

    def parse_id_token(self, token, nonce, claims_options=None, claims_cls=None, leeway=120):
        """Authlib's validation, told to check the audience too (it checks iss only by default)."""
        if claims_options is None:
            claims_options = {
                "iss": {"essential": True, "value": self.server_metadata["issuer"]},
                "aud": {"essential": True, "value": self.client_id},
                "exp": {"essential": True},
                "iat": {"essential": True},
            }
        claims = super().parse_id_token(token, nonce, claims_options, claims_cls, leeway)
        assert claims is not None, f"no id_token in the token response: {token}"
        return claims

    def refresh(self, refresh_token: str) -> dict[str, Any]:
        return dict(self.session.refresh_token(refresh_token=refresh_token))

    def userinfo_response(self, access_token: str, method: str = "GET") -> requests.Response:
        return requests.request(
            method,
            self.server_metadata["userinfo_endpoint"],
            headers={"Authorization": f"Bearer {access_token}"},
            timeout=HTTP_TIMEOUT,
        )

    def revoke(self, token: str, hint: str | None = None) -> requests.Response:
        return self.session.revoke_token(self.server_metadata["revocation_endpoint"], token=token, token_type_hint=hint)

    def introspect(self, token: str, hint: str | None = None) -> dict[str, Any]:
        resp = self.session.introspect_token(
            self.server_metadata["introspection_endpoint"], token=token, token_type_hint=hint
        )
        assert resp.status_code == 200, f"introspection: {resp.status_code}\n{resp.text[:1000]}"
        return resp.json()


def token_error(call, rp: RelyingParty) -> tuple[str, requests.Response]:
    """Run a token-endpoint call expected to fail; returns the OAuth error code and the response."""
    before = len(rp.responses)
    try:
        result = call()
    except OAuthError as exc:
        assert len(rp.responses) > before, "no token response recorded"
        resp = rp.last_response
        body = resp.json()
        assert body.get("error") == exc.error, body
        assert resp.headers.get("Content-Type", "").startswith("application/json"), resp.headers
        return exc.error, resp
    raise AssertionError(f"the token endpoint accepted the request: {result}")


def expect_unauthorized(resp: requests.Response) -> None:
    """RFC 6750 §3 / OIDC Core §5.3.3: a refused access token at userinfo."""
    assert resp.status_code == 401, f"userinfo answered {resp.status_code}: {resp.text[:500]}"
    challenge = resp.headers.get("WWW-Authenticate", "")
    assert challenge.lower().startswith("bearer"), f"WWW-Authenticate: {challenge!r}"
    assert "invalid_token" in challenge, f"WWW-Authenticate: {challenge!r}"
