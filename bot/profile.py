"""Reading a patient's age group and transplant history from their own words.

All the profile rules live here. The parser is a blank spaCy English pipeline
(tokenizer + Matcher, no model download) over text that has been normalised
first: lower case, common misspellings mended, number words turned into
digits ("sixty seven" -> "67", "seventies" -> "70s").

It answers "don't know yet" (None) rather than guess: a number with no sign
that it is an age is ignored, and an age range that straddles 65 is reported
as ambiguous so the bot can ask again.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Callable, Dict, List, Optional, Tuple

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from bot.facts import facts


class AgeGroup(str, Enum):
    UNDER_65 = "under_65"
    AGE_65_OR_OVER = "65_or_over"
    NOT_GIVEN = "not_given"


class Transplant(str, Enum):
    HAD = "had"
    COULD_NOT = "could_not"
    CHOSE_NOT = "chose_not"
    NOT_HAD = "not_had"  # has not had one, and did not say why (after one follow-up)
    NOT_SURE = "not_sure"
    PLANNED = "planned"


class TransplantProblem(str, Enum):
    NO_REASON = "no_reason"  # "no": could not, chose not to, or not yet? Ask once.


def settle_transplant(reading: Transplant, asked_why: bool
                      ) -> Tuple[Optional[Transplant], Optional[TransplantProblem]]:
    """The slot value and problem for a reading. A "no" with no reason gets one
    follow-up question; a second one is kept as "has not had one"."""
    if reading is Transplant.NOT_HAD and not asked_why:
        return None, TransplantProblem.NO_REASON
    return reading, None


class AgeProblem(str, Enum):
    IMPOSSIBLE = "impossible"  # not a plausible adult age (e.g. 7, 150)
    AMBIGUOUS = "ambiguous"  # a range that straddles the cut-off (e.g. "in my sixties")


@dataclass(frozen=True)
class AgeReading:
    """What a message says about age: a group, or a problem to ask about."""

    group: Optional[AgeGroup] = None
    years: Optional[int] = None
    problem: Optional[AgeProblem] = None


@dataclass(frozen=True)
class ProfileReading:
    age: Optional[AgeReading]
    transplant: Optional[Transplant]
    # Set when a carer describes the person they ask for: "wife", "dad", ...,
    # or "them" when only "he"/"she" names them.
    about: Optional[str] = None


# --------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_DECADES = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50,
    "sixties": 60, "seventies": 70, "eighties": 80, "nineties": 90,
}
_DOMAIN_WORDS = (
    "transplant", "transplanted", "transplants", "stem", "cells", "marrow",
    "autologous", "harvested", "harvest", "collected", "eligible", "ineligible",
    "planned", "scheduled", "remember", "rather", "prefer", "years",
)
# Words people really misspell that fuzzy matching would not safely reach.
_SPELLING = {
    "fourty": "forty", "fourty-five": "forty-five", "sixty-": "sixty",
    "tranplant": "transplant", "transplnt": "transplant", "trasplant": "transplant",
    "tx": "transplant", "sct": "asct", "bmt": "asct", "stemcell": "stem cell",
    "stemcells": "stem cells", "marow": "marrow", "bonemarrow": "bone marrow",
    "im": "i'm", "iam": "i am", "ive": "i've", "didnt": "didn't", "havent": "haven't",
    "couldnt": "couldn't", "wasnt": "wasn't", "dont": "don't", "cant": "can't",
    "werent": "weren't", "arent": "aren't", "isnt": "isn't", "wouldnt": "wouldn't",
    "yrs": "years", "yr": "years", "y/o": "years old", "yo": "years old",
}
_FUZZY_VOCAB = tuple(_UNITS) + tuple(_TENS) + tuple(_DECADES) + _DOMAIN_WORDS
_JOINED_NUMBER = re.compile(
    "^(" + "|".join(_TENS) + ")(" + "|".join(list(_UNITS)[1:10]) + ")$"
)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+|[^\sa-z\d]")


def _mend_word(word: str) -> str:
    if word in _SPELLING:
        return _SPELLING[word]
    joined = _JOINED_NUMBER.match(word)
    if joined:  # "sixtyfive" -> "sixty five"
        return f"{joined.group(1)} {joined.group(2)}"
    if len(word) < 5 or not word.isalpha() or word in _FUZZY_VOCAB or _is_common(word):
        return word
    close = difflib.get_close_matches(word, _FUZZY_VOCAB, n=1, cutoff=0.84)
    return close[0] if close else word


def _is_common(word: str) -> bool:
    return _nlp().vocab[word].is_stop or word in _COMMON


# Ordinary words that sit close to a vocabulary word and must stay as they are.
_COMMON = frozenset(
    "there these those where three seven seventh eighth fifth sixth forth fiftieth "
    "remembered preferred rathe years yearly cell sells stems rescheduled".split()
)


def _plain_digits(text: str) -> str:
    """Other scripts' digits as ASCII ("٣٤" -> "34"); "²", "①", "½" dropped, not numbers."""
    if text.isascii():
        return text
    return "".join(
        str(unicodedata.decimal(c)) if c.isdecimal() else " " if c.isnumeric() else c
        for c in text
    )


