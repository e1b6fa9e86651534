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
from typing import Dict, List, Optional, Set, Union

from pydantic import BaseModel, root_validator, validator

from bot.datafile import StrictModel, load_model

FACTS_FILE = Path(__file__).parent / "data" / "facts.yml"
_PLACEHOLDER = re.compile(r"{(\w+)(?::(,))?}")
# "{observation_years}": a figure in months, said in whole years.
_YEARS = "_years"


class FactsError(ValueError):
    """The facts file is malformed or inconsistent."""


class Kind(str, Enum):
    PROPORTION = "proportion"
    MEDIAN_MONTHS = "median_months"
    # Half of one arm had the event by ``observation`` months; in the other arm
    # fewer than half had by the end of the study.
    MEDIAN_NOT_REACHED = "median_not_reached"
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
    GUIDANCE = "guidance"


class Confidence(str, Enum):
    PAPER = "paper"
    LAY = "lay"
    LAY_ONLY = "lay_only"
    KNOWN_EFFECT = "known_effect"  # a known harm, said in words, never with a figure


class SourceKind(str, Enum):
    TRIAL_PAPER = "trial_paper"
    LAY_SUMMARY = "lay_summary"
    PRODUCT_INFORMATION = "product_information"
    GUIDELINE = "guideline"
    LATER_REPORT = "later_report"


# What came after the paper: never inside the trial's tailored figures.
LATER_KINDS = (SourceKind.GUIDELINE, SourceKind.LATER_REPORT)


class Source(StrictModel):
    """Where findings come from, with its year and how sure we are of it
    (docs/evidence.md: P the paper or guideline, L the lay summary, S a conference
    abstract or a journal's summary of a paper)."""

    name: str
    kind: SourceKind
    year: int
    status: str
    citation: str

    @validator("status")
    def _a_status(cls, status: str) -> str:
        if status not in ("P", "L", "S"):
            raise ValueError(f"status must be P, L or S, not {status!r}")
        return status


