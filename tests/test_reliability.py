"""Reliability: one bad document costs only itself, no input makes the extraction
raise, and every span it reports slices back to its text (docs/reliability.md)."""

import json
import os
import subprocess
import sys

import pytest

from claims.document import parse_text
from claims.pipeline import extract_document
from tests.conftest import ROOT, SEEDS

CUT_AT_THE_END = [
    "Die Regierung teilte mit, dass",
    "Die Regierung teilte mit, ob",
    "Der Minister sagte am Montag, dass",
    "„Wir kommen“, sagte der Minister. Er betonte, dass",
]


def _check_spans(text: str, claims) -> None:
    for c in claims:
        for _, s in c.spans():
            assert 0 <= s.start <= s.end <= len(text)
            assert text[s.start : s.end] == s.text


@pytest.mark.parametrize("text", CUT_AT_THE_END)
def test_a_speech_verb_and_a_complementizer_at_the_end_is_no_claim_and_no_error(text):
    from claims.nlp.lite import get_lite_analyzer

    claims = extract_document(parse_text(text), get_lite_analyzer()).claims
    _check_spans(text, claims)
    assert all("dass" not in c.message.text and c.message.text for c in claims)


@pytest.mark.parametrize("text", CUT_AT_THE_END)
def test_the_same_with_stanza(text, analyzer):
    _check_spans(text, extract_document(parse_text(text), analyzer).claims)


