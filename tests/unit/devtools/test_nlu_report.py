"""devtools/nlu_report.py: scoring helpers and candidate configs (no training)."""
import pytest
import yaml

from devtools.nlu_report import (
    STORY_READER,
    SVM,
    Candidate,
    Prediction,
    best_intent,
    candidate_config,
    candidates,
    classifier_index,
    fallback_threshold,
    is_confidently_wrong,
    load_holdout,
    macro_f1,
    pipeline_sources,
    score,
    set_by_rule,
)
from tests.conftest import ROOT

THRESHOLD = 0.5


def _p(truth: str, intent: str, confidence: float) -> Prediction:
    return Prediction(text="x", truth=truth, intent=intent, confidence=confidence)


@pytest.mark.parametrize("prediction, expected", [
    (_p("greet", "goodbye", 0.9), True),         # wrong and acted on
    (_p("greet", "goodbye", 0.5), True),         # at the threshold the bot still acts
    (_p("greet", "goodbye", 0.49), False),       # below it: not confident
    (_p("greet", "nlu_fallback", 1.0), False),   # the fallback asks, it does not answer
    (_p("greet", "greet", 0.99), False),         # right
    (_p("ask_dose", "red_flag", 1.0), True),     # a rule's wrong override counts too
])
def test_confidently_wrong(prediction, expected):
    assert is_confidently_wrong(prediction, THRESHOLD) is expected


def test_score_counts_each_kind_of_answer():
    predictions = [
        _p("greet", "greet", 0.9),
        _p("greet", "goodbye", 0.8),         # confidently wrong
        _p("goodbye", "nlu_fallback", 1.0),  # fallback
        _p("red_flag", "red_flag", 1.0),
        _p("crisis", "nlu_fallback", 1.0),   # safety missed
        _p("thank", "red_flag", 1.0),        # false alarm, confidently wrong
    ]
    figures = score(predictions, THRESHOLD)
    assert figures["n"] == 6
    assert figures["accuracy"] == pytest.approx(2 / 6)
    assert figures["fallbacks"] == 2
    assert figures["confidently_wrong"] == 2
    assert figures["safety"] == 2 and figures["safety_missed"] == 1
    assert figures["false_alarms"] == 1
    assert [e["truth"] for e in figures["confidently_wrong_examples"]] == ["thank", "greet"]


def test_confidently_wrong_answers_set_by_a_rule_are_told_apart():
    by_rule = Prediction("is she going to die", "ask_prognosis", "crisis", 1.0,
                         before_rules="ask_prognosis")
    by_classifier = Prediction("x", "greet", "goodbye", 0.9, before_rules="goodbye")
    unknown = Prediction("x", "greet", "goodbye", 0.9)
    assert set_by_rule(by_rule) and not set_by_rule(by_classifier) and not set_by_rule(unknown)
    figures = score([by_rule, by_classifier, unknown], THRESHOLD)
    assert figures["confidently_wrong"] == 3 and figures["confidently_wrong_by_rules"] == 1


def test_best_intent_skips_the_fallback():
    parse = {"intent": {"name": "nlu_fallback", "confidence": 0.5},
             "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.5},
                                {"name": "ask_dose", "confidence": 0.4}]}
    assert best_intent(parse) == "ask_dose"
    assert best_intent({"intent": {"name": "greet", "confidence": 0.9}}) == "greet"


def test_macro_f1_averages_over_true_intents():
    assert macro_f1([_p("a", "a", 1), _p("b", "b", 1)]) == 1.0
    # a: tp 1, fn 1 -> 2/3; b: tp 0 -> 0; the fallback gets no term of its own
    assert macro_f1([_p("a", "a", 1), _p("a", "nlu_fallback", 1), _p("b", "a", 1)]) == \
        pytest.approx((2 * 1 / (2 + 1 + 1) + 0) / 2)


def test_candidates_swap_only_the_classifier_of_config_yml():
    base = yaml.safe_load((ROOT / "config.yml").read_text())
    index = classifier_index(base["pipeline"])
    for candidate in [c for c in candidates(diet_epochs=100) if not c.drop]:
        config = candidate_config(base, candidate)
        rest = [e for i, e in enumerate(config["pipeline"]) if i != index]
        assert rest == [e for i, e in enumerate(base["pipeline"]) if i != index]
        assert config["pipeline"][index] == (candidate.classifier or base["pipeline"][index])
    assert fallback_threshold(base) > 0
    before = yaml.safe_dump(base)
    svm = candidate_config(base, Candidate("C", "svm", {"name": SVM}))
    assert svm["pipeline"][index]["name"] == SVM
    assert yaml.safe_dump(base) == before  # config.yml's pipeline is left untouched


def test_the_whole_message_candidate_leaves_out_only_the_story_reader():
    base = yaml.safe_load((ROOT / "config.yml").read_text())
    (whole,) = [c for c in candidates(diet_epochs=20) if c.drop]
    config = candidate_config(base, whole)
    assert [e for e in base["pipeline"] if e["name"] != STORY_READER] == config["pipeline"]
    assert len(config["pipeline"]) == len(base["pipeline"]) - 1


def test_classifier_index_needs_exactly_one_classifier():
    with pytest.raises(ValueError):
        classifier_index([{"name": "WhitespaceTokenizer"}])


def test_holdout_items_schema_scores_text_only(tmp_path):
    path = tmp_path / "holdout.yml"
    path.write_text(yaml.safe_dump({"items": [
        {"text": "im 70", "intent": "inform", "before": ["hi"]},
        {"text": "no intent here"},
    ]}))
    assert load_holdout(path) == [("im 70", "inform")]


def test_the_cache_key_covers_the_code_the_pipeline_runs():
    config = {"pipeline": [{"name": "WhitespaceTokenizer"},
                           {"name": "components.safety_intent.SafetyIntentOverride"}]}
    sources = {str(path.relative_to(ROOT)) for path in pipeline_sources(config)}
    assert {"components/safety_intent.py", "bot/safety.py"} <= sources
    assert not [s for s in sources if s.startswith(("devtools/", ".venv/"))]
