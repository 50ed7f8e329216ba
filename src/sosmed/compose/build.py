"""Composing an article into one post per account: summary, hashtags, photos, fitted text.

The article is read once; its summary ranking, credited names and date are shared by every
account. Each account then gets its template rendered, fitted to its platform, and its photo
variants. A post already past the draft state is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sosmed.compose import hashtags as hashtag_module
from sosmed.compose import summary as summary_module
from sosmed.compose.fit import Fitted, Parts, Sentence, fit
from sosmed.compose.media import Originals, Variant, variants_for
from sosmed.compose.templates import indonesian_date, render, template_for, with_utm
from sosmed.errors import ConfigError, NotFound
from sosmed.i18n import _
from sosmed.models import Article, Photo, Post, PostStatus, utcnow
from sosmed.platforms.limits import account_limits, check, limits_for
from sosmed.platforms.registry import platform_class
from sosmed.settings import Account, Settings
from sosmed.store import Store
from sosmed.store.posts import NEEDS_PHOTO, TOO_LONG

ACTOR = "sosmed"
# How many summary sentences are ranked when no account is named (each platform says how
# many it starts from: summary_sentences).
DEFAULT_SENTENCES = 5
# How many of the article's hashtags to rank; an account's cap takes the first few.
ARTICLE_TAGS = 12
_NAME_SPLIT = re.compile(r"\s*(?:[,;/&]|\bdan\b)\s*", re.IGNORECASE)
_NOT_TAG = re.compile(r"[^\w]")


@dataclass(frozen=True)
class Material:
    """What every account's post is made from, worked out once per article."""

    article: Article
    photos: list[Photo]
    sentences: list[Sentence]  # best first
    credited: list[str]
    hashtags: list[str]  # the article's, best first; each account adds its own and caps
    date: str
    # Who approves the posts at once, when somebody does: the article's feed ("feed:3"), named
    # in the audit trail; None when each account's require_approval decides.
    approver: str | None
    originals: Originals  # the photos, read and decoded at most once


def ranked_sentences(paragraphs: list[str], n: int) -> list[Sentence]:
    """The article's ``n`` best sentences, best first, each a sentence of the article."""
    if not any(p.strip() for p in paragraphs):
        return []
    rank: Callable[[list[str]], Sequence[Any]] | None = getattr(
        summary_module, "rank_sentences", None
    )
    if rank is not None:
        return [Sentence(r.index, r.text, i) for i, r in enumerate(rank(paragraphs)[:n])]
    chosen = summary_module.summarize(paragraphs, n)
    return [Sentence(i, text, i) for i, text in enumerate(chosen)]


def credited_names(article: Article) -> list[str]:
    names: list[str] = []
    for field in (article.editor, article.reporter, article.photographer):
        names.extend(n.strip() for n in _NAME_SPLIT.split(field or "") if n.strip())
    return names


def _tag(text: str) -> str:
    body = _NOT_TAG.sub("", text.lstrip("#"))
    return "#" + body if body else ""


def _is_name(tag: str, credited: list[str]) -> bool:
    body = tag.lstrip("#").lower()
    for name in credited:
        words = [_NOT_TAG.sub("", w).lower() for w in name.split()]
        if body == "".join(words) or any(len(w) >= 3 and body == w for w in words):
            return True
    return False


def article_hashtags(article: Article, credited: list[str]) -> list[str]:
    """The article's own hashtags, best first, with no credited person's name."""
    found = hashtag_module.hashtags_for(
        article.title, list(article.paragraphs), article.place, credited, [], ARTICLE_TAGS
    )
    return [t for t in (_tag(f) for f in found) if t and not _is_name(t, credited)]


def hashtags_for_account(account: Account, material: Material) -> list[str]:
    """The account's fixed tags first, then the article's; deduped ignoring case; capped."""
    cap = account.hashtag_cap
    if cap is None:
        cap = limits_for(account.platform).hashtag_cap
    fixed = [t for t in (_tag(h) for h in account.hashtags) if t]
    out: dict[str, str] = {}
    for tag in [*fixed, *material.hashtags]:
        out.setdefault(tag.lower(), tag)
    return list(out.values())[:cap]


def _context(account: Account, material: Material) -> dict[str, Any]:
    a = material.article
    wanted = platform_class(account.platform).link_in_text(account)
    link = with_utm(a.url, account.utm, account) if wanted else None
    return {
        "lead": a.lead,
        "link": link,
        "place": a.place,
        "date": material.date,
        "account": account,
    }


