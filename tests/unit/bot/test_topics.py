"""The topic registry (bot/data/topics.yml): checked against the domain, the
rules and the answers, and the concerns it finds in stories."""
from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.topics import (TopicsError, about_another_cancer, concerns, load_registry, main_concern,
                        registry)
from bot import answers
from bot.sentences import is_story
from components.story_intent import CONCERNS, StoryIntentHint
from devtools.message_catalogue import ALL_TOPICS

ROOT = Path(__file__).resolve().parents[3]


def _domain_intents():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return {i if isinstance(i, str) else next(iter(i)) for i in domain["intents"]}


def _topic_rule_lists():
    """Every or-list of intents in a rule that runs action_answer_topic."""
    lists = []
    for path in ("data/rules.yml", "data/rules_deciding.yml"):
        for rule in yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))["rules"]:
            steps = rule.get("steps", [])
            if any(s.get("action") == "action_answer_topic" for s in steps):
                for step in steps:
                    if "or" in step:
                        lists.append((rule["rule"], {s["intent"] for s in step["or"]}))
    return lists


def test_every_topic_is_an_intent_with_an_answer_and_a_rule():
    intents = _domain_intents()
    rule_lists = _topic_rule_lists()
    assert rule_lists
    for name, topic in registry().topics.items():
        intent = registry().intent(name)
        assert intent in intents, name
        if topic.tailored:
            continue  # starts the profile form instead (data/rules.yml)
        assert name in ALL_TOPICS, name
        for rule, listed in rule_lists:
            assert intent in listed, f"{intent} missing from rule {rule!r}"


def test_every_mention_has_a_button_whose_text_is_a_trained_example():
    trained = set()
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            trained |= {line.strip()[2:].strip().lower()
                        for line in (block.get("examples") or "").splitlines()
                        if line.strip().startswith("- ")}
    for name, topic in registry().topics.items():
        if topic.mention:
            assert topic.button and topic.button[1].lower() in trained, name


def test_a_bad_registry_fails_with_its_name(tmp_path):
    bad = tmp_path / "topics.yml"
    bad.write_text("topics:\n  cost:\n    cues: ['(']\n", encoding="utf-8")
    with pytest.raises(TopicsError, match="topics file .* invalid: topics.cost.cues"):
        load_registry(bad)
    bad.write_text("topics:\n  cost:\n    mention: 'You said cost.'\n", encoding="utf-8")
    with pytest.raises(TopicsError, match="needs a button"):
        load_registry(bad)


STORIES = [
    ("January was two years since my stem cell transplant. I worried about second cancers "
     "from lenalidomide. Side effects are small and insurance covers the cost, so why stop?",
     "duration", {"new_cancers", "cost", "side_effects"}),
    ("I'm 72 and couldn't have a transplant. will it buy me more time?", "survival", set()),
    ("do I really have to keep taking it?", "duration", set()),
    # a sixth review: "Yes, in the trial" answered whether 39 months was certain
    ("does that mean I'll definitely get 39 months before it comes back if i take it?",
     "glossary", set()),
    ("my husband is 71, he has been on it a year. does the trial say anything about how long "
     "he should stay on it?", "duration", set()),
    ("I have breast cancer and take letrozole, can I fly to Spain on my tablets?",
     "other_condition", {"travel"}),
    ("is maintenance the same as consolidation?", "consolidation", set()),
    ("what are my choices here?", "options", set()),
    ("could we still start a family afterwards?", "fertility", set()),
    ("how often will i need to go to clinic on maintenance?", "monitoring", set()),
    ("My memory is shocking since maintenance. Will my memory get better?", "memory", set()),
    ("His chemo is no longer working. How can I help him now nothing else can be done?",
     "end_of_life", set()),
    ("what happens when lenalidomide stops working?", "relapse", set()),
    ("what is the chance the myeloma comes back if i dont take it?", "relapse", set()),
    ("if i take it will i still be alive in 5 years?", "prognosis", set()),
    ("can i still work and drive while on lenalidomide?", "work_driving", set()),
    ("Can I take a drug holiday from maintenance therapy and is it wise?", "taking_break",
     set()),
    ("I got acute myeloid leukemia. Was it caused by my myeloma medication?", "new_cancers",
     set()),
    # A story that asks nothing: the worry it voices leads.
    ("I was told before my transplant that skin cancer was a risk. I'm scared now that I could "
     "get a leukemia. We fly to Spain on holiday in May.", "new_cancers", {"travel"}),
]


