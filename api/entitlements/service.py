"""Entitlement policies and their approval, school adoption, recorded provisions, and the
compliance computed from what happened. No HTTP here.

A policy is written as a draft by a trust admin, submitted to the headteachers' board, and
approved or rejected (the trust admin records who, when and the board's note). An approved
version never changes: a change is a new version (a copy) that, once approved, supersedes it
from its `effective_from` for every school that followed it. Every step is audited.
"""

import uuid
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from typing import cast

from sqlalchemy import func, or_
from sqlalchemy import select as sa_select
from sqlalchemy.orm import Session as SASession
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.audit import service as audit
from api.auth.principals import Principal
from api.core.collector import collector_paused
from api.core.models import utcnow
from api.core.problems import Conflict, FieldProblem, Forbidden, NotFound, Unprocessable
from api.core.queries import first_visible
from api.entitlements import compliance, policy
from api.entitlements.compliance import Item, PersonResult, Segment, Spell, Subject
from api.entitlements.models import (
    EntitlementItem,
    EntitlementPolicy,
    PolicyAdoption,
    PolicyAudience,
    PolicyStatus,
    Provision,
)
from api.entitlements.schemas import (
    AdoptionInput,
    AdoptionPublic,
    Catalogue,
    CellPublic,
    DecisionInput,
    ItemCompliance,
    ItemInput,
    ItemPublic,
    MeasurePublic,
    PeriodPublic,
    PersonCompliance,
    PolicyCreate,
    PolicyDetail,
    PolicyPatch,
    PolicyPublic,
    ProvisionInput,
    ProvisionPublic,
    SchoolChoice,
    SchoolCompliance,
    ShortWeekPublic,
    TemplateItemPublic,
    TemplatePublic,
)
from api.entitlements.templates import (
    EXPECTED_MEASURES,
    MENTEE_CATEGORIES,
    MENTOR_CATEGORIES,
    TEMPLATES,
    categories_for,
    template,
)
from api.measures import sources
from api.mentoring.models import MenteeProfile, MentorProfile, Pairing
from api.org import people as org_people
from api.org import service as org_service
from api.org.models import School, TermDate, TermKind
from api.scheduling.terms import TermCalendar

# --- the catalogue -----------------------------------------------------------------------------


def known_measures() -> dict[str, MeasurePublic]:
    registered = {
        name: MeasurePublic(name=name, label=m.label, unit=m.unit, measured=True)
        for name, m in sources.measures().items()
    }
    expected = {
        name: MeasurePublic(name=name, label=label, unit="", measured=False)
        for name, label in EXPECTED_MEASURES.items()
        if name not in registered
    }
    return registered | expected


def catalogue() -> Catalogue:
    return Catalogue(
        templates=[
            TemplatePublic(
                key=t.key,
                audience=t.audience,
                name=t.name,
                items=[TemplateItemPublic(**vars(i)) for i in t.items],
            )
            for t in TEMPLATES
        ],
        categories={
            a.value: list(MENTOR_CATEGORIES if a == PolicyAudience.mentor else MENTEE_CATEGORIES)
            for a in PolicyAudience
        },
        measures=sorted(known_measures().values(), key=lambda m: m.name),
    )


# --- policies ----------------------------------------------------------------------------------


def _check_items(audience: PolicyAudience, items: Sequence[ItemInput]) -> None:
    allowed, measures = categories_for(audience), known_measures()
    errors = []
    for n, item in enumerate(items):
        if item.category not in allowed:
            errors.append(FieldProblem(field=f"items.{n}.category", detail="not a category"))
        if item.measure not in measures:
            errors.append(FieldProblem(field=f"items.{n}.measure", detail="not a known measure"))
    if errors:
        raise Unprocessable(
            "Each item needs one of the audience's categories and a known measure.",
            errors=errors,
        )


def _write_items(session: Session, row: EntitlementPolicy, items: Iterable[ItemInput]) -> None:
    for old in session.exec(
        select(EntitlementItem).where(EntitlementItem.policy_id == row.id)
    ).all():
        session.delete(old)
    session.flush()
    for position, item in enumerate(items):
        session.add(EntitlementItem(policy_id=row.id, position=position, **item.model_dump()))


def _items(session: Session, policy_id: uuid.UUID) -> list[EntitlementItem]:
    return list(
        session.exec(
            select(EntitlementItem)
            .where(EntitlementItem.policy_id == policy_id)
            .order_by(col(EntitlementItem.position))
        ).all()
    )


