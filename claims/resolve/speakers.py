"""Speakers: canonical names resolved within the document.

An entity registry is built from every proper-name phrase (with its role nouns and
nationality); mentions resolve to it by name ("Li" -> "Li Shangfu"), by role and
nationality ("der chinesische Minister"), or, for pronouns, to the last speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from claims import lexicons
from claims.grammar import inflection
from claims.grammar import syntax as sx
from claims.nlp.model import ARABIC_ARTICLE, ParsedDoc, Sentence, Token
from claims.nlp.normalize import WEEKDAYS, is_title

DEMONSTRATIVES = {"dieser": "er", "jener": "er", "letzterer": "er", "letztere": "sie"}
GROUP_PRONOUNS = {"einige", "viele", "manche", "mehrere", "etliche", "beide", "andere", "wenige"}  # who speak as an unnamed group
INDEFINITE = {"ein", "eine", "einer", "einem", "einen", "eines"}
DEFINITE = {"der", "die", "das", "dem", "den", "des"}
NOT_NAMES = {*WEEKDAYS, "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"}


@dataclass
class Entity:
    name: str
    kind: str = "unknown"
    roles: set[str] = field(default_factory=set)
    nats: set[str] = field(default_factory=set)
    positions: list[tuple[int, int]] = field(default_factory=list)  # (sentence, token)
    role_text: str | None = None
    role_words: set[str] = field(default_factory=set)  # every role word seen with the name, lower-cased
    descriptions: set[str] = field(default_factory=set)  # common nouns seen right before the name ("Autohersteller")
    spans: list[tuple[int, int]] = field(default_factory=list)  # character span of each mention by name
    id: str = ""  # within the document: "e1", "e2" … in order of first mention

    @property
    def words(self) -> list[str]:
        return self.name.lower().split()

    def named_within(self, pos: tuple[int, int], window: int) -> bool:
        """Named before ``pos`` at most ``window`` sentences back."""
        return any(p < pos and pos[0] - p[0] <= window for p in self.positions)

    @property
    def gender(self) -> str | None:
        """"Masc" or "Fem" for a person whose given name or roles say so, else None."""
        if self.kind != "person":
            return None
        g = lexicons.given_names().get(self.name.split()[0])
        if g is not None:
            return g
        roles = {r for w in self.role_words if (r := _role_gender(w)) is not None}
        return roles.pop() if len(roles) == 1 else None


@dataclass
class Resolved:
    name: str
    kind: str
    role: str | None = None
    entity: Entity | None = None
    via: str = "phrase"  # how it was found: one of models.Resolution

    @classmethod
    def of(cls, ent: Entity, via: str, unknown_as: str | None = None, role: str | None = None) -> Resolved:
        """The entity ``ent`` as found ``via``: its name and kind (``unknown_as`` for an
        entity of unknown kind, if given), its role or else ``role``."""
        kind = unknown_as if unknown_as is not None and ent.kind == "unknown" else ent.kind
        return cls(ent.name, kind, ent.role_text or role, ent, via)


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


def _role_gender(word: str) -> str | None:
    """"Fem" for a role noun in -in ("Botschafterin"), "Masc" for another one in the
    lexicon ("WTO-Chef"), None for an adjectival noun ("Vorsitzende") or a word that is
    no role."""
    table = lexicons.roles()
    key = lexicons.compound_match(word, table, min_head=4) or (word.lower() if word.lower() in table else None)
    if key is None or key.endswith("e"):
        return None
    return "Fem" if key.endswith("in") or any(key.endswith(n) for n in sx.g("feminine_noun")) else "Masc"


def _gender_clash(word: str, ent: Entity) -> bool:
    """The role ``word`` has the other gender than every role ``ent`` was named with, or
    than its given name."""
    mine = _role_gender(word)
    theirs = {g for w in ent.role_words if (g := _role_gender(w)) is not None}
    if ent.gender is not None:
        theirs = {ent.gender}
    return mine is not None and bool(theirs) and mine not in theirs


def _name_word(t: Token) -> bool:
    """A capitalised proper name that is no country: may go on a name run."""
    return (t.upos == "PROPN" or t.xpos == "NE") and t.text[:1].isupper() and not sx.is_country(t.text)


def _media_word(word: str) -> bool:
    """A media or document noun, not one that is also a surname ("Hans-Jürgen Papier")."""
    hit = lexicons.compound_match(word, lexicons.media_nouns())
    return hit is not None and hit not in lexicons.surname_media_nouns()


# "el-Baradei", "al-Assad": an Arabic article joined to a name
_STATED_BY = re.compile(r"^([A-ZÄÖÜ][\wÄÖÜäöüß]*?)(-|(?<=[^s])s)?angaben$", re.IGNORECASE)


def stated_by(word: str) -> str | None:
    """Who gave the "Angaben" of a compound: "UNO-Angaben" -> "UNO", "Polizeiangaben" ->
    "Polizei", "Regierungsangaben" -> "Regierung"."""
    m = _STATED_BY.match(word)
    if m is None or len(m.group(1)) < 2:
        return None
    head = m.group(1)
    return head if m.group(2) == "-" or head.isupper() else head[:1].upper() + head[1:]


def _name_runs(sent: Sentence) -> list[list[Token]]:
    runs, cur = [], []
    outlets, roles = lexicons.outlets(), lexicons.roles()
    toks = sent.tokens
    for t in toks:
        arabic = ARABIC_ARTICLE.match(t.text) is not None
        ok = (t.upos == "PROPN" or t.xpos == "NE" or (t.text[:1].islower() and "." in t.text[1:-1]) or (bool(cur) and arabic)) and t.lower not in NOT_NAMES
        ok = ok and not is_title(t)  # "Dr. Hans Müller": the title is no part of the name
        ok = ok and (t.text[:1].isupper() or "." in t.text[1:-1] or arabic) and lexicons.compound_match(t.text, roles) is None
        ok = ok and not _media_word(t.text)
        country = ok and sx.is_country(t.text)  # only asked of a name
        surname = (
            cur
            and t.upos in {"NOUN", "ADJ", "ADV"}  # "Sebastian Kurz": a capitalised word after a name
            and t.lower not in sx.g("ordinal_noun")  # "Pinkelnig Dritte": a place in a ranking
            and not t.lower.startswith(WEEKDAYS)  # "sagte Reinhold Mitterlehner Montagmittag"
            and t.text[:1].isupper()
            and cur[-1].end < t.start
            and lexicons.compound_match(t.text, roles) is None
            and not _media_word(t.text)
            and (t.i + 1 >= len(toks) or toks[t.i + 1].upos not in {"NOUN", "PROPN"} or _name_word(toks[t.i + 1]))
            # "Wieso Nissan Ziel der Attacken wurde": a noun with a genitive after it heads its own phrase
            and not (t.upos == "NOUN" and len(cur) == 1 and t.i + 1 < len(toks) and toks[t.i + 1].lower in {"der", "des"})
        )
        # "Vorstand Jens Bischof", "Peter Richter sagte": a role noun that is also a common
        # surname, right after a given name and closing the phrase, is the surname
        surname = surname or (
            len(cur) == 1
            and _name_word(cur[0])
            and t.text[:1].isupper()
            and cur[0].end + 1 == t.start
            and t.lower in sx.g("surname_role")
            and (t.i + 1 >= len(toks) or toks[t.i + 1].upos in {"PUNCT", "VERB", "AUX", "ADP"})
        )
        # "Karl-Theodor zu Guttenberg", "Mohammed bin Salman": a particle inside a name
        particle = cur and _name_word(cur[-1]) and t.lower in sx.NAME_PARTICLES and t.i + 1 < len(toks) and (
            _name_word(toks[t.i + 1])
            # "Ursula von der Leyen": a particle and an article after a given name (not
            # "Arjen Hoekstra von der Universität Twente", an affiliation)
            or (len(cur) == 1 and not cur[0].text.isupper() and toks[t.i + 1].lower in {"der", "den", "la", "le"} and t.i + 2 < len(toks) and toks[t.i + 2].text[:1].isupper())
        )
        # "Alexander Van der Bellen", "Ursula von der Leyen": an article after a particle
        particle = particle or (cur and cur[-1].lower in sx.ARTICLE_PARTICLES and t.lower in sx.NAME_ARTICLES and t.i + 1 < len(toks) and toks[t.i + 1].text[:1].isupper())
        if (ok and not country) or surname or particle:
            cur.append(t)
        elif ok and country and not cur:
            runs.append([t])
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    runs = [r[:-1] if len(r) > 1 and r[-1].lower in {"der", "den", "la", "le"} else r for r in runs]  # "Van der" with its name cut off
    return [r for r in runs if tuple(x.lower for x in r) not in outlets]


def _run_name(sent: Sentence, run: list[Token]) -> str:
    """The name a name run says: its words, a one-word name after "des"/"eines" without
    its genitive ending ("des Rechnungshofs" -> "Rechnungshof")."""
    name = sx.join_words(run)
    if len(run) == 1 and run[0].i > 0 and sent.tokens[run[0].i - 1].lower in {"des", "eines"} and name.endswith("s"):
        return inflection.drop_genitive_s(name)
    return name


class Registry(Sequence[Entity]):
    """The entities of a document in the order they were first named, with a name
    index: :meth:`find` costs about the same however many entities there are."""

    def __init__(self) -> None:
        self._entities: list[Entity] = []
        self._exact: dict[tuple[str, ...], list[int]] = {}  # words -> entities with exactly those words
        self._has_word: dict[str, list[int]] = {}  # word -> entities with that word in their name
        self._single: dict[str, list[int]] = {}  # word -> entities named by that one word
        self._at: dict[tuple[str, str], list[tuple[tuple[int, int], int]]] | None = None
        self._compatible: dict[str, list[str]] = {}

    def __getitem__(self, i):
        return self._entities[i]

    def __len__(self) -> int:
        return len(self._entities)

    def _index(self, i: int, words: list[str]) -> None:
        self._exact.setdefault(tuple(words), []).append(i)
        for w in set(words):
            self._has_word.setdefault(w, []).append(i)
        if len(words) == 1:
            self._single.setdefault(words[0], []).append(i)

    def add(self, entity: Entity) -> None:
        entity.id = f"e{len(self._entities) + 1}"
        self._entities.append(entity)
        self._index(len(self._entities) - 1, entity.words)

    def rename(self, entity: Entity, name: str) -> None:
        """Give ``entity`` a longer name that holds its present one."""
        i = next(k for k in self._has_word[entity.words[0]] if self._entities[k] is entity)
        self._exact[tuple(entity.words)].remove(i)
        if len(entity.words) == 1:
            self._single[entity.words[0]].remove(i)
        entity.name = name
        self._index(i, entity.words)

    def _mentions(self) -> dict[tuple[str, str], list[tuple[tuple[int, int], int]]]:
        """For each role, nationality and kind (("role", r), ("nat", n), ("kind", k)),
        (position, entity) of every mention of an entity with it, in text order; built
        when first asked, after the registry is complete."""
        if self._at is None:
            self._at = {}
            for i, e in enumerate(self._entities):
                for k in [("role", r) for r in e.roles] + [("nat", n) for n in e.nats] + [("kind", e.kind)] + [("desc", d) for d in e.descriptions]:
                    self._at.setdefault(k, []).extend((p, i) for p in e.positions)
            for lst in self._at.values():
                lst.sort()
        return self._at

    def mentions_before(self, pos: tuple[int, int], key: tuple[str, str]):
        """(position, entity) of the mentions with ``key`` before ``pos``, nearest first."""
        lst = self._mentions().get(key, [])
        for j in range(bisect_left(lst, (pos,)) - 1, -1, -1):
            yield lst[j][0], self._entities[lst[j][1]]

    def description_keys(self) -> list[str]:
        """Every common noun an entity was introduced with ("autohersteller")."""
        return sorted(k[1] for k in self._mentions() if k[0] == "desc")

    def compatible_roles(self, role: str) -> list[str]:
        """The entities' roles that ``role`` may name: the same, or one ending in the
        other ("Minister" and "Verteidigungsminister")."""
        if role not in self._compatible:
            roles = {k[1] for k in self._mentions() if k[0] == "role"}
            self._compatible[role] = sorted(r for r in roles if r == role or r.endswith(role) or role.endswith(r))
        return self._compatible[role]

    def nearest(self, pos: tuple[int, int], keys: list[tuple[str, str]], accept, forward: bool = True) -> Entity | None:
        """Of the entities with one of ``keys`` that ``accept`` takes, the one mentioned
        last before ``pos``; failing that (and if ``forward``), the one mentioned first
        from ``pos`` on."""
        before = after = None
        for key in keys:
            lst = self._mentions().get(key, [])
            i = bisect_left(lst, (pos,))
            j = i - 1
            while j >= 0 and not accept(self._entities[lst[j][1]]):
                j -= 1
            if j >= 0 and (before is None or lst[j] > before):
                before = lst[j]
            j = i if forward else len(lst)
            while j < len(lst) and not accept(self._entities[lst[j][1]]):
                j += 1
            if j < len(lst) and (after is None or lst[j] < after):
                after = lst[j]
        found = before or after
        return self._entities[found[1]] if found else None

    def find(self, name: str) -> Entity | None:
        """The first entity that ``name`` names: the same words; one word of the
        entity's name ("Li" for "Li Shangfu"); or the entity's one-word name among its
        words ("Li Shangfu" for "Li")."""
        words = name.lower().split()
        found = list(self._exact.get(tuple(words), ()))
        if len(words) == 1 and len(words[0]) > 1:
            found += self._has_word.get(words[0], ())
        for w in words:
            found += self._single.get(w, ())
        return self._entities[min(found)] if found else None


def _coordinated(sent: Sentence, hi: int) -> bool:
    """A second name follows the name ending at ``hi`` ("die Klubobleute Klaus
    Schneeberger (ÖVP) und Alfredo Rosenmaier"): the noun before describes both."""
    toks = sent.tokens
    k = hi + 1
    if k < len(toks) and toks[k].text == "(":
        k = next((j + 1 for j in range(k, min(len(toks), k + 6)) if toks[j].text == ")"), k)
    return k + 1 < len(toks) and toks[k].lower in {"und", "sowie"} and toks[k + 1].upos == "PROPN"


def description_keys(t: Token) -> set[str]:
    """The forms under which a common noun before a name is kept: its lemma, and its form
    without a genitive ending ("Autoherstellers" -> "autohersteller")."""
    low = t.text.lower()
    keys = {t.lemma.lower(), low}
    if low.endswith("es") and len(low) > 5:
        keys.add(low[:-2])
    if low.endswith("s") and len(low) > 4:
        keys.add(low[:-1])
    return keys


def build_registry(doc: ParsedDoc, skip: set[tuple[int, int]] | None = None) -> Registry:
    """Every proper-name phrase in the document, merged by name.

    ``skip`` holds (sentence, token) positions of outlet names, which are not speakers' names.
    """
    entities = Registry()
    countries = lexicons.countries()
    skip = skip or set()
    for sent in doc.sentences:
        for run in _name_runs(sent):
            if any((sent.index, t.i) in skip for t in run):
                continue
            name = _run_name(sent, run)
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
            org = _organization_before(sent, lo - len(before), run, role_of(before))
            if org is not None:
                name = org  # "die Staatsanwaltschaft Wien": the institution, not the place
            kind = "unknown"
            if name in countries:
                kind = "country"
            elif role is not None:
                # a group noun as a title before a name is one person ("Sicherheitsforscher Matt Jakubowski")
                kind = role[1] if role[1] not in {"anonymous", "group"} else "person"
            elif len(run) >= 2:
                kind = "person"
            elif name.isupper() or "." in name:
                kind = "organization"
            ent = entities.find(name)
            if ent is None:
                ent = Entity(name=name, kind=kind)
                entities.add(ent)
            elif len(name.split()) > len(ent.name.split()):
                entities.rename(ent, name)
            if ent.kind in {"unknown"} or (kind == "person" and ent.kind == "organization"):
                ent.kind = kind
            if role is not None:
                ent.roles.add(role[0])
                ent.role_text = ent.role_text or role[2]
                ent.role_words.add(role[2].lower())
            ent.nats |= sx.nationalities(before)
            if before and before[-1].upos == "NOUN" and before[-1].text[:1].isupper() and not _coordinated(sent, hi):
                ent.descriptions |= description_keys(before[-1])  # "des japanischen Autoherstellers Nissan"
            ent.positions.append((sent.index, lo))
            ent.spans.append((run[0].start, run[-1].end))
    return entities


_POSSESSIVE_STEMS = {"sein": "er", "ihr": "sie", "mein": "man", "unser": "man", "dein": "man", "euer": "man", "eur": "man"}  # "meiner Meinung nach": the one speaking


def _utterance(t: Token) -> bool:
    """A noun for what someone said or thinks ("Worten", "Darstellung", "Ansicht")."""
    return t.lower in sx.g("speech_noun") or t.lower in sx.g("utterance_noun")


def _source_word(t: Token) -> bool:
    """A noun for what someone said or found out, whose owner is the source ("Worten",
    "Angaben", "Erkenntnissen")."""
    return t.lower in sx.g("utterance_noun") or t.lower in sx.g("source_noun")


_AGE_NOUN = re.compile(r"\d+-[Jj]ährige[rn]?")


def _person_noun(t: Token) -> str | None:
    """For a noun that describes a person by age or origin ("28-Jährige", "Spanier",
    "Britin", "Salzburger"), the country it names ("" for none); None for another word."""
    if _AGE_NOUN.fullmatch(t.text):
        return ""
    if not t.text[:1].isupper() or t.upos not in {"NOUN", "PROPN", "ADJ", "X"}:
        return None
    low = t.lower
    if low in sx.g("austrian_demonym"):
        return "Österreich"
    if low in sx.g("german_demonym"):
        return "Deutschland"
    return sx.demonym_country(t.text)


def _plural_verb_at(sent: Sentence, i: int) -> bool:
    """The finite verb right before or after the pronoun at ``i`` is plural ("sagten sie",
    "Sie haben"): by its features, else by its ending."""
    for k in (i - 1, i + 1):
        if 0 <= k < len(sent.tokens) and sent.tokens[k].is_finite_verb:
            v = sent.tokens[k]
            number = v.feats.get("Number")
            return number == "Plur" if number else v.lower.endswith("en") or v.lower == "sind"
    return False


def _possessive_person(t: Token) -> str | None:
    """The personal pronoun of a possessive ("seiner" -> "er", "ihrer" -> "sie")."""
    low = t.lower
    for stem, pron in _POSSESSIVE_STEMS.items():
        if low.startswith(stem) and low[len(stem) :] in {"", "e", "er", "em", "en", "es"} and (t.upos == "DET" or t.xpos in {"PPOSAT", "PPOSS"}):
            return pron
    return None


def _possessed_after(sent: Sentence, i: int, window: int = 8) -> int | None:
    """A name in the genitive at ``i`` that owns a role noun after it, across an
    attribute the chunker does not span ("Badawis nach Kanada geflüchtete Ehefrau Ensaf
    Haidar"): the index of the phrase's last token (the role, or the name after it)."""
    toks = sent.tokens
    t = toks[i]
    if not (t.upos == "PROPN" or t.xpos == "NE") or not t.text.endswith("s") or i + 1 >= len(toks):
        return None
    roles = lexicons.roles()
    for k in range(i + 1, min(len(toks), i + 1 + window)):
        x = toks[k]
        if x.text[:1].isupper() and x.upos in {"NOUN", "X", "PROPN"} and lexicons.compound_match(x.text, roles) is not None:
            if k == i + 1 or not _attributive(toks[k - 1], x):
                return None  # "Trumps Anwalt" is one phrase already; a role must follow its attribute
            end = k
            while end + 1 < len(toks) and _name_word(toks[end + 1]):
                end += 1
            return end
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if x.is_punct or (x.upos in {"VERB", "AUX", "SCONJ", "CCONJ", "DET", "PRON"} and not _attributive(x, nxt)):
            return None
    return None


def _attributive(t: Token, nxt: Token | None) -> bool:
    """An adjective, or a participle inflected before a capitalised noun ("geflüchtete
    Ehefrau", which a tagger may take for a finite verb)."""
    if t.upos == "ADJ" or t.xpos == "ADJA":
        return True
    return t.upos == "VERB" and t.text[:1].islower() and t.lower.endswith(("e", "en", "er", "es", "em")) and nxt is not None and nxt.text[:1].isupper() and nxt.upos in {"NOUN", "PROPN", "X"}


def _organization_before(sent: Sentence, lo: int, run: list[Token], role: tuple[str, str, str] | None) -> str | None:
    """An institution named by its noun and its seat right after it:
    "die Staatsanwaltschaft Wien", "einer Studie der Universität Wien" -> "Staatsanwaltschaft
    Wien", "Universität Wien" (the place alone is not the speaker), in the nominative."""
    if role is None or role[0] not in lexicons.place_institutions() or len(run) > 2:
        return None
    k = run[0].i - 1
    if k < lo or sent.tokens[k].text != role[2]:
        return None
    first = k
    while first > lo and (sent.tokens[first - 1].upos in {"DET", "ADJ"} or sent.tokens[first - 1].xpos in {"ART", "ADJA"}):
        first -= 1
    # the institution's noun in the nominative, the place as it stands ("des Militärkommandos
    # Steiermark" -> "Militärkommando Steiermark")
    noun = inflection.nominative(sent.tokens[first : k + 1], keep_indefinite=False)
    return f"{noun} {sx.join_words(run)}" if noun else None


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


def _apposition_name(sent: Sentence, lo: int, hi: int) -> list[list[Token]]:
    """The name in a comma apposition that ends the noun phrase of a role ("der
    Sprecher von Präsident Wladimir Putin, Dmitri Peskow"; "die Sprecherin des
    Ministeriums, Anna Berger"): the name is the speaker, the person or body in the
    ``von``/genitive phrase only whose spokesperson it is. As one run, or none."""
    wlo, whi = sx.widen_np(sent, lo, hi)
    toks = sent.tokens
    commas = [k for k in range(hi + 1, whi) if toks[k].text == ","]
    if not commas and hi + 2 < len(toks) and toks[hi + 1].upos == "ADP":
        # "des Staatssekretärs im Berliner Arbeitsministerium, Thorben Albrecht,": a short
        # place phrase before the comma
        j = next((j for j in range(hi + 2, min(len(toks), hi + 6)) if toks[j].upos not in {"DET", "ADJ", "NOUN", "PROPN"}), None)
        if j is not None and toks[j].text == "," and j + 2 < len(toks):
            end = next((k for k in range(j + 1, min(len(toks), j + 6)) if not _name_word(toks[k])), len(toks))
            if end > j + 1 and (end == len(toks) or toks[end].text in {",", "."}):
                commas, whi = [j], end
    if not commas:
        return []
    start = commas[0] + 1
    for run in _name_runs(sent):
        end = run[-1].i - (1 if ARABIC_ARTICLE.match(run[-1].text) else 0)  # the chunker stops before "al-Hussein"
        if run[0].i == start and end <= whi and all(t.upos in {"PROPN", "X"} or t.xpos == "NE" or ARABIC_ARTICLE.match(t.text) for t in run):
            if run[-1].i + 1 < len(toks) and toks[run[-1].i + 1].is_finite_verb:
                return []  # "erklärten die Euro-Finanzminister, Athen werde …": the content's subject
            return [run]
    return []


class SpeakerResolver:
    def __init__(self, doc: ParsedDoc, outlet_positions: set[tuple[int, int]] | None = None):
        self.doc = doc
        self.entities = build_registry(doc, outlet_positions)
        self._turns: list[tuple[int, int, str | None]] | None = None

    def turn_speaker(self, pos: tuple[int, int]) -> str | None:
        """In an interview's turns ("STANDARD: Zu Recht? Ennser-Jedenastik: Ich glaube, …"),
        the name that opens the turn ``pos`` is in, None for the interviewer's turn, for a
        document with fewer than two turns, or outside any turn."""
        if self._turns is None:
            self._turns = []
            for sent in self.doc.sentences:
                toks = sent.tokens
                k = next((k for k in range(1, min(4, len(toks))) if toks[k].text == ":"), None)
                if k is None or not all(t.text[:1].isupper() and t.upos in {"PROPN", "NOUN", "X"} for t in toks[:k]):
                    continue
                name = sx.join_words(toks[:k])
                self._turns.append((sent.index, k, None if name.isupper() or name.lower() in sx.g("interviewer_turn") else name))
            if len(self._turns) < 2:
                self._turns = []
        return next((name for si, k, name in reversed(self._turns) if (si, k) < pos), None)

    def described(self, pos: tuple[int, int], role: tuple[str, str, str], nats: set[str], definite: bool, plural: bool = False) -> Entity | None:
        """The person a role phrase at ``pos`` refers to ("der Minister", "die
        chinesische Sprecherin"; ``role`` as :func:`role_of` gives it):

        1. the person mentioned last before it with a compatible role (and, if the
           phrase names one, a compatible nationality);
        2. failing that, a definite description ("der Fraktionschef") still refers
           back: to the person mentioned last before it, if the phrase names no
           nationality (a role may be worded differently: "SPÖ-Klubobmann Andreas
           Schieder … meinte der Fraktionschef"), is singular ("die Wissenschafter" are
           not one of them) and agrees in gender with that person's roles ("die
           Botschafterin" is not the "WTO-Chef" named before);
        3. failing that, the person first mentioned after it with the same role word
           (a teaser's "der chinesische Verteidigungsminister" whom the article then
           names); a role that only shares its head ("Polizeichef", "Staatschef") is
           not enough.
        """
        ent = self.entities.nearest(
            pos,
            [("role", r) for r in self.entities.compatible_roles(role[0])],
            lambda e: e.kind in {"person", "unknown"} and (not nats or not e.nats or bool(e.nats & nats)),
        )
        if ent is not None and any(p < pos for p in ent.positions):
            return ent
        if definite and not nats and not plural:
            before = self.entities.nearest(pos, [("kind", "person")], lambda e: True, forward=False)
            if before is not None and not _gender_clash(role[2], before):
                return before
        if ent is None:
            return None
        word = role[2].lower()
        return ent if any(w.endswith(word) or word.endswith(w) for w in ent.role_words) else None

    def _inside(self, p: tuple[int, int], span: tuple[int, int] | None) -> bool:
        """The mention at token position ``p`` starts inside the character ``span``."""
        return span is not None and span[0] <= self.doc.sentences[p[0]].tokens[p[1]].start < span[1]

    def _person_before(self, pos: tuple[int, int], nat: str, skip: tuple[int, int] | None, window: int = 3) -> Entity | None:
        """The person named last before ``pos`` within ``window`` sentences, outside
        ``skip``; if ``nat`` names a country, one of that nationality first and none known
        to be of another ("der Serbe" is not "den Kroaten Marin Cilic")."""
        found = []
        for p, ent in self.entities.mentions_before(pos, ("kind", "person")):
            if pos[0] - p[0] > window:
                break
            if self._inside(p, skip):
                continue
            if not (nat and ent.nats and nat not in ent.nats):
                found.append(ent)
        return next((e for e in found if nat and nat in e.nats), found[0] if found else None)

    def _company_before(self, pos: tuple[int, int], window: int = 2) -> Entity | None:
        """For "das Unternehmen", "der Konzern": the company named last before ``pos``
        within ``window`` sentences, introduced with a noun of a company ("die Firma
        Magna", "des Autoherstellers Nissan"; grammar.tsv ``company_noun``)."""
        companies = sx.g("company_noun")
        keys = [k for k in self.entities.description_keys() if lexicons.compound_match(k, companies) is not None]
        ent = self.entities.nearest(pos, [("desc", k) for k in keys], lambda e: True, forward=False)
        return ent if ent is not None and ent.named_within(pos, window) else None

    def _group_leader(self, pos: tuple[int, int], skip: tuple[int, int] | None) -> Entity | None:
        """The person named last before ``pos`` (in its sentence or the one before) if
        named as a group's leader ("das Team um Erez Shmueli")."""
        for p, ent in self.entities.mentions_before(pos, ("kind", "person")):
            toks = self.doc.sentences[p[0]].tokens
            if self._inside(p, skip):
                continue
            return ent if pos[0] - p[0] <= 1 and p[1] > 0 and toks[p[1] - 1].lower == "um" else None
        return None

    def recent_person(self, pos: tuple[int, int], skip: tuple[int, int] | None = None, gender: str | None = None) -> Entity | None:
        """The person mentioned last before ``pos`` if that mention is in the same
        sentence or the one before: "Jan Korte forderte … Er sprach sich dafür aus, …"
        ("er", "sie" are the nearest person named, before the speaker of an older claim).
        Mentions inside ``skip`` (the claim's own message, a character span) do not count:
        in "Sie hoffe auf den neuen König Salman, sagte sie" the king is not the speaker."""
        for p, ent in self.entities.mentions_before(pos, ("kind", "person")):
            if self._inside(p, skip):
                continue
            if gender is not None and ent.gender not in {None, gender}:
                continue  # "sie" is not the father named last
            return ent if pos[0] - p[0] <= 1 else None
        return None

    def named_subject(self, pos: tuple[int, int]) -> Entity | None:
        """A one-word name of unknown kind that opens a clause as its subject (a finite
        verb right after it) in the sentence of ``pos`` before it, or in the sentence before:
        "Mitterlehner reagierte prompt. Er sagte, …" ("er", "sie" with no person named)."""
        for si in (pos[0], pos[0] - 1):
            if si < 0:
                continue
            toks = self.doc.sentences[si].tokens
            end = pos[1] if si == pos[0] else len(toks)
            for k in range(min(end, len(toks)) - 1, -1, -1):
                t = toks[k]
                opens = k == 0 or toks[k - 1].text in {",", ";", ":"} or toks[k - 1].upos == "CCONJ"
                if opens and _name_word(t) and k + 1 < len(toks) and toks[k + 1].is_finite_verb and t.lower not in NOT_NAMES:
                    ent = self.entity_by_name(t.text)
                    if ent is not None and ent.kind == "unknown" and len(ent.words) == 1:
                        return ent
        return None

    def entity_by_name(self, name: str) -> Entity | None:
        return self.entities.find(name)

    def resolve(self, sent_i: int, lo: int, hi: int, last_speaker: Resolved | None, message: tuple[int, int] | None = None) -> Resolved | None:
        """The speaker a phrase (tokens ``lo``..``hi`` of sentence ``sent_i``) names or
        refers to; ``message`` is the claim's content, whose names a pronoun does not take."""
        sent = self.doc.sentences[sent_i]
        toks = sent.tokens[lo : hi + 1]
        if not toks:
            return None
        words = [t for t in toks if not t.is_punct]
        q = next((k for k, w in enumerate(words[:3]) if w.lower in sx.g("quantity_noun")), None)
        if q is not None and q + 2 < len(words) and words[q + 1].lower in {"der", "des"}:
            # "40 Prozent der Befragten", "die Hälfte der Führungskräfte": a share of a group
            return Resolved(sx.join_words(words[1:] if words[0].lower in sx.ARTICLES else words), "group", None)
        if len(words) >= 2 and words[0].lower in {"deren", "dessen"} and _source_word(words[-1]):
            # "bietet … seiner Partei nach deren Angaben an": the noun right before says whose
            k = next((k for k in range(lo - 1, -1, -1) if sent.tokens[k].upos in {"NOUN", "PROPN"}), None)
            if k is not None and lo - k <= 3:
                return self.resolve(sent_i, *sx.np_tokens(sent, k), last_speaker, message)
        n = next((k for k, w in enumerate(words) if w.upos in {"NOUN", "PROPN"}), None)
        if n is not None and n + 2 < len(words) and _source_word(words[n]) and words[n + 1].lower in {"des", "der"}:
            # "nach Worten des Ministers", "nach ersten Erkenntnissen der Polizei": whose they
            # are ("laut Erhebung der Fall war": no genitive, the document itself)
            if not inflection.no_genitive(words[n + 1 :]):
                return self.resolve(sent_i, words[n + 1].i, hi, last_speaker, message)
            hi = words[n].i
            toks = sent.tokens[lo : hi + 1]
            words = [t for t in toks if not t.is_punct]
        after = sent.tokens[hi + 1] if len(words) == 1 and hi + 1 < len(sent.tokens) else None
        if ((len(words) == 2 and _utterance(words[1])) or (after is not None and _utterance(after))) and _name_word(words[0]) and words[0].text.endswith("s") and len(words[0].text) > 3:
            # "Müllers Worten nach": the name in the genitive says whose words they are
            name = words[0].text[:-1]
            ent = self.entities.find(name)
            ent = ent if ent is not None and not any(w in sx.g("utterance_noun") for w in ent.words) else None
            if ent is not None:
                return Resolved.of(ent, "name", unknown_as="person")
            return Resolved(name, "person", None, via="name")
        owner = _possessive_person(words[0]) if len(words) == 1 or (words and _utterance(words[-1])) else None
        if owner is not None and len(words) > 1:
            words = words[:1]  # "nach seinen Worten", "ihrer Darstellung nach": whose words
        if len(words) == 1 and (words[0].upos == "PRON" or owner is not None):
            # "seiner Ansicht nach", "ihrer Meinung nach": the possessive's person
            low = owner or words[0].lower
            low = DEMONSTRATIVES.get(low, low)  # "Dieser bestätigte, …": the one named last, as "er"
            formal = words[0].text == "Sie" and words[0].i > 0 and not sent.tokens[words[0].i - 1].is_punct  # "Glauben Sie, …"
            if low == "sie" and owner is None and not formal and _plural_verb_at(sent, words[0].i):
                # "skandierten sie", "Sie baten Koch": they, not a woman; a group led by the
                # person named last ("das Team um Erez Shmueli"), or the last speaker if that
                # is no named person ("die Forscher", "die Polizei")
                led = self._group_leader((sent_i, lo), message)
                if led is not None:
                    return Resolved.of(led, "pronoun")
                if last_speaker is not None and (last_speaker.entity is None or last_speaker.entity.kind != "person"):
                    return replace(last_speaker, via="pronoun")
                return None
            if low in sx.PERSONAL_PRONOUNS or low == "man":
                gender = None if formal else {"er": "Masc", "sie": "Fem"}.get(low)
                near = self.recent_person((sent_i, lo), message, gender) if low in {"er", "sie"} else None
                if near is not None and (last_speaker is None or last_speaker.entity is not near):
                    return Resolved.of(near, "pronoun")
                if near is None and low in {"er", "sie"} and (named := self.named_subject((sent_i, lo))) is not None and (last_speaker is None or last_speaker.entity is not named):
                    return Resolved.of(named, "pronoun", unknown_as="person")
                # the nearest person of that gender named before (never one named only later)
                before = self.entities.nearest((sent_i, lo), [("kind", "person")], lambda e: gender is None or e.gender in {None, gender}, forward=False)
                if near is None and low in {"er", "sie"} and last_speaker is not None and last_speaker.kind != "person" and before is not None and before.named_within((sent_i, lo), 3):
                    # "er" is a person named a few sentences before rather than a last speaker
                    # that is none ("Den Vorwurf der Klientelpolitik, wonach …")
                    return Resolved.of(before, "pronoun")
                if last_speaker is not None and not (gender is not None and last_speaker.entity is not None and last_speaker.entity.gender not in {None, gender}):
                    return replace(last_speaker, via="pronoun")
                if before is not None:
                    return Resolved.of(before, "pronoun")
            if low in GROUP_PRONOUNS:
                return Resolved(words[0].text[:1].upper() + words[0].text[1:], "group", None)  # "Einige vertreten die Auffassung, …"
            if low in {"ich", "mein", "meiner"} or (owner == "man" and words[0].lower.startswith("mein")):
                # "Ennser-Jedenastik: Ich glaube, …": who answers in an interview
                name = self.turn_speaker((sent_i, lo))
                if name is not None:
                    ent = self.entity_by_name(name)
                    return Resolved.of(ent, "name", unknown_as="person") if ent is not None else Resolved(name, "person", None, via="name")
            return None
        if len(words) == 1 and (who := stated_by(words[0].text)) is not None:
            # "nach UNO-Angaben", "laut Polizeiangaben": whoever gave them
            ent = self.entity_by_name(who)
            if ent is not None:
                return Resolved.of(ent, "name")
            return Resolved(who, lexicons.roles().get(who.lower(), "unknown"), None, via="phrase")
        if len(words) == 1 and (ext := _possessed_after(sent, hi)) is not None:
            hi = ext  # "Badawis nach Kanada geflüchtete Ehefrau Ensaf Haidar": the wife speaks
            toks = sent.tokens[lo : hi + 1]
            words = [t for t in toks if not t.is_punct]
        # name runs inside the phrase (a run that starts before it with a title the tagger
        # made a name, "Landeshauptmann Thomas Stelzer", is cut to the phrase)
        runs = [c for c in ([x for x in r if lo <= x.i <= hi] for r in _name_runs(sent) if r[-1].i >= lo and r[0].i <= hi) if c and c[-1].i <= hi]
        runs = sx.drop_bracketed(runs, sent, lo)
        if (attr := sx.attribute_span(sent.tokens, lo)) is not None:
            # "die von der ÖVP geschasste Bezirksvorsteherin": a name inside the attribute is not the speaker's
            runs = [r for r in runs if not attr[0] <= r[0].i <= attr[1]]
        # "Trumps Anwalt", "Putins Sprecher": the genitive says whose role it is
        runs = [r for r in runs if not (len(r) == 1 and sx.is_country_genitive(r[0], sent.tokens))]
        role = role_of(toks)
        if role is not None:
            # "Russlands Verteidigungsminister", "die Bundesregierung Deutschlands": the
            # country says whose role it is; it is not the speaker's name
            runs = [r for r in runs if not (len(r) == 1 and sx.is_country(r[0].text))]
        if role is not None and runs and words and words[-1].i > runs[-1][-1].i and sx.compound_role(words[-1]):
            # "der ehemalige Siemens Österreich-Chef": the name before a closing compound role
            # says whose role it is
            runs = []
        nats = sx.nationalities(toks)
        via = "name"
        if not runs and (role is not None or (words and words[0].lower in {"einer", "eine", "eines"})):
            # "die Sprecherin des Ministeriums, Anna Berger", "Einer der Putschisten, Harouna Adamou"
            runs = _apposition_name(sent, lo, hi)
            via = "apposition"
        if runs:
            name = _run_name(sent, runs[-1])
            org = _organization_before(sent, lo, runs[-1], role)
            if org is not None:
                name = org
            if len(runs) >= 2 and any(t.lower == "und" for t in toks):
                name = " und ".join(sx.join_words(r) for r in runs)
            ent = self.entity_by_name(name) if len(runs) == 1 else None
            if ent is not None:
                return Resolved.of(ent, via, unknown_as="person", role=role[2] if role else None)
            kind = "country" if name in lexicons.countries() else ("person" if role is None or role[1] != "organization" else "organization")
            return Resolved(name, kind, role[2] if role else None, via=via)
        # a name the tagger took for a common noun ("ÖVP-Chef Mitterlehner")
        for t in reversed(words):
            if t.text[:1].isupper() and t.upos in {"NOUN", "X"} and lexicons.compound_match(t.text, lexicons.roles()) is None:
                ent = self.entity_by_name(t.text)
                if ent is not None and ent.kind in {"person", "organization", "unknown"}:
                    return Resolved.of(ent, "name", role=role[2] if role else None)
        first = words[0].lower if words else ""
        phrase = sx.name_of(sent, lo, hi)
        if role is not None and first not in INDEFINITE and role[1] in {"person", "anonymous"} and not (toks[-1].feats.get("Number") == "Plur" and role[1] != "person"):
            # "die Wissenschafter", "die Experten": the head noun is a plural
            head = next((t for t in words if t.upos in {"NOUN", "PROPN"}), words[-1])
            plural = inflection.gender(head, words[0] if first in DEFINITE else None) == "Plur"
            ent = self.described((sent_i, lo), (role[0], role[1], head.text) if role_of([head]) else role, nats, definite=first in DEFINITE, plural=plural)
            if ent is None and nats:
                # ... or the nearest person of that nationality
                ent = self.entities.nearest((sent_i, lo), [("nat", n) for n in sorted(nats)], lambda e: e.kind == "person")
            if ent is not None:
                return Resolved.of(ent, "description", unknown_as="person", role=role[2])
            if sent_i == 0:
                # a teaser describes the article's main person: the most mentioned one
                pers = [e for e in self.entities if e.kind == "person"]
                if pers:
                    ent = max(pers, key=lambda e: len(e.positions))
                    return Resolved(ent.name, "person", role[2], ent, "description")
        if first in DEFINITE and len(words) >= 2 and words[-1].upos == "NOUN" and all(t.upos == "ADJ" or t.xpos == "ADJA" for t in words[1:-1]):
            # "der Autohersteller" after "des japanischen Autoherstellers Nissan": the entity
            # that the same noun introduced
            keys = [("desc", k) for k in sorted({words[-1].lemma.lower(), words[-1].lower})]
            ent = self.entities.nearest((sent_i, lo), keys, lambda e: True, forward=False)
            if ent is None and lexicons.compound_match(words[-1].text, sx.g("company_noun")) is not None:
                ent = self._company_before((sent_i, lo))
            if ent is not None:
                return Resolved.of(ent, "description", unknown_as=role[1] if role else "organization", role=role[2] if role else None)
        singular = first in {"dem", "des"} or (first == "der" and not words[-1].lower.endswith("in")) or (first == "die" and words[-1].lower.endswith("in"))
        if singular and len(words) == 2 and (nat := _person_noun(words[1])) is not None:
            # "der 28-Jährige", "der Spanier", "die Salzburgerin": the person named shortly before
            # (of that nationality, if one is)
            ent = self._person_before((sent_i, lo), nat, message)
            if ent is not None:
                return Resolved.of(ent, "description", unknown_as="person")
        named = _name_after_role(words, role)
        if named is not None:
            ent = self.entity_by_name(named)
            if ent is not None:
                return Resolved.of(ent, "name", unknown_as=role[1], role=role[2])
            return Resolved(named, role[1] if role[1] not in {"anonymous", "unknown"} else "person", role[2], via="name")
        kind = "unknown"
        if role is not None:
            kind = role[1]
        if first in INDEFINITE:
            kind = "anonymous" if kind in {"unknown", "person", "anonymous"} else kind
        elif toks[-1].feats.get("Number") == "Plur" and kind in {"unknown", "person"}:
            kind = "group"
        if phrase in lexicons.countries():
            kind = "country"
        if first in INDEFINITE or phrase == sx.join_words(words[1:] if first in DEFINITE else words):
            # a description, not a name: in the nominative ("einem selbsternannten Mitglied"
            # -> "ein selbsternanntes Mitglied", "der Oberste Gerichtshof" -> "Oberster Gerichtshof")
            phrase = inflection.nominative(words) or phrase
        return Resolved(phrase, kind, role[2] if role else None)


def extends_description(longer: str, shorter: str) -> bool:
    """``longer`` describes the same source as ``shorter`` with a fuller head: the same
    words but a compound head ending in the other's ("ein selbsternanntes
    Anonymous-Mitglied" for "ein selbsternanntes Mitglied", "ein Polizeisprecher" for
    "ein Sprecher")."""
    lw, sw = longer.split(), shorter.split()
    if len(lw) != len(sw) or len(lw) < 2 or lw[:-1] != sw[:-1]:
        return False
    head, short = lw[-1], sw[-1]
    return len(head) - len(short) >= 2 and head.lower().endswith(short.lower())
