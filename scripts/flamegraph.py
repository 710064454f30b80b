#!/usr/bin/env python3
"""Flame graphs from `perf script` output, for scripts/flamegraph (no third-party package).

    perf script -i perf.data | scripts/flamegraph.py --title TITLE --svg OUT.svg \
        [--folded OUT.folded] [--top OUT.txt] [--min-width 0.1]

Reads the samples (`perf record -g` or `--call-graph dwarf`), folds each stack into
"thread;outermost;…;innermost" with a count, and writes

- an SVG flame graph: one box per function per stack prefix, as wide as the samples it was on the
  stack for, callers below callees; hovering a box shows its name, samples and share (a `<title>`);
- optionally the folded stacks (one line each, "frames count", the format other tools read);
- optionally a plain-text summary: the functions with the most samples on the stack (inclusive)
  and at the top of it (self), which is what the notes in docs/flamegraphs/ quote.

Symbols are cleaned the usual way for Rust: the `::h0123…` hash suffix and `+0x…` offsets go;
frames perf could not name keep their shared object's name (`[unknown] (libc.so.6)`).
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections import Counter

HASH = re.compile(r"::h[0-9a-f]{16}$")
OFFSET = re.compile(r"\+0x[0-9a-f]+$")
HEADER = re.compile(r"^(?P<comm>\S.*?)\s+\d+(?:/\d+)?\s+")


def clean(symbol: str, dso: str) -> str:
    symbol = OFFSET.sub("", symbol.strip())
    symbol = HASH.sub("", symbol)
    if not symbol or symbol == "[unknown]":
        base = dso.rsplit("/", 1)[-1] if dso else "?"
        return f"[unknown] ({base})"
    return symbol


def thread_group(comm: str) -> str:
    """Threads of one kind under one root: `tokio-runtime-w`, `sqlx-sqlite-wor…`, `argon2-…`."""
    comm = comm.strip()
    return re.sub(r"[-_ ]?\d+$", "", comm) or comm


def parse(lines) -> Counter:
    """Folded stacks ("root;…;leaf" → samples) from `perf script` text."""
    stacks: Counter = Counter()
    comm = None
    frames: list[str] = []

    def flush() -> None:
        nonlocal comm, frames
        if comm is not None:
            path = [thread_group(comm)] + list(reversed(frames))
            stacks[";".join(path)] += 1
        comm, frames = None, []

    for raw in lines:
        line = raw.rstrip("\n")
        if not line.strip():
            flush()
            continue
        if not line[0].isspace():
            flush()
            m = HEADER.match(line)
            comm = m.group("comm") if m else line.split()[0]
            continue
        # "\t    7f12ab symbol+0x1c (/path/to/dso)"
        parts = line.strip().split(" ", 1)
        if len(parts) < 2:
            continue
        rest = parts[1]
        dso = ""
        if rest.endswith(")") and " (" in rest:
            rest, dso = rest.rsplit(" (", 1)
            dso = dso[:-1]
        frames.append(clean(rest, dso).replace(";", ":"))
    flush()
    return stacks


class Node:
    __slots__ = ("children", "name", "total")

    def __init__(self, name: str) -> None:
        self.name = name
        self.total = 0
        self.children: dict[str, Node] = {}


def build(stacks: Counter) -> Node:
    root = Node("all")
    for stack, count in stacks.items():
        root.total += count
        node = root
        for frame in stack.split(";"):
            node = node.children.setdefault(frame, Node(frame))
            node.total += count
    return root


def colour(name: str) -> str:
    """Warm colours, a hue family per kind of code (stable across graphs)."""
    h = 0
    for ch in name:
        h = (h * 31 + ord(ch)) & 0xFFFFFFFF
    v = h % 55
    if name.startswith(("limen_", "<limen_")):
        return f"rgb(230,{120 + v},{40 + v // 2})"  # orange: Limen's own code
    if "sqlite" in name or name.startswith(("sqlx", "<sqlx")):
        return f"rgb({90 + v},{160 + v // 2},220)"  # blue: the store
    if name.startswith("[unknown]") or name.endswith("_[k]") or "kernel" in name:
        return f"rgb({160 + v},{160 + v},{160 + v})"  # grey
    return f"rgb(225,{60 + v * 2},{50 + v})"  # red/yellow: everything else


def svg(root: Node, title: str, subtitle: str, min_width_px: float) -> str:
    width, frame_h, pad_top, pad_side = 1200.0, 16, 48, 10
    usable = width - 2 * pad_side
    per_sample = usable / root.total if root.total else 0.0
    rects: list[str] = []
    depth_max = 0

    def walk(node: Node, x: float, depth: int) -> None:
        nonlocal depth_max
        w = node.total * per_sample
        if w < min_width_px:
            return
        depth_max = max(depth_max, depth)
        share = 100.0 * node.total / root.total
        label = html.escape(node.name, quote=True)
        tip = f"{label} ({node.total} samples, {share:.2f}%)"
        rects.append(
            f'<g><title>{tip}</title><rect x="{x:.2f}" y="{{Y{depth}}}" width="{w:.2f}" '
            f'height="{frame_h - 1}" fill="{colour(node.name)}" rx="2"/>'
        )
        chars = int(w / 7)
        if chars >= 3:
            text = node.name if len(node.name) <= chars else node.name[: chars - 2] + ".."
            rects.append(f'<text x="{x + 3:.2f}" y="{{T{depth}}}">{html.escape(text, quote=True)}</text>')
        rects.append("</g>")
        cx = x
        for child in sorted(node.children.values(), key=lambda n: n.name):
            walk(child, cx, depth + 1)
            cx += child.total * per_sample

    walk(root, pad_side, 0)
    height = pad_top + (depth_max + 1) * frame_h + 30
    body = "\n".join(rects)
    # Callers at the bottom: depth 0 on the last row.
    for d in range(depth_max + 1):
        y = height - 30 - (d + 1) * frame_h
        body = body.replace(f"{{Y{d}}}", str(y)).replace(f"{{T{d}}}", str(y + frame_h - 4))
    return f"""<?xml version="1.0" standalone="no"?>
