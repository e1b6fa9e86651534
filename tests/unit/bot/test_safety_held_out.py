"""The held-out safety set (tests/data/safety_stories_held_out.yml): 170
messages a second helper wrote, in styles unlike the development examples,
without seeing the rules. Scored by its counts only, never item by item, so
it stays a fair measure; floors sit just below the counts measured
(docs/understanding.md). A red flag or distress counts as caught when the reply puts
help first (a crisis reading also does); a crisis only when read as a crisis."""
from pathlib import Path

import pytest
import yaml

from bot.safety import findings

HELD_OUT = Path(__file__).resolve().parents[2] / "data" / "safety_stories_held_out.yml"
# Caught of red_flag 95, crisis 10, distress 35; false alarms of none 30.
FLOORS = {"red_flag": 82, "crisis": 4, "distress": 30}
MAX_FALSE_ALARMS = 4
# Real posts from pages not used before, each split by source: part held is
# never trained on; part learn had its sentences labelled and learned from.
# safety_real_posts_2.yml: myeloma; safety_real_posts_3.yml: other cancers.
# Floors per part: red flags and distress (or crisis) caught; posts with no
# alarm that raised one ("false").
REAL_POSTS_FLOORS = {
    "safety_real_posts_2.yml": {"held": {"red_flag": 21, "distress": 29, "false": 4},
                                "learn": {"red_flag": 26, "distress": 31, "false": 5}},
    "safety_real_posts_3.yml": {"held": {"red_flag": 44, "distress": 64, "false": 0},
                                "learn": {"red_flag": 58, "distress": 65, "false": 0}},
    # An open learning set (7 December): its misses were read and learned from.
    "safety_real_posts_4.yml": {"learn": {"red_flag": 53, "distress": 45, "false": 17}},
    # Split by source before scoring; the held half measured 17 of 20 red flags, 17 of
    # 20 distress or crisis and 9 of 14 false alarms with the rules of that day (7 December).
    "safety_real_posts_5.yml": {"held": {"red_flag": 17, "distress": 17, "false": 9},
                                "learn": {"red_flag": 18, "distress": 19, "false": 6}},
    # Split by source before scoring (7 December, second session). Before any rule was written
    # from its learning half: held 30 of 39 red flags, 20 of 29 distress or crisis, 3 of 12
    # false alarms; learn 12 of 21, 16 of 25 and 8 of 24. The new rules moved learn only.
    "safety_real_posts_6.yml": {"held": {"red_flag": 30, "distress": 20, "false": 3},
                                "learn": {"red_flag": 18, "distress": 24, "false": 7}},
}


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
    learned from, 67 after, 76 once its sentences, labelled one by one, also
    trained the backstop. The target is all of them."""
    items = yaml.safe_load((HELD_OUT.parent / "safety_real_posts.yml").read_text(
        encoding="utf-8"))["items"]
    helped = sum(bool(findings(item["text"])) for item in items)
    print(f"real posts: {helped} of {len(items)} get help first")
    assert helped >= 76


@pytest.mark.parametrize("name", sorted(REAL_POSTS_FLOORS))
def test_real_posts_from_new_pages_by_their_counts(name):
    """Measured on the held part before any of these posts was learned from:
    safety_real_posts_2, red flags 20 of 27, distress or crisis 18 of 34, 6
    false alarms of 57; safety_real_posts_3, red flags 39 of 59, distress or
    crisis 63 of 76."""
    items = yaml.safe_load((HELD_OUT.parent / name).read_text(encoding="utf-8"))["items"]
    for part, floors in REAL_POSTS_FLOORS[name].items():
        counts = {"red_flag": 0, "distress": 0, "false": 0}
        totals = dict(counts)
        for item in items:
            if item["part"] != part:
                continue
            raised = {f.alarm.value for f in findings(item["text"])}
            kind = {"crisis": "distress", "none": "false"}.get(item["expect"], item["expect"])
            totals[kind] += 1
            if kind == "red_flag":
                counts[kind] += "red_flag" in raised
            elif kind == "distress":
                counts[kind] += bool(raised & {"distress", "crisis"})
            else:
                counts[kind] += bool(raised)
        print(f"{name}, {part}: {counts} of {totals}")
        assert counts["red_flag"] >= floors["red_flag"], counts
        assert counts["distress"] >= floors["distress"], counts
        assert counts["false"] <= floors["false"], counts
