"""GermEval/KONVENS 2023 SpkAtt Task 2: read and write its JSON format and score it.

Prediction runs the same extraction as ``claims extract`` on the given tokens (stanza
with pre-tokenised input, so token ids line up) and converts claims into the
scheme's annotations: Message, Cue, Source, Frame, Form, STWR, IsNested/HasNested.

Scoring follows the Task 2 overview of the shared-task proceedings: messages of
gold and system are paired by linear sum assignment on their token overlap (form and
STWR break ties); a matched pair yields token-level true positives for the overlap and
false positives/negatives for the rest, for the message and for each role; unmatched
annotations count all their tokens as false positives resp. negatives.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claims import lexicons
from claims.document import parse_text
from claims.grammar import syntax as sx
from claims.grammar.verbs import AGENT_PREPOSITIONS, TENSE_AUXILIARIES, base_lemmas, is_negation, speech_verb, subject_before_appositions, subject_of, surface_subject
from claims.models import Claim, Span
from claims.nlp.model import ParsedDoc
from claims.nlp.normalize import join_colon_sentences, split_at_full_stops
from claims.rules.quotes import QUOTE_CHARS, find_quotes

ROLES = ("Cue", "Source", "Addr", "Frame")
LABELS = ("Message",) + ROLES
FORMS = ("Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported")
CHECK_SIZE = 150


# --------------------------------------------------------------------------- input/output
def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def documents(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.json") if p.is_file())


def check_split(paths: list[Path], size: int = CHECK_SIZE) -> tuple[list[Path], list[Path]]:
    """A fixed held-out part: the ``size`` documents with the smallest sha1 of their file name."""
    ranked = sorted(paths, key=lambda p: hashlib.sha1(p.name.encode()).hexdigest())
    check = set(ranked[:size])
    return [p for p in paths if p not in check], [p for p in paths if p in check]


# --------------------------------------------------------------------------- prediction
PREP_LEMMAS = {" ".join(c.words) for c in lexicons.prepositional_cues()}
STWR_BY_CLASS = {"speech": "Speech", "writing": "Writing", "thought": "ST", "accusation": "Speech", "denial": "Speech", "confirm": "Speech"}
WRITING_LEMMAS = {"berichten", "schreiben", "melden", "vermelden", "twittern", "posten", "veröffentlichen"}


def _stwr(claim: Claim) -> str:
    lemmas = [c.lemma for c in claim.cue]
    if not lemmas:
        return "SW"
    verbs = lexicons.speech_verbs()
    for lem in lemmas:
        if lem in WRITING_LEMMAS:
            return "Writing"
        if lem in verbs:
            return STWR_BY_CLASS.get(verbs[lem].cls, "Speech")
    if any(lem in {"so", ":"} for lem in lemmas):
        return "Speech"
    return "SW"


@dataclass
class TokenIndex:
    text: str
    spans: list[tuple[int, int, str, int]] = field(default_factory=list)  # start, end, "s:t", sentence

    def ids(self, ranges: list[tuple[int, int]]) -> list[str]:
        out = []
        for a, b, tid, _ in self.spans:
            if any(a >= x and b <= y for x, y in ranges):
                out.append(tid)
        return out

    def sentence_of(self, pos: int) -> int | None:
        for a, b, _, s in self.spans:
            if a <= pos < b:
                return s
        return None

    def token_at(self, pos: int, before: bool) -> tuple[int, int, str, int] | None:
        """The token that ends at or just before ``pos`` (before) or starts at/after it."""
        cands = [t for t in self.spans if (t[1] <= pos if before else t[0] >= pos)]
        if not cands:
            return None
        return max(cands, key=lambda t: t[1]) if before else min(cands, key=lambda t: t[0])


def _expand_message(idx: TokenIndex, claim: Claim, start: int, end: int) -> tuple[int, int]:
    """SpkAtt messages keep quotation marks and complementisers."""
    prev = idx.token_at(start, before=True)
    nxt = idx.token_at(end, before=False)
    text = idx.text
    if claim.kind == "direct" and prev and nxt and text[prev[0] : prev[1]] in QUOTE_CHARS and text[nxt[0] : nxt[1]] in QUOTE_CHARS:
        return prev[0], nxt[1]
    if prev and text[prev[0] : prev[1]].lower() in {"dass", "daß", "ob"}:
        return prev[0], end
    return start, end


def _order(tid: str) -> tuple[int, ...]:
    return tuple(map(int, tid.split(":")))


def _fill_gaps(ids: list[str], max_gap: int = 2) -> list[str]:
    """Close small holes in a span ("Angaben von Augenzeugen" without its "von")."""
    out: list[str] = []
    for tid in ids:
        if out:
            (s0, i0), (s1, i1) = _order(out[-1]), _order(tid)
            if s0 == s1 and 1 < i1 - i0 <= max_gap + 1:
                out.extend(f"{s0}:{k}" for k in range(i0 + 1, i1))
        out.append(tid)
    return out


def _auxiliaries(parsed: ParsedDoc | None, pieces) -> list[tuple[int, int]]:
    """Auxiliaries of participle and infinitive cues: the scheme's cue is "hatte erklärt",
    "wurde bekannt gegeben", "will wissen"."""
    out = []
    for _x, sent, i in _cue_tokens(parsed, pieces):
        tok = sent.tokens[i]
        if tok.is_finite_verb:
            continue
        found = [a for a in sent.tokens if a.head == tok.i and a.deprel.startswith("aux") and a.upos == "AUX"]
        if not found and all(a.head < 0 for a in sent.tokens):
            lo, hi = _verb_clause(sent.tokens, i)  # no parse (lite): the clause's tense auxiliaries
            found = [a for a in sent.tokens[lo : hi + 1] if a.upos == "AUX" and a.lemma in TENSE_AUXILIARIES]
        out.extend((a.start, a.end) for a in found)
    return out


def _prep_phrase(idx: TokenIndex, cue_start: int, cue_end: int, after: bool, message: set[str], limit: int = 20) -> list[str]:
    """The whole source phrase of a prepositional cue, as the scheme marks it: everything
    between the cue and the message ("Laut einem Bericht der Menschenrechtsorganisation
    amnesty international ( ai ) …", "Angaben von Peter Beck , dem Dekan , …")."""
    sent = idx.sentence_of(cue_start)
    toks = [s for s in idx.spans if s[3] == sent]
    if after:
        seq = [s for s in toks if s[0] >= cue_end]
    else:
        seq = [s for s in toks if s[1] <= cue_start][::-1]
    out = []
    for a, b, tid, _ in seq:
        word = idx.text[a:b]
        if tid in message or word in {":", ";", ".", "!", "?"} or (word in QUOTE_CHARS and not out):
            break
        out.append(tid)
    while out and idx.text[[s for s in toks if s[2] == out[-1]][0][0]] in ",–(":
        out.pop()
    if not out or len(out) > limit:
        return []
    return sorted(out, key=_order)


def _addressee(parsed: ParsedDoc | None, idx: TokenIndex, pieces, message: set[str], source: set[str] = frozenset()) -> list[str]:
    """Addr: whom a speech act is directed at: "sagte der „Berliner Zeitung“", "sagte
    gegenüber der Presse", "erklärte einem Angestellten"."""
    audience = sx.g("audience_noun")
    addressed = sx.g("addressed_verb")
    media = lexicons.media_nouns()
    for x, sent, i in _cue_tokens(parsed, pieces):
        verb = sent.tokens[i]
        toks = sent.tokens
        last = sx.content_last(sent)
        spans = []
        for k, tok in enumerate(toks[: last + 1]):
            before = toks[k - 1].lower if k > 0 else ""
            toward = (tok.lower == "mit" and before.endswith(("interview", "gespräch", "telefonat"))) or (
                tok.lower == "an" and (before.endswith(("brief", "schreiben", "appell", "aufruf", "botschaft", "mitteilung")) or before in {"gewandt", "appellierte", "richtete", "wandte"})
            )
            if (tok.lower == "gegenüber" or toward) and k + 1 <= last:
                np = sx.surface_np_after(sent, k + 1, last)
                if np is not None:
                    spans.append(np)
            elif tok.lower == "an" and k + 1 <= last and (np := sx.surface_np_after(sent, k + 1, last)) is not None and np[1] + 1 <= last and toks[np[1] + 1].lower == "gewandt":
                spans.append(np)  # "An die Gewerkschaften gewandt sagte Köhler …"
            elif tok.lower in {"vor", "zu", "zur", "zum"} and k + 1 <= last and abs(k - i) <= 8:
                # "sagte vor Journalisten", "sagte zur Nachrichtenagentur dpa" (not "sagte zu den Vorwürfen")
                np = sx.surface_np_after(sent, k + 1, last)
                if np is not None:
                    heads = [toks[j] for j in range(np[0], np[1] + 1) if toks[j].upos in {"NOUN", "PROPN"}]
                    head = heads[0] if heads else None
                    if head is not None and (head.lower in audience or (tok.lower != "vor" and (lexicons.compound_match(head.text, media) or head.upos == "PROPN"))):
                        spans.append(np)
            elif tok.head == verb.i and tok.deprel == "iobj" and tok.upos in {"NOUN", "PROPN"}:
                spans.append(sx.np_tokens(sent, tok.i))
            elif tok.upos == "NOUN" and i < k <= i + 6 and _dative_np(toks, k) and not any(toks[j].text in {",", ":"} or sx.is_quote(toks[j]) for j in range(i, k)):
                spans.append(sx.np_tokens(sent, tok.i))  # "sagte Reportern", "hatte den 18 Mitarbeitern erklärt"
            elif x.lemma in addressed and tok.lower in {"ihm", "ihr", "ihnen"} and tok.i < last:
                spans.append((k, k))  # "Ihm wird vorgeworfen", "hatten ihm vorgeworfen"
            elif not sx.has_parse(sent) and x.lemma in addressed and tok.upos in {"NOUN", "PROPN"} and i < k <= i + 8 and k < last and not _in_pp(toks, k) and not any(toks[j].text in {",", ":"} or sx.is_quote(toks[j]) for j in range(i, k)):
                # without a parse: the noun phrase after an addressing verb that is not the
                # speaker ("warf der Regierung vor", "forderte Müller die Regierung auf")
                spans.append(sx.np_tokens(sent, k))
            elif tok.head == verb.i and tok.deprel in {"obj", "iobj", "nsubj", "nsubj:pass"} and tok.upos in {"NOUN", "PROPN", "PRON"} and x.lemma in addressed and tok.i < last and tok.lower not in {"insbesondere", "auch", "dabei"}:
                # "rief die libysche Armee auf", "warf ihm vor", "Klien wurde vorgeworfen" (not the speaker)
                spans.append(sx.np_tokens(sent, tok.i))
        for lo, hi in spans:
            if toks[lo].upos != "PRON":
                wide = sx.widen_np(sent, lo, hi)  # "die Mitgliedsstaaten der Europäischen Union"
                if wide[1] <= last and not set(idx.ids([(toks[wide[0]].start, toks[wide[1]].end)])) & message:
                    lo, hi = wide
            # a quoted name after the noun belongs to it: "der Zeitung „Die Welt“"
            if hi + 1 <= last and sx.is_quote(toks[hi + 1]):
                close = next((j for j in range(hi + 2, min(last, hi + 8) + 1) if sx.is_quote(toks[j])), None)
                if close is not None and close > hi + 2:
                    hi = close
            ids = idx.ids([(sent.tokens[lo].start, sent.tokens[hi].end)])
            if ids and not set(ids) & message and not set(ids) & source:
                return ids
    return []


def _in_pp(toks, k: int) -> bool:
    """The noun at ``k`` follows a preposition (its articles and adjectives between)."""
    lo = k
    while lo > 0 and toks[lo - 1].upos in {"DET", "ADJ", "NUM", "PROPN", "NOUN"} and k - lo < 5:
        lo -= 1
        if toks[lo].upos == "DET":
            break
    return lo > 0 and toks[lo - 1].upos == "ADP"


def _dative_np(toks, k: int) -> bool:
    """A noun at ``k`` in the dative without a preposition: "dem Minister", "den Mitarbeitern",
    "Reportern"."""
    lo = k
    while lo > 0 and toks[lo - 1].upos in {"DET", "ADJ", "NUM"}:
        lo -= 1
    if lo > 0 and toks[lo - 1].upos == "ADP":
        return False
    det = toks[lo].lower if lo < k else ""
    noun = toks[k]
    if det in {"dem", "einem"}:
        return True
    plural_dative = noun.text.endswith(("ern", "en", "n")) and noun.feats.get("Number") == "Plur" and noun.feats.get("Case") == "Dat"
    plural_dative = plural_dative or (noun.text.endswith("ern") and noun.lemma.endswith("er") and noun.lemma != noun.text)  # "Reportern"
    return plural_dative and det in {"den", ""}


def _locate(parsed: ParsedDoc, start: int, end: int):
    """The parsed sentence and token range covering characters ``start``–``end``."""
    for s in parsed.sentences:
        if s.start <= start < s.end + 1:
            ids = [t.i for t in s.tokens if t.start >= start and t.end <= end]
            if ids:
                return s, ids[0], ids[-1]
    return None


def _cue_tokens(parsed: ParsedDoc | None, pieces):
    """``(piece, sentence, token index)`` of each cue piece found in the parse."""
    if parsed is None:
        return
    for x in pieces:
        hit = _locate(parsed, x.start, x.end)
        if hit is not None:
            yield x, hit[0], hit[1]


CLAUSE_MARKS = {",", ":", ";", "„", "“", "\"", "–"}


def _verb_clause(toks, i: int) -> tuple[int, int]:
    """The clause of a cue verb at ``i``: up to the nearest boundary or quotation mark on each
    side (and the full stop on the right)."""
    lo = i
    while lo > 0 and toks[lo - 1].text not in CLAUSE_MARKS:
        lo -= 1
    hi = i
    while hi + 1 < len(toks) and toks[hi + 1].text not in CLAUSE_MARKS | {"."}:
        hi += 1
    return lo, hi


def _passive_agent(parsed: ParsedDoc | None, idx: TokenIndex, pieces, message: set[str]) -> list[str]:
    """The agent of a passive cue, without its preposition: "wurde von Kenias Regierung
    beschuldigt" -> "Kenias Regierung"."""
    for _x, sent, i in _cue_tokens(parsed, pieces):
        toks = sent.tokens
        lo, _hi = _verb_clause(toks, i)
        for k in range(lo, i):
            if toks[k].lower in AGENT_PREPOSITIONS and not (k > 0 and toks[k - 1].lower == "seiten"):
                np = sx.surface_np_after(sent, k + 1, i - 1)
                if np is not None:
                    ids = idx.ids([(toks[np[0]].start, toks[np[1]].end)])
                    if ids and not set(ids) & message:
                        return ids
    return []


def _is_passive(parsed: ParsedDoc | None, pieces) -> bool:
    """"Ihm wird vorgeworfen …", "wurden aufgefordert": a werden-passive cue."""
    for _x, sent, i in _cue_tokens(parsed, pieces):
        tok = sent.tokens[i]
        if tok.xpos == "VVPP" or tok.feats.get("VerbForm") == "Part":
            if any(a.head == i and a.lemma == "werden" and a.upos == "AUX" for a in sent.tokens):
                return True
    return False


def _source_ids(parsed: ParsedDoc | None, idx: TokenIndex, mention) -> list[str]:
    """The speaker's phrase as the scheme marks it: with appositions, ``von``-phrases,
    brackets and a quoted name kept whole ("Die Organisation „Reporter ohne Grenzen“")."""
    if parsed is None:
        return idx.ids([(mention.start, mention.end)])
    hit = _locate(parsed, mention.start, mention.end)
    if hit is None:
        return idx.ids([(mention.start, mention.end)])
    sent, lo, hi = hit
    toks = sent.tokens
    if toks[lo].upos != "PRON":
        if 0 < lo and hi + 1 < len(toks) and sx.is_quote(toks[lo - 1]) and sx.is_quote(toks[hi + 1]):
            # a quoted name with its article: "Die „Süddeutsche Zeitung“", "Das „National Hurricane Centre“ der USA"
            lo, hi = lo - 1, hi + 1
            if lo > 0 and toks[lo - 1].upos == "DET":
                lo -= 1
        lo, hi = sx.widen_np(sent, lo, hi)
        # a title or first name right before the name: "Staatspräsident Mattarella", "Özcan Mutlu"
        while lo > 0 and toks[lo - 1].upos in {"NOUN", "PROPN"} and toks[lo].upos == "PROPN" and toks[lo - 1].text[:1].isupper() and toks[lo - 1].feats.get("Case") != "Gen":
            lo -= 1
        hi = _apposition_before_verb(toks, _phrase_before_verb(sent, lo, _name_up_to_verb(toks, hi)))
        lo = _vorfeld_start(toks, lo, hi)
    opened = [k for k in range(lo, hi + 1) if toks[k].text in "„«»\"“"]
    if len(opened) % 2 == 1:
        close = next((k for k in range(hi + 1, min(len(toks), hi + 8)) if sx.is_quote(toks[k])), None)
        if close is not None:
            hi = close
    return idx.ids([(toks[lo].start, toks[hi].end)])


PLACE_OR_AND = {"in", "im", "am", "aus", "bei", "beim", "und", "sowie"}


def _vorfeld_start(toks, lo: int, hi: int) -> int:
    """Start a subject that directly precedes its finite verb at the sentence start when a
    phrase and a comma come before it, with no verb: the two are one phrase of the
    verb-second clause ("Rob Mueller , Klub-Sekretär der Buitenboys sagte", "Ein Sprecher
    der Polizei , Commander Randy Henderson sagte")."""
    if lo < 2 or hi + 1 >= len(toks) or not toks[hi + 1].is_finite_verb or toks[lo - 1].text != ",":
        return lo
    before = toks[: lo - 1]
    if any(t.upos in {"VERB", "AUX", "SCONJ"} or t.text in {",", ":", ";", "–", "-"} or t.xpos in sx.SUBORDINATING_TAGS or (t.upos == "ADP" and t.i == 0) for t in before):
        return lo
    if before[0].upos not in {"DET", "PROPN", "NOUN", "ADJ", "X"} or not any(t.upos in {"NOUN", "PROPN", "X"} for t in before):
        return lo
    return 0


def _name_up_to_verb(toks, hi: int) -> int:
    """Extend a subject over the capitalised words (and a bracketed short form) that run from
    it up to its verb, which the tagger did not join to it: "Das Nachrichtenportal EurActiv
    will", "Die Betreiberfirma Vattenfall Europe teilte mit", "Die Interessengemeinschaft
    Deponiesicherheit Region Basel ( IGDRB ) hat"."""
    k = hi + 1
    while k < len(toks):
        t = toks[k]
        if t.text == "(":
            close = next((j for j in range(k + 1, min(len(toks), k + 5)) if toks[j].text == ")"), None)
            if close is None:
                break
            k = close + 1
            continue
        if not (t.text[:1].isupper() and t.upos not in {"VERB", "AUX", "DET", "PRON", "ADP", "PUNCT"}):
            break
        k += 1
    if k == hi + 1 or k >= len(toks):
        return hi
    stop = toks[k]
    verb_next = stop.upos in {"VERB", "AUX"} or (stop.text[:1].islower() and stop.upos not in {"ADP", "DET", "PRON"} and k + 1 < len(toks) and toks[k + 1].upos in {"VERB", "AUX"})
    return k - 1 if verb_next else hi


def _phrase_before_verb(sent, lo: int, hi: int) -> int:
    """Extend a subject over a place phrase or a second conjunct that the scheme counts to
    it: "Ein Regierungssprecher in Berlin sagte", "Die US-Botschaft im Irak stellte …",
    "CDU und FDP setzten dem entgegen", "…, sagten SPD und Grüne."."""
    toks = sent.tokens
    k = hi + 1
    if k + 1 >= len(toks) or toks[k].lower not in PLACE_OR_AND:
        return hi
    span = sx.surface_np_after(sent, k + 1)
    if span is None or not any(toks[j].upos in {"NOUN", "PROPN"} for j in range(span[0], span[1] + 1)):
        return hi
    if any(toks[j].lower in sx.g("temporal_noun") for j in range(span[0], span[1] + 1)):
        return hi  # "am Dienstag in Hannover"
    end = span[1]
    nxt = toks[end + 1] if end + 1 < len(toks) else None
    if nxt is None:
        return hi
    before_verb = sx.is_finite(nxt) or (nxt.text == "," and _apposition_before_verb(toks, end) > end)
    after_verb = toks[k].lower in {"und", "sowie"} and lo > 0 and sx.is_finite(toks[lo - 1]) and nxt.text in {",", ".", ":"}
    return end if before_verb or after_verb else hi


def _unresolved_pronoun(parsed: ParsedDoc | None, idx: TokenIndex, c: Claim) -> list[str]:
    """A claim whose speaker is a pronoun that names no one the rules know ("Er sagte aus:
    …" after "ein 39-jähriger Landwirt"): the scheme's source is the pronoun."""
    for _piece, sent, i in _cue_tokens(parsed, [p for p in c.cue if p.lemma not in PREP_LEMMAS][:1]):
        t = sent.tokens[i]
        if not (sx.is_finite(t) or t.upos == "VERB"):
            return []
        k = subject_of(sent, t)
        if k is None:
            k = surface_subject(sent, t, False, sx.content_last(sent)) if i > 0 else None
        if k is None:
            k = surface_subject(sent, t, True, sx.content_last(sent))
        # "Es weist den Vorwurf zurück": a referring "es", not the empty one of "heißt es",
        # "es wird berichtet"
        referring_es = k is not None and sent.tokens[k].lower == "es" and "heißen" not in base_lemmas(t) and not _is_passive(parsed, [_piece])
        if k is not None and (sent.tokens[k].lower in PRONOUN_SOURCES or referring_es) and not any(a <= sent.tokens[k].start < b for a, b in ([(p.start, p.end) for p in c.message_parts] if c.message_parts else [(c.message.start, c.message.end)])):
            return idx.ids([(sent.tokens[k].start, sent.tokens[k].end)])
    return []


PRONOUN_SOURCES = {"er", "sie", "dieser", "diese", "jener", "letzterer", "letztere"}


def _apposition_before_verb(toks, hi: int) -> int:
    """Extend a speaker's phrase over an apposition that runs up to the verb: "Frank
    Biermann, Vorsitzender der Deutschen Journalisten-Union für das Münsterland, sagte …"."""
    if hi + 2 >= len(toks) or toks[hi + 1].text != "," or toks[hi + 2].upos not in {"DET", "NOUN", "PROPN", "ADJ", "PRON"}:
        return hi
    if toks[hi + 2].lower in sx.RELATIVE_PRONOUNS and hi + 3 < len(toks) and toks[hi + 3].upos not in {"NOUN", "ADJ", "PROPN", "PUNCT"}:
        return hi  # a relative clause, not an apposition: "…, der bei der Zentralen Stelle ermittelt, …"
    for j in range(hi + 2, min(len(toks), hi + 25)):
        y = toks[j]
        if y.text == ",":
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            return j - 1 if nxt is not None and sx.is_finite(nxt) and j - 1 > hi + 1 else hi
        if y.text in sx.FINAL and all(sx.is_quote(z) for z in toks[j + 1 :]) and j - 1 > hi + 1 and _closing_apposition(toks, hi + 2, j):
            return j - 1  # "…, sagte der Ministerpräsident des Landes, Christian Wulff ( CDU ) ."
        if sx.is_finite(y) or y.upos in {"VERB", "AUX"} or sx.is_quote(y) or y.text in {":", ";", "."}:
            return hi
    return hi


def _closing_apposition(toks, a: int, b: int) -> bool:
    """Tokens ``a`` … ``b - 1`` that close a sentence form an apposition: a name (with a
    party in brackets) or a phrase with an article, no verb ("Christian Wulff ( CDU )",
    "der Sprecher der so genannten EVAC-Ambulanz")."""
    seg = toks[a:b]
    if not seg or len(seg) > 12 or any(t.upos in {"VERB", "AUX", "SCONJ"} for t in seg):
        return False
    first = seg[0]
    if first.lower in sx.RELATIVE_PRONOUNS and len(seg) > 1 and seg[1].upos not in {"NOUN", "ADJ", "PROPN"}:
        return False
    return first.upos == "PROPN" or first.xpos == "NE" or (first.upos == "DET" and any(t.upos in {"NOUN", "PROPN"} for t in seg))


CUE_WORDS = {"sich", "davon", "darauf", "dazu", "damit", "daran", "darüber"}
REQUEST_VERBS = {"aufrufen", "auffordern", "aufgefordert", "drängen", "mahnen", "raten", "bewegen", "bringen", "bekanntgeben", "veröffentlichen"}
ALS_VERBS = {"bezeichnen", "werten", "einstufen", "bewerten", "sehen", "betrachten", "kritisieren", "zurückweisen", "verurteilen", "loben", "begrüßen", "darstellen"}


def _cue_words(parsed: ParsedDoc | None, idx: TokenIndex, pieces, message: set[str]) -> list[tuple[int, int]]:
    """Words the scheme counts to a verb cue: the reflexive ("äußerte sich"), a
    correlate ("geht davon aus", "wies darauf hin") and "als" ("bezeichnete … als")."""
    out = []
    for x, sent, i in _cue_tokens(parsed, pieces):
        toks = sent.tokens
        lo, hi = _verb_clause(toks, i)
        for k in range(lo, hi + 1):
            w = toks[k]
            if any(tid in message for tid in idx.ids([(w.start, w.end)])):
                continue
            if w.lower == "dazu" and x.lemma not in REQUEST_VERBS:
                continue  # "erklärte dazu": about it, not the verb's correlate ("rief dazu auf")
            if w.lower in CUE_WORDS and w.xpos in {"PRF", "PAV", "PROAV", "ADV"} or (w.lower == "als" and x.lemma in ALS_VERBS and k > i):
                out.append((w.start, w.end))
            elif x.lemma == "zeigen" and k > i and w.xpos == "ADJD" and any(y.lower == "sich" for y in toks[i + 1 : k]):
                out.append((w.start, w.end))  # "zeigte sich zufrieden", "zeigte sich optimistisch"
    return out


def _in_phrase(parsed: ParsedDoc, idx: TokenIndex, cue, message: set[str]) -> list[str]:
    """The noun phrase of an "in"/"im" phrase in the cue's sentence outside the message."""
    hit = _locate(parsed, cue.start, cue.end)
    if hit is None:
        return []
    sent, _, _ = hit
    last = sx.content_last(sent)
    for k, w in enumerate(sent.tokens[: last + 1]):
        if w.lower in {"in", "im", "bei", "beim", "aus", "auf", "von", "vom"} and k + 1 <= last and not set(idx.ids([(w.start, w.end)])) & message:
            np = sx.surface_np_after(sent, k + 1, last)
            if np is not None:
                # the scheme keeps "aus"/"auf"/"von" ("Aus Paris hieß es", "hieß es vom Abgeordneten X")
                first = k if w.lower in {"aus", "auf", "von", "vom"} else np[0]
                ids = idx.ids([(sent.tokens[first].start, sent.tokens[np[1]].end)])
                if ids and not set(ids) & message:
                    return ids
    return []


NAME_INTRO = {"der", "die", "das", "dem", "den", "des", "im", "in", "von", "vom", "laut", "nach", "mit", "zur", "zum", "am", "beim", "magazin", "zeitung", "sender", "blatt"}


def _quoted_name(text: str, opening: int, closing: int) -> bool:
    """„Berliner Zeitung“, „Think City“ after an article or preposition: a name in
    quotation marks, not speech."""
    words = text[opening + 1 : closing].split()
    before = text[:opening].split()[-1:] or [""]
    after_name_word = before[0].lower() in NAME_INTRO or (before[0][:1].isupper() and before[0].isalpha())
    return 0 < len(words) <= 5 and after_name_word and words[0][:1].isupper()


def claims_to_annotations(claims: list[Claim], idx: TokenIndex, parsed: ParsedDoc | None = None) -> list[dict[str, Any]]:
    by_id = {c.id: c for c in claims}
    anns: list[dict[str, Any]] = []
    sources: dict[str, list[str]] = {}  # claim id -> the Source given to its annotation
    cues: dict[str, tuple[list[str], list[str], str]] = {}  # claim id -> its Cue, Frame and Form
    # consecutive continuations of one claim form one passage
    groups: list[list[Claim]] = []
    for c in claims:
        prev = groups[-1][-1] if groups else None
        adjacent = prev is not None and (idx.sentence_of(c.message.start) or 0) - (idx.sentence_of(max(prev.message.start, prev.message.end - 1)) or 0) <= 1
        if c.continuation_of and groups and (groups[-1][0].continuation_of == c.continuation_of) and prev.message.end < c.message.start and adjacent and (prev.kind == "direct") == (c.kind == "direct"):
            groups[-1].append(c)
        else:
            groups.append([c])
    for g in groups:
        c = g[0]
        root = by_id.get(c.continuation_of) if c.continuation_of else None
        pieces = [(p.start, p.end) for p in c.message_parts] if c.message_parts else [(c.message.start, c.message.end)]
        pieces = [_expand_message(idx, c, a, b) for a, b in pieces] + [(x.message.start, x.message.end) for x in g[1:]]
        message = idx.ids(pieces)
        if not message:
            continue
        message = _with_anaphor(idx, c, message)
        speaker = (root.speaker if root else c.speaker) if (root or c.speaker) else None
        source = _source_ids(parsed, idx, speaker.mention) if speaker and speaker.mention else []
        if not source and not root and speaker is not None and speaker.via == "previous speaker" and c.cue:
            # a second predicate of the subject ("X erklärte, … und kündigte an, …"): the
            # scheme's source is the subject named in the sentence
            cue_sent = idx.sentence_of(c.cue[0].start)
            same = [b for b in claims if b is not c and b.speaker is not None and b.speaker.mention is not None and b.speaker.name == speaker.name and b.cue and b.cue[0].start < c.cue[0].start and idx.sentence_of(b.speaker.mention.start) == cue_sent]
            if same:
                source = _source_ids(parsed, idx, same[-1].speaker.mention)
        if not source and not root and speaker is None:
            source = _unresolved_pronoun(parsed, idx, c)
        if not source and not root and c.cue and c.outlets:
            # "Wie die BBC berichtet, …" after another speaker's claim: the outlet is the scheme's source
            cue_sent = idx.sentence_of(c.cue[0].start)
            near = [o for o in c.outlets if idx.sentence_of(o.start) == cue_sent]
            if near:
                source = idx.ids([(near[0].start, near[0].end)])
        # prepositional cues: the scheme's cue is the preposition; its noun ("Angaben") and the
        # source phrase form the frame, which is not part of the message
        prep = [x for x in c.cue if x.lemma in PREP_LEMMAS or x.lemma == "nach" or x.lemma.startswith(("nach ", "laut ")) or x.lemma.endswith((" nach", " zufolge"))]
        verbal = [x for x in c.cue if x not in prep]
        relayed = [x for x in prep if x.lemma == "unter berufung auf"]
        if relayed and verbal and speaker and speaker.mention:
            # "berichtet die Zeitung unter Berufung auf X": the scheme's source is the medium
            # that reports, and "unter Berufung auf" is no cue of its own
            sent_of = idx.sentence_of(verbal[0].start)
            medium = [o for o in c.outlets if idx.sentence_of(o.start) == sent_of and not (speaker.mention.start <= o.start < speaker.mention.end) and not (c.message.start <= o.start < c.message.end)]
            if medium:
                source = idx.ids([(medium[0].start, medium[0].end)])
                prep = [x for x in prep if x not in relayed]
        cue = idx.ids([(x.start, x.end) for x in verbal] + _auxiliaries(parsed, verbal) + _cue_words(parsed, idx, verbal, set(message)))
        prep_frame: list[str] = []
        prep_source: list[str] = []  # the whole phrase after "laut"/before "zufolge", where found
        for x in prep:
            words = idx.ids([(x.start, x.end)])
            if not words:
                continue
            first = words[:1] if x.lemma.split()[0] in {"nach", "laut", "gemäß"} and x.lemma != "unter berufung auf" else words
            if x.lemma.startswith("nach eigene"):
                # "nach eigenen Angaben": the scheme's source is "eigenen Angaben", not the subject
                source = []
            if x.lemma.endswith((" nach", " zufolge")) and len(words) > 1:
                first = words[-1:]  # "ihrer Meinung nach": the cue is "nach", the source "ihrer Meinung"
            cue += first
            rest = [w for w in words if w not in first]
            source += rest
            phrase: list[str] = []
            if x.lemma.split()[-1] in {"zufolge", "nach"} and len(words) == 1 and x.lemma != "nach":  # "nach neuesten Erkenntnissen": the phrase follows
                phrase = _prep_phrase(idx, x.start, x.end, False, set(message))
            elif first == words[:1] and not x.lemma.startswith("nach eigene") and len(words) <= 2:
                phrase = _prep_phrase(idx, x.start, x.end, True, set(message))
                if not phrase and speaker and speaker.mention and 0 <= speaker.mention.start - x.end < 80:
                    # inside its clause the phrase runs from the cue to the speaker's noun phrase
                    # ("… laut einem Bericht des Bayerischen Rundfunks …")
                    phrase = [w for w in idx.ids([(x.end + 1, speaker.mention.end)]) if w not in words]
                    if len(phrase) > 12:
                        phrase = []
            prep_frame += words
            if phrase:
                prep_source += rest + phrase
                prep_frame += phrase
                continue
            near = [(speaker.mention.start, speaker.mention.end)] if speaker and speaker.mention and abs(speaker.mention.start - x.end) < 60 or (speaker and speaker.mention and abs(x.start - speaker.mention.end) < 60) else []
            near += [(o.start, o.end) for o in c.outlets if abs(o.start - x.end) < 60 or abs(x.start - o.end) < 60]
            prep_frame += idx.ids(near)
        verb_cues = [x for x in c.cue if x not in prep]
        if prep_source and not verb_cues:
            source = prep_source
        if parsed is not None and any(x.lemma in {"heißen", "verlauten"} for x in c.cue) and not c.continuation_of:
            # "heißt es in dem Bericht": the document is the scheme's source
            doc_np = _in_phrase(parsed, idx, c.cue[0], set(message))
            if doc_np:
                source = doc_np
        if verb_cues and not prep and _is_passive(parsed, verb_cues) and speaker and speaker.mention and not any(x.lemma == "zitieren" for x in verb_cues):
            # a passive cue has no source unless an agent is named ("von der Polizei")
            before = idx.token_at(speaker.mention.start, before=True)
            if not (before and idx.text[before[0] : before[1]].lower() in AGENT_PREPOSITIONS):
                source = _passive_agent(parsed, idx, verb_cues, set(message))
        if prep_frame and not c.message_parts:
            pf = set(_fill_gaps(sorted(set(prep_frame), key=_order)))  # "nach Angaben [von] Interpol"
            message = [m for m in message if m not in pf] or message
        cue = sorted(set(cue), key=_order)
        source = _fill_gaps(sorted(set(source), key=_order))
        if not source and cue and any(x.lemma in {"demnach", "danach", "wonach"} for x in c.cue):
            source = cue
        # the scheme's Direct needs quotation marks ("Die Lage ist ernst, nehmen Beobachter an" is Indirect)
        opener = idx.token_at(c.message.start, before=True)
        direct = c.kind == "direct" and (bool(c.message_parts) or (opener is not None and idx.text[opener[0]] in QUOTE_CHARS))
        frame: list[str] = []
        if cue:
            sents = {idx.sentence_of(x.start) for x in c.cue}
            msg = set(message)
            for _a, _b, tid, s in idx.spans:
                if s in sents and tid not in msg:
                    frame.append(tid)
            # no final punctuation in the frame (direct speech keeps it)
            while frame and idx.text[[t for t in idx.spans if t[2] == frame[-1]][0][0]] in ".!?":
                frame.pop()
            if prep and not any(x not in prep for x in c.cue):
                frame = sorted(set(prep_frame), key=_order)
        if c.continuation_of:
            konj = c.kind in {"indirect", "mixed"}
            form = "Direct" if c.kind == "direct" else ("IndirectFreeIndirect" if konj else "FreeIndirect")
            stwr = _stwr(root) if root else "SW"
        elif not c.cue and c.kind in {"indirect", "mixed"}:
            # Konjunktiv without a cue or a claim before it; hearsay "soll … haben" is free indirect
            hit = _locate(parsed, c.message.start, c.message.end) if parsed is not None else None
            konj = hit is None or sx.clause_is_konjunktiv(hit[0], hit[1], hit[2])
            form = "IndirectFreeIndirect" if konj else "FreeIndirect"
            stwr = "SW"
            if not source and hit is not None:
                source = _speech_act_subject(parsed, idx, hit[0], hit[1], hit[2])
        else:
            form = "Direct" if direct else "Indirect"
            stwr = _stwr(c)
        if prep and verb_cues and not c.continuation_of:
            # "sagte Raab laut Spiegel Online": two speakers, one message
            pc = idx.ids([(x.start, x.end) for x in prep])[:1]
            ps = [w for w in prep_frame if w not in pc and w not in source] if not prep_source else sorted(set(prep_source), key=_order)
            own = [w for w in source if w not in idx.ids([(x.start, x.end) for x in prep])]
            anns.append({"Addr": [], "Cue": pc, "Form": form, "Frame": sorted(set(pc + ps), key=_order), "HasNested": False, "IsNested": False, "Message": message, "STWR": "SW", "Source": ps})
            source = own
            cue = [w for w in cue if w not in pc]
        addr = _addressee(parsed, idx, verb_cues, set(message), set(source)) if verb_cues else []
        addr = [w for w in addr if w not in source]
        if root is not None and root.id in sources:
            source = sources[root.id]  # a continuation has the source its claim was given
            near = _subject_before(parsed, idx, c, source) if not c.cue else []
            if near:
                source = near
            if form == "Direct" and not cue and root.id in cues and cues[root.id][2] == "Direct":
                cue, frame = cues[root.id][:2]  # a quotation that goes on keeps the cue and frame of its claim
        sources.setdefault(c.id, source)
        cues.setdefault(c.id, (cue, frame, form))
        anns.append({"Addr": addr, "Cue": cue, "Form": form, "Frame": frame, "HasNested": False, "IsNested": False, "Message": message, "STWR": stwr, "Source": source})
        # quoted fragments inside a mixed claim are nested direct speech
        if c.kind == "mixed":
            text = idx.text
            a, b = c.message.start, c.message.end
            k = a
            while k < b:
                if text[k] in "„\"«»“":
                    close = next((j for j in range(k + 1, b + 1) if j < len(text) and text[j] in "“\"»«”"), None)
                    if close is None:
                        break
                    inner = idx.ids([(k, close + 1)])
                    # a quoted name ("„Der Spiegel“", an outlet or a title in the frame) is not speech
                    named = any(o.start <= k + 1 and close - 1 <= o.end for o in c.outlets) or _quoted_name(text, k, close)
                    if len(inner) > 3 and set(inner) <= set(message) and not named:  # a single quoted word is mostly a name or a scare quote
                        # the scheme gives a quoted fragment the cue, frame and source of its claim
                        anns.append({"Addr": [], "Cue": cue, "Form": "Direct", "Frame": frame, "HasNested": False, "IsNested": True, "Message": inner, "STWR": stwr, "Source": source})
                        anns[-2 if anns[-2]["Message"] == message else -1]["HasNested"] = True
                    k = close + 1
                else:
                    k += 1
    # nesting between claims
    sets = [set(a["Message"]) for a in anns]
    for i, a in enumerate(anns):
        for j, b in enumerate(anns):
            if i != j and sets[i] < sets[j]:
                a["IsNested"] = True
                b["HasNested"] = True
    return anns


def _final_punctuation(anns: list[dict[str, Any]], sentences: list[dict[str, Any]]) -> None:
    """The scheme ends free indirect and reported messages with their sentences' full stops
    (direct and indirect ones without)."""
    tokens = {s["SentenceId"]: s["Tokens"] for s in sentences}
    for a in anns:
        if a["Form"] not in {"FreeIndirect", "IndirectFreeIndirect", "Reported"} or a["Cue"] or not a["Message"]:
            continue
        last: dict[int, int] = {}
        first: dict[int, int] = {}
        for tid in a["Message"]:
            s, i = _order(tid)
            last[s] = max(last.get(s, -1), i)
            first[s] = min(first.get(s, i), i)
        # a whole sentence, not a clause at its end ("…, welcher … entzündet haben soll")
        extra = [f"{s}:{i + 1}" for s, i in last.items() if i + 2 == len(tokens[s]) and tokens[s][i + 1] in {".", "!", "?"} and (first[s] == 0 or tokens[s][first[s] - 1] != ",")]
        a["Message"] = sorted(set(a["Message"]) | set(extra), key=_order)


def _subject_before(parsed: ParsedDoc | None, idx: TokenIndex, c: Claim, source: list[str]) -> list[str]:
    """A continuation whose source was named two or more sentences before it: the scheme
    gives it the subject of the sentence right before it when that names someone ("Die
    Regierung plant … . Die Reform sei …"), not the speaker further back."""
    if parsed is None or not source:
        return []
    here = _locate(parsed, c.message.start, c.message.end)
    named = _order(source[0])[0]  # token ids are "sentence:token"
    if here is None or here[0].index == 0:
        return []
    prev_id = idx.sentence_of(parsed.sentences[here[0].index - 1].start)
    if prev_id is None or prev_id - named < 1:
        return []
    prev = parsed.sentences[here[0].index - 1]
    for t in prev.tokens:
        if t.head == -1 and t.upos in {"VERB", "AUX"}:
            s = subject_of(prev, t)
            if s is None or prev.tokens[s].upos not in {"NOUN", "PROPN"} or prev.tokens[s].lower in sx.g("temporal_noun"):
                return []
            if sum(sx.is_quote(x) for x in prev.tokens[:s]) % 2 == 1 or sum(sx.is_quote(x) for x in prev.tokens[s:]) % 2 == 1:
                return []  # a subject inside the quotation before ("„Aber das Virus hat …“, sagte X")
            lo, hi = sx.np_tokens(prev, s)
            return _source_ids(parsed, idx, Span(start=prev.tokens[lo].start, end=prev.tokens[hi].end, text=""))
    return []


def _with_anaphor(idx: TokenIndex, c: Claim, message: list[str]) -> list[str]:
    """"… gefordert. Dies teilte die Polizei mit.": the scheme's message takes in the full
    stop and the anaphor that points back to it."""
    if not c.cue:
        return message
    cue_sent = idx.sentence_of(c.cue[0].start)
    last = max(message, key=_order)
    s, i = _order(last)
    if cue_sent is None or cue_sent != s + 1:
        return message
    first = next(((a, b, tid) for a, b, tid, sent in idx.spans if sent == cue_sent), None)
    if first is None or idx.text[first[0] : first[1]].lower() not in {"das", "dies", "dieses", "diese"}:
        return message
    extra = [tid for a, b, tid, sent in idx.spans if sent == s and _order(tid) > (s, i) and idx.text[a:b] in {".", "!", "?"}]
    return message + extra[:1] + [first[2]]


def _speech_act_subject(parsed: ParsedDoc, idx: TokenIndex, sent, lo: int, hi: int) -> list[str]:
    """A Konjunktiv passage with no cue whose sentence opens with a speech act told
    without its content ("Die Armeeleitung sprach von einem normalen Absturz. Der
    Hubschrauber sei abgestürzt", where the full stop did not end the sentence): the
    scheme's source is that act's subject."""
    toks = sent.tokens
    if any(is_negation(x) for x in toks[lo : hi + 1]):
        return []
    for t in toks[lo : hi + 1]:
        if sx.is_konjunktiv(t) or t.lower in {"soll", "sollen"}:
            return []  # the speech act must come before the reported words
        if not t.is_finite_verb:
            continue
        hit = speech_verb(sent, t)
        if (hit[0] if hit else t.lemma.lower()) not in REPORT_VERBS:
            continue
        subj = subject_of(sent, t)
        if subj is None:
            subj = surface_subject(sent, t, False, hi)
        if subj is None or toks[subj].upos == "PRON":
            return []
        a, b = sx.np_tokens(sent, subj)
        return _source_ids(parsed, idx, Span(start=toks[a].start, end=toks[b].end, text=""))
    return []


def _closer_reported_sources(anns: list[dict[str, Any]], reported: list[dict[str, Any]]) -> None:
    """A cue-less continuation goes on with the speaker of the nearest speech act before it;
    that may be a Reported one ("Wowereit kritisierte den Senat. Das Gesetz sei …"), which
    is no claim and so was not among the continuation's candidates."""
    def first(a: dict[str, Any]) -> tuple[int, ...]:
        return min(map(_order, a["Message"]))

    for a in anns:
        if a["Cue"] or a["Form"] not in {"IndirectFreeIndirect", "FreeIndirect"} or not a["Message"]:
            continue
        start = first(a)
        before = [r for r in reported if r["Source"] and first(r)[0] < start[0]]
        if not before:
            continue
        r = max(before, key=first)
        own = [b for b in anns if b["Cue"] and b["Message"] and first(b) < start]
        nearest_claim = max((first(b)[0] for b in own), default=-1)
        if first(r)[0] > nearest_claim and start[0] - first(r)[0] <= 2:
            a["Source"] = r["Source"]


def predict_document(doc: dict[str, Any], analyzer) -> dict[str, Any]:
    from claims.pipeline import extract_parsed

    sentences = [s["Tokens"] for s in doc["Sentences"]]
    text, sents = analyzer.analyze_pretokenized(sentences)
    idx = TokenIndex(text)
    for s_meta, sent in zip(doc["Sentences"], sents, strict=True):
        for t in sent.tokens:
            idx.spans.append((t.start, t.end, f"{s_meta['SentenceId']}:{t.i}", s_meta["SentenceId"]))
    split = [piece for s in sents if s.tokens for piece in split_at_full_stops(s)]
    parsed = ParsedDoc(text=text, sentences=join_colon_sentences(split, text))
    claims = extract_parsed(parse_text(text), parsed, free_indirect=True)
    anns = claims_to_annotations(claims, idx, parsed)
    reported = reported_annotations(parsed, claims, idx)
    _closer_reported_sources(anns, reported)
    anns += reported
    _final_punctuation(anns, doc["Sentences"])
    # a frame is its sentence without the messages in it, whoever speaks them
    said = {tid for a in anns for tid in a["Message"]}
    for a in anns:
        a["Frame"] = [tid for tid in a["Frame"] if tid not in said]
    return {"DocumentName": doc.get("DocumentName"), "Sentences": doc["Sentences"], "Annotations": anns}


# Verbs of a speech act whose content is not given ("verwies auf …", "sprach von …").
# Chosen on the tuning part: verbs that mostly head such a sentence in the scheme
# (kritisieren, bestätigen, erklären, loben … mostly do not, there the content follows).
REPORT_VERBS = {
    "sprechen", "verweisen", "hinweisen", "fordern", "ankündigen", "warnen", "berichten", "bestreiten", "vorwerfen",
    "verlangen", "bekanntgeben", "mitteilen", "kommentieren", "empfehlen", "androhen", "appellieren", "melden", "protestieren",
    "erwägen", "bezeichnen", "nennen", "klagen", "plädieren", "beziffern", "befürchten",
    "schätzen", "angeben", "einigen", "begründen", "auffordern", "ausgehen",
}
# report verbs that report only with a preposition of theirs ("geht von Suizid aus", not
# "gingen die Lichter aus")
REPORT_PREPOSITION = {"ausgehen": "von"}


NAMING_VERBS = {"nennen", "bezeichnen", "sprechen"}  # "nannte X „Y“", "bezeichnete X als „Y“", "sprach von „Y“"
# verbs that call something a quoted name with "als" ("würdigte X als „…“", "feierte die
# Absage als „großen Erfolg“"): the quotation is direct speech
ALS_QUOTE_VERBS = (ALS_VERBS - {"sehen", "betrachten"}) | {"würdigen", "feiern", "rechtfertigen", "benennen", "beschreiben"}


def reported_annotations(parsed: ParsedDoc, claims: list[Claim], idx: TokenIndex) -> list[dict[str, Any]]:
    """The scheme's Reported form: a speech act told without its content
    ("Ein Militärsprecher verwies auf die schlechten Wetterbedingungen"). The whole
    sentence is the message. These are not claims for ``claims extract``."""
    taken = [(c.message.start, c.message.end) for c in claims]
    cue_pos = {x.start for c in claims for x in c.cue}
    out = []
    for sent in parsed.sentences:
        last = sx.content_last(sent)
        if any(a <= sent.start < b or a < sent.tokens[last].end <= b or (sent.start <= a and b <= sent.tokens[last].end) for a, b in taken):
            continue
        quote_after_als = any(x.lower == "als" and x.i + 1 <= last and sx.is_quote(sent.tokens[x.i + 1]) for x in sent.tokens[: last + 1])
        for t in sent.tokens[: last + 1]:
            if t.start in cue_pos or t.xpos in {"VVINF", "VVIZU"}:
                continue
            hit = speech_verb(sent, t)
            lemma = hit[0] if hit else t.lemma.lower()
            # "würdigte Kluncker als „eine bedeutende Persönlichkeit“": a quotation after "als"
            als_quote = quote_after_als and (lemma in ALS_QUOTE_VERBS or (t.upos == "VERB" and any(b in ALS_QUOTE_VERBS for b in base_lemmas(t))))
            if (lemma not in REPORT_VERBS and not als_quote) or any(is_negation(x) for x in sent.tokens[: last + 1]):
                continue
            if lemma in REPORT_PREPOSITION and not any(x.lower == REPORT_PREPOSITION[lemma] for x in sent.tokens[t.i + 1 : last + 1]):
                continue
            passive = (t.xpos == "VVPP" or t.feats.get("VerbForm") == "Part") and any(a.lemma == "werden" and a.upos == "AUX" for a in sent.tokens[: last + 1])
            if passive:
                # "Dem Mann wird von der Staatsanwaltschaft … vorgeworfen": the agent speaks;
                # "Die Zahl wird auf 50 Millionen geschätzt": no speaker, no report
                agent = _passive_agent(parsed, idx, [Span(start=t.start, end=t.end, text=t.text)], set())
                if not agent:
                    continue
            subj = subject_of(sent, t)
            if subj is None and not t.is_finite_verb and not passive:
                # "Die Bundesregierung hatte den Bericht … als „falsch“ zurückgewiesen": the
                # subject stands by the finite auxiliary
                aux = next((x for x in reversed(sent.tokens[: t.i]) if x.is_finite_verb and x.upos == "AUX" and x.lemma in {"haben", "sein"}), None)
                if aux is not None and not any(x.text in sx.BOUNDARY for x in sent.tokens[aux.i : t.i]):
                    subj = surface_subject(sent, aux, False, last)
            if subj is None:
                subj = surface_subject(sent, t, False, last)
                if subj is None and t.is_finite_verb:
                    # "Lars Schauer, Manager von Energie Cottbus, bezeichnete …", "Als Beispiel
                    # nannte die NASA …"
                    subj = subject_before_appositions(sent, t.i)
                    if subj is None:
                        subj = surface_subject(sent, t, True, last)
            if subj is None or sent.tokens[subj].upos == "PRON" and sent.tokens[subj].lower in {"es", "man"}:
                continue
            lo, hi = sx.np_tokens(sent, subj)
            source = agent if passive else _source_ids(parsed, idx, Span(start=sent.tokens[lo].start, end=sent.tokens[hi].end, text=""))
            info = lexicons.speech_verbs().get(lemma)
            stwr = "Writing" if lemma in WRITING_LEMMAS else STWR_BY_CLASS.get(info.cls, "Speech") if info else "Speech"
            quoted = [q for q in find_quotes(parsed.text, sent.start, sent.tokens[last].end) if not (q.start <= sent.tokens[lo].start < q.end)]
            if quoted and (lemma in NAMING_VERBS or als_quote):
                # "nannte den Bericht eine „Zeitungsente“": the quoted words are direct speech,
                # the verb (with "als"/"von") is its cue, the rest of the sentence the frame
                message = idx.ids([(q.start, q.end) for q in quoted])
                cue_toks = [t] + [x for x in sent.tokens[: last + 1] if x.lower in {"als", "von"} and x.head == t.i]
                if hit and hit[1] is not None and hit[1].i != t.i:
                    cue_toks.append(hit[1])
                cue = idx.ids([(x.start, x.end) for x in cue_toks])
                msg = set(message)
                frame = [x for x in idx.ids([(sent.start, sent.tokens[last].end)]) if x not in msg]
                out.append({"Addr": [], "Cue": cue, "Form": "Direct", "Frame": frame, "HasNested": False, "IsNested": False, "Message": message, "STWR": stwr, "Source": source})
                break
            if lemma not in REPORT_VERBS:
                break
            message = idx.ids([(sent.start, sent.tokens[last].end)])
            if len(message) <= 6:
                break  # "Er widersprach." tells too little to be a report (precision 4/14 on the tuning part)
            out.append({"Addr": [], "Cue": [], "Form": "Reported", "Frame": [], "HasNested": False, "IsNested": False, "Message": message, "STWR": stwr, "Source": source})
            break
    return out


# --------------------------------------------------------------------------- scoring
def _hungarian(weights: list[list[float]]) -> list[tuple[int, int]]:
    """Maximum-weight assignment (rows to columns) for a small rectangular matrix."""
    n, m = len(weights), len(weights[0]) if weights else 0
    if n == 0 or m == 0:
        return []
    size = max(n, m)
    big = max(max(r) for r in weights) if weights else 0
    cost = [[(big - weights[i][j]) if i < n and j < m else big for j in range(size)] for i in range(size)]
    inf = float("inf")
    u, v, p, way = [0.0] * (size + 1), [0.0] * (size + 1), [0] * (size + 1), [0] * (size + 1)
    for i in range(1, size + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (size + 1)
        used = [False] * (size + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, size + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(size + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    return [(p[j] - 1, j - 1) for j in range(1, size + 1) if p[j] and p[j] - 1 < n and j - 1 < m]


@dataclass
class PRF:
    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    def add(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(100 * self.p, 2), "recall": round(100 * self.r, 2), "f1": round(100 * self.f1, 2)}


def match(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    if not gold or not pred:
        return []
    w = []
    for g in gold:
        gs = set(g["Message"])
        row = []
        for p in pred:
            ov = len(gs & set(p["Message"]))
            row.append(ov * 4 + (2 if g.get("Form") == p.get("Form") else 0) + (1 if g.get("STWR") == p.get("STWR") else 0) if ov else 0)
        w.append(row)
    return [(i, j) for i, j in _hungarian(w) if w[i][j] > 0]


@dataclass
class TaskScores:
    labels: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in LABELS})
    form: PRF = field(default_factory=PRF)
    stwr: PRF = field(default_factory=PRF)
    form_recall: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in FORMS})

    def roles(self, names: tuple[str, ...]) -> PRF:
        out = PRF()
        for k in names:
            out.tp += self.labels[k].tp
            out.fp += self.labels[k].fp
            out.fn += self.labels[k].fn
        return out

    def summary(self, roles: tuple[str, ...]) -> dict[str, dict[str, float]]:
        joint = self.roles(("Message",) + roles)
        out = {"Message": self.labels["Message"].as_dict(), "Roles": self.roles(roles).as_dict(), "Joint": joint.as_dict()}
        for k in roles:
            out[k] = self.labels[k].as_dict()
        out["Form"] = self.form.as_dict()
        out["STWR"] = self.stwr.as_dict()
        out["recall_by_form"] = {k: round(100 * v.r, 2) for k, v in self.form_recall.items() if v.tp + v.fn}
        return out


def score_document(gold: list[dict], pred: list[dict], scores: TaskScores, roles: tuple[str, ...]) -> None:
    pairs = match(gold, pred)
    mg = {i for i, _ in pairs}
    mp = {j for _, j in pairs}
    for i, j in pairs:
        g, p = gold[i], pred[j]
        for lab in ("Message",) + roles:
            scores.labels[lab].add(set(g.get(lab, [])), set(p.get(lab, [])))
        gm, pm = set(g["Message"]), set(p["Message"])
        for attr, prf in (("Form", scores.form), ("STWR", scores.stwr)):
            if g.get(attr) == p.get(attr):
                prf.add(gm, pm)
            else:
                prf.fp += len(pm)
                prf.fn += len(gm)
        if g.get("Form") in scores.form_recall:
            scores.form_recall[g["Form"]].add(gm, pm)
    for i, g in enumerate(gold):
        if i in mg:
            continue
        for lab in ("Message",) + roles:
            scores.labels[lab].fn += len(g.get(lab, []))
        scores.form.fn += len(g["Message"])
        scores.stwr.fn += len(g["Message"])
        if g.get("Form") in scores.form_recall:
            scores.form_recall[g["Form"]].fn += len(g["Message"])
    for j, p in enumerate(pred):
        if j in mp:
            continue
        for lab in ("Message",) + roles:
            scores.labels[lab].fp += len(p.get(lab, []))
        scores.form.fp += len(p["Message"])
        scores.stwr.fp += len(p["Message"])


def score_dirs(gold_dir: Path, pred_dir: Path, only: list[str] | None = None) -> dict[str, Any]:
    """Subtask 1 (all annotations, all roles) and subtask 2 (top-level, Source only)."""
    full, simple = TaskScores(), TaskScores()
    names = [p.name for p in documents(gold_dir)]
    if only is not None:
        names = [n for n in names if n in set(only)]
    missing = 0
    for name in names:
        gold = load(gold_dir / name)["Annotations"]
        pp = pred_dir / name
        if pp.exists():
            pred = load(pp).get("Annotations", [])
        else:
            pred, missing = [], missing + 1
        score_document(gold, pred, full, ROLES)
        score_document([a for a in gold if not a.get("IsNested")], [a for a in pred if not a.get("IsNested")], simple, ("Source",))
    return {"documents": len(names), "missing_predictions": missing, "subtask1": full.summary(ROLES), "subtask2": simple.summary(("Source",))}


def source_errors(gold_dir: Path, pred_dir: Path, only: list[str] | None = None) -> dict[str, int]:
    """Where subtask 2's missed Source tokens go (top-level annotations): to gold messages
    with no predicted message, to a different phrase chosen as the source, to a source
    cut short or run on, or to a message found without a source."""
    out = {"message not found": 0, "another phrase": 0, "cut short or run on": 0, "no source": 0}
    names = [p.name for p in documents(gold_dir)]
    if only is not None:
        names = [n for n in names if n in set(only)]
    for name in names:
        gold = [a for a in load(gold_dir / name)["Annotations"] if not a.get("IsNested")]
        pp = pred_dir / name
        pred = [a for a in load(pp).get("Annotations", []) if not a.get("IsNested")] if pp.exists() else []
        pairs = match(gold, pred)
        matched = {i for i, _ in pairs}
        for i, j in pairs:
            gs, ps = set(gold[i].get("Source", [])), set(pred[j].get("Source", []))
            if not gs or gs == ps:
                continue
            key = "no source" if not ps else ("cut short or run on" if gs & ps else "another phrase")
            out[key] += len(gs - ps)
        out["message not found"] += sum(len(g.get("Source", [])) for i, g in enumerate(gold) if i not in matched)
    return out
