"""Plain meanings of trial words, read from ``bot/data/glossary.yml``."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, List

import yaml

from bot.sentences import asks, sentences

GLOSSARY_FILE = Path(__file__).parent / "data" / "glossary.yml"


@lru_cache(maxsize=1)
def _entries() -> Dict[str, dict]:
    data = yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8"))
    for term, entry in data.items():
        if not entry.get("asks") or not entry.get("means"):
            raise ValueError(f"glossary entry '{term}' needs 'asks' and 'means'")
    return data


def _words(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9]+", " ", text.lower()).strip() + " "


def define(text: str) -> List[str]:
    """Meanings for the terms a message asks about, longest phrase first; in a
    story, the terms of its question sentences before the rest ("... does that
    mean I'll definitely get 39 months before it comes back?": the median, then
    what a relapse is)."""
    hits: List[str] = []
    taken = _words(text)
    pairs = sorted(
        ((ask, term) for term, e in _entries().items() for ask in e["asks"]),
        key=lambda p: -len(p[0]),
    )
    for ask, term in pairs:
        key = _words(ask)
        if key in taken and term not in hits:
            hits.append(term)
            taken = taken.replace(key, " ")
    asked = _words(" ".join(s for s in sentences(text) if asks(s)))
    hits.sort(key=lambda t: not any(_words(a) in asked for a in _entries()[t]["asks"]))
    return [_entries()[t]["means"] for t in hits]
