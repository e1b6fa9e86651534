"""components/svm_classifier.py: trains on a tiny set, classifies, persists and loads."""
from pathlib import Path
from typing import List, Tuple

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer,
)
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.svm_classifier import SVMClassifier, calibration_folds

EXAMPLES = {
    "greet": ["hello", "hi there", "good morning", "hello again", "hiya"],
    "ask_side_effects": ["what are the side effects", "does it have side effects",
                         "side effects of lenalidomide", "will it make me tired",
                         "any bad effects"],
    "goodbye": ["bye", "goodbye", "see you later", "bye for now", "cheerio"],
}

Featurize = Tuple[WhitespaceTokenizer, CountVectorsFeaturizer]


@pytest.fixture
def storage(tmp_path: Path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


@pytest.fixture
def context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), "test")


@pytest.fixture
def featurize(storage: LocalModelStorage, context: ExecutionContext) -> Featurize:
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    featurizer = CountVectorsFeaturizer.create(
        CountVectorsFeaturizer.get_default_config(), storage, Resource("cvf"), context)
    return tokenizer, featurizer


def _training_data(featurize: Featurize) -> TrainingData:
    tokenizer, featurizer = featurize
    data = TrainingData([Message(data={TEXT: text, INTENT: intent})
                         for intent, texts in EXAMPLES.items() for text in texts])
    tokenizer.process_training_data(data)
    featurizer.train(data)
    featurizer.process_training_data(data)
    return data


def _messages(featurize: Featurize, *texts: str) -> List[Message]:
    tokenizer, featurizer = featurize
    messages = [Message(data={TEXT: text}) for text in texts]
    tokenizer.process(messages)
    featurizer.process(messages)
    return messages


@pytest.mark.parametrize("method", ["sigmoid", "softmax"])
def test_trains_classifies_persists_and_loads(storage, context, featurize, method):
    config = {**SVMClassifier.get_default_config(), "calibration_method": method}
    resource = Resource("svm")
    svm = SVMClassifier.create(config, storage, resource, context)
    svm.train(_training_data(featurize))

    (message,) = svm.process(_messages(featurize, "what side effects are there"))
    intent, ranking = message.get(INTENT), message.get(INTENT_RANKING_KEY)
    assert intent["name"] == "ask_side_effects"
    assert [r["name"] for r in ranking][0] == "ask_side_effects"
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0)
    assert 0 < intent["confidence"] <= 1

    loaded = SVMClassifier.load(config, storage, resource, context)
    (again,) = loaded.process(_messages(featurize, "what side effects are there"))
    assert again.get(INTENT) == intent


def test_a_model_file_with_foreign_types_is_refused(storage, context, featurize, monkeypatch):
    resource = Resource("svm_foreign")
    config = {**SVMClassifier.get_default_config(), "calibration_method": "softmax"}
    SVMClassifier.create(config, storage, resource, context).train(_training_data(featurize))
    monkeypatch.setattr("components.svm_classifier.TRUSTED_TYPES", frozenset())
    with pytest.raises(ValueError, match="never writes"):
        SVMClassifier.load(config, storage, resource, context)


def test_softmax_calibration_with_two_intents(storage, context, featurize):
    tokenizer, featurizer = featurize
    data = TrainingData([Message(data={TEXT: t, INTENT: i}) for i in ("greet", "goodbye")
                         for t in EXAMPLES[i]])
    tokenizer.process_training_data(data)
    featurizer.train(data)
    featurizer.process_training_data(data)
    config = {**SVMClassifier.get_default_config(), "calibration_method": "softmax"}
    svm = SVMClassifier.create(config, storage, Resource("svm_two"), context)
    svm.train(data)
    (message,) = svm.process(_messages(featurize, "goodbye then"))
    assert message.get(INTENT)["name"] == "goodbye"
    assert message.get(INTENT)["confidence"] > 0.5


def test_unknown_calibration_is_refused():
    with pytest.raises(ValueError):
        SVMClassifier.validate_config({"calibration_method": "platt"})


def test_an_untrained_classifier_leaves_messages_alone(storage, context, featurize):
    loaded = SVMClassifier.load(SVMClassifier.get_default_config(), storage,
                                Resource("never_trained"), context)
    (message,) = loaded.process(_messages(featurize, "hello"))
    assert message.get(INTENT) is None


def test_ranking_length_is_respected(storage, context, featurize):
    config = {**SVMClassifier.get_default_config(), "ranking_length": 2}
    svm = SVMClassifier.create(config, storage, Resource("svm2"), context)
    svm.train(_training_data(featurize))
    (message,) = svm.process(_messages(featurize, "bye bye"))
    assert message.get(INTENT)["name"] == "goodbye"
    assert len(message.get(INTENT_RANKING_KEY)) == 2


@pytest.mark.parametrize("labels, wanted, folds", [
    (["a"] * 5 + ["b"] * 5, 3, 3),
    (["a"] * 5 + ["b"] * 2, 3, 2),   # the rarest intent caps the folds
    (["a"] * 5 + ["b"], 3, None),    # a single example: calibrate on the training data
])
def test_calibration_folds(labels, wanted, folds):
    assert calibration_folds(labels, wanted) == folds


@pytest.mark.parametrize("method", ["sigmoid", "softmax"])
def test_an_intent_with_one_example_still_trains(storage, context, featurize, method):
    tokenizer, featurizer = featurize
    data = TrainingData([Message(data={TEXT: t, INTENT: i}) for i, t in
                         [("greet", "hello"), ("greet", "hi"), ("greet", "hiya"),
                          ("goodbye", "bye")]])
    tokenizer.process_training_data(data)
    featurizer.train(data)
    featurizer.process_training_data(data)
    config = {**SVMClassifier.get_default_config(), "calibration_method": method}
    svm = SVMClassifier.create(config, storage, Resource("svm3"), context)
    svm.train(data)
    (message,) = svm.process(_messages(featurize, "hello"))
    assert message.get(INTENT)["name"] == "greet"
