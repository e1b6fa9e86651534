"""launchers/rasa_quiet.py: which launch-time patches it installs, and skops
imported before Rasa only where it loads the classifier, trusting the same
functions either way."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rasa_patches import without_tensorflow as wt
from launchers import rasa_quiet
from launchers.rasa_quiet import wants_stand_in
from tests.unit.rasa_patches.test_without_tensorflow import _model

ROOT = Path(__file__).resolve().parents[3]


def test_the_stand_in_goes_in_only_when_selected_for_a_tensorflow_free_model(tmp_path):
    ours = _model(tmp_path, ["WhitespaceTokenizer", "LogisticRegressionClassifier",
                             "RulePolicy"])
    components = wt.readable_components(ours)
    assert wants_stand_in(("warnings", "no_tensorflow"), ours, components)
    assert not wants_stand_in(("warnings",), ours, components)  # RASA_PATCHES without it
    assert not wants_stand_in((), ours, components)  # RASA_PATCHES=none
    assert not wants_stand_in(("no_tensorflow",), None, None)  # no model named
    (tmp_path / "ted").mkdir()
    ted = _model(tmp_path / "ted", ["RulePolicy", "TEDPolicy"])
    assert not wants_stand_in(("no_tensorflow",), ted, wt.readable_components(ted))


def test_an_unknown_patch_name_stops_the_launcher_naming_the_known_ones(monkeypatch):
    monkeypatch.setenv("RASA_PATCHES", "schema,no_tensorflw")
    with pytest.raises(SystemExit) as stopped:
        rasa_quiet.main()
    assert "no_tensorflw" in str(stopped.value) and "no_tensorflow" in str(stopped.value)


def test_skops_is_imported_first_only_for_a_model_whose_classifier_it_loads(tmp_path):
    from launchers.rasa_quiet import uses_skops

    def read(path):
        return wt.readable_components(path)

    assert uses_skops(read(_model(tmp_path, ["WhitespaceTokenizer",
                                             "LogisticRegressionClassifier"])))
    assert not uses_skops(read(_model(tmp_path, ["WhitespaceTokenizer", "DIETClassifier"])))
    assert not uses_skops(read(tmp_path / "missing.tar.gz"))
    (tmp_path / "broken.tar.gz").write_bytes(b"not a model")
    assert not uses_skops(read(tmp_path / "broken.tar.gz"))


SKOPS_PROBE = """
import sys, time
start = time.monotonic()
import skops.io._trusted_types as trusted
early = time.monotonic() - start
from rasa_patches import without_tensorflow
without_tensorflow.apply()
import rasa.core.agent, rasa.server
import numpy as np, scipy.special
from skops.io._utils import get_public_type_names
start = time.monotonic()
late = (get_public_type_names(module=scipy.special, oftype=np.ufunc),
        get_public_type_names(module=np, oftype=np.ufunc))
late_s = time.monotonic() - start
print(late == (trusted.SCIPY_UFUNC_TYPE_NAMES, trusted.NUMPY_UFUNC_TYPE_NAMES),
      len(late[0]) + len(late[1]), round(early, 2), round(late_s, 2))
"""


def test_skops_trusts_the_same_functions_imported_before_rasa_as_after():
    """What rasa_quiet.py's early import relies on: the lists skops's loader
    trusts come out the same (only faster) with fewer modules loaded."""
    out = subprocess.run([sys.executable, "-c", SKOPS_PROBE], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, env={"PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-2000:]
    same, count, _early_s, _late_s = out.stdout.split()
    assert same == "True" and int(count) > 300
