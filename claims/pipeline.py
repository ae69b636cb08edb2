"""The extraction pipeline: parsed document -> cues -> claims -> speakers -> outlets ->
verification -> records.  :func:`extract_parsed` is pure; the analyzer is passed in."""

from __future__ import annotations

import re
from dataclasses import replace

from claims.document import SourceDocument
from claims.grammar import inflection
from claims.grammar import syntax as sx
from claims.grammar.verbs import main_clause_subject, subject_of
from claims.models import Claim, Cue, DocumentInfo, DocumentResult, Outlet, Span, Speaker, Verification, claim_id
from claims.nlp.model import ParsedDoc
from claims.resolve.outlets import OutletMention, author_before, find_outlet_mentions, resolve_outlet_names
from claims.resolve.speakers import Resolved, SpeakerResolver, extends_description
from claims.resolve.verification import find_verification
from claims.rules.continuations import extend_back, find_continuations
from claims.rules.draft import Draft, Mention, Rule
from claims.rules.frames import find_colon_quote, find_coordinated_frame, find_headline_colon, find_heisst_es, find_passive_frame, find_quote_then_frame, find_so_frames
from claims.rules.headlines import find_cueless_quote
from claims.rules.modals import find_reportative_wollen
from claims.rules.noun_cues import find_noun_cues, find_proposals, find_wonach
from claims.rules.prep_cues import find_prep_cues
from claims.rules.quotes import Quotes, find_quotes
from claims.rules.reasons import find_reported_reasons
from claims.rules.verb_cues import find_verb_cues

EXTRACTOR_VERSION = "0.1.0"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _outlet_at(mentions: list[OutletMention], m: Mention | None) -> OutletMention | None:
    if m is None:
        return None
    for om in mentions:
        if om.sent == m.sent and om.first <= m.last and m.first <= om.last:
            return om
    return None


def _via(res: Resolved | None, via: str) -> Resolved | None:
    """``res`` as reached by another way (a continuation, the speaker before)."""
    return replace(res, via=via) if res is not None else None


class _EntityIds:
    """Document-local entity ids: a named entity's own (``e1`` …), and one per name for
    speakers the registry does not hold (descriptions, media), numbered after them."""

    def __init__(self, named: int) -> None:
        self._next = named + 1
        self._by_name: dict[str, str] = {}

    def of(self, res: Resolved) -> str:
        if res.entity is not None:
            return res.entity.id
        key = res.name.casefold()
        if key not in self._by_name:
            self._by_name[key] = f"e{self._next}"
            self._next += 1
        return self._by_name[key]


def _referent(mentions: list[OutletMention]) -> OutletMention:
    """Which of a sentence's outlets an anaphor refers to: a document with an author,
    else a named medium ("ein Gutachten der Pensionskommission, das der APA vorliegt"),
    else the first."""
    return next((m for m in mentions if m.owner is not None), next((m for m in mentions if m.named and m.medium), mentions[0]))


def _carried_outlet(doc: ParsedDoc, d: Draft, before: list[OutletMention]) -> list[OutletMention]:
    """The outlet an anaphoric "demnach" carries: the :func:`_referent` of ``before`` (the
    outlets of the claim or sentence it refers to), at the span of "demnach" ("Nach
    dpa-Informationen … Weitere Einzelheiten will RTL demnach …" -> dpa)."""
    if not before:
        return []
    om = _referent(before)
    cue = d.cues[0]
    k = next((t.i for t in doc.sentences[d.sent].tokens if t.start == cue.start), om.first)
    return [replace(om, sent=d.sent, first=k, last=k, start=cue.start, end=cue.end, text=doc.text[cue.start : cue.end], owner=None)]


def _outside_frame(drafts: list[Draft], frame: Draft) -> list[Draft]:
    """The other drafts of a sentence with a passive frame ("…, wurde mitgeteilt"): the
    frame is neither a message nor a cue of its own, so a draft whose cue or whole message
    lies in it goes, and a message running into it ends before it."""
    a, b = frame.frame
    out = []
    for d in drafts:
        if a <= d.cues[0].start < b or a <= d.message[0]:
            continue
        if d.message[1] > a:
            d.message = (d.message[0], min(d.message[1], frame.message[1]))
        out.append(d)
    return out


