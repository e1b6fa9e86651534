"""actions/profile_actions.py: reading the profile from any turn, and the
age and transplant questions, run as the action server runs them."""
import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.profile_actions import (ActionAskAgeGroup, ActionAskTransplant,
                                     ActionValidateSlotMappings)
from bot import answers


SAID_BEFORE = [{"event": "session_started"}, {"event": "bot", "text": "earlier"}]


async def _extract(make_tracker, dispatcher, domain, text, **kw):
    tracker = make_tracker(text=text, intent=kw.pop("intent", "inform"), **kw)
    events = await ActionValidateSlotMappings().run(dispatcher, tracker, domain)
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


@pytest.mark.asyncio
@pytest.mark.parametrize("text, kw, expected", [
    ("I'm 72 and had a stem cell transplant", {},
     {"age_group": "65_or_over", "age_problem": None, "transplant": "had",
      "transplant_problem": None}),
    ("58", {"form": "profile_form", "requested_slot": "age_group"},
     {"age_group": "under_65", "age_problem": None}),
    # A bare "no" gets one follow-up; the answer to it settles the slot.
    ("no", {"form": "profile_form", "requested_slot": "transplant"},
     {"transplant": None, "transplant_problem": "no_reason"}),
    ("I chose not to have a transplant",
     {"form": "profile_form", "requested_slot": "transplant",
      "slots": {"transplant_problem": "no_reason"}},
     {"transplant": "chose_not", "transplant_problem": None}),
    ("no", {"form": "profile_form", "requested_slot": "transplant",
            "slots": {"transplant_problem": "no_reason"}},
     {"transplant": "not_had", "transplant_problem": None}),
    ("I'm having my stem cells collected", {"form": "profile_form",
                                             "requested_slot": "transplant"},
     {"transplant": "planned", "transplant_problem": None}),
    ("I would rather not say", {"form": "profile_form", "requested_slot": "age_group"},
     {"age_group": "not_given", "age_problem": None}),
    ("7", {"form": "profile_form", "requested_slot": "age_group"},
     {"age_group": None, "age_problem": "impossible"}),
    ("in my sixties", {}, {"age_group": None, "age_problem": "ambiguous"}),
    ("actually I'm 66", {"slots": {"age_group": "under_65", "transplant": "had"}},
     {"age_group": "65_or_over", "age_problem": None}),
    ("what is myeloma", {"intent": "ask_myeloma"}, {}),
    # a carer's profile is read for the person they ask for
    ("my wife is 74 and had her transplant in 2022", {},
     {"age_group": "65_or_over", "age_problem": None, "transplant": "had",
      "transplant_problem": None, "cared_for": "wife"}),
    ("he couldn't have one", {"form": "profile_form", "requested_slot": "transplant",
                              "slots": {"cared_for": "dad"}},
     {"transplant": "could_not", "transplant_problem": None}),
])
async def test_profile_is_read_from_any_turn(make_tracker, dispatcher, domain, text, kw, expected):
    assert await _extract(make_tracker, dispatcher, domain, text, **kw) == expected


@pytest.mark.asyncio
async def test_red_flag_message_fills_no_slot(make_tracker, dispatcher, domain):
    slots = await _extract(make_tracker, dispatcher, domain, "I'm 70 and have a fever",
                           form="profile_form", requested_slot="age_group")
    assert slots == {}


@pytest.mark.asyncio
async def test_transplant_question_has_a_button_for_each_history(make_tracker, dispatcher,
                                                                 domain):
    await ActionAskTransplant().run(dispatcher, make_tracker(events=SAID_BEFORE), domain)
    (message,) = dispatcher.messages
    assert "stem cell transplant" in message["text"]
    assert [b["payload"] for b in message["buttons"]] == [
        "I had a transplant", "I could not have a transplant",
        "I chose not to have a transplant", "My transplant is planned", "I am not sure"]


@pytest.mark.asyncio
async def test_a_bare_no_gets_one_follow_up_with_buttons(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"transplant_problem": "no_reason"}, events=SAID_BEFORE)
    await ActionAskTransplant().run(dispatcher, tracker, domain)
    (message,) = dispatcher.messages
    assert message["text"].startswith("Thanks. Which fits best?")
    assert [b["title"] for b in message["buttons"]] == [
        "I could not have one", "I chose not to", "Not yet, it is planned", "Not sure"]


@pytest.mark.asyncio
async def test_the_speakers_own_profile_after_a_carers_speaks_to_them_again(make_tracker,
                                                                             dispatcher, domain):
    got = await _extract(make_tracker, dispatcher, domain, "I'm 68 and had an SCT",
                         slots={"cared_for": "wife"})
    assert got["cared_for"] is None and got["transplant"] == "had"
    kept = await _extract(make_tracker, dispatcher, domain, "she's 70",
                          slots={"cared_for": "wife"})
    assert "cared_for" not in kept


