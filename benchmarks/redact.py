"""Seconds to redact large texts, with and without credential names in them.

    python benchmarks/redact.py [SIZE_MB ...] [--plain]

For each size (default 0.5 1 2 5) three texts are redacted: prose with no credential name,
prose full of "token" and "password" words, and the same with a credential every few hundred
characters. With --plain the plain regex pass (each keyed pattern run over the whole text, as
redaction did before anchors) is timed beside it, and the two results are compared.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from sosmed import redact as r
from sosmed.redact import MASK, redact

PLAIN = (
    "Bupati meresmikan jembatan baru yang menghubungkan dua desa. Warga menyambut baik "
    "pembangunan ini karena selama ini mereka harus memutar jauh untuk mencapai pasar. "
)
NAMES = (
    "The access token was renewed after the password policy changed; a password is not a "
    "token, and the app secret rotates. Tokens, passwords: both expire at midnight. "
)
LEAK = "access_token=EAAGm0PX4ZCpsBAKZCq&password: hunter2-secret "


def plain_pass(text: str) -> str:
    """Redaction with every keyed pattern run forwards over the whole text."""
    for value in r._longest_first:
        text = text.replace(value, MASK)
    lower = text.lower()
    if any(word in lower for word in r._KEY_WORDS):
        for pattern, repl in r._KEYED_PATTERNS:
            text = pattern.sub(repl, text)
        lower = text.lower()
    for pattern, repl, needed in r._SHAPES:
        if r._may_hold(needed, text, lower):
            text = pattern.sub(repl, text)
            lower = text.lower()
    return text


def timed(fn: Callable[[str], str], text: str) -> tuple[float, str]:
    start = time.perf_counter()
    out = fn(text)
    return time.perf_counter() - start, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=float, default=[0.5, 1, 2, 5], help="sizes in MB")
    ap.add_argument("--plain", action="store_true", help="also time the plain regex pass")
    args = ap.parse_args()
    kinds = {"prose": PLAIN, "names": NAMES, "leaks": NAMES * 3 + LEAK}
    head = f"{'MB':>5} {'text':6} {'seconds':>8}"
    print(head + (f" {'plain s':>8} {'same':>5}" if args.plain else ""))
    for mb in args.sizes:
        for kind, unit in kinds.items():
            text = unit * (int(mb * 1_000_000) // len(unit) + 1)
            took, out = timed(redact, text)
            line = f"{mb:5.1f} {kind:6} {took:8.3f}"
            if args.plain:
                plain_took, plain_out = timed(plain_pass, text)
                line += f" {plain_took:8.3f} {'yes' if out == plain_out else 'NO':>5}"
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
