"""The web chat page in real headless Chromium (Debian's), driven by Playwright.

Covers a whole conversation by keyboard and by clicking buttons, reload
persistence, safe rendering of hostile input, pictures with text
alternatives, link bubbles, the layout on a phone (390x844), and axe-core
accessibility audits on a fresh page and after a long conversation.
Screenshots go to test-output/web/.
"""
from __future__ import annotations

import json
import re
import time

import pytest

from devtools.servers import ROOT, running
from tests.helpers import before_after

OUT = ROOT / "test-output" / "web"
REPLY_TIMEOUT_MS = 30_000
SOCKET_IO = re.compile(r"/socket\.io/")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("web")
    with running(work) as servers:
        yield servers, servers.start_web()


DESKTOP = {"viewport": {"width": 900, "height": 1000}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}


def open_page(browser, site, **context_options):
    servers, port = site
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.goto(f"http://127.0.0.1:{port}/")
    return page


@pytest.fixture
def page(browser, site):
    page = open_page(browser, site, **DESKTOP)
    yield page
    page.context.close()


@pytest.fixture
def phone(browser, site):
    page = open_page(browser, site, **PHONE)
    yield page
    page.context.close()


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


def settle(page) -> None:
    """The rest of a turn's bubbles, and the scrolling after them."""
    page.wait_for_timeout(700)


def in_viewport(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    return (box is not None and box["x"] >= 0 and box["y"] >= 0
            and box["x"] + box["width"] <= size["width"] + 0.5
            and box["y"] + box["height"] <= size["height"] + 0.5)


def latest_reply(page) -> dict:
    """Where the log and the bot bubbles after the patient's last message are
    on screen (client pixels)."""
    return page.evaluate("""() => {
      const log = document.getElementById('log');
      const msgs = [...log.querySelectorAll('.msg')];
      let i = msgs.length - 1;
      while (i >= 0 && !msgs[i].classList.contains('user')) { i--; }
      const reply = msgs.slice(i + 1);
      const box = e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom]; };
      return {log: box(log), first: box(reply[0]), last: box(reply[reply.length - 1]),
              bubbles: reply.length, first_text: reply[0].innerText,
              scrollable: log.scrollHeight > log.clientHeight};
    }""")


def assert_reply_shown_from_its_start(page) -> dict:
    """A reply taller than the log is shown from its first bubble, at the top
    of the log; a shorter one is shown whole."""
    r = latest_reply(page)
    (log_top, log_bottom), (first_top, _), (_, last_bottom) = r["log"], r["first"], r["last"]
    if last_bottom - first_top > log_bottom - log_top:
        assert log_top - 1 <= first_top <= log_top + 24, r
    else:
        assert first_top >= log_top - 1 and last_bottom <= log_bottom + 1, r
    return r


def axe_audit(page, report: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / report).write_text(results.generate_report())
    assert not bad, results.generate_report()


def test_conversation_by_keyboard_and_buttons_with_pictures(page):
    OUT.mkdir(parents=True, exist_ok=True)
    wait_for_bot(page, "automated tool")
    wait_for_bot(page, "December 2018")
    # Keyboard only: the skip link leads to the message box.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "message"
    assert page.evaluate("window.scrollY") == 0  # the page stays put, title in view
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
                   "Most in that group were younger"):
        assert phrase in text
    assert "pull different ways" not in text
    follow_ups = page.locator(".replies button:not([disabled])")
    assert follow_ups.all_inner_texts() == [
        "More about harms", "How sure is this evidence?", "Questions to ask my haematologist",
        "Show me as pictures", "Help me think it through"]
    settle(page)
    assert_reply_shown_from_its_start(page)
    assert in_viewport(page, "#message") and in_viewport(page, "header h1")
    page.screenshot(path=str(OUT / "first-answer.png"), full_page=False)
    follow_ups.nth(3).click()
    img = page.locator(".msg.bot figure img").first
    img.wait_for(timeout=REPLY_TIMEOUT_MS)
    assert "88 in 100" in img.get_attribute("alt")
    wait_for_pictures(page)
    settle(page)
    # Pictures that load late do not jump the log to its end.
    assert_reply_shown_from_its_start(page)
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
    # A restored transcript is shown at its end.
    assert page.evaluate(
        "(l => l.scrollTop + l.clientHeight >= l.scrollHeight - 2)(document.getElementById('log'))")
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
    wait_for_bot(page, "automated tool")
    type_and_send(page, "what does it mean for me")
    wait_for_bot(page, "Are you under 65")
    axe_audit(page, "axe-report.txt")
    log = page.locator("#log")
    assert log.get_attribute("aria-live") == "polite" and log.get_attribute("role") == "log"


