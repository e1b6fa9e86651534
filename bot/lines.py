"""Chat messages that know which facts they say.

A ``Line`` is a message string that carries the dotted paths of the facts
fields it draws on (``spm.lenalidomide``, ``study.hospitals``). Content tests
then accept a number in a message only if one of those fields holds it, so a
typed figure, or a figure from the wrong finding, is caught where it is said.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import FrozenSet, Iterable, Set, Union

from bot.facts import Finding, facts

_SLOT = re.compile(r"{([a-z0-9_.]+)(?::([a-z_,]+))?}")


class Line(str):
    """A message, with the facts paths its numbers come from."""

    sources: FrozenSet[str]

    def __new__(cls, text: str, sources: Iterable[str] = ()) -> "Line":
        line = super().__new__(cls, text)
        line.sources = frozenset(sources)
        return line

    def with_text(self, text: str) -> "Line":
        """The same sources under new words (e.g. a marking added)."""
        return Line(text, self.sources)

    def with_sources(self, more: Iterable[str]) -> "Line":
        """The same words drawing on more findings (said in words: "with more
        new cancers")."""
        return Line(self, self.sources | frozenset(more))


def _format(value: object, how: str) -> str:
    if isinstance(value, dt.date):
        if how == "month_year":
            return f"{value.strftime('%B')} {value.year}"
        return f"{value.day} {value.strftime('%B')} {value.year}"
    if isinstance(value, float):
        value = int(round(value))
    if how == "," and isinstance(value, int):
        return f"{value:,}"
    return str(value)


def say(template: str) -> Line:
    """Fill ``{path}`` or ``{path:format}`` from the facts module.

    Formats: ``,`` (thousands), ``month_year`` ("December 2018"), and dates
    default to "25 November 2026". Floats are said as whole numbers.
    """
    data = facts()
    paths = []

    def fill(match: "re.Match[str]") -> str:
        paths.append(match.group(1))
        return _format(data.resolve(match.group(1)), match.group(2) or "")

    return Line(_SLOT.sub(fill, template), paths)


def join(*parts: Union[str, Line], sep: str = " ") -> Line:
    """Several pieces as one message, keeping every piece's sources."""
    sources: Set[str] = set()
    for part in parts:
        sources |= getattr(part, "sources", frozenset())
    return Line(sep.join(parts), sources)


# Figures from the study's summary only: marked where said, explained once a
# session (see bot.answers.mark_first_summary_figure).
SUMMARY_TAG = "(study summary)"
SUMMARY_TAG_FIRST = "(from the study's summary, not the paper)"


def finding_line(f: Finding, brief: bool = False) -> Line:
    """A finding's sentences, tagged when its figure is from the lay summary only."""
    text = f.text(brief=brief)
    if f.summary_only:
        text = _tag_after_figure(text)
    return Line(text, {f.id})


def _tag_after_figure(text: str) -> str:
    """The tag goes after the first sentence, where the figure is."""
    first, dot, rest = text.partition(". ")
    if not dot:
        return text.rstrip(".") + f" {SUMMARY_TAG}."
    return f"{first} {SUMMARY_TAG}. {rest}"


def main_harms_line() -> Line:
    """The harms that go with every benefit, in their short wording, as one message."""
    return join("The main harms, in the same way.",
                *[finding_line(f, brief=True) for f in facts().main_harms_findings()])
