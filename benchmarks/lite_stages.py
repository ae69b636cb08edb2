"""Where the lite analyzer's time goes, stage by stage, over shared/bench:

    .venv/bin/python benchmarks/lite_stages.py --n 100

SoMaJo (tokens and sentences), HanTa (tags; within it the morphology of unknown word
forms and the verb lemmas), the rest of the analysis (hyphen compounds, colon
sentences), and the extraction rules. One process, one core, after a warm-up batch;
the timers add about 1 % to the total.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench" / "derstandard"


def timed(obj, name: str, totals: dict, key: str) -> None:
    fn = getattr(obj, name)

    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[key] = totals.get(key, 0.0) + time.perf_counter() - t

    setattr(obj, name, wrapper)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--bench", type=Path, default=BENCH)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from tabulate import tabulate

    from claims import batch
    from claims.document import read_document
    from claims.nlp.lite import get_lite_analyzer

    paths = sorted(args.bench.glob("*.txt"))[: args.n]
    docs = [read_document(p) for p in paths]
    an = get_lite_analyzer()
    totals: dict[str, float] = {}
    timed(an, "analyze_many", totals, "analysis")
    timed(an, "_tokenize", totals, "SoMaJo")
    timed(an, "_tag", totals, "HanTa")
    tagger = an._tagger
    timed(tagger, "analyze_forward", totals, "HanTa: unknown word forms")
    timed(tagger, "_analyze", totals, "HanTa: verb lemmas")
    list(batch.run(docs[:8], "lite", progress=False, analyzer=an))
    totals.clear()
    t = time.perf_counter()
    claims = sum(len(r.claims) for r in batch.run(docs, "lite", progress=False, analyzer=an))
    total = time.perf_counter() - t
    rows = [
        ("SoMaJo", totals.get("SoMaJo", 0.0)),
        ("HanTa", totals.get("HanTa", 0.0)),
        ("  of it: unknown word forms", totals.get("HanTa: unknown word forms", 0.0)),
        ("  of it: verb lemmas", totals.get("HanTa: verb lemmas", 0.0)),
        ("rest of the analysis", totals["analysis"] - totals.get("SoMaJo", 0.0) - totals.get("HanTa", 0.0)),
        ("extraction rules", total - totals["analysis"]),
        ("total", total),
    ]
    print(f"{len(docs)} articles, {claims} claims, {len(docs) / total:.1f} articles/s")
    print(tabulate([(k, round(v, 2), f"{100 * v / total:.0f} %") for k, v in rows], headers=["stage", "seconds", "share"], tablefmt="github"))


if __name__ == "__main__":
    main()
