"""Fixes to Rasa 3.6's speed, applied when our components are imported (that
is, whenever a Rasa process loads our model: run, shell, test). Each gives
the same answers as Rasa's own code, and each can be switched off
(``RASA_SPEEDUPS``) so make bench --levers shows what it bought.

"schema": ``RemoteAction._validate_action_result`` checks every action server reply with
``jsonschema.validate(reply, schema)``, which first checks the *schema itself*
against its meta-schema, every time. Under 200 people at once that was 64% of
the Rasa server's CPU (py-spy). The schema is a constant, so it is checked
once here and its validator kept; replies are validated exactly as before, and
an invalid one raises the same ``ValidationError`` with Rasa's own advice.

"rules": ``RulePolicy`` parses every rule back from its JSON key for every
turn of the conversation it compares, at every prediction, and goes on
comparing turns older than its longest rule, which every rule passes: the
first Rasa-server cost (23%) once the tracker store remembered conversations,
and it grew with the conversation. Here each key is parsed once; the ~800
rules are indexed by what their last state asks (previous action, intent),
so only those that can match the latest state are checked (as Rasa checks
them); and the comparison stops once no remaining rule is that long.

"json": Rasa sends the action server the whole conversation as JSON twice a
message (reading the profile, then answering), encoded by the standard
library's ``json``: the first Rasa-server cost (13%) once the rules were
indexed. ujson (installed with Sanic) encodes the same JSON three times as
fast; anything it cannot encode goes to ``json`` as before.

"classifier": ``LogisticRegressionClassifier`` multiplies each message by
the transposed weights; stored row by row, scipy copies all of them first
(55 intents x 12,212 features, every message). They are stored column by
column once at load: the same numbers, without the copy.

"extract": after every message Rasa rebuilds the conversation and calls the
action server's ``action_validate_slot_mappings``, which reads the profile
from the message (actions/profile_actions.py); a form's activation calls it
again. When no form waits for an answer, Rasa itself extracted no slot and
the NLU pipeline's profile reader
found nothing in the message (``profile_stated`` is False,
components/profile_intent.py), that action sets nothing, so the call is left
out: 16% of the Rasa server's time on such a message (py-spy, 20 people at
once). tests/test_rasa_speedups.py runs the action on such messages to show it.
(Tried once before the rules were indexed, with the reading done a second
time in the Rasa server, it bought nothing; the NLU pipeline reads it now.)

"history": to predict each next action, each policy turns the conversation
into states by replaying it from its first event (``applied_events``, then
``Domain.states_for_tracker_history``): five replays a message, each as long
as the conversation, half of a turn's time by turn 100. Here each replay
carries on from where the last one stopped, for as long as the tracker's
events still begin with the very events it replayed; a revert, a restart or
a loop's undone turn that changes them starts it afresh, as does a loop name
never seen before (Rasa reads those from the whole conversation). The last
state is made afresh each time and handed out as a copy, because the
featurizers edit it. (components/rasa_history.py)

"copy": before running each action (three or four a message) Rasa copies
the tracker by replaying all its events into a new one, and a form's
activation copies that copy again: 6% of the Rasa server's time in a long
conversation, growing with it. Here the replay is kept on the tracker and
carried on with the new events, like "history", and the copy is made from
it: its own events, slots, latest action and loop, the same event objects.
(components/rasa_history.py)

"connections": Rasa's ``EndpointConfig.request`` makes a new aiohttp
session, so a new TCP connection, for every call to the action server. Here
each endpoint keeps one session per event loop (so one per Sanic worker),
whose connections stay open between calls (the action server keeps idle
connections longer than aiohttp does, scripts/actions_server.py); the
sessions are closed at exit.

"graph": Rasa runs its NLU pipeline and its policies as graphs, three times
a message, through dask's scheduler, and works out the graph needed for the
targets each time: a quarter of a message parse (2.64 -> 2.00 ms here).
Here the graph for each set of targets is kept, and its nodes are called
in order by ``run_graph``: each once, after what it needs, as dask does.

"replies": every event in an action server reply is checked against the
schema's ``oneOf`` of all 23 event types, each tried and its failures
collected: 5% of the Rasa server's time (py-spy, 20 people at once). Each
type's schema names its own ``event`` value, so at most one can ever match:
here each event is checked against that one alone (with what all events
share), and the rest of the reply as before. A reply that does not pass is
then checked by Rasa's own way, so its error is exactly Rasa's.

"queue": a Rasa process works on every message that has arrived at once,
each a little at a time between its calls to the action server, so under
load a message that needs three calls (a profile) waits through three
times as many rounds as one that needs one: at 20 people at once its p95
was twice the others'. Here a process works on ``MESSAGES_AT_ONCE`` (3)
at a time and the rest wait their turn in order of arrival (a message that
has waited 5 s goes on beside them, as before): the same work in a steadier
order, so the slowest answers come sooner. (It is the one fix that changes
when, not what: every reply is Rasa's own.)
"""
from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Optional, Set, Text, Tuple