@pytest.mark.parametrize("text, lead, others", STORIES, ids=[s[0][:40] for s in STORIES])
def test_the_question_leads_and_the_other_concerns_follow(text, lead, others):
    found = concerns(text)
    assert found[0].topic == lead and found[0].asked
    assert others <= {c.topic for c in found[1:]}


def test_no_concern_in_small_talk():
    assert main_concern("hello there") is None and concerns("") == ()


def _story_intent(text, name="nlu_fallback", confidence=0.3):
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": name, "confidence": confidence})
    (out,) = StoryIntentHint().process([message])
    return out.get(INTENT)["name"], out.get(CONCERNS)


def test_a_story_is_answered_by_what_it_asks_not_the_classifiers_guess():
    story = STORIES[0][0]
    assert is_story(story)
    assert _story_intent(story, "ask_priorities", 0.9) == (
        "ask_duration", ["duration", "cost", "side_effects", "new_cancers"])


def test_a_story_that_asks_nothing_but_states_a_transplant_gets_the_tailored_answer():
    story = ("I had my stem cell transplant in the spring. It was hard going, and now the "
             "team have mentioned maintenance to me. My husband drives me to every visit.")
    assert _story_intent(story, "ask_priorities", 0.7)[0] == "inform"


@pytest.mark.parametrize("story, intent", [
    ("I have been treatment free since my transplant last June. Before I decide I want to "
     "know: will it prolong time to relapse? Will it prolong life expectancy? What is the "
     "risk of secondary cancers?", "inform"),
    ("My consultant has mentioned maintenance after my chemo. I keep reading about it online. "
     "Would it help me live longer, and does it cause other cancers?", "ask_for_me"),
])
def test_a_story_asking_what_the_tailored_answer_covers_gets_it(story, intent):
    """Two questions the tailored answer speaks to (living longer, new cancers,
    remission ...): that answer, with the profile when the story gives one."""
    assert _story_intent(story, "ask_new_cancers", 0.9)[0] == intent


def test_a_question_about_one_life_leads_whatever_the_classifier_thought():
    assert _story_intent("im 58, had transplant, how long have i got", "inform", 0.95)[0] == \
        "ask_prognosis"
    assert _story_intent("how long do i have to take it for", "ask_duration", 0.9)[0] in (
        None, "ask_duration")


def test_a_profile_with_a_question_is_the_question():
    assert _story_intent("im 38 and want kids one day, can i?", "inform", 0.9)[0] == \
        "ask_fertility"


def test_a_short_confident_question_keeps_its_intent():
    assert _story_intent("does it cause other cancers", "ask_new_cancers", 0.95)[0] == \
        "ask_new_cancers"
    assert _story_intent("how much does it cost", "ask_cost", 0.9)[0] == "ask_cost"
    assert _story_intent("who pays for it?", "nlu_fallback", 0.4)[0] == "ask_cost"


@pytest.mark.parametrize("text", ["oh sorry, I got that wrong, I did have one, back in 2019",
                                  "sorry I meant 66", "actually, I did have one"])
def test_a_correction_is_an_answer_whatever_the_classifier_thought(text):
    from components.story_intent import corrects_profile

    assert corrects_profile(text) and _story_intent(text, "ask_prognosis", 0.8)[0] == "inform"


def test_small_talk_with_sorry_is_not_a_correction():
    from components.story_intent import corrects_profile

    assert not corrects_profile("sorry, what is myeloma?")
    assert not corrects_profile("sorry to bother you")


def test_a_story_that_asks_nothing_is_not_put_down_to_a_topic_whose_words_it_lacks():
    story = ("Last weekend he said he would be glad when June comes and the transplant is "
             "over. Last night he said he wished he could wake up and find it had been a bad "
             "dream. We don't talk about myeloma much.")
    assert _story_intent(story, "ask_infection_risk", 0.8)[0] == "ask_for_me"
    # A story that asks, the classifier's reading stands.
    asking = ("A close relative has myeloma. He is 79 and has no symptoms. He is not under "
              "treatment. Please explain what this disease is.")
    assert _story_intent(asking, "ask_glossary", 0.8)[0] == "ask_glossary"


