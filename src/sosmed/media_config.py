"""The ``[media]`` table of sosmed.toml: where photos are kept, and where Instagram and Threads
fetch them from (the office's own web server, or an S3-compatible bucket)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from sosmed.i18n import _

# The pseudo-account whose secrets the bucket uses: SOSMED_MEDIA_<FIELD> or [media] in
# secrets.toml (`sosmed media set-secret FIELD`).
SECRETS = "media"
SECRET_FIELDS = ("s3_access_key_id", "s3_secret_access_key")


def _http_url(v: str | None, key: str) -> str | None:
    if v is None or not v.strip():
        return None  # empty, as the example config has it: not set
    if not v.strip().lower().startswith(("https://", "http://")):
        raise ValueError(_("{key} {value!r} bukan alamat http(s)").format(key=key, value=v))
    return v.strip()


class Media(BaseModel):
    model_config = ConfigDict(extra="forbid")

    dir: str = "media"
    public_base_url: str | None = None
    instagram_fit: Literal["pad", "crop"] = "pad"
    # "local": the office's web server publishes ``dir`` at ``public_base_url``; "s3": each
    # photo is put in the bucket before Instagram or Threads is asked to fetch it.
    store: Literal["local", "s3"] = "local"
    s3_endpoint: str | None = None  # empty: Amazon S3 itself
    s3_region: str = "us-east-1"
    s3_bucket: str | None = None
    s3_public_url: str | None = None  # where the bucket's objects are public: prefix + key
    s3_key_prefix: str = "sosmed/"
    # "": the bucket's policy makes the objects public; "public-read": each object says so
    s3_acl: Literal["", "public-read"] = ""

    @field_validator("s3_endpoint")
    @classmethod
    def _endpoint(cls, v: str | None) -> str | None:
        return _http_url(v, "s3_endpoint") or None

    @field_validator("s3_public_url")
    @classmethod
    def _public(cls, v: str | None) -> str | None:
        url = _http_url(v, "s3_public_url")
        return (url.rstrip("/") + "/") if url else None

    @field_validator("s3_key_prefix")
    @classmethod
    def _prefix(cls, v: str) -> str:
        v = v.strip().lstrip("/")
        if v and not v.endswith("/"):
            v += "/"
        return v

    @model_validator(mode="after")
    def _s3(self) -> Media:
        if self.store == "s3":
            missing = [k for k in ("s3_bucket", "s3_public_url") if not getattr(self, k)]
            if missing:
                raise ValueError(
                    _(
                        'store = "s3" memerlukan {keys} (nama bucket dan alamat publik tempat '
                        "isinya dapat dibuka, contoh https://foto.example.go.id/)"
                    ).format(keys=" dan ".join(missing))
                )
        return self
