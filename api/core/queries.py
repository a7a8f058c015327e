"""Fetching what the principal may see: the one place a hidden row becomes a 404."""

from typing import Any, TypeVar, overload

from sqlmodel import Session
from sqlmodel.sql.expression import SelectOfScalar

from api.core.problems import NotFound

T = TypeVar("T")


@overload
def first_visible(session: Session, query: SelectOfScalar[T], what: str, ident: object) -> T: ...


@overload
def first_visible(session: Session, query: Any, what: str, ident: object) -> Any: ...  # rows


def first_visible(session: Session, query: Any, what: str, ident: object) -> Any:
    """The first row of `query` (already filtered by a policy's visibility), or a 404 that says
    the same whether the row does not exist or is out of sight, so ids reveal nothing."""
    row = session.exec(query).first()
    if row is None:
        raise NotFound(f"No {what} with id {ident} is visible to you.")
    return row
