"""A small EU Login client for the interop tests, written from the published behaviour of EU Login
clients — the EC's ECAS client parameters (EU Login's ticket-validation WSDL: `service`, `ticket`,
`pgtUrl`, `renew`, `groups`, `userDetails`, `ticketTypes`, `assuranceLevel`, `acceptStrengths`,
`authenticationLevel`), the login transaction and response handling of the open-source ecphp
libraries (ecphp/ecas, ecphp/cas-lib) — and from EU Login's response schema
(tests/interop/schemas/ecas.xsd), never from Limen's code.

What it does, as those clients do:

- `login_init(service, **params)`: `POST /cas/login/init` with the login parameters, parses the
  `<cas:loginRequest>` answer (schema-validated) and returns the `loginRequestId`, which the browser
  then takes to `/cas/login?loginRequestId=…` (the only query parameter: ecphp/ecas replaces the
  login URL's query with it).
- `validate(endpoint, service, ticket, **params)`: `GET /cas/<endpoint>` and parses the answer, XML
  or JSON (`format=JSON`). Every EU Login-format XML document is validated against ecas.xsd with
  `xmllint`; every JSON answer is checked against the contract's JSON shape.

Both formats are normalised to the same Python shape (the JSON one): `{"user": "...", "groups":
{"number": 2, "group": [...]}, "strengths": {"number": 1, "strength": [...]}, "sso": False, ...}`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import pytest
import requests

from limen_interop import HTTP_TIMEOUT, Browser, LimenServer, User, login_form, ticket_from_location

ECAS_NS = "https://ecas.ec.europa.eu/cas/schemas"
CAS_NS = "http://www.yale.edu/tp/cas"
SCHEMA = Path(__file__).resolve().parent / "schemas" / "ecas.xsd"

# CAS 3.0 §3.7 (service/proxy tickets) and §3.3/§3.4 (PGT, PGTIOU): after the prefix, only
# A-Z a-z 0-9; Limen issues 43 of them (256 bits).
TICKET_RE = re.compile(r"^(ST|PT|PGT|PGTIOU)-[A-Za-z0-9]{43}$")
# The login-request ids: the same alphabet, at least 128 bits after the prefix (issue 13, item 1).
LOGIN_REQUEST_ID_RE = re.compile(r"^LR-[A-Za-z0-9]{22,}$")

# EU Login's validation endpoints and the identity assurance each one requires (0/10/20/30/40).
EULOGIN_ENDPOINTS = {
    "laxValidate": 10,
    "sponsorValidate": 20,
    "interinstitutionalValidate": 30,
    "strictValidate": 40,
    "TicketValidationService": 10,  # an alias of laxValidate
}

# The children of authenticationSuccess in the schema's order (ecas.xsd, authenticationSuccessType),
# the user details first (the optional `userDetails` sequence, which ends with the required `uid`).
USER_DETAILS = [
    "registrationLevelVersion",
    "departmentNumber",
    "email",
    "employeeNumber",
    "employeeType",
    "firstName",
    "lastName",
    "domain",
    "domainUsername",
    "telephoneNumber",
    "userManager",
    "timeZone",
    "locale",
    "assuranceLevel",
    "uid",
    "orgId",
    "teleworkingPriority",
    "extendedAttributes",
]
SUCCESS_ORDER = [
    "user",
    *USER_DETAILS,
    "groups",
    "authenticationLevel",
    "strengths",
    "authenticationFactors",
    "loginDate",
    "sso",
    "ticketType",
    "proxyGrantingProtocol",
    "proxyGrantingTicket",
    "proxies",
]
# Containers and the name of their items.
LISTS = {"groups": "group", "strengths": "strength", "proxies": "proxy"}
FACTOR_KINDS = {
    "mobilePhoneNumber",
    "moniker",
    "storkId",
    "tokenCramId",
    "tokenId",
    "mobileDevice",
    "webAuthnDevice",
}
FAILURE_CODES = {
    "INVALID_TICKET",
    "INVALID_SERVICE",
    "INVALID_REQUEST",
    "INVALID_USER",
    "INVALID_STRENGTH",
    "INSUFFICIENT_AUTHENTICATION_LEVEL",
    # Published codes Limen's contract does not use at validation, valid all the same.
    "INVALID_PROXY_CALLBACK_URL",
    "INTERNAL_ERROR",
    "BAD_PGT",
    "ECAS_PROXY_COMMUNICATION_ERROR",
    "ACCESSED_DENIED",
}
STRENGTHS = {
    "BASIC",
    "CLIENT_CERT",
    "PASSWORD",
    "PASSWORD_SMS",
    "PASSWORD_TOKEN",
    "PASSWORD_TOKEN_CRAM",
    "PASSWORD_SOFTWARE_TOKEN",
    "PASSWORD_MOBILE_APP",
    "MOBILE_APP",
    "MDM_CERT",
    "SOCIAL_NETWORKS",
    "STORK",
    "WINDOWS",
    "STRONG",
    "STRONG_SMS",
    "STRONG_TOKEN",
    "NTLM",
    "PASSWORD_WEBAUTHN",
    "EIDAS",
}
AUTHENTICATION_LEVELS = ("BASIC", "MEDIUM", "HIGH")
ASSURANCE_LEVELS = (0, 10, 20, 30, 40)


# --------------------------------------------------------------------------------------------
# xmllint and the schema
# --------------------------------------------------------------------------------------------


def in_ci() -> bool:
    value = os.environ.get("CI", "")
    return value not in ("", "0", "false")


def xmllint() -> str:
    """The xmllint binary; without it the tests fail in CI and are skipped elsewhere."""
    path = shutil.which("xmllint")
    if path:
        return path
    message = (
        "xmllint is not installed (Debian package libxml2-utils): the EU Login responses cannot be "
        "validated against tests/interop/schemas/ecas.xsd"
    )
    if in_ci():
        pytest.fail(message + " — required in CI (scripts/test installs it)", pytrace=False)
    pytest.skip(message)
    raise AssertionError("unreachable")


def schema_errors(document: str | bytes) -> str | None:
    """Runs `xmllint --noout --nonet --schema ecas.xsd` on the document: None when it validates,
    xmllint's report otherwise."""
    data = document.encode() if isinstance(document, str) else document
    with tempfile.NamedTemporaryFile(prefix="eulogin-", suffix=".xml", delete=False) as tmp:
        tmp.write(data)
        name = tmp.name
    try:
        proc = subprocess.run(
            [xmllint(), "--noout", "--nonet", "--schema", str(SCHEMA), name],
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        os.unlink(name)
    if proc.returncode == 0:
        return None
    return f"xmllint exit status {proc.returncode}:\n{proc.stderr.strip()}"


def assert_schema_valid(document: str | bytes, what: str) -> None:
    errors = schema_errors(document)
    text = document.decode(errors="replace") if isinstance(document, bytes) else document
    assert errors is None, f"{what}: not valid against ecas.xsd\n{errors}\n--- document ---\n{text}"


# --------------------------------------------------------------------------------------------
# Tickets
# --------------------------------------------------------------------------------------------

TICKETS_SEEN: list[str] = []


def check_ticket(ticket: str, prefix: str | None = None) -> str:
    """Asserts CAS 3.0 §3.7's alphabet (and the prefix); records the ticket."""
    assert TICKET_RE.match(ticket), f"ticket {ticket!r} does not match {TICKET_RE.pattern}"
    if prefix is not None:
        assert ticket.startswith(prefix + "-"), f"expected a {prefix} ticket, got {ticket!r}"
    TICKETS_SEEN.append(ticket)
    return ticket


# --------------------------------------------------------------------------------------------
# clientFingerprint, as ecphp/ecas makes it
# --------------------------------------------------------------------------------------------


def ecphp_fingerprint() -> tuple[str, str]:
    """(the value presented at validation, the value sent to /cas/login/init). ecphp/ecas draws 21
    random bytes per login, keeps Base64(bytes) in the browser's `clientFingerprint` cookie, sends
    Base64(SHA-1(SHA-1(bytes))) (raw digests) with the login request, and at validation the
    cookie's value."""
    raw = os.urandom(21)
    at_validation = base64.b64encode(raw).decode()
    at_init = base64.b64encode(hashlib.sha1(hashlib.sha1(raw).digest()).digest()).decode()
    return at_validation, at_init


# --------------------------------------------------------------------------------------------
# Parsed answers
# --------------------------------------------------------------------------------------------


@dataclass
class Validation:
    """One answer of a validation endpoint, in either format."""

    url: str
    http_status: int
    content_type: str
    format: str  # "XML" or "JSON"
    body: str
    namespace: str | None = None  # XML: the root's namespace
    root: dict[str, str] = field(default_factory=dict)  # server, date, version
    success: dict | None = None  # normalised authenticationSuccess
    order: list[str] = field(default_factory=list)  # its children (XML) or keys (JSON), in order
    failure_code: str | None = None
    failure_message: str | None = None

    @property
    def ok(self) -> bool:
        return self.success is not None

    @property
    def user(self) -> str | None:
        return self.success["user"] if self.success else None

    def expect_success(self) -> dict:
        assert self.success is not None, (
            f"{self.url}: expected a success, got {self.failure_code}: {self.failure_message}\n{self.body}"
        )
        return self.success

    def expect_failure(self, code: str) -> None:
        assert self.success is None, f"{self.url}: expected failure {code}, got a success:\n{self.body}"
        assert self.failure_code == code, f"{self.url}: expected {code}, got {self.failure_code}:\n{self.body}"
        assert self.failure_message, f"{self.url}: failure {code} without a message:\n{self.body}"


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def namespace_of(tag: str) -> str | None:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else None


def parse_datetime(value: str, what: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise AssertionError(f"{what}: {value!r} is not an ISO 8601 / xsd:dateTime value") from exc
    assert parsed.tzinfo is not None, f"{what}: {value!r} has no time zone"
    return parsed


def _xml_success(element: ET.Element) -> tuple[dict, list[str]]:
    out: dict = {}
    order: list[str] = []
    for child in element:
        name = local(child.tag)
        assert namespace_of(child.tag) == ECAS_NS, f"{name} is not in the EU Login namespace"
        assert name not in out, f"{name} appears twice in authenticationSuccess"
        order.append(name)
        if name in LISTS:
            item = LISTS[name]
            items = []
            for sub in child:
                assert local(sub.tag) == item, f"<{local(sub.tag)}> inside <{name}>"
                items.append(sub.text or "")
            number = child.get("number")
            out[name] = {"number": int(number) if number is not None else None, item: items}
        elif name == "authenticationFactors":
            factors: dict = {"number": int(child.get("number", "-1"))}
            for sub in child:
                factors.setdefault(local(sub.tag), []).append(sub.text or "")
            out[name] = factors
        elif name == "sso":
            assert child.text in ("true", "false"), f"sso {child.text!r}"
            out[name] = child.text == "true"
        elif name == "assuranceLevel":
            out[name] = int(child.text or "")
        else:
            assert len(child) == 0, f"<{name}> has child elements"
            out[name] = child.text or ""
    return out, order


def parse_xml(url: str, resp: requests.Response) -> Validation:
    body = resp.text
    v = Validation(url, resp.status_code, resp.headers.get("Content-Type", ""), "XML", body)
    root = ET.fromstring(resp.content)
    v.namespace = namespace_of(root.tag)
    assert local(root.tag) == "serviceResponse", f"{url}: root element {root.tag}:\n{body}"
    v.root = dict(root.attrib)
    children = list(root)
    assert len(children) == 1, f"{url}: serviceResponse has {len(children)} children:\n{body}"
    child = children[0]
    kind = local(child.tag)
    if kind == "authenticationSuccess":
        if v.namespace == ECAS_NS:
            v.success, v.order = _xml_success(child)
        else:  # CAS 3.0: user and cas:attributes
            v.success = {local(c.tag): (c.text or "") for c in child if local(c.tag) != "attributes"}
            attributes = child.find(f"{{{CAS_NS}}}attributes")
            if attributes is not None:
                v.success["attributes"] = {local(a.tag): a.text or "" for a in attributes}
            v.order = [local(c.tag) for c in child]
    elif kind == "authenticationFailure":
        v.failure_code = child.get("code")
        v.failure_message = (child.text or "").strip()
    else:
        raise AssertionError(f"{url}: unexpected <{kind}>:\n{body}")
    return v


def _is_str_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) for x in value)


