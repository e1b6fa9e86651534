"""My summary: one page to take to the appointment.

Built from a ``SummaryRecord`` that holds only the person's own choices (age
group, transplant history, which way they lean, how they want to decide, the
SURE answers, what matters to them, and the questions they typed). Every
figure is filled in from the facts file when the page is shown, with the
harms beside the benefits. No name and no other free text are kept.
"""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Union

from pydantic import validator

from bot import answers, decision
from bot.about import about_tool
from bot.datafile import StrictModel
from bot.facts import facts
from bot.lines import SUMMARY_TAG, Line, finding_line, join, say
from bot.profile import AgeGroup, Transplant
from bot.selection import select

Text = Union[str, Line]
_SURE_ANSWER_WORDS = {"yes": "Yes", "no": "No", "unsure": "Not sure",
                      decision.NOT_SAID: "Rather not say"}


class SummaryRecord(StrictModel):
    """What the page is made from: choices, not a transcript."""

    made_on: dt.date
    age_group: Optional[AgeGroup] = None
    transplant: Optional[Transplant] = None
    cared_for: Optional[str] = None
    lean: Optional[str] = None
    decide_how: Optional[str] = None
    sure: Dict[str, Optional[str]] = {}
    priorities: List[str] = []
    questions: List[str] = []

    @validator("cared_for")
    def _a_relation_word_only(cls, value: Optional[str]) -> Optional[str]:
        """'dad' or 'wife' is kept; anything else becomes 'them' (never a name)."""
        if value is None:
            return None
        return value if value in answers.NAMED_PEOPLE else "them"

    @validator("sure")
    def _known_sure(cls, value: Dict[str, Optional[str]]) -> Dict[str, Optional[str]]:
        return {k: v for k, v in value.items()
                if k in decision.SURE_IDS and v in (*_SURE_ANSWER_WORDS, None)}

    @validator("priorities")
    def _known_priorities(cls, value: List[str]) -> List[str]:
        known = {p.id for p in decision.decision_data().priorities}
        return [p for p in dict.fromkeys(value) if p in known]

    @validator("questions")
    def _their_questions(cls, value: List[str]) -> List[str]:
        kept: List[str] = []
        for q in value:
            kept = decision.remember_question(kept, str(q))
        return kept


@dataclass(frozen=True)
class Section:
    heading: str
    lines: Sequence[Text]
    as_list: bool = False


TITLE = "My summary: lenalidomide maintenance for myeloma"


def made_on_line(record: SummaryRecord) -> str:
    """The only date that is not from the facts file: when the page was made."""
    when = record.made_on
    return (f"Made on {when.day} {when.strftime('%B')} {when.year} with an automated "
            "information tool. It is not medical advice. Take it to your appointment.")


def _findings_for(record: SummaryRecord) -> List[Line]:
    sel = select(record.age_group, record.transplant)
    data = facts()
    return [finding_line(data.finding("pfs")),
            *[finding_line(f) for f in sel.survival + [data.finding("os_all")]]]


def _sure_lines(record: SummaryRecord) -> List[Text]:
    if not any(record.sure.values()):
        return ["Not done yet. You can ask the chat to help you think it through."]
    lines: List[Text] = []
    if record.cared_for:
        lines.append("The person helping answered these, about their own feelings. The "
                     "SURE test was made for patients.")
    for sid in decision.SURE_IDS:
        question = decision.sure_question(sid, record.cared_for)
        answer = _SURE_ANSWER_WORDS.get(record.sure.get(sid) or "", "Not answered")
        lines.append(f"{question} {answer}.")
    return lines


def _deciding_lines(record: SummaryRecord) -> List[Text]:
    data = decision.decision_data()
    lines: List[Text] = []
    lean = next((o for o in data.lean if o.id == record.lean), None)
    how = next((o for o in data.decide_how if o.id == record.decide_how), None)
    if lean is not None:
        lines.append(f"Which way: {decision.lower_first(lean.label)}.")
    if how is not None:
        lines.append(f"How to decide: {decision.lower_first(how.label)}.")
    answered = [a for a in record.sure.values() if a in ("yes", "no", "unsure")]
    if len(answered) == len(decision.SURE_IDS):
        score = decision.sure_score(record.sure)
        lines.append("The SURE test: yes to all four questions." if score == len(
            decision.SURE_IDS) else f"The SURE test: yes to {decision.counted(score)} of the "
            "four questions. Fewer than four can mean it would help to talk it through more.")
    elif answered:
        lines.append("The SURE test: not every question was answered, so there is no score.")
    return lines


