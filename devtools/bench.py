"""Benchmark: our bot beside a stock ``rasa init`` bot, in the same run (make bench).

    make bench                             20 patients at once, 30 s each bot
    make bench BENCH_ARGS="--users 50 --seconds 60"

For each bot (ours: the action server and the Rasa server as ``make run``
starts them; stock: ``rasa init --no-prompt`` in a temporary folder, never
committed, with its own defaults) it measures, on loopback only:

- training time (``rasa train --force`` into a temporary folder);
- cold start: from starting the processes to the first correct answer;
- ``--users`` patients talking at once over REST for ``--seconds`` after a
  warm-up, each playing realistic conversations (a greeting, a profile in
  free text, a tailored question, follow-ups, a carer's message, a
  symptom): messages/s, p50/p95/p99, failures;
- peak memory (VmHWM) of every process, workers included;
- how a turn's cost grows with the conversation: turn 5 against turn 50 of
  a long conversation (median of the five turns around each, in three such
  conversations).

Ours is measured as make run starts it (one Rasa process: the web chat's
socket.io needs its turns on one process) and with ``--workers`` Rasa worker
processes (default 2; for REST and Slack, sharing stores/file_lock.py).
``--levers`` also measures ours with our patches to Rasa switched on one
after another (``RASA_PATCHES``, docs/rasa-patches.md): none
(``RASA_PATCHES=none``, ``TRACKER_CACHE_SIZE=0``), then without TensorFlow
("no_tensorflow", with "warnings", which only keeps the start quiet), then
with the tracker store's memory, then the first four of Rasa's own code
(schema, rules, classifier, json), then the next four, then the next two,
then "replies", then all of them. (The SQLite store's kept connections are
on in every row, its built-once queries in every row where it remembers
conversations.)

It prints a table with the ratios and writes table.md and bench.json to
results/bench/. It asserts nothing (targets belong in the issue, not here).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

from devtools.load import percentile
from devtools.servers import BIN, Servers, children, env, free_port
from rasa_patches import selected

ROOT = Path(__file__).resolve().parent.parent

OUT = ROOT / "results" / "bench"
# Realistic turns, played in order by every simulated patient, again and again.
CONVERSATION = [
    "hi",
    "im 61, had my stem cell transplant in march",
    "what does revlimid do for someone like me",
    "what are the side effects",
    "how long would i be on len",
    "my husband is 70 and could not have a transplant, what about him",
    "i have a temperature of 38.5 is that normal",
    "thanks",
]
LONG_TURNS = ["what are the side effects", "what about new cancers", "how long do people take it",
              "what does it mean for me", "what is maintenance"]


# ------------------------------------------------------------------ processes
def _tree(pid: int) -> List[int]:
    """The process and its children (Sanic workers, dask), for memory."""
    out = [pid]
    try:
        kids = children(pid)
    except OSError:
        return out
    for kid in kids:
        out.extend(_tree(kid))
    return out


def peak_rss_mb(pid: int) -> Dict[str, float]:
    """Peak resident memory (VmHWM) of a process and each of its children."""
    sizes: Dict[str, float] = {}
    for p in _tree(pid):
        try:
            status = Path(f"/proc/{p}/status").read_text().splitlines()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status if ":" in line)
        sizes[f"{fields.get('Name', '?').strip()}:{p}"] = \
            int(fields.get("VmHWM", "0 kB").split()[0]) / 1024
    return sizes


def train_seconds(project: Path) -> float:
    with tempfile.TemporaryDirectory() as out:
        start = time.monotonic()
        subprocess.run([str(BIN / "rasa"), "train", "--out", out, "--quiet", "--force"],
                       cwd=project, env=env(), check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        return time.monotonic() - start


def first_answer(url: str, correct: str, started: float, timeout: float = 300) -> float:
    """Seconds from ``started`` until "hi" gets an answer containing ``correct``."""
    import requests

    while time.monotonic() - started < timeout:
        try:
            r = requests.post(f"{url}/webhooks/rest/webhook",
                              json={"sender": f"cold-{os.getpid()}", "message": "hi"}, timeout=5)
            if r.ok and correct in " ".join(m.get("text") or "" for m in r.json()):
                return time.monotonic() - started
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url}: no correct first answer within {timeout:.0f} s")


class Stock:
    """A stock ``rasa init`` bot in a temporary folder: its own model and defaults."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "stock"
        self.port = free_port()
        self.proc: Optional[subprocess.Popen] = None

    def create(self) -> None:
        self.folder.mkdir(parents=True)  # rasa init wants it to exist
        subprocess.run([str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(self.folder)],
                       cwd=self.folder.parent, env=env(), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def start(self) -> float:
        log = open(self.folder / "rasa.log", "ab")
        started = time.monotonic()
        self.proc = subprocess.Popen(
            [str(BIN / "rasa"), "run", "--port", str(self.port), "--interface", "127.0.0.1"],
            cwd=self.folder, env=env(), stdout=log, stderr=subprocess.STDOUT)
        return first_answer(self.url, "Hey", started)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def pids(self) -> Dict[str, int]:
        assert self.proc is not None
        return {"rasa": self.proc.pid}

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=60)


