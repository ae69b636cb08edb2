"""Outlets: media, agencies, reports and channels named in the text, with names resolved
across the document (``dem Bericht`` -> the outlet named before it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims import lexicons
from claims.grammar import inflection
from claims.grammar import syntax as sx
from claims.nlp.model import ARABIC_ARTICLE, ParsedDoc, Sentence

# outlet names that are also ordinary German words: only taken after a media noun or as a name tag
AMBIGUOUS = {"bild", "sz", "stern", "focus", "welt", "blick", "krone", "kurier", "presse", "standard", "zeit", "phoenix", "profil", "ap", "rt", "heute", "news", "falter", "trend", "format", "capital", "time", "vice", "mirror", "observer", "independent", "abendzeitung", "sabah", "zaman", "marca", "fars", "wired", "cicero", "variety", "billboard", "heise", "golem", "kicker", "tagesschau", "volkszeitung", "ria", "sana", "express", "nature", "science", "threads", "atlantic", "economist", "lancet", "arte", "dawn", "origo", "sme", "delo", "politika", "reddit", "furche"}
# foreign names: taken after an article or as a tagged name ("zitierte die Sun")
FOREIGN = {"sun", "times", "news", "telegraph", "politico", "prawda"}


KINDS = {"agency", "broadcaster", "newspaper", "magazine", "online", "social"}
POSSESSIVES = {p + e for p in ("mein", "dein", "sein", "ihr", "unser", "euer") for e in ("", "e", "er", "em", "en", "es")}


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
    authored: bool = False  # a document whose author is the speaker ("Aussendung", "Papier")
    bare: bool = False  # no article: "laut Bericht"
    owner: tuple[int, int] | None = None  # token range of the author: "des BND", "von Nissan"
    statement: bool = False  # its author without a name is the speaker named before
    noun: str | None = None  # the media noun of the phrase ("zeitung" in "die Zeitung Die Welt")


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
        if hit is None and n >= 2:
            # an inflected adjective in the name: "der Kleinen Zeitung", "den Oberösterreichischen Nachrichten"
            hit = table.get(tuple(w[:-1] if k < n - 1 and w.endswith("en") else w for k, w in enumerate(words)))
        if hit is None:
            continue
        quoted = _quoted(toks, i, i + n - 1)
        if n == 1 and words[0] in OWN_PAPER and toks[i].text.isupper():
            continue  # "sagte er dem STANDARD": derStandard's own writer, no outlet
        if n == 1 and words[0] in AMBIGUOUS:
            prev = toks[i - 1] if i > 0 else None
            if quoted and i > 1:
                prev = toks[i - 2]  # the media noun before the title: 'das Magazin "profil"'
            after_media = prev is not None and lexicons.compound_match(prev.text, lexicons.media_nouns()) is not None
            tagged = quoted or ((toks[i].upos == "PROPN" or toks[i].text.isupper()) and prev is not None and prev.lower in sx.ARTICLES)
            if not (after_media or tagged or _named_by_position(toks, i)):
                continue
        if n == 1 and words[0] in FOREIGN:
            prev = toks[i - 1] if i > 0 else None
            if not (toks[i].text[:1].isupper() and i > 0 and (quoted or prev.lower in sx.ARTICLES or toks[i].upos == "PROPN")):
                continue
        if not toks[i].text[:1].isupper() and hit[0][:1].isupper():
            continue
        return i + n - 1, hit[0], hit[1]
    return None


# the article's own paper in derStandard's spelling ("sagte er dem STANDARD"): the annotation
# guide leaves what was said to the article's own writer without an outlet
OWN_PAPER = {"standard"}


def _named_by_position(toks, i: int) -> bool:
    """An ambiguous title ("Kurier", "Presse", "Krone") where only a medium fits, in text
    whose quotation marks were stripped: after "laut"/"gegenüber" or before "zufolge";
    after an article, as a frame's dative or subject ("sagte Ludwig dem Kurier", "wie die
    Presse berichtet"), that is before punctuation, a preposition, an adverb or a speech
    verb, and not inside a prepositional phrase ("mit der Zeit", "vor der Presse") or a
    genitive after a common noun ("der beste Spieler der Welt")."""
    t = toks[i]
    if t.lower in OWN_PAPER or i == 0 or not t.text[:1].isupper():
        return False
    prev = toks[i - 1]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if prev.lower in {"laut", "gegenüber"} or (nxt is not None and nxt.lower == "zufolge"):
        return True
    if prev.lower not in {"der", "die", "das", "dem", "den"}:
        return False
    pp = toks[i - 2] if i >= 2 else None
    if pp is not None and pp.lower == "mit" and i >= 3 and toks[i - 3].lower.split("-")[-1] in _CONVERSATIONS:
        return True  # "im Interview mit dem Kurier", "im Gespräch mit der Presse"
    if pp is not None and pp.is_finite_verb and pp.lemma in lexicons.speech_verbs():
        return True  # "zitiert die Krone den Minister", "berichtete die Presse"
    if pp is not None and (pp.upos == "ADP" or pp.xpos in {"APPR", "APPRART", "APPO"}) and pp.lower != "gegenüber":
        return False
    if pp is not None and prev.lower == "der" and pp.upos in {"NOUN", "ADJ"}:
        return False
    if nxt is not None and nxt.text == "," and (i == 1 or toks[i - 2].is_punct):
        return False  # "Das Bild, das …": a subject with a relative clause, a common noun
    if nxt is None or nxt.is_punct or nxt.upos in {"ADP", "ADV"} or nxt.xpos in {"APPR", "APPRART", "ADV"}:
        return True
    return nxt.lemma in lexicons.speech_verbs() or nxt.lower in lexicons.speech_verbs()


def _quoted(toks, i: int, last: int) -> bool:
    """Tokens ``i``..``last`` are all that stands between two quotation marks: a title
    ('dem "Kurier"', 'laut "Heute"'), not the first word of a quotation."""
    return i > 0 and last + 1 < len(toks) and sx.is_quote(toks[i - 1]) and sx.is_quote(toks[last + 1])


# second parts of "APA-Gespräch", "ORF-Talk", "APA-Anfrage", "dpa-Informationen": a
# conversation with the outlet, its request, what it found out
_CONVERSATIONS = {"gespräch", "talk", "telefonat", "pressegespräch", "hintergrundgespräch", "interview", "anfrage", "informationen", "infos", "recherchen", "recherche"}


def _named_compound(t) -> tuple[str, str] | None:
    """A compound whose first part names a social network or web site ("Facebook-Seite",
    "Twitter-Account"), or any outlet before a conversation ("APA-Gespräch") -> (the
    outlet's name, kind). ("ARD-Krimi" is a programme, not the channel of a claim.)"""
    if "-" not in t.text:
        return None
    first = t.text.split("-")[0].lower()
    if first in AMBIGUOUS or first in FOREIGN:
        return None
    hit = lexicons.outlets().get((first,))
    if hit is None:
        return None
    second = t.text.rsplit("-", 1)[1].lower()
    if hit[1] not in {"social", "online"} and second not in _CONVERSATIONS and lexicons.outlets().get((second,)) is not None and second not in AMBIGUOUS:
        return t.text, lexicons.outlets()[(second,)][1]  # a broadcaster's programme: "ORF-Pressestunde"
    return hit if hit[1] in {"social", "online"} or second in _CONVERSATIONS else None


_INTERVIEWS = frozenset({"interview", "gespräch"})  # "im Interview mit goal.com"


def _service_position(toks, k: int) -> bool:
    """A domain after a preposition that makes it a place or a service ("mit Docs.com",
    "über Docs.com möglich", "unter Docs.com erreichbar"), not a medium ("laut Golem.de",
    "auf Myce.com", "berichtet Myce.com")."""
    prev = toks[k - 1] if k > 0 else None
    if prev is None or not (prev.upos == "ADP" or prev.xpos in {"APPR", "APPRART"}):
        return False
    if prev.lower == "mit" and k > 1 and lexicons.compound_match(toks[k - 2].text, _INTERVIEWS) is not None:
        return False  # "im Interview mit goal.com"
    return prev.lower not in {"laut", "auf", "bei", "gegenüber", "via", "von", "zufolge", "nach"}


def _common_noun_before(t) -> bool:
    """An article, adjective or preposition: the next noun is a common noun."""
    return t.upos in {"DET", "ADJ", "ADP"} or t.xpos in {"ART", "ADJA", "APPR", "APPRART", "PPOSAT"}


def _owner_after(sent: Sentence, hi: int, with_von: bool = True) -> tuple[int, int] | None:
    """The author of a document right after its noun: a genitive ("des BND", "der
    Regierung") or, ``with_von``, a "von" phrase ("von Nissan"), as a token range. (A
    report's "von" is too often the verb's: "fordern laut Medienberichten von X …".)"""
    toks = sent.tokens
    j = hi + 1
    if j + 1 >= len(toks):
        return None
    if toks[j].lower in {"von", "vom"}:
        if not with_von:
            return None
        j += toks[j].lower == "von"
    elif toks[j].text not in {"des", "der", "eines", "einer"}:
        return None
    span = sx.surface_np_after(sent, j)
    if span is None or not any(x.upos in {"NOUN", "PROPN"} for x in toks[span[0] : span[1] + 1]):
        return None
    if sx.temporal_phrase(sent, span[0], span[1]):
        return None  # "der Studie vom 3. Mai": a date, not the author
    if inflection.no_genitive(toks[span[0] : span[1] + 1]):
        return None  # "laut Erhebung der Fall war"
    return span


def _names_a_medium(sent: Sentence, span: tuple[int, int]) -> bool:
    media = lexicons.media_nouns()
    return any(_named_at(sent, k) is not None or lexicons.compound_match(sent.tokens[k].text, media) is not None for k in range(span[0], span[1] + 1))


def author_before(mentions: list[list[OutletMention]], om: OutletMention, window: int = 2) -> OutletMention | None:
    """The last statement or document with a named author in the sentences up to
    ``window`` before ``om`` ("eine Erhebung des BKA … Der Statistik zufolge")."""
    for s in range(om.sent, max(-1, om.sent - window - 1), -1):
        for m in reversed(mentions[s]):
            if m.owner is not None and (m.sent < om.sent or m.last < om.first):
                return m
    return None


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
            if noun in lexicons.surname_media_nouns() and not (k > 0 and _common_noun_before(toks[k - 1])):
                noun = None  # "Hans-Jürgen Papier", "Papier sagte": a surname
            elif noun in lexicons.exact_media_nouns() and noun not in {t.lower, t.lemma.lower()}:
                noun = None  # "die EU-Grenzschutzagentur Frontex" is no news agency
        if named is None and noun is None and _WEB_NAME.fullmatch(t.text) and not _service_position(toks, k):
            named = (k, t.text, "online")  # "berichtet Myce.com", "laut Golem.de"
        if named is None and noun is None and (hit := _named_compound(t)) is not None:
            named = (k, *hit)  # "auf seiner Facebook-Seite"
        if named is None and noun is None:
            k += 1
            continue
        if named is None and t.text.startswith("-") and k > 0 and sx.is_quote(toks[k - 1]) and out and out[-1].last >= k - 2:
            k += 1  # 'im „ZiB 2“-Interview': the quoted title before is the outlet
            continue
        lo, hi = k, k
        name = None
        kind = "unknown"
        is_named = False
        medium = True
        authored = statement = False
        if named is not None:
            hi, name, kind = named
            is_named = True
        else:
            kind = "medium" if media[noun] == "medium" else "document"
            medium = media[noun] == "medium"
            authored = media[noun] in {"statement", "document"}
            statement = media[noun] == "statement"
            # a name right after the media noun: "der Sender CCTV News", "Magazin Business Insider"
            j = k + 1
            nxt = _named_at(sent, j) if j < len(toks) else None
            if nxt is None and j < len(toks) and sx.is_quote(toks[j]):
                # a quoted title: 'der Fachzeitschrift "Nature"', 'das Magazin "profil"'
                close = next((e for e in range(j + 1, min(len(toks), j + 7)) if sx.is_quote(toks[e])), None)
                if close is not None and close > j + 1 and (toks[j + 1].text[:1].isupper() or _named_at(sent, j + 1) is not None):
                    nxt = _named_at(sent, j + 1) or (close - 1, sx.join_words(toks[j + 1 : close]), "unknown")
            if nxt is None and j < len(toks) and _WEB_NAME.fullmatch(toks[j].text):
                nxt = (j, toks[j].text, "online")  # "dem Technologieportal golem.de"
            if nxt is not None and not sx.is_quote(toks[j]):
                # "im Fachblatt Science Advances": a longer name than the lexicon's
                end = nxt[0]
                while end + 1 < len(toks) and (toks[end + 1].upos == "PROPN" or toks[end + 1].xpos in {"NE", "FM"}) and toks[end + 1].text[:1].isupper():
                    end += 1
                if end > nxt[0]:
                    nxt = (end, sx.join_words(toks[j : end + 1]), nxt[2])
            if nxt is not None:
                hi, name, kind = nxt
                is_named = True
                medium = True
            else:
                run = []
                while j < len(toks) and (((toks[j].upos == "PROPN" or toks[j].xpos in {"NE", "FM"} or (run and toks[j].upos == "NUM")) and toks[j].text[:1].isupper() | (toks[j].upos == "NUM")) or ARABIC_ARTICLE.match(toks[j].text)):
                    run.append(toks[j])
                    j += 1
                if run and not any(x.text in lexicons.countries() for x in run):
                    hi = run[-1].i
                    name = sx.join_words(run)
                    is_named = True
                    medium = True
                elif "-" in t.text and len(t.text.split("-")[0]) > 1 and t.text.split("-")[0].isupper():
                    # "ORF-Report", "Bild-Zeitung": the compound names its outlet
                    name = t.text
                    is_named = True
        # extend to the left over article and adjectives
        while lo > 0 and ((toks[lo - 1].upos in {"DET", "ADJ"} and toks[lo - 1].xpos != "ADJD") or toks[lo - 1].xpos in {"ART", "ADJA", "PPOSAT", "PIAT"}):
            lo -= 1
        if (opened := sx.attribute_start(toks, lo)) is not None:
            lo = opened  # "einer am Mittwoch veröffentlichten Umfrage"
        # mwt words share offsets: "im ORF-Report" -> start at "im"
        first_tok = toks[lo]
        if lo > 0 and toks[lo - 1].start == first_tok.start:
            lo -= 1
        owner = None
        if name is None:
            plural = t.feats.get("Number") == "Plur" or t.lower.endswith(("berichte", "berichten", "medien"))
            # "auf seiner Website" -> "Website": a possessive is no part of the name
            name = inflection.nominative([x for x in toks[lo : hi + 1] if x.lower != "in" and x.xpos != "PPOSAT" and x.lower not in POSSESSIVES], keep_indefinite=False, plural=plural) or t.text
            owner = _owner_after(sent, hi, with_von=authored) if not medium else None
            if owner is not None:
                # "der Organisation für das Verbot chemischer Waffen", not over a comma
                wide = sx.widen_np(sent, *owner)[1]
                comma = next((j for j in range(owner[1] + 1, wide + 1) if toks[j].text == ","), None)
                owner = (owner[0], wide if comma is None else max(owner[1], comma - 1))
            if owner is not None and not authored and _names_a_medium(sent, owner):
                owner = None  # "ein Bericht der Zeitung Die Welt": the medium is its own mention
            if owner is not None:
                # "einem vertraulichen Papier des BND": the author belongs to the document's name
                name = f"{name} {doc.text[toks[hi + 1].start : toks[owner[1]].end]}"
                hi = owner[1]
        det = toks[lo]
        definite = det.lower in sx.ARTICLES or det.lower in {"im", "zum", "zur", "vom", "beim", "am"}
        plural = t.feats.get("Number") == "Plur" or t.lower.endswith(("berichte", "berichten", "medien"))
        start, end = toks[lo].start, toks[hi].end
        if lo > 0 and toks[lo].start == toks[lo - 1].start:
            start = toks[lo].start
        bare = lo == k and k > 0 and toks[k - 1].upos == "ADP"
        out.append(OutletMention(sent.index, lo, hi, name, kind, start, end, doc.text[start:end], is_named, definite, plural, medium, authored and not is_named, bare, owner, statement and not is_named, noun))
        k = hi + 1
    return _interview_with_medium(toks, out)


# pieces written for a medium: "in einem Gastkommentar für die FAZ" -> FAZ
_PIECES = frozenset({"artikel", "kommentar", "gastkommentar", "gastbeitrag", "kolumne", "leitartikel"})


def _interview_with_medium(toks, out: list[OutletMention]) -> list[OutletMention]:
    """An interview given to a medium, or a piece written for one, is one outlet, the
    medium: "im Interview mit dem Kurier", "in einem Interview mit der BBC", "in einem
    Artikel für die Washington Post" -> Kurier, BBC, Washington Post."""
    def joined(m: OutletMention) -> bool:
        prep = toks[m.last + 1].lower
        return (m.noun in _CONVERSATIONS and prep == "mit") or ((m.noun or "").lower() in _PIECES and prep in {"für", "in", "im"})

    def next_to(m: OutletMention, n: OutletMention) -> bool:
        """Only the preposition, an article and a quotation mark between them."""
        between = toks[m.last + 2 : n.first]
        return 2 <= n.first - m.last <= 4 and all(x.upos == "DET" or x.text in sx.QUOTE_MARKS for x in between)

    drop = {id(m) for m, n in zip(out, out[1:], strict=False) if n.named and n.medium and next_to(m, n) and joined(m)}
    return [m for m in out if id(m) not in drop]


def resolve_outlet_names(doc: ParsedDoc, mentions: list[list[OutletMention]]) -> None:
    """Give unnamed mentions the name of the outlet they refer to (in place).

    A definite unnamed mention (``dem Bericht``, ``die Zeitung``, ``dem Blatt``) takes
    the last named outlet before it; an indefinite singular report (``einem
    britischen Zeitungsbericht``) takes the next named outlet within two sentences; a
    bare one (``laut Bericht``) the last named outlet (the last with the same noun, if
    any: ``die Zeitung`` after ``die Zeitung Die Welt``), else the next. Documents with
    an author of their own (``einer Aussendung``, ``dem Papier``) take no medium's name.
    """
    last_named: OutletMention | None = None
    named_by_noun: dict[str, OutletMention] = {}  # the last named mention with each media noun
    named_list: list[OutletMention] = []  # every named mention so far, in text order
    flat = [m for ms in mentions for m in ms]
    for idx, m in enumerate(flat):
        if m.named:
            last_named = m
            named_list.append(m)
            if m.noun is not None:
                named_by_noun[m.noun] = m
            continue
        if m.authored or m.owner is not None:
            continue  # a press release, a paper or a report with its author is not the medium named nearby
        if (m.definite or m.bare) and last_named is not None and not m.plural:
            # "die Zeitung" is the newspaper named with that noun ("die Zeitung Die Welt")
            # rather than a portal named since
            ref = named_by_noun.get(m.noun, last_named)
            kinds = lexicons.media_noun_kinds().get(m.noun or "")
            if kinds is not None and ref.kind in KINDS and ref.kind not in kinds:
                # "laut Bericht" after Facebook named in passing: the last outlet that
                # makes reports; "das Staatsfernsehen" after the agency AFP: none
                ref = next((x for x in reversed(named_list) if x.kind not in KINDS or x.kind in kinds), None)
                if ref is None:
                    continue
            last_named = ref
            m.name = last_named.name
            m.named = True
            m.medium = True
            m.kind = last_named.kind
            if m.noun is not None:
                named_by_noun[m.noun] = m
        elif not m.definite and not m.plural:
            nxt = next((x for x in flat[idx + 1 :] if x.named and x.medium and x.sent - m.sent <= 2), None)
            if nxt is not None and last_named is None:
                m.name = nxt.name
                m.kind = nxt.kind
                m.medium = True
