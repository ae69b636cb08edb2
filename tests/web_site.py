"""A local web site on 127.0.0.1 for the ingest tests: the saved pages of
``shared/html/pages``, the feeds of ``shared/html/feeds`` rewritten to list those pages,
and pages that fail in every way a real site does."""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.conftest import SHARED

HTML = SHARED / "html"
PAGES = sorted((HTML / "pages").glob("*.html"))
ENGLISH = b"""<html><head><title>Storm hits the coast</title></head><body><article><h1>Storm hits the coast</h1>
<p>A heavy storm hit the northern coast on Monday, the weather service said. Thousands of homes were left without power
and several roads were closed because of fallen trees. Officials said repairs would take at least two days.</p>
<p>The storm is expected to move east overnight and weaken by Wednesday, according to forecasters.</p></article></body></html>"""
NAV_ONLY = b"""<html><head><title>Startseite</title></head><body><nav><a href="/a">Politik</a> <a href="/b">Sport</a></nav>
<footer><a href="/impressum">Impressum</a> <a href="/datenschutz">Datenschutz</a></footer></body></html>"""


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a client that hangs up on a slow or large answer is what the tests do


class Site:
    def __init__(self) -> None:
        self.log: list[tuple[float, str, dict[str, str]]] = []  # (time, path, headers)
        self.server = _QuietServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def page_url(self, page: Path) -> str:
        return self.url("/pages/" + page.name)

    def requests(self, path: str) -> list[tuple[float, str, dict[str, str]]]:
        return [r for r in self.log if r[1] == path]

    # -- the feeds, rewritten to list the local pages --------------------------------
    def feed(self, name: str) -> bytes:
        raw = (HTML / "feeds" / name).read_text(encoding="utf-8")
        pages = [self.page_url(p) for p in PAGES]
        if name.endswith(".json"):
            obj = json.loads(raw)
            obj["items"] = [dict(it, url=pages[i % len(pages)]) for i, it in enumerate(obj["items"][:5])]
            return json.dumps(obj).encode()
        if name.endswith(".xml"):
            locs = iter(pages)
            return re.sub(r"<loc>[^<]*</loc>", lambda m: f"<loc>{next(locs, pages[0])}</loc>", raw).encode()
        if name.endswith(".rss"):
            item = re.search(r"<item>.*?</item>", raw, re.S).group(0)
            items = "".join(item.replace("http://www.example.com/blog/post/1", u) for u in pages[5:8])
            return re.sub(r"<item>.*?</item>", lambda m: items, raw, count=1, flags=re.S).encode()
        # Atom: both entries to local pages
        return raw.replace("http://example.org/2003/12/13/atom03", pages[8]).replace("http://example.org/1000", pages[9]).encode()

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def send(self, status: int, body: bytes, ctype: str = "text/html", headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: C901 - one branch per kind of page
                path = self.path
                site.log.append((time.monotonic(), path, {k.lower(): v for k, v in self.headers.items()}))
                if path == "/robots.txt":
                    return self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
                if path.startswith("/pages/"):
                    f = HTML / "pages" / path[len("/pages/") :]
                    return self.send(200, f.read_bytes()) if f.is_file() else self.send(404, b"not found")
                if path.startswith("/feeds/"):
                    name = path[len("/feeds/") :]
                    if name == "broken.rss":
                        good = "".join(f"<item><title>x</title><link>{site.page_url(p)}</link></item>" for p in PAGES[:2])
                        return self.send(200, f"<rss version='2.0'><channel><title>t</title>{good}<item><title>unclosed".encode(), "application/rss+xml")
                    body = site.feed(name)
                    etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                    if self.headers.get("If-None-Match") == etag:
                        return self.send(304, b"", "application/xml", {"ETag": etag})
                    ctype = {"json": "application/feed+json", "rss": "application/rss+xml", "atom": "application/atom+xml"}.get(name.rsplit(".", 1)[-1], "application/xml")
                    return self.send(200, body, ctype, {"ETag": etag, "Last-Modified": "Mon, 06 Sep 2010 00:01:00 GMT"})
                if path.startswith("/status/"):
                    code = int(path.rsplit("/", 1)[-1])
                    return self.send(code, b"<html><body>error</body></html>")
                if path == "/slow":
                    time.sleep(3)
                    return self.send(200, NAV_ONLY)
                if path == "/loop":
                    return self.send(302, b"", headers={"Location": "/loop"})
                if path == "/moved":
                    return self.send(301, b"", headers={"Location": "/pages/" + PAGES[0].name})
                if path == "/report.pdf":
                    return self.send(200, b"%PDF-1.4 ...", "application/pdf")
                if path == "/big":
                    return self.send(200, b"<html><body>" + b"x" * 6_000_000 + b"</body></html>")
                if path == "/big-stream":  # no Content-Length: the cap counts the bytes as they come
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.close_connection = True
                    try:
                        for _ in range(60):
                            self.wfile.write(b"x" * 100_000)
                    except OSError:
                        pass
                    return None
                if path == "/english":
                    return self.send(200, ENGLISH)
                if path == "/nav-only":
                    return self.send(200, NAV_ONLY)
                if path == "/bad-charset":
                    return self.send(200, "<html><body><p>Der Minister sagte, es sei gut.</p></body></html>".encode("utf-16-le"), "text/html; charset=x-unknown")
                if path == "/private/page":
                    return self.send(200, (HTML / "pages" / PAGES[0].name).read_bytes())
                return self.send(404, b"not found")

        return Handler
