"""The admin API and console (issue 21) as an outside client sees them: a `limen serve` of its
own, OpenID Connect clients granted a role with `limen admin client grant`, access tokens from
the client credentials grant (RFC 6749 §4.4) at /oidc/token, and requests to /admin/api/v1 with
`Authorization: Bearer` (RFC 6750 §2.1).

Used by test_admin_api.py and test_admin_browser.py. Who may do what is written once, in
CONTRACT and ROLE_CAPABILITIES below, from the contract the endpoints are built to
(docs/ADMIN.md §2; limen_core::AdminRole): the tests compare the running server with it.
"""

from __future__ import annotations

import itertools
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from limen_interop import HTTP_TIMEOUT, LimenServer, running_limen
from oidc_support import register_client

API = "/admin/api/v1"
PROBLEM_JSON = "application/problem+json"
ROLES = ("admin", "helpdesk", "auditor")

# --------------------------------------------------------------------------------------------
# Who may do what
# --------------------------------------------------------------------------------------------

# limen_core::Capability, by role (limen_core::AdminRole::may): admin may do everything; the
# help desk reads accounts and does the help-desk actions; the auditor reads accounts, the
# registry and the audit log, and changes nothing.
ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    "admin": frozenset(
        {"ReadAccounts", "Helpdesk", "ManageAccounts", "ReadRegistry", "ManageRegistry", "ReadAudit", "ManageAdmins"}
    ),
    "helpdesk": frozenset({"ReadAccounts", "Helpdesk"}),
    "auditor": frozenset({"ReadAccounts", "ReadRegistry", "ReadAudit"}),
}

# Every endpoint of the contract: (method, path under /admin/api/v1 with its parameters as
# `{}`) → the capability it needs (None: any role). Path parameter names are left out so that
# the table does not depend on how a handler names them.
CONTRACT: dict[tuple[str, str], str | None] = {
    ("GET", "/me"): None,
    # Accounts
    ("GET", "/accounts"): "ReadAccounts",
    ("POST", "/accounts"): "ManageAccounts",
    ("GET", "/accounts/{}"): "ReadAccounts",
    ("PATCH", "/accounts/{}"): "ManageAccounts",
    ("DELETE", "/accounts/{}"): "ManageAccounts",
    ("POST", "/accounts/{}/lock"): "ManageAccounts",
    ("POST", "/accounts/{}/unlock"): "Helpdesk",
    ("POST", "/accounts/{}/password-reset"): "Helpdesk",
    ("GET", "/accounts/{}/factors"): "ReadAccounts",
    ("DELETE", "/accounts/{}/factors/{}"): "Helpdesk",
    ("POST", "/accounts/{}/factors/remove-all"): "Helpdesk",
    ("GET", "/accounts/{}/sessions"): "ReadAccounts",
    ("POST", "/accounts/{}/sessions/end"): "Helpdesk",
    ("GET", "/accounts/{}/groups"): "ReadAccounts",
    # Groups
    ("GET", "/groups"): "ReadAccounts",
    ("POST", "/groups"): "ManageAccounts",
    ("GET", "/groups/{}"): "ReadAccounts",
    ("PATCH", "/groups/{}"): "ManageAccounts",
    ("DELETE", "/groups/{}"): "ManageAccounts",
    ("GET", "/groups/{}/members"): "ReadAccounts",
    ("PUT", "/groups/{}/members/{}"): "ManageAccounts",
    ("DELETE", "/groups/{}/members/{}"): "ManageAccounts",
    # Who holds a role
    ("GET", "/admins"): "ManageAdmins",
    ("PUT", "/admins/{}"): "ManageAdmins",
    ("DELETE", "/admins/{}"): "ManageAdmins",
    ("PUT", "/admin-clients/{}"): "ManageAdmins",
    ("DELETE", "/admin-clients/{}"): "ManageAdmins",
    # The registry
    ("GET", "/services"): "ReadRegistry",
    ("POST", "/services"): "ManageRegistry",
    ("GET", "/services/{}"): "ReadRegistry",
    ("PATCH", "/services/{}"): "ManageRegistry",
    ("DELETE", "/services/{}"): "ManageRegistry",
    ("POST", "/services/{}/secret"): "ManageRegistry",
    ("GET", "/keys"): "ReadRegistry",
    ("POST", "/keys/rotate"): "ManageRegistry",
    ("GET", "/upstreams"): "ReadRegistry",
    ("GET", "/upstreams/{}"): "ReadRegistry",
    ("GET", "/policy"): "ReadRegistry",
    # Hardware tokens
    ("GET", "/tokens"): "ReadAccounts",
    ("GET", "/tokens/{}"): "ReadAccounts",
    ("POST", "/tokens/import"): "ManageAccounts",
    ("POST", "/tokens/{}/assign"): "ManageAccounts",
    ("POST", "/tokens/{}/unassign"): "ManageAccounts",
    ("DELETE", "/tokens/{}"): "ManageAccounts",
    ("POST", "/tokens/{}/resync"): "Helpdesk",
    ("POST", "/tokens/{}/unlock"): "Helpdesk",
    ("POST", "/tokens/{}/lock"): "Helpdesk",
    # The audit log
    ("GET", "/audit"): "ReadAudit",
    ("GET", "/audit/export"): "ReadAudit",
    ("GET", "/audit/verify"): "ReadAudit",
    ("GET", "/stats"): "ReadAudit",
}


