"""SpkAtt Task 2: the scorer on hand-made pairs and prediction on a real document."""

import json

import pytest
from typer.testing import CliRunner

from claims.cli import app
from claims.eval.spkatt import ROLES, TaskScores, _hungarian, check_split, documents, predict_document, score_document
from tests.conftest import MODEL_DIR, SPKATT_DIR


def ann(message, cue=(), source=(), form="Indirect", stwr="Speech", nested=False):
    return {"Message": list(message), "Cue": list(cue), "Source": list(source), "Addr": [], "Frame": [], "Form": form, "STWR": stwr, "IsNested": nested, "HasNested": False}


def scores(gold, pred):
    s = TaskScores()
    score_document(gold, pred, s, ROLES)
    return s.summary(ROLES)


def test_identical_is_perfect():
    g = [ann(["0:1", "0:2"], ["0:0"], ["0:3"]), ann(["1:0"], form="Direct")]
    s = scores(g, [dict(a) for a in g])
    assert s["Message"]["f1"] == 100.0 and s["Roles"]["f1"] == 100.0 and s["Joint"]["f1"] == 100.0 and s["Form"]["f1"] == 100.0


def test_disjoint_is_zero():
    s = scores([ann(["0:1", "0:2"], ["0:0"])], [ann(["3:1"], ["3:0"])])
    assert s["Message"]["f1"] == 0.0 and s["Roles"]["f1"] == 0.0


def test_partial_case_worked_out_by_hand():
    # gold message 4 tokens, predicted 3 of them + 1 extra; cue right, source missing
    gold = [ann(["0:1", "0:2", "0:3", "0:4"], ["0:0"], ["0:5", "0:6"])]
    pred = [ann(["0:2", "0:3", "0:4", "0:7"], ["0:0"], [], form="Direct")]
    s = scores(gold, pred)
    assert s["Message"] == {"precision": 75.0, "recall": 75.0, "f1": 75.0}
    # roles: cue tp 1; source fn 2 -> P 1/1, R 1/3
    assert s["Roles"]["precision"] == 100.0 and s["Roles"]["recall"] == 33.33
    # joint: tp 4, fp 1, fn 3 -> P 80, R 57.14
    assert s["Joint"]["precision"] == 80.0 and s["Joint"]["recall"] == 57.14
    # form differs: nothing counts
    assert s["Form"]["f1"] == 0.0
    assert s["recall_by_form"] == {"Indirect": 75.0}


def test_assignment_is_one_to_one_and_maximal():
    assert sorted(_hungarian([[5, 4], [4, 0]])) == [(0, 1), (1, 0)]
    assert _hungarian([[1, 2, 3]]) == [(0, 2)]


def test_check_split_is_fixed():
    paths = documents(SPKATT_DIR / "train" / "task2")
    train, check = check_split(paths)
    assert len(check) == 150 and len(train) == len(paths) - 150
    assert check == check_split(list(reversed(paths)))[1][::-1] or set(check) == set(check_split(list(reversed(paths)))[1])


@pytest.fixture(scope="module")
def trial_doc():
    return json.loads(sorted((SPKATT_DIR / "trial").glob("*.json"))[0].read_text(encoding="utf-8"))


def test_prediction_keeps_tokens_and_finds_speech(analyzer, trial_doc):
    pred = predict_document(trial_doc, analyzer)
    assert pred["Sentences"] == trial_doc["Sentences"]
    ids = {f"{s['SentenceId']}:{i}" for s in trial_doc["Sentences"] for i in range(len(s["Tokens"]))}
    assert pred["Annotations"]
    for a in pred["Annotations"]:
        assert a["Form"] in {"Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported"}
        assert a["STWR"] in {"Speech", "Thought", "Writing", "ST", "SW", "TW"}
        assert set(a["Message"]) <= ids and set(a["Cue"]) <= ids and set(a["Source"]) <= ids


def test_cli_predict_and_score(tmp_path, analyzer, monkeypatch):
    monkeypatch.setenv("CLAIMS_STANZA_DIR", str(MODEL_DIR))
    runner = CliRunner()
    out = tmp_path / "pred"
    r = runner.invoke(app, ["spkatt", "predict", str(SPKATT_DIR / "trial"), str(out)])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.glob("*.json")) == sorted(p.name for p in (SPKATT_DIR / "trial").glob("*.json"))
    r = runner.invoke(app, ["spkatt", "score", "--json", str(SPKATT_DIR / "trial"), str(out)])
    res = json.loads(r.output)
    assert res["documents"] == 2 and res["subtask1"]["Message"]["f1"] > 10
    r = runner.invoke(app, ["spkatt", "score", str(SPKATT_DIR / "trial"), str(SPKATT_DIR / "trial")])
    assert "Joint    100.00  100.00  100.00" in r.output