def test_an_everyday_matter_said_in_passing_does_not_take_over_a_story():
    """'It put a dent in my travelling plans': the story's brief, with travel
    mentioned beside it; asked about, travel is the answer."""
    story = ("We had a little cry. Then the haematologist said they can't cure it, but they "
             "can put it to sleep for a while. It certainly put a dent in my travel plans!")
    assert registry().topics["travel"].in_passing
    assert _story_intent(story, "ask_travel", 0.9)[0] != "ask_travel"
    asked = story + " Can I still fly to Spain in May?"
    assert _story_intent(asked, "ask_travel", 0.9)[0] == "ask_travel"


def test_a_carers_correction_of_the_age_is_a_correction():
    from components.story_intent import corrects_profile

    assert corrects_profile("sorry, i meant she is 63")
    assert not corrects_profile("sorry, what does median mean?")


@pytest.mark.parametrize("text, intent", [
    ("i have lymphoma, what does it mean for me", "ask_other_condition"),
    ("i have smouldering myeloma, what would it mean for me", "ask_who_was_studied"),
    ("im on ixazomib maintenance not lenalidomide, does this apply to me",
     "ask_other_condition"),
    ("my husband had a donor transplant from his sister", "ask_who_was_studied"),
    # not another drug: the request for the figures stays
    ("im not on lenalidomide yet, what would it mean for me", "ask_for_me"),
])
def test_what_the_tool_covers_comes_before_the_figures(text, intent):
    assert _story_intent(text, "ask_for_me", 0.9)[0] == intent


@pytest.mark.parametrize("text, topic", [
    # a question pointing back at the sentence before it that brought a topic up
    ("me and my wife want to try for a baby, im 41 and on len. is that even possible?",
     "fertility"),
    ("We are hoping to go to Tenerife in March. I am 77. Is it alright to go?", "travel"),
    ("My oncologist says I'll be on Revlimid indefinitely, like for life. Is that what they did "
     "in the study?", "duration"),
    # a second review: "from the medicine" is not a new cancer unless a cancer is named
    ("my husbands leg has gone swollen and hot. Is this normal from the medicine?", None),
    ("Can I take a week off the lenalidomide for my holiday?", "taking_break"),
    ("is there any help for carers", "support"),
    # seventh session: a sign the bot has no facts on, then "Is this from the medicine?"
    ("I get these cramps in my hands. Is this from the medicine?", None),
    # a new skin cancer told, then a question pointing back at it
    ("I developed skin cancer last year. Could it be from the revlimid?", "new_cancers"),
    ("My husband had a basal cell removed from his nose in May. Is that from the "
     "lenalidomide?", "new_cancers"),
])
def test_what_a_question_asks_after_a_second_review(text, topic):
    from bot.topics import concerns

    asked = [c.topic for c in concerns(text) if c.asked]
    assert (asked[:1] == [topic]) if topic else "new_cancers" not in asked, asked


@pytest.mark.parametrize("text, guess, intent", [
    # seventh session's review: a topic none of whose words were said gives way to one asked
    ("so tired on revlimid, 10 months in now. is tiredness a normal thing with it? i nap every "
     "afternoon", "ask_travel", "ask_side_effects"),
    ("can lenalidomide harm my partner if we have sex? I'm the one taking it (male)",
     "ask_taking_break", "ask_fertility"),
    ("if the myeloma comes back, what happens then?", "ask_taking_break", "ask_relapse"),
    ("I had a DVT in 2019, does maintenance raise the risk again?", "ask_staging",
     "ask_side_effects"),
    # a topic whose words were said keeps the classifier's guess
    ("we are flying to spain, is that ok on len?", "ask_travel", "ask_travel"),
])
def test_a_guessed_topic_whose_words_are_not_said_gives_way(text, guess, intent):
    assert _story_intent(text, guess, 0.7)[0] == intent


