"""The admin API (issue 21) from outside: a real `limen serve` (SQLite, and PostgreSQL when
LIMEN_TEST_PG is set), clients granted a role with the CLI, access tokens from the client
credentials grant (RFC 6749 §4.4), and tools this project did not write:

- the OpenAPI 3.1 document at /admin/api/v1/openapi.json checked by PyPI `openapi-spec-validator`,
  plus what the contract asks of every operation (a unique operationId; 401 and
  application/problem+json declared for its 4xx answers, RFC 9457);
- PyPI `schemathesis` generating requests from that document (a bounded, derandomised number per
  operation, valid and invalid ones) against the running server: no 5xx, every answer's status,
  content type and body as documented;
- the role matrix: every operation of the document called by an admin, a help-desk and an auditor
  client, checked against the contract's table (admin_support.CONTRACT);
- ETags (RFC 9110 §13.1.1, RFC 6585 §3): If-Match current → 200, stale → 412, missing → 428;
- pagination: every account once over the pages.
"""

from __future__ import annotations

import json
import re
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from admin_support import (
    API,
    CONTRACT,
    PROBLEM_JSON,
    ROLE_CAPABILITIES,
    ROLES,
    AdminClient,
    AdminWorld,
    add_account,
    admin_world,
    allowed,
    grant_client,
    is_problem,
    template_key,
    unique,
)
from limen_interop import HTTP_TIMEOUT
from oidc_support import register_client

# How many requests schemathesis makes per operation and kind of input (positive: valid by the
# schema; negative: invalid by it). Derandomised (a fixed seed per test), so that a run in CI
# makes the same requests as the one before; about 30 per operation, the whole run in about
# two minutes per backend on a debug build.
EXAMPLES_REAL_TARGETS = 15  # valid input, the path naming existing resources
EXAMPLES_GENERATED = 5  # valid input, generated path parameters (mostly unknown resources)
EXAMPLES_NEGATIVE = 10  # invalid input


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def world(request, tmp_path_factory):
    yield from admin_world(request, tmp_path_factory, "admin-api")


@pytest.fixture(scope="module")
def spec(world: AdminWorld) -> dict:
    """The OpenAPI document, as anyone may read it (no token)."""
    resp = requests.get(world.server.url(API + "/openapi.json"), timeout=HTTP_TIMEOUT)
    assert resp.status_code == 200, f"{resp.status_code} {resp.text[:500]}"
    assert resp.headers["Content-Type"].split(";")[0] == "application/json", resp.headers
    return resp.json()


def operations(spec: dict) -> list[tuple[str, str, dict]]:
    """(method, path, operation) of every operation of the document, in a stable order."""
    found = []
    for path, item in sorted(spec["paths"].items()):
        for method in ("get", "put", "post", "delete", "patch", "head", "options", "trace"):
            if method in item:
                found.append((method.upper(), path, item[method]))
    return found


def resolve(spec: dict, node: dict) -> dict:
    """Follows a local `$ref` (#/components/...)."""
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), f"only local references are expected: {ref}"
        target = spec
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


# --------------------------------------------------------------------------------------------
# 1. The document
# --------------------------------------------------------------------------------------------


def test_the_openapi_document_is_valid_openapi_3_1(spec):
    from openapi_spec_validator import OpenAPIV31SpecValidator, validate

    assert spec.get("openapi", "").startswith("3.1."), f"openapi: {spec.get('openapi')!r}"
    # Raises OpenAPIValidationError with the path of what is wrong.
    validate(spec, cls=OpenAPIV31SpecValidator)
    assert operations(spec), "the document describes no operation"
    # Bearer tokens (RFC 6750) for every operation, by the document's default security.
    schemes = spec.get("components", {}).get("securitySchemes", {})
    bearer = [
        name for name, s in schemes.items() if s.get("type") == "http" and s.get("scheme", "").lower() == "bearer"
    ]
    assert bearer, f"no HTTP bearer security scheme: {schemes}"
    for method, path, op in operations(spec):
        security = op.get("security", spec.get("security"))
        assert security and any(set(req) & set(bearer) for req in security), (
            f"{method} {path} does not ask for the bearer token: {security}"
        )