def normalise(text: str) -> str:
    """Lower-case, mend spelling, and turn number words into digits."""
    text = _plain_digits(text).lower().replace("\u2019", "'").replace("\u2018", "'")
    # Part years round down: "64.5", "64 3/4", "64 and a half" are all 64.
    text = re.sub(r"(?<![\d.])(\d{1,3})\.\d+(?![.\d])", r"\1", text)
    text = re.sub(r"\b(\d{1,3})\s+(?:and\s+)?\d\s*/\s*\d\b(?!\s*/)", r"\1", text)
    text = re.sub(r"\b(\d{1,3}|(?:" + "|".join(_TENS) + r")(?:[\s-]+\w+)?)\s+and\s+"
                  r"(?:a half|a quarter|three quarters|a bit)\b", r"\1", text)
    text = re.sub(r"(\d)\s*\+", r"\1 or over", text)  # "65+" -> "65 or over"
    text = re.sub(r"(?<!\d)(\d+)'?s\b", r"\1s", text)  # "60's" -> "60s"
    text = re.sub(r"\b(\d{2})\s*(yo|y/o|yrs?)\b", r"\1 years old", text)
    text = text.replace("-", " ")
    words = [_mend_word(w) for w in _WORD.findall(text)]
    return _words_to_digits(" ".join(words))


def _words_to_digits(text: str) -> str:
    tens = "|".join(_TENS)
    units = "|".join(list(_UNITS)[1:10])
    text = re.sub(
        rf"\b({tens})\s+({units})\b",
        lambda m: str(_TENS[m.group(1)] + _UNITS[m.group(2)]),
        text,
    )
    text = re.sub(rf"\b({tens})\s*something\b", lambda m: f"{_TENS[m.group(1)]}s", text)
    text = re.sub(rf"\b({tens})\b", lambda m: str(_TENS[m.group(1)]), text)
    text = re.sub(
        r"\b(" + "|".join(_DECADES) + r")\b", lambda m: f"{_DECADES[m.group(1)]}s", text
    )
    # Units only become digits when they could be an age on their own
    # ("I'm seven"), never inside "had one", "no one".
    text = re.sub(
        r"\b(i'm|i am|aged|age|turned|turning)\s+(" + "|".join(_UNITS) + r")\b",
        lambda m: f"{m.group(1)} {_UNITS[m.group(2)]}",
        text,
    )
    text = re.sub(r"^(" + "|".join(_UNITS) + r")$", lambda m: str(_UNITS[m.group(1)]), text)
    return re.sub(r"\b((?:\d\d)?\d0)\s+s\b", r"\1s", text)


# --------------------------------------------------------------------------
# spaCy pipeline
# --------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _nlp() -> Language:
    return spacy.blank("en")


_AGE_CUES = ["'m", "am", "aged", "age", "turned", "now", "i'm", "being", "meant"]
_NOT_AGE_UNITS = {
    "months", "month", "weeks", "week", "days", "day", "mg", "cycles", "cycle",
    "percent", "%", "hours", "times", "people",
}
# "3 years post transplant", "2 years ago": a length of time, not an age.
_AFTER_DURATION = {
    "post", "since", "after", "out", "from", "ago", "in", "into", "on", "off",
    "clear", "later", "before", "remission",
}
_MONTHS = {
    name: number for number, names in enumerate([
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
        ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
        ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
        ("december", "dec"),
    ], start=1) for name in names
}
# Words that show a clause is about someone else ("my wife is in her sixties").
# A carer may be asking for the person they look after: one of these, alone.
_CARED_FOR = {
    "he", "she", "his", "her", "him", "wife", "husband", "partner", "mum", "mom",
    "mother", "dad", "father",
}
_RELATIVES = _CARED_FOR - {"he", "she", "his", "her", "him"}
# Groups and peers: talk about them is comparison or a question, never the patient.
_GROUPS = {
    "people", "patients", "those", "someone", "anyone", "everyone", "others", "you",
    "your", "brother", "sister", "son", "daughter", "friend",
}
_OTHERS = _CARED_FOR | _GROUPS
_ME = {"i", "me", "myself"}
_CLAUSE_BREAKS = {",", ".", ";", "!", "?", "and", "but"}