def test_a_sure_guess_stands_though_its_words_are_not_said():
    """"been on it for three years, is that safe?" is taking it for years (0.99), not how
    long people take it (the concern its words bring up)."""
    assert _story_intent("my dad has been on it for three years, is that safe?",
                         "ask_long_term", 0.99)[0] == "ask_long_term"


@pytest.mark.parametrize("text, topic", [
    # a generic question points back at the sentence before that brought a topic up
    ("me and my wife want to try for a baby. I'm 41 and on lenalidomide maintenance after my "
     "transplant. what do we need to know?", "fertility"),
    ("Do I have to stay on it until it stops working? I heard there was a later report about "
     "how long to keep going", "duration"),
    ("I'm a carer for my wife, she's 59 and having her transplant in 2 weeks. What happens if "
     "she doesn't take maintenance afterwards, what's the other option?", "options"),
    ("My hair is thinning, is that from the revlimid?", "side_effects"),
    ("Do I take lenalidomide with food? what time of day is best?", "alcohol_food"),
])
def test_what_a_question_asks_after_the_seventh_review(text, topic):
    from bot.topics import concerns

    assert [c.topic for c in concerns(text) if c.asked][:1] == [topic]


@pytest.mark.parametrize("text, topic", [
    ("Why take it if there's no myeloma left? I'm in complete remission already after my "
     "transplant", "maintenance"),
    ("whats the point of maintenance if you're already in remission", "maintenance"),
    ("I keep reading different numbers online, one place says 57 months and another says 39 "
     "months. which is right?", "glossary"),
])
def test_why_maintenance_and_which_figures_are_asked(text, topic):
    from bot.topics import concerns

    assert [c.topic for c in concerns(text) if c.asked][:1] == [topic]


@pytest.mark.parametrize("text, topic", [
    # seventh session's second review (carers and older patients)
    ("What dose should she be on? She's on 10 but her friend from the support group is on 25, "
     "should she ask for more?", "dose"),
    ("Does it cost anything? We're both pensioners and we're worried about paying for "
     "prescriptions every month", "cost"),
    ("I just want a rough idea, are we talking months or years?", "prognosis"),
    ("Is it a tablet or an injection? And how often do you have to take it? Mum's not good with "
     "lots of pills", "lenalidomide"),
    ("he's 70 and had the transplant 3 years ago. What happens if he stops?", "taking_break"),
])
def test_what_a_carers_question_asks(text, topic):
    from bot.topics import concerns

    assert [c.topic for c in concerns(text) if c.asked][:1] == [topic]


@pytest.mark.parametrize("topic, text, said", [
    ("who_was_studied", "several years ago, I was diagnosed with MGUS", "not MGUS."),
    ("who_was_studied", "I have smouldering myeloma", "not smouldering myeloma."),
    ("other_drugs", "Dr Midha added Darzalex to the plan", "You also mentioned Darzalex."),
    # a question about the topic is not a thing to name back
    ("who_was_studied", "who took part in the trial", "did not study"),
])
def test_a_mention_names_back_what_they_wrote(topic, text, said):
    from bot.topics import mention_of

    assert said in str(mention_of(topic, text))


def test_their_own_result_asked_about_leads():
    """Seventh session's second review: a rising paraprotein got "myeloma does come back"
    first, with no word that the bot can't read results."""
    assert _story_intent("His paraprotein has gone from 4 to 7 on his last bloods, what does "
                         "that mean? Is it coming back?", "ask_relapse", 0.9)[0] == \
        "ask_test_results"


@pytest.mark.parametrize("text, guess, intent", [
    # seventh session's third review (blog-style posts)
    ("CML, 8 years on imatinib now, and major molecular response for the last five of them. "
     "I'm 47 and my consultant has brought up trying treatment-free remission. What is the "
     "chance of staying in remission if I stop imatinib?", "ask_remission", "ask_other_condition"),
    ("I'm 69 and had a transplant last year, they said I was fit enough. Then I read online "
     "that in Myeloma XI people over 65 didn't live any longer on lenalidomide. Does that mean "
     "it won't help me?", "ask_group", "inform"),
    ("Reading the paper with a cup of tea. It says 39 months versus 20 months, median. I'm 60, "
     "had the transplant in 2023. My son says that's not what median means. Which of us is "
     "right?", "ask_survival", "ask_glossary"),
])
def test_blog_style_posts_ask_what_they_ask(text, guess, intent):
    assert _story_intent(text, guess, 0.9)[0] == intent