def _current(
    session: Session, trust_id: uuid.UUID, audience: PolicyAudience
) -> EntitlementPolicy | None:
    """The latest approved version of the trust's policy for the audience."""
    return session.exec(
        select(EntitlementPolicy)
        .where(
            EntitlementPolicy.trust_id == trust_id,
            EntitlementPolicy.audience == audience,
            EntitlementPolicy.status == PolicyStatus.approved,
        )
        .order_by(col(EntitlementPolicy.version).desc())
    ).first()


def _audit(
    session: Session,
    principal: Principal,
    action: str,
    row: EntitlementPolicy,
    **changes: object,
) -> None:
    audit.record(
        session,
        principal,
        f"entitlement_policy.{action}",
        object_type="entitlement_policy",
        object_id=row.id,
        trust_id=row.trust_id,
        changes=changes,
    )


def create_policy(session: Session, principal: Principal, body: PolicyCreate) -> EntitlementPolicy:
    if principal.trust_id is None or not policy.may_manage(principal, principal.trust_id):
        raise Forbidden("A trust admin writes the trust's entitlement policies.")
    if body.template is not None and body.items is not None:
        raise Unprocessable(
            "Start from a template or give the items, not both.",
            errors=[FieldProblem(field="template", detail="given with items")],
        )
    items: list[ItemInput] = list(body.items or [])
    if body.template:
        chosen = template(body.template)
        if chosen is None or chosen.audience != body.audience:
            raise Unprocessable(
                "There is no starter template by that name for this audience.",
                errors=[FieldProblem(field="template", detail="unknown for the audience")],
            )
        items = [ItemInput(**vars(i)) for i in chosen.items]
    _check_items(body.audience, items)
    trust_id = principal.trust_id
    version = session.exec(
        select(func.max(EntitlementPolicy.version)).where(
            EntitlementPolicy.trust_id == trust_id, EntitlementPolicy.audience == body.audience
        )
    ).one()
    current = _current(session, trust_id, body.audience)
    row = EntitlementPolicy(
        trust_id=trust_id,
        audience=body.audience,
        version=(version or 0) + 1,
        name=body.name,
        supersedes_id=current.id if current else None,
        effective_from=body.effective_from,
        created_by=principal.id,
    )
    session.add(row)
    session.flush()
    _write_items(session, row, items)
    _audit(
        session,
        principal,
        "created",
        row,
        audience=row.audience,
        version=row.version,
        name=row.name,
        template=body.template,
        items=len(items),
        supersedes_id=row.supersedes_id,
    )
    session.flush()
    return row


def revise_policy(
    session: Session, principal: Principal, policy_id: uuid.UUID, effective_from: date
) -> EntitlementPolicy:
    row = get_policy(session, principal, policy_id)
    if not policy.may_revise(principal, row):
        raise Forbidden("A trust admin starts a new version of a published policy.")
    items = [
        ItemInput(
            category=i.category,
            promise=i.promise,
            measure=i.measure,
            target=i.target,
            period=i.period,
            pro_rata=i.pro_rata,
        )
        for i in _items(session, row.id)
    ]
    body = PolicyCreate(
        audience=row.audience, name=row.name, items=items, effective_from=effective_from
    )
    return create_policy(session, principal, body)


def get_policy(session: Session, principal: Principal, policy_id: uuid.UUID) -> EntitlementPolicy:
    return first_visible(
        session,
        select(EntitlementPolicy).where(
            EntitlementPolicy.id == policy_id, policy.visible_policies(principal)
        ),
        "entitlement policy",
        policy_id,
    )


def update_policy(
    session: Session, principal: Principal, policy_id: uuid.UUID, body: PolicyPatch
) -> EntitlementPolicy:
    row = get_policy(session, principal, policy_id)
    if not policy.may_edit(principal, row):
        if policy.may_manage(principal, row.trust_id):
            raise Conflict(
                "Only a draft changes: an approved version never does. Start a new version."
            )
        raise Forbidden("A trust admin changes the trust's draft policies.")
    changes = body.changes()
    changes.pop("items", None)
    if body.items is not None:
        _check_items(row.audience, body.items)
        _write_items(session, row, body.items)
        _audit(
            session,
            principal,
            "items_replaced",
            row,
            items=[
                {"category": i.category, "measure": i.measure, "target": i.target}
                for i in body.items
            ],
        )
    if row.status == PolicyStatus.rejected:
        changes["status"] = PolicyStatus.draft  # a rejected draft, changed, is a draft again
    audit.apply_changes(
        session, principal, row, changes, object_type="entitlement_policy", trust_id=row.trust_id
    )
    session.flush()
    return row


