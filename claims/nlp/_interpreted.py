"""Code that runs faster as plain Python than compiled by Cython, kept out of
``claims._compiled.MODULES`` on purpose.

Storing attributes on an instance of a slots class is one specialised bytecode each for
CPython 3.11, but a generic ``setattr`` call from Cython code; a constructor that does
little else takes twice as long compiled (870 against 390 ns per token).
"""

from __future__ import annotations


def token_init(self, i: int, text: str, start: int, end: int, lemma: str = "", upos: str = "", xpos: str = "", feats: dict[str, str] | None = None, head: int = -1, deprel: str = "", ner: str = "O") -> None:
    """``claims.nlp.model.Token.__init__``: the dataclass's own with the same fields
    (``feats`` a new dict by default) and ``lower`` set at once, without the second call
    a ``__post_init__`` costs."""
    self.i = i
    self.text = text
    self.start = start
    self.end = end
    self.lemma = lemma
    self.upos = upos
    self.xpos = xpos
    self.feats = {} if feats is None else feats
    self.head = head
    self.deprel = deprel
    self.ner = ner
    self.lower = text.lower()
