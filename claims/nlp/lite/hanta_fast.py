"""Faster HanTa for the lite analyzer, with HanTa's own tags and lemmas.

- The C module ``claims.nlp.lite._hanta`` (built from ``_hanta.c`` by ``setup.py``
  when a C compiler is there) runs HanTa's two morphological searches and its sentence
  Viterbi over HanTa's own tables: the same states, sums and tie-breaking.
- Without it, :func:`_fast_viterbi` runs the same sentence search in Python, trying
  only the tags a word can have.
- Word analyses are memoised per word form (:func:`_memo`), and HanTa's ``makelemma``
  keeps the longest suffix per tag instead of recomputing it.
- A long unknown compound takes the tags of its longest known head
  (:func:`_compound_guesser`): this one changes a few tags (99.0 % stay the same over
  200 derStandard articles) and halves the tagging time.

This module knows HanTa's private attributes, so it acts only for the HanTa version
pinned in ``pyproject.toml`` (``HANTA_VERSION``); with another one HanTa's own code
runs, and one notice says so. Any failure of the C part falls back to Python.
"""

from __future__ import annotations

import sys

from claims.nlp.lite.versions import version_supported

HANTA_VERSION = "1.2.1"

_CACHE_LIMIT = 2_000  # entries per memo table; cleared when full, so memory stays flat


def _memo(fn, limit: int = _CACHE_LIMIT):
    """Memoize a pure HanTa method on the instance. HanTa recomputes the morphological
    analysis of every token in every sentence; news repeats its words, so a batch pays
    for each word form once. Two generations of at most ``limit / 2`` entries each: when
    the new one is full it becomes the old one, and an entry found in the old one moves
    back to the new one, so frequent words stay and memory stays flat."""
    tables: list[dict] = [{}, {}]  # new, old
    half = max(1, limit // 2)

    def wrapped(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items()))) if kwargs else args
        new = tables[0]
        hit = new.get(key)
        if hit is None:
            hit = tables[1].get(key)
            if hit is None:
                hit = fn(*args, **kwargs)
            if len(new) >= half:
                tables[1], tables[0] = new, {}
                new = tables[0]
            new[key] = hit
        return hit

    return wrapped


WORD_CACHE = 10_000  # word forms whose tag probabilities are kept
LONG_WORD = 10  # characters; HanTa's morphology costs the square of a word's length


def _compound_guesser(tagger, analyze):
    """HanTa analyses an unknown word morpheme by morpheme, in time growing with the
    square of its length; German news is full of long compounds. A compound takes the
    tags of its head: the longest known word it ends in (``Bundesverkehrsminister`` →
    ``minister``), else the analysis of its last ``LONG_WORD`` characters. Short words go
    through HanTa's own analysis. (Over 200 derStandard articles 99.0 % of the tags stay
    the same and tagging takes 55 % less time; the gold scores of lite do not drop.)"""
    lexicon = getattr(tagger, "cache", None) or {}

    def guess(word):
        if len(word) <= LONG_WORD:
            return analyze(word)
        for k in range(len(word) - 3, 3, -1):  # the head leaves at least three letters in front
            head = lexicon.get(word[-k:])
            if head is not None:
                return head
        return analyze(word[-LONG_WORD:])

    return guess


def _fast_viterbi(tagger, word_probs):
    """HanTa's ``tag_sent_viterbi``, the same path (equal scores resolve the same way),
    but each state tries only the tags its next word can have instead of every
    transition, and a word's tag probabilities are computed once per form and case.
    ``word_probs(word, case_sensitive)`` gives that word's tag log-probabilities. With
    the C module (``tagger._compiled``) the same search runs in C."""
    from HanTa.HanoverTagger import EMPTY, END, START, UNKNOWN

    compiled = getattr(tagger, "_compiled", None)
    if compiled is not None:
        return lambda sent: compiled.tag_sentence([word_probs(w, i > 0) for i, w in enumerate(sent)])
    trans = tagger.LP_trans_word
    lowerbound = -1e6
    ninf = float("-inf")

    def tag(sent: list[str]) -> list[int]:
        backpointer: list[dict] = []
        prevrow: dict = {(EMPTY, START): 0.0}
        for i, w in enumerate(sent):
            wprobs = word_probs(w, i > 0)
            empty = not wprobs or (len(wprobs) == 1 and UNKNOWN in wprobs)
            row: dict = {}
            back: dict = {}
            backpointer.append(back)
            rowbound = sorted(prevrow.values(), reverse=True)[5] - 1 if len(prevrow) > 5 else lowerbound
            for state, lp0 in prevrow.items():
                if lp0 < rowbound:
                    continue
                lp_t = trans[state]
                s1 = state[1]
                if empty:
                    pairs = [(c, lp_tc, 0) for c, lp_tc in lp_t.items() if c != END]
                else:
                    pairs = [(c, lp_t[c], lpwc) for c, lpwc in wprobs.items() if c != END and c in lp_t]
                for c, lp_tc, lpwc in pairs:
                    lp = lp0 + lp_tc + lpwc
                    if lp > lowerbound:
                        newstate = (s1, c)
                        old = row.get(newstate)
                        if old is None or lp > old:
                            row[newstate] = lp
                            back[newstate] = state
            prevrow = row
        final = (END, EMPTY)
        best = ninf
        back = {}
        for state, lp0 in prevrow.items():
            lp = lp0 + trans[state].get(END, ninf)
            if lp > best:
                best = lp
                back[final] = state
        backpointer.append(back)
        tags = []
        state = final
        for i in range(len(backpointer) - 1, 0, -1):
            state = backpointer[i][state]
            tags.append(state[1])
        return tags[::-1]

    return tag


