"""Taking published posts off their platforms: `sosmed retract`.

Every check comes before any change: the person (--by, as approvals), the reason, and each
post (known, and published or retracted already). Then, post by post, the order is recorded
(``retracting``) before the platform is asked, and the answer after: deleted (or gone
already), a platform whose API cannot delete (Instagram: the person deletes it by hand, at
its address), or a failure with its reason. Running it again finishes what is left: a post
retracted already is not asked again, one cut off half-way is asked again (a "not found" then
counts as deleted). A post left to a person is closed with ``done_by_hand`` once that
person has deleted it on the platform: who and when are recorded, and it counts as retracted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sosmed.errors import ConfigError, InputError, PlatformError, Rejected
from sosmed.i18n import _
from sosmed.models import PostStatus, RetractState
from sosmed.state_words import label

if TYPE_CHECKING:
    from collections.abc import Callable

    from sosmed.models import Post, Retraction
    from sosmed.office import Office

    Made = Callable[..., "Outcome"]

# The posts retract takes: online, or taken off already (a re-run says so and moves on).
TAKES = (PostStatus.published, PostStatus.retracted)


@dataclass(frozen=True)
class Outcome:
    """What became of one post: ``state`` retracted, manual or failed; ``asked``: whether
    the platform was asked in this run (False for a post retracted before)."""

    post_id: int
    account: str
    platform: str
    state: RetractState
    asked: bool
    line: str
    url: str | None = None

    @property
    def needs_person(self) -> bool:
        return self.state != RetractState.retracted


def retract(
    office: Office, post_ids: Iterable[int], article_id: int | None, by: str | None, reason: str
) -> list[Outcome]:
    """Retract these posts (or every published post of the article); one outcome each."""
    actor = office.person(by, named=True)
    why = " ".join((reason or "").split())
    if not why:
        raise InputError(_('sebutkan alasan penarikan dengan --reason "…"'))
    posts = targets(office, list(post_ids), article_id)
    before = office.store.retractions(p.id or 0 for p in posts)
    return [_one(office, post, before.get(post.id or 0), actor, why) for post in posts]


def done_by_hand(office: Office, post_ids: Iterable[int], by: str | None) -> list[Outcome]:
    """Record that a person deleted these posts on their platforms themselves; each must have
    a retraction order (InputError before anything changes). Its reason stays the order's."""
    from sosmed.platforms.names import platform_title

    actor = office.person(by, named=True)
    posts = [office.post(pid) for pid in dict.fromkeys(post_ids)]
    if not posts:
        raise InputError(_("sebutkan nomor posting yang sudah dihapus sendiri"))
    orders = office.store.retractions(p.id or 0 for p in posts)
    for p in posts:
        if p.id not in orders:
            raise InputError(
                _(
                    "post {id} tidak punya perintah penarikan; tarik dulu: sosmed retract {id} "
                    '--by NAMA --reason "…"'
                ).format(id=p.id)
            )
    out = []
    for post in posts:
        pid, title = post.id or 0, platform_title(post.platform)
        if post.status == PostStatus.retracted:
            line, asked = _("sudah ditarik sebelumnya"), False
        else:
            line, asked = _("dihapus sendiri di {platform}").format(platform=title), True
            _finish(office, pid, RetractState.retracted, actor, orders[pid].reason, line)
        out.append(
            Outcome(pid, post.account, title, RetractState.retracted, asked, line, post.remote_url)
        )
    return out


def targets(office: Office, post_ids: list[int], article_id: int | None) -> list[Post]:
    """The posts asked for, each checked; InputError / NotFound before anything changes."""
    if bool(post_ids) == (article_id is not None):
        raise InputError(_("sebutkan nomor posting, atau --article NOMOR (salah satu saja)"))
    if article_id is not None:
        office.store.get_article(article_id)  # NotFound for an unknown article
        posts = [p for p in office.posts(article=article_id) if p.status in TAKES]
        if not posts:
            raise InputError(
                _("berita {id} tidak punya posting yang sudah tayang").format(id=article_id)
            )
        return posts
    posts = [office.post(pid) for pid in dict.fromkeys(post_ids)]
    for p in posts:
        if p.status not in TAKES:
            raise InputError(
                _(
                    "post {id} belum tayang (status {status}); hanya posting yang sudah "
                    "tayang yang bisa ditarik"
                ).format(id=p.id, status=label(p.status))
            )
    return posts


