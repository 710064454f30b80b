"""Limen as EU Login, driven by the test EU Login client of eulogin_client.py (written from the
published behaviour of EU Login clients and EU Login's response schema, not from Limen's code):
login transactions (`/cas/login/init` → `/cas/login?loginRequestId=…`), the validation endpoints
(`laxValidate`, `sponsorValidate`, `interinstitutionalValidate`, `strictValidate`,
`TicketValidationService`, and `serviceValidate`/`proxyValidate` for services registered with
`--response-format ecas`) in XML and JSON, and the EU Login validation parameters.

Every EU Login-format XML answer, success or failure, is validated against
tests/interop/schemas/ecas.xsd with xmllint; every JSON answer against the contract's shape.
"""

from __future__ import annotations

import re
import secrets
import string
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest

from eulogin_client import (
    CAS_NS,
    ECAS_NS,
    EULOGIN_ENDPOINTS,
    TICKET_RE,
    TICKETS_SEEN,
    USER_DETAILS,
    EuLoginClient,
    assert_schema_valid,
    check_ticket,
    cli_add_service,
    cli_add_user,
    cli_group_add,
    cli_group_member_add,
    ecphp_fingerprint,
    form_login,
    login_with_request,
    schema_errors,
    sso_ticket,
    xmllint,
)
from limen_interop import PASSWORD, Browser, LimenServer, Recorder, User, login_form, ticket_from_location

FORMATS = ["XML", "JSON"]

EU_APP = "http://127.0.0.1:9/eulogin/app/"  # --response-format ecas, every user detail and groups
EU_LIMITED = "http://127.0.0.1:9/eulogin/limited/"  # --response-format ecas, releases only email
STD_APP = "http://127.0.0.1:9/eulogin/std/"  # standard CAS service: uid, email, groups
EU_PROXYING = "http://127.0.0.1:9/eulogin/proxying/"  # ecas, may receive PGTs at the recorder
UNREGISTERED = "http://127.0.0.1:9/eulogin-not-registered/"

ALPHA, BETA, GAMMA = "EULOGIN_ALPHA", "EULOGIN_BETA", "EULOGIN_GAMMA"
# XML escaping and code-point order (Δ sorts after B).
DELTA = "EULOGIN_Δ R&D <core>"
STAFF_GROUPS = [ALPHA, BETA, DELTA]

# The user details of an EU Login-format service asked for userDetails=true, in the schema's order.
FULL_DETAILS = ["email", "employeeType", "firstName", "lastName", "domain", "locale", "assuranceLevel", "uid"]


def fmt(format_: str) -> dict[str, str]:
    """The `format` parameter: XML is the default, sent explicitly as clients do."""
    return {"format": format_}


def random_ticket(prefix: str = "ST") -> str:
    return prefix + "-" + "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(43))


def details_of(success: dict) -> list[str]:
    return [name for name in USER_DETAILS if name in success]


def group_names(success: dict) -> list[str]:
    return success["groups"]["group"] if "groups" in success else []


@pytest.fixture(scope="module", autouse=True)
def _xmllint_present():
    """No EU Login test runs without schema validation: fails in CI, skips elsewhere."""
    xmllint()


@dataclass
class EuWorld:
    server: LimenServer
    client: EuLoginClient
    staff: User  # internal, TOP, groups DELTA, BETA and ALPHA
    guest: User  # external, LOW, group GAMMA
    staff_browser: Browser  # signed in as staff
    guest_browser: Browser  # signed in as guest
    recorder: Recorder

    def browser(self) -> Browser:
        return Browser(self.server)


@pytest.fixture(scope="module")
def eu(limen: LimenServer):
    staff = User(email="eulogin.staff@ec.europa.eu", first_name="Zoë", last_name="D'Àngelo-Fils", password=PASSWORD)
    guest = User(email="eulogin.guest@example.net", first_name="Ана", last_name="Гостьева", password=PASSWORD)
    cli_add_user(limen, staff, internal=True, assurance="TOP")
    cli_add_user(limen, guest, internal=False, assurance="LOW")
    for group in (ALPHA, BETA, GAMMA, DELTA):
        cli_group_add(limen, group, description=f"EU Login interop group {group}")
    # Added out of order: the answer lists them sorted.
    cli_group_member_add(limen, DELTA, staff.email)
    cli_group_member_add(limen, BETA, staff.email)
    cli_group_member_add(limen, ALPHA, staff.email)
    cli_group_member_add(limen, GAMMA, guest.email)

    cli_add_service(
        limen,
        "EU Login app",
        [EU_APP + "*"],
        attributes=[
            "uid",
            "email",
            "firstName",
            "lastName",
            "domain",
            "employeeType",
            "locale",
            "assuranceLevel",
            "groups",
            "authenticationFactors",
        ],
        response_format="ecas",
    )
    cli_add_service(limen, "EU Login limited app", [EU_LIMITED + "*"], attributes=["email"], response_format="ecas")
    cli_add_service(limen, "Standard CAS app (EU Login tests)", [STD_APP + "*"], attributes=["uid", "email", "groups"])
    with Recorder() as recorder:
        cli_add_service(
            limen,
            "EU Login proxying app",
            [EU_PROXYING + "*"],
            attributes=["uid", "email"],
            response_format="ecas",
            proxy_callback=recorder.url("/pgt/*"),
        )
        staff_browser = Browser(limen)
        form_login(staff_browser, EU_APP + "start", staff)
        guest_browser = Browser(limen)
        form_login(guest_browser, EU_APP + "start", guest)
        yield EuWorld(limen, EuLoginClient(limen), staff, guest, staff_browser, guest_browser, recorder)


