"""Noun phrases in the nominative: the canonical form of a speaker's or an outlet's name.

``des bahrainischen Innenministeriums`` -> ``bahrainisches Innenministerium``,
``einem selbsternannten Mitglied`` -> ``ein selbsternanntes Mitglied``,
``vom Internationalen Strafgerichtshof`` -> ``Internationaler Strafgerichtshof``.

The phrase is read from its first word up to its head noun (the last noun before a
genitive, a preposition or a bracket); what follows the head stays as written
("Papier des BND", "Oberster Gerichtshof in Pretoria"). A definite article goes, an
indefinite one becomes ``ein``/``eine``; adjectives take the strong nominative ending
for the head's gender and number; a genitive ``-s`` on the head goes. Gender and
number come from the articles and the analyzer's features where they agree, else from
the noun's ending and the word lists in ``grammar.tsv`` (the lite analyzer has no
morphology).
"""

from __future__ import annotations

from claims import lexicons
from claims.grammar import syntax as sx
from claims.nlp.model import Token

INDEFINITE = {"ein", "eine", "einer", "einem", "einen", "eines"}
# prepositions fused with an article: the article goes with them
FUSED = {"im", "am", "vom", "zum", "zur", "beim", "ins", "ans"}
_ADJ_ENDINGS = ("en", "em", "er", "es", "e")
_FEM_SUFFIXES = ("ung", "heit", "keit", "schaft", "ion", "tät", "ei", "ie", "ik", "ur", "enz", "anz", "in")
_FEM_ALWAYS = ("ung", "heit", "keit", "schaft", "ion", "tät")  # suffixes of feminine nouns only
_NEUT_SUFFIXES = ("um", "ium", "ment", "chen", "lein", "tum", "ma", "ett", "al", "at", "nis")
_STRONG = {"Masc": "er", "Neut": "es", "Fem": "e", "Plur": "e"}


def _is_adjective(t: Token) -> bool:
    if t.upos == "PROPN" and t.text[:1].islower() and t.lower.endswith(_ADJ_ENDINGS):
        return True  # the lite tagger's "bahrainischen/NE"
    return t.xpos == "ADJA" or (t.upos == "ADJ" and t.xpos != "ADJD")


def adjective_stem(word: str) -> str:
    """``bahrainischen`` -> ``bahrainisch``; a word without an ending stays."""
    low = word.lower()
    for e in _ADJ_ENDINGS:
        if low.endswith(e) and len(word) - len(e) >= 3:
            return word[: -len(e)]
    return word


def gender(head: Token, article: Token | None, plural: bool = False, adjective: Token | None = None) -> str:
    """``Masc``, ``Neut``, ``Fem`` or ``Plur`` for the head noun of a phrase, from its
    article, the ending of an adjective before it ("die britischen Forscher" is plural,
    "die britische Regierung" feminine), the noun's ending and the gender lists."""
    art = article.lower if article is not None else ""
    low = head.lower.split("-")[-1]
    if art in {"des", "eines"} and low.endswith("s"):
        low = drop_genitive_s(low)
    feats = head.feats
    if plural or feats.get("Number") == "Plur":
        return "Plur"
    adj = adjective.lower if adjective is not None else ""
    listed_feminine = _listed(low, "feminine_noun")
    feminine = listed_feminine or (low.endswith(_FEM_SUFFIXES) and not _listed(low, "neuter_noun"))
    if art in {"einer", "eine"}:
        return "Fem"
    if art == "die":
        if adj.endswith("en") or not feminine:
            return "Plur"
        return "Fem"
    if art == "der" and adj.endswith("en"):
        return "Fem" if feminine else "Plur"
    if _listed(low, "neuter_noun"):
        return "Neut"
    if _listed(low, "masculine_noun"):
        return "Masc"
    if listed_feminine or low.endswith(_FEM_ALWAYS):
        return "Fem"  # whatever the article: "der Polizei", "der Gewerkschaft" is a genitive or dative
    if feminine and art not in {"des", "eines", "dem", "einem", "den", "einen", "der"}:
        return "Fem"
    if art == "das" or low.endswith(_NEUT_SUFFIXES):
        return "Neut"
    # the analyzer's genders of the article, the adjective and the noun, by majority
    votes = [x.feats.get("Gender") for x in (article, adjective, head) if x is not None]
    votes = [v for v in votes if v in {"Masc", "Neut"}]
    if votes:
        return max(("Masc", "Neut"), key=votes.count) if votes.count("Masc") != votes.count("Neut") else votes[-1]
    return "Masc"


