"""Storage: SQLAlchemy over SQLite by default (a file in the user's data directory);
any SQLAlchemy URL (PostgreSQL for a team) via ``--db`` or ``$CLAIMS_DB``.

Every write is one transaction.  Claims are replaced when a document is extracted
again; human reviews live in their own append-only table and stay attached to
their claim (re-attached by message overlap when a rule change moves a claim).
"""

from __future__ import annotations

import hashlib
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, get_args

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from claims.models import Claim, DocumentResult, ReviewStatus

SCHEMA_VERSION = 5
ENV_VAR = "CLAIMS_DB"
REVIEW_STATUSES: tuple[str, ...] = get_args(ReviewStatus)
# listing order: what still needs checking first
STATUS_ORDER = {"unverified": 0, "in_review": 1, "unverifiable": 2, "disputed": 3, "misleading": 4, "false": 5, "confirmed": 6}

metadata = sa.MetaData()
meta_t = sa.Table("meta", metadata, sa.Column("key", sa.String(64), primary_key=True), sa.Column("value", sa.Text, nullable=False))
documents_t = sa.Table(
    "documents",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("path", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("date", sa.String(10)),
    sa.Column("publisher", sa.Text),
    sa.Column("text", sa.Text),
    sa.Column("extractor_version", sa.String(32)),
    sa.Column("extracted_at", sa.String(32)),
    # pages read from the web
    sa.Column("url", sa.Text, index=True),
    sa.Column("canonical_url", sa.Text, index=True),
    sa.Column("site", sa.Text),
    sa.Column("author", sa.Text),
    sa.Column("fetched_at", sa.String(32)),
)
# feeds and sitemaps that claims follow: the validators of the last answer, for
# conditional requests
feeds_t = sa.Table(
    "feeds",
    metadata,
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("checked_at", sa.String(32)),
)
WEB_COLUMNS = ("url", "canonical_url", "site", "author", "fetched_at")
# accounts of the desk's web app (claims serve): argon2 password hashes, a role each
users_t = sa.Table(
    "users",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
)
ROLES = ("viewer", "reviewer", "admin")
# the same claim across documents (claims/match): each claim's group (the id of the
# group's first claim) and its LSH band keys, looked up when a new claim is stored
groups_t = sa.Table(
    "claim_groups",
    metadata,
    sa.Column("claim_id", sa.String(32), sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("group_id", sa.String(32), nullable=False, index=True),
)
# reviews by other fact-checkers (ClaimReview imported), matched to claims by their text
known_t = sa.Table(
    "known_reviews",
    metadata,
    sa.Column("uid", sa.String(16), primary_key=True),
    sa.Column("claim_reviewed", sa.Text, nullable=False),
    sa.Column("rating", sa.Text, nullable=False),
    sa.Column("author", sa.Text, nullable=False),
    sa.Column("date", sa.String(10)),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("imported_at", sa.String(32), nullable=False),
)
known_bands_t = sa.Table(
    "known_bands",
    metadata,
    sa.Column("band", sa.String(24), nullable=False, index=True),
    sa.Column("uid", sa.String(16), sa.ForeignKey("known_reviews.uid", ondelete="CASCADE"), nullable=False),
)
bands_t = sa.Table(
    "claim_bands",
    metadata,
    sa.Column("band", sa.String(24), nullable=False, index=True),
    sa.Column("claim_id", sa.String(32), sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False, index=True),
)
claims_t = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("document_sha256", sa.String(64), sa.ForeignKey("documents.sha256"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("speaker", sa.Text, index=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("machine_status", sa.String(16), nullable=False),
    sa.Column("status", sa.String(16), nullable=False, index=True),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("date", sa.String(10)),
    sa.Column("publisher", sa.Text),
    sa.Column("stale", sa.Boolean, nullable=False, default=False),
    sa.Column("record", sa.Text, nullable=False),
    # Unicode case-folded copies the filters compare (claims.store.database.fold), the
    # same on SQLite and on PostgreSQL whatever the server's locale
    sa.Column("speaker_key", sa.Text),
    sa.Column("publisher_key", sa.Text),
    sa.Column("message_key", sa.Text),
)
outlets_t = sa.Table(
    "claim_outlets",
    metadata,
    sa.Column("claim_id", sa.String(32), sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False, index=True),
    sa.Column("kind", sa.String(16)),
    sa.Column("name_key", sa.Text),
)
reviews_t = sa.Table(
    "reviews",
    metadata,
    sa.Column("uid", sa.String(40), primary_key=True),
    sa.Column("claim_id", sa.String(32), nullable=False, index=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("rating", sa.Text),
    sa.Column("note", sa.Text),
    sa.Column("evidence", sa.Text, nullable=False, default="[]"),
    sa.Column("reviewer", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("created_at", sa.String(32), nullable=False),
)


class StoreError(RuntimeError):
    """A database problem, as one line for the user."""


def default_url() -> str:
    if os.environ.get(ENV_VAR):
        return normalize_url(os.environ[ENV_VAR])
    from platformdirs import user_data_dir

    d = Path(user_data_dir("claims"))
    return f"sqlite:///{d / 'claims.db'}"


def normalize_url(db: str) -> str:
    """A SQLAlchemy URL, or a plain file path for SQLite."""
    return db if "://" in db else f"sqlite:///{Path(db).expanduser()}"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def shown_url(url: str) -> str:
    """``url`` as the user may see it: a SQLite file as its path, any password masked."""
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///") :]
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy can read: drop anything between :// and @
        head, sep, rest = url.partition("://")
        return head + sep + ("***@" + rest.rsplit("@", 1)[1] if "@" in rest else rest)


def fold(text: str | None) -> str | None:
    """Case folded with Unicode's rules ("Ö1" and "ö1", "STRASSE" and "straße"), as the
    filters compare names and messages."""
    return None if text is None else text.casefold()


def _explain(exc: Exception, url: str) -> StoreError:
    msg = " ".join(str(getattr(exc, "orig", exc)).split())
    if url and "://" in url:
        msg = msg.replace(url, shown_url(url))
    where = shown_url(url)
    if "locked" in msg:
        return StoreError(f"{where}: database is locked by another process (try again)")
    if "not a database" in msg or "malformed" in msg:
        return StoreError(f"{where}: not a claims database or corrupt ({msg})")
    if isinstance(exc, OverflowError) or "too large" in msg or "out of range" in msg:
        return StoreError(f"{where}: a number out of the database's range ({msg})")
    if "unable to open" in msg:
        return StoreError(f"{where}: cannot open database file")
    return StoreError(f"{where}: database error: {msg}")


@dataclass
class Review:
    uid: str
    claim_id: str
    status: str
    rating: str | None
    note: str | None
    evidence: list[str]
    reviewer: str | None
    url: str | None
    created_at: str

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("uid", "claim_id", "status", "rating", "note", "evidence", "reviewer", "url", "created_at")}


def review_uid(claim_id: str, status: str, created_at: str, reviewer: str | None, note: str | None) -> str:
    return hashlib.sha1(json.dumps([claim_id, status, created_at, reviewer, note]).encode()).hexdigest()


class Store:
    def __init__(self, url: str | None = None, create: bool = True):
        self.url = normalize_url(url) if url else default_url()
        self.create = create
        try:
            parsed = sa.engine.make_url(self.url)
        except sa.exc.ArgumentError as exc:
            raise StoreError(f"{shown_url(self.url)}: not a database URL (a SQLite file path, or e.g. postgresql+psycopg://user@host/db)") from exc
        if parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"):
            raise StoreError(f"{shown_url(self.url)}: an in-memory database keeps nothing; give a file path")
        if self.url.startswith("sqlite:///"):
            path = Path(self.url[len("sqlite:///") :])
            if not create and not path.exists():
                raise StoreError(f"{path}: no claims database here (run claims extract first)")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{path.parent}: cannot create directory ({exc.strerror})") from exc
            self.engine: Engine = sa.create_engine(self.url, connect_args={"timeout": 30})

            @sa.event.listens_for(self.engine, "connect")
            def _pragmas(dbapi_conn, _):  # noqa: ANN001
                dbapi_conn.isolation_level = None  # SQLAlchemy, not the driver, says BEGIN (below)
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA busy_timeout=30000")
                cur.close()

            @sa.event.listens_for(self.engine, "begin")
            def _begin(conn):  # noqa: ANN001
                # a write transaction takes the write lock when it starts, so two processes
                # never both decide "not there yet" and then both insert (schema, documents)
                conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("claims_write") else "BEGIN")
        else:
            try:
                self.engine = sa.create_engine(self.url)
            except sa.exc.NoSuchModuleError as exc:
                raise StoreError(f"{shown_url(self.url)}: unknown kind of database {parsed.get_backend_name()!r} (SQLite and PostgreSQL are supported)") from exc
            except ImportError as exc:
                raise StoreError(f"{shown_url(self.url)}: the database driver is not installed ({exc}); for PostgreSQL: pip install 'claims[postgres]' (psycopg[binary])") from exc
        try:
            self._prepare()
        except StoreError:
            raise
        except (sa.exc.SQLAlchemyError, OverflowError) as exc:
            raise _explain(exc, self.url) from exc

    @contextmanager
    def _write(self, *lock_keys: str):
        """A write transaction, one writer at a time for what it decides: SQLite takes its
        write lock at BEGIN; PostgreSQL takes a transaction lock per key (schema, a document)."""
        with self.engine.connect().execution_options(claims_write=True) as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                for key in lock_keys:
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": "claims:" + key})
            yield conn

    @staticmethod
    def _like(key_column, text: str):
        """``key_column`` (a case-folded copy) contains ``text``, literally (``%`` and
        ``_`` are no wildcards), with case folded by Unicode's rules on every database."""
        return key_column.contains(fold(text), autoescape=True)

    # -- schema -----------------------------------------------------------------
    def _prepare(self) -> None:
        with self._write("schema") as conn:
            insp = sa.inspect(conn)
            tables = set(insp.get_table_names())
            if "meta" not in tables:
                if not self.create:
                    raise StoreError(f"{shown_url(self.url)}: no claims database here (run claims extract first)")
                if tables - {"meta", "alembic_version"}:
                    raise StoreError(f"{shown_url(self.url)}: not a claims database (unknown tables {sorted(tables)})")
                metadata.create_all(conn)
                conn.execute(meta_t.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
                from alembic import command

                command.stamp(_alembic(conn), "head")
                return
            row = conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == "schema_version")).first()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise StoreError(f"{shown_url(self.url)}: database schema version {version} is newer than this claims ({SCHEMA_VERSION}); upgrade claims")
            if version < SCHEMA_VERSION:
                self._migrate(conn, version)

    def _migrate(self, conn: Connection, version: int) -> None:
        """Bring an older database up to date with Alembic (``claims/store/migrations``),
        one revision per schema version, in this write transaction."""
        from alembic import command

        cfg = _alembic(conn)
        if "alembic_version" not in set(sa.inspect(conn).get_table_names()):
            command.stamp(cfg, f"{max(version, 1):04d}")
        command.upgrade(cfg, "head")
        conn.execute(meta_t.update().where(meta_t.c.key == "schema_version").values(value=str(SCHEMA_VERSION)))

    @property
    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == "schema_version")).scalar_one())

    def _run(self, fn, *args):
        try:
            return fn(*args)
        except StoreError:
            raise
        except (sa.exc.SQLAlchemyError, OverflowError) as exc:
            raise _explain(exc, self.url) from exc
        except ValueError as exc:  # a stored record that no longer reads as one (JSON, pydantic)
            raise StoreError(f"{shown_url(self.url)}: a stored record is damaged ({type(exc).__name__})") from exc

    # -- documents and claims ---------------------------------------------------------
    def has_document(self, sha256: str, extractor_version: str) -> bool:
        def q():
            with self.engine.connect() as conn:
                v = conn.execute(sa.select(documents_t.c.extractor_version).where(documents_t.c.sha256 == sha256)).scalar()
                return v == extractor_version

        return self._run(q)

    def document_for_url(self, url: str) -> str | None:
        """The sha256 of a stored document fetched from ``url`` or whose canonical URL it is."""

        def q():
            with self.engine.connect() as conn:
                cond = sa.or_(documents_t.c.url == url, documents_t.c.canonical_url == url)
                return conn.execute(sa.select(documents_t.c.sha256).where(cond).limit(1)).scalar()

        return self._run(q)

    def feed_state(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) of a followed feed's last answer."""

        def q():
            with self.engine.connect() as conn:
                row = conn.execute(sa.select(feeds_t.c.etag, feeds_t.c.last_modified).where(feeds_t.c.url == url)).first()
                return (row[0], row[1]) if row else (None, None)

        return self._run(q)

    def set_feed_state(self, url: str, etag: str | None, last_modified: str | None) -> None:
        def q():
            with self._write("feed:" + url) as conn:
                conn.execute(feeds_t.delete().where(feeds_t.c.url == url))
                conn.execute(feeds_t.insert().values(url=url, etag=etag, last_modified=last_modified, checked_at=_now()))

        self._run(q)

    def save(self, result: DocumentResult, text: str | None, extractor_version: str) -> dict[str, int]:
        """Store one document's claims in one transaction; returns counts."""
        return self._run(self._save, result, text, extractor_version)

    def _save(self, result: DocumentResult, text: str | None, extractor_version: str) -> dict[str, int]:
        doc = result.document
        with self._write("document:" + doc.sha256) as conn:
            existing = conn.execute(sa.select(documents_t.c.sha256).where(documents_t.c.sha256 == doc.sha256)).first()
            values = dict(path=doc.path, title=doc.title, date=doc.date, publisher=doc.publisher, extractor_version=extractor_version, extracted_at=_now())
            values.update({k: getattr(doc, k) for k in WEB_COLUMNS})
            if text is not None:
                values["text"] = text
            if existing:
                conn.execute(documents_t.update().where(documents_t.c.sha256 == doc.sha256).values(**values))
            else:
                conn.execute(documents_t.insert().values(sha256=doc.sha256, **values))
            old = {r.id: r for r in conn.execute(sa.select(claims_t).where(claims_t.c.document_sha256 == doc.sha256))}
            new_ids = {c.id for c in result.claims}
            reviewed = {r[0] for r in conn.execute(sa.select(reviews_t.c.claim_id).where(reviews_t.c.claim_id.in_(list(old))).distinct())} if old else set()
            # reviews of claims that moved: re-attach to the new claim with the most message overlap
            for cid in reviewed - new_ids:
                o = json.loads(old[cid].record)
                best = _best_overlap(o, result.claims)
                if best is not None and best.id not in reviewed:
                    conn.execute(reviews_t.update().where(reviews_t.c.claim_id == cid).values(claim_id=best.id))
            reviewed_now = {r[0] for r in conn.execute(sa.select(reviews_t.c.claim_id).where(reviews_t.c.claim_id.in_(list(old) + list(new_ids))).distinct())}
            for cid in old:
                conn.execute(outlets_t.delete().where(outlets_t.c.claim_id == cid))
                if cid in new_ids or cid not in reviewed_now:
                    conn.execute(claims_t.delete().where(claims_t.c.id == cid))
                else:
                    conn.execute(claims_t.update().where(claims_t.c.id == cid).values(stale=True))
            for c in result.claims:
                _insert_claim(conn, c, _latest_status(conn, c.id) or c.verification.status)
            _group(conn, result.claims)
            return {"claims": len(result.claims), "replaced": len(old)}

    # -- reading -------------------------------------------------------------------------
    def resolve_id(self, prefix: str) -> str:
        """A full claim id from a unique prefix (as in git)."""
        prefix = prefix.strip().lower()
        if not prefix or not all(ch in "0123456789abcdef" for ch in prefix):
            raise StoreError(f"{prefix!r}: not a claim id")

        def q():
            with self.engine.connect() as conn:
                return [r[0] for r in conn.execute(sa.select(claims_t.c.id).where(claims_t.c.id.like(prefix + "%")).limit(5))]

        ids = self._run(q)
        if not ids:
            raise StoreError(f"{prefix}: no claim with this id")
        if len(ids) > 1:
            raise StoreError(f"{prefix}: ambiguous id, matches {', '.join(i[:10] for i in ids)}")
        return ids[0]

    def document(self, sha256: str) -> dict[str, Any]:
        """One document's row, its text included."""

        def q():
            with self.engine.connect() as conn:
                row = conn.execute(sa.select(documents_t).where(documents_t.c.sha256 == sha256)).first()
                if row is None:
                    raise StoreError(f"{sha256[:12]}: no such document")
                return dict(row._mapping)

        return self._run(q)

    def get(self, claim_id: str) -> tuple[Claim, str, dict[str, Any]]:
        """(claim, current status, document row)."""

        def q():
            with self.engine.connect() as conn:
                row = conn.execute(sa.select(claims_t).where(claims_t.c.id == claim_id)).first()
                drow = conn.execute(sa.select(documents_t).where(documents_t.c.sha256 == row.document_sha256)).first()
                return Claim.model_validate_json(row.record), row.status, dict(drow._mapping)

        return self._run(q)

    @staticmethod
    def _carriers_by_group():
        """group id -> how many distinct outlets and publishers carried the group's claims."""
        names = sa.union_all(
            sa.select(groups_t.c.group_id.label("g"), claims_t.c.publisher_key.label("k")).join(claims_t, claims_t.c.id == groups_t.c.claim_id).where(claims_t.c.publisher_key.is_not(None)),
            sa.select(groups_t.c.group_id.label("g"), outlets_t.c.name_key.label("k")).join(outlets_t, outlets_t.c.claim_id == groups_t.c.claim_id),
        ).subquery()
        return sa.select(names.c.g, sa.func.count(sa.distinct(names.c.k)).label("n")).group_by(names.c.g).subquery()

    def carriers(self, claim_ids: list[str]) -> dict[str, int]:
        """For each claim, how many distinct outlets and publishers carried it or the same
        claim elsewhere (its group)."""
        if not claim_ids:
            return {}
        per = self._carriers_by_group()

        def q():
            with self.engine.connect() as conn:
                rows = conn.execute(sa.select(groups_t.c.claim_id, per.c.n).join(per, per.c.g == groups_t.c.group_id).where(groups_t.c.claim_id.in_(claim_ids))).all()
                got = {r[0]: int(r[1]) for r in rows}
                return {cid: got.get(cid, 0) for cid in claim_ids}

        return self._run(q)

    def _filtered(self, stmt, status=None, speaker=None, outlet=None, publisher=None, kind=None, since=None, until=None, search=None, document=None, min_carriers=None):
        c = claims_t.c
        if min_carriers:
            per = self._carriers_by_group()
            stmt = stmt.where(c.id.in_(sa.select(groups_t.c.claim_id).join(per, per.c.g == groups_t.c.group_id).where(per.c.n >= min_carriers)))
        if document:
            stmt = stmt.where(c.document_sha256 == document)
        if status:
            stmt = stmt.where(c.status.in_(status))
        if speaker:
            stmt = stmt.where(self._like(c.speaker_key, speaker))
        if outlet:
            sub = sa.select(outlets_t.c.claim_id).where(self._like(outlets_t.c.name_key, outlet))
            stmt = stmt.where(c.id.in_(sub))
        if publisher:
            stmt = stmt.where(self._like(c.publisher_key, publisher))
        if kind:
            stmt = stmt.where(c.kind.in_(kind))
        if since:
            stmt = stmt.where(c.date >= since)
        if until:
            stmt = stmt.where(c.date <= until + "\uffff")
        if search:
            stmt = stmt.where(self._like(c.message_key, search))
        return stmt

    def query(
        self,
        status: list[str] | None = None,
        speaker: str | None = None,
        outlet: str | None = None,
        publisher: str | None = None,
        kind: list[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        search: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        document: str | None = None,
        min_carriers: int | None = None,
    ) -> list[tuple[Claim, str]]:
        c = claims_t.c
        stmt = self._filtered(sa.select(claims_t.c.record, c.status), status, speaker, outlet, publisher, kind, since, until, search, document, min_carriers)
        order = sa.case(*[(c.status == k, v) for k, v in STATUS_ORDER.items()], else_=9)
        stmt = stmt.order_by(c.position) if document else stmt.order_by(order, c.date.desc().nulls_last(), c.document_sha256, c.position)
        if limit is not None:
            stmt = stmt.limit(limit)
        if offset:
            stmt = stmt.offset(offset)

        def q():
            with self.engine.connect() as conn:
                return [(Claim.model_validate_json(r[0]), r[1]) for r in conn.execute(stmt)]

        return self._run(q)

    def count(self, **filters: Any) -> int:
        """How many claims :meth:`query` with these filters gives (without limit and offset)."""
        stmt = self._filtered(sa.select(sa.func.count()).select_from(claims_t), **filters)

        def q():
            with self.engine.connect() as conn:
                return int(conn.execute(stmt).scalar_one())

        return self._run(q)

    def status_counts(self) -> dict[str, int]:
        """Claims per status, every status listed."""

        def q():
            with self.engine.connect() as conn:
                got = dict(conn.execute(sa.select(claims_t.c.status, sa.func.count()).group_by(claims_t.c.status)).all())
                return {k: int(got.get(k, 0)) for k in STATUS_ORDER}

        return self._run(q)

    def secret(self) -> str:
        """A random key kept in the database (signs the web app's session cookies), made once."""
        import secrets

        def q():
            with self._write("secret") as conn:
                row = conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == "session_secret")).first()
                if row:
                    return row[0]
                value = secrets.token_urlsafe(32)
                conn.execute(meta_t.insert().values(key="session_secret", value=value))
                return value

        return self._run(q)

    # -- users ------------------------------------------------------------------------------
    def add_user(self, name: str, password_hash: str, role: str) -> None:
        if role not in ROLES:
            raise StoreError(f"{role!r}: not a role (choose from {', '.join(ROLES)})")

        def q():
            with self._write("user:" + name) as conn:
                if conn.execute(sa.select(users_t.c.name).where(users_t.c.name == name)).first():
                    raise StoreError(f"{name}: a user of that name exists")
                conn.execute(users_t.insert().values(name=name, password_hash=password_hash, role=role, created_at=_now()))

        self._run(q)

    def user(self, name: str) -> dict[str, Any] | None:
        def q():
            with self.engine.connect() as conn:
                row = conn.execute(sa.select(users_t).where(users_t.c.name == name)).first()
                return dict(row._mapping) if row else None

        return self._run(q)

    def users(self) -> list[dict[str, Any]]:
        def q():
            with self.engine.connect() as conn:
                return [{"name": r.name, "role": r.role, "created_at": r.created_at} for r in conn.execute(sa.select(users_t).order_by(users_t.c.name))]

        return self._run(q)

    def set_user(self, name: str, role: str | None = None, password_hash: str | None = None) -> None:
        if role is not None and role not in ROLES:
            raise StoreError(f"{role!r}: not a role (choose from {', '.join(ROLES)})")
        values = {k: v for k, v in (("role", role), ("password_hash", password_hash)) if v is not None}

        def q():
            with self._write("user:" + name) as conn:
                if conn.execute(users_t.update().where(users_t.c.name == name).values(**values)).rowcount == 0:
                    raise StoreError(f"{name}: no such user")

        self._run(q)

    def remove_user(self, name: str) -> None:
        def q():
            with self._write("user:" + name) as conn:
                if conn.execute(users_t.delete().where(users_t.c.name == name)).rowcount == 0:
                    raise StoreError(f"{name}: no such user")

        self._run(q)

    def appearances(self, claim_id: str) -> list[tuple[Claim, str]]:
        """The claims of ``claim_id``'s group (the same claim in other documents, and it),
        first appearance first: by article date, else by the time it was stored."""

        def q():
            with self.engine.connect() as conn:
                gid = conn.execute(sa.select(groups_t.c.group_id).where(groups_t.c.claim_id == claim_id)).scalar()
                if gid is None:
                    return [self.get(claim_id)[:2]]
                rows = conn.execute(
                    sa.select(claims_t.c.record, claims_t.c.status, documents_t.c.date, documents_t.c.extracted_at)
                    .join(groups_t, groups_t.c.claim_id == claims_t.c.id)
                    .join(documents_t, documents_t.c.sha256 == claims_t.c.document_sha256)
                    .where(groups_t.c.group_id == gid)
                ).all()
                rows.sort(key=_appearance)
                return [(Claim.model_validate_json(r.record), r.status) for r in rows]

        return self._run(q)

    def near_copies(self, sha256: str, threshold: float = 85.0) -> list[dict[str, Any]]:
        """Other stored articles that are nearly this one (wire copy: the same text with a
        new first sentence, another headline, cuts): candidates share a claim group with
        it; the same when rapidfuzz's token-set ratio of the normalised texts reaches
        ``threshold`` and neither is less than half as long as the other."""
        from rapidfuzz import fuzz

        from claims.match import normalize

        def q():
            with self.engine.connect() as conn:
                mine = sa.select(groups_t.c.group_id).join(claims_t, claims_t.c.id == groups_t.c.claim_id).where(claims_t.c.document_sha256 == sha256)
                others = conn.execute(
                    sa.select(claims_t.c.document_sha256).join(groups_t, groups_t.c.claim_id == claims_t.c.id).where(groups_t.c.group_id.in_(mine), claims_t.c.document_sha256 != sha256).distinct()
                ).scalars().all()
                if not others:
                    return []
                text = normalize(conn.execute(sa.select(documents_t.c.text).where(documents_t.c.sha256 == sha256)).scalar() or "")
                out = []
                for row in conn.execute(sa.select(documents_t).where(documents_t.c.sha256.in_(others))).all():
                    other = normalize(row.text or "")
                    if not text or not other or min(len(text), len(other)) < 0.5 * max(len(text), len(other)):
                        continue
                    score = fuzz.token_set_ratio(text, other)
                    if score >= threshold:
                        out.append({"sha256": row.sha256, "title": row.title, "path": row.path, "date": row.date, "publisher": row.publisher, "similarity": round(score, 1)})
                return sorted(out, key=lambda d: (d["date"] or "", d["sha256"]))

        return self._run(q)

    def firsts(self) -> dict[str, bool]:
        """For every claim whose group has other members (the same claim in other
        articles): whether it is the group's first appearance (article date, else the
        time stored)."""

        def q():
            with self.engine.connect() as conn:
                rows = conn.execute(
                    sa.select(groups_t.c.claim_id, groups_t.c.group_id, documents_t.c.date, documents_t.c.extracted_at)
                    .join(claims_t, claims_t.c.id == groups_t.c.claim_id)
                    .join(documents_t, documents_t.c.sha256 == claims_t.c.document_sha256)
                ).all()
            by: dict[str, list] = {}
            for r in rows:
                by.setdefault(r.group_id, []).append(r)
            out: dict[str, bool] = {}
            for members in by.values():
                if len(members) < 2:
                    continue
                first = min(members, key=lambda r: (_appearance(r), r.claim_id))
                out.update({r.claim_id: r.claim_id == first.claim_id for r in members})
            return out

        return self._run(q)

    def import_known_reviews(self, reviews: list) -> int:
        """Store other fact-checkers' reviews (claims/store/factchecks.py), each once; all
        in one transaction."""
        from claims.match import band_keys, normalize

        def q():
            added = 0
            with self._write("known") as conn:
                fresh = [r for r in reviews if not conn.execute(sa.select(known_t.c.uid).where(known_t.c.uid == r.uid)).first()]
                fresh = list({r.uid: r for r in fresh}.values())
                for r, bands in zip(fresh, band_keys([normalize(r.claim_reviewed) for r in fresh]), strict=True):
                    conn.execute(known_t.insert().values(uid=r.uid, claim_reviewed=r.claim_reviewed, rating=r.rating, author=r.author, date=r.date, url=r.url, imported_at=_now()))
                    conn.execute(known_bands_t.insert(), [{"band": b, "uid": r.uid} for b in bands])
                    added += 1
            return added

        return self._run(q)

    def known_reviews_for(self, claims: list[Claim]) -> dict[str, Any]:
        """claim id -> the other fact-checkers' review whose claimReviewed is the same claim."""
        from claims.match import band_keys, normalize, same_claim
        from claims.store.factchecks import KnownReview

        def q():
            with self.engine.connect() as conn:
                if not claims or conn.execute(sa.select(known_t.c.uid).limit(1)).first() is None:
                    return {}
                out = {}
                norms = [normalize(c.message.text) for c in claims]
                for c, norm, bands in zip(claims, norms, band_keys(norms), strict=True):
                    cand = sa.select(known_bands_t.c.uid).where(known_bands_t.c.band.in_(bands)).distinct().subquery()
                    for r in conn.execute(sa.select(known_t).join(cand, cand.c.uid == known_t.c.uid).order_by(known_t.c.date.desc().nulls_last(), known_t.c.uid)).all():
                        if same_claim(norm, normalize(r.claim_reviewed)):
                            out[c.id] = KnownReview(r.uid, r.claim_reviewed, r.rating, r.author, r.date, r.url)
                            break
                return out

        return self._run(q)

    def all_claims(self) -> list[tuple[Claim, str]]:
        return self.query()

    def documents(self) -> list[dict[str, Any]]:
        def q():
            with self.engine.connect() as conn:
                return [dict(r._mapping) for r in conn.execute(sa.select(documents_t).order_by(documents_t.c.sha256))]

        return self._run(q)

    # -- reviews ---------------------------------------------------------------------------
    def add_review(self, claim_id: str, status: str, rating: str | None = None, note: str | None = None, evidence: Iterable[str] = (), reviewer: str | None = None, url: str | None = None, created_at: str | None = None) -> Review:
        if status not in REVIEW_STATUSES:
            raise StoreError(f"{status!r}: not a status (choose from {', '.join(REVIEW_STATUSES)})")
        created = created_at or _now()
        r = Review(review_uid(claim_id, status, created, reviewer, note), claim_id, status, rating, note, list(evidence), reviewer, url, created)
        self._run(self._insert_reviews, [r])
        return r

    def add_group_review(self, claim_id: str, status: str, rating: str | None = None, note: str | None = None, evidence: Iterable[str] = (), reviewer: str | None = None, url: str | None = None) -> list[Review]:
        """The same review for every claim of ``claim_id``'s group (the same claim in
        other articles), one history entry each, in one transaction; the others' notes say
        the review came through the group."""
        if status not in REVIEW_STATUSES:
            raise StoreError(f"{status!r}: not a status (choose from {', '.join(REVIEW_STATUSES)})")
        created = _now()
        reviews = []
        for c, _ in self.appearances(claim_id):
            n = note if c.id == claim_id else f"[through the group of {claim_id[:12]}]" + (f" {note}" if note else "")
            reviews.append(Review(review_uid(c.id, status, created, reviewer, n), c.id, status, rating, n, list(evidence), reviewer, url, created))
        self._run(self._insert_reviews, reviews)
        return reviews

    def _insert_reviews(self, reviews: list[Review]) -> int:
        with self._write(*sorted({"claim:" + r.claim_id for r in reviews})) as conn:
            return self._insert_reviews_in(conn, reviews)

    @staticmethod
    def _insert_reviews_in(conn: Connection, reviews: list[Review]) -> int:
        added = 0
        for r in reviews:
            if conn.execute(sa.select(reviews_t.c.uid).where(reviews_t.c.uid == r.uid)).first():
                continue
            conn.execute(reviews_t.insert().values(uid=r.uid, claim_id=r.claim_id, status=r.status, rating=r.rating, note=r.note, evidence=json.dumps(r.evidence), reviewer=r.reviewer, url=r.url, created_at=r.created_at))
            added += 1
        for cid in {r.claim_id for r in reviews}:
            latest = _latest_status(conn, cid)
            if latest:
                conn.execute(claims_t.update().where(claims_t.c.id == cid).values(status=latest))
        return added

    def history(self, claim_id: str) -> list[Review]:
        def q():
            with self.engine.connect() as conn:
                rows = conn.execute(sa.select(reviews_t).where(reviews_t.c.claim_id == claim_id).order_by(reviews_t.c.created_at, reviews_t.c.uid))
                return [Review(r.uid, r.claim_id, r.status, r.rating, r.note, json.loads(r.evidence or "[]"), r.reviewer, r.url, r.created_at) for r in rows]

        return self._run(q)

    # -- import ------------------------------------------------------------------------------
    def import_records(self, documents: list[dict[str, Any]], claims: list[Claim], reviews: list[Review]) -> dict[str, int]:
        """Merge exported records: new documents and claims are added, reviews are appended once."""
        return self._run(self._import, documents, claims, reviews)

    def _import(self, documents, claims, reviews) -> dict[str, int]:
        added_docs = added_claims = 0
        with self._write("import") as conn:
            for d in documents:
                if not conn.execute(sa.select(documents_t.c.sha256).where(documents_t.c.sha256 == d["sha256"])).first():
                    conn.execute(documents_t.insert().values(**{k: d.get(k) for k in ("sha256", "path", "title", "date", "publisher", "text", "extractor_version", "extracted_at", *WEB_COLUMNS)}))
                    added_docs += 1
            texts: dict[str, str | None] = {}
            for c in claims:
                if conn.execute(sa.select(claims_t.c.id).where(claims_t.c.id == c.id)).first():
                    continue
                sha = c.document.sha256
                if sha not in texts:
                    row = conn.execute(sa.select(documents_t.c.text).where(documents_t.c.sha256 == sha)).first()
                    if row is None:
                        raise StoreError(f"claim {c.id}: its document {sha[:12]} is neither in the file nor in the database")
                    texts[sha] = row[0]
                if texts[sha] is not None and (bad := span_mismatch(c, texts[sha])):
                    raise StoreError(f"claim {c.id}: {bad}")
                _insert_claim(conn, c, c.verification.status)
                _group(conn, [c])
                added_claims += 1
            known = {r.claim_id for r in reviews}
            if known:
                present = {r[0] for r in conn.execute(sa.select(claims_t.c.id).where(claims_t.c.id.in_(list(known))))}
                missing = known - present
                if missing:
                    raise StoreError(f"reviews refer to unknown claims: {', '.join(sorted(m[:10] for m in missing))}")
            added_reviews = self._insert_reviews_in(conn, reviews) if reviews else 0
        return {"documents": added_docs, "claims": added_claims, "reviews": added_reviews}


