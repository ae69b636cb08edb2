"""Batch features: parallel workers keep input order, the prefilter (stanza only where
lite finds a cue) loses nothing on the gold files, unchanged documents are skipped, the lite analyzer works offline."""

import json
import re
import sys

import pytest
from typer.testing import CliRunner

from claims import batch
from claims.cli import app
from claims.document import parse_text, read_document
from claims.evaluate import score
from claims.pipeline import extract_documents
from tests.conftest import GOLD_DIR, MODEL_DIR, ROOT, SEEDS

runner = CliRunner()


FOCUS_TEXT = (
    "Die Bundeswettbewerbsbehörde hat am Dienstag ihren Bericht vorgelegt. "
    "Die Unternehmen hatten mit Lieferanten Preise abgesprochen, heißt es darin. "
    "Das Wetter war am Dienstag schön.\nNeuer Abschnitt ohne Punkt\n"
    "Der Konzern legte am Montag Zahlen vor. "
    "Über den Kaufpreis sei Stillschweigen vereinbart worden, wurde mitgeteilt. "
    "Laut Polizei gab es keine Verletzten. Die Feuerwehr rückte mit drei Fahrzeugen aus."
)


def test_focus_chooses_the_sentences_with_a_cue():
    from claims.focus import cue_sentences, stretches
    from claims.nlp.lite_analyzer import get_lite_analyzer

    sents = get_lite_analyzer().analyze_many([FOCUS_TEXT])[0]
    # a line without a full stop is a sentence of its own
    assert [FOCUS_TEXT[s.start : s.end] for s in sents][2:5] == ["Das Wetter war am Dienstag schön.", "Neuer Abschnitt ohne Punkt", "Der Konzern legte am Montag Zahlen vor."]
    chosen = cue_sentences(FOCUS_TEXT, sents)
    # "heißt es" (1), "laut" (6); "wurde mitgeteilt" (5) names no speaker, so the
    # sentence before it (4) is parsed too, for its subject
    assert chosen == {1, 4, 5, 6}
    assert stretches(sents, chosen) == [(sents[1].start, sents[1].end), (sents[4].start, sents[6].end)]
    assert stretches(sents, chosen, limit=50) == [(sents[1].start, sents[1].end), (sents[4].start, sents[4].end), (sents[5].start, sents[5].end), (sents[6].start, sents[6].end)]


def test_focused_analyzer_parses_only_where_the_claims_are(analyzer):
    from claims.focus import FocusedAnalyzer
    from claims.nlp.lite_analyzer import get_lite_analyzer

    focused = FocusedAnalyzer(analyzer, get_lite_analyzer())
    sents = focused.analyze_many([FOCUS_TEXT])[0]
    assert [s.index for s in sents] == list(range(8))
    assert [s.paragraph for s in sents] == [0, 0, 0, 1, 2, 2, 2, 2]
    assert [any(t.deprel == "root" for t in s.tokens) for s in sents] == [False, True, False, False, True, True, True, False]
    # offsets point into the text ("am" is stanza's two words "an dem", both at "am")
    assert all(FOCUS_TEXT[t.start : t.end] in (t.text, "am") for s in sents for t in s.tokens)
    full = extract_documents([parse_text(FOCUS_TEXT)], analyzer)[0].claims
    assert extract_documents([parse_text(FOCUS_TEXT)], focused)[0].claims == full and len(full) == 3


def test_lite_helper_prepares_the_next_batch(analyzer, monkeypatch):
    """The helper process does the lite part of the next batch; the claims are the same."""
    from claims.focus import FocusedAnalyzer, LiteHelper
    from claims.nlp.lite_analyzer import get_lite_analyzer

    monkeypatch.setattr(batch, "BATCH", 1)
    sources = [read_document(p) for p in SEEDS] + [parse_text(FOCUS_TEXT)]
    plain = [r.claims for r in batch.run(sources, progress=False, analyzer=FocusedAnalyzer(analyzer, get_lite_analyzer()))]
    helper = LiteHelper()
    try:
        helped = FocusedAnalyzer(analyzer, get_lite_analyzer(), helper=helper)
        assert [r.claims for r in batch.run(sources, progress=False, analyzer=helped)] == plain
        assert helper.used == len(sources) - 1  # every batch but the first
        helped.prefetch(["Ein anderer Text."])
        assert helper.take(["Nicht der Text."]) is None  # only exactly the prefetched texts
        if sys.platform.startswith("linux"):  # the helper's own memory: lite only, not stanza's
            from claims.focus import _own_peak_rss_mb

            assert 0 < helper.peak_rss_mb() < _own_peak_rss_mb()
    finally:
        helper.close()


