"""SMS (issue 17) as the tests see it: the SMS gateways Limen talks to, run here by software this
project did not write, and what a user reads on a phone.

- Kannel (Debian's `kannel` and `kannel-extras`): a bearerbox with one `smsc = fake` link, the
  `fakesmsc` test phone network connected to it, and an smsbox whose `/cgi-bin/sendsms` Limen's
  templated HTTP gateway calls. Every message that reaches the fake network is printed by fakesmsc
  (`Got message N: <SENDER RECEIVER TYPE TEXT>`); `Kannel.delivered()` reads them back.
- An SMPP 3.4 SMSC: PyPI `smpp34` (a Rust SMPP codec and session engine) answers the binds and
  the `submit_sm`s. Its Python server accepts every bind and never shows the password, so a small
  wire tap in front of it (`SmppTap`) reads each PDU Limen sends, records the bind's fields
  (SMPP 3.4 §4.1.1), refuses a bind whose system_id or password is wrong with
  ESME_RINVPASWD (§5.1.3) and can cut every connection at once, like a network failure.
- A templated HTTP receiver (`HttpGateway`): any method, any body, Bearer or Basic
  authentication recorded, answers chosen by the test (a JSON success with a message id, a
  failure body, a 5xx).

Everything listens on 127.0.0.1 only, on free ports, and is stopped by its PID (or its thread).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote_to_bytes, urlsplit

from limen_interop import free_port

WAIT = 20.0  # seconds: how long a message may take to come out of a gateway

# --------------------------------------------------------------------------------------------
# Phone numbers and codes
# --------------------------------------------------------------------------------------------

# The SMS code of a sign-in: 9 characters in three groups, from an alphabet without the
# look-alikes 0/O, 1/I/L, 5/S, B/8.
CODE_ALPHABET = "23456789ACDEFGHJKMNPQRTUVWXY"
SIGN_IN_CODE = re.compile(rf"\b([{CODE_ALPHABET}]{{3}}-[{CODE_ALPHABET}]{{3}}-[{CODE_ALPHABET}]{{3}})\b")
# The code that confirms a new number on My account: 8 characters in two groups.
CONFIRM_CODE = re.compile(rf"\b([{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}})\b")


def number_type(e164: str) -> str:
    """What Google's libphonenumber (PyPI `phonenumbers`) says a number is: MOBILE,
    PREMIUM_RATE, TOLL_FREE, ... or INVALID."""
    import phonenumbers

    parsed = phonenumbers.parse(e164, None)
    if not phonenumbers.is_valid_number(parsed):
        return "INVALID"
    kind = phonenumbers.number_type(parsed)
    for name in dir(phonenumbers.PhoneNumberType):
        if not name.startswith("_") and getattr(phonenumbers.PhoneNumberType, name) == kind:
            return name
    return str(kind)


def region_of(e164: str) -> str:
    import phonenumbers

    return phonenumbers.region_code_for_number(phonenumbers.parse(e164, None)) or "?"


def international(e164: str) -> str:
    """The number as libphonenumber writes it internationally (`+33 6 12 34 56 78`)."""
    import phonenumbers

    return phonenumbers.format_number(phonenumbers.parse(e164, None), phonenumbers.PhoneNumberFormat.INTERNATIONAL)


_numbers = itertools.count(1)


def fresh_mobile(prefix: str = "+336", width: int = 8) -> str:
    """A French mobile number (06 xx xx xx xx) no other test of this run uses, checked MOBILE by
    libphonenumber."""
    while True:
        n = next(_numbers)
        seed = (os.getpid() * 7919 + n * 104729) % (10**width)
        candidate = f"{prefix}{seed:0{width}d}"
        if number_type(candidate) == "MOBILE":
            return candidate


def digits(e164: str) -> str:
    return e164.lstrip("+")


def same_number(a: str, b: str) -> bool:
    """Two writings of one number: with or without `+`, `00` or spaces."""

    def norm(s: str) -> str:
        s = re.sub(r"[\s().-]", "", s)
        s = s.removeprefix("00")
        return s.lstrip("+")

    return norm(a) == norm(b)


def sign_in_code(text: str) -> str:
    found = SIGN_IN_CODE.findall(text)
    assert len(found) == 1, f"expected one XXX-XXX-XXX code in the SMS, found {found}: {text!r}"
    return found[0]


def confirm_code(text: str) -> str:
    found = CONFIRM_CODE.findall(text)
    assert len(found) == 1, f"expected one XXXX-XXXX code in the SMS, found {found}: {text!r}"
    return found[0]


@dataclass
class Sms:
    """One SMS as the gateway received it."""

    to: str
    text: str
    sender: str = ""
    via: str = ""
    data_coding: int | None = None
    extra: dict = field(default_factory=dict)


def wait_until(what: str, probe: Callable[[], object], timeout: float = WAIT, every: float = 0.1):
    """Polls `probe` until it returns something truthy; fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        found = probe()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not after {timeout:.0f} s")
        time.sleep(every)


