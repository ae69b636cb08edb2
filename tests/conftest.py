from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MODEL_DIR = Path(os.environ.get("CLAIMS_STANZA_DIR") or SHARED / "models" / "stanza-de")
GOLD_DIR = SHARED / "gold"
SPKATT_DIR = SHARED / "data" / "spkatt-news"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def analyzer():
    """One stanza pipeline for the whole test session."""
    from claims.nlp.stanza import get_analyzer, model_present

    if not model_present(MODEL_DIR):
        pytest.fail(f"no stanza model in {MODEL_DIR}: set CLAIMS_STANZA_DIR")
    return get_analyzer(MODEL_DIR, download=False)


def _cached_extract(analyzer):
    """Extract claims from a text with ``analyzer`` (cached per text)."""
    from claims.document import parse_text
    from claims.pipeline import extract_document

    cache: dict[str, list] = {}

    def run(text: str):
        if text not in cache:
            cache[text] = extract_document(parse_text(text), analyzer).claims
        return cache[text]

    return run


@pytest.fixture(scope="session")
def extract(analyzer):
    """Extract claims from a text with stanza (cached per text)."""
    return _cached_extract(analyzer)


@pytest.fixture(scope="session")
def parse(analyzer):
    from claims.document import parse_text
    from claims.pipeline import analyze

    def run(text: str):
        return analyze(parse_text(text), analyzer)

    return run


def one(claims, fragment: str):
    """The claim whose message contains ``fragment``."""
    hits = [c for c in claims if fragment in c.message.text]
    assert len(hits) == 1, f"{len(hits)} claims contain {fragment!r}: {[c.message.text for c in claims]}"
    return hits[0]


@pytest.fixture(autouse=True)
def _private_database(tmp_path, monkeypatch):
    """No test writes to the user's real claims database."""
    monkeypatch.setenv("CLAIMS_DB", str(tmp_path / "default.db"))


@pytest.fixture(scope="session")
def lite_extract():
    """Like ``extract``, with the lite analyzer (SoMaJo + HanTa, no parse)."""
    from claims.nlp.lite import get_lite_analyzer

    return _cached_extract(get_lite_analyzer())


STANZA_FIXTURES = {"analyzer", "extract", "parse"}


def pytest_collection_modifyitems(config, items):
    """Every test that loads the stanza model is ``slow``: ``pytest -m "not slow"`` runs
    the rest (lite, store, CLI, unit tests) without a model."""
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if STANZA_FIXTURES & (set(getattr(item, "fixturenames", ())) | {v for v in params.values() if isinstance(v, str)}):
            item.add_marker(pytest.mark.slow)


PG_URL = os.environ.get("CLAIMS_TEST_PG")  # a PostgreSQL server for the tests (scripts/pg-throwaway.sh)


@pytest.fixture
def pg_db():
    """The URL of a new, empty database on the test PostgreSQL server, dropped after the
    test. Skipped without ``$CLAIMS_TEST_PG``; CI starts a server and sets it."""
    if not PG_URL:
        pytest.skip("no PostgreSQL server: eval \"$(scripts/pg-throwaway.sh start)\" sets CLAIMS_TEST_PG")
    import uuid

    import sqlalchemy as sa

    name = "t_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        # ctype C: the server's lower() folds ASCII only, so the filters must not rely on it
        c.exec_driver_sql(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'")
    yield PG_URL.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as c:
        c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A new database: a SQLite file, and a database on the PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "claims.db")
    return request.getfixturevalue("pg_db")
