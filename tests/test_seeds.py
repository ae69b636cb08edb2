"""The seeds end to end against the hand-annotated gold."""

import json

import pytest

from claims.document import parse_text
from claims.eval.gold import names_match, pair_claims, score
from claims.pipeline import extract_document
from tests.conftest import GOLD_DIR


@pytest.fixture(scope="module")
def seed_results(analyzer):
    gold = json.loads((GOLD_DIR / "seeds.json").read_text(encoding="utf-8"))
    preds = {}
    for d in gold:
        r = extract_document(parse_text(d["text"], path=d["file"]), analyzer)
        assert r.document.sha256 == d["sha256"]
        preds[d["sha256"]] = [c.model_dump(mode="json") for c in r.claims]
    return gold, preds


def test_seed_scores_meet_targets(seed_results):
    gold, preds = seed_results
    _, total = score(gold, preds)
    s = total.scores()
    assert s["claim_f1"] >= 0.9
    assert s["speaker_acc"] >= 0.9
    assert s["outlet_f1"] >= 0.8
    assert s["verification_acc"] == 1.0


def test_every_seed_claim_comes_out_right(seed_results):
    gold, preds = seed_results
    for d in gold:
        pred = preds[d["sha256"]]
        pairs = dict(pair_claims(d["claims"], pred))
        for i, g in enumerate(d["claims"]):
            assert i in pairs, f"{d['doc_id']} {g['id']} missed"
            p = pred[pairs[i]]
            assert names_match(g["speaker"]["name"] if g["speaker"] else None, p["speaker"]["name"] if p["speaker"] else None), g["id"]
            assert p["kind"] == g["kind"], g["id"]
            assert p["verification"]["status"] == g["verification"], g["id"]
            assert len(p["outlets"]) == len(g["outlets"]), g["id"]
            assert (p["continuation_of"] is None) == (g["continuation_of"] is None), g["id"]
        assert len(pred) == len(d["claims"])


def test_seed_document_fields(seed_results):
    gold, _ = seed_results
    for d in gold:
        doc = parse_text(d["text"])
        assert doc.publisher == d["publisher"] and doc.date == d["date"] and doc.title == d["title"]


def test_minister_chain_in_seed_000(seed_results):
    gold, preds = seed_results
    pred = preds[gold[0]["sha256"]]
    c = next(p for p in pred if p["message"]["text"].startswith("China ist bereit"))
    assert c["speaker"]["name"] == "Li Shangfu"
    assert c["outlets"][0]["name"] == "CCTV News"
    text = gold[0]["text"]
    for p in pred:
        assert text[p["message"]["start"] : p["message"]["end"]] == p["message"]["text"]
