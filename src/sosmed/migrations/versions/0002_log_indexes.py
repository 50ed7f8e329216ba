"""indexes for the post log: attempts by account and by outcome, newest first

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 09:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # `sosmed log --account A` and `--status S` read the newest rows of one account or one
    # outcome; with these an index range scan finds them instead of a walk of the whole log.
    op.create_index("ix_attempt_account_started", "attempt", ["account", "started_at"])
    op.create_index("ix_attempt_outcome_started", "attempt", ["outcome", "started_at"])


def downgrade() -> None:
    op.drop_index("ix_attempt_outcome_started", table_name="attempt")
    op.drop_index("ix_attempt_account_started", table_name="attempt")