def submit_policy(
    session: Session, principal: Principal, policy_id: uuid.UUID
) -> EntitlementPolicy:
    row = get_policy(session, principal, policy_id)
    if not policy.may_submit(principal, row):
        if policy.may_manage(principal, row.trust_id):
            raise Conflict("Only a draft is submitted to the board.")
        raise Forbidden("A trust admin submits the trust's policies to the board.")
    if not _items(session, row.id):
        raise Conflict("A policy with no items promises nothing: add an item first.")
    if row.supersedes_id and row.effective_from is None:
        raise Unprocessable(
            "A new version needs the date it supersedes the current one from.",
            errors=[FieldProblem(field="effective_from", detail="missing")],
        )
    row.status, row.submitted_by, row.submitted_at = (
        PolicyStatus.submitted,
        principal.id,
        utcnow(),
    )
    session.add(row)
    _audit(session, principal, "submitted", row, status=row.status)
    session.flush()
    return row


def decide_policy(
    session: Session, principal: Principal, policy_id: uuid.UUID, body: DecisionInput
) -> EntitlementPolicy:
    row = get_policy(session, principal, policy_id)
    if not policy.may_decide(principal, row):
        if policy.may_manage(principal, row.trust_id):
            raise Conflict("The board decides on a submitted policy only.")
        raise Forbidden("A trust admin records the headteachers' board's decision.")
    if body.approve and row.supersedes_id:
        previous = session.get(EntitlementPolicy, row.supersedes_id)
        assert previous is not None
        if (
            previous.effective_from
            and row.effective_from
            and row.effective_from <= previous.effective_from
        ):
            raise Conflict("A new version supersedes the current one from a later date.")
    row.status = PolicyStatus.approved if body.approve else PolicyStatus.rejected
    row.decided_by, row.decided_at, row.decision_note = principal.id, utcnow(), body.note
    session.add(row)
    _audit(
        session,
        principal,
        "approved" if body.approve else "rejected",
        row,
        status=row.status,
        decision_note=body.note,
        effective_from=row.effective_from,
    )
    session.flush()
    return row


def retire_policy(
    session: Session, principal: Principal, policy_id: uuid.UUID
) -> EntitlementPolicy:
    row = get_policy(session, principal, policy_id)
    if not policy.may_retire(principal, row):
        if policy.may_manage(principal, row.trust_id):
            raise Conflict("Only an approved version is retired.")
        raise Forbidden("A trust admin retires the trust's policies.")
    row.status, row.retired_at = PolicyStatus.retired, utcnow()
    session.add(row)
    _audit(session, principal, "retired", row, status=row.status)
    session.flush()
    return row


def policies_public(session: Session, rows: Sequence[EntitlementPolicy]) -> list[PolicyPublic]:
    names = org_people.people_refs(
        session, {p for r in rows for p in (r.submitted_by, r.decided_by) if p}
    )
    return [
        PolicyPublic.model_validate(
            r.model_dump()
            | {
                "submitted_by": names.get(r.submitted_by) if r.submitted_by else None,
                "decided_by": names.get(r.decided_by) if r.decided_by else None,
            }
        )
        for r in rows
    ]


def policy_detail(session: Session, principal: Principal, row: EntitlementPolicy) -> PolicyDetail:
    known = known_measures()
    items = [
        ItemPublic(
            id=i.id,
            position=i.position,
            category=i.category,
            promise=i.promise,
            measure=i.measure,
            measure_label=known[i.measure].label if i.measure in known else i.measure,
            unit=known[i.measure].unit if i.measure in known else "",
            measured=i.measure in known and known[i.measure].measured,
            target=i.target,
            period=i.period,
            pro_rata=i.pro_rata,
        )
        for i in _items(session, row.id)
    ]
    public = policies_public(session, [row])[0]
    adopted = select(PolicyAdoption.school_id).where(PolicyAdoption.policy_id == row.id)
    adopt_for = [
        SchoolChoice(id=school.id, name=school.name)
        for school in session.exec(
            select(School)
            .where(policy.adoptable_schools(principal, row), col(School.id).not_in(adopted))
            .order_by(col(School.name), col(School.id))
        ).all()
    ]
    return PolicyDetail.model_validate(
        public.model_dump()
        | {
            "items": items,
            "can": policy.policy_can(principal, row, adoptable=bool(adopt_for)),
            "adopt_for": adopt_for,
        }
    )


