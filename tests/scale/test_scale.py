"""The scaled set-up for real (make test-scale): PostgreSQL, Redis, two Rasa
replicas with their action servers, and nginx, started by ops/stack.py.

Conversations whose turns alternate between the replicas, several messages
of one conversation at the same time, a replica killed in the middle of a
run, and the database and Redis stopped and started. After each, every
conversation must hold its own profile and answers, in order, with nothing
stored lost. Figures go to test-output/scale/report.json.
"""
from __future__ import annotations

import json
import random
import shutil
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
import requests

from channels.contract import NO_REPLY
from ops.stack import UNAVAILABLE, Stack, missing_programs
from devtools.servers import MODEL, ROOT

OUT = ROOT / "test-output" / "scale"
REPORT: Dict[str, object] = {}
RESEND = json.loads(UNAVAILABLE)[0]["text"]
ANSWERED = [0]  # turns answered so far, across threads (the kill test watches it)
ANSWERED_LOCK = threading.Lock()

# (the first profile message, what the tailored answer must say about them)
PROFILES: List[Tuple[str, str]] = [
    ("I'm 58 and had a stem cell transplant last spring", "under 65 and have had a transplant"),
    ("72, they said I wasn't fit enough for a transplant",
     "65 or over and could not have a transplant"),
    ("im 61 had my SCT in march", "under 65 and have had a transplant"),
    ("I am 68 and a transplant was never an option for me",
     "65 or over and could not have a transplant"),
    ("age 55, transplant not possible because of my kidneys",
     "under 65 and could not have a transplant"),
    ("I'm 66 and I had an autologous transplant", "65 or over and have had a transplant"),
]
FOLLOW_UPS = ["what are the side effects?", "how long do people stay on revlimid",
              "what does it mean for someone like me"]


def _texts(replies: List[dict]) -> str:
    return " ".join(r.get("text") or "" for r in replies)


@pytest.fixture(scope="module")
def stack():
    missing = missing_programs()
    assert not missing, f"install {missing} (make setup-scaled)"
    # Not under pytest's own temporary folder: each pytest run makes that
    # owner-only again, and PostgreSQL runs as another user (ops/stack.py).
    folder = Path(tempfile.mkdtemp(prefix="myeloma-scale-"))
    s = Stack.on_free_ports(folder, 2, model=MODEL)
    try:
        REPORT["startup_seconds"] = s.start()
        yield s
    finally:
        s.stop()
        shutil.rmtree(folder, ignore_errors=True)
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "report.json").write_text(json.dumps(REPORT, indent=2))


def say(url: str, sender: str, text: str, timeout: float = 90) -> Tuple[int, List[dict]]:
    r = requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text},
                      timeout=timeout)
    return r.status_code, r.json()


def stored(stack: Stack, sender: str) -> List[dict]:
    """Every event of ``sender`` in PostgreSQL, in the order Rasa wrote them."""
    rows = stack.postgres.psql(
        f"select data from events where sender_id = '{sender}' order by id", db="rasa")
    return [json.loads(line) for line in rows.splitlines() if line]


def user_texts(events: List[dict]) -> List[str]:
    return [e.get("text") for e in events if e["event"] == "user"]


def turns_never_interleave(events: List[dict]) -> bool:
    """Each message is followed by its own actions and then action_listen
    before the next message starts: no two turns of one conversation mixed."""
    waiting = True
    for e in events:
        if e["event"] == "user":
            if not waiting:
                return False
            waiting = False
        elif e["event"] == "action" and e.get("name") == "action_listen":
            waiting = True
    return True


def script(profile: Tuple[str, str]) -> List[str]:
    """The six messages of a conversation with this profile."""
    return ["hi", profile[0], *FOLLOW_UPS, "thanks"]


def converse(urls: List[str], sender: str, profile: Tuple[str, str], offset: int,
             resends: List[str]) -> List[str]:
    """Six turns; turn k goes to urls[(offset + k) % len(urls)]. A message whose
    server died under it is sent again once, as a person would."""
    problems: List[str] = []
    for k, text in enumerate(script(profile)):
        url = urls[(offset + k) % len(urls)]
        status, replies = say(url, sender, text)
        if status == 503 and _texts(replies) == RESEND:
            resends.append(sender)
            time.sleep(1)
            status, replies = say(url, sender, text)
        if status != 200 or not replies or _texts(replies) == NO_REPLY:
            problems.append(f"{sender} turn {k}: {status} {_texts(replies)[:80]}")
            continue
        if text in (profile[0], FOLLOW_UPS[2]) and profile[1] not in _texts(replies):
            problems.append(f"{sender} turn {k}: not its own profile: {_texts(replies)[:120]}")
        with ANSWERED_LOCK:
            ANSWERED[0] += 1
    return problems


