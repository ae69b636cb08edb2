"""Speech and thought verbs with reported content.

One pattern: a verb from the speech-verb lexicon whose content is

- a clause after a colon (``erklärte X: Müssen neue Akzente setzen``),
- a clause after a comma: ``dass``/``ob``/``wonach``, a verb-second clause (often
  Konjunktiv I), a zu-infinitive, or a quotation (``sagte zudem, China wolle …``),
- a zu-infinitive in the same clause (``glauben die Forscher … definieren zu können``),
- or the text before it when the verb opens a frame after the content
  (``"…", sagte der Minister``; ``…, teilte ver.di mit``).
"""

from __future__ import annotations

from functools import lru_cache

from claims import lexicons
from claims.nlp.model import ParsedDoc, Sentence, Token
from claims.rules import syntax as sx
from claims.rules.draft import CuePiece, Draft, Mention
from claims.rules.quotes import Quote, ending_at, starting_at

NEGATION = {"nicht", "nie", "niemals", "keinen", "kein", "keine", "nichts"}


def _base_lemmas(t: Token) -> list[str]:
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
        if c.text == "," and (app := _apposition_end(toks, k, len(toks) - 1)) is not None:
            skip_to = app
            continue
        if c.text == "," and (sub := _subordinate_end(toks, k)) is not None:
            skip_to = sub  # "warf Obama, nachdem dessen Entscheidung publik wurde, vor"
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


def _may_be_verb(t: Token) -> bool:
    """A verb by its tags, or a word ending in -t tagged adverb or adjective (a
    participle the tagger missed, "hatten … betont"): what speech_verb looks at."""
    return _tagged_verbal(t) or (t.upos in _ADVERBIAL and t.lower.endswith("t"))


def speech_verb(sent: Sentence, t: Token) -> tuple[str, Token | None] | None:
    """The lexicon lemma of ``t`` (joined with a separated particle) or None."""
    if not _may_be_verb(t):
        return None
    if not _tagged_verbal(t) and not any(x.lemma in {"haben", "sein", "werden"} and x.upos == "AUX" for x in sent.tokens[: t.i]):
        return None  # a mis-tagged participle needs an auxiliary before it
    verbs = lexicons.speech_verbs()
    bases = _base_lemmas(t)  # shared: not to be changed
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


def _negated(sent: Sentence, lo: int, hi: int) -> bool:
    return any(t.lower in NEGATION for t in sent.tokens[lo : hi + 1])


def _clause_start(sent: Sentence, i: int) -> int:
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
            o = _name_quote_start(toks, k - 1)
            if o is None:
                break
            k = o
            continue
        k -= 1
    return k


def _next_boundary(sent: Sentence, i: int, last: int) -> int:
    for k in range(i, last + 1):
        if sent.tokens[k].text in sx.BOUNDARY:
            return k
    return last + 1


def subject_of(sent: Sentence, t: Token) -> int | None:
    """The subject head of ``t`` from the parse, if plausible."""
    heads = [t.i]
    if t.head >= 0 and t.deprel in {"xcomp", "conj"}:
        heads.append(t.head)
    elif t.deprel == "parataxis" and 0 <= t.head < t.i and not any(c.head == t.i and c.deprel.startswith("nsubj") for c in sent.tokens) and sum(sx.is_quote(x) for x in sent.tokens[: t.head]) % 2 == 0:
        # "X nannte …, stellte aber fest": a second predicate without its own subject (not
        # a verb inside a quotation before the frame: "„… arbeiten zusammen“, sagte …")
        heads.append(t.head)
    lo = _clause_start(sent, t.i)
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
    if lo > 0 and toks[lo - 1].lower in sx.g("preposition") and toks[lo - 1].upos != "PRON":
        return False
    if toks[lo].lower in sx.g("preposition") and lo < c.i:
        return False
    det = next((x for x in toks[lo : c.i] if x.upos == "DET"), None)
    if det is not None and det.lower == "der" and c.feats.get("Gender") == "Fem" and c.feats.get("Number") == "Sing":
        return False
    if det is not None and det.lower in {"den", "dem", "einen", "einem"}:
        return False  # "Den Unmut der CDU brachte die Sprecherin zum Ausdruck"
    return True


