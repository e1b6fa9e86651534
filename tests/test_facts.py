"""The facts module matches ../shared/FACTS.md and refuses a bad file."""
from pathlib import Path

import pytest
import yaml

from bot.facts import Confidence, FactsError, Population, facts, load_facts
from bot.facts import FACTS_FILE


def test_loads_and_every_finding_fills_its_wording():
    data = facts()
    for f in data.findings:
        assert "{" not in f.text(), f.id


@pytest.mark.parametrize("fid, len_arm, obs_arm, population, confidence", [
    ("pfs", 39, 20, Population.EVERYONE, Confidence.PAPER),
    ("os_tx", 88, 80, Population.TRANSPLANT, Confidence.LAY),
    ("os_all", 78.6, 75.8, Population.EVERYONE, Confidence.PAPER),
    ("pfs2", 25, 39, Population.EVERYONE, Confidence.LAY_ONLY),
    ("spm", 5, 3, Population.EVERYONE, Confidence.LAY_ONLY),
])
def test_two_arm_figures_match_facts_md(fid, len_arm, obs_arm, population, confidence):
    f = facts().finding(fid)
    assert (f.lenalidomide, f.observation) == (len_arm, obs_arm)
    assert f.population is population
    assert f.confidence is confidence


def test_single_figures_and_study_details_match_facts_md():
    data = facts()
    assert data.finding("os_no_tx").group_value == 68
    assert data.finding("os_no_tx").population is Population.NO_TRANSPLANT
    assert data.finding("stopped").group_value == 15
    assert data.finding("pfs").hazard_ratio == 0.46
    assert data.finding("os_all").p_value == 0.15
    assert data.finding("os_tx").paper_lenalidomide == 87.5
    s = data.study
    assert (s.randomised_lenalidomide, s.randomised_observation, s.randomised_total) == (
        1137, 834, 1971)
    assert s.median_followup_months == 31 and s.hospitals == 110
    assert s.published_online.isoformat() == "2018-12-13" and s.pmid == 30559051
    assert data.thresholds.age_cut_off == 65
    assert data.safety.fever_celsius == 38
    assert [n.number for n in data.safety.emergency_numbers] == ["999", "911", "112"]
    assert [n.number for n in data.safety.crisis_lines] == ["116 123", "988"]


def test_caveats_that_go_with_every_benefit():
    assert [f.id for f in facts().caveats()] == ["spm", "stopped", "os_all", "open_label", "qol"]


def _broken(tmp_path: Path, mutate) -> Path:
    raw = yaml.safe_load(FACTS_FILE.read_text())
    mutate(raw)
    path = tmp_path / "facts.yml"
    path.write_text(yaml.safe_dump(raw))
    return path


def _finding(raw, fid):
    return next(f for f in raw["findings"] if f["id"] == fid)


@pytest.mark.parametrize("mutate, message", [
    (lambda r: _finding(r, "pfs").pop("observation"), "needs both arms"),
    (lambda r: _finding(r, "spm").update(lenalidomide=105), "not a share of 100"),
    (lambda r: _finding(r, "stopped").pop("group_value"), "needs group_value"),
    (lambda r: _finding(r, "qol").update(lenalidomide=3), "carries no figures"),
    (lambda r: _finding(r, "os_tx").update(wording="about {median} in 100"), "no median"),
    (lambda r: _finding(r, "os_tx").update(population="teenagers"), "population"),
    (lambda r: _finding(r, "os_tx").update(confidence="pretty sure"), "confidence"),
    (lambda r: _finding(r, "os_tx").update(typo_field=1), "extra fields"),
    (lambda r: r["findings"].append(dict(_finding(r, "pfs"))), "duplicate finding ids"),
    (lambda r: r["study"].update(randomised_total=2000), "arms add up to 1971"),
    (lambda r: r.update(always_with_benefit=["spm", "nausea"]), "unknown findings"),
    (lambda r: r.pop("safety"), "safety"),
])
def test_malformed_file_fails_loudly_at_load(tmp_path, mutate, message):
    with pytest.raises(FactsError) as err:
        load_facts(_broken(tmp_path, mutate))
    assert message in str(err.value)
    assert "facts file" in str(err.value)


def test_unreadable_or_non_mapping_file(tmp_path):
    bad = tmp_path / "facts.yml"
    bad.write_text("findings: [unclosed")
    with pytest.raises(FactsError, match="cannot read"):
        load_facts(bad)
    bad.write_text("- just a list")
    with pytest.raises(FactsError, match="mapping"):
        load_facts(bad)
    with pytest.raises(FactsError, match="cannot read"):
        load_facts(tmp_path / "missing.yml")


def test_sayable_numbers_hold_rounded_figures_only_from_the_file():
    nums = facts().sayable_numbers()
    assert {"39", "20", "88", "80", "79", "76", "25", "5", "3", "15", "68", "1971"} <= nums
    assert "42" not in nums and "50" not in nums
