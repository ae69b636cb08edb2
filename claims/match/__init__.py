"""The same claim across outlets: claims whose messages say the same thing (a quote
lightly edited, shortened or re-punctuated; the same indirect report) join one group.

Candidates come from MinHash signatures (datasketch) of the normalised message's word
pairs, banded for locality-sensitive hashing (``BANDS`` bands of ``ROWS`` values: two
messages share a band key with high probability when they share many word pairs); a
candidate is the same claim when rapidfuzz's token-set or partial ratio reaches
``THRESHOLD`` and the speakers are compatible. The threshold is measured on a labelled
set of pairs (``claims match evaluate``, ``docs/evaluation.md``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

NUM_PERM = 64
BANDS, ROWS = 32, 2
THRESHOLD = 90.0  # on the labelled pairs precision and recall are flat from 88 to 98 (docs/evaluation.md)
MIN_PARTIAL_WORDS = 6  # a shorter message must not match inside a long one by itself

_PUNCT = re.compile(r"[^\w\s]+", re.UNICODE)
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Case, quote marks, punctuation, whitespace and Unicode forms folded away."""
    t = unicodedata.normalize("NFKC", text).casefold()
    return _SPACE.sub(" ", _PUNCT.sub(" ", t)).strip()


def shingles(norm: str) -> set[bytes]:
    words = norm.split()
    if len(words) < 3:
        return {w.encode() for w in words} or {b""}
    return {f"{a} {b}".encode() for a, b in zip(words, words[1:], strict=False)}


def band_keys(norms: list[str]) -> list[list[str]]:
    """The LSH band keys of each normalised message (datasketch MinHash, bulk)."""
    from datasketch import MinHash

    sigs = MinHash.bulk([shingles(n) for n in norms], num_perm=NUM_PERM, seed=1)
    out = []
    for m in sigs:
        hv = m.hashvalues
        out.append([f"{b}:" + hashlib.blake2b(hv[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8).hexdigest() for b in range(BANDS)])
    return out


def similarity(a: str, b: str) -> float:
    """0–100: how far two normalised messages say the same words (token-set ratio, or the
    partial ratio of the shorter inside the longer when the shorter is long enough)."""
    from rapidfuzz import fuzz

    score = fuzz.token_set_ratio(a, b)
    short = a if len(a) <= len(b) else b
    if len(short.split()) >= MIN_PARTIAL_WORDS:
        score = max(score, fuzz.partial_ratio(a, b))
    return float(score)


_NUM = re.compile(r"\d+(?: \d+)*")
NEGATIONS = {"nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "nichts", "weder"}


def conflicts(a: str, b: str) -> bool:
    """Two normalised messages in nearly the same words that say different things: a
    number of the shorter missing from the longer, or the negation added or taken away."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if set(_NUM.findall(short)) - set(_NUM.findall(long_)):
        return True
    neg_s = sum(w in NEGATIONS for w in short.split())
    neg_l = sum(w in NEGATIONS for w in long_.split())
    if neg_s > neg_l:
        return True
    # the same length, one negation more: "steigen" against "steigen nicht"
    return neg_s != neg_l and len(short.split()) >= 0.8 * len(long_.split())


def same_claim(a: str, b: str, s1: str | None = None, s2: str | None = None, threshold: float = THRESHOLD) -> bool:
    """Whether two normalised messages (with their speakers) are the same claim."""
    return compatible(s1, s2) and not conflicts(a, b) and similarity(a, b) >= threshold


def _last(name: str) -> str:
    words = normalize(name).split()
    return words[-1] if words else ""


def compatible(s1: str | None, s2: str | None) -> bool:
    """Speakers that may be the same: unknown on one side, or names that share their last
    word or contain one another."""
    if not s1 or not s2:
        return True
    a, b = normalize(s1), normalize(s2)
    return a == b or _last(s1) == _last(s2) or a in b or b in a


@dataclass
class Item:
    key: str  # claim id
    doc: str  # document sha256: claims of one document are never grouped
    norm: str
    speaker: str | None
    group: str = ""


@dataclass
class Matcher:
    """Groups claims as they come, in memory (the store keeps the same index in tables)."""

    threshold: float = THRESHOLD
    items: list[Item] = field(default_factory=list)
    buckets: dict[str, list[int]] = field(default_factory=dict)

    def add_many(self, claims: list[tuple[str, str, str, str | None]]) -> list[str]:
        """Add (id, document, message, speaker) claims; returns each one's group id (the id
        of the group's first claim)."""
        norms = [normalize(m) for _, _, m, _ in claims]
        groups = []
        for (key, doc, _, speaker), norm, bands in zip(claims, norms, band_keys(norms), strict=True):
            item = Item(key, doc, norm, speaker)
            best, best_score = None, self.threshold
            seen: set[int] = set()
            for bk in bands:
                for j in self.buckets.get(bk, ()):
                    if j in seen:
                        continue
                    seen.add(j)
                    other = self.items[j]
                    if other.doc == doc or not compatible(speaker, other.speaker) or conflicts(norm, other.norm):
                        continue
                    s = similarity(norm, other.norm)
                    if s >= best_score:
                        best, best_score = other, s
            item.group = best.group if best is not None else key
            idx = len(self.items)
            self.items.append(item)
            for bk in bands:
                self.buckets.setdefault(bk, []).append(idx)
            groups.append(item.group)
        return groups
