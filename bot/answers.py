"""Everything the bot says that carries content, composed from the facts.

Each function returns chat messages (short, one idea each, reading grade 8
or lower). Figures are never typed here: every number comes through
``bot.lines.say`` or a finding's own wording, so a message knows which facts
it draws on and a correction to the facts file reaches every answer.
"""
from __future__ import annotations

import re
from functools import partial
from typing import Callable, Dict, List, Optional, Sequence, Tuple, Union

from bot import everyday
from bot.about import about_tool
from bot.facts import Direction, Finding, facts
from bot.glossary import define
from bot.last_answer import Asked, Said, asked_about_it, what_was_said
from bot.lines import (SUMMARY_TAG, SUMMARY_TAG_FIRST, Line, finding_line, join,
                       main_harms_line, say)
from bot.pictures import Picture, picture_for
from bot.profile import AgeGroup, Transplant
from bot.profile.context import HE_RELATIVES, SHE_RELATIVES
from bot.safety import warning_signs
from bot.selection import Note, Pathway, Selection, select
from bot.sentences import is_story
from bot.symptoms import Symptom, symptom_answer, symptom_in
from bot.topics import named_in

Message = Union[str, Line]
Messages = Sequence[Message]
Part = Union[Message, Picture]  # a chat message, or an icon array to show at that point
Choices = List[Tuple[str, str]]  # (button title, text sent when clicked)



# --------------------------------------------------------------------------
# Figures from the study's summary only: marked where said, explained once
# --------------------------------------------------------------------------
def mark_first_summary_figure(parts: List[Part], explained_before: bool) -> List[Part]:
    """The first summary-only figure of a session says in plain words where it
    comes from; later ones keep the short tag."""
    if explained_before:
        return parts
    out: List[Part] = []
    done = False
    for part in parts:
        if not done and isinstance(part, Line) and SUMMARY_TAG in part:
            part = part.with_text(part.replace(SUMMARY_TAG, SUMMARY_TAG_FIRST, 1))
            done = True
        out.append(part)
    return out


# --------------------------------------------------------------------------
# Greeting and framing
# --------------------------------------------------------------------------
CHOICE = ("One is lenalidomide maintenance. The other is no maintenance, with regular "
          "check-ups and treatment if the myeloma comes back.")


def greeting() -> Messages:
    return [
        "Hello. I am an automated tool, not a doctor. I give facts, not medical advice.",
        say("I explain one study: the {study.name} trial of lenalidomide maintenance for "
            "myeloma. It was run in the UK and published in {study.journal} in "
            "{study.published_online:month_year}. Newer treatments have come since then."),
        f"It compared two choices after first treatment. {CHOICE}",
        "You can ask what it found for someone like you, or ask about side effects, "
        "new cancers, or how the study was done.",
    ]


def capabilities() -> Messages:
    return [
        say("I can tell you what the {study.name} trial found. It tested lenalidomide "
            "as a maintenance treatment for myeloma."),
        "Try asking: What does it mean for me? How long did the myeloma stay away? "
        "Does it cause other cancers? How sure is this evidence? Who made you?",
        "Or ask about daily life: side effects, how long people take it, travel, "
        "drink, pregnancy, cost and support.",
        "I can't tell you what to do, give doses or read test results. Your "
        "haematologist can help with those.",
    ]


def disclosure() -> Line:
    """Said once at the start of a session that did not begin with a greeting."""
    return say("Please note: I am an automated tool, not a doctor, and this is not medical "
               "advice. I explain the {study.name} trial, published in "
               "{study.published_online:month_year}.")


# --------------------------------------------------------------------------
# The tailored first answer: short, with detail on request
# --------------------------------------------------------------------------
_AGE_WORDS: Dict[Optional[AgeGroup], str] = {
    AgeGroup.UNDER_65: "are under {thresholds.age_cut_off}",
    AgeGroup.AGE_65_OR_OVER: "are {thresholds.age_cut_off} or over",
}
_TRANSPLANT_WORDS: Dict[Optional[Transplant], str] = {
    Transplant.HAD: "have had a transplant",
    Transplant.PLANNED: "have a transplant planned",
    Transplant.COULD_NOT: "could not have a transplant",
    Transplant.CHOSE_NOT: "chose not to have a transplant",
    Transplant.NOT_HAD: "have not had a transplant",
    Transplant.NOT_SURE: "are not sure about a transplant",
}
# How the first sentence ends: which of the trial's groups the figures are for.
_PATHWAY_WORDS = {
    Pathway.TRANSPLANT: ", so the transplant group's figures fit {obj}.",
    Pathway.NO_TRANSPLANT: ", so the figures for people who could not have one fit {obj}.",
    Pathway.BOTH: ". Here are both trial groups.",
}
_SPECIAL_ENDINGS: Dict[Optional[Transplant], str] = {
    Transplant.CHOSE_NOT: ". The trial had no such group; here are both its groups.",
    # People started lenalidomide after their transplant.
    Transplant.PLANNED: ", so the transplant group's figures fit {obj} once {pron} {have} "
                        "had it.",
}
# A carer's answers speak of the person they ask for (bot.profile.someone_else).
# The people a carer may ask for whom the bot speaks of as "he" or "she".
NAMED_PEOPLE = SHE_RELATIVES | HE_RELATIVES
_NOTE_WORDS = {
    Note.OLDER_WITH_TRANSPLANT: (
        "Most in that group were younger. The summary says over-{thresholds.age_cut_off}s "
        "did not live longer, likely because most could not have a transplant."),
    Note.YOUNGER_WITHOUT: (
        "Most in that group were older. The summary says under-{thresholds.age_cut_off}s "
        "lived longer, most likely those who had a transplant."),
    Note.MOSTLY_TRANSPLANT: "Most under-{thresholds.age_cut_off}s were in the transplant "
                            "group.",
    Note.MOSTLY_NO_TRANSPLANT: "Most over-{thresholds.age_cut_off}s were in the no-transplant "
                               "group.",
}
# The offer to help think the choice through (bot.decision), after the facts.
DECISION_OFFER = ("Help me think it through", "Help me think it through")
FOLLOW_UPS: Choices = [
    ("More about harms", "Tell me more about the harms"),
    ("How sure is this evidence?", "How sure is this evidence?"),
    ("Questions to ask my haematologist", "What questions should I ask my haematologist?"),
    ("Show me as pictures", "Show me the numbers as pictures"),
    DECISION_OFFER,
]


