"""Helping a person think the choice through, without recommending.

Four steps, each offered and never forced: where they are in deciding (which
way they lean, how they want to decide, and the SURE test), what matters most
to them (reflected back in their words with the findings that bear on it), a
knowledge check with feedback, and questions for their haematologist built
from their profile, their priorities and what the bot could not answer.

Pure Python. The words read and said live in ``bot/data/decision.yml``;
every figure comes from the facts file through ``bot.lines``.
"""
from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Optional, Pattern, Sequence, Tuple

from pydantic import StrictStr, root_validator, validator

from bot.answers import (DECISION_OFFER, Choices, Message, Messages, person_words,
                         question_words, questions_for_haematologist)
from bot.datafile import StrictModel, load_model
from bot.everyday import support_lines
from bot.facts import Direction, Finding, facts
from bot.lines import Line, finding_line, join, main_harms_line, say
from bot.profile import AgeGroup, Transplant
from bot.selection import select

DECISION_FILE = Path(__file__).resolve().parent / "data" / "decision.yml"
NOT_SAID = "not_said"
SURVIVAL = "survival"  # stands for the survival findings that fit the person
MAX_WORDS_IN_AN_ANSWER = 12  # a longer message is a question or a story, not a yes/no
MAX_WORDS_IN_A_CHOICE = 20  # "not on his own, he wants to do it with the consultant"
MAX_QUOTE = 120
MAX_REMEMBERED = 6
MAX_QUESTION = 200


class DecisionError(ValueError):
    """bot/data/decision.yml is missing, malformed or names an unknown finding."""


class Answer(str, Enum):
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


class Option(StrictModel):
    """One answer to "which way do you lean?" or "how do you want to decide?"."""
    id: str
    label: str  # neutral words, for the summary
    button: str
    words: List[StrictStr]


class SureItem(StrictModel):
    id: str
    letter: str
    name: str
    question: str


class Priority(StrictModel):
    id: str
    label: str
    button: str
    words: List[StrictStr]
    findings: List[str]
    question: str
    trial_silent: Optional[str] = None


class QuizItem(StrictModel):
    id: str
    question: str
    correct: Answer
    findings: List[str]
    lead: Optional[str] = None  # said before the findings in the feedback

    @validator("correct")
    def _yes_or_no(cls, value: Answer) -> Answer:
        if value is Answer.UNSURE:
            raise ValueError("the right answer is yes or no")
        return value


class DecisionData(StrictModel):
    answers: Dict[Answer, List[StrictStr]]
    negators: List[StrictStr]
    distress: List[StrictStr]
    not_mattering: List[StrictStr]
    skip: List[StrictStr]
    done: List[StrictStr]
    lean: List[Option]
    decide_how: List[Option]
    sure: List[SureItem]
    priorities: List[Priority]
    knowledge_check: List[QuizItem]

    @root_validator(skip_on_failure=True)
    def _consistent(cls, values: dict) -> dict:
        known = {f.id for f in facts().findings} | {SURVIVAL}
        for p in values["priorities"]:
            if not set(p.findings) <= known:
                raise ValueError(f"priority {p.id}: unknown findings "
                                 f"{sorted(set(p.findings) - known)}")
        for q in values["knowledge_check"]:
            if not set(q.findings) <= known - {SURVIVAL}:
                raise ValueError(f"knowledge check {q.id}: unknown findings")
        if [s.letter for s in values["sure"]] != list("SURE"):
            raise ValueError("the SURE test has four questions, S, U, R and E, in order")
        for name in ("lean", "decide_how", "priorities", "knowledge_check", "sure"):
            ids = [item.id for item in values[name]]
            if len(ids) != len(set(ids)):
                raise ValueError(f"{name}: ids must be unique")
        if set(values["answers"]) != set(Answer):
            raise ValueError("answers needs yes, no and unsure")
        return values


@lru_cache(maxsize=1)
def decision_data() -> DecisionData:
    return load_model(DECISION_FILE, DecisionData, "decision", DecisionError)