def _not_nested(doc: ParsedDoc, drafts: list[Draft]) -> list[Draft]:
    """The drafts of a sentence without those whose cue lies in the message of a frame
    after it ("Wir können sagen, dass X existiert, sagte der Minister"; "Die Seeleute
    fordern höhere Löhne, hieß es in einer Erklärung"; "…, so X"): speech inside unmarked
    direct speech is the speaker's words, as inside quotation marks. Nor is a colon's
    content a claim of the words before the colon when a frame after it names who said it
    ("Mittlerweile ist das bestätigt: X habe …, teilte der Konzern mit")."""
    frames = [d for d in drafts if d.rule == Rule.FRAME_AFTER]

    def framed(d: Draft, o: Draft) -> bool:
        if o.message[0] <= d.cues[0].start < o.message[1]:
            return True
        return d.cues[0].start < o.message[0] and d.message[0] <= o.message[0] and o.cues[0].start < d.message[1] and ":" in doc.text[d.cues[-1].end : o.message[0]]

    return [d for d in drafts if not any(o is not d and framed(d, o) for o in frames)]


def find_drafts(doc: ParsedDoc, quotes: Quotes) -> list[Draft]:
    """Run every cue rule over every sentence."""
    drafts: list[Draft] = []
    for sent in doc.sentences:
        found: list[Draft] = []
        found += find_headline_colon(doc, sent, quotes)
        verbs = [d for d in find_verb_cues(doc, sent, quotes) if not quotes.inside(d.cues[0].start)]
        coordinated = find_coordinated_frame(doc, sent, quotes)
        if coordinated:
            taken = {d.cues[0].start for d in coordinated}
            verbs = [d for d in verbs if d.cues[0].start not in taken] + coordinated
        found += verbs
        if not found:
            found += find_reportative_wollen(doc, sent, quotes)
        found += find_so_frames(doc, sent, quotes)
        found += find_heisst_es(doc, sent, quotes)
        found = _not_nested(doc, found)
        for p in find_passive_frame(doc, sent, quotes):
            found = _outside_frame(found, p) + [p]
        preps = [d for d in find_prep_cues(doc, sent) if not quotes.inside(d.cues[0].start) or d.rule == Rule.PREP]
        # "Wie X, Sprecher von Y, mitteilte, …": the verb belongs to its wie-clause
        wie_verbs = {c.start for d in preps if d.rule == Rule.WIE for c in d.cues[1:]}
        found = [d for d in found if d.cues[0].start not in wie_verbs]
        found += preps
        found += [d for d in find_noun_cues(doc, sent, quotes) + find_wonach(doc, sent, quotes) + find_proposals(doc, sent, quotes) if not any(o.message[0] <= d.message[0] and d.message[1] <= o.message[1] for o in found)]
        # a reported reason only where no other rule reads the sentence
        found += [d for d in find_reported_reasons(doc, sent, quotes) if not any((o.message[0] < d.message[1] and d.message[0] < o.message[1]) or (o.cues and d.message[0] <= o.cues[0].start < d.message[1]) for o in found)]
        if not found:
            found += find_colon_quote(doc, sent, quotes) or find_quote_then_frame(doc, sent, quotes)
        if not found:
            found += find_cueless_quote(doc, sent, quotes)
        drafts += found
    return drafts


def _own_research(doc: ParsedDoc, m: Mention) -> bool:
    """"unter Berufung auf eigene Recherchen": the medium is its own source."""
    return doc.sentences[m.sent].tokens[m.first].lower.startswith("eigene")


