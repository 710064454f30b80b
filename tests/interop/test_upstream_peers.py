"""The test upstream identity providers themselves (docs/FEDERATION.md §8.1), before Limen signs
anyone in through them: each starts, serves its discovery document or metadata, and runs a
whole sign-in with a client this project did not write (requests for the OpenID code flows,
joserfc for the ID tokens, pysaml2's SP and the xmlsec1 command for the eIDAS responses). Every
refusal checked here has its accepted twin in the same file."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
import requests

# The fixtures oidc_upstream, mock_upstream and eidas_idp (its asserts rewritten, as in a conftest).
pytest.register_assert_rewrite("upstream_support")
pytest_plugins = ["upstream_support"]
import upstream_support as us

HTTP_TIMEOUT = us.HTTP_TIMEOUT
LIMEN = "http://127.0.0.1:8999"  # a Limen under test that is never started: only its callbacks


# --------------------------------------------------------------------------------------------
# OpenID Connect: a relying party written with requests and joserfc
# --------------------------------------------------------------------------------------------


@dataclass
class Flow:
    """One authorization request (OIDC Core §3.1.2.1) with PKCE (RFC 7636 §4.1-4.2)."""

    issuer: str
    discovery: dict
    client_id: str
    client_secret: str
    redirect_uri: str
    state: str
    nonce: str
    verifier: str

    @classmethod
    def new(cls, issuer: str, client_id: str, client_secret: str, redirect_uri: str) -> Flow:
        discovery = requests.get(issuer + "/.well-known/openid-configuration", timeout=HTTP_TIMEOUT).json()
        return cls(
            issuer,
            discovery,
            client_id,
            client_secret,
            redirect_uri,
            secrets.token_urlsafe(16),
            secrets.token_urlsafe(16),
            secrets.token_urlsafe(48),
        )

    def challenge(self) -> str:
        digest = hashlib.sha256(self.verifier.encode("ascii")).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")

    def authorization_url(self, pkce: bool = True, **extra: str) -> str:
        params = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": self.redirect_uri,
            "scope": "openid email profile",
            "state": self.state,
            "nonce": self.nonce,
        }
        if pkce:
            params |= {"code_challenge": self.challenge(), "code_challenge_method": "S256"}
        params |= extra
        return self.discovery["authorization_endpoint"] + "?" + urlencode(params)

    def token(self, code: str, verifier: str | None = None, secret: str | None = None) -> requests.Response:
        """The token request (Core §3.1.3.1) with client_secret_basic (RFC 6749 §2.3.1)."""
        data = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.redirect_uri,
            "code_verifier": verifier or self.verifier,
        }
        return requests.post(
            self.discovery["token_endpoint"],
            data=data,
            auth=(self.client_id, secret or self.client_secret),
            timeout=HTTP_TIMEOUT,
        )

    def id_token_claims(self, id_token: str) -> dict:
        """The ID token verified against the provider's JWKS (Core §3.1.3.7): signature, `iss`,
        `aud`, `nonce`, `exp`."""
        from joserfc import jwt
        from joserfc.jwk import KeySet

        jwks = requests.get(self.discovery["jwks_uri"], timeout=HTTP_TIMEOUT).json()
        token = jwt.decode(id_token, KeySet.import_key_set(jwks), algorithms=["RS256"])
        claims = dict(token.claims)
        jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": self.issuer},
            nonce={"essential": True, "value": self.nonce},
            exp={"essential": True},
        ).validate(claims)
        aud = claims["aud"]
        assert aud == self.client_id or (isinstance(aud, list) and self.client_id in aud), claims
        return claims | {"_kid": token.header.get("kid")}


def callback_params(url: str, redirect_uri: str) -> dict[str, str]:
    assert url.startswith(redirect_uri + "?"), f"not a redirect to {redirect_uri}: {url}"
    return us.query_of(url)


def signed_in_claims(flow: Flow, callback: str) -> dict:
    params = callback_params(callback, flow.redirect_uri)
    assert params.get("state") == flow.state, params
    resp = flow.token(params["code"])
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["token_type"].lower() == "bearer" and body["access_token"], body
    return flow.id_token_claims(body["id_token"])


def client_of(peer: us.OidcPeer, upstream_id: str) -> tuple[dict, us.OidcClient]:
    """The `[[upstream]]` entry `toml()` writes for a Limen, parsed, and its registered client."""
    entry = tomllib.loads(peer.toml(LIMEN, upstream_id))["upstream"][0]
    return entry, peer.last_client


STANDARD_CLAIMS = {"sub", "email", "email_verified", "given_name", "family_name", "locale"}


# --------------------------------------------------------------------------------------------
# npm oidc-provider
# --------------------------------------------------------------------------------------------


def test_oidc_provider_discovery(oidc_upstream):
    doc = oidc_upstream.discovery()
    assert doc["issuer"] == oidc_upstream.issuer
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", doc["issuer"])
    assert doc["response_types_supported"] == ["code"]
    assert doc["code_challenge_methods_supported"] == ["S256"]
    assert doc["authorization_response_iss_parameter_supported"] is True  # RFC 9207 §3
    assert doc["id_token_signing_alg_values_supported"] == ["RS256"]
    assert "client_secret_basic" in doc["token_endpoint_auth_methods_supported"]
    assert {"openid", "email", "profile"} <= set(doc["scopes_supported"])
    assert "http://eidas.europa.eu/LoA/substantial" in doc["acr_values_supported"]
    assert doc["registration_endpoint"] == oidc_upstream.issuer + "/reg"
    jwks = requests.get(doc["jwks_uri"], timeout=HTTP_TIMEOUT).json()
    # One key, or more once a test of the same session rotated them (the old one stays published).
    assert jwks["keys"], jwks
    assert {(k["kty"], k.get("use"), k.get("alg")) for k in jwks["keys"]} == {("RSA", "sig", "RS256")}
    assert all("d" not in k for k in jwks["keys"])


@pytest.mark.parametrize(
    "login",
    ["alice", "bo.b@example.org", "unverified-carol"],
    ids=["plain-login", "email-login", "unverified"],
)
def test_oidc_provider_code_flow_with_pkce(oidc_upstream, login):
    entry, client = client_of(oidc_upstream, "test-oidc")
    assert Path(entry["client_secret_file"]).read_text() == client.client_secret
    flow = Flow.new(entry["issuer"], entry["client_id"], client.client_secret, client.redirect_uris[0])
    callback = us.oidc_provider_sign_in(requests.Session(), flow.authorization_url(), login, oidc_upstream.issuer)
    assert us.query_of(callback)["iss"] == oidc_upstream.issuer  # RFC 9207 §2
    claims = signed_in_claims(flow, callback)
    assert {k: claims[k] for k in STANDARD_CLAIMS} == us.expected_claims(login)
    assert "acr" not in claims  # no acr_values asked
    if login == "bo.b@example.org":
        assert claims["family_name"] == "Bo.b" and claims["email"] == login
    if login == "unverified-carol":
        assert claims["email_verified"] is False and claims["email"] == "unverified-carol@upstream.test"


def test_oidc_provider_acr_is_the_first_requested_value(oidc_upstream):
    _entry, client = client_of(oidc_upstream, "test-oidc")
    flow = Flow.new(oidc_upstream.issuer, client.client_id, client.client_secret, client.redirect_uris[0])
    url = flow.authorization_url(acr_values="http://eidas.europa.eu/LoA/high urn:limen:test:acr:basic")
    callback = us.oidc_provider_sign_in(requests.Session(), url, "dora", oidc_upstream.issuer)
    assert signed_in_claims(flow, callback)["acr"] == "http://eidas.europa.eu/LoA/high"


def test_oidc_provider_requires_pkce(oidc_upstream):
    _entry, client = client_of(oidc_upstream, "test-oidc")
    flow = Flow.new(oidc_upstream.issuer, client.client_id, client.client_secret, client.redirect_uris[0])
    # Without code_challenge: an error sent back to the client, no sign-in page (RFC 7636 §4.4.1).
    answer = requests.get(flow.authorization_url(pkce=False), allow_redirects=False, timeout=HTTP_TIMEOUT)
    assert answer.status_code in (302, 303)
    params = callback_params(answer.headers["Location"], flow.redirect_uri)
    assert params["error"] == "invalid_request" and "PKCE" in params["error_description"]
    # With it, but the wrong verifier at the token endpoint (§4.6): invalid_grant; then the right one.
    callback = us.oidc_provider_sign_in(requests.Session(), flow.authorization_url(), "erin", oidc_upstream.issuer)
    code = callback_params(callback, flow.redirect_uri)["code"]
    wrong = flow.token(code, verifier=secrets.token_urlsafe(48))
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    other = Flow.new(oidc_upstream.issuer, client.client_id, client.client_secret, client.redirect_uris[0])
    callback = us.oidc_provider_sign_in(requests.Session(), other.authorization_url(), "erin", oidc_upstream.issuer)
    assert signed_in_claims(other, callback)["sub"] == "erin"


def test_oidc_provider_client_authentication(oidc_upstream):
    _entry, client = client_of(oidc_upstream, "test-oidc")
    flow = Flow.new(oidc_upstream.issuer, client.client_id, client.client_secret, client.redirect_uris[0])
    callback = us.oidc_provider_sign_in(requests.Session(), flow.authorization_url(), "frank", oidc_upstream.issuer)
    code = callback_params(callback, flow.redirect_uri)["code"]
    wrong = flow.token(code, secret="not-the-secret")
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    right = flow.token(code)
    assert right.status_code == 200, right.text


def test_oidc_provider_redirect_uris(oidc_upstream):
    """Registered callbacks: any port on a loopback host (RFC 8252 §7.3), never another path."""
    _entry, client = client_of(oidc_upstream, "test-oidc")
    assert client.redirect_uris == [
        f"{LIMEN}/upstream/test-oidc/callback",
        "http://localhost:8999/upstream/test-oidc/callback",
    ]
    for uri, accepted in [
        ("http://127.0.0.1:41234/upstream/test-oidc/callback", True),
        ("http://localhost:8999/upstream/test-oidc/callback", True),
        ("http://127.0.0.1:8999/upstream/other/callback", False),
        ("http://127.0.0.1:8999/upstream/test-oidc/callback/x", False),
    ]:
        flow = Flow.new(oidc_upstream.issuer, client.client_id, client.client_secret, uri)
        answer = requests.get(flow.authorization_url(), allow_redirects=False, timeout=HTTP_TIMEOUT)
        if accepted:
            assert answer.status_code in (302, 303), (uri, answer.text[:500])
            assert answer.headers["Location"].startswith("/interaction/"), uri
        else:
            assert answer.status_code == 400 and "redirect_uri" in answer.text, (uri, answer.text[:500])


def test_oidc_provider_command_line_client(oidc_upstream):
    """The client scripts/upstreams configures: `limen`, its secret, port 8080 callbacks."""
    redirect = "http://localhost:8080/upstream/test-oidc/callback"
    flow = Flow.new(oidc_upstream.issuer, oidc_upstream.client_id, oidc_upstream.client_secret, redirect)
    callback = us.oidc_provider_sign_in(requests.Session(), flow.authorization_url(), "gina", oidc_upstream.issuer)
    assert signed_in_claims(flow, callback)["aud"] == "limen"


def test_oidc_provider_key_rotation(oidc_upstream):
    _entry, client = client_of(oidc_upstream, "test-oidc")
    before = Flow.new(oidc_upstream.issuer, client.client_id, client.client_secret, client.redirect_uris[0])
    callback = us.oidc_provider_sign_in(requests.Session(), before.authorization_url(), "hal", oidc_upstream.issuer)
    old_kid = signed_in_claims(before, callback)["_kid"]
    oidc_upstream.rotate_keys()
    jwks = requests.get(before.discovery["jwks_uri"], timeout=HTTP_TIMEOUT).json()
    kids = [k["kid"] for k in jwks["keys"]]
    assert len(kids) == 2 and kids[1] == old_kid
    # The registered client survives the rotation; its new ID token is signed with the new key.
    after = Flow.new(oidc_upstream.issuer, client.client_id, client.client_secret, client.redirect_uris[0])
    callback = us.oidc_provider_sign_in(requests.Session(), after.authorization_url(), "hal", oidc_upstream.issuer)
    assert signed_in_claims(after, callback)["_kid"] == kids[0] != old_kid


# --------------------------------------------------------------------------------------------
# PyPI oidc-provider-mock
# --------------------------------------------------------------------------------------------


def test_mock_discovery(mock_upstream):
    doc = mock_upstream.discovery()
    assert doc["issuer"] == mock_upstream.issuer
    assert doc["authorization_endpoint"] == mock_upstream.issuer + "/oauth2/authorize"
    assert doc["registration_endpoint"] == mock_upstream.issuer + "/oauth2/clients"
    assert doc["id_token_signing_alg_values_supported"] == ["RS256"]
    assert doc["response_types_supported"] == ["code"]
    jwks = requests.get(doc["jwks_uri"], timeout=HTTP_TIMEOUT).json()
    assert [k["kty"] for k in jwks["keys"]] == ["RSA"]


@pytest.mark.parametrize("verified", [True, False], ids=["verified", "unverified"])
def test_mock_code_flow(mock_upstream, verified):
    entry, client = client_of(mock_upstream, "test-mock")
    assert entry["issuer"] == mock_upstream.issuer and entry["client_id"] == client.client_id
    sub = f"ivy-{secrets.token_hex(4)}@example.org"
    mock_upstream.set_user(
        sub,
        {"email": sub, "email_verified": verified, "given_name": "Ivy", "family_name": "Ng", "locale": "fr"},
    )
    flow = Flow.new(mock_upstream.issuer, client.client_id, client.client_secret, client.redirect_uris[0])
    callback = us.mock_sign_in(requests.Session(), flow.authorization_url(), sub)
    claims = signed_in_claims(flow, callback)
    assert {k: claims[k] for k in STANDARD_CLAIMS} == {
        "sub": sub,
        "email": sub,
        "email_verified": verified,
        "given_name": "Ivy",
        "family_name": "Ng",
        "locale": "fr",
    }


def test_mock_unknown_sub_gets_only_an_email(mock_upstream):
    _entry, client = client_of(mock_upstream, "test-mock")
    flow = Flow.new(mock_upstream.issuer, client.client_id, client.client_secret, client.redirect_uris[0])
    sub = f"nobody-{secrets.token_hex(4)}"
    claims = signed_in_claims(flow, us.mock_sign_in(requests.Session(), flow.authorization_url(), sub))
    assert claims["sub"] == sub and claims["email"] == sub and "email_verified" not in claims


def test_mock_refuses_unregistered_clients_and_wrong_secrets(mock_upstream):
    _entry, client = client_of(mock_upstream, "test-mock")
    stranger = Flow.new(mock_upstream.issuer, "not-registered", "x", client.redirect_uris[0])
    answer = requests.get(stranger.authorization_url(), allow_redirects=False, timeout=HTTP_TIMEOUT)
    assert answer.status_code == 400 and "invalid_client" in answer.text
    flow = Flow.new(mock_upstream.issuer, client.client_id, client.client_secret, client.redirect_uris[0])
    code = callback_params(us.mock_sign_in(requests.Session(), flow.authorization_url(), "jo"), flow.redirect_uri)[
        "code"
    ]
    wrong = flow.token(code, secret="not-the-secret")
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    assert flow.token(code).status_code == 200


def test_mock_redirect_uris(mock_upstream):
    _entry, client = client_of(mock_upstream, "test-mock")
    for uri, accepted in [
        ("http://127.0.0.1:41234/upstream/test-mock/callback", True),
        ("http://localhost:1/upstream/test-mock/callback", True),
        ("http://127.0.0.1:8999/upstream/other/callback", False),
    ]:
        flow = Flow.new(mock_upstream.issuer, client.client_id, client.client_secret, uri)
        answer = requests.get(flow.authorization_url(), allow_redirects=False, timeout=HTTP_TIMEOUT)
        assert (answer.status_code == 200) == accepted, (uri, answer.status_code, answer.text[:300])


def test_mock_command_line_client(mock_upstream):
    redirect = "http://127.0.0.1:8080/upstream/test-mock/callback"
    flow = Flow.new(mock_upstream.issuer, mock_upstream.client_id, mock_upstream.client_secret, redirect)
    claims = signed_in_claims(flow, us.mock_sign_in(requests.Session(), flow.authorization_url(), "kim"))
    assert claims["aud"] in ("limen", ["limen"])


# --------------------------------------------------------------------------------------------
# The eIDAS IdP, checked with pysaml2's SP and the xmlsec1 command
# --------------------------------------------------------------------------------------------

PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol"
METADATA = "urn:oasis:names:tc:SAML:2.0:metadata"
ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion"
NS = {
    "samlp": PROTOCOL,
    "saml": ASSERTION,
    "ds": "http://www.w3.org/2000/09/xmldsig#",
    "xenc": "http://www.w3.org/2001/04/xmlenc#",
    "md": METADATA,
}


@pytest.fixture(scope="module")
def sp(eidas_idp, tmp_path_factory):
    peer = us.SamlTestSp(tmp_path_factory.mktemp("saml-sp"), eidas_idp)
    yield peer
    peer.close()


@pytest.fixture(scope="module")
def rsa_sp(eidas_idp, tmp_path_factory):
    peer = us.SamlTestSp(tmp_path_factory.mktemp("saml-sp-rsa"), eidas_idp, signing="rsa")
    yield peer
    peer.close()


def tree(xml: str):
    from lxml import etree

    return etree.fromstring(xml.encode("utf-8"))


def sign_in(sp: us.SamlTestSp, requested: str | None = "substantial", **person) -> tuple[str, str, dict[str, str]]:
    """A signed HTTP-Redirect AuthnRequest for the `requested` LoA, the Test eID form filled with
    `person`: (request ID, ACS, POST fields)."""
    req_id, xml = sp.authn_request(requested)
    session = requests.Session()
    start = session.get(sp.redirect_url(xml), allow_redirects=False, timeout=HTTP_TIMEOUT)
    assert start.status_code == 303, start.text
    acs, fields = us.eidas_sign_in(session, start, **person)
    return req_id, acs, fields


def test_eidas_metadata(eidas_idp, tmp_path):
    resp = requests.get(eidas_idp.metadata_url, timeout=HTTP_TIMEOUT)
    assert resp.status_code == 200
    doc = tree(resp.text)
    assert doc.get("entityID") == eidas_idp.entity_id == eidas_idp.base_url + "/idp/metadata"
    idp = doc.find("md:IDPSSODescriptor", NS)
    assert idp.get("WantAuthnRequestsSigned") == "true"
    sso = {(s.get("Binding").rsplit(":", 1)[-1], s.get("Location")) for s in idp.findall("md:SingleSignOnService", NS)}
    assert sso == {("HTTP-Redirect", eidas_idp.sso_url), ("HTTP-POST", eidas_idp.sso_url)}
    published = idp.find("md:KeyDescriptor/ds:KeyInfo/ds:X509Data/ds:X509Certificate", NS).text
    pem = eidas_idp.cert_path.read_text()
    assert "".join(published.split()) == "".join(pem.splitlines()[1:-1])
    assert eidas_idp.signature_algorithm == us.SIG_ECDSA_SHA256
    # Signed with the pinned certificate (xmlsec1 verifies; a changed byte does not).
    path = us.xml_file(tmp_path, "md.xml", resp.text)
    ok = us.xmlsec1_verify(eidas_idp.cert_path, f"{METADATA}:EntityDescriptor", path)
    assert ok.returncode == 0, ok.stderr
    bad = us.xml_file(tmp_path, "md-bad.xml", resp.text.replace("/idp/sso", "/idp/ssx", 1))
    tampered = us.xmlsec1_verify(eidas_idp.cert_path, f"{METADATA}:EntityDescriptor", bad)
    assert tampered.returncode != 0


def test_eidas_toml_entry(eidas_idp):
    entry = tomllib.loads(eidas_idp.toml("http://127.0.0.1:8999"))["upstream"][0]
    assert entry == {
        "id": "test-eidas",
        "kind": "saml_eidas",
        "name": "Test eID (eIDAS)",
        "idp_entity_id": eidas_idp.entity_id,
        "idp_sso_url": eidas_idp.sso_url,
        "idp_certificates": [str(eidas_idp.cert_path)],
        "sp_country": "BE",
    }


def test_eidas_redirect_sign_in(eidas_idp, sp, tmp_path):
    """The default answer, as pysaml2's SP and xmlsec1 read it: signed Response, signed then
    encrypted Assertion, the four attributes, the requested level."""
    req_id, acs, fields = sign_in(sp, "high")
    assert acs == sp.acs_url and fields["RelayState"] == "relay-123"
    xml = us.decode_post(fields["SAMLResponse"])
    doc = tree(xml)
    assert doc.tag == f"{{{PROTOCOL}}}Response"
    assert doc.get("Destination") == sp.acs_url and doc.get("InResponseTo") == req_id
    assert doc.find("saml:Issuer", NS).text == eidas_idp.entity_id
    assert doc.find("saml:Assertion", NS) is None
    method = doc.find("ds:Signature/ds:SignedInfo/ds:SignatureMethod", NS).get("Algorithm")
    assert method == us.SIG_ECDSA_SHA256
    assert doc.find("ds:Signature/ds:SignedInfo/ds:Reference", NS).get("URI") == "#" + doc.get("ID")
    data = doc.find("saml:EncryptedAssertion/xenc:EncryptedData", NS)
    assert data.find("xenc:EncryptionMethod", NS).get("Algorithm") == "http://www.w3.org/2009/xmlenc11#aes128-gcm"
    transport = data.find("ds:KeyInfo/xenc:EncryptedKey/xenc:EncryptionMethod", NS).get("Algorithm")
    assert transport == "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"

    # pysaml2's SP: both signatures against the IdP's metadata certificate, decryption with the
    # SP's key, InResponseTo, Destination, Recipient, Audience, time.
    answer = sp.parse_response(fields["SAMLResponse"], req_id)
    # pysaml2 names the attributes by their FriendlyName (its SP has no map for eIDAS URIs).
    assert answer.ava == {
        "PersonIdentifier": ["LU/BE/0123456789"],
        "FamilyName": ["Dupont"],
        "FirstName": ["Jean"],
        "DateOfBirth": ["1980-01-31"],
    }
    assert answer.authn_info()[0][0] == "http://eidas.europa.eu/LoA/high"
    assert answer.name_id.text == "LU/BE/0123456789"
    assert answer.name_id.format == "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"

    # xmlsec1 on its own: the Response signature, then decryption, then the Assertion signature.
    response_file = us.xml_file(tmp_path, "response.xml", xml)
    verified = us.xmlsec1_verify(eidas_idp.cert_path, f"{PROTOCOL}:Response", response_file)
    assert verified.returncode == 0, verified.stderr
    decrypted = us.xmlsec1("--decrypt", "--privkey-pem", str(sp.enc_key_path), str(response_file))
    assert decrypted.returncode == 0, decrypted.stderr
    plain = tree(decrypted.stdout)
    assertion = plain.find("saml:EncryptedAssertion/saml:Assertion", NS)
    assert assertion is not None
    from lxml import etree

    assertion_file = us.xml_file(tmp_path, "assertion.xml", etree.tostring(assertion))
    verified = us.xmlsec1_verify(eidas_idp.cert_path, f"{ASSERTION}:Assertion", assertion_file)
    assert verified.returncode == 0, verified.stderr
    assert assertion.find("ds:Signature/ds:SignedInfo/ds:Reference", NS).get("URI") == "#" + assertion.get("ID")
    audience = assertion.find("saml:Conditions/saml:AudienceRestriction/saml:Audience", NS).text
    assert audience == sp.entity_id
    confirmation = assertion.find("saml:Subject/saml:SubjectConfirmation/saml:SubjectConfirmationData", NS)
    assert confirmation.get("Recipient") == sp.acs_url and confirmation.get("InResponseTo") == req_id
    attributes = {
        a.get("Name"): (a.get("NameFormat"), [v.text for v in a.findall("saml:AttributeValue", NS)])
        for a in assertion.findall("saml:AttributeStatement/saml:Attribute", NS)
    }
    uri = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"
    assert attributes == {
        us.PERSON_IDENTIFIER: (uri, ["LU/BE/0123456789"]),
        us.FAMILY_NAME: (uri, ["Dupont"]),
        us.GIVEN_NAME: (uri, ["Jean"]),
        us.DATE_OF_BIRTH: (uri, ["1980-01-31"]),
    }
    # A changed byte in the assertion breaks its signature (the check above can fail).
    changed = us.xml_file(tmp_path, "assertion-bad.xml", etree.tostring(assertion).replace(b"Dupont", b"Durand"))
    refused = us.xmlsec1_verify(eidas_idp.cert_path, f"{ASSERTION}:Assertion", changed)
    assert refused.returncode != 0


def test_eidas_person_and_level_come_from_the_form(sp):
    req_id, _acs, fields = sign_in(
        sp,
        "substantial",
        given_name="Åsa",
        family_name="Öberg",
        date_of_birth="1975-12-01",
        identifier="X-42",
        loa="low",
    )
    answer = sp.parse_response(fields["SAMLResponse"], req_id)
    assert answer.ava == {
        "PersonIdentifier": ["LU/BE/X-42"],
        "FamilyName": ["Öberg"],
        "FirstName": ["Åsa"],
        "DateOfBirth": ["1975-12-01"],
    }
    # The IdP asserts what was chosen, `low` included: refusing it is Limen's work (§5.4).
    assert answer.authn_info()[0][0] == "http://eidas.europa.eu/LoA/low"


def test_eidas_default_level_is_the_requested_one(sp):
    for requested, expected in [("high", "high"), (None, "substantial")]:
        req_id, _acs, fields = sign_in(sp, requested)
        assert sp.parse_response(fields["SAMLResponse"], req_id).authn_info()[0][0] == us.LOA + expected


def test_eidas_not_notified_level(sp):
    """`NotNotified` asserts the eIDAS 1.2 URI of a non-notified scheme's level."""
    req_id, _acs, fields = sign_in(sp, "substantial", loa="NotNotified")
    assert sp.parse_response(fields["SAMLResponse"], req_id).authn_info()[0][0] == (
        "http://eidas.europa.eu/NotNotified/LoA/high"
    )