def test_lite_helper_by_default_only_without_the_c_part(monkeypatch):
    """With lite's C part stanza keeps both cores; without it a helper process does lite
    on the second core. CLAIMS_LITE_HELPER=1/0 decides either way; one core, no helper."""
    import importlib.util

    monkeypatch.setattr(batch.os, "cpu_count", lambda: 2)
    monkeypatch.delenv("CLAIMS_LITE_HELPER", raising=False)
    monkeypatch.setenv("CLAIMS_LITE_C", "0")
    assert batch.helper_wanted()
    monkeypatch.setenv("CLAIMS_LITE_C", "1")
    assert batch.helper_wanted() == (importlib.util.find_spec("claims.nlp._hanta") is None)
    monkeypatch.setenv("CLAIMS_LITE_HELPER", "1")
    assert batch.helper_wanted()
    monkeypatch.setenv("CLAIMS_LITE_C", "0")
    monkeypatch.setenv("CLAIMS_LITE_HELPER", "0")
    assert not batch.helper_wanted()
    monkeypatch.setenv("CLAIMS_LITE_HELPER", "1")
    monkeypatch.setattr(batch.os, "cpu_count", lambda: 1)
    assert not batch.helper_wanted()


def test_a_long_text_is_numbered_as_one_over_its_pieces(analyzer):
    """A full parse of a text longer than a piece counts paragraphs over the whole text
    (each piece used to start again at 0)."""
    from claims.nlp.lite_analyzer import get_lite_analyzer
    from claims.nlp.stanza_analyzer import MAX_PIECE

    line = "Der Sprecher der Polizei sagte am Montag, die Lage sei ruhig."
    n = MAX_PIECE // len(line) + 20
    text = "\n\n".join([line] * n)  # pieces are cut at blank lines
    for an in (analyzer, get_lite_analyzer()):
        sents = an.analyze_many([text])[0]
        assert [(s.index, s.paragraph) for s in sents] == [(k, k) for k in range(n)]


@pytest.mark.parametrize("gold_file", ["seeds.json", "news-dev.json"])
def test_prefilter_loses_nothing_on_gold(analyzer, gold_file):
    from claims.focus import FocusedAnalyzer
    from claims.nlp.lite_analyzer import get_lite_analyzer

    gold = json.loads((GOLD_DIR / gold_file).read_text(encoding="utf-8"))
    sources = [parse_text(d["text"]) for d in gold]
    out = {}
    for name, an in (("full", analyzer), ("focused", FocusedAnalyzer(analyzer, get_lite_analyzer()))):
        res = extract_documents(sources, an)
        _, total = score(gold, {r.document.sha256: [c.model_dump(mode="json") for c in r.claims] for r in res})
        out[name] = total.scores()
    for key in ("claim_f1", "message_token_f1", "speaker_acc", "outlet_f1", "kind_acc", "verification_acc"):
        assert out["focused"][key] >= out["full"][key], key


def test_parallel_workers_keep_input_order():
    sources = [read_document(p) for p in SEEDS] * 2
    results = list(batch.run(sources, "stanza", str(MODEL_DIR), jobs=2, prefilter=True, progress=False))
    assert [r.document.sha256 for r in results] == [s.sha256 for s in sources]
    assert [len(r.claims) for r in results] == [10, 8, 10, 8]


def test_batch_run_lets_the_collector_run_less_often_and_restores_it():
    """While documents are extracted the garbage collector's young generation runs
    less often; afterwards the thresholds are the caller's again."""
    import gc

    before = gc.get_threshold()
    seen = [gc.get_threshold()[0] for _ in batch.run([read_document(p) for p in SEEDS], "lite", progress=False)]
    assert seen == [batch.YOUNG_GENERATION] * 2 and gc.get_threshold() == before


def test_batch_reads_its_input_a_batch_at_a_time(tmp_path):
    """A long run does not hold every text: the documents are read as the batches go,
    one batch ahead."""
    pulled = []

    def docs(n=3 * batch.BATCH):
        for k in range(n):
            pulled.append(k)
            yield read_document(SEEDS[k % 2])

    results = batch.run(docs(), "lite", progress=False)
    first = next(results)
    assert first.claims and len(pulled) == 2 * batch.BATCH  # this batch and the next (for the prefilter's helper)
    assert 1 + sum(1 for _ in results) == 3 * batch.BATCH == len(pulled)
    # worker processes get a few batches each ahead, not the whole input at once
    pulled.clear()
    results = batch.run(docs(6 * batch.BATCH), "lite", jobs=2, progress=False)
    first = next(results)
    assert first.claims and len(pulled) <= (batch.AHEAD * 2 + 1) * 2 + 1 < 6 * batch.BATCH
    assert 1 + sum(1 for _ in results) == 6 * batch.BATCH == len(pulled)
    # nothing to extract: no model is looked for
    assert list(batch.run(iter([]), "stanza", tmp_path / "no-model", progress=False)) == []


