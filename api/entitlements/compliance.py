"""The compliance engine: for each person and policy item, per period, what was promised, what
was delivered, and whether it was met, is on track, at risk or missed, with the weeks that fell
short and why. Pure functions over plain values: the service loads what they need in a few
batch queries and hands it over.

The rules, in one place:

- Only school weeks with at least one term day count (a half-term week drops out; a week with
  an INSET day still counts, and so does a week in which term starts on a Tuesday: it is owed
  in full, and a shortfall with nothing recorded says it was a short week). A week before term
  starts is not owed.
- When a new version of a policy takes over from a date, each week belongs to the version in
  force on its first term day, never to both; each result names its version. A version in
  force for part of a longer period is owed that part of the period's promise.
- A week is owed to a person while they hold the role: a mentor
  while one of their pairings runs that week (so after a change of mentor each mentor is judged
  for their own dates), a mentee while their profile runs (so the mentee is judged for the
  whole term, whoever mentored them). A measure may excuse a week (a meeting the school
  cancelled for a closure): the week is not owed.
- Weekly items promise the target each owed week; items promised per pairing (the mentor's
  weekly meeting) promise it for each mentee that week. Longer periods (fortnight, half term,
  term, year, once) promise the target in proportion to the period's weeks the person was owed.
  Pro-rata items are scaled by the person's FTE.
- A week of a longer period is short only when, cumulatively, what was delivered up to its end
  is less than what was owed up to its end (a share of 4/13 a week is made up by another week).
  A week still running is in progress, unless something was lost in it already: a loss that
  happened is a shortfall now (at risk).
- A period that has ended is met or missed. One still running is met (already delivered), on
  track, or at risk (delivered less than its share so far). A recorded provision (a timetable
  reduction, a TLR) is the latest value recorded by the end of the period.
- Over a whole range (a term, a year), an item is met only if every period was; while the
  range runs, a missed or lagging period puts it at risk (see `_summary`).
"""

import math
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from api.core.wording import human_date, plural
from api.entitlements.models import Period
from api.measures.sources import Measure, WeekAmount
from api.scheduling.terms import TermCalendar

Status = Literal["met", "on_track", "at_risk", "missed", "not_owed", "not_measured"]
# Worst first: how a person's, a school's or a trust's cell is summed up.
SEVERITY: tuple[Status, ...] = ("missed", "at_risk", "not_measured", "on_track", "met", "not_owed")
EPSILON = 1e-9
FRIDAY = timedelta(days=4)


@dataclass(frozen=True)
class Spell:
    """A stretch in which the person holds the role; `with_id` is the other side of a pairing
    (for a mentor, the mentee), or None for a profile's own dates."""

    starts_on: date
    ends_on: date | None
    with_id: uuid.UUID | None = None

    def overlaps(self, monday: date) -> bool:
        friday = monday + timedelta(days=4)
        return self.starts_on <= friday and (self.ends_on is None or self.ends_on >= monday)


@dataclass(frozen=True)
class Subject:
    person_id: uuid.UUID
    school_id: uuid.UUID
    role: Literal["mentor", "mentee"]
    audience: str
    fte: float
    spells: tuple[Spell, ...]

    def pairings_in(self, monday: date) -> int:
        """How many mentees this mentor has that week (1 for a mentee who is owed it)."""
        if self.role == "mentee":
            return 1 if self.active_in(monday) else 0
        return len({s.with_id for s in self.spells if s.overlaps(monday)})

    def active_in(self, monday: date) -> bool:
        return any(s.overlaps(monday) for s in self.spells)

    def presence(self, weeks: Iterable[date]) -> dict[date, int]:
        """The weeks, of these, in which the person holds the role, each with how many
        pairings they hold that week (1 for a mentee): worked out once per person."""
        found: dict[date, int] = {}
        if self.role == "mentee" or len({s.with_id for s in self.spells}) == len(self.spells):
            # Each spell is a different mentee (or the mentee's own): count overlapping spells.
            for spell in self.spells:
                for week in weeks if isinstance(weeks, list) else list(weeks):
                    if spell.overlaps(week):
                        found[week] = found.get(week, 0) + 1
            if self.role == "mentee":
                return dict.fromkeys(found, 1)
            return found
        for week in weeks:
            count = self.pairings_in(week)
            if count:
                found[week] = count
        return found


