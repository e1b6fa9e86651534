"""Choose the NLU classifier by measurement (make nlu-report; issue 7, item 9).

Each candidate is config.yml's own pipeline, read at run time, with only the
intent classifier swapped; the tokenizer, featurizers, FallbackClassifier and
the rule components (profile hint, safety override, anything added later)
stay as they are, so the comparison is of the classifier alone. For each:

* stratified k-fold cross-validation over data/nlu (fixed seed), scored on
  the final intent, the one the bot acts on (after fallback and rules):
  accuracy, macro-F1, fallbacks, *confidently wrong* answers (a wrong intent
  other than nlu_fallback whose confidence is at or above the fallback
  threshold, so the bot acts on it) and missed safety messages;
* training on all of data/nlu (timed, Rasa's training cache off), scored on
  the held-out sets (tests/data/realistic_holdout.yml, tests/nlu_holdout.yml;
  a missing file is skipped);
* a fresh subprocess that imports Rasa, loads the model and answers a first
  message (start time), then parses more messages (mean latency), and
  reports its peak RSS;
* the whole bot trained with the candidate's pipeline (today's rules, stories
  and domain), started with real servers, playing the open narrative sets
  (real patients' and carers' stories, tests/data/narrative_open*.yml) over
  REST: answered well, safety misses, over-triage (--no-narrative skips it).

Candidate E is today's pipeline without the component that reads a message
sentence by sentence (components/story_intent.py): the classifier on the
whole message, so the report also measures reading per sentence.

Cross-validation results and models are cached in results/nlu-report/cache
(one entry per candidate) under a hash of the candidate's pipeline, the
training data, the project's code and word lists and the fold settings, so a
re-run after a change to the held-out sets only re-scores (--fresh ignores
the cache). Writes results/nlu-report/report.md and report.json.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import copy
import hashlib
import importlib
import io
import json
import logging
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
# Rasa's training cache would make a re-training look instant: off.
os.environ["RASA_MAX_CACHE_SIZE"] = "0"
warnings.filterwarnings("ignore", category=DeprecationWarning)

FALLBACK = "nlu_fallback"
SAFETY = frozenset({"red_flag", "crisis"})
SVM = "components.svm_classifier.SVMClassifier"
# The component that reads a message sentence by sentence for what it asks.
STORY_READER = "components.story_intent.StoryIntentHint"
# The open narrative sets, played end to end to each candidate (devtools/narrative.py).
NARRATIVE_SETS = ("narrative_open.yml", "narrative_open_2.yml", "narrative_open_3.yml")
# Entries of a pipeline that are the statistical intent classifier.
CLASSIFIERS = frozenset({"LogisticRegressionClassifier", "DIETClassifier",
                         "SklearnIntentClassifier", "KeywordIntentClassifier", SVM})
HOLDOUTS = (ROOT / "tests" / "data" / "realistic_holdout.yml", ROOT / "tests" / "nlu_holdout.yml")
# Word lists the project's components may read (cache key, with their code).
WORD_LISTS = ("bot/data/**/*",)
# 20 DIET epochs keep make nlu-report near a quarter of an hour on 2 cores. On
# this data DIET's own validation accuracy (300 examples held out, top intent)
# is flat from epoch 10 to 100 (0.78 to 0.81), but its confidences sharpen
# with more epochs, so fewer messages fall back: trained for 100 epochs (703 s),
# it scored 86.0% on tests/data/realistic_holdout.yml against 76.3% at 20
# epochs and 91.0% for the logistic regression (23 s). --diet-epochs 100 for
# Rasa's usual setting (about an hour at 5 folds here).
DIET_EPOCHS = 20
LATENCY_MESSAGES = 200


# --------------------------------------------------------------------------
# Scoring (pure functions; tests/unit/devtools/test_nlu_report.py)

@dataclass(frozen=True)
class Prediction:
    text: str
    truth: str
    intent: str
    confidence: float
    # the best intent other than nlu_fallback in the final ranking ("" = intent)
    top: str = ""
    # the intent as the FallbackClassifier left it, before the rule components
    # that follow it ("" = unknown)
    before_rules: str = ""


def set_by_rule(p: Prediction) -> bool:
    """Whether a rule component after the fallback changed the intent."""
    return bool(p.before_rules) and p.before_rules != p.intent


def is_confidently_wrong(p: Prediction, threshold: float) -> bool:
    """A wrong intent the bot acts on: not the fallback, confidence >= threshold.

    nlu_fallback is not counted: the bot then asks instead of answering.
    """
    return p.intent != p.truth and p.intent != FALLBACK and p.confidence >= threshold


def macro_f1(predictions: Sequence[Prediction]) -> float:
    """Mean F1 over the true intents (a fallback is a miss for its intent)."""
    labels = sorted({p.truth for p in predictions})
    scores = []
    for label in labels:
        tp = sum(p.truth == label and p.intent == label for p in predictions)
        fp = sum(p.truth != label and p.intent == label for p in predictions)
        fn = sum(p.truth == label and p.intent != label for p in predictions)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def score(predictions: Sequence[Prediction], threshold: float) -> Dict[str, Any]:
    """The figures of one candidate on one set of messages."""
    n = len(predictions)
    wrong = [p for p in predictions if p.intent != p.truth]
    confident = [p for p in wrong if is_confidently_wrong(p, threshold)]
    safety = [p for p in predictions if p.truth in SAFETY]
    return {
        "n": n,
        "accuracy": (n - len(wrong)) / n if n else 0.0,
        "top1_accuracy": sum((p.top or p.intent) == p.truth for p in predictions) / n
        if n else 0.0,
        "macro_f1": macro_f1(predictions),
        "fallbacks": sum(p.intent == FALLBACK for p in predictions),
        "confidently_wrong": len(confident),
        "confidently_wrong_by_rules": sum(set_by_rule(p) for p in confident),
        "safety": len(safety),
        "safety_missed": sum(p.intent != p.truth for p in safety),
        "false_alarms": sum(p.intent in SAFETY and p.truth not in SAFETY for p in predictions),
        "confidently_wrong_examples": [asdict(p) for p in
                                       sorted(confident, key=lambda p: -p.confidence)],
    }


# --------------------------------------------------------------------------
# Candidates, built from config.yml

@dataclass(frozen=True)
class Candidate:
    key: str
    title: str
    # None: keep config.yml's own classifier
    classifier: Optional[Dict[str, Any]] = None
    # pipeline components left out (by name)
    drop: Tuple[str, ...] = ()


def candidates(diet_epochs: int) -> List[Candidate]:
    return [
        Candidate("A", "today's config.yml"),
        Candidate("B", f"DIET, sparse features only, {diet_epochs} epochs", {
            "name": "DIETClassifier", "epochs": diet_epochs, "entity_recognition": False,
            "constrain_similarities": True, "random_seed": 42}),
        Candidate("C", "linear SVM, sigmoid calibration (CalibratedClassifierCV)",
                  {"name": SVM, "calibration_method": "sigmoid", "random_state": 42}),
        Candidate("D", "linear SVM, softmax with a fitted temperature",
                  {"name": SVM, "calibration_method": "softmax", "random_state": 42}),
        Candidate("E", "today's config.yml, the whole message only (no story reading)",
                  drop=(STORY_READER,)),
    ]


def classifier_index(pipeline: List[Dict[str, Any]]) -> int:
    """Where the statistical intent classifier sits in a pipeline."""
    found = [i for i, entry in enumerate(pipeline) if entry.get("name") in CLASSIFIERS]
    if len(found) != 1:
        raise ValueError(f"expected one intent classifier in the pipeline, found {found}")
    return found[0]


def candidate_config(base: Dict[str, Any], candidate: Candidate) -> Dict[str, Any]:
    config = copy.deepcopy(base)
    if candidate.classifier is not None:
        pipeline = config["pipeline"]
        pipeline[classifier_index(pipeline)] = dict(candidate.classifier)
    config["pipeline"] = [e for e in config["pipeline"] if e.get("name") not in candidate.drop]
    return config


def fallback_threshold(config: Dict[str, Any]) -> float:
    for entry in config["pipeline"]:
        if entry.get("name") == "FallbackClassifier":
            return float(entry.get("threshold", 0.3))
    return 0.0


def classifier_name(config: Dict[str, Any]) -> str:
    pipeline = config["pipeline"]
    return str(pipeline[classifier_index(pipeline)]["name"])


# --------------------------------------------------------------------------
# Data

def load_training_data(path: Path) -> Any:
    from rasa.shared.nlu.training_data.loading import load_data

    return load_data(str(path))


def subset(data: Any, indices: Iterable[int]) -> Any:
    """The same training data (synonyms, regexes, lookups) with fewer examples."""
    from rasa.shared.nlu.training_data.training_data import TrainingData

    examples = data.intent_examples
    return TrainingData([examples[i] for i in indices], entity_synonyms=data.entity_synonyms,
                        regex_features=data.regex_features, lookup_tables=data.lookup_tables)


def load_holdout(path: Path) -> List[Tuple[str, str]]:
    """(text, intent) pairs: the `items:` schema (only `text` is scored, not
    `before` turns) or Rasa's NLU format."""
    import yaml

    content = yaml.safe_load(path.read_text())
    if isinstance(content, dict) and "items" in content:
        return [(str(item["text"]), str(item["intent"])) for item in content["items"] or []
                if isinstance(item, dict) and item.get("text") and item.get("intent")]
    return [(m.get("text"), m.get("intent")) for m in load_training_data(path).intent_examples]


