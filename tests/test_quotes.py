from claims.rules.quotes import find_quotes, strip_span


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


def test_strip_span():
    text = ' "Hallo Welt." '
    assert text[slice(*strip_span(text, 0, len(text), '"'))] == "Hallo Welt"