def check_json_shape(doc, url: str) -> None:
    """The contract's JSON form: {"serviceResponse": {server, date, version, and exactly one of
    authenticationSuccess / authenticationFailure}}, with the schema's names and types."""
    where = f"{url}: JSON {json.dumps(doc, ensure_ascii=False)[:3000]}"
    assert isinstance(doc, dict) and list(doc) == ["serviceResponse"], where
    sr = doc["serviceResponse"]
    assert isinstance(sr, dict), where
    for attr in ("server", "date", "version"):
        assert isinstance(sr.get(attr), str) and sr[attr], f"serviceResponse.{attr} missing or empty; {where}"
    outcomes = [k for k in ("authenticationSuccess", "authenticationFailure") if k in sr]
    assert len(outcomes) == 1, f"exactly one outcome expected; {where}"
    assert set(sr) == {"server", "date", "version", outcomes[0]}, f"unexpected keys {sorted(sr)}; {where}"
    if outcomes[0] == "authenticationFailure":
        failure = sr["authenticationFailure"]
        assert isinstance(failure, dict) and set(failure) == {"code", "description"}, where
        assert failure["code"] in FAILURE_CODES, f"unknown failure code {failure['code']!r}; {where}"
        assert isinstance(failure["description"], str), where
        return
    s = sr["authenticationSuccess"]
    assert isinstance(s, dict), where
    unknown = set(s) - set(SUCCESS_ORDER)
    assert not unknown, f"names outside the EU Login schema: {sorted(unknown)}; {where}"
    for name, value in s.items():
        if name in LISTS:
            item = LISTS[name]
            assert isinstance(value, dict) and set(value) <= {"number", item}, f"{name}: {value!r}; {where}"
            assert isinstance(value.get("number"), int) and not isinstance(value["number"], bool), (
                f"{name}.number must be a JSON number; {where}"
            )
            assert _is_str_list(value.get(item, [])), f"{name}.{item} must be a list of strings; {where}"
        elif name == "authenticationFactors":
            assert isinstance(value, dict) and isinstance(value.get("number"), int), f"{name}: {value!r}; {where}"
            for kind, items in value.items():
                if kind != "number":
                    assert kind in FACTOR_KINDS, f"unknown factor {kind!r}; {where}"
                    assert _is_str_list(items), f"authenticationFactors.{kind} must be a list of strings; {where}"
        elif name == "sso":
            assert isinstance(value, bool), f"sso must be a JSON boolean; {where}"
        elif name == "assuranceLevel":
            assert (isinstance(value, int) and not isinstance(value, bool)) or (
                isinstance(value, str) and value.isdigit()
            ), f"assuranceLevel {value!r}; {where}"
        else:
            assert isinstance(value, str), f"{name} must be a string; {where}"


