"""SpkAtt Task 2: the scorer on hand-made pairs and prediction on a real document."""

import json

import pytest
from typer.testing import CliRunner

from claims.cli import app
from claims.spkatt import ROLES, TaskScores, _hungarian, check_split, documents, predict_document, score_document
from tests.conftest import MODEL_DIR, SPKATT_DIR


def ann(message, cue=(), source=(), form="Indirect", stwr="Speech", nested=False):
    return {"Message": list(message), "Cue": list(cue), "Source": list(source), "Addr": [], "Frame": [], "Form": form, "STWR": stwr, "IsNested": nested, "HasNested": False}


def scores(gold, pred):
    s = TaskScores()
    score_document(gold, pred, s, ROLES)
    return s.summary(ROLES)


def test_identical_is_perfect():
    g = [ann(["0:1", "0:2"], ["0:0"], ["0:3"]), ann(["1:0"], form="Direct")]
    s = scores(g, [dict(a) for a in g])
    assert s["Message"]["f1"] == 100.0 and s["Roles"]["f1"] == 100.0 and s["Joint"]["f1"] == 100.0 and s["Form"]["f1"] == 100.0


def test_disjoint_is_zero():
    s = scores([ann(["0:1", "0:2"], ["0:0"])], [ann(["3:1"], ["3:0"])])
    assert s["Message"]["f1"] == 0.0 and s["Roles"]["f1"] == 0.0


def test_partial_case_worked_out_by_hand():
    # gold message 4 tokens, predicted 3 of them + 1 extra; cue right, source missing
    gold = [ann(["0:1", "0:2", "0:3", "0:4"], ["0:0"], ["0:5", "0:6"])]
    pred = [ann(["0:2", "0:3", "0:4", "0:7"], ["0:0"], [], form="Direct")]
    s = scores(gold, pred)
    assert s["Message"] == {"precision": 75.0, "recall": 75.0, "f1": 75.0}
    # roles: cue tp 1; source fn 2 -> P 1/1, R 1/3
    assert s["Roles"]["precision"] == 100.0 and s["Roles"]["recall"] == 33.33
    # joint: tp 4, fp 1, fn 3 -> P 80, R 57.14
    assert s["Joint"]["precision"] == 80.0 and s["Joint"]["recall"] == 57.14
    # form differs: nothing counts
    assert s["Form"]["f1"] == 0.0
    assert s["recall_by_form"] == {"Indirect": 75.0}


def test_assignment_is_one_to_one_and_maximal():
    assert sorted(_hungarian([[5, 4], [4, 0]])) == [(0, 1), (1, 0)]
    assert _hungarian([[1, 2, 3]]) == [(0, 2)]


def test_check_split_is_fixed():
    paths = documents(SPKATT_DIR / "train" / "task2")
    train, check = check_split(paths)
    assert len(check) == 150 and len(train) == len(paths) - 150
    assert check == check_split(list(reversed(paths)))[1][::-1] or set(check) == set(check_split(list(reversed(paths)))[1])


@pytest.fixture(scope="module")
def trial_doc():
    return json.loads(sorted((SPKATT_DIR / "trial").glob("*.json"))[0].read_text(encoding="utf-8"))


def test_prediction_keeps_tokens_and_finds_speech(analyzer, trial_doc):
    pred = predict_document(trial_doc, analyzer)
    assert pred["Sentences"] == trial_doc["Sentences"]
    ids = {f"{s['SentenceId']}:{i}" for s in trial_doc["Sentences"] for i in range(len(s["Tokens"]))}
    assert pred["Annotations"]
    for a in pred["Annotations"]:
        assert a["Form"] in {"Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported"}
        assert a["STWR"] in {"Speech", "Thought", "Writing", "ST", "SW", "TW"}
        assert set(a["Message"]) <= ids and set(a["Cue"]) <= ids and set(a["Source"]) <= ids


def test_cli_predict_and_score(tmp_path, analyzer, monkeypatch):
    monkeypatch.setenv("CLAIMS_STANZA_DIR", str(MODEL_DIR))
    runner = CliRunner()
    out = tmp_path / "pred"
    r = runner.invoke(app, ["spkatt", "predict", str(SPKATT_DIR / "trial"), str(out)])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.glob("*.json")) == sorted(p.name for p in (SPKATT_DIR / "trial").glob("*.json"))
    r = runner.invoke(app, ["spkatt", "score", "--json", str(SPKATT_DIR / "trial"), str(out)])
    res = json.loads(r.output)
    assert res["documents"] == 2 and res["subtask1"]["Message"]["f1"] > 10
    r = runner.invoke(app, ["spkatt", "score", str(SPKATT_DIR / "trial"), str(SPKATT_DIR / "trial")])
    assert "Joint    100.00  100.00  100.00" in r.output
