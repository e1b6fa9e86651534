"""Short questions about the bot's last answer.

"so is that a yes?", "yes or no?", "so it does help then?", "i dont understand",
"just the worst one", "in years?": on their own they name no topic, so the
classifier takes them for a yes, or falls back. Read beside what the bot has just
said, each has a plain answer (bot.answers.last_answer_parts): the direct
sentence (yes / no / it depends) before any figure, the gist in plain words, the
main harms, or the figures' time frame, never the same block of figures again.
This module reads; bot.answers says.
"""
from __future__ import annotations

import re
from enum import Enum
from typing import List, Mapping, Optional, Sequence

# Longer messages say more than that: they are read as questions of their own.
MAX_WORDS = 12


class Asked(Enum):
    YES_OR_NO = "yes_or_no"  # "so is that a yes?", "so no extra time then?"
    PLAINER = "plainer"  # "i dont understand", "can you say that more simply"
    WORST = "worst"  # "just the worst one", "which is the most serious"
    TIME = "time"  # "in months?", "how many years is that?"
    WHY_TAKE_IT = "why_take_it"  # "so why would they take it then?"


class Said(Enum):
    """What the bot's last answer was about, as far as a question about it needs."""
    SURVIVAL = "survival"
    REMISSION = "remission"
    HARMS = "harms"
    DURATION = "duration"  # how long people take it
    CHOICE = "choice"  # "I can't tell you whether to take lenalidomide"


_SO = r"^(?:(?:so|ok|okay|right|sorry|but|and|hmm+|um+)[ ,.]+)*"
_FORMS = {
    Asked.YES_OR_NO: re.compile(
        _SO + r"(?:(?:is|was) (?:that|it)|that'?s|thats) (?:a )?(?:yes|no)\b|"
        r"\b(?:a )?yes or (?:a )?no\b|" +
        _SO + r"(?:yes|no) then\b|" +
        _SO + r"(?:it )?(?:does|doesn'?t|does not|did|didn'?t|won'?t|will|wont) (?:it )?"
        r"(?:help|work)\b(?:.{0,20})?\b(?:then|or not)\b|" +
        _SO + r"(?:it )?(?:does|doesn'?t|does not|won'?t|wont) (?:help|work) then\b|" +
        _SO + r"(?:no|not any|no real|not much) (?:extra|more) (?:time|years|life)\b|"
        r"\b(?:does|did|will) it (?:help|work) or not\b|"
        r"\bdoes it or (?:doesn'?t|does not|not) it\b"),
    Asked.PLAINER: re.compile(
        _SO + r"(?:i )?(?:do not|don'?t|dont|didn'?t|didnt) (?:understand|get (?:it|that|this)|"
        r"follow)(?: (?:that|this|it|any of (?:that|this)|what you (?:said|mean)))?[ .!?]*$|"
        r"\b(?:say|explain|put) (?:that|it|this)(?: again)? (?:more )?(?:simply|simpler|"
        r"in (?:plain|simple|easy|normal) (?:english|words|terms))\b|"
        r"\b(?:that|this|it) in (?:plain|simple|easy|normal) (?:english|words|terms)\b|"
        r"\byou(?:'ve| have)? lost me\b|\btoo (?:many numbers|complicated|much jargon)\b|"
        r"^what does (?:that|all that|all this|this) mean[ .!?]*$|"
        r"^(?:in )?(?:plain|simple) (?:english|words)(?: please)?[ .!?]*$|" +
        _SO + r"(?:is|are) (?:that|those|these|it) (?:good|bad|a lot|much|high|low|big|small)"
        r"(?: or (?:bad|good|not))?[ .!?]*$"),
    Asked.WORST: re.compile(
        _SO + r"(?:just |only )?(?:the |which (?:one )?is (?:the )?|what'?s (?:the )?|whats "
        r"(?:the )?|what is (?:the )?)(?:worst|worse|most serious|biggest|main|most common)"
        r"(?: one| ones| side effects?| risks?| harms?| problems?| thing)?[ .!?]*$"),
    Asked.WHY_TAKE_IT: re.compile(
        _SO + r"why (?:would|do|does|should|did) (?:they|anyone|people|you|i|he|she|someone) "
        r"(?:take|bother with|have|be on) (?:it|that|this|lenalidomide|maintenance)"
        r"(?: then| at all)?[ .!?]*$|" + _SO + r"what'?s the point (?:then|of it then)[ .!?]*$"),
    Asked.TIME: re.compile(
        _SO + r"(?:what'?s (?:that |this )?|whats (?:that )?|what is (?:that )?)?"
        r"in (?:months|years)[ .!?]*$|"
        r"\bhow many (?:years|months) is (?:that|this|it)\b|"
        r"^(?:and )?(?:is that|are those|is it) (?:in )?(?:months|years)[ .!?]*$"),
}


def asked_about_it(text: str) -> Optional[Asked]:
    """What a short message asks about the last answer, if it is such a question."""
    words = text.strip().lower().replace("\u2019", "'")
    if not words or len(words.split()) > MAX_WORDS:
        return None
    return next((kind for kind, form in _FORMS.items() if form.search(words)), None)


def what_was_said(recent_bot_texts: Sequence[str],
                  markers: Mapping[Said, Sequence[str]]) -> List[Said]:
    """What the bot's recent messages (newest first) were about, newest first:
    a message is about what any of its ``markers`` shows."""
    found: List[Said] = []
    for text in recent_bot_texts:
        for said, shown_by in markers.items():
            if said not in found and any(m in text for m in shown_by):
                found.append(said)
    return found