# --------------------------------------------------------------------------
# Reading what the person says
# --------------------------------------------------------------------------
def _norm(text: str) -> str:
    """Lower case, apostrophes dropped ("don't" -> "dont"), other marks as spaces."""
    text = re.sub(r"['\u2019`]", "", text.lower())
    return " " + re.sub(r"[^a-z0-9]+", " ", text).strip() + " "


@lru_cache(maxsize=None)
def _pattern(words: Tuple[str, ...]) -> Pattern[str]:
    phrases = sorted({_norm(w).strip() for w in words}, key=len, reverse=True)
    return re.compile(r" (?:" + "|".join(re.escape(p) for p in phrases) + r") ")


def _find(words: Iterable[str], norm: str) -> Optional[int]:
    """Where the first of ``words`` starts in ``norm``, or None."""
    match = _pattern(tuple(words)).search(norm)
    return match.start() if match else None


def _short(norm: str, limit: int = MAX_WORDS_IN_AN_ANSWER) -> bool:
    return len(norm.split()) <= limit


NEGATION_WINDOW = 4  # words: "i dont want to just leave it to the doctor"


def _words_before(norm: str, position: int, n: int = NEGATION_WINDOW) -> str:
    return " " + " ".join(norm[:position].split()[-n:]) + " "


def _negated_before(norm: str, position: int) -> bool:
    """A "not", "don't", "wouldn't" ... just before ``position`` ("i wouldnt take
    it"), in the same few words, so "not on my own, with the consultant" still
    reads "with the consultant"."""
    return _find(decision_data().negators, _words_before(norm, position)) is not None


def read_answer(text: str) -> Optional[str]:
    """A short yes, no or not sure (or "rather not say"); None for anything else,
    so a question asked mid-way is answered, not scored, and a feeling is not
    taken for an answer."""
    norm = _norm(text)
    if not _short(norm) or text.strip().endswith("?"):
        return None
    data = decision_data()
    if _find(data.skip, norm) is not None:
        return NOT_SAID
    if _find(data.answers[Answer.UNSURE], norm) is not None:
        return Answer.UNSURE.value
    yes, no = (_find(data.answers[a], norm) for a in (Answer.YES, Answer.NO))
    if yes is None and no is None:
        return None
    if no is not None and (yes is None or no <= yes):
        return Answer.NO.value
    return Answer.NO.value if _negated_before(norm, yes or 0) else Answer.YES.value


def _read_option(options: Sequence[Option], text: str) -> Optional[Tuple[str, int]]:
    """The first option (in the file's order) whose words the message uses, and where."""
    norm = _norm(text)
    if not _short(norm, MAX_WORDS_IN_A_CHOICE) or text.strip().endswith("?"):
        return None
    if _find(decision_data().skip, norm) is not None:
        return NOT_SAID, 0
    negated: Optional[Tuple[str, int]] = None
    for option in options:  # in the file's order: "not take it" before "take it"
        at = _find([*option.words, option.button], norm)
        if at is None:
            continue
        if not _negated_before(norm, at):
            return option.id, at
        negated = negated or (option.id, at)
    if negated is not None and negated[0] == "take":
        return negated  # "i wouldnt want to take it": read_lean turns it round
    return None


def read_lean(text: str) -> Optional[str]:
    """"i wouldnt want to take it" leans away: a "take" after a "not" is turned round."""
    found = _read_option(decision_data().lean, text)
    if found is None:
        return None
    lean, at = found
    if lean == "take" and _negated_before(_norm(text), at):
        return "not_take"
    return lean


def read_decide_how(text: str) -> Optional[str]:
    found = _read_option(decision_data().decide_how, text)
    return found and found[0]


def read_done(text: str) -> bool:
    """ "That's all" to "is there anything else that matters?"."""
    norm = _norm(text)
    return _short(norm) and _find(decision_data().done, norm) is not None


_QUESTION = re.compile(r"\?\s*$|^\s*(what|how|why|when|where|who|which|is|are|can|could|"
                       r"does|do|did|will|would|should|shall|may|tell me)\b|"
                       r"\b(can|could|should|will|would|is it ok|is it safe)"
                       r" (i|he|she|we|they|you|my)\b", re.IGNORECASE)


