"""Red-flag symptoms and crisis messages, spotted by rule so they never depend
on a classifier's confidence, and the urgent-help answer for each.

The patterns err towards over-calling: telling someone with a mild
temperature to ring their hospital line costs little; missing a fever on
lenalidomide can cost a life.
"""
from __future__ import annotations

import re
from enum import Enum
from typing import List, Optional

from bot.facts import facts
from bot.lines import Line, join, say
from bot.profile.questions import Mark, QuestionRule


class Alarm(str, Enum):
    RED_FLAG = "red_flag"
    CRISIS = "crisis"


_CRISIS = re.compile(
    r"\b((wants?|wanting|going|gonna|wish(es)?|needs?|plan(s|ning)?|try(ing)?|tried) to kill "
    r"(my ?self|me|him ?self|her ?self|them ?sel(f|ves))|kill(ing)? (him|her|them) ?sel(f|ves)|"
    r"(doesn't|does not|didn't) want to (live|be here|go on|wake up)|"
    r"(stop|stopping) everything and end(ing)? it|"
    r"(can't|cannot) see (any |a )?way out|no way out|"
    r"wish (i|he|she) (wasn't|was not|weren't) alive|"
    r"(isn't|is not|not) worth living|(nobody|no one|no-one) would (miss|care about) me|"
    r"point in (living|going on|carrying on)(?! (with|taking|the|it|on|maintenance|treatment))|"
    r"(thinking of|think about|going to|want to|wants to|planning to|plan to) "
    r"(take|taking) an overdose|"
    r"kill(ing)? my ?self|kms|end(ing)? (it all|my life|things)|"
    r"(?<!not )(?<!never )suicid\w*|sucid\w*|suicde\w*|suiside\w*|self[- ]?harm\w*|"
    r"(harm|hurt)(ing)? my ?self|"
    r"(?<!don't )(?<!do not )(?<!doesn't )(?<!does not )(?<!didn't )(?<!never )"
    r"(wants?|wanna|wish(es)?) (to|i could) die|"
    r"(?<!am i )(?<!is he )(?<!is she )(?<!are we )(?<!are they )(?<!will i )"
    r"going to die(?! (from|of|with|because|soon\?))|"
    r"wants? to be dead|"
    r"wish(es)? (i|he|she|they) (was|were) dead|"
    r"(says?|said|talks? about|keeps? saying) (he|she|they) (wants?|wish(es)?) to (die|end it)|"
    r"(talks?|talking|thinks?|thinking) about ending it|"
    r"better off if (i|he|she|they) (wasn't|was not|weren't|were not) (here|around|alive)|"
    r"(don't|do not|can't) see the point (any ?more|of (living|going on|anything))|"
    r"(rather|better off) (be )?dead|better off without me|"
    r"don't want to (live|be here|go on|wake up)|no reason to (live|go on)|"
    r"(rather|want to|wish i could) (just )?(not|never) wake up|cut(ting)? my ?self|"
    r"no point (in )?(living|going on)|take (my|his|her|their) (own )?life|"
    r"tried to (kill|hurt|harm) (my|him|her|them)sel(f|ves)|tried to end (it|(my|his|her) life)|"
    r"saving (up )?(my|his|her|their|the) (tablets|pills|capsules|medicines?)|"
    r"take them all at once|can't go on|"
    r"(want|wants|wanting) (it|this|everything) (all )?to (stop|end|be over)|"
    r"can't cope any ?more|hopeless|depressed|stockpil\w*)\b"
)
# A measured temperature of 38 C or more ("temp of 38.5", "39 degrees").
_MEASURED_FEVER = r"(temp|temperature)\b.{0,15}\b(3[89]|4[0-2])|3[89](\.\d)? ?(c|degrees|°)"
# Chest pain, in the clot rule and in the emergency-first check (hard_to_breathe).
_CHEST = r"chest pains?|pain in my chest|tight chest|chest (is |feels )?tight"
_RED_FLAGS = {
    "fever": r"\b(fever\w*|feevr|fevr|fevre|feverish|high temp\w*|burning up|hot and cold|"
             + _MEASURED_FEVER + r"|"
             r"10[0-4](\.\d)? ?(f|degrees)|shiver\w*|shaking|the shakes|rigou?rs|chills|"
             r"(got|has|have|having|running|with) a (high |raised |bit of a )?temp(erature)?"
             r"(?! (check|test|reading)))\b"
             r"|🤒|🥵|🥶",
    "clot": r"\b(swollen|swelling|painful|red|hot)\b.{0,20}\b(leg|calf|calves|arm)\b|"
            r"\b(leg|calf)\b.{0,20}\b(swollen|swelling|hurts|painful|red|hot)\b|"
            r"\b(sudden\w*|short of|can't catch my|cannot catch my)\b.{0,20}\b(breath\w*)\b|"
            r"\b(" + _CHEST + r"|"
            r"coughing (up )?blood|(i|i've|i have|i've got|think i have|might have|got) "
            r"(a )?(blood )?(clot|dvt)|(clot|dvt) in my)\b",
    "bleeding": r"\b(bleed\w*|blood in my (pee|urine|poo|stool|sick)|nose ?bleed\w*|"
                r"(vomit\w*|threw up|throwing up|coughed up|coughing up) "
                r"(some |a bit of |a little )?blood|"
                r"bruis\w*|black (poo|stool)s?|vomiting blood|petechia\w*|"
                r"(tiny|little) red (spots|dots))\b",
    "spinal": r"\b(back pain|pain in my back|backache|my back (hurts|is killing))\b.{0,60}"
              r"\b(leg|legs|numb\w*|weak\w*|walk\w*|pins and needles|bladder|bowel)\b|"
              r"\b(legs?|feet) (feel |are |is |going |are going |keep |keeps |have gone |"
              r"has gone |gone |went )?"
              r"(weak|numb|giving way)\b|"
              r"\b(can't|cannot|can not) (feel|move) (my|his|her|their) (legs|feet)\b",
    "collapse": r"\b(collapsed|passed out|fainted|blacked out|feel(ing)? faint|"
                r"(having|had) a stroke|face (is )?droop\w*|slurr\w*|seizure)\b",
    "confusion": r"\b((i'm|i am|i feel|feeling|he's|she's|is|are|was|were|seems?|looks?|"
                 r"getting|suddenly)\s+(very\s+|so\s+|really\s+|a bit\s+|quite\s+)?"
                 r"(confused|muddled|disorientated|disoriented|delirious)\b"
                 r"(?!\s+(by|about|with|over|as to))|"
                 r"\b(this|so) confused\b(?!\s+(by|about|with|over))|"
                 r"\b(so|really|very|always|extremely) thirsty|great thirst|"
                 r"\b(and|so|bit|feel|feeling|i'm|is|getting) muddled\b|"
                 r"extreme(ly)? thirst\w*|not making sense|drowsy|can't think straight|"
                 r"can't stay awake)",
    "pregnancy": r"\b((i'm|i am|i might be|i may be|i could be|i think i'm|i think i am|"
                 r"she's|she is|she might be|partner is|wife is|girlfriend is)\s+"
                 r"(\w+\s+)?pregnant|missed (my )?period|positive pregnancy test|"
                 r"pregnancy test (was|is|came back) positive|expecting a baby|"
                 r"(i|she|we) (was|were) pregnant|period is late|late period)\b",
    "medicine": r"\b(took (too many|double|two doses|an extra|extra)|double (my |the )?dose|"
                r"took (\w+ ){0,3}twice|"
                r"took (two|2) (\w+ ){0,2}(caps|capsules|tablets|pills|doses)|"
                r"(two|2) (\w+ ){0,2}(caps|capsules|tablets|pills|doses) (\w+ ){0,3}instead of "
                r"(one|1)\b|"
                r"doubled (my|the|his|her) dose|"
                r"too many (tablets|capsules|pills)|overdos\w*)\b",
}
_RED_FLAG = re.compile("|".join(f"(?:{p})" for p in _RED_FLAGS.values()))
# Specific enough to need help even when asked as a general question: a
# measured temperature, back pain with weak or numb legs.
_EVEN_AS_A_QUESTION = re.compile(
    r"\b(?:" + _MEASURED_FEVER + r")|\bback pain\b.{0,40}\b(weak|numb)\w* legs?\b"
)
# A general question ("what is the risk of bleeding?") asks for information; a
# question that says the person has the symptom ("is my fever a side effect?")
# still raises the alarm. The profile reader's kind of question rule, with
# safety's own words; a question mark counts only at the end.
_GENERAL_QUESTION = QuestionRule(
    openers=("what", "what's", "does", "do", "can", "could", "is", "are", "how", "will",
             "would", "which", "should", "tell me", "explain"),
    mark=Mark.AT_END,
    speaker=("my", "i'm", "im", "i am", "i've", "ive", "i have", "i feel", "i keep",
             "i've got", "i got", "i think", "me now", "he's", "she's", "he is", "she is",
             "he has", "she has", "we", "our", "these", "now", "today", "tonight", "since",
             "is (it|this|that) normal", "anyone else"),
)


