"""Alembic's environment: migrations run on the connection the store hands over, inside
its write transaction (SQLite's write lock, PostgreSQL's advisory lock)."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
