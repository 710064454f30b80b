"""Limen as a SAML 2.0 identity provider, against service providers this project did not write
(docs/SAML.md §13.3): a pysaml2 SP (sp/pysaml2_sp.py: pysaml2 builds and signs its requests, checks
Limen's signatures and decrypts through Debian's xmlsec1), Debian's Apache with mod_auth_mellon
(sp/mellon.py), and the `xmlsec1` command on the raw Responses. A simulated browser (requests, one
cookie jar) walks SP → Limen's login → the auto-posted form → the SP's ACS (saml_idp_support.py).

On both storage backends:
1. the metadata (§3): signed, its endpoints and formats;
2. Web SSO (§4, §6): Redirect and POST requests signed RSA-SHA256 and ECDSA-SHA256, answered in
   the SP's algorithm and verified by pysaml2 and by xmlsec1; an encrypted assertion (§8);
   persistent NameIDs stable for an SP and different between two, transient ones new each time,
   the e-mail format only when registered; exactly the released attributes; ForceAuthn,
   IsPassive, RequestedAuthnContext; IdP-initiated only when registered;
3. the refusals of issue 20, each beside its accepted twin: an unknown SP, an ACS not in the
   metadata (URL and index), a bad query signature, a replayed request, a stale IssueInstant, an
   XML bomb, an unsigned request from an SP that signs — Limen's 400 page, nothing sent back;
4. single logout (§9): from the SP, from Limen, and one session in the pysaml2 SP, mellon, a CAS
   service and an OpenID Connect client ended from each of the four;
5. mellon: a browser signs in through it and sees uid, email and groups, and signs out.

Every refusal has its twin in the same test. Where Limen does not do what docs/SAML.md says, the
test fails with what it got.
"""

from __future__ import annotations

import base64
import re
import secrets
from urllib.parse import urlencode, urlsplit

import cas
import lxml.etree
import pytest
import requests

pytest.register_assert_rewrite("upstream_support", "saml_idp_support")
pytest_plugins = ["saml_idp_support"]

import saml_idp_support as sis
import upstream_support as us
from limen_interop import HTTP_TIMEOUT, Recorder, World
from oidc_support import RelyingParty, discovery, expect_unauthorized, fetch_jwks, register_client, verify_logout_token
from saml_idp_support import SamlBrowser, assert_accepted, assert_error_page, saml_login, start_login

BACKCHANNEL_TIMEOUT = 10.0
RELEASED = ["uid", "email", "firstName", "lastName", "domain", "groups"]


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


@pytest.fixture
def browser(world: World, sp_rsa, sp_ec, sp_enc) -> SamlBrowser:
    return SamlBrowser(world.server, sp_rsa, sp_ec, sp_enc)


def limen_entity_id(world: World) -> str:
    return world.server.url("/saml/metadata")


def root_of(xml: str):
    return lxml.etree.fromstring(xml.encode("utf-8"))


def assertion_of(xml: str) -> str:
    """The (clear) Assertion of a Response, as a document of its own."""
    found = root_of(xml).find(f"{{{sis.SAML}}}Assertion")
    assert found is not None, f"no clear Assertion in the Response:\n{xml[:3000]}"
    return lxml.etree.tostring(found).decode("utf-8")


def signature_methods(xml: str) -> list[str]:
    return re.findall(r'SignatureMethod Algorithm="([^"]+)"', xml)


# --------------------------------------------------------------------------------------------
# 1. Metadata (§3)
# --------------------------------------------------------------------------------------------


