"""What one login, validation, token exchange and userinfo call cost a PostgreSQL primary.

Run by `scripts/write-cost` (docs/SCALING.md, "How far one PostgreSQL primary goes"). It starts
`limen serve` on a fresh PostgreSQL database, performs each operation N times, one at a time, and
reads PostgreSQL's own counters around each phase:

- `pg_stat_database` of that database: transactions committed, rows inserted, updated, deleted;
- `pg_stat_wal` (the whole server): WAL records and bytes — what a standby must receive and what
  the disk must absorb, the real cost of a write on a primary.

The idle node's own work (the outbox pollers, the periodic jobs) is measured over a pause of the
same length with no request and subtracted. Then `pgbench` measures what this PostgreSQL server
sustains with its built-in write-heavy script (`-N`, three UPDATEs and an INSERT per
transaction), for the projection in docs/SCALING.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests
from limen_interop import Browser, LimenServer, PgDatabase, User, limen_binary
from oidc_support import OidcBrowser, callback_params, register_client

SERVICE = "http://127.0.0.1:9/write-cost/"


def psql(url: str, sql: str) -> list[str]:
    out = subprocess.run(
        ["psql", "-X", "-q", "-t", "-A", "-F", "|", "-v", "ON_ERROR_STOP=1", url, "-c", sql],
        check=True,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    ).stdout
    return [line for line in out.splitlines() if line.strip()]


class Counters:
    """Snapshots of PostgreSQL's statistics for one database."""

    FIELDS = ("commits", "inserted", "updated", "deleted", "wal_records", "wal_bytes")

    def __init__(self, admin_url: str, database: str):
        self.admin_url = admin_url
        self.database = database

    def snapshot(self) -> dict[str, int]:
        # Each server process reports its counters when it goes idle, at most once a second, and
        # an idle one that could not report waits 10 s (PGSTAT_IDLE_INTERVAL): wait that out.
        time.sleep(11)
        row = psql(
            self.admin_url,
            "SELECT d.xact_commit, d.tup_inserted, d.tup_updated, d.tup_deleted, w.wal_records, w.wal_bytes "
            f"FROM pg_stat_database d, pg_stat_wal w WHERE d.datname = '{self.database}'",
        )[0].split("|")
        return dict(zip(self.FIELDS, (int(float(v)) for v in row), strict=True))


