"""The scaled set-up on one machine: PostgreSQL, Redis, Rasa replicas and nginx.

    make run-scaled                     (REPLICAS=2 by default)
    python -m ops.stack up --replicas 3

Everything comes from Debian's packages (``postgresql``, ``redis-server``,
``nginx``) and is started here, by the project, on loopback ports, with its
state in ``STACK_DIR`` (default ``var/scaled``): no system service is used.
Each replica is one Rasa server with its own action server, both on
loopback; they share one PostgreSQL tracker store (conversations) and one
Redis lock store (so two messages of one conversation are never handled at
the same time by two replicas). nginx is the one address a browser or a
clinic's proxy talks to: the chat page, REST (to the least busy replica) and
socket.io (sticky per client address, which socket.io's long-polling needs).

The Rasa servers read ``endpoints-scaled.yml``, whose settings come from the
environment (``PG_*``, ``REDIS_*``, ``ACTIONS_PORT``): on several machines,
point those at the shared database and Redis and start one replica per
machine (see docs/scaling.md). The end-to-end tests
(tests/scale/test_scale.py) use the same classes.
"""
from __future__ import annotations

import argparse
import os
import pwd
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Set, Tuple

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG_BIN = Path("/usr/lib/postgresql/15/bin")
DEBIAN_PACKAGES = {"postgres": "postgresql", "redis-server": "redis-server",
                   "nginx": "nginx"}
ENDPOINTS = ROOT / "endpoints-scaled.yml"
RESTART_GAP_S = 60.0


class StackError(RuntimeError):
    """A part did not start: the message says which and where its log is."""


# Ports service_port() has given in this process: a stack asks for eight at once,
# before any is bound, so a free port must not be handed out twice.
_HANDED_OUT: Set[int] = set()


def service_port() -> int:
    """A free loopback port below Linux's ephemeral range (32768-60999).

    A server restarted on an ephemeral port can find it taken: a client
    retrying a connection to it may get that very port as its own and connect
    to itself (seen with PostgreSQL stopped under a busy Rasa server)."""
    rng = random.SystemRandom()
    for _ in range(200):
        port = rng.randrange(20000, 32000)
        if port in _HANDED_OUT:  # free now, but already promised to another part
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        _HANDED_OUT.add(port)
        return port
    raise StackError("no free port between 20000 and 32000")


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def wait_port(name: str, port: int, proc: Optional[subprocess.Popen], log: Path,
              timeout: float = 240) -> float:
    """Seconds until ``port`` accepts connections; raises if the process exits."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if port_open(port):
            return time.monotonic() - start
        if proc is not None and proc.poll() is not None:
            raise StackError(f"{name} stopped before it was ready; see {log}:\n"
                             f"{_tail(log)}")
        time.sleep(0.2)
    raise StackError(f"{name} did not listen on 127.0.0.1:{port} within {timeout:.0f} s; "
                     f"see {log}")


def wait_http(name: str, url: str, proc: subprocess.Popen, log: Path,
              timeout: float = 240) -> float:
    import urllib.request

    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if proc.poll() is not None:
            raise StackError(f"{name} stopped before it was ready; see {log}:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.3)
    raise StackError(f"{name} did not answer {url} within {timeout:.0f} s; see {log}")


def _tail(log: Path, chars: int = 2000) -> str:
    try:
        return log.read_text(errors="replace")[-chars:]
    except OSError:
        return "(no log)"


def missing_programs() -> List[str]:
    """Debian packages still to install for the scaled set-up."""
    found = {"postgres": (PG_BIN / "postgres").exists(),
             "redis-server": shutil.which("redis-server") is not None,
             "nginx": shutil.which("nginx") is not None}
    return [DEBIAN_PACKAGES[name] for name, ok in found.items() if not ok]


def spawn_logged(args: List[str], log: Path, env: Optional[Dict[str, str]] = None,
                 **popen: Any) -> subprocess.Popen:
    """Start ``args`` with stdout and stderr appended to ``log``, a file only its
    owner can read (logs can hold error details), and the child's umask 077."""
    out = os.fdopen(os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "ab")
    try:
        return subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT,
                                umask=0o077, **popen)
    finally:
        out.close()  # the child has its own copy


