"""The lite analyzer: SoMaJo (tokens, sentences, offsets) and HanTa (STTS tags and
lemmas; its German model ships inside the wheel). No dependency parse and no
download: the rules fall back to surface patterns."""

from __future__ import annotations

import threading

from claims.nlp.model import Sentence, Token
from claims.nlp.normalize import join_colon_sentences, join_hyphen_compounds

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
    """HanTa writes 'VV(FIN)', 'ADJ(A)'; STTS is 'VVFIN', 'ADJA'."""
    t = tag.replace("(", "").replace(")", "")
    return {"PROAV": "PAV"}.get(t, t)


def _join_inner_dots(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """'ver' '.' 'di' written without spaces is one word."""
    out: list[tuple[str, int, int]] = []
    for tok in tokens:
        if len(out) >= 2 and out[-1][0] == "." and out[-1][1] == out[-2][2] and tok[1] == out[-1][2] and tok[0][:1].isalpha() and out[-2][0][-1:].isalpha() and out[-2][0][:1].islower():
            dot = out.pop()
            prev = out.pop()
            out.append((prev[0] + dot[0] + tok[0], prev[1], tok[2]))
            continue
        out.append(tok)
    return out


class LiteAnalyzer:
    prefilter = False  # tagging is cheap; every sentence is analyzed
    has_ner = False

    def __init__(self) -> None:
        from HanTa import HanoverTagger as ht
        from somajo import SoMaJo

        self._tok = SoMaJo("de_CMC", split_camel_case=False, character_offsets=True)
        self._tagger = ht.HanoverTagger("morphmodel_ger.pgz")
        self._lock = threading.Lock()

    def _sentences(self, text: str) -> list[Sentence]:
        out: list[Sentence] = []
        paragraph = 0
        prev_end = None
        with self._lock:
            raw = list(self._tok.tokenize_text([text]))
        for k, s in enumerate(raw):
            toks = _join_inner_dots([(t.text, t.character_offset[0], t.character_offset[1]) for t in s])
            if not toks:
                continue
            tags = self._tagger.tag_sent([t[0] for t in toks], taglevel=1)
            tokens = []
            for i, ((word, a, b), (_, lemma, tag)) in enumerate(zip(toks, tags, strict=True)):
                xpos = stts(tag)
                upos = STTS_UPOS.get(xpos, "X")
                if not any(ch.isalnum() for ch in word):
                    upos = "PUNCT"
                feats = {"VerbForm": "Fin"} if xpos.endswith("FIN") else {}
                tokens.append(Token(i, word, a, b, lemma if lemma and lemma != "--" else word, upos, xpos, feats, -1, ""))
            tokens = join_hyphen_compounds(tokens)
            if prev_end is not None and "\n" in text[prev_end : tokens[0].start]:
                paragraph += 1
            prev_end = tokens[-1].end
            out.append(Sentence(index=k, tokens=tokens, paragraph=paragraph))
        out = join_colon_sentences(out, text)
        return out

    def analyze_many(self, texts: list[str]) -> list[list[Sentence]]:
        return [self._sentences(t) for t in texts]


_SHARED: list[LiteAnalyzer] = []


def get_lite_analyzer() -> LiteAnalyzer:
    if not _SHARED:
        _SHARED.append(LiteAnalyzer())
    return _SHARED[0]
