"""Reading the patient's age group from a parsed message.

The Matcher (patterns in bot/data/profile_matcher.yml) finds the places an
age may be stated; each label has a reader below that turns a match into a
reading or rejects it ("39 months", "over 2 years ago"). It answers "don't
know yet" (None) rather than guess: a number with no sign that it is an age
is ignored, and a range that straddles 65 is reported as ambiguous so the bot
can ask again.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Callable, Dict, FrozenSet, List, Optional, Tuple

from spacy.tokens import Span, Token

from bot.facts import facts
from bot.profile.model import DECLINED, AgeGroup, AgeProblem, AgeReading
from bot.profile.parsed import Parsed
from bot.profile.questions import group_question
from bot.profile.loader import words


@lru_cache(maxsize=1)
def _months() -> Dict[str, int]:
    return {name: number for number, names in enumerate(words().months, start=1)
            for name in names}


def _group_for_range(low: int, high: int) -> AgeReading:
    """The group for an age somewhere in low..high; AMBIGUOUS if that straddles the cut-off."""
    cut = facts().thresholds.age_cut_off
    if high < cut:
        return AgeReading(group=AgeGroup.UNDER_65)
    if low >= cut:
        return AgeReading(group=AgeGroup.AGE_65_OR_OVER)
    return AgeReading(problem=AgeProblem.AMBIGUOUS)


def _plausible(age: int) -> bool:
    """Could a patient be this old?"""
    limits = facts().thresholds
    return limits.youngest_adult_age <= age <= limits.oldest_plausible_age


def _exact(age: int) -> AgeReading:
    if not _plausible(age):
        return AgeReading(years=age, problem=AgeProblem.IMPOSSIBLE)
    return AgeReading(group=_group_for_range(age, age).group, years=age)


def _between(low: int, high: int) -> AgeReading:
    """The reading for an age known to lie in low..high (from a birth year)."""
    if not (_plausible(low) or _plausible(high)):
        return AgeReading(years=high, problem=AgeProblem.IMPOSSIBLE)
    reading = _group_for_range(low, high)
    years = high if high - low <= 1 else None
    return AgeReading(group=reading.group, years=years, problem=reading.problem)


def _number(span: Span) -> Token:
    return next(t for t in span if t.is_digit)


def _int(token: Token) -> int:
    """The token's value; any number too long to be an age reads as a million."""
    return int(token.text) if len(token.text) <= 6 else 1_000_000


def _after(p: Parsed, token: Token, step: int = 1) -> str:
    i = token.i + step
    return p.tokens[i] if i < len(p.tokens) else ""


def _is_age_number(p: Parsed, token: Token) -> bool:
    """False for numbers that measure something else ("39 months", "3 years post"),
    and for groups ("over 65s")."""
    nxt = _after(p, token)
    if nxt in words().age.not_units or nxt == "s":
        return False
    return not (nxt in ("years", "year") and _after(p, token, 2) in words().age.after_duration)


def _next_birthday(p: Parsed, token: Token) -> int:
    """1 when the age is one still to come ("70 next month"), else 0."""
    return 1 if _after(p, token) in words().age.next_birthday else 0


def _birth_ages(span: Span, today: dt.date) -> Tuple[int, int]:
    """Youngest and oldest ages that fit a birth date, year or decade ("the 50s")."""
    last = span[-1].text
    if last.endswith("s"):
        first = int(last[:-1]) if len(last) == 5 else 1900 + int(last[:-1])
        return today.year - first - 10, today.year - first
    age = today.year - _int(span[-1])
    months = [_months()[t.lower_] for t in span if t.lower_ in _months()]
    days = [int(t.text) for t in span[:-1] if t.is_digit]
    if not months:  # a year alone, or a numeric date whose day/month order is unclear
        return age - 1, age
    month, day = months[0], (days[0] if days else None)
    if month < today.month or (month == today.month and day is not None and day <= today.day):
        return age, age
    if month > today.month or day is not None:
        return age - 1, age - 1
    return age - 1, age


def _born(p: Parsed, span: Span, today: dt.date) -> Optional[AgeReading]:
    """"born in 1950", "born 3rd December 1961", "born in the fifties"."""
    return _between(*_birth_ages(span, today))


