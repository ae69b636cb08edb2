"""schema.org ClaimReview JSON-LD for reviewed claims."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from claims.models import Claim

# status -> (ratingValue on a 1..5 scale, default alternateName)
RATINGS = {
    "false": (1, "Falsch"),
    "misleading": (2, "Irreführend"),
    "disputed": (3, "Umstritten"),
    "unverifiable": (3, "Nicht überprüfbar"),
    "confirmed": (5, "Richtig"),
}
PERSONISH = {"person", "anonymous"}


def web_url(value: str | None) -> str | None:
    """``value`` if it is an absolute http(s) URL with a host; else None (a
    ``javascript:`` or ``data:`` link must not reach a page that shows the review)."""
    value = (value or "").strip()
    u = urlsplit(value)
    return value if u.scheme.lower() in {"http", "https"} and u.netloc and not any(ch.isspace() or ord(ch) < 32 for ch in value) else None


def to_script_json(data: Any) -> str:
    """JSON that is safe inside an HTML ``<script type="application/ld+json">``: ``<``,
    ``>`` and ``&`` (and the line separators JavaScript rejects) as ``\\u`` escapes, so no
    text can close the script element; the JSON means the same."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    for ch in "<>&\u2028\u2029":
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


def _entity(name: str, kind: str | None) -> dict[str, Any]:
    return {"@type": "Person" if kind in PERSONISH else "Organization", "name": name}


def claim_review(claim: Claim, review: dict[str, Any]) -> dict[str, Any] | None:
    """ClaimReview for the latest verdict of a claim; None for unverified / in_review."""
    status = review["status"]
    if status not in RATINGS:
        return None
    value, label = RATINGS[status]
    doc = claim.document
    article: dict[str, Any] = {"@type": "NewsArticle"}
    if doc.title:
        article["headline"] = doc.title
    if doc.date:
        article["datePublished"] = doc.date
    if doc.publisher:
        article["publisher"] = {"@type": "Organization", "name": doc.publisher}
    if url := web_url(doc.path):
        article["url"] = url
    appearance = [article] + [{"@type": "CreativeWork", "name": o.name} for o in claim.outlets]
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if claim.speaker:
        item["author"] = _entity(claim.speaker.name, claim.speaker.kind)
    if doc.date:
        item["datePublished"] = doc.date
    out: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.message.text,
        "itemReviewed": item,
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5, "worstRating": 1, "alternateName": review.get("rating") or label},
        "author": {"@type": "Organization" if not review.get("reviewer") else "Person", "name": review.get("reviewer") or "claims"},
        "datePublished": review["created_at"][:10],
        "identifier": claim.id,
    }
    if url := web_url(review.get("url")):
        out["url"] = url
    citations = [u for u in map(web_url, review.get("evidence") or []) if u]
    if citations:
        out["citation"] = citations
    return out
