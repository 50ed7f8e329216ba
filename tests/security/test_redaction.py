"""The one redaction filter: known secrets in every form, token shapes, and every log path.

The logging tests make real requests through urllib3 to a loopback server with DEBUG on, and
catch the records with handlers added after the filter was installed, on other loggers than the
root, and with tracebacks attached.
"""

from __future__ import annotations

import io
import logging
import sys
import threading
import urllib.parse
from collections.abc import Iterator

import pytest
import requests
from tests.support.web import WebServer

from sosmed.redact import MASK, install_logging_filter, redact, remember

SECRET = "s3cr3t/Value+with=odd&chars-9f2c"


@pytest.fixture
def installed() -> Iterator[None]:
    """The filter installed as the CLI does; the process's logging and hooks restored after."""
    factory, hook, thread_hook = (
        logging.getLogRecordFactory(),
        sys.excepthook,
        threading.excepthook,
    )
    install_logging_filter()
    yield
    logging.setLogRecordFactory(factory)
    sys.excepthook, threading.excepthook = hook, thread_hook


def test_known_secret_masked_in_every_encoding() -> None:
    remember(SECRET)
    once = urllib.parse.quote(SECRET, safe="")
    for text in (
        f"token {SECRET} end",
        f"GET /x?t={once} HTTP/1.1",
        f"form t={urllib.parse.quote_plus(SECRET)}&x=1",
        f"base string t%3D{urllib.parse.quote(once, safe='')}%26",
    ):
        out = redact(text)
        assert SECRET not in out and once not in out and MASK in out, out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        (
            "GET /v23.0/me?fields=id&access_token=EAAB9xq&appsecret_proof=ab12cd",
            ["EAAB9xq", "ab12cd"],
        ),
        ("POST /bot7012345678:AAHfake-Token_0123456789abcdefghijkl/sendMessage", ["AAHfake"]),
        ("POST /bot7012345678%3AAAHfakeToken/sendMessage", ["AAHfakeToken"]),
        ("token 7012345678:AAHfakeToken0123456789abcdefghijkl in a message", ["AAHfake"]),
        ("Authorization: Bearer abc.def-ghi", ["abc.def"]),
        ("Authorization: Basic dXNlcjpwYXNz", ["dXNlcjpwYXNz"]),
        (
            'Authorization: OAuth oauth_consumer_key="ck1", oauth_signature="s%2Fg%3D"',
            ["ck1", "s%2Fg"],
        ),
        ("oauthlib: Signature: AijrXMSp80m+XXhxhKlBguLNAYs=", ["AijrXMSp80m"]),
        ("POST&https%3A%2F%2Fapi.x.com&oauth_token%3D150-abcdef%26oauth_version", ["150-abcdef"]),
        ("[('oauth_token', 'tok123'), ('oauth_consumer_key', 'ck456')]", ["tok123", "ck456"]),
        (
            '{"accessJwt": "eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl", "password": "hunter22"}',
            ["eyJhbG", "hunter22"],
        ),
        ("client_secret=abc123&refresh_token=def456", ["abc123", "def456"]),
        ("page_token: EAAGsbxPageToken0000000000000001", ["EAAGsbx"]),
        ("app_secret = 'c0ffee-secret'", ["c0ffee"]),
        ("bot_token=123:abc", ["123:abc"]),
        ("app_password: abcd-efgh-ijkl-mnop", ["abcd-efgh"]),
    ],
)
def test_token_shapes_masked_without_knowing_them(text: str, gone: list[str]) -> None:
    out = redact(text)
    for piece in gone:
        assert piece not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "account 'x' needs secret 'access_token': set SOSMED_X_ACCESS_TOKEN or run it",
        "oauth_signature_method=HMAC-SHA1",
        "idempotency_key: sosmed-post-12",
        "Bupati meresmikan jembatan, Senin (14/10/2024).",
    ],
)
def test_ordinary_text_left_alone(text: str) -> None:
    assert redact(text) == text


def _capture(logger: logging.Logger) -> io.StringIO:
    buf = io.StringIO()
    handler = logging.StreamHandler(buf)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    logger.addHandler(handler)
    return buf


def test_urllib3_debug_lines_are_masked_on_any_handler(installed: None, web: WebServer) -> None:
    web.page("/v23.0/me", '{"id": "1"}', ctype="application/json")
    urllib3_log = logging.getLogger("urllib3")
    level = urllib3_log.level
    urllib3_log.setLevel(logging.DEBUG)
    on_urllib3, on_root = _capture(urllib3_log), _capture(logging.getLogger())
    try:
        token = "EAACanaryGraphToken1234567890abcd"
        r = requests.get(f"{web.url}/v23.0/me", params={"access_token": token}, timeout=5)
        assert r.status_code == 200
        requests.post(
            f"{web.url}/bot8123456789:AAcanaryBotToken0123456789abcdefg/sendMessage", timeout=5
        )
    finally:
        urllib3_log.setLevel(level)
        for lg in (urllib3_log, logging.getLogger()):
            for h in list(lg.handlers):
                if isinstance(h, logging.StreamHandler) and isinstance(h.stream, io.StringIO):
                    lg.removeHandler(h)
    for buf in (on_urllib3, on_root):
        text = buf.getvalue()
        assert "/v23.0/me?access_token=***" in text, text  # the line was logged, masked
        assert token not in text and "AAcanaryBotToken" not in text and "/bot***/" in text


def test_tracebacks_and_late_handlers_are_masked(installed: None) -> None:
    log = logging.getLogger("sosmed.test.late")
    log.propagate = False
    buf = _capture(log)  # a handler added after the filter was installed, not on the root
    try:
        raise RuntimeError("GET https://graph.example/me?access_token=EAAlateToken123456789012")
    except RuntimeError:
        log.exception("failed with secret %s", "appsecret_proof=0123abcd")
    text = buf.getvalue()
    assert "RuntimeError" in text and "Traceback" in text
    assert "EAAlateToken" not in text and "0123abcd" not in text


def test_uncaught_exception_is_printed_masked(
    installed: None, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        raise ValueError("connect failed for /bot8123456789:AAuncaughtToken0123456789abcdef/getMe")
    except ValueError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    err = capsys.readouterr().err
    assert "ValueError" in err and "AAuncaughtToken" not in err
