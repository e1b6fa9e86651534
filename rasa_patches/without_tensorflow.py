"""The "no_tensorflow" patch: serve the model without loading TensorFlow.

Rasa: our pipeline and policies are TensorFlow-free (config.yml), but Rasa 3.6
imports TensorFlow at module level all the same: its default recipe imports
every built-in component, and ``class X(tf.keras.layers.Layer)`` needs ``tf``
to define X even when X is never used. That import cost the Rasa server 2.2 s
of its cold start and about 400 MB of its 650 MB (make bench).

Here: ``apply()`` puts a stand-in in front of TensorFlow (and the packages
that come with it) for Rasa's own modules only: a name looked up on the
stand-in is a placeholder class, so those module-level definitions still
work, and a placeholder called with one function returns it
(``@tf.function``). Anyone else (spaCy's thinc asks whether TensorFlow is
there, to offer it as a backend) is told it is not installed, as thinc
expects when it is absent.

Same result: nothing of TensorFlow's runs for a model whose every component
is on ``TENSORFLOW_FREE`` below, read from the model file's own metadata
before Rasa is imported; launchers/rasa_quiet.py installs it only for such a
model, and any other model (one with DIET or TED, say) gets the real
TensorFlow, as does ``RASA_PATCHES`` without "no_tensorflow".
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
import json
import sys
import tarfile
import types
from abc import ABCMeta
from pathlib import Path
from typing import Any, Dict, Optional, Sequence, Set

STOOD_IN = ("tensorflow", "tensorflow_addons", "tensorflow_hub", "tensorflow_text",
            "tensorflow_probability", "keras")

# Graph components that never touch TensorFlow: Rasa's own that config.yml
# uses or the default recipe adds, and ours (components/).
TENSORFLOW_FREE = frozenset({
    "NLUTrainingDataProvider", "DomainProvider", "DomainForCoreTrainingProvider",
    "StoryGraphProvider", "TrainingTrackerProvider", "RuleOnlyDataProvider", "FormsProvider",
    "ResponsesProvider", "DefaultV1RecipeValidator", "FinetuningValidator",
    "RegexMessageHandler", "NLUMessageConverter",
    "NLUPredictionToHistoryAdder", "DefaultPolicyPredictionEnsemble", "EndToEndFeaturesProvider",
    "WhitespaceTokenizer", "CountVectorsFeaturizer", "LogisticRegressionClassifier",
    "FallbackClassifier", "RegexFeaturizer", "EntitySynonymMapper", "MemoizationPolicy",
    "AugmentedMemoizationPolicy", "RulePolicy", "PatientVocabulary", "ProfileIntentHint",
    "SymptomIntentHint", "SafetyIntentOverride", "SVMIntentClassifier", "StoryIntentHint",
    "LastAnswerIntentHint", "QuestionSentences",
})


def model_components(model: Path) -> Set[str]:
    """The class names of every node in the model's graphs (its metadata.json)."""
    with tarfile.open(model, "r:gz") as archive:
        member = archive.extractfile("metadata.json")
        if member is None:
            raise OSError(f"{model}: no metadata.json")
        metadata: Dict[str, Any] = json.load(member)
    names: Set[str] = set()
    for schema in ("train_schema", "predict_schema"):
        for node in metadata.get(schema, {}).get("nodes", {}).values():
            names.add(str(node.get("uses", "")).rsplit(".", 1)[-1])
    return names


def readable_components(model: Optional[Path]) -> Optional[Set[str]]:
    """``model_components``, or None for no model or one that cannot be read."""
    if model is None or not model.is_file():
        return None
    try:
        return model_components(model)
    except (OSError, tarfile.TarError, ValueError):
        return None


def needs_tensorflow(model: Optional[Path],
                     components: Optional[Set[str]] = None) -> bool:
    """Whether the model (or an unreadable or unknown one) may need the real
    thing; ``components``, if given, are its ``readable_components``."""
    if components is None:
        components = readable_components(model)
    return components is None or not components <= TENSORFLOW_FREE


class _Placeholder(ABCMeta):
    """A class that stands for any TensorFlow name, and for every name on it."""

    def __getattr__(cls, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _placeholder(f"{cls.__qualname__}.{name}")

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        if len(args) == 1 and not kwargs and callable(args[0]):
            return args[0]  # used as a decorator: @tf.function, @register_keras_serializable()
        return cls  # a decorator factory, or a value nobody uses


def _placeholder(name: str) -> type:
    return _Placeholder(name, (), {"__qualname__": name, "__module__": "tensorflow (stand-in)"})


class _StandInModule(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        value = _placeholder(f"{self.__name__}.{name}")
        setattr(self, name, value)
        return value


def _importer() -> str:
    """The module that asked for the import (the first frame outside importlib)."""
    frame = sys._getframe(2)
    while frame is not None and (frame.f_code.co_filename.startswith("<frozen")
                                 or frame.f_globals.get("__name__") == __name__):
        frame = frame.f_back  # type: ignore[assignment]
    return str(frame.f_globals.get("__name__", "")) if frame is not None else ""


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname: str, path: Optional[Sequence[str]],
                  target: Optional[types.ModuleType] = None
                  ) -> Optional[importlib.machinery.ModuleSpec]:
        if fullname.split(".", 1)[0] not in STOOD_IN:
            return None
        asker = _importer()
        if asker.split(".", 1)[0] not in ("rasa",) + STOOD_IN:
            raise ModuleNotFoundError(f"No module named {fullname!r} (not loaded: "
                                      "rasa_patches/without_tensorflow.py)", name=fullname)
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        module = _StandInModule(spec.name)
        module.__path__ = []
        module.__version__ = "0+stand-in"  # type: ignore[attr-defined]
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        return None


def apply() -> None:
    """Put the stand-in in front of TensorFlow for the rest of this process
    (launchers/rasa_quiet.py, before Rasa is imported)."""
    if any(name in sys.modules for name in STOOD_IN):
        return  # too late: the real one is loaded
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
