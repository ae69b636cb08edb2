"""Speech and cognition nouns with a content clause: ``Gerüchte, wonach …``,
``Zur Feststellung, dass …``, ``formulierten die Forscher die Hypothese, dass …``."""

from __future__ import annotations

from claims import lexicons
from claims.grammar import syntax as sx
from claims.grammar.verbs import speech_verb, speech_verb_anywhere, subject_of, surface_subject
from claims.nlp.model import ParsedDoc, Sentence
from claims.rules.draft import CuePiece, Draft, Mention, Rule
from claims.rules.quotes import Quotes
from claims.rules.verb_cues import is_zu_infinitive

OPENERS = {"dass", "daß", "wonach", "ob"}


def _clause_end(sent: Sentence, start: int, last: int) -> int:
    """The content clause from ``start`` ends where the main clause resumes (", sagte …")."""
    toks = sent.tokens
    for k in range(start + 1, last + 1):
        if toks[k - 1].text == "," and sx.is_finite(toks[k]):
            return k - 2
    return last


def find_wonach(doc: ParsedDoc, sent: Sentence, quotes: Quotes) -> list[Draft]:
    """``…, wonach X``, ``Gerüchte, nach denen X`` and ``Pläne, laut denen X``: the relative word is the cue, the
    noun phrase before the comma (a report, a rumour, a newspaper) the source."""
    toks = sent.tokens
    last = sx.content_last(sent)
    out = []
    for t in toks[1 : max(0, last - 1)]:
        if toks[t.i - 1].text != ",":
            continue
        if t.lower == "wonach":
            start = t.i + 1
        elif t.lower == "nach" and toks[t.i + 1].lower == "denen" and lexicons.compound_match(toks[t.i - 2].text, sx.g("speech_noun") | sx.g("source_noun")):
            start = t.i + 2
        elif t.lower in {"laut", "gemäß"} and toks[t.i + 1].lower in {"denen", "dem", "der"}:
            start = t.i + 2  # "die Pläne der Nationalsozialisten, laut denen …"
        else:
            continue
        end = _clause_end(sent, start, last)
        if end <= start:
            continue
        before = toks[t.i - 2] if t.i >= 2 else None
        speaker = None
        if before is not None and (before.upos in {"NOUN", "PROPN"} or sx.is_quote(before)):
            np = sx.surface_np_before(sent, t.i - 2)
            if np is not None:
                speaker = Mention(sent.index, *np)
        d = Draft(sent=sent.index, message=(toks[start].start, toks[end].end), cues=[CuePiece(t.start, t.end, t.text, t.lower)], rule=Rule.NOUN, speaker=speaker, verb_class="speech")
        d.frame = (toks[0].start, toks[start - 1].end)
        out.append(d)
    return out


def _konjunktiv_clause(sent: Sentence, start: int, last: int) -> bool:
    """A verb-second clause in the Konjunktiv starts at ``start`` (reported content)."""
    toks = sent.tokens
    if sx.opens_subordinate(toks[start]) or sx.is_quote(toks[start]):
        return False
    verbs = sx.main_finite_verbs(sent, start, _clause_end(sent, start, last))
    return bool(verbs) and verbs[0].i - start <= 6 and sx.is_konjunktiv(verbs[0])


def find_noun_cues(doc: ParsedDoc, sent: Sentence, quotes: Quotes) -> list[Draft]:
    toks = sent.tokens
    last = sx.content_last(sent)
    nouns = sx.g("speech_noun")
    out = []
    for t in toks[: max(0, last - 2)]:
        if t.upos not in {"NOUN", "PROPN"} or lexicons.compound_match(t.text, nouns) is None:
            continue
        if toks[t.i + 1].text != ",":
            continue
        if toks[t.i + 2].lower in OPENERS - {"wonach"}:
            start = t.i + 3
        elif _konjunktiv_clause(sent, t.i + 2, last):
            start = t.i + 2  # "wagte die Prognose, bei der Kanzlerwahl würden nicht alle …"
        else:
            continue
        end = _clause_end(sent, start, last)
        if end < start:
            continue
        # a speech verb whose object the noun is would be the cue of its own rule
        if any(speech_verb_anywhere(sent, v) for v in toks[: t.i] if v.upos in {"VERB", "AUX"}):
            continue
        speaker = None
        for v in toks:
            # the subject of a speech verb answers the statement ("Zur Feststellung, dass …,
            # sagte X: …"); it did not make it
            if v.head == -1 and v.upos in {"VERB", "AUX"} and speech_verb(sent, v) is None:
                s = subject_of(sent, v)
                # not a subject in the quotation after a colon ("…, sagte X: Das interpretieren Sie richtig")
                if s is not None and not (start <= s <= end) and not any(x.text == ":" for x in toks[min(s, t.i) : max(s, t.i)]):
                    speaker = Mention(sent.index, *sx.np_tokens(sent, s))
        if speaker is None and not sx.has_parse(sent):
            # by position: the subject of the clause's finite verb before the noun ("Die
            # Experten kamen zu dem Ergebnis, dass …", "22 Prozent teilen die Meinung, …")
            v = next((x for x in toks[: t.i] if x.is_finite_verb), None)
            if v is not None and not sx.opens_subordinate(toks[0]):
                s = surface_subject(sent, v, False, last) if v.i > 0 else None
                if s is None:
                    s = surface_subject(sent, v, True, t.i - 1)
                if s is not None and s < t.i:
                    speaker = Mention(sent.index, *sx.np_tokens(sent, s))
        d = Draft(sent=sent.index, message=(toks[start].start, toks[end].end), cues=[CuePiece(t.start, t.end, t.text, t.lemma.lower())], rule=Rule.NOUN, speaker=speaker, verb_class="speech")
        d.frame = (toks[0].start, t.end)
        out.append(d)
    return out