def _group(conn: Connection, claims: list[Claim]) -> None:
    """Put new claims into groups with the same claim in other documents (claims/match):
    candidates by shared LSH band keys, then the match rule; a claim with no match
    starts its own group."""
    from claims.match import band_keys, normalize, same_claim

    if not claims:
        return
    norms = [normalize(c.message.text) for c in claims]
    for c, norm, bands in zip(claims, norms, band_keys(norms), strict=True):
        cand = sa.select(bands_t.c.claim_id).where(bands_t.c.band.in_(bands)).distinct().subquery()
        rows = conn.execute(
            sa.select(claims_t.c.id, claims_t.c.message, claims_t.c.speaker, groups_t.c.group_id)
            .join(cand, cand.c.claim_id == claims_t.c.id)
            .join(groups_t, groups_t.c.claim_id == claims_t.c.id)
            .where(claims_t.c.document_sha256 != c.document.sha256)
        ).all()
        speaker = c.speaker.name if c.speaker else None
        group = next((r.group_id for r in sorted(rows, key=lambda r: r.id) if same_claim(norm, normalize(r.message), speaker, r.speaker)), c.id)
        conn.execute(groups_t.insert().values(claim_id=c.id, group_id=group))
        conn.execute(bands_t.insert(), [{"band": b, "claim_id": c.id} for b in bands])


