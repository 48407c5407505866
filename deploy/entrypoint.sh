#!/bin/sh
# Start Roadmap in production: check and migrate (one line and exit 1 on a problem), then serve.
# With arguments, run them instead (a flask command in the container, say).
# Settings: DATABASE_URL, SECRET_KEY, ROADMAP_PROXY_HOPS; ROADMAP_BIND (default
# 127.0.0.1:8000), ROADMAP_WORKERS (default 2); GUNICORN_CMD_ARGS adds gunicorn options;
# ROADMAP_QUEUE_URL (the job queue; default a SQLite file in instance/). The background
# worker (`flask worker`) runs beside gunicorn unless ROADMAP_WORKER=0 (it runs elsewhere,
# e.g. the worker service of compose.yaml).
set -eu
cd "$(dirname "$0")/.."
if [ "$#" -gt 0 ]; then
  exec "$@"
fi
# Production settings whatever the shell says: the checks and the server must agree.
export ROADMAP_ENV=production
python -m roadmap.preflight
if [ "${ROADMAP_WORKER:-1}" = 0 ]; then
  set --
else
  set -- deploy/with-worker.sh
fi
# --preload imports the app once in the master, so a failing import stops here, not per worker.
exec "$@" gunicorn --preload \
  --bind "${ROADMAP_BIND:-127.0.0.1:8000}" \
  --workers "${ROADMAP_WORKERS:-2}" \
  --graceful-timeout 10 \
  wsgi:app
