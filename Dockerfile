# Roadmap in production: the front-end assets are built in a Node stage, the app runs on a
# slim Python image as a non-root user. The entry point (deploy/entrypoint.sh, which CI runs
# outside a container) refuses with one line on a weak key or a database it cannot use,
# applies the migrations, then serves with gunicorn on port 8000.

FROM node:22-bookworm-slim AS assets
WORKDIR /src
RUN apt-get update && apt-get install -y --no-install-recommends make \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY Makefile ./
COPY assets ./assets
# npm ci has just made node_modules/.package-lock.json, so make only copies and builds.
RUN make assets


FROM python:3.11-slim-bookworm
# WeasyPrint's libraries and fonts for PDF reports; Chromium draws their charts
# (build with --build-arg CHROMIUM=0 for a smaller image whose PDFs say where a chart is missing).
ARG CHROMIUM=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-liberation \
       $( [ "$CHROMIUM" = 1 ] && echo chromium ) \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin roadmap

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    ROADMAP_BIND=0.0.0.0:8000
WORKDIR /app
# The locked versions, each checked against its hash, in a layer of their own.
COPY requirements.lock ./
RUN python -m venv /opt/venv \
    && pip install --no-cache-dir --require-hashes -r requirements.lock
COPY pyproject.toml ./
COPY roadmap ./roadmap
RUN pip install --no-cache-dir --no-deps -e . \
    && pybabel compile -f -d roadmap/translations
COPY config.py wsgi.py babel.cfg ./
COPY migrations ./migrations
COPY templates ./templates
COPY static ./static
COPY deploy ./deploy
COPY --from=assets /src/static/vendor ./static/vendor
# The instance folder (a named volume in compose.yaml) is the only place the app writes.
RUN mkdir -p instance && chown roadmap:roadmap instance

USER roadmap
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
ENTRYPOINT ["/app/deploy/entrypoint.sh"]
