"""stores/file_lock.py: one conversation at a time, within a process and
across processes, and a dead holder's lock is let go at once."""
from __future__ import annotations

import asyncio
import multiprocessing
import os
import time
from typing import Any

import pytest
from rasa.core.lock_store import LockStore
from rasa.utils.endpoints import EndpointConfig

from stores.file_lock import FileLockStore
from tests.lock_checks import most_at_once


def test_rasa_makes_it_from_the_endpoints_file(tmp_path):
    store = LockStore.create(EndpointConfig(type="stores.file_lock.FileLockStore",
                                            path=str(tmp_path / "locks"), stripes=8))
    assert isinstance(store, FileLockStore) and store.stripes == 8
    assert (tmp_path / "locks").stat().st_mode & 0o777 == 0o700


def test_rasa_allows_several_workers_with_it():
    from rasa.core.utils import number_of_sanic_workers

    os.environ["SANIC_WORKERS"] = "2"
    try:
        endpoint = EndpointConfig(type="stores.file_lock.FileLockStore")
        assert number_of_sanic_workers(endpoint) == 2
    finally:
        del os.environ["SANIC_WORKERS"]


def test_no_stripes_is_refused(tmp_path):
    with pytest.raises(ValueError, match="stripe"):
        FileLockStore(path=str(tmp_path), stripes=-1)


def test_turns_of_one_conversation_in_one_process_do_not_overlap(tmp_path):
    most, order = asyncio.run(most_at_once([FileLockStore(path=str(tmp_path))],
                                           "patient-1", 5, 0.01))
    assert most == 1 and sorted(order) == list(range(5))


def test_other_conversations_do_not_wait(tmp_path):
    store = FileLockStore(path=str(tmp_path))
    ids = ["a", "b", "c", "d"]
    assert len({store.stripe(i) for i in ids}) == len(ids)

    async def turn(sender: str) -> None:
        async with store.lock(sender):
            await asyncio.sleep(0.2)

    async def main() -> float:
        start = time.monotonic()
        await asyncio.gather(*(turn(s) for s in ids))
        return time.monotonic() - start

    assert asyncio.run(main()) < 0.6  # at once, not one after another (0.8 s)


def _hold(folder: str, seconds: float, started) -> None:
    async def main() -> None:
        async with FileLockStore(path=folder).lock("patient-1"):
            started.set()
            await asyncio.sleep(seconds)

    asyncio.run(main())


def _waited(store: FileLockStore) -> float:
    async def main() -> float:
        start = time.monotonic()
        async with store.lock("patient-1"):
            return time.monotonic() - start

    return asyncio.run(main())


def _holder(target: Any, *args: Any) -> Any:
    """A forked process running ``target(*args, started)``, once it holds the lock."""
    fork = multiprocessing.get_context("fork")
    started = fork.Event()
    holder = fork.Process(target=target, args=(*args, started))
    holder.start()
    assert started.wait(10)
    return holder


def test_another_process_holding_the_conversation_makes_this_one_wait(tmp_path):
    holder = _holder(_hold, str(tmp_path), 0.5)
    assert _waited(FileLockStore(path=str(tmp_path))) >= 0.3
    holder.join(10)


def test_a_worker_forked_from_the_process_that_made_the_store_still_excludes(tmp_path):
    store = FileLockStore(path=str(tmp_path))
    _waited(store)  # opens the lock file before the fork, as a main process might

    def hold_with_inherited_store(started: Any) -> None:
        async def main() -> None:
            async with store.lock("patient-1"):
                started.set()
                await asyncio.sleep(0.5)

        asyncio.run(main())

    holder = _holder(hold_with_inherited_store)
    assert _waited(store) >= 0.3
    holder.join(10)


def test_a_dead_holders_lock_is_let_go_at_once(tmp_path):
    holder = _holder(_hold, str(tmp_path), 60)
    holder.kill()
    holder.join(10)
    assert _waited(FileLockStore(path=str(tmp_path))) < 1.0
