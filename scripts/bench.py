"""Benchmark: training time, start-up time, memory and REST latency.

Prints figures; asserts nothing. Traffic goes only to 127.0.0.1 and every
loop is bounded in count.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.servers import BIN, Servers, env  # noqa: E402

CONVERSATION = ["hi", "what does it mean for me", "I'm 67", "I had a stem cell transplant",
                "what does open-label mean", "how many people stopped taking it"]


def rss_mb(pid: int) -> float:
    total = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            total = int(line.split()[1])
    return total / 1024


def train_seconds() -> float:
    with tempfile.TemporaryDirectory() as out:
        start = time.monotonic()
        subprocess.run([str(BIN / "rasa"), "train", "--out", out, "--quiet", "--force"],
                       cwd=ROOT, env=env(), check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        return time.monotonic() - start


def timed_conversation(servers: Servers, sender: str) -> list:
    times = []
    for text in CONVERSATION:
        start = time.monotonic()
        servers.say(sender, text)
        times.append(time.monotonic() - start)
    return times


def pct(values: list, q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000


def main() -> None:
    print(f"training (forced, fresh output dir): {train_seconds():.1f} s")
    with tempfile.TemporaryDirectory() as work:
        servers = Servers(Path(work))
        try:
            servers.start_actions()
            servers.start_rasa()
            print(f"start-up until answering: actions {servers.startup_seconds['actions']:.1f} s, "
                  f"rasa {servers.startup_seconds['rasa']:.1f} s")
            start = time.monotonic()
            first = servers.say("bench-first", "hi")
            print(f"first reply: {(time.monotonic() - start) * 1000:.0f} ms "
                  f"({len(first)} messages)")
            single = [t for i in range(5) for t in timed_conversation(servers, f"solo-{i}")]
            print(f"one user, {len(single)} messages: p50 {pct(single, .5):.0f} ms, "
                  f"p95 {pct(single, .95):.0f} ms")
            for users in (5, 20):
                start = time.monotonic()
                with ThreadPoolExecutor(users) as pool:
                    names = [f"u{users}-{i}" for i in range(users)]
                    results = list(pool.map(partial(timed_conversation, servers), names))
                elapsed = time.monotonic() - start
                flat = [t for r in results for t in r]
                print(f"{users} concurrent users, {len(flat)} messages: "
                      f"{len(flat) / elapsed:.0f} msg/s, p50 {pct(flat, .5):.0f} ms, "
                      f"p95 {pct(flat, .95):.0f} ms, mean {statistics.mean(flat) * 1000:.0f} ms")
            assert servers.rasa is not None, "the Rasa server was started above"
            rasa_pid = servers.rasa.pid
            action_pid = servers.procs[0].pid
            print(f"memory (RSS): rasa {rss_mb(rasa_pid):.0f} MB, "
                  f"actions {rss_mb(action_pid):.0f} MB")
        finally:
            servers.stop()


if __name__ == "__main__":
    main()
