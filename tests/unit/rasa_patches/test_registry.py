"""rasa_patches/registry.py: one entry for every patch module and one module
for every entry, each with its test, and every Rasa symbol it names still
there in the installed Rasa."""
from __future__ import annotations

import inspect
import pkgutil
from pathlib import Path

import pytest

import components  # noqa: F401 - applies the patches, as loading the model does
import rasa_patches
from rasa_patches import IN_PROCESS, LAUNCHER, ORIGINALS, original, resolve
from rasa_patches.registry import PATCHES, patch

ROOT = Path(__file__).resolve().parents[3]
NOT_PATCHES = {"registry", "docs", "fingerprints"}


def test_every_patch_module_has_exactly_one_entry_and_every_entry_a_module():
    modules = {f"rasa_patches.{m.name}" for m in pkgutil.iter_modules(rasa_patches.__path__)
               if m.name not in NOT_PATCHES}
    entries = [p.module for p in PATCHES]
    assert sorted(entries) == sorted(modules)
    assert len({p.name for p in PATCHES}) == len(PATCHES)


@pytest.mark.parametrize("entry", PATCHES, ids=lambda p: p.name)
def test_each_module_installs_with_apply_and_says_why_it_is_the_same(entry):
    module = resolve(entry.module)
    assert callable(module.apply)
    assert inspect.signature(module.apply).parameters == {}
    doc = module.__doc__ or ""
    assert f'"{entry.name}"' in doc.split("\n", 1)[0]
    for part in ("Rasa:", "Here:", "Same result:"):
        assert part in doc, (entry.name, part)


@pytest.mark.parametrize("entry", PATCHES, ids=lambda p: p.name)
def test_each_entry_has_its_test(entry):
    path = ROOT / entry.test
    assert path.is_file(), entry.test
    assert path.parent == ROOT / "tests" / "unit" / "rasa_patches"
    assert entry.module.rsplit(".", 1)[1] in path.stem


@pytest.mark.parametrize("entry", PATCHES, ids=lambda p: p.name)
def test_each_symbol_named_resolves_in_the_installed_rasa(entry):
    for symbol in entry.replaces + entry.uses_private:
        assert original(symbol) is not None, symbol
        resolve(symbol)  # still there as Rasa's or a patch's
    for symbol in entry.uses_private:
        assert symbol.startswith("rasa.") and symbol.rsplit(".", 1)[1].startswith("_"), symbol


@pytest.mark.parametrize("entry", [p for p in PATCHES if p.applied_by == IN_PROCESS],
                         ids=lambda p: p.name)
def test_what_an_installed_patch_replaced_is_kept_as_rasas_own(entry):
    assert entry.name in rasa_patches.installed()
    for symbol in entry.replaces:
        assert symbol.startswith("rasa."), symbol
        assert symbol in ORIGINALS, symbol  # apply() recorded it where the registry says
        kept = ORIGINALS[symbol]
        assert inspect.getmodule(kept).__name__.startswith("rasa."), symbol  # Rasa's, not ours
        owner, name = symbol.rsplit(".", 1)
        assert vars(resolve(owner))[name] is not getattr(kept, "__func__", kept), symbol


def test_the_patches_go_in_in_the_order_they_did_before_and_that_they_need():
    assert [p.name for p in PATCHES if p.applied_by == IN_PROCESS] == [
        "schema", "rules", "classifier", "json", "connections", "extract", "history", "graph",
        "copy", "payload", "queue", "replies"]
    assert {p.name for p in PATCHES if p.applied_by == LAUNCHER} == {"warnings",
                                                                      "no_tensorflow"}
    order = [p.name for p in PATCHES]
    for before, after in (("schema", "replies"), ("json", "connections"),
                          ("history", "copy"), ("warnings", "no_tensorflow")):
        assert order.index(before) < order.index(after)
        assert f'"{before}"' in patch(after).follows or \
            f'"{after}"' in patch(before).follows


def test_every_gain_says_when_it_was_measured():
    for entry in PATCHES:
        assert "2026-" in entry.gain and "since" in entry.gain, entry.name
