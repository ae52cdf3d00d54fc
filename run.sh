#!/usr/bin/env bash
# Sets up what is missing (PostgreSQL 15 + pgvector, roles, database), migrates, seeds the demo world, then runs
# the hosts in the foreground until Ctrl-C, stopping everything it started. Safe to rerun.
#   COMPLIANCE_PG_PORT   PostgreSQL port (default 55432)
#   COMPLIANCE_SEED_TODAY  seed the demo world as of this date (YYYY-MM-DD; default today in Asia/Kolkata)
#   COMPLIANCE_PORTAL_PORT   port of the admin portal (default 5080)
#   COMPLIANCE_AZURITE_PORT  port of the local Azure Blob Storage emulator (default 10000); not started when
#                            Evidence__BlobConnectionString is already set
source "$(dirname "$0")/scripts/lib.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

BOT_PID=""
PORTAL_PID=""
MAIL_PID=""
AZURITE_PID=""
cleanup() {
  trap "" PIPE  # a closed pipe (e.g. `| tee` on Ctrl-C) must not stop the clean-up half-way
  trap - INT TERM EXIT
  if [ -n "$BOT_PID" ] && kill -0 "$BOT_PID" 2>/dev/null; then
    log "stopping the bot host"
    kill "$BOT_PID" 2>/dev/null || true
    wait "$BOT_PID" 2>/dev/null || true
  fi
  if [ -n "$PORTAL_PID" ] && kill -0 "$PORTAL_PID" 2>/dev/null; then
    log "stopping the admin portal"
    kill "$PORTAL_PID" 2>/dev/null || true
    wait "$PORTAL_PID" 2>/dev/null || true
  fi
  if [ -n "$MAIL_PID" ] && kill -0 "$MAIL_PID" 2>/dev/null; then
    kill "$MAIL_PID" 2>/dev/null || true
    wait "$MAIL_PID" 2>/dev/null || true
  fi
  if [ -n "$AZURITE_PID" ] && kill -0 "$AZURITE_PID" 2>/dev/null; then
    kill "$AZURITE_PID" 2>/dev/null || true
    wait "$AZURITE_PID" 2>/dev/null || true
  fi
  stop_cluster_if_started
}
trap cleanup INT TERM EXIT

setup_all
build_solution Release
run_admin Release migrate
run_admin Release seed-demo ${COMPLIANCE_SEED_TODAY:+--today "$COMPLIANCE_SEED_TODAY"}
run_rag Release ingest-builtin
run_rag Release reembed

log "starting the bot host on http://127.0.0.1:3978 (GET /health, POST /api/messages); Ctrl-C stops everything"
# The local demo talks to the Agents Playground without a Bot Framework registration: anonymous mode, only when no
# app id is configured (Bot__AppId in the environment turns full authentication back on).
export Bot__AllowAnonymous="${Bot__AllowAnonymous:-true}"
# The Hangfire server runs inside the bot host; its dashboard (every tenant's jobs) is the admin portal's /hangfire,
# for the platform operator signed in there. (The bot host's own Basic-auth dashboard stays off unless
# Jobs__Dashboard__User and Jobs__Dashboard__Password are set.)
# Notifications by e-mail go to a local SMTP catcher (maildev, from tests/js) unless an SMTP host is configured:
# the demo's mails are readable at its web page, and nothing leaves the machine.
if [ -z "${Email__SmtpHost:-}" ]; then
  ( cd "$ROOT/tests/js" && exec node node_modules/maildev/dist/bin/maildev.js --ip 127.0.0.1 --web-ip 127.0.0.1 -s 1025 -w 1080 --silent ) &
  MAIL_PID=$!
  export Email__SmtpHost=127.0.0.1 Email__SmtpPort=1025 Email__Security=None
  log "e-mail notifications: caught by maildev, readable at http://127.0.0.1:1080"
fi
# Evidence files go to Azure Blob Storage as in production, here the Azurite emulator (from tests/js) keeping its data
# in .local/azurite across runs, unless a connection string is configured.
if [ -z "${Evidence__BlobConnectionString:-}" ]; then
  AZURITE_PORT="${COMPLIANCE_AZURITE_PORT:-10000}"
  port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
  # Something already answering there would silently receive this run's evidence: refuse instead.
  ! port_open "$AZURITE_PORT" || die "port $AZURITE_PORT is taken; set COMPLIANCE_AZURITE_PORT (or Evidence__BlobConnectionString)"
  mkdir -p "$ROOT/.local/azurite"
  ( cd "$ROOT/tests/js" && exec node node_modules/azurite/dist/src/blob/main.js --blobHost 127.0.0.1 --blobPort "$AZURITE_PORT" \
      --location "$ROOT/.local/azurite" --skipApiVersionCheck --loose --disableTelemetry >/dev/null ) &
  AZURITE_PID=$!
  for _ in $(seq 1 50); do
    port_open "$AZURITE_PORT" && break
    kill -0 "$AZURITE_PID" 2>/dev/null || die "Azurite did not start"
    sleep 0.2
  done
  port_open "$AZURITE_PORT" || die "Azurite did not answer on port $AZURITE_PORT within 10 s"
  # The emulator's well-known development account (public, documented by Microsoft; not a secret).
  export Evidence__BlobConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$AZURITE_PORT/devstoreaccount1;"
  log "evidence files: Azurite (Azure Blob Storage emulator) on 127.0.0.1:$AZURITE_PORT, data in .local/azurite"
fi
( cd "$ROOT/src/BotHost/bin/Release/net10.0" && exec dotnet ComplianceOs.BotHost.dll ) &
BOT_PID=$!

# The admin portal's demo accounts get passwords made once per checkout (kept in .local, readable by this user only)
# and set again on every run, so the ones printed here always work.
PASSWORDS="$ROOT/.local/portal-demo-passwords"
if [ ! -s "$PASSWORDS" ]; then
  umask 077
  mkdir -p "$ROOT/.local"
  for who in ANITA SURESH OPERATOR; do
    echo "COMPLIANCE_PORTAL_PASSWORD_$who=$(head -c 24 /dev/urandom | base64 | tr -d '/+=' | cut -c1-20)"
  done > "$PASSWORDS"
  umask 022
fi
set -a; source "$PASSWORDS"; set +a
dotnet "$ROOT/src/AdminPortal/bin/Release/net10.0/ComplianceOs.AdminPortal.dll" demo-passwords >/dev/null || die "setting the portal's demo passwords failed"
( cd "$ROOT/src/AdminPortal/bin/Release/net10.0" && exec dotnet ComplianceOs.AdminPortal.dll --urls "http://127.0.0.1:${COMPLIANCE_PORTAL_PORT:-5080}" ) &
PORTAL_PID=$!
log "admin portal: http://127.0.0.1:${COMPLIANCE_PORTAL_PORT:-5080} (jobs dashboard for the operator: /hangfire)"
log "  Anita Desai (Acme admin):       anita.desai@acme.example / $COMPLIANCE_PORTAL_PASSWORD_ANITA"
log "  Suresh Iyer (Bharat admin):     suresh.iyer@bharat.example / $COMPLIANCE_PORTAL_PASSWORD_SURESH"
log "  Platform operator:              operator@complianceos.example / $COMPLIANCE_PORTAL_PASSWORD_OPERATOR"

# Either host stopping ends the run (and the trap stops the other).
wait -n "$BOT_PID" "$PORTAL_PID"