from components.rasa_history import _applied_events, _copy, _states_for_tracker_history

_validator: Optional[Any] = None


def _validate_action_result(self: Any, result: Dict[Text, Any]) -> bool:
    from jsonschema import exceptions, validators
    from rasa.shared.constants import DOCS_BASE_URL

    global _validator
    if _validator is None:
        schema = self.action_response_format_spec()
        cls = validators.validator_for(schema)
        cls.check_schema(schema)
        _validator = cls(schema)
    error = exceptions.best_match(_validator.iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your "
            "response from the Action endpoint is valid. For more information about "
            f"the format visit {DOCS_BASE_URL}/custom-actions")
        raise error
    return True


class _ReplyCheck:
    """Whether a reply passes the action response schema, each event checked
    against its own type's schema only ("replies"). ``passes`` is True only
    for replies the whole schema passes; None if the schema is not one event
    type per ``oneOf`` entry (then nothing is checked this way)."""

    def __init__(self, schema: Dict[Text, Any]) -> None:
        import copy

        from jsonschema import validators

        cls = validators.validator_for(schema)
        items = schema.get("properties", {}).get("events", {}).get("items", {})
        types = [entry.get("properties", {}).get("event", {}).get("const")
                 for entry in items.get("oneOf", [])]
        self.by_type: Optional[Dict[str, Any]] = None
        if not types or not all(isinstance(t, str) for t in types) \
                or len(set(types)) != len(types) or "event" not in items.get("required", []):
            return
        shared = {key: value for key, value in items.items() if key != "oneOf"}
        rest = copy.deepcopy(schema)
        rest["properties"]["events"]["items"] = {}
        own = {t: {"allOf": [shared, entry]}
               for t, entry in zip(types, items["oneOf"], strict=True)}
        for each in [rest, *own.values()]:
            cls.check_schema(each)
        self.rest = cls(rest)
        self.by_type = {t: cls(each) for t, each in own.items()}

    def passes(self, reply: Any) -> bool:
        if self.by_type is None or not self.rest.is_valid(reply):
            return False
        for event in reply.get("events", []):
            name = event.get("event") if isinstance(event, dict) else None
            check = self.by_type.get(name) if isinstance(name, str) else None
            if check is None or not check.is_valid(event):
                return False
        return True


_reply_check: Optional[_ReplyCheck] = None


def _checked_by_event_type(validate: Any) -> Any:
    """``_validate_action_result`` that passes a reply at once when its events
    pass their own types' schemas, and otherwise validates it as ``validate``."""

    def _validate_action_result(self: Any, result: Dict[Text, Any]) -> bool:
        global _reply_check
        if _reply_check is None:
            _reply_check = _ReplyCheck(self.action_response_format_spec())
        if _reply_check.passes(result):
            return True
        return bool(validate(self, result))

    return _validate_action_result


def _action_call_format(self: Any, tracker: Any, domain: Any) -> Dict[Text, Any]:
    """Rasa 3.6's ``RemoteAction._action_call_format``, with only the events
    the actions read (actions/past_events.py)."""
    import rasa
    from rasa.shared.core.trackers import EventVerbosity

    from actions.past_events import kept

    events = list(tracker.events)
    state = tracker.current_state(EventVerbosity.NONE)
    state["events"] = [events[i].as_dict()
                       for i in kept([(e.type_name, getattr(e, "text", None)) for e in events])]
    result = {"next_action": self._name, "sender_id": tracker.sender_id, "tracker": state,
              "version": rasa.__version__}
    if not self._is_selective_domain_enabled() \
            or domain.does_custom_action_explicitly_need_domain(self.name()):
        result["domain"] = domain.as_dict()
    return result


def _reversed_rule_states(policy: Any, rule_key: str) -> List[Dict[str, Any]]:
    memo: Dict[str, List[Dict[str, Any]]] = policy.__dict__.setdefault("_rule_states_memo", {})
    states = memo.get(rule_key)
    if states is None:
        states = memo[rule_key] = list(reversed(json.loads(rule_key)))
    return states


