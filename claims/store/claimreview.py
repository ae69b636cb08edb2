"""schema.org ClaimReview JSON-LD for reviewed claims."""

from __future__ import annotations

from typing import Any

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
    if doc.path and doc.path.startswith(("http://", "https://")):
        article["url"] = doc.path
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
    if review.get("url"):
        out["url"] = review["url"]
    if review.get("evidence"):
        out["citation"] = list(review["evidence"])
    return out
