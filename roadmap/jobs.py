"""The background queue: slow work (report files, mail) runs in `flask worker`, never in a request.

Huey carries the jobs: on a SQLite file in the instance folder by default (nothing else
to run), on Redis when ROADMAP_QUEUE_URL names one (`redis://host:6379/0`, shared by
every host), in memory for `memory://` (one process: tests). ROADMAP_QUEUE_IMMEDIATE
runs each job at once, inside the call that enqueues it (the test suite).

A feature declares its jobs at import, before any queue exists:

    from roadmap import jobs

    @jobs.job
    def build_file(build_id):        # runs in the worker, inside an app context
        ...

    jobs.enqueue(build_file, build.id)   # after the commit of what it reads

and a job that runs on a schedule with a Huey crontab (the worker's scheduler
enqueues it; arguments none):

    from huey import crontab

    @jobs.periodic(crontab(day_of_week="1", hour="6", minute="0"))
    def weekly_digest():
        ...

The app's Huey is made on first use (the SQLite file is created then), not in
create_app: nothing slow or with side effects happens at import or in the factory.
"""

import functools
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

# Imported here, not on first use: a server that preloads the app (gunicorn --preload)
# imports it once, before its workers fork, so no request pays for it.
from huey import MemoryHuey, PriorityRedisHuey, SqliteHuey
from redis import RedisError

from roadmap.command_line import Command

EXTENSION = "roadmap_queue"
# How the queue's stores fail when they cannot be reached or written.
STORE_ERRORS = (RedisError, sqlite3.Error, OSError)


class QueueUnavailable(Exception):
    """The job could not be put on the queue: its server or file cannot be reached."""


class Registry:
    """The jobs features declare, registered on each app's Huey when it is made."""

    def __init__(self):
        self.jobs: dict[str, Callable] = {}
        self.schedules: dict[str, object] = {}

    def job(self, fn: Callable) -> Callable:
        """Declare fn a job; it is called as it is, the worker calls it by name."""
        self.jobs[name_of(fn)] = fn
        return fn

    def periodic(self, schedule) -> Callable:
        """Declare a job the worker runs whenever schedule(datetime) is true (a Huey crontab)."""

        def declare(fn: Callable) -> Callable:
            self.schedules[name_of(fn)] = schedule
            return self.job(fn)

        return declare


registry = Registry()
job = registry.job
periodic = registry.periodic


def name_of(fn: Callable) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def make_huey(config, instance_path: str):
    """Return the Huey the configuration names (a SQLite file, Redis or memory)."""
    url = config.get("ROADMAP_QUEUE_URL") or ""
    immediate = bool(config.get("ROADMAP_QUEUE_IMMEDIATE"))
    options = {"name": "roadmap", "results": False, "immediate": immediate, "utc": True}
    if url.startswith(("redis://", "rediss://", "unix://")):
        huey = PriorityRedisHuey(url=url, **options)
    elif url == "memory://" or immediate:
        huey = MemoryHuey(**options)
    elif url and not url.startswith("sqlite:///"):
        raise ValueError(f"ROADMAP_QUEUE_URL must be redis://… or sqlite:///…, not {url!r}.")
    else:
        path = Path(url.removeprefix("sqlite:///") or Path(instance_path) / "queue.sqlite")
        path.parent.mkdir(parents=True, exist_ok=True)
        huey = SqliteHuey(filename=str(path), **options)
    return huey


def register_jobs(huey, app: Flask, jobs: Registry = registry) -> dict:
    """Register each declared job on huey, run inside an app context; return {name: task}."""
    tasks = {}
    for name, fn in jobs.jobs.items():
        run = in_app(app, fn)
        schedule = jobs.schedules.get(name)
        if schedule is None:
            tasks[name] = huey.task()(run)
        else:
            tasks[name] = huey.periodic_task(schedule)(run)
    return tasks