def test_unchanged_documents_are_skipped_when_storing(tmp_path, monkeypatch, analyzer):
    monkeypatch.setenv("CLAIMS_STANZA_DIR", str(MODEL_DIR))
    db = str(tmp_path / "s.db")
    assert runner.invoke(app, ["extract", "-q", "--db", db, str(ROOT / "seeds")]).exit_code == 0
    calls = []
    real = batch.run

    def spy(sources, *a, **k):
        calls.append(0)

        def counted():
            for src in sources:
                calls[-1] += 1
                yield src

        return real(counted(), *a, **k)

    monkeypatch.setattr(batch, "run", spy)
    r = runner.invoke(app, ["extract", "-f", "jsonl", "--db", db, str(ROOT / "seeds")])
    assert r.exit_code == 0 and calls == [0], r.output
    assert len(r.stdout.splitlines()) == 18  # the stored claims are still shown
    r = runner.invoke(app, ["extract", "-q", "--force", "--db", db, str(SEEDS[0])])
    assert calls == [0, 1]


def test_extract_prints_in_input_order_as_it_goes(tmp_path, monkeypatch):
    """Stored and newly extracted documents print in input order; jsonl and csv go out
    document by document (a long run holds no claims), csv with one header."""
    from claims.output import ClaimPrinter, Format

    db = str(tmp_path / "s.db")
    a, b = SEEDS[0], SEEDS[1]
    assert runner.invoke(app, ["extract", "-q", "--analyzer", "lite", "--db", db, str(a)]).exit_code == 0
    r = runner.invoke(app, ["extract", "-f", "jsonl", "--analyzer", "lite", "--db", db, str(b), str(a), str(b)])
    paths = [json.loads(line)["document"]["path"] for line in r.stdout.splitlines()]
    n_b = paths.count(str(b)) // 2
    assert r.exit_code == 0 and n_b > 0
    assert paths == [str(b)] * n_b + [str(a)] * (len(paths) - 2 * n_b) + [str(b)] * n_b
    r = runner.invoke(app, ["extract", "-f", "csv", "--analyzer", "lite", "--no-store", str(a), str(b)])
    lines = r.stdout.splitlines()
    assert lines[0].startswith("id,document_sha256") and sum(line.startswith("id,") for line in lines) == 1
    assert len(lines) == 1 + len(paths) - n_b
    # what is printed when
    out: list[str] = []
    claims = batch.run([read_document(a)], "lite", progress=False)
    first = next(claims).claims
    for fmt, streams in ((Format.jsonl, True), (Format.csv, True), (Format.json, False), (Format.table, False)):
        out.clear()
        p = ClaimPrinter(fmt, out.append)
        p.add(first)
        assert bool(out) == streams
        p.close()
        assert out


def test_lite_analyzer_offline_on_the_seeds():
    from claims.nlp.lite_analyzer import get_lite_analyzer, stts

    assert stts("VV(FIN)") == "VVFIN" and stts("ADJ(A)") == "ADJA"
    gold = json.loads((GOLD_DIR / "seeds.json").read_text(encoding="utf-8"))
    res = extract_documents([parse_text(d["text"]) for d in gold], get_lite_analyzer())
    _, total = score(gold, {r.document.sha256: [c.model_dump(mode="json") for c in r.claims] for r in res})
    s = total.scores()
    assert s["claim_f1"] >= 0.9 and s["verification_acc"] == 1.0
    for r, d in zip(res, gold, strict=True):
        for c in r.claims:
            assert d["text"][c.message.start : c.message.end] == c.message.text


def test_auto_falls_back_to_lite_with_a_notice(tmp_path, monkeypatch):
    monkeypatch.delenv("CLAIMS_STANZA_DIR", raising=False)
    r = runner.invoke(app, ["extract", "--no-store", "--analyzer", "auto", "--model-dir", str(tmp_path / "none"), "-f", "jsonl", str(SEEDS[1])])
    assert r.exit_code == 0
    assert "using the lite analyzer" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert len(r.stdout.splitlines()) >= 6


