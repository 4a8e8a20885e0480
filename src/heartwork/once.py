"""``built_once``: functools.cache for the lazily built pattern tables, safe with threads.

functools.cache does not stop two threads from running a builder at the same time: each
gets its own result and either one may end up cached. For the safety scanner and the coach
that is not harmless. Their tables are built from one another (the scanner's pattern index
from its signal families; the cue lists from the signals), and a scan asks "is this
pattern one of the index's?" by identity. Two first requests in a fresh gthread worker
once left the index built from one thread's families and the cached families from the
other's: nothing ever matched, and that process read "he said he would kill me" as green
for good. Here a builder runs once per arguments; every other thread waits for it.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Hashable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


def built_once(builder: Callable[P, T]) -> Callable[P, T]:
    # Re-entrant: a builder may ask for itself with other arguments. Builders call each
    # other in one direction only (tables from files, indexes from tables), so the locks of
    # different builders are always taken in the same order and cannot deadlock.
    lock = threading.RLock()
    built: dict[Hashable, T] = {}

    @functools.wraps(builder)
    def get(*args: P.args, **kwargs: P.kwargs) -> T:
        key = (args, tuple(sorted(kwargs.items())))
        try:
            return built[key]  # the common case, once built: no lock
        except KeyError:
            pass
        with lock:
            if key not in built:
                built[key] = builder(*args, **kwargs)
            return built[key]

    return get
