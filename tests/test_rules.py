"""Each rule on real German sentences (seeds, gold articles, SpkAtt news)."""

import pytest

from claims.document import parse_text
from claims.grammar import syntax as sx
from claims.rules.quotes import find_quotes
from tests.conftest import one

# --- verb cues -------------------------------------------------------------------


def test_direct_quote_with_frame_after_and_prepositional_cue(extract):
    text = '"China ist bereit, mit Russland zusammenzuarbeiten", sagte der Minister dem Bericht zufolge.'
    c = one(extract(text), "China ist bereit")
    assert c.kind == "direct"
    assert c.message.text == "China ist bereit, mit Russland zusammenzuarbeiten"
    assert [x.text for x in c.cue] == ["sagte", "zufolge"]
    assert c.speaker.mention.text == "der Minister"
    assert [o.text for o in c.outlets] == ["dem Bericht"]


def test_verb_second_konjunktiv_clause_after_comma(extract):
    text = "Li, der am Sonntag in Moskau mit dem russischen Präsidenten Wladimir Putin zusammentraf, sagte zudem, China wolle auch die Zusammenarbeit mit Russland verstärken."
    c = one(extract(text), "China wolle")
    assert c.kind == "indirect"
    assert c.message.text == "China wolle auch die Zusammenarbeit mit Russland verstärken"
    assert c.speaker.name == "Li"


def test_dass_clause_with_particle_verb(extract):
    text = "Die US Botschaft in Riad teilte dem Fernsehsender CNN mit, dass sich keine US-amerikanischen Bürger in Geiselhaft befänden."
    c = one(extract(text), "keine US-amerikanischen")
    assert c.message.text.startswith("sich keine")
    assert [x.text for x in c.cue] == ["teilte", "mit"]
    assert "CNN" in [o.name for o in c.outlets]


def test_frame_after_with_particle(extract):
    text = "Die Aktion am Standort Koblenz habe mit der Nachtschicht am Montagabend begonnen, teilte ver.di mit."
    c = one(extract(text), "Die Aktion")
    assert c.speaker.name == "ver.di"
    assert [x.text for x in c.cue] == ["teilte", "mit"]
    assert c.kind == "indirect"


def test_colon_frame_is_direct_in_quote_less_text(extract):
    text = "Mena mahnte: Die Gewässer sind nicht sicher für Wasseraktivitäten."
    c = one(extract(text), "Gewässer")
    assert c.kind == "direct" and c.speaker.name == "Mena"
    assert c.message.text == "Die Gewässer sind nicht sicher für Wasseraktivitäten"


@pytest.mark.parametrize("which", ["extract", "lite_extract"])
def test_a_second_speech_verb_shares_the_frame_subject(which, request):
    # news-train study part (gnad-106): two claims of one speaker, one frame before the
    # colon; the second verb is not the frame of the first content
    text = "Das könne er mit seinem Sozialpartnerherz nur schwer mittragen, meinte Schieder, betonte aber gleichzeitig: Das ist kein schlechter Vorschlag."
    claims = request.getfixturevalue(which)(text)
    first, second = one(claims, "Sozialpartnerherz"), one(claims, "kein schlechter Vorschlag")
    assert first.message.text == "Das könne er mit seinem Sozialpartnerherz nur schwer mittragen"
    assert [x.text for x in first.cue] == ["meinte"] and first.speaker.name == "Schieder"
    assert second.message.text == "Das ist kein schlechter Vorschlag"
    assert [x.text for x in second.cue] == ["betonte"] and second.speaker.name == "Schieder"


def test_zu_infinitive_and_accusation(extract):
    text = "Allerdings werfen westliche Staaten der Regierung in Peking vor, stillschweigend die russische Invasion der Ukraine zu unterstützen."
    c = one(extract(text), "stillschweigend")
    assert [x.text for x in c.cue] == ["werfen", "vor"]
    assert c.message.text == "stillschweigend die russische Invasion der Ukraine zu unterstützen"
    assert c.speaker.name == "westliche Staaten"


def test_speech_verb_with_only_a_noun_phrase_is_no_claim(extract):
    assert extract("Auch er betonte den geplanten Ausbau der strategischen Partnerschaft.") == []
    assert extract("Schon beim gemeinsamen Treffen in Moskau loben China und Russland die gute Zusammenarbeit.") == []


def test_a_speech_verbs_object_with_a_konjunktiv_relative_clause_is_its_content(extract):
    # the object and what the relative clause says of it in Konjunktiv I are the content,
    # also for a verb whose "darauf, dass" is missing ("verweisen auf")
    text = "Die Wissenschafter verweisen in einem Offenen Brief auf die wichtige Rolle des FWF, der die Grundlagenforschung sichere und dabei helfe, sie kompetitiv zu machen."
    c = one(extract(text), "die wichtige Rolle")
    assert c.message.text.startswith("die wichtige Rolle des FWF, der die Grundlagenforschung sichere und dabei helfe")
    assert [x.text for x in c.cue] == ["verweisen"] and c.speaker.name == "Wissenschafter"
    c = one(extract("Vor dem Spiel warnte Trainer Zoran Barisic vor einer starken Truppe, die bei Standardsituationen gefährlich sei."), "einer starken")
    assert c.speaker.name == "Zoran Barisic"
    # not in Konjunktiv II (a mere possibility), nor without a relative clause
    assert extract("Theurer forderte zudem Zugang zu Dokumenten, die Aufschluss geben könnten.") == []
    assert extract("Er verwies auf den Arbeitsmarktgipfel im Herbst.") == []


def test_a_raising_verb_with_an_infinitive_in_its_clause_is_no_claim(extract):
    # "drohen", "versprechen" with an infinitive in their own clause say what may happen
    assert extract("Trotz wiederholter Verletzungen hielt die Waffenruhe bislang, doch droht sie nun zu scheitern.") == []
    assert extract("Der Bildschirmhersteller droht im laufenden Quartal operativ in die roten Zahlen zu rutschen.") == []


def test_negated_speech_is_no_claim(extract):
    assert extract("Sprecher der Autobauer wollten sich zu möglichen Gesprächen nicht äußern.") == []


def test_implicit_speaker_from_previous_sentence(extract):
    text = (
        "Am Sonntag hatte der russische Präsident Wladimir Putin die Zusammenarbeit gewürdigt. "
        '"Unsere Abteilungen arbeiten aktiv zusammen", sagte während des Treffens in Moskau.'
    )
    c = one(extract(text), "Unsere Abteilungen")
    assert c.speaker.name == "Wladimir Putin" and c.speaker.mention is None
    assert c.kind == "direct"


# --- prepositional cues ------------------------------------------------------------


def test_zufolge_inside_clause_takes_whole_clause(extract):
    c = one(extract("China will Verteidigungsminister Li Shangfu zufolge die Zusammenarbeit mit Russland verstärken."), "China will")
    assert c.kind == "reported"
    assert c.message.text == "China will Verteidigungsminister Li Shangfu zufolge die Zusammenarbeit mit Russland verstärken"
    assert c.speaker.name == "Li Shangfu" and c.speaker.role == "Verteidigungsminister"


def test_zufolge_at_clause_start(extract):
    c = one(extract("Es handele sich ersten Angaben zufolge um vier angreifende Terroristen."), "vier")
    assert c.cue[0].text == "zufolge" or "zufolge" in c.cue[0].text


def test_laut_at_sentence_start_message_after_source(extract):
    c = one(extract("Laut Medienbericht nehmen fünf bis 20 Flüchtlinge jeden Monat diese Route."), "Route")
    assert c.message.text == "nehmen fünf bis 20 Flüchtlinge jeden Monat diese Route"
    assert c.speaker.kind == "media" and c.outlets[0].text == "Medienbericht"


@pytest.mark.parametrize("which", ["extract", "lite_extract"])
def test_aus_sicht_names_whose_view_the_clause_is(which, request):
    # news-train study part (gnad-452) and derStandard: "aus Sicht der X" is a cue like "laut"
    run = request.getfixturevalue(which)
    c = one(run("Sein Vergehen aus Sicht der Herrscher besteht darin, dass er in seinem Blog immer wieder die Religionspolizei kritisierte."), "Sein Vergehen")
    assert c.cue[0].text == "aus Sicht" and c.speaker.name == "Herrscher"
    c = one(run("Aus Sicht der BIG ist die Abwicklung des Magazinvertriebs rechtskonform."), "ist die Abwicklung")
    assert c.message.text == "ist die Abwicklung des Magazinvertriebs rechtskonform" and c.speaker.name == "BIG"


@pytest.mark.parametrize("which", ["extract", "lite_extract"])
def test_nach_deren_angaben_is_a_cue_whose_source_is_the_noun_before(which, request):
    # SpkAtt tuning part and derStandard: "deren" is the determiner of the source noun
    run = request.getfixturevalue(which)
    c = one(run("Die Ernährungsforscher haben Speisepläne verglichen. Nach deren Angaben sollten täglich Speisen mit Vitamin E auf den Teller kommen."), "sollten")
    assert c.cue[0].text == "Nach" and c.message.text.startswith("sollten täglich")
    claims = run("Erst bietet der Regierungschef seiner Partei nach deren Angaben an, sein Amt niederzulegen.")
    (nach,) = [x for x in claims if x.cue[0].text == "nach"]
    assert nach.speaker is not None and "Partei" in nach.speaker.name


def test_nach_angaben_with_genitive_source(extract):
    text = "Nach Angaben der Handelskammer von Thessaloniki dauert der Umweg über Bulgarien zwei Tage länger."
    c = one(extract(text), "Umweg")
    assert c.cue[0].text == "Nach Angaben"
    assert c.speaker.name.endswith("Thessaloniki")
    assert c.message.text.startswith("dauert der Umweg")


