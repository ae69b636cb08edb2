from claims import lexicons
from claims.grammar import syntax as sx


def test_speech_verb_lexicon_is_large_and_classed():
    verbs = lexicons.speech_verbs()
    assert len(verbs) >= 100
    for lemma in ["sagen", "erklären", "betonen", "mitteilen", "warnen", "fordern", "bestätigen", "dementieren", "einräumen", "vorwerfen"]:
        assert lemma in verbs
    assert verbs["vorwerfen"].cls == "accusation"
    assert verbs["ausgehen"].correlate == "davon"


def test_compound_match_finds_heads_and_plurals():
    media = lexicons.media_nouns()
    assert lexicons.compound_match("Zeitungsbericht", media) == "zeitungsbericht"
    assert lexicons.compound_match("ORF-Report", media) == "report"
    assert lexicons.compound_match("Stellungnahmen", media) == "stellungnahme"
    assert lexicons.compound_match("Verteidigungsminister", lexicons.roles()) == "minister"
    assert lexicons.compound_match("Zusammenarbeit", media) is None
    # the ending test before the suffix search: plural and genitive endings, hyphens
    assert lexicons.compound_match("Zeitungsberichten", media) == "zeitungsbericht"
    assert lexicons.compound_match("Agenturberichts", media) == "bericht"
    assert lexicons.compound_match("Regierungs-Sprecherin", lexicons.roles()) == "sprecherin"


def test_prepositional_cues_longest_first():
    cues = lexicons.prepositional_cues()
    assert cues[0].words == ("nach", "eigenen", "angaben") or len(cues[0].words) >= 3
    assert [c.words for c in cues].index(("nach", "angaben")) < [c.words for c in cues].index(("laut",))


def test_grammar_classes():
    assert "sei" in sx.g("konj1") and "wäre" in sx.g("konj2") and "dass" in sx.g("complementizer")
