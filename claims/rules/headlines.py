"""Cue-less quotations in titles, teasers and intertitles (``Wir arbeiten "aktiv zusammen"``).

A line that stands alone (no final punctuation, its own paragraph) and holds a
quotation is a claim of the speaker who says those words later in the article.
"""

from __future__ import annotations

from claims.grammar import syntax as sx
from claims.nlp.model import ParsedDoc, Sentence
from claims.rules.draft import Draft, Rule
from claims.rules.quotes import Quotes


def is_standalone_line(doc: ParsedDoc, sent: Sentence) -> bool:
    """The sentence is a line of its own (spaces and tabs around it aside) and has no
    final punctuation."""
    text = doc.text
    a = sent.start
    while a > 0 and text[a - 1] in " \t":
        a -= 1
    b = sent.end
    while b < len(text) and text[b] in " \t":
        b += 1
    line_start = a == 0 or text[a - 1] == "\n"
    line_end = b == len(text) or text[b] == "\n"
    return line_start and line_end and sent.tokens[-1].text not in sx.FINAL


def find_cueless_quote(doc: ParsedDoc, sent: Sentence, quotes: Quotes) -> list[Draft]:
    if not is_standalone_line(doc, sent):
        return []
    inside = quotes.within(sent.start, sent.end)
    if not inside:
        return []
    last = sx.content_last(sent)
    start, end = sent.start, sent.tokens[last].end
    q = inside[0]
    if len(inside) == 1 and q.start == start and q.end >= end:
        start, end = q.inner
    d = Draft(sent=sent.index, message=(start, end), rule=Rule.CUELESS, speaker_hint="quote_match")
    return [d]
