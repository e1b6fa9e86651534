"""What the actions read of a conversation's past events, in one place, so
the Rasa server can send the action server only those (the "payload" patch,
rasa_patches/payload.py) and the actions still read exactly the same.

The actions read, through actions/common.py only: the bot's messages since
the session started (whether there were any, the last few, whether one
carried the tailored answer or the summary's first tag), and the events
since the latest user message (what it set, its channel, the slots a form
just filled). Rasa sent every event of every session, so the body grew with
the conversation: 206 kB by turn 50, half the action server's time parsing it.

An event is seen here as a pair: its type name and, for the bot's, its text.
No Rasa or rasa_sdk import: both servers use it.
"""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from bot.answers import CANT_DECIDE
from bot.lines import SUMMARY_TAG_FIRST

Kind = Tuple[Optional[str], Optional[str]]  # (event type name, text of a bot message)

RECENT_BOT_TEXTS = 8  # the most of the bot's latest messages any action looks back on
# Text the actions look for in any of the bot's messages this session.
MARKERS = (CANT_DECIDE, SUMMARY_TAG_FIRST)
SESSION_STARTED, USER, BOT = "session_started", "user", "bot"


def bot_texts_this_session(events: Sequence[Kind]) -> List[str]:
    """What the bot has said since the conversation session started, newest first."""
    said: List[str] = []
    for kind, text in reversed(events):
        if kind == SESSION_STARTED:
            break
        if kind == BOT:
            said.append(text or "")
    return said


def kept(events: Sequence[Kind]) -> List[int]:
    """Positions, in order, of the events that give the actions the same reads
    as all of them: everything from the latest user message on (from the
    first event if none came yet); the latest session start; and of the
    bot's messages between the two, the last RECENT_BOT_TEXTS and the latest
    carrying each marker."""
    def latest(kind: str) -> int:
        return next((i for i in range(len(events) - 1, -1, -1) if events[i][0] == kind), -1)

    tail, start = max(latest(USER), 0), latest(SESSION_STARTED)
    before: List[int] = []
    recent, missing = 0, list(MARKERS)
    for i in range(tail - 1, start, -1):
        kind, text = events[i]
        if kind != BOT:
            continue
        found = [m for m in missing if m in (text or "")]
        if recent < RECENT_BOT_TEXTS or found:
            before.append(i)
        recent += 1
        missing = [m for m in missing if m not in found]
        if recent >= RECENT_BOT_TEXTS and not missing:
            break
    head = [start] if 0 <= start < tail else []
    return head + before[::-1] + list(range(tail, len(events)))
