"""alerts: each problem told to staff, per channel, so that a restarted daemon does not tell
it again

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 14:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import sosmed.models

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("first_at", sosmed.models.UTCDateTime(), nullable=True),
        sa.Column("sent_at", sosmed.models.UTCDateTime(), nullable=True),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("resolved_at", sosmed.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key", "channel", name="uq_alert_key_channel"),
    )


def downgrade() -> None:
    op.drop_table("alert")
