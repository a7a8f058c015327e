"""Imports 10,000 CSV rows (5,000 mentors and 5,000 mentees, each mentee paired) into one
school: the dry run, then the commit. Prints the seconds each takes."""

import io
import time

from common import fresh_database, session
from sqlmodel import select

from api.auth.principals import load_user_principal
from api.demo.service import seed_demo
from api.mentoring.importing import COLUMNS, import_csv
from api.org.models import School, User

ROWS = 10_000


def build_csv(rows: int) -> str:
    out = io.StringIO()
    out.write(",".join(COLUMNS) + "\n")
    for n in range(rows // 2):
        mentor = f"mentor{n}@bench.example"
        out.write(
            f"{mentor},Mentor {n},{2000000 + n},M{n},mentor,2026-09-01,,Maths,secondary,"
            "yes,,,,,,,\n"
        )
        out.write(
            f"mentee{n}@bench.example,Mentee {n},{3000000 + n},E{n},mentee,2026-09-01,"
            "2027-07-21,,secondary,,ect,ECF,1,Provider,Maths,"
            f"{mentor},induction_mentor\n"
        )
    return out.getvalue()


def main() -> None:
    fresh_database()
    with session() as db:
        seed_demo(db)
    text = build_csv(ROWS)
    print(f"CSV: {ROWS} rows, {len(text) / 1024:.0f} KiB")
    with session() as db:
        school = db.exec(select(School).where(School.urn == "900001")).one()
        admin = db.exec(select(User).where(User.email == "admin@demo.mentorhub.test")).one()
        principal = load_user_principal(db, admin)
        started = time.perf_counter()
        report = import_csv(db, principal, school.id, text, dry_run=True)
        print(f"dry run: {time.perf_counter() - started:.2f} s ({len(report.errors)} problems)")
        started = time.perf_counter()
        report = import_csv(db, principal, school.id, text, dry_run=False)
        db.commit()
        print(
            f"commit: {time.perf_counter() - started:.2f} s "
            f"({report.people_created} people, {report.pairings} pairings)"
        )


if __name__ == "__main__":
    main()