def fit_text(account: Account, material: Material, settings: Settings, with_images: bool) -> Fitted:
    template = template_for(account, settings)
    base = _context(account, material)
    n = platform_class(account.platform).summary_sentences

    # The characters a platform refuses outright (X: U+FEFF, a byte-order mark pasted in with a
    # title) are invisible; dropping them keeps the title instead of losing the whole text.
    refused = limits_for(account.platform).refused
    own = account_limits(account, settings)  # a Mastodon instance's own figures

    def draw(parts: Parts) -> str:
        summary, tags = list(parts.summary), list(parts.hashtags)
        text = render(
            template, {**base, "title": parts.title, "summary": summary, "hashtags": tags}
        )
        return "".join(c for c in text if c not in refused) if refused else text

    return fit(
        draw,
        lambda text: check(account.platform, text, with_images, own),
        material.article.title or "",
        material.sentences[:n],
        hashtags_for_account(account, material),
    )


def compose_for(
    account: Account, material: Material, settings: Settings, now: datetime | None = None
) -> Post:
    """The post for one account, not yet saved."""
    variants: list[Variant] = []
    if material.photos:
        variants, _skipped = variants_for(
            material.photos, account.platform, settings, material.originals
        )
        variants = variants[: account_limits(account, settings).max_images]
    fitted = fit_text(account, material, settings, with_images=bool(variants))
    problem = None
    if limits_for(account.platform).min_images > len(variants):
        problem = NEEDS_PHOTO
    elif not fitted.fits:
        problem = f"{TOO_LONG}: {fitted.measure.problem}"
    approver = material.approver or (None if account.require_approval else ACTOR)
    at_once = problem is None and approver is not None
    return Post(
        article_id=material.article.id or 0,
        account=account.name,
        platform=account.platform,
        text=fitted.text,
        hashtags=list(fitted.parts.hashtags),
        photos=[v.as_dict() for v in variants],
        status=PostStatus.approved if at_once else PostStatus.draft,
        problem=problem,
        approved_by=approver if at_once else None,
        approved_at=(now or utcnow()) if at_once else None,
    )


def _accounts(settings: Settings, names: list[str] | None) -> list[Account]:
    if names:
        return [settings.account(n) for n in names]
    if not settings.config.accounts:
        raise ConfigError(
            _("{path}: belum ada akun ([[accounts]])").format(path=settings.config_path)
        )
    return list(settings.config.accounts)


def _feed_approver(store: Store, feed_id: int | None) -> str | None:
    """``feed:<id>`` when the article came from a feed that approves its posts at once."""
    if feed_id is None:
        return None
    try:
        return f"feed:{feed_id}" if store.get_feed(feed_id).auto_approve else None
    except NotFound:
        return None


def material_for(
    store: Store, settings: Settings, article_id: int, sentences: int = DEFAULT_SENTENCES
) -> Material:
    article = store.get_article(article_id)
    credited = credited_names(article)
    return Material(
        article=article,
        photos=store.article_photos(article_id),
        sentences=ranked_sentences(list(article.paragraphs), sentences),
        credited=credited,
        hashtags=article_hashtags(article, credited),
        date=indonesian_date(article.published_at, settings.tz, article.published_offset),
        approver=_feed_approver(store, article.feed_id),
        originals=Originals(settings),
    )


def compose_article(
    store: Store,
    settings: Settings,
    article_id: int,
    accounts: list[str] | None = None,
    now: datetime | None = None,
    actor: str = ACTOR,
) -> list[Post]:
    """One post per account (all configured accounts unless ``accounts`` names some), composed
    at ``now`` (the office's clock; the wall clock when not given); the history names
    ``actor`` (a person who asked for it, or sosmed itself).

    An account that already has a post for this article keeps it unchanged, unless it is
    still a draft: a draft is composed again.
    """
    when = now or utcnow()
    chosen = _accounts(settings, accounts)
    wanted = max((platform_class(a.platform).summary_sentences for a in chosen), default=0)
    material = material_for(store, settings, article_id, max(wanted, DEFAULT_SENTENCES))
    have = {p.account: p for p in store.list_posts(article_id=article_id)}
    posts: list[Post] = []
    for account in chosen:
        existing = have.get(account.name)
        if existing is not None and existing.status != PostStatus.draft:
            posts.append(existing)
            continue
        posts.append(
            store.save_composed(compose_for(account, material, settings, when), actor, when)
        )
    _remember_photos(store, material)
    return posts


def _remember_photos(store: Store, material: Material) -> None:
    """Keep each photo's hash, so that composing again finds its variants without a download."""
    for photo in material.photos:
        learned = material.originals.learned(photo)
        if learned is not None:
            store.update_photo(learned)


def compose_for_feed(
    store: Store,
    settings: Settings,
    article_id: int,
    accounts: list[str],
    now: datetime | None = None,
) -> list[Post]:
    """A feed's new article: posts for the feed's accounts (all when it names none), approved
    at once — in the feed's name — when the feed says so and the post has no problem."""
    if not settings.config.accounts:
        return []  # nothing to compose for yet: the article waits in the store
    return compose_article(store, settings, article_id, accounts or None, now)
