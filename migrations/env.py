"""Alembic environment: the URL comes from MentorHub's settings, the metadata from its models."""

from alembic import context
from sqlmodel import SQLModel

import api.models  # noqa: F401  (registers every table on SQLModel.metadata)
from api.db import make_engine
from api.resources.search import include_name

config = context.config
target_metadata = SQLModel.metadata


def database_url() -> str:
    from api.config import get_settings

    return config.attributes.get("database_url") or get_settings().database_url


def run_migrations_offline() -> None:
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        include_name=include_name,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    # Migrations are not counted as writes (the counter's own table may not exist yet); the
    # servers are restarted after them, so nothing they kept outlives a migration.
    engine = make_engine(database_url(), count_writes=False)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
        include_name=include_name,  # the search index is not a model
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