def _by_name(which: str, analyzer):
    """The stanza analyzer of the session, or the lite one."""
    from claims.nlp.lite import get_lite_analyzer

    return analyzer if which == "stanza" else get_lite_analyzer()


def _predict(analyzer, sentences: list[str]) -> list[dict]:
    doc = {"Sentences": [{"SentenceId": i, "Tokens": s.split()} for i, s in enumerate(sentences)]}
    words = {f"{i}:{j}": w for i, s in enumerate(sentences) for j, w in enumerate(s.split())}
    out = []
    for a in predict_document(doc, analyzer)["Annotations"]:
        out.append({k: (" ".join(words[x] for x in v) if isinstance(v, list) else v) for k, v in a.items()})
    return out


def test_scheme_roles_on_real_sentences(analyzer):
    anns = _predict(analyzer, [
        "Nach Angaben von Peter Beck , dem Dekan , ist die Lage ernst .",
        "„ Wir sind entsetzt “ , sagte Honoré Durand , der Geschäftsführer des Unternehmens .",
        "Die Lage ist ernst , sagte ein Sprecher laut der Nachrichtenagentur ISNA .",
        "Der Minister hatte erklärt , er werde zurücktreten .",
        "Die Polizei geht davon aus , dass der Täter floh .",
    ])
    by_msg = {}
    for a in anns:
        by_msg.setdefault(a["Message"], []).append(a)
    beck = by_msg["ist die Lage ernst"][0]
    assert (beck["Cue"], beck["Source"]) == ("Nach", "Angaben von Peter Beck , dem Dekan")
    durand = by_msg["„ Wir sind entsetzt “"][0]
    assert durand["Form"] == "Direct" and durand["Source"] == "Honoré Durand , der Geschäftsführer des Unternehmens"
    # two speakers, one message: the relay (laut …) and the speaker
    both = {(a["Cue"], a["Source"]) for a in by_msg["Die Lage ist ernst"]}
    assert both == {("laut", "der Nachrichtenagentur ISNA"), ("sagte", "ein Sprecher")}
    assert by_msg["er werde zurücktreten"][0]["Cue"] == "hatte erklärt"
    assert by_msg["dass der Täter floh"][0]["Cue"] == "geht davon aus"


def test_free_indirect_passages_in_the_scheme(analyzer):
    anns = _predict(analyzer, [
        "Der Sprecher der Polizei sagte , die Lage sei ruhig .",
        "Am Abend kamen weitere Demonstranten in die Stadt .",
        "Sie kamen aus allen Teilen des Landes .",
        "Die Polizei habe die Straßen gesperrt .",
        "Der Täter soll aus Hamburg stammen .",
    ])
    # a Konjunktiv sentence two sentences after the claim and the reportative "soll" after it
    # form one passage of the same speaker; the indicative sentences between are narration
    passage = [a for a in anns if a["Message"].startswith("Die Polizei habe")]
    assert len(passage) == 1
    assert passage[0]["Form"] == "IndirectFreeIndirect" and passage[0]["Cue"] == ""
    assert passage[0]["Source"] == "Der Sprecher der Polizei"
    assert "Der Täter soll aus Hamburg stammen" in passage[0]["Message"]
    assert not [a for a in anns if "Demonstranten" in a["Message"]]


def test_konjunktiv_before_any_claim_is_free_indirect_without_source(analyzer):
    anns = _predict(analyzer, [
        "Das Ozonloch über der Arktis war im März so groß wie nie .",
        "Innerhalb von zwei Wochen sei das Loch über Russland und die Mongolei gezogen .",
    ])
    assert len(anns) == 1
    assert anns[0]["Form"] == "IndirectFreeIndirect"
    assert anns[0]["Message"].startswith("Innerhalb von zwei Wochen sei")
    assert anns[0]["Source"] == "" and anns[0]["Cue"] == ""


def test_quoted_names_are_not_nested_speech(analyzer):
    anns = _predict(analyzer, [
        "Bezüglich des Startortes meldet die Nachrichtenagentur „ Xinhua “ , die Maschine sei von ihrem Heimathangar in der „ Sentani Regency “ losgeflogen .",
    ])
    assert [a["Message"] for a in anns if a["IsNested"]] == []
    main = [a for a in anns if not a["IsNested"]]
    assert main and main[0]["Message"].startswith("die Maschine sei")


