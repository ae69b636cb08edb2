"""Normalisations of the analyzer output for raw text.

- Hyphenated compounds that the tokenizer split ("Boulevard - Blatt", "Boden -")
  become one token again, with the tags of the last piece, as in news corpora
  such as SpkAtt where "Air-France-Kopilot" is one token.
- A sentence that the tokenizer ended at a colon is joined with the next one in the
  same paragraph: in German news a colon introduces content ("Mena mahnte: …").
"""

from __future__ import annotations

from claims import lexicons
from claims.nlp.model import Sentence, Token


def join_hyphen_compounds(tokens: list[Token]) -> list[Token]:
    groups: list[list[Token]] = []
    for t in tokens:
        if groups:
            prev = groups[-1][-1]
            adjacent = prev.end == t.start and prev.start != t.start
            if adjacent and (t.text == "-" or prev.text == "-") and not (prev.text == "-" and len(groups[-1]) == 1):
                groups[-1].append(t)
                continue
            # "ver.di": a full stop inside a word (the tokenizer gives "ver" + ".di")
            if adjacent and t.text.startswith(".") and t.text[1:2].isalpha() and prev.text.isalpha():
                groups[-1].append(t)
                continue
        groups.append([t])
    if len(groups) == len(tokens) and all(t.i == k and t.head != k and -1 <= t.head < len(tokens) for k, t in enumerate(tokens)):
        return tokens  # nothing joined: the same tokens, numbered and headed as they are
    # a group that ends with "-" followed by a non-adjacent token stays ("Boden-,")
    index: dict[int, int] = {}
    out: list[Token] = []
    for g in groups:
        for t in g:
            index[t.i] = len(out)
        main = next((t for t in reversed(g) if t.text != "-"), g[-1])
        if len(g) == 1:
            out.append(Token(len(out), main.text, main.start, main.end, main.lemma, main.upos, main.xpos, dict(main.feats), main.head, main.deprel, main.ner))
            continue
        text = "".join(t.text for t in g)
        lemma = "".join(t.text for t in g[:-1]) + (main.lemma if main is g[-1] else "")
        members = {t.i for t in g}
        head = main.head
        while head in members:
            head = next(t.head for t in g if t.i == head)
        out.append(Token(len(out), text, g[0].start, g[-1].end, lemma, main.upos, main.xpos, dict(main.feats), head, main.deprel, main.ner))
    for t in out:
        t.head = index.get(t.head, -1) if t.head >= 0 else -1
        if t.head == t.i:
            t.head = -1
    return out


WEEKDAYS = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
MONTHS = {"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember", "jänner"}


def _titles() -> frozenset[str]:
    return lexicons.grammar().get("title_abbreviation", frozenset())


def is_title(t: Token) -> bool:
    """An abbreviated title with its full stop ("Dr.", "Prof.", "Mag."; grammar.tsv)."""
    return t.text.endswith(".") and t.lower[:-1] in _titles()


def _title_split(prev: Sentence, nxt: Sentence) -> bool:
    """"sagte Dr. | Hans Müller" split after a title's full stop (the stop joined to it)."""
    toks = prev.tokens
    if len(toks) < 2 or toks[-1].text != "." or toks[-2].end != toks[-1].start or not nxt.tokens:
        return False
    return toks[-2].lower in _titles() and nxt.tokens[0].text[:1].isupper()


def _merge_title_stop(sent: Sentence, k: int) -> None:
    """Make the title at token ``k`` and the full stop after it one token ("Dr.")."""
    toks = sent.tokens
    title, stop = toks[k], toks[k + 1]
    title.text += "."
    title.end = stop.end
    title.lower = title.text.lower()
    del toks[k + 1]
    for t in toks:
        if t.i > k:
            t.i -= 1
        if t.head == k + 1:
            t.head = k
        elif t.head > k + 1:
            t.head -= 1


def _ordinal_split(prev: Sentence, nxt: Sentence) -> bool:
    """"(23. März)" split after the ordinal's full stop."""
    toks = prev.tokens
    if len(toks) < 2 or toks[-1].text != "." or not toks[-2].text.isdigit():
        return False
    first = nxt.tokens[0].text
    return first.lower() in MONTHS or first[:1].islower()


