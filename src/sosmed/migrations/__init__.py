"""Alembic migrations for SQLite and PostgreSQL, applied by ``sosmed init`` and on start."""