# --------------------------------------------------------------------------------------------
# GSM 03.38 (3GPP TS 23.038 §6.2.1): the default alphabet of data_coding 0, one septet an octet
# --------------------------------------------------------------------------------------------

GSM_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = {
    0x0A: "\f",
    0x14: "^",
    0x28: "{",
    0x29: "}",
    0x2F: "\\",
    0x3C: "[",
    0x3D: "~",
    0x3E: "]",
    0x40: "|",
    0x65: "€",
}
assert len(GSM_BASIC) == 128


def gsm_decode(data: bytes) -> str:
    """Unpacked GSM 7-bit default alphabet (as SMPP carries it) to text; 0x1B escapes into the
    extension table (§6.2.1.1)."""
    out = []
    escaped = False
    for octet in data:
        if octet > 0x7F:
            raise ValueError(f"octet {octet:#x} is not a GSM 7-bit septet")
        if escaped:
            out.append(GSM_EXTENSION.get(octet, "?"))
            escaped = False
        elif octet == 0x1B:
            escaped = True
        else:
            out.append(GSM_BASIC[octet])
    return "".join(out)


def gsm_encodable(text: str) -> bool:
    return all(ch in GSM_BASIC or ch in GSM_EXTENSION.values() for ch in text)


def decode_sm(data_coding: int, raw: bytes) -> str:
    """An SMPP message body as text by its data_coding (SMPP 3.4 §5.2.19): 0 the SMSC default
    alphabet (GSM 03.38 here), 1 IA5 (ASCII), 3 Latin-1, 8 UCS-2 (UTF-16BE)."""
    if data_coding == 0:
        return gsm_decode(raw)
    if data_coding == 1:
        return raw.decode("ascii")
    if data_coding == 3:
        return raw.decode("latin-1")
    if data_coding == 8:
        return raw.decode("utf-16-be")
    raise ValueError(f"data_coding {data_coding:#x} is not a text coding the tests know")


# --------------------------------------------------------------------------------------------
# Kannel
# --------------------------------------------------------------------------------------------

KANNEL_BINARIES = {
    "bearerbox": ["/usr/sbin/bearerbox"],
    "smsbox": ["/usr/sbin/smsbox"],
    "fakesmsc": ["/usr/lib/kannel/test/fakesmsc", "/usr/sbin/fakesmsc", "/usr/bin/fakesmsc"],
}


def kannel_binaries() -> dict[str, str] | None:
    """The paths of Kannel's bearerbox, smsbox and fakesmsc, or None when one is missing."""
    found = {}
    for name, candidates in KANNEL_BINARIES.items():
        path = next((p for p in candidates if os.access(p, os.X_OK)), None) or shutil.which(name)
        if path is None:
            return None
        found[name] = path
    return found


