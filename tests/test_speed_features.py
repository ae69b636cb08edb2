"""Batch features: parallel workers keep input order, the prefilter loses nothing on the
gold files, unchanged documents are skipped, the lite analyzer works offline."""

import json

import pytest
from typer.testing import CliRunner

from claims import batch
from claims.cli import app
from claims.document import parse_text, read_document
from claims.evaluate import score
from claims.nlp.prefilter import chunk_text, is_candidate, select_sentences, words_of
from claims.pipeline import extract_documents
from tests.conftest import GOLD_DIR, MODEL_DIR, ROOT, SEEDS

runner = CliRunner()


def test_prefilter_candidates_on_real_sentences():
    assert is_candidate(words_of("Die Aktion habe begonnen, teilte ver.di mit."))
    assert is_candidate(words_of("Laut Medienbericht nehmen fünf bis 20 Flüchtlinge diese Route."))
    assert is_candidate(words_of('"Unsere Abteilungen arbeiten aktiv zusammen"'))
    assert not is_candidate(words_of("Beide Länder haben ihre Beziehungen seit 2022 ausgebaut."))
    assert not is_candidate(words_of("Die Grünen haben ein anderes Prozedere im Sinn."))


def test_chunks_and_neighbours():
    text = "Erster Satz. Er sagte, es sei gut. Dritter Satz hier. Vierter. Fünfter."
    chunks = chunk_text(text)
    assert [text[a:b] for a, b in chunks][:2] == ["Erster Satz.", "Er sagte, es sei gut."]
    assert select_sentences([words_of(text[a:b]) for a, b in chunks]) == {0, 1, 2}
    quoted = "„Wir kommen.“ Er sagte das."
    chunks = chunk_text(quoted)
    assert [quoted[a:b] for a, b in chunks] == ["„Wir kommen.“", "Er sagte das."]
    assert not quoted[chunks[0][1] : chunks[1][0]].strip()  # gaps are white space only


@pytest.mark.parametrize("gold_file", ["seeds.json", "news-dev.json"])
def test_prefilter_loses_nothing_on_gold(analyzer, gold_file):
    gold = json.loads((GOLD_DIR / gold_file).read_text(encoding="utf-8"))
    sources = [parse_text(d["text"]) for d in gold]
    out = {}
    for flag in (False, True):
        analyzer.prefilter = flag
        try:
            res = extract_documents(sources, analyzer)
        finally:
            analyzer.prefilter = False
        _, total = score(gold, {r.document.sha256: [c.model_dump(mode="json") for c in r.claims] for r in res})
        out[flag] = total.scores()
    for key in ("claim_f1", "speaker_acc", "outlet_f1", "kind_acc", "verification_acc"):
        assert out[True][key] >= out[False][key], key


def test_parallel_workers_keep_input_order():
    sources = [read_document(p) for p in SEEDS] * 2
    results = list(batch.run(sources, "stanza", str(MODEL_DIR), jobs=2, prefilter=True, progress=False))
    assert [r.document.sha256 for r in results] == [s.sha256 for s in sources]
    assert [len(r.claims) for r in results] == [10, 8, 10, 8]


def test_unchanged_documents_are_skipped_when_storing(tmp_path, monkeypatch, analyzer):
    monkeypatch.setenv("CLAIMS_STANZA_DIR", str(MODEL_DIR))
    db = str(tmp_path / "s.db")
    assert runner.invoke(app, ["extract", "-q", "--db", db, str(ROOT / "seeds")]).exit_code == 0
    calls = []
    real = batch.run

    def spy(sources, *a, **k):
        calls.append(len(sources))
        return real(sources, *a, **k)

    monkeypatch.setattr(batch, "run", spy)
    r = runner.invoke(app, ["extract", "-f", "jsonl", "--db", db, str(ROOT / "seeds")])
    assert r.exit_code == 0 and calls == [0]
    assert len(r.stdout.splitlines()) == 18  # the stored claims are still shown
    r = runner.invoke(app, ["extract", "-q", "--force", "--db", db, str(SEEDS[0])])
    assert calls == [0, 1]


