"""Interoperability of Limen's CAS server with the python-cas client library (PyPI `python-cas`).

Each test drives the HTML login forms with `requests` like a browser, then validates the
tickets with python-cas exactly as a Python web application would.
"""

from __future__ import annotations

import cas
import pytest
import requests

from limen_interop import HTTP_TIMEOUT, PASSWORD, Browser, Recorder, User, World, login_form

CSRF_INPUT = '<input type="hidden" name="csrf_token" value="'


def client(world: World, version, service: str, **kwargs):
    return cas.CASClient(version=version, service_url=service, server_url=world.server.cas_url, **kwargs)


class ProxyValidateV2(cas.CASClientV2):
    url_suffix = "proxyValidate"


class ProxyValidateV3(cas.CASClientV3):
    url_suffix = "p3/proxyValidate"


@pytest.fixture(scope="session")
def principal(world: World) -> str:
    """The CAS user name Limen releases for the test user (learnt once through CAS 3)."""
    ticket = world.browser().login(world.s1, world.user)
    user, _attributes, _ = client(world, 3, world.s1).verify_ticket(ticket)
    assert user, "CAS 3 validation of a fresh ticket failed"
    return user


@pytest.fixture
def browser(world: World) -> Browser:
    return world.browser()


# --- basics -----------------------------------------------------------------------------------


def test_health_and_metrics(world: World):
    health = requests.get(world.server.url("/health"), timeout=HTTP_TIMEOUT)
    assert health.status_code == 200
    health.json()  # JSON body
    metrics = requests.get(world.server.url("/metrics"), timeout=HTTP_TIMEOUT)
    assert metrics.status_code == 200
    assert "# TYPE" in metrics.text or "# HELP" in metrics.text, metrics.text[:500]


def test_login_form_contract(world: World, browser: Browser):
    """The markup that scripted clients (limen-bench) rely on."""
    page = browser.login_page(world.s1)
    assert page.status_code == 200
    assert '<form method="post" action="' in page.text
    assert CSRF_INPUT in page.text
    form = login_form(page)
    assert "email" in form.names()
    assert form.value("csrf_token"), "empty csrf_token"
    step2 = browser.submit_email(page, world.user.email)
    assert step2.status_code == 200
    assert CSRF_INPUT in step2.text
    form2 = login_form(step2)
    assert {"csrf_token", "email", "password"} <= form2.names(), form2
    assert form2.hidden().get("email", "").lower() == world.user.email.lower()


# --- validation with each protocol version -----------------------------------------------------


def test_cas1_validate(world: World, browser: Browser, principal: str):
    ticket = browser.login(world.s1, world.user)
    user, attributes, pgtiou = client(world, 1, world.s1).verify_ticket(ticket)
    assert user == principal
    assert attributes is None and pgtiou is None


def test_cas2_service_validate(world: World, browser: Browser, principal: str):
    ticket = browser.login(world.s1, world.user)
    user, _attributes, pgtiou = client(world, 2, world.s1).verify_ticket(ticket)
    assert user == principal
    assert pgtiou is None


def test_cas3_attributes(world: World, browser: Browser, principal: str):
    ticket = browser.login(world.s1, world.user)
    user, attributes, pgtiou = client(world, 3, world.s1).verify_ticket(ticket)
    assert user == principal
    assert pgtiou is None
    assert attributes, "no attributes released to a service releasing all of them"
    assert attributes.get("email", "").lower() == world.user.email.lower()
    assert attributes.get("firstName") == "Ελένη"
    assert attributes.get("lastName") == "Παπαδοπούλου"
    assert attributes.get("uid") == user


def test_cas3_releases_only_configured_attributes(world: World, browser: Browser, principal: str):
    browser.login(world.s1, world.user)
    ticket = browser.sso(world.s2)
    user, attributes, _ = client(world, 3, world.s2).verify_ticket(ticket)
    assert user == principal
    assert attributes.get("email", "").lower() == world.user.email.lower()
    assert attributes.get("uid") == principal
    assert "firstName" not in attributes and "lastName" not in attributes, attributes


