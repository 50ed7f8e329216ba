"""`sosmed retract`: one article published on the seven sandbox platforms, then taken back.

Six posts leave the sandbox's ledger through each platform's own delete endpoint; Instagram's
API cannot delete, so its post stays and the line gives its address. A second run asks no
platform again; a run cut off half-way (a platform's fault, or a stop right after the order
was recorded) is finished by the next one. The log and the report show who and why.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select
from tests.support.cli import SOSMED, run_cli
from tests.support.forked import run_forked

from sosmed.attempts import AttemptKind
from sosmed.demo import DemoResult, run_demo
from sosmed.errors import AuthError, Rejected
from sosmed.models import Attempt, Post, Retraction, RetractState
from sosmed.office import Office
from sosmed.office.retract import retract
from sosmed.platforms.base import Online
from sosmed.platforms.registry import for_account
from sosmed.sandbox.core import Faults, parse_slow_spec
from sosmed.settings import Settings

SIX = {"x", "facebook", "telegram", "mastodon", "bluesky", "threads"}
WHY = "tanggal acara salah"


@pytest.fixture
def world(tmp_path: Path) -> Iterator[DemoResult]:
    """The demo's article, composed for the seven sandbox accounts and published on each."""
    done = run_demo(tmp_path / "home", lambda _line: None)
    try:
        assert {p.platform for p in done.posts} == SIX | {"instagram"}
        assert all(p.status == "published" for p in done.posts)
        yield done
    finally:
        done.sandbox.stop()


@pytest.fixture
def office(world: DemoResult) -> Iterator[Office]:
    office = Office(Settings.load(world.home))
    yield office
    office.close()


def online(world: DemoResult) -> set[str]:
    return {e["platform"] for e in world.sandbox.ledger.snapshot()}


def ids(world: DemoResult, *platforms: str) -> dict[str, int]:
    return {p.platform: p.id or 0 for p in world.posts if p.platform in platforms}


def retract_attempts(office: Office, post_id: int) -> list[Attempt]:
    with office.store.read_session() as s:
        rows = s.scalars(select(Attempt).where(Attempt.post_id == post_id)).all()
        return [a for a in rows if a.kind == AttemptKind.retract]


def test_retract_article_deletes_six_and_names_instagram_manual(world: DemoResult) -> None:
    home, article = world.home, str(world.article_id)
    done = run_cli(home, "retract", "--article", article, "--by", "siti", "--reason", WHY)
    assert done.returncode == 1, done.stderr  # Instagram needs a person
    assert online(world) == {"instagram"}
    *told, hint = done.stdout.strip().splitlines()
    lines = dict(line.split(": ", 1) for line in told)
    by_id = {p.id: p for p in world.posts}
    instagram = next(p.id for p in world.posts if p.platform == "instagram")
    assert hint == f"setelah dihapus sendiri: sosmed retract {instagram} --done-by-hand --by NAMA"
    for head, said in lines.items():
        post = by_id[int(head.split()[1])]
        if post.platform == "instagram":
            manual = "Instagram tidak bisa menghapus lewat API — hapus sendiri di "
            assert said == manual + str(post.remote_url)
        else:
            assert said.startswith("ditarik dari "), said
    assert len(lines) == 7

    office = Office(Settings.load(home))
    try:
        posts = {p.platform: p for p in office.posts(article=world.article_id)}
        assert {n for n, p in posts.items() if p.status == "retracted"} == SIX
        assert posts["instagram"].status == "published"
        records = office.store.retractions(p.id or 0 for p in posts.values())
        assert {r.actor for r in records.values()} == {"siti"}  # no staff list: as typed
        assert {r.reason for r in records.values()} == {WHY}
        assert records[posts["instagram"].id or 0].state == RetractState.manual
        assert all(r.requested_at is not None for r in records.values())

        again = run_cli(home, "retract", "--article", article, "--by", "siti", "--reason", WHY)
        assert again.returncode == 1
        assert again.stdout.count("sudah ditarik sebelumnya") == 6
        assert online(world) == {"instagram"}
        # Idempotent: one retract row per post in the log, the second run asked nobody.
        assert all(len(retract_attempts(office, p.id or 0)) == 1 for p in posts.values())
    finally:
        office.close()