def test_nach_as_a_verbs_object_is_no_source(extract):
    # "suchen nach", "fragen nach": what is sought is no source; a statement's plural stays
    assert extract("Newton machte sich gar nicht erst die Mühe, nach Erklärungen zu suchen.") == []
    assert extract("Er suchte fieberhaft nach Erklärungen für die Niederlage.") == []
    # after a long time, not a source
    assert extract("Nach monatelangen Ermittlungen gegen eine Einbrecherbande waren Kriminalisten auf Blüten gestoßen.") == []
    c = one(extract("Nach Erklärungen der Polizei war der Mann betrunken."), "war der Mann")
    assert (c.speaker.name, [o.name for o in c.outlets]) == ("Polizei", ["Erklärungen der Polizei"])


def test_nach_eigenen_angaben_speaker_is_subject(extract):
    c = one(extract("China liefert nach eigenen Angaben aber keine Waffen an Russland."), "Waffen")
    assert c.speaker.name == "China" and c.speaker.kind == "country"
    assert c.kind == "reported"


def test_wie_berichtete_medium_is_speaker_without_previous_claim(extract):
    text = "Wie der Radiosender Athina 984 am Mittwoch berichtete, beläuft sich der Schaden bereits auf mehr als sechs Millionen Euro."
    c = one(extract(text), "Schaden")
    assert [x.text for x in c.cue] == ["Wie", "berichtete"]
    assert c.speaker.name == "Athina 984" and c.outlets[0].name == "Athina 984"


def test_unter_berufung_auf_makes_the_source_the_speaker(extract):
    text = "Vom hohen Norden Russlands aus ließen sie sich nach Norwegen bringen, berichtete der Guardian am Montag unter Berufung auf die norwegische Polizei."
    c = one(extract(text), "Norwegen bringen")
    assert c.speaker.name.endswith("Polizei")
    assert [o.name for o in c.outlets] == ["Guardian"]
    assert [x.text for x in c.cue] == ["berichtete", "unter Berufung auf"]



@pytest.mark.parametrize("which", ["lite", "stanza"])
def test_a_verb_first_frame_after_a_comma_is_no_content(which, analyzer):
    # "teilte die Polizei mit" frames the words before it, not the content of "erwartet";
    # "Bis" before a preposition opens no subordinate clause (HanTa tags it a conjunction)
    from claims.nlp.lite import get_lite_analyzer
    from claims.pipeline import extract_document

    an = get_lite_analyzer() if which == "lite" else analyzer
    text = "In Kufstein haben sich keine Flüchtlinge in den Zelten befunden. Bis in die Abendstunden wurden 1.080 Menschen erwartet, teilte die Polizei mit."
    (c,) = extract_document(parse_text(text), an).claims
    assert (c.message.text, c.speaker.name) == ("Bis in die Abendstunden wurden 1.080 Menschen erwartet", "Polizei")


REASONS = [
    # news-train's study part: the Commission's reason for its lawsuit
    ("Die EU-Kommission hatte im Mai Klage eingereicht, weil Deutschland seine Flughäfen zu selten und zu lückenhaft überwache und damit gegen europäische Vorgaben verstoße.",
     "Deutschland seine Flughäfen", "EU-Kommission"),
    ("Die SPÖ hat dies als wirkungslos zurückgewiesen, da dies ohnehin nach EU-Recht entschieden werde.", "dies ohnehin", "SPÖ"),
    # a passive names no one whose reason it is
    ("Sein Name wurde gleich wieder fallengelassen, weil er noch zu jung sei.", "er noch zu jung", None),
]


@pytest.mark.parametrize("text, start, speaker", REASONS)
@pytest.mark.parametrize("which", ["lite", "stanza"])
def test_a_causal_clause_in_konjunktiv_is_a_reported_reason(which, text, start, speaker, analyzer):
    from claims.nlp.lite import get_lite_analyzer
    from claims.pipeline import extract_document

    an = get_lite_analyzer() if which == "lite" else analyzer
    (c,) = extract_document(parse_text(text), an).claims
    assert c.message.text.startswith(start) and (c.speaker.name if c.speaker else None) == speaker


PROPOSALS = [
    # news-train's study part: a proposal with its owner after it
    ("Gar nicht schlecht gefällt Schieder da die Idee von Finanzminister Hans Jörg Schelling (ÖVP), den Sozialpartnern nur ein halbes Jahr Zeit zu geben.",
     "den Sozialpartnern", "Hans Jörg Schelling"),
    ("Die Forderung der Gewerkschaft, die Löhne um fünf Prozent zu erhöhen, lehnt die Wirtschaftskammer ab.", "die Löhne", "Gewerkschaft"),
    # no owner named: the subject of the clause the noun is the object of
    ("Auch den Grünen macht Landesrat Manfred Haimbuchner das Angebot, die Gespräche kommende Woche weiterzuführen.", "die Gespräche", "Manfred Haimbuchner"),
]


@pytest.mark.parametrize("text, start, speaker", PROPOSALS)
@pytest.mark.parametrize("which", ["lite", "stanza"])
def test_a_proposal_with_a_zu_infinitive_is_a_claim_of_its_owner(which, text, start, speaker, analyzer):
    from claims.nlp.lite import get_lite_analyzer
    from claims.pipeline import extract_document

    an = get_lite_analyzer() if which == "lite" else analyzer
    (c,) = extract_document(parse_text(text), an).claims
    assert c.message.text.startswith(start) and c.speaker.name == speaker


@pytest.mark.parametrize("text", ["Er kam nicht zur Sitzung, weil er krank war.", "Ich komme nicht, weil ich krank sei.", "Er hat die Idee, die Ukraine zu dominieren.", "Ich käme nie auf die Idee, ihn abzuwerten."])
def test_no_claim_without_a_reported_reason_or_a_proposal(text):
    from claims.nlp.lite import get_lite_analyzer
    from claims.pipeline import extract_document

    assert extract_document(parse_text(text), get_lite_analyzer()).claims == []


def test_a_second_predicate_after_a_quotation_keeps_the_subject(extract):
    # the compact model makes "kündigte" a conjunct of the verb inside the quotation
    text = "Die Kongressabgeordnete Carolyn McCarthy erklärte, Gillibrand sei „das Postergirl der NRA, und das repräsentiert nicht den Staat New York“ und kündigte an, 2010 gegen Gillibrand kandidieren zu wollen."
    c = one(extract(text), "kandidieren")
    assert c.speaker.name == "Carolyn McCarthy"


def test_an_email_is_the_channel_a_claim_came_through(extract):
    # news-train: "E-Mail" is a document noun (claims/lexicons/media_nouns.tsv)
    text = "Allerdings seien durch eine Panne auch Strecken von massiv deutschen Verkehren überwacht worden, wie es in einer internen E-Mail heißt."
    c = one(extract(text), "durch eine Panne")
    assert [o.text for o in c.outlets] == ["einer internen E-Mail"]

# --- frames -------------------------------------------------------------------------


def test_so_frame(extract):
    c = one(extract("Wir sind sehr schlecht darin, zu beurteilen, wer unsere Freunde sind, so Shmueli."), "Freunde")
    assert c.cue[0].text == "so" and c.speaker.name == "Shmueli" and c.kind == "direct"


def test_heisst_es_with_anaphoric_outlet(extract):
    text = (
        "Die 28-Jährige habe einen Plattenvertrag mit Sony Music unterzeichnet, berichtete die britische Zeitung The Guardian. "
        "Wenn die Summe voll ausgezahlt werde, wäre es der größte Plattenvertrag der Geschichte, hieß es in dem Bericht."
    )
    c = one(extract(text), "Summe")
    assert c.cue[0].text == "hieß es"
    assert c.speaker.name == "The Guardian" and [o.text for o in c.outlets] == ["dem Bericht"]


def test_headline_colon_speaker_from_later_quote(extract):
    text = (
        'Expertin: "Gefahr einer Infektion sehr wahrscheinlich". Rio de Janeiro – Dem Magazin Business Insider sagte Kristina Mena, Professorin für Gesundheitswissenschaften: '
        "Wir sprechen über ein extremes Umfeld, in dem die Gefahr einer Infektion sehr wahrscheinlich ist."
    )
    claims = extract(text)
    head = next(c for c in claims if c.message.text == "Gefahr einer Infektion sehr wahrscheinlich")
    assert head.cue[0].text == ":" and head.speaker.name == "Kristina Mena"
    body = one(claims, "Wir sprechen")
    assert body.speaker.name == "Kristina Mena" and body.outlets[0].name == "Business Insider"


# --- continuations --------------------------------------------------------------------


CONTINUATIONS = [
    # text, the claim's message start, the continuation's, speaker, the continuation's kind
    (
        '"Ich setze auf die engste Zusammenarbeit mit Ihnen", sagte Schoigu. '
        'Russland strebe eine multipolare Weltordnung ohne eine "Vorherrschaft" des Westens an. '
        "Beide Seiten unterzeichneten ein Abkommen.",
        "Ich setze", "Russland strebe", "Schoigu", "mixed",
    ),
    # Konjunktiv I goes on over one sentence of the writer's; two indicative sentences end it
    (
        "Elf Menschen seien umgekommen, als ihr Boot vor Samos kenterte, teilte die Küstenwache mit. "
        "Die Gruppe hatte versucht, von der Türkei aus überzusetzen. "
        "Dabei sei das kleine Boot an einem felsigen Küstenabschnitt zerschellt. "
        "Die Insel liegt nahe der Küste. Die Fähre fährt täglich.",
        "Elf Menschen", "Dabei sei", "Küstenwache", "indirect",
    ),
]


@pytest.mark.parametrize("text, root_start, start, speaker, kind", CONTINUATIONS)
def test_konjunktiv_continuation_points_to_cue_claim(extract, text, root_start, start, speaker, kind):
    claims = extract(text)
    root = one(claims, root_start)
    cont = one(claims, start)
    assert cont.continuation_of == root.id and cont.cue == [] and cont.kind == kind
    assert cont.speaker.name == speaker
    assert len(claims) == 2


