#!/usr/bin/env bash
# Installs uv (pinned) when missing and the locked Python dependencies into .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION="0.13.9"
if ! command -v uv >/dev/null 2>&1; then
  echo "Installing uv ${UV_VERSION}"
  python3 -m pip install --quiet --disable-pip-version-check "uv==${UV_VERSION}"
fi
uv sync --frozen --quiet "$@"