def test_json_and_exit_zero_when_all_gone(world: DemoResult) -> None:
    pid = ids(world, "mastodon")["mastodon"]
    done = run_cli(world.home, "retract", str(pid), "--by", "Budi", "--reason", WHY, "--json")
    assert done.returncode == 0, done.stderr
    (row,) = json.loads(done.stdout)
    assert (row["post"], row["outcome"], row["asked"]) == (pid, "retracted", True)
    assert "mastodon" not in online(world)

    # Retracted is final: composing the article again keeps it, and nothing sends it again.
    office = Office(Settings.load(world.home))
    try:
        kept = {c.post.id: c for c in office.desk.recompose(world.article_id)}
        assert (kept[pid].how, kept[pid].why) == ("dibiarkan", "sudah ditarik dari platformnya")
        assert office.post(pid).status == "retracted"
        assert office.queue(100) == []
    finally:
        office.close()


def test_a_fault_half_way_is_finished_by_the_next_run(world: DemoResult, office: Office) -> None:
    # Mastodon fails before deleting; X deletes, then answers 503 (the delete did happen).
    world.sandbox.faults = Faults(spec="mastodon:before,x:after")
    posts = ids(world, *SIX)
    first = {o.platform: o for o in retract(office, posts.values(), None, "Siti", WHY)}
    assert first["Mastodon"].state == first["X"].state == RetractState.failed
    assert "jalankan retract lagi" in first["Mastodon"].line
    assert online(world) == {"instagram", "mastodon"}
    assert office.post(posts["x"]).status == "published"  # not known to be gone yet

    world.sandbox.faults = Faults()
    second = {o.platform: o for o in retract(office, posts.values(), None, "Siti", WHY)}
    assert {o.state for o in second.values()} == {RetractState.retracted}
    assert second["X"].line == "ditarik (sudah tidak ada di X)"  # X's 404 counts as done
    assert second["Mastodon"].asked and not second["Bluesky"].asked
    assert online(world) == {"instagram"}
    assert len(retract_attempts(office, posts["bluesky"])) == 1
    assert [str(a.outcome) for a in retract_attempts(office, posts["x"])] == [
        "retract_failed",
        "retracted",
    ]


def test_a_stop_after_the_order_was_recorded(world: DemoResult, office: Office) -> None:
    pid = ids(world, "facebook", "bluesky")
    # A run that recorded its order, then died: once before the delete, once right after it.
    office.store.begin_retraction(pid["bluesky"], "Siti", WHY, office.now())
    post, _ = office.store.begin_retraction(pid["facebook"], "Siti", WHY, office.now())
    platform = for_account(office.settings.account(post.account), office.settings)
    assert platform.retract(Online(post.remote_id or ""), office.now()) is True
    assert online(world) == (SIX | {"instagram"}) - {"facebook"}
    assert office.post(pid["facebook"]).status == "published"

    again = {o.platform: o for o in retract(office, pid.values(), None, "Budi", "lagi")}
    assert {o.state for o in again.values()} == {RetractState.retracted}
    assert again["Facebook Page"].line == "ditarik (sudah tidak ada di Facebook Page)"
    assert "bluesky" not in online(world)
    records = office.store.retractions(pid.values())
    assert {(r.actor, r.reason, r.tries) for r in records.values()} == {("Siti", WHY, 2)}


def test_telegram_past_48_hours_is_left_to_a_person(world: DemoResult, office: Office) -> None:
    pid = ids(world, "telegram")["telegram"]
    with office.store.session() as s:
        post = s.get(Post, pid)
        assert post is not None and post.published_at is not None
        post.published_at -= timedelta(hours=49)
        s.add(post)
    (out,) = retract(office, [pid], None, "Siti", WHY)
    assert out.state == RetractState.manual and out.needs_person
    assert "lebih dari 48 jam" in out.line and str(out.url) in out.line
    assert "telegram" in online(world)

    # Telegram's own refusal (the sandbox's clock says the message is old) reads the same way.
    messages = world.sandbox.state["telegram"]["messages"]
    for key, (chat, sent) in list(messages.items()):
        messages[key] = (chat, sent - 49 * 3600)
    with office.store.session() as s:
        post = s.get(Post, pid)
        assert post is not None and post.published_at is not None
        post.published_at += timedelta(hours=49)
        s.add(post)
    (out,) = retract(office, [pid], None, "Siti", WHY)
    assert out.state == RetractState.manual and "hapus sendiri" in out.line