def pipeline_sources(config: Dict[str, Any]) -> List[Path]:
    """The project's own modules that the pipeline's components import (found
    by importing them), and its word lists; not this script, not the venv."""
    for entry in config["pipeline"]:
        name = str(entry.get("name", ""))
        if "." in name:
            importlib.import_module(name.rsplit(".", 1)[0])
    files = [getattr(module, "__file__", None) for module in list(sys.modules.values())]
    loaded = {Path(file).resolve() for file in files if file}
    own = {path for path in loaded if path.is_relative_to(ROOT)
           and not {".venv", "site-packages", "devtools"} & set(path.relative_to(ROOT).parts)}
    lists = {path for pattern in WORD_LISTS for path in ROOT.glob(pattern) if path.is_file()}
    return sorted(own | lists)


def input_digest(config: Dict[str, Any], data: Any, extra: str) -> str:
    """A key for everything a candidate's results depend on: its pipeline, the
    training data as loaded, the project's code it runs and word lists, Rasa."""
    import rasa

    digest = hashlib.sha256(json.dumps(config, sort_keys=True).encode())
    digest.update(f"{extra} rasa {rasa.__version__}".encode())
    digest.update(data.nlu_as_yaml().encode())
    for path in pipeline_sources(config):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# --------------------------------------------------------------------------
