"""The speaker registry's name index finds what a pass over every entity would."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.resolve.speakers import Entity, Registry


def _first_named(entities: list[Entity], name: str) -> Entity | None:
    words = name.lower().split()
    for e in entities:
        ew = e.words
        if ew == words or (len(words) == 1 and words[0] in ew and len(words[0]) > 1) or (len(ew) == 1 and ew[0] in words):
            return e
    return None


WORDS = st.sampled_from(["Li", "Shangfu", "Olaf", "Scholz", "A", "Merkel", "Angela", "li"])


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.lists(WORDS, min_size=1, max_size=3).map(" ".join), max_size=12), st.lists(WORDS, min_size=1, max_size=3).map(" ".join))
def test_find_agrees_with_a_pass_over_every_entity(names, query):
    reg, plain = Registry(), []
    for name in names:  # as build_registry merges them
        ent = reg.find(name)
        assert ent is _first_named(plain, name)
        if ent is None:
            ent = Entity(name=name)
            reg.add(ent)
            plain.append(ent)
        elif len(name.split()) > len(ent.name.split()):
            reg.rename(ent, name)
    assert reg.find(query) is _first_named(plain, query)


def test_nearest_by_role_before_and_after():
    reg = Registry()
    for name, role, positions in [("Li Shangfu", "verteidigungsminister", [(0, 1), (5, 0)]), ("Olaf Scholz", "kanzler", [(2, 0)]), ("Boris Pistorius", "minister", [(3, 4)])]:
        e = Entity(name=name, kind="person", roles={role}, positions=positions)
        reg.add(e)
    keys = [("role", r) for r in reg.compatible_roles("minister")]
    assert [k[1] for k in keys] == ["minister", "verteidigungsminister"]
    assert reg.nearest((4, 0), keys, lambda e: True).name == "Boris Pistorius"
    assert reg.nearest((6, 0), keys, lambda e: True).name == "Li Shangfu"
    assert reg.nearest((0, 0), keys, lambda e: True).name == "Li Shangfu"  # none before: the first after
    assert reg.nearest((4, 0), keys, lambda e: e.name != "Boris Pistorius").name == "Li Shangfu"
    assert reg.nearest((4, 0), [("role", "papst")], lambda e: True) is None


# Real sentences (news-train's study part, the seeds): a role phrase and the person it names.
FRAKTIONSCHEF = (
    "Wien – Das monatelange Gezerre um die Einführung eines Bonus/Malus-Systems bei der Beschäftigung älterer Arbeitnehmer "
    "geht SPÖ-Klubobmann Andreas Schieder sichtlich auf die Nerven. In Richtung Koalitionspartner meinte der Fraktionschef "
    "bei einer Pressekonferenz, er verstehe nicht, wieso dieses Thema auf die lange Bank geschoben werde. Die Sozialpartner "
    "reagierten wenig erfreut. Eine Frist hat noch nie eine Lösung gebracht, sagte ÖGB-Chef Erich Foglar am Montag in Bad Ischl."
)
POLIZEICHEF = (
    "Duschanbe – Die Polizei im Süden Tadschikistans hat Tausende muslimische Männer zwangsweise rasiert. Vergangenes Jahr "
    "seien die Bärte von 12.818 Männern aus der Region Chatlon in Ordnung gebracht worden, sagte der örtliche Polizeichef. "
    "Die Regierung versucht seit Jahren, Fremdeinflüsse auf das Land einzudämmen. Vergangenes Jahr hatte Staatschef "
    "Emomali Rachmon verboten, Neugeborenen ausländische Namen zu geben."
)
TEASER = (
    "Die Verbindung wird immer enger: Schon beim gemeinsamen Treffen in Moskau loben China und Russland die gute "
    "Zusammenarbeit. Nun betont der chinesische Verteidigungsminister die Absicht Chinas, die \"multilaterale Koordinierung\" "
    "noch weiter auszubauen.\n\nChina will Verteidigungsminister Li Shangfu zufolge die Zusammenarbeit mit Russland verstärken."
)


def _claim_at(text: str, message_start: str, analyzer):
    """The one claim of ``text`` whose message starts with ``message_start`` ("": the one claim)."""
    from claims.document import parse_text
    from claims.pipeline import extract_document

    claims = extract_document(parse_text(text), analyzer).claims
    (c,) = [c for c in claims if c.message.text.startswith(message_start)]
    return c


def _speaker_of(text: str, message_start: str, analyzer) -> str | None:
    c = _claim_at(text, message_start, analyzer)
    return c.speaker.name if c.speaker else None


def _lite():
    from claims.nlp.lite import get_lite_analyzer

    return get_lite_analyzer()


def test_a_definite_description_refers_back_to_the_person_named_before():
    # "der Fraktionschef" is the Klubobmann named before, not the ÖGB-Chef named after
    assert _speaker_of(FRAKTIONSCHEF, "er verstehe nicht", _lite()) == "Andreas Schieder"


def test_a_role_that_only_shares_its_head_is_not_a_later_person():
    # "der örtliche Polizeichef" is not the "Staatschef" named two sentences on
    assert _speaker_of(POLIZEICHEF, "Vergangenes Jahr seien", _lite()) != "Emomali Rachmon"


def test_a_teaser_names_the_person_the_article_names_later():
    # no person before the teaser: its "Verteidigungsminister" is the one named after
    assert _speaker_of(TEASER, "die Absicht Chinas", _lite()) == "Li Shangfu"


@pytest.mark.slow
@pytest.mark.parametrize("text, start, expected", [(FRAKTIONSCHEF, "er verstehe nicht", "Andreas Schieder"), (TEASER, "die Absicht Chinas", "Li Shangfu")])
def test_the_same_with_stanza(text, start, expected, analyzer):
    assert _speaker_of(text, start, analyzer) == expected


PESKOW = (
    "Die EU verlängert ihre Sanktionen. Russland habe mit dieser Sanktionspolitik nicht begonnen und halte sie nicht für "
    "zielführend, sagte der Sprecher von Präsident Wladimir Putin, Dmitri Peskow. Die Strafen seien weder im Interesse "
    "der russischen Wirtschaft, noch im Interesse der Steuerzahler in den EU-Ländern."
)


@pytest.mark.parametrize("start", ["Russland habe", "Die Strafen seien"])
def test_the_name_in_an_apposition_after_a_role_is_the_speaker(start):
    # the spokesman is Peskow; Putin, in the von-phrase, is whose spokesman he is
    assert _speaker_of(PESKOW, start, _lite()) == "Dmitri Peskow"


@pytest.mark.slow
def test_the_apposition_with_stanza(analyzer):
    assert _speaker_of(PESKOW, "Russland habe", analyzer) == "Dmitri Peskow"


OLIGARCH = (
    "Das Medium im Besitz des russischen Oligarchen Alexander Jewgenjewitsch Lebedew werde ab 26. März nur noch online "
    "erscheinen, heißt es. Lebedew kaufte die 1986 gegründete Zeitung im Jahr 2010. Der Oligarch sagte, er habe über "
    "80 Millionen Euro in die Zeitung gesteckt."
)


def test_a_person_described_by_fortune_is_the_person_named_with_it():
    # "Oligarch" is a role word (claims/lexicons/roles.tsv): "der Oligarch" is Lebedew
    assert _speaker_of(OLIGARCH, "er habe über", _lite()) == "Alexander Jewgenjewitsch Lebedew"


WISSENSCHAFTER = (
    "Reeves hatte mit einem im vergangenen August präsentierten Aufsatz weltweit für Schlagzeilen gesorgt, sagte der "
    "britische Archäologe Nicholas Reeves. Der Wissenschafter will in ihnen vermauerte Durchgänge erkannt haben."
)


def test_a_definite_description_with_no_role_match_is_the_person_named_last():
    # "Der Wissenschafter" names no role anyone has: the person mentioned last before it
    assert _speaker_of(WISSENSCHAFTER, "Der Wissenschafter will", _lite()) == "Nicholas Reeves"


KORTE = (
    "Ein Ministeriumssprecher hatte damals argumentiert, dass die Klage sich auf eine Inspektion von 2012 beziehe. "
    "Der stellvertretende Vorsitzende der Linksfraktion, Jan Korte, forderte in der Zeitung die Einstellung von mehr "
    "Personal bei der Bundespolizei. Er sprach sich zudem dafür aus, die Privatisierung der Fluggastkontrollen rückgängig zu machen."
)


def test_er_is_the_person_named_in_the_sentence_before_not_an_older_speaker():
    # news-train; "sich dafür aussprechen" is a speech verb with its correlate (speech_verbs.tsv)
    assert _speaker_of(KORTE, "die Privatisierung", _lite()) == "Jan Korte"


@pytest.mark.parametrize(
    "text, start, expected",
    [
        ("Die Lage sei ernst, sagte Karl-Theodor zu Guttenberg am Montag.", "Die Lage", "Karl-Theodor zu Guttenberg"),
        ("Die Gespräche gingen weiter, sagte der UN-Gesandte Staffan de Mistura.", "Die Gespräche", "Staffan de Mistura"),
        ("Wir werden nicht locker lassen, sagte Außenminister Sebastian Kurz.", "Wir werden", "Sebastian Kurz"),
    ],
)
def test_a_name_keeps_its_particles_and_a_surname_that_is_also_a_word(text, start, expected):
    assert _speaker_of(text, start, _lite()) == expected


HAIDAR = (
    "Die letztinstanzliche Entscheidung des Gerichts sei unwiderruflich, sagte Badawis nach Kanada geflüchtete Ehefrau "
    "Ensaf Haidar am Sonntag der Nachrichtenagentur AFP. Dieses Urteil hat mich schockiert, sagte Haidar. Sie sei "
    "optimistisch gewesen, dass es mit dem Beginn des Fastenmonats Ramadan und dem Amtsantritt des neuen Königs Salman "
    "eine Begnadigung für politische Häftlinge wie meinen Mann geben werde, sagte sie."
)


@pytest.mark.parametrize("start", ["Die letztinstanzliche", "Sie sei optimistisch"])
def test_a_possessor_and_a_name_in_the_message_are_not_the_speaker(start):
    # "Badawis … Ehefrau Ensaf Haidar": the genitive says whose wife; "sagte sie" is not
    # the king named in what she said
    assert _speaker_of(HAIDAR, start, _lite()) == "Ensaf Haidar"


@pytest.mark.slow
@pytest.mark.parametrize("start", ["Die letztinstanzliche", "Sie sei optimistisch"])
def test_possessor_and_message_names_with_stanza(start, analyzer):
    assert _speaker_of(HAIDAR, start, analyzer) == "Ensaf Haidar"


@pytest.mark.parametrize(
    "text, mention, name",
    [
        # a quoted name after a common noun, a particle inside a name, two names joined by "und"
        ("Die Organisation „Reporter ohne Grenzen“ weist darauf hin, dass die Berichterstattung immer schwieriger werde.", "Die Organisation „Reporter ohne Grenzen“", "Organisation Reporter ohne Grenzen"),
        ("Karl-Theodor zu Guttenberg, Obmann der Fraktion, warf der Linken daraufhin vor, sie grenze sich nicht ab.", "Karl-Theodor zu Guttenberg, Obmann der Fraktion", "Karl-Theodor zu Guttenberg"),
        ("Özcan Mutlu und Benedikt Lux prangerten an, dass die Lehrer als Hilfssheriffs dienten.", "Özcan Mutlu und Benedikt Lux", "Özcan Mutlu und Benedikt Lux"),
        # two roles of one person before the name
        ("Für Sozialleistungen gelte dies nicht, sagt der Wiener Jurist und Diskriminierungsexperte Volker Frey.", "der Wiener Jurist und Diskriminierungsexperte Volker Frey", "Volker Frey"),
        # a surname the tagger takes for a common noun stays in the phrase the name was read from
        ("Mats Schönauer schreibt dazu in seinem kritischen Blog: „So tingelt die Geschichte seit Tagen ungeprüft durch nahezu alle deutsche Medien.“", "Mats Schönauer", "Mats Schönauer"),
    ],
)
def test_the_speaker_phrase_is_not_cut_short(text, mention, name):
    c = _claim_at(text, "", _lite())
    assert (c.speaker.mention.text, c.speaker.name) == (mention, name)


NAMES = [
    # sentence, message start, speaker name (lite): a speaker's name is never a possessive,
    # a date, a dative plural or an adjective cut from its noun
    ("Die Ölpreise sollten seiner Ansicht nach auch nicht weiter fallen, sagte Maier.", "Die Ölpreise", "Maier"),
    ("Deutlich gestiegen ist dem Bericht vom Donnerstag zufolge besonders der Anteil der Gewalttaten.", "Deutlich", "Bericht"),
    ("Berichten zufolge beliefen sich diese bis April auf 80 Millionen US-Dollar.", "beliefen", "Berichte"),
    ("Dann begann Slowenien, ehe auch die mazedonischen Behörden am Mittwochvormittag erklärten: Flüchtlinge aus Griechenland dürften nicht mehr passieren.", "Flüchtlinge", "mazedonische Behörden"),
    # a weekday compound or an ordinal after a name is no surname
    ("Die Lage sei ernst, sagte Reinhold Mitterlehner Montagmittag.", "Die Lage", "Reinhold Mitterlehner"),
    # particles and articles inside names, not an affiliation after a full name
    ("Die Lage sei ernst, sagte Alexander Van der Bellen am Montag.", "Die Lage", "Alexander Van der Bellen"),
    ("Die Lage sei ernst, sagte Ursula von der Leyen.", "Die Lage", "Ursula von der Leyen"),
    ("Die Lage sei ernst, sagte Arjen Hoekstra von der Universität Twente.", "Die Lage", "Arjen Hoekstra"),
    # a club's genitive before a role and a name, tagged as a noun
    ("„Das lag hier nicht vor“, sagte Schalkes Trainer Felix Magath zur Sportschau.", "Das lag", "Felix Magath"),
    # a club's name, a role and a name: the named person speaks
    ("Wir konnten Bedingungen schaffen, die für uns in Ordnung sind, sagte Admira General Manager Alexander Friedl.", "Wir konnten", "Alexander Friedl"),
    # "eigenen Angaben zufolge" at the start: the clause's subject after the verb, not the cue's noun
    ("Das Unternehmen meldet Verluste. Eigenen Angaben zufolge hat der Oligarch Alexander Lebedew über 80 Millionen Euro investiert.", "hat der Oligarch", "Alexander Lebedew"),
    # "nach UNO-Angaben", "laut Polizeiangaben": whoever gave them
    ("In Darfur wurden nach UNO-Angaben mehr als 300.000 Menschen getötet.", "In Darfur", "UNO"),
    ("Laut Polizeiangaben kamen etwa 600 Teilnehmer zur Kundgebung.", "kamen", "Polizei"),
    ("Nach Regierungsangaben sei die Lage in der Hauptstadt ruhig.", "sei die Lage", "Regierung"),
    # "nach eigenem Bekunden": the clause's subject speaks
    ("Die Band tourt wieder. Nach eigenem Bekunden hat der Sänger Alex Turner nie Drogen genommen.", "hat der Sänger", "Alex Turner"),
    # "nach seinen Worten": whose words they are
    ("Giannis Varoufakis sprach am Donnerstag im Radio. Im Jahr 2000 war nach seinen Worten eines der ersten Dinge, die Notenpressen loszuwerden.", "Im Jahr 2000", "Giannis Varoufakis"),
    # a share of a group keeps its genitive; words "des X" or "Xs Worten" are X's
    ("Heuer gab die Hälfte der Befragten an, mit dem Auto zur Arbeit zu fahren.", "mit dem Auto", "Hälfte der Befragten"),
    ("Unternehmen mit einer Mitarbeiterbeteiligung sind nach Worten des Staatssekretärs im Berliner Arbeitsministerium, Thorben Albrecht, oft innovativer und produktiver.", "Unternehmen", "Thorben Albrecht"),
    ("Müllers Worten nach sei die Lage ernst.", "sei die Lage", "Müller"),
    ("Nach Zschäpes Darstellung war Böhnhardt in Diskussionen unterlegen gewesen.", "war Böhnhardt", "Zschäpe"),
    # the subject after a fronted phrase and an auxiliary, before an apposition and the participle
    ("Vor kurzem hatte der Sprecher der Taliban, Zabihullah Mujahid, erklärt, die Taliban würden nicht verhandeln.", "die Taliban", "Zabihullah Mujahid"),
    # a role noun that is a common surname, after a given name: "Jens Bischof"
    ("Es sei die größte Tarifumstellung seit Jahrzehnten, zitiert die Süddeutsche Zeitung den Vorstand Jens Bischof.", "Es sei", "Jens Bischof"),
    ("Nach jüngsten Angaben des Gesundheitsministeriums starben 20 Menschen.", "starben", "Gesundheitsministerium"),
    # an institution named with its seat; "der" before a masculine noun is no genitive; an
    # adjective without an article in the nominative
    ("Das war aber laut Bank Austria vergleichsweise stärker bedingt.", "Das war", "Bank Austria"),
    ("Das Bildungsniveau ist niedriger, als dies laut österreichischer Erhebung der Fall war.", "dies laut", "österreichische Erhebung"),
    ("Laut deutschem Innenministerium befinden sich 18 Asylwerber darunter.", "befinden", "deutsches Innenministerium"),
    # a participle before its noun after a number is no finite verb: the subject follows "hätten"
    ("Bei etwa drei Viertel der 121 angezeigten Taten hätten die Opfer angegeben, auch sexuell bedrängt worden zu sein.", "auch sexuell", "Opfer"),
    # "sagte er NBC": the pronoun is the speaker, the name after it the channel
    ("Sicherheitsforscher Matt Jakubowski hat die Puppe untersucht. So konnte er nach eigenen Angaben auf das Mikrophon der Puppe zugreifen, sagte er NBC.", "So konnte", "Jakubowski"),
]


DESCRIPTIONS = [
    # "der 45-Jährige", "der Spanier", "der Steirer": the person named shortly before, one of
    # that nationality first and none known to be of another
    ("Auch Trainer Oscar Garcia sah Verbesserungsmöglichkeiten. Die Mannschaft sei nur 60 Minuten gut gewesen, erklärte der Spanier.", "Die Mannschaft", "Oscar Garcia"),
    ("Im Viertelfinale trifft Novak Djokovic auf den Kroaten Marin Cilic. Das war ein schwieriges Match, sagte der Serbe.", "Das war", "Novak Djokovic"),
    ("Das sah auch Ralph Hasenhüttl so. Zum Schluss ist uns der Saft ausgegangen, sagte der Steirer.", "Zum Schluss", "Ralph Hasenhüttl"),
    # a role worded differently refers back to the person named with another
    ("Der Angeklagte wird von Anwalt Werner Tomanek vertreten. Sein Mandant sei unschuldig, sagte der Verteidiger.", "Sein Mandant", "Werner Tomanek"),
    # "das Unternehmen", "der Konzern": the company named last with a noun of a company
    ("Die Firma Magna hat ein Werk in Graz. Man werde 300 Leute einstellen, teilte das Unternehmen mit.", "Man werde", "Magna"),
    # a plural is a team, not the person
    ("Nach dem Konter lag wieder Innsbruck voran, sagte Trainer Klaus Schmidt. Wir wollten den Ausgleich, sagten die Klagenfurter.", "Wir wollten", None),
]


@pytest.mark.parametrize("text, start, name", DESCRIPTIONS)
def test_a_description_refers_to_the_entity_named_before(text, start, name, analyzer):
    for an in (_lite(), analyzer):
        if name is None:
            assert _speaker_of(text, start, an) != "Klaus Schmidt"
        else:
            assert _speaker_of(text, start, an) == name


PRONOUNS = [
    # "sie" is no man named last, "er" no woman (given names and roles say the gender)
    ("Die Innenministerin Johanna Mikl-Leitner traf Kanzler Werner Faymann. Wir müssen Grenzen setzen, betonte sie.", "Wir müssen", "Johanna Mikl-Leitner"),
    ("Angela Merkel traf Barack Obama. Er sagte, das Treffen sei gut gewesen.", "das Treffen", "Barack Obama"),
    # "sie" with a plural verb is no person: the group named as a person's team, else none
    ("Die Spieler trafen Trainer Matthias Zollner. Sie baten ihn, kein Geld mehr in den Verein zu stecken.", "kein Geld", None),
    # "er" is a person named a few sentences before, not a last speaker that is none
    ("Den Vorwurf der Klientelpolitik, wonach die Arbeitgeber nur Geschenke fordern würden, will die Kammer nicht stehen lassen. "
     "Verschnupft reagierte auch Arbeiterkammer-Präsident Rudolf Kaske. Wir sind Teil der Lösung, ließ er wissen. "
     "Das schadet der Beziehung. Auch er betonte, die Sozialpartner hätten stets Vorschläge gemacht.", "die Sozialpartner", "Rudolf Kaske"),
]


@pytest.mark.parametrize("text, start, name", PRONOUNS)
def test_pronouns_agree_in_gender_and_number(text, start, name, analyzer):
    for an in (_lite(), analyzer):
        assert _speaker_of(text, start, an) == name


def test_plural_sie_after_a_team_led_by_a_person_is_that_team():
    # lite only: the compact stanza model splits "um" into "un dem"
    text = "Zu diesem Befund kam das Team um Erez Shmueli. Danach glaubten sie, Freundschaften bewerten zu können."
    assert _speaker_of(text, "Freundschaften", _lite()) == "Erez Shmueli"


@pytest.mark.parametrize(
    "text, name",
    [
        ("Die Lage sei ernst, sagte Dr. Hans Müller.", "Hans Müller"),
        ("Die Lage sei ernst, sagte Prof. Dr. Anna Berger.", "Anna Berger"),
        ("Die Lage sei ernst, sagte Mag. Peter Huber am Montag.", "Peter Huber"),
    ],
)
def test_a_title_is_no_name_and_its_full_stop_ends_no_sentence(text, name, analyzer):
    # the compact stanza model ends a sentence after "Dr."; the title is no part of the name
    for an in (_lite(), analyzer):
        assert _speaker_of(text, "Die Lage", an) == name


def test_first_person_in_an_interview_answer_is_who_answers(analyzer):
    text = (
        "STANDARD: Wie wichtig war das Thema Flüchtlinge bei dieser Wahl? Ennser-Jedenastik: Ich glaube, das ist gar nicht "
        "wichtig. STANDARD: Und die FPÖ? Ennser-Jedenastik: Meiner Meinung nach wird die Partei gewinnen."
    )
    for an in (_lite(), analyzer):
        assert _speaker_of(text, "das ist gar", an) == "Ennser-Jedenastik"
        assert _speaker_of(text, "wird die Partei", an) == "Ennser-Jedenastik"
    # one "Name:" is no interview
    assert _speaker_of("Wien: Ich glaube, das ist gar nicht wichtig.", "das ist gar", _lite()) is None


@pytest.mark.parametrize("text, start, name", NAMES)
def test_names_are_never_possessives_dates_or_cut_phrases(text, start, name):
    assert _speaker_of(text, start, _lite()) == name


@pytest.mark.parametrize(
    "text, name",
    [
        # the first apposition names the role's holder; what follows its comma is the message
        ("In einem Interview erklärte der Direktor der Internationalen Atomenergie-Organisation (IAEO), Mohammed el-Baradei, Nordkorea besitze vier Atomwaffen.", "Mohammed el-Baradei"),
        ("Solche Pläne gibt es absolut nicht, sagte die Präsidentin des griechischen Bankenverbandes, Louka Katseli, dem TV-Sender Skai am Samstag.", "Louka Katseli"),
        # an Arabic article inside a name
        ("Es gebe Berichte über Folter, sagte der UN-Hochkommissar für Menschenrechte, Zeid Raad al-Hussein, am Freitag in Genf.", "Zeid Raad al-Hussein"),
    ],
)
def test_the_apposition_after_a_role_names_the_speaker(text, name):
    c = _claim_at(text, "", _lite())
    assert c.speaker.name == name
    assert not c.speaker.mention.text.endswith(",")


@pytest.mark.parametrize(
    "text, start, name",
    [
        # the agent of a passive speech verb is its speaker, not the passive's subject
        ("Zudem wurde die Bundesregierung vom LSVD aufgefordert, dafür Sorge zu tragen, dem Jamaikaner die Einreise nach Deutschland zu verweigern.", "dafür Sorge", "LSVD"),
        ("Die al-Shabaab wurde von Kenias Regierung beschuldigt, die Anschläge verübt zu haben.", "die Anschläge", "Kenias Regierung"),
        ("Zeugen, die zweckdienliche Hinweise geben können, werden von der Polizei gebeten, sich beim Landeskriminalamt zu melden.", "sich beim", "Polizei"),
        # a "von" inside a noun phrase or another clause is no agent
        ("In dem von allen Parteien getragenen Antrag wird die Landesregierung aufgefordert, alles zu tun, um die Handlungsfähigkeit des Landes zu sichern.", "alles zu tun", None),
    ],
)
def test_the_agent_of_a_passive_is_the_speaker(text, start, name):
    assert _speaker_of(text, start, _lite()) == name


def test_an_anonymous_source_described_twice_takes_the_fuller_description():
    text = (
        "Laut einem selbsternannten Mitglied hätte es ausgereicht, dass Nissan ein japanisches Unternehmen sei. "
        "Im Falle von Nissan wurden laut einem selbsternannten Anonymous-Mitglied übrigens keine Daten entwendet."
    )
    assert _speaker_of(text, "hätte es", _lite()) == "ein selbsternanntes Anonymous-Mitglied"
    assert _speaker_of(text, "Im Falle", _lite()) == "ein selbsternanntes Anonymous-Mitglied"


def test_a_fuller_description_has_the_same_words_and_a_longer_compound_head():
    from claims.resolve.speakers import extends_description

    assert extends_description("ein Polizeisprecher", "ein Sprecher")
    assert not extends_description("ein Sprecher", "ein Polizeisprecher")
    assert not extends_description("ein hoher Beamter", "ein Beamter")
    assert not extends_description("eine Quelle", "eine Quelle")


def test_a_demonstrative_subject_is_the_person_named_before():
    text = "Der Minister traf den Botschafter Ali Rezai. Dieser bestätigte, dass auch der Kandidat protestiert habe."
    assert _speaker_of(text, "auch der Kandidat", _lite()) == "Ali Rezai"


def test_a_name_with_a_verb_in_quotation_marks_after_an_article_is_a_name():
    text = "Moritz Wohlrab von der „Aktion Deutschland hilft“ sagte, es sei in Deutschland ein falscher Eindruck entstanden."
    c = _claim_at(text, "es sei", _lite())
    assert c.speaker.name == "Moritz Wohlrab" and c.speaker.mention.text.endswith("hilft“")


def test_a_description_introduced_with_a_name_refers_back_to_it():
    """"des japanischen Autoherstellers Nissan" … "Der Autohersteller": the same noun, the
    same entity; a plural noun before two names describes neither alone."""
    text = (
        "Anonymous soll Websites des japanischen Autoherstellers Nissan attackiert haben. Wieso genau Nissan Ziel der Attacken wurde, ist nicht bekannt. "
        "Der Autohersteller habe keinerlei Verbindung zum Walfang, teilte der Autohersteller mit."
    )
    c = _claim_at(text, "", _lite())
    assert c.speaker.name == "Nissan" and c.speaker.via == "description"
    text = (
        "Am Donnerstag haben die Klubobleute Klaus Schneeberger (ÖVP) und Alfredo Rosenmaier (SPÖ) eine Änderung verkündet. "
        "Alternativvorschläge seien berücksichtigt worden, sagten die Klubobleute."
    )
    c = _claim_at(text, "Alternativ", _lite())
    assert c.speaker.name != "Klaus Schneeberger"


def test_a_pronoun_never_takes_a_person_named_only_after_it():
    text = (
        "Die deutsche Regierung hat Mängel bei den Kontrollen zugegeben. Damit hat sie es als berechtigt anerkannt, "
        "dass die EU-Kommission Deutschland verklagt hat. Der Vizevorsitzende der Linksfraktion, Jan Korte, forderte mehr Personal."
    )
    c = _claim_at(text, "die EU-Kommission", _lite())
    assert c.speaker is None or c.speaker.name != "Jan Korte"


@pytest.mark.parametrize(
    "text, name, mention, kind",
    [
        # a quoted name after a preposition inside the subject's phrase
        ("Der Geschäftsführer von „Ener1“, Charles Gassenheimer, sagte, das Investment sei mit der Firmenstrategie vereinbar.",
         "Charles Gassenheimer", "Der Geschäftsführer von „Ener1“, Charles Gassenheimer", "person"),
        # "Einer der …, Name,": the apposition names the one; the first of two coordinated verbs opens the segment
        ("Einer der Putschisten, Harouna Djibrilla Adamou, dankte den Menschen für ihre Unterstützung und ergänzte, der Staatsstreich sei im besten Interesse des Landes.",
         "Harouna Djibrilla Adamou", "Einer der Putschisten, Harouna Djibrilla Adamou", "person"),
        # an indefinite pronoun speaks for an unnamed group
        ("Einige vertreten die Auffassung, die Welt befände sich momentan in der Endzeit.", "Einige", "Einige", "group"),
    ],
)
def test_subjects_with_appositions_and_indefinite_pronouns(text, name, mention, kind):
    c = _claim_at(text, "", _lite())
    assert (c.speaker.name, c.speaker.mention.text, c.speaker.kind) == (name, mention, kind)


def test_a_firm_before_a_compound_role_says_whose_role_it_is():
    """"so der ehemalige Mazda Österreich-Chef": the description of the person named before,
    not the firm; a plain role word after a name may be a surname ("Jens Bischof")."""
    text = (
        "Der neue Sprecher der Automobilimporteure, Günther Kerle, macht gegen die Verteufelung des Autos mobil. "
        "Die Autoverdrängung ist gegen die Interessen der Bevölkerung, so der ehemalige Mazda Österreich-Chef, der in Pension ging."
    )
    assert _speaker_of(text, "Die Autoverdrängung", _lite()) == "Günther Kerle"


def test_er_after_a_one_word_name_that_opens_a_clause():
    """"Mitterlehner reagierte prompt. Er sagte, …": with no person named, the one-word
    name that opens a clause before the pronoun; "einen Betrag, den er …" is not the speaker."""
    assert _speaker_of("Mitterlehner reagierte prompt. Er sagte, die Sozialpartner seien gefordert.", "die Sozialpartner", _lite()) == "Mitterlehner"
    c = _claim_at("Wehrschütz erbat einen Betrag, den er nach eigenen Angaben auch erhalten hat.", "", _lite())
    assert c.speaker is None or c.speaker.name != "ein Betrag"


PHRASES = [
    # text (derStandard), message start, speaker name
    # an extended attribute ("der in Großbritannien ansässigen") belongs to the phrase, and a
    # name inside it is not the speaker's; the article before it is no pronoun subject
    ("Die von der ÖVP geschasste Bezirksvorsteherin will bekanntgeben, ob sie erneut zur Wien-Wahl antritt.", "sie erneut", "Bezirksvorsteherin"),
    ("Der von Dawn zitierte Experte sagte, er sei besorgt wegen der großen Zahl unkontrollierter Grenzübertritte.", "er sei", "Experte"),
    ("Laut den Berichten der in Großbritannien ansässigen Beobachtungsstelle wurden 20 Menschen getötet.", "wurden", "Beobachtungsstelle"),
    ("Der in Wien lebende Künstler Max Müller sagte, die Wahl sei gefälscht.", "die Wahl", "Max Müller"),
    # a definite description with no role match is not the person named last when it is a
    # plural or the other gender (and a name after the comma that opens the content is no
    # apposition); a singular description of the same gender still refers back
    ("Die Einfuhrzölle beliefen sich auf neun Milliarden Pfund, sagte WTO-Chef Roberto Azevedo. Die Botschafterin hofft, dass die Briten eher pragmatisch als emotional entscheiden werden.", "die Briten", "Botschafterin"),
    ("Regierungschef Alexis Tsipras lehnte das Angebot ab. Daraufhin erklärten die Euro-Finanzminister, Athen werde kein Geld mehr bekommen.", "Athen", "Euro-Finanzminister"),
    ("SPÖ-Klubobmann Andreas Schieder kritisierte die ÖVP. In Richtung Koalitionspartner meinte der Fraktionschef, er verstehe nicht, wieso dieses Thema auf die lange Bank geschoben werde.", "er verstehe", "Andreas Schieder"),
]


@pytest.mark.parametrize("which", ["lite", pytest.param("stanza", marks=pytest.mark.slow)])
@pytest.mark.parametrize("text, start, name", PHRASES)
def test_attributes_and_agreement_decide_the_speaker(text, start, name, which, request):
    analyzer = _lite() if which == "lite" else request.getfixturevalue("analyzer")
    assert _speaker_of(text, start, analyzer) == name
