"""Domain events: how one domain reacts to another without importing it.

A service publishes a typed event (a frozen dataclass) inside its transaction; every handler
registered for that type runs at once, in the same session, so the reaction commits or rolls
back with the change that caused it. Handlers are registered at start-up (see `api.domains`),
never as a side effect of an import.
"""

from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

from sqlmodel import Session

Event = TypeVar("Event")
Handler = Callable[[Session, Any], None]

_handlers: defaultdict[type, list[Handler]] = defaultdict(list)


def subscribe(event_type: type[Event], handler: Callable[[Session, Event], None]) -> None:
    """Runs `handler` for every published event of exactly this type; registering twice is a
    no-op, so start-up can run more than once (tests create several apps)."""
    if handler not in _handlers[event_type]:
        _handlers[event_type].append(handler)


def publish(session: Session, event: object) -> None:
    """Runs each handler of the event's type, in registration order, in the caller's session.
    A handler that raises aborts the whole change, as if the caller had raised."""
    for handler in _handlers.get(type(event), ()):
        handler(session, event)


def handlers_for(event_type: type) -> tuple[Handler, ...]:
    return tuple(_handlers.get(event_type, ()))
