"""Everything the bot says that carries content, composed from the facts.

Each function returns a list of chat messages (short, one idea each, reading
grade 8 or lower). Figures are never typed here: they come from
``bot.facts`` so that a correction to the facts file reaches every answer.
"""
from __future__ import annotations

from typing import Callable, Dict, List, Optional, Tuple, Union

from bot.facts import Confidence, Direction, Finding, Kind, Population, facts
from bot.glossary import define
from bot.pictures import Picture, picture_for, pictures_for
from bot.profile import AgeGroup, Transplant
from bot.selection import select

Messages = List[str]
Part = Union[str, Picture]  # a chat message, or an icon array to show at that point

_AGE_WORDS = {
    AgeGroup.UNDER_65: "under {cut}",
    AgeGroup.AGE_65_OR_OVER: "{cut} or over",
}
_TRANSPLANT_WORDS = {
    Transplant.HAD: "you have had a stem cell transplant",
    Transplant.PLANNED: "a stem cell transplant is planned for you",
    Transplant.COULD_NOT: "you have not had a stem cell transplant",
    Transplant.NOT_SURE: "you are not sure about a transplant",
}


def _month_year(published) -> str:
    return f"{published.strftime('%B')} {published.year}"


LAY_ONLY_NOTE = (
    "Figures marked (study summary) come from the study's plain-language summary. "
    "We could not check them in the paper itself."
)


def _lay_only_figure(f: Finding) -> bool:
    return f.confidence is Confidence.LAY_ONLY and f.kind is not Kind.STATEMENT


def _said(f: Finding) -> str:
    """A finding's sentences, tagged when its figure is from the lay summary only."""
    return f.text() + (" (study summary)" if _lay_only_figure(f) else "")


def _with_note(findings: List[Finding], messages: List[Part]) -> List[Part]:
    if any(_lay_only_figure(f) for f in findings):
        return messages + [LAY_ONLY_NOTE]
    return messages


_POPULATION_WORDS = {
    Population.TRANSPLANT: "people who had a transplant",
    Population.NO_TRANSPLANT: "people who could not have a transplant",
    Population.UNDER_65: "people under {cut}",
    Population.AGE_65_OR_OVER: "people {cut} or over",
}


def _people(f: Finding) -> str:
    return _POPULATION_WORDS[f.population].format(cut=facts().thresholds.age_cut_off)


# --------------------------------------------------------------------------
# Greeting and framing
# --------------------------------------------------------------------------
def greeting() -> Messages:
    s = facts().study
    return [
        "Hello. I am an automated tool, not a doctor. I give facts, not medical advice.",
        f"I explain one study: the {s.name} trial of lenalidomide maintenance for "
        f"myeloma. It was run in the UK and published in {s.journal} in "
        f"{_month_year(s.published_online)}. Newer treatments have come since then.",
        "You can ask what it found for someone like you, or ask about side effects, "
        "new cancers, or how the study was done.",
    ]


def capabilities() -> Messages:
    return [
        f"I can tell you what the {facts().study.name} trial found. It tested "
        "lenalidomide as a maintenance treatment for myeloma.",
        "Try asking: What does it mean for me? How long did the myeloma stay away? "
        "Does it cause other cancers? How was the study done? What does open-label mean?",
        "I can't tell you what to do, give doses or read test results. Your "
        "haematologist can help with those.",
    ]


# --------------------------------------------------------------------------
# The tailored answer
# --------------------------------------------------------------------------
def describe_profile(age_group: Optional[AgeGroup], transplant: Optional[Transplant]) -> str:
    cut = facts().thresholds.age_cut_off
    parts = []
    if age_group in _AGE_WORDS:
        parts.append("you are " + _AGE_WORDS[age_group].format(cut=cut))
    if transplant in _TRANSPLANT_WORDS:
        parts.append(_TRANSPLANT_WORDS[transplant])
    if not parts:
        return "I don't know your age or transplant history, so here is the general picture."
    return "You told me " + " and ".join(parts) + ". Here is what the trial found."