@dataclass(frozen=True)
class Item:
    id: uuid.UUID
    policy_id: uuid.UUID
    category: str
    promise: str
    measure: str
    target: float
    period: Period
    pro_rata: bool
    version: int = 0  # the policy version the item belongs to


@dataclass(frozen=True)
class PeriodSpan:
    period: Period
    label: str
    weeks: tuple[date, ...]  # Mondays of its term weeks
    # How many term weeks the whole period has: more than `weeks` when a version of the policy
    # covers only part of it (the period's promise is shared out over all of them).
    size: int = 0
    starts_on: date = field(init=False)
    ends_on: date = field(init=False)  # the Friday of its last week

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts_on", self.weeks[0])
        object.__setattr__(self, "ends_on", self.weeks[-1] + timedelta(days=4))
        if not self.size:
            object.__setattr__(self, "size", len(self.weeks))


@dataclass(slots=True)
class ShortWeek:
    week: date
    promised: float
    delivered: float
    reasons: tuple[str, ...]


@dataclass(slots=True)
class PeriodResult:
    label: str
    starts_on: date
    ends_on: date
    promised: float
    delivered: float
    status: Status
    short_weeks: tuple[ShortWeek, ...] = ()


@dataclass
class ItemResult:
    item: Item
    unit: str
    promised: float = 0.0
    delivered: float = 0.0
    expected_so_far: float = 0.0
    status: Status = "not_owed"
    periods: list[PeriodResult] = field(default_factory=list)
    # The person's term weeks of the range under this item's version, judged yet or not: Monday
    # of the first, Friday of the last (None when judged alone, outside `compute`).
    starts_on: date | None = None
    ends_on: date | None = None

    @property
    def short_weeks(self) -> list[ShortWeek]:
        return [w for p in self.periods for w in p.short_weeks]


@dataclass
class PersonResult:
    subject: Subject
    items: list[ItemResult]

    @property
    def status(self) -> Status:
        return worst(i.status for i in self.items)


def worst(statuses: Iterable[Status]) -> Status:
    seen = set(statuses)
    return next((s for s in SEVERITY if s in seen), "not_owed")


# --- the school's weeks and periods -----------------------------------------------------------


def term_weeks(calendar: TermCalendar, start: date, end: date) -> list[date]:
    """Mondays of the weeks from start to end with at least one term day in them (inside the
    range)."""
    monday = start - timedelta(days=start.weekday())
    weeks = []
    while monday <= end:
        days = (monday + timedelta(days=d) for d in range(5))
        if any(start <= day <= end and calendar.is_term_day(day) for day in days):
            weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


def _runs(weeks: list[date]) -> list[list[date]]:
    """Consecutive weeks: a week with no term day (a half-term holiday) ends a run."""
    runs: list[list[date]] = []
    for week in weeks:
        if runs and week - runs[-1][-1] == timedelta(days=7):
            runs[-1].append(week)
        else:
            runs.append([week])
    return runs


def _term_of(calendar: TermCalendar, monday: date) -> tuple[date, date] | None:
    friday = monday + timedelta(days=4)
    return next((t for t in calendar.terms if t[0] <= friday and t[1] >= monday), None)


def _academic_year(monday: date) -> int:
    friday = monday + timedelta(days=4)
    return friday.year if friday.month >= 8 else friday.year - 1


def periods(calendar: TermCalendar, weeks: list[date], period: Period) -> list[PeriodSpan]:
    if not weeks:
        return []
    if period == Period.week:
        return [PeriodSpan(period, f"Week of {w.isoformat()}", (w,)) for w in weeks]
    if period == Period.once:
        return [PeriodSpan(period, "Once", tuple(weeks))]
    if period in (Period.half_term, Period.fortnight):
        spans = []
        for n, run in enumerate(_runs(weeks), start=1):
            if period == Period.half_term:
                spans.append(PeriodSpan(period, f"Half term {n}", tuple(run)))
            else:
                for i in range(0, len(run), 2):
                    pair = tuple(run[i : i + 2])
                    spans.append(PeriodSpan(period, f"Fortnight of {pair[0].isoformat()}", pair))
        return spans
    groups: dict[object, list[date]] = {}
    for week in weeks:
        key = _term_of(calendar, week) if period == Period.term else _academic_year(week)
        groups.setdefault(key, []).append(week)
    label = "Term" if period == Period.term else "Year"
    return [
        PeriodSpan(period, f"{label} from {g[0].isoformat()}", tuple(g)) for g in groups.values()
    ]