# fakesmsc prints each message the bearerbox routes to it, in its own MO input format:
# `SENDER RECEIVER text TEXT`, `SENDER RECEIVER data URLENCODED` (bytes outside printable ASCII),
# or, for a part of a long message, `SENDER RECEIVER udh URLENCODED-UDH data URLENCODED`.
FAKESMSC_LINE = re.compile(r"Got message \d+: <(\S*) (\S*) (.*)>$")


def concat_header(udh: bytes) -> tuple[int, int, int] | None:
    """(reference, total, sequence) of a concatenation information element in a user data header
    (3GPP TS 23.040 §9.2.3.24.1 with an 8-bit reference, §9.2.3.24.8 with a 16-bit one)."""
    pos = 1  # the UDHL octet first
    while pos + 2 <= len(udh):
        iei, length = udh[pos], udh[pos + 1]
        body = udh[pos + 2 : pos + 2 + length]
        if iei == 0x00 and length == 3:
            return body[0], body[1], body[2]
        if iei == 0x08 and length == 4:
            return (body[0] << 8) | body[1], body[2], body[3]
        pos += 2 + length
    return None


def url_decoded(data: str) -> bytes:
    """Kannel's URL encoding: `+` for a space (octet 0x20), `%XX` for other octets."""
    return unquote_to_bytes(data.replace("+", " "))


def message_bytes_text(raw: bytes) -> tuple[str, str]:
    """Bytes Kannel handed the network as text: UTF-16BE when that is what they are (`coding=2`),
    else UTF-8. Returns (text, "ucs2" | "8bit")."""
    if len(raw) % 2 == 0 and raw:
        try:
            text = raw.decode("utf-16-be")
        except UnicodeDecodeError:
            text = ""
        if text and all(ch.isprintable() or ch in "\n\r" for ch in text):
            return text, "ucs2"
    return raw.decode("utf-8", errors="replace"), "8bit"


def fakesmsc_messages(lines: list[str]) -> list[Sms]:
    """The messages of fakesmsc's output, the parts of a concatenated one joined in order."""
    found: list[Sms] = []
    pending: dict[tuple[str, int], dict[int, tuple[str, str]]] = {}
    for line in lines:
        m = FAKESMSC_LINE.search(line)
        if not m:
            continue
        sender, receiver, rest = m.groups()
        kind, _, data = rest.partition(" ")
        if kind == "text":
            found.append(Sms(to=receiver, text=data, sender=sender, via="kannel", extra={"type": "text", "parts": 1}))
            continue
        udh = b""
        if kind == "udh":
            udh_enc, _, data = data.partition(" ")
            udh = url_decoded(udh_enc)
            kind, _, data = data.partition(" ")
        text, coding = message_bytes_text(url_decoded(data))
        header = concat_header(udh) if udh else None
        if header is None:
            found.append(Sms(to=receiver, text=text, sender=sender, via="kannel", extra={"type": coding, "parts": 1}))
            continue
        ref, total, seq = header
        parts = pending.setdefault((receiver, ref), {})
        parts[seq] = (text, coding)
        if len(parts) == total:
            del pending[(receiver, ref)]
            joined = "".join(parts[i][0] for i in sorted(parts))
            extra = {"type": parts[1][1] if 1 in parts else coding, "parts": total}
            found.append(Sms(to=receiver, text=joined, sender=sender, via="kannel", extra=extra))
    return found