def tailored(age_group: Optional[AgeGroup], transplant: Optional[Transplant]) -> Messages:
    """Benefits and harms for this profile, in the same format, side by side."""
    return [p for p in tailored_parts(age_group, transplant) if isinstance(p, str)]


def tailored_parts(age_group: Optional[AgeGroup],
                   transplant: Optional[Transplant]) -> List[Part]:
    """The tailored answer with each icon array right after the words it shows."""
    sel = select(age_group, transplant)
    out: List[Part] = [describe_profile(age_group, transplant)]
    out.append("Benefits seen in the trial. " + " ".join(_said(f) for f in sel.headlines))
    if transplant is Transplant.NOT_SURE or transplant is None:
        out.append("Whether it helped people live longer depended on having had a "
                   "transplant. Here are both groups.")
    out.append(" ".join(_said(f) for f in sel.survival))
    out.extend(pictures_for(sel.survival))
    if transplant is Transplant.PLANNED:
        out.append("In the trial, people started lenalidomide after their transplant. So "
                   "the transplant numbers fit you only once you have had it.")
    for helps, does_not in sel.tensions:
        out.append(
            f"Two findings pull different ways for you. Lenalidomide helped {_people(helps)} "
            f"live longer, but not {_people(does_not)}. You are in both groups. The trial "
            "does not say which counts more for you, so please ask your haematologist."
        )
    harms = [f for f in sel.caveats if f.direction.value == "harm"]
    limits = [f for f in sel.caveats if f.direction.value != "harm"]
    out.append("Harms seen in the trial. " + " ".join(_said(f) for f in harms))
    out.extend(pictures_for(harms))
    out.append("Some limits to keep in mind. " + " ".join(_said(f) for f in limits))
    out.append(
        "I can't tell you whether to take it. That is a choice to make with your "
        "haematologist. You could ask them what these numbers mean for you."
    )
    return _with_note(sel.headlines + sel.survival + sel.caveats, out)


# --------------------------------------------------------------------------
# Topic answers
# --------------------------------------------------------------------------
def _harms_line() -> str:
    return "The harms, in the same way. " + " ".join(_said(facts().finding(fid))
                                                      for fid in ("spm", "stopped"))


def _finding_answer(fid: str, lead: str) -> Callable[[], Messages]:
    """One finding; a benefit always comes with the harms beside it."""
    def answer() -> Messages:
        f = facts().finding(fid)
        out = [lead + " " + _said(f)]
        findings = [f]
        if f.direction is Direction.BENEFIT:
            out.append(_harms_line())
            findings += [facts().finding("spm"), facts().finding("stopped")]
        return _with_note(findings, out)
    return answer


def myeloma() -> Messages:
    return [
        "Myeloma is a cancer of the bone marrow, the soft tissue inside bones. It starts "
        "in plasma cells, a kind of white blood cell that helps fight germs.",
        "Too many of these cells crowd out healthy blood cells. This can cause bone pain, "
        "broken bones, tiredness and infections.",
        "Treatment can often control it for a long time, but it usually comes back. "
        "That is why doctors look at maintenance treatment.",
    ]


def maintenance() -> Messages:
    return [
        "Maintenance means taking a milder treatment for a long time after the first, "
        "stronger treatment has worked. It does not cure myeloma.",
        "The aim is to keep the myeloma under control for longer. In this trial people "
        "took it until their myeloma grew again.",
    ]


def lenalidomide() -> Messages:
    s = facts().study
    return [
        "Lenalidomide (brand name Revlimid) is a medicine taken as a capsule by mouth. "
        "It helps the immune system fight myeloma cells.",
        f"In the trial, people took it for {s.treatment_days_per_cycle} days, then had a "
        f"week off, in {s.treatment_cycle_days}-day cycles. They kept going until the "
        "myeloma grew again or they had to stop.",
        "Your own dose and plan can only come from your care team.",
    ]


