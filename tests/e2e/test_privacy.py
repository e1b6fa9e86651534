"""What a clinic's servers keep: no message text in any log, the tracker store
readable by its owner only, and a whole conversation through the action
server with its token. Real processes, started as launchers/run.sh starts them,
at INFO (Rasa's own default; make run logs at WARNING, which says less)."""
from __future__ import annotations

import stat
import time
from pathlib import Path
from typing import List

import pytest
import requests

from devtools.servers import running
from tests.helpers import stored_bytes

MARKER = "zebra-pancake-4417"


def _texts(replies: List[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def _link(replies: List[dict]) -> str:
    links = [r["custom"]["link"]["href"] for r in replies if "link" in (r.get("custom") or {})]
    assert len(links) == 1, replies
    return links[0]


def _socketio_say(url: str, text: str) -> List[dict]:
    import socketio

    client = socketio.Client(reconnection=False)
    heard: List[dict] = []
    confirmed: List[str] = []
    client.on("bot_uttered", lambda data: heard.append(data))
    client.on("session_confirm", lambda sid: confirmed.append(sid))
    client.connect(url, transports=["polling"], socketio_path="/socket.io")
    try:
        client.emit("session_request", {"session_id": "privacy-socket-1"})
        end = time.monotonic() + 30
        while not confirmed and time.monotonic() < end:
            time.sleep(0.1)
        client.emit("user_uttered", {"session_id": confirmed[0], "message": text})
        while not heard and time.monotonic() < end:
            time.sleep(0.1)
        time.sleep(1)  # the rest of the reply
        return heard
    finally:
        client.disconnect()


@pytest.fixture(scope="module")
def conversation(tmp_path_factory):
    work = tmp_path_factory.mktemp("privacy")
    # A socket.io client makes Sanic wait its full 15 s at shutdown; 2 s will do here.
    with running(work, extra_env={"LOG_LEVEL": "INFO",
                                  "SANIC_GRACEFUL_SHUTDOWN_TIMEOUT": "2"}) as servers:
        web = servers.start_web()
        sender = "privacy-1"
        replies = [servers.say(sender, text) for text in (
            "hello",
            f"my wife is 78 and couldn't have a transplant, her cat is {MARKER}",
            f"is it ok with her warfarin and {MARKER}?",
        )]
        summary = servers.say(sender, "can i print this for her appointment")
        page = requests.get(f"http://127.0.0.1:{web}{_link(summary)}", timeout=10)
        heard = _socketio_say(servers.url, f"what is myeloma, asks {MARKER}")
        time.sleep(1)  # let the servers write their logs
        yield servers, work, replies, page, heard


def test_a_whole_conversation_runs_custom_actions_with_the_token(conversation):
    servers, work, replies, page, heard = conversation
    # The tailored answer and the summary are custom actions: they ran.
    assert "Your wife is 65 or over and could not have a transplant" in _texts(replies[1])
    assert page.status_code == 200 and "warfarin" in page.text
    assert heard and any("bone marrow" in (h.get("text") or "") for h in heard), heard
    # ... and the action server saw the message: the marker reached every server.
    assert MARKER in page.text


def test_no_message_text_in_any_log(conversation):
    servers, work, *_ = conversation
    logs = sorted(work.glob("*.log"))
    assert {p.name for p in logs} >= {"actions.log", "rasa.log", "web.log"}
    for log in logs:
        text = log.read_text(errors="replace")
        assert MARKER not in text, f"{log.name} holds the person's words"
        assert "her cat is" not in text and "warfarin" not in text, log.name


def test_the_tracker_store_is_readable_by_its_owner_only(conversation):
    servers, work, *_ = conversation
    db: Path = work / "trackers.db"
    assert db.exists() and MARKER.encode() in stored_bytes(db)  # the conversation is in it
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    for part in work.glob("trackers.db-*"):  # its write-ahead log (stores/sql.py)
        assert stat.S_IMODE(part.stat().st_mode) == 0o600, part.name
    for log in work.glob("*.log"):
        assert stat.S_IMODE(log.stat().st_mode) == 0o600, log.name
