"""Prepositional and adverbial attribution: ``laut X``, ``X zufolge``, ``nach Angaben X``,
``nach eigenen Angaben``, ``unter Berufung auf X``, ``demnach`` and ``wie X berichtete``.

The message is the clause the cue attaches to; when the cue and its source stand at
the start of that clause (``Dem Bericht zufolge suchen …``), the message starts after them.
"""

from __future__ import annotations

import re

from claims import lexicons
from claims.grammar import syntax as sx
from claims.grammar.verbs import clause_start, main_clause_subject, speech_verb, speech_verb_anywhere, subject_of
from claims.nlp.model import ParsedDoc, Sentence
from claims.rules.draft import CuePiece, Draft, Mention, Rule

COMPOUND_ANGABEN = re.compile(r"^[\wÄÖÜäöüß]+-?angaben$", re.IGNORECASE)


def _clause_bounds(sent: Sentence, first: int, last_content: int) -> tuple[int, int]:
    """Left and right token bounds of the clause around token ``first``."""
    toks = sent.tokens
    lo = 0
    for k in range(first - 1, -1, -1):
        x = toks[k]
        if x.text in {":", ";"} or (x.text == "–" and k > 0):
            lo = k + 1
            break
        if x.text == "," and k + 1 < len(toks) and (toks[k + 1].lower in sx.g("subordinator") or toks[k + 1].lower in sx.g("complementizer")) and toks[k + 1].lower not in {"und", "aber", "oder", "sondern", "wie"}:
            lo = k + 2
            break
        if x.text == "," and sx.has_finite_verb(toks[:k]) and sx.has_finite_verb(toks[k + 1 : _segment_end(toks, first, last_content)]):
            # a clause of its own after a comma: "X sagte, nach neuesten Erkenntnissen habe …"
            lo = k + 1
            break
    hi = last_content
    for k in range(first + 1, last_content + 1):
        if toks[k].text in {":", ";"}:
            hi = k - 1
            break
    return lo, hi


def _segment_end(toks, i: int, last: int) -> int:
    """Index after the comma-free stretch that holds token ``i``."""
    for k in range(i, last + 1):
        if toks[k].text in {",", ":", ";"}:
            return k
    return last + 1


def _match(sent: Sentence, i: int) -> tuple[lexicons.PrepCue, int] | None:
    """The longest prepositional cue starting at token ``i``, with its last token."""
    toks = sent.tokens
    for cue in lexicons.prepositional_cues_by_first_word().get(toks[i].lower, ()):
        n = len(cue.words)
        if i + n <= len(toks) and all(toks[i + j].lower == w for j, w in enumerate(cue.words)):
            return cue, i + n - 1
    return None


