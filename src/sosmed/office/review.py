"""A reviewer's and an editor's acts on one post from a page: approve the words on the screen,
send the post back with a comment, edit it, count a text as its platform will.

Each act names the post as the person saw it (its status and fence, from the page), so that a
page left open never approves or overwrites words that changed meanwhile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sosmed.errors import InputError

if TYPE_CHECKING:
    from sosmed.models import Post
    from sosmed.office import Office
    from sosmed.store.guard import Seen


def seen_as(status: str, fence: str | int) -> Seen:
    """What a page's form says the person saw; InputError for a form that says nothing."""
    from sosmed.i18n import _
    from sosmed.models import PostStatus
    from sosmed.store.guard import Seen

    try:
        return Seen(PostStatus(status), int(fence))
    except (ValueError, TypeError):
        raise InputError(_("formulir tanpa keadaan post; muat ulang halamannya")) from None


def approve(office: Office, post_id: int, seen: Seen, by: str) -> Post:
    from sosmed.store.review import approve_seen

    return approve_seen(office.store, post_id, by, seen, now=office.now())


def send_back(office: Office, post_id: int, seen: Seen, comment: str, by: str) -> Post:
    from sosmed.store.review import send_back as back

    return back(office.store, post_id, comment, by, seen, now=office.now())


def edit(office: Office, post_id: int, seen: Seen, text: str, by: str) -> Post:
    """The office's edit (approved words edited go back to draft) on the post as seen."""
    post = office.post(post_id)
    shown = post.model_copy(update={"status": seen.status, "fence": seen.fence})
    return office.edit(shown, text, by)


def set_alt(office: Office, post_id: int, seen: Seen, number: int, alt: str, by: str) -> Post:
    """The alt text of photo ``number`` (from 1); approved words go back to draft, as an edit."""
    return office.store.set_photo_alt(post_id, number, alt, by, seen, now=office.now())


def problem_words(problem: str | None) -> str | None:
    """A post's stored problem code in words ("perlu foto")."""
    from sosmed.state_words import problem_label

    return problem_label(problem) if problem else None
