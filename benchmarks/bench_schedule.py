"""A year-long weekly slot checked for clashes against a mentor who already has 10 weekly
commitments (about 390 meetings): the median time of the whole check, as the API runs it."""

import uuid
from datetime import time

from common import fresh_database, session, timed
from sqlmodel import select

from api.auth.principals import load_user_principal
from api.demo.service import seed_demo
from api.meetings.schemas import SchedulePlan, SlotCreate
from api.meetings.service import schedule_slot
from api.mentoring.models import MenteeProfile, Pairing, PairingKind
from api.org.models import Membership, Role, School, User


def main() -> None:
    fresh_database()
    with session() as db:
        seed_demo(db)
        school = db.exec(select(School).where(School.urn == "900002")).one()
        mentor = db.exec(select(User).where(User.email == "mentor@demo.mentorhub.test")).one()
        existing = db.exec(select(Pairing).where(Pairing.mentor_id == mentor.id)).one()
        # Nine more mentees, each with their own weekly slot: ten commitments in all.
        for n in range(9):
            mentee = User(
                trust_id=school.trust_id,
                email=f"bench{n}@bench.example",
                full_name=f"Bench Mentee {n}",
            )
            db.add(mentee)
            db.add(
                Membership(
                    user_id=mentee.id,
                    trust_id=school.trust_id,
                    school_id=school.id,
                    role=Role.mentee,
                )
            )
            db.add(
                MenteeProfile(
                    user_id=mentee.id,
                    school_id=school.id,
                    pathway="itt",
                    starts_on=existing.starts_on,
                    ends_on=existing.ends_on,
                )
            )
            pairing = Pairing(
                school_id=school.id,
                mentor_id=mentor.id,
                mentee_id=mentee.id,
                kind=PairingKind.subject_mentor,
                starts_on=existing.starts_on,
                ends_on=existing.ends_on,
            )
            db.add(pairing)
            db.flush()
            schedule_slot(
                db,
                load_user_principal(db, mentor),
                pairing.id,
                SlotCreate(
                    weekday=n % 5,
                    start_time=time(8 + n // 5 * 2, 0),
                    location="Room",
                    starts_on=existing.starts_on,
                    ends_on=existing.ends_on,
                ),
                dry_run=False,
            )
        db.commit()
        principal = load_user_principal(db, mentor)
        body = SlotCreate(
            weekday=2,
            start_time=time(15, 30),
            location="Room 12",
            starts_on=existing.starts_on,
            ends_on=existing.ends_on,
        )
        pairing_id: uuid.UUID = existing.id
        plan = schedule_slot(db, principal, pairing_id, body, dry_run=True)
        assert isinstance(plan, SchedulePlan)
        print(f"{len(plan.occurrences)} occurrences checked, {len(plan.clashes)} clashes found")
        timed(
            "year-long slot clash check",
            lambda: schedule_slot(db, principal, pairing_id, body, dry_run=True),
            50,
        )


if __name__ == "__main__":
    main()
