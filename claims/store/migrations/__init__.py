"""Alembic migrations of the store's schema, run by :class:`claims.store.Store` itself
(revisions ``0001`` … one per schema version; a database of version N without Alembic's
table is stamped ``000N`` first)."""
