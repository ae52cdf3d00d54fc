#!/usr/bin/env bash
# The same set-up as run.sh, then every test of the solution against the real PostgreSQL; ends with the summary.
# The integration tests create (and drop) their own database, so nothing here depends on the demo data.
source "$(dirname "$0")/scripts/lib.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

trap stop_cluster_if_started EXIT

setup_all
ensure_chromium
build_solution Debug
run_admin Debug migrate
run_admin Debug seed-demo ${COMPLIANCE_SEED_TODAY:+--today "$COMPLIANCE_SEED_TODAY"}
run_rag Debug ingest-builtin
run_rag Debug reembed

# Test databases left by an interrupted earlier run.
for stale in $(psql_super -d postgres -tAc "SELECT datname FROM pg_database WHERE datname ~ '^complianceos_(test|mig)_'"); do
  log "dropping leftover test database $stale"
  psql_super -d postgres -c "DROP DATABASE \"$stale\" WITH (FORCE)"
done

log "running the tests"
set +e
dotnet test "$ROOT/ComplianceOs.sln" --no-build -c Debug --logger "console;verbosity=minimal"
status=$?
set -e
exit "$status"
