"""The Bot API's objects as Telegram sends them: User (getMe), Chat (inside a message),
ChatFullInfo (getChat), ChatMember (getChatMember) and Message, with every field a client
library requires (python-telegram-bot 22 refuses a ChatFullInfo without ``accent_color_id``,
``max_reaction_count`` or ``accepted_gift_types``)."""

from __future__ import annotations

from typing import Any

# What the bot may be in the channel: Telegram's ChatMember statuses.
STATUSES = ("creator", "administrator", "member", "restricted", "left", "kicked")
ACCENT_COLORS = 7  # a chat without its own colour gets one of the seven by its id
MAX_REACTIONS = 11
_ADMIN_RIGHTS = (
    "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
    "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories",
    "can_edit_stories", "can_delete_stories", "can_post_messages", "can_edit_messages",
)  # fmt: skip


def user(bot: dict[str, Any]) -> dict[str, Any]:
    """The bot as getMe answers."""
    return {
        "id": bot["id"],
        "is_bot": True,
        "first_name": bot.get("first_name", "Humas"),
        "username": bot["username"],
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def chat(name: str, channel: dict[str, Any]) -> dict[str, Any]:
    """The short Chat object that a message carries."""
    return {"id": channel["id"], "title": channel["title"], "username": name[1:], "type": "channel"}


def chat_full(name: str, channel: dict[str, Any]) -> dict[str, Any]:
    """The ChatFullInfo that getChat answers for a public channel."""
    return {
        **chat(name, channel),
        "active_usernames": [name[1:]],
        "description": channel.get("description", ""),
        "accent_color_id": abs(int(channel["id"])) % ACCENT_COLORS,
        "max_reaction_count": MAX_REACTIONS,
        "accepted_gift_types": {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
        "has_visible_history": True,
    }


def member(bot: dict[str, Any], rights: dict[str, Any]) -> dict[str, Any]:
    """The bot's ChatMember in the channel, from ``rights`` (``status``, ``can_post_messages``)."""
    status = rights.get("status", "administrator")
    body: dict[str, Any] = {"status": status, "user": user(bot)}
    if status == "creator":
        body.update(is_anonymous=False)
    elif status == "administrator":
        body.update({right: True for right in _ADMIN_RIGHTS})
        body.update(can_be_edited=False, is_anonymous=False)
        body["can_post_messages"] = bool(rights.get("can_post_messages", True))
    elif status == "restricted":
        body.update(is_member=True, until_date=0)
    elif status == "kicked":
        body.update(until_date=0)
    return body


def refusal(rights: dict[str, Any]) -> tuple[int, str] | None:
    """Telegram's answer to a bot that may not post in the channel, or None when it may."""
    status = rights.get("status", "administrator")
    if status == "kicked":
        return 403, "Forbidden: bot was kicked from the channel chat"
    if status == "left":
        return 403, "Forbidden: bot is not a member of the channel chat"
    if status == "creator" or (status == "administrator" and rights.get("can_post_messages", True)):
        return None
    return 400, "Bad Request: need administrator rights in the channel chat"


def message(
    message_id: int,
    date: int,
    in_chat: dict[str, Any],
    text: str,
    entities: list[dict[str, Any]],
    photo: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A channel post: sent by the channel itself (``sender_chat``), no ``from``."""
    msg: dict[str, Any] = {
        "message_id": message_id,
        "sender_chat": in_chat,
        "chat": in_chat,
        "date": date,
    }
    if photo is not None:
        msg["photo"] = [photo]
    key = "caption" if photo is not None else "text"
    if text:
        msg[key] = text
        if entities:
            msg[f"{key}_entities" if photo is not None else "entities"] = entities
    return msg