def find_prep_cues(doc: ParsedDoc, sent: Sentence) -> list[Draft]:
    out: list[Draft] = []
    toks = sent.tokens
    last = sx.content_last(sent)
    used: set[int] = set()
    first_words = lexicons.prepositional_cues_by_first_word()
    for t in toks:
        if t.i in used or t.i > last:
            continue
        # "wie X berichtete," / ", wie X mitteilte."
        if t.lower == "wie" and (t.i == 0 or toks[t.i - 1].text in {",", ":", "(", "–"} or sx.is_quote(toks[t.i - 1])):
            d = _wie_cue(sent, t.i, last)
            if d is not None:
                out.append(d)
                used.update(range(t.i, t.i + 2))
            continue
        m = _match(sent, t.i) if t.lower in first_words else None
        cue_last = None
        source = None
        ctype = None
        if m is not None:
            cue, cue_last = m
            ctype = cue.source
        elif t.lower in {"nach", "laut"} and t.i + 1 <= last and COMPOUND_ANGABEN.match(toks[t.i + 1].text) and toks[t.i + 1].lower != "angaben":
            cue_last = t.i + 1
            ctype = "compound"
        elif t.lower == "nach" and t.i + 1 <= last and _speech_np(sent, t.i + 1, last):
            # "Nach einer Stellungnahme der US-Armee …", "nach Berichten der BBC"
            cue_last = t.i
            ctype = "after"
        if cue_last is None:
            continue
        used.update(range(t.i, cue_last + 1))
        cue_lo, cue_hi = t.i, cue_last
        src: tuple[int, int] | None = None
        own = ctype == "self"
        if ctype == "after":
            nxt = cue_last + 1
            if nxt <= last and toks[nxt].lower == "von":
                nxt += 1
            src = sx.surface_np_after(sent, nxt, last) if nxt <= last else None
            if src is None:
                src = _phrase_to_verb(sent, t.i, nxt, last)
            if src is None:
                continue
            source = Mention(sent.index, *src)
        elif ctype == "before":
            if cue_last - len(m[0].words) < 0:
                continue
            src = sx.surface_np_before(sent, t.i - 1) if t.i > 0 else None
            if src is None:
                src = _phrase_from_start(sent, t.i, cue_last, last)
            if src is None:
                continue
            source = Mention(sent.index, *src)
        elif ctype == "compound":
            src = (cue_last, cue_last)
        elif ctype == "possessive":
            if t.i == 0:
                continue
            before = toks[t.i - 1]
            possessive = before.xpos == "PPOSAT" or before.lower in {"seiner", "ihrer", "meiner", "unserer"}
            if possessive or before.xpos == "PDAT":
                src = (t.i - 1, t.i - 1)
                cue_lo = t.i - 1
                own = possessive  # "seiner Ansicht nach"; "dessen Ansicht nach" names another
            else:
                src = sx.surface_np_before(sent, t.i - 1)
                if src is None:
                    continue
            source = Mention(sent.index, *src)
            ctype = "before"
        if toks[cue_lo].upos == "NOUN" and src is None:
            while cue_lo > 0 and toks[cue_lo - 1].xpos == "ADJA" and toks[cue_lo - 1].i not in used:
                cue_lo -= 1  # "Offiziellen Angaben zufolge": the adjective belongs to the cue's noun
        lemma = " ".join(x.lower for x in toks[cue_lo : cue_hi + 1])
        cue_piece = CuePiece(toks[cue_lo].start, toks[cue_hi].end, doc.text[toks[cue_lo].start : toks[cue_hi].end], lemma)
        lo, hi = _clause_bounds(sent, cue_lo, last)
        # cue (with its source) at the clause start: the message starts after it
        occupied_lo = min(cue_lo, src[0]) if src else cue_lo
        occupied_hi = max(cue_hi, src[1]) if src else cue_hi
        if ctype == "compound":
            occupied_hi = cue_hi
        msg_start = None
        if ctype == "after" and occupied_lo <= lo and src is not None:
            # "Laut einem Bericht aus der Birthler-Behörde handelte es sich …": in a verb-second
            # clause everything before the finite verb is the cue phrase
            verb = _first_main_finite(sent, occupied_hi + 1, hi)
            if verb is not None and verb - 1 > occupied_hi and verb - occupied_hi <= 12:
                end = verb - 1
                rel = next((k for k in range(occupied_hi + 1, verb) if toks[k].text == "," and sx.opens_subordinate(toks[k + 1])), None)
                if rel is not None:
                    end = rel - 1  # a relative clause is not part of the source
                while end > occupied_hi and toks[end].text == ",":
                    end -= 1
                src = (src[0], end)
                source = Mention(sent.index, *src)
                occupied_hi = end
                msg_start = verb
        elif ctype == "before" and cue_hi + 1 <= hi and toks[cue_hi + 1].is_finite_verb and lo < occupied_lo and occupied_lo - lo <= 12:
            # "Angaben des seismologischen Instituts von Athen zufolge lag …"
            src = (lo, cue_lo - 1)
            source = Mention(sent.index, *src)
            occupied_lo = lo
        if occupied_lo <= lo:
            lo = occupied_hi + 1
            while lo <= hi and toks[lo].text == ",":
                lo += 1
            if msg_start is not None:
                lo = msg_start
        if lo > hi:
            continue
        d = Draft(sent=sent.index, message=(toks[lo].start, toks[hi].end), cues=[cue_piece], kind="reported", rule=Rule.PREP, own=own)
        d.frame = (toks[occupied_lo].start, toks[occupied_hi].end)
        if ctype in {"after", "before"}:
            d.source_mentions = [source]
        elif ctype == "compound":
            d.source_mentions = [Mention(sent.index, cue_last, cue_last)]
        elif ctype == "self":
            subj = _clause_subject(sent, cue_lo, cue_hi)
            if subj is not None:
                d.speaker = Mention(sent.index, *sx.np_tokens(sent, subj))
            else:
                d.speaker_hint = "prev_subject"
        elif ctype == "anaphor":
            d.speaker_hint = "prev_claim"
        out.append(d)
    return out


