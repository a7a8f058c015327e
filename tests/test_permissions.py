"""The permission matrix: every route, for anonymous, each role, a lead of another school, an
admin of another trust and an integration client. A route missing from the matrix fails."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from api.main import api_routes, create_app

ANON, OK, FORBIDDEN, HIDDEN = 401, "ok", 403, 404
PRINCIPALS = [
    "anon",
    "admin",
    "lead",
    "mentor",
    "mentee",
    "observer",
    "other_lead",
    "foreign_admin",
    "client",
]


def row(
    anon=ANON,
    admin=OK,
    lead=OK,
    mentor=OK,
    mentee=OK,
    observer=OK,
    other_lead=OK,
    foreign_admin=OK,
    client=OK,
):  # type: ignore[no-untyped-def]
    return dict(
        anon=anon,
        admin=admin,
        lead=lead,
        mentor=mentor,
        mentee=mentee,
        observer=observer,
        other_lead=other_lead,
        foreign_admin=foreign_admin,
        client=client,
    )


EVERYONE = row()
PEOPLE_ONLY = row(client=FORBIDDEN)
ADMIN_ONLY = row(
    lead=FORBIDDEN,
    mentor=FORBIDDEN,
    mentee=FORBIDDEN,
    observer=FORBIDDEN,
    other_lead=FORBIDDEN,
    client=FORBIDDEN,
)
ADMIN_OF_THIS_TRUST = ADMIN_ONLY | {"foreign_admin": HIDDEN}
SCHOOL_READER = EVERYONE | {"other_lead": HIDDEN, "foreign_admin": HIDDEN}
TERM_WRITER = SCHOOL_READER | {
    "mentor": FORBIDDEN,
    "mentee": FORBIDDEN,
    "observer": FORBIDDEN,
    "client": FORBIDDEN,
}
USER_LISTER = row(mentor=FORBIDDEN, mentee=FORBIDDEN, observer=FORBIDDEN, client=FORBIDDEN)
USER_MANAGER = USER_LISTER | {"other_lead": HIDDEN, "foreign_admin": HIDDEN}
MENTORING_SETUP = TERM_WRITER
PAIR_LISTER = row(observer=FORBIDDEN, client=FORBIDDEN)
PAIR_READER = PAIR_LISTER | {"other_lead": HIDDEN, "foreign_admin": HIDDEN}
# Acting on a pairing needs meetings:write, which trust admins (overseers) do not hold.
PAIR_ACTOR = PAIR_READER | {"admin": FORBIDDEN, "foreign_admin": FORBIDDEN}
PAIR_ONLY = PAIR_ACTOR | {"lead": FORBIDDEN}
RECORD_KEEPER = PAIR_ONLY | {"mentee": FORBIDDEN}
# Observations: reading needs observations:view (not clients); acting observations:write,
# which trust admins (overseers) do not hold.
OBS_LISTER = PEOPLE_ONLY
OBS_READER = PEOPLE_ONLY | {"other_lead": HIDDEN, "foreign_admin": HIDDEN}
OBS_ACTOR = OBS_READER | {"admin": FORBIDDEN, "foreign_admin": FORBIDDEN}
# Scheduling goes through the pairing, which an observer does not see.
OBS_SCHEDULER = OBS_ACTOR | {"mentee": FORBIDDEN, "observer": HIDDEN}
OBSERVER_ONLY = OBS_ACTOR | {"lead": FORBIDDEN, "mentor": FORBIDDEN, "mentee": FORBIDDEN}
OBS_SHARER = OBS_ACTOR | {"mentee": FORBIDDEN}
MENTEE_ONLY = OBS_ACTOR | {"lead": FORBIDDEN, "mentor": FORBIDDEN, "observer": FORBIDDEN}
# What only an integration client reads: people never hold observations:read.
CLIENT_ONLY = row(
    admin=FORBIDDEN,
    lead=FORBIDDEN,
    mentor=FORBIDDEN,
    mentee=FORBIDDEN,
    observer=FORBIDDEN,
    other_lead=FORBIDDEN,
    foreign_admin=FORBIDDEN,
)
# Coverage names mentees: for the leads of their school and the trust's admins only.
COVERAGE = row(mentor=FORBIDDEN, mentee=FORBIDDEN, observer=FORBIDDEN, client=FORBIDDEN)
# Targets reviewed at a meeting: read with its record (the pair and their leads), written by
# its record keeper; the observer does not see the meeting at all.
REVIEW_READER = OBS_READER | {"admin": FORBIDDEN, "observer": HIDDEN}
REVIEW_WRITER = RECORD_KEEPER | {"observer": HIDDEN}
# The resource library: every person reads (integration clients do not); keeping it needs
# resources:write (trust admins and leads), and a school's resources are hidden from the leads
# of other schools and from other trusts.
RESOURCE_READER = PEOPLE_ONLY | {"other_lead": HIDDEN, "foreign_admin": HIDDEN}
RESOURCE_KEEPER = RESOURCE_READER | {
    "mentor": FORBIDDEN,
    "mentee": FORBIDDEN,
    "observer": FORBIDDEN,
}
# Suggestions follow the mentee's targets: the mentee, their mentor and their school's leads.
SUGGESTIONS = RESOURCE_READER | {"admin": HIDDEN, "observer": HIDDEN}
WELLBEING_LISTER = row(
    admin=FORBIDDEN, observer=FORBIDDEN, foreign_admin=FORBIDDEN, client=FORBIDDEN
)
WELLBEING_READER = WELLBEING_LISTER | {"other_lead": HIDDEN}
# Entitlements: read by everyone in the trust but observers; written by its trust admins;
# adopted and provided for by a school's leads (and its trust's admins).
ENT_READER = row(observer=FORBIDDEN, client=FORBIDDEN)
ENT_POLICY = ENT_READER | {"foreign_admin": HIDDEN}
ENT_MANAGER = ADMIN_OF_THIS_TRUST
ENT_SCHOOL = ENT_READER | {"other_lead": HIDDEN, "foreign_admin": HIDDEN}
ENT_ADOPTER = ENT_SCHOOL | {"mentor": FORBIDDEN, "mentee": FORBIDDEN}
SUPERVISION_LISTER = row(mentee=FORBIDDEN, observer=FORBIDDEN, client=FORBIDDEN)
SUPERVISION_WRITER = row(
    admin=FORBIDDEN,
    mentor=FORBIDDEN,
    mentee=FORBIDDEN,
    observer=FORBIDDEN,
    other_lead=HIDDEN,
    foreign_admin=FORBIDDEN,
    client=FORBIDDEN,
)
# Providers: the admins of the provider's trust; the receiver takes no sign-in at all (the
# signature is its credential, tests/test_webhooks.py covers it), so a token changes nothing.
PROVIDER_LISTER = ADMIN_ONLY
PROVIDER_ADMIN = ADMIN_OF_THIS_TRUST
WEBHOOK = row(**dict.fromkeys(PRINCIPALS[1:], ANON))
# Training: people read (training:read: not observers, not clients); a course date, a cover
# request and a record are hidden outside the school (and from the mentee where they are not
# theirs); writing needs training:write (mentors and leads), deciding training:manage.
TRAINING_LISTER = row(observer=FORBIDDEN, client=FORBIDDEN)
TRAINING_READER = TRAINING_LISTER | {"other_lead": HIDDEN, "foreign_admin": HIDDEN}
TRAINING_WRITER = TRAINING_READER | {
    "admin": FORBIDDEN,
    "mentee": FORBIDDEN,
    "foreign_admin": FORBIDDEN,
}
COVER_READER = TRAINING_READER | {"mentee": HIDDEN}
COVER_DECIDER = COVER_READER | {"mentor": FORBIDDEN, "mentee": FORBIDDEN}
RECORD_READER = TRAINING_READER | {"mentee": HIDDEN}
RECORD = {"focus_standards": [5, 7], "strengths": "Clear routines", "points_to_develop": "Pace"}
TODAY = datetime.now(UTC).astimezone(ZoneInfo("Europe/London")).date()
TODAY, IN_A_YEAR = TODAY.isoformat(), (TODAY + timedelta(days=365)).isoformat()
CSV = "email,full_name,role,starts_on\nnew.observer@example.org,New Observer,observer,2026-09-01\n"

# (method, path template) -> (expected per principal, request body or None[, {param: id key}])
MATRIX = {
    ("GET", "/healthz"): (row(anon=OK), None),
    ("GET", "/readyz"): (row(anon=OK), None),
    ("POST", "/api/v1/auth/token"): (None, None),  # public: its own tests cover every grant
    ("POST", "/api/v1/auth/logout"): (PEOPLE_ONLY, None),
    # public: the link is the credential; tests/test_invitations.py covers them
    ("POST", "/api/v1/invitations/lookup"): (None, None),
    ("POST", "/api/v1/invitations/accept"): (None, None),
    ("POST", "/api/v1/auth/password"): (
        PEOPLE_ONLY,
        {"current_password": "correct-horse-battery", "new_password": "a-brand-new-password"},
    ),
    ("GET", "/api/v1/me"): (PEOPLE_ONLY, None),
    ("GET", "/api/v1/me/todos"): (PEOPLE_ONLY, None),
    ("GET", "/api/v1/trusts"): (EVERYONE, None),
    ("GET", "/api/v1/trusts/{trust_id}"): (EVERYONE | {"foreign_admin": HIDDEN}, None),
    ("PATCH", "/api/v1/trusts/{trust_id}"): (ADMIN_OF_THIS_TRUST, {"name": "Renamed Trust"}),
    ("GET", "/api/v1/schools"): (EVERYONE, None),
    ("POST", "/api/v1/schools"): (
        ADMIN_ONLY,
        {"name": "New School", "urn": "300001", "phase": "primary"},
    ),
    ("GET", "/api/v1/schools/{school_id}"): (SCHOOL_READER, None),
    ("PATCH", "/api/v1/schools/{school_id}"): (ADMIN_OF_THIS_TRUST, {"name": "Hillcrest"}),
    ("GET", "/api/v1/schools/{school_id}/term-dates"): (SCHOOL_READER, None),
    ("POST", "/api/v1/schools/{school_id}/term-dates"): (
        TERM_WRITER,
        {
            "kind": "closure",
            "name": "INSET day",
            "starts_on": "2026-11-02",
            "ends_on": "2026-11-02",
        },
    ),
    # The lead cannot see the target school, so it is hidden from them too.
    ("POST", "/api/v1/schools/{school_id}/term-dates/copy"): (
        TERM_WRITER | {"lead": HIDDEN},
        {"target_school_ids": ["{other_school_id}"]},
    ),
    ("PATCH", "/api/v1/term-dates/{term_date_id}"): (TERM_WRITER, {"name": "Autumn"}),
    ("DELETE", "/api/v1/term-dates/{term_date_id}"): (TERM_WRITER, None),
    ("GET", "/api/v1/users"): (USER_LISTER, None),
    ("POST", "/api/v1/users"): (
        USER_MANAGER,
        {
            "email": "new.person@example.org",
            "full_name": "New Person",
            "roles": [{"role": "mentor", "school_id": "{school_id}"}],
        },
    ),
    ("GET", "/api/v1/users/{user_id}"): (USER_MANAGER, None),
    ("PATCH", "/api/v1/users/{user_id}"): (USER_MANAGER, {"full_name": "Renamed Person"}),
    ("POST", "/api/v1/users/{user_id}/reset-password"): (USER_MANAGER, None),
    ("POST", "/api/v1/users/{user_id}/invitations"): (USER_MANAGER, None),
    ("POST", "/api/v1/users/{user_id}/roles"): (
        USER_MANAGER,
        {"role": "observer", "school_id": "{school_id}"},
    ),
    ("DELETE", "/api/v1/users/{user_id}/roles/{membership_id}"): (USER_MANAGER, None),
    ("GET", "/api/v1/integration-clients"): (ADMIN_ONLY, None),
    ("POST", "/api/v1/integration-clients"): (
        ADMIN_OF_THIS_TRUST,
        {"name": "SIMS", "scopes": ["observations:read"], "school_ids": ["{school_id}"]},
    ),
    ("GET", "/api/v1/integration-clients/{client_id}"): (ADMIN_OF_THIS_TRUST, None),
    ("POST", "/api/v1/integration-clients/{client_id}/revoke"): (ADMIN_OF_THIS_TRUST, None),
    ("GET", "/api/v1/integrations/observation-counts"): (CLIENT_ONLY, None),
    ("GET", "/api/v1/audit-events"): (ADMIN_ONLY, None),
    ("GET", "/api/v1/schools/{school_id}/mentor-profiles"): (USER_MANAGER, None),
    ("POST", "/api/v1/schools/{school_id}/mentor-profiles"): (
        MENTORING_SETUP,
        {"user_id": "{spare_mentor_id}", "starts_on": "2026-09-01"},
    ),
    ("PATCH", "/api/v1/mentor-profiles/{profile_id}"): (
        MENTORING_SETUP,
        {"trained": True},
        {"profile_id": "mentor_profile_id"},
    ),
    ("GET", "/api/v1/schools/{school_id}/mentee-profiles"): (USER_MANAGER, None),
    ("POST", "/api/v1/schools/{school_id}/mentee-profiles"): (
        MENTORING_SETUP,
        {"user_id": "{spare_mentee_id}", "pathway": "itt", "starts_on": "2026-09-01"},
    ),
    ("PATCH", "/api/v1/mentee-profiles/{profile_id}"): (
        MENTORING_SETUP,
        {"subject": "History"},
        {"profile_id": "mentee_profile_id"},
    ),
    ("GET", "/api/v1/pairings"): (PAIR_LISTER, None),
    ("POST", "/api/v1/pairings"): (
        MENTORING_SETUP,
        {
            "school_id": "{school_id}",
            "mentor_id": "{mentor_id}",
            "mentee_id": "{mentee_id}",
            "kind": "subject_mentor",
            "starts_on": "2026-09-01",
            "ends_on": "2026-12-18",
        },
    ),
    ("GET", "/api/v1/pairings/{pairing_id}"): (PAIR_READER, None),
    ("POST", "/api/v1/pairings/{pairing_id}/end"): (
        MENTORING_SETUP,
        {"ends_on": "2026-12-18", "reason": "Moving school"},
    ),
    ("GET", "/api/v1/pairings/{pairing_id}/agreements"): (PAIR_READER, None),
    ("POST", "/api/v1/pairings/{pairing_id}/agreements"): (
        PAIR_ACTOR,
        {
            "meeting_frequency": "weekly",
            "meeting_day": 2,
            "meeting_time": "15:30",
            "meeting_location": "Room 12",
            "feedback_timing": "same_day",
            "mentor_prepares": "Notes",
            "mentee_prepares": "Reflections",
            "record_keeper": "mentee",
            "agenda_setting": "Together",
            "feedback_approach": "Strengths first",
            "wellbeing_frequency": "weekly",
            "concern_route": "The induction tutor",
        },
    ),
    ("POST", "/api/v1/agreements/{agreement_id}/agree"): (PAIR_ONLY, None),
    ("GET", "/api/v1/pairings/{pairing_id}/slots"): (PAIR_READER, None),
    ("POST", "/api/v1/pairings/{pairing_id}/slots"): (
        PAIR_ACTOR,
        {
            "weekday": 0,
            "start_time": "08:00",
            "location": "Library",
            "starts_on": TODAY,  # slots start today or later
            "ends_on": IN_A_YEAR,
            "additional": True,  # the world's pair has its weekly slot already
        },
    ),
    ("GET", "/api/v1/pairings/{pairing_id}/slots/free-times"): (PAIR_READER, None),
    ("POST", "/api/v1/slots/{slot_id}/change"): (
        PAIR_ACTOR,
        {"from_date": TODAY, "location": "Library", "reason": "A bigger room"},
    ),
    ("POST", "/api/v1/slots/{slot_id}/end"): (
        PAIR_ACTOR,
        {"last_date": TODAY, "reason": "The mentee leaves"},
    ),
    ("GET", "/api/v1/meetings"): (PAIR_LISTER, None),
    ("GET", "/api/v1/meetings/{meeting_id}"): (PAIR_READER, None),
    ("POST", "/api/v1/meetings/{meeting_id}/cancel"): (
        PAIR_ACTOR,
        {"reason": "Parents evening", "outcome": "lost"},
    ),
    ("PUT", "/api/v1/meetings/{meeting_id}/record"): (
        RECORD_KEEPER,
        {"status": "held", "notes": "We talked about behaviour."},
        {"meeting_id": "past_meeting_id"},
    ),
    ("POST", "/api/v1/meetings/{meeting_id}/agenda-items"): (PAIR_ONLY, {"text": "Marking"}),
    ("PATCH", "/api/v1/meeting-actions/{action_id}"): (PAIR_ONLY, {"done": True}),
    # Only the school's leads let meetings go for a closure.
    ("POST", "/api/v1/schools/{school_id}/closure-meetings/let-go"): (
        row(
            admin=FORBIDDEN,
            mentor=FORBIDDEN,
            mentee=FORBIDDEN,
            observer=FORBIDDEN,
            other_lead=HIDDEN,
            foreign_admin=FORBIDDEN,
            client=FORBIDDEN,
        ),
        {"meeting_ids": []},
    ),
    ("GET", "/api/v1/imports/template.csv"): (
        row(mentor=FORBIDDEN, mentee=FORBIDDEN, observer=FORBIDDEN, client=FORBIDDEN),
        None,
    ),
    ("POST", "/api/v1/schools/{school_id}/imports"): (MENTORING_SETUP, CSV),
    ("GET", "/api/v1/me/calendar-feed"): (PEOPLE_ONLY, None),
    ("POST", "/api/v1/me/calendar-feed"): (PEOPLE_ONLY, None),
    ("DELETE", "/api/v1/me/calendar-feed"): (PEOPLE_ONLY, None),
    ("GET", "/api/v1/calendar/{feed_token}.ics"): (None, None),  # the secret link is the key
    ("GET", "/api/v1/observations"): (OBS_LISTER, None),
    ("POST", "/api/v1/observations"): (
        OBS_SCHEDULER,
        {
            "pairing_id": "{pairing_id}",
            "observer_id": "{observer_id}",
            "observer_role": "senco",
            "kind": "drop_in",
            "starts_at": "2027-03-03T09:00:00Z",
            "ends_at": "2027-03-03T09:30:00Z",
            "class_name": "9C",
            "subject": "Science",
            "year_group": "Year 9",
        },
    ),
    ("GET", "/api/v1/pairings/{pairing_id}/observer-choices"): (OBS_SCHEDULER, None),
    ("GET", "/api/v1/observations/{observation_id}"): (OBS_READER, None),
    ("PUT", "/api/v1/observations/{observation_id}/record"): (
        OBSERVER_ONLY,
        RECORD,
        {"observation_id": "past_observation_id"},
    ),
    ("POST", "/api/v1/observations/{observation_id}/amendments"): (
        OBSERVER_ONLY,
        RECORD | {"reason": "Added the second standard"},
        {"observation_id": "shared_observation_id"},
    ),
    ("POST", "/api/v1/observations/{observation_id}/share"): (
        OBS_SHARER,
        None,
        {"observation_id": "past_observation_id"},
    ),
    ("POST", "/api/v1/observations/{observation_id}/cancel"): (
        OBS_SHARER,
        {"reason": "Mock exams"},
    ),
    ("PUT", "/api/v1/observations/{observation_id}/reflection"): (
        MENTEE_ONLY,
        {"reflection": "I will plan hinge questions."},
        {"observation_id": "shared_observation_id"},
    ),
    ("POST", "/api/v1/targets"): (
        OBS_SHARER,
        {
            "source_type": "observation",
            "source_id": "{observation_id}",
            "standards": [4],
            "text": "Plan a hinge question for every lesson",
            "due_on": "2099-07-01",
        },
        {"observation_id": "past_observation_id"},
    ),
    ("GET", "/api/v1/targets"): (OBS_LISTER, None),
    ("PATCH", "/api/v1/targets/{target_id}"): (OBS_ACTOR, {"status": "achieved"}),
    ("GET", "/api/v1/schools/{school_id}/target-board"): (
        SCHOOL_READER
        | {"admin": FORBIDDEN, "mentee": FORBIDDEN, "observer": FORBIDDEN, "client": FORBIDDEN},
        None,
    ),
    ("GET", "/api/v1/observation-coverage"): (COVERAGE, None),
    ("GET", "/api/v1/observation-coverage/weeks"): (COVERAGE, None),
    ("GET", "/api/v1/observation-coverage/unobserved"): (COVERAGE, None),
    ("GET", "/api/v1/observation-coverage/export"): (COVERAGE, None),
    ("GET", "/api/v1/meetings/{meeting_id}/target-reviews"): (
        REVIEW_READER,
        None,
        {"meeting_id": "past_meeting_id"},
    ),
    ("PUT", "/api/v1/meetings/{meeting_id}/target-reviews"): (
        REVIEW_WRITER,
        {"reviews": [{"target_id": "{target_id}", "note": "Going well"}]},
        {"meeting_id": "past_meeting_id"},
    ),
    ("GET", "/api/v1/resources"): (PEOPLE_ONLY, None),
    ("POST", "/api/v1/resources"): (
        RESOURCE_KEEPER,
        {"title": "Hinge questions", "kind": "guide", "school_id": "{school_id}"},
    ),
    ("GET", "/api/v1/resources/{resource_id}"): (RESOURCE_READER, None),
    ("PATCH", "/api/v1/resources/{resource_id}"): (RESOURCE_KEEPER, {"title": "Routines"}),
    ("DELETE", "/api/v1/resources/{resource_id}"): (RESOURCE_KEEPER, None),
    ("PUT", "/api/v1/resources/{resource_id}/bookmark"): (RESOURCE_READER, None),
    ("DELETE", "/api/v1/resources/{resource_id}/bookmark"): (RESOURCE_READER, None),
    ("GET", "/api/v1/resource-themes"): (PEOPLE_ONLY, None),
    ("GET", "/api/v1/mentees/{mentee_id}/resource-suggestions"): (SUGGESTIONS, None),
    # Wellbeing: restricted; trust admins, observers and clients hold no wellbeing scope.
    ("GET", "/api/v1/wellbeing/check-ins"): (WELLBEING_LISTER, None),
    ("POST", "/api/v1/wellbeing/check-ins"): (
        WELLBEING_LISTER | {"lead": FORBIDDEN, "other_lead": FORBIDDEN},
        {"wellbeing_score": 3, "workload_score": 3, "wellbeing_note": "A long week"},
    ),
    ("GET", "/api/v1/wellbeing/check-ins/{check_in_id}"): (WELLBEING_READER, None),
    ("PATCH", "/api/v1/wellbeing/check-ins/{check_in_id}"): (
        WELLBEING_READER | {"lead": FORBIDDEN, "mentor": FORBIDDEN},
        {"wellbeing_note_shared": True},
    ),
    # A mentee's request to talk is the mentor's to follow up, not the wellbeing lead's.
    ("POST", "/api/v1/wellbeing/check-ins/{check_in_id}/follow-up"): (
        WELLBEING_READER | {"lead": FORBIDDEN, "mentee": FORBIDDEN},
        None,
    ),
    ("GET", "/api/v1/schools/{school_id}/wellbeing-summary"): (
        WELLBEING_READER | {"mentor": FORBIDDEN, "mentee": FORBIDDEN},
        None,
    ),
    ("GET", "/api/v1/schools/{school_id}/wellbeing-leads"): (USER_MANAGER, None),
    ("PUT", "/api/v1/schools/{school_id}/wellbeing-leads/{user_id}"): (
        USER_MANAGER,
        None,
        {"user_id": "lead_id"},
    ),
    ("DELETE", "/api/v1/schools/{school_id}/wellbeing-leads/{user_id}"): (
        USER_MANAGER,
        None,
        {"user_id": "lead_id"},
    ),
    # Supervision: a lead holds it with a mentor; trust admins see that it happens.
    ("GET", "/api/v1/supervision/sessions"): (SUPERVISION_LISTER, None),
    ("POST", "/api/v1/supervision/sessions"): (
        SUPERVISION_WRITER,
        {
            "mentor_id": "{mentor_id}",
            "school_id": "{school_id}",
            "starts_at": "2027-03-04T16:00:00Z",
            "ends_at": "2027-03-04T17:00:00Z",
            "location": "Meeting room 2",
        },
    ),
    ("GET", "/api/v1/supervision/sessions/{supervision_id}"): (
        SUPERVISION_LISTER | {"other_lead": HIDDEN, "foreign_admin": HIDDEN},
        None,
    ),
    ("PUT", "/api/v1/supervision/sessions/{supervision_id}/record"): (
        SUPERVISION_WRITER,
        {"held": True, "supervision_note": "Workload and the next observation cycle"},
    ),
    # Entitlements.
    ("GET", "/api/v1/entitlements/catalogue"): (ENT_READER, None),
    ("GET", "/api/v1/entitlements/policies"): (ENT_READER, None),
    ("POST", "/api/v1/entitlements/policies"): (
        ADMIN_ONLY,
        {"audience": "rqt", "name": "RQT entitlement", "template": "rqt"},
    ),
    ("GET", "/api/v1/entitlements/policies/{policy_id}"): (ENT_POLICY, None),
    ("PATCH", "/api/v1/entitlements/policies/{policy_id}"): (
        ENT_MANAGER,
        {"name": "Mentor entitlement 2027"},
        {"policy_id": "draft_policy_id"},
    ),
    ("POST", "/api/v1/entitlements/policies/{policy_id}/submit"): (
        ENT_MANAGER,
        None,
        {"policy_id": "draft_policy_id"},
    ),
    ("POST", "/api/v1/entitlements/policies/{policy_id}/decision"): (
        ENT_MANAGER,
        {"approve": True, "note": "Approved by the board on 30 Nov 2026"},
        {"policy_id": "submitted_policy_id"},
    ),
    ("POST", "/api/v1/entitlements/policies/{policy_id}/retire"): (ENT_MANAGER, None),
    ("POST", "/api/v1/entitlements/policies/{policy_id}/versions"): (
        ENT_MANAGER,
        {"effective_from": "2027-04-19"},
    ),
    ("GET", "/api/v1/schools/{school_id}/entitlement-adoptions"): (ENT_SCHOOL, None),
    ("POST", "/api/v1/schools/{school_id}/entitlement-adoptions"): (
        ENT_ADOPTER,
        {"policy_id": "{policy_id}", "adopted_from": "2026-09-01"},
        {"policy_id": "ect_policy_id"},
    ),
    ("GET", "/api/v1/schools/{school_id}/entitlement-provisions"): (ENT_SCHOOL, None),
    ("POST", "/api/v1/schools/{school_id}/entitlement-provisions"): (
        ENT_ADOPTER,
        {
            "user_id": "{mentee_id}",
            "kind": "timetable_reduction",
            "amount": 10,
            "effective_from": "2026-09-02",
            "evidence": "Timetable, autumn 2026",
        },
    ),
    # The trust view is for those who oversee schools: leads (their own) and trust admins.
    ("GET", "/api/v1/entitlements/compliance"): (
        ENT_READER | {"mentor": FORBIDDEN, "mentee": FORBIDDEN},
        None,
    ),
    ("GET", "/api/v1/schools/{school_id}/entitlement-compliance"): (ENT_SCHOOL, None),
    ("GET", "/api/v1/schools/{school_id}/entitlement-compliance/export"): (ENT_SCHOOL, None),
    ("GET", "/api/v1/people/{user_id}/entitlement-compliance"): (ENT_SCHOOL, None),
    ("GET", "/api/v1/providers"): (PROVIDER_LISTER, None),
    ("POST", "/api/v1/providers"): (PROVIDER_LISTER, {"name": "Leeds SCITT", "kind": "scitt"}),
    ("GET", "/api/v1/providers/{provider_id}"): (PROVIDER_ADMIN, None),
    ("PATCH", "/api/v1/providers/{provider_id}"): (PROVIDER_ADMIN, {"name": "Renamed"}),
    ("POST", "/api/v1/providers/{provider_id}/rotate-secret"): (
        PROVIDER_ADMIN,
        {"overlap_hours": 24},
    ),
    ("POST", "/api/v1/providers/{provider_id}/disable"): (PROVIDER_ADMIN, None),
    ("POST", "/api/v1/providers/{provider_id}/enable"): (
        PROVIDER_ADMIN,
        None,
        {"provider_id": "disabled_provider_id"},
    ),
    ("GET", "/api/v1/providers/{provider_id}/people"): (PROVIDER_ADMIN, None),
    ("POST", "/api/v1/providers/{provider_id}/people"): (
        PROVIDER_ADMIN,
        {"user_ids": ["{spare_mentee_id}"]},
    ),
    ("DELETE", "/api/v1/providers/{provider_id}/people/{user_id}"): (PROVIDER_ADMIN, None),
    ("GET", "/api/v1/webhook-deliveries"): (PROVIDER_LISTER, None),
    ("GET", "/api/v1/webhook-deliveries/{delivery_id}"): (PROVIDER_ADMIN, None),
    ("POST", "/api/v1/webhook-deliveries/{delivery_id}/reprocess"): (PROVIDER_ADMIN, None),
    ("POST", "/api/v1/webhooks/providers/{provider_id}"): (
        WEBHOOK,
        {"type": "course_date.created", "timestamp": "2026-09-20T08:00:00Z", "data": {}},
    ),
    # Training: course dates and deadlines, cover for them, mentors' training records.
    ("GET", "/api/v1/training/items"): (TRAINING_LISTER, None),
    ("GET", "/api/v1/training/items/{training_item_id}"): (TRAINING_READER, None),
    ("PUT", "/api/v1/training/items/{training_item_id}/attendance"): (
        TRAINING_WRITER,
        {"user_id": "{mentor_id}", "attended": True, "standards": [2]},
    ),
    ("GET", "/api/v1/training/cover-requests"): (TRAINING_LISTER, None),
    ("GET", "/api/v1/training/cover-requests/{cover_request_id}"): (COVER_READER, None),
    ("PUT", "/api/v1/training/cover-requests/{cover_request_id}/decision"): (
        COVER_DECIDER,
        {"decision": "approved", "note": "Cover from the science team"},
    ),
    ("GET", "/api/v1/training/records"): (TRAINING_LISTER, None),
    ("GET", "/api/v1/training/records/{mentor_id}"): (RECORD_READER, None),
    ("POST", "/api/v1/training/records/{mentor_id}/hours"): (
        TRAINING_WRITER,
        {
            "title": "Coaching conversations",
            "training_kind": "refresher",
            "taken_on": "2026-11-04",
            "minutes": 90,
            "standards": [1],
            "evidence": "Notes shared with the induction tutor",
        },
    ),
    # The network: mentors and leads of the trust.
    ("GET", "/api/v1/mentor-network"): (
        row(
            admin=FORBIDDEN,
            mentee=FORBIDDEN,
            observer=FORBIDDEN,
            foreign_admin=FORBIDDEN,
            client=FORBIDDEN,
        ),
        None,
    ),
}


# The query a route needs (formatted with the world's ids like the path).
QUERIES = {
    ("GET", "/api/v1/integrations/observation-counts"): (
        "from=2026-09-01&to=2026-12-31&school_id={school_id}"
    ),
}


def _route_keys() -> set[tuple[str, str]]:
    return {
        (method, route.path)
        for route in api_routes(create_app())
        for method in route.methods
        if method not in ("HEAD", "OPTIONS")
    }


def test_every_route_has_a_row_in_the_matrix():
    routes = _route_keys()
    assert routes - MATRIX.keys() == set(), "add these routes to the permission matrix"
    assert MATRIX.keys() - routes == set(), "these matrix rows name routes that do not exist"


def _fill(value, ids):  # type: ignore[no-untyped-def]
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


CASES = [
    (method, path, who)
    for (method, path), (expected, *_) in MATRIX.items()
    if expected is not None
    for who in PRINCIPALS
]


def world_ids(world, **overrides):  # type: ignore[no-untyped-def]
    """The world's ids by the names the paths use; `overrides` point a name at another key."""
    ids = {
        "trust_id": world.trust.id,
        "school_id": world.school.id,
        "other_school_id": world.other_school.id,
        "term_date_id": world.term.id,
        "user_id": world.people["mentee"].id,
        "membership_id": world.memberships["mentee"].id,
        "client_id": world.api_client.id,
        "spare_mentor_id": world.people["spare_mentor"].id,
        "spare_mentee_id": world.people["spare_mentee"].id,
        "mentor_id": world.people["mentor"].id,
        "mentee_id": world.people["mentee"].id,
        "mentor_profile_id": world.mentor_profile.id,
        "mentee_profile_id": world.mentee_profile.id,
        "pairing_id": world.pairing.id,
        "agreement_id": world.agreement.id,
        "slot_id": world.slot.id,
        "meeting_id": world.next_meeting.id,
        "past_meeting_id": world.past_meeting.id,
        "action_id": world.action.id,
        "observer_id": world.people["observer"].id,
        "observation_id": world.observation.id,
        "past_observation_id": world.past_observation.id,
        "shared_observation_id": world.shared_observation.id,
        "target_id": world.target.id,
        "resource_id": world.resource.id,
        "trust_resource_id": world.trust_resource.id,
        "lead_id": world.people["lead"].id,
        "check_in_id": world.check_in.id,
        "supervision_id": world.supervision.id,
        "policy_id": world.entitlement_policy.id,
        "draft_policy_id": world.draft_policy.id,
        "ect_policy_id": world.ect_policy.id,
        "submitted_policy_id": world.submitted_policy.id,
        "provider_id": world.provider.id,
        "disabled_provider_id": world.disabled_provider.id,
        "training_item_id": world.training_item.id,
        "cover_request_id": world.cover_request.id,
        "delivery_id": world.delivery.id,
    }
    for param, id_key in overrides.items():
        ids[param] = ids[id_key]
    return ids


