"""The age reader's spaCy Matcher patterns, as a checked schema.

The patterns live in ``bot/data/profile_matcher.yml``, in spaCy's own token
form, restricted to what the reader uses: LOWER or TEXT (REGEX) and an
optional OP. "<name>" stands for a word list of profile_words.yml (a list
for IN, alternatives inside a REGEX), resolved and compiled at load, so a
bad reference or regex stops start-up rather than the first message.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Dict, List, Optional, Union

from pydantic import root_validator

from bot.profile.words import Word, Checked

# "<name>" in a pattern stands for a word list (not "(?<!" or "(?P<").
_REFERENCE = re.compile(r"(?<![?P])<([a-z_]+)>")


class InList(Checked):
    IN: Union[List[Word], Word]  # a list, or "<name>" of a word list


class Regex(Checked):
    REGEX: Word


class TokenPattern(Checked):
    """One token of a Matcher pattern: its lower-case text or a regex, and how often."""

    LOWER: Optional[Union[Word, InList]] = None
    TEXT: Optional[Regex] = None
    OP: Optional[str] = None

    @root_validator(skip_on_failure=True)
    def _one_test(cls, values: Dict[str, Any]) -> Dict[str, Any]:
        if (values.get("LOWER") is None) == (values.get("TEXT") is None):
            raise ValueError("a token tests exactly one of LOWER or TEXT")
        if values.get("OP") not in (None, "?", "*", "+", "!"):
            raise ValueError(f"OP must be ?, *, + or !, not {values['OP']!r}")
        return values


Pattern = List[TokenPattern]


class Labels(Checked):
    """The labels the age reader knows, each with its patterns (see age.py)."""

    DECLINE: List[Pattern]
    BORN: List[Pattern]
    DECADE: List[Pattern]
    OVER: List[Pattern]
    UNDER: List[Pattern]
    FUTURE: List[Pattern]
    LEAD: List[Pattern]
    SEX: List[Pattern]
    THIRD: List[Pattern]
    RELATIVE_AGE: List[Pattern]
    THEN: List[Pattern]
    CUED: List[Pattern]


class MatcherFile(Checked):
    parts: Dict[str, Any] = {}  # pieces shared through YAML aliases; not read
    labels: Labels


SpacyPatterns = Dict[str, List[List[Dict[str, Any]]]]


def spacy_patterns(lists: Dict[str, List[str]], matcher: MatcherFile) -> SpacyPatterns:
    """The patterns in spaCy's form, each "<name>" replaced by the words of ``lists``."""

    def resolve(name: str, where: str) -> List[str]:
        if name not in lists:
            raise ValueError(f"{where}: unknown word list <{name}>; known: {', '.join(lists)}")
        return lists[name]

    out: SpacyPatterns = {}
    for label, patterns in matcher.labels:
        out[label] = []
        for p, pattern in enumerate(patterns):
            tokens: List[Dict[str, Any]] = []
            for t, token in enumerate(pattern):
                where = f"labels.{label}.{p}.{t}"
                spec = token.dict(exclude_none=True)
                lower = spec.get("LOWER")
                if isinstance(lower, dict) and isinstance(lower["IN"], str):
                    found = re.fullmatch(r"<([a-z_]+)>", lower["IN"])
                    if not found:
                        raise ValueError(f"{where}: IN takes a list or \"<name>\" of a "
                                         f"word list, not {lower['IN']!r}")
                    spec["LOWER"] = {"IN": resolve(found.group(1), where)}
                if "TEXT" in spec:
                    regex = _REFERENCE.sub(_words_of(resolve, where), spec["TEXT"]["REGEX"])
                    try:
                        re.compile(regex)
                    except re.error as exc:
                        raise ValueError(f"{where}: bad regex {regex!r}: {exc}") from exc
                    spec["TEXT"] = {"REGEX": regex}
                tokens.append(spec)
            out[label].append(tokens)
    return out


def _words_of(resolve: Callable[[str, str], List[str]], where: str
              ) -> Callable[["re.Match[str]"], str]:
    """Replaces "<name>" in a regex by the list's words as alternatives."""
    return lambda found: "|".join(resolve(found.group(1), where))
