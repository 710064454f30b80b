"""Transaction signing (issue 18) as an outside relying party does it: a service that asks Limen
for a user's signature over the signing API, sends the user to the signing page, takes the result
handle at its return URL, redeems it, and checks the receipt with nothing but Limen's published
keys (`GET /oidc/jwks`).

Nothing here uses Limen's code. The receipt's JWS is checked with PyPI `joserfc`; the canonical
form of the transaction (RFC 8785, JCS) is recomputed by the small writer below, so that a
receipt's `txn_hash` is compared with a hash this side computed; the device evidence inside a
receipt is checked with PyPI `cryptography` (WebAuthn: W3C WebAuthn Level 2 §7.2 steps 19-20)
and `joserfc` (the mobile app's signed answer: docs/MOBILE-PROTOCOL.md §4 and §5.1).

Also here: the services' registration through the CLI (`limen service add`, `limen service
signing-secret`), and the user's side of the signing pages for limen_interop's simulated browser
(the signing form, the challenge pages, the return with `result=`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import requests

from limen_interop import HTTP_TIMEOUT, LimenServer

RECEIPT_TYP = "limen-sign-receipt+jwt"
PROOF_TYP = "limen-proof+jwt"
STRENGTHS = [
    "PASSWORD_MOBILE_APP",
    "PASSWORD_SOFTWARE_TOKEN",
    "PASSWORD_TOKEN_CRAM",
    "PASSWORD_SMS",
    "PASSWORD_WEBAUTHN",
]
# The signing form's method values (the method config keys) and the strength each one gives.
METHOD_STRENGTH = {
    "mobile_app": "PASSWORD_MOBILE_APP",
    "software_token": "PASSWORD_SOFTWARE_TOKEN",
    "token_cram": "PASSWORD_TOKEN_CRAM",
    "sms": "PASSWORD_SMS",
    "webauthn": "PASSWORD_WEBAUTHN",
}
REQUEST_ID = re.compile(r"^SR-[A-Za-z0-9]{43}$")
SECRET = re.compile(r"^[A-Za-z0-9_-]{43}$")
ECAS_NS = "https://ecas.ec.europa.eu/cas/schemas"


class ReceiptInvalid(AssertionError):
    """The relying party refuses a receipt: what it checked and what it found."""


def refuse(condition: bool, message: str) -> None:
    if not condition:
        raise ReceiptInvalid(message)


# --------------------------------------------------------------------------------------------
# Encodings: base64url and RFC 8785 (JCS)
# --------------------------------------------------------------------------------------------


def b64url(data: bytes) -> str:
    """base64url without padding (RFC 4648 §5)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """The bytes of a base64url text without padding; refuses other alphabets and padding."""
    if not isinstance(text, str) or not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        raise ReceiptInvalid(f"not base64url without padding: {text!r}")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url_json(segment: str) -> Any:
    return json.loads(b64url_decode(segment))


_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _jcs_string(s: str) -> str:
    """RFC 8785 §3.2.2.2 (ECMAScript's JSON.stringify of a string): `"` and `\\` escaped, the
    five short escapes, other characters below U+0020 as \\u00xx in lower case, the rest as is."""
    out = ['"']
    for ch in s:
        if ch in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[ch])
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _utf16_key(name: str) -> list[int]:
    """A member name as UTF-16 code units, the sort key of RFC 8785 §3.2.3."""
    raw = name.encode("utf-16-be")
    return [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]


def jcs(value: Any) -> str:
    """The RFC 8785 canonical form of a JSON value made of objects, arrays, strings, booleans,
    null and integers (what the signing data and the mobile protocol hold; fractions refused)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        # §3.2.2.3: an integer within ±(2^53 - 1) is written in plain decimal.
        if abs(value) > (1 << 53) - 1:
            raise ValueError(f"integer out of the I-JSON range: {value}")
        return str(value)
    if isinstance(value, float):
        raise TypeError(f"no fractions in these values: {value}")
    if isinstance(value, str):
        return _jcs_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(jcs(v) for v in value) + "]"
    if isinstance(value, dict):
        members = sorted(value.items(), key=lambda kv: _utf16_key(kv[0]))
        return "{" + ",".join(_jcs_string(k) + ":" + jcs(v) for k, v in members) + "}"
    raise TypeError(f"not a JSON value: {value!r}")


def sha256_b64url(text: str | bytes) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return b64url(hashlib.sha256(data).digest())


def txn_hash(txn: dict) -> str:
    """B64URL(SHA-256(JCS(txn))), the receipt's `txn_hash` as this side computes it."""
    return sha256_b64url(jcs(txn))


