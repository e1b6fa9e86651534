"""Answers to what patients and carers ask beyond the trial's headline results.

Two kinds. Where the trial or the facts file has something to say (how long
people took it, whether it comes back, long-term safety, stage and genetic
risk), the answer says it, with the harms beside any benefit. Where it has
nothing (alcohol, other medicines, vaccines, travel, cost), the answer says
so kindly and names who can help instead: the haematologist, the specialist
nurse, the pharmacist, the fertility team, or a support line from the facts
file with its source.
"""
from __future__ import annotations

from typing import Callable, Dict, List, Optional, Sequence, Union

from bot.facts import facts
from bot.lines import Line, finding_line, join, main_harms_line, say
from bot.profile import AgeGroup, Transplant
from bot.selection import Pathway, select
from bot.symptoms import safety_line

Message = Union[str, Line]
Messages = Sequence[Message]


def _finding(fid: str) -> Line:
    return finding_line(facts().finding(fid))


def support_lines() -> Line:
    """'The Myeloma UK Infoline is free. It is open ... Call ... in the UK, or ...
    in Ireland.' (lines that share a name and hours are said together)."""
    lines = facts().support_lines
    same = [i for i, s in enumerate(lines) if (s.name, s.hours) == (lines[0].name,
                                                                      lines[0].hours)]
    numbers = [say(f"{{support_lines.{i}.number}} in "
                   f"{'the ' if lines[i].region == 'UK' else ''}{{support_lines.{i}.region}}")
               for i in same]
    calls = join(*numbers, sep=", or ")
    return join(say("The {support_lines.0.name} is {support_lines.0.cost}. It is open "
                    "{support_lines.0.hours}."), calls.with_text(f"Call {calls}."))


def more_support_lines() -> List[Line]:
    """The other support lines in the facts file, each with its hours and cost."""
    lines = facts().support_lines
    return [say(f"The {{support_lines.{i}.name}} is {{support_lines.{i}.cost}} too, on "
                f"{{support_lines.{i}.number}}. It is open {{support_lines.{i}.hours}}.")
            for i, line in enumerate(lines) if line.name != lines[0].name]


def every_support_line() -> Line:
    """Each support line in the facts file, in one message."""
    return join(support_lines(), *more_support_lines())


NOTHING_NEWER_ON_DURATION = ("For people who could not have a transplant, I know of no newer "
                             "report on how long to take it.")
STOP_WITH_THE_TEAM = ("I can't tell you when to stop. That is a choice to make with your "
                      "haematologist, never on your own. Newer studies are testing how long "
                      "to keep taking it, and your haematologist knows which fit you. Ask "
                      "them how long they would suggest for you, and when you would review "
                      "it together.")


def duration(age_group: Optional[AgeGroup] = None, transplant: Optional[Transplant] = None,
             about: Optional[str] = None) -> Messages:
    """How long people take it, and when they stop: what the trial did (and how
    many stopped, and for how long people were followed), what a later report
    from it found after a transplant (or that nothing newer is known here
    without one), and that stopping is decided with the team."""
    pathway = select(age_group, transplant).pathway
    later: List[Message] = []
    if pathway is not Pathway.NO_TRANSPLANT:
        later.append(_finding("duration"))
    if pathway is not Pathway.TRANSPLANT:
        later.append(NOTHING_NEWER_ON_DURATION)
    return [_finding("no_end_date"),
            join(_finding("stopped"),
                 say("Half of the people were followed for less than "
                     "{study.median_followup_months} months.")),
            join(*later), STOP_WITH_THE_TEAM]


def taking_break() -> Messages:
    """Stopping early or taking a break: not tested, so ask the team first; what
    the later report found about how long to keep taking it goes beside."""
    return [
        "The trial did not test stopping early or taking a break, so it can't say what "
        "a break would do.",
        "Please do not stop or pause it without talking to your team first. Doctors "
        "sometimes pause it, for example because of side effects. That is a choice "
        "they make with you.",
        _finding("duration"),
        "You could ask: What would a break mean for me? What should I watch for if I "
        "stop?",
    ]


