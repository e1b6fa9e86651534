"""rasa_patches: on a Rasa other than the one the patches were checked against
nothing is patched and one warning line says so, unless
RASA_PATCHES_ANY_VERSION=1."""
from __future__ import annotations

import logging

import pytest
import rasa

import components  # noqa: F401 - applies the patches, as loading the model does
import rasa_patches
from rasa_patches.registry import PATCHES


def _rasas_symbols() -> dict:
    """What stands in Rasa's place of every symbol a patch replaces, now."""
    found = {}
    for patch in PATCHES:
        for symbol in patch.replaces:
            owner, name = symbol.rsplit(".", 1)
            found[symbol] = vars(rasa_patches.resolve(owner)).get(name)
    return found


@pytest.fixture
def fresh(monkeypatch):
    """A process that has not applied the patches yet, as far as apply() can
    tell, whose installs are recorded instead of made."""
    done: list = []
    monkeypatch.setattr(rasa_patches, "_STATE", rasa_patches._State())
    monkeypatch.setattr(rasa_patches, "_install", done.append)
    monkeypatch.delenv("RASA_PATCHES", raising=False)
    monkeypatch.delenv("RASA_PATCHES_ANY_VERSION", raising=False)
    return done


def _warnings(caplog) -> list:
    return [r for r in caplog.records if r.name == "rasa_patches"]


def test_another_rasa_gets_no_patch_and_one_warning_line(fresh, monkeypatch, caplog):
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    before, originals = _rasas_symbols(), dict(rasa_patches.ORIGINALS)
    with caplog.at_level(logging.WARNING, logger="rasa_patches"):
        rasa_patches.apply()
        rasa_patches.apply()  # a second call: nothing more, not even a line
        assert rasa_patches._at_launch(None, "3.7.0", False, rasa_patches._STATE) == ()
    assert fresh == [] and rasa_patches.installed() == ()
    assert _rasas_symbols() == before and rasa_patches.ORIGINALS == originals
    (line,) = _warnings(caplog)
    assert line.levelno == logging.WARNING
    message = line.getMessage()
    assert "\n" not in message
    assert "3.7.0" in message and rasa_patches.VERIFIED_RASA in message
    assert "RASA_PATCHES_ANY_VERSION=1" in message and "none is applied" in message


def test_any_version_patches_another_rasa_all_the_same(fresh, monkeypatch, caplog):
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    monkeypatch.setenv("RASA_PATCHES_ANY_VERSION", "1")
    with caplog.at_level(logging.WARNING, logger="rasa_patches"):
        rasa_patches.apply()
    assert tuple(fresh) == tuple(p.name for p in PATCHES if p.applied_by == "apply()")
    assert not _warnings(caplog)


def test_the_verified_rasa_is_patched_without_a_word(fresh, caplog):
    assert rasa.__version__ == rasa_patches.VERIFIED_RASA
    with caplog.at_level(logging.WARNING, logger="rasa_patches"):
        rasa_patches.apply()
    assert len(fresh) == 12 and not _warnings(caplog)


def test_the_launchers_too_patch_nothing_on_another_rasa(caplog):
    state = rasa_patches._State()
    with caplog.at_level(logging.WARNING, logger="rasa_patches"):
        assert rasa_patches._at_launch(None, "3.7.0", False, state) == ()
        assert rasa_patches._apply(None, "3.7.0", False, state, lambda name: None) == ()
        assert rasa_patches._at_launch(None, "3.7.0", True, rasa_patches._State()) == \
            ("warnings", "no_tensorflow")
    assert len(_warnings(caplog)) == 1  # once a process, launcher and apply() together


def test_nothing_selected_on_another_rasa_says_nothing(caplog):
    with caplog.at_level(logging.WARNING, logger="rasa_patches"):
        assert rasa_patches._apply("none", "3.7.0", False, rasa_patches._State(),
                                   lambda name: None) == ()
    assert not _warnings(caplog)


def test_the_launchers_read_rasas_version_without_importing_it():
    assert rasa_patches.installed_rasa_version() == rasa.__version__