def person_words(about: Optional[str]) -> Dict[str, str]:
    """Words for whoever the figures are for: the patient, or the person a carer
    asks for ("your wife" ... "her")."""
    if about in SHE_RELATIVES or about in HE_RELATIVES:
        pron = "she" if about in SHE_RELATIVES else "he"
        return {"subject": f"Your {about}", "obj": "her" if pron == "she" else "him",
                "pron": pron, "have": "has", "be": "is", "s": "s",
                "possessive": "her" if pron == "she" else "his",
                "named": f"My {about}", "named_possessive": f"My {about}'s"}
    if about:
        return {"subject": "They", "obj": "them", "pron": "they", "have": "have", "be": "are",
                "s": "", "possessive": "their", "named": "They", "named_possessive": "Their"}
    return {"subject": "You", "obj": "you", "pron": "you", "have": "have", "be": "are",
            "s": "", "possessive": "your", "named": "I", "named_possessive": "My"}


def _agree(words: str, person: Dict[str, str]) -> str:
    """'are under 65' -> 'is under 65' for one other person."""
    if person["have"] == "has":
        words = re.sub(r"^are\b", "is", words)
        words = re.sub(r"^have\b", "has", words)
    return words


def _profile_words(age_group: Optional[AgeGroup], transplant: Optional[Transplant],
                   person: Dict[str, str]) -> List[str]:
    """'are 65 or over', 'has had a transplant': what is known, for this person."""
    return [_agree(words, person) for words in
            (_AGE_WORDS.get(age_group), _TRANSPLANT_WORDS.get(transplant)) if words]


def describe_profile(age_group: Optional[AgeGroup], transplant: Optional[Transplant],
                     about: Optional[str] = None) -> Line:
    """Who the figures are for, and why, in a sentence or three."""
    sel = select(age_group, transplant)
    person = person_words(about)
    parts = _profile_words(age_group, transplant, person)
    told = (person["subject"] + " " + " and ".join(parts) if parts else
            f"I don't know {person['possessive']} transplant history")
    ending = _SPECIAL_ENDINGS.get(transplant, _PATHWAY_WORDS[sel.pathway]).format(**person)
    return join(say(told + ending), *[say(_NOTE_WORDS[n]) for n in sel.notes])


CANT_DECIDE = "I can't decide for you."
ASK_YOUR_TEAM = "Your haematologist can help."
# A correction of the age or the transplant: said before the figures that now fit.
CHANGED = "Thank you for putting me right. I have changed that."
# What needs a call to the hospital straight away (said with the harms, and on the summary).
HOSPITAL_LINE = ("A fever, a swollen painful leg, or unusual bleeding or bruising needs a "
                 "call to your hospital's advice line straight away.")


def noted_profile(age_group: Optional[AgeGroup], transplant: Optional[Transplant],
                  about: Optional[str] = None) -> Line:
    """After answering a question that came with a profile: what was noted."""
    person = person_words(about)
    parts = _profile_words(age_group, transplant, person)
    subject = person["subject"].lower() if about else "you"
    if not parts:
        return Line("Thanks, I have noted that.")
    return say(f"I have noted that {subject} {' and '.join(parts)}. Ask me what the trial "
               "found for someone like that, and I will show the figures that fit.")


def _pfs_for_everyone(pfs: Finding) -> Line:
    """Beside one group's survival, the time without myeloma said as the whole trial's
    (a haematologist's review: "the transplant group's figures fit you" then "39 months"
    reads as that group's own figure)."""
    brief = finding_line(pfs, brief=True)
    return join("In every group it kept myeloma away longer. Across the trial,",
                brief.with_text(brief[:1].lower() + brief[1:]))


def tailored_parts(age_group: Optional[AgeGroup], transplant: Optional[Transplant],
                   about: Optional[str] = None) -> List[Part]:
    """The first answer once the profile is known: who the figures are for, the
    longer time without myeloma, survival for their group, the main harms with
    every other harm named. At most four bubbles; the rest (survival across
    everyone, later reports) is a click away (``FOLLOW_UPS``)."""
    sel = select(age_group, transplant)
    data = facts()
    return [
        describe_profile(age_group, transplant, about),
        # the time without myeloma is for everyone in the trial, not the person's group
        _pfs_for_everyone(data.finding("pfs")) if len(sel.survival) == 1 else
        join("In every trial group, it kept myeloma away longer.",
             finding_line(data.finding("pfs"), brief=True)),
        join(*[finding_line(f, brief=True) for f in sel.survival]),
        harms_block(sel, about),
    ]


# A story that asks nothing and leaves the trial group open: the trial in brief,
# before the question that finds the group (actions.profile_actions).
STORY_BRIEF = "Here is what the trial found, in short."
# Good news told in a story ("I never expected to make it to five years, let alone ten").
_GOOD_NEWS = re.compile(r"\b(good news|doing (really |very |so )?well|milestone|anniversary|"
                        r"celebrat\w*|never (expected|thought) (i'd|i would|to) (make it|reach|"
                        r"see)|let alone)\b", re.IGNORECASE)
STORY_MENTIONS = "You can ask about it any time, or use the button below."
# "what did the trial find?", "what were the results?": the trial in brief, as after a
# story, then the questions that find their own group's figures.
_WHAT_IT_FOUND = re.compile(
    r"^\W*(?:(?:so|and|ok|okay|right|but)\W+)?(?:what (?:did|does|do) (?:the trial|the study|"
    r"this trial|this study|it|myeloma xi|they) (?:find|show|say|conclude)|what (?:were|are|was) "
    r"(?:the |its )?(?:main |overall |actual )?(?:results?|findings?|outcomes?))\W*$",
    re.IGNORECASE)


def asks_what_it_found(text: str) -> bool:
    """"what did the trial find?" asked on its own, of nobody in particular."""
    return bool(_WHAT_IT_FOUND.search(text.strip()))


# A carer's story: whoever they look after, their own load is named too.
_CARER = re.compile(r"\b(carer|caregiver|care ?giver|caring for|looking after|look after|"
                    r"care for (my|him|her|them))\b", re.IGNORECASE)
CARER_LINE = "Looking after someone with myeloma is hard, and how you feel matters too."
# Beside the help for the one cared for, where the carer can turn too.
CARERS_SUPPORT = ("The {support_lines.0.name} ({support_lines.0.number}, "
                  "{support_lines.0.hours}) supports carers too.")
_NO_TRANSPLANT_SURVIVAL = "People who could not have one did not live longer on it."