def parse_json(url: str, resp: requests.Response) -> Validation:
    body = resp.text
    v = Validation(url, resp.status_code, resp.headers.get("Content-Type", ""), "JSON", body)
    try:
        doc = json.loads(body)
    except ValueError as exc:
        raise AssertionError(f"{url}: not JSON:\n{body}") from exc
    check_json_shape(doc, url)
    sr = doc["serviceResponse"]
    v.root = {k: sr[k] for k in ("server", "date", "version")}
    if "authenticationFailure" in sr:
        v.failure_code = sr["authenticationFailure"]["code"]
        v.failure_message = sr["authenticationFailure"]["description"].strip()
        return v
    success = dict(sr["authenticationSuccess"])
    v.order = list(success)
    if "assuranceLevel" in success:
        success["assuranceLevel"] = int(success["assuranceLevel"])
    for name, item in LISTS.items():
        if name in success:
            success[name] = {"number": success[name]["number"], item: list(success[name].get(item, []))}
    v.success = success
    return v


def check_eulogin_success(v: Validation) -> None:
    """What the schema cannot say, for both formats."""
    s = v.success
    assert s is not None
    where = f"{v.url}:\n{v.body}"
    assert isinstance(s.get("user"), str) and len(s["user"]) >= 7, f"user {s.get('user')!r}; {where}"
    details = [n for n in USER_DETAILS if n in s]
    if details:
        assert "uid" in s, f"user details {details} without uid (the schema requires it); {where}"
    if "uid" in s:
        assert s["uid"] == s["user"], f"uid {s['uid']!r} is not user {s['user']!r}; {where}"
    for name, item in LISTS.items():
        if name in s:
            items = s[name][item]
            assert s[name]["number"] == len(items), (
                f"{name} number={s[name]['number']} with {len(items)} items; {where}"
            )
            assert len(set(items)) == len(items), f"{name}: duplicates {items}; {where}"
    assert "strengths" in s, f"no strengths (required by the schema); {where}"
    assert s["strengths"]["number"] >= 1, where
    assert set(s["strengths"]["strength"]) <= STRENGTHS, where
    if "groups" in s:
        groups = s["groups"]["group"]
        assert groups == sorted(groups), f"groups not sorted: {groups}; {where}"
    if "authenticationFactors" in s:
        factors = s["authenticationFactors"]
        total = sum(len(items) for kind, items in factors.items() if kind != "number")
        assert factors["number"] == total, f"authenticationFactors number={factors['number']} with {total}; {where}"
    if "authenticationLevel" in s:
        assert s["authenticationLevel"] in AUTHENTICATION_LEVELS, where
    if "assuranceLevel" in s:
        assert s["assuranceLevel"] in ASSURANCE_LEVELS, where
    if "loginDate" in s:
        login_date = parse_datetime(s["loginDate"], "loginDate")
        answer_date = parse_datetime(v.root["date"], "serviceResponse date")
        assert login_date <= answer_date, f"loginDate {login_date} after the answer's date {answer_date}; {where}"
    assert isinstance(s.get("sso"), bool), f"no sso (required by the schema); {where}"
    if "ticketType" in s:
        assert s["ticketType"] in ("SERVICE", "PROXY"), where
    if "proxyGrantingTicket" in s:
        check_ticket(s["proxyGrantingTicket"], "PGTIOU")


