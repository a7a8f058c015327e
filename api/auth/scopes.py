"""What each role, and each integration client, may do: roles expand to scopes."""

from api.org.models import Role

SCOPE_DESCRIPTIONS: dict[str, str] = {
    "org:read": "Read the schools and term dates you belong to",
    "org:write": "Create and change schools",
    "terms:write": "Set term dates of schools you lead",
    "users:read": "Read people and their roles in your schools",
    "users:write": "Create, change and deactivate people and roles in your schools",
    "clients:manage": "Register and revoke integration clients",
    "audit:read": "Read the audit log of your trust",
    "mentoring:read": "Read the pairings, agreements and meetings you are part of or oversee",
    "mentoring:write": "Set up mentor and mentee profiles and pairings in schools you manage",
    "meetings:write": "Agree, schedule, move, cancel and record your mentoring meetings",
    "observations:read": "Read observation counts (integrations)",
    "observations:view": "Read the lesson observations and targets you are part of or oversee",
    "observations:write": "Schedule, record, share and reflect on lesson observations; set and "
    "review targets",
    "resources:read": "Search and read the resource library of your trust and schools; keep "
    "your bookmarks",
    "resources:write": "Keep the resource library: trust-wide (trust admins) or your school's "
    "(school leads)",
    "wellbeing:write": "Check in on your own wellbeing, and read the check-ins you are given to "
    "see: your mentees' (as their mentor) or your school's (as its wellbeing lead)",
    "supervision:read": "Read the supervision sessions you hold or receive, or that your "
    "schools hold",
    "supervision:write": "Schedule and record supervision with the mentors of schools you lead",
    "entitlements:read": "Read the entitlement policies of your trust and the compliance you "
    "may see: your own and your mentees', or your schools'",
    "entitlements:manage": "Write the trust's entitlement policies and record the headteachers' "
    "board's decisions on them",
    "entitlements:adopt": "Adopt approved entitlement policies for schools you lead and record "
    "the provisions they make",
    "training:read": "Read the course dates and deadlines that concern you or your schools, "
    "cover requests and mentors' training records you may see",
    "training:write": "Log your own training and mark attendance (mentors), or your school's "
    "mentors' (school leads)",
    "training:manage": "Approve or decline cover for course dates (school leads, trust admins)",
    "providers:manage": "Register training providers, their webhook secrets and linked people; "
    "read and reprocess their deliveries",
}

ROLE_SCOPES: dict[Role, frozenset[str]] = {
    Role.trust_admin: frozenset(
        {
            "org:read",
            "org:write",
            "terms:write",
            "users:read",
            "users:write",
            "clients:manage",
            "audit:read",
            "mentoring:read",
            "mentoring:write",
            "observations:view",
            "resources:read",
            "resources:write",
            "supervision:read",
            "entitlements:read",
            "entitlements:manage",
            "entitlements:adopt",
            "training:read",
            "training:manage",
            "providers:manage",
        }
    ),
    Role.school_lead: frozenset(
        {
            "org:read",
            "terms:write",
            "users:read",
            "users:write",
            "mentoring:read",
            "mentoring:write",
            "meetings:write",
            "observations:view",
            "observations:write",
            "resources:read",
            "resources:write",
            "wellbeing:write",
            "supervision:read",
            "supervision:write",
            "entitlements:read",
            "entitlements:adopt",
            "training:read",
            "training:write",
            "training:manage",
        }
    ),
    Role.mentor: frozenset(
        {
            "org:read",
            "mentoring:read",
            "meetings:write",
            "observations:view",
            "observations:write",
            "resources:read",
            "wellbeing:write",
            "supervision:read",
            "entitlements:read",
            "training:read",
            "training:write",
        }
    ),
    Role.mentee: frozenset(
        {
            "org:read",
            "mentoring:read",
            "meetings:write",
            "observations:view",
            "observations:write",
            "resources:read",
            "wellbeing:write",
            "entitlements:read",
            "training:read",
        }
    ),
    Role.observer: frozenset(
        {"org:read", "observations:view", "observations:write", "resources:read"}
    ),
}

# Integration clients carry scopes only, never a role; these are the ones they may be granted.
CLIENT_SCOPES: frozenset[str] = frozenset({"org:read", "observations:read"})


def scopes_for_roles(roles: set[Role]) -> frozenset[str]:
    granted: set[str] = set()
    for role in roles:
        granted |= ROLE_SCOPES[role]
    return frozenset(granted)