class Kannel:
    """A bearerbox, fakesmsc and an smsbox in `workdir`, on free loopback ports."""

    def __init__(self, workdir: Path, username: str = "limen", password: str = "kannel-pw"):
        bins = kannel_binaries()
        if bins is None:
            raise FileNotFoundError("Kannel (Debian's kannel and kannel-extras) is not installed")
        self.bins = bins
        self.workdir = workdir
        self.username = username
        self.password = password
        self.admin_port = free_port()
        self.smsbox_port = free_port()
        self.fake_port = free_port()
        self.sendsms_port = free_port()
        self.admin_password = "admin-" + os.urandom(4).hex()
        self.conf = workdir / "kannel.conf"
        self.fake_log = workdir / "fakesmsc.log"
        self.procs: dict[str, subprocess.Popen] = {}
        self._logs: dict[str, object] = {}

    @property
    def sendsms_url(self) -> str:
        return f"http://127.0.0.1:{self.sendsms_port}/cgi-bin/sendsms"

    def write_config(self) -> None:
        spool = self.workdir / "spool"
        spool.mkdir(exist_ok=True)
        self.conf.write_text(
            f"""
group = core
admin-port = {self.admin_port}
admin-interface = 127.0.0.1
admin-password = {self.admin_password}
smsbox-port = {self.smsbox_port}
smsbox-interface = 127.0.0.1
box-allow-ip = 127.0.0.1
log-file = "{self.workdir / "bearerbox.log"}"
log-level = 1
store-type = spool
store-location = "{spool}"

group = smsc
smsc = fake
smsc-id = fake
host = 127.0.0.1
port = {self.fake_port}
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = {self.smsbox_port}
sendsms-port = {self.sendsms_port}
sendsms-interface = 127.0.0.1
log-file = "{self.workdir / "smsbox.log"}"
# level 0 logs each sendsms answer ("Status: 403 Answer: <...>"), which the tests count.
log-level = 0

group = sendsms-user
username = {self.username}
password = {self.password}
max-messages = 3
concatenation = true

# fakesmsc sends one message to the bearerbox when it starts: no reply to it.
group = sms-service
keyword = default
text = "no reply"
max-messages = 0
"""
        )

    def _spawn(self, name: str, args: list[str], out: Path) -> None:
        log = open(out, "ab")  # noqa: SIM115 - closed in _reap
        self._logs[name] = log
        self.procs[name] = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.workdir,
            start_new_session=True,
        )

    def start(self) -> Kannel:
        self.write_config()
        self._spawn("bearerbox", [self.bins["bearerbox"], str(self.conf)], self.workdir / "bearerbox.out")
        wait_until(
            "Kannel's bearerbox listening",
            lambda: self._listening(self.fake_port) and self._listening(self.smsbox_port),
        )
        # fakesmsc: connect, send one MO message (-m 1), then print every MT message forever.
        self._spawn(
            "fakesmsc",
            [self.bins["fakesmsc"], "-H", "127.0.0.1", "-r", str(self.fake_port), "-m", "1", "100 200 text hello"],
            self.fake_log,
        )
        wait_until("fakesmsc online at the bearerbox", self._fake_online)
        self.start_smsbox()
        return self

    def start_smsbox(self) -> None:
        self._spawn("smsbox", [self.bins["smsbox"], str(self.conf)], self.workdir / "smsbox.out")
        wait_until("Kannel's smsbox answering sendsms", lambda: self._listening(self.sendsms_port))

    def stop_smsbox(self) -> None:
        """The gateway down: smsbox stopped (sendsms refuses connections)."""
        self._reap("smsbox")
        wait_until("smsbox's port closed", lambda: not self._listening(self.sendsms_port))

    def stop(self) -> None:
        for name in ("smsbox", "fakesmsc", "bearerbox"):
            self._reap(name)

    def _reap(self, name: str) -> None:
        proc = self.procs.pop(name, None)
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                proc.wait(timeout=10)
        log = self._logs.pop(name, None)
        if log is not None:
            log.close()

    def alive(self) -> dict[str, bool]:
        return {name: proc.poll() is None for name, proc in self.procs.items()}

    @staticmethod
    def _listening(port: int) -> bool:
        with socket.socket() as sock:
            sock.settimeout(0.5)
            return sock.connect_ex(("127.0.0.1", port)) == 0

    def _fake_online(self) -> bool:
        import requests

        try:
            resp = requests.get(
                f"http://127.0.0.1:{self.admin_port}/status.txt", params={"password": self.admin_password}, timeout=2
            )
        except requests.RequestException:
            return False
        return any("fake" in line and "online" in line for line in resp.text.splitlines())

    # What reached the fake network -------------------------------------------------------------
    def delivered(self) -> list[Sms]:
        """Every message fakesmsc received, in order."""
        try:
            lines = self.fake_log.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return []
        return fakesmsc_messages(lines)

    def wait_for(self, to: str, since: int = 0, timeout: float = WAIT) -> Sms:
        """The first message to `to` among those fakesmsc received after the `since` first ones."""

        def probe():
            return next((s for s in self.delivered()[since:] if same_number(s.to, to)), None)

        return wait_until(f"an SMS to {to} at fakesmsc", probe, timeout)

    def sent_to(self, to: str) -> list[Sms]:
        return [s for s in self.delivered() if same_number(s.to, to)]

    def answers(self, status: int) -> int:
        """How many sendsms requests smsbox answered with `status` (from its debug log)."""
        try:
            text = (self.workdir / "smsbox.log").read_text(errors="replace")
        except OSError:
            return 0
        return len(re.findall(rf"Status: {status} Answer:", text))

    def sendsms(self, **params) -> tuple[int, str]:
        """A direct sendsms call (to prove Kannel's answers without Limen)."""
        import requests

        resp = requests.get(self.sendsms_url, params=params, timeout=10)
        return resp.status_code, resp.text