@pytest.mark.parametrize("text, about", [
    ("CML, 8 years on imatinib now. What is the chance of staying in remission if I stop?", True),
    ("I'm 29 and just finished six cycles of ABVD for Hodgkin lymphoma. Does chemo like ABVD "
     "affect fertility in men long term?", True),
    ("My mum had breast cancer years ago. I'm on revlimid maintenance now, is my risk higher?",
     False),
])
def test_a_message_about_another_cancer_of_the_writers_own(text, about):
    from bot.topics import about_another_cancer

    assert about_another_cancer(text) is about


def test_a_generic_version_is_explained_not_the_drug_again():
    from bot.glossary import define
    from bot.topics import concerns

    text = "is there a generic lenalidomide now and is it as good as Revlimid?"
    assert [c.topic for c in concerns(text) if c.asked] == ["glossary"]
    assert define(text)[0].startswith("A generic medicine is a copy")


def test_a_group_said_of_the_one_a_carer_asks_for_is_their_profile():
    # "the over 70s like my mum" with her transplant: her answer, not the group's and
    # then "tell me the age"; the group word alone stays a question about the group
    assert _story_intent("how does it work for the over 70s like my mum? she couldn't have "
                         "a transplant", "ask_group", 0.6)[0] == "inform"
    assert _story_intent("I had a transplant. does it help over 65s?", "ask_group",
                         0.6)[0] == "ask_group"


def test_a_cancer_named_beside_the_risk_of_new_ones_is_the_new_cancer_feared():
    text = ("I wrote a blog post years ago about my increased risk of both non-melanoma skin "
            "cancer as well as melanoma. I wanted to document how the aggressive chemotherapy "
            "and radiation I underwent increased my risk of skin cancer.")
    assert concerns(text)[0].topic == "new_cancers"
    assert not about_another_cancer(text)
    assert about_another_cancer("I have breast cancer and take letrozole, can I fly?")


def test_a_relapse_told_is_a_concern_with_a_mention():
    found = concerns("I have already relapsed from treatment with Lenalidomide and fear that "
                     "every such relapse brings me one step closer to the end of the road")
    assert "relapse" in {c.topic for c in found}


@pytest.mark.parametrize("text, intent", [
    # the eighth session's advocate review: a profile and a question in one story
    ("My husband 74 had his transplant in 2021. We are flying to Spain next month. Can he take "
     "his Revlimid with him on the plane?", "ask_travel"),
    ("Consultant says 'until it stops working' which sounds like forever. I'm 60, had the "
     "transplant. Is there a point where you can stop?", "ask_duration"),
    ("I had my transplant 5 years ago and have never been on maintenance. I'm 64. Is it too "
     "late to start it now?", "ask_maintenance"),
])
def test_the_question_beside_a_profile_is_answered(text, intent):
    assert _story_intent(text, "inform", 0.8)[0] == intent


def test_a_question_about_the_drug_leads_over_the_story_it_points_back_at():
    """The ninth session's triage review: "a DVT in 2016 after a long flight ... Does it raise
    the risk of clots?" got the travel answer; "does that mean ...?" still points back."""
    story = ("I had a DVT in 2016 after a long flight, fine since, no swelling or pain now. I'm "
             "starting len next month after my transplant. Does it raise the risk of clots?")
    assert [c.topic for c in concerns(story)][:2] == ["side_effects", "travel"]
    result = "My paraprotein went from 4 to 7. Does that mean it has stopped working?"
    assert concerns(result)[0].topic == "test_results"


def test_kidneys_asked_about_get_what_the_facts_hold_on_them():
    text = "is len safe for kidneys, and did the trial include people with kidney problems"
    assert concerns(text)[0].topic == "who_was_studied"
    said = " ".join(str(p) for p in answers.topic_parts("who_was_studied", text))
    assert "no figures about the kidneys" in said and "smouldering" not in said
