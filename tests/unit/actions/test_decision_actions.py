"""The decision-support actions, run as the action server runs them."""
import pytest

from actions.answer_actions import ActionAnswerTopic, ActionNoteQuestion
from actions.decision_actions import (ActionAskDecisionHow, ActionResetValues, ActionSummary,
                                      ActionSureResult, ValidateDecisionForm, ValidateQuizForm,
                                      ValidateValuesForm)
from bot import decision
from bot.summary_store import SummaryStore

SAID_BEFORE = [{"event": "session_started"}, {"event": "bot", "text": "earlier"}]


def _on(channel: str) -> list:
    return SAID_BEFORE + [{"event": "user", "text": "x", "input_channel": channel}]


def texts(dispatcher) -> str:
    return " ".join(m.get("text") or "" for m in dispatcher.messages)


def slots(events) -> dict:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


@pytest.mark.asyncio
@pytest.mark.parametrize("slot, text, expected", [
    ("decision_lean", "I think I'll go for it", {"decision_lean": "take"}),
    ("decision_how", "together with my consultant", {"decision_how": "shared"}),
    ("sure_certain", "yes", {"sure_certain": "yes"}),
    ("sure_values", "not sure", {"sure_values": "unsure"}),
    ("sure_values", "what are the side effects?", {}),
    ("sure_support", "I have a fever of 39", {}),  # urgent help first, nothing filled
])
async def test_decision_form_reads_only_the_question_just_asked(
        make_tracker, dispatcher, domain, slot, text, expected):
    tracker = make_tracker(text=text, intent="affirm", form="decision_form",
                           requested_slot=slot, events=SAID_BEFORE)
    events = await ValidateDecisionForm().run(dispatcher, tracker, domain)
    assert {k: v for k, v in slots(events).items()
            if k not in ("requested_slot", "step_misses")} == expected


@pytest.mark.asyncio
async def test_an_unreadable_answer_gets_the_hint_once_then_the_step_moves_on(
        make_tracker, dispatcher, domain):
    first = make_tracker(text="kinda", intent="nlu_fallback", form="decision_form",
                         requested_slot="decision_lean", events=SAID_BEFORE)
    events = await ValidateDecisionForm().run(dispatcher, first, domain)
    assert slots(events)["step_misses"] == 1
    assert dispatcher.messages[-1]["response"] == "utter_step_not_understood"
    again = make_tracker(text="hmm", intent="nlu_fallback", form="decision_form",
                         requested_slot="decision_lean", slots={"step_misses": 1},
                         events=SAID_BEFORE)
    events = await ValidateDecisionForm().run(dispatcher, again, domain)
    assert slots(events)["decision_lean"] == decision.NOT_SAID
    assert dispatcher.messages[-1]["text"] == decision.LEFT_UNANSWERED
    question = make_tracker(text="why are you asking me this", intent="ask_why_profile",
                            form="decision_form", requested_slot="decision_lean",
                            events=SAID_BEFORE)
    assert "decision_lean" not in slots(await ValidateDecisionForm().run(
        dispatcher, question, domain))  # left to the rules: answered as a question


@pytest.mark.asyncio
async def test_asking_with_a_way_of_deciding_answers_that_question(make_tracker, dispatcher,
                                                                domain):
    from actions.decision_actions import ActionResetDecision

    tracker = make_tracker(text="he leans towards taking it but we'll decide with the consultant",
                           intent="ask_decision_help", events=SAID_BEFORE)
    events = slots(await ActionResetDecision().run(dispatcher, tracker, domain))
    assert events["decision_how"] == "shared"
    assert events["decision_lean"] is None  # always asked, never guessed