def is_question(text: str) -> bool:
    """A question asked in the middle of a step: answered as a topic, not read as
    an answer to the step."""
    return bool(_QUESTION.search(text))


def read_priorities(text: str) -> List[str]:
    """The trade-offs a message speaks of, in the file's order; "not bothered
    about the cancer risk" or "travel doesnt matter" leaves that one out."""
    norm = _norm(text)
    data = decision_data()
    found = []
    for p in data.priorities:
        at = _find([*p.words, p.button], norm)
        if at is None:
            continue
        around = _words_before(norm, at, 5) + norm[at:].split(" ", 1)[-1][:60]
        if _find(data.not_mattering, " " + " ".join(around.split()[:12]) + " ") is None:
            found.append(p.id)
    return found


def is_button(text: str, choices: Choices) -> bool:
    return any(text.strip().lower() == sent.lower() for _, sent in choices)


# --------------------------------------------------------------------------
# What the steps say
# --------------------------------------------------------------------------
def _option(options: Sequence[Option], oid: Optional[str]) -> Optional[Option]:
    return next((o for o in options if o.id == oid), None)


def _priority(pid: str) -> Priority:
    return next(p for p in decision_data().priorities if p.id == pid)


def _subject(about: Optional[str]) -> Tuple[str, str]:
    """('are', 'you'), ('is', 'your dad'), ('are', 'they')."""
    person = person_words(about)
    return person["be"], person["subject"].lower() if about else "you"


SKIP_CHOICE = ("Rather not say", "Rather not say")
YES_NO: Choices = [("Yes", "Yes"), ("No", "No"), ("Not sure", "Not sure")]


def lower_first(label: str) -> str:
    """'Together with ...' -> 'together with ...', leaving "I" and names alone."""
    return label[:1].lower() + label[1:]


def ask_lean(about: Optional[str] = None, again: bool = False) -> Tuple[Line, Choices]:
    be, who = _subject(about)
    person = person_words(about)
    lead = "" if again else "Let's think it through. " + (
        f"These questions are about the choice {who} {'face' if be == 'are' else 'faces'}. "
        f"If {person['pron']} can, it is best that {person['pron']} "
        f"answer{person['s']} them too. " if about else "")
    choices = [(o.button, o.button) for o in decision_data().lean]
    return Line(f"{lead}Which way {be} {who} leaning at the moment? There is no right "
                "answer, and you can change your mind."), choices + [SKIP_CHOICE]


# Buttons in the order people read the question (the file's order is for reading answers).
_HOW_SHOWN = ("own", "shared", "doctor", "not_sure")


def ask_decide_how(about: Optional[str] = None, again: bool = False) -> Tuple[Line, Choices]:
    _, who = _subject(about)
    w = question_words(about)
    shown = sorted(decision_data().decide_how, key=lambda o: _HOW_SHOWN.index(o.id))
    titles = [re.sub(r"\bmy\b", w["my"], o.button) for o in shown]
    own = "your" if not about else w["my"]
    return Line(f"How would {who} like to make this choice? On {own} own, together "
                "with the haematologist, or leaving it to the doctor?"), \
        [(t, t) for t in titles] + [SKIP_CHOICE]


def sure_item(sid: str) -> SureItem:
    return next(s for s in decision_data().sure if s.id == sid)


SURE_IDS = tuple(s.id for s in decision_data().sure)


def sure_question(sid: str, about: Optional[str] = None) -> str:
    """One SURE question, for the person or, for a carer, about the person they help."""
    for_whom = "for you" if not about else f"for {question_words(about)['me']}"
    return sure_item(sid).question.format(for_whom=for_whom)


def ask_sure(sid: str, about: Optional[str] = None,
             again: bool = False) -> Tuple[Line, Choices]:
    lead = ("Now four quick yes or no questions. They are called the SURE test. "
            + ("They are about how you feel, as the person helping. " if about else "")
            if sid == SURE_IDS[0] and not again else "")
    return Line(lead + sure_question(sid, about)), YES_NO


_COUNTED = ["none", "one", "two", "three", "all four"]


def counted(n: int) -> str:
    """A small count in words ("three"), so no figure is typed as a number."""
    return _COUNTED[n]