def check_root(v: Validation) -> None:
    where = f"{v.url}:\n{v.body}"
    assert v.root.get("server", "").startswith("Limen"), f"server {v.root.get('server')!r}; {where}"
    assert v.root.get("version"), f"no version; {where}"
    date = parse_datetime(v.root.get("date", ""), "serviceResponse date")
    assert date.utcoffset().total_seconds() == 0, f"date {v.root['date']!r} is not UTC; {where}"
    age = abs((datetime.now(UTC) - date).total_seconds())
    assert age < 300, f"date {v.root['date']!r} is {age:.0f} s away from now; {where}"


# --------------------------------------------------------------------------------------------
# The client
# --------------------------------------------------------------------------------------------


@dataclass
class LoginRequest:
    http_status: int
    body: str
    login_request_id: str | None = None
    failure_code: str | None = None
    failure_message: str | None = None


class EuLoginClient:
    """An EU Login client application's server side: login transactions and ticket validation."""

    def __init__(self, server: LimenServer):
        self.server = server
        self.http = requests.Session()

    # Login transactions ---------------------------------------------------------------------
    def login_init(self, service: str, *, raw_body: bool = False, **params: str) -> LoginRequest:
        """POST /cas/login/init with the login parameters. `raw_body=True` sends them as ecphp/ecas
        does: the login URL's query string as the body, without a Content-Type header."""
        url = self.server.url("/cas/login/init")
        fields = {"service": service, **params}
        if raw_body:
            # requests sets no Content-Type for a bytes body.
            body = urlencode(fields).encode()
            resp = self.http.post(url, data=body, allow_redirects=False, timeout=HTTP_TIMEOUT)
            assert "Content-Type" not in resp.request.headers, resp.request.headers
        else:
            resp = self.http.post(url, data=fields, allow_redirects=False, timeout=HTTP_TIMEOUT)
        where = f"POST {url} {fields}: {resp.status_code}\n{resp.text[:3000]}"
        content_type = resp.headers.get("Content-Type", "")
        # ecphp/cas-lib reads XML only when Content-Type starts with application/xml (or text/html).
        assert content_type.startswith("application/xml"), f"Content-Type {content_type!r}; {where}"
        assert_schema_valid(resp.content, f"POST {url}")
        root = ET.fromstring(resp.content)
        assert root.tag == f"{{{ECAS_NS}}}loginRequest", where
        for attr in ("server", "date", "version"):
            assert root.get(attr), f"loginRequest without {attr}; {where}"
        out = LoginRequest(resp.status_code, resp.text)
        success = root.find(f"{{{ECAS_NS}}}loginRequestSuccess")
        if success is not None:
            assert resp.status_code == 200, where
            out.login_request_id = success.findtext(f"{{{ECAS_NS}}}loginRequestId")
            assert out.login_request_id and LOGIN_REQUEST_ID_RE.match(out.login_request_id), (
                f"loginRequestId {out.login_request_id!r} does not match {LOGIN_REQUEST_ID_RE.pattern}; {where}"
            )
        else:
            failure = root.find(f"{{{ECAS_NS}}}loginRequestFailure")
            assert failure is not None, where
            out.failure_code = failure.get("code")
            out.failure_message = (failure.text or "").strip()
        return out

    def start_login(self, service: str, **params: str) -> str:
        lr = self.login_init(service, **params)
        assert lr.login_request_id, f"login/init failed: {lr.failure_code} {lr.failure_message}\n{lr.body}"
        return lr.login_request_id

    # Validation -----------------------------------------------------------------------------
    def validate(
        self,
        endpoint: str,
        service: str | None,
        ticket: str | None,
        *,
        expect: str = "ecas",
        method: str = "GET",
        **params: str,
    ) -> Validation:
        """GET /cas/<endpoint>?service=…&ticket=…&<params> (None leaves a parameter out). `expect`
        is the format the answer must be in: "ecas" (EU Login's; XML answers are validated against
        ecas.xsd, JSON ones against the contract's shape) or "cas3" (CAS 3.0's)."""
        url = self.server.url(f"/cas/{endpoint}")
        query = {k: v for k, v in {"service": service, "ticket": ticket, **params}.items() if v is not None}
        if method == "POST":  # EU Login's WSDL: an HTTP POST binding with a form body
            resp = self.http.post(url, data=query, allow_redirects=False, timeout=HTTP_TIMEOUT)
        else:
            resp = self.http.get(url, params=query, allow_redirects=False, timeout=HTTP_TIMEOUT)
        where = f"{method} {resp.url}: {resp.status_code}\n{resp.text[:3000]}"
        assert resp.status_code == 200, f"validation answers 200 as CAS does; {where}"
        wants_json = params.get("format", "").upper() == "JSON"
        content_type = resp.headers.get("Content-Type", "")
        if wants_json:
            assert content_type.startswith("application/json"), f"Content-Type {content_type!r}; {where}"
            if expect == "cas3":
                return Validation(resp.url, resp.status_code, content_type, "JSON", resp.text)
            v = parse_json(resp.url, resp)
        else:
            # ecphp/cas-lib: XML is read only when Content-Type starts with application/xml.
            assert content_type.startswith("application/xml"), f"Content-Type {content_type!r}; {where}"
            v = parse_xml(resp.url, resp)
        if expect == "ecas":
            if not wants_json:
                assert v.namespace == ECAS_NS, f"not the EU Login namespace ({v.namespace}); {where}"
                # ecphp/cas-lib removes the `cas` prefix's namespace before reading the elements.
                assert re.search(r"<cas:serviceResponse[\s>]", v.body), f"no <cas:serviceResponse>; {where}"
                assert f'xmlns:cas="{ECAS_NS}"' in v.body, where
                assert_schema_valid(resp.content, f"{method} {resp.url}")
            check_root(v)
            if v.ok:
                check_eulogin_success(v)
            else:
                assert v.failure_code in FAILURE_CODES, where
        elif expect == "cas3":
            if not wants_json:
                assert v.namespace == CAS_NS, f"not the CAS 3.0 namespace ({v.namespace}); {where}"
        else:
            raise ValueError(expect)
        return v

    # Proxying -------------------------------------------------------------------------------
    def proxy(self, pgt: str, target_service: str) -> tuple[str | None, str | None, str]:
        """GET /cas/proxy?pgt=…&targetService=… (CAS 3.0 §2.7): (proxy ticket, failure code, body).
        An answer in EU Login's namespace is validated against ecas.xsd."""
        url = self.server.url("/cas/proxy")
        resp = self.http.get(
            url, params={"pgt": pgt, "targetService": target_service}, allow_redirects=False, timeout=HTTP_TIMEOUT
        )
        where = f"GET {resp.url}: {resp.status_code}\n{resp.text[:3000]}"
        assert resp.status_code == 200, where
        assert resp.headers.get("Content-Type", "").startswith("application/xml"), where
        root = ET.fromstring(resp.content)
        if namespace_of(root.tag) == ECAS_NS:
            assert_schema_valid(resp.content, f"GET {resp.url}")
        tickets = [el.text for el in root.iter() if local(el.tag) == "proxyTicket"]
        failures = [el.get("code") for el in root.iter() if local(el.tag) == "proxyFailure"]
        assert len(tickets) + len(failures) == 1, where
        if tickets:
            assert tickets[0], where
            return check_ticket(tickets[0], "PT"), None, resp.text
        return None, failures[0], resp.text

    def proxy_ticket(self, pgt: str, target_service: str) -> str:
        pt, failure, body = self.proxy(pgt, target_service)
        assert pt, f"/cas/proxy refused: {failure}\n{body}"
        return pt


