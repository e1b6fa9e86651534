"""bot.summary and bot.summary_store: the printable page and its expiring link."""
import datetime as dt
import re
import stat

import pytest

from bot import decision
from bot.facts import Direction, facts
from bot.lines import finding_line
from bot.profile import AgeGroup, Transplant
from bot.summary import (EXPIRED_LINES, SummaryRecord, as_html, as_messages, made_on_line,
                         message_page, sections)
from bot.summary_store import TOKEN, Found, SummaryStore, default_store
from devtools.message_catalogue import sample_records
from tests.unit.bot.test_content import stray_numbers

TODAY = dt.date(2026, 12, 1)


def _record(**kw) -> SummaryRecord:
    return SummaryRecord(made_on=TODAY, **kw)


def _page_text(record: SummaryRecord) -> str:
    return " ".join(str(line) for s in sections(record) for line in s.lines)


@pytest.mark.parametrize("name", list(sample_records()))
def test_every_number_on_the_page_comes_from_the_facts(name):
    record = sample_records()[name]
    for section in sections(record):
        for line in section.lines:
            if getattr(line, "sources", None):
                assert not stray_numbers(line), (section.heading, line)
            elif section.heading != decision.own_questions_heading():
                # plain words carry no figure; only the person's own questions may
                assert not re.search(r"\d", str(line)), (section.heading, line)


@pytest.mark.parametrize("name", list(sample_records()))
def test_benefits_and_every_harm_are_on_the_same_page(name):
    text = _page_text(sample_records()[name])
    assert "39 months" in text and "20 months" in text
    for harm in facts().harms():
        assert finding_line(harm) in text, harm.id
    benefit_sources = {p.split(".")[0] for s in sections(sample_records()[name])
                       for line in s.lines for p in getattr(line, "sources", ())}
    directions = {facts().finding(i).direction for i in benefit_sources
                  if i in {f.id for f in facts().findings}}
    assert {Direction.BENEFIT, Direction.HARM} <= directions


@pytest.mark.parametrize("transplant, must, must_not", [
    (Transplant.HAD, ["88 in 100", "80 in 100"], ["68 in 100"]),
    (Transplant.COULD_NOT, ["68 in 100", "did not help"], ["88 in 100"]),
    (Transplant.NOT_SURE, ["88 in 100", "68 in 100"], []),
])
def test_findings_follow_the_transplant_history(transplant, must, must_not):
    text = _page_text(_record(age_group=AgeGroup.AGE_65_OR_OVER, transplant=transplant))
    for phrase in must:
        assert phrase in text
    for phrase in must_not:
        assert phrase not in text


def test_the_page_holds_their_choices_and_only_those():
    record = _record(age_group=AgeGroup.UNDER_65, transplant=Transplant.HAD, lean="not_take",
                     decide_how="doctor", sure={"sure_certain": "yes", "sure_support": "no"},
                     priorities=["pregnancy", "made_up"], questions=["Can I fly to Spain?"])
    text = _page_text(record)
    assert "leaning towards no maintenance" in text and "leaving it to the doctor" in text
    assert "not every question was answered, so there is no score" in text
    assert "Do you feel sure about the best choice for you? Yes." in text
    assert "Are you clear about which benefits and risks matter most to you? Not answered." \
        in text
    assert "The pregnancy rules" in text and "made_up" not in text
    assert "Can I fly to Spain?" in text
    assert "Not talked about yet" in _page_text(_record())
    full = _page_text(_record(sure=dict(zip(decision.SURE_IDS, ["yes", "no", "unsure", "no"],
                                            strict=True))))
    assert "yes to one of the four" in full and "Not sure." in full


def test_a_carers_sure_answers_are_marked_as_theirs():
    text = _page_text(_record(cared_for="dad", sure={s: "yes" for s in decision.SURE_IDS}))
    assert "The person helping answered these" in text and "best choice for him" in text


def test_a_carers_page_never_holds_a_name():
    assert _record(cared_for="Margaret").cared_for == "them"
    assert _record(cared_for="dad").cared_for == "dad"
    text = _page_text(_record(cared_for="wife", transplant=Transplant.HAD))
    assert "Your wife" in text and "best choice for her" not in text  # SURE not done


def test_the_html_page_escapes_what_they_typed_and_prints_with_a_button():
    page = as_html(_record(questions=["<script>alert(1)</script> is it safe?"]))
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'id="print"' in page and "/static/summary.js" in page and "noindex" in page
    assert made_on_line(_record()) in page and "1 December 2026" in page
    assert facts().study.citation.split(".")[0] in page
    plain = message_page("This summary has expired", EXPIRED_LINES)
    assert "expired" in plain and "print" not in plain


def test_text_version_for_slack_and_the_shell():
    messages = as_messages(sample_records()["carer:dad"])
    assert messages[0].startswith("My summary") and len(messages) == len(
        sections(sample_records()["carer:dad"])) + 1
    assert any("- The pregnancy rules" in m for m in messages)


# --------------------------------------------------------------------------
# The store: unguessable tokens that expire, nothing shared between people
# --------------------------------------------------------------------------
def test_saved_summaries_load_by_their_own_token_only(tmp_path):
    store = SummaryStore(tmp_path / "s.db", ttl_hours=1)
    mine = store.save(_record(questions=["mine?"]), now=1000.0)
    theirs = store.save(_record(questions=["theirs?"]), now=1000.0)
    assert mine != theirs and TOKEN.match(mine) and len(mine) >= 43
    found, record = store.load(mine, now=1001.0)
    assert found is Found.OK and record.questions == ["mine?"]
    assert store.load(theirs, now=1001.0)[1].questions == ["theirs?"]
    assert store.load(mine[:-1] + ("A" if mine[-1] != "A" else "B"), now=1001.0)[0] \
        is Found.UNKNOWN
    for bad in ("", "../etc/passwd", "x" * 500, "' OR 1=1 --"):
        assert store.load(bad)[0] is Found.UNKNOWN


def test_an_expired_summary_is_deleted_and_says_expired(tmp_path):
    store = SummaryStore(tmp_path / "s.db", ttl_hours=1)
    token = store.save(_record(questions=["private?"]), now=1000.0)
    assert store.load(token, now=1000.0 + 3601)[0] is Found.EXPIRED
    assert b"private?" not in (tmp_path / "s.db").read_bytes()
    assert store.load(token, now=1000.0 + 40 * 24 * 3600)[0] is Found.UNKNOWN


def test_the_store_file_is_readable_by_its_owner_only(tmp_path):
    store = SummaryStore(tmp_path / "deep" / "s.db")
    store.save(_record())
    assert stat.S_IMODE((tmp_path / "deep" / "s.db").stat().st_mode) == 0o600


def test_store_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SUMMARY_DB", str(tmp_path / "x.db"))
    monkeypatch.setenv("SUMMARY_TTL_HOURS", "2")
    store = default_store()
    assert store.path == tmp_path / "x.db" and store.ttl_seconds == 7200
    monkeypatch.setenv("SUMMARY_TTL_HOURS", "soon")
    assert default_store().ttl_seconds == 72 * 3600