def obtain_pgt(eu: EuWorld, format_: str = "XML") -> tuple[str, str]:
    """A proxy-granting ticket through pgtUrl (CAS 3.0 §2.5.4): (PGT, the callback URL)."""
    st = sso_ticket(eu.staff_browser, EU_PROXYING + "home")
    callback = eu.recorder.url(f"/pgt/{secrets.token_hex(6)}")
    v = eu.client.validate("laxValidate", EU_PROXYING + "home", st, pgtUrl=callback, **fmt(format_))
    success = v.expect_success()
    iou = success.get("proxyGrantingTicket")
    assert iou, f"no proxyGrantingTicket in the answer to a validation with pgtUrl:\n{v.body}"
    check_ticket(iou, "PGTIOU")
    path = urlsplit(callback).path

    def delivered(req) -> bool:
        parts = urlsplit(req.path)
        return req.method == "GET" and parts.path == path and parse_qs(parts.query).get("pgtIou") == [iou]

    req = eu.recorder.wait_for(delivered, timeout=10)
    assert req is not None, f"no GET {path}?pgtIou={iou}&pgtId=… at the callback; got {eu.recorder.requests}"
    pgt = parse_qs(urlsplit(req.path).query)["pgtId"][0]
    return check_ticket(pgt, "PGT"), callback


# --- the schema itself -----------------------------------------------------------------------------


def test_schema_accepts_and_rejects():
    """The validator can fail: hand-written documents for and against ecas.xsd."""
    ns = f'xmlns:cas="{ECAS_NS}"'
    head = f'<cas:serviceResponse {ns} server="Limen 0" date="2026-01-01T00:00:00Z" version="4.5">'
    ok = (
        head + "<cas:authenticationSuccess><cas:user>abcdefgh</cas:user><cas:email>a@b.eu</cas:email>"
        "<cas:uid>abcdefgh</cas:uid><cas:authenticationLevel>BASIC</cas:authenticationLevel>"
        '<cas:strengths number="1"><cas:strength>PASSWORD_WEBAUTHN</cas:strength></cas:strengths>'
        '<cas:authenticationFactors number="2"><cas:moniker>a@b.eu</cas:moniker>'
        "<cas:webAuthnDevice><cas:deviceName>Key</cas:deviceName><cas:deviceIdentifier>7</cas:deviceIdentifier>"
        "<cas:deviceType>security_key</cas:deviceType></cas:webAuthnDevice></cas:authenticationFactors>"
        "<cas:sso>false</cas:sso></cas:authenticationSuccess></cas:serviceResponse>"
    )
    assert_schema_valid(ok, "a valid success")
    failure = head + '<cas:authenticationFailure code="{}">m</cas:authenticationFailure></cas:serviceResponse>'
    assert_schema_valid(failure.format("INSUFFICIENT_AUTHENTICATION_LEVEL"), "a valid failure")
    bad = {
        "uid missing after a user detail": ok.replace("<cas:uid>abcdefgh</cas:uid>", ""),
        "sso missing": ok.replace("<cas:sso>false</cas:sso>", ""),
        "strengths missing": ok.replace(
            '<cas:strengths number="1"><cas:strength>PASSWORD_WEBAUTHN</cas:strength></cas:strengths>', ""
        ),
        "unknown strength": ok.replace("PASSWORD_WEBAUTHN", "PASSWORD_CARRIER_PIGEON"),
        "details out of order": ok.replace(
            "<cas:email>a@b.eu</cas:email><cas:uid>abcdefgh</cas:uid>",
            "<cas:uid>abcdefgh</cas:uid><cas:email>a@b.eu</cas:email>",
        ),
        "CAS 3.0 failure code": failure.format("INVALID_TICKET_SPEC"),
        "device without its identifier": ok.replace("<cas:deviceIdentifier>7</cas:deviceIdentifier>", ""),
        "device as plain text": ok.replace(
            "<cas:deviceName>Key</cas:deviceName><cas:deviceIdentifier>7</cas:deviceIdentifier>"
            "<cas:deviceType>security_key</cas:deviceType>",
            "Key",
        ),
        "CAS 3.0 namespace": ok.replace(ECAS_NS, CAS_NS),
        "bad date": ok.replace("2026-01-01T00:00:00Z", "yesterday"),
    }
    for what, document in bad.items():
        assert schema_errors(document) is not None, f"ecas.xsd accepted {what}:\n{document}"


