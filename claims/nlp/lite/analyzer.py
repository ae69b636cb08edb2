"""The lite analyzer: SoMaJo (tokens, sentences, offsets) and HanTa (STTS tags and
lemmas; its German model ships inside the wheel). No dependency parse and no
download: the rules fall back to surface patterns."""

from __future__ import annotations

import re
import threading
from collections.abc import Container
from functools import lru_cache

from claims.nlp.lite import hanta_fast, somajo_fast
from claims.nlp.model import ARABIC_ARTICLE, Sentence, Token
from claims.nlp.normalize import WEEKDAYS, join_colon_sentences, join_hyphen_compounds, renumber

STTS_UPOS = {
    "ADJA": "ADJ", "ADJD": "ADJ", "ADV": "ADV", "APPR": "ADP", "APPRART": "ADP", "APPO": "ADP", "APZR": "ADP",
    "ART": "DET", "CARD": "NUM", "FM": "X", "ITJ": "INTJ", "KOUI": "SCONJ", "KOUS": "SCONJ", "KON": "CCONJ", "KOKOM": "CCONJ",
    "NN": "NOUN", "NE": "PROPN", "PDS": "PRON", "PDAT": "DET", "PIS": "PRON", "PIAT": "DET", "PIDAT": "DET", "PPER": "PRON",
    "PPOSS": "PRON", "PPOSAT": "DET", "PRELS": "PRON", "PRELAT": "DET", "PRF": "PRON", "PWS": "PRON", "PWAT": "DET", "PWAV": "ADV",
    "PAV": "ADV", "PROAV": "ADV", "PTKZU": "PART", "PTKNEG": "PART", "PTKVZ": "ADP", "PTKANT": "PART", "PTKA": "PART",
    "TRUNC": "X", "VVFIN": "VERB", "VVIMP": "VERB", "VVINF": "VERB", "VVIZU": "VERB", "VVPP": "VERB", "VAFIN": "AUX", "VAIMP": "AUX",
    "VAINF": "AUX", "VAPP": "AUX", "VMFIN": "AUX", "VMINF": "AUX", "VMPP": "AUX", "XY": "X", "$,": "PUNCT", "$.": "PUNCT", "$(": "PUNCT",
}


def stts(tag: str) -> str:
    """HanTa writes 'VV(FIN)', 'ADJ(A)'; STTS is 'VVFIN', 'ADJA'. Its nouns from
    adjectives ('NNA': "Beamten", "Grünen") and its 'NNI' are plain nouns in STTS."""
    if tag.startswith("$"):
        return tag
    t = tag.replace("(", "").replace(")", "")
    return {"PROAV": "PAV", "NNA": "NN", "NNI": "NN"}.get(t, t)


_TAGS: dict[str, tuple[str, str]] = {}  # HanTa tag -> (STTS, UPOS)


def _tags(tag: str) -> tuple[str, str]:
    hit = _TAGS.get(tag)
    if hit is None:
        xpos = stts(tag)
        hit = _TAGS[tag] = (xpos, STTS_UPOS.get(xpos, "X"))
    return hit


_ALNUM = re.compile(r"[^\W_]")  # a letter or digit: what str.isalnum() takes


