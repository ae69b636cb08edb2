"""stanza-based analyzer: loads the German pipeline once and converts its output."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from claims.nlp.model import Sentence, Token
from claims.nlp.normalize import join_colon_sentences, join_hyphen_compounds, renumber, split_at_line_breaks

ENV_VAR = "CLAIMS_STANZA_DIR"
BASE_PROCESSORS = "tokenize,mwt,pos,lemma,depparse"


class ModelNotFoundError(RuntimeError):
    """No stanza model could be found or downloaded."""


def default_model_dir() -> Path:
    """Where stanza keeps its models unless told otherwise."""
    env = os.environ.get("STANZA_RESOURCES_DIR")
    return Path(env) if env else Path.home() / "stanza_resources"


def resolve_model_dir(model_dir: str | os.PathLike | None = None) -> Path:
    """``--model-dir`` wins, then ``$CLAIMS_STANZA_DIR``, then stanza's default location."""
    if model_dir:
        return Path(model_dir)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    return default_model_dir()


def model_present(path: Path, lang: str = "de") -> bool:
    return (path / "resources.json").is_file() and (path / lang).is_dir()


def _feats(s: str | None) -> dict[str, str]:
    if not s:
        return {}
    out = {}
    for part in s.split("|"):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k] = v
    return out


BATCH_WORDS = 200  # words per parser/lemmatizer/NER batch: the parser's scorer needs ~0.25 MB per batch word
POS_BATCH_WORDS = 30  # the tagger's working memory grows fast with its batch (100 words: +110 MB, 30: +1 MB), at no cost in speed
MAX_PIECE = 6000  # characters of text given to stanza at once


def paragraph_pieces(text: str, limit: int = MAX_PIECE) -> list[tuple[int, int]]:
    """Split ``text`` at paragraph breaks into pieces of at most ``limit`` characters
    (a single longer paragraph stays whole); short texts are one piece."""
    if len(text) <= limit:
        return [(0, len(text))]
    out: list[tuple[int, int]] = []
    start = 0
    cut = 0
    pos = text.find("\n\n")
    while pos != -1:
        if pos - start > limit and cut > start:
            out.append((start, cut))
            start = cut
        cut = pos
        pos = text.find("\n\n", pos + 2)
    if len(text) - start > limit and cut > start:
        out.append((start, cut))
        start = cut
    out.append((start, len(text)))
    return out


