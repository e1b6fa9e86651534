"""Every change this project makes to Rasa, in one place (docs/rasa-patches.md).

The bot's speed comes from changes inside Rasa Open Source 3.6.21: a method of
Rasa's replaced by one that gives the same result faster ("rules", "history",
...), and two tricks the launchers play at process start ("no_tensorflow",
"warnings"). Each is one module here with an ``apply()``, one entry in
``registry.PATCHES`` (what it replaces, which private parts of Rasa it leans
on, what it bought, the test that checks it against Rasa's own code) and one
test module in tests/unit/rasa_patches/.

The switch, ``RASA_PATCHES``: unset, empty or ``all`` for every patch (the
default, and what the bot is tested with); ``none`` for Rasa as shipped; or
a comma list of names (``schema,rules``), for make bench --levers. A name
that is not a patch stops the process with the names that are
(``UnknownPatch``), rather than quietly running without something; so does
a retired switch (``RASA_SPEEDUPS``, ``RASA_WITH_TENSORFLOW``) that is set.

The version guard: every patch was read against Rasa ``VERIFIED_RASA`` only.
On any other version nothing is patched, and one warning line says so (logger
``rasa_patches``); ``RASA_PATCHES_ANY_VERSION=1`` patches all the same, for
re-checking them against a new Rasa (then ``python -m rasa_patches.fingerprints``
shows which parts of Rasa changed under which patch).

Who installs what: loading the model imports components/, whose
``__init__`` calls ``apply()``, which installs the in-process patches in
registry order, once per process. launchers/rasa_quiet.py and
launchers/actions_server.py install "warnings", and rasa_quiet.py
"no_tensorflow", at process start (``at_launch()``), before Rasa is imported.

Two numeric settings stay as they were: ``MESSAGES_AT_ONCE`` (default 3), how
many messages one Rasa process works on at a time under "queue"; and
``TRACKER_CACHE_SIZE`` (default 200), how many conversations our tracker
store remembers (stores/sql.py: our own store, not a change to Rasa).
"""
from __future__ import annotations

import importlib
import logging
import os
import types
from dataclasses import dataclass
from typing import Any, Callable, Dict, Mapping, Optional, Tuple

VERIFIED_RASA = "3.6.21"
SWITCH = "RASA_PATCHES"
ANY_VERSION = "RASA_PATCHES_ANY_VERSION"
# The switches RASA_PATCHES replaced: set, they would now be ignored in silence.
RETIRED = {"RASA_SPEEDUPS": "RASA_PATCHES=<names> (or none)",
           "RASA_WITH_TENSORFLOW": "RASA_PATCHES without no_tensorflow"}
IN_PROCESS, LAUNCHER = "apply()", "launcher"

# Rasa's own version of each symbol a patch replaced (dotted name -> object),
# recorded before the first patch replaced it: what the tests compare with.
ORIGINALS: Dict[str, Any] = {}

logger = logging.getLogger("rasa_patches")


class UnknownPatch(ValueError):
    """``RASA_PATCHES`` named something that is not a patch."""


def known() -> Tuple[str, ...]:
    """Every patch's name, in registry order."""
    from rasa_patches.registry import PATCHES

    return tuple(patch.name for patch in PATCHES)


def selected(setting: Optional[str]) -> Tuple[str, ...]:
    """The patches ``RASA_PATCHES`` asks for, in registry order: unset, empty or
    "all" is every one, "none" is none, else a comma list of known names."""
    names = known()
    text = (setting or "").strip()
    if text in ("", "all"):
        return names
    if text == "none":
        return ()
    asked = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in asked if name not in names]
    if unknown:
        raise UnknownPatch(f"{SWITCH}={setting!r}: no patch called {', '.join(unknown)}; "
                           f"known: {', '.join(names)} (or all, none)")
    return tuple(name for name in names if name in asked)


def from_environment(env: Mapping[str, str]) -> Optional[str]:
    """``RASA_PATCHES`` from the environment; a retired switch that is set
    stops the process, saying what to set instead."""
    for old, instead in RETIRED.items():
        if env.get(old):
            raise UnknownPatch(f"{old} is no longer read: use {instead} (docs/rasa-patches.md)")
    return env.get(SWITCH)


