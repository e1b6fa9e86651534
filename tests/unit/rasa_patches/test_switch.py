"""rasa_patches: the one switch, RASA_PATCHES, takes all, none or known names
only, and apply() installs the in-process patches once, in registry order."""
from __future__ import annotations

import pytest

import components  # noqa: F401 - applies the patches, as loading the model does
import rasa_patches
from rasa_patches import UnknownPatch, selected

IN_PROCESS = ("schema", "rules", "classifier", "json", "connections", "extract", "history",
              "graph", "copy", "payload", "queue", "replies")
EVERY = ("warnings", "no_tensorflow") + IN_PROCESS


@pytest.mark.parametrize("setting, patches", [
    (None, EVERY), ("", EVERY), ("  ", EVERY), ("all", EVERY), (" all ", EVERY),
    ("none", ()), (" none ", ()),
    ("schema", ("schema",)),
    ("rules,classifier", ("rules", "classifier")),
    (" classifier , rules ", ("rules", "classifier")),  # registry order, spaces dropped
    ("schema,,replies,", ("schema", "replies")),
    ("no_tensorflow,warnings", ("warnings", "no_tensorflow")),
])
def test_which_patches_rasa_patches_turns_on(setting, patches):
    assert selected(setting) == patches


@pytest.mark.parametrize("setting, unknown", [
    ("schema, nonsense", "nonsense"), ("Schema", "Schema"), ("all,schema", "all"),
    ("none,rules", "none"), ("speedups", "speedups"),
])
def test_a_name_that_is_not_a_patch_is_refused_with_the_known_ones(setting, unknown):
    with pytest.raises(UnknownPatch) as refused:
        selected(setting)
    message = str(refused.value)
    assert f"no patch called {unknown}" in message
    assert all(name in message.split("known:", 1)[1] for name in EVERY)
    assert isinstance(refused.value, ValueError)


def test_the_old_fix_names_are_the_in_process_patches():
    """RASA_SPEEDUPS's twelve names mean the same under RASA_PATCHES."""
    old = ("schema", "rules", "classifier", "json", "extract", "history", "connections",
           "graph", "copy", "payload", "replies", "queue")
    assert selected(",".join(old)) == IN_PROCESS


def test_every_in_process_patch_is_installed_once_components_are_imported():
    assert rasa_patches.installed() == IN_PROCESS


def test_apply_installs_the_selected_in_process_patches_in_order_once():
    state, done = rasa_patches._State(), []
    assert rasa_patches._apply("replies,schema,no_tensorflow", rasa_patches.VERIFIED_RASA,
                               False, state, done.append) == ("schema", "replies")
    assert done == ["schema", "replies"]  # the launcher's patch is not apply()'s
    assert rasa_patches._apply(None, rasa_patches.VERIFIED_RASA, False, state,
                               done.append) == ()
    assert done == ["schema", "replies"] and state.installed == ("schema", "replies")


def test_apply_with_every_patch_installs_them_in_registry_order():
    done: list = []
    rasa_patches._apply(None, rasa_patches.VERIFIED_RASA, False, rasa_patches._State(),
                        done.append)
    assert tuple(done) == IN_PROCESS


def test_an_unknown_name_stops_apply_before_anything_is_installed():
    state, done = rasa_patches._State(), []
    with pytest.raises(UnknownPatch):
        rasa_patches._apply("schema,nonsense", rasa_patches.VERIFIED_RASA, False, state,
                            done.append)
    assert done == [] and not state.done


@pytest.mark.parametrize("setting, patches", [
    (None, ("warnings", "no_tensorflow")), ("none", ()), ("schema,rules", ()),
    ("rules,no_tensorflow", ("no_tensorflow",)), ("warnings", ("warnings",)),
])
def test_the_launchers_install_what_is_selected_of_theirs(setting, patches):
    assert rasa_patches._at_launch(setting, rasa_patches.VERIFIED_RASA, False,
                                   rasa_patches._State()) == patches


@pytest.mark.parametrize("old, value, instead", [
    ("RASA_SPEEDUPS", "none", "RASA_PATCHES=<names> (or none)"),
    ("RASA_WITH_TENSORFLOW", "1", "RASA_PATCHES without no_tensorflow"),
])
def test_a_retired_switch_is_refused_rather_than_ignored(old, value, instead):
    with pytest.raises(UnknownPatch) as refused:
        rasa_patches.from_environment({old: value, "RASA_PATCHES": "all"})
    assert old in str(refused.value) and instead in str(refused.value)


def test_the_switch_is_read_from_the_environment():
    assert rasa_patches.from_environment({"RASA_PATCHES": "schema"}) == "schema"
    assert rasa_patches.from_environment({"RASA_SPEEDUPS": ""}) is None