def test_first_person_continuation_after_quote_less_direct_claim(extract):
    text = (
        "Ich will nicht, dass Hillary Clinton Präsidentin wird, sagte Rubio. "
        "Wenn ich irgendetwas tun kann, um das zu verhindern, fühle ich mich geehrt. "
        "Offiziell nominiert werden soll Trump auf dem Parteitag im Juli."
    )
    claims = extract(text)
    assert [c.kind for c in claims] == ["direct", "direct"]
    assert claims[1].continuation_of == claims[0].id


def test_cueless_intertitle_quote(extract):
    text = (
        'Wir arbeiten "aktiv zusammen"\n\n'
        "Am Sonntag hatte der russische Präsident Wladimir Putin die Zusammenarbeit gewürdigt. "
        '"Unsere Abteilungen arbeiten aktiv zusammen", sagte Putin.'
    )
    c = one(extract(text), "Wir arbeiten")
    assert c.cue == [] and c.kind == "mixed" and c.speaker.name == "Wladimir Putin"


# --- verification ------------------------------------------------------------------------


def test_unverifiable_marker_in_next_sentence(extract):
    text = (
        "Am Freitag hatte ein ukrainischer Beamter gesagt, die ukrainischen Streitkräfte würden immer mehr Bauteile aus China finden. "
        "Reuters konnte die ukrainischen Angaben nicht unabhängig überprüfen."
    )
    c = one(extract(text), "Bauteile")
    assert c.verification.status == "unverifiable"
    assert c.verification.evidence.text == "Reuters konnte die ukrainischen Angaben nicht unabhängig überprüfen"
    assert c.speaker.kind == "anonymous"


def test_disputed_accusation(extract):
    text = "China sieht sich als neutral in dem Krieg. Allerdings werfen westliche Staaten der Regierung in Peking vor, die Invasion zu unterstützen."
    c = one(extract(text), "Invasion")
    assert c.verification.status == "disputed"
    assert c.verification.evidence.text == "China sieht sich als neutral in dem Krieg"


def test_denial_disputes_previous_claim(extract):
    text = "Die Zeitung berichtete, der Minister sei zurückgetreten. Das Ministerium dementierte den Bericht."
    c = one(extract(text), "zurückgetreten")
    assert c.verification.status == "disputed"


def test_marker_words_are_needed_for_a_match():
    """A marker is tried only on a sentence holding one of the words its pattern needs;
    every match holds one, in any case, and a sentence with ı, ſ or İ (which match i
    and s when ignoring case) always gets the full search."""
    from claims import lexicons
    from claims.resolve.verification import _CASE_SAFE, _may_match, required_strings

    sentences = [
        "Reuters konnte die Angaben nicht unabhängig überprüfen.",
        "REUTERS KONNTE DIE ANGABEN NICHT UNABHÄNGIG ÜBERPRÜFEN.",
        "Das lässt sich nıcht bestätigen.",
        "Die Meldung ist unbestätigt; das Ministerium wies die Vorwürfe zurück.",
        "Er bestritt das, sie widersprach, es sei als haltlos zurückgewiesen worden.",
        "China sieht sich als neutral; andere sahen sich als Opfer und weisen das von ſich.",
        "Die Regierung hingegen bestätigte dies. Das ist richtig. Das stimmt.",
        "Ein Satz ohne jede Markierung.",
    ]
    markers = lexicons.verification_markers()
    assert all(required_strings(m.pattern) for m in markers)  # every marker gets its test
    for m in markers:
        needs = required_strings(m.pattern)
        for text in sentences:
            if m.pattern.search(text):
                assert _CASE_SAFE.search(text) or _may_match(needs, text.lower()), (m.pattern.pattern, text)
    import re

    assert required_strings(re.compile(r"\b(foo|ba+r)x?\b", re.I)) == (frozenset({"foo", "b"}),)
    # every part a match needs: the modal verb, "nicht", the verb of checking and its ending
    needs = required_strings(re.compile(r"\b(kann|musste)\b[^.]*\bnicht\b[^.]*\b(prüf|bestätig)(en|t)\b", re.I))
    assert set(needs) == {frozenset({"kann", "musste"}), frozenset({"nicht"}), frozenset({"prüf", "bestätig"}), frozenset({"en", "t"})}
    assert required_strings(re.compile(r"\bfoo|\w+", re.I)) is None  # a branch without a literal
    assert required_strings(re.compile("foo")) is None  # only patterns that ignore case
    assert required_strings(re.compile("µm", re.I)) is None  # µ also matches μ


def test_plain_claim_stays_unverified(extract):
    c = one(extract("Mena betonte, die Virenkonzentration sei auch vor der Küste hoch."), "Virenkonzentration")
    assert c.verification.status == "unverified" and c.verification.evidence is None


# --- syntax helpers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, konj",
    [
        ("Russland strebe eine multipolare Weltordnung an.", True),
        ("Übungen habe es im Fernen Osten gegeben.", True),
        ("Dazu lägen er und Trump zu weit auseinander.", True),
        ("Beide Länder haben ihre Beziehungen ausgebaut.", False),
        ("Die Gewässer sind nicht sicher.", False),
    ],
)
def test_konjunktiv_by_word_form(parse, sentence, konj):
    (sent,) = parse(sentence).sentences
    assert sx.clause_is_konjunktiv(sent, 0, sx.content_last(sent)) is konj


@pytest.mark.parametrize(
    "sentence, konj",
    [
        # verbs in -ern and -eln ("fordern", "verhandeln"); the compact stanza model tags
        # "fordere" as an adjective, so with lite
        ("Die Kammer fordere Nachbesserungen.", True),
        ("Dabei verhandele die Regierung seit Monaten.", True),
        ("Die Kammer fordert Nachbesserungen.", False),
        ("Ich fordere Nachbesserungen.", False),
    ],
)
def test_konjunktiv_of_verbs_in_ern_and_eln(sentence, konj):
    from claims.nlp.lite import get_lite_analyzer
    from claims.pipeline import analyze

    (sent,) = analyze(parse_text(sentence), get_lite_analyzer()).sentences
    assert sx.clause_is_konjunktiv(sent, 0, sx.content_last(sent)) is konj


def test_sign_off_codes_are_not_content(parse):
    (sent,) = parse("Sie unterstützen das./mau/DP/jha").sentences
    assert sent.tokens[sx.content_last(sent)].text == "das"


def test_colon_does_not_split_sentences_and_compounds_stay_whole(parse):
    doc = parse("Zuvor hatte das britische Boulevard-Blatt Sun geschrieben: Die Sängerin sei bereit.")
    assert len(doc.sentences) == 1
    assert "Boulevard-Blatt" in [t.text for t in doc.sentences[0].tokens]


def test_quotes_and_offsets_line_up(parse):
    text = 'Er sagte: „Wir kommen.“'
    doc = parse(text)
    for s in doc.sentences:
        for t in s.tokens:
            assert text[t.start : t.end] == t.text or t.text in {"zu", "dem", "in", "an"}
    assert find_quotes(text)


# --- rules added while tuning on SpkAtt ---------------------------------------------------


def test_speech_noun_with_content_clause(extract):
    text = "Zur Feststellung, dass die ÖVP offensichtlich nicht an Neuwahlen denke, sagte Mitterlehner: Das interpretieren Sie richtig."
    claims = extract(text)
    c = one(claims, "Neuwahlen")
    assert c.message.text == "die ÖVP offensichtlich nicht an Neuwahlen denke" and c.cue[0].text == "Feststellung"
    assert c.verification.status == "confirmed" and c.verification.evidence.text == "Das interpretieren Sie richtig"
    assert one(claims, "interpretieren").kind == "direct"


def test_anaphoric_frame_takes_the_previous_sentence(extract):
    text = "Bei dem Unfall sind zwei Menschen schwer verletzt worden. Das teilte die Polizei am Sonntag mit."
    c = one(extract(text), "verletzt worden")
    assert c.kind == "reported" and [x.text for x in c.cue] == ["teilte", "mit"]
    assert c.speaker.name == "Polizei" or c.speaker.name.endswith("Polizei")


@pytest.mark.parametrize("which", ["stanza", "lite"])
def test_anaphoric_frame_after_a_comma_takes_the_clause_before_it(which, extract, lite_extract):
    run = extract if which == "stanza" else lite_extract
    text = "Für die britische Zeitung The Independent kommt 30 Jahre nach der Gründung das Aus, das berichtet der Guardian am Freitag."
    c = one(run(text), "kommt 30 Jahre")
    assert c.message.text.endswith("das Aus") and c.speaker.name == "Guardian"
    c = one(run("Seit dem 19. Juni ist die Hauptkamera des Teleskops ausgefallen, das teilte das Institut mit."), "Hauptkamera")
    assert c.speaker.name == "Institut"
    # a quoted name between the verb and its particle ("teilte das „…“ mit")
    c = one(run("Seit dem 19. Juni ist die Hauptkamera ausgefallen, das teilte das „Space Telescope Science Institute“ mit."), "Hauptkamera")
    assert [x.text for x in c.cue][-1] == "mit"
    # the speaker's own comment on what he says is no frame
    assert run("Es ist Zeit, mehr Selbstvertrauen an den Tag zu legen, das meine ich wirklich so.") == []


def test_anaphoric_passive_frame_takes_the_previous_sentence(lite_extract):
    text = "Oftmals wird geraten, auf verschiedenen Portalen unterschiedliche Passwörter zu verwenden. Dies wird auch von Richard Cassidy bestätigt."
    c = one(lite_extract(text), "Oftmals")
    assert c.speaker.name == "Richard Cassidy"


def test_passive_speech_verb_with_dass_clause(extract):
    text = "Kritisiert wird in Deutschland vor allem, dass das Werbeverbot der EU nicht eingehalten wird."
    c = one(extract(text), "Werbeverbot")
    assert c.cue[0].text == "Kritisiert" and c.message.text.startswith("das Werbeverbot")