class StanzaAnalyzer:
    """Wraps one stanza pipeline. Use :func:`get_analyzer` to share it per process."""

    def __init__(self, model_dir: str | os.PathLike | None = None, download: bool = True):
        import stanza  # local import: only this module touches stanza

        self.model_dir = resolve_model_dir(model_dir)
        if not model_present(self.model_dir):
            if not download:
                raise ModelNotFoundError(self._missing_message())
            try:
                stanza.download("de", model_dir=str(self.model_dir))
            except Exception as exc:  # network errors come in many types
                raise ModelNotFoundError(f"{self._missing_message()} (download failed: {exc})") from exc
        processors = BASE_PROCESSORS
        if (self.model_dir / "de" / "ner").is_dir():
            processors += ",ner"
        self.has_ner = "ner" in processors
        logging.getLogger("stanza").setLevel(logging.WARNING)
        # bounded batches keep peak memory flat over long runs (the largest batch sets the peak)
        kwargs = dict(
            dir=str(self.model_dir), download_method=None, processors=processors, logging_level="WARN",
            pos_batch_size=POS_BATCH_WORDS, depparse_batch_size=BATCH_WORDS, lemma_batch_size=BATCH_WORDS, ner_batch_size=BATCH_WORDS,
        )
        self._pipe = stanza.Pipeline("de", **kwargs)
        self._pretok = None
        self._kwargs = kwargs
        self._lock = threading.Lock()

    def _missing_message(self) -> str:
        return (
            f"no German stanza model in {self.model_dir}; pass --model-dir or set {ENV_VAR} "
            "to a directory with stanza's German models"
        )

    # -- conversion -------------------------------------------------------------
    @staticmethod
    def _convert(stanza_sentences, offset: int, text: str | None, first_index: int = 0, raw: bool = True) -> list[Sentence]:
        out: list[Sentence] = []
        for k, s in enumerate(stanza_sentences):
            tokens: list[Token] = []
            for tok in s.tokens:
                ts = tok.start_char if tok.start_char is not None else None
                te = tok.end_char if tok.end_char is not None else None
                ner = getattr(tok, "ner", None) or "O"
                for w in tok.words:
                    ws = w.start_char if getattr(w, "start_char", None) is not None else ts
                    we = w.end_char if getattr(w, "end_char", None) is not None else te
                    if len(tok.words) > 1:
                        ws, we = ts, te
                    tokens.append(
                        Token(
                            i=len(tokens),
                            text=w.text,
                            start=(ws or 0) + offset,
                            end=(we or 0) + offset,
                            lemma=w.lemma or w.text,
                            upos=w.upos or "",
                            xpos=w.xpos or "",
                            feats=_feats(w.feats),
                            head=(w.head - 1) if w.head else -1,
                            deprel=w.deprel or "",
                            ner=ner,
                        )
                    )
            if not tokens:
                continue
            if raw:
                tokens = join_hyphen_compounds(tokens)
            out.append(Sentence(index=first_index + k, tokens=tokens))
        if raw and text is not None:
            out = join_colon_sentences(split_at_line_breaks(out, text), text, unended=True)
        return out

    # -- public API ---------------------------------------------------------------
    def analyze_many(self, texts: list[str]) -> list[list[Sentence]]:
        """Parse several texts in one batch (offsets relative to each text). Parsing
        only where the claims are is :class:`claims.prefilter.FocusedAnalyzer`'s job."""
        # long texts go in paragraph-sized pieces (sentences never cross a paragraph), so the
        # tokenizer's memory does not grow with the longest article of a run
        return self.analyze_spans(texts, [(ti, a, b) for ti, t in enumerate(texts) for a, b in paragraph_pieces(t)])

    def analyze_spans(self, texts: list[str], jobs: list[tuple[int, int, int]]) -> list[list[Sentence]]:
        """Parse only the stretches ``(text index, start, end)``, in one batch; each text
        gets the sentences of its stretches in order, with offsets into the whole text.
        A stretch should start and end at sentence boundaries."""
        import stanza

        docs = [stanza.Document([], text=texts[ti][a:b]) for ti, a, b in jobs]
        with self._lock:
            done = self._pipe(docs) if docs else []
        out: list[list[Sentence]] = [[] for _ in texts]
        for (ti, a, _b), d in zip(jobs, done, strict=True):
            out[ti].extend(self._convert(d.sentences, a, texts[ti]))
        for t, sents in zip(texts, out, strict=True):
            renumber(sents, t)
        return out

    def analyze_pretokenized(self, sentences: list[list[str]]) -> tuple[str, list[Sentence]]:
        """Parse pre-tokenised sentences; token ``i`` of sentence ``k`` stays token ``i``.

        Returns the text (tokens and sentences joined by single spaces) and the
        sentences, with offsets into that text.
        """
        import stanza

        if self._pretok is None:
            procs = self._kwargs["processors"].replace("mwt,", "")
            self._pretok = stanza.Pipeline("de", tokenize_pretokenized=True, **{**self._kwargs, "processors": procs})
        pieces, offsets, pos = [], [], 0
        for sent in sentences:
            row = []
            for tok in sent:
                if pieces:
                    pos += 1
                row.append((pos, pos + len(tok)))
                pieces.append(tok)
                pos += len(tok)
            offsets.append(row)
        text = " ".join(pieces)
        nonempty = [s for s in sentences if s]
        with self._lock:
            doc = self._pretok(nonempty) if nonempty else None
        out: list[Sentence] = []
        parsed = iter(self._convert(doc.sentences, 0, None, raw=False)) if doc is not None else iter(())
        for k, sent in enumerate(sentences):
            if not sent:
                out.append(Sentence(index=k, tokens=[]))
                continue
            s = next(parsed)
            s.index = k
            for t, (a, b) in zip(s.tokens, offsets[k], strict=True):
                t.start, t.end = a, b
            out.append(s)
        return text, out


_SHARED: dict[str, StanzaAnalyzer] = {}


def get_analyzer(model_dir: str | os.PathLike | None = None, download: bool = True) -> StanzaAnalyzer:
    """One analyzer per model directory and process."""
    key = str(resolve_model_dir(model_dir))
    if key not in _SHARED:
        _SHARED[key] = StanzaAnalyzer(model_dir, download=download)
    return _SHARED[key]
