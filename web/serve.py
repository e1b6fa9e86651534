"""The web chat page: static files, the socket.io client, and icon arrays.

A small standard-library server (no framework) on port 8080 by default. It
sends a strict Content-Security-Policy so that, even if a bug let markup
through, no inline or foreign script could run.

``/embed.js`` puts the same chat on a clinic's own website (web/static/embed.js);
it reads this page and ``/config.json`` from there, so those two may be read
from any website (nothing in them is private). Which websites may then talk
to the bot is Rasa's business: ``ALLOWED_ORIGINS`` (web/origins.py).
"""
from __future__ import annotations

import argparse
import html
import json
import mimetypes
import os
import re
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

from bot.about import about_tool
from bot.pictures import PICTURE_IDS, png
from bot.summary import (EXPIRED_LINES, UNAVAILABLE_LINES, UNKNOWN_LINES, as_html,
                         message_page)
from bot.summary_store import Found, default_store

ROOT = Path(__file__).resolve().parent

STATIC = ROOT / "static"
VENDOR = {"socket.io.min.js": ROOT / "node_modules" / "socket.io-client" / "dist" /
          "socket.io.min.js"}
_PICTURE = re.compile(r"^/pictures/([a-z0-9_]+)\.png$")
_SUMMARY = re.compile(r"^/summary/([^/]*)$")
ABOUT_MARK = "<!-- about-this-tool -->"


def index_page() -> bytes:
    """The page, with the tool's credentials from the facts file in its footer."""
    about = "\n".join(f"    <p>{html.escape(line)}</p>" for line in about_tool())
    return (STATIC / "index.html").read_text(encoding="utf-8").replace(
        ABOUT_MARK, about.strip()).encode()


def make_handler(rasa_url: str):
    rasa = urlparse(rasa_url)
    ws = rasa._replace(scheme="wss" if rasa.scheme == "https" else "ws").geturl()
    csp = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
           f"connect-src 'self' {rasa_url} {ws}; frame-ancestors 'none'; base-uri 'none'; "
           "form-action 'self'; object-src 'none'")
    config = json.dumps({"rasaUrl": rasa_url}).encode()
    page = index_page()
    summaries = default_store()

    class Handler(BaseHTTPRequestHandler):
        server_version = "myeloma-xi-web"

        def log_message(self, fmt: str, *args) -> None:  # quiet by default
            if os.environ.get("WEB_LOG"):
                super().log_message(fmt, *args)

        def _send(self, status: int, body: bytes, ctype: str, cache: str = "no-cache",
                  private: bool = False, public: bool = False) -> None:
            self.send_response(status)
            if public:  # the page and its config, read by embed.js on other websites
                self.send_header("Access-Control-Allow-Origin", "*")
            if private:  # a person's summary: never cached, indexed or framed
                self.send_header("X-Robots-Tag", "noindex, nofollow")
                cache = "no-store"
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Security-Policy", csp)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            self.send_header("Cache-Control", cache)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            path = urlparse(self.path).path
            if path in ("/", "/index.html"):
                return self._send(HTTPStatus.OK, page, "text/html; charset=utf-8", public=True)
            if path == "/config.json":
                return self._send(HTTPStatus.OK, config, "application/json", public=True)
            if path == "/embed.js":
                return self._file(STATIC / "embed.js")
            if path.startswith("/static/"):
                return self._file(STATIC / path[len("/static/"):])
            if path.startswith("/vendor/") and path[len("/vendor/"):] in VENDOR:
                return self._file(VENDOR[path[len("/vendor/"):]])
            summary = _SUMMARY.match(path)
            if summary:
                return self._summary(summary.group(1))
            match = _PICTURE.match(path)
            if match and match.group(1) in PICTURE_IDS:
                return self._send(HTTPStatus.OK, png(match.group(1)), "image/png",
                                  "public, max-age=3600")
            self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain; charset=utf-8")

        def _summary(self, token: str) -> None:
            """The printable summary; an expired or wrong link gets a plain page."""
            try:
                found, record = summaries.load(token)
            except Exception:  # noqa: BLE001 - a locked or broken file: say so, plainly
                self.log_error("summary store could not be read")
                body = message_page("Summary not available", UNAVAILABLE_LINES)
                return self._send(HTTPStatus.SERVICE_UNAVAILABLE, body.encode(),
                                  "text/html; charset=utf-8", private=True)
            if found is Found.OK and record is not None:
                return self._send(HTTPStatus.OK, as_html(record).encode(),
                                  "text/html; charset=utf-8", private=True)
            expired = found is Found.EXPIRED
            body = message_page("This summary has expired" if expired else
                                "Summary not found", EXPIRED_LINES if expired else UNKNOWN_LINES)
            self._send(HTTPStatus.GONE if expired else HTTPStatus.NOT_FOUND, body.encode(),
                       "text/html; charset=utf-8", private=True)

        def _file(self, path: Path) -> None:
            try:
                resolved = path.resolve()
                if not (resolved.is_relative_to(STATIC) or resolved in VENDOR.values()):
                    raise FileNotFoundError
                body = resolved.read_bytes()
            except (FileNotFoundError, IsADirectoryError):
                return self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain; charset=utf-8")
            ctype = mimetypes.guess_type(resolved.name)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype.endswith("javascript"):
                ctype += "; charset=utf-8"
            self._send(HTTPStatus.OK, body, ctype)

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default=os.environ.get("WEB_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT", 8080)))
    parser.add_argument("--rasa-url", default=os.environ.get("RASA_URL", "http://localhost:5005"))
    args = parser.parse_args()
    server = ThreadingHTTPServer((args.host, args.port), make_handler(args.rasa_url))
    print(f"web: chat page on http://{args.host}:{args.port}/ (Rasa at {args.rasa_url})",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
