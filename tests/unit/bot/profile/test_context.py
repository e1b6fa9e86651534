"""Someone else, the past, supposing, negation and clause ends
(bot/profile/context.py), over the parser's tokens and over text."""
from __future__ import annotations

from typing import List

import pytest

from bot.profile import SOMEONE
from bot.profile.context import (INTRODUCES_SOMEONE, Context, clauses, negated, supposes)
from bot.profile.parsed import Parsed, nlp


def tokens(text: str) -> List[str]:
    return Parsed(text).tokens


def test_someone_else_lasts_to_the_end_of_the_clause() -> None:
    ctx = Context(tokens("my wife is 60 and i'm 58"))
    flags = dict(zip(ctx.tokens, ctx.others_before, strict=True))
    assert flags["60"] is True  # after "wife"
    assert flags["58"] is False  # "and" ended that clause


@pytest.mark.parametrize("break_word", [",", ".", ";", "!", "?", "and", "but"])
def test_clause_breaks(break_word: str) -> None:
    ctx = Context(["wife", "is", "60", break_word, "i", "am", "58"])
    assert ctx.others_before[ctx.tokens.index("58")] is False


def test_thank_you_is_not_someone_else() -> None:
    assert Context(tokens("thank you, i'm 70")).other == [False] * 6
    assert Context(tokens("you are 70")).other[0] is True


@pytest.mark.parametrize("text, about_others, for_one, carer", [
    ("my dad is 70", True, True, "dad"),
    ("she is 58", True, True, SOMEONE),
    ("my mum is 80 and my dad is 82", True, False, None),  # two relatives
    ("my brother is 70", True, False, None),  # a peer: a comparison
    ("i'm 58 and my wife is 60", False, True, None),  # the speaker speaks of themselves
    ("what is myeloma", False, False, None),
])
def test_whom_a_message_is_about(text: str, about_others: bool, for_one: bool,
                                 carer: object) -> None:
    ctx = Context(tokens(text))
    assert (ctx.about_others(), ctx.speaks_for_one(), ctx.carer_for()) == \
        (about_others, for_one, carer)


@pytest.mark.parametrize("text, age_word, past", [
    ("i was 62 when diagnosed", "62", True),
    ("diagnosed 5 years ago aged 60", "60", True),
    ("aged 60 at diagnosis", "60", True),
    ("i was 62 when diagnosed, now 65", "65", False),  # "now" speaks of the present
    ("my transplant was 2 years ago i'm 61", "61", False),  # "i'm" speaks of now
    ("i'm 66, diagnosed at 60", "66", False),  # the comma ends the clause
])
def test_an_age_then_or_now(text: str, age_word: str, past: bool) -> None:
    ctx = Context(tokens(text))
    i = ctx.tokens.index(age_word)
    start = i - 1 if ctx.tokens[i - 1] in ("aged", "'m", "now", "was") else i
    assert ctx.in_the_past(start, i + 1) is past


def test_clauses_end_at_marks_only() -> None:
    assert clauses("he is 61. he decided against it, what would it do?") == [
        "he is 61.", " he decided against it,", " what would it do?"]
    assert clauses("a and b") == ["a and b"]  # over text, "and" does not cut


@pytest.mark.parametrize("text, supposed", [
    ("if i had a transplant does it help?", True),
    ("does lenalidomide help if you've had a transplant?", True),
    ("whether someone got one", True),
    ("i had a transplant", False),
    ("if it helps", False),
])
def test_supposing(text: str, supposed: bool) -> None:
    assert supposes(text) is supposed


@pytest.mark.parametrize("text, found", [
    ("i was not fit", True),
    ("i wasn't really fit", True),
    ("never been well enough", True),
    ("not at all really fit", False),  # three words between: too far
    ("i'm fit", False),
])
def test_negation_reaches_two_words(text: str, found: bool) -> None:
    assert bool(negated(["fit", "well enough"]).search(text)) is found


@pytest.mark.parametrize("text", [
    "i'm asking for my dad, he is 80",
    "thank i care for you",
    "on behalf of my mum she is 80",
    "i'm asking for my dad i care for him",
    "i look after her",
    "he'i care for you",  # the match cuts a word: parsed again
])
def test_tokens_without_an_introduction_match_a_fresh_parse(text: str) -> None:
    """Blanking "I'm asking for" out of the one parse gives the tokens a new
    parse of the blanked text would, but for runs of spaces."""
    fresh = [t.lower_ for t in nlp()(INTRODUCES_SOMEONE.sub(" ", text))]
    squeezed = []
    for token in fresh:
        blank = token.isspace()
        if not (blank and squeezed and squeezed[-1] == " "):
            squeezed.append(" " if blank else token)
    got = Parsed(text).tokens_without(INTRODUCES_SOMEONE)
    assert Context(got).carer_for() == Context(fresh).carer_for()
    assert [t for t in got if t != " "] == [t for t in squeezed if t != " "]


@pytest.mark.parametrize("text, expected", [
    ("My mum was diagnosed in May. She might start len after her chemo.", "mum"),
    ("In the summer he had a transplant. My dad was 57 when diagnosed.", "dad"),
    # the speaker's own illness: the relative is family history
    ("My mum had myeloma too. I was diagnosed last year and she helped me.", None),
    ("My dad drove me to my transplant. He was great.", None),
    # two relatives, or none spoken of again
    ("My mum and my dad came with me. She cried.", None),
    ("My wife is lovely. I am on len.", None),
])
def test_whom_a_carers_story_is_about(text, expected):
    from bot.profile import story_about

    assert story_about(text) == expected
