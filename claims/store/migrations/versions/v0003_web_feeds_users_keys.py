"""Schema version 3: web pages' metadata, followed feeds, the desk's accounts, and the
case-folded keys the filters compare (filled for the claims already there)."""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from claims.store.database import WEB_COLUMNS, _key, feeds_t, users_t

    bind = op.get_bind()
    insp = sa.inspect(bind)
    cols = {c["name"] for c in insp.get_columns("documents")}
    for name in WEB_COLUMNS:
        if name not in cols:
            op.add_column("documents", sa.Column(name, sa.String(32) if name == "fetched_at" else sa.Text))
    indexes = {i["name"] for i in insp.get_indexes("documents")}
    for column in ("url", "canonical_url"):
        if f"ix_documents_{column}" not in indexes:
            op.create_index(f"ix_documents_{column}", "documents", [column])
    feeds_t.create(bind, checkfirst=True)
    users_t.create(bind, checkfirst=True)
    for table, names in (("claims", ("speaker_key", "publisher_key", "message_key")), ("claim_outlets", ("name_key",))):
        have = {c["name"] for c in insp.get_columns(table)}
        for name in names:
            if name not in have:
                op.add_column(table, sa.Column(name, sa.Text))
    claims = sa.table("claims", sa.column("id"), sa.column("speaker"), sa.column("publisher"), sa.column("message"), sa.column("speaker_key"), sa.column("publisher_key"), sa.column("message_key"))
    for row in bind.execute(sa.select(claims.c.id, claims.c.speaker, claims.c.publisher, claims.c.message)).all():
        bind.execute(claims.update().where(claims.c.id == row.id).values(speaker_key=_key(row.speaker), publisher_key=_key(row.publisher), message_key=_key(row.message)))
    outlets = sa.table("claim_outlets", sa.column("name"), sa.column("name_key"))
    for row in bind.execute(sa.select(outlets.c.name).distinct()).all():
        bind.execute(outlets.update().where(outlets.c.name == row.name).values(name_key=_key(row.name)))
