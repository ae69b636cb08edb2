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

from claims import lexicons
from claims.grammar import syntax as sx
from claims.grammar.verbs import (
    apposition_end,
    clause_goes_on_after,
    clause_start,
    is_negation,
    is_passive,
    may_be_verb,
    name_quote_start,
    passive_agent,
    speech_verb,
    subject_before_appositions,
    subject_of,
    surface_subject,
    wie_base,
)
from claims.nlp.model import ParsedDoc, Sentence, Token
from claims.rules.draft import CuePiece, Draft, Mention, Rule
from claims.rules.quotes import Quotes


def _negated(sent: Sentence, lo: int, hi: int, verb: int) -> bool:
    """A negation between ``lo`` and ``hi`` that is not after a coordinating conjunction
    after the verb ("sagt X und meint damit weder …" negates the second verb only)."""
    for t in sent.tokens[lo : hi + 1]:
        if t.xpos == "KON" and t.lower in {"und", "oder", "aber", "sondern"} and t.i > verb:
            return False
        if is_negation(t):
            return True
    return False


def _next_boundary(sent: Sentence, i: int, last: int) -> int:
    for k in range(i, last + 1):
        if sent.tokens[k].text in sx.BOUNDARY:
            return k
    return last + 1


def _accusative(sent: Sentence, head: int) -> bool:
    """The noun phrase at ``head`` is marked accusative: "ihn", "den Minister", "einen Sprecher"."""
    x = sent.tokens[head]
    if x.upos == "PRON":
        return x.lower in {"ihn", "mich", "dich", "uns", "euch"}
    lo, _ = sx.np_tokens(sent, head)
    return sent.tokens[lo].lower in {"den", "einen"} or x.feats.get("Case") == "Acc"


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
    start = clause_start(sent, t.i)
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
    start = clause_start(sent, t.i)
    return not sx.has_finite_verb(toks[start : t.i])


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


def _quoted_name_end(sent: Sentence, quotes: Quotes, k: int) -> int | None:
    """If the quotation opening at token ``k`` is a short name after a noun ("die
    Nachrichtenagentur „Xinhua“"), the index of its closing mark; else None."""
    toks = sent.tokens
    if k == 0 or (toks[k - 1].upos not in {"NOUN", "PROPN"} and toks[k - 1].lower not in {"dem", "der", "den", "des", "die", "das", "zum", "zur", "im", "vom", "beim"}):
        return None  # after a noun or an article: "sagte X dem „Hamburger Abendblatt“"
    q = quotes.starting_at(toks[k].start)
    if q is None:
        return None
    inner = [x for x in toks if q.start < x.start < q.end - 1]
    close = next((x.i for x in toks if x.end == q.end), None)
    # a title in lower case is a name only if the outlet lexicon knows it ('„profil“')
    titled = inner and (inner[0].text[:1].isupper() or tuple(x.lower for x in inner) in lexicons.outlets())
    if close is None or not titled or len(inner) > 5 or any(x.is_finite_verb for x in inner):
        return None
    return close


RELATIVE_AFTER_PREPOSITION = {"dem", "der", "den", "denen", "deren", "dessen", "welchem", "welcher", "welchen", "welches"}


def _relative_clause_at(toks: list, i: int, last: int) -> bool:
    """Does a relative clause with a preposition open at ``i`` ("mit dem die Daten …",
    "in denen …")? A preposition, a relative pronoun and then no noun of its own ("in
    der Stadt" is a prepositional phrase)."""
    if i + 1 > last or toks[i].upos != "ADP" or toks[i + 1].lower not in RELATIVE_AFTER_PREPOSITION:
        return False
    if toks[i + 1].xpos in {"PRELS", "PRELAT"} or toks[i + 1].lower in {"denen", "deren", "dessen"}:
        return True
    nxt = toks[i + 2] if i + 2 <= last else None
    return nxt is not None and nxt.upos not in {"NOUN", "PROPN", "ADJ", "NUM"} and nxt.xpos not in {"ADJA", "CARD"}


