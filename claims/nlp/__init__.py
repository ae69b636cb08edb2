"""The NLP layer: our own small sentence/token model and the analyzers that fill it.

Nothing outside this package imports stanza.
"""

from claims.nlp.model import ParsedDoc, Sentence, Token

__all__ = ["ParsedDoc", "Sentence", "Token"]
