"""Every message the bot can send, word for word, against a reviewed copy.

tests/golden/messages.txt is the file a clinician reads: each message under
the place it comes from. Any change to what the bot says shows up here as a
diff to review; accept it with `make golden` once it has been read.
"""
import difflib
import os
from pathlib import Path

from bot import answers
from bot.pictures import PICTURE_IDS, picture_for
from devtools.message_catalogue import button_texts, everything

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "messages.txt"


def render() -> str:
    out = []
    for source, texts in sorted(everything().items()):
        out.append(f"## {source}")
        out.extend(f"- {text}" for text in texts)
    out.append("## buttons")
    out.extend(f"- {text}" for text in button_texts())
    out.append("## picture captions")
    out.extend(f"- {picture_for(fid).caption}" for fid in PICTURE_IDS)
    out.append("## summary tags")
    out.extend(f"- {tag}" for tag in (answers.SUMMARY_TAG, answers.SUMMARY_TAG_FIRST))
    return "\n".join(out) + "\n"


def test_every_message_matches_the_reviewed_copy():
    now = render()
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(now, encoding="utf-8")
    before = GOLDEN.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(before.splitlines(True), now.splitlines(True),
                                        "reviewed", "now", n=0))
    assert now == before, f"messages changed; review, then `make golden`:\n{diff[:4000]}"
