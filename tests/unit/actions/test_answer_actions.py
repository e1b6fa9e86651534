"""actions/answer_actions.py: each answer action, run as the action server runs it."""
import pytest
from rasa_sdk.events import SlotSet

from actions.answer_actions import (ActionAnswerTopic, ActionClarify, ActionGreet,
                                    ActionSafetyAlert, ActionTailoredAnswer, other_concerns)
from actions.profile_actions import ActionAskAgeGroup
from bot import answers


SAID_BEFORE = [{"event": "session_started"}, {"event": "bot", "text": "earlier"}]


def texts(dispatcher):
    return " ".join(m.get("text") or "" for m in dispatcher.messages)


@pytest.mark.asyncio
async def test_tailored_answer_uses_slots(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"age_group": "65_or_over", "transplant": "had"},
                           events=SAID_BEFORE)
    events = await ActionTailoredAnswer().run(dispatcher, tracker, domain)
    said = texts(dispatcher)
    assert "88 in 100" in said and "80 in 100" in said and "pull different ways" not in said
    assert "about 5 in 100" in said.lower() and "15 in 100" in said
    assert events == [SlotSet("age_problem", None), SlotSet("transplant_problem", None)]
    assert len(dispatcher.messages) == 4
    *first, last = dispatcher.messages
    assert not any(m.get("buttons") for m in first)
    assert [b["title"] for b in last["buttons"]] == [
        "More about harms", "How sure is this evidence?", "Questions to ask my haematologist",
        "Show me as pictures", "Help me think it through"]


@pytest.mark.asyncio
async def test_summary_figures_are_explained_once_per_session(make_tracker, dispatcher, domain):
    from bot.answers import SUMMARY_TAG, SUMMARY_TAG_FIRST
    slots = {"age_group": "under_65", "transplant": "could_not"}
    await ActionTailoredAnswer().run(dispatcher, make_tracker(slots=slots,
                                                              events=SAID_BEFORE), domain)
    first = texts(dispatcher)
    assert first.count(SUMMARY_TAG_FIRST) == 1 and first.count(SUMMARY_TAG) == 2
    dispatcher.messages.clear()
    explained = SAID_BEFORE + [{"event": "bot", "text": f"68 in 100 {SUMMARY_TAG_FIRST}"}]
    await ActionTailoredAnswer().run(dispatcher, make_tracker(slots=slots, events=explained),
                                     domain)
    again = texts(dispatcher)
    assert SUMMARY_TAG_FIRST not in again and again.count(SUMMARY_TAG) == 3
    dispatcher.messages.clear()
    new_session = explained + [{"event": "session_started"}]
    await ActionTailoredAnswer().run(dispatcher, make_tracker(slots=slots, events=new_session),
                                     domain)
    assert SUMMARY_TAG_FIRST in texts(dispatcher)


@pytest.mark.asyncio
async def test_tailored_answer_survives_odd_slot_values(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"age_group": "banana", "transplant": None})
    await ActionTailoredAnswer().run(dispatcher, tracker, domain)
    assert "I don't know your transplant history" in texts(dispatcher)


@pytest.mark.asyncio
@pytest.mark.parametrize("intent, text, phrase", [
    ("ask_remission", "how long did it keep the myeloma away", "39 months"),
    ("ask_new_cancers", "does it cause cancer", "About 5 in 100"),
    ("ask_glossary", "what does median mean", "middle value"),
    ("ask_should_i_take", "should I take it", "can't tell you whether"),
    ("ask_study_size", "how many people", "1,971"),
    ("ask_unknown_topic", "?", "I can tell you what the Myeloma XI trial found"),
    ("ask_side_effects", "Tell me more about the harms", "pregnancy prevention programme"),
    ("ask_certainty", "How sure is this evidence?", "open trial"),
    ("ask_questions", "What questions should I ask my haematologist?", "How long would I take it"),
    ("ask_pictures", "Show me the numbers as pictures", "Each picture shows 100 people"),
    ("ask_about_tool", "who made you", "No drug company paid for it"),
])
async def test_topic_answers(make_tracker, dispatcher, domain, intent, text, phrase):
    await ActionAnswerTopic().run(dispatcher, make_tracker(text=text, intent=intent), domain)
    assert phrase in texts(dispatcher)


