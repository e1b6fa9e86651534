"""rasa_patches/without_tensorflow.py ("no_tensorflow"): only a model of
TensorFlow-free components is served without TensorFlow, Rasa still imports,
and nobody else is fooled."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import tarfile
from pathlib import Path

from rasa_patches import without_tensorflow as wt
from launchers.rasa_quiet import served_model

ROOT = Path(__file__).resolve().parents[3]


def _model(tmp_path: Path, uses: list) -> Path:
    metadata = {"predict_schema": {"nodes": {
        f"node{i}": {"uses": f"rasa.some.module.{name}"} for i, name in enumerate(uses)}}}
    path = tmp_path / "model.tar.gz"
    data = json.dumps(metadata).encode()
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo("metadata.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return path


def test_a_model_of_tensorflow_free_components_does_not_need_it(tmp_path):
    ours = _model(tmp_path, ["WhitespaceTokenizer", "LogisticRegressionClassifier",
                             "RulePolicy", "SafetyIntentOverride"])
    assert not wt.needs_tensorflow(ours)


def test_any_other_component_or_an_unreadable_model_gets_the_real_one(tmp_path):
    assert wt.needs_tensorflow(_model(tmp_path, ["RulePolicy", "TEDPolicy"]))
    assert wt.needs_tensorflow(_model(tmp_path, ["SomeoneElsesComponent"]))
    assert wt.needs_tensorflow(tmp_path / "missing.tar.gz")
    (tmp_path / "junk.tar.gz").write_bytes(b"not a model")
    assert wt.needs_tensorflow(tmp_path / "junk.tar.gz")
    assert wt.needs_tensorflow(None)


def test_the_served_model_is_read_from_rasas_arguments():
    assert served_model(["run", "--model", "m.tar.gz", "--port", "1"]) == Path("m.tar.gz")
    assert served_model(["shell", "-m", "m.tar.gz"]) == Path("m.tar.gz")
    assert served_model(["run", "--model=m.tar.gz"]) == Path("m.tar.gz")
    assert served_model(["train", "--out", "x"]) is None
    assert served_model(["run"]) is None


PROBE = """
import sys
from rasa_patches import without_tensorflow
without_tensorflow.apply()
import rasa.core.agent, rasa.core.run, rasa.server
from rasa.engine.recipes import default_recipe
from rasa.core.policies.ted_policy import TEDPolicy
import thinc.compat
try:
    import tensorflow.experimental.dlpack
    print("fooled")
except ImportError:
    print("not fooled")
print("thinc has tensorflow:", thinc.compat.has_tensorflow)
print("stand-in:", type(sys.modules["tensorflow"]).__name__)
print("real loaded:", any(n.startswith("tensorflow.python") for n in sys.modules))
"""


def test_rasa_imports_with_the_stand_in_and_nobody_else_is_fooled():
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, env={"PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-2000:]
    assert "not fooled" in out.stdout
    assert "thinc has tensorflow: False" in out.stdout
    assert "stand-in: _StandInModule" in out.stdout
    assert "real loaded: False" in out.stdout


def test_every_component_in_config_yml_is_known_to_be_tensorflow_free():
    """A new component must be added to TENSORFLOW_FREE (after checking it
    imports no TensorFlow), or the Rasa server loads the real thing."""
    import yaml

    from rasa_patches.without_tensorflow import TENSORFLOW_FREE

    config = yaml.safe_load((ROOT / "config.yml").read_text())
    names = {str(c["name"]).rsplit(".", 1)[-1] for c in config["pipeline"] + config["policies"]}
    assert names <= TENSORFLOW_FREE, names - TENSORFLOW_FREE