def test_quotation_that_goes_on_keeps_cue_and_frame(analyzer):
    anns = _predict(analyzer, [
        "„ Es ist erschütternd , was mit der Kathedrale passierte “ , sagte Beck .",
        "„ Die Menschen hier sind traumatisiert . Das ist eine große Katastrophe . “",
    ])
    second = [a for a in anns if "traumatisiert" in a["Message"]]
    assert second and second[0]["Form"] == "Direct"
    assert (second[0]["Cue"], second[0]["Source"]) == ("sagte", "Beck")
    assert second[0]["Frame"] == ", sagte Beck"


def test_frame_leaves_out_the_final_full_stop(analyzer):
    anns = _predict(analyzer, ["Die Lage ist ernst , berichtet CNN ."])
    assert anns[0]["Frame"] == ", berichtet CNN"


def test_gerüchte_nach_denen(analyzer):
    anns = _predict(analyzer, ["Es gibt auch Gerüchte , nach denen Barrett an Krebs litt ."])
    assert [(a["Cue"], a["Message"]) for a in anns] == [("nach", "Barrett an Krebs litt")]


def test_addressees_in_the_scheme(analyzer):
    anns = _predict(analyzer, [
        "Karsai sagte am Sonntag vor Journalisten , Afghanistan sei ein Opfer des Terrorismus .",
        "„ Das Alter drückt “ , sagte Georg Ratzinger zur Nachrichtenagentur dpa .",
        "Der Minister sagte zu den Vorwürfen , er sei unschuldig .",
    ])
    addr = {a["Message"]: a["Addr"] for a in anns}
    assert addr["Afghanistan sei ein Opfer des Terrorismus"] == "Journalisten"
    assert addr["„ Das Alter drückt “"] == "Nachrichtenagentur dpa"
    assert addr["er sei unschuldig"] == ""  # "zu den Vorwürfen" is the topic, not an addressee


def test_source_phrases_keep_appositions_and_quoted_names(analyzer):
    anns = _predict(analyzer, [
        "„ Wir haben jetzt vier Punkte “ , zeigte sich Milovan Rajevac , der Trainer Ghanas nach dem Spiel zufrieden .",
        "Ein Sprengsatz ist nach Angaben von der Agentur „ Interfax “ in einem Zug explodiert .",
    ])
    src = {a["Message"]: a["Source"] for a in anns}
    assert src["„ Wir haben jetzt vier Punkte “"] == "Milovan Rajevac , der Trainer Ghanas"
    # the whole source phrase is the frame's, none of it stays in the message
    assert src["Ein Sprengsatz ist in einem Zug explodiert"] == "Angaben von der Agentur „ Interfax “"


def test_source_phrase_inside_the_clause_and_titles_before_names(analyzer):
    anns = _predict(analyzer, [
        "Die Zahl der Toten ist laut einem Bericht des Bayerischen Rundfunks auf zwölf gestiegen .",
    ])
    assert anns[0]["Cue"] == "laut"
    assert anns[0]["Source"] == "einem Bericht des Bayerischen Rundfunks"


def test_heisst_es_with_a_fronted_source_phrase(analyzer):
    anns = _predict(analyzer, ["Aus Paris hieß es , das Vorgehen Khartums sei eine schwerwiegende Verletzung des Abkommens ."])
    assert anns[0]["Cue"] == "hieß es" and anns[0]["Source"] == "Aus Paris"


def test_source_with_a_long_apposition_up_to_the_verb(analyzer):
    anns = _predict(analyzer, [
        "Frank Biermann , Vorsitzender der Deutschen Journalistinnen- und Journalisten-Union für das Münsterland , sagte , die Entlassungen seien unfassbar .",
        "Moritz Wohlrab von der „ Aktion Deutschland hilft “ sagte , es sei ein falscher Eindruck entstanden .",
    ])
    src = {a["Message"]: a["Source"] for a in anns}
    assert src["die Entlassungen seien unfassbar"].endswith("für das Münsterland")
    assert src["es sei ein falscher Eindruck entstanden"] == "Moritz Wohlrab von der „ Aktion Deutschland hilft “"


