"""The store under careless and hostile use, through the CLI on real SQLite files:
Unicode case folding, literal search, dates, database URLs and their passwords,
concurrent creation and extraction, import checks, ClaimReview safe to embed
(docs/reliability.md)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.cli import app
from tests.conftest import ROOT, SEEDS

run = CliRunner().invoke
TEXT = "Wie Ö1 berichtete, sei die Lage in der Straße ernst.\nDer Bürgermeister sagte, 100% der Häuser seien betroffen.\n"


@pytest.fixture
def db(tmp_path, db_url):
    """A SQLite file, and a PostgreSQL database whose ctype is C (lower() there knows
    ASCII only), holding the claims of TEXT."""
    art = tmp_path / "a.txt"
    art.write_text(TEXT, encoding="utf-8")
    r = run(app, ["extract", "--analyzer", "lite", "-q", "--db", db_url, str(art)])
    assert r.exit_code == 0, r.output
    return db_url


def _messages(db, *args):
    r = run(app, ["list", "--db", db, "-f", "jsonl", *args])
    assert r.exit_code == 0, r.output
    return [json.loads(line)["message"]["text"] for line in r.stdout.splitlines() if line]


def test_filters_fold_case_by_unicode_rules(db):
    assert _messages(db, "--outlet", "ö1") == _messages(db, "--outlet", "Ö1") == ["sei die Lage in der Straße ernst"]
    assert _messages(db, "--speaker", "BÜRGERMEISTER") == ["100% der Häuser seien betroffen"]
    assert _messages(db, "--search", "STRASSE") == _messages(db, "--search", "straße") == ["sei die Lage in der Straße ernst"]
    r = run(app, ["outlets", "ö1", "--db", db, "-f", "jsonl"])
    assert len(r.stdout.splitlines()) == 1


def test_search_is_literal(db):
    assert _messages(db, "--search", "%") == ["100% der Häuser seien betroffen"]
    assert _messages(db, "--search", "_") == []
    assert _messages(db, "--search", "0%") == ["100% der Häuser seien betroffen"]


@pytest.mark.parametrize("value", ["notadate", "2023-02-30", "2023-13", "23-01", "2023-1-5"])
def test_dates_are_checked(db, value):
    for opt in ("--since", "--until"):
        r = run(app, ["list", "--db", db, opt, value])
        assert r.exit_code == 2 and r.stderr.strip() == f"claims: {opt} {value!r}: not a date (YYYY-MM or YYYY-MM-DD)"
    assert run(app, ["list", "--db", db, "--since", "2023-04", "--until", "2023-04-30"]).exit_code == 0


@pytest.mark.parametrize(
    "url, message",
    [
        ("foo://bar", "claims: foo://bar: unknown kind of database 'foo' (SQLite and PostgreSQL are supported)"),
        ("sqlite://", "claims: sqlite://: an in-memory database keeps nothing; give a file path"),
        ("sqlite:///:memory:", "claims: :memory:: an in-memory database keeps nothing; give a file path"),
    ],
)
def test_bad_database_urls_are_one_line(url, message):
    for cmd in (["list"], ["extract", "--analyzer", "lite", str(SEEDS[0])]):
        r = run(app, [*cmd, "--db", url])
        assert r.exit_code == 1 and r.stderr.strip() == message


def test_passwords_never_shown():
    from claims.store.database import _explain, shown_url

    url = "postgresql+psycopg://user:secret@db.example:5432/claims"
    assert shown_url(url) == "postgresql+psycopg://user:***@db.example:5432/claims"
    err = _explain(RuntimeError(f"connection to {url} refused"), url)
    assert "secret" not in str(err) and str(err).startswith("postgresql+psycopg://user:***@db.example:5432/claims: database error")
    r = run(app, ["list", "--db", "postgresql+nosuchdriver://user:secret@127.0.0.1:1/db"])
    assert r.exit_code == 1 and "secret" not in r.stderr and "user:***@" in r.stderr and len(r.stderr.splitlines()) == 1


def test_numbers_out_of_range_and_unwritable_output_are_one_line(db, tmp_path):
    r = run(app, ["list", "--db", db, "--offset", "9999999999999999999999"])
    assert r.exit_code == 1 and len(r.stderr.splitlines()) == 1 and "out of the database's range" in r.stderr
    r = run(app, ["export", "--db", db, "-o", str(tmp_path / "missing-dir" / "x.jsonl")])
    assert r.exit_code == 1 and r.stderr.startswith(f"claims: {tmp_path / 'missing-dir' / 'x.jsonl'}: cannot write") and len(r.stderr.splitlines()) == 1


def test_a_corrupt_database_is_one_line_for_every_command(db):
    if db.startswith("postgresql"):
        pytest.skip("the corruption of a database file: SQLite")
    size = Path(db).stat().st_size
    with open(db, "r+b") as f:  # every page after the first overwritten
        f.seek(4096)
        f.write(b"\xff" * (size - 4096))
    for cmd in (["export"], ["export", "-f", "csv"], ["export", "-f", "claimreview"], ["list"], ["history", "0"], ["outlets"], ["speakers"], ["extract", "--analyzer", "lite", str(SEEDS[0])]):
        r = run(app, [*cmd, "--db", db])
        assert r.exit_code == 1 and r.stderr.startswith(f"claims: {db}: ") and len(r.stderr.splitlines()) == 1, (cmd, r.output)


def _processes(cmds: list[list[str]], env=None) -> list[subprocess.CompletedProcess]:
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for c in cmds]
    out = []
    for p in procs:
        so, se = p.communicate(timeout=300)
        out.append(subprocess.CompletedProcess(p.args, p.returncode, so, se))
    return out


def test_eight_processes_create_one_new_database(db_url):
    db = db_url
    code = f"from claims.store import Store; Store({db!r}).schema_version"
    results = _processes([[sys.executable, "-c", code] for _ in range(8)])
    assert [r.returncode for r in results] == [0] * 8, [r.stderr for r in results]
    assert run(app, ["list", "--db", db]).stdout.strip() == "(no rows)"


def test_three_processes_extracting_the_same_files(db_url):
    db = db_url
    cmd = [sys.executable, "-m", "claims", "extract", "--analyzer", "lite", "-q", "--db", db, str(ROOT / "seeds")]
    results = _processes([cmd] * 3)
    assert [(r.returncode, r.stderr) for r in results] == [(0, "")] * 3
    assert len(_messages(db)) == 18


# -- import -------------------------------------------------------------------------------


@pytest.fixture
def exported(db, tmp_path):
    cid = json.loads(run(app, ["list", "--db", db, "-f", "jsonl", "--search", "Straße"]).stdout)["id"]
    assert run(app, ["verify", cid, "--status", "false", "--db", db, "--evidence", "https://example.org/a"]).exit_code == 0
    r = run(app, ["export", "--db", db])
    return [json.loads(line) for line in r.stdout.splitlines()]


def _import(tmp_path, lines) -> tuple[CliRunner, str]:
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    target = str(tmp_path / "target.db")
    return run(app, ["import", str(f), "--db", target]), target


def test_a_faithful_export_imports(exported, tmp_path):
    r, target = _import(tmp_path, exported)
    assert r.exit_code == 0 and r.stdout.strip() == "imported 1 documents, 2 claims, 1 reviews"


def _forged(exported, change):
    lines = json.loads(json.dumps(exported))
    change(lines)
    return lines


def _doc(lines):
    return next(x for x in lines if x["record"] == "document")


def _claim(lines):
    return next(x for x in lines if x["record"] == "claim" and x["reviews"])


@pytest.mark.parametrize(
    "change, problem",
    [
        (lambda ls: _doc(ls).update(text=_doc(ls)["text"].replace("ernst", "harmlos")), "sha256 is not the hash of its text"),
        (lambda ls: ls.remove(_doc(ls)), "is neither in the file nor in the database"),
        (lambda ls: _claim(ls)["reviews"][0].update(created_at="9999-01-01T00:00:00+00:00"), "is in the future"),
        (lambda ls: _claim(ls)["reviews"][0].update(evidence="https://example.org/a"), "reviews.0.evidence: Input should be a valid array"),
        (lambda ls: _claim(ls)["reviews"][0].update(status="wahr"), "reviews.0.status"),
        (lambda ls: _claim(ls)["claim"].update(id="0123456789ab"), "not the id of its document and spans"),
        (lambda ls: _claim(ls)["claim"]["message"].update(text="etwas ganz anderes"), "is not that text of its document"),
        (lambda ls: _claim(ls)["claim"]["message"].update(start="0"), "claim.message.start: Input should be a valid integer"),
        # a timestamp where a date belongs (it overflowed PostgreSQL's VARCHAR(10) and rolled back the import)
        (lambda ls: _doc(ls).update(date="2023-04-05T10:00:00"), "date: String should match pattern"),
    ],
)
def test_a_forged_export_is_refused_and_nothing_is_stored(exported, tmp_path, change, problem):
    r, target = _import(tmp_path, _forged(exported, change))
    assert r.exit_code == 1 and problem in r.stderr and len(r.stderr.splitlines()) == 1, r.stderr
    assert not Path(target).exists() or run(app, ["list", "--db", target]).stdout.strip() == "(no rows)"


def test_an_import_never_replaces_a_stored_text(exported, db, tmp_path):
    before = run(app, ["export", "--db", db]).stdout
    r = run(app, ["import", str(_write(tmp_path, exported)), "--db", db])
    assert r.exit_code == 0 and r.stdout.strip() == "imported 0 documents, 0 claims, 0 reviews"
    assert run(app, ["export", "--db", db]).stdout == before


def _write(tmp_path, lines) -> Path:
    f = tmp_path / "again.jsonl"
    f.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    return f


# -- ClaimReview ------------------------------------------------------------------------


def test_claimreview_takes_only_web_urls_and_is_safe_in_a_script_element(tmp_path):
    art = tmp_path / "s.txt"
    art.write_text("Der Minister sagte, </script><script>alert(1)</script> sei harmlos & gut.\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert run(app, ["extract", "--analyzer", "lite", "-q", "--db", db, str(art)]).exit_code == 0
    cid = json.loads(run(app, ["list", "--db", db, "-f", "jsonl"]).stdout.splitlines()[0])["id"]
    r = run(app, ["verify", cid, "--status", "false", "--db", db, "--url", "javascript:alert(1)"])
    assert r.exit_code == 2 and r.stderr.strip() == "claims: --url 'javascript:alert(1)': not an http(s) URL"
    r = run(app, ["verify", cid, "--status", "false", "--db", db, "--url", "https://faktencheck.example/1", "--evidence", "javascript:alert(1)", "--evidence", "https://example.org/quelle"])
    assert r.exit_code == 0
    out = run(app, ["export", "-f", "claimreview", "--db", db]).stdout
    assert "</script" not in out.lower() and "<" not in out and "javascript:" not in out
    (review,) = json.loads(out)
    assert "</script><script>alert(1)</script>" in review["claimReviewed"]
    assert review["url"] == "https://faktencheck.example/1" and review["citation"] == ["https://example.org/quelle"]


# -- PostgreSQL and SQLite alike ------------------------------------------------------------


def test_claims_without_a_date_come_last_on_every_database(db, tmp_path):
    dated = tmp_path / "dated.txt"
    dated.write_text(" date 2023-04 Titel\nDer Minister sagte, die Lage sei ernst.\n", encoding="utf-8")
    assert run(app, ["extract", "--analyzer", "lite", "-q", "--db", db, str(dated)]).exit_code == 0
    r = run(app, ["list", "--db", db, "-f", "jsonl"])
    dates = [json.loads(line)["document"]["date"] for line in r.stdout.splitlines()]
    assert dates[0] == "2023-04" and dates[-1] is None


def test_listing_an_empty_database_says_so_and_creates_nothing(db_url):
    import sqlalchemy as sa

    r = run(app, ["list", "--db", db_url])
    assert r.exit_code == 1 and r.stderr.strip().endswith(": no claims database here (run claims extract first)")
    assert len(r.stderr.strip().splitlines()) == 1
    if db_url.startswith("postgresql"):
        assert sa.inspect(sa.create_engine(db_url)).get_table_names() == []


def test_a_missing_postgresql_driver_is_one_line_naming_the_extra():
    code = "import sys; sys.modules['psycopg'] = None; from claims.cli import main; sys.argv = ['claims', 'list', '--db', 'postgresql+psycopg://u@127.0.0.1:1/x']; main()"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1
    assert "the database driver is not installed" in r.stderr and "psycopg[binary]" in r.stderr


def test_eight_processes_writing_at_once_lose_nothing(db_url, tmp_path):
    # eight writers, five articles each, into one database; the result is what one
    # process writing them all gives
    files = sorted((ROOT.parent / "shared" / "bench" / "derstandard").glob("*.txt"))[:40]
    groups = [files[k::8] for k in range(8)]
    cmd = [sys.executable, "-m", "claims", "extract", "--analyzer", "lite", "-q", "--db", db_url]
    results = _processes([cmd + [str(f) for f in g] for g in groups])
    assert [(r.returncode, r.stderr) for r in results] == [(0, "")] * 8
    ref = str(tmp_path / "one.db")
    assert run(app, ["extract", "--analyzer", "lite", "-q", "--db", ref, *map(str, files)]).exit_code == 0
    ids = lambda db: sorted(json.loads(line)["id"] for line in run(app, ["list", "--db", db, "-f", "jsonl"]).stdout.splitlines())  # noqa: E731
    assert ids(db_url) == ids(ref) and len(ids(ref)) > 100