@pytest.mark.asyncio
async def test_a_classifier_only_alarm_in_a_step_gets_a_safety_line_and_the_step_goes_on(
        make_tracker, dispatcher, domain):
    """ "i have my partner and my mum" to the support question: no safety rule fires,
    so no full urgent-help block; the safety line, the hint, the question again."""
    tracker = make_tracker(text="i have my partner and my mum", intent="red_flag",
                           form="decision_form", requested_slot="sure_support",
                           events=SAID_BEFORE)
    events = await ValidateDecisionForm().run(dispatcher, tracker, domain)
    assert slots(events).get("step_misses") == 1
    said = texts(dispatcher)
    assert "38 C or more" in said and "Samaritans" in said
    real = make_tracker(text="i have a temperature of 38.6", intent="red_flag",
                        form="decision_form", requested_slot="sure_support",
                        events=SAID_BEFORE)
    assert slots(await ValidateDecisionForm().run(dispatcher, real, domain)) in (
        {}, {"requested_slot": "sure_support"})  # a rule fired: the urgent-help rule answers


@pytest.mark.asyncio
async def test_quiz_miss_gets_no_feedback(make_tracker, dispatcher, domain):
    tracker = make_tracker(text="only the transplant ones", intent="nlu_fallback",
                           form="quiz_form", requested_slot="quiz_2", events=SAID_BEFORE)
    await ValidateQuizForm().run(dispatcher, tracker, domain)
    assert "Not quite" not in texts(dispatcher)


@pytest.mark.asyncio
async def test_quiz_answer_gets_feedback(make_tracker, dispatcher, domain):
    tracker = make_tracker(text="yes", intent="affirm", form="quiz_form",
                           requested_slot="quiz_2", events=SAID_BEFORE)
    events = await ValidateQuizForm().run(dispatcher, tracker, domain)
    assert slots(events)["quiz_2"] == "yes"
    said = texts(dispatcher)
    assert said.startswith("Not quite. The answer is no.") and "About 5 in 100" in said


@pytest.mark.asyncio
async def test_values_are_reflected_kept_and_ended_with_thats_all(make_tracker, dispatcher,
                                                                  domain):
    tracker = make_tracker(text="being around for my grandchildren", intent="ask_priorities",
                           form="values_form", requested_slot="priorities_done",
                           slots={"transplant": "had", "priorities": ["pregnancy"]},
                           events=SAID_BEFORE)
    events = await ValidateValuesForm().run(dispatcher, tracker, domain)
    assert slots(events)["priorities"] == ["pregnancy", "living_longer"]
    said = texts(dispatcher)
    assert "\u201cbeing around for my grandchildren\u201d" in said and "88 in 100" in said
    assert "About 5 in 100" in said
    done = make_tracker(text="that's all", form="values_form",
                        requested_slot="priorities_done", events=SAID_BEFORE)
    assert slots(await ValidateValuesForm().run(dispatcher, done, domain))[
        "priorities_done"] == "yes"
    question = make_tracker(text="how long do people take it?", form="values_form",
                            requested_slot="priorities_done", events=SAID_BEFORE)
    assert slots(await ValidateValuesForm().run(dispatcher, question, domain)) in (
        {}, {"requested_slot": "priorities_done"})


@pytest.mark.asyncio
async def test_starting_values_with_a_priority_reflects_it_at_once(make_tracker, dispatcher,
                                                                   domain):
    tracker = make_tracker(text="my main worry is the side effects", intent="ask_priorities",
                           events=SAID_BEFORE)
    events = await ActionResetValues().run(dispatcher, tracker, domain)
    assert slots(events) == {"priorities_done": None, "step_misses": None,
                             "priorities": ["side_effects"]}
    assert "tiredness, diarrhoea and rash" in texts(dispatcher)


@pytest.mark.asyncio
async def test_carer_is_asked_about_the_person(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"cared_for": "mum"}, events=SAID_BEFORE)
    await ActionAskDecisionHow().run(dispatcher, tracker, domain)
    message = dispatcher.messages[-1]
    assert message["text"].startswith("How would your mum like")
    assert [b["title"] for b in message["buttons"]][:2] == ["On her own",
                                                            "With her haematologist"]


@pytest.mark.asyncio
async def test_sure_result_from_the_slots(make_tracker, dispatcher, domain):
    answers = dict(zip(decision.SURE_IDS, ["yes", "yes", "no", "yes"], strict=True))
    tracker = make_tracker(slots={"decision_lean": "unsure", **answers}, events=SAID_BEFORE)
    await ActionSureResult().run(dispatcher, tracker, domain)
    assert "yes to three of the four" in texts(dispatcher)
    assert "not sure yet" in texts(dispatcher)