@pytest.mark.asyncio
async def test_a_carer_is_asked_about_the_person_and_the_buttons_speak_of_them(
        make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"cared_for": "wife"}, events=SAID_BEFORE)
    await ActionAskAgeGroup().run(dispatcher, tracker, domain)
    await ActionAskTransplant().run(dispatcher, tracker, domain)
    age, transplant = dispatcher.messages
    assert "Is your wife under 65" in age["text"] and "Are you" not in age["text"]
    assert [b["payload"] for b in age["buttons"]][:2] == [
        "My wife is under 65", "My wife is 65 or over"]
    assert transplant["text"].startswith("Has your wife had a stem cell transplant?")
    payloads = [b["payload"] for b in transplant["buttons"]]
    assert payloads[0] == "My wife had a transplant"
    for payload in payloads:  # a click keeps the answers about her
        got = await _extract(make_tracker, CollectingDispatcher(), domain, payload,
                             form="profile_form", requested_slot="transplant",
                             slots={"cared_for": "wife"})
        assert got.get("cared_for", "wife") == "wife", payload


MUMS_STORY = ("My family had some bad news this week. My mum was diagnosed with myeloma. "
              "The doctors say she might start lenalidomide after her chemo and I'm trying "
              "to get my head round it all.")


@pytest.mark.asyncio
async def test_a_story_that_asks_nothing_gets_the_trial_in_brief_before_the_question(
        make_tracker, dispatcher, domain):
    """Benefit, living longer by transplant and the main harms, in the same
    format, then who can say what it means, then the question (issue 20)."""
    tracker = make_tracker(text=MUMS_STORY, intent="ask_for_me", slots={"cared_for": "mum"},
                           events=SAID_BEFORE)
    await ActionAskAgeGroup().run(dispatcher, tracker, domain)
    texts = [m["text"] for m in dispatcher.messages]
    assert len(texts) == 4 and texts[0].startswith("Thank you for telling me about your mum.")
    assert answers.CARER_LINE in texts[0]  # a carer's own load is named (fourth session)
    assert "39 months" in texts[0] and "20 months" in texts[0]
    assert "88 in 100" in texts[0] and "80 in 100 without" in texts[0] \
        and "did not live longer" in texts[0]
    assert texts[1].startswith("Harms.") and "5 in 100" in texts[1] \
        and "3 in 100 without" in texts[1]
    assert texts[2].startswith("Her haematology team") and "Infoline" in texts[2]
    assert texts[3].startswith("It helps me show") and "Is your mum under 65" in texts[3]


@pytest.mark.asyncio
@pytest.mark.parametrize("text, intent, events", [
    ("what is myeloma", "ask_for_me", SAID_BEFORE),  # not a story
    (MUMS_STORY, "ask_side_effects", SAID_BEFORE),  # a topic answered it
    (MUMS_STORY, "ask_for_me", SAID_BEFORE + [  # shown already this session
        {"event": "bot", "text": "Thank you for telling me. Here is what the trial found, "
                                 "in short."}]),
])
async def test_the_brief_is_only_for_a_story_and_only_once(make_tracker, dispatcher, domain,
                                                            text, intent, events):
    tracker = make_tracker(text=text, intent=intent, events=events)
    await ActionAskAgeGroup().run(dispatcher, tracker, domain)
    assert len(dispatcher.messages) == 1


@pytest.mark.asyncio
async def test_a_concern_in_the_story_gets_a_line_and_a_button_after_the_question(
        make_tracker, dispatcher, domain):
    story = ("At age 51, I was relatively young and otherwise healthy. But when my myeloma "
             "specialist prescribed Revlimid, my insurance company refused to authorize it.")
    tracker = make_tracker(text=story, intent="inform", events=SAID_BEFORE)
    tracker.latest_message["concerns"] = ["cost"]
    await ActionAskTransplant().run(dispatcher, tracker, domain)
    assert "You also mentioned cost." in dispatcher.messages[-2]["text"]
    assert [b["title"] for b in dispatcher.messages[-1]["buttons"]][-1] == "Cost"


@pytest.mark.asyncio
async def test_a_carers_story_names_the_person_and_later_answers_are_theirs(
        make_tracker, dispatcher, domain):
    got = await _extract(make_tracker, dispatcher, domain, MUMS_STORY, intent="ask_for_me")
    assert got == {"cared_for": "mum"}
    # asked her age, the carer gives her transplant: it is hers, not "not understood"
    got = await _extract(make_tracker, dispatcher, domain, "she had a transplant in march",
                         form="profile_form", requested_slot="age_group",
                         slots={"cared_for": "mum"})
    assert got["transplant"] == "had"


