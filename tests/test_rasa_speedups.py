"""components/rasa_speedups.py: each fix gives exactly Rasa's own result: the
action server's replies validated with the schema checked once, the rules
matched with each parsed once, the intents ranked with the weights laid out
for the multiplication."""
from __future__ import annotations

import asyncio
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
    from components import rasa_speedups

    # "replies" wraps "schema": a reply that does not pass goes on to it
    assert RemoteAction._validate_action_result.__qualname__.startswith(
        rasa_speedups._checked_by_event_type.__name__)
    assert RemoteAction._validate_action_result is not _validate_action_result


@pytest.mark.parametrize("reply", VALID)
def test_valid_replies_pass_as_with_rasas_own_check(reply):
    jsonschema.validate(reply, RemoteAction.action_response_format_spec())
    assert _validate_action_result(RemoteAction("a", None), reply) is True


@pytest.mark.parametrize("reply", INVALID)
def test_invalid_replies_fail_as_with_rasas_own_check(reply):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(reply, RemoteAction.action_response_format_spec())
    for validate in (_validate_action_result, RemoteAction._validate_action_result):
        with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server"):
            validate(RemoteAction("a", None), reply)


# ------------------------------------------------------------------ replies
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
    from components.rasa_speedups import _ReplyCheck

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
    from components.rasa_speedups import _ReplyCheck

    schema = RemoteAction.action_response_format_spec()
    schema["properties"]["events"]["items"]["oneOf"].append({"properties": {}})
    check = _ReplyCheck(schema)
    assert check.by_type is None and not check.passes({"events": [], "responses": []})


@pytest.mark.parametrize("setting, fixes", [
    (None, ("schema", "rules", "classifier", "json", "extract", "history", "connections",
             "graph", "copy", "payload", "replies", "queue")),
    ("", ("schema", "rules", "classifier", "json", "extract", "history", "connections",
             "graph", "copy", "payload", "replies", "queue")),
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


# ---------------------------------------------------------------- extract
def _every_message_we_know() -> list:
    """Training examples, both held-out sets and their earlier turns."""
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parent.parent
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
    from bot.profile import read_profile
    from bot.vocabulary import canonical
    from components.profile_intent import states_anything

    left_out = 0
    for text in _every_message_we_know():
        text = canonical(text)  # as the NLU pipeline hands it on (components.vocabulary)
        if states_anything(read_profile(text)):
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
    from components.rasa_speedups import nothing_to_extract

    parse = {"text": "what are the side effects", "intent": {"name": "ask_side_effects"}}
    if stated is not None:
        parse[PROFILE_STATED] = stated
    assert nothing_to_extract(_rasa_tracker(parse, loop, requested)) is nothing


@pytest.mark.asyncio
async def test_the_action_server_is_called_unless_there_is_nothing_to_extract():
    from rasa.shared.core.events import SlotSet

    from components.profile_intent import PROFILE_STATED
    from components.rasa_speedups import _execute_validation_action

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


# --------------------------------------------------------- selective domain
def test_the_domain_goes_to_every_action_that_reads_it():
    """endpoints.yml sends the domain only where asked (Rasa's selective
    domain); rasa-sdk's validation actions read the slots and forms from it,
    so each of ours must be a validate_* action or ask with send_domain."""
    import inspect
    from pathlib import Path

    import yaml
    from rasa.shared.core.domain import Domain
    from rasa_sdk.forms import ValidationAction

    import actions.decision_actions
    import actions.profile_actions

    root = Path(__file__).resolve().parent.parent
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


# ------------------------------------------------------------ connections
async def _json_server(accepted: list):
    """A tiny HTTP/1.1 server that keeps connections open and counts them."""
    import asyncio

    async def handle(reader, writer):
        accepted.append(writer)
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                           if line.lower().startswith(b"content-length")), 0)
            await reader.readexactly(length)
            body = b'{"events": [], "responses": []}'
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                         b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
            await writer.drain()

    return await asyncio.start_server(handle, "127.0.0.1", 0)