def merge_drafts(doc: ParsedDoc, drafts: list[Draft], outlets: list[list[OutletMention]], resolver: SpeakerResolver) -> list[Draft]:
    """Join several cues for one content ("sagte der Minister dem Bericht zufolge")."""
    out: list[Draft] = []
    by_sent: dict[int, list[Draft]] = {}
    for d in drafts:
        by_sent.setdefault(d.sent, []).append(d)
    for s, ds in sorted(by_sent.items()):
        verbs = [d for d in ds if d.rule not in {Rule.PREP, Rule.WIE}]
        keep = list(verbs)
        preps = [d for d in ds if d.rule in {Rule.PREP, Rule.WIE}]
        for p in list(preps):
            # "Wie der Spiegel unter Berufung auf Regierungskreise berichtet, …": the frame's
            # medium relays the source named inside it
            wie = next((w for w in preps if w.rule == Rule.WIE and w.frame and w.frame[0] <= p.cues[0].start < w.frame[1]), None)
            if wie is not None and p.cues[0].lemma == "unter berufung auf" and p.source_mentions and wie.source_mentions:
                if not _own_research(doc, p.source_mentions[0]):
                    wie.relay = wie.source_mentions[0]
                    wie.source_mentions = list(p.source_mentions)
                wie.cues = sorted(wie.cues + p.cues, key=lambda c: c.start)
                preps.remove(p)
        for p in preps:
            pc = p.cues[0].start
            target = None
            own = p.own  # "seiner Ansicht nach", "nach eigenen Angaben"
            spoken = False
            for v in verbs:
                if v.message[0] <= pc < v.message[1]:
                    if v.message[0] <= p.message[0] and v.message[1] < p.message[1] and v.message[1] <= v.cues[0].start < p.message[1]:
                        p.message = (p.message[0], v.message[1])  # "… laut X …, berichtete Y": the frame is none of it
                    # "Pro Kopf ist demnach Österreich …, rechnete X vor": the anaphor is X's word
                    spoken = spoken or (p.speaker_hint == "prev_claim" and v.rule == Rule.FRAME_AFTER)
                    if own:
                        target = v  # "Die Preise sollten seiner Ansicht nach sinken, sagte X": X's own view
                    continue
                if p.rule == Rule.WIE and _overlap(p.message, v.message) == 0:
                    continue
                lo, hi = sorted((pc, v.cues[0].start))
                if ":" in doc.text[lo:hi]:
                    continue  # another clause: "… laut einem Bericht …: Die 28-Jährige habe …, berichtete X"
                target = v
            if spoken:
                continue
            if target is None:
                keep.append(p)
                continue
            src = p.source_mentions[0] if p.source_mentions else None
            om = _outlet_at(outlets[s], src)
            merged = False
            if p.cues[0].lemma == "unter berufung auf" and src is not None and not _own_research(doc, src):
                target.relay = target.speaker
                target.speaker = src
                target.speaker_hint = None
                merged = True
            elif src is None or om is not None or own or (p.cues[0].lemma == "unter berufung auf" and src is not None):
                merged = True
            elif target.speaker is not None:
                a = resolver.resolve(src.sent, src.first, src.last, None)
                b = resolver.resolve(target.speaker.sent, target.speaker.first, target.speaker.last, None)
                merged = a is not None and b is not None and a.name == b.name
            if merged:
                target.cues = sorted(target.cues + p.cues, key=lambda c: c.start)
                target.source_mentions += p.source_mentions
            else:
                keep.append(p)
        # a verb cue inside another claim's message whose subject is "man" or missing is
        # the same speaker going on, not a nested claim
        final = []
        for d in keep:
            outer = [o for o in keep if o is not d and o.message[0] <= d.cues[0].start < o.message[1] and o.message[0] <= d.message[0] and d.message[1] <= o.message[1]]
            if outer and d.rule not in {Rule.PREP, Rule.WIE}:
                subj = d.speaker
                word = doc.sentences[subj.sent].tokens[subj.first].lower if subj is not None else None
                if subj is None or word in {"man", "er", "sie", "es"}:
                    continue
            final.append(d)
        out += final
    # drop exact duplicates
    seen = set()
    uniq = []
    for d in sorted(out, key=lambda d: (d.message[0], d.message[1])):
        key = (d.message, tuple(c.start for c in d.cues))
        if key in seen:
            continue
        seen.add(key)
        uniq.append(d)
    # "Weiter sagte Larson: „…“ Dies sagte der Präsident …": the anaphor repeats a claim
    framed = {d.message for d in uniq if d.rule not in {Rule.ANAPHOR, Rule.PREP, Rule.WIE}}
    return [d for d in uniq if d.rule != Rule.ANAPHOR or d.message not in framed]