def _over(p: Parsed, span: Span, today: dt.date) -> Optional[AgeReading]:
    """"over 65", "65+", "at least 70"."""
    token = _number(span)
    n = _int(token)
    if n < facts().thresholds.youngest_adult_age or not _is_age_number(p, token):
        return None  # "over 2 years ago", "over 18 months"
    inclusive = any(t.lower_ in ("or", "and", "plus", "least") for t in span)
    at_least = n if inclusive else n + 1
    if at_least > facts().thresholds.oldest_plausible_age:
        return AgeReading(problem=AgeProblem.IMPOSSIBLE)
    return _group_for_range(at_least, 200)


def _under(p: Parsed, span: Span, today: dt.date) -> Optional[AgeReading]:
    """"under 65", "younger than 60", "under the age of 65"."""
    token = _number(span)
    n = _int(token)
    if n < facts().thresholds.youngest_adult_age or not _is_age_number(p, token):
        return None  # "less than 2 years ago"
    inclusive = any(t.lower_ in ("or", "and") for t in span)
    return _group_for_range(0, n if inclusive else n - 1)


def _future(p: Parsed, span: Span, today: dt.date) -> Optional[AgeReading]:
    """"I'll be 65 next month", "turning 70", "nearly 70": a year younger today."""
    token = _number(span)
    return _exact(_int(token) - 1) if _is_age_number(p, token) else None


# "does being 65 change anything?", "what about being 70?": an age supposed, not told.
_SUPPOSING = frozenset({"does", "would", "will", "if", "whether", "about", "of", "is"})


def _cued(p: Parsed, span: Span, today: dt.date) -> Optional[AgeReading]:
    """"I'm 72", "aged 55", "68 years old", "I meant 58", "I'm 70 next month"; not
    "does being 65 change anything?", which supposes an age (the ninth session's review:
    at 64 it made them 65 or over)."""
    token = _number(span)
    if not _is_age_number(p, token):
        return None
    if span[0].lower_ == "being" and span.start > 0 and \
            p.doc[span.start - 1].lower_ in _SUPPOSING:
        return None
    return _exact(_int(token) - _next_birthday(p, token))


def _then(p: Parsed, span: Span, today: dt.date) -> Optional[AgeReading]:
    """"had her transplant at 67": 65 or over then is 65 or over now; younger
    then says nothing about now."""
    n = _int(_number(span))
    reading = _exact(n)
    return reading if _plausible(n) and reading.group is AgeGroup.AGE_65_OR_OVER else None


def _lead(p: Parsed, span: Span, today: dt.date) -> Optional[AgeReading]:
    """"58, no transplant", "66F": a plausible age opening a longer message, or
    a sentence in it ("should I carry on? 70, had a transplant in 2020")."""
    token = _number(span)
    n = _int(token) - _next_birthday(p, token)
    opens = span.start == 0 or p.tokens[span.start - 1] in _SENTENCE_ENDS
    return _exact(n) if opens and _plausible(n) else None


_SENTENCE_ENDS = frozenset({"?", ".", "!"})


def _relative_age(p: Parsed, span: Span, today: dt.date) -> Optional[AgeReading]:
    """"my dad (76)", "wife 80": a carer's shorthand, read only when plausible."""
    token = _number(span)
    n = _int(token)
    return _exact(n) if _plausible(n) and _is_age_number(p, token) else None


def _decade(p: Parsed, span: Span, today: dt.date) -> Optional[AgeReading]:
    """"in my late sixties", "70s"."""
    found = re.search(r"(\d)0s", span.text)
    assert found, span.text  # the DECADE pattern only matches "<digit>0s"
    base = int(found.group(1)) * 10
    for word, (low, high) in (("early", (0, 3)), ("mid", (4, 6)), ("late", (7, 9))):
        if word in span.text:
            return _group_for_range(base + low, base + high)
    return _group_for_range(base, base + 9)


Reader = Callable[[Parsed, Span, dt.date], Optional[AgeReading]]
# Most reliable first: an exact age beats a birth year, which beats a range.
READERS: Tuple[Tuple[str, Reader], ...] = (
    ("CUED", _cued), ("THIRD", _cued), ("RELATIVE_AGE", _relative_age), ("SEX", _lead),
    ("BORN", _born),
    ("FUTURE", _future), ("OVER", _over), ("UNDER", _under), ("LEAD", _lead),
    ("DECADE", _decade), ("THEN", _then),
)
_GROUP_READERS = {"OVER", "UNDER", "DECADE"}


