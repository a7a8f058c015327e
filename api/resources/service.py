"""The resource library: searching and filtering (one function, either database), keeping
resources trust-wide or per school, bookmarks, theme prompts, and suggestions from a mentee's
open targets. No HTTP here."""

import uuid
from collections.abc import Sequence

from sqlalchemy import ColumnElement, exists
from sqlmodel import Session, col, delete, select
from sqlmodel.sql.expression import SelectOfScalar

from api.audit import service as audit
from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.problems import Forbidden, NotFound
from api.core.queries import first_visible
from api.observations import service as observations
from api.org import service as org_service
from api.resources import policy, search
from api.resources.models import (
    Audience,
    Facet,
    Resource,
    ResourceBookmark,
    ResourceKind,
    ResourcePhase,
    ResourceTag,
    Theme,
)
from api.resources.prompts import THEMES
from api.resources.schemas import (
    ResourceCan,
    ResourceCreate,
    ResourceDetail,
    ResourcePublic,
    ResourceUpdate,
    Suggestion,
    ThemePrompts,
)

TAG_FIELDS = {
    "themes": Facet.theme,
    "audiences": Facet.audience,
    "phases": Facet.phase,
    "standards": Facet.standard,
}
# Which library themes speak to a target on each of the Teachers' Standards.
STANDARD_THEMES: dict[int, tuple[Theme, ...]] = {
    1: (Theme.challenge_and_support,),
    2: (Theme.assessment,),
    5: (Theme.challenge_and_support,),
    6: (Theme.assessment, Theme.observation_and_feedback),
    7: (Theme.behaviour,),
    8: (Theme.working_collaboratively, Theme.wellbeing),
}
STANDARD_NAMES = {
    1: "high expectations",
    2: "progress",
    3: "subject knowledge",
    4: "planning and teaching",
    5: "adapting teaching",
    6: "assessment",
    7: "behaviour",
    8: "wider professional responsibilities",
}
MAX_SUGGESTIONS = 6


def _tagged(facet: Facet, value: str) -> ColumnElement[bool]:
    return exists().where(
        col(ResourceTag.resource_id) == col(Resource.id),
        col(ResourceTag.facet) == facet,
        col(ResourceTag.value) == value,
    )


def resources_query(
    session: Session,
    principal: Principal,
    *,
    q: str | None = None,
    kind: ResourceKind | None = None,
    theme: Theme | None = None,
    audience: Audience | None = None,
    phase: ResourcePhase | None = None,
    standard: int | None = None,
    bookmarked: bool = False,
) -> SelectOfScalar[Resource]:
    """The one search: what the person may read, narrowed by words and filters, the best
    match first (see `search.py`); without words, by title."""
    query = select(Resource).where(policy.visible_resources(principal))
    terms = search.words(q)
    if q is not None and q.strip() and not terms:
        # Only punctuation or common words: nothing to search by, so nothing matches.
        return query.where(col(Resource.id).is_(None))
    found = search.match(session.get_bind().dialect.name, terms)
    if found is not None:
        query = query.where(found.where)
    if kind:
        query = query.where(Resource.kind == kind)
    for facet, value in (
        (Facet.theme, theme),
        (Facet.audience, audience),
        (Facet.phase, phase),
        (Facet.standard, standard),
    ):
        if value is not None:
            query = query.where(_tagged(facet, str(value)))
    if bookmarked:
        query = query.where(
            exists().where(
                col(ResourceBookmark.resource_id) == col(Resource.id),
                col(ResourceBookmark.user_id) == principal.id,
            )
        )
    if found is not None:
        query = query.order_by(found.title_hit.desc(), found.relevance.desc())
    return query.order_by(col(Resource.title), col(Resource.id))


def _tags_of(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[Facet, list]]:
    tags: dict[uuid.UUID, dict[Facet, list]] = {i: {f: [] for f in Facet} for i in ids}
    if ids:
        rows = session.exec(select(ResourceTag).where(col(ResourceTag.resource_id).in_(ids))).all()
        for tag in rows:
            value: str | int = int(tag.value) if tag.facet == Facet.standard else tag.value
            tags[tag.resource_id][tag.facet].append(value)
    for found in tags.values():
        for values in found.values():
            values.sort()
    return tags


