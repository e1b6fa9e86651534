"""The real Rasa Slack channel (our ClinicSlackInput) against a fake Slack.

Signed Events API messages and signed button clicks go in over HTTP, exactly
as Slack sends them; the replies are read from what the bot posted to the
fake Web API. Forged, stale, replayed and retried requests must never reach
the dialogue.
"""
from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from urllib.parse import urlencode

import pytest
import requests
import yaml

from devtools.servers import ROOT, running
from tests.e2e.fake_slack import FakeSlack
from tests.helpers import before_after

SECRET = "test-signing-secret"
TOKEN = "xoxb-test-token"
USER, DM = "U0PATIENT", "D0PATIENT"
OUT = ROOT / "test-output" / "slack"
_ids = itertools.count(1)


def sign(body: bytes, timestamp: int, secret: str = SECRET) -> dict:
    base = b"v0:" + str(timestamp).encode() + b":" + body
    return {"X-Slack-Request-Timestamp": str(timestamp),
            "X-Slack-Signature":
                "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()}


def message_event(text: str, event_id: str = None, **event_extra) -> dict:
    event = {"type": "message", "channel": DM, "channel_type": "im", "user": USER,
             "text": text, "ts": f"{time.time():.6f}", **event_extra}
    return {"type": "event_callback", "team_id": "T0CLINIC", "api_app_id": "A0BOT",
            "event_id": event_id or f"Ev{next(_ids):06d}", "event_time": int(time.time()),
            "authorizations": [{"user_id": "U0BOT"}], "event": event}


def click(value: str, title: str) -> dict:
    return {"type": "block_actions", "user": {"id": USER}, "channel": {"id": DM},
            "trigger_id": f"trig{next(_ids)}", "message": {"ts": f"{time.time():.6f}"},
            "actions": [{"type": "button", "value": value, "text": {"type": "plain_text",
                                                                   "text": title},
                         "action_ts": f"{time.time():.6f}"}]}


class SlackClient:
    def __init__(self, url: str) -> None:
        self.url = url

    def post_event(self, payload: dict, *, timestamp: int = None, headers: dict = None,
                   signed: bool = True, secret: str = SECRET) -> requests.Response:
        body = json.dumps(payload).encode()
        h = {"Content-Type": "application/json", **(headers or {})}
        if signed:
            h.update(sign(body, timestamp or int(time.time()), secret))
        return requests.post(self.url, data=body, headers=h, timeout=30)

    def post_click(self, payload: dict) -> requests.Response:
        body = urlencode({"payload": json.dumps(payload)}).encode()
        h = {"Content-Type": "application/x-www-form-urlencoded",
             **sign(body, int(time.time()))}
        return requests.post(self.url, data=body, headers=h, timeout=30)


@pytest.fixture(scope="module")
def slack(tmp_path_factory):
    work = tmp_path_factory.mktemp("slack")
    with FakeSlack(TOKEN) as fake:
        creds = work / "credentials.yml"
        creds.write_text(yaml.safe_dump({
            "channels.rest.CheckedRestInput": None,
            "channels.slack.ClinicSlackInput": {
                "slack_token": TOKEN, "slack_signing_secret": SECRET,
                "slack_api_url": fake.url},
        }))
        pictures = {"PICTURES_BASE_URL": "https://clinic.example.org/pictures"}
        with running(work, credentials=creds, enable_api=True, extra_env=pictures) as servers:
            yield servers, fake, SlackClient(f"{servers.url}/webhooks/slack/webhook")


def texts_of(posts):
    return [p.get("text") or "" for p in posts]


def tracker_user_texts(servers, sender):
    r = requests.get(f"{servers.url}/conversations/{sender}/tracker", timeout=10)
    r.raise_for_status()
    return [e.get("text") for e in r.json()["events"] if e["event"] == "user"]


def test_signed_conversation_with_buttons_and_block_kit(slack):
    servers, fake, client = slack
    transcript = []

    def say(payload, expect, kind="message"):
        start = fake.count()
        r = client.post_event(payload) if kind == "message" else client.post_click(payload)
        assert r.status_code == 200, r.text
        fake.wait_for(lambda p: any(expect in (x.get("text") or "") for x in p[start:]))
        time.sleep(0.5)  # let the rest of this turn's posts land
        new = fake.posts[start:]
        transcript.append({"in": payload, "out": new})
        return new

    greeting = say(message_event("hi"), "automated tool")
    assert all(p["channel"] == DM for p in greeting)
    asked = say(message_event("what would lenalidomide mean for someone like me?"),
                "Are you under 65")
    buttons_post = next(p for p in asked if p.get("blocks"))
    actions = next(b for b in buttons_post["blocks"] if b["type"] == "actions")
    assert len(actions["elements"]) <= 5
    assert [e["text"]["text"] for e in actions["elements"]] == [
        "Under 65", "65 or over", "Rather not say"]
    over = next(e for e in actions["elements"] if e["text"]["text"] == "65 or over")
    asked2 = say(click(over["value"], "65 or over"), "Have you had a stem cell transplant",
                 kind="click")
    tx_actions = next(b for p in asked2 for b in p.get("blocks", []) if b["type"] == "actions")
    assert len(tx_actions["elements"]) == 5
    had = next(e for e in tx_actions["elements"] if e["text"]["text"] == "I had one")
    answer = say(click(had["value"], "I had one"), "88 in 100", kind="click")
    post = next(p for p in answer if "88 in 100" in (p.get("text") or ""))
    kinds = [b["type"] for b in post["blocks"]]
    assert kinds == ["header", "section", "section", "section", "section", "actions"]
    sections = " ".join(b["text"]["text"] for b in post["blocks"] if b["type"] == "section")
    for phrase in ("88 in 100", "80 in 100", "About 5 in 100", "15 in 100",
                   "Most in that group were younger", "39 months"):
        assert phrase in sections and phrase in post["text"]
    assert "pull different ways" not in post["text"]
    follow_ups = post["blocks"][-1]["elements"]
    pictures = next(e for e in follow_ups if e["text"]["text"] == "Show me as pictures")
    shown = say(click(pictures["value"], "Show me as pictures"), "Each picture", kind="click")
    post = next(p for p in shown if "Each picture" in (p.get("text") or ""))
    image = next(b for b in post["blocks"] if b["type"] == "image")
    assert "88 in 100" in image["alt_text"]
    assert image["image_url"] == "https://clinic.example.org/pictures/os_tx.png"
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "transcript.json").write_text(json.dumps(transcript, indent=2))
    lines = []
    for turn in transcript:
        said = turn["in"].get("event", {}).get("text") or "[clicked] " + \
            turn["in"]["actions"][0]["text"]["text"]
        lines.append(f"PATIENT: {said}")
        for p in turn["out"]:
            lines.append(f"BOT -> chat.postMessage channel={p['channel']} "
                         f"blocks={[b['type'] for b in p.get('blocks', [])]}\n  {p.get('text')}")
    (OUT / "transcript.txt").write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("case", ["unsigned", "wrong_secret", "stale", "tampered"])
