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
