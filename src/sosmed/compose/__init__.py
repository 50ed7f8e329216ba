"""Composition: summary, hashtags, templates, per-platform length counting, media."""