# --- adoption and provisions -------------------------------------------------------------------


def adopt(
    session: Session, principal: Principal, school_id: uuid.UUID, body: AdoptionInput
) -> PolicyAdoption:
    school = org_service.get_school(session, principal, school_id)
    if not policy.may_adopt(principal, school):
        raise Forbidden("A lead of the school, or a trust admin, adopts its policies.")
    row = session.exec(
        select(EntitlementPolicy).where(
            EntitlementPolicy.id == body.policy_id,
            EntitlementPolicy.trust_id == school.trust_id,
            policy.visible_policies(principal),
        )
    ).first()
    if row is None:
        raise Unprocessable(
            "Adopt one of your trust's policies.",
            errors=[FieldProblem(field="policy_id", detail="not a policy of the trust")],
        )
    if row.status != PolicyStatus.approved:
        raise Conflict("A school adopts an approved policy only.")
    existing = session.exec(
        select(PolicyAdoption).where(
            PolicyAdoption.school_id == school.id, PolicyAdoption.policy_id == row.id
        )
    ).first()
    if existing is not None:
        raise Conflict("The school has adopted this version already.")
    adoption = PolicyAdoption(
        school_id=school.id,
        policy_id=row.id,
        adopted_from=body.adopted_from,
        adopted_by=principal.id,
    )
    session.add(adoption)
    audit.record(
        session,
        principal,
        "entitlement_adoption.created",
        object_type="entitlement_adoption",
        object_id=adoption.id,
        trust_id=school.trust_id,
        changes={
            "school_id": school.id,
            "policy_id": row.id,
            "version": row.version,
            "audience": row.audience,
            "adopted_from": body.adopted_from,
        },
    )
    session.flush()
    return adoption


def adoptions_query(
    session: Session, principal: Principal, school_id: uuid.UUID
) -> SelectOfScalar[PolicyAdoption]:
    """The versions a school adopted, newest first (404 for a school the asker cannot see)."""
    school = org_service.get_school(session, principal, school_id)
    if policy.READ not in principal.scopes:
        raise Forbidden("Entitlements are read with entitlements:read.")
    return (
        select(PolicyAdoption)
        .where(PolicyAdoption.school_id == school.id)
        .order_by(col(PolicyAdoption.adopted_from).desc(), col(PolicyAdoption.id))
    )


def adoptions_public(session: Session, rows: Sequence[PolicyAdoption]) -> list[AdoptionPublic]:
    policies = {
        p.id: p
        for p in session.exec(
            select(EntitlementPolicy).where(
                col(EntitlementPolicy.id).in_({a.policy_id for a in rows})
            )
        ).all()
    }
    names = org_people.people_refs(session, {a.adopted_by for a in rows})
    return [
        AdoptionPublic(
            id=a.id,
            school_id=a.school_id,
            policy_id=a.policy_id,
            audience=policies[a.policy_id].audience,
            version=policies[a.policy_id].version,
            policy_name=policies[a.policy_id].name,
            adopted_from=a.adopted_from,
            adopted_by=names[a.adopted_by],
            created_at=a.created_at,
        )
        for a in rows
    ]


def _profile_at(session: Session, user_id: uuid.UUID, school_id: uuid.UUID) -> bool:
    for model in (MentorProfile, MenteeProfile):
        if session.exec(
            select(model.id).where(model.user_id == user_id, model.school_id == school_id)
        ).first():
            return True
    return False


def record_provision(
    session: Session, principal: Principal, school_id: uuid.UUID, body: ProvisionInput
) -> Provision:
    school = org_service.get_school(session, principal, school_id)
    if not policy.may_adopt(principal, school):
        raise Forbidden("A lead of the school records what it provides.")
    if not _profile_at(session, body.user_id, school.id):
        raise Unprocessable(
            "Record a provision for one of the school's mentors or mentees.",
            errors=[FieldProblem(field="user_id", detail="no mentor or mentee profile here")],
        )
    row = Provision(school_id=school.id, recorded_by=principal.id, **body.model_dump())
    session.add(row)
    audit.record(
        session,
        principal,
        "entitlement_provision.recorded",
        object_type="entitlement_provision",
        object_id=row.id,
        trust_id=school.trust_id,
        changes=body.model_dump(),
    )
    session.flush()
    return row