@pytest.mark.asyncio
async def test_greeting_and_age_question(make_tracker, dispatcher, domain):
    await ActionGreet().run(dispatcher, make_tracker(), domain)
    assert "automated tool" in texts(dispatcher)
    dispatcher.messages.clear()
    await ActionAskAgeGroup().run(
        dispatcher, make_tracker(slots={"age_problem": "impossible"}, events=SAID_BEFORE), domain)
    assert len(dispatcher.messages) == 1
    message = dispatcher.messages[0]
    assert "can't use that" in message["text"]
    assert [b["title"] for b in message["buttons"]] == ["Under 65", "65 or over", "Rather not say"]


@pytest.mark.asyncio
@pytest.mark.parametrize("intent, text, phrase", [
    ("red_flag", "I have a fever of 39", "24-hour"),
    ("crisis", "I want to end it all", "Samaritans"),
    ("crisis", "everything feels hopeless", "Samaritans"),
])
async def test_safety_alert(make_tracker, dispatcher, domain, intent, text, phrase):
    await ActionSafetyAlert().run(dispatcher, make_tracker(text=text, intent=intent), domain)
    assert phrase in texts(dispatcher)


@pytest.mark.asyncio
async def test_first_reply_of_a_session_says_it_is_an_automated_tool(make_tracker, dispatcher,
                                                                     domain):
    fresh = [{"event": "session_started"}, {"event": "user", "text": "what is myeloma"}]
    await ActionAnswerTopic().run(
        dispatcher, make_tracker(text="what is myeloma", intent="ask_myeloma", events=fresh),
        domain)
    assert dispatcher.messages[0]["text"].startswith("Please note: I am an automated tool")
    dispatcher.messages.clear()
    await ActionAnswerTopic().run(
        dispatcher, make_tracker(text="what is myeloma", intent="ask_myeloma",
                                 events=SAID_BEFORE), domain)
    assert "automated tool" not in texts(dispatcher)


@pytest.mark.asyncio
async def test_urgent_help_leads_even_in_a_first_reply(make_tracker, dispatcher, domain):
    fresh = [{"event": "session_started"}]
    await ActionSafetyAlert().run(
        dispatcher, make_tracker(text="I have a fever", intent="red_flag", events=fresh), domain)
    assert "24-hour advice line now" in dispatcher.messages[0]["text"]
    assert "automated tool" in dispatcher.messages[-1]["text"]
    assert dispatcher.messages[-1]["buttons"][0]["title"] == "All warning signs"


@pytest.mark.asyncio
async def test_topic_answers_use_the_profile(make_tracker, dispatcher, domain):
    tracker = make_tracker(text="show me as pictures", intent="ask_pictures",
                           slots={"age_group": "under_65", "transplant": "could_not"},
                           events=SAID_BEFORE)
    await ActionAnswerTopic().run(dispatcher, tracker, domain)
    said = texts(dispatcher)
    assert "68 in 100" in said and "88 in 100" not in said
    pictures = [m["custom"]["picture"]["src"] for m in dispatcher.messages if m.get("custom")]
    assert pictures == ["/pictures/os_all.png", "/pictures/spm.png", "/pictures/pfs2.png"]


@pytest.mark.asyncio
async def test_a_carers_answer_speaks_of_the_person_they_ask_for(make_tracker, dispatcher,
                                                                  domain):
    tracker = make_tracker(slots={"age_group": "65_or_over", "transplant": "had",
                                  "cared_for": "wife"}, events=SAID_BEFORE)
    await ActionTailoredAnswer().run(dispatcher, tracker, domain)
    said = texts(dispatcher)
    assert said.startswith("Your wife is 65 or over and has had a transplant")
    assert "figures fit her" in said and "You are" not in said


@pytest.mark.asyncio
async def test_an_unclear_message_gets_its_likeliest_topics_as_buttons(make_tracker,
                                                                       dispatcher, domain):
    tracker = make_tracker(text="can i have a glass of wine on it", intent="nlu_fallback",
                           events=SAID_BEFORE)
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.5}, {"name": "ask_quality_of_life"},
        {"name": "ask_side_effects"}, {"name": "ask_lenalidomide"}, {"name": "greet"}]
    await ActionClarify().run(dispatcher, tracker, domain)
    (message,) = dispatcher.messages
    assert message["text"].startswith("Sorry, I am not sure what you mean. Did you mean")
    assert [b["title"] for b in message["buttons"]] == [
        "Side effects and harms", "What is lenalidomide?", "What it means for me",
        "Something else"]


