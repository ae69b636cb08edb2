"""Batch extraction: documents in input order, optionally in parallel worker processes
(each loads its pipeline once), with a progress bar on a terminal."""

from __future__ import annotations

import itertools
import os
import sys
from contextlib import contextmanager
from typing import Iterable, Iterator

from claims.document import SourceDocument
from claims.models import DocumentResult

BATCH = 8
_WORKER = {}


def make_analyzer(kind: str = "stanza", model_dir: str | os.PathLike | None = None, prefilter: bool = True, threads: int | None = None):
    """The analyzer for ``--analyzer``: stanza, lite, or auto (stanza when a model is there)."""
    from claims.nlp import stanza_analyzer as sa

    if kind == "auto":
        if sa.model_present(sa.resolve_model_dir(model_dir)):
            kind = "stanza"
        else:
            print(f"claims: no stanza model in {sa.resolve_model_dir(model_dir)}; using the lite analyzer (SoMaJo + HanTa)", file=sys.stderr)
            kind = "lite"
    if kind == "lite":
        from claims.nlp.lite_analyzer import get_lite_analyzer

        return get_lite_analyzer()
    an = sa.get_analyzer(model_dir)  # first: it sets torch's memory options before torch loads
    if threads:
        import torch

        torch.set_num_threads(threads)
    if prefilter:  # lite finds the sentences with a cue; stanza parses only those
        from claims.focus import FocusedAnalyzer, LiteHelper
        from claims.nlp.lite_analyzer import get_lite_analyzer

        helper = None
        if threads is None and helper_wanted():
            # lite runs on the second core, a batch ahead; stanza keeps to the first
            import torch

            torch.set_num_threads(1)
            helper = _HELPERS[0] if _HELPERS else LiteHelper()
            _HELPERS[:] = [helper]
        return FocusedAnalyzer(an, get_lite_analyzer(), helper=helper)
    return an


_HELPERS: list = []  # one lite helper process per process, like the analyzers


def helper_wanted() -> bool:
    """A lite helper process for the prefilter, on a second core: $CLAIMS_LITE_HELPER=1
    or 0 decides; by default only when lite runs without its C part. With it, lite
    takes a tenth of the prefiltered run, and stanza on two torch threads gains more
    than the helper's overlap (100 articles: 33.9-34.3 s without, 38.6-38.7 s with the
    helper); in HanTa's pure Python lite costs 2.6 times as much and the helper pays."""
    if (os.cpu_count() or 1) < 2:
        return False
    wanted = os.environ.get("CLAIMS_LITE_HELPER", "")
    if wanted in {"0", "1"}:
        return wanted == "1"
    from claims.nlp.lite_analyzer import compiled_available

    return not compiled_available()


def _init(kind: str, model_dir, prefilter: bool) -> None:
    _WORKER["analyzer"] = make_analyzer(kind, model_dir, prefilter, threads=1)
    _collect_less()  # for the worker's life


# net new container objects between two runs of the garbage collector's young
# generation (Python's default: 700); see _fewer_collections
YOUNG_GENERATION = 100_000


@contextmanager
def _fewer_collections():
    """Let the cyclic garbage collector run less often while documents are extracted.
    An article makes some thousand tokens, sentences and records, all freed by reference
    counting when it is done (lite cuts SoMaJo's only cycles, see
    ``claims.nlp.lite_analyzer``), so a run of the young generation every 700 of them
    walks live objects and frees nothing: over 300 articles the collector ran 877 times
    and collected not one object. With ``YOUNG_GENERATION`` an article's objects are
    gone before a run: over 300 articles it runs no more (with 20,000: 6 times, 0.10 s;
    lite over 100 articles: 2 % fewer instructions). Cycles are still collected, later;
    stanza's batches end with a full collection anyway
    (``claims.nlp.stanza_analyzer.release_memory``). The previous thresholds come back
    afterwards."""
    import gc

    old = _collect_less()
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _collect_less() -> tuple[int, ...]:
    """Raise the young generation's threshold to ``YOUNG_GENERATION``; returns the
    thresholds before."""
    import gc

    old = gc.get_threshold()
    gc.set_threshold(max(old[0], YOUNG_GENERATION), *old[1:])
    return old


def _work(batch: list[SourceDocument]) -> list[DocumentResult]:
    from claims.pipeline import extract_documents

    return extract_documents(batch, _WORKER["analyzer"])


AHEAD = 4  # batches per worker handed out before their results are taken


class _Gate:
    """Lets the pool's feeder thread take a batch only while fewer than ``limit`` are
    out: ``Pool.imap`` would otherwise read the whole input at once."""

    def __init__(self, limit: int) -> None:
        import threading

        self._free = threading.Semaphore(limit)
        self._closed = False

    def over(self, batches: Iterable) -> Iterator:
        for b in batches:
            self._free.acquire()
            if self._closed:
                return
            yield b

    def done(self) -> None:
        self._free.release()

    def close(self) -> None:
        self._closed = True
        self._free.release()  # wakes a waiting feeder, which then stops


def _batches(sources: Iterable[SourceDocument], size: int) -> Iterator[list[SourceDocument]]:
    it = iter(sources)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def run(sources: Iterable[SourceDocument], analyzer_kind: str = "stanza", model_dir=None, jobs: int = 1, prefilter: bool = True, progress: bool | None = None, analyzer=None, total: int | None = None) -> Iterator[DocumentResult]:
    """Results for ``sources`` in input order. ``sources`` may be a generator: it is
    read a batch at a time (with ``--jobs N``, a few batches per worker ahead), so a long
    run does not hold every text; nothing is loaded when it is empty. ``total`` sizes the
    progress bar."""
    from claims.pipeline import extract_documents

    if total is None and hasattr(sources, "__len__"):
        total = len(sources)
    it = iter(sources)
    first = next(it, None)
    if first is None:
        return
    sources = itertools.chain([first], it)
    if progress is None:
        progress = sys.stderr.isatty() and (total is None or total > 1)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=total, unit="doc", file=sys.stderr)
    batches = _batches(sources, BATCH if jobs == 1 else 2)
    try:
        if jobs <= 1:
            an = analyzer or make_analyzer(analyzer_kind, model_dir, prefilter)
            prefetch = getattr(an, "prefetch", None)
            b = next(batches, None)
            with _fewer_collections():
                while b is not None:
                    nxt = next(batches, None)
                    if nxt is not None and prefetch is not None:
                        prefetch([s.text[s.body_start :] for s in nxt])  # the prefilter's helper starts on it
                    for r in extract_documents(b, an):
                        if bar:
                            bar.update(1)
                        yield r
                    b = nxt
        else:
            import multiprocessing as mp

            ctx = mp.get_context("spawn")
            gate = _Gate(AHEAD * jobs)
            with ctx.Pool(jobs, initializer=_init, initargs=(analyzer_kind, str(model_dir) if model_dir else None, prefilter)) as pool:
                try:
                    for rs in pool.imap(_work, gate.over(batches)):
                        gate.done()
                        for r in rs:
                            if bar:
                                bar.update(1)
                            yield r
                finally:
                    gate.close()  # before the pool ends: its feeder thread may wait at the gate
    finally:
        if bar:
            bar.close()
