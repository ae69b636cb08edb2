"""Lexicons: data files shipped inside the package, loaded once and cached.

Each file is a tab-separated table with ``#`` comment lines.  The loader functions
return plain Python containers so that rules stay small and pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _rows(name: str) -> list[list[str]]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@dataclass(frozen=True)
class SpeechVerb:
    lemma: str
    cls: str
    correlate: str | None = None
    frame_only: bool = False  # a cue only in a frame after its content ("…, grinst X")


@lru_cache(maxsize=None)
def speech_verbs() -> dict[str, SpeechVerb]:
    """Speech/thought/writing verbs by lemma (particle verbs as one infinitive)."""
    out = {}
    for row in _rows("speech_verbs.tsv"):
        out[row[0]] = SpeechVerb(row[0], row[1], row[2] if len(row) > 2 and row[2] else None, row[3:4] == ["frame"])
    return out


@dataclass(frozen=True)
class PrepCue:
    words: tuple[str, ...]
    source: str  # after | before | self | anaphor


@lru_cache(maxsize=None)
def prepositional_cues() -> list[PrepCue]:
    """Prepositional/adverbial cues, longest first."""
    cues = [PrepCue(tuple(r[0].split()), r[1]) for r in _rows("prepositional_cues.tsv")]
    return sorted(cues, key=lambda c: -len(c.words))


@lru_cache(maxsize=None)
def prepositional_cues_by_first_word() -> dict[str, list[PrepCue]]:
    """The prepositional cues grouped by their first word, longest first in each group."""
    out: dict[str, list[PrepCue]] = {}
    for cue in prepositional_cues():
        out.setdefault(cue.words[0], []).append(cue)
    return out


@lru_cache(maxsize=None)
def outlets() -> dict[tuple[str, ...], tuple[str, str]]:
    """Named outlets: lower-cased word tuple -> (canonical name, kind). A title with its
    article ("Die Presse") is also found without it ("der Presse", "die Presse")."""
    table = {tuple(r[0].lower().split()): (r[0], r[1]) for r in _rows("outlets.tsv")}
    for words, hit in list(table.items()):
        if len(words) > 1 and words[0] in {"der", "die", "das"}:
            table.setdefault(words[1:], hit)
    return table


@lru_cache(maxsize=None)
def outlet_first_words() -> frozenset[str]:
    """First words of outlet names, with the inflected form of a leading adjective
    ("kleinen" for "Kleine Zeitung")."""
    first = {words[0] for words in outlets()}
    return frozenset(first | {words[0] + "n" for words in outlets() if len(words) > 1 and words[0].endswith("e")})


@lru_cache(maxsize=None)
def media_nouns() -> dict[str, str]:
    """Media and document nouns (lower case) -> type (medium, report, document)."""
    return {r[0].lower(): r[1] for r in _rows("media_nouns.tsv")}


@lru_cache(maxsize=None)
def surname_media_nouns() -> frozenset[str]:
    """Media nouns that are also surnames ("Papier"): outlets only as common nouns."""
    return frozenset(r[0].lower() for r in _rows("media_nouns.tsv") if r[3:4] == ["common"])


@lru_cache(maxsize=None)
def exact_media_nouns() -> frozenset[str]:
    """Media nouns that are outlets only as words of their own ("Agentur", not
    "Grenzschutzagentur")."""
    return frozenset(r[0].lower() for r in _rows("media_nouns.tsv") if r[3:4] == ["exact"])


@lru_cache(maxsize=None)
def media_noun_kinds() -> dict[str, frozenset[str]]:
    """Media nouns (lower case) -> the kinds of named outlet they can refer back to
    ("zeitung" -> newspaper, magazine); nouns that can refer to any kind are left out."""
    return {r[0].lower(): frozenset(r[2].split(",")) for r in _rows("media_nouns.tsv") if len(r) > 2 and r[2] != "-"}


@lru_cache(maxsize=None)
def roles() -> dict[str, str]:
    """Role/title nouns (lower case) -> speaker kind."""
    return {r[0].lower(): r[1] for r in _rows("roles.tsv")}


@lru_cache(maxsize=None)
def place_institutions() -> frozenset[str]:
    """Role nouns of institutions named with their seat ("Staatsanwaltschaft Wien")."""
    return frozenset(r[0].lower() for r in _rows("roles.tsv") if r[2:3] == ["place"])


@lru_cache(maxsize=None)
def given_names() -> dict[str, str]:
    """Given name -> "Masc" or "Fem" (given_names.tsv)."""
    return {r[0]: "Fem" if r[1] == "f" else "Masc" for r in _rows("given_names.tsv")}


@lru_cache(maxsize=None)
def countries() -> dict[str, tuple[str, ...]]:
    """Country name -> nationality adjective stems."""
    return {r[0]: tuple(s for s in r[1].split(",") if s) for r in _rows("countries.tsv")}


@lru_cache(maxsize=None)
def grammar() -> dict[str, frozenset[str]]:
    """Closed word classes: category -> set of lower-case words."""
    out: dict[str, set[str]] = {}
    for cat, word in (r[:2] for r in _rows("grammar.tsv")):
        out.setdefault(cat, set()).add(word)
    return {k: frozenset(v) for k, v in out.items()}


@dataclass(frozen=True)
class VerificationMarker:
    status: str
    scope: str
    pattern: re.Pattern


@lru_cache(maxsize=None)
def verification_markers() -> list[VerificationMarker]:
    return [VerificationMarker(r[0], r[1], re.compile(r[2], re.IGNORECASE)) for r in _rows("verification.tsv")]


_COMPOUND_MEMO: dict[tuple[object, str, int], str | None] = {}
_ENDINGS: dict[object, tuple[dict[str, tuple[str, ...]], tuple[str, ...]]] = {}


def compound_match(word: str, nouns: dict[str, str] | frozenset[str], min_head: int = 4) -> str | None:
    """Return the lexicon noun that ``word`` equals or ends with (as a compound head)."""
    # a word set is its own key; a lexicon dict is loaded once, so its id is stable
    lexicon = nouns if isinstance(nouns, frozenset) else id(nouns)
    key = (lexicon, word, min_head)
    hit = _COMPOUND_MEMO.get(key, _MISSING)
    if hit is _MISSING:
        if len(_COMPOUND_MEMO) >= 20_000:
            _COMPOUND_MEMO.clear()  # bounded, so memory stays flat over long runs
        endings = _ENDINGS.get(lexicon)
        if endings is None:
            # every match ends in a noun, bare or with one of the endings _compound_match
            # strips: the candidates by their last two letters (most words have none),
            # and the shorter ones, which any word may end in
            tails = {n + s for n in nouns for s in _STRIPPED + ("",)}
            by_pair: dict[str, list[str]] = {}
            for t in tails:
                if len(t) >= 2:
                    by_pair.setdefault(t[-2:], []).append(t)
            endings = _ENDINGS[lexicon] = ({k: tuple(v) for k, v in by_pair.items()}, tuple(t for t in tails if len(t) < 2))
        low = word.lower()
        by_pair, short = endings
        fits = low.endswith(by_pair.get(low[-2:], ())) or (bool(short) and low.endswith(short))
        hit = _COMPOUND_MEMO[key] = _compound_match(word, nouns, min_head) if fits else None
    return hit


_MISSING = object()
_STRIPPED = ("en", "n", "s", "e")


def _compound_match(word: str, nouns: dict[str, str] | frozenset[str], min_head: int) -> str | None:
    base = word.lower()
    forms = [base] + [base[: -len(s)] for s in _STRIPPED if base.endswith(s) and len(base) - len(s) >= min_head]
    for w in forms:
        if w in nouns:
            return w
    for w in forms:
        for i in range(1, len(w) - min_head + 1):
            tail = w[i:].lstrip("-")
            if tail in nouns and len(tail) >= min_head:
                return tail
    return None


@lru_cache(maxsize=None)
def verb_forms() -> dict[str, str]:
    """Irregular verb forms -> lemma (without particle)."""
    return {r[0].lower(): r[1] for r in _rows("verb_forms.tsv")}
