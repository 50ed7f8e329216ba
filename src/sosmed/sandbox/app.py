"""The whole sandbox: every platform's emulation, the ledger, the timeline page, public media."""

from __future__ import annotations

import base64
import html
import importlib
import mimetypes
import os
import pkgutil
import re
from datetime import timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import tomli_w

from sosmed.errors import InputError
from sosmed.sandbox.core import (
    Faults,
    Request,
    Response,
    Sandbox,
    json_response,
    kept_image,
    parse_slow_spec,
    route,
)
from sosmed.sandbox.engagement import graph_routes
from sosmed.settings import SECRETS_NAME


def platform_modules() -> list[ModuleType]:
    """Every platform's emulation: each module of this package with ``routes`` and
    ``demo_account``, so that a new platform's emulation is only its own module."""
    package = importlib.import_module(__package__ or "sosmed.sandbox")
    mods = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        mod = importlib.import_module(f"{package.__name__}.{info.name}")
        if callable(getattr(mod, "routes", None)) and callable(getattr(mod, "demo_account", None)):
            mods.append(mod)
    # The accounts keep the order the demo and the crash tests were written for (X first).
    return sorted(mods, key=lambda m: getattr(m, "DEMO_ORDER", len(mods) + 1))


def build(
    port: int = 0,
    faults: Faults | None = None,
    media_dir: Path | None = None,
    hang_seconds: float = 35.0,
    quotas: bool = True,
    slow: list[str] | None = None,
    seed: int = 0,
) -> Sandbox:
    """The sandbox; ``quotas=False`` lifts the platforms' posting windows (for load tests);
    ``slow``: requests held before they are handled (``core.parse_slow_spec``); ``seed``: the
    public's simulated counters (``sandbox/engagement.py``)."""
    sb = Sandbox(
        port=port,
        faults=faults,
        media_dir=media_dir,
        hang_seconds=hang_seconds,
        slow=parse_slow_spec(slow or []),
    )
    sb.seed = seed
    sb.add_routes(
        [
            route("GET", r"/_ledger", lambda req, m: json_response(sb.ledger.snapshot())),
            route("GET", r"/_reads", lambda req, m: json_response(sb.reads.snapshot())),
            route("POST", r"/_clock", lambda req, m: _set_clock(sb, req)),
            route("POST", r"/_insights", lambda req, m: _set_insights(sb, req)),
            route("GET", r"/_health", lambda req, m: json_response({"ok": True})),
            route("POST", r"/_faults", lambda req, m: _set_faults(sb, req)),
            route(
                "GET",
                r"/_media/(?:variants/)?(?P<name>[A-Za-z0-9._-]+)",
                lambda req, m: _media(sb, m),
            ),
            route("GET", r"/_img/(?P<sha>[0-9a-f]{64})", lambda req, m: _image(m["sha"])),
            route("GET", r"/", lambda req, m: timeline_page(sb)),
        ]
    )
    for mod in platform_modules():
        sb.add_routes(mod.routes(sb))
        if not quotas and (lift := getattr(mod, "lift_quotas", None)):
            lift(sb)
    sb.add_routes(graph_routes(sb))
    from sosmed.sandbox import deletes  # over the platforms' state, made just above

    sb.add_routes(deletes.routes(sb))
    return sb


def allow_public(sb: Sandbox, prefix: str) -> None:
    """Let every emulation that fetches images by URL (Instagram, Threads) fetch them under
    ``prefix``, as if it were on the public internet (an S3 bucket's public address, say)."""
    from sosmed.sandbox.meta_container import ContainerState

    with sb.lock:
        for st in sb.state.values():
            if isinstance(st, ContainerState):
                st.public.append(prefix)


def _set_clock(sb: Sandbox, req: Request) -> Response:
    """Move the sandbox's clock: {"advance_seconds": N} (the public's counters grow)."""
    data = req.json() or {}
    try:
        sb.clock_offset += timedelta(seconds=float(data.get("advance_seconds", 0)))
    except (TypeError, ValueError):
        return json_response({"error": "advance_seconds: a number"}, 400)
    return json_response({"now": sb.now().isoformat()})


def _set_insights(sb: Sandbox, req: Request) -> Response:
    """{"platform": "instagram", "allowed": false}: that platform's token loses (or gets
    back) the scope to read insights and counters."""
    data = req.json() or {}
    platform = str(data.get("platform", ""))
    if data.get("allowed", True):
        sb.no_insights.discard(platform)
    else:
        sb.no_insights.add(platform)
    return json_response({"no_insights": sorted(sb.no_insights)})


def demo_config(base_url: str) -> tuple[list[dict[str, Any]], dict[str, dict[str, str]]]:
    """One account per platform pointed at the sandbox, and their secrets."""
    accounts, secrets = [], {}
    for mod in platform_modules():
        account, secret = mod.demo_account(base_url)
        accounts.append(account)
        secrets[account["name"]] = secret
    return accounts, secrets