# --- one person, one item --------------------------------------------------------------------


def judge(
    subject: Subject,
    item: Item,
    measure: Measure | None,
    spans: list[PeriodSpan],
    delivered: Mapping[date, WeekAmount],
    as_of: date,
    presence: Mapping[date, int] | None = None,
) -> ItemResult:
    """One person against one item, period by period. `presence` is `subject.presence(...)`
    over the spans' weeks, when the caller has it already."""
    if measure is None:
        return ItemResult(item, "", status="not_measured")
    if presence is None:
        presence = subject.presence(w for span in spans for w in span.weeks)
    result = ItemResult(item, measure.unit)
    scale = subject.fte if item.pro_rata else 1.0
    level = measure.kind == "level"
    if item.period == Period.week and not level:
        return _weekly(result, spans, delivered, as_of, presence, scale, measure.per_pairing)
    base = item.target * scale
    per_pairing = measure.per_pairing
    to_come = False  # owed periods after as_of: the range is not over for this person
    for span in spans:
        # One walk of the span's weeks: which are owed, and what the person's weeks delivered.
        owed = []
        got = 0.0
        for w in span.weeks:
            if w in presence:
                amount = delivered.get(w) if delivered else None
                if amount is None:
                    owed.append(w)
                else:
                    if not amount.excused:
                        owed.append(w)
                    if w <= as_of:
                        got += amount.delivered
        if not owed:
            continue
        if span.starts_on > as_of:
            to_come = True
            continue
        # Each owed week's share of the period's promise, in proportion to its pairings.
        shares = [base * presence[w] for w in owed] if per_pairing else [base] * len(owed)
        total = sum(shares)
        promised = shares[0] if level else total / span.size
        ratio = promised / total if total else 0.0
        if level:
            got = _level(delivered, min(span.ends_on, as_of))
        ended = span.ends_on < as_of
        if ended or level:
            so_far = promised
        else:
            so_far = ratio * sum(s for w, s in zip(owed, shares, strict=True) if w + FRIDAY < as_of)
            so_far = _owed(so_far, measure.whole)
        status = _status(promised, got, so_far, ended)
        short: tuple[ShortWeek, ...] = ()
        if status != "met" and not level:
            short = _short_weeks(owed, [s * ratio for s in shares], delivered, as_of, measure.whole)
            if short and status == "on_track" and short[-1].week + FRIDAY >= as_of:
                status = "at_risk"  # lost this week already: behind now
        result.periods.append(
            PeriodResult(span.label, span.starts_on, span.ends_on, promised, got, status, short)
        )
        result.promised += promised
        result.delivered += got
        result.expected_so_far += so_far
    if result.periods:
        result.status = _summary(
            [p.status for p in result.periods],
            over=not to_come and result.periods[-1].ends_on < as_of,
        )
    return result


def _weekly(
    result: ItemResult,
    spans: list[PeriodSpan],
    delivered: Mapping[date, WeekAmount],
    as_of: date,
    presence: Mapping[date, int],
    scale: float,
    per_pairing: bool,
) -> ItemResult:
    """`judge` for a weekly item, the commonest and most numerous: the same rules, one week a
    period, without the bookkeeping longer periods need."""
    target = result.item.target * scale
    to_come = False
    periods = result.periods
    for span in spans:
        week = span.weeks[0]
        pairings = presence.get(week)
        if not pairings:
            continue
        amount = delivered.get(week)
        if amount is not None and amount.excused:
            continue
        if week > as_of:
            to_come = True
            continue
        promised = target * pairings if per_pairing else target
        got = amount.delivered if amount is not None else 0.0
        ended = week + FRIDAY < as_of
        status: Status
        short: tuple[ShortWeek, ...] = ()
        if got + EPSILON >= promised:
            status = "met"
        elif ended:
            status = "missed"
            short = (ShortWeek(week, promised, got, _why(amount)),)
        elif amount is not None and amount.lost:
            # The week runs on, but its meeting was lost already: short now, not later.
            status = "at_risk"
            short = (ShortWeek(week, promised, got, _why(amount)),)
        else:
            status = "on_track"  # in progress: its meeting may yet happen
        periods.append(PeriodResult(span.label, week, week + FRIDAY, promised, got, status, short))
        result.promised += promised
        result.delivered += got
        if ended:
            result.expected_so_far += promised
    if periods:
        result.status = _summary(
            [p.status for p in periods], over=not to_come and periods[-1].ends_on < as_of
        )
    return result