def test_idp_metadata_is_signed_and_lists_the_endpoints(world: World, tmp_path):
    resp = sis.idp_metadata(world.server)
    assert resp.headers.get("Content-Type", "").startswith("application/samlmetadata+xml"), resp.headers
    assert "max-age=3600" in resp.headers.get("Cache-Control", ""), resp.headers
    root = root_of(resp.text)
    entity = limen_entity_id(world)
    assert root.tag == f"{{{sis.MD}}}EntityDescriptor" and root.get("entityID") == entity
    idp = root.find(f"{{{sis.MD}}}IDPSSODescriptor")
    assert idp is not None and "urn:oasis:names:tc:SAML:2.0:protocol" in idp.get("protocolSupportEnumeration")

    def endpoints(tag):
        return {(e.get("Binding"), e.get("Location")) for e in idp.findall(f"{{{sis.MD}}}{tag}")}

    both = {sis.REDIRECT_BINDING, sis.POST_BINDING}
    assert endpoints("SingleSignOnService") == {(b, world.server.url("/saml/sso")) for b in both}
    assert endpoints("SingleLogoutService") == {(b, world.server.url("/saml/slo")) for b in both}
    formats = {(f.text or "").strip() for f in idp.findall(f"{{{sis.MD}}}NameIDFormat")}
    assert formats == {sis.PERSISTENT, sis.TRANSIENT, sis.EMAIL}, formats
    uses = {k.get("use") for k in idp.findall(f"{{{sis.MD}}}KeyDescriptor")}
    assert uses == {"signing"}, f"Limen receives nothing encrypted: {uses}"
    # Signed (enveloped, RSA-SHA256): xmlsec1 with a certificate the metadata publishes.
    certs = sis.idp_signing_certificates(world.server, tmp_path)
    assert sis.SIG_RSA_SHA256 in signature_methods(resp.text)
    id_attr = f"{sis.MD}:EntityDescriptor"
    assert sis.xmlsec1_verifies(resp.text, certs, id_attr, tmp_path), "xmlsec1 does not verify the metadata"
    altered = resp.text.replace(world.server.url("/saml/sso"), world.server.url("/saml/elsewhere"), 1)
    assert not sis.xmlsec1_verifies(altered, certs, id_attr, tmp_path), "an altered metadata verifies"


# --------------------------------------------------------------------------------------------
# 2. Web SSO (§4, §6)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("binding", ["redirect", "post"])
@pytest.mark.parametrize("which", ["sp_rsa", "sp_ec"])
def test_sign_in_through_the_pysaml2_sp(request, world, browser, register_sp, uid_of_user, which, binding):
    sp = request.getfixturevalue(which)
    register_sp(sp, attributes=["uid", "email"])
    relay = "/after?x=1&y=" + secrets.token_hex(4)
    login = saml_login(browser, sp, world.user, binding=binding, relay_state=relay)
    info = login.info
    entity = limen_entity_id(world)
    assert info["issuer"] == entity and info["in_response_to"] == login.request_id, info
    assert info["response_signed"] and info["assertion_signed"], "Limen signs both (--sign both)"
    assert not info["encrypted"], "no encryption key in this SP's metadata"
    assert info["relay_state"] == relay, info
    assert info["name_id_format"] == sis.PERSISTENT, info
    assert info["name_qualifier"] == entity and info["sp_name_qualifier"] == sp.entity_id, info
    assert info["attributes"]["uid"] == [uid_of_user], info
    assert [e.lower() for e in info["attributes"]["email"]] == [world.user.email.lower()], info
    assert info["session_index"], info
    expected = sis.SIG_ECDSA_SHA256 if sp.sign_alg == "ecdsa-sha256" else sis.SIG_RSA_SHA256
    assert signature_methods(login.xml) == [expected, expected], "the SP's algorithm (metadata), both signatures"
    assert sp.whoami(browser.session).status_code == 200


