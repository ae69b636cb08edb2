"""Continuations: sentences without a cue that go on with a speaker's reported speech.

After a claim, following sentences are continuations while their main clause is in
Konjunktiv I/II (``Russland strebe eine multipolare Weltordnung … an``), while they are
whole quotations, or — after a direct claim — while they speak in the first person.
They point to the claim with the cue (``continuation_of``).

Before a claim whose frame follows an unquoted message (``Zudem konnten wir …, sagte X``),
the sentences that speak in the first person belong to its message: texts that drop
quotation marks still show direct speech by its ``ich`` and ``wir``.
"""

from __future__ import annotations

from claims.grammar import syntax as sx
from claims.grammar.verbs import speech_verb_anywhere
from claims.nlp.model import ParsedDoc, Sentence
from claims.rules.draft import Draft, Rule
from claims.rules.quotes import Quotes


def continuation_message(doc: ParsedDoc, sent: Sentence, quotes: Quotes) -> tuple[tuple[int, int], bool] | None:
    """Message span of a continuation candidate and whether it is a whole quotation."""
    last = sx.content_last(sent)
    start, end = sent.start, sent.tokens[last].end
    q = quotes.enclosing(start, end)
    if q is not None and (q.start >= start - 1 or not doc.text[q.start + 1 : start].strip()):  # „ left at the end of the previous sentence
        s, e = q.inner
        return (s, min(e, end)), True
    return (start, end), False


def _ends_sentence(sent: Sentence) -> bool:
    """A full stop ends the sentence, also one the tokenizer left on a number ("nach 2011.")."""
    last = sent.tokens[-1].text
    return last in sx.FINAL or (len(last) > 1 and last.endswith(".") and last[:-1].isdigit())


REPORTATIVE = {"soll", "sollen", "solle", "müsse", "müssten"}
REPORTATIVE_SOLL = {"soll", "sollen"}  # the scheme's free indirect speech


def qualifies(doc: ParsedDoc, sent: Sentence, quotes: Quotes, root_kind: str, free_indirect: bool = False) -> bool:
    if sx.is_question(sent) or not (_ends_sentence(sent) or sent.tokens[-1].text in sx.QUOTE_MARKS):
        return False
    (_, _), whole_quote = continuation_message(doc, sent, quotes)
    if whole_quote:
        return True
    last = sx.content_last(sent)
    if sx.clause_is_konjunktiv(sent, 0, last):
        return True
    if root_kind in {"direct", "mixed"} and sx.has_first_person(sent.tokens[: last + 1]):
        return True
    if free_indirect and any(v.lower in REPORTATIVE for v in sx.main_finite_verbs(sent, 0, last)):
        # reportative "soll": free indirect speech in the SpkAtt scheme
        return True
    return False


def _konjunktiv_one(sent: Sentence, last: int) -> bool:
    """Main clause in Konjunktiv I proper ("sei", "habe", "wolle"), not Konjunktiv II
    ("würde", "hätte"), which also marks plain conditionals."""
    verbs = sx.main_finite_verbs(sent, 0, last)[:2]
    return any(sx.is_konjunktiv_one(v, sent.tokens[: last + 1]) for v in verbs)


def _first_person_start(doc: ParsedDoc, k: int, taken: set[int]) -> int | None:
    """Where sentence ``k`` speaks in the first person: its first token, or the token after
    a colon that introduces the first-person part ("… bemüht: Wir haben …"); None when a
    claim has it, it is in quotation marks or a question, or a speech verb in it has someone
    else speak ("…, sagte Bernd-Robert Schulz")."""
    if k < 0 or k in taken:
        return None
    sent = doc.sentences[k]
    text = doc.text[sent.start : sent.end]
    if sx.is_question(sent) or not _ends_sentence(sent) or any(ch in sx.QUOTE_MARKS for ch in text):
        return None
    toks = sent.tokens[: sx.content_last(sent) + 1]
    fp = sx.g("first_person")
    first = next((t.i for t in toks if t.lower in fp), None)
    if first is None:
        return None
    for t in toks:
        if speech_verb_anywhere(sent, t) is not None and not any(x.lower in fp for x in toks[max(0, t.i - 1) : t.i + 2]):
            return None
    colon = max((t.i for t in toks[:first] if t.text == ":"), default=None)
    return 0 if colon is None else colon + 1


def extend_back(doc: ParsedDoc, drafts: list[Draft], body_start: int = 0) -> None:
    """Start the message of an unquoted frame-after claim at the first-person sentences
    right before it ("Jedoch wollen wir … . Zudem konnten wir …, sagte X")."""
    taken: set[int] = set()
    for d in drafts:
        k = doc.sentences_before(d.message[0])
        while k < len(doc.sentences) and doc.sentences[k].start < d.message[1]:
            taken.add(k)
            k += 1
        taken.add(d.sent)
    for d in drafts:
        if d.rule != Rule.FRAME_AFTER or not d.cues or d.parts or d.continuation_of is not None:
            continue
        sent = doc.sentence_at(d.message[0])
        if sent is None or sent.tokens[0].start != d.message[0] or sent.index != d.sent:
            continue
        if any(ch in sx.QUOTE_MARKS for ch in doc.text[sent.start : d.cues[0].start]):
            continue
        if d.speaker is None or doc.sentences[d.speaker.sent].tokens[d.speaker.first].upos == "PRON":
            continue  # "…, appellierte sie": the sentence before names her, it is no quotation
        k = sent.index - 1
        while (start := _first_person_start(doc, k, taken)) is not None and doc.sentences[k].start >= body_start:
            d.message = (doc.sentences[k].tokens[start].start, d.message[1])
            taken.add(k)
            if start > 0:
                break
            k -= 1