@pytest.mark.asyncio
async def test_is_it_worth_it_with_a_profile_gets_the_tailored_answer(make_tracker, dispatcher,
                                                                      domain):
    tracker = make_tracker(text="im 68 had my SCT last year is len worth it",
                           intent="ask_should_i_take", events=SAID_BEFORE,
                           slots={"age_group": "65_or_over", "transplant": "had"})
    await ActionAnswerTopic().run(dispatcher, tracker, domain)
    said = texts(dispatcher)
    assert "88 in 100" in said and "I can't decide for you" in said
    dispatcher.messages.clear()
    await ActionAnswerTopic().run(
        dispatcher, make_tracker(text="is it worth it", intent="ask_should_i_take",
                                 events=SAID_BEFORE), domain)
    assert "can't tell you whether" in texts(dispatcher)


def _this_turn(text, *slots):
    """Events of a turn whose message set ``slots`` (name, value) before the answer."""
    return [*SAID_BEFORE, {"event": "user", "text": text},
            *[{"event": "slot", "name": n, "value": v} for n, v in slots]]


@pytest.mark.asyncio
async def test_a_profile_and_a_question_in_one_message(make_tracker, dispatcher, domain):
    text = "my wife is 74 and had an SCT, what's the risk of another cancer"
    tracker = make_tracker(text=text, intent="ask_new_cancers",
                           slots={"age_group": "65_or_over", "transplant": "had",
                                  "cared_for": "wife"},
                           events=_this_turn(text, ("age_group", "65_or_over"),
                                             ("transplant", "had")))
    await ActionAnswerTopic().run(dispatcher, tracker, domain)
    said = texts(dispatcher)
    assert "5 in 100" in said
    assert "I have noted that your wife is 65 or over and has had a transplant" in said
    assert dispatcher.messages[-1]["buttons"][0]["title"] == "What it means for me"
    dispatcher.messages.clear()
    # The same question later, with nothing new in it: no "noted" line.
    later = make_tracker(text="what's the risk of another cancer", intent="ask_new_cancers",
                         slots={"age_group": "65_or_over", "transplant": "had"},
                         events=_this_turn("what's the risk of another cancer"))
    await ActionAnswerTopic().run(dispatcher, later, domain)
    assert "noted" not in texts(dispatcher)


@pytest.mark.asyncio
async def test_a_red_flag_asked_as_a_question_gets_help_then_the_answer(make_tracker,
                                                                         dispatcher, domain):
    tracker = make_tracker(text="I keep getting big bruises, is that normal?",
                           intent="red_flag", events=SAID_BEFORE)
    await ActionSafetyAlert().run(dispatcher, tracker, domain)
    said = [m["text"] for m in dispatcher.messages]
    assert "Bleeding or bruising" in said[0] and "24-hour advice line now" in said[0]
    assert "please do not wait" in said[1]
    assert "bruising and bleeding" in said[2] and "blood counts" in said[2]


@pytest.mark.asyncio
async def test_a_red_flag_beside_another_question_gets_help_then_that_question(
        make_tracker, dispatcher, domain):
    """The fever's own facts do not take the place of what they asked (fourth session)."""
    tracker = make_tracker(text="my temp is 38.4 tonight. how long do people stay on it?",
                           intent="red_flag", events=SAID_BEFORE)
    tracker.latest_message["asked_concerns"] = ["duration"]
    await ActionSafetyAlert().run(dispatcher, tracker, domain)
    said = [m["text"] for m in dispatcher.messages]
    assert "fever" in said[0] and "please do not wait" in said[1]
    assert said[2].startswith("About your question:") and "no fixed end date" in said[2]


@pytest.mark.asyncio
async def test_a_question_it_cannot_place_beside_a_red_flag_is_not_dropped_in_silence(
        make_tracker, dispatcher, domain):
    tracker = make_tracker(
        text="dad on lenalidomide, his legs have gone numb and weak today and he has new back "
             "pain, what are the benefits of maintenance", intent="red_flag", events=SAID_BEFORE)
    await ActionSafetyAlert().run(dispatcher, tracker, domain)
    said = [m["text"] for m in dispatcher.messages]
    assert "pressure on the spine" in said[0]
    assert answers.ASK_AGAIN_AFTER_HELP in said