def test_calls_to_an_endpoint_share_one_kept_connection():
    import asyncio

    from rasa.utils.endpoints import EndpointConfig

    accepted: list = []

    async def main():
        server = await _json_server(accepted)
        port = server.sockets[0].getsockname()[1]
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook",
                                  headers={"X-Action-Token": "t"})
        replies = [await endpoint.request(json={"turn": k}) for k in range(5)]
        server.close()
        return replies

    assert asyncio.run(main()) == [{"events": [], "responses": []}] * 5
    assert len(accepted) == 1  # Rasa's own made five


def test_each_event_loop_and_each_endpoint_gets_its_own_session():
    import asyncio

    from rasa.utils.endpoints import EndpointConfig

    one, two = EndpointConfig("http://127.0.0.1:1/a"), EndpointConfig("http://127.0.0.1:1/b")

    async def sessions():
        async with one.session() as a, two.session() as b, one.session() as again:
            return a, b, again

    a, b, again = asyncio.run(sessions())
    assert a is again and a is not b and not a.closed  # kept open after "async with"
    later, _, _ = asyncio.run(sessions())
    assert later is not a  # a new loop: a session of its own


def test_kept_sessions_are_closed_at_exit():
    """What the exit hook does, so aiohttp finds no session left open."""
    import asyncio

    from rasa.utils.endpoints import EndpointConfig

    from components.rasa_speedups import _close_kept

    endpoint = EndpointConfig("http://127.0.0.1:1/x")

    async def kept():
        async with endpoint.session() as session:
            return session

    session = asyncio.run(kept())
    assert not session.closed
    _close_kept()
    assert session.closed


# ------------------------------------------------------------------ graph
class _Node:
    """Like Rasa's GraphNode: called with (name, output) pairs, returns one."""

    def __init__(self, name: str, calls: list):
        self.name, self.calls = name, calls

    def __call__(self, *inputs):
        self.calls.append(self.name)
        return self.name, [self.name, [i for i in inputs]]


@pytest.mark.parametrize("seed", range(10))
def test_graphs_run_to_the_same_results_as_with_dask(seed):
    """Random graphs in the shape Rasa builds (nodes needing earlier nodes and
    inputs): the same outputs as dask.get, each needed node run once."""
    import random

    import dask

    from components.rasa_speedups import run_graph

    rnd = random.Random(seed)
    names = [f"n{k}" for k in range(rnd.randint(3, 25))]
    inputs = {"__message__": ("__message__", ["hello"]), "__tracker__": ("__tracker__", object())}

    def graph(calls):
        g = dict(inputs)
        for k, name in enumerate(names):
            earlier = names[:k] + list(inputs)
            g[name] = (_Node(name, calls), *rnd.sample(earlier, min(len(earlier),
                                                                   rnd.randint(0, 3))))
        return g

    state = rnd.getstate()
    ours_calls, dasks_calls = [], []
    ours_graph = graph(ours_calls)
    rnd.setstate(state)
    dasks_graph = graph(dasks_calls)
    targets = rnd.sample(names, rnd.randint(1, len(names)))
    assert run_graph(ours_graph, targets) == dask.get(dasks_graph, targets)
    assert sorted(ours_calls) == sorted(dasks_calls) and len(set(ours_calls)) == len(ours_calls)


def test_a_failing_node_fails_the_run_as_with_dask():
    import dask

    from components.rasa_speedups import run_graph

    def broken(*_):
        raise ValueError("node failed")

    graph = {"a": (broken,), "b": (lambda a: a, "a")}
    for run in (run_graph, dask.get):
        with pytest.raises(ValueError, match="node failed"):
            run(graph, ["b"])


# ---------------------------------------------------------------- payload
def test_the_action_server_gets_rasas_request_with_only_the_events_the_actions_read():
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import (ActionExecuted, BotUttered, SessionStarted, SlotSet,
                                         UserUttered)
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    from actions.past_events import kept
    from components.rasa_speedups import ORIGINALS, _action_call_format

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
            ORIGINALS["action_call_format"](action, tracker, domain)
        positions = kept([(e["event"], e.get("text")) for e in rasas["tracker"]["events"]])
        assert ours["tracker"].pop("events") == \
            [rasas["tracker"]["events"][i] for i in positions]
        rasas["tracker"].pop("events")
        assert ours == rasas
        assert len(positions) < 20 < len(events)