@pytest.mark.parametrize("which", ["sp_rsa", "sp_ec"])
def test_xmlsec1_verifies_the_response_and_the_assertion(request, world, browser, register_sp, which, tmp_path):
    sp = request.getfixturevalue(which)
    register_sp(sp, attributes=["uid", "email"])
    login = saml_login(browser, sp, world.user)
    assert sp.last_response() == login.saml_response
    certs = sis.idp_signing_certificates(world.server, tmp_path)
    response_id = f"{sis.SAMLP}:Response"
    assertion_id = f"{sis.SAML}:Assertion"
    assert sis.xmlsec1_verifies(login.xml, certs, response_id, tmp_path), "xmlsec1: the Response"
    assertion = assertion_of(login.xml)
    assert sis.xmlsec1_verifies(assertion, certs, assertion_id, tmp_path), "xmlsec1: the Assertion alone"
    # Twins: one value changed.
    email = login.info["attributes"]["email"][0]
    assert email in assertion
    forged = login.xml.replace(email, "someone.else@example.org")
    assert not sis.xmlsec1_verifies(forged, certs, response_id, tmp_path)
    assert not sis.xmlsec1_verifies(assertion_of(forged), certs, assertion_id, tmp_path)


def test_encrypted_assertion(world, browser, register_sp, sp_enc, uid_of_user):
    register_sp(sp_enc, attributes=["uid", "email"])
    login = saml_login(browser, sp_enc, world.user)
    info = login.info
    assert info["encrypted"], "an SP publishing an encryption key gets an EncryptedAssertion (--encrypt auto)"
    assert info["response_signed"], "an encrypted assertion comes in a signed Response (§8)"
    assert info["attributes"]["uid"] == [uid_of_user]
    # The SP's metadata lists aes256-gcm and rsa-oaep-mgf1p (all Debian's xmlsec1 1.2 decrypts).
    assert "http://www.w3.org/2009/xmlenc11#aes256-gcm" in login.xml
    assert "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p" in login.xml
    assert "rsa-1_5" not in login.xml and "aes256-cbc" not in login.xml


def test_encryption_off_for_the_same_sp(world, browser, register_sp, sp_enc):
    register_sp(sp_enc, attributes=["uid"], encrypt="off")
    info = saml_login(browser, sp_enc, world.user).info
    assert not info["encrypted"] and info["attributes"].get("uid"), info


def test_persistent_nameid_is_stable_for_an_sp_and_pairwise(world, browser, register_sp, sp_rsa, sp_ec, uid_of_user):
    register_sp(sp_rsa, attributes=["uid"])
    register_sp(sp_ec, attributes=["uid"])
    first = saml_login(browser, sp_rsa, world.user).info
    again = saml_login(browser, sp_rsa).info  # the SSO session: no form
    other_browser = SamlBrowser(world.server, sp_rsa)
    fresh = saml_login(other_browser, sp_rsa, world.user).info
    elsewhere = saml_login(browser, sp_ec).info
    assert first["name_id"] == again["name_id"] == fresh["name_id"], "persistent: the same for one SP"
    assert elsewhere["name_id"] != first["name_id"], "pairwise: two SPs cannot correlate the user"
    for value in (first["name_id"], elsewhere["name_id"]):
        assert value not in (uid_of_user, world.user.email) and len(value) <= 256, value
    assert elsewhere["sp_name_qualifier"] == sp_ec.entity_id


def test_transient_nameid_is_new_each_time(world, browser, register_sp, sp_rsa):
    register_sp(sp_rsa, nameid="persistent,transient", attributes=["uid"])
    one = saml_login(browser, sp_rsa, world.user, nameid="transient").info
    two = saml_login(browser, sp_rsa, nameid="transient").info
    assert one["name_id_format"] == two["name_id_format"] == sis.TRANSIENT
    assert one["name_id"] != two["name_id"]
    persistent = saml_login(browser, sp_rsa).info  # the first format is the default
    assert persistent["name_id_format"] == sis.PERSISTENT