def run_many(urls: List[str], prefix: str, count: int,
             workers: int = 16) -> Tuple[List[str], List[str], Dict[str, Tuple[str, str]]]:
    senders = {f"{prefix}-{i:03d}": PROFILES[i % len(PROFILES)] for i in range(count)}
    resends: List[str] = []
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(lambda item: converse(urls, item[1][0], item[1][1], item[0],
                                                      resends),
                                enumerate(senders.items())))
    return [p for r in results for p in r], resends, senders


def check_store(stack: Stack, senders: Dict[str, Tuple[str, str]],
                resent: List[str]) -> List[str]:
    """Every conversation has exactly its own messages, in order; a resent
    message may be there twice (its first copy was handled before the crash)."""
    problems = []
    for sender, profile in senders.items():
        events = stored(stack, sender)
        texts = user_texts(events)
        deduped = [t for i, t in enumerate(texts) if i == 0 or t != texts[i - 1]]
        expected = script(profile)
        if (texts if sender not in resent else deduped) != expected:
            problems.append(f"{sender}: stored {texts}")
        if not turns_never_interleave(events):
            problems.append(f"{sender}: turns interleaved")
    return problems


def test_turns_alternate_between_replicas_and_every_conversation_keeps_its_own(stack):
    urls = [r.url for r in stack.replicas]
    start = time.monotonic()
    problems, _, senders = run_many(urls, "alt", 40)
    REPORT["alternating"] = {"conversations": len(senders), "turns": 6 * len(senders),
                             "seconds": round(time.monotonic() - start, 1),
                             "problems": len(problems)}
    assert not problems, problems[:5]
    store_problems = check_store(stack, senders, [])
    REPORT["alternating"]["cross_talk_or_order_problems"] = len(store_problems)
    assert not store_problems, store_problems[:5]


def test_messages_of_one_conversation_at_the_same_time_are_handled_one_by_one(stack):
    urls = [stack.replicas[0].url, stack.replicas[1].url, stack.url]
    senders = [f"same-{i}" for i in range(8)]
    for sender in senders:
        assert say(stack.url, sender, "I'm 70 and had a transplant")[0] == 200
    barrier = threading.Barrier(len(urls))
    questions = ["what are the side effects?", "what about new cancers", "how long do I take it"]

    def at_once(sender: str, i: int) -> Tuple[int, List[dict]]:
        barrier.wait()
        return say(urls[i], sender, questions[i])

    for sender in senders:
        barrier.reset()
        with ThreadPoolExecutor(len(urls)) as pool:
            answers = list(pool.map(at_once, [sender] * len(urls), range(len(urls))))
        assert all(status == 200 and replies and _texts(replies) != NO_REPLY
                   for status, replies in answers), answers
        events = stored(stack, sender)
        assert sorted(user_texts(events)[1:]) == sorted(questions)
        assert turns_never_interleave(events), [e["event"] for e in events]
        slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
        assert slots.get("age_group") and slots.get("transplant"), slots
    REPORT["same_conversation_at_once"] = {"conversations": len(senders),
                                           "messages_at_once": len(urls), "interleaved": 0}


def test_a_replica_killed_mid_run_loses_nothing_and_the_other_serves(stack):
    before, _, before_senders = run_many([stack.url], "pre", 6)
    assert not before
    stored_before = {s: len(stored(stack, s)) for s in before_senders}
    victim = stack.replicas[random.Random(9).randrange(2)]
    outcome: Dict[str, object] = {}

    total = 30 * 6

    def kill_mid_run() -> None:
        """SIGKILL once a third of the run's turns are answered: mid-run, whatever
        the machine's speed (a fixed delay missed the run when it got faster)."""
        end = time.monotonic() + 300
        while ANSWERED[0] - answered_before < total // 3 and time.monotonic() < end:
            time.sleep(0.01)
        outcome["answered_at_kill"] = ANSWERED[0] - answered_before
        victim.kill_rasa()

    answered_before = ANSWERED[0]
    killer = threading.Thread(target=kill_mid_run)
    start = time.monotonic()
    killer.start()
    problems, resends, senders = run_many([stack.url], "kill", 30)
    killer.join()
    assert outcome["answered_at_kill"] < total * 2 // 3, outcome  # well before the end
    REPORT["replica_killed"] = {"conversations": len(senders), "turns": 6 * len(senders),
                                "turns_answered_when_killed": outcome["answered_at_kill"],
                                "resent_after_crash": len(resends),
                                "seconds": round(time.monotonic() - start, 1),
                                "problems": len(problems)}
    assert not problems, problems[:5]
    store_problems = check_store(stack, senders, resends)
    assert not store_problems, store_problems[:5]
    for sender, count in stored_before.items():  # nothing already stored was lost
        assert len(stored(stack, sender)) == count
    # Back up: a conversation from before the crash continues on it, profile intact.
    victim.start_rasa()
    sender, profile = next(iter(before_senders.items()))
    status, replies = say(victim.url, sender, FOLLOW_UPS[2])
    assert status == 200 and profile[1] in _texts(replies)


