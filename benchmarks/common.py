"""A throwaway database with a trust, a school with this year's term dates and its people,
for the benchmarks. Never the project's own database."""

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

_tmp = Path(tempfile.mkdtemp(prefix="mentorhub-bench-"))
os.environ.setdefault("MENTORHUB_DATABASE_URL", f"sqlite:///{_tmp / 'bench.db'}")
os.environ.setdefault("MENTORHUB_LOG_LEVEL", "WARNING")

from api.cli import migrate  # noqa: E402
from api.db import new_session  # noqa: E402
from api.domains import register_domains  # noqa: E402


def fresh_database() -> None:
    migrate()
    register_domains()


def session():  # type: ignore[no-untyped-def]
    return new_session()


def timed(label: str, run: Callable[[], object], repeats: int) -> float:
    """Runs `run` `repeats` times and prints the median and the spread in milliseconds."""
    run()  # warm caches and imports
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    median = statistics.median(samples)
    print(
        f"{label}: median {median:.1f} ms, min {min(samples):.1f} ms, "
        f"max {max(samples):.1f} ms over {repeats} runs"
    )
    return median


def mentees_for(db, mentor_email: str, count: int, prefix: str):  # type: ignore[no-untyped-def]
    """`count` more mentees at the demo mentor's school, each paired with the mentor for the
    same dates as the mentor's demo pairing. Returns (mentor, demo pairing, new pairings)."""
    from sqlmodel import select

    from api.mentoring.models import MenteeProfile, Pairing, PairingKind
    from api.org.models import Membership, Role, User

    mentor = db.exec(select(User).where(User.email == mentor_email)).one()
    existing = db.exec(select(Pairing).where(Pairing.mentor_id == mentor.id)).one()
    pairings = []
    for n in range(count):
        mentee = User(
            trust_id=mentor.trust_id,
            email=f"{prefix}{n}@bench.example",
            full_name=f"{prefix.title()} Mentee {n}",
        )
        db.add(mentee)
        db.add(
            Membership(
                user_id=mentee.id,
                trust_id=mentor.trust_id,
                school_id=existing.school_id,
                role=Role.mentee,
            )
        )
        db.add(
            MenteeProfile(
                user_id=mentee.id,
                school_id=existing.school_id,
                pathway="itt",
                starts_on=existing.starts_on,
                ends_on=existing.ends_on,
            )
        )
        pairing = Pairing(
            school_id=existing.school_id,
            mentor_id=mentor.id,
            mentee_id=mentee.id,
            kind=PairingKind.subject_mentor,
            starts_on=existing.starts_on,
            ends_on=existing.ends_on,
        )
        db.add(pairing)
        pairings.append(pairing)
    db.flush()
    return mentor, existing, pairings