def test_nach_with_a_speech_noun(extract):
    c = one(extract("Der Täter hatte nach Zeugenaussagen die Tat mindestens seit dem Vorabend geplant."), "Tat")
    assert c.cue[0].text == "nach" and c.kind == "reported"


# --- rules added while tuning on SpkAtt (sentences from its training part) --------------


def test_colon_quote_after_a_clause_without_speech_verb(extract):
    text = "In der ARD zeigt sich der Bundestrainer zufrieden: „Wir haben eine deutliche Leistungssteigerung in allen Mannschaftsteilen gezeigt.“"
    c = one(extract(text), "Wir haben")
    assert c.kind == "direct"
    assert c.message.text.startswith("Wir haben eine deutliche")
    assert c.cue[0].text == "zeigt"
    assert c.speaker.mention.text == "der Bundestrainer"


def test_nach_with_an_information_source(extract):
    text = "Nach neuesten Erkenntnissen hat ein Unbekannter den Namen der Frau verwendet."
    c = one(extract(text), "ein Unbekannter")
    assert c.message.text == "hat ein Unbekannter den Namen der Frau verwendet"
    assert c.cue[0].text == "Nach"


def test_temporal_nach_is_no_cue(extract):
    assert extract("Nach dem Spiel fuhr die Mannschaft sofort nach Hause.") == []


def test_prepositional_source_runs_to_the_finite_verb(extract):
    text = "Laut einem Bericht aus der Birthler-Behörde handelte es sich bei der Sabotagegruppe um Mitglieder der DKP."
    c = one(extract(text), "handelte")
    assert c.message.text == "handelte es sich bei der Sabotagegruppe um Mitglieder der DKP"


def test_article_after_the_cue_verb_opens_content(extract):
    text = "General Sonthi Boonyaratglin erklärte, die noch zu schaffende Übergangsverfassung werde die Rolle der Militärbefehlshaber festlegen."
    c = one(extract(text), "Übergangsverfassung")
    assert c.message.text.startswith("die noch zu schaffende")
    assert c.speaker.name.endswith("Boonyaratglin")


def test_apposition_before_the_verb_is_no_content(extract):
    text = "Der frühere Bürgermeister und Justizsenator, Henning Scherf (SPD), warnte die CDU vor einem „populistischen Wahlkampf“."
    assert not [c for c in extract(text) if "Henning Scherf" in c.message.text]


def test_content_stops_at_a_coordinated_indicative_verb(extract):
    text = "Der Präsident erklärte, die Situation sei unter Kontrolle, und kündigte Neuwahlen an."
    c = one(extract(text), "Situation")
    assert c.message.text == "die Situation sei unter Kontrolle"


def test_quote_then_auxiliary_and_participle(extract):
    text = "„Wir sind entsetzt“, hatte der Minister gesagt."
    c = one(extract(text), "Wir sind")
    assert c.kind == "direct"
    assert c.speaker.mention.text == "der Minister"


def test_quotation_then_inverted_clause_without_speech_verb(extract):
    text = "„Wir haben jetzt vier Punkte und brauchen nur noch ein Unentschieden“, zeigte sich Milovan Rajevac zufrieden."
    c = one(extract(text), "vier Punkte")
    assert c.kind == "direct"
    assert c.cue[0].text == "zeigte"
    assert c.speaker.name.endswith("Rajevac")


def test_time_noun_is_no_speaker(parse):
    from claims.grammar.verbs import surface_subject

    sent = parse("Im Januar 2006 verkündete der Verband, dass er neue Regeln einführe.").sentences[0]
    verb = next(t for t in sent.tokens if t.text == "verkündete")
    subj = surface_subject(sent, verb, True, len(sent.tokens) - 1)
    assert subj is not None and sent.tokens[subj].text == "Verband"


def test_particle_tagged_as_verb_and_strong_past(extract):
    # the compact model tags "hervor" as a finite verb and lemmatizes "hob" as "hoben"
    text = "Der Vorsitzende der Selbstverwaltung Istvan Kovacs hob hervor, der Schutz dürfe keinesfalls mit Waffengewalt erfolgen."
    c = one(extract(text), "Schutz")
    assert [x.text for x in c.cue] == ["hob", "hervor"]
    assert c.message.text == "der Schutz dürfe keinesfalls mit Waffengewalt erfolgen"


def test_finite_verb_tagged_as_infinitive(extract):
    text = "Die Forscher vermuten, dass die Ursache in einem Partikelsturm liegt."
    c = one(extract(text), "Ursache")
    assert c.cue[0].text == "vermuten"
    assert c.speaker.mention.text == "Die Forscher"


def test_heisst_es_after_a_comma_with_content_after(extract):
    text = "In der Vorabversion des Berichts, der ins Netz gestellt wurde, heißt es, im Bereich rechter Kriminalität seien 15.361 Straftaten erfasst worden."
    c = one(extract(text), "15.361")
    assert c.message.text.startswith("im Bereich rechter Kriminalität seien")
    assert c.cue[0].text == "heißt es"


def test_verb_second_content_with_a_mistagged_verb(extract):
    # the compact model tags the Konjunktiv "lägen" as an infinitive
    text = "Hartmann erklärte, ihr lägen „bis zur Stunde keine vollständigen Unterlagen vor“."
    c = one(extract(text), "ihr lägen")
    assert c.message.text.startswith("ihr lägen")
    assert c.speaker.name == "Hartmann"


def test_particle_written_before_the_verb(extract):
    c = one(extract("Die Polizei hatte am Montag bekannt gegeben, dass drei Verdächtige festgenommen wurden."), "drei Verdächtige")
    assert {"bekannt", "gegeben"} <= {x.text for x in c.cue}
    c = one(extract("Wie das Unternehmen bekannt gab, werden 500 Stellen gestrichen."), "500 Stellen")
    assert c.message.text == "werden 500 Stellen gestrichen"
    assert c.speaker.mention.text == "das Unternehmen"


def test_colon_before_a_short_title_is_no_claim(extract):
    assert extract("Sein erstes großes Werk entstand in den 1970er Jahren: „Le Grand Macabre“.") == []


def test_source_up_to_the_verb_when_the_tags_give_no_noun_phrase(extract):
    # "einer am Dienstag …": an adjective phrase with its own preposition inside the source
    text = "Laut einer am Dienstag veröffentlichten Pressemitteilung des WFP wurden zunächst 2.000 Menschen mit Lebensmitteln versorgt."
    c = one(extract(text), "2.000 Menschen")
    assert c.message.text.startswith("wurden zunächst 2.000 Menschen")
    assert c.speaker.name == "WFP"  # the issuer of the press release


def test_postposed_zufolge_right_before_the_verb(extract):
    # the compact model tags the web address as an adjective
    text = "Der Website worldreferree.com zufolge ist Undiano als Schiedsrichter bekannt."
    c = one(extract(text), "Undiano")
    assert c.message.text == "ist Undiano als Schiedsrichter bekannt"
    assert c.cue[0].text == "zufolge"


def test_wonach_after_a_report(extract):
    text = "Ein Bericht der russischen Nachrichtenagentur „Interfax“, wonach der Oppositionsführer festgenommen worden sein soll, wurde dementiert."
    c = one(extract(text), "Oppositionsführer")
    assert c.message.text == "der Oppositionsführer festgenommen worden sein soll"
    assert c.cue[0].text == "wonach"


def test_quoted_name_at_the_end_of_the_content(extract):
    text = "Der neu entdeckte Riesenplanet begleitet den Stern „HD 13189“, teilte die Friedrich-Schiller-Universität Jena mit."
    c = one(extract(text), "Riesenplanet")
    assert c.message.text == "Der neu entdeckte Riesenplanet begleitet den Stern „HD 13189“"
    assert c.speaker.mention.text == "die Friedrich-Schiller-Universität Jena"


def test_bis_as_preposition_does_not_open_a_subordinate_clause(extract):
    text = "Bis zu der Beerdigung seien die Leichen in einer Kühlkammer ausgestellt worden, berichtet der englische Independent."
    c = one(extract(text), "Leichen")
    assert c.message.text.startswith("Bis zu der Beerdigung seien")
    assert c.cue[0].text == "berichtet"


def test_wie_clause_with_a_mistagged_adverb(extract):
    # the compact model tags "gestern" as a participle
    text = "Der Polizei gelang es, einen der Bosse der Mafia zu verhaften, wie die Nachrichtenagentur ANSA gestern berichtete."
    c = one(extract(text), "verhaften")
    assert [x.text for x in c.cue][-1] == "berichtete"
    assert "ANSA" in c.speaker.mention.text


def test_apposition_between_speaker_and_particle(extract):
    text = "Jetzt gab der Leiter der Kriminaldienststelle, Andreas Huber, bekannt, dass sich das Handy ins italienische Netz eingeloggt hatte."
    c = one(extract(text), "Handy")
    assert [x.text for x in c.cue] == ["gab", "bekannt"]
    assert c.message.text.startswith("sich das Handy")


def test_negation_in_the_fronted_phrase_does_not_negate_the_speech_act(extract):
    text = "Nicht als offiziellen Teil der Bekanntgabe erklärte er Reportern dann, dass es Betrug von allen Seiten gegeben habe."
    c = one(extract(text), "Betrug")
    assert c.cue[0].text == "erklärte"
    assert extract("Der Minister sagte nicht, dass er zurücktreten werde.") == []


def test_a_negation_after_a_second_verb_negates_that_verb_only(lite_extract):
    # "weder … noch" and the inflected "kein" negate; "und meint damit weder …" does not
    # negate the "sagt" before it
    assert lite_extract("Die Annäherung wurde weder bestätigt noch dementiert.") == []
    assert lite_extract("Machen wir, sagt vorerst keiner der befragten Radiomacher.") == []
    # a capitalised negation word inside a sentence is a name
    c = one(lite_extract("Lothar Nicht, Ordnungsdezernent der Stadt Cottbus, sagte, es bestehe Gefahr für Leib und Leben."), "es bestehe")
    assert c.speaker.name == "Lothar Nicht"
    text = "Die Regierung müsste eigentlich werben, sagt Blanco-Gil und macht keinen Hehl aus seiner Skepsis."
    assert one(lite_extract(text), "Die Regierung").speaker.name == "Blanco-Gil"


