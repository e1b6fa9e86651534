"""Which websites may talk to the bot: ``ALLOWED_ORIGINS``, checked.

``ALLOWED_ORIGINS`` lists web origins, ``scheme://host[:port]``, separated by
spaces or commas: the bot's own chat page and every clinic website that shows
the chat (docs/channels.md, "Putting the chat on your clinic's website"). launchers/run.sh
gives them to Rasa's ``--cors``, so browsers let only those pages read the
bot's answers, and the socket.io channel refuses any other page outright.

``*`` is refused: it would let any website show this chat as its own. So is
anything that is not an origin (a path, a wildcard host, a missing scheme),
because a browser would never send it and the site would silently get no chat.

``python -m web.origins`` prints the list from the environment, tidied (lower
case, no default port), or says what is wrong and exits with status 2.
"""
from __future__ import annotations

import os
import re
import sys
from typing import List, Mapping, Optional
from urllib.parse import urlsplit

VARIABLE = "ALLOWED_ORIGINS"
EXAMPLE = "https://www.clinic.example"
_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$"
                   r"|^\[[0-9a-f:.]+\]$")
_DEFAULT_PORT = {"http": 80, "https": 443}


class BadOrigins(ValueError):
    """ALLOWED_ORIGINS holds something a browser would never send as an origin."""


def origin(item: str) -> str:
    """One origin, as browsers send it in their ``Origin`` header."""
    if item == "*":
        raise BadOrigins(f"'*' would let any website show this chat as its own; "
                         f"list each website instead, e.g. {EXAMPLE}")
    parts = urlsplit(item)
    if parts.scheme.lower() not in _DEFAULT_PORT or not parts.netloc:
        raise BadOrigins(f"{item!r} is not an origin: it must start with https:// "
                         f"(or http://), e.g. {EXAMPLE}")
    try:
        port = parts.port
    except ValueError:
        raise BadOrigins(f"{item!r} has a port that is not a number from 1 to 65535") from None
    host = (parts.hostname or "").lower()
    if "[" in parts.netloc:
        host = f"[{host}]"
    if (parts.path not in ("", "/") or parts.query or parts.fragment or "@" in parts.netloc
            or not _HOST.match(host) or port == 0):
        raise BadOrigins(f"{item!r} is not an origin: only scheme://host[:port], with no "
                         f"path and no wildcard, e.g. {EXAMPLE}")
    scheme = parts.scheme.lower()
    shown_port = "" if port in (None, _DEFAULT_PORT[scheme]) else f":{port}"
    return f"{scheme}://{host}{shown_port}"


def parse(value: str) -> List[str]:
    """Every origin in ``value`` (spaces or commas between), tidied, each once."""
    items = [item for item in re.split(r"[\s,]+", value) if item]
    if not items:
        raise BadOrigins(f"no origin in it; list at least one website, e.g. {EXAMPLE}")
    found: List[str] = []
    for item in items:
        tidy = origin(item)
        if tidy not in found:
            found.append(tidy)
    return found


def from_env(env: Mapping[str, str] = os.environ) -> Optional[List[str]]:
    """The allowed origins, or None when ``ALLOWED_ORIGINS`` is not set (no check)."""
    value = env.get(VARIABLE)
    return None if value is None else parse(value)


def main() -> None:
    try:
        print(" ".join(parse(os.environ.get(VARIABLE, ""))))
    except BadOrigins as err:
        print(f"run: {VARIABLE}: {err}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
