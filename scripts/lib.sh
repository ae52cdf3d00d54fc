# Shared by run.sh and test.sh: installs what is missing, starts a project-local
# PostgreSQL 15 (with pgvector) on its own port, creates the roles and database.
# Sourced, not executed. Everything here is safe to run again.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT="${COMPLIANCE_PG_PORT:-55432}"
DB_NAME="${COMPLIANCE_DB_NAME:-complianceos}"
DB_OWNER="${COMPLIANCE_DB_OWNER:-compliance_owner}"
DB_OWNER_PASSWORD="${COMPLIANCE_DB_OWNER_PASSWORD:-compliance_owner_dev}"
DB_APP="${COMPLIANCE_DB_APP:-compliance_app}"
DB_APP_PASSWORD="${COMPLIANCE_DB_APP_PASSWORD:-compliance_app_dev}"
STARTED_PIDS=()
STARTED_PG=0

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[setup] %s\033[0m\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    as_root apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_postgres_server() {
  [ -x "$PG_BIN/initdb" ] || apt_install postgresql-15 postgresql-contrib-15
}

# pgvector is not packaged for bookworm: build it from Debian trixie's source package.
ensure_pgvector() {
  local libdir
  libdir="$("$PG_BIN/pg_config" --pkglibdir)"
  [ -f "$libdir/vector.so" ] && return 0
  log "building pgvector from Debian's trixie source package (once)"
  if ! grep -rqs "trixie" /etc/apt/sources.list.d/complianceos-src.sources 2>/dev/null; then
    as_root tee /etc/apt/sources.list.d/complianceos-src.sources >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    APT_UPDATED=0
  fi
  apt_install postgresql-server-dev-15 build-essential dpkg-dev
  local work
  work="$(mktemp -d)"
  ( cd "$work" && apt-get source --download-only pgvector >/dev/null 2>&1 ) || die "apt-get source pgvector failed"
  local orig
  orig="$(ls "$work"/pgvector_*.orig.tar.* | head -n1)"
  [ -n "$orig" ] || die "pgvector orig tarball not found"
  mkdir -p "$work/src" && tar -xf "$orig" -C "$work/src" --strip-components=1
  ( cd "$work/src" && make -s PG_CONFIG="$PG_BIN/pg_config" >/dev/null && as_root make -s PG_CONFIG="$PG_BIN/pg_config" install >/dev/null ) \
    || die "pgvector build failed"
  rm -rf "$work"
  [ -f "$libdir/vector.so" ] || die "pgvector did not install vector.so"
}

# Debian's Chromium for the admin portal's browser tests (Playwright drives /usr/bin/chromium; it downloads nothing).
ensure_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium
}

ensure_dotnet() {
  command -v dotnet >/dev/null || die "the .NET SDK is required (dotnet on PATH)"
}

# The cluster lives in the checkout unless the postgres user cannot reach it
# (a clone inside a 0700 temp directory, as root): then under /var/tmp, keyed by path.
pg_paths() {
  PG_HOME="${COMPLIANCE_PG_HOME:-$ROOT/.local/pg}"
  if [ "$(id -u)" -eq 0 ]; then
    mkdir -p "$PG_HOME"
    if ! runuser -u postgres -- test -x "$PG_HOME"; then
      PG_HOME="/var/tmp/complianceos-$(printf '%s' "$ROOT" | sha1sum | cut -c1-12)/pg"
    fi
  fi
  PG_DATA="$PG_HOME/data"
  PG_SOCK="$PG_HOME/run"
  PG_LOG="$PG_HOME/postgres.log"
}

# From / so the postgres user is never asked to enter a checkout it cannot read.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

pg_superuser() { if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi; }

psql_super() {
  as_pg psql -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U "$(pg_superuser)" "$@"
}

ensure_cluster() {
  pg_paths
  mkdir -p "$PG_HOME"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PG_HOME"; fi
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    log "initialising a PostgreSQL cluster in $PG_DATA"
    as_pg mkdir -p "$PG_DATA" "$PG_SOCK"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U "$(pg_superuser)" --auth-local=peer --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  as_pg mkdir -p "$PG_SOCK"
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
      die "port $PG_PORT is taken by another server; set COMPLIANCE_PG_PORT to a free port"
    fi
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 \
      -o "-p $PG_PORT -k $PG_SOCK -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=1GB" start >/dev/null
    STARTED_PG=1
  fi
}

stop_cluster_if_started() {
  if [ "$STARTED_PG" -eq 1 ]; then
    log "stopping PostgreSQL"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null 2>&1 || true
    STARTED_PG=0
  fi
}

# Owner role owns and migrates the schema; the app role neither owns tables nor
# bypasses row-level security, so a forgotten filter cannot leak another tenant's rows.
ensure_roles_and_database() {
  psql_super -d postgres <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_OWNER') THEN
    CREATE ROLE $DB_OWNER LOGIN CREATEDB PASSWORD '$DB_OWNER_PASSWORD';
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_APP') THEN
    CREATE ROLE $DB_APP LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '$DB_APP_PASSWORD';
  END IF;
END
\$\$;
SQL
  if [ "$(psql_super -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != "1" ]; then
    log "creating database $DB_NAME"
    psql_super -d postgres -c "CREATE DATABASE $DB_NAME OWNER $DB_OWNER"
  fi
  # Extensions need a superuser; template1 gets them too, so test databases created by the owner have them.
  for db in template1 "$DB_NAME"; do
    psql_super -d "$db" -c "CREATE EXTENSION IF NOT EXISTS vector; CREATE EXTENSION IF NOT EXISTS pg_trgm;"
  done
}

export_connection_strings() {
  export ConnectionStrings__ComplianceDb="Host=127.0.0.1;Port=$PG_PORT;Database=$DB_NAME;Username=$DB_APP;Password=$DB_APP_PASSWORD"
  export ConnectionStrings__ComplianceDbOwner="Host=127.0.0.1;Port=$PG_PORT;Database=$DB_NAME;Username=$DB_OWNER;Password=$DB_OWNER_PASSWORD"
}

# shellcheck source=scripts/node-tools.sh
source "$ROOT/scripts/node-tools.sh"

setup_all() {
  ensure_dotnet
  ensure_postgres_server
  ensure_pgvector
  ensure_cluster
  ensure_roles_and_database
  export_connection_strings
  ensure_node_tools
}

build_solution() {
  log "building the solution ($1)"
  dotnet build "$ROOT/ComplianceOs.sln" -c "$1" -v quiet -nologo -clp:ErrorsOnly
}

# Runs a BotHost admin command (migrate, seed-demo, verify-audit) with the scripts' connection strings.
run_admin() {
  local config="$1"; shift
  dotnet "$ROOT/src/BotHost/bin/$config/net10.0/ComplianceOs.BotHost.dll" "$@"
}

# Runs a knowledge command (ingest-masters, ingest --tenant <id|global> <path>) as the application role.
run_rag() {
  local config="$1"; shift
  dotnet "$ROOT/src/Rag/bin/$config/net10.0/ComplianceOs.Rag.dll" "$@"
}
