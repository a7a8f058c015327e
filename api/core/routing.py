"""The route class of every API router: a body that is not JSON is invalid input like any other,
and a sync endpoint costs one trip to the thread pool, not two.

FastAPI decodes a JSON body before it runs a route's dependencies, so garbage used to answer
400 before the sign-in and scope checks. Here decoding never fails: an unreadable body stays
raw bytes, which no body model accepts when it is validated (after the dependencies), and what
was wrong is left in the request scope for the validation handler to report. This is FastAPI's
documented way to change how a request's body is read ("Custom Request and APIRoute class").

FastAPI runs a sync endpoint in the thread pool and then validates its answer against the
response model in the thread pool again. Here the endpoint alone goes to a worker thread and the
answer is validated on the event loop (pure CPU, no I/O), which saves a hand-off per request.
The endpoint keeps its signature, so its parameters and the OpenAPI description are unchanged.
"""

import functools
import inspect
import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

UNREADABLE_BODY = "mentorhub.unreadable_body"


class _LenientJSONRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            try:
                return await super().json()
            except json.JSONDecodeError as exc:
                self.scope[UNREADABLE_BODY] = (
                    f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno} "
                    f"(character {exc.pos})"
                )
            except UnicodeDecodeError as exc:
                self.scope[UNREADABLE_BODY] = (
                    f"not UTF-8 text: byte {exc.object[exc.start]:#04x} at position {exc.start}"
                )
            self._json = await self.body()
        return self._json


def _in_one_trip(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    if inspect.iscoroutinefunction(endpoint):
        return endpoint

    @functools.wraps(endpoint)
    async def in_worker_thread(**values: Any) -> Any:
        return await run_in_threadpool(endpoint, **values)

    return in_worker_thread


class BodyAfterAuthRoute(APIRoute):
    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        super().__init__(path, _in_one_trip(endpoint), **kwargs)
        self.endpoint = endpoint  # what the route runs, as written (the wrapper only awaits it)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            return await handler(_LenientJSONRequest(request.scope, request.receive))

        return handle