def provisions_query(
    session: Session, principal: Principal, school_id: uuid.UUID
) -> SelectOfScalar[Provision]:
    """What the school recorded it provides, newest first, as far as the asker may see."""
    school = org_service.get_school(session, principal, school_id)
    return (
        select(Provision)
        .where(Provision.school_id == school.id, policy.visible_provisions(principal))
        .order_by(col(Provision.effective_from).desc(), col(Provision.id))
    )


def provisions_public(session: Session, rows: Sequence[Provision]) -> list[ProvisionPublic]:
    names = org_people.people_refs(session, {p for r in rows for p in (r.user_id, r.recorded_by)})
    return [
        ProvisionPublic(
            id=r.id,
            school_id=r.school_id,
            person=names[r.user_id],
            kind=r.kind,
            amount=r.amount,
            effective_from=r.effective_from,
            evidence=r.evidence,
            recorded_by=names[r.recorded_by],
            created_at=r.created_at,
        )
        for r in rows
    ]


# --- compliance --------------------------------------------------------------------------------


def default_range(today: date) -> tuple[date, date]:
    """The school year today falls in: 1 September to 31 August."""
    year = today.year if today.month >= 8 else today.year - 1
    return date(year, 9, 1), date(year + 1, 8, 31)


def _segments(
    session: Session, school_ids: set[uuid.UUID], start: date, end: date
) -> dict[tuple[uuid.UUID, str], list[Segment]]:
    """Which version each school follows for each audience, over start..end: its adoptions in
    order, each followed by the approved versions that superseded it from their dates."""
    adopted = session.exec(
        select(col(PolicyAdoption.school_id), col(PolicyAdoption.adopted_from), EntitlementPolicy)
        .join(EntitlementPolicy, col(EntitlementPolicy.id) == PolicyAdoption.policy_id)
        .where(col(PolicyAdoption.school_id).in_(school_ids))
    ).all()
    trusts = {p.trust_id for _, _, p in adopted}
    published = session.exec(
        select(EntitlementPolicy).where(
            col(EntitlementPolicy.trust_id).in_(trusts),
            col(EntitlementPolicy.status).in_(policy.PUBLISHED),
        )
    ).all()
    successor = {p.supersedes_id: p for p in published if p.supersedes_id}
    item_rows = session.exec(
        select(EntitlementItem)
        .where(col(EntitlementItem.policy_id).in_([p.id for p in published]))
        .order_by(col(EntitlementItem.position))
    ).all()
    versions = {p.id: p.version for p in published}
    items: dict[uuid.UUID, list[Item]] = {}
    for i in item_rows:
        items.setdefault(i.policy_id, []).append(
            Item(
                i.id,
                i.policy_id,
                i.category,
                i.promise,
                i.measure,
                i.target,
                i.period,
                i.pro_rata,
                versions[i.policy_id],
            )
        )
    # (school, audience) -> [(from, policy)] in date order, with successors spliced in.
    changes: dict[tuple[uuid.UUID, str], list[tuple[date, EntitlementPolicy]]] = {}
    for school_id, adopted_from, row in adopted:
        changes.setdefault((school_id, row.audience), []).append((adopted_from, row))
    segments: dict[tuple[uuid.UUID, str], list[Segment]] = {}
    for key, steps in changes.items():
        steps.sort(key=lambda s: s[0])
        timeline: list[tuple[date, EntitlementPolicy | None]] = []
        for n, (since, row) in enumerate(steps):
            until = steps[n + 1][0] if n + 1 < len(steps) else date.max
            current: EntitlementPolicy | None = row
            while current is not None and since < until:
                nxt = successor.get(current.id)
                nxt_from = nxt.effective_from if nxt and nxt.effective_from else None
                retired = current.retired_at.date() if current.retired_at else None
                stop = min(d for d in (until, nxt_from or date.max, retired or date.max))
                timeline.append((since, current))
                if stop == until:
                    break
                if nxt is not None and nxt_from == stop:
                    since, current = stop, nxt
                else:  # retired with nothing after it
                    timeline.append((stop, None))
                    break
        for n, (since, step) in enumerate(timeline):
            seg_end = timeline[n + 1][0] - timedelta(days=1) if n + 1 < len(timeline) else end
            if step is None or since > end or seg_end < start:
                continue
            segments.setdefault(key, []).append(
                Segment(max(since, start), min(seg_end, end), tuple(items.get(step.id, [])))
            )
    return segments