_SUBJECT_PRONOUNS = {"er", "ich", "wir", "du"}
_DEMONSTRATIVE_SUBJECTS = {"dieser", "diese", "jener", "jene", "letzterer", "letztere"}


def _accusative(sent: Sentence, head: int) -> bool:
    """The noun phrase at ``head`` is marked accusative: "ihn", "den Minister", "einen Sprecher"."""
    x = sent.tokens[head]
    if x.upos == "PRON":
        return x.lower in {"ihn", "mich", "dich", "uns", "euch"}
    lo, _ = sx.np_tokens(sent, head)
    return sent.tokens[lo].lower in {"den", "einen"} or x.feats.get("Case") == "Acc"


_NAME_ARTICLES = {"dem", "der", "den", "des", "die", "das", "zum", "zur", "im", "vom", "beim", "ein", "eine", "einer", "eines"}
_RELATIVES = {"der", "die", "das", "dem", "den", "deren", "dessen", "denen", "welche", "welcher", "welches"}


def _name_in_quotes(toks: list[Token], k: int) -> int | None:
    """If token ``k`` opens a short quoted name after a noun or an article ("die
    Organisation „Reporter ohne Grenzen“", "der „Focus“"), the index of its closing mark."""
    if k == 0 or not sx.is_quote(toks[k]) or (toks[k - 1].upos not in {"NOUN", "PROPN", "ADJ"} and toks[k - 1].lower not in _NAME_ARTICLES):
        return None
    for j in range(k + 1, min(len(toks), k + 7)):
        y = toks[j]
        if sx.is_quote(y):
            inner = toks[k + 1 : j]
            return j if inner and inner[0].text[:1].isupper() and not any(x.is_finite_verb for x in inner) else None
        if y.text in sx.BOUNDARY or y.text in sx.FINAL:
            return None
    return None


def _name_quote_start(toks: list[Token], j: int) -> int | None:
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


def _surface_subject(sent: Sentence, t: Token, after: bool, last: int, objects: bool = False) -> int | None:
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
    start = _clause_start(sent, t.i)
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


def _wie_base(toks: list[Token], v0: int) -> int:
    """"Wie der Vorsitzende Richter, Ottmar Breidling, ausführte, …": the clause of the
    verb at ``v0`` opens after "wie"; else at the sentence start (0)."""
    return next((k + 1 for k in range(v0 - 2, -1, -1) if toks[k].lower == "wie" and (k == 0 or toks[k - 1].text == ",")), 0)


def _subject_before_appositions(sent: Sentence, v0: int) -> int | None:
    """The subject of a verb that opens its segment after appositions or a relative
    clause, found by position: "Claudia Pfeiffer, Geschäftsführerin des KAV-Berlin,
    erklärte …", "Alice Kakamara, 30, beschrieb …", "Die Organisation, die im Gazastreifen
    die Regierungsgewalt ausübt, erklärte …". The first segment is a phrase without a verb
    or a clause; the subject is in it."""
    toks = sent.tokens
    if v0 < 2 or toks[v0 - 1].text != ",":
        return None
    base = _wie_base(toks, v0)
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

    if commas[0] <= base or not plain(range(base, commas[0])) or toks[base].xpos in {"APPR", "APPRART"}:
        return None
    for a, b in zip(commas, commas[1:], strict=False):
        seg = toks[a + 1 : b]
        if not seg or not (_relative_clause(seg) or plain(range(a + 1, b))):
            return None
    return _subject_in(sent, base, commas[0])


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
        if t.is_finite_verb and not sx.opens_subordinate(toks[_clause_start(sent, t.i)]):
            s = _surface_subject(sent, t, False, last) if t.i > 0 else None
            return s if s is not None else _surface_subject(sent, t, True, last)
    return None


def is_zu_infinitive(x: Token) -> bool:
    """``auszubauen``, ``zusammenzuarbeiten`` (the tagger often says VVINF)."""
    if x.xpos == "VVIZU":
        return True
    low = x.lower
    return x.upos in {"VERB", "AUX"} and not x.is_finite_verb and low.endswith(("en", "ern", "eln")) and low.find("zu", 1) > 0 and len(low) > 6


