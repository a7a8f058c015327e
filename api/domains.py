"""The one list of domains that plug into the platform at start-up.

Each domain's `plugin.register()` adds its calendar source, to-do source and event handlers.
`create_app()` and the command line call `register_domains()`; registering twice changes
nothing. A new domain adds its plug-in here (see docs/architecture.md).
"""

from api.entitlements import plugin as entitlements
from api.meetings import plugin as meetings
from api.mentoring import plugin as mentoring
from api.observations import plugin as observations
from api.org import plugin as org
from api.providers import plugin as providers
from api.resources import plugin as resources
from api.supervision import plugin as supervision
from api.training import plugin as training
from api.wellbeing import plugin as wellbeing

DOMAINS = (
    org,
    mentoring,
    meetings,
    observations,
    resources,
    supervision,
    wellbeing,
    providers,
    training,
    entitlements,
)


def register_domains() -> None:
    for domain in DOMAINS:
        domain.register()