class Ours:
    """Our bot as make run starts it (devtools/servers.py): actions + Rasa, SQLite."""

    def __init__(self, folder: Path, patches: str = "", workers: int = 1,
                 cache: bool = True) -> None:
        work = folder / f"ours-{patches or 'all'}-{workers}-{int(cache)}"
        work.mkdir(parents=True, exist_ok=True)
        # The long conversation sends 52 messages in well under a minute: the
        # per-sender rate limit (channels/contract.py) is not what is measured.
        extra = {"LOG_LEVEL": "WARNING", "CHAT_MAX_PER_MINUTE": "1000"}
        if patches:
            extra["RASA_PATCHES"] = patches  # rasa_patches/ (docs/rasa-patches.md)
        if workers > 1:
            extra["SANIC_WORKERS"] = str(workers)  # with stores/file_lock.py
        if not cache:
            extra["TRACKER_CACHE_SIZE"] = "0"  # stores/sql.py
        self.servers = Servers(work, extra_env=extra)

    def start(self) -> float:
        started = time.monotonic()
        self.servers.start_actions(wait=False)  # it loads while the Rasa server does
        self.servers.start_rasa()
        seconds = first_answer(self.url, "automated tool", started)
        self.servers.wait_actions()
        return seconds

    @property
    def url(self) -> str:
        return self.servers.url

    def pids(self) -> Dict[str, int]:
        assert self.servers.rasa is not None and self.servers.actions is not None
        return {"rasa": self.servers.rasa.pid, "actions": self.servers.actions.pid}

    def stop(self) -> None:
        self.servers.stop()


# ---------------------------------------------------------------------- load
async def _patients(url: str, users: int, seconds: float, timeout: float) -> Dict[str, Any]:
    import aiohttp

    latencies: List[float] = []
    failures = 0
    end = time.monotonic() + seconds
    run = os.urandom(3).hex()

    async def patient(session: Any, index: int) -> None:
        nonlocal failures
        n = 0
        while time.monotonic() < end:
            sender = f"bench-{run}-{index}-{n}"
            n += 1
            for text in CONVERSATION:
                if time.monotonic() >= end:
                    return
                start = time.monotonic()
                try:
                    async with session.post(f"{url}/webhooks/rest/webhook",
                                            json={"sender": sender, "message": text},
                                            timeout=aiohttp.ClientTimeout(total=timeout)) as r:
                        body = await r.json(content_type=None)
                        ok = r.status == 200 and bool(body)
                except Exception:  # noqa: BLE001 - counted
                    ok = False
                if ok:
                    latencies.append(time.monotonic() - start)
                else:
                    failures += 1

    started = time.monotonic()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        await asyncio.gather(*[patient(session, i) for i in range(users)])
    wall = time.monotonic() - started
    return {"messages": len(latencies), "failures": failures,
            "messages_per_s": round(len(latencies) / wall, 1),
            "p50_ms": round(percentile(latencies, 50) * 1000),
            "p95_ms": round(percentile(latencies, 95) * 1000),
            "p99_ms": round(percentile(latencies, 99) * 1000)}


