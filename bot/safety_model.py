"""A learned backstop for the safety rules: it may add an alarm, never remove one.

The rules in bot/safety.py are precise but only as wide as their word lists;
people describe a fever, a clot or despair in endless ways. This small model
(character and word n-grams, logistic regression) reads each sentence too,
trained on the safety examples (bot/data/safety_examples.yml and, told as
stories, safety_stories.yml: red flags, crisis, distress and hard near-misses
written by helpers who had not seen the rules) and on the NLU training data
(the safety intents as alarms, every other intent as none). It is trained in
about a second when first used, with fixed settings, so it is the same on
every start and needs no file of its own.

An alarm it raises alone gets the full lists of warning signs or support (it
cannot say which sign it saw). Its threshold is set high: over-triage is
counted on the held-out sets (README, Understanding).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import List, Optional, Tuple

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

ROOT = Path(__file__).resolve().parent.parent
# Short messages, and stories told the way blogs and forums tell them.
EXAMPLES = (ROOT / "bot" / "data" / "safety_examples.yml",
            ROOT / "bot" / "data" / "safety_stories.yml")
NLU = ROOT / "data" / "nlu"
NONE = "none"
ALARMS = ("red_flag", "crisis", "distress")
# A sentence is taken for an alarm when the model gives it at least this.
THRESHOLD = 0.8


def training_data() -> Tuple[List[str], List[str]]:
    """(texts, labels): the safety examples, then every NLU example."""
    texts: List[str] = []
    labels: List[str] = []
    for path in EXAMPLES:
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
            texts.append(item["text"].lower())
            labels.append(item["expect"])
    for path in sorted(NLU.glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            if "intent" not in block:
                continue
            label = block["intent"] if block["intent"] in ALARMS else NONE
            for line in (block.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    texts.append(line.strip()[2:].strip().lower())
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


def guess(sentence: str) -> Optional[Tuple[str, float]]:
    """The alarm the model reads in one sentence, with its probability, or None."""
    if not 2 <= len(sentence.split()) <= MAX_WORDS:
        return None
    found = model().predict_proba([sentence.lower()])[0]
    classes = list(model().classes_)
    best = max(range(len(classes)), key=lambda i: found[i])
    if classes[best] == NONE or found[best] < THRESHOLD:
        return None
    return classes[best], float(found[best])
