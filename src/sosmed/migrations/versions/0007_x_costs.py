"""spend: every billable request to a platform with its price (X pay-per-use)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 16:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import sosmed.models

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "spend",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=63), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=True),
        sa.Column("at", sosmed.models.UTCDateTime(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("usd_micros", sa.Integer(), nullable=False),
        sa.Column("price_date", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(["post_id"], ["post.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_spend_account_at", "spend", ["account", "at"])
    op.create_index("ix_spend_post_id", "spend", ["post_id"])


def downgrade() -> None:
    op.drop_index("ix_spend_post_id", table_name="spend")
    op.drop_index("ix_spend_account_at", table_name="spend")
    op.drop_table("spend")