def _finite_aux_before(sent: Sentence, t: Token, last: int) -> int:
    """Index of the finite auxiliary that opens the verb complex of a participle or
    infinitive cue at the end of its clause ("wird der Franzose … zitiert"); else ``t.i``."""
    toks = sent.tokens
    if not (t.xpos in {"VVPP", "VVINF"} or t.feats.get("VerbForm") in {"Part", "Inf"}) or t.i + 1 < len(toks) and toks[t.i + 1].upos in {"NOUN", "PROPN", "DET"}:
        return t.i  # a finite verb, or a participle with its subject after it
    for k in range(t.i - 1, -1, -1):
        x = toks[k]
        if x.text in BOUNDARY_MARKS:
            return t.i
        if x.is_finite_verb and x.upos == "AUX" and x.lemma in {"werden", "haben", "sein"}:
            return k if k > 0 and (toks[k - 1].text == "," or sx.is_quote(toks[k - 1])) else t.i
    return t.i


BOUNDARY_MARKS = {",", ":", ";", "–", "—", "(", ")"}


def _modal_infinitive(sent: Sentence, t: Token) -> bool:
    """An infinitive cue after a finite modal, right before its content clause: "will heute
    Außenminister Straw vor dem Parlament bekannt geben, dass …"."""
    toks = sent.tokens
    if t.i + 2 >= len(toks) or toks[t.i + 1].text not in {",", ":"}:
        return False
    if toks[t.i + 1].text == "," and toks[t.i + 2].lower not in sx.g("complementizer"):
        return False
    start = _clause_start(sent, t.i)
    return any(x.xpos == "VMFIN" or (x.upos == "AUX" and x.is_finite_verb and x.lemma in {"wollen", "müssen", "sollen", "können", "werden", "möchten", "dürfen"}) for x in toks[start : t.i])


def _plural_finite(sent: Sentence, t: Token) -> bool:
    """A plural present looks like an infinitive ("die Hongkonger befürchten, dass …"): it is
    finite when a noun phrase comes right before it, a comma or colon right after it, and
    its clause has no other finite verb."""
    toks = sent.tokens
    if t.i == 0 or t.i + 1 >= len(toks) or toks[t.i + 1].text not in {",", ":"}:
        return False
    j = t.i - 1
    while j > 0 and toks[j].xpos in {"ADV", "PAV"}:
        j -= 1  # "Die Kanadier hingegen sagen, …"
    if toks[j].upos not in {"NOUN", "PROPN"} or toks[j].xpos == "PTKZU":
        return False
    start = _clause_start(sent, t.i)
    return not sx.has_finite_verb(toks[start : t.i])


def _apposition_end(toks: list[Token], comma: int, last: int) -> int | None:
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


def _verb_second(seg: list[Token]) -> bool:
    """A verb right after a pronoun or short noun phrase opening the segment ("ihr lägen
    …"): a verb-second clause even when the tagger calls the verb an infinitive."""
    for k, x in enumerate(seg[:4]):
        # after an article and a noun, a lower-case word with a verb's lemma is the mis-tagged
        # finite verb ("sein Land plane konkrete Operationen", lemma "planen")
        misfit = k == 2 and seg[0].upos == "DET" and seg[1].upos in {"NOUN", "PROPN"} and x.upos in {"ADJ", "NOUN"} and x.text.islower() and x.lemma.endswith("en") and x.lemma != x.text
        if x.upos in {"VERB", "AUX"} or misfit:
            return k > 0 and x.xpos not in {"VVPP", "VVIZU"} and seg[0].upos in {"PRON", "DET", "PROPN", "NOUN"} and not any(y.text in QUOTE_OR_PUNCT for y in seg[:k])
    return False


QUOTE_OR_PUNCT = {",", ":", ";", "„", "“", "\""}


def _quoted_name_end(sent: Sentence, quotes: list[Quote], k: int) -> int | None:
    """If the quotation opening at token ``k`` is a short name after a noun ("die
    Nachrichtenagentur „Xinhua“"), the index of its closing mark; else None."""
    toks = sent.tokens
    if k == 0 or (toks[k - 1].upos not in {"NOUN", "PROPN"} and toks[k - 1].lower not in {"dem", "der", "den", "des", "die", "das", "zum", "zur", "im", "vom", "beim"}):
        return None  # after a noun or an article: "sagte X dem „Hamburger Abendblatt“"
    q = starting_at(quotes, toks[k].start)
    if q is None:
        return None
    inner = [x for x in toks if q.start < x.start < q.end - 1]
    close = next((x.i for x in toks if x.end == q.end), None)
    if close is None or not inner or len(inner) > 5 or not inner[0].text[:1].isupper() or any(x.is_finite_verb for x in inner):
        return None
    return close