# A failure injected into the pipeline of this process and of every worker it starts
# (``sitecustomize`` runs at each interpreter's start): documents holding the marker
# raise inside the extraction, as a bug in a rule would.
FAULT = """
import claims.pipeline as p

_real = p.extract_parsed


def extract_parsed(src, doc, *args, **kwargs):
    if "BOOM-MARKER" in src.text:
        raise IndexError("list index out of range")
    return _real(src, doc, *args, **kwargs)


p.extract_parsed = extract_parsed
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_failing_document_costs_only_itself(tmp_path, jobs):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(FAULT, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text("Die Polizei teilte mit, es gebe keine Verletzten. BOOM-MARKER\n", encoding="utf-8")
    db = tmp_path / "c.db"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "site"), str(ROOT)])}
    cmd = [sys.executable, "-m", "claims", "extract", "--analyzer", "lite", "--jobs", jobs, "-f", "jsonl", "--db", str(db), str(SEEDS[0]), str(bad), str(SEEDS[1])]
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 1
    assert r.stderr.splitlines() == [f"claims: {bad}: extraction failed (IndexError: list index out of range)"]
    paths = [json.loads(line)["document"]["path"] for line in r.stdout.splitlines()]
    assert set(paths) == {str(SEEDS[0]), str(SEEDS[1])} and paths == sorted(paths)
    listed = subprocess.run([sys.executable, "-m", "claims", "list", "--db", str(db), "-f", "jsonl"], capture_output=True, text=True, env=env, timeout=120)
    stored = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(stored) == len(paths) > 0 and "bad.txt" not in listed.stdout


def test_oversized_documents_and_endless_streams_are_refused_and_the_batch_goes_on(tmp_path):
    """A file over --max-bytes, an endless device and an over-long stdin are one line
    each; nothing of them is read whole; the good file is still extracted."""
    from typer.testing import CliRunner

    from claims.cli import app

    big = tmp_path / "big.txt"
    big.write_text("Er sagte, es sei gut. " * 100, encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text("Die Polizei teilte mit, es gebe keine Verletzten.", encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", "--analyzer", "lite", "--no-store", "-f", "jsonl", "--max-bytes", "1000", str(big), "/dev/zero", str(small)])
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        f"claims: {big}: more than 1,000 bytes (the --max-bytes limit); split the text or raise the limit",
        "claims: /dev/zero: more than 1,000 bytes (the --max-bytes limit); split the text or raise the limit",
    ]
    assert [json.loads(line)["document"]["path"] for line in r.stdout.splitlines()] == [str(small)]
    r = CliRunner().invoke(app, ["extract", "--analyzer", "lite", "--no-store", "--max-bytes", "10", "-"], input=b"Er sagte, es sei gut.")
    assert r.exit_code == 1 and r.stderr.strip() == "claims: <stdin>: more than 10 bytes (the --max-bytes limit); split the text or raise the limit"


def test_default_limit_refuses_an_endless_stream_in_a_subprocess():
    r = subprocess.run([sys.executable, "-m", "claims", "extract", "--analyzer", "lite", "--no-store", "/dev/zero"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert r.stderr.strip() == "claims: /dev/zero: more than 5,000,000 bytes (the --max-bytes limit); split the text or raise the limit"


def test_a_directory_without_text_files_is_an_error(tmp_path):
    from typer.testing import CliRunner

    from claims.cli import app

    (tmp_path / "notes.md").write_text("nichts", encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", "--analyzer", "lite", "--no-store", str(tmp_path)])
    assert r.exit_code == 1 and r.stderr.strip() == f"claims: {tmp_path}: no .txt or .html files in this directory"


def test_control_sequences_reach_the_terminal_only_as_visible_escapes(tmp_path):
    """Escape sequences in an article and in a review note (window title, screen clear,
    a bidi override) are shown escaped by every table and by show and history; JSON
    keeps the text exact."""
    from typer.testing import CliRunner

    from claims.cli import app

    run = CliRunner().invoke
    art = tmp_path / "a.txt"
    art.write_text("Der Minister\x1b]0;pwned\x07 sagte, die Lage sei \x1b[2Jernst\u202e.\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    r = run(app, ["extract", "--analyzer", "lite", "--db", db, str(art)])
    assert r.exit_code == 0 and "\x1b" not in r.stdout and "\\x1b[2J" in r.stdout
    r = run(app, ["list", "--db", db, "-f", "jsonl"])
    claim = json.loads(r.stdout.splitlines()[0])
    assert "\x1b[2J" in claim["message"]["text"]  # the data stays exact
    assert run(app, ["verify", claim["id"][:10], "--status", "false", "--note", "Quelle\x1b[1A\x1b[2K gelöscht", "--db", db]).exit_code == 0
    for cmd in (["list"], ["show", claim["id"][:10]], ["history", claim["id"][:10]], ["speakers"], ["outlets"]):
        r = run(app, [*cmd, "--db", db])
        assert r.exit_code == 0, (cmd, r.output)
        assert not any(ch in r.stdout for ch in "\x1b\x07\u202e"), cmd
    assert "\\x1b[1A\\x1b[2K gelöscht" in run(app, ["history", claim["id"][:10], "--db", db]).stdout
    assert "\\u202e" in run(app, ["show", claim["id"][:10], "--db", db]).stdout
    r = run(app, ["show", "\x1b[2Jnothing", "--db", db])
    assert r.exit_code == 1 and "\x1b" not in r.stderr


def test_a_killed_run_leaves_only_whole_documents_and_a_rerun_completes(tmp_path):
    """kill -9 in the middle of a batch: every stored document has all its claims (one
    transaction per document), and running again stores the rest without duplicates."""
    import signal
    import sqlite3
    import time

    from tests.conftest import SHARED

    bench = sorted((SHARED / "bench" / "derstandard").glob("*.txt"))[:300]
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "claims", "extract", "--analyzer", "lite", "-q", "--db", str(db), *map(str, bench)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored = 0
    deadline = time.monotonic() + 120
    while stored < 20 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            with sqlite3.connect(db, timeout=1) as con:
                stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.Error:
            pass
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as con:
        by_doc = dict(con.execute("SELECT d.path, count(c.id) FROM documents d LEFT JOIN claims c ON c.document_sha256 = d.sha256 GROUP BY d.path"))
    assert 20 <= len(by_doc) < len(bench)
    fresh = subprocess.run([sys.executable, "-m", "claims", "extract", "--analyzer", "lite", "--no-store", "-f", "jsonl", *by_doc], capture_output=True, text=True, timeout=300)
    expected: dict[str, int] = dict.fromkeys(by_doc, 0)
    for line in fresh.stdout.splitlines():
        expected[json.loads(line)["document"]["path"]] += 1
    assert by_doc == expected
    assert subprocess.run(cmd, capture_output=True, timeout=600).returncode == 0
    with sqlite3.connect(db) as con:
        docs, claims, distinct = con.execute("SELECT (SELECT count(*) FROM documents), count(*), count(DISTINCT id) FROM claims").fetchone()
    assert docs == len(bench) and claims == distinct
