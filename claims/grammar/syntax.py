"""Helpers shared by the rules: clause boundaries, verb mood, noun phrases.

They work on word forms and STTS tags first and use the dependency parse as one
signal among others, because the compact test model mis-parses often.
"""

from __future__ import annotations

import re
from functools import lru_cache

from claims import lexicons
from claims.nlp.model import Sentence, Token
from claims.nlp.normalize import is_title

BOUNDARY = {",", ":", ";", "–", "—", "-"}
QUOTE_MARKS = set("„“”\"«»")
FINAL = {".", "!", "?"}
ARTICLES = {"der", "die", "das", "den", "dem", "des"}
ATTRIBUTE_OPENERS = {"ein", "eine", "einer", "eines", "einem", "einen"} | {p + e for p in ("sein", "ihr", "unser") for e in ("", "e", "er", "em", "en", "es")}
PRONOUNS = {"er", "sie", "es", "ihnen", "ihm", "ihr", "man", "dieser", "diese", "jener"}
PERSONAL_PRONOUNS = {"er", "sie", "ihnen", "ihm", "ihr"}
NOMINAL = {"NOUN", "PROPN", "PRON", "NUM", "X"}
PARTICLES = {
    "mit", "vor", "zu", "aus", "an", "ein", "zurück", "fest", "hin", "hinzu", "bekannt", "klar",
    "ab", "auf", "dar", "heraus", "hervor", "voraus", "vorher", "zusammen", "wieder", "durch", "entgegen",
}


def g(cat: str) -> frozenset[str]:
    return lexicons.grammar().get(cat, frozenset())


def has_parse(sent: Sentence) -> bool:
    """The sentence has a dependency parse (stanza), not only tags (lite)."""
    return not all(t.head == -1 and not t.deprel for t in sent.tokens)


def is_country(word: str) -> bool:
    """A country's name, or its genitive (``Russland``, ``Russlands``)."""
    countries = lexicons.countries()
    return word in countries or (word.endswith("s") and word[:-1] in countries)


def reported_content(sent: Sentence, quotes, span: tuple[int, int]) -> bool:
    """The span is a quotation or a clause in Konjunktiv: what someone said, not a plain
    statement of the article."""
    if quotes.enclosing(span[0], span[1]) is not None:
        return True
    inside = [t.i for t in sent.tokens if span[0] <= t.start < span[1]]
    return bool(inside) and clause_is_konjunktiv(sent, inside[0], inside[-1])


def is_quote(t: Token) -> bool:
    return t.text in QUOTE_MARKS or (len(t.text) == 1 and t.text in "'‚‘")


def content_last(sent: Sentence) -> int:
    """Index of the last token that belongs to the sentence content.

    Drops final punctuation and trailing sign-off codes such as ``./mau/DP/jha``;
    closing quotation marks and brackets stay. Computed once per sentence (the rules
    ask for it many times; a sentence's tokens no longer change once rules run on it).
    """
    last = sent._content_last
    if last is None:
        last = sent._content_last = _content_last(sent.tokens)
    return last


def _content_last(toks: list[Token]) -> int:
    last = len(toks) - 1
    slash = max((k for k, t in enumerate(toks) if "/" in t.text), default=-1)  # the last token with a slash
    for k, t in enumerate(toks):
        if t.text in FINAL and k < slash:
            last = k
            break
    while last > 0 and (toks[last].text in FINAL or toks[last].text == "„" or (toks[last].is_punct and toks[last].text not in QUOTE_MARKS and toks[last].text != ")")):
        last -= 1  # an opening „ at the end belongs to the next sentence's quotation
    return last


def is_question(sent: Sentence) -> bool:
    return any(t.text == "?" for t in sent.tokens[-2:])


def clause_starts(sent: Sentence) -> list[int]:
    """Token indices that start a clause-like segment (after , : ; – and at 0)."""
    out = [0]
    for t in sent.tokens:
        if t.text in BOUNDARY and t.i + 1 < len(sent.tokens):
            out.append(t.i + 1)
    return out


def is_finite(t: Token) -> bool:
    """A finite verb by its features and its part of speech (the compact tagger gives some
    nouns and particles verb features)."""
    return t.is_finite_verb and t.upos in {"VERB", "AUX"}


def has_finite_verb(tokens: list[Token]) -> bool:
    return any(is_finite(x) for x in tokens)


SUBORDINATING_TAGS = frozenset({"KOUS", "KOUI", "PRELS", "PRELAT", "PWS", "PWAV", "PWAT"})


def opens_subordinate(t: Token) -> bool:
    """Does a clause starting with ``t`` look subordinate (not reported main clause)?"""
    low = t.lower
    if t.xpos in SUBORDINATING_TAGS:
        return True
    if low in g("subordinator"):
        # "bis" is a preposition too: "Bis zu der Beerdigung seien …"
        return not (t.xpos == "APPR" and low in {"bis"})
    if low in g("relative") and t.xpos not in {"ART", "PDS", "PDAT", "PPER"}:
        return t.upos == "PRON"
    return False