def test_every_operation_id_is_unique(spec):
    ids = [op.get("operationId") for _m, _p, op in operations(spec)]
    missing = [f"{m} {p}" for m, p, op in operations(spec) if not op.get("operationId")]
    assert not missing, f"operations without an operationId: {missing}"
    twice = sorted({i for i in ids if ids.count(i) > 1})
    assert not twice, f"operationIds used more than once: {twice}"


def test_every_operation_declares_401_and_problem_json_for_its_4xx_answers(spec):
    wrong = []
    for method, path, op in operations(spec):
        responses = op.get("responses", {})
        if "401" not in responses:
            wrong.append(f"{method} {path}: no 401 declared")
        for status, response in responses.items():
            if not (status.startswith("4") or status == "4XX"):
                continue
            content = resolve(spec, response).get("content", {})
            if PROBLEM_JSON not in content:
                wrong.append(f"{method} {path}: {status} is not {PROBLEM_JSON} (declared: {sorted(content)})")
    assert not wrong, "\n".join(wrong)


def test_every_operation_of_the_document_is_in_the_contract(spec):
    unknown = [f"{m} {p}" for m, p, _op in operations(spec) if template_key(m, p) not in CONTRACT]
    assert not unknown, f"operations the contract (admin_support.CONTRACT) does not know: {unknown}"


def test_every_endpoint_of_the_contract_is_in_the_document(spec):
    documented = {template_key(m, p) for m, p, _op in operations(spec)}
    missing = sorted(f"{m} {API}{p}" for (m, p) in CONTRACT if (m, p) not in documented)
    assert not missing, f"endpoints of the contract missing from openapi.json: {missing}"


# --------------------------------------------------------------------------------------------
# 2. Tokens
# --------------------------------------------------------------------------------------------


def test_the_client_credentials_grant_gives_tokens_to_role_holders_only(world):
    admin = world.admin
    resp = admin.fetch_token(scope="limen-admin")
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["token_type"].lower() == "bearer" and body["expires_in"] > 0, body
    assert "refresh_token" not in body, "RFC 6749 §4.4.3: no refresh token for client credentials"
    assert resp.headers.get("Cache-Control", "").lower() == "no-store", resp.headers

    # Another scope than the grant's.
    resp = admin.fetch_token(scope="openid")
    assert resp.status_code == 400 and resp.json()["error"] == "invalid_scope", resp.text
    # A wrong secret: the client is not authenticated (RFC 6749 §5.2).
    wrong = AdminClient(world.server, "admin", admin.service, admin.client_id, admin.client_secret + "x")
    resp = wrong.fetch_token()
    assert resp.status_code == 401 and resp.json()["error"] == "invalid_client", resp.text
    # A confidential client without a role.
    plain = register_client(world.server, "no role")
    resp = AdminClient(world.server, "admin", plain.name, plain.client_id, plain.client_secret).fetch_token()
    assert resp.status_code == 400 and resp.json()["error"] == "unauthorized_client", resp.text


