"""`rasa shell` in a real pseudo-terminal (pexpect): a tailored conversation
where the profile questions are answered by choosing buttons with the keys."""
from __future__ import annotations

import re

import pexpect
import pytest

from devtools.servers import BIN, MODEL, ROOT, Servers, env, free_port
from tests.helpers import before_after

OUT = ROOT / "test-output" / "shell"
PROMPT = "Your input ->"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def clean(text: str) -> str:
    return ANSI.sub("", text).replace("\r", "")


@pytest.fixture(scope="module")
def shell(tmp_path_factory):
    work = tmp_path_factory.mktemp("shell")
    servers = Servers(work)
    servers.start_actions()
    child = pexpect.spawn(
        str(BIN / "rasa"), ["shell", "--model", str(MODEL), "--endpoints", str(servers.endpoints),
                            "--port", str(free_port()), "--quiet"],
        cwd=str(ROOT), env={**env(), "PYTHONWARNINGS": "ignore", "TERM": "xterm"},
        encoding="utf-8", timeout=120, dimensions=(50, 200))
    log = (work / "shell.log").open("w")
    child.logfile_read = log
    try:
        child.expect(PROMPT)
        yield child
    finally:
        child.sendline("/stop")
        child.expect(pexpect.EOF, timeout=30)
        log.close()
        servers.stop()


def test_tailored_conversation_in_the_terminal(shell):
    transcript = []

    def say(text: str, first: str, until: str = PROMPT) -> str:
        shell.sendline(text)
        shell.expect(first)
        seen = clean(shell.after)
        shell.expect(until)
        seen += clean(shell.before + shell.after)
        transcript.append(f"> {text}\n{seen}")
        return seen

    greeting = say("hello", "automated tool")
    assert "automated tool" in greeting and "December 2018" in greeting
    asked = say("what would it mean for someone like me?", "Are you under 65",
                r"Type out your own message")
    for choice in ("1: Under 65", "2: 65 or over", "3: Rather not say"):
        assert choice in asked
    shell.send("\x1b[B")  # arrow down to "65 or over"
    shell.send("\r")
    shell.expect(r"Type out your own message")
    asked2 = clean(shell.before)
    transcript.append(f"> [chose 65 or over]\n{asked2}")
    assert "Have you had a stem cell transplant" in asked2
    assert "1: I had one" in asked2 and "3: I chose not to" in asked2
    shell.send("\r")  # first choice: I had one
    shell.expect("You are 65 or over")
    answer = clean(shell.after)
    shell.expect(r"Type out your own message")  # the first answer ends in quick replies
    answer += clean(shell.before)
    transcript.append(f"> [chose I had one]\n{answer}")
    for phrase in ("You are 65 or over and have had a transplant",
                   "Most in that group were younger", "88 in 100", "80 in 100",
                   "About 5 in 100", "3 in 100", "15 in 100", "39 months", "20 months",
                   "1: More about harms", "4: Show me as pictures"):
        assert phrase in answer, phrase
    assert "68 in 100" not in answer and "pull different ways" not in answer
    shell.send("\r")  # first quick reply: more about harms
    shell.expect("blood clots")
    shell.expect(PROMPT)
    harms = clean(shell.before)
    transcript.append(f"> [chose More about harms]\n{harms}")
    assert "pregnancy prevention programme" in harms
    shown = say("show me the numbers as pictures", "Each picture")
    assert "88 in 100" in shown
    assert "http" not in shown  # no picture links in a terminal
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "transcript.txt").write_text("\n".join(transcript))


def test_messages_that_failed_before_work_in_the_shell(shell):
    """Each after /restart, so it starts a fresh conversation."""
    transcript = []
    for case in before_after():
        shell.sendline("/restart")
        shell.expect("starting again")
        shell.expect(PROMPT)
        shell.sendline(case["text"])
        shell.expect(re.escape(case["must"][-1]))
        seen = clean(shell.before + shell.after)
        choices = shell.expect([PROMPT, r"Type out your own message"])
        seen += clean(shell.before)
        if choices:  # quick replies: take the first, back to the prompt
            shell.send("\r")
            shell.expect(PROMPT)
        for phrase in case["must"]:
            assert phrase in seen, (case["text"], phrase, seen)
        transcript.append(f"> {case['text']}\n(before: {case['before']})\n{seen}\n")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "before-after.txt").write_text("\n".join(transcript))


def test_my_summary_is_shown_as_text_in_the_shell(shell):
    shell.sendline("/restart")
    shell.expect("starting again")
    shell.expect(PROMPT)
    shell.sendline("my wife is 71 and couldn't have a transplant")
    shell.expect("I can't decide for you")
    shell.expect(r"Type out your own message")
    shell.send("\x1b[A")  # up from the first quick reply: "Type out your own message..."
    shell.send("\r")
    shell.expect(PROMPT)
    shell.sendline("make my summary")
    shell.expect("questions you")
    seen = clean(shell.before + shell.after)
    shell.expect(PROMPT)
    for phrase in ("My summary", "Your wife is 65 or over and could not have a transplant",
                   "68 in 100", "About 5 in 100", "Harms of lenalidomide, shown the same way",
                   "Questions for the haematologist", "Jackson GH"):
        assert phrase in seen, phrase
    assert "/summary/" not in seen  # no link in a terminal: the summary itself
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "summary.txt").write_text(seen)
