"""Pages per second for reading web pages: HTML to document alone (decoding, trafilatura,
language check), and end to end with the lite analyzer (page to stored-ready claims).

    .venv/bin/python benchmarks/html_pages.py [--rounds 10] [--repeat 3]

Input: the 15 saved pages of shared/html/pages (3 KB to 400 KB of HTML each), read
``--rounds`` times per measurement; the median of ``--repeat`` measurements is reported.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT.parent / "shared" / "html" / "pages").glob("*.html"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from claims.nlp.lite import get_lite_analyzer
    from claims.pipeline import extract_document
    from claims.web.page import page_document

    data = [(p.read_bytes(), p.name) for p in PAGES]
    an = get_lite_analyzer()
    page_document(*data[0])  # imports and warm-up
    extract_document(page_document(*data[0]), an)

    def html_only() -> None:
        for _ in range(args.rounds):
            for raw, name in data:
                page_document(raw, name)

    def end_to_end() -> None:
        for _ in range(args.rounds):
            for raw, name in data:
                extract_document(page_document(raw, name), an)

    n = args.rounds * len(data)
    print(f"{len(data)} pages ({sum(len(r) for r, _ in data) / 1e6:.1f} MB of HTML), {args.rounds} rounds, median of {args.repeat}")
    for label, fn in (("HTML to document", html_only), ("end to end, lite", end_to_end)):
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        med = statistics.median(times)
        print(f"{label:<20} {n / med:7.1f} pages/s  ({med:.2f} s for {n} pages)")


if __name__ == "__main__":
    main()
