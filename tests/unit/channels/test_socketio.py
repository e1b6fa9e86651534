"""channels/socketio.py: the socket.io channel refuses other websites' browsers."""
from __future__ import annotations

from typing import List


def test_channel_refuses_only_other_browsers(monkeypatch):
    """The socket.io channel's check: another website's browser gets 403, a
    listed one and a client that sends no Origin (not a browser) get through."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from channels.socketio import refuse_other_origins

    class Request:
        def __init__(self, origin):
            self.headers = {} if origin is None else {"origin": origin}

    class Eio:
        async def handle_request(self, request):
            return "engine.io"

    monkeypatch.setenv("ALLOWED_ORIGINS", "https://www.clinic.example")
    eio = Eio()
    refuse_other_origins(eio)
    with ThreadPoolExecutor(1) as thread:  # its own event loop, beside Playwright's
        answers: List = [thread.submit(asyncio.run, eio.handle_request(Request(origin))).result()
                         for origin in ("https://www.clinic.example", None,
                                        "https://evil.example", "null")]
    assert answers[:2] == ["engine.io", "engine.io"]
    assert [a.status for a in answers[2:]] == [403, 403]
