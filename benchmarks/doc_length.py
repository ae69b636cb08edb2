"""Cost against document length: seconds per MB for single documents of 0.1, 1, 3 and
10 MB, each made of the bench articles (shared/bench, real German news) joined with
blank lines, cycling through them when the size asks for more than the 2.7 MB there are.

    .venv/bin/python benchmarks/doc_length.py                      # lite, 0.1 1 3 10 MB
    .venv/bin/python benchmarks/doc_length.py --analyzer stanza --sizes 0.1 1
    .venv/bin/python benchmarks/doc_length.py --repeat 3

Each size runs in a process of its own (so its peak RSS is its own), inside
``claims.batch.tuned_for_batches()`` as ``claims extract`` runs it; the analyzer is
loaded and warmed before the clock starts. Prints seconds, seconds per MB, claims and
peak RSS per size, and the ratio of the largest to the smallest seconds per MB
(linear cost: close to 1).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench" / "derstandard"

CHILD = r"""
import json, resource, sys, time
from claims import batch
from claims.document import parse_text
from claims.pipeline import extract_document

kind, path = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
with batch.tuned_for_batches():
    analyzer = batch.make_analyzer(kind)
    extract_document(parse_text("Die Regierung teilte mit, sie sei zufrieden."), analyzer)
    t = time.perf_counter()
    result = extract_document(parse_text(text), analyzer)
    seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "claims": len(result.claims), "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def make_document(mb: float, out: Path) -> int:
    """Write a document of about ``mb`` MB (UTF-8) to ``out``; its size in bytes."""
    articles = [p.read_text(encoding="utf-8") for p in sorted(BENCH.glob("*.txt"))]
    parts, size, i = [], 0, 0
    target = int(mb * 1_000_000)
    while size < target:
        a = articles[i % len(articles)]
        parts.append(a)
        size += len(a.encode("utf-8")) + 2
        i += 1
    data = "\n\n".join(parts).encode("utf-8")
    out.write_bytes(data)
    return len(data)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--analyzer", default="lite", choices=["lite", "stanza"])
    ap.add_argument("--sizes", nargs="+", type=float, default=[0.1, 1, 3, 10], help="document sizes in MB")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size; the median is reported")
    ap.add_argument("--tmp", default="/tmp", help="where the documents are written")
    args = ap.parse_args()
    rows = []
    for mb in args.sizes:
        path = Path(args.tmp) / f"claims-doc-{mb:g}MB.txt"
        nbytes = make_document(mb, path)
        runs = []
        for _ in range(args.repeat):
            out = subprocess.run([sys.executable, "-c", CHILD, args.analyzer, str(path)], capture_output=True, text=True, check=True)
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        path.unlink()
        sec = statistics.median(r["seconds"] for r in runs)
        row = {"mb": nbytes / 1e6, "seconds": round(sec, 2), "s_per_mb": round(sec / (nbytes / 1e6), 2), "claims": runs[0]["claims"], "peak_rss_mb": round(max(r["rss_mb"] for r in runs))}
        rows.append(row)
        print(json.dumps(row), flush=True)
    per_mb = [r["s_per_mb"] for r in rows]
    print(json.dumps({"analyzer": args.analyzer, "largest_to_smallest_s_per_mb": round(per_mb[-1] / per_mb[0], 2), "max_to_min_s_per_mb": round(max(per_mb) / min(per_mb), 2)}))


if __name__ == "__main__":
    main()
