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
"""
from __future__ import annotations

import contextlib
import logging
from typing import Any, Iterator, Optional, Text

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
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

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

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        with self._reported("read"):
            return await super().retrieve(sender_id)

    async def retrieve_full_tracker(self, conversation_id: Text
                                    ) -> Optional[DialogueStateTracker]:
        with self._reported("read"):
            return await super().retrieve_full_tracker(conversation_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        with self._reported("save"):
            await super().save(tracker)
