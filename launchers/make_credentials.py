"""Write var/credentials.yml: credentials.yml plus Slack when it is configured,
without the web chat's socket.io when the Rasa server runs several workers.

Secrets stay in the environment: the file holds ``${VAR}`` references that
Rasa expands when it reads it, so no token is ever written to disk.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SLACK_CHANNEL = "channels.slack.ClinicSlackInput"
# credential key -> environment variable
SLACK_ENV = {
    "slack_token": "SLACK_BOT_TOKEN",
    "slack_signing_secret": "SLACK_SIGNING_SECRET",
    "slack_channel": "SLACK_CHANNEL",
    "slack_api_url": "SLACK_API_URL",
}
REQUIRED = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
SOCKETIO_CHANNEL = "channels.socketio.PollingSocketIOInput"


def workers(env: dict) -> int:
    """``SANIC_WORKERS``, as Rasa reads it (anything but a whole number is 1)."""
    try:
        return max(1, int(env.get("SANIC_WORKERS") or 1))
    except ValueError:
        return 1


def build(env: dict) -> dict:
    creds = yaml.safe_load((ROOT / "credentials.yml").read_text()) or {}
    present = [v for v in REQUIRED if env.get(v)]
    if len(present) == len(REQUIRED):
        creds[SLACK_CHANNEL] = {k: f"${{{v}}}" for k, v in SLACK_ENV.items() if env.get(v)}
    elif present:
        missing = ", ".join(v for v in REQUIRED if not env.get(v))
        raise SystemExit(f"Slack is half configured: set {missing} too, or unset the others.")
    if workers(env) > 1:
        # socket.io's long-polling needs every request of a browser on the
        # process that holds its session; Sanic's workers share one port and
        # take requests at random. REST and Slack carry no such state.
        creds.pop(SOCKETIO_CHANNEL, None)
    return creds


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "var" / "credentials.yml"
    out.parent.mkdir(parents=True, exist_ok=True)
    creds = build(dict(os.environ))
    out.write_text(yaml.safe_dump(creds, sort_keys=False))
    print(f"credentials: {', '.join(k or 'rest' for k in creds)} -> {out}")


if __name__ == "__main__":
    main()