# Training and parsing (in this process)

def train(config: Dict[str, Any], data: Any, work: Path, name: str) -> Tuple[Path, float]:
    """Trains an NLU model into ``work``; returns its path and the seconds taken."""
    import yaml
    from rasa.model_training import train_nlu

    work.mkdir(parents=True, exist_ok=True)
    config_path, data_path = work / f"{name}-config.yml", work / f"{name}-nlu.yml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False))
    data_path.write_text(data.nlu_as_yaml())
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        model = train_nlu(str(config_path), str(data_path), str(work), fixed_model_name=name)
    seconds = time.perf_counter() - start
    if model is None:
        raise RuntimeError(f"training {name} failed")
    return Path(model), seconds


def predict(model: Path, pairs: Sequence[Tuple[str, str]]) -> List[Prediction]:
    """Parses each text as the bot does, and once more only up to the fallback."""
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage
    from rasa.engine.constants import PLACEHOLDER_MESSAGE

    agent = Agent.load(str(model))
    processor = agent.processor
    assert processor is not None and processor.model_metadata is not None
    nodes = list(processor.model_metadata.predict_schema.nodes)
    fallback = next((n for n in nodes if n.startswith("run_FallbackClassifier")), None)

    async def parse_all() -> List[Dict[str, Any]]:
        return [await agent.parse_message(text) for text, _ in pairs]

    def before_rules(text: str) -> str:
        if fallback is None:
            return ""
        results = processor.graph_runner.run(
            inputs={PLACEHOLDER_MESSAGE: [UserMessage(text)]}, targets=[fallback])
        return str(results[fallback][0].get("intent", {}).get("name", ""))

    parsed = asyncio.run(parse_all())
    return [Prediction(text, truth, str(p["intent"]["name"]), float(p["intent"]["confidence"]),
                       best_intent(p), before_rules(text))
            for (text, truth), p in zip(pairs, parsed, strict=True)]


