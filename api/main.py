"""create_app(): routers, middleware, error handlers and the single-page app's files."""

from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from api.audit.router import router as audit_router
from api.auth.router import router as auth_router
from api.calendar.router import router as calendar_router
from api.config import Settings, get_settings
from api.core.answers import AnswerCache
from api.core.apidocs import install_api_docs
from api.core.logging import configure_logging
from api.core.middleware import (
    BodySizeLimitMiddleware,
    RequestContextMiddleware,
    SecurityHeadersMiddleware,
)
from api.core.problems import document_problems, install_problem_handlers
from api.domains import register_domains
from api.entitlements.router import router as entitlements_router
from api.health.router import router as health_router
from api.integrations.router import router as integrations_router
from api.meetings.router import router as meetings_router
from api.mentoring.router import router as mentoring_router
from api.network.router import router as network_router
from api.observations.router import router as observations_router
from api.org.router import router as org_router
from api.providers.router import receiver as provider_receiver
from api.providers.router import router as providers_router
from api.resources.router import router as resources_router
from api.supervision.router import router as supervision_router
from api.todos.router import router as todos_router
from api.training.router import router as training_router
from api.wellbeing.router import router as wellbeing_router

API_PREFIX = "/api/v1"
OPENAPI_URL = API_PREFIX + "/openapi.json"


def api_router() -> APIRouter:
    router = APIRouter(prefix=API_PREFIX)
    domain_routers = (
        auth_router,
        org_router,
        mentoring_router,
        meetings_router,
        observations_router,
        resources_router,
        wellbeing_router,
        supervision_router,
        entitlements_router,
        training_router,
        network_router,
        providers_router,
        provider_receiver,
        calendar_router,
        todos_router,
        integrations_router,
        audit_router,
    )
    for domain_router in domain_routers:
        router.include_router(domain_router)

    return router


# Every method, so that any method a path lacks reaches the handler below; otherwise routing
# answers 405 itself, naming only the methods of the first route that matched the path.
ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]


def add_unknown_api_path_handler(app: FastAPI) -> None:
    """Unknown /api paths answer a 404 problem (or 405 when only the method is wrong) instead
    of falling through to the app's index.html."""

    @app.api_route(API_PREFIX + "/{path:path}", methods=ALL_METHODS, include_in_schema=False)
    def unknown_api_path(path: str, request: Request) -> None:
        allowed = _methods_for_path(app, request.url.path)
        if allowed:
            raise StarletteHTTPException(
                405,
                f"{request.method} is not allowed here; use {', '.join(sorted(allowed))}.",
                headers={"Allow": ", ".join(sorted(allowed))},
            )
        raise StarletteHTTPException(404, f"No API resource at {API_PREFIX}/{path}")


def _methods_for_path(app: FastAPI, path: str) -> set[str]:
    """The methods the documented routes accept at this path."""
    allowed: set[str] = set()
    for context in iter_route_contexts(app.routes):
        documented = isinstance(context.original_route, APIRoute) and context.include_in_schema
        if documented and compile_path(context.path or "")[0].match(path):
            allowed |= set(context.methods or ())
    return allowed


def mount_frontend(app: FastAPI, dist: Path) -> None:
    """Serves the built app; any other non-API path gets index.html for client-side routes."""
    index = dist / "index.html"

    @app.api_route("/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
    def frontend(path: str) -> FileResponse:
        candidate = (dist / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(dist.resolve()):
            immutable = path.startswith("assets/")
            headers = {"Cache-Control": "public, max-age=31536000, immutable"} if immutable else {}
            return FileResponse(candidate, headers=headers)
        if not index.is_file():
            raise StarletteHTTPException(404, "The web app is not built; run `make build`.")
        return FileResponse(index, headers={"Cache-Control": "no-cache"})


def install_openapi(app: FastAPI) -> None:
    """The OpenAPI description, built once, with every problem documented as it is sent."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document_problems(build())
        return app.openapi_schema

    # FastAPI's documented way to customise the description: replace the method.
    app.openapi = openapi  # type: ignore[method-assign]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, readable=settings.readable_logs)
    register_domains()
    app = FastAPI(
        title="MentorHub API",
        version="1.0.0",
        description=(
            "Promised vs. delivered for school-based teacher mentoring. Errors are RFC 9457 "
            "problem+json; lists are paginated with `limit` (at most "
            f"{settings.max_page_size}) and `offset`."
        ),
        # Served by install_api_docs from the app's own files, not from a CDN.
        docs_url=None,
        redoc_url=None,
        openapi_url=OPENAPI_URL,
    )
    install_problem_handlers(app)
    install_openapi(app)
    app.include_router(health_router)
    app.include_router(api_router())
    install_api_docs(app, OPENAPI_URL)
    add_unknown_api_path_handler(app)
    if settings.serve_frontend:
        mount_frontend(app, settings.frontend_dist)

    # Added last runs first: request ids wrap everything, so even a 413 carries one. Answers
    # are kept innermost, so that what wraps them runs for a repeat as for the first.
    if settings.answer_cache_mb:
        app.add_middleware(AnswerCache, max_bytes=settings.answer_cache_mb * 1024 * 1024)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        max_import_bytes=settings.max_import_bytes,
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["GET", "POST", "PATCH", "PUT", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
            expose_headers=["X-Request-ID", "Retry-After"],
        )
    app.add_middleware(RequestContextMiddleware)
    return app


def api_routes(app: FastAPI) -> list[RouteContext]:
    """Every documented route, with included routers flattened (paths carry their prefix)."""
    return [
        context
        for context in iter_route_contexts(app.routes)
        if isinstance(context.original_route, APIRoute) and context.include_in_schema
    ]


app = create_app()