def test_eidas_post_binding_with_xml_signature(eidas_idp, sp):
    req_id, xml = sp.authn_request("substantial", sign_xml=True)
    assert "ecdsa-sha256" in xml
    session = requests.Session()
    start = session.post(
        eidas_idp.sso_url,
        data={"SAMLRequest": base64.b64encode(xml.encode()).decode(), "RelayState": "post-relay"},
        allow_redirects=False,
        timeout=HTTP_TIMEOUT,
    )
    assert start.status_code == 303, start.text
    _acs, fields = us.eidas_sign_in(session, start)
    assert fields["RelayState"] == "post-relay"
    assert sp.parse_response(fields["SAMLResponse"], req_id).ava
    # The same request unsigned is refused.
    req_id, xml = sp.authn_request("substantial", sign_xml=False)
    refused = requests.post(
        eidas_idp.sso_url,
        data={"SAMLRequest": base64.b64encode(xml.encode()).decode()},
        allow_redirects=False,
        timeout=HTTP_TIMEOUT,
    )
    assert refused.status_code == 400 and "signature" in refused.text


def test_eidas_rsa_signed_redirect_request(rsa_sp):
    req_id, _acs, fields = sign_in(rsa_sp, "substantial")
    assert rsa_sp.parse_response(fields["SAMLResponse"], req_id).ava


