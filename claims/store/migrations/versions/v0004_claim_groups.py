"""Schema version 4: the same claim across documents (claim groups and their LSH band
keys); the claims already stored are grouped in the order they were stored."""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from claims.models import Claim
    from claims.store.database import _group, bands_t, groups_t

    bind = op.get_bind()
    groups_t.create(bind, checkfirst=True)
    bands_t.create(bind, checkfirst=True)
    done = {r[0] for r in bind.execute(sa.text("SELECT claim_id FROM claim_groups"))}
    rows = bind.execute(sa.text("SELECT c.id, c.record FROM claims c JOIN documents d ON d.sha256 = c.document_sha256 ORDER BY d.extracted_at, c.document_sha256, c.position")).all()
    for cid, record in rows:
        if cid not in done:
            _group(bind, [Claim.model_validate_json(record)])
