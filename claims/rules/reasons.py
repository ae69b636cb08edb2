"""Reported reasons: a causal clause in Konjunktiv I after a main clause in the
indicative gives the reason as the subject stated it, not as the writer's fact:
``Die EU-Kommission hatte im Mai Klage eingereicht, weil Deutschland seine Flughäfen zu
selten überwache`` (the Commission's reason), ``Die SPÖ hat dies zurückgewiesen, da dies
ohnehin nach EU-Recht entschieden werde``."""

from __future__ import annotations

from claims.grammar import syntax as sx
from claims.grammar.verbs import is_passive, subject_of, surface_subject
from claims.nlp.model import ParsedDoc, Sentence
from claims.rules.draft import CuePiece, Draft, Mention, Rule
from claims.rules.quotes import Quotes

REASON_CONJUNCTIONS = {"weil", "da"}


def _reason_end(sent: Sentence, start: int, last: int) -> int:
    """The causal clause from ``start`` ends before a colon, a semicolon, a dash or a
    comma that opens a new clause with a finite verb ("…, weil X sei, sagte Y")."""
    toks = sent.tokens
    for k in range(start + 1, last + 1):
        if toks[k].text in {";", ":", "–", "—"}:
            return k - 1
        if toks[k].text == "," and k + 1 <= last and sx.is_finite(toks[k + 1]):
            return k - 1
    return last


def _subject(sent: Sentence, verb, last: int) -> int | None:
    """The subject of the main clause's finite ``verb``; a personal pronoun right after it
    is one ("Die Abschöpfung lehnt sie ab": the noun before is a fronted object)."""
    nxt = sent.tokens[verb.i + 1]
    if nxt.xpos == "PPER" and nxt.lower in {"er", "sie", "wir"}:
        return nxt.i
    subj = subject_of(sent, verb)
    if subj is None:
        subj = surface_subject(sent, verb, False, last)
    if subj is None:
        subj = surface_subject(sent, verb, True, last)
    return subj


def find_reported_reasons(doc: ParsedDoc, sent: Sentence, quotes: Quotes) -> list[Draft]:
    """``…, weil/da X … sei`` after an indicative main clause: the causal clause is the
    message, the main clause's verb its cue and its subject the speaker (none for a
    passive: "wurde fallengelassen, weil er noch zu jung sei" names no one)."""
    toks = sent.tokens
    last = sx.content_last(sent)
    out: list[Draft] = []
    for k in range(2, last - 1):
        x = toks[k]
        if x.lower not in REASON_CONJUNCTIONS or toks[k - 1].text != "," or not (x.xpos == "KOUS" or x.upos == "SCONJ"):
            continue
        if quotes.inside(x.start):
            continue  # inside a quotation: the speaker's own words
        end = _reason_end(sent, k + 1, last)
        clause = toks[k + 1 : end + 1]
        finite = [y for y in clause if sx.is_finite(y)]
        if not any(sx.is_konjunktiv_one(y, clause) for y in finite) or sx.has_first_person(clause):
            continue
        main = sx.main_finite_verbs(sent, 0, k - 2)
        if not main or sx.clause_is_konjunktiv(sent, 0, k - 2) or sx.is_question(sent):
            continue  # within reported speech already, or no main clause before the comma
        verb = main[-1]  # the clause right before the comma: "…, seine Versicherung versagte ihm aber die Deckung, da …"
        lexical = next((y for y in reversed(toks[verb.i : k - 1]) if y.xpos in {"VVPP", "VVINF"} and y.i > verb.i), verb)
        cues = [CuePiece(lexical.start, lexical.end, lexical.text, lexical.lemma.lower())]
        speaker = None
        if not is_passive(sent, lexical, 0) and verb.lemma.lower() != "sein":  # "war für den Richter nicht gegeben": no act
            subj = None
            for v in reversed(main):  # a second predicate has its subject with the first ("ließ prüfen, verzichtete aber")
                subj = _subject(sent, v, k - 2)
                if subj is not None:
                    break
            if subj is not None and toks[subj].lower not in {"es", "man"}:
                lo, hi = sx.np_tokens(sent, subj)
                speaker = Mention(sent.index, lo, hi)
        d = Draft(sent=sent.index, message=(clause[0].start, toks[end].end), cues=cues, rule=Rule.REASON, speaker=speaker, verb_class="speech")
        d.frame = (toks[0].start, toks[k].end)
        out.append(d)
    return out
