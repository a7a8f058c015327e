"""The database engine and the one session each request works in.

SQLite (the default) gets WAL, foreign keys and a busy timeout, and every transaction starts with
BEGIN IMMEDIATE: a write lock taken up front cannot deadlock the way a read lock upgraded to a
write lock can when two requests race. PostgreSQL is used when the URL says so.
"""

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from fastapi import Depends
from sqlalchemy import Engine, event
from sqlmodel import Session, create_engine

from api.config import get_settings

SQLITE_BUSY_TIMEOUT_MS = 5000


def make_engine(url: str, *, immediate_transactions: bool = True) -> Engine:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 5})
        _configure_sqlite(engine, immediate_transactions)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _configure_sqlite(engine: Engine, immediate_transactions: bool) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate_transactions else "BEGIN")


@lru_cache
def get_engine() -> Engine:
    return make_engine(get_settings().database_url)


def new_session() -> Session:
    return Session(get_engine(), expire_on_commit=False)


def get_session() -> Iterator[Session]:
    """One session per request: committed when the endpoint returns, rolled back on any error."""
    with new_session() as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


# Scope "function": the commit happens when the endpoint returns, before the response is sent,
# so a failed commit is an error response rather than a success that did not happen.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