def test_models_commands(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMS_STANZA_DIR", str(MODEL_DIR))
    r = runner.invoke(app, ["models", "path"])
    assert r.stdout.strip() == str(MODEL_DIR)
    r = runner.invoke(app, ["models", "status"])
    assert r.exit_code == 0 and "present" in r.stdout and "depparse" in r.stdout
    assert re.search(r"compiled: lite's C part (yes|no), hot-path modules \d+ of \d+", r.stdout)
    r = runner.invoke(app, ["models", "status", "--model-dir", str(tmp_path)])
    assert r.exit_code == 1 and "missing" in r.stdout
    monkeypatch.setattr("stanza.download", lambda *a, **k: (_ for _ in ()).throw(OSError("no network")))
    r = runner.invoke(app, ["models", "download", "--model-dir", str(tmp_path / "m")])
    assert r.exit_code == 1 and "cannot download" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_lite_offsets_and_compound_heads():
    from claims.nlp.lite_analyzer import get_lite_analyzer

    an = get_lite_analyzer()
    text = "Der Bundesverkehrsminister sagte z. B. am 3. Oktober: „Das ist gut.“ Dann ging er."
    # the plain search for offsets agrees with SoMaJo's own alignment
    assert an._tokenize(text) == an._tokenize_aligned(text)
    assert all(text[a:b] == w for s in an._tokenize(text) for w, a, b in s)
    # a long unknown compound takes the tags of its head word; short words go to HanTa
    from claims.nlp.lite_analyzer import _compound_guesser

    seen = []
    guess = _compound_guesser(an._tagger, lambda w: seen.append(w) or [("analysed", 0.0)])
    assert "klimaschutzsonderminister" not in an._tagger.cache
    assert guess("klimaschutzsonderminister") == an._tagger.cache["minister"]
    assert guess("kickl") == [("analysed", 0.0)] and seen == ["kickl"]
    tok = next(t for s in an._sentences("Der Klimaschutzsonderminister sagte das.") for t in s.tokens if t.text.startswith("Klima"))
    assert tok.xpos == "NN"


def test_lite_abbreviation_guard_keeps_somajos_tokens():
    """The lookaheads in front of SoMaJo's patterns and the tests that skip a pattern
    where it cannot match change no token."""
    from somajo import SoMaJo

    from claims.nlp.lite_analyzer import get_lite_analyzer

    ours = get_lite_analyzer()._tok
    assert "(?=" in ours._tokenizer.abbreviation.pattern[:40]  # the guard is in place
    assert {".", "1", "9"} <= ours._tokenizer.abbreviation.no_start  # no abbreviation starts so
    plain = SoMaJo("de_CMC", split_camel_case=False)
    text = SEEDS[1].read_text(encoding="utf-8") + (
        "\nLaut Dr. med. Anna Huber, Univ.-Prof. an der TU Wien, u. a. zuständig für Abt. 3, sei das z.B. bzw. i.d.R. so."
        "\nDas ergab eine Umfrage im Auftrag der Bundes-SPÖ (Nr. 17, S. 4 f.), teilte Reg.-Bez. Dipl.-Ing. Maier mit."
        "\nDie Kosten stiegen um ca. 3 Mio. Euro, hieß es am 3.10.2023 vom BR-Drs. in St. Pölten usw."
        "\nAT&T und Procter & Gamble setzen auf C++ und Google+, schrieb info@example.com (oder: presse [at] example [dot] com)."
        "\nAm 12.3.2020 und 3/4/21 kam Best.-Nr. 17 (ISBN 978-3-16-148410-0) -> Lehrer/innen, Lehrer/İnnen und Kund:innen <-- 1. 23. 100. 1999."
        # the word lists and the domains, also in other cases and with ſ, K and İ
        "\nDer Dipl.-Ing. und DİPL.-İNG. sowie Sat.1, ſat.1, E.ON, T.V., tl;dr, TL;DR, 5g und 5G, /s, R/3 auf www.example.de,"
        " beispiel.DE, x.ſe, foo.Com-bar und Pan.do/ra; ohne Domain: z.B. in.Wien. Emoticons :-) ;P 8) xD D': oO :smile: ¯\\_(ツ)_/¯ <3 ^^ :-("
        # abbreviations in other cases, with umlauts, ß/ẞ and ſ
        "\nDer Präs. und PRÄS. Abg. ABG. Maier sagte u.a. U.A., Bzgl. BZGL. Str. STR. ſtr. Gem. GEM. ẞ. Ausg. bzw. Mio.-Betrag."
        # words of a full stop or a digit and a full stop, which no abbreviation starts with
        "\nSeit 1995. Dann kam der 3. Mai und 20.000. Besucher . Ende .5 und 7.a sowie 0.-Tarif ."
    )
    lines = [line for line in text.split("\n") if line.strip()]

    def tokens(tok):
        return [[(t.text, t.token_class, t.space_after, t.original_spelling) for t in s] for s in tok.tokenize_text(lines)]

    assert tokens(ours) == tokens(plain)


def test_lite_token_loops_replace_somajos_only_where_they_take_its_parameters():
    """SoMaJo's loops over a paragraph's tokens are replaced by a walk that calls its
    method only on a token with a match; with a loop of other parameters (another
    SoMaJo version) the method itself is guarded instead."""
    from types import SimpleNamespace

    import regex
    from somajo import SoMaJo

    from claims.nlp.lite_analyzer import _guard_rare_patterns

    tok = SoMaJo("de_CMC", split_camel_case=False)._tokenizer
    _guard_rare_patterns(tok)
    assert {"_split_all_matches", "_split_all_set"} <= set(vars(tok)) and "_split_matches" not in vars(tok)

    calls = []

    class Other:
        def _split_all_matches(self, regex, token_dll):
            pass

        def _split_matches(self, regex, node, token_class="regular"):
            calls.append(node.value.text)

    other = Other()
    _guard_rare_patterns(other)
    assert "_split_all_matches" not in vars(other) and "_split_matches" in vars(other)
    x = regex.compile("x")
    for text in ("abc", "xyz"):
        other._split_matches(x, SimpleNamespace(value=SimpleNamespace(text=text)))
    assert calls == ["xyz"]


def test_lite_tokenizing_leaves_no_reference_cycles():
    """SoMaJo's linked token list is unlinked after use: tokenizing leaves nothing for
    the garbage collector (whose runs over such cycles cost a tenth of lite's time)."""
    import gc

    from claims.nlp.lite_analyzer import get_lite_analyzer

    an = get_lite_analyzer()
    text = SEEDS[0].read_text(encoding="utf-8")
    an._tokenize(text)
    gc.collect()
    gc.disable()
    try:
        sentences = an._tokenize(text)
        assert gc.collect() == 0
    finally:
        gc.enable()
    assert sum(map(len, sentences)) > 100


def test_lite_pattern_tests_read_somajos_word_lists():
    """The tests that let lite skip a SoMaJo pattern are derived from the pattern itself
    and hold for every case SoMaJo's matching ignores."""
    import regex

    from claims.nlp.lite_analyzer import _DECIDING, _rare_pattern_tests, get_lite_analyzer

    tests = _rare_pattern_tests(get_lite_analyzer()._tok._tokenizer)
    words = tests["single_token_abbreviation"]
    assert words("Dipl.-Ing. Huber") and words("DIPL.-ING.") and words("SAT.1") and words("ſat.1") and words("DİPL.-İNG.")
    assert not words("Diplom-Ingenieur Huber") and not words("Sat 1")
    assert tests["single_tokens"]("im 5g-Netz") and not tests["single_tokens"]("im Netz")
    domain = tests["url_without_protocol"]
    assert domain("auf derStandard.AT") and domain("foo.Com-bar") and not domain("z.B. in Wien.")
    faces = tests["emoticon"]
    assert all(faces(t) for t in ("Super :-)", ";P", "8)", "xD", "D':", "oO", ":smile:", "¯\\_(ツ)_/¯", "^^"))
    assert not faces("Das ist gut (sagt er). Um 8 Uhr: Start.")
    plus = tests["token_with_plus_ampersand"]
    assert plus("mit NOTEPAD++ und C++Builder") and plus("bei Strategy&") and not plus("A + B & C")
    assert tests["simple_plus_ampersand_candidates"]("AT&T") and not tests["simple_plus_ampersand_candidates"]("A und B")
    assert tests["textfaces_emoji"]("so ♥‿♥ da") and tests["textfaces_space"]("(._.) ( l: ) ( .-. ) ( :l ) (._.)") and not tests["textfaces_space"]("(._.)")
    url = tests["simple_url"]
    assert url("HTTP://ORF.AT") and url("auf Www.orf.at") and not url("auf orf.at")
    assert tests["letter_apostrophe_word"]("O’Connor") and not tests["letter_apostrophe_word"]("OConnor")
    assert tests["ellipsis"]("und…") and tests["ellipsis"]("und..") and not tests["ellipsis"]("und.")
    assert tests["double_latex_quote"]("``so''") and not tests["double_latex_quote"]("„so“")
    assert tests["measurement"]("nach 5 km und") and tests["measurement"]("3,5KG") and not tests["measurement"]("5 Mio. Euro und 2015 sagte er")
    assert tests["number_range"]("von 10-12 Uhr") and tests["number_range"]("1.000–2.000") and not tests["number_range"]("Wien - 10 Jahre")
    semester = tests["semester"]
    assert semester("im WS15") and semester("SoSe2015") and semester("WIſE15") and not semester("im Winter 2015")
    # the letter before the year: every character SoMaJo's pattern takes there
    pattern = get_lite_analyzer()._tok._tokenizer.semester
    last = [chr(c) for c in range(0x110000) if pattern.fullmatch("W" + chr(c) + "15") or pattern.fullmatch("So" + chr(c) + "e15") or pattern.fullmatch("WiS" + chr(c) + "15")]
    assert last and all(semester(x + "15") for x in last)
    every = "".join(map(chr, range(0x110000)))
    assert {m.group() for m in get_lite_analyzer()._tok._tokenizer.all_parens.finditer(every)} == set("()[]{}")
    assert tests["all_parens"]("Wien (APA)") and tests["all_parens"]("[1]") and not tests["all_parens"]("Wien, APA")
    assert tests["roman_ordinal"]("Papst Johannes XXIII. sagte") and tests["roman_ordinal"]("Teil I.") and not tests["roman_ordinal"]("Papst Johannes sagte.")
    assert tests["arrow"]("a -> b") and tests["arrow"]("a \u21d2 b") and not tests["arrow"]("a - b")
    assert tests["calculation"]("3x4 und 5−2") and not tests["calculation"]("3 x 4")
    assert tests["amount"]("1.000,- Euro") and tests["amount"]("5.-") and not tests["amount"]("1.000 - 2.000")
    assert tests["ipv4"]("192.168.0.1") and tests["section_number"]("§ 3.2") and not tests["section_number"]("3. 2")
    assert tests["ordinal"]("der 3. Mai") and not tests["ordinal"]("die 3 Mai.")
    assert tests["time"]("um 12:30") and not tests["time"]("um 12: 30")
    dot_ws = tests["dot_without_space"]
    assert dot_ws("aber.Die") and not dot_ws("aber. Die 3.5 und ... und.")
    # the character after the full stop: every one SoMaJo's pattern takes there passes
    capitals = regex.findall(r"\p{Lu}", every)
    assert capitals and all(dot_ws("ab." + c + "xy") for c in capitals)
    # the tests that decide alone give the search's answer
    tok = get_lite_analyzer()._tok._tokenizer
    for name in _DECIDING:
        pattern = getattr(tok, name)
        for text in ("Satz.", "Satz", "Wirklich?!", "a, b; c: d", "5 % und 3 €", "„so“", "x – y", "…", ""):
            assert tests[name](text) == (pattern.search(text) is not None), (name, text)
    assert {m.group() for m in tok.other_punctuation.finditer(every)} == set("#<>%‰€$£₤¥°@~*„“”‚‘\"»«›‹,;:+×÷±≤≥=&–—")


def test_lite_emoji_search_is_ruled_out_only_without_emoji():
    """The plain search before SoMaJo's emoji search takes every character of its class."""
    import regex

    from claims.nlp.lite_analyzer import _MAYBE_EMOJI

    every = "".join(map(chr, range(0x110000)))
    emoji = {m.group() for m in regex.finditer(r"[\p{Extended_Pictographic}\p{Emoji_Presentation}\uFE0F]", every)}
    assert len(emoji) > 1000 and all(_MAYBE_EMOJI.search(ch) for ch in emoji)
    assert not _MAYBE_EMOJI.search("Wien – „Zitat“ … 5 € und 3 %")


def test_lite_clean_up_substitutions_are_skipped_only_where_they_change_nothing():
    """SoMaJo's clean-up patterns match no printable character but the single space
    (every code point checked), and the wrapped substitutions give SoMaJo's results."""
    from claims.nlp.lite_analyzer import _CLEAN_PATTERNS, _UnchangedSkip, get_lite_analyzer

    tok = get_lite_analyzer()._tok._tokenizer
    every = "".join(map(chr, range(0x110000)))
    for name, (pattern, _) in _CLEAN_PATTERNS.items():
        wrapped = getattr(tok, name)
        assert isinstance(wrapped, _UnchangedSkip) and wrapped.pattern == pattern
        printable = [m.group() for m in wrapped.pattern_object.finditer(every) if any(ch.isprintable() for ch in m.group())]
        assert printable == ([" "] if name == "spaces" else []), (name, printable[:5])
        repl = " " if name == "spaces" else ""
        for text in ("Ein Satz, „zitiert“.", "zwei  Leerzeichen", "Tab\there", "ge\u00adteilt", "nbsp\u00a0da", "x \ufe0f y", "Zeile\u2028neu", ""):
            assert wrapped.sub(repl, text) == wrapped.pattern_object.sub(repl, text), (name, text)


def test_lite_literal_test_looks_by_rarest_character():
    from claims.nlp.lite_analyzer import _by_rarest_char, _could_hold

    groups = dict(_by_rarest_char(["¯\\_(ツ)_/¯", "^.^", "(T_T)", "ab"]))
    assert groups["ツ"] == ("¯\\_(ツ)_/¯",) and groups["^"] == ("^.^",) and groups["_"] == ("(T_T)",) and groups["a"] == ("ab",)
    holds = _could_hold("nr.", "Str.", lower=True)
    assert holds("Best.-NR. 5") and holds("STR. 3") and holds("ſtr. 3") and holds("İ") and not holds("Straße")
    assert _could_hold("x+y", "&")("a & b") and not _could_hold("x+y", "&")("x + y")


def test_lite_compiled_morphology_matches_hanta():
    """The C search gives HanTa's own results: the tags of word forms HanTa has not seen
    (names, compounds, known words too) and the morphemes behind a lemma."""
    pytest.importorskip("claims.nlp._hanta")
    from HanTa import HanoverTagger as ht

    from claims.nlp import _hanta

    tagger = ht.HanoverTagger("morphmodel_ger.pgz")  # a fresh one: HanTa's own Python code
    model = _hanta.Model(tagger)
    words = (
        "Mitterlehner Shmueli Koch-Mehrin Landeshauptmann Stadträtin Polizeibeamten Sängerinnen Xi zurückgewiesen "
        "Sprecherin berichtete unabhängig überprüfen Bundesverkehrsminister Schaumwein-Steuer CCTV 2023 a ß"
    ).split()
    for word in (w.lower() for w in words):
        expected = tagger.analyze_forward(word)
        assert model.analyze_forward(word, tagger.strict) == [(t, float(p)) for t, p in expected]
        for tag in ("VV(FIN)", "VV(PP)", "NN", "NE", "ADJ(A)", "ADV"):
            target = -tagger.tag2int[tag]
            assert model.analyze_viterbi(word, target) == tagger.analyze_viterbi(word, target), (word, tag)


def test_lite_compiled_word_probabilities_match_hanta():
    """The C word probabilities are HanTa's _tag_word's, in its order: known words,
    unknown ones (cut off 5 below the best), any case, punctuation."""
    pytest.importorskip("claims.nlp._hanta")
    from claims.nlp.lite_analyzer import _word_probs, get_lite_analyzer

    tagger = get_lite_analyzer()._tagger
    probs = _word_probs(tagger)
    words = "Der Minister sagte , „ Xyzzyqux Bundesverkehrsminister İstanbul ſchön zurückgewiesen CCTV 2023 a ß".split()
    for word in words:
        for cs in (False, True):
            assert list(probs(word, cs).items()) == list(dict(tagger._tag_word(word, cutoff=5, casesensitive=cs, conditional=True)).items()), (word, cs)


def test_lite_with_and_without_c_tags_the_same(monkeypatch):
    """The lite analyzer gives the same tokens, tags and lemmas with the C module as with
    HanTa's pure Python code (CLAIMS_LITE_C=0)."""
    pytest.importorskip("claims.nlp._hanta")
    from claims.nlp.lite_analyzer import LiteAnalyzer, get_lite_analyzer

    fast = get_lite_analyzer()
    assert fast.compiled
    monkeypatch.setenv("CLAIMS_LITE_C", "0")
    slow = LiteAnalyzer()
    assert not slow.compiled
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]

    def rows(an):
        return [[(t.text, t.start, t.end, t.lemma, t.upos, t.xpos) for t in s.tokens] for doc in an.analyze_many(texts) for s in doc]

    assert rows(fast) == rows(slow)


