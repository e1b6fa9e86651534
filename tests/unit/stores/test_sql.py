"""stores/sql.py: the tracker store reports a broken database to the channel
without the person's words, and its cache of conversations."""
from __future__ import annotations

import asyncio
import logging
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


# ---------------------------------------------------------------- the cache
def _events(tracker: DialogueStateTracker):
    return [e.as_dict() for e in tracker.events]


def _turn(store: CheckedSQLTrackerStore, sender: str, text: str) -> DialogueStateTracker:
    """One turn as Rasa's processor does it: read (or start), add, save."""
    tracker = asyncio.run(store.retrieve(sender)) or DialogueStateTracker(sender, [])
    tracker.update(UserUttered(text))
    asyncio.run(store.save(tracker))
    return tracker


def test_a_remembered_conversation_is_used_and_everything_is_still_stored(tmp_path):
    store = _store(tmp_path)
    first = _turn(store, "s1", "hello")
    second = _turn(store, "s1", "I'm 61 and had an SCT")
    assert second is first  # read from memory, not rebuilt from the database
    from_disk = asyncio.run(_store(tmp_path).retrieve("s1"))
    assert from_disk is not None and _events(from_disk) == _events(second)


def test_a_turn_another_process_wrote_is_seen(tmp_path):
    mine, other = _store(tmp_path), _store(tmp_path)
    _turn(mine, "s1", "hello")
    _turn(other, "s1", "written by another Rasa process")
    back = asyncio.run(mine.retrieve("s1"))
    assert back is not None and back.latest_message.text == "written by another Rasa process"
    assert len([e for e in back.events if isinstance(e, UserUttered)]) == 2


def _forget(tmp_path, sender: str) -> None:
    import sqlite3

    with sqlite3.connect(tmp_path / "t.db") as db:
        db.execute("delete from events where sender_id = ?", (sender,))


def test_a_forgotten_conversation_is_not_brought_back_from_memory(tmp_path):
    store = _store(tmp_path)
    _turn(store, "s1", WORDS)
    _forget(tmp_path, "s1")  # make forget, from another process
    assert asyncio.run(store.retrieve("s1")) is None
    # Started again with the same id: SQLite gives the new rows the freed ids,
    # so the newest event's id matches what was remembered; its time does not.
    _turn(store, "s1", "start again")
    _forget(tmp_path, "s1")
    time.sleep(0.01)
    _turn(_store(tmp_path), "s1", "a new conversation")
    back = asyncio.run(store.retrieve("s1"))
    assert back is not None and back.latest_message.text == "a new conversation"
    assert WORDS not in str(_events(back)) and "start again" not in str(_events(back))


def test_a_turn_that_failed_before_saving_is_not_kept(tmp_path):
    store = _store(tmp_path)
    tracker = _turn(store, "s1", "hello")
    tracker.update(UserUttered("this turn crashed before it was saved"))
    back = asyncio.run(store.retrieve("s1"))
    assert back is not None and back.latest_message.text == "hello"


def test_the_cache_is_bounded_and_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_CACHE_SIZE", "2")
    store = _store(tmp_path)
    for sender in ("a", "b", "c"):
        _turn(store, sender, f"I am {sender}")
    assert list(store._remembered) == ["b", "c"]
    back = asyncio.run(store.retrieve("a"))  # from the database
    assert back is not None and back.latest_message.text == "I am a"
    monkeypatch.setenv("TRACKER_CACHE_SIZE", "0")
    plain = _store(tmp_path / "..")
    _turn(plain, "d", "hi")
    assert not plain._remembered
    monkeypatch.setenv("TRACKER_CACHE_SIZE", "lots")
    with pytest.raises(ValueError, match="TRACKER_CACHE_SIZE"):
        _store(tmp_path)


def test_sqlite_writes_ahead_and_its_log_is_as_private_as_the_database(tmp_path):
    import os
    import sqlite3
    import stat

    old = os.umask(0o077)  # as launchers/env.sh
    try:
        store = _store(tmp_path)
        _turn(store, "s1", WORDS)
    finally:
        os.umask(old)
    with sqlite3.connect(tmp_path / "t.db") as db:
        assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["t.db", "t.db-shm", "t.db-wal"]
    for name in files:
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name


def _rows(tmp_path, sender: str) -> int:
    import sqlite3

    with sqlite3.connect(tmp_path / "t.db") as db:
        return db.execute("select count(*) from events where sender_id = ?",
                          (sender,)).fetchone()[0]


def _session(text: str) -> list:
    from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted

    return [ActionExecuted("action_session_start"), SessionStarted(),
            ActionExecuted("action_listen"), UserUttered(text), BotUttered("ok"),
            ActionExecuted("action_listen")]


def test_a_new_conversation_is_stored_whole_without_rasas_count(tmp_path, monkeypatch):
    store = _store(tmp_path)
    counted = []
    monkeypatch.setattr(CheckedSQLTrackerStore, "_additional_events",
                        lambda self, session, tracker: counted.append(tracker.sender_id)
                        or iter(list(tracker.events)[_rows(tmp_path, tracker.sender_id):]))
    tracker = asyncio.run(store.get_or_create_tracker("new"))  # as Rasa starts one
    assert counted == [] and _rows(tmp_path, "new") == 1
    # A tracker the store did not read, of a conversation it holds: Rasa's count
    again = DialogueStateTracker.from_events("new", list(tracker.events) + [UserUttered("hi")])
    asyncio.run(store.save(again))
    assert counted == ["new"] and _rows(tmp_path, "new") == 2


