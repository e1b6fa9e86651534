"""launchers/actions_server.py: the action server's settings and token check."""
from __future__ import annotations

import pytest

from launchers import actions_server

TOKEN = "t" * 32


def test_action_server_defaults_to_loopback():
    config = actions_server.settings({"ACTION_SERVER_TOKEN": TOKEN})
    assert config == {"host": "127.0.0.1", "port": 5055, "token": TOKEN}


@pytest.mark.parametrize("env, says", [
    ({"ACTIONS_HOST": "0.0.0.0"}, "not starting on every interface"),
    ({}, "ACTION_SERVER_TOKEN is not set"),
    ({"ACTION_SERVER_TOKEN": "short"}, "too short"),
    ({"ACTION_SERVER_TOKEN": TOKEN, "ACTIONS_PORT": "http"}, "ACTIONS_PORT must be"),
])
def test_action_server_refuses_bad_settings(env, says):
    with pytest.raises(SystemExit) as refused:
        actions_server.settings(env)
    assert says in str(refused.value.code)


def test_token_check():
    check = actions_server.token_problem
    assert check("/health", None, TOKEN) is None
    assert check("/webhook", None, TOKEN) == 401
    assert check("/webhook", "", TOKEN) == 401
    assert check("/webhook", TOKEN[:-1], TOKEN) == 403
    assert check("/webhook", TOKEN + "x", TOKEN) == 403
    assert check("/actions", "wrong", TOKEN) == 403
    assert check("/webhook", TOKEN, TOKEN) is None
    assert check("/webhook", "é" * 3, TOKEN) == 403  # no crash on non-ASCII


def test_loopback_hosts():
    assert all(map(actions_server.is_loopback, ["127.0.0.1", "::1", "localhost", "127.0.0.2"]))
    assert not any(map(actions_server.is_loopback, ["0.0.0.0", "::", "192.0.2.2", "example"]))
