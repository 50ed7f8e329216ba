"""people: who signs in to the web workspace, with a role and an Argon2 password hash

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 19:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import sosmed.models

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=63), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("created_at", sosmed.models.UTCDateTime(), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("person")