# "dont", "cant", "im": the rules are written with the apostrophe.
_APOSTROPHES = re.compile(
    r"\b(don|can|won|didn|isn|couldn|wouldn|doesn|wasn|aren|haven)(t)\b|\b(i)(m)\b")


def _normalise(text: str) -> str:
    return _APOSTROPHES.sub(lambda m: "'".join(g for g in m.groups() if g),
                            text.lower().replace("\u2019", "'"))


def detect(text: str) -> Optional[Alarm]:
    """The alarm a message raises, if any. Crisis outranks red flags."""
    norm = _normalise(text)
    if _CRISIS.search(norm):
        return Alarm.CRISIS
    if _RED_FLAG.search(norm) and (_EVEN_AS_A_QUESTION.search(norm)
                                   or not _GENERAL_QUESTION.asks_in_general(norm)):
        return Alarm.RED_FLAG
    return None


# "he wants to kill himself", "my mum keeps saying she wants to die": a carer
# telling of someone else's crisis.
_SOMEONE_ELSES = re.compile(
    r"\b(him ?self|her ?self|them ?selves|he|she|he's|she's|he is|she is|my (husband|wife|"
    r"partner|mum|mom|mother|dad|father|son|daughter|brother|sister|friend))\b")
def about_someone_else(text: str) -> bool:
    """A crisis told of another person, not the speaker's own."""
    norm = _normalise(text)
    return bool(_SOMEONE_ELSES.search(norm)) and not _CRISIS_OF_SPEAKER.search(norm)