def _verb_final_relative(sent: Sentence, seg: list[Token]) -> bool:
    """A segment that opens with "der"/"die"/"das" and ends on its only finite verb is a
    relative clause ("…, sagte Theurer, der Sonderberichterstatter zu LuxLeaks ist"),
    though a tagger may call the pronoun an article; not when the verb follows the first
    noun phrase ("…, der Bericht zeige")."""
    words = [x for x in seg if not x.is_punct]
    if len(words) < 3 or words[0].lower not in sx.RELATIVE_PRONOUNS:
        return False
    np = sx.surface_np_after(sent, words[0].i, words[-1].i)
    if np is not None and np[1] + 1 < len(sent.tokens) and sx.is_finite(sent.tokens[np[1] + 1]):
        return False
    finite = [x for x in words if sx.is_finite(x)]
    one_at_end = bool(finite) and finite[0] is words[-1]
    aux_pair_at_end = len(finite) == 2 and finite[-1] is words[-1] and finite[0].upos == "AUX" and finite[0] is words[-2]
    return one_at_end or aux_pair_at_end


def _coordinated_verb(sent: Sentence, k: int, quotes: Quotes) -> bool:
    """Does a coordinated verb phrase in the indicative start at ``k`` ("und kündigte an",
    ", doch X erklärte")? Konjunktiv ("und wolle schlafen") continues the report."""
    toks = sent.tokens
    x = toks[k]
    if k + 1 >= len(toks) or quotes.around(x.start) is not None:
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


def _may_have_content_before(sent: Sentence, quotes: Quotes, i: int) -> bool:
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
    # "Aber wir werden handeln, sagte X": a main clause joined to the sentence before is content
    joined = start == 0 and toks[0].lower in {"und", "aber", "oder", "sondern", "doch"}
    if sx.opens_subordinate(toks[start]) and not joined and toks[start].lower not in sx.g("complementizer") and not any(sx.is_quote(x) for x in toks[start : end + 1]):
        return False  # "Nachdem …, hat X gebeten": a subordinate clause is a frame, not content; "Dass …, betonte X" is content
    if sx.is_quote(toks[end]):
        q = quotes.ending_at(toks[end].end)
        opener = next((x for x in toks if q is not None and x.start == q.start), None)
        if opener is None or opener.i <= start:
            return True  # the quotation opens the clause (or began in an earlier sentence)
        before = toks[opener.i - 1]
        if not (before.upos in {"DET", "ADP", "NOUN", "PROPN", "ADJ"} and before.text not in {",", ":"}):
            return True
        # a quoted name closes the phrase: content only if a clause comes before it
        # ("Der Planet begleitet den Stern „HD 13189“, teilte …")
        end = opener.i - 1
    if start == 0 and prev.text == "," and any(x.text == "," for x in toks[: end + 1]) and subject_before_appositions(sent, i) is not None:
        # "Thaksin Shinawatra, der … übergeben hatte, hat … angekündigt": a noun phrase
        # with a relative clause or an apposition is the subject, not the content
        return clause_goes_on_after(sent, i)
    if sx.has_finite_verb(toks[start : end + 1]):
        return True
    # "Die Lage, sagte der Minister, sei ernst": a phrase before the frame whose clause
    # goes on after it with a finite verb in Konjunktiv
    if prev.text != "," or start != 0 or any(sx.is_quote(x) or x.xpos in sx.SUBORDINATING_TAGS for x in toks[start : end + 1]):
        return False
    return clause_goes_on_after(sent, i)


def _has_zu_infinitive(toks: list[Token]) -> bool:
    for k, x in enumerate(toks):
        if is_zu_infinitive(x) or (x.xpos == "PTKZU" and k + 1 < len(toks) and toks[k + 1].upos in {"VERB", "AUX"}):
            return True
    return False