def test_email_nameid_only_when_registered(world, browser, register_sp, sp_rsa, sp_ec):
    register_sp(sp_rsa, attributes=["uid"])
    refused = saml_login(browser, sp_rsa, world.user, nameid="email").info
    assert refused == {
        "status": sis.REQUESTER,
        "second_status": sis.INVALID_NAMEID_POLICY,
        "in_response_to": refused["in_response_to"],
    }, refused
    register_sp(sp_ec, nameid="persistent,email", attributes=["uid"])
    info = saml_login(browser, sp_ec, world.user, nameid="email").info
    assert info["name_id_format"] == sis.EMAIL and info["name_id"].lower() == world.user.email.lower(), info


def test_attributes_are_exactly_the_released_set(
    world, browser, register_sp, sp_rsa, sp_ec, uid_of_user, groups_of_user
):
    register_sp(sp_rsa, attributes=RELEASED)
    info = saml_login(browser, sp_rsa, world.user).info
    attributes = info["attributes"]
    assert set(attributes) == set(RELEASED), f"released {sorted(attributes)}, registered {RELEASED}"
    assert set(info["attribute_name_formats"].values()) == {sis.BASIC}, info["attribute_name_formats"]
    assert attributes["uid"] == [uid_of_user]
    assert attributes["firstName"] == ["Ελένη"] and attributes["lastName"] == ["Παπαδοπούλου"]
    assert len(attributes["domain"]) == 1 and attributes["domain"][0], attributes
    assert sorted(attributes["groups"]) == groups_of_user, "one AttributeValue per group"
    # Twin: an SP given two attributes gets those two, not one more.
    register_sp(sp_ec, attributes=["uid", "email"])
    narrow = saml_login(browser, sp_ec).info
    assert set(narrow["attributes"]) == {"uid", "email"}, narrow["attributes"]


def login_page(page: requests.Response) -> bool:
    """One of Limen's login forms (the address or the password step)."""
    from limen_interop import parse_forms

    forms = parse_forms(page.text) if page.status_code == 200 else []
    return any("csrf_token" in f.names() and {"email", "password"} & f.names() for f in forms)


def test_force_authn_asks_for_the_password_again(world, browser, register_sp, sp_rsa):
    register_sp(sp_rsa, attributes=["uid"])
    saml_login(browser, sp_rsa, world.user)
    # Twin: without ForceAuthn the session answers at once.
    _, quiet = start_login(browser, sp_rsa)
    assert sis.saml_form(browser.follow(quiet)) is not None, "SSO without ForceAuthn"
    _, forced = start_login(browser, sp_rsa, force="1")
    page = browser.follow(forced)
    assert not isinstance(page, str) and login_page(page), "ForceAuthn: Limen's login form again"
    assert sis.saml_form(page) is None, "ForceAuthn answered from the session"
    trace = browser.walk(page, world.user)
    assert trace.final is not None and trace.final.status_code == 200
    assert trace.final.json()["name_id"], trace.final.text


def test_is_passive(world, browser, register_sp, sp_rsa):
    register_sp(sp_rsa, attributes=["uid"])
    without = saml_login(browser, sp_rsa, passive="1")
    assert without.info["status"] == sis.RESPONDER and without.info["second_status"] == sis.NO_PASSIVE
    saml_login(browser, sp_rsa, world.user)
    with_session = saml_login(browser, sp_rsa, passive="1").info
    assert with_session.get("name_id"), f"IsPassive with a session: an assertion, got {with_session}"


def test_requested_authn_context_that_cannot_be_met(world, browser, register_sp, sp_rsa):
    register_sp(sp_rsa, attributes=["uid"], accept_strengths="PASSWORD")
    unmet = saml_login(browser, sp_rsa, authn_context="PASSWORD_MOBILE_APP").info
    assert unmet.get("second_status") == sis.NO_AUTHN_CONTEXT, unmet
    assert unmet.get("status") == sis.RESPONDER, unmet
    met = saml_login(browser, sp_rsa, world.user, authn_context="PASSWORD").info
    assert met.get("authn_context") == "PASSWORD", met


