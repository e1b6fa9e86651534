"""stores/: the tracker store reports a broken database to the channel without
the person's words; the Redis lock excludes for real (needs redis-server,
so it runs in make test-scale)."""
from __future__ import annotations

import asyncio
import logging
import shutil
import time

import pytest
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from stores.sql import CheckedSQLTrackerStore, StoreUnavailable

WORDS = "my husband Derek has a fever tonight"


def _store(tmp_path) -> CheckedSQLTrackerStore:
    return CheckedSQLTrackerStore(domain=Domain.empty(), dialect="sqlite",
                                  db=str(tmp_path / "t.db"))


def test_a_working_database_stores_and_reads_back(tmp_path):
    store = _store(tmp_path)
    tracker = DialogueStateTracker.from_events("s1", [UserUttered(WORDS)])
    asyncio.run(store.save(tracker))
    back = asyncio.run(store.retrieve("s1"))
    assert back is not None and back.latest_message.text == WORDS


def test_a_broken_database_raises_past_rasas_fail_safe_wrapper_and_logs_no_words(
        tmp_path, caplog):
    store = _store(tmp_path)
    asyncio.run(store.save(DialogueStateTracker.from_events("s1", [UserUttered(WORDS)])))
    store.engine.dispose()
    (tmp_path / "t.db").write_bytes(b"this is not a database" * 100)
    wrapped = FailSafeTrackerStore(store)  # what Rasa's Agent puts around every store
    caplog.set_level(logging.DEBUG)
    with pytest.raises(StoreUnavailable):
        asyncio.run(wrapped.retrieve("s1"))
    with pytest.raises(StoreUnavailable):
        asyncio.run(wrapped.save(DialogueStateTracker.from_events("s1", [UserUttered(WORDS)])))
    assert "could not read the conversation" in caplog.text
    assert "Derek" not in caplog.text and "fever" not in caplog.text


def test_an_empty_password_setting_means_none(tmp_path):
    store = CheckedSQLTrackerStore(domain=Domain.empty(), dialect="sqlite",
                                   db=str(tmp_path / "t.db"), password="")
    assert store.engine.url.password is None


@pytest.fixture
def redis_port(tmp_path):
    if not shutil.which("redis-server"):
        pytest.fail("redis-server is not installed (make setup-scaled)")
    from scripts.stack import Redis, service_port

    redis = Redis(tmp_path, service_port())
    redis.start()
    yield redis.port
    redis.stop()


@pytest.mark.e2e
@pytest.mark.scale
def test_the_redis_lock_lets_one_holder_in_at_a_time_across_two_stores(redis_port,
                                                                       monkeypatch):
    from stores.redis_lock import AtomicRedisLockStore

    monkeypatch.setenv("TICKET_LOCK_LIFETIME", "2")
    a = AtomicRedisLockStore(host="127.0.0.1", port=str(redis_port), db="1", password="")
    b = AtomicRedisLockStore(host="127.0.0.1", port=redis_port, db=1)
    inside, most, order = 0, 0, []

    async def turn(store, name):
        nonlocal inside, most
        async with store.lock("conv-1"):
            inside += 1
            most = max(most, inside)
            await asyncio.sleep(0.05)
            order.append(name)
            inside -= 1

    async def main():
        await asyncio.gather(*[turn(a if i % 2 else b, i) for i in range(10)])
        # A holder that outlives the lifetime keeps the lock (it is extended).
        async with a.lock("conv-2"):
            await asyncio.sleep(2.5)
            assert a.red.get(f"{a.key_prefix}mutex:conv-2") is not None

    asyncio.run(main())
    assert most == 1 and sorted(order) == list(range(10))
    assert not a.red.keys("*mutex*")  # every lock released


@pytest.mark.e2e
@pytest.mark.scale
def test_a_lock_left_by_a_dead_server_lapses(redis_port, monkeypatch):
    from stores.redis_lock import AtomicRedisLockStore

    monkeypatch.setenv("TICKET_LOCK_LIFETIME", "1")
    store = AtomicRedisLockStore(host="127.0.0.1", port=redis_port, db=1)
    store.red.set(f"{store.key_prefix}mutex:conv-3", "dead-server", px=1000)
    start = time.monotonic()

    async def main():
        async with store.lock("conv-3"):
            pass

    asyncio.run(main())
    assert 0.5 < time.monotonic() - start < 3
