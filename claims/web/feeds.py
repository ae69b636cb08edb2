"""Feeds and sitemaps: the article URLs they list.

RSS and Atom with feedparser (a malformed feed is reported, its readable entries still
used), JSON Feed with the json module (feedparser does not read it), sitemaps and
sitemap indexes with lxml.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from lxml import etree

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass
class Listing:
    urls: list[str] = field(default_factory=list)  # articles, in the listing's order
    sitemaps: list[str] = field(default_factory=list)  # sitemaps listed by a sitemap index
    problem: str | None = None  # one line when the listing is malformed


def _http(u: object) -> str | None:
    return u.strip() if isinstance(u, str) and u.strip().startswith(("http://", "https://")) else None


def _unique(urls: list[str]) -> list[str]:
    return list(dict.fromkeys(u for u in urls if u))


def parse_listing(data: bytes) -> Listing:
    """The article URLs (and nested sitemaps) of a feed or sitemap."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head in {b"{", b"["}:
        return _json_feed(data)
    sitemap = _sitemap(data)
    if sitemap is not None:
        return sitemap
    return _feed(data)


def _json_feed(data: bytes) -> Listing:
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        return Listing(problem=f"malformed JSON feed ({str(exc).splitlines()[0][:80]})")
    items = obj.get("items") if isinstance(obj, dict) else None
    if not isinstance(items, list):
        return Listing(problem="malformed JSON feed (no items list)")
    urls = [_http(it.get("url")) or _http(it.get("external_url")) for it in items if isinstance(it, dict)]
    bad = sum(1 for u in urls if u is None)
    return Listing(urls=_unique([u for u in urls if u]), problem=f"{bad} feed items without a URL" if bad else None)


def _sitemap(data: bytes) -> Listing | None:
    """A sitemap or sitemap index, or None when the XML is something else."""
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False))
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    tag = etree.QName(root).localname
    if tag not in {"urlset", "sitemapindex"}:
        return None
    locs = [_http(e.text) for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname == "loc"]
    urls = _unique([u for u in locs if u])
    return Listing(sitemaps=urls) if tag == "sitemapindex" else Listing(urls=urls)


def _feed(data: bytes) -> Listing:
    import feedparser

    parsed = feedparser.parse(data)
    urls = []
    for e in parsed.entries:
        links = [lk.get("href") for lk in e.get("links", []) if lk.get("rel", "alternate") == "alternate"]
        links += [e.get("link")] + [lk.get("href") for lk in e.get("links", [])]
        urls.append(next((u for u in (_http(x) for x in links) if u), None))
    problem = None
    if parsed.get("bozo"):
        problem = f"malformed feed ({str(parsed.get('bozo_exception', '')).splitlines()[0][:80] or 'unreadable'})"
    elif not parsed.get("version") and not parsed.entries:
        problem = "not a feed or sitemap"
    return Listing(urls=_unique([u for u in urls if u]), problem=problem)
