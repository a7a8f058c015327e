# The same steps as the README: build the app, install the locked Python packages, migrate,
# serve. PostgreSQL comes from MENTORHUB_DATABASE_URL.
FROM node:20-slim AS frontend
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
COPY openapi/ /src/openapi/
RUN npm run build

FROM python:3.11-slim
# WEB_CONCURRENCY: server processes in the container (`mentorhub serve --workers`).
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_COMPILE_BYTECODE=1 \
    MENTORHUB_ENVIRONMENT=production WEB_CONCURRENCY=1
RUN pip install --no-cache-dir uv==0.13.9 && useradd --create-home --uid 10001 mentorhub
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
COPY api/ api/
COPY migrations/ migrations/
COPY alembic.ini ./
# uvicorn[standard] from the lock file: uvloop and httptools serve every request.
RUN uv sync --frozen --no-dev && .venv/bin/python -c "import uvloop, httptools" \
    && chown -R mentorhub /app
COPY --from=frontend /src/frontend/dist frontend/dist
USER mentorhub
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"
CMD [".venv/bin/mentorhub", "serve", "--host", "0.0.0.0", "--port", "8000"]