def _subjects(
    session: Session,
    school_ids: set[uuid.UUID],
    people: set[uuid.UUID] | None,
    start: date,
    end: date,
) -> list[Subject]:
    """Mentors (owed while their pairings run) and mentees (owed while their profile runs) of
    these schools, or only these people."""
    mentor_query = select(
        col(MentorProfile.user_id), col(MentorProfile.school_id), col(MentorProfile.fte)
    ).where(col(MentorProfile.school_id).in_(school_ids))
    mentee_query = sa_select(
        col(MenteeProfile.user_id),
        col(MenteeProfile.school_id),
        col(MenteeProfile.pathway),
        col(MenteeProfile.fte),
        col(MenteeProfile.starts_on),
        col(MenteeProfile.ends_on),
    ).where(
        col(MenteeProfile.school_id).in_(school_ids),
        col(MenteeProfile.starts_on) <= end,
        or_(col(MenteeProfile.ends_on).is_(None), col(MenteeProfile.ends_on) >= start),
    )
    pairing_query = sa_select(
        col(Pairing.school_id),
        col(Pairing.mentor_id),
        col(Pairing.mentee_id),
        col(Pairing.starts_on),
        col(Pairing.ends_on),
    ).where(
        col(Pairing.school_id).in_(school_ids),
        col(Pairing.starts_on) <= end,
        col(Pairing.ends_on) >= start,
    )
    if people is not None:
        mentor_query = mentor_query.where(col(MentorProfile.user_id).in_(people))
        mentee_query = mentee_query.where(col(MenteeProfile.user_id).in_(people))
        pairing_query = pairing_query.where(col(Pairing.mentor_id).in_(people))
    spells: dict[tuple[uuid.UUID, uuid.UUID], list[Spell]] = {}
    for school_id, mentor_id, mentee_id, starts_on, ends_on in SASession.execute(
        session, pairing_query
    ):
        spells.setdefault((school_id, mentor_id), []).append(Spell(starts_on, ends_on, mentee_id))
    # A mentor is owed their entitlement while they mentor someone: no pairing, nothing owed.
    subjects = [
        Subject(user_id, school_id, "mentor", PolicyAudience.mentor, fte, tuple(spells[key]))
        for user_id, school_id, fte in session.exec(mentor_query)
        if (key := (school_id, user_id)) in spells
    ]
    subjects += [
        Subject(user_id, school_id, "mentee", pathway, fte, (Spell(starts_on, ends_on),))
        for user_id, school_id, pathway, fte, starts_on, ends_on in SASession.execute(
            session, mentee_query
        )
    ]
    return subjects


def _calendars(session: Session, school_ids: set[uuid.UUID]) -> dict[uuid.UUID, TermCalendar]:
    rows = session.exec(
        select(
            col(TermDate.school_id),
            col(TermDate.kind),
            col(TermDate.starts_on),
            col(TermDate.ends_on),
        ).where(col(TermDate.school_id).in_(school_ids))
    ).all()
    terms: dict[uuid.UUID, list[tuple[date, date]]] = {s: [] for s in school_ids}
    closures: dict[uuid.UUID, list[tuple[date, date]]] = {s: [] for s in school_ids}
    for school_id, kind, starts_on, ends_on in rows:
        (terms if kind == TermKind.term else closures)[school_id].append((starts_on, ends_on))
    return {
        s: TermCalendar(tuple(sorted(terms[s])), tuple(sorted(closures[s]))) for s in school_ids
    }


def compute(
    session: Session,
    school_ids: set[uuid.UUID],
    people: set[uuid.UUID] | None,
    start: date,
    end: date,
    as_of: date,
) -> list[PersonResult]:
    """Compliance for everyone of these schools (or only these people), in a fixed number of
    queries however many people: policies, people, term dates, then one batch per measure
    source. The cycle collector waits meanwhile (`api.core.collector`): nothing here makes
    cycles, and a trust's year is tens of thousands of small objects."""
    if not school_ids:
        return []
    with collector_paused():
        return _compute(session, school_ids, people, start, end, as_of)