@pytest.mark.asyncio
async def test_a_storys_other_concern_gets_its_line_after_the_help(make_tracker, dispatcher,
                                                                  domain):
    """Open_8: a leg alarm in a story of money worries dropped the money (sixth session);
    the infection the fever line is about is not mentioned again."""
    tracker = make_tracker(
        text="my calf is swollen and sore since Friday. I'm worried I can't afford to drive to "
             "all these appointments", intent="red_flag", events=SAID_BEFORE)
    tracker.latest_message.update(concerns=["infection_risk", "cost"],
                                  asked_concerns=["infection_risk", "cost"])
    await ActionSafetyAlert().run(dispatcher, tracker, domain)
    said = [m["text"] for m in dispatcher.messages]
    assert "blood clot" in said[0] and "please do not wait" in said[1]
    assert "You also mentioned cost." in said[-1] and "infection" not in said[-1]


@pytest.mark.asyncio
async def test_is_this_from_the_medicine_beside_a_sign_gets_no_other_topic(make_tracker,
                                                                           dispatcher, domain):
    """A seventh review: sudden breathlessness and "Is this from the medicine?" got the
    new-cancer figures after the 999 line."""
    tracker = make_tracker(
        text="my father take lenalidomide, today suddenly he cannot catch the breath. Is this "
             "from the medicine?", intent="red_flag", events=SAID_BEFORE)
    tracker.latest_message["intent_ranking"] = [
        {"name": "red_flag", "confidence": 1.0}, {"name": "ask_new_cancers", "confidence": 0.6}]
    await ActionSafetyAlert().run(dispatcher, tracker, domain)
    said = texts(dispatcher)
    assert "999" in said and "raised the chance of a new cancer" not in said


@pytest.mark.asyncio
async def test_the_safety_alert_reads_the_persons_own_words(make_tracker, dispatcher, domain):
    tracker = make_tracker(text="lenalidomide", intent="red_flag", events=SAID_BEFORE)
    tracker.latest_message["original_text"] = "I've been hurting myself"
    await ActionSafetyAlert().run(dispatcher, tracker, domain)
    assert "Samaritans" in dispatcher.messages[1]["text"]


@pytest.mark.asyncio
async def test_distress_gets_support_then_the_question_asked_beside_it(make_tracker, dispatcher,
                                                                      domain):
    tracker = make_tracker(text="im so low. how long will i have to take it?",
                           intent="distress", events=SAID_BEFORE)
    tracker.latest_message["intent_ranking"] = [
        {"name": "distress", "confidence": 1.0}, {"name": "ask_duration", "confidence": 0.4}]
    await ActionSafetyAlert().run(dispatcher, tracker, domain)
    said = [m["text"] for m in dispatcher.messages]
    assert "face this alone" in said[0] and "116 123" in said[1]
    assert said[3].startswith("About your question:") and "no fixed end" in said[3]


@pytest.mark.asyncio
async def test_an_unsure_guess_is_not_answered_after_help(make_tracker, dispatcher, domain):
    tracker = make_tracker(text="im so low. how long will i have to take it?",
                           intent="distress", events=SAID_BEFORE)
    tracker.latest_message["intent_ranking"] = [
        {"name": "distress", "confidence": 1.0}, {"name": "ask_duration", "confidence": 0.2}]
    await ActionSafetyAlert().run(dispatcher, tracker, domain)
    assert not any("About your question" in m["text"] for m in dispatcher.messages)


@pytest.mark.asyncio
async def test_asked_again_whether_to_take_it_the_choice_not_the_figures_again(
        make_tracker, dispatcher, domain):
    shown = [*SAID_BEFORE, {"event": "bot", "text": "Harms. ... I can't decide for you."},
             {"event": "user", "text": "ok so should I take it or not"}]
    tracker = make_tracker(text="ok so should I take it or not", intent="ask_should_i_take",
                           slots={"age_group": "under_65", "transplant": "had"}, events=shown)
    await ActionAnswerTopic().run(dispatcher, tracker, domain)
    said = texts(dispatcher)
    assert "can't tell you whether" in said and "88 in 100" not in said


@pytest.mark.asyncio
async def test_a_carers_questions_for_the_haematologist_speak_of_the_person(make_tracker,
                                                                             dispatcher, domain):
    tracker = make_tracker(text="what should I ask", intent="ask_questions", events=SAID_BEFORE,
                           slots={"transplant": "could_not", "cared_for": "dad"})
    await ActionAnswerTopic().run(dispatcher, tracker, domain)
    said = texts(dispatcher)
    assert "How long would he take it?" in said and "would I" not in said