def base_env() -> Dict[str, str]:
    e = dict(os.environ)
    e.update(RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="3",
             SQLALCHEMY_SILENCE_UBER_WARNING="1")
    e.setdefault("PYTHONWARNINGS", "ignore")
    e.setdefault("LOG_LEVEL", "WARNING")
    return e


class Postgres:
    """A PostgreSQL 15 server of our own: data folder, loopback port, trust auth.

    PostgreSQL refuses to run as root; as root the server runs as the
    ``postgres`` user, which owns only its data folder (the folders above it
    are made traversable, never listable, for it)."""

    def __init__(self, folder: Path, port: int, user: str = "rasa", db: str = "rasa") -> None:
        self.folder, self.port, self.user, self.db = folder, port, user, db
        self.data = folder / "data"
        self.log = folder / "postgres.log"

    def _as_owner(self, args: List[str]) -> List[str]:
        return ["runuser", "-u", "postgres", "--"] + args if os.geteuid() == 0 else args

    def _prepare(self) -> None:
        """As root: the folders above are made traversable again each time
        (launchers/env.sh and pytest make theirs owner-only)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() != 0:
            return
        owner = pwd.getpwnam("postgres")
        for parent in [self.folder, *self.folder.parents]:
            if parent == ROOT or parent == Path("/"):
                break
            parent.chmod(parent.stat().st_mode | 0o111)  # traverse, not list
        os.chown(self.folder, owner.pw_uid, owner.pw_gid)
        self.folder.chmod(0o700)

    def init(self) -> None:
        self._prepare()  # every time: launchers/env.sh takes the traverse bits off var/
        if (self.data / "PG_VERSION").exists():
            return
        subprocess.run(self._as_owner([str(PG_BIN / "initdb"), "-D", str(self.data),
                                       "-A", "trust", "-U", self.user, "-E", "UTF8"]),
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self) -> None:
        self.init()
        if port_open(self.port):
            raise StackError(f"port {self.port} is already in use (PG_PORT)")
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1"
        result = subprocess.run(self._as_owner([
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l",
            str(self.log), "-w", "-t", "60", "start"]), capture_output=True, text=True)
        if result.returncode != 0:
            raise StackError(f"PostgreSQL did not start: {result.stderr.strip()}; "
                             f"see {self.log}:\n{_tail(self.log)}")
        self.create_database()

    def psql(self, sql: str, db: str = "postgres") -> str:
        result = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user,
                                 "-d", db, "-tA", "-c", sql], capture_output=True, text=True)
        if result.returncode != 0:
            raise StackError(f"psql: {result.stderr.strip()}")
        return result.stdout.strip()

    def create_database(self) -> None:
        if not self.psql(f"select 1 from pg_database where datname = '{self.db}'"):
            self.psql(f'create database "{self.db}"')

    def stop(self) -> None:
        if not (self.data / "postmaster.pid").exists():
            return
        self._prepare()
        result = subprocess.run(self._as_owner([str(PG_BIN / "pg_ctl"), "-D", str(self.data),
                                                "-m", "fast", "-w", "stop"]),
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise StackError(f"PostgreSQL did not stop: {result.stderr.strip()}")

    def env(self) -> Dict[str, str]:
        return {"PG_HOST": "127.0.0.1", "PG_PORT": str(self.port), "PG_DB": self.db,
                "PG_USER": self.user, "PG_PASSWORD": ""}


class Redis:
    """A Redis 7 server of our own on a loopback port, nothing saved to disk
    (locks last seconds; conversations are in PostgreSQL)."""

    def __init__(self, folder: Path, port: int) -> None:
        self.folder, self.port = folder, port
        self.log = folder / "redis.log"
        self.proc: Optional[subprocess.Popen] = None

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if port_open(self.port):
            raise StackError(f"port {self.port} is already in use (REDIS_PORT)")
        self.proc = spawn_logged(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder), "--protected-mode", "yes"],
            self.log)
        wait_port("Redis", self.port, self.proc, self.log, timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
        self.proc = None

    def env(self) -> Dict[str, str]:
        return {"REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(self.port), "REDIS_DB": "1",
                "REDIS_PASSWORD": ""}


class Replica:
    """One Rasa server and its own action server, both on loopback."""

    def __init__(self, folder: Path, index: int, rasa_port: int, actions_port: int,
                 model: Path, shared_env: Dict[str, str], cors: List[str]) -> None:
        self.folder, self.index = folder, index
        self.rasa_port, self.actions_port = rasa_port, actions_port
        self.model, self.shared_env, self.cors = model, shared_env, cors
        self.token = secrets.token_urlsafe(32)
        self.rasa: Optional[subprocess.Popen] = None
        self.actions: Optional[subprocess.Popen] = None
        self.restarted: Dict[str, float] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def _env(self) -> Dict[str, str]:
        return {**base_env(), **self.shared_env, "ACTIONS_HOST": "127.0.0.1",
                "ACTIONS_PORT": str(self.actions_port), "ACTION_SERVER_TOKEN": self.token}

    def _log(self, name: str) -> Path:
        return self.folder / f"{name}-{self.index}.log"

    def _spawn(self, name: str, args: List[str]) -> subprocess.Popen:
        return spawn_logged(args, self._log(name), self._env(), cwd=ROOT)

    def start(self, wait: bool = True) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for port, what in ((self.rasa_port, "Rasa"), (self.actions_port, "action server")):
            if port_open(port):
                raise StackError(f"port {port} ({what} of replica {self.index}) is in use")
        self.actions = self._spawn("actions", [str(BIN / "python"), "-m",
                                               "launchers.actions_server"])
        self.start_rasa(wait=False)
        if wait:
            self.wait()

    def start_rasa(self, wait: bool = True) -> None:
        self.rasa = self._spawn("rasa", [
            str(BIN / "python"), "-m", "launchers.rasa_quiet", "run", "--model", str(self.model),
            "--interface", "127.0.0.1", "--port", str(self.rasa_port),
            "--endpoints", str(ENDPOINTS), "--credentials", str(ROOT / "credentials.yml"),
            "--cors", *self.cors])
        if wait:
            self.wait()

    def wait(self) -> float:
        assert self.rasa is not None and self.actions is not None
        seconds = wait_http(f"Rasa replica {self.index}", f"{self.url}/", self.rasa,
                            self._log("rasa"))
        wait_http(f"action server {self.index}", f"http://127.0.0.1:{self.actions_port}/health",
                  self.actions, self._log("actions"))
        return seconds

    def restart_if_stopped(self, logs: Path) -> None:
        """A supervisor's job: a Rasa or action server that stopped is started
        again (the other replicas serve meanwhile); not more than once a minute
        each, so one that cannot start does not spin."""
        now = time.monotonic()
        for name in ("rasa", "actions"):
            proc = getattr(self, name)
            if proc is None or proc.poll() is None:
                continue
            if now - self.restarted.get(name, -RESTART_GAP_S) < RESTART_GAP_S:
                continue
            self.restarted[name] = now
            print(f"stack: the {'Rasa' if name == 'rasa' else 'action'} server of replica "
                  f"{self.index} stopped (exit {proc.returncode}; log in {logs}); "
                  "starting it again", file=sys.stderr, flush=True)
            if name == "rasa":
                self.start_rasa(wait=False)
            else:
                self.actions = self._spawn("actions", [str(BIN / "python"), "-m",
                                                       "launchers.actions_server"])

    def kill_rasa(self) -> None:
        """As a crash would: SIGKILL, no clean-up."""
        if self.rasa is not None:
            self.rasa.send_signal(signal.SIGKILL)
            self.rasa.wait(timeout=30)
            self.rasa = None

    def stop(self) -> None:
        for proc in (self.rasa, self.actions):
            if proc is not None and proc.poll() is None:
                proc.terminate()
        for proc in (self.rasa, self.actions):
            if proc is not None:
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
        self.rasa = self.actions = None


NGINX_CONF = """\
# Written by ops/stack.py; regenerated on every start.
worker_processes 1;
error_log {folder}/error.log warn;
pid {folder}/nginx.pid;
{user}
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {folder}/tmp/body;
  proxy_temp_path {folder}/tmp/proxy;
  fastcgi_temp_path {folder}/tmp/fastcgi;
  uwsgi_temp_path {folder}/tmp/uwsgi;
  scgi_temp_path {folder}/tmp/scgi;
  # The channels refuse bodies over their own limit with a JSON 413; this is
  # only a backstop a little above it.
  client_max_body_size 1m;
  # The replica with fewer requests in hand gets the next one.
  upstream rasa_rest {{
    least_conn;
{rest_servers}
    keepalive 32;
  }}
  # socket.io long-polling keeps its session in one server process.
  upstream rasa_socketio {{
    ip_hash;
{socket_servers}
  }}
  server {{
    listen 127.0.0.1:{port};
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_read_timeout 120s;
    # A replica that refuses connections is skipped. A request already sent
    # to a replica that dies is not sent again (a message must not be
    # handled twice); the person gets the apology below and sends it again.
    proxy_next_upstream error timeout;
    proxy_intercept_errors off;
    location /webhooks/ {{
      proxy_pass http://rasa_rest;
      error_page 502 503 504 = @unavailable;
    }}
    location /socket.io/ {{
      proxy_pass http://rasa_socketio;
    }}
    location / {{
      proxy_pass http://127.0.0.1:{web_port};
    }}
    location @unavailable {{
      default_type application/json;
      add_header Retry-After 5 always;
      return 503 '{unavailable}';
    }}
  }}
}}
"""
UNAVAILABLE = ('[{"recipient_id": "", "text": "Sorry, that message did not get through. '
               'Please send it again in a moment."}]')


class Nginx:
    """nginx in front: one loopback port for the page, REST and socket.io."""

    def __init__(self, folder: Path, port: int, replicas: List[Replica], web_port: int) -> None:
        self.folder, self.port, self.replicas, self.web_port = folder, port, replicas, web_port
        self.conf = folder / "nginx.conf"
        self.proc: Optional[subprocess.Popen] = None

    def write_conf(self) -> None:
        (self.folder / "tmp").mkdir(parents=True, exist_ok=True)
        user = ""
        if os.geteuid() == 0:  # its workers run as nobody; they need the temp folder
            nobody = pwd.getpwnam("nobody")
            os.chown(self.folder / "tmp", nobody.pw_uid, nobody.pw_gid)
            user = "user nobody nogroup;"
        servers = "\n".join(f"    server 127.0.0.1:{r.rasa_port} max_fails=1 fail_timeout=5s;"
                            for r in self.replicas)
        self.conf.write_text(NGINX_CONF.format(
            folder=self.folder, user=user, port=self.port, web_port=self.web_port,
            rest_servers=servers, socket_servers=servers, unavailable=UNAVAILABLE))

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if port_open(self.port):
            raise StackError(f"port {self.port} is already in use (NGINX_PORT)")
        self.write_conf()
        log = self.folder / "error.log"
        check = subprocess.run(["nginx", "-t", "-q", "-p", str(self.folder), "-c",
                                str(self.conf)], capture_output=True, text=True)
        if check.returncode != 0:
            raise StackError(f"nginx refused its configuration: {check.stderr.strip()}")
        self.proc = spawn_logged(["nginx", "-p", str(self.folder), "-c", str(self.conf),
                                  "-g", "daemon off;"], log)
        wait_port("nginx", self.port, self.proc, log, timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)  # graceful
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc = None


class Stack:
    """PostgreSQL + Redis + ``replicas`` × (Rasa + actions) + the web page + nginx."""

    def __init__(self, folder: Path, replicas: int = 2, model: Optional[Path] = None,
                 pg_port: int = 5433, redis_port: int = 6380, nginx_port: int = 8088,
                 first_rasa_port: int = 5011, first_actions_port: int = 5061,
                 web_port: int = 8089, extra_env: Optional[Dict[str, str]] = None,
                 replica_ports: Optional[List[Tuple[int, int]]] = None) -> None:
        self.folder = folder
        self.postgres = Postgres(folder / "postgres", pg_port)
        self.redis = Redis(folder / "redis", redis_port)
        self.web_port = web_port
        self.extra_env = {"SUMMARY_DB": str(folder / "summaries.db"),
                          "PICTURES_BASE_URL": f"http://localhost:{nginx_port}/pictures",
                          **(extra_env or {})}
        shared = {**self.postgres.env(), **self.redis.env(), **self.extra_env}
        model = model or ROOT / "models" / "current.tar.gz"
        origins = [f"http://localhost:{nginx_port}", f"http://127.0.0.1:{nginx_port}"]
        ports = replica_ports or [(first_rasa_port + i, first_actions_port + i)
                                  for i in range(replicas)]
        self.replicas = [Replica(folder / "replicas", i, rasa_port, actions_port, model,
                                 shared, origins)
                         for i, (rasa_port, actions_port) in enumerate(ports[:replicas])]
        self.nginx = Nginx(folder / "nginx", nginx_port, self.replicas, web_port)
        self.web: Optional[subprocess.Popen] = None

    @classmethod
    def on_free_ports(cls, folder: Path, replicas: int = 2, **kwargs: Any) -> "Stack":
        """A stack on free loopback ports, for tests and load runs beside a running one."""
        return cls(folder, replicas=replicas, pg_port=service_port(),
                   redis_port=service_port(), nginx_port=service_port(),
                   web_port=service_port(),
                   replica_ports=[(service_port(), service_port()) for _ in range(replicas)],
                   **kwargs)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.nginx.port}"

    def start(self) -> Dict[str, float]:
        """Start every part; seconds each took."""
        self.folder.mkdir(parents=True, exist_ok=True)
        took: Dict[str, float] = {}
        t = time.monotonic()
        self.postgres.start()
        took["postgres"] = time.monotonic() - t
        t = time.monotonic()
        self.redis.start()
        took["redis"] = time.monotonic() - t
        t = time.monotonic()
        for replica in self.replicas:
            replica.start(wait=False)
        for replica in self.replicas:
            replica.wait()
        took["replicas"] = time.monotonic() - t
        log = self.folder / "web.log"
        self.web = spawn_logged(
            [str(BIN / "python"), "-m", "web.serve", "--port", str(self.web_port),
             "--rasa-url", f"http://localhost:{self.nginx.port}"],
            log, {**base_env(), **self.extra_env}, cwd=ROOT)
        wait_http("the web page", f"http://127.0.0.1:{self.web_port}/", self.web, log)
        t = time.monotonic()
        self.nginx.start()
        took["nginx"] = time.monotonic() - t
        return took

    def stop(self) -> None:
        self.nginx.stop()
        if self.web is not None and self.web.poll() is None:
            self.web.terminate()
            self.web.wait(timeout=20)
        for replica in self.replicas:
            replica.stop()
        self.redis.stop()
        self.postgres.stop()


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["up"])
    parser.add_argument("--replicas", type=int, default=int(os.environ.get("REPLICAS", 2)))
    parser.add_argument("--dir", type=Path, default=Path(os.environ.get("STACK_DIR",
                                                                      ROOT / "var" / "scaled")))
    args = parser.parse_args(argv)
    if not 1 <= args.replicas <= 8:
        print("stack: REPLICAS must be between 1 and 8", file=sys.stderr)
        return 2
    missing = missing_programs()
    if missing:
        print(f"stack: install Debian's {' '.join(missing)} first "
              f"(make setup-scaled does it)", file=sys.stderr)
        return 2
    ports = {k: int(os.environ[k]) for k in ("PG_PORT", "REDIS_PORT", "NGINX_PORT", "WEB_PORT")
             if os.environ.get(k)}
    stack = Stack(args.dir.resolve(), replicas=args.replicas,
                  model=Path(os.environ.get("RASA_MODEL", ROOT / "models" / "current.tar.gz")),
                  pg_port=ports.get("PG_PORT", 5433), redis_port=ports.get("REDIS_PORT", 6380),
                  nginx_port=ports.get("NGINX_PORT", 8088), web_port=ports.get("WEB_PORT", 8089))
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"stack: starting PostgreSQL, Redis, {args.replicas} Rasa replica(s) with their "
          "action servers, the web page and nginx...", flush=True)
    try:
        took = stack.start()
        print(f"stack: ready: web chat {stack.url.replace('127.0.0.1', 'localhost')}/ "
              f"(REST {stack.url}/webhooks/rest/webhook; started in "
              f"{sum(took.values()):.0f} s; Ctrl-C stops all)", flush=True)
        while not stopping:
            for r in stack.replicas:
                r.restart_if_stopped(stack.folder / "replicas")
            time.sleep(1)
    except StackError as e:
        print(f"stack: {e}", file=sys.stderr)
        return 1
    finally:
        print("stack: stopping", flush=True)
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
