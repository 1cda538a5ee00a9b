#!/usr/bin/env bash
# Browser end-to-end tests: a fresh Workmate with demo data on $E2E_PORT (default 8765), then
# Playwright. E2E_CLOCK_START starts the server's clock at that instant (the browser tests set
# the browser's clock from the server's, see ui/e2e/helpers.ts); E2E_GREP runs only the tests
# whose title matches (e.g. @dates).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${E2E_PORT:-8765}"
DATA_DIR="var/e2e"
rm -rf "$DATA_DIR"
mkdir -p artifacts
log="artifacts/e2e-server${E2E_CLOCK_START:+-at-$E2E_CLOCK_START}.log"
clock=()
if [ -n "${E2E_CLOCK_START:-}" ]; then clock=(WORKMATE_CLOCK_START="$E2E_CLOCK_START"); fi
env WORKMATE_DATA_DIR="$DATA_DIR" WORKMATE_PORT="$PORT" WORKMATE_LOG_LEVEL=warning "${clock[@]}" \
  .venv/bin/workmate serve --migrate --demo >"$log" 2>&1 &
server=$!
cleanup() { kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap cleanup EXIT
# Up to 3 minutes: a cold database, migrations and the demo company on a busy 2-core machine.
for _ in $(seq 1 360); do
  if curl -fs "http://127.0.0.1:$PORT/api/v1/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then cat "$log"; exit 1; fi
  sleep 0.5
done
curl -fs "http://127.0.0.1:$PORT/api/v1/ready" >/dev/null || { cat "$log"; exit 1; }
cd ui
if [ -n "${E2E_GREP:-}" ]; then
  E2E_BASE_URL="http://127.0.0.1:$PORT" npm run e2e --silent -- --grep "$E2E_GREP"
else
  E2E_BASE_URL="http://127.0.0.1:$PORT" npm run e2e --silent
fi