# --- the whole journey: login/init → login → ticket → each endpoint ----------------------------------


@pytest.mark.parametrize("format_", FORMATS)
@pytest.mark.parametrize("endpoint", list(EULOGIN_ENDPOINTS))
def test_login_transaction_then_validation(eu: EuWorld, endpoint: str, format_: str):
    service = EU_APP + f"journey/{endpoint}"
    lr = eu.client.start_login(service)
    browser = eu.browser()
    ticket = login_with_request(browser, lr, eu.staff, service)
    v = eu.client.validate(endpoint, service, ticket, **fmt(format_))
    s = v.expect_success()
    assert v.format == format_
    assert s["sso"] is False, "a ticket from a fresh login must say sso=false"
    assert s["strengths"]["strength"] == ["PASSWORD"]
    assert s.get("ticketType", "SERVICE") == "SERVICE"
    if "authenticationLevel" in s:
        assert s["authenticationLevel"] == "BASIC"
    # The same principal as a plain form login gives.
    again = eu.client.validate(endpoint, service, sso_ticket(browser, service), **fmt(format_))
    assert again.expect_success()["user"] == s["user"]
    assert again.success["sso"] is True, "a ticket from the SSO session must say sso=true"


def test_login_init_as_ecphp_sends_it(eu: EuWorld):
    """ecphp/ecas POSTs the login URL's query string as the body, without a Content-Type header."""
    service = EU_APP + "ecphp"
    lr = eu.client.login_init(service, raw_body=True, renew="false")
    assert lr.login_request_id, f"login/init refused the body ecphp/ecas sends: {lr.failure_code}\n{lr.body}"
    ticket = login_with_request(eu.browser(), lr.login_request_id, eu.staff, service)
    eu.client.validate("laxValidate", service, ticket).expect_success()


def test_login_request_document_as_ecphp_reads_it(eu: EuWorld):
    """ecphp/cas-lib strips the `cas` prefix's namespace and looks the elements up by their bare
    names (loginRequest/loginRequestSuccess/loginRequestId); namespace-aware clients by qualified
    names. Both find the id, whichever prefix the document uses."""
    lr = eu.client.login_init(EU_APP + "prefix")
    assert lr.login_request_id, lr.body
    root = ET.fromstring(lr.body.encode())
    assert root.tag == f"{{{ECAS_NS}}}loginRequest", lr.body
    bare = re.sub(r"<(/?)cas:", r"<\1", lr.body)
    bare = re.sub(r'\sxmlns(:cas)?="[^"]*"', "", bare)
    plain = ET.fromstring(bare.encode())
    assert plain.tag == "loginRequest", bare
    assert plain.findtext("loginRequestSuccess/loginRequestId") == lr.login_request_id, bare


def test_login_init_unregistered_service_fails(eu: EuWorld):
    lr = eu.client.login_init(UNREGISTERED + "x")
    assert lr.login_request_id is None, f"a login request id for an unregistered service:\n{lr.body}"
    assert lr.failure_code, lr.body


def test_login_request_uses_the_stored_renew(eu: EuWorld):
    """renew=true stored at login/init: the signed-in browser sees the form again, and the ticket
    says sso=false."""
    service = EU_APP + "renew"
    lr = eu.client.start_login(service, renew="true")
    page = eu.staff_browser.get("/cas/login", loginRequestId=lr)
    assert page.status_code == 200, f"renew=true was not applied: {page.status_code} {page.headers.get('Location')}"
    login_form(page)
    step2 = eu.staff_browser.submit_email(page, eu.staff.email)
    done = eu.staff_browser.submit_password(step2, eu.staff.password)
    assert done.status_code == 303, done.text[:1000]
    ticket = check_ticket(ticket_from_location(done.headers["Location"], service), "ST")
    s = eu.client.validate("laxValidate", service, ticket, renew="true").expect_success()
    assert s["sso"] is False


def test_login_request_uses_the_stored_gateway(eu: EuWorld):
    service = EU_APP + "gateway"
    lr = eu.client.start_login(service, gateway="true")
    resp = eu.browser().get("/cas/login", loginRequestId=lr)
    assert resp.status_code == 303, resp.status_code
    assert resp.headers.get("Location") == service, resp.headers.get("Location")


