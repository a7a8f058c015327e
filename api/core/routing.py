"""The route class of every API router: a body that is not JSON is invalid input like any other.

FastAPI decodes a JSON body before it runs a route's dependencies, so garbage used to answer
400 before the sign-in and scope checks. Here decoding never fails: an unreadable body stays
raw bytes, which no body model accepts when it is validated (after the dependencies), and what
was wrong is left in the request scope for the validation handler to report. This is FastAPI's
documented way to change how a request's body is read ("Custom Request and APIRoute class").
"""

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

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


class BodyAfterAuthRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            return await handler(_LenientJSONRequest(request.scope, request.receive))

        return handle
