"""A local fake of Slack's Web API: records chat.postMessage calls.

Only what the bot calls is implemented; every call must carry the bot token.
Listens on 127.0.0.1 only.
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, List
from urllib.parse import parse_qs


class FakeSlack:
    def __init__(self, token: str) -> None:
        self.token = token
        self.posts: List[dict] = []
        self.unauthorised = 0
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length).decode()
                if self.headers.get("Authorization") != f"Bearer {fake.token}":
                    fake.unauthorised += 1
                    return self._reply({"ok": False, "error": "invalid_auth"})
                if "json" in (self.headers.get("Content-Type") or ""):
                    body = json.loads(raw or "{}")
                else:
                    body = {k: v[0] for k, v in parse_qs(raw).items()}
                method = self.path.rsplit("/", 1)[-1]
                if method == "chat.postMessage":
                    with fake._lock:
                        fake.posts.append(body)
                        ts = f"{time.time():.6f}"
                    return self._reply({"ok": True, "channel": body.get("channel"), "ts": ts})
                self._reply({"ok": False, "error": "unknown_method"})

            def _reply(self, data: dict) -> None:
                out = json.dumps(data).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/"

    def __enter__(self) -> "FakeSlack":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def count(self) -> int:
        with self._lock:
            return len(self.posts)

    def wait_for(self, done: Callable[[List[dict]], bool], timeout: float = 30) -> List[dict]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self._lock:
                posts = list(self.posts)
            if done(posts):
                return posts
            time.sleep(0.1)
        raise AssertionError(f"fake Slack never saw what was expected; it has {self.posts}")