# --------------------------------------------------------------------------------------------
# SMPP 3.4: smpp34's SMSC behind a wire tap
# --------------------------------------------------------------------------------------------

# command_ids (SMPP 3.4 §5.1.2.1)
BIND_RECEIVER = 0x00000001
BIND_TRANSMITTER = 0x00000002
BIND_TRANSCEIVER = 0x00000009
SUBMIT_SM = 0x00000004
UNBIND = 0x00000006
ENQUIRE_LINK = 0x00000015
GENERIC_NACK = 0x80000000
RESP = 0x80000000
ESME_RINVPASWD = 0x0000000E
ESME_RINVSYSID = 0x0000000F
BIND_NAMES = {
    BIND_RECEIVER: "bind_receiver",
    BIND_TRANSMITTER: "bind_transmitter",
    BIND_TRANSCEIVER: "bind_transceiver",
}


@dataclass
class Bind:
    """The mandatory fields of a bind PDU (SMPP 3.4 §4.1.1)."""

    command: str
    system_id: str
    password: str
    system_type: str
    interface_version: int
    addr_ton: int
    addr_npi: int
    address_range: str
    accepted: bool = False


def c_octet_strings(body: bytes, count: int) -> tuple[list[str], int]:
    """`count` NUL-terminated strings from the start of `body`, and the offset after them."""
    out, pos = [], 0
    for _ in range(count):
        end = body.index(b"\x00", pos)
        out.append(body[pos:end].decode("latin-1"))
        pos = end + 1
    return out, pos


def parse_bind(command_id: int, body: bytes) -> Bind:
    (system_id, password, system_type), pos = c_octet_strings(body, 3)
    interface_version, addr_ton, addr_npi = body[pos], body[pos + 1], body[pos + 2]
    (address_range,), _ = c_octet_strings(body[pos + 3 :], 1)
    return Bind(
        BIND_NAMES[command_id], system_id, password, system_type, interface_version, addr_ton, addr_npi, address_range
    )


def bind_resp(command_id: int, status: int, sequence: int) -> bytes:
    """A bind_*_resp carrying only an empty system_id (§4.1.2: the body is optional on error)."""
    body = b"\x00"
    return struct.pack(">IIII", 16 + len(body), command_id | RESP, status, sequence) + body


@dataclass
class Submit:
    """One submit_sm as the SMSC saw it."""

    destination: str
    dest_ton: int
    dest_npi: int
    source: str
    source_ton: int
    source_npi: int
    data_coding: int
    esm_class: int
    short_message: bytes
    payload: bytes | None
    text: str
    answered: int  # the command_status the SMSC answered with

    def sms(self) -> Sms:
        return Sms(to=self.destination, text=self.text, sender=self.source, via="smpp", data_coding=self.data_coding)


