"""where each field of an article came from, and whether a person should check it

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 13:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # {"published_at": {"origin": "body", "sure": false}, ...}; articles stored before this
    # revision have no record of it, which reads as "not known" rather than "sure".
    with op.batch_alter_table("article") as batch:
        batch.add_column(
            sa.Column("field_sources", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )


def downgrade() -> None:
    with op.batch_alter_table("article") as batch:
        batch.drop_column("field_sources")