@pytest.mark.parametrize("how", ["unsigned", "tampered", "other-key"])
def test_eidas_refuses_badly_signed_redirect_requests(eidas_idp, sp, rsa_sp, how):
    _req_id, xml = sp.authn_request("substantial")
    if how == "unsigned":
        url = sp.redirect_url(xml, sign=False)
    elif how == "tampered":
        url = sp.redirect_url(xml, tamper=True)
    else:  # signed by another SP's key, sent under this SP's name
        url = rsa_sp.redirect_url(xml)
    answer = requests.get(url, allow_redirects=False, timeout=HTTP_TIMEOUT)
    assert answer.status_code == 400, answer.text
    assert "not signed" in answer.text or "does not verify" in answer.text
    # Its twin, signed as it should be, is accepted.
    assert requests.get(sp.redirect_url(xml), allow_redirects=False, timeout=HTTP_TIMEOUT).status_code == 303


def test_eidas_refuses_unknown_service_providers(eidas_idp, sp, tmp_path):
    _req_id, xml = sp.authn_request("substantial")
    foreign = xml.replace(sp.entity_id, "https://sp.example.org/metadata")
    answer = requests.get(sp.redirect_url(foreign), allow_redirects=False, timeout=HTTP_TIMEOUT)
    assert answer.status_code == 400 and "no SP metadata" in answer.text