_QUOTE_MARK = re.compile('[„“”"«»]')


# "Wien – ", "Johannesburg/Khartum/Den Haag - ", "BERLIN (Reuters) - ": places (and an
# agency) before a dash, then the first word of the article
_DATELINE = re.compile(r"[A-ZÄÖÜ][\wÄÖÜäöüß.-]*(?:(?:/| |/ )[A-ZÄÖÜ][\wÄÖÜäöüß.-]*){0,5}(?: \([^()\n]{2,40}\))? ?[-–—] +(?=[A-ZÄÖÜ„\"])")


def _place_word(t) -> bool:
    """A word of a dateline: a name, a capitalised abbreviation ("BERLIN"), or names
    joined by slashes ("Johannesburg/Khartum/Den")."""
    if t.upos == "PROPN" or t.xpos == "NE" or (t.text.isupper() and len(t.text) > 1):
        return True
    parts = t.text.split("/")
    return len(parts) > 1 and all(p[:1].isupper() for p in parts if p)


def without_dateline(doc: ParsedDoc, message: tuple[int, int]) -> tuple[int, int]:
    """A message that starts one of the first sentences of the article with its
    dateline starts after it: "Wien – Die Regierung werde …, sagte X" is a claim that
    "Die Regierung werde …" (the tokenizer keeps the dateline in the sentence; a parser
    may start the message at the dash). The dateline's words must be names ("Nein – Das
    stimme nicht" keeps its first word)."""
    s, e = message
    text = doc.text
    if text[s : s + 2] in {"- ", "– ", "— "} and text[s + 2 : s + 3].isupper():
        return s + 2, e  # "- Die Regierung …": the parser began at the dash
    sent = doc.sentence_at(s)
    if sent is None or sent.index > 3 or text[sent.start : s].strip():
        return message
    m = _DATELINE.match(text, s, e)
    if m is None:
        return message
    words = [t for t in sent.tokens if s <= t.start < m.end() and t.text[:1].isupper()]
    # "Den Haag", "Los Angeles": an article that is part of a place's name
    named = [t for k, t in enumerate(words) if not (t.upos == "DET" and k + 1 < len(words) and _place_word(words[k + 1]))]
    if words and all(_place_word(t) for t in named if not t.text.startswith("(")):
        return m.end(), e
    return message


def decide_kind(doc: ParsedDoc, d: Draft, quotes: Quotes, media_speaker: bool) -> str:
    s, e = d.message
    text = doc.text
    # the message is a quotation, or lies in one that opens right before it
    for q in (quotes.starting_at(s - 1), quotes.starting_at(s - 2)):
        if q is not None and e < q.end:
            return "direct"
    if d.parts and all((q := quotes.starting_at(p[0] - 1)) is not None and q.end == p[1] + 1 for p in d.parts):
        return "direct"
    if _QUOTE_MARK.search(text, s, e):
        return "mixed"
    if d.rule in {Rule.PREP, Rule.WIE, Rule.ANAPHOR, Rule.REPORTATIVE}:
        return "reported"
    sent = doc.sentence_at(s) or doc.sentences[d.sent]
    toks = [t for t in sent.tokens if s <= t.start < e]
    if not toks:
        return "indirect"
    first, last = toks[0].i, toks[-1].i
    konj = sx.clause_is_konjunktiv(sent, first, last)
    fp = sx.has_first_person(toks)
    if konj and fp:
        # "Ich wäre nicht die richtige Wahl": Konjunktiv II in the speaker's own words
        verbs = sx.main_finite_verbs(sent, first, last)
        k2 = bool(verbs) and verbs[0].lower in sx.g("konj2")
        if k2:
            return "direct"
        return "mixed" if d.rule == Rule.CONTINUATION else "indirect"
    if konj:
        return "indirect"
    if fp:
        return "direct"
    if d.rule in {Rule.FRAME_AFTER, Rule.COLON} and not media_speaker and not text[max(0, s - 5) : s].strip().endswith(("dass", "ob")):
        return "direct"
    return "indirect"