# --------------------------------------------------------------------------------------------
# The browser side: Limen's login pages
# --------------------------------------------------------------------------------------------


def login_with_request(browser: Browser, login_request_id: str, user: User, service: str) -> str:
    """The browser at /cas/login?loginRequestId=… (the only parameter, as ecphp/ecas redirects),
    through the e-mail and password forms, back to `service` with a ticket."""
    page = browser.get("/cas/login", loginRequestId=login_request_id)
    assert page.status_code == 200, (
        f"GET /cas/login?loginRequestId={login_request_id}: {page.status_code} "
        f"{page.headers.get('Location')}\n{page.text[:1500]}"
    )
    login_form(page)
    step2 = browser.submit_email(page, user.email)
    assert step2.status_code == 200, f"email step: {step2.status_code}\n{step2.text[:1500]}"
    done = browser.submit_password(step2, user.password)
    assert done.status_code == 303, f"password step: {done.status_code}\n{done.text[:1500]}"
    return check_ticket(ticket_from_location(done.headers.get("Location", ""), service), "ST")


def form_login(browser: Browser, service: str, user: User, **params: str) -> str:
    return check_ticket(browser.login(service, user, **params), "ST")


def sso_ticket(browser: Browser, service: str, **params: str) -> str:
    return check_ticket(browser.sso(service, **params), "ST")


