"""`make run`'s script as a clinic would start it (launchers/run.sh, on free
ports, with its own tracker store): a quiet start (the project's own lines,
no third-party warnings), a per-run action-server token that the Rasa server
sends from endpoints.yml, a tracker store for its owner only, no message
text in its output, and a clean stop on TERM."""
from __future__ import annotations

import os
import re
import signal
import socket
import stat
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import List

import pytest
import requests

from devtools.servers import MODEL, ROOT, children, free_port, stop_group
from tests.helpers import stored_bytes

MARKER = "zebra-pancake-4417"
READY = "run: ready"
OWN_LINES = ("credentials:", "run:", "web:")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def closed(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(2)
        return s.connect_ex(("127.0.0.1", port)) != 0


@contextmanager
def started(work, **extra_env: str):
    """launchers/run.sh on free ports with its own tracker store, until "run: ready"."""
    endpoints = (ROOT / "endpoints.yml").read_text()
    assert "var/trackers.db" in endpoints
    (work / "endpoints.yml").write_text(endpoints.replace("var/trackers.db",
                                                          str(work / "trackers.db")))
    ports = {name: free_port() for name in ("ACTIONS_PORT", "RASA_PORT", "WEB_PORT")}
    env = {k: v for k, v in os.environ.items()  # run.sh's own defaults, not the caller's
           if k not in ("LOG_LEVEL", "PYTHONWARNINGS", "ACTION_SERVER_TOKEN", "ACTIONS_HOST",
                        "SANIC_WORKERS")}
    env.update({k: str(v) for k, v in ports.items()}, RASA_MODEL=str(MODEL),
               ENDPOINTS=str(work / "endpoints.yml"), SUMMARY_DB=str(work / "summaries.db"))
    env.update(extra_env)
    proc = subprocess.Popen(["bash", "launchers/run.sh"], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    lines: List[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout or []), daemon=True)
    reader.start()
    try:
        end = time.monotonic() + 240
        while not any(line.startswith(READY) for line in lines):
            assert proc.poll() is None, "".join(lines)
            assert time.monotonic() < end, "".join(lines)
            time.sleep(0.2)
        before_ready = list(lines)
        yield proc, ports, work, lines, before_ready
    finally:
        stop_group(proc)
        reader.join(timeout=10)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    with started(tmp_path_factory.mktemp("run")) as running:
        yield running


def test_it_starts_quietly(run):
    proc, ports, work, lines, before_ready = run
    assert before_ready[-1].startswith(READY)
    assert f"http://localhost:{ports['WEB_PORT']}/" in before_ready[-1]
    noise = [line for line in before_ready if not line.startswith(OWN_LINES)]
    assert not noise, "".join(before_ready)
    assert len(before_ready) <= 6


def test_a_conversation_works_with_the_per_run_token(run):
    proc, ports, work, lines, _ = run
    actions = f"http://127.0.0.1:{ports['ACTIONS_PORT']}"
    assert requests.post(f"{actions}/webhook", json={"next_action": "action_greet"},
                         timeout=10).status_code == 401
    rasa = f"http://127.0.0.1:{ports['RASA_PORT']}/webhooks/rest/webhook"
    replies = requests.post(rasa, json={"sender": "run-1", "message": (
        f"I'm 70 and had a stem cell transplant, my dog is {MARKER}")}, timeout=60).json()
    texts = " ".join(r.get("text") or "" for r in replies)
    assert "You are 65 or over and have had a transplant" in texts  # custom actions ran
    db = work / "trackers.db"
    assert MARKER.encode() in stored_bytes(db)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def _outside_addresses() -> List[str]:
    """This machine's addresses other than loopback (what another machine reaches)."""
    found = set()
    for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
        found.add(info[4][0])
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent; it picks the outgoing address
            found.add(s.getsockname()[0])
    except OSError:
        pass
    return sorted(a for a in found if not a.startswith("127."))


def test_the_rasa_and_action_servers_listen_on_loopback_only(run):
    proc, ports, work, lines, _ = run
    outside = _outside_addresses()
    if not outside:
        pytest.skip("this machine has no address besides loopback")
    for address in outside:
        for name in ("RASA_PORT", "ACTIONS_PORT"):
            with socket.socket() as s:
                s.settimeout(2)
                assert s.connect_ex((address, ports[name])) != 0, (name, address)
    assert not closed(ports["RASA_PORT"])  # while it answers on loopback


def test_it_stops_cleanly_on_term_and_said_nothing_it_should_not(run):
    proc, ports, work, lines, _ = run
    time.sleep(1)  # anything the conversation made the servers print
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 143
    time.sleep(0.5)
    output = "".join(lines)
    assert "run: stopping" in output
    for word in ("DeprecationWarning", "UserWarning", "FutureWarning", "Traceback", MARKER):
        assert word not in output, output
    assert all(closed(port) for port in ports.values()), ports


def test_make_shell_starts_quietly_and_talks(tmp_path):
    """launchers/shell.sh in a pseudo-terminal: its own action server with the
    token, the prompt after one line, a custom action's answer, /stop."""
    import pexpect

    env = {k: v for k, v in os.environ.items()
           if k not in ("LOG_LEVEL", "PYTHONWARNINGS", "ACTION_SERVER_TOKEN", "ACTIONS_HOST")}
    endpoints = (ROOT / "endpoints.yml").read_text()
    (tmp_path / "endpoints.yml").write_text(endpoints.replace("var/trackers.db",
                                                              str(tmp_path / "trackers.db")))
    env.update(ACTIONS_PORT=str(free_port()), RASA_PORT=str(free_port()), TERM="xterm",
               RASA_MODEL=str(MODEL), ENDPOINTS=str(tmp_path / "endpoints.yml"))
    child = pexpect.spawn("bash", ["launchers/shell.sh"], cwd=str(ROOT), env=env,
                          encoding="utf-8", timeout=180, dimensions=(50, 200))
    try:
        child.expect("Your input ->")
        printed = ANSI.sub("", child.before).replace("\r", "")
        before = [line for line in printed.split("\n") if line.strip()]
        assert len(before) == 1 and "Bot loaded" in before[0], before
        child.sendline("hello")  # answered by action_greet, through the token
        child.expect("automated tool")
        child.expect("Your input ->")
        child.sendline("/stop")
        child.expect(pexpect.EOF, timeout=60)
    finally:
        child.close(force=True)
    assert stat.S_IMODE((tmp_path / "trackers.db").stat().st_mode) == 0o600
    assert closed(int(env["ACTIONS_PORT"]))


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_several_rasa_workers_share_conversations_and_leave_out_the_web_chat(tmp_path):
    """SANIC_WORKERS=2: REST turns land on either worker (stores/file_lock.py,
    the tracker store's check of the newest event), the profile holds, and
    the web chat, whose socket.io needs one process, is not started."""
    with started(tmp_path, SANIC_WORKERS="2") as (proc, ports, _, lines, _):
        ready = next(line for line in lines if line.startswith(READY))
        assert "2 worker processes" in ready and "no web chat" in ready
        assert closed(ports["WEB_PORT"])
        rasa = [p for p in children(proc.pid)
                if "launchers.rasa_quiet" in open(f"/proc/{p}/cmdline").read()]
        workers = children(rasa[0])
        assert len(rasa) == 1 and len(workers) == 2
        before = {w: _cpu_seconds(w) for w in workers}
        url = f"http://127.0.0.1:{ports['RASA_PORT']}/webhooks/rest/webhook"

        def say(sender: str, text: str) -> str:
            r = requests.post(url, json={"sender": sender, "message": text}, timeout=60)
            r.raise_for_status()
            return " ".join(m.get("text") or "" for m in r.json())

        def conversation(n: int) -> None:
            sender = f"workers-{n}"  # each turn on a new connection: either worker
            say(sender, "hi")
            say(sender, "my mum is 70 and could not have a transplant")
            for _ in range(3):
                answer = say(sender, "what does this mean for her")
                assert "Your mum is 65 or over and could not have a transplant" in answer
                assert "Is she under" not in answer and "Are you under" not in answer

        with ThreadPoolExecutor(4) as pool:  # at once, so both workers are busy
            list(pool.map(conversation, range(8)))
        used = {w: round(_cpu_seconds(w) - before[w], 2) for w in workers}
        print(f"CPU seconds per worker: {used}")
        assert all(seconds > 0.05 for seconds in used.values()), used  # both answered
