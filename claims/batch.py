"""Batch extraction: documents in input order, optionally in parallel worker processes
(each loads its pipeline once), with a progress bar on a terminal."""

from __future__ import annotations

import functools
import itertools
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterable, Iterator

from claims.document import SourceDocument
from claims.models import DocumentResult

BATCH = 8
_WORKER = {}


@dataclass
class DocumentFailure:
    """A document whose extraction raised: its path and what went wrong, in one line.
    :func:`run` yields it in the document's place; the other documents go on."""

    path: str
    error: str


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"extraction failed ({type(exc).__name__}{': ' + text[:300] if text else ''})"


def extract_batch(sources: list[SourceDocument], analyzer) -> list[DocumentResult | DocumentFailure]:
    """The documents of one batch, analysed together; when the batch raises, each
    document again on its own, so that one bad document costs only itself."""
    from claims.pipeline import extract_documents

    try:
        return list(extract_documents(sources, analyzer))
    except Exception as exc:
        if len(sources) == 1:
            return [DocumentFailure(sources[0].path, _describe(exc))]
    out: list[DocumentResult | DocumentFailure] = []
    for src in sources:
        try:
            out.extend(extract_documents([src], analyzer))
        except Exception as exc:
            out.append(DocumentFailure(src.path, _describe(exc)))
    return out


def make_analyzer(kind: str = "stanza", model_dir: str | os.PathLike | None = None, prefilter: bool = True, threads: int | None = None):
    """The analyzer for ``--analyzer``: stanza, lite, or auto (stanza when a model is there)."""
    from claims.nlp import stanza as sa

    if kind == "auto":
        if sa.model_present(sa.resolve_model_dir(model_dir)):
            kind = "stanza"
        else:
            print(f"claims: no stanza model in {sa.resolve_model_dir(model_dir)}; using the lite analyzer (SoMaJo + HanTa)", file=sys.stderr)
            kind = "lite"
    if kind == "lite":
        from claims.nlp.lite import get_lite_analyzer

        return get_lite_analyzer()
    an = sa.get_analyzer(model_dir)  # first: it sets torch's memory options before torch loads
    if threads:
        import torch

        torch.set_num_threads(threads)
    if prefilter:  # lite finds the sentences with a cue; stanza parses only those
        from claims.nlp.lite import get_lite_analyzer
        from claims.prefilter import FocusedAnalyzer, LiteHelper

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
    from claims.nlp.lite import compiled_available

    return not compiled_available()


def _init(kind: str, model_dir, prefilter: bool) -> None:
    """A worker's start: its analyzer, or the error that stopped it, raised again by
    :func:`_work` in the parent (a pool whose initializer fails would start new workers
    for ever)."""
    try:
        tuned = tuned_for_batches()
        tuned.__enter__()  # for the worker's life
        _WORKER["analyzer"] = make_analyzer(kind, model_dir, prefilter, threads=1)
        _WORKER["release"] = _releases_memory(_WORKER["analyzer"])
        freeze_models()
    except Exception as exc:
        _WORKER["error"] = exc


def _releases_memory(analyzer) -> bool:
    """Whether ``analyzer`` runs stanza (whose batches leave torch's memory behind)."""
    from claims.nlp.lite import LiteAnalyzer

    return not isinstance(analyzer, LiteAnalyzer)