def _join_inner_dots(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """'ver' '.' 'di' written without spaces is one word."""
    dots = [t[0] for t in tokens].count(".")
    if dots == 0 or (dots == 1 and tokens[-1][0] == "."):
        return list(tokens)  # no full stop with a word after it
    out: list[tuple[str, int, int]] = []
    for tok in tokens:
        if len(out) >= 2 and out[-1][0] == "." and out[-1][1] == out[-2][2] and tok[1] == out[-1][2] and tok[0][:1].isalpha() and out[-2][0][-1:].isalpha() and out[-2][0][:1].islower():
            dot = out.pop()
            prev = out.pop()
            out.append((prev[0] + dot[0] + tok[0], prev[1], tok[2]))
            continue
        out.append(tok)
    return out


_CLAUSE_END = {",", ";", ":", "–", "—", "(", ")"}
_FINITE = {"VVFIN", "VAFIN", "VMFIN"}
_VERB_FINAL = {"KOUS", "PRELS", "PRELAT", "PWS", "PWAV", "PWAT"}
_QUOTES = set("„“”\"«»‚‘’›‹'")


# tags after which an inflected participle before a noun is attributive, never finite
_ATTRIBUTE_OPENERS = frozenset({"ART", "ADJA", "PPOSAT", "PDAT", "PIAT"})


def retag_attributive_participles(tokens: list[Token]) -> None:
    """HanTa tags an inflected participle between an article's noun and its own noun
    as a past tense when the form is one ("bestätigten mit der Angelegenheit vertraute
    Personen"). When the clause has its finite verb already, and no subordinate clause
    opens in between, such a word is the attributive adjective (ADJA) of the noun after it.
    So is one after an article or adjective, or after a number after one: no finite verb
    stands there ("bei drei Viertel der 121 angezeigten Taten")."""
    finite = False
    for k, x in enumerate(tokens):
        if x.text in _CLAUSE_END or x.xpos in _VERB_FINAL or x.text in _QUOTES:
            finite = False
            continue
        if x.xpos not in _FINITE:
            continue
        prev = tokens[k - 1] if k > 0 else None
        if (
            x.xpos == "VVFIN"
            and x.text[:1].islower()
            and x.text.endswith(("te", "ten", "ter", "tes", "tem"))
            and 0 < k < len(tokens) - 1
            and (
                (finite and prev.upos in {"NOUN", "PROPN"})
                or prev.xpos in _ATTRIBUTE_OPENERS
                or (prev.xpos == "CARD" and k > 1 and tokens[k - 2].xpos in _ATTRIBUTE_OPENERS)
            )
            and tokens[k + 1].upos == "NOUN"
            and tokens[k + 1].text[:1].isupper()
        ):
            x.xpos, x.upos, x.feats, x.lemma = "ADJA", "ADJ", {}, x.text
            continue
        finite = True


_CONTENT_OPENERS = frozenset({"dass", "ob"})


def retag_predicate_past_tense(tokens: list[Token]) -> None:
    """HanTa tags a past tense in -te/-ten as an attributive adjective when no noun follows
    ("80 Prozent befürworteten, dass …"). An attributive adjective never stands right
    before a comma and "dass"/"ob" or a colon, so there the word is the finite verb; its
    lemma is the stem with "-en" ("befürworteten" -> "befürworten")."""
    for k, x in enumerate(tokens[:-2]):
        if x.xpos != "ADJA" or not x.text[:1].islower() or not x.lower.endswith(("te", "ten")) or k == 0:
            continue
        nxt = tokens[k + 1]
        if not (nxt.text == ":" or (nxt.text == "," and tokens[k + 2].lower in _CONTENT_OPENERS)):
            continue
        stem = x.lower[: -3 if x.lower.endswith("ten") else -2]
        x.xpos, x.upos, x.feats, x.lemma = "VVFIN", "VERB", {"VerbForm": "Fin"}, stem + ("n" if stem.endswith("e") else "en")


_BIS_PREPOSITION_NEXT = frozenset({"APPR", "APPRART", "CARD", "ADV", "PAV"})


def retag_preposition_bis(tokens: list[Token]) -> None:
    """HanTa tags every "bis" as a conjunction; before a preposition, a number or an adverb
    it is a preposition ("Bis in die Abendstunden wurden …", "bis 2020", "bis heute"), and
    opens no subordinate clause."""
    for k, x in enumerate(tokens[:-1]):
        if x.lower == "bis" and x.xpos == "KON" and tokens[k + 1].xpos in _BIS_PREPOSITION_NEXT:
            x.xpos, x.upos = "APPR", "ADP"


def retag_lowercase_names(tokens: list[Token]) -> None:
    """HanTa may tag an inflected adjective of nationality it does not know as a name
    ("die mazedonischen Behörden"): a lower-case "name" with an adjective's ending before
    a capitalised noun is the attributive adjective (ADJA). A name with an Arabic article
    ("Zeid Raad al-Hussein") it may tag as a verb or noun: it is a name (NE)."""
    for k, x in enumerate(tokens):
        if x.xpos != "NE" and ARABIC_ARTICLE.match(x.text) and x.text[-1:].isalpha():
            x.xpos, x.upos, x.feats, x.lemma = "NE", "PROPN", {}, x.text
            continue
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if nxt is not None and x.xpos == "NE" and x.text[:1].islower() and x.text.isalpha() and x.text.endswith(("e", "en", "er", "es", "em")) and nxt.upos == "NOUN" and nxt.text[:1].isupper():
            x.xpos, x.upos, x.feats = "ADJA", "ADJ", {}


_OPENERS = {":", "–", "—", "-", "(", "[", "/"} | _QUOTES


# capitalised adjectives of adverbial phrases, no nouns: "des Weiteren", "im Übrigen"
_ADVERBIAL_ADJECTIVES = frozenset({"weiteren", "übrigen", "ganzen", "allgemeinen", "wesentlichen", "einzelnen", "folgenden"})


def retag_capitalized_words(tokens: list[Token], adverbs: Container[str] = ()) -> None:
    """A capitalised word inside a sentence is no verb or adverb, though HanTa may tag an
    unknown name or plural as one ("Bürgermeister Hans Moser" with "Moser" an imperative,
    "die beiden Sängerinnen" with an adverb; a known adverb stays, it may open a sentence
    the tokenizer did not split: "… Großfahndung Unterdessen ging …"): it becomes a name
    after a name, else a noun. After a colon, dash, bracket or quotation mark a verb may
    open a new segment ("– Will zu Asylnovelle …") and keeps its tag. A capitalised
    predicative adjective inside a sentence is a name ("sagte Kurz", "Außenminister Kurz")."""
    for k in range(1, len(tokens)):
        x = tokens[k]
        if not x.text[:1].isupper() or x.text.isupper() or tokens[k - 1].text in _OPENERS:
            continue
        if x.xpos[:1] == "V" or (x.xpos == "ADV" and x.lower not in adverbs):
            name = tokens[k - 1].xpos == "NE"
            x.xpos, x.upos, x.feats, x.lemma = ("NE", "PROPN", {}, x.text) if name else ("NN", "NOUN", {}, x.text)
        elif x.xpos == "ADJD" and tokens[k - 1].upos not in {"DET", "ADP"} and not x.lower.endswith(("isch", "deutsch")):
            # not "in der Früh", "auf Elsässisch", "spricht Kantonesisch"
            x.xpos, x.upos, x.feats, x.lemma = "NE", "PROPN", {}, x.text
        elif x.xpos == "ADJA" and tokens[k - 1].xpos in _ATTRIBUTE_OPENERS and (k + 1 == len(tokens) or tokens[k + 1].upos not in {"NOUN", "PROPN", "ADJ"}) and x.lower not in _ADVERBIAL_ADJECTIVES:
            # an adjective used as a noun: "vermutet der Sachverständige", "der Angeklagte sagte"
            x.xpos, x.upos, x.feats, x.lemma = "NN", "NOUN", {}, x.text


_NOUN_SUFFIXES = ("ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tät", "täten", "ion", "ionen", "ismus", "ist", "isten", "ler", "erin", "erinnen")


def retag_unknown_surnames(tokens: list[Token], lexicon: Container[str] = (), nouns: Container[str] = ()) -> None:
    """HanTa guesses a tag for a word its lexicon lacks; a surname after a first name
    becomes a noun or worse ("Mats Schönauer" a noun, "Gitta Trauernicht" a negation).
    A capitalised word HanTa does not know, right after a name, is a name too, unless it
    is a compound of a known noun ("Angela Merkel Regierungsvertreter")."""
    for k in range(1, len(tokens)):
        x, prev = tokens[k], tokens[k - 1]
        if prev.xpos != "NE" or not prev.text[:1].isupper() or x.xpos == "NE" or not x.text[:1].isupper() or x.text.isupper() or not x.text.isalpha():
            continue
        low = x.text.lower()
        if low in lexicon or low.endswith(_NOUN_SUFFIXES) or low.startswith(WEEKDAYS):
            continue  # "Bereinigungen", "Montagmittag"
        if k + 1 < len(tokens) and tokens[k + 1].xpos == "NE":
            continue  # a role before a name: "Österreichs Energieregulator Walter Boltz"
        if low[-5:] in nouns or any(low[-n:] in lexicon for n in range(6, len(low) - 2)):
            continue  # a compound of a known word: "Wirtschaftsdelegierter", "Teamkicker"
        x.xpos, x.upos, x.feats, x.lemma = "NE", "PROPN", {}, x.text


def _known_words(tagger, tag: str, only: bool = False) -> frozenset[str]:
    """Word forms HanTa's lexicon knows with ``tag`` (lower case); with ``only``, the
    forms it knows with no other tag."""
    code = getattr(tagger, "tag2int", {}).get(tag)
    test = all if only else any
    return frozenset(w for w, tags in (getattr(tagger, "cache", None) or {}).items() if test(t == code for t, _ in tags))


def _known_adverbs(tagger) -> frozenset[str]:
    """Word forms HanTa's lexicon knows as adverbs (lower case)."""
    return _known_words(tagger, "ADV")


def _lines(text: str) -> list[tuple[int, str]]:
    """(start, line) for every line of ``text`` with something on it."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def _found_in(sentences, line: str, a: int) -> list[list[tuple[str, int, int]]] | None:
    """SoMaJo's sentences of ``line`` as (token, start, end), with offsets from ``a``;
    None when a token is not in the line as it stands (SoMaJo changed it)."""
    out = []
    pos = 0
    for s in sentences:
        toks = []
        for t in s:
            word = t.text
            k = line.find(word, pos)
            if k < 0 or (k > pos and not line[pos:k].isspace()):
                return None
            pos = k + len(word)
            toks.append((word, a + k, a + pos))
        out.append(toks)
    return out


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """SoMaJo's German abbreviations as written, and lower-cased."""
    from importlib import resources

    text = resources.files("somajo").joinpath("data", "abbreviations_de.txt").read_text(encoding="utf-8")
    words = {w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")}
    return frozenset(words), frozenset(w.lower() for w in words)


def split_false_abbreviations(sentences: list[list[tuple[str, int, int]]]) -> list[list[tuple[str, int, int]]]:
    """SoMaJo matches its abbreviations without regard to case, so a surname that is one
    in another case ("Berger." for "BerGer.") keeps its full stop and the sentence runs
    on ("… sagte Berger. Die Maut …"). Such a word before a capitalised one, or at the
    end of its line, is split from its full stop, which ends the sentence."""
    exact, lower = _abbreviations()
    out: list[list[tuple[str, int, int]]] = []
    for sent in sentences:
        cur: list[tuple[str, int, int]] = []
        for k, (word, a, b) in enumerate(sent):
            nxt = sent[k + 1][0] if k + 1 < len(sent) else ""
            if len(word) > 3 and word.endswith(".") and word[:-1].isalpha() and word[:1].isupper() and word not in exact and word.lower() in lower and (not nxt or nxt[:1].isupper()):
                cur += [(word[:-1], a, b - 1), (".", b - 1, b)]
                out.append(cur)
                cur = []
                continue
            cur.append((word, a, b))
        if cur:
            out.append(cur)
    return out


class LiteAnalyzer:
    has_ner = False

    def __init__(self) -> None:
        from HanTa import HanoverTagger as ht
        from somajo import SoMaJo

        # offsets are found by a plain search through the text (SoMaJo's own alignment
        # costs a tenth of its time); a text where that fails goes through SoMaJo's
        self._tok = SoMaJo("de_CMC", split_camel_case=False, character_offsets=False)
        self._tok_offsets = None
        self._tagger = ht.HanoverTagger("morphmodel_ger.pgz")
        self._viterbi = hanta_fast.speed_up(self._tagger)
        self.compiled = getattr(self._tagger, "_compiled", None) is not None  # HanTa's C search runs
        somajo_fast.speed_up(getattr(self._tok, "_tokenizer", None))
        self._lock = threading.Lock()
        self._adverbs = _known_adverbs(self._tagger)
        self._lexicon = getattr(self._tagger, "cache", None) or {}  # word forms HanTa knows (lower case)
        self._nouns = _known_words(self._tagger, "NN", only=True)

    def _tokenize(self, text: str) -> list[list[tuple[str, int, int]]]:
        """Sentences of (token, start, end) with offsets into ``text``. Every line is a
        paragraph of its own: a sentence never runs across a line break (a subheading
        has no full stop; stanza's tokenizer ends the sentence there too). Tokens are
        found in the line as SoMaJo gives them; a line where SoMaJo changed a token is
        tokenized again with SoMaJo's own (slower) character alignment."""
        out = []
        with self._lock:
            for a, line in _lines(text):
                sents = _found_in(self._tok.tokenize_text([line]), line, a)
                out.extend(split_false_abbreviations(sents if sents is not None else self._tokenize_aligned(line, a)))
        return out

    def _tokenize_aligned(self, line: str, a: int) -> list[list[tuple[str, int, int]]]:
        from somajo import SoMaJo

        if self._tok_offsets is None:
            self._tok_offsets = SoMaJo("de_CMC", split_camel_case=False, character_offsets=True)
            somajo_fast.speed_up(getattr(self._tok_offsets, "_tokenizer", None))
        return [[(t.text, a + t.character_offset[0], a + t.character_offset[1]) for t in s] for s in self._tok_offsets.tokenize_text([line])]

    def _tagged(self, toks: list[tuple[str, int, int]]) -> list[Token]:
        """Tokens with STTS tags (and verb lemmas) for (word, start, end) triples."""
        tags = self._tag([t[0] for t in toks])
        tokens = []
        for i, ((word, a, b), (lemma, tag)) in enumerate(zip(toks, tags, strict=True)):
            xpos, upos = _tags(tag)
            if not word.isalnum() and _ALNUM.search(word) is None:
                upos = "PUNCT"
            elif xpos == "FM" and word[:1].isupper():
                upos = "PROPN"  # a foreign name ("France Football", "New York Times"), as stanza has it
            feats = {"VerbForm": "Fin"} if xpos.endswith("FIN") else {}
            tokens.append(Token(i, word, a, b, lemma if lemma and lemma != "--" else word, upos, xpos, feats, -1, ""))
        retag_capitalized_words(tokens, self._adverbs)
        retag_attributive_participles(tokens)
        retag_predicate_past_tense(tokens)
        retag_preposition_bis(tokens)
        retag_lowercase_names(tokens)
        retag_unknown_surnames(tokens, self._lexicon, self._nouns)
        return tokens

    def _sentences(self, text: str) -> list[Sentence]:
        out: list[Sentence] = []
        for k, s in enumerate(self._tokenize(text)):
            toks = _join_inner_dots(s)
            if toks:
                out.append(Sentence(index=k, tokens=join_hyphen_compounds(self._tagged(toks))))
        return renumber(join_colon_sentences(out, text), text)

    def analyze_pretokenized(self, sentences: list[list[str]]) -> tuple[str, list[Sentence]]:
        """Tag pre-tokenised sentences; token ``i`` of sentence ``k`` stays token ``i``
        (nothing is joined). Returns the text (tokens and sentences joined by single
        spaces) and the sentences, with offsets into it, as the stanza analyzer does."""
        out: list[Sentence] = []
        pos, first = 0, True
        for k, sent in enumerate(sentences):
            toks = []
            for word in sent:
                if not first:
                    pos += 1
                first = False
                toks.append((word, pos, pos + len(word)))
                pos += len(word)
            out.append(Sentence(index=k, tokens=self._tagged(toks) if toks else []))
        text = " ".join(w for sent in sentences for w in sent)
        return text, out

    def _tag(self, words: list[str]) -> list[tuple[str, str]]:
        """STTS tag for every word; the lemma (HanTa's costly morphological analysis)
        only for verbs, which the cue rules look up by lemma. Other words keep their form,
        which is what the rules compare for them."""
        tagger = self._tagger
        if not all(hasattr(tagger, a) for a in ("tag_sent_viterbi", "int2tag", "tag2int", "_analyze")):
            return [(lemma, tag) for _, lemma, tag in tagger.tag_sent(words, taglevel=1)]  # another HanTa version
        tags = [tagger.int2tag[x] for x in (self._viterbi or tagger.tag_sent_viterbi)(words)]
        out = []
        for w, tag in zip(words, tags, strict=True):
            if tag.startswith(("VV", "VA", "VM")):
                lemma = tagger._analyze(w, tagger.tag2int[tag], 1)[0]  # taglevel 1
            else:
                lemma = w
            out.append((lemma, tag))
        return out

    def analyze_many(self, texts: list[str]) -> list[list[Sentence]]:
        return [self._sentences(t) for t in texts]


_SHARED: list[LiteAnalyzer] = []


def get_lite_analyzer() -> LiteAnalyzer:
    if not _SHARED:
        _SHARED.append(LiteAnalyzer())
    return _SHARED[0]