HEARSAY_OPENERS = {"wobei", "welcher", "welche", "welches"} | sx.RELATIVE_PRONOUNS


def hearsay_clause(sent: Sentence, last: int) -> tuple[int, int] | None:
    """A relative or "wobei" clause that reports hearsay with "soll" and a perfect
    infinitive ("zwei Männer, die nach der Tat verschwunden sein sollen"): its character
    span, or None."""
    toks = sent.tokens
    for j in range(2, last + 1):
        if toks[j].lower not in REPORTATIVE_SOLL or not sx.ends_in_perfect_infinitive(sent, j - 1):
            continue
        k = j - 1
        while k > 0 and toks[k].text not in {",", ";", ":"}:
            k -= 1
        if toks[k].text == "," and k + 1 < j and toks[k + 1].lower in HEARSAY_OPENERS and (j + 1 > last or toks[j + 1].text in {",", ".", ";"} or j == last):
            return toks[k + 1].start, toks[j].end
    return None


def find_continuations(doc: ParsedDoc, drafts: list[Draft], quotes: Quotes, kinds: list[str], free_indirect: bool = False) -> list[Draft]:
    """Continuation drafts for ``drafts`` (which must be in text order)."""
    claimed = {d.sent for d in drafts}
    n = len(doc.sentences)
    # sentences covered by a message (multi-sentence quotes)
    for d in drafts:
        k = doc.sentences_before(d.message[0])
        while k < n and doc.sentences[k].end <= d.message[1] + 2:
            claimed.add(k)
            k += 1
    # per sentence, where the last message with a cue in it starts
    last_start: dict[int, int] = {}
    for o in drafts:
        if o.cues:
            last_start[o.sent] = max(last_start.get(o.sent, -1), o.message[0])

    def end_sentence(d: Draft) -> int:
        """The sentence in which the message of ``d`` ends."""
        return max(d.sent, doc.sentences_before(d.message[1]) - 1)

    out: list[Draft] = []
    for r, root in enumerate(drafts):
        if not root.cues or root.continuation_of is not None:
            continue
        end_sent = end_sentence(root)
        # only the last claim that ends in that sentence continues
        if last_start.get(end_sent, -1) > root.message[0]:
            continue
        k = end_sent + 1
        skipped = False
        while k < n:
            sent = doc.sentences[k]
            if k in claimed or not qualifies(doc, sent, quotes, kinds[r], free_indirect):
                # one sentence of the writer's between ("Die Gruppe hatte versucht, … Dabei
                # sei das Boot zerschellt"): Konjunktiv I after it still reports the speaker
                nxt = k + 1
                if skipped or k in claimed or nxt >= n or nxt in claimed or not _ends_sentence(sent):
                    break
                follow = doc.sentences[nxt]
                if sx.is_question(follow) or not _ends_sentence(follow) or not _konjunktiv_one(follow, sx.content_last(follow)):
                    break
                skipped = True
                k = nxt
                continue
            (s, e), _ = continuation_message(doc, sent, quotes)
            out.append(Draft(sent=k, message=(s, e), rule=Rule.CONTINUATION, continuation_of=r, speaker_hint="root"))
            claimed.add(k)
            k += 1
    if free_indirect:
        # the SpkAtt scheme also annotates Konjunktiv passages a little further on
        # (sentence where a claim with a cue ends, its index), in text order; ``best`` is
        # the latest of those that end before the sentence at hand
        roots = sorted((end_sentence(d), r) for r, d in enumerate(drafts) if d.cues and d.continuation_of is None)
        best: tuple[int, int] | None = None
        j = 0
        for sent in doc.sentences:
            k = sent.index
            while j < len(roots) and roots[j][0] < k:
                best = roots[j]
                j += 1
            if k in claimed or sx.is_question(sent) or not _ends_sentence(sent):
                continue
            last = sx.content_last(sent)
            main = sx.main_finite_verbs(sent, 0, last)[:2]
            hearsay = sx.ends_in_perfect_infinitive(sent, last) and any(v.lower in REPORTATIVE_SOLL | {"sollte", "sollten"} for v in main)
            reportative = hearsay or any(v.lower in REPORTATIVE_SOLL for v in main)
            span = None
            if not sx.clause_is_konjunktiv(sent, 0, last) and not reportative:
                span = hearsay_clause(sent, last)
                if span is None:
                    continue
                hearsay = True
            near = best is not None and k - best[0] <= 3
            if not near and (reportative or _konjunktiv_one(sent, last)):
                # Konjunktiv I is reported speech wherever it stands: the nearest speaker before
                near = best is not None
            if not near and (hearsay or _konjunktiv_one(sent, last)) and best is None:
                # Konjunktiv I ("sei") or hearsay ("soll … gewesen sein") before any claim:
                # reported speech of an unnamed source
                out.append(Draft(sent=k, message=span or continuation_message(doc, sent, quotes)[0], rule=Rule.FREE_INDIRECT))
                claimed.add(k)
                continue
            if not near:
                continue
            r = best[1]
            out.append(Draft(sent=k, message=span or continuation_message(doc, sent, quotes)[0], rule=Rule.CONTINUATION, continuation_of=r, speaker_hint="root"))
            claimed.add(k)
    return out