def side_effects() -> Messages:
    return [
        "Lenalidomide can lower your blood counts. That makes infections and bleeding "
        "more likely. Other common side effects are tiredness, diarrhoea, rashes and "
        "blood clots. It can harm an unborn baby, so pregnancy must be avoided.",
        _said(facts().finding("stopped")),
        _said(facts().finding("spm")),
        "Your care team will check your blood often. Tell them about any new symptoms.",
        LAY_ONLY_NOTE,
    ]


def study_size() -> Messages:
    s = facts().study
    return [
        f"The study was large. {s.randomised_total:,} people took part at "
        f"{s.hospitals} NHS hospitals in {s.countries}.",
        f"By chance, like a coin toss, {s.randomised_lenalidomide:,} were picked to take "
        f"lenalidomide and {s.randomised_observation:,} to have check-ups only.",
    ]


def design() -> Messages:
    return [
        "People were put into groups by chance. That is called a randomised trial. It "
        "makes the groups alike, so the test is fair.",
        _said(facts().finding("open_label")),
        "There was no dummy pill (placebo). So it was not a blinded trial.",
    ]


def followup() -> Messages:
    s = facts().study
    return [
        f"Half of the people were followed for more than {s.median_followup_months} "
        f"months. The summary says some were followed for up to {s.max_followup_years} "
        "years.",
        "So we know less about what happens over many years, such as late side effects.",
    ]


def publication() -> Messages:
    s = facts().study
    return [
        f"The results came out in {s.journal} in {_month_year(s.published_online)}. They "
        f"are in its {s.journal_year} volume. The lead author was {s.lead_author}.",
        f"Doctors at {s.hospitals} NHS hospitals ran it. It was mainly paid for by the "
        f"charity {s.funder}. People joined between {s.recruitment_start_year} and "
        f"{s.recruitment_end_year}.",
        f"To look it up, search PubMed for {s.pmid}, or ask your team for the paper.",
    ]


def quality_of_life() -> Messages:
    return [
        _said(facts().finding("qol")),
        "How you feel matters. Ask your team what other patients say about living with "
        "the tablets.",
    ]


def other_evidence() -> Messages:
    s, c = facts().study, facts().context
    return [
        f"NICE advises the NHS. Since {c.nice_year}, its guidance {c.nice_guidance} has "
        "backed lenalidomide maintenance after a stem cell transplant.",
        f"Care has moved on. People in this trial started treatment between "
        f"{s.recruitment_start_year} and {s.recruitment_end_year}, before newer drugs such "
        "as daratumumab were used first.",
        "Your haematologist can tell you about newer studies that fit your case.",
    ]


def survival_overall() -> Messages:
    return [_said(facts().finding("os_all"))]


def why_profile() -> Messages:
    cut = facts().thresholds.age_cut_off
    return [
        f"The trial's results on living longer were different for people under {cut} "
        f"and {cut} or over, and for people who had a stem cell transplant or not. "
        "Your answers let me show the numbers that fit you.",
        "I only use your answers to pick the numbers. You can say skip, and I will show "
        "all the groups.",
    ]


def should_i_take() -> Messages:
    return [
        "I can't tell you whether to take lenalidomide. That choice is yours, made with "
        "your haematologist, who knows your health.",
        "Questions you could ask them: What would it do for someone like me? What side "
        "effects should I watch for? How would it change my daily life? What happens if "
        "I stop? Are there other choices?",
    ]


def dose() -> Messages:
    return [
        "I can't give advice about doses. Only your care team can set or change your "
        "dose, because it depends on your blood tests and kidneys.",
        "If you have missed a dose or are unsure what to take, call your hospital team "
        "or pharmacist.",
    ]


def test_results() -> Messages:
    return [
        "I can't read or explain your own test results. Your haematologist or specialist "
        "nurse can go through them with you.",
        "It can help to write down your questions before the appointment.",
    ]


