"""rasa_patches/extract.py: a turn whose call to the action server is left
out is one where the action would set nothing."""
from __future__ import annotations

from pathlib import Path

import pytest

import components  # noqa: F401 - applies the patches, as loading the model does

ROOT = Path(__file__).resolve().parents[3]


def _every_message_we_know() -> list:
    """Training examples, both held-out sets and their earlier turns."""
    import yaml

    root = ROOT
    texts = []
    paths = [*sorted((root / "data" / "nlu").glob("*.yml")), root / "tests" / "nlu_holdout.yml"]
    for path in paths:
        for block in yaml.safe_load(path.read_text()).get("nlu") or []:
            texts += [line[2:].strip() for line in (block.get("examples") or "").splitlines()
                      if line.strip().startswith("- ")]
    holdout = yaml.safe_load((root / "tests" / "data" / "realistic_holdout.yml").read_text())
    for item in holdout["items"]:
        texts += [item["text"], *(item.get("before") or [])]
    return [t for t in texts if isinstance(t, str) and t]


# The slot states the action's answer could depend on (none, a carer's, a
# profile given, the transplant follow-up asked), and a form just activated.
_TRACKER_STATES = [
    {}, {"slots": {"cared_for": "husband"}},
    {"slots": {"age_group": "under_65", "transplant": "had"}},
    {"slots": {"transplant_problem": "no_reason"}},
    {"form": "profile_form"}, {"form": "decision_form", "slots": {"cared_for": "them"}},
]


@pytest.mark.asyncio
async def test_a_turn_left_out_is_one_where_the_action_would_set_nothing(make_tracker, domain):
    """For every message we know whose NLU reading states nothing, and a form
    not waiting for an answer, action_validate_slot_mappings returns no event."""
    from rasa_sdk.executor import CollectingDispatcher

    from actions.profile_actions import ActionValidateSlotMappings
    from bot.vocabulary import canonical
    from components.profile_intent import profile_stated

    left_out = 0
    for text in _every_message_we_know():
        text = canonical(text)  # as the NLU pipeline hands it on (components.vocabulary)
        if profile_stated(text):
            continue
        for state in _TRACKER_STATES:
            tracker = make_tracker(text=text, intent="inform", **state)
            events = await ActionValidateSlotMappings().run(CollectingDispatcher(), tracker,
                                                            domain)
            assert events == [], (text, state)
        left_out += 1
    assert left_out > 500


def _rasa_tracker(parse_data: dict, loop=None, requested=None):
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActiveLoop, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.load("domain.yml")
    events = [ActiveLoop(loop)] if loop else []
    events += [SlotSet("requested_slot", requested)] if requested else []
    events.append(UserUttered(parse_data.get("text", "x"), parse_data=parse_data))
    return DialogueStateTracker.from_events("s", events, slots=domain.slots)


@pytest.mark.parametrize("stated, loop, requested, nothing", [
    (False, None, None, True),
    (False, "profile_form", None, True),  # a form's activation reads the message again
    (False, "profile_form", "age_group", False),  # "I'd rather not say" answers it
    (False, "decision_form", "decision_lean", False),  # another form asking: the action runs
    (True, None, None, False),
    (None, None, None, False),  # no reading (a button's /intent): the action runs
])
def test_which_turns_have_nothing_to_extract(stated, loop, requested, nothing):
    from components.profile_intent import PROFILE_STATED
    from rasa_patches.extract import nothing_to_extract

    parse = {"text": "what are the side effects", "intent": {"name": "ask_side_effects"}}
    if stated is not None:
        parse[PROFILE_STATED] = stated
    assert nothing_to_extract(_rasa_tracker(parse, loop, requested)) is nothing


@pytest.mark.asyncio
async def test_the_action_server_is_called_unless_there_is_nothing_to_extract():
    from rasa.shared.core.events import SlotSet

    from components.profile_intent import PROFILE_STATED
    from rasa_patches.extract import _execute_validation_action

    called = []

    async def rasas_own(self, extraction_events, *rest):
        called.append(extraction_events)
        return ["validated"]

    execute = _execute_validation_action(rasas_own)
    quiet = _rasa_tracker({"text": "thanks", PROFILE_STATED: False})
    stated = _rasa_tracker({"text": "I'm 70", PROFILE_STATED: True})
    assert await execute(None, [], None, None, quiet, None) == [] and not called
    assert await execute(None, [], None, None, stated, None) == ["validated"]
    # a slot Rasa itself extracted is always validated by the action
    assert await execute(None, [SlotSet("age_group", "x")], None, None, quiet, None) == \
        ["validated"]
    assert len(called) == 2
