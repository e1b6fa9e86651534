"""The action server, for the Rasa server's use only.

``rasa run actions`` (rasa-sdk 3.6.2) takes its host only from ``SANIC_HOST``
(default 0.0.0.0, every interface) and runs any action for anyone who posts
to ``/webhook``. This entry point, used by launchers/run.sh, launchers/shell.sh
and the end-to-end tests, builds the same app with
``rasa_sdk.endpoint.create_app`` and:

- listens on ``ACTIONS_HOST`` (default 127.0.0.1) and ``ACTIONS_PORT`` (5055);
- needs ``ACTION_SERVER_TOKEN`` (16 characters or more; launchers/env.sh makes
  a new one for every run) and answers every request except ``GET /health``
  that lacks it in the ``X-Action-Token`` header with 401 (no token) or 403
  (wrong token) and a JSON error, before any action runs; the Rasa server
  sends it from endpoints.yml;
- does not start without a token, so ``ACTIONS_HOST=0.0.0.0`` is never open;
- logs at ``LOG_LEVEL`` (default INFO), and never logs the request or the
  conversation: when an action fails, its name and the traceback, but the
  exception's message (which may quote the person) only at DEBUG; the error
  answer does not echo the request back.
"""
from __future__ import annotations

import hmac
import ipaddress
import logging
import os
import sys
import traceback
from typing import TYPE_CHECKING, Any, Dict, Optional

import rasa_patches  # stdlib only: nothing that adds warning filters
from rasa_patches import warning_options

if TYPE_CHECKING:
    from sanic import Sanic
    from sanic.request import Request
    from sanic.response import HTTPResponse

HEADER = "X-Action-Token"
TOKEN_ENV = "ACTION_SERVER_TOKEN"
MIN_TOKEN_LENGTH = 16
OPEN_PATHS = frozenset({"/health"})
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5055
KEEP_ALIVE_S = 75
logger = logging.getLogger("actions_server")


class Refused(SystemExit):
    """A setting that stops the server from starting (message to stderr, status 1)."""

    def __init__(self, message: str) -> None:
        super().__init__(f"actions: {message}")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def settings(env: Dict[str, str]) -> Dict[str, Any]:
    """Host, port and token from the environment, or :class:`Refused`."""
    host = env.get("ACTIONS_HOST") or DEFAULT_HOST
    port_text = env.get("ACTIONS_PORT") or str(DEFAULT_PORT)
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise Refused(f"ACTIONS_PORT must be a port number, not {port_text!r}.")
    token = env.get(TOKEN_ENV, "")
    if not token:
        where = "on every interface" if not is_loopback(host) else f"on {host}"
        raise Refused(f"{TOKEN_ENV} is not set: not starting {where} without it. "
                      "launchers/run.sh and launchers/shell.sh make one per run; set the "
                      "same value for the Rasa server (endpoints.yml sends it).")
    if len(token) < MIN_TOKEN_LENGTH:
        raise Refused(f"{TOKEN_ENV} is too short: use {MIN_TOKEN_LENGTH} characters or "
                      "more, e.g. python -c 'import secrets; print(secrets.token_urlsafe(32))'.")
    return {"host": host, "port": int(port_text), "token": token}


def token_problem(path: str, given: Optional[str], token: str) -> Optional[int]:
    """The HTTP status refusing this request, or None to let it through."""
    if path in OPEN_PATHS:
        return None
    if not given:
        return 401
    if not hmac.compare_digest(given.encode(), token.encode()):
        return 403
    return None


def create_app(token: str, actions: str = "actions") -> "Sanic":
    from rasa_sdk.endpoint import create_app as sdk_app
    from sanic import response
    from sanic.exceptions import SanicException

    app = sdk_app(actions, cors_origins=None)  # no CORS: only the Rasa server calls it

    @app.middleware("request")
    async def require_token(request: "Request") -> Optional["HTTPResponse"]:
        status = token_problem(request.path, request.headers.get(HEADER), token)
        if status is None:
            return None
        logger.warning("refused %s %s: %s %s", request.method, request.path,
                       "no" if status == 401 else "wrong", HEADER)
        return response.json({"error": f"{'missing' if status == 401 else 'wrong'} "
                                       f"{HEADER} header"}, status=status)

    @app.exception(Exception)
    async def failed(request: "Request", exception: Exception) -> "HTTPResponse":
        if isinstance(exception, SanicException):
            return response.json({"error": str(exception)}, status=exception.status_code)
        try:
            action = (request.json or {}).get("next_action")
        except Exception:  # an unreadable body
            action = None
        where = "".join(traceback.format_tb(exception.__traceback__))
        detail = f": {exception}" if logger.isEnabledFor(logging.DEBUG) else ""
        logger.error("action %s failed with %s%s\nTraceback (most recent call last):\n%s",
                     action, type(exception).__name__, detail, where.rstrip())
        return response.json({"error": f"action {action} failed; see the action "
                                       "server's log"}, status=500)

    return app


def expected_skip(record: logging.LogRecord) -> bool:
    """False for rasa-sdk's warning, on every message, that a slot has no validate_
    method: by design here (action_validate_slot_mappings in actions/profile_actions.py
    only extracts, the decision forms read only the slot just asked)."""
    return not str(record.msg).startswith("Skipping validation for")


def configure_logging() -> None:
    from rasa_sdk import utils

    level = os.environ.get("LOG_LEVEL", "INFO").upper()
    logging.getLogger("matplotlib").setLevel(logging.WARNING)
    logging.getLogger("rasa_sdk.forms").addFilter(expected_skip)
    utils.configure_colored_logging(level)
    utils.update_sanic_log_level()  # sanic's own loggers: LOG_LEVEL_LIBRARIES (ERROR)


# spaCy's thinc imports whichever of these is installed, to offer it as a
# backend; Rasa installs TensorFlow. The actions use spaCy's blank pipeline
# and none of them: loading TensorFlow cost the action server 4 s of start-up
# and 370 MB (493 MB peak against 119 MB with them blocked). A blocked import
# raises ImportError, which thinc expects when a backend is absent.
UNUSED_ML_FRAMEWORKS = ("tensorflow", "torch", "jax", "cupy", "mxnet")


def block_unused_ml_frameworks() -> None:
    for name in UNUSED_ML_FRAMEWORKS:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


def install_warnings_patch() -> None:
    """The "warnings" patch (rasa_patches/warning_options.py), when
    ``RASA_PATCHES`` selects it: the command line's warning settings win over
    the filters Sanic adds on import."""
    try:
        chosen = rasa_patches.at_launch()
    except rasa_patches.UnknownPatch as e:
        raise Refused(str(e)) from None
    if "warnings" in chosen:
        warning_options.apply()


def main() -> None:
    block_unused_ml_frameworks()  # before spaCy is imported (through the actions)
    install_warnings_patch()  # before sanic is imported
    config = settings(dict(os.environ))
    configure_logging()
    from rasa_sdk import utils
    from rasa_sdk.plugin import plugin_manager

    app = create_app(config["token"])
    # Rasa's client keeps idle connections 15 s (aiohttp's default); Sanic
    # closed them after 5 s, so under load Rasa reused one the server was
    # closing and the turn failed ("Cannot write to closing transport": 43 of
    # 1,000 messages with 200 people at once). The client must close first.
    app.config.KEEP_ALIVE_TIMEOUT = KEEP_ALIVE_S
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    logger.info("actions on http://%s:%s (%s required)", config["host"], config["port"], HEADER)
    app.run(config["host"], config["port"], workers=utils.number_of_sanic_workers(),
            access_log=False)


if __name__ == "__main__":
    main()
