"""A cheap prefilter on word forms: which sentences can hold a claim.

The text is cut into sentence-like chunks by punctuation; a chunk is a candidate
when it has a quotation mark or colon, an inflected form of a speech verb, a
prepositional cue, ``heißt es``, ``, so``, or a Konjunktiv form. Candidates, their
neighbours (speaker resolution, continuations) and the lead are parsed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from claims import lexicons

QUOTES = set("„“”\"«»")
K1_FORMS = {"habe", "sei", "seien", "werde", "könne", "müsse", "solle", "wolle", "dürfe", "gebe", "liege", "stehe", "gehe", "komme", "brauche", "bleibe", "wisse", "lasse", "mache", "gelte", "fehle"}
SUFFIXES = ("", "e", "en", "t", "te", "ten", "et", "ete", "eten", "st", "est", "end", "n")
PARTICLES = ("mit", "vor", "zu", "aus", "an", "ein", "zurück", "fest", "hin", "hinzu", "bekannt", "klar", "ab", "auf", "dar", "hervor", "voraus")
# a closing quotation mark after the full stop stays with its chunk: gaps are white space only
CHUNK_END = re.compile(r"(?<=[.!?:])[\"“”»«']?(?P<gap>\s+)(?=[\"„“»«A-ZÄÖÜ0-9])|(?P<nl>\n+)")
WORD = re.compile(r"\w+(?:[-.]\w+)*|[^\w\s]")


@lru_cache(maxsize=None)
def _lexicon() -> tuple[frozenset[str], frozenset[str], dict[str, frozenset[str]]]:
    exact: set[str] = set(lexicons.verb_forms())
    stems: set[str] = set()
    split: dict[str, set[str]] = {}  # stem of a particle verb -> particles it needs in the chunk
    for lemma in lexicons.speech_verbs():
        base = lemma[:-2] if lemma.endswith("en") else lemma[:-1] if lemma.endswith("n") else lemma
        stems.add(base)
        for part in PARTICLES:
            if base.startswith(part) and len(base) - len(part) >= 3:
                split.setdefault(base[len(part) :], set()).add(part)
    for cue in lexicons.prepositional_cues():
        exact.update(cue.words[:1] if cue.words[0] not in {"nach", "den", "unter"} else ())
        exact.update(w for w in cue.words if w in {"angaben", "berufung", "zufolge"})
    exact.update({"heißt", "hieß", "hieße", "laut", "zufolge", "demnach", "gemäß", "ich", "wir", "soll", "sollen"} | lexicons.grammar().get("konj2", frozenset()) | K1_FORMS)
    return frozenset(exact), frozenset(stems), {k: frozenset(v) for k, v in split.items()}


def _verb_form(low: str, stems: frozenset[str]) -> bool:
    for cand in (low, low[2:] if low.startswith("ge") else None, low.replace("ge", "", 1) if "ge" in low[1:6] else None):
        if not cand:
            continue
        for suf in SUFFIXES:
            if suf and not cand.endswith(suf):
                continue
            stem = cand[: len(cand) - len(suf)] if suf else cand
            if stem in stems:
                return True
    return False


def is_candidate(words: list[str]) -> bool:
    exact, stems, split = _lexicon()
    lowered = {w.lower() for w in words}
    for k, w in enumerate(words):
        low = w.lower()
        if low in exact or w in QUOTES or any(ch in QUOTES for ch in w) or w == ":":
            return True
        if low == "so" and k > 0 and words[k - 1] == ",":
            return True
        if low.endswith("angaben"):
            return True
        if _verb_form(low, stems):
            return True
        # "teilte … mit": the base verb counts only with its particle in the chunk
        parts = {p for stem_parts in (split.get(low[: len(low) - len(suf)]) for suf in SUFFIXES if low.endswith(suf)) if stem_parts for p in stem_parts}
        if parts & lowered:
            return True
    return False


def chunk_text(text: str) -> list[tuple[int, int]]:
    """Sentence-like chunks (start, end) by punctuation and line breaks."""
    out, pos = [], 0
    for m in CHUNK_END.finditer(text):
        end = m.start("gap") if m.group("gap") else m.start()
        if end > pos:
            out.append((pos, end))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def words_of(text: str) -> list[str]:
    return WORD.findall(text)


def select_sentences(sentences: list[list[str]], context: int = 1) -> set[int]:
    # the sentence before a candidate is kept (implicit speakers, relayed reports); a
    # continuation is a candidate of its own (Konjunktiv, quotation, first person)
    """Indices of the sentences to parse: candidates, their neighbours and the lead."""
    n = len(sentences)
    chosen: set[int] = set(range(min(2, n)))
    for k, words in enumerate(sentences):
        if is_candidate(words):
            chosen.update(range(max(0, k - context), min(n, k + context + 1)))
    return chosen