@lru_cache(maxsize=1)
def _matcher() -> Matcher:
    m = Matcher(_nlp().vocab)
    num = {"TEXT": {"REGEX": r"^[0-9]+$"}}
    decade = {"TEXT": {"REGEX": r"^\d0s$"}}
    age_of = [{"LOWER": "the", "OP": "?"}, {"LOWER": "age", "OP": "?"}, {"LOWER": "of", "OP": "?"}]
    tell = {"LOWER": {"IN": ["say", "tell", "share", "give", "answer", "disclose"]}}
    m.add("DECLINE", [
        # not "I'd rather not take tablets": that declines a treatment, not the question
        [{"LOWER": {"IN": ["rather", "prefer"]}}, {"LOWER": "not"}, {"LOWER": "to", "OP": "?"},
         tell],
        [{"LOWER": "do"}, {"LOWER": "n't"}, {"LOWER": {"IN": ["want", "wish", "like"]}},
         {"LOWER": "to"}, tell],
        [{"LOWER": "not"}, {"LOWER": {"IN": ["telling", "saying", "sharing"]}}],
        [{"LOWER": "none"}, {"LOWER": "of"}, {"LOWER": "your"}, {"LOWER": "business"}],
    ])
    date_words = "|".join(["in", "on", "the", "of", "st", "nd", "rd", "th", *_MONTHS])
    date_part = {"TEXT": {"REGEX": rf"^({date_words}|\d{{1,2}}|[/.:,])$"}, "OP": "*"}
    m.add("BORN", [[{"LOWER": {"IN": ["born", "dob"]}}, date_part,
                    {"TEXT": {"REGEX": r"^(\d{4}|(19)?\d0s)$"}}]])
    m.add("DECADE", [[{"LOWER": {"IN": ["early", "mid", "middle", "late"]}, "OP": "?"},
                      {"LOWER": "-", "OP": "?"}, decade]])
    m.add("OVER", [
        [{"LOWER": {"IN": ["over", "above", "older", "past", "beyond"]}},
         {"LOWER": "than", "OP": "?"}, *age_of, num],
        [num, {"LOWER": {"IN": ["or", "and"]}},
         {"LOWER": {"IN": ["over", "above", "older", "more", "up"]}}],
        [num, {"LOWER": {"IN": ["plus"]}}],
        [{"LOWER": "at"}, {"LOWER": "least"}, num],
    ])
    m.add("UNDER", [
        [{"LOWER": {"IN": ["under", "below", "younger", "less"]}},
         {"LOWER": "than", "OP": "?"}, *age_of, num],
        [num, {"LOWER": {"IN": ["or", "and"]}},
         {"LOWER": {"IN": ["under", "below", "younger", "less"]}}],
    ])
    m.add("FUTURE", [
        [{"LOWER": {"IN": ["'ll", "will"]}}, {"LOWER": {"IN": ["be", "turn"]}}, num],
        [{"LOWER": {"IN": ["turning", "nearly", "almost", "nearing", "approaching"]}}, num],
    ])
    m.add("LEAD", [[num, {"LOWER": {"IN": ["years", "year"]}, "OP": "?"},
                    {"LOWER": "old", "OP": "?"},
                    {"LOWER": {"IN": [",", ";", "/", "&", "and", "no", "yes", "had", "never",
                                      "not", "next", "soon", "tomorrow"]}}]])
    # "66F", "F/66", "M 72": a form-style opening.
    sex = {"LOWER": {"IN": ["m", "f", "male", "female"]}}
    sep = {"LOWER": {"IN": ["/", ",", ":"]}, "OP": "?"}
    m.add("SEX", [[sex, sep, num], [num, sep, sex]])
    # "he is 70", "my dad's 70": only ever read for a carer (see _speaks_for_one).
    m.add("THIRD", [[{"LOWER": {"IN": sorted(_CARED_FOR)}}, {"LOWER": {"IN": ["is", "'s"]}},
                     {"LOWER": {"IN": ["just", "about", "around", "now", "only"]}, "OP": "?"},
                     num]])
    m.add("CUED", [
        [{"LOWER": {"IN": _AGE_CUES}},
         {"LOWER": {"IN": ["just", "about", "around", "now", "only"]}, "OP": "?"}, num],
        [{"LOWER": "age"}, {"LOWER": {"IN": ["is", "was"]}}, num],
        [num, {"LOWER": {"IN": ["years", "year"]}}, {"LOWER": {"IN": ["old", "young"]}}],
        [num, {"LOWER": "years"}, {"LOWER": "of"}, {"LOWER": "age"}],
        [{"LOWER": "age"}, {"LOWER": {"IN": [":", "="]}}, num],
    ])
    return m


def _doc(text: str) -> Doc:
    return _nlp()(normalise(text))


# --------------------------------------------------------------------------
# Age
# --------------------------------------------------------------------------
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


def _decade_range(text: str) -> Tuple[int, int]:
    """"late 60s" -> (67, 69); "70s" -> (70, 79)."""
    found = re.search(r"(\d)0s", text)
    assert found, text  # the DECADE pattern only matches "<digit>0s"
    base = int(found.group(1)) * 10
    for word, (low, high) in (("early", (0, 3)), ("mid", (4, 6)), ("late", (7, 9))):
        if word in text:
            return base + low, base + high
    return base, base + 9


def _number(span: Span) -> Token:
    return next(t for t in span if t.is_digit)


def _int(token: Token) -> int:
    """The token's value; any number too long to be an age reads as a million."""
    return int(token.text) if len(token.text) <= 6 else 1_000_000


def _is_age_number(doc: Doc, token: Token) -> bool:
    """False for numbers that measure something else ("39 months", "3 years post"),
    and for groups ("over 65s")."""
    nxt = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    then = doc[token.i + 2].lower_ if token.i + 2 < len(doc) else ""
    if nxt in _NOT_AGE_UNITS or nxt == "s":
        return False
    return not (nxt in ("years", "year") and then in _AFTER_DURATION)


def _next_birthday(doc: Doc, token: Token) -> int:
    """1 when the age is one still to come ("70 next month"), else 0."""
    nxt = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    return 1 if nxt in ("next", "soon", "tomorrow", "shortly") else 0


def _is_other(doc: Doc, token: Token) -> bool:
    """A word for another person; "you" in "thank you" is not one."""
    if token.lower_ not in _OTHERS:
        return False
    return not (token.lower_ == "you" and token.i > 0 and doc[token.i - 1].lower_ == "thank")


def _someone_else_before(doc: Doc) -> List[bool]:
    """For each token, whether its clause so far is about another person
    ("my wife is ..."): one pass, so long messages stay fast."""
    flags, other = [], False
    for token in doc:
        flags.append(other)
        if token.lower_ in _CLAUSE_BREAKS:
            other = False
        elif _is_other(doc, token):
            other = True
    return flags


