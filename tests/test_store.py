"""The store on a real SQLite file and on a real PostgreSQL server."""

import json
import sqlite3
import subprocess
import sys

import pytest
import sqlalchemy as sa

from claims.document import read_document
from claims.models import Claim, DocumentResult
from claims.pipeline import EXTRACTOR_VERSION, extract_document
from claims.store import SCHEMA_VERSION, Store, StoreError
from tests.conftest import MODEL_DIR, ROOT, SEEDS


@pytest.fixture(scope="module")
def seed_docs(analyzer):
    return [(read_document(p), extract_document(read_document(p), analyzer)) for p in SEEDS]


@pytest.fixture
def store(db_url, seed_docs):
    s = Store(db_url)
    for src, r in seed_docs:
        s.save(r, src.text, EXTRACTOR_VERSION)
    return s


def test_save_and_query_unverified_first(store):
    rows = store.query()
    assert len(rows) == 18
    statuses = [s for _, s in rows]
    assert statuses.index("unverified") < statuses.index("disputed") < statuses.index("unverifiable") or statuses[0] == "unverified"
    assert statuses[-1] in {"disputed", "unverifiable"}


def test_filters(store):
    assert {c.speaker.name for c, _ in store.query(speaker="schoigu")} == {"Sergej Schoigu"}
    assert len(store.query(outlet="CCTV")) == 2
    assert len(store.query(publisher="dpa")) == 8
    assert {c.kind for c, _ in store.query(kind=["reported"])} == {"reported"}
    assert store.query(since="2024-01") == [] and len(store.query(since="2023-04", until="2023-04")) == 18
    assert len(store.query(search="multipolare")) == 1
    assert len(store.query(limit=5, offset=15)) == 3
    assert {s for _, s in store.query(status=["unverifiable"])} == {"unverifiable"}


def test_extracting_again_adds_nothing_twice_and_keeps_reviews(store, seed_docs):
    cid = store.query(search="Bauteile")[0][0].id
    store.add_review(cid, "false", rating="Falsch", note="n", reviewer="A")
    src, r = seed_docs[0]
    store.save(r, src.text, EXTRACTOR_VERSION)
    assert len(store.query()) == 18
    assert [x.status for x in store.history(cid)] == ["false"]
    assert store.get(cid)[1] == "false"


def test_reviews_follow_a_claim_whose_span_moved(store, seed_docs):
    src, r = seed_docs[0]
    target = next(c for c in r.claims if "Bauteile" in c.message.text)
    store.add_review(target.id, "disputed", reviewer="B")
    moved = target.model_copy(update={"id": "f" * 12, "message": target.message.model_copy(update={"start": target.message.start + 4})})
    r2 = DocumentResult(document=r.document, claims=[moved if c.id == target.id else c for c in r.claims])
    store.save(r2, src.text, EXTRACTOR_VERSION)
    assert [x.status for x in store.history("f" * 12)] == ["disputed"]
    assert len(store.query()) == 18


def test_save_is_one_transaction(store, seed_docs, monkeypatch):
    src, r = seed_docs[1]
    bad = r.model_copy(update={"claims": r.claims + [r.claims[0]]})  # duplicate id -> integrity error mid-way
    before = [c.id for c, _ in store.query()]
    with pytest.raises(StoreError):
        store.save(bad, src.text, EXTRACTOR_VERSION)
    assert [c.id for c, _ in store.query()] == before


def test_id_prefix_resolution(store):
    cid = store.query(search="multipolare")[0][0].id
    assert store.resolve_id(cid[:6]) == cid
    with pytest.raises(StoreError, match="no claim"):
        store.resolve_id("0000000")
    with pytest.raises(StoreError, match="ambiguous"):
        # some one-character prefix is shared by two of 18 claims
        ids = [c.id for c, _ in store.query()]
        shared = next(p for p in "0123456789abcdef" if sum(i.startswith(p) for i in ids) > 1)
        store.resolve_id(shared)
    with pytest.raises(StoreError, match="not a claim id"):
        store.resolve_id("xyz")