def test_free_indirect_after_a_reported_speech_act_takes_its_source(analyzer):
    anns = _predict(analyzer, [
        "Der Sprecher der Polizei sagte , die Lage sei ruhig .",
        "Am Abend kamen weitere Demonstranten in die Stadt .",
        "Der Bürgermeister forderte eine rasche Untersuchung des Einsatzes .",
        "Die Beamten hätten viel zu spät eingegriffen .",
    ])
    ifi = [a for a in anns if a["Message"].startswith("Die Beamten hätten")]
    assert ifi and ifi[0]["Form"] == "IndirectFreeIndirect"
    assert ifi[0]["Source"] == "Der Bürgermeister"


SOURCE_PHRASES = [
    # sentence, a piece of its message, the scheme's source phrase
    # a place phrase, a second conjunct and a quoted name with its article belong to the phrase
    ("Ein Regierungssprecher in Berlin sagte , dass ein Airbus der Luftwaffe nach Deutschland zurückkehren musste .", "dass ein Airbus", "Ein Regierungssprecher in Berlin"),
    ("CDU und FDP setzten dem entgegen , dass es die Entscheidung der Investoren sei .", "dass es die Entscheidung", "CDU und FDP"),
    ("Die „ Süddeutsche Zeitung “ hatte gestern berichtet , 200 Mitarbeiter sollen entlassen werden .", "200 Mitarbeiter", "Die „ Süddeutsche Zeitung “"),
    # so do genitives and truncated compounds, not a relative clause
    ("Der stellvertretende Direktor der Indonesischen Such- und Rettungsagentur , Bambang Suryo Aji , sagte , dass Trümmer gefunden wurden .",
     "dass Trümmer", "Der stellvertretende Direktor der Indonesischen Such- und Rettungsagentur , Bambang Suryo Aji"),
    ("Der 81-jährige Besitzer eines Hauses hatte festgestellt , dass Mäuse sein Haus bevölkert hatten .", "dass Mäuse", "Der 81-jährige Besitzer eines Hauses"),
    ("Im Jahr 1943 , so die Untersuchungsergebnisse eines ehemaligen Amtsrichters , der bei der Zentralen Stelle ermittelt , sei er im Lager gewesen .",
     "im Lager", "die Untersuchungsergebnisse eines ehemaligen Amtsrichters"),
    # a name and its role before the verb, with one comma between them, are one phrase
    ("Rob Mueller , Klub-Sekretär der Buitenboys sagte zum „ Algemeen Dagblad “ , nach dem Spiel hätten alle Spieler die Hand gegeben .",
     "nach dem Spiel", "Rob Mueller , Klub-Sekretär der Buitenboys"),
    # an apposition that closes the sentence after the speaker
    ("Die Lage sei ernst , sagte der Ministerpräsident des Landes Niedersachsen , Christian Wulff ( CDU ) .",
     "Die Lage", "der Ministerpräsident des Landes Niedersachsen , Christian Wulff ( CDU )"),
    # capitalised words up to the verb that the tagger did not join to the subject
    ("Die Betreiberfirma Vattenfall Europe teilte mit , dass das Kernkraftwerk am Sonntag wieder Strom einspeisen werde .", "dass das Kernkraftwerk", "Die Betreiberfirma Vattenfall Europe"),
    # the medium that reports "unter Berufung auf" someone is the source, in one annotation
    ("18 Menschen sollen dabei getötet worden sein , berichtet das arabische Nachrichtenportal al-Arabiya unter Berufung auf einen Aufständischen .",
     "18 Menschen", "das arabische Nachrichtenportal al-Arabiya"),
    # a second predicate of the subject, after a quotation with a clause of its own
    ("Die Kongressabgeordnete Carolyn McCarthy erklärte , Gillibrand sei „ das Postergirl der NRA , und das repräsentiert nicht den Staat New York “ und kündigte an , 2010 gegen Gillibrand kandidieren zu wollen .",
     "kandidieren", "Die Kongressabgeordnete Carolyn McCarthy"),
    # a speech act told without content before Konjunktiv in one given sentence
    ("Die Armeeleitung hingegen sprach von einem ganz normalen Absturz der russischen Maschine vom Typ MI-17. Der Militärhubschrauber sei abgestürzt , nachdem zuvor die Munition explodierte .",
     "sei abgestürzt", "Die Armeeleitung"),
    # the subject of a perfect stands before the auxiliary
    ("Die Bundesregierung hatte den Bericht der New York Times umgehend als „ falsch “ zurückgewiesen .", "falsch", "Die Bundesregierung"),
]