def test_forged_or_stale_requests_are_rejected(slack, case):
    servers, fake, client = slack
    payload = message_event(f"forged {case}: I'm 70 and had a transplant")
    before = fake.count()
    if case == "unsigned":
        r = client.post_event(payload, signed=False)
    elif case == "wrong_secret":
        r = client.post_event(payload, secret="not-the-secret")
    elif case == "stale":
        r = client.post_event(payload, timestamp=int(time.time()) - 10 * 60)
    else:
        body = json.dumps(payload).encode()
        headers = {"Content-Type": "application/json", **sign(body, int(time.time()))}
        r = requests.post(client.url, data=body.replace(b"forged", b"FORGED"), headers=headers,
                          timeout=30)
    assert r.status_code == 400
    time.sleep(1)
    assert fake.count() == before
    assert not any("forged" in (t or "").lower()
                   for t in tracker_user_texts(servers, USER))


def test_retries_and_replays_answer_once(slack):
    servers, fake, client = slack
    payload = message_event("what does open-label mean", event_id="EvREPLAY1")
    before = fake.count()
    assert client.post_event(payload).status_code == 200
    fake.wait_for(lambda p: len(p) > before)
    time.sleep(1)
    after_first = fake.count()
    # Slack's own retry, and a replay of the same event with a fresh signature.
    assert client.post_event(payload, headers={"X-Slack-Retry-Num": "1",
                                               "X-Slack-Retry-Reason": "http_error"}
                             ).status_code == 200
    assert client.post_event(payload).status_code == 200
    time.sleep(1.5)
    assert fake.count() == after_first
    assert tracker_user_texts(servers, USER).count("what does open-label mean") == 1


