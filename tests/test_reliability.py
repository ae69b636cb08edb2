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
        spans = [c.message, *(c.message_parts or []), *c.cue, *c.outlets]
        if c.speaker is not None and c.speaker.mention is not None:
            spans.append(c.speaker.mention)
        if c.verification.evidence is not None:
            spans.append(c.verification.evidence)
        for s in spans:
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
