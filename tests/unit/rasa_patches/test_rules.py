"""rasa_patches/rules.py: the rules matched with each parsed once and indexed
by their last state are exactly those Rasa's own matching finds, on random
rules and conversations."""
from __future__ import annotations

import pytest

import components  # noqa: F401 - applies the patches, as loading the model does

RULE_POLICY = "rasa.core.policies.rule_policy.RulePolicy"


def _random_rules_and_conversations(seed: int):
    import json
    import random

    rnd = random.Random(seed)
    intents = ["greet", "inform", "ask_risk", "affirm"]
    actions = ["action_listen", "utter_greet", "action_answer", "profile_form"]

    def state(start: bool = False) -> dict:
        s: dict = {} if start else {"prev_action": {"action_name": rnd.choice(actions)}}
        if not start and rnd.random() < 0.1:  # the shapes Rasa's check treats specially
            s["prev_action"] = rnd.choice([{}, {"action_text": "hi"}, {"action_name": ""},
                                           {"action_name": "should_not_be_set"}])
        if rnd.random() < 0.7:
            s["user"] = {"intent": rnd.choice(intents + ["should_not_be_set", ""])
                         if rnd.random() < 0.2 else rnd.choice(intents)}
        if rnd.random() < 0.3:
            s["slots"] = {"age_group": (1.0,) if rnd.random() < 0.5 else "should_not_be_set"}
        if rnd.random() < 0.2:
            s["active_loop"] = {"name": rnd.choice(["profile_form", "should_not_be_set"])}
        return s

    lookup = {}
    for _ in range(80):
        n = rnd.randint(1, 5)
        rule = [state(start=(k == 0 and rnd.random() < 0.3)) for k in range(n)]
        lookup[json.dumps(rule)] = rnd.choice(actions)
    conversations = [[state(start=(k == 0)) for k in range(rnd.randint(0, 30))]
                     for _ in range(300)]
    return lookup, conversations


@pytest.mark.parametrize("seed", range(20))
def test_rules_match_exactly_as_rasas_own_matching(seed):
    from rasa.core.policies.rule_policy import RulePolicy

    from rasa_patches import original
    from rasa_patches.rules import _get_possible_keys

    lookup, conversations = _random_rules_and_conversations(seed)
    ours, rasas = object.__new__(RulePolicy), object.__new__(RulePolicy)
    rasas._is_rule_applicable = original(f"{RULE_POLICY}._is_rule_applicable").__get__(rasas)
    matched = 0
    for states in conversations:
        expected = original(f"{RULE_POLICY}._get_possible_keys")(rasas, lookup, states)
        assert _get_possible_keys(ours, lookup, states) == expected
        matched += bool(expected)
    assert matched  # the random rules do match some conversations