def delta(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    return {k: b[k] - a[k] for k in a}


def measure(counters: Counters, label: str, n: int, action, idle: dict[str, float]) -> dict[str, float]:
    before = counters.snapshot()
    started = time.monotonic()
    for i in range(n):
        action(i)
    seconds = time.monotonic() - started
    after = counters.snapshot()
    d = delta(before, after)
    # Subtract what the idle node did meanwhile (per second), then divide per operation.
    per_op = {k: max(0.0, (d[k] - idle[k] * (seconds + 11)) / n) for k in d}
    per_op["seconds"] = seconds / n
    print(
        f"  {label}: {n} in {seconds:.1f} s; per operation: "
        + ", ".join(f"{k} {v:.2f}" for k, v in per_op.items() if k != "seconds"),
        file=sys.stderr,
    )
    return per_op


def pgbench(admin_url: str, seconds: int, clients: int) -> dict[str, float]:
    """pgbench -N on a scratch database of this server: committed transactions and WAL bytes
    per second."""
    scratch = PgDatabase(admin_url).create()
    try:
        env = dict(os.environ)
        parts = urlsplit(scratch.url)
        env.update(PGHOST=parts.hostname or "127.0.0.1", PGPORT=str(parts.port or 5432), PGUSER=parts.username or "postgres")
        subprocess.run(["pgbench", "-q", "-i", "-s", "10", scratch.name], check=True, capture_output=True, env=env, timeout=600)
        wal_before = int(psql(admin_url, "SELECT wal_bytes FROM pg_stat_wal")[0].split(".")[0])
        out = subprocess.run(
            ["pgbench", "-N", "-c", str(clients), "-j", "2", "-T", str(seconds), scratch.name],
            check=True,
            capture_output=True,
            text=True,
            env=env,
            timeout=seconds + 120,
        ).stdout
        time.sleep(11)
        wal_after = int(psql(admin_url, "SELECT wal_bytes FROM pg_stat_wal")[0].split(".")[0])
        tps = float(re.search(r"tps = ([0-9.]+)", out).group(1))
        return {"tps": tps, "clients": clients, "seconds": seconds, "wal_per_second": (wal_after - wal_before) / seconds}
    finally:
        scratch.drop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=200, help="operations of each kind (default 200)")
    parser.add_argument("--pgbench-seconds", type=int, default=20, help="0 skips pgbench")
    args = parser.parse_args()
    admin_url = os.environ.get("LIMEN_TEST_PG", "postgres://postgres@127.0.0.1:5432/test")
    n = args.n

    db = PgDatabase(admin_url).create()
    workdir = Path(tempfile.mkdtemp(prefix="limen-write-cost-"))
    server = LimenServer(limen_binary(), db.url, workdir, "write-cost")
    try:
        server.start()
        user = User("cost@example.org", "Writer", "Cost", "Corr3ct-Horse-Battery!")
        server.add_user(user)
        server.add_service("Write cost", [SERVICE + "*"])
        client = register_client(server, "write-cost", redirect_uris=["http://127.0.0.1:9/write-cost/cb"])
        counters = Counters(admin_url, db.name)

        # The idle node: pollers and jobs, per second.
        idle_before = counters.snapshot()
        time.sleep(10)
        idle_after = counters.snapshot()
        idle = {k: v / 21 for k, v in delta(idle_before, idle_after).items()}
        print(f"  idle node, per second: {idle}", file=sys.stderr)

        results: dict[str, dict[str, float]] = {}
        tickets: list[str] = []

        def login(_i: int) -> None:
            tickets.append(Browser(server).login(SERVICE, user))

        results["password login (3 requests, ticket issued)"] = measure(counters, "login", n, login, idle)

        sso = Browser(server)
        sso.login(SERVICE, user)
        more = [sso.sso(SERVICE) for _ in range(n)]

        def validate(i: int) -> None:
            r = requests.get(server.url("/cas/p3/serviceValidate"), params={"service": SERVICE, "ticket": more[i]}, timeout=10)
            assert "authenticationSuccess" in r.text, r.text[:500]

        results["CAS ticket validation"] = measure(counters, "validate", n, validate, idle)

        oidc = OidcBrowser(server)
        codes = []
        for i in range(n):
            location = oidc.authorize(
                server.url("/oidc/authorize")
                + f"?response_type=code&client_id={client.client_id}&redirect_uri={client.redirect_uri}"
                + f"&scope=openid%20email&state=s{i}&nonce=n{i}",
                user,
            )
            codes.append(callback_params(location, client)["code"])
        tokens: list[str] = []

        def exchange(i: int) -> None:
            r = requests.post(
                server.url("/oidc/token"),
                auth=(client.client_id, client.client_secret or ""),
                data={"grant_type": "authorization_code", "code": codes[i], "redirect_uri": client.redirect_uri},
                timeout=10,
            )
            assert r.status_code == 200, r.text
            tokens.append(r.json()["access_token"])

        results["OIDC code exchange"] = measure(counters, "token", n, exchange, idle)

        def userinfo(i: int) -> None:
            r = requests.get(server.url("/oidc/userinfo"), headers={"Authorization": f"Bearer {tokens[i]}"}, timeout=10)
            assert r.status_code == 200, r.text

        results["OIDC userinfo"] = measure(counters, "userinfo", n, userinfo, idle)
    finally:
        server.stop()
        db.drop()
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"\nPer operation, {n} of each, one at a time (PostgreSQL {psql(admin_url, 'SHOW server_version')[0]}):\n")
    print("| operation | commits | rows inserted | rows updated | rows deleted | WAL records | WAL bytes |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, r in results.items():
        print(
            f"| {label} | {r['commits']:.1f} | {r['inserted']:.1f} | {r['updated']:.1f} | {r['deleted']:.1f} "
            f"| {r['wal_records']:.1f} | {r['wal_bytes']:.0f} |"
        )
    if args.pgbench_seconds > 0 and shutil.which("pgbench"):
        bench = pgbench(admin_url, args.pgbench_seconds, clients=8)
        print(
            f"\npgbench -N (3 UPDATEs + 1 INSERT per transaction), scale 10, {bench['clients']} clients, "
            f"{bench['seconds']} s on this server: {bench['tps']:.0f} transactions/s, "
            f"{bench['wal_per_second'] / 1e6:.1f} MB of WAL/s"
        )
        print(
            "\nIf write commits are the bound (each row written taken as one autocommitted write, an "
            "upper bound on the commits; pgbench's transaction is one commit):\n"
        )
        for label, r in results.items():
            writes = r["inserted"] + r["updated"] + r["deleted"]
            if writes >= 0.5:
                print(f"- {label}: {writes:.1f} rows written, about {bench['tps'] / writes:.0f}/s")
            else:
                print(f"- {label}: no write (reads only: bound by CPU, not by the primary's commits)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