def is_konjunktiv(t: Token, clause: list[Token] | None = None) -> bool:
    """Konjunktiv I/II by word form, with the tagger's Mood=Sub as a supporting signal."""
    form = t.lower
    if form in g("konj1") or form in g("konj2"):
        return True
    if not (t.xpos.endswith("FIN") or t.feats.get("VerbForm") == "Fin" or t.upos in {"VERB", "AUX"}):
        return False
    if t.xpos.endswith(("INF", "PP", "IZU")):
        return False
    lemma = t.lemma.lower()
    first_person = clause is not None and any(x.lower == "ich" for x in clause)
    # Konjunktiv I 3rd singular: stem + e ("habe", "strebe", "müsse"), lemma = form + n
    if form.endswith("e") and not first_person and len(form) > 2 and (lemma == form + "n" or lemma.endswith(form + "n")):
        return True
    # verbs in -ern/-eln: "fordere", "ändere", "verhandele" (the indicative is "fordert")
    if form.endswith(("ere", "ele")) and not first_person and lemma.endswith(("ern", "eln")) and (lemma[:-1] + "e").endswith(form):
        return True
    if t.feats.get("Mood") == "Sub" and any(ch in form for ch in "äöü") and form.endswith(("e", "en")):
        return True
    return False


def main_finite_verbs(sent: Sentence, first: int = 0, last: int | None = None) -> list[Token]:
    """Finite verbs between ``first`` and ``last`` that are not inside a subordinate clause."""
    last = len(sent.tokens) - 1 if last is None else last
    out = []
    sub = False
    for t in sent.tokens[first : last + 1]:
        if t.text in BOUNDARY or is_quote(t):
            sub = False
            continue
        if t.i == first or sent.tokens[t.i - 1].text in BOUNDARY or is_quote(sent.tokens[t.i - 1]):
            if opens_subordinate(t):
                sub = True
        if not sub and is_finite(t):
            out.append(t)
    return out


def is_konjunktiv_one(t: Token, clause: list[Token] | None = None) -> bool:
    """``t`` is in Konjunktiv I proper ("sei", "habe", "sichere"), which marks reported
    speech; not in Konjunktiv II ("würde", "hätte", "könnte"; grammar.tsv ``konj2``), which
    also marks a mere possibility or a conditional."""
    return is_konjunktiv(t, clause) and t.lower not in g("konj2")


def clause_is_konjunktiv(sent: Sentence, first: int = 0, last: int | None = None) -> bool:
    toks = sent.tokens[first : (last if last is not None else len(sent.tokens) - 1) + 1]
    verbs = main_finite_verbs(sent, first, last)
    if not verbs:
        verbs = [t for t in toks if is_finite(t)]
    return any(is_konjunktiv(v, toks) for v in verbs[:2])


def has_first_person(tokens: list[Token]) -> bool:
    fp = g("first_person")
    return any(t.lower in fp for t in tokens)


def np_tokens(sent: Sentence, head: int) -> tuple[int, int]:
    """Inclusive token range of the noun phrase headed by ``head``.

    Left dependents are kept (articles, adjectives, genitives, titles); on the right
    only names, appositive names, numbers, parentheses and coordinated nouns, so
    relative clauses and adverbials stay out.
    """
    toks = sent.tokens
    if (noun := attribute_head(toks, head)) is not None:
        head = noun  # "Der in Wien lebende Künstler": the article is no pronoun
    if not has_parse(sent):
        return _extend_right(sent, *_with_quantified(sent, _with_attribute(toks, surface_np_around(sent, head))))
    keep = {head}
    right_ok = {"flat", "flat:name", "appos", "nummod", "compound", "conj", "cc", "punct", "nmod"}

    def add(i: int) -> None:
        for c in toks:
            if c.head != i or c.i in keep:
                continue
            if c.deprel.startswith("acl") or c.deprel in {"case", "mark", "advmod", "obl", "cop", "nsubj", "aux", "obj", "iobj", "xcomp", "ccomp", "parataxis", "advcl"}:
                continue
            if c.i > i:
                if c.deprel.split(":")[0] not in right_ok:
                    continue
                if c.deprel.startswith("nmod") and not (c.upos == "PROPN" and not any(x.head == c.i and x.deprel == "case" for x in toks)):
                    continue
                if c.deprel == "punct" and c.text not in "()":
                    continue
                if c.deprel == "conj" and c.upos not in {"PROPN", "NOUN"}:
                    continue
            keep.add(c.i)
            add(c.i)

    add(head)
    lo, hi = min(keep), max(keep)
    # keep the range contiguous and stop at commas / verbs
    for k in range(head, hi + 1):
        if toks[k].text in {",", ":", ";"} or (k > head and toks[k].upos in {"VERB", "AUX"}):
            hi = k - 1
            break
    for k in range(head, lo - 1, -1):
        if toks[k].text in {",", ":", ";"} or is_quote(toks[k]) or (k < head and toks[k].upos in {"VERB", "AUX", "ADP", "SCONJ"}):
            lo = k + 1
            break
    # a surname the tagger took for a common noun: "US-Innenminister Dirk Kempthorne"
    while hi + 1 < len(toks) and toks[hi].upos == "PROPN" and toks[hi + 1].upos in {"NOUN", "PROPN"} and toks[hi + 1].text[:1].isupper() and toks[hi + 1].start > toks[hi].end and (hi + 2 >= len(toks) or toks[hi + 2].upos not in {"NOUN", "PROPN"}) and lexicons.compound_match(toks[hi + 1].text, lexicons.media_nouns()) is None and lexicons.compound_match(toks[hi + 1].text, lexicons.roles()) is None:
        hi += 1
    while hi > lo and (toks[hi].is_punct and toks[hi].text != ")"):
        hi -= 1
    if toks[hi].text == ")" and "(" not in {t.text for t in toks[lo:hi]}:
        hi -= 1
    while lo < hi and toks[lo].is_punct and toks[lo].text != "(":
        lo += 1
    return _extend_right(sent, *_with_quantified(sent, _with_attribute(toks, (lo, hi))))