def _about_others(doc: Doc) -> bool:
    """Other people are mentioned and the speaker never says "I" or "me"."""
    return any(_is_other(doc, t) for t in doc) and not any(t.lower_ in _ME for t in doc)


def _speaks_for_one(doc: Doc) -> bool:
    """A carer writing about the one person they look after ("my dad is 70", "she's 58"):
    no groups or peers, and at most one relative named."""
    others = [t.lower_ for t in doc if _is_other(doc, t)]
    if not others or any(word in _GROUPS for word in others):
        return False
    return len({word for word in others if word in _RELATIVES}) <= 1


_PAST_BEFORE = {"was", "were", "diagnosed", "diagnosis", "dx", "when", "ago", "back"}
_PAST_AFTER = {"when", "diagnosed", "diagnosis", "ago"}


def _in_the_past(doc: Doc, span: Span) -> bool:
    """"diagnosed 5 years ago aged 60", "aged 60 at diagnosis": an age then, not now.
    "I'm"/"I am" always speaks of now ("transplant was 2 years ago i'm 61")."""
    if span[0].lower_ in ("'m", "am", "now"):
        return False
    for token in reversed(doc[max(0, span.start - 30):span.start]):
        if token.lower_ in _CLAUSE_BREAKS or token.lower_ == "now":
            break
        if token.lower_ in _PAST_BEFORE:
            return True
    if any(t.lower_ in ("was", "were") for t in span):
        return True
    for token in doc[span.end:span.end + 30]:
        if token.lower_ in _CLAUSE_BREAKS or token.lower_ == "now":
            break
        if token.lower_ in _PAST_AFTER:
            return True
    return False


_QUESTION_STARTS = {
    "what", "how", "why", "when", "will", "would", "does", "do", "can", "could", "should",
    "is", "are", "which", "who", "and", "for", "any",
}


def _asks_about_groups(doc: Doc) -> bool:
    """"is it different for over 65", "what about over 65s?": a question, no "I"."""
    starts = len(doc) > 0 and doc[0].lower_ in _QUESTION_STARTS
    question = starts or any(t.text == "?" for t in doc)
    return question and not any(t.lower_ in _ME | {"my", "'m"} for t in doc)


def _birth_ages(span: Span, today: dt.date) -> Tuple[int, int]:
    """Youngest and oldest ages that fit a birth date, year or decade ("the 50s")."""
    last = span[-1].text
    if last.endswith("s"):
        first = int(last[:-1]) if len(last) == 5 else 1900 + int(last[:-1])
        return today.year - first - 10, today.year - first
    age = today.year - _int(span[-1])
    months = [_MONTHS[t.lower_] for t in span if t.lower_ in _MONTHS]
    days = [int(t.text) for t in span[:-1] if t.is_digit]
    if not months:  # a year alone, or a numeric date whose day/month order is unclear
        return age - 1, age
    month, day = months[0], (days[0] if days else None)
    if month < today.month or (month == today.month and day is not None and day <= today.day):
        return age, age
    if month > today.month or day is not None:
        return age - 1, age - 1
    return age - 1, age


def _from_birth(doc: Doc, span: Span, today: dt.date) -> Optional[AgeReading]:
    """"born in 1950", "born 3rd December 1961", "born in the fifties"."""
    return _between(*_birth_ages(span, today))


def _between(low: int, high: int) -> AgeReading:
    """The reading for an age known to lie in low..high (from a birth year)."""
    if not (_plausible(low) or _plausible(high)):
        return AgeReading(years=high, problem=AgeProblem.IMPOSSIBLE)
    reading = _group_for_range(low, high)
    years = high if high - low <= 1 else None
    return AgeReading(group=reading.group, years=years, problem=reading.problem)


def _over(doc: Doc, span: Span, today: dt.date) -> Optional[AgeReading]:
    """"over 65", "65+", "at least 70"."""
    token = _number(span)
    n = _int(token)
    if n < facts().thresholds.youngest_adult_age or not _is_age_number(doc, token):
        return None  # "over 2 years ago", "over 18 months"
    inclusive = any(t.lower_ in ("or", "and", "plus", "least") for t in span)
    at_least = n if inclusive else n + 1
    if at_least > facts().thresholds.oldest_plausible_age:
        return AgeReading(problem=AgeProblem.IMPOSSIBLE)
    return _group_for_range(at_least, 200)


def _under(doc: Doc, span: Span, today: dt.date) -> Optional[AgeReading]:
    """"under 65", "younger than 60", "under the age of 65"."""
    token = _number(span)
    n = _int(token)
    if n < facts().thresholds.youngest_adult_age or not _is_age_number(doc, token):
        return None  # "less than 2 years ago"
    inclusive = any(t.lower_ in ("or", "and") for t in span)
    return _group_for_range(0, n if inclusive else n - 1)


def _future(doc: Doc, span: Span, today: dt.date) -> Optional[AgeReading]:
    """"I'll be 65 next month", "turning 70", "nearly 70": a year younger today."""
    token = _number(span)
    return _exact(_int(token) - 1) if _is_age_number(doc, token) else None


def _cued(doc: Doc, span: Span, today: dt.date) -> Optional[AgeReading]:
    """"I'm 72", "aged 55", "68 years old", "I meant 58", "I'm 70 next month"."""
    token = _number(span)
    if not _is_age_number(doc, token):
        return None
    return _exact(_int(token) - _next_birthday(doc, token))


