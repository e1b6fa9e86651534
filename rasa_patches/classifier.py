"""The "classifier" patch: the intent classifier's weights laid out for its product.

Rasa: ``LogisticRegressionClassifier`` multiplies each message by the
transposed weights; stored row by row, scipy copies all of them first (55
intents x 12,212 features, every message).

Here: they are stored column by column once, when the model is loaded.

Same result: the same numbers, without the copy (a test compares the
probabilities of a classifier before and after).
"""
from __future__ import annotations

from typing import Any

from rasa_patches import replace


def _load_classifier(original: Any) -> Any:
    def load(cls: Any, *args: Any, **kwargs: Any) -> Any:
        import numpy as np

        component = original.__func__(cls, *args, **kwargs)
        clf = getattr(component, "clf", None)
        if clf is not None and hasattr(clf, "coef_"):
            clf.coef_ = np.asfortranarray(clf.coef_)  # so coef_.T is C-ordered: no copy
        return component

    return classmethod(load)


def apply() -> None:
    from rasa.nlu.classifiers.logistic_regression_classifier import (
        LogisticRegressionClassifier,
    )

    replace(LogisticRegressionClassifier, "load",
            _load_classifier(LogisticRegressionClassifier.load))
