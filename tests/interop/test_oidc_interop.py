"""Interoperability of Limen's OpenID Connect provider with Authlib (PyPI `Authlib`), a relying
party library we did not write.

Each test drives the HTML login forms with `requests` like a browser and talks to the provider
the way an application built on Authlib would: discovery, `OAuth2Session` with PKCE S256, the
code exchange with each client authentication method, Authlib's own ID token validation against
the JWKS of `jwks_uri`, userinfo, refresh, revocation (RFC 7009), introspection (RFC 7662),
RP-initiated and back-channel logout. Contract: docs/OIDC.md; where it is silent, the specs.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import time
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
import requests
from authlib.common.security import generate_token
from authlib.oauth2.rfc7523 import PrivateKeyJWT, private_key_jwt_sign
from joserfc.errors import BadSignatureError, JoseError
from joserfc.jwk import ECKey

from limen_interop import (
    HTTP_TIMEOUT,
    PASSWORD,
    Recorder,
    User,
    World,
    login_form,
    parse_forms,
    running_limen,
)
from oidc_support import (
    OidcBrowser,
    OidcClient,
    RelyingParty,
    b64url_encode_json,
    b64url_json,
    callback_params,
    discovery,
    expect_unauthorized,
    fetch_jwks,
    jwt_header,
    query_params,
    register_client,
    rotate_keys,
    strip_query,
    token_error,
    verify_logout_token,
)

KEY_ROTATION_TIMEOUT = 20.0
BACKCHANNEL_TIMEOUT = 10.0


# --------------------------------------------------------------------------------------------
# Fixtures and small helpers
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def metadata(world: World) -> dict:
    return discovery(world.server)


@pytest.fixture
def browser(world: World) -> OidcBrowser:
    return OidcBrowser(world.server)


def relying_party(world: World, metadata: dict, tag: str, **register) -> RelyingParty:
    client = register_client(world.server, tag, **register)
    return RelyingParty(metadata, client)


def at_hash(access_token: str, hash_name: str = "sha256") -> str:
    digest = hashlib.new(hash_name, access_token.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest[: len(digest) // 2]).rstrip(b"=").decode()


def expect_error_redirect(location: str, client: OidcClient, state: str, error: str, issuer: str) -> dict[str, str]:
    params = callback_params(location, client)
    assert params.get("error") == error, f"expected error={error}, got {params}"
    assert params.get("state") == state, params
    assert params.get("iss") == issuer, f"iss (RFC 9207) {params}"
    assert "code" not in params, params
    return params


def expect_error_page(resp: requests.Response) -> None:
    assert resp.status_code == 400, f"expected HTTP 400, got {resp.status_code}: {resp.text[:500]}"
    assert "Location" not in resp.headers, f"redirected to {resp.headers['Location']}"
    assert resp.headers.get("Content-Type", "").startswith("text/html"), resp.headers


def authorize_url(metadata: dict, **params) -> str:
    return metadata["authorization_endpoint"] + "?" + urlencode(params)


# --------------------------------------------------------------------------------------------
# Discovery and keys
# --------------------------------------------------------------------------------------------


def test_discovery_document(world: World, metadata: dict):
    base = world.server.base_url
    assert metadata["issuer"] == base, "the issuer is the public URL without a trailing slash"
    expected = {
        "authorization_endpoint": "/oidc/authorize",
        "token_endpoint": "/oidc/token",
        "userinfo_endpoint": "/oidc/userinfo",
        "jwks_uri": "/oidc/jwks",
        "revocation_endpoint": "/oidc/revoke",
        "introspection_endpoint": "/oidc/introspect",
        "end_session_endpoint": "/oidc/logout",
    }
    for name, path in expected.items():
        assert metadata.get(name) == base + path, f"{name}: {metadata.get(name)!r}"
    # OpenID Connect Discovery 1.0 §3.
    assert "code" in metadata["response_types_supported"]
    assert "public" in metadata["subject_types_supported"]
    assert "pairwise" in metadata["subject_types_supported"]
    algs = metadata["id_token_signing_alg_values_supported"]
    assert "RS256" in algs, "Discovery §3: RS256 MUST be included"
    assert {"ES256", "EdDSA"} <= set(algs), algs
    assert "openid" in metadata.get("scopes_supported", ["openid"])
    # RFC 8414 / RFC 7636 §6.2: plain is refused, so it is not offered.
    assert metadata.get("code_challenge_methods_supported") == ["S256"], metadata.get(
        "code_challenge_methods_supported"
    )
    auth_methods = set(metadata.get("token_endpoint_auth_methods_supported", []))
    assert {"client_secret_basic", "client_secret_post", "private_key_jwt", "none"} <= auth_methods, auth_methods
    assert {"authorization_code", "refresh_token"} <= set(metadata.get("grant_types_supported", []))
    assert {"query", "form_post"} <= set(metadata.get("response_modes_supported", ["query", "fragment"]))
    # Back-Channel Logout 1.0 §2.1 and Front-Channel Logout 1.0 §3.
    assert metadata.get("backchannel_logout_supported") is True
    assert metadata.get("backchannel_logout_session_supported") is True
    assert metadata.get("frontchannel_logout_supported") is True


def test_jwks_publishes_public_signing_keys_only(metadata: dict):
    jwks = fetch_jwks(metadata)  # no private members, a kid on each key
    kids = [k["kid"] for k in jwks["keys"]]
    assert len(kids) == len(set(kids)), f"duplicate kids: {kids}"
    es256 = [k for k in jwks["keys"] if k.get("kty") == "EC"]
    assert es256, f"no EC key for ES256: {jwks}"
    assert all(k.get("crv") == "P-256" for k in es256), es256
    for key in jwks["keys"]:
        assert key.get("use", "sig") == "sig", key


# --------------------------------------------------------------------------------------------
# 1. The whole life of a grant, with Authlib
# --------------------------------------------------------------------------------------------


def test_authorization_code_flow_end_to_end(world: World, metadata: dict):
    server, user = world.server, world.user
    issuer = metadata["issuer"]
    with Recorder() as recorder:
        logged_out = "http://127.0.0.1:9/oidc/full-flow/logged-out"
        client = register_client(
            server,
            "full flow",
            post_logout_redirect_uris=[logged_out],
            backchannel_logout_uri=recorder.url("/backchannel"),
        )
        rp = RelyingParty(metadata, client)
        browser = OidcBrowser(server)

        # The authorization request as Authlib builds it: PKCE S256, nonce, state.
        req = rp.auth_request()
        sent = query_params(req.url)
        assert sent["code_challenge_method"] == "S256" and sent["code_challenge"], sent
        assert sent["nonce"] == req.nonce and sent["state"] == req.state, sent

        # No session: Limen sends the browser to its login page, then back with a code.
        first = browser.fetch(req.url)
        assert first.status_code == 303, f"{first.status_code}: {first.text[:500]}"
        login = urljoin(first.url, first.headers["Location"])
        assert urlsplit(login).path == "/cas/login", login
        callback = browser.authorize(login, user)
        params = callback_params(callback, client)
        assert params["state"] == req.state
        assert params["iss"] == issuer
        assert params.get("code"), params

        # The code exchange (client_secret_basic, the default for a confidential client).
        token = rp.exchange(req, callback)
        resp = rp.last_response
        assert resp.status_code == 200
        assert "no-store" in resp.headers.get("Cache-Control", ""), "RFC 6749 §5.1: Cache-Control: no-store"
        assert "no-cache" in resp.headers.get("Pragma", ""), "RFC 6749 §5.1: Pragma: no-cache"
        assert token["token_type"].lower() == "bearer", token
        assert isinstance(token.get("expires_in"), int) and token["expires_in"] > 0, token
        assert token.get("refresh_token"), token
        assert token.get("id_token"), token

        # The ID token, validated by Authlib against the JWKS of jwks_uri.
        header = jwt_header(token["id_token"])
        assert header["alg"] == "ES256", header
        assert header["kid"] in {k["kid"] for k in fetch_jwks(metadata)["keys"]}, header
        claims = rp.parse_id_token(token, req.nonce)
        now = time.time()
        assert claims["iss"] == issuer
        assert claims["aud"] == client.client_id or claims["aud"] == [client.client_id], claims["aud"]
        assert claims["nonce"] == req.nonce
        assert claims["exp"] > now > claims["iat"] - 120, claims
        assert claims["at_hash"] == at_hash(token["access_token"]), "at_hash (OIDC Core §3.1.3.6)"
        assert claims.get("azp", client.client_id) == client.client_id
        assert claims["sid"], claims
        assert claims["auth_time"] <= now + 5, claims
        assert claims["acr"], claims
        assert claims["amr"] == ["pwd"], claims
        assert claims["email"].lower() == user.email.lower()
        assert claims["given_name"] == user.first_name
        assert claims["family_name"] == user.last_name
        sub = claims["sub"]

        # Userinfo, GET and POST (OIDC Core §5.3.1).
        info = rp.userinfo_response(token["access_token"])
        assert info.status_code == 200, f"userinfo: {info.status_code} {info.text[:500]}"
        assert info.headers.get("Content-Type", "").startswith("application/json")
        userinfo = info.json()
        assert userinfo["sub"] == sub, "OIDC Core §5.3.2: userinfo sub equals the ID token sub"
        assert userinfo["email"].lower() == user.email.lower()
        assert userinfo["given_name"] == user.first_name
        assert userinfo["family_name"] == user.last_name
        posted = rp.userinfo_response(token["access_token"], method="POST")
        assert posted.status_code == 200 and posted.json()["sub"] == sub

        # Refresh: a new refresh token each time; the old one is then refused.
        refreshed = rp.refresh(token["refresh_token"])
        assert rp.last_response.status_code == 200
        assert refreshed["refresh_token"] != token["refresh_token"], "refresh tokens rotate"
        assert refreshed["access_token"] != token["access_token"]
        assert rp.userinfo_response(refreshed["access_token"]).json()["sub"] == sub
        if "id_token" in refreshed:  # OIDC Core §12.2
            again = rp.parse_id_token(refreshed, None)
            assert again["sub"] == sub and again["iss"] == issuer
            assert again.get("auth_time") == claims["auth_time"], "§12.2: auth_time of the original login"
        error, _ = token_error(lambda: rp.refresh(token["refresh_token"]), rp)
        assert error == "invalid_grant"

        # A second grant from the SSO session: no form, straight back to the client.
        req2 = rp.auth_request()
        sso = browser.fetch(req2.url)
        assert sso.status_code == 303, f"SSO authorization: {sso.status_code}\n{sso.text[:500]}"
        token2 = rp.exchange(req2, sso.headers["Location"])
        claims2 = rp.parse_id_token(token2, req2.nonce)
        assert claims2["sub"] == sub
        assert claims2["sid"] == claims["sid"], "one OP session, one sid"

        # Introspection (RFC 7662), revocation (RFC 7009).
        active = rp.introspect(token2["access_token"], "access_token")
        assert active["active"] is True, active
        assert active.get("client_id", client.client_id) == client.client_id, active
        assert active.get("sub", sub) == sub, active
        assert "openid" in active.get("scope", "openid").split(), active
        revoked = rp.revoke(token2["access_token"], "access_token")
        assert revoked.status_code == 200, f"revocation: {revoked.status_code} {revoked.text[:500]}"
        expect_unauthorized(rp.userinfo_response(token2["access_token"]))
        inactive = rp.introspect(token2["access_token"], "access_token")
        assert inactive["active"] is False, inactive
        # RFC 7009 §2.2: an unknown token is answered 200 as well.
        assert rp.revoke(generate_token(43)).status_code == 200
        assert rp.revoke(token2["refresh_token"], "refresh_token").status_code == 200
        error, _ = token_error(lambda: rp.refresh(token2["refresh_token"]), rp)
        assert error == "invalid_grant"
        assert rp.introspect(token2["refresh_token"], "refresh_token")["active"] is False

        # A live grant of the session, to be ended by the logout.
        _req3, token3 = rp.login(browser, None)
        assert rp.userinfo_response(token3["access_token"]).status_code == 200

        # RP-initiated logout with id_token_hint: straight to the registered URI with the state.
        logout = rp.create_logout_url(post_logout_redirect_uri=logged_out, id_token_hint=token3["id_token"])
        after = browser.run(logout["url"])
        assert isinstance(after, str), f"logout did not redirect: {after.status_code}\n{after.text[:1000]}"
        assert strip_query(after) == logged_out, after
        assert query_params(after).get("state") == logout["state"], after

        # The session is over: prompt=none now answers login_required, and its grants are revoked.
        req4 = rp.auth_request(prompt="none")
        gone = browser.fetch(req4.url)
        assert gone.status_code == 303, gone.status_code
        expect_error_redirect(gone.headers["Location"], client, req4.state, "login_required", issuer)
        expect_unauthorized(rp.userinfo_response(token3["access_token"]))
        error, _ = token_error(lambda: rp.refresh(token3["refresh_token"]), rp)
        assert error == "invalid_grant"

        # The back-channel logout token (Back-Channel Logout 1.0 §2.4–2.6).
        posted = recorder.wait_for(lambda r: r.method == "POST" and r.path == "/backchannel", BACKCHANNEL_TIMEOUT)
        assert posted is not None, f"no back-channel logout POST within {BACKCHANNEL_TIMEOUT} s: {recorder.requests}"
        assert posted.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"), posted.headers
        logout_token = posted.form()["logout_token"][0]
        logout_claims = verify_logout_token(logout_token, fetch_jwks(metadata), issuer, client.client_id)
        assert logout_claims["sid"] == claims["sid"], logout_claims
        assert logout_claims.get("sub", sub) == sub, logout_claims


def test_form_post_response_mode(world: World, metadata: dict, browser: OidcBrowser):
    rp = relying_party(world, metadata, "form post")
    rp.login(browser, world.user)  # a session first
    req = rp.auth_request(response_mode="form_post")
    page = browser.authorize_page(req.url)
    assert page.status_code == 200, page.status_code
    forms = [f for f in parse_forms(page.text) if f.method == "post"]
    assert len(forms) == 1, page.text[:2000]
    form = forms[0]
    assert form.action == rp.redirect_uri, form.action
    fields = form.hidden()
    assert fields.get("state") == req.state
    assert fields.get("iss") == metadata["issuer"]
    assert fields.get("code"), fields
    # The same code works as from a query response.
    token = rp.exchange_code(fields["code"], code_verifier=req.code_verifier)
    assert rp.parse_id_token(token, req.nonce)["nonce"] == req.nonce


def test_login_hint_and_prompt_login(world: World, metadata: dict, browser: OidcBrowser):
    rp = relying_party(world, metadata, "prompt login")
    # login_hint pre-fills the e-mail address of the login page; ui_locales picks its language.
    req = rp.auth_request(login_hint=world.user.email, ui_locales="fr")
    page = browser.run(req.url)
    assert not isinstance(page, str), f"redirected to {page} without a session"
    assert world.user.email in page.text, "login_hint does not pre-fill the address"
    assert '<html lang="fr"' in page.text, "ui_locales=fr: the login page is not in French"
    rp.exchange(req, browser.authorize(page.url, world.user))
    # With a session, prompt=login still asks for the password (OIDC Core §3.1.2.1).
    req2 = rp.auth_request(prompt="login")
    again = browser.run(req2.url)
    assert not isinstance(again, str), f"prompt=login went straight back to {again}"
    assert any("csrf_token" in f.names() for f in parse_forms(again.text)), again.text[:2000]
    token = rp.exchange(req2, browser.authorize(again.url, world.user))
    assert rp.parse_id_token(token, req2.nonce)["auth_time"] >= int(time.time()) - 60


def test_max_age(world: World, metadata: dict, browser: OidcBrowser):
    rp = relying_party(world, metadata, "max age")
    first_req, first = rp.login(browser, world.user)
    auth_time = rp.parse_id_token(first, first_req.nonce)["auth_time"]
    # A max_age the session satisfies: no form, and auth_time is REQUIRED (OIDC Core §2).
    req = rp.auth_request(max_age="3600")
    callback = browser.authorize(req.url)
    claims = rp.parse_id_token(rp.exchange(req, callback), req.nonce)
    assert claims["auth_time"] == auth_time, claims
    # OIDC Core §3.1.2.1 (errata set 2): "max_age=0 is equivalent to prompt=login".
    req0 = rp.auth_request(max_age="0")
    again = browser.run(req0.url)
    assert not isinstance(again, str), f"max_age=0 went straight back to {again} without asking for the password"
    token = rp.exchange(req0, browser.authorize(again.url, world.user))
    assert "auth_time" in rp.parse_id_token(token, req0.nonce)


def test_consent(world: World, metadata: dict, browser: OidcBrowser):
    rp = relying_party(world, metadata, "consent", extra_args=["--consent"])
    issuer = metadata["issuer"]
    first = rp.auth_request()
    page = browser.run(first.url, world.user)
    assert not isinstance(page, str), f"no consent asked, straight to {page}"
    consent = login_form(page)  # the POST form with its csrf_token
    assert "decision" in consent.names(), page.text[:2000]
    # OIDC Core §3.1.2.1: prompt=none with consent still to give.
    silent = rp.auth_request(prompt="none")
    resp = browser.fetch(silent.url)
    assert resp.status_code == 303, resp.status_code
    expect_error_redirect(resp.headers["Location"], rp.client, silent.state, "consent_required", issuer)
    # Denied: access_denied (RFC 6749 §4.1.2.1).
    denied = browser.follow(browser.submit(consent, {"decision": "deny"}))
    assert isinstance(denied, str), f"no redirect after denying: {denied.status_code}\n{denied.text[:1000]}"
    expect_error_redirect(denied, rp.client, first.state, "access_denied", issuer)
    # Allowed: a code, and the consent is remembered.
    second = rp.auth_request()
    page = browser.run(second.url)
    assert not isinstance(page, str), f"consent not asked again after a denial: {page}"
    allowed = browser.follow(browser.submit(login_form(page), {"decision": "allow"}))
    assert isinstance(allowed, str), f"no redirect after allowing: {allowed.status_code}\n{allowed.text[:1000]}"
    rp.parse_id_token(rp.exchange(second, allowed), second.nonce)
    third = rp.auth_request(prompt="none")
    resp = browser.fetch(third.url)
    assert resp.status_code == 303, resp.status_code
    rp.exchange(third, resp.headers["Location"])


def test_authorization_and_logout_by_post(world: World, metadata: dict, browser: OidcBrowser):
    """docs/OIDC.md: GET or POST /oidc/authorize (OIDC Core §3.1.2.1) and /oidc/logout."""
    logged_out = "http://127.0.0.1:9/oidc/post-logout/done"
    rp = relying_party(world, metadata, "post methods", post_logout_redirect_uris=[logged_out])
    rp.login(browser, world.user)
    req = rp.auth_request()
    fields = query_params(req.url)
    callback = browser.run(metadata["authorization_endpoint"], method="POST", data=fields)
    assert isinstance(callback, str), f"POST authorize: {callback.status_code}\n{callback.text[:1000]}"
    token = rp.exchange(req, callback)
    rp.parse_id_token(token, req.nonce)
    out = browser.run(
        metadata["end_session_endpoint"],
        method="POST",
        data={"id_token_hint": token["id_token"], "post_logout_redirect_uri": logged_out, "state": "bye é&"},
    )
    assert isinstance(out, str), f"POST logout: {out.status_code}\n{out.text[:1000]}"
    assert strip_query(out) == logged_out and query_params(out)["state"] == "bye é&", out
    expect_unauthorized(rp.userinfo_response(token["access_token"]))


def test_state_and_nonce_round_trip_verbatim(world: World, metadata: dict, browser: OidcBrowser):
    rp = relying_party(world, metadata, "round trip")
    state = "a b&c=d+é/?#%20"
    nonce = "nonce with spaces, ünïcode & = + /"
    req = rp.auth_request(state=state, nonce=nonce)
    assert req.state == state
    callback = browser.authorize(req.url, world.user)
    assert callback_params(callback, rp.client)["state"] == state, callback
    token = rp.exchange(req, callback)
    assert rp.parse_id_token(token, nonce)["nonce"] == nonce


def test_unsupported_grant_types(world: World, metadata: dict):
    rp = relying_party(world, metadata, "grant types")
    for grant in ("password", "client_credentials", "urn:ietf:params:oauth:grant-type:device_code"):
        error, resp = token_error(lambda g=grant: rp.session.fetch_token(grant_type=g, username="u", password="p"), rp)
        assert error in ("unsupported_grant_type", "unauthorized_client"), f"{grant}: {error}"
        assert resp.status_code == 400, f"{grant}: {resp.status_code}"


# --------------------------------------------------------------------------------------------
# 2. A public client
# --------------------------------------------------------------------------------------------


def test_public_client_with_pkce(world: World, metadata: dict, browser: OidcBrowser):
    client = register_client(world.server, "public", public=True)
    assert client.client_secret is None
    rp = RelyingParty(metadata, client, token_endpoint_auth_method="none")
    req, token = rp.login(browser, world.user)
    sent = rp.last_response.request
    assert "Authorization" not in sent.headers and "client_secret" not in (sent.body or ""), "a secret was sent"
    assert rp.parse_id_token(token, req.nonce)["aud"] in (client.client_id, [client.client_id])

    # PKCE is required: a request without code_challenge is refused (RFC 7636 §4.4.1).
    nopkce = rp.auth_request(pkce=False)
    assert "code_challenge" not in query_params(nopkce.url)
    resp = browser.fetch(nopkce.url)
    assert resp.status_code == 303, resp.status_code
    expect_error_redirect(resp.headers["Location"], client, nopkce.state, "invalid_request", metadata["issuer"])

    # A code requested with PKCE cannot be redeemed without the verifier.
    req2 = rp.auth_request()
    callback = browser.authorize(req2.url)
    code = callback_params(callback, client)["code"]
    error, _ = token_error(lambda: rp.exchange_code(code), rp)
    assert error in ("invalid_grant", "invalid_request"), error


# --------------------------------------------------------------------------------------------
# 3. Client authentication: client_secret_post, private_key_jwt
# --------------------------------------------------------------------------------------------


def test_client_secret_post(world: World, metadata: dict, browser: OidcBrowser):
    client = register_client(world.server, "secret post", token_auth_method="client_secret_post")
    rp = RelyingParty(metadata, client, token_endpoint_auth_method="client_secret_post")
    req, token = rp.login(browser, world.user)
    sent = rp.last_response.request
    assert "Authorization" not in sent.headers
    assert "client_secret=" in sent.body, sent.body
    assert rp.parse_id_token(token, req.nonce)["email"].lower() == world.user.email.lower()


# Authlib signs client assertions valid for an hour by default; Limen refuses an `exp` more than
# 600 s ahead (RFC 7523 §3 lets a server refuse one "unreasonably far in the future"), so the
# relying party here asks for five minutes, as Authlib allows through `expires_in`.
ASSERTION_LIFETIME = 300


class ShortLivedPrivateKeyJWT(PrivateKeyJWT):
    def sign(self, auth, token_endpoint):
        return private_key_jwt_sign(
            auth.client_secret,
            client_id=auth.client_id,
            token_endpoint=token_endpoint,
            claims=None,
            header=dict(self.headers or {}),
            alg=self.alg,
            expires_in=ASSERTION_LIFETIME,
        )


def test_private_key_jwt(world: World, metadata: dict, browser: OidcBrowser, tmp_path):
    kid = "rp-" + generate_token(8)
    key = ECKey.generate_key("P-256", parameters={"kid": kid, "use": "sig", "alg": "ES256"}, private=True)
    jwks_file = tmp_path / "client-jwks.json"
    jwks_file.write_text(json.dumps({"keys": [key.as_dict(private=False)]}))
    client = register_client(world.server, "private key jwt", token_auth_method="private_key_jwt", jwks_file=jwks_file)
    token_endpoint = metadata["token_endpoint"]
    rp = RelyingParty(metadata, client, token_endpoint_auth_method="private_key_jwt", client_key=key)
    rp.session.register_client_auth_method(ShortLivedPrivateKeyJWT(token_endpoint, alg="ES256", headers={"kid": kid}))
    req, token = rp.login(browser, world.user)
    sent = rp.last_response.request.body
    assert "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer" in sent, sent
    assert rp.parse_id_token(token, req.nonce)["aud"] in (client.client_id, [client.client_id])

    def code() -> tuple[str, str]:
        r = rp.auth_request()
        return callback_params(browser.authorize(r.url), client)["code"], r.code_verifier

    def redeem(assertion: str, code_and_verifier) -> requests.Response:
        c, verifier = code_and_verifier
        return requests.post(
            token_endpoint,
            data={
                "grant_type": "authorization_code",
                "code": c,
                "redirect_uri": client.redirect_uri,
                "code_verifier": verifier,
                "client_id": client.client_id,
                "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion": assertion,
            },
            timeout=HTTP_TIMEOUT,
        )

    # RFC 7523 §3: the jti is single-use, so a replayed assertion is refused.
    assertion = private_key_jwt_sign(
        key, client.client_id, token_endpoint, alg="ES256", header={"kid": kid}, expires_in=ASSERTION_LIFETIME
    )
    assert redeem(assertion, code()).status_code == 200
    replay = redeem(assertion, code())
    assert replay.status_code in (400, 401), replay.status_code
    assert replay.json().get("error") == "invalid_client", replay.text

    # An assertion signed by a key that is not the client's is refused.
    other = ECKey.generate_key("P-256", parameters={"kid": kid}, private=True)
    forged = private_key_jwt_sign(
        other, client.client_id, token_endpoint, alg="ES256", header={"kid": kid}, expires_in=ASSERTION_LIFETIME
    )
    refused = redeem(forged, code())
    assert refused.status_code in (400, 401), refused.status_code
    assert refused.json().get("error") == "invalid_client", refused.text


# --------------------------------------------------------------------------------------------
# 4. Failure paths
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("signed_in", [False, True], ids=["no-session", "sso-session"])
def test_unregistered_redirect_uri_gets_an_error_page(world: World, metadata: dict, browser, signed_in: bool):
    rp = relying_party(world, metadata, "redirect check")
    if signed_in:
        rp.login(browser, world.user)
    registered = rp.redirect_uri
    parts = urlsplit(registered)
    for wrong in (
        registered + "x",
        registered + "/more",
        registered + "?extra=1",
        registered.rsplit("/", 1)[0] + "/",
        f"{parts.scheme}://127.0.0.1:10{parts.path}",
        "http://evil.example/callback",
    ):
        req = rp.auth_request(redirect_uri=wrong)
        expect_error_page(browser.fetch(req.url))


def test_unknown_client_gets_an_error_page(world: World, metadata: dict, browser: OidcBrowser):
    url = authorize_url(
        metadata,
        response_type="code",
        client_id="no-such-client-" + generate_token(8),
        redirect_uri="http://127.0.0.1:9/cb",
        scope="openid",
        state="s",
        nonce="n",
    )
    expect_error_page(browser.fetch(url))


def test_repeated_parameters_are_refused(world: World, metadata: dict, browser: OidcBrowser):
    """RFC 6749 §3.1 and §3.2: parameters MUST NOT be included more than once."""
    rp = relying_party(world, metadata, "repeated parameters")
    req = rp.auth_request()
    # A repeated client_id or redirect_uri: nothing to trust, so an error page.
    for name in ("client_id", "redirect_uri"):
        value = query_params(req.url)[name]
        expect_error_page(browser.fetch(req.url + "&" + urlencode({name: value})))
    # Another repeated parameter goes back to the client as invalid_request.
    resp = browser.fetch(req.url + "&" + urlencode({"scope": "openid email"}))
    assert resp.status_code == 303, resp.status_code
    expect_error_redirect(resp.headers["Location"], rp.client, req.state, "invalid_request", metadata["issuer"])
    # At the token endpoint.
    code = callback_params(browser.authorize(req.url, world.user), rp.client)["code"]
    body = urlencode(
        [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("code", code),
            ("redirect_uri", rp.redirect_uri),
            ("code_verifier", req.code_verifier),
        ]
    )
    resp = requests.post(
        metadata["token_endpoint"],
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        auth=(rp.client_id, rp.client.client_secret),
        timeout=HTTP_TIMEOUT,
    )
    assert resp.status_code == 400, f"a repeated code: {resp.status_code} {resp.text[:300]}"
    assert resp.json().get("error") == "invalid_request", resp.text


def test_replayed_code_is_refused_and_its_tokens_revoked(world: World, metadata: dict, browser: OidcBrowser):
    rp = relying_party(world, metadata, "replay")
    req = rp.auth_request()
    callback = browser.authorize(req.url, world.user)
    token = rp.exchange(req, callback)
    assert rp.userinfo_response(token["access_token"]).status_code == 200
    code = callback_params(callback, rp.client)["code"]
    error, _ = token_error(lambda: rp.exchange_code(code, code_verifier=req.code_verifier), rp)
    assert error == "invalid_grant"
    # RFC 6749 §4.1.2 / docs/OIDC.md: every token issued from the replayed code is revoked.
    expect_unauthorized(rp.userinfo_response(token["access_token"]))
    error, _ = token_error(lambda: rp.refresh(token["refresh_token"]), rp)
    assert error == "invalid_grant"


def test_pkce_mismatch(world: World, metadata: dict, browser: OidcBrowser):
    rp = relying_party(world, metadata, "pkce mismatch")
    req = rp.auth_request()
    callback = browser.authorize(req.url, world.user)
    code = callback_params(callback, rp.client)["code"]
    error, _ = token_error(lambda: rp.exchange_code(code, code_verifier=generate_token(64)), rp)
    assert error == "invalid_grant", "RFC 7636 §4.6"


def test_redirect_uri_must_match_at_the_token_endpoint(world: World, metadata: dict, browser: OidcBrowser):
    first = "http://127.0.0.1:9/oidc/two-uris/one"
    second = "http://127.0.0.1:9/oidc/two-uris/two"
    rp = relying_party(world, metadata, "two redirect uris", redirect_uris=[first, second])
    for presented in (second, first + "x"):
        req = rp.auth_request()
        code = callback_params(browser.authorize(req.url, world.user), first)["code"]
        error, _ = token_error(
            lambda c=code, p=presented, v=req.code_verifier: rp.exchange_code(c, code_verifier=v, redirect_uri=p), rp
        )
        assert error == "invalid_grant", f"RFC 6749 §4.1.3, redirect_uri {presented}"


def test_wrong_client_secret(world: World, metadata: dict, browser: OidcBrowser):
    client = register_client(world.server, "wrong secret")
    bad_client = OidcClient(client.name, client.client_id, "not-" + client.client_secret, client.redirect_uris)
    bad = RelyingParty(metadata, bad_client)
    req = bad.auth_request()
    callback = browser.authorize(req.url, world.user)
    error, resp = token_error(lambda: bad.exchange(req, callback), bad)
    assert error == "invalid_client"
    assert resp.status_code == 401, "RFC 6749 §5.2: 401 for client_secret_basic"
    assert resp.headers.get("WWW-Authenticate", "").lower().startswith("basic"), "RFC 6749 §5.2: WWW-Authenticate"
    # The same code, stolen by another (registered) client, is refused too (RFC 6749 §4.1.3).
    thief = relying_party(world, metadata, "thief", redirect_uris=[client.redirect_uri])
    code = callback_params(callback, client)["code"]
    error, _ = token_error(lambda: thief.exchange_code(code, code_verifier=req.code_verifier), thief)
    assert error == "invalid_grant"


def test_refresh_token_reuse_revokes_the_grant(world: World, metadata: dict, browser: OidcBrowser):
    rp = relying_party(world, metadata, "refresh reuse")
    _req, token = rp.login(browser, world.user)
    second = rp.refresh(token["refresh_token"])
    third = rp.refresh(second["refresh_token"])
    assert len({token["refresh_token"], second["refresh_token"], third["refresh_token"]}) == 3
    error, _ = token_error(lambda: rp.refresh(token["refresh_token"]), rp)
    assert error == "invalid_grant"
    # Reuse detection: the newest refresh token and its access token are revoked as well.
    error, _ = token_error(lambda: rp.refresh(third["refresh_token"]), rp)
    assert error == "invalid_grant"
    expect_unauthorized(rp.userinfo_response(third["access_token"]))
    assert rp.introspect(third["access_token"])["active"] is False


def test_refresh_cannot_widen_the_scope(world: World, metadata: dict, browser: OidcBrowser):
    client = register_client(world.server, "refresh scope")
    rp = RelyingParty(metadata, client, scope="openid email")
    _req, token = rp.login(browser, world.user)
    assert "given_name" not in rp.userinfo_response(token["access_token"]).json()
    # RFC 6749 §6: a narrower scope may be asked for...
    narrow = dict(rp.session.refresh_token(refresh_token=token["refresh_token"], scope="openid"))
    info = rp.userinfo_response(narrow["access_token"]).json()
    assert "email" not in info and info["sub"], info
    # ...but none that was not granted (the client may have profile, the user did not grant it).
    error, _ = token_error(
        lambda: rp.session.refresh_token(refresh_token=narrow["refresh_token"], scope="openid email profile"), rp
    )
    assert error == "invalid_scope", "RFC 6749 §6 / §5.2"


def test_userinfo_needs_an_access_token(world: World, metadata: dict, browser: OidcBrowser):
    rp = relying_party(world, metadata, "userinfo bearer")
    _req, token = rp.login(browser, world.user)
    bare = requests.get(metadata["userinfo_endpoint"], timeout=HTTP_TIMEOUT)
    assert bare.status_code == 401, bare.status_code
    assert bare.headers.get("WWW-Authenticate", "").lower().startswith("bearer"), "RFC 6750 §3"
    # RFC 7235 §2.1: the scheme name is case-insensitive.
    lower = requests.get(
        metadata["userinfo_endpoint"],
        headers={"Authorization": "bearer " + token["access_token"]},
        timeout=HTTP_TIMEOUT,
    )
    assert lower.status_code == 200, f"'bearer' (lower case) refused: {lower.status_code}"
    # The ID token is not an access token.
    expect_unauthorized(rp.userinfo_response(token["id_token"]))
    expect_unauthorized(rp.userinfo_response(token["refresh_token"]))


def test_introspection_and_revocation_authenticate_the_client(world: World, metadata: dict, browser):
    rp = relying_party(world, metadata, "token owner")
    other = relying_party(world, metadata, "other client")
    _req, token = rp.login(browser, world.user)
    access = token["access_token"]
    # RFC 7662 §2.1: the introspection endpoint requires authorization.
    anonymous = requests.post(metadata["introspection_endpoint"], data={"token": access}, timeout=HTTP_TIMEOUT)
    assert anonymous.status_code == 401, f"anonymous introspection: {anonymous.status_code} {anonymous.text[:300]}"
    assert anonymous.json().get("error") == "invalid_client", anonymous.text
    # RFC 7009 §2.1: the client is authenticated, and only the client a token was issued to can revoke it.
    anonymous = requests.post(metadata["revocation_endpoint"], data={"token": access}, timeout=HTTP_TIMEOUT)
    assert anonymous.status_code == 401, f"anonymous revocation: {anonymous.status_code} {anonymous.text[:300]}"
    other.revoke(access, "access_token")
    other.revoke(token["refresh_token"], "refresh_token")
    assert rp.userinfo_response(access).status_code == 200, "another client revoked the token"
    assert rp.introspect(access)["active"] is True
    refreshed = rp.refresh(token["refresh_token"])
    # A wrong token_type_hint only widens the search (RFC 7662 §2.1, RFC 7009 §2.1).
    assert rp.introspect(refreshed["refresh_token"], "access_token")["active"] is True
    assert rp.introspect(refreshed["access_token"], "refresh_token")["active"] is True
    assert rp.revoke(refreshed["access_token"], "refresh_token").status_code == 200
    expect_unauthorized(rp.userinfo_response(refreshed["access_token"]))


def test_logout_never_redirects_to_an_unregistered_uri(world: World, metadata: dict, browser: OidcBrowser):
    registered = "http://127.0.0.1:9/oidc/plr/registered"
    rp = relying_party(world, metadata, "logout redirect", post_logout_redirect_uris=[registered])
    elsewhere = "http://127.0.0.1:9/oidc/plr/of-another-client"
    relying_party(world, metadata, "logout redirect other", post_logout_redirect_uris=[elsewhere])
    req, token = rp.login(browser, world.user)
    rp.parse_id_token(token, req.nonce)
    # RP-Initiated Logout 1.0 §3: no redirection to a URI not registered for the client of the hint.
    for wrong in (registered + "x", elsewhere, "http://evil.example/after-logout"):
        logout = rp.create_logout_url(post_logout_redirect_uri=wrong, id_token_hint=token["id_token"])
        out = browser.run(logout["url"])
        assert not isinstance(out, str), f"logout redirected to {out} (asked for {wrong})"
        assert out.status_code < 500, out.status_code
        assert wrong not in out.text or "<a" not in out.text.split(wrong)[0][-200:], "a link to the unregistered URI"


def test_logout_without_hint_asks_the_user(world: World, metadata: dict, browser: OidcBrowser):
    logged_out = "http://127.0.0.1:9/oidc/confirm-logout/done"
    rp = relying_party(world, metadata, "confirm logout", post_logout_redirect_uris=[logged_out])
    _req, token = rp.login(browser, world.user)
    logout = rp.create_logout_url(post_logout_redirect_uri=logged_out, client_id=rp.client_id)
    page = browser.run(logout["url"])
    assert not isinstance(page, str), f"logged out without a hint or a confirmation, redirected to {page}"
    confirm = login_form(page)  # a POST form with a csrf_token
    # RP-Initiated Logout 1.0 §6: nothing ends before the user confirms.
    still = rp.auth_request(prompt="none")
    resp = browser.fetch(still.url)
    assert resp.status_code == 303 and "code" in query_params(resp.headers["Location"]), "the session ended unasked"
    done = browser.follow(browser.submit(confirm, {"confirm": "yes"}))
    assert isinstance(done, str), f"no redirect after confirming: {done.status_code}\n{done.text[:1000]}"
    assert strip_query(done) == logged_out and query_params(done).get("state") == logout["state"], done
    expect_unauthorized(rp.userinfo_response(token["access_token"]))


def test_front_channel_logout_iframe(world: World, metadata: dict, browser: OidcBrowser):
    frontchannel = "http://127.0.0.1:9/oidc/front-channel/logout"
    rp = relying_party(world, metadata, "front channel", extra_args=["--frontchannel-logout-uri", frontchannel])
    req, token = rp.login(browser, world.user)
    sid = rp.parse_id_token(token, req.nonce)["sid"]
    page = browser.run(world.server.url("/cas/logout"))
    assert not isinstance(page, str), f"/cas/logout redirected to {page}"
    assert page.status_code == 200, page.status_code
    frames = [html.unescape(src) for src in re.findall(r'<iframe[^>]*\ssrc="([^"]*)"', page.text)]
    mine = [src for src in frames if strip_query(src) == frontchannel]
    assert mine, f"no front-channel iframe to {frontchannel} on the logout page: {frames}\n{page.text[:2000]}"
    params = query_params(mine[0])
    assert params.get("iss") == metadata["issuer"], f"Front-Channel Logout 1.0 §2: iss in {mine[0]}"
    assert params.get("sid") == sid, f"Front-Channel Logout 1.0 §2: sid in {mine[0]}"


def test_tampered_id_token_is_rejected_by_authlib(world: World, metadata: dict, browser: OidcBrowser):
    rp = relying_party(world, metadata, "tamper")
    req, token = rp.login(browser, world.user)
    rp.parse_id_token(token, req.nonce)  # genuine: accepted
    header, payload, signature = token["id_token"].split(".")
    claims = b64url_json(payload)
    claims["email"] = "mallory@example.org"
    forged = {**token, "id_token": ".".join((header, b64url_encode_json(claims), signature))}
    with pytest.raises(BadSignatureError):
        rp.parse_id_token(forged, req.nonce)
    # One character of the payload flipped: refused as well.
    flipped = payload[:-2] + ("A" if payload[-2] != "A" else "B") + payload[-1]
    with pytest.raises((JoseError, ValueError)):
        rp.parse_id_token({**token, "id_token": f"{header}.{flipped}.{signature}"}, req.nonce)
    # The right token with another nonce is refused by the claims check.
    with pytest.raises(JoseError):
        rp.parse_id_token(token, "another-nonce")


def test_prompt_none(world: World, metadata: dict, browser: OidcBrowser):
    rp = relying_party(world, metadata, "prompt none")
    req = rp.auth_request(prompt="none")
    resp = browser.fetch(req.url)
    assert resp.status_code == 303, resp.status_code
    expect_error_redirect(resp.headers["Location"], rp.client, req.state, "login_required", metadata["issuer"])
    # With a session, prompt=none answers with a code at once.
    rp.login(browser, world.user)
    req2 = rp.auth_request(prompt="none")
    silent = browser.fetch(req2.url)
    assert silent.status_code == 303, silent.status_code
    assert rp.parse_id_token(rp.exchange(req2, silent.headers["Location"]), req2.nonce)["nonce"] == req2.nonce
    # A password session does not satisfy an essential acr of HIGH: no interaction allowed.
    essential = json.dumps({"id_token": {"acr": {"essential": True, "values": ["HIGH"]}}})
    req3 = rp.auth_request(prompt="none", claims=essential)
    refused = browser.fetch(req3.url)
    assert refused.status_code == 303, refused.status_code
    expect_error_redirect(
        refused.headers["Location"], rp.client, req3.state, "interaction_required", metadata["issuer"]
    )


def test_scope_without_openid(world: World, metadata: dict, browser: OidcBrowser):
    rp = relying_party(world, metadata, "no openid")
    for signed_in in (False, True):
        if signed_in:
            rp.login(browser, world.user)
        req = rp.auth_request(scope="profile email")
        resp = browser.fetch(req.url)
        assert resp.status_code == 303, resp.status_code
        expect_error_redirect(resp.headers["Location"], rp.client, req.state, "invalid_scope", metadata["issuer"])


def test_plain_code_challenge_method_is_refused(world: World, metadata: dict, browser: OidcBrowser):
    rp = relying_party(world, metadata, "plain pkce")
    verifier = generate_token(64)
    url = authorize_url(
        metadata,
        response_type="code",
        client_id=rp.client_id,
        redirect_uri=rp.redirect_uri,
        scope="openid",
        state="plain-state",
        nonce="n",
        code_challenge=verifier,
        code_challenge_method="plain",
    )
    resp = browser.fetch(url)
    assert resp.status_code == 303, resp.status_code
    expect_error_redirect(resp.headers["Location"], rp.client, "plain-state", "invalid_request", metadata["issuer"])


def test_unsupported_response_type(world: World, metadata: dict, browser: OidcBrowser):
    rp = relying_party(world, metadata, "implicit")
    req = rp.auth_request(response_type="id_token token")
    resp = browser.fetch(req.url)
    assert resp.status_code == 303, resp.status_code
    # RFC 6749 §4.1.2.1. The default response mode of "id_token token" is the fragment (OAuth 2.0
    # Multiple Response Types §5); a provider that knows only the code flow may answer in the
    # query: either is accepted, a token in neither.
    location = resp.headers["Location"]
    assert "access_token" not in location and "id_token=" not in location, location
    base, _, fragment = location.partition("#")
    if fragment and "error=" in fragment:
        base = strip_query(base) + "?" + fragment
    expect_error_redirect(base, rp.client, req.state, "unsupported_response_type", metadata["issuer"])


# --- expiry: a server of its own with 2 s codes and access tokens ------------------------------


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def short_lived(request, tmp_path_factory):
    backend = request.param
    if backend == "postgres" and not os.environ.get("LIMEN_TEST_PG"):
        pytest.skip("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
    workdir = tmp_path_factory.mktemp(f"oidc-short-{backend}")
    env = {"LIMEN_OIDC__CODE_LIFETIME_SECONDS": "2", "LIMEN_OIDC__ACCESS_TOKEN_LIFETIME_SECONDS": "2"}
    with running_limen(backend, workdir, extra_env=env) as server:
        user = User(email=f"short.{backend}@example.org", first_name="Åsa", last_name="Lindqvist", password=PASSWORD)
        server.add_user(user)
        yield server, user


def test_expired_code_and_access_token(short_lived):
    server, user = short_lived
    metadata = discovery(server)
    client = register_client(server, "expiry")
    rp = RelyingParty(metadata, client)
    browser = OidcBrowser(server)
    req_a = rp.auth_request()
    code_a = callback_params(browser.authorize(req_a.url, user), client)["code"]
    _req_b, token_b = rp.login(browser, None)
    assert token_b["expires_in"] <= 2, (
        f"LIMEN_OIDC__ACCESS_TOKEN_LIFETIME_SECONDS=2, expires_in {token_b['expires_in']}"
    )
    assert rp.userinfo_response(token_b["access_token"]).status_code == 200
    time.sleep(3)  # past both lifetimes
    error, _ = token_error(lambda: rp.exchange_code(code_a, code_verifier=req_a.code_verifier), rp)
    assert error == "invalid_grant", "an expired code"
    expect_unauthorized(rp.userinfo_response(token_b["access_token"]))
    assert rp.introspect(token_b["access_token"])["active"] is False
    # The refresh token outlives the access token.
    fresh = rp.refresh(token_b["refresh_token"])
    assert rp.userinfo_response(fresh["access_token"]).status_code == 200


# --------------------------------------------------------------------------------------------
# 5. Signing keys and algorithms
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def rotation_limen(request, tmp_path_factory):
    backend = request.param
    if backend == "postgres" and not os.environ.get("LIMEN_TEST_PG"):
        pytest.skip("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
    workdir = tmp_path_factory.mktemp(f"oidc-rotation-{backend}")
    with running_limen(backend, workdir) as server:
        user = User(email=f"rotation.{backend}@example.org", first_name="Jonas", last_name="Müller", password=PASSWORD)
        server.add_user(user)
        yield server, user


def test_key_rotation(rotation_limen):
    server, user = rotation_limen
    metadata = discovery(server)
    rp = RelyingParty(metadata, register_client(server, "rotation"))
    browser = OidcBrowser(server)
    old_req, old_token = rp.login(browser, user)
    old_kid = jwt_header(old_token["id_token"])["kid"]
    rp.parse_id_token(old_token, old_req.nonce)  # caches the JWKS in the relying party
    assert old_kid in {k["kid"] for k in rp.server_metadata["jwks"]["keys"]}

    new_kid = rotate_keys(server)
    assert new_kid != old_kid
    listed = server.cli("keys", "list", "--database", server.database_url).stdout
    assert new_kid in listed and old_kid in listed, listed

    # The server picks the new key up within its cache time.
    deadline = time.monotonic() + KEY_ROTATION_TIMEOUT
    kids_seen = []
    while True:
        new_req, new_token = rp.login(browser, None)
        kid = jwt_header(new_token["id_token"])["kid"]
        kids_seen.append(kid)
        if kid != old_kid or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert kid == new_kid, (
        f"ID tokens still signed with {old_kid} {KEY_ROTATION_TIMEOUT:.0f} s after rotation: {kids_seen}"
    )

    # Authlib meets an unknown kid, re-fetches the JWKS (now with both keys) and verifies.
    claims = rp.parse_id_token(new_token, new_req.nonce)
    kids = {k["kid"] for k in rp.server_metadata["jwks"]["keys"]}
    assert {old_kid, new_kid} <= kids, kids
    # The old token still verifies against the new JWKS.
    assert rp.parse_id_token(old_token, old_req.nonce)["sub"] == claims["sub"]
    assert {old_kid, new_kid} <= {k["kid"] for k in fetch_jwks(metadata)["keys"]}


@pytest.mark.parametrize(
    ("alg", "kty"),
    [
        ("RS256", "RSA"),
        # joserfc warns that RFC 9864 deprecates "EdDSA" for the fully specified "Ed25519"; the
        # contract (docs/OIDC.md) names EdDSA, which every verifier still accepts.
        pytest.param("EdDSA", "OKP", marks=pytest.mark.filterwarnings("ignore:EdDSA is deprecated")),
    ],
)
def test_client_signing_algorithms(world: World, metadata: dict, browser: OidcBrowser, alg: str, kty: str):
    rp = relying_party(world, metadata, f"alg {alg}", signing_alg=alg)
    req, token = rp.login(browser, world.user)
    header = jwt_header(token["id_token"])
    assert header["alg"] == alg, header
    keys = {k["kid"]: k for k in fetch_jwks(metadata)["keys"]}
    assert header["kid"] in keys, f"kid {header['kid']} not in the JWKS {list(keys)}"
    key = keys[header["kid"]]
    assert key["kty"] == kty, key
    if kty == "OKP":
        assert key.get("crv") == "Ed25519", key
    if kty == "RSA":
        assert len(base64.urlsafe_b64decode(key["n"] + "=" * (-len(key["n"]) % 4))) >= 256, (
            "RSA keys of at least 2048 bits"
        )
    claims = rp.parse_id_token(token, req.nonce)  # signature, claims and at_hash as Authlib computes it
    assert claims["nonce"] == req.nonce


def test_pairwise_subjects(world: World, metadata: dict, browser: OidcBrowser):
    public = relying_party(world, metadata, "public sub")
    a = relying_party(world, metadata, "pairwise a", subject_type="pairwise")
    a2 = relying_party(
        world, metadata, "pairwise a2", subject_type="pairwise", redirect_uris=["http://127.0.0.1:9/other/cb"]
    )
    b = relying_party(world, metadata, "pairwise b", subject_type="pairwise", redirect_uris=["http://localhost:9/cb"])
    subs = {}
    for name, rp in (("public", public), ("a", a), ("a2", a2), ("b", b)):
        req, token = rp.login(browser, world.user if not subs else None)
        subs[name] = rp.parse_id_token(token, req.nonce)["sub"]
        assert rp.userinfo_response(token["access_token"]).json()["sub"] == subs[name]
    assert subs["a"] != subs["public"], "a pairwise sub must not be the public one"
    assert subs["a"] == subs["a2"], "one sector (host 127.0.0.1), one pairwise sub (OIDC Core §8.1)"
    assert subs["a"] != subs["b"], "two sectors must not be able to correlate the user"


# --------------------------------------------------------------------------------------------
# 6. One SSO session, two protocols: CAS logout reaches the OIDC client
# --------------------------------------------------------------------------------------------


def test_cas_logout_reaches_the_oidc_client(world: World, metadata: dict, browser: OidcBrowser):
    with Recorder() as recorder:
        rp = relying_party(world, metadata, "cross protocol", backchannel_logout_uri=recorder.url("/bc"))
        browser.login(world.s1, world.user)  # CAS first
        req, token = rp.login(browser, None)  # then OIDC from the same session, no form
        claims = rp.parse_id_token(token, req.nonce)
        assert rp.userinfo_response(token["access_token"]).status_code == 200

        resp = browser.get("/cas/logout")
        assert resp.status_code < 400, resp.status_code

        posted = recorder.wait_for(lambda r: r.method == "POST" and r.path == "/bc", BACKCHANNEL_TIMEOUT)
        assert posted is not None, f"no back-channel logout POST within {BACKCHANNEL_TIMEOUT} s: {recorder.requests}"
        logout_claims = verify_logout_token(
            posted.form()["logout_token"][0], fetch_jwks(metadata), metadata["issuer"], rp.client_id
        )
        assert logout_claims["sid"] == claims["sid"]
        # Without offline_access the grant ended with the session.
        expect_unauthorized(rp.userinfo_response(token["access_token"]))
        error, _ = token_error(lambda: rp.refresh(token["refresh_token"]), rp)
        assert error == "invalid_grant"


def test_offline_access_outlives_the_session(world: World, metadata: dict, browser: OidcBrowser):
    scopes = ["openid", "profile", "email", "offline_access"]
    rp = relying_party(world, metadata, "offline", scopes=scopes)
    rp.session.scope = " ".join(scopes)
    # docs/OIDC.md: a client registered with the scope may have it (OIDC Core §11's "other
    # conditions permitting offline access"), so no prompt=consent here.
    req, token = rp.login(browser, world.user)
    granted = token.get("scope", " ".join(scopes)).split()
    assert "offline_access" in granted, f"offline_access not granted to a client allowed it: {token.get('scope')}"
    rp.parse_id_token(token, req.nonce)
    assert browser.get("/cas/logout").status_code < 400
    refreshed = rp.refresh(token["refresh_token"])
    assert rp.userinfo_response(refreshed["access_token"]).status_code == 200
