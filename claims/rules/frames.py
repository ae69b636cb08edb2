"""Frames without a speaking subject: ``…, so X``, ``heißt es``/``hieß es``, the passive
``…, wurde mitgeteilt`` and headline colons (``Heino: "…"``)."""

from __future__ import annotations

from claims import lexicons
from claims.grammar import syntax as sx
from claims.grammar.verbs import clause_goes_on_after, particle_of, speech_verb, subject_of, surface_subject
from claims.nlp.model import ParsedDoc, Sentence
from claims.rules.draft import CuePiece, Draft, Mention, Rule
from claims.rules.quotes import Quotes

HEISSEN = {"heißt", "hieß", "hieße", "hiess", "heisst", "geheißen"}
SOURCE_PREPOSITIONS = {"aus", "im", "in", "bei", "beim", "seitens"}  # "hieß es aus dem Ministerium / im Magistrat" (stanza: "in dem")


def _content_before(sent: Sentence, comma: int, quotes: Quotes) -> tuple[int, int] | None:
    toks = sent.tokens
    end_tok = comma - 1
    if end_tok < 0:
        return None
    start = 0
    for k in range(end_tok, -1, -1):
        if toks[k].text == ":":
            start = k + 1
            break
    if sx.is_quote(toks[end_tok]):
        q = quotes.ending_at(toks[end_tok].end)
        if q is not None and q.start <= toks[start].start:
            return q.inner
    if start > end_tok:
        return None
    return toks[start].start, toks[end_tok].end


def _names_a_source(sent: Sentence, head: int) -> bool:
    """A name, a role or a speech noun ("so Herles", "so FP-Sicherheitsreferent …", "so der
    Vorwurf")."""
    lo, hi = sx.np_tokens(sent, head)
    words = sent.tokens[lo : hi + 1]
    return any(x.upos == "PROPN" for x in words) or any(
        lexicons.compound_match(x.text, lexicons.roles()) is not None or lexicons.compound_match(x.text, sx.g("speech_noun")) is not None for x in words if x.upos == "NOUN"
    )


def find_so_frames(doc: ParsedDoc, sent: Sentence, quotes: Quotes) -> list[Draft]:
    """``Wir sind sehr schlecht darin, …, so Shmueli.``"""
    toks = sent.tokens
    last = sx.content_last(sent)
    out = []
    for t in toks:
        if t.lower != "so" or t.i == 0 or t.i >= last:
            continue
        prev = toks[t.i - 1]
        if prev.text not in {",", "–", "—"}:
            continue  # "…, so Shmueli", "… – so der Vorwurf – …"
        nxt = toks[t.i + 1]
        if nxt.upos not in {"DET", "PROPN", "NOUN", "PRON", "ADJ", "X"} or nxt.lower in {"dass", "daß", "viele", "wenige", "wie"}:
            continue  # "…, so dass …", "…, so viele wie nie", "…, so etwa …": no speaker follows
        rest = toks[t.i + 1 : last + 1]
        after = None
        colon = next((x.i for x in rest if x.text == ":"), None)
        if colon is not None and (colon >= last or sx.has_finite_verb(toks[t.i + 1 : colon])):
            colon = None
        if colon is not None:
            # "…, so Elshorst weiter: Die Regierung wisse …": the speaker goes on after the colon
            rest = toks[t.i + 1 : colon]
            after = (toks[colon + 1].start, toks[last].end)
        close = next((x.i for x in rest if x.text in {",", "–", "—"}), None) if after is None else None
        apposition = close is not None and close < last and toks[close + 1].upos in {"NOUN", "DET"} and not any(x.upos in {"VERB", "AUX"} or x.text == "," for x in toks[close + 1 : last + 1])
        if close is not None and close < last and not apposition:
            # parenthetical frame: content goes on after the second comma
            if sx.has_finite_verb(toks[t.i + 1 : close]):
                continue
            after = (toks[close + 1].start, toks[last].end)
            rest = toks[t.i + 1 : close]
        if sx.has_finite_verb(rest) or not rest:
            continue
        head = next((x.i for x in rest if x.upos in {"PROPN", "NOUN"} or (x.upos == "PRON" and x.xpos == "PPER")), None)
        if head is None:
            continue
        if prev.text != "," and not _names_a_source(sent, head):
            continue  # "– so der Übername der Budenstadt –", "– so die Hoffnung –": no source
        msg = _content_before(sent, t.i - 1, quotes)
        if colon is not None and msg is not None and t.i >= 2 and toks[t.i - 2].xpos in {"KON", "KOUS"}:
            # "… sprach sich X für Y aus, denn, so X: Es ist …": the narration before is no content
            msg, after = after, None
        if msg is None:
            continue
        lo, hi = sx.np_tokens(sent, head)
        lo = max(lo, t.i + 1)
        if apposition:
            lo, hi = sx.widen_np(sent, lo, hi)  # "…, so Matthias Freude, Präsident des Landesumweltamtes."
        parts = None
        if after is not None:
            hi = min(hi, (close if close is not None else colon) - 1)
            parts = [msg, after]
            msg = (msg[0], after[1])
        d = Draft(sent=sent.index, message=msg, cues=[CuePiece(t.start, t.end, t.text, "so")], rule=Rule.FRAME_AFTER, speaker=Mention(sent.index, lo, hi), verb_class="speech", parts=parts)
        d.frame = (t.start, toks[hi].end)
        out.append(d)
    return out