def sections(record: SummaryRecord) -> List[Section]:
    """The page, top to bottom: who it is for, the choice, what the trial found
    with the harms beside it, what matters to them, where they are, questions,
    and the sources."""
    about = record.cared_for
    data = facts()
    harms = [finding_line(f) for f in data.harms()]
    questions = decision.question_items(record.age_group, record.transplant,
                                        record.priorities, about)
    whom = answers.person_words(about)["obj"]
    priorities = decision.priority_labels(record.priorities) or [
        f"Not talked about yet. You can ask the chat what matters most to {whom}."]
    return [
        Section("Who this is for", [
            answers.describe_profile(record.age_group, record.transplant, about),
            "The figures describe groups of people in the trial. They cannot say what "
            "will happen to one person."]),
        Section("The choice", ["There are two choices. " + answers.CHOICE,
                               "This page does not say which to choose. The haematologist "
                               "can help you decide."]),
        Section("What the trial found", [*_findings_for(record),
                                         finding_line(data.finding("pfs_subgroups"))],
                as_list=True),
        Section("Harms of lenalidomide, shown the same way", harms, as_list=True),
        Section("When to call the hospital", [answers.HOSPITAL_LINE]),
        Section("What matters most", priorities, as_list=True),
        Section("Where things stand in deciding", _deciding_lines(record) + _sure_lines(
            record), as_list=True),
        Section("Questions for the haematologist", questions, as_list=True),
        *([Section(decision.own_questions_heading(), list(record.questions), as_list=True)]
          if record.questions else []),
        Section("How sure the evidence is", [
            join(finding_line(data.finding("open_label")),
                 finding_line(data.finding("responders_only"))),
            say("Half of the people were followed for less than "
                "{study.median_followup_months} months, so late effects are less clear."),
            finding_line(data.finding("qol")),
            join(*answers.other_evidence()[:2]),
            f"Figures marked {SUMMARY_TAG} come from the trial's plain-language summary. "
            "We could not check them in the paper.",
        ]),
        Section("Sources", [
            say("{study.citation} Published online {study.published_online}. "
                "PubMed {study.pmid}."),
            say("A plain-language summary of the trial from {study.lay_summary_year}."),
            say("NICE technology appraisal {context.nice_guidance} ({context.nice_year})."),
            *about_tool(),
        ]),
    ]


def as_messages(record: SummaryRecord) -> List[Text]:
    """The summary as chat messages, for Slack and the shell: one per section."""
    out: List[Text] = [join(TITLE + ".", made_on_line(record))]
    for section in sections(record):
        lines = [f"- {line}" if section.as_list else str(line) for line in section.lines]
        out.append(join(section.heading + ":", *lines, sep="\n"))
    return out


def as_html(record: SummaryRecord) -> str:
    """A printable page (A4, one or two sheets) that needs no script to read."""
    body = []
    for section in sections(record):
        body.append(f"<h2>{html.escape(section.heading)}</h2>")
        if section.as_list:
            items = "".join(f"<li>{html.escape(str(line))}</li>" for line in section.lines)
            body.append(f"<ul>{items}</ul>")
        else:
            body.extend(f"<p>{html.escape(str(line))}</p>" for line in section.lines)
    return _page(TITLE, [f'<p class="made">{html.escape(made_on_line(record))}</p>', *body],
                 printable=True)


def message_page(title: str, lines: Sequence[str]) -> str:
    """A short page for a link that has expired or is not right."""
    return _page(title, [f"<p>{html.escape(line)}</p>" for line in lines], printable=False)


EXPIRED_LINES = ["This summary link has expired, so the summary is no longer kept.",
                 "Go back to the chat and say \u201cmake my summary\u201d to make a new one."]
UNKNOWN_LINES = ["This summary link is not right. Please check you copied all of it.",
                 "You can also go back to the chat and say \u201cmake my summary\u201d."]
UNAVAILABLE_LINES = ["Sorry, the summary cannot be shown just now. Please try again soon."]


def _page(title: str, body: List[str], printable: bool) -> str:
    button = ('<p class="no-print"><button type="button" id="print">Print or save as PDF'
              '</button></p>') if printable else ""
    script = '<script src="/static/summary.js" defer></script>' if printable else ""
    return (
        "<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"robots\" content=\"noindex, nofollow\">\n"
        f"<title>{html.escape(title)}</title>\n"
        "<link rel=\"stylesheet\" href=\"/static/summary.css\">\n"
        f"{script}\n</head>\n<body>\n<main>\n<h1>{html.escape(title)}</h1>\n{button}\n"
        + "\n".join(body) + "\n</main>\n</body>\n</html>\n")