class Finding(StrictModel):
    """One result of the trial (or of a later report), for one population and
    time frame."""

    id: str
    title: str
    kind: Kind
    population: Population
    direction: Direction
    confidence: Confidence
    source: str
    later: bool = False  # from a later report or guidance, not the trial itself
    wording: str
    brief: Optional[str] = None  # shorter wording for the first tailored answer
    named: Optional[str] = None  # a harm in a few words ("blood clots"), named with others
    time_frame: Optional[str] = None
    years: Optional[int] = None
    lenalidomide: Optional[float] = None
    observation: Optional[float] = None
    group_value: Optional[float] = None
    hazard_ratio: Optional[float] = None
    p_value: Optional[float] = None
    paper_lenalidomide: Optional[float] = None
    paper_observation: Optional[float] = None
    people: Optional[int] = None
    reported: Optional[int] = None  # the year a later report or guidance came out

    @root_validator(skip_on_failure=True)
    def _values_fit_kind(cls, values: dict) -> dict:
        kind, fid = values["kind"], values["id"]
        arms = (values.get("lenalidomide"), values.get("observation"))
        if kind in (Kind.PROPORTION, Kind.MEDIAN_MONTHS) and None in arms:
            raise ValueError(f"finding '{fid}': a {kind.value} needs both arms")
        if kind is Kind.MEDIAN_NOT_REACHED and (arms[1] is None or arms[0] is not None):
            raise ValueError(f"finding '{fid}': median_not_reached has the observation arm "
                             "only")
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
            for name, _ in _PLACEHOLDER.findall(values.get(field) or ""):
                if values.get(name.removesuffix(_YEARS)) is None:
                    raise ValueError(f"finding '{fid}': {field} uses {{{name}}} but the "
                                     f"finding has no {name}")
        return values

    def said(self, key: str) -> Optional[int]:
        """A figure as it is said to patients: a whole number per 100 or in months
        (``<name>_years``: months said in whole years)."""
        if key.endswith(_YEARS):
            months = self.said(key.removesuffix(_YEARS))
            return None if months is None else int(round(months / 12))
        value = getattr(self, key)
        return None if value is None else int(round(value))

    def derived_figures(self) -> Set[int]:
        """Figures said but not stored: months said in years ("{observation_years}")."""
        return {n for text in (self.wording, self.brief or "")
                for name, _ in _PLACEHOLDER.findall(text) if name.endswith(_YEARS)
                for n in [self.said(name)] if n is not None}

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
        return _PLACEHOLDER.sub(
            lambda m: format(self.said(m.group(1)), m.group(2) or ""), wording)


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
    # The trial's dose (FACTS.md, "dose", from the paper), held so the module matches
    # FACTS.md; not said: beside "is 10mg the normal dose?" it would read as advice
    dose_mg: int
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
    def _named(cls, source: str) -> str:
        if not source.strip() or source.startswith("http://"):
            raise ValueError("a support line needs where its details come from (an https "
                             "page or a named document)")
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
    sources: Dict[str, Source]
    findings: List[Finding]
    main_harms: List[str]
    named_harms: List[str]
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
        named = [c for c in values["named_harms"]
                 if c not in by_id or by_id[c].direction is not Direction.HARM
                 or not by_id[c].named]
        if named:
            raise ValueError(f"named_harms must be harms with their named words: {named}")
        return values

    @root_validator(skip_on_failure=True)
    def _sources_are_known_and_said(cls, values: dict) -> dict:
        """Each finding's source exists; ``later`` matches it; a later finding
        says its year, and is never one of the trial's harms or figures."""
        sources: Dict[str, Source] = values["sources"]
        for f in values["findings"]:
            source = sources.get(f.source)
            if source is None:
                raise ValueError(f"finding '{f.id}': unknown source {f.source!r}")
            if f.later != (source.kind in LATER_KINDS):
                raise ValueError(f"finding '{f.id}': later must be {not f.later} for a "
                                 f"{source.kind.value}")
            if f.later and (f.reported != source.year or "{reported}" not in f.wording):
                raise ValueError(f"finding '{f.id}': a later report's wording must say when "
                                 f"it came out: reported: {source.year} and {{reported}}")
        trial_only = values["main_harms"] + values["named_harms"]
        later = [f.id for f in values["findings"] if f.later and f.id in trial_only]
        if later:
            raise ValueError(f"later reports cannot be the trial's harms: {later}")
        return values

    def finding(self, fid: str) -> Finding:
        for f in self.findings:
            if f.id == fid:
                return f
        raise KeyError(fid)

    def harms(self) -> List[Finding]:
        """Every harm the trial's sources name, in file order: the full harms answer."""
        return [f for f in self.trial_findings() if f.direction is Direction.HARM]

    def trial_findings(self) -> List[Finding]:
        """The trial's own findings (its paper, its summary, the medicine's
        product information): what tailored answers are made of."""
        return [f for f in self.findings if not f.later]

    def named_harms_findings(self) -> List[Finding]:
        return [self.finding(c) for c in self.named_harms]

    def main_harms_findings(self) -> List[Finding]:
        return [self.finding(c) for c in self.main_harms]

    def resolve(self, path: str) -> object:
        """The value at a dotted path: ``study.hospitals``, ``spm.lenalidomide``,
        ``safety.crisis_lines.0.number``, ``safety.emergency`` (a method is
        called). A finding id may lead."""
        head, *rest = path.split(".")
        value: object = self.finding(head) if head not in self.__fields__ else getattr(self, head)
        for name in rest:
            if isinstance(value, dict):
                value = value[name]
            else:
                value = value[int(name)] if name.isdigit() else getattr(value, name)  # type: ignore
        return value() if callable(value) else value


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
            if isinstance(value, Finding):
                out.update(_number_key(n) for n in value.derived_figures())
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
    "Confidence", "Direction", "Facts", "FactsError", "Finding", "Kind", "LATER_KINDS",
    "Population", "Source", "SourceKind", "facts", "load_facts", "number_key", "numbers_in",
]