def _owed(amount: float, whole: bool) -> float:
    """What is owed by now: for things delivered one at a time, the whole ones only."""
    return float(math.floor(amount + EPSILON)) if whole else amount


def _short_weeks(
    owed: list[date],
    shares: list[float],
    delivered: Mapping[date, WeekAmount],
    as_of: date,
    whole: bool,
) -> tuple[ShortWeek, ...]:
    """The weeks of a period (not met) that truly fell short: judged cumulatively, a week is
    short when what was delivered up to its end is less than what was owed up to its end (a
    fractional share, 4/13 of a term's four, is made up by an earlier or later week of the
    period; of things delivered one at a time, only whole ones count as owed). The week still
    running counts only if something was lost in it already."""
    found = []
    owed_so_far = got_so_far = 0.0
    last = owed[-1]
    for w, share in zip(owed, shares, strict=True):
        amount = delivered.get(w)
        week_got = amount.delivered if amount is not None and w <= as_of else 0.0
        owed_so_far += share
        got_so_far += week_got
        running = w + FRIDAY >= as_of
        if running and not (amount is not None and amount.lost and w <= as_of):
            break
        # By the period's last week the whole promise is owed, a fraction of one included.
        owed_now = owed_so_far if w == last else _owed(owed_so_far, whole)
        if got_so_far + EPSILON < owed_now and week_got + EPSILON < share:
            found.append(ShortWeek(w, share, week_got, _why(amount)))
        if running:
            break
    return tuple(found)


def _summary(statuses: list[Status], over: bool) -> Status:
    """An item over the whole range, from its periods: once the range is over for the person,
    met only if every period was met; while it runs, at risk as soon as a period was missed or
    is behind, met once every period so far is met, otherwise on track. Over-delivery in one
    period never makes up for another."""
    if over:
        return "met" if all(s == "met" for s in statuses) else "missed"
    if any(s in ("missed", "at_risk") for s in statuses):
        return "at_risk"
    return "met" if all(s == "met" for s in statuses) else "on_track"


def _level(delivered: Mapping[date, WeekAmount], until: date) -> float:
    # Weeks are keyed by Monday: a value recorded in the last week still counts.
    recorded = [w for w in delivered if w <= until]
    return delivered[max(recorded)].delivered if recorded else 0.0


def _status(promised: float, got: float, so_far: float, ended: bool) -> Status:
    if got + EPSILON >= promised:
        return "met"
    if ended:
        return "missed"
    return "at_risk" if got + EPSILON < so_far else "on_track"


def _why(amount: WeekAmount | None) -> tuple[str, ...]:
    if amount is None:
        return (NOTHING,)
    return tuple(amount.notes) or ("Less than promised that week.",)


# --- everyone ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """Dates over which a school follows one policy version for an audience."""

    starts_on: date
    ends_on: date
    items: tuple[Item, ...]