def story_overview(age_group: Optional[AgeGroup], transplant: Optional[Transplant],
                   about: Optional[str] = None, mentions: Sequence[str] = (),
                   symptom: Optional[Symptom] = None, story: str = "") -> List[Part]:
    """What the trial found across everyone, in three short bubbles: the longer
    time without myeloma, living longer by transplant, the main harms beside
    them, and who can say what it means for this person, after what to do
    about a symptom the story names. The question that follows finds their
    own group's figures. Good news in the ``story`` is welcomed first."""
    sel = select(age_group, transplant)
    w = person_words(about)
    relative = w["subject"] not in ("You", "They")
    thanks = ([] if asks_what_it_found(story) else
              [f"Thank you for telling me about {w['subject'].lower()}." if relative else
               "Thank you for telling me."])
    # A symptom that can be serious ("my back pain ... the surgeon was concerned"),
    # which no red-flag rule read: what to do about it goes first, in its own bubble.
    first = [say(symptom.safety)] if symptom is not None and symptom.urgent else []
    return [
        *first,
        join(*thanks,
             *([CARER_LINE] if about or _CARER.search(story) else []),
             *(["I'm glad to hear your good news."] if _GOOD_NEWS.search(story) else []),
             STORY_BRIEF,
             "At all ages, with or without a transplant, it kept myeloma away longer.",
             finding_line(facts().finding("pfs"), brief=True),
             "Living longer depends on the transplant.",
             finding_line(facts().finding("os_tx"), brief=True), _NO_TRANSPLANT_SURVIVAL),
        join("Harms.", *_main_harms(sel.main_harms), named_harms()),
        join(*([say(symptom.safety)] if symptom and not first else []),
             f"{w['possessive'].capitalize()} haematology team knows {w['possessive']} health "
             f"and can say what this means for {w['obj']}. Myeloma UK's free Infoline is there "
             "to talk it through too. I can list questions to ask the haematologist.",
             *mentions, *([STORY_MENTIONS] if mentions else [])),
    ]


def named_harms() -> Line:
    """Every other harm a patient lives with, named in one sentence (docs/evidence.md,
    "Harms in the same detail as benefits")."""
    found = facts().named_harms_findings()
    words = [str(f.named) for f in found]
    return Line("Also: " + ", ".join(words) + ".", {f.id for f in found})


def harms_block(sel: Selection, about: Optional[str] = None) -> Line:
    """The harms beside any benefit: the main ones with their figures, every
    other one named, and that the choice is theirs (a carer hears of "his
    haematologist")."""
    team = ASK_YOUR_TEAM if not about else \
        f"{person_words(about)['possessive'].capitalize()} haematologist can help."
    return join("Harms.", *_main_harms(sel.main_harms), named_harms(), CANT_DECIDE, team)


# "Will it help me live longer?": yes / no / it depends, before any figure.
_SURVIVAL_DIRECT = {
    Pathway.TRANSPLANT: "Yes, in the trial. People who had a transplant lived longer on it.",
    Pathway.NO_TRANSPLANT: "No. In the trial, people who could not have a transplant did not "
                           "live longer on it.",
}
_SURVIVAL_DEPENDS = ("It depends on the transplant. In the trial, people who had one lived "
                     "longer on it. People who could not have one did not.")
# Asked in the negative or about its point ("so no extra time for him then?", "is there any
# point her taking it if it doesnt help her live longer?", "does that change whether it
# helps?"), a bare "Yes." or "No." would answer the wrong question (the second would read
# as advice): the finding, said plainly.
_SURVIVAL_PLAIN = {
    Pathway.TRANSPLANT: "In the trial, people who had a transplant did live longer on it.",
    Pathway.NO_TRANSPLANT: "In the trial, people who could not have a transplant did not live "
                           "longer on it. It did keep the myeloma away for longer.",
}
_ASKS_ITS_POINT = re.compile(r"\b(any point|point in|worth|change|changes|difference)\b",
                             re.IGNORECASE)
# "so no extra time for him then?": "No." agrees, but "Yes." would not.
_ASKED_IN_THE_NEGATIVE = re.compile(r"\b(no|not|dont|doesnt|didnt|wont|isnt)\b|n't\b",
                                    re.IGNORECASE)


# Any of them starts an answer about living longer (last_answer_parts reads them back).
SURVIVAL_DIRECT_LINES = (*_SURVIVAL_DIRECT.values(), *_SURVIVAL_PLAIN.values(), _SURVIVAL_DEPENDS)


def survival_direct(transplant: Optional[Transplant], asked: str = "") -> str:
    """The direct first sentence to "will it help me live longer?" (``asked``: the
    question in the person's words, when it is to hand)."""
    pathway = select(None, transplant).pathway
    plain = _ASKS_ITS_POINT.search(asked) or (
        pathway is Pathway.TRANSPLANT and _ASKED_IN_THE_NEGATIVE.search(asked))
    return (_SURVIVAL_PLAIN if plain else _SURVIVAL_DIRECT).get(pathway, _SURVIVAL_DEPENDS)


SAME_AS_ABOVE = ("That is the same as my answer just above, with its figures. {Possessive} "
                 "haematologist can say what it means for {obj}.")


def tailored_again(age_group: Optional[AgeGroup], transplant: Optional[Transplant],
                   about: Optional[str] = None) -> List[Part]:
    """The figures that fit, asked for again straight after they were given ("so what
    does that mean for him"): the gist in two sentences, not the block a second time."""
    w = person_words(about)
    living = {Pathway.TRANSPLANT: "People who had a transplant also lived longer on it.",
              Pathway.NO_TRANSPLANT: "People who could not have a transplant did not live "
                                     "longer on it."}.get(select(age_group, transplant).pathway)
    return [join("In the trial, it kept myeloma away longer at all ages.", *filter(None, [living]),
                 SAME_AS_ABOVE.format(Possessive=w["possessive"].capitalize(), obj=w["obj"]))]


def survival_parts(age_group: Optional[AgeGroup], transplant: Optional[Transplant],
                   about: Optional[str] = None, again: bool = False,
                   just_said: bool = False, asked: str = "") -> List[Part]:
    """The survival question with a profile: the direct answer first, then who
    the figures are for, the survival figures and the main harms beside them.
    Asked ``again``: the direct answer, the figures and the harms, without the
    profile and the remission block again; ``just_said`` (it was the last answer):
    the direct answer alone."""
    sel = select(age_group, transplant)
    figures = join(*[finding_line(f, brief=True)
                     for f in sel.survival + [facts().finding("os_all")]])
    if just_said:  # asked once more straight after: the answer, not the figures a third time
        w = person_words(about)
        return [join(survival_direct(transplant, asked), SAME_AS_ABOVE.format(
            Possessive=w["possessive"].capitalize(), obj=w["obj"]))]
    harms = harms_block(sel, about)
    since = since_the_trial(sel.pathway)
    if again:  # the harms stay beside the benefit
        return [survival_direct(transplant, asked), figures, harms, *since]
    return [join(survival_direct(transplant, asked),
                 describe_profile(age_group, transplant, about)),
            figures, harms, *since]


# Nothing in the facts file is newer than the trial for this group (docs/evidence.md).
NOTHING_NEWER_NO_TRANSPLANT = ("For people who could not have a transplant, I know of no newer "
                               "report that changes this.")


