"""web/serve.py: the web page's static server, without Rasa."""
import threading
import urllib.request

import pytest


@pytest.fixture(scope="module")
def web():
    from http.server import ThreadingHTTPServer

    from web.serve import make_handler

    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler("http://127.0.0.1:5005"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def test_web_page_has_a_strict_content_security_policy(web):
    status, headers, body = _get(web + "/")
    assert status == 200 and b'role="log"' in body
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "connect-src 'self' http://127.0.0.1:5005 ws://127.0.0.1:5005" in csp


def test_web_page_footer_says_who_made_the_tool_and_how_fresh_it_is(web):
    from bot.facts import facts

    body = _get(web + "/")[2].decode()
    footer = body[body.index("<footer"):body.index("</footer>")]
    checked = facts().tool.content_checked
    assert f"{checked.day} {checked:%B} {checked.year}" in footer
    assert "No drug company paid for it" in footer and "December 2018" in footer
    assert "about-this-tool" not in body


@pytest.mark.parametrize("path, status", [
    ("/static/chat.js", 200), ("/vendor/socket.io.min.js", 200), ("/pictures/spm.png", 200),
    ("/static/../serve.py", 404), ("/static/%2e%2e/serve.py", 404), ("/pictures/qol.png", 404),
    ("/vendor/../../bot/data/facts.yml", 404), ("/nothing", 404),
])
def test_web_serves_only_what_it_should(web, path, status):
    assert _get(web + path)[0] == status