def in_app(app: Flask, fn: Callable) -> Callable:
    """Return fn run inside an app context of its own (a worker thread has none)."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        with app.app_context():
            return fn(*args, **kwargs)

    return run


class Queue:
    """An app's Huey, made on first use (once per process, whichever thread asks first)."""

    def __init__(self, app: Flask, jobs: Registry = registry):
        self.app = app
        self.jobs = jobs
        self._huey = None
        self.tasks: dict = {}
        self._lock = threading.Lock()

    @property
    def huey(self):
        if self._huey is None:
            with self._lock:
                if self._huey is None:
                    huey = make_huey(self.app.config, self.app.instance_path)
                    self.tasks = register_jobs(huey, self.app, self.jobs)
                    self._huey = huey
        return self._huey

    def enqueue(self, fn: Callable, *args) -> None:
        """Put a declared job on the queue (in immediate mode: run it now).

        Raises QueueUnavailable when the queue's store cannot take it.
        """
        try:
            huey = self.huey
        except STORE_ERRORS as error:  # the SQLite file's folder cannot be made
            raise QueueUnavailable(unreachable(self.app.config, error)) from error
        if huey.immediate:  # the job runs here: its own errors are not the queue's
            self.tasks[name_of(fn)](*args)
            return
        try:
            self.tasks[name_of(fn)](*args)
        except STORE_ERRORS as error:
            raise QueueUnavailable(unreachable(self.app.config, error)) from error


def init_app(app: Flask) -> None:
    """Give the app its queue; nothing is opened until a job is enqueued or a worker starts."""
    app.extensions[EXTENSION] = Queue(app)


def current_queue() -> Queue:
    """Return the current app's queue."""
    return current_app.extensions[EXTENSION]


def enqueue(fn: Callable, *args) -> None:
    """Put a declared job on the queue; call it after the commit of what the job reads."""
    current_queue().enqueue(fn, *args)


@click.command("worker", cls=Command)
@click.option("--threads", type=click.IntRange(1, 16), default=1, show_default=True)
@with_appcontext
def worker(threads):
    """Run the background jobs (report files, periodic jobs) until Ctrl-C."""
    import logging

    queue = current_queue()
    if queue.huey.immediate or isinstance(queue.huey, MemoryHuey):
        raise click.ClickException(
            "This configuration runs jobs in-process (memory queue); a worker has nothing to do."
        )
    huey_log = logging.getLogger("huey")
    if not huey_log.handlers:  # the consumer's start, stop and failures, on standard error
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        huey_log.addHandler(handler)
        huey_log.setLevel(logging.INFO)
    click.echo(f"Worker on {describe(current_app.config)} with {threads} thread(s).")
    # Ctrl-C (SIGINT) lets the job in hand finish; SIGTERM stops at once.
    queue.huey.create_consumer(workers=threads, worker_type="thread", periodic=True).run()


def unreachable(config, error: Exception) -> str:
    return f"The job queue ({describe(config)}) cannot be reached: {error}"


def queue_problems(config, instance_path: str) -> list[str]:
    """Say why the job queue cannot take jobs (for `flask check`), or nothing."""
    url = config.get("ROADMAP_QUEUE_URL") or ""
    if config.get("ROADMAP_QUEUE_IMMEDIATE") or url == "memory://":
        return []
    try:
        if url.startswith(("redis://", "rediss://", "unix://")):
            import redis

            # A short timeout: a firewalled host would otherwise hold the check for minutes.
            redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3).ping()
        else:
            make_huey(config, instance_path).pending_count()
    except ValueError as error:
        return [str(error)]
    except STORE_ERRORS as error:
        return [unreachable(config, error) + ": report files cannot be built."]
    return []


def describe(config) -> str:
    """Say where the queue is, without a password."""
    url = config.get("ROADMAP_QUEUE_URL") or "the SQLite file in the instance folder"
    if "@" in url:
        scheme, _sep, rest = url.partition("://")
        url = f"{scheme}://…@{rest.rpartition('@')[2]}"
    return url
