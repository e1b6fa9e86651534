"""bot/safety_model.py: the learned backstop is deterministic, its lean
arithmetic gives sklearn's own probabilities, and it stays silent where it
cannot read (too short, too long)."""
import numpy as np
import yaml

from bot import safety_model


def test_the_lean_model_gives_sklearns_probabilities():
    texts, _ = safety_model.training_data()
    sample = texts[::7] + ["my calf has gone hard and hot", "what is myeloma", ""]
    expected = safety_model.model().predict_proba([t.lower() for t in sample])
    got = np.array([safety_model.lean().proba(t.lower()) for t in sample])
    assert np.allclose(expected, got, atol=1e-9)


def test_the_same_training_gives_the_same_model():
    first = safety_model.model().predict_proba(["i feel awful and shaky"])
    safety_model.model.cache_clear()
    safety_model.lean.cache_clear()
    assert np.allclose(first, safety_model.model().predict_proba(["i feel awful and shaky"]))


def test_silent_where_it_cannot_read():
    long_run_on = " ".join(["and then we went to the clinic"] * 10)
    assert safety_model.guess_many(["hi", long_run_on]) == [None, None]
    assert safety_model.guess("what does median mean") is None


def test_the_labelled_sentences_are_well_formed():
    """Each post keeps its source; each sentence has one of the four labels."""
    posts = yaml.safe_load(safety_model.SENTENCES.read_text(encoding="utf-8"))["posts"]
    assert len(posts) >= 400
    labels = set()
    for post in posts:
        assert post["source"] and post["sentences"]
        for label, sentence in post["sentences"]:
            assert label in (safety_model.NONE, *safety_model.ALARMS) and sentence.strip()
            labels.add(label)
    assert labels == {safety_model.NONE, *safety_model.ALARMS}


def test_a_story_is_read_by_its_sentences_not_its_topic():
    """Trained on labelled sentences, the backstop hears the one sentence of a
    story that tells of a sign, not the talk of appointments around it."""
    assert safety_model.guess("this consists of a quick iv push of velcade on days 1 and 4") \
        is None
    assert safety_model.guess("after gaining 38 pounds and enduring constant pain, i went back") \
        is None


def test_the_copy_of_the_nlu_examples_is_well_formed_and_keeps_every_alarm():
    """The backstop reads its own copy of the NLU examples, so an NLU change
    does not retrain it; the copy must still hold every safety intent's
    example (an alarm taught to the intents is taught to the backstop)."""
    from devtools import safety_snapshot

    copy = yaml.safe_load(safety_model.INTENT_EXAMPLES.read_text(encoding="utf-8"))["examples"]
    assert len(copy) >= 2000
    assert all(label in (safety_model.NONE, *safety_model.ALARMS) and text.strip()
               for label, text in copy)
    held = {tuple(row) for row in copy}
    alarms_in_nlu = {row for row in safety_snapshot.from_nlu() if row[0] != safety_model.NONE}
    assert alarms_in_nlu <= held, sorted(alarms_in_nlu - held)[:5]
