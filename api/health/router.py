"""Liveness and readiness probes for load balancers and the container health check."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.core.routing import BodyAfterAuthRoute
from api.db import get_engine
from api.health import service
from api.health.schemas import Liveness, Readiness

router = APIRouter(tags=["health"], route_class=BodyAfterAuthRoute)


@router.get("/healthz", operation_id="healthz", summary="Alive: the process answers")
async def healthz() -> Liveness:
    return Liveness(status="ok")


@router.get(
    "/readyz",
    operation_id="readyz",
    summary="Ready: the database answers and migrations are at head",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "Not ready: `checks` says why"}},
)
def readyz() -> JSONResponse:
    ready, checks = service.check_ready(get_engine())
    return JSONResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks},
        status_code=200 if ready else 503,
    )
