"""Rasa's REST channel behind the input contract (channels/contract.py).

Same path and replies as Rasa's own (``POST /webhooks/rest/webhook`` with
``{"sender", "message"}``), but a malformed request gets a 4xx JSON error and
never reaches a tracker, a long message is cut and the bot says so, and a
sender who sends too fast gets 429. The client cannot choose the input
channel or write metadata into the tracker, and a failure is logged without
the person's words.
"""
from __future__ import annotations

import logging
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.contract import (CUT_NOTICE, EMPTY, RateLimiter, Refused, no_reply,
                               check_rest_request)
from stores.sql import StoreUnavailable

logger = logging.getLogger(__name__)


class CheckedRestInput(InputChannel):
    """``rest`` channel with the input contract."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def __init__(self) -> None:
        self.limiter = RateLimiter()

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "CheckedRestInput":
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("checked_rest_webhook", __name__)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                length = int(request.headers.get("content-length") or 0) or None
            except ValueError:
                length = None
            try:
                message = check_rest_request(request.body or b"",
                                             request.headers.get("content-type"), length)
            except Refused as refused:
                return response.json(refused.body(), status=refused.status)
            allowed, retry_after = self.limiter.allow(message.sender)
            if not allowed:
                return response.json(
                    {"error": "too_many_messages",
                     "detail": f"Too many messages from this sender; retry after "
                               f"{retry_after} s."},
                    status=429, headers={"Retry-After": str(retry_after)})
            collector = CollectingOutputChannel()
            if not message.text:  # only spaces or nothing: answered here, no tracker
                await collector.send_text_message(message.sender, EMPTY)
                return response.json(collector.messages)
            if message.was_cut:
                await collector.send_text_message(message.sender, CUT_NOTICE)
            try:
                await on_new_message(UserMessage(message.text, collector, message.sender,
                                                 input_channel=self.name()))
            except CancelledError:
                logger.error("rest: the reply timed out")
            except StoreUnavailable:  # logged by the store; this turn gets the apology
                collector.messages.clear()
            except Exception:  # noqa: BLE001 - answer the client, log without their words
                logger.exception("rest: handling a message failed")
            replies: List[Dict[str, Any]] = collector.messages
            if not [r for r in replies if r.get("text") != CUT_NOTICE]:
                for text in no_reply(message.text):
                    await collector.send_text_message(message.sender, text)
            return response.json(collector.messages)

        return bp
