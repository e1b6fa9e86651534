"""rasa_patches/classifier.py: the intents ranked with the weights laid out
for the multiplication get the same numbers."""
from __future__ import annotations

import components  # noqa: F401 - applies the patches, as loading the model does


def test_the_classifier_ranks_with_the_same_numbers():
    import numpy as np
    import scipy.sparse as sp
    from sklearn.linear_model import LogisticRegression

    rnd = np.random.default_rng(0)
    X = sp.random(200, 3000, density=0.01, format="csr", random_state=1)
    y = rnd.integers(0, 6, 200)
    clf = LogisticRegression(max_iter=300).fit(X, y)
    before = clf.predict_proba(X[:20])
    clf.coef_ = np.asfortranarray(clf.coef_)
    assert np.array_equal(clf.predict_proba(X[:20]), before)


def test_a_loaded_classifier_keeps_its_weights_column_by_column():
    import numpy as np

    from rasa_patches.classifier import _load_classifier

    class Loaded:
        clf = type("Clf", (), {"coef_": np.arange(12.0).reshape(3, 4)})()

    class Component:
        @classmethod
        def load(cls, *args, **kwargs):
            return Loaded()

    component = _load_classifier(Component.load).__get__(None, Component)()
    assert component.clf.coef_.flags["F_CONTIGUOUS"]
    assert np.array_equal(component.clf.coef_, np.arange(12.0).reshape(3, 4))
