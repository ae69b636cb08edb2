from claims.rules.quotes import ending_at, find_quotes, starting_at


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
    assert starting_at(quotes, 2) == quotes[0] and ending_at(quotes, len(text)) == quotes[1]
    assert starting_at(quotes, 0) is None