def turn_growth(url: str, conversations: int = 3) -> Dict[str, float]:
    """Median latency of turns 3-7 and 48-52 of ``conversations`` 52-turn
    conversations, one after another (one alone moved by a fifth between runs
    on a busy machine)."""
    import requests

    early: List[float] = []
    late: List[float] = []
    silent = 0  # turns answered with nothing (the stock bot does that at times)
    for _ in range(conversations):
        times = []
        sender = f"long-{os.urandom(3).hex()}"
        for k in range(0, 53):
            text = ("hi" if k == 0 else CONVERSATION[1] if k == 1
                    else LONG_TURNS[k % len(LONG_TURNS)])
            start = time.monotonic()
            r = requests.post(f"{url}/webhooks/rest/webhook",
                              json={"sender": sender, "message": text}, timeout=60)
            r.raise_for_status()
            silent += not r.json()
            times.append(time.monotonic() - start)
        times = times[1:]  # turn k is times[k - 1]
        early += times[2:7]
        late += times[47:52]
    turn5, turn50 = statistics.median(early), statistics.median(late)
    return {"turn_5_ms": round(turn5 * 1000, 1), "turn_50_ms": round(turn50 * 1000, 1),
            "turn_50_vs_5": round(turn50 / turn5, 2), "long_conversation_silent_turns": silent}


def measure(bot: Any, users: int, seconds: float, timeout: float,
            growth: bool) -> Dict[str, Any]:
    figures: Dict[str, Any] = {"cold_start_s": round(bot.start(), 1)}
    asyncio.run(_patients(bot.url, min(users, 5), 5, timeout))  # warm-up, not counted
    figures.update(asyncio.run(_patients(bot.url, users, seconds, timeout)))
    if growth:
        figures.update(turn_growth(bot.url))
    memory: Dict[str, float] = {}
    for name, pid in bot.pids().items():
        for proc, mb in peak_rss_mb(pid).items():
            memory[f"{name}/{proc}"] = round(mb)
    figures["peak_rss_mb"] = memory
    rasa = [mb for proc, mb in memory.items() if proc.startswith("rasa/")]
    figures["peak_rss_rasa_total_mb"] = round(sum(rasa))
    return figures