PREVIOUS_ACTION, USER, SHOULD_NOT_BE_SET = "prev_action", "user", "should_not_be_set"
_ANY = object()  # a rule that does not ask for a particular value
_START = "start"  # rules that begin a conversation: Rasa lets them through unchecked


def _is_rule_applicable(self: Any, rule_key: str, turn_index: int,
                        conversation_state: Dict[str, Any]) -> bool:
    """Rasa 3.6's ``RulePolicy._is_rule_applicable``, with the key parsed once."""
    reversed_rule_states = _reversed_rule_states(self, rule_key)
    if turn_index >= len(reversed_rule_states):
        return True
    current_previous_action = conversation_state.get(PREVIOUS_ACTION)
    rule_previous_action = reversed_rule_states[turn_index].get(PREVIOUS_ACTION)
    if not rule_previous_action and not current_previous_action:
        return True
    if not rule_previous_action or not current_previous_action:
        return False
    return bool(self._does_rule_match_state(reversed_rule_states[turn_index],
                                            conversation_state))


def _asked(sub_state: Any, key: str) -> Any:
    """The value a rule's state requires for ``key``, or _ANY when Rasa's
    match would accept several (unset, empty, "should not be set", a list)."""
    value = sub_state.get(key) if isinstance(sub_state, dict) else None
    return value if isinstance(value, str) and value and value != SHOULD_NOT_BE_SET else _ANY


def _rule_index(policy: Any, lookup: Dict[str, str]) -> Dict[Any, List[str]]:
    """Rules by what their last state asks of the latest one: the previous
    action and the intent (a rule whose last state has no previous action is
    a conversation start, which Rasa's check lets through)."""
    memo = policy.__dict__.setdefault("_rule_index_memo", {})
    cached = memo.get(id(lookup))
    if cached is not None and cached[0] is lookup and cached[1] == len(lookup):
        return cached[2]
    index: Dict[Any, List[str]] = {}
    for key in lookup:
        last = _reversed_rule_states(policy, key)[0]
        bucket = (_asked(last[PREVIOUS_ACTION], "action_name"), _asked(last.get(USER), "intent")) \
            if last.get(PREVIOUS_ACTION) else _START
        index.setdefault(bucket, []).append(key)
    memo[id(lookup)] = (lookup, len(lookup), index)
    return index


def _candidates(policy: Any, lookup: Dict[str, str], latest: Dict[str, Any]) -> Set[str]:
    """The rules that can pass Rasa's check of the latest state (a superset:
    each is still checked); the others would fail it on the previous action
    or the intent."""
    index = _rule_index(policy, lookup)
    found = set(index.get(_START, ()))
    if not latest.get(PREVIOUS_ACTION):
        return found  # only conversation-start rules pass a state without one
    action = latest[PREVIOUS_ACTION].get("action_name")
    intent = (latest.get(USER) or {}).get("intent")
    for bucket in ((action, intent), (action, _ANY), (_ANY, intent), (_ANY, _ANY)):
        found.update(index.get(bucket, ()))
    return found


def _get_possible_keys(self: Any, lookup: Dict[str, str],
                       states: List[Dict[str, Any]]) -> Set[str]:
    """Rasa 3.6's ``RulePolicy._get_possible_keys``: the same rules, found
    from an index of their last state instead of by checking all 800, and
    no longer compared once every remaining rule is shorter than the turns."""
    if not states:
        return set(lookup.keys())
    possible_keys = _candidates(self, lookup, states[-1])
    for i, state in enumerate(reversed(states)):
        if i >= max((len(_reversed_rule_states(self, k)) for k in possible_keys), default=0):
            break
        possible_keys = {k for k in possible_keys if self._is_rule_applicable(k, i, state)}
    return possible_keys


def _load_classifier(original: Any) -> Any:
    def load(cls: Any, *args: Any, **kwargs: Any) -> Any:
        import numpy as np

        component = original.__func__(cls, *args, **kwargs)
        clf = getattr(component, "clf", None)
        if clf is not None and hasattr(clf, "coef_"):
            clf.coef_ = np.asfortranarray(clf.coef_)  # so coef_.T is C-ordered: no copy
        return component

    return classmethod(load)


def _dumps(value: Any) -> str:
    """JSON text for a request body: ujson, or the standard library's json."""
    try:
        import ujson

        return str(ujson.dumps(value, escape_forward_slashes=False))
    except (ImportError, TypeError, OverflowError, ValueError):
        return json.dumps(value)