def best_intent(parse: Dict[str, Any]) -> str:
    """The first intent other than nlu_fallback in a parse's ranking."""
    for entry in parse.get("intent_ranking") or [parse["intent"]]:
        if entry["name"] != FALLBACK:
            return str(entry["name"])
    return FALLBACK


def cross_validate(config: Dict[str, Any], data: Any, folds: int, seed: int,
                   work: Path) -> Dict[str, Any]:
    from sklearn.model_selection import StratifiedKFold

    examples = data.intent_examples
    labels = [m.get("intent") for m in examples]
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    predictions: List[Prediction] = []
    fold_accuracy, train_seconds = [], []
    for fold, (train_idx, test_idx) in enumerate(splitter.split(labels, labels)):
        model, seconds = train(config, subset(data, train_idx), work / f"fold{fold}", "model")
        pairs = [(examples[i].get("text"), labels[i]) for i in test_idx]
        fold_predictions = predict(model, pairs)
        shutil.rmtree(work / f"fold{fold}", ignore_errors=True)
        predictions += fold_predictions
        fold_accuracy.append(sum(p.intent == p.truth for p in fold_predictions) / len(pairs))
        train_seconds.append(seconds)
        log(f"    fold {fold + 1}/{folds}: accuracy {fold_accuracy[-1]:.3f}, "
            f"trained in {seconds:.0f} s")
    return {"predictions": [asdict(p) for p in predictions], "fold_accuracy": fold_accuracy,
            "fold_train_seconds": train_seconds}


# --------------------------------------------------------------------------
# Start time, memory and latency (a fresh subprocess: see probe())

def measure_start(model: Path, texts: Sequence[str], repeats: int) -> Dict[str, Any]:
    """Runs the probe ``repeats`` times; keeps the fastest start (least disturbed
    by other work on the machine) and the largest RSS."""
    runs = []
    with tempfile.NamedTemporaryFile("w", suffix=".json") as texts_file:
        json.dump(list(texts), texts_file)
        texts_file.flush()
        for _ in range(repeats):
            started = time.time()
            result = subprocess.run(
                [sys.executable, "-m", "devtools.nlu_report", "--probe", str(model),
                 "--probe-started", repr(started), "--probe-texts", texts_file.name],
                cwd=ROOT, capture_output=True, text=True, check=True)
            runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
    return {"start_seconds": min(r["start_seconds"] for r in runs),
            "load_seconds": min(r["load_seconds"] for r in runs),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
            "parse_ms": min(r["parse_ms"] for r in runs), "runs": runs}


def probe(model: str, started: float, texts_path: str) -> None:
    """In the fresh subprocess: import, load, first parse; then latency; then RSS."""
    from rasa.core.agent import Agent

    loading = time.time()
    agent = Agent.load(model)
    asyncio.run(agent.parse_message("hello"))
    first = time.time()
    texts = json.loads(Path(texts_path).read_text())

    async def parse_all() -> float:
        begin = time.perf_counter()
        for text in texts:
            await agent.parse_message(text)
        return (time.perf_counter() - begin) / max(1, len(texts))

    per_message = asyncio.run(parse_all())
    print(json.dumps({
        "start_seconds": first - started, "load_seconds": first - loading,
        "parse_ms": per_message * 1000, "peak_rss_mb": peak_rss_mb()}))


def peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM; getrusage's ru_maxrss would report the
    parent's if that was larger when it forked)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --------------------------------------------------------------------------
# The report

