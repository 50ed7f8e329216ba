"""Counting in each platform's units; X's weighted length against twitter-text's own cases."""

from __future__ import annotations

import pytest
from tests.support.articles import ARTICLE
from tests.support.counting import twitter_text_length

from sosmed.errors import ConfigError
from sosmed.platforms.length.counting import (
    code_points,
    graphemes,
    mastodon_length,
    utf8_bytes,
    utf16_units,
    x_length,
)
from sosmed.platforms.length.urls import find_links
from sosmed.platforms.limits import check, limit, limits_for, measure
from sosmed.platforms.registry import platform_classes
from sosmed.sandbox import x as x_sandbox

POEM = (
    "故人西辞黄鹤楼，烟花三月下扬州。孤帆远影碧空尽，唯见长江天际流。朱雀桥边野草花，乌衣巷口夕阳斜。"
    "旧时王谢堂前燕，飞入寻常百姓家。朝辞白帝彩云间，千里江陵一日还。两岸猿声啼不住，轻舟已过万重山。"
    "泪湿罗巾梦不成，夜深前殿按歌声。红颜未老恩先断，斜倚薰笼坐到明。独在异乡为异客，每逢佳节倍思亲。"
    "遥知兄弟登高处，遍插茱萸少一人。"
)
X10 = "xxxxxxxxxx-"
KANA = "あいうえおかきくけこ"
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
PUNCTUATION = (
    "This is a tweet with general punctuation characters: "
    + "".join(chr(c) for c in range(0x2000, 0x200C))
    + " ‐ ‑ ‒ – — ― ‖  ‗ ‘ ’ ‚ ‛ “ ” „ ‟ ′ ″ ‴ ‵ ‶ ‷"
)

# twitter-text conformance (validate.yml, WeightedTweetsWithDiscountedEmojiCounterTest and
# UnicodeDirectionalMarkerCounterTest: the v3 configuration), then its length cases.
CONFORMANCE = [
    ("Regular Tweet with url", "Hi http://test.co", 26),
    ("Just url", "http://test.co", 23),
    ("Long tweet, overflow at 280", "285 chars-" + X10 * 25, 285),
    (
        "Long tweet with url in the middle",
        "285 chars- http://www.twitter.com/jack " + X10 * 24,
        299,
    ),
    ("Long tweet with url at the end", X10 * 24 + " http://www.twitter.com/jack ", 289),
    ("10 url string, no overflow", "https://www.twitter.com/aloha " * 10, 240),
    ("160 CJK char", POEM, 320),
    ("160 emoji char", "\U0001f637" * 160, 320),
    ("3 latin char + 160 CJK char", "the" + POEM, 323),
    ("'Á' is normalized into 1 char", "A\u0301B", 2),
    ("שּׁ is normalized into 3 chars", "A\ufb2c", 4),
    ("282 chars with a normalized character", "282 chars-" + X10 * 24 + "xxxxxA\u0301x", 281),
    ("single byte, double word, ZWJ family", "H\U0001f431\u263a" + FAMILY, 7),
    ("emoji inside the BMP", "\U0001f637\U0001f47e\U0001f621\U0001f525\U0001f4a9", 10),
    ("skin tone and ZWJ", "\U0001f64b\U0001f3fd\U0001f468\u200d\U0001f3a4", 4),
    ("general punctuation with visible spaces", PUNCTUATION, 110),
    ("64 character domain without protocol", "randomurl" * 7 + "s.com", 68),
    ("punycode host over 63", KANA * 12 + " http://" + KANA * 5 + "あいう.com", 358),
    ("punycode host under 63", KANA * 12 + " http://" + KANA * 5 + "あい.com", 264),
    ("140 family emoji", FAMILY * 140, 280),
    (
        "Unicode 10.0 emoji",
        f"Unicode 10.0 emoji: \U0001f92a; \U0001f9d5; \U0001f9d5\U0001f3fe; {ENGLAND}",
        34,
    ),
    ("Unicode 9.0 emoji", "Unicode 9.0 emoji: \U0001f920; \U0001f483; \U0001f483\U0001f3fe", 29),
    ("invalid characters", "ABC\u202a\uffffABC\ufffe", 12),
    ("directional markers around a link", "\u2066\u202ahttp://foobar.پاکستان/\u202c\u2069", 31),
    ("count the characters", "This is a test.", 15),
    ("http URL", "http://test.com", 23),
    ("https URL", "https://test.com", 23),
    ("URL without protocol", "test.com", 23),
    ("multiple URLs", "Test https://test.com test https://test.com test.com test", 86),
    ("outside the BMP, not emoji", "\U00010000\U0010ffff", 4),
    ("Hangul inside the BMP", "저찀쯿쿿", 8),
    # A label over 63 characters is no host: the would-be link counts character by character.
    (
        "long invalid label",
        "https://" + "somesuperlongurl" * 5 + ".com/foo https://validurl.com",
        120,
    ),
]