def _phrase_to_verb(sent: Sentence, cue: int, first: int, last: int) -> tuple[int, int] | None:
    """When the tags give no noun phrase after a clause-initial cue ("Laut einer am Dienstag
    veröffentlichten Pressemitteilung des WFP wurden …"), the source is everything up to
    the finite verb of the verb-second clause."""
    lo, hi = _clause_bounds(sent, cue, last)
    if cue > lo:
        return None
    verb = _first_main_finite(sent, first, hi)
    if verb is None or verb - first > 12 or verb <= first:
        return None
    if not any(x.upos in {"NOUN", "PROPN", "X"} for x in sent.tokens[first:verb]):
        return None
    return first, verb - 1


def _phrase_from_start(sent: Sentence, cue: int, cue_last: int, last: int) -> tuple[int, int] | None:
    """A postposed cue right before the finite verb ("Der Website worldreferree.com zufolge
    ist …"): the source is the clause's start, whatever the tags say."""
    lo, _hi = _clause_bounds(sent, cue, last)
    toks = sent.tokens
    if cue_last + 1 > last or not toks[cue_last + 1].is_finite_verb or not 0 < cue - lo <= 12:
        return None
    while lo < cue and toks[lo].upos in {"ADV", "CCONJ", "PART"}:
        lo += 1  # "Auch dem Korrespondenten zufolge"
    if not any(x.upos in {"NOUN", "PROPN", "X"} for x in toks[lo:cue]):
        return None
    return lo, cue - 1


def _first_main_finite(sent: Sentence, first: int, last: int) -> int | None:
    """The first finite verb from ``first`` on that is not inside a comma-enclosed
    subordinate or relative clause (", die … mitteilte,")."""
    toks = sent.tokens
    sub = False
    for k in range(first, last + 1):
        x = toks[k]
        if x.text == ",":
            sub = k + 1 <= last and sx.opens_subordinate(toks[k + 1])
            continue
        if x.text in {":", ";"}:
            return None
        if not sub and sx.is_finite(x):
            return k
    return None


def _clause_subject(sent: Sentence, i: int, cue_hi: int | None = None) -> int | None:
    """Subject of the main clause around the cue at tokens ``i``–``cue_hi`` (for "nach
    eigenen Angaben"); by tags, the first nominative noun outside the cue."""
    toks = sent.tokens
    roots = [v for v in toks if v.head == -1]
    for v in roots + [v for v in toks if v.upos in {"VERB", "AUX"} and v not in roots]:
        if v.upos in {"VERB", "AUX", "ADJ", "NOUN"}:
            s = subject_of(sent, v)
            if s is not None and not (s >= i and s <= i + 3) and not (s > 0 and toks[s - 1].text == "("):
                return s
    hi = cue_hi if cue_hi is not None else i
    start = clause_start(sent, i)
    if start >= 2 and toks[start].lower in sx.RELATIVE_PRONOUNS and toks[start - 1].text == ",":
        if start + 1 < len(toks) and toks[start + 1].xpos == "PPER":
            return start + 1  # "einen Betrag, den er nach eigenen Angaben erhalten hat": the pronoun
        if toks[start].lower in {"der", "die", "das"} and toks[start - 2].upos in {"NOUN", "PROPN"}:
            return start - 2  # "Richter, der nach eigenen Angaben …": the relative clause's antecedent
    s = main_clause_subject(sent)
    if s is not None and not i <= s <= hi:
        return s
    for x in toks:
        if x.upos in {"PROPN", "NOUN"} and x.feats.get("Case", "Nom") == "Nom" and not i <= x.i <= hi:
            return x.i
    return None