@pytest.mark.asyncio
async def test_a_question_that_came_with_the_answer_is_answered_before_the_next_question(
        make_tracker, dispatcher, domain):
    """'im 38 and want kids one day, can i?' to the age question: the age fills
    the form, so no rule answered the question; the next question waits for it."""
    events = SAID_BEFORE + [{"event": "user", "text": "im 38 and want kids one day, can i?"}]
    tracker = make_tracker(text="im 38 and want kids one day, can i?", intent="inform",
                           slots={"age_group": "under_65"}, events=events)
    tracker.latest_message["asked_concerns"] = ["fertility"]
    await ActionAskTransplant().run(dispatcher, tracker, domain)
    texts = [m["text"] for m in dispatcher.messages]
    assert texts[0].startswith("No pregnancy should start") and "stem cell transplant" in texts[-1]
    dispatcher.messages.clear()
    answered = make_tracker(text="can i have kids?", intent="ask_fertility",
                            events=events + [{"event": "bot", "text": "No pregnancy ..."}])
    answered.latest_message["asked_concerns"] = ["fertility"]
    await ActionAskTransplant().run(dispatcher, answered, domain)
    assert len(dispatcher.messages) == 1  # the rule answered it already


@pytest.mark.asyncio
async def test_a_story_with_distress_only_the_backstop_guessed_gets_a_line_of_support_first(
        make_tracker, dispatcher, domain, monkeypatch):
    from actions import common
    from bot.safety import soft_support

    monkeypatch.setattr(common, "safety_net",
                        lambda words: soft_support() if words == MUMS_STORY else None)
    tracker = make_tracker(text=MUMS_STORY, intent="ask_for_me", slots={"cared_for": "mum"},
                           events=[*SAID_BEFORE, {"event": "user", "text": MUMS_STORY}])
    await ActionAskAgeGroup().run(dispatcher, tracker, domain)
    texts = [m["text"] for m in dispatcher.messages]
    assert texts[0] == str(soft_support()) and texts[1].startswith("Thank you for telling me")


@pytest.mark.asyncio
async def test_what_did_the_trial_find_gets_the_trial_in_brief_before_the_question(
        make_tracker, dispatcher, domain):
    """Asked of nobody in particular (fourth session's review): the trial in brief,
    with no "thank you for telling me", then the age question."""
    tracker = make_tracker(text="what did the trial find?", intent="ask_for_me",
                           events=SAID_BEFORE)
    await ActionAskAgeGroup().run(dispatcher, tracker, domain)
    texts = [m["text"] for m in dispatcher.messages]
    assert texts[0].startswith(answers.STORY_BRIEF) and "39 months" in texts[0]
    assert "Are you under 65" in texts[-1]


@pytest.mark.asyncio
async def test_will_it_help_me_live_longer_gets_its_direct_answer_before_the_age_question(
        make_tracker, dispatcher, domain):
    """Seventh session's review: "does it make you live longer? yes or no please" got
    only "Are you under 65, or 65 or over?"."""
    text = "does lenalidomide maintenance make you live longer? yes or no please"
    tracker = make_tracker(text=text, intent="ask_survival",
                           events=[*SAID_BEFORE, {"event": "user", "text": text}])
    await ActionAskAgeGroup().run(dispatcher, tracker, domain)
    first, question = (m["text"] for m in dispatcher.messages)
    assert first.startswith("It depends on the transplant.")
    assert "under 65, or 65 or over?" in question


@pytest.mark.asyncio
async def test_distress_while_the_form_waits_fills_nothing_so_the_help_comes_first(
        make_tracker, dispatcher, domain):
    """The ninth session's psychologist review: "Rather not say. I'm just overwhelmed" to
    the age question was taken as the answer, and the form asked on with no help."""
    text = "Rather not say. I'm just overwhelmed, everything is too much right now"
    assert await _extract(make_tracker, dispatcher, domain, text, intent="distress",
                          form="profile_form", requested_slot="age_group") == {}
    # with no form, the profile told beside distress is kept for the help's answer
    told = await _extract(make_tracker, dispatcher, domain,
                          "im 63 and had my transplant last year and I feel such a burden",
                          intent="distress")
    assert told["age_group"] == "under_65" and told["transplant"] == "had"


@pytest.mark.asyncio
async def test_a_relative_named_and_asked_for_is_who_it_is_about(make_tracker, dispatcher,
                                                                domain):
    assert await _extract(make_tracker, dispatcher, domain,
                          "im asking for my husband he has myeloma, the doctors are talking "
                          "about maintenance", intent="ask_questions") == {"cared_for": "husband"}