def test_service_with_query_string(world: World, browser: Browser, principal: str):
    """`S&ticket=` when S already has a query, and validation with S verbatim."""
    ticket = browser.login(world.s1_query, world.user)
    user, _attributes, _ = client(world, 3, world.s1_query).verify_ticket(ticket)
    assert user == principal


@pytest.mark.parametrize("client_class", [ProxyValidateV2, ProxyValidateV3], ids=["proxyValidate", "p3-proxyValidate"])
def test_proxy_validate_accepts_service_tickets(world: World, browser: Browser, principal: str, client_class):
    ticket = browser.login(world.s1, world.user)
    validator = client_class(service_url=world.s1, server_url=world.server.cas_url)
    user, _attributes, pgtiou = validator.verify_ticket(ticket)
    assert user == principal
    assert pgtiou is None


def test_saml_validate(world: World, browser: Browser, principal: str):
    ticket = browser.login(world.s1, world.user)
    user, attributes, _ = client(world, "CAS_2_SAML_1_0", world.s1).verify_ticket(ticket)
    assert user == principal
    assert attributes.get("email", "").lower() == world.user.email.lower()
    assert attributes.get("firstName") == "Ελένη"
    assert attributes.get("lastName") == "Παπαδοπούλου"
    assert attributes.get("uid") == principal


# --- ticket rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize("version", [1, 2, 3, "CAS_2_SAML_1_0"])
def test_replayed_ticket_is_refused(world: World, browser: Browser, principal: str, version):
    ticket = browser.login(world.s1, world.user)
    validator = client(world, version, world.s1)
    first, _, _ = validator.verify_ticket(ticket)
    assert first == principal
    second, _, _ = client(world, version, world.s1).verify_ticket(ticket)
    assert second is None, "a service ticket was accepted twice"


def test_ticket_for_another_service_is_refused(world: World, browser: Browser, principal: str):
    ticket = browser.login(world.s1, world.user)
    user, _, _ = client(world, 3, world.s3).verify_ticket(ticket)
    assert user is None, "a ticket issued for app one was accepted for app three"


def test_ticket_is_spent_by_a_failed_validation(world: World, browser: Browser):
    """CAS 3.0 §3.1.1: a ticket is good for one validation attempt, successful or not."""
    ticket = browser.login(world.s1, world.user)
    wrong, _, _ = client(world, 3, world.s3).verify_ticket(ticket)
    assert wrong is None
    retry, _, _ = client(world, 3, world.s1).verify_ticket(ticket)
    assert retry is None, "the ticket survived a validation attempt for the wrong service"


def test_unknown_ticket_is_refused(world: World):
    for version in (1, 2, 3, "CAS_2_SAML_1_0"):
        user, _, _ = client(world, version, world.s1).verify_ticket("ST-1-doesnotexist")
        assert user is None, f"version {version} accepted a made-up ticket"


@pytest.mark.parametrize(
    "service",
    [
        "http://127.0.0.1:9/not-registered",
        "http://127.0.0.1:9/app1",  # the prefix pattern is app1/*
        "http://127.0.0.1:9/app1evil/x",
        "http://127.0.0.1:9/app2/home/x",  # the regex is anchored
        "http://127.0.0.1:9/app3/exact/more",  # exact URL only
        "http://evil.example/?http://127.0.0.1:9/app1/",
    ],
)
def test_unregistered_service_gets_no_redirect(world: World, service: str):
    fresh = world.browser()
    for params in ({}, {"gateway": "true"}):
        resp = fresh.login_page(service, **params)
        assert 400 <= resp.status_code < 500, f"{params}: status {resp.status_code}"
        assert "Location" not in resp.headers, f"{params}: redirect to {resp.headers['Location']}"


def test_unregistered_service_gets_no_redirect_with_sso_session(world: World, browser: Browser):
    browser.login(world.s1, world.user)
    resp = browser.login_page("http://127.0.0.1:9/not-registered")
    assert 400 <= resp.status_code < 500, resp.status_code
    assert "Location" not in resp.headers


# --- SSO, renew, gateway, wrong password ----------------------------------------------------------


