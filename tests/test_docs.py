"""The interactive API docs (Swagger UI and ReDoc) come from the app's own files."""

import re

import pytest

DOCS_PAGES = ["/api/docs", "/api/redoc"]


def _referenced_urls(html: str) -> list[str]:
    return re.findall(r"""(?:src|href|spec-url)=["']([^"']+)["']|url:\s*['"]([^'"]+)['"]""", html)


def _urls(html: str) -> list[str]:
    return [a or b for a, b in _referenced_urls(html)]


@pytest.mark.parametrize("path", DOCS_PAGES)
def test_docs_pages_load_nothing_from_another_host(client, path):
    page = client.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", page.text), page.text
    urls = _urls(page.text)
    assert any(u.endswith(".js") for u in urls), urls
    for url in urls:
        assert url.startswith("/"), url
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert asset.content, url


@pytest.mark.parametrize("path", DOCS_PAGES)
def test_docs_pages_are_held_to_a_policy_that_allows_only_this_server(client, path):
    policy = client.get(path).headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    for name in ("script-src", "style-src", "connect-src", "img-src", "font-src"):
        sources = directives[name].split()
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, name
        assert all(s in ("'self'", "data:") or s.startswith("'sha256-") for s in sources), name
