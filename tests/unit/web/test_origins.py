"""web/origins.py: the websites allowed to talk to the bot, checked and tidied."""
from __future__ import annotations

import pytest

from web.origins import BadOrigins, from_env, parse


def test_origins_are_tidied_as_browsers_send_them():
    assert parse("HTTPS://WWW.Clinic.Example:443/, http://localhost:8080\n"
                 "http://localhost:8080 https://[::1]:8443") == [
        "https://www.clinic.example", "http://localhost:8080", "https://[::1]:8443"]
    assert parse("http://127.0.0.1:80") == ["http://127.0.0.1"]


@pytest.mark.parametrize("value, words", [
    ("*", "any website"), (" , ", "no origin"), ("www.clinic.example", "must start with"),
    ("ftp://clinic.example", "must start with"), ("https://clinic.example/chat", "no path"),
    ("https://*.clinic.example", "no wildcard"), ("https://clinic.example?x=1", "no path"),
    ("https://user@clinic.example", "scheme://host"), ("https://clinic.example:99999", "port"),
    ("https://clinic.example:0", "scheme://host"), ("null", "must start with"),
])
def test_what_is_not_an_origin_is_refused_saying_why(value, words):
    with pytest.raises(BadOrigins, match=words):
        parse(value)


def test_unset_means_no_check_and_set_means_checked():
    assert from_env({}) is None
    assert from_env({"ALLOWED_ORIGINS": "https://a.example https://b.example"}) == [
        "https://a.example", "https://b.example"]
    with pytest.raises(BadOrigins):
        from_env({"ALLOWED_ORIGINS": ""})
