"""rasa_patches/payload.py: the action server gets Rasa's own request with
only the events the actions read; and the domain goes only to the actions
that read it (Rasa's selective domain, endpoints.yml)."""
from __future__ import annotations

from pathlib import Path

import components  # noqa: F401 - applies the patches, as loading the model does

ROOT = Path(__file__).resolve().parents[3]
ACTION_CALL_FORMAT = "rasa.core.actions.action.RemoteAction._action_call_format"


def test_the_action_server_gets_rasas_request_with_only_the_events_the_actions_read():
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import (ActionExecuted, BotUttered, SessionStarted, SlotSet,
                                         UserUttered)
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    from actions.past_events import kept
    from rasa_patches import original
    from rasa_patches.payload import _action_call_format

    domain = Domain.load("domain.yml")
    events = [ActionExecuted("action_session_start"), SessionStarted(),
              ActionExecuted("action_listen")]
    for k in range(30):
        events += [UserUttered(f"question {k}", {"name": "ask_side_effects"}, [],
                               input_channel="rest"),
                   ActionExecuted("action_answer_topic"), BotUttered(f"answer {k}"),
                   SlotSet("age_group", "under_65"), ActionExecuted("action_listen")]
    tracker = DialogueStateTracker.from_events("s", events, domain.slots)
    for selective in (True, False):
        action = RemoteAction("action_answer_topic",
                              EndpointConfig("http://x", enable_selective_domain=selective))
        ours, rasas = _action_call_format(action, tracker, domain), \
            original(ACTION_CALL_FORMAT)(action, tracker, domain)
        positions = kept([(e["event"], e.get("text")) for e in rasas["tracker"]["events"]])
        assert ours["tracker"].pop("events") == \
            [rasas["tracker"]["events"][i] for i in positions]
        rasas["tracker"].pop("events")
        assert ours == rasas
        assert len(positions) < 20 < len(events)


# --------------------------------------------------------- selective domain
def test_the_domain_goes_to_every_action_that_reads_it():
    """endpoints.yml sends the domain only where asked (Rasa's selective
    domain); rasa-sdk's validation actions read the slots and forms from it,
    so each of ours must be a validate_* action or ask with send_domain."""
    import inspect

    import yaml
    from rasa.shared.core.domain import Domain
    from rasa_sdk.forms import ValidationAction

    import actions.decision_actions
    import actions.profile_actions

    root = ROOT
    for name in ("endpoints.yml", "endpoints-scaled.yml"):
        endpoint = yaml.safe_load((root / name).read_text())["action_endpoint"]
        assert endpoint["enable_selective_domain"] is True, name
    domain = Domain.load(str(root / "domain.yml"))
    readers = [cls for module in (actions.profile_actions, actions.decision_actions)
               for _, cls in inspect.getmembers(module, inspect.isclass)
               if issubclass(cls, ValidationAction) and not inspect.isabstract(cls)
               and cls.__module__ == module.__name__]
    assert len(readers) >= 4
    for cls in readers:
        assert domain.does_custom_action_explicitly_need_domain(cls().name()), cls
    assert not domain.does_custom_action_explicitly_need_domain("action_tailored_answer")