def long_term() -> Messages:
    """Is it safe over many years? The trial can only say so much."""
    return [
        say("This trial can't say much about many years. Half of the people were "
            "followed for less than {study.median_followup_months} months, and some for "
            "up to {study.max_followup_years} years."),
        join("What it found:", _finding("spm"), _finding("clots")),
        join(_finding("blood_counts"), _finding("monitoring")),
        "Your haematologist can tell you what longer studies show, and how they check "
        "for problems over time.",
    ]


def relapse() -> Messages:
    """Will it come back, and when? Group figures, never a personal forecast."""
    return [
        "For most people, myeloma does come back at some point, even after good "
        "treatment. No one can say when for one person.",
        join("What the trial found for the group:", _finding("pfs")),
        main_harms_line(),
        "If it comes back, there are more treatments. Your haematologist can tell you "
        "how they will check for it.",
    ]


def staging() -> Messages:
    """Stage, genetic risk and frailty scores."""
    return [
        join(_finding("pfs_subgroups"), "The trial did not report its results by frailty "
             "score."),
        main_harms_line(),
        "I can't tell you what your own stage or scores mean. Your haematologist can "
        "explain them and what they mean for this choice.",
    ]


def other_drugs(named: Optional[str] = None) -> Messages:
    """Other myeloma drugs: this tool explains one trial only (and says back the
    drug they named, as they wrote it)."""
    return [
        say("I explain one trial, of lenalidomide maintenance, published in "
            "{study.published_online:month_year}. People in it started treatment before "
            "newer drugs such as daratumumab were used. So its figures may fit less well "
            "after them."),
        (f"This tool does not cover {named}. " if named else "")
        + "I don't give figures for other treatments, because I can't check them here.",
        "Your haematologist can tell you which other treatments are open to you and how "
        "they compare.",
    ]


def alcohol_food() -> Messages:
    """Alcohol, food and diet: not studied here."""
    return [
        "The trial did not look at alcohol or food, so I can't say what is safe for you.",
        "Your pharmacist or specialist nurse is the best person to ask. They know your "
        "other medicines and your blood counts.",
        "If lenalidomide gives you diarrhoea or makes you feel sick, tell your team.",
    ]


def other_medicines() -> Messages:
    """Other medicines and supplements: the pharmacist's question."""
    return [
        "I can't check whether medicines are safe together. The trial did not test "
        "supplements or herbal remedies.",
        "Ask your pharmacist or your haematology team before you start anything new. "
        "That includes herbal remedies, vitamins and painkillers you buy yourself.",
        "Tell any doctor, dentist or pharmacist you see that you take lenalidomide.",
    ]


def vaccines() -> Messages:
    """Vaccines: ask the team which and when."""
    return [
        "The trial did not test vaccines. Myeloma and its treatment can weaken the "
        "body's defences against infection, so vaccines matter. But some vaccines are not "
        "safe for everyone.",
        "I can't say which vaccines are right for you, or when. Ask your haematology team "
        "or specialist nurse which ones you should have, and when, before you have any.",
    ]


def travel() -> Messages:
    """Travel and holidays: plan it with the team."""
    return [
        "The trial did not look at travel, so I can't say whether a trip is safe for you.",
        "Talk to your team before you book. Ask how you would get your blood tests and "
        "capsules while away, and about travel insurance.",
        say("A temperature of {safety.fever_celsius} C or more on treatment needs help "
            "fast, wherever you are. Take your hospital's advice line number with you."),
    ]