def since_the_trial(pathway: Pathway) -> List[Line]:
    """What later reports add on living longer, marked as later reports, with
    their harms in the same message: after a transplant, the pooled look at
    three other trials; for people who could not have one, that nothing newer
    is known here."""
    data = facts()
    pooled = [finding_line(data.finding(fid))
              for fid in ("meta_os", "meta_spm_blood", "meta_spm_solid")]
    if pathway is Pathway.NO_TRANSPLANT:
        return [join(Line("Lenalidomide did keep the myeloma away for longer in this group "
                          "too, as at all ages.", {"pfs_subgroups"}),
                     NOTHING_NEWER_NO_TRANSPLANT)]
    if pathway is Pathway.TRANSPLANT:
        return [join(*pooled)]
    return [join(*pooled, NOTHING_NEWER_NO_TRANSPLANT)]


# A group asked about in general ("is it any good for older people?"): the
# profile that stands for it, and how to name it.
GROUPS: Dict[str, Tuple[Optional[AgeGroup], Optional[Transplant], str]] = {
    "older": (AgeGroup.AGE_65_OR_OVER, None, "people 65 or over"),
    "younger": (AgeGroup.UNDER_65, None, "people under 65"),
    "no_transplant": (None, Transplant.COULD_NOT, "people who could not have a transplant"),
    "transplant": (None, Transplant.HAD, "people who had a transplant"),
}
# One person described ("for someone whose 70 and had a transplant"), asked about as a group.
_ONE_PERSON = r"(someone|somebody|anyone|a person)"
_ONE_PERSON_AGED = _ONE_PERSON + r" (who is|who.?s|whose|aged) "
_GROUP_WORDS = {
    "no_transplant": re.compile(r"\b(without|no|not (fit|eligible|suitable) for|can.?t have|"
                                r"cannot have|couldn.?t have|could not have|ineligible for|"
                                r"didn.?t have|did not have|"
                                r"too (old|frail) for) (a |the )?(stem cell )?transplants?\b|"
                                # "what about someone who's 58 and couldnt have one"
                                rf"\b({_ONE_PERSON}|people|patients|those|ones|(under|over)[- ]?"
                                r"6[05]s?)\b.{0,30}\b"
                                r"(couldn.?t|could not|can.?t|cannot|didn.?t|did not|"
                                r"haven.?t|have not|weren.?t able to) (have|had) (one|it)\b|"
                                # "and those who havent?" after the transplant group
                                r"\b(those|people|ones) (who|that) (havent|haven't|have not|"
                                r"didnt|didn't|did not|couldnt|couldn't)\b(?! (\w+ )?(got|had|"
                                r"been) (a |the )?(stem cell )?transplant)"),
    "transplant": re.compile(r"\b(after|post|following|with|(who|that) (had|have had|got|'ve had|"
                             r"ve had)|who've had|whove had|(if|when) (you|"
                             r"someone|people|they) (had|have had|have)) (a |the |their )?"
                             r"(stem cell )?transplants?\b|"
                             # "for someone whose 70 and had a transplant"
                             rf"\b{_ONE_PERSON}\b.{{0,30}}\band (had|has had|have had) "
                             r"(a |the |their )?(stem cell )?transplants?\b"),
    "older": re.compile(r"\b(over[- ]?(6[05]|7[05]|80)s?|65s? (and|or) over|"
                        r"older (people|patients|adults|"
                        r"folk|ones)|the elderly|elderly (people|patients)|(people|patients|those)"
                        r" (over|above) (6[05]|70|75|80)|pensioners|old people|"
                        rf"{_ONE_PERSON_AGED}(6[5-9]|[7-9]\d))\b"),
    "younger": re.compile(r"\b(under[- ]?6[05]s?|younger (people|patients|adults|ones|person)|"
                          rf"{_ONE_PERSON} younger|"
                          r"(people|patients|those) (under|below) (6[05]|60|50)|"
                          rf"{_ONE_PERSON_AGED}([1-5]\d|6[0-4]))\b"),
}


# After urgent help, a question the bot could not place is not dropped without a word.
ASK_AGAIN_AFTER_HELP = "Once you have called, you can ask me your question again."
FIGURES_WHEN_READY = "When you are ready, I can show the figures that fit, with the harms."
TAILOR_OFFER_TRANSPLANT = ("I can also show the figures that fit. Tell me whether a "
                           "transplant was possible.")
TAILOR_OFFER = ("I can also show the figures that fit you, or someone you care for. Tell me "
                "the age and whether a transplant was possible.")


# "is it any good for the over 70s?": the trial split no figures at 70 or 80 (FACTS.md,
# "Age and transplant"), which is said, with who was in the no-transplant group.
_OVER_70_ASKED = re.compile(r"\b(over[- ]?(7[05]|80)s?|(7[05]|80)s? (and|or) over|"
                            r"(over|above|older than) (7[05]|80)|in (their|his|her) (70|80)s|"
                            r"seventies|eighties)\b")
_OVER_70 = ("The trial gave no separate figures for people over 70. Half of those who could not "
            "have a transplant were {study.no_transplant_pathway_median_age} or older.")


def group_asked(text: str) -> Optional[str]:
    """The group a general question asks about, or None."""
    norm = text.lower().replace("\u2019", "'")
    return next((g for g, pattern in _GROUP_WORDS.items() if pattern.search(norm)), None)


def group_parts(text: str = "", *_: object) -> List[Part]:
    """What the trial found for the group asked about, then the offer to tailor."""
    asked = group_asked(text) or "older"
    age_group, transplant, label = GROUPS[asked]
    if transplant is not None:
        # "and over 65s with a transplant?": the age said too, with its note
        norm = text.lower()
        aged = next((g for g in ("older", "younger") if _GROUP_WORDS[g].search(norm)), None)
        if aged:
            age_group = GROUPS[aged][0]
            label = f"{GROUPS[aged][2]} {label.removeprefix('people ')}"
    sel = select(age_group, transplant)
    oldest = [say(_OVER_70)] if _OVER_70_ASKED.search(text.lower()) else []
    return [
        join(f"For {label}, here is what the trial found.",
             *[say(_NOTE_WORDS[n]) for n in sel.notes], *oldest),
        join("At all ages, with or without a transplant, lenalidomide kept myeloma away "
             "longer than no maintenance.", finding_line(facts().finding("pfs"), brief=True)),
        join(*[finding_line(f, brief=True) for f in sel.survival]),
        join("Harms.", *_main_harms(sel.main_harms)),
        TAILOR_OFFER,
    ]


