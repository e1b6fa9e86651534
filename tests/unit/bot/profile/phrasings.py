"""The phrasing tables of tests/data/profile_phrasings.yml, as test parameters.

Every row is a phrasing a patient could send, with the reading the bot
should take from it. ``TODAY`` is fixed so that "born in ..." does not
depend on the clock.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Type, TypeVar

import pytest
import yaml

PHRASINGS = Path(__file__).resolve().parents[3] / "data" / "profile_phrasings.yml"
TODAY = dt.date(2026, 11, 25)
E = TypeVar("E")


@lru_cache(maxsize=1)
def data() -> Dict[str, List[Any]]:
    loaded = yaml.safe_load(PHRASINGS.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict), PHRASINGS
    return loaded


def rows(section: str) -> List[Dict[str, Any]]:
    """A section's rows as mappings; a plain string row is {"text": ...}, and
    {repeat, times} is that text repeated (a 5000-character message)."""
    out = []
    for row in data()[section]:
        row = {"text": row} if isinstance(row, str) else dict(row)
        if "repeat" in row:
            row["text"] = row.pop("repeat") * row.pop("times")
        out.append(row)
    return out


def expectings(row: Dict[str, Any]) -> List[bool]:
    """expecting: false, true or both (read unasked and just after the bot asked)."""
    value = row.get("expecting", False)
    return [False, True] if value == "both" else [bool(value)]


def params(section: str, *fields: str, each_expecting: bool = False) -> List[Any]:
    """pytest parameters (text first, then ``fields``), one per row, or one per
    row and value of ``expecting`` when ``each_expecting``."""
    out = []
    for row in rows(section):
        values = [row["text"], *(row.get(f) for f in fields)]
        for expecting in expectings(row) if each_expecting else [None]:
            extra = [] if expecting is None else [expecting]
            ident = row["text"][:50] + ("" if expecting is None else f"-{expecting}")
            out.append(pytest.param(*values, *extra, id=ident))
    return out


def enum(cls: Type[E], value: Optional[str]) -> Optional[E]:
    return None if value is None else cls(value)  # type: ignore[call-arg]
