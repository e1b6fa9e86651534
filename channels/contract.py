"""What a chat request must look like before it reaches a conversation.

Used by the REST and socket.io channels (channels/rest.py, channels/socketio.py)
and free of Rasa, so it can be tested on its own. A malformed request gets a
clear error naming what is wrong and never reaches a tracker: no shared
"default" conversation for a missing sender, no silence for a number or null
message, no 2 MB message read by the language pipeline.

Limits (documented in docs/channels.md, "Input limits"; each can be set by its
environment variable):

* ``CHAT_MAX_BODY_BYTES`` (16384): larger request bodies get HTTP 413.
* ``CHAT_MAX_MESSAGE_CHARS`` (1000): longer messages are cut to this length
  before understanding, and the bot says it read only the first part.
* ``CHAT_MAX_PER_MINUTE`` (30): more messages than this from one sender in a
  minute get HTTP 429 with Retry-After.
* ``sender``: 1 to 64 of the characters ``A-Z a-z 0-9 _ . : @ -``.
"""
from __future__ import annotations

import json
import math
import os
import re
import time
import unicodedata
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Any, Deque, Dict, List, Optional, Tuple

from bot.safety import help_first

SENDER = re.compile(r"^[A-Za-z0-9_.:@-]{1,64}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What the channels say themselves. Listed in devtools/message_catalogue.py, so they are in the
# golden file (tests/golden/messages.txt) and held to the reading level like the rest.
CUT_NOTICE = ("Your message was long, so I read only the first part of it. You can send "
              "the rest in another message.")
UNREADABLE = ("Sorry, I could not read that message. Please type your question as plain "
              "words and send it again.")
TOO_MANY = "You are sending messages very fast. Please wait a moment, then try again."
EMPTY = "I did not get any words there. Please type your question, or your age."
# When a turn produced no reply at all (say the action server is down): never silence.
NO_REPLY = ("Sorry, something went wrong on my side, so I could not answer that. Please "
            "try again in a minute. If you feel very unwell, call your hospital's advice "
            "line or an ambulance.")


def no_reply(text: str) -> List[str]:
    """What to send when a turn produced no reply at all: for a message with a
    red flag, distress or a crisis in it, the help first (bot.safety reads it
    here, without the action server), then the apology; otherwise the apology."""
    return [*[str(line) for line in help_first(text)], NO_REPLY]


def _limit(name: str, default: int) -> int:
    try:
        value = int(os.environ.get(name) or default)
    except ValueError:
        return default
    return value if value > 0 else default


def max_body_bytes() -> int:
    return _limit("CHAT_MAX_BODY_BYTES", 16_384)


def max_message_chars() -> int:
    return _limit("CHAT_MAX_MESSAGE_CHARS", 1_000)


def max_per_minute() -> int:
    return _limit("CHAT_MAX_PER_MINUTE", 30)


@dataclass(frozen=True)
class Refused(Exception):
    """A request that breaks the contract: the HTTP status and what is wrong."""

    status: int
    error: str
    detail: str

    def body(self) -> Dict[str, str]:
        return {"error": self.error, "detail": self.detail}


@dataclass(frozen=True)
class ChatMessage:
    sender: str
    text: str  # empty: nothing to read, so the channel answers EMPTY itself
    was_cut: bool


def clean_text(text: str) -> Tuple[str, bool]:
    """Control characters dropped, Unicode normalised (NFC), and cut to the limit
    at a word boundary where one is near. Returns the text and whether it was cut."""
    text = unicodedata.normalize("NFC", _CONTROL.sub("", text))
    limit = max_message_chars()
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 0.8 else cut), True


def check_sender(sender: Any) -> str:
    if sender is None:
        raise Refused(400, "sender_missing", "Send a 'sender': the id of this conversation.")
    if not isinstance(sender, str) or not SENDER.match(sender):
        raise Refused(400, "sender_invalid", "'sender' must be 1 to 64 of the characters "
                      "A-Z a-z 0-9 _ . : @ -")
    return sender


def check_text(message: Any) -> Tuple[str, bool]:
    if message is None:
        raise Refused(400, "message_missing", "Send a 'message': the text the person typed.")
    if not isinstance(message, str):
        raise Refused(400, "message_not_text", "'message' must be a string.")
    text, was_cut = clean_text(message)
    return ("" if not text.strip() else text), was_cut


def check_rest_request(body: bytes, content_type: Optional[str],
                       content_length: Optional[int] = None) -> ChatMessage:
    """A REST webhook request, checked in the order a client would want to hear."""
    limit = max_body_bytes()
    if (content_length is not None and content_length > limit) or len(body) > limit:
        raise Refused(413, "body_too_large", f"The request body is over {limit} bytes.")
    media = (content_type or "").split(";")[0].strip().lower()
    if media != "application/json":
        raise Refused(415, "not_json", "Send the request as application/json.")
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise Refused(400, "not_utf8", "The request body is not valid UTF-8.") from None
    except ValueError:
        raise Refused(400, "bad_json", "The request body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise Refused(400, "not_an_object", "The request body must be a JSON object.")
    sender = check_sender(data.get("sender"))
    text, was_cut = check_text(data.get("message"))
    return ChatMessage(sender, text, was_cut)


class RateLimiter:
    """At most ``per_minute`` messages per key in any 60 seconds, in bounded memory."""

    WINDOW = 60.0

    def __init__(self, per_minute: Optional[int] = None, max_keys: int = 50_000) -> None:
        self.per_minute = per_minute or max_per_minute()
        self.max_keys = max_keys
        self._seen: "OrderedDict[str, Deque[float]]" = OrderedDict()

    def allow(self, key: str, now: Optional[float] = None) -> Tuple[bool, int]:
        """Whether this message may go on, and if not, seconds until one may."""
        now = time.monotonic() if now is None else now
        times = self._seen.pop(key, None) or deque()
        while times and times[0] <= now - self.WINDOW:
            times.popleft()
        self._seen[key] = times
        while len(self._seen) > self.max_keys:
            self._seen.popitem(last=False)
        if len(times) >= self.per_minute:
            return False, max(1, math.ceil(times[0] + self.WINDOW - now))
        times.append(now)
        return True, 0