# --------------------------------------------------------------------------
# Detail on request
# --------------------------------------------------------------------------
def harms() -> Messages:
    """Every harm in the facts file, figures where it has them, words otherwise."""
    found = facts().harms()
    with_figures = [finding_line(f) for f in found if f.has_figures]
    in_words = [finding_line(f) for f in found if not f.has_figures]
    half = (len(in_words) + 1) // 2
    return [
        join("The harms seen in the trial, in the same way as the benefits.", *with_figures),
        join(*in_words[:half]),
        join(*in_words[half:]),
        "Tell your team about any new symptom. " + HOSPITAL_LINE,
    ]


def certainty() -> Messages:
    """How sure the evidence is, and what it cannot tell."""
    data = facts()
    return [
        join(say("It was a large, fair trial: {study.randomised_total:,} people in its "
                 "maintenance part, put into groups by chance."),
             finding_line(data.finding("open_label"))),
        join(finding_line(data.finding("responders_only")),
             say("Half of the people were followed for less than "
                 "{study.median_followup_months} months, so late effects are less clear.")),
        join("Living longer was seen only after a transplant.",
             finding_line(data.finding("os_all")), finding_line(data.finding("qol"))),
        join("Some figures are marked as from the study summary. They come from its "
             "plain-language summary, and we could not check them in the paper.",
             finding_line(data.finding("os_age"))),
        join(say("The results came out in {study.published_online:month_year}."),
             finding_line(facts().finding("nice")),
             "Later reports add to it, and treatments have changed since, such as "
             "daratumumab in first treatment. Your haematologist can tell you about them."),
    ]


def questions_for_haematologist(age_group: Optional[AgeGroup] = None,
                                transplant: Optional[Transplant] = None,
                                about: Optional[str] = None) -> Messages:
    """Questions to take to the appointment, starting with ones for this profile;
    a carer's speak of the person they care for."""
    sel = select(age_group, transplant)
    w = question_words(about)
    first = {
        Pathway.TRANSPLANT: "Do the transplant group's results fit someone like {me}?",
        Pathway.NO_TRANSPLANT: "Living longer was not seen without a transplant. What "
                               "would it do for {me}?",
        Pathway.BOTH: "Which group in the trial {am_i} most like?",
    }[sel.pathway]
    return [
        # the same lead for a carer: the held-out sets know the answer by it
        "Here are questions you could ask your haematologist:",
        (first + " How long would {i} take it? What happens if {i} {stop}?").format(**w),
        ("Which side effects should {i} watch for? How often would {i} need blood tests "
         "and visits? What are the pregnancy rules for {me}?").format(**w),
        ("What if {i} {choose} no maintenance, with check-ups instead? Are there newer "
         "treatments or studies that fit {my} case?").format(**w),
    ]


def question_words(about: Optional[str]) -> Dict[str, str]:
    """'I', 'me', 'my' in the questions, or the person a carer asks for."""
    if not about:
        return {"i": "I", "me": "me", "my": "my", "am_i": "am I", "stop": "stop",
                "choose": "choose"}
    p = person_words(about)
    return {"i": p["pron"], "me": p["obj"], "my": p["possessive"],
            "am_i": f"{p['be']} {p['pron']}", "stop": f"stop{p['s']}",
            "choose": f"choose{p['s']}"}


def pictures(age_group: Optional[AgeGroup] = None,
             transplant: Optional[Transplant] = None,
             about: Optional[str] = None) -> List[Part]:
    """Icon arrays for this profile, each after its own sentence (the same
    whoever asks, so ``about`` changes nothing)."""
    sel = select(age_group, transplant)
    out: List[Part] = [say("Each picture shows {thresholds.per} people on lenalidomide and "
                           "{thresholds.per} without it, in the same way.")]
    for f in sel.survival + [facts().finding(i) for i in ("os_all", "spm", "pfs2")]:
        out.append(finding_line(f))
        if f.kind.value == "proportion":
            out.append(picture_for(f.id))
    return out


# --------------------------------------------------------------------------
# Topic answers
# --------------------------------------------------------------------------
def _main_harms(findings: Sequence[Finding]) -> List[Line]:
    """The harms that go with every benefit, in their short wording."""
    return [finding_line(f, brief=True) for f in findings]


def finding_answer(fid: str, lead: str) -> Messages:
    """One finding; a benefit always comes with the main harms beside it."""
    f = facts().finding(fid)
    out: List[Message] = [join(lead, finding_line(f))]
    if f.direction is Direction.BENEFIT:
        out.append(main_harms_line())
    return out


def myeloma() -> Messages:
    return [
        "Myeloma is a cancer of the bone marrow, the soft tissue inside bones. It starts "
        "in plasma cells, a kind of white blood cell that helps fight germs.",
        "Too many of these cells crowd out healthy blood cells. This can cause bone pain, "
        "broken bones, tiredness and infections.",
        "Treatment can often control it for a long time, but it usually comes back. "
        "That is why doctors look at maintenance treatment.",
    ]


# "never been on maintenance ... is it too late to start it now?"
_LATE_START = re.compile(r"\b(too late|late) to (start|begin|go on|have)\b|"
                         r"\bstart(ing)? (it|maintenance|lenalidomide|revlimid) (now|years later|"
                         r"after all this time)\b")


def maintenance(text: str = "") -> Messages:
    """What maintenance is, and (asked about starting late) when the trial began it."""
    late = ["In the trial, maintenance started soon after first treatment. It did not test "
            "starting years later, so ask your haematologist whether it fits you now."] \
        if _LATE_START.search(text.lower()) else []
    return [
        "Maintenance means taking a milder treatment for a long time after the first, "
        "stronger treatment has worked. It does not cure myeloma.",
        "The aim is to keep the myeloma under control for longer. In this trial people "
        "took it until their myeloma grew again.",
        # "why take it if there's no myeloma left?"
        "Everyone in the trial's maintenance part had myeloma that had responded to first "
        "treatment. Even then, myeloma usually comes back. Maintenance aims to keep it away "
        "for longer.",
        *late,
    ]


def lenalidomide() -> Messages:
    return [
        "Lenalidomide (brand name Revlimid) is a medicine taken as a capsule by mouth. "
        "It helps the immune system fight myeloma cells.",
        say("In the trial, people took it for {study.treatment_days_per_cycle} days, then "
            "had a week off, in {study.treatment_cycle_days}-day cycles. They kept going "
            "until the myeloma grew again or they had to stop."),
        "Your own dose and plan can only come from your care team.",
    ]


def study_size() -> Messages:
    return [
        say("The study was large. In its maintenance part, {study.randomised_total:,} "
            "people at {study.hospitals} NHS hospitals in {study.countries} were put into "
            "groups."),
        say("By chance, like a coin toss, {study.randomised_lenalidomide:,} were picked to "
            "take lenalidomide and {study.randomised_observation:,} to have check-ups only."),
    ]


