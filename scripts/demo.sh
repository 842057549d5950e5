#!/usr/bin/env bash
# Set up (if needed) and run newsdesk on the bundled example pages.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/newsdesk ] || bash scripts/setup.sh
. .venv/bin/activate
# Ingest the example pages into a local SQLite file (re-running changes nothing), then list
# the events merged from them. A page that fails is listed in the summary with its reason.
db="${NEWSDESK_DB:-newsdesk-demo.db}"
status=0
newsdesk ingest examples/ --db "$db" --quiet || status=$?
newsdesk events --db "$db"
exit "$status"