def find_heisst_es(doc: ParsedDoc, sent: Sentence, quotes: Quotes) -> list[Draft]:
    """``…, hieß es (in dem Bericht).`` and ``Es heißt, …``."""

    toks = sent.tokens
    last = sx.content_last(sent)
    out = []
    for t in toks:
        if t.lower not in HEISSEN:
            continue
        es = None
        if t.i + 1 < len(toks) and toks[t.i + 1].lower == "es":
            es = toks[t.i + 1]
        elif t.i > 0 and toks[t.i - 1].lower == "es":
            es = toks[t.i - 1]
        if es is None:
            continue
        lo_t, hi_t = min(t.i, es.i), max(t.i, es.i)
        cue = CuePiece(toks[lo_t].start, toks[hi_t].end, doc.text[toks[lo_t].start : toks[hi_t].end], "heißen")
        msg = None
        rule: Rule | None = None
        parts = None
        frame_hi = None
        # "…, in der es heißt, im Bereich X seien …": content after the frame wins
        content_after = hi_t + 2 <= last and toks[hi_t + 1].text in {",", ":"} and any(x.is_finite_verb for x in toks[hi_t + 2 : last + 1])
        if lo_t > 1 and toks[lo_t - 1].lower == "so" and toks[lo_t - 2].text == ",":
            lo_t -= 1  # "…, so heißt es in einer Erklärung"
            cue = CuePiece(toks[lo_t].start, toks[hi_t].end, doc.text[toks[lo_t].start : toks[hi_t].end], "heißen")
        quoted_before = lo_t > 0 and sx.is_quote(toks[lo_t - 1]) and (q := quotes.ending_at(toks[lo_t - 1].end)) is not None and q.start <= toks[0].start + 1
        if quoted_before and not content_after:
            msg = q.inner  # "„…“ heißt es dazu in einer Pressemitteilung"
            rule = Rule.FRAME_AFTER
        elif lo_t > 0 and toks[lo_t - 1].text == "," and not content_after:
            msg = _content_before(sent, lo_t - 1, quotes)
            rule = Rule.FRAME_AFTER
            if msg is not None and not sx.has_finite_verb(toks[: lo_t - 1]) and clause_goes_on_after(sent, hi_t):
                # "Die Lage, hieß es aus dem Ministerium, sei ernst": the frame interrupts the clause
                comma = next(k for k in range(hi_t + 1, last + 1) if toks[k].text == ",")
                parts = [msg, (toks[comma + 1].start, toks[last].end)]
                msg = (parts[0][0], parts[1][1])
                frame_hi = comma - 1
        else:
            for k in range(hi_t + 1, last + 1):
                if toks[k].text in {",", ":"}:
                    a = k + 1
                    if a <= last and toks[a].lower in sx.g("complementizer"):
                        a += 1
                    if a <= last:
                        msg = (toks[a].start, toks[last].end)
                        rule = Rule.COMMA
                    break
                if sx.is_finite(toks[k]):
                    break
        if msg is None:
            continue
        # "hieß es aus dem Ministerium", "hieß es aus Regierungskreisen": the source
        speaker = None
        for k in range(hi_t + 1, min(last, hi_t + 8)):
            if toks[k].text in sx.BOUNDARY or any(a <= toks[k].start < b for a, b in (parts or [msg])):
                break
            if toks[k].lower not in SOURCE_PREPOSITIONS:
                continue
            end = _phrase_end(toks, k + 1, last)
            words = toks[k + 1 : end + 1] if end is not None else []
            # "aus dem Ministerium", "aus Regierungskreisen"; "im Magistrat", "bei der Polizei",
            # "seitens des Unternehmens" only for an institution (not "im Bericht", a channel;
            # not "in Brüssel", a place)
            institution = toks[k].lower == "aus" or any((x.upos == "PROPN" and toks[k].lower != "in") or lexicons.compound_match(x.text, lexicons.roles()) is not None for x in words)
            if words and any(x.upos in {"NOUN", "PROPN"} for x in words) and institution and not any(lexicons.compound_match(x.text, lexicons.media_nouns()) is not None for x in words):
                speaker = Mention(sent.index, k + 1, end)
                break
        d = Draft(sent=sent.index, message=msg, cues=[cue], rule=rule, speaker=speaker, speaker_hint=None if speaker else "prev_claim", verb_class="speech", parts=parts)
        if frame_hi is None:
            frame_hi = last if rule == Rule.FRAME_AFTER else hi_t
        d.frame = (toks[lo_t].start, toks[frame_hi].end)
        out.append(d)
    return out