def matrix_request(client, world, method, path, who, **overrides):  # type: ignore[no-untyped-def]
    """The matrix's request for this route (its body, its ids), as `who`."""
    _, body, *rest = MATRIX[(method, path)]
    ids = world_ids(world, **((rest[0] if rest else {}) | overrides))
    url, headers = path.format(**ids), world.headers(who)
    if (method, path) in QUERIES:
        url += "?" + QUERIES[(method, path)].format(**ids)
    if isinstance(body, str):
        headers = headers | {"content-type": "text/csv"}
        return client.request(method, url, headers=headers, content=body)
    payload = _fill(body, ids) if body is not None else None
    return client.request(method, url, headers=headers, json=payload)


@pytest.mark.parametrize(
    ("method", "path", "who"), CASES, ids=[f"{m} {p} as {w}" for m, p, w in CASES]
)
def test_permission_matrix(client, world, method, path, who):
    expected = MATRIX[(method, path)][0]
    response = matrix_request(client, world, method, path, who)
    want = expected[who]
    if want == OK:
        assert 200 <= response.status_code < 300, response.text
    else:
        assert response.status_code == want, response.text
        assert response.headers["content-type"] == "application/problem+json"
        if want == HIDDEN:
            # Nothing about the hidden row leaks into the answer.
            assert str(world.people["mentee"].email) not in response.text
