"""Random conversations for the tests of "history" and "copy"."""
from __future__ import annotations


def random_events(rnd):
    """Events of the kinds that change Rasa's states, in random order: forms
    (looped actions, activation, rejection), reverts, restarts, follow-ups,
    rule-only turns."""
    from rasa.shared.core.events import (ActionExecuted, ActionExecutionRejected,
                                         ActionReverted, ActiveLoop, AllSlotsReset, BotUttered,
                                         ConversationPaused, ConversationResumed,
                                         FollowupAction, LoopInterrupted, Restarted,
                                         SessionStarted, SlotSet, UserUttered,
                                         UserUtteranceReverted)

    intents = ["greet", "inform", "ask_side_effects", "affirm", "deny"]
    actions = ["action_greet", "action_answer_topic", "utter_goodbye", "profile_form",
               "decision_form", "action_tailored_answer"]
    kinds = [
        (30, lambda: [ActionExecuted("action_listen"),
                      UserUttered("x", {"name": rnd.choice(intents), "confidence": 1.0},
                                  [{"entity": "age", "value": "61"}] if rnd.random() < .2
                                  else [])]),
        (30, lambda: [ActionExecuted(rnd.choice(actions), hide_rule_turn=rnd.random() < .3)]),
        (12, lambda: [SlotSet(rnd.choice(["age_group", "transplant", "requested_slot",
                                          "cared_for"]),
                              rnd.choice([None, "under_65", "had", "age_group", "wife"]))]),
        (8, lambda: [ActiveLoop(rnd.choice(["profile_form", "decision_form", None]))]),
        (3, lambda: [ActionExecutionRejected(rnd.choice(["profile_form", "decision_form"]))]),
        (2, lambda: [FollowupAction(rnd.choice(actions))]),
        (2, lambda: [ActionReverted()]),
        (2, lambda: [UserUtteranceReverted()]),
        (1, lambda: [rnd.choice([Restarted(), SessionStarted()])]),
        (10, lambda: [BotUttered(rnd.choice(["Hello", "About 88 in 100"]), {"buttons": []})]),
        (2, lambda: [LoopInterrupted(rnd.random() < .5)]),
        (1, lambda: [rnd.choice([ConversationPaused(), ConversationResumed(),
                                 AllSlotsReset()])]),
    ]
    weights = [w for w, _ in kinds]
    for _ in range(rnd.randint(20, 120)):
        (make,) = rnd.choices([k for _, k in kinds], weights)
        yield from make()
