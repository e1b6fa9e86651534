"""Run Rasa's command line with the warning settings you asked for kept.

``PYTHONWARNINGS=ignore`` (scripts/env.sh) is not enough on its own: on
import, ``sanic/app.py`` calls ``filterwarnings("once", DeprecationWarning)``
and Rasa's logging set-up adds ``"once"`` for ``UserWarning``. Each call puts
its filter in front of the ``-W``/``PYTHONWARNINGS`` filters, so dozens of
third-party deprecation warnings print before the bot speaks. Here later
filters go *behind* the ones given on the command line, which therefore win;
with no ``-W``/``PYTHONWARNINGS`` at all nothing changes. To see the warnings
again: ``PYTHONWARNINGS=default make run``.

For ``run`` and ``shell`` it also serves a TensorFlow-free model without
loading TensorFlow (scripts/without_tensorflow.py: 400 MB and 2 s less),
and for a model with Rasa's LogisticRegressionClassifier it imports skops
(which loads it) before Rasa: on import skops looks up where each of 316
numpy and scipy functions lives by trying every module loaded so far, 3.3 s
with Rasa's ~2,000 loaded and none before them (the same lists either way).

Usage: ``python scripts/rasa_quiet.py run --model ...`` (any ``rasa`` arguments).
"""
from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path
from typing import Any, List, Optional, Set

_kept = False


def keep_warning_options() -> None:
    """Make filters added from now on rank below the command line's ones."""
    global _kept
    if not sys.warnoptions or _kept:
        return
    filterwarnings, simplefilter = warnings.filterwarnings, warnings.simplefilter

    def filterwarnings_behind(*args: Any, **kwargs: Any) -> None:
        kwargs["append"] = True
        filterwarnings(*args[:5], **kwargs)  # a sixth positional argument is append

    def simplefilter_behind(*args: Any, **kwargs: Any) -> None:
        kwargs["append"] = True
        simplefilter(*args[:3], **kwargs)  # a fourth positional argument is append

    warnings.filterwarnings = filterwarnings_behind
    warnings.simplefilter = simplefilter_behind
    _kept = True


def served_model(argv: List[str]) -> Optional[Path]:
    """The model file ``rasa run`` or ``rasa shell`` will serve, if one is named."""
    if not argv or argv[0] not in ("run", "shell"):
        return None
    for i, arg in enumerate(argv):
        if arg in ("-m", "--model") and i + 1 < len(argv):
            return Path(argv[i + 1])
        if arg.startswith("--model="):
            return Path(arg.split("=", 1)[1])
    return None


# Rasa's components whose load() reads a skops file.
SKOPS_LOADED = frozenset({"LogisticRegressionClassifier", "SklearnIntentClassifier"})


def uses_skops(components: Optional[Set[str]]) -> bool:
    """Whether loading a model of these components (None: unreadable, Rasa
    will say what is wrong) loads skops, for its intent classifier."""
    return bool(components and SKOPS_LOADED & components)


def main() -> None:
    keep_warning_options()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from scripts import without_tensorflow

    model = served_model(sys.argv[1:])
    components = without_tensorflow.readable_components(model)  # read once (58 ms)
    if os.environ.get("RASA_WITH_TENSORFLOW") != "1" and model is not None \
            and not without_tensorflow.needs_tensorflow(model, components):
        without_tensorflow.install()
    if uses_skops(components):
        import skops.io  # noqa: F401 - see the module's docstring
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
