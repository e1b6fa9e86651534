"""stores/redis_lock.py: the Redis lock excludes for real (needs redis-server,
so it runs in make test-scale)."""
from __future__ import annotations

import asyncio
import shutil
import time

import pytest

from tests.lock_checks import most_at_once


@pytest.fixture
def redis_port(tmp_path):
    if not shutil.which("redis-server"):
        pytest.fail("redis-server is not installed (make setup-scaled)")
    from ops.stack import Redis, service_port

    redis = Redis(tmp_path, service_port())
    redis.start()
    yield redis.port
    redis.stop()


@pytest.mark.e2e
def test_the_redis_lock_lets_one_holder_in_at_a_time_across_two_stores(redis_port,
                                                                       monkeypatch):
    from stores.redis_lock import AtomicRedisLockStore

    monkeypatch.setenv("TICKET_LOCK_LIFETIME", "2")
    a = AtomicRedisLockStore(host="127.0.0.1", port=str(redis_port), db="1", password="")
    b = AtomicRedisLockStore(host="127.0.0.1", port=redis_port, db=1)
    async def main():
        result = await most_at_once([b, a], "conv-1", 10, 0.05)
        # A holder that outlives the lifetime keeps the lock (it is extended).
        async with a.lock("conv-2"):
            await asyncio.sleep(2.5)
            assert a.red.get(f"{a.key_prefix}mutex:conv-2") is not None
        return result

    most, order = asyncio.run(main())
    assert most == 1 and sorted(order) == list(range(10))
    assert not a.red.keys("*mutex*")  # every lock released


@pytest.mark.e2e
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
