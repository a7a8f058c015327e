"""Offset pagination with a capped page size, the same for every list."""

from collections.abc import Callable
from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel
from sqlalchemy import func
from sqlalchemy.orm import Session as SASession
from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from api.config import get_settings

DEFAULT_PAGE_SIZE = 50
# Declared in the OpenAPI description, so a larger page is refused (422), never cut short.
MAX_PAGE_SIZE = get_settings().max_page_size
T = TypeVar("T")


class PageParams(BaseModel):
    limit: int
    offset: int


async def page_params(
    limit: Annotated[
        int, Query(ge=1, le=MAX_PAGE_SIZE, description="Items per page; a larger page is refused.")
    ] = DEFAULT_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")] = 0,
) -> PageParams:
    # Async: building two numbers is not worth a trip to the thread pool.
    return PageParams(limit=limit, offset=offset)


PageQuery = Annotated[PageParams, Depends(page_params)]


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


def paginate(session: Session, query: SelectOfScalar, page: PageParams) -> tuple[list, int]:
    """Runs one page of `query` and the count of all its rows, in one query: every row carries
    the count of the whole result (a window function). Only a page past the end counts apart."""
    counted = query.add_columns(func.count().over()).limit(page.limit).offset(page.offset)
    # SQLAlchemy's own execute: SQLModel's exec would keep only the first column of each row.
    rows = SASession.execute(session, counted).all()
    if rows:
        return [row[0] for row in rows], rows[0][1]
    if page.offset == 0:
        return [], 0
    total = session.exec(select(func.count()).select_from(query.order_by(None).subquery())).one()
    return [], total


R = TypeVar("R")


def page_of(
    session: Session,
    query: SelectOfScalar[R],
    page: PageParams,
    to_public: Callable[[list[R]], list[T]],
) -> Page[T]:
    """The one way a list answers: one page of `query`, each row made public in one go
    (`to_public` fetches what the rows name in a few queries), with the total and the paging."""
    rows, total = paginate(session, query, page)
    return Page(items=to_public(rows), total=total, limit=page.limit, offset=page.offset)
