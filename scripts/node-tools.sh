# Node tools used as outside checkers by the tests: the official Adaptive Cards parser, maildev (an SMTP catcher) and
# Azurite (the Azure Blob Storage emulator; 3.35.0, the last that runs on Node 20) in tests/js, and the Microsoft 365
# Agents Playground, a Teams-like client (tests/playground).
# Sourced by scripts/lib.sh, not executed; the caller defines ROOT (the repo root) and runs
# under `set -euo pipefail`. Safe to run again: each folder is installed only when its package is missing.

ensure_node_tools() {
  local root="${ROOT:?ROOT must be the repo root}"
  _ensure_npm_folder "$root/tests/js" adaptivecards @microsoft/app-manifest maildev azurite
  _ensure_npm_folder "$root/tests/playground" @microsoft/m365agentsplayground ws
}

# _ensure_npm_folder DIR PACKAGE...: `npm ci` in DIR unless every DIR/node_modules/PACKAGE exists.
_ensure_npm_folder() {
  local dir="$1" package missing=0
  shift
  for package in "$@"; do
    [ -d "$dir/node_modules/$package" ] || missing=1
  done
  if [ "$missing" -eq 0 ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    printf '[setup] npm is not installed; it is needed for %s\n' "${dir#"$ROOT"/}" >&2
    return 1
  fi
  printf '[setup] npm ci in %s\n' "${dir#"$ROOT"/}" >&2
  # npm ci installs exactly the lockfile, so every machine checks with the same versions.
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
}
