"""One HTTP client for pages, feeds and sitemaps (httpx): timeouts, bounded retries with
backoff, at most one request per interval per host, robots.txt, a User-Agent that names
claims, a size cap, a content-type check and bounded redirects.

Every failure is a :class:`FetchError` whose message is one line naming the URL and the
problem, so a run can report it and go on with the next URL.
"""

from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from claims import __version__
from claims.document import DocumentError

USER_AGENT = f"claims/{__version__} (claim and source-attribution tracker; +https://pypi.org/project/claims/)"
MAX_BYTES = 5_000_000  # the default size cap of one response
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("xml", "rss", "atom", "json", "text/plain")  # substrings of a feed's or sitemap's content type


class FetchError(DocumentError):
    """A URL that could not be fetched (an input that cannot be read as a document);
    ``str()`` is the one-line message."""

    def __init__(self, url: str, problem: str):
        super().__init__(f"{url}: {problem}")
        self.url = url
        self.problem = problem


@dataclass
class Response:
    url: str  # as asked for
    final_url: str  # after redirects
    status: int  # 200, or 304 for a conditional request with nothing new
    headers: dict[str, str]
    content: bytes
    fetched_at: str  # ISO 8601, UTC

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


@dataclass
class _Answer:
    status: int
    reason: str
    final_url: str
    headers: dict[str, str]
    content: bytes


@dataclass
class Fetcher:
    """Fetches URLs politely. ``delay`` is the least time between two requests to one
    host (seconds); ``retries`` how often a timeout, refused connection or 5xx answer
    is tried again (waiting ``backoff``, then twice that …)."""

    timeout: float = 20.0
    delay: float = 1.0
    retries: int = 2
    backoff: float = 1.0
    max_bytes: int = MAX_BYTES
    max_redirects: int = 5
    respect_robots: bool = True
    _client: httpx.Client | None = field(default=None, repr=False)
    _last: dict[str, float] = field(default_factory=dict, repr=False)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict, repr=False)

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                headers={"User-Agent": USER_AGENT, "Accept-Language": "de,en;q=0.5"},
                timeout=self.timeout,
                follow_redirects=True,
                max_redirects=self.max_redirects,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- politeness ------------------------------------------------------------------
    def _wait_for(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets claims fetch ``url`` (no robots.txt, or
        one that cannot be read, allows everything)."""
        if not self.respect_robots:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            parser: urllib.robotparser.RobotFileParser | None = None
            try:
                r = self._request(origin + "/robots.txt", {}, retries=0)
                if r.status == 200:
                    parser = urllib.robotparser.RobotFileParser()
                    parser.parse(r.content.decode("utf-8", "replace").splitlines())
            except (httpx.HTTPError, FetchError):
                parser = None
            self._robots[origin] = parser
        parser = self._robots[origin]
        return parser is None or parser.can_fetch(USER_AGENT, url)

    # -- fetching --------------------------------------------------------------------
    def _request(self, url: str, headers: dict[str, str], retries: int | None = None) -> _Answer:
        """GET with retries; the body is read up to the size cap."""
        attempts = 1 + (self.retries if retries is None else retries)
        host = urlsplit(url).netloc
        for attempt in range(attempts):
            self._wait_for(host)
            try:
                with self.client.stream("GET", url, headers=headers) as r:
                    if r.status_code >= 500 and attempt + 1 < attempts:
                        time.sleep(self.backoff * 2**attempt)
                        continue
                    declared = r.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > self.max_bytes:
                        raise FetchError(url, f"too large ({int(declared):,} bytes, the limit is {self.max_bytes:,})")
                    body = bytearray()
                    for chunk in r.iter_bytes():
                        body += chunk
                        if len(body) > self.max_bytes:
                            raise FetchError(url, f"too large (more than {self.max_bytes:,} bytes)")
                    return _Answer(r.status_code, r.reason_phrase, str(r.url), {k.lower(): v for k, v in r.headers.items()}, bytes(body))
            except httpx.TooManyRedirects as exc:
                raise FetchError(url, f"too many redirects (more than {self.max_redirects}; a redirect loop?)") from exc
            except httpx.TimeoutException as exc:
                if attempt + 1 < attempts:
                    time.sleep(self.backoff * 2**attempt)
                    continue
                raise FetchError(url, f"timed out after {self.timeout:g} s") from exc
            except httpx.ConnectError as exc:
                if attempt + 1 < attempts:
                    time.sleep(self.backoff * 2**attempt)
                    continue
                raise FetchError(url, f"cannot connect ({_reason(exc)})") from exc
            except httpx.UnsupportedProtocol as exc:
                raise FetchError(url, "not an http(s) URL") from exc
            except httpx.HTTPError as exc:
                raise FetchError(url, f"request failed ({_reason(exc)})") from exc
        raise AssertionError("unreachable")

    def get(self, url: str, accept: tuple[str, ...] = HTML_TYPES, etag: str | None = None, last_modified: str | None = None) -> Response:
        """Fetch ``url``; a conditional request when ``etag`` or ``last_modified`` is
        given (status 304 then means nothing new). Raises :class:`FetchError`."""
        if not url.startswith(("http://", "https://")):
            raise FetchError(url, "not an http(s) URL")
        if not self.allowed(url):
            raise FetchError(url, "disallowed by the site's robots.txt")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        r = self._request(url, headers)
        when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        if r.status == 304:
            return Response(url, r.final_url, 304, r.headers, b"", when)
        if r.status >= 400:
            raise FetchError(url, f"HTTP {r.status} {r.reason}".rstrip())
        resp = Response(url, r.final_url, r.status, r.headers, r.content, when)
        ctype = resp.content_type
        if accept and ctype and not any(a in ctype for a in accept):
            raise FetchError(url, f"not a web page (content type {ctype})" if accept == HTML_TYPES else f"unexpected content type {ctype}")
        return resp


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]