WERDEN = {"wurde", "wurden", "wird", "werde", "würde", "worden"}


def find_passive_frame(doc: ParsedDoc, sent: Sentence, quotes: Quotes) -> list[Draft]:
    """``…, wurde (am Montag) mitgeteilt.`` and ``…, wurde von der Polizei bekanntgegeben.``:
    a passive speech verb after the message ends the sentence; the speaker is the
    ``von`` phrase, else the subject of the sentence before ("Der Konzern legte Zahlen
    vor. Über den Kaufpreis sei Stillschweigen vereinbart worden, wurde mitgeteilt."),
    else the speaker of the claim before. Surface pattern, so both analyzers find it (the
    parser tends to make the frame a conjunct of the message's verb)."""

    toks = sent.tokens
    last = sx.content_last(sent)
    if last < 3:
        return []
    part = toks[last]
    if not (part.xpos in {"VVPP", "VAPP"} or part.feats.get("VerbForm") == "Part" or part.lower.startswith("ge") or "ge" in part.lower[2:5]):
        return []
    found = speech_verb(sent, part)
    if found is None or found[0] not in lexicons.speech_verbs() or lexicons.speech_verbs()[found[0]].cls != "speech":
        return []
    # walk back over the frame's adverbials to "wurde", with the comma right before it
    k = last - 1
    if found[1] is not None and found[1].i == k:
        k -= 1  # "bekannt gegeben"
    von = None
    while k > 0 and toks[k].lower not in WERDEN:
        if toks[k].text in sx.BOUNDARY or sx.is_quote(toks[k]) or sx.is_finite(toks[k]):
            return []
        if toks[k].lower in {"von", "vom"}:
            von = k
        k -= 1
    if k < 2 or toks[k].lower not in WERDEN or toks[k - 1].text != ",":
        return []
    msg = _content_before(sent, k - 1, quotes)
    if msg is None:
        return []
    # reported content: Konjunktiv or a quotation ("Der Plan, den X vorlegte, wurde beschlossen" is none)
    if not any(msg[0] <= t.start < msg[1] for t in toks) or not sx.reported_content(sent, quotes, msg):
        return []
    lo = found[1].i if found[1] is not None and found[1].i < part.i else part.i
    aux = toks[k]
    cues = [CuePiece(aux.start, aux.end, aux.text, "werden"), CuePiece(toks[lo].start, part.end, doc.text[toks[lo].start : part.end], found[0])]
    by = None  # the von phrase
    if von is not None and von + 1 <= lo - 1:
        end = _phrase_end(toks, von + 1, lo - 1)
        by = Mention(sent.index, von + 1, end if end is not None else lo - 1)
    speaker, relay = by, None
    if found[0] == "zitieren":
        # "„…“, wurde der Minister (von der BBC) zitiert": the one quoted is the subject
        subj = _passive_subject(toks, k + 1, lo - 1)
        if subj is not None:
            speaker, relay = Mention(sent.index, *subj), by
    d = Draft(sent=sent.index, message=msg, cues=cues, rule=Rule.FRAME_AFTER, speaker=speaker, speaker_hint=None if speaker else "prev_subject", verb_class="speech")
    d.relay = relay
    d.frame = (toks[k].start, toks[last].end)
    return [d]


