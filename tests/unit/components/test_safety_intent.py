"""components/safety_intent.py: the safety override, run on a real Rasa message."""

from components.safety_intent import SafetyIntentOverride
from tests.unit.components.messages import intent_after


def test_safety_override_wins_whatever_the_classifier_said():
    assert intent_after(SafetyIntentOverride(), "I'm 70 and have a fever of 39", "inform") == \
        "red_flag"


def test_distress_only_the_backstop_guessed_keeps_an_answer_and_nothing_else(monkeypatch):
    """Its own way when that way is an answer (which puts a line of support first);
    the full support when it would be small talk or 'not sure what you mean'."""
    from components import safety_intent

    monkeypatch.setattr(safety_intent, "only_a_guess_of_distress", lambda text: bool(text))
    monkeypatch.setattr(safety_intent, "routed_alarm", lambda text: None)
    text = "I have sold my house and given up work."
    assert intent_after(SafetyIntentOverride(), text, "ask_cost") == "ask_cost"
    assert intent_after(SafetyIntentOverride(), text, "inform") == "inform"
    for other in ("nlu_fallback", "greet", "ask_priorities"):
        assert intent_after(SafetyIntentOverride(), text, other) == "distress"


def test_a_classifiers_red_flag_the_rules_read_as_none_takes_the_next_guess():
    """A young child's fever, a pet's bleeding, a normal temperature: the
    classifier's red flag gives way to its next guess that is no alarm (the
    fallback when that guess is unsure); a sign of the patient's own still
    raises the alarm by rule."""
    for text in ("my son has a temperature of 39 and a cold, hes 6, should i stay away",
                 "hes on lenalidomide, temp is 36.8 so i think hes ok, just feels a bit rough",
                 "the dog cut her paw and it was bleeding everywhere"):
        assert intent_after(SafetyIntentOverride(), text, "red_flag") == "nlu_fallback", text
    assert intent_after(SafetyIntentOverride(), "my son is 6 and i have a fever of 39",
                        "red_flag") == "red_flag"



def test_a_crisis_denied_takes_the_classifiers_next_guess():
    """"I'm not suicidal or anything, I just want to understand my options"."""
    text = "I'm not suicidal or anything, I just want to understand my options"
    assert intent_after(SafetyIntentOverride(), text, "crisis") == "nlu_fallback"
    assert intent_after(SafetyIntentOverride(), "I want to kill myself", "crisis") == "crisis"
