"""Rasa's SQL tracker store, made to fail loudly and quietly at once.

Rasa wraps every tracker store in ``FailSafeTrackerStore``, which catches any
``Exception``: when the database is down it logs the error (SQLAlchemy's
message quotes the statement's parameters, that is the person's words) and
answers from an empty conversation, as if the person had never spoken, then
keeps that turn in memory where nobody reads it again. For a patient that is
a confusing answer without what they told us; for a clinic it is health
data in the log.

``CheckedSQLTrackerStore`` instead:
- checks a pooled connection before use (``pool_pre_ping``), so a database
  that was restarted costs no failed turn;
- on a database error logs only the error's type, and raises
  ``StoreUnavailable``. That derives from ``BaseException`` *on purpose*: it
  must pass Rasa's ``except Exception`` in ``FailSafeTrackerStore``. The
  channels (channels/rest.py, channels/socketio.py) catch it and answer that
  turn with the "something went wrong, try again" apology; nothing already
  stored is touched, and the next turn works once the database is back.

endpoints.yml / endpoints-scaled.yml: ``tracker_store: {type: stores.sql.CheckedSQLTrackerStore,
dialect: ..., ...}`` with the settings of Rasa's ``SQL`` type.

It also keeps the conversations it saved last in memory (``TRACKER_CACHE_SIZE``,
default 200; 0 turns it off). Rasa reads the whole conversation back from
the database before every message and rebuilds it event by event, and counts
the stored events again before every save: a third of the Rasa server's time
at 20 people at once, and growing with every turn (make bench, py-spy). A
remembered conversation is used only if the database's newest event of it is
still the one this process saved last (one indexed query: its id and time),
so a turn another process wrote, ``make forget`` or ``make purge`` are always
seen; only if nothing was added to it since without being saved (a turn that
failed half-way); and only while it holds just its latest session, as Rasa's
own read returns it. Everything is still written to the database each turn;
how many of a tracker's events are stored is kept on the tracker itself, so
a save knows what is new even after the cache has let the tracker go.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import weakref
from collections import OrderedDict
from functools import partial
from typing import Any, Iterator, List, NamedTuple, Optional, Text, Tuple

from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)


class StoreUnavailable(BaseException):
    """The conversation store could not be read or written for this turn."""


def _database_error(error: BaseException) -> bool:
    import sqlalchemy.exc

    # DatabaseError covers OperationalError (the server gone) and the rest the
    # database reports; InterfaceError is the driver's; TimeoutError the pool's.
    return isinstance(error, (sqlalchemy.exc.DatabaseError, sqlalchemy.exc.InterfaceError,
                              sqlalchemy.exc.TimeoutError))


DEFAULT_CACHE_SIZE = 200

Newest = Tuple[int, float]  # the id and time of a conversation's newest stored event


class Remembered(NamedTuple):
    """A conversation as this process last read or saved it."""

    tracker: DialogueStateTracker
    newest: Optional[Newest]


# How many of a tracker's events are in the database, kept on the tracker itself
# so that a save knows what is new even if the cache has let the tracker go.
_STORED = "_checked_store_events_stored"


def _stored(tracker: DialogueStateTracker) -> Optional[int]:
    return tracker.__dict__.get(_STORED)


def _mark_stored(tracker: DialogueStateTracker) -> None:
    tracker.__dict__[_STORED] = len(tracker.events)


def _starts_its_session(tracker: DialogueStateTracker) -> bool:
    """Whether the tracker holds only its latest session, as Rasa's retrieve
    returns it (no session_started event after the first)."""
    from rasa.shared.core.events import SessionStarted

    return not any(isinstance(e, SessionStarted) for e in list(tracker.events)[1:])


def cache_size(setting: Optional[str]) -> int:
    """``TRACKER_CACHE_SIZE``: conversations kept in memory (0 = none)."""
    try:
        return max(0, int(setting)) if setting not in (None, "") else DEFAULT_CACHE_SIZE
    except ValueError:
        raise ValueError(f"TRACKER_CACHE_SIZE must be a whole number, not {setting!r}") from None


def _write_ahead(connection: Any, _record: Any) -> None:
    """SQLite in write-ahead mode: a turn's commit is one fsync of the log
    instead of the journal and the database (0.81 -> 0.27 ms here), just as
    durable, and a Rasa worker reading does not wait for one writing. The
    log (trackers.db-wal, -shm) gets the database file's permissions."""
    connection.execute("pragma journal_mode=wal")


