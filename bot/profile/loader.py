"""Loading the profile reader's data: word lists and Matcher patterns.

Both files are read and checked together (the patterns name word lists),
once per process. A malformed file fails loudly with one message naming the
file, the place and the problem, as ``bot/facts.py`` does for the figures.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Tuple, Union

from pydantic import ValidationError, root_validator

from bot.datafile import read_mapping
from bot.profile.patterns import MatcherFile, SpacyPatterns, spacy_patterns
from bot.profile.words import Words, Checked

DATA = Path(__file__).resolve().parent.parent / "data"
WORDS_FILE = DATA / "profile_words.yml"
MATCHER_FILE = DATA / "profile_matcher.yml"


class ProfileDataError(ValueError):
    """A profile data file is malformed or inconsistent."""


class ProfileData(Checked):
    words: Words
    matcher: MatcherFile

    @root_validator(skip_on_failure=True)
    def _references_resolve(cls, values: Dict[str, Any]) -> Dict[str, Any]:
        spacy_patterns(values["words"].lists(), values["matcher"])
        return values

    def spacy_patterns(self) -> SpacyPatterns:
        """The patterns in spaCy's form, word-list names replaced by their words."""
        return spacy_patterns(self.words.lists(), self.matcher)


def load_profile_data(words: Union[str, Path] = WORDS_FILE,
                      matcher: Union[str, Path] = MATCHER_FILE) -> ProfileData:
    """Read and check both files, failing with one message that names the place."""
    paths = {"words": Path(words), "matcher": Path(matcher)}
    raw = {key: read_mapping(path, "profile data", ProfileDataError)
           for key, path in paths.items()}
    try:
        return ProfileData.parse_obj(raw)
    except ValidationError as exc:
        raise ProfileDataError("profile data is invalid: " + "; ".join(
            _problem(err["loc"], err["msg"], paths) for err in exc.errors())) from exc


def _problem(loc: Tuple[Any, ...], msg: str, paths: Dict[str, Path]) -> str:
    """"<file>: <place>: <what is wrong>"; word-list references are the matcher's."""
    if loc[0] in paths:
        return f"{paths[loc[0]]}: {'.'.join(str(p) for p in loc[1:]) or 'top level'}: {msg}"
    return f"{paths['matcher']}: {msg}"  # raised while resolving "<name>" references


@lru_cache(maxsize=1)
def profile_data() -> ProfileData:
    """The project's profile words and patterns, loaded once per process."""
    return load_profile_data()


def words() -> Words:
    """The word lists (see bot/data/profile_words.yml)."""
    return profile_data().words
