"""Sentence and token model with character offsets into the original text (like spaCy's Doc)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

# a name with an Arabic article: "al-Hussein", "el-Sisi", "asch-Schabab"
ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|asch|at|az|an)-[A-ZÄÖÜ]")


@dataclass(slots=True, init=False)
class Token:
    """One syntactic word. ``start``/``end`` are offsets into the document text.

    ``head`` is the index of the head token within the sentence (-1 for the root).
    Words split from a multi-word token ("zum" -> "zu dem") share its offsets.
    """

    i: int
    text: str
    start: int
    end: int
    lemma: str = ""
    upos: str = ""
    xpos: str = ""
    feats: dict[str, str] = field(default_factory=dict)
    head: int = -1
    deprel: str = ""
    ner: str = "O"
    #: the lower-cased text (the rules ask for it very often); a token's text does not change
    lower: str = field(init=False, repr=False, compare=False)

    def __init__(self, i: int, text: str, start: int, end: int, lemma: str = "", upos: str = "", xpos: str = "", feats: dict[str, str] | None = None, head: int = -1, deprel: str = "", ner: str = "O") -> None:
        # written out rather than generated with a __post_init__ for ``lower``: every
        # token of every analyzer is made here (0.4 instead of 1.0 us a token)
        self.i = i
        self.text = text
        self.start = start
        self.end = end
        self.lemma = lemma
        self.upos = upos
        self.xpos = xpos
        self.feats = {} if feats is None else feats
        self.head = head
        self.deprel = deprel
        self.ner = ner
        self.lower = text.lower()

    @property
    def is_punct(self) -> bool:
        return self.upos == "PUNCT" or (not any(ch.isalnum() for ch in self.text))

    @property
    def is_finite_verb(self) -> bool:
        return self.xpos in {"VVFIN", "VAFIN", "VMFIN"} or self.feats.get("VerbForm") == "Fin"


@dataclass(slots=True)
class Sentence:
    index: int
    tokens: list[Token]
    paragraph: int = 0
    _content_last: int | None = field(default=None, repr=False, compare=False)  # see rules.syntax.content_last

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    def children(self, i: int) -> list[Token]:
        return [t for t in self.tokens if t.head == i]

    def subtree(self, i: int) -> list[int]:
        """Indices of the subtree of token ``i`` (including ``i``), in order."""
        out = {i}
        changed = True
        while changed:
            changed = False
            for t in self.tokens:
                if t.head in out and t.i not in out:
                    out.add(t.i)
                    changed = True
        return sorted(out)


@dataclass(slots=True)
class ParsedDoc:
    """A parsed document: the exact text and its sentences, in text order and not
    overlapping (as every analyzer gives them)."""

    text: str
    sentences: list[Sentence]
    _bounds: tuple[list[int], list[int]] | None = field(default=None, repr=False, compare=False)

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def _starts_ends(self) -> tuple[list[int], list[int]]:
        if self._bounds is None or len(self._bounds[0]) != len(self.sentences):
            self._bounds = ([s.start for s in self.sentences], [s.end for s in self.sentences])
        return self._bounds

    def sentence_at(self, offset: int) -> Sentence | None:
        """The first sentence with ``start <= offset <= end``, found by bisection (the
        rules ask for each claim; a pass over the sentences would make a document's cost
        grow with the square of its length)."""
        starts, ends = self._starts_ends()
        i = bisect_left(ends, offset)
        return self.sentences[i] if i < len(ends) and starts[i] <= offset else None

    def sentences_before(self, offset: int) -> int:
        """How many sentences start before ``offset``."""
        return bisect_left(self._starts_ends()[0], offset)
