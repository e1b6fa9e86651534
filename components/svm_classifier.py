"""A linear SVM intent classifier for Rasa 3 (scikit-learn, no TensorFlow).

``LinearSVC`` on the featurizers' sentence features. Its scores become
probabilities, so that the FallbackClassifier's threshold applies, in one of
two ways (``calibration_method``):

* ``sigmoid`` (default) or ``isotonic``: scikit-learn's
  ``CalibratedClassifierCV``, one calibrated SVM per intent against the rest,
  normalised. With dozens of intents the top probability is modest, so more
  messages fall back.
* ``softmax``: one temperature for a softmax over the SVM's scores, fitted on
  cross-validated scores of the training data (temperature scaling).

Persisted with skops like Rasa's own LogisticRegressionClassifier, but a
model file holding types outside this component's own list is refused
loudly instead of being replaced by an untrained classifier.

Use in config.yml in place of the classifier::

  - name: components.svm_classifier.SVMClassifier
    C: 1.0
    calibration_method: sigmoid
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Tuple, Type

import numpy as np
from scipy.sparse import csr_matrix, hstack, vstack

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers import LABEL_RANKING_LENGTH
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.featurizers.featurizer import Featurizer
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.constants import RANKING_LENGTH

logger = logging.getLogger(__name__)

# What a persisted CalibratedClassifierCV(LinearSVC) is made of, beyond the
# types skops trusts by default. Anything else in a model file is refused.
TRUSTED_TYPES = frozenset({
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "components.svm_classifier.SoftmaxSVC",
})
CALIBRATION_METHODS = ("sigmoid", "isotonic", "softmax")


def score_columns(scores: Any) -> np.ndarray:
    """SVM scores with one column per class (scikit-learn gives one for two classes)."""
    scores = np.asarray(scores, dtype=float)
    return np.column_stack([-scores, scores]) / 2 if scores.ndim == 1 else scores


def svm_scores(svm: Any, X: Any) -> np.ndarray:
    return score_columns(svm.decision_function(X))


def fit_temperature(scores: np.ndarray, labels: np.ndarray, classes: np.ndarray) -> float:
    """The softmax temperature that makes held-out scores likeliest (least NLL)."""
    from scipy.optimize import minimize_scalar
    from scipy.special import log_softmax

    rows, truth = np.arange(len(labels)), np.searchsorted(classes, labels)

    def nll(temperature: float) -> float:
        return float(-log_softmax(scores * temperature, axis=1)[rows, truth].mean())

    return float(minimize_scalar(nll, bounds=(0.01, 100.0), method="bounded").x)


class SoftmaxSVC:
    """A fitted LinearSVC with probabilities softmax(temperature * scores)."""

    def __init__(self, svm: Any, temperature: float) -> None:
        self.svm = svm
        self.temperature = temperature
        self.classes_ = svm.classes_

    def predict_proba(self, X: Any) -> np.ndarray:
        from scipy.special import softmax

        return np.asarray(softmax(svm_scores(self.svm, X) * self.temperature, axis=1))


def calibration_folds(labels: List[str], wanted: int) -> Optional[int]:
    """Folds for calibration: at most ``wanted``, at most the rarest intent's count.

    None when an intent has a single example (no split can hold it out): the
    SVM is then calibrated on its own training data (``cv="prefit"``).
    """
    counts = np.unique(np.asarray(labels), return_counts=True)[1]
    folds = min(wanted, int(counts.min()))
    return folds if folds >= 2 else None


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True
)
class SVMClassifier(IntentClassifier, GraphComponent):
    """Intent classifier: calibrated linear SVM on sparse sentence features."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [Featurizer]

    @staticmethod
    def required_packages() -> List[str]:
        return ["sklearn", "skops"]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            "C": 1.0,
            "class_weight": "balanced",
            "max_iter": 5000,
            "random_state": 42,
            # sigmoid, isotonic (CalibratedClassifierCV) or softmax (temperature)
            "calibration_method": "sigmoid",
            # folds of the training data the calibration is fitted on
            "calibration_folds": 3,
            RANKING_LENGTH: LABEL_RANKING_LENGTH,
        }

    def __init__(
        self,
        config: Dict[str, Any],
        name: str,
        model_storage: ModelStorage,
        resource: Resource,
        clf: Any = None,
    ) -> None:
        self.name = name
        self.config = {**self.get_default_config(), **config}
        self.clf = clf
        self._model_storage = model_storage
        self._resource = resource

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SVMClassifier":
        return cls(config, execution_context.node_name, model_storage, resource)

    def _svm(self) -> Any:
        from sklearn.svm import LinearSVC

        return LinearSVC(
            C=self.config["C"],
            class_weight=self.config["class_weight"],
            max_iter=self.config["max_iter"],
            random_state=self.config["random_state"],
        )

    @staticmethod
    def _create_X(messages: List[Message]) -> csr_matrix:
        """Sentence features (sparse, and dense if a featurizer made any), one row each."""
        rows = []
        for message in messages:
            sparse = message.get_sparse_features(attribute=TEXT)[1]
            dense = message.get_dense_features(attribute=TEXT)[1]
            rows.append(hstack([
                csr_matrix(sparse.features if sparse else []),
                csr_matrix(dense.features if dense else []),
            ]))
        return vstack(rows).tocsr()

    def _training_matrix(self, training_data: TrainingData) -> Tuple[csr_matrix, List[str]]:
        examples = [e for e in training_data.intent_examples
                    if e.get(INTENT) and e.get(TEXT)]
        if not examples:
            return csr_matrix((0, 0)), []
        return self._create_X(examples), [e.get(INTENT) for e in examples]

    def train(self, training_data: TrainingData) -> Resource:
        X, y = self._training_matrix(training_data)
        if X.shape[0] == 0:
            logger.debug(f"Cannot train '{self.__class__.__name__}': no intent examples.")
            return self._resource
        if len(set(y)) < 2:
            logger.warning(f"'{self.__class__.__name__}' needs two intents or more; "
                           f"not trained.")
            return self._resource
        labels = np.asarray(y)  # sklearn 1.1 miscounts classes in a plain list
        folds = calibration_folds(y, self.config["calibration_folds"])
        if folds is None:
            logger.warning("An intent has a single example: the SVM's probabilities are "
                           "calibrated on its own training data (overconfident).")
        self.clf = self._calibrated(X, labels, folds)
        self.persist()
        return self._resource

    def _calibrated(self, X: csr_matrix, labels: np.ndarray, folds: Optional[int]) -> Any:
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.model_selection import StratifiedKFold, cross_val_predict

        method = self.config["calibration_method"]
        if method == "softmax":
            if folds is None:
                held_out = svm_scores(self._svm().fit(X, labels), X)
            else:
                splits = StratifiedKFold(folds, shuffle=True,
                                         random_state=self.config["random_state"])
                held_out = score_columns(cross_val_predict(
                    self._svm(), X, labels, cv=splits, method="decision_function"))
            svm = self._svm().fit(X, labels)
            return SoftmaxSVC(svm, fit_temperature(held_out, labels, svm.classes_))
        if folds is None:
            svm = self._svm().fit(X, labels)
            return CalibratedClassifierCV(svm, cv="prefit", method=method).fit(X, labels)
        return CalibratedClassifierCV(self._svm(), cv=folds, method=method).fit(X, labels)

    def process(self, messages: List[Message]) -> List[Message]:
        """Sets the likeliest intent and a ranking, each with its probability."""
        if self.clf is None or not messages:
            return messages
        probabilities = self.clf.predict_proba(self._create_X(messages))
        intents = [str(name) for name in self.clf.classes_]
        length = self.config[RANKING_LENGTH]
        for message, row in zip(messages, probabilities, strict=True):
            order = sorted(range(len(intents)), key=lambda i: -row[i])
            ranking = [{"name": intents[i], "confidence": float(row[i])} for i in order]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking[:length] if length > 0 else ranking,
                        add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def persist(self) -> None:
        import skops.io as sio

        with self._model_storage.write_to(self._resource) as model_dir:
            path = model_dir / f"{self._resource.name}.skops"
            sio.dump(self.clf, path)
            logger.debug(f"Saved intent classifier to '{path}'.")

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "SVMClassifier":
        import skops.io as sio

        refused: List[str] = []
        try:
            with model_storage.read_from(resource) as model_dir:
                path = model_dir / f"{resource.name}.skops"
                untrusted = sio.get_untrusted_types(file=path)
                refused = sorted(set(untrusted) - TRUSTED_TYPES)
                clf = None if refused else sio.load(path, trusted=untrusted)
        except (ValueError, FileNotFoundError):
            # Nothing was persisted (training had no data): an untrained
            # classifier that leaves messages alone.
            logger.debug(f"No trained {cls.__name__} in resource '{resource.name}'.")
            return cls.create(config, model_storage, resource, execution_context)
        if refused:
            raise ValueError(f"{cls.__name__}: the model file holds types this "
                             f"classifier never writes: {refused}")
        return cls(config, execution_context.node_name, model_storage, resource, clf)

    @classmethod
    def validate_config(cls, config: Dict[str, Any]) -> None:
        if float(config.get("C", 1.0)) <= 0:
            raise ValueError("SVMClassifier: C must be positive.")
        method = config.get("calibration_method", "sigmoid")
        if method not in CALIBRATION_METHODS:
            raise ValueError(f"SVMClassifier: calibration_method {method!r} is not one of "
                             f"{CALIBRATION_METHODS}.")