def _appearance(row) -> tuple[str, str]:
    """When a claim appeared: its article's date, else the day it was stored (then the time stored)."""
    return ((row.date or row.extracted_at or "")[:10], row.extracted_at or "")


def _alembic(conn: Connection):
    """Alembic's configuration for the store's migrations, on ``conn``."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.attributes["connection"] = conn
    return cfg


def _insert_claim(conn: Connection, c: Claim, status: str) -> None:
    """A claim's row and its outlets' rows, with the case-folded keys the filters compare."""
    speaker = c.speaker.name if c.speaker else None
    conn.execute(
        claims_t.insert().values(
            id=c.id,
            document_sha256=c.document.sha256,
            position=c.message.start,
            speaker=speaker,
            kind=c.kind,
            machine_status=c.verification.status,
            status=status,
            message=c.message.text,
            date=c.document.date,
            publisher=c.document.publisher,
            stale=False,
            record=c.model_dump_json(),
            speaker_key=_key(speaker),
            publisher_key=_key(c.document.publisher),
            message_key=_key(c.message.text),
        )
    )
    for o in c.outlets:
        conn.execute(outlets_t.insert().values(claim_id=c.id, name=o.name, kind=o.kind, name_key=_key(o.name)))


def _key(text: str | None) -> str | None:
    return fold(text) if text is not None else None


def span_mismatch(claim: Claim, text: str) -> str | None:
    """What in ``claim`` does not slice back to the document ``text``; None if all does."""
    for name, s in claim.spans():
        if not (0 <= s.start <= s.end <= len(text)) or text[s.start : s.end] != s.text:
            return f"its {name} ({s.start}-{s.end}) is not that text of its document"
    return None


def _latest_status(conn: Connection, claim_id: str) -> str | None:
    row = conn.execute(sa.select(reviews_t.c.status).where(reviews_t.c.claim_id == claim_id).order_by(reviews_t.c.created_at.desc(), reviews_t.c.uid.desc()).limit(1)).first()
    return row[0] if row else None


def _best_overlap(old: dict[str, Any], claims: list[Claim]) -> Claim | None:
    a0, a1 = old["message"]["start"], old["message"]["end"]
    best, score = None, 0.0
    for c in claims:
        ov = max(0, min(a1, c.message.end) - max(a0, c.message.start))
        shorter = max(1, min(a1 - a0, c.message.end - c.message.start))
        if ov / shorter >= 0.5 and ov / shorter > score:
            best, score = c, ov / shorter
    return best
