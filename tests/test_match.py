"""The same claim across outlets (claims/match): normalising, matching, and groups in the
store as articles arrive, with their first appearance and the outlets that carried them."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from claims.cli import app
from claims.match import Matcher, conflicts, normalize, same_claim

run = CliRunner().invoke

# three outlets' versions of one story: the same two statements, edited; one of their own
VERSIONS = [
    (
        "dpa",
        "2023-03",
        "BERLIN (dpa) - Der Verkehrsminister hat neue Regeln angekündigt. "
        '„Wir werden die Maut für Lastwagen ab dem kommenden Jahr deutlich erhöhen“, sagte Minister Karl Berger am Montag. '
        "Berger sagte zudem, die Bahn solle mehr Geld für neue Strecken erhalten, damit der Güterverkehr wachsen könne.\n",
    ),
    (
        "APA",
        "2023-04",
        "WIEN (APA) - Deutschland plant höhere Gebühren. "
        'Minister Berger sagte: "Wir werden die Maut für Lastwagen ab dem kommenden Jahr deutlich erhöhen." '
        "Die Opposition kritisierte, die Pläne gingen an den Problemen der Spediteure völlig vorbei.\n",
    ),
    (
        "Reuters",
        "2023-05",
        "BERLIN (Reuters) - Neue Pläne für den Verkehr.\n"
        "Die Bahn solle mehr Geld für neue Strecken erhalten, damit der Güterverkehr wachsen könne, sagte Karl Berger.\n"
        "Die Maut für Lastwagen werde nicht erhöht, sagte ein Sprecher des Verbands.\n",
    ),
]


def test_normalising_folds_case_quotes_punctuation_and_spaces():
    assert normalize("„Wir  werden die MAUT erhöhen“, sagte er.") == normalize('"wir werden die Maut erhöhen", sagte er')


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Wir werden die Maut für Lastwagen ab dem kommenden Jahr deutlich erhöhen", "Wir werden die Maut für Lastwagen ab dem kommenden Jahr erhöhen", True),
        ("Wir werden die Maut für Lastwagen ab dem kommenden Jahr deutlich erhöhen", "Die Maut für Lastwagen werde ab dem kommenden Jahr nicht erhöht", False),
        ("Die Arbeitslosigkeit stieg im März auf 7,5 Prozent", "Die Arbeitslosigkeit stieg im März auf 8,5 Prozent", False),
        ("Die Bahn solle mehr Geld für neue Strecken erhalten, damit der Güterverkehr wachsen könne", "damit der Güterverkehr wachsen könne, solle die Bahn mehr Geld für neue Strecken erhalten", True),
    ],
)
def test_same_claim_in_other_words_and_not_with_another_number_or_a_negation(a, b, same):
    assert same_claim(normalize(a), normalize(b)) is same
    if not same and "nicht" in b:
        assert conflicts(normalize(a), normalize(b))


def test_speakers_must_be_compatible():
    m = normalize("Wir werden die Maut für Lastwagen ab dem kommenden Jahr deutlich erhöhen")
    assert same_claim(m, m, "Karl Berger", "Berger") and same_claim(m, m, None, "Berger")
    assert not same_claim(m, m, "Karl Berger", "Anna Schmidt")


def test_the_matcher_groups_in_memory():
    m = Matcher()
    groups = m.add_many([
        ("a", "d1", "Wir werden die Maut für Lastwagen ab dem kommenden Jahr deutlich erhöhen", "Berger"),
        ("b", "d2", "„Wir werden die Maut für Lastwagen ab dem kommenden Jahr deutlich erhöhen.“", "Karl Berger"),
        ("c", "d3", "Die Opposition lehnt die Pläne ab, weil sie den Spediteuren schaden", "Opposition"),
        ("d", "d3", "Die Opposition lehnt die Pläne ab, weil sie den Spediteuren schaden", "Opposition"),  # the same document: not grouped
    ])
    assert groups == ["a", "a", "c", "d"]


def test_three_outlets_versions_give_groups_first_appearance_and_outlets(tmp_path):
    db = str(tmp_path / "m.db")
    for k, (_, date, text) in enumerate(VERSIONS):
        f = tmp_path / f"v{k}.txt"
        f.write_text(f" date {date} Version {k}\n{text}", encoding="utf-8")
        assert run(app, ["extract", "--analyzer", "lite", "-q", "--db", db, str(f)]).exit_code == 0
    rows = [json.loads(x) for x in run(app, ["list", "--db", db, "-f", "jsonl", "--search", "Maut für Lastwagen"]).stdout.splitlines()]
    quote = next(r for r in rows if r["document"]["publisher"] == "APA" and "erhöhen" in r["message"]["text"])
    r = run(app, ["matches", quote["id"], "--db", db, "-f", "jsonl"])
    group = [json.loads(x) for x in r.stdout.splitlines()]
    assert [g["document"]["publisher"] for g in group] == ["dpa", "APA"]  # first appearance first; Reuters' denial is another claim
    assert all("Maut" in g["message"]["text"] for g in group)
    rail = next(json.loads(x) for x in run(app, ["list", "--db", db, "-f", "jsonl", "--search", "Güterverkehr"]).stdout.splitlines())
    group = [json.loads(x) for x in run(app, ["matches", rail["id"], "--db", db, "-f", "jsonl"]).stdout.splitlines()]
    assert [g["document"]["publisher"] for g in group] == ["dpa", "Reuters"]
    shown = run(app, ["show", rail["id"], "--db", db]).stdout
    assert "also in 1 other articles" in shown
    # the list counts who carried each claim and filters on it
    carried = {r["message"]["text"][:20]: r["carried"] for r in (json.loads(x) for x in run(app, ["list", "--db", db, "-f", "jsonl"]).stdout.splitlines())}
    assert carried[quote["message"]["text"][:20]] == 2 and carried["die Pläne gingen an "] == 1
    wide = [json.loads(x)["id"] for x in run(app, ["list", "--db", db, "-f", "jsonl", "--min-outlets", "2"]).stdout.splitlines()]
    assert quote["id"] in wide and rail["id"] in wide and len(wide) == 4
    # the outlet audit tells who reported first from who carried
    audit = {r["name"]: r for r in json.loads(run(app, ["outlets", "--db", db, "-f", "json"]).stdout)}
    assert (audit["dpa"]["first"], audit["dpa"]["carried"]) == (2, 0)
    assert (audit["APA"]["first"], audit["APA"]["carried"]) == (0, 1) and (audit["Reuters"]["first"], audit["Reuters"]["carried"]) == (0, 1)


def test_a_review_through_the_group_reaches_every_appearance(tmp_path):
    db = str(tmp_path / "g.db")
    for k, (_, date, text) in enumerate(VERSIONS[:2]):
        f = tmp_path / f"v{k}.txt"
        f.write_text(f" date {date} Version {k}\n{text}", encoding="utf-8")
        assert run(app, ["extract", "--analyzer", "lite", "-q", "--db", db, str(f)]).exit_code == 0
    rows = [json.loads(x) for x in run(app, ["list", "--db", db, "-f", "jsonl", "--search", "Maut für Lastwagen"]).stdout.splitlines()]
    first = next(r for r in rows if r["document"]["publisher"] == "dpa")
    r = run(app, ["verify", first["id"], "--status", "false", "--note", "Keine Belege", "--group", "--db", db, "--by", "anna"])
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 2
    statuses = {json.loads(x)["document"]["publisher"]: json.loads(x)["status"] for x in run(app, ["matches", first["id"], "--db", db, "-f", "jsonl"]).stdout.splitlines()}
    assert statuses == {"dpa": "false", "APA": "false"}
    other = next(r for r in rows if r["document"]["publisher"] == "APA")
    (h,) = json.loads(run(app, ["history", other["id"], "--db", db, "-f", "json"]).stdout)
    assert h["note"].startswith(f"[through the group of {first['id'][:12]}]") and h["reviewer"] == "anna"


# -- claims already fact-checked elsewhere ----------------------------------------------------

CLAIM = "Wir werden die Maut für Lastwagen ab dem kommenden Jahr deutlich erhöhen"


def _review(claim=CLAIM, rating="Falsch", url="https://faktencheck.example/maut"):
    return {"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": claim, "datePublished": "2023-02-01",
            "reviewRating": {"@type": "Rating", "alternateName": rating}, "author": {"@type": "Organization", "name": "Faktencheck"}, "url": url}


@pytest.fixture
def story(tmp_path):
    db = str(tmp_path / "k.db")
    f = tmp_path / "v0.txt"
    f.write_text(f" date 2023-03 Version\n{VERSIONS[0][2]}", encoding="utf-8")
    assert run(app, ["extract", "--analyzer", "lite", "-q", "--db", db, str(f)]).exit_code == 0
    return db


@pytest.mark.parametrize("shape", ["list", "datafeed", "page"])
def test_known_fact_checks_show_as_checked_before(story, tmp_path, shape):
    if shape == "list":
        path = tmp_path / "reviews.json"
        path.write_text(json.dumps([_review(), _review("Die Erde ist eine Scheibe", "Falsch", "https://faktencheck.example/erde")]), encoding="utf-8")
    elif shape == "datafeed":
        path = tmp_path / "feed.json"
        feed = {"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": [{"@type": "DataFeedItem", "item": [_review()]}]}
        path.write_text(json.dumps(feed), encoding="utf-8")
    else:
        path = tmp_path / "page.html"
        path.write_text(f'<html><head><script type="application/ld+json">{json.dumps(_review())}</script></head><body><p>Faktencheck</p></body></html>', encoding="utf-8")
    r = run(app, ["import", str(path), "--db", story])
    assert r.exit_code == 0, r.output
    assert run(app, ["import", str(path), "--db", story]).stdout.startswith("imported 0 reviews")  # once
    rows = [json.loads(x) for x in run(app, ["list", "--db", story, "-f", "jsonl"]).stdout.splitlines()]
    hit = [x for x in rows if x["checked_before"]]
    assert len(hit) == 1 and CLAIM in hit[0]["message"]["text"]
    assert hit[0]["checked_before"] == "Falsch by Faktencheck (2023-02-01, https://faktencheck.example/maut)"
    assert "checked before: Falsch by Faktencheck" in run(app, ["show", hit[0]["id"], "--db", story]).stdout


def test_our_own_claimreview_export_round_trips(story, tmp_path):
    cid = next(json.loads(x)["id"] for x in run(app, ["list", "--db", story, "-f", "jsonl", "--search", "Maut"]).stdout.splitlines())
    assert run(app, ["verify", cid, "--status", "false", "--rating", "Falsch", "--by", "anna", "--url", "https://desk.example/1", "--db", story]).exit_code == 0
    out = tmp_path / "ours.json"
    assert run(app, ["export", "--format", "claimreview", "--db", story, "-o", str(out)]).exit_code == 0
    other = str(tmp_path / "other.db")
    f = tmp_path / "v1.txt"
    f.write_text(f" date 2023-04 Version\n{VERSIONS[1][2]}", encoding="utf-8")
    assert run(app, ["extract", "--analyzer", "lite", "-q", "--db", other, str(f)]).exit_code == 0
    assert run(app, ["import", str(out), "--db", other]).stdout.startswith("imported 1 reviews")
    rows = [json.loads(x) for x in run(app, ["list", "--db", other, "-f", "jsonl"]).stdout.splitlines()]
    (checked,) = [x["checked_before"] for x in rows if x["checked_before"]]
    assert checked.startswith("Falsch by anna (") and checked.endswith(", https://desk.example/1)")


@pytest.mark.parametrize(
    "content, problem",
    [
        (json.dumps([_review(), {**_review(), "claimReviewed": ""}]), "ClaimReview 2: no claimReviewed text; nothing imported"),
        (json.dumps([{**_review(), "url": "javascript:alert(1)"}]), "ClaimReview 1: url 'javascript:alert(1)' is not an http(s) URL; nothing imported"),
        (json.dumps({"@type": "Article"}), "no ClaimReview in it"),
        ('[{"@type": "ClaimReview", ', "not JSON-LD ("),
    ],
)
def test_bad_claimreview_is_one_line_and_stores_nothing(story, tmp_path, content, problem):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    r = run(app, ["import", str(path), "--db", story])
    assert r.exit_code == 1 and problem in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    rows = [json.loads(x) for x in run(app, ["list", "--db", story, "-f", "jsonl"]).stdout.splitlines()]
    assert all("checked_before" not in x for x in rows)


def test_a_wire_copy_with_a_new_first_sentence_is_recognised_as_such(tmp_path):
    db = str(tmp_path / "w.db")
    texts = [
        (" date 2023-03 Original\n", VERSIONS[0][2]),
        (" date 2023-03 Kopie\n", "Die Lastwagenmaut steigt.\n" + VERSIONS[0][2].replace("BERLIN (dpa) - ", "")),
        (" date 2023-04 Andere\n", VERSIONS[1][2]),
    ]
    for k, (head, text) in enumerate(texts):
        f = tmp_path / f"w{k}.txt"
        f.write_text(head + text, encoding="utf-8")
        assert run(app, ["extract", "--analyzer", "lite", "-q", "--db", db, str(f)]).exit_code == 0
    rows = [json.loads(x) for x in run(app, ["list", "--db", db, "-f", "jsonl", "--search", "Güterverkehr"]).stdout.splitlines()]
    copy = next(r for r in rows if r["document"]["title"] == "Kopie")
    shown = run(app, ["show", copy["id"], "--db", db]).stdout
    assert "the article nearly copies (or is copied by): Original" in shown and "Andere" not in shown.split("also in")[0]
