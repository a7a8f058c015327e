"""RFC 9457 problem details: the one error format every route answers with."""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from sqlalchemy.exc import IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.core.routing import UNREADABLE_BODY

logger = logging.getLogger("mentorhub.errors")

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://mentorhub.example/problems/"


class FieldProblem(BaseModel):
    field: str
    detail: str
    type: str | None = None


class Problem(BaseModel):
    """The body of every error response."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[FieldProblem] | None = None


class ProblemError(Exception):
    """Raised by services and routers; turned into a problem response by the handler below."""

    status = 400
    title = "Bad request"
    slug = "bad-request"

    def __init__(
        self,
        detail: str | None = None,
        *,
        slug: str | None = None,
        errors: list[FieldProblem] | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail or self.title)
        if slug:
            self.slug = slug
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}
        self.extra = extra


class NotFound(ProblemError):
    status, title, slug = 404, "Not found", "not-found"


class Conflict(ProblemError):
    status, title, slug = 409, "Conflict", "conflict"


class Forbidden(ProblemError):
    status, title, slug = 403, "Forbidden", "forbidden"


class Unauthorized(ProblemError):
    status, title, slug = 401, "Not authenticated", "unauthorized"


class Unprocessable(ProblemError):
    status, title, slug = 422, "Invalid request", "validation"


class TooManyRequests(ProblemError):
    status, title, slug = 429, "Too many requests", "rate-limited"


class PayloadTooLarge(ProblemError):
    status, title, slug = 413, "Request body too large", "payload-too-large"


_TITLES_BY_STATUS = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    413: "Request body too large",
    415: "Unsupported media type",
    503: "Service unavailable",
    422: "Invalid request",
    429: "Too many requests",
    500: "Internal server error",
}


def problem_response(
    status: int,
    *,
    slug: str | None = None,
    title: str | None = None,
    detail: str | None = None,
    errors: list[FieldProblem] | None = None,
    headers: dict[str, str] | None = None,
    instance: str | None = None,
    **extra: Any,
) -> JSONResponse:
    title = title or _TITLES_BY_STATUS.get(status, "Error")
    body = Problem(
        type=PROBLEM_TYPE_BASE + (slug or title.lower().replace(" ", "-")),
        title=title,
        status=status,
        detail=detail,
        instance=instance,
        errors=errors,
        **extra,
    )
    return JSONResponse(
        body.model_dump(mode="json", exclude_none=True),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "form", "cookie")]
    return ".".join(parts) or str(loc[0] if loc else "request")


def validation_problems(
    exc: RequestValidationError, unreadable_body: str | None = None
) -> list[FieldProblem]:
    """One problem per field; when the body could not be read at all, one for the body in
    place of the ways its raw bytes failed to be a body."""
    problems = []
    if unreadable_body:
        problems.append(FieldProblem(field="body", detail=unreadable_body, type="json_invalid"))
    for error in exc.errors():
        loc = tuple(error.get("loc", ()))
        if unreadable_body and loc[:1] == ("body",):
            continue
        problems.append(
            FieldProblem(field=_field_name(loc), detail=error["msg"], type=error["type"])
        )
    return problems


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def on_problem(request: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(
            exc.status,
            slug=exc.slug,
            title=exc.title,
            detail=exc.detail,
            errors=exc.errors,
            headers=exc.headers,
            instance=request.url.path,
            **exc.extra,
        )

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = validation_problems(exc, request.scope.get(UNREADABLE_BODY))
        summary = "; ".join(f"{e.field}: {e.detail}" for e in errors[:5])
        return problem_response(
            422, slug="validation", detail=summary, errors=errors, instance=request.url.path
        )

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else None
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"No resource at {request.url.path}"
        return problem_response(
            exc.status_code,
            detail=detail,
            headers=dict(exc.headers) if exc.headers else None,
            instance=request.url.path,
        )

    @app.exception_handler(IntegrityError)
    async def on_integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        # The service checks come first; this catches the race two requests can still run.
        logger.warning("integrity error", exc_info=exc)
        return problem_response(
            409,
            slug="conflict",
            detail="This clashes with a change made at the same moment; reload and try again.",
            instance=request.url.path,
        )

    @app.exception_handler(OperationalError)
    async def on_database_busy(request: Request, exc: OperationalError) -> JSONResponse:
        if "database is locked" in str(exc.orig):
            # SQLite's writer lock stayed taken past the busy timeout: a retry will succeed.
            return problem_response(
                503,
                slug="database-busy",
                title="Service busy",
                detail="The database is busy; try again in a moment.",
                headers={"Retry-After": "1"},
                instance=request.url.path,
            )
        logger.exception("database error")
        return problem_response(
            500,
            detail="Something went wrong on our side; it has been logged.",
            instance=request.url.path,
        )

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.error("unhandled error", exc_info=exc)
        return problem_response(
            500,
            detail="Something went wrong on our side; it has been logged.",
            instance=request.url.path,
        )


_ERROR_DESCRIPTIONS = {
    401: "Not signed in, or the token is not valid",
    403: "Missing scope, or not yours to change",
    404: "Not found, or not visible to you",
    409: "Clashes with what exists, or not in a state that allows this",
    413: "Request body too large",
    422: "Invalid input; `errors` lists each field",
    429: "Too many requests; see Retry-After",
}


def error_responses(*statuses: int, **descriptions: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for the problems a route can answer; `descriptions` override the
    default text, keyed like `e409="..."`. `document_problems` gives them their media type."""
    return {
        status: {
            "model": Problem,
            "description": descriptions.get(f"e{status}", _ERROR_DESCRIPTIONS[status]),
        }
        for status in statuses
    }


READ_ERRORS = error_responses(401, 403, 404)
WRITE_ERRORS = error_responses(401, 403, 404, 409, 422)


def _problem_schema_names() -> set[str]:
    """Problem and every model that extends it (a clash, an import's bad rows, ...)."""
    names, pending = set(), [Problem]
    while pending:
        model = pending.pop()
        names.add(model.__name__)
        pending.extend(model.__subclasses__())
    return names


def _schema_name(response: dict[str, Any]) -> str:
    refs = [m.get("schema", {}).get("$ref", "") for m in response.get("content", {}).values()]
    return next((ref.rsplit("/", 1)[-1] for ref in refs if ref), "")


def document_problems(spec: dict[str, Any]) -> dict[str, Any]:
    """Says in the OpenAPI description what the handlers above send: FastAPI files an error
    model under the route's own media type (JSON, CSV, ...) and documents its automatic 422
    with a schema we never send; every problem is `application/problem+json`."""
    problems = _problem_schema_names()
    for path_item in spec.get("paths", {}).values():
        for operation in path_item.values():
            for status, response in operation.get("responses", {}).items():
                name = _schema_name(response) if status[0] in "45" else ""
                if name == "HTTPValidationError":
                    name = "Problem"
                    response["description"] = _ERROR_DESCRIPTIONS[422]
                if name in problems:  # not the token endpoint's RFC 6749 errors: plain JSON
                    schema = {"$ref": f"#/components/schemas/{name}"}
                    response["content"] = {PROBLEM_MEDIA_TYPE: {"schema": schema}}
    schemas = spec.get("components", {}).get("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    return spec
