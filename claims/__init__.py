"""claims: claim and source-attribution tracker for German news.

Library API (the CLI only wraps it)::

    import claims
    for claim in claims.extract_text("…, sagte der Minister dem Bericht zufolge."):
        print(claim.speaker, claim.message.text)
    claims.extract_text(text, analyzer="lite")  # no stanza model needed
"""

from __future__ import annotations

import os

from claims.document import DocumentError, SourceDocument, parse_text, read_document
from claims.models import Claim, DocumentResult

__version__ = "0.1.0"
__all__ = ["Claim", "DocumentError", "DocumentResult", "SourceDocument", "extract_file", "extract_text", "extract_documents", "get_analyzer"]


def get_analyzer(model_dir: str | os.PathLike | None = None, download: bool = True):
    """The shared stanza analyzer (loaded once per process and model directory)."""
    from claims.nlp.stanza import get_analyzer as _get

    return _get(model_dir, download=download)


def _resolve(analyzer, model_dir):
    """An analyzer object as given; "stanza", "lite" or "auto" as for ``--analyzer``
    (every sentence parsed: the prefilter pays off for batches); None: stanza."""
    if analyzer is None:
        return get_analyzer(model_dir)
    if isinstance(analyzer, str):
        if analyzer not in ("stanza", "lite", "auto"):
            raise ValueError(f"unknown analyzer {analyzer!r}: use 'stanza', 'lite' or 'auto'")
        from claims.batch import make_analyzer

        return make_analyzer(analyzer, model_dir, prefilter=False)
    return analyzer


def extract_text(text: str, *, path: str | None = None, model_dir: str | os.PathLike | None = None, analyzer=None) -> list[Claim]:
    """Claims in a German text (offsets into ``text`` unchanged). ``analyzer``: an
    analyzer object, or "stanza" (the default), "lite" or "auto"."""
    from claims.pipeline import extract_document

    analyzer = _resolve(analyzer, model_dir)
    return extract_document(parse_text(text, path=path), analyzer).claims


def extract_file(path: str | os.PathLike, *, model_dir: str | os.PathLike | None = None, analyzer=None) -> DocumentResult:
    """Claims in one UTF-8 text file; raises :class:`DocumentError` for bad input."""
    from claims.pipeline import extract_document

    analyzer = _resolve(analyzer, model_dir)
    return extract_document(read_document(path), analyzer)


def extract_documents(sources: list[SourceDocument], *, model_dir: str | os.PathLike | None = None, analyzer=None) -> list[DocumentResult]:
    """Claims for several documents, parsed in one batch."""
    from claims.pipeline import extract_documents as _many

    analyzer = _resolve(analyzer, model_dir)
    return _many(sources, analyzer)
