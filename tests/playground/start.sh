#!/usr/bin/env bash
# Starts the Microsoft 365 Agents Playground (a Teams-like client) acting as one demo user, pointed at the bot
# that ./run.sh serves on http://127.0.0.1:3978/api/messages. Everything listens on 127.0.0.1 only.
#
#   ./tests/playground/start.sh priya      # or: rahul, suresh
#
# Then open http://127.0.0.1:56150, click "Personal Chat" and type "my tasks". See README.md.
# Overrides: PLAYGROUND_PORT (56150), BOT_ENDPOINT (http://127.0.0.1:3978/api/messages),
# PLAYGROUND_CONFIG (a YAML file instead of <user>.yml).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
USER_NAME="${1:-priya}"
PORT="${PLAYGROUND_PORT:-56150}"
ENDPOINT="${BOT_ENDPOINT:-http://127.0.0.1:3978/api/messages}"
CONFIG="${PLAYGROUND_CONFIG:-$HERE/$USER_NAME.yml}"

case "$USER_NAME" in
  -h|--help)
    sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
esac

if [ ! -f "$CONFIG" ]; then
  printf 'No identity file %s. Choose one of: %s\n' "$CONFIG" \
    "$(cd "$HERE" && ls -1 ./*.yml 2>/dev/null | sed 's|^\./||; s|\.yml$||' | tr '\n' ' ')" >&2
  exit 2
fi

if ! command -v node >/dev/null 2>&1; then
  printf 'node is not installed; the Agents Playground needs Node.js 20 or later.\n' >&2
  exit 1
fi

if [ ! -d "$HERE/node_modules/@microsoft/m365agentsplayground" ]; then
  printf '[playground] npm ci in %s\n' "$HERE" >&2
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The Playground writes its log under ./devTools of the current directory unless told otherwise.
LOG_DIR="${TMPDIR:-/tmp}/complianceos-playground"
mkdir -p "$LOG_DIR"

printf '[playground] acting as %s (%s)\n' "$USER_NAME" "$CONFIG" >&2
printf '[playground] bot endpoint %s\n' "$ENDPOINT" >&2
printf '[playground] open http://127.0.0.1:%s , click "Personal Chat", type "my tasks"\n' "$PORT" >&2

cd "$HERE"
export M365_AGENTS_PLAYGROUND_CONFIG_PATH="$CONFIG"
export M365_AGENTS_PLAYGROUND_LOGFILE="$LOG_DIR/playground-$USER_NAME.log"
# No browser is opened (the machine may have none); open the address above yourself.
export TEAMSAPPTESTER_BROWSER=none
exec node -r "$HERE/loopback.js" "$HERE/node_modules/@microsoft/m365agentsplayground/cli.js" \
  -e "$ENDPOINT" \
  -c msteams \
  -p "$PORT" \
  --service-url "http://127.0.0.1:$PORT/_connector" \
  --disable-telemetry
