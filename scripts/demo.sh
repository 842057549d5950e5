#!/usr/bin/env bash
# Set up (if needed) and run newsdesk on the bundled example pages.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/newsdesk ] || bash scripts/setup.sh
. .venv/bin/activate
newsdesk extract examples/ --format jsonl
