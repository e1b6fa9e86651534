"""Every patch to Rasa, in the order it goes in: what it replaces, which of
Rasa's private parts it leans on, what it bought, and what checks it.

``replaces`` and ``uses_private`` are dotted names that resolve in the
installed Rasa (tests/unit/rasa_patches/test_registry.py), and
rasa_patches/fingerprints.json holds a hash of each one's source, so a new
Rasa shows which patch to re-read. An instance attribute has no name of its
own there: it is named by the ``__init__`` that sets it.

The gains are figures measured when each patch went in, with their dates
(docs/speed.md); the later bench runs measured all of them together only.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Tuple

from rasa_patches import IN_PROCESS, LAUNCHER

_ACTION = "rasa.core.actions.action"
_TRACKER = "rasa.shared.core.trackers.DialogueStateTracker"
_DOMAIN = "rasa.shared.core.domain.Domain"
_RULES = "rasa.core.policies.rule_policy.RulePolicy"
_DASK = "rasa.engine.runner.dask.DaskGraphRunner"
_SESSION = "rasa.utils.endpoints.EndpointConfig.session"
_LEVERS = "the make bench --levers run of 2026-12-03"
_SINCE = "Not re-measured on its own since 2026-12-03."


@dataclass(frozen=True)
class Patch:
    """One change to Rasa (see the module docstring for the fields' meaning)."""

    name: str  # what RASA_PATCHES calls it
    module: str  # where its code and apply() live
    replaces: Tuple[str, ...]  # the symbols it puts its own version in place of
    uses_private: Tuple[str, ...]  # Rasa's private members it calls, reads or mirrors
    gain: str  # what it bought, when measured
    test: str  # the test module that checks it against Rasa's own code
    follows: str  # what it must stay equal to, and what it must come after
    applied_by: str = IN_PROCESS  # apply(), or a launcher at process start


PATCHES: Tuple[Patch, ...] = (
    Patch(
        name="warnings",
        module="rasa_patches.warning_options",
        replaces=("warnings.filterwarnings", "warnings.simplefilter"),
        uses_private=(),
        gain="No speed: a quiet start. In its first minute make run printed 115 lines, 34 "
             "of them deprecation warnings, and 7 after; make shell 41 lines before its "
             "prompt, 1 after (2026-12-02; not re-measured since).",
        test="tests/unit/rasa_patches/test_warning_options.py",
        follows="Python's own functions (called by Sanic and Rasa on import), with "
                "append=True: their first 5 and 3 positional arguments. Installed first, "
                "before Sanic is imported, by launchers/rasa_quiet.py and "
                "launchers/actions_server.py; only when -W or PYTHONWARNINGS is set.",
        applied_by=LAUNCHER,
    ),
    Patch(
        name="no_tensorflow",
        module="rasa_patches.without_tensorflow",
        replaces=(),
        uses_private=(),
        gain="Rasa server 654 -> 302 MB, cold start 9.7 -> 4.7 s (2026-12-02); in "
             f"{_LEVERS}: Rasa RSS 663 -> 308 MB, cold start 7.5 -> 5.1 s. {_SINCE}",
        test="tests/unit/rasa_patches/test_without_tensorflow.py",
        follows="Replaces no symbol: a stand-in module for tensorflow, keras and the "
                "packages that come with them, for importers in rasa.* only. Installed by "
                "launchers/rasa_quiet.py after \"warnings\" and before Rasa is imported, only "
                "for a model whose every component is on TENSORFLOW_FREE (a new component "
                "goes there after checking it imports no TensorFlow; a test reads "
                "config.yml).",
        applied_by=LAUNCHER,
    ),
    Patch(
        name="schema",
        module="rasa_patches.schema",
        replaces=(f"{_ACTION}.RemoteAction._validate_action_result",),
        uses_private=(),
        gain="Checking the schema itself was 64% of the Rasa server's CPU with 200 people "
             "at once (py-spy); a burst of 200 first messages went from 12 to 38 answers/s "
             f"(2026-12-02). With rules, classifier and json in {_LEVERS}: 11.9 -> 45.0 "
             f"messages/s, p95 2,435 -> 686 ms. {_SINCE}",
        test="tests/unit/rasa_patches/test_schema.py",
        follows="RemoteAction._validate_action_result: the same schema "
                "(action_response_format_spec, a constant) and the same error text. "
                "\"replies\" wraps it, so comes after it.",
    ),
    Patch(
        name="rules",
        module="rasa_patches.rules",
        replaces=(f"{_RULES}._is_rule_applicable", f"{_RULES}._get_possible_keys"),
        uses_private=(f"{_RULES}._does_rule_match_state", f"{_RULES}._rule_key_to_state"),
        gain="23% of the Rasa server's CPU once the tracker store remembered "
             "conversations, growing with the conversation (py-spy); with \"classifier\", "
             "15.3 -> 12.0 ms of Rasa CPU a message (2026-12-02). With schema, classifier "
             f"and json in {_LEVERS}: 11.9 -> 45.0 messages/s. {_SINCE}",
        test="tests/unit/rasa_patches/test_rules.py",
        follows="RulePolicy._get_possible_keys and _is_rule_applicable; its parsing to "
                "_rule_key_to_state (json.loads), its index to what _does_rule_match_state "
                "accepts of prev_action and the user's intent (should_not_be_set, empty).",
    ),
    Patch(
        name="classifier",
        module="rasa_patches.classifier",
        replaces=("rasa.nlu.classifiers.logistic_regression_classifier."
                  "LogisticRegressionClassifier.load",),
        uses_private=(),
        gain="No figure of its own: a copy of 55 x 12,212 weights a message saved; with "
             "\"rules\", 15.3 -> 12.0 ms of Rasa CPU a message (2026-12-02); part of the "
             f"schema, rules, classifier, json row of {_LEVERS}. {_SINCE}",
        test="tests/unit/rasa_patches/test_classifier.py",
        follows="LogisticRegressionClassifier.load, whose component's clf is "
                "scikit-learn's LogisticRegression (predict_proba multiplies by coef_.T).",
    ),
    Patch(
        name="json",
        module="rasa_patches.json_bodies",
        replaces=(_SESSION,),
        uses_private=(),
        gain="The request's JSON went from 11% to 4% of the Rasa server's CPU (py-spy, 20 "
             f"patients at once, 2026-12-02); part of the schema, rules, classifier, json "
             f"row of {_LEVERS}. {_SINCE}",
        test="tests/unit/rasa_patches/test_json_bodies.py",
        follows="EndpointConfig.session (headers, basic auth, DEFAULT_REQUEST_TIMEOUT). "
                "\"connections\" wraps it, so comes after it.",
    ),
    Patch(
        name="connections",
        module="rasa_patches.connections",
        replaces=(_SESSION,),
        uses_private=(),
        gain="No figure of its own: with extract, history and graph in "
             f"{_LEVERS}: 45.0 -> 51.9 messages/s, turn 50 41.8 -> 30.0 ms. {_SINCE}",
        test="tests/unit/rasa_patches/test_connections.py",
        follows="After \"json\" (keeps the session it makes). EndpointConfig.request opens "
                "session() with async with; the action server keeps idle connections longer "
                "than aiohttp (KEEP_ALIVE_S, launchers/actions_server.py); sessions closed at "
                "exit with aiohttp's private connector._close().",
    ),
    Patch(
        name="extract",
        module="rasa_patches.extract",
        replaces=(f"{_ACTION}.ActionExtractSlots._execute_validation_action",),
        uses_private=(),
        gain="16% of the Rasa server's time on a message stating no profile (py-spy, 20 "
             "people at once); 2.25 -> 1.375 action calls a message (2026-12-02); with "
             f"history, connections and graph in {_LEVERS}: 45.0 -> 51.9 messages/s. "
             f"{_SINCE}",
        test="tests/unit/rasa_patches/test_extract.py",
        follows="What action_validate_slot_mappings (actions/profile_actions.py) sets: "
                "nothing when profile_stated is False (components/profile_intent.py), Rasa "
                "extracted no slot and no form is asking.",
    ),
    Patch(
        name="history",
        module="rasa_patches.history",
        replaces=(f"{_TRACKER}.applied_events", f"{_DOMAIN}.states_for_tracker_history"),
        uses_private=(f"{_TRACKER}._undo_till_previous",
                      f"{_TRACKER}._first_loop_execution_or_unhappy_path",
                      f"{_TRACKER}._undo_till_previous_loop_execution",
                      f"{_DOMAIN}._get_prev_action_sub_state",
                      f"{_DOMAIN}._remove_rule_only_features",
                      f"{_DOMAIN}._substitute_rule_only_user_input",
                      f"{_DOMAIN}._clean_state"),
        gain="Half of a turn's time by turn 100; turn 50 Rasa CPU 18.8 -> 12.7 ms "
             f"(2026-12-02); with extract, connections and graph in {_LEVERS}: 45.0 -> "
             f"51.9 messages/s, turn 50 41.8 -> 30.0 ms. {_SINCE}",
        test="tests/unit/rasa_patches/test_history.py",
        follows="DialogueStateTracker.applied_events and Domain.states_for_tracker_history, "
                "loop step by loop step. \"copy\" uses its _same_start.",
    ),
    Patch(
        name="graph",
        module="rasa_patches.graph",
        replaces=(f"{_DASK}.run",),
        uses_private=(f"{_DASK}._build_dask_graph", f"{_DASK}._add_inputs_to_graph",
                      f"{_DASK}.__init__"),
        gain="A parse 2.64 -> 2.00 ms (2026-12-02); with extract, history and connections "
             f"in {_LEVERS}: 45.0 -> 51.9 messages/s. {_SINCE}",
        test="tests/unit/rasa_patches/test_graph.py",
        follows="DaskGraphRunner.run with dask.get: each node a task (GraphNode, *needs), "
                "each input (name, value), every node once; reads self._graph_schema, "
                "which __init__ sets.",
    ),
    Patch(
        name="copy",
        module="rasa_patches.tracker_copy",
        replaces=(f"{_TRACKER}.copy",),
        uses_private=(f"{_TRACKER}._reset",),
        gain="6% of the Rasa server's time in a long conversation, growing with it; a "
             "slot copy 41 -> 8 us (2026-12-03); with payload in "
             f"{_LEVERS}: 51.9 -> 68.2 messages/s, turn 50 30.0 -> 16.9 ms. {_SINCE}",
        test="tests/unit/rasa_patches/test_tracker_copy.py",
        follows="DialogueStateTracker.copy, that is travel_back_in_time(inf): a replay by "
                "update(); the clone makes what _reset makes where no event set it. After "
                "\"history\" (uses its _same_start).",
    ),
    Patch(
        name="payload",
        module="rasa_patches.payload",
        replaces=(f"{_ACTION}.RemoteAction._action_call_format",),
        uses_private=(f"{_ACTION}.RemoteAction._is_selective_domain_enabled",
                      f"{_ACTION}.RemoteAction.__init__"),
        gain="One long conversation: the action server 8.7 -> 2.0 ms a turn at turn 50, "
             "turn 50 / turn 5 1.38 -> 1.12 (2026-12-02; the body was 206 kB by turn 50); "
             f"with copy in {_LEVERS}: 51.9 -> 68.2 messages/s. {_SINCE}",
        test="tests/unit/rasa_patches/test_payload.py",
        follows="RemoteAction._action_call_format but for the events: those "
                "actions/past_events.py keeps, as the actions read them only through "
                "actions/common.py (tests/unit/actions/test_past_events.py); reads "
                "self._name, which __init__ sets.",
    ),
    Patch(
        name="queue",
        module="rasa_patches.queue",
        replaces=("rasa.core.processor.MessageProcessor.handle_message",),
        uses_private=(),
        gain="Measured alone, back to back (2026-12-03): p95 641 -> 380-395 ms, "
             "messages/s 68 -> 75-78, with 2 to 5 at a time; in the --levers run that day "
             "its row came out below the one above it (rows move by a fifth or more). "
             "Not re-measured since 2026-12-03.",
        test="tests/unit/rasa_patches/test_queue.py",
        follows="MessageProcessor.handle_message, taken MESSAGES_AT_ONCE (a number, "
                "default 3) at a time per event loop, in order of arrival; a message waits "
                "at most TURN_WAIT_S (5 s). Changes when a reply comes, never what it says.",
    ),
    Patch(
        name="replies",
        module="rasa_patches.replies",
        replaces=(f"{_ACTION}.RemoteAction._validate_action_result",),
        uses_private=(),
        gain="5% of the Rasa server's time (py-spy, 20 people at once); with the store's "
             "built-once queries and direct slot copies, 16.4 -> 13.2 ms of Rasa CPU a "
             "message, 59 -> 74 messages/s "
             f"(2026-12-03); in {_LEVERS}: 68.2 -> 90.4 messages/s, p95 546 -> 437 ms. "
             f"{_SINCE}",
        test="tests/unit/rasa_patches/test_replies.py",
        follows="After \"schema\", which it wraps: a reply that fails goes on to it for "
                "Rasa's error. The events schema must stay one oneOf entry per event type "
                "with a const event name (else nothing is checked its own way).",
    ),
)


def patch(name: str) -> Patch:
    """The registry entry called ``name`` (KeyError if none is)."""
    for entry in PATCHES:
        if entry.name == name:
            return entry
    raise KeyError(name)