# --------------------------------------------------------------------------------------------
# The CLI: accounts, services, groups
# --------------------------------------------------------------------------------------------


def cli_add_user(server: LimenServer, user: User, *, internal: bool, assurance: str | None = None) -> None:
    args = ["user", "add", "--database", server.database_url, "--email", user.email, "--last-name", user.last_name]
    if user.first_name:
        args += ["--first-name", user.first_name]
    args.append("--internal" if internal else "--external")
    if assurance:
        args += ["--assurance", assurance]
    args.append("--password-stdin")
    server.cli(*args, stdin=user.password + "\n")


def cli_add_service(
    server: LimenServer,
    name: str,
    urls: list[str],
    *,
    attributes: list[str] | None = None,
    response_format: str | None = None,
    proxy_callback: str | None = None,
) -> None:
    args = ["service", "add", "--database", server.database_url, "--name", name]
    for url in urls:
        args += ["--url", url]
    if attributes:
        args += ["--attributes", ",".join(attributes)]
    if response_format:
        args += ["--response-format", response_format]
    if proxy_callback:
        args += ["--proxy-callback", proxy_callback]
    server.cli(*args)


def cli_group_add(server: LimenServer, name: str, description: str | None = None) -> None:
    args = ["group", "add", "--database", server.database_url, name]
    if description:
        args += ["--description", description]
    server.cli(*args)


def cli_group_member_add(server: LimenServer, group: str, email: str) -> None:
    server.cli("group", "member", "add", "--database", server.database_url, group, email)
