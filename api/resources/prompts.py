"""For each theme, its label and "three things you can do right now": short prompts in our own
words, for a mentor who has ten minutes."""

from api.resources.models import Theme

THEMES: dict[Theme, tuple[str, tuple[str, str, str]]] = {
    Theme.challenge_and_support: (
        "Challenge and support",
        (
            "Ask yourself whether your mentee feels safe enough with you to try something and "
            "get it wrong; if you are not sure, ask them.",
            "After their next lesson, give them time to reflect and to ask questions before you "
            "say anything, so they judge their own practice first.",
            "Ask about their latest training day and which one idea from it they want to try "
            "this week.",
        ),
    ),
    Theme.working_collaboratively: (
        "Working collaboratively",
        (
            "Book a place on your training provider's next mentor session and keep its guidance "
            "to hand.",
            "Name one area where you feel less sure and ask a colleague who knows it well to "
            "help, rather than carrying it alone.",
            "Arrange to compare targets with another mentor in your school or trust, or to "
            "observe each other's mentees.",
        ),
    ),
    Theme.contracting: (
        "Contracting",
        (
            "Agree with your mentee how often, when and where you will meet, and write it down.",
            "Agree who keeps the record of each meeting and how the agenda is set.",
            "Agree how the two of you will talk about workload and wellbeing.",
        ),
    ),
    Theme.observation_and_feedback: (
        "Observation and feedback",
        (
            "Agree the focus of the next observation with your mentee before the lesson.",
            "Give feedback soon after the lesson, starting with what went well and one thing to "
            "work on.",
            "Turn the most useful point into a target with a date to look at it again.",
        ),
    ),
    Theme.wellbeing: (
        "Wellbeing",
        (
            "Ask your mentee how their workload feels this week, and listen to the answer.",
            "Check that you know who to contact when someone needs more support than you can give.",
            "Protect your own meeting time and one break this week: looking after yourself "
            "comes first.",
        ),
    ),
    Theme.behaviour: (
        "Behaviour",
        (
            "Look at the school's behaviour policy together and pick one routine to practise.",
            "Observe a colleague's lesson start with your mentee and talk about what made it calm.",
            "Agree one small, specific behaviour target for the next fortnight.",
        ),
    ),
    Theme.assessment: (
        "Assessment",
        (
            "Ask your mentee how they knew what the class had learned in their last lesson.",
            "Plan one hinge question together for an upcoming lesson.",
            "Look at a set of books together and talk about what the work shows.",
        ),
    ),
    Theme.research_and_policy: (
        "Research and policy",
        (
            "Read one short piece from the library and share the idea you took from it.",
            "Ask your mentee which research their course has asked them to read lately.",
            "Check you know what the current framework expects of you as a mentor.",
        ),
    ),
    Theme.early_years: (
        "Early years",
        (
            "Spend ten minutes with your mentee watching children at play and talk about what "
            "you each noticed.",
            "Agree one thing to look for in the learning environment this week.",
            "Share one early years principle you rely on and why.",
        ),
    ),
    Theme.primary: (
        "Primary",
        (
            "Pick one subject your mentee feels less confident in and find a resource for it "
            "together.",
            "Talk through how one lesson builds on last week's.",
            "Invite your mentee to see a colleague teach a subject they have not taught yet.",
        ),
    ),
    Theme.post_16: (
        "Post-16",
        (
            "Talk about what changes when students choose to be in the room.",
            "Share how you stay up to date in your subject after qualifying.",
            "Agree one way your mentee can take part in a subject network this term.",
        ),
    ),
    Theme.mentor_development: (
        "Mentor development",
        (
            "Note one thing you want to get better at as a mentor this term.",
            "Ask your mentee what helps them most in your meetings, and what helps least.",
            "Read or watch one item from this library and try one idea from it.",
        ),
    ),
}
