"""A year-long weekly slot checked for clashes against a mentor who already has 10 weekly
commitments (about 390 meetings): the median time of the whole check, as the API runs it."""

import uuid
from datetime import time

from common import fresh_database, mentees_for, session, timed

from api.auth.principals import load_user_principal
from api.demo.service import seed_demo
from api.meetings.schemas import SchedulePlan, SlotCreate
from api.meetings.slots import schedule_slot


def main() -> None:
    fresh_database()
    with session() as db:
        seed_demo(db)
        # Nine more mentees, each with their own weekly slot: ten commitments in all.
        mentor, existing, pairings = mentees_for(db, "mentor@demo.mentorhub.test", 9, "bench")
        for n, pairing in enumerate(pairings):
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
