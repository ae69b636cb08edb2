"""Verification status from the text: unverifiable, disputed, confirmed or unverified.

Markers are regular expressions kept in ``lexicons/verification.tsv``; each has a
scope that says which claim it speaks about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claims import lexicons
from claims.grammar import syntax as sx
from claims.nlp.model import ParsedDoc


@dataclass
class Finding:
    claim: int  # index into the claim list
    status: str
    evidence: tuple[int, int]


def find_verification(doc: ParsedDoc, messages: list[tuple[int, int]], cue_sents: list[int | None], classes: list[str | None]) -> list[Finding]:
    """Findings for claims given by message spans, cue sentences and verb classes (text order)."""
    out: list[Finding] = []
    text = doc.text
    # a regular expression search costs 20 ns per character; most documents and most
    # sentences hold none of the words a marker needs, which a plain substring test
    # finds out (a sentence's lower case is a part of its document's: the words have
    # no letter whose lower case depends on its neighbours)
    markers = _markers()
    plain = _CASE_SAFE.search(text) is None  # then every sentence is, too
    if plain:
        low_doc = text.lower()
        markers = tuple((m, needs) for m, needs in markers if _may_match(needs, low_doc))
    if not markers:
        return out
    for sent in doc.sentences:
        last = sx.content_last(sent)
        s0, s1 = sent.start, sent.tokens[last].end
        stext = text[s0:s1]
        low = stext.lower() if plain or _CASE_SAFE.search(stext) is None else None
        for marker, needs in markers:
            if low is not None and not _may_match(needs, low):
                continue
            m = marker.pattern.search(stext)
            if m is None:
                continue
            ms, me = s0 + m.start(), s0 + m.end()
            own = [i for i, c in enumerate(cue_sents) if c == sent.index]
            if marker.scope == "self":
                for i in own:
                    out.append(Finding(i, marker.status, (ms, me)))
            elif marker.scope == "previous":
                if any(messages[i][0] <= ms < messages[i][1] for i in range(len(messages))):
                    continue  # the marker is part of someone's statement
                prev = [i for i, (a, _) in enumerate(messages) if a < s0]
                if prev:
                    out.append(Finding(max(prev, key=lambda i: messages[i][0]), marker.status, (s0, s1)))
            elif marker.scope == "accusation":
                for i, c in enumerate(cue_sents):
                    if c is not None and abs(c - sent.index) == 1 and classes[i] == "accusation":
                        out.append(Finding(i, marker.status, (s0, s1)))
            elif marker.scope == "after_message":
                for i, (a, b) in enumerate(messages):
                    if s0 <= a and b <= ms and cue_sents[i] == sent.index and not (a <= ms < b):
                        # evidence: the clause that holds the marker
                        k = ms
                        while k > b and text[k - 1] not in ",;–—:":
                            k -= 1
                        start = k
                        while start < ms and text[start] in " ,;–—:":
                            start += 1
                        out.append(Finding(i, marker.status, (start, s1)))
    return out


@lru_cache(maxsize=None)
def _markers() -> tuple[tuple[lexicons.VerificationMarker, tuple[frozenset[str], ...] | None], ...]:
    """The lexicon's markers with the word sets each needs, worked out once per process."""
    return tuple((marker, required_strings(marker.pattern)) for marker in lexicons.verification_markers())


def _may_match(needs: tuple[frozenset[str], ...] | None, low: str) -> bool:
    """Does the lower-case text ``low`` hold one word of each set a marker needs (see
    ``required_strings``; None: no test)?"""
    return needs is None or all(any(w in low for w in words) for words in needs)


# Ignoring case, Python's regular expressions also match "ı" for "i" and "ſ" for "s",
# and "İ" lower-cases to two characters: a text with one of them gets the full search.
_CASE_SAFE = re.compile("[\u0131\u017f\u0130]")
# letters whose other cases are exactly what str.lower() maps to them (besides i and s, above)
_PLAIN_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzäöüß")


@lru_cache(maxsize=None)
def required_strings(pattern: re.Pattern) -> tuple[frozenset[str], ...] | None:
    """Sets of lower-case strings, every match of ``pattern`` (which ignores case) holding
    one string of each set, read from its parse: a run of literal characters in
    sequence, the union over a branch's alternatives (one set from each), a group, a
    repeat of at least one. None if the pattern has no such set, does not ignore case,
    or has a letter whose case is not plain."""
    try:
        from re import _constants as c
        from re import _parser

        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # another Python: no prefilter
        return None

    def best(sets: list[frozenset[str]]) -> frozenset[str] | None:
        return max(sets, key=lambda f: (min(map(len, f)), -len(f)), default=None)

    def seq(items) -> list[frozenset[str]]:
        """The sets every match of ``items`` in sequence needs (all of them)."""
        found: list[frozenset[str]] = []
        run = ""
        for op, av in items:
            if op is c.LITERAL:
                run += chr(av)
                continue
            if run:
                found.append(frozenset([run]))
                run = ""
            if op is c.SUBPATTERN:
                found += seq(av[-1])
            elif op is c.BRANCH:
                alts = [best(seq(b)) for b in av[1]]
                if alts and all(alts):
                    found.append(frozenset().union(*alts))
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                found += seq(av[2])
        if run:
            found.append(frozenset([run]))
        return found

    sets = seq(parsed)
    if not sets or not all(all(s) for s in sets) or not pattern.flags & re.IGNORECASE:
        return None  # (the markers ignore case; the test compares lower case)
    sets = list(dict.fromkeys(frozenset(w.lower() for w in s) for s in sets))
    if not all(ch in _PLAIN_LETTERS or (ch.isascii() and not ch.isalpha()) for s in sets for w in s for ch in w):
        return None
    return tuple(sorted(sets, key=lambda f: (-min(map(len, f)), len(f), sorted(f))))
