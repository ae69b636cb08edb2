"""Speakers: canonical names resolved within the document.

An entity registry is built from every proper-name phrase (with its role nouns and
nationality); mentions resolve to it by name ("Li" -> "Li Shangfu"), by role and
nationality ("der chinesische Minister"), or, for pronouns, to the last speaker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claims import lexicons
from claims.grammar import syntax as sx
from claims.nlp.model import ParsedDoc, Sentence, Token

INDEFINITE = {"ein", "eine", "einer", "einem", "einen", "eines"}
NOT_NAMES = {"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"}


@dataclass
class Entity:
    name: str
    kind: str = "unknown"
    roles: set[str] = field(default_factory=set)
    nats: set[str] = field(default_factory=set)
    positions: list[tuple[int, int]] = field(default_factory=list)  # (sentence, token)
    role_text: str | None = None

    @property
    def words(self) -> list[str]:
        return self.name.lower().split()


@dataclass
class Resolved:
    name: str
    kind: str
    role: str | None = None
    entity: Entity | None = None


def role_of(tokens: list[Token]) -> tuple[str, str, str] | None:
    """(role key, role kind, role word) of the last role noun in ``tokens``."""
    table = lexicons.roles()
    found = None
    for t in tokens:
        if t.upos in {"NOUN", "PROPN", "X"} or t.text[:1].isupper():
            key = lexicons.compound_match(t.text, table, min_head=4) or lexicons.compound_match(t.lemma, table, min_head=4)
            if key is None and t.lower in table:
                key = t.lower
            if key is not None:
                found = (key, table[key], t.text)
    return found


def _name_runs(sent: Sentence) -> list[list[Token]]:
    runs, cur = [], []
    outlets, roles, media = lexicons.outlets(), lexicons.roles(), lexicons.media_nouns()
    for t in sent.tokens:
        ok = (t.upos == "PROPN" or t.xpos == "NE" or (t.text[:1].islower() and "." in t.text[1:-1])) and t.lower not in NOT_NAMES
        ok = ok and (t.text[:1].isupper() or "." in t.text[1:-1]) and lexicons.compound_match(t.text, roles) is None
        ok = ok and lexicons.compound_match(t.text, media) is None
        country = ok and sx.is_country(t.text)  # only asked of a name
        surname = (
            cur
            and t.upos == "NOUN"
            and t.text[:1].isupper()
            and cur[-1].end < t.start
            and lexicons.compound_match(t.text, roles) is None
            and lexicons.compound_match(t.text, media) is None
            and (t.i + 1 >= len(sent.tokens) or sent.tokens[t.i + 1].upos not in {"NOUN", "PROPN"})
        )
        if (ok and not country) or surname:
            cur.append(t)
        elif ok and country and not cur:
            runs.append([t])
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return [r for r in runs if tuple(x.lower for x in r) not in outlets]


def build_registry(doc: ParsedDoc, skip: set[tuple[int, int]] | None = None) -> list[Entity]:
    """Every proper-name phrase in the document, merged by name.

    ``skip`` holds (sentence, token) positions of outlet names, which are not speakers' names.
    """
    entities: list[Entity] = []
    countries = lexicons.countries()
    skip = skip or set()
    for sent in doc.sentences:
        for run in _name_runs(sent):
            if any((sent.index, t.i) in skip for t in run):
                continue
            name = sx.join_words(run)
            if len(run) == 1 and sx.is_country(name):
                continue
            lo = run[0].i
            # role nouns and adjectives right before the name, apposition after it
            k = lo - 1
            before: list[Token] = []
            while k >= 0 and (sent.tokens[k].upos in {"NOUN", "ADJ", "DET", "PROPN"} or sent.tokens[k].xpos in {"ADJA", "ART", "PPOSAT"}) and len(before) < 5:
                before.insert(0, sent.tokens[k])
                if sent.tokens[k].upos == "DET":
                    break
                k -= 1
            after: list[Token] = []
            hi = run[-1].i
            if hi + 2 < len(sent.tokens) and sent.tokens[hi + 1].text == ",":
                k = hi + 2
                while k < len(sent.tokens) and sent.tokens[k].upos in {"NOUN", "ADJ"} and len(after) < 3:
                    after.append(sent.tokens[k])
                    k += 1
            role = role_of(before) or role_of(after[:1])
            kind = "unknown"
            if name in countries:
                kind = "country"
            elif role is not None:
                kind = role[1] if role[1] != "anonymous" else "person"
            elif len(run) >= 2:
                kind = "person"
            elif name.isupper() or "." in name:
                kind = "organization"
            ent = _merge(entities, name)
            if ent is None:
                ent = Entity(name=name, kind=kind)
                entities.append(ent)
            elif len(name.split()) > len(ent.name.split()):
                ent.name = name
            if ent.kind in {"unknown"} or (kind == "person" and ent.kind == "organization"):
                ent.kind = kind
            if role is not None:
                ent.roles.add(role[0])
                ent.role_text = ent.role_text or role[2]
            ent.nats |= sx.nationalities(before)
            ent.positions.append((sent.index, lo))
    return entities


def _merge(entities: list[Entity], name: str) -> Entity | None:
    words = name.lower().split()
    for e in entities:
        ew = e.words
        if ew == words:
            return e
        if len(words) == 1 and words[0] in ew and len(words[0]) > 1:
            return e
        if len(ew) == 1 and ew[0] in words:
            return e
    return None


def _nearest(cands: list[Entity], pos: tuple[int, int]) -> Entity | None:
    before = [(max(p for p in e.positions if p < pos), e) for e in cands if any(p < pos for p in e.positions)]
    if before:
        return max(before, key=lambda x: x[0])[1]
    after = [(min(p for p in e.positions if p >= pos), e) for e in cands if e.positions]
    if after:
        return min(after, key=lambda x: x[0])[1]
    return None


def _role_compatible(entity_roles: set[str], role: str) -> bool:
    return any(r == role or r.endswith(role) or role.endswith(r) for r in entity_roles)


def _name_after_role(words: list[Token], role: tuple[str, str, str] | None) -> str | None:
    """``Der Stahlkonzern Voestalpine`` with the name tagged as a common noun (and the
    role as an adjective): a capitalised word right after the role noun that ends the
    phrase and is no role, medium or country is the name."""
    if role is None or len(words) < 2 or words[-2].text != role[2]:
        return None
    w = words[-1]
    if not w.text[:1].isupper() or w.upos not in {"NOUN", "PROPN", "X"} or sx.is_country(w.text):
        return None
    if lexicons.compound_match(w.text, lexicons.roles()) is not None or lexicons.compound_match(w.text, lexicons.media_nouns()) is not None:
        return None
    return w.text


class SpeakerResolver:
    def __init__(self, doc: ParsedDoc, outlet_positions: set[tuple[int, int]] | None = None):
        self.doc = doc
        self.entities = build_registry(doc, outlet_positions)

    def entity_by_name(self, name: str) -> Entity | None:
        return _merge(self.entities, name)

    def resolve(self, sent_i: int, lo: int, hi: int, last_speaker: Resolved | None) -> Resolved | None:
        sent = self.doc.sentences[sent_i]
        toks = sent.tokens[lo : hi + 1]
        if not toks:
            return None
        words = [t for t in toks if not t.is_punct]
        if len(words) == 1 and words[0].upos == "PRON":
            low = words[0].lower
            if low in sx.PERSONAL_PRONOUNS or low == "man":
                if last_speaker is not None:
                    return last_speaker
                # the nearest person named before
                pers = [e for e in self.entities if e.kind == "person"]
                ent = _nearest(pers, (sent_i, lo))
                if ent is not None:
                    return Resolved(ent.name, ent.kind, ent.role_text, ent)
            return None
        # name runs inside the phrase (a run that starts before it with a title the tagger
        # made a name, "Landeshauptmann Thomas Stelzer", is cut to the phrase)
        runs = [c for c in ([x for x in r if lo <= x.i <= hi] for r in _name_runs(sent) if r[-1].i >= lo and r[0].i <= hi) if c and c[-1].i <= hi]
        runs = sx.drop_bracketed(runs, sent, lo)
        # "Trumps Anwalt", "Putins Sprecher": the genitive says whose role it is
        runs = [r for r in runs if not (len(r) == 1 and sx.is_country_genitive(r[0], sent.tokens))]
        role = role_of(toks)
        if role is not None:
            # "Russlands Verteidigungsminister", "die Bundesregierung Deutschlands": the
            # country says whose role it is; it is not the speaker's name
            runs = [r for r in runs if not (len(r) == 1 and sx.is_country(r[0].text))]
        nats = sx.nationalities(toks)
        if runs:
            name = sx.join_words(runs[-1])
            if len(runs) >= 2 and any(t.lower == "und" for t in toks):
                name = " und ".join(sx.join_words(r) for r in runs)
            ent = self.entity_by_name(name) if len(runs) == 1 else None
            if ent is not None:
                return Resolved(ent.name, ent.kind if ent.kind != "unknown" else "person", ent.role_text or (role[2] if role else None), ent)
            kind = "country" if name in lexicons.countries() else ("person" if role is None or role[1] != "organization" else "organization")
            return Resolved(name, kind, role[2] if role else None)
        # a name the tagger took for a common noun ("ÖVP-Chef Mitterlehner")
        for t in reversed(words):
            if t.text[:1].isupper() and t.upos in {"NOUN", "X"} and lexicons.compound_match(t.text, lexicons.roles()) is None:
                ent = self.entity_by_name(t.text)
                if ent is not None and ent.kind in {"person", "organization", "unknown"}:
                    return Resolved(ent.name, ent.kind, ent.role_text or (role[2] if role else None), ent)
        first = words[0].lower if words else ""
        phrase = sx.name_of(sent, lo, hi)
        if role is not None and first not in INDEFINITE and role[1] in {"person", "anonymous"} and not (toks[-1].feats.get("Number") == "Plur" and role[1] != "person"):
            cands = [e for e in self.entities if _role_compatible(e.roles, role[0]) and e.kind in {"person", "unknown"}]
            if nats:
                cands = [e for e in cands if not e.nats or e.nats & nats]
            ent = _nearest(cands, (sent_i, lo))
            if ent is None and nats:
                cands = [e for e in self.entities if e.nats & nats and e.kind in {"person"}]
                ent = _nearest(cands, (sent_i, lo))
            if ent is not None:
                return Resolved(ent.name, "person", ent.role_text or role[2], ent)
            if sent_i == 0:
                # a teaser describes the article's main person: the most mentioned one
                pers = [e for e in self.entities if e.kind == "person"]
                if pers:
                    ent = max(pers, key=lambda e: len(e.positions))
                    return Resolved(ent.name, "person", role[2], ent)
        named = _name_after_role(words, role)
        if named is not None:
            ent = self.entity_by_name(named)
            if ent is not None:
                return Resolved(ent.name, ent.kind if ent.kind != "unknown" else role[1], ent.role_text or role[2], ent)
            return Resolved(named, role[1] if role[1] not in {"anonymous", "unknown"} else "person", role[2])
        kind = "unknown"
        if role is not None:
            kind = role[1]
        if first in INDEFINITE:
            kind = "anonymous" if kind in {"unknown", "person", "anonymous"} else kind
        elif toks[-1].feats.get("Number") == "Plur" and kind in {"unknown", "person"}:
            kind = "group"
        if phrase in lexicons.countries():
            kind = "country"
        if first in INDEFINITE:
            phrase = sx.join_words(words)
        return Resolved(phrase, kind, role[2] if role else None)
