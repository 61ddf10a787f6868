"""The claims layer's inverted index `claim_terms` (term -> claim), so linking never scans all claims.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 14:45:00

`newsclaims.corpus.index` also creates this table when it is missing (`create_all(checkfirst=True)`); a
database made before this revision that already has it keeps it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("claim_terms"):
        return
    op.create_table(
        "claim_terms",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("term", sa.String(length=80), nullable=False),
        sa.Column("claim_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_index("ix_claim_terms_term_seq", "claim_terms", ["term", "seq"])
    op.create_index("ix_claim_terms_claim", "claim_terms", ["claim_id"])


def downgrade() -> None:
    op.drop_index("ix_claim_terms_claim", table_name="claim_terms")
    op.drop_index("ix_claim_terms_term_seq", table_name="claim_terms")
    op.drop_table("claim_terms")
