import hashlib

import pytest

from claims.document import DocumentError, find_publisher, iter_paths, parse_text, read_document
from tests.conftest import ROOT, SEEDS


def test_seed_header_with_title():
    doc = read_document(SEEDS[0])
    assert doc.date == "2023-04"
    assert doc.title == "Nach Treffen in Moskau China will Russland stärker unterstützen"
    assert doc.text[doc.title_span[0] : doc.title_span[1]] == doc.title
    assert doc.sha256 == hashlib.sha256(SEEDS[0].read_bytes()).hexdigest()
    assert doc.publisher is None


def test_seed_header_running_into_dateline_has_no_title():
    doc = read_document(SEEDS[1])
    assert doc.title is None
    assert doc.date == "2023-04"
    assert doc.publisher == "dpa-AFX"
    assert doc.text.startswith(" date 2023-04 MOSKAU")


def test_plain_text_is_all_body():
    doc = parse_text("Die Polizei sagte, es gebe keine Verletzten.")
    assert doc.title is None and doc.date is None and doc.body_start == 0


@pytest.mark.parametrize(
    "text, publisher",
    [
        ("Wien – Der Kanzler sagte, er sei zufrieden. (APA, 16.10.2015)", "APA"),
        ("Text. (Reuters, APA, red)", "Reuters, APA"),
        ("Es ist eine Studie. (red, 16. 5. 2016)", None),
        ("BERLIN (dpa) - Die Regierung teilte mit, sie plane nichts.", "dpa"),
    ],
)
def test_publisher_from_dateline_or_credit(text, publisher):
    assert find_publisher(text) == publisher


def test_offsets_are_into_unchanged_text():
    text = "  \n Er sagte, es sei gut.  "
    assert parse_text(text).text == text


@pytest.mark.parametrize(
    "data, message",
    [(b"", "empty file"), (b"   \n", "empty file"), (b"\x00\x01abc", "binary"), (b"\xff\xfeabc", "not valid UTF-8")],
)
def test_bad_input_names_the_file(tmp_path, data, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(DocumentError) as exc:
        read_document(p)
    assert str(p) in str(exc.value) and message in str(exc.value)


def test_missing_file(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        read_document(tmp_path / "nope.txt")


def test_directories_expand_to_txt_files():
    paths = iter_paths([str(ROOT / "seeds"), "-"])
    assert paths[:2] == [str(p) for p in SEEDS] and paths[-1] == "-"
