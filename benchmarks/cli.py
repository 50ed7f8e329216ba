"""Start-up time of the everyday commands: each run as a new process, as a person runs it.

    python benchmarks/cli.py [--repeat 7] [--home DIR]

Prepares a home (six accounts, the demo article composed into six posts, some of them
approved, scheduled and published; or reuses --home when it already has sosmed.toml), then
runs `sosmed --help`, `posts`, `queue`, `status`, `log` and `preview ID` --repeat times each
and prints the median wall time of each, with the machine's load average: the machine may be
busy, and the figures are only comparable at a similar load.
"""

from __future__ import annotations

import argparse
import os
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


def prepare(home: Path) -> int:
    """A home with six posts of one article; the id of the first post."""
    import tomli_w

    from sosmed.office import Office
    from sosmed.settings import Settings

    home.mkdir(parents=True, exist_ok=True)
    accounts = [{"name": f"humas_{p}", "platform": p} for p in PLATFORMS]
    with (home / "sosmed.toml").open("wb") as f:
        tomli_w.dump({"accounts": accounts}, f)
    office = Office(Settings.load(home))
    try:
        article = files("sosmed").joinpath("data/demo/berita.txt").read_bytes()
        added = office.add_bytes(article, "berita.txt", "https://humas.example.go.id/1", [], None)
        posts = office.compose(added.article_id, None)
        ids = [p.id or 0 for p in posts if not p.problem]
        for i in ids[:3]:
            office.approve(i, "bench")
        at = office.now() + timedelta(days=1)
        office.schedule(ids[:2], at, False, True, "bench", lambda _line: None)
        return ids[0]
    finally:
        office.close()


def median_time(argv: list[str], env: dict[str, str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        r = subprocess.run(argv, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if r.returncode not in (0, 1):  # status exits 1 when a person is needed
            raise SystemExit(f"{' '.join(argv)}: exit {r.returncode}: {r.stderr.strip()}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--home", type=Path, default=None)
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
            post_id = prepare(home)
        env = {**os.environ, "SOSMED_HOME": str(home), "COLUMNS": "120"}
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
            t = median_time([SOSMED, *cmd], env, args.repeat)
            print(f"sosmed {' '.join(cmd):<12} median {t:.3f} s over {args.repeat} runs")
        print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
