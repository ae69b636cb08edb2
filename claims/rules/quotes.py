"""Quotation spans: „…“ "…" «…» »…« “…” in the original text."""

from __future__ import annotations

import re
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


def find_quotes(text: str, start: int = 0, end: int | None = None) -> list[Quote]:
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
    return out


_MARKS = re.compile("[" + "".join(sorted(set(OPENERS).union(*OPENERS.values()))) + "\n]")


def ending_at(quotes: list[Quote], end: int) -> Quote | None:
    """The quote whose closing mark ends at ``end``."""
    return next((q for q in quotes if q.end == end), None)


def starting_at(quotes: list[Quote], start: int) -> Quote | None:
    """The quote whose opening mark is at ``start``."""
    return next((q for q in quotes if q.start == start), None)