def test_verb_second_content_with_a_verb_tagged_as_adjective(extract):
    # the compact model tags "plane" as an adjective (with the lemma "planen")
    text = "Der französische Premierminister François Fillon erklärte, sein Land plane konkrete militärische Operationen gegen Libyen."
    c = one(extract(text), "Land plane")
    assert c.message.text == "sein Land plane konkrete militärische Operationen gegen Libyen"


def test_particle_verb_participle_with_a_wrong_lemma(extract):
    # the compact model lemmatizes "abgestritten" as "abstrieten"
    c = one(extract("Monatelang haben die Wiener Linien abgestritten, dass die Sicherheitseinrichtungen nicht sicher genug wären."), "Sicherheitseinrichtungen")
    assert [x.text for x in c.cue][-1] == "abgestritten"


def test_plural_present_tagged_as_infinitive(extract):
    c = one(extract("Die Hongkonger befürchten, dass es auch nicht die letzte Auseinandersetzung sein wird."), "letzte")
    assert c.cue[0].text == "befürchten"
    assert c.speaker.mention.text == "Die Hongkonger"


def test_correlate_before_the_participle(extract):
    c = one(extract("Amnesty International hat bereits mehrfach darauf hingewiesen, dass es sich um eine unnötige Strafverschärfung handelt."), "Strafverschärfung")
    assert "hingewiesen" in [x.text for x in c.cue]


def test_fronted_prepositional_phrase_is_never_the_speaker(extract):
    # the compact model tags a sentence-initial "Zum"/"Zur"/"Im" as a proper noun subject
    c = one(extract("Zur Beweislage führt das Gericht aus, dass die Aussagen nicht ausreichten."), "Aussagen")
    assert c.speaker.mention.text == "das Gericht"
    c = one(extract("Im Vorfeld hatte das deutsche Organisationskomitee betont, dass die Eintrittskarten wichtig seien."), "Eintrittskarten")
    assert c.speaker.mention.text.startswith("das deutsche Organisationskomitee")


def test_speech_noun_with_a_konjunktiv_clause(extract):
    text = "Auch die Familienministerin Renate Schmidt wagte die Prognose, bei der Kanzlerwahl würden nicht alle Abgeordneten für Merkel stimmen."
    c = one(extract(text), "Kanzlerwahl")
    assert c.cue[0].text == "Prognose"
    assert c.message.text.startswith("bei der Kanzlerwahl würden")


def test_dass_clause_after_a_temporal_clause_is_reported(extract):
    text = "Er trat zurück, nachdem bekannt geworden war, dass weite Teile seiner Doktorarbeit abgeschrieben waren."
    c = one(extract(text), "Doktorarbeit")
    assert c.message.text == "weite Teile seiner Doktorarbeit abgeschrieben waren"
    # a temporal clause without a content clause stays a frame
    assert extract("Als der Minister am Montag sprach, demonstrierten draußen Hunderte.") == []


def test_prepositional_als_opens_a_main_clause(extract):
    text = "Als Begründung wurde angegeben, die Bürger nutzen immer mehr kleinere Tonnen."
    c = one(extract(text), "Tonnen")
    assert [x.text for x in c.cue][-1] == "angegeben"


def test_coordinated_predicate_ends_the_content(extract):
    text = "Sie räumte zwar ein, es könnten Arbeitsplätze verloren gehen, sprach aber von einem ergebnisoffenen Prozess."
    c = one(extract(text), "Arbeitsplätze")
    assert c.message.text == "es könnten Arbeitsplätze verloren gehen"


def test_participle_tagged_as_infinitive(extract):
    # the compact model tags "entschieden" VVINF but knows it is a participle (VerbForm=Part)
    c = one(extract("Das Gericht hatte entschieden, dass Deutschland zahlen müsse."), "Deutschland")
    assert [x.text for x in c.cue][-1] == "entschieden"


def test_infinitive_cue_after_a_modal(extract):
    text = "Heute will Außenminister Straw vor dem Parlament bekannt geben, dass das Gesetzgebungsverfahren ausgesetzt wird."
    c = one(extract(text), "Gesetzgebungsverfahren")
    assert {"bekannt", "geben"} <= {x.text for x in c.cue}
    # an infinitive inside a content clause is no cue of its own
    assert len(extract("Der Minister sagte, er wolle morgen nichts erklären.")) == 1


def test_so_before_a_speech_verb_opens_the_frame(extract):
    c = one(extract("Der Flug käme für Demjanjuk einer Folter gleich, so bestätigt das Gericht."), "Folter")
    assert [x.text for x in c.cue] == ["so", "bestätigt"]
    assert c.message.text == "Der Flug käme für Demjanjuk einer Folter gleich"


def test_new_cue_words_on_real_sentences(extract):
    c = one(extract("Die Tarifparteien einigten sich darauf, dass die Löhne um drei Prozent steigen."), "Löhne")
    assert c.cue[0].text == "einigten"
    c = one(extract("Das Team kam zu dem Schluss, dass die Infektionen auf einen Mangel an Ausbildung zurückgehen."), "Infektionen")
    assert c.cue[0].text == "Schluss"
    c = one(extract("Der Trainer zeigte sich zufrieden, dass die Mannschaft gewonnen hat."), "Mannschaft")
    assert c.cue[0].text == "zeigte"
    assert extract("Die Statistik zeigte einen deutlichen Anstieg.") == []


def test_subject_before_an_apposition_wins_over_an_object_after_the_verb(extract):
    # the compact model calls both "Bürgermeister" and "CDU" subjects of "warnte"
    text = "Der frühere Bürgermeister, Henning Scherf (SPD), warnte, die CDU führe einen „populistischen Wahlkampf“."
    c = one(extract(text), "CDU führe")
    assert c.speaker.name == "Henning Scherf"


def test_subject_before_a_verb_second_auxiliary(extract):
    c = one(extract("Ein Bezirksgericht in Virginia hat das Netzwerk Twitter aufgefordert, innerhalb von drei Tagen Daten herauszugeben."), "Daten")
    assert c.speaker.mention.text.startswith("Ein Bezirksgericht")


def test_fronted_adverbs_and_prepositions_are_not_speakers(extract):
    # sentence-initial "Offiziell", "Sinngemäß", "Bezüglich" are tagged as noun subjects
    c = one(extract("Offiziell geht die Regierung Bush davon aus, dass Nordkorea Material für zwei Atombomben besitzt."), "Nordkorea")
    assert c.speaker.mention.text.startswith("die Regierung")
    c = one(extract("Sinngemäß hofft Musk also, dass der nächste Start bald erfolgt."), "Start")
    assert c.speaker.name == "Musk"
    c = one(extract("Bezüglich des Startortes meldet die Nachrichtenagentur „Xinhua“, die Maschine sei von ihrem Hangar losgeflogen."), "Maschine")
    assert "Nachrichtenagentur" in c.speaker.mention.text


def test_fronted_object_with_an_accusative_article_is_not_the_speaker(extract):
    text = "Den Unmut der CDU brachte die gesundheitspolitische Sprecherin Annette Widmann-Mauz zum Ausdruck: „Das ist nicht hinnehmbar.“"
    c = one(extract(text), "hinnehmbar")
    assert "Widmann-Mauz" in c.speaker.name


def test_prepositional_cue_inside_the_content_of_a_speech_verb(extract):
    text = "Ein Sprecher der Polizei sagte heute, nach neuesten Erkenntnissen habe ein Unbekannter den Namen der Frau verwendet."
    claims = extract(text)
    inner = [c for c in claims if c.cue[0].text.lower().startswith("nach")]
    # the prepositional claim covers its own clause, not the speaker's frame
    assert inner
    assert "Sprecher" not in inner[0].message.text and "Unbekannter" in inner[0].message.text


def test_quoted_newspaper_name_after_the_frame_is_not_content(extract):
    text = "„Ich halte Studiengebühren für richtig“, sagte der Minister dem „Hamburger Abendblatt“."
    c = one(extract(text), "Studiengebühren")
    assert c.message.text == "Ich halte Studiengebühren für richtig"


def test_a_quote_after_dass_is_the_content_not_a_split_quote(extract):
    # the second predicate of a coordination takes the first one's subject
    text = "Zwanziger nannte die Bewerbung „sehr respektabel“, stellte aber gleichzeitig fest, dass „Europa dran ist.“"
    c = one(extract(text), "Europa")
    assert "nannte" not in c.message.text
    assert c.speaker.name == "Zwanziger"


def test_quoted_newspaper_name_after_die_is_not_the_content(extract):
    text = "„Das wird das größte Flash-Update aller Zeiten“, zitiert die „Computerwoche“ Lynch in einem Bericht."
    c = one(extract(text), "Flash-Update")
    assert c.message.text == "Das wird das größte Flash-Update aller Zeiten"
    assert c.speaker.name == "Lynch"


def test_so_frame_with_an_apposition_after_the_name(extract):
    text = "„Wir haben 1997 sechs Wochen Höchstwasserstände gehabt“, so Matthias Freude, Präsident des Landesumweltamtes."
    c = one(extract(text), "Höchstwasserstände")
    assert "Präsident" not in c.message.text
    assert c.speaker.name == "Matthias Freude"
    assert c.speaker.mention.text == "Matthias Freude, Präsident des Landesumweltamtes"