def _coordinated_verb(sent: Sentence, k: int, quotes: list[Quote]) -> bool:
    """Does a coordinated verb phrase in the indicative start at ``k`` ("und kündigte an",
    ", doch X erklärte")? Konjunktiv ("und wolle schlafen") continues the report."""
    toks = sent.tokens
    x = toks[k]
    if k + 1 >= len(toks) or any(q.start < x.start < q.end for q in quotes):
        return False
    nxt = toks[k + 1]
    if x.text == "," and nxt.xpos == "VVFIN" and nxt.upos == "VERB" and not sx.is_konjunktiv(nxt) and k + 2 < len(toks) and toks[k + 2].lower in {"aber", "jedoch", "zudem", "auch", "dann"}:
        return True  # "räumte ein, es könnten Stellen wegfallen, sprach aber von …"
    if x.lower not in {"und", "doch", "aber", "sowie"}:
        return False
    if nxt.is_finite_verb and nxt.upos == "VERB" and not sx.is_konjunktiv(nxt):
        return True
    # ", doch UN-Sprecher X erklärte, …": a new speaker with a speech verb
    if toks[k - 1].text == "," and x.lower in {"doch", "aber"}:
        for y in toks[k + 1 : k + 12]:
            if y.text in BOUNDARY_MARKS:
                break
            if y.is_finite_verb and speech_verb(sent, y) is not None:
                return True
    return False


def _article_after_verb(toks: list[Token], comma: int, verb: Token, part: Token | None) -> bool:
    """"erklärte, die Verfassung werde …": right after the cue verb (or its particle) a
    "der/die/das" cannot open a relative clause (those attach to nouns), so it is an
    article whatever the tagger says."""
    f = toks[comma + 1]
    ends_verb = comma > 0 and (toks[comma - 1] is verb or (part is not None and toks[comma - 1] is part))
    return f.lower in {"der", "die", "das"} and ends_verb and comma + 2 < len(toks) and toks[comma + 2].upos in {"NOUN", "PROPN", "ADJ", "ADV"}


def _may_have_content_before(sent: Sentence, quotes: list[Quote], i: int) -> bool:
    """Can the words before a verb at ``i`` (after a comma or a closing quote) be its content?
    A clause or a quotation that opens its clause can; a name in quotes inside a phrase
    ("Gegenüber der Agentur „AP“ sagte …") or an apposition ("Henning Scherf ( SPD ) ,
    warnte …") cannot."""
    toks = sent.tokens
    start = 0
    for k in range(i - 1, -1, -1):
        if toks[k].text == ":":
            start = k + 1
            break
    prev = toks[i - 1]
    end = i - 2 if prev.text == "," else i - 1
    if end < start:
        return False
    if sx.opens_subordinate(toks[start]) and not any(sx.is_quote(x) for x in toks[start : end + 1]):
        return False  # "Nachdem …, hat X gebeten": a subordinate clause is a frame, not content
    if sx.is_quote(toks[end]):
        q = ending_at(quotes, toks[end].end)
        opener = next((x for x in toks if q is not None and x.start == q.start), None)
        if opener is None or opener.i <= start:
            return True  # the quotation opens the clause (or began in an earlier sentence)
        before = toks[opener.i - 1]
        if not (before.upos in {"DET", "ADP", "NOUN", "PROPN", "ADJ"} and before.text not in {",", ":"}):
            return True
        # a quoted name closes the phrase: content only if a clause comes before it
        # ("Der Planet begleitet den Stern „HD 13189“, teilte …")
        end = opener.i - 1
    if start == 0 and prev.text == "," and any(x.text == "," for x in toks[: end + 1]) and _subject_before_appositions(sent, i) is not None:
        # "Thaksin Shinawatra, der … übergeben hatte, hat … angekündigt": a noun phrase
        # with a relative clause or an apposition is the subject, not the content
        return _clause_goes_on_after(sent, i)
    if sx.has_finite_verb(toks[start : end + 1]):
        return True
    # "Die Lage, sagte der Minister, sei ernst": a phrase before the frame whose clause
    # goes on after it with a finite verb in Konjunktiv
    if prev.text != "," or start != 0 or any(sx.is_quote(x) or x.xpos in sx.SUBORDINATING_TAGS for x in toks[start : end + 1]):
        return False
    return _clause_goes_on_after(sent, i)