def write_sandbox_config(
    config_out: Path, base_url: str, force: bool, extra: dict[str, Any] | None = None
) -> Path:
    """A ready sosmed.toml with one account per platform on the sandbox, secrets beside it.

    ``extra`` keys are merged into the config (a dict value updates the table of that name).
    """
    if config_out.exists() and not force:
        raise InputError(f"{config_out} exists; use --force to overwrite it")
    accounts, secrets = demo_config(base_url)
    config: dict[str, Any] = {
        "allow_private_hosts": True,
        "media": {"public_base_url": f"{base_url}/_media/"},
        "daemon": {"publish_every_seconds": 5, "reconcile_after_seconds": 1},
        "accounts": accounts,
    }
    for key, value in (extra or {}).items():
        if isinstance(value, dict) and isinstance(config.get(key), dict):
            config[key] = {**config[key], **value}
        else:
            config[key] = value
    config_out.parent.mkdir(parents=True, exist_ok=True)
    with config_out.open("wb") as f:
        tomli_w.dump(config, f)
    secrets_path = config_out.parent / SECRETS_NAME
    fd = os.open(secrets_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        tomli_w.dump(secrets, f)
    os.chmod(secrets_path, 0o600)
    return secrets_path


def _set_faults(sb: Sandbox, req: Request) -> Response:
    """Change the fault plan of a running sandbox: {"rate": R, "spec": S, "seed": N}, and with
    "slow": ["REGEX=SECONDS", ...] its slow requests (left as they are without that key)."""
    data = req.json() or {}
    try:
        faults = Faults(float(data.get("rate", 0)), str(data.get("spec", "")), data.get("seed"))
        slow = parse_slow_spec(list(data["slow"])) if "slow" in data else sb.slow
    except (TypeError, ValueError) as e:
        return json_response({"error": str(e)}, 400)
    sb.faults, sb.slow = faults, slow
    return json_response({"rate": sb.faults.rate, "spec": data.get("spec", "")})


def _media(sb: Sandbox, m: Any) -> Response:
    if sb.media_dir is None:
        return json_response({"error": "no media directory"}, 404)
    name = m.group("name")
    for path in (sb.media_dir / name, sb.media_dir / "variants" / name):
        if path.is_file():
            ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return Response(200, path.read_bytes(), {"Content-Type": ctype})
    return json_response({"error": "not found"}, 404)


_PAGE_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;background:#f4f5f7;color:#111}
h1{font-size:1.4rem} section{background:#fff;border-radius:8px;padding:1rem;margin:1rem 0}
article{border-top:1px solid #ddd;padding:.75rem 0} .meta{color:#555;font-size:.85rem}
p{white-space:pre-wrap;margin:.4rem 0} figure{display:inline-block;margin:.3rem}
figcaption{font-size:.8rem;color:#333;max-width:240px}
figure img{max-width:240px;max-height:240px;border-radius:6px;display:block}
.noimg{width:160px;height:100px;background:#ddd;display:flex;align-items:center;
justify-content:center;color:#555}
"""


def timeline_page(sb: Sandbox, embed: bool = False) -> Response:
    """Each account's timeline; ``embed`` puts the images inside (a page saved to a file)."""
    entries = sb.ledger.snapshot()
    by_account: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in entries:
        by_account.setdefault((e["platform"], e["account"]), []).append(e)
    sections = [_section(p, a, posts, embed) for (p, a), posts in sorted(by_account.items())]
    body = "".join(sections) or "<p>No posts yet.</p>"
    page = (
        "<!doctype html><html lang='id'><head><meta charset='utf-8'>"
        f"<title>sosmed sandbox</title><style>{_PAGE_STYLE}</style></head><body>"
        f"<h1>sosmed sandbox: {len(entries)} posts</h1>{body}</body></html>"
    )
    return Response(200, page.encode(), {"Content-Type": "text/html; charset=utf-8"})


def _section(platform: str, account: str, posts: list[dict[str, Any]], embed: bool) -> str:
    items = "".join(_item(e, embed) for e in reversed(posts))
    return f"<section><h2>{html.escape(platform)} · {html.escape(account)}</h2>{items}</section>"


def _image(sha: str) -> Response:
    data = kept_image(sha)
    if data is None:
        return json_response({"error": "not found"}, 404)
    return Response(200, data, {"Content-Type": _sniff(data), "Cache-Control": "max-age=3600"})


def _sniff(data: bytes) -> str:
    for magic, mime in (
        (b"\xff\xd8", "image/jpeg"),
        (b"\x89PNG", "image/png"),
        (b"GIF8", "image/gif"),
        (b"RIFF", "image/webp"),
    ):
        if data.startswith(magic):
            return mime
    return "application/octet-stream"


def _figure(i: dict[str, Any], embed: bool) -> str:
    alt = html.escape(str(i.get("alt") or ""))
    size = f"{int(i.get('width') or 0)}×{int(i.get('height') or 0)}"
    sha = str(i.get("sha256") or "")
    data = kept_image(sha)
    if data is None:
        picture = f"<div class='noimg'>{size}</div>"
    else:
        src = (
            f"data:{_sniff(data)};base64,{base64.b64encode(data).decode()}"
            if embed
            else f"/_img/{html.escape(sha)}"
        )
        picture = f"<img src='{src}' alt='{alt}' loading='lazy'>"
    return (
        f"<figure>{picture}<figcaption><b>alt:</b> {alt or '(none)'} · {size}</figcaption></figure>"
    )


def _item(e: dict[str, Any], embed: bool) -> str:
    figs = "".join(_figure(i, embed) for i in e.get("images", []))
    link = e.get("url") or ""
    href = html.escape(link) if re.match(r"^https?://", link) else ""
    return (
        f"<article><div class='meta'>{html.escape(e['time'])} · id "
        f"{html.escape(str(e['remote_id']))}"
        + (f" · <a href='{href}'>link</a>" if href else "")
        + f"</div><p>{html.escape(e['text'])}</p>{figs}</article>"
    )