def test_login_request_service_cannot_be_changed_in_the_url(eu: EuWorld):
    """The login URL carries only the id so that nobody changes the parameters on the way: a
    service added next to it is refused or ignored, never used."""
    service = EU_APP + "stored"
    lr = eu.client.start_login(service)
    browser = eu.browser()
    page = browser.get("/cas/login", loginRequestId=lr, service=STD_APP + "other")
    if page.status_code == 400:
        return
    assert page.status_code == 200, page.status_code
    step2 = browser.submit_email(page, eu.staff.email)
    done = browser.submit_password(step2, eu.staff.password)
    assert done.status_code == 303, done.text[:1000]
    location = done.headers["Location"]
    assert location.startswith(service + "?ticket="), f"redirected to {location}, not to the stored {service}"


def _assert_bad_login_request(resp, what: str) -> None:
    assert resp.status_code == 400, f"{what}: {resp.status_code} {resp.headers.get('Location')}\n{resp.text[:1000]}"
    assert "Location" not in resp.headers
    assert resp.headers.get("Content-Type", "").startswith("text/html"), resp.headers.get("Content-Type")


def test_login_request_id_is_single_use(eu: EuWorld):
    service = EU_APP + "single-use"
    lr = eu.client.start_login(service)
    browser = eu.browser()
    ticket = login_with_request(browser, lr, eu.staff, service)
    eu.client.validate("laxValidate", service, ticket).expect_success()
    _assert_bad_login_request(eu.browser().get("/cas/login", loginRequestId=lr), "replayed in another browser")
    _assert_bad_login_request(browser.get("/cas/login", loginRequestId=lr), "replayed in the same browser")


def test_unknown_and_tampered_login_request_ids(eu: EuWorld):
    lr = eu.client.start_login(EU_APP + "tamper")
    last = lr[-1]
    tampered = lr[:-1] + ("A" if last != "A" else "B")
    for what, value in [
        ("unknown", "LR-" + random_ticket()[3:]),
        ("tampered", tampered),
        ("truncated", lr[:-1]),
        ("not an id", "LR-<script>"),
        ("empty", ""),
    ]:
        _assert_bad_login_request(eu.browser().get("/cas/login", loginRequestId=value), what)
    # The genuine one still works after the attempts.
    ticket = login_with_request(eu.browser(), lr, eu.staff, EU_APP + "tamper")
    eu.client.validate("laxValidate", EU_APP + "tamper", ticket).expect_success()


@pytest.mark.parametrize("format_", FORMATS)
def test_client_fingerprint(eu: EuWorld, format_: str):
    """ecphp/ecas binds the login to the browser that started it: the ticket of a login request
    made with clientFingerprint validates only with the matching value (docs/CAS.md)."""
    service = EU_APP + "fingerprint"

    def ticket_for(init_value: str) -> str:
        lr = eu.client.start_login(service, clientFingerprint=init_value)
        return login_with_request(eu.browser(), lr, eu.staff, service)

    presented, at_init = ecphp_fingerprint()
    v = eu.client.validate("laxValidate", service, ticket_for(at_init), clientFingerprint=presented, **fmt(format_))
    assert v.expect_success()["sso"] is False

    # Another browser's value, then the right one: the first attempt spent the ticket.
    ticket = ticket_for(at_init)
    other, _ = ecphp_fingerprint()
    eu.client.validate("laxValidate", service, ticket, clientFingerprint=other, **fmt(format_)).expect_failure(
        "INVALID_TICKET"
    )
    eu.client.validate("laxValidate", service, ticket, clientFingerprint=presented, **fmt(format_)).expect_failure(
        "INVALID_TICKET"
    )
    # No fingerprint at all.
    presented, at_init = ecphp_fingerprint()
    eu.client.validate("laxValidate", service, ticket_for(at_init), **fmt(format_)).expect_failure("INVALID_TICKET")
    # A ticket from a login without one, presented with one: not the login the client started.
    ticket = sso_ticket(eu.staff_browser, service)
    eu.client.validate("laxValidate", service, ticket, clientFingerprint=presented, **fmt(format_)).expect_failure(
        "INVALID_TICKET"
    )


# --- user details ------------------------------------------------------------------------------------


