"""Slack Block Kit layout for multi-part answers."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from bot.pictures import Picture

# Slack's limits: 50 blocks a message, 3000 characters a section, 150 a header.
MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_BUTTON = 75  # characters of a button's text
MAX_BUTTONS = 25  # elements in an actions block


def _escape(text: str) -> str:
    """Slack mrkdwn treats &, < and > as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def answer_blocks(parts: Sequence[Union[str, Tuple[str, Picture]]],
                  title: Optional[str] = None,
                  buttons: Sequence[Dict[str, str]] = ()) -> Dict[str, Any]:
    """One Slack message: an optional header, then a section per text part and
    an image block per ``(url, picture)`` part, in order, then the quick
    replies as buttons whose value is the text a click sends.

    ``text`` is the plain fallback Slack shows in notifications and to
    clients that cannot render blocks.
    """
    blocks: List[Dict[str, Any]] = []
    if title:
        blocks.append({"type": "header",
                       "text": {"type": "plain_text", "text": title[:MAX_HEADER]}})
    texts = []
    for part in parts:
        if isinstance(part, str):
            texts.append(part)
            blocks.append({"type": "section",
                           "text": {"type": "mrkdwn", "text": _escape(part)[:MAX_SECTION]}})
        else:
            url, picture = part
            blocks.append({"type": "image", "image_url": url, "alt_text": picture.alt,
                           "title": {"type": "plain_text",
                                     "text": picture.caption[:MAX_HEADER]}})
    blocks = blocks[:MAX_BLOCKS - 1] if buttons else blocks[:MAX_BLOCKS]
    if buttons:
        blocks.append({"type": "actions", "elements": [
            {"type": "button", "text": {"type": "plain_text", "text": b["title"][:MAX_BUTTON]},
             "value": b["payload"]} for b in buttons[:MAX_BUTTONS]]})
    return {"text": _escape("\n\n".join(texts)), "blocks": blocks}