def test_phone_layout_long_answer_and_audit_after_a_long_conversation(phone):
    """390x844: the message box stays on screen, a long answer is read from its
    first bubble, the log scrolls by keyboard, and axe passes once it scrolls."""
    page = phone
    OUT.mkdir(parents=True, exist_ok=True)
    wait_for_bot(page, "how the study was done")
    settle(page)
    # The notice stays on screen; the title and notice leave the chat the room.
    assert in_viewport(page, "header .notice")
    assert page.locator("header").bounding_box()["height"] <= 0.25 * 844
    assert in_viewport(page, "#message") and in_viewport(page, "#send")
    assert page.locator("#log").bounding_box()["height"] >= 0.5 * 844
    # The greeting is shown from its first bubble.
    assert page.locator("#log .msg").count() == latest_reply(page)["bubbles"]
    assert_reply_shown_from_its_start(page)
    page.screenshot(path=str(OUT / "phone-start.png"), full_page=False)
    # "About this tool" is below the chat, reached by scrolling the page.
    page.locator("#about-title").scroll_into_view_if_needed()
    assert in_viewport(page, "#about-title")
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(200)
    assert in_viewport(page, "#message")

    type_and_send(page, "I'm 58 and had a stem cell transplant")
    wait_for_bot(page, "I can't decide for you")
    settle(page)
    assert in_viewport(page, "#message") and in_viewport(page, "#send")
    r = assert_reply_shown_from_its_start(page)
    # The answer is longer than the log: its first bubble is at the top, and
    # its end (the footnote and buttons) is further down, not what is shown.
    assert r["last"][1] > r["log"][1], r
    assert r["first_text"].endswith("the transplant group's figures fit you."), r
    page.screenshot(path=str(OUT / "phone-first-answer.png"), full_page=False)

    # A couple of follow-ups: a button, then typed.
    page.locator(".replies button:not([disabled])", has_text="More about harms").click()
    wait_for_bot(page, "advice line straight away")
    settle(page)
    assert in_viewport(page, "#message")
    assert_reply_shown_from_its_start(page)
    type_and_send(page, "How sure is this evidence?")
    wait_for_bot(page, "Your haematologist can tell you about them")
    settle(page)
    assert in_viewport(page, "#message")
    assert_reply_shown_from_its_start(page)
    page.screenshot(path=str(OUT / "phone-follow-up.png"), full_page=False)

    # The log now scrolls: it can be reached and scrolled by keyboard, with a
    # visible focus (WCAG 2.1.1, axe's scrollable-region-focusable).
    assert latest_reply(page)["scrollable"]
    page.locator("#message").focus()
    page.keyboard.press("Shift+Tab")  # no enabled buttons are left in the log
    assert page.evaluate("document.activeElement.id") == "log"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.screenshot(path=str(OUT / "phone-log-focused.png"), full_page=False)
    before = page.evaluate("document.getElementById('log').scrollTop")
    page.keyboard.press("Home")
    deadline = time.monotonic() + 5
    while page.evaluate("document.getElementById('log').scrollTop") != 0:
        assert time.monotonic() < deadline, f"Home did not scroll the log (at {before})"
        page.wait_for_timeout(100)
    page.keyboard.press("PageDown")
    while page.evaluate("document.getElementById('log').scrollTop") <= 0:
        assert time.monotonic() < deadline, "PageDown did not scroll the log"
        page.wait_for_timeout(100)
    axe_audit(page, "axe-report-phone.txt")
    assert not page.dialogs


LINK = {"link": {"href": "/summary/tok3n-abc", "label": "Open my summary"}}
BAD_LINKS = [{"text": "Bad one.", "link": {"href": "javascript:alert(1)", "label": "Bad link"}},
             {"link": {"href": "data:text/html,<script>alert(1)</script>", "label": "Data link"}}]


def test_link_bubbles_open_safely_in_a_new_tab_and_survive_a_reload(page):
    """The bot's link payload, as socket.io delivers it, added to the greeting's
    last poll response (the bot does not send links yet)."""
    injected = []

    def add_links(route):
        request = route.request
        if injected or request.method != "GET" or "sid=" not in request.url:
            return route.continue_()
        response = route.fetch()
        body = response.text()
        if "how the study was done" in body:
            packets = [body] + [f'42["bot_uttered",{json.dumps(m)}]' for m in [LINK] + BAD_LINKS]
            body = "\x1e".join(packets)
            injected.append(True)
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
        route.fulfill(response=response, body=body, headers=headers)

    wait_for_bot(page, "how the study was done")
    page.route(SOCKET_IO, add_links)
    page.locator("#restart").click()  # a new conversation, with the route in place
    wait_for_bot(page, "Bad one.")
    page.wait_for_timeout(300)
    assert injected

    def check_links():
        links = page.locator("#log a")
        assert links.count() == 1
        link = links.first
        assert link.inner_text().startswith("Open my summary")
        assert link.text_content() == "Open my summary (opens in a new tab)"
        assert link.get_attribute("href").endswith("/summary/tok3n-abc")
        assert link.evaluate("a => a.href") == page.url.rstrip("/") + "/summary/tok3n-abc"
        assert link.get_attribute("target") == "_blank"
        assert set(link.get_attribute("rel").split()) == {"noopener", "noreferrer"}
        # Unsafe addresses show their label as plain text, not as links.
        assert "Bad link" in bot_text(page) and "Data link" in bot_text(page)
        assert page.locator("#log [href^='javascript' i], #log [href^='data' i]").count() == 0
        return link

    check_links()
    page.unroute(SOCKET_IO)
    page.reload()
    page.locator("#log .msg.bot", has_text="Data link").wait_for(timeout=REPLY_TIMEOUT_MS)
    link = check_links()
    with page.context.expect_page() as opened:
        link.click()
    tab = opened.value
    tab.wait_for_load_state()
    assert tab.url.endswith("/summary/tok3n-abc")
    assert tab.evaluate("window.opener === null")
    tab.close()
    assert not page.dialogs


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


# Issue 20's kinds of real-life messages, on the page: what must lead the reply.
STORIES_ON_THE_PAGE = [
    ("red-flag-story", "my ankle has been puffy and sore since the coach trip and it's worse "
                       "today, can i still go to the wedding on saturday?",
     "can be a blood clot", ["24-hour advice line now", "999"]),
    ("distress", "honestly i cant do this anymore. the tablets, the clinic, all of it",
     "things feel so hard", ["Samaritans", "116 123", "Myeloma UK Infoline"]),
    ("carer-profile", "mum's 81 and they said she's not strong enough for it. will revlimid "
                      "help her?",
     "Your mum is 65 or over and could not have a transplant", ["68 in 100"]),
    ("dead-end", "is maintenance the same as consolidation?",
     "Consolidation is a short, extra course", ["did not test consolidation"]),
    ("out-of-scope", "I have breast cancer and take letrozole, can I fly to Spain on my tablets?",
     "This tool only covers lenalidomide maintenance", ["do not apply to other cancers"]),
    # Issue 22: what is known now, and pregnancy said first and on its own.
    ("how-long", "I'm 60 and had a stem cell transplant, how long will I have to take it for?",
     "There is no fixed end date", ["conference in 2022", "about 4 years", "never on your own"]),
    ("since-2018", "is this information out of date? what has changed since 2018?",
     "NICE backed lenalidomide maintenance", ["A 2017 report", "conference in 2022"]),
    ("pregnancy", "i think i might already be pregnant and ive started taking it",
     "stop taking lenalidomide and call", ["24-hour advice line now"]),
    # A story that asks nothing: the trial in brief, then the question about her.
    ("story-brief", "My family had some bad news this week. My mum was diagnosed with myeloma "
                    "and the doctors say she might start lenalidomide after her chemo. I'm "
                    "trying to get my head round it all.",
     # Only the learned backstop reads distress in "bad news ... trying to get my head
     # round it": one line of support leads, then the brief (docs/understanding.md).
     "If things feel hard at the moment", ["Thank you for telling me about your mum.",
                                           "Looking after someone", "39 months",
                                           "88 in 100", "Her haematology team",
                                           "Is your mum under 65"]),
    # Support first, then the question that came with the distress.
    ("distress-and-question", "im 63 and had my transplant last year. my wife does everything "
                              "for me now and I feel like such a burden. what did the trial "
                              "find for someone like me",
     "things feel so hard", ["Samaritans", "About your question: You are under 65",
                             "88 in 100"]),
    ("my-calf", "Been on len about 8 months. Yesterday my left calf started aching after the "
                "long drive back from my sister's and now it looks puffier than the right one. "
                "I'll mention it at clinic next month?",
     "can be a blood clot", ["Call your hospital's 24-hour advice line now"]),
    # Found by a reviewer playing patients: a wording the fluids rule did not know.
    ("cant-keep-water-down", "been sick all day cant keep even water down",
     "not keeping fluids down", ["24-hour advice line now", "999"]),
    # Fourth session: a question beside a red flag is answered after the help; what the
    # tool covers comes before the figures; a relative's pregnancy on the drug.
    ("fever-and-question", "my temp is 38.4 tonight. how long do people stay on it?",
     "can mean a serious infection", ["About your question: There is no fixed end date"]),
    ("smouldering", "i have smouldering myeloma, what would it mean for me",
     "The trial was in people with newly diagnosed myeloma", ["did not study smouldering"]),
    ("wife-pregnant-on-it", "my wife is on revlimid and her pregnancy test came back positive",
     "she should stop taking lenalidomide", ["24-hour advice line now"]),
    # Fifth session: yellow eyes told by a carer in passing, blood told in fragments.
    ("yellow-eyes", "my husband looks a bit yellow round the eyes since the weekend, is that "
                    "the lenalidomide? hes 70",
     "Yellow skin or yellow eyes can mean a problem with the liver",
     ["their hospital's 24-hour advice line now"]),
    ("blood-in-fragments", "Good morning . I am 76 . On lenalidomide . This morning . There was "
                           "blood . In my water . Should I mention . At my next clinic .",
     "Bleeding or bruising that is not usual", ["24-hour advice line now"]),
    # Sixth session: a child and someone's capsules (the emergency number first); a
    # story's own question read alone (not the transplant group's figures).
    ("child-capsule", "my granddaughter is 2 and was playing with my handbag, one of my revlimid "
                      "capsules is missing and i cant find it anywhere",
     "A child who may have swallowed a capsule", ["Take the pack with you", "999"]),
    ("mrd-question", "Consultant says after my transplant I am MRD negative which is good news. "
                     "Now he still wants me on lenalidomide. Does the trial say anything about "
                     "MRD?",
     # the later report on MRD itself, since the eighth session (it got the general
     # answer on what is new, NICE first)
     "MRD-negative means tests cannot find any myeloma left", ["30 in 100",
                                                               "conference in 2022"]),
    # A carer whose dad's treatment has stopped working: no leaning question.
    ("stopped-working", "dads chemo has stopped working and they say nothing more can be done. "
                        "how do i help him",
     "I'm so sorry you are facing this", ["palliative care team", "Myeloma UK Infoline"]),
]


@pytest.mark.parametrize("name, text, leads, also", STORIES_ON_THE_PAGE,
                         ids=[s[0] for s in STORIES_ON_THE_PAGE])
def test_real_life_messages_on_the_page(page, name, text, leads, also):
    """Each in a fresh tab: the reply's first bubble says what must lead; the
    screenshot is kept (test-output/web/story-<name>.png)."""
    wait_for_bot(page, "how the study was done")  # the greeting's last bubble
    type_and_send(page, text)
    wait_for_bot(page, leads)
    settle(page)
    replies = page.evaluate("""() => {
      const all = [...document.querySelectorAll('#log .msg')];
      const mine = all.map(m => m.classList.contains('user')).lastIndexOf(true);
      return all.slice(mine + 1).filter(m => m.classList.contains('bot'))
                .map(m => m.innerText).filter(t => !t.includes('automated tool'));
    }""")
    assert leads in replies[0]
    for phrase in also:
        assert phrase in bot_text(page)
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / f"story-{name}.png"), full_page=True)


def test_a_question_about_the_last_answer_gets_its_direct_sentence(page):
    """"so is that a yes?" after the figures: yes or no, in words, not the figures
    again (issue 20, kind 7); the screenshot is kept (story-re-ask.png)."""
    wait_for_bot(page, "how the study was done")
    type_and_send(page, "im 72 and couldnt have a transplant")
    wait_for_bot(page, "could not have a transplant")
    settle(page)
    type_and_send(page, "so is that a yes?")
    wait_for_bot(page, "Living longer:")
    settle(page)
    said = bot_text(page)
    assert "Keeping myeloma away: yes." in said
    assert "Living longer: no. In the trial, people who could not have a transplant did not " \
        "live longer" in said
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / "story-re-ask.png"), full_page=True)