@pytest.mark.asyncio
async def test_a_question_the_bot_cannot_answer_goes_on_their_list(make_tracker, dispatcher,
                                                                   domain):
    tracker = make_tracker(text="can I have a glass of wine with it?", intent="ask_alcohol_food",
                           events=SAID_BEFORE)
    events = await ActionAnswerTopic().run(dispatcher, tracker, domain)
    assert slots(events) == {"unanswered": ["can I have a glass of wine with it?"]}
    assert decision.NOTED_QUESTION in texts(dispatcher)
    listed = make_tracker(text="what should I ask", intent="ask_questions", events=SAID_BEFORE,
                          slots={"unanswered": ["can I have a glass of wine with it?"],
                                 "priorities": ["new_cancer"]})
    await ActionAnswerTopic().run(dispatcher, listed, domain)
    said = texts(dispatcher)
    assert "\u201ccan I have a glass of wine with it?\u201d" in said
    assert "What is my own risk of a new cancer" in said


@pytest.mark.asyncio
async def test_off_topic_questions_are_kept_but_chatter_is_not(make_tracker, dispatcher,
                                                              domain):
    question = make_tracker(text="can I still have my knee operation next month?",
                            intent="out_of_scope", events=SAID_BEFORE)
    assert slots(await ActionNoteQuestion().run(dispatcher, question, domain)) == {
        "unanswered": ["can I still have my knee operation next month?"]}
    chatter = make_tracker(text="lovely weather today", intent="out_of_scope",
                           events=SAID_BEFORE)
    assert await ActionNoteQuestion().run(dispatcher, chatter, domain) == []
    assert texts(dispatcher) == decision.NOTED_QUESTION


@pytest.mark.asyncio
async def test_summary_on_the_web_is_a_link_to_a_page_with_their_choices(
        make_tracker, dispatcher, domain, tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARY_DB", str(tmp_path / "s.db"))
    tracker = make_tracker(events=_on("socketio"), slots={
        "age_group": "65_or_over", "transplant": "could_not", "decision_lean": "take",
        "priorities": ["living_longer"], "unanswered": ["is it ok with warfarin?"]})
    assert await ActionSummary().run(dispatcher, tracker, domain) == []
    link = next(m["custom"]["data"]["link"] for m in dispatcher.messages if m.get("custom"))
    assert link["href"].startswith("/summary/") and link["label"] == "Open my summary"
    found, record = SummaryStore(tmp_path / "s.db").load(link["href"].rsplit("/", 1)[1])
    assert record.transplant.value == "could_not" and record.lean == "take"
    assert record.questions == ["is it ok with warfarin?"]
    assert "three days" in texts(dispatcher)


@pytest.mark.asyncio
@pytest.mark.parametrize("channel", ["slack", "cmdline"])
async def test_summary_in_slack_and_the_shell_is_text(make_tracker, dispatcher, domain,
                                                      tmp_path, monkeypatch, channel):
    monkeypatch.setenv("SUMMARY_DB", str(tmp_path / "s.db"))
    tracker = make_tracker(events=_on(channel), slots={"transplant": "had"})
    await ActionSummary().run(dispatcher, tracker, domain)
    said = str(dispatcher.messages)
    assert "My summary" in said and "88 in 100" in said and "About 5 in 100" in said
    assert "/summary/" not in said and not (tmp_path / "s.db").exists()


@pytest.mark.asyncio
async def test_a_question_that_started_the_values_step_is_never_quoted_as_a_value(
        make_tracker, dispatcher, domain):
    """'these car park charges are killing me lol. anyway what are the side effects',
    taken by the classifier for the values step before its question was asked: not
    'You said: ...' (a patient-and-carer review found it quoted back)."""
    text = "these hospital car park charges are killing me lol. anyway what are the side effects"
    tracker = make_tracker(text=text, intent="ask_priorities", form="values_form",
                           requested_slot="priorities_done", events=SAID_BEFORE)
    await ValidateValuesForm().run(dispatcher, tracker, domain)
    assert "You said" not in texts(dispatcher)
