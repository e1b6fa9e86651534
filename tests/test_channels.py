"""Channel pieces that need no server: Slack blocks, credentials, pictures,
the Slack replay memory, and the web page's static server."""
import threading
import urllib.request

import pytest

from actions.slack_blocks import MAX_BLOCKS, answer_blocks
from bot import answers
from bot.pictures import PICTURE_IDS, picture_for, png
from bot.profile import AgeGroup, Transplant
from channels.slack import SeenEvents
from launchers.make_credentials import SLACK_CHANNEL, build


def _slack(parts):
    return [p if isinstance(p, str) else (f"https://x.test/{p.finding_id}.png", p)
            for p in parts]


def test_tailored_answer_fits_slack_block_kit_limits():
    parts = answers.tailored_parts(AgeGroup.NOT_GIVEN, Transplant.NOT_SURE)
    out = answer_blocks(_slack(parts), answers.TAILORED_TITLE,
                        [{"title": t, "payload": p} for t, p in answers.FOLLOW_UPS])
    kinds = [b["type"] for b in out["blocks"]]
    assert kinds == ["header", "section", "section", "section", "section", "actions"]
    assert [e["value"] for e in out["blocks"][-1]["elements"]] == [
        p for _, p in answers.FOLLOW_UPS]
    assert all(len(b["text"]["text"]) <= 3000 for b in out["blocks"] if b["type"] == "section")
    assert out["text"].count("in 100") >= 6


def test_pictures_answer_in_slack_keeps_each_picture_by_its_words():
    out = answer_blocks(_slack(answers.pictures(AgeGroup.UNDER_65, Transplant.HAD)))
    kinds = [b["type"] for b in out["blocks"]]
    assert kinds.count("image") == 4 and len(out["blocks"]) <= MAX_BLOCKS
    for i, kind in enumerate(kinds):
        if kind == "image":
            assert kinds[i - 1] == "section"


def test_slack_text_is_escaped():
    out = answer_blocks(["a < b & c > d <@U123>"])
    assert out["blocks"][0]["text"]["text"] == "a &lt; b &amp; c &gt; d &lt;@U123&gt;"


def test_seen_events_answer_once_and_stay_bounded():
    seen = SeenEvents(limit=3, ttl=3600)
    assert seen.first_time("a") and not seen.first_time("a")
    for key in "bcde":
        assert seen.first_time(key)
    assert len(seen._seen) <= 3
    assert seen.first_time("a")  # forgotten once the memory is full


def test_credentials_add_slack_only_when_configured():
    assert SLACK_CHANNEL not in build({})
    creds = build({"SLACK_BOT_TOKEN": "x", "SLACK_SIGNING_SECRET": "y"})
    assert creds[SLACK_CHANNEL] == {"slack_token": "${SLACK_BOT_TOKEN}",
                                    "slack_signing_secret": "${SLACK_SIGNING_SECRET}"}
    assert "channels.socketio.PollingSocketIOInput" in creds
    with pytest.raises(SystemExit, match="SLACK_SIGNING_SECRET"):
        build({"SLACK_BOT_TOKEN": "x"})


@pytest.mark.parametrize("fid", PICTURE_IDS)
def test_every_picture_renders_with_its_finding_as_alt_text(fid):
    data = png(fid)
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    assert "in 100" in picture_for(fid).alt


def test_no_picture_for_findings_without_two_arms():
    with pytest.raises(KeyError, match="stopped"):
        picture_for("stopped")


def test_picture_texts_carry_their_findings_sources():
    picture = picture_for("spm")
    assert picture.alt.sources == {"spm"} and picture.caption.sources == {"spm"}


@pytest.fixture(scope="module")
def web():
    from http.server import ThreadingHTTPServer

    from web.serve import make_handler

    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler("http://127.0.0.1:5005"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def test_web_page_has_a_strict_content_security_policy(web):
    status, headers, body = _get(web + "/")
    assert status == 200 and b'role="log"' in body
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "connect-src 'self' http://127.0.0.1:5005 ws://127.0.0.1:5005" in csp


def test_web_page_footer_says_who_made_the_tool_and_how_fresh_it_is(web):
    from bot.facts import facts

    body = _get(web + "/")[2].decode()
    footer = body[body.index("<footer"):body.index("</footer>")]
    checked = facts().tool.content_checked
    assert f"{checked.day} {checked:%B} {checked.year}" in footer
    assert "No drug company paid for it" in footer and "December 2018" in footer
    assert "about-this-tool" not in body


@pytest.mark.parametrize("path, status", [
    ("/static/chat.js", 200), ("/vendor/socket.io.min.js", 200), ("/pictures/spm.png", 200),
    ("/static/../serve.py", 404), ("/static/%2e%2e/serve.py", 404), ("/pictures/qol.png", 404),
    ("/vendor/../../bot/data/facts.yml", 404), ("/nothing", 404),
])
def test_web_serves_only_what_it_should(web, path, status):
    assert _get(web + path)[0] == status


def test_several_rasa_workers_leave_out_the_web_chats_socketio():
    from launchers.make_credentials import SOCKETIO_CHANNEL

    assert SOCKETIO_CHANNEL in build({}) and SOCKETIO_CHANNEL in build({"SANIC_WORKERS": "1"})
    assert SOCKETIO_CHANNEL in build({"SANIC_WORKERS": "lots"})  # Rasa reads that as 1
    without = build({"SANIC_WORKERS": "2"})
    assert SOCKETIO_CHANNEL not in without and "channels.rest.CheckedRestInput" in without
