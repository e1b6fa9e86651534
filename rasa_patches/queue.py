"""The "queue" patch: a Rasa process works on a few messages at a time.

Rasa: a Rasa process works on every message that has arrived at once, each a
little at a time between its calls to the action server, so under load a
message that needs three calls (a profile) waits through three times as many
rounds as one that needs one: at 20 people at once its p95 was twice the
others'.

Here: a process works on ``MESSAGES_AT_ONCE`` (default 3) at a time and the
rest wait their turn in order of arrival (a message that has waited 5 s goes
on beside them, as before, so an action server that hangs cannot hold up a
red flag longer than that).

Same result: the same work in a steadier order, so the slowest answers come
sooner. It is the one patch that changes when, not what: every reply is
Rasa's own.
"""
from __future__ import annotations

import os
from typing import Any, Optional

from rasa_patches import replace

DEFAULT_AT_ONCE = 3
# A message waits no longer than this for its turn, then goes on beside the
# others, as without "queue" (say, behind messages whose action server hangs).
TURN_WAIT_S = 5.0


def messages_at_once(setting: Optional[str]) -> int:
    """``MESSAGES_AT_ONCE``: how many messages one Rasa process works on at a
    time ("queue"); the rest wait their turn in order of arrival."""
    try:
        return max(1, int(setting)) if setting not in (None, "") else DEFAULT_AT_ONCE
    except ValueError:
        raise ValueError(f"MESSAGES_AT_ONCE must be a whole number, not {setting!r}") from None


def _in_turn(handle_message: Any, at_once: int) -> Any:
    """``MessageProcessor.handle_message`` taken ``at_once`` at a time in order
    of arrival, per event loop (so per Sanic worker)."""
    import asyncio
    import weakref

    turns: "weakref.WeakKeyDictionary[Any, asyncio.Semaphore]" = weakref.WeakKeyDictionary()

    async def in_turn(self: Any, message: Any) -> Any:
        loop = asyncio.get_running_loop()
        turn = turns.get(loop)
        if turn is None:
            turn = turns[loop] = asyncio.Semaphore(at_once)
        try:
            await asyncio.wait_for(turn.acquire(), TURN_WAIT_S)
        except asyncio.TimeoutError:
            return await handle_message(self, message)
        try:
            return await handle_message(self, message)
        finally:
            turn.release()

    in_turn.turns = turns  # type: ignore[attr-defined]  # for the tests
    return in_turn


def apply() -> None:
    from rasa.core.processor import MessageProcessor

    replace(MessageProcessor, "handle_message", _in_turn(
        MessageProcessor.handle_message, messages_at_once(os.environ.get("MESSAGES_AT_ONCE"))))
