#!/usr/bin/env bash
# Create .venv and install newsdesk with its pinned dependencies (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
. .venv/bin/activate
python -m pip install -q --upgrade pip
python -m pip install -q -e ".[dev,bench]"
