"""One conversation at a time, across the Rasa processes of one machine.

Rasa's default lock store keeps its locks in the memory of one process, so
Rasa refuses to start more than one worker with it (``SANIC_WORKERS``). The
Redis lock store (stores/redis_lock.py) works across machines but needs a
Redis server. On one machine the kernel can do it: each conversation maps to
one of ``stripes`` lock files (by a hash of its id), held with ``flock``
while its message is handled. The kernel lets go of a dead process's locks at
once, so nothing lapses or waits for a timeout. Two conversations that share
a stripe wait for each other for one turn (with 1,024 stripes and 20 people
at once, about one message in a hundred waits).

Within a process an asyncio lock per stripe queues the waiters; across
processes waiters poll every 5 ms. A message waiting longer than
``WAIT_LIMIT_S`` gets the channel's "something went wrong" apology.

endpoints.yml: ``lock_store: {type: stores.file_lock.FileLockStore, path: var/locks}``.
"""
from __future__ import annotations

import asyncio
import contextlib
import fcntl
import hashlib
import os
from pathlib import Path
from typing import Any, AsyncGenerator, Dict, Optional, Text

from rasa.core.lock_store import LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

DEFAULT_PATH = "var/locks"
DEFAULT_STRIPES = 1024
POLL_S = 0.005
WAIT_LIMIT_S = 120.0


class FileLockStore(LockStore):
    """Per-conversation locks held with ``flock`` on striped lock files."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None,
                 path: Optional[str] = None, stripes: Optional[int] = None) -> None:
        settings: Dict[str, Any] = dict(endpoint_config.kwargs) if endpoint_config else {}
        self.folder = Path(path or settings.get("path") or DEFAULT_PATH)
        self.stripes = int(stripes or settings.get("stripes") or DEFAULT_STRIPES)
        if self.stripes < 1:
            raise ValueError("a file lock store needs at least one stripe")
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._files: Dict[int, int] = {}
        self._queues: Dict[int, asyncio.Lock] = {}
        self._pid = os.getpid()

    def stripe(self, conversation_id: Text) -> int:
        digest = hashlib.sha256(conversation_id.encode("utf-8", "surrogatepass")).digest()
        return int.from_bytes(digest[:8], "big") % self.stripes

    def _file(self, stripe: int) -> int:
        """This process's own open lock file (a forked worker opens its own:
        locks on a descriptor shared across a fork would not exclude)."""
        if os.getpid() != self._pid:
            self._files, self._queues, self._pid = {}, {}, os.getpid()
        fd = self._files.get(stripe)
        if fd is None:
            fd = os.open(self.folder / f"{stripe:04d}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            self._files[stripe] = fd
        return fd

    @contextlib.asynccontextmanager
    async def lock(self, conversation_id: Text, lock_lifetime: float = 0,
                   wait_time_in_seconds: float = POLL_S) -> AsyncGenerator[None, None]:
        """Hold the conversation's lock for the body (Rasa's signature; the
        lifetime is not needed: a dead holder's lock goes with it)."""
        stripe = self.stripe(conversation_id)
        fd = self._file(stripe)
        queue = self._queues.setdefault(stripe, asyncio.Lock())
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WAIT_LIMIT_S
        async with queue:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if loop.time() > deadline:
                        raise LockError(
                            f"waited {WAIT_LIMIT_S:.0f} s for a conversation's lock") from None
                    await asyncio.sleep(POLL_S)
            try:
                yield None
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
