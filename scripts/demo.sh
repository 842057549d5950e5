#!/usr/bin/env bash
# Set up (if needed), ingest the bundled example pages into a local SQLite file, print the
# events found, then serve the web UI and API at http://127.0.0.1:8000/ (Ctrl-C to stop).
# Serving is skipped with --no-serve, or when not run from a terminal (CI=true, no TTY).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/newsdesk ] || bash scripts/setup.sh
. .venv/bin/activate
# Re-running changes nothing: pages are keyed by URL and content. A page that fails is listed
# in the summary with its reason.
db="${NEWSDESK_DB:-newsdesk-demo.db}"
status=0
newsdesk ingest examples/ --db "$db" --quiet || status=$?
newsdesk events --db "$db"
if [ "${1:-}" != "--no-serve" ] && [ "${CI:-}" != "true" ] && [ -t 0 ] && [ -t 1 ]; then
  newsdesk serve --db "$db" --port "${NEWSDESK_PORT:-8000}"
fi
exit "$status"