def _owner_end(sent: Sentence, i: int, last: int) -> int | None:
    """The end of "von X" or a genitive ("der Gewerkschaft") right after token ``i``, if
    one follows up to a comma."""
    toks = sent.tokens
    k = i + 1
    if k > last or toks[k].lower not in {"von", "des", "der", "vom"}:
        return None
    while k + 1 <= last and toks[k + 1].text not in {",", ".", ";", ":"} and toks[k + 1].upos in {"DET", "ADJ", "NOUN", "PROPN", "ADP", "PUNCT", "X", "NUM"}:
        k += 1
    return k if k > i + 1 else None


def find_proposals(doc: ParsedDoc, sent: Sentence, quotes: Quotes) -> list[Draft]:
    """A noun of proposal or demand with a zu-infinitive ("die Idee von Finanzminister
    Schelling, den Sozialpartnern nur ein halbes Jahr Zeit zu geben", "die Forderung der
    Gewerkschaft, die Löhne zu erhöhen"): the infinitive clause is the message, the noun
    its cue and the owner named after it ("von X", a genitive) the speaker."""
    toks = sent.tokens
    last = sx.content_last(sent)
    nouns = sx.g("proposal_noun")
    out = []
    for t in toks[: max(0, last - 3)]:
        if t.upos != "NOUN" or lexicons.compound_match(t.text, nouns) is None:
            continue
        owner = _owner_end(sent, t.i, last)
        if owner is None and (t.lower.endswith("idee") or (t.i > 1 and toks[t.i - 2].lower == "auf")):
            continue  # "hat die Idee, … zu", "käme nicht auf die Idee, … zu": a thought, not a proposal
        comma = (owner if owner is not None else t.i) + 1
        if comma > last or toks[comma].text != ",":
            continue
        end = comma + 1
        while end + 1 <= last and toks[end + 1].text not in {",", ";", ":", "–"}:
            end += 1
        clause = toks[comma + 1 : end + 1]
        if len(clause) < 3 or not (is_zu_infinitive(clause[-1]) or (clause[-2].xpos == "PTKZU" and clause[-1].upos in {"VERB", "AUX"})):
            continue
        if any(sx.is_finite(x) for x in clause) or clause[0].lower in {"um", "ohne", "statt", "anstatt"}:
            continue
        if any(speech_verb_anywhere(sent, v) for v in toks[: t.i] if v.upos in {"VERB", "AUX"}):
            continue  # the verb's own rule reads it ("forderte die Regierung auf, …")
        speaker = Mention(sent.index, t.i + 2 if toks[t.i + 1].lower in {"von", "vom"} else t.i + 1, owner) if owner is not None else None
        if speaker is None:
            # else the subject of the clause the noun is an object in ("macht er das Angebot, …")
            v = next((x for x in reversed(toks[: t.i]) if x.is_finite_verb), None)
            if v is not None and not any(x.text in {",", ";", ":"} for x in toks[v.i : t.i]):
                subj = subject_of(sent, v)
                if subj is None or subj == t.i:
                    # after the verb up to the noun ("macht Landesrat X das Angebot"), else before it ("Hofer blieb beim Versprechen")
                    subj = surface_subject(sent, v, True, t.i - 1) if v.i + 1 < t.i else None
                    if subj is None:
                        subj = surface_subject(sent, v, False, last)
                if subj is not None and subj != t.i and toks[subj].lower not in {"es", "man"}:
                    speaker = Mention(sent.index, *sx.np_tokens(sent, subj))
        d = Draft(sent=sent.index, message=(clause[0].start, clause[-1].end), cues=[CuePiece(t.start, t.end, t.text, t.lemma.lower())], rule=Rule.NOUN, speaker=speaker, verb_class="speech")
        d.frame = (t.start, toks[comma - 1].end)
        out.append(d)
    return out
