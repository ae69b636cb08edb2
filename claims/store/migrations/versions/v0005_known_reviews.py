"""Schema version 5: other fact-checkers' reviews (ClaimReview imported) and their band keys."""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from claims.store.database import known_bands_t, known_t

    bind = op.get_bind()
    known_t.create(bind, checkfirst=True)
    known_bands_t.create(bind, checkfirst=True)
