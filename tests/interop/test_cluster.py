"""Three Limen nodes sharing one PostgreSQL behind HAProxy (issue 23, items 1 and 2): whichever
node a request lands on, tickets, codes, throttles, keys, services, single logout and background
jobs behave as on one node; PostgreSQL restarted, then failed over to its standby, under load.

The cluster is `scripts/cluster up` in a directory of its own on free ports, started once for the
module and stopped by its PIDs (`scripts/cluster down`) at the end. Its nodes send mail to
aiosmtpd. Some tests talk to one node directly (its own port), others through HAProxy. The tests
run in the order written: the failover comes last, it leaves the standby as the only server.
"""

from __future__ import annotations

import concurrent.futures
import io
import logging
import os
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import cas
import pytest
import requests

from cluster_support import (
    AGENT_PREFIX,
    CAS_SUCCESS,
    Cluster,
    DrillReport,
    Pinned,
    free_port_block,
    repin,
    run_disruption,
    summary,
)
from limen_interop import Browser, Recorder, User, limen_binary, login_form, ticket_from_location
from oidc_support import OidcBrowser, OidcClient, RelyingParty, jwt_header
from test_mail_flow import SmtpSink, register, smtp_env, unique_address

log = logging.getLogger(__name__)

HTTP_TIMEOUT = 15
# Contract: signing keys are cached for 5 s per node; the margin covers the polling and the load.
KEY_CACHE_SECONDS = 5.0
KEY_MARGIN_SECONDS = 5.0
# Registrations queued at once, spread over the three nodes.
REGISTRATIONS = 12
MAIL_TIMEOUT = 40.0
# Sessions that time out while the tests in between run: the purge runs each minute.
EXPIRING_SESSIONS = 3
EXPIRY_TIMEOUT = 180.0
# After the last expected callback, how long a duplicate is waited for (a fan-out is a request
# started at once by the node that ended the session; a second node would send it within
# milliseconds).
QUIET_SECONDS = 3.0
PASSWORD = "Ορίζων-Tessel8-ate!"
SERVICE_PATTERN = "http://127.0.0.1:9/cluster-test/*"
SERVICE_URL = "http://127.0.0.1:9/cluster-test/home"


def in_ci() -> bool:
    return os.environ.get("CI", "") not in ("", "0", "false")


def missing_tools() -> list[str]:
    missing = []
    if shutil.which("haproxy") is None:
        missing.append("haproxy (Debian's haproxy)")
    pg_bin = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
    if not (pg_bin / "initdb").exists() or not (pg_bin / "pg_basebackup").exists():
        missing.append(f"PostgreSQL 15 server binaries in {pg_bin} (Debian's postgresql-15)")
    return missing


# --------------------------------------------------------------------------------------------
# The cluster, once for the module
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def smtp():
    with SmtpSink() as sink:
        yield sink


@pytest.fixture(scope="module")
def cluster(request, smtp):
    missing = missing_tools()
    if not limen_binary().is_file():
        pytest.fail(f"no limen binary at {limen_binary()} (build it, or set LIMEN_BIN)", pytrace=False)
    if missing:
        message = f"the multi-node tests need {', '.join(missing)}"
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    # Not under pytest's base temporary directory (mode 0700): PostgreSQL runs as the postgres
    # OS user when the tests run as root, and must reach its data directory.
    directory = Path(tempfile.mkdtemp(prefix="limen-cluster-"))
    directory.chmod(0o755)
    env = smtp_env(
        smtp.port,
        # The binary the other interop tests use (never a build by scripts/cluster).
        LIMEN_BIN=str(limen_binary()),
        LIMEN_SELF_SERVICE__POW_DIFFICULTY="8",
        LIMEN_SELF_SERVICE__REQUESTS_PER_CLIENT_PER_HOUR="1000",
        LIMEN_SELF_SERVICE__MAILS_PER_ADDRESS_PER_HOUR="100",
    )
    failed_before = request.session.testsfailed
    started = time.monotonic()
    handle = None
    try:
        handle = Cluster.up(directory, http_port=free_port_block(5), pg_port=free_port_block(3), env=env)
        log.info("cluster up in %.1f s in %s", time.monotonic() - started, directory)
        yield handle
    finally:
        try:
            stopping = time.monotonic()
            stopped = Cluster.down_dir(directory)
            log.info("scripts/cluster down in %.1f s:\n%s", time.monotonic() - stopping, stopped)
        finally:
            panics = [
                f"{p.name}:\n{p.read_text(errors='replace')[-4000:]}"
                for p in sorted((directory / "logs").glob("node*.log"))
                if "panicked at" in p.read_text(errors="replace")
            ]
            if request.session.testsfailed == failed_before and not panics:
                shutil.rmtree(directory, ignore_errors=True)
            else:
                log.error("the cluster's files (logs in logs/) are kept in %s", directory)
        assert not panics, "a node panicked:\n" + "\n".join(panics)