class SmppSmsc:
    """smpp34's SMSC on an inner port, the tap on the public one (what Limen is given)."""

    def __init__(self, system_id: str = "limen", password: str = "smpp-pw"):
        self.system_id = system_id
        self.password = password
        self.inner_port = free_port()
        self.port = free_port()
        self.binds: list[Bind] = []
        self.submits: list[Submit] = []
        self.commands: list[int] = []  # every command_id Limen sent, in order
        self._refusals: list[int] = []  # statuses for the next submit_sms, in order
        self._lock = threading.Condition()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._tap: socket.socket | None = None
        self._tap_thread: threading.Thread | None = None
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._stopping = False

    # Life cycle -------------------------------------------------------------------------------
    def start(self) -> SmppSmsc:
        self._thread = threading.Thread(target=self._run_loop, name="smpp34-smsc", daemon=True)
        self._thread.start()
        if not self._ready.wait(15) or self._error is not None:
            raise RuntimeError(f"smpp34's server did not start: {self._error!r}")
        self._tap = socket.socket()
        self._tap.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._tap.bind(("127.0.0.1", self.port))
        self._tap.listen(8)
        self._tap_thread = threading.Thread(target=self._accept_loop, name="smpp-tap", daemon=True)
        self._tap_thread.start()
        return self

    def stop(self) -> None:
        self._stopping = True
        if self._tap is not None:
            with contextlib.suppress(OSError):
                self._tap.shutdown(socket.SHUT_RDWR)
            self._tap.close()
        self.drop_connections()
        if self._loop is not None:
            fut = asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop)
            with contextlib.suppress(Exception):
                fut.result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def _run_loop(self) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._start_server())
        except BaseException as exc:  # noqa: BLE001 - reported by start()
            self._error = exc
            self._ready.set()
            return
        self._ready.set()
        self._task = self._loop.create_task(self._serve())
        self._loop.run_forever()
        self._loop.close()

    async def _start_server(self) -> None:
        import smpp34

        self._server = smpp34.Server("127.0.0.1", self.inner_port, system_id="INTEROPSMSC")
        await self._server.start()

    async def _shutdown(self) -> None:
        self._task.cancel()
        with contextlib.suppress(BaseException):
            await self._server.stop()

    async def _serve(self) -> None:
        import smpp34

        n = 0
        while True:
            event = await self._server.next()
            if not isinstance(event, smpp34.SubmitSmEvent):
                continue
            n += 1
            with self._lock:
                status = self._refusals.pop(0) if self._refusals else 0
            payload = next((t.value for t in event.tlvs if t.tag == smpp34.TLV_MESSAGE_PAYLOAD), None)
            body = payload if payload is not None else event.short_message
            try:
                text = decode_sm(event.data_coding, body)
            except (ValueError, UnicodeDecodeError) as exc:
                text = f"<undecodable: {exc}>"
            if status == 0:
                event.accept(f"interop-{n}")
            else:
                event.reject(status)
            with self._lock:
                self.submits.append(
                    Submit(
                        destination=event.destination_addr,
                        dest_ton=event.dest_addr_ton,
                        dest_npi=event.dest_addr_npi,
                        source=event.source_addr,
                        source_ton=event.source_addr_ton,
                        source_npi=event.source_addr_npi,
                        data_coding=event.data_coding,
                        esm_class=event.esm_class,
                        short_message=event.short_message,
                        payload=payload,
                        text=text,
                        answered=status,
                    )
                )
                self._lock.notify_all()

    # Controls ------------------------------------------------------------------------------------
    def refuse_next(self, *statuses: int) -> None:
        """The next submit_sms are answered with these command_status values, in order."""
        with self._lock:
            self._refusals.extend(statuses)

    def drop_connections(self) -> int:
        """Cuts every open connection (both sides), as a network failure would; returns how many."""
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for a, b in pairs:
            for s in (a, b):
                with contextlib.suppress(OSError):
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    s.close()
        return len(pairs)

    def connections(self) -> int:
        with self._lock:
            return len(self._pairs)

    # Records ---------------------------------------------------------------------------------------
    def delivered(self) -> list[Sms]:
        with self._lock:
            return [s.sms() for s in self.submits if s.answered == 0]

    def wait_for_submit(self, to: str, since: int = 0, timeout: float = WAIT, accepted: bool | None = None) -> Submit:
        def probe():
            with self._lock:
                for s in self.submits[since:]:
                    if same_number(s.destination, to) and (accepted is None or (s.answered == 0) == accepted):
                        return s
            return None

        return wait_until(f"a submit_sm to {to} at the SMSC", probe, timeout)

    def submits_to(self, to: str) -> list[Submit]:
        with self._lock:
            return [s for s in self.submits if same_number(s.destination, to)]

    # The tap -----------------------------------------------------------------------------------------
    def _accept_loop(self) -> None:
        while not self._stopping:
            try:
                client, _addr = self._tap.accept()
            except OSError:
                return
            threading.Thread(target=self._serve_client, args=(client,), name="smpp-tap-conn", daemon=True).start()

    def _serve_client(self, client: socket.socket) -> None:
        """Reads Limen's PDUs one by one: a bind is checked here first; everything else (and an
        accepted bind) goes on to smpp34, whose answers are copied back."""
        upstream: socket.socket | None = None
        buffer = b""
        try:
            while True:
                chunk = client.recv(65536)
                if not chunk:
                    break
                buffer += chunk
                while len(buffer) >= 16:
                    (length,) = struct.unpack(">I", buffer[:4])
                    if length < 16 or length > 70000:
                        raise ConnectionError(f"impossible command_length {length}")
                    if len(buffer) < length:
                        break
                    pdu, buffer = buffer[:length], buffer[length:]
                    _length, command_id, _status, sequence = struct.unpack(">IIII", pdu[:16])
                    with self._lock:
                        self.commands.append(command_id)
                    if command_id in BIND_NAMES:
                        bind = parse_bind(command_id, pdu[16:])
                        ok = bind.system_id == self.system_id and bind.password == self.password
                        bind.accepted = ok
                        with self._lock:
                            self.binds.append(bind)
                            self._lock.notify_all()
                        if not ok:
                            status = ESME_RINVSYSID if bind.system_id != self.system_id else ESME_RINVPASWD
                            client.sendall(bind_resp(command_id, status, sequence))
                            continue
                    if upstream is None:
                        upstream = socket.create_connection(("127.0.0.1", self.inner_port), timeout=10)
                        upstream.settimeout(None)
                        with self._lock:
                            self._pairs.append((client, upstream))
                        threading.Thread(target=self._copy_back, args=(upstream, client), daemon=True).start()
                    upstream.sendall(pdu)
        except OSError:
            pass
        finally:
            for s in (client, upstream):
                if s is not None:
                    with contextlib.suppress(OSError):
                        s.close()
            with self._lock:
                self._pairs = [p for p in self._pairs if p[0] is not client]

    @staticmethod
    def _copy_back(upstream: socket.socket, client: socket.socket) -> None:
        try:
            while True:
                chunk = upstream.recv(65536)
                if not chunk:
                    break
                client.sendall(chunk)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)