def _claim_id(sha: str, d: Draft) -> str:
    return claim_id(sha, d.message[0], d.message[1], [c.start for c in d.cues])


def _previous_subject(doc: ParsedDoc, sent_i: int) -> Mention | None:
    if sent_i <= 0:
        return None
    sent = doc.sentences[sent_i - 1]
    if not sx.has_parse(sent):  # lite: by position
        s = main_clause_subject(sent)
        return Mention(sent.index, *sx.np_tokens(sent, s)) if s is not None else None
    for t in sent.tokens:
        if t.deprel == "root" or t.head == -1:
            s = subject_of(sent, t)
            if s is None:
                for c in sent.tokens:
                    if c.head == t.i and c.upos in {"VERB", "AUX"}:
                        s = subject_of(sent, c)
                        if s is not None:
                            break
            if s is not None:
                return Mention(sent.index, *sx.np_tokens(sent, s))
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def extract_parsed(src: SourceDocument, doc: ParsedDoc, free_indirect: bool = False) -> list[Claim]:
    """Claims of one parsed document.

    ``free_indirect`` also continues a speaker's claims through sentences with a
    reportative "soll" (the SpkAtt scheme's free indirect speech; off for ``claims extract``).
    """
    text = src.text
    quotes = find_quotes(text, src.body_start)
    outlets = [find_outlet_mentions(doc, s) for s in doc.sentences]
    resolve_outlet_names(doc, outlets)
    resolver = SpeakerResolver(doc, {(m.sent, k) for ms in outlets for m in ms if m.named for k in range(m.first, m.last + 1)})
    drafts = merge_drafts(doc, find_drafts(doc, quotes), outlets, resolver)
    for d in drafts:
        d.message = without_dateline(doc, d.message)
    extend_back(doc, drafts, src.body_start)

    def is_media(m: Mention | None) -> OutletMention | None:
        om = _outlet_at(outlets[m.sent], m) if m is not None else None
        return om if om is not None and om.medium else None

    kinds = [decide_kind(doc, d, quotes, is_media(d.speaker) is not None) for d in drafts]
    conts = find_continuations(doc, drafts, quotes, kinds, free_indirect)
    all_drafts = drafts + conts
    order = sorted(range(len(all_drafts)), key=lambda i: (all_drafts[i].message[0], all_drafts[i].message[1]))
    # continuation_of indexes refer to ``drafts``; map to the final order later
    speakers: dict[int, Resolved | None] = {}
    mentions: dict[int, Mention | None] = {}
    outlet_lists: dict[int, list[OutletMention]] = {}
    last_i: int | None = None  # the last claim with a speaker

    by_sentence: dict[int, list[Draft]] = {}
    for x in all_drafts:
        by_sentence.setdefault(x.sent, []).append(x)

    def messages_in(sent_i: int) -> list[tuple[int, int]]:
        return [x.message for x in by_sentence.get(sent_i, ())]

    pending_quote_match = []
    for i in order:
        d = all_drafts[i]
        last = speakers[last_i] if last_i is not None else None  # the speaker named last
        sent_outlets = outlets[d.sent]
        # outlets: in the frame, outside every message of the sentence, plus own sources
        own = [m for m in (d.source_mentions + ([d.relay] if d.relay else [])) if m is not None]
        chosen: list[OutletMention] = []
        for om in sent_outlets:
            is_own = any(om.first <= m.last and m.first <= om.last for m in own)
            inside = any(a <= om.start < b for (a, b) in messages_in(d.sent))
            if d.rule == Rule.CONTINUATION:
                continue
            if not is_own and d.cues:
                lo, hi = sorted((om.start, d.cues[0].start))
                if ":" in text[lo:hi]:
                    continue  # another clause of the sentence
            if is_own or not inside:
                if d.speaker is not None and om.first <= d.speaker.last and d.speaker.first <= om.last and not om.medium and om.owner is None:
                    continue  # a document that has an author is the channel: "geht aus einem Bericht der Volksanwaltschaft hervor"
                chosen.append(om)
        res: Resolved | None = None
        mention: Mention | None = None
        if d.rule == Rule.FREE_INDIRECT:
            pass  # Konjunktiv I with no claim before it: a report whose speaker the text does not name here
        elif d.rule == Rule.CONTINUATION:
            ri = d.continuation_of  # ``all_drafts`` starts with ``drafts``
            res = _via(speakers.get(ri), "continuation")
            chosen = outlet_lists.get(ri, [])
        else:
            cand = d.speaker
            if cand is None and d.source_mentions and (d.rule in {Rule.PREP, Rule.WIE} or d.source_phrase or is_media(d.source_mentions[0]) is not None):
                # a prepositional cue's source; a medium also where the cue joined a verb cue
                # with no subject ("Dem Konzern wird nach Angaben der Agentur Anadolu vorgeworfen, …")
                cand = d.source_mentions[0]
            om = is_media(cand)
            if om is None and cand is not None and (d.rule in {Rule.PREP, Rule.WIE} or d.source_phrase) and cand in d.source_mentions:
                # "laut einem Medienbericht": a report is the source; "laut einer Mitteilung der Polizei": the owner is
                doc_om = _outlet_at(outlets[cand.sent], cand)
                if doc_om is not None:
                    if doc_om.owner is not None:
                        cand = Mention(cand.sent, *doc_om.owner)
                    elif cand.last > doc_om.last and not sx.temporal_phrase(doc.sentences[cand.sent], doc_om.last + 1, cand.last) and not inflection.no_genitive(doc.sentences[cand.sent].tokens[doc_om.last + 1 : cand.last + 1]):
                        cand = Mention(cand.sent, doc_om.last + 1, cand.last)
                        if doc.sentences[cand.sent].tokens[cand.first].lower in {"von", "vom"}:
                            cand = Mention(cand.sent, cand.first + 1, cand.last)
                    elif doc_om.authored and doc_om.definite and (prior := author_before(outlets, doc_om)) is not None:
                        cand = Mention(prior.sent, *prior.owner)  # "eine Erhebung des BKA … Der Statistik zufolge"
                    elif doc_om.statement and last is not None and last.kind != "unknown":
                        # "wie es in einer internen E-Mail heißt": the author, named before
                        res, cand = _via(last, "previous speaker"), None
                    else:
                        om = doc_om
            if res is not None:
                pass
            elif om is not None:
                res = Resolved(om.name, "media", None, via="medium")
                mention = cand
                if d.rule == Rule.WIE and last is not None and last.kind != "media":
                    prev_claims = [x for x in all_drafts if x.sent == d.sent - 1 and x is not d]
                    if prev_claims:
                        res, mention = _via(last, "previous speaker"), None
            elif cand is not None:
                res = resolver.resolve(cand.sent, cand.first, cand.last, last, d.message)
                mention = cand
            elif d.speaker_hint == "prev_subject":
                ps = _previous_subject(doc, d.sent)
                if ps is not None:
                    r = resolver.resolve(ps.sent, ps.first, ps.last, last)
                    # a subject found by position only (no parse) must look like a speaker
                    kinds = {"person", "organization", "country", "group"} | ({"unknown"} if sx.has_parse(doc.sentences[ps.sent]) else set())
                    if r is not None and r.kind in kinds:
                        res = _via(r, "previous subject")
                if res is None:
                    res = _via(last, "previous speaker")
            elif d.speaker_hint == "prev_claim":
                # "hieß es in einer Stellungnahme des Ministeriums": the document's author;
                # "heißt es in dem Schreiben, das der APA vorliegt": not the medium that has it
                owned = [om for om in chosen if om.owner is not None]
                media_out = [om for om in chosen if om.medium]
                if owned:
                    mention = Mention(owned[0].sent, *owned[0].owner)
                    res = resolver.resolve(mention.sent, mention.first, mention.last, last)
                elif media_out and not any(om.authored for om in chosen):
                    res = Resolved(media_out[0].name, "media", None, via="medium")
                elif d.cues[0].lemma == "demnach" and not chosen and (last_i is None or all_drafts[last_i].sent < d.sent - 1) and d.sent > 0 and outlets[d.sent - 1]:
                    # "Das zeigt eine Studie der Arbeiterkammer. Demnach …": the document or
                    # medium the sentence before names, with no claim of its own
                    om = _referent(outlets[d.sent - 1])
                    chosen = _carried_outlet(doc, d, [om])
                    if om.owner is not None:
                        res = resolver.resolve(om.sent, *om.owner, last)
                    else:
                        res = Resolved(om.name, "media", None, via="medium")
                else:
                    res = _via(last, "previous speaker")
                    if d.cues[0].lemma == "demnach" and last_i is not None and not chosen:
                        chosen = _carried_outlet(doc, d, outlet_lists.get(last_i, []))
            if d.speaker_hint == "quote_match" or d.rule == Rule.CUELESS:
                pending_quote_match.append(i)
        speakers[i] = res
        mentions[i] = mention
        outlet_lists[i] = chosen
        if res is not None:
            last_i = i

    # headline quotes: the speaker who says these words in the article
    for i in pending_quote_match:
        d = all_drafts[i]
        words = [w for w in _words(text[d.message[0] : d.message[1]]) if len(w) > 2]
        best = None
        for j in order:
            if j == i or speakers.get(j) is None:
                continue
            other = " ".join(_words(text[all_drafts[j].message[0] : all_drafts[j].message[1]]))
            if words and " ".join(words[-3:]) in other or (len(words) >= 2 and all(w in other.split() for w in words)):
                best = j
                break
        if best is not None:
            own = speakers[i]
            mention_text = text[d.frame[0] : d.frame[1]] if d.frame else ""
            # keep a speaker named in the headline itself ("Heino: …"), not one guessed from a role
            keep_mention = own is not None and own.kind == "person" and own.name.split()[-1] in mention_text
            if not keep_mention:
                speakers[i] = _via(speakers[best], "quote match")
        elif speakers.get(i) is None and d.rule == Rule.CUELESS:
            later = [j for j in order if all_drafts[j].message[0] > d.message[1] and speakers.get(j) is not None]
            if later:
                speakers[i] = _via(speakers[later[0]], "quote match")

    # one anonymous source described twice takes its fuller description ("einem
    # selbsternannten Mitglied" … "einem selbsternannten Anonymous-Mitglied")
    anonymous = [r for r in speakers.values() if r is not None and r.entity is None and r.kind == "anonymous"]
    for i, r in speakers.items():
        if r is not None and r.entity is None and r.kind == "anonymous":
            fuller = max((o.name for o in anonymous if extends_description(o.name, r.name)), key=len, default=None)
            if fuller is not None:
                speakers[i] = replace(r, name=fuller)

    # kinds and verification
    final_kinds = {}
    for i, d in enumerate(all_drafts):
        if i < len(drafts):
            media = speakers.get(i) is not None and speakers[i].kind == "media"
            final_kinds[i] = decide_kind(doc, d, quotes, media)
        else:
            final_kinds[i] = decide_kind(doc, d, quotes, False)
    msgs = [all_drafts[i].message for i in order]
    cue_sents = [all_drafts[i].sent if all_drafts[i].cues else None for i in order]
    classes = [all_drafts[i].verb_class for i in order]
    findings = find_verification(doc, msgs, cue_sents, classes)
    verif: dict[int, tuple[str, tuple[int, int]]] = {}
    for f in findings:
        i = order[f.claim]
        verif.setdefault(i, (f.status, f.evidence))

    info = document_info(src)
    entity_ids = _EntityIds(len(resolver.entities))
    ids = {i: _claim_id(src.sha256, all_drafts[i]) for i in order}
    claims: list[Claim] = []
    for i in order:
        d = all_drafts[i]
        res = speakers.get(i)
        speaker = None
        if res is not None:
            m = mentions.get(i)
            mspan = None
            if m is not None:
                toks = doc.sentences[m.sent].tokens
                lo, hi = m.first, m.last
                if toks[lo].upos != "PRON" or toks[lo].xpos == "PIS":  # "Einer der Putschisten, Harouna Adamou"
                    lo, hi = sx.widen_np(doc.sentences[m.sent], lo, hi)
                    msg_parts = d.parts or [d.message]
                    while hi > m.last and any(a <= toks[hi].start < b for a, b in msg_parts):
                        hi -= 1
                    while hi > lo and toks[hi].text in {",", ";", ":"}:
                        hi -= 1  # no trailing comma: "der Direktor der IAEO (IAEO),"
                a, b = toks[lo].start, toks[hi].end
                if res.entity is not None:
                    # the name run the resolver read here, where the tagger split it ("Mats" +
                    # "Schönauer" tagged as a common noun)
                    for ea, eb in res.entity.spans:
                        if ea < b and eb > a:
                            a, b = min(a, ea), max(b, eb)
                mspan = Span(start=a, end=b, text=text[a:b])
            speaker = Speaker(
                name=res.name,
                kind=res.kind if res.kind in {"person", "organization", "country", "media", "anonymous", "group"} else "unknown",
                role=res.role,
                mention=mspan,
                entity=entity_ids.of(res),
                via=res.via,
                mentions=[Span(start=a, end=b, text=text[a:b]) for a, b in res.entity.spans] if res.entity is not None else [],
            )
        outs = []
        seen = set()
        for om in outlet_lists.get(i, []):
            if (om.start, om.end) in seen:
                continue
            if any(o.name == om.name and (0 <= om.start - o.end <= 1 or 0 <= o.start - om.end <= 1) for o in outs):
                continue  # "laut einem Bericht der Tageszeitung Kurier": one outlet, named by the medium
            seen.add((om.start, om.end))
            outs.append(Outlet(name=om.name, kind=om.kind if om.kind in {"agency", "broadcaster", "newspaper", "magazine", "online", "social", "medium", "document"} else "unknown", start=om.start, end=om.end, text=om.text))
        v = verif.get(i)
        verification = Verification()
        if v is not None:
            a, b = v[1]
            verification = Verification(status=v[0], evidence=Span(start=a, end=b, text=text[a:b]))
        cont = None
        if d.continuation_of is not None:
            cont = ids[d.continuation_of]
        parts = [Span(start=a, end=b, text=text[a:b]) for a, b in d.parts] if d.parts else None
        claims.append(
            Claim(
                id=ids[i],
                document=info,
                message=Span(start=d.message[0], end=d.message[1], text=text[d.message[0] : d.message[1]]),
                message_parts=parts,
                cue=[Cue(start=c.start, end=c.end, text=text[c.start : c.end], lemma=c.lemma) for c in d.cues],
                speaker=speaker,
                outlets=outs,
                kind=final_kinds[i],
                verification=verification,
                continuation_of=cont,
            )
        )
    return claims