def as_signed(fields: list[dict]) -> list[dict]:
    """The fields as the signed data holds them: label and value, `retype` only when true,
    `pattern` only when given (what the request asked, in the contract's canonical shape)."""
    out = []
    for f in fields:
        g = {"label": f["label"], "value": f["value"]}
        if f.get("retype"):
            g["retype"] = True
        if f.get("pattern") is not None:
            g["pattern"] = f["pattern"]
        out.append(g)
    return out


def ocra_question(suite: str, hash_text: str) -> str:
    """The OCRA question of a signature as a relying party recomputes it from the receipt's
    `txn_hash` alone (docs: limen-oath `hashed_question`; RFC 6287 §7.3's signature mode): H =
    SHA-256 of the hash's 43 characters; `QHxx`: the first xx lower-case hex digits of H; `QNxx`:
    H as a big-endian integer modulo 10^xx, with leading zeros to xx digits."""
    q = suite.rsplit(":", 1)[1]
    m = re.fullmatch(r"Q([NH])(\d\d)(?:-.*)?", q.split("-")[0])
    assert m, f"not a QN or QH suite: {suite}"
    kind, length = m.group(1), int(m.group(2))
    digest = hashlib.sha256(hash_text.encode("ascii")).digest()
    if kind == "H":
        return digest.hex()[:length]
    return str(int.from_bytes(digest, "big") % 10**length).zfill(length)


def jwk_thumbprint(jwk: dict) -> str:
    """RFC 7638 thumbprint of an EC key: B64(SHA256(JCS({crv, kty, x, y})))."""
    return sha256_b64url(jcs({k: jwk[k] for k in ("crv", "kty", "x", "y")}))


# --------------------------------------------------------------------------------------------
# The services: registered through the CLI
# --------------------------------------------------------------------------------------------


@dataclass
class Caller:
    """A service's credentials at the signing API: `basic` (RFC 7617 / RFC 6749 §2.3.1) or
    `post` (client_secret_post: client_id and client_secret in the body)."""

    name: str  # the service's name, as the user sees it ("Requested by …")
    client_id: str
    secret: str
    auth: str = "basic"
    return_base: str = ""  # a URL under which the service takes the results


def parse_signing_secret(stdout: str) -> tuple[str, str]:
    """`limen service signing-secret NAME` prints exactly `client_id: cas-<id>` and `secret: <43
    base64url characters>`."""
    lines = [line for line in stdout.splitlines() if line.strip()]
    assert len(lines) == 2, f"`service signing-secret` should print exactly two lines:\n{stdout}"
    key0, _, client_id = lines[0].partition(": ")
    key1, _, secret = lines[1].partition(": ")
    assert key0 == "client_id" and re.fullmatch(r"cas-\S+", client_id), f"first line: {lines[0]!r}"
    assert key1 == "secret" and SECRET.fullmatch(secret), f"second line: {lines[1]!r}"
    return client_id, secret


def signing_secret(server: LimenServer, name: str) -> tuple[str, str]:
    proc = server.cli("service", "signing-secret", "--database", server.database_url, name)
    return parse_signing_secret(proc.stdout)


def add_cas_signer(server: LimenServer, name: str, url_prefix: str, response_format: str | None = None) -> Caller:
    """A CAS service for the URLs under `url_prefix`, and its signing secret."""
    args = ["service", "add", "--database", server.database_url, "--name", name, "--url", url_prefix + "*"]
    if response_format:
        args += ["--response-format", response_format]
    server.cli(*args)
    client_id, secret = signing_secret(server, name)
    return Caller(name=name, client_id=client_id, secret=secret, return_base=url_prefix)


def add_oidc_signer(server: LimenServer, tag: str, origin: str, auth: str = "basic") -> Caller:
    """An OpenID Connect client (client_secret_basic or client_secret_post) whose redirect URI is
    on `origin`; it takes its signing results elsewhere on the same origin."""
    from oidc_support import register_client

    method = {"basic": "client_secret_basic", "post": "client_secret_post"}[auth]
    client = register_client(server, tag, [f"{origin}/oidc-{tag}/callback"], token_auth_method=method)
    assert client.client_secret, f"no client secret for {client.name}"
    return Caller(
        name=client.name,
        client_id=client.client_id,
        secret=client.client_secret,
        auth=auth,
        return_base=f"{origin}/oidc-{tag}/",
    )


# --------------------------------------------------------------------------------------------
# The relying party
# --------------------------------------------------------------------------------------------


@dataclass
class Asked:
    """A signature request as the relying party made it (what the receipt must say)."""

    request_id: str
    url: str
    expires_at: int
    user: str
    title: str
    fields: list[dict]
    return_url: str
    strengths: list[str] | None
    caller: Caller


