"""Canonical names in the nominative (claims/grammar/inflection.py), on phrases from news
sentences, with the lite analyzer (no morphology) and with stanza."""

import pytest

from claims.grammar.inflection import nominative


def _phrase(analyzer, sentence: str, phrase: str) -> list:
    (sent,) = analyzer.analyze_many([sentence])[0]
    a = sentence.index(phrase)
    b = a + len(phrase)
    return [t for t in sent.tokens if a <= t.start and t.end <= b]


CASES = [
    # sentence, phrase, nominative
    ("Das teilte ein Sprecher des bahrainischen Innenministeriums mit.", "des bahrainischen Innenministeriums", "bahrainisches Innenministerium"),
    ("Das steht in einem vertraulichen Papier des BND.", "einem vertraulichen Papier des BND", "ein vertrauliches Papier des BND"),
    ("Er wird vom Internationalen Strafgerichtshof gesucht.", "vom Internationalen Strafgerichtshof", "Internationaler Strafgerichtshof"),
    ("Das erklärte der Oberste Gerichtshof in Pretoria am Sonntag.", "der Oberste Gerichtshof in Pretoria", "Oberster Gerichtshof in Pretoria"),
    ("Das sagte er einem selbsternannten Mitglied.", "einem selbsternannten Mitglied", "ein selbsternanntes Mitglied"),
    ("Das sagte er einer internen Quelle.", "einer internen Quelle", "eine interne Quelle"),
    ("Das sagte der Anwalt eines leitenden Beamten.", "eines leitenden Beamten", "ein leitender Beamter"),
    ("Das berichteten die britischen Forscher.", "die britischen Forscher", "britische Forscher"),
    ("Das berichtete die britische Regierung.", "die britische Regierung", "britische Regierung"),
    ("Das sagten die Wiener Grünen.", "die Wiener Grünen", "Wiener Grünen"),
    ("Das zeigen ersten Erkenntnissen zufolge die Daten.", "ersten Erkenntnissen", "ersten Erkenntnissen"),
    # without an article: "-er" before a feminine noun and "-em" are oblique
    ("Das ist laut österreichischer Erhebung so.", "österreichischer Erhebung", "österreichische Erhebung"),
    ("Das ist laut deutschem Innenministerium so.", "deutschem Innenministerium", "deutsches Innenministerium"),
    # an extended attribute is no part of the name
    ("Das zeigt ein Gutachten der im Sozialministerium angesiedelten Pensionskommission.", "der im Sozialministerium angesiedelten Pensionskommission", "Pensionskommission"),
    ("Das sagte ein im Exil lebender Oppositioneller.", "ein im Exil lebender Oppositioneller", "ein Oppositioneller"),
]


@pytest.mark.parametrize("sentence, phrase, expected", CASES)
def test_nominative_with_the_lite_analyzer(sentence, phrase, expected):
    from claims.nlp.lite import get_lite_analyzer

    assert nominative(_phrase(get_lite_analyzer(), sentence, phrase)) == expected


@pytest.mark.slow
@pytest.mark.parametrize("sentence, phrase, expected", CASES)
def test_nominative_with_stanza(sentence, phrase, expected, analyzer):
    assert nominative(_phrase(analyzer, sentence, phrase)) == expected


def test_an_outlet_name_drops_the_indefinite_article():
    from claims.nlp.lite import get_lite_analyzer

    toks = _phrase(get_lite_analyzer(), "Das stand in einem britischen Zeitungsbericht.", "einem britischen Zeitungsbericht")
    assert nominative(toks, keep_indefinite=False) == "britischer Zeitungsbericht"
