"""Photos put in an S3-compatible bucket (``[media] store = "s3"``), for the platforms that
fetch each photo by URL themselves (Instagram, Threads).

A photo's key is its content: ``s3_key_prefix`` + the SHA-256 of its bytes + its extension.
The same photo therefore has one key for every post and every try, and an object already in
the bucket is not sent again (a ``HEAD`` first). Each object carries its ``Content-Type`` and,
with ``s3_acl = "public-read"``, that ACL; otherwise the bucket's policy is what makes it
public. The platform is given ``s3_public_url`` + key.

The access key id and secret are secrets (``SOSMED_MEDIA_S3_ACCESS_KEY_ID``,
``SOSMED_MEDIA_S3_SECRET_ACCESS_KEY``, or the ``[media]`` table of secrets.toml); they go to
boto3 and nowhere else. boto3 is imported only when a bucket is used (``pip install
'sosmed[s3]'``).

Failures: credentials refused, no such bucket, an ACL the bucket refuses: ``ConfigError``
(nothing was sent; the post waits in the queue for a person's fix). The bucket unreachable,
slow or answering 5xx: ``Transient`` (retried with backoff).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import mimetypes
import urllib.parse
import uuid
from typing import Any

import requests

from sosmed.errors import ConfigError, Rejected, SosmedError, Transient
from sosmed.i18n import _
from sosmed.libwords import os_reason
from sosmed.media_config import SECRETS
from sosmed.platforms.base import Outgoing, OutgoingImage
from sosmed.settings import Settings, secret_env_name

log = logging.getLogger(__name__)

CONNECT_TIMEOUT, READ_TIMEOUT = 5.0, 30.0
_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif"}
# Answers that a person must settle (keys, bucket, permissions); anything else may pass.
_REFUSED_KEYS = (
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "InvalidToken",
    "ExpiredToken",
    "TokenRefreshRequired",
    "AccessDenied",
    "AllAccessDisabled",
    "AccountProblem",
    "403",
    "Forbidden",
)
_NO_BUCKET = (
    "NoSuchBucket",
    "InvalidBucketName",
    "PermanentRedirect",
    "AuthorizationHeaderMalformed",
)


def bucket_keys(settings: Settings) -> tuple[str, str]:
    """The bucket's access key id and secret; ConfigError naming both ways to give them."""
    values = []
    for field in ("s3_access_key_id", "s3_secret_access_key"):
        value = settings.secret(SECRETS, field, required=False)
        if not value:
            raise ConfigError(
                _(
                    'media.store = "s3" memerlukan rahasia {field}: isi {env} atau jalankan: '
                    "sosmed media set-secret {field}"
                ).format(field=field, env=secret_env_name(SECRETS, field))
            )
        values.append(value)
    return values[0], values[1]


def object_key(prefix: str, image: OutgoingImage) -> str:
    """``prefix`` + the SHA-256 of the photo's bytes + its extension."""
    data = _read(image)
    ext = _EXTENSIONS.get(image.mime) or mimetypes.guess_extension(image.mime) or ""
    return f"{prefix}{hashlib.sha256(data).hexdigest()}{ext}"