<svg version="1.1" width="{int(width)}" height="{height}" xmlns="http://www.w3.org/2000/svg">
<style>text {{ font: 11px monospace; fill: #000; pointer-events: none; }}
.t {{ font: 15px sans-serif; }} .s {{ font: 11px sans-serif; fill: #444; }}</style>
<rect x="0" y="0" width="100%" height="100%" fill="#fdfdf6"/>
<text class="t" x="{width / 2}" y="20" text-anchor="middle">{html.escape(title)}</text>
<text class="s" x="{width / 2}" y="38" text-anchor="middle">{html.escape(subtitle)}</text>
{body}
</svg>
"""


def summary(stacks: Counter, total: int, top: int) -> str:
    inclusive: Counter = Counter()
    own: Counter = Counter()
    for stack, count in stacks.items():
        frames = stack.split(";")
        own[frames[-1]] += count
        for frame in set(frames):
            inclusive[frame] += count
    threads: Counter = Counter()
    for stack, count in stacks.items():
        threads[stack.split(";", 1)[0]] += count
    out = [f"{total} samples"]
    out.append("\nby thread:")
    out += [f"  {100.0 * c / total:6.2f}%  {t}" for t, c in threads.most_common()]
    out.append(f"\non the stack (inclusive), top {top}:")
    out += [f"  {100.0 * c / total:6.2f}%  {f}" for f, c in inclusive.most_common(top)]
    out.append(f"\nat the top of the stack (self), top {top}:")
    out += [f"  {100.0 * c / total:6.2f}%  {f}" for f, c in own.most_common(top)]
    return "\n".join(out) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--title", default="Flame graph")
    ap.add_argument("--subtitle", default="")
    ap.add_argument("--svg", required=True)
    ap.add_argument("--folded")
    ap.add_argument("--top")
    ap.add_argument("--min-width", type=float, default=0.1, help="pixels; narrower boxes are left out")
    args = ap.parse_args()
    stacks = parse(sys.stdin)
    total = sum(stacks.values())
    if not total:
        print("flamegraph.py: no samples in the input", file=sys.stderr)
        return 1
    root = build(stacks)
    subtitle = args.subtitle or f"{total} samples"
    with open(args.svg, "w", encoding="utf-8") as f:
        f.write(svg(root, args.title, subtitle, args.min_width))
    if args.folded:
        with open(args.folded, "w", encoding="utf-8") as f:
            f.writelines(f"{stack} {count}\n" for stack, count in sorted(stacks.items()))
    if args.top:
        with open(args.top, "w", encoding="utf-8") as f:
            f.write(summary(stacks, total, 40))
    return 0


if __name__ == "__main__":
    sys.exit(main())
