from hypothesis import given, settings
from hypothesis import strategies as st

from claims.rules.quotes import find_quotes


def test_german_and_straight_quotes():
    text = 'Er sagte: „Wir kommen.“ Sie sagte: "Nein." Und «so» und »hier«.'
    quotes = [text[q.start : q.end] for q in find_quotes(text)]
    assert quotes == ["„Wir kommen.“", '"Nein."', "«so»", "»hier«"]


def test_quote_over_several_sentences_and_inner():
    text = '"Erster Satz. Zweiter Satz", sagte Schoigu.'
    (q,) = find_quotes(text)
    assert text[q.inner[0] : q.inner[1]] == "Erster Satz. Zweiter Satz"


def test_unclosed_quote_stops_at_paragraph():
    text = 'Er sagte "offen\n\nNeuer Absatz "zu".'
    assert [text[q.start : q.end] for q in find_quotes(text)] == ['"zu"']


def test_lookups_by_mark_position():
    text = 'A "b" c "d"'
    quotes = find_quotes(text)
    assert quotes.starting_at(2) == quotes[0] and quotes.ending_at(len(text)) == quotes[1]
    assert quotes.starting_at(0) is None


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet='ab „“"«»\n.', max_size=60), st.integers(-2, 62), st.integers(-2, 62))
def test_lookups_agree_with_a_pass_over_every_quote(text, a, b):
    """The bisecting lookups give what a pass over all quotations would."""
    quotes = find_quotes(text)
    qs = list(quotes)
    assert all(x.end <= y.start for x, y in zip(qs, qs[1:], strict=False))  # in order, none overlapping
    assert quotes.around(a) == next((q for q in qs if q.start < a < q.end), None)
    enclosing = [q for q in qs if q.start <= a and b <= q.end]
    assert (quotes.enclosing(a, b) is None) == (not enclosing) and (not enclosing or quotes.enclosing(a, b) in enclosing)
    assert quotes.within(a, b) == [q for q in qs if a <= q.start and q.end <= b]
    assert quotes.starting_at(a) == next((q for q in qs if q.start == a), None)
    assert quotes.ending_at(b) == next((q for q in qs if q.end == b), None)