def _lead(doc: Doc, span: Span, today: dt.date) -> Optional[AgeReading]:
    """"58, no transplant", "66F": a plausible age opening a longer message."""
    token = _number(span)
    n = _int(token) - _next_birthday(doc, token)
    return _exact(n) if span.start == 0 and _plausible(n) else None


def _decade(doc: Doc, span: Span, today: dt.date) -> Optional[AgeReading]:
    """"in my late sixties", "70s"."""
    return _group_for_range(*_decade_range(span.text))


# Most reliable first: an exact age beats a birth year, which beats a range.
_READERS = (
    ("CUED", _cued), ("THIRD", _cued), ("SEX", _lead), ("BORN", _from_birth),
    ("FUTURE", _future), ("OVER", _over), ("UNDER", _under), ("LEAD", _lead),
    ("DECADE", _decade),
)
_GROUP_READERS = {"OVER", "UNDER", "DECADE"}


def _spans(doc: Doc, *, others: bool = False) -> Dict[str, List[Span]]:
    """Matched spans by label, leftmost and longest first; those about someone
    else only when ``others``."""
    found: Dict[str, List[Span]] = {}
    someone_else = _someone_else_before(doc)
    for match_id, start, end in sorted(_matcher()(doc), key=lambda m: (m[1], -m[2])):
        label = _nlp().vocab.strings[match_id]
        if others or (label != "THIRD" and not someone_else[start]):
            found.setdefault(label, []).append(doc[start:end])
    return found


def _age_readings(doc: Doc, today: dt.date, *, others: bool, expecting: bool) -> List[AgeReading]:
    """Every age reading in the message, most reliable first."""
    spans = _spans(doc, others=others)
    group_question = _asks_about_groups(doc)
    readings = []
    for label, reader in _READERS:
        if label in _GROUP_READERS and group_question:
            continue  # "what about over 65s?" asks about a group
        for span in spans.get(label, []):
            reading = reader(doc, span, today)
            if reading is None:
                continue
            if label != "BORN" and _in_the_past(doc, span) and \
                    reading.group is not AgeGroup.AGE_65_OR_OVER:
                continue  # 60 when diagnosed says nothing about now; 70 then is 65+ now
            readings.append(reading)
    bare = _bare_number(doc)
    if bare is not None and bare < 1000:
        readings.append(_exact(bare))
    elif bare is not None and expecting:  # just asked: "1958" is a birth year, "999999" no age
        is_year = 1800 <= bare <= today.year
        readings.append(_between(today.year - bare - 1, today.year - bare) if is_year
                        else _exact(bare))
    return readings


def read_age(text: str, *, expecting: bool = False,
             today: Optional[dt.date] = None) -> Optional[AgeReading]:
    """Read an age group from a message, or None if it says nothing about age.

    The most reliable clear reading wins; a problem (impossible, ambiguous) is
    reported only when nothing clearer was said. ``expecting`` is True when
    the bot has just asked for the age: then a bare "no thanks" or "skip"
    counts as declining, and a carer's "he is 70" answers for the patient.
    """
    doc = _doc(text)
    today = today or dt.date.today()
    readings = _age_readings(doc, today, others=False, expecting=expecting)
    if not readings and _carer_profile(doc, expecting, lambda: _mentions_transplant(doc.text)):
        readings = _age_readings(doc, today, others=True, expecting=expecting)
    if readings:
        return next((r for r in readings if r.problem is None), readings[0])
    if "DECLINE" in _spans(doc) or (expecting and _is_refusal(doc)):
        return AgeReading(group=AgeGroup.NOT_GIVEN)
    return None


def _carer_profile(doc: Doc, expecting: bool, other_fact: Callable[[], bool]) -> bool:
    """Whether a message about one other person describes the patient: a carer
    answering the question just asked, or giving both age and transplant."""
    return _speaks_for_one(doc) and (expecting or other_fact())


_FILLER = {
    "i", "'m", "am", "i'm", "my", "age", "is", "years", "old", "about", "around",
    "roughly", "just", "now", "aged", ".", "!", ",", "ish", "approx", "approximately",
    "it", "'s", "yes", "well", "oh", "so", "um", "er",
    # hedges and corrections: "58 I think", "sorry, I meant 58", "no wait, 63"
    "think", "guess", "reckon", "'d", "say", "actually", "sorry", "oops", "wait",
    "meant", "mean", "no", "correction",
}


def _bare_number(doc: Doc) -> Optional[int]:
    """A message that is only a number, give or take filler ("about 58 years")."""
    content = [t for t in doc if t.lower_ not in _FILLER]
    if len(content) == 1 and content[0].is_digit:
        return _int(content[0])
    return None


# Said just after the age question, these decline it ("skip", "I'd rather not").
_REFUSALS = {
    "no", "nope", "nah", "dunno", "decline", "private", "secret", "skip", "pass",
    "rather", "prefer", "not",
}


def _is_refusal(doc: Doc) -> bool:
    """"no thanks", "skip", "I'd rather not": a refusal word, give or take politeness.
    "thank you" alone is not one."""
    words = {t.lower_ for t in doc if t.is_alpha}
    return bool(words & _REFUSALS) and words <= _REFUSALS | _POLITE


_POLITE = {"thanks", "thank", "you", "i", "would"}