@dataclass
class Result:
    key: str
    title: str
    classifier: str
    cv: Dict[str, Any]
    fold_accuracy: List[float]
    train_seconds: float
    cached: bool
    holdout: Dict[str, Dict[str, Any]] = field(default_factory=dict)
    start: Dict[str, Any] = field(default_factory=dict)
    narrative: Dict[str, Dict[str, Any]] = field(default_factory=dict)


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def run_candidate(candidate: Candidate, base: Dict[str, Any], data: Any, args: argparse.Namespace,
                  holdouts: Dict[str, List[Tuple[str, str]]], cache: Path) -> Result:
    config = candidate_config(base, candidate)
    threshold = fallback_threshold(config)
    digest = input_digest(config, data, f"folds {args.folds} seed {args.seed}")
    entry = cache / f"{candidate.key}-{digest}"
    cv_file, model = entry / "cv.json", entry / "model.tar.gz"
    cached = not args.fresh and cv_file.exists() and model.exists()
    stored: Dict[str, Any] = {"predictions": [], "fold_accuracy": []}
    if cached:
        log(f"  {candidate.key}: cross-validation and model from cache ({entry.name})")
        stored = json.loads(cv_file.read_text())
    else:
        # one entry per candidate: the previous one is out of date
        for old in cache.glob(f"{candidate.key}-*"):
            shutil.rmtree(old, ignore_errors=True)
        with tempfile.TemporaryDirectory(prefix="nlu-report-") as tmp:
            if args.folds > 1:
                log(f"  {candidate.key}: {args.folds}-fold cross-validation")
                stored = cross_validate(config, data, args.folds, args.seed, Path(tmp))
            log(f"  {candidate.key}: training on all data")
            trained, stored["train_seconds"] = train(config, data, Path(tmp) / "full", "model")
            entry.mkdir(parents=True)
            shutil.move(str(trained), model)
        cv_file.write_text(json.dumps(stored))
    predictions = [Prediction(**p) for p in stored["predictions"]]
    title = candidate.title if candidate.classifier else \
        f"{candidate.title} ({classifier_name(config)})"
    result = Result(candidate.key, title, classifier_name(config),
                    score(predictions, threshold), stored["fold_accuracy"],
                    stored["train_seconds"], cached)
    for name, pairs in holdouts.items():
        result.holdout[name] = score(predict(model, pairs), threshold)
    texts = [m.get("text") for m in data.intent_examples][:LATENCY_MESSAGES]
    log(f"  {candidate.key}: start time and memory ({args.start_repeats} fresh processes)")
    result.start = measure_start(model, texts, args.start_repeats)
    if args.narrative:
        result.narrative = narrative_scores(config, entry, candidate.key)
    return result


def narrative_scores(config: Dict[str, Any], entry: Path, key: str) -> Dict[str, Dict[str, Any]]:
    """The whole bot with this pipeline (rules, stories, domain as they are),
    trained once into the candidate's cache entry, playing the open narrative
    sets over REST against real servers: answered well, safety misses,
    over-triage (devtools/narrative.py)."""
    import yaml
    from rasa.model_training import train as train_bot

    from devtools import narrative
    from devtools.servers import running

    dialogue = hashlib.sha256()
    for path in [ROOT / "domain.yml", *sorted((ROOT / "data").glob("*.yml"))]:
        dialogue.update(path.read_bytes())
    full = entry / f"bot-{dialogue.hexdigest()[:12]}.tar.gz"  # rules, stories, domain as now
    if not full.exists():
        for old in entry.glob("bot-*.tar.gz"):
            old.unlink()
        log(f"  {key}: training the whole bot for the narrative sets")
        with tempfile.TemporaryDirectory(prefix="nlu-report-bot-") as tmp:
            config_path = Path(tmp) / "config.yml"
            config_path.write_text(yaml.safe_dump(config, sort_keys=False))
            with contextlib.redirect_stdout(io.StringIO()):
                trained = train_bot(str(ROOT / "domain.yml"), str(config_path),
                                    [str(ROOT / "data")], tmp, fixed_model_name="bot").model
            if trained is None:
                raise RuntimeError(f"training the whole bot for {key} failed")
            shutil.move(trained, full)
    scores: Dict[str, Dict[str, Any]] = {}
    log(f"  {key}: the open narrative sets over REST")
    with tempfile.TemporaryDirectory(prefix="nlu-report-servers-") as tmp:
        with running(Path(tmp), model=full) as servers:
            for name in NARRATIVE_SETS:
                items = narrative.load(ROOT / "tests" / "data" / name)
                scores[name] = narrative.summary(narrative.run_all(servers.url, items))
    return scores


def pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def wrong_cell(figures: Dict[str, Any]) -> str:
    by_rules = figures["confidently_wrong_by_rules"]
    return f"{figures['confidently_wrong']} ({by_rules} by rules)"


def _table(caption: str, header: List[str], rows: List[Tuple[str, List[str]]]) -> List[str]:
    """A captioned markdown table, one row per pipeline."""
    return ["", caption, "", "| Pipeline | " + " | ".join(header) + " |",
            "|---" * (len(header) + 1) + "|",
            *[f"| {key} | " + " | ".join(cells) + " |" for key, cells in rows]]


def _holdout_cells(h: Dict[str, Any]) -> List[str]:
    return [f"{pct(h['accuracy'])} ({h['n']})", f"{h['macro_f1']:.3f}",
            pct(h["top1_accuracy"]), str(h["fallbacks"]), wrong_cell(h),
            f"{h['safety_missed']}/{h['safety']}", str(h["false_alarms"])]


def _narrative_cells(n: Dict[str, Any]) -> List[str]:
    return [f"{n['well']}/{n['total']} ({pct(n['well_rate'])})", str(n["partly"]),
            str(n["missed"]), f"{n['safety_misses']}/{n['safety_items']}",
            f"{n['over_triage']}/{n['no_alarm_items']}"]


