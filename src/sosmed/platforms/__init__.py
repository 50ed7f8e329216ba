"""Platforms: the contract (base.py), one module per platform, and the registry."""
