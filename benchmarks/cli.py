"""Start-up time of the everyday commands: each run as a new process, as a person runs it.

    python benchmarks/cli.py [--repeat 7] [--home DIR] [--articles 34]

Prepares a home (six accounts, the demo article composed into six posts, some of them
approved and scheduled; --articles N: N such articles, 6 N posts; or reuses --home when it
already has sosmed.toml), then
runs `sosmed --help`, `posts`, `queue`, `status`, `log` and `preview ID` --repeat times each
and prints the median wall time of each, with the machine's load average: the machine may be
busy, and the figures are only comparable at a similar load. The median CPU time (user and
system) of each run is printed too: it varies less with the load than the wall time.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from importlib.resources import files
from pathlib import Path

SOSMED = str(Path(sys.executable).parent / "sosmed")
PLATFORMS = ("x", "facebook", "instagram", "telegram", "mastodon", "bluesky")


def prepare(home: Path, articles: int = 1) -> int:
    """A home with six posts of each of ``articles`` articles (the demo article, numbered);
    the id of the first post."""
    import tomli_w

    from sosmed.office import Office
    from sosmed.settings import Settings

    home.mkdir(parents=True, exist_ok=True)
    accounts = [{"name": f"humas_{p}", "platform": p} for p in PLATFORMS]
    with (home / "sosmed.toml").open("wb") as f:
        tomli_w.dump({"accounts": accounts}, f)
    office = Office(Settings.load(home))
    try:
        demo = files("sosmed").joinpath("data/demo/berita.txt").read_text("utf-8")
        first = 0
        for n in range(1, articles + 1):
            # Another title and lead for each: the same article again would be a duplicate.
            text = demo.replace("di 12 Kecamatan", f"Tahap {n}").replace(
                "12 kecamatan", f"{n + 11} kecamatan"
            )
            url = f"https://humas.example.go.id/{n}"
            added = office.add_bytes(text.encode("utf-8"), "berita.txt", url, [], None)
            posts = office.compose(added.article_id, None)
            ids = [p.id or 0 for p in posts if not p.problem]
            for i in ids[:3]:
                office.approve(i, "bench")
            at = office.now() + timedelta(days=n)
            office.schedule(ids[:2], at, False, True, "bench", lambda _line: None)
            first = first or ids[0]
        return first
    finally:
        office.close()


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def median_time(argv: list[str], env: dict[str, str], repeat: int) -> tuple[float, float]:
    """The median wall time and the median CPU time of ``repeat`` runs."""
    subprocess.run(argv, env=env, capture_output=True)  # untimed: writes the bytecode
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), _cpu()
        r = subprocess.run(argv, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        cpu.append(_cpu() - start_cpu)
        if r.returncode not in (0, 1):  # status exits 1 when a person is needed
            raise SystemExit(f"{' '.join(argv)}: exit {r.returncode}: {r.stderr.strip()}")
    return statistics.median(times), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--home", type=Path, default=None)
    parser.add_argument("--articles", type=int, default=1, help="articles of six posts each")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sosmed-bench-cli-") as tmp:
        home = args.home or Path(tmp) / "home"
        if (home / "sosmed.toml").exists():
            from sosmed.office import Office
            from sosmed.settings import Settings

            office = Office(Settings.load(home))
            post_id = office.posts()[0].id or 0
            office.close()
        else:
            post_id = prepare(home, args.articles)
        env = {**os.environ, "SOSMED_HOME": str(home), "COLUMNS": "120"}
        # As an installed sosmed runs: from compiled bytecode (written by a first, untimed run),
        # not compiled from source on every start.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        commands = [
            ["--help"],
            ["posts"],
            ["queue"],
            ["status"],
            ["log"],
            ["preview", str(post_id)],
        ]
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        for cmd in commands:
            t, cpu = median_time([SOSMED, *cmd], env, args.repeat)
            print(
                f"sosmed {' '.join(cmd):<12} median {t:.3f} s over {args.repeat} runs"
                f" (CPU {cpu:.3f} s)"
            )
        print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
