"""Verbs and their subjects: what the cue rules, speaker and outlet resolution and the
SpkAtt export share.

- :func:`speech_verb`: the speech-verb lexicon lemma of a token (with a separated
  particle: "teilte … mit" → "mitteilen");
- :func:`subject_of`, :func:`surface_subject`, :func:`main_clause_subject`: the subject
  of a verb, by the parse where there is one, else by position;
- clause helpers over the token list (clause starts, appositions, subordinate clauses).
"""

from __future__ import annotations

from functools import lru_cache

from claims import lexicons
from claims.grammar import syntax as sx
from claims.grammar.inflection import listed_gender
from claims.nlp.model import Sentence, Token

NEGATION = {"nicht", "nie", "niemals", "niemand", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nichts", "weder"}
TENSE_AUXILIARIES = frozenset({"haben", "sein", "werden"})  # the auxiliaries of a participle or infinitive cue


def is_negation(t: Token) -> bool:
    """A negating word; capitalised inside a sentence it is a name ("Lothar Nicht")."""
    return t.lower in NEGATION and (t.i == 0 or t.text[:1].islower())


def base_lemmas(t: Token) -> list[str]:
    """Lemmas ``t`` may have, from its lemma and its form (irregular forms, participles
    of particle verbs, regular weak forms)."""
    key = (t.lemma, t.lower)
    hit = _BASES.get(key)
    if hit is None:
        if len(_BASES) >= 20_000:
            _BASES.clear()  # bounded, so memory stays flat over long runs
        hit = _BASES[key] = _lemmas_of(*key)
    return hit


_BASES: dict[tuple[str, str], list[str]] = {}


def _lemmas_of(lemma: str, form: str) -> list[str]:
    out = []
    lem = lemma.lower()
    if lem:
        out.append(lem)
    irregular = lexicons.verb_forms().get(form)
    if irregular:
        out.append(irregular)
    # participles of particle verbs: abgestritten -> abstreiten, mitgeteilt -> mitteilen
    for part in sx.PARTICLES:
        rest = form[len(part) :]
        if form.startswith(part) and rest.startswith("ge") and len(rest) > 4:
            strong = lexicons.verb_forms().get(rest)
            if strong:
                out.append(part + strong)
            for suf in ("et", "t"):
                if rest.endswith(suf):
                    out.append(part + rest[2 : -len(suf)] + "en")
    # regular weak forms: sagte/sagten/sagt/gesagt -> sagen
    for suf in ("ten", "te", "et", "t", "en", "e"):
        if form.endswith(suf) and len(form) > len(suf) + 2:
            stem = form[: -len(suf)]
            if stem.startswith("ge") and suf in {"t", "et"}:
                out.append(stem[2:] + "en")
            out.append(stem + "en")
            out.append(stem + "n")
    return out


def particle_of(sent: Sentence, t: Token) -> Token | None:
    """The separated verb particle of ``t`` ("teilte … mit"), by the parse or by position."""
    for c in sent.tokens:
        if c.head == t.i and (c.deprel == "compound:prt" or c.xpos == "PTKVZ") and c.i > t.i:
            return c
    # fallback: a particle word right before the end of t's clause (appositions skipped)
    toks = sent.tokens
    skip_to = -1
    for k in range(t.i + 1, len(toks)):
        c = toks[k]
        if k <= skip_to:
            continue
        if c.text == "," and (app := apposition_end(toks, k, len(toks) - 1)) is not None:
            skip_to = app
            continue
        if c.text == "," and (sub := _subordinate_end(toks, k)) is not None:
            skip_to = sub  # "warf Obama, nachdem dessen Entscheidung publik wurde, vor"
            continue
        if sx.is_quote(c) and (close := _name_in_quotes(toks, k)) is not None:
            skip_to = close  # "teilte das „Space Telescope Science Institute“ mit"
            continue
        if c.text in sx.BOUNDARY or c.text in sx.FINAL or sx.is_quote(c):
            prev = sent.tokens[k - 1]
            if k - 1 > t.i and prev.lower in sx.PARTICLES and prev.upos not in {"NOUN", "PROPN", "PRON"}:  # the tagger may call it anything
                return prev
            return None
        if sx.is_finite(c) and c.lower not in sx.PARTICLES:
            return None
    return None


def _subordinate_end(toks: list[Token], comma: int) -> int | None:
    """The closing comma of a subordinate clause that opens at ``comma`` and ends in its
    finite verb, with more of the sentence after it."""
    if comma + 1 >= len(toks) or toks[comma + 1].xpos not in {"KOUS", "PRELS"} or toks[comma + 1].lower in sx.g("complementizer"):
        return None
    for j in range(comma + 2, len(toks) - 1):
        y = toks[j]
        if sx.is_quote(y) or y.text in {":", ";", "–"}:
            return None
        if y.text == ",":
            return j if sx.is_finite(toks[j - 1]) else None
    return None


@lru_cache(maxsize=None)
def _verb_tails() -> frozenset[str]:
    """Every proper ending of a lexicon verb ("teilen" of "mitteilen")."""
    return frozenset(v[k:] for v in lexicons.speech_verbs() for k in range(1, len(v)))


_VERBAL = frozenset({"VERB", "AUX"})
_ADVERBIAL = frozenset({"ADV", "ADJ"})


def _tagged_verbal(t: Token) -> bool:
    return t.upos in _VERBAL or t.xpos.startswith("VV")


def may_be_verb(t: Token) -> bool:
    """A verb by its tags, or a word ending in -t tagged adverb or adjective (a
    participle the tagger missed, "hatten … betont"): what speech_verb looks at."""
    return _tagged_verbal(t) or (t.upos in _ADVERBIAL and t.lower.endswith("t"))


def speech_verb(sent: Sentence, t: Token) -> tuple[str, Token | None] | None:
    """The lexicon lemma of ``t`` (joined with a separated particle) or None."""
    if not may_be_verb(t):
        return None
    if not _tagged_verbal(t) and not any(x.lemma in TENSE_AUXILIARIES and x.upos == "AUX" for x in sent.tokens[: t.i]):
        return None  # a mis-tagged participle needs an auxiliary before it
    verbs = lexicons.speech_verbs()
    bases = base_lemmas(t)  # shared: not to be changed
    # a separated particle matters only for a base that ends some lexicon verb
    finite = t.xpos in {"VVFIN", "VVIMP"} or t.feats.get("VerbForm") == "Fin"
    part = particle_of(sent, t) if finite and any(b in _verb_tails() for b in bases) else None
    if part is not None:
        for b in bases:
            if part.lower + b in verbs:
                return part.lower + b, part
    before = sent.tokens[t.i - 1] if t.i > 0 else None
    if before is not None and before.lower in sx.PARTICLES and before.upos not in {"NOUN", "PROPN", "PRON"}:
        # verb-final or participle with the particle written apart: "wie X bekannt gab", "hatte … bekannt gegeben"
        for b in bases:
            if before.lower + b in verbs:
                return before.lower + b, before
    for b in bases:
        if b in verbs:
            # a particle verb needs its particle: "teilen" alone is not "mitteilen"
            return b, None
    return None


def speech_verb_anywhere(sent: Sentence, t: Token) -> tuple[str, Token | None] | None:
    """:func:`speech_verb`, without the verbs that are cues only in a frame after their
    content ("…, weiß die Direktorin"; not "wie Abe um seinen Sexappeal Bescheid weiß")."""
    hit = speech_verb(sent, t)
    return None if hit is None or lexicons.speech_verbs()[hit[0]].frame_only else hit


def clause_start(sent: Sentence, i: int) -> int:
    """The first token of the clause segment of token ``i``: after the last comma, dash,
    colon or quotation mark before it; a quoted name ("die Organisation „Reporter ohne
    Grenzen“ weist …") and a bracket are part of the segment."""
    toks = sent.tokens
    k = i
    while k > 0 and toks[k - 1].text not in sx.BOUNDARY:
        if toks[k - 1].text == ")":
            # a bracket is part of the segment, commas inside it included ("Peres (Awoda,
            # dt. etwa Arbeiterpartei) bekräftigt")
            o = next((j for j in range(k - 2, max(-1, k - 30), -1) if toks[j].text in {"(", ")"}), None)
            if o is not None and toks[o].text == "(":
                k = o
                continue
        if sx.is_quote(toks[k - 1]):
            o = name_quote_start(toks, k - 1)
            if o is None:
                break
            k = o
            continue
        k -= 1
    return k


def subject_of(sent: Sentence, t: Token) -> int | None:
    """The subject head of ``t`` from the parse, if plausible."""
    heads = [t.i]
    between = sent.tokens[min(t.head, t.i) + 1 : max(t.head, t.i)] if t.head >= 0 else []
    if t.head >= 0 and t.deprel in {"xcomp", "conj"} and sum(sx.is_quote(x) for x in between) % 2 == 0:
        # not a conjunct inside a quotation before it ("„…, und das repräsentiert …“ und
        # kündigte an"): its subject is the quoted speaker's word
        heads.append(t.head)
    elif t.deprel == "parataxis" and 0 <= t.head < t.i and not any(c.head == t.i and c.deprel.startswith("nsubj") for c in sent.tokens) and sum(sx.is_quote(x) for x in sent.tokens[: t.head]) % 2 == 0:
        # "X nannte …, stellte aber fest": a second predicate without its own subject (not
        # a verb inside a quotation before the frame: "„… arbeiten zusammen“, sagte …")
        heads.append(t.head)
    lo = clause_start(sent, t.i)
    hi = len(sent.tokens) - 1
    for k in range(t.i + 1, len(sent.tokens)):
        if sent.tokens[k].text in sx.BOUNDARY:
            hi = k - 1
            break
    cands = []
    for c in sent.tokens:
        if c.head in heads and c.deprel.startswith("nsubj"):
            if c.xpos in {"PRELS", "PWS"} or c.lower in sx.g("temporal_noun"):
                continue
            if any(x.head == c.i and (x.deprel == "case" or x.lower in {"dem", "einem"}) for x in sent.tokens):
                continue
            if not _could_be_nominative(sent, c):
                continue
            k = c.i
            if sx.is_country_genitive(c, sent.tokens[k:]):
                k += 1  # "Russlands Verteidigungsminister": the genitive is not the head
            cands.append(k)
    # a subject in another clause ("Rio de Janeiro – … sagte X") is a parse error, except
    # for a subject with a relative clause ("Li, der …, sagte")
    near = [c for c in cands if lo <= c <= hi]
    opens = lo == t.i or (sent.tokens[lo].is_finite_verb and sent.tokens[lo].upos == "AUX")  # "…, hatte Lenz aufgefordert"
    if near and opens and lo > 0 and sent.tokens[lo - 1].text == ",":
        # "Der frühere Bürgermeister, Henning Scherf (SPD), warnte die CDU": the verb opens its
        # segment, so the subject came before an apposition; the noun after it is an object
        toks = sent.tokens
        for c in cands:
            if c < lo and not sx.has_finite_verb(toks[c + 1 : lo]) and all(x.text not in {":", ";", "–"} and not sx.is_quote(x) for x in toks[c + 1 : lo]):
                return c
    if near:
        # a personal pronoun is the subject whatever else the parser calls one ("Der Politik schlug er vor")
        pron = [c for c in near if sent.tokens[c].xpos == "PPER" and sent.tokens[c].lower in sx.g("nominative_pronoun")]
        if not pron and len(near) > 1:
            # two "subjects" around a verb-second verb: the one before it is the subject more
            # often ("Staatspräsident Mattarella hatte Conte gebeten")
            v2 = next((x.i for x in sent.tokens[lo : t.i + 1] if sx.is_finite(x)), None)
            before = [c for c in near if v2 is not None and c < v2]
            if before and any(c > v2 for c in near):
                return max(before)
        return min(pron or near, key=lambda c: abs(c - t.i))
    far = [c for c in cands if c < lo and sent.tokens[c + 1].text == "," and c + 2 < len(sent.tokens) and sent.tokens[c + 2].xpos in {"PRELS", "PRELAT"}]
    return far[0] if far else (cands[0] if cands and not any(sent.tokens[k].text in {"–", "—", ":"} for k in range(min(cands[0], t.i), max(cands[0], t.i))) else None)


def _could_be_nominative(sent: Sentence, c: Token) -> bool:
    """False for a noun the parser calls a subject that cannot be one: after a preposition
    the compact model mis-tags ("Zum Rücktritt sagte …"), or with "der" before a feminine
    singular noun ("Der Politik schlug er vor")."""
    toks = sent.tokens
    if c.lower in sx.g("preposition") or c.lower in sx.g("fronted_adverb"):
        return False
    if c.upos == "NOUN" and c.text[:1].isupper() and (c.i == 0 or toks[c.i - 1].text in {",", ":"}) and c.lower.endswith(tuple(sx.g("adverb_ending"))):
        return False  # "Offiziell geht die Regierung davon aus", "Sinngemäß hofft Musk"
    lo = c.i
    while lo > 0 and toks[lo - 1].upos in {"DET", "ADJ", "NUM", "PROPN"} and toks[lo - 1].lower not in sx.g("preposition") and c.i - lo < 6:
        lo -= 1
    opened = next((a for k in range(lo, c.i) if (a := sx.attribute_start(toks, k)) is not None), None)
    if opened is not None:
        lo = opened  # "Der in Wien lebende Künstler": the preposition is the attribute's
    elif lo > 0 and toks[lo - 1].lower in sx.g("preposition") and toks[lo - 1].upos != "PRON":
        return False
    if toks[lo].lower in sx.g("preposition") and lo < c.i:
        return False
    det = next((x for x in toks[lo : c.i] if x.upos == "DET"), None)
    if det is not None and det.lower == "der" and c.feats.get("Gender") == "Fem" and c.feats.get("Number") == "Sing" and listed_gender(c.text) in {None, "Fem"}:
        return False  # unless a gender list knows better ("Der Rechnungshof kritisiert")
    if det is not None and det.lower in {"den", "dem", "einen", "einem"}:
        return False  # "Den Unmut der CDU brachte die Sprecherin zum Ausdruck"
    return True


_SUBJECT_PRONOUNS = {"er", "ich", "wir", "du"}
_DEMONSTRATIVE_SUBJECTS = {"dieser", "diese", "jener", "jene", "letzterer", "letztere"}


_NAME_ARTICLES = {"dem", "der", "den", "des", "die", "das", "zum", "zur", "im", "vom", "beim", "ein", "eine", "einer", "eines"}
_RELATIVES = {"der", "die", "das", "dem", "den", "deren", "dessen", "denen", "welche", "welcher", "welches"}


def _name_in_quotes(toks: list[Token], k: int) -> int | None:
    """If token ``k`` opens a short quoted name after a noun or an article ("die
    Organisation „Reporter ohne Grenzen“", "der „Focus“"), the index of its closing mark."""
    if k == 0 or not sx.is_quote(toks[k]) or (toks[k - 1].upos not in {"NOUN", "PROPN", "ADJ", "ADP"} and toks[k - 1].lower not in _NAME_ARTICLES):
        return None
    after_preposition = toks[k - 1].upos == "ADP"  # "der Geschäftsführer von „Ener1“": a short name only
    for j in range(k + 1, min(len(toks), k + 7)):
        y = toks[j]
        if sx.is_quote(y):
            inner = toks[k + 1 : j]
            # a verb inside only in a short name right after an article ("von der „Aktion
            # Deutschland hilft“"), not in a quotation after a noun
            verb_ok = toks[k - 1].lower in _NAME_ARTICLES and len(inner) <= 4 and all(x.text[:1].isupper() for x in inner[:-1])
            if after_preposition and len(inner) > 3:
                return None
            return j if inner and inner[0].text[:1].isupper() and (verb_ok or not any(x.is_finite_verb for x in inner)) else None
        if y.text in sx.BOUNDARY or y.text in sx.FINAL:
            return None
    return None


def name_quote_start(toks: list[Token], j: int) -> int | None:
    """The opening mark of the quoted name that closes at token ``j``, if it is one."""
    for k in range(j - 1, max(-1, j - 7), -1):
        if sx.is_quote(toks[k]):
            return k if _name_in_quotes(toks, k) == j else None
    return None


def _relative_clause(seg: list[Token]) -> bool:
    """A segment between commas that is a relative clause: "die im Gazastreifen die
    Regierungsgewalt ausübt", "in dem er …": it opens with a relative pronoun (after a
    preposition) and ends in its finite verb."""
    if len(seg) < 2 or not sx.is_finite(seg[-1]):
        return False
    first = seg[1] if seg[0].upos == "ADP" else seg[0]
    return first.xpos in {"PRELS", "PRELAT"} or first.lower in _RELATIVES


def surface_subject(sent: Sentence, t: Token, after: bool, last: int, objects: bool = False) -> int | None:
    """The subject of ``t`` by position: before it (from its clause start) or ``after`` it.
    After it, a noun phrase with a dative or accusative article is skipped, unless
    ``objects`` asks for the first noun phrase that can be an object too."""
    toks = sent.tokens
    oblique_articles = {"dem", "einem"} if objects else {"dem", "einem", "den", "einen"}
    if after:
        k = t.i + 1
        in_pp = False
        while k <= last:
            x = toks[k]
            if k == t.i + 1 and x.upos == "CCONJ":
                return None  # "hatte X gesagt und auf … verwiesen": the next predicate's words
            if sx.is_quote(x) and (close := _name_in_quotes(toks, k)) is not None:
                if in_pp or toks[k - 1].lower in {"dem", "einem"} or toks[k - 1].upos in {"NOUN", "PROPN"}:
                    in_pp = False  # "in der „Zeit“", "sagte X dem „Abendblatt“"
                    k = close + 1
                    continue
                return k + 1  # "beziffert der „Focus“ …"
            if x.text in sx.BOUNDARY or sx.is_quote(x):
                return None
            if (x.upos == "ADP" and x.xpos != "PTKVZ") or (x.lower in sx.g("preposition") and x.upos in {"PROPN", "NOUN"}):
                in_pp = True
            elif x.upos in {"NOUN", "PROPN"} or (x.upos == "PRON" and (x.xpos == "PPER" or x.lower in _DEMONSTRATIVE_SUBJECTS)):
                prev = toks[k - 1]
                dative = prev.upos == "DET" and prev.lower in oblique_articles
                if in_pp or dative or x.lower in sx.g("temporal_noun"):
                    in_pp = False
                    # skip the rest of this noun phrase
                    while k + 1 <= last and toks[k + 1].upos in {"PROPN", "NOUN"} and toks[k + 1].deprel.startswith(("flat", "appos", "nmod")):
                        k += 1
                    k += 1
                    continue
                if sx.is_country_genitive(x, toks[k:]) and k + 1 <= last:
                    k += 1
                    continue
                # climb to the head of the phrase ("Russlands Verteidigungsminister")
                while toks[k].head > k and toks[k].deprel.split(":")[0] in {"nmod", "det", "amod", "compound", "flat"} and toks[toks[k].head].upos in {"NOUN", "PROPN"} and toks[k].head <= last:
                    k = toks[k].head
                return k
            elif sx.is_finite(x):
                return None
            k += 1
        return None
    start = clause_start(sent, t.i)
    if t.is_finite_verb and start < t.i and t.i + 1 < len(toks) and toks[t.i + 1].lower in _SUBJECT_PRONOUNS and not sx.opens_subordinate(toks[start]):
        return t.i + 1  # "Der Politik schlug er vor": a nominative pronoun right after the verb
    for k in range(t.i - 1, start - 1, -1):
        if toks[k].text == ")":
            break
        if toks[k].text == "(":
            start = k + 1  # "… für Aufsehen (Wikinews berichtete)": the bracket is a clause of its own
            break
    if toks[start].xpos in {"APPR", "APPRART"} or toks[start].lower in {"dem", "den", "einem", "einen"}:
        # a verb-second clause has one phrase before its finite verb; when that opens with
        # a preposition or a dative or accusative article it is no subject ("Nach dem
        # Auftritt Kerns als designierter SPÖ-Vorsitzender erklärte Mitterlehner", "Den
        # Flüchtlingen sicherte der Präsident zu"): look after the finite verb ("Am Rande
        # der Konferenz hat der Minister bekanntgegeben")
        v = next((x.i for x in toks[start : t.i + 1] if x.is_finite_verb), None)
        if v is not None and not any(x.xpos in sx.SUBORDINATING_TAGS for x in toks[start:v]):
            start = v + 1
    return _subject_in(sent, start, t.i)


def _subject_in(sent: Sentence, start: int, end: int) -> int | None:
    """The first noun or pronoun in ``start`` … ``end - 1`` that can be a subject: not
    after a preposition, not dative or accusative, not a time."""
    toks = sent.tokens
    k = start
    while k < end:
        x = toks[k]
        if x.upos in {"NOUN", "PROPN"} or (x.upos == "X" and x.text[:1].isupper()) or (x.upos == "PRON" and (x.xpos in {"PPER", "PIS"} or x.lower in _DEMONSTRATIVE_SUBJECTS)):
            prev = toks[k - 1] if k > 0 else None
            oblique = (prev is not None and (prev.upos == "ADP" or prev.lower in {"dem", "einem", "den"})) or (x.feats.get("Case") in {"Dat", "Acc"} and x.upos != "PROPN") or x.lower in sx.g("temporal_noun")
            oblique = oblique or not _could_be_nominative(sent, x) or (x.feats.get("Case") == "Gen" and x.upos == "NOUN" and k > 1 and toks[k - 1].lower in {"des", "der"})
            # "Ihr gegenüber", "der Zeitung zufolge": a postposition follows
            oblique = oblique or (k + 1 < len(toks) and toks[k + 1].xpos == "APPO")
            # "Die das Unglück überlebende Alice Kakamara": a phrase inside an attribute
            oblique = oblique or (k > 1 and prev.upos == "DET" and toks[k - 2].upos == "DET" and k + 1 < end and toks[k + 1].xpos == "ADJA")
            if oblique:
                # skip the rest of this noun phrase
                while k + 1 < end and toks[k + 1].upos in {"PROPN", "NOUN"}:
                    k += 1
                k += 1
                continue
            if sx.is_country_genitive(x, toks[k:]) and k + 1 < end:
                return k + 1  # "Chinas Verteidigungsminister …": the genitive is not the head
            return k
        k += 1
    return None


def wie_base(toks: list[Token], v0: int) -> int:
    """"Wie der Vorsitzende Richter, Ottmar Breidling, ausführte, …": the clause of the
    verb at ``v0`` opens after "wie"; else at the sentence start (0)."""
    return next((k + 1 for k in range(v0 - 2, -1, -1) if toks[k].lower == "wie" and (k == 0 or toks[k - 1].text == ",")), 0)


def subject_before_appositions(sent: Sentence, v0: int) -> int | None:
    """The subject of a verb that opens its segment after appositions or a relative
    clause, found by position: "Claudia Pfeiffer, Geschäftsführerin des KAV-Berlin,
    erklärte …", "Alice Kakamara, 30, beschrieb …", "Die Organisation, die im Gazastreifen
    die Regierungsgewalt ausübt, erklärte …". The first segment is a phrase without a verb
    or a clause; the subject is in it."""
    toks = sent.tokens
    if v0 >= 2 and toks[v0 - 1].text != ",":
        # "Einer der Putschisten, Harouna Adamou, dankte … und ergänzte": the first verb of
        # the coordination opens the segment
        k = v0 - 1
        while k > 0 and toks[k].text != "," and toks[k].text not in sx.BOUNDARY and not sx.is_quote(toks[k]):
            k -= 1
        if toks[k].text == "," and k + 1 < v0 and sx.is_finite(toks[k + 1]) and any(x.lower == "und" for x in toks[k + 2 : v0]):
            v0 = k + 1
    if v0 < 2 or toks[v0 - 1].text != ",":
        return None
    base = wie_base(toks, v0)
    commas = [k for k in range(base, v0 - 1) if toks[k].text == ","] + [v0 - 1]
    if len(commas) > 4:
        return None
    names: set[int] = set()
    for k in range(v0):
        if (close := _name_in_quotes(toks, k)) is not None:
            names.update((k, close))

    def plain(seg: range) -> bool:
        return not any(
            toks[k].upos in {"VERB", "AUX"} or (sx.is_quote(toks[k]) and k not in names) or toks[k].text in {":", ";", "–", "—"} or toks[k].xpos in sx.SUBORDINATING_TAGS or toks[k].lower in sx.g("complementizer")
            for k in seg
        )

    start = base
    verbs = [k for k in range(base, commas[0]) if toks[k].upos in {"VERB", "AUX"}]
    if len(verbs) == 1 and toks[verbs[0]].is_finite_verb and toks[verbs[0]].upos == "AUX" and toks[v0].xpos in {"VVPP", "VVINF"} and plain(range(verbs[0] + 1, commas[0])):
        # "Vor kurzem hatte ein Talibanführer auf pakistanischer Seite, Baitullah Mehsud,
        # erklärt": the subject stands after the auxiliary, the participle after the apposition
        start = verbs[0] + 1
    elif commas[0] <= base or not plain(range(base, commas[0])) or toks[base].xpos in {"APPR", "APPRART"}:
        return None
    for a, b in zip(commas, commas[1:], strict=False):
        seg = toks[a + 1 : b]
        if not seg or not (_relative_clause(seg) or plain(range(a + 1, b))):
            return None
    return _subject_in(sent, start, commas[0])


def main_clause_subject(sent: Sentence) -> int | None:
    """Subject of the sentence's first main-clause verb by surface position, for a
    sentence without a parse (lite): the noun phrase before a verb-second finite verb
    ("Der Konzern hat … übernommen"), else the first one after it ("Am Montag hat der
    Konzern …")."""
    toks = sent.tokens
    last = sx.content_last(sent)
    for t in toks[: last + 1]:
        if sx.is_quote(t):
            return None  # the sentence opens a quotation: its subject is not the article's
        if t.is_finite_verb and not sx.opens_subordinate(toks[clause_start(sent, t.i)]):
            s = surface_subject(sent, t, False, last) if t.i > 0 else None
            return s if s is not None else surface_subject(sent, t, True, last)
    return None


def apposition_end(toks: list[Token], comma: int, last: int) -> int | None:
    """The closing comma of an apposition that opens at ``comma`` after a noun (a short
    noun phrase without a verb between two commas, with more of the clause after it)."""
    if comma == 0 or toks[comma - 1].upos not in {"NOUN", "PROPN"} or comma + 1 > last:
        return None
    first = toks[comma + 1]
    # an article the tagger calls a relative pronoun ("zu Mair, der arbeitslose Gärtner, …")
    article = first.lower in {"der", "die", "das"} and comma + 2 <= last and toks[comma + 2].upos in {"NOUN", "ADJ"}
    if (first.upos not in {"DET", "PROPN", "NOUN", "ADJ"} and not article) or first.lower in sx.g("complementizer"):
        return None
    for j in range(comma + 1, min(last, comma + 9) + 1):
        y = toks[j]
        if y.text == ",":
            return j if j > comma + 1 and j + 1 <= last else None
        if y.upos in {"VERB", "AUX"} or sx.is_quote(y) or y.text in sx.BOUNDARY or (y.upos == "PRON" and not (article and j == comma + 1)):
            return None
    return None


def clause_goes_on_after(sent: Sentence, i: int) -> bool:
    """After the frame at ``i`` the interrupted clause goes on with its finite verb in
    Konjunktiv: "Die Lage, sagte der Minister, sei ernst"."""
    toks = sent.tokens
    nxt = next((k for k in range(i + 1, len(toks)) if toks[k].text in sx.BOUNDARY or sx.is_quote(toks[k]) or toks[k].text in sx.FINAL), None)
    return nxt is not None and toks[nxt].text == "," and nxt + 1 < len(toks) and sx.is_finite(toks[nxt + 1]) and sx.is_konjunktiv(toks[nxt + 1])


AGENT_PREPOSITIONS = {"von", "vom", "durch"}


def is_passive(sent: Sentence, t: Token, cstart: int) -> bool:
    """``t`` is a participle with a form of "werden" in its clause ("wurde … aufgefordert",
    "war … abgelehnt worden")."""
    toks = sent.tokens
    if t.xpos != "VVPP":
        return False
    end = t.i
    while end + 1 < len(toks) and toks[end + 1].text not in sx.BOUNDARY and not sx.is_quote(toks[end + 1]):
        end += 1
    return any(x.i != t.i and (x.lower == "worden" or (x.lemma == "werden" and x.upos == "AUX" and sx.is_finite(x))) for x in toks[cstart : end + 1])


def passive_agent(sent: Sentence, t: Token, cstart: int) -> tuple[int, int] | None:
    """The agent of a passive speech verb, who is its speaker: "Zudem wurde die
    Bundesregierung vom LSVD aufgefordert", "Von den Behörden wird angenommen, dass …",
    "war ein Besuch von der Junta abgelehnt worden". The subject of a passive is what
    was said or whom it was said to, never the speaker."""
    toks = sent.tokens
    if not is_passive(sent, t, cstart):
        return None
    depth = 0
    for x in toks[cstart : t.i]:
        depth += (x.text == "(") - (x.text == ")")
        if depth > 0 or x.lower not in AGENT_PREPOSITIONS or x.i + 1 >= t.i:
            continue  # a bracket is an aside ("(… der von der Causa abgezogen wurde)")
        if x.i > 0 and (toks[x.i - 1].xpos in {"ADJD", "VVPP", "ADJA"} or toks[x.i - 1].upos == "DET"):
            continue  # "ausgehend von den Ergebnissen"; "auf der vom Verein getragenen Homepage"
        np = sx.surface_np_after(sent, x.i + 1, t.i - 1)
        if np is None:
            continue
        lo, hi = np
        for k in range(lo, hi):
            if toks[k].upos == "NOUN" and toks[k + 1].upos == "NOUN" and not toks[k + 1].text.isupper():
                hi = k  # "von einem Kollegen Einseitigkeit vorgeworfen": the object follows
                break
        nxt = toks[hi + 1] if hi + 1 < len(toks) else None
        if nxt is not None and (nxt.xpos == "ADJA" or nxt.lower == "bis"):
            continue  # "in dem von allen Parteien getragenen Antrag", "von Gmunden bis Amstetten"
        between = toks[hi + 1 : t.i]
        article = next((k for k, y in enumerate(between) if y.upos == "DET"), len(between))
        if any(y.xpos == "ADJA" and k + 1 < len(between) and between[k + 1].upos == "NOUN" for k, y in enumerate(between[:article])):
            continue  # "auf der vom Verein … getragenen Homepage": the phrase is inside a noun phrase
        if any(sx.is_finite(y) and y.lemma != "werden" for y in between):
            continue  # another clause's verb lies between: "eine Abwandlung von Android ist und … angekündigt wurde"
        if any(toks[k].upos in {"NOUN", "PROPN"} for k in range(lo, hi + 1)) and not sx.temporal_phrase(sent, lo, hi) and toks[hi].upos != "NUM":
            return lo, hi
    return None