def _relative_clause_end(toks, k: int, last: int) -> int | None:
    """The comma that closes a relative clause opening at token ``k`` (its finite verb
    comes last), or None."""
    for j in range(k + 1, min(last, k + 30) + 1):
        if toks[j].text == "," and sx.is_finite(toks[j - 1]):
            return j
        if toks[j].text in {":", ";", "–"}:
            return None
    return None


def _wie_cue(sent: Sentence, i: int, last: int) -> Draft | None:
    """``Wie der Sender X berichtete, …`` / ``…, wie X mitteilte.``"""
    toks = sent.tokens
    k = i + 1
    verb = None
    other = None  # a verb that is not a speech verb: "wie erwartet", "wie X gestern berichtete" (mis-tagged)
    in_quote = False
    appos = False  # inside an apposition opened by a comma
    while k <= last:
        x = toks[k]
        if sx.is_quote(x):
            in_quote = not in_quote  # "Wie die „Aktion Deutschland hilft“ mitteilte": a name, not a verb
            k += 1
            continue
        if x.text == "," and verb is None and appos:
            appos = False  # "Wie Steve Marshall, Sprecher der UN-Büros in Birma, in Bangkok mitteilte"
            k += 1
            continue
        if x.text == "," and verb is None and (toks[k - 1].upos in {"NOUN", "PROPN", "X"} or toks[k - 1].text == ")") and k + 1 <= last and toks[k + 1].upos in {"DET", "NOUN", "PROPN", "ADJ"}:
            # an apposition inside the clause: "Wie der Bevollmächtigte der EU-Kommission,
            # Gerald Braun, in Luxemburg mitteilte, …"
            ahead = next((y for y in toks[k + 1 : min(last, k + 20) + 1] if y.text in {":", ";", "–"} or sx.is_finite(y)), None)
            if ahead is not None and sx.is_finite(ahead) and speech_verb(sent, ahead) is not None:
                appos = True
                k += 1
                continue
        if x.text == "," and verb is None and k + 1 <= last and toks[k + 1].lower in sx.RELATIVE_PRONOUNS and toks[k - 1].upos in {"NOUN", "PROPN", "X"}:
            # a relative clause on the source: "Wie Norman Paech, der … anwesend war, dazu feststellt"
            close = _relative_clause_end(toks, k + 1, last)
            if close is not None:
                ahead = next((y for y in toks[close + 1 : min(last, close + 12) + 1] if y.text in sx.BOUNDARY or sx.is_finite(y)), None)
                if ahead is not None and sx.is_finite(ahead) and speech_verb(sent, ahead) is not None:
                    k = close + 1
                    continue
        if x.text in sx.BOUNDARY:
            break
        if in_quote:
            k += 1
            continue
        if (x.upos in {"VERB", "AUX"} or x.xpos.startswith("VV")) and x.lower not in sx.PARTICLES:
            hit = speech_verb_anywhere(sent, x)
            if hit is not None:
                verb = (x, hit)
            elif not (x.xpos.startswith("VA") or x.xpos.startswith("VM")):
                if x.is_finite_verb or verb is not None:
                    return None
                other = other or x
        k += 1
    if verb is None or (other is not None and not verb[0].is_finite_verb):
        return None
    vt, (lemma, part) = verb
    end_k = k  # boundary after the wie-clause (or last + 1)
    src = None
    for j in range(i + 1, vt.i):
        x = toks[j]
        # a name the tagger calls foreign material counts ("Wie „France Football“ … bekannt gab")
        if x.upos in {"NOUN", "PROPN"} or (x.upos == "X" and x.text[:1].isupper()) or (x.upos == "PRON" and x.lower != "es"):
            if x.lower in sx.g("temporal_noun") and toks[j - 1].upos == "ADP":
                continue  # "Wie am Montag die Zeitung berichtete": a time, not the source
            src = sx.np_tokens(sent, j)
            if src[0] <= i:
                src = (i + 1, src[1])
            break
    cues = [CuePiece(toks[i].start, toks[i].end, toks[i].text, "wie"), CuePiece(vt.start, vt.end, vt.text, lemma)]
    if part is not None and part.i != vt.i:
        cues.append(CuePiece(part.start, part.end, part.text, lemma))
    if i == 0 or toks[i - 1].text in {":"}:
        lo = end_k + 1
        hi = last
    else:
        hi = i - 2 if toks[i - 1].text == "," else i - 1
        lo = 0
        for j in range(hi, -1, -1):
            if toks[j].text == ":":
                lo = j + 1
                break
    if lo > hi or lo > last:
        return None
    d = Draft(sent=sent.index, message=(toks[lo].start, toks[hi].end), cues=cues, kind="reported", rule=Rule.WIE)
    d.frame = (toks[i].start, toks[min(end_k - 1, last)].end)
    if src is not None:
        d.source_mentions = [Mention(sent.index, *src)]
    else:
        d.speaker_hint = "prev_claim"
    return d


