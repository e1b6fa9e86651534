"""The trial's figures as typed, validated data.

Everything the bot says with a number in it is filled from ``data/facts.yml``
through these models, so a figure lives in exactly one place. Loading checks
the file hard: a typo, a missing arm or an impossible value stops start-up
with a message naming the finding, instead of reaching a patient.
"""
from __future__ import annotations

import datetime as _dt
import re
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import List, Optional, Set, Union

from pydantic import BaseModel, root_validator, validator

from bot.datafile import StrictModel, load_model

FACTS_FILE = Path(__file__).parent / "data" / "facts.yml"
_PLACEHOLDER = re.compile(r"{(\w+)}")


class FactsError(ValueError):
    """The facts file is malformed or inconsistent."""


class Kind(str, Enum):
    PROPORTION = "proportion"
    MEDIAN_MONTHS = "median_months"
    SINGLE_GROUP = "single_group"
    STATEMENT = "statement"


class Population(str, Enum):
    """The paper reports survival by transplant pathway, never by age."""

    EVERYONE = "everyone"
    TRANSPLANT = "transplant"
    NO_TRANSPLANT = "no_transplant"


class Direction(str, Enum):
    BENEFIT = "benefit"
    NO_BENEFIT = "no_benefit"
    NO_DIFFERENCE = "no_difference"
    HARM = "harm"
    CAVEAT = "caveat"


class Confidence(str, Enum):
    PAPER = "paper"
    LAY = "lay"
    LAY_ONLY = "lay_only"
    KNOWN_EFFECT = "known_effect"  # a known harm, said in words, never with a figure


class Finding(StrictModel):
    """One result of the trial, for one population and time frame."""

    id: str
    title: str
    kind: Kind
    population: Population
    direction: Direction
    confidence: Confidence
    wording: str
    brief: Optional[str] = None  # shorter wording for the first tailored answer
    time_frame: Optional[str] = None
    years: Optional[int] = None
    lenalidomide: Optional[float] = None
    observation: Optional[float] = None
    group_value: Optional[float] = None
    hazard_ratio: Optional[float] = None
    p_value: Optional[float] = None
    paper_lenalidomide: Optional[float] = None
    paper_observation: Optional[float] = None

    @root_validator(skip_on_failure=True)
    def _values_fit_kind(cls, values: dict) -> dict:
        kind, fid = values["kind"], values["id"]
        arms = (values.get("lenalidomide"), values.get("observation"))
        if kind in (Kind.PROPORTION, Kind.MEDIAN_MONTHS) and None in arms:
            raise ValueError(f"finding '{fid}': a {kind.value} needs both arms")
        if kind is Kind.SINGLE_GROUP and values.get("group_value") is None:
            raise ValueError(f"finding '{fid}': single_group needs group_value")
        if values["confidence"] is Confidence.KNOWN_EFFECT and kind is not Kind.STATEMENT:
            raise ValueError(f"finding '{fid}': a known_effect is said in words, with no figure")
        if kind is Kind.STATEMENT and any(
            values.get(k) is not None for k in ("lenalidomide", "observation", "group_value")
        ):
            raise ValueError(f"finding '{fid}': a statement carries no figures")
        if kind in (Kind.PROPORTION, Kind.SINGLE_GROUP):
            for key in ("lenalidomide", "observation", "group_value"):
                v = values.get(key)
                if v is not None and not 0 <= v <= 100:
                    raise ValueError(f"finding '{fid}': {key}={v} is not a share of 100")
        for key in ("lenalidomide", "observation", "group_value", "years"):
            v = values.get(key)
            if v is not None and v < 0:
                raise ValueError(f"finding '{fid}': {key} cannot be negative")
        for field in ("wording", "brief"):
            for name in _PLACEHOLDER.findall(values.get(field) or ""):
                if values.get(name) is None:
                    raise ValueError(f"finding '{fid}': {field} uses {{{name}}} but the "
                                     f"finding has no {name}")
        return values

    def said(self, key: str) -> Optional[int]:
        """A figure as it is said to patients: a whole number per 100 or in months."""
        value = getattr(self, key)
        return None if value is None else int(round(value))

    @property
    def has_figures(self) -> bool:
        return self.kind is not Kind.STATEMENT

    @property
    def summary_only(self) -> bool:
        """A figure we could not confirm in the paper: said as the study summary's."""
        return self.confidence is Confidence.LAY_ONLY and self.has_figures

    def text(self, brief: bool = False) -> str:
        """The plain-language sentence(s) with this finding's own figures filled in;
        ``brief`` picks the shorter wording where there is one."""
        wording = self.brief if brief and self.brief else self.wording
        return _PLACEHOLDER.sub(lambda m: str(self.said(m.group(1))), wording)


class PhoneLine(StrictModel):
    name: str
    number: str
    region: str


class Safety(StrictModel):
    fever_celsius: int
    emergency_numbers: List[PhoneLine]
    crisis_lines: List[PhoneLine]
    hospital_line_hours: int

    def emergency(self) -> str:
        """'999 (UK), 911 (US) or 112 (EU)'."""
        said = [f"{line.number} ({line.region})" for line in self.emergency_numbers]
        return ", ".join(said[:-1]) + " or " + said[-1] if len(said) > 1 else said[0]


