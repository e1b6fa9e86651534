"""actions/slack_blocks.py: answers as Slack blocks, within Block Kit's limits."""
from actions.slack_blocks import MAX_BLOCKS, answer_blocks
from bot import answers
from bot.profile import AgeGroup, Transplant


def _slack(parts):
    return [p if isinstance(p, str) else (f"https://x.test/{p.finding_id}.png", p)
            for p in parts]


def test_tailored_answer_fits_slack_block_kit_limits():
    parts = answers.tailored_parts(AgeGroup.NOT_GIVEN, Transplant.NOT_SURE)
    out = answer_blocks(_slack(parts), answers.TAILORED_TITLE,
                        [{"title": t, "payload": p} for t, p in answers.FOLLOW_UPS])
    kinds = [b["type"] for b in out["blocks"]]
    assert kinds == ["header", "section", "section", "section", "section", "actions"]
    assert [e["value"] for e in out["blocks"][-1]["elements"]] == [
        p for _, p in answers.FOLLOW_UPS]
    assert all(len(b["text"]["text"]) <= 3000 for b in out["blocks"] if b["type"] == "section")
    assert out["text"].count("in 100") >= 6


def test_pictures_answer_in_slack_keeps_each_picture_by_its_words():
    out = answer_blocks(_slack(answers.pictures(AgeGroup.UNDER_65, Transplant.HAD)))
    kinds = [b["type"] for b in out["blocks"]]
    assert kinds.count("image") == 4 and len(out["blocks"]) <= MAX_BLOCKS
    for i, kind in enumerate(kinds):
        if kind == "image":
            assert kinds[i - 1] == "section"


def test_slack_text_is_escaped():
    out = answer_blocks(["a < b & c > d <@U123>"])
    assert out["blocks"][0]["text"]["text"] == "a &lt; b &amp; c &gt; d &lt;@U123&gt;"
