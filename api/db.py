"""The database engines and the one session each request works in.

Reads never wait for writes. The HTTP method says which session a request gets: GET and HEAD are
safe methods (RFC 9110), so they read, and every other method writes. The method is known
before any route code runs, so no route can forget to declare itself, and a GET that turns out
to write is a bug that fails loudly instead of committing:

- SQLite (the default) runs in WAL mode, so readers see the last commit without waiting for a
  writer. Reads use their own pool of connections opened with `PRAGMA query_only` and start
  with a deferred BEGIN. Writes start with BEGIN IMMEDIATE: a write lock taken up front cannot
  deadlock the way a read lock upgraded to a write lock can when two requests race.
- PostgreSQL keeps its normal transactions; reads are marked READ ONLY on the same pool.

The rare safe-method route that must also write (a calendar feed noting when it was last used)
asks for `WriteSessionDep` beside its reading session.

Requests take turns, waiting on the event loop without holding a thread or a connection: at most
`db_pool_size` reading requests per process at once, and as many writing ones on PostgreSQL but
one on SQLite, which takes one writer at a time anyway (waiting here is first come, first
served, where SQLite's busy handler sleeps and retries). Writes never queue behind reads. The
pools are sized for every turn at once, so no request ever waits for a pooled connection, and
one holding a connection never waits for a thread that another needs to give one back.
"""

import contextlib
import functools
import re
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import anyio.to_thread
from anyio import Semaphore
from anyio.lowlevel import RunVar
from fastapi import Depends, Request
from sqlalchemy import Engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.pool import PoolProxiedConnection
from sqlmodel import Session, create_engine

from api.config import get_settings

SQLITE_BUSY_TIMEOUT_MS = 5000
CONNECT_TIMEOUT_S = 10
VERSION_READ_TIMEOUT_MS = 500
SAFE_METHODS = frozenset({"GET", "HEAD"})
P = ParamSpec("P")
T = TypeVar("T")
# Connections outside the request limit: readiness probes, the command line.
SPARE_CONNECTIONS = 5


def make_engine(
    url: str,
    *,
    immediate_transactions: bool = True,
    read_only: bool = False,
    pool_size: int = 5,
    max_overflow: int = SPARE_CONNECTIONS,
    count_writes: bool = True,
) -> Engine:
    pool = {"pool_size": pool_size, "max_overflow": max_overflow}
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            **pool,
        )
        immediate = immediate_transactions and not read_only
        _configure_sqlite(engine, immediate=immediate, read_only=read_only)
        if count_writes and not read_only:  # a query_only connection cannot write
            _count_writes(engine)
        return engine
    # A database that does not answer is an error after a while, not a wait without end.
    engine = create_engine(
        url, pool_pre_ping=True, connect_args={"connect_timeout": CONNECT_TIMEOUT_S}, **pool
    )
    if count_writes:
        _count_writes(engine)
    return engine.execution_options(postgresql_readonly=True) if read_only else engine