def compute(
    subjects: Iterable[Subject],
    segments_for: Mapping[tuple[uuid.UUID, str], list[Segment]],
    calendars: Mapping[uuid.UUID, TermCalendar],
    measures: Mapping[str, Measure],
    answers: Mapping[str, Mapping[uuid.UUID, Mapping[date, WeekAmount]]],
    start: date,
    end: date,
    as_of: date,
) -> list[PersonResult]:
    """Every subject against the items of the policy their school follows for their audience,
    segment by segment (`segments_for[(school_id, audience)]`)."""
    # The school's term weeks over the whole range, and each item period's spans over them:
    # a version in force for part of a period is owed its part of the period's promise.
    weeks_cache: dict[uuid.UUID, list[date]] = {}
    first_days: dict[uuid.UUID, dict[date, date]] = {}
    spans_cache: dict[tuple[uuid.UUID, Period], list[PeriodSpan]] = {}
    part_cache: dict[tuple[uuid.UUID, date, date, Period], list[PeriodSpan]] = {}
    seg_weeks_cache: dict[tuple[uuid.UUID, date, date], list[date]] = {}
    short_reasons: dict[tuple[uuid.UUID, date], str | None] = {}
    results = []
    for subject in subjects:
        judged = []
        school = subject.school_id
        for segment in segments_for.get((school, subject.audience), []):
            seg_start, seg_end = max(start, segment.starts_on), min(end, segment.ends_on)
            if seg_start > seg_end:
                continue
            calendar = calendars[school]
            if school not in weeks_cache:
                weeks_cache[school] = term_weeks(calendar, start, end)
                first_days[school] = {
                    w: _first_term_day(calendar, w, start, end) for w in weeks_cache[school]
                }
            range_key = (school, seg_start, seg_end)
            if range_key not in seg_weeks_cache:
                # A week belongs to the version in force on its first term day: never to two.
                seg_weeks_cache[range_key] = [
                    w for w, day in first_days[school].items() if seg_start <= day <= seg_end
                ]
            weeks = seg_weeks_cache[range_key]
            if not weeks:
                continue
            presence = subject.presence(weeks)
            for item in segment.items:
                key = (*range_key, item.period)
                if key not in part_cache:
                    whole_key = (school, item.period)
                    if whole_key not in spans_cache:
                        spans_cache[whole_key] = periods(calendar, weeks_cache[school], item.period)
                    part_cache[key] = _part(spans_cache[whole_key], set(weeks))
                delivered = answers.get(item.measure, {}).get(subject.person_id, {})
                measure = measures.get(item.measure)
                found = judge(subject, item, measure, part_cache[key], delivered, as_of, presence)
                if presence:
                    found.starts_on, found.ends_on = min(presence), max(presence) + FRIDAY
                for short in found.short_weeks:
                    if short.reasons == (NOTHING,):
                        if (school, short.week) not in short_reasons:
                            short_reasons[school, short.week] = _short_term_week(
                                calendar, short.week, start, end
                            )
                        reason = short_reasons[school, short.week]
                        if reason is not None:
                            short.reasons = (reason,)
                judged.append(found)
        if judged:
            results.append(PersonResult(subject, judged))
    return results


NOTHING = "Nothing recorded that week."


def _short_term_week(calendar: TermCalendar, monday: date, start: date, end: date) -> str | None:
    """A week with fewer than five term days is still owed in full (a meeting in a four-day
    week is still a meeting): when nothing was recorded in it, the reason says it was short."""
    days = [monday + timedelta(days=d) for d in range(5)]
    in_term = [d for d in days if start <= d <= end and calendar.is_term_day(d)]
    if len(in_term) == 5:
        return None
    first, last = human_date(in_term[0]), human_date(in_term[-1])
    span = first if first == last else f"{first} to {last}"
    return f"Nothing recorded that week (a short week: {plural(len(in_term), 'term day')}, {span})."


def _first_term_day(calendar: TermCalendar, monday: date, start: date, end: date) -> date:
    days = (monday + timedelta(days=d) for d in range(5))
    return next(d for d in days if start <= d <= end and calendar.is_term_day(d))


def _part(spans: list[PeriodSpan], weeks: set[date]) -> list[PeriodSpan]:
    """The spans cut down to these weeks, each keeping its whole period's size."""
    parts = []
    for span in spans:
        kept = tuple(w for w in span.weeks if w in weeks)
        if len(kept) == len(span.weeks):
            parts.append(span)
        elif kept:
            parts.append(PeriodSpan(span.period, span.label, kept, len(span.weeks)))
    return parts


@dataclass
class Tally:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, status: Status) -> None:
        self.counts[status] = self.counts.get(status, 0) + 1

    @property
    def status(self) -> Status:
        return worst(s for s, n in self.counts.items() if n)  # type: ignore[misc]


def roll_up(results: Iterable[PersonResult]) -> dict[uuid.UUID, dict[str, Tally]]:
    """Per school, per item category: how many people stand at each status."""
    schools: dict[uuid.UUID, dict[str, Tally]] = {}
    for person in results:
        cells = schools.setdefault(person.subject.school_id, {})
        for item in person.items:
            cells.setdefault(item.item.category, Tally()).add(item.status)
    return schools
