"""The "warnings" patch: the command line's warning settings kept in front.

Rasa: ``PYTHONWARNINGS=ignore`` (launchers/env.sh) is not enough on its own: on
import, ``sanic/app.py`` calls ``filterwarnings("once", DeprecationWarning)``
and Rasa's logging set-up adds ``"once"`` for ``UserWarning``. Each call puts
its filter in front of the ``-W``/``PYTHONWARNINGS`` filters, so dozens of
third-party deprecation warnings print before the bot speaks.

Here: ``warnings.filterwarnings`` and ``warnings.simplefilter`` are replaced,
for the rest of the process, by versions that put later filters *behind* the
ones given on the command line, which therefore win. The launchers
(launchers/rasa_quiet.py, launchers/actions_server.py) install it first thing,
before Sanic is imported. To see the warnings again:
``PYTHONWARNINGS=default make run``.

Same result: every filter is still added, with the same arguments, only
behind the command line's; with no ``-W``/``PYTHONWARNINGS`` at all nothing
is replaced. Only which warnings print changes, never what the bot does.
"""
from __future__ import annotations

import sys
import warnings
from typing import Any

from rasa_patches import replace

_kept = False


def apply() -> None:
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

    replace(warnings, "filterwarnings", filterwarnings_behind)
    replace(warnings, "simplefilter", simplefilter_behind)
    _kept = True
