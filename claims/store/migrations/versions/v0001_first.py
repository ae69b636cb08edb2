"""Schema version 1: documents, claims, outlets, reviews (the baseline; nothing to do)."""

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass
