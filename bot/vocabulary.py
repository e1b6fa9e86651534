"""One word for one thing: patients' names for the drug, the disease and the
transplant, mapped to the word the bot was trained on.

People write "Revlimid", "len", "lenalidamide", "SCT", "stem cell rescue",
"myloma" and "SPM". A classifier that learned "lenalidomide" sees a new word
in each of them, and the profile reader would need every spelling in its own
rules. ``canonical`` rewrites them first (the NLU component
``components.vocabulary.PatientVocabulary`` does it before the tokenizer, the
profile reader inside its own normalising), so both see one word.

The word lists live in ``bot/data/vocabulary.yml`` and are checked at load.
``canonical`` is idempotent: canonical(canonical(t)) == canonical(t).
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Pattern, Tuple

from pydantic import BaseModel, Extra, confloat, conint, root_validator
from bot.datafile import load_model

VOCABULARY_FILE = Path(__file__).parent / "data" / "vocabulary.yml"
# Where a parsed message keeps the person's own words once they are rewritten
# (set by components.vocabulary, read by the safety override and the actions).
ORIGINAL_TEXT = "original_text"


class VocabularyError(ValueError):
    pass


class Fuzzy(BaseModel):
    """How close a single word must be to count as a misspelling."""

    ratio: confloat(ge=0.5, le=1.0)  # type: ignore[valid-type]
    min_length: conint(ge=4)  # type: ignore[valid-type]
    becomes: Optional[str] = None

    class Config:
        extra = Extra.forbid


class Vocabulary(BaseModel):
    terms: Dict[str, List[str]]
    fuzzy: Dict[str, Fuzzy] = {}
    keep: List[str] = []

    class Config:
        extra = Extra.forbid

    @root_validator(skip_on_failure=True)
    def _consistent(cls, values: dict) -> dict:
        terms: Dict[str, List[str]] = values["terms"]
        seen: Dict[str, str] = {}
        for canon, variants in terms.items():
            if not variants:
                raise ValueError(f"term '{canon}' has no variants")
            for variant in variants:
                key = _clean(variant)
                if not key:
                    raise ValueError(f"term '{canon}' has an empty variant")
                if key in seen and seen[key] != canon:
                    raise ValueError(f"variant '{variant}' is listed under both "
                                     f"'{seen[key]}' and '{canon}'")
                if key == _clean(canon):
                    raise ValueError(f"term '{canon}' lists itself as a variant")
                seen[key] = canon
        for target, rule in values["fuzzy"].items():
            if (rule.becomes or target) not in terms:
                raise ValueError(f"fuzzy '{target}' becomes '{rule.becomes or target}', "
                                 "which is not a term")
        return values


def _clean(text: str) -> str:
    """The form variants are compared in: lower case, one space, no hyphens, no ~."""
    return _raw(text).lstrip("~")


_OWNERS = ("my", "his", "her", "their", "our", "an", "the", "a")


def _alternative(variant: str) -> str:
    """A variant as a regex; "~auto" only after a word like "my" or "an"."""
    body = re.escape(variant.lstrip("~")).replace(r"\ ", r"[\s-]+")
    if not variant.startswith("~"):
        return body
    after = "|".join(f"(?<=\\b{owner} )" for owner in _OWNERS)
    return f"(?:{after}){body}"


def _raw(variant: str) -> str:
    """A variant as written, in lower case with one space (keeps a leading ~)."""
    return " ".join(variant.lower().replace("\u2019", "'").replace("-", " ").split())


def load_vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    """Read and check a vocabulary file, failing with one clear message."""
    return load_model(path, Vocabulary, "vocabulary", VocabularyError)


class Normaliser:
    """Rewrites known variants (longest first), then close misspellings."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        raw: List[Tuple[str, str]] = [
            (_raw(v), canon) for canon, variants in vocabulary.terms.items() for v in variants]
        pairs = sorted(dict.fromkeys(raw), key=lambda p: -len(p[0]))
        self._replacement = {_clean(variant): canon for variant, canon in pairs}
        alternatives = "|".join(_alternative(v) for v, _ in pairs)
        self._pattern: Pattern[str] = re.compile(
            rf"(?<![\w'-])(?:{alternatives})(?![\w-]|'\w)", re.IGNORECASE)
        self._fuzzy = vocabulary.fuzzy
        protected = {_clean(c) for c in vocabulary.terms} | {_clean(k) for k in vocabulary.keep}
        protected |= {w for c in vocabulary.terms for w in _clean(c).split()}
        self._protected = frozenset(protected)

    def __call__(self, text: str) -> str:
        text = self._pattern.sub(self._replace, text)
        text = _A_BEFORE_CONSONANT.sub(r"\1 ", text)
        if not self._fuzzy:
            return text
        return re.sub(r"[A-Za-z]+", self._mend, text)

    def _replace(self, match: "re.Match[str]") -> str:
        return self._replacement[_clean(match.group(0))]

    def _mend(self, match: "re.Match[str]") -> str:
        word = match.group(0)
        low = word.lower()
        if low in self._protected:
            return word
        for target, rule in self._fuzzy.items():
            if len(low) >= rule.min_length and \
                    difflib.SequenceMatcher(None, low, target).ratio() >= rule.ratio:
                return rule.becomes or target
        return word


# "an stem cell transplant" after "an auto" was rewritten.
_A_BEFORE_CONSONANT = re.compile(r"\b([Aa])n (?=stem\b|new\b|lenalidomide\b|myeloma\b)")


@lru_cache(maxsize=1)
def _normaliser() -> Normaliser:
    return Normaliser(load_vocabulary())


def canonical(text: str) -> str:
    """``text`` with patients' variants replaced by the bot's own words."""
    return _normaliser()(text)


__all__ = ["ORIGINAL_TEXT", "Normaliser", "Vocabulary", "VocabularyError", "canonical",
           "load_vocabulary"]
