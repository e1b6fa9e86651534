"""The tool's own credentials: who made it, who paid, how fresh its content is.

Kept apart from bot.answers so the web page can show them in its footer
without loading the language pipeline. Every date and number comes from the
``tool`` and ``study`` sections of the facts file.
"""
from __future__ import annotations

from typing import List

from bot.lines import Line, say


def about_tool() -> List[Line]:
    return [
        say("I am an automated tool made by {tool.made_by}. {tool.funding}."),
        say("My content was last checked against its sources on {tool.content_checked}. "
            "We check it at least every {tool.review_every_months} months, "
            "{tool.updates}."),
        say("The evidence is the {study.name} trial. It was published in "
            "{study.published_online:month_year}. Its plain-language summary is from "
            "{study.lay_summary_year}. Newer studies exist, so ask your team about them."),
    ]
