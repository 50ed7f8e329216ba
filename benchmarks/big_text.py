"""Seconds and peak memory of ``sosmed add``, ``summarize`` and ``compose`` on large texts.

    python benchmarks/big_text.py [FILE] [--sizes 1,4.9,5.2] [--html [PAGE]]

Each size (in MB) is FILE repeated (or, without FILE, a generated article with one paragraph
repeated) up to that many bytes. With --html the input is instead a saved article page
(PAGE, by default a WordPress fixture) padded to that size with a portal's chrome: scripts,
styles, an SVG sprite, inline base64 images, a mega menu, related lists and comments
(bloated_page.py). Every command runs as its own process in a fresh home with
two accounts, so the figures are what a person waits for, start-up included. A size over the
input limit must be refused quickly with a clear message.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bloated_page import bloated

HEAD = (
    "Bupati Resmikan Jembatan Baru di Desa Sukamaju\n\n"
    "Senin, 3 Maret 2025 10:15 WIB\n\n"
    "BENGKALIS - Pemerintah kabupaten meresmikan jembatan baru yang menghubungkan dua desa, "
    "Senin (3/3/2025). Jembatan ini dibangun dengan dana daerah dan diharapkan memperlancar "
    "arus barang serta orang di kawasan tersebut.\n\n"
)
PARAGRAPH = (
    "Warga menyambut baik pembangunan ini karena selama ini mereka harus memutar jauh untuk "
    "mencapai pasar kecamatan. Kepala desa berharap jembatan dirawat bersama.\n\n"
)
ACCOUNTS = """
[[accounts]]
name = "x_humas"
platform = "x"

[[accounts]]
name = "tg_humas"
platform = "telegram"
"""
FIXTURE_PAGE = Path(__file__).parent.parent / "tests/fixtures/html/wp_yoast.html"
# The installed entry point, run by the same interpreter.
SOSMED = [sys.executable, "-c", "from sosmed.cli.main import main; main()"]


def make_text(size: int, source: str | None) -> str:
    unit = source or PARAGRAPH
    head = "" if source else HEAD
    return head + unit * ((size - len(head.encode())) // len(unit.encode()) + 1)


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, float, int, str]:
    """(seconds, CPU seconds, peak MB, exit code, last line of stderr) of one command as its
    own process; on a busy machine the CPU seconds say more than the wall clock."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [*SOSMED, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    err = proc.stderr.read().decode(errors="replace").strip().splitlines()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    took = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    return took, cpu, usage.ru_maxrss / 1024, proc.returncode, err[-1] if err else ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path, help="a text to repeat (default: generated)")
    ap.add_argument("--sizes", default="1,4.9,5.2", help="sizes in MB, comma-separated")
    ap.add_argument(
        "--html",
        nargs="?",
        const=FIXTURE_PAGE,
        type=Path,
        metavar="PAGE",
        help="pad this saved article page instead (default: a fixture page)",
    )
    args = ap.parse_args()
    page = args.html.read_text(encoding="utf-8") if args.html else None
    source = args.file.read_text(encoding="utf-8") + "\n\n" if args.file else None
    print(
        f"{'size':>6} {'command':10} {'seconds':>8} {'cpu s':>6} {'peak MB':>8} {'exit':>4}  note"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for mb in (float(s) for s in args.sizes.split(",")):
            home = Path(tmp) / f"home{mb}"
            env = {**os.environ, "SOSMED_HOME": str(home)}
            subprocess.run([*SOSMED, "init"], env=env, capture_output=True, check=True)
            with (home / "sosmed.toml").open("a", encoding="utf-8") as cfg:
                cfg.write(ACCOUNTS)
            size = int(mb * 1_000_000)
            path = Path(tmp) / (f"big{mb}.html" if page else f"big{mb}.txt")
            path.write_text(bloated(page, size) if page else make_text(size, source)[:size])
            for name, cmd in (
                ("add", ["add", str(path)]),
                ("summarize", ["summarize", str(path)]),
                ("compose", ["compose", "1"]),
            ):
                took, cpu, peak, code, note = run(cmd, env)
                note = note if code else ""
                figures = f"{took:8.2f} {cpu:6.2f} {peak:8.0f} {code:4d}"
                print(f"{mb:5.1f}M {name:10} {figures}  {note[:32]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
