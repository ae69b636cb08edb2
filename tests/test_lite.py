"""The lite analyzer (claims.nlp.lite): offsets, tags, and its speed-ups giving
SoMaJo's own tokens and HanTa's own tags."""

import json
import sys

import pytest

from claims.document import parse_text
from claims.eval.gold import score
from claims.pipeline import extract_documents
from tests.conftest import GOLD_DIR, ROOT, SEEDS


def test_lite_analyzer_offline_on_the_seeds():
    from claims.nlp.lite import get_lite_analyzer
    from claims.nlp.lite.analyzer import stts

    assert stts("VV(FIN)") == "VVFIN" and stts("ADJ(A)") == "ADJA"
    gold = json.loads((GOLD_DIR / "seeds.json").read_text(encoding="utf-8"))
    res = extract_documents([parse_text(d["text"]) for d in gold], get_lite_analyzer())
    _, total = score(gold, {r.document.sha256: [c.model_dump(mode="json") for c in r.claims] for r in res})
    s = total.scores()
    assert s["claim_f1"] >= 0.9 and s["verification_acc"] == 1.0
    for r, d in zip(res, gold, strict=True):
        for c in r.claims:
            assert d["text"][c.message.start : c.message.end] == c.message.text

def test_lite_offsets_and_compound_heads():
    from claims.nlp.lite import get_lite_analyzer

    an = get_lite_analyzer()
    text = "Der Bundesverkehrsminister sagte z. B. am 3. Oktober: „Das ist gut.“ Dann ging er."
    # the plain search for offsets agrees with SoMaJo's own alignment
    assert an._tokenize(text) == an._tokenize_aligned(text, 0)
    assert all(text[a:b] == w for s in an._tokenize(text) for w, a, b in s)


def test_lite_tokenizes_a_changed_line_with_offsets_and_the_others_as_they_stand():
    """SoMaJo drops a soft hyphen (so the token is not in the text): that line, and only
    that one, goes through SoMaJo's own alignment; every offset still slices the text."""
    from claims.nlp.lite import get_lite_analyzer

    an = get_lite_analyzer()
    text = "Er sagte, es sei gut.\nDie Bundes\u00adregierung teilte mit, sie sei zufrieden.\nDann ging er."
    sents = an._tokenize(text)
    assert [w for s in sents for w, _, _ in s][:6] == ["Er", "sagte", ",", "es", "sei", "gut"]
    for s in sents:
        for w, a, b in s:
            assert text[a:b].replace("\u00ad", "") == w.replace("\u00ad", "")
    assert sents[:1] == an._tokenize_aligned("Er sagte, es sei gut.", 0)
    # a long unknown compound takes the tags of its head word; short words go to HanTa
    from claims.nlp.lite.hanta_fast import _compound_guesser

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

    from claims.nlp.lite import get_lite_analyzer

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

    from claims.nlp.lite.somajo_fast import _guard_rare_patterns

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

def test_lite_pattern_tests_read_somajos_word_lists():
    """The tests that let lite skip a SoMaJo pattern are derived from the pattern itself
    and hold for every case SoMaJo's matching ignores."""
    import regex

    from claims.nlp.lite import get_lite_analyzer
    from claims.nlp.lite.somajo_fast import _DECIDING, _rare_pattern_tests

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

    from claims.nlp.lite.somajo_fast import _MAYBE_EMOJI

    every = "".join(map(chr, range(0x110000)))
    emoji = {m.group() for m in regex.finditer(r"[\p{Extended_Pictographic}\p{Emoji_Presentation}\uFE0F]", every)}
    assert len(emoji) > 1000 and all(_MAYBE_EMOJI.search(ch) for ch in emoji)
    assert not _MAYBE_EMOJI.search("Wien – „Zitat“ … 5 € und 3 %")

