#!/bin/sh
# Run a command (the web server) with `flask worker` beside it; stop both together.
# Ctrl-C or SIGTERM reaches both: the worker finishes the job in hand, then exits.
# ROADMAP_WORKER_THREADS sets the worker's threads (default 1).
set -eu
flask --app wsgi worker --threads "${ROADMAP_WORKER_THREADS:-1}" &
worker=$!
"$@" &
server=$!
stop() {
  kill -INT "$worker" 2>/dev/null || true
  kill -TERM "$server" 2>/dev/null || true
}
trap stop INT TERM
# Returns when the server exits, or when a signal runs the trap (then wait again).
wait "$server" || true
stop
wait "$server" 2>/dev/null || true
wait "$worker" 2>/dev/null || true
