"""People's commands racing the daemon, with real processes, checked against the sandbox ledger.

A `sosmed sandbox` process injects faults; one `sosmed daemon` process (SQLite) or several
(PostgreSQL) publish N posts that fall due over the run, spread over the six sandbox accounts.
Meanwhile staff threads act as people: they pick posts that are due, about to be due or being
sent, and run the real CLI on them — `publish`, `cancel`, `edit --text` (the post's marker
kept), `schedule --at` a few seconds ahead, and `resolve` on in_doubt / needs_review posts,
decided truthfully from the sandbox ledger (--published with the post's URL when its marker is
online, else --not-published). Every command's exit code and stderr are kept.

At the end the staff stop, faults go off, the daemons are restarted (a daemon remembers an
account's rate-limit reset for its life) and drain: backoff waits are skipped as time would
pass them, needs_review posts are settled from the ledger, until nothing is open. Then the
ledger is matched to the posts by marker and the figures counted. Used by
benchmarks/race.py (full size) and tests/integration/test_race.py (CI size).
"""

from __future__ import annotations

import json
import random
import re
import signal
import subprocess
import threading
import time
import tomllib
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import tomli_w
from sqlalchemy import text as sql
from sqlmodel import Session, col, select
from tests.support.cli import SOSMED, run_cli
from tests.support.images import photo_entry
from tests.support.sandbox_process import SandboxProcess, tune_config

from sosmed.models import Article, Attempt, Event, Post, utcnow
from sosmed.settings import Settings
from sosmed.store import Store

MARKER = re.compile(r"\brc\d+q[0-9a-f]{6}\b")
# The counts that must be 0 for the run to pass.
MUST_BE_ZERO = (
    "duplicates",
    "online_not_published",
    "published_not_online",
    "stuck",
    "cancelled_online",
    "bad_commands",
    "daemon_tracebacks",
    "daemon_bad_exits",
)
OPEN = ("scheduled", "publishing", "in_doubt")
DOUBT = ("in_doubt", "needs_review")
OPEN_WAITING = "('scheduled', 'in_doubt')"
TRACEBACK = "Traceback (most recent call last)"


@dataclass
class RaceConfig:
    seconds: float = 600.0
    posts: int = 300
    database_url: str | None = None  # None: SQLite in the home
    daemons: int = 1
    fault_rate: float = 0.2
    seed: int = 1
    staff: int = 1
    request_timeout: float = 2.0  # each account's request timeout
    hang_seconds: float = 3.0  # a "hang" fault outlasts the request timeout
    lease_seconds: int = 60
    poll_seconds: float = 2.0

    def __post_init__(self) -> None:
        if self.database_url is None and self.daemons != 1:
            raise ValueError("one daemon per SQLite file: use --postgres for several")
        if self.hang_seconds <= self.request_timeout:
            raise ValueError("hang_seconds must exceed request_timeout (a hang must time out)")

    @property
    def command_timeout(self) -> float:
        """The longest a person's command may take: a send with its read-backs, SQLite's
        busy waits, and a lease's worth of slack on a loaded machine."""
        return self.lease_seconds + 10 * self.request_timeout + 30

    @property
    def stop_timeout(self) -> float:
        """SIGTERM lets the request in flight finish: the batch's sends, within a lease."""
        return self.lease_seconds + 30

    @property
    def drain_seconds(self) -> float:
        """A dead worker's lease to run out, then rounds of sends and read-backs."""
        return 3 * self.lease_seconds + 30 * self.request_timeout + 60

    @property
    def settled_after(self) -> float:
        """A person looks at the ledger only once the post's last send is surely over."""
        return self.request_timeout + 1.0


@dataclass
class Command:
    """One person's command and what it gave."""

    staff: str
    post_id: int
    action: str
    args: list[str]
    seen_status: str
    seen_fence: int
    started: datetime
    finished: datetime
    exit: int | None  # None: it did not finish within the command timeout
    stdout: str
    stderr: str
    why: str = ""  # what the person saw that decided the command (resolve)

    @property
    def problem(self) -> str | None:
        """Why this command's answer is not acceptable, or None."""
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        if self.exit is None:
            return "did not finish"
        if TRACEBACK in self.stderr or TRACEBACK in self.stdout:
            return "traceback"
        if self.exit != 0 and len(lines) != 1:
            return f"refused with {len(lines)} lines on stderr"
        return None

    def line(self) -> str:
        err = " | ".join(x.strip() for x in self.stderr.splitlines() if x.strip())
        shown = " ".join(self.args[:1] + [a if " " not in a else repr(a) for a in self.args[1:]])
        return (
            f"{self.staff}: sosmed {shown} (saw {self.seen_status}, fence {self.seen_fence}) "
            f"→ exit {self.exit}{': ' + err if err else ''}"
        )


