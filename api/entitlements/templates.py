"""The categories a policy's items come from, and the starter templates a trust copies and
edits. The ECT figures are the statutory early career teacher entitlement: a 10% timetable
reduction in year 1 and a further 5% in year 2; regular mentoring (weekly in year 1 is the
norm; year 2 is funded for 20 hours of mentor support over the year); 20 hours of training over
one year for a new ECT mentor."""

from dataclasses import dataclass

from api.entitlements.models import Period, PolicyAudience

MENTOR_CATEGORIES = (
    "timetable_reduction",
    "training_release",
    "protected_weekly_meeting",
    "cover_to_observe",
    "share_of_observations",
    "cpd_slot",
    "device",
    "admin_time",
    "calendar_deadlines",
    "workload_review",
    "wellbeing_check_ins",
    "supervision",
    "tlr_payment",
    "job_description",
    "line_management",
    "mentor_network",
    "progression",
)
MENTEE_CATEGORIES = (
    "contact_time",
    "mentoring_time",
    "observations",
    "peer_observations",
    "cpd",
    "device",
    "socials",
    "welfare",
)


def categories_for(audience: PolicyAudience) -> tuple[str, ...]:
    return MENTOR_CATEGORIES if audience == PolicyAudience.mentor else MENTEE_CATEGORIES


# Measures no source answers yet: training is its own domain, still to come. An item may name
# one (so a template can say what it promises); its compliance says "not measured yet".
EXPECTED_MEASURES = {
    "training.hours": "Training hours attended",
    "training.release_days": "Release days for training",
}


@dataclass(frozen=True)
class TemplateItem:
    category: str
    promise: str
    measure: str
    target: float
    period: Period
    pro_rata: bool = False


@dataclass(frozen=True)
class Template:
    key: str
    audience: PolicyAudience
    name: str
    items: tuple[TemplateItem, ...]


W, T, Y, ONCE = Period.week, Period.term, Period.year, Period.once

TEMPLATES = (
    Template(
        "ect",
        PolicyAudience.ect,
        "Early career teachers (statutory entitlement)",
        (
            TemplateItem(
                "contact_time",
                "A 10% timetable reduction in year 1 (a further 5% in year 2), on top of PPA time",
                "recorded.timetable_reduction",
                10,
                Y,
            ),
            TemplateItem(
                "mentoring_time",
                "A protected mentoring meeting of an hour every week in year 1",
                "meetings.protected_minutes",
                60,
                W,
            ),
            TemplateItem(
                "observations",
                "Observed teaching at least once a fortnight, with feedback",
                "observations.received",
                1,
                Period.fortnight,
            ),
            TemplateItem(
                "welfare",
                "A wellbeing check-in at least twice each half term",
                "wellbeing.check_ins",
                2,
                Period.half_term,
            ),
        ),
    ),
    Template(
        "ect_year_2",
        PolicyAudience.ect,
        "Early career teachers, year 2 (statutory entitlement)",
        (
            TemplateItem(
                "contact_time",
                "A 5% timetable reduction in year 2",
                "recorded.timetable_reduction",
                5,
                Y,
            ),
            TemplateItem(
                "mentoring_time",
                "20 hours of mentor support over the year (1,200 minutes)",
                "meetings.protected_minutes",
                1200,
                Y,
            ),
        ),
    ),
    Template(
        "mentor",
        PolicyAudience.mentor,
        "Mentors",
        (
            TemplateItem(
                "training_release",
                "20 hours of mentor training over one year for a new ECT mentor",
                "training.hours",
                20,
                Y,
                pro_rata=False,
            ),
            TemplateItem(
                "protected_weekly_meeting",
                "An hour a week protected for each mentee's meeting",
                "meetings.protected_minutes",
                60,
                W,
            ),
            TemplateItem(
                "share_of_observations",
                "At least one observation of your mentee a fortnight",
                "observations.made",
                1,
                Period.fortnight,
                pro_rata=True,
            ),
            TemplateItem(
                "supervision",
                "Supervision with a school lead at least once each half term",
                "supervision.sessions",
                1,
                Period.half_term,
            ),
            TemplateItem(
                "wellbeing_check_ins",
                "A wellbeing check-in at least once each half term",
                "wellbeing.check_ins",
                1,
                Period.half_term,
            ),
            TemplateItem(
                "job_description",
                "A mentor job description on file",
                "recorded.job_description",
                1,
                ONCE,
            ),
        ),
    ),
    Template(
        "itt",
        PolicyAudience.itt,
        "Trainee teachers (ITT)",
        (
            TemplateItem(
                "mentoring_time",
                "A weekly mentor meeting of an hour",
                "meetings.protected_minutes",
                60,
                W,
            ),
            TemplateItem(
                "observations",
                "Observed teaching every week",
                "observations.received",
                1,
                W,
            ),
        ),
    ),
    Template(
        "rqt",
        PolicyAudience.rqt,
        "Recently qualified teachers",
        (
            TemplateItem(
                "mentoring_time",
                "A mentor meeting of an hour each fortnight",
                "meetings.protected_minutes",
                60,
                Period.fortnight,
            ),
            TemplateItem(
                "cpd",
                "Observed teaching at least once each half term",
                "observations.received",
                1,
                Period.half_term,
            ),
        ),
    ),
)


def template(key: str) -> Template | None:
    return next((t for t in TEMPLATES if t.key == key), None)
