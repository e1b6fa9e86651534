"""bot.decision: reading the person's answers and what the steps say back."""
import pytest
import yaml

from bot import decision
from bot.decision import DecisionData, DecisionError
from bot.profile import AgeGroup, Transplant


@pytest.mark.parametrize("text, expected", [
    ("yes", "yes"), ("Yeah I think so", "yes"), ("Y", "yes"), ("mostly yes", "unsure"),
    ("i guess so", "unsure"),
    ("absolutely not", "no"), ("of course not", "no"), ("I am worried", None),
    ("no", "no"), ("nope not really", "no"), ("No.", "no"),
    ("not sure", "unsure"), ("I don't know", "unsure"), ("no I'm not sure", "unsure"),
    ("yes and no", "unsure"), ("dunno", "unsure"),
    ("rather not say", decision.NOT_SAID), ("skip", decision.NOT_SAID),
    ("what are the side effects?", None), ("hmm", None),
    ("well my wife thinks yes but honestly i am not at all sure what the right thing is",
     None),
])
def test_yes_no_answers(text, expected):
    assert decision.read_answer(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Towards lenalidomide", "take"), ("I think I'll go for it", "take"),
    ("carry on with the revlimid", "take"),
    ("Towards no maintenance", "not_take"), ("I don't want to take it", "not_take"),
    ("i'd rather not take it, just check ups", "not_take"), ("no to lenalidomide", "not_take"),
    ("Not sure yet", "unsure"), ("torn", "unsure"), ("in two minds", "unsure"),
    ("Rather not say", decision.NOT_SAID), ("what is myeloma", None),
    ("i wouldnt want to take it", "not_take"), ("against lenalidomide", None),
    ("the side effects put me off taking it", "not_take"),
    ("I want to avoid taking it", "not_take"),
    ("help me decide whether to take lenalidomide", None), ("scared of lenalidomide", None),
])
def test_which_way_they_lean(text, expected):
    assert decision.read_lean(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("On my own", "own"), ("On his own", "own"), ("myself", "own"),
    ("together with my consultant", "shared"), ("With his haematologist", "shared"),
    ("leave it to the doctor", "doctor"), ("whatever the doctor thinks", "doctor"),
    ("Rather not say", decision.NOT_SAID), ("I'm 70", None),
])
def test_how_they_want_to_decide(text, expected):
    assert decision.read_decide_how(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("I want to be around to see my granddaughter get married", ["living_longer"]),
    ("the tablets every day and the hospital trips", ["daily_life"]),
    ("Time before it comes back", ["time_to_relapse"]),
    ("i'm scared of getting another cancer", ["new_cancer"]),
    ("feeling well enough to look after the garden, and not being tired all the time",
     ["side_effects", "life_around"]),
    ("we are still hoping to start a family", ["pregnancy", "life_around"]),
    ("hmm", []),
])
def test_what_matters_is_read_from_their_words(text, expected):
    assert decision.read_priorities(text) == expected


@pytest.mark.parametrize("text, done", [
    ("that's all", True), ("no", True), ("nothing else", True), ("done", True),
    ("living longer", False), ("no, I also worry about the side effects and the tablets "
                               "and whether I can still go on holiday with the kids", False),
])
def test_thats_all_ends_the_values_step(text, done):
    assert decision.read_done(text) is done


def test_sure_scores_only_yes():
    answers = dict(zip(decision.SURE_IDS, ["yes", "unsure", "yes", decision.NOT_SAID],
                       strict=True))
    assert decision.sure_score(answers) == 2
    assert decision.sure_score({}) == 0


@pytest.mark.parametrize("score", range(5))
def test_sure_result_is_kind_and_never_a_recommendation(score):
    answers = {sid: "yes" if i < score else "no" for i, sid in enumerate(decision.SURE_IDS)}
    messages, choices = decision.sure_result("take", "shared", answers)
    text = " ".join(messages).lower()
    if score < 4:
        assert "talk it through" in text and "do not have to decide today" in text
    else:
        assert "ready" in text
    for word in ("you should", "we recommend", "i recommend", "best choice is"):
        assert word not in text
    assert [t for t, _ in choices] == ["What matters most to me", "Check what I know",
                                       "Questions for my haematologist", "Make my summary"]


def test_a_skipped_sure_question_gives_no_score():
    answers = dict(zip(decision.SURE_IDS, ["yes", "yes", decision.NOT_SAID, "yes"],
                       strict=True))
    text = " ".join(decision.sure_result(None, None, answers)[0])
    assert "three of the four questions, so there is no SURE score" in text
    assert "said yes" not in text


def test_distress_is_met_with_kindness_not_figures():
    assert decision.read_distress("I'd rather die than go through chemo again")
    text = " ".join(decision.distress_reply())
    assert "really hard" in text and "Myeloma UK Infoline" in text and "in 100" not in text