def _one(office: Office, post: Post, before: Retraction | None, actor: str, why: str) -> Outcome:
    from sosmed.platforms.names import platform_title
    from sosmed.platforms.registry import platform_class

    pid, title = post.id or 0, platform_title(post.platform)

    def outcome(state: RetractState, line: str, asked: bool = True) -> Outcome:
        return Outcome(pid, post.account, title, state, asked, line, post.remote_url)

    if post.status == PostStatus.retracted:
        return outcome(RetractState.retracted, _("sudah ditarik sebelumnya"), asked=False)
    try:
        can = platform_class(post.platform).can_retract
    except ConfigError:
        can = False
    if not can:
        line = manual_line(title, post.remote_url)
        if before is None or before.state != RetractState.manual:
            office.store.begin_retraction(pid, actor, why, office.now())
            _finish(office, pid, RetractState.manual, actor, why, line)
        return outcome(RetractState.manual, line, asked=False)
    post, record = office.store.begin_retraction(pid, actor, why, office.now())
    if record.state == RetractState.retracted:  # another run finished it meanwhile
        return outcome(RetractState.retracted, _("sudah ditarik sebelumnya"), asked=False)
    return _ask(office, post, actor, why, title, outcome)


def _ask(office: Office, post: Post, actor: str, why: str, title: str, outcome: Made) -> Outcome:
    """Ask the platform to delete; record and tell its answer."""
    from sosmed.platforms.base import Online
    from sosmed.platforms.registry import for_account

    pid = post.id or 0
    parts = max(1, len(post.photos))  # a Telegram album is one message per photo
    online = Online(post.remote_id or "", post.remote_url, post.published_at, parts)
    try:
        platform = for_account(office.settings.account(post.account), office.settings)
        deleted = platform.retract(online, office.now())
    except Rejected as e:
        if e.code in ("too_old", "cannot_delete"):
            line = too_old_line(title, post.remote_url, e.code)
            _finish(office, pid, RetractState.manual, actor, why, line, type(e).__name__)
            return outcome(RetractState.manual, line)
        return _failed(office, post, actor, why, str(e), type(e).__name__, outcome)
    except (PlatformError, ConfigError) as e:
        return _failed(office, post, actor, why, str(e), type(e).__name__, outcome)
    line = _("ditarik dari {platform}").format(platform=title)
    if not deleted:
        line = _("ditarik (sudah tidak ada di {platform})").format(platform=title)
    _finish(office, pid, RetractState.retracted, actor, why, line)
    return outcome(RetractState.retracted, line)


def _failed(
    office: Office, post: Post, actor: str, why: str, error: str, cls: str, outcome: Made
) -> Outcome:
    line = _("gagal ditarik: {error}; jalankan retract lagi").format(error=error)
    _finish(office, post.id or 0, RetractState.failed, actor, why, line, cls)
    return outcome(RetractState.failed, line)


def _finish(
    office: Office,
    post_id: int,
    state: RetractState,
    actor: str,
    why: str,
    line: str,
    error_class: str | None = None,
) -> None:
    # The log row says who and why, so `sosmed log` and the report show them beside the result.
    message = _("{line} — oleh {actor}, alasan: {why}").format(line=line, actor=actor, why=why)
    office.store.finish_retraction(post_id, state, office.now(), actor, message, error_class)


def manual_line(title: str, url: str | None) -> str:
    return _("{platform} tidak bisa menghapus lewat API — hapus sendiri di {url}").format(
        platform=title, url=url or _("(alamat tidak diketahui)")
    )


def too_old_line(title: str, url: str | None, code: str | None) -> str:
    where = url or _("(alamat tidak diketahui)")
    if code == "too_old":
        return _(
            "{platform} tidak bisa menghapusnya: terkirim lebih dari 48 jam lalu — hapus sendiri "
            "di {url}"
        ).format(platform=title, url=where)
    return _(
        "{platform} menolak menghapusnya (terlalu lama, atau bot tak berhak) — hapus sendiri "
        "di {url}"
    ).format(platform=title, url=where)