@pytest.mark.asyncio
async def test_the_survival_question_gets_the_direct_answer_and_remission_a_button_away(
        make_tracker, dispatcher, domain):
    tracker = make_tracker(text="will it help me live longer", intent="ask_survival",
                           events=SAID_BEFORE,
                           slots={"age_group": "65_or_over", "transplant": "had"})
    await ActionTailoredAnswer().run(dispatcher, tracker, domain)
    said = [m["text"] for m in dispatcher.messages]
    assert said[0].startswith("Yes, in the trial.") and "39 months" not in " ".join(said)
    titles = [b["title"] for b in dispatcher.messages[-1]["buttons"]]
    assert titles[0] == "How long it kept myeloma away"


@pytest.mark.asyncio
async def test_after_the_help_only_what_was_asked_is_answered(make_tracker, dispatcher, domain):
    """A low message that asks nothing gets the help alone; a question told
    with distress and a profile gets the tailored answer after the help; a
    red flag's story answers its question, not a topic it only mentioned."""
    low = make_tracker(text="so tired of all of it. every appointment, every blood test. "
                            "I haven't told anyone how low I am", intent="distress",
                       events=SAID_BEFORE)
    low.latest_message["concerns"] = ["side_effects"]
    await ActionSafetyAlert().run(dispatcher, low, domain)
    assert "Samaritans" in texts(dispatcher) and "About your question" not in texts(dispatcher)
    dispatcher.messages.clear()
    burden = make_tracker(text="im 63 and had my transplant last year. I feel like such a "
                               "burden. what did the trial find for someone like me",
                          intent="distress", events=SAID_BEFORE,
                          slots={"age_group": "under_65", "transplant": "had"})
    burden.latest_message["asked_concerns"] = ["for_me"]
    await ActionSafetyAlert().run(dispatcher, burden, domain)
    said = [m["text"] for m in dispatcher.messages]
    assert "Samaritans" in said[1]
    assert any(s.startswith("About your question: You are under 65 and have had a transplant")
               for s in said) and "88 in 100" in texts(dispatcher)
    dispatcher.messages.clear()
    calf = make_tracker(text="Been on len about 8 months. Yesterday my left calf started "
                             "aching after the long drive back and now it looks puffier than "
                             "the right one. I'll mention it at clinic next month?",
                        intent="red_flag", events=SAID_BEFORE)
    calf.latest_message.update(concerns=["travel"], asked_concerns=[], intent_ranking=[
        {"name": "red_flag", "confidence": 1.0}, {"name": "ask_travel", "confidence": 0.95}])
    await ActionSafetyAlert().run(dispatcher, calf, domain)
    assert "blood clot" in texts(dispatcher) and "travel" not in texts(dispatcher)


@pytest.mark.asyncio
async def test_a_correction_says_what_it_changed_only_when_there_was_something_before(
        make_tracker, dispatcher, domain):
    slots = {"age_group": "under_65", "transplant": "chose_not"}
    fresh = [{"event": "session_started"},
             {"event": "user", "text": "im 66, no wait, im 63 actually. no transplant"}]
    first = make_tracker(text="im 66, no wait, im 63 actually", intent="inform", slots=slots,
                         events=fresh)
    first.latest_message["correction"] = True
    await ActionTailoredAnswer().run(dispatcher, first, domain)
    assert "I have changed that" not in texts(dispatcher)
    dispatcher.messages.clear()
    was_66 = [*SAID_BEFORE, {"event": "slot", "name": "age_group", "value": "65_or_over"},
              {"event": "user", "text": "sorry I meant 63"}]
    later = make_tracker(text="sorry I meant 63", intent="inform", slots=slots,
                         events=[*was_66, {"event": "slot", "name": "age_group",
                                           "value": "under_65"}])
    later.latest_message["correction"] = True
    await ActionTailoredAnswer().run(dispatcher, later, domain)
    assert texts(dispatcher).startswith("Thank you for putting me right. I have changed that.")
    dispatcher.messages.clear()
    # "sorry, i did have the transplant ..." read as what it already was: nothing is
    # said to have changed (a patient-and-carer review found it said so).
    same = make_tracker(text="sorry I meant 66", intent="inform", slots=slots,
                        events=[*was_66, {"event": "slot", "name": "age_group",
                                          "value": "65_or_over"}])
    same.latest_message["correction"] = True
    await ActionTailoredAnswer().run(dispatcher, same, domain)
    assert "I have changed that" not in texts(dispatcher)