@pytest.mark.parametrize("format_", FORMATS)
def test_user_details_full_set_in_order(eu: EuWorld, format_: str):
    service = EU_APP + "details"
    v = eu.client.validate(
        "laxValidate", service, sso_ticket(eu.staff_browser, service), userDetails="true", **fmt(format_)
    )
    s = v.expect_success()
    expected_order = [
        "user",
        *FULL_DETAILS,
        "groups",
        "authenticationLevel",
        "strengths",
        "authenticationFactors",
        "loginDate",
        "sso",
        "ticketType",
    ]
    if format_ == "XML":
        assert v.order == expected_order, f"elements {v.order}\nexpected {expected_order}\n{v.body}"
    else:
        assert sorted(v.order) == sorted(expected_order), f"keys {v.order}\nexpected {expected_order}\n{v.body}"
    assert s["email"] == eu.staff.email
    assert s["employeeType"] == "f"
    assert s["firstName"] == "Zoë"
    assert s["lastName"] == "D'Àngelo-Fils"
    assert s["domain"] == "eu.europa.ec"
    assert s["locale"] and s["locale"][:2].isalpha(), s["locale"]
    assert s["assuranceLevel"] == 40
    assert s["uid"] == s["user"]
    assert group_names(s) == STAFF_GROUPS
    assert s["authenticationLevel"] == "BASIC"
    assert s["strengths"] == {"number": 1, "strength": ["PASSWORD"]}
    assert s["authenticationFactors"].get("moniker") == [eu.staff.email], s["authenticationFactors"]
    assert s["sso"] is True
    assert s["ticketType"] == "SERVICE"


@pytest.mark.parametrize("format_", FORMATS)
def test_user_details_of_an_external_user(eu: EuWorld, format_: str):
    service = EU_APP + "details-guest"
    v = eu.client.validate(
        "laxValidate", service, sso_ticket(eu.guest_browser, service), userDetails="true", **fmt(format_)
    )
    s = v.expect_success()
    assert details_of(s) == FULL_DETAILS
    assert s["email"] == eu.guest.email
    assert s["employeeType"] == "e"
    assert s["domain"] == "external"
    assert s["lastName"] == "Гостьева"
    assert s["assuranceLevel"] == 10
    assert group_names(s) == [GAMMA]


@pytest.mark.parametrize("format_", FORMATS)
def test_without_user_details_only_registered_attributes(eu: EuWorld, format_: str):
    # An EU Login-format service releasing only email: user, email and the uid the schema requires.
    v = eu.client.validate(
        "laxValidate", EU_LIMITED + "a", sso_ticket(eu.staff_browser, EU_LIMITED + "a"), **fmt(format_)
    )
    s = v.expect_success()
    assert details_of(s) == ["email", "uid"], v.body
    assert "groups" not in s, v.body
    # A standard service at an EU Login endpoint: what it is registered to release.
    v = eu.client.validate("laxValidate", STD_APP + "a", sso_ticket(eu.staff_browser, STD_APP + "a"), **fmt(format_))
    s = v.expect_success()
    assert details_of(s) == ["email", "uid"], v.body
    assert group_names(s) == STAFF_GROUPS


@pytest.mark.parametrize("format_", FORMATS)
def test_user_details_true(eu: EuWorld, format_: str):
    # userDetails=true never widens a registration (the full set is an EU Login-format
    # service's default registration, test_user_details_full_set_in_order): a service
    # registered to release only email gets email and the uid the schema requires, and no
    # factors (it was not given them).
    ticket = sso_ticket(eu.staff_browser, EU_LIMITED + "b")
    s = eu.client.validate("laxValidate", EU_LIMITED + "b", ticket, userDetails="true", **fmt(format_)).expect_success()
    assert details_of(s) == ["email", "uid"], s
    assert "groups" not in s
    assert "authenticationFactors" not in s, s
    # A standard service likewise gets only what it is registered to release.
    ticket = sso_ticket(eu.staff_browser, STD_APP + "b")
    v = eu.client.validate("laxValidate", STD_APP + "b", ticket, userDetails="true", **fmt(format_))
    assert details_of(v.expect_success()) == ["email", "uid"], v.body


# --- groups ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("format_", FORMATS)
@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        (None, STAFF_GROUPS),
        ("*", STAFF_GROUPS),
        (f"{ALPHA},{BETA}", [ALPHA, BETA]),
        (f"{ALPHA},{GAMMA}", [ALPHA]),
        (f"{DELTA},{ALPHA}", [ALPHA, DELTA]),
        (f"{GAMMA},NO_SUCH_GROUP", []),
    ],
    ids=["no-parameter", "star", "two", "one-of-two", "escaped", "none-of-them"],
)
def test_groups_parameter(eu: EuWorld, groups: str | None, expected: list[str], format_: str):
    service = EU_APP + "groups"
    params = fmt(format_)
    if groups is not None:
        params["groups"] = groups
    v = eu.client.validate("laxValidate", service, sso_ticket(eu.staff_browser, service), **params)
    s = v.expect_success()
    if expected:
        assert s["groups"] == {"number": len(expected), "group": expected}, v.body
    else:
        assert group_names(s) == [], v.body


