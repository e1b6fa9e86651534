"""A hash of the source of every part of Rasa each patch replaces or leans on.

A patch is only right for the Rasa code it was read against. fingerprints.json
keeps, for each registry entry, a sha256 of ``inspect.getsource`` of Rasa's
original of each symbol in its ``replaces`` and ``uses_private`` (a value that
is neither a function nor a class: of its type's name), so that a new Rasa
that changed one of them fails tests/unit/rasa_patches/test_fingerprints.py
under that patch's name, instead of going unnoticed.

    python -m rasa_patches.fingerprints           # say which differ
    python -m rasa_patches.fingerprints --write   # after re-checking the patches
"""
from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

from rasa_patches import VERIFIED_RASA, original
from rasa_patches.registry import PATCHES

PATH = Path(__file__).with_name("fingerprints.json")
Fingerprints = Dict[str, Dict[str, str]]


def fingerprint(obj: Any) -> str:
    """sha256 of the object's source, or of its type's name for a plain value."""
    if inspect.isfunction(obj) or inspect.ismethod(obj) or inspect.isclass(obj):
        text = inspect.getsource(obj)
    else:
        text = repr(type(obj).__name__)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def compute() -> Fingerprints:
    """Each patch's symbols and the fingerprints of Rasa's originals, now."""
    return {patch.name: {symbol: fingerprint(original(symbol))
                         for symbol in patch.replaces + patch.uses_private}
            for patch in PATCHES}


def stored(path: Path = PATH) -> Fingerprints:
    """The fingerprints written for Rasa ``VERIFIED_RASA``."""
    data: Dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    patches: Fingerprints = data["patches"]
    return patches


def changed(now: Fingerprints, then: Fingerprints) -> Dict[str, List[str]]:
    """By patch, the symbols whose fingerprint differs, appeared or went."""
    found: Dict[str, List[str]] = {}
    for name in sorted(set(now) | set(then)):
        mine, theirs = now.get(name, {}), then.get(name, {})
        differ = sorted(s for s in set(mine) | set(theirs) if mine.get(s) != theirs.get(s))
        if differ:
            found[name] = differ
    return found


def text(fingerprints: Fingerprints) -> str:
    """fingerprints.json as written: stable order, one symbol a line."""
    return json.dumps({"rasa": VERIFIED_RASA, "patches": fingerprints}, indent=2) + "\n"


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true",
                        help="write fingerprints.json from the installed Rasa")
    args = parser.parse_args(argv)
    now = compute()
    if args.write:
        PATH.write_text(text(now), encoding="utf-8")
        print(f"fingerprints: wrote {PATH.name} ({sum(map(len, now.values()))} symbols)")
        return 0
    differ = changed(now, stored())
    for name, symbols in differ.items():
        print(f"{name}: Rasa changed {', '.join(symbols)}")
    if not differ:
        print("fingerprints: Rasa is as every patch was checked against")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