@pytest.fixture(scope="module")
def user(cluster: Cluster) -> User:
    return User(email=cluster.user_email, last_name="Cluster", first_name="Demo", password=cluster.user_password)


@pytest.fixture(scope="module")
def service(cluster: Cluster) -> str:
    cluster.cli("service", "add", "--name", "Cluster test app", "--url", SERVICE_PATTERN, "--attributes", "uid,email")
    return SERVICE_URL


def node_browser(base_url: str, agent: str | None = None) -> Browser:
    browser = Browser(Pinned(base_url))
    if agent:
        browser.session.headers["User-Agent"] = agent
    return browser


def submit_pinned(browser: Browser, page: requests.Response, fields: dict[str, str]) -> requests.Response:
    """Fills in the page's login form and posts it to the browser's own node."""
    form = login_form(page)
    data = form.hidden() | fields
    return browser.session.post(
        repin(form.action, browser.server.base_url), data=data, allow_redirects=False, timeout=HTTP_TIMEOUT
    )


def login_on(browser: Browser, service: str, user: User) -> str:
    """The form login on the browser's node; the ticket."""
    page = browser.login_page(service)
    assert page.status_code == 200, f"login page: {page.status_code}\n{page.text[:1000]}"
    page2 = submit_pinned(browser, page, {"email": user.email, "step": "email"})
    assert page2.status_code == 200, f"e-mail step: {page2.status_code}\n{page2.text[:1000]}"
    done = submit_pinned(browser, page2, {"step": "password", "method": "PASSWORD", "password": user.password})
    assert done.status_code == 303, f"password step: {done.status_code}\n{done.text[:1000]}"
    return ticket_from_location(done.headers["Location"], service)


def cas_client(base_url: str, service: str) -> cas.CASClientV3:
    return cas.CASClient(version=3, service_url=service, server_url=base_url + "/cas/")


# --------------------------------------------------------------------------------------------
# Sessions that time out while the tests run (checked by test_expired_sessions_end_once)
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def slo_recorder():
    with Recorder() as recorder:
        yield recorder


@pytest.fixture(scope="module")
def expiring(cluster: Cluster, user: User, slo_recorder: Recorder) -> dict[str, str]:
    """EXPIRING_SESSIONS sessions, one per node, each with a ticket for a service that takes
    back-channel logout, then made expired in the database (as if their time had passed). The
    nodes' purge (each minute) ends them with their single logout. Requested by the first test so
    that the wait overlaps the tests in between. Returns User-Agent → ticket."""
    cluster.cli(
        "service",
        "add",
        "--name",
        "Cluster expiring app",
        "--url",
        "http://127.0.0.1:9/cluster-expiring/*",
        "--single-logout",
        "--logout-url",
        slo_recorder.url("/expiring"),
    )
    tickets = {}
    for i in range(EXPIRING_SESSIONS):
        agent = f"{AGENT_PREFIX}expiring/{i}"
        browser = node_browser(cluster.node_urls[i % len(cluster.node_urls)], agent)
        tickets[agent] = login_on(browser, "http://127.0.0.1:9/cluster-expiring/home", user)
    agents = ", ".join(f"'{a}'" for a in tickets)
    cluster.sql(
        f"UPDATE sso_sessions SET expires_at = extract(epoch FROM now())::bigint - 1 WHERE user_agent IN ({agents})"
    )
    return tickets