def document_info(src: SourceDocument) -> DocumentInfo:
    return DocumentInfo(
        path=src.path,
        sha256=src.sha256,
        title=src.title,
        date=src.date,
        publisher=src.publisher,
        url=src.url,
        canonical_url=src.canonical_url,
        site=src.site,
        author=src.author,
        fetched_at=src.fetched_at,
    )


def analyze(src: SourceDocument, analyzer) -> ParsedDoc:
    (sents,) = analyzer.analyze_many([src.text[src.body_start :]])
    for sent in sents:
        for t in sent.tokens:
            t.start += src.body_start
            t.end += src.body_start
    return ParsedDoc(text=src.text, sentences=sents)


def extract_document(src: SourceDocument, analyzer) -> DocumentResult:
    return DocumentResult(document=document_info(src), claims=extract_parsed(src, analyze(src, analyzer)))


def extract_documents(sources: list[SourceDocument], analyzer) -> list[DocumentResult]:
    """Several documents, parsed in one batch."""
    bodies = [s.text[s.body_start :] for s in sources]
    parsed = analyzer.analyze_many(bodies)
    out = []
    for src, sents in zip(sources, parsed, strict=True):
        for sent in sents:
            for t in sent.tokens:
                t.start += src.body_start
                t.end += src.body_start
        out.append(DocumentResult(document=document_info(src), claims=extract_parsed(src, ParsedDoc(src.text, sents))))
    return out
