"""The chat on a clinic's own website (web/static/embed.js), in Debian's Chromium.

launchers/run.sh is started as a clinic would start it, with ``ALLOWED_ORIGINS``
naming the bot's own page and one clinic website. The clinic's page is on
another origin (its own small server on 127.0.0.1), has rough CSS of its own
and an element with one of the chat's ids, and holds only the snippet: the
chat appears there with its notices, holds a conversation with a tailored
answer, a button and a picture, keeps it across a reload, passes axe, and
neither side's styles reach the other. A website not in the list gets the
chat's frame but no conversation (CORS, and 403 from the socket.io channel).
The bot's own page still works, and so does rasa-webchat 1.0.1 on the clinic's
page. run.sh refuses values that are not origins. The checks of those values
(web/origins.py, tests/unit/web/test_origins.py) and the socket.io channel's
(tests/unit/channels/test_socketio.py) need no server and are unit tests.
Screenshots: test-output/embed/.
"""
from __future__ import annotations

import os
import subprocess
import tarfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Iterator

import pytest
import requests

from devtools.servers import MODEL, ROOT, free_port, stop_group, wait_for

e2e = pytest.mark.e2e
OUT = ROOT / "test-output" / "embed"
REPLY_TIMEOUT_MS = 30_000
DESKTOP = {"viewport": {"width": 1000, "height": 1100}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
WEBCHAT = ROOT / "web" / "node_modules" / "rasa-webchat" / "lib" / "index.js"

# A clinic's own styles, rough on purpose: if they reached the chat, or the
# chat's reached them, the test would see it.
CLINIC_CSS = """
html { font-size: 10px; }
* { font-family: "Comic Sans MS", cursive; letter-spacing: 0.2em; line-height: 3;
    text-transform: uppercase; color: #3b0a45; }
div, p, section, form { margin: 1em; padding: 1em; border: 3px dashed #a00000; }
button, input { display: none; }
.msg, .chat, .log, .notice, #log, #message { display: none !important; }
img { width: 4px !important; }
"""


def clinic_page(title: str, bot: str) -> bytes:
    return f"""<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{CLINIC_CSS}</style></head>
<body><main>
<h1>{title}</h1>
<p>Thinking about lenalidomide maintenance? Talk it through with our explainer.</p>
<p id="log" class="notice">Clinic news: the day unit moves to level 2 in May.</p>
<div id="myeloma-chat"></div><script src="{bot}/embed.js" defer></script>
</main></body></html>""".encode()


WEBCHAT_PAGE = b"""<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Clinic, with rasa-webchat</title></head>
<body><h1>Clinic, with rasa-webchat</h1><div id="webchat"></div>
<script src="/webchat.js"></script><script src="/webchat-start.js"></script></body></html>"""


class Site:
    """A website of its own: ``pages`` (path to bytes) on 127.0.0.1:port."""

    TYPES = {".js": "text/javascript", ".html": "text/html"}

    def __init__(self, port: int, pages: Dict[str, bytes]) -> None:
        self.origin = f"http://127.0.0.1:{port}"
        self.pages = pages
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, fmt: str, *args) -> None:
                pass

            def do_GET(self) -> None:
                body = site.pages.get(self.path)
                self.send_response(200 if body is not None else 404)
                ctype = site.TYPES.get(Path(self.path).suffix, "text/html")
                self.send_header("Content-Type", f"{ctype}; charset=utf-8")
                self.end_headers()
                self.wfile.write(body or b"not found")

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@dataclass
class Bot:
    web: str  # the bot's own page, as the clinic's snippet names it
    rasa: str
    clinic: Site  # in ALLOWED_ORIGINS
    other: Site  # not in it