def test_idp_initiated_only_when_registered(world, browser, register_sp, sp_rsa, sp_ec, tmp_path):
    register_sp(sp_rsa, attributes=["uid"], idp_initiated=True)
    register_sp(sp_ec, attributes=["uid"])
    saml_login(browser, sp_rsa, world.user)
    refused = browser.follow(browser.fetch(world.server.url("/saml/init?" + urlencode({"sp": sp_ec.entity_id}))))
    assert not isinstance(refused, str)
    assert_error_page(refused)
    init = world.server.url("/saml/init?" + urlencode({"sp": sp_rsa.entity_id, "RelayState": "/home"}))
    trace = browser.walk(browser.fetch(init), post_saml=False)
    form = sis.saml_form(trace.final)
    assert form is not None and form.action == sp_rsa.acs_url, trace.final.text[:2000]
    assert form.hidden().get("RelayState") == "/home"
    xml = base64.b64decode(form.hidden()["SAMLResponse"]).decode()
    assert root_of(xml).get("InResponseTo") is None, "an unsolicited Response answers no request"
    certs = sis.idp_signing_certificates(world.server, tmp_path)
    assert sis.xmlsec1_verifies(xml, certs, f"{sis.SAMLP}:Response", tmp_path)


# --------------------------------------------------------------------------------------------
# 3. Refusals, each beside its twin: Limen's 400 page, nothing sent to any SP
# --------------------------------------------------------------------------------------------


def test_unknown_sp_gets_the_error_page(world, browser, register_sp, sp_ec):
    sp_ec.trust(world.server)
    _, resp = start_login(browser, sp_ec)
    assert_error_page(browser.follow(resp))
    register_sp(sp_ec, attributes=["uid"])
    _, twin = start_login(browser, sp_ec)
    assert_accepted(browser, twin)


def test_acs_not_in_the_metadata(world, browser, register_sp, sp_rsa):
    register_sp(sp_rsa, attributes=["uid"])
    server = world.server
    foreign = sis.crafted_request(server, sp_rsa.entity_id, acs_url="http://127.0.0.1:9/evil/acs")
    resp = browser.fetch(sis.sign_with_sp(sp_rsa, server, foreign))
    assert_error_page(resp)
    assert "127.0.0.1:9/evil" not in resp.text
    bad_index = sis.crafted_request(server, sp_rsa.entity_id, acs_index=99)
    assert_error_page(browser.fetch(sis.sign_with_sp(sp_rsa, server, bad_index)))
    twin = sis.crafted_request(server, sp_rsa.entity_id, acs_url=sp_rsa.acs_url)
    assert_accepted(browser, browser.fetch(sis.sign_with_sp(sp_rsa, server, twin)))


def test_bad_query_signature(world, browser, register_sp, sp_rsa, tmp_path):
    from cryptography.hazmat.primitives.asymmetric import rsa

    register_sp(sp_rsa, attributes=["uid"])
    server = world.server
    tampered = sis.crafted_request(server, sp_rsa.entity_id)
    assert_error_page(browser.fetch(sis.sign_with_sp(sp_rsa, server, tampered, relay_state="r1", tamper=True)))
    other_key, _cert = us.write_key_pair(tmp_path, "other", rsa.generate_private_key(65537, 3072), "not the SP")
    by_other = sis.crafted_request(server, sp_rsa.entity_id)
    assert_error_page(browser.fetch(sis.redirect_query(server, by_other, other_key, sis.SIG_RSA_SHA256)))
    twin = sis.crafted_request(server, sp_rsa.entity_id)
    assert_accepted(browser, browser.fetch(sis.sign_with_sp(sp_rsa, server, twin, relay_state="r1")))


def test_replayed_request(world, browser, register_sp, sp_rsa):
    register_sp(sp_rsa, attributes=["uid"])
    resp = browser.fetch(sp_rsa.login_url(world.server))
    sso_url = resp.headers["Location"]
    assert_accepted(browser, browser.fetch(sso_url))
    again = SamlBrowser(world.server, sp_rsa)
    assert_error_page(again.fetch(sso_url))