def _compute(
    session: Session,
    school_ids: set[uuid.UUID],
    people: set[uuid.UUID] | None,
    start: date,
    end: date,
    as_of: date,
) -> list[PersonResult]:
    segments = _segments(session, school_ids, start, end)
    if not segments:
        return []
    subjects = [
        s
        for s in _subjects(session, school_ids, people, start, end)
        if (s.school_id, s.audience) in segments
    ]
    calendars = _calendars(session, school_ids)
    registered = sources.measures()
    wanted = {
        i.measure for segs in segments.values() for seg in segs for i in seg.items
    } & registered.keys()
    answers: dict = {}
    person_ids = {s.person_id for s in subjects}
    for source in sources.measure_sources():
        names = [m.name for m in source.measures if m.name in wanted]
        if names and person_ids:
            answers |= source.delivered(session, names, person_ids, start, end)
    return compliance.compute(subjects, segments, calendars, registered, answers, start, end, as_of)


def _mentees_of(session: Session, mentor_id: uuid.UUID, start: date, end: date) -> set[uuid.UUID]:
    return set(
        session.exec(
            select(Pairing.mentee_id).where(
                Pairing.mentor_id == mentor_id,
                col(Pairing.starts_on) <= end,
                col(Pairing.ends_on) >= start,
            )
        ).all()
    )


def _scope(
    session: Session, principal: Principal, school_ids: set[uuid.UUID], start: date, end: date
) -> tuple[set[uuid.UUID], set[uuid.UUID] | None]:
    """The schools asked about whose everyone the principal sees (None for people: all), or,
    for a mentor or mentee, just themselves and their mentees."""
    if policy.READ not in principal.scopes:
        raise Forbidden("Entitlements are read with entitlements:read.")
    whole = set(session.exec(policy.compliance_schools(principal)).all())
    if school_ids <= whole:
        return school_ids, None
    return school_ids, {principal.id} | _mentees_of(session, principal.id, start, end)


def _short(weeks: Iterable[compliance.ShortWeek]) -> list[ShortWeekPublic]:
    return [
        ShortWeekPublic(
            week=w.week,
            promised=round(w.promised, 2),
            delivered=round(w.delivered, 2),
            reasons=list(w.reasons),
        )
        for w in weeks
    ]


def _person_public(result: PersonResult, names: dict, with_periods: bool) -> PersonCompliance:
    subject = result.subject
    return PersonCompliance(
        person=names[subject.person_id],
        school_id=subject.school_id,
        role=subject.role,
        audience=PolicyAudience(subject.audience),
        fte=subject.fte,
        status=result.status,
        items=[
            ItemCompliance(
                policy_id=i.item.policy_id,
                version=i.item.version,
                starts_on=i.starts_on,
                ends_on=i.ends_on,
                category=i.item.category,
                promise=i.item.promise,
                measure=i.item.measure,
                unit=i.unit,
                period=i.item.period,
                target=i.item.target,
                pro_rata=i.item.pro_rata,
                promised=round(i.promised, 2),
                delivered=round(i.delivered, 2),
                status=i.status,
                short_weeks=_short(i.short_weeks),
                periods=[
                    PeriodPublic(
                        label=p.label,
                        starts_on=p.starts_on,
                        ends_on=p.ends_on,
                        promised=round(p.promised, 2),
                        delivered=round(p.delivered, 2),
                        status=p.status,
                        short_weeks=_short(p.short_weeks),
                    )
                    for p in i.periods
                ]
                if with_periods
                else None,
            )
            for i in result.items
        ],
    )


def _school_public(school: School, tallies: dict[str, compliance.Tally]) -> SchoolCompliance:
    cells = [
        CellPublic(category=c, status=t.status, counts=t.counts) for c, t in sorted(tallies.items())
    ]
    return SchoolCompliance(
        school_id=school.id,
        school_name=school.name,
        status=compliance.worst(cast(compliance.Status, c.status) for c in cells),
        cells=cells,
    )


def trust_compliance(
    session: Session, principal: Principal, start: date, end: date, as_of: date
) -> tuple[list[SchoolCompliance], list[str]]:
    """Per school of the principal's (led, or of their trusts), per item category."""
    if policy.READ not in principal.scopes:
        raise Forbidden("Entitlements are read with entitlements:read.")
    schools = session.exec(
        select(School)
        .where(col(School.id).in_(policy.compliance_schools(principal)))
        .order_by(col(School.name))
    ).all()
    if not schools:
        raise Forbidden("The trust view is for trust admins and school leads.")
    results = compute(session, {s.id for s in schools}, None, start, end, as_of)
    tallies = compliance.roll_up(results)
    categories = sorted({c for t in tallies.values() for c in t})
    return [_school_public(s, tallies.get(s.id, {})) for s in schools], categories