def sure_score(answers: Mapping[str, Optional[str]]) -> int:
    """One point for each "yes"; "no", "not sure" and no answer score nothing."""
    return sum(1 for sid in SURE_IDS if answers.get(sid) == Answer.YES.value)


def next_steps(done: str) -> Choices:
    """The other decision-support steps, as buttons (texts trained for their intents)."""
    return [choice for step, choice in NEXT_STEPS.items() if step != done]


NEXT_STEPS: Dict[str, Tuple[str, str]] = {
    "values": ("What matters most to me", "What matters most to me?"),
    "quiz": ("Check what I know", "Check what I know"),
    "questions": ("Questions for my haematologist",
                  "What questions should I ask my haematologist?"),
    "summary": ("Make my summary", "Make my summary"),
}
OFFER = DECISION_OFFER


def sure_result(lean: Optional[str], how: Optional[str],
                answers: Mapping[str, Optional[str]],
                about: Optional[str] = None) -> Tuple[List[Message], Choices]:
    """What the answers add up to: reflected, never a recommendation."""
    data = decision_data()
    said = []
    lean_option = _option(data.lean, lean)
    if lean_option is not None:
        said.append(f"Which way: {lower_first(lean_option.label)}.")
    how_option = _option(data.decide_how, how)
    if how_option is not None:
        said.append(f"How to decide: {lower_first(how_option.label)}.")
        if how_option.id == "doctor":
            said.append("That is a fine way to decide. It still helps to tell the doctor "
                        "what matters most.")
    score = sure_score(answers)
    answered = sum(1 for sid in SURE_IDS if answers.get(sid) in (
        Answer.YES.value, Answer.NO.value, Answer.UNSURE.value))
    if answered < len(SURE_IDS):
        verdict = (f"You answered {_COUNTED[answered] if answered < 4 else 'all four'} of "
                   "the four questions, so there is no SURE score. That is fine. If any of "
                   "them felt hard to answer, it may help to talk it through with your "
                   "haematologist or specialist nurse.")
    elif score == len(SURE_IDS):
        verdict = ("You said yes to all four questions. That suggests you feel ready to "
                   "make this choice. It is still good to go over it with the "
                   "haematologist.")
    else:
        said_yes = (f"You said yes to {_COUNTED[score]} of the four questions." if score else
                    "You did not say yes to any of the four questions. That is common.")
        verdict = (f"{said_yes} When it is fewer than four, many people find it helps to "
                   "talk it through more with their haematologist or specialist nurse "
                   "before deciding. You do not have to decide today. Ask your team when "
                   "you need to decide.")
    messages: List[Message] = [" ".join(said)] if said else []
    messages.append(verdict)
    if answers.get(SURE_IDS[-1]) == Answer.NO.value:  # not enough support
        messages.append(join("For more support, the specialist nurse can help.",
                             support_lines()))
    messages.append("These can help you get ready for that talk:")
    return messages, next_steps("sure")


# Words in both of the values step's questions: a message is read as a value
# only after one of them was asked (actions/decision_actions.py).
VALUES_ASKED = "matters"


def ask_priorities(chosen: Sequence[str], about: Optional[str] = None) -> Tuple[Line, Choices]:
    """The first ask names the trade-offs; later asks offer what is left, and done."""
    whom = person_words(about)["obj"]
    left = [(p.button, p.button) for p in decision_data().priorities if p.id not in chosen]
    if not chosen:
        return Line(f"What matters most to {whom} about this choice? Pick one, or tell "
                    "me in your own words. I will show what the trial found about it."), left
    return Line(f"Is there anything else that matters to {whom}? Pick one, tell me, "
                "or say that's all."), left + [("That's all", "That's all")]


def _finding_lines(ids: Sequence[str], age_group: Optional[AgeGroup],
                   transplant: Optional[Transplant]) -> List[Finding]:
    found: List[Finding] = []
    for fid in ids:
        if fid == SURVIVAL:
            found += select(age_group, transplant).survival
        else:
            found.append(facts().finding(fid))
    return found


