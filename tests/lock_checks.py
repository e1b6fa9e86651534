"""What the lock store tests share: how many turns of one conversation were
ever inside its lock at once (stores/redis_lock.py, stores/file_lock.py)."""
from __future__ import annotations

import asyncio
from typing import Any, List, Sequence, Tuple


async def most_at_once(stores: Sequence[Any], conversation_id: str, turns: int,
                       pause: float) -> Tuple[int, List[int]]:
    """Run ``turns`` turns at once, taking turns between ``stores``; return
    the most that held the lock together and the turns in the order they ran."""
    inside, most, order = 0, 0, []

    async def turn(n: int) -> None:
        nonlocal inside, most
        async with stores[n % len(stores)].lock(conversation_id):
            inside += 1
            most = max(most, inside)
            await asyncio.sleep(pause)
            order.append(n)
            inside -= 1

    await asyncio.gather(*(turn(n) for n in range(turns)))
    return most, order
