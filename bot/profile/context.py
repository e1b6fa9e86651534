"""What surrounds a word: whose it is, when it was true, whether it is meant.

An age or a transplant is the patient's own only when the words around it
say so. Four things can make a reading someone else's or not a report at all,
and both readers use this one module for them:

- someone else: "my wife is 60" (clause by clause, so "I'm 58, my wife is 60"
  still gives the speaker's age);
- the past: "aged 60 at diagnosis" says nothing about now;
- supposing: "if you've had a transplant, does it help?";
- negation: "not fit", "wasn't eligible".

A clause ends at a mark or at "and"/"but" (word by word), or at a mark alone
(over text, for the transplant's questions). Word-by-word functions take the
parser's lower-case tokens, so they can be tried on plain lists.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import FrozenSet, List, Optional, Pattern, Sequence

from bot.profile.loader import words
from bot.profile.model import SOMEONE
from bot.profile.questions import any_of

# How a carer's relatives are spoken of after they are named (bot/answers.py speaks so too).
SHE_RELATIVES = frozenset({"wife", "mum", "mom", "mother", "sister", "daughter"})
HE_RELATIVES = frozenset({"husband", "dad", "father", "brother", "son"})
# "does it make you live longer?", "will it help you": the drug doing something to anyone.
_IT_DOES_TO_YOU = frozenset({"make", "makes", "help", "helps", "give", "gives", "keep", "keeps"})
_BRIEF = 8  # tokens: a message that short naming one relative tells of them alone
_WINDOW = 30  # tokens looked at either side of an age for the past: long messages stay fast


class _Sets:
    """The word lists as sets, made once."""

    def __init__(self) -> None:
        people, context = words().people, words().context
        self.pronouns: FrozenSet[str] = frozenset(people.pronouns)
        self.cared_for: FrozenSet[str] = self.pronouns | frozenset(people.relatives)
        self.relatives: FrozenSet[str] = frozenset(people.relatives)
        self.groups: FrozenSet[str] = frozenset(people.groups)
        self.kin: FrozenSet[str] = frozenset(words().carer_cues.kin)
        self.others: FrozenSet[str] = self.cared_for | self.groups
        self.me: FrozenSet[str] = frozenset(people.me)
        self.breaks: FrozenSet[str] = frozenset([*context.clause_marks, *context.clause_words])
        self.present: FrozenSet[str] = frozenset(context.present)
        self.speaks_now: FrozenSet[str] = frozenset(context.speaks_now)
        self.past_before: FrozenSet[str] = frozenset(context.past_before)
        self.past_within: FrozenSet[str] = frozenset(context.past_within)
        self.past_after: FrozenSet[str] = frozenset(context.past_after)
        # "sorry i mean 60": "i" before these is a correction, not the speaker.
        self.meaning: FrozenSet[str] = frozenset(words().corrections.meaning)


@lru_cache(maxsize=1)
def _sets() -> _Sets:
    return _Sets()


@lru_cache(maxsize=1)
def _on_their_behalf() -> Pattern[str]:
    """"for him", "help her", "his team": a carer asking for the person they look after."""
    cues = words().carer_cues
    return re.compile(rf"\b(?:{any_of(cues.on_behalf_verbs)}) (?:him|her)\b|"
                      rf"\b(?:his|her) (?:{any_of(cues.their_people)})\b|"
                      # "im asking for my dad", "this revlimid thing for my husband"
                      rf"\b(?:asking|enquiring|writing|here|thing|this|it) for (?:my|our) "
                      rf"(?:{any_of(sorted(_sets().relatives | _sets().kin))})\b")


class Context:
    """The context of each token of one message, worked out in one pass."""

    def __init__(self, tokens: Sequence[str]) -> None:
        self.tokens = list(tokens)
        s = _sets()
        self.other = [t in s.others and not self._not_a_person(i)
                      for i, t in enumerate(self.tokens)]
        # Whether the clause so far, before each token, is about another person.
        self.others_before: List[bool] = []
        about_other = False
        for token, other in zip(self.tokens, self.other, strict=True):
            self.others_before.append(about_other)
            if token in s.breaks:
                about_other = False
            elif other:
                about_other = True

    def _not_a_person(self, i: int) -> bool:
        """"thank you", "in your view", "can you", "someone like her", "people like
        him": words for the bot, or a figure of speech, not another person in the
        story."""
        cues = words().carer_cues
        before = self.tokens[i - 1] if i > 0 else ""
        after = self.tokens[i + 1] if i + 1 < len(self.tokens) else ""
        word = self.tokens[i]
        if word == "you":
            return before in cues.to_the_bot or after in cues.you_then
        if word == "your":
            return after in cues.your_then
        return word in ("someone", "people", "patients", "those", "others") and after == "like"

    def about_others(self) -> bool:
        """Other people are mentioned and the speaker never says "I" or "me"."""
        return any(self.other) and not self.speaks_of_self()

    def speaks_for_one(self) -> bool:
        """A carer writing about the one person they look after ("my dad is 70",
        "she's 58"): no groups or peers, and at most one relative named."""
        s = _sets()
        others = [t for t, other in zip(self.tokens, self.other, strict=True) if other]
        groups = [i for i, (t, other) in enumerate(zip(self.tokens, self.other, strict=True))
                  if other and t in s.groups and not self._means_them(i)
                  and not self._kin_asked_for(i) and not self._anyone(i)]
        if not others or groups:
            return False
        return len({word for word in others if word in s.relatives or word in s.kin}) <= 1

    def _anyone(self, i: int) -> bool:
        """"does it make you live longer?": "you" as anyone who takes it, not a group."""
        return self.tokens[i] == "you" and i > 1 and self.tokens[i - 1] in _IT_DOES_TO_YOU \
            and "it" in self.tokens[max(0, i - 4):i - 1]

    def _kin_asked_for(self, i: int) -> bool:
        """"my brother is 59 ... what did the study find for people like him?": a
        brother, sister, son or daughter is the one cared for when asked for (said
        alone, "my brother had a transplant" is family history)."""
        if not (self.tokens[i] in _sets().kin and i > 0 and self.tokens[i - 1] in ("my", "our")):
            return False
        text = " ".join(self.tokens)
        return bool(_on_their_behalf().search(text)) or any(
            f" {phrase} " in f" {text} " for phrase in words().carer_cues.like_them)

    def _means_them(self, i: int) -> bool:
        """The group word at ``i`` means the one person cared for ("people his age")."""
        after = " ".join(self.tokens[i + 1:i + 4])
        return any(after == phrase or after.startswith(phrase + " ")
                   for phrase in words().carer_cues.like_them)

    def speaks_of_self(self) -> bool:
        """"I", "me", "myself" in the message: the speaker speaks of themselves."""
        me, tell, meaning = _sets().me, words().carer_cues.tell, _sets().meaning
        tokens = self.tokens
        return any(t in me and not (t == "me" and i > 0 and tokens[i - 1] in tell)
                   # "it's for my dad, not me": the speaker is not the one spoken of
                   and not (i > 0 and tokens[i - 1] == "not")
                   # "my dad is 70, sorry i mean 60": a correction, not the speaker
                   and not (t == "i" and i + 1 < len(tokens) and tokens[i + 1] in meaning)
                   for i, t in enumerate(tokens))

    def asks_for_a_relative(self) -> bool:
        """"my husband had a BMT ... his team want him on len": a carer names one
        relative, or speaks only of "he" or "she", and asks on their behalf (for
        him, help her, his team, people like him). "my dad had a transplant"
        alone may only be family history."""
        s = _sets()
        if not (self._names_one_of(s.relatives | s.kin)
                or any(t in s.pronouns for t in self.tokens)):
            return False
        text = f" {' '.join(self.tokens)} "
        return bool(_on_their_behalf().search(text)) or any(
            f" {phrase} " in text for phrase in words().carer_cues.like_them)

    def _names_one_of(self, people: FrozenSet[str]) -> bool:
        """"my dad", "our mum", or "Mum's 81 ..." opening the message."""
        return any(t in people and (i == 0 or self.tokens[i - 1] in ("my", "our"))
                   for i, t in enumerate(self.tokens))

    def tells_of_a_relative_alone(self) -> bool:
        """"my husband is 69" as a message of its own: a carer telling the age of the
        one they look after, with no word of the speaker's own."""
        return self._names_one_of(_sets().relatives) and len(self.tokens) <= _BRIEF \
            and not self.speaks_of_self() \
            and not any(t in ("im", "i'm", "ive") for t in self.tokens)

    def carer_for(self) -> Optional[str]:
        """Who a carer's message is about: the relative named, or SOMEONE for
        "he"/"she"; None when the speaker speaks of themselves or of several."""
        # "My husband ... he's 66 and had his SCT. I'm worried sick. What does it
        # mean for him?": a named relative asked for outright, even when the
        # carer also speaks of their own feelings.
        asked_for = self.asks_for_a_relative() and self.speaks_for_one()
        if not (asked_for or (self.about_others() and self.speaks_for_one())):
            return None
        return next((t for i, t in enumerate(self.tokens) if t in _sets().relatives
                     or self._kin_asked_for(i)), SOMEONE)

    def story_about(self) -> Optional[str]:
        """Whom a carer's story is about when it gives no age or transplant: one
        relative named as "my mum" and spoken of after as "she" ("My mum was
        diagnosed ... she might start len"), and no "my myeloma" or "I was
        diagnosed" of the speaker's own. None otherwise."""
        tokens, relatives = self.tokens, _sets().relatives
        named = {t for i, t in enumerate(tokens) if t in relatives
                 and (i == 0 or tokens[i - 1] in ("my", "our"))}
        if len(named) != 1:
            return None
        relative = named.pop()
        pronouns = {"she", "her"} if relative in SHE_RELATIVES else {"he", "him", "his"} \
            if relative in HE_RELATIVES else {"she", "her", "he", "him", "his"}
        own = frozenset(words().people.own_illness)
        speaker_ill = any(t in own and tokens[i - 1] == "my" for i, t in enumerate(tokens)
                          if i > 0) or any(t == "i" and "diagnosed" in tokens[i + 1:i + 4]
                                           for i, t in enumerate(tokens))
        refers = any(t in pronouns for t in tokens)
        return relative if refers and not speaker_ill else None

    def in_the_past(self, start: int, end: int) -> bool:
        """"diagnosed 5 years ago aged 60", "aged 60 at diagnosis": the words
        start..end give an age then, not now. "I'm"/"I am"/"now" always speak
        of now ("transplant was 2 years ago i'm 61")."""
        s, tokens = _sets(), self.tokens
        if tokens[start] in s.speaks_now:
            return False
        for token in reversed(tokens[max(0, start - _WINDOW):start]):
            if token in s.breaks or token in s.present:
                break
            if token in s.past_before:
                return True
        if any(t in s.past_within for t in tokens[start:end]):
            return True
        for token in tokens[end:end + _WINDOW]:
            if token in s.breaks or token in s.present:
                break
            if token in s.past_after:
                return True
        return False