def test_bot_ignores_its_own_and_other_bots_messages(slack):
    servers, fake, client = slack
    before = fake.count()
    for extra in ({"bot_id": "B0BOT"}, {"subtype": "bot_message"}, {"subtype": "message_changed"},
                  {"channel_type": "channel", "channel": "C0PUBLIC"}):
        assert client.post_event(message_event("I am a bot echo", **extra)).status_code == 200
    time.sleep(1.5)
    assert fake.count() == before
    assert "I am a bot echo" not in tracker_user_texts(servers, USER)


def test_url_verification_challenge(slack):
    _, _, client = slack
    r = client.post_event({"type": "url_verification", "challenge": "c-123"})
    assert r.status_code == 200 and "c-123" in r.text


def test_messages_that_failed_before_work_in_slack(slack):
    """Each from its own patient's direct message, signed like Slack's."""
    servers, fake, client = slack
    lines = []
    for n, case in enumerate(before_after()):
        user, dm = f"U0TEN{n:02d}", f"D0TEN{n:02d}"
        start = fake.count()
        r = client.post_event(message_event(case["text"], user=user, channel=dm))
        assert r.status_code == 200, r.text
        last, since = case["must"][-1], start
        fake.wait_for(lambda p, last=last, since=since: any(
            last in (x.get("text") or "") for x in p[since:]))
        time.sleep(0.5)
        posts = [p for p in fake.posts[start:] if p["channel"] == dm]
        said = " ".join(p.get("text") or "" for p in posts)
        for phrase in case["must"]:
            assert phrase in said, (case["text"], phrase, said)
        lines.append(f"PATIENT ({user}): {case['text']}\n(before: {case['before']})")
        lines += [f"BOT -> chat.postMessage channel={p['channel']} "
                  f"blocks={[b['type'] for b in p.get('blocks', [])]}\n  {p.get('text')}"
                  for p in posts]
        lines.append("")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "before-after.txt").write_text("\n".join(lines))


def test_my_summary_is_sent_as_text_in_slack(slack):
    servers, fake, client = slack
    user, dm = "U0SUMMARY", "D0SUMMARY"
    for text, last in [("my dad is 77, no transplant", "I can't decide for you"),
                       ("can i have a summary for his appointment", "questions you typed")]:
        start = fake.count()
        r = client.post_event(message_event(text, user=user, channel=dm))
        assert r.status_code == 200, r.text
        fake.wait_for(lambda p, last=last, since=start: any(
            last in json.dumps(x) for x in p[since:]))
    said = json.dumps([p for p in fake.posts[start:] if p["channel"] == dm])
    for phrase in ("My summary", "Your dad is 65 or over",
                   "68 in 100", "About 5 in 100", "Harms of lenalidomide, shown the same way"):
        assert phrase in said, phrase
    assert "/summary/" not in said
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "summary.json").write_text(said)