def test_eidas_ticket_answers_once(sp):
    _req_id, xml = sp.authn_request("substantial")
    session = requests.Session()
    start = session.get(sp.redirect_url(xml), allow_redirects=False, timeout=HTTP_TIMEOUT)
    page_url = requests.compat.urljoin(start.url, start.headers["Location"])
    page = session.get(page_url, timeout=HTTP_TIMEOUT)
    form = us.only_form(page.url, page.text)
    first = us.submit(session, form)
    assert first.status_code == 200 and "SAMLResponse" in first.text
    again = us.submit(session, form)
    assert again.status_code == 400 and "already answered" in again.text


def test_eidas_page_and_knobs(sp):
    _req_id, xml = sp.authn_request("high")
    session = requests.Session()
    start = session.get(sp.redirect_url(xml), allow_redirects=False, timeout=HTTP_TIMEOUT)
    page_url = requests.compat.urljoin(start.url, start.headers["Location"])
    plain = session.get(page_url, timeout=HTTP_TIMEOUT)
    assert "<h1>Test eID</h1>" in plain.text
    form = us.only_form(plain.url, plain.text)
    assert form.fields == {
        "given_name": "Jean",
        "family_name": "Dupont",
        "date_of_birth": "1980-01-31",
        "identifier": "0123456789",
        "loa": "high",
        "unsigned_response": "",
        "plain_assertion": "",
        "wrong_audience": "",
    }
    assert 'type="checkbox"' not in plain.text
    shown = session.get(page_url + "?knobs=1", timeout=HTTP_TIMEOUT)
    assert shown.text.count('type="checkbox"') == 3
    for knob in ("unsigned_response", "plain_assertion", "wrong_audience"):
        assert f'name="{knob}" value="1"' in shown.text


