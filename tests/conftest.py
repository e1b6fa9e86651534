"""Shared fixtures: rasa-sdk trackers built from tests/fixtures/tracker.json."""
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