def glossary(text: str) -> Messages:
    found = define(text)
    if found:
        return found
    examples = ["remission", "relapse", "median", "placebo", "open-label"]
    return [
        "I am not sure which word you mean. I can explain words like "
        + ", ".join(examples[:-1]) + f" and {examples[-1]}. Which word would you like?"
    ]


TOPICS: Dict[str, Callable[[], Messages]] = {
    "myeloma": myeloma,
    "maintenance": maintenance,
    "lenalidomide": lenalidomide,
    "remission": _finding_answer("pfs", "Lenalidomide kept the myeloma away for longer."),
    "second_relapse": _finding_answer(
        "pfs2", "Fewer people on lenalidomide had a second relapse or died."),
    "new_cancers": lambda: [
        "Yes, lenalidomide raised the chance of a new, different cancer a little. "
        + _said(facts().finding("spm")),
        "Your haematologist can help you weigh this risk against the longer time "
        "without myeloma.",
        LAY_ONLY_NOTE,
    ],
    "stopping": _finding_answer("stopped", "Some people could not keep taking it."),
    "side_effects": side_effects,
    "study_size": study_size,
    "design": design,
    "followup": followup,
    "publication": publication,
    "quality_of_life": quality_of_life,
    "other_evidence": other_evidence,
    "survival_overall": survival_overall,
    "should_i_take": should_i_take,
    "why_profile": why_profile,
    "dose": dose,
    "test_results": test_results,
    "capabilities": capabilities,
}


def topic(name: str, text: str = "") -> Messages:
    """The answer for a topic; unknown topics get the capabilities answer."""
    if name == "glossary":
        return glossary(text)
    return TOPICS.get(name, capabilities)()


# --------------------------------------------------------------------------
# The profile questions
# --------------------------------------------------------------------------
def ask_age(problem: Optional[str] = None) -> str:
    cut = facts().thresholds.age_cut_off
    question = (f"Are you under {cut}, or {cut} or over? You can type your age, "
                "or say you would rather not say.")
    if problem == "impossible":
        return "Sorry, I can't use that as an adult's age. " + question
    if problem == "ambiguous":
        return (f"Thanks. The trial split people at age {cut}, so I need to know "
                "which side you are on. " + question)
    return "The findings differ by age. " + question


def ask_transplant() -> str:
    return ("Have you had a stem cell transplant? This is where your own stem cells are "
            "collected and given back after strong chemo. You can also say you are not sure.")


def transplant_choices() -> List[Tuple[str, str]]:
    """(button title, text sent) pairs for the transplant question."""
    return [
        ("I had a transplant", "I had a transplant"),
        ("I could not have one", "I could not have a transplant"),
        ("Not sure", "I am not sure"),
    ]


def disclosure() -> str:
    """Said once at the start of a session that did not begin with a greeting."""
    s = facts().study
    return (f"Please note: I am an automated tool, not a doctor, and this is not medical "
            f"advice. I explain the {s.name} trial, published in "
            f"{_month_year(s.published_online)}.")


def age_choices() -> List[Tuple[str, str]]:
    """(button title, text sent) pairs for the age question."""
    cut = facts().thresholds.age_cut_off
    return [
        (f"Under {cut}", f"I am under {cut}"),
        (f"{cut} or over", f"I am {cut} or over"),
        ("Rather not say", "I would rather not say"),
    ]


# --------------------------------------------------------------------------
# Pictures that go with answers
# --------------------------------------------------------------------------
TAILORED_TITLE = "What the trial found for someone like you"
_TOPIC_PICTURES = {"new_cancers": ("spm",), "second_relapse": ("pfs2",),
                   "survival_overall": ("os_all",)}


def topic_parts(name: str, text: str = "") -> List[Part]:
    """A topic answer with its icon array, if any, after the first message."""
    messages: List[Part] = list(topic(name, text))
    pictures = [picture_for(fid) for fid in _TOPIC_PICTURES.get(name, ())]
    return messages[:1] + pictures + messages[1:]