@pytest.mark.parametrize("format_", FORMATS)
def test_groups_not_released_without_the_attribute(eu: EuWorld, format_: str):
    service = EU_LIMITED + "groups"
    v = eu.client.validate("laxValidate", service, sso_ticket(eu.staff_browser, service), groups="*", **fmt(format_))
    assert "groups" not in v.expect_success(), v.body


# --- ticket types and proxy tickets -----------------------------------------------------------------


@pytest.mark.parametrize("format_", FORMATS)
@pytest.mark.parametrize("ticket_types", [None, "SERVICE"], ids=["default", "SERVICE"])
def test_proxy_ticket_refused_where_only_service_tickets(eu: EuWorld, ticket_types: str | None, format_: str):
    pgt, _callback = obtain_pgt(eu)
    target = EU_APP + "backend"
    pt = eu.client.proxy_ticket(pgt, target)
    params = fmt(format_)
    if ticket_types:
        params["ticketTypes"] = ticket_types
    eu.client.validate("laxValidate", target, pt, **params).expect_failure("INVALID_TICKET")
    # The attempt spent it.
    eu.client.validate("proxyValidate", target, pt, **fmt(format_)).expect_failure("INVALID_TICKET")


@pytest.mark.parametrize("format_", FORMATS)
def test_proxy_ticket_accepted_with_ticket_types_proxy(eu: EuWorld, format_: str):
    pgt, callback = obtain_pgt(eu, format_)
    target = EU_APP + "backend"
    pt = eu.client.proxy_ticket(pgt, target)
    v = eu.client.validate("laxValidate", target, pt, ticketTypes="SERVICE,PROXY", **fmt(format_))
    s = v.expect_success()
    assert s["ticketType"] == "PROXY", v.body
    assert s["proxies"] == {"number": 1, "proxy": [callback]}, v.body


def test_proxy_validate_takes_proxy_tickets(eu: EuWorld):
    pgt, callback = obtain_pgt(eu)
    target = EU_APP + "backend"
    v = eu.client.validate("proxyValidate", target, eu.client.proxy_ticket(pgt, target))
    s = v.expect_success()
    assert s["ticketType"] == "PROXY"
    assert s["proxies"]["proxy"] == [callback]


def test_service_ticket_refused_where_only_proxy_tickets(eu: EuWorld):
    """EU Login's WSDL: other ticket types than those in ticketTypes get INVALID_TICKET."""
    service = EU_APP + "only-proxy"
    ticket = sso_ticket(eu.staff_browser, service)
    eu.client.validate("laxValidate", service, ticket, ticketTypes="PROXY").expect_failure("INVALID_TICKET")


# --- assurance, authentication level, strengths -------------------------------------------------------


@pytest.mark.parametrize("format_", FORMATS)
@pytest.mark.parametrize("endpoint", list(EULOGIN_ENDPOINTS))
def test_endpoint_assurance(eu: EuWorld, endpoint: str, format_: str):
    """The external user is LOW (10): only laxValidate and its alias accept her."""
    service = EU_APP + "assurance"
    v = eu.client.validate(endpoint, service, sso_ticket(eu.guest_browser, service), **fmt(format_))
    if EULOGIN_ENDPOINTS[endpoint] <= 10:
        v.expect_success()
    else:
        v.expect_failure("INVALID_USER")


@pytest.mark.parametrize("format_", FORMATS)
@pytest.mark.parametrize(
    ("who", "level", "accepted"),
    [
        ("guest", "HIGH", False),
        ("guest", "30", False),
        ("guest", "MEDIUM", False),
        ("guest", "LOW", True),
        ("guest", "10", True),
        ("staff", "TOP", True),
        ("staff", "40", True),
    ],
)
def test_assurance_level_parameter(eu: EuWorld, who: str, level: str, accepted: bool, format_: str):
    service = EU_APP + "assurance-parameter"
    browser = eu.guest_browser if who == "guest" else eu.staff_browser
    v = eu.client.validate("laxValidate", service, sso_ticket(browser, service), assuranceLevel=level, **fmt(format_))
    if accepted:
        v.expect_success()
    else:
        v.expect_failure("INVALID_USER")


@pytest.mark.parametrize("format_", FORMATS)
@pytest.mark.parametrize(("level", "accepted"), [("HIGH", False), ("MEDIUM", False), ("BASIC", True)])
def test_authentication_level_parameter(eu: EuWorld, level: str, accepted: bool, format_: str):
    """A password-only ticket is BASIC."""
    service = EU_APP + "authentication-level"
    v = eu.client.validate(
        "laxValidate", service, sso_ticket(eu.staff_browser, service), authenticationLevel=level, **fmt(format_)
    )
    if accepted:
        assert v.expect_success().get("authenticationLevel", "BASIC") == "BASIC"
    else:
        v.expect_failure("INSUFFICIENT_AUTHENTICATION_LEVEL")