def reflect(priority_ids: Sequence[str], words: str, clicked: bool,
            age_group: Optional[AgeGroup] = None,
            transplant: Optional[Transplant] = None) -> List[Message]:
    """What the trial found about what they said matters, in their words first;
    the harms come with any benefit. Never which way to choose."""
    if not priority_ids:
        return ["Thank you. I could not link that to a finding from the trial. It is still "
                "worth saying to your haematologist, so they know what matters to you."]
    quote = words.strip()
    if len(quote) > MAX_QUOTE:
        quote = quote[:MAX_QUOTE].rsplit(" ", 1)[0] + "..."
    out: List[Message] = []
    benefit = False
    for i, pid in enumerate(priority_ids):
        p = _priority(pid)
        found = _finding_lines(p.findings, age_group, transplant)
        benefit = benefit or any(f.direction is Direction.BENEFIT for f in found)
        lines = [finding_line(f, brief=True) for f in found]
        head = f"You picked {p.label.lower()}. Here is what is known."
        if i == 0 and not clicked:  # their own words first
            head = f"You said: \u201c{quote}\u201d. That is about {p.label.lower()}. " \
                   "Here is what is known."
        elif i > 0:
            head = f"On {p.label.lower()}, here is what is known."
        out.append(join(head, *lines, *([p.trial_silent] if p.trial_silent else [])))
    if benefit:
        out.append(main_harms_line())
    return out


def noted_on_the_way(priority_ids: Sequence[str]) -> str:
    """A worry said while another question was pending: kept for the summary,
    said in one short line (the question is asked again after it)."""
    labels = [lower_first(_priority(pid).label) for pid in priority_ids]
    return f"I have noted that for your summary: {', '.join(labels)}."


def read_distress(text: str) -> bool:
    """ "I'd rather die than go through chemo again": a feeling, not a priority."""
    return _find(decision_data().distress, _norm(text)) is not None


def distress_reply() -> Messages:
    return [join("That sounds really hard. Please tell your team how you feel. You do not "
                 "have to face this alone.", support_lines(),
                 say("Any time, day or night, you can call {safety.crisis_lines.0.name} on "
                     "{safety.crisis_lines.0.number}."))]


def priorities_done(chosen: Sequence[str], about: Optional[str] = None
                    ) -> Tuple[List[Message], Choices]:
    whom = person_words(about)["obj"]
    if not chosen:
        text = ("That's fine. You can come back to this at any time. It can help to think "
                f"about what matters most to {whom} before the appointment.")
    else:
        labels = "; ".join(_priority(p).label.lower() for p in chosen)
        text = (f"Thank you. What matters most to {whom}: {labels}. I can't weigh these "
                "for you. The haematologist can help you weigh them. They are in your "
                "questions and your summary.")
    return [text], next_steps("values")


def priority_labels(chosen: Sequence[str]) -> List[str]:
    known = {p.id for p in decision_data().priorities}
    return [_priority(p).label for p in chosen if p in known]


# --------------------------------------------------------------------------
# The knowledge check
# --------------------------------------------------------------------------
QUIZ_IDS = tuple(q.id for q in decision_data().knowledge_check)


def quiz_item(qid: str) -> QuizItem:
    return next(q for q in decision_data().knowledge_check if q.id == qid)


def ask_quiz(qid: str, again: bool = False) -> Tuple[Line, Choices]:
    n = QUIZ_IDS.index(qid)
    lead = ("Here are four quick questions. They are not a test of you; they check that "
            "I explained things well. " if n == 0 and not again else "")
    return Line(lead + quiz_item(qid).question), YES_NO


def quiz_feedback(qid: str, answer: str) -> List[Message]:
    item = quiz_item(qid)
    right = item.correct.value
    if answer == right:
        verdict = f"That's right: {right}."
    elif answer in (Answer.UNSURE.value, NOT_SAID):
        verdict = f"That's fine. The answer is {right}."
    else:
        verdict = f"Not quite. The answer is {right}."
    found = _finding_lines(item.findings, None, None)
    out: List[Message] = [join(verdict, *([item.lead] if item.lead else []),
                               *[finding_line(f, brief=True) for f in found])]
    if any(f.direction is Direction.BENEFIT for f in found):
        out.append(main_harms_line())
    return out