def test_lite_literal_test_looks_by_rarest_character():
    from claims.nlp.lite.somajo_fast import _by_rarest_char, _could_hold

    groups = dict(_by_rarest_char(["¯\\_(ツ)_/¯", "^.^", "(T_T)", "ab"]))
    assert groups["ツ"] == ("¯\\_(ツ)_/¯",) and groups["^"] == ("^.^",) and groups["_"] == ("(T_T)",) and groups["a"] == ("ab",)
    holds = _could_hold("nr.", "Str.", lower=True)
    assert holds("Best.-NR. 5") and holds("STR. 3") and holds("ſtr. 3") and holds("İ") and not holds("Straße")
    assert _could_hold("x+y", "&")("a & b") and not _could_hold("x+y", "&")("x + y")

def test_lite_compiled_morphology_matches_hanta():
    """The C search gives HanTa's own results: the tags of word forms HanTa has not seen
    (names, compounds, known words too) and the morphemes behind a lemma."""
    pytest.importorskip("claims.nlp.lite._hanta")
    from HanTa import HanoverTagger as ht

    from claims.nlp.lite import _hanta

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
    pytest.importorskip("claims.nlp.lite._hanta")
    from claims.nlp.lite import get_lite_analyzer
    from claims.nlp.lite.hanta_fast import _word_probs

    tagger = get_lite_analyzer()._tagger
    probs = _word_probs(tagger)
    words = "Der Minister sagte , „ Xyzzyqux Bundesverkehrsminister İstanbul ſchön zurückgewiesen CCTV 2023 a ß".split()
    for word in words:
        for cs in (False, True):
            assert list(probs(word, cs).items()) == list(dict(tagger._tag_word(word, cutoff=5, casesensitive=cs, conditional=True)).items()), (word, cs)

def test_lite_with_and_without_c_tags_the_same(monkeypatch):
    """The lite analyzer gives the same tokens, tags and lemmas with the C module as with
    HanTa's pure Python code (CLAIMS_LITE_C=0)."""
    pytest.importorskip("claims.nlp.lite._hanta")
    from claims.nlp.lite import LiteAnalyzer, get_lite_analyzer

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
    from claims.nlp.lite import get_lite_analyzer

    an = get_lite_analyzer()
    assert an._viterbi is not None
    text = SEEDS[0].read_text(encoding="utf-8")
    text += " Der Sprecher sagte, man prüfe das. Wie der Sender berichtete, sei er zurückgetreten."
    sents = [[w for w, _, _ in s] for s in an._tokenize(text)]
    assert len(sents) > 5
    for words in sents:
        assert an._viterbi(words) == an._tagger.tag_sent_viterbi(words)

def test_lite_subject_by_position():
    """Without a parse the subject of a sentence is found by position: before a
    verb-second finite verb, else right after it; none in a quotation."""
    from claims.grammar.syntax import np_tokens
    from claims.grammar.verbs import main_clause_subject
    from claims.nlp.lite import get_lite_analyzer

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

def test_lite_tags_are_stts():
    """HanTa's own tags map onto STTS: nouns from adjectives ("Beamten") are nouns, and
    punctuation tags keep their brackets."""
    from claims.nlp.lite import get_lite_analyzer
    from claims.nlp.lite.analyzer import STTS_UPOS, stts

    assert [stts(t) for t in ("VV(FIN)", "ADJ(A)", "NNA", "NNI", "$(", "$.", "PROAV")] == ["VVFIN", "ADJA", "NN", "NN", "$(", "$.", "PAV"]
    (sent,) = get_lite_analyzer().analyze_many(["Der Polizeibeamte (52) sagte den Abgeordneten nichts."])[0]
    assert all(t.xpos in STTS_UPOS for t in sent.tokens)
    tags = {t.text: t.upos for t in sent.tokens}
    assert tags["Abgeordneten"] == "NOUN" and tags["("] == "PUNCT"