def test_lite_viterbi_matches_hanta():
    """Our Viterbi over a sentence finds HanTa's own path on real news sentences."""
    from claims.nlp.lite_analyzer import get_lite_analyzer

    an = get_lite_analyzer()
    assert an._viterbi is not None
    text = SEEDS[0].read_text(encoding="utf-8")
    text += " Der Sprecher sagte, man prüfe das. Wie der Sender berichtete, sei er zurückgetreten."
    sents = [[w for w, _, _ in s] for s in an._tokenize(text)]
    assert len(sents) > 5
    for words in sents:
        assert an._viterbi(words) == an._tagger.tag_sent_viterbi(words)


def test_mmap_threshold_is_fixed_unless_the_user_set_it(monkeypatch):
    from claims.nlp import stanza_analyzer as sa

    calls = []

    class FakeLibc:
        def mallopt(self, param, value):
            calls.append((param, value))

    monkeypatch.setattr(sa, "_libc", lambda: FakeLibc())
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    sa.fix_mmap_threshold()
    assert calls == [(sa.M_MMAP_THRESHOLD, 128 * 1024)]
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "65536")
    sa.fix_mmap_threshold()
    assert len(calls) == 1
    monkeypatch.setattr(sa, "_libc", lambda: None)
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_")
    sa.fix_mmap_threshold()  # no glibc: nothing to do, no error