@pytest.mark.parametrize("sentence, piece, source", SOURCE_PHRASES)
@pytest.mark.parametrize("which", ["stanza", "lite"])
def test_source_phrases_as_the_scheme_marks_them(which, sentence, piece, source, analyzer):
    anns = _predict(_by_name(which, analyzer), [sentence])
    assert [a["Source"] for a in anns if piece in a["Message"]] == [source]


def test_passive_cue_takes_its_agent_as_source(analyzer):
    anns = _predict(analyzer, ["Die Miliz wurde von Kenias Regierung beschuldigt , die Anschläge verübt zu haben ."])
    assert anns[0]["Source"] == "Kenias Regierung"


def test_nach_with_an_information_noun_inside_the_clause(analyzer):
    anns = _predict(analyzer, ["Dabei sind nach den Polizeiangaben elf Personen gestorben ."])
    assert (anns[0]["Cue"], anns[0]["Frame"]) == ("nach", "nach den Polizeiangaben")
    assert anns[0]["Message"] == "Dabei sind elf Personen gestorben"


def test_a_given_sentence_holding_two_is_read_as_two(analyzer):
    anns = _predict(analyzer, [
        "Sie schlug vor , diesen Punkten Priorität beizumessen . Der Streit um die Strategie der Linken war zuvor aufgeflammt .",
    ])
    assert [a["Message"] for a in anns] == ["diesen Punkten Priorität beizumessen"]


def test_free_indirect_messages_keep_their_full_stops(analyzer):
    anns = _predict(analyzer, [
        "Der Sprecher der Polizei sagte , die Lage sei ruhig .",
        "Die Polizei habe die Straßen gesperrt .",
        "Niemand sei verletzt worden .",
    ])
    passage = [a for a in anns if a["Form"] == "IndirectFreeIndirect"]
    assert passage and passage[0]["Message"] == "Die Polizei habe die Straßen gesperrt . Niemand sei verletzt worden ."
    # indirect speech with a cue ends before the full stop
    assert [a["Message"] for a in anns if a["Cue"] == "sagte"] == ["die Lage sei ruhig"]


def test_continuations_apart_are_separate_passages(analyzer):
    anns = _predict(analyzer, [
        "Rice sagte weiter , der Iran habe die Chance , die Beziehungen neu zu gestalten .",
        "An eine Wiederaufnahme diplomatischer Beziehungen sei jedoch nicht gedacht .",
        "Die USA hatten im Jahre 1980 die Beziehungen zum Iran abgebrochen .",
        "Die Gespräche sollten bald beginnen , seien aber an Bedingungen geknüpft .",
    ])
    ifi = [a["Message"] for a in anns if a["Form"] == "IndirectFreeIndirect"]
    assert ifi[0] == "An eine Wiederaufnahme diplomatischer Beziehungen sei jedoch nicht gedacht ."
    assert all("1980" not in m for m in ifi)


def test_continuation_far_from_its_speaker_takes_the_subject_before_it(analyzer):
    anns = _predict(analyzer, [
        "Der Sprecher der Polizei sagte , die Lage sei ruhig .",
        "Am Abend kamen weitere Demonstranten in die Stadt .",
        "Die Stadtverwaltung plant eine Sperrung der Innenstadt .",
        "Die Maßnahme sei notwendig , um Ausschreitungen zu verhindern .",
    ])
    ifi = [a for a in anns if a["Message"].startswith("Die Maßnahme sei")]
    assert ifi and ifi[0]["Source"] == "Die Stadtverwaltung"


def test_source_phrases_with_institution_names(analyzer):
    anns = _predict(analyzer, [
        "Der Geschäftsführer von „ Ener1 “ , Charles Gassenheimer , sagte , das Investment sei vereinbar .",
        "Ken Rice vom Institut für Astronomie in Edinburgh erklärte , die Entdeckung sei bedeutend .",
    ])
    src = {a["Message"]: a["Source"] for a in anns}
    assert src["das Investment sei vereinbar"] == "Der Geschäftsführer von „ Ener1 “ , Charles Gassenheimer"
    assert src["die Entdeckung sei bedeutend"].startswith("Ken Rice vom Institut für Astronomie")


