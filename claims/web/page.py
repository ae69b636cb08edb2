"""A web page as a document: decoding as the page declares it, main text and metadata
with trafilatura, German only.

The document's text is the page's title, a blank line and the main text, as trafilatura
gives them; claim offsets point into that text, which the store keeps.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from urllib.parse import urlsplit

from claims.document import DocumentError, SourceDocument, find_publisher

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
MIN_WORDS = 15  # less is navigation or a teaser, not an article
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class NotGerman(DocumentError):
    """A page in another language: skipped with a notice, not an error."""


def decode_html(data: bytes, name: str, declared: str | None = None) -> str:
    """The page's text in the encoding it declares: a byte-order mark first, then the
    HTTP header's charset, then a ``<meta charset>``, else UTF-8."""
    if not data.strip():
        raise DocumentError(f"{name}: empty page")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    candidates = []
    if declared:
        candidates.append(declared)
    m = _META_CHARSET.search(data[:8192])
    if m:
        candidates.append(m.group(1).decode("ascii", "replace"))
    candidates.append("utf-8")
    tried = []
    for cs in candidates:
        try:
            codecs.lookup(cs)
        except LookupError:
            tried.append(f"{cs} (unknown)")
            continue
        try:
            text = data.decode(cs)
        except UnicodeDecodeError:
            tried.append(cs)
            continue
        if "\x00" in text:
            tried.append(cs)  # UTF-16 read as a one-byte code: not the page's encoding
            continue
        return text
    raise DocumentError(f"{name}: cannot decode the page (tried {', '.join(tried)})")


def language_of(text: str) -> str:
    import py3langid

    return py3langid.classify(text[:5000])[0]


def _site(sitename: str | None, url: str | None) -> str | None:
    """The site's name: trafilatura's, unless it is a URL or a social-media page, then the host."""
    if sitename and not sitename.lower().startswith(("http://", "https://", "www.")):
        return sitename.strip()
    host = urlsplit(url).hostname if url else None
    return host[4:] if host and host.startswith("www.") else host


def page_document(data: bytes, name: str, url: str | None = None, charset: str | None = None, fetched_at: str | None = None) -> SourceDocument:
    """The document in one saved or fetched HTML page. ``name`` (path or URL) names it in
    error messages. Raises :class:`DocumentError` (``NotGerman`` for another language)."""
    import trafilatura

    html = decode_html(data, name, charset)
    found = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=False, include_images=False)
    meta = found.as_dict() if found is not None and hasattr(found, "as_dict") else (found or {})
    body = (meta.get("text") or "").strip()
    if len(body.split()) < MIN_WORDS:
        raise DocumentError(f"{name}: no main text found on the page")
    lang = language_of(body)
    if lang != "de":
        raise NotGerman(f"{name}: skipped, the page is not in German (language {lang})")
    title = (meta.get("title") or "").strip() or None
    text = f"{title}\n\n{body}\n" if title else body + "\n"
    canonical = meta.get("url") or url
    site = _site(meta.get("sitename"), canonical or url)
    return SourceDocument(
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        path=url or name,
        title=title,
        date=(meta.get("date") or None),
        publisher=find_publisher(body) or site,
        body_start=0,
        title_span=(0, len(title)) if title else None,
        url=url,
        canonical_url=canonical,
        site=site,
        author=(meta.get("author") or None),
        fetched_at=fetched_at,
        language=lang,
    )
