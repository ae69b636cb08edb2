"""Reading the web: saved pages, URLs, feeds and sitemaps, against a local HTTP server on
127.0.0.1 (tests/web_site.py) that serves the real pages of shared/html. No outside network."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from claims.cli import app
from claims.document import read_document
from claims.store import Store
from claims.web import Fetcher, FetchError, fetch_document, read_listing
from tests.web_site import HTML, PAGES, Site

runner = CliRunner()

# page -> a sentence of its article, and a navigation, cookie or footer word of the page
# that must not reach the text
ARTICLES = {
    "badische-zeitung.de-Wohnungssuche.html": ("Die Vorlesungen an der Uni und den Hochschulen starten.", "Cookie"),
    "correctiv.org.zusage.html": ("Die AfD behauptet, nichts vom Versand einer Gratiszeitung an NRW-Haushalte", "Datenschutz"),
    "faz.net.streaming.html": ("Auch Herbert Grönemeyer gehört", "Datenschutz"),
    "finanzmarktwelt.de-Benko-Firma.html": ("In Hamburg kommt man aktuell kaum an dem Thema vorbei.", "Cookie"),
    "focus.de.leasen.html": ("Leasen, finanzieren oder kaufen?", "Datenschutz"),
    "futurezone.at.lyft.html": ("Bereits in den kommenden Monaten will der Uber-Konkurrent", "Datenschutz"),
    "heise.de.lithium.html": ("Die Ökobilanz von Elektroautos wird vor allem durch die Produktion der Batterien beeinträchtigt.", "Datenschutz"),
    "meedia.de.freenet.html": ("Herr Vilanek, in Deutschland gibt es sieben Millionen TV-Haushalte, die DVB-T nutzen.", "Cookie"),
    "netzpolitik.org.abmahnungen.html": ("Zwei Männer Arm in Arm.", "Newsletter"),
    "polizeiticker.ch-Unfall.html": ("Der Autolenker wurde bei der Kollision tödlich verletzt.", "Datenschutz"),
    "rnz.de.witzel.html": ("Für einen Roman über die alte Bundesrepublik hat Frank Witzel", "Datenschutz"),
    "spiegel.de.albtraum.html": ("Der Reporter Claas Relotius hat den SPIEGEL mit ganz oder teilweise gefälschten Artikeln in eine schwere Krise gestürzt.", "Datenschutz"),
    "sueddeutsche.de.flixtrain.html": ("Bahn-Konkurrenten wie Flixbus fürchten durch den geplanten Deutschlandtakt", "Datenschutz"),
    "tagesspiegel.de.abstandsregeln.html": ("Hinein kommt nur, wer die richtigen Werte hat.", "Datenschutz"),
    "zeit.de.zugverkehr.html": ("So lange dauert die schnellste Zugverbindung von Madrid nach Stockholm.", "Cookie"),
}
NO_REPORTED_SPEECH = {"polizeiticker.ch-Unfall.html", "rnz.de.witzel.html"}  # police report, prize news


@pytest.fixture(scope="module")
def site():
    with Site() as s:
        yield s


@pytest.fixture
def fetcher():
    with Fetcher(delay=0, timeout=1.0, retries=1, backoff=0.05, max_bytes=5_000_000) as f:
        yield f


def test_every_saved_page_has_its_article_and_no_boilerplate():
    assert sorted(p.name for p in PAGES) == sorted(ARTICLES)
    for page in PAGES:
        sentence, boilerplate = ARTICLES[page.name]
        doc = read_document(page)
        assert doc.title and doc.text.startswith(doc.title + "\n\n"), page.name
        assert sentence in doc.text, page.name
        raw = page.read_bytes().decode("utf-8", "replace")
        assert boilerplate in raw and boilerplate not in doc.text, page.name
        assert doc.date and doc.site and doc.language == "de", page.name


def test_claims_are_found_on_every_page_with_reported_speech():
    from claims.nlp.lite import get_lite_analyzer
    from claims.pipeline import extract_document

    an = get_lite_analyzer()
    for page in PAGES:
        claims = extract_document(read_document(page), an).claims
        text = read_document(page).text
        assert (len(claims) > 0) == (page.name not in NO_REPORTED_SPEECH), page.name
        assert all(text[c.message.start : c.message.end] == c.message.text for c in claims)


def test_an_iso_8859_1_page_is_decoded_as_it_declares():
    doc = read_document(HTML / "pages" / "badische-zeitung.de-Wohnungssuche.html")
    assert "Wohnungssuche" in doc.title and "für" in doc.text and "\ufffd" not in doc.text


def test_a_page_by_url_keeps_url_canonical_url_site_and_fetch_time(site, fetcher):
    page = HTML / "pages" / "heise.de.lithium.html"
    doc = fetch_document(fetcher, site.page_url(page))
    assert doc.url == site.page_url(page)
    assert doc.canonical_url == "https://www.heise.de/newsticker/meldung/Lithium-aus-dem-Schredder-4451133.html"
    assert doc.title == "Lithium aus dem Schredder" and doc.site and doc.author and doc.fetched_at.endswith("Z")
    assert doc.sha256 == read_document(page).sha256  # the same text as the saved page's


def test_the_user_agent_names_claims_and_robots_txt_is_respected(site, fetcher):
    fetch_document(fetcher, site.page_url(PAGES[1]))
    ua = site.requests("/pages/" + PAGES[1].name)[-1][2]["user-agent"]
    assert ua.startswith("claims/")
    with pytest.raises(FetchError, match=r"/private/page: disallowed by the site's robots.txt$"):
        fetcher.get(site.url("/private/page"))


def test_requests_to_one_host_keep_the_delay(site):
    with Fetcher(delay=0.4, timeout=2) as f:
        for p in PAGES[2:5]:
            f.get(site.page_url(p))
    times = [site.requests("/pages/" + p.name)[-1][0] for p in PAGES[2:5]]
    assert all(b - a >= 0.39 for a, b in zip(times, times[1:], strict=False))


BAD = [
    ("/status/404", r"HTTP 404 Not Found"),
    ("/status/410", r"HTTP 410 Gone"),
    ("/status/500", r"HTTP 500 Internal Server Error"),
    ("/slow", r"timed out after 1 s"),
    ("/loop", r"too many redirects \(more than 5; a redirect loop\?\)"),
    ("/report.pdf", r"not a web page \(content type application/pdf\)"),
    ("/big", r"too large \(6,000,026 bytes, the limit is 5,000,000\)"),
    ("/big-stream", r"too large \(more than 5,000,000 bytes\)"),
    ("/nav-only", r"no main text found on the page"),
    ("/bad-charset", r"cannot decode the page \(tried x-unknown \(unknown\), utf-8\)"),
]


@pytest.mark.parametrize("path, problem", BAD)
def test_each_bad_page_is_one_line_naming_url_and_problem(site, fetcher, path, problem):
    from claims.document import DocumentError

    with pytest.raises((FetchError, DocumentError)) as info:
        fetch_document(fetcher, site.url(path))
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(site.url(path) + ": ")
    assert re.fullmatch(problem, message[len(site.url(path)) + 2 :]), message


def test_a_server_error_is_retried_before_it_is_reported(site, fetcher):
    before = len(site.requests("/status/500"))
    with pytest.raises(FetchError):
        fetcher.get(site.url("/status/500"))
    assert len(site.requests("/status/500")) - before == 2  # one retry


def test_a_refused_connection_is_one_line(fetcher):
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    with pytest.raises(FetchError, match=rf"^http://127.0.0.1:{port}/x: cannot connect \("):
        fetcher.get(f"http://127.0.0.1:{port}/x")


def test_feeds_and_sitemaps_list_the_local_pages(site, fetcher):
    for name, n in (("feed2.rss", 3), ("feed1.atom", 2), ("feed.json", 5), ("sitemap.xml", 15)):
        got = read_listing(fetcher, site.url("/feeds/" + name))
        assert len(got.listing.urls) == n and not got.problems, name
        assert all(u.startswith(site.url("/pages/")) for u in got.listing.urls)


def test_a_malformed_feed_is_reported_and_its_good_entries_used(site, fetcher):
    got = read_listing(fetcher, site.url("/feeds/broken.rss"))
    assert got.listing.urls == [site.page_url(p) for p in PAGES[:2]]
    assert len(got.problems) == 1 and got.problems[0].startswith(site.url("/feeds/broken.rss") + ": malformed feed (")


# -- the command line --------------------------------------------------------------------


def _cli(*args):
    return runner.invoke(app, [*args, "--analyzer", "lite", "--delay", "0", "--timeout", "1"])


def test_extract_takes_urls_and_html_files_and_stores_the_page_metadata(site, tmp_path):
    db = str(tmp_path / "web.db")
    page = HTML / "pages" / "zeit.de.zugverkehr.html"
    r = _cli("extract", "-q", "--db", db, site.page_url(page), str(HTML / "pages" / "heise.de.lithium.html"))
    assert r.exit_code == 0, r.output
    docs = {d["title"]: d for d in Store(db).documents()}
    zeit = docs["Zugverkehr: Im ICE von Frankfurt nach Barcelona"]
    assert zeit["url"] == site.page_url(page) and zeit["canonical_url"].startswith("https://www.zeit.de/")
    assert zeit["site"] == "ZEIT ONLINE" and zeit["publisher"] == "ZEIT ONLINE" and zeit["date"] == "2020-01-14"
    assert zeit["fetched_at"] and zeit["author"] == "Caspar Schwietering"
    assert docs["Lithium aus dem Schredder"]["url"] is None  # a saved file has no URL
    # a URL already stored is not fetched again
    before = len(site.requests("/pages/" + page.name))
    r = _cli("extract", "--db", db, "-f", "jsonl", site.page_url(page))
    assert r.exit_code == 0 and len(site.requests("/pages/" + page.name)) == before
    assert len(r.output.strip().splitlines()) == len(Store(db).query(document=zeit["sha256"]))


def test_extract_reports_each_bad_url_and_goes_on(site, tmp_path):
    db = str(tmp_path / "bad.db")
    good = site.page_url(HTML / "pages" / "futurezone.at.lyft.html")
    r = _cli("extract", "-q", "--db", db, site.url("/status/404"), site.url("/english"), good, site.url("/report.pdf"))
    assert r.exit_code == 1
    lines = r.stderr.strip().splitlines()
    assert lines == [
        f"claims: {site.url('/status/404')}: HTTP 404 Not Found",
        f"claims: {site.url('/english')}: skipped, the page is not in German (language en)",
        f"claims: {site.url('/report.pdf')}: not a web page (content type application/pdf)",
    ]
    assert [d["url"] for d in Store(db).documents()] == [good]


def test_a_page_in_another_language_alone_is_a_notice_not_an_error(site, tmp_path):
    r = _cli("extract", "-q", "--db", str(tmp_path / "en.db"), site.url("/english"))
    assert r.exit_code == 0 and "not in German" in r.stderr


def test_follow_once_twice_stores_each_article_once_with_conditional_requests(site, tmp_path):
    db = str(tmp_path / "follow.db")
    feeds = [site.url("/feeds/feed2.rss"), site.url("/feeds/feed1.atom"), site.url("/feeds/feed.json")]
    r = _cli("follow", "--once", "--db", db, *feeds)
    assert r.exit_code == 0, r.stderr
    docs = Store(db).documents()
    expected = {site.page_url(p) for p in PAGES[:10]}  # json: pages 0-4, rss: 5-7, atom: 8-9
    assert {d["url"] for d in docs} == expected and len(docs) == 10
    n_claims = len(Store(db).query())
    page_hits = len([x for x in site.log if x[1].startswith("/pages/")])
    r = _cli("follow", "--once", "--db", db, *feeds)
    assert r.exit_code == 0, r.stderr
    assert len(Store(db).documents()) == 10 and len(Store(db).query()) == n_claims
    assert len([x for x in site.log if x[1].startswith("/pages/")]) == page_hits  # nothing fetched again
    for f in ("/feeds/feed2.rss", "/feeds/feed1.atom", "/feeds/feed.json"):
        assert site.requests(f)[-1][2].get("if-none-match")  # a conditional request
    assert r.stderr.count("not modified") == 3


def test_follow_reads_a_sitemap_and_reports_a_bad_feed(site, tmp_path):
    db = str(tmp_path / "sitemap.db")
    r = _cli("follow", "--once", "-q", "--db", db, site.url("/feeds/sitemap.xml"), site.url("/status/404"), site.url("/feeds/broken.rss"))
    assert r.exit_code == 1
    assert f"claims: {site.url('/status/404')}: HTTP 404 Not Found" in r.stderr.splitlines()
    assert any(x.startswith(f"claims: {site.url('/feeds/broken.rss')}: malformed feed (") for x in r.stderr.splitlines())
    assert len(Store(db).documents()) == 15


def test_follow_refuses_what_is_not_a_url(tmp_path):
    r = _cli("follow", "--once", "--db", str(tmp_path / "x.db"), "feeds.txt")
    assert r.exit_code == 1 and r.stderr.strip() == "claims: feeds.txt: not an http(s) URL"


def test_the_jsonl_records_carry_the_page_metadata(site, tmp_path):
    r = _cli("extract", "--no-store", "-f", "jsonl", site.page_url(HTML / "pages" / "futurezone.at.lyft.html"))
    assert r.exit_code == 0
    rec = json.loads(r.output.splitlines()[0])
    assert rec["document"]["url"].endswith("futurezone.at.lyft.html") and rec["document"]["canonical_url"].startswith("https://futurezone.at/")


def test_decoding_follows_bom_then_http_charset_then_meta():
    from claims.web.page import decode_html

    meta = '<html><head><meta charset="iso-8859-1"></head><body>Grüße</body></html>'
    assert "Grüße" in decode_html(meta.encode("iso-8859-1"), "p")
    assert "Grüße" in decode_html(meta.encode("utf-8"), "p", declared="utf-8")  # the header wins over the meta tag
    assert "Grüße" in decode_html(b"\xef\xbb\xbf" + meta.encode("utf-8"), "p", declared="iso-8859-1")  # the BOM wins


def test_follow_skips_an_article_stored_under_another_url(site, tmp_path):
    db = str(tmp_path / "moved.db")
    r = _cli("extract", "-q", "--db", db, str(PAGES[0]))
    assert r.exit_code == 0
    before = len(Store(db).documents())
    r = _cli("follow", "--once", "-q", "--db", db, site.url("/feeds/feed.json"))  # lists PAGES[0] among others
    assert r.exit_code == 0
    assert len(Store(db).documents()) == before + 4
