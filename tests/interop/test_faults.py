"""Faults survived (issue 23, item 4), each on real `limen serve` processes:

- `kill -9` of a node during registration, password logins, OpenID Connect code exchanges and
  mail delivery: what a client was told stays true after a restart, nothing is half-made, a code
  is never redeemed twice, and a message being delivered arrives with at most one duplicate;
- a full disk under SQLite: 503 with Retry-After while it is full, the same actions working
  again as soon as there is room, without a restart;
- SIGTERM: the requests in flight finish, new connections are refused, and a request that never
  ends does not keep the process past `[http] shutdown_grace_seconds`;
- the wall clock stepped forward and back under the node (libfaketime): tickets and codes expire,
  stay single-use, and are refused when presented before their own creation time.

PostgreSQL restarted under load belongs to the cluster tests (their own PostgreSQL instances).
"""

from __future__ import annotations

import email.utils
import logging
import os
import secrets
import select
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import cas
import pytest
import requests

from fault_support import (
    HeldRelay,
    SmallDisk,
    SteppedClock,
    accept_queue,
    connection_refused,
    libfaketime_path,
    raw_request,
    read_response,
    require,
    sql_count,
    sql_literal,
    sql_rows,
    volley,
    wait_until,
)
from limen_interop import (
    ALL_ATTRIBUTES,
    HTTP_TIMEOUT,
    PASSWORD,
    Browser,
    LimenServer,
    User,
    backend_database,
    free_port,
    limen_binary,
    login_form,
    running_limen,
)
from oidc_support import OidcBrowser, callback_params, discovery, jwt_payload_unverified, register_client
from test_mail_flow import (
    MAIL_TIMEOUT,
    NEW_PASSWORD,
    SERVICE,
    SERVICE_PATTERN,
    SmtpSink,
    register,
    smtp_env,
    submit_registration,
    the_link,
    unique_address,
)

log = logging.getLogger(__name__)

