#!/usr/bin/env bash
# Browser end-to-end tests: a fresh Workmate with demo data on port 8765, then Playwright.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${E2E_PORT:-8765}"
DATA_DIR="var/e2e"
rm -rf "$DATA_DIR"
mkdir -p artifacts
WORKMATE_DATA_DIR="$DATA_DIR" WORKMATE_PORT="$PORT" WORKMATE_LOG_LEVEL=warning \
  .venv/bin/workmate serve --migrate --demo >artifacts/e2e-server.log 2>&1 &
server=$!
cleanup() { kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$PORT/api/v1/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then cat artifacts/e2e-server.log; exit 1; fi
  sleep 0.5
done
curl -fs "http://127.0.0.1:$PORT/api/v1/ready" >/dev/null || { cat artifacts/e2e-server.log; exit 1; }
cd ui && E2E_BASE_URL="http://127.0.0.1:$PORT" npm run e2e --silent
