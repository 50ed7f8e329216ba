"""The workspace's pages, one module each, each exposing ``routes`` (see sosmed.web.app)."""
