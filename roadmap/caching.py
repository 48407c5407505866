"""Per-process caches of what is expensive to build and changes rarely.

Each cache lives in the app (so every test app starts empty), is bounded (least
recently used entries go first) and is keyed by its caller on the data version,
so a change committed by any process is seen at the next request. Nothing is
shared between processes: several workers each keep their own copy.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import current_app

_lock = threading.Lock()


class Bounded(OrderedDict):
    """Entries with a cost each, most recently used last; the oldest go past a budget."""

    def __init__(self):
        super().__init__()
        self.costs: dict = {}

    def fetch(self, key: Hashable):
        """Return the entry of key (now the most recent), or None."""
        with _lock:
            if key not in self:
                return None
            self.move_to_end(key)
            return self[key]

    def keep(self, key: Hashable, value, cost: int, budget: int) -> None:
        """Store an entry, then drop the least recently used until the total fits the budget."""
        with _lock:
            self[key] = value
            self.move_to_end(key)
            self.costs[key] = cost
            while sum(self.costs.values()) > budget and len(self) > 1:
                oldest, _value = self.popitem(last=False)
                del self.costs[oldest]


def cache(name: str) -> Bounded:
    """Return the app's cache of that name."""
    return current_app.extensions.setdefault(name, Bounded())


def memoised(
    name: str,
    key: Hashable,
    build: Callable[[], object],
    size: int = 16,
    weigh: Callable[[object], int] | None = None,
):
    """Return the cached value of key in the named cache, building and storing it on a miss.

    The cache holds `size` entries, or with `weigh` (an entry's size, e.g. in bytes) entries
    weighing `size` in all. The value is shared by every request that finds it: callers
    that change what they get must copy it first. Two threads missing the same key both
    build it (harmless).
    """
    entries = cache(name)
    found = entries.fetch(key)
    if found is None:
        found = build()
        entries.keep(key, found, weigh(found) if weigh else 1, size)
    return found