def test_eidas_knob_unsigned_response(sp):
    req_id, _acs, fields = sign_in(sp, unsigned_response="1")
    doc = tree(us.decode_post(fields["SAMLResponse"]))
    assert doc.find("ds:Signature", NS) is None
    assert doc.find("saml:EncryptedAssertion", NS) is not None
    with pytest.raises(Exception, match="(?i)sign"):
        sp.parse_response(fields["SAMLResponse"], req_id)


def test_eidas_knob_plain_assertion(eidas_idp, sp, tmp_path):
    req_id, _acs, fields = sign_in(sp, plain_assertion="1")
    xml = us.decode_post(fields["SAMLResponse"])
    doc = tree(xml)
    assert doc.find("saml:EncryptedAssertion", NS) is None
    assertion = doc.find("saml:Assertion", NS)
    assert assertion.find("ds:Signature", NS) is not None and doc.find("ds:Signature", NS) is not None
    # Signed all the same (so only the missing encryption makes Limen refuse it); pysaml2, which
    # does not demand encryption, reads it.
    path = us.xml_file(tmp_path, "plain.xml", xml)
    verified = us.xmlsec1_verify(eidas_idp.cert_path, f"{PROTOCOL}:Response", path)
    assert verified.returncode == 0, verified.stderr
    assert sp.parse_response(fields["SAMLResponse"], req_id).ava


def test_eidas_knob_wrong_audience(sp):
    req_id, _acs, fields = sign_in(sp, plain_assertion="1", wrong_audience="1")  # plain: to read it here
    doc = tree(us.decode_post(fields["SAMLResponse"]))
    audience = doc.find("saml:Assertion/saml:Conditions/saml:AudienceRestriction/saml:Audience", NS).text
    assert audience == "http://wrong-audience.invalid/sp"
    with pytest.raises(Exception, match="(?i)audience|not for me|restriction"):
        sp.parse_response(fields["SAMLResponse"], req_id)
