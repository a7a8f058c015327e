"""The demo's resource library: the starter references, trust-wide."""

from sqlmodel import Session

from api.org.models import Trust
from api.resources.starter import load_starter_library


def seed_resources(session: Session, trust: Trust) -> None:
    load_starter_library(session, trust.id)