def test_reflection_quotes_their_words_and_brings_harms_with_benefits():
    said = "I want to be around to see my granddaughter get married"
    out = decision.reflect(["living_longer"], said, False, AgeGroup.UNDER_65, Transplant.HAD)
    text = " ".join(out)
    assert f"\u201c{said}\u201d" in text
    assert "88 in 100" in text and "80 in 100" in text and "68 in 100" not in text
    assert "About 5 in 100" in text and "15 in 100" in text  # the harms, same format
    no_tx = " ".join(decision.reflect(["living_longer"], said, False, None,
                                      Transplant.COULD_NOT))
    assert "68 in 100" in no_tx and "did not help them live longer" in no_tx
    clicked = " ".join(decision.reflect(["new_cancer"], "Risk of a new cancer", True))
    assert clicked.startswith("You picked the risk of a new cancer. Here is")


def test_a_long_quote_is_cut_and_nothing_unlinked_is_invented():
    long = "word " * 80
    text = decision.reflect(["pregnancy"], long + "baby", False)[0]
    assert "..." in text and len(text) < 500
    assert "could not link" in decision.reflect([], "my cat", False)[0]


def test_carers_are_asked_about_the_person():
    lean, _ = decision.ask_lean("dad")
    assert "your dad faces" in lean and "is your dad leaning" in lean
    how, choices = decision.ask_decide_how("wife")
    assert "How would your wife like" in how and ("With her haematologist",) * 2 in choices
    assert "best choice for him" in decision.ask_sure("sure_certain", "husband")[0]
    assert "matters most to them" in decision.ask_priorities([], "them")[0]


def test_questions_list_adds_priorities_and_what_the_bot_could_not_answer():
    out = decision.questions_list(AgeGroup.AGE_65_OR_OVER, Transplant.COULD_NOT,
                                  ["new_cancer"], ["Can I drink wine with it?"], "dad")
    text = " ".join(out)
    assert "not seen without a transplant" in text
    assert "What is his own risk of a new cancer" in text
    assert "\u201cCan I drink wine with it?\u201d" in text
    items = decision.question_items(AgeGroup.AGE_65_OR_OVER, Transplant.COULD_NOT,
                                    ["new_cancer"])
    assert all(q.endswith("?") for q in items) and len(items) == 10
    assert items[-1] == decision.DECIDE_BY


def test_remembered_questions_are_trimmed_unique_and_few():
    kept = []
    for i in range(10):
        kept = decision.remember_question(kept, f"question {i}?")
    kept = decision.remember_question(kept, "QUESTION 9?")
    assert len(kept) == decision.MAX_REMEMBERED and kept[-1] == "QUESTION 9?"
    assert kept.count("question 9?") == 0
    long = decision.remember_question([], "why " * 100)
    assert len(long[0]) <= decision.MAX_QUESTION + 3


@pytest.mark.parametrize("qid", decision.QUIZ_IDS)
def test_knowledge_check_feedback(qid):
    right = decision.quiz_item(qid).correct.value
    wrong = "no" if right == "yes" else "yes"
    assert decision.quiz_feedback(qid, right)[0].startswith("That's right")
    assert decision.quiz_feedback(qid, wrong)[0].startswith("Not quite")
    assert decision.quiz_feedback(qid, "unsure")[0].startswith("That's fine")


def test_knowledge_check_says_survival_depends_on_transplant():
    text = " ".join(decision.quiz_feedback("quiz_2", "yes"))
    assert "The answer is no" in text and "88 in 100" in text and "68 in 100" in text
    assert "About 5 in 100" in text  # harms beside the benefit
    assert decision.quiz_result({q: decision.quiz_item(q).correct.value
                                 for q in decision.QUIZ_IDS})[0][0].startswith("You got all four")


def _data(tmp_path, change):
    raw = yaml.safe_load(decision.DECISION_FILE.read_text())
    change(raw)
    path = tmp_path / "decision.yml"
    path.write_text(yaml.safe_dump(raw))
    return path


@pytest.mark.parametrize("change, problem", [
    (lambda raw: raw["priorities"][0].update(findings=["no_such_finding"]), "unknown findings"),
    (lambda raw: raw["answers"]["yes"].append(True), "str type expected"),
    (lambda raw: raw["sure"].pop(), "four questions"),
    (lambda raw: raw["knowledge_check"][0].update(correct="unsure"), "yes or no"),
    (lambda raw: raw["lean"].append(raw["lean"][0]), "unique"),
])
def test_a_broken_decision_file_is_refused_with_a_reason(tmp_path, change, problem):
    from bot.datafile import load_model

    with pytest.raises(DecisionError, match=problem):
        load_model(_data(tmp_path, change), DecisionData, "decision", DecisionError)
