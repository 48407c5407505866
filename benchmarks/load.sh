#!/usr/bin/env bash
# Load test: gunicorn on 127.0.0.1 with the demo project, wrk against three pages, logged in.
# Usage: benchmarks/load.sh [duration=30s] [connections=32]   (loopback only, bounded)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-30s}
CONNECTIONS=${2:-32}
WORKERS=${WORKERS:-4}
BIN=.venv/bin
WORK=$(mktemp -d)
PORT=$($BIN/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
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
for _ in $(seq 100); do curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

# Log in like a browser: fetch the form, take its CSRF token, post it with the cookie jar.
JAR="$WORK/cookies.txt"
TOKEN=$(curl -fsS -c "$JAR" -b "$JAR" "$BASE/login" | sed -n 's/.*name="csrf_token"[^>]*value="\([^"]*\)".*/\1/p' | head -1)
STATUS=$(curl -sS -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" --data-urlencode "email=$EMAIL" \
  --data-urlencode "password=$PASSWORD" --data-urlencode "csrf_token=$TOKEN" "$BASE/login")
[[ "$STATUS" == 302 ]] || { echo "login failed ($STATUS)" >&2; exit 1; }
COOKIE=$(awk '$6 == "session" {print $7}' "$JAR")
# Warm every page once (per-process figure caches) and check it answers 200 before measuring.
for path in / /gantt /reports/2026-07; do
  code=$(curl -sS -o /dev/null -w '%{http_code}' -b "session=$COOKIE" "$BASE$path")
  echo "warm-up $path -> $code"
done

cat > "$WORK/report.lua" <<'LUA'
-- Count every answer that is not 2xx (wrk itself only counts >= 400), per thread.
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function(args) non2xx = 0 end
response = function(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
done = function(summary, latency, requests)
  local non2xx = 0
  for _, thread in ipairs(threads) do non2xx = non2xx + thread:get("non2xx") end
  io.write(string.format("  requests/s: %.1f   requests: %d   non-2xx: %d   socket errors: %d\n",
    summary.requests / (summary.duration / 1e6), summary.requests, non2xx,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("  latency p%-5s %8.1f ms\n", tostring(p), latency:percentile(p) / 1000))
  end
  io.write(string.format("  latency max    %8.1f ms\n", latency.max / 1000))
end
LUA

echo "gunicorn: $WORKERS workers, SQLite, demo project; wrk: $DURATION, $CONNECTIONS connections, 2 threads"
for path in / /gantt /reports/2026-07; do
  echo "== $path"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -H "Cookie: session=$COOKIE" -s "$WORK/report.lua" "$BASE$path" \
    | sed -n '/requests\/s:/,$p'
done
if grep -q "Traceback\|database is locked\|database unavailable\|WORKER TIMEOUT" "$WORK/gunicorn.log"; then
  echo "server errors logged:"; grep -m5 "Traceback\|locked\|unavailable\|TIMEOUT" "$WORK/gunicorn.log"; exit 1
fi
