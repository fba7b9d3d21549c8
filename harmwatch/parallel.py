"""Work over a pool of forked processes, results in input order (extraction's ``n_process``
and the ingest pipeline's worker mapper share it)."""
from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def ordered_map(fn: Callable[..., R], items: Iterable[T], processes: int, *args: Any) -> Iterator[R]:
    """``fn(item, *args)`` for each item in ``processes`` workers, yielded in input order, at
    most two items a worker in flight (so a stream is read a few items ahead, not all at once).
    Workers are forked where the platform allows: what the parent loaded (the spaCy model) is
    shared copy-on-write."""
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context(method)) as pool:
        pending: deque[Future] = deque()
        for item in items:
            pending.append(pool.submit(fn, item, *args))
            if len(pending) >= 2 * processes:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


__all__ = ["ordered_map"]