def school_compliance(
    session: Session,
    principal: Principal,
    school_id: uuid.UUID,
    start: date,
    end: date,
    as_of: date,
) -> tuple[SchoolCompliance, list[PersonCompliance]]:
    school = org_service.get_school(session, principal, school_id)
    schools, people = _scope(session, principal, {school.id}, start, end)
    results = compute(session, schools, people, start, end, as_of)
    names = org_people.people_refs(session, {r.subject.person_id for r in results})
    tallies = compliance.roll_up(results).get(school.id, {})
    public = [_person_public(r, names, with_periods=False) for r in results]
    public.sort(key=lambda p: (p.person.full_name, p.role))
    return _school_public(school, tallies), public


def person_compliance(
    session: Session,
    principal: Principal,
    user_id: uuid.UUID,
    start: date,
    end: date,
    as_of: date,
) -> list[PersonCompliance]:
    """One person's compliance, period by period; 404 when the principal may not see it."""
    if policy.READ not in principal.scopes:
        raise Forbidden("Entitlements are read with entitlements:read.")
    whole = set(session.exec(policy.compliance_schools(principal)).all())
    mine = {principal.id} | _mentees_of(session, principal.id, start, end)
    schools = set(
        session.exec(select(MentorProfile.school_id).where(MentorProfile.user_id == user_id)).all()
    ) | set(
        session.exec(select(MenteeProfile.school_id).where(MenteeProfile.user_id == user_id)).all()
    )
    if user_id not in mine:
        schools &= whole
    if not schools:
        raise NotFound(f"No person {user_id} with an entitlement you can see.", slug="not-found")
    results = compute(session, schools, {user_id}, start, end, as_of)
    names = org_people.people_refs(session, {user_id})
    return [_person_public(r, names, with_periods=True) for r in results]


CSV_HEADER = (
    "school_id",
    "person_id",
    "full_name",
    "role",
    "audience",
    "fte",
    "category",
    "measure",
    "period",
    "period_label",
    "starts_on",
    "ends_on",
    "promised",
    "delivered",
    "status",
    "short_weeks",
    "policy_version",
)


def compliance_rows(
    session: Session,
    principal: Principal,
    school_id: uuid.UUID,
    start: date,
    end: date,
    as_of: date,
) -> Iterator[tuple]:
    """Every person, item and period of a school the principal may see, for the CSV export:
    computed first (so a refusal is an error, not half a file), then yielded row by row."""
    school = org_service.get_school(session, principal, school_id)
    schools, people = _scope(session, principal, {school.id}, start, end)
    results = compute(session, schools, people, start, end, as_of)
    names = org_people.people_refs(session, {r.subject.person_id for r in results})

    def rows() -> Iterator[tuple]:
        for r in results:
            s = r.subject
            for i in r.items:
                for p in i.periods:
                    yield (
                        s.school_id,
                        s.person_id,
                        names[s.person_id].full_name,
                        s.role,
                        s.audience,
                        s.fte,
                        i.item.category,
                        i.item.measure,
                        i.item.period,
                        p.label,
                        p.starts_on,
                        p.ends_on,
                        round(p.promised, 2),
                        round(p.delivered, 2),
                        p.status,
                        " ".join(w.week.isoformat() for w in p.short_weeks),
                        i.item.version,
                    )

    return rows()


def csv_chunks(rows: Iterator[tuple], batch: int = 500) -> Iterator[bytes]:
    """The export as CSV bytes, a few hundred rows at a time (the csv module quotes)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for n, row in enumerate(rows, start=1):
        writer.writerow(row)
        if n % batch == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def policies_query(
    principal: Principal, audience: PolicyAudience | None = None, status: PolicyStatus | None = None
) -> SelectOfScalar[EntitlementPolicy]:
    query = select(EntitlementPolicy).where(policy.visible_policies(principal))
    if audience:
        query = query.where(EntitlementPolicy.audience == audience)
    if status:
        query = query.where(EntitlementPolicy.status == status)
    return query.order_by(
        col(EntitlementPolicy.audience),
        col(EntitlementPolicy.version).desc(),
        col(EntitlementPolicy.id),
    )
