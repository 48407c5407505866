"""The one cache of what is expensive to build: pages, figures, report contents, feeds.

Flask-Caching holds it: an in-process SimpleCache by default (each worker keeps its
own, nothing to run), Redis when ROADMAP_CACHE_URL is set (one copy for every worker
and host). What depends on project data is keyed on the data version and the
language (`cached`), so a change committed by any process is seen at the next
request and nothing is ever deleted: old entries age out (SimpleCache drops the
oldest past CACHE_THRESHOLD entries, Redis after CACHE_DEFAULT_TIMEOUT). The backend
stores values pickled, so every caller gets its own copy to change as it likes.
"""

import hashlib
from collections.abc import Callable, Iterable

from flask import current_app, has_request_context
from flask_babel import get_locale
from flask_caching import Cache

from roadmap.data_version import data_version

cache = Cache()


def init_cache(app) -> None:
    """Bind the cache: Redis when ROADMAP_CACHE_URL names one, else in this process."""
    url = app.config.get("ROADMAP_CACHE_URL")
    if url:
        app.config["CACHE_TYPE"] = "RedisCache"
        app.config["CACHE_REDIS_URL"] = url
    cache.init_app(app)


def key_of(what: str, *parts) -> str:
    """Return the cache key of `what` for those parts (any values with a stable repr)."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"{what}:{digest}"


def language() -> str:
    """Return the language this request is answered in (the default outside a request)."""
    if has_request_context():
        return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def cached(what: str, build: Callable[[], object], *parts):
    """Return `what` for (parts, data version, language), building and keeping it on a miss.

    Two requests missing the same key both build it (harmless). A build that returns
    None is not kept.
    """
    return kept(key_of(what, data_version(), language(), *parts), build)


def kept(key: str, build: Callable[[], object]):
    """Return the value kept under a key, building and keeping it on a miss."""
    found = cache.get(key)
    if found is None:
        found = build()
        if found is not None:
            cache.set(key, found)
    return found


def kept_many(keys: Iterable[str]) -> dict:
    """Return the values kept under those keys, by key (missing keys are left out)."""
    keys = list(keys)
    return {k: v for k, v in zip(keys, cache.get_many(*keys), strict=True) if v is not None}


def keep(key: str, value) -> None:
    """Keep a value under a key."""
    cache.set(key, value)


def fetch(key: str):
    """Return the value kept under a key, or None."""
    return cache.get(key)