def test_source_phrases_keep_quoted_names_and_genitives_with_einer(extract):
    c = one(extract("Laut einem Artikel von „BBC News“ leben zwischen acht und zehn Millionen Menschen oberhalb der Armutsgrenze."), "Millionen")
    assert c.speaker.mention.text == "einem Artikel von „BBC News“"
    assert "BBC" not in c.message.text
    c = one(extract("„Wir sind zufrieden“, sagte Hugo Salcedo, Kopf einer Gruppe von Inspektoren, am Dienstag."), "zufrieden")
    assert c.speaker.mention.text == "Hugo Salcedo, Kopf einer Gruppe von Inspektoren"


def test_wie_clause_with_an_apposition_or_a_quoted_name(extract):
    text = "Wie Philip Aguer Panynag, ein Sprecher der Sudanesischen Befreiungsarmee (SPLA), der Presse mitteilte, seien auch neun weitere Dörfer bombardiert worden."
    c = one(extract(text), "Dörfer")
    assert [x.text for x in c.cue] == ["Wie", "mitteilte"]
    assert c.speaker.name == "Philip Aguer Panynag"
    text = "Wie die „Aktion Deutschland hilft“ heute mitteilte, werde trotz aller Behinderungen effektive Hilfe geleistet."
    c = one(extract(text), "Hilfe")
    assert [x.text for x in c.cue] == ["Wie", "mitteilte"]


@pytest.mark.parametrize("which", ["extract", "lite_extract"])
def test_wie_clause_across_a_closed_apposition_or_a_relative_clause(which, request):
    extract = request.getfixturevalue(which)
    text = "Wie Steve Marshall, Sprecher der UN-Büros in Birma, in Bangkok mitteilte, hat die Regierung lediglich sechs Hubschrauber im Einsatz."
    c = one(extract(text), "hat die Regierung")
    assert [x.text for x in c.cue] == ["Wie", "mitteilte"] and c.speaker.name == "Steve Marshall"
    text = "Wie Norman Paech, der als Begleitung des Rechtsanwaltes anwesend war, dazu feststellt, verlangt der Tatbestand mehr."
    c = one(extract(text), "verlangt")
    assert [x.text for x in c.cue] == ["Wie", "feststellt"] and c.speaker.name == "Norman Paech"


def test_temporal_nach_and_so_dass_are_no_cues(extract):
    assert not extract("Die römische Staatsanwaltschaft beantragte am Dienstag nach Abschluss der Ermittlungen die Eröffnung eines Prozesses.")
    assert not extract("Nach der Auszählung aller Stimmen liegt García mit 55,5 Prozent vorne.")
    assert not extract("Einige dieser Softwarepakete sind möglicherweise fehlerhaft, so dass sie zunächst nur mit Problemen laufen.")
    assert not extract("3.538 Rolls Royce wurden im Jahr 2011 verkauft, so viele wie noch nie seit Bestehen der Marke.")
    # the source readings stay
    assert one(extract("Nach Angaben der Polizei wurden drei Menschen verletzt."), "verletzt")
    assert one(extract("„Wir sind zufrieden“, so der Sprecher."), "zufrieden")


@pytest.mark.parametrize("which", ["extract", "lite_extract"])
def test_passive_frame_after_the_message(which, request):
    """"…, wurde mitgeteilt": the passive frame is the cue; the parser makes it a conjunct
    of the message's verb, and that participle ("vereinbart") is no cue of its own. A
    surface pattern: the lite analyzer finds it too."""
    extract = request.getfixturevalue(which)
    text = (
        "Der Stahlkonzern Voestalpine hat den deutschen Zulieferer Buderus übernommen. "
        "Über den Kaufpreis sei Stillschweigen vereinbart worden, wurde mitgeteilt."
    )
    claims = extract(text)
    c = one(claims, "Kaufpreis")
    assert c.message.text == "Über den Kaufpreis sei Stillschweigen vereinbart worden"
    assert [p.text for p in c.cue] == ["wurde", "mitgeteilt"] and c.kind == "indirect"
    assert c.speaker is not None and c.speaker.name.endswith("Voestalpine")  # the subject of the sentence before
    assert not [x for x in claims if "wurde mitgeteilt" in x.message.text]
    c = one(extract("„Wir sind mit dem Ergebnis zufrieden“, wurde am Montag von der Stadt Wien bekannt gegeben."), "Ergebnis")
    assert [p.text for p in c.cue] == ["wurde", "bekannt gegeben"] and c.kind == "direct" and "Wien" in c.speaker.name
    # no reported content: a relative clause before a passive is no message
    assert not extract("Der Plan, den die Regierung im Herbst vorgelegt hatte, wurde am Freitag beschlossen.")
    # "zitiert": the one quoted is the subject of the passive, the von phrase the medium
    c = one(extract("„Wir sind bereit“, wird Panetta am Montag von der BBC zitiert."), "bereit")
    assert c.speaker.name == "Panetta" and [o.name for o in c.outlets] == ["BBC"] and c.kind == "direct"
    c = one(extract("Verteidigungsminister Boris Pistorius besuchte die Truppe. „Wir sind bereit“, wurde er zitiert."), "bereit")
    assert c.speaker.name == "Boris Pistorius"


@pytest.mark.parametrize("which", ["extract", "lite_extract"])
def test_role_and_country_are_not_the_name(which, request):
    """A country in the genitive says whose role it is, and a role noun before a name is
    the role, whatever the tagger makes of the words."""
    extract = request.getfixturevalue(which)
    c = one(extract("Der Stahlkonzern Voestalpine teilte mit, der Kaufpreis sei geheim."), "Kaufpreis")
    assert (c.speaker.name, c.speaker.kind, c.speaker.role) == ("Voestalpine", "organization", "Stahlkonzern")
    c = one(extract("Chinas Verteidigungsminister Li Shangfu sagte, man sei bereit."), "bereit")
    assert c.speaker.name == "Li Shangfu" and c.speaker.role == "Verteidigungsminister"
    c = one(extract("Russlands Verteidigungsminister erklärte, man sei bereit."), "bereit")
    assert c.speaker.name == "Russlands Verteidigungsminister" and c.speaker.kind == "person"
    c = one(extract("Die Bundesregierung Deutschlands erklärte, man sei bereit."), "bereit")
    assert c.speaker.name == "Bundesregierung Deutschlands" and c.speaker.kind == "organization"
    c = one(extract("Russland erklärte, man sei bereit."), "bereit")
    assert (c.speaker.name, c.speaker.kind) == ("Russland", "country")
    # an institution named with its seat: the place is part of the name, not the speaker
    c = one(extract("Die Staatsanwaltschaft Wien bestätigte, dass Anklage erhoben wurde."), "Anklage")
    assert (c.speaker.name, c.speaker.kind) == ("Staatsanwaltschaft Wien", "organization")


@pytest.mark.parametrize("which", ["extract", "lite_extract"])
def test_zitieren_medium_and_the_one_quoted(which, request):
    """"zitiert die Zeitung den Polizeibeamten X": the first noun phrase after "zitieren"
    is the medium, the accusative one the speaker; "zitiert ihn die Agentur" the other way
    round. Without a parse (lite) the order and the accusative article decide."""
    extract = request.getfixturevalue(which)
    c = one(extract("Die Lage sei ernst, zitiert die Zeitung den Bürgermeister Hans Moser aus dem Ort Hallstatt."), "Lage")
    assert c.speaker.name == "Hans Moser" and [o.name for o in c.outlets] == ["Zeitung"]
    c = one(extract("Die Regierung hat den Vertrag unterschrieben, zitierte die Sun am Montag eine Quelle im Ministerium."), "Vertrag")
    assert c.speaker.name.endswith("Quelle") and [o.name for o in c.outlets] == ["Sun"]


@pytest.mark.parametrize("which", ["extract", "lite_extract"])
def test_wie_clause_source_is_a_foreign_name_not_a_time(which, request):
    """"Wie „France Football“ am Montag bekannt gab": the source is the (foreign) name,
    not the day; without a parse a time after its preposition is skipped before the
    source too (the compact stanza model parses "Sonntag" as the subject there)."""
    extract = request.getfixturevalue(which)
    assert one(extract("Wie „France Football“ am Montag bekannt gab, erhält Messi den Goldenen Ball."), "Messi").speaker.name == "France Football"
    if which == "lite_extract":
        assert one(extract("Wie am Sonntag die Zeitung berichtete, sei der Vertrag unterschrieben."), "Vertrag").speaker.name == "Zeitung"


@pytest.mark.parametrize("which", ["extract", "lite_extract"])
def test_speaker_after_a_fronted_prepositional_phrase(which, request):
    """A verb-second clause has one phrase before its finite verb: when it opens with a
    preposition, the subject follows the verb, whatever nouns the phrase holds."""
    extract = request.getfixturevalue(which)
    assert one(extract("Nach dem ersten Auftritt des Ministers als designierter Parteichef erklärte Gewessler, die Koalition sei stabil."), "Koalition").speaker.name == "Gewessler"


def test_lite_participle_before_its_noun_is_an_adjective(lite_extract):
    """HanTa tags "vertraute" as a past tense; in a clause that has its finite verb
    already, between a noun and the noun it qualifies, it is an attributive adjective."""
    from claims.nlp.lite import get_lite_analyzer

    text = "Der Konzern sei in Verhandlungen mit den Eigentümern, bestätigten mit der Sache vertraute Personen am Donnerstag."
    (sent,) = get_lite_analyzer().analyze_many([text])[0]
    assert {t.text: t.xpos for t in sent.tokens}["vertraute"] == "ADJA"
    assert {t.text: t.xpos for t in sent.tokens}["bestätigten"] == "VVFIN"
    c = one(lite_extract(text), "Verhandlungen")
    assert c.speaker.name == "vertraute Personen"
    # a past tense where the clause has no other finite verb stays one
    (sent,) = get_lite_analyzer().analyze_many(["Die Regierung bestätigte Änderungen am Gesetz."])[0]
    assert sent.tokens[2].xpos == "VVFIN"