def _session(self: Any) -> Any:
    """Rasa 3.6's ``EndpointConfig.session``, encoding request bodies with _dumps."""
    import aiohttp
    from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT

    auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"]) \
        if self.basic_auth else None
    return aiohttp.ClientSession(headers=self.headers, auth=auth, json_serialize=_dumps,
                                 timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT))


class _Kept:
    """``async with`` gives the kept session and leaves it open."""

    def __init__(self, session: Any) -> None:
        self.session = session

    async def __aenter__(self) -> Any:
        return self.session

    async def __aexit__(self, *_: Any) -> None:
        return None


_KEPT = "_myeloma_kept_session"
_ALL_KEPT: List[Any] = []  # closed at exit, so aiohttp finds none left open


def _close_kept() -> None:
    for session in _ALL_KEPT:
        connector = session.connector
        if connector is not None and not connector.closed:
            connector._close()  # the event loop has gone: its sockets, at once


def _kept_session(make: Any) -> Any:
    """``EndpointConfig.session`` that gives each endpoint one session per
    event loop, kept between calls: its connections stay open (Rasa made a
    new session, and a new connection, for every call to the action server)."""
    def session(self: Any) -> Any:
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return make(self)
        kept = self.__dict__.get(_KEPT)
        if kept is None or kept[0] is not loop or kept[1].closed:
            if not _ALL_KEPT:
                import atexit

                atexit.register(_close_kept)
            kept = self.__dict__[_KEPT] = (loop, make(self))
            _ALL_KEPT[:] = [s for s in _ALL_KEPT if not s.closed] + [kept[1]]
        return _Kept(kept[1])

    return session


def run_graph(graph: Dict[str, Any], targets: List[str]) -> Tuple[Any, ...]:
    """``dask.get(graph, targets)`` for the graphs Rasa builds: each node a
    task ``(GraphNode, *names of the nodes it needs)``, each input a plain
    tuple ``(name, value)``. Every node runs once (as with dask, all of them:
    Rasa hands over the minimal graph for its targets), after what it needs,
    in this thread, and an exception reaches the caller as it was raised."""
    done: Dict[str, Any] = {}

    def value(key: str) -> Any:
        if key not in done:
            task = graph[key]
            if isinstance(task, tuple) and task and callable(task[0]):
                done[key] = task[0](*(value(need) for need in task[1:]))
            else:
                done[key] = task  # an input, as given
        return done[key]

    for key in graph:
        value(key)
    return tuple(done[target] for target in targets)


def _graph_run(self: Any, inputs: Optional[Dict[str, Any]] = None,
               targets: Optional[List[str]] = None) -> Dict[str, Any]:
    """Rasa 3.6's ``DaskGraphRunner.run``, with the graph run by run_graph and
    the minimal graph for each set of targets worked out once."""
    from rasa.engine.exceptions import GraphRunError

    run_targets = targets if targets else self._graph_schema.target_names
    memo = self.__dict__.setdefault("_myeloma_graphs", {})
    key = tuple(run_targets)
    if key not in memo:
        memo[key] = self._build_dask_graph(self._graph_schema.minimal_graph_schema(run_targets))
    graph = dict(memo[key])
    if inputs:
        self._add_inputs_to_graph(inputs, graph)
    try:
        return dict(run_graph(graph, list(run_targets)))
    except RuntimeError as e:
        raise GraphRunError("Error running runner.") from e


def nothing_to_extract(tracker: Any) -> bool:
    """Whether ``action_validate_slot_mappings`` has nothing to read this turn:
    no form is waiting for an answer (none active, or one just activated) and
    the profile reader found nothing in the message."""
    from rasa.shared.core.constants import REQUESTED_SLOT

    from components.profile_intent import PROFILE_STATED

    message = tracker.latest_message
    asking = tracker.active_loop_name is not None and tracker.get_slot(REQUESTED_SLOT) is not None
    return not asking and message is not None and message.parse_data.get(PROFILE_STATED) is False


def _execute_validation_action(original: Any) -> Any:
    async def execute(self: Any, extraction_events: List[Any], output_channel: Any, nlg: Any,
                      tracker: Any, domain: Any) -> List[Any]:
        from rasa.shared.core.events import SlotSet

        if not any(isinstance(e, SlotSet) for e in extraction_events) \
                and nothing_to_extract(tracker):
            return []
        return await original(self, extraction_events, output_channel, nlg, tracker, domain)

    return execute


DEFAULT_AT_ONCE = 3
# A message waits no longer than this for its turn, then goes on beside the
# others, as without "queue" (say, behind messages whose action server hangs).
TURN_WAIT_S = 5.0


