"""Claims already fact-checked elsewhere: schema.org ClaimReview JSON-LD from other
fact-checkers (a list, a DataFeed, or the JSON-LD embedded in a saved fact-check page,
read with extruct), checked whole before anything is stored."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator


class FactCheckError(ValueError):
    """ClaimReview input that cannot be used (one line, names the file and the item)."""


@dataclass(frozen=True)
class KnownReview:
    uid: str
    claim_reviewed: str
    rating: str
    author: str
    date: str | None
    url: str

    def line(self) -> str:
        """``RATING by AUTHOR (DATE, URL)``."""
        return f"{self.rating} by {self.author} ({', '.join(x for x in (self.date, self.url) if x)})"


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type", [])
    return {x.rsplit("/", 1)[-1] for x in ([t] if isinstance(t, str) else t if isinstance(t, list) else [])}


def _walk(obj: Any) -> Iterator[dict[str, Any]]:
    """Every ClaimReview object in a list, an @graph, a DataFeed's elements and their items."""
    if isinstance(obj, list):
        for x in obj:
            yield from _walk(x)
    elif isinstance(obj, dict):
        if "ClaimReview" in _types(obj):
            yield obj
            return
        for key in ("@graph", "dataFeedElement", "item", "mainEntity"):
            if key in obj:
                yield from _walk(obj[key])


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and value:
        return _text(value[0])
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("@value"))
    return None


def _review(obj: dict[str, Any]) -> KnownReview:
    claim = _text(obj.get("claimReviewed"))
    if not claim:
        raise ValueError("no claimReviewed text")
    rating_obj = obj.get("reviewRating")
    rating = _text(rating_obj.get("alternateName")) if isinstance(rating_obj, dict) else None
    if rating is None and isinstance(rating_obj, dict) and rating_obj.get("ratingValue") is not None:
        rating = str(rating_obj["ratingValue"])
    if not rating:
        raise ValueError("no reviewRating with an alternateName or ratingValue")
    author = _text(obj.get("author"))
    if not author:
        raise ValueError("no author name")
    url = _text(obj.get("url"))
    if not url or not url.startswith(("http://", "https://")):
        raise ValueError(f"url {url!r} is not an http(s) URL")
    date = _text(obj.get("datePublished"))
    date = date[:10] if date and len(date) >= 10 and date[4] == "-" and date[7] == "-" else None
    uid = hashlib.sha1(json.dumps([url, claim]).encode()).hexdigest()[:16]
    return KnownReview(uid, claim, rating, author, date, url)


def read_claimreviews(path: Path) -> list[KnownReview]:
    """The ClaimReviews in a JSON or JSON-LD file or a saved HTML page, all valid, or
    :class:`FactCheckError`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FactCheckError(f"{path}: cannot read ({exc.strerror})") from exc
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    try:
        if head == b"<":
            import extruct

            objs = extruct.extract(data.decode("utf-8", "replace"), syntaxes=["json-ld"], uniform=True).get("json-ld", [])
        else:
            objs = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FactCheckError(f"{path}: not JSON-LD ({str(exc).splitlines()[0][:100]})") from exc
    found = list(_walk(objs))
    if not found:
        raise FactCheckError(f"{path}: no ClaimReview in it (a list, a DataFeed or a page with ClaimReview JSON-LD)")
    out = []
    for k, obj in enumerate(found, 1):
        try:
            out.append(_review(obj))
        except ValueError as exc:
            raise FactCheckError(f"{path}: ClaimReview {k}: {exc}; nothing imported") from exc
    return out


def is_export(path: Path) -> bool:
    """Whether ``path`` is a ``claims export --format jsonl`` file (its first line a record)."""
    try:
        with path.open("rb") as f:
            first = f.readline()
        obj = json.loads(first)
    except (OSError, ValueError):
        return False
    return isinstance(obj, dict) and "record" in obj
