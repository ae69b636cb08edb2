"""Outlets: media, agencies, reports and channels named in the text, with names resolved
across the document (``dem Bericht`` -> the outlet named before it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims import lexicons
from claims.grammar import syntax as sx
from claims.nlp.model import ParsedDoc, Sentence

# outlet names that are also ordinary German words: only taken after a media noun or as a name tag
AMBIGUOUS = {"bild", "stern", "focus", "welt", "blick", "krone", "kurier", "presse", "standard", "zeit", "phoenix", "profil", "ap", "rt"}
# foreign names: taken after an article or as a tagged name ("zitierte die Sun")
FOREIGN = {"sun", "times", "news", "telegraph", "politico", "prawda"}


@dataclass
class OutletMention:
    sent: int
    first: int  # token range of the phrase
    last: int
    name: str
    kind: str
    start: int
    end: int
    text: str
    named: bool  # has its own proper name
    definite: bool
    plural: bool
    medium: bool  # a medium that can speak (not a document such as "Mitteilung")


def _named_at(sent: Sentence, i: int) -> tuple[int, str, str] | None:
    """A lexicon outlet name starting at token ``i``: (last token, name, kind)."""
    toks = sent.tokens
    if i >= len(toks) or toks[i].lower not in lexicons.outlet_first_words():
        return None
    table = lexicons.outlets()
    for n in (4, 3, 2, 1):
        if i + n > len(toks):
            continue
        words = tuple(t.lower for t in toks[i : i + n])
        hit = table.get(words)
        if hit is None:
            continue
        if n == 1 and words[0] in AMBIGUOUS:
            prev = toks[i - 1] if i > 0 else None
            after_media = prev is not None and lexicons.compound_match(prev.text, lexicons.media_nouns()) is not None
            tagged = toks[i].upos == "PROPN" and prev is not None and prev.lower in sx.ARTICLES
            if not (after_media or tagged):
                continue
        if n == 1 and words[0] in FOREIGN:
            prev = toks[i - 1] if i > 0 else None
            if not (toks[i].text[:1].isupper() and i > 0 and (prev.lower in sx.ARTICLES or toks[i].upos == "PROPN")):
                continue
        if not toks[i].text[:1].isupper() and hit[0][:1].isupper():
            continue
        return i + n - 1, hit[0], hit[1]
    return None


def _nominative(words: list, head) -> str:
    """"russischer Medien" -> "russische Medien": adjectives in the strong nominative
    where the noun is plural or feminine; the noun as its lemma."""
    plural = head.feats.get("Number") == "Plur" or head.lower.endswith("medien")
    fem = head.feats.get("Gender") == "Fem"
    out = []
    for w in words:
        if w.upos == "ADJ" and w.lemma and (plural or fem) and w.lemma.isalpha():
            out.append(w.lemma.lower() + "e" if w.text[:1].islower() else w.lemma + "e")
        elif w is head and w.lemma and not plural and w.lemma[:1].isupper():
            out.append(w.lemma)
        else:
            out.append(w.text)
    return " ".join(out)


# a web site named by its domain: "Myce.com", "Golem.de", "www.echotopos.ch"
_WEB_NAME = re.compile(r"(?:www\.)?[A-Za-z0-9][\w-]*(?:\.[\w-]+)*\.(?:com|net|org|info|io|de|at|ch|eu|fr|it|es|nl|ru|us|uk)")


def find_outlet_mentions(doc: ParsedDoc, sent: Sentence) -> list[OutletMention]:
    out: list[OutletMention] = []
    toks = sent.tokens
    media = lexicons.media_nouns()
    first_words = lexicons.outlet_first_words()
    k = 0
    while k < len(toks):
        t = toks[k]
        named = _named_at(sent, k) if t.lower in first_words else None
        noun = None
        if t.upos in {"NOUN", "PROPN", "X"} or t.text[:1].isupper():
            noun = lexicons.compound_match(t.lemma, media) or (lexicons.compound_match(t.text, media) if t.text != t.lemma else None)
        if named is None and noun is None and _WEB_NAME.fullmatch(t.text):
            named = (k, t.text, "online")  # "berichtet Myce.com", "laut Golem.de"
        if named is None and noun is None:
            k += 1
            continue
        lo, hi = k, k
        name = None
        kind = "unknown"
        is_named = False
        medium = True
        if named is not None:
            hi, name, kind = named
            is_named = True
        else:
            kind = "medium" if media[noun] == "medium" else "document"
            medium = media[noun] == "medium"
            # a name right after the media noun: "der Sender CCTV News", "Magazin Business Insider"
            j = k + 1
            nxt = _named_at(sent, j) if j < len(toks) else None
            if nxt is not None:
                hi, name, kind = nxt
                is_named = True
                medium = True
            else:
                run = []
                while j < len(toks) and (toks[j].upos == "PROPN" or toks[j].xpos in {"NE", "FM"} or (run and toks[j].upos == "NUM")) and toks[j].text[:1].isupper() | (toks[j].upos == "NUM"):
                    run.append(toks[j])
                    j += 1
                if run and not any(x.text in lexicons.countries() for x in run):
                    hi = run[-1].i
                    name = sx.join_words(run)
                    is_named = True
                    medium = True
                elif "-" in t.text and t.text.split("-")[0].isupper():
                    # "ORF-Report", "Bild-Zeitung": the compound names its outlet
                    name = t.text
                    is_named = True
        # extend to the left over article and adjectives
        while lo > 0 and (toks[lo - 1].upos in {"DET", "ADJ"} or toks[lo - 1].xpos in {"ART", "ADJA", "PPOSAT", "PIAT"}):
            lo -= 1
        # mwt words share offsets: "im ORF-Report" -> start at "im"
        first_tok = toks[lo]
        if lo > 0 and toks[lo - 1].start == first_tok.start:
            lo -= 1
        if name is None:
            words = [x for x in toks[lo : hi + 1] if x.lower not in sx.ARTICLES and not x.is_punct and x.lower not in {"einem", "einer", "ein", "eine", "eines", "im", "in", "zum", "zur", "beim", "vom", "am"}]
            name = _nominative(words, t) if words else t.text
        det = toks[lo]
        definite = det.lower in sx.ARTICLES or det.lower in {"im", "zum", "zur", "vom", "beim", "am"}
        plural = t.feats.get("Number") == "Plur" or t.lower.endswith(("berichte", "berichten", "medien"))
        start, end = toks[lo].start, toks[hi].end
        if lo > 0 and toks[lo].start == toks[lo - 1].start:
            start = toks[lo].start
        out.append(OutletMention(sent.index, lo, hi, name, kind, start, end, doc.text[start:end], is_named, definite, plural, medium))
        k = hi + 1
    return out


def resolve_outlet_names(doc: ParsedDoc, mentions: list[list[OutletMention]]) -> None:
    """Give unnamed mentions the name of the outlet they refer to (in place).

    A definite unnamed mention (``dem Bericht``, ``die Zeitung``, ``dem Blatt``) takes
    the last named outlet before it; an indefinite singular report (``einem
    britischen Zeitungsbericht``) takes the next named outlet within two sentences.
    """
    last_named: OutletMention | None = None
    flat = [m for ms in mentions for m in ms]
    for idx, m in enumerate(flat):
        if m.named:
            last_named = m
            continue
        if m.definite and last_named is not None and not m.plural:
            m.name = last_named.name
            m.named = True
            m.medium = True
            m.kind = last_named.kind
        elif not m.definite and not m.plural:
            nxt = next((x for x in flat[idx + 1 :] if x.named and x.medium and x.sent - m.sent <= 2), None)
            if nxt is not None and last_named is None:
                m.name = nxt.name
                m.kind = nxt.kind
                m.medium = True
