"""Load test: many patients at once over REST, on loopback only (make load).

    make load                      the default set-up (as make run): 200 x 10
    make load LOAD_ARGS="--scaled" the scaled set-up (as make run-scaled)
    python -m devtools.load --conversations 50 --turns 6 --timeout 30

It starts its own servers on free loopback ports with an empty store in
results/load/work-<set-up>/ (logs kept), runs every conversation at once
(each sends its next message when the last is answered, no pause: the
hardest case), stops the servers, and prints the figures: messages, failures (no answer within the
client timeout, an HTTP error, an empty reply or the "something went
wrong" apology), and latency percentiles. JSON in results/load/.
Bounded: it gives up after --max-seconds whatever happens.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

from channels.contract import NO_REPLY

ROOT = Path(__file__).resolve().parent.parent

OUT = ROOT / "results" / "load"
PROFILES = ["I'm 61, had my stem cell transplant in march", "72 and no transplant, not fit",
            "my husband is 70 and had an SCT two years ago",
            "im 58 they said transplant isnt an option"]
# Ten turns as patients and carers send them: a greeting, a profile, questions,
# a symptom asked as a question, thanks.
TURNS = ["hi", None, "what are the side effects of revlimid?", "what about new cancers",
         "how long would I be on len for", "what does that mean for someone like me",
         "i have a temperature of 38.5 is that normal", "what is maintenance",
         "can you explain the survival figures", "thanks, that helps"]


def percentile(values: List[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


async def conversation(session: Any, url: str, index: int, turns: int, timeout: float,
                       results: List[Dict[str, Any]], run_id: str) -> None:
    import aiohttp

    sender = f"load-{run_id}-{index:04d}"
    for k in range(turns):
        text = TURNS[k % len(TURNS)] or PROFILES[index % len(PROFILES)]
        start = time.monotonic()
        outcome = "ok"
        try:
            async with session.post(url, json={"sender": sender, "message": text},
                                    timeout=aiohttp.ClientTimeout(total=timeout)) as r:
                body = await r.json(content_type=None)
                if r.status != 200:
                    outcome = f"http_{r.status}"
                elif not body:
                    outcome = "empty_reply"
                elif " ".join(m.get("text") or "" for m in body) == NO_REPLY:
                    outcome = "apology"
        except asyncio.TimeoutError:
            outcome = "timeout"
        except Exception as e:  # noqa: BLE001 - counted, never fatal to the run
            outcome = type(e).__name__
        results.append({"turn": k, "seconds": time.monotonic() - start, "outcome": outcome})


async def drive(url: str, conversations: int, turns: int, timeout: float,
                max_seconds: float) -> Dict[str, Any]:
    import aiohttp

    results: List[Dict[str, Any]] = []
    run_id = os.urandom(3).hex()
    connector = aiohttp.TCPConnector(limit=0)
    start = time.monotonic()
    async with aiohttp.ClientSession(connector=connector) as session:
        tasks = [asyncio.ensure_future(conversation(session, url, i, turns, timeout, results,
                                                    run_id))
                 for i in range(conversations)]
        done, pending = await asyncio.wait(tasks, timeout=max_seconds)
        for task in pending:
            task.cancel()
    wall = time.monotonic() - start
    latencies = [r["seconds"] for r in results if r["outcome"] == "ok"]
    failures: Dict[str, int] = {}
    for r in results:
        if r["outcome"] != "ok":
            failures[r["outcome"]] = failures.get(r["outcome"], 0) + 1
    unsent = conversations * turns - len(results)
    if unsent:
        failures["not_sent_before_the_time_limit"] = unsent
    return {
        "conversations": conversations, "turns_each": turns,
        "messages": conversations * turns, "answered": len(latencies),
        "failed": sum(failures.values()), "failures": failures,
        "client_timeout_s": timeout, "wall_seconds": round(wall, 1),
        "messages_per_second": round(len(latencies) / wall, 1) if wall else 0.0,
        "p50_s": round(percentile(latencies, 50), 2), "p95_s": round(percentile(latencies, 95), 2),
        "p99_s": round(percentile(latencies, 99), 2),
        "max_s": round(max(latencies), 2) if latencies else None,
        "mean_s": round(statistics.mean(latencies), 2) if latencies else None,
        # The first turns meet everyone starting at once; later ones a steady state.
        "p95_s_by_turn": [round(percentile([r["seconds"] for r in results
                                            if r["turn"] == k and r["outcome"] == "ok"], 95), 2)
                          for k in range(turns)],
    }


def start_default(folder: Path) -> Any:
    """As make run: one action server, one Rasa server, SQLite tracker store."""
    from devtools.servers import Servers

    servers = Servers(folder, extra_env={"LOG_LEVEL": "WARNING", "PYTHONWARNINGS": "ignore"})
    servers.start_actions(wait=False)
    servers.start_rasa()
    servers.wait_actions()
    return servers, f"{servers.url}/webhooks/rest/webhook"


def start_scaled(folder: Path, replicas: int) -> Any:
    from ops.stack import Stack

    stack = Stack.on_free_ports(folder, replicas)
    try:
        stack.start()
    except BaseException:
        stack.stop()
        raise
    return stack, f"{stack.url}/webhooks/rest/webhook"


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=30.0, help="client timeout, seconds")
    parser.add_argument("--max-seconds", type=float, default=900.0)
    parser.add_argument("--scaled", action="store_true",
                        help="PostgreSQL + Redis + replicas behind nginx (ops/stack.py)")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--warm-up", type=int, default=20, help="messages sent first, not counted")
    args = parser.parse_args(argv)
    if not (1 <= args.conversations <= 2000 and 1 <= args.turns <= 100):
        print("load: 1-2000 conversations of 1-100 turns", file=sys.stderr)
        return 2
    setup = f"scaled-{args.replicas}" if args.scaled else "default"
    folder = OUT / f"work-{setup}"  # logs and the store stay for a look afterwards
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    print(f"load: starting the {setup} set-up...", flush=True)
    servers, url = start_scaled(folder, args.replicas) if args.scaled else start_default(folder)
    try:
        if args.warm_up:
            asyncio.run(drive(url, max(1, args.warm_up // 10), 10, 60, 120))
        print(f"load: {args.conversations} conversations x {args.turns} turns at once, "
              f"client timeout {args.timeout:.0f} s...", flush=True)
        figures = asyncio.run(drive(url, args.conversations, args.turns, args.timeout,
                                    args.max_seconds))
    finally:
        servers.stop()
    figures.update(setup=setup, cpus=os.cpu_count())
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{setup}.json").write_text(json.dumps(figures, indent=2))
    print(f"load: {setup}: {figures['messages']} messages, {figures['failed']} failed "
          f"{figures['failures'] or ''}; {figures['messages_per_second']} answers/s; "
          f"p50 {figures['p50_s']} s, p95 {figures['p95_s']} s, p99 {figures['p99_s']} s, "
          f"max {figures['max_s']} s (results/load/{setup}.json)")
    return 0 if figures["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