@dataclass
class Receipt:
    header: dict
    claims: dict
    token: str


class RelyingParty:
    """A service using Limen's signing API with `requests`, and checking receipts with `joserfc`
    against the JWKS it fetched, and nothing else of Limen's."""

    def __init__(self, server: LimenServer, caller: Caller):
        self.server = server
        self.caller = caller
        self.http = requests.Session()

    # Calls ------------------------------------------------------------------------------------
    def _auth(self, data: dict | None = None) -> tuple[tuple[str, str] | None, dict]:
        if self.caller.auth == "post":
            return None, {**(data or {}), "client_id": self.caller.client_id, "client_secret": self.caller.secret}
        return (self.caller.client_id, self.caller.secret), dict(data or {})

    def create_raw(self, body: Any, *, auth: tuple[str, str] | None | str = "own", **kw) -> requests.Response:
        """POST /sign/api/v1/requests with `body` as JSON (as is: a test may send anything).
        `auth="own"` authenticates as this service (Basic); None sends no credentials; a pair
        sends those. client_secret_post services send their credentials in the body."""
        url = self.server.url("/sign/api/v1/requests")
        if auth == "own":
            if self.caller.auth == "post":
                assert isinstance(body, dict)
                body = {**body, "client_id": self.caller.client_id, "client_secret": self.caller.secret}
                auth = None
            else:
                auth = (self.caller.client_id, self.caller.secret)
        return self.http.post(url, json=body, auth=auth, allow_redirects=False, timeout=HTTP_TIMEOUT, **kw)

    def request_body(
        self,
        user: str,
        title: str,
        fields: list[dict],
        *,
        strengths: list[str] | None = None,
        return_url: str | None = None,
        expires_in: int | None = None,
    ) -> dict:
        body: dict[str, Any] = {
            "user": user,
            "title": title,
            "fields": fields,
            "return_url": return_url or self.caller.return_base + "signed",
        }
        if strengths is not None:
            body["strengths"] = strengths
        if expires_in is not None:
            body["expires_in"] = expires_in
        return body

    def create(self, user: str, title: str, fields: list[dict], **kw) -> Asked:
        """A request that must be accepted: 201, its JSON, and `Location` equal to `url`."""
        body = self.request_body(user, title, fields, **kw)
        before = int(time.time())
        resp = self.create_raw(body)
        assert resp.status_code == 201, f"POST /sign/api/v1/requests: {resp.status_code}\n{resp.text[:2000]}"
        assert resp.headers.get("Content-Type", "").startswith("application/json"), resp.headers
        doc = resp.json()
        rid = doc.get("request_id", "")
        assert REQUEST_ID.fullmatch(rid), f"request_id {rid!r} is not SR-<43 alphanumerics>: {doc}"
        assert doc.get("url") == self.server.url(f"/sign/{rid}"), f"url: {doc}"
        assert resp.headers.get("Location") == doc["url"], f"Location {resp.headers.get('Location')!r}: {doc}"
        expires_in = kw.get("expires_in") or 600
        assert isinstance(doc.get("expires_at"), int), doc
        assert before + expires_in - 5 <= doc["expires_at"] <= int(time.time()) + expires_in + 5, (
            f"expires_at {doc['expires_at']} is not about now + {expires_in}: {doc}"
        )
        return Asked(
            request_id=rid,
            url=doc["url"],
            expires_at=doc["expires_at"],
            user=user,
            title=title,
            fields=fields,
            return_url=body["return_url"],
            strengths=kw.get("strengths"),
            caller=self.caller,
        )

    def redeem_raw(self, handle: str, *, as_json: bool = False) -> requests.Response:
        """POST /sign/api/v1/result with `result=<handle>` (a form, or JSON)."""
        auth, data = self._auth({"result": handle})
        url = self.server.url("/sign/api/v1/result")
        if as_json:
            return self.http.post(url, json=data, auth=auth, allow_redirects=False, timeout=HTTP_TIMEOUT)
        return self.http.post(url, data=data, auth=auth, allow_redirects=False, timeout=HTTP_TIMEOUT)

    def redeem(self, handle: str, **kw) -> dict:
        resp = self.redeem_raw(handle, **kw)
        assert resp.status_code == 200, f"POST /sign/api/v1/result: {resp.status_code}\n{resp.text[:2000]}"
        return resp.json()

    def status_raw(self, request_id: str) -> requests.Response:
        auth, _ = self._auth()
        if self.caller.auth == "post":
            # A GET has no body: client_secret_post services call it with Basic, as RFC 6749
            # §2.3.1 lets every client do.
            auth = (self.caller.client_id, self.caller.secret)
        return self.http.get(self.server.url(f"/sign/api/v1/requests/{request_id}"), auth=auth, timeout=HTTP_TIMEOUT)

    # Keys -------------------------------------------------------------------------------------
    def issuer(self) -> str:
        resp = self.http.get(self.server.url("/.well-known/openid-configuration"), timeout=HTTP_TIMEOUT)
        assert resp.status_code == 200, f"discovery: {resp.status_code}"
        return resp.json()["issuer"]

    def jwks(self) -> dict:
        resp = self.http.get(self.server.url("/oidc/jwks"), timeout=HTTP_TIMEOUT)
        assert resp.status_code == 200, f"/oidc/jwks: {resp.status_code}\n{resp.text[:1000]}"
        doc = resp.json()
        assert isinstance(doc.get("keys"), list) and doc["keys"], doc
        for key in doc["keys"]:
            assert "d" not in key, f"a private key in the JWKS: {key.get('kid')}"
        return doc

    # Receipts ---------------------------------------------------------------------------------
    def verify(self, token: str, asked: Asked, *, jwks: dict | None = None, **kw) -> Receipt:
        return verify_receipt(
            token,
            jwks if jwks is not None else self.jwks(),
            issuer=self.issuer(),
            asked=asked,
            **kw,
        )