@dataclass
class RaceResult:
    figures: dict[str, int]
    statuses: dict[str, int]
    commands: dict[str, dict[str, int]]
    details: dict[str, list[str]] = field(default_factory=dict)
    explanations: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def failures(self) -> dict[str, int]:
        return {k: self.figures[k] for k in MUST_BE_ZERO if self.figures.get(k)}

    def report(self) -> str:
        out = ["figures:"]
        for key, value in self.figures.items():
            mark = "  (must be 0)" if key in MUST_BE_ZERO else ""
            out.append(f"  {key:<24}{value:>7}{mark}")
        out.append("post statuses at the end: " + _fmt(self.statuses))
        out.append("commands (action: answer → count):")
        for action, answers in sorted(self.commands.items()):
            out.append(f"  {action:<10}" + _fmt(answers))
        out.append("times: " + ", ".join(f"{k} {v:.1f} s" for k, v in self.seconds.items()))
        for name, lines in self.details.items():
            if lines:
                out.append(f"{name} ({len(lines)}):")
                out += [f"  {x}" for x in lines[:20]]
                if len(lines) > 20:
                    out.append(f"  … {len(lines) - 20} more")
        if self.explanations:
            out.append("how each duplicate came about (ledger, attempts, events, commands):")
            out += self.explanations
        return "\n".join(out)