def fertility() -> Messages:
    """Children, fertility and contraception: the rule said plainly first
    (docs/evidence.md, Safety; the pregnancy prevention programme)."""
    return [
        Line("No pregnancy should start while you, or your partner, take lenalidomide. It "
             "can seriously harm an unborn baby.", {"pregnancy"}),
        "Women who could get pregnant use reliable contraception and have pregnancy tests, "
        "as the pregnancy prevention programme says. Men who take it use condoms, because "
        "the drug can pass into semen. Your team explains how long before starting and "
        "after stopping the rules apply.",
        "If you would like children in the future, ask to see a fertility team. Your "
        "haematologist or specialist nurse can refer you.",
        say("If you might be pregnant while on lenalidomide, stop it and call your team or "
            "your hospital's {safety.hospital_line_hours}-hour advice line now. If the "
            "partner of a man taking it might be pregnant, she calls her doctor now and he "
            "tells his team."),
    ]


def cost() -> Messages:
    """Cost: depends on where you live."""
    return [
        "I can't tell you what it will cost you, because that depends on where you live "
        "and how your care is paid for.",
        say("In the UK, NICE advises the NHS. Its guidance {context.nice_guidance} "
            "({context.nice_year}) backs lenalidomide maintenance after a stem cell "
            "transplant."),
        # Not "your insurer" alone: most who ask are NHS patients (two reviews)
        "To find out what you would pay, and where to get help with it, ask your "
        "pharmacist or your nurse, or your insurer if you have one.",
    ]


def support() -> Messages:
    """Someone to talk to, for patients and for carers."""
    return [
        "It is natural to feel scared, low or worn out. You don't have to go through this "
        "alone. Support is there for patients and for the people who care for them.",
        every_support_line(),
        "Your specialist nurse can tell you about local support groups.",
        say("If it all feels too much, call {safety.crisis_lines.0.name} on "
            "{safety.crisis_lines.0.number}, at any time."),
    ]


def consolidation() -> Messages:
    """Consolidation and maintenance: what each word means, and what the trial tested."""
    return [
        "Consolidation is a short, extra course of treatment. It often comes soon after a "
        "transplant. Maintenance is a milder treatment that people take for a long time. It "
        "aims to keep the myeloma away.",
        "Myeloma XI tested maintenance with lenalidomide. It did not test consolidation, so I "
        "can't give figures for it.",
        "Ask your haematologist which of these is part of your plan. It may be one, or both.",
    ]


def options(possessive: str = "your", obj: str = "you") -> Messages:
    """The choices: the trial's two, and that newer ones exist. For a carer, said
    of the one they ask for ("his", "him")."""
    return [
        "The trial compared two choices after first treatment. One is lenalidomide "
        "maintenance. The other is no maintenance, with regular check-ups and treatment if "
        "the myeloma comes back.",
        f"Newer treatments and studies have come since then. {possessive.capitalize()} "
        f"haematologist knows which options are open to {obj}.",
        f"I can show what the trial found for someone like {obj}, with the harms beside the "
        "benefits. I can't choose for you.",
    ]


def other_condition(named: Optional[str] = None) -> Messages:
    """Another cancer or another drug: say plainly what this tool covers (and
    what it does not, by the name they used)."""
    return [
        "This tool only covers lenalidomide maintenance for myeloma, and what one trial "
        "found about it." + (f" It does not cover {named}." if named else "") +
        " Its figures do not apply to other cancers or other medicines.",
        "For another cancer, or a medicine for something else, please ask the team that "
        "treats it, or your pharmacist. They know your case.",
    ]


def who_was_studied() -> Messages:
    """Smouldering myeloma, MGUS, a donor transplant: who the trial was in, and
    what it did not study (its figures may not fit them)."""
    return [
        "The trial was in people with newly diagnosed myeloma who were starting their first "
        "treatment. Those who had a transplant had their own stem cells given back (an "
        "autologous transplant).",
        "It did not study smouldering myeloma or MGUS, which are watched rather than "
        "treated. It did not study a transplant from a donor, or plasma cell leukaemia. So "
        "its figures may not fit them.",
        "Your haematologist can say which findings, if any, apply to you.",
    ]


def kidneys() -> Messages:
    """"is len safe for kidneys, and did the trial include people with kidney problems":
    the facts file holds nothing on kidneys, which is said, and who sets the dose."""
    return [
        "The trial results I have give no figures about the kidneys, or for people with "
        "kidney problems on their own.",
        "Kidney function matters for the dose, which only your care team sets, from your "
        "blood tests. Ask your haematologist what it means for you.",
    ]


