"""rasa_patches/json_bodies.py ("json"): request bodies encoded with ujson read
back as Rasa's own encoding, fail where it fails, and Rasa's sessions use it."""
from __future__ import annotations

import pytest

import components  # noqa: F401 - applies the patches, as loading the model does


@pytest.mark.parametrize("value", [
    {"tracker": {"events": [{"event": "user", "text": "I'm 61, had an SCT / \u00e9",
                             "parse_data": {"intent": {"confidence": 0.1 + 0.2}}}]},
     "slots": {"age_group": None, "ok": True, "n": 3}},
    {"numpy": __import__("numpy").float64(0.25)},
    {1: "a key that is not text"},
])
def test_request_bodies_read_back_as_rasas_own_encoding_does(value):
    import json

    from rasa_patches.json_bodies import _dumps

    assert json.loads(_dumps(value)) == json.loads(json.dumps(value))


def test_an_unencodable_body_fails_as_with_rasas_own_encoding():
    import json

    from rasa_patches.json_bodies import _dumps

    with pytest.raises(TypeError):
        json.dumps({"x": object()})
    with pytest.raises(TypeError):
        _dumps({"x": object()})


def test_rasas_endpoint_sessions_encode_with_it():
    import asyncio

    from rasa.utils.endpoints import EndpointConfig

    from rasa_patches.json_bodies import _dumps

    async def made() -> object:
        async with EndpointConfig("http://127.0.0.1:9/webhook").session() as session:
            return session._json_serialize

    assert asyncio.run(made()) is _dumps
