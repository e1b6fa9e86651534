"""The "connections" patch: one kept HTTP session per endpoint and event loop.

Rasa: ``EndpointConfig.request`` makes a new aiohttp session, so a new TCP
connection, for every call to the action server.

Here: each endpoint keeps one session per event loop (so one per Sanic
worker), whose connections stay open between calls (the action server keeps
idle connections longer than aiohttp does, launchers/actions_server.py); the
sessions are closed at exit.

Same result: the same requests and answers over fewer connections; the kept
session is the one ``session`` makes (with "json", ujson's), and outside an
event loop ``session`` is called as before.
"""
from __future__ import annotations

from typing import Any, List

from rasa_patches import replace


class _Kept:
    """``async with`` gives the kept session and leaves it open."""

    def __init__(self, session: Any) -> None:
        self.session = session

    async def __aenter__(self) -> Any:
        return self.session

    async def __aexit__(self, *_: Any) -> None:
        return None


_KEPT = "_myeloma_kept_session"
_ALL_KEPT: List[Any] = []  # closed at exit, so aiohttp finds none left open


def _close_kept() -> None:
    for session in _ALL_KEPT:
        connector = session.connector
        if connector is not None and not connector.closed:
            connector._close()  # the event loop has gone: its sockets, at once


def _kept_session(make: Any) -> Any:
    """``EndpointConfig.session`` that gives each endpoint one session per
    event loop, kept between calls: its connections stay open (Rasa made a
    new session, and a new connection, for every call to the action server)."""
    def session(self: Any) -> Any:
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return make(self)
        kept = self.__dict__.get(_KEPT)
        if kept is None or kept[0] is not loop or kept[1].closed:
            if not _ALL_KEPT:
                import atexit

                atexit.register(_close_kept)
            kept = self.__dict__[_KEPT] = (loop, make(self))
            _ALL_KEPT[:] = [s for s in _ALL_KEPT if not s.closed] + [kept[1]]
        return _Kept(kept[1])

    return session


def apply() -> None:
    """After "json" (registry order): it keeps the session that one makes."""
    from rasa.utils.endpoints import EndpointConfig

    replace(EndpointConfig, "session", _kept_session(EndpointConfig.session))
