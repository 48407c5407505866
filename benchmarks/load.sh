#!/usr/bin/env bash
# Load test: gunicorn on 127.0.0.1 with the demo project, wrk against three pages, logged in.
# Usage: benchmarks/load.sh [duration=30s] [connections=32]   (loopback only, bounded)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-30s}
CONNECTIONS=${2:-32}
WORKERS=${WORKERS:-4}
source benchmarks/common.sh
WORK=$(mktemp -d)
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
export ROADMAP_ENV=development DATABASE_URL="sqlite:///$WORK/load.sqlite" CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
GUNICORN_PID=""
cleanup() {
  if [[ -n "$GUNICORN_PID" ]]; then kill -INT "$GUNICORN_PID" 2>/dev/null || true; wait "$GUNICORN_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

$BIN/flask --app wsgi db upgrade >/dev/null 2>&1 || $BIN/python -c 'from wsgi import app; from roadmap.extensions import db; app.app_context().push(); db.create_all()'
$BIN/flask --app wsgi seed-demo > "$WORK/seed.txt"
read -r EMAIL PASSWORD < <(awk '/ \/ manager$/ {print $1, $3; exit}' "$WORK/seed.txt")

$BIN/gunicorn --workers "$WORKERS" --bind "127.0.0.1:$PORT" --preload --log-level warning wsgi:app >"$WORK/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
wait_until_up "$BASE/healthz"

COOKIE=$(login_cookie "$BASE" "$WORK/cookies.txt" "$EMAIL" "$PASSWORD")
# Warm every page once (per-process figure caches) and check it answers 200 before measuring.
for path in / /gantt /reports/2026-07; do
  code=$(curl -sS -o /dev/null -w '%{http_code}' -b "session=$COOKIE" "$BASE$path")
  echo "warm-up $path -> $code"
done

echo "gunicorn: $WORKERS workers, SQLite, demo project; wrk: $DURATION, $CONNECTIONS connections, 2 threads"
for path in / /gantt /reports/2026-07; do
  echo "== $path"
  # One line: requests/s, latency percentiles and max in ms, requests, non-2xx, socket errors.
  ROADMAP_COOKIE=$COOKIE wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s \
    -s benchmarks/session.lua "$BASE$path" | grep '^rps='
done
if grep -q "Traceback\|database is locked\|database unavailable\|WORKER TIMEOUT" "$WORK/gunicorn.log"; then
  echo "server errors logged:"; grep -m5 "Traceback\|locked\|unavailable\|TIMEOUT" "$WORK/gunicorn.log"; exit 1
fi