@pytest.fixture(scope="module")
def bot(tmp_path_factory) -> Iterator[Bot]:
    work = tmp_path_factory.mktemp("embed")
    ports = {name: free_port() for name in ("ACTIONS_PORT", "RASA_PORT", "WEB_PORT")}
    clinic_port, other_port = free_port(), free_port()
    web, rasa = f"http://localhost:{ports['WEB_PORT']}", f"http://localhost:{ports['RASA_PORT']}"
    endpoints = (ROOT / "endpoints.yml").read_text()
    assert "var/trackers.db" in endpoints  # this run's conversations stay in `work`
    (work / "endpoints.yml").write_text(endpoints.replace("var/trackers.db",
                                                          str(work / "trackers.db")))
    env = {k: v for k, v in os.environ.items() if k not in ("RASA_URL", "PICTURES_BASE_URL")}
    env.update({k: str(v) for k, v in ports.items()}, RASA_MODEL=str(MODEL),
               ENDPOINTS=str(work / "endpoints.yml"), SUMMARY_DB=str(work / "summaries.db"),
               # the bot's own page (both names) and the clinic; commas or spaces
               ALLOWED_ORIGINS=f"{web}, http://127.0.0.1:{ports['WEB_PORT']} "
                               f"http://127.0.0.1:{clinic_port}/")
    log = work / "run.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(["bash", "launchers/run.sh"], cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    clinic = Site(clinic_port, {"/": clinic_page("Riverside Haematology Clinic", web),
                                "/webchat.html": WEBCHAT_PAGE})
    other = Site(other_port, {"/": clinic_page("Some other website", web)})
    try:
        for url in (f"{web}/", f"{rasa}/", f"http://127.0.0.1:{ports['ACTIONS_PORT']}/health"):
            wait_for(url, proc, log, timeout=240)
        yield Bot(web, rasa, clinic, other)
    finally:
        clinic.close()
        other.close()
        stop_group(proc)


@pytest.fixture
def context(browser):
    context = browser.new_context(**DESKTOP)
    yield context
    context.close()


def open_site(context, url: str):
    page = context.new_page()
    page.console = []
    page.on("console", lambda message: page.console.append(message.text))
    page.goto(url)
    return page


def wait_for_bot(page, phrase: str, nth: int = 0) -> None:
    page.locator("#myeloma-chat .msg.bot", has_text=phrase).nth(nth).wait_for(
        timeout=REPLY_TIMEOUT_MS)


def say(page, text: str) -> None:
    page.locator("#myeloma-chat #message").fill(text)
    page.locator("#myeloma-chat #message").press("Enter")


def in_shadow(page, script: str):
    """Evaluate ``script`` with ``root``, the chat's shadow root."""
    return page.evaluate(f"(() => {{ const root = document.getElementById('myeloma-chat')"
                         f".shadowRoot; return {script}; }})()")


def in_viewport(locator, page) -> bool:
    box, size = locator.bounding_box(), page.viewport_size
    return (box is not None and box["y"] >= 0
            and box["y"] + box["height"] <= size["height"] + 0.5)


def axe_audit(page, report: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / report).write_text(results.generate_report())
    bad = [v["id"] for v in results.response["violations"]
           if v["impact"] in ("serious", "critical")]
    assert not bad, results.generate_report()


