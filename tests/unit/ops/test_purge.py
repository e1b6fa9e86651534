"""ops/purge.py against a SQLite tracker store written by Rasa's own
SQLTrackerStore (PostgreSQL is not tested here)."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List

import pytest

from ops import purge
from tests.helpers import stored_bytes


ROOT = Path(__file__).resolve().parents[3]
NOW = time.time()
DAY = 24 * 3600


def _store(db: Path):
    from stores.sql import CheckedSQLTrackerStore  # the project's store: write-ahead SQLite

    return CheckedSQLTrackerStore(dialect="sqlite", db=str(db))


def _save(db: Path, conversations: Dict[str, List[float]]) -> None:
    """One tracker per sender, with a user message at each timestamp (days ago)."""
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    store = _store(db)
    for sender, days_ago in conversations.items():
        events = []
        for n, ago in enumerate(days_ago):
            stamp = NOW - ago * DAY
            events += [UserUttered(f"{sender} says words-{n}-7731", timestamp=stamp),
                       ActionExecuted("action_listen", timestamp=stamp + 1)]
        asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))
    store.engine.dispose()


def _senders(db: Path) -> List[str]:
    store = _store(db)
    try:
        return sorted(asyncio.run(store.keys()))
    finally:
        store.engine.dispose()


@pytest.fixture
def tracker_db(tmp_path) -> Path:
    db = tmp_path / "trackers.db"
    _save(db, {"old": [45, 40], "recent": [2], "old-start-new-end": [90, 3],
               "just-over": [30.01], "just-under": [29.99]})
    return db


@pytest.fixture
def endpoints(tmp_path, tracker_db) -> Path:
    path = tmp_path / "endpoints.yml"
    path.write_text("action_endpoint:\n  url: http://127.0.0.1:${ACTIONS_PORT}/webhook\n"
                    "tracker_store:\n  type: SQL\n  dialect: sqlite\n"
                    f"  db: {tracker_db}\n")
    return path


def _engine(endpoints: Path):
    return purge.engine_for(purge.tracker_store_config(endpoints, env={}))


# --------------------------------------------------------------------------
# make purge DAYS=N
# --------------------------------------------------------------------------
def test_purge_deletes_conversations_whose_last_event_is_older(tracker_db, endpoints):
    done = purge.purge(_engine(endpoints), days=30, now=NOW)
    assert done == {"conversations": 2, "events": 6}  # old (4 events), just-over (2)
    assert _senders(tracker_db) == ["just-under", "old-start-new-end", "recent"]
    kept = asyncio.run(_store(tracker_db).retrieve_full_tracker("old-start-new-end"))
    assert kept is not None and len(kept.events) == 4  # a kept conversation stays whole


@pytest.fixture
def rasa_reading(tracker_db):
    """A connection kept open, as the running Rasa server's pool keeps one: the
    write-ahead log then outlives the purge's own connection."""
    import sqlite3

    held = sqlite3.connect(tracker_db)
    held.execute("select count(*) from events").fetchall()
    yield held
    held.close()


def test_purged_words_are_gone_from_the_file(tracker_db, endpoints, rasa_reading):
    assert b"old says words-0-7731" in stored_bytes(tracker_db)
    purge.purge(_engine(endpoints), days=30, now=NOW)
    raw = stored_bytes(tracker_db)
    assert b"old says words" not in raw and b"just-over says" not in raw  # secure_delete
    assert b"recent says words-0-7731" in raw


def test_purge_with_nothing_old_enough_deletes_nothing(tracker_db, endpoints):
    assert purge.purge(_engine(endpoints), days=365, now=NOW) == {"conversations": 0,
                                                                  "events": 0}
    assert len(_senders(tracker_db)) == 5


# --------------------------------------------------------------------------
# make forget SENDER=...
# --------------------------------------------------------------------------
def test_forget_deletes_one_conversation_only(tracker_db, endpoints):
    assert purge.forget(_engine(endpoints), "recent") == 2
    assert "recent" not in _senders(tracker_db) and len(_senders(tracker_db)) == 4
    assert purge.forget(_engine(endpoints), "recent") == 0
    assert purge.forget(_engine(endpoints), "rec%") == 0  # no pattern matching