def test_addressees_of_accusing_and_asking_verbs(analyzer):
    anns = _predict(analyzer, [
        "Klien wurde vorgeworfen , an der Schlägerei beteiligt gewesen zu sein .",
        "Kritiker werfen Obama vor , er habe die Entscheidung nur aus Kalkül getroffen .",
    ])
    addr = {a["Message"]: (a["Addr"], a["Source"]) for a in anns}
    assert addr["an der Schlägerei beteiligt gewesen zu sein"][0] == "Klien"
    assert addr["er habe die Entscheidung nur aus Kalkül getroffen"] == ("Obama", "Kritiker")


def test_dative_addressee_after_the_verb(analyzer):
    anns = _predict(analyzer, ["Der ehemalige US-Präsident Jimmy Carter sagte Reportern , dass alles friedlich verlaufen sei ."])
    assert anns[0]["Addr"] == "Reportern"


def test_anaphoric_frame_takes_the_anaphor_into_the_message(analyzer):
    anns = _predict(analyzer, [
        "In dem Fahrzeug befand sich auch eine weitere deutsche Mitarbeiterin .",
        "Das teilte die Polizei am Abend mit .",
    ])
    assert anns[0]["Message"] == "In dem Fahrzeug befand sich auch eine weitere deutsche Mitarbeiterin . Das"
    assert anns[0]["Source"] == "die Polizei"


def test_hearsay_soll_with_a_perfect_infinitive_is_free_indirect(analyzer):
    # "soll … haben" reports what others say, even before any claim; "soll" + plain
    # infinitive may be a plan and is not taken on its own
    anns = _predict(analyzer, [
        "Der Täter soll das Gebäude gestürmt und sofort wild um sich gefeuert haben .",
        "Das Heim soll im nächsten Jahr renoviert werden .",
    ])
    fi = [a for a in anns if a["Form"] == "FreeIndirect"]
    assert [a["Message"] for a in fi] == ["Der Täter soll das Gebäude gestürmt und sofort wild um sich gefeuert haben ."]
    assert not any("renoviert" in a["Message"] for a in anns)


def test_reported_speech_act_in_the_passive_needs_an_agent(analyzer):
    anns = _predict(analyzer, [
        "Die Forderungen Berningers wurden von Bundesverkehrsminister Manfred Stolpe als unrealistisch bezeichnet .",
        "Die Zahl der weltweit Infizierten wird auf 50 Millionen Menschen geschätzt .",
    ])
    rep = [a for a in anns if a["Form"] == "Reported"]
    # the agent is the source, not the grammatical subject; without an agent there is no report
    assert [a["Source"] for a in rep] == ["Bundesverkehrsminister Manfred Stolpe"]
    assert not any("Infizierten" in a["Message"] for a in anns)


@pytest.mark.parametrize("which", ["stanza", "lite"])
def test_reported_assumption_needs_its_preposition(which, analyzer):
    """"ausgehen" reports an assumption with its "von", not when lights go out."""
    anns = _predict(_by_name(which, analyzer), [
        "Die Behörden gehen von einer Autobombe aus , die unter dem Auto deponiert war .",
        "Als Zeichen gegen den Klimawandel gingen vorgestern in Europa vielerorts die Lichter aus .",
    ])
    rep = [a["Source"] for a in anns if a["Form"] == "Reported"]
    assert rep == ["Die Behörden"]


def test_nach_with_an_information_noun_inside_a_claim_has_its_own_source(analyzer):
    anns = _predict(analyzer, [
        "Ein Sprecher der Polizei , Lars Beringer , sagte heute Abend gegenüber der Presse , nach neuesten Erkenntnissen habe ein Unbekannter den Namen der Frau verwendet .",
    ])
    nach = [a for a in anns if a["Cue"] == "nach"]
    assert nach and nach[0]["Source"] == "neuesten Erkenntnissen"
    assert nach[0]["Message"] == "habe ein Unbekannter den Namen der Frau verwendet"


def test_lite_analyzer_on_the_given_tokens(tmp_path, trial_doc):
    """The lite analyzer tags SpkAtt's tokens as given (token i stays token i, nothing
    joined) and finds the reported speech in them; no stanza model is needed."""
    from claims.nlp.lite import get_lite_analyzer

    lite = get_lite_analyzer()
    text, sents = lite.analyze_pretokenized([["Der", "Sprecher", "sagte", ",", "die", "Lage", "sei", "ernst", "."], [], ["Gut", "."]])
    assert text == "Der Sprecher sagte , die Lage sei ernst . Gut ."
    assert [len(s.tokens) for s in sents] == [9, 0, 2] and [s.index for s in sents] == [0, 1, 2]
    assert all(text[t.start : t.end] == t.text for s in sents for t in s.tokens)
    assert sents[0].tokens[2].lemma == "sagen"
    pred = predict_document(trial_doc, lite)
    assert pred["Sentences"] == trial_doc["Sentences"] and pred["Annotations"]
    out = tmp_path / "pred"
    r = CliRunner().invoke(app, ["spkatt", "predict", "--analyzer", "lite", "--model-dir", str(tmp_path / "no-model"), str(SPKATT_DIR / "trial"), str(out)])
    assert r.exit_code == 0, r.output
    assert len(list(out.glob("*.json"))) == len(list((SPKATT_DIR / "trial").glob("*.json")))