SIDE_EFFECTS_MORE = "You can ask me for all the harms seen in the trial."


def infection_risk() -> Messages:
    """Being around people who are ill, shielding: what the trial found about
    blood counts and infections, and the fever rule."""
    return [
        _finding("blood_counts"),
        "Ask your team what care to take around people who are ill, in crowds, or when "
        "something is going round. The right care depends on your blood counts. If you "
        "have been near someone with chickenpox, shingles or measles, tell your team.",
        safety_line("infection"),
        SIDE_EFFECTS_MORE,
    ]


def monitoring() -> Messages:
    """How often people go in: the visits are part of the choice (docs/evidence.md, harms)."""
    return [
        "In the trial, people on lenalidomide had regular blood tests and clinic visits. "
        "These check the blood counts and the myeloma. People with no maintenance had "
        "regular check-ups too.",
        "How often you go in depends on your hospital and on how you are. Ask your team how "
        "often it would be for you, and whether some checks can be done nearer home.",
    ]


def memory() -> Messages:
    """Memory and focus ('chemo brain'): not measured; who to tell; sudden confusion is urgent."""
    return [
        "The trial did not measure memory or thinking, so I have no facts about this.",
        "Some people find that treatment, tiredness and worry make it harder to remember "
        "things or to focus. Tell your team or specialist nurse, so they can check what may "
        "be causing it.",
        say("Sudden confusion is different. It needs a call to your hospital's "
            "{safety.hospital_line_hours}-hour advice line now."),
    ]


def end_of_life() -> Messages:
    """When treatment has stopped working: kind words, palliative care, and support lines."""
    return [
        # someone to talk to in the first message: a carer of someone terminally ill wrote
        # of time off work, and the support lines came fourth (the ninth session's open_26)
        join("I'm so sorry you are facing this. You do not have to face it alone.",
             every_support_line()),
        "A palliative care team helps with pain and other symptoms, and supports the whole "
        "family. It can help at any stage, not only at the very end. Ask the haematology "
        "team or the GP to refer you.",
        "This tool is about one choice after first treatment, so it can't help with what "
        "comes next.",
    ]


def work_driving() -> Messages:
    """Work and driving: not studied; tiredness matters; ask the team."""
    return [
        "The trial did not look at work or driving, so I can't say what it would mean for "
        "you.",
        "Tiredness is a common side effect, and it can make work or driving harder. Ask your "
        "team whether your treatment, or how you feel, affects driving. Ask too what other "
        "patients say about working on it, and what help there is if you need to change how "
        "you work.",
    ]


def steroids() -> Messages:
    """Dexamethasone (dex) and other steroids: given beside myeloma treatment, not
    what the trial's maintenance tested."""
    return [
        "Dexamethasone (dex) is a steroid often given with myeloma treatment. The trial's "
        "maintenance tested lenalidomide, not dex, so I have no figures about it.",
        "Many people say dex affects their sleep, mood, appetite or energy. Tell your team "
        "how it affects you. They may be able to help.",
    ]


TOPICS: Dict[str, Callable[[], Messages]] = {
    "duration": duration,
    "taking_break": taking_break,
    "long_term": long_term,
    "relapse": relapse,
    "staging": staging,
    "other_drugs": other_drugs,
    "alcohol_food": alcohol_food,
    "other_medicines": other_medicines,
    "vaccines": vaccines,
    "travel": travel,
    "fertility": fertility,
    "cost": cost,
    "support": support,
    "consolidation": consolidation,
    "options": options,
    "other_condition": other_condition,
    "who_was_studied": who_was_studied,
    "monitoring": monitoring,
    "infection_risk": infection_risk,
    "memory": memory,
    "end_of_life": end_of_life,
    "work_driving": work_driving,
    "steroids": steroids,
}

__all__: List[str] = ["TOPICS"]