def test_lite_capitalised_words_inside_a_sentence_are_no_verbs_or_adverbs():
    """HanTa guesses an adverb for unknown plurals in -innen and a verb for some names; a
    known adverb that opens an unsplit sentence keeps its tag."""
    from claims.nlp.lite import get_lite_analyzer

    (sent,) = get_lite_analyzer().analyze_many(["Das teilten die beiden Sängerinnen und Bürgermeister Hans Moser auf Twitter mit."])[0]
    tags = {t.text: t.xpos for t in sent.tokens}
    assert tags["Sängerinnen"] == "NN" and tags["Moser"] == "NE"
    (sent,) = get_lite_analyzer().analyze_many(["Großfahndung nach dem Täter Unterdessen ging die Suche weiter."])[0]
    assert {t.text: t.xpos for t in sent.tokens}["Unterdessen"] == "ADV"
    # a capitalised predicative adjective inside a sentence is a name, not after an article
    (sent,) = get_lite_analyzer().analyze_many(["Die Lage sei ernst, sagte Außenminister Kurz in der Früh."])[0]
    tags = {t.text: t.xpos for t in sent.tokens}
    assert tags["Kurz"] == "NE" and tags["Früh"] != "NE"


def test_lite_unknown_word_after_a_name_is_a_name():
    """A surname HanTa's lexicon lacks gets a guessed tag; after a name it is a name, but a
    known word, a compound of one, a weekday compound or a role before a name is not."""
    from claims.nlp.lite import get_lite_analyzer

    def tags(text):
        (sent,) = get_lite_analyzer().analyze_many([text])[0]
        return {t.text: t.xpos for t in sent.tokens}

    t = tags("Ministerin Gitta Trauernicht (SPD) und Mats Schönauer sagten am Montag nichts.")
    assert t["Trauernicht"] == "NE" and t["Schönauer"] == "NE"
    t = tags("Das sagte Reinhold Mitterlehner Montagmittag, während Österreichs Energieregulator Walter Boltz schwieg.")
    assert t["Montagmittag"] != "NE" and t["Energieregulator"] == "NN"


def test_lite_participles_before_nouns_and_arabic_articles():
    """A past-tense form between an article (and a number) and a noun is the noun's
    participle; a word with an Arabic article is a name."""
    from claims.nlp.lite import get_lite_analyzer

    (sent,) = get_lite_analyzer().analyze_many(["Bei drei Viertel der 121 angezeigten Taten sagte Zeid Raad al-Hussein nichts."])[0]
    tags = {t.text: t.xpos for t in sent.tokens}
    assert tags["angezeigten"] == "ADJA" and tags["al-Hussein"] == "NE"


def test_lite_past_tense_before_a_content_clause_is_the_verb():
    """HanTa's adjective before ", dass" is the finite verb of the sentence."""
    from claims.nlp.lite import get_lite_analyzer

    (sent,) = get_lite_analyzer().analyze_many(["80 Prozent befürworteten, dass Abgeordnete ihre Altersversorgung selbst regeln."])[0]
    verb = sent.tokens[2]
    assert (verb.text, verb.xpos, verb.lemma) == ("befürworteten", "VVFIN", "befürworten")


def test_lite_adjective_used_as_a_noun_is_a_noun():
    """An adjective after an article with no noun after it is a noun ("der Sachverständige"),
    not in an adverbial phrase ("Des Weiteren")."""
    from claims.nlp.lite import get_lite_analyzer

    (sent,) = get_lite_analyzer().analyze_many(["Des Weiteren sei sie gestürzt, vermutet der Sachverständige."])[0]
    tags = {t.text: t.xpos for t in sent.tokens}
    assert tags["Sachverständige"] == "NN" and tags["Weiteren"] != "NN"


FAKE_VERSIONS = """
import importlib.metadata as m
import sys

real = m.version
fake = {"hanta": sys.argv[1], "somajo": sys.argv[2]}
m.version = lambda dist: fake.get(dist.lower()) or real(dist)
from claims.cli import app
app(sys.argv[3:])
"""