def resources_public(
    session: Session, principal: Principal, rows: Sequence[Resource]
) -> list[ResourcePublic]:
    ids = [r.id for r in rows]
    tags = _tags_of(session, ids)
    marked = (
        set(
            session.exec(
                select(ResourceBookmark.resource_id).where(
                    ResourceBookmark.user_id == principal.id,
                    col(ResourceBookmark.resource_id).in_(ids),
                )
            ).all()
        )
        if ids
        else set()
    )
    return [
        ResourcePublic(
            id=r.id,
            school_id=r.school_id,
            title=r.title,
            kind=r.kind,
            url=r.url,
            publisher=r.publisher,
            year=r.year,
            summary=r.summary,
            themes=tags[r.id][Facet.theme],
            audiences=tags[r.id][Facet.audience],
            phases=tags[r.id][Facet.phase],
            standards=tags[r.id][Facet.standard],
            bookmarked=r.id in marked,
            created_at=r.created_at,
            updated_at=r.updated_at,
        )
        for r in rows
    ]


def get_resource(session: Session, principal: Principal, resource_id: uuid.UUID) -> Resource:
    return first_visible(
        session,
        select(Resource).where(Resource.id == resource_id, policy.visible_resources(principal)),
        "resource",
        resource_id,
    )


def resource_can(principal: Principal, resource: Resource) -> ResourceCan:
    keeps = policy.may_keep_resource(principal, resource)
    return ResourceCan(edit=keeps, delete=keeps, bookmark=policy.may_bookmark(principal))


def resource_detail(session: Session, principal: Principal, resource: Resource) -> ResourceDetail:
    public = resources_public(session, principal, [resource])[0]
    return ResourceDetail(**public.model_dump(), can=resource_can(principal, resource))


def _set_tags(session: Session, resource_id: uuid.UUID, values: dict[Facet, list]) -> None:
    for facet, chosen in values.items():
        session.exec(
            delete(ResourceTag).where(
                col(ResourceTag.resource_id) == resource_id, col(ResourceTag.facet) == facet
            )
        )
        session.add_all(
            ResourceTag(resource_id=resource_id, facet=facet, value=str(v)) for v in chosen
        )


def _tag_values(fields: dict) -> dict[Facet, list]:
    return {
        facet: [str(v) for v in fields[name]]
        for name, facet in TAG_FIELDS.items()
        if name in fields
    }


def add_resource(
    session: Session,
    actor: Principal | None,
    trust_id: uuid.UUID,
    body: ResourceCreate,
    *,
    starter_key: str | None = None,
) -> Resource:
    """Adds a resource once the caller has checked who may (the route, or a loading command)."""
    fields = body.model_dump()
    resource = Resource(
        trust_id=trust_id,
        school_id=body.school_id,
        title=body.title,
        kind=body.kind,
        url=body.url,
        publisher=body.publisher,
        year=body.year,
        summary=body.summary,
        starter_key=starter_key,
        created_by=actor.id if actor and actor.is_user else None,
    )
    session.add(resource)
    session.flush()
    _set_tags(session, resource.id, _tag_values(fields))
    audit.record(
        session,
        actor,
        "resource.added",
        object_type="resource",
        object_id=resource.id,
        trust_id=trust_id,
        changes={k: v for k, v in fields.items() if k != "summary"} | {"starter_key": starter_key},
    )
    session.flush()
    return resource


def create_resource(session: Session, principal: Principal, body: ResourceCreate) -> Resource:
    if body.school_id is not None:
        org_service.get_school(session, principal, body.school_id)  # 404 when out of sight
    if not policy.may_keep(principal, principal.trust_id, body.school_id):
        if body.school_id is None:
            raise Forbidden(
                "Trust admins keep the trust-wide library; leads add to their school's."
            )
        raise Forbidden("A school's leads (or the trust's admins) keep its resources.")
    return add_resource(session, principal, principal.trust_id, body)


def _kept(session: Session, principal: Principal, resource_id: uuid.UUID) -> Resource:
    resource = get_resource(session, principal, resource_id)
    if not policy.may_keep_resource(principal, resource):
        raise Forbidden(
            "Trust admins keep the trust-wide resources, and a school's leads keep the school's."
        )
    return resource