@pytest.mark.parametrize("which", ["extract", "lite_extract"])
def test_subject_before_appositions_and_inside_brackets(which, request):
    """The subject of a verb that opens its segment after appositions is in the first
    segment; a phrase before a postposition ("Ihm gegenüber") is none; a verb in brackets
    has its subject there."""
    extract = request.getfixturevalue(which)
    assert one(extract("Anna Berger, Sprecherin des Verkehrsverbunds, erklärte, die Züge würden ab Montag wieder fahren."), "Züge").speaker.name == "Anna Berger"
    assert one(extract("Die Zeugin Maria Huber, 45, beschrieb vor Gericht den Hergang: „Das Auto fuhr viel zu schnell.“"), "Auto").speaker.name == "Maria Huber"
    assert one(extract("Am Rande der Konferenz hat der Innenminister am Freitag bekanntgegeben, dass die Grenzen offen bleiben."), "Grenzen").speaker.name == "Innenminister"
    assert one(extract("Die Ministerin stellte sich den Fragen. Ihm gegenüber hat die Ministerin erklärt, sie werde nicht zurücktreten."), "zurücktreten").speaker.name == "Ministerin"
    # the paper by its lexicon name ("Der Standard") where the tagger makes it a name
    assert one(extract("Der Plan sorgte für Aufsehen (der Standard berichtete): Die Regierung wolle die Steuern senken."), "Steuern").speaker.name in {"Standard", "Der Standard"}


@pytest.mark.parametrize("which", ["extract", "lite_extract"])
def test_speakers_of_noun_cues_plural_verbs_and_late_particles(which, request):
    """The subject of the clause names the speaker of a speech noun ("kamen zu dem
    Schluss, dass"); a plural present after an adverb is finite ("Die Gewerkschaften
    hingegen befürchten, …"); a particle after a subordinate clause still completes
    its verb ("warf der Regierung, nachdem …, vor")."""
    extract = request.getfixturevalue(which)
    assert one(extract("Die Forscher kamen zu dem Schluss, dass die Maßnahmen wirken."), "Maßnahmen").speaker.name == "Forscher"
    assert one(extract("Die Gewerkschaften hingegen befürchten, die Löhne würden sinken."), "Löhne").speaker.name == "Gewerkschaften"
    c = one(extract("Die Opposition warf der Regierung, nachdem die Zahlen bekannt wurden, vor, sie habe die Öffentlichkeit getäuscht."), "getäuscht")
    assert [x.text for x in c.cue] == ["warf", "vor"] and c.speaker.name == "Opposition"


@pytest.mark.parametrize("which", ["extract", "lite_extract"])
def test_subjects_with_quoted_names_relative_clauses_and_brackets(which, request):
    """A quoted name belongs to its noun phrase, not to a quotation; a relative clause
    between the subject and its verb is skipped; a party in brackets is not the name."""
    extract = request.getfixturevalue(which)
    c = one(extract("Die Organisation „Ärzte ohne Grenzen“ weist darauf hin, dass die Lage in den Lagern immer schlechter werde."), "Lagern")
    assert c.speaker.name.startswith("Organisation")
    assert one(extract("Die Gewerkschaft, die seit Wochen für höhere Löhne streikt, erklärte, sie werde den Streik fortsetzen."), "Streik").speaker.name == "Gewerkschaft"
    assert one(extract("Landeshauptmann Thomas Stelzer (ÖVP) hat bei einem Treffen mit Vertretern der Wirtschaft (Industrie, Handel) bekräftigt, das Land stehe zu seinen Zusagen."), "Zusagen").speaker.name == "Thomas Stelzer"


@pytest.mark.parametrize("which", ["extract", "lite_extract"])
def test_frame_inside_the_reported_clause(which, request):
    """"Die Lage, sagte der Minister, sei ernst": the frame interrupts the content, which
    goes on in Konjunktiv; the subject comes after the verb (or its auxiliary)."""
    extract = request.getfixturevalue(which)
    c = one(extract("Die Lage, sagte der Minister, sei ernst."), "ernst")
    assert [p.text for p in c.message_parts] == ["Die Lage", "sei ernst"] and c.speaker.name == "Minister"
    c = one(extract("Die Regierung, teilte die Sprecherin mit, habe keine Kenntnis davon."), "Kenntnis")
    assert [p.text for p in c.message_parts] == ["Die Regierung", "habe keine Kenntnis davon"] and c.speaker.name == "Sprecherin"
    assert one(extract("„Wir sind bereit“, hat die Sprecherin am Montag mitgeteilt."), "bereit").speaker.name == "Sprecherin"
    # an object before the finite verb is no subject
    assert one(extract("Den Flüchtlingen im Lager sicherte der Präsident zu, dass sie bleiben dürften."), "bleiben").speaker.name == "Präsident"
    # a subject with a relative clause before the verb is no content
    assert not extract("Der Ministerpräsident, der die Amtsgeschäfte übergeben hatte, hat nun seine Rückkehr in die Politik angekündigt.")


@pytest.mark.parametrize("which", ["extract", "lite_extract"])
def test_wie_clause_with_apposition_and_pronoun_after_the_verb(which, request):
    """"Wie X, Y, ausführte": the subject is in the clause that "wie" opens; a nominative
    pronoun right after a verb-second verb is its subject ("Der Politik schlug er vor")."""
    extract = request.getfixturevalue(which)
    assert one(extract("Wie der Vorsitzende Richter, Ottmar Breidling, ausführte, hätte es ein Blutbad gegeben."), "Blutbad").speaker.name == "Ottmar Breidling"
    assert one(extract("Bundespräsident Horst Köhler hielt eine Rede. Der Politik schlug er vor, sich an Modellen aus den USA zu orientieren."), "Modellen").speaker.name == "Horst Köhler"


def test_lite_speaker_one_of_a_group(lite_extract):
    """Without a parse, "Einer der 13 beteiligten Feuerwehrmänner" keeps its genitive."""
    c = one(lite_extract("Einer der 13 beteiligten Feuerwehrmänner sagte: „Ich habe schon viele Hausbrände gesehen.“"), "Hausbrände")
    assert c.speaker.name == "Einer der 13 beteiligten Feuerwehrmänner"


@pytest.mark.parametrize("which", ["extract", "lite_extract"])
def test_heisst_es_inside_the_clause_and_aus_source(which, request):
    """"Die Lage, hieß es aus dem Ministerium, sei ernst": the frame interrupts the
    content, and the "aus" phrase names the source."""
    extract = request.getfixturevalue(which)
    c = one(extract("Die Regierung legte einen Plan vor. Die Lage, hieß es aus dem Ministerium, sei ernst."), "ernst")
    assert [p.text for p in c.message_parts] == ["Die Lage", "sei ernst"] and c.speaker.name == "Ministerium"
    c = one(extract("Die Gespräche seien gescheitert, hieß es am Montag aus Regierungskreisen."), "gescheitert")
    assert c.message.text == "Die Gespräche seien gescheitert" and c.speaker.name == "Regierungskreisen"


@pytest.mark.parametrize("which", ["extract", "lite_extract"])
def test_a_persons_genitive_before_a_role_is_not_the_speaker(which, request):
    """"Trumps Anwalt sagte …" is the lawyer's claim, not Trump's; "Laut Putins Sprecher"
    names the spokesman. A name after the role is the speaker's name."""
    extract = request.getfixturevalue(which)
    c = one(extract("Trumps Anwalt sagte, die Vorwürfe seien haltlos."), "haltlos")
    assert c.speaker.name != "Trumps" and c.speaker.role == "Anwalt"
    c = one(extract("Laut Putins Sprecher sei die Lage stabil."), "stabil")
    assert c.speaker.name == "Putins Sprecher" and c.speaker.role == "Sprecher"
    assert one(extract("Merkels Sprecher Steffen Seibert sagte, die Regierung prüfe den Fall."), "Fall").speaker.name == "Steffen Seibert"
    assert one(extract("Klaus Müller sagte, er sei zufrieden."), "zufrieden").speaker.name == "Klaus Müller"


@pytest.mark.parametrize("which", ["extract", "lite_extract"])
def test_subject_between_auxiliary_and_participle_of_a_frame(which, request):
    """"…, hatte X damals gesagt und auf … verwiesen": the speaker stands between the
    auxiliary and the participle, not in the coordinated predicate after it."""
    extract = request.getfixturevalue(which)
    assert one(extract("Das Gesetz sei verfassungswidrig, hatte Gewessler damals gesagt und auf die Stellungnahme der Juristen verwiesen."), "verfassungswidrig").speaker.name == "Gewessler"


def test_speech_inside_unmarked_direct_speech_is_no_claim_of_its_own(extract):
    # news-train (quotation marks stripped): "sagen, dass" belongs to the minister's words
    text = "Wir können mit mehr als 90-prozentiger Wahrscheinlichkeit sagen, dass zwei zusätzliche Räume hinter der Grabkammer existieren, sagte Antikenminister Mamduch Damati am Donnerstag in Kairo."
    claims = extract(text)
    assert len(claims) == 1 and claims[0].speaker.name == "Mamduch Damati" and claims[0].message.text.startswith("Wir können")


def test_a_fronted_dass_clause_is_the_content_of_the_frame_after_it(extract):
    # news-train: the dass-clause before "erklärt Reeves" is what he claims; "dass" stays outside
    text = "Dass es gerade das Grab von Nofretete sei, das sich hinter der Kammer verbergen soll, erklärt Reeves unter anderem mit der Verbindung zwischen ihr und Tutanchamun."
    c = one(extract(text), "es gerade das Grab")
    assert c.speaker.name == "Reeves" and [x.text for x in c.cue] == ["erklärt"] and c.kind == "indirect"


def test_a_subordinate_clause_before_the_frame_is_still_no_content(extract):
    text = "Nachdem die Gespräche gescheitert waren, sagte der Minister, er werde zurücktreten."
    assert not any(c.message.text.startswith("die Gespräche") for c in extract(text))


