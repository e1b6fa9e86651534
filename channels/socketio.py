"""Rasa's socket.io channel, limited to HTTP long-polling, behind the input
contract (channels/contract.py).

On Python 3.11, Sanic 21.12's websocket code raises ("Passing coroutines is
forbidden"), so a client's upgrade from polling to websocket breaks the
conversation. Long-polling works, so the engine.io server here offers only
that and never advertises an upgrade.

The two events a client sends are checked before Rasa sees them: a session id
must look like one (else a fresh one is given), and a message must be text of
bounded length from a client that is not sending too fast. Anything else gets
a short reply and never reaches a tracker. A turn that sends no bot message
at all (the action server or the database down) gets the same apology as on
REST, never silence.

With ``ALLOWED_ORIGINS`` set (launchers/run.sh sets it), a browser on any other
website gets 403 before engine.io opens a session; Rasa's ``--cors``, from the
same list, is what stops such a page reading replies (web/origins.py).
"""
from __future__ import annotations

import logging
import re
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint, response

from channels.contract import (CUT_NOTICE, EMPTY, TOO_MANY, UNREADABLE, RateLimiter, Refused,
                               check_text, max_body_bytes, no_reply)
from stores.sql import StoreUnavailable
from web.origins import from_env

logger = logging.getLogger(__name__)
SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def refuse_other_origins(eio: Any) -> None:
    """403 for a browser whose page is not in ALLOWED_ORIGINS; unset, no check."""
    origins = from_env()
    if origins is None:
        return
    handle = eio.handle_request  # sio.attach() routes to this attribute, later

    async def handle_request(request: Any, *args: Any, **kwargs: Any) -> Any:
        origin = request.headers.get("origin")
        if origin is not None and origin.lower() not in origins:
            return response.text("This website may not use the chat.", status=403)
        return await handle(request, *args, **kwargs)

    eio.handle_request = handle_request


class PollingSocketIOInput(SocketIOInput):
    """``socketio`` channel: polling only, with the input contract."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = super().blueprint(on_new_message)
        sio = self.sio
        sio.eio.transports = ["polling"]
        sio.eio.allow_upgrades = False
        sio.eio.max_http_buffer_size = max_body_bytes()
        refuse_other_origins(sio.eio)
        namespace = self.namespace or "/"
        handlers = sio.handlers[namespace]
        rasa_session_request = handlers["session_request"]
        rasa_message = handlers[self.user_message_evt]
        limiter = RateLimiter()
        # Bot messages sent to each room during the turns running now, so a
        # turn that sent none (the action server or the database down) gets
        # the apology instead of silence, as on REST.
        watching: Dict[str, List[List[int]]] = {}
        emit = sio.emit

        async def counting_emit(event: str, data: Any = None, *args: Any, **kwargs: Any) -> Any:
            if event == self.bot_message_evt:
                for counter in watching.get(str(kwargs.get("room")), []):
                    counter[0] += 1
            return await emit(event, data, *args, **kwargs)

        sio.emit = counting_emit

        async def say(sid: str, text: str) -> None:
            await sio.emit(self.bot_message_evt, {"text": text}, room=sid, namespace=namespace)

        async def session_request(sid: str, data: Optional[Dict] = None) -> None:
            session = data.get("session_id") if isinstance(data, dict) else None
            if not (isinstance(session, str) and SESSION_ID.match(session)):
                session = None  # Rasa gives a fresh one
            await rasa_session_request(sid, {"session_id": session})

        async def user_uttered(sid: str, data: Any = None) -> None:
            if not isinstance(data, dict):
                return await say(sid, UNREADABLE)
            session = data.get("session_id")
            if self.session_persistence and not (isinstance(session, str)
                                                 and SESSION_ID.match(session)):
                return await say(sid, UNREADABLE)
            try:
                text, was_cut = check_text(data.get("message"))
            except Refused:
                return await say(sid, UNREADABLE)
            if not text:
                return await say(sid, EMPTY)
            allowed, _ = limiter.allow(str(session) if self.session_persistence else sid)
            if not allowed:
                return await say(sid, TOO_MANY)
            if was_cut:
                await say(sid, CUT_NOTICE)
            room = str(session) if self.session_persistence else sid
            counter = [0]
            watching.setdefault(room, []).append(counter)
            try:
                await rasa_message(sid, {"session_id": session, "message": text})
            except StoreUnavailable:  # logged by the store
                pass
            except Exception:  # noqa: BLE001 - answer the person, log without their words
                logger.exception("socketio: handling a message failed")
            finally:
                watching[room].remove(counter)
                if not watching[room]:
                    del watching[room]
            if not counter[0]:
                for line in no_reply(text):
                    await say(sid, line)

        sio.on("session_request", session_request, namespace=namespace)
        sio.on(self.user_message_evt, user_uttered, namespace=namespace)
        return bp
