"""The gold metric of ``shared/gold/README.md`` (section 4).

Claims are paired one-to-one, greedily, by message overlap / shorter length >= 0.5,
or — when the messages do not overlap at all — by overlapping cues.  Reported per
document and micro-averaged: claim P/R/F1, message token P/R/F1, and on matched
claims speaker accuracy, outlet F1, kind and verification accuracy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ARTICLES = {"der", "die", "das", "den", "dem", "des"}
WORD = re.compile(r"\w+")


def names_match(a: str | None, b: str | None) -> bool:
    """Lenient name match: case-insensitive, articles ignored, equal or same last word or containment."""
    if a is None or b is None:
        return a is None and b is None
    wa = [w for w in a.lower().split() if w not in ARTICLES]
    wb = [w for w in b.lower().split() if w not in ARTICLES]
    if not wa or not wb:
        return wa == wb
    sa, sb = " ".join(wa), " ".join(wb)
    return sa == sb or wa[-1] == wb[-1] or sa in sb or sb in sa


def _spans(c: dict) -> list[tuple[int, int]]:
    parts = c.get("message_parts")
    if parts:
        return [(p["start"], p["end"]) for p in parts]
    return [(c["message"]["start"], c["message"]["end"])]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _speaker_name(c: dict) -> str | None:
    sp = c.get("speaker")
    return sp.get("name") if sp else None


def _status(c: dict) -> str:
    v = c.get("verification")
    if isinstance(v, dict):
        return v.get("status", "unverified")
    return v or "unverified"


def pair_claims(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    cands = []
    for i, g in enumerate(gold):
        gm = (g["message"]["start"], g["message"]["end"])
        for j, p in enumerate(pred):
            pm = (p["message"]["start"], p["message"]["end"])
            ov = _overlap(gm, pm)
            shorter = max(1, min(gm[1] - gm[0], pm[1] - pm[0]))
            if ov > 0 and ov / shorter >= 0.5:
                cands.append((ov / shorter, ov, i, j))
    cands.sort(key=lambda x: (-x[0], -x[1], x[2], x[3]))
    used_g, used_p, pairs = set(), set(), []
    for _, _, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    # messages that do not overlap at all: pair by overlapping cues
    for i, g in enumerate(gold):
        if i in used_g:
            continue
        gm = (g["message"]["start"], g["message"]["end"])
        for j, p in enumerate(pred):
            if j in used_p:
                continue
            pm = (p["message"]["start"], p["message"]["end"])
            if _overlap(gm, pm) > 0:
                continue
            if any(_overlap((a["start"], a["end"]), (b["start"], b["end"])) > 0 for a in g.get("cue", []) for b in p.get("cue", [])):
                used_g.add(i)
                used_p.add(j)
                pairs.append((i, j))
                break
    return sorted(pairs)


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    matched: int = 0
    tok_gold: int = 0
    tok_pred: int = 0
    tok_both: int = 0
    speaker_ok: int = 0
    kind_ok: int = 0
    verif_ok: int = 0
    out_gold: int = 0
    out_pred: int = 0
    out_both: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, o: Counts) -> None:
        for k in ("gold", "pred", "matched", "tok_gold", "tok_pred", "tok_both", "speaker_ok", "kind_ok", "verif_ok", "out_gold", "out_pred", "out_both"):
            setattr(self, k, getattr(self, k) + getattr(o, k))

    @staticmethod
    def _prf(tp: int, np_: int, ng: int) -> tuple[float, float, float]:
        p = tp / np_ if np_ else (1.0 if ng == 0 else 0.0)
        r = tp / ng if ng else (1.0 if np_ == 0 else 0.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def scores(self) -> dict[str, float]:
        cp, cr, cf = self._prf(self.matched, self.pred, self.gold)
        tp, tr, tf = self._prf(self.tok_both, self.tok_pred, self.tok_gold)
        op, orr, of = self._prf(self.out_both, self.out_pred, self.out_gold)
        m = self.matched or 1
        return {
            "gold": self.gold,
            "pred": self.pred,
            "matched": self.matched,
            "claim_p": cp,
            "claim_r": cr,
            "claim_f1": cf,
            "message_token_p": tp,
            "message_token_r": tr,
            "message_token_f1": tf,
            "speaker_acc": self.speaker_ok / m if self.matched else 0.0,
            "outlet_p": op,
            "outlet_r": orr,
            "outlet_f1": of,
            "kind_acc": self.kind_ok / m if self.matched else 0.0,
            "verification_acc": self.verif_ok / m if self.matched else 0.0,
        }


def _tokens(text: str, spans: list[tuple[int, int]]) -> set[int]:
    out = set()
    for m in WORD.finditer(text):
        if any(a <= m.start() and m.end() <= b for a, b in spans):
            out.add(m.start())
    return out


def score_document(text: str, gold: list[dict], pred: list[dict]) -> Counts:
    c = Counts(gold=len(gold), pred=len(pred))
    gs = _tokens(text, [s for g in gold for s in _spans(g)])
    ps = _tokens(text, [s for p in pred for s in _spans(p)])
    c.tok_gold, c.tok_pred, c.tok_both = len(gs), len(ps), len(gs & ps)
    for i, j in pair_claims(gold, pred):
        g, p = gold[i], pred[j]
        c.matched += 1
        if names_match(_speaker_name(g), _speaker_name(p)):
            c.speaker_ok += 1
        else:
            c.errors.append(f"speaker {g['id']}: gold={_speaker_name(g)!r} pred={_speaker_name(p)!r}")
        if g["kind"] == p["kind"]:
            c.kind_ok += 1
        else:
            c.errors.append(f"kind {g['id']}: gold={g['kind']} pred={p['kind']}")
        if _status(g) == _status(p):
            c.verif_ok += 1
        else:
            c.errors.append(f"verification {g['id']}: gold={_status(g)} pred={_status(p)}")
        go = [o["name"] for o in g.get("outlets", [])]
        po = [o["name"] for o in p.get("outlets", [])]
        c.out_gold += len(go)
        c.out_pred += len(po)
        used = set()
        for a in go:
            for k, b in enumerate(po):
                if k not in used and names_match(a, b):
                    used.add(k)
                    c.out_both += 1
                    break
        if len(used) != len(go) or len(po) != len(go):
            c.errors.append(f"outlets {g['id']}: gold={go} pred={po}")
    paired_g = {i for i, _ in pair_claims(gold, pred)}
    paired_p = {j for _, j in pair_claims(gold, pred)}
    for i, g in enumerate(gold):
        if i not in paired_g:
            c.errors.append(f"missed {g['id']}: {g['message']['text'][:80]!r}")
    for j, p in enumerate(pred):
        if j not in paired_p:
            c.errors.append(f"spurious: {p['message']['text'][:80]!r}")
    return c


def score(gold_docs: list[dict], predictions: dict[str, list[dict]]) -> tuple[dict[str, Counts], Counts]:
    """``predictions`` maps a document sha256 to its predicted claims (as dicts)."""
    per_doc: dict[str, Counts] = {}
    total = Counts()
    for doc in gold_docs:
        pred = predictions.get(doc["sha256"], [])
        c = score_document(doc["text"], doc["claims"], pred)
        per_doc[doc.get("doc_id") or doc["sha256"]] = c
        total.add(c)
    return per_doc, total