def test_lite_analyzer_offline_on_the_seeds():
    from claims.nlp.lite_analyzer import get_lite_analyzer, stts

    assert stts("VV(FIN)") == "VVFIN" and stts("ADJ(A)") == "ADJA"
    gold = json.loads((GOLD_DIR / "seeds.json").read_text(encoding="utf-8"))
    res = extract_documents([parse_text(d["text"]) for d in gold], get_lite_analyzer())
    _, total = score(gold, {r.document.sha256: [c.model_dump(mode="json") for c in r.claims] for r in res})
    s = total.scores()
    assert s["claim_f1"] >= 0.9 and s["verification_acc"] == 1.0
    for r, d in zip(res, gold, strict=True):
        for c in r.claims:
            assert d["text"][c.message.start : c.message.end] == c.message.text


def test_auto_falls_back_to_lite_with_a_notice(tmp_path, monkeypatch):
    monkeypatch.delenv("CLAIMS_STANZA_DIR", raising=False)
    r = runner.invoke(app, ["extract", "--no-store", "--analyzer", "auto", "--model-dir", str(tmp_path / "none"), "-f", "jsonl", str(SEEDS[1])])
    assert r.exit_code == 0
    assert "using the lite analyzer" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert len(r.stdout.splitlines()) >= 6


def test_models_commands(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMS_STANZA_DIR", str(MODEL_DIR))
    r = runner.invoke(app, ["models", "path"])
    assert r.stdout.strip() == str(MODEL_DIR)
    r = runner.invoke(app, ["models", "status"])
    assert r.exit_code == 0 and "present" in r.stdout and "depparse" in r.stdout
    r = runner.invoke(app, ["models", "status", "--model-dir", str(tmp_path)])
    assert r.exit_code == 1 and "missing" in r.stdout
    monkeypatch.setattr("stanza.download", lambda *a, **k: (_ for _ in ()).throw(OSError("no network")))
    r = runner.invoke(app, ["models", "download", "--model-dir", str(tmp_path / "m")])
    assert r.exit_code == 1 and "cannot download" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_lite_offsets_and_compound_heads():
    from claims.nlp.lite_analyzer import get_lite_analyzer

    an = get_lite_analyzer()
    text = "Der Bundesverkehrsminister sagte z. B. am 3. Oktober: „Das ist gut.“ Dann ging er."
    # the plain search for offsets agrees with SoMaJo's own alignment
    assert an._tokenize(text) == an._tokenize_aligned(text)
    assert all(text[a:b] == w for s in an._tokenize(text) for w, a, b in s)
    # a long unknown compound takes the tags of its head word; short words go to HanTa
    from claims.nlp.lite_analyzer import _compound_guesser

    seen = []
    guess = _compound_guesser(an._tagger, lambda w: seen.append(w) or [("analysed", 0.0)])
    assert "klimaschutzsonderminister" not in an._tagger.cache
    assert guess("klimaschutzsonderminister") == an._tagger.cache["minister"]
    assert guess("kickl") == [("analysed", 0.0)] and seen == ["kickl"]
    tok = next(t for s in an._sentences("Der Klimaschutzsonderminister sagte das.") for t in s.tokens if t.text.startswith("Klima"))
    assert tok.xpos == "NN"


def test_lite_viterbi_matches_hanta():
    """Our Viterbi over a sentence finds HanTa's own path on real news sentences."""
    from claims.nlp.lite_analyzer import get_lite_analyzer

    an = get_lite_analyzer()
    assert an._viterbi is not None
    text = SEEDS[0].read_text(encoding="utf-8")
    text += " Der Sprecher sagte, man prüfe das. Wie der Sender berichtete, sei er zurückgetreten."
    sents = [[w for w, _, _ in s] for s in an._tokenize(text)]
    assert len(sents) > 5
    for words in sents:
        assert an._viterbi(words) == an._tagger.tag_sent_viterbi(words)


def test_mmap_threshold_is_fixed_unless_the_user_set_it(monkeypatch):
    from claims.nlp import stanza_analyzer as sa

    calls = []

    class FakeLibc:
        def mallopt(self, param, value):
            calls.append((param, value))

    monkeypatch.setattr(sa, "_libc", lambda: FakeLibc())
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    sa.fix_mmap_threshold()
    assert calls == [(sa.M_MMAP_THRESHOLD, 128 * 1024)]
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "65536")
    sa.fix_mmap_threshold()
    assert len(calls) == 1
    monkeypatch.setattr(sa, "_libc", lambda: None)
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_")
    sa.fix_mmap_threshold()  # no glibc: nothing to do, no error