# --------------------------------------------------------------------------
# Transplant
# --------------------------------------------------------------------------
# Transplants of an organ or tissue, not of blood stem cells: never this trial's question.
_OTHER_GRAFT = re.compile(
    r"\b(?:kidney|renal|liver|heart|lung|cornea|corneal|organ|pancreas|skin|hair|bowel|"
    r"face|hand|dental|fat)s? transplant\w*"
)
_MENTION = re.compile(
    r"\b(transplant\w*|asct|autograft|auto graft|stem cell rescue|"
    r"stem cells? (?:were |was |are |is |will be )?(?:being )?(?:harvested|collected|taken)|"
    r"stem cells? (?:harvest|collection)|"
    r"(?:harvested|collected) my stem cells?|high dose (?:chemo|melphalan)\w*)"
)
_GIVEN_BACK = re.compile(
    r"(?:cells?.{0,40}(?:harvested|collected|taken out|removed)|"
    r"(?:harvested|collected|took out|removed) (?:my |the )?(?:stem )?cells?).{0,40}"
    r"(?:given back|gave (?:them |it )?back|put (?:them |it )?back|returned|back in|"
    r"reinfused|re infused)"
)
# "collected but not given back": stored for a transplant still to come.
_NOT_GIVEN_BACK = re.compile(
    r"(?:\bnot|n't|\bnever|\byet to be)(?: yet)?(?: been)? (?:given|put) (?:them |it )?back\b"
)
# A harvest on its own: the transplant may or may not have followed.
_HARVEST = re.compile(r"\b(harvest\w*|collect\w*|stem cells? (?:were |was )?taken)\b")
_TRANSPLANT_WORD = re.compile(r"\b(transplant\w*|asct|autograft|auto graft|rescue|high dose)\b")
_NOT_SURE = re.compile(
    r"\b(not sure|unsure|don't know|do not know|dunno|no idea|can't remember|"
    r"cannot remember|don't remember|not certain|forgot|(?:rather|prefer) not (?:to )?say|"
    r"don't understand|what(?: is|'s) (?:a |an )?(?:\w+ ){0,3}(?:transplant|asct)|maybe|"
    r"possibly|i think so|i believe so|don't think|do not think|not that i (?:know|remember)|"
    r"i doubt)\b"
)
# Myeloma XI was about people's own cells; a donor (allogeneic) transplant is another thing.
_ALLO = re.compile(r"\b(allo(?:geneic|genic|graft)?|donor|donated)\b")
_AUTO = re.compile(r"\b(auto\w*|own (?:stem )?cells?)\b")
# "transplant: no" in a form-style message.
_LABELLED = re.compile(r"\b(?:transplant|asct)\s*[:=]\s*(yes|y|no|n|none|nil|never)\b")
_CANCELLED_WORDS = r"cancelled|canceled|called off|(?:didn't|did not|never) happen(?:ed)?"
_CANCELLED = re.compile(rf"\b({_CANCELLED_WORDS}|fell through)\b")
_REBOOKED = re.compile(r"\b(rescheduled|rebooked|re booked|new date)\b")
_PLANNED = re.compile(
    r"\b(planned|planning|plan to|plan is|going to have|gonna have|due to have|due one|"
    r"due a|waiting for|waiting on|on the waiting list|on the list|booked|scheduled|"
    r"will have|will be having|about to have|postponed|delayed|rescheduled|"
    r"having (?:one|it|my transplant|a transplant) "
    r"(?:soon|next|tomorrow)|getting (?:one|it) soon|coming up|next month|next week|soon|"
    r"tomorrow|next year)\b"
)
# Unfit words (_UNFIT below) are checked beside this, not repeated in it.
_COULD_NOT = re.compile(
    r"\b(not fit|not well enough|not eligible|not suitable|not a candidate|not a good candidate|"
    r"couldn't have|could not have|can't have|cannot have|could not get|couldn't get|"
    r"wasn't offered|was not offered|not offered|never offered|"
    r"wasn't possible|not possible|not an option|"
    r"(?:wasn't|isn't) an option|(?:didn't|did not|never) offer|" + _CANCELLED_WORDS + r"|"
    r"said no|advised against|wasn't allowed|not allowed|not for me)\b"
)
# The patient's own choice: the trial reported no group like this.
_CHOSE_NOT = re.compile(
    r"\b((?:rather|prefer) not (?:to )?have|(?:chose|choose|decided|opted) not to|opted out|"
    r"(?:didn't|did not) want|don't want (?:one|a|an|it|the|to have)|decided against|"
    r"turned (?:it |one |them )?down|declined|refused|my (?:own )?choice|my decision)\b"
)
# "No" with no reason: could not, chose not to, or not yet? One follow-up asks.
_NOT_HAD = re.compile(
    r"\b(never had|haven't had|have not had|hasn't had|didn't have|did not have|didn't get|"
    r"did not get|not had|no transplant|no stem cell transplant|"
    r"no (?:bone marrow|autologous) transplant|no (?:asct|autograft)|"
    r"not (?:a |any |the )?(?:transplant|asct)|without (?:a |any )?transplant)\b"
)
# Stem cells being collected now or soon: a transplant is on its way.
_HARVEST_UNDERWAY = re.compile(
    r"\b(?:having|getting|going to have|about to have|will have|due to have|booked in for)\s+"
    r"(?:my |the |our )?(?:stem )?cells? (?:collected|harvested|taken)|"
    r"\bstem cells? (?:are|is|will be) (?:being )?(?:collected|harvested)|"
    r"\b(?:being|getting) (?:collected|harvested)\b|"
    r"\b(?:harvest|collection) (?:is |was )?(?:booked|planned|next|this|due|soon|starts)"
)
_NEGATED_FIT = re.compile(
    r"(?:\bnot|n't|\bnever)(?:\s+\w+){0,2}\s+(?:eligible|fit|suitable|a candidate|offered|"
    r"possible|allowed|well enough|strong enough|healthy enough|good enough)\b"
)
# Fit for a transplant, not yet had one: the transplant group is the one to show.
_FIT = re.compile(
    r"\b(fit|eligible|suitable|a candidate|well enough|strong enough|healthy enough)\b"
    r".{0,25}\b(transplant\w*|one|asct)\b"
)
_BARE_NO = re.compile(r"^\W*(no|nope|nah|never|i didn't|i haven't|i have not|i did not)\b")
# "I'm 80 so no": the reason (age, health) comes before the no.
_SO_NO = re.compile(r"\bso no\W*$")
# "Not yet" expects a transplant to come, unless the patient is not fit for one.
_NOT_YET = re.compile(r"\b(not yet|yet to (?:have|get))\b|(?:n't|\bnot) had\b.{0,30}\byet\b")
_UNFIT = re.compile(
    r"\b(unfit|too (?:old|frail|ill|weak|sick|unwell|poorly)|ineligible|unsuitable|ruled out)\b"
)
# "had one", "got a stem cell transplant"; not "haven't had" / "never had" / "had chemo".
_HAD_ONE = re.compile(
    r"(?<!n't )(?<!not )(?<!never )\b(?:had|'ve had|got|received|underwent)\s+"
    r"(?:(?:a|an|my|the|high|dose|stem|cell|cells|bone|marrow|autologous|auto)\s+)*"
    r"(?:one|it|transplant\w*|asct|autograft)\b"
)
_HAD = re.compile(
    r"\b(had|have had|i've had|'ve had|got|received|underwent|went through|did have|"
    r"after my|since my|post|following my|my transplant|my stem cell|my asct|"
    r"autograft|transplanted)\b"
)
# "since my transplant", "post transplant": it happened, whatever else went wrong since.
_AFTER_MINE = re.compile(
    r"\b(?:after|since|following) my (?:\w+ ){0,3}?(?:transplant\w*|asct)\b"
    r"|\bpost (?:transplant|asct)\b"
)
# What "had" must be about when the bot asked: "I had chemo" does not answer.
_HAD_OBJECT = re.compile(r"\b(one|it|that|transplant\w*|asct|autograft|stem cells?|marrow)\b")
_BARE_YES = re.compile(
    r"^\W*(yes|yeah|yep|yup|yes i have|i have|i did|correct|done|i've had one)\b")
