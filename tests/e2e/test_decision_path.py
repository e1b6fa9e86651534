"""The decision-support path end to end: real action and Rasa servers, the
web page's server for the printable summary, and Debian's Chromium.

Over REST: the whole path (tailored answer, where you are in deciding with a
question on the way, what matters most in free text and by button, the
knowledge check, a question the bot cannot answer, the questions list, My
summary), then the summary page, another person's page, a wrong link and an
expired link. In Chromium: the same path by clicks and typing at phone size,
the summary opened in a new tab, its screenshot, its PDF page count, the
link after a reload, and axe audits at the end of the conversation and on
the summary page. Transcripts and screenshots go to test-output/decision/.
"""
from __future__ import annotations

import re
import time
from pathlib import Path
from typing import List

import pytest
import requests

from bot.summary import SummaryRecord
from bot.summary_store import SummaryStore
from devtools.servers import ROOT, running

OUT = ROOT / "test-output" / "decision"
REPLY_TIMEOUT_MS = 30_000

# (what the person sends, a phrase the reply must contain)
PATH = [
    ("hi", "automated tool"),
    ("im 61, had my stem cell transplant in march", "88 in 100"),
    ("Help me think it through", "Which way are you leaning"),
    ("honestly i'm not sure yet", "How would you like to make this choice"),
    ("With my haematologist", "SURE test"),
    ("yes", "benefits and risks of each option"),
    ("how long do people stay on it?", "no fixed end date"),  # answered, then back
    ("not really", "matter most to you"),
    ("no", "enough support and advice"),
    ("yes", "yes to two of the four questions"),
    ("What matters most to me?", "What matters most to you about this choice"),
    ("I want to be around to see my granddaughter get married", "granddaughter"),
    ("Risk of a new cancer", "5 in 100"),
    ("that's all", "What matters most to you: the chance of living longer"),
    ("Check what I know", "go longer before their myeloma came back"),
    ("yes", "That's right"),
    ("yes", "Not quite. The answer is no"),
    ("not sure", "The answer is yes"),
    ("no", "in line with the trial"),
    ("can I have a glass of wine with it?", "added your question"),
    ("What questions should I ask my haematologist?", "glass of wine"),
    ("Make my summary", "Your summary is ready"),
]


def texts(replies: List[dict]) -> str:
    return " ".join(r.get("text") or "" for r in replies)


def link_in(replies: List[dict]) -> dict:
    links = [r["custom"]["link"] for r in replies if "link" in (r.get("custom") or {})]
    assert len(links) == 1, replies
    return links[0]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("decision")
    with running(work) as servers:
        yield servers, servers.start_web(), work


def test_the_whole_path_over_rest_and_the_summary_page(site):
    servers, port, work = site
    OUT.mkdir(parents=True, exist_ok=True)
    transcript: List[str] = []
    replies: List[dict] = []
    for text, must in PATH:
        replies = servers.say("decider-1", text)
        said = texts(replies)
        transcript.append(f"PATIENT: {text}")
        transcript += [f"BOT: {r['text']}" if "text" in r else f"BOT: [link] {r['custom']}"
                       for r in replies]
        transcript.append("")
        assert must in said or must in str(replies), (text, must, said)
        for word in ("you should take", "I recommend", "we recommend"):
            assert word not in said
    (OUT / "transcript.txt").write_text("\n".join(transcript))
    link = link_in(replies)
    assert re.fullmatch(r"/summary/[A-Za-z0-9_-]{43}", link["href"])
    page = requests.get(f"http://127.0.0.1:{port}{link['href']}", timeout=10)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    body = page.text
    for phrase in ("You are under 65 and have had a transplant", "88 in 100", "80 in 100",
                   "39 months", "About 5 in 100", "15 in 100", "unborn baby",
                   "The chance of living longer", "The risk of a new cancer",
                   "Which way: not sure yet", "together with the haematologist",
                   "yes to two of the four", "can I have a glass of wine with it?",
                   "Jackson GH", "No drug company paid"):
        assert phrase in body, phrase
    assert "68 in 100" not in body  # the no-transplant figure is not theirs
    assert "granddaughter" not in body  # their words are reflected in the chat, not kept