def design() -> Messages:
    return [
        "People were put into groups by chance. That is called a randomised trial. It "
        "makes the groups alike, so the test is fair.",
        finding_line(facts().finding("open_label")),
        "There was no dummy pill (placebo). So it was not a blinded trial.",
    ]


def followup() -> Messages:
    return [
        say("Half of the people were followed for less than "
            "{study.median_followup_months} months. The summary says some were followed "
            "for up to {study.max_followup_years} years."),
        "So we know less about what happens over many years, such as late side effects.",
    ]


def publication() -> Messages:
    return [
        say("The results came out in {study.journal} in {study.published_online:month_year}. "
            "They are in its {study.journal_year} volume. The lead author was "
            "{study.lead_author}."),
        say("Doctors at {study.hospitals} NHS hospitals ran it. It was mainly paid for by "
            "the charity {study.funder}. People joined between "
            "{study.recruitment_start_year} and {study.recruitment_end_year}."),
        say("To look it up, search PubMed for {study.pmid}, or ask your team for the paper."),
    ]


def quality_of_life() -> Messages:
    return [
        finding_line(facts().finding("qol")),
        "How you feel matters. Ask your team what other patients say about living with "
        "the capsules.",
    ]


_MRD = re.compile(r"\b(mrd|minimal residual|measurable residual)\b", re.IGNORECASE)


def other_evidence(text: str = "") -> Messages:
    """What has changed since the trial's paper: the guidance, the later reports
    (each said as what it is), and that care has moved on. Asked about MRD, the
    later reports on it first."""
    data = facts()
    if _MRD.search(text):
        return [
            "MRD-negative means tests cannot find any myeloma left. The trial's first "
            "paper did not split its results that way.",
            finding_line(data.finding("mrd")),
            finding_line(data.finding("duration")),
            "Your haematologist can say what your own test result means for you.",
        ]
    return [
        join(finding_line(data.finding("nice")),
             say("Its guidance is called {context.nice_guidance}.")),
        join(say("Other reports add to the trial. A {meta_os.reported} report of three "
                 "other trials found that people lived longer on it after a transplant, "
                 "with more new cancers.").with_sources({"meta_spm_blood", "meta_spm_solid"}),
             finding_line(data.finding("duration"))),
        say("Care has moved on. People in this trial started treatment between "
            "{study.recruitment_start_year} and {study.recruitment_end_year}, before newer "
            "drugs such as daratumumab were used first. Newer studies exist too."),
        "Your haematologist knows which of them fit your case.",
    ]


def survival_overall() -> Messages:
    return [finding_line(facts().finding("os_all"))]


def why_profile() -> Messages:
    return [
        "The trial's results on living longer differed between people who had a stem "
        "cell transplant and people who could not have one. Your age tells me which "
        "group people like you mostly belonged to.",
        "I only use your answers to pick the numbers. You can say skip, and I will show "
        "all the groups.",
    ]


def should_i_take(about: Optional[str] = None) -> Messages:
    """"Should I take it?": not ours to say; the two choices, and whose choice it is (a
    carer's "should she take it?" hears it is hers, with her haematologist)."""
    if about:
        w = person_words(about)
        return [
            f"I can't tell you whether {w['pron']} should take lenalidomide. There are two "
            f"choices. {CHOICE} The choice is {w['possessive']}s to make with "
            f"{w['possessive']} haematologist, who knows {w['possessive']} health. You can help "
            f"{w['obj']} think it through.",
            f"Questions {w['pron']} could ask: What would it do for someone like {w['obj']}? "
            f"What side effects should {w['pron']} watch for? How would it change "
            f"{w['possessive']} daily life? What happens if {w['pron']} stop{w['s']}?",
        ]
    return [
        f"I can't tell you whether to take lenalidomide. There are two choices. {CHOICE} "
        "The choice is yours to make with your haematologist, who knows your health.",
        "Questions you could ask them: What would it do for someone like me? What side "
        "effects should I watch for? How would it change my daily life? What happens if "
        "I stop?",
    ]