# A noun phrase alone reports one only with a time it happened ("ASCT 2019").
_PAST_TIME = re.compile(r"\b((?:19|20)\d\d|ago|last|previously|already|done)\b")
# "if you've had a transplant, does it help?" supposes; it does not report.
_HYPOTHETICAL = re.compile(
    r"\b(if|whether) (?:i|you|you've|i've|someone|one) (?:had|have|get|got)\b"
)
_FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'd|i'll|me|myself)\b")
# Phrases that settle the question even when the bot did not just ask it.
_STANDALONE_COULD_NOT = re.compile(
    r"\b(not fit|unfit|fit|too old|too frail|too sick|too unwell|too poorly|eligible|"
    r"ineligible|suitable|unsuitable)\b"
    r".{0,25}\b(transplant|one|asct)\b"
)


def _mentions_transplant(norm: str) -> bool:
    """Whether normalised text talks about a stem cell transplant at all."""
    norm = _OTHER_GRAFT.sub("organ graft", norm)
    return bool(_MENTION.search(norm) or _GIVEN_BACK.search(norm)
                or _STANDALONE_COULD_NOT.search(norm))


def read_transplant(text: str, *, expecting: bool = False) -> Optional[Transplant]:
    """Read the patient's transplant history from a message, or None if it says nothing.

    Without ``expecting`` (the bot did not just ask) the message must mention
    a transplant; with it, "yes", "no", "too old for one" are enough. Messages
    about other people, and questions, tell us nothing about the patient,
    except a carer's about the one person they ask for (see _carer_profile).
    """
    doc = _doc(text)
    norm = _OTHER_GRAFT.sub("organ graft", doc.text)
    mentioned = _mentions_transplant(norm)
    if not (mentioned or expecting):
        return None
    if _about_others(doc) and not _carer_profile(doc, expecting, lambda: bool(
            _age_readings(doc, dt.date.today(), others=True, expecting=False))):
        return None
    if _asks(norm):
        # Just asked, "what is a transplant?" means the patient cannot say yet.
        return Transplant.NOT_SURE if expecting and _NOT_SURE.search(norm) else None
    if _HYPOTHETICAL.search(norm) and not _NOT_SURE.search(norm):
        return None
    found = _classify(norm, mentioned, expecting)
    if found is None and expecting and \
            read_age(text, expecting=True) == AgeReading(group=AgeGroup.NOT_GIVEN):
        return Transplant.NOT_SURE
    return found