# --------------------------------------------------------------------------------------------
# Tickets and codes: minted on one node, used on another
# --------------------------------------------------------------------------------------------


def test_ticket_minted_on_one_node_validates_on_another(cluster: Cluster, user: User, service: str, expiring):
    node1, node2, node3 = cluster.node_urls
    browser = node_browser(node1)
    ticket = login_on(browser, service, user)

    # python-cas validates at node 2 what node 1 issued.
    username, attributes, _ = cas_client(node2, service).verify_ticket(ticket)
    assert username, f"node 2 refused node 1's ticket {ticket}"
    assert attributes.get("email") == user.email, attributes

    # Single use holds across nodes: node 3 refuses it now.
    again, _, _ = cas_client(node3, service).verify_ticket(ticket)
    assert again is None, "node 3 validated a ticket node 2 had already validated"

    # The SSO session made on node 1 is known to node 3; its ticket validates through HAProxy.
    browser3 = node_browser(node3)
    browser3.session.cookies = browser.session.cookies
    sso = browser3.login_page(service)
    assert sso.status_code == 303, f"node 3 does not know node 1's SSO session: {sso.status_code}\n{sso.text[:500]}"
    ticket2 = ticket_from_location(sso.headers["Location"], service)
    username2, _, _ = cas_client(cluster.public_url, service).verify_ticket(ticket2)
    assert username2 == username

    # And tickets minted through HAProxy validate on every node, once.
    via = node_browser(cluster.public_url)
    via.session.cookies = browser.session.cookies
    for node in cluster.node_urls:
        resp = via.login_page(service)
        assert resp.status_code == 303, resp.text[:500]
        t = ticket_from_location(resp.headers["Location"], service)
        assert cas_client(node, service).verify_ticket(t)[0] == username, f"{node} refused a ticket minted via HAProxy"

    # A made-up ticket is refused everywhere (not a 500).
    for node in cluster.node_urls:
        resp = requests.get(
            node + "/cas/p3/serviceValidate",
            params={"service": service, "ticket": "ST-not-a-real-ticket"},
            timeout=HTTP_TIMEOUT,
        )
        assert resp.status_code == 200 and "INVALID_TICKET" in resp.text, resp.text[:500]


def pinned_metadata(cluster: Cluster, authorize: str, token: str, userinfo: str) -> dict:
    metadata = requests.get(cluster.public_url + "/.well-known/openid-configuration", timeout=HTTP_TIMEOUT).json()
    assert metadata["issuer"] == cluster.public_url, metadata["issuer"]
    pinned = dict(metadata)
    pinned["authorization_endpoint"] = repin(metadata["authorization_endpoint"], authorize)
    pinned["token_endpoint"] = repin(metadata["token_endpoint"], token)
    pinned["userinfo_endpoint"] = repin(metadata["userinfo_endpoint"], userinfo)
    return pinned


def cluster_client(cluster: Cluster) -> OidcClient:
    return OidcClient(
        name="Cluster OIDC client",
        client_id=cluster.client_id,
        client_secret=cluster.client_secret,
        redirect_uris=[cluster.redirect_uri],
    )