def test_invalid_status(store):
    cid = store.query()[0][0].id
    with pytest.raises(StoreError, match="not a status"):
        store.add_review(cid, "wrong")


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.db"
    s = Store(str(path))
    with s.engine.begin() as conn:
        conn.execute(sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'"), {"v": str(SCHEMA_VERSION + 1)})
    with pytest.raises(StoreError, match="newer than this claims"):
        Store(str(path))


V1_SCHEMA = """
CREATE TABLE meta (key VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES ('schema_version', '1');
CREATE TABLE documents (sha256 VARCHAR(64) PRIMARY KEY, path TEXT, title TEXT, date VARCHAR(10), publisher TEXT, text TEXT, extractor_version VARCHAR(32), extracted_at VARCHAR(32));
CREATE TABLE claims (id VARCHAR(32) PRIMARY KEY, document_sha256 VARCHAR(64) NOT NULL, position INTEGER NOT NULL, speaker TEXT, kind VARCHAR(16) NOT NULL,
    machine_status VARCHAR(16) NOT NULL, status VARCHAR(16) NOT NULL, message TEXT NOT NULL, date VARCHAR(10), publisher TEXT, record TEXT NOT NULL);
CREATE TABLE claim_outlets (claim_id VARCHAR(32) NOT NULL, name TEXT NOT NULL, kind VARCHAR(16));
CREATE TABLE reviews (uid VARCHAR(40) PRIMARY KEY, claim_id VARCHAR(32) NOT NULL, status VARCHAR(16) NOT NULL, rating TEXT, note TEXT, evidence TEXT NOT NULL, reviewer TEXT, created_at VARCHAR(32) NOT NULL)
"""


def test_older_schema_is_migrated(db_url, seed_docs):
    # a version-1 database holding one claim, on SQLite and on PostgreSQL
    src, result = seed_docs[0]
    c = result.claims[0]
    engine = sa.create_engine(db_url if "://" in db_url else "sqlite:///" + db_url)
    with engine.begin() as conn:
        for statement in V1_SCHEMA.split(";"):
            conn.exec_driver_sql(statement)
        conn.execute(sa.text("INSERT INTO documents (sha256, text) VALUES (:s, :t)"), {"s": src.sha256, "t": src.text})
        conn.execute(
            sa.text("INSERT INTO claims VALUES (:id, :d, 0, :sp, :k, 'unverified', 'unverified', :m, NULL, NULL, :r)"),
            {"id": c.id, "d": src.sha256, "sp": "Ölkonzern Ärger", "k": c.kind, "m": c.message.text, "r": c.model_dump_json()},
        )
        conn.execute(sa.text("INSERT INTO claim_outlets VALUES (:id, 'Ö1', 'broadcaster')"), {"id": c.id})
    engine.dispose()
    s = Store(db_url)
    assert s.schema_version == SCHEMA_VERSION
    cols = {c["name"] for c in sa.inspect(s.engine).get_columns("reviews")}
    assert "url" in cols
    # the filters' keys are filled for the claims already there
    assert [x.id for x, _ in s.query(speaker="ÖLKONZERN")] == [c.id] == [x.id for x, _ in s.query(outlet="ö1")]
    assert s.query()[0][0].id == c.id  # "stale" has its default
    with s.engine.connect() as conn:  # the migrations ran through Alembic, which knows where it stands
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == f"{SCHEMA_VERSION:04d}"


def test_a_new_database_is_at_alembics_head(db_url):
    from alembic.script import ScriptDirectory

    from claims.store.database import _alembic

    s = Store(db_url)
    with s.engine.connect() as conn:
        version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
        assert version == ScriptDirectory.from_config(_alembic(conn)).get_current_head() == f"{SCHEMA_VERSION:04d}"


def test_corrupt_and_foreign_files(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a claims database or corrupt"):
        Store(str(bad))
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE x (a INT)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a claims database"):
        Store(str(other))


def test_locked_database_is_reported(tmp_path, seed_docs, monkeypatch):
    path = tmp_path / "locked.db"
    s = Store(str(path))
    s.engine.dispose()
    s = Store(str(path))
    s.engine = sa.create_engine(f"sqlite:///{path}", connect_args={"timeout": 0.2})
    con = sqlite3.connect(path)
    con.execute("BEGIN EXCLUSIVE")
    src, r = seed_docs[0]
    with pytest.raises(StoreError, match="locked"):
        s.save(r, src.text, EXTRACTOR_VERSION)
    con.rollback()
    con.close()


def test_two_processes_extracting_into_one_database(db_url):
    db = db_url
    Store(str(db))
    env_cmd = [sys.executable, "-m", "claims", "extract", "-q", "--db", str(db), "--model-dir", str(MODEL_DIR)]
    procs = [subprocess.Popen(env_cmd + [str(p)], stderr=subprocess.PIPE, text=True, cwd=ROOT) for p in SEEDS]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    s = Store(str(db))
    assert len(s.query()) == 18
    assert len(s.documents()) == 2


def test_import_is_idempotent(store, tmp_path):
    from claims.store.exchange import export_jsonl, parse_export

    cid = store.query(search="Bauteile")[0][0].id
    store.add_review(cid, "unverifiable", note="x")
    path = tmp_path / "e.jsonl"
    path.write_text(export_jsonl(store, store.query()), encoding="utf-8")
    other = Store(str(tmp_path / "other.db"))
    docs, claims, reviews = parse_export(path)
    assert other.import_records(docs, claims, reviews) == {"documents": 2, "claims": 18, "reviews": 1}
    assert other.import_records(docs, claims, reviews) == {"documents": 0, "claims": 0, "reviews": 0}
    assert other.get(cid)[1] == "unverifiable"
    assert other.get(cid)[2]["text"].startswith(" date 2023-04")


def test_claim_records_round_trip(store):
    c, _ = store.query()[0]
    assert Claim.model_validate_json(c.model_dump_json()) == c
    assert json.loads(c.model_dump_json())["document"]["sha256"]
