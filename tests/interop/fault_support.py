"""Faults on real `limen serve` processes (test_faults.py): requests fired together so that a
kill lands while they are in flight, look-ups into a node's database after it died, an SMTP relay
that holds its answer to the end of DATA, a tmpfs small enough to fill, and libfaketime's clock
that a test steps by rewriting a file.

Everything talks to 127.0.0.1 only. What this module starts or mounts, its callers stop or
unmount in `finally` blocks (or context managers), failed test or not.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import glob
import logging
import os
import socket
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from test_mail_flow import SmtpSink

log = logging.getLogger(__name__)


def in_ci() -> bool:
    return os.environ.get("CI", "") not in ("", "false", "0")


def require(available: bool, reason: str) -> None:
    """Skip with `reason` when a facility of the machine is missing; in CI, fail instead (the
    project's scripts install what the tests need, so a missing one there is a bug)."""
    if available:
        return
    if in_ci():
        pytest.fail(f"{reason}: required in CI", pytrace=False)
    pytest.skip(reason)


def wait_until(condition: Callable[[], Any], timeout: float, what: str, interval: float = 0.05) -> Any:
    """Poll `condition` until it returns something true; its value, or AssertionError naming `what`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"{what}: not within {timeout:.0f} s")
        time.sleep(interval)


# --------------------------------------------------------------------------------------------
# Look-ups into a node's database, from outside the node (it may be dead)
# --------------------------------------------------------------------------------------------


def sql_literal(value: str | int) -> str:
    """A value for an SQL text (both dialects): integers as they are, strings quoted."""
    if isinstance(value, int):
        return str(value)
    return "'" + value.replace("'", "''") + "'"


def sql_rows(database_url: str, query: str) -> list[tuple[str, ...]]:
    """The rows of `query`, every value as text ('' for NULL). Values are put in the query with
    `sql_literal`: psql takes no bind parameters on its command line."""
    if database_url.startswith("sqlite://"):
        path = database_url[len("sqlite://") :].split("?", 1)[0]
        with contextlib.closing(sqlite3.connect(path, timeout=15)) as conn:
            rows = conn.execute(query).fetchall()
        return [tuple("" if v is None else str(v) for v in row) for row in rows]
    proc = subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-F", "\x1f", "-v", "ON_ERROR_STOP=1", database_url, "-c", query],
        check=False,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"psql failed ({query}): {proc.stderr.strip()}")
    return [tuple(line.split("\x1f")) for line in proc.stdout.splitlines() if line]


def sql_count(database_url: str, query: str) -> int:
    ((value,),) = sql_rows(database_url, query)
    return int(value)


# --------------------------------------------------------------------------------------------
# Requests fired together, and a kill when the first answer is back
# --------------------------------------------------------------------------------------------


@dataclass
class Shot:
    """What became of one request fired in a volley: its answer, or the error that cut it."""

    item: Any
    answer: Any = None
    error: BaseException | None = None

    @property
    def answered(self) -> bool:
        return self.error is None


def volley(send: Callable[[Any], Any], items: Iterable[Any], on_first_answer: Callable[[], None]) -> list[Shot]:
    """`send(item)` for every item at once (one thread each, released together by a barrier);
    `on_first_answer` runs, once, as soon as any of them has its answer — the moment to kill the
    node while the others are still in flight. Returns every shot once all have ended."""
    items = list(items)
    shots = [Shot(item) for item in items]
    barrier = threading.Barrier(len(items))
    first = threading.Lock()
    fired = [False]

    def one(shot: Shot) -> None:
        barrier.wait()
        try:
            shot.answer = send(shot.item)
        except Exception as exc:  # noqa: BLE001 - a cut connection is an outcome here
            shot.error = exc
            return
        with first:
            if fired[0]:
                return
            fired[0] = True
        on_first_answer()

    with ThreadPoolExecutor(max_workers=len(items)) as pool:
        list(pool.map(one, shots))
    return shots


# --------------------------------------------------------------------------------------------
# A relay that has the message but has not said so yet
# --------------------------------------------------------------------------------------------


class HeldRelay(SmtpSink):
    """aiosmtpd (test_mail_flow's SmtpSink) that holds its reply to the end of the first
    message's DATA for `hold` seconds. That message is recorded as received as soon as its data
    is in: the relay has it, but its sender has not been told (the window of RFC 1047), which is
    where a sender that dies makes the one duplicate it may make. Later messages are answered at
    once. `data_in` is set when the held message's data has arrived."""

    def __init__(self, hold: float, port: int | None = None):
        super().__init__(port=port)
        self.data_in = threading.Event()
        handler = self.controller.handler
        record = handler.handle_DATA
        relay = self

        async def handle_DATA(server, session, envelope):
            status = await record(server, session, envelope)
            if not relay.data_in.is_set():
                relay.data_in.set()
                await asyncio.sleep(hold)
            return status

        # aiosmtpd binds a connection's hooks when the connection opens: set before any does.
        handler.handle_DATA = handle_DATA


# --------------------------------------------------------------------------------------------
# A small disk
# --------------------------------------------------------------------------------------------


class SmallDisk:
    """A tmpfs of `size` mounted at `path` (root only): a database directory that a filler file
    can fill to the last byte, and that frees at once when the filler goes."""

    def __init__(self, path: Path, size: str = "16m"):
        self.path = path
        self.size = size
        self.filler = path / "filler"
        self.mounted = False

    def mount(self) -> str | None:
        """Mounts the tmpfs; None, or why it could not be mounted."""
        self.path.mkdir(parents=True, exist_ok=True)
        if os.geteuid() != 0:
            return "mounting a tmpfs needs root"
        proc = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={self.size},mode=0700", "tmpfs", str(self.path)],
            check=False,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=30,
        )
        if proc.returncode != 0:
            return f"mount -t tmpfs refused: {proc.stderr.strip() or proc.returncode}"
        self.mounted = True
        return None

    def umount(self) -> None:
        if self.mounted:
            subprocess.run(["umount", str(self.path)], check=True, stdin=subprocess.DEVNULL, timeout=30)
            self.mounted = False

    def free_bytes(self) -> int:
        st = os.statvfs(self.path)
        return st.f_bavail * st.f_frsize

    def fill(self) -> None:
        """Writes the filler until the file system has not one block left."""
        with open(self.filler, "ab", buffering=0) as out:
            for chunk in (1 << 20, 4096, 1):
                block = b"\0" * chunk
                while True:
                    try:
                        out.write(block)
                    except OSError as exc:
                        if exc.errno != errno.ENOSPC:
                            raise
                        break
        assert self.free_bytes() == 0, f"{self.free_bytes()} bytes still free on {self.path}"

    def empty(self) -> None:
        self.filler.unlink(missing_ok=True)


# --------------------------------------------------------------------------------------------
# libfaketime: a clock the test steps
# --------------------------------------------------------------------------------------------


def libfaketime_path() -> Path | None:
    """Debian's libfaketime (package libfaketime), whatever the architecture's directory."""
    for pattern in ("/usr/lib/*/faketime/libfaketime.so.1", "/usr/lib/faketime/libfaketime.so.1"):
        found = sorted(glob.glob(pattern))
        if found:
            return Path(found[0])
    return None


class SteppedClock:
    """The wall clock of one process as libfaketime shows it: real time plus an offset read from
    a file on every call (FAKETIME_NO_CACHE), so that rewriting the file steps the clock of the
    running process. The monotonic clock is left alone (FAKETIME_DONT_FAKE_MONOTONIC): tokio's
    timers and the server's time-outs keep running true, as they do when NTP steps a real clock."""

    def __init__(self, library: Path, directory: Path):
        self.library = library
        self.file = directory / "faketime.rc"
        self.offset = 0
        self._write()

    def env(self) -> dict[str, str]:
        return {
            "LD_PRELOAD": str(self.library),
            "FAKETIME_TIMESTAMP_FILE": str(self.file),
            "FAKETIME_NO_CACHE": "1",
            "FAKETIME_DONT_FAKE_MONOTONIC": "1",
        }

    def step(self, seconds: int) -> None:
        self.offset += seconds
        self._write()

    def _write(self) -> None:
        # Written whole and renamed over the old file: the process never reads half a line.
        tmp = self.file.with_suffix(".tmp")
        tmp.write_text(f"{self.offset:+d}\n")
        tmp.replace(self.file)


# --------------------------------------------------------------------------------------------
# Raw HTTP, for requests that must be in flight at a precise moment
# --------------------------------------------------------------------------------------------


def raw_request(port: int, head: str, body: bytes = b"") -> socket.socket:
    """Sends a whole HTTP/1.1 request on a new connection and returns the connection, unread."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(head.encode() + body)
    return sock


def read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and body of the one response on `sock` (which the
    request asked to close: `Connection: close`)."""
    data = b""
    with sock:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    if not lines or not lines[0].startswith("HTTP/1.1 "):
        raise ConnectionError(f"no HTTP response: {data[:200]!r}")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


def accept_queue(port: int) -> int | None:
    """Connections waiting in the kernel's accept queue of the IPv4 listener on `port` (for a
    listening socket, the rx_queue column of /proc/net/tcp); None when nothing listens there."""
    with open("/proc/net/tcp", encoding="ascii") as table:
        next(table)  # the header
        for line in table:
            fields = line.split()
            local, state, queues = fields[1], fields[3], fields[4]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:  # 0A: TCP_LISTEN
                return int(queues.split(":")[1], 16)
    return None


def connection_refused(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return False
    except ConnectionRefusedError:
        return True
