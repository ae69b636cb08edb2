"""The prefilter: stanza parses only the sentences where the claims are.

The lite analyzer (SoMaJo + HanTa, about a tenth of stanza's time per sentence) tags
the whole document and the cue rules run over it. Stanza then parses only

- the sentences in which the rules find a cue (or a cue-less quotation),
- the sentences that the claim's message covers, and
- the sentence before a cue whose speaker is not in its own sentence: "Das
  Unternehmen legte Zahlen vor. Der Umsatz sei gestiegen, hieß es." takes its
  speaker from the subject of the sentence before, which needs the parse.

Every other sentence keeps its lite analysis, so speaker resolution, outlets and
continuations still see the whole document; the rules fall back to surface patterns,
sentence by sentence, where there is no parse. Stanza tokenises and splits the chosen
stretches itself, so a parsed sentence is the same as in a full parse.

On a machine with a second core, a :class:`LiteHelper` process does the lite part of
the next batch while stanza parses this one (stanza then keeps to one thread).
"""

from __future__ import annotations

import atexit

from claims.nlp.model import ParsedDoc, Sentence
from claims.nlp.normalize import renumber
from claims.nlp.stanza import MAX_PIECE  # stretches are bounded like stanza's paragraph pieces


def cue_sentences(text: str, sentences: list[Sentence], before: int = 1) -> set[int]:
    """Indices of the ``sentences`` (an analysis of ``text``) that stanza should parse:
    every sentence with a cue, every sentence a message covers, and up to ``before``
    sentences before a cue whose speaker must come from there."""
    from claims.pipeline import find_drafts
    from claims.rules.quotes import find_quotes

    chosen: set[int] = set()
    for d in find_drafts(ParsedDoc(text, sentences), find_quotes(text)):
        chosen.add(d.sent)
        chosen.update(s.index for s in sentences if s.start < d.message[1] and d.message[0] < s.end)
        if d.speaker is None and d.speaker_hint == "prev_subject":
            chosen.update(range(max(0, d.sent - before), d.sent))
    return chosen


def stretches(sentences: list[Sentence], chosen: set[int], limit: int = MAX_PIECE) -> list[tuple[int, int]]:
    """Character stretches (start, end) of runs of consecutive chosen sentences, each at
    most ``limit`` characters long unless a single sentence is longer."""
    out: list[tuple[int, int]] = []
    first = None
    for k, s in enumerate(sentences):
        if k in chosen:
            if first is not None and s.end - sentences[first].start > limit:
                out.append((sentences[first].start, sentences[k - 1].end))
                first = None
            first = k if first is None else first
        elif first is not None:
            out.append((sentences[first].start, sentences[k - 1].end))
            first = None
    if first is not None:
        out.append((sentences[first].start, sentences[-1].end))
    return out


def merge(text: str, base: list[Sentence], parsed: list[Sentence], spans: list[tuple[int, int]]) -> list[Sentence]:
    """The ``base`` sentences outside ``spans`` and the ``parsed`` ones (which cover
    them), in text order, numbered again, with paragraphs counted again."""
    keep = [s for s in base if not any(a <= s.start < b for a, b in spans)]
    return renumber(sorted(keep + parsed, key=lambda s: s.start), text)


def choose(texts: list[str], lite, before: int = 1) -> tuple[list[list[Sentence]], list[list[tuple[int, int]]]]:
    """The lite analysis of ``texts`` and the stretches stanza should parse in each."""
    lite_docs = lite.analyze_many(texts)
    return lite_docs, [stretches(sents, cue_sentences(t, sents, before)) for t, sents in zip(texts, lite_docs, strict=True)]


def _helper_work(texts: list[str], before: int):
    from claims.nlp.lite import get_lite_analyzer

    return choose(texts, get_lite_analyzer(), before)


def _own_peak_rss_mb() -> float | None:
    """This process's peak resident memory since it started its program (VmHWM, Linux).
    getrusage would report the parent's size at the fork before the exec."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


class LiteHelper:
    """A second process that runs :func:`choose` on the next batch while this process
    parses the current one with stanza. Lite is pure Python and holds the interpreter
    lock, so a thread would not help; stanza's parse leaves the second core free when
    torch keeps to one thread (7–9 % slower than two)."""

    def __init__(self, before: int = 1) -> None:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        self.before = before
        self._pool = ProcessPoolExecutor(1, mp_context=mp.get_context("spawn"))
        atexit.register(self.close)  # before the interpreter tears its modules down
        self._pending: list[tuple[list[str], object]] = []  # submitted, oldest first
        self.used = 0  # batches whose lite part came from the helper

    def submit(self, texts: list[str]) -> None:
        self._pending.append((list(texts), self._pool.submit(_helper_work, list(texts), self.before)))
        for _, stale in self._pending[:-2]:  # only the batch being parsed and the next one
            stale.cancel()
        del self._pending[:-2]

    def take(self, texts: list[str]):
        """The helper's result for exactly these texts, or None (not submitted, or the
        helper failed: the caller then does the work itself)."""
        k = next((k for k, (t, _) in enumerate(self._pending) if t == list(texts)), None)
        if k is None:
            return None
        future = self._pending[k][1]
        del self._pending[: k + 1]
        try:
            out = future.result()
        except Exception:  # a broken helper costs speed, not results
            return None
        self.used += 1
        return out

    def peak_rss_mb(self) -> float | None:
        """The helper process's peak resident memory in MB (None where unknown)."""
        try:
            return self._pool.submit(_own_peak_rss_mb).result()
        except Exception:
            return None

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class FocusedAnalyzer:
    """Lite everywhere, stanza where the claims are (see the module's docstring). Same
    interface as the stanza analyzer, plus :meth:`prefetch`."""

    def __init__(self, stanza, lite, before: int = 1, helper: LiteHelper | None = None):
        self.stanza = stanza
        self.lite = lite
        self.before = before
        self.helper = helper

    @property
    def has_ner(self) -> bool:
        return self.stanza.has_ner

    def prefetch(self, texts: list[str]) -> None:
        """Texts the next :meth:`analyze_many` call will get: the helper starts on them."""
        if self.helper is not None:
            self.helper.submit(texts)

    def analyze_many(self, texts: list[str]) -> list[list[Sentence]]:
        got = self.helper.take(texts) if self.helper is not None else None
        lite_docs, spans = got if got is not None else choose(texts, self.lite, self.before)
        parsed = self.stanza.analyze_spans(texts, [(ti, a, b) for ti, sp in enumerate(spans) for a, b in sp])
        return [merge(t, base, p, sp) for t, base, p, sp in zip(texts, lite_docs, parsed, spans, strict=True)]

    def analyze_pretokenized(self, sentences: list[list[str]]):
        """Pre-tokenised input (SpkAtt) is parsed in full."""
        return self.stanza.analyze_pretokenized(sentences)