# What Indonesian government news puts in X's way.
INDONESIAN = [
    ("bare .go.id domain", "portal bengkaliskab.go.id", 30),
    ("a degree that is a domain: .si is Slovenia", "Johan, M.Si. hadir", 37),
    ("Rp amounts are not domains", "Rp 1.500.000", 12),
    ("times are not domains", "pukul 09.30 WIB", 15),
    ("the ellipsis weighs 2", "kata…", 6),
    ("curly quotes and dashes weigh 1", "“Ya” – ‘tidak’", 14),
    ("a long article link still counts 23", "https://bengkaliskab.go.id/berita/" + "a" * 200, 23),
    ("a line break is one", "a\r\nb", 3),
]


@pytest.mark.parametrize(("case", "text", "expected"), CONFORMANCE + INDONESIAN)
def test_x_weighted_length(case: str, text: str, expected: int) -> None:
    assert x_length(text) == expected, case


@pytest.mark.parametrize("text", [t for _, t, _ in CONFORMANCE + INDONESIAN])
def test_x_length_agrees_with_twitter_text_parser(text: str) -> None:
    expected = twitter_text_length(text)
    if expected is None:
        pytest.skip("twitter-text-parser is not installed (an optional oracle, not a dependency)")
    assert x_length(text) == expected


def test_x_length_agrees_with_twitter_text_parser_on_article_text() -> None:
    texts = [ARTICLE["title"], ARTICLE["caption"], *ARTICLE["paragraphs"]]
    if twitter_text_length("") is None:
        pytest.skip("twitter-text-parser is not installed (an optional oracle, not a dependency)")
    for text in texts:
        assert x_length(text) == twitter_text_length(text), text


def test_280_is_the_boundary() -> None:
    assert check("x", "a" * 280).fits
    over = check("x", "a" * 281)
    assert not over.fits and over.length == 281 and over.limit == 280
    assert check("x", "é" * 280).fits  # accents stay weight 1


def test_links_with_and_without_protocol() -> None:
    urls = [link.url for link in find_links("lihat https://a.go.id/x dan b.co.id atau t.co/x")]
    assert urls == ["https://a.go.id/x", "b.co.id", "t.co/x"]
    assert [link.url for link in find_links("lihat b.co.id", without_protocol=False)] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("abc", 3),
        ("e\u0301", 1),
        ("\U0001f1ee\U0001f1e9", 1),  # a flag
        (FAMILY, 1),
        ("a\r\nb", 3),
        ("Kamis, 16/5/2024 – “Ya”…", 24),
    ],
)
def test_graphemes(text: str, expected: int) -> None:
    assert graphemes(text) == expected


def test_byte_and_unit_counts() -> None:
    assert utf8_bytes("é") == 2
    assert utf16_units("\U0001f600") == 2 and code_points("\U0001f600") == 1
    assert utf16_units("Bengkalis") == 9


def test_mastodon_counts_links_as_23_and_remote_mentions_short() -> None:
    link = "https://bengkaliskab.go.id/berita/" + "a" * 100
    assert mastodon_length(f"Baca {link}") == 5 + 23
    assert mastodon_length("bengkaliskab.go.id") == 18  # no protocol: counted as written
    assert mastodon_length("Halo @humas@mastodon.social") == len("Halo @humas")


def test_bluesky_checks_graphemes_and_bytes() -> None:
    assert measure("bluesky", FAMILY * 120) == 120
    m = check("bluesky", FAMILY * 200)
    problem = m.problem or ""
    assert not m.fits and "byte" in problem and "3000" in problem
    assert not check("bluesky", "a" * 301).fits and check("bluesky", "a" * 300).fits


def test_telegram_caption_limit_under_a_photo() -> None:
    text = "a" * 2000
    assert check("telegram", text).fits
    m = check("telegram", text, with_images=True)
    assert not m.fits and m.limit == 1024 and limit("telegram", with_images=True) == 1024


def test_instagram_and_facebook_limits() -> None:
    assert check("instagram", "a" * 2200).fits and not check("instagram", "a" * 2201).fits
    assert check("facebook", "a" * 63206).fits and not check("facebook", "a" * 63207).fits


def test_empty_text_and_refused_characters() -> None:
    assert not check("mastodon", "  ").fits
    assert not check("x", "ok \ufffe").fits


def test_default_hashtag_caps() -> None:
    caps = {name: limits_for(name).hashtag_cap for name in platform_classes()}
    assert caps == {
        "x": 2,
        "facebook": 3,
        "instagram": 5,
        "telegram": 3,
        "mastodon": 4,
        "bluesky": 3,
        "threads": 1,
    }


def test_unknown_platform() -> None:
    with pytest.raises(ConfigError, match="myspace"):
        measure("myspace", "hi")


@pytest.mark.parametrize(("case", "text", "expected"), CONFORMANCE + INDONESIAN)
def test_the_sandbox_counts_x_by_its_own_rules_never_above_x(
    case: str, text: str, expected: int
) -> None:
    # The sandbox keeps its own reading of X's rules (it must catch a publisher's miscount, so
    # it cannot share the publisher's function); where it cannot tell, it counts less.
    assert x_sandbox.weighted_length(text) <= expected, case


def test_the_sandbox_counts_article_text_as_x_does() -> None:
    texts = [ARTICLE["title"], ARTICLE["caption"], *ARTICLE["paragraphs"]]
    for text in texts:
        assert x_sandbox.weighted_length(text) == x_length(text)
