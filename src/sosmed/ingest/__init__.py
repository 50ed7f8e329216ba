"""Ingestion: sources (file, url, feed), safe fetching, extraction, Indonesian metadata."""