def test_a_turn_whose_conversation_left_the_cache_meanwhile_is_stored_once(tmp_path,
                                                                          monkeypatch):
    monkeypatch.setenv("TRACKER_CACHE_SIZE", "1")
    store = _store(tmp_path)
    tracker = asyncio.run(store.get_or_create_tracker("s1"))  # Rasa saves [action_listen]
    for event in _session("hello"):
        tracker.update(event)
    asyncio.run(store.save(tracker))
    tracker = asyncio.run(store.retrieve("s1"))
    tracker.update(UserUttered("the second turn"))
    _turn(store, "other", "another person writes meanwhile")  # pushes s1 out
    asyncio.run(store.save(tracker))
    assert _rows(tmp_path, "s1") == 8
    texts = [e.get("text") for e in _events(asyncio.run(_store(tmp_path).retrieve("s1")))]
    assert texts.count("hello") == 1 and texts.count("the second turn") == 1


def test_a_new_session_is_read_back_alone_as_rasa_reads_it(tmp_path):
    from rasa.core.tracker_store import SQLTrackerStore

    store = _store(tmp_path)
    tracker = DialogueStateTracker("s1", [])
    for event in _session(WORDS):
        tracker.update(event)
    asyncio.run(store.save(tracker))
    tracker = asyncio.run(store.retrieve("s1"))
    for event in _session("a new session"):  # the old one expired
        tracker.update(event)
    asyncio.run(store.save(tracker))
    mine = asyncio.run(store.retrieve("s1"))
    rasas = asyncio.run(SQLTrackerStore(domain=Domain.empty(), dialect="sqlite",
                                        db=str(tmp_path / "t.db")).retrieve("s1"))
    assert _events(mine) == _events(rasas) and WORDS not in str(_events(mine))
    assert _rows(tmp_path, "s1") == 12


def test_an_event_broker_gets_each_new_event_once(tmp_path):
    from rasa.core.brokers.broker import EventBroker

    class Broker(EventBroker):
        def __init__(self) -> None:
            self.published: list = []

        def publish(self, event: dict) -> None:
            self.published.append(event)

    broker = Broker()
    store = CheckedSQLTrackerStore(domain=Domain.empty(), dialect="sqlite",
                                   db=str(tmp_path / "t.db"), event_broker=broker)
    for text in ("one", "two", "three"):
        _turn(store, "s1", text)
    assert [e.get("text") for e in broker.published] == ["one", "two", "three"]
    assert _rows(tmp_path, "s1") == 3


def test_sqlite_connections_are_kept_for_the_next_turn(tmp_path):
    """SQLAlchemy 1.4 opened and closed the file for every session (17% of the
    Rasa server's time); the store keeps its connection as 2.0 would."""
    import sqlalchemy as sa

    store = _store(tmp_path)
    opened = []
    sa.event.listen(store.engine, "connect", lambda *_: opened.append(1))
    for turn in range(5):
        tracker = asyncio.run(store.retrieve("s1")) or DialogueStateTracker.from_events("s1", [])
        tracker.update(UserUttered(f"turn {turn}"))
        asyncio.run(store.save(tracker))
    assert len(opened) == 1
    assert [e.text for e in asyncio.run(store.retrieve("s1")).events] == \
        [f"turn {k}" for k in range(5)]


def test_a_forked_process_opens_its_own_sqlite_connection(tmp_path):
    """A Sanic worker forked after the store was made must not share its
    parent's SQLite connection: the child's pool starts empty."""
    import os

    store = _store(tmp_path)
    asyncio.run(store.save(DialogueStateTracker.from_events("s1", [UserUttered(WORDS)])))
    assert store.engine.pool.checkedin() == 1
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report its pool, then save through a new connection
        try:
            idle = store.engine.pool.checkedin()
            asyncio.run(store.save(DialogueStateTracker.from_events("s2", [UserUttered("hi")])))
            os.write(write, str(idle).encode())
        finally:
            os._exit(0)
    os.close(write)
    reported = os.read(read, 10)
    os.waitpid(pid, 0)
    assert reported == b"0"
    assert asyncio.run(store.retrieve("s2")).latest_message.text == "hi"
    assert asyncio.run(store.retrieve("s1")).latest_message.text == WORDS


def _rasas_read(tmp_path, sender: str):
    from rasa.core.tracker_store import SQLTrackerStore

    return asyncio.run(SQLTrackerStore(domain=Domain.empty(), dialect="sqlite",
                                       db=str(tmp_path / "t.db")).retrieve(sender))


def test_turns_another_worker_stored_are_added_to_the_remembered_conversation(tmp_path):
    """Two workers take turns: each reads only the other's new events, and gets
    what Rasa's whole read gives."""
    mine, other = _store(tmp_path), _store(tmp_path)
    first = _turn(mine, "s1", "hello")
    for k in range(3):
        _turn(other, "s1", f"the other worker's turn {k}")
        back = _turn(mine, "s1", f"my turn {k}")
        assert back is first  # carried on, not rebuilt
        assert _events(back) == _events(_rasas_read(tmp_path, "s1"))
    assert _rows(tmp_path, "s1") == 7


def test_a_session_another_worker_began_is_read_afresh(tmp_path):
    mine, other = _store(tmp_path), _store(tmp_path)
    tracker = DialogueStateTracker("s1", [])
    for event in _session(WORDS):
        tracker.update(event)
    asyncio.run(mine.save(tracker))
    tracker = asyncio.run(mine.retrieve("s1"))  # remembered, as Rasa reads it back
    assert "s1" in mine._remembered
    theirs = asyncio.run(other.retrieve("s1"))
    for event in _session("a new session"):
        theirs.update(event)
    asyncio.run(other.save(theirs))
    back = asyncio.run(mine.retrieve("s1"))
    assert back is not tracker and WORDS not in str(_events(back))
    assert _events(back) == _events(_rasas_read(tmp_path, "s1"))
