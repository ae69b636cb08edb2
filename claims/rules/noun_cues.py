"""Speech and cognition nouns with a content clause: ``Gerüchte, wonach …``,
``Zur Feststellung, dass …``, ``formulierten die Forscher die Hypothese, dass …``."""

from __future__ import annotations

from claims import lexicons
from claims.nlp.model import ParsedDoc, Sentence
from claims.rules import syntax as sx
from claims.rules.draft import CuePiece, Draft, Mention
from claims.rules.quotes import Quote
from claims.rules.verb_cues import speech_verb, subject_of

OPENERS = {"dass", "daß", "wonach", "ob"}


def find_noun_cues(doc: ParsedDoc, sent: Sentence, quotes: list[Quote]) -> list[Draft]:
    toks = sent.tokens
    last = sx.content_last(sent)
    nouns = sx.g("speech_noun")
    out = []
    for t in toks[: max(0, last - 2)]:
        if t.upos not in {"NOUN", "PROPN"} or lexicons.compound_match(t.text, nouns) is None:
            continue
        if toks[t.i + 1].text != "," or toks[t.i + 2].lower not in OPENERS:
            continue
        start = t.i + 3
        end = last
        # the content clause ends where the main clause resumes (", sagte …")
        for k in range(start + 1, last + 1):
            if toks[k - 1].text == "," and toks[k].is_finite_verb and toks[k].upos in {"VERB", "AUX"}:
                end = k - 2
                break
        if end < start:
            continue
        # a speech verb whose object the noun is would be the cue of its own rule
        if any(speech_verb(sent, v) for v in toks[: t.i] if v.upos in {"VERB", "AUX"}):
            continue
        speaker = None
        for v in toks:
            if v.head == -1 and v.upos in {"VERB", "AUX"}:
                s = subject_of(sent, v)
                if s is not None and not (start <= s <= end):
                    speaker = Mention(sent.index, *sx.np_tokens(sent, s))
        d = Draft(sent=sent.index, message=(toks[start].start, toks[end].end), cues=[CuePiece(t.start, t.end, t.text, t.lemma.lower())], rule="noun", speaker=speaker, verb_class="speech")
        d.frame = (toks[0].start, t.end)
        out.append(d)
    return out
