# Node tools used as outside checkers by the tests (the official Adaptive Cards parser).
# Sourced by scripts/lib.sh, not executed; the caller defines ROOT (the repo root) and runs
# under `set -euo pipefail`. Safe to run again: it installs only when the package is missing.

ensure_node_tools() {
  local js_dir="${ROOT:?ROOT must be the repo root}/tests/js"
  if [ -d "$js_dir/node_modules/adaptivecards" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    printf '[setup] npm is not installed; it is needed for tests/js\n' >&2
    return 1
  fi
  printf '[setup] npm ci in tests/js\n' >&2
  # npm ci installs exactly the lockfile, so every machine checks cards with the same parser.
  (cd "$js_dir" && npm ci --no-audit --no-fund --loglevel=error)
}
