"""A local S3-compatible server (moto's server mode) on loopback, and a client of its own.

moto keeps its buckets per process, so each test makes buckets of its own names. It takes any
key until :meth:`S3Server.require_keys` makes it check them as S3 does (then only keys it
issued pass; an unknown one is ``InvalidAccessKeyId``).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import boto3
import requests
from moto.server import ThreadedMotoServer

KEY_ID, SECRET_KEY = "AKIAUJIDISKOMINFO001", "uji/rahasia+bucket0000000000000000000000"


@dataclass
class S3Server:
    url: str

    @cached_property
    def _client(self) -> Any:
        return boto3.session.Session(
            aws_access_key_id=KEY_ID, aws_secret_access_key=SECRET_KEY, region_name="us-east-1"
        ).client("s3", endpoint_url=self.url)

    def client(self) -> Any:
        return self._client

    def bucket(self, public_policy: bool = True) -> str:
        """A new bucket; with ``public_policy`` anyone may read its objects (a bucket policy)."""
        name = f"foto-{uuid.uuid4().hex[:12]}"
        s3 = self.client()
        s3.create_bucket(Bucket=name)
        if public_policy:
            statement = {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{name}/*",
            }
            policy = {"Version": "2012-10-17", "Statement": [statement]}
            s3.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))
        return name

    def public_prefix(self, bucket: str) -> str:
        return f"{self.url}/{bucket}/"

    def keys(self, bucket: str) -> list[str]:
        answer = self.client().list_objects_v2(Bucket=bucket)
        return [str(o["Key"]) for o in answer.get("Contents", [])]

    def require_keys(self, on: bool) -> None:
        value = "0" if on else "inf"
        requests.post(f"{self.url}/moto-api/reset-auth", data=value, timeout=5).raise_for_status()


@contextmanager
def s3_server() -> Iterator[S3Server]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    s3 = S3Server(f"http://{host}:{port}")
    try:
        yield s3
    finally:
        s3.require_keys(False)
        server.stop()
