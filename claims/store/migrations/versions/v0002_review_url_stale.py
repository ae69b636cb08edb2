"""Schema version 2: a review's URL, and the stale flag of claims a re-extraction dropped."""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    insp = sa.inspect(op.get_bind())
    if "url" not in {c["name"] for c in insp.get_columns("reviews")}:
        op.add_column("reviews", sa.Column("url", sa.Text))
    if "stale" not in {c["name"] for c in insp.get_columns("claims")}:
        op.add_column("claims", sa.Column("stale", sa.Boolean, nullable=False, server_default=sa.false()))