class Study(StrictModel):
    name: str
    citation: str
    journal: str
    published_online: _dt.date
    journal_year: int
    pmid: int
    lead_author: str
    funder: str
    lay_summary_year: int
    recruitment_start_year: int
    recruitment_end_year: int
    hospitals: int
    countries: str
    randomised_lenalidomide: int
    randomised_observation: int
    randomised_total: int
    median_followup_months: int
    max_followup_years: int
    treatment_cycle_days: int
    treatment_days_per_cycle: int
    transplant_pathway_median_age: int
    no_transplant_pathway_median_age: int

    @root_validator(skip_on_failure=True)
    def _consistent(cls, values: dict) -> dict:
        arms = values["randomised_lenalidomide"] + values["randomised_observation"]
        if arms != values["randomised_total"]:
            raise ValueError(
                f"study: arms add up to {arms}, not randomised_total={values['randomised_total']}"
            )
        if values["recruitment_start_year"] > values["recruitment_end_year"]:
            raise ValueError("study: recruitment starts after it ends")
        if values["treatment_days_per_cycle"] > values["treatment_cycle_days"]:
            raise ValueError("study: more treatment days than days in a cycle")
        return values


class SupportLine(StrictModel):
    """A support organisation's line, with the page its details come from."""

    name: str
    number: str
    region: str
    hours: str
    cost: str
    source: str
    checked: _dt.date

    @validator("source")
    def _a_web_page(cls, source: str) -> str:
        if not source.startswith("https://"):
            raise ValueError("a support line needs the https page its details come from")
        return source


class Thresholds(StrictModel):
    age_cut_off: int
    per: int
    youngest_adult_age: int
    oldest_plausible_age: int


class Context(StrictModel):
    nice_guidance: str
    nice_year: int


class Tool(StrictModel):
    """Who made the tool, who paid, and how fresh its content is (IPDAS items)."""

    made_by: str
    funding: str
    content_checked: _dt.date
    review_every_months: int

    updates: str

    @validator("review_every_months")
    def _positive(cls, months: int) -> int:
        if months <= 0:
            raise ValueError("review_every_months must be positive")
        return months


class Facts(StrictModel):
    """The whole facts file."""

    study: Study
    findings: List[Finding]
    main_harms: List[str]
    safety: Safety
    support_lines: List[SupportLine]
    thresholds: Thresholds
    context: Context
    tool: Tool

    @validator("findings")
    def _unique_ids(cls, findings: List[Finding]) -> List[Finding]:
        ids = [f.id for f in findings]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate finding ids: {', '.join(dupes)}")
        return findings

    @root_validator(skip_on_failure=True)
    def _main_harms_are_harms(cls, values: dict) -> dict:
        by_id = {f.id: f for f in values["findings"]}
        missing = [c for c in values["main_harms"] if c not in by_id]
        if missing:
            raise ValueError(f"main_harms names unknown findings: {missing}")
        not_harms = [c for c in values["main_harms"] if by_id[c].direction is not Direction.HARM]
        if not_harms:
            raise ValueError(f"main_harms names findings that are not harms: {not_harms}")
        return values

    def finding(self, fid: str) -> Finding:
        for f in self.findings:
            if f.id == fid:
                return f
        raise KeyError(fid)

    def harms(self) -> List[Finding]:
        """Every harm, in file order: the full harms answer."""
        return [f for f in self.findings if f.direction is Direction.HARM]

    def main_harms_findings(self) -> List[Finding]:
        return [self.finding(c) for c in self.main_harms]

    def resolve(self, path: str) -> object:
        """The value at a dotted path: ``study.hospitals``, ``spm.lenalidomide``,
        ``safety.crisis_lines.0.number``, ``safety.emergency`` (a method is
        called). A finding id may lead."""
        head, *rest = path.split(".")
        value: object = self.finding(head) if head not in self.__fields__ else getattr(self, head)
        for name in rest:
            value = value[int(name)] if name.isdigit() else getattr(value, name)  # type: ignore
        return value() if callable(value) else value

    def sayable_numbers(self) -> Set[str]:
        """Every number any message may say, as digit strings (for end-to-end
        transcripts, which carry no provenance; unit tests check each message
        against the fields it draws on). The citation is left out: its page
        numbers are never said."""
        return numbers_in(self.dict(exclude={"study": {"citation"}}))


def numbers_in(value: object) -> Set[str]:
    """Every number a value holds, as stored and as rounded for patients."""
    out: Set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, bool):
            return
        if isinstance(value, (int, float)):
            out.add(_number_key(value))
            out.add(_number_key(round(value)))
        elif isinstance(value, str):
            for token in re.findall(r"\d+(?:\.\d+)?", value):
                out.add(_number_key(float(token)))
        elif isinstance(value, _dt.date):  # said as "25 November 2026"
            out.update({str(value.year), str(value.day)})
        elif isinstance(value, BaseModel):
            walk(value.dict())
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)

    walk(value)
    return out


def _number_key(value: Union[int, float]) -> str:
    """Normalise 39, 39.0 and '39' to the same key."""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def number_key(text: str) -> str:
    """Normalise a number as written in bot output ('1,971' -> '1971')."""
    return _number_key(float(text.replace(",", "")))


def load_facts(path: Union[str, Path] = FACTS_FILE) -> Facts:
    """Read and check a facts file, failing with one clear message."""
    return load_model(path, Facts, "facts", FactsError)


@lru_cache(maxsize=1)
def facts() -> Facts:
    """The project's facts, loaded once per process."""
    return load_facts()


__all__: List[str] = [
    "Confidence", "Direction", "Facts", "FactsError", "Finding", "Kind",
    "Population", "facts", "load_facts", "number_key", "numbers_in",
]
