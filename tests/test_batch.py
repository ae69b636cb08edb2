"""Batch runs (claims.batch): input order with workers, input read a batch at a time,
unchanged documents skipped, output streamed in input order."""

import json

import pytest
from typer.testing import CliRunner

from claims import batch
from claims.cli import app
from claims.document import read_document
from tests.conftest import MODEL_DIR, ROOT, SEEDS

runner = CliRunner()


@pytest.mark.slow
def test_parallel_workers_keep_input_order():
    sources = [read_document(p) for p in SEEDS] * 2
    results = list(batch.run(sources, "stanza", str(MODEL_DIR), jobs=2, prefilter=True, progress=False))
    assert [r.document.sha256 for r in results] == [s.sha256 for s in sources]
    assert [len(r.claims) for r in results] == [10, 8, 10, 8]

def test_batch_reads_its_input_a_batch_at_a_time(tmp_path):
    """A long run does not hold every text: the documents are read as the batches go,
    one batch ahead."""
    pulled = []

    def docs(n=3 * batch.BATCH):
        for k in range(n):
            pulled.append(k)
            yield read_document(SEEDS[k % 2])

    results = batch.run(docs(), "lite", progress=False)
    first = next(results)
    assert first.claims and len(pulled) == 2 * batch.BATCH  # this batch and the next (for the prefilter's helper)
    assert 1 + sum(1 for _ in results) == 3 * batch.BATCH == len(pulled)
    # worker processes get a few batches each ahead, not the whole input at once
    pulled.clear()
    results = batch.run(docs(6 * batch.BATCH), "lite", jobs=2, progress=False)
    first = next(results)
    assert first.claims and len(pulled) <= (batch.AHEAD * 2 + 1) * 2 + 1 < 6 * batch.BATCH
    assert 1 + sum(1 for _ in results) == 6 * batch.BATCH == len(pulled)
    # nothing to extract: no model is looked for
    assert list(batch.run(iter([]), "stanza", tmp_path / "no-model", progress=False)) == []

def test_unchanged_documents_are_skipped_when_storing(tmp_path, monkeypatch, analyzer):
    monkeypatch.setenv("CLAIMS_STANZA_DIR", str(MODEL_DIR))
    db = str(tmp_path / "s.db")
    assert runner.invoke(app, ["extract", "-q", "--db", db, str(ROOT / "seeds")]).exit_code == 0
    calls = []
    real = batch.run

    def spy(sources, *a, **k):
        calls.append(0)

        def counted():
            for src in sources:
                calls[-1] += 1
                yield src

        return real(counted(), *a, **k)

    monkeypatch.setattr(batch, "run", spy)
    r = runner.invoke(app, ["extract", "-f", "jsonl", "--db", db, str(ROOT / "seeds")])
    assert r.exit_code == 0 and calls == [0], r.output
    assert len(r.stdout.splitlines()) == 18  # the stored claims are still shown
    r = runner.invoke(app, ["extract", "-q", "--force", "--db", db, str(SEEDS[0])])
    assert calls == [0, 1]

def test_extract_prints_in_input_order_as_it_goes(tmp_path, monkeypatch):
    """Stored and newly extracted documents print in input order; jsonl and csv go out
    document by document (a long run holds no claims), csv with one header."""
    from claims.output import ClaimPrinter, Format

    db = str(tmp_path / "s.db")
    a, b = SEEDS[0], SEEDS[1]
    assert runner.invoke(app, ["extract", "-q", "--analyzer", "lite", "--db", db, str(a)]).exit_code == 0
    r = runner.invoke(app, ["extract", "-f", "jsonl", "--analyzer", "lite", "--db", db, str(b), str(a), str(b)])
    paths = [json.loads(line)["document"]["path"] for line in r.stdout.splitlines()]
    n_b = paths.count(str(b)) // 2
    assert r.exit_code == 0 and n_b > 0
    assert paths == [str(b)] * n_b + [str(a)] * (len(paths) - 2 * n_b) + [str(b)] * n_b
    r = runner.invoke(app, ["extract", "-f", "csv", "--analyzer", "lite", "--no-store", str(a), str(b)])
    lines = r.stdout.splitlines()
    assert lines[0].startswith("id,document_sha256") and sum(line.startswith("id,") for line in lines) == 1
    assert len(lines) == 1 + len(paths) - n_b
    # what is printed when
    out: list[str] = []
    claims = batch.run([read_document(a)], "lite", progress=False)
    first = next(claims).claims
    for fmt, streams in ((Format.jsonl, True), (Format.csv, True), (Format.json, False), (Format.table, False)):
        out.clear()
        p = ClaimPrinter(fmt, out.append)
        p.add(first)
        assert bool(out) == streams
        p.close()
        assert out

def test_library_takes_the_analyzer_by_name():
    import claims

    found = claims.extract_text("Der Minister sagte, das Gesetz sei gut.", analyzer="lite")
    assert [c.message.text for c in found] == ["das Gesetz sei gut"] and found[0].speaker.name == "Minister"
    with pytest.raises(ValueError, match="unknown analyzer 'spacy'"):
        claims.extract_text("Text.", analyzer="spacy")