def no_genitive(words: list[Token]) -> bool:
    """The phrase ``words`` opens with a "der" that is no genitive: "der" is one before a
    feminine or plural noun ("der Polizei", "der Autobauer"), not before a masculine or
    neuter singular one ("laut Erhebung der Fall war"). The first noun decides."""
    if len(words) < 2 or words[0].lower != "der":
        return False
    k = next((k for k, w in enumerate(words) if k and w.upos in {"NOUN", "PROPN"}), None)
    if k is None or words[k].upos != "NOUN" or any(w.upos == "ADP" for w in words[1:k]):
        return False  # a name, or an extended attribute ("der im Ministerium angesiedelten …")
    head = words[k]
    adjective = next((w for w in reversed(words[1:k]) if _is_adjective(w)), None)
    return gender(head, words[0], adjective=adjective) in {"Masc", "Neut"} and not head.lower.endswith(("er", "en", "n"))


def _gender_known(head: Token) -> bool:
    """The masculine or neuter gender of ``head`` comes from the analyzer, a gender list or
    a neuter suffix, not from :func:`gender`'s default."""
    low = head.lower.split("-")[-1]
    return bool(head.feats.get("Gender")) or _listed(low, "masculine_noun") or _listed(low, "neuter_noun") or low.endswith(_NEUT_SUFFIXES)


def _listed(word: str, category: str) -> bool:
    """``word`` or its last compound part is in a gender list of ``grammar.tsv``; a part of
    three letters ("hof", "amt", "rat") only after a first part of four ("Rechnungshof",
    "Bundesamt"; not "gesamt")."""
    nouns = sx.g(category)
    return word in nouns or any(word.endswith(n) for n in nouns if (len(n) >= 4 and len(word) > len(n)) or (len(n) == 3 and len(word) >= len(n) + 4))


def listed_gender(word: str) -> str | None:
    """``Masc``, ``Neut`` or ``Fem`` when ``word`` or its last compound part is in a gender
    list of ``grammar.tsv`` ("Rechnungshof" masculine, "Bundesamt" neuter), else None."""
    low = word.lower().split("-")[-1]
    for gen, category in (("Masc", "masculine_noun"), ("Neut", "neuter_noun"), ("Fem", "feminine_noun")):
        if _listed(low, category):
            return gen
    return None


def head_index(words: list[Token]) -> int | None:
    """Index in ``words`` of the head noun: the last noun of the first run of article,
    adjectives and nouns. A noun inside an extended attribute ("der im Ministerium
    angesiedelten Kommission") is not the head."""
    head = None
    attribute = None  # the last noun of a prepositional phrase opened before any head
    for k, t in enumerate(words):
        if (t.upos in {"NOUN", "PROPN"} or (t.upos == "X" and t.text[:1].isupper())) and not _is_adjective(t):
            if attribute is not None:
                attribute = k
            else:
                head = k
            continue
        if attribute is not None and attribute != -1 and _is_adjective(t):
            attribute = None  # the participle closes the attribute
            continue
        if head is not None:
            break
        if t.upos == "ADP" or t.xpos in {"APPR", "APPRART"}:
            attribute = -1
            continue
        if not (_is_adjective(t) or t.upos in {"DET", "NUM", "ADP"} or t.xpos in {"ART", "PIAT", "PPOSAT"} or t.lower in FUSED):
            return None
    return head if head is not None or attribute in {None, -1} else attribute


def nominative(words: list[Token], keep_indefinite: bool = True, plural: bool = False) -> str:
    """The phrase ``words`` in the nominative (see the module's docstring)."""
    words = [w for w in words if not w.is_punct or w.text in {"-", ".", "(", ")", "/"}]
    if not words:
        return ""
    if len(words) > 1 and words[0].lower in INDEFINITE and words[1].lower in sx.ARTICLES:
        return sx.join_words(words)  # "eine der Zeuginnen": a pronoun, not an article
    h = head_index(words)
    if h is None:
        return sx.join_words(words[1:] if len(words) > 1 and words[0].lower in sx.ARTICLES else words)
    attr = next((k for k in range(h) if words[k].upos == "ADP" or words[k].xpos in {"APPR", "APPRART"}), None)
    if attr is not None:
        # an extended attribute is no part of a name: "der im Sozialministerium
        # angesiedelten Pensionskommission" -> "Pensionskommission"
        close = max((k for k in range(attr + 1, h) if _is_adjective(words[k]) and words[k - 1].upos in {"NOUN", "PROPN"}), default=None)
        if close is not None:
            words = words[:attr] + words[close + 1 :]
            h -= close + 1 - attr
    head = words[h]
    article = next((w for w in words[:h] if w.lower in sx.ARTICLES or w.lower in INDEFINITE), None)
    if article is None and words[0].lower in FUSED:
        article = words[0]
    adjective = next((w for w in reversed(words[:h]) if _is_adjective(w)), None)
    gen = gender(head, article, plural, adjective)
    out: list[str] = []
    spaced: list[Token] = []
    for k, w in enumerate(words):
        if k < h and (w.lower in sx.ARTICLES or w.lower in FUSED or w.upos == "ADP"):
            continue  # "vom", stanza's "von dem"
        if k < h and w.lower in INDEFINITE:
            if keep_indefinite and gen != "Plur":
                out.append(("eine" if gen == "Fem" else "ein") if w.text[:1].islower() else ("Eine" if gen == "Fem" else "Ein"))
                spaced.append(w)
            continue
        # without an article "-er" before a feminine noun is its dative or genitive, "-em"
        # always a dative ("laut österreichischer Erhebung", "laut jüngstem Index")
        oblique = article is None and w.text[:1].islower() and ((gen == "Fem" and w.lower.endswith("er")) or (gen in {"Masc", "Neut"} and w.lower.endswith("em") and _gender_known(head)))
        if k < h and _is_adjective(w) and (oblique or _inflects(w, article, plural if article is None else gen == "Plur")):
            out.append(adjective_stem(w.text) + _STRONG[gen])
        elif k == h and article is not None and article.lower in {"des", "dem", "den", "eines", "einem", "einen"} and gen == "Masc" and _weak_base(w.text):
            out.append(_weak_base(w.text))  # "eines leitenden Beamten" -> "ein leitender Beamter"
        elif k == h and gen in {"Masc", "Neut"} and article is not None and article.lower in {"des", "eines"} and not (gen == "Masc" and _lemma_ending(w)):
            out.append(drop_genitive_s(w.text))
        elif k == h and gen == "Plur" and (article is None or article.lower == "den") and _plural_base(w.text):
            out.append(_plural_base(w.text))  # "laut Medienberichten" -> "Medienberichte"
        elif k == h and gen == "Masc" and _lemma_ending(w) and article is not None and article.lower in {"des", "dem", "den", "eines", "einem", "einen"}:
            out.append(w.lemma)  # "des Präsidenten" -> "Präsident"
        else:
            out.append(w.text)
        spaced.append(w)
    # keep the spacing of the text: no space before a hyphen or bracket joined to a word
    text = ""
    for k, (w, form) in enumerate(zip(spaced, out, strict=True)):
        if k and w.start > spaced[k - 1].end:
            text += " "
        text += form
    return text


