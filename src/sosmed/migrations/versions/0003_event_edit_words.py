"""an edit's words in the audit trail: the text before and after

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 13:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A post's history shows what each edit changed; an approval covered the words before it.
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("before", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("after", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_column("after")
        batch_op.drop_column("before")