@pytest.mark.parametrize("format_", FORMATS)
@pytest.mark.parametrize(
    ("strengths", "accepted"),
    [
        ("PASSWORD_SMS", False),
        ("PASSWORD_WEBAUTHN,PASSWORD_MOBILE_APP", False),
        ("PASSWORD_SMS,PASSWORD", True),
        ("STRONG", True),  # deprecated name of PASSWORD
    ],
)
def test_accept_strengths_parameter(eu: EuWorld, strengths: str, accepted: bool, format_: str):
    service = EU_APP + "strengths"
    v = eu.client.validate(
        "laxValidate", service, sso_ticket(eu.staff_browser, service), acceptStrengths=strengths, **fmt(format_)
    )
    if accepted:
        assert v.expect_success()["strengths"]["strength"] == ["PASSWORD"]
    else:
        v.expect_failure("INVALID_STRENGTH")


# --- ticket failures ------------------------------------------------------------------------------------


@pytest.mark.parametrize("format_", FORMATS)
def test_replayed_ticket(eu: EuWorld, format_: str):
    service = EU_APP + "replay"
    ticket = sso_ticket(eu.staff_browser, service)
    eu.client.validate("laxValidate", service, ticket, **fmt(format_)).expect_success()
    eu.client.validate("laxValidate", service, ticket, **fmt(format_)).expect_failure("INVALID_TICKET")
    eu.client.validate("strictValidate", service, ticket, **fmt(format_)).expect_failure("INVALID_TICKET")


@pytest.mark.parametrize("format_", FORMATS)
def test_unknown_ticket(eu: EuWorld, format_: str):
    eu.client.validate("laxValidate", EU_APP + "x", random_ticket(), **fmt(format_)).expect_failure("INVALID_TICKET")


@pytest.mark.parametrize("format_", FORMATS)
def test_ticket_for_another_service(eu: EuWorld, format_: str):
    ticket = sso_ticket(eu.staff_browser, EU_APP + "one")
    v = eu.client.validate("laxValidate", EU_APP + "two", ticket, **fmt(format_))
    v.expect_failure("INVALID_SERVICE")
    # Spent by the attempt (CAS 3.0 §3.1.1).
    eu.client.validate("laxValidate", EU_APP + "one", ticket, **fmt(format_)).expect_failure("INVALID_TICKET")


@pytest.mark.parametrize("format_", FORMATS)
def test_missing_parameters(eu: EuWorld, format_: str):
    client = eu.client
    for endpoint in ("laxValidate", "strictValidate"):
        client.validate(endpoint, EU_APP + "x", None, **fmt(format_)).expect_failure("INVALID_REQUEST")
        client.validate(endpoint, EU_APP + "x", "", **fmt(format_)).expect_failure("INVALID_REQUEST")
        ticket = sso_ticket(eu.staff_browser, EU_APP + "x")
        client.validate(endpoint, None, ticket, **fmt(format_)).expect_failure("INVALID_REQUEST")
        # Spent by the attempt all the same (docs/CAS.md: every validation attempt spends it).
        client.validate(endpoint, EU_APP + "x", ticket, **fmt(format_)).expect_failure("INVALID_TICKET")


@pytest.mark.parametrize(
    "params",
    [
        {"format": "BOGUS"},
        {"ticketTypes": "SERVICE,BOGUS"},
        {"assuranceLevel": "BOGUS"},
        {"assuranceLevel": "15"},
        {"authenticationLevel": "EXTREME"},
        {"acceptStrengths": "PASSWORD_CARRIER_PIGEON"},
    ],
    ids=lambda p: "-".join(f"{k}={v}" for k, v in p.items()),
)
def test_bad_parameter_values(eu: EuWorld, params: dict[str, str]):
    service = EU_APP + "bad-parameter"
    ticket = sso_ticket(eu.staff_browser, service)
    eu.client.validate("laxValidate", service, ticket, **params).expect_failure("INVALID_REQUEST")


@pytest.mark.parametrize("format_", FORMATS)
def test_proxy_callback_not_allowed(eu: EuWorld, format_: str):
    """EU Login's code for a refused pgtUrl is INVALID_PROXY_CALLBACK_URL (CAS 3.0's
    INVALID_PROXY_CALLBACK is not in its schema)."""
    service = EU_PROXYING + "home"
    ticket = sso_ticket(eu.staff_browser, service)
    v = eu.client.validate("laxValidate", service, ticket, pgtUrl="https://elsewhere.example/cb", **fmt(format_))
    v.expect_failure("INVALID_PROXY_CALLBACK_URL")