def test_retracted_posts_show_in_the_log_and_the_report(world: DemoResult) -> None:
    pid = ids(world, "threads", "instagram")
    done = run_cli(world.home, "retract", *map(str, pid.values()), "--by", "Siti", "--reason", WHY)
    assert done.returncode == 1
    log = run_cli(world.home, "log")
    assert log.returncode == 0, log.stderr
    rows = [line for line in log.stdout.splitlines() if "ditarik" in line or "hapus" in line]
    assert len(rows) == 2
    assert any(f"ditarik dari Threads — oleh Siti, alasan: {WHY}" in r for r in rows)
    # The outcome in the log's words (retract_manual: "hapus sendiri"), then why.
    assert any("hapus sendiri" in r and "Instagram" in r for r in rows)

    report = world.home / "r.html"
    made = run_cli(world.home, "report", "--since", "1d", "--out", str(report))
    assert made.returncode == 0, made.stderr
    page = report.read_text(encoding="utf-8")
    assert 'data-kpi="retracted"><b>1</b>' in page
    assert f"ditarik dari Threads — oleh Siti, alasan: {WHY}" in page
    start = page.index("Perlu tindakan")  # Instagram's post is still online: it needs action
    action = page[start : page.index("Posting terbit per hari", start)]
    assert "Instagram tidak bisa menghapus lewat API — hapus sendiri di https://" in action


def test_refusals_change_nothing(world: DemoResult, office: Office, tmp_path: Path) -> None:
    home, pid = world.home, str(ids(world, "x")["x"])
    with office.store.session() as s:  # a post that never went out
        extra = Post(article_id=world.article_id, account="spare", platform="x", text="t")
        s.add(extra)
        s.flush()
        draft = str(extra.id)
    cases = {
        (pid, "--by", "Siti"): "--reason",
        (pid, "--by", "Siti", "--reason", "  "): "--reason",
        (pid, "--reason", WHY): "--by",
        ("999", "--by", "Siti", "--reason", WHY): "999",
        ("--by", "Siti", "--reason", WHY): "--article",
        (pid, "--article", "1", "--by", "Siti", "--reason", WHY): "--article",
        ("--article", "999", "--by", "Siti", "--reason", WHY): "999",
        (draft, pid, "--by", "Siti", "--reason", WHY): f"post {draft} belum tayang (status draf)",
    }
    env = {"SOSMED_HOME": str(home)}
    runs = [{"args": ["retract", *a], "cwd": str(home), "env": env} for a in cases]
    for (args, named), done in zip(cases.items(), run_forked(runs, tmp_path), strict=True):
        assert done["code"] == 2, (args, done["stderr"])
        lines = done["stderr"].strip().splitlines()
        assert len(lines) == 1 and named in lines[0], (args, lines)
    assert online(world) == SIX | {"instagram"}
    with office.store.read_session() as s:
        assert s.scalars(select(Retraction)).all() == []


def test_each_platform_deletes_once_then_finds_it_gone(world: DemoResult, office: Office) -> None:
    """The contract: True when deleted now, False when gone already; a PDS answers a second
    deleteRecord as done, so Bluesky says True twice. Errors are the tree's (AuthError)."""
    posts = {p.platform: office.post(p.id or 0) for p in world.posts}
    for name, post in posts.items():
        platform = for_account(office.settings.account(post.account), office.settings)
        assert platform.can_retract == (name != "instagram")
        if name == "instagram":
            with pytest.raises(Rejected):
                platform.retract(Online(post.remote_id or ""), office.now())
            continue
        parts = max(1, len(post.photos))
        there = Online(post.remote_id or "", post.remote_url, post.published_at, parts)
        if name == "threads":
            world.sandbox.faults = Faults(spec="threads:auth")
            with pytest.raises(AuthError):
                platform.retract(there, office.now())
            world.sandbox.faults = Faults()
        assert platform.retract(there, office.now()) is True, name
        assert platform.retract(there, office.now()) is (name == "bluesky"), name
    assert online(world) == {"instagram"}


