"""Patients' spelling, made regular before any rule reads it.

Lower case, common misspellings mended, number words turned into digits
("sixty seven" -> "67", "seventies" -> "70s"), other scripts' digits as
ASCII. The output is words and marks separated by single spaces, which the
rules (and the single spaCy parse) rely on.

``normalise`` is the one entry point: a mapping of patients' own words
(brand names, abbreviations) can later be called first, here.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache
from typing import Dict, FrozenSet, Iterable, Pattern, Tuple

from bot.profile.loader import words
from bot.vocabulary import canonical

# "my dads 64", "our mums not able to": a relative's "'s" written without its apostrophe.
_RELATIVES_AGE = re.compile(
    r"\b((?:my|our) (?:dad|mum|mom|mam|husband|hubby|wife|brother|sister|son|daughter|partner|"
    r"father|mother|nan|gran|grandad|granddad|grandma|grandpa|uncle|aunt|auntie|friend))s "
    r"(\d{2}\b|not\b|never\b|just\b|only\b|already\b)")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+|[^\sa-z\d]")


class _Numbers:
    """The number words and the regexes built from them, made once."""

    def __init__(self) -> None:
        numbers, spelling = words().numbers, words().spelling
        self.units: Dict[str, int] = {str(w): n for w, n in numbers.units.items()}
        self.tens: Dict[str, int] = {str(w): n for w, n in numbers.tens.items()}
        self.decades: Dict[str, int] = {str(w): n for w, n in numbers.decades.items()}
        self.mends: Dict[str, str] = {str(w): str(m) for w, m in spelling.mends.items()}
        self.keep: FrozenSet[str] = frozenset(spelling.keep)
        self.fuzzy: Tuple[str, ...] = (*self.units, *self.tens, *self.decades,
                                       *spelling.fuzzy)
        tens = _alternatives(self.tens)
        digit_units = _alternatives(w for w, n in self.units.items() if 1 <= n <= 9)
        all_units = _alternatives(self.units)
        self.joined: Pattern[str] = re.compile(f"^({tens})({digit_units})$")
        self.half: Pattern[str] = re.compile(
            rf"\b(\d{{1,3}}|(?:{tens})(?:[\s-]+\w+)?)\s+and\s+"
            r"(?:a half|a quarter|three quarters|a bit)\b")
        self.tens_units: Pattern[str] = re.compile(rf"\b({tens})\s+({digit_units})\b")
        self.tens_something: Pattern[str] = re.compile(rf"\b({tens})\s*something\b")
        self.tens_alone: Pattern[str] = re.compile(rf"\b({tens})\b")
        self.decade: Pattern[str] = re.compile(rf"\b({_alternatives(self.decades)})\b")
        cues = _alternatives(numbers.unit_cues)
        self.cued_unit: Pattern[str] = re.compile(rf"\b({cues})\s+({all_units})\b")
        self.unit_alone: Pattern[str] = re.compile(f"^({all_units})$")


def _alternatives(names: Iterable[str]) -> str:
    return "|".join(names)


@lru_cache(maxsize=1)
def _numbers() -> _Numbers:
    return _Numbers()


def _mend_word(word: str) -> str:
    n = _numbers()
    if word in n.mends:
        return n.mends[word]
    stem, _, rest = word.partition("'")
    if rest and stem in n.mends:  # "hubby's 67" -> "husband's 67"
        return f"{n.mends[stem]}'{rest}"
    joined = n.joined.match(word)
    if joined:  # "sixtyfive" -> "sixty five"
        return f"{joined.group(1)} {joined.group(2)}"
    if len(word) < 5 or not word.isalpha() or word in n.fuzzy or _is_common(word):
        return word
    close = difflib.get_close_matches(word, n.fuzzy, n=1, cutoff=0.84)
    return close[0] if close else word


@lru_cache(maxsize=1)
def _stop_words() -> FrozenSet[str]:
    """spaCy's English stop words, imported when first needed (spaCy is slow to load)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _is_common(word: str) -> bool:
    """An ordinary word that fuzzy matching must leave alone ("there", not "three")."""
    return word in _stop_words() or word in _numbers().keep


def _plain_digits(text: str) -> str:
    """Other scripts' digits as ASCII ("٣٤" -> "34"); "²", "①", "½" dropped, not numbers."""
    if text.isascii():
        return text
    return "".join(
        str(unicodedata.decimal(c)) if c.isdecimal() else " " if c.isnumeric() else c
        for c in text
    )


def normalise(text: str) -> str:
    """Patients' words made canonical (bot.vocabulary: "SCT", "my auto" -> "stem cell
    transplant"), then lower-case, mend spelling, and turn number words into digits."""
    text = _plain_digits(canonical(text)).lower().replace("\u2019", "'").replace("\u2018", "'")
    # Part years round down: "64.5", "64 3/4", "64 and a half" are all 64.
    text = re.sub(r"(?<![\d.])(\d{1,3})\.\d+(?![.\d])", r"\1", text)
    text = re.sub(r"\b(\d{1,3})\s+(?:and\s+)?\d\s*/\s*\d\b(?!\s*/)", r"\1", text)
    text = _numbers().half.sub(r"\1", text)
    text = re.sub(r"(\d)\s*\+", r"\1 or over", text)  # "65+" -> "65 or over"
    text = re.sub(r"(?<!\d)(\d+)'?s\b", r"\1s", text)  # "60's" -> "60s"
    text = re.sub(r"\b(\d{2})\s*(yo|y/o|yrs?)\b", r"\1 years old", text)
    text = text.replace("-", " ")
    text = _RELATIVES_AGE.sub(r"\1's \2", text)  # "my dads 64" -> "my dad's 64"
    mended = [_mend_word(w) for w in _WORD.findall(text)]
    return _words_to_digits(" ".join(mended))


def _words_to_digits(text: str) -> str:
    n = _numbers()
    text = n.tens_units.sub(lambda m: str(n.tens[m.group(1)] + n.units[m.group(2)]), text)
    text = n.tens_something.sub(lambda m: f"{n.tens[m.group(1)]}s", text)
    text = n.tens_alone.sub(lambda m: str(n.tens[m.group(1)]), text)
    text = n.decade.sub(lambda m: f"{n.decades[m.group(1)]}s", text)
    # Units only become digits when they could be an age on their own
    # ("I'm seven"), never inside "had one", "no one".
    text = n.cued_unit.sub(lambda m: f"{m.group(1)} {n.units[m.group(2)]}", text)
    text = n.unit_alone.sub(lambda m: str(n.units[m.group(1)]), text)
    return re.sub(r"\b((?:\d\d)?\d0)\s+s\b", r"\1s", text)