def test_oidc_code_from_one_node_redeems_on_another(cluster: Cluster, user: User):
    node1, node2, node3 = cluster.node_urls
    rp = RelyingParty(pinned_metadata(cluster, node1, node2, node3), cluster_client(cluster))
    browser = OidcBrowser(Pinned(node1))
    request, token = rp.login(browser, user)
    # The ID token (signed by node 2) verifies against the JWKS HAProxy serves, as a client sees it.
    claims = rp.parse_id_token(token, request.nonce)
    assert claims["iss"] == cluster.public_url

    info = rp.userinfo_response(token["access_token"])
    assert info.status_code == 200, f"node 3 refused node 2's access token: {info.status_code} {info.text[:300]}"
    assert info.json()["sub"] == claims["sub"]

    # A code is spent everywhere: redeemed on node 2, node 3 refuses it (and revokes what it
    # gave, RFC 6749 §4.1.2), which node 1 then honours.
    callback = browser.authorize(rp.auth_request(pkce=False).url, None)
    code = parse_qs(urlsplit(callback).query).get("code", [""])[0]
    assert code, callback

    def redeem(node: str) -> requests.Response:
        return requests.post(
            node + "/oidc/token",
            data={"grant_type": "authorization_code", "code": code, "redirect_uri": cluster.redirect_uri},
            auth=(cluster.client_id, cluster.client_secret),
            timeout=HTTP_TIMEOUT,
        )

    first = redeem(node2)
    assert first.status_code == 200, first.text[:300]
    replay = redeem(node3)
    assert replay.status_code == 400 and replay.json().get("error") == "invalid_grant", replay.text[:300]
    revoked = requests.get(
        node1 + "/oidc/userinfo",
        headers={"Authorization": f"Bearer {first.json()['access_token']}"},
        timeout=HTTP_TIMEOUT,
    )
    assert revoked.status_code == 401, (
        f"node 1 still honours a token whose code was replayed on node 3: {revoked.status_code}"
    )


# --------------------------------------------------------------------------------------------
# The login throttle counts in the database, across nodes
# --------------------------------------------------------------------------------------------


def wrong_password_on(base_url: str, user: User) -> requests.Response:
    browser = node_browser(base_url)
    page = browser.login_page(SERVICE_URL)
    assert page.status_code == 200, page.text[:500]
    page2 = submit_pinned(browser, page, {"email": user.email, "step": "email"})
    assert page2.status_code == 200, page2.text[:500]
    return submit_pinned(browser, page2, {"step": "password", "method": "PASSWORD", "password": user.password})


def attempts_until_locked(nodes: list[str], user: User, wrong: str, limit: int) -> int:
    """Wrong passwords, node after node in turn, until one is answered "too many"; its number."""
    bad = User(email=user.email, last_name=user.last_name, first_name=user.first_name, password=wrong)
    for n in range(1, limit + 1):
        resp = wrong_password_on(nodes[(n - 1) % len(nodes)], bad)
        if resp.status_code == 429:
            assert "Too many failed attempts" in resp.text, resp.text[:1000]
            assert resp.headers.get("Retry-After"), f"a 429 without Retry-After: {dict(resp.headers)}"
            return n
        assert resp.status_code in (200, 401), f"attempt {n}: {resp.status_code}\n{resp.text[:500]}"
    raise AssertionError(f"no lockout after {limit} wrong passwords")


def test_login_throttle_counts_across_nodes(cluster: Cluster, service: str):
    spread = User(email=unique_address("spread"), last_name="Throttle", first_name="Spread", password=PASSWORD)
    single = User(email=unique_address("single"), last_name="Throttle", first_name="Single", password=PASSWORD)
    for u in (spread, single):
        cluster.cli(
            "user", "add", "--email", u.email, "--last-name", u.last_name, "--first-name", u.first_name,
            "--password-stdin", stdin=u.password + "\n",
        )  # fmt: skip
    threshold = cluster.settings()["throttle"]["account_max_failures"]
    assert 1 < threshold < 20, f"[throttle] account_max_failures = {threshold}: not a threshold this test can reach"
    limit = threshold + 3
    on_one = attempts_until_locked(cluster.node_urls[:1], single, "Wrong-Passw0rd!", limit)
    across = attempts_until_locked(cluster.node_urls, spread, "Wrong-Passw0rd!", limit)
    assert on_one == threshold + 1, f"one node locked at attempt {on_one}, the threshold is {threshold} failures"
    assert across == on_one, f"spread over three nodes the lock came at attempt {across}, on one node at {on_one}"

    # While locked, the right password is refused on every node.
    for node in cluster.node_urls:
        resp = wrong_password_on(node, spread)
        assert resp.status_code == 429, f"{node} let a locked account in: {resp.status_code}"

    # Unlocked from the command line (through HAProxy's PostgreSQL): every node lets it in.
    cluster.cli("user", "unlock", spread.email)
    for node in cluster.node_urls:
        assert login_on(node_browser(node), service, spread).startswith("ST-")


