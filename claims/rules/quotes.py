"""Quotation spans: „…“ "…" «…» »…« “…” in the original text."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

OPENERS = {"„": "“\"”", "«": "»", "»": "«", "“": "”\"", "\"": "\""}
QUOTE_CHARS = set("„“”\"«»")


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset after the closing mark

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


class Quotes(Sequence[Quote]):
    """The quotations of a text in order, none overlapping another (as
    :func:`find_quotes` pairs them), with lookups by offset that cost O(log n) or
    O(1) rather than a pass over every quotation: a rule asks for each sentence, so a
    pass would make a document's cost grow with the square of its length."""

    def __init__(self, quotes: list[Quote]):
        self._quotes = quotes
        self._starts = [q.start for q in quotes]
        self._by_start = {q.start: q for q in quotes}
        self._by_end = {q.end: q for q in quotes}

    def __getitem__(self, i):
        return self._quotes[i]

    def __len__(self) -> int:
        return len(self._quotes)

    def __repr__(self) -> str:
        return f"Quotes({self._quotes!r})"

    def starting_at(self, start: int) -> Quote | None:
        """The quote whose opening mark is at ``start``."""
        return self._by_start.get(start)

    def ending_at(self, end: int) -> Quote | None:
        """The quote whose closing mark ends at ``end``."""
        return self._by_end.get(end)

    def around(self, pos: int) -> Quote | None:
        """The quote with ``pos`` strictly between its opening mark and its end."""
        i = bisect_right(self._starts, pos - 1) - 1  # the last quote opening before pos
        if i >= 0 and pos < self._quotes[i].end:
            return self._quotes[i]
        return None

    def inside(self, pos: int) -> bool:
        """``pos`` lies among a quotation's words, before its closing mark."""
        q = self.around(pos)
        return q is not None and pos < q.end - 1

    def enclosing(self, start: int, end: int) -> Quote | None:
        """A quote, marks included, that holds the whole span ``start``-``end``."""
        i = bisect_right(self._starts, start) - 1
        for q in self._quotes[max(i - 1, 0) : i + 1][::-1]:  # an empty span may touch two
            if q.start <= start and end <= q.end:
                return q
        return None

    def within(self, start: int, end: int) -> list[Quote]:
        """The quotes that lie wholly inside ``start``-``end``."""
        i = bisect_right(self._starts, start - 1)
        out = []
        while i < len(self._quotes) and self._quotes[i].start <= end:
            if self._quotes[i].end <= end:
                out.append(self._quotes[i])
            i += 1
        return out


def find_quotes(text: str, start: int = 0, end: int | None = None) -> Quotes:
    """Pair quotation marks; an unclosed quote ends at a paragraph break and is dropped."""
    end = len(text) if end is None else end
    out: list[Quote] = []
    open_at = -1
    closers = ""
    for m in _MARKS.finditer(text, start, end):  # only these characters change anything
        i = m.start()
        ch = text[i]
        if open_at >= 0:
            if ch in closers:
                if i > open_at + 1:
                    out.append(Quote(open_at, i + 1))
                open_at = -1
            elif ch == "\n" and text[i : i + 2] == "\n\n":
                open_at = -1
        elif ch in OPENERS:
            open_at = i
            closers = OPENERS[ch]
    return Quotes(out)


_MARKS = re.compile("[" + "".join(sorted(set(OPENERS).union(*OPENERS.values()))) + "\n]")

