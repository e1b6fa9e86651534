"""Plain meanings of trial words, read from ``bot/data/glossary.yml``."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, List

import yaml

GLOSSARY_FILE = Path(__file__).parent / "data" / "glossary.yml"


@lru_cache(maxsize=1)
def _entries() -> Dict[str, dict]:
    data = yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8"))
    for term, entry in data.items():
        if not entry.get("asks") or not entry.get("means"):
            raise ValueError(f"glossary entry '{term}' needs 'asks' and 'means'")
    return data


def define(text: str) -> List[str]:
    """Meanings for the terms a message asks about, longest phrase first."""
    norm = " " + re.sub(r"[^a-z0-9]+", " ", text.lower()) + " "
    hits: List[str] = []
    taken = norm
    pairs = sorted(
        ((ask, term) for term, e in _entries().items() for ask in e["asks"]),
        key=lambda p: -len(p[0]),
    )
    for ask, term in pairs:
        key = " " + re.sub(r"[^a-z0-9]+", " ", ask.lower()).strip() + " "
        if key in taken and term not in hits:
            hits.append(term)
            taken = taken.replace(key, " ")
    return [_entries()[t]["means"] for t in hits]
