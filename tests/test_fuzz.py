"""Property tests (Hypothesis) over both analyzers: real sentences from the seeds, the
gold files and SpkAtt's training part, mutated (cut at any word, quote marks, cue words, Unicode of every
category, whitespace only). Whatever the input: no exception, and every span the
extraction reports lies in the document and slices back to its text.

CI runs a bounded number of examples; ``benchmarks/fuzz.sh`` runs the long profile
(``CLAIMS_HYPOTHESIS_PROFILE=long``)."""

from __future__ import annotations

import json
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.document import parse_text
from claims.pipeline import extract_document
from tests.conftest import GOLD_DIR, SEEDS, SPKATT_DIR

settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
settings.register_profile("long", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("CLAIMS_HYPOTHESIS_PROFILE", "ci"))


def _sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    for name in ("seeds.json", "news-dev.json"):
        texts += [d["text"] for d in json.loads((GOLD_DIR / name).read_text(encoding="utf-8"))]
    out = []
    for t in texts:
        out += [s.strip() for s in re.split(r"(?<=[.!?“\"])\s+|\n+", t) if len(s.strip()) > 20]
    # SpkAtt sentences (tokens joined by spaces) from its training part, never the check part
    from claims.eval.spkatt import check_split, documents

    train, _ = check_split(documents(SPKATT_DIR / "train" / "task2"))
    for path in train[:40]:
        for sent in json.loads(path.read_text(encoding="utf-8"))["Sentences"]:
            out.append(" ".join(sent["Tokens"]))
    return out


SENTENCES = _sentences()
QUOTES = list('„“"»«‹›‚‘\'')
CUES = ["sagte", "teilte mit", ", dass", ", ob", "laut", "zufolge", "nach Angaben", "wie", "berichtete", "hieß es", "so", ":", "unter Berufung auf", "demnach"]


@st.composite
def mutated(draw) -> str:
    sents = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3))
    words = " ".join(sents).split(" ")
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["cut", "quote", "cue", "unicode", "space", "newline"]))
        k = draw(st.integers(0, len(words)))
        if op == "cut":
            words = words[:k] if draw(st.booleans()) else words[k:]
        elif op == "quote":
            words.insert(k, draw(st.sampled_from(QUOTES)))
        elif op == "cue":
            words.insert(k, draw(st.sampled_from(CUES)))
        elif op == "unicode":
            words.insert(k, draw(st.text(st.characters(codec="utf-8"), min_size=1, max_size=4)))
        elif op == "space":
            words.insert(k, draw(st.sampled_from(["\t", "\u00a0", "\u2009", "\u200b", "  ", "\r"])))
        else:
            words.insert(k, "\n")
    return " ".join(words)


def _check(text: str, analyzer) -> None:
    claims = extract_document(parse_text(text), analyzer).claims
    for c in claims:
        for _, s in c.spans():
            assert 0 <= s.start <= s.end <= len(text), (s, len(text))
            assert text[s.start : s.end] == s.text


@given(text=mutated())
def test_lite_never_raises_and_spans_slice_back(text):
    from claims.nlp.lite import get_lite_analyzer

    _check(text, get_lite_analyzer())


@given(text=st.one_of(mutated(), st.text(st.characters(codec="utf-8"), max_size=200), st.sampled_from(["", " ", "\n\n", "\t \u00a0"])))
def test_lite_on_arbitrary_text(text):
    from claims.nlp.lite import get_lite_analyzer

    _check(text, get_lite_analyzer())


@pytest.mark.slow
@settings(max_examples=40)
@given(text=mutated())
def test_stanza_never_raises_and_spans_slice_back(text):
    from claims.nlp.stanza import get_analyzer
    from tests.conftest import MODEL_DIR

    _check(text, get_analyzer(MODEL_DIR, download=False))
