"""Delete conversations from the SQL tracker store configured in endpoints.yml.

    make purge DAYS=30      conversations whose last event is more than 30 days old
    make forget SENDER=id   one conversation (every session of that sender)

It works on Rasa's own table (``events``: sender_id, type_name, timestamp,
intent_name, action_name, data) through SQLAlchemy, with the database URL
Rasa itself would build, so SQLite (the default) and PostgreSQL both work
(``POSTGRESQL_SCHEMA`` is honoured as Rasa does). On SQLite the deleted rows
are overwritten (``PRAGMA secure_delete``), not just unlinked. ``${VAR}`` in
the tracker_store section is expanded from the environment, as Rasa does.
A running Rasa server may stay up; forget a conversation once it has ended,
or a reply being written at that moment would save it again.

Exit status: 0 done, 1 no such conversation (forget), 2 bad input or setup.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
import warnings
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

import yaml

ROOT = Path(__file__).resolve().parent.parent
DAY_SECONDS = 24 * 3600
CHUNK = 500  # senders per DELETE (SQLite allows 999 bound values in older builds)
# Rasa's own SQL store and ours (stores/sql.py, endpoints-scaled.yml): the same tables.
SQL_TYPES = ("sql", "stores.sql.checkedsqltrackerstore")
_UNEXPANDED = re.compile(r"\$\{([^}]*)\}")


class Refused(SystemExit):
    """Bad input or settings: a message and exit status 2."""

    def __init__(self, message: str) -> None:
        print(f"purge: {message}", file=sys.stderr)
        super().__init__(2)


def positive_days(text: str) -> int:
    if not re.fullmatch(r"\s*[0-9]+\s*", text or "") or int(text) < 1:
        raise Refused(f"DAYS must be a whole number of days, 1 or more (got {text!r}); "
                      "e.g. make purge DAYS=30")
    return int(text)


def sender_id(text: str) -> str:
    if not (text or "").strip():
        raise Refused("SENDER is empty: give the conversation's sender id, "
                      "e.g. make forget SENDER=3f2a...")
    return text


def _expand(value: Any, env: Dict[str, str]) -> Any:
    if isinstance(value, dict):
        return {k: _expand(v, env) for k, v in value.items()}
    if not isinstance(value, str):
        return value
    missing = [m for m in _UNEXPANDED.findall(value) if m not in env]
    if missing:
        raise Refused(f"the tracker store settings use {', '.join(missing)}, "
                      "which is not set in the environment")
    return _UNEXPANDED.sub(lambda m: env[m.group(1)], value)


def tracker_store_config(endpoints: Path, env: Optional[Dict[str, str]] = None) -> Dict[str, Any]:
    """The tracker_store section, variables expanded; only SQL stores."""
    env = dict(os.environ) if env is None else env
    try:
        content = yaml.load(endpoints.read_text(), Loader=yaml.BaseLoader) or {}
    except (OSError, yaml.YAMLError) as e:
        raise Refused(f"cannot read {endpoints}: {e}") from e
    config = content.get("tracker_store") if isinstance(content, dict) else None
    if not isinstance(config, dict):
        raise Refused(f"{endpoints} has no tracker_store: conversations are kept in memory "
                      "only and go when the server stops")
    store_type = str(config.get("type", "")).lower()
    if store_type not in SQL_TYPES:
        raise Refused(f"{endpoints}: tracker store type {config.get('type')!r}; this "
                      "script works on the SQL tracker store only")
    return _expand({k: v for k, v in config.items() if k != "type"}, env)


def engine_for(config: Dict[str, Any]) -> Any:
    """An SQLAlchemy engine on the database Rasa's SQLTrackerStore would use, or
    None when it is a SQLite file that does not exist (nothing was ever stored)."""
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    with warnings.catch_warnings():  # Rasa's and SQLAlchemy's deprecation warnings
        warnings.simplefilter("ignore")
        import sqlalchemy  # noqa: F401
        import rasa.core.tracker_store  # noqa: F401
        warnings.simplefilter("ignore")  # again: importing sanic put its own filter first
        return _engine_for(config)


def _engine_for(config: Dict[str, Any]) -> Any:
    import sqlalchemy as sa
    from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs

    dialect = config.get("dialect", "sqlite")
    db = config.get("db", "rasa.db")
    if dialect == "sqlite":
        path = Path(db) if Path(db).is_absolute() else ROOT / db  # run.sh runs Rasa in ROOT
        if not path.exists():
            return None
        db = str(path)
    port = config.get("port")
    url = SQLTrackerStore.get_db_url(
        dialect, config.get("url"), int(port) if port else None, db,
        config.get("username"), config.get("password"), None, config.get("query"))
    return sa.create_engine(url, **create_engine_kwargs(url))


def _events_table(engine: Any) -> Any:
    import sqlalchemy as sa

    schema = os.environ.get("POSTGRESQL_SCHEMA") if engine.dialect.name == "postgresql" \
        else None
    if not sa.inspect(engine).has_table("events", schema=schema):
        return None
    return sa.table("events", sa.column("sender_id"), sa.column("timestamp"), schema=schema)


def _delete(conn: Any, events: Any, senders: Sequence[str]) -> int:
    import sqlalchemy as sa

    deleted = 0
    for i in range(0, len(senders), CHUNK):
        result = conn.execute(sa.delete(events).where(
            events.c.sender_id.in_(list(senders[i:i + CHUNK]))))
        deleted += result.rowcount
    return deleted


def _begin(engine: Any) -> Any:
    conn = engine.connect()
    if engine.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA secure_delete = ON")  # overwrite, not just unlink
    return conn


def _empty_write_ahead_log(conn: Any, tries: int = 3) -> None:
    """SQLite in write-ahead mode (stores/sql.py) keeps earlier versions of
    pages, the deleted words among them, in trackers.db-wal until it is
    emptied: copy it into the database (where secure_delete has zeroed them)
    and cut it to nothing. A Rasa turn reading at that moment makes it wait
    (up to SQLite's 5 s busy timeout a try)."""
    if conn.engine.dialect.name != "sqlite":
        return
    for _ in range(tries):
        busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if not busy:
            return
        time.sleep(0.1)
    print("purge: the Rasa server kept the database busy; the deleted words stay in "
          "trackers.db-wal until its next checkpoint. Run it again.", file=sys.stderr)


def purge(engine: Any, days: int, now: Optional[float] = None) -> Dict[str, int]:
    """Delete every conversation whose newest event is older than ``days`` days."""
    import sqlalchemy as sa

    events = _events_table(engine)
    if events is None:
        return {"conversations": 0, "events": 0}
    cutoff = (time.time() if now is None else now) - days * DAY_SECONDS
    with _begin(engine) as conn:
        with conn.begin():
            old: List[str] = [row[0] for row in conn.execute(
                sa.select(events.c.sender_id).group_by(events.c.sender_id)
                .having(sa.func.max(events.c.timestamp) < cutoff))]
            deleted = _delete(conn, events, old)
        _empty_write_ahead_log(conn)
    return {"conversations": len(old), "events": deleted}


def forget(engine: Any, sender: str) -> int:
    """Delete every event of ``sender``; the number deleted."""
    events = _events_table(engine)
    if events is None:
        return 0
    with _begin(engine) as conn:
        with conn.begin():
            deleted = _delete(conn, events, [sender])
        _empty_write_ahead_log(conn)
    return deleted


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--days", help="delete conversations idle for more than this many days")
    what.add_argument("--sender", help="delete this one conversation")
    parser.add_argument("--endpoints", default=os.environ.get("ENDPOINTS") or "endpoints.yml",
                        help="the endpoints file naming the tracker store (endpoints.yml)")
    args = parser.parse_args(argv)
    days = positive_days(args.days) if args.days is not None else None
    sender = sender_id(args.sender) if days is None else ""
    endpoints = Path(args.endpoints)
    if not endpoints.is_absolute() and not endpoints.exists():
        endpoints = ROOT / endpoints
    engine = engine_for(tracker_store_config(endpoints))
    where = "no tracker store file yet" if engine is None else \
        engine.url.render_as_string(hide_password=True)
    if days is not None:
        done = purge(engine, days) if engine is not None else {"conversations": 0, "events": 0}
        print(f"purge: deleted {done['conversations']} conversation(s) ({done['events']} "
              f"events) idle for more than {days} day(s), from {where}")
        return 0
    deleted = forget(engine, sender) if engine is not None else 0
    if not deleted:
        print(f"purge: no conversation with sender {sender!r} in {where}", file=sys.stderr)
        return 1
    print(f"purge: deleted the conversation of {sender!r} ({deleted} events) from {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