def renumber(sentences: list[Sentence], text: str) -> list[Sentence]:
    """Number the sentences of one text in order and count its paragraphs: a new
    paragraph starts where a line break lies between two sentences. (Every analyzer
    ends here, so a text parsed in pieces or stretches is numbered as one.)"""
    paragraph, prev_end = 0, None
    for k, s in enumerate(sentences):
        if prev_end is not None and "\n" in text[prev_end : s.start]:
            paragraph += 1
        s.index, s.paragraph, prev_end = k, paragraph, s.end
    return sentences


_ENDINGS = {".", "!", "?", ";", "…", "\"", "“", "”", "«", "»", "'", ")"}


def join_colon_sentences(sentences: list[Sentence], text: str, unended: bool = False) -> list[Sentence]:
    """Join a sentence to the one before when that one ends in a colon, in an ordinal's
    full stop ("23." before "März") or in a title's ("sagte Dr. | Hans Müller", the stop
    joined to the title, which is tagged a noun), and with ``unended`` when it ends in no
    punctuation at all on the same line (stanza's "berichtet die Zeitung | Die Welt.")."""
    out: list[Sentence] = []
    for s in sentences:
        title = bool(out) and _title_split(out[-1], s)
        cut = out and (out[-1].tokens[-1].text == ":" or title or _ordinal_split(out[-1], s) or (unended and out[-1].tokens[-1].text not in _ENDINGS and not out[-1].tokens[-1].is_punct))
        if cut and "\n" not in text[out[-1].end : s.start]:
            prev = out[-1]
            if title:
                _merge_title_stop(prev, len(prev.tokens) - 2)
            shift = len(prev.tokens)
            for t in s.tokens:
                t.i += shift
                if t.head >= 0:
                    t.head += shift
            prev.tokens.extend(s.tokens)
            continue
        out.append(s)
    for k, s in enumerate(out):
        s.index = k
        for t in s.tokens:
            if is_title(t) and t.upos != "NOUN":
                t.upos, t.xpos, t.feats = "NOUN", "NN", {}  # "Mag." is no modal verb
    return out


def split_at_full_stops(sent: Sentence) -> list[Sentence]:
    """Cut a given sentence that holds several ("… zurückzustellen . Der Streit …", as some
    pre-tokenised corpora have them) at a full stop before a capitalised word."""
    toks = sent.tokens
    return _split(sent, [k + 1 for k in range(len(toks) - 1) if toks[k].text in {".", "!", "?"} and toks[k + 1].text[:1].isupper()])


def split_at_line_breaks(sentences: list[Sentence], text: str) -> list[Sentence]:
    """Cut sentences at line breaks: a line is a paragraph (a heading, a dateline line, a
    quotation's last line) and no sentence runs on into the next, as the lite analyzer
    has it; stanza's tokenizer may run on ("… ein offenes Buch sein.“\nDies sagte …")."""
    out: list[Sentence] = []
    for s in sentences:
        toks = s.tokens
        out += _split(s, [k + 1 for k in range(len(toks) - 1) if "\n" in text[toks[k].end : toks[k + 1].start]])
    return out


def _split(sent: Sentence, cuts: list[int]) -> list[Sentence]:
    """``sent`` cut before the token indices ``cuts``. Token offsets stay; indices and heads
    are renumbered per piece (a head in another piece becomes -1)."""
    toks = sent.tokens
    if not cuts:
        return [sent]
    out: list[Sentence] = []
    bounds = [0] + cuts + [len(toks)]
    for a, b in zip(bounds, bounds[1:], strict=False):
        piece = []
        for t in toks[a:b]:
            head = t.head - a if a <= t.head < b else -1
            piece.append(Token(i=t.i - a, text=t.text, start=t.start, end=t.end, lemma=t.lemma, upos=t.upos, xpos=t.xpos, feats=t.feats, head=head, deprel=t.deprel if head >= 0 or t.head < 0 else "root", ner=t.ner))
        out.append(Sentence(index=sent.index, tokens=piece, paragraph=sent.paragraph))
    return out
