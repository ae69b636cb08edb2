"""The prefilter (claims.prefilter): stanza parses only the sentences where lite
finds a cue, and loses nothing on the gold files."""

import json
import sys

import pytest
from typer.testing import CliRunner

from claims import batch
from claims.document import parse_text, read_document
from claims.eval.gold import score
from claims.pipeline import extract_documents
from tests.conftest import GOLD_DIR, SEEDS

runner = CliRunner()


FOCUS_TEXT = (
    "Die Bundeswettbewerbsbehörde hat am Dienstag ihren Bericht vorgelegt. "
    "Die Unternehmen hatten mit Lieferanten Preise abgesprochen, heißt es darin. "
    "Das Wetter war am Dienstag schön.\nNeuer Abschnitt ohne Punkt\n"
    "Der Konzern legte am Montag Zahlen vor. "
    "Über den Kaufpreis sei Stillschweigen vereinbart worden, wurde mitgeteilt. "
    "Laut Polizei gab es keine Verletzten. Die Feuerwehr rückte mit drei Fahrzeugen aus."
)

def test_focus_chooses_the_sentences_with_a_cue():
    from claims.nlp.lite import get_lite_analyzer
    from claims.prefilter import cue_sentences, stretches

    sents = get_lite_analyzer().analyze_many([FOCUS_TEXT])[0]
    # a line without a full stop is a sentence of its own
    assert [FOCUS_TEXT[s.start : s.end] for s in sents][2:5] == ["Das Wetter war am Dienstag schön.", "Neuer Abschnitt ohne Punkt", "Der Konzern legte am Montag Zahlen vor."]
    chosen = cue_sentences(FOCUS_TEXT, sents)
    # "heißt es" (1), "laut" (6); "wurde mitgeteilt" (5) names no speaker, so the
    # sentence before it (4) is parsed too, for its subject
    assert chosen == {1, 4, 5, 6}
    assert stretches(sents, chosen) == [(sents[1].start, sents[1].end), (sents[4].start, sents[6].end)]
    assert stretches(sents, chosen, limit=50) == [(sents[1].start, sents[1].end), (sents[4].start, sents[4].end), (sents[5].start, sents[5].end), (sents[6].start, sents[6].end)]

def test_focused_analyzer_parses_only_where_the_claims_are(analyzer):
    from claims.nlp.lite import get_lite_analyzer
    from claims.prefilter import FocusedAnalyzer

    focused = FocusedAnalyzer(analyzer, get_lite_analyzer())
    sents = focused.analyze_many([FOCUS_TEXT])[0]
    assert [s.index for s in sents] == list(range(8))
    assert [s.paragraph for s in sents] == [0, 0, 0, 1, 2, 2, 2, 2]
    assert [any(t.deprel == "root" for t in s.tokens) for s in sents] == [False, True, False, False, True, True, True, False]
    # offsets point into the text ("am" is stanza's two words "an dem", both at "am")
    assert all(FOCUS_TEXT[t.start : t.end] in (t.text, "am") for s in sents for t in s.tokens)
    full = extract_documents([parse_text(FOCUS_TEXT)], analyzer)[0].claims
    assert extract_documents([parse_text(FOCUS_TEXT)], focused)[0].claims == full and len(full) == 3

def test_lite_helper_prepares_the_next_batch(analyzer, monkeypatch):
    """The helper process does the lite part of the next batch; the claims are the same."""
    from claims.nlp.lite import get_lite_analyzer
    from claims.prefilter import FocusedAnalyzer, LiteHelper

    monkeypatch.setattr(batch, "BATCH", 1)
    sources = [read_document(p) for p in SEEDS] + [parse_text(FOCUS_TEXT)]
    plain = [r.claims for r in batch.run(sources, progress=False, analyzer=FocusedAnalyzer(analyzer, get_lite_analyzer()))]
    helper = LiteHelper()
    try:
        helped = FocusedAnalyzer(analyzer, get_lite_analyzer(), helper=helper)
        assert [r.claims for r in batch.run(sources, progress=False, analyzer=helped)] == plain
        assert helper.used == len(sources) - 1  # every batch but the first
        helped.prefetch(["Ein anderer Text."])
        assert helper.take(["Nicht der Text."]) is None  # only exactly the prefetched texts
        if sys.platform.startswith("linux"):  # the helper's own memory: lite only, not stanza's
            from claims.prefilter import _own_peak_rss_mb

            assert 0 < helper.peak_rss_mb() < _own_peak_rss_mb()
    finally:
        helper.close()

def test_a_long_text_is_numbered_as_one_over_its_pieces(analyzer):
    """A full parse of a text longer than a piece counts paragraphs over the whole text
    (each piece used to start again at 0)."""
    from claims.nlp.lite import get_lite_analyzer
    from claims.nlp.stanza import MAX_PIECE

    line = "Der Sprecher der Polizei sagte am Montag, die Lage sei ruhig."
    n = MAX_PIECE // len(line) + 20
    text = "\n\n".join([line] * n)  # pieces are cut at blank lines
    for an in (analyzer, get_lite_analyzer()):
        sents = an.analyze_many([text])[0]
        assert [(s.index, s.paragraph) for s in sents] == [(k, k) for k in range(n)]

@pytest.mark.parametrize("gold_file", ["seeds.json", "news-dev.json"])
def test_prefilter_loses_nothing_on_gold(analyzer, gold_file):
    from claims.nlp.lite import get_lite_analyzer
    from claims.prefilter import FocusedAnalyzer

    gold = json.loads((GOLD_DIR / gold_file).read_text(encoding="utf-8"))
    sources = [parse_text(d["text"]) for d in gold]
    out = {}
    for name, an in (("full", analyzer), ("focused", FocusedAnalyzer(analyzer, get_lite_analyzer()))):
        res = extract_documents(sources, an)
        _, total = score(gold, {r.document.sha256: [c.model_dump(mode="json") for c in r.claims] for r in res})
        out[name] = total.scores()
    for key in ("claim_f1", "message_token_f1", "speaker_acc", "outlet_f1", "kind_acc", "verification_acc"):
        assert out["focused"][key] >= out["full"][key], key


def test_stanza_sentences_never_run_across_a_line(analyzer):
    """A line is a paragraph for both analyzers: stanza's tokenizer may run a sentence on
    past a closing quotation mark at a line's end; the analyzer cuts it there."""
    text = "Weiter sagte Larson: „Unsere Untersuchungen werden ein offenes Buch sein.“\nDies sagte der Präsident des Unternehmens.\nNeue Zeile ohne Punkt\nDer Konzern legte Zahlen vor."
    sents = analyzer.analyze_many([text])[0]
    assert all("\n" not in text[s.start : s.end] for s in sents)
    assert [s.paragraph for s in sents] == [0, 1, 2, 3]
    assert all(0 <= t.head < len(s.tokens) or t.head == -1 for s in sents for t in s.tokens)
