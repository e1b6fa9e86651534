"""Every message the bot can send, gathered in one place: the content and golden
tests check them and make readability (devtools/readability.py) reports on them."""
from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Set

import yaml

from bot import answers, decision, safety, summary
from bot.answers import Messages
from bot.topics import registry
from bot.facts import facts, numbers_in
from bot.lines import join
from bot.glossary import GLOSSARY_FILE
from bot.profile import AgeGroup, Transplant
from bot.summary import SummaryRecord
from bot.symptoms import symptoms
from channels import contract

ROOT = Path(__file__).resolve().parent.parent
# The reading-grade limit (Flesch-Kincaid) every message is held to: one value for
# the content test's gate and for make readability, so they cannot drift apart.
MAX_GRADE = 8.0
PROFILES = list(itertools.product(list(AgeGroup) + [None], list(Transplant) + [None]))
# Every name bot.answers.topic_parts answers.
ALL_TOPICS = [*answers.TOPICS, *answers.PROFILE_TOPICS, "glossary", "group", "last_answer"]
# A question about the last answer of each kind (bot.last_answer), after each kind
# of answer (the bot's own words that show it).
LAST_ANSWER_SAMPLES = ("so is that a yes?", "i dont understand", "just the worst one",
                       "in years?", "what does that mean", "so why would they take it then")


# One message per kind of help the safety screen gives first (bot.safety.help_first).
HELP_FIRST_SAMPLES = {
    "fever": "I have a fever",
    "fever:someone_else": "my dad has a temperature of 38.4",
    "clot": "my calf is swollen and sore",
    "breathing": "I have chest pain",
    "bleeding": "my gums keep bleeding",
    "spinal": "back pain and my legs feel weak",
    "collapse": "I fainted this morning",
    "confusion": "he seems very confused today",
    "medicine": "I took two capsules instead of one",
    "medicine:child": "my grandson is 3 and may have swallowed one of my capsules",
    "fluids": "he keeps being sick and can't keep anything down",
    "falls": "my mum keeps having falls at home",
    "liver": "my skin and eyes have gone yellow",
    "skin": "my rash has blisters now and my skin is peeling",
    "bereaved": "my husband died last month and I can't stop crying",
    "pregnancy": "I think I might be pregnant",
    "partner_pregnancy": "my wife might be pregnant",
    "pregnant_partner_of_a_man_on_it": "hubby takes revlimid and i just did a test, its positive",
    "pregnant_woman_told_of": "my wife is on revlimid and her pregnancy test came back positive",
    "fever_and_clot": "I have a fever and a swollen leg",
    "clot_and_distress": "I'm so low and now my leg is swollen",
}


def domain_responses() -> Dict[str, List[str]]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    return {
        name: [v["text"] for v in variants if "text" in v]
        for name, variants in domain["responses"].items()
    }


def domain_button_titles() -> List[str]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    return [b["title"] for variants in domain["responses"].values()
            for v in variants for b in v.get("buttons", [])]


