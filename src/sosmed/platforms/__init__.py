"""Platforms: the contract (base.py), one module per platform, and the registry.

A platform is one module: a subclass of :class:`~sosmed.platforms.base.Platform` that carries
its name, title, limits (which also say how its text is counted), summary length, secrets,
options and whether it can read a post back, registered in the ``sosmed.platforms``
entry-point group. Nothing else in sosmed lists platforms: settings, compose, media, the log
and the sandbox ask the registry or the class. Its default template is
``data/templates/<name>.j2`` (or the class's ``default_template``), and its emulation for the
sandbox is ``sandbox/<name>.py``.
"""
