"""What several tests share: a SQLite store's bytes on disk, and the messages
that failed before issue 7."""
from __future__ import annotations

from pathlib import Path
from typing import List

import yaml

DATA = Path(__file__).resolve().parent / "data"


def stored_bytes(db: Path) -> bytes:
    """A SQLite tracker store's bytes on disk: the database and its write-ahead
    log (stores/sql.py), where a turn's words are until the log is emptied."""
    wal = db.with_name(db.name + "-wal")
    return db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def before_after() -> List[dict]:
    """The ten messages that failed before issue 7 (tests/data/before_after.yml)."""
    return yaml.safe_load((DATA / "before_after.yml").read_text())["messages"]