def verify_receipt(
    token: str,
    jwks: dict,
    *,
    issuer: str,
    asked: Asked,
    methods: list[str] | None = None,
    rp_id: str | None = None,
    origin: str | None = None,
    now: float | None = None,
) -> Receipt:
    """Everything a relying party checks in a receipt, with only `jwks` as trust: the JWS (ES256,
    its `typ`, a `kid` of the set, the signature), `iss`, `aud`, `jti`, `sub`, `iat`, the `txn`
    (what was asked, field by field), `txn_hash` recomputed here, the method among those allowed,
    and the device evidence where the method has one. Raises ReceiptInvalid."""
    from joserfc import jws
    from joserfc.errors import JoseError
    from joserfc.jwk import KeySet
    from joserfc.jws import JWSRegistry

    refuse(isinstance(token, str) and token.count(".") == 2, f"not a compact JWS: {token!r}")
    try:
        header = b64url_json(token.split(".")[0])
    except ValueError as exc:
        raise ReceiptInvalid(f"the header does not parse: {exc}") from exc
    refuse(header.get("alg") == "ES256", f"alg must be ES256: {header}")
    refuse(header.get("typ") == RECEIPT_TYP, f"typ must be {RECEIPT_TYP}: {header}")
    kids = [k.get("kid") for k in jwks.get("keys", [])]
    refuse(bool(header.get("kid")) and header.get("kid") in kids, f"kid {header.get('kid')!r} not in the JWKS {kids}")
    try:
        verified = jws.deserialize_compact(
            token,
            KeySet.import_key_set(jwks),
            algorithms=["ES256"],
            registry=JWSRegistry(strict_check_header=False),
        )
    except (JoseError, ValueError) as exc:
        raise ReceiptInvalid(f"the signature does not verify under the JWKS: {type(exc).__name__}: {exc}") from exc
    try:
        claims = json.loads(verified.payload)
    except ValueError as exc:
        raise ReceiptInvalid(f"the payload is not JSON: {exc}") from exc
    refuse(isinstance(claims, dict), f"the payload is not an object: {claims!r}")

    refuse(claims.get("iss") == issuer, f"iss {claims.get('iss')!r} is not {issuer!r}")
    aud = claims.get("aud")
    auds = aud if isinstance(aud, list) else [aud]
    refuse(asked.caller.client_id in auds, f"aud {aud!r} is not {asked.caller.client_id!r}")
    refuse(claims.get("jti") == asked.request_id, f"jti {claims.get('jti')!r} is not {asked.request_id}")
    refuse(claims.get("sub") == asked.user, f"sub {claims.get('sub')!r} is not {asked.user!r}")
    iat = claims.get("iat")
    at = time.time() if now is None else now
    refuse(isinstance(iat, int) and at - 3600 <= iat <= at + 60, f"iat {iat!r} is not about now ({int(at)})")

    txn = claims.get("txn")
    refuse(isinstance(txn, dict), f"no txn object: {claims}")
    expected = {
        "id": asked.request_id,
        "service": asked.caller.name,
        "title": asked.title,
        "fields": as_signed(asked.fields),
    }
    for key in ("id", "service", "title", "fields"):
        refuse(txn.get(key) == expected[key], f"txn.{key} is {txn.get(key)!r}, the request said {expected[key]!r}")
    refuse(set(txn) == set(expected), f"txn has other members: {sorted(set(txn) - set(expected))}")
    mine = txn_hash(txn)
    refuse(claims.get("txn_hash") == mine, f"txn_hash {claims.get('txn_hash')!r} is not B64(SHA256(JCS(txn))) = {mine}")

    allowed = methods or asked.strengths or STRENGTHS
    method = claims.get("method")
    refuse(method in allowed, f"method {method!r} is not one of {allowed}")
    device = claims.get("device")
    if device is not None:
        refuse(
            isinstance(device, dict)
            and all(isinstance(device.get(k), str) and device[k] for k in ("id", "kind", "name")),
            f"device must have id, kind and name: {device!r}",
        )
    evidence = claims.get("evidence")
    if method == "PASSWORD_WEBAUTHN":
        refuse(isinstance(evidence, dict), f"a WebAuthn receipt without evidence: {claims}")
        verify_webauthn_evidence(evidence, mine, rp_id=rp_id, origin=origin)
    elif method == "PASSWORD_MOBILE_APP":
        refuse(isinstance(evidence, dict), f"a mobile app (push) receipt without evidence: {claims}")
        verify_mobile_evidence(evidence, txn)
    else:
        refuse(evidence is None, f"{method} has no device evidence, the receipt has {evidence!r}")
    return Receipt(header=header, claims=claims, token=token)


