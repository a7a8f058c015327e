#!/usr/bin/env bash
# Installs the locked npm packages and builds the single-page app into frontend/dist.
set -euo pipefail
cd "$(dirname "$0")/../frontend"
if [ ! -f package.json ]; then
  echo "frontend/package.json is missing; nothing to build"
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
npm run build
