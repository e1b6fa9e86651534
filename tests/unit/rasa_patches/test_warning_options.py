"""rasa_patches/warning_options.py ("warnings"): filters added after it go
behind the command line's, with their own arguments, so -W/PYTHONWARNINGS win."""
from __future__ import annotations

import sys
import warnings

import pytest

import rasa_patches
from rasa_patches import warning_options


@pytest.fixture
def untouched(monkeypatch):
    """Python's warnings functions and filters, and the patch's state, put
    back as they were after the test."""
    monkeypatch.setattr(warnings, "filterwarnings", warnings.filterwarnings)
    monkeypatch.setattr(warnings, "simplefilter", warnings.simplefilter)
    monkeypatch.setattr(warning_options, "_kept", False)
    monkeypatch.setattr(rasa_patches, "ORIGINALS", {})
    with warnings.catch_warnings():
        yield monkeypatch


def test_later_filters_go_behind_the_command_lines(untouched):
    untouched.setattr(sys, "warnoptions", ["ignore"])
    pythons = warnings.filterwarnings, warnings.simplefilter
    warnings.resetwarnings()
    warnings.simplefilter("ignore")  # as -W ignore / PYTHONWARNINGS=ignore
    warning_options.apply()
    warnings.filterwarnings("once", category=DeprecationWarning)  # as sanic/app.py does
    warnings.simplefilter("once", UserWarning)  # as Rasa's logging set-up does
    warnings.filterwarnings("error", "", Warning, "", 0, False)  # append=False, positionally
    assert warnings.filters[0][0] == "ignore" and warnings.filters[0][2] is Warning
    assert [(f[0], f[2]) for f in warnings.filters[-3:]] == [
        ("once", DeprecationWarning), ("once", UserWarning), ("error", Warning)]
    assert (rasa_patches.ORIGINALS["warnings.filterwarnings"],
            rasa_patches.ORIGINALS["warnings.simplefilter"]) == pythons
    replaced = warnings.filterwarnings
    warning_options.apply()  # once a process
    assert warnings.filterwarnings is replaced


def test_without_command_line_options_nothing_is_replaced(untouched):
    untouched.setattr(sys, "warnoptions", [])
    pythons = warnings.filterwarnings, warnings.simplefilter
    warning_options.apply()
    assert (warnings.filterwarnings, warnings.simplefilter) == pythons
    assert not rasa_patches.ORIGINALS