def _fmt(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"


def _iso(t: datetime | None) -> str:
    return t.astimezone(UTC).strftime("%H:%M:%S.%f")[:-3] if t else "—"


class Race:
    """One run: set up, race, drain, count. ``work`` keeps the home, logs and command log."""

    def __init__(self, config: RaceConfig, work: Path, log: Callable[[str], None] = print):
        self.cfg = config
        self.work = work
        self.home = work / "home"
        self.say = log
        self.markers: dict[int, str] = {}  # post id → marker
        self.numbers: dict[int, int] = {}
        self.edits: Counter[int] = Counter()
        self.lead = 0.5  # seconds from starting a command to its first read (calibrated)
        self.commands: list[Command] = []
        self.daemons: list[subprocess.Popen[bytes]] = []
        self.daemon_logs: list[Path] = []
        self.daemon_exits: list[int | None] = []
        self.stop_staff = threading.Event()
        self._lock = threading.Lock()
        self._cmd_log = None
        self.sandbox: SandboxProcess | None = None
        self.store: Store | None = None

    # Set-up

    def run(self) -> RaceResult:
        self.home.mkdir(parents=True, exist_ok=True)
        self._cmd_log = (self.work / "commands.jsonl").open("w")
        times: dict[str, float] = {}
        try:
            self.sandbox = SandboxProcess(
                self.home,
                fault_rate=self.cfg.fault_rate,
                seed=self.cfg.seed,
                hang_seconds=self.cfg.hang_seconds,
            )
            self._configure()
            settings = Settings.load(self.home)
            self.store = Store.open_url(settings.database_url)
            self._seed(settings)
            self.say(
                f"race: {self.cfg.posts} posts due over {self.cfg.seconds:g} s, "
                f"{self.cfg.daemons} daemon(s) on "
                f"{'PostgreSQL' if self.cfg.database_url else 'SQLite'}, "
                f"{self.cfg.staff} person(s), fault rate {self.cfg.fault_rate:g}, "
                f"seed {self.cfg.seed}; work dir {self.work}"
            )
            t0 = time.monotonic()
            self._start_daemons()
            self._race()
            times["race"] = time.monotonic() - t0
            times["command"] = self.lead
            t1 = time.monotonic()
            self.sandbox.set_faults(0.0)
            self._stop_daemons()
            self._start_daemons()
            drained = self._drain()
            times["drain"] = time.monotonic() - t1
            self._stop_daemons()
            result = self._count(drained)
            result.seconds = times
            (self.work / "result.json").write_text(
                json.dumps(asdict(result), indent=2, ensure_ascii=False)
            )
            return result
        finally:
            self.stop_staff.set()
            for d in self.daemons:
                if d.poll() is None:
                    d.kill()
                    d.wait(10)
            if self.sandbox is not None:
                self.sandbox.stop()
            if self.store is not None:
                self.store.close()
            if self._cmd_log is not None:
                self._cmd_log.close()

    def _configure(self) -> None:
        cfg = self.cfg
        daemon = {
            "publish_every_seconds": cfg.poll_seconds,
            "reconcile_after_seconds": 1,
            "lease_seconds": cfg.lease_seconds,
            "max_attempts": 6,
            "batch": 10,
            "workers": 6,
        }
        tune_config(self.home, daemon, timeout=cfg.request_timeout, database_url=cfg.database_url)
        # No slot rules in the way: `schedule --at` a few seconds ahead is always allowed.
        path = self.home / "sosmed.toml"
        data = tomllib.loads(path.read_text())
        for acc in data["accounts"]:
            acc["slots"] = {"min_gap_minutes": 0, "daily_cap": 1_000_000}
        path.write_bytes(tomli_w.dumps(data).encode())

    def _seed(self, settings: Settings) -> None:
        assert self.sandbox is not None and self.store is not None
        photo = photo_entry(self.home, self.sandbox.url)
        accounts = settings.config.accounts
        now = utcnow()
        span = max(1.0, self.cfg.seconds - 5)
        with Session(self.store.engine) as s:
            art = None
            for i in range(self.cfg.posts):
                acc = accounts[i % len(accounts)]
                if art is None or i % len(accounts) == 0:  # one post per account and article
                    art = Article(content_hash=uuid.uuid4().hex, source="file", paragraphs=["Uji."])
                    s.add(art)
                    s.flush()
                marker = f"rc{i}q{uuid.uuid4().hex[:6]}"
                post = Post(
                    article_id=art.id or 0,
                    account=acc.name,
                    platform=acc.platform,
                    text=self._text(marker, i, 0),
                    photos=[photo] if acc.platform == "instagram" or i % 5 == 0 else [],
                    status="scheduled",
                    scheduled_at=now + timedelta(seconds=3 + span * i / self.cfg.posts),
                    approved_by="uji",
                    approved_at=now,
                )
                s.add(post)
                s.flush()
                self.markers[post.id or 0] = marker
                self.numbers[post.id or 0] = i
            s.commit()

    @staticmethod
    def _text(marker: str, i: int, edit: int) -> str:
        ralat = f" (ralat {edit})" if edit else ""
        return f"Kabar Pemkab {marker}: kegiatan nomor {i}{ralat} #Uji"

    # Daemons

    def _start_daemons(self) -> None:
        self.daemons = []
        for _ in range(self.cfg.daemons):
            path = self.work / f"daemon-{len(self.daemon_logs) + 1}.log"
            self.daemon_logs.append(path)
            with path.open("wb") as out:
                self.daemons.append(
                    subprocess.Popen(
                        [SOSMED, "--home", str(self.home), "daemon"],
                        stdout=out,
                        stderr=subprocess.STDOUT,
                    )
                )
        # Started means its signal handlers are in place: a SIGTERM then lets it finish.
        deadline = time.monotonic() + self.cfg.stop_timeout
        for path, proc in zip(self.daemon_logs[-len(self.daemons) :], self.daemons, strict=True):
            # "daemon NAME mulai" (Indonesian, the default) or "... started" (English).
            while not re.search(r" (mulai|started)$", path.read_text(errors="replace"), re.M):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"daemon did not start: see {path}")
                time.sleep(0.1)

    def _stop_daemons(self) -> None:
        for d in self.daemons:
            if d.poll() is None:
                d.send_signal(signal.SIGTERM)
        for d in self.daemons:
            try:
                d.wait(self.cfg.stop_timeout)
            except subprocess.TimeoutExpired:
                d.kill()
                d.wait(10)
                self.daemon_exits.append(None)
                continue
            self.daemon_exits.append(d.returncode)

    # The people

    def _calibrate(self) -> None:
        """How long a command takes to reach the database: a refused `publish` of no post
        (an id that could exist: 0 is refused before the database is opened)."""
        took = []
        for _ in range(3):
            t = time.monotonic()
            run_cli(self.home, "publish", "999999999", timeout=self.cfg.command_timeout)
            took.append(time.monotonic() - t)
        self.lead = sorted(took)[1]

    def _race(self) -> None:
        self._calibrate()
        self.say(f"  a command reaches the database after about {self.lead:.2f} s")
        deadline = time.monotonic() + self.cfg.seconds
        threads = [
            threading.Thread(
                target=self._staff_loop,
                args=(f"person{n + 1}", random.Random(self.cfg.seed * 1000 + n), deadline),
                daemon=True,
            )
            for n in range(self.cfg.staff)
        ]
        for t in threads:
            t.start()
        next_note = time.monotonic() + 30
        dead: set[int] = set()
        while time.monotonic() < deadline:
            time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))
            if time.monotonic() >= next_note:
                next_note += 30
                self.say(f"  {self._progress()}")
            for n, d in enumerate(self.daemons):
                if d.poll() is not None and n not in dead:
                    dead.add(n)  # counted when the daemons are stopped; the others go on
                    self.say(f"  daemon {n + 1} exited ({d.returncode}): see {self.daemon_logs[n]}")
        self.stop_staff.set()
        for t in threads:
            t.join(self.cfg.command_timeout + 10)

    def _progress(self) -> str:
        counts = Counter(p.status for p in self._posts().values())
        done = len(self.commands)
        return f"{done} commands so far; posts: {_fmt(dict(counts))}"

    def _staff_loop(self, name: str, rng: random.Random, deadline: float) -> None:
        while not self.stop_staff.is_set() and time.monotonic() < deadline:
            try:
                self._act(name, rng)
            except Exception as e:  # the harness must not die quietly mid-run
                self.say(f"  {name}: harness error {type(e).__name__}: {e}")
            self.stop_staff.wait(rng.uniform(0.0, 0.3))

    def _act(self, name: str, rng: random.Random) -> None:
        posts = list(self._posts().values())
        now = utcnow()

        def due_in(p: Post) -> float:
            due = p.next_try_at or p.scheduled_at
            return (due - now).total_seconds() if due else 1e9

        # What a person sees in `sosmed queue`: posts about to go or going, and those in doubt.
        hot = [p for p in posts if p.status == "publishing"] + [
            p for p in posts if p.status == "scheduled" and -5 <= due_in(p) <= 4
        ]
        soon = [p for p in posts if p.status in ("scheduled", "missed") and -30 <= due_in(p) <= 30]
        doubt = [p for p in posts if p.status in DOUBT]
        r = rng.random()
        if doubt and r < 0.3:
            post = rng.choice(doubt)
            if rng.random() < 0.25:  # someone cancels a post that may already be online
                self._run(name, post, "cancel", [str(post.id)])
            else:
                self._resolve(name, post)
            return
        action = rng.choices(
            ("publish", "edit", "schedule", "cancel", "resolve"), (35, 25, 20, 8, 12)
        )[0]
        # Most often the person aims: the command reaches the database just as the post falls
        # due, when the daemon claims it (``lead``: how long a command takes to get there).
        lead = self.lead
        aimable = [p for p in posts if p.status == "scheduled" and 0.2 <= due_in(p) - lead <= 4]
        if action != "resolve" and aimable and rng.random() < 0.6:
            post = min(aimable, key=due_in)
            wait = due_in(post) - lead + rng.uniform(-0.25, 0.15)
            if self.stop_staff.wait(max(0.0, wait - (utcnow() - now).total_seconds())):
                return
        else:
            pool = hot if hot and rng.random() < 0.8 else soon or hot
            if not pool:
                return
            post = rng.choice(pool)
        pid = post.id or 0
        if action == "publish":
            self._run(name, post, "publish", [str(pid)])
        elif action == "edit":
            with self._lock:
                self.edits[pid] += 1
                n = self.edits[pid]
            text = self._text(self.markers[pid], self.numbers[pid], n)
            edited = self._run(name, post, "edit", [str(pid), "--text", text])
            if edited.exit == 0 and "kembali ke draf" in edited.stdout:
                # New words need a new approval: the person gives it and schedules the post
                # again, as staff do.
                self._run(name, post, "approve", [str(pid)])
                at = utcnow() + timedelta(seconds=rng.uniform(1, 15))
                self._run(
                    name, post, "schedule", [str(pid), "--at", at.strftime("%Y-%m-%d %H:%M:%S UTC")]
                )
        elif action == "schedule":
            at = utcnow() + timedelta(seconds=rng.uniform(1, 15))
            self._run(
                name, post, "schedule", [str(pid), "--at", at.strftime("%Y-%m-%d %H:%M:%S UTC")]
            )
        elif action == "cancel":
            self._run(name, post, "cancel", [str(pid)])
        else:
            self._resolve(name, post)

    def _resolve(self, name: str, post: Post) -> None:
        """Settle a post the way a person would: look at the account, say what is there."""
        assert self.sandbox is not None
        pid = post.id or 0
        last_send = max(
            (a.started_at for a in self._attempts(pid) if a.kind == "publish" and a.started_at),
            default=None,
        )
        if last_send and (utcnow() - last_send).total_seconds() < self.cfg.settled_after:
            return  # the send may still be arriving: look again later
        online = [e for e in self.sandbox.ledger() if self.markers[pid] in str(e.get("text"))]
        if online:
            url = self._url(online[0])
            args = [str(pid), "--published", url]
            why = f"online since {online[0].get('time', '?')[11:23]}"
        else:
            args, why = [str(pid), "--not-published"], "not in the ledger"
        self._run(name, post, "resolve", args, why)

    def _url(self, entry: dict[str, Any]) -> str:
        assert self.sandbox is not None
        url = str(entry.get("url") or "")
        if url.startswith(("http://", "https://")):
            return url
        return f"{self.sandbox.url}/{entry['platform']}/{entry['remote_id']}"

    def _run(self, name: str, post: Post, action: str, args: list[str], why: str = "") -> Command:
        started = utcnow()
        try:
            # The commands that record a person's decision name the person (--by).
            named = ["--by", name] if action in ("edit", "cancel", "resolve", "approve") else []
            r = run_cli(self.home, action, *args, *named, timeout=self.cfg.command_timeout)
            code, out, err = r.returncode, r.stdout, r.stderr
        except subprocess.TimeoutExpired as e:
            code = None
            out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
            err = e.stderr.decode() if isinstance(e.stderr, bytes) else (e.stderr or "")
        cmd = Command(
            name,
            post.id or 0,
            action,
            [action, *args],
            post.status,
            post.fence,
            started,
            utcnow(),
            code,
            out,
            err,
            why,
        )
        with self._lock:
            self.commands.append(cmd)
            if self._cmd_log is not None:
                row = {**asdict(cmd), "started": cmd.started.isoformat()}
                row["finished"] = cmd.finished.isoformat()
                self._cmd_log.write(json.dumps(row, ensure_ascii=False) + "\n")
                self._cmd_log.flush()
        return cmd

    # Drain

    def _drain(self) -> bool:
        """Until nothing is open: time passes (backoffs skipped), a person settles reviews."""
        assert self.store is not None
        deadline = time.monotonic() + self.cfg.drain_seconds
        while True:
            with Session(self.store.engine) as s:
                s.exec(sql(f"UPDATE post SET next_try_at = NULL WHERE status IN {OPEN_WAITING}"))
                s.exec(sql("UPDATE accountstate SET not_before = NULL"))
                s.commit()
            posts = self._posts().values()
            open_posts = [p for p in posts if p.status in OPEN]
            review = [p for p in posts if p.status == "needs_review"]
            for p in review:
                self._resolve("drain", p)
            if not open_posts and not review:
                return True
            for n, d in enumerate(self.daemons):
                if d.poll() is not None:
                    self.say(f"  daemon {n + 1} exited ({d.returncode}) while draining")
                    return False
            if time.monotonic() > deadline:
                return False
            time.sleep(1.0)

    # Counting

    def _posts(self) -> dict[int, Post]:
        assert self.store is not None
        with Session(self.store.engine) as s:
            return {p.id or 0: p for p in s.exec(select(Post)).all()}

    def _attempts(self, post_id: int | None = None) -> list[Attempt]:
        assert self.store is not None
        q = select(Attempt).order_by(col(Attempt.id))
        if post_id is not None:
            q = q.where(Attempt.post_id == post_id)
        with Session(self.store.engine) as s:
            return list(s.exec(q).all())

    def _count(self, drained: bool) -> RaceResult:
        assert self.sandbox is not None and self.store is not None
        ledger = self.sandbox.ledger()
        posts = self._posts()
        online: dict[str, list[dict[str, Any]]] = {}
        strays = 0
        for e in ledger:
            found = MARKER.findall(str(e.get("text")))
            if not found:
                strays += 1
            for m in found:
                online.setdefault(m, []).append(e)
        now = utcnow()
        dupes, online_not_pub, pub_not_online, stuck, cancelled_online = [], [], [], [], []
        for pid, p in sorted(posts.items()):
            marker = self.markers.get(pid, "")
            copies = online.get(marker, [])
            label = f"post {pid} ({p.account}, {marker}) {p.status}"
            if len(copies) > 1:
                dupes.append(f"{label}: online {len(copies)} times")
            if copies and p.status != "published":
                online_not_pub.append(f"{label}: online as {copies[0].get('url')}")
            if p.status == "cancelled" and copies:
                cancelled_online.append(f"{label}: online as {copies[0].get('url')}")
            if p.status == "published" and not copies:
                pub_not_online.append(f"{label}: {p.remote_url}")
            due = p.next_try_at or p.scheduled_at
            if p.status in ("publishing", "in_doubt", "needs_review") or (
                p.status == "scheduled" and due is not None and due <= now
            ):
                stuck.append(f"{label}: {p.last_error or ''}"[:200])
        bad = [c.line() + f"  [{c.problem}]" for c in self.commands if c.problem]
        tracebacks = {
            p.name: p.read_text(errors="replace").count(TRACEBACK) for p in self.daemon_logs
        }
        by_action: dict[str, dict[str, int]] = {}
        for c in self.commands:
            answer = "ok" if c.exit == 0 else f"exit {c.exit}"
            by_action.setdefault(c.action, Counter())[answer] += 1
        figures = {
            "posts": len(posts),
            "ledger_entries": len(ledger),
            "online_posts": sum(1 for pid in posts if self.markers.get(pid, "") in online),
            "commands": len(self.commands),
            "refused_commands": sum(1 for c in self.commands if c.exit not in (0, None)),
            "drained": int(drained),
            "duplicates": len(dupes),
            "extra_copies": sum(len(v) - 1 for v in online.values() if len(v) > 1),
            "online_not_published": len(online_not_pub),
            "published_not_online": len(pub_not_online),
            "stuck": len(stuck),
            "cancelled_online": len(cancelled_online),
            "bad_commands": len(bad),
            "daemon_tracebacks": sum(tracebacks.values()),
            "daemon_bad_exits": sum(1 for x in self.daemon_exits if x != 0),
            "ledger_without_marker": strays,
        }
        result = RaceResult(
            figures=figures,
            statuses=dict(Counter(p.status for p in posts.values())),
            commands={k: dict(v) for k, v in by_action.items()},
            details={
                "duplicates": dupes,
                "online but not published": online_not_pub,
                "published but not online": pub_not_online,
                "stuck": stuck,
                "cancelled but online": cancelled_online,
                "commands without a one-line refusal": bad,
                "daemon logs with tracebacks": [f"{k}: {v}" for k, v in tracebacks.items() if v],
            },
        )
        for pid in sorted(posts):
            if len(online.get(self.markers.get(pid, ""), [])) > 1:
                result.explanations += self.explain(pid, online[self.markers[pid]])
        return result

    def explain(self, post_id: int, copies: list[dict[str, Any]]) -> list[str]:
        """The post's history merged in time: what went online, who sent, who typed what."""
        assert self.store is not None
        rows: list[tuple[datetime, str]] = []
        for e in copies:
            at = datetime.fromisoformat(str(e["time"]))
            rows.append((at, f"ONLINE   {e['platform']} {e.get('remote_id')} {e.get('url') or ''}"))
        for a in self._attempts(post_id):
            if a.started_at is None:
                continue
            end = f"..{_iso(a.finished_at)}" if a.finished_at else "..(never finished)"
            rows.append(
                (
                    a.started_at,
                    f"attempt  {a.kind:<9} fence {a.fence} by {a.worker} {end} → {a.outcome}"
                    + (f" ({a.error_class})" if a.error_class else ""),
                )
            )
        with Session(self.store.engine) as s:
            events = s.exec(
                select(Event).where(Event.post_id == post_id).order_by(col(Event.id))
            ).all()
        for ev in events:
            if ev.at is not None:
                rows.append((ev.at, f"event    {ev.action} by {ev.actor} {ev.detail or ''}"))
        for c in self.commands:
            if c.post_id == post_id:
                rows.append(
                    (c.started, f"command  {c.line()} [until {_iso(c.finished)}] {c.why}".rstrip())
                )
        out = [f"- post {post_id} ({self.markers.get(post_id)}):"]
        out += [f"    {_iso(t)}  {text}" for t, text in sorted(rows, key=lambda r: r[0])]
        return out