@pytest.mark.parametrize("which", ["stanza", "lite"])
def test_reported_speech_act_finds_its_speaker_by_position(which, analyzer):
    """A speech act without content (the scheme's Reported form) has its speaker before
    the verb across an apposition, or after the verb when a phrase opens the sentence."""
    anns = _predict(_by_name(which, analyzer), [
        "Anna Berger , Trainerin des FC Linz , bezeichnete die Entscheidung des Verbands als verantwortungsbewusst .",
        "Als Beispiel für die Risiken nannte die Behörde die Ausbeutung von Gasen auf dem Mond .",
    ])
    rep = sorted(a["Source"] for a in anns if a["Form"] == "Reported")
    assert rep == ["Anna Berger , Trainerin des FC Linz", "die Behörde"]


def test_lite_addressee_of_an_addressing_verb():
    """Without a parse the noun phrase after "vorwerfen", "auffordern" … that is not the
    speaker is the addressee; a noun in a prepositional phrase is not."""
    from claims.nlp.lite import get_lite_analyzer

    anns = _predict(get_lite_analyzer(), [
        "Die Opposition warf der Regierung am Montag vor , sie habe die Öffentlichkeit getäuscht .",
        "In einem Brief forderte der Verband die Stadt auf , die Gebühren zu senken .",
    ])
    addr = sorted(a["Addr"] for a in anns if a["Addr"])
    assert addr == ["der Regierung", "die Stadt"]


def test_cli_sources_splits_the_missed_source_tokens(tmp_path):
    gold = [ann(["0:5", "0:6"], source=["0:0", "0:1"]), ann(["1:5"], source=["1:0", "1:1"]), ann(["2:5"], source=["2:0", "2:1", "2:2"]), ann(["3:5"], source=["3:0"])]
    pred = [ann(["0:5", "0:6"], source=["0:0", "0:1"]), ann(["1:5"], source=["1:3"]), ann(["2:5"], source=["2:0"])]
    for d, anns in (("gold", gold), ("pred", pred)):
        (tmp_path / d).mkdir()
        (tmp_path / d / "doc.json").write_text(json.dumps({"Annotations": anns, "Sentences": []}), encoding="utf-8")
    r = CliRunner().invoke(app, ["spkatt", "sources", str(tmp_path / "gold"), str(tmp_path / "pred")])
    assert r.exit_code == 0, r.output
    counts = {line[:22].strip(): int(line[22:29]) for line in r.output.splitlines()}
    assert counts == {"message not found": 1, "another phrase": 2, "cut short or run on": 2, "no source": 0}


@pytest.mark.parametrize("which", ["stanza", "lite"])
def test_a_quotation_taken_up_by_an_anaphor_keeps_its_own_frame(which, analyzer):
    anns = _predict(_by_name(which, analyzer), [
        "Die Kernaussage von Jerry Larson , dem Präsidenten von UP Aerospace , lautete dazu : „ Wir wären sehr überrascht , wenn wir einen größeren Fehler fänden . “",
        "Weiter sagte Larson : „ Unsere Untersuchungen und Verbesserungen werden ein offenes Buch sein . “",
        "Dies sagte der Präsident des Unternehmens in Richtung seiner Kunden .",
        "Man sei für die Zukunft besser aufgestellt als vor dem Start .",
    ])
    src = {a["Message"]: a["Source"] for a in anns}
    assert src["„ Unsere Untersuchungen und Verbesserungen werden ein offenes Buch sein . “"] == "Larson"
    # a continuation after a quotation does not take a subject inside it
    assert src["Man sei für die Zukunft besser aufgestellt als vor dem Start ."] == "Larson"