def table(ours: Dict[str, Any], stock: Dict[str, Any], users: int, seconds: float) -> str:
    def ratio(a: float, b: float) -> str:
        return f"{a / b:.2f}x" if b else "-"

    rows = [
        ("messages/s", "messages_per_s"), ("p50 latency (ms)", "p50_ms"),
        ("p95 latency (ms)", "p95_ms"), ("p99 latency (ms)", "p99_ms"),
        ("failed messages", "failures"), ("cold start to first answer (s)", "cold_start_s"),
        ("training (s)", "train_s"), ("peak RSS, Rasa processes (MB)", "peak_rss_rasa_total_mb"),
    ]
    lines = [f"{users} patients at once over REST for {seconds:.0f} s, {os.cpu_count()} cores, "
             "loopback", "", "| | ours | stock `rasa init` | ours / stock |", "|---|---|---|---|"]
    for label, key in rows:
        a, b = ours.get(key), stock.get(key)
        lines.append(f"| {label} | {a} | {b} | "
                     f"{ratio(a, b) if isinstance(a, (int, float)) and b else '-'} |")
    for proc, mb in ours["peak_rss_mb"].items():
        lines.append(f"| peak RSS ours {proc} (MB) | {mb} | | |")
    for proc, mb in stock["peak_rss_mb"].items():
        lines.append(f"| peak RSS stock {proc} (MB) | | {mb} | |")
    lines.append(f"| one long conversation: turn 5 / turn 50 (ms) | "
                 f"{ours['turn_5_ms']} / {ours['turn_50_ms']} ({ours['turn_50_vs_5']}x) | "
                 f"{stock['turn_5_ms']} / {stock['turn_50_ms']} ({stock['turn_50_vs_5']}x) | |")
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--no-training", action="store_true", help="skip the training times")
    parser.add_argument("--workers", type=int, default=2,
                        help="also measure ours with this many Rasa workers (1: not)")
    parser.add_argument("--levers", action="store_true",
                        help="also measure ours with the speed fixes on one after another")
    args = parser.parse_args(argv)
    if not (1 <= args.users <= 500 and 5 <= args.seconds <= 600 and 1 <= args.workers <= 8):
        print("bench: 1-500 users, 5-600 seconds, 1-8 workers", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="bench-"))
    results: Dict[str, Any] = {"users": args.users, "seconds": args.seconds,
                               "cpus": os.cpu_count(), "date": time.strftime("%Y-%m-%d %H:%M")}
    try:
        stock = Stock(folder)
        print("bench: making the stock bot (rasa init)...", flush=True)
        stock.create()
        everything = "all (+ queue)" if args.levers else "all"
        variants: Dict[str, Dict[str, Any]] = {everything: {}}
        if args.levers:
            launched = "warnings,no_tensorflow"  # launchers/rasa_quiet.py's
            variants = {"none": {"patches": "none", "cache": False},
                        "+ no TensorFlow": {"patches": launched, "cache": False},
                        "+ tracker store memory": {"patches": launched},
                        "+ reply schema, rules index, classifier, ujson":
                            {"patches": f"{launched},schema,rules,classifier,json"},
                        "+ extract, history, connections, graph":
                            {"patches": f"{launched},schema,rules,classifier,json,extract,"
                                        "history,connections,graph"},
                        "+ copy, payload":
                            {"patches": f"{launched},schema,rules,classifier,json,extract,"
                                        "history,connections,graph,copy,payload"},
                        "+ replies":
                            {"patches": f"{launched},schema,rules,classifier,json,extract,"
                                        "history,connections,graph,copy,payload,replies"},
                        everything: {}}
        if args.workers > 1:
            variants[f"all, {args.workers} workers"] = {"workers": args.workers}
        for settings in variants.values():  # a misspelt patch stops here, not minutes in
            selected(settings.get("patches"))
        results["ours_by_fix"] = {}
        for label, settings in variants.items():
            print(f"bench: ours, speed fixes: {label}...", flush=True)
            bot = Ours(folder, **settings)
            try:
                results["ours_by_fix"][label] = measure(bot, args.users, args.seconds,
                                                        args.timeout, growth=True)
            finally:
                bot.stop()
        results["ours"] = results["ours_by_fix"][everything]
        print("bench: stock...", flush=True)
        try:
            results["stock"] = measure(stock, args.users, args.seconds, args.timeout,
                                       growth=True)
        finally:
            stock.stop()
        if not args.no_training:
            print("bench: training times...", flush=True)
            results["ours"]["train_s"] = round(train_seconds(ROOT), 1)
            results["stock"]["train_s"] = round(train_seconds(stock.folder), 1)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    text = table(results["ours"], results["stock"], args.users, args.seconds)
    if len(results["ours_by_fix"]) > 1:
        stock = results["stock"]
        text += ("\n\nOurs by speed fix and Rasa processes (same run; ratios against stock):"
                 "\n\n| ours | messages/s | p95 (ms) | peak RSS, Rasa (MB) | "
                 "cold start (s) | turn 5 / turn 50 (ms) |\n|---|---|---|---|---|---|\n")
        for label, f in results["ours_by_fix"].items():
            text += (f"| {label} | {f['messages_per_s']} "
                     f"({f['messages_per_s'] / stock['messages_per_s']:.2f}x) | {f['p95_ms']} "
                     f"({f['p95_ms'] / stock['p95_ms']:.2f}x) | {f['peak_rss_rasa_total_mb']} | "
                     f"{f['cold_start_s']} | {f['turn_5_ms']} / {f['turn_50_ms']} "
                     f"({f['turn_50_vs_5']}x) |\n")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench.json").write_text(json.dumps(results, indent=2))
    (OUT / "table.md").write_text(text + "\n")
    print(text)
    print(f"bench: written to {OUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
