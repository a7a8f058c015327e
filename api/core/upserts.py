"""Inserts that skip a row whose unique key is taken, on SQLite and PostgreSQL alike."""

from collections.abc import Sequence

from sqlalchemy import ColumnElement, Insert, Table, TextClause
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert


def insert_unless_taken(
    dialect: str,
    table: Table,
    key: Sequence[str],
    where: TextClause | ColumnElement[bool] | None = None,
) -> Insert:
    """`INSERT ... ON CONFLICT (key) [WHERE where] DO NOTHING` for the connection's dialect:
    `where` names a partial unique index. On PostgreSQL a row a concurrent transaction is
    inserting with the same key makes this wait for it, then do nothing if that one commits
    (the row is then visible to the next statement) or insert if it rolls back. SQLite takes
    one writer at a time, so there is nothing to wait for."""
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    return insert(table).on_conflict_do_nothing(
        index_elements=[table.c[name] for name in key], index_where=where
    )