def markdown(results: List[Result], meta: Dict[str, Any]) -> str:
    threshold = meta["threshold"]
    folds = meta["folds"]
    method = (f"{folds}-fold stratified cross-validation (seed {meta['seed']})" if folds > 1
              else "no cross-validation")
    lines = [
        "# NLU classifier comparison (make nlu-report)", "",
        f"{meta['examples']} examples, {meta['intents']} intents; {method}; final intent after "
        f"the fallback (threshold {threshold}) and the rule components. *Conf. wrong*: a wrong "
        f"intent other than nlu_fallback with confidence >= {threshold}, which the bot acts "
        "on (*by rules*: set by a rule component after the fallback, not the classifier). "
        "Top-1: the best intent other than nlu_fallback, i.e. the classifier without the "
        "fallback. Train: all data, cache off. Start: fresh process, import + load + first "
        "answer (fastest of the runs). RSS: peak of that process. Parse: mean per message. "
        f"Generated {meta['generated']} in {meta['wall_seconds']:.0f} s "
        f"({meta['cpus']} CPUs, shared).", "",
        "| Pipeline | CV accuracy | CV macro-F1 | CV top-1 | CV fallbacks | CV conf. wrong "
        "| CV safety missed | Train s | Start s | RSS MB | Parse ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        cv = r.cv
        if r.fold_accuracy:
            spread = (max(r.fold_accuracy) - min(r.fold_accuracy)) / 2
            cv_cells = (f"{pct(cv['accuracy'])} (folds ±{pct(spread)}) | {cv['macro_f1']:.3f} "
                        f"| {pct(cv['top1_accuracy'])} | {cv['fallbacks']} | {wrong_cell(cv)} "
                        f"| {cv['safety_missed']}/{cv['safety']}")
        else:
            cv_cells = " | ".join(["n/a"] * 6)
        lines.append(
            f"| {r.key}: {r.title}{' [cached]' if r.cached else ''} | {cv_cells} "
            f"| {r.train_seconds:.0f} | {r.start['start_seconds']:.1f} "
            f"| {r.start['peak_rss_mb']:.0f} | {r.start['parse_ms']:.1f} |")
    for name in meta["holdouts"]:
        lines += _table(f"Held-out set {name} (model trained on all of data/nlu):",
                        ["Accuracy", "Macro-F1", "Top-1", "Fallbacks", "Conf. wrong",
                         "Safety missed", "False alarms"],
                        [(r.key, _holdout_cells(r.holdout[name])) for r in results])
    for name in meta["missing_holdouts"]:
        lines += ["", f"Held-out set {name}: not found, skipped."]
    for name in NARRATIVE_SETS:
        scored = [(r.key, _narrative_cells(r.narrative[name]))
                  for r in results if name in r.narrative]
        if scored:
            lines += _table(f"Narrative set tests/data/{name}, played end to end over REST to "
                            "the whole bot trained with each pipeline (devtools/narrative.py):",
                            ["Answered well", "Partly", "Missed", "Safety misses",
                             "Over-triage"], scored)
    if folds < 2:
        return "\n".join(lines) + "\n"
    lines += ["", "Confidently wrong by the classifier in cross-validation, most confident "
              "first (up to 5 each; all in report.json):", ""]
    for r in results:
        for p in [p for p in r.cv["confidently_wrong_examples"]
                  if not set_by_rule(Prediction(**p))][:5]:
            lines.append(f"- {r.key}: \"{p['text']}\" ({p['truth']}) read as {p['intent']} "
                         f"{p['confidence']:.2f}")
    if results:
        by_rules = [p for p in results[0].cv["confidently_wrong_examples"]
                    if set_by_rule(Prediction(**p))]
        lines += ["", f"Set wrongly by a rule component in {results[0].key}'s cross-validation "
                  f"(up to 10 of {len(by_rules)}; the classifier's own reading in brackets):",
                  ""]
        lines += [f"- \"{p['text']}\" ({p['truth']}) read as {p['intent']} "
                  f"[{p['before_rules']}]" for p in by_rules[:10]]
    return "\n".join(lines) + "\n"


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5,
                        help="cross-validation folds (0: held-out sets and timings only)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--candidates", default="A,B,C,D,E", help="comma-separated keys")
    parser.add_argument("--diet-epochs", type=int, default=DIET_EPOCHS)
    parser.add_argument("--start-repeats", type=int, default=2)
    parser.add_argument("--config", type=Path, default=ROOT / "config.yml")
    parser.add_argument("--nlu", type=Path, default=ROOT / "data" / "nlu")
    parser.add_argument("--holdout", type=Path, action="append",
                        help=f"held-out set (repeatable; default {', '.join(map(str, HOLDOUTS))})")
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "nlu-report")
    parser.add_argument("--fresh", action="store_true", help="ignore cached results")
    parser.add_argument("--no-narrative", dest="narrative", action="store_false",
                        help="skip playing the open narrative sets to each whole bot")
    parser.add_argument("--probe", help=argparse.SUPPRESS)
    parser.add_argument("--probe-started", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--probe-texts", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        probe(args.probe, args.probe_started, args.probe_texts)
        return

    import yaml
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    wall = time.perf_counter()
    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    base = yaml.safe_load(args.config.read_text())
    chosen = [c for c in candidates(args.diet_epochs)
              if c.key in args.candidates.upper().split(",")]
    data = load_training_data(args.nlu)
    holdouts, missing = {}, []
    for path in args.holdout or HOLDOUTS:
        name = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
        if path.exists():
            holdouts[name] = load_holdout(path)
        else:
            missing.append(name)
            log(f"held-out set {name} not found: skipped")
    results = []
    for candidate in chosen:
        log(f"{candidate.key}: {candidate.title}")
        results.append(run_candidate(candidate, base, data, args, holdouts,
                                     args.out / "cache"))
    meta = {
        "examples": len(data.intent_examples), "intents": len(data.intents),
        "folds": args.folds, "seed": args.seed, "threshold": fallback_threshold(base),
        "holdouts": list(holdouts), "missing_holdouts": missing,
        "generated": time.strftime("%Y-%m-%d %H:%M"), "cpus": os.cpu_count(),
        "wall_seconds": time.perf_counter() - wall,
    }
    report = markdown(results, meta)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.md").write_text(report)
    (args.out / "report.json").write_text(json.dumps(
        {"meta": meta, "candidates": [asdict(r) for r in results]}, indent=1))
    print(report)
    log(f"written to {args.out}/report.md and report.json")


if __name__ == "__main__":
    main()
