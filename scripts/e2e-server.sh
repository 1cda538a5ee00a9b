#!/usr/bin/env bash
# Start a fresh Workmate with demo data on port 8765 in the foreground (used by Playwright's
# webServer when e2e tests are run by hand: `cd ui && npm run e2e`). E2E_CLOCK_START starts the
# server's clock at that instant, as in scripts/e2e.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf var/e2e
clock=()
if [ -n "${E2E_CLOCK_START:-}" ]; then clock=(WORKMATE_CLOCK_START="$E2E_CLOCK_START"); fi
exec env WORKMATE_DATA_DIR=var/e2e WORKMATE_PORT="${E2E_PORT:-8765}" WORKMATE_LOG_LEVEL=warning \
  "${clock[@]}" .venv/bin/workmate serve --migrate --demo
