"""Every message the bot can send, gathered for content tests."""
from __future__ import annotations

import itertools
from pathlib import Path
from typing import Dict, List

import yaml

from bot import answers, safety
from bot.glossary import known_terms
from bot.profile import AgeGroup, Transplant

ROOT = Path(__file__).resolve().parent.parent
PROFILES = list(itertools.product(list(AgeGroup) + [None], list(Transplant) + [None]))


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


def action_messages() -> Dict[str, List[str]]:
    """What the custom actions can say, keyed by where it comes from."""
    out: Dict[str, List[str]] = {"greeting": answers.greeting()}
    for age, tx in PROFILES:
        out[f"tailored:{age}:{tx}"] = answers.tailored(age, tx)
    for name in answers.TOPICS:
        out[f"topic:{name}"] = answers.topic(name)
    for term in known_terms():
        out[f"glossary:{term}"] = answers.topic("glossary", f"what does {term} mean")
    out["glossary:unknown"] = answers.topic("glossary", "what does zzz mean")
    for problem in (None, "impossible", "ambiguous"):
        out[f"ask_age:{problem}"] = [answers.ask_age(problem)]
    out["ask_transplant"] = [answers.ask_transplant()]
    out["disclosure"] = [answers.disclosure()]
    out["age_buttons"] = [title for title, _ in answers.age_choices() + answers.transplant_choices()]
    for alarm in safety.Alarm:
        out[f"safety:{alarm.value}"] = safety.urgent_help(alarm)
    return out


def everything() -> Dict[str, List[str]]:
    return {**{f"domain:{k}": v for k, v in domain_responses().items()}, **action_messages(),
            **picture_texts()}


def picture_texts() -> Dict[str, List[str]]:
    """Alt texts and captions of every icon array."""
    from bot.pictures import PICTURE_IDS, picture_for

    return {f"picture:{fid}": [picture_for(fid).alt, picture_for(fid).caption]
            for fid in PICTURE_IDS}