def _clause_goes_on_after(sent: Sentence, i: int) -> bool:
    """After the frame at ``i`` the interrupted clause goes on with its finite verb in
    Konjunktiv: "Die Lage, sagte der Minister, sei ernst"."""
    toks = sent.tokens
    nxt = next((k for k in range(i + 1, len(toks)) if toks[k].text in sx.BOUNDARY or sx.is_quote(toks[k]) or toks[k].text in sx.FINAL), None)
    return nxt is not None and toks[nxt].text == "," and nxt + 1 < len(toks) and sx.is_finite(toks[nxt + 1]) and sx.is_konjunktiv(toks[nxt + 1])


def _has_zu_infinitive(toks: list[Token]) -> bool:
    for k, x in enumerate(toks):
        if is_zu_infinitive(x) or (x.xpos == "PTKZU" and k + 1 < len(toks) and toks[k + 1].upos in {"VERB", "AUX"}):
            return True
    return False


def _span(sent: Sentence, lo: int, hi: int) -> tuple[int, int]:
    return sent.tokens[lo].start, sent.tokens[hi].end


def find_verb_cues(doc: ParsedDoc, sent: Sentence, quotes: list[Quote]) -> list[Draft]:
    """All speech-verb claims in ``sent`` (one draft per verb with content)."""
    out: list[Draft] = []
    toks = sent.tokens
    last = sx.content_last(sent)
    for t in toks:
        if t.i > last:
            break
        if not _may_be_verb(t):
            continue  # speech_verb says None
        if t.xpos in {"VVINF", "VVIZU", "VMINF", "VAINF"} and t.feats.get("VerbForm") not in {"Fin", "Part"} and not _plural_finite(sent, t) and not _modal_infinitive(sent, t):
            continue  # an infinitive is part of a content or modal construction (the tagger's features may know better: "Die Forscher vermuten")
        hit = speech_verb(sent, t)
        if hit is None:
            continue
        lemma, part = hit
        if lemma == "heißen":
            continue  # "heißt es" is its own rule
        info = lexicons.speech_verbs()[lemma]
        cstart = _clause_start(sent, t.i)
        opener = toks[cstart].lower
        if opener in {"wie", "als", "wenn", "weil", "nachdem"} and cstart < t.i:
            # "Als Begründung wurde angegeben, …": a prepositional "als" before a finite verb
            # opens a main clause, not a temporal one
            prep_als = opener == "als" and sx.has_finite_verb(toks[cstart + 1 : t.i])
            # "nachdem bekannt geworden war, dass …": what was said is still reported
            dass_after = opener in {"als", "nachdem"} and any(x.lower in {"dass", "daß"} and toks[x.i - 1].text == "," for x in toks[t.i + 1 : min(len(toks), t.i + 5)])
            if not (prep_als or dass_after):
                continue  # "Wie X berichtete, …" is a prepositional cue; temporal/causal clauses are frames
        frame_end = part.i if part is not None else t.i
        # in a verb-second clause a negation before the verb belongs to the fronted phrase
        # ("Nicht als offiziellen Teil … erklärte er …"), not to the speech act
        # and one after it, before the content, negates it: "Der Minister sagte nicht, dass …"
        v2 = (t.is_finite_verb or _plural_finite(sent, t)) and not sx.opens_subordinate(toks[cstart])
        neg_lo = t.i if v2 else cstart
        neg_hi = max(frame_end, _next_boundary(sent, t.i + 1, last) - 1) if v2 else frame_end
        if _negated(sent, neg_lo, neg_hi):
            continue
        if info.correlate and not any(x.lower == info.correlate for x in toks[cstart : _next_boundary(sent, t.i, last) + 1]):
            continue
        subj = subject_of(sent, t)
        # the verb complex starts at its finite auxiliary: "„…“, wird Panetta zitiert"
        v0 = _finite_aux_before(sent, t, last)
        so = None
        if v0 > 1 and toks[v0 - 1].lower == "so" and toks[v0 - 2].text == "," and t.is_finite_verb:
            so = toks[v0 - 1]  # "…, so bestätigt das Gericht": "so" opens the frame
            v0 -= 1
        prev = toks[v0 - 1] if v0 > 0 else None
        prev2 = toks[v0 - 2] if v0 > 1 else None
        frame_after = prev is not None and (prev.text == "," or (sx.is_quote(prev) and _name_quote_start(toks, v0 - 1) is None)) and (t.is_finite_verb or v0 != t.i)
        if frame_after and not _may_have_content_before(sent, quotes, v0):
            frame_after = False
        if frame_after and subj is not None and subj < v0:
            # the parser took a word of the content as subject; a noun phrase after the verb wins
            after_np = _surface_subject(sent, t if so is not None else toks[v0], True, last)
            if after_np is not None:
                subj = after_np
            else:
                frame_after = False
        cue = [CuePiece(t.start, t.end, t.text, lemma)]
        if so is not None:
            cue.insert(0, CuePiece(so.start, so.end, so.text, lemma))
        if part is not None:
            cue.append(CuePiece(part.start, part.end, part.text, lemma))

        # content after a colon in the verb's own clause
        colon = None
        for k in range(t.i + 1, last + 1):
            x = toks[k]
            if x.text == ":":
                colon = k
                break
            if sx.is_finite(x) or sx.is_quote(x) or x.text in {";", "–"}:
                break
        after: tuple[int, int] | None = None
        rule = ""
        if colon is not None and colon < last:
            after = (colon + 1, last)
            rule = "colon"
        else:
            comma = None
            skip_to = -1
            for k in range(frame_end + 1, last + 1):
                x = toks[k]
                if k <= skip_to:
                    continue
                if x.text == ",":
                    app_end = _apposition_end(toks, k, last)
                    if app_end is not None:
                        skip_to = app_end  # "gab der Leiter …, Andreas Huber, bekannt, dass …"
                        continue
                    comma = k
                    break
                if x.text in {":", ";", "–"} or (x.is_finite_verb and x.upos == "VERB") or (x.is_finite_verb and x.upos == "AUX" and x.lemma not in {"werden", "sein", "haben"}):
                    break  # "Kritisiert wird …, dass": an auxiliary does not end the frame
                if sx.is_quote(x):
                    name_end = _quoted_name_end(sent, quotes, k)
                    if name_end is not None:
                        skip_to = name_end  # "meldet die Nachrichtenagentur „Xinhua“, die Maschine sei …"
                        continue
                    comma = k - 1
                    break
            if comma is not None and comma < last:
                f = toks[comma + 1]
                seg_end = _next_boundary(sent, comma + 1, last) - 1
                seg = toks[comma + 1 : seg_end + 1]
                if f.lower in sx.g("complementizer"):
                    after = (comma + 2, last)
                    rule = "comma"
                elif sx.is_quote(f):
                    after = (comma + 1, last)
                    rule = "comma"
                elif _has_zu_infinitive(seg) and not any(sx.is_finite(x) and toks[x.i - 1].xpos != "PTKZU" for x in seg) and f.lower not in {"um", "ohne", "statt", "anstatt"}:
                    start = comma + 1
                    # "betont die Absicht Chinas, … auszubauen": the content noun belongs to the content
                    for k in range(frame_end + 1, comma):
                        if toks[k].lower in sx.g("content_noun"):
                            lo, _ = sx.np_tokens(sent, k)
                            start = lo
                            break
                    # the content runs over following zu-infinitive segments only
                    end = seg_end
                    while end + 2 <= last and toks[end + 1].text == ",":
                        nxt_end = _next_boundary(sent, end + 2, last) - 1
                        nseg = toks[end + 2 : nxt_end + 1]
                        if _has_zu_infinitive(nseg) and not sx.has_finite_verb(nseg):
                            end = nxt_end
                        elif nseg and sx.opens_subordinate(nseg[0]) and nseg[0].lower not in {"als", "während", "nachdem", "bevor", "weil", "da", "obwohl"}:
                            end = nxt_end  # "Daten herauszugeben, die mit Wikileaks in Verbindung stehen"
                        else:
                            break
                    after = (start, end)
                    rule = "zu_inf"
                elif (not sx.opens_subordinate(f) or _article_after_verb(toks, comma, t, part)) and (sx.has_finite_verb(seg) or _verb_second(seg)):
                    after = (comma + 1, last)
                    rule = "comma"
                elif not sx.opens_subordinate(f) and (mv := sx.main_finite_verbs(sent, comma + 1, last)) and sx.is_konjunktiv(mv[0]):
                    # "erklärte, in den Ländern, in denen …, sei die Zahl gestiegen": a fronted
                    # phrase and a relative clause before the reported verb
                    after = (comma + 1, last)
                    rule = "comma"
            if after is None and not frame_after:
                # zu-infinitive in the same clause: "glauben die Forscher … definieren zu können"
                seg_end = _next_boundary(sent, t.i + 1, last) - 1
                seg = toks[t.i + 1 : seg_end + 1]
                if seg and _has_zu_infinitive(seg[-3:]) and info.cls in {"thought", "speech"} and seg_end == last:
                    s = subj if subj is not None and subj > t.i else None
                    start = t.i + 1
                    if s is not None:
                        _, hi = sx.np_tokens(sent, s)
                        start = hi + 1
                    while start <= seg_end and toks[start].upos == "ADV" and toks[start].lower in {"zudem", "auch", "nun", "bereits", "stets"}:
                        start += 1
                    if start < seg_end:
                        after = (start, seg_end)
                        rule = "zu_inf"

        if after is not None and rule in {"comma", "colon", "zu_inf"}:
            for k in range(after[0] + 1, after[1] + 1):
                if toks[k].text in {"–", "—", ";"} and k - 1 >= after[0]:
                    after = (after[0], k - 1)
                    break
                if _coordinated_verb(sent, k, quotes) and k - 1 > after[0]:
                    # "…, er sei tot, und kündigte an, …": the speaker's next act is not content
                    end = k - 1
                    while end > after[0] and toks[end].text == ",":
                        end -= 1
                    after = (after[0], end)
                    break
        # „…“, sagte X, „…“: the quote right after the comma goes on; after "dass" it is the content
        split_quote = rule == "comma" and sx.is_quote(toks[after[0]]) and toks[after[0] - 1].lower not in sx.g("complementizer")
        # "Die Lage, sagte der Minister, sei ernst": the frame interrupts one clause
        interrupted = frame_after and rule == "comma" and sx.is_finite(toks[after[0]]) and not sx.has_finite_verb(toks[: v0 - 1])
        parts: list[tuple[int, int]] = []
        message: tuple[int, int] | None = None
        if frame_after and (after is None or rule == "colon" or split_quote or interrupted):
            # content before the frame
            comma_i = v0 - 1 if prev.text == "," else v0
            before_end_tok = comma_i - 1
            clause0 = toks[0].start
            for k in range(v0 - 1, -1, -1):
                if toks[k].text == ":":
                    clause0 = toks[k + 1].start if k + 1 < len(toks) else clause0
                    break
            if prev.text == "," and prev2 is not None and sx.is_quote(prev2):
                q = ending_at(quotes, prev2.end)
                if q is not None and q.start <= clause0:
                    message = q.inner
            elif sx.is_quote(prev):
                q = ending_at(quotes, prev.end)
                if q is not None and q.start <= clause0:
                    message = q.inner
            if message is None and before_end_tok >= 0:
                start = 0
                for k in range(before_end_tok, -1, -1):
                    if toks[k].text == ":":
                        start = k + 1
                        break
                # "Zur Feststellung, dass …, sagte X: …": a subordinate clause is not the content
                seg0 = _clause_start(sent, before_end_tok)
                subordinate = seg0 > start and sx.opens_subordinate(toks[seg0])
                if start <= before_end_tok and not (subordinate and after is not None):
                    message = _span(sent, start, before_end_tok)
                elif after is not None:
                    frame_after = False
        if frame_after and (after is None or rule == "colon" or (rule == "comma" and sx.is_quote(toks[after[0]])) or interrupted):
            if message is None:
                continue
            if after is None and toks[v0].lemma == "werden" and not t.is_finite_verb and not sx.reported_content(sent, quotes, message):
                continue  # "Der Plan, den X vorgelegt hatte, wurde beschlossen": a passive clause, no frame
            rule = "frame_after"
            parts.append(message)
            if after is not None:
                a0, a1 = after
                q = starting_at(quotes, toks[a0].start) if sx.is_quote(toks[a0]) else None
                parts.append(q.inner if q is not None else _span(sent, a0, a1))
                message = (parts[0][0], parts[-1][1])
            else:
                parts = []
        elif after is not None:
            a0, a1 = after
            if sx.is_quote(toks[a0]):
                q = starting_at(quotes, toks[a0].start)
                if q is not None and q.end >= toks[a1].end - 1:
                    message = q.inner
            if message is None:
                message = _span(sent, a0, a1)
        elif sent.index > 0 and toks[0].lower in {"das", "dies", "dieses"} and (toks[0].upos == "PRON" or toks[0].xpos == "PDS") and t.i <= 4:
            # "… verletzt worden. Das teilte die Polizei mit.": the previous sentence is the content
            prev_sent = doc.sentences[sent.index - 1]
            pl = sx.content_last(prev_sent)
            if sx.is_question(prev_sent) or pl < 2:
                continue
            message = (prev_sent.start, prev_sent.tokens[pl].end)
            rule = "anaphor"
        else:
            continue

        # speaker
        speaker = None
        hint = None
        if lemma == "zitieren":
            obj = next((c.i for c in toks if c.head == t.i and c.deprel in {"obj", "iobj"} and c.upos in {"NOUN", "PROPN"}), None)
            if obj is None:
                obj = _surface_subject(sent, t, True, last, objects=True)
                if obj is not None and subj in {None, obj}:
                    # the first NP after the verb is the quoting medium, the next one the speaker
                    # ("zitiert die Zeitung den Polizeibeamten Thomas Pettersen"), unless the
                    # first one is the object ("zitiert ihn die Zeitung")
                    _, hi = sx.np_tokens(sent, obj)
                    nxt = _surface_subject(sent, toks[hi], True, last, objects=True)
                    if nxt is not None and not _accusative(sent, obj):
                        subj, obj = obj, nxt
                    elif nxt is not None and subj is None:
                        subj = nxt
                    elif subj is not None:
                        obj = nxt
            relay = None
            if subj is not None:
                lo, hi = sx.np_tokens(sent, subj)
                relay = Mention(sent.index, lo, hi)
            if obj is not None:
                lo, hi = sx.np_tokens(sent, obj)
                speaker = Mention(sent.index, lo, hi)
            d = Draft(sent=sent.index, message=message, cues=cue, rule=rule, speaker=speaker, verb_class=info.cls)
            d.relay = relay
            d.parts = parts or None
            out.append(d)
            continue
        if rule == "anaphor" and subj == 0:
            subj = _surface_subject(sent, t, True, last)  # "Das teilte die Polizei mit": "Das" is the object
        if subj is None and so is None and (_wie_base(toks, v0) > 0 or not _clause_goes_on_after(sent, t.i)):
            # "X, Sprecherin von Y, erklärte, …" (not "Die Lage, sagte der Minister, sei ernst")
            subj = _subject_before_appositions(sent, v0)
        if subj is None:
            if frame_after and so is None and v0 < t.i:
                subj = _surface_subject(sent, toks[v0], True, last)  # "„…“, hat die Sprecherin mitgeteilt"
            if subj is None:
                subj = _surface_subject(sent, t, frame_after or (rule != "frame_after" and t.i == cstart), last)
            if subj is None and not frame_after:
                subj = _surface_subject(sent, t, True, last)
        if subj is not None and any(a <= toks[subj].start < b for a, b in (parts or [message])):
            subj = None
        if subj is not None:
            lo, hi = sx.np_tokens(sent, subj)
            speaker = Mention(sent.index, lo, hi)
        else:
            hint = "prev_subject"
        d = Draft(sent=sent.index, message=message, cues=cue, rule=rule, speaker=speaker, speaker_hint=hint, verb_class=info.cls, parts=parts or None)
        fr_lo = min(cstart, t.i) if rule != "frame_after" else t.i
        d.frame = (toks[fr_lo].start, toks[frame_end].end)
        out.append(d)
    return out