def _with_attribute(toks: list, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` widened to the article of an extended attribute before it ("Ein im Exil
    lebender Oppositioneller")."""
    opened = attribute_start(toks, span[0])
    return (opened, span[1]) if opened is not None else span


def _with_quantified(sent: Sentence, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` widened over the genitive after a noun of quantity ("40 Prozent der
    Befragten", "die Mehrheit der Österreicher")."""
    toks = sent.tokens
    lo, hi = span
    if hi + 2 < len(toks) and toks[hi].lower in g("quantity_noun") and toks[hi + 1].lower in {"der", "des"}:
        gen = surface_np_after(sent, hi + 1)
        if gen is not None:
            return lo, gen[1]
    return span


RELATIVE_PRONOUNS = frozenset({"der", "die", "das", "dem", "den", "deren", "dessen", "denen"})  # also articles: read by position

# particles inside a name ("Karl-Theodor zu Guttenberg", "Mohammed bin Salman"); those
# that take an article after them, and the articles ("Ursula von der Leyen")
NAME_PARTICLES = frozenset({"zu", "von", "van", "de", "da", "di", "del", "bin", "ben", "al", "el", "du", "dos", "ten", "ter"})
ARTICLE_PARTICLES = frozenset({"van", "von", "de", "da", "di"})
NAME_ARTICLES = frozenset({"der", "den", "la", "le", "los", "las"})


def _name_token(t: Token) -> bool:
    return (t.upos == "PROPN" or t.xpos == "NE") and t.text[:1].isupper()


def _extend_right(sent: Sentence, lo: int, hi: int) -> tuple[int, int]:
    """Carry a noun phrase over what the chunker or parser leaves off on its right:
    a quoted name after a common noun ("Die Organisation „Reporter ohne Grenzen“"), a
    particle inside a name ("Karl-Theodor zu Guttenberg"), and a second name joined by
    "und" ("Özcan Mutlu und Benedikt Lux")."""
    toks = sent.tokens
    n = len(toks)
    if is_title(toks[hi]) and hi + 1 < n and toks[hi + 1].text[:1].isupper():
        # "Prof. Dr. Anna Berger": titles before a name belong to its phrase
        while hi + 1 < n and toks[hi + 1].text[:1].isupper() and (is_title(toks[hi + 1]) or _name_token(toks[hi + 1])):
            hi += 1
    if hi + 2 < n and is_quote(toks[hi + 1]) and toks[hi].upos == "NOUN" and toks[hi + 2].text[:1].isupper():
        close = next((j for j in range(hi + 2, min(n, hi + 8)) if is_quote(toks[j])), None)
        if close is not None and not any(x.is_finite_verb for x in toks[hi + 2 : close]):
            hi = close
    # a given name, then the particle ("Richard Cassidy von Alert Logic" names an affiliation)
    given = hi == lo or not _name_token(toks[hi - 1])
    if given and hi + 2 < n and _name_token(toks[hi]) and toks[hi + 1].lower in NAME_PARTICLES and toks[hi + 2].text[:1].isupper() and toks[hi + 2].upos in {"PROPN", "NOUN", "X"}:
        hi += 2
        while hi + 1 < n and _name_token(toks[hi + 1]):
            hi += 1
    # a particle and an article ("Ursula von der Leyen", "Alexander Van der Bellen", "van der Marel")
    k = hi + 1 if given and hi + 1 < n and toks[hi + 1].lower in ARTICLE_PARTICLES and _name_token(toks[hi]) else hi
    if k + 2 < n and toks[k].lower in ARTICLE_PARTICLES and toks[k + 1].lower in NAME_ARTICLES and toks[k + 2].text[:1].isupper() and not toks[k + 2].is_punct:
        hi = k + 2
    if hi + 3 < n and _name_token(toks[hi]) and toks[hi + 1].lower == "und" and _name_token(toks[hi + 2]) and _name_token(toks[hi + 3]) and hi - lo >= 1 and _name_token(toks[hi - 1]):
        # two full names ("Vorname Nachname und Vorname Nachname")
        hi += 3
        while hi + 1 < n and _name_token(toks[hi + 1]):
            hi += 1
    if hi + 3 < n and toks[hi].upos == "NOUN" and toks[hi + 1].lower == "und" and toks[hi + 2].upos == "NOUN" and _name_token(toks[hi + 3]) and lexicons.compound_match(toks[hi + 2].text, lexicons.roles()) is not None:
        # two roles of one person before the name ("der Wiener Jurist und
        # Diskriminierungsexperte Volker Frey")
        hi += 3
        while hi + 1 < n and _name_token(toks[hi + 1]):
            hi += 1
    return lo, hi


WEB_NAME = re.compile(r"^[\w-]+\.(?:de|com|net|org|at|ch|eu|info)$", re.IGNORECASE)  # "ndr.de", whatever the tagger says


def _participle_attribute_end(toks: list, k: int, limit: int) -> int | None:
    """The participle that closes an extended attribute opened by the preposition at ``k``
    ("im Sozialministerium angesiedelten", "vom Parlament beschlossenen") when a noun
    follows it, else None."""
    for j in range(k + 2, min(limit - 1, k + 5) + 1):
        t = toks[j]
        # a participle the tagger took for a finite verb ("der von Dawn zitierte Experte")
        participle = t.xpos == "ADJA" or t.upos == "ADJ" or (t.upos == "VERB" and toks[j + 1].upos in {"NOUN", "PROPN"} and toks[j + 1].text[:1].isupper())
        if participle and t.lower.endswith(("en", "em", "er", "es", "e")) and toks[j - 1].upos in {"NOUN", "PROPN"}:
            return j if toks[j + 1].upos in {"NOUN", "PROPN", "ADJ"} else None
        if t.text in {",", "."} or t.upos in {"VERB", "AUX"}:
            return None
    return None


def attribute_span(toks: list, i: int) -> tuple[int, int] | None:
    """The extended attribute that the article at ``i`` opens, from its preposition to its
    participle ("die von der ÖVP geschasste Bezirksvorsteherin" -> "von der ÖVP
    geschasste"), else None."""
    if toks[i].lower not in ARTICLES | ATTRIBUTE_OPENERS or i + 1 >= len(toks) or not (toks[i + 1].upos == "ADP" or toks[i + 1].xpos in {"APPR", "APPRART"}):
        return None
    j = _participle_attribute_end(toks, i + 1, len(toks) - 1)
    return (i + 1, j) if j is not None else None


def attribute_head(toks: list, i: int) -> int | None:
    """The noun after an extended attribute that the article at ``i`` opens ("Der in Wien
    lebende Künstler" -> "Künstler"), else None."""
    span = attribute_span(toks, i)
    if span is None:
        return None
    k = span[1] + 1
    while k + 1 < len(toks) and toks[k].upos == "ADJ":
        k += 1
    return k if toks[k].upos in {"NOUN", "PROPN"} else None


def attribute_start(toks: list, lo: int) -> int | None:
    """The article that opens an extended attribute ending right before the participle at
    ``lo`` ("einer am Mittwoch veröffentlichten Umfrage", "der vom Parlament beschlossenen
    Verordnung": the index of "einer", "der"), else None."""
    if not (toks[lo].xpos == "ADJA" or toks[lo].upos == "ADJ") or lo < 3 or toks[lo - 1].upos not in {"NOUN", "PROPN", "ADV", "NUM"}:
        return None
    for j in range(lo - 2, max(0, lo - 6), -1):
        t = toks[j]
        if t.text in {",", ".", ":", ";"} or t.upos in {"VERB", "AUX"}:
            return None
        if (t.upos == "ADP" or t.xpos in {"APPR", "APPRART"}) and j > 0 and (toks[j - 1].upos == "DET" or toks[j - 1].xpos in {"ART", "PIAT", "PPOSAT"}):
            return j - 1
    return None


def surface_np_after(sent: Sentence, i: int, limit: int | None = None) -> tuple[int, int] | None:
    """A noun phrase that starts at token ``i``, found by tags alone (for prepositional cues)."""
    toks = sent.tokens
    limit = len(toks) - 1 if limit is None else limit
    q = i + 1 if i + 1 <= limit and toks[i].xpos == "ART" and is_quote(toks[i + 1]) else i  # "der „Aktion Deutschland hilft“"
    if q <= limit and is_quote(toks[q]):
        # a quoted name: laut „tagesschau.de“
        close = next((j for j in range(q + 1, min(limit, q + 8) + 1) if is_quote(toks[j])), None)
        if close is not None and close > q + 1:
            return i, close
    k = i
    last_noun = None
    in_gen = False  # inside a genitive after the head ("der tunesischen Liga")
    while k <= limit:
        t = toks[k]
        if t.upos in {"NOUN", "PROPN"}:
            in_gen = False
        if t.upos == "NUM" and last_noun is not None and k + 1 <= limit and toks[k + 1].upos == "NOUN":
            break  # "Mohamed Said 300.000 US-Dollar": the number starts the next phrase
        if t.upos in {"NOUN", "PROPN", "X"} or (t.upos == "NUM" and last_noun is not None) or t.xpos == "FM" or WEB_NAME.match(t.text):
            last_noun = k
        elif t.upos == "PRON" and t.xpos in {"PPER", "PRF", "PDS"} and last_noun is None and not (t.lower in {"deren", "dessen"} and k + 1 <= limit and toks[k + 1].upos in {"NOUN", "ADJ"}):
            return (k, k)  # (not "deren Angaben": a determiner the tagger took for a pronoun)
        elif t.upos in {"DET", "ADJ", "NUM"} or t.xpos in {"ART", "PPOSAT", "PIAT", "ADJA", "PRELAT"} or (t.lower in {"dessen", "deren", "der", "die", "das"} and last_noun is None and k == i):
            if last_noun is not None and not (in_gen and t.upos == "ADJ"):
                # a genitive article continues ("Angaben der Polizei"), another one starts a new phrase
                if t.lower in {"des", "der", "eines", "einer"} and (t.feats.get("Case", "Gen") == "Gen" or (toks[last_noun].upos == "NOUN" and k + 1 <= limit and toks[k + 1].upos in {"ADJ", "NOUN", "PROPN"})):
                    in_gen = True  # after a common noun "der" is a genitive whatever the tagger says ("Mitglied der Liga")
                else:
                    break
        elif t.lower in {"von", "vom", "aus", "in", "um"} and last_noun is not None and k + 1 <= limit and (toks[k + 1].upos in {"PROPN", "DET", "NOUN"} or is_quote(toks[k + 1])):
            # "der Handelskammer von Thessaloniki": keep a short PP with a name
            nxt = toks[k + 1]
            close = next((j for j in range(k + 3, min(limit, k + 8) + 1) if is_quote(toks[j])), None) if is_quote(nxt) else None
            if close is not None:
                last_noun = close  # "einem Artikel von „BBC News“"
                k = close + 1
                continue
            if nxt.upos == "PROPN" or (nxt.upos == "DET" and k + 2 <= limit and toks[k + 2].upos in {"PROPN", "X"}) or (t.lower == "vom" and nxt.upos in {"PROPN", "NOUN"}):
                pass
            else:
                break
        elif t.text in {"-", "."} and last_noun is not None and k + 1 <= limit and toks[k + 1].upos == "PROPN" and t.start == toks[k - 1].end:
            pass  # "Sat.1"-like names written without spaces
        elif t.lower in {"und", "oder", "bzw."} and k > i and is_truncated(toks[k - 1]):
            pass  # "der Such- und Rettungsagentur": a truncated compound joined to the next
        elif (t.upos == "ADP" or t.xpos in {"APPR", "APPRART"}) and last_noun is None and k > i and toks[i].upos == "DET" and (j := _participle_attribute_end(toks, k, limit)) is not None:
            k = j  # "der im Sozialministerium angesiedelten Pensionskommission"
        else:
            break
        k += 1
    if last_noun is None:
        return None
    nxt = last_noun + 1
    if nxt + 2 <= limit and is_quote(toks[nxt]) and toks[last_noun].upos == "NOUN":
        # a quoted name after a common noun: "der Agentur „Interfax“"
        close = next((j for j in range(nxt + 2, min(limit, nxt + 6) + 1) if is_quote(toks[j])), None)
        if close is not None and all(toks[j].upos in {"PROPN", "NOUN", "X", "ADJ", "DET", "NUM"} or toks[j].text in {"-", "."} for j in range(nxt + 1, close)):
            last_noun = close
            nxt = close + 1
    if nxt <= limit and toks[nxt].text == "(":
        # "amnesty international ( ai )"
        close = next((j for j in range(nxt + 1, min(limit, nxt + 6) + 1) if toks[j].text == ")"), None)
        if close is not None:
            last_noun = close
    elif nxt + 1 <= limit and toks[nxt].text == "," and toks[nxt + 1].xpos in {"ART", "PPOSAT", "NE", "NN"} | ({"ADJA"} if toks[nxt + 1].upos == "ADJ" else set()):
        # an apposition closed by a comma: "Angaben von Peter Beck , dem Dekan , …"
        app = surface_np_after(sent, nxt + 1, limit)
        if app is not None and app[1] + 1 <= limit and toks[app[1] + 1].text == "," and app[1] - nxt <= 8:
            last_noun = app[1]
    return i, last_noun


def surface_np_before(sent: Sentence, i: int) -> tuple[int, int] | None:
    """A noun phrase that ends at token ``i`` (for postpositions such as ``zufolge``)."""
    toks = sent.tokens
    k = i
    first = None
    while k >= 0:
        t = toks[k]
        if t.upos in {"NOUN", "PROPN", "X"} or t.xpos == "FM" or (t.upos == "NUM"):
            first = k
        elif t.upos == "PRON" and first is None and t.xpos in {"PPER", "PDS", "PRF"}:
            return (k, k)
        elif t.upos in {"DET", "ADJ"} or t.xpos in {"ART", "PPOSAT", "PIAT", "ADJA"}:
            if first is None:
                break
            first = k
            if t.upos == "DET" or t.xpos in {"ART", "PPOSAT"}:
                prev = toks[k - 1] if k > 0 else None
                genitive = t.lower == "des" or (t.lower == "der" and t.feats.get("Case") == "Gen")
                if prev is not None and prev.upos in {"NOUN", "PROPN"} and genitive:
                    k -= 1
                    continue
                break
        else:
            break
        k -= 1
    if first is None:
        return None
    if first >= 2 and toks[first - 1].lower in {"vom", "von"} and all(x.lower in g("temporal_noun") or x.upos in {"NUM", "DET", "ADJ"} for x in toks[first : i + 1]):
        # "dem Bericht vom Donnerstag zufolge": the date belongs to the phrase before it
        before = surface_np_before(sent, first - 2)
        if before is not None:
            return before[0], i
    return first, i


def temporal_phrase(sent: Sentence, lo: int, hi: int) -> bool:
    """Tokens ``lo``..``hi`` name a time ("vom Donnerstag", "vom 3. Mai"), not an author."""
    words = [t for t in sent.tokens[lo : hi + 1] if not t.is_punct]
    return bool(words) and any(t.lower in g("temporal_noun") for t in words) and all(
        t.lower in g("temporal_noun") or t.lower in {"vom", "von", "dem", "am"} or t.upos in {"NUM", "DET", "ADJ", "ADP"} or t.text.rstrip(".").isdigit() for t in words
    )


def name_of(sent: Sentence, lo: int, hi: int) -> str:
    """A canonical name for a noun phrase: its proper-name run, else the phrase without
    article (and without an extended attribute: "der in Großbritannien ansässigen
    Beobachtungsstelle" -> "Beobachtungsstelle")."""
    toks = sent.tokens[lo : hi + 1]
    if (attr := attribute_span(sent.tokens, lo)) is not None and attr[1] < hi:
        toks = [toks[0]] + sent.tokens[attr[1] + 1 : hi + 1]
    runs: list[list[Token]] = []
    cur: list[Token] = []
    for k, t in enumerate(toks):
        propn = t.upos == "PROPN" or t.xpos in {"NE", "FM"} or (t.upos == "X" and t.text[:1].isupper())
        # a country in the genitive before or after a noun ("Russlands Minister", "die
        # Regierung Deutschlands") says whose; it is not the name
        after_noun = k > 0 and toks[k - 1].upos == "NOUN" and t.text.endswith("s") and t.text[:-1] in lexicons.countries()
        if propn and not is_country_genitive(t, toks) and not after_noun:
            cur.append(t)
        elif cur and (t.upos == "NUM" or t.text in {".", "-"}):
            cur.append(t)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    runs = drop_bracketed([r for r in runs if not all(x.upos == "NUM" or x.is_punct for x in r)], sent, lo)
    if runs:
        # coordinated names ("Marianne (63) und Michael (66)") keep both
        last = runs[-1]
        return join_words(last).strip(" .-")
    words = [t for t in toks if not t.is_punct or t.text in {"-", "."}]
    if words and words[0].lower in ARTICLES:
        words = words[1:]
    return join_words(words) if words else join_words(toks)


def drop_bracketed(runs: list[list[Token]], sent: Sentence, lo: int) -> list[list[Token]]:
    """Name runs without those in brackets after the phrase start ``lo``: a party or
    place after the name is not the name ("Christian Wulff (CDU)"); all runs if every
    one is in brackets."""
    return [r for r in runs if not (r[0].i > lo and sent.tokens[r[0].i - 1].text == "(")] or runs


# a preposition and an article the analyzer split from one written word ("Im" -> "In dem")
FUSIONS = {("in", "dem"): "im", ("in", "das"): "ins", ("an", "dem"): "am", ("an", "das"): "ans", ("zu", "dem"): "zum", ("zu", "der"): "zur", ("von", "dem"): "vom", ("bei", "dem"): "beim"}


def join_words(toks: list[Token]) -> str:
    """The words of ``toks`` as written: spaced where the text has a space, the parts of
    a fused preposition joined again ("In der ORF-Sendung „Im Zentrum“" keeps "Im")."""
    out = ""
    prev = None
    for t in toks:
        if prev is not None and t.start == prev.start and t.end == prev.end and (fused := FUSIONS.get((prev.lower, t.lower))) is not None:
            out = out[: len(out) - len(prev.text)] + (fused.capitalize() if prev.text[:1].isupper() else fused)
            prev = t
            continue
        if prev is not None and t.start > prev.end:
            out += " "
        out += t.text
        prev = t
    return out


def is_country_genitive(t: Token, toks: list[Token]) -> bool:
    """'Russlands' in 'Russlands Verteidigungsminister Sergej Schoigu' is not the name;
    nor is a person's genitive before a role noun: 'Trumps' in 'Trumps Anwalt', 'Putins'
    in 'Putins Sprecher' (whose role it is, not who speaks)."""
    if not t.text.endswith("s") or len(t.text) < 3:
        return False
    idx = toks.index(t)
    if idx + 1 >= len(toks):
        return False
    nxt = toks[idx + 1]
    if t.text[:-1] in lexicons.countries():
        return nxt.upos in {"NOUN", "PROPN"}
    # a capitalised word before a role and a name is a genitive even where the tagger
    # calls it a noun ("Schalkes Trainer Felix Magath")
    named_after = idx + 2 < len(toks) and toks[idx + 2].upos == "PROPN" and t.upos == "NOUN" and not t.text.endswith("ss")
    return (
        t.text[:1].isupper()
        and (t.upos == "PROPN" or t.xpos == "NE" or named_after)
        and nxt.upos in {"NOUN", "PROPN"}
        and nxt.text[:1].isupper()
        and (idx == 0 or toks[idx - 1].upos != "DET")
        and lexicons.compound_match(nxt.text, lexicons.roles()) is not None
    )


def nationalities(tokens: list[Token]) -> set[str]:
    """Countries a noun phrase ties its referent to (adjectives and genitives)."""
    out = set()
    genitives, stems = _country_index()
    for t in tokens:
        if t.upos in {"PROPN", "NOUN", "X"} and t.text in genitives:  # "Russlands"
            out.add(genitives[t.text])
        if t.upos == "ADJ" or t.xpos.startswith("ADJ"):  # "russische"
            low = t.lower
            out.update(country for stem, country in stems if low.startswith(stem))
        elif t.upos == "NOUN" and (country := demonym_country(t.text)) is not None:  # "den Kroaten Marin Cilic"
            out.add(country)
    return out


_DEMONYM_ENDINGS = ("e", "en", "er", "ern", "ier", "iern", "in", "innen", "erin", "ierin")


def demonym_country(word: str) -> str | None:
    """The country a noun of origin names, in any case: "Spanier", "Kroaten", "Britin" ->
    Spanien, Kroatien, Großbritannien; None for another word."""
    if not word[:1].isupper():
        return None
    low = word.lower()
    return next((country for stem, country in _country_index()[1] if low.startswith(stem) and low[len(stem) :] in _DEMONYM_ENDINGS), None)


@lru_cache(maxsize=1)
def _country_index() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """Genitive form -> country, and (adjective stem of at least three letters, country)."""
    table = lexicons.countries()
    genitives = {country + "s": country for country in table}
    stems = tuple((s, country) for country, ss in table.items() for s in ss if len(s) >= 3)
    return genitives, stems


def widen_np(sent: Sentence, lo: int, hi: int) -> tuple[int, int]:
    """Extend a noun phrase to the right over a genitive or ``von``-phrase and a comma
    apposition ("Patrick Breyer vom Arbeitskreis X", "Kristina Mena, Professorin für …")."""
    toks = sent.tokens
    n = len(toks)
    while hi > lo and (toks[hi].upos == "ADP" or toks[hi].lower in {"vom", "von", "aus", "bei", "für", "zur"}):
        hi -= 1  # a phrase that ends on its preposition ("Ken Rice vom") is extended from there
    k = hi + 1
    apposed = False  # one comma apposition at most: a second is the message's subject
    while k < n:
        t = toks[k]
        org_pp = t.lower in {"für", "zur"} and toks[k - 1].upos == "NOUN" and k + 1 < n and toks[k + 1].upos in {"NOUN", "ADJ", "DET"}  # "Institut für Astronomie"
        if (t.lower in {"von", "vom", "aus", "bei", "beim", "des", "der", "eines", "aller"} or org_pp) and k + 1 < n and (toks[k + 1].upos in {"PROPN", "NOUN", "DET", "ADJ"} or is_quote(toks[k + 1])):
            span = surface_np_after(sent, k + 1)
            if span is None:
                break
            hi = span[1]
            k = hi + 1
            continue
        if t.lower in {"und", "oder"} and is_truncated(toks[k - 1]) and k + 1 < n and (span := surface_np_after(sent, k + 1)) is not None:
            hi = span[1]  # "der Such- und Rettungsagentur"
            k = hi + 1
            continue
        if t.upos == "PROPN" and toks[k - 1].upos in {"NOUN", "PROPN"} and not toks[k - 1].is_punct:
            hi = k  # a name right after the head: "das Polizeipräsidium Westpfalz", "Business Insider"
            k += 1
            continue
        if t.text == "(":
            close = next((j for j in range(k + 1, min(n, k + 8)) if toks[j].text == ")"), None)
            if close is None:
                break
            hi = close
            k = close + 1
            continue
        # an article the tagger calls a relative pronoun still opens an apposition when a noun
        # follows it ("Milovan Rajevac, der Trainer Ghanas")
        article = t.text == "," and k + 2 < n and toks[k + 1].lower in {"der", "die", "das"} and toks[k + 2].upos in {"NOUN", "ADJ", "PROPN"}
        if not apposed and t.text == "," and k + 1 < n and (toks[k + 1].upos in {"PROPN", "NOUN"} or article or (toks[k + 1].xpos == "ART" and k + 2 < n and toks[k + 2].upos in {"NOUN", "ADJ"})) and (article or not opens_subordinate(toks[k + 1])):
            span = surface_np_after(sent, k + 1)
            if span is None:
                break
            end = span[1]
            nxt = toks[end + 1] if end + 1 < n else None
            if article:
                stop = next((j for j in range(end + 1, n) if toks[j].text in {",", ":", ";", "–"}), n)
                if any(x.is_finite_verb for x in toks[end + 1 : stop]):
                    break  # a relative clause after all: "Ermittlungen, die Anwalt Lierow unternahm"
            if nxt is not None and (nxt.text in {",", ":", ".", ")"} or nxt.upos in {"VERB", "AUX", "ADP"}):
                hi = end
                k = end + 1
                apposed = True
                continue
        break
    return lo, hi


def is_truncated(t: Token) -> bool:
    """The first part of a compound written apart: "Such-" in "Such- und Rettungsagentur"."""
    return t.xpos == "TRUNC" or t.text.endswith("-")


def compound_role(t: Token) -> bool:
    """A compound whose head is a role noun ("Österreich-Chef", "Konzernsprecher"); a plain
    role word may be a surname ("Jens Bischof")."""
    return lexicons.compound_match(t.text, lexicons.roles()) not in {None, t.lower}


def surface_np_around(sent: Sentence, head: int) -> tuple[int, int]:
    """Noun phrase extent by tags alone (for analyzers without a dependency parse)."""
    toks = sent.tokens
    if toks[head].upos == "PRON" and toks[head].xpos in {"PPER", "PRF", "PDS"}:
        return head, head  # "sagte er NBC": the name after the pronoun is the addressee
    if head > 0 and is_quote(toks[head - 1]):
        # a quoted name: "die „Junge Kurie“ der Akademie"
        close = next((j for j in range(head, min(len(toks), head + 8)) if is_quote(toks[j])), None)
        if close is not None and close > head and not any(x.is_finite_verb for x in toks[head:close]):
            lo = head - 2 if head > 1 and toks[head - 2].upos == "DET" else head - 1
            return lo, close
    lo = head
    while lo > 0 and (toks[lo - 1].upos in {"DET", "ADJ", "NUM", "PROPN", "NOUN"} or toks[lo - 1].xpos in {"ART", "ADJA", "PPOSAT", "PIAT", "TRUNC"}):
        if toks[lo - 1].upos == "NOUN" and toks[lo].upos == "NOUN" and toks[lo - 1].feats.get("Case") == "Gen":
            break
        if toks[lo - 1].upos in {"NOUN", "PROPN"} and toks[lo].xpos == "ADJA":
            break  # "mit der Angelegenheit vertraute Personen": the noun before belongs to the adjective's phrase
        lo -= 1
        if toks[lo].upos == "DET":
            break
    hi = head
    if toks[head].xpos == "PIS" and head + 2 < len(toks) and toks[head + 1].lower in {"der", "des"}:
        # "Einer der 13 beteiligten Feuerwehrmänner": the genitive says who
        k = head + 2
        while k < len(toks) and (toks[k].upos in {"ADJ", "NUM"} or toks[k].xpos == "ADJA"):
            k += 1
        if k < len(toks) and toks[k].upos in {"NOUN", "PROPN"}:
            hi = k
    while hi + 1 < len(toks):
        if toks[hi + 1].upos == "PROPN" or (toks[hi].upos == "PROPN" and toks[hi + 1].upos == "NUM"):
            hi += 1
        elif toks[hi].upos in {"PROPN", "NOUN"} and hi + 2 < len(toks) and toks[hi + 1].upos == "NOUN" and lexicons.compound_match(toks[hi + 1].text, lexicons.roles()) is not None:
            if toks[hi + 2].upos == "PROPN":
                hi += 2  # a club's or firm's name, a role, a name: "Admira General Manager Alexander Friedl"
                continue
            if toks[hi + 2].is_punct and compound_role(toks[hi + 1]):
                hi += 1  # a firm's name and a compound role: "der ehemalige Mazda Österreich-Chef"
            break
        else:
            break
    if hi + 3 < len(toks) and toks[hi + 1].text == "(" and toks[hi + 3].text == ")":
        hi += 3
    return lo, hi


def ends_in_perfect_infinitive(sent: Sentence, last: int) -> bool:
    """Does the clause end in a perfect infinitive ("angehört haben", "beteiligt gewesen
    sein")? After "soll" it marks hearsay, after "will" the subject's own claim, not a
    plan or a duty."""
    toks = [t for t in sent.tokens[: last + 1] if not t.is_punct]
    return len(toks) >= 2 and toks[-1].lower in {"haben", "sein"} and (toks[-2].xpos in {"VVPP", "VAPP", "VMPP"} or toks[-2].feats.get("VerbForm") == "Part")