_NOMINAL = {"DET", "ADJ", "NOUN", "PROPN", "NUM"}


def _phrase_end(toks: list, a: int, b: int) -> int | None:
    """Last token of the nominal run starting at ``a`` (at most ``b``), or None."""
    end = None
    for j in range(a, b + 1):
        if toks[j].upos not in _NOMINAL:
            break
        end = j
    return end


def _passive_subject(toks: list, a: int, b: int) -> tuple[int, int] | None:
    """The first noun phrase in ``a..b`` that is not in a prepositional phrase (a run of
    articles, adjectives, nouns and names, or a personal pronoun); adverbs are skipped."""
    j = a
    while j <= b:
        t = toks[j]
        if t.upos == "ADP":  # skip the phrase it governs
            j += 1
            while j <= b and toks[j].upos in _NOMINAL:
                j += 1
            continue
        if t.upos == "PRON" and t.xpos in {"PPER", ""}:
            return (j, j)
        if t.upos in _NOMINAL:
            end = _phrase_end(toks, j, b)
            if end is not None and any(toks[x].upos in {"NOUN", "PROPN"} for x in range(j, end + 1)):
                return (j, end)
        j += 1
    return None


def find_headline_colon(doc: ParsedDoc, sent: Sentence, quotes: Quotes) -> list[Draft]:
    """``Expertin: "Gefahr einer Infektion sehr wahrscheinlich"``."""
    toks = sent.tokens
    for k in range(1, min(5, len(toks) - 1)):
        if toks[k].text != ":":
            continue
        head = toks[:k]
        if not all(x.upos in {"NOUN", "PROPN", "ADJ", "DET", "X"} or x.text in {"-", "."} for x in head):
            return []
        if not any(x.upos in {"NOUN", "PROPN"} for x in head):
            return []
        nxt = toks[k + 1]
        if not sx.is_quote(nxt):
            return []
        q = quotes.starting_at(nxt.start)
        if q is None:
            return []
        d = Draft(sent=sent.index, message=q.inner, cues=[CuePiece(toks[k].start, toks[k].end, ":", ":")], rule=Rule.COLON, speaker=Mention(sent.index, 0, k - 1), speaker_hint="quote_match", verb_class="speech")
        d.frame = (toks[0].start, toks[k].end)
        return [d]
    return []


def _verb_cue(sent: Sentence, v, before: int | None = None) -> list[CuePiece]:
    """A verb that is no speech verb as cue: the verb and its separated particle (one
    that stands before token ``before``, when given)."""

    cue = [CuePiece(v.start, v.end, v.text, v.lemma.lower())]
    part = particle_of(sent, v)
    if part is not None and part.i != v.i and (before is None or part.i < before):
        cue.append(CuePiece(part.start, part.end, part.text, v.lemma.lower()))
    return cue


def find_colon_quote(doc: ParsedDoc, sent: Sentence, quotes: Quotes) -> list[Draft]:
    """``In der ARD zeigte sich der Bundestrainer zufrieden: „Wir haben …“``: a clause
    with a subject and a finite verb that is not a speech verb, then a colon and a
    quotation. The finite verb (with its particle) is the cue, its subject the speaker."""

    toks = sent.tokens
    colon = next((k for k, x in enumerate(toks) if x.text == ":"), None)
    if colon is None or colon < 2 or colon + 1 >= len(toks) or not sx.is_quote(toks[colon + 1]):
        return []
    q = quotes.starting_at(toks[colon + 1].start)
    if q is None or len(doc.text[q.inner[0] : q.inner[1]].split()) < 4:
        return []  # a short title ("…: „Le Grand Macabre“") is no statement
    verbs = [x for x in toks[:colon] if sx.is_finite(x)]
    if len(verbs) != 1 or any(sx.is_quote(x) for x in toks[:colon]):
        return []
    v = verbs[0]
    subj = subject_of(sent, v)
    if subj is None or subj >= colon:
        subj = surface_subject(sent, v, v.i > 0, colon - 1)
    if subj is None or subj >= colon or toks[subj].lower in {"es", "man", "das", "dies"}:
        return []
    cue = _verb_cue(sent, v, before=colon)
    end = q.inner[1]
    d = Draft(sent=sent.index, message=(q.inner[0], end), cues=cue, rule=Rule.COLON, speaker=Mention(sent.index, *sx.np_tokens(sent, subj)), verb_class="speech")
    d.frame = (toks[0].start, toks[colon].end)
    return [d]