# --------------------------------------------------------------------------------------------
# Keys and configuration: a change made once is seen by every node
# --------------------------------------------------------------------------------------------


def jwks_kids(base_url: str) -> set[str]:
    resp = requests.get(base_url + "/oidc/jwks", timeout=HTTP_TIMEOUT)
    assert resp.status_code == 200, f"{base_url}/oidc/jwks: {resp.status_code}"
    return {k["kid"] for k in resp.json()["keys"]}


def id_token_kid(cluster: Cluster, node: str, browser: OidcBrowser, user: User) -> str:
    rp = RelyingParty(pinned_metadata(cluster, node, node, node), cluster_client(cluster))
    _req, token = rp.login(browser, user)
    return jwt_header(token["id_token"])["kid"]


def test_key_rotation_and_new_services_reach_every_node(cluster: Cluster, user: User):
    jwks_path = urlsplit(
        requests.get(cluster.public_url + "/.well-known/openid-configuration", timeout=HTTP_TIMEOUT).json()["jwks_uri"]
    ).path
    assert jwks_path == "/oidc/jwks", jwks_path
    # One browser per node sharing one cookie jar: the first OIDC login signs in, then SSO.
    jar = requests.cookies.RequestsCookieJar()
    browsers = []
    for node in cluster.node_urls:
        b = OidcBrowser(Pinned(node))
        b.session.cookies = jar
        browsers.append(b)
    before = {node: id_token_kid(cluster, node, b, user) for node, b in zip(cluster.node_urls, browsers, strict=True)}

    out = cluster.cli("keys", "rotate").stdout
    kid = next(
        (line.split(":", 1)[1].split()[0] for line in out.splitlines() if line.strip().startswith("new signing key:")),
        None,
    )
    assert kid, f"no `new signing key:` in the output of `limen keys rotate`:\n{out}"
    assert kid not in before.values()
    rotated = time.monotonic()
    deadline = rotated + KEY_CACHE_SECONDS + KEY_MARGIN_SECONDS
    pending = set(cluster.node_urls)
    published_after: dict[str, float] = {}
    while pending and time.monotonic() < deadline:
        for node in sorted(pending):
            if kid in jwks_kids(node):
                published_after[node] = time.monotonic() - rotated
                pending.discard(node)
        time.sleep(0.2)
    assert not pending, (
        f"{sorted(pending)} did not publish the new key {kid} within {KEY_CACHE_SECONDS + KEY_MARGIN_SECONDS:.0f} s "
        f"of its rotation (others after {published_after})"
    )
    signing_after: dict[str, float] = {}
    for node, b in zip(cluster.node_urls, browsers, strict=True):
        while True:
            used = id_token_kid(cluster, node, b, user)
            if used == kid:
                signing_after[node] = time.monotonic() - rotated
                break
            assert time.monotonic() < deadline, f"{node} still signs with {used}, not the new key {kid}"
            time.sleep(0.2)
    log.info("new key published after %s, signing after %s", published_after, signing_after)
    # The old keys stay published (tokens they signed are still valid).
    for node in cluster.node_urls:
        assert set(before.values()) <= jwks_kids(node), f"{node} dropped a key that signed live tokens"

    # A service registered with the CLI is accepted by every node at once; removed, refused at once.
    name = f"Cluster new app {time.monotonic_ns()}"
    url = f"http://127.0.0.1:9/cluster-new-{time.monotonic_ns()}/home"
    for node in cluster.node_urls:
        assert not is_accepted(node, url), f"{node} accepts {url} before it is registered"
    cluster.cli("service", "add", "--name", name, "--url", url)
    for node in cluster.node_urls:
        assert is_accepted(node, url), f"{node} does not accept {url} right after `service add`"
    cluster.cli("service", "remove", name)
    for node in cluster.node_urls:
        assert not is_accepted(node, url), f"{node} still accepts {url} right after `service remove`"