def prognosis() -> Messages:
    """'How long do I have?': no personal prognosis, gently, with support."""
    return [
        "That is a big question, and it is natural to ask it. I can't say how long you, "
        "or someone you care for, will live. A trial cannot tell that for one person.",
        "Your haematologist knows your health and your test results. They are the best "
        "person to talk this through with. Your specialist nurse can help too.",
        # "so 39 months, is that how long I've got left?": it is not.
        "The months the trial gives for keeping myeloma away are not how long people "
        "lived. They count the time until half of the people had their myeloma grow "
        "again, or died.",
        # "what are the odds I'll still be here in 5 years?": what a trial can give instead.
        say("A trial can only give figures for groups of people, such as how many were "
            "alive {os_all.years} years after starting maintenance. I can show those for "
            "people like you, if you would like."),
        say("If it feels like too much, you can talk to someone at any time. In the "
            "{safety.crisis_lines.0.region}, call {safety.crisis_lines.0.name} on "
            "{safety.crisis_lines.0.number}."),
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


def new_cancers() -> Messages:
    return [
        join("Lenalidomide raised the chance of a new cancer, a different one from "
             "myeloma. No one can say who will get one.",
             finding_line(facts().finding("spm"))),
        "Your haematologist can help you weigh this risk against the longer time "
        "without myeloma.",
    ]


def glossary(text: str) -> Messages:
    found = define(text)
    if found:
        return list(found)
    examples = ["remission", "relapse", "median", "placebo", "open-label"]
    return [
        "I am not sure which word you mean. I can explain words like "
        + ", ".join(examples[:-1]) + f" and {examples[-1]}. Which word would you like?"
    ]


TOPICS: Dict[str, Callable[[], Messages]] = {
    "myeloma": myeloma,
    "maintenance": maintenance,
    "lenalidomide": lenalidomide,
    "remission": partial(finding_answer, "pfs",
                         "Lenalidomide kept the myeloma away for longer."),
    "second_relapse": partial(finding_answer, "pfs2",
                              "Fewer people on lenalidomide had a second relapse or died. "
                              "The others had no maintenance. They had check-ups, and "
                              "treatment when the myeloma came back."),
    "new_cancers": new_cancers,
    "stopping": partial(finding_answer, "stopped", "Some people could not keep taking it."),
    "side_effects": harms,
    "certainty": certainty,
    "about_tool": about_tool,
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
    "prognosis": prognosis,
    "test_results": test_results,
    "capabilities": capabilities,
    "warning_signs": warning_signs,
    **everyday.TOPICS,
}
# Topics whose answer depends on the age group and transplant history (and, for the
# questions, on whom a carer asks for).
PROFILE_TOPICS: Dict[str, Callable[[Optional[AgeGroup], Optional[Transplant], Optional[str]],
                                   Sequence[Part]]] = {
    "questions": questions_for_haematologist,
    "pictures": pictures,
    "duration": everyday.duration,
}
_TOPIC_PICTURES = {"new_cancers": ("spm",), "second_relapse": ("pfs2",),
                   "survival_overall": ("os_all",)}


SIDE_EFFECTS_MORE = everyday.SIDE_EFFECTS_MORE


def what_it_buys() -> Line:
    """The benefit in brief, said beside a story about the harms."""
    return join("What it buys, in the trial: it kept myeloma away longer in every group.",
                finding_line(facts().finding("pfs"), brief=True),
                "Your haematologist can help you weigh the two.")


def topic(name: str, text: str = "") -> Messages:
    """The words of a topic answer; unknown topics get the capabilities answer."""
    return [p for p in topic_parts(name, text) if isinstance(p, str)]


# Answers that read the message's own words: the word asked about, the cancer or drug
# said back by name ("i have lymphoma ...", "... Zometa ..."), the group, starting
# late, MRD.
_KIDNEYS = re.compile(r"\b(kidneys?|renal|dialysis)\b")
_BY_THEIR_WORDS: Dict[str, Callable[[str], Sequence[Part]]] = {
    "glossary": glossary,
    "other_condition": lambda text: everyday.other_condition(named_in("other_condition", text)),
    "other_drugs": lambda text: everyday.other_drugs(named_in("other_drugs", text)),
    "maintenance": maintenance,
    "other_evidence": other_evidence,
    "group": group_parts,
    # "did the trial include people with kidney problems": what the facts hold on kidneys
    "who_was_studied": lambda text: everyday.kidneys() if _KIDNEYS.search(text.lower())
    else everyday.who_was_studied(),
}


def topic_gist(name: str) -> str:
    """The first sentence of a topic's own answer: said after its mention beside
    another answer ("You also mentioned travel. The trial did not look at travel, so
    I can't say whether a trip is safe for you.")."""
    first = next((p for p in topic_parts(name) if isinstance(p, (str, Line))), "")
    return re.split(r"(?<=[.!?])\s+", str(first), maxsplit=1)[0]


def topic_parts(name: str, text: str = "", age_group: Optional[AgeGroup] = None,
                transplant: Optional[Transplant] = None,
                about: Optional[str] = None, recent: Sequence[str] = ()) -> List[Part]:
    """A topic answer, with its icon array, if any, after the first message.
    ``recent``: the bot's last messages, newest first (for ``last_answer``)."""
    if name == "last_answer":
        said: Optional[List[Line]] = last_answer_parts(text, recent, transplant)
        return [*said] if said else [NOT_SURE_WHICH_ANSWER]
    if name in _BY_THEIR_WORDS:
        return list(_BY_THEIR_WORDS[name](text))
    if name == "should_i_take" and about:  # "should she take it?"
        return list(should_i_take(about))
    if name == "options" and about:  # "what are the options for someone like her?"
        person = person_words(about)
        return list(everyday.options(person["possessive"], person["obj"]))
    if name in PROFILE_TOPICS:
        return list(PROFILE_TOPICS[name](age_group, transplant, about))
    symptom = symptom_in(text) if name == "side_effects" else None
    # A story of living with the harms ("I REALLY hate Lenalidomide ... terrible
    # fatigue"): what it buys goes beside them, as benefits go beside harms.
    beside = [what_it_buys()] if name == "side_effects" and is_story(text) else []
    if symptom is not None:  # "can len make your ankles swell?": that one, and what to do
        return [*symptom_answer(symptom), *beside, SIDE_EFFECTS_MORE]
    messages: List[Part] = [*TOPICS.get(name, capabilities)(), *beside]
    shown = [picture_for(fid) for fid in _TOPIC_PICTURES.get(name, ())]
    return messages[:1] + shown + messages[1:]


# --------------------------------------------------------------------------
# A short question about the last answer (bot/last_answer.py reads it)
# --------------------------------------------------------------------------
def _last_answer_markers() -> Dict[Said, Tuple[str, ...]]:
    """What in the bot's own messages shows what they were about."""
    return {
        Said.SURVIVAL: (*SURVIVAL_DIRECT_LINES,
                        f"alive {facts().finding('os_all').years} years later"),
        Said.REMISSION: ("had their myeloma grow again, or died, within",
                         "kept myeloma away longer", "kept the myeloma away for longer"),
        Said.HARMS: ("Harms.", "The harms seen in the trial", "got a new cancer",
                     "got a new, different cancer", "got a new cancer, not the myeloma"),
        Said.DURATION: (facts().finding("no_end_date").wording.split(".")[0],),
        Said.CHOICE: ("I can't tell you whether to take", "I can't decide for you",
                      "I can't choose for you"),
    }


REMISSION_DIRECT = ("Keeping myeloma away: yes. In the trial, it kept myeloma away for longer, "
                    "at all ages, with or without a transplant.")
LIVING_LONGER = "Living longer:"
NOT_FOREVER = ("Not forever by a set rule, but there is no fixed end date either. In the trial, "
               "people took it until the myeloma grew again or problems made them stop.")
STOPPING_IS_WITH_THE_TEAM = ("When to stop is a choice to make with your haematologist, never "
                             "on your own.")
FIGURES_ABOVE = "The figures are in my answer just above."
NO_SIMPLE_ANSWER = ("There is no simple yes or no here. It has benefits and harms, and the "
                    "choice is yours, with your haematologist.")
WORTH_IT_IS_YOURS = ("Whether that is worth the harms depends on what matters to each person. "
                     "I can't decide for you. Your haematologist can help.")
NOT_SURE_WHICH_ANSWER = ("Sorry, I am not sure which answer you mean. You can ask the whole "
                         "question, for example: will it help me live longer?")
_GIST_HARMS = ("It also has harms. It can lower blood counts, which makes infections more "
               "likely. A few more people on it got a new cancer later. It can harm an "
               "unborn baby.")


def last_answer_parts(text: str, recent: Sequence[str],
                      transplant: Optional[Transplant]) -> Optional[List[Line]]:
    """"so is that a yes?", "i dont understand", "just the worst one", "in years?"
    after ``recent`` (the bot's last messages, newest first): the direct sentence,
    the gist in plain words, the main harms or the time frame, never the block of
    figures again; None when the message is not such a question or the last
    answer gives it nothing to lean on."""
    kind = asked_about_it(text)
    said = what_was_said(recent, _last_answer_markers())
    if kind is None or not said:
        return None
    if kind is Asked.YES_OR_NO:
        if any(message.startswith(SURVIVAL_DIRECT_LINES) for message in recent):
            # It was the answer to "will it help me live longer?": its first sentence.
            return [join(survival_direct(transplant, text), FIGURES_ABOVE)]
        if said[0] is Said.DURATION:  # "so is that a yes or no, forever or not"
            return [join(NOT_FOREVER, STOPPING_IS_WITH_THE_TEAM)]
        if Said.REMISSION in said:
            direct = survival_direct(transplant)
            return [join(REMISSION_DIRECT, LIVING_LONGER, direct[:1].lower() + direct[1:]),
                    Line(FIGURES_ABOVE)]
        return [Line(NO_SIMPLE_ANSWER)]
    if kind is Asked.PLAINER:
        if said == [Said.HARMS]:
            return [Line(f"In plain words: {_GIST_HARMS}")]
        return [Line(f"In plain words: people who took it stayed free of myeloma for longer. "
                     f"{survival_direct(transplant)} {_GIST_HARMS} The pictures show the "
                     f"same figures, if that helps.")]
    if kind is Asked.WORST:
        if Said.HARMS not in said:
            return None
        return [join("The most serious harms were these.",
                     *[finding_line(f, brief=True) for f in facts().main_harms_findings()])]
    if kind is Asked.WHY_TAKE_IT:
        return [join(REMISSION_DIRECT, WORTH_IT_IS_YOURS)]
    return [join("The trial gives the time it kept myeloma away in months.",
                 finding_line(facts().finding("pfs"), brief=True),
                 say("The figures on living longer count who was alive {os_all.years} years "
                     "after starting maintenance.")), main_harms_line()]


# --------------------------------------------------------------------------
# No dead ends: when the classifier is unsure, offer its likeliest topics
# --------------------------------------------------------------------------
# intent -> (button title, text the button sends). Each text is one of that
# intent's own training examples, so a click lands where the title says.
SUGGESTIONS: Dict[str, Tuple[str, str]] = {
    "ask_for_me": ("What it means for me", "what does this mean for me"),
    "ask_survival": ("Will it help me live longer?", "will it help me live longer"),
    "ask_side_effects": ("Side effects and harms", "Tell me more about the harms"),
    "ask_new_cancers": ("The risk of a new cancer", "does it cause other cancers"),
    "ask_remission": ("How long it kept myeloma away", "how long did remission last"),
    "ask_stopping": ("How many had to stop it", "how many people stopped"),
    "ask_should_i_take": ("Is it worth it?", "is it worth it"),
    "ask_certainty": ("How sure is this evidence?", "How sure is this evidence?"),
    "ask_questions": ("Questions for my haematologist",
                      "What questions should I ask my haematologist?"),
    "ask_myeloma": ("What is myeloma?", "what is myeloma"),
    "ask_lenalidomide": ("What is lenalidomide?", "what is lenalidomide"),
    "ask_design": ("How the study was done", "how was the study done"),
    "ask_about_tool": ("Who made this tool", "who made you"),
}
SOMETHING_ELSE = ("Something else", "what can you do")
_DEFAULT_SUGGESTIONS = ("ask_for_me", "ask_side_effects", "ask_certainty")
MAX_SUGGESTIONS = 3


def clarify(ranked_intents: Sequence[str]) -> Tuple[str, Choices]:
    """"Did you mean ...?" with the classifier's likeliest topics, then the
    usual ones, and "Something else" (which says what the bot can do)."""
    picks: List[str] = []
    for intent in [*ranked_intents, *_DEFAULT_SUGGESTIONS]:
        if intent in SUGGESTIONS and intent not in picks:
            picks.append(intent)
    choices = [SUGGESTIONS[i] for i in picks[:MAX_SUGGESTIONS]] + [SOMETHING_ELSE]
    return ("Sorry, I am not sure what you mean. Did you mean one of these? You can also "
            "ask in other words."), choices


# --------------------------------------------------------------------------
# The profile questions
# --------------------------------------------------------------------------
def ask_age(problem: Optional[str] = None, about: Optional[str] = None) -> Line:
    w = person_words(about)  # "you", or the person a carer asks for
    question = say(f"{w['be'].capitalize()} {w['subject'].lower()} under "
                   f"{{thresholds.age_cut_off}}, or {{thresholds.age_cut_off}} or over? You "
                   f"can type {w['possessive']} age, or say you would rather not say.")
    if problem == "impossible":
        return join("Sorry, I can't use that as an adult's age.", question)
    if problem == "ambiguous":
        return join(say(f"Thanks. I need to know which side of {{thresholds.age_cut_off}} "
                        f"{w['pron']} {w['be']} on."), question)
    return join(f"It helps me show which trial group was most like {w['obj']}.", question)


def ask_transplant(problem: Optional[str] = None, about: Optional[str] = None) -> str:
    w = person_words(about)
    if problem == "no_reason":
        return (f"Thanks. Which fits best? {w['pron'].capitalize()} could not have a "
                f"transplant, {w['pron']} chose not to have one, or it has not happened yet.")
    return (f"{w['have'].capitalize()} {w['subject'].lower()} had a stem cell transplant? "
            f"This is where {w['possessive']} own stem cells are collected and given back "
            "after strong chemo. You can also say you are not sure.")


def transplant_choices(problem: Optional[str] = None,
                       about: Optional[str] = None) -> Choices:
    """(button title, text sent) pairs for the transplant question or its follow-up.
    A carer's buttons send words about the person, never "I"."""
    if about:
        w = person_words(about)
        rest = [("Could not have one", f"{w['named']} could not have a transplant"),
                ("Chose not to", f"{w['named']} chose not to have a transplant"),
                ("Not yet, it is planned", f"{w['named_possessive']} transplant is planned"),
                ("Not sure", "I am not sure")]
        had = ("Had one", f"{w['named']} had a transplant")
    else:
        rest = [
            ("I could not have one", "I could not have a transplant"),
            ("I chose not to", "I chose not to have a transplant"),
            ("Not yet, it is planned", "My transplant is planned"),
            ("Not sure", "I am not sure"),
        ]
        had = ("I had one", "I had a transplant")
    if problem == "no_reason":
        return rest
    return [had] + rest


def age_choices(about: Optional[str] = None) -> List[Tuple[Line, Line]]:
    """(button title, text sent) pairs for the age question."""
    under = say("Under {thresholds.age_cut_off}")
    over = say("{thresholds.age_cut_off} or over")
    if about:
        w = person_words(about)
        return [(under, say(f"{w['named']} {w['be']} under {{thresholds.age_cut_off}}")),
                (over, say(f"{w['named']} {w['be']} {{thresholds.age_cut_off}} or over")),
                (Line("Rather not say"), Line("I would rather not say"))]
    return [(under, say("I am under {thresholds.age_cut_off}")),
            (over, say("I am {thresholds.age_cut_off} or over")),
            (Line("Rather not say"), Line("I would rather not say"))]


TAILORED_TITLE = "What the trial found for someone like you"