def quiz_result(answers: Mapping[str, Optional[str]]) -> Tuple[List[Message], Choices]:
    right = sum(1 for qid in QUIZ_IDS if answers.get(qid) == quiz_item(qid).correct.value)
    if right == len(QUIZ_IDS):
        text = "You got all four in line with the trial. Well done."
    elif right == 0:
        text = ("Those are worth going over again. That is why I asked: it means I need to "
                "explain them better. You can ask me about any of them.")
    else:
        text = (f"You got {_COUNTED[right]} of the four in line with the trial. You can "
                "ask me about any of them again.")
    return [text], next_steps("quiz")


# --------------------------------------------------------------------------
# Questions for the haematologist, and what the bot could not answer
# --------------------------------------------------------------------------
LEFT_UNANSWERED = "Let's leave that one for now. You can come back to it at any time."
NOTED_QUESTION = ("I have added your question to your list of questions for the "
                  "haematologist, in your words. Ask me for that list at any time.")


def remember_question(kept: Optional[Sequence[str]], text: str) -> List[str]:
    """The person's unanswered questions, newest last: trimmed, no repeats, a few."""
    question = " ".join(text.split())
    if len(question) > MAX_QUESTION:
        question = question[:MAX_QUESTION].rsplit(" ", 1)[0] + "..."
    out = [q for q in (kept or []) if q.lower() != question.lower()]
    if question:
        out.append(question)
    return out[-MAX_REMEMBERED:]


def questions_list(age_group: Optional[AgeGroup], transplant: Optional[Transplant],
                   priorities: Sequence[str] = (), unanswered: Sequence[str] = (),
                   about: Optional[str] = None) -> List[Message]:
    """The profile's questions, then one for each priority, then their own."""
    out: List[Message] = list(questions_for_haematologist(age_group, transplant, about))
    w = question_words(about)
    mine = [_priority(p).question.format(**w) for p in priorities
            if p in {q.id for q in decision_data().priorities}]
    if mine:
        out.append(f"About what matters to {person_words(about)['obj']}: " + " ".join(mine))
    out.append(DECIDE_BY)
    if unanswered:
        out.append("You also asked me things I could not answer. Ask your team: "
                   + " ".join(f"\u201c{q}\u201d" for q in unanswered))
    return out


DECIDE_BY = "When do we need to decide by?"


def question_items(age_group: Optional[AgeGroup], transplant: Optional[Transplant],
                   priorities: Sequence[str] = (), about: Optional[str] = None) -> List[str]:
    """The same questions one by one, for the printable summary."""
    grouped = questions_list(age_group, transplant, priorities, (), about)[1:]
    items: List[str] = []
    for text in grouped:
        text = re.sub(r"^About what matters to \w+: ", "", str(text))
        items += [q for q in re.split(r"(?<=\?) ", text) if q]
    return items


def own_questions_heading() -> str:
    return "Questions the chat could not answer"


# --------------------------------------------------------------------------
# My summary, as said in the chat
# --------------------------------------------------------------------------
SUMMARY_LINK_LABEL = "Open my summary"
SUMMARY_AFTER_LINK = ("If you talk more here, you can make a new summary at any time. "
                      "What else would help?")
SUMMARY_AFTER_TEXT = ("That is your summary. You could copy it, or show it at your "
                      "appointment. It holds only your choices here and the questions you "
                      "typed.")
SUMMARY_FAILED = "Sorry, I could not make your summary just now. Please try again in a minute."
# Topics where the bot says "ask your team": the question goes on their list.
NOT_ANSWERED_TOPICS = frozenset({
    "dose", "test_results", "prognosis", "other_medicines", "alcohol_food", "vaccines",
    "travel", "fertility", "cost", "taking_break", "other_drugs"})


def summary_ready(lasts: str) -> str:
    """``lasts`` is said in words, such as "three days"."""
    return ("Your summary is ready. It opens in a new tab, where you can print it or save "
            "it as a PDF. It holds only your choices here and the questions you typed. "
            f"The link works for {lasts}.")
