"""Demo data: one trust, three schools with this year's term dates, a login for every role."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from api.audit import service as audit
from api.auth.passwords import hash_password
from api.core.models import utcnow
from api.org.calendar import academic_year_start, typical_year
from api.org.models import Membership, Phase, Role, School, TermDate, Trust, User

DEMO_TRUST = "Northern Lights Learning Trust"
DEMO_PASSWORD = "mentorhub-demo"  # noqa: S105  (development only; seeding refuses production)

SCHOOLS = [
    ("Riverside Primary School", "900001", Phase.primary),
    ("Hillcrest Academy", "900002", Phase.secondary),
    ("Meadowbank School", "900003", Phase.all_through),
]

# (email, name, TRN, role, index of school or None for trust-wide)
PEOPLE = [
    ("admin@demo.mentorhub.test", "Priya Shah", None, Role.trust_admin, None),
    ("lead@demo.mentorhub.test", "Tom Okafor", "1000001", Role.school_lead, 1),
    ("mentor@demo.mentorhub.test", "Sarah Evans", "1000002", Role.mentor, 1),
    ("mentee@demo.mentorhub.test", "James Patel", "1000003", Role.mentee, 1),
    ("observer@demo.mentorhub.test", "Aisha Rahman", "1000004", Role.observer, 1),
    ("lead.riverside@demo.mentorhub.test", "Grace Holloway", "1000005", Role.school_lead, 0),
]


@dataclass
class DemoLogin:
    role: str
    email: str
    password: str
    school: str | None


def seed_demo(session: Session, today: date | None = None) -> list[DemoLogin] | None:
    """Creates the demo once; returns the logins, or None when the demo is already there."""
    if session.exec(select(Trust).where(Trust.name == DEMO_TRUST)).first() is not None:
        return None
    trust = Trust(name=DEMO_TRUST)
    session.add(trust)
    schools = [School(trust_id=trust.id, name=n, urn=u, phase=p) for n, u, p in SCHOOLS]
    session.add_all(schools)
    year = academic_year_start(today or date.today())
    for school in schools:
        session.add_all(
            TermDate(school_id=school.id, kind=kind, name=name, starts_on=start, ends_on=end)
            for kind, name, start, end in typical_year(year)
        )
    password_hash = hash_password(DEMO_PASSWORD)
    logins = []
    for email, name, trn, role, school_index in PEOPLE:
        user = User(
            trust_id=trust.id,
            email=email,
            full_name=name,
            trn=trn,
            password_hash=password_hash,
            must_change_password=False,
            password_changed_at=utcnow(),
        )
        school = schools[school_index] if school_index is not None else None
        session.add(user)
        session.add(
            Membership(
                user_id=user.id,
                trust_id=trust.id,
                role=role,
                school_id=school.id if school else None,
            )
        )
        logins.append(DemoLogin(role.value, email, DEMO_PASSWORD, school.name if school else None))
    audit.record(
        session, None, "demo.seeded", object_type="trust", object_id=trust.id, trust_id=trust.id
    )
    session.commit()
    return logins
