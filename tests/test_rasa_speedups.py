"""components/rasa_speedups.py: each fix gives exactly Rasa's own result: the
action server's replies validated with the schema checked once, the rules
matched with each parsed once, the intents ranked with the weights laid out
for the multiplication."""
from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

import components  # noqa: F401 - applies the fix, as loading the model does
from components.rasa_speedups import _validate_action_result

VALID = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "age_group", "value": "under_65"}],
     "responses": [{"text": "hello", "buttons": [{"title": "Yes", "payload": "/affirm"}]}]},
    {"events": [{"event": "active_loop", "name": None}], "responses": [{"image": "x.png"}]},
]
INVALID = [
    {"events": "no", "responses": []},
    {"events": [{"event": "no_such_event"}], "responses": []},
    {"events": [], "responses": "text"},
]


def test_the_fix_is_in_place_once_components_are_imported():
    assert RemoteAction._validate_action_result is _validate_action_result


@pytest.mark.parametrize("reply", VALID)
def test_valid_replies_pass_as_with_rasas_own_check(reply):
    jsonschema.validate(reply, RemoteAction.action_response_format_spec())
    assert _validate_action_result(RemoteAction("a", None), reply) is True


@pytest.mark.parametrize("reply", INVALID)
def test_invalid_replies_fail_as_with_rasas_own_check(reply):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(reply, RemoteAction.action_response_format_spec())
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server"):
        _validate_action_result(RemoteAction("a", None), reply)


@pytest.mark.parametrize("setting, fixes", [
    (None, ("schema", "rules", "classifier", "json")),
    ("", ("schema", "rules", "classifier", "json")),
    ("none", ()), ("schema", ("schema",)), ("schema, nonsense", ("schema",)),
    ("rules,classifier", ("rules", "classifier")),
])
def test_which_fixes_rasa_speedups_turns_on(setting, fixes):
    from components.rasa_speedups import chosen

    assert chosen(setting) == fixes


# ------------------------------------------------------------------ rules
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

    from components.rasa_speedups import ORIGINALS, _get_possible_keys

    lookup, conversations = _random_rules_and_conversations(seed)
    ours, rasas = object.__new__(RulePolicy), object.__new__(RulePolicy)
    rasas._is_rule_applicable = ORIGINALS["is_rule_applicable"].__get__(rasas)
    matched = 0
    for states in conversations:
        expected = ORIGINALS["get_possible_keys"](rasas, lookup, states)
        assert _get_possible_keys(ours, lookup, states) == expected
        matched += bool(expected)
    assert matched  # the random rules do match some conversations


# ------------------------------------------------------------- classifier
def test_the_classifier_ranks_with_the_same_numbers():
    import numpy as np
    import scipy.sparse as sp
    from sklearn.linear_model import LogisticRegression

    rnd = np.random.default_rng(0)
    X = sp.random(200, 3000, density=0.01, format="csr", random_state=1)
    y = rnd.integers(0, 6, 200)
    clf = LogisticRegression(max_iter=300).fit(X, y)
    before = clf.predict_proba(X[:20])
    clf.coef_ = np.asfortranarray(clf.coef_)
    assert np.array_equal(clf.predict_proba(X[:20]), before)


def test_a_loaded_classifier_keeps_its_weights_column_by_column():
    import numpy as np

    from components.rasa_speedups import _load_classifier

    class Loaded:
        clf = type("Clf", (), {"coef_": np.arange(12.0).reshape(3, 4)})()

    class Component:
        @classmethod
        def load(cls, *args, **kwargs):
            return Loaded()

    component = _load_classifier(Component.load).__get__(None, Component)()
    assert component.clf.coef_.flags["F_CONTIGUOUS"]
    assert np.array_equal(component.clf.coef_, np.arange(12.0).reshape(3, 4))


# ------------------------------------------------------------------- json
@pytest.mark.parametrize("value", [
    {"tracker": {"events": [{"event": "user", "text": "I'm 61, had an SCT / \u00e9",
                             "parse_data": {"intent": {"confidence": 0.1 + 0.2}}}]},
     "slots": {"age_group": None, "ok": True, "n": 3}},
    {"numpy": __import__("numpy").float64(0.25)},
    {1: "a key that is not text"},
])
def test_request_bodies_read_back_as_rasas_own_encoding_does(value):
    import json

    from components.rasa_speedups import _dumps

    assert json.loads(_dumps(value)) == json.loads(json.dumps(value))


def test_an_unencodable_body_fails_as_with_rasas_own_encoding():
    import json

    from components.rasa_speedups import _dumps

    with pytest.raises(TypeError):
        json.dumps({"x": object()})
    with pytest.raises(TypeError):
        _dumps({"x": object()})


def test_rasas_endpoint_sessions_encode_with_it():
    import asyncio

    from rasa.utils.endpoints import EndpointConfig

    from components.rasa_speedups import _dumps

    async def made() -> object:
        async with EndpointConfig("http://127.0.0.1:9/webhook").session() as session:
            return session._json_serialize

    assert asyncio.run(made()) is _dumps