def _reported_relative(sent: Sentence, t: Token, frame_end: int, comma: int, last: int) -> tuple[int, int] | None:
    """The object of the speech verb ``t`` and the Konjunktiv relative clause after it at
    ``comma``, as the content (token range): "Die Wissenschafter verweisen auf die Rolle des
    FWF, der die Grundlagenforschung sichere und dabei helfe, …" -> "die Rolle des FWF, der
    … helfe". The object runs from after the verb's preposition (or the verb and its
    subject) to the comma; the content goes on over the clauses in Konjunktiv after it."""
    toks = sent.tokens
    if comma - frame_end < 2:
        return None
    rel_end = _next_boundary(sent, comma + 1, last) - 1
    verbs = [x for x in toks[comma + 1 : rel_end + 1] if sx.is_finite(x)]
    if not verbs or not sx.is_konjunktiv_one(verbs[-1], toks[comma + 1 : rel_end + 1]):
        return None
    start = next((k + 1 for k in range(frame_end + 1, comma) if toks[k].upos == "ADP" and toks[k].lower in {"auf", "vor", "von", "über", "an", "zu", "zur", "zum"}), None)
    if start is None:
        subj = surface_subject(sent, t, True, comma - 1)
        start = sx.np_tokens(sent, subj)[1] + 1 if subj is not None and subj > t.i else frame_end + 1
    while start < comma and (toks[start].upos == "ADV" or toks[start].xpos == "ADJD"):
        start += 1
    if start >= comma or not any(x.upos in {"NOUN", "PROPN"} for x in toks[start:comma]):
        return None
    end = rel_end
    while end + 2 <= last and toks[end + 1].text == ",":
        nxt_end = _next_boundary(sent, end + 2, last) - 1
        seg = toks[end + 2 : nxt_end + 1]
        fin = [x for x in seg if sx.is_finite(x)]
        if fin and not sx.is_konjunktiv_one(fin[-1], seg):
            break
        end = nxt_end
    return start, end


def _object_after(sent: Sentence, t: Token, last: int) -> bool:
    """A second noun phrase after the verb in its clause besides the subject: an object
    ("…, fanden sie noch Unterlagen"); a prepositional phrase is none."""
    toks = sent.tokens
    phrases = 0
    inside = False  # in a run of nominal words ("Van der Bellen", "die neue Direktorin")
    k = t.i + 1
    while k <= last and toks[k].text not in sx.BOUNDARY and not sx.is_quote(toks[k]):
        x = toks[k]
        if x.upos == "ADP" and x.xpos != "PTKVZ":
            np = sx.surface_np_after(sent, k + 1, last)
            k = (np[1] if np else k) + 1
            inside = False
            continue
        nominal = x.upos in {"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM"}
        if nominal and not inside:
            phrases += 1
        inside = nominal
        k += 1
    return phrases > 1


def _person_after(sent: Sentence, t: Token, last: int) -> bool:
    """The subject after ``t`` names someone: a name, a personal pronoun or a role
    ("weiß Tiergartendirektorin Dagmar Schratter", "findet sie"; not "fand dann in Spandau
    eine Anstellung")."""
    k = surface_subject(sent, t, True, last)
    if k is None:
        return False
    x = sent.tokens[k]
    lo, hi = sx.np_tokens(sent, k)
    named = any(y.upos == "PROPN" for y in sent.tokens[lo : hi + 2])  # "Innenverteidiger Christopher Dibon"
    return named or x.lower in sx.g("nominative_pronoun") or lexicons.compound_match(x.text, lexicons.roles()) is not None


def _main_clause_first(sent: Sentence, span: tuple[int, int]) -> bool:
    """The content's first segment has its own finite verb: a clause, not a noun phrase
    with a relative clause ("Freunde von Aufbausimulationen, die … suchen, finden …")."""
    seg = []
    for x in sent.tokens:
        if x.start < span[0] or sx.is_quote(x):
            continue
        if x.start >= span[1] or x.text in sx.BOUNDARY:
            break
        seg.append(x)
    return sx.has_finite_verb(seg)


