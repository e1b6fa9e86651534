"""rasa_patches/queue.py: messages worked on a few at a time in order of
arrival, each its own answer, with turns given back whatever happens."""
from __future__ import annotations

import asyncio

import pytest

import components  # noqa: F401 - applies the patches, as loading the model does


@pytest.mark.parametrize("setting, at_once", [(None, 3), ("", 3), ("1", 1), ("8", 8), ("0", 1)])
def test_how_many_messages_a_process_works_on_at_once(setting, at_once):
    from rasa_patches.queue import messages_at_once

    assert messages_at_once(setting) == at_once


def test_a_setting_that_is_not_a_number_is_refused_by_name():
    from rasa_patches.queue import messages_at_once

    with pytest.raises(ValueError, match="MESSAGES_AT_ONCE"):
        messages_at_once("three")


def _recording_handler(log, busy, hold):
    async def handle_message(self, message):
        busy.append(message)
        log.append(("start", message, len(busy)))
        await asyncio.sleep(hold(message))
        busy.remove(message)
        log.append(("end", message))
        return [f"reply to {message}"]
    return handle_message


def test_messages_are_worked_on_a_few_at_a_time_in_order_of_arrival():
    from rasa_patches.queue import _in_turn

    log, busy = [], []
    handle = _in_turn(_recording_handler(log, busy, lambda m: 0.01 * (m % 3 + 1)), at_once=3)

    async def main():
        return await asyncio.gather(*[handle(None, m) for m in range(12)])

    replies = asyncio.run(main())
    assert replies == [[f"reply to {m}"] for m in range(12)]  # each its own answer
    starts = [entry for entry in log if entry[0] == "start"]
    assert [m for _, m, _ in starts] == list(range(12))  # in order of arrival
    assert max(at_once for _, _, at_once in starts) == 3


def test_a_message_that_waited_too_long_goes_on_beside_the_others(monkeypatch):
    from rasa_patches import queue

    monkeypatch.setattr(queue, "TURN_WAIT_S", 0.05)
    log, busy = [], []
    stuck = asyncio.Event()

    async def hang_or_answer(self, message):
        busy.append(message)
        log.append(("start", message, len(busy)))
        if message == "stuck":
            await stuck.wait()  # say, an action server that does not answer
        busy.remove(message)
        return [message]

    handle = queue._in_turn(hang_or_answer, at_once=1)

    async def main():
        first = asyncio.ensure_future(handle(None, "stuck"))
        await asyncio.sleep(0)
        answer = await handle(None, "I have a fever of 39")
        stuck.set()
        await first
        turn = next(iter(handle.turns.values()))
        return answer, turn

    answer, turn = asyncio.run(main())
    assert answer == ["I have a fever of 39"]
    assert ("start", "I have a fever of 39", 2) in log
    assert turn._value == 1 and not turn._waiters  # every turn given back


def test_turns_are_given_back_when_waiters_give_up_or_are_cancelled(monkeypatch):
    from rasa_patches import queue

    monkeypatch.setattr(queue, "TURN_WAIT_S", 0.02)
    log, busy = [], []
    handle = queue._in_turn(
        _recording_handler(log, busy, lambda m: 0.001 * (m % 7) * 5), at_once=2)

    async def main():
        tasks = [asyncio.ensure_future(handle(None, m)) for m in range(60)]
        await asyncio.sleep(0.01)
        for task in tasks[5::9]:
            task.cancel()  # the person's request went away
        await asyncio.gather(*tasks, return_exceptions=True)
        return next(iter(handle.turns.values()))

    turn = asyncio.run(main())
    assert turn._value == 2 and not turn._waiters
    assert not busy


def test_each_event_loop_has_its_own_turns():
    from rasa_patches.queue import _in_turn

    handle = _in_turn(_recording_handler([], [], lambda m: 0), at_once=1)
    asyncio.run(handle(None, 1))
    asyncio.run(handle(None, 2))  # a new loop: a semaphore of a closed one would fail
    assert len(handle.turns) <= 1  # the first loop's went with it


def test_the_queue_is_in_place_once_components_are_imported():
    from rasa.core.processor import MessageProcessor

    assert MessageProcessor.handle_message.__qualname__.startswith("_in_turn")
