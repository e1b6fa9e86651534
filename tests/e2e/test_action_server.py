"""The action server as launchers/run.sh starts it (launchers/actions_server.py):
on loopback only, and no action runs without this run's token. Real
processes; a whole conversation through Rasa with the token is in
tests/e2e/test_privacy.py (and every other e2e test goes through it too)."""
from __future__ import annotations

import ipaddress
import json
import socket
import sqlite3
import subprocess
from pathlib import Path
from typing import List

import pytest
import requests

from devtools.servers import BIN, ROOT, Servers, env, free_port

FIXTURES = ROOT / "tests" / "fixtures"


def non_loopback_addresses() -> List[str]:
    """This machine's own addresses other than loopback (those it can listen on)."""
    try:
        found = subprocess.run(["hostname", "-I"], capture_output=True, text=True,
                               timeout=10).stdout.split()
    except (OSError, subprocess.SubprocessError):
        found = []
    try:  # the address the default route would use, if there is one
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))
            found.append(s.getsockname()[0])
    except OSError:
        pass
    usable = []
    for text in dict.fromkeys(found):
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            continue
        if address.is_loopback or address.is_link_local or address.is_unspecified:
            continue
        usable.append(text)
    return usable


def reachable(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.settimeout(3)
        try:
            s.connect((host, port))
            return True
        except OSError:
            return False


def listening_everywhere_is_reachable_on(host: str) -> bool:
    """Control: a plain socket on every interface answers on ``host``."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as server:
        server.bind(("::" if family == socket.AF_INET6 else "0.0.0.0", 0))
        server.listen(1)
        return reachable(host, server.getsockname()[1])


@pytest.fixture(scope="module")
def actions(tmp_path_factory):
    work = tmp_path_factory.mktemp("actions")
    servers = Servers(work)
    servers.start_actions()
    yield servers
    servers.stop()


def summary_call(domain: dict) -> dict:
    """What the Rasa server posts to run action_summary for a REST conversation
    (it saves a printable summary, so whether it ran can be seen in SUMMARY_DB)."""
    tracker = json.loads((FIXTURES / "tracker.json").read_text())
    tracker["sender_id"] = "token-test"
    tracker["latest_message"]["text"] = "make my summary"
    tracker["events"] = [{"event": "user", "text": "make my summary",
                          "input_channel": "rest", "parse_data": tracker["latest_message"]}]
    return {"next_action": "action_summary", "sender_id": "token-test", "tracker": tracker,
            "domain": domain, "version": "3.6.21"}


def summaries_saved(servers: Servers) -> int:
    db = Path(servers.extra_env["SUMMARY_DB"])
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COUNT(*) FROM summaries").fetchone()[0]


def test_no_action_runs_without_the_right_token(actions, domain):
    url = f"http://127.0.0.1:{actions.action_port}"
    call = summary_call(domain)
    for headers, status in (({}, 401), ({"X-Action-Token": "not-the-token-0123456789"}, 403),
                            ({"X-Action-Token": ""}, 401),
                            ({"X-Action-Token": actions.action_token[:-1]}, 403)):
        r = requests.post(f"{url}/webhook", json=call, headers=headers, timeout=30)
        assert r.status_code == status, (headers, r.text)
        assert "X-Action-Token" in r.json()["error"]
        assert "events" not in r.json() and "responses" not in r.json()
    assert summaries_saved(actions) == 0  # action_summary never ran
    listing = requests.get(f"{url}/actions", timeout=10)
    assert listing.status_code == 401 and "action_summary" not in listing.text
    assert requests.get(f"{url}/health", timeout=10).json() == {"status": "ok"}


def test_an_action_runs_with_the_token(actions, domain):
    url = f"http://127.0.0.1:{actions.action_port}"
    r = requests.post(f"{url}/webhook", json=summary_call(domain),
                      headers={"X-Action-Token": actions.action_token}, timeout=30)
    assert r.status_code == 200, r.text
    assert any("/summary/" in json.dumps(m) for m in r.json()["responses"])
    assert summaries_saved(actions) == 1
    listing = requests.get(f"{url}/actions", headers={"X-Action-Token": actions.action_token},
                           timeout=10)
    assert {"name": "action_summary"} in listing.json()


def test_a_failing_action_does_not_echo_or_log_the_conversation(actions, domain):
    call = summary_call(domain)
    call["tracker"]["latest_message"]["text"] = "secret-words-5521"
    del call["tracker"]["sender_id"]  # makes rasa-sdk fail (KeyError) before the action
    r = requests.post(f"http://127.0.0.1:{actions.action_port}/webhook", json=call,
                      headers={"X-Action-Token": actions.action_token}, timeout=30)
    assert r.status_code == 500 and "secret-words-5521" not in r.text
    assert "action_summary" in r.json()["error"]
    log = (actions.workdir / "actions.log").read_text()
    assert "action action_summary failed with" in log
    assert "secret-words-5521" not in log


def test_it_is_not_reachable_from_other_machines(actions):
    assert reachable("127.0.0.1", actions.action_port)
    addresses = non_loopback_addresses()
    if not addresses:
        pytest.skip("this machine has no address but loopback, so there is nothing to check")
    checked = [a for a in addresses if listening_everywhere_is_reachable_on(a)]
    if not checked:
        pytest.skip(f"none of this machine's addresses {addresses} can be connected to here")
    for address in checked:
        assert not reachable(address, actions.action_port), address


@pytest.mark.parametrize("token", ["", "short-token"])
def test_it_refuses_to_start_on_every_interface_without_a_good_token(token):
    port = free_port()
    e = {**env(), "ACTIONS_HOST": "0.0.0.0", "ACTIONS_PORT": str(port),
         "ACTION_SERVER_TOKEN": token}
    done = subprocess.run([str(BIN / "python"), "-m", "launchers.actions_server"], cwd=ROOT, env=e,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "ACTION_SERVER_TOKEN" in done.stderr
    assert ("not starting on every interface" if not token else "too short") in done.stderr
    assert not reachable("127.0.0.1", port)


def test_on_every_interface_with_a_token_it_still_wants_the_token(tmp_path):
    servers = Servers(tmp_path, extra_env={"ACTIONS_HOST": "0.0.0.0"})
    try:
        servers.start_actions()
        addresses = [a for a in non_loopback_addresses()
                     if ":" not in a and listening_everywhere_is_reachable_on(a)] or ["127.0.0.1"]
        url = f"http://{addresses[0]}:{servers.action_port}"
        assert requests.get(f"{url}/health", timeout=10).ok  # reachable: it listens there
        refused = requests.post(f"{url}/webhook", json={"next_action": "action_greet"},
                                timeout=10)
        assert refused.status_code == 401
    finally:
        servers.stop()


def test_it_reads_profiles_without_loading_tensorflow(actions, domain):
    """spaCy's thinc would import TensorFlow (launchers/actions_server.py blocks it)."""
    call = summary_call(domain)
    call["next_action"] = "action_validate_slot_mappings"
    call["tracker"]["latest_message"]["text"] = "I'm 61 and had a stem cell transplant"
    r = requests.post(f"http://127.0.0.1:{actions.action_port}/webhook", json=call,
                      headers={"X-Action-Token": actions.action_token}, timeout=60)
    assert r.status_code == 200, r.text
    slots = {e["name"]: e["value"] for e in r.json()["events"] if e["event"] == "slot"}
    assert slots.get("age_group") == "under_65" and slots.get("transplant") == "had"
    assert actions.actions is not None
    maps = Path(f"/proc/{actions.actions.pid}/maps").read_text()
    assert "tensorflow" not in maps