def resolve(dotted: str) -> Any:
    """The object a dotted name stands for: the longest importable module
    prefix, then attributes (raises ImportError or AttributeError if gone)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            found = getattr(found, name)
        return found
    raise ImportError(f"nothing importable in {dotted!r}")


def original(dotted: str) -> Any:
    """Rasa's own version of ``dotted``: the one a patch replaced, or the one
    in place where no patch did."""
    return ORIGINALS[dotted] if dotted in ORIGINALS else resolve(dotted)


def replace(owner: Any, attribute: str, new: Any) -> None:
    """Put ``new`` in the place of ``owner.attribute``, recording what was there
    in ORIGINALS under its dotted name unless a patch got there first (so a
    patch that wraps another's still records Rasa's own)."""
    where = owner.__name__ if isinstance(owner, types.ModuleType) \
        else f"{owner.__module__}.{owner.__qualname__}"
    ORIGINALS.setdefault(f"{where}.{attribute}", getattr(owner, attribute))
    setattr(owner, attribute, new)


@dataclass
class _State:
    """What this process has done: patched (once), warned (once)."""

    done: bool = False
    warned: bool = False
    installed: Tuple[str, ...] = ()


_STATE = _State()


def _version_allowed(version: str, any_version: bool, state: _State) -> bool:
    """Whether patches may go in on this Rasa; the first refusal logs one line."""
    if version == VERIFIED_RASA or any_version:
        return True
    if not state.warned:
        state.warned = True
        logger.warning(
            "rasa_patches: Rasa is %s, but the patches were checked against %s only, so "
            "none is applied (Rasa runs as shipped, slower); re-check them "
            "(docs/rasa-patches.md) or set %s=1 to apply them anyway",
            version, VERIFIED_RASA, ANY_VERSION)
    return False


def _install(name: str) -> None:
    from rasa_patches.registry import patch

    importlib.import_module(patch(name).module).apply()


def _apply(setting: Optional[str], version: str, any_version: bool, state: _State,
           install: Callable[[str], None]) -> Tuple[str, ...]:
    """``apply()`` with what it reads from the process given: the in-process
    patches installed, in registry order (none on a second call)."""
    from rasa_patches.registry import patch

    if state.done:
        return ()
    names = tuple(name for name in selected(setting) if patch(name).applied_by == IN_PROCESS)
    state.done = True  # before installing: an import on the way must not start again
    if not names or not _version_allowed(version, any_version, state):
        return ()
    for name in names:
        install(name)
    state.installed = names
    return names


def apply(setting: Optional[str] = None) -> None:
    """Install the in-process patches ``RASA_PATCHES`` selects (``setting`` in
    its place if given), once per process, on Rasa ``VERIFIED_RASA`` only."""
    import rasa

    _apply(from_environment(os.environ) if setting is None else setting, rasa.__version__,
           os.environ.get(ANY_VERSION) == "1", _STATE, _install)


def installed() -> Tuple[str, ...]:
    """The in-process patches ``apply()`` installed in this process."""
    return _STATE.installed


def installed_rasa_version() -> str:
    """Rasa's version from its package metadata, without importing Rasa (the
    launchers ask before "no_tensorflow" goes in)."""
    from importlib import metadata

    try:
        return metadata.version("rasa")
    except metadata.PackageNotFoundError:
        return "not installed"


def _at_launch(setting: Optional[str], version: str, any_version: bool,
               state: _State) -> Tuple[str, ...]:
    from rasa_patches.registry import patch

    names = tuple(name for name in selected(setting) if patch(name).applied_by == LAUNCHER)
    if not names or not _version_allowed(version, any_version, state):
        return ()
    return names


def at_launch(setting: Optional[str] = None) -> Tuple[str, ...]:
    """The launcher patches ("warnings", "no_tensorflow") ``RASA_PATCHES``
    selects, for a launcher to install at process start; none on another
    Rasa (the same one warning line as ``apply()``, once per process)."""
    return _at_launch(from_environment(os.environ) if setting is None else setting,
                      installed_rasa_version(), os.environ.get(ANY_VERSION) == "1", _STATE)