@pytest.mark.asyncio
async def test_distress_only_the_backstop_guessed_gets_a_line_of_support_then_the_answer(
        make_tracker, dispatcher, domain, monkeypatch):
    """bot.safety.routed_alarm leaves such a message its own intent; the first reply of
    its turn starts with one line of support, once, and the answer follows."""
    from actions import common
    from bot.safety import soft_support

    text = "I have sold my house and given up work. who pays for lenalidomide?"
    monkeypatch.setattr(common, "safety_net",
                        lambda words: soft_support() if words == text else None)
    tracker = make_tracker(text=text, intent="ask_cost", events=_this_turn(text))
    await ActionAnswerTopic().run(dispatcher, tracker, domain)
    said = [m.get("text") for m in dispatcher.messages]
    assert said[0] == str(soft_support()) and said.count(str(soft_support())) == 1
    assert any("can't tell you what it will cost" in (s or "") for s in said[1:])


@pytest.mark.asyncio
async def test_a_profile_told_beside_a_red_flag_is_kept_after_the_help(make_tracker, dispatcher,
                                                                       domain):
    """'im 67 and ive had a temp of 38.5 since last night' to the age question: the
    help first, and the age kept, so the form asks on instead of asking again."""
    text = "im 67 and ive had a temp of 38.5 since last night"
    tracker = make_tracker(text=text, intent="red_flag", form="profile_form",
                           requested_slot="age_group", events=SAID_BEFORE)
    events = await ActionSafetyAlert().run(dispatcher, tracker, domain)
    assert "24-hour" in dispatcher.messages[0]["text"]
    assert events == [SlotSet("age_group", "65_or_over")]
    crisis = make_tracker(text="im 67 and i want to end it all", intent="crisis",
                          form="profile_form", requested_slot="age_group")
    assert await ActionSafetyAlert().run(dispatcher, crisis, domain) == []


@pytest.mark.asyncio
async def test_what_the_tool_does_not_cover_is_said_in_a_line_after_the_help(
        make_tracker, dispatcher, domain):
    """Fourth session: another cancer told beside a red flag gets the help first,
    then one line saying this tool does not cover it, with its button."""
    tracker = make_tracker(text="I've been on tamoxifen since September. My left calf is "
                                "swollen and hot since yesterday", intent="red_flag",
                           events=SAID_BEFORE)
    tracker.latest_message.update(concerns=["other_condition"], asked_concerns=[])
    await ActionSafetyAlert().run(dispatcher, tracker, domain)
    said = [m["text"] for m in dispatcher.messages]
    assert "blood clot" in said[0]
    assert any(s.startswith("This tool only covers lenalidomide maintenance") for s in said[2:])
    titles = [b["title"] for m in dispatcher.messages for b in m.get("buttons") or []]
    assert "Other cancers" in titles and "All warning signs" in titles


@pytest.mark.asyncio
async def test_after_the_emergency_number_no_block_of_harms(make_tracker, dispatcher, domain):
    """Seventh session, in the browser: chest pain and "is this one of the side effects
    they list?" got the 999 line, then five bubbles of harms."""
    tracker = make_tracker(
        text="there's a sort of tight pressing feeling in the middle of my chest since this "
             "morning, worse when I breathe in. I'm on the revlimid. sorry to bother you, is "
             "this one of the side effects they list?", intent="red_flag", events=SAID_BEFORE)
    tracker.latest_message["asked_concerns"] = ["side_effects"]
    await ActionSafetyAlert().run(dispatcher, tracker, domain)
    said = texts(dispatcher)
    assert "999" in said and "Harms" not in said and "harms seen in the trial" not in said
    assert answers.ASK_AGAIN_AFTER_HELP in said


def test_a_minor_mention_never_crowds_out_another(make_tracker):
    """Eighth session: dex, named in a story before its pregnancy survey and cost, took a
    mention's place (at most two are said)."""
    tracker = make_tracker(text="I am also on Dexamethasone. It costs over $5100 a month. "
                                "They made me do a pregnancy survey", intent="ask_other_drugs")
    tracker.latest_message.update(concerns=["steroids", "cost", "fertility"])
    lines, _ = other_concerns(tracker, answered=set())
    assert "cost" in lines[0] and "pregnancy" in lines[0] and "steroids" not in lines[0]