def _inflects(w: Token, article: Token | None, plural: bool) -> bool:
    """Whether an attributive adjective needs a new ending: not an indeclinable place
    adjective ("Wiener"), not one without an ending ("massenhaft"), not one already in
    the nominative after "ein" ("ein neues Echo"), not one without an article unless the
    noun is known to be plural."""
    low = w.lower
    if not w.text[:1].isalpha() or not low.endswith(_ADJ_ENDINGS):
        return False
    if w.text[:1].isupper() and low.endswith("er") and w.i > 0:
        return False  # "Wiener", "Schweriner"
    if article is None:
        # no article: a case the ending alone cannot tell ("ersten Erkenntnissen"); only a
        # known plural is put in the nominative ("laut russischer Medien")
        return plural and not low.endswith("e")
    return article.lower != "ein"


def _plural_base(word: str) -> str | None:
    """The nominative plural of a dative plural in the lexicons: ``Medienberichten`` ->
    ``Medienberichte``, ``Experten`` stays (its nominative ends in -n too)."""
    if not word.endswith("en"):
        return None
    if word.lower().endswith(tuple(x + "en" for x in _FEM_ALWAYS)):
        return None  # "Erklärungen": a plural in -en is the nominative too
    base = word[:-1]
    for table in (lexicons.media_nouns(), lexicons.roles()):
        hit = lexicons.compound_match(base, table)
        if hit is not None and base.lower().endswith(hit + "e"):
            return base  # a singular in the lexicon whose plural adds -e: "Bericht", "Berichte"
        if hit is not None and table is lexicons.media_nouns() and hit.endswith("e") and base.lower().endswith(hit):
            return base  # a plural listed as such: "Berichten zufolge" -> "Berichte"
    return None


def _weak_base(word: str) -> str | None:
    """The nominative of a person noun with a case ending, by the role lexicon:
    ``Beamten`` -> ``Beamter``, ``Bundespolizisten`` -> ``Bundespolizist``,
    ``Experten`` -> ``Experte``; None for other words."""
    if not word.endswith("n"):
        return None
    roles = lexicons.roles()
    for cand in ([word[:-1] + "r"] if word.endswith("en") else []) + [word[:-1], word[:-2]]:
        hit = lexicons.compound_match(cand, roles)
        if hit is not None and cand.lower().endswith(hit):
            return cand
    return None


def _lemma_ending(w: Token) -> bool:
    """The analyzer's lemma is the word less a case ending ("Präsidenten" -> "Präsident")."""
    lem = w.lemma or ""
    return lem != w.text and lem[:1].isupper() and w.text[len(lem) :] in {"n", "en", "s", "es"} and w.text.startswith(lem)


def drop_genitive_s(word: str) -> str:
    """``Innenministeriums`` -> ``Innenministerium``, ``Gerichtshofes`` -> ``Gerichtshof``."""
    if word.endswith("es") and len(word) > 5 and word[-3] in "sßzx":
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "os")) and len(word) > 3:
        return word[:-1]
    if word.endswith("os") and lexicons.compound_match(word[:-1], lexicons.roles()) is not None:
        return word[:-1]  # "Militärkommandos" (not "Chaos")
    return word
