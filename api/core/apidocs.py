"""The interactive API docs, Swagger UI and ReDoc, served from the app's own copy of their files.

The files come with the fastapi-offline package (kept in step with the Swagger UI and ReDoc
releases), so the docs work without internet access. Each page gets a Content-Security-Policy
that allows this server only, plus the hash of each inline block FastAPI's page templates hold
(Swagger UI's start-up script, ReDoc's one style rule), so nothing else can run on them.
"""

import base64
import hashlib
import re
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

SWAGGER_URL = "/api/docs"
REDOC_URL = "/api/redoc"
OAUTH2_REDIRECT_URL = "/api/docs/oauth2-redirect"
ASSETS_URL = "/api/docs/assets"
ASSETS_DIR = Path(str(files("fastapi_offline") / "static"))

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_INLINE_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def _hashes(pattern: re.Pattern[str], html: str) -> str:
    digests = (hashlib.sha256(block.encode()).digest() for block in pattern.findall(html))
    return "".join(f" 'sha256-{base64.b64encode(d).decode()}'" for d in digests)


# ReDoc's styled-components adds empty <style> elements and fills them through the CSSOM
# (insertRule), which a policy does not govern; the hash of empty content allows just those.
_EMPTY_STYLE = " 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
# The one stylesheet ReDoc's bundle adds as text (its scrollbars' rules with their source map),
# by hash: fixed for this copy of the bundle. A new copy with other text shows as a policy
# violation in the browser tests (e2e/a11y-keyboard.spec.ts), which then give the new hash.
_REDOC_SCROLLBAR_STYLE = " 'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='"


def docs_policy(html: str, extra_styles: str = "") -> str:
    """This server only; inline blocks only as the page holds them now (by hash)."""
    return (
        f"default-src 'self'; script-src 'self'{_hashes(_INLINE_SCRIPT, html)}; "
        f"style-src 'self'{_hashes(_INLINE_STYLE, html)}{extra_styles}; img-src 'self' data:; "
        # ReDoc's search runs in a worker it makes from its own code (a blob: address).
        "worker-src 'self' blob:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


def _held_to_policy(page: HTMLResponse, extra_styles: str = "") -> HTMLResponse:
    html = bytes(page.body).decode()
    page.headers["Content-Security-Policy"] = docs_policy(html, extra_styles)
    return page


def install_api_docs(app: FastAPI, openapi_url: str) -> None:
    """Swagger UI at /api/docs and ReDoc at /api/redoc, with their files under /api/docs/assets."""
    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS_DIR), name="api-docs-assets")

    @app.get(SWAGGER_URL, include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return _held_to_policy(
            get_swagger_ui_html(
                openapi_url=root + openapi_url,
                title=f"{app.title} – Swagger UI",
                swagger_js_url=f"{root}{ASSETS_URL}/swagger-ui-bundle.js",
                swagger_css_url=f"{root}{ASSETS_URL}/swagger-ui.css",
                swagger_favicon_url=f"{root}{ASSETS_URL}/favicon.png",
                oauth2_redirect_url=root + OAUTH2_REDIRECT_URL,
                # No badge from the public validator: the page asks nothing of other hosts.
                swagger_ui_parameters={"validatorUrl": None},
            )
        )

    @app.get(OAUTH2_REDIRECT_URL, include_in_schema=False)
    def swagger_ui_oauth2_redirect() -> HTMLResponse:
        return _held_to_policy(get_swagger_ui_oauth2_redirect_html())

    @app.get(REDOC_URL, include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return _held_to_policy(
            get_redoc_html(
                openapi_url=root + openapi_url,
                title=f"{app.title} – ReDoc",
                redoc_js_url=f"{root}{ASSETS_URL}/redoc.standalone.js",
                redoc_favicon_url=f"{root}{ASSETS_URL}/favicon.png",
                with_google_fonts=False,
            ),
            _EMPTY_STYLE + _REDOC_SCROLLBAR_STYLE,
        )