# --------------------------------------------------------------------------------------------
# Device evidence
# --------------------------------------------------------------------------------------------


def public_key_from_jwk(jwk: dict):
    """A `cryptography` public key from a JWK (RFC 7518 §6.2 EC P-256, §6.3 RSA; RFC 8037 OKP
    Ed25519), refusing private members."""
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    refuse(isinstance(jwk, dict), f"the public key is not a JWK: {jwk!r}")
    refuse(not any(m in jwk for m in ("d", "p", "q", "dp", "dq", "qi", "k")), "the JWK has private members")
    kty = jwk.get("kty")
    if kty == "EC":
        refuse(jwk.get("crv") == "P-256", f"only P-256 EC keys: {jwk}")
        x, y = b64url_decode(jwk["x"]), b64url_decode(jwk["y"])
        refuse(len(x) == 32 and len(y) == 32, f"P-256 coordinates are 32 bytes: {jwk}")
        return ec.EllipticCurvePublicNumbers(
            int.from_bytes(x, "big"), int.from_bytes(y, "big"), ec.SECP256R1()
        ).public_key()
    if kty == "RSA":
        return rsa.RSAPublicNumbers(
            int.from_bytes(b64url_decode(jwk["e"]), "big"), int.from_bytes(b64url_decode(jwk["n"]), "big")
        ).public_key()
    if kty == "OKP":
        refuse(jwk.get("crv") == "Ed25519", f"only Ed25519 OKP keys: {jwk}")
        return ed25519.Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
    raise ReceiptInvalid(f"unknown key type {kty!r}")