def is_accepted(node: str, service: str) -> bool:
    """Whether the node's login page takes `service` (a form to sign in; otherwise an error page)."""
    page = requests.get(node + "/cas/login", params={"service": service}, allow_redirects=False, timeout=HTTP_TIMEOUT)
    assert page.status_code < 500, f"{node}: {page.status_code}\n{page.text[:500]}"
    return page.status_code == 200 and 'name="csrf_token"' in page.text and 'name="email"' in page.text


# --------------------------------------------------------------------------------------------
# Single logout: once, from the node that ended the session
# --------------------------------------------------------------------------------------------


def logout_requests_for(recorder: Recorder, ticket: str) -> list:
    return [r for r in list(recorder.requests) if r.method == "POST" and ticket in r.body.decode(errors="replace")]


def test_single_logout_fans_out_once(cluster: Cluster, user: User):
    with Recorder() as recorder:
        cluster.cli(
            "service", "add", "--name", "Cluster SLO app", "--url", "http://127.0.0.1:9/cluster-slo/*",
            "--single-logout", "--logout-url", recorder.url("/slo"),
        )  # fmt: skip
        node1, node2, node3 = cluster.node_urls
        browser = node_browser(node1)
        ticket = login_on(browser, "http://127.0.0.1:9/cluster-slo/home", user)
        assert cas_client(node2, "http://127.0.0.1:9/cluster-slo/home").verify_ticket(ticket)[0]
        out = node_browser(node3)
        out.session.cookies = browser.session.cookies
        resp = out.get("/cas/logout")
        assert resp.status_code in (200, 302, 303), f"logout on node 3: {resp.status_code}\n{resp.text[:500]}"
        first = recorder.wait_for(lambda r: r.method == "POST" and ticket in r.body.decode(errors="replace"), 15)
        assert first is not None, f"no back-channel logout POST for {ticket}: {recorder.requests}"
        assert "<samlp:LogoutRequest" in first.form().get("logoutRequest", [""])[0], first.body[:500]
        time.sleep(QUIET_SECONDS)  # a duplicate would come now or never (see QUIET_SECONDS)
        sent = logout_requests_for(recorder, ticket)
        assert len(sent) == 1, f"{len(sent)} logout POSTs for one session"
        # The session is gone on every node.
        for node in cluster.node_urls:
            b = node_browser(node)
            b.session.cookies = browser.session.cookies
            assert b.login_page("http://127.0.0.1:9/cluster-slo/home").status_code == 200


# --------------------------------------------------------------------------------------------
# Background jobs exactly once: mail queued on every node, session time-outs
# --------------------------------------------------------------------------------------------


def test_mail_queued_on_every_node_is_sent_once(cluster: Cluster, smtp: SmtpSink):
    addresses = [unique_address(f"reg{i}") for i in range(REGISTRATIONS)]

    def one(i: int) -> str:
        browser = node_browser(cluster.node_urls[i % len(cluster.node_urls)])
        last_name = "Register-" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i % 26]  # names take letters, not digits
        done = register(browser, None, first_name="Nodes", last_name=last_name, address=addresses[i])
        assert done.status_code == 200 and "Check your mailbox" in done.text, f"{done.status_code}\n{done.text[:1000]}"
        return addresses[i]

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        list(pool.map(one, range(REGISTRATIONS)))
    for address in addresses:
        smtp.wait_for(address, timeout=max(1.0, MAIL_TIMEOUT - (time.monotonic() - started)))
    delivered = time.monotonic() - started
    # Every row marked sent: no node can claim one again.
    quoted = ", ".join(f"'{a}'" for a in addresses)
    deadline = time.monotonic() + 30
    while True:
        rows = cluster.sql(
            f"SELECT recipient, attempts, sent_at IS NOT NULL FROM mail_outbox WHERE recipient IN ({quoted})"
        )
        if len(rows) == len(addresses) and all(r[2] == "t" for r in rows):
            break
        assert time.monotonic() < deadline, f"outbox rows not all sent: {rows}"
        time.sleep(0.2)
    time.sleep(1.0)  # a delivery still in flight on another node would land now
    counts = Counter(rcpt for r in smtp.received for rcpt in r.rcpt_tos if rcpt in addresses)
    twice = {a: n for a, n in counts.items() if n != 1}
    assert not twice, f"messages delivered more than once: {twice}"
    assert all(r[1] == "1" for r in rows), f"more than one delivery attempt: {rows}"
    log.info("%d registrations on three nodes: every message delivered once within %.1f s", REGISTRATIONS, delivered)