def test_stale_issue_instant(world, browser, register_sp, sp_rsa):
    register_sp(sp_rsa, attributes=["uid"])
    server = world.server
    stale = sis.crafted_request(server, sp_rsa.entity_id, issue_instant=sis.instant(-600))
    assert_error_page(browser.fetch(sis.sign_with_sp(sp_rsa, server, stale)))
    future = sis.crafted_request(server, sp_rsa.entity_id, issue_instant=sis.instant(600))
    assert_error_page(browser.fetch(sis.sign_with_sp(sp_rsa, server, future)))
    twin = sis.crafted_request(server, sp_rsa.entity_id, issue_instant=sis.instant(-60))
    assert_accepted(browser, browser.fetch(sis.sign_with_sp(sp_rsa, server, twin)))


def test_xml_bomb_in_a_signed_redirect_request(world, browser, register_sp, sp_rsa):
    register_sp(sp_rsa, attributes=["uid"])
    server = world.server
    bomb = sis.crafted_request(server, sp_rsa.entity_id, doctype=True)
    assert "<!DOCTYPE" in bomb and "<!ENTITY" in bomb
    assert_error_page(browser.fetch(sis.sign_with_sp(sp_rsa, server, bomb)))
    twin = sis.crafted_request(server, sp_rsa.entity_id)
    assert_accepted(browser, browser.fetch(sis.sign_with_sp(sp_rsa, server, twin)))


def test_xml_bomb_in_an_unsigned_post_request(world, browser, register_sp, sp_rsa):
    register_sp(sp_rsa, attributes=["uid"], require_signed_requests="no")
    server = world.server

    def post(xml: str) -> requests.Response:
        data = {"SAMLRequest": base64.b64encode(xml.encode("utf-8")).decode("ascii")}
        return browser.session.post(server.url("/saml/sso"), data=data, allow_redirects=False, timeout=HTTP_TIMEOUT)

    assert_error_page(post(sis.crafted_request(server, sp_rsa.entity_id, doctype=True)))
    assert_accepted(browser, post(sis.crafted_request(server, sp_rsa.entity_id)))


def test_unsigned_request_from_an_sp_that_signs(world, browser, register_sp, sp_rsa, sp_ec):
    register_sp(sp_rsa, attributes=["uid"])
    _, refused = start_login(browser, sp_rsa, sign="0")
    assert_error_page(browser.follow(refused))
    register_sp(sp_ec, attributes=["uid"], require_signed_requests="no")
    _, twin = start_login(browser, sp_ec, sign="0")
    assert_accepted(browser, twin)


# --------------------------------------------------------------------------------------------
# 4. Single logout (§9)
# --------------------------------------------------------------------------------------------


def assert_signed_out_of_limen(browser: SamlBrowser, sp) -> None:
    """A new SAML request goes to the login page."""
    _, resp = start_login(browser, sp)
    page = browser.follow(resp)
    assert not isinstance(page, str) and sis.saml_form(page) is None, "still signed in at Limen"
    assert_accepted(browser, resp)


def test_slo_from_the_sp(world, browser, register_sp, sp_rsa):
    register_sp(sp_rsa, attributes=["uid"])
    login = saml_login(browser, sp_rsa, world.user)
    trace = browser.walk(browser.fetch(sp_rsa.base_url + "/logout"))
    assert trace.visits(world.server.url("/saml/slo"), "SAMLRequest"), [s.url for s in trace.steps]
    final = trace.final
    assert final is not None and final.status_code == 200, final.text if final is not None else trace.left_to
    answer = final.json()
    assert answer["logged_out"] is True and answer["status"] == sis.SUCCESS, answer
    assert sp_rsa.whoami(browser.session).status_code == 401
    assert login.info["session_index"]
    assert_signed_out_of_limen(browser, sp_rsa)


