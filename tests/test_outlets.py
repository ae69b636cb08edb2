"""Outlets as channels (claims/resolve/outlets.py): documents and their authors, anaphoric
and bare mentions, on sentences from German news (lite analyzer; the slow tier repeats
them with stanza)."""

import pytest

from claims.document import parse_text
from claims.pipeline import extract_document

PAPIER = (
    "Die Operation lief zwischen 2004 und 2006. Dabei wurden die Audiodaten abgehörter Gespräche direkt nach USA "
    "geroutet, wie es in einem vertraulichen Papier des BND heißt."
)
STATISTIK = (
    "Im vergangenen Jahr hat es 1.031 Angriffe auf Flüchtlingsheime gegeben. Das geht aus einer Erhebung des "
    "Bundeskriminalamts (BKA) hervor. Der Statistik zufolge hatten 901 der Taten einen rechtsradikalen Hintergrund."
)
AUSSENDUNG = (
    "Außenminister Sebastian Kurz (ÖVP) hat das Urteil als Unrecht bezeichnet. Wir werden nicht locker lassen, sagte Kurz "
    "laut einer Aussendung am Sonntag."
)
BERICHT = (
    "Microsoft hat einen neuen Dienst gestartet, berichtet Myce.com. Der Dienst basiert laut Bericht auf Docs for "
    "Facebook, sei nun aber von Grund auf neu aufgebaut worden."
)
ZEITUNG = (
    "Gerichtsvollzieher Gerhard G. machte sich vergangene Woche auf den Weg, um einen Jet zu beschlagnahmen, berichtet "
    "die Zeitung Die Welt. An das von Kunden eingeschaltete Fluggastrechte-Portal Flightright floss kein Geld. Der "
    "Flughafen informierte die Gesellschaft von der bevorstehenden Pfändung, worauf diese ihre Schulden beglich, "
    "berichtet die Zeitung."
)
SURNAME = "Die Verfassung verbiete das, sagte der frühere Präsident des Verfassungsgerichts, Hans-Jürgen Papier."


def _claim(text: str, start: str, analyzer):
    claims = extract_document(parse_text(text), analyzer).claims
    (c,) = [c for c in claims if c.message.text.startswith(start)]
    return c


def _lite():
    from claims.nlp.lite import get_lite_analyzer

    return get_lite_analyzer()


CASES = [
    # text, message start, speaker, outlet names
    (PAPIER, "Dabei wurden", "BND", ["vertrauliches Papier des BND"]),
    (STATISTIK, "hatten 901 der Taten", "BKA", ["Statistik"]),
    (AUSSENDUNG, "Wir werden", "Sebastian Kurz", ["Aussendung"]),
    (BERICHT, "Der Dienst basiert", "Myce.com", ["Myce.com"]),
    # "die Zeitung" is the newspaper named with that noun, not the portal named since
    (ZEITUNG, "Der Flughafen", "Die Welt", ["Die Welt"]),
]


def _check(analyzer, text, start, speaker, outlets):
    c = _claim(text, start, analyzer)
    assert c.speaker is not None and c.speaker.name == speaker
    assert [o.name for o in c.outlets] == outlets


@pytest.mark.parametrize("text, start, speaker, outlets", CASES)
def test_a_document_is_the_channel_and_its_author_the_speaker(text, start, speaker, outlets):
    # a paper or press release names its author after it, before it ("eine Erhebung des
    # BKA … Der Statistik zufolge") or is the speaker's own; a bare "laut Bericht" is the
    # report of the outlet named before
    _check(_lite(), text, start, speaker, outlets)


@pytest.mark.slow
@pytest.mark.parametrize("text, start, speaker, outlets", CASES)
def test_the_same_with_stanza(text, start, speaker, outlets, analyzer):
    _check(analyzer, text, start, speaker, outlets)


def test_a_surname_that_is_also_a_document_noun_is_no_outlet():
    c = _claim(SURNAME, "Die Verfassung", _lite())
    assert c.outlets == []
    assert c.speaker is not None and c.speaker.name == "Hans-Jürgen Papier"


SENTENCES = [
    # sentence, speaker, outlet names (the shapes of channel news articles use)
    ("Die Lage sei ernst, hieß es in einer Stellungnahme des Ministeriums.", "Ministerium", ["Stellungnahme des Ministeriums"]),
    ("Die Lage ist ernst, wie aus einem Bericht des Rechnungshofs hervorgeht.", "Rechnungshof", ["Bericht des Rechnungshofs"]),
    ("Die Lage sei ernst, heißt es im Urteil des Obersten Gerichtshofs.", "Oberster Gerichtshof", ["Urteil des Obersten Gerichtshofs"]),
    ("Die Lage sei ernst, sagte Ludwig der Kleinen Zeitung.", "Ludwig", ["Kleine Zeitung"]),
    ("Die Lage sei ernst, sagte Ludwig in einer Videobotschaft.", "Ludwig", ["Videobotschaft"]),
    ("Die Lage sei ernst, wie die Austria Presse Agentur berichtete.", "Austria Presse Agentur", ["Austria Presse Agentur"]),
    # the medium that has the paper is an outlet, not the paper's author
    ("Die Lage sei ernst, heißt es in dem Schreiben, das der APA vorliegt.", None, ["Schreiben", "APA"]),
    # a report's "von" is the verb's: "fordern … von X"
    ("Transportunternehmen fordern laut Medienberichten von ihren Vertragspartnern Schadenersatz.", "Medienberichte", ["Medienberichte"]),
]


@pytest.mark.parametrize("text, speaker, outlets", SENTENCES)
def test_channels_and_their_authors_in_one_sentence(text, speaker, outlets):
    (c,) = extract_document(parse_text(text), _lite()).claims
    assert (c.speaker.name if c.speaker else None) == speaker
    assert [o.name for o in c.outlets] == outlets