class Bucket:
    """The office's bucket, as one platform client uses it."""

    def __init__(self, settings: Settings) -> None:
        self.cfg = settings.config.media
        key_id, secret = bucket_keys(settings)
        try:
            import boto3
            from botocore.config import Config as BotoConfig
        except ImportError:
            raise ConfigError(
                _("media.store = \"s3\" memerlukan boto3; pasang: pip install 'sosmed[s3]'")
            ) from None
        # Path-style addresses for another S3-compatible service (MinIO, Ceph, a local one):
        # its bucket names are rarely in its DNS.
        style = "path" if self.cfg.s3_endpoint else "auto"
        self.client = boto3.session.Session(
            aws_access_key_id=key_id,
            aws_secret_access_key=secret,
            region_name=self.cfg.s3_region,
        ).client(
            "s3",
            endpoint_url=self.cfg.s3_endpoint,
            config=BotoConfig(
                connect_timeout=CONNECT_TIMEOUT,
                read_timeout=READ_TIMEOUT,
                retries={"max_attempts": 2, "mode": "standard"},
                s3={"addressing_style": style},
            ),
        )
        self.where = self.cfg.s3_endpoint or "Amazon S3"

    @property
    def name(self) -> str:
        return str(self.cfg.s3_bucket)

    def public_url(self, key: str) -> str:
        return f"{self.cfg.s3_public_url}{urllib.parse.quote(key)}"

    def addressed(self, outgoing: Outgoing) -> Outgoing:
        """``outgoing`` with each photo's public address in the bucket (nothing sent yet)."""
        images = [
            dataclasses.replace(image, public_url=self.public_url(self._key(image)))
            for image in outgoing.images
        ]
        return dataclasses.replace(outgoing, images=images)

    def put(self, images: list[OutgoingImage]) -> list[str]:
        """Put each photo not yet in the bucket there; the keys that were sent."""
        sent = []
        for image in images:
            key = self._key(image)
            if self._has(key):
                continue
            data = _read(image)
            extra: dict[str, Any] = {"ACL": self.cfg.s3_acl} if self.cfg.s3_acl else {}
            try:
                self.client.put_object(
                    Bucket=self.name,
                    Key=key,
                    Body=data,
                    ContentType=image.mime,
                    CacheControl="public, max-age=31536000, immutable",
                    **extra,
                )
            except Exception as e:
                raise self._failure(e) from None
            log.info("foto %s dimasukkan ke bucket %s", key, self.name)
            sent.append(key)
        return sent

    def probe(self) -> tuple[str | None, str | None]:
        """Whether the bucket takes a small object, and whether its public address then
        serves it to anyone: (problem writing, problem reading publicly), None for each ok."""
        key = f"{self.cfg.s3_key_prefix}sosmed-uji-{uuid.uuid4().hex}.txt"
        body = b"sosmed: uji bucket\n"
        extra: dict[str, Any] = {"ACL": self.cfg.s3_acl} if self.cfg.s3_acl else {}
        try:
            self.client.put_object(
                Bucket=self.name, Key=key, Body=body, ContentType="text/plain", **extra
            )
        except Exception as e:
            return str(self._failure(e)), None
        url = self.public_url(key)
        try:
            answer = requests.get(url, timeout=(CONNECT_TIMEOUT, 10))
            read = (
                None
                if answer.status_code == 200 and answer.content == body
                else (f"HTTP {answer.status_code}")
            )
        except requests.RequestException as e:
            read = type(e).__name__
        try:
            self.client.delete_object(Bucket=self.name, Key=key)
        except Exception as e:  # a key without the right to delete: the test object stays
            log.warning("objek uji %s tidak terhapus: %s", key, self._failure(e))
        if read is None:
            return None, None
        return None, _(
            "objek uji tidak dapat dibuka tanpa kunci di {url} ({why}): buat isi bucket publik "
            'lewat kebijakannya, atau s3_acl = "public-read"'
        ).format(url=url, why=read)

    # -- internals --------------------------------------------------------------------------

    def _key(self, image: OutgoingImage) -> str:
        return object_key(self.cfg.s3_key_prefix, image)

    def _has(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.name, Key=key)
        except Exception as e:
            status = _status(e)
            if status in (403, 404):  # absent, or a key that may write but not read: send it
                return False
            raise self._failure(e) from None
        return True

    def _failure(self, e: Exception) -> SosmedError:
        """One line, in Indonesian, saying what a person must fix, or that it will be tried
        again; never a key or a signature."""
        code, status = _code(e), _status(e)
        if code in _REFUSED_KEYS or status == 403:
            return ConfigError(
                _(
                    "penyimpanan foto S3 ({where}) menolak kunci akses ({code}); periksa rahasia "
                    "s3_access_key_id dan s3_secret_access_key: sosmed media set-secret"
                ).format(where=self.where, code=code or status)
            )
        if code in _NO_BUCKET or (status == 404 and code != "NoSuchKey"):
            return ConfigError(
                _("bucket {bucket} tidak ada di {where} ({code}); periksa media.s3_bucket").format(
                    bucket=self.name, where=self.where, code=code or status
                )
            )
        if code == "AccessControlListNotSupported":
            return ConfigError(
                _(
                    "bucket {bucket} tidak menerima ACL; kosongkan media.s3_acl dan buat isinya "
                    "publik lewat kebijakan bucket"
                ).format(bucket=self.name)
            )
        if status is not None and status < 500 and code:
            return ConfigError(
                _("penyimpanan foto S3 ({where}) menolak foto ({code})").format(
                    where=self.where, code=code
                )
            )
        return Transient(
            _("penyimpanan foto S3 ({where}) tidak terjangkau ({why}); dicoba lagi").format(
                where=self.where, why=code or status or type(e).__name__
            ),
            code="bucket_unreachable",
        )


def _read(image: OutgoingImage) -> bytes:
    try:
        return image.path.read_bytes()
    except OSError as e:
        raise Rejected(
            _("foto {path} tidak dapat dibaca ({why})").format(path=image.path, why=os_reason(e)),
            code="photo_missing",
        ) from None


def _code(e: Exception) -> str:
    response = getattr(e, "response", None)
    if isinstance(response, dict):
        return str((response.get("Error") or {}).get("Code") or "")
    return ""


def _status(e: Exception) -> int | None:
    response = getattr(e, "response", None)
    if isinstance(response, dict):
        status = (response.get("ResponseMetadata") or {}).get("HTTPStatusCode")
        return int(status) if status else None
    return None
