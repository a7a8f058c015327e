#!/usr/bin/env bash
# Makes sure what the tests need outside Python and npm is there: PostgreSQL (running, with a
# `test` database) and Debian's Chromium for the browser tests. Installs them when missing.
set -euo pipefail

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1; fi
}

apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_postgres() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "Installing PostgreSQL from Debian"
    apt_install postgresql
  fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "Starting PostgreSQL"
    for version in $(ls /etc/postgresql); do
      as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    done
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  pg_isready -h 127.0.0.1 -p 5432
  # A fresh Debian cluster asks for a password over TCP; give the postgres role a known one
  # (local test clusters only) and make sure the `test` database exists.
  if ! psql "postgresql://postgres@127.0.0.1:5432/postgres" -Atqc "select 1" >/dev/null 2>&1 \
     && ! PGPASSWORD=postgres psql "postgresql://postgres@127.0.0.1:5432/postgres" -Atqc "select 1" >/dev/null 2>&1; then
    as_root su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\""
  fi
  export PGPASSWORD=postgres
  if ! psql "postgresql://postgres@127.0.0.1:5432/postgres" -Atqc \
      "select 1 from pg_database where datname = 'test'" | grep -q 1; then
    psql "postgresql://postgres@127.0.0.1:5432/postgres" -qc "CREATE DATABASE test"
  fi
}

ensure_chromium() {
  if ! [ -x /usr/bin/chromium ]; then
    echo "Installing Chromium from Debian"
    apt_install chromium
  fi
  /usr/bin/chromium --version
}

case "${1:-all}" in
  postgres) ensure_postgres ;;
  chromium) ensure_chromium ;;
  all) ensure_postgres; ensure_chromium ;;
esac
