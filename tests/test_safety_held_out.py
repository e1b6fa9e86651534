"""The held-out safety set (tests/data/safety_stories_held_out.yml): 170
messages a second helper wrote, in styles unlike the development examples,
without seeing the rules. Scored by its counts only, never item by item, so
it stays a fair measure; floors sit just below the counts measured (README,
Understanding). A red flag or distress counts as caught when the reply puts
help first (a crisis reading also does); a crisis only when read as a crisis."""
from pathlib import Path

import yaml

from bot.safety import findings

HELD_OUT = Path(__file__).parent / "data" / "safety_stories_held_out.yml"
# Caught of red_flag 95, crisis 10, distress 35; false alarms of none 30.
FLOORS = {"red_flag": 80, "crisis": 4, "distress": 26}
MAX_FALSE_ALARMS = 5


def _counts():
    caught = {name: 0 for name in FLOORS}
    false_alarms = 0
    for item in yaml.safe_load(HELD_OUT.read_text(encoding="utf-8"))["items"]:
        raised = {f.alarm.value for f in findings(item["text"])}
        if item["expect"] == "none":
            false_alarms += bool(raised)
        elif item["expect"] == "crisis":
            caught["crisis"] += "crisis" in raised
        else:
            caught[item["expect"]] += bool(raised)
    return caught, false_alarms


def test_the_held_out_safety_set_by_its_counts():
    caught, false_alarms = _counts()
    print(f"held-out safety set: caught {caught}, false alarms {false_alarms} of 30")
    assert all(caught[name] >= floor for name, floor in FLOORS.items()), caught
    assert false_alarms <= MAX_FALSE_ALARMS


def test_real_posts_with_a_red_flag_or_distress_get_help():
    """tests/data/safety_real_posts.yml: 80 real posts (an open learning set)
    with a red flag or distress; 45 got help first before its words were
    learned from, 67 after. The target is all of them."""
    items = yaml.safe_load((HELD_OUT.parent / "safety_real_posts.yml").read_text(
        encoding="utf-8"))["items"]
    helped = sum(bool(findings(item["text"])) for item in items)
    print(f"real posts: {helped} of {len(items)} get help first")
    assert helped >= 67