# --- reportative "wollen" -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, claim",
    [
        ("Der Wissenschafter will in ihnen vermauerte Durchgänge erkannt haben.", True),  # news-train
        ("Der Konzern will im nächsten Jahr zwei Milliarden Euro investieren.", False),  # a plan
        ("Der Minister will zurückgetreten sein, sagte sein Sprecher.", False),  # another cue's content
    ],
)
def test_wollen_with_a_perfect_infinitive_is_the_subjects_claim(extract, text, claim):
    found = [c for c in extract(text) if [x.text for x in c.cue] == [text.split()[2]]]
    assert bool(found) == claim
    if claim:
        (c,) = found
        assert c.kind == "reported" and c.message.text == text[:-1] and c.speaker.mention.text == "Der Wissenschafter"


@pytest.mark.parametrize("first", ["Aber", "Und", "Doch"])
def test_a_sentence_joined_to_the_one_before_is_content_of_the_frame_after_it(extract, first):
    # news-train: "Aber in diesem Fall werden wir … handeln, sagte Peskow."
    text = f"{first} in diesem Fall werden wir ausgehend vom Prinzip der Gegenseitigkeit handeln, sagte Peskow."
    c = one(extract(text), f"{first} in diesem Fall")
    assert c.speaker.name == "Peskow" and [x.text for x in c.cue] == ["sagte"]


def test_a_web_site_named_by_its_domain_is_a_medium(extract):
    # news-train: "berichtet Myce.com" - the site is the speaker and the outlet
    text = "Die geschlossene Testphase wurde nun zur offenen Beta für alle Nutzer mit Microsoft-Konto, berichtet Myce.com."
    c = one(extract(text), "Die geschlossene Testphase")
    assert c.speaker.name == "Myce.com" and [o.name for o in c.outlets] == ["Myce.com"]


@pytest.mark.parametrize(
    "text",
    [
        "Forscher der John Hopkins Universität warnen nun vor einem Fehler, mit dem die Verschlüsselung von iMessage ausgehebelt werden kann.",  # news-train
        "Die Opposition verwies auf die Gebiete, in denen die Arbeitslosigkeit gestiegen ist.",
    ],
)
def test_a_relative_clause_after_the_object_is_no_content(extract, text):
    assert not any(c.message.text.startswith(("mit dem", "in denen")) for c in extract(text))


def test_a_prepositional_phrase_after_the_comma_can_open_the_content(extract):
    text = "Der Minister erklärte, in der Stadt sei die Lage ruhig."
    assert one(extract(text), "in der Stadt").speaker.name == "Minister"


@pytest.mark.parametrize("which", ["extract", "lite_extract"])
@pytest.mark.parametrize(
    "text, message",
    [
        ("Steuerreform kommt später. Wien – Die Regierung werde die Steuern nicht erhöhen, sagte Schelling am Montag.", "Die Regierung werde die Steuern nicht erhöhen"),
        ("BERLIN (Reuters) - Die Regierung werde die Steuern nicht erhöhen, sagte Schelling.", "Die Regierung werde die Steuern nicht erhöhen"),
        ("Johannesburg/Khartum/Den Haag - Die Lage sei ernst, sagte der Minister.", "Die Lage sei ernst"),
        # not a dateline: the words before the dash are no names
        ("Nein – Das stimme nicht, sagte er.", "Nein – Das stimme nicht"),
    ],
)
def test_a_dateline_is_no_part_of_the_message(which, text, message, request):
    (c,) = request.getfixturevalue(which)(text)
    assert c.message.text == message


@pytest.mark.parametrize(
    "text, start, speaker",
    [
        # verbs that are cues only in a frame after their content, with a person after them
        ("In rund drei Jahren leuchten ihre Federn aber genauso rosa wie die ihrer Eltern, weiß Tiergartendirektorin Dagmar Schratter.", "In rund drei", "Dagmar Schratter"),
        ("Zu dem Buch hat mich der Verlag überredet, grinst Van der Bellen.", "Zu dem Buch", "Van der Bellen"),
        ("Auf der anderen Seite gab es bei ihnen eine Nervosität gegen Mannschaften in ähnlichen Tabellenregionen, analysierte Barisic.", "Auf der anderen", "Barisic"),
        ("Wir können uns gerne gegenseitig Fristen auferlegen, dann aber auch im Bildungsbereich, spielte Wirtschaftskammer-Präsident Christoph Leitl den Ball an die Regierung zurück.", "Wir können", "Christoph Leitl"),
        # a relative clause after the speaker's name is not the content
        ("Juncker will sich seiner Vergangenheit nicht stellen, sondern er sucht nach Sündenböcken, urteilte Theurer, der Sonderberichterstatter der Volksvertretung zu LuxLeaks ist.", "Juncker will", "Theurer"),
        # "so X" frames: the speaker goes on after a colon; a frame between dashes
        ("Auch diese mögliche Uninformiertheit habe möglicherweise Methode, so Elshorst weiter: Die Regierung wisse genau, was sie tue.", "Auch diese", "Elshorst"),
        ("Die Qualitätskrise hat das Gebührenfernsehen erfasst, das – so Herles – ohne großen Verlust abgeschafft werden könnte.", "Die Qualitätskrise", "Herles"),
        # after "denn," the content is what follows the colon, not the narration before
        ("Zudem sprach sich Reinhold Mitterlehner für eine Nachfolgeregelung aus, denn, so Mitterlehner: Es ist eine Kriegserklärung.", "Es ist eine", "Reinhold Mitterlehner"),
    ],
)
def test_frames_after_the_content_name_their_speaker(text, start, speaker, lite_extract):
    c = one(lite_extract(text), start)
    assert c.message.text.startswith(start) and c.speaker.name == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Nach dem Zweiten Weltkrieg arbeitete sie als Trümmerfrau, fand dann in Spandau eine Anstellung als Zimmermädchen.",
        "Nur in jenem, das Kulterer zugeordnet wurde, fanden sie noch Unterlagen.",
        "Freunde von Aufbausimulationen finden mit Factorio ihre nächste Obsession, die man nicht verpassen sollte.",
        "Joaquin Phoenix trägt seinen Bauch so stolz vor sich her, wie Abe um seinen Sexappeal Bescheid weiß.",
        "Niemand weiß, was nun mit ihnen geschehen soll.",
    ],
)
def test_finden_and_wissen_elsewhere_are_no_cues(text, lite_extract):
    assert lite_extract(text) == []


def test_a_so_phrase_between_dashes_that_names_no_source_is_no_frame(lite_extract):
    assert lite_extract("Die 3.000 Migranten des Dschungels – so der Übername der Zeltstadt – wurden verlegt.") == []


def test_a_quotation_before_heisst_es_is_its_content(lite_extract):
    text = "„Werden Straftaten von Polizisten nicht verfolgt, wird dem Staat ein Bärendienst erwiesen“ heißt es dazu in einer Pressemitteilung des Vereins."
    c = one(lite_extract(text), "Werden Straftaten")
    assert c.speaker.name == "Verein" and [o.name for o in c.outlets] == ["Pressemitteilung des Vereins"]


@pytest.mark.parametrize(
    "text, start, speaker",
    [
        # quotation marks dropped: the first-person sentences before "…, sagte X" are X's words
        ("Es ist sportlich schmerzlich. Jedoch können und wollen wir einem jungen Spieler diese Chance nicht verwehren. "
         "Zudem konnten wir Rahmenbedingungen schaffen, die auch für uns in Ordnung sind, sagte Admira General Manager Alexander Friedl.",
         "Jedoch können", "Alexander Friedl"),
        # after a colon only the first-person part: "… waren um Beruhigung bemüht: Wir haben …"
        ("Die Wiener Linien waren um Beruhigung bemüht: Wir haben die Intervalle verdichtet. Wir sind vorbereitet, sagte ein Sprecher.",
         "Wir haben", "ein Sprecher"),
    ],
)
def test_unquoted_first_person_sentences_belong_to_the_frame_after_them(text, start, speaker, lite_extract):
    c = one(lite_extract(text), start)
    assert c.message.text.startswith(start) and c.speaker.name == speaker and c.kind == "direct"


@pytest.mark.parametrize(
    "text, start",
    [
        # the sentence before names the pronoun's person: narration, not quotation
        ("An uns noch nie gescheitert Für den ÖGB reagierte am Sonntag Vizepräsidentin Renate Anderl. Wir brauchen das Gespräch, appellierte sie.", "Wir brauchen"),
        # a sentence with its own speaker
        ("Bis jetzt haben wir keine Probleme, sagte Bernd-Robert Schulz von der Bundespolizei. Momentan ist die Lage bei uns ruhig, sagte ein Sprecher.", "Momentan"),
        # quotation marks show where the quotation starts
        ("„Wir sind bereit.“ Wir haben alles getan, sagte der Trainer.", "Wir haben"),
    ],
)
def test_first_person_sentences_stay_apart_when_something_else_says_who_speaks(text, start, lite_extract):
    assert one(lite_extract(text), start).message.text.startswith(start)


def test_a_verb_first_condition_after_the_cue_is_no_content(lite_extract):
    """"warnte vor einem Skandal, sollte die Operation auffliegen" states a condition; with
    a main clause after it the condition belongs to the content."""
    assert lite_extract("Der Geheimdienst warnte intern vor einem politischen Skandal, sollte die Geheimoperation auffliegen.") == []
    (c,) = lite_extract("Der Minister sagte, sollte sich die Lage verschlechtern, werde man handeln.")
    assert c.message.text == "sollte sich die Lage verschlechtern, werde man handeln"
    (c,) = lite_extract("Die Geberländer haben angekündigt, sollte Bouterse die Macht wieder übernehmen, ihre Unterstützung auszusetzen.")
    assert c.message.text == "sollte Bouterse die Macht wieder übernehmen, ihre Unterstützung auszusetzen"