def update_resource(
    session: Session, principal: Principal, resource_id: uuid.UUID, body: ResourceUpdate
) -> Resource:
    resource = _kept(session, principal, resource_id)
    changes = body.changes()
    tag_changes = _tag_values(changes)
    columns = {k: v for k, v in changes.items() if k not in TAG_FIELDS}
    _set_tags(session, resource.id, tag_changes)
    for name, value in columns.items():
        setattr(resource, name, value)
    resource.updated_at = utcnow()
    session.add(resource)
    audit.record(
        session,
        principal,
        "resource.updated",
        object_type="resource",
        object_id=resource.id,
        trust_id=resource.trust_id,
        changes=changes,
    )
    session.flush()
    return resource


def delete_resource(session: Session, principal: Principal, resource_id: uuid.UUID) -> None:
    resource = _kept(session, principal, resource_id)
    session.exec(delete(ResourceTag).where(col(ResourceTag.resource_id) == resource.id))
    session.exec(delete(ResourceBookmark).where(col(ResourceBookmark.resource_id) == resource.id))
    audit.record(
        session,
        principal,
        "resource.removed",
        object_type="resource",
        object_id=resource.id,
        trust_id=resource.trust_id,
        changes={"title": resource.title},
    )
    session.delete(resource)
    session.flush()


def set_bookmark(
    session: Session, principal: Principal, resource_id: uuid.UUID, *, on: bool
) -> Resource:
    resource = get_resource(session, principal, resource_id)
    if not policy.may_bookmark(principal):
        raise Forbidden("Bookmarks are for people.")
    existing = session.get(ResourceBookmark, (principal.id, resource.id))
    if on and existing is None:
        session.add(ResourceBookmark(user_id=principal.id, resource_id=resource.id))
        action = "resource.bookmarked"
    elif not on and existing is not None:
        session.delete(existing)
        action = "resource.unbookmarked"
    else:
        return resource  # already so: nothing changes, nothing to record
    audit.record(
        session,
        principal,
        action,
        object_type="resource",
        object_id=resource.id,
        trust_id=resource.trust_id,
    )
    session.flush()
    return resource


def theme_prompts() -> list[ThemePrompts]:
    return [
        ThemePrompts(theme=theme, label=label, prompts=list(prompts))
        for theme, (label, prompts) in THEMES.items()
    ]


def suggestions(session: Session, principal: Principal, mentee_id: uuid.UUID) -> list[Suggestion]:
    """Resources for the mentee's open targets: tagged with a target's standard (the strongest
    reason), or with a theme that speaks to it. 404 unless the person asking follows the
    mentee's targets (the mentee, their mentor, a lead of their school)."""
    targets = observations.open_target_standards(session, principal, mentee_id)
    if targets is None:
        raise NotFound(f"No mentee with id {mentee_id} is visible to you.")
    standards = sorted({s for target in targets for s in target})
    if not standards:
        return []
    themes = sorted({t.value for s in standards for t in STANDARD_THEMES.get(s, ())})
    tags = session.exec(
        select(ResourceTag.resource_id, ResourceTag.facet, ResourceTag.value)
        .join(Resource, col(Resource.id) == ResourceTag.resource_id)
        .where(
            policy.visible_resources(principal),
            (
                (col(ResourceTag.facet) == Facet.standard)
                & col(ResourceTag.value).in_([str(s) for s in standards])
            )
            | ((col(ResourceTag.facet) == Facet.theme) & col(ResourceTag.value).in_(themes)),
        )
    ).all()
    score: dict[uuid.UUID, int] = {}
    reasons: dict[uuid.UUID, list[str]] = {}
    for resource_id, facet, value in tags:
        if facet == Facet.standard:
            n = int(value)
            score[resource_id] = score.get(resource_id, 0) + 3
            why = f"Standard {n}: {STANDARD_NAMES[n]}"
        else:
            score[resource_id] = score.get(resource_id, 0) + 1
            standard = next(s for s in standards if Theme(value) in STANDARD_THEMES.get(s, ()))
            why = f"{THEMES[Theme(value)][0]}, for standard {standard}"
        reasons.setdefault(resource_id, []).append(why)
    if not score:
        return []
    rows = session.exec(select(Resource).where(col(Resource.id).in_(list(score)))).all()
    rows = sorted(rows, key=lambda r: (-score[r.id], r.title.lower(), str(r.id)))[:MAX_SUGGESTIONS]
    public = resources_public(session, principal, rows)
    return [Suggestion(**p.model_dump(), reasons=sorted(reasons[p.id])) for p in public]
