"""Composition: summary, hashtags, templates, fitting the text, media."""