def _engine_kwargs(url: Any) -> dict:
    """Rasa's engine settings, and for SQLite a pool that keeps its connections.

    SQLAlchemy 1.4 opens and closes a file SQLite database for every session
    (NullPool): three times a turn, each with the write-ahead pragma, 17% of
    the Rasa server's time at 20 people at once (py-spy). SQLAlchemy 2.0 pools
    them by default; this does the same. Rasa uses the store from its event
    loop's thread only, but a pooled connection may be checked out by another
    thread later, hence ``check_same_thread``; each use is still one session.
    """
    import sqlalchemy as sa

    kwargs = dict(create_engine_kwargs(url))
    if sa.engine.make_url(url).get_backend_name() == "sqlite":
        kwargs.update(poolclass=sa.pool.QueuePool,
                      connect_args={**kwargs.get("connect_args", {}), "check_same_thread": False})
    return kwargs


def _forget_connections(engine: "weakref.ref[Any]") -> None:
    """In a forked child: drop the parent's pooled connections, unclosed."""
    alive = engine()
    if alive is not None:
        alive.dispose(close=False)


class CheckedSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` whose failures reach the channel, without the person's words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("password") == "":
            kwargs["password"] = None  # an empty setting from the environment: none
        super().__init__(*args, **kwargs)
        import sqlalchemy as sa

        engine: Any = self.__dict__["engine"]  # Rasa sets it untyped in __init__
        url = engine.url
        engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **_engine_kwargs(url))
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _write_ahead)
        # A forked process opens its own connections (one SQLite connection
        # used from two processes corrupts the database).
        os.register_at_fork(after_in_child=partial(_forget_connections, weakref.ref(self.engine)))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        self._remembered: "OrderedDict[str, Remembered]" = OrderedDict()
        self._cache_size = cache_size(os.environ.get("TRACKER_CACHE_SIZE"))
        # Built once: SQLAlchemy keeps a statement's compiled form, where an ORM
        # query is built and looked up again on every call (271 -> 119 us here).
        event = self.SQLEvent
        self._newest_query = sa.select(event.id, event.timestamp) \
            .where(event.sender_id == sa.bindparam("sender_id")) \
            .order_by(event.id.desc()).limit(1)

    @contextlib.contextmanager
    def _reported(self, doing: str) -> Iterator[None]:
        """A database error becomes ``StoreUnavailable``, logged by type only."""
        try:
            yield
        except Exception as e:
            if not _database_error(e):
                raise
            cause = getattr(e, "orig", None)
            logger.error("tracker store: could not %s the conversation (%s%s); the person "
                         "is asked to try again", doing, type(e).__name__,
                         f", {type(cause).__name__}" if cause is not None else "")
            raise StoreUnavailable(doing) from None

    def _newest(self, session: Any, sender_id: Text) -> Optional[Newest]:
        row = session.execute(self._newest_query, {"sender_id": sender_id}).first()
        return (int(row[0]), float(row[1] or 0.0)) if row is not None else None

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        with self._reported("read"):
            if not self._cache_size:
                return await super().retrieve(sender_id)
            with self.session_scope() as session:
                newest = self._newest(session, sender_id)
            known = self._remembered.pop(sender_id, None)
            if newest is None:
                return None
            tracker: Optional[DialogueStateTracker] = None
            if known is not None and _stored(known.tracker) == len(known.tracker.events):
                tracker = known.tracker if known.newest == newest else self._caught_up(known)
            if tracker is None:
                tracker = await super().retrieve(sender_id)  # the latest session, as Rasa's
                if tracker is None:
                    return None
                _mark_stored(tracker)
            self._remember(Remembered(tracker, newest))
            return tracker

    def _caught_up(self, known: Remembered) -> Optional[DialogueStateTracker]:
        """The remembered tracker with the turns another process stored since,
        read and replayed alone: what Rasa's whole read would give, if the
        database still holds this process's newest event and no new session
        began. With several workers every other turn lands on the other one;
        a whole read is as long as the conversation."""
        from rasa.shared.core.events import SessionStarted, deserialise_events

        if known.newest is None:
            return None
        with self.session_scope() as session:
            rows = session.query(self.SQLEvent.id, self.SQLEvent.timestamp,
                                 self.SQLEvent.type_name, self.SQLEvent.data) \
                .filter(self.SQLEvent.sender_id == known.tracker.sender_id,
                        self.SQLEvent.id >= known.newest[0]) \
                .order_by(self.SQLEvent.id).all()
        if not rows or (int(rows[0].id), float(rows[0].timestamp or 0.0)) != known.newest \
                or any(row.type_name == SessionStarted.type_name for row in rows[1:]):
            return None
        tracker = known.tracker
        started = [e.timestamp for e in tracker.events if isinstance(e, SessionStarted)]
        # Rasa reads the events stamped from the latest session's start on.
        new = [json.loads(row.data) for row in rows[1:]
               if not started or (row.timestamp or 0.0) >= started[0]]
        for event in deserialise_events(new):
            tracker.update(event)
        _mark_stored(tracker)
        return tracker

    def _remember(self, known: Remembered) -> None:
        self._remembered[known.tracker.sender_id] = known
        self._remembered.move_to_end(known.tracker.sender_id)
        while len(self._remembered) > self._cache_size:
            self._remembered.popitem(last=False)

    async def retrieve_full_tracker(self, conversation_id: Text
                                    ) -> Optional[DialogueStateTracker]:
        with self._reported("read"):
            return await super().retrieve_full_tracker(conversation_id)

    def _unsaved(self, session: Any, tracker: DialogueStateTracker) -> List[Any]:
        """The tracker's events not yet in the database: after the count this
        store marked on it, all of them if the database has none of its
        conversation (a new one: Rasa's count, a query with a subquery, would
        be 0), or (a tracker it did not read) as Rasa counts them."""
        stored = _stored(tracker)
        if stored is not None and stored <= len(tracker.events):
            return list(tracker.events)[stored:]
        if self._newest(session, tracker.sender_id) is None:
            return list(tracker.events)  # none stored: a new conversation
        return list(self._additional_events(session, tracker))

    async def save(self, tracker: DialogueStateTracker) -> None:
        with self._reported("save"):
            if not self._cache_size or self.max_event_history is not None:
                await super().save(tracker)
                return
            self._remembered.pop(tracker.sender_id, None)
            with self.session_scope() as session:
                new = self._unsaved(session, tracker)
                if self.event_broker is not None:  # as Rasa's stream_events, without a read back
                    await self._stream_new_events(self.event_broker, new, tracker.sender_id)
                if new:
                    session.execute(self.SQLEvent.__table__.insert(),
                                    [self._row(tracker.sender_id, event) for event in new])
                newest = self._newest(session, tracker.sender_id)
                session.commit()
            _mark_stored(tracker)
            if _starts_its_session(tracker):
                self._remember(Remembered(tracker, newest))
            # else it still holds an earlier session (a new one began this turn,
            # or it began in this process): read the latest one back next time

    @staticmethod
    def _row(sender_id: Text, event: Any) -> dict:
        """An event as Rasa's own save writes it."""
        data = event.as_dict()
        return {"sender_id": sender_id, "type_name": event.type_name,
                "timestamp": data.get("timestamp"),
                "intent_name": data.get("parse_data", {}).get("intent", {}).get("name"),
                "action_name": data.get("name"), "data": json.dumps(data)}
