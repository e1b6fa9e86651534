"""Shared fixtures (rasa-sdk trackers built from tests/fixtures/tracker.json), and
markers that follow the folders."""
import copy
import json
from pathlib import Path
from typing import Any, Callable, Dict, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent
UNIT = Path(__file__).resolve().parent / "unit"
E2E = Path(__file__).resolve().parent / "e2e"
SCALE = Path(__file__).resolve().parent / "scale"


@pytest.hookimpl(tryfirst=True)  # before -m selects by marker
def pytest_collection_modifyitems(items) -> None:
    """Markers follow folders, set here only: everything under tests/e2e/ is e2e
    (it starts real servers or a browser); everything under tests/scale/ is e2e
    and scale (the scaled set-up: PostgreSQL, Redis, nginx; make test-scale);
    nothing under tests/unit/ is either (tests/unit/<package>/ mirrors the
    package it tests); a test anywhere else is refused."""
    wrong = []
    for item in items:
        path = Path(item.path).resolve()
        if E2E in path.parents:
            item.add_marker(pytest.mark.e2e)
            if item.get_closest_marker("scale") is not None:
                wrong.append(f"{item.nodeid}: marked scale but in tests/e2e/")
        elif SCALE in path.parents:
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.scale)
        elif UNIT not in path.parents:
            wrong.append(f"{item.nodeid}: tests live in tests/unit/, tests/e2e/ or "
                         "tests/scale/")
        elif item.get_closest_marker("e2e") or item.get_closest_marker("scale"):
            wrong.append(f"{item.nodeid}: marked e2e or scale but in tests/unit/")
    if wrong:
        raise pytest.UsageError("\n".join(wrong))


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    return yaml.safe_load((ROOT / "domain.yml").read_text())


@pytest.fixture
def make_tracker() -> Callable[..., Tracker]:
    base = json.loads((FIXTURES / "tracker.json").read_text())

    def make(text: str = "hello", intent: str = "greet", slots: Optional[dict] = None,
             form: Optional[str] = None, requested_slot: Optional[str] = None,
             events: Optional[list] = None) -> Tracker:
        state = copy.deepcopy(base)
        if events is not None:
            state["events"] = copy.deepcopy(events)  # actions append to it
        state["latest_message"].update(text=text, intent={"name": intent, "confidence": 0.9})
        state["slots"].update(slots or {})
        state["slots"]["requested_slot"] = requested_slot
        state["active_loop"] = {"name": form} if form else {}
        return Tracker.from_dict(state)

    return make