_CRISIS_OF_SPEAKER = re.compile(
    r"\b(i|i'm|i've|i am|i feel|i want|i wish|i keep|i can't|i don't)\b.{0,30}"
    r"\b(kill|die|dead|end|harm|hurt|cut|live|cope|go on|wake up|point|hopeless|depressed)")


_BREATHING = re.compile(
    r"\b(" + _CHEST + r"|"
    r"(sudden\w*|short of|can't catch my|cannot catch my|struggling for|out of) ?breath\w*|"
    r"breathless\w*|coughing (up )?blood)")


def hard_to_breathe(text: str) -> bool:
    """Chest pain or breathlessness: the emergency number comes first."""
    return bool(_BREATHING.search(_normalise(text)))


def red_flags_found(text: str) -> List[str]:
    """Names of the red-flag groups a message matches (for tests and logs)."""
    norm = _normalise(text)
    return [name for name, pattern in _RED_FLAGS.items() if re.search(pattern, norm)]


def safety_check() -> Line:
    """One line for a message only the classifier took for an alarm, in the middle
    of a decision step: where to turn if it was one, without ending the step."""
    return join(say("If you do have a new symptom, such as a temperature of "
                    "{safety.fever_celsius} C or more, call your hospital's "
                    "{safety.hospital_line_hours}-hour advice line now."),
                say("If you are struggling to cope, call {safety.crisis_lines.0.name} on "
                    "{safety.crisis_lines.0.number} ({safety.crisis_lines.0.region})."))


def urgent_help(alarm: Alarm, someone_else: bool = False, breathing: bool = False
                ) -> List[Line]:
    """The urgent-help messages, sent before anything else.

    Each leads with the likelier route but also gives the other, because
    a classifier can mistake low mood for a symptom or the other way round.
    """
    crisis_lines = join(*[
        say(f"In the {{safety.crisis_lines.{i}.region}}, call {{safety.crisis_lines.{i}.name}} "
            f"on {{safety.crisis_lines.{i}.number}}.")
        for i in range(len(facts().safety.crisis_lines))])
    if alarm is Alarm.CRISIS and someone_else:
        return [
            Line("I'm so sorry. That is frightening to hear, and you did the right thing to "
                 "say it."),
            say("If they might act on it now, or you cannot keep them safe, call "
                "{safety.emergency} now."),
            join("You can talk to someone any time of day, for them or for you.", crisis_lines),
            say("Please tell their care team or GP today. If they feel physically unwell, call "
                "their hospital's {safety.hospital_line_hours}-hour advice line."),
            Line("I am only an automated tool, so I cannot help in a crisis. A real person can."),
        ]
    if alarm is Alarm.CRISIS:
        return [
            Line("I'm really sorry you are feeling like this. You matter, and you do not "
                 "have to face this alone."),
            join("Please talk to someone now, any time of day.", crisis_lines,
                 say("If you might act on these thoughts, call {safety.emergency} now.")),
            say("If you feel physically unwell, call your hospital's "
                "{safety.hospital_line_hours}-hour advice line."),
            Line("I am only an automated tool, so I cannot help in a crisis. A real person can."),
        ]
    emergency = say("For sudden breathlessness or chest pain, call {safety.emergency} now. Call "
                    "them too if you are very unwell or cannot reach your hospital.")
    if breathing:  # chest pain or breathlessness: the emergency number leads
        return [
            Line("This could be serious. Please do this before you read anything else."),
            emergency,
            say("Other warning signs need a call to your hospital's "
                "{safety.hospital_line_hours}-hour advice line now. A temperature of "
                "{safety.fever_celsius} C or more. Shivers. A swollen, painful leg. Bleeding "
                "that is not usual for you."),
            join("If you are struggling to cope or thinking of harming yourself:", crisis_lines),
            Line("I am an automated tool and cannot check your symptoms. Please do not wait."),
        ]
    return [
        Line("This could be serious. Please do this before you read anything else."),
        say("Call your hospital's {safety.hospital_line_hours}-hour advice line now if you "
            "have any of these. A temperature of {safety.fever_celsius} C or more. Shivers. "
            "A swollen, painful leg. Bleeding or bruising that is not usual for you. Back "
            "pain with weak legs. Fainting, confusion or great thirst. Too much of a "
            "medicine. A chance you may be pregnant."),
        emergency,
        join("If you are struggling to cope or thinking of harming yourself:", crisis_lines),
        Line("I am an automated tool and cannot check your symptoms. Please do not wait."),
    ]
