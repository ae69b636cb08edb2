"""ParsedDoc's lookups by offset agree with a pass over every sentence."""

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.nlp.model import ParsedDoc, Sentence, Token


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(1, 6)), min_size=1, max_size=12), st.integers(-1, 80))
def test_sentence_lookups_agree_with_a_pass(gaps_and_lengths, offset):
    sents, pos = [], 0
    for k, (gap, length) in enumerate(gaps_and_lengths):
        pos += gap
        sents.append(Sentence(index=k, tokens=[Token(0, "x" * length, pos, pos + length)]))
        pos += length
    doc = ParsedDoc("x" * pos, sents)
    assert doc.sentence_at(offset) is next((s for s in sents if s.start <= offset < s.end + 1), None)
    assert doc.sentences_before(offset) == sum(1 for s in sents if s.start < offset)


def _sentences(text: str, cuts: list[int]):
    """Sentences over whitespace tokens of ``text``, cut before the token numbers in ``cuts``."""
    import re

    from claims.nlp.model import Sentence, Token

    words = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    out, cur = [], []
    for k, (w, a, b) in enumerate(words):
        if k in cuts and cur:
            out.append(Sentence(index=len(out), tokens=cur))
            cur = []
        cur.append(Token(len(cur), w, a, b, upos="PUNCT" if not w[0].isalnum() else "NOUN"))
    out.append(Sentence(index=len(out), tokens=cur))
    return out


def test_a_sentence_cut_where_no_punctuation_ends_it_is_joined_again():
    from claims.nlp.normalize import join_colon_sentences

    # stanza's compact model cuts "berichtet die Zeitung | Die Welt." in two
    text = "Der Jet wurde gepfändet, berichtet die Zeitung Die Welt. Der Grund: Die Linie zahlte nicht."
    cut = _sentences(text, [8, 11])
    joined = join_colon_sentences(cut, text, unended=True)
    assert [text[s.start : s.end] for s in joined] == ["Der Jet wurde gepfändet, berichtet die Zeitung Die Welt.", "Der Grund: Die Linie zahlte nicht."]
    assert [t.i for t in joined[0].tokens] == list(range(len(joined[0].tokens)))
    # a line break still ends a sentence (a title without a full stop)
    text2 = "Neue Zahlen\nDie Zahl stieg."
    assert len(join_colon_sentences(_sentences(text2, [2]), text2, unended=True)) == 2