async def smpp_client_submit(port: int, system_id: str, password: str, to: str, message: bytes, **kw):
    """One submit_sm by smpp34's own client (bind_transmitter): proves the SMSC without Limen."""
    import smpp34

    client = smpp34.Client("127.0.0.1", port, system_id, password, bind_type="TX", connect_timeout_ms=5000)
    smsc = await client.connect()
    try:
        return await smsc.submit_sm(to, message, **kw)
    finally:
        await smsc.unbind()


# --------------------------------------------------------------------------------------------
# A templated HTTP gateway
# --------------------------------------------------------------------------------------------


@dataclass
class GatewayRequest:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    # What the gateway answered.
    status: int = 0
    answer: str = ""

    def accepted(self) -> bool:
        return 200 <= self.status < 300 and "rejected" not in self.answer

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode("utf-8"), keep_blank_values=True)


@dataclass
class Reply:
    status: int
    body: str
    content_type: str = "application/json"


class HttpGateway:
    """Records every request; answers with the queued replies first, then the default: 200 and
    `{"id": "gw-N", "status": "queued"}`."""

    def __init__(self) -> None:
        self.requests: list[GatewayRequest] = []
        self.replies: list[Reply] = []
        self._cond = threading.Condition()
        self._n = itertools.count(1)
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length > 0 else b""
                parts = urlsplit(self.path)
                with gateway._cond:
                    reply = (
                        gateway.replies.pop(0)
                        if gateway.replies
                        else Reply(200, json.dumps({"id": f"gw-{next(gateway._n)}", "status": "queued"}))
                    )
                    gateway.requests.append(
                        GatewayRequest(
                            self.command,
                            parts.path,
                            parse_qs(parts.query, keep_blank_values=True),
                            {k.lower(): v for k, v in self.headers.items()},
                            body,
                            reply.status,
                            reply.body,
                        )
                    )
                    gateway._cond.notify_all()
                payload = reply.body.encode()
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = _handle

            def log_message(self, format, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="sms-http-gateway", daemon=True)

    def start(self) -> HttpGateway:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def reply_next(self, *replies: Reply) -> None:
        with self._cond:
            self.replies.extend(replies)

    def count(self) -> int:
        with self._cond:
            return len(self.requests)

    def wait_for(
        self, predicate: Callable[[GatewayRequest], bool], since: int = 0, timeout: float = WAIT
    ) -> GatewayRequest:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for req in self.requests[since:]:
                    if predicate(req):
                        return req
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"no matching request at the HTTP gateway after {timeout:.0f} s: {self.requests[since:]}"
                    )
                self._cond.wait(left)

    def matching(self, predicate: Callable[[GatewayRequest], bool]) -> list[GatewayRequest]:
        with self._cond:
            return [r for r in self.requests if predicate(r)]