def age_readings(p: Parsed, today: dt.date, *, others: bool, expecting: bool
                 ) -> List[AgeReading]:
    """Every age reading in the message, most reliable first; those about
    someone else too when ``others`` (a carer speaking for the patient)."""
    spans = p.spans(others=others)
    group_question_asked = group_question().asks_in_general_words(p.tokens)
    found: List[Tuple[int, AgeReading]] = []  # (where in the message, reading)
    for label, reader in READERS:
        if label in _GROUP_READERS and group_question_asked:
            continue  # "what about over 65s?" asks about a group
        for span in spans.get(label, []):
            reading = reader(p, span, today)
            if reading is None:
                continue
            if label != "BORN" and p.context.in_the_past(span.start, span.end) and \
                    reading.group is not AgeGroup.AGE_65_OR_OVER:
                continue  # 60 when diagnosed says nothing about now; 70 then is 65+ now
            found.append((span.start, reading))
    readings = [reading for _, reading in _after_a_correction(p, found)]
    bare = _bare_number(p)
    if bare is not None and bare < 1000:
        readings.append(_exact(bare))
    elif bare is not None and expecting:  # just asked: "1958" is a birth year, "999999" no age
        is_year = 1800 <= bare <= today.year
        readings.append(_between(today.year - bare - 1, today.year - bare) if is_year
                        else _exact(bare))
    return readings


@lru_cache(maxsize=1)
def _correcting() -> FrozenSet[str]:
    """The correction words as a set, made once."""
    return frozenset(words().corrections.words)


def _after_a_correction(p: Parsed, found: List[Tuple[int, AgeReading]]
                        ) -> List[Tuple[int, AgeReading]]:
    """"my dads 70, sorry, i mean 60", "im 66, no wait, im 63 actually": when a
    correction word (profile_words.yml, corrections) stands between two ages,
    only the ages after it count."""
    correcting = _correcting()
    for cue in reversed([i for i, token in enumerate(p.tokens) if token in correcting]):
        after = [(start, reading) for start, reading in found if start > cue]
        if after and any(start < cue for start, _ in found):
            return after
    return found


def clearest(readings: List[AgeReading]) -> AgeReading:
    """The first reading with no problem (readings come most reliable first), else
    the first: a problem is reported only when nothing clearer was said."""
    return next((r for r in readings if r.problem is None), readings[0])


# Words of the illness or its treatment, which make a story of a relative theirs.
_ILLNESS = re.compile(r"\b(diagnosed|diagnosis|myeloma|maintenance|treatment|chemo|len|revlimid|"
                      r"lenalidomide|transplant|vtd|consultant|haematologist)\b")


def read_age(p: Parsed, today: dt.date, *, expecting: bool,
             transplant_too: Callable[[], bool]) -> Optional[AgeReading]:
    """The age group a message gives, or None if it says nothing about age.

    The most reliable clear reading wins; a problem (impossible, ambiguous) is
    reported only when nothing clearer was said. ``expecting`` is True when
    the bot has just asked for the age: then a bare "no thanks" or "skip"
    counts as declining, and a carer's "he is 70" answers for the patient (as
    it does unasked when ``transplant_too``: the carer gives both facts).
    """
    readings = age_readings(p, today, others=False, expecting=expecting)
    if not readings and p.context.speaks_for_one() and (
            expecting or p.context.asks_for_a_relative() or transplant_too()
            # "my mother was diagnosed last year, shes 81": a story of one relative's illness
            or (p.context.story_about() is not None and _ILLNESS.search(p.norm) is not None)):
        readings = age_readings(p, today, others=True, expecting=expecting)
    if readings:
        return clearest(readings)
    if "DECLINE" in p.spans() or (expecting and _is_refusal(p)):
        return DECLINED
    return None


def _bare_number(p: Parsed) -> Optional[int]:
    """A message that is only a number, give or take filler ("about 58 years")."""
    filler = words().age.filler
    content = [t for t, lower in zip(p.doc, p.tokens, strict=True) if lower not in filler]
    if len(content) == 1 and content[0].is_digit:
        return _int(content[0])
    return None


def _is_refusal(p: Parsed) -> bool:
    """"no thanks", "skip", "I'd rather not": a refusal word, give or take politeness.
    "thank you" alone is not one."""
    said = {t.lower_ for t in p.doc if t.is_alpha}
    refusals, polite = set(words().age.refusals), set(words().age.polite)
    return bool(said & refusals) and said <= refusals | polite
