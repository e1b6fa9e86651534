"""Rasa's socket.io channel, limited to HTTP long-polling.

On Python 3.11, Sanic 21.12's websocket code raises ("Passing coroutines is
forbidden"), so a client's upgrade from polling to websocket breaks the
conversation. Long-polling works, so the engine.io server here offers only
that and never advertises an upgrade. Everything else is Rasa's own channel.
"""
from __future__ import annotations

from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint


class PollingSocketIOInput(SocketIOInput):
    """``socketio`` channel whose engine.io server allows polling only."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = super().blueprint(on_new_message)
        self.sio.eio.transports = ["polling"]
        self.sio.eio.allow_upgrades = False
        return bp
