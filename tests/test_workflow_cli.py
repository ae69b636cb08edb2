"""The fact-check workflow through the CLI (CliRunner) on a real SQLite file and a real PostgreSQL database."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from claims.cli import app
from tests.conftest import MODEL_DIR, ROOT, SEEDS

runner = CliRunner()


@pytest.fixture
def db(db_url, monkeypatch, analyzer):
    """The seeds extracted into a SQLite file, and into a PostgreSQL database."""
    monkeypatch.setenv("CLAIMS_STANZA_DIR", str(MODEL_DIR))
    r = runner.invoke(app, ["extract", "-q", "--db", db_url, str(ROOT / "seeds")])
    assert r.exit_code == 0, r.output
    return db_url


def _ids(db, *args):
    r = runner.invoke(app, ["list", "--db", db, "--format", "json", *args])
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def test_extract_stores_and_no_store_does_not(db, tmp_path):
    assert len(_ids(db)) == 18
    other = tmp_path / "none.db"
    r = runner.invoke(app, ["extract", "--no-store", "--db", str(other), str(SEEDS[0])])
    assert r.exit_code == 0 and not other.exists()


def test_extract_twice_adds_nothing(db):
    r = runner.invoke(app, ["extract", "-q", "--db", db, str(SEEDS[0])])
    assert r.exit_code == 0
    assert len(_ids(db)) == 18


def test_list_formats_and_filters(db):
    rows = _ids(db, "--status", "unverifiable")
    assert len(rows) == 1 and rows[0]["speaker"]["name"] == "ein ukrainischer Beamter"
    r = runner.invoke(app, ["list", "--db", db, "--format", "csv", "--speaker", "Shangfu"])
    lines = r.output.strip().splitlines()
    assert lines[0].startswith("id,") and len(lines) == 8
    r = runner.invoke(app, ["list", "--db", db, "--format", "jsonl", "--outlet", "CCTV"])
    assert len(r.output.strip().splitlines()) == 2
    r = runner.invoke(app, ["list", "--db", db])
    assert "unverified" in r.output.splitlines()[2]
    r = runner.invoke(app, ["list", "--db", db, "--kind", "nonsense"])
    assert r.exit_code == 2


def test_show_marks_cue_speaker_message_and_chain(db):
    cid = next(x["id"] for x in _ids(db) if x["message"]["text"].startswith("China ist bereit"))
    r = runner.invoke(app, ["show", "--db", db, cid[:7]])
    assert r.exit_code == 0, r.output
    assert "chain:   Li Shangfu → CCTV News → the article" in r.output
    assert "[sagte] {der Minister} <dem Bericht> [zufolge]" in r.output
    assert "⟨China ist bereit" in r.output
    # how the speaker was found: the description in the sentence, the name earlier
    assert 'speaker: Li Shangfu [e2] ← "der Minister" (description) ← "Li Shangfu" (named at 364)' in r.output


def test_claims_of_one_speaker_share_an_entity_id(db):
    rows = _ids(db, "--speaker", "Shangfu")
    by_doc = {}
    for x in rows:
        by_doc.setdefault(x["document"]["sha256"], set()).add(x["speaker"]["entity"])
    assert all(len(ids) == 1 for ids in by_doc.values())
    assert all(x["speaker"]["via"] for x in rows)
    assert any(m["text"] == "Li Shangfu" for x in rows for m in x["speaker"]["mentions"])


def test_verify_history_and_claimreview_export(db):
    cid = next(x["id"] for x in _ids(db) if "Bauteile" in x["message"]["text"])
    r = runner.invoke(app, ["verify", cid[:8], "--db", db, "--status", "in_review", "--by", "Anna"])
    assert r.exit_code == 0
    r = runner.invoke(app, ["verify", cid[:8], "--db", db, "--status", "false", "--rating", "Falsch", "--note", "Keine Belege", "--evidence", "https://example.org/1", "--evidence", "https://example.org/2", "--by", "Anna", "--url", "https://factcheck.example/1"])
    assert r.exit_code == 0
    r = runner.invoke(app, ["history", cid, "--db", db, "--format", "json"])
    hist = json.loads(r.output)
    assert [h["status"] for h in hist] == ["in_review", "false"]
    assert _ids(db, "--status", "false")[0]["id"] == cid
    r = runner.invoke(app, ["export", "--db", db, "--format", "claimreview"])
    items = json.loads(r.output)
    assert len(items) == 1
    cr = items[0]
    assert cr["@context"] == "https://schema.org" and cr["@type"] == "ClaimReview"
    assert cr["claimReviewed"].startswith("die ukrainischen Streitkräfte")
    assert cr["itemReviewed"]["@type"] == "Claim" and cr["itemReviewed"]["author"]["name"] == "ein ukrainischer Beamter"
    assert cr["itemReviewed"]["appearance"][0]["@type"] == "NewsArticle"
    rating = cr["reviewRating"]
    assert rating["ratingValue"] == 1 and rating["bestRating"] == 5 and rating["worstRating"] == 1 and rating["alternateName"] == "Falsch"
    assert cr["author"]["name"] == "Anna" and cr["datePublished"][:2] == "20" and cr["url"] == "https://factcheck.example/1"


def test_outlets_and_speakers_audit(db):
    r = runner.invoke(app, ["outlets", "--db", db, "--format", "json"])
    rows = {x["name"]: x for x in json.loads(r.output)}
    assert rows["CCTV News"]["claims"] == 2 and rows["CCTV News"]["as"] == "outlet"
    assert rows["dpa-AFX"]["as"] == "publisher" and rows["dpa-AFX"]["disputed"] == 1
    r = runner.invoke(app, ["outlets", "CCTV", "--db", db, "--format", "jsonl"])
    assert len(r.output.strip().splitlines()) == 2
    r = runner.invoke(app, ["speakers", "--db", db, "--format", "json"])
    sp = {x["name"]: x for x in json.loads(r.output)}
    assert sp["Li Shangfu"]["claims"] == 7
    r = runner.invoke(app, ["speakers", "Putin", "--db", db, "--format", "jsonl"])
    assert len(r.output.strip().splitlines()) == 3


def test_export_import_round_trip(db, tmp_path):
    cid = _ids(db)[0]["id"]
    runner.invoke(app, ["verify", cid, "--db", db, "--status", "confirmed"])
    out = tmp_path / "e.jsonl"
    assert runner.invoke(app, ["export", "--db", db, "-o", str(out)]).exit_code == 0
    other = str(tmp_path / "o.db")
    r = runner.invoke(app, ["import", str(out), "--db", other])
    assert r.exit_code == 0 and "18 claims, 1 reviews" in r.output
    r = runner.invoke(app, ["import", str(out), "--db", other])
    assert "0 documents, 0 claims, 0 reviews" in r.output
    assert _ids(other, "--status", "confirmed")[0]["id"] == cid


@pytest.mark.parametrize(
    "args, message",
    [
        (["show", "0000000"], "no claim with this id"),
        (["show", "zz"], "not a claim id"),
        (["verify", "0000", "--status", "false"], "no claim"),
        (["verify", "0", "--status", "nonsense"], "invalid status"),
        (["list", "--status", "nonsense"], "invalid status"),
    ],
)
def test_bad_requests_one_line_nonzero(db, args, message):
    r = runner.invoke(app, args + ["--db", db])
    assert r.exit_code != 0
    assert message in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_malformed_import_changes_nothing(db, tmp_path):
    out = tmp_path / "e.jsonl"
    runner.invoke(app, ["export", "--db", db, "-o", str(out)])
    lines = out.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "{not json")
    out.write_text("\n".join(lines), encoding="utf-8")
    other = tmp_path / "o.db"
    r = runner.invoke(app, ["import", str(out), "--db", str(other)])
    assert r.exit_code == 1 and ":4: malformed line" in r.stderr
    assert not other.exists()


def test_missing_newer_and_corrupt_database(tmp_path):
    r = runner.invoke(app, ["list", "--db", str(tmp_path / "missing.db")])
    assert r.exit_code == 1 and "no claims database here" in r.stderr
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 500)
    r = runner.invoke(app, ["list", "--db", str(bad)])
    assert r.exit_code == 1 and "corrupt" in r.stderr


def test_installed_command_fact_check_session(tmp_path):
    import os

    exe = os.path.join(os.path.dirname(sys.executable), "claims")
    env = dict(os.environ, CLAIMS_STANZA_DIR=str(MODEL_DIR), CLAIMS_DB=str(tmp_path / "s.db"))
    assert subprocess.run([exe, "extract", "-q", str(ROOT / "seeds")], env=env, timeout=300).returncode == 0
    p = subprocess.run([exe, "list", "--status", "unverifiable", "--format", "jsonl"], env=env, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and len(p.stdout.splitlines()) == 1
