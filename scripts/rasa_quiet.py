"""Run Rasa's command line with the warning settings you asked for kept.

``PYTHONWARNINGS=ignore`` (scripts/env.sh) is not enough on its own: on
import, ``sanic/app.py`` calls ``filterwarnings("once", DeprecationWarning)``
and Rasa's logging set-up adds ``"once"`` for ``UserWarning``. Each call puts
its filter in front of the ``-W``/``PYTHONWARNINGS`` filters, so dozens of
third-party deprecation warnings print before the bot speaks. Here later
filters go *behind* the ones given on the command line, which therefore win;
with no ``-W``/``PYTHONWARNINGS`` at all nothing changes. To see the warnings
again: ``PYTHONWARNINGS=default make run``.

Usage: ``python scripts/rasa_quiet.py run --model ...`` (any ``rasa`` arguments).
"""
from __future__ import annotations

import sys
import warnings
from typing import Any

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


def main() -> None:
    keep_warning_options()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
