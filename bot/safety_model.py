"""A learned backstop for the safety rules: it may add an alarm, never remove one.

The rules in bot/safety.py are precise but only as wide as their word lists;
people describe a fever, a clot or despair in endless ways. This small model
(character and word n-grams, logistic regression) reads each sentence too.
It learns from short messages (bot/data/safety_examples.yml: red flags,
crisis, distress and hard near-misses written by helpers who had not seen the
rules), from the sentences of real and written stories, each labelled on its
own (bot/data/safety_sentences.yml: a story's one sentence about a fever is
the alarm, not its talk of appointments), and from a copy of the NLU examples
(bot/data/safety_intent_examples.yml: the safety intents as alarms, every
other intent as none; a copy, so an NLU change does not move it, refreshed on
purpose with devtools/safety_snapshot.py). It is trained in
about a second when first used, with fixed settings, so it is the same on
every start and needs no file of its own.

An alarm it raises alone gets the full lists of warning signs or support (it
cannot say which sign it saw). Its threshold is set high: over-triage is
counted on the held-out sets (docs/understanding.md).
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import numpy as np
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

ROOT = Path(__file__).resolve().parent.parent
# Short messages, each with what it must raise.
EXAMPLES = (ROOT / "bot" / "data" / "safety_examples.yml",)
# Sentences of stories, each labelled on its own: the unit the backstop reads.
SENTENCES = ROOT / "bot" / "data" / "safety_sentences.yml"
# The NLU examples, as [label, text], copied by devtools/safety_snapshot.py.
INTENT_EXAMPLES = ROOT / "bot" / "data" / "safety_intent_examples.yml"
NONE = "none"
ALARMS = ("red_flag", "crisis", "distress")
# A sentence is taken for an alarm when the model gives it at least this:
# chosen by 5-fold cross-validation over the labelled stories, grouped by post
# (docs/understanding.md), between alarms found and posts with none raised.
THRESHOLD = 0.7
# Below that, a sentence whose alarms together (one minus "none") reach this is
# a doubt, not an alarm: its reply starts with one safety-net line (where to
# call if unwell now, who to talk to) and goes on its way (bot.safety.safety_net).
# Chosen by the same grouped 5-fold cross-validation: the model alone, out of
# fold, reaches 500 of 544 posts with an alarm at 0.5 (344 at its 0.7
# threshold), at the cost of a line on 82 of 199 posts with none (28); on the
# short real questions of tests/data/realistic_holdout.yml, 6 more of 278.
DOUBT = 0.5


def training_data() -> Tuple[List[str], List[str]]:
    """(texts, labels): the safety examples, the labelled sentences of stories,
    then the copy of the NLU examples."""
    texts: List[str] = []
    labels: List[str] = []
    for path in EXAMPLES:
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
            texts.append(item["text"].lower())
            labels.append(item["expect"])
    for post in yaml.safe_load(SENTENCES.read_text(encoding="utf-8"))["posts"]:
        for label, sentence in post["sentences"]:
            texts.append(sentence.lower())
            labels.append(label)
    for label, text in yaml.safe_load(INTENT_EXAMPLES.read_text(encoding="utf-8"))["examples"]:
        texts.append(text)
        labels.append(label)
    return texts, labels


@lru_cache(maxsize=1)
def model() -> Pipeline:
    texts, labels = training_data()
    features = FeatureUnion([
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
        ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True)),
    ])
    pipeline = Pipeline([("features", features),
                         ("classifier", LogisticRegression(C=8.0, class_weight="balanced",
                                                           solver="liblinear",
                                                           random_state=0))])
    pipeline.fit(texts, labels)
    return pipeline


# It learned from messages of a few words to a few dozen: longer "sentences"
# (a run-on story) are outside what it knows, so it stays silent on them.
MAX_WORDS = 40


class Lean:
    """The fitted model's arithmetic without sklearn's per-call checks (about
    a tenth of the time a message; the same probabilities, tested): tf-idf of
    each n-gram kind, l2-normalised, then one-vs-rest logistic regression."""

    def __init__(self, pipeline: Pipeline) -> None:
        union, classifier = pipeline.named_steps["features"], pipeline.named_steps["classifier"]
        self.parts: List[Tuple[Callable[[str], List[str]], Dict[str, int], Any, int]] = []
        offset = 0
        for _, vectorizer in union.transformer_list:
            self.parts.append((vectorizer.build_analyzer(), vectorizer.vocabulary_,
                               vectorizer.idf_, offset))
            offset += len(vectorizer.vocabulary_)
        self.coef, self.intercept = classifier.coef_, classifier.intercept_
        self.classes: List[str] = list(classifier.classes_)

    def proba(self, text: str) -> Any:
        scores = self.intercept.copy()
        for analyzer, vocabulary, idf, offset in self.parts:
            counts = Counter(vocabulary[g] for g in analyzer(text) if g in vocabulary)
            if not counts:
                continue
            index = np.fromiter(counts.keys(), dtype=np.int64)
            weight = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))) * idf[index]
            scores = scores + self.coef[:, offset + index] @ (weight / np.linalg.norm(weight))
        p = 1.0 / (1.0 + np.exp(-scores))
        return p / p.sum()


@lru_cache(maxsize=1)
def lean() -> Lean:
    return Lean(model())


def guess(sentence: str) -> Optional[Tuple[str, float]]:
    """The alarm the model reads in one sentence, with its probability, or None."""
    return guess_many([sentence])[0]


def guess_many(sentences: List[str]) -> List[Optional[Tuple[str, float]]]:
    """``guess`` for several sentences in one call to the model."""
    readable = [i for i, s in enumerate(sentences) if _readable(s)]
    out: List[Optional[Tuple[str, float]]] = [None] * len(sentences)
    if not readable:
        return out
    classes = lean().classes
    for i in readable:
        row = _row(sentences[i].lower())
        best = max(range(len(classes)), key=lambda k: row[k])
        if classes[best] != NONE and row[best] >= THRESHOLD:
            out[i] = (classes[best], float(row[best]))
    return out


def _readable(sentence: str) -> bool:
    """Long enough to mean something, short enough for what it learned from."""
    return 2 <= len(sentence.split()) <= MAX_WORDS


@lru_cache(maxsize=4096)
def _row(sentence: str) -> Any:
    """The model's probabilities for one lower-cased sentence (read once, as the
    alarm and the doubt both ask)."""
    return lean().proba(sentence)


def doubt(sentences: List[str]) -> Optional[str]:
    """The alarm leaned to where some sentence's alarms together reach DOUBT
    (the one with the most weight there), or None."""
    classes = lean().classes
    none = classes.index(NONE)
    best: Optional[Tuple[float, str]] = None
    for sentence in filter(_readable, sentences):
        row = _row(sentence.lower())
        alarms = 1.0 - float(row[none])
        if alarms >= DOUBT and (best is None or alarms > best[0]):
            lean_to = max((k for k in range(len(classes)) if k != none), key=lambda k: row[k])
            best = (alarms, classes[lean_to])
    return best[1] if best else None