def test_slo_from_limen(world, browser, register_sp, sp_rsa):
    register_sp(sp_rsa, attributes=["uid"])
    saml_login(browser, sp_rsa, world.user)
    trace = browser.walk(browser.fetch(world.server.url("/cas/logout")))
    visits = trace.visits(sp_rsa.slo_url, "SAMLRequest")
    assert len(visits) == 1, f"the chain visits the SP once: {[s.url for s in trace.steps]}"
    assert trace.visits(world.server.url("/saml/slo"), "SAMLResponse"), "the SP's answer comes back to Limen"
    assert trace.final is not None and trace.final.status_code == 200
    assert urlsplit(trace.final.url).netloc == urlsplit(world.server.base_url).netloc, trace.final.url
    assert sp_rsa.whoami(browser.session).status_code == 401
    assert_signed_out_of_limen(browser, sp_rsa)


@pytest.mark.parametrize("initiator", ["pysaml2", "mellon", "cas", "oidc"])
def test_one_logout_ends_saml_cas_and_oidc(world, browser, register_sp, sp_rsa, mellon, uid_of_user, initiator):
    server = world.server
    register_sp(sp_rsa, attributes=["uid"])
    register_sp(mellon, attributes=["uid", "email"])
    browser.add_peer(mellon)
    metadata = discovery(server)
    logged_out = f"http://127.0.0.1:9/oidc/saml-slo-{secrets.token_hex(3)}/done"
    with Recorder() as recorder:
        service = recorder.url("/cas-app/")
        server.add_service(
            f"SAML SLO CAS {secrets.token_hex(3)}", [service + "*"], attributes=["uid"], single_logout=True
        )
        client = register_client(
            server, "saml slo", backchannel_logout_uri=recorder.url("/bc"), post_logout_redirect_uris=[logged_out]
        )
        rp = RelyingParty(metadata, client)

        # One session, four parties: pysaml2 (with the password), then mellon, CAS, OIDC by SSO.
        saml_login(browser, sp_rsa, world.user)
        to_mellon = browser.walk(browser.fetch(mellon.login_url(limen_entity_id(world))))
        assert to_mellon.final is not None and to_mellon.final.status_code == 200, to_mellon.final
        assert "MELLON_uid=" in to_mellon.final.text
        ticket = browser.sso(service)
        user, _, _ = cas.CASClient(version=3, service_url=service, server_url=server.cas_url).verify_ticket(ticket)
        assert user == uid_of_user
        req, token = rp.login(browser, None)
        claims = rp.parse_id_token(token, req.nonce)

        if initiator == "pysaml2":
            trace = browser.walk(browser.fetch(sp_rsa.base_url + "/logout"))
            assert trace.final is not None and trace.final.json().get("logged_out") is True, trace.final
        elif initiator == "mellon":
            trace = browser.walk(browser.fetch(mellon.logout_url("/index.html")))
            assert trace.final is not None and trace.final.url == mellon.base_url + "/index.html", trace.final
        elif initiator == "cas":
            trace = browser.walk(browser.fetch(server.url("/cas/logout")))
        else:
            end = (
                metadata["end_session_endpoint"]
                + "?"
                + urlencode({"id_token_hint": token["id_token"], "post_logout_redirect_uri": logged_out, "state": "s"})
            )
            trace = browser.walk(browser.fetch(end))
            assert trace.left_to is not None and trace.left_to.startswith(logged_out), trace.left_to

        steps = [s.url for s in trace.steps]
        if initiator != "pysaml2":
            assert trace.visits(sp_rsa.slo_url, "SAMLRequest"), f"pysaml2 SP not told: {steps}"
        if initiator != "mellon":
            assert trace.visits(mellon.base_url + "/mellon/logout", "SAMLRequest"), f"mellon not told: {steps}"
        assert sp_rsa.whoami(browser.session).status_code == 401, "the pysaml2 SP's session survived"
        protected = browser.fetch(mellon.protected_url)
        assert protected.status_code != 200, "mellon's session survived"

        notice = recorder.wait_for(
            lambda r: r.method == "POST" and "logoutRequest" in r.form(), timeout=BACKCHANNEL_TIMEOUT
        )
        assert notice is not None, f"no CAS logoutRequest: {recorder.requests}"
        assert f"<samlp:SessionIndex>{ticket}</samlp:SessionIndex>" in notice.form()["logoutRequest"][0]
        expect_unauthorized(rp.userinfo_response(token["access_token"]))
        if initiator != "oidc":
            posted = recorder.wait_for(lambda r: r.method == "POST" and r.path == "/bc", BACKCHANNEL_TIMEOUT)
            assert posted is not None, f"no back-channel logout_token: {recorder.requests}"
            logout = verify_logout_token(
                posted.form()["logout_token"][0], fetch_jwks(metadata), metadata["issuer"], client.client_id
            )
            assert logout["sid"] == claims["sid"]
    assert_signed_out_of_limen(browser, sp_rsa)