def test_loaded_models_are_out_of_the_collectors_reach(analyzer):
    import gc

    from claims.nlp.lite_analyzer import get_lite_analyzer

    get_lite_analyzer()
    assert gc.get_freeze_count() > 100_000  # the models' objects, frozen once loaded


def test_lite_subject_by_position():
    """Without a parse the subject of a sentence is found by position: before a
    verb-second finite verb, else right after it; none in a quotation."""
    from claims.nlp.lite_analyzer import get_lite_analyzer
    from claims.rules.syntax import np_tokens
    from claims.rules.verb_cues import main_clause_subject

    def subject(text: str) -> str | None:
        (sent,) = get_lite_analyzer().analyze_many([text])[0]
        k = main_clause_subject(sent)
        if k is None:
            return None
        lo, hi = np_tokens(sent, k)
        return " ".join(t.text for t in sent.tokens[lo : hi + 1])

    assert subject("Der Stahlkonzern Voestalpine hat den Zulieferer Buderus übernommen.") == "Der Stahlkonzern Voestalpine"
    assert subject("Am Montag legte die Regierung in Wien ihren Plan vor.") == "die Regierung"
    assert subject("„Wir sind bereit“, sagte er.") is None


def test_library_takes_the_analyzer_by_name():
    import claims

    found = claims.extract_text("Der Minister sagte, das Gesetz sei gut.", analyzer="lite")
    assert [c.message.text for c in found] == ["das Gesetz sei gut"] and found[0].speaker.name == "Minister"
    with pytest.raises(ValueError, match="unknown analyzer 'spacy'"):
        claims.extract_text("Text.", analyzer="spacy")


