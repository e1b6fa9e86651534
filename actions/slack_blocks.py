"""Slack Block Kit layout for multi-part answers."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple

from bot.pictures import Picture

# Slack's limits: 50 blocks a message, 3000 characters a section, 150 a header.
MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150


def _escape(text: str) -> str:
    """Slack mrkdwn treats &, < and > as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def answer_blocks(messages: Sequence[str], pictures: Sequence[Tuple[str, Picture]] = (),
                  title: Optional[str] = None) -> Dict[str, Any]:
    """One Slack message: an optional header, a section per part, the pictures.

    ``text`` is the plain fallback Slack shows in notifications and to
    clients that cannot render blocks.
    """
    blocks: List[Dict[str, Any]] = []
    if title:
        blocks.append({"type": "header",
                       "text": {"type": "plain_text", "text": title[:MAX_HEADER]}})
    for text in messages:
        blocks.append({"type": "section",
                       "text": {"type": "mrkdwn", "text": _escape(text)[:MAX_SECTION]}})
    for url, picture in pictures:
        blocks.append({"type": "image", "image_url": url, "alt_text": picture.alt,
                       "title": {"type": "plain_text", "text": picture.caption[:MAX_HEADER]}})
    return {"text": _escape("\n\n".join(messages)), "blocks": blocks[:MAX_BLOCKS]}
