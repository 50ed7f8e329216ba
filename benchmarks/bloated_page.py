"""A saved article page padded to a given size with what real portals print around a story.

The story stays as the article's HTML has it; around it come the things that make a
government portal's page megabytes: inline scripts and a JSON state blob, a stylesheet, an SVG
icon sprite, a mega menu, thumbnails inlined as base64, related-story lists and a comment
section. Shares are of the added bytes.
"""

from __future__ import annotations

import base64
import random
from collections.abc import Callable

SHARES = {
    "scripts": 0.30,
    "style": 0.07,
    "svg": 0.10,
    "menu": 0.10,
    "images": 0.20,
    "related": 0.05,
    "comments": 0.18,
}


def _fill(unit: Callable[[int], str], budget: int) -> str:
    """Units from ``unit(i)`` joined until ``budget`` characters."""
    parts: list[str] = []
    size = i = 0
    while size < budget:
        part = unit(i)
        parts.append(part)
        size += len(part)
        i += 1
    return "".join(parts)


def _script(i: int) -> str:
    state = ",".join(
        f'{{"id":{i * 40 + k},"slug":"berita-{i}-{k}","title":"Kegiatan Pemkab {k}",'
        f'"views":{(i * 7919 + k) % 100000},"tags":["pemda","berita","opd-{k % 9}"]}}'
        for k in range(40)
    )
    return (
        f'<script>window.__STATE_{i}__={{"posts":[{state}]}};'
        f"(function(w,d){{var s=d.createElement('script');s.async=true;"
        f"s.src='https://cdn.example.go.id/js/chunk-{i}.js';d.head.appendChild(s);"
        f"w.dataLayer=w.dataLayer||[];w.dataLayer.push({{event:'load-{i}'}});}})"
        f"(window,document);</script>\n"
    )


def _style(i: int) -> str:
    return (
        f".widget-{i} .item-{i}>a:hover,.menu-{i} li.current>a{{color:#{i % 4096:03x};"
        f"padding:{i % 17}px {i % 23}px;border-bottom:1px solid rgba(0,0,0,.{i % 9});"
        f"transition:all .{i % 5}s ease-in-out}}\n"
    )


def _svg(i: int) -> str:
    rng = random.Random(i)
    path = " ".join(f"L{rng.randint(0, 512)} {rng.randint(0, 512)}" for _ in range(30))
    return f'<symbol id="icon-{i}" viewBox="0 0 512 512"><path d="M0 0 {path} Z"/></symbol>'


def _menu(i: int) -> str:
    items = "".join(
        f'<li class="menu-item menu-item-{i}-{k}"><a href="/opd/dinas-{i}/bidang-{k}/">'
        f"Bidang {k} Dinas {i}</a></li>"
        for k in range(12)
    )
    return (
        f'<li class="menu-item menu-item-has-children"><a href="/opd/dinas-{i}/">Dinas {i}</a>'
        f'<ul class="sub-menu">{items}</ul></li>'
    )


def _image(i: int) -> str:
    raw = random.Random(i).randbytes(6000)
    data = base64.b64encode(raw).decode()
    return (
        f'<div class="banner banner-{i}"><a href="/banner/{i}/">'
        f'<img src="data:image/jpeg;base64,{data}" alt="banner {i}" width="300"></a></div>\n'
    )


def _related(i: int) -> str:
    return (
        f'<li class="related-post"><a href="/2024/03/{i % 28 + 1:02d}/kegiatan-{i}/">'
        f"Pemerintah Kabupaten Gelar Kegiatan Sosialisasi Nomor {i} di Kecamatan</a>"
        f'<span class="post-date">{i % 28 + 1} Maret 2024</span></li>'
    )


_COMMENTS = (
    "Terima kasih atas informasinya, semoga program ini berjalan lancar dan bermanfaat.",
    "Mohon jalan di desa kami juga diperhatikan, sudah lama rusak dan belum diperbaiki.",
    "Mantap, lanjutkan pak! Warga sangat mendukung kegiatan seperti ini.",
    "Kapan pendaftaran untuk kelompok tani di kecamatan kami dibuka? Mohon infonya.",
)


def _comment(i: int) -> str:
    return (
        f'<li id="comment-{i}" class="comment even thread-even depth-1">'
        f'<article class="comment-body"><footer class="comment-meta">'
        f'<div class="comment-author vcard"><b class="fn">Warga {i}</b> <span>berkata:</span>'
        f'</div><div class="comment-metadata"><time datetime="2024-03-12T1{i % 10}:00:00+07:00">'
        f"12 Maret 2024 pukul 1{i % 10}.00</time></div></footer>"
        f'<div class="comment-content"><p>{_COMMENTS[i % len(_COMMENTS)]}</p></div>'
        f'<div class="reply"><a rel="nofollow" class="comment-reply-link" href="#">Balas</a>'
        f"</div></article></li>\n"
    )


def bloated(article: str, size: int) -> str:
    """``article`` (a saved page with head, body and one ``</article>``) padded to ``size``
    characters (about as many bytes: the padding is ASCII)."""
    extra = max(0, size - len(article))
    part = {name: int(extra * share) for name, share in SHARES.items()}
    head = f"<style>{_fill(_style, part['style'])}</style>\n{_fill(_script, part['scripts'] // 2)}"
    top = (
        f'<svg xmlns="http://www.w3.org/2000/svg" style="display:none">'
        f"{_fill(_svg, part['svg'])}</svg>\n"
        f'<nav class="mega-menu"><ul class="menu">{_fill(_menu, part["menu"])}</ul></nav>\n'
    )
    after = (
        f'<section class="related"><h3>Berita Lainnya</h3><ul>'
        f"{_fill(_related, part['related'])}</ul></section>\n"
        f'<div id="comments" class="comments-area"><h2 class="comments-title">Komentar</h2>'
        f'<ol class="comment-list">{_fill(_comment, part["comments"])}</ol></div>\n'
        f'<aside class="banners">{_fill(_image, part["images"])}</aside>\n'
    )
    tail = _fill(_script, part["scripts"] - part["scripts"] // 2)
    page = article.replace("</head>", head + "</head>", 1)
    body_at = page.index(">", page.index("<body")) + 1
    page = page[:body_at] + top + page[body_at:]
    page = page.replace("</article>", "</article>\n" + after, 1)
    return page.replace("</body>", tail + "</body>", 1)
