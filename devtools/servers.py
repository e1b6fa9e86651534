"""Start the real action server and Rasa server on free loopback ports, with a
SQLite tracker store in a folder of their own: for the end-to-end tests, make
bench and make load."""
from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, List, Optional

import requests

from ops.stack import spawn_logged

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# E2E_MODEL lets a run use a copy while models/current.tar.gz is retrained.
MODEL = Path(os.environ.get("E2E_MODEL") or ROOT / "models" / "current.tar.gz")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env() -> Dict[str, str]:
    e = dict(os.environ)
    e.update(RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="3",
             SQLALCHEMY_SILENCE_UBER_WARNING="1")
    return e


def stop_group(proc: subprocess.Popen, timeout: float = 60) -> None:
    """TERM a script started with start_new_session (launchers/run.sh stops its
    servers on TERM); if it hangs, KILL its whole process group."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def wait_for(url: str, proc: subprocess.Popen, log: Path, timeout: float = 180) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: server exited early; see {log}:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).ok:
                return time.monotonic() - start
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout}s; see {log}")


def children(pid: int) -> List[int]:
    """The process's direct children (Sanic workers, say)."""
    with open(f"/proc/{pid}/task/{pid}/children") as f:
        return [int(p) for p in f.read().split()]


class Servers:
    """An action server and a Rasa server, with a SQLite tracker store in ``workdir``."""

    def __init__(self, workdir: Path, credentials: Optional[Path] = None,
                 extra_env: Optional[Dict[str, str]] = None, enable_api: bool = False,
                 model: Optional[Path] = None) -> None:
        self.workdir = workdir
        self.model = model or MODEL  # make nlu-report runs each candidate's own
        self.credentials = credentials or ROOT / "credentials.yml"
        self.extra_env = extra_env or {}
        self.enable_api = enable_api
        self.action_port = free_port()
        self.rasa_port = free_port()
        self.web_port = free_port()
        self.extra_env.setdefault("PICTURES_BASE_URL", "/pictures")
        # The action server writes printable summaries here; the web page reads them.
        self.extra_env.setdefault("SUMMARY_DB", str(workdir / "summaries.db"))
        # As in launchers/run.sh: the action server needs this run's token.
        self.action_token = secrets.token_urlsafe(32)
        self.endpoints = workdir / "endpoints.yml"
        self.endpoints.write_text(
            f"action_endpoint:\n  url: http://127.0.0.1:{self.action_port}/webhook\n"
            f"  headers:\n    X-Action-Token: {self.action_token}\n"
            "  enable_selective_domain: true\n"
            "tracker_store:\n  type: stores.sql.CheckedSQLTrackerStore\n"
            f"  dialect: sqlite\n  db: {workdir / 'trackers.db'}\n"
            "lock_store:\n  type: stores.file_lock.FileLockStore\n"
            f"  path: {workdir / 'locks'}\n"
        )
        self.endpoints.chmod(0o600)
        self.procs: List[subprocess.Popen] = []
        self.rasa: Optional[subprocess.Popen] = None
        self.actions: Optional[subprocess.Popen] = None
        self.startup_seconds: Dict[str, float] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def _start(self, name: str, args: List[str]) -> subprocess.Popen:
        # umask 077 as in launchers/env.sh: the tracker store and logs are 0600.
        proc = spawn_logged(args, self.workdir / f"{name}.log", {**env(), **self.extra_env},
                            cwd=ROOT)
        self.procs.append(proc)
        return proc

    def start_actions(self, wait: bool = True) -> None:
        """Started as launchers/run.sh does: loopback, with the token."""
        self.extra_env.setdefault("ACTIONS_HOST", "127.0.0.1")
        self.extra_env.update(ACTIONS_PORT=str(self.action_port),
                              ACTION_SERVER_TOKEN=self.action_token)
        self.actions = self._start("actions", [str(BIN / "python"), "-m",
                                                "launchers.actions_server"])
        if wait:
            self.wait_actions()

    def wait_actions(self) -> None:
        assert self.actions is not None, "start_actions first"
        self.startup_seconds["actions"] = wait_for(
            f"http://127.0.0.1:{self.action_port}/health", self.actions,
            self.workdir / "actions.log")

    def start_rasa(self) -> None:
        # The entry point make run uses (quiet warnings, no TensorFlow for our model).
        self.rasa = self._start("rasa", [
            str(BIN / "python"), "-m", "launchers.rasa_quiet", "run",
            "--model", str(self.model), "--port", str(self.rasa_port),
            "--endpoints", str(self.endpoints), "--credentials", str(self.credentials),
            "--cors", "*",
        ] + (["--enable-api"] if self.enable_api else []))
        self.startup_seconds["rasa"] = wait_for(f"{self.url}/", self.rasa,
                                                self.workdir / "rasa.log")

    def stop_rasa(self) -> None:
        if self.rasa is not None:
            self.rasa.terminate()
            self.rasa.wait(timeout=30)
            self.procs.remove(self.rasa)
            self.rasa = None

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.procs.clear()

    def say(self, sender: str, text: str) -> List[dict]:
        r = requests.post(f"{self.url}/webhooks/rest/webhook",
                          json={"sender": sender, "message": text}, timeout=60)
        r.raise_for_status()
        return r.json()


    def start_web(self) -> int:
        """The web chat page, talking to this Rasa server; returns its port."""
        port = self.web_port
        proc = self._start("web", [str(BIN / "python"), "-m", "web.serve", "--port", str(port),
                                   "--rasa-url", self.url])
        self.startup_seconds["web"] = wait_for(f"http://127.0.0.1:{port}/", proc,
                                               self.workdir / "web.log")
        return port


@contextmanager
def running(workdir: Path, **kwargs) -> Iterator[Servers]:
    servers = Servers(workdir, **kwargs)
    try:
        servers.start_actions(wait=False)  # it loads while the Rasa server does
        servers.start_rasa()
        servers.wait_actions()
        yield servers
    finally:
        servers.stop()