def _stop_then(stack: Stack, what: str, stop, start) -> Dict[str, object]:
    sender = f"fault-{what}"
    profile = PROFILES[1]
    assert profile[1] in _texts(say(stack.url, sender, profile[0])[1])
    count = len(stored(stack, sender))
    stop()
    try:
        t = time.monotonic()
        status, replies = say(stack.url, sender, "what are the side effects?", timeout=60)
        seconds = time.monotonic() - t
    finally:
        start()
    assert status == 200 and _texts(replies) == NO_REPLY, (status, replies)
    # The next turn, on either replica, works and the conversation is intact.
    answers = [say(r.url, sender, FOLLOW_UPS[2])[1] for r in stack.replicas]
    recovered = [profile[1] in _texts(a) for a in answers]
    assert all(recovered), answers
    assert len(stored(stack, sender)) > count  # what was stored before is still there
    texts = user_texts(stored(stack, sender))
    assert texts[0] == profile[0] and texts[-2:] == [FOLLOW_UPS[2]] * 2
    return {"error_reply_seconds": round(seconds, 2), "recovered_on_both_replicas": True}


def test_the_database_briefly_down_gives_a_clear_error_then_recovers(stack):
    REPORT["postgres_down"] = _stop_then(stack, "pg", stack.postgres.stop,
                                         stack.postgres.start)


def test_redis_briefly_down_gives_a_clear_error_then_recovers(stack):
    REPORT["redis_down"] = _stop_then(stack, "redis", stack.redis.stop, stack.redis.start)


def test_the_chat_page_and_socketio_work_through_nginx(stack):
    import socketio

    page = requests.get(f"{stack.url}/", timeout=10)
    assert page.status_code == 200 and "Myeloma XI" in page.text
    got: List[dict] = []
    done = threading.Event()
    client = socketio.Client(reconnection=False)

    @client.on("bot_uttered")
    def _on(data):  # noqa: ANN001
        got.append(data)
        if "under 65" in (data.get("text") or ""):
            done.set()

    client.connect(stack.url, transports=["polling"], socketio_path="/socket.io")
    try:
        client.emit("session_request", {"session_id": "nginx-sio-1"})
        time.sleep(1)
        client.emit("user_uttered", {"message": "I'm 60 and had a transplant",
                                     "session_id": "nginx-sio-1"})
        assert done.wait(60), got
    finally:
        client.disconnect()



def test_purge_and_forget_work_on_postgresql(stack):
    """make purge / make forget on the scaled set-up's database (docs/clinic.md)."""
    import os
    import subprocess
    import sys

    for sender in ("old-1", "new-1", "gone-1"):
        assert say(stack.url, sender, PROFILES[0][0])[0] == 200
    stack.postgres.psql("update events set timestamp = timestamp - 40 * 86400 "
                        "where sender_id = 'old-1'", db="rasa")
    env = {**os.environ, **stack.postgres.env(), **stack.redis.env(),
           "ENDPOINTS": "endpoints-scaled.yml", "ACTIONS_PORT": "1",
           "ACTION_SERVER_TOKEN": "x" * 20}

    def purge(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "ops.purge", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)

    done = purge("--days", "30")
    assert done.returncode == 0 and "deleted 1 conversation" in done.stdout, done
    assert "postgresql" in done.stdout and not stored(stack, "old-1")
    assert stored(stack, "new-1") and stored(stack, "gone-1")
    done = purge("--sender", "gone-1")
    assert done.returncode == 0 and not stored(stack, "gone-1") and stored(stack, "new-1")
    assert purge("--sender", "gone-1").returncode == 1  # nothing left to delete
    # Through make, as docs/clinic.md says (values through the environment).
    made = subprocess.run(["make", "-s", "forget", "SENDER=new-1"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert made.returncode == 0 and not stored(stack, "new-1"), made.stderr[-500:]