def test_a_continuation_after_a_quotation_keeps_the_speaker_not_a_subject_inside_it(analyzer):
    anns = _predict(analyzer, [
        "Der Leiter des Influenza-Programms der WHO , Klaus Stöhr , sagte : „ Man muss sich jetzt schon darauf vorbereiten , dass die Seuche sich weiter ausbreitet . “",
        "Die Gefahr einer Pandemie sei real .",
        "Aktuell bestehe diese Gefahr zwar noch nicht , weil das Virus noch nicht von Mensch zu Mensch übertragbar sei . „",
        "Aber das Virus hat alle Potenzen , alle Möglichkeiten , sich zu verändern , zu mutieren und dann so eine schlimme Pandemie hervorzurufen . “",
        "Bei einer Pandemie sei weltweit mit Millionen von Toten zu rechnen .",
    ])
    src = {a["Message"]: a["Source"] for a in anns}
    assert src["Bei einer Pandemie sei weltweit mit Millionen von Toten zu rechnen ."].endswith("Klaus Stöhr")


@pytest.mark.parametrize("which", ["stanza", "lite"])
def test_a_quotation_after_als_is_direct_speech(which, analyzer):
    anns = _predict(_by_name(which, analyzer), [
        "Eine ultranationalistische Organisation feierte die Absage dagegen als „ großen Erfolg für das normale Serbien “ .",
    ])
    (a,) = anns
    assert a["Form"] == "Direct" and a["Message"] == "„ großen Erfolg für das normale Serbien “"
    assert a["Source"] == "Eine ultranationalistische Organisation" and a["Cue"].startswith("feierte")


def test_a_pronoun_that_names_no_one_known_is_still_the_source():
    from claims.nlp.lite import get_lite_analyzer

    anns = _predict(get_lite_analyzer(), [
        "Dabei wurde ein 39-jähriger Landwirt von einer Kugel getroffen .",
        "Er sagte aus : „ Plötzlich zersprang die Frontscheibe meines Mähdreschers . “",
    ])
    src = {a["Message"]: a["Source"] for a in anns}
    assert src["„ Plötzlich zersprang die Frontscheibe meines Mähdreschers . “"] == "Er"


@pytest.mark.parametrize("which", ["stanza", "lite"])
def test_cues_keep_their_tense_auxiliaries(which, analyzer):
    """The scheme's cue is "hatte berichtet", "war berichtet worden"; "erklärte dazu" is
    about it, while "rief dazu auf" has its correlate."""
    anns = _predict(_by_name(which, analyzer), [
        "Die „ Süddeutsche Zeitung “ hatte gestern berichtet , 200 Mitarbeiter sollen entlassen werden .",
        "Der Sprecher der Polizei erklärte dazu , dass der Täter geflohen sei .",
        "Die Umweltschutzorganisationen hatten dazu aufgerufen , die Lichter auszuschalten .",
    ])
    cue = {a["Message"]: a["Cue"] for a in anns}
    assert cue["200 Mitarbeiter sollen entlassen werden"] == "hatte berichtet"
    assert cue["dass der Täter geflohen sei"] == "erklärte"
    assert cue["die Lichter auszuschalten"] == "hatten dazu aufgerufen"


@pytest.mark.parametrize("which", ["stanza", "lite"])
def test_a_referring_es_is_a_source_the_empty_one_is_not(which, analyzer):
    anns = _predict(_by_name(which, analyzer), [
        "Das Gericht hat sich dazu geäußert .",
        "Es weist den Vorwurf als abwegig zurück , man hätte immer weiter verhandelt .",
        "Es heißt , die Verhandlungen seien gescheitert .",
    ])
    src = {a["Message"]: a.get("Source", "") for a in anns}
    assert src["man hätte immer weiter verhandelt"] == "Es"
    assert src["die Verhandlungen seien gescheitert"] != "Es"


@pytest.mark.parametrize("which", ["stanza", "lite"])
def test_hearsay_in_a_relative_clause_is_free_indirect(which, analyzer):
    """"zwei Männer, die … verschwunden sein sollen": the clause, without the full stop."""
    anns = _predict(_by_name(which, analyzer), [
        "Die Polizei nahm am Abend zwei Verdächtige fest .",
        "Als verdächtig gelten zwei Männer , die nach der Tat in Nebenstraßen verschwunden sein sollen .",
    ])
    fi = [a for a in anns if a["Message"].startswith("die nach der Tat")]
    assert fi and fi[0]["Message"] == "die nach der Tat in Nebenstraßen verschwunden sein sollen"
    assert fi[0]["Form"] == "FreeIndirect" and fi[0]["Cue"] == ""
