"""A message, sentence by sentence, and a sentence, clause by clause.

People tell stories: "my calf has been sore since the coach trip. now its worse
today. can i still fly on my tablets?". Safety and topics are read per sentence,
so a question at the end does not make a symptom at the start look like a
general question, and a "no" in one clause does not cancel another's symptom.

spaCy's rule-based sentencizer splits on . ! ? (keeping "38.5" whole); line
breaks also end a sentence, which it leaves inside one. Chosen by measurement
against pysbd on long messages (docs/understanding.md): as good on patients'
run-on messages, and already installed with spaCy.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import List

import spacy
from spacy.language import Language

_LINE_BREAKS = re.compile(r"\s*\n+\s*")
# Where a clause ends inside a sentence: a comma-like mark, a dash between
# spaces, or "but" / "and" / "so" / "though" between words.
_JOINERS = r"(?:but|and|so|though|although|because)"
_CLAUSE_BREAKS = re.compile(
    rf"\s*(?:(?:[,;:()]|\s[\u2013\u2014-]\s)\s*)+(?:{_JOINERS}\s+)?|\s+{_JOINERS}\s+")


@lru_cache(maxsize=1)
def _splitter() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def sentences(text: str) -> List[str]:
    """The message's sentences, stripped, in order (none for an empty message)."""
    found: List[str] = []
    for paragraph in _LINE_BREAKS.split(text.strip()):
        if not paragraph:
            continue
        found.extend(s.text.strip() for s in _splitter()(paragraph).sents if s.text.strip())
    return found


# A story: at least two sentences and this many words, or twice as many words.
STORY_WORDS = 20


def is_story(text: str) -> bool:
    """Whether a message tells a story rather than asks one thing: it is read
    for its concerns, and one that asks nothing gets the trial in brief first."""
    words = len(text.split())
    return words >= 2 * STORY_WORDS or (words >= STORY_WORDS and len(sentences(text)) >= 2)


def clauses(sentence: str) -> List[str]:
    """A sentence cut at commas and at "but", "and", "so" between words."""
    return [c for c in _CLAUSE_BREAKS.split(sentence) if c and c.strip()]


def last_clause(before: str) -> str:
    """The clause that ``before`` ends in ("" when it ends at a break): what
    can negate or suppose the words that follow it."""
    return _CLAUSE_BREAKS.split(before)[-1]


def clause_around(text: str, start: int, end: int) -> str:
    """The clause of ``text`` that holds the span ``start:end``."""
    before = [m.end() for m in _CLAUSE_BREAKS.finditer(text, 0, start)]
    after = _CLAUSE_BREAKS.search(text, end)
    return text[before[-1] if before else 0:after.start() if after else len(text)]


_ASKS = re.compile(
    r"\?\s*$|^\s*((anyway|anyways|so|ok|okay|and|but|also|btw|right|well|oh|lol)\b[,.]?\s+)*"
    r"(what|what's|whats|how|why|when|where|who|which|is|are|am|can|could|does|do|"
    r"did|will|would|should|shall|may|has|have|tell me|explain)\b|"
    r"\b(i wonder|wondering|i'd like to know|i would like to know|any (advice|thoughts|ideas)|"
    r"does anyone know|can anyone|should i|should we|do i|do we|please (explain|tell|help|"
    r"advise|let (me|us) know)|(want|wanted|wanting|like|meant) to ask|my question is|"
    r"how (many|much|long|likely)|what are the (chances|odds))\b", re.IGNORECASE)


_WORRIES = re.compile(
    r"\b(i'?m|i am|we'?re|we are|i|we|am|is|are)\b.{0,20}\b(worried|worrying|scared|afraid|"
    r"frightened|terrified|anxious|concerned|fearful)\b|\b(my|our|the) (biggest |main |real )?"
    r"(worry|worries|fear|fears|concern|concerns) (is|are|was)\b|"
    # told without its "I": "Money woes... still worrying over where the money is coming from"
    r"(^|[,;:…]\s*)(still |really |so |very )?(worried|worrying|scared|afraid|frightened|"
    r"terrified|anxious)\b|"
    r"\b(can't|cannot|can not|couldn't|struggl\w* to) afford\b|"
    r"\b(is|was|are|were) (a|an|an absolute|a complete|a total|such a) (nightmare|worry)\b",
    re.IGNORECASE)


def worries(sentence: str) -> bool:
    """Whether a sentence voices a worry ("I'm scared now that I could get a
    leukaemia"): in a story that asks nothing, it is what the person wants met."""
    return bool(_WORRIES.search(sentence))


def asks(sentence: str) -> bool:
    """Whether a sentence asks something: an opening question word, a question
    mark at its end, or "I wonder", "should we", "any advice" inside it."""
    return bool(_ASKS.search(sentence))


def asks_anything(text: str) -> bool:
    """Whether any sentence of a message asks something (``asks``)."""
    return any(asks(sentence) for sentence in sentences(text))
