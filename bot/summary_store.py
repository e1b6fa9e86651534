"""Where printable summaries wait to be opened: a small SQLite file.

The action server saves a summary's record under a long random token and
the web page shows it at ``/summary/<token>`` until it expires. An expired
record is deleted; only its token and expiry stay a while longer, so the
page can say "expired" rather than "not found". The file is readable by its
owner only.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3
import time
from enum import Enum
from pathlib import Path
from typing import Optional, Tuple

from bot.summary import SummaryRecord

ROOT = Path(__file__).resolve().parent.parent
DB_ENV = "SUMMARY_DB"
TTL_ENV = "SUMMARY_TTL_HOURS"
DEFAULT_DB = ROOT / "var" / "summaries.db"
DEFAULT_TTL_HOURS = 72
FORGET_EXPIRED_AFTER_SECONDS = 30 * 24 * 3600
TOKEN_BYTES = 32
TOKEN = re.compile(r"^[A-Za-z0-9_-]{40,64}$")


class Found(str, Enum):
    OK = "ok"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


class SummaryStore:
    def __init__(self, path: Path, ttl_hours: float = DEFAULT_TTL_HOURS) -> None:
        self.path = Path(path)
        self.ttl_seconds = ttl_hours * 3600

    def _connect(self) -> sqlite3.Connection:
        new = not self.path.exists()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=5)
        if new:
            os.chmod(self.path, 0o600)
        conn.execute("CREATE TABLE IF NOT EXISTS summaries (token TEXT PRIMARY KEY, "
                     "expires REAL NOT NULL, record TEXT)")
        return conn

    def save(self, record: SummaryRecord, now: Optional[float] = None) -> str:
        """Keep ``record`` and return its new token (43 random URL-safe characters)."""
        now = time.time() if now is None else now
        token = secrets.token_urlsafe(TOKEN_BYTES)
        with self._connect() as conn:
            self._tidy(conn, now)
            conn.execute("INSERT INTO summaries VALUES (?, ?, ?)",
                         (token, now + self.ttl_seconds, record.json()))
        conn.close()
        return token

    def load(self, token: str,
             now: Optional[float] = None) -> Tuple[Found, Optional[SummaryRecord]]:
        if not TOKEN.match(token or ""):
            return Found.UNKNOWN, None
        now = time.time() if now is None else now
        with self._connect() as conn:
            self._tidy(conn, now)
            row = conn.execute("SELECT expires, record FROM summaries WHERE token = ?",
                               (token,)).fetchone()
        conn.close()
        if row is None:
            return Found.UNKNOWN, None
        expires, record = row
        if record is None or expires <= now:
            return Found.EXPIRED, None
        return Found.OK, SummaryRecord.parse_obj(json.loads(record))

    @staticmethod
    def _tidy(conn: sqlite3.Connection, now: float) -> None:
        """Expired records are deleted; their tokens go after a month."""
        conn.execute("UPDATE summaries SET record = NULL WHERE expires <= ? AND record "
                     "IS NOT NULL", (now,))
        conn.execute("DELETE FROM summaries WHERE expires <= ?",
                     (now - FORGET_EXPIRED_AFTER_SECONDS,))


def default_store() -> SummaryStore:
    """The store both servers use: ``SUMMARY_DB`` and ``SUMMARY_TTL_HOURS``."""
    path = Path(os.environ.get(DB_ENV) or DEFAULT_DB)
    try:
        ttl = float(os.environ.get(TTL_ENV) or DEFAULT_TTL_HOURS)
    except ValueError:
        ttl = DEFAULT_TTL_HOURS
    return SummaryStore(path, ttl if ttl > 0 else DEFAULT_TTL_HOURS)
