"""Fixtures: a real `limen serve` per storage backend (SQLite always, PostgreSQL when
LIMEN_TEST_PG is set), a user and services created through the CLI."""

from __future__ import annotations

import os

import pytest

from limen_interop import (
    ALL_ATTRIBUTES,
    APP1,
    APP2,
    APP3,
    PASSWORD,
    LimenServer,
    PgDatabase,
    User,
    World,
    limen_binary,
)


def pytest_report_header(config):
    pg = os.environ.get("LIMEN_TEST_PG")
    return [
        f"limen binary: {limen_binary()}",
        f"PostgreSQL backend: {'on (' + pg + ')' if pg else 'off (LIMEN_TEST_PG not set)'}",
    ]


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def limen(request, tmp_path_factory):
    backend = request.param
    workdir = tmp_path_factory.mktemp(f"limen-{backend}")
    if backend == "postgres":
        admin_url = os.environ.get("LIMEN_TEST_PG")
        if not admin_url:
            pytest.skip("LIMEN_TEST_PG is not set: PostgreSQL interop tests not run")
        db = PgDatabase(admin_url).create()
        request.addfinalizer(db.drop)
        database_url = db.url
    else:
        database_url = f"sqlite://{workdir / 'limen.db'}"

    server = LimenServer(limen_binary(), database_url, workdir, backend)
    error = None
    try:
        server.start()
    except RuntimeError as exc:
        error = str(exc)
    if error is not None:
        pytest.fail(error, pytrace=False)
    yield server
    died_early = not server.alive()
    code = server.stop()
    log = server.log_text(max_lines=100_000)
    if died_early:
        pytest.fail(f"limen serve ({backend}) died during the tests (status {code}):\n{server.log_text()}")
    if "panicked at" in log:
        pytest.fail(f"limen serve ({backend}) panicked during the tests:\n{server.log_text()}", pytrace=False)


@pytest.fixture(scope="session")
def world(limen: LimenServer) -> World:
    user = User(
        email="eleni.interop@example.org",
        first_name="Ελένη",
        last_name="Παπαδοπούλου",
        password=PASSWORD,
    )
    limen.add_user(user)
    limen.add_service("Interop app one", [APP1 + "*"], attributes=ALL_ATTRIBUTES)
    limen.add_service("Interop app two", [r"^" + APP2.replace(".", r"\.") + "[a-z]+$"], attributes=["uid", "email"])
    limen.add_service("Interop app three", [APP3], attributes=ALL_ATTRIBUTES)
    return World(
        server=limen,
        user=user,
        s1=APP1 + "index",
        s1_query=APP1 + "page?x=1&y=%C3%A9",
        s2=APP2 + "home",
        s3=APP3,
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        for server in list(LimenServer.running):
            report.sections.append((f"limen serve log ({server.label}, {server.log_path})", server.log_text()))