def _classify(norm: str, mentioned: bool, expecting: bool) -> Optional[Transplant]:
    """The answer a statement gives, checked from the most to the least specific.

    A wrong HAD shows the transplant group's figures, so anything unclear
    falls through to None (unanswered) or NOT_SURE rather than HAD.
    """
    unfit = bool(_UNFIT.search(norm) or _NEGATED_FIT.search(norm))
    had_one = bool(_HAD_ONE.search(norm))
    if _NOT_GIVEN_BACK.search(norm):
        return Transplant.PLANNED
    if _GIVEN_BACK.search(norm):
        return Transplant.HAD
    if _NOT_SURE.search(norm) or (_ALLO.search(norm) and not _AUTO.search(norm)):
        return Transplant.NOT_SURE
    labelled = _LABELLED.search(norm)
    if labelled:
        return Transplant.HAD if labelled.group(1) in ("yes", "y") else Transplant.NOT_HAD
    if _CANCELLED.search(norm) and not _REBOOKED.search(norm):
        return Transplant.COULD_NOT
    if not had_one and (_PLANNED.search(norm) or _HARVEST_UNDERWAY.search(norm)
                        or (_NOT_YET.search(norm) and not unfit)):
        return Transplant.PLANNED
    if _AFTER_MINE.search(norm):  # "I haven't had problems since my transplant"
        return Transplant.HAD
    if _COULD_NOT.search(norm) or unfit or _SO_NO.search(norm):
        return Transplant.COULD_NOT
    if _CHOSE_NOT.search(norm):
        return Transplant.CHOSE_NOT
    if _NOT_HAD.search(norm):
        return Transplant.NOT_HAD
    if _FIT.search(norm) and not had_one:
        return Transplant.PLANNED
    if _HARVEST.search(norm) and not _TRANSPLANT_WORD.search(norm):
        return Transplant.NOT_SURE
    if mentioned and _HAD.search(norm):
        return Transplant.HAD
    if expecting and _BARE_NO.search(norm):
        return Transplant.NOT_HAD
    if expecting and (_BARE_YES.search(norm) or (_HAD.search(norm) and _HAD_OBJECT.search(norm))):
        return Transplant.HAD
    if mentioned and not _is_question(norm) and _PAST_TIME.search(norm) and \
            re.search(r"\b(transplant\w*|asct)\b", norm):
        # A bare noun phrase with a time ("autologous transplant last year") reports one.
        return Transplant.HAD
    return None


def _asks(norm: str) -> bool:
    """A question that says nothing about the patient ("will a transplant help?").
    Only the clauses that mention a transplant count: "he decided against a
    transplant. what would it do for him?" and "had her transplant in 2022, will
    it help her?" report, then ask."""
    pieces = [piece for clause in re.findall(r"[^.?!,;]+[.?!,;]*", norm)
              for piece in _QUESTION_START.split(clause)]
    clauses = [c for c in pieces if _mentions_transplant(c)]
    return all(_asks_in(clause.strip()) for clause in clauses or [norm])


# Where a question starts inside a clause: "... has been offered it - will it help her?"
_QUESTION_START = re.compile(
    r"\s(?=(?:will|would|does|do|can|could|should|what|how|why|which)\b)")


def _asks_in(clause: str) -> bool:
    question = clause.endswith("?") or re.match(
        r"^(what|what's|whats|how|why|which|who|when|will|would|does|do|can|could|should|is|"
        r"are)\b", clause)
    return bool(question) and not _FIRST_PERSON.search(clause)


def _is_question(norm: str) -> bool:
    return "?" in norm or bool(re.match(
        r"^(what|how|why|when|will|would|does|do|can|could|should|is|are|which|who)\b", norm))


# "actually I did have one", "sorry, I never had one": a correction about a transplant.
_CORRECTS_TRANSPLANT = re.compile(
    r"^\W*(?:actually|sorry|oops|wait|no wait|correction|i meant|my mistake)\b.*"
    r"\b(?:had|have|did|didn't|never)\b.*\b(?:one|it|transplant\w*|asct)\b"
)


# "I'm asking for my dad": the speaker only introduces the person they ask for.
_ASKING_FOR = re.compile(
    r"\b(?:i'm|i am) (?:asking|writing|here|messaging|enquiring) (?:for|about|on behalf of)\b|"
    r"\bi (?:care for|look after)\b|\bon behalf of\b"
)


SOMEONE = "them"  # a carer's person named only by "he" or "she"


def someone_else(text: str) -> Optional[str]:
    """Who a carer's message is about ("wife", "dad", or "them"), or None when
    the speaker writes about themselves or about several people."""
    return _someone_else_in(normalise(text))


def _someone_else_in(norm: str) -> Optional[str]:
    doc = _nlp()(_ASKING_FOR.sub(" ", norm))
    if not (_about_others(doc) and _speaks_for_one(doc)):
        return None
    return next((t.lower_ for t in doc if t.lower_ in _RELATIVES), SOMEONE)


def read_profile(
    text: str, *, expecting: Optional[str] = None, today: Optional[dt.date] = None
) -> ProfileReading:
    """Both readings from one message; ``expecting`` is the slot just asked for.
    A correction ("actually I did have one") answers the transplant question
    again, as if it had just been asked."""
    norm = normalise(text)
    correcting = bool(_CORRECTS_TRANSPLANT.search(norm))
    transplant = read_transplant(text, expecting=expecting == "transplant" or correcting)
    age = read_age(text, expecting=expecting == "age_group", today=today)
    if transplant is not None and expecting != "age_group" and age is not None \
            and age.group is AgeGroup.NOT_GIVEN and age.years is None:
        # "rather not say" answers the question that was asked, not both.
        age = None
    about = _someone_else_in(norm) if (age or transplant) else None
    return ProfileReading(age=age, transplant=transplant, about=about)
