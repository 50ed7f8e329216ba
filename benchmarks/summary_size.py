"""Time and peak memory of ``sosmed summarize`` and of composing, on one article of SIZE_MB.

    python benchmarks/summary_size.py SIZE_MB [--keep DIR]

A synthetic article (a title, a dateline, paragraphs of Indonesian news sentences with places,
institutions, acronyms and quotations, varied so that no cache makes it cheap) is written to a
temporary folder, then each step runs in its own process and is measured from outside (wall
time; CPU time and peak resident memory from the child's resource usage: on a busy machine
the CPU time is the steadier figure):

- summarize: ``sosmed summarize FILE``
- compose: ``benchmarks/compose.py DIR --repeat 0`` (parse the text, store it, compose it for
  six accounts, one per platform)

The goal: under 2 s and under 200 MB each, or a refusal in under a second (exit 2).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOSMED = Path(sys.executable).with_name("sosmed")

_PLACES = ["Bengkalis", "Dumai", "Siak", "Rokan Hilir", "Kepulauan Meranti", "Pekanbaru"]
_BODIES = ["Dinas Kesehatan", "Badan Penanggulangan Bencana Daerah", "DPRD", "Bappeda", "BPBD"]
_SUBJECTS = ["Bupati", "Kepala dinas", "Camat", "Ketua panitia", "Warga", "Sekretaris daerah"]
_VERBS = ["meresmikan", "meninjau", "membuka", "mengunjungi", "memantau", "menyerahkan"]
_OBJECTS = ["jembatan", "pasar", "puskesmas", "sekolah", "bantuan", "jalan", "posyandu"]
_TAILS = ["di Kecamatan {p}", "bersama {b}", "pada Senin ({d}/8)", "untuk warga Desa {p}"]


def sentence(rng: random.Random, k: int) -> str:
    tail = rng.choice(_TAILS).format(p=rng.choice(_PLACES), b=rng.choice(_BODIES), d=k % 28 + 1)
    body = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} nomor {k} {tail}"
    if k % 7 == 3:
        return f"“{body[0].upper()}{body[1:]},” ujar {rng.choice(_SUBJECTS).lower()}."
    return body + "."


def article(size_mb: float) -> str:
    rng = random.Random(size_mb)
    target = int(size_mb * 1024 * 1024)
    parts = ["Bupati Bengkalis Resmikan Jembatan Baru di Kecamatan Bantan", ""]
    parts.append("BENGKALIS, HUMAS – " + sentence(rng, 0) + " " + sentence(rng, 1))
    size, k = sum(len(p) + 1 for p in parts), 2
    while size < target:
        paragraph = " ".join(sentence(rng, k + j) for j in range(rng.randint(2, 5)))
        k += 5
        parts += ["", paragraph]
        size += len(paragraph.encode()) + 2
    return "\n".join(parts) + "\n"


def measure(cmd: list[str]) -> tuple[float, float, float, int, str]:
    """Wall seconds, CPU seconds, peak RSS in MB, exit code and a note (the last line of
    stderr, or the compose time that compose.py prints) of one process."""
    with tempfile.TemporaryFile("w+") as out_f, tempfile.TemporaryFile("w+") as err_f:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out_f, stderr=err_f)
        _, status, usage = os.wait4(proc.pid, 0)  # the child's own peak memory
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out_f.seek(0)
        err_f.seek(0)
        out, err = out_f.read(), err_f.read()
    last = err.strip().splitlines()[-1] if err.strip() else ""
    if not proc.returncode:
        last = next((line for line in out.splitlines() if line.startswith("first compose")), "")
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss / 1024, proc.returncode, last


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("size_mb", type=float)
    ap.add_argument("--keep", type=Path, help="write the article to this folder and keep it")
    args = ap.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="sosmed-size-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "besar.txt"
    path.write_text(article(args.size_mb), encoding="utf-8")
    print(f"article: {path.stat().st_size / 1e6:.2f} MB ({path.stat().st_size:,} bytes)")
    steps = {
        "summarize": [str(SOSMED), "summarize", str(path)],
        "compose": [sys.executable, str(HERE / "compose.py"), str(folder), "--repeat", "0"],
    }
    try:
        for name, cmd in steps.items():
            seconds, cpu, mb, code, last = measure(cmd)
            note = f"  ({last})" if last else ""
            figures = f"{seconds:6.2f} s (cpu {cpu:5.2f} s)  peak {mb:7.1f} MB  exit {code}"
            print(f"{name:10} {figures}{note}")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
