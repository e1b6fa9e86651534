"""A Redis lock store whose lock really excludes, across Rasa servers.

Rasa 3.6's ``RedisLockStore`` keeps a "ticket lock" as one JSON value that it
reads, changes and writes back without a transaction. When two Rasa servers
take a ticket for one conversation at the same moment, both read the same
value, both get the same ticket, and both handle a message at once: the one
that saves last overwrites the other's turn (seen in tests/scale/test_scale.py:
three messages sent at once, all three answered, two stored).

Here the lock is one Redis key taken with ``SET NX PX`` (atomic), holding a
random token; only the holder, proven by that token, extends it (every third
of its lifetime while the turn runs) or releases it, by a Lua script. If a
Rasa server dies holding it, the key lapses after ``TICKET_LOCK_LIFETIME``
seconds (default here 10) and the conversation goes on elsewhere. Waiters
poll every 20 ms; messages sent at the same instant have no order anyway.
If Redis is down, taking the lock raises and the channel answers with its
"something went wrong" apology (channels/contract.py).

endpoints-scaled.yml: ``lock_store: {type: stores.redis_lock.AtomicRedisLockStore, ...}``.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
from typing import Any, AsyncGenerator, Optional, Text

from rasa.core.lock_store import LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)
DEFAULT_LIFETIME_S = 10.0
POLL_S = 0.02
WAIT_LIMIT_S = 120.0  # a message waiting longer than this for its turn is answered with an error

_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) " \
           "else return 0 end"
_EXTEND = "if redis.call('get', KEYS[1]) == ARGV[1] then " \
          "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end"


def lifetime_seconds() -> float:
    try:
        value = float(os.environ.get("TICKET_LOCK_LIFETIME") or DEFAULT_LIFETIME_S)
    except ValueError:
        value = DEFAULT_LIFETIME_S
    return value if value > 0 else DEFAULT_LIFETIME_S


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's Redis lock store with an atomic, token-checked lock per conversation."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        if endpoint_config is not None:
            kwargs = {**endpoint_config.kwargs, **kwargs}
            kwargs.setdefault("host", endpoint_config.url or "localhost")
        kwargs.pop("type", None)
        for key in ("port", "db"):
            if kwargs.get(key) not in (None, ""):
                kwargs[key] = int(kwargs[key])
        if not kwargs.get("password"):
            kwargs.pop("password", None)
        super().__init__(**kwargs)
        self._release = self.red.register_script(_RELEASE)
        self._extend = self.red.register_script(_EXTEND)

    def _key(self, conversation_id: Text) -> str:
        return f"{self.key_prefix}mutex:{conversation_id}"

    @contextlib.asynccontextmanager
    async def lock(self, conversation_id: Text, lock_lifetime: float = 0,
                   wait_time_in_seconds: float = POLL_S) -> AsyncGenerator[None, None]:
        """Hold the conversation's lock for the body; FIFO is not promised.
        ``lock_lifetime`` and ``wait_time_in_seconds`` (Rasa's signature) are
        not used: see the module's docstring."""
        key, token = self._key(conversation_id), secrets.token_hex(16)
        lifetime_ms = int(lifetime_seconds() * 1000)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WAIT_LIMIT_S
        while not self.red.set(key, token, nx=True, px=lifetime_ms):
            if loop.time() > deadline:
                raise LockError(f"waited {WAIT_LIMIT_S:.0f} s for a conversation's lock")
            await asyncio.sleep(POLL_S)
        keeper = asyncio.ensure_future(self._keep(key, token, lifetime_ms))
        try:
            yield None
        finally:
            keeper.cancel()
            try:
                self._release(keys=[key], args=[token])
            except Exception:  # noqa: BLE001 - the key lapses on its own
                logger.warning("lock store: could not release a lock; it lapses in %.0f s",
                               lifetime_ms / 1000)

    async def _keep(self, key: str, token: str, lifetime_ms: int) -> None:
        """Extend the lock while the turn runs, so a slow turn keeps it."""
        while True:
            await asyncio.sleep(lifetime_ms / 3000)
            try:
                if not self._extend(keys=[key], args=[token, lifetime_ms]):
                    logger.warning("lock store: a turn outlived its lock")
                    return
            except Exception:  # noqa: BLE001 - Redis away: the turn will fail to save or not
                return

