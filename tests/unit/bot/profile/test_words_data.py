"""Loading the profile word lists and Matcher patterns (bot/profile/loader.py):
the real files load, and a malformed one fails loudly, naming the problem."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
import yaml

from bot.profile.loader import (MATCHER_FILE, WORDS_FILE, ProfileDataError,
                               load_profile_data)


def test_the_project_files_load() -> None:
    data = load_profile_data()
    assert data.words.numbers.units["nineteen"] == 19
    assert data.words.lists()["months"][:2] == ["january", "jan"]
    patterns = data.spacy_patterns()
    third = patterns["THIRD"][0][0]["LOWER"]["IN"]
    assert "wife" in third and "he" in third  # "<cared_for>" resolved


def _broken(tmp_path: Path, which: str, change: Callable[[dict], None]) -> Path:
    source = WORDS_FILE if which == "words" else MATCHER_FILE
    raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / source.name
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def _load(tmp_path: Path, which: str, change: Callable[[dict], None]) -> None:
    path = _broken(tmp_path, which, change)
    if which == "words":
        load_profile_data(words=path)
    else:
        load_profile_data(matcher=path)


def _set(raw: dict, path: str, value: object) -> None:
    *parents, last = path.split(".")
    for key in parents:
        raw = raw[key]
    raw[last] = value


def _delete(raw: dict, path: str) -> None:
    *parents, last = path.split(".")
    for key in parents:
        raw = raw[key]
    del raw[last]


BROKEN = [
    ("words", lambda r: _delete(r, "people.relatives"), r"people\.relatives: field required"),
    ("words", lambda r: _set(r, "people.cousins", ["cousin"]), r"people\.cousins: extra"),
    ("words", lambda r: _set(r, "people.relatives", ["Wife"]), r"'Wife' must be lower case"),
    ("words", lambda r: _set(r, "age.refusals", [False, "skip"]),  # an unquoted YAML "no"
     r"age\.refusals\.0: str type expected"),
    ("words", lambda r: _set(r, "age.polite", ["thanks", "thanks"]), r"listed twice: thanks"),
    ("words", lambda r: _set(r, "age.cues", []), r"age\.cues: must not be empty"),
    ("words", lambda r: _set(r, "numbers.units", {**r["numbers"]["units"], "nineteen": 91}),
     r"numbers\.units: units must be the words for 0 to 19"),
    ("words", lambda r: r["months"].pop(), r"months: months must list 12 months"),
    ("words", lambda r: _set(r, "people.groups", ["people", "wife"]),
     r"relatives and groups share wife"),
    ("words", lambda r: _set(r, "context.clause_marks", [",", "and"]),
     r"clause marks are single punctuation marks"),
    ("words", lambda r: _set(r, "context.negation.reach", 9), r"reach must be 0 to 5"),
    ("matcher", lambda r: _delete(r["labels"], "CUED"), r"labels\.CUED: field required"),
    ("matcher", lambda r: _set(r["labels"], "AGE", r["labels"]["CUED"]), r"labels\.AGE: extra"),
    ("matcher", lambda r: r["labels"]["THIRD"][0][0]["LOWER"].update(IN="<carers>"),
     r"unknown word list <carers>"),
    ("matcher", lambda r: r["labels"]["THIRD"][0][0]["LOWER"].update(IN="cared_for"),
     r"IN takes a list or \"<name>\""),
    ("matcher", lambda r: r["labels"]["BORN"][0][2]["TEXT"].update(REGEX="^(\\d{4}$"),
     r"labels\.BORN\.0\.2: bad regex"),
    ("matcher", lambda r: r["labels"]["CUED"][0][1].update(OP="?!"), r"OP must be"),
    ("matcher", lambda r: r["labels"]["CUED"][0][1].update(TEXT={"REGEX": "x"}),
     r"exactly one of LOWER or TEXT"),
    ("matcher", lambda r: r["labels"]["CUED"][0][1].update(SHAPE="dd"), r"SHAPE: extra"),
    ("matcher", lambda r: _set(r["labels"], "DECADE", []), r"DECADE: must not be empty"),
]


@pytest.mark.parametrize("which, change, message", BROKEN,
                         ids=[m for _, _, m in BROKEN])
def test_a_malformed_file_fails_naming_the_problem(tmp_path: Path, which: str,
                                                   change: Callable[[dict], None],
                                                   message: str) -> None:
    with pytest.raises(ProfileDataError, match=message) as failure:
        _load(tmp_path, which, change)
    assert str(tmp_path) in str(failure.value), "the message names the file"


def test_unreadable_or_not_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(ProfileDataError, match="cannot read profile data file"):
        load_profile_data(words=tmp_path / "missing.yml")
    bad = tmp_path / "bad.yml"
    bad.write_text("numbers: [unclosed", encoding="utf-8")
    with pytest.raises(ProfileDataError, match="cannot read profile data file"):
        load_profile_data(words=bad)
    bad.write_text("- a list\n", encoding="utf-8")
    with pytest.raises(ProfileDataError, match="must hold a mapping at the top level"):
        load_profile_data(matcher=bad)
