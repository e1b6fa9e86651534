"""channels.contract: what a chat request must look like, checked without Rasa."""
import json

import pytest

from channels import contract
from channels.contract import RateLimiter, Refused, check_rest_request, clean_text

JSON = "application/json"


def body(**kw) -> bytes:
    return json.dumps(kw).encode()


@pytest.mark.parametrize("raw, ctype, status, error", [
    (body(message="hi"), JSON, 400, "sender_missing"),
    (body(sender="", message="hi"), JSON, 400, "sender_invalid"),
    (body(sender="a b", message="hi"), JSON, 400, "sender_invalid"),
    (body(sender="x" * 65, message="hi"), JSON, 400, "sender_invalid"),
    (body(sender=7, message="hi"), JSON, 400, "sender_invalid"),
    (body(sender="p1"), JSON, 400, "message_missing"),
    (body(sender="p1", message=None), JSON, 400, "message_missing"),
    (body(sender="p1", message=5), JSON, 400, "message_not_text"),
    (body(sender="p1", message=["hi"]), JSON, 400, "message_not_text"),
    (b"[1, 2]", JSON, 400, "not_an_object"),
    (b"{not json", JSON, 400, "bad_json"),
    (b'{"sender": "p1", "message": "\xff"}', JSON, 400, "not_utf8"),
    (body(sender="p1", message="hi"), "text/plain", 415, "not_json"),
    (body(sender="p1", message="hi"), None, 415, "not_json"),
    (body(sender="p1", message="x" * 20_000), JSON, 413, "body_too_large"),
])
def test_malformed_requests_are_refused_with_what_is_wrong(raw, ctype, status, error):
    with pytest.raises(Refused) as refused:
        check_rest_request(raw, ctype)
    assert (refused.value.status, refused.value.error) == (status, error)
    assert refused.value.detail


def test_an_empty_message_is_not_refused_but_has_nothing_to_read():
    for empty in (" \n\t ", "\x00\x01", ""):
        assert check_rest_request(body(sender="p1", message=empty), JSON).text == ""


def test_a_good_request_and_a_declared_oversize_body():
    ok = check_rest_request(body(sender="web-1a2b:3", message="what is myeloma"),
                            "application/json; charset=utf-8")
    assert (ok.sender, ok.text, ok.was_cut) == ("web-1a2b:3", "what is myeloma", False)
    with pytest.raises(Refused) as refused:
        check_rest_request(b"{}", JSON, content_length=10_000_000)
    assert refused.value.status == 413


def test_long_messages_are_cut_at_a_word_and_control_characters_dropped(monkeypatch):
    monkeypatch.setenv("CHAT_MAX_MESSAGE_CHARS", "20")
    text, cut = clean_text("what is the risk of a new cancer on len")
    assert cut and text == "what is the risk of" and len(text) <= 20
    assert clean_text("hi\x00 there\x1b")[0] == "hi there"
    assert clean_text("cafe\u0301")[0] == "caf\u00e9"  # one form of each letter
    hello = "\u05e9\u05dc\u05d5\u05dd \U0001f600"  # right-to-left text and emoji kept
    assert clean_text(hello)[0] == hello


def test_rate_limit_per_sender_with_retry_after():
    limiter = RateLimiter(per_minute=3)
    assert [limiter.allow("a", now=t)[0] for t in (0, 1, 2)] == [True] * 3
    assert limiter.allow("a", now=3) == (False, 57)
    assert limiter.allow("b", now=3) == (True, 0)  # one sender does not slow another
    assert limiter.allow("a", now=61)[0] is True  # the window moves on


def test_rate_limiter_memory_is_bounded():
    limiter = RateLimiter(per_minute=1, max_keys=100)
    for i in range(1_000):
        limiter.allow(f"s{i}", now=0)
    assert len(limiter._seen) == 100


def test_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("CHAT_MAX_BODY_BYTES", "100")
    monkeypatch.setenv("CHAT_MAX_PER_MINUTE", "nonsense")
    assert contract.max_body_bytes() == 100 and contract.max_per_minute() == 30