def find_quote_then_frame(doc: ParsedDoc, sent: Sentence, quotes: Quotes) -> list[Draft]:
    """``„Wir haben jetzt vier Punkte …“, zeigte sich Milovan Rajevac zufrieden.``: a
    quotation opens the sentence and an inverted clause follows (finite verb, then its
    subject). The inversion marks the clause as the quotation's frame even when its verb
    is no speech verb."""

    toks = sent.tokens
    last = sx.content_last(sent)
    if not toks or not sx.is_quote(toks[0]):
        return []
    q = quotes.starting_at(toks[0].start)
    if q is None:
        return []
    close = next((x.i for x in toks if x.end == q.end), None)
    k = close + 1 if close is not None else None
    if k is None or k > last:
        return []
    if toks[k].text == ",":
        k += 1
    if k > last or not sx.is_finite(toks[k]):
        return []
    v = toks[k]
    subj = surface_subject(sent, v, True, last)
    if subj is None or toks[subj].lower in {"es", "man", "das", "dies"}:
        return []
    cue = _verb_cue(sent, v)
    d = Draft(sent=sent.index, message=q.inner, cues=cue, rule=Rule.FRAME_AFTER, speaker=Mention(sent.index, *sx.np_tokens(sent, subj)), verb_class="speech")
    d.frame = (v.start, toks[last].end)
    return [d]


# words between a second speech verb and its colon: "betonte aber gleichzeitig:"
_LINKING = {"aber", "jedoch", "gleichzeitig", "zugleich", "auch", "zudem", "außerdem", "allerdings", "dann", "noch", "weiter", "ebenfalls"}


def find_coordinated_frame(doc: ParsedDoc, sent: Sentence, quotes: Quotes) -> list[Draft]:
    """``Das könne er nur schwer mittragen, meinte Schieder, betonte aber gleichzeitig: Das
    ist kein schlechter Vorschlag.``: a frame after the content (speech verb, then its
    subject) and a second speech verb that shares the subject and opens new content with a
    colon. Two claims of the same speaker; the second verb is no frame of the first content."""
    toks = sent.tokens
    last = sx.content_last(sent)
    for i in range(2, last):
        if toks[i - 1].text != "," or not sx.is_finite(toks[i]):
            continue
        first = speech_verb(sent, toks[i])
        comma = next((k for k in range(i + 1, last) if toks[k].text == ","), None)
        if first is None or comma is None or comma == i + 1:
            continue
        subject = toks[i + 1 : comma]
        if not any(x.upos in {"NOUN", "PROPN"} for x in subject) or any(sx.is_finite(x) for x in subject):
            continue
        j = comma + 1 + (toks[comma + 1].lower == "und")
        if j > last or not sx.is_finite(toks[j]):
            continue
        second = speech_verb(sent, toks[j])
        colon = next((k for k in range(j + 1, min(last, j + 5) + 1) if toks[k].text == ":"), None)
        if second is None or colon is None or colon >= last or any(x.lower not in _LINKING and x is not second[1] for x in toks[j + 1 : colon]):
            continue
        before = _content_before(sent, i - 1, quotes)
        if before is None:
            continue
        after = (toks[colon + 1].start, toks[last].end)
        if sx.is_quote(toks[colon + 1]):
            q = quotes.starting_at(toks[colon + 1].start)
            if q is not None:
                after = q.inner
        speaker = Mention(sent.index, i + 1, comma - 1)
        out = []
        for verb, (lemma, part), message, rule, frame_end in ((toks[i], first, before, Rule.FRAME_AFTER, comma - 1), (toks[j], second, after, Rule.COLON, colon)):
            cues = [CuePiece(verb.start, verb.end, verb.text, lemma)]
            if part is not None and part.i != verb.i:
                cues.append(CuePiece(part.start, part.end, part.text, lemma))
            d = Draft(sent=sent.index, message=message, cues=cues, rule=rule, speaker=speaker, verb_class="speech")
            d.frame = (verb.start, toks[frame_end].end)
            out.append(d)
        return out
    return []