def _configure_sqlite(engine: Engine, *, immediate: bool, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
        cursor.close()

    begin = "BEGIN IMMEDIATE" if immediate else "BEGIN"

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql(begin)


# Every transaction that wrote adds one to the data version as it commits, in the same
# transaction, so the new version is seen exactly when the new data is. Watched at the cursor,
# not the session, so that Core statements and the command line count as much as ORM flushes.
# On PostgreSQL the counter's row is locked only between this statement and the commit.
_WROTE = "mentorhub.wrote"
# The first word of a statement written out as text (comments skipped) that may change data;
# a WITH counts when it holds one of the first five. Schema changes are not counted: they come
# with a migration, after which the servers restart.
_WRITE_VERBS = frozenset(
    {"INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE", "UPSERT", "TRUNCATE", "COPY", "CALL"}
)
_LEADING_COMMENTS = re.compile(r"^(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/)*", re.DOTALL)
_DML_IN_WITH = re.compile(r"\b(?:INSERT|UPDATE|DELETE|REPLACE|MERGE)\b", re.IGNORECASE)
# Made anew (after the table was emptied, say) it starts from the clock in microseconds, which is
# past any version it held before: a version never repeats, so nothing kept under it is reused.
_BUMP = (
    "INSERT INTO data_version (id, version) VALUES (1, {start}) "
    "ON CONFLICT (id) DO UPDATE SET version = data_version.version + 1"
)
_READ_VERSION = "SELECT version FROM data_version WHERE id = 1"
_writes_seen: ContextVar[list[str] | None] = ContextVar("mentorhub_writes_seen", default=None)


def _is_write(statement: str, context: object) -> bool:
    compiled = getattr(context, "compiled", None) is not None
    if compiled and not getattr(context, "is_text", False):
        return bool(
            context.isinsert or context.isupdate or context.isdelete  # type: ignore[attr-defined]
        )
    text = _LEADING_COMMENTS.sub("", statement, count=1)
    verb = text[:9].split(None, 1)[0].upper() if text.strip() else ""
    if verb == "WITH":
        return bool(_DML_IN_WITH.search(text))
    return verb.rstrip("(;") in _WRITE_VERBS


def _count_writes(engine: Engine) -> None:
    @event.listens_for(engine, "before_cursor_execute")
    def note_write(connection, _cursor, statement, _parameters, context, _executemany):
        if connection.get_execution_options().get("postgresql_readonly"):
            return  # a READ ONLY transaction cannot write, and must not be asked to count
        if _is_write(statement, context):
            connection.info[_WROTE] = True
            seen = _writes_seen.get()
            if seen is not None:
                seen.append(statement)

    @event.listens_for(engine, "commit")
    def bump_version(connection: Connection) -> None:
        if connection.info.pop(_WROTE, False):
            # On the driver's cursor: the transaction is about to commit, and this statement
            # must not count as a write of its own.
            cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            cursor.execute(_BUMP.format(start=time.time_ns() // 1000))
            cursor.close()

    @event.listens_for(engine, "rollback")
    def forget_writes(connection: Connection) -> None:
        connection.info.pop(_WROTE, None)


class _VersionReader:
    """Reads the data version on a connection of its own, kept open and never in a transaction
    (each read sees the last commit). It is read on every reading request, and checking a pooled
    connection out and in again (a ping and a rollback on PostgreSQL) would cost more than the
    query itself. A lost connection is made again at the next read."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.connection: PoolProxiedConnection | None = None
        self.lock = threading.Lock()

    def read(self) -> int | None:
        with self.lock:
            try:
                cursor = self._connection().cursor()
                try:
                    cursor.execute(_READ_VERSION)
                    row = cursor.fetchone()
                finally:
                    cursor.close()
            except self.engine.dialect.loaded_dbapi.Error:
                self.close()
                return None
        return int(row[0]) if row else 0

    def _connection(self) -> PoolProxiedConnection:
        if self.connection is None:
            connection = self.engine.raw_connection()
            connection.detach()
            if self.engine.dialect.name == "postgresql":
                connection.rollback()
                connection.dbapi_connection.autocommit = True  # type: ignore[union-attr]
                # A lock on the counter (a migration, say) makes this read give up, not wait:
                # the request is then answered afresh.
                cursor = connection.cursor()
                cursor.execute(f"SET lock_timeout = {VERSION_READ_TIMEOUT_MS}")
                cursor.execute(f"SET statement_timeout = {VERSION_READ_TIMEOUT_MS}")
                cursor.close()
            self.connection = connection
        return self.connection

    def close(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(Exception):
                self.connection.close()
            self.connection = None


@lru_cache
def _version_reader() -> _VersionReader:
    return _VersionReader(get_read_engine())


def data_version() -> int | None:
    """The counter every committed write adds one to (0 before the first), or None when it
    cannot be read (a database not migrated yet, or a lost connection)."""
    return _version_reader().read()


async def read_data_version() -> int | None:
    """`data_version` for a request: on the event loop on SQLite (a local WAL read, which never
    waits), in a worker thread on PostgreSQL (a round trip that a slow or locked database could
    hold up; the event loop must not wait with it)."""
    if get_settings().is_sqlite:
        return data_version()
    return await anyio.to_thread.run_sync(data_version)


@contextmanager
def watching_writes() -> Iterator[list[str]]:
    """Collects the write statements run while the block is active (in this context and the
    worker threads it hands work to)."""
    seen: list[str] = []
    token = _writes_seen.set(seen)
    try:
        yield seen
    finally:
        _writes_seen.reset(token)


def turns() -> tuple[int, int]:
    """How many reading and writing requests per process work with the database at once."""
    settings = get_settings()
    return settings.db_pool_size, 1 if settings.is_sqlite else settings.db_pool_size


@lru_cache
def get_engine() -> Engine:
    """The writing engine (also for the command line and the readiness probe)."""
    reads, writes = turns()
    # Writers, plus a reading request's own writer (see WriteSessionDep); on PostgreSQL the
    # readers share this pool too.
    extra = reads if get_settings().is_sqlite else 2 * reads
    return make_engine(
        get_settings().database_url,
        pool_size=writes,
        max_overflow=extra + SPARE_CONNECTIONS,
    )


@lru_cache
def get_read_engine() -> Engine:
    settings = get_settings()
    if not settings.is_sqlite:
        # The same pool as the writers; each read transaction is marked READ ONLY.
        return get_engine().execution_options(postgresql_readonly=True)
    return make_engine(settings.database_url, read_only=True, pool_size=turns()[0])


def new_session(*, read_only: bool = False) -> Session:
    engine = get_read_engine() if read_only else get_engine()
    session = Session(engine, expire_on_commit=False)
    session.info["read_only"] = read_only
    return session


@contextmanager
def request_session(*, read_only: bool) -> Iterator[Session]:
    """A session committed when the block ends, rolled back on any error."""
    with new_session(read_only=read_only) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


# One pair of gates per event loop (a server process has one; each test client its own).
_gates: RunVar[dict[bool, Semaphore]] = RunVar("mentorhub_database_turns")


def _gate(read_only: bool) -> Semaphore:
    gates = _gates.get(None)
    if gates is None:
        reads, writes = turns()
        gates = {True: Semaphore(reads), False: Semaphore(writes)}
        _gates.set(gates)
    return gates[read_only]


async def database_turn(request: Request) -> AsyncIterator[bool]:
    """Waits for a reading or a writing turn; yields whether the request only reads."""
    read_only = request.method in SAFE_METHODS
    async with _gate(read_only):
        yield read_only


# Scope "function": the commit happens when the endpoint returns, before the response is sent,
# so a failed commit is an error response rather than a success that did not happen. The turn
# is entered first and so left last, after the commit.
TurnDep = Annotated[bool, Depends(database_turn, scope="function")]


async def get_session(read_only: TurnDep) -> AsyncIterator[Session]:
    """One session per request: reading for GET and HEAD, writing otherwise.

    Written async so that setting up a session (no I/O: the connection is taken at the first
    query, in the route's thread) costs no trip to the thread pool. Ending it does I/O, so it
    goes to a thread, except where it cannot wait: a reading request on SQLite ends a WAL read
    transaction, which takes no lock and writes nothing."""
    session = new_session(read_only=read_only)
    inline = read_only and get_settings().is_sqlite
    try:
        yield session
        if session.in_transaction():
            await _finish(session.commit, inline=inline)
    except BaseException:
        if session.in_transaction():
            await _finish(session.rollback, inline=inline)
        raise
    finally:
        # Once committed or rolled back, the connection is back in its pool: nothing to wait for.
        await _finish(session.close, inline=inline or not session.in_transaction())


async def _finish(step: Callable[[], None], *, inline: bool) -> None:
    if inline:
        step()
    else:
        await anyio.to_thread.run_sync(step)


async def run_in_session(
    session: Session, work: Callable[P, T], *args: P.args, **kwargs: P.kwargs
) -> T:
    """Runs a dependency's database work: on the event loop for a reading session on SQLite
    (a WAL read takes no lock, so it never waits; a trip to the thread pool would cost more
    than the query), in a worker thread otherwise (a write may wait for SQLite's lock, and
    PostgreSQL answers over the network)."""
    if session.info["read_only"] and get_settings().is_sqlite:
        return work(*args, **kwargs)
    return await anyio.to_thread.run_sync(functools.partial(work, *args, **kwargs))


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


async def get_write_session(session: SessionDep) -> AsyncIterator[Session]:
    """A writing session for a safe-method route that must also write, now and then (it takes
    no writing turn: a reading request holding one through all its work would hold up every
    writer; its rare write waits for SQLite's lock like any other). It connects only if the
    route writes."""
    if not session.info["read_only"]:
        yield session
        return
    writer = new_session(read_only=False)
    try:
        yield writer
        if writer.in_transaction():
            await _finish(writer.commit, inline=False)
    except BaseException:
        if writer.in_transaction():
            await _finish(writer.rollback, inline=False)
        raise
    finally:
        await _finish(writer.close, inline=not writer.in_transaction())


WriteSessionDep = Annotated[Session, Depends(get_write_session, scope="function")]
