"""engagement: the public's counters of each published post at 1 h, 24 h and 7 days

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 16:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import sosmed.models

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "engagement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=63), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("stage", sa.String(length=10), nullable=False),
        sa.Column("collected_at", sosmed.models.UTCDateTime(), nullable=True),
        sa.Column("counters", sa.JSON(), nullable=False),
        sa.Column("note", sa.String(length=20), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("cost", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["post_id"], ["post.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("post_id", "stage", name="uq_engagement_post_stage"),
    )
    op.create_index("ix_engagement_post_id", "engagement", ["post_id"])
    op.create_index("ix_engagement_collected", "engagement", ["collected_at"])


def downgrade() -> None:
    op.drop_index("ix_engagement_collected", table_name="engagement")
    op.drop_index("ix_engagement_post_id", table_name="engagement")
    op.drop_table("engagement")