# Self-service limits out of the way: every request of these tests comes from 127.0.0.1.
OPEN_LIMITS = {
    "LIMEN_SELF_SERVICE__REQUESTS_PER_CLIENT_PER_HOUR": "10000",
    "LIMEN_SELF_SERVICE__MAILS_PER_ADDRESS_PER_HOUR": "100",
    "LIMEN_THROTTLE__ADDRESS_MAX_FAILURES": "1000",
}
# The mail worker leases a message for max(2 × the SMTP time-out, 1 min) (limen-notify
# lease_for) and polls every 5 s: a message whose delivery a kill interrupted goes out again
# about a minute after it was claimed.
LEASE_WAIT = 60 + 5 + 25
ACCOUNT_MAX_FAILURES = 5  # [throttle] account_max_failures, default
GRACE_SECONDS = 3
RETRY_DELAY = 5  # [mail.retry] first_delay_seconds where a test needs a failed attempt to wait


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request) -> str:
    if request.param == "postgres" and not os.environ.get("LIMEN_TEST_PG"):
        pytest.skip("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
    return request.param


def validate(server: LimenServer, ticket: str, service: str = SERVICE) -> str | None:
    """CAS 3.0 §2.5 validation by python-cas: the user, or None when Limen refuses the ticket."""
    client = cas.CASClient(version=3, service_url=service, server_url=server.cas_url)
    user, _attributes, _pgtiou = client.verify_ticket(ticket)
    return user


def make_user(server: LimenServer, tag: str) -> User:
    user = User(f"{tag}.{secrets.token_hex(3)}@example.org", "Fault", "Ada", PASSWORD)
    server.add_user(user)
    return user


def has_sso_session(browser: Browser) -> bool:
    """A login page answered by a redirect with a ticket (303) is an SSO session; a form (200)
    is none."""
    resp = browser.login_page(SERVICE)
    assert resp.status_code in (200, 303), f"GET /cas/login: {resp.status_code}\n{resp.text[:1000]}"
    return resp.status_code == 303


def set_password_by_link(server: LimenServer, link: str, password: str) -> None:
    """The mail's link, opened in a browser of its own: the new password saved, signed in."""
    browser = Browser(server)
    page = browser.session.get(link, allow_redirects=False, timeout=HTTP_TIMEOUT)
    assert page.status_code == 200, f"GET {link}: {page.status_code}\n{page.text[:2000]}"
    saved = browser.submit(login_form(page), {"new_password": password, "confirm_password": password})
    assert saved.status_code == 200 and "You are now signed in." in saved.text, (
        f"{saved.status_code}\n{saved.text[:2000]}"
    )


def outbox_to(server: LimenServer, address: str) -> list[tuple[str, ...]]:
    """(attempts, sent_at) of every message queued for `address`."""
    return sql_rows(
        server.database_url,
        f"SELECT attempts, COALESCE(sent_at, 0) FROM mail_outbox WHERE recipient = {sql_literal(address)}",
    )


def outbox_row(server: LimenServer, address: str) -> tuple[str, ...]:
    """(attempts, sent_at, lease_until) of the one message queued for `address`, 0 for NULL."""
    (row,) = sql_rows(
        server.database_url,
        "SELECT attempts, COALESCE(sent_at, 0), COALESCE(lease_until, 0) FROM mail_outbox "
        f"WHERE recipient = {sql_literal(address)}",
    )
    return row


def all_sent(server: LimenServer, address: str) -> bool:
    rows = outbox_to(server, address)
    return bool(rows) and all(int(sent) > 0 for _attempts, sent in rows)


# --------------------------------------------------------------------------------------------
# kill -9: registration
# --------------------------------------------------------------------------------------------


def registration_state(server: LimenServer, addresses: list[str]) -> dict[str, tuple[int, int, int]]:
    """Per address: (accounts, password links, queued mails), in one query."""
    listed = ", ".join(sql_literal(a) for a in addresses)
    rows = sql_rows(
        server.database_url,
        "SELECT a.email, "
        "(SELECT count(*) FROM email_links l WHERE l.account_id = a.id), "
        "(SELECT count(*) FROM mail_outbox m WHERE m.recipient = a.email) "
        f"FROM accounts a WHERE a.email IN ({listed})",
    )
    state = dict.fromkeys(addresses, (0, 0, 0))
    for address, links, mails in rows:
        accounts = state[address][0] + 1
        state[address] = (accounts, int(links), int(mails))
    stray = sql_rows(
        server.database_url,
        f"SELECT recipient FROM mail_outbox WHERE recipient IN ({listed}) "
        "AND recipient NOT IN (SELECT email FROM accounts)",
    )
    assert not stray, f"mail queued for addresses without an account: {stray}"
    return state


def test_kill_between_the_form_and_the_mail_link(tmp_path):
    """The node dies after answering two registrations "check your mailbox": one whose mail was
    delivered before, one whose mail is still queued (the relay was down meanwhile). Restarted, the
    node sends the queued one, once, and both links create a password and sign in; the delivered
    one is not sent again. On SQLite only: the outbox on PostgreSQL, with two nodes, is
    test_kill_during_mail_delivery's."""
    relay_port = free_port()
    env = smtp_env(relay_port, LIMEN_MAIL__RETRY__FIRST_DELAY_SECONDS=str(RETRY_DELAY), **OPEN_LIMITS)
    with running_limen("sqlite", tmp_path, extra_env=env) as server:
        server.add_service("Fault app", [SERVICE_PATTERN], attributes=ALL_ATTRIBUTES)
        sent_before = unique_address("crash.sent")
        queued = unique_address("crash.queued")
        with SmtpSink(port=relay_port) as sink:
            done = register(Browser(server), SERVICE, first_name="Ada", last_name="Sent", address=sent_before)
            assert done.status_code == 200 and "<h1>Check your mailbox</h1>" in done.text, done.text[:2000]
            first_mail = sink.wait_for(sent_before)
            wait_until(lambda: all_sent(server, sent_before), MAIL_TIMEOUT, "the outbox records the delivery")
        # The relay is down now: this one's mail stays queued.
        done = register(Browser(server), SERVICE, first_name="Ada", last_name="Queued", address=queued)
        assert done.status_code == 200 and "<h1>Check your mailbox</h1>" in done.text, done.text[:2000]
        # Killed once its first attempt has failed and been recorded, RETRY_DELAY before the next:
        # the kill cuts no delivery (a cut one waits for its lease: test_kill_during_mail_delivery).
        wait_until(lambda: outbox_row(server, queued)[::2] == ("1", "0"), MAIL_TIMEOUT, "a failed first attempt")

        server.kill()
        assert registration_state(server, [sent_before, queued]) == {sent_before: (1, 1, 1), queued: (1, 1, 1)}
        assert int(outbox_row(server, queued)[1]) == 0, "the second message should wait in the outbox"

        with SmtpSink(port=relay_port) as sink:
            server.start(port=server.port)
            received = sink.wait_for(queued, timeout=RETRY_DELAY + MAIL_TIMEOUT)
            wait_until(lambda: all_sent(server, queued), MAIL_TIMEOUT, "the outbox records the delivery")
            assert len(sink.to(queued)) == 1, f"{len(sink.to(queued))} copies of one message"
            assert sink.to(sent_before) == [], "a message delivered before the kill was sent again"
            for address, mail, name in ((sent_before, first_mail, "Sent"), (queued, received, "Queued")):
                set_password_by_link(server, the_link(mail.message(), server), NEW_PASSWORD)
                ticket = Browser(server).login(SERVICE, User(address, name, "Ada", NEW_PASSWORD))
                assert validate(server, ticket), f"{address}: the new account's ticket was refused"


def test_kill_while_registrations_are_posted(backend, tmp_path):
    """Registrations posted together, the node killed when the first is answered. After the
    restart each address has either nothing or an account with its link and its mail — never an
    account without its mail nor a mail without its account — every answered one has its
    account, every account's mail goes out once, and a registration that left nothing is made
    again. The relay is down during the volley (the mails wait in the outbox), so that no
    delivery is cut: test_kill_during_mail_delivery is about that."""
    relay_port = free_port()
    env = smtp_env(relay_port, LIMEN_MAIL__RETRY__FIRST_DELAY_SECONDS="1", **OPEN_LIMITS)
    with running_limen(backend, tmp_path, extra_env=env) as server:
        server.add_service("Fault app", [SERVICE_PATTERN], attributes=ALL_ATTRIBUTES)
        forms = []
        for i in range(16):
            browser = Browser(server)
            page = browser.get("/cas/register")
            assert page.status_code == 200, f"GET /cas/register: {page.status_code}\n{page.text[:1000]}"
            forms.append((browser, page, unique_address(f"volley{i}")))

        def send(item):
            browser, page, address = item
            return submit_registration(browser, page, first_name="Ada", last_name="Volley", address=address)

        shots = volley(send, forms, server.kill)
        server.kill()  # already dead unless no registration was answered at all
        answered = [s for s in shots if s.answered]
        assert answered, f"no registration was answered: {[repr(s.error) for s in shots]}"
        for shot in answered:
            assert shot.answer.status_code == 200 and "<h1>Check your mailbox</h1>" in shot.answer.text, (
                f"{shot.answer.status_code}\n{shot.answer.text[:1000]}"
            )

        addresses = [item[2] for item in forms]
        state = registration_state(server, addresses)
        for address, counts in state.items():
            assert counts in ((0, 0, 0), (1, 1, 1)), f"{address}: (accounts, links, mails) = {counts}: half-written"
        for shot in answered:
            assert state[shot.item[2]][0] == 1, f"{shot.item[2]} was told to check its mailbox, but has no account"
        with_account = [a for a in addresses if state[a][0] == 1]

        # A message whose delivery attempt the kill cut (claimed, its failure not yet recorded) is
        # leased by the dead node: it goes out when the lease ends (test_kill_during_mail_delivery
        # waits for that); the others go out at once.
        now = time.time()
        leased = {a for a in with_account if int(outbox_row(server, a)[2]) > now}
        for address in leased:
            assert int(outbox_row(server, address)[2]) <= now + LEASE_WAIT, outbox_row(server, address)
        prompt = [a for a in with_account if a not in leased]
        log.info(
            "registrations: %d answered before the kill, %d cut, %d accounts, %d mails leased by the dead node",
            len(answered),
            len(shots) - len(answered),
            len(with_account),
            len(leased),
        )
        with SmtpSink(port=relay_port) as sink:
            server.start(port=server.port)
            for address in prompt:
                sink.wait_for(address)
            wait_until(
                lambda: all(all_sent(server, a) for a in prompt), MAIL_TIMEOUT, "the outbox records the deliveries"
            )
            for address in prompt:
                assert len(sink.to(address)) == 1, f"{len(sink.to(address))} copies of the mail to {address}"
            made_again = [a for a in addresses if a not in with_account][:1]
            for address in made_again:
                again = register(Browser(server), None, first_name="Ada", last_name="Volley", address=address)
                assert again.status_code == 200 and "<h1>Check your mailbox</h1>" in again.text, again.text[:1000]
                sink.wait_for(address)
            # A link works: an answered registration's, else (its mail leased) another one's.
            told = ([s.item[2] for s in answered if s.item[2] in prompt] or prompt or made_again)[0]
            set_password_by_link(server, the_link(sink.wait_for(told).message(), server), NEW_PASSWORD)
            assert validate(server, Browser(server).login(SERVICE, User(told, "Volley", "Ada", NEW_PASSWORD)))


# --------------------------------------------------------------------------------------------
# kill -9: password logins
# --------------------------------------------------------------------------------------------


def test_kill_while_passwords_are_posted(backend, tmp_path):
    """Password posts in flight (queued behind the bounded Argon2 pool) when the node dies. After
    the restart: the session acknowledged before still works, the answered logins' sessions
    too, a cut one left no session behind its cookie, the throttle counted no more than the
    attempts made (an attempt in flight counts until it is settled — a kill settles none) and
    locked nobody, and a fresh login works and clears the account's counter."""
    with running_limen(backend, tmp_path, extra_env=dict(OPEN_LIMITS)) as server:
        server.add_service("Fault app", [SERVICE_PATTERN], attributes=ALL_ATTRIBUTES)
        users = [make_user(server, f"pw{i}") for i in range(4)]
        per_user = 3  # < account_max_failures: reservations left by the kill lock nobody
        assert per_user < ACCOUNT_MAX_FAILURES
        before = Browser(server)
        assert validate(server, before.login(SERVICE, users[0]))

        pending = []
        for user in users:
            for _ in range(per_user):
                browser = Browser(server)
                page = browser.submit_email(browser.login_page(SERVICE), user.email)
                assert page.status_code == 200, f"email step: {page.status_code}\n{page.text[:1000]}"
                pending.append((browser, page, user))

        shots = volley(lambda item: item[0].submit_password(item[1], item[2].password), pending, server.kill)
        server.kill()
        answered = [s for s in shots if s.answered]
        cut = [s for s in shots if not s.answered]
        log.info("password logins: %d answered before the kill, %d cut", len(answered), len(cut))
        assert answered, f"no login was answered: {[repr(s.error) for s in shots]}"
        for shot in answered:
            assert shot.answer.status_code == 303, f"{shot.answer.status_code}\n{shot.answer.text[:1000]}"

        server.start(port=server.port)
        url = server.database_url
        assert has_sso_session(before), "the SSO session acknowledged before the kill was lost"
        for shot in answered:
            assert has_sso_session(shot.item[0]), "an answered login's session was lost"
        for shot in cut:
            assert not has_sso_session(shot.item[0]), "a cut login's cookie opens a session"
        sessions = sql_count(url, "SELECT count(*) FROM sso_sessions")
        assert 1 + len(answered) <= sessions <= 1 + len(shots), f"{sessions} SSO sessions"

        rows = sql_rows(url, "SELECT key, failures, locked_until FROM throttle")
        for key, failures, locked_until in rows:
            limit = per_user if key.startswith("acct:") else len(cut)
            assert int(failures) <= limit, f"throttle {key}: {failures} failures from {limit} attempts cut"
            assert int(locked_until) == 0, f"throttle {key} locked by right passwords: {locked_until}"
        for user in users:
            assert validate(server, Browser(server).login(SERVICE, user)), f"{user.email}: fresh login refused"
        left = sql_rows(url, "SELECT key, failures FROM throttle WHERE key LIKE 'acct:%' AND failures > 0")
        assert left == [], f"a successful login leaves its account's counter at 0: {left}"


# --------------------------------------------------------------------------------------------
# kill -9: OpenID Connect code exchanges
# --------------------------------------------------------------------------------------------


def authorization_url(metadata: dict, client, state: str) -> str:
    params = {
        "response_type": "code",
        "client_id": client.client_id,
        "redirect_uri": client.redirect_uri,
        "scope": "openid email",
        "state": state,
        "nonce": secrets.token_urlsafe(12),
    }
    return metadata["authorization_endpoint"] + "?" + urlencode(params)


def exchange(metadata: dict, client, code: str) -> requests.Response:
    """RFC 6749 §4.1.3, client_secret_basic."""
    return requests.post(
        metadata["token_endpoint"],
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": client.redirect_uri},
        auth=(client.client_id, client.client_secret),
        timeout=HTTP_TIMEOUT,
    )


def test_kill_while_codes_are_exchanged(backend, tmp_path):
    """Code exchanges in flight when the node dies. Counting successes per code before and after
    the restart: none is redeemed twice; the access tokens acknowledged before the kill work at
    userinfo after it; every code that got its tokens is refused on reuse (invalid_grant, RFC 6749
    §4.1.2), which revokes those tokens."""
    with running_limen(backend, tmp_path, extra_env=dict(OPEN_LIMITS)) as server:
        user = make_user(server, "oidc")
        client = register_client(server, "faults")
        metadata = discovery(server)
        browser = OidcBrowser(server)
        codes = []
        for i in range(40):
            state = f"s{i}"
            location = browser.authorize(authorization_url(metadata, client, state), user if i == 0 else None)
            params = callback_params(location, client)
            assert params.get("state") == state and params.get("code"), params
            codes.append(params["code"])

        shots = volley(lambda code: exchange(metadata, client, code), codes, server.kill)
        server.kill()
        successes = dict.fromkeys(codes, 0)
        tokens = {}
        for shot in shots:
            if not shot.answered:
                continue
            assert shot.answer.status_code == 200, f"{shot.answer.status_code}: {shot.answer.text[:500]}"
            successes[shot.item] += 1
            tokens[shot.item] = shot.answer.json()["access_token"]
        log.info("code exchanges: %d answered before the kill, %d cut", len(tokens), len(codes) - len(tokens))
        assert tokens, f"no exchange was answered: {[repr(s.error) for s in shots]}"

        server.start(port=server.port)
        for code, access_token in tokens.items():
            info = requests.get(
                metadata["userinfo_endpoint"], headers={"Authorization": f"Bearer {access_token}"}, timeout=HTTP_TIMEOUT
            )
            assert info.status_code == 200, f"an acknowledged access token is refused: {info.status_code} {info.text}"
            assert info.json().get("email") == user.email, info.text
        for code in codes:
            again = exchange(metadata, client, code)
            if again.status_code == 200:
                successes[code] += 1
                again = exchange(metadata, client, code)
            assert again.status_code == 400 and again.json().get("error") == "invalid_grant", (
                f"a redeemed code was not refused on reuse: {again.status_code} {again.text}"
            )
        twice = {code: n for code, n in successes.items() if n > 1}
        assert not twice, f"codes redeemed more than once: {twice}"
        # The replays revoked what their codes had given (RFC 6749 §4.1.2), across the restart.
        for access_token in tokens.values():
            info = requests.get(
                metadata["userinfo_endpoint"], headers={"Authorization": f"Bearer {access_token}"}, timeout=HTTP_TIMEOUT
            )
            assert info.status_code == 401, f"a replayed code's access token still works: {info.status_code}"


# --------------------------------------------------------------------------------------------
# kill -9: outbox delivery
# --------------------------------------------------------------------------------------------


def test_kill_during_mail_delivery(backend, tmp_path):
    """The relay has the whole message but holds its answer; the node delivering it dies. On
    SQLite the node is restarted on its database; on PostgreSQL a second node, running all along
    on the same database, takes over. The message is re-sent when the lease ends: it arrives,
    never lost. At most one duplicate (RFC 1047): with this relay, which kept the first copy,
    there are exactly two copies; with one that drops a transaction its client abandons, one."""
    master_key = secrets.token_hex(32)  # every node of a cluster has the same one
    env = smtp_env(0, LIMEN_KEYS__MASTER_KEY=master_key, **OPEN_LIMITS)
    (tmp_path / "a").mkdir()
    with HeldRelay(hold=LEASE_WAIT) as relay:
        env["LIMEN_MAIL__SMTP__PORT"] = str(relay.port)
        with running_limen(backend, tmp_path / "a", extra_env=env) as node_a:
            other = None
            try:
                address = unique_address("held")
                done = register(Browser(node_a), None, first_name="Ada", last_name="Held", address=address)
                assert done.status_code == 200, done.text[:2000]
                assert relay.data_in.wait(MAIL_TIMEOUT), "the message never reached the relay"
                claimed = time.monotonic()
                if backend == "postgres":
                    # The second node starts while the first holds the message's lease (it is the
                    # only node there was): it must leave the message alone until the lease ends.
                    workdir = tmp_path / "b"
                    workdir.mkdir()
                    other = LimenServer(limen_binary(), node_a.database_url, workdir, "postgres-b", extra_env=env)
                    other.start()
                    node_a.kill()
                    survivor = other
                else:
                    node_a.kill()
                    node_a.start(port=node_a.port)
                    survivor = node_a
                assert len(relay.to(address)) == 1

                wait_until(lambda: len(relay.to(address)) >= 2, LEASE_WAIT, "the message sent again after its lease")
                log.info("re-sent %.1f s after the first delivery was claimed", time.monotonic() - claimed)
                wait_until(lambda: all_sent(survivor, address), MAIL_TIMEOUT, "the outbox records the delivery")
                copies = len(relay.to(address))
                assert copies in (1, 2), f"{copies} copies of one message"
                assert relay.to(address)[0].data == relay.to(address)[-1].data, "the copies differ"
                the_link(relay.to(address)[-1].message(), node_a)
                if not node_a.alive():
                    node_a.start(port=node_a.port)  # back, and it sends nothing again
                    assert all_sent(node_a, address) and len(relay.to(address)) == copies
            finally:
                if other is not None:
                    other.stop()


# --------------------------------------------------------------------------------------------
# A full disk (SQLite)
# --------------------------------------------------------------------------------------------


def assert_unavailable(resp: requests.Response, what: str) -> None:
    """Contract item 1: 503 with Retry-After: 5 and a page saying to try again shortly."""
    assert resp.status_code == 503, f"{what} on a full disk: {resp.status_code}\n{resp.text[:1000]}"
    assert resp.headers.get("Retry-After") == "5", f"{what}: Retry-After {resp.headers.get('Retry-After')!r}"
    assert "unavailable" in resp.text.lower(), f"{what}: no clear message\n{resp.text[:1000]}"


def test_disk_full_under_sqlite(tmp_path):
    """The database on a small tmpfs filled to the last block: a login and a registration get
    503 + Retry-After, reads answer without a 500, the process stays up; with the filler gone the
    same actions succeed, without a restart."""
    disk = SmallDisk(tmp_path / "db", size="32m")
    why = disk.mount()
    require(why is None, f"no small disk for the test: {why}")
    try:
        with SmtpSink() as sink:
            env = smtp_env(sink.port, **OPEN_LIMITS)
            server = LimenServer(limen_binary(), f"sqlite://{disk.path / 'limen.db'}", tmp_path, "sqlite-full", env)
            server.start()
            try:
                full_disk_round(server, disk, sink)
            finally:
                died = not server.alive()
                code = server.stop()
                assert not died, f"limen serve died on the full disk (status {code}):\n{server.log_text()}"
                assert "panicked at" not in server.log_text(max_lines=100_000), server.log_text()
    finally:
        disk.umount()


def full_disk_round(server: LimenServer, disk: SmallDisk, sink: SmtpSink) -> None:
    server.add_service("Fault app", [SERVICE_PATTERN], attributes=ALL_ATTRIBUTES)
    user = make_user(server, "full")
    login = Browser(server)
    password_page = login.submit_email(login.login_page(SERVICE), user.email)
    assert password_page.status_code == 200, password_page.text[:1000]
    registration = Browser(server)
    register_page = registration.get("/cas/register")
    assert register_page.status_code == 200
    address = unique_address("full")

    # Empty the write-ahead log into the database, so that the next write must grow a file.
    sql_rows(server.database_url, "PRAGMA wal_checkpoint(TRUNCATE)")
    disk.fill()
    assert_unavailable(login.submit_password(password_page, user.password), "the password step")
    refused = submit_registration(registration, register_page, first_name="Ada", last_name="Full", address=address)
    assert_unavailable(refused, "a registration")
    health = requests.get(server.url("/health"), timeout=HTTP_TIMEOUT)
    assert health.status_code in (200, 503), f"/health: {health.status_code} {health.text}"
    if health.status_code == 503:
        assert health.json().get("status") == "degraded", health.text
        assert health.headers.get("Retry-After") == "5", health.headers
    else:
        assert health.json() == {"status": "ok", "database": "sqlite"}, health.text
    page = Browser(server).login_page(SERVICE)
    assert page.status_code in (200, 503), f"the sign-in page on a full disk: {page.status_code}"
    if page.status_code == 503:
        assert_unavailable(page, "the sign-in page")
    assert server.alive()
    log.info("full disk: /health %s, sign-in page %s", health.status_code, page.status_code)

    disk.empty()
    done = login.submit_password(password_page, user.password)
    assert done.status_code == 303, f"the same password step with room again: {done.status_code}\n{done.text[:1000]}"
    assert validate(server, done.headers["Location"].split("ticket=", 1)[1])
    again = submit_registration(registration, register_page, first_name="Ada", last_name="Full", address=address)
    assert again.status_code == 200 and "<h1>Check your mailbox</h1>" in again.text, (
        f"the same registration with room again: {again.status_code}\n{again.text[:1000]}"
    )
    sink.wait_for(address)
    assert requests.get(server.url("/health"), timeout=HTTP_TIMEOUT).status_code == 200


# --------------------------------------------------------------------------------------------
# SIGTERM
# --------------------------------------------------------------------------------------------


def sigterm_server(tmp_path: Path, **env: str) -> LimenServer:
    database_url, _ = backend_database("sqlite", tmp_path)
    env = {"LIMEN_HTTP__SHUTDOWN_GRACE_SECONDS": str(GRACE_SECONDS), **OPEN_LIMITS, **env}
    server = LimenServer(limen_binary(), database_url, tmp_path, "sqlite-sigterm", extra_env=env)
    server.start()
    return server


def raw_post(browser: Browser, page: requests.Response, password: str) -> tuple[str, bytes]:
    """The password step of `browser` as raw HTTP/1.1 bytes (head, body), closing the connection."""
    form = login_form(page)
    data = form.hidden()
    data.update({"step": "password", "method": "PASSWORD", "password": password})
    prepared = browser.session.prepare_request(requests.Request("POST", form.action, data=data))
    path = prepared.path_url
    headers = {
        "Host": f"127.0.0.1:{browser.server.port}",
        "Content-Type": prepared.headers["Content-Type"],
        "Content-Length": prepared.headers["Content-Length"],
        "Cookie": prepared.headers.get("Cookie", ""),
        "Connection": "close",
    }
    head = f"POST {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    return head, prepared.body.encode() if isinstance(prepared.body, str) else prepared.body


def wait_accepted(port: int) -> None:
    wait_until(lambda: accept_queue(port) == 0, 10, "the node accepting every connection")


def test_sigterm_lets_requests_in_flight_finish(tmp_path):
    """Password logins queued behind one Argon2 worker and one whose body is still arriving when
    SIGTERM comes: the listener closes at once (new connections refused while they run), each
    of them gets its answer, and the process exits 0 and says "stopped"."""
    # One account, its attempts in flight all at once: above the account's limit, which counts
    # the attempts in flight.
    server = sigterm_server(tmp_path, LIMEN_PASSWORD__HASH_WORKERS="1", LIMEN_THROTTLE__ACCOUNT_MAX_FAILURES="50")
    try:
        server.add_service("Fault app", [SERVICE_PATTERN], attributes=ALL_ATTRIBUTES)
        user = make_user(server, "drain")
        posts = []
        for _ in range(7):
            browser = Browser(server)
            page = browser.submit_email(browser.login_page(SERVICE), user.email)
            assert page.status_code == 200, page.text[:1000]
            posts.append(raw_post(browser, page, user.password))
        slow_head, slow_body = posts.pop()
        slow = raw_request(server.port, slow_head, slow_body[:10])
        fast = [raw_request(server.port, head, body) for head, body in posts]
        wait_accepted(server.port)

        server.proc.send_signal(signal.SIGTERM)
        wait_until(lambda: connection_refused(server.port), GRACE_SECONDS, "new connections refused after SIGTERM")
        assert server.alive(), "the process ended before its requests in flight were answered"
        for i in range(10, len(slow_body), 8):  # the rest of the slow body, a little at a time
            slow.sendall(slow_body[i : i + 8])
            time.sleep(0.05)
        answers = [read_response(sock) for sock in [*fast, slow]]
        for status, headers, body in answers:
            assert status == 303, f"a request in flight got {status}: {body[:500]!r}"
            assert "ticket=ST-" in headers.get("location", ""), headers
        code = server.proc.wait(timeout=GRACE_SECONDS + 10)
        assert code == 0, f"exit status {code} after SIGTERM"
        assert "stopped" in server.log_text(), server.log_text()
    finally:
        server.stop()


def test_sigterm_does_not_wait_for_a_request_that_never_ends(tmp_path):
    """A password post whose body is trickled forever (its body time-out far away) does not keep
    the node alive past `[http] shutdown_grace_seconds`: it exits 0 once the grace has run out."""
    server = sigterm_server(tmp_path, LIMEN_HTTP__BODY_TIMEOUT_SECONDS="300")
    stop = threading.Event()
    try:
        server.add_service("Fault app", [SERVICE_PATTERN], attributes=ALL_ATTRIBUTES)
        user = make_user(server, "trickle")
        browser = Browser(server)
        page = browser.submit_email(browser.login_page(SERVICE), user.email)
        head, body = raw_post(browser, page, "")
        endless = 4000  # bytes announced beyond the form: the password, one byte at a time
        head = head.replace(f"Content-Length: {len(body)}\r\n", f"Content-Length: {len(body) + endless}\r\n")
        sock = raw_request(server.port, head, body)

        def trickle() -> None:
            while not stop.wait(0.2):
                try:
                    sock.sendall(b"a")
                except OSError:
                    return

        thread = threading.Thread(target=trickle, name="trickle", daemon=True)
        thread.start()
        wait_accepted(server.port)
        assert not answered_yet(sock), "the trickled request was answered before SIGTERM"
        signalled = time.monotonic()
        server.proc.send_signal(signal.SIGTERM)
        # The bound lies between the grace set here and the default one (10 s), far below the body
        # time-out: only this grace can have ended the request.
        bound = GRACE_SECONDS + 5
        try:
            code = server.proc.wait(timeout=bound)
        except subprocess.TimeoutExpired:
            raise AssertionError(
                f"still running {bound} s after SIGTERM, held by a request that never ends "
                f"(LIMEN_HTTP__SHUTDOWN_GRACE_SECONDS={GRACE_SECONDS})"
            ) from None
        log.info("exited %.1f s after SIGTERM (grace %d s)", time.monotonic() - signalled, GRACE_SECONDS)
        assert code == 0, f"exit status {code} after SIGTERM"
        assert "stopped" in server.log_text(), server.log_text()
    finally:
        stop.set()
        server.stop()


def answered_yet(sock: socket.socket) -> bool:
    """Whether anything (data or the end of the connection) came back on `sock` yet, unread."""
    readable, _, _ = select.select([sock], [], [], 0)
    return bool(readable)


# --------------------------------------------------------------------------------------------
# The wall clock stepped (libfaketime)
# --------------------------------------------------------------------------------------------


def server_clock_offset(server: LimenServer) -> float:
    """How far the node's wall clock is from ours, read from its Date header (RFC 9110 §6.6.1)."""
    resp = requests.get(server.url("/health"), timeout=HTTP_TIMEOUT)
    return email.utils.parsedate_to_datetime(resp.headers["Date"]).timestamp() - time.time()


def code_for(browser: OidcBrowser, metadata: dict, client, user: User | None) -> str:
    location = browser.authorize(authorization_url(metadata, client, "clock"), user)
    return callback_params(location, client)["code"]


def test_clock_steps_under_a_node(backend, tmp_path):
    """libfaketime steps the node's wall clock (its monotonic clock runs true). Forward 2 h: the
    ticket and code minted before have expired; new ones work once. Back 3 h (1 h before real
    time): a ticket and a code minted before the step are refused as if expired (contract item 4:
    presented more than 30 s before their creation time), those minted after work, once."""
    library = libfaketime_path()
    require(library is not None, "libfaketime is not installed (Debian's faketime and libfaketime)")
    clock = SteppedClock(library, tmp_path)
    with running_limen(backend, tmp_path, extra_env={**clock.env(), **OPEN_LIMITS}) as server:
        assert abs(server_clock_offset(server)) < 60
        server.add_service("Fault app", [SERVICE_PATTERN], attributes=ALL_ATTRIBUTES)
        user = make_user(server, "clock")
        client = register_client(server, "clock")
        metadata = discovery(server)
        t1 = Browser(server).login(SERVICE, user)
        c1 = code_for(OidcBrowser(server), metadata, client, user)

        clock.step(2 * 3600)
        offset = server_clock_offset(server)
        assert 2 * 3600 - 60 < offset < 2 * 3600 + 60, (
            f"libfaketime did not move the node's clock: its Date header is {offset:+.0f} s from ours"
        )
        assert validate(server, t1) is None, "a ticket minted 2 h before was accepted"
        assert_invalid_grant(exchange(metadata, client, c1), "a code minted 2 h before")
        t2 = Browser(server).login(SERVICE, user)
        assert validate(server, t2), "a ticket minted after the step forward was refused"
        assert validate(server, t2) is None, "a ticket validated twice"
        t3 = Browser(server).login(SERVICE, user)
        c3 = code_for(OidcBrowser(server), metadata, client, user)

        clock.step(-3 * 3600)
        assert validate(server, t3) is None, "a ticket presented 3 h before its creation time was accepted"
        assert_invalid_grant(exchange(metadata, client, c3), "a code presented 3 h before its creation time")
        assert validate(server, t1) is None, "the first ticket came back to life"
        t4 = Browser(server).login(SERVICE, user)
        assert validate(server, t4), "a ticket minted after the step back was refused"
        assert validate(server, t4) is None, "a ticket validated twice"
        c4 = code_for(OidcBrowser(server), metadata, client, user)
        tokens = exchange(metadata, client, c4)
        assert tokens.status_code == 200, f"a code minted after the step back: {tokens.status_code} {tokens.text}"
        claims = jwt_payload_unverified(tokens.json()["id_token"])
        assert abs(claims["iat"] - (time.time() - 3600)) < 120, f"iat {claims['iat']} is not an hour back"
        assert_invalid_grant(exchange(metadata, client, c4), "a code used twice")
        health = requests.get(server.url("/health"), timeout=HTTP_TIMEOUT)
        assert health.status_code == 200, health.text


def assert_invalid_grant(resp: requests.Response, what: str) -> None:
    assert resp.status_code == 400 and resp.json().get("error") == "invalid_grant", (
        f"{what}: {resp.status_code} {resp.text[:500]}"
    )
