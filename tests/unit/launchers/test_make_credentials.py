"""launchers/make_credentials.py: which channels the credentials turn on."""
import pytest

from launchers.make_credentials import SLACK_CHANNEL, build


def test_credentials_add_slack_only_when_configured():
    assert SLACK_CHANNEL not in build({})
    creds = build({"SLACK_BOT_TOKEN": "x", "SLACK_SIGNING_SECRET": "y"})
    assert creds[SLACK_CHANNEL] == {"slack_token": "${SLACK_BOT_TOKEN}",
                                    "slack_signing_secret": "${SLACK_SIGNING_SECRET}"}
    assert "channels.socketio.PollingSocketIOInput" in creds
    with pytest.raises(SystemExit, match="SLACK_SIGNING_SECRET"):
        build({"SLACK_BOT_TOKEN": "x"})


def test_several_rasa_workers_leave_out_the_web_chats_socketio():
    from launchers.make_credentials import SOCKETIO_CHANNEL

    assert SOCKETIO_CHANNEL in build({}) and SOCKETIO_CHANNEL in build({"SANIC_WORKERS": "1"})
    assert SOCKETIO_CHANNEL in build({"SANIC_WORKERS": "lots"})  # Rasa reads that as 1
    without = build({"SANIC_WORKERS": "2"})
    assert SOCKETIO_CHANNEL not in without and "channels.rest.CheckedRestInput" in without