def compiled_available() -> bool:
    """Whether the lite analyzer will run HanTa's searches in C (the module is built and
    $CLAIMS_LITE_C is not 0)."""
    import importlib.util
    import os

    return os.environ.get("CLAIMS_LITE_C", "1") != "0" and importlib.util.find_spec("claims.nlp.lite._hanta") is not None


def _word_probs(tagger):
    """``word_probs(word, case_sensitive)``: HanTa's ``_tag_word`` (cutoff 5, conditional)
    as a dict {tag: log p}; in C (the same sums in the same order, best first) when
    the C module has it."""
    compiled = getattr(tagger, "_compiled", None)
    if compiled is not None and hasattr(compiled, "word_probs") and all(hasattr(tagger, a) for a in ("normalize", "cache", "LP_case_t", "LP_wtag")):
        probs, normalize = compiled.word_probs, tagger.normalize
        cache, lp_case, lp_wtag = tagger.cache, tagger.LP_case_t, tagger.LP_wtag
        # analyze_forward is looked up at each call, as HanTa does (a wrapper set later counts)
        return lambda w, cs: probs(normalize(w), cs, cs and w[0].isupper(), cache, tagger.analyze_forward, lp_case, lp_wtag, 5.0)
    tag_word = tagger._tag_word
    return lambda w, cs: dict(tag_word(w, cutoff=5, casesensitive=cs, conditional=True))


def _use_compiled_morphology(tagger) -> bool:
    """Let HanTa's two morphological searches (``analyze_forward`` for the tags of a word
    form it has not seen, ``analyze_viterbi`` for a lemma) and the sentence Viterbi run
    in C (``claims.nlp.lite._hanta``, built with the package when a C compiler is
    there): the same search over the same tables with the same results. Without the
    module or with ``CLAIMS_LITE_C=0`` HanTa's own Python code runs; so it does, with a
    notice, when the module fails on the tagger's tables."""
    if not compiled_available():
        return False
    try:
        from claims.nlp.lite import _hanta

        model = _hanta.Model(tagger)
    except Exception as exc:  # whatever the C part raises, HanTa's Python code still works
        print(f"claims: lite analyzer: HanTa's C search unavailable ({type(exc).__name__}: {exc}); using HanTa's Python code", file=sys.stderr)
        return False
    strict = bool(getattr(tagger, "strict", False))
    tagger.analyze_forward = lambda word: model.analyze_forward(word, strict)
    tagger.analyze_viterbi = model.analyze_viterbi
    tagger._compiled = model
    return True


def _fast_makelemma(tagger):
    """HanTa's ``makelemma``, unchanged but for the length of the longest lemma suffix of
    a tag, which HanTa recomputes over the whole suffix table at every call (a tenth of
    the lemmas' time) and which is kept here per tag."""
    table = tagger.lemmasuffixtable
    longest_of: dict[str, int] = {}

    def makelemma(stem_morphemes, pos):
        mainpostag = pos.split("(")[0]
        lemma = "".join(stem_morphemes)
        suffix = ""
        lemmasuffices = table.get(mainpostag, [])
        if len(lemmasuffices) > 0:
            longest = longest_of.get(mainpostag)
            if longest is None:
                longest = longest_of[mainpostag] = max(len(e) for e in lemmasuffices)
            if len(lemma) + 1 < longest:
                longest = len(lemma)
            for i in range(longest + 1, 0, -1):
                ending = ("#" + lemma)[-i:]
                if ending in lemmasuffices:
                    suffix = lemmasuffices[ending]
                    break
        if tagger.tag2int.get(pos, 0) in tagger.capitalizedlemmata:
            lemma = lemma[0].upper() + lemma[1:]
        return lemma + suffix

    return makelemma




def speed_up(tagger):
    """Put the speed-ups above into ``tagger`` (a loaded ``HanoverTagger``) and return
    the sentence tagger to use (words -> tag numbers), or None where HanTa's own code
    must run (another HanTa version)."""
    if not version_supported("HanTa", HANTA_VERSION):
        return None
    _use_compiled_morphology(tagger)
    tagger.makelemma = _fast_makelemma(tagger)
    # both are pure functions of their arguments (the model does not change)
    tagger.analyze_forward = _memo(_compound_guesser(tagger, tagger.analyze_forward))
    tagger._analyze = _memo(tagger._analyze)
    return _fast_viterbi(tagger, _memo(_word_probs(tagger), WORD_CACHE))