def glossary_terms() -> List[str]:
    return list(yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8")))


def sayable_numbers() -> Set[str]:
    """Every number any message may say, as digit strings (for end-to-end
    transcripts, which carry no provenance; unit tests check each message
    against the fields it draws on). The citation is left out: its page
    numbers are never said (nor the sources' citations)."""
    data = facts()
    derived = {str(n) for f in data.findings for n in f.derived_figures()}  # months in years
    return derived | numbers_in(data.dict(exclude={
        "study": {"citation"},
        "sources": {name: {"citation"} for name in data.sources}}))


def _label(value) -> str:
    return value.value if value is not None else "unknown"


def _words(parts: list) -> List[str]:
    return [p for p in parts if isinstance(p, str)]


def action_messages() -> Dict[str, Sequence[str]]:
    """What the custom actions can say, keyed by where it comes from."""
    # Each value is a sequence of messages: str, or bot.lines.Line (a str).
    out: Dict[str, Sequence[Any]] = {"greeting": answers.greeting()}
    about: Optional[str]
    for age, tx in PROFILES:
        profile = f"{_label(age)}:{_label(tx)}"
        parts = answers.tailored_parts(age, tx)
        for explained in (False, True):
            out[f"tailored:{profile}:{'explained' if explained else 'first'}"] = _words(
                answers.mark_first_summary_figure(parts, explained))
        for name in answers.PROFILE_TOPICS:
            out[f"topic:{name}:{profile}"] = _words(answers.topic_parts(name, "", age, tx))
        for again in (False, True):
            out[f"survival:{profile}:{'again' if again else 'first'}"] = _words(
                answers.survival_parts(age, tx, again=again))
    for about in ("wife", "dad", "them"):
        for age, tx in PROFILES:
            out[f"topic:questions:{about}:{_label(age)}:{_label(tx)}"] = _words(
                answers.topic_parts("questions", "", age, tx, about))
            out[f"tailored:{about}:{_label(age)}:{_label(tx)}"] = _words(
                answers.mark_first_summary_figure(answers.tailored_parts(age, tx, about),
                                                  False))
    for about in (None, "wife", "dad", "them"):
        for age, tx in PROFILES:
            if tx in (None, Transplant.NOT_HAD, Transplant.NOT_SURE):  # the form asks on
                out[f"story_overview:{about}:{_label(age)}:{_label(tx)}"] = _words(
                    answers.story_overview(age, tx, about))
    # A story of living with the harms gets what it buys beside them.
    back = next(s for s in symptoms().symptoms if s.id == "back_pain")
    out["story_overview:what_it_found"] = _words(answers.story_overview(
        None, None, None, story="what did the trial find?"))
    out["story_overview:symptom:back_pain"] = _words(answers.story_overview(
        None, None, None, ["You also mentioned cost."], back, "a milestone: ten years"))
    out["topic:side_effects:story"] = _words(answers.topic_parts(
        "side_effects", "I am on maintenance now and I really hate it. It gives me terrible "
        "fatigue and stomach issues, and my joints ache all the time."))
    for name in answers.TOPICS:
        out[f"topic:{name}"] = answers.topic(name)
    for term in glossary_terms():
        out[f"glossary:{term}"] = answers.topic("glossary", f"what does {term} mean")
    out["glossary:unknown"] = answers.topic("glossary", "what does zzz mean")
    for group, (_, _, label) in answers.GROUPS.items():
        out[f"topic:group:{group}"] = _words(answers.topic_parts("group", f"what about {label}?"))
    out["topic:other_condition:named"] = _words(answers.topic_parts(
        "other_condition", "i have breast cancer, does this apply"))
    out["topic:last_answer:nothing_said"] = _words(answers.topic_parts("last_answer", "yes or no"))
    for said in ("survival", "remission", "harms"):
        recent = [{"survival": answers.survival_direct(None),
                   "remission": "In every trial group, it kept myeloma away longer.",
                   "harms": "The harms seen in the trial, in the same way as the benefits."}[said]]
        for asked in LAST_ANSWER_SAMPLES:
            for tx in (None, Transplant.HAD, Transplant.COULD_NOT):
                out[f"topic:last_answer:{said}:{asked}:{_label(tx)}"] = _words(
                    answers.topic_parts("last_answer", asked, None, tx, recent=recent))
    for about in (None, "wife", "dad", "them"):
        for problem in (None, "impossible", "ambiguous"):
            out[f"ask_age:{problem}:{about}"] = [answers.ask_age(problem, about)]
        for problem in (None, "no_reason"):
            out[f"ask_transplant:{problem}:{about}"] = [answers.ask_transplant(problem, about)]
    out["disclosure"] = [answers.disclosure()]
    # Lines said beside other answers (their own figures, if any, come with them).
    out["lines:beside"] = [answers.TAILOR_OFFER, answers.ASK_AGAIN_AFTER_HELP,
                           answers.CARER_LINE]
    for symptom in symptoms().symptoms:
        out[f"symptom:{symptom.id}"] = [*answers.topic_parts(
            "side_effects", symptom.id, None, None)]
    for about in (None, "wife", "them"):
        for age, tx in PROFILES:
            if age or tx:
                out[f"noted:{about}:{_label(age)}:{_label(tx)}"] = [
                    answers.noted_profile(age, tx, about)]
    out["clarify"] = [answers.clarify([])[0]]
    for alarm in (safety.Alarm.RED_FLAG, safety.Alarm.CRISIS):
        out[f"safety:{alarm.value}"] = safety.urgent_help(alarm)
    out["tailored:changed"] = [answers.CHANGED]
    out["survival:just_said"] = answers.survival_parts(None, None, just_said=True)
    out["topics:mentions"] = [t.mention for t in registry().topics.values() if t.mention]
    out["safety:distress"] = safety.support_first()
    out["safety:distress:someone_else"] = safety.support_first(others=True)
    out["safety:distress:worried"] = safety.support_first(worried=True)
    out["safety:distress:only_guessed"] = [safety.soft_support()]
    out["safety:doubt:unwell"] = [safety.unwell_now()]
    for name, text in HELP_FIRST_SAMPLES.items():
        out[f"safety:help_first:{name}"] = safety.help_first(text)
    out["safety:crisis:someone_else"] = safety.urgent_help(safety.Alarm.CRISIS, someone_else=True)
    out["safety:red_flag:breathing"] = safety.urgent_help(safety.Alarm.RED_FLAG, breathing=True)
    out["safety:check_in_a_step"] = [safety.safety_check()]
    return out


def channel_messages() -> Dict[str, List[str]]:
    """What the chat channels say without the bot (channels/contract.py; when a turn
    got no reply, a message with a red flag gets its safety:help_first:... lines before
    the apology), and the pages a summary link opens with no summary to show (web/serve.py)."""
    return {"channel:empty": [contract.EMPTY], "channel:cut_notice": [contract.CUT_NOTICE],
            "channel:too_many": [contract.TOO_MANY],
            "channel:unreadable": [contract.UNREADABLE],
            "channel:no_reply": contract.no_reply("what is lenalidomide?"),
            "summary_link:expired": list(summary.EXPIRED_LINES),
            "summary_link:unknown": list(summary.UNKNOWN_LINES),
            "summary_link:unavailable": list(summary.UNAVAILABLE_LINES)}


def button_texts() -> List[str]:
    """Quick-reply titles and the texts they send: labels, not sentences."""
    carers = [pair for about in ("wife", "dad", "them")
              for pair in answers.age_choices(about) + answers.transplant_choices(None, about)]
    pairs = (answers.age_choices() + answers.transplant_choices() + carers
             + answers.transplant_choices("no_reason") + answers.FOLLOW_UPS
             + list(answers.SUGGESTIONS.values()) + [answers.SOMETHING_ELSE]
             + list(decision.NEXT_STEPS.values()) + decision.YES_NO + [decision.SKIP_CHOICE]
             + decision.ask_lean()[1] + decision.ask_decide_how("dad")[1]
             + decision.ask_priorities(["pregnancy"])[1] + [safety.WARNING_SIGNS])
    return [text for pair in pairs for text in pair]


def decision_messages() -> Dict[str, List[str]]:
    """What the decision-support steps can say (bot.decision)."""
    d = decision
    out: Dict[str, Messages] = {}
    for about in (None, "dad", "them"):
        out[f"decision:ask_lean:{about}"] = [d.ask_lean(about)[0]]
        out[f"decision:ask_how:{about}"] = [d.ask_decide_how(about)[0]]
        for sid in d.SURE_IDS:
            out[f"decision:{sid}:{about}"] = [d.ask_sure(sid, about)[0]]
        out[f"decision:ask_priorities:first:{about}"] = [d.ask_priorities([], about)[0]]
        out[f"decision:ask_priorities:later:{about}"] = [d.ask_priorities(["pregnancy"],
                                                                          about)[0]]
    for score in range(len(d.SURE_IDS) + 1):
        sure = {sid: "yes" if i < score else "no" for i, sid in enumerate(d.SURE_IDS)}
        out[f"decision:sure_result:{score}"] = d.sure_result("take", "doctor", sure)[0]
    for p in d.decision_data().priorities:
        out[f"decision:reflect:{p.id}"] = d.reflect([p.id], p.button, True)
    out["decision:reflect:none"] = d.reflect([], "", False)
    out["decision:priorities_done"] = d.priorities_done(["living_longer", "pregnancy"])[0]
    out["decision:priorities_done:none"] = d.priorities_done([])[0]
    for qid in d.QUIZ_IDS:
        out[f"decision:ask_{qid}"] = [d.ask_quiz(qid)[0]]
        for answer in ("yes", "no", "unsure"):
            out[f"decision:feedback:{qid}:{answer}"] = d.quiz_feedback(qid, answer)
    for right in range(len(d.QUIZ_IDS) + 1):
        out[f"decision:quiz_result:{right}"] = d.quiz_result(
            {qid: d.quiz_item(qid).correct.value if i < right else "unsure"
             for i, qid in enumerate(d.QUIZ_IDS)})[0]
    out["decision:questions"] = d.questions_list(
        AgeGroup.AGE_65_OR_OVER, Transplant.HAD,
        [p.id for p in d.decision_data().priorities], ["Can I drink wine with it?"])
    out["decision:noted_question"] = [d.NOTED_QUESTION]
    out["decision:left_unanswered"] = [d.LEFT_UNANSWERED]
    out["decision:distress"] = list(d.distress_reply())
    out["decision:summary"] = [d.summary_ready("three days"), d.SUMMARY_LINK_LABEL,
                               d.SUMMARY_AFTER_LINK, d.SUMMARY_AFTER_TEXT, d.SUMMARY_FAILED]
    return {k: list(v) for k, v in out.items()}


def sample_records() -> Dict[str, SummaryRecord]:
    """Summary pages to check for content and readability: every profile, filled in."""
    today = dt.date(2026, 12, 1)
    full: Dict[str, Any] = dict(lean="unsure", decide_how="shared",
                sure={sid: "yes" if i % 2 else "no" for i, sid in enumerate(decision.SURE_IDS)},
                priorities=[p.id for p in decision.decision_data().priorities],
                questions=["Can I still go on holiday to Spain in the summer?"])
    out = {"empty": SummaryRecord(made_on=today)}
    for age, tx in [(AgeGroup.UNDER_65, Transplant.HAD), (AgeGroup.AGE_65_OR_OVER, Transplant.HAD),
                    (AgeGroup.UNDER_65, Transplant.COULD_NOT),
                    (AgeGroup.AGE_65_OR_OVER, Transplant.COULD_NOT),
                    (AgeGroup.NOT_GIVEN, Transplant.NOT_SURE), (None, Transplant.CHOSE_NOT),
                    (AgeGroup.UNDER_65, Transplant.PLANNED), (None, None)]:
        out[f"{age and age.value}:{tx and tx.value}"] = SummaryRecord(
            made_on=today, age_group=age, transplant=tx, **full)
    out["carer:dad"] = SummaryRecord(made_on=today, age_group=AgeGroup.AGE_65_OR_OVER,
                                     transplant=Transplant.COULD_NOT, cared_for="dad", **full)
    return out


def summary_texts() -> Dict[str, List[str]]:
    """The printable summary's lines for every profile: the page's prose. The made-on
    date and the citation (a reference, not prose) are checked in tests/unit/bot/test_summary.py."""
    citation = facts().study.citation

    def sentence(line: str) -> str:  # a list item is read as a sentence of its own
        return line if str(line).endswith((".", "?", "!")) else line + "."

    return {f"summary:{name}": [join(*[sentence(line) for line in section.lines
                                       if not str(line).startswith(citation)])
                                for section in summary.sections(record)]
            for name, record in sample_records().items()}


def everything() -> Dict[str, Sequence[str]]:
    return {**{f"domain:{k}": v for k, v in domain_responses().items()}, **action_messages(),
            **picture_texts(), **decision_messages(), **summary_texts(), **channel_messages()}


def picture_texts() -> Dict[str, List[str]]:
    """Alt texts of every icon array (captions are labels: see picture_captions)."""
    from bot.pictures import PICTURE_IDS, picture_for

    return {f"picture:{fid}": [picture_for(fid).alt] for fid in PICTURE_IDS}