def test_proxy_failure_in_the_eulogin_format(eu: EuWorld):
    pgt, _ = obtain_pgt(eu)
    pt, failure, body = eu.client.proxy(pgt, UNREGISTERED + "target")
    assert pt is None and failure, body
    assert ECAS_NS in body, f"the PGT of an EU Login-format service: the answer should be in its format\n{body}"


def test_format_json_lower_case(eu: EuWorld):
    """EU Login clients send the format in lower case too (format=json)."""
    service = EU_APP + "json"
    v = eu.client.validate("laxValidate", service, sso_ticket(eu.staff_browser, service), format="json")
    assert v.format == "JSON" and v.expect_success()["strengths"]["strength"] == ["PASSWORD"]


@pytest.mark.parametrize("format_", FORMATS)
@pytest.mark.parametrize("endpoint", ["laxValidate", "TicketValidationService"])
def test_validation_by_post(eu: EuWorld, endpoint: str, format_: str):
    """EU Login's ticket-validation WSDL has an HTTP POST binding (a form body)."""
    service = EU_APP + "post"
    v = eu.client.validate(
        endpoint, service, sso_ticket(eu.staff_browser, service), method="POST", userDetails="true", **fmt(format_)
    )
    assert v.expect_success()["email"] == eu.staff.email
    eu.client.validate(endpoint, service, random_ticket(), method="POST", **fmt(format_)).expect_failure(
        "INVALID_TICKET"
    )


# --- the format is chosen by the service at the CAS 2/3 endpoints -------------------------------------


@pytest.mark.parametrize("endpoint", ["serviceValidate", "p3/serviceValidate", "proxyValidate", "p3/proxyValidate"])
def test_response_format_follows_the_service(eu: EuWorld, endpoint: str):
    v = eu.client.validate(endpoint, EU_APP + "fmt", sso_ticket(eu.staff_browser, EU_APP + "fmt"), expect="ecas")
    s = v.expect_success()
    assert "attributes" not in s and s["email"] == eu.staff.email, v.body
    v = eu.client.validate(endpoint, STD_APP + "fmt", sso_ticket(eu.staff_browser, STD_APP + "fmt"), expect="cas3")
    s = v.expect_success()
    assert s["attributes"]["email"] == eu.staff.email, v.body
    assert "strengths" not in s
    # Failures too.
    eu.client.validate(endpoint, EU_APP + "fmt", random_ticket(), expect="ecas").expect_failure("INVALID_TICKET")
    v = eu.client.validate(endpoint, STD_APP + "fmt", random_ticket(), expect="cas3")
    assert v.failure_code == "INVALID_TICKET", v.body


def test_response_format_follows_the_service_json(eu: EuWorld):
    v = eu.client.validate(
        "serviceValidate", EU_APP + "fmt", sso_ticket(eu.staff_browser, EU_APP + "fmt"), format="JSON"
    )
    assert "strengths" in v.expect_success() and "attributes" not in v.success, v.body
    v = eu.client.validate(
        "serviceValidate", STD_APP + "fmt", sso_ticket(eu.staff_browser, STD_APP + "fmt"), expect="cas3", format="JSON"
    )
    assert '"attributes"' in v.body and '"strengths"' not in v.body, v.body


# --- the ticket alphabet ---------------------------------------------------------------------------------


def test_ticket_alphabet(eu: EuWorld):
    """ST, PGT, PGTIOU and PT all use CAS 3.0 §3.7's characters (check_ticket asserts it as each
    is seen); and every ticket any test of this module saw matched too."""
    start = len(TICKETS_SEEN)
    lr = eu.client.start_login(EU_APP + "alphabet")
    login_with_request(eu.browser(), lr, eu.staff, EU_APP + "alphabet")
    pgt, _ = obtain_pgt(eu)
    eu.client.proxy_ticket(pgt, EU_APP + "backend")
    seen = TICKETS_SEEN[start:]
    assert {t.split("-", 1)[0] for t in seen} == {"ST", "PGT", "PGTIOU", "PT"}, seen
    bad = [t for t in TICKETS_SEEN if not TICKET_RE.match(t)]
    assert not bad, bad


def test_xml_and_json_agree(eu: EuWorld):
    """The XML and JSON answers for two tickets of the same SSO session say the same."""
    service = EU_APP + "agree"
    xml = eu.client.validate("laxValidate", service, sso_ticket(eu.staff_browser, service), userDetails="true")
    js = eu.client.validate(
        "laxValidate", service, sso_ticket(eu.staff_browser, service), userDetails="true", format="JSON"
    )
    a, b = dict(xml.expect_success()), dict(js.expect_success())
    a.pop("loginDate"), b.pop("loginDate")
    assert a == b, f"XML {a}\nJSON {b}"
