"""The lite analyzer: SoMaJo tokens and sentences, HanTa STTS tags and verb lemmas; no
parse and no download (:mod:`claims.nlp.lite.analyzer`). ``somajo_fast`` and
``hanta_fast`` make both libraries faster with their own results."""

from claims.nlp.lite.analyzer import LiteAnalyzer, get_lite_analyzer
from claims.nlp.lite.hanta_fast import compiled_available

__all__ = ["LiteAnalyzer", "compiled_available", "get_lite_analyzer"]