def _extract_with_versions(hanta: str, somajo: str, *args: str):
    import subprocess

    cmd = [sys.executable, "-c", FAKE_VERSIONS, hanta, somajo, "extract", "--analyzer", "lite", "--no-store", "-f", "jsonl", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


def test_other_library_versions_run_the_libraries_own_code():
    """With another HanTa (1.1.2) and SoMaJo installed, the speed-ups stand aside with
    one notice each and the lite analyzer still finds the seeds' claims."""
    seeds = [str(p) for p in SEEDS]
    known = _extract_with_versions("1.2.1", "2.5.0", *seeds)
    other = _extract_with_versions("1.1.2", "2.4.3", *seeds)
    assert known.returncode == 0 and known.stderr == "", known.stderr
    assert other.returncode == 0, other.stderr
    notices = other.stderr.strip().splitlines()
    assert len(notices) == 2 and "HanTa 1.1.2 is installed" in notices[0] + notices[1] and "SoMaJo 2.4.3 is installed" in notices[0] + notices[1]
    fast = [json.loads(line) for line in known.stdout.splitlines()]
    plain = [json.loads(line) for line in other.stdout.splitlines()]
    assert len(plain) >= 0.9 * len(fast) >= 16
    for c in plain:
        text = (ROOT / "seeds" / c["document"]["path"].rsplit("/", 1)[-1]).read_text(encoding="utf-8")
        assert text[c["message"]["start"] : c["message"]["end"]] == c["message"]["text"]


def test_c_part_raises_and_falls_back_on_tables_it_does_not_know(capsys):
    """HanTa 1.1.2 has no ``LP_trans_nonfinal``: the C module raises a ValueError (no
    bare SystemError) and the lite analyzer keeps HanTa's Python search, with a notice."""
    import copy
    import types

    from claims.nlp.lite import compiled_available, get_lite_analyzer
    from claims.nlp.lite.hanta_fast import _use_compiled_morphology

    if not compiled_available():
        pytest.skip("the C part is not built here")
    from claims.nlp.lite import _hanta

    with pytest.raises(ValueError):
        _hanta.Model(types.SimpleNamespace())
    tagger = copy.copy(get_lite_analyzer()._tagger)
    del tagger.LP_trans_nonfinal
    capsys.readouterr()
    assert _use_compiled_morphology(tagger) is False
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "HanTa's C search unavailable" in err[0]


LEAVES_ALONE = """
import gc, os
env, thresholds = dict(os.environ), gc.get_threshold()
import claims
from claims import batch
claims.extract_text("„Wir kommen“, sagte der Minister dem Bericht zufolge.", analyzer="lite")
assert gc.get_freeze_count() == 0 and dict(os.environ) == env and gc.get_threshold() == thresholds
list(batch.run([claims.parse_text("Die Polizei teilte mit, es gebe keine Verletzten.")], "lite", progress=False))
assert gc.get_freeze_count() == 0 and dict(os.environ) == env and gc.get_threshold() == thresholds
print("ok")
"""


def test_library_and_batch_runs_leave_the_host_process_alone():
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if k != "ONEDNN_PRIMITIVE_CACHE_CAPACITY"}
    r = subprocess.run([sys.executable, "-c", LEAVES_ALONE], capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


def test_a_surname_that_is_an_abbreviation_in_another_case_ends_its_sentence():
    # SoMaJo lists "BerGer." and matches without regard to case: "Berger." kept its
    # full stop and two reports ran into one claim
    from claims import extract_text
    from claims.nlp.lite import get_lite_analyzer

    text = "Die Bahn solle mehr Geld erhalten, sagte Karl Berger. Die Maut werde nicht erhöht, sagte ein Sprecher.\n"
    sents = get_lite_analyzer().analyze_many([text])[0]
    assert [s.tokens[-1].text for s in sents] == [".", "."] and sents[0].tokens[-2].text == "Berger"
    claims = extract_text(text, analyzer="lite")
    assert [(c.speaker.name, c.message.text) for c in claims] == [("Karl Berger", "Die Bahn solle mehr Geld erhalten"), ("ein Sprecher", "Die Maut werde nicht erhöht")]
    # at the end of a line too
    assert [c.speaker.name for c in extract_text("Die Bahn solle mehr Geld erhalten, sagte Karl Berger.\n", analyzer="lite")] == ["Karl Berger"]
    # an abbreviation as written stays one
    assert [t.text for t in get_lite_analyzer().analyze_many(["Laut Abs. 3 gilt das.\n"])[0][0].tokens][:2] == ["Laut", "Abs."]
