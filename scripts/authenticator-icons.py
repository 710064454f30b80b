#!/usr/bin/env python3
"""Draws the authenticator web app's PNG icons (192 and 512 px; the manifest also lists icon.svg).

A full-bleed square (safe for "maskable": the symbol stays inside the central 80 % circle):
a white ring and keyhole on Limen blue. Pure Python (zlib), so it runs anywhere:
    python3 scripts/authenticator-icons.py
"""
import math
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "crates/limen-web/static/authenticator"
BLUE = (0x0B, 0x4F, 0x9C)
WHITE = (0xFF, 0xFF, 0xFF)


def inside(x: float, y: float) -> bool:
    """Whether the point (in units of the icon's side, centre 0.5, 0.5) is white."""
    dx, dy = x - 0.5, y - 0.5
    r = math.hypot(dx, dy)
    if 0.26 <= r <= 0.32:  # the ring
        return True
    if math.hypot(dx, dy + 0.05) <= 0.075:  # the keyhole's round part
        return True
    # its foot: a trapezoid from y = 0.47 to 0.66
    if 0.47 <= y <= 0.66:
        half = 0.03 + (y - 0.47) * 0.12
        return abs(dx) <= half
    return False


def png(size: int) -> bytes:
    rows = bytearray()
    ss = 4  # 4x4 supersampling for smooth edges
    for j in range(size):
        rows.append(0)
        for i in range(size):
            hits = sum(
                inside((i + (a + 0.5) / ss) / size, (j + (b + 0.5) / ss) / size)
                for a in range(ss)
                for b in range(ss)
            )
            f = hits / (ss * ss)
            rows.extend(round(BLUE[k] * (1 - f) + WHITE[k] * f) for k in range(3))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


for size in (192, 512):
    (OUT / f"icon-{size}.png").write_bytes(png(size))
    print(f"icon-{size}.png")