def messages_at_once(setting: Optional[str]) -> int:
    """``MESSAGES_AT_ONCE``: how many messages one Rasa process works on at a
    time ("queue"); the rest wait their turn in order of arrival."""
    try:
        return max(1, int(setting)) if setting not in (None, "") else DEFAULT_AT_ONCE
    except ValueError:
        raise ValueError(f"MESSAGES_AT_ONCE must be a whole number, not {setting!r}") from None


def _in_turn(handle_message: Any, at_once: int) -> Any:
    """``MessageProcessor.handle_message`` taken ``at_once`` at a time in order
    of arrival, per event loop (so per Sanic worker)."""
    import asyncio
    import weakref

    turns: "weakref.WeakKeyDictionary[Any, asyncio.Semaphore]" = weakref.WeakKeyDictionary()

    async def in_turn(self: Any, message: Any) -> Any:
        loop = asyncio.get_running_loop()
        turn = turns.get(loop)
        if turn is None:
            turn = turns[loop] = asyncio.Semaphore(at_once)
        try:
            await asyncio.wait_for(turn.acquire(), TURN_WAIT_S)
        except asyncio.TimeoutError:
            return await handle_message(self, message)
        try:
            return await handle_message(self, message)
        finally:
            turn.release()

    in_turn.turns = turns  # type: ignore[attr-defined]  # for the tests
    return in_turn


# ------------------------------------------------------------------ history
# The memos live on the tracker itself, so they go when it goes, and are
# used only while the tracker's events still begin with those they were made
# from (the very same objects, in the same order).
FIXES = ("schema", "rules", "classifier", "json", "extract", "history", "connections",
         "graph", "copy", "payload", "replies", "queue")
# Rasa's own versions of what apply() replaced, for the tests that compare them.
ORIGINALS: Dict[str, Any] = {}


def chosen(setting: Optional[str]) -> Tuple[str, ...]:
    """``RASA_SPEEDUPS``: unset means all; "none", or a comma list of FIXES
    (make bench measures each; nobody else needs to set it)."""
    if setting is None or not setting.strip():
        return FIXES
    names = tuple(n.strip() for n in setting.split(",") if n.strip() in FIXES)
    return names


def apply() -> None:
    from rasa.core.actions.action import ActionExtractSlots, RemoteAction
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.core.processor import MessageProcessor
    from rasa.engine.runner.dask import DaskGraphRunner
    from rasa.nlu.classifiers.logistic_regression_classifier import (
        LogisticRegressionClassifier,
    )
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    if getattr(RemoteAction, "_myeloma_speedups", False):
        return
    fixes = chosen(os.environ.get("RASA_SPEEDUPS"))
    ORIGINALS.update(is_rule_applicable=RulePolicy._is_rule_applicable,
                     get_possible_keys=RulePolicy._get_possible_keys,
                     graph_run=DaskGraphRunner.run,
                     applied_events=DialogueStateTracker.applied_events,
                     states_for_tracker_history=Domain.states_for_tracker_history,
                     copy=DialogueStateTracker.copy,
                     action_call_format=RemoteAction._action_call_format)
    if "schema" in fixes:
        RemoteAction._validate_action_result = _validate_action_result
    if "rules" in fixes:
        RulePolicy._is_rule_applicable = _is_rule_applicable
        RulePolicy._get_possible_keys = _get_possible_keys
    if "classifier" in fixes:
        LogisticRegressionClassifier.load = _load_classifier(
            LogisticRegressionClassifier.load)
    if "json" in fixes:
        EndpointConfig.session = _session
    if "connections" in fixes:  # after "json": it keeps what that makes
        EndpointConfig.session = _kept_session(EndpointConfig.session)
    if "extract" in fixes:
        ActionExtractSlots._execute_validation_action = _execute_validation_action(
            ActionExtractSlots._execute_validation_action)
    if "history" in fixes:
        DialogueStateTracker.applied_events = _applied_events
        Domain.states_for_tracker_history = _states_for_tracker_history
    if "graph" in fixes:
        DaskGraphRunner.run = _graph_run
    if "copy" in fixes:
        DialogueStateTracker.copy = _copy
    if "payload" in fixes:
        RemoteAction._action_call_format = _action_call_format
    if "queue" in fixes:
        MessageProcessor.handle_message = _in_turn(
            MessageProcessor.handle_message, messages_at_once(os.environ.get("MESSAGES_AT_ONCE")))
    if "replies" in fixes:  # after "schema": a reply that fails goes to it
        RemoteAction._validate_action_result = _checked_by_event_type(
            RemoteAction._validate_action_result)
    RemoteAction._myeloma_speedups = True
