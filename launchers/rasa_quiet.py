"""Run Rasa's command line with the launch-time patches to Rasa in place.

Before Rasa is imported it installs the launcher patches ``RASA_PATCHES``
selects (``rasa_patches.at_launch()``; none on a Rasa other than the one they
were checked against, docs/rasa-patches.md):

- "warnings" (rasa_patches/warning_options.py): ``PYTHONWARNINGS=ignore``
  (launchers/env.sh) is not enough on its own, since Sanic and Rasa put their
  own filters in front of it on import; with it the command line's win, and
  dozens of third-party deprecation warnings no longer print before the bot
  speaks. To see the warnings again: ``PYTHONWARNINGS=default make run``.
- "no_tensorflow" (rasa_patches/without_tensorflow.py), for ``run`` and
  ``shell`` with a model that needs none of TensorFlow: 400 MB and 2 s less.

For a model with Rasa's LogisticRegressionClassifier it also imports skops
(which loads it) before Rasa: on import skops looks up where each of 316
numpy and scipy functions lives by trying every module loaded so far, 3.3 s
with Rasa's ~2,000 loaded and none before them (the same lists either way).

Usage: ``python -m launchers.rasa_quiet run --model ...`` (any ``rasa`` arguments).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional, Sequence, Set

import rasa_patches  # stdlib only: nothing that adds warning filters
from rasa_patches import warning_options, without_tensorflow


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


def wants_stand_in(chosen: Sequence[str], model: Optional[Path],
                   components: Optional[Set[str]]) -> bool:
    """Whether to serve without TensorFlow: "no_tensorflow" selected and a
    served model whose every component is TensorFlow-free."""
    return "no_tensorflow" in chosen and model is not None \
        and not without_tensorflow.needs_tensorflow(model, components)


def main() -> None:
    try:
        chosen = rasa_patches.at_launch()
    except rasa_patches.UnknownPatch as e:
        raise SystemExit(f"rasa_quiet: {e}") from None
    if "warnings" in chosen:
        warning_options.apply()  # before Sanic or Rasa is imported
    model = served_model(sys.argv[1:])
    components = without_tensorflow.readable_components(model)  # read once (58 ms)
    if wants_stand_in(chosen, model, components):
        without_tensorflow.apply()
    if uses_skops(components):
        import skops.io  # noqa: F401 - see the module's docstring
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