# ------------------------------------------------------------------ queue
@pytest.mark.parametrize("setting, at_once", [(None, 3), ("", 3), ("1", 1), ("8", 8), ("0", 1)])
def test_how_many_messages_a_process_works_on_at_once(setting, at_once):
    from components.rasa_speedups import messages_at_once

    assert messages_at_once(setting) == at_once


def test_a_setting_that_is_not_a_number_is_refused_by_name():
    from components.rasa_speedups import messages_at_once

    with pytest.raises(ValueError, match="MESSAGES_AT_ONCE"):
        messages_at_once("three")


def _recording_handler(log, busy, hold):
    async def handle_message(self, message):
        busy.append(message)
        log.append(("start", message, len(busy)))
        await asyncio.sleep(hold(message))
        busy.remove(message)
        log.append(("end", message))
        return [f"reply to {message}"]
    return handle_message


def test_messages_are_worked_on_a_few_at_a_time_in_order_of_arrival():
    from components.rasa_speedups import _in_turn

    log, busy = [], []
    handle = _in_turn(_recording_handler(log, busy, lambda m: 0.01 * (m % 3 + 1)), at_once=3)

    async def main():
        return await asyncio.gather(*[handle(None, m) for m in range(12)])

    replies = asyncio.run(main())
    assert replies == [[f"reply to {m}"] for m in range(12)]  # each its own answer
    starts = [entry for entry in log if entry[0] == "start"]
    assert [m for _, m, _ in starts] == list(range(12))  # in order of arrival
    assert max(at_once for _, _, at_once in starts) == 3


def test_a_message_that_waited_too_long_goes_on_beside_the_others(monkeypatch):
    from components import rasa_speedups

    monkeypatch.setattr(rasa_speedups, "TURN_WAIT_S", 0.05)
    log, busy = [], []
    stuck = asyncio.Event()

    async def hang_or_answer(self, message):
        busy.append(message)
        log.append(("start", message, len(busy)))
        if message == "stuck":
            await stuck.wait()  # say, an action server that does not answer
        busy.remove(message)
        return [message]

    handle = rasa_speedups._in_turn(hang_or_answer, at_once=1)

    async def main():
        first = asyncio.ensure_future(handle(None, "stuck"))
        await asyncio.sleep(0)
        answer = await handle(None, "I have a fever of 39")
        stuck.set()
        await first
        turn = next(iter(handle.turns.values()))
        return answer, turn

    answer, turn = asyncio.run(main())
    assert answer == ["I have a fever of 39"]
    assert ("start", "I have a fever of 39", 2) in log
    assert turn._value == 1 and not turn._waiters  # every turn given back


def test_turns_are_given_back_when_waiters_give_up_or_are_cancelled(monkeypatch):
    from components import rasa_speedups

    monkeypatch.setattr(rasa_speedups, "TURN_WAIT_S", 0.02)
    log, busy = [], []
    handle = rasa_speedups._in_turn(
        _recording_handler(log, busy, lambda m: 0.001 * (m % 7) * 5), at_once=2)

    async def main():
        tasks = [asyncio.ensure_future(handle(None, m)) for m in range(60)]
        await asyncio.sleep(0.01)
        for task in tasks[5::9]:
            task.cancel()  # the person's request went away
        await asyncio.gather(*tasks, return_exceptions=True)
        return next(iter(handle.turns.values()))

    turn = asyncio.run(main())
    assert turn._value == 2 and not turn._waiters
    assert not busy


def test_each_event_loop_has_its_own_turns():
    from components.rasa_speedups import _in_turn

    handle = _in_turn(_recording_handler([], [], lambda m: 0), at_once=1)
    asyncio.run(handle(None, 1))
    asyncio.run(handle(None, 2))  # a new loop: a semaphore of a closed one would fail
    assert len(handle.turns) <= 1  # the first loop's went with it


def test_the_queue_is_in_place_once_components_are_imported():
    from rasa.core.processor import MessageProcessor

    assert MessageProcessor.handle_message.__qualname__.startswith("_in_turn")
