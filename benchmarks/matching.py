"""How fast claims are grouped across outlets (claims/match), and how the time grows.

    .venv/bin/python benchmarks/matching.py [--sizes 10000 30000 100000]

Claims: the messages the lite analyzer finds in the 1,008 bench articles (about 5,100),
grown to each size the way news grows: one claim in five is another outlet's edited copy
of an earlier one (shortened, re-punctuated, clauses swapped), the others are new
statements (halves of two real messages joined); five claims per article. Matched in
batches of 1,000 in one process, as the store does when documents arrive. Reports
seconds, claims/s, the groups found, and the peak memory of the process.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench" / "derstandard"


def real_messages() -> list[tuple[str, str | None]]:
    from claims.document import read_document
    from claims.nlp.lite import get_lite_analyzer
    from claims.pipeline import extract_document

    an = get_lite_analyzer()
    out = []
    for p in sorted(BENCH.glob("*.txt")):
        for c in extract_document(read_document(p), an).claims:
            if len(c.message.text.split()) >= 5:
                out.append((c.message.text, c.speaker.name if c.speaker else None))
    return out


def grow(base: list[tuple[str, str | None]], n: int, seed: int = 3) -> list[tuple[str, str, str, str | None]]:
    from claims.eval.pairs import _variants

    rng = random.Random(seed)
    out: list[tuple[str, str, str, str | None]] = []
    for i in range(n):
        if out and rng.random() < 0.2:
            _, _, msg, spk = rng.choice(out)
            msg = rng.choice(_variants(msg, rng))
        else:
            (m1, spk), (m2, _) = rng.choice(base), rng.choice(base)
            w1, w2 = m1.split(), m2.split()
            msg = " ".join(w1[: max(3, len(w1) // 2)] + w2[len(w2) // 2 :])
        out.append((f"c{i}", f"d{i // 5}", msg, spk))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    args = ap.parse_args()
    from claims.match import Matcher

    t = time.perf_counter()
    base = real_messages()
    print(f"{len(base)} real messages from {BENCH.name} ({time.perf_counter() - t:.1f} s to extract)")
    print("claims    seconds  claims/s  groups of 2+  peak RSS MB")
    for n in args.sizes:
        claims = grow(base, n)
        m = Matcher()
        t = time.perf_counter()
        groups = []
        for k in range(0, n, 1000):
            groups += m.add_many(claims[k : k + 1000])
        dt = time.perf_counter() - t
        sizes: dict[str, int] = {}
        for g in groups:
            sizes[g] = sizes.get(g, 0) + 1
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{n:7d}  {dt:8.1f}  {n / dt:8.0f}  {sum(1 for v in sizes.values() if v > 1):12d}  {rss:11.0f}")


if __name__ == "__main__":
    main()