# net new container objects between two runs of the garbage collector's young
# generation during a batch run (Python's default: 700)
YOUNG_GENERATION = 100_000
KERNEL_CACHE = ("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "8")
M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
MMAP_THRESHOLD = 128 * 1024  # bytes: larger blocks get their own mapping, given back when freed


@functools.lru_cache(maxsize=1)
def _libc():
    """glibc, or None where there is none (loaded once)."""
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim, libc.mallopt  # noqa: B018 - both must exist
    except (OSError, AttributeError):
        return None
    return libc


@contextmanager
def tuned_for_batches():
    """The process settings of a long batch run, put back afterwards. Only batch runs
    (the CLI, worker processes) change them; the library's ``extract_*`` functions
    leave the host process alone.

    - oneDNN (torch's CPU kernels) caches a compiled kernel per input shape, and the
      parser sees a new shape with almost every batch: a small cache keeps memory flat
      (``ONEDNN_PRIMITIVE_CACHE_CAPACITY``, set before torch loads unless the user set it).
    - glibc raises its mmap threshold each time a large block is freed, so after a while
      torch's tensors of a few MB come from the heap and fragment it; a fixed 128 KB
      gives each its own mapping, returned when freed (unless ``MALLOC_MMAP_THRESHOLD_``
      is set).
    - The cyclic garbage collector's young generation runs every ``YOUNG_GENERATION``
      new objects instead of 700: an article's tokens and records are freed by reference
      counting, so frequent runs walk live objects and free nothing.
    - :func:`freeze_models` and :func:`release_memory` below are called by the run."""
    import gc

    name, value = KERNEL_CACHE
    had_env = name in os.environ
    os.environ.setdefault(name, value)
    libc = _libc()
    if libc is not None and "MALLOC_MMAP_THRESHOLD_" not in os.environ:
        libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], YOUNG_GENERATION), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()
        if not had_env:
            os.environ.pop(name, None)


def freeze_models() -> None:
    """Move the objects that exist now (above all the loaded models, some 370,000 of
    them) out of the cyclic collector's reach for the run: a full collection then takes
    2 ms instead of 165 ms. Reference counting still frees them."""
    import gc

    gc.freeze()


def release_memory() -> None:
    """After a stanza batch: collect, and hand freed heap back to the system (glibc keeps
    the blocks of torch's many differently sized tensors)."""
    import gc

    gc.collect()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


def _work(batch: list[SourceDocument]) -> list[DocumentResult | DocumentFailure]:
    if "error" in _WORKER:
        raise _WORKER["error"]
    out = extract_batch(batch, _WORKER["analyzer"])
    if _WORKER["release"]:
        release_memory()
    return out


def _worker_kind(kind: str, model_dir) -> str:
    """The analyzer the workers load, decided once in the parent: "auto" made "stanza"
    or "lite" (one notice), and a missing stanza model downloaded (or its error raised)
    here rather than in every worker."""
    from claims.nlp import stanza as sa

    present = sa.model_present(sa.resolve_model_dir(model_dir))
    if kind == "auto":
        if present:
            return "stanza"
        make_analyzer(kind, model_dir)
        return "lite"
    if kind == "stanza" and not present:
        sa.get_analyzer(model_dir)  # downloads the model, or raises ModelNotFoundError
    return kind


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


def run(sources: Iterable[SourceDocument], analyzer_kind: str = "stanza", model_dir=None, jobs: int = 1, prefilter: bool = True, progress: bool | None = None, analyzer=None, total: int | None = None) -> Iterator[DocumentResult | DocumentFailure]:
    """Results for ``sources`` in input order; a document whose extraction raised gives
    a :class:`DocumentFailure` in its place. ``sources`` may be a generator: it is
    read a batch at a time (with ``--jobs N``, a few batches per worker ahead), so a long
    run does not hold every text; nothing is loaded when it is empty. ``total`` sizes the
    progress bar."""

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
            with tuned_for_batches():
                an = analyzer or make_analyzer(analyzer_kind, model_dir, prefilter)
                release = _releases_memory(an)
                freeze_models()
                prefetch = getattr(an, "prefetch", None)
                b = next(batches, None)
                while b is not None:
                    nxt = next(batches, None)
                    if nxt is not None and prefetch is not None:
                        prefetch([s.text[s.body_start :] for s in nxt])  # the prefilter's helper starts on it
                    results = extract_batch(b, an)
                    if release:
                        release_memory()
                    for r in results:
                        if bar:
                            bar.update(1)
                        yield r
                    b = nxt
        else:
            import multiprocessing as mp

            analyzer_kind = _worker_kind(analyzer_kind, model_dir)
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
