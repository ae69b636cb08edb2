"""A labelled set of claim pairs (same / not the same) for the matcher's threshold, built
from real extracted claims:

- same: the message shortened at either end, re-punctuated with other quote marks,
  clauses re-ordered, a word dropped, the case changed; the speaker as named, or by
  surname only;
- not the same: the same words with another number or the negation added or taken
  away (hardest), another statement of the same speaker in the same article, a
  statement of another speaker in the same article (same topic), a claim of another
  article.

    python -m claims.eval.pairs [--tune-docs 300] [--check-docs 150]

chooses the threshold on pairs from the first bench articles and the seeds, and
reports precision and recall on pairs from SpkAtt's check split (other articles).
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from claims.match import normalize, same_claim

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def _variants(msg: str, rng: random.Random) -> list[str]:
    words = msg.split()
    out = []
    if len(words) >= 14:
        out.append(" ".join(words[: max(7, len(words) // 2)]))  # only the first half quoted
    if len(words) >= 10:
        k = max(6, int(len(words) * 0.7))
        out.append(" ".join(words[:k]))  # shortened at the end
        out.append(" ".join(words[len(words) - k :]))  # shortened at the start
    out.append("„" + msg.replace(",", "").replace("\"", "").replace("„", "").replace("“", "") + "“")  # quote marks, commas
    parts = [p for p in msg.split(", ") if p]
    if len(parts) >= 2:
        i = rng.randrange(len(parts) - 1)
        parts[i], parts[i + 1] = parts[i + 1], parts[i]
        out.append(", ".join(parts))  # clauses re-ordered
    if len(words) >= 8:
        j = rng.randrange(1, len(words) - 1)
        out.append(" ".join(words[:j] + words[j + 1 :]))  # a word dropped
    out.append(msg.upper() if rng.random() < 0.5 else msg.lower())
    return out


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _contradictions(msg: str) -> list[str]:
    """The message saying something else in almost the same words: another number, or
    the negation added or taken away."""
    out = []
    m = _NUMBER.search(msg)
    if m:
        n = m.group()
        out.append(msg[: m.start()] + (str(int(n) * 2 + 3) if n.isdigit() else n + "5") + msg[m.end() :])
    words = msg.split()
    if "nicht" in words:
        out.append(" ".join(w for w in words if w != "nicht"))
    elif len(words) >= 4:
        out.append(" ".join(words[:3] + ["nicht"] + words[3:]))
    return out


def build_pairs(claims_by_doc: list[list[tuple[str, str | None]]], seed: int = 7, per_doc: int = 3) -> list[tuple[str, str | None, str, str | None, bool]]:
    """(message, speaker, message, speaker, same) from the claims of each document."""
    rng = random.Random(seed)
    pairs = []
    all_claims = [(d, m, s) for d, cl in enumerate(claims_by_doc) for m, s in cl if len(m.split()) >= 5]
    for d, cl in enumerate(claims_by_doc):
        cl = [(m, s) for m, s in cl if len(m.split()) >= 5]
        if not cl:
            continue
        for m, s in rng.sample(cl, min(per_doc, len(cl))):
            variants = _variants(m, rng)
            for v in rng.sample(variants, min(2, len(variants))):
                other_speaker = s.split()[-1] if s and rng.random() < 0.3 else s
                pairs.append((m, s, v, other_speaker, True))
            same_speaker = [(m2, s2) for m2, s2 in cl if s2 == s and m2 != m and s]
            if same_speaker:
                m2, s2 = rng.choice(same_speaker)
                pairs.append((m, s, m2, s2, False))
            other_speaker = [(m2, s2) for m2, s2 in cl if s2 and s and s2 != s]
            if other_speaker:
                m2, s2 = rng.choice(other_speaker)
                pairs.append((m, s, m2, s2, False))
            for c in _contradictions(m)[:1]:
                pairs.append((m, s, c, s, False))  # same speaker, same words, another statement
            d2, m2, s2 = rng.choice(all_claims)
            if d2 != d:
                pairs.append((m, s, m2, s2, False))
    return pairs


def decide(pair, threshold: float) -> bool:
    m1, s1, m2, s2, _ = pair
    return same_claim(normalize(m1), normalize(m2), s1, s2, threshold)


def scores(pairs, threshold: float) -> tuple[float, float]:
    tp = sum(1 for p in pairs if p[4] and decide(p, threshold))
    fp = sum(1 for p in pairs if not p[4] and decide(p, threshold))
    fn = sum(1 for p in pairs if p[4] and not decide(p, threshold))
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def _claims_of(paths: list[Path], analyzer) -> list[list[tuple[str, str | None]]]:
    from claims.document import read_document
    from claims.pipeline import extract_document

    out = []
    for p in paths:
        doc = extract_document(read_document(p), analyzer)
        out.append([(c.message.text, c.speaker.name if c.speaker else None) for c in doc.claims])
    return out


def _spkatt_claims(n: int, analyzer) -> list[list[tuple[str, str | None]]]:
    from claims.document import parse_text
    from claims.eval.spkatt import check_split, documents, load
    from claims.pipeline import extract_document

    check, _ = check_split(documents(SHARED / "data" / "spkatt-news" / "train" / "task2"))
    out = []
    for p in check[:n]:
        sents = load(p)["Sentences"]
        text = "\n".join(" ".join(t if isinstance(t, str) else t.get("Surface", "") for t in s["Tokens"]) for s in sents)
        doc = extract_document(parse_text(text), analyzer)
        out.append([(c.message.text, c.speaker.name if c.speaker else None) for c in doc.claims])
    return out


def article_pairs(n: int = 300, seed: int = 5) -> tuple[list[float], list[float]]:
    """Token-set ratios of bench articles against their wire copies (a new first
    sentence, the last one cut) and against other articles of the same section."""
    from rapidfuzz import fuzz

    rng = random.Random(seed)
    texts = [(p.stem.split("-", 1)[-1], p.read_text(encoding="utf-8")) for p in sorted((SHARED / "bench" / "derstandard").glob("*.txt"))]
    same = []
    for _, t in rng.sample(texts, min(n, len(texts))):
        sents = re.split(r"(?<=[.!?])\s+", t.strip())
        if len(sents) < 4:
            continue
        copy = "Neu: " + " ".join(rng.choice(sents).split()[:6]) + ". " + " ".join(sents[:-1])
        same.append(fuzz.token_set_ratio(normalize(t), normalize(copy)))
    by_section: dict[str, list[str]] = {}
    for sec, t in texts:
        by_section.setdefault(sec, []).append(t)
    other = []
    for ts in by_section.values():
        for _ in range(40):
            a, b = (normalize(x) for x in rng.sample(ts, 2))
            if min(len(a), len(b)) >= 0.5 * max(len(a), len(b)):
                other.append(fuzz.token_set_ratio(a, b))
    return same, other


def main() -> None:
    ap = argparse.ArgumentParser(description="Choose and check the claim matcher's threshold on labelled pairs.")
    ap.add_argument("--tune-docs", type=int, default=300)
    ap.add_argument("--check-docs", type=int, default=150)
    args = ap.parse_args()
    from claims.nlp.lite import get_lite_analyzer

    an = get_lite_analyzer()
    tune_paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((SHARED / "bench" / "derstandard").glob("*.txt"))[: args.tune_docs]
    tune = build_pairs(_claims_of(tune_paths, an))
    check = build_pairs(_spkatt_claims(args.check_docs, an), seed=11)
    print(f"tuning pairs: {len(tune)} ({sum(p[4] for p in tune)} same); check pairs: {len(check)} ({sum(p[4] for p in check)} same)")
    print("threshold  tuning P / R      check P / R")
    best = None
    for t in range(70, 100, 2):
        p, r = scores(tune, t)
        cp, cr = scores(check, t)
        print(f"{t:9d}  {p:.3f} / {r:.3f}    {cp:.3f} / {cr:.3f}")
        if p >= 0.95 and (best is None or (r, p) >= (best[2], best[1])):
            best = (t, p, r)
    same, other = article_pairs()
    print(f"articles: {len(same)} wire copies (new first sentence, last cut): lowest ratio {min(same):.1f}; {len(other)} other articles of a section: highest {max(other):.1f}; near-copy threshold 85")
    if best:
        print(f"best on the tuning pairs (highest recall, then precision, then threshold): {best[0]} (precision {best[1]:.3f}, recall {best[2]:.3f})")


if __name__ == "__main__":
    main()