# "I'm asking for my dad": the speaker only introduces the person they ask for,
# so their "I" does not make the message their own.
INTRODUCES_SOMEONE = re.compile(
    r"\b(?:i'm|im|i am) (?:asking|writing|here|messaging|enquiring) (?:for|about|on behalf of)\b|"
    r"\bi (?:care for|look after)\b|\bon behalf of\b"
)


# --------------------------------------------------------------------------
# Over normalised text: clauses, supposing, negation
# --------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _clause_pattern() -> Pattern[str]:
    marks = re.escape("".join(words().context.clause_marks))
    return re.compile(f"[^{marks}]+[{marks}]*")


def clauses(text: str) -> List[str]:
    """Text cut after each run of clause marks ("a, b? c" -> "a,", " b?", " c")."""
    return _clause_pattern().findall(text)


@lru_cache(maxsize=1)
def _hypothetical() -> Pattern[str]:
    h = words().context.hypothetical
    return re.compile(rf"\b({'|'.join(h.conditions)}) (?:{'|'.join(h.subjects)}) "
                      rf"(?:{'|'.join(h.verbs)})\b")


def supposes(text: str) -> bool:
    """"if I had a transplant", "whether you've had one": supposed, not reported."""
    return bool(_hypothetical().search(text))


def negator() -> str:
    """A regex for a negating word: "not", "never", or "n't" ending a word."""
    n = words().context.negation
    return "(?:" + "|".join([*(rf"\b{w}" for w in n.words), *n.suffixes]) + ")"


def negated(targets: Sequence[str]) -> Pattern[str]:
    """A negator, then up to ``reach`` words, then one of the targets ("wasn't really fit")."""
    reach = words().context.negation.reach
    return re.compile(rf"{negator()}(?:\s+\w+){{0,{reach}}}\s+(?:{'|'.join(targets)})\b")


def not_just_after_negator() -> str:
    """A regex that holds where the text so far does not end in "not ", "never ", "n't "."""
    n = words().context.negation
    return "".join(f"(?<!{w} )" for w in [*n.suffixes, *n.words])