def verify_webauthn_evidence(
    ev: dict, expected_hash: str, *, rp_id: str | None = None, origin: str | None = None
) -> None:
    """W3C WebAuthn Level 2 §7.2: the client data is a `webauthn.get` whose challenge is the
    transaction's hash (steps 11-12), the authenticator data names the RP ID and the user's
    presence (steps 13-14, when `rp_id` is given), and the signature verifies over
    `authenticatorData ‖ SHA-256(clientDataJSON)` with the credential's public key (steps 19-20)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

    refuse(ev.get("type") == "webauthn", f"evidence type {ev.get('type')!r} is not webauthn")
    for member in ("credential_id", "authenticator_data", "client_data_json", "signature", "public_key"):
        refuse(member in ev, f"the WebAuthn evidence has no {member}: {sorted(ev)}")
    client_data_raw = b64url_decode(ev["client_data_json"])
    try:
        client_data = json.loads(client_data_raw)
    except ValueError as exc:
        raise ReceiptInvalid(f"clientDataJSON does not parse: {exc}") from exc
    refuse(client_data.get("type") == "webauthn.get", f"clientData.type {client_data.get('type')!r}")
    refuse(
        client_data.get("challenge") == expected_hash,
        f"clientData.challenge {client_data.get('challenge')!r} is not the transaction hash {expected_hash}",
    )
    if origin is not None:
        refuse(client_data.get("origin") == origin, f"clientData.origin {client_data.get('origin')!r} is not {origin}")
    auth_data = b64url_decode(ev["authenticator_data"])
    refuse(len(auth_data) >= 37, f"authenticatorData is {len(auth_data)} bytes")
    if rp_id is not None:
        refuse(auth_data[:32] == hashlib.sha256(rp_id.encode()).digest(), f"rpIdHash is not SHA-256({rp_id!r})")
    refuse(auth_data[32] & 0x01 == 0x01, "the user-present flag (UP) is not set")
    signed = auth_data + hashlib.sha256(client_data_raw).digest()
    signature = b64url_decode(ev["signature"])
    jwk = ev["public_key"]
    key = public_key_from_jwk(jwk)
    alg = jwk.get("alg")
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            refuse(alg in (None, "ES256"), f"an EC P-256 key with alg {alg!r}")
            # WebAuthn §6.5.6: ECDSA signatures are ASN.1 DER.
            key.verify(signature, signed, ec.ECDSA(hashes.SHA256()))
        elif isinstance(key, rsa.RSAPublicKey):
            if alg == "PS256":
                key.verify(signature, signed, padding.PSS(padding.MGF1(hashes.SHA256()), 32), hashes.SHA256())
            else:
                refuse(alg in (None, "RS256"), f"an RSA key with alg {alg!r}")
                key.verify(signature, signed, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(signature, signed)
        else:  # pragma: no cover - public_key_from_jwk returns only these
            raise ReceiptInvalid(f"unexpected key {key!r}")
    except InvalidSignature as exc:
        raise ReceiptInvalid("the WebAuthn assertion's signature does not verify") from exc


def verify_mobile_evidence(ev: dict, txn: dict) -> None:
    """The mobile app's signed push answer (docs/MOBILE-PROTOCOL.md §4, §5.1): the `Limen-Proof`
    verifies under `device_key` (ES256, typ limen-proof+jwt, kid = the key's RFC 7638
    thumbprint); its `bh` is B64(SHA256(request)); the request approves, and its `dh` is
    B64(SHA256(JCS(display))); the display's `tx` shows the transaction's title and fields
    (labels and values, in order)."""
    from joserfc import jws
    from joserfc.errors import JoseError
    from joserfc.jwk import ECKey
    from joserfc.jws import JWSRegistry

    refuse(ev.get("type") == "mobile_app", f"evidence type {ev.get('type')!r} is not mobile_app")
    for member in ("device_key", "proof", "request", "display"):
        refuse(member in ev, f"the mobile evidence has no {member}: {sorted(ev)}")
    device_key = ev["device_key"]
    refuse(
        isinstance(device_key, dict) and device_key.get("kty") == "EC" and device_key.get("crv") == "P-256",
        f"device_key is not an EC P-256 JWK: {device_key!r}",
    )
    refuse("d" not in device_key, "device_key has a private member")
    proof = ev["proof"]
    refuse(isinstance(proof, str) and proof.count(".") == 2, f"proof is not a compact JWS: {proof!r}")
    header = b64url_json(proof.split(".")[0])
    refuse(header.get("alg") == "ES256", f"proof alg: {header}")
    refuse(header.get("typ") == PROOF_TYP, f"proof typ: {header}")
    if "kid" in header:
        refuse(header["kid"] == jwk_thumbprint(device_key), f"proof kid {header['kid']} is not the key's thumbprint")
    try:
        verified = jws.deserialize_compact(
            proof,
            ECKey.import_key({k: device_key[k] for k in ("kty", "crv", "x", "y")}),
            algorithms=["ES256"],
            registry=JWSRegistry(strict_check_header=False),
        )
    except (JoseError, ValueError) as exc:
        raise ReceiptInvalid(f"the device's proof does not verify under device_key: {exc}") from exc
    claims = json.loads(verified.payload)
    request = ev["request"]
    refuse(isinstance(request, str), f"request must be the answer body as text: {request!r}")
    refuse(
        claims.get("bh") == sha256_b64url(request),
        f"proof bh {claims.get('bh')!r} is not B64(SHA256(request)) {sha256_b64url(request)}",
    )
    refuse(claims.get("htm") == "POST", f"proof htm: {claims.get('htm')!r}")
    answer = json.loads(request)
    refuse(answer.get("decision") == "approve", f"the device's decision is {answer.get('decision')!r}")
    display = ev["display"]
    refuse(
        answer.get("dh") == sha256_b64url(jcs(display)),
        f"the answer's dh {answer.get('dh')!r} is not B64(SHA256(JCS(display))) {sha256_b64url(jcs(display))}",
    )
    tx = display.get("tx") if isinstance(display, dict) else None
    refuse(isinstance(tx, dict), f"the display has no tx: {display!r}")
    refuse(tx.get("title") == txn["title"], f"display.tx.title {tx.get('title')!r} is not {txn['title']!r}")
    shown = [(f.get("label"), f.get("value")) for f in tx.get("fields", [])]
    signed = [(f["label"], f["value"]) for f in txn["fields"]]
    refuse(shown == signed, f"display.tx.fields {shown} are not the transaction's {signed}")


# --------------------------------------------------------------------------------------------
# Forging receipts (to show that the verifier refuses them)
# --------------------------------------------------------------------------------------------


def split(token: str) -> tuple[dict, dict, str]:
    h, p, s = token.split(".")
    return b64url_json(h), b64url_json(p), s


def with_payload(token: str, claims: dict) -> str:
    """`token` with its payload replaced by `claims`, the old header and signature kept."""
    h, _p, s = token.split(".")
    return f"{h}.{b64url(json.dumps(claims, ensure_ascii=False, separators=(',', ':')).encode())}.{s}"


def new_es256_key(kid: str):
    """A fresh P-256 key (joserfc) with `kid`: a signer Limen never published."""
    from joserfc.jwk import ECKey

    return ECKey.generate_key("P-256", parameters={"kid": kid, "alg": "ES256", "use": "sig"})


def sign_as(key, header: dict, claims: dict) -> str:
    from joserfc import jws

    payload = json.dumps(claims, ensure_ascii=False, separators=(",", ":"))
    return jws.serialize_compact(dict(header), payload, key, algorithms=["ES256"])


def jwks_with(jwks: dict, key) -> dict:
    """`jwks` plus the public half of `key` (a trust set a test controls, to show that each check
    after the signature's is made too)."""
    return {"keys": [*jwks["keys"], key.as_dict(private=False)]}


# --------------------------------------------------------------------------------------------
# The user's side: the signing page over HTTP
# --------------------------------------------------------------------------------------------


def html_tree(text: str):
    import lxml.html

    return lxml.html.fromstring(text or "<html></html>")


def text_by_id(tree, element_id: str) -> str | None:
    found = tree.xpath(f'//*[@id="{element_id}"]')
    return " ".join(found[0].text_content().split()) if found else None


@dataclass
class FormData:
    action: str
    hidden: dict[str, str]
    names: set[str] = field(default_factory=set)


def form_by_id(resp: requests.Response, form_id: str) -> FormData:
    tree = html_tree(resp.text)
    forms = tree.xpath(f'//form[@id="{form_id}"]')
    assert forms, f"no form#{form_id} on {resp.url} ({resp.status_code}):\n{resp.text[:3000]}"
    form = forms[0]
    hidden = {i.get("name"): i.get("value", "") for i in form.xpath('.//input[@type="hidden"]') if i.get("name")}
    names = {e.get("name") for e in form.xpath(".//input|.//select|.//textarea|.//button") if e.get("name")}
    assert (form.get("method") or "get").lower() == "post", f"form#{form_id} is not a POST form"
    return FormData(urljoin(resp.url, form.get("action") or resp.url), hidden, names)


@dataclass
class SigningPage:
    """`GET /sign/{id}` as the user sees it."""

    resp: requests.Response
    requested_by: str | None
    title: str | None
    fields: list[tuple[str, str, bool]]  # (label, value, retype row)
    methods: list[str]

    def describe(self) -> str:
        return f"{self.resp.status_code} {self.resp.url}\n{self.resp.text[:3000]}"


def signing_page(resp: requests.Response) -> SigningPage:
    tree = html_tree(resp.text)
    rows = []
    for tr in tree.xpath('//table[@id="sign-fields"]//tr[contains(concat(" ", @class, " "), " sign-field ")]'):
        th, td = tr.xpath(".//th"), tr.xpath(".//td")
        classes = (tr.get("class") or "").split()
        rows.append(
            (
                " ".join(th[0].text_content().split()) if th else "",
                # The value cell may hold the retype note after the value: the value is its first
                # text node (or the whole cell's text when it has no note).
                _cell_value(td[0]) if td else "",
                "retype" in classes,
            )
        )
    methods = [o.get("value", "") for o in tree.xpath('//form[@id="sign-form"]//select[@id="method"]/option')]
    return SigningPage(
        resp=resp,
        requested_by=text_by_id(tree, "sign-requested-by"),
        title=text_by_id(tree, "sign-title"),
        fields=rows,
        methods=[m for m in methods if m],
    )


def _cell_value(td) -> str:
    values = td.xpath('.//*[contains(concat(" ", @class, " "), " sign-value ")]')
    if values:
        return values[0].text_content().strip()
    first = (td.text or "").strip()
    return first if first else td.text_content().strip()


def result_handle(resp: requests.Response, return_url: str) -> str:
    """The `303` to the return URL with `result=<handle>` added to its query."""
    assert resp.status_code == 303, (
        f"expected a 303 to {return_url}, got {resp.status_code} {resp.url}\n{resp.text[:3000]}"
    )
    location = resp.headers.get("Location", "")
    base = return_url.split("?", 1)[0]
    assert location.split("?", 1)[0] == base, f"redirect to {location!r}, not to {return_url!r}"
    query = parse_qs(urlsplit(location).query, keep_blank_values=True)
    for key, values in parse_qs(urlsplit(return_url).query, keep_blank_values=True).items():
        assert query.get(key) == values, f"the return URL's own query {key}={values} was lost: {location}"
    fragment = urlsplit(return_url).fragment
    if fragment:
        assert urlsplit(location).fragment == fragment, f"the return URL's fragment was lost: {location}"
    handles = query.get("result", [])
    assert len(handles) == 1 and handles[0], f"no single result= in {location!r}"
    return handles[0]


def sso_cookies_set(responses: list[requests.Response], name: str = "limen_sso") -> list[str]:
    """The `Set-Cookie` headers for the SSO cookie among `responses`."""
    found = []
    for resp in responses:
        raw = resp.raw.headers.getlist("Set-Cookie") if hasattr(resp.raw.headers, "getlist") else []
        found += [c for c in raw if c.split("=", 1)[0].strip() == name]
    return found


class SigningBrowser:
    """limen_interop's simulated browser (one cookie jar, no automatic redirects) on the signing
    pages. Every answer it receives is kept (`seen`), to look at the cookies Limen set."""

    def __init__(self, server: LimenServer, browser=None):
        from tokens_support import TokenBrowser

        self.server = server
        self.browser = browser or TokenBrowser(server)
        self.session = self.browser.session
        self.seen: list[requests.Response] = []
        self.session.hooks["response"].append(lambda r, *_a, **_k: self.seen.append(r))

    def get(self, url: str) -> requests.Response:
        return self.session.get(url, allow_redirects=False, timeout=HTTP_TIMEOUT)

    def post_form(self, resp: requests.Response, form_id: str, fields: dict[str, str]) -> requests.Response:
        form = form_by_id(resp, form_id)
        return self.session.post(
            form.action, data={**form.hidden, **fields}, allow_redirects=False, timeout=HTTP_TIMEOUT
        )

    def open(self, asked: Asked) -> SigningPage:
        resp = self.get(asked.url)
        page = signing_page(resp)
        assert resp.status_code == 200, f"GET {asked.url}: {page.describe()}"
        return page

    def start(self, page: SigningPage | requests.Response, method: str, password: str) -> requests.Response:
        """The signing form: the password and the method (a `select` value)."""
        resp = page.resp if isinstance(page, SigningPage) else page
        return self.post_form(resp, "sign-form", {"password": password, "method": method})

    def cancel(self, page: SigningPage | requests.Response) -> requests.Response:
        resp = page.resp if isinstance(page, SigningPage) else page
        return self.post_form(resp, "sign-cancel-form", {})

    def type_code(self, resp: requests.Response, code: str) -> requests.Response:
        return self.post_form(resp, "code-form", {"code": code})

    def approved(self, resp: requests.Response) -> requests.Response:
        """ "The push page's "I have approved on my device"."""
        return self.post_form(resp, "approval-form", {})

    def sso_set(self) -> list[str]:
        return sso_cookies_set(self.seen)

    def follow(self, resp: requests.Response, limit: int = 10) -> requests.Response:
        """Follows Limen's own redirects; stops at one leaving Limen (the return URL)."""
        base = self.server.base_url + "/"
        for _ in range(limit):
            if resp.status_code not in (301, 302, 303, 307, 308):
                return resp
            location = urljoin(resp.url, resp.headers.get("Location", ""))
            if not location.startswith(base):
                return resp
            resp = self.get(location)
        raise AssertionError(f"more than {limit} redirects from {resp.url}")


def challenge_of(resp: requests.Response) -> str | None:
    """The OCRA question of a code page (`#code-challenge`)."""
    return text_by_id(html_tree(resp.text), "code-challenge")


def has_id(resp: requests.Response, element_id: str) -> bool:
    return bool(html_tree(resp.text).xpath(f'//*[@id="{element_id}"]'))


def summary_of(resp: requests.Response) -> str | None:
    """The transaction shown on a challenge page (`#sign-summary`)."""
    return text_by_id(html_tree(resp.text), "sign-summary")
