"""rasa_patches/connections.py: calls to an endpoint share one kept
connection, per event loop and endpoint, closed at exit."""
from __future__ import annotations

import components  # noqa: F401 - applies the patches, as loading the model does


async def _json_server(accepted: list):
    """A tiny HTTP/1.1 server that keeps connections open and counts them."""
    import asyncio

    async def handle(reader, writer):
        accepted.append(writer)
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                           if line.lower().startswith(b"content-length")), 0)
            await reader.readexactly(length)
            body = b'{"events": [], "responses": []}'
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                         b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
            await writer.drain()

    return await asyncio.start_server(handle, "127.0.0.1", 0)


def test_calls_to_an_endpoint_share_one_kept_connection():
    import asyncio

    from rasa.utils.endpoints import EndpointConfig

    accepted: list = []

    async def main():
        server = await _json_server(accepted)
        port = server.sockets[0].getsockname()[1]
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook",
                                  headers={"X-Action-Token": "t"})
        replies = [await endpoint.request(json={"turn": k}) for k in range(5)]
        server.close()
        return replies

    assert asyncio.run(main()) == [{"events": [], "responses": []}] * 5
    assert len(accepted) == 1  # Rasa's own made five


def test_each_event_loop_and_each_endpoint_gets_its_own_session():
    import asyncio

    from rasa.utils.endpoints import EndpointConfig

    one, two = EndpointConfig("http://127.0.0.1:1/a"), EndpointConfig("http://127.0.0.1:1/b")

    async def sessions():
        async with one.session() as a, two.session() as b, one.session() as again:
            return a, b, again

    a, b, again = asyncio.run(sessions())
    assert a is again and a is not b and not a.closed  # kept open after "async with"
    later, _, _ = asyncio.run(sessions())
    assert later is not a  # a new loop: a session of its own


def test_kept_sessions_are_closed_at_exit():
    """What the exit hook does, so aiohttp finds no session left open."""
    import asyncio

    from rasa.utils.endpoints import EndpointConfig

    from rasa_patches.connections import _close_kept

    endpoint = EndpointConfig("http://127.0.0.1:1/x")

    async def kept():
        async with endpoint.session() as session:
            return session

    session = asyncio.run(kept())
    assert not session.closed
    _close_kept()
    assert session.closed