# --------------------------------------------------------------------------------------------
# 5. mod_auth_mellon
# --------------------------------------------------------------------------------------------


def mellon_sign_in(browser: SamlBrowser, world: World, mellon) -> sis.Trace:
    browser.add_peer(mellon)
    trace = browser.walk(browser.fetch(mellon.login_url(limen_entity_id(world))), world.user)
    final = trace.final
    assert final is not None and final.status_code == 200 and final.url == mellon.protected_url, (
        f"{[(s.method, s.url, s.status) for s in trace.steps]}\n"
        f"{final.status_code if final is not None else trace.left_to} "
        f"{final.text[:2000] if final is not None else ''}\n{mellon.log_text()}"
    )
    return trace


@pytest.mark.parametrize("encrypt", ["auto", "off"])
def test_mellon_sign_in_sees_uid_email_and_groups(
    world, browser, register_sp, mellon, uid_of_user, groups_of_user, encrypt
):
    from sp.mellon import protected_attributes

    register_sp(mellon, attributes=["uid", "email", "groups"], encrypt=encrypt)
    assert browser.fetch(mellon.protected_url).status_code in (302, 303), "no mellon session yet"
    trace = mellon_sign_in(browser, world, mellon)
    posted = trace.posted("SAMLResponse")
    assert [url for url, _ in posted] == [mellon.acs_url], posted
    xml = base64.b64decode(posted[0][1]).decode()
    assert ("EncryptedAssertion" in xml) is (encrypt == "auto"), "mellon's metadata has an encryption key"
    env = protected_attributes(trace.final.text)
    assert env.get("MELLON_uid") == uid_of_user, env
    assert env.get("MELLON_email", "").lower() == world.user.email.lower(), env
    assert sorted(env.get("MELLON_groups", "").split(";")) == groups_of_user, env


def test_mellon_single_logout(world, browser, register_sp, mellon):
    register_sp(mellon, attributes=["uid"])
    mellon_sign_in(browser, world, mellon)
    trace = browser.walk(browser.fetch(mellon.logout_url("/index.html")))
    assert trace.visits(world.server.url("/saml/slo"), "SAMLRequest"), [s.url for s in trace.steps]
    assert trace.visits(mellon.base_url + "/mellon/logout", "SAMLResponse"), [s.url for s in trace.steps]
    assert trace.final is not None and trace.final.url == mellon.base_url + "/index.html"
    assert browser.fetch(mellon.protected_url).status_code in (302, 303), "mellon's session survived"
    # Limen's session ended too: mellon's next sign-in asks for the password.
    again = browser.walk(browser.fetch(mellon.login_url(limen_entity_id(world))))
    assert again.final is not None and login_page(again.final), again.final.url