def test_without_a_valid_token_every_operation_is_401_problem_json(world, spec):
    wrong = []
    for method, path, _op in operations(spec):
        url = world.server.url(re.sub(r"\{[^}]*\}", "x", path))
        for headers in ({}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic YTpi"}):
            resp = requests.request(method, url, headers=headers, timeout=HTTP_TIMEOUT)
            problem = is_problem(resp, 401)
            if problem:
                wrong.append(f"{method} {path} with {headers or 'no Authorization'}: {problem}")
            elif not resp.headers.get("WWW-Authenticate", "").lower().startswith("bearer"):
                wrong.append(f"{method} {path}: 401 without WWW-Authenticate: Bearer (RFC 6750 §3)")
    assert not wrong, "\n".join(wrong)


def test_me_tells_each_role_its_capabilities(world):
    for role in ROLES:
        client = world.client(role)
        resp = client.get("/me")
        assert resp.status_code == 200, resp.text
        me = resp.json()
        assert me["role"] == role, me
        assert me["actor"] == f"client:{client.client_id}", me
        assert set(me["capabilities"]) == ROLE_CAPABILITIES[role], me


def test_a_revoked_role_stops_its_tokens_at_once(world):
    client = grant_client(world.server, "auditor", "revoked")
    assert client.get("/me").status_code == 200
    world.server.cli("--database", world.server.database_url, "admin", "client", "revoke", client.service)
    resp = client.get("/me")  # the token fetched before the revocation
    assert is_problem(resp, 401) is None, is_problem(resp, 401)
    resp = client.fetch_token()
    assert resp.status_code == 400 and resp.json()["error"] == "unauthorized_client", resp.text


# --------------------------------------------------------------------------------------------
# Resources the requests name
# --------------------------------------------------------------------------------------------


@dataclass
class Targets:
    """Resources made with the CLI for requests to name in their paths, made when first asked
    for. The role matrix asks for fresh ones for every change an allowed role makes (a DELETE
    must not remove what the next call needs); the forbidden calls and the reads share one set."""

    world: AdminWorld
    workdir: Path
    made: dict[str, str] = field(default_factory=dict)

    @property
    def server(self):
        return self.world.server

    def get(self, kind: str) -> str:
        if kind not in self.made:
            self.made[kind] = getattr(self, f"_make_{kind.replace('-', '_')}")()
        return self.made[kind]

    def _make_account(self) -> str:
        email, uid = add_account(self.server, "target")
        self.made["account_email"] = email
        return uid

    def _make_group(self) -> str:
        name = unique("group")
        self.server.cli("--database", self.server.database_url, "group", "add", name)
        return name

    def _make_service(self) -> str:
        name = unique("CAS target")
        self.server.add_service(name, [f"http://127.0.0.1:9/{name.replace(' ', '-')}/*"])
        return name

    def _make_admin_client(self) -> str:
        # An OpenID Connect client that is not one of the callers (granting or revoking its
        # role cannot take the callers' tokens away), holding a role to be revoked.
        name = register_client(self.server, "target").name
        self.server.cli("--database", self.server.database_url, "admin", "client", "grant", name, "--role", "auditor")
        return name

    def _make_member(self) -> str:
        """An account in the group (the group of the path)."""
        uid = self.get("account")
        self.server.cli(
            "--database",
            self.server.database_url,
            "group",
            "member",
            "add",
            self.get("group"),
            self.made["account_email"],
        )
        return uid

    def _make_admin(self) -> str:
        email, uid = add_account(self.server, "admin-target")
        self.server.cli("--database", self.server.database_url, "admin", "grant", email, "--role", "auditor")
        return uid

    def _make_token(self) -> str:
        from tokens_support import hotp_token, import_and_assign, serial_for

        serial = serial_for("target", self.server.label)
        import_and_assign(self.server, [hotp_token(serial)], None, self.workdir)
        return serial

    def _make_factor(self) -> str:
        """A second factor of the account: a hardware token assigned to it, its id as the
        factor list gives it (a made-up one while the list is not there)."""
        uid = self.get("account")
        serial = self.get("token")
        self.server.cli("--database", self.server.database_url, "token", "assign", serial, self.made["account_email"])
        resp = self.world.admin.get(f"/accounts/{uid}/factors")
        if resp.status_code == 200 and resp.json().get("items"):
            return resp.json()["items"][0]["id"]
        return "hotp:1"

    def _make_upstream(self) -> str:
        return "no-such-upstream"  # none is configured: an allowed role gets 404

    def _make_key(self) -> str:
        return "no-such-kid"


# The kind of resource a path parameter names, by the path segment before it.
PARAMETER_KINDS = {
    "accounts": "account",
    "members": "member",
    "admins": "admin",
    "admin-clients": "admin-client",
    "groups": "group",
    "services": "service",
    "tokens": "token",
    "factors": "factor",
    "upstreams": "upstream",
    "keys": "key",
}


def path_parameters(path: str, targets: Targets) -> dict[str, str]:
    """Values for the `{…}` of `path`, from `targets`."""
    values = {}
    segments = path.split("/")
    for i, segment in enumerate(segments):
        m = re.fullmatch(r"\{([^}]+)\}", segment)
        if m:
            kind = PARAMETER_KINDS.get(segments[i - 1])
            assert kind, f"no kind of resource known for the parameter {segment} of {path}"
            values[m.group(1)] = targets.get(kind)
    return values


def fill(path: str, values: dict[str, str]) -> str:
    return re.sub(r"\{([^}]+)\}", lambda m: requests.utils.quote(values[m.group(1)], safe=""), path)


# --------------------------------------------------------------------------------------------
# Valid-looking requests from the document
# --------------------------------------------------------------------------------------------


def string_for(name: str, schema: dict, targets: Targets) -> str:
    """A plausible value for a string field named `name`."""
    hints = {
        "email": lambda: f"{unique('new')}.{targets.server.label}@example.org".lower(),
        "uid": lambda: targets.get("account"),
        "reason": lambda: "role matrix of the interop tests",
        "role": lambda: "auditor",
        "protocol": lambda: "cas",
        "kind": lambda: "oidc",
        "format": lambda: "csv",
        "name": lambda: unique("matrix"),
        "last_name": lambda: "Matrix",
        "first_name": lambda: "Rolf",
        "description": lambda: "made by the role matrix",
        "assurance": lambda: "MEDIUM",
        "first": lambda: "123456",
        "second": lambda: "654321",
        "content": lambda: "",
    }
    if name in hints:
        return hints[name]()
    fmt = schema.get("format")
    if fmt == "date-time":
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    if fmt in ("uri", "url") or name.endswith(("url", "uri")):
        return "https://sp.example.org/callback"
    return "x" * max(int(schema.get("minLength", 1)), 1)


def sample(spec: dict, schema: dict, targets: Targets, name: str = "") -> object:
    """A value valid by `schema` (its required fields only), with plausible strings."""
    schema = resolve(spec, schema)
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return next((v for v in schema["enum"] if v is not None), None)
    for combinator in ("oneOf", "anyOf"):
        if combinator in schema:
            options = [resolve(spec, o) for o in schema[combinator]]
            options = [o for o in options if o.get("type") != "null"] or options
            return sample(spec, options[0], targets, name)
    if "allOf" in schema:
        merged: dict = {"type": "object", "properties": {}, "required": []}
        for part in schema["allOf"]:
            part = resolve(spec, part)
            merged["properties"].update(part.get("properties", {}))
            merged["required"] += part.get("required", [])
        return sample(spec, merged, targets, name)
    kind = schema.get("type", "object" if "properties" in schema else "string")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object":
        props = schema.get("properties", {})
        return {k: sample(spec, props.get(k, {}), targets, k) for k in schema.get("required", [])}
    if kind == "array" and name in ARRAY_HINTS:
        return list(ARRAY_HINTS[name])
    if kind == "array":
        return [sample(spec, schema.get("items", {}), targets, name) for _ in range(int(schema.get("minItems", 0)))]
    if kind == "integer":
        return int(schema.get("minimum", 1))
    if kind == "number":
        return float(schema.get("minimum", 1))
    if kind == "boolean":
        return False
    if kind == "null":
        return None
    return string_for(name, schema, targets)


# Lists a valid request cannot leave empty.
ARRAY_HINTS = {
    "urls": ["http://127.0.0.1:9/matrix/*"],
    "redirect_uris": ["https://rp.example.org/callback"],
}


# Bodies that the help desk's and the admin's actions take, beyond what their schema requires:
# with them the call does what an operator would (a reason for the audit log).
EXTRA_BODY = {
    ("POST", "/accounts/{}/lock"): {"reason": "role matrix"},
    ("POST", "/accounts/{}/unlock"): {"reason": "role matrix"},
    ("POST", "/accounts/{}/password-reset"): {"reason": "role matrix"},
    ("POST", "/accounts/{}/factors/remove-all"): {"reason": "role matrix"},
    ("POST", "/accounts/{}/sessions/end"): {"reason": "role matrix"},
    ("PATCH", "/accounts/{}"): {"assurance": "MEDIUM", "reason": "role matrix"},
}


def build_request(spec: dict, method: str, path: str, op: dict, targets: Targets) -> dict:
    """requests.request keyword arguments for a valid-looking call of the operation."""
    kwargs: dict = {"headers": {}, "params": {}}
    for param in op.get("parameters", []):
        param = resolve(spec, param)
        where, name = param.get("in"), param["name"]
        if where == "header" and name.lower() == "if-match":
            kwargs["headers"]["If-Match"] = "*"  # any current version (RFC 9110 §13.1.1)
        elif where == "query" and param.get("required"):
            kwargs["params"][name] = sample(spec, param.get("schema", {}), targets, name)
    body = op.get("requestBody")
    if body is not None:
        content = resolve(spec, body).get("content", {})
        if "application/json" in content:
            value = sample(spec, content["application/json"].get("schema", {}), targets)
            if isinstance(value, dict):
                value.update(EXTRA_BODY.get(template_key(method, path), {}))
            kwargs["data"] = json.dumps(value)
            kwargs["headers"]["Content-Type"] = "application/json"
    if method in ("PATCH", "DELETE", "PUT"):
        kwargs["headers"].setdefault("If-Match", "*")
    return kwargs


# --------------------------------------------------------------------------------------------
# 3. The role matrix
# --------------------------------------------------------------------------------------------


def test_every_operation_called_by_each_role_follows_the_contract(world, spec, tmp_path):
    """For every operation of the document and each role: a forbidden role gets 403
    problem+json (before anything is done); an allowed one never 401, 403 or 5xx."""
    shared = Targets(world, tmp_path)
    wrong: list[str] = []
    seen: list[str] = []
    for method, path, op in operations(spec):
        key = template_key(method, path)
        if key not in CONTRACT:
            wrong.append(f"{method} {path}: not in the contract (see the test of the document)")
            continue
        # The forbidden roles first: their calls must change nothing the allowed ones need.
        for role in sorted(ROLES, key=lambda r: allowed(r, method, path)):
            may = allowed(role, method, path)
            targets = shared if (not may or method == "GET") else Targets(world, tmp_path)
            url = world.server.url(fill(path, path_parameters(path, targets)))
            kwargs = build_request(spec, method, path, op, targets)
            resp = world.client(role).request(method, url, **kwargs)
            seen.append(f"{role:9} {method:6} {path} → {resp.status_code}")
            if not may:
                problem = is_problem(resp, 403)
                if problem:
                    wrong.append(f"{role} {method} {path}: forbidden by the contract, but {problem}")
            elif resp.status_code in (401, 403) or resp.status_code >= 500:
                wrong.append(
                    f"{role} {method} {path}: allowed by the contract, but {resp.status_code} {resp.text[:300]}"
                )
            elif resp.status_code >= 400 and is_problem(resp, resp.status_code):
                wrong.append(f"{role} {method} {path}: {is_problem(resp, resp.status_code)}")
    print("\n".join(seen))
    assert not wrong, "\n".join(wrong)


# --------------------------------------------------------------------------------------------
# 4. ETags and If-Match
# --------------------------------------------------------------------------------------------


def test_an_update_needs_the_current_etag(world):
    admin = world.admin
    _email, uid = add_account(world.server, "etag")
    read = admin.get(f"/accounts/{uid}")
    assert read.status_code == 200, read.text
    first = read.headers.get("ETag")
    assert first and re.fullmatch(r'"[^"]+"', first), f"a strong ETag is expected: {first!r}"
    assert read.json()["assurance"] != "HIGH", read.json()
    # The same representation, the same ETag.
    assert admin.get(f"/accounts/{uid}").headers.get("ETag") == first

    changed = admin.patch(
        f"/accounts/{uid}", json={"assurance": "HIGH", "reason": "etag test"}, headers={"If-Match": first}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["assurance"] == "HIGH", changed.json()
    second = changed.headers.get("ETag")
    assert second and second != first, f"the ETag must change with the account: {first} → {second}"
    assert admin.get(f"/accounts/{uid}").headers.get("ETag") == second

    # Another admin still holding the first version: 412, nothing changed.
    stale = admin.patch(f"/accounts/{uid}", json={"assurance": "LOW"}, headers={"If-Match": first})
    assert is_problem(stale, 412) is None, is_problem(stale, 412)
    assert admin.get(f"/accounts/{uid}").json()["assurance"] == "HIGH"
    # No If-Match at all: 428 (RFC 6585 §3), nothing changed.
    blind = admin.patch(f"/accounts/{uid}", json={"assurance": "LOW"})
    assert is_problem(blind, 428) is None, is_problem(blind, 428)
    assert admin.get(f"/accounts/{uid}").json()["assurance"] == "HIGH"
    # An If-Match list holding the current one passes (RFC 9110 §13.1.1).
    listed = admin.patch(f"/accounts/{uid}", json={"assurance": "MEDIUM"}, headers={"If-Match": f'"nope", {second}'})
    assert listed.status_code == 200 and listed.json()["assurance"] == "MEDIUM", listed.text
    # Bad input is a problem, not a change: an unknown level, an unknown field.
    current = listed.headers["ETag"]
    bad = admin.patch(f"/accounts/{uid}", json={"assurance": "SUPREME"}, headers={"If-Match": current})
    assert is_problem(bad, 422) is None, is_problem(bad, 422)
    assert any(e.get("field") == "assurance" for e in bad.json().get("errors", [])), bad.json()
    bad = admin.patch(f"/accounts/{uid}", json={"colour": "blue"}, headers={"If-Match": current})
    assert is_problem(bad, 422) is None or is_problem(bad, 400) is None, bad.text
    bad = admin.patch(f"/accounts/{uid}", data="{", headers={"If-Match": current, "Content-Type": "application/json"})
    assert is_problem(bad, 400) is None, is_problem(bad, 400)
    bad = admin.patch(
        f"/accounts/{uid}", data="assurance=LOW", headers={"If-Match": current, "Content-Type": "text/plain"}
    )
    assert is_problem(bad, 415) is None, is_problem(bad, 415)
    assert admin.get(f"/accounts/{uid}").json()["assurance"] == "MEDIUM"


# --------------------------------------------------------------------------------------------
# 5. Pagination
# --------------------------------------------------------------------------------------------


def walk(client: AdminClient, path: str, params: dict) -> tuple[list[dict], list[int]]:
    """Every item of a list, following next_cursor: the items and each page's size."""
    items: list[dict] = []
    sizes: list[int] = []
    cursor = None
    for _ in range(1000):
        resp = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert resp.status_code == 200, resp.text
        page = resp.json()
        assert set(page) >= {"items", "next_cursor"}, page
        items += page["items"]
        sizes.append(len(page["items"]))
        cursor = page["next_cursor"]
        if cursor is None:
            return items, sizes
        assert isinstance(cursor, str) and cursor, page
    raise AssertionError(f"{path}: more than 1000 pages")


def test_pages_give_every_account_once(world):
    admin = world.admin
    tag = unique("pages").replace("-", "")
    made = {add_account(world.server, tag)[1] for _ in range(23)}
    assert len(made) == 23

    items, sizes = walk(admin, "/accounts", {"q": tag, "limit": 5})
    uids = [a["uid"] for a in items]
    assert sorted(uids) == sorted(made), f"the pages gave {uids}, made {sorted(made)}"
    assert len(uids) == len(set(uids)), "an account was given twice"
    assert all(s <= 5 for s in sizes) and sizes[:4] == [5, 5, 5, 5], sizes

    # Without a filter, the accounts are among all of them, once each.
    everything, _ = walk(admin, "/accounts", {"limit": 7})
    all_uids = [a["uid"] for a in everything]
    assert len(all_uids) == len(set(all_uids)), "an account was given twice"
    assert made <= set(all_uids)

    # A page exactly full: the next one is empty and the last.
    items, sizes = walk(admin, "/accounts", {"q": tag, "limit": 23})
    assert len(items) == 23 and sizes in ([23], [23, 0]), sizes

    # The bounds: a problem naming the parameter, not a 500.
    for params, field_name in (({"limit": 0}, "limit"), ({"limit": 201}, "limit"), ({"cursor": "x1"}, "cursor")):
        resp = admin.get("/accounts", params=params)
        assert is_problem(resp, 422) is None, f"{params}: {is_problem(resp, 422)}"
        assert any(e.get("field") == field_name for e in resp.json().get("errors", [])), resp.json()
    resp = admin.get("/accounts", params={"limit": "many"})
    assert resp.status_code in (400, 422) and is_problem(resp, resp.status_code) is None, resp.text
    assert admin.get("/accounts", params={"limit": 200}).status_code == 200


# --------------------------------------------------------------------------------------------
# 6. schemathesis
# --------------------------------------------------------------------------------------------


def fuzz_one(strategy, examples: int, calls: list, base_url: str, admin: AdminClient, checks: list):
    """A Hypothesis test of `examples` cases drawn from `strategy` (derandomised, not shrunk:
    the failing case is reported as found), each sent with the admin's token and checked."""
    from hypothesis import HealthCheck, Phase, given, settings

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        calls.append(case)
        case.call_and_validate(base_url=base_url, headers=admin.headers(), checks=checks, timeout=HTTP_TIMEOUT)

    return run


def test_schemathesis_finds_no_server_error_and_every_answer_is_documented(world, spec, tmp_path):
    import schemathesis
    from schemathesis import GenerationMode
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    schema = schemathesis.openapi.from_dict(spec)
    admin = world.admin
    failures: list[str] = []
    counts: dict[str, int] = {}

    # The harness itself: a document that lies about /me (its answer would need a field it
    # does not have) must make the checks fail, or a green run would mean nothing.
    lying = json.loads(json.dumps(spec))
    me_ok = lying["paths"][f"{API}/me"]["get"]["responses"]["200"]["content"]["application/json"]
    me_ok["schema"] = {"type": "object", "required": ["not_a_field_of_me"]}
    probe = schemathesis.openapi.from_dict(lying)[f"{API}/me"]["GET"]
    try:
        fuzz_one(probe.as_strategy(), 3, [], world.server.base_url, admin, checks)()
    except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - schemathesis raises a FailureGroup
        found = "".join(traceback.format_exception(exc))
        assert "not_a_field_of_me" in found, f"the lying document failed for another reason:\n{found}"
    else:
        raise AssertionError("schemathesis did not notice that /me does not answer as the lying document says")

    for result in schema.get_all_operations():
        try:
            operation = result.ok()
        except Exception as exc:  # noqa: BLE001 - an operation schemathesis cannot read
            failures.append(f"schemathesis cannot read an operation: {exc}")
            continue
        label = f"{operation.method.upper()} {operation.path}"
        has_path_params = "{" in operation.path
        runs = [(GenerationMode.POSITIVE, EXAMPLES_GENERATED if has_path_params else EXAMPLES_REAL_TARGETS, None)]
        if has_path_params:
            # Resources of this operation's own (never the callers' clients): what its requests
            # change or delete is theirs.
            targets = Targets(world, tmp_path)
            runs.append((GenerationMode.POSITIVE, EXAMPLES_REAL_TARGETS, path_parameters(operation.path, targets)))
        runs.append((GenerationMode.NEGATIVE, EXAMPLES_NEGATIVE, None))
        for mode, examples, fixed in runs:
            strategy = operation.as_strategy(generation_mode=mode, path_parameters=fixed)
            calls: list = []
            run = fuzz_one(strategy, examples, calls, world.server.base_url, admin, checks)
            try:
                run()
            except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - reported with the others below
                case = calls[-1] if calls else None
                curl = case.as_curl_command() if case is not None else "?"
                failures.append(f"{label} ({mode.value}{', real targets' if fixed else ''}):\n{exc}\n  {curl}")
            counts[label] = counts.get(label, 0) + len(calls)

    print("\n".join(f"{n:4} requests  {label}" for label, n in sorted(counts.items())))
    assert counts, "schemathesis found no operation"
    assert not failures, f"{len(failures)} failing operation(s):\n\n" + "\n\n".join(failures)
    # The server survived it all.
    assert world.server.alive(), "limen serve died during the schemathesis run"


# --------------------------------------------------------------------------------------------
# 7. The audit log as the API shows it
# --------------------------------------------------------------------------------------------

REASON = "Caller verified by phone, ticket HD-4711"


def test_an_api_action_is_audited_with_the_client_and_the_reason(world):
    helpdesk, auditor = world.client("helpdesk"), world.client("auditor")
    email, uid = add_account(world.server, "audited")
    world.server.cli("--database", world.server.database_url, "user", "lock", email)
    done = helpdesk.post(f"/accounts/{uid}/unlock", json={"reason": REASON})
    assert done.status_code == 200, done.text
    assert done.json()["account"]["status"] != "locked", done.json()

    # The help desk may not read the audit log; the auditor may.
    assert is_problem(helpdesk.get("/audit"), 403) is None
    found = auditor.get("/audit", params={"uid": uid, "event": "account.unlocked"})
    assert found.status_code == 200, found.text
    items = found.json()["items"]
    assert len(items) == 1, items
    entry = items[0]
    assert entry["uid"] == uid, entry
    assert entry["actor"] == f"client:{helpdesk.client_id}", entry
    assert entry["detail"].get("justification") == REASON, entry
    # Filters that exclude it.
    for params in ({"actor": "cli"}, {"event": "account.locked"}, {"uid": "no-such-uid"}):
        other = auditor.get("/audit", params={"uid": uid, **params} if "uid" not in params else params)
        assert other.status_code == 200, other.text
        assert all(e["id"] != entry["id"] for e in other.json()["items"]), (params, other.json())
    bad = auditor.get("/audit", params={"since": "yesterday"})
    assert is_problem(bad, 422) is None, is_problem(bad, 422)

    # The chain still verifies.
    report = auditor.get("/audit/verify")
    assert report.status_code == 200, report.text


def test_the_audit_export_is_csv_or_json_lines(world):
    import csv
    import io

    auditor = world.client("auditor")
    email, uid = add_account(world.server, "exported")
    world.server.cli("--database", world.server.database_url, "user", "lock", email)
    assert world.admin.post(f"/accounts/{uid}/unlock", json={"reason": REASON}).status_code == 200

    jsonl = auditor.get("/audit/export", params={"format": "jsonl", "uid": uid})
    assert jsonl.status_code == 200, jsonl.text
    assert jsonl.headers["Content-Type"].split(";")[0] == "application/x-ndjson", jsonl.headers
    assert jsonl.headers.get("Content-Disposition", "").startswith("attachment"), jsonl.headers
    lines = [json.loads(line) for line in jsonl.text.splitlines() if line.strip()]
    unlocked = [e for e in lines if e["event"] == "account.unlocked"]
    assert len(unlocked) == 1 and unlocked[0]["detail"].get("justification") == REASON, lines

    as_csv = auditor.get("/audit/export", params={"format": "csv", "uid": uid})
    assert as_csv.status_code == 200, as_csv.text
    assert as_csv.headers["Content-Type"].split(";")[0] == "text/csv", as_csv.headers
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert [r["event"] for r in rows] == [e["event"] for e in lines], (rows, lines)
    assert any(REASON in json.dumps(r) for r in rows), rows

    bad = auditor.get("/audit/export", params={"format": "xml"})
    assert bad.status_code in (400, 422) and is_problem(bad, bad.status_code) is None, bad.text