# --------------------------------------------------------------------------------------------
# Limen's configuration
# --------------------------------------------------------------------------------------------


def toml_value(value) -> str:
    """A Python value as TOML (strings, numbers, booleans, lists and inline tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML for {value!r}")


def toml_table(name: str, values: dict) -> str:
    lines = [f"[{name}]"]
    lines += [f"{key} = {toml_value(value)}" for key, value in values.items() if value is not None]
    return "\n".join(lines) + "\n"


# High limits, so that the tests of one server (all from 127.0.0.1) trip none by chance.
LOOSE_LIMITS = {
    "per_number_hour": 50,
    "per_number_day": 100,
    "per_prefix_hour": 500,
    "prefix_free_digits": 3,
    "per_account_day": 100,
    "per_address_hour": 5000,
    "per_country_hour": 5000,
    "daily_budget": 20000,
}


def sms_config(
    gateway: str,
    *,
    sms: dict | None = None,
    limits: dict | None = None,
    http: dict | None = None,
    smpp: dict | None = None,
    extra: str = "",
) -> str:
    """limen.toml for SMS: `[methods.sms]` enabled, `[sms]` with `gateway`, and its tables."""
    # resend_after_seconds: the smallest Limen takes (5); retry_seconds: the outbox's first retry.
    base = {"gateway": gateway, "sender": "Limen", "resend_after_seconds": 5, "retry_seconds": 1}
    base.update(sms or {})
    text = toml_table("methods.sms", {"enabled": True})
    text += toml_table("sms", base)
    text += toml_table("sms.limits", {**LOOSE_LIMITS, **(limits or {})})
    if http is not None:
        text += toml_table("sms.http", http)
    if smpp is not None:
        text += toml_table("sms.smpp", smpp)
    return text + extra
