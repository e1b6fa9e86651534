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


class Alarm(str, Enum):
    RED_FLAG = "red_flag"
    CRISIS = "crisis"


_CRISIS = re.compile(
    r"\b(kill(ing)? (my ?self|me)|end(ing)? (it all|my life)|suicid\w*|self[- ]?harm\w*|harm(ing)? my ?self|"
    r"hurt(ing)? my ?self|want to die|wanna die|don't want to (live|be here|go on)|"
    r"no reason to live|better off dead|take my (own )?life|overdose)\b"
)
_RED_FLAGS = {
    "fever": r"\b(fever\w*|feverish|high temp\w*|(temp|temperature)\b.{0,15}\b(3[89]|4[0-2])|"
             r"3[89](\.\d)? ?(c|degrees|°)|10[0-4](\.\d)? ?(f|degrees)|shiver\w*|shaking|"
             r"rigou?rs|chills)\b",
    "clot": r"\b(swollen|swelling|painful|red|hot)\b.{0,20}\b(leg|calf|calves|arm)\b|"
            r"\b(leg|calf)\b.{0,20}\b(swollen|swelling|hurts|painful)\b|"
            r"\b(sudden\w*|short of|can't catch my|cannot catch my)\b.{0,20}\b(breath\w*)\b|"
            r"\bchest pains?\b|\bpain in my chest\b|\bcoughing (up )?blood\b|\bclot\w*\b|\bdvt\b",
    "bleeding": r"\b(bleed\w*|blood in my (pee|urine|poo|stool|sick)|nose ?bleed\w*|"
                r"bruis\w*|black (poo|stool)s?|vomiting blood)\b",
    "spinal": r"\b(back pain|pain in my back|backache|my back (hurts|is killing))\b.{0,60}"
              r"\b(leg|legs|numb\w*|weak\w*|walk\w*|pins and needles|bladder|bowel)\b|"
              r"\b(legs?|feet) (feel |are |is |going )?(weak|numb|giving way)\b",
    "confusion": r"\b(confus\w*|muddled|disorient\w*|delirious|very thirsty|great thirst|"
                 r"extreme(ly)? thirst\w*|drowsy and|can't think straight)\b",
    "pregnancy": r"\b(pregnan\w*|missed (my )?period|expecting a baby|trying for a baby|"
                 r"my partner is pregnant)\b",
}
_RED_FLAG = re.compile("|".join(f"(?:{p})" for p in _RED_FLAGS.values()))
# Questions *about* side effects are information requests, not emergencies.
_ASKING_ABOUT = re.compile(
    r"^(what|does|do|can|could|is|are|how|will|would|which)\b.{0,40}\b"
    r"(side effects?|risk|cause|chance|likely|common)\b"
)


def detect(text: str) -> Optional[Alarm]:
    """The alarm a message raises, if any. Crisis outranks red flags."""
    norm = text.lower().replace("\u2019", "'")
    if _CRISIS.search(norm):
        return Alarm.CRISIS
    if _RED_FLAG.search(norm) and not _ASKING_ABOUT.search(norm):
        return Alarm.RED_FLAG
    return None


def red_flags_found(text: str) -> List[str]:
    """Names of the red-flag groups a message matches (for tests and logs)."""
    norm = text.lower()
    return [name for name, pattern in _RED_FLAGS.items() if re.search(pattern, norm)]


def urgent_help(alarm: Alarm) -> List[str]:
    """The urgent-help messages, sent before anything else."""
    s = facts().safety
    emergency = s.emergency()
    if alarm is Alarm.CRISIS:
        lines = " ".join(
            f"In the {line.region}, call {line.name} on {line.number}."
            for line in s.crisis_lines
        )
        return [
            "I'm really sorry you are feeling like this. You matter, and you do not "
            "have to face this alone.",
            f"Please talk to someone now, any time of day. {lines} "
            f"If you might act on these thoughts, call {emergency} now.",
            "I am only an automated tool, so I cannot help in a crisis. A real person can.",
        ]
    return [
        "This could be serious. Please get help now, before you read anything else.",
        f"Call your hospital's {s.hospital_line_hours}-hour advice line now if you have "
        f"any of these. A temperature of {s.fever_celsius} C or more. Shivers. A swollen, "
        "painful leg. Sudden breathlessness or chest pain. Bleeding or bruising that is "
        "not usual for you. Back pain with weak legs. Confusion. A chance you may be "
        "pregnant.",
        f"If you are very unwell or cannot reach them, call {emergency} for an ambulance.",
        "I am an automated tool and cannot check your symptoms. Please do not wait.",
    ]
