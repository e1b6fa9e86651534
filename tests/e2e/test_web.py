"""The web chat page in real headless Chromium (Debian's), driven by Playwright.

Covers a whole conversation by keyboard and by clicking buttons, reload
persistence, safe rendering of hostile input, pictures with text
alternatives, and an axe-core accessibility audit. Screenshots go to
test-output/web/.
"""
from __future__ import annotations

import shutil
import time

import pytest

from tests.e2e.servers import ROOT, before_after, running

pytestmark = pytest.mark.e2e
OUT = ROOT / "test-output" / "web"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
REPLY_TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("web")
    with running(work) as servers:
        yield servers, servers.start_web()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Debian's chromium is not installed (make setup-test installs it)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, site):
    servers, port = site
    context = browser.new_context(viewport={"width": 900, "height": 1000})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.goto(f"http://127.0.0.1:{port}/")
    yield page
    context.close()


def bot_text(page) -> str:
    return " ".join(page.locator("#log .msg.bot").all_inner_texts())


def wait_for_bot(page, phrase: str) -> None:
    page.locator("#log .msg.bot", has_text=phrase).last.wait_for(timeout=REPLY_TIMEOUT_MS)


def wait_for_pictures(page) -> None:
    """Poll from Python: Playwright's wait_for_function polls with eval, which
    the page's Content-Security-Policy (rightly) refuses once it has to wait."""
    deadline = time.monotonic() + REPLY_TIMEOUT_MS / 1000
    while not page.evaluate("[...document.querySelectorAll('.msg img')].every(i => i.complete)"):
        assert time.monotonic() < deadline, "pictures did not load"
        page.wait_for_timeout(100)


def type_and_send(page, text: str) -> None:
    page.locator("#message").fill(text)
    page.keyboard.press("Enter")


def test_conversation_by_keyboard_and_buttons_with_pictures(page):
    OUT.mkdir(parents=True, exist_ok=True)
    wait_for_bot(page, "automated tool")
    wait_for_bot(page, "December 2018")
    # Keyboard only: the skip link leads to the message box.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    page.keyboard.type("what would it mean for someone like me?")
    page.keyboard.press("Enter")
    wait_for_bot(page, "Are you under 65")
    buttons = page.locator(".replies button:not([disabled])")
    assert buttons.all_inner_texts() == ["Under 65", "65 or over", "Rather not say"]
    buttons.nth(1).click()  # by mouse
    wait_for_bot(page, "Have you had a stem cell transplant")
    assert page.locator(".msg.user").last.inner_text().endswith("65 or over")
    # By keyboard: from the message box, Shift+Tab back to the newest buttons
    # (older, used buttons are disabled and skipped).
    page.locator("#message").focus()
    for _ in range(5):
        page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent") == "I had one"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "message"
    wait_for_bot(page, "I can't decide for you")
    text = bot_text(page)
    for phrase in ("88 in 100", "80 in 100", "About 5 in 100", "15 in 100", "39 months",
                   "Most were younger"):
        assert phrase in text
    assert "pull different ways" not in text
    follow_ups = page.locator(".replies button:not([disabled])")
    assert follow_ups.all_inner_texts() == [
        "More about harms", "How sure is this evidence?", "Questions to ask my haematologist",
        "Show me as pictures"]
    page.screenshot(path=str(OUT / "first-answer.png"), full_page=False)
    follow_ups.nth(3).click()
    img = page.locator(".msg.bot figure img").first
    img.wait_for(timeout=REPLY_TIMEOUT_MS)
    assert "88 in 100" in img.get_attribute("alt")
    wait_for_pictures(page)
    assert page.evaluate("document.querySelector('.msg img').naturalWidth") > 0
    assert page.locator(".replies button:not([disabled])").count() == 0
    img.scroll_into_view_if_needed()
    page.screenshot(path=str(OUT / "conversation.png"), full_page=False)
    assert not page.dialogs


def test_reload_keeps_the_conversation(page):
    wait_for_bot(page, "automated tool")
    type_and_send(page, "I'm 58 and had a stem cell transplant")
    wait_for_bot(page, "You are under 65")
    wait_for_bot(page, "I can't decide for you")
    before = page.locator("#log .msg").count()
    texts = page.locator("#log .msg").all_inner_texts()
    page.reload()
    page.locator("#log .msg").nth(before - 1).wait_for(timeout=REPLY_TIMEOUT_MS)
    page.wait_for_timeout(1000)  # nothing new may arrive: no second greeting
    assert page.locator("#log .msg").all_inner_texts() == texts
    type_and_send(page, "what does this mean for me?")
    # Same session on the server: the profile is remembered, no questions asked.
    page.locator("#log .msg.bot", has_text="You are under 65").nth(1).wait_for(
        timeout=REPLY_TIMEOUT_MS)
    assert page.locator("#log .msg").count() > before
    assert page.evaluate("document.querySelectorAll('#log .msg.bot').length") > before // 2


@pytest.mark.parametrize("hostile", [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "<a href=javascript:alert(1)>click</a> what is myeloma",
])
def test_hostile_input_shows_as_text_and_runs_nothing(page, hostile):
    wait_for_bot(page, "automated tool")
    replies = page.locator("#log .msg.bot").count()
    type_and_send(page, hostile)
    page.locator("#log .msg.bot").nth(replies).wait_for(timeout=REPLY_TIMEOUT_MS)
    assert page.locator(".msg.user").last.inner_text().endswith(hostile)
    assert page.locator("#log img[src='x'], #log script, #log a").count() == 0
    page.wait_for_timeout(300)
    assert not page.dialogs
    assert page.evaluate("window.__xss === undefined")


def test_accessibility_audit_has_no_serious_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    wait_for_bot(page, "automated tool")
    type_and_send(page, "what does it mean for me")
    wait_for_bot(page, "Are you under 65")
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    (OUT).mkdir(parents=True, exist_ok=True)
    (OUT / "axe-report.txt").write_text(results.generate_report())
    assert not bad, results.generate_report()
    log = page.locator("#log")
    assert log.get_attribute("aria-live") == "polite" and log.get_attribute("role") == "log"


BEFORE_AFTER = before_after()


@pytest.mark.parametrize("n", range(len(BEFORE_AFTER)))
def test_messages_that_failed_before_work_on_the_page(page, n):
    """Each in a fresh tab: typed, answered, the screenshot and words kept."""
    case = BEFORE_AFTER[n]
    wait_for_bot(page, "how the study was done")  # the greeting's last bubble
    greeting = page.locator("#log .msg.bot").count()
    type_and_send(page, case["text"])
    wait_for_bot(page, case["must"][-1])
    page.wait_for_timeout(500)  # the rest of the turn
    replies = page.locator("#log .msg.bot").all_inner_texts()[greeting:]
    said = " ".join(replies)
    for phrase in case["must"]:
        assert phrase in said, (case["text"], phrase, said)
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / f"before-after-{n + 1:02d}.png"), full_page=True)
    with (OUT / "before-after.txt").open("w" if n == 0 else "a") as out:
        out.write(f"PATIENT: {case['text']}\n(before: {case['before']})\n")
        out.write("".join(f"BOT: {r}\n" for r in replies) + "\n")
