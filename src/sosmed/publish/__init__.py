"""Publishing: claim, arm, send, record and reconcile posts; retries, the daemon and its health.

The daemon and `sosmed publish` both go through :class:`~sosmed.publish.publisher.Publisher`.
Nothing here decides policy: retry.py decides what an error means for the next try; the store
applies it, fenced.
"""