def test_expired_sessions_end_once(cluster: Cluster, expiring: dict[str, str], slo_recorder: Recorder):
    tickets = list(expiring.values())
    deadline = time.monotonic() + EXPIRY_TIMEOUT
    for ticket in tickets:
        got = slo_recorder.wait_for(
            lambda r, t=ticket: r.method == "POST" and t in r.body.decode(errors="replace"),
            max(0.0, deadline - time.monotonic()),
        )
        assert got is not None, f"the expired session of {ticket} was not ended (no logout POST) in time"
    time.sleep(QUIET_SECONDS)
    counts = {t: len(logout_requests_for(slo_recorder, t)) for t in tickets}
    assert all(n == 1 for n in counts.values()), f"logout POSTs per expired session: {counts}"
    agents = ", ".join(f"'{a}'" for a in expiring)
    assert cluster.sql(f"SELECT count(*) FROM sso_sessions WHERE user_agent IN ({agents})") == [["0"]]


# --------------------------------------------------------------------------------------------
# PostgreSQL restarted, then failed over, under load
# --------------------------------------------------------------------------------------------


def check_disruption(report: DrillReport, timeline: str, action: str) -> None:
    text = "\n".join(summary(report, action))
    log.info("%s timeline:\n%s\n%s", action, timeline, text)
    problems = report.verdict.problems()
    assert not problems, f"{action}: " + "; ".join(problems) + f"\n{timeline}\n{text}"
    for op in ("login-password", "validate", "token"):
        assert report.after_ok.get(op, 0) > 0, f"no successful {op} after recovery:\n{timeline}\n{text}"


def test_postgres_restart_under_load(cluster: Cluster):
    out = io.StringIO()
    report = run_disruption(cluster, "restart", warmup=2.0, after=3.0, out=out)
    check_disruption(report, out.getvalue(), "restart")
    assert cluster.role("pg1") == "primary" and cluster.role("pg2") == "standby"


def test_failover_to_the_standby_under_load(cluster: Cluster):
    assert cluster.primary() == "pg1" and cluster.role("pg2") == "standby"
    out = io.StringIO()
    report = run_disruption(cluster, "failover", warmup=2.0, after=3.0, out=out)
    check_disruption(report, out.getvalue(), "failover")
    assert report.new_primary == "pg2" and cluster.role("pg2") == "primary"
    assert report.switched_after is not None, "HAProxy never routed PostgreSQL to the new primary"
    # Every node said so on /health while the database was away (contract: degraded, then ok).
    for node, labels in report.degraded_seen.items():
        assert labels and all(label.startswith("degraded/") for label in labels), (
            f"{node} reported {labels or 'only ok'} on /health during the failover:\n{out.getvalue()}"
        )
    # Nothing else broken: a fresh login and validation through HAProxy.
    browser = node_browser(cluster.public_url)
    ticket = login_on(browser, cluster.cas_service, User(cluster.user_email, "Cluster", "Demo", cluster.user_password))
    resp = requests.get(
        cluster.public_url + "/cas/p3/serviceValidate",
        params={"service": cluster.cas_service, "ticket": ticket},
        timeout=HTTP_TIMEOUT,
    )
    assert CAS_SUCCESS in resp.text, resp.text[:500]
