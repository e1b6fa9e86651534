"""Rasa's Slack channel, hardened for a clinic workspace.

Rasa already rejects requests that are unsigned, wrongly signed or more than
five minutes old. This subclass adds what a patient-facing app also needs:

* each Slack event (``event_id``) or button click (``trigger_id``) is handled
  once, so Slack's retries and replayed requests never produce a second answer;
* messages from bots (including this one) and edits/deletions are ignored,
  and so is anything outside a direct message: answers about a person's
  health never go to a shared channel;
* the Web API base URL can be set (``slack_api_url``), which tests use to point
  the real channel at a local fake Slack.
"""
from __future__ import annotations

import json
import time
from collections import OrderedDict
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import response
from sanic.request import Request

_IGNORED_SUBTYPES = {"bot_message", "message_changed", "message_deleted", "channel_join"}
_SEEN_LIMIT = 10_000
_SEEN_SECONDS = 60 * 60


class SeenEvents:
    """A bounded memory of event keys already handled."""

    def __init__(self, limit: int = _SEEN_LIMIT, ttl: float = _SEEN_SECONDS) -> None:
        self._seen: "OrderedDict[str, float]" = OrderedDict()
        self._limit, self._ttl = limit, ttl

    def first_time(self, key: str) -> bool:
        now = time.monotonic()
        while self._seen and (len(self._seen) >= self._limit
                              or now - next(iter(self._seen.values())) > self._ttl):
            self._seen.popitem(last=False)
        if key in self._seen:
            return False
        self._seen[key] = now
        return True


class ClinicSlackInput(SlackInput):
    """Slack input channel with once-only delivery and a settable API URL."""

    @classmethod
    def name(cls) -> Text:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "ClinicSlackInput":
        if not credentials:
            cls.raise_missing_credentials_exception()
        assert credentials is not None  # the call above raises
        channel = cls(
            credentials.get("slack_token"),
            credentials.get("slack_channel") or None,
            credentials.get("proxy"),
            slack_retry_reason_header=credentials.get(
                "slack_retry_reason_header", "x-slack-retry-reason"),
            slack_retry_number_header=credentials.get(
                "slack_retry_number_header", "x-slack-retry-num"),
            slack_signing_secret=credentials.get("slack_signing_secret", ""),
            conversation_granularity=credentials.get("conversation_granularity", "sender"),
        )
        channel.api_url = credentials.get("slack_api_url") or None
        return channel

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.api_url: Optional[str] = None
        self.seen = SeenEvents()

    def get_output_channel(self, channel: Optional[Text] = None,
                           thread_id: Optional[Text] = None) -> SlackBot:
        out = SlackBot(self.slack_token, channel or self.slack_channel, thread_id, self.proxy)
        if self.api_url:
            out.client.base_url = self.api_url.rstrip("/") + "/"
        return out

    @staticmethod
    def _event_key(request: Request) -> Optional[str]:
        if request.headers.get("content-type") == "application/json":
            body = request.json or {}
            return body.get("event_id") or (body.get("event") or {}).get("client_msg_id")
        try:
            payload = json.loads(request.form["payload"][0])
        except (KeyError, IndexError, ValueError, TypeError):
            return None
        action = (payload.get("actions") or [{}])[0]
        return payload.get("trigger_id") or action.get("action_ts")

    @staticmethod
    def _is_user_message(slack_event: Dict[Text, Any]) -> bool:
        event = slack_event.get("event") or {}
        if event.get("subtype") in _IGNORED_SUBTYPES or event.get("bot_id") or event.get(
                "bot_profile"):
            return False
        if event.get("channel_type") != "im":
            return False
        return SlackInput._is_user_message(slack_event)

    async def process_message(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: Text,
        sender_id: Optional[Text],
        metadata: Optional[Dict],
    ) -> Any:
        key = self._event_key(request)
        if key is not None and not self.seen.first_time(key):
            return response.text("already handled", status=HTTPStatus.OK,
                                 headers={"X-Slack-No-Retry": "1"})
        return await super().process_message(request, on_new_message, text, sender_id, metadata)