def test_killed_while_a_delete_is_on_its_way(world: DemoResult, office: Office) -> None:
    """The command killed (-9) while Mastodon's delete hangs: the next run finishes the rest
    and counts Mastodon's post as deleted, whether or not the cut-off delete got there."""
    world.sandbox.slow = parse_slow_spec([r"DELETE /api/v1/statuses/=1.5"])
    pid = ids(world, "mastodon", "bluesky")
    args = ["retract", "--article", str(world.article_id), "--by", "Siti", "--reason", WHY]
    env = {**os.environ, "SOSMED_HOME": str(world.home)}
    proc = subprocess.Popen([SOSMED, *args], env=env, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while office.store.retractions([pid["mastodon"]]).get(pid["mastodon"]) is None:
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.05)
        proc.kill()
    finally:
        proc.wait()
    order = office.store.retractions(pid.values())
    assert order[pid["mastodon"]].state == RetractState.retracting
    assert pid["bluesky"] not in order  # never reached
    world.sandbox.slow = []

    again = run_cli(world.home, *args)
    assert again.returncode == 1  # Instagram
    assert online(world) == {"instagram"}
    posts = office.posts(article=world.article_id)
    assert sorted(p.platform for p in posts if p.status == "retracted") == sorted(SIX)


def test_a_post_deleted_by_hand_is_closed_and_status_names_it_until_then(
    world: DemoResult, office: Office
) -> None:
    pid = ids(world, "instagram", "threads")
    home, gram = world.home, str(pid["instagram"])
    run_cli(home, "retract", *map(str, pid.values()), "--by", "Siti", "--reason", WHY)

    waiting = run_cli(home, "status")
    assert waiting.returncode == 1
    said = " ".join(waiting.stderr.split())  # the console may wrap a long line
    command = f"sosmed retract {gram} --done-by-hand --by NAMA"
    assert f"perlu orang: post {gram} (" in said and command in said
    assert str(office.post(pid["instagram"]).remote_url) in said
    assert f"sosmed retract {pid['threads']} " not in said  # deleted already: not named
    data = json.loads(run_cli(home, "status", "--json").stdout)
    assert data["retract_waiting"] == [pid["instagram"]]

    done = run_cli(home, "retract", gram, "--done-by-hand", "--by", "Budi")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"post {gram} (instagram_sandbox): dihapus sendiri di Instagram"
    assert office.post(pid["instagram"]).status == "retracted"
    (order,) = office.store.retractions([pid["instagram"]]).values()
    assert (order.state, order.actor, order.reason) == (RetractState.retracted, "Siti", WHY)
    assert order.finished_at is not None
    last = retract_attempts(office, pid["instagram"])[-1]
    assert str(last.outcome) == "retracted" and last.worker == "Budi"
    assert last.message == f"dihapus sendiri di Instagram — oleh Budi, alasan: {WHY}"

    again = run_cli(home, "retract", gram, "--by", "Siti", "--reason", WHY)
    assert again.returncode == 0 and "sudah ditarik sebelumnya" in again.stdout
    twice = run_cli(home, "retract", gram, "--done-by-hand", "--by", "Budi")
    assert twice.returncode == 0 and "sudah ditarik sebelumnya" in twice.stdout
    assert len(retract_attempts(office, pid["instagram"])) == 2  # the order, then by hand
    after = json.loads(run_cli(home, "status", "--json").stdout)
    assert after["retract_waiting"] == [] and after["needs_person"] is False

    report = world.home / "r.html"
    assert run_cli(home, "report", "--since", "1d", "--out", str(report)).returncode == 0
    page = report.read_text(encoding="utf-8")
    assert 'data-kpi="retracted"><b>2</b>' in page
    assert "hapus sendiri di https://" not in page  # nothing left to act on


def test_done_by_hand_is_refused_without_an_order(world: DemoResult, office: Office) -> None:
    pid = ids(world, "instagram", "x")
    home, gram, x = world.home, str(pid["instagram"]), str(pid["x"])
    run_cli(home, "retract", gram, "--by", "Siti", "--reason", WHY)
    cases = {
        (gram, x): f"post {x} tidak punya perintah penarikan",
        (gram, "--reason", WHY): "--done-by-hand",
        ("--article", str(world.article_id)): "--done-by-hand",
        (): "nomor posting",
        ("999",): "999",
    }
    for args, named in cases.items():
        done = run_cli(home, "retract", *args, "--done-by-hand", "--by", "Budi")
        lines = done.stderr.strip().splitlines()
        assert done.returncode == 2 and len(lines) == 1 and named in lines[0], (args, lines)
    assert {p.platform for p in office.posts() if p.status == "retracted"} == set()
    (order,) = office.store.retractions(pid.values()).values()
    assert order.state == RetractState.manual
    assert len(retract_attempts(office, pid["instagram"])) == 1