def _span(sent: Sentence, lo: int, hi: int) -> tuple[int, int]:
    return sent.tokens[lo].start, sent.tokens[hi].end


SOURCE_PREPOSITIONS = {"hervorgehen": "aus"}  # "geht aus einem Bericht des Ministeriums hervor"


def _source_preposition_phrase(sent: Sentence, lemma: str, cstart: int, last: int, message: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The noun phrase after the preposition that names the source of a verb without a
    speaking subject ("Aus einer Anfragebeantwortung geht hervor, …")."""
    prep = SOURCE_PREPOSITIONS.get(lemma)
    toks = sent.tokens
    if prep is None or toks[cstart].lower in sx.RELATIVE_PRONOUNS:
        return None  # "die Vorwürfe, die aus der Urteilsbegründung hervorgehen"
    for k in range(cstart, last + 1):
        if toks[k].lower == prep and not any(a <= toks[k].start < b for a, b in message):
            return sx.surface_np_after(sent, k + 1, last)
    return None


def find_verb_cues(doc: ParsedDoc, sent: Sentence, quotes: Quotes) -> list[Draft]:
    """All speech-verb claims in ``sent`` (one draft per verb with content)."""
    out: list[Draft] = []
    toks = sent.tokens
    last = sx.content_last(sent)
    for t in toks:
        if t.i > last:
            break
        if not may_be_verb(t):
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
        cstart = clause_start(sent, t.i)
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
        if _negated(sent, neg_lo, neg_hi, t.i):
            continue
        # without its correlate ("verwies auf die Rolle des FWF" for "darauf, dass") the verb
        # reports only an object with a Konjunktiv relative clause (_reported_relative)
        object_only = bool(info.correlate) and not any(x.lower == info.correlate for x in toks[cstart : _next_boundary(sent, t.i, last) + 1])
        if object_only and not any(x.lower == info.correlate[3 if info.correlate.startswith("dar") else 2 :] for x in toks[t.i + 1 : _next_boundary(sent, t.i + 1, last)]):
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
        frame_after = prev is not None and (prev.text == "," or (sx.is_quote(prev) and name_quote_start(toks, v0 - 1) is None)) and (t.is_finite_verb or v0 != t.i)
        if frame_after and not _may_have_content_before(sent, quotes, v0):
            frame_after = False
        if frame_after and subj is not None and subj < v0:
            # the parser took a word of the content as subject; a noun phrase after the verb wins
            after_np = surface_subject(sent, t if so is not None else toks[v0], True, last)
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
        rule: Rule | None = None
        if colon is not None and colon < last:
            if object_only:
                continue
            after = (colon + 1, last)
            rule = Rule.COLON
        else:
            comma = None
            skip_to = -1
            for k in range(frame_end + 1, last + 1):
                x = toks[k]
                if k <= skip_to:
                    continue
                if x.text == ",":
                    app_end = apposition_end(toks, k, last)
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
            if object_only and (comma is None or comma >= last or _reported_relative(sent, t, frame_end, comma, last) is None):
                continue
            if comma is not None and comma < last:
                f = toks[comma + 1]
                seg_end = _next_boundary(sent, comma + 1, last) - 1
                seg = toks[comma + 1 : seg_end + 1]
                if f.lower in sx.g("complementizer"):
                    if comma + 2 <= last:  # "teilte mit, dass" with nothing after it has no content
                        after = (comma + 2, last)
                        rule = Rule.COMMA
                elif sx.is_quote(f):
                    after = (comma + 1, last)
                    rule = Rule.COMMA
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
                    rule = Rule.ZU_INF
                elif _relative_clause_at(toks, comma + 1, last) or _verb_final_relative(sent, seg) or (object_only and f.xpos in {"PRELS", "PRELAT"}):
                    # "warnen vor einem Fehler, mit dem … werden kann", "sagte Theurer, der … ist": a
                    # relative clause; in Konjunktiv it is what the speaker said of the object
                    # ("verweisen auf die Rolle des FWF, der die Grundlagenforschung sichere")
                    reported = None if frame_after else _reported_relative(sent, t, frame_end, comma, last)
                    if reported is not None:
                        after = reported
                        rule = Rule.COMMA
                elif not frame_after and sx.is_finite(f) and f.lower in {"sollte", "sollten"} and not any(
                    toks[k].text == "," and (sx.is_finite(toks[k + 1]) or _has_zu_infinitive(toks[k + 1 : _next_boundary(sent, k + 1, last)]))
                    for k in range(comma + 2, last)
                ):
                    pass  # "warnte vor einem Skandal, sollte die Operation auffliegen": a verb-first condition with no main clause after it
                elif (not sx.opens_subordinate(f) or _article_after_verb(toks, comma, t, part)) and (sx.has_finite_verb(seg) or _verb_second(seg)) and not (sx.is_finite(f) and speech_verb(sent, f) is not None):
                    # (a verb-first frame is no content: "…, wurden 1.080 Menschen erwartet, teilte die Polizei mit")
                    after = (comma + 1, last)
                    rule = Rule.COMMA
                elif not sx.opens_subordinate(f) and (mv := sx.main_finite_verbs(sent, comma + 1, last)) and sx.is_konjunktiv(mv[0]):
                    # "erklärte, in den Ländern, in denen …, sei die Zahl gestiegen": a fronted
                    # phrase and a relative clause before the reported verb
                    after = (comma + 1, last)
                    rule = Rule.COMMA
            if after is None and not frame_after:
                # zu-infinitive in the same clause: "glauben die Forscher … definieren zu können"
                seg_end = _next_boundary(sent, t.i + 1, last) - 1
                seg = toks[t.i + 1 : seg_end + 1]
                if seg and _has_zu_infinitive(seg[-3:]) and info.cls in {"thought", "speech"} and seg_end == last and lemma not in sx.g("raising_verb"):
                    s = subj if subj is not None and subj > t.i else None
                    start = t.i + 1
                    if s is not None:
                        _, hi = sx.np_tokens(sent, s)
                        start = hi + 1
                    while start <= seg_end and toks[start].upos == "ADV" and toks[start].lower in {"zudem", "auch", "nun", "bereits", "stets"}:
                        start += 1
                    if start < seg_end:
                        after = (start, seg_end)
                        rule = Rule.ZU_INF

        if after is not None and rule in {Rule.COMMA, Rule.COLON, Rule.ZU_INF}:
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
        split_quote = rule == Rule.COMMA and sx.is_quote(toks[after[0]]) and toks[after[0] - 1].lower not in sx.g("complementizer")
        # "Die Lage, sagte der Minister, sei ernst": the frame interrupts one clause
        interrupted = frame_after and rule == Rule.COMMA and sx.is_finite(toks[after[0]]) and not sx.has_finite_verb(toks[: v0 - 1])
        parts: list[tuple[int, int]] = []
        message: tuple[int, int] | None = None
        if frame_after and (after is None or rule == Rule.COLON or split_quote or interrupted):
            # content before the frame
            comma_i = v0 - 1 if prev.text == "," else v0
            before_end_tok = comma_i - 1
            clause0 = toks[0].start
            for k in range(v0 - 1, -1, -1):
                if toks[k].text == ":":
                    clause0 = toks[k + 1].start if k + 1 < len(toks) else clause0
                    break
            if prev.text == "," and prev2 is not None and sx.is_quote(prev2):
                q = quotes.ending_at(prev2.end)
                if q is not None and q.start <= clause0:
                    message = q.inner
            elif sx.is_quote(prev):
                q = quotes.ending_at(prev.end)
                if q is not None and q.start <= clause0:
                    message = q.inner
            if message is None and before_end_tok >= 0:
                start = 0
                for k in range(before_end_tok, -1, -1):
                    if toks[k].text == ":":
                        start = k + 1
                        break
                # "Zur Feststellung, dass …, sagte X: …": a subordinate clause is not the content
                seg0 = clause_start(sent, before_end_tok)
                subordinate = seg0 > start and sx.opens_subordinate(toks[seg0])
                if start < before_end_tok and toks[start].lower in sx.g("complementizer"):
                    start += 1  # "Dass es so sei, erklärt X": the content follows "dass"
                if start <= before_end_tok and not (subordinate and after is not None):
                    message = _span(sent, start, before_end_tok)
                elif after is not None:
                    frame_after = False
        if frame_after and (after is None or rule == Rule.COLON or (rule == Rule.COMMA and sx.is_quote(toks[after[0]])) or interrupted):
            if message is None:
                continue
            if after is None and toks[v0].lemma == "werden" and not t.is_finite_verb and not sx.reported_content(sent, quotes, message):
                continue  # "Der Plan, den X vorgelegt hatte, wurde beschlossen": a passive clause, no frame
            rule = Rule.FRAME_AFTER
            parts.append(message)
            if after is not None:
                a0, a1 = after
                q = quotes.starting_at(toks[a0].start) if sx.is_quote(toks[a0]) else None
                parts.append(q.inner if q is not None else _span(sent, a0, a1))
                message = (parts[0][0], parts[-1][1])
            else:
                parts = []
        elif after is not None:
            a0, a1 = after
            if sx.is_quote(toks[a0]):
                q = quotes.starting_at(toks[a0].start)
                if q is not None and q.end >= toks[a1].end - 1:
                    message = q.inner
            if message is None:
                message = _span(sent, a0, a1)
        elif sent.index > 0 and toks[0].lower in {"das", "dies", "dieses"} and (toks[0].upos == "PRON" or toks[0].xpos == "PDS") and (t.i <= 4 or (len(toks) > 1 and toks[1].lemma == "werden" and is_passive(sent, t, 0))):
            # "… verletzt worden. Das teilte die Polizei mit.": the previous sentence is the
            # content (also of a passive frame: "Dies wurde in einem Statement bekräftigt.")
            prev_sent = doc.sentences[sent.index - 1]
            pl = sx.content_last(prev_sent)
            if sx.is_question(prev_sent) or pl < 2:
                continue
            message = (prev_sent.start, prev_sent.tokens[pl].end)
            inner = [q for q in quotes if prev_sent.start < q.start and prev_sent.tokens[max(0, len(prev_sent.tokens) - 3)].start < q.end <= prev_sent.tokens[-1].end and len(doc.text[q.start : q.end].split()) >= 4]
            if inner:
                message = inner[-1].inner  # "Weiter sagte Larson: „…“ Dies sagte der Präsident …": the quotation
            rule = Rule.ANAPHOR
        elif cstart > 2 and toks[cstart - 1].text == "," and toks[cstart].lower in {"das", "dies"} and (toks[cstart].upos == "PRON" or toks[cstart].xpos == "PDS") and t.i - cstart <= 2 and not sx.is_question(sent):
            # "… kommt das Aus, das berichtet der Guardian": the clause before the comma is the content
            start = 0
            for k in range(cstart - 2, -1, -1):
                if toks[k].text in {":", ";"} or sx.is_quote(toks[k]):
                    start = k + 1
                    break
            if cstart - 2 - start < 2 or (sx.opens_subordinate(toks[start]) and toks[start].upos != "ADP") or not sx.has_finite_verb(toks[start : cstart - 1]):
                continue
            named = surface_subject(sent, t, True, last)
            if named is None or toks[named].upos not in {"NOUN", "PROPN"}:
                continue  # "…, das meine ich wirklich so": a speaker's own comment, not a frame
            message = _span(sent, start, cstart - 2)
            rule = Rule.ANAPHOR
        else:
            continue

        if info.frame_only and (rule != Rule.FRAME_AFTER or after is not None or not _person_after(sent, t, last) or _object_after(sent, t, last) or not _main_clause_first(sent, message)):
            # such a verb frames only what came before, with nothing but its subject after it
            # ("…, weiß die Direktorin"; not "…, fanden sie noch Unterlagen")
            continue
        # speaker
        speaker = None
        hint = None
        if lemma == "zitieren":
            obj = next((c.i for c in toks if c.head == t.i and c.deprel in {"obj", "iobj"} and c.upos in {"NOUN", "PROPN"}), None)
            if obj is None:
                obj = surface_subject(sent, t, True, last, objects=True)
                if obj is not None and subj in {None, obj}:
                    # the first NP after the verb is the quoting medium, the next one the speaker
                    # ("zitiert die Zeitung den Polizeibeamten Thomas Pettersen"), unless the
                    # first one is the object ("zitiert ihn die Zeitung")
                    _, hi = sx.np_tokens(sent, obj)
                    while toks[hi].upos in {"NOUN", "PROPN"} and hi + 1 <= last and toks[hi + 1].upos in {"NOUN", "PROPN"} and toks[hi + 1].text[:1].isupper():
                        hi += 1  # "zitierte die Kronen Zeitung den Minister": a name of two nouns
                    nxt = surface_subject(sent, toks[hi], True, last, objects=True)
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
        if rule == Rule.ANAPHOR and (subj is None or toks[subj].lower in {"das", "dies", "dieses"}):
            subj = surface_subject(sent, t, True, last)  # "Das teilte die Polizei mit": "Das" is the object
        if subj is None and so is None and (wie_base(toks, v0) > 0 or not clause_goes_on_after(sent, t.i)):
            # "X, Sprecherin von Y, erklärte, …" (not "Die Lage, sagte der Minister, sei ernst")
            subj = subject_before_appositions(sent, v0)
        if subj is None:
            if frame_after and so is None and v0 < t.i:
                subj = surface_subject(sent, toks[v0], True, last)  # "„…“, hat die Sprecherin mitgeteilt"
            if subj is None:
                subj = surface_subject(sent, t, frame_after or (rule != Rule.FRAME_AFTER and t.i == cstart), last)
            if subj is None and not frame_after:
                subj = surface_subject(sent, t, True, last)
        if subj is not None and any(a <= toks[subj].start < b for a, b in (parts or [message])):
            subj = None
        source_pp = _source_preposition_phrase(sent, lemma, cstart, last, parts or [message]) if subj is None or toks[subj].lower in {"das", "dies", "dieses"} else None
        agent = passive_agent(sent, t, cstart)
        if source_pp is not None:
            pass  # the speaker is the source phrase's, resolved from ``source_mentions``
        elif agent is not None and not any(a <= toks[agent[0]].start < b for a, b in (parts or [message])):
            speaker = Mention(sent.index, agent[0], agent[1])
        elif subj is not None and not is_passive(sent, t, cstart):
            lo, hi = sx.np_tokens(sent, subj)
            speaker = Mention(sent.index, lo, hi)
        else:
            hint = "prev_subject"
        d = Draft(sent=sent.index, message=message, cues=cue, rule=rule, speaker=speaker, speaker_hint=hint, verb_class=info.cls, parts=parts or None)
        if source_pp is not None:
            d.source_mentions, d.source_phrase = [Mention(sent.index, *source_pp)], True
        fr_lo = min(cstart, t.i) if rule != Rule.FRAME_AFTER else t.i
        d.frame = (toks[fr_lo].start, toks[frame_end].end)
        out.append(d)
    return out