def test_lite_tags_are_stts():
    """HanTa's own tags map onto STTS: nouns from adjectives ("Beamten") are nouns, and
    punctuation tags keep their brackets."""
    from claims.nlp.lite_analyzer import STTS_UPOS, get_lite_analyzer, stts

    assert [stts(t) for t in ("VV(FIN)", "ADJ(A)", "NNA", "NNI", "$(", "$.", "PROAV")] == ["VVFIN", "ADJA", "NN", "NN", "$(", "$.", "PAV"]
    (sent,) = get_lite_analyzer().analyze_many(["Der Polizeibeamte (52) sagte den Abgeordneten nichts."])[0]
    assert all(t.xpos in STTS_UPOS for t in sent.tokens)
    tags = {t.text: t.upos for t in sent.tokens}
    assert tags["Abgeordneten"] == "NOUN" and tags["("] == "PUNCT"


def test_lite_capitalised_words_inside_a_sentence_are_no_verbs_or_adverbs():
    """HanTa guesses an adverb for unknown plurals in -innen and a verb for some names; a
    known adverb that opens an unsplit sentence keeps its tag."""
    from claims.nlp.lite_analyzer import get_lite_analyzer

    (sent,) = get_lite_analyzer().analyze_many(["Das teilten die beiden Sängerinnen und Bürgermeister Hans Moser auf Twitter mit."])[0]
    tags = {t.text: t.xpos for t in sent.tokens}
    assert tags["Sängerinnen"] == "NN" and tags["Moser"] == "NE"
    (sent,) = get_lite_analyzer().analyze_many(["Großfahndung nach dem Täter Unterdessen ging die Suche weiter."])[0]
    assert {t.text: t.xpos for t in sent.tokens}["Unterdessen"] == "ADV"


def test_token_is_made_by_plain_python_with_the_dataclass_fields():
    """Token.__init__ stays interpreted (faster than compiled for its attribute stores)
    and takes the dataclass's fields with their defaults."""
    import dataclasses
    import types

    from claims._compiled import MODULES
    from claims.nlp.model import Token

    assert type(Token.__init__) is types.FunctionType and "claims.nlp._interpreted" not in MODULES
    a, b = Token(0, "Wien", 3, 7), Token(i=0, text="Wien", start=3, end=7)
    assert a == b and a.lower == "wien" and a.feats == {} and a.feats is not b.feats
    assert (a.lemma, a.upos, a.xpos, a.head, a.deprel, a.ner) == ("", "", "", -1, "", "O")
    init_fields = [f.name for f in dataclasses.fields(Token) if f.init]
    assert init_fields == ["i", "text", "start", "end", "lemma", "upos", "xpos", "feats", "head", "deprel", "ner"]
    assert Token(1, "Sagte", 0, 5, "sagen", "VERB", "VVFIN", {"VerbForm": "Fin"}, 2, "root", "O").is_finite_verb
