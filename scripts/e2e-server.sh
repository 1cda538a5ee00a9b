#!/usr/bin/env bash
# Start a fresh Workmate with demo data on port 8765 in the foreground (used by Playwright's
# webServer when e2e tests are run by hand: `cd ui && npm run e2e`).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf var/e2e
exec env WORKMATE_DATA_DIR=var/e2e WORKMATE_PORT="${E2E_PORT:-8765}" WORKMATE_LOG_LEVEL=warning \
  .venv/bin/workmate serve --migrate --demo
