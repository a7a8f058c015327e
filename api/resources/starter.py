"""The starter library: references that mentor-training material for English schools commonly
points to, loaded trust-wide into any trust (with the demo, and by `mentorhub load-resources`).

Every fact here (title, kind, author or publisher, year, themes) comes from the project's list
of starter references; where it gives none, the field stays empty: no links, years or
publishers are made up. Summaries are our own words about what that list says of each one.
Phases are set only where a reference's own themes name one (early years, primary, post-16),
audiences only where the list says whom it is aimed at.
"""

import uuid
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from api.auth.principals import Principal
from api.resources import service
from api.resources.models import Audience, Resource, ResourceKind, ResourcePhase, Theme
from api.resources.schemas import ResourceCreate, StarterLoad

T = Theme
K = ResourceKind


@dataclass(frozen=True)
class Starter:
    key: str
    title: str
    kind: ResourceKind
    publisher: str
    year: int | None
    themes: tuple[Theme, ...]
    summary: str
    phases: tuple[ResourcePhase, ...] = ()
    audiences: tuple[Audience, ...] = field(default=())


STARTERS: tuple[Starter, ...] = (
    Starter(
        "tes-supporting-trainees",
        "Supporting your trainees: best practice advice for schools",
        K.article,
        "Tes",
        None,
        (T.challenge_and_support,),
        "Advice for schools on how to get the best out of the trainees they host. Part of it "
        "speaks to senior leaders.",
        audiences=(Audience.lead,),
    ),
    Starter(
        "ambition-deliberate-practice",
        "Deliberate Practice for Teacher Educators: A Handbook",
        K.handbook,
        "Ambition Institute",
        None,
        (T.challenge_and_support, T.working_collaboratively, T.mentor_development),
        "A handbook on deliberate practice for those who train teachers. Page 9 is about "
        "lining up goals with what gets practised; page 11 about building a culture of good "
        "practice, with drop-in visits, so that being observed stops feeling like suspicion.",
    ),
    Starter(
        "education-support-wellbeing",
        "Education Support: looking after teacher wellbeing",
        K.website,
        "Education Support",
        None,
        (T.wellbeing,),
        "The site of a charity for the mental health of people who work in education, with "
        "tips on looking after your own wellbeing and your colleagues'.",
    ),
    Starter(
        "flite-herts",
        "For Learning in Teacher Education (FLiTE)",
        K.website,
        "University of Hertfordshire",
        None,
        (T.working_collaboratively, T.mentor_development),
        "Stories told by teacher educators in schools and universities, each with ideas for "
        "using it. Worth a look: story 2 (a school and a university working in partnership), "
        "story 3 (developing teacher mentors), story 6 (clear roles) and story 10 (professional "
        "learning rather than ticking boxes).",
    ),
    Starter(
        "futurelearn-ne700",
        "Managing Behaviour for Learning (NE700)",
        K.online_course,
        "FutureLearn",
        None,
        (T.behaviour,),
        "A short online course on managing behaviour for learning, free to take.",
    ),
    Starter(
        "futurelearn-ne711",
        "Introduction into Assessment for Learning (NE711)",
        K.online_course,
        "FutureLearn",
        None,
        (T.assessment,),
        "A short online course introducing assessment for learning, free to take.",
    ),
    Starter(
        "futurelearn-ne710",
        "Planning for Learning: Formative Assessment (NE710)",
        K.online_course,
        "FutureLearn",
        None,
        (T.assessment,),
        "A short online course on planning with formative assessment, free to take.",
    ),
    Starter(
        "futurelearn-ne714",
        "Feedback for Learning (NE714)",
        K.online_course,
        "FutureLearn",
        None,
        (T.assessment, T.observation_and_feedback),
        "A short online course on feedback for learning, free to take.",
    ),
    Starter(
        "stem-primary",
        "STEM primary resources and curated collections",
        K.website,
        "STEM Learning",
        None,
        (T.primary,),
        "Teaching materials for science, technology, engineering and maths, for primary "
        "teachers at any stage of their career.",
        phases=(ResourcePhase.primary,),
    ),
    Starter(
        "fehring-rodrigues-2017",
        "Teaching, Coaching and Mentoring Adult Learners: Lessons for professionalism and "
        "partnership",
        K.book,
        "Heather Fehring and Susan Rodrigues (Routledge)",
        2017,
        (T.mentor_development,),
        "Teacher educators from around the world on working with adult learners. Every chapter "
        "closes with a provocation to reflect on.",
    ),
    Starter(
        "alexander-2018",
        "Professional Dialogues in the Early Years: Rediscovering early years pedagogy and "
        "principles",
        K.book,
        "Elise Alexander (Critical Publishing)",
        2018,
        (T.early_years, T.mentor_development),
        "For those who educate practitioners working in the Early Years Foundation Stage.",
        phases=(ResourcePhase.early_years,),
    ),
    Starter(
        "crawley-2016",
        "Post Compulsory Teacher Educators: Connecting professionals",
        K.book,
        "Jim Crawley (Critical Publishing)",
        2016,
        (T.post_16, T.mentor_development),
        "About how teachers keep developing once they have qualified, for those who educate "
        "teachers beyond compulsory schooling.",
        phases=(ResourcePhase.post_16,),
    ),
    Starter(
        "sinek-safe",
        "Why good leaders make you feel safe",
        K.video,
        "Simon Sinek (TED)",
        None,
        (T.challenge_and_support, T.wellbeing),
        "On trust and safety: colleagues who feel safe take risks, and fear stops them "
        "challenging.",
    ),
    Starter(
        "ortiz-great-mentor",
        "How to be a great mentor",
        K.video,
        "Kenneth Ortiz",
        None,
        (T.mentor_development,),
        "On what makes a mentoring relationship succeed.",
    ),
    Starter(
        "ted-ed-miscommunication",
        "How miscommunication happens (and how to avoid it)",
        K.video,
        "TED-Ed",
        None,
        (T.working_collaboratively,),
        "Explains the transactional model of communication: how a message can be understood "
        "other than it was meant.",
    ),
    Starter(
        "peer-mentor-handbook",
        "Peer Mentor Handbook",
        K.handbook,
        "The Mentoring Partnership of Southwestern Pennsylvania",
        None,
        (T.contracting, T.mentor_development),
        "A handbook on boundaries in peer mentoring, the skills and qualities good mentors "
        "share, and the habits to steer clear of.",
    ),
    Starter(
        "dfe-armstrong-partnerships",
        "Effective school partnerships and collaboration for school improvement: a review of "
        "the evidence",
        K.report,
        "Department for Education; Paul Armstrong",
        None,
        (T.working_collaboratively, T.research_and_policy),
        "A review of the evidence on how schools work together to improve outcomes, written "
        "for leaders.",
        audiences=(Audience.lead,),
    ),
    Starter(
        "ucl-ecf-futurelearn",
        "Supporting early career teacher development with the Early Career Framework",
        K.online_course,
        "UCL Institute of Education (FutureLearn)",
        None,
        (T.contracting, T.mentor_development),
        "An online course for mentors of early career teachers. It covers planning the first "
        "mentor meeting (contracting) and works through two cases of difficult mentoring "
        "relationships: one for experienced mentors, one for new ones.",
    ),
    Starter(
        "carter-review-2015",
        "Carter Review of Initial Teacher Training (ITT)",
        K.report,
        "Department for Education (HMSO)",
        2015,
        (T.research_and_policy,),
        "The review sets out what effective mentors are like: outstanding teachers who can "
        "take their own practice apart and explain it, experts in their subject and phase, "
        "secure on the Teachers' Standards, and role models, research included.",
    ),
    Starter(
        "hobson-malderez-2013",
        "Judgementoring and other threats to realizing the potential of school-based mentoring "
        "in teacher education",
        K.article,
        "Andrew J. Hobson and Angi Malderez, International Journal of Mentoring and Coaching in "
        "Education 2(2), 89-108",
        2013,
        (T.research_and_policy, T.observation_and_feedback),
        "A research article on what stops school-based mentoring in teacher education from "
        "doing all it could, judgementoring among it.",
    ),
    Starter(
        "hobson-2009-becoming",
        "Becoming a Teacher (DCSF Research Report DCSF-RR115)",
        K.report,
        "Hobson et al., Department for Children, Schools and Families",
        2009,
        (T.research_and_policy,),
        "A research report from the Department for Children, Schools and Families.",
    ),
    Starter(
        "ippr-2008-those-who-can",
        "Those who can?",
        K.report,
        "Margo et al., Institute for Public Policy Research",
        2008,
        (T.research_and_policy,),
        "A research report from the Institute for Public Policy Research.",
    ),
    Starter(
        "dfe-mentor-standards-2016",
        "National Standards for school-based initial teacher training (ITT) mentors",
        K.report,
        "Department for Education",
        2016,
        (T.mentor_development, T.research_and_policy),
        "The four national standards for school-based mentors of trainee teachers: personal "
        "qualities; teaching; professionalism; and self-development and working in "
        "partnership.",
    ),
    Starter(
        "wilson-mentoring-matters",
        "Mentoring Matters: aligning early career teacher offers across groups of schools",
        K.article,
        "Hannah Wilson",
        None,
        (T.mentor_development, T.wellbeing),
        "Makes the case that schools should write down a mentoring entitlement: time, "
        "training, protected meetings, cover, observations, CPD, devices, admin time, "
        "deadlines, workload, wellbeing, supervision, a TLR, job descriptions, line "
        "management, a network and progression.",
    ),
)


def load_starter_library(
    session: Session, trust_id: uuid.UUID, actor: Principal | None = None
) -> StarterLoad:
    """Adds the starter references the trust does not have yet, trust-wide; loading again
    adds nothing (each is known by its key, so an edited title is not loaded twice)."""
    present = set(
        session.exec(
            select(Resource.starter_key).where(
                Resource.trust_id == trust_id, col(Resource.starter_key).is_not(None)
            )
        ).all()
    )
    added = 0
    for starter in STARTERS:
        if starter.key in present:
            continue
        body = ResourceCreate(
            title=starter.title,
            kind=starter.kind,
            publisher=starter.publisher,
            year=starter.year,
            summary=starter.summary,
            themes=list(starter.themes),
            phases=list(starter.phases),
            audiences=list(starter.audiences),
        )
        service.add_resource(session, actor, trust_id, body, starter_key=starter.key)
        added += 1
    return StarterLoad(added=added, already_there=len(STARTERS) - added)