def _speech_np(sent: Sentence, i: int, last: int) -> bool:
    span = sx.surface_np_after(sent, i, last)
    if span is None:
        return False
    words = sent.tokens[span[0] : span[1] + 1]
    head = next((t for t in words if t.upos in {"NOUN", "PROPN"}), None)
    if head is not None and head.upos == "PROPN" and head.text.endswith("s") and head.i < span[1] and sent.tokens[head.i + 1].upos == "NOUN":
        head = sent.tokens[head.i + 1]  # "nach Müllers Worten": the name is the genitive before the head
    if head is None:
        return False
    if lexicons.compound_match(head.text, sx.g("temporal_after_nach")) is not None:
        return False  # "nach Abschluss der Ermittlungen", "nach der Auszählung": time, not a source
    if any(re.fullmatch(r"\w+lang(e[nmrs]?)?|langwierige[nmrs]?", w.lower) for w in words if w.upos == "ADJ" or w.xpos == "ADJA"):
        return False  # "nach monatelangen Ermittlungen": after a time, not a source
    if _object_of_verb(sent, i - 1, span[1]):
        return False  # "nach Erklärungen zu suchen": what is sought, not a source
    nouns = lexicons.media_nouns()
    hit = lexicons.compound_match(head.text, nouns)
    if hit is not None and nouns[hit] == "medium" and head.i == span[0]:
        return False  # "getrennt nach Radio, Fernsehen": a bare medium is not what "nach" cites ("nach palästinensischen Medien" is)
    return hit is not None or any(lexicons.compound_match(head.text, words) is not None for words in (sx.g("speech_noun"), sx.g("source_noun")))


def _object_of_verb(sent: Sentence, nach: int, np_end: int) -> bool:
    """The "nach" at ``nach`` with its phrase ending at ``np_end`` is a verb's object: a
    verb that takes "nach" (grammar.tsv ``verb_with_nach``) stands right before it, adverbs
    aside ("suchte fieberhaft nach Erklärungen"), or right after the phrase ("nach
    Erklärungen zu suchen", "nach Angaben gefragt")."""
    toks = sent.tokens
    verbs = sx.g("verb_with_nach")
    k = nach - 1
    while k >= 0 and (toks[k].upos == "ADV" or toks[k].xpos == "ADJD"):
        k -= 1
    if k >= 0 and toks[k].upos == "VERB" and toks[k].lemma.lower() in verbs:
        return True
    k = np_end + 1
    if k < len(toks) and toks[k].xpos == "PTKZU":
        k += 1
    return k < len(toks) and toks[k].upos == "VERB" and toks[k].lemma.lower() in verbs