@e2e
def test_the_chat_on_a_clinic_website_holds_a_conversation(context, bot):
    page = open_site(context, bot.clinic.origin + "/")
    chat = page.locator("#myeloma-chat")
    wait_for_bot(page, "automated tool")
    wait_for_bot(page, "how the study was done")  # the greeting's last bubble
    # The notices are there and on screen: an automated tool, not medical
    # advice, and where to get urgent help.
    notice = chat.locator(".notice")
    assert "not medical advice" in notice.inner_text() and "ambulance" in notice.inner_text()
    assert notice.is_visible() and in_viewport(notice, page)
    # The chat is in its shadow root: the page's own #log is untouched and
    # the page's document holds none of the chat's elements.
    assert page.evaluate("document.getElementById('log').textContent").startswith("Clinic news")
    assert page.evaluate("document.querySelectorAll('.msg, #message, #composer').length") == 0
    # Neither side's styles reach the other.
    bubble = in_shadow(page, "(s => [s.fontFamily, s.textTransform, s.letterSpacing, s.fontSize,"
                             " s.display])(getComputedStyle(root.querySelector('.msg.bot')))")
    assert "Comic" not in bubble[0] and bubble[1:] == ["none", "normal", "18px", "block"], bubble
    assert page.evaluate("(s => [s.textTransform, s.boxSizing])"
                         "(getComputedStyle(document.getElementById('log')))") == [
        "uppercase", "content-box"]
    assert in_shadow(page, "root.getElementById('status').textContent") == "Connected."

    # By keyboard from the page: the new-conversation button, the log, the box.
    for _ in range(3):
        page.keyboard.press("Tab")
    assert in_shadow(page, "root.activeElement.id") == "message"
    page.keyboard.type("my husband is 70 and had no transplant")
    page.keyboard.press("Enter")
    wait_for_bot(page, "Your husband is 65 or over and has not had a transplant")
    wait_for_bot(page, "I can't decide for you")
    assert chat.locator(".msg.user").last.inner_text().endswith(
        "my husband is 70 and had no transplant")
    chat.locator(".replies button:not([disabled])", has_text="Show me as pictures").click()
    img = chat.locator(".msg.bot figure img").first
    img.wait_for(timeout=REPLY_TIMEOUT_MS)
    # A picture's address is the bot's, not the clinic's (PICTURES_BASE_URL is relative).
    assert img.evaluate("i => i.src").startswith(bot.web + "/pictures/")
    deadline = time.monotonic() + REPLY_TIMEOUT_MS / 1000
    while not in_shadow(page, "[...root.querySelectorAll('img')].every(i => i.naturalWidth > 0)"):
        assert time.monotonic() < deadline, "pictures did not load"
        page.wait_for_timeout(100)
    assert img.evaluate("i => i.getBoundingClientRect().width") > 100  # not the page's 4px
    # The conversation is kept in the clinic's tab, as on the bot's own page.
    assert page.evaluate("JSON.parse(sessionStorage.getItem('mxi.session'))")
    page.wait_for_timeout(700)  # the rest of the turn, and the scrolling after it
    axe_audit(page, "axe-report.txt")
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / "embedded.png"), full_page=True)


@e2e
def test_on_a_phone_the_notices_and_the_message_box_fit_on_the_screen(browser, bot):
    context = browser.new_context(**PHONE)
    page = open_site(context, bot.clinic.origin + "/")
    wait_for_bot(page, "how the study was done")
    chat = page.locator("#myeloma-chat")
    chat.scroll_into_view_if_needed()
    for part in (".title", ".notice", "#message", "#send", ".about summary"):
        assert in_viewport(chat.locator(part), page), part
    chat.locator(".about summary").click()  # "About this tool", from the bot's page footer
    assert "No drug company paid for it" in chat.locator(".about").inner_text()
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / "phone.png"))
    context.close()


@e2e
def test_a_reload_keeps_it_and_a_new_conversation_starts_in_place(context, bot):
    page = open_site(context, bot.clinic.origin + "/")
    wait_for_bot(page, "how the study was done")
    say(page, "I'm 58 and had a stem cell transplant")
    wait_for_bot(page, "You are under 65")
    wait_for_bot(page, "I can't decide for you")
    bubbles = page.locator("#myeloma-chat .msg")
    texts = bubbles.all_inner_texts()
    session = page.evaluate("sessionStorage.getItem('mxi.session')")
    page.reload()
    bubbles.nth(len(texts) - 1).wait_for(timeout=REPLY_TIMEOUT_MS)
    page.wait_for_timeout(1000)  # nothing new may arrive: no second greeting
    assert bubbles.all_inner_texts() == texts
    say(page, "what does this mean for me?")
    wait_for_bot(page, "You are under 65", nth=1)  # the same session: no questions asked

    page.evaluate("window.stillThisPage = true")
    page.locator("#myeloma-chat #restart").click()
    wait_for_bot(page, "how the study was done")
    assert page.evaluate("window.stillThisPage === true")  # the clinic's page was not reloaded
    assert "You are under 65" not in " ".join(bubbles.all_inner_texts())
    assert page.evaluate("sessionStorage.getItem('mxi.session')") not in (session, None)