def test_sso_second_service_without_password(world: World, browser: Browser, principal: str):
    first = browser.login(world.s1, world.user)
    second = browser.sso(world.s2)
    assert second != first
    user, _, _ = client(world, 3, world.s2).verify_ticket(second)
    assert user == principal
    user1, _, _ = client(world, 3, world.s1).verify_ticket(first)
    assert user1 == principal


def test_renew_shows_the_form_again(world: World, browser: Browser, principal: str):
    browser.login(world.s1, world.user)
    resp = browser.login_page(world.s2, renew="true")
    assert resp.status_code == 200, f"renew=true answered {resp.status_code} {resp.headers.get('Location')}"
    assert "Location" not in resp.headers
    login_form(resp)  # the form is shown again
    # Logging in again through it yields a ticket for app two.
    ticket = browser.login(world.s2, world.user, renew="true")
    user, _, _ = client(world, 3, world.s2).verify_ticket(ticket)
    assert user == principal


def test_gateway_without_session_redirects_without_ticket(world: World):
    resp = world.browser().login_page(world.s1, gateway="true")
    assert resp.status_code == 303, resp.status_code
    assert resp.headers.get("Location") == world.s1


def test_gateway_with_session_issues_a_ticket(world: World, browser: Browser, principal: str):
    browser.login(world.s1, world.user)
    ticket = browser.sso(world.s1, gateway="true")
    user, _, _ = client(world, 2, world.s1).verify_ticket(ticket)
    assert user == principal


def test_wrong_password_is_refused(world: World):
    user = User(email="wrong.password@example.org", first_name="Пётр", last_name="Иванов", password=PASSWORD)
    world.server.add_user(user)
    b = world.browser()
    page = b.submit_email(b.login_page(world.s1), user.email)
    assert page.status_code == 200
    resp = b.submit_password(page, "Wr0ng-Password-Given!")
    assert resp.status_code == 401, resp.status_code
    assert "Location" not in resp.headers
    login_form(resp)  # the form again
    # The right password still works afterwards (one failure must not lock the account).
    ticket = b.login(world.s1, user)
    name, attributes, _ = client(world, 3, world.s1).verify_ticket(ticket)
    assert name
    assert attributes.get("firstName") == "Пётр"


# --- logout -----------------------------------------------------------------------------------------------


def test_logout_ends_the_sso_session(world: World, browser: Browser):
    browser.login(world.s1, world.user)
    resp = browser.get("/cas/logout")
    assert resp.status_code < 400, resp.status_code
    again = browser.login_page(world.s1)
    assert again.status_code == 200, f"still signed in after logout: {again.status_code}"
    login_form(again)


@pytest.mark.parametrize("with_logout_url", [False, True], ids=["to-service-url", "to-logout-url"])
def test_single_logout(world: World, browser: Browser, principal: str, with_logout_url: bool):
    with Recorder() as recorder:
        tag = "b" if with_logout_url else "a"
        service = recorder.url(f"/slo-{tag}/app")
        logout_url = recorder.url(f"/slo-{tag}/logout-endpoint") if with_logout_url else None
        world.server.add_service(
            f"Single logout {tag} {recorder.port}",
            [recorder.url(f"/slo-{tag}/*")],
            attributes=["uid", "email"],
            logout_url=logout_url,
            single_logout=True,
        )
        ticket = browser.login(service, world.user)
        user, _, _ = client(world, 3, service).verify_ticket(ticket)
        assert user == principal

        resp = browser.get("/cas/logout")
        assert resp.status_code < 400, resp.status_code

        def is_logout_request(req) -> bool:
            return req.method == "POST" and "logoutRequest" in req.form()

        req = recorder.wait_for(is_logout_request, timeout=10)
        assert req is not None, f"no logoutRequest POST within 10 s; recorded: {recorder.requests}"
        expected_path = f"/slo-{tag}/logout-endpoint" if with_logout_url else f"/slo-{tag}/app"
        assert req.path == expected_path
        logout_request = req.form()["logoutRequest"][0]
        assert f"<samlp:SessionIndex>{ticket}</samlp:SessionIndex>" in logout_request, logout_request
        # python-cas's own check, as a Django/Flask application would run it.
        assert cas.CASClientV3.verify_logout_request(logout_request, ticket)
