"""Throughput and memory of claims extraction over shared/bench (real German news).

Each configuration runs in its own process, so peak RSS is measured per run:

    .venv/bin/python benchmarks/throughput.py --n 100            # all configurations
    .venv/bin/python benchmarks/throughput.py --n 1000 --only stanza-prefilter-j1

Prints articles/s, sentences/s (sentence-like chunks of the input), claims found and
peak RSS of the extracting process (for --jobs 2 the largest single process); the
prefilter's lite helper process is reported on its own (helper_peak_rss_mb);
lite_c: whether HanTa's C search ran (claims/nlp/lite/_hanta.c).
No storage: this measures extraction only (reading each file, 0.3 ms, is inside the
timing, as in `claims extract`, which also reads its inputs as it goes).

The machine's speed varies by a fifth between runs minutes apart, so one run proves
little: --repeat N runs each configuration N times and prints the median; --against DIR
alternates every run with the same configuration from another checkout (built, e.g. a
`git worktree` of an older commit) and prints the ratio of each pair:
    .venv/bin/python benchmarks/throughput.py --n 1000 --only lite-j1 --repeat 9
    .venv/bin/python benchmarks/throughput.py --n 1000 --only lite-j1 --repeat 4 --against /tmp/base
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench" / "derstandard"
CONFIGS = {
    "stanza-full-j1": dict(analyzer="stanza", prefilter=False, jobs=1),
    # the default: with lite's C part no lite helper process (stanza on two threads, lite in between)
    "stanza-prefilter-j1": dict(analyzer="stanza", prefilter=True, jobs=1),
    # the same with the lite helper process (lite a batch ahead on the second core, stanza on one thread)
    "stanza-prefilter-helper-j1": dict(analyzer="stanza", prefilter=True, jobs=1, helper=True),
    # the same without the helper whatever the default
    "stanza-prefilter-nohelper-j1": dict(analyzer="stanza", prefilter=True, jobs=1, helper=False),
    "stanza-prefilter-j2": dict(analyzer="stanza", prefilter=True, jobs=2),
    "lite-j1": dict(analyzer="lite", prefilter=False, jobs=1),
    "lite-j2": dict(analyzer="lite", prefilter=False, jobs=2),
}


# a closing quotation mark after the full stop stays with its chunk: gaps are white space only
CHUNK_END = re.compile(r"(?<=[.!?:])[\"“”»«']?(?P<gap>\s+)(?=[\"„“»«A-ZÄÖÜ0-9])|(?P<nl>\n+)")


def chunk_text(text: str) -> list[tuple[int, int]]:
    """Sentence-like chunks (start, end) by punctuation and line breaks: the unit of
    sentences/s, the same for every configuration."""
    out, pos = [], 0
    for m in CHUNK_END.finditer(text):
        end = m.start("gap") if m.group("gap") else m.start()
        if end > pos:
            out.append((pos, end))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def run_one(name: str, n: int, bench: Path, model_dir: str | None) -> dict:
    sys.path.insert(0, str(ROOT))
    from claims import batch
    from claims.document import read_document
    from claims.nlp.lite import compiled_available

    cfg = CONFIGS[name]
    if cfg.get("helper") is not None:
        os.environ["CLAIMS_LITE_HELPER"] = "1" if cfg["helper"] else "0"
    paths = sorted(bench.glob("*.txt"))
    paths = (paths * (n // len(paths) + 1))[:n]
    sentences = sum(len(chunk_text(read_document(p).text)) for p in paths)
    docs = (read_document(p) for p in paths)  # read as the run goes, like `claims extract`
    with batch.tuned_for_batches():  # as batch.run has it, from before the model loads
        t0 = time.perf_counter()
        an = batch.make_analyzer(cfg["analyzer"], model_dir, cfg["prefilter"]) if cfg["jobs"] == 1 else None
        load = time.perf_counter() - t0
        t1 = time.perf_counter()
        claims = sum(len(r.claims) for r in batch.run(docs, cfg["analyzer"], model_dir, cfg["jobs"], cfg["prefilter"], progress=False, analyzer=an))
        dt = time.perf_counter() - t1
    # the lite helper's own peak (its getrusage figure would include the parent's size
    # at the fork that started it, before the exec)
    helper_mb = max((h.peak_rss_mb() or 0.0 for h in batch._HELPERS), default=0.0)
    for helper in batch._HELPERS:
        helper.close()
    own, children = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    rss = max(own, children if cfg["jobs"] > 1 else 0)  # --jobs N: the largest worker
    return {"config": name, "articles": n, "seconds": round(dt, 2), "load_seconds": round(load, 2), "articles_per_s": round(n / dt, 2), "sentences_per_s": round(sentences / dt, 1), "claims": claims, "peak_rss_mb": round(rss / 1024, 1), "helper_peak_rss_mb": round(helper_mb, 1), "lite_c": compiled_available()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100, help="articles per run (the corpus repeats when n exceeds it)")
    ap.add_argument("--only", action="append", choices=sorted(CONFIGS), help="run only these configurations")
    ap.add_argument("--bench", type=Path, default=BENCH)
    ap.add_argument("--model-dir", default=os.environ.get("CLAIMS_STANZA_DIR") or str(ROOT.parent / "shared" / "models" / "stanza-de"))
    ap.add_argument("--repeat", type=int, default=1, help="runs of each configuration, one after the other; the median is printed")
    ap.add_argument("--against", type=Path, help="another checkout of claims (built): each run alternates with its benchmark of the same configuration")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.n, args.bench, args.model_dir)))
        return
    rows, other_rows, ratios = [], [], {}
    for name in args.only or list(CONFIGS):
        for _ in range(max(1, args.repeat)):
            row = _run(Path(__file__), name, args)
            if row is None:
                break
            rows.append(row)
            print(json.dumps(row), flush=True)
            if args.against is not None:
                other = _run(args.against / "benchmarks" / "throughput.py", name, args)
                if other is not None:
                    other_rows.append(other)
                    ratios.setdefault(name, []).append(row["articles_per_s"] / other["articles_per_s"])
                    print(json.dumps({"against": str(args.against), **other, "ratio": round(ratios[name][-1], 2)}), flush=True)
    try:
        from tabulate import tabulate

        print(tabulate(rows, headers="keys", tablefmt="github"))
    except ImportError:
        pass
    if args.repeat > 1 or args.against is not None:
        for line in _medians(rows, "this checkout") + _medians(other_rows, str(args.against)):
            print(line)
        for name, rs in ratios.items():
            print(f"{name}: this checkout / {args.against}: median ratio {statistics.median(rs):.2f} over {len(rs)} pairs ({min(rs):.2f}-{max(rs):.2f})")


def _run(script: Path, name: str, args) -> dict | None:
    """One configuration in a process of its own, by ``script`` (this file or another
    checkout's); None (with a line on stderr) when it fails."""
    cmd = [sys.executable, str(script), "--one", name, "--n", str(args.n), "--bench", str(args.bench), "--model-dir", args.model_dir]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        print(f"{name} ({script}): failed: {p.stderr.strip().splitlines()[-1] if p.stderr.strip() else p.returncode}", file=sys.stderr)
        return None
    return json.loads(p.stdout.strip().splitlines()[-1])


def _medians(rows: list[dict], label: str) -> list[str]:
    """One line per configuration: the median articles/s of its runs and their range."""
    out = []
    for name in dict.fromkeys(r["config"] for r in rows):
        speeds = [r["articles_per_s"] for r in rows if r["config"] == name]
        out.append(f"{label}: {name}: median {statistics.median(speeds):.2f} articles/s over {len(speeds)} runs ({min(speeds):.2f}-{max(speeds):.2f})")
    return out


if __name__ == "__main__":
    main()
