"""Reading documents: decoding, identity (sha256), seed header, dateline publisher."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from claims import lexicons

HEADER_RE = re.compile(r"^ ?date (\d{4}-\d{2})(?: |$)")
# "MOSKAU (dpa-AFX) -", "Berlin (Reuters) –"
DATELINE_RE = re.compile(r"(?:^|\n|\s)([A-ZÄÖÜ][\wÄÖÜäöüß./ -]{1,40}?)\s\(([^()\n]{2,40})\)\s[-–—]\s")
# "(APA, 16.10.2015)" or "(Reuters, APA, red)" at the end of the text
CREDIT_RE = re.compile(r"\(([^()\n]{2,80})\)\s*$")
DATE_RE = re.compile(r"^\s*\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4}\s*$")
#: the largest document read by default (``claims extract --max-bytes``): extraction
#: holds a document's parse in memory, about 90 MB for each MB of text
MAX_BYTES = 5_000_000
NON_OUTLET_CREDITS = {"red", "wh", "ag", "mab"}  # editors' initials, not outlets


class DocumentError(ValueError):
    """Input that cannot be read as a document (one line, names the file)."""


@dataclass(frozen=True)
class SourceDocument:
    text: str
    sha256: str
    path: str | None = None
    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    body_start: int = 0
    title_span: tuple[int, int] | None = None
    # pages read from the web (claims/web/page.py)
    url: str | None = None
    canonical_url: str | None = None
    site: str | None = None
    author: str | None = None
    fetched_at: str | None = None
    language: str | None = None


def decode(data: bytes, name: str) -> str:
    if not data:
        raise DocumentError(f"{name}: empty file")
    if b"\x00" in data:
        raise DocumentError(f"{name}: binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{name}: not valid UTF-8 (byte {exc.start})") from exc
    if not text.strip():
        raise DocumentError(f"{name}: empty file (only whitespace)")
    return text


def _is_credit_outlet(item: str) -> bool:
    item = item.strip()
    if not item or DATE_RE.match(item) or any(ch.isdigit() for ch in item):
        return False
    if item.lower() in NON_OUTLET_CREDITS:
        return False
    known = {name.lower() for name, _ in lexicons.outlets().values()}
    return item.lower() in known or (item[:1].isupper() and len(item) <= 20)


def find_publisher(text: str) -> str | None:
    """The outlet the text names as its origin: a dateline agency or an end credit."""
    m = DATELINE_RE.search(text[:600])
    if m:
        items = [i.strip() for i in m.group(2).split(",") if _is_credit_outlet(i)]
        if items:
            return ", ".join(items)
    m = CREDIT_RE.search(text.rstrip()[-120:])
    if m:
        items = [i.strip() for i in m.group(1).split(",") if _is_credit_outlet(i)]
        if items:
            return ", ".join(items)
    return None


def parse_text(text: str, path: str | None = None, data: bytes | None = None) -> SourceDocument:
    """Build a document from decoded text; offsets later refer to ``text`` unchanged."""
    raw = data if data is not None else text.encode("utf-8")
    sha = hashlib.sha256(raw).hexdigest()
    title = date = None
    body_start = 0
    title_span = None
    m = HEADER_RE.match(text)
    if m:
        date = m.group(1)
        rest_start = m.end()
        nl = text.find("\n", rest_start)
        first_line = text[rest_start : nl if nl >= 0 else len(text)]
        if nl >= 0 and first_line.strip() and not DATELINE_RE.search(" " + first_line[:200]):
            title = first_line.strip()
            ts = rest_start + (len(first_line) - len(first_line.lstrip()))
            title_span = (ts, ts + len(title))
            body_start = rest_start
        else:
            body_start = rest_start
    return SourceDocument(
        text=text,
        sha256=sha,
        path=path,
        title=title,
        date=date,
        publisher=find_publisher(text[body_start:]),
        body_start=body_start,
        title_span=title_span,
    )


def read_limited(stream: BinaryIO, name: str, max_bytes: int | None = MAX_BYTES) -> bytes:
    """All of ``stream``, or :class:`DocumentError` once it holds more than ``max_bytes``
    (None: no limit): an endless stream (``/dev/zero``) or a huge file is refused after
    reading one byte past the limit, never read into memory whole."""
    if max_bytes is None:
        return stream.read()
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DocumentError(f"{name}: more than {max_bytes:,} bytes (the --max-bytes limit); split the text or raise the limit")
    return data


HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",) + HTML_SUFFIXES


def read_document(path: str | Path, max_bytes: int | None = MAX_BYTES) -> SourceDocument:
    """The document in a UTF-8 text file, or in a saved web page (``.html``/``.htm``:
    main text and metadata, see :mod:`claims.web.page`), of at most ``max_bytes`` bytes."""
    p = Path(path)
    if not p.exists():
        raise DocumentError(f"{p}: no such file")
    if p.is_dir():
        raise DocumentError(f"{p}: is a directory")
    try:
        with p.open("rb") as f:
            data = read_limited(f, str(p), max_bytes)
    except OSError as exc:
        raise DocumentError(f"{p}: cannot read ({exc.strerror})") from exc
    if p.suffix.lower() in HTML_SUFFIXES:
        from claims.web.page import page_document

        return page_document(data, str(p))
    return parse_text(decode(data, str(p)), path=str(p), data=data)


def iter_paths(paths: list[str], errors: list[str] | None = None) -> list[str]:
    """Expand directories to the ``*.txt``, ``*.html`` and ``*.htm`` files below them
    (sorted); keep ``-``, URLs and files. A directory without any of them is an entry in
    ``errors``."""
    out: list[str] = []
    for p in paths:
        if p == "-" or p.startswith(("http://", "https://")):
            out.append(p)
            continue
        pp = Path(p)
        if pp.is_dir():
            found = [str(f) for f in sorted(pp.rglob("*")) if f.suffix.lower() in TEXT_SUFFIXES and f.is_file()]
            if not found and errors is not None:
                errors.append(f"{p}: no .txt or .html files in this directory")
            out.extend(found)
        else:
            out.append(p)
    return out