def template_key(method: str, path: str) -> tuple[str, str]:
    """("get", "/admin/api/v1/accounts/{uid}") → ("GET", "/accounts/{}")."""
    assert path.startswith(API), f"{path} is not under {API}"
    return method.upper(), re.sub(r"\{[^}]*\}", "{}", path[len(API) :])


def allowed(role: str, method: str, path: str) -> bool:
    """Whether `role` may call the operation, by the contract (KeyError: not in the contract)."""
    capability = CONTRACT[template_key(method, path)]
    return capability is None or capability in ROLE_CAPABILITIES[role]


# --------------------------------------------------------------------------------------------
# Clients of the API
# --------------------------------------------------------------------------------------------

_names = itertools.count(1)


def unique(tag: str) -> str:
    """A name no other call of this process uses."""
    return f"{tag}-{os.getpid()}-{next(_names)}"


@dataclass
class AdminClient:
    """A confidential OpenID Connect client granted an admin role; its access tokens come from
    the client credentials grant and are fetched again before they expire."""

    server: LimenServer
    role: str
    service: str
    client_id: str
    client_secret: str
    _token: str | None = None
    _expires: float = 0.0

    def fetch_token(self, **extra: str) -> requests.Response:
        """POST /oidc/token, grant_type=client_credentials, client_secret_basic (RFC 6749 §2.3.1)."""
        return requests.post(
            self.server.url("/oidc/token"),
            data={"grant_type": "client_credentials", **extra},
            auth=(self.client_id, self.client_secret),
            timeout=HTTP_TIMEOUT,
        )

    def token(self) -> str:
        if self._token is None or time.monotonic() > self._expires:
            resp = self.fetch_token()
            assert resp.status_code == 200, f"client credentials grant for {self.role}: {resp.status_code} {resp.text}"
            body = resp.json()
            assert body.get("token_type", "").lower() == "bearer", body
            self._token = body["access_token"]
            # Fetched again a minute before it expires.
            self._expires = time.monotonic() + max(float(body.get("expires_in", 60)) - 60, 5)
        return self._token

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token()}"}

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        """`method` on /admin/api/v1`path`, with this client's token (and `headers` added)."""
        headers = {**self.headers(), **kwargs.pop("headers", {})}
        url = path if path.startswith("http") else self.server.url(API + path)
        return requests.request(method, url, headers=headers, timeout=HTTP_TIMEOUT, allow_redirects=False, **kwargs)

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def patch(self, path: str, **kwargs) -> requests.Response:
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs) -> requests.Response:
        return self.request("DELETE", path, **kwargs)


def grant_client(server: LimenServer, role: str, tag: str = "api") -> AdminClient:
    """`limen service add --protocol oidc` (a confidential client), then
    `limen admin client grant NAME --role ROLE`."""
    client = register_client(server, f"admin {role} {tag}")
    assert client.client_secret, "a confidential client has a secret"
    server.cli("--database", server.database_url, "admin", "client", "grant", client.name, "--role", role)
    return AdminClient(server, role, client.name, client.client_id, client.client_secret)


def add_account(server: LimenServer, tag: str, password: str | None = None, **flags: str) -> tuple[str, str]:
    """`limen user add` (with a password read from stdin when given, else a pending account):
    its e-mail address and the uid the command printed."""
    email = f"{unique(tag)}.{server.label}@example.org".lower()
    args = ["--database", server.database_url, "user", "add", "--email", email, "--last-name", "Admintest"]
    for flag, value in flags.items():
        args += [f"--{flag.replace('_', '-')}", value]
    if password is not None:
        args.append("--password-stdin")
    out = server.cli(*args, stdin=(password + "\n") if password is not None else None).stdout
    found = re.search(r"\buid=(\S+)", out)
    assert found, f"no uid=… in the output of `limen user add`:\n{out}"
    return email, found.group(1)


def is_problem(resp: requests.Response, status: int) -> str | None:
    """None when `resp` is the problem+json of `status` (RFC 9457 §3), else what is wrong."""
    kind = resp.headers.get("Content-Type", "").split(";")[0].strip()
    if resp.status_code != status:
        return f"status {resp.status_code}, not {status}: {resp.text[:300]}"
    if kind != PROBLEM_JSON:
        return f"Content-Type {kind!r}, not {PROBLEM_JSON}"
    try:
        body = resp.json()
    except ValueError:
        return f"not JSON: {resp.text[:300]}"
    if body.get("status") != status or not isinstance(body.get("title"), str) or not body.get("type"):
        return f"not a problem of status {status}: {body}"
    return None


# --------------------------------------------------------------------------------------------
# A server of its own
# --------------------------------------------------------------------------------------------


@dataclass
class AdminWorld:
    server: LimenServer
    clients: dict[str, AdminClient] = field(default_factory=dict)

    def client(self, role: str) -> AdminClient:
        if role not in self.clients:
            self.clients[role] = grant_client(self.server, role)
        return self.clients[role]

    @property
    def admin(self) -> AdminClient:
        return self.client("admin")


def admin_world(request, tmp_path_factory, label: str, public_host: str = "127.0.0.1"):
    """For a module fixture parametrised with the backend: a `limen serve` on a fresh database
    (SQLite, or PostgreSQL when LIMEN_TEST_PG is set) and its admin clients, one per role."""
    backend = request.param
    if backend == "postgres" and not os.environ.get("LIMEN_TEST_PG"):
        pytest.skip("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
    workdir: Path = tmp_path_factory.mktemp(f"{label}-{backend}")
    with running_limen(backend, workdir, public_host=public_host) as server:
        yield AdminWorld(server)