@e2e
def test_a_website_not_in_the_list_gets_no_conversation(context, bot):
    page = open_site(context, bot.other.origin + "/")
    status = page.locator("#myeloma-chat #status")
    status.filter(has_text="Cannot reach the explainer").wait_for(timeout=REPLY_TIMEOUT_MS)
    page.wait_for_timeout(2000)
    assert page.locator("#myeloma-chat .msg").count() == 0
    assert page.locator("#myeloma-chat .notice").is_visible()  # the frame, with its notice
    assert any("blocked by CORS policy" in line for line in page.console), page.console
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / "not-allowed.png"), full_page=True)
    # What the browser met: socket.io says 403, without CORS headers, to that
    # website; the listed one gets its origin back, and so does a REST preflight.
    handshake = bot.rasa + "/socket.io/?EIO=4&transport=polling"
    refused = requests.get(handshake, headers={"Origin": bot.other.origin}, timeout=10)
    assert refused.status_code == 403 and "Access-Control-Allow-Origin" not in refused.headers
    allowed = requests.get(handshake, headers={"Origin": bot.clinic.origin}, timeout=10)
    assert allowed.status_code == 200
    assert allowed.headers["Access-Control-Allow-Origin"] == bot.clinic.origin
    for origin, expected in ((bot.other.origin, None), (bot.clinic.origin, bot.clinic.origin)):
        preflight = requests.options(bot.rasa + "/webhooks/rest/webhook", timeout=10, headers={
            "Origin": origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
        assert preflight.headers.get("Access-Control-Allow-Origin") == expected


@e2e
def test_the_bots_own_page_still_works(context, bot):
    for address in (bot.web, bot.web.replace("localhost", "127.0.0.1")):
        page = open_site(context, address + "/")
        bot_bubbles = page.locator("#log .msg.bot")
        bot_bubbles.filter(has_text="how the study was done").wait_for(timeout=REPLY_TIMEOUT_MS)
        greeting = bot_bubbles.count()
        page.locator("#message").fill("what does open-label mean?")
        page.keyboard.press("Enter")
        bot_bubbles.nth(greeting).wait_for(timeout=REPLY_TIMEOUT_MS)
        assert "open-label" in bot_bubbles.nth(greeting).inner_text().lower()
        page.close()


@pytest.fixture(scope="module")
def webchat_bundle(tmp_path_factory) -> Path:
    """rasa-webchat 1.0.1's self-contained browser bundle: from web/node_modules
    if it is installed there, else that one package from the npm registry
    (``npm pack``: the tarball alone, none of its dependencies, no scripts)."""
    if WEBCHAT.exists():
        return WEBCHAT
    work = tmp_path_factory.mktemp("rasa-webchat")
    subprocess.run(["npm", "pack", "rasa-webchat@1.0.1", "--silent"], cwd=work, check=True,
                   capture_output=True, timeout=300)
    with tarfile.open(work / "rasa-webchat-1.0.1.tgz") as tar:
        tar.extract("package/lib/index.js", work, filter="data")
    return work / "package" / "lib" / "index.js"


@e2e
def test_rasa_webchat_on_the_clinic_website(context, bot, webchat_bundle):
    """Its socket.io-client v3 starts on polling and, offered no upgrade, stays there."""
    bot.clinic.pages["/webchat.js"] = webchat_bundle.read_bytes()
    bot.clinic.pages["/webchat-start.js"] = (
        'WebChat.default({selector: "#webchat", initPayload: "/greet", socketUrl: "%s", '
        'socketPath: "/socket.io/", title: "Trial explainer", params: {storage: "session"}}, '
        'null);' % bot.rasa).encode()
    page = open_site(context, bot.clinic.origin + "/webchat.html")
    page.locator(".rw-launcher").click()
    messages = page.locator(".rw-messages-container")
    messages.get_by_text("automated tool", exact=False).first.wait_for(timeout=REPLY_TIMEOUT_MS)
    box = page.get_by_placeholder("Type a message...")
    box.fill("my husband is 70 and had no transplant")
    box.press("Enter")
    messages.get_by_text("Your husband is 65 or over", exact=False).wait_for(
        timeout=REPLY_TIMEOUT_MS)
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / "rasa-webchat.png"))


@e2e
@pytest.mark.parametrize("value", ["*", "https://www.clinic.example/chat", "clinic.example"])
def test_run_refuses_what_is_not_an_origin_before_starting_anything(value):
    env = {**os.environ, "ALLOWED_ORIGINS": value, "WEB_PORT": str(free_port())}
    done = subprocess.run(["bash", "launchers/run.sh"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2, done
    assert f"run: ALLOWED_ORIGINS: {value!r}" in done.stderr
    assert "starting" not in done.stdout
