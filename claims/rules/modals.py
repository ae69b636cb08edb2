"""Reportative "wollen": ``Der Wissenschafter will Durchgänge erkannt haben``.

A form of "wollen" whose clause ends in a perfect infinitive reports the subject's
own claim ("claims to have seen"); with a plain infinitive ("will investieren") it is
a plan, no claim.
"""

from __future__ import annotations

from claims.grammar import syntax as sx
from claims.grammar.verbs import clause_start, surface_subject
from claims.nlp.model import ParsedDoc, Sentence
from claims.rules.draft import CuePiece, Draft, Mention, Rule
from claims.rules.quotes import Quotes

WOLLEN = {"will", "willst", "wollen", "wollt", "wollte", "wollten"}


def find_reportative_wollen(doc: ParsedDoc, sent: Sentence, quotes: Quotes) -> list[Draft]:
    """The claim of a main clause ``X will … getan haben``: the cue is the modal, the
    speaker its subject, the message the whole clause (the Reported kind)."""
    toks = sent.tokens
    last = sx.content_last(sent)
    if sx.is_question(sent) or not sx.ends_in_perfect_infinitive(sent, last):
        return []
    for t in toks[: last + 1]:
        if t.lower not in WOLLEN or not t.is_finite_verb or quotes.around(t.start) is not None:
            continue
        if clause_start(sent, t.i) != 0 or sx.has_finite_verb(toks[: t.i]):
            return []  # only a main clause that the modal opens after its first phrase
        subj = surface_subject(sent, t, False, last) if t.i > 0 else None  # before the modal
        if subj is None:
            subj = surface_subject(sent, t, True, last)
        speaker = Mention(sent.index, *sx.np_tokens(sent, subj)) if subj is not None else None
        cue = CuePiece(t.start, t.end, t.text, "wollen")
        d = Draft(sent=sent.index, message=(toks[0].start, toks[last].end), cues=[cue], rule=Rule.REPORTATIVE, speaker=speaker, speaker_hint=None if speaker else "prev_subject", verb_class="speech")
        d.frame = (t.start, t.end)
        return [d]
    return []
