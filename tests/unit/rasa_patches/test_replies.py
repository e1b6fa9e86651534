"""rasa_patches/replies.py: a reply passes by its events' own types exactly
when it passes the whole schema, and "replies" wraps "schema"."""
from __future__ import annotations

import jsonschema
from rasa.core.actions.action import RemoteAction

import components  # noqa: F401 - applies the patches, as loading the model does
from rasa_patches.schema import _validate_action_result


def test_the_fix_is_in_place_once_components_are_imported():
    from rasa_patches import replies

    # "replies" wraps "schema": a reply that does not pass goes on to it
    assert RemoteAction._validate_action_result.__qualname__.startswith(
        replies._checked_by_event_type.__name__)
    assert RemoteAction._validate_action_result is not _validate_action_result


def _random_replies(seed: int, count: int):
    """Replies with every kind of Rasa event, and the same broken at random:
    a key dropped, a value of the wrong type, an unknown or missing event
    name, an event that is not an object, events or responses not a list."""
    import random

    from rasa.shared.core.events import (
        ActionExecuted, ActionExecutionRejected, ActionReverted, ActiveLoop, AgentUttered,
        AllSlotsReset, BotUttered, ConversationPaused, ConversationResumed, EntitiesAdded,
        FollowupAction, LoopInterrupted, ReminderCancelled, ReminderScheduled, Restarted,
        SessionStarted, SlotSet, StoryExported, UserUtteranceReverted, UserUttered)

    rng = random.Random(seed)
    wrong = [None, 1, 2.5, "x", [], {}, True, [{"a": 1}]]
    makers = [
        lambda: UserUttered(rng.choice(["hi", None]), {"name": "greet", "confidence": 0.9},
                            [{"entity": "age", "value": 61, "start": 3, "end": 5}]),
        lambda: ActionExecuted(rng.choice(["action_listen", "profile_form"]),
                               policy=rng.choice([None, "RulePolicy"]), confidence=0.5),
        lambda: SlotSet(rng.choice(["age_group", "transplant"]),
                        rng.choice([None, "under_65", True, 3, ["a"]])),
        lambda: EntitiesAdded([{"entity": "age", "value": 70}]),
        lambda: ActiveLoop(rng.choice([None, "profile_form"])),
        lambda: BotUttered("hello", {"buttons": []}), lambda: AllSlotsReset(),
        lambda: ConversationPaused(), lambda: ConversationResumed(),
        lambda: FollowupAction("utter_greet"), lambda: Restarted(),
        lambda: UserUtteranceReverted(), lambda: ActionReverted(), lambda: StoryExported(),
        lambda: SessionStarted(), lambda: AgentUttered("hi"),
        lambda: LoopInterrupted(rng.choice([True, False])),
        lambda: ActionExecutionRejected("profile_form"),
        lambda: ReminderScheduled("greet", __import__("datetime").datetime(2026, 1, 1)),
        lambda: ReminderCancelled("r1"),
    ]
    for _ in range(count):
        events = [rng.choice(makers)().as_dict() for _ in range(rng.randint(0, 6))]
        reply: object = {"events": events, "responses": [{"text": "hello"}]}
        for _ in range(rng.choice([0, 0, 1, 2])):
            if not isinstance(reply, dict):
                break
            where = rng.random()
            if where < 0.6 and events and all(isinstance(e, dict) and e for e in events):
                event = rng.choice(events)
                key = rng.choice(sorted(event))
                if rng.random() < 0.3:
                    del event[key]
                else:
                    event[key] = rng.choice(wrong + ["no_such_event"])
            elif where < 0.7 and isinstance(reply.get("events"), list):
                reply["events"].append(rng.choice(wrong))
            elif where < 0.8:
                reply[rng.choice(["events", "responses"])] = rng.choice(wrong)
            elif where < 0.9:
                reply.pop(rng.choice(["events", "responses"]), None)
            else:
                reply = rng.choice(wrong)
        yield reply


def test_a_reply_passes_by_event_type_exactly_when_it_passes_the_whole_schema():
    from rasa_patches.replies import _ReplyCheck

    schema = RemoteAction.action_response_format_spec()
    whole = jsonschema.validators.validator_for(schema)(schema)
    check = _ReplyCheck(schema)
    assert check.by_type is not None and len(check.by_type) == 23
    passed = failed = 0
    for reply in _random_replies(seed=7, count=3000):
        expected = whole.is_valid(reply)
        assert check.passes(reply) == expected, reply
        passed += expected
        failed += not expected
    assert passed > 1000 and failed > 500  # both kinds were tried


def test_a_schema_not_made_of_one_event_type_per_entry_is_not_checked_by_type():
    import copy

    from rasa_patches.replies import _ReplyCheck

    # a copy: the spec shares Rasa's EVENTS_SCHEMA, which every later check reads
    schema = copy.deepcopy(RemoteAction.action_response_format_spec())
    schema["properties"]["events"]["items"]["oneOf"].append({"properties": {}})
    check = _ReplyCheck(schema)
    assert check.by_type is None and not check.passes({"events": [], "responses": []})
