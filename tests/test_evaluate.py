from claims.eval.gold import names_match, pair_claims, score_document


def claim(cid, start, end, speaker=None, kind="direct", cue=None, outlets=(), status="unverified"):
    return {
        "id": cid,
        "message": {"start": start, "end": end, "text": ""},
        "cue": cue or [],
        "speaker": {"name": speaker} if speaker else None,
        "outlets": [{"name": o} for o in outlets],
        "kind": kind,
        "verification": status,
    }


def test_lenient_names():
    assert names_match("Li Shangfu", "Li Shangfu")
    assert names_match("die norwegische Polizei", "norwegische Polizei")
    assert names_match("ein ukrainischer Beamter", "ukrainischer Beamter")
    assert names_match("Mitteilung von ver.di", "Mitteilung")
    assert names_match("Sergej Schoigu", "Schoigu")
    assert not names_match("Wladimir Putin", "Li Shangfu")
    assert names_match(None, None) and not names_match("X", None)


def test_pairing_by_overlap_then_cue():
    gold = [claim("c1", 0, 10), claim("c2", 20, 30, cue=[{"start": 40, "end": 45}])]
    pred = [claim("p1", 2, 9), claim("p2", 50, 60, cue=[{"start": 41, "end": 44}])]
    assert pair_claims(gold, pred) == [(0, 0), (1, 1)]


def test_identical_scores_one():
    text = "Er sagte, es sei gut. Sie sagte, es sei schlecht."
    gold = [claim("c1", 10, 20, "A", outlets=["X"]), claim("c2", 33, 48, "B")]
    c = score_document(text, gold, [dict(g) for g in gold]).scores()
    assert c["claim_f1"] == 1.0 and c["speaker_acc"] == 1.0 and c["outlet_f1"] == 1.0 and c["message_token_f1"] == 1.0


def test_disjoint_scores_zero():
    text = "Er sagte, es sei gut. Sie sagte, es sei schlecht."
    c = score_document(text, [claim("c1", 10, 20)], [claim("p1", 33, 48)]).scores()
    assert c["claim_f1"] == 0.0 and c["message_token_f1"] == 0.0


def test_partial_case_by_hand():
    # gold: "es sei gut" (3 words); prediction: "sagte, es sei gut" (4 words) and a spurious one
    text = "Er sagte, es sei gut. Sie lacht."
    gold = [claim("c1", 10, 20, "A", kind="indirect")]
    pred = [claim("p1", 3, 20, "B", kind="indirect"), claim("p2", 22, 31)]
    s = score_document(text, gold, pred).scores()
    assert s["claim_p"] == 0.5 and s["claim_r"] == 1.0
    assert abs(s["claim_f1"] - 2 / 3) < 1e-9
    assert s["message_token_p"] == 3 / 6 and s["message_token_r"] == 1.0
    assert s["speaker_acc"] == 0.0 and s["kind_acc"] == 1.0
