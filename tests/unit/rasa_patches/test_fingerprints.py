"""rasa_patches/fingerprints.json: the parts of Rasa each patch replaces or
leans on are the code the patch was checked against."""
from __future__ import annotations

import hashlib
import json

import components  # noqa: F401 - applies the patches, as loading the model does
from rasa_patches import VERIFIED_RASA, fingerprints
from rasa_patches.registry import PATCHES


def test_rasa_has_not_changed_under_any_patch():
    differ = fingerprints.changed(fingerprints.compute(), fingerprints.stored())
    assert not differ, "\n".join(
        f"Rasa changed under patch {name!r} ({', '.join(symbols)}): re-check it against "
        "Rasa's new code, then run `python -m rasa_patches.fingerprints --write`"
        for name, symbols in differ.items())


def test_the_file_covers_every_symbol_of_every_patch_for_the_verified_rasa():
    data = json.loads(fingerprints.PATH.read_text(encoding="utf-8"))
    assert data["rasa"] == VERIFIED_RASA
    assert {name: set(symbols) for name, symbols in data["patches"].items()} == \
        {p.name: set(p.replaces + p.uses_private) for p in PATCHES}
    assert fingerprints.PATH.read_text(encoding="utf-8") == fingerprints.text(data["patches"])


def test_a_change_is_told_under_the_patch_it_touches():
    now = {"rules": {"a": "1", "b": "2"}, "graph": {"c": "3"}}
    then = {"rules": {"a": "1", "b": "changed"}, "graph": {"c": "3", "gone": "4"}}
    assert fingerprints.changed(now, then) == {"rules": ["b"], "graph": ["gone"]}


def test_a_value_is_fingerprinted_by_its_type_and_code_by_its_source():
    assert fingerprints.fingerprint(3) == hashlib.sha256(repr("int").encode()).hexdigest()

    def f() -> None:
        return None

    assert fingerprints.fingerprint(f) != fingerprints.fingerprint(lambda: None)
