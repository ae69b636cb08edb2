"""The read stage for the web: pages by URL or saved HTML, feeds and sitemaps.

:mod:`claims.web.http` fetches (politely, with limits), :mod:`claims.web.page` turns a
page into a document, :mod:`claims.web.feeds` lists a feed's or sitemap's articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claims.document import SourceDocument
from claims.web.feeds import Listing, parse_listing
from claims.web.http import FEED_TYPES, Fetcher, FetchError
from claims.web.page import NotGerman, page_document

__all__ = ["Fetcher", "FetchError", "NotGerman", "fetch_document", "read_listing", "is_url", "Listing"]

MAX_SITEMAPS = 50  # nested sitemaps read from one sitemap index


def is_url(arg: str) -> bool:
    return arg.startswith(("http://", "https://"))


def fetch_document(fetcher: Fetcher, url: str) -> SourceDocument:
    """The document of the page at ``url``. Raises FetchError or DocumentError."""
    r = fetcher.get(url)
    return page_document(r.content, url, url=url, charset=r.charset, fetched_at=r.fetched_at)


@dataclass
class ListingRound:
    listing: Listing
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    problems: list[str] = field(default_factory=list)  # one line each, with the URL


def read_listing(fetcher: Fetcher, url: str, etag: str | None = None, last_modified: str | None = None) -> ListingRound:
    """The articles a feed or sitemap lists now: a conditional request with the
    validators of the last answer; a sitemap index's sitemaps are read too. Raises
    FetchError when the listing itself cannot be fetched."""
    r = fetcher.get(url, accept=FEED_TYPES, etag=etag, last_modified=last_modified)
    if r.status == 304:
        return ListingRound(Listing(), etag, last_modified, not_modified=True)
    listing = parse_listing(r.content)
    out = ListingRound(Listing(urls=list(listing.urls)), r.headers.get("etag"), r.headers.get("last-modified"))
    if listing.problem:
        out.problems.append(f"{url}: {listing.problem}")
    todo, seen = list(listing.sitemaps), {url}
    while todo and len(seen) <= MAX_SITEMAPS:
        sm = todo.pop(0)
        if sm in seen:
            continue
        seen.add(sm)
        try:
            nested = parse_listing(fetcher.get(sm, accept=FEED_TYPES).content)
        except FetchError as exc:
            out.problems.append(str(exc))
            continue
        if nested.problem:
            out.problems.append(f"{sm}: {nested.problem}")
        out.listing.urls += [u for u in nested.urls if u not in out.listing.urls]
        todo += nested.sitemaps
    return out