def test_another_persons_summary_and_bad_links(site):
    servers, port, work = site
    servers.say("decider-2", "my wife is 78 and couldn't have a transplant")
    servers.say("decider-2", "is it ok with her warfarin?")
    mine = link_in(servers.say("decider-2", "can i print this for her appointment"))
    theirs = requests.get(f"http://127.0.0.1:{port}{mine['href']}", timeout=10).text
    assert "Your wife is 65 or over and could not have a transplant" in theirs
    assert "68 in 100" in theirs and "88 in 100" not in theirs
    assert "glass of wine" not in theirs and "warfarin" in theirs
    wrong = requests.get(f"http://127.0.0.1:{port}/summary/{'x' * 43}", timeout=10)
    assert wrong.status_code == 404 and "not right" in wrong.text
    junk = requests.get(f"http://127.0.0.1:{port}/summary/..%2F..%2Fetc", timeout=10)
    assert junk.status_code == 404
    store = SummaryStore(Path(servers.extra_env["SUMMARY_DB"]), ttl_hours=1)
    old = store.save(SummaryRecord(made_on="2026-11-01"), now=time.time() - 7200)
    expired = requests.get(f"http://127.0.0.1:{port}/summary/{old}", timeout=10)
    assert expired.status_code == 410 and "has expired" in expired.text
    assert "make my summary" in expired.text


# --------------------------------------------------------------------------
# In Chromium, at phone size
# --------------------------------------------------------------------------
def _wait(page, phrase: str) -> None:
    page.locator("#log .msg.bot", has_text=phrase).last.wait_for(timeout=REPLY_TIMEOUT_MS)


def _type(page, text: str, expect: str) -> None:
    page.locator("#message").fill(text)
    page.keyboard.press("Enter")
    _wait(page, expect)


def _click(page, title: str, expect: str) -> None:
    page.locator(".replies button:not([disabled])", has_text=title).first.click()
    _wait(page, expect)


def _axe(page, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    (OUT / f"axe-{name}.txt").write_text(results.generate_report())
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, results.generate_report()


def test_the_path_by_clicks_and_typing_on_a_phone_then_the_printed_summary(browser, site):
    servers, port, work = site
    OUT.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{port}/")
    _wait(page, "how the study was done")
    _type(page, "my husband is 70, he couldnt have the transplant", "I can't decide for you")
    _click(page, "Help me think it through", "Which way is your husband leaning")
    _click(page, "Towards lenalidomide", "How would your husband like")
    _click(page, "Leave it to the doctor", "best choice for him")
    for answer, expect in [("Yes", "benefits and risks"), ("Yes", "matter most to you"),
                           ("Not sure", "enough support"), ("Yes", "three of the four")]:
        _click(page, answer, expect)
    _click(page, "What matters most to me", "matters most to him")
    _type(page, "he just wants to keep feeling well enough for his garden", "is known")
    _click(page, "Capsules, tests and visits", "no fixed end date")
    _click(page, "That's all", "What matters most to him")
    _click(page, "Make my summary", "Your summary is ready")
    link = page.locator("#log a.link").last
    assert link.get_attribute("target") == "_blank"
    page.screenshot(path=str(OUT / "phone-summary-link.png"))
    assert page.locator("#message").bounding_box()["y"] + 40 <= 844
    _axe(page, "end-of-conversation")  # the long, scrollable log after real use

    with context.expect_page() as new_tab:
        link.click()
    summary = new_tab.value
    summary.wait_for_load_state()
    text = summary.locator("main").inner_text()
    for phrase in ("Your husband is 65 or over and could not have a transplant", "68 in 100",
                   "did not help", "About 5 in 100", "Side effects and infections",
                   "leaning towards lenalidomide maintenance", "leaving it to the doctor",
                   "yes to three of the four"):
        assert phrase in text, phrase
    summary.set_viewport_size({"width": 900, "height": 1200})
    summary.screenshot(path=str(OUT / "summary.png"), full_page=True)
    _axe(summary, "summary-page")
    pdf = summary.pdf(format="A4", print_background=True)
    (OUT / "summary.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, pages
    (OUT / "summary-pages.txt").write_text(f"{pages}\n")

    # After a reload of the chat the link is still there and still opens the page.
    page.reload()
    page.locator("#log a.link").last.wait_for(timeout=REPLY_TIMEOUT_MS)
    href = page.locator("#log a.link").last.get_attribute("href")
    again = requests.get(href if href.startswith("http") else f"http://127.0.0.1:{port}{href}",
                         timeout=10)
    assert again.status_code == 200 and "Your husband" in again.text
    context.close()
