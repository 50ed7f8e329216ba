"""article edits: a person's corrections of an article, field by field, before and after;
a photo's own alt text; the addresses of deleted articles, which feeds do not bring back

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 13:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import sosmed.models

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articleedit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("at", sosmed.models.UTCDateTime(), nullable=True),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("field", sa.String(length=30), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_articleedit_article_id", "articleedit", ["article_id"], unique=False)
    op.create_table(
        "deletedarticle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("deleted_at", sosmed.models.UTCDateTime(), nullable=True),
        sa.Column("deleted_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_deletedarticle_url", "deletedarticle", ["url"], unique=False)
    with op.batch_alter_table("photo", schema=None) as batch_op:
        batch_op.add_column(sa.Column("alt", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("photo", schema=None) as batch_op:
        batch_op.drop_column("alt")
    op.drop_index("ix_deletedarticle_url", table_name="deletedarticle")
    op.drop_table("deletedarticle")
    op.drop_index("ix_articleedit_article_id", table_name="articleedit")
    op.drop_table("articleedit")
