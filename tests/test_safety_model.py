"""bot/safety_model.py: the learned backstop is deterministic, its lean
arithmetic gives sklearn's own probabilities, and it stays silent where it
cannot read (too short, too long)."""
import numpy as np

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