def test_forgotten_words_are_gone_from_the_file_and_its_log(tracker_db, endpoints,
                                                            rasa_reading):
    assert b"recent says words-0-7731" in stored_bytes(tracker_db)
    purge.forget(_engine(endpoints), "recent")
    assert b"recent says" not in stored_bytes(tracker_db)
    assert b"old says words-0-7731" in stored_bytes(tracker_db)


def test_the_command_line(tracker_db, endpoints, capsys):
    assert purge.main(["--sender", "old", "--endpoints", str(endpoints)]) == 0
    assert "deleted the conversation of 'old' (4 events)" in capsys.readouterr().out
    assert purge.main(["--sender", "old", "--endpoints", str(endpoints)]) == 1
    assert "no conversation with sender 'old'" in capsys.readouterr().err
    assert purge.main(["--days", "30", "--endpoints", str(endpoints)]) == 0
    out = capsys.readouterr().out
    assert "deleted 1 conversation(s) (2 events) idle for more than 30 day(s)" in out
    assert str(tracker_db) in out


@pytest.mark.parametrize("args, says", [
    (["--days", "0"], "DAYS must be a whole number of days, 1 or more"),
    (["--days", "-3"], "DAYS must be"),
    (["--days", "1.5"], "DAYS must be"),
    (["--days", "thirty"], "DAYS must be"),
    (["--days", ""], "DAYS must be"),
    (["--sender", ""], "SENDER is empty"),
    (["--sender", "   "], "SENDER is empty"),
])
def test_bad_input_is_refused_clearly(args, says, tracker_db, endpoints, capsys):
    with pytest.raises(SystemExit) as refused:
        purge.main(args + ["--endpoints", str(endpoints)])
    assert refused.value.code == 2
    assert says in capsys.readouterr().err
    assert len(_senders(tracker_db)) == 5  # nothing deleted


def test_make_targets_refuse_bad_input():
    for target, says in ((["purge", "DAYS=abc"], "DAYS must be"), (["purge"], "DAYS must be"),
                         (["forget", "SENDER="], "SENDER is empty"), (["forget"], "SENDER is")):
        env = {k: v for k, v in os.environ.items() if k not in ("DAYS", "SENDER")}
        done = subprocess.run(["make", "--no-print-directory", "-s", *target], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode != 0 and says in done.stderr, (target, done.stderr)


# --------------------------------------------------------------------------
# Which store
# --------------------------------------------------------------------------
def test_the_projects_endpoints_name_the_sqlite_store():
    config = purge.tracker_store_config(ROOT / "endpoints.yml", env={})
    assert config == {"dialect": "sqlite", "db": "var/trackers.db"}


def test_variables_in_the_store_settings_are_expanded(tmp_path, tracker_db):
    path = tmp_path / "env-endpoints.yml"
    path.write_text("tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: ${TEST_TRACKER_DB}\n")
    config = purge.tracker_store_config(path, env={"TEST_TRACKER_DB": str(tracker_db)})
    assert config["db"] == str(tracker_db)
    with pytest.raises(SystemExit):
        purge.tracker_store_config(path, env={})


def test_a_postgresql_store_gets_rasas_url():
    """The URL only: no PostgreSQL server is started in these tests."""
    pytest.importorskip("psycopg2")
    engine = purge.engine_for({"dialect": "postgresql", "url": "127.0.0.1", "port": "5433",
                               "db": "rasa", "username": "rasa", "password": "secret"})
    assert engine.url.render_as_string(hide_password=True) == \
        "postgresql://rasa:***@127.0.0.1:5433/rasa"


@pytest.mark.parametrize("text, says", [
    ("tracker_store:\n  type: redis\n  url: localhost\n", "SQL tracker store only"),
    ("action_endpoint:\n  url: http://x/webhook\n", "no tracker_store"),
])
def test_other_stores_are_refused(tmp_path, text, says, capsys):
    path = tmp_path / "e.yml"
    path.write_text(text)
    with pytest.raises(SystemExit) as refused:
        purge.tracker_store_config(path, env={})
    assert refused.value.code == 2 and says in capsys.readouterr().err


def test_a_missing_sqlite_file_is_not_created(tmp_path):
    assert purge.engine_for({"dialect": "sqlite", "db": str(tmp_path / "none.db")}) is None
    assert not (tmp_path / "none.db").exists()


def test_purge_runs_as_make_runs_it_without_pythonpath():
    done = subprocess.run([sys.executable, "-m", "ops.purge", "--days", "x"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin"})
    assert done.returncode == 2 and "DAYS must be" in done.stderr
