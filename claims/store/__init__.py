"""Storage and what reads it: the database (:mod:`claims.store.database`), the outlet
and speaker audit, JSONL/CSV export and import, and schema.org ClaimReview."""

from claims.store.database import ENV_VAR, REVIEW_STATUSES, ROLES, SCHEMA_VERSION, STATUS_ORDER, Review, Store, StoreError, default_url, normalize_url, review_uid

__all__ = ["ENV_VAR", "REVIEW_STATUSES", "ROLES", "SCHEMA_VERSION", "STATUS_ORDER", "Review", "Store", "StoreError", "default_url", "normalize_url", "review_uid"]
