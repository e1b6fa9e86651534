"""The facts module matches docs/evidence.md and refuses a bad file."""
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from bot.facts import Confidence, FactsError, Population, facts, load_facts
from bot.facts import FACTS_FILE
from devtools.message_catalogue import sayable_numbers


def test_loads_and_every_finding_fills_its_wording():
    data = facts()
    for f in data.findings:
        assert "{" not in f.text(), f.id


# Every figure-bearing field of the facts file, as docs/evidence.md gives it.
# A new figure must be added here too, checked against docs/evidence.md.
PINNED = {
    "study.published_online": "2018-12-13", "study.journal_year": 2019,
    "study.pmid": 30559051, "study.lay_summary_year": 2018,
    "study.recruitment_start_year": 2011, "study.recruitment_end_year": 2017,
    "study.hospitals": 110, "study.randomised_lenalidomide": 1137,
    "study.randomised_observation": 834, "study.randomised_total": 1971,
    "study.median_followup_months": 31, "study.max_followup_years": 6,
    "study.treatment_cycle_days": 28, "study.treatment_days_per_cycle": 21, "study.dose_mg": 10,
    "study.transplant_pathway_median_age": 61, "study.no_transplant_pathway_median_age": 74,
    "pfs.lenalidomide": 39, "pfs.observation": 20, "pfs.hazard_ratio": 0.46,
    "pfs2.lenalidomide": 25, "pfs2.observation": 39,
    "os_tx.lenalidomide": 88, "os_tx.observation": 80, "os_tx.paper_lenalidomide": 87.5,
    "os_tx.paper_observation": 80.2, "os_tx.hazard_ratio": 0.69, "os_tx.years": 3,
    "os_no_tx.group_value": 68, "os_no_tx.years": 3,
    "os_all.lenalidomide": 78.6, "os_all.observation": 75.8, "os_all.p_value": 0.15,
    "os_all.years": 3,
    "spm.lenalidomide": 5, "spm.observation": 3, "spm.years": 3,
    "stopped.group_value": 15,
    "safety.fever_celsius": 38, "safety.hospital_line_hours": 24,
    "safety.emergency_numbers.0.number": "999", "safety.emergency_numbers.1.number": "911",
    "safety.emergency_numbers.2.number": "112",
    "safety.crisis_lines.0.number": "116 123", "safety.crisis_lines.1.number": "988",
    "thresholds.age_cut_off": 65, "thresholds.per": 100,
    "thresholds.youngest_adult_age": 18, "thresholds.oldest_plausible_age": 110,
    "context.nice_guidance": "TA680", "context.nice_year": 2021,
    "tool.content_checked": "2026-12-06", "tool.review_every_months": 12,
    # Not in docs/evidence.md: support lines, each pinned to the page named in its source.
    "support_lines.0.number": "0800 980 3332", "support_lines.0.checked": "2026-12-01",
    "support_lines.0.hours": "Monday to Friday, 9am to 5pm",
    "support_lines.1.number": "1800 937 773", "support_lines.1.checked": "2026-12-01",
    "support_lines.1.hours": "Monday to Friday, 9am to 5pm",
    "support_lines.2.number": "0808 808 00 00", "support_lines.2.checked": "2026-12-06",
    # docs/evidence.md, "Since the paper": each later report with its figures and year.
    "sources.paper.year": 2018, "sources.lay_summary.year": 2018,
    "sources.product_information.year": 2018, "sources.nice_guidance.year": 2021,
    "sources.pooled_trials.year": 2017, "sources.duration_report.year": 2022,
    "sources.mrd_report.year": 2022,
    "nice.reported": 2021,
    "meta_os.observation": 86, "meta_os.hazard_ratio": 0.75, "meta_os.people": 1208,
    "meta_os.reported": 2017,
    "meta_spm_blood.lenalidomide": 5.3, "meta_spm_blood.observation": 0.8,
    "meta_spm_blood.reported": 2017,
    "meta_spm_solid.lenalidomide": 5.8, "meta_spm_solid.observation": 2.0,
    "meta_spm_solid.reported": 2017,
    "duration.years": 4, "duration.reported": 2022,
    "mrd.lenalidomide": 30, "mrd.observation": 17, "mrd.reported": 2022,
}
# Free text whose digits are checked separately (wordings) or never said (citation).
_WORDS = {"wording", "brief", "citation", "title", "time_frame"}


def _figure_paths(value: object, path: str) -> dict:
    """Every field under ``value`` holding a number, a date or a string with digits."""
    if isinstance(value, BaseModel):
        value = {k: getattr(value, k) for k in value.__fields__}
    if isinstance(value, dict):
        out: dict = {}
        for key, v in value.items():
            if key not in _WORDS:
                out.update(_figure_paths(v, f"{path}.{key}" if path else key))
        return out
    if isinstance(value, list):
        out = {}
        for i, v in enumerate(value):
            out.update(_figure_paths(v, f"{path}.{i}"))
        return out
    if isinstance(value, bool) or value is None:
        return {}
    if isinstance(value, dt.date):
        return {path: value.isoformat()}
    if isinstance(value, (int, float)) or re.search(r"\d", str(value)):
        return {path: value}
    return {}


def test_every_figure_in_the_facts_file_is_pinned_to_facts_md():
    data = facts()
    found = _figure_paths({k: getattr(data, k) for k in ("study", "safety", "thresholds",
                                                         "context", "tool", "support_lines",
                                                         "sources")}, "")
    for f in data.findings:
        found.update(_figure_paths({k: v for k, v in f.dict().items() if k != "id"}, f.id))
    assert found == PINNED


def test_every_pinned_path_resolves_to_its_value():
    for path, value in PINNED.items():
        got = facts().resolve(path)
        assert (got.isoformat() if isinstance(got, dt.date) else got) == value, path


@pytest.mark.parametrize("fid, population, confidence", [
    ("pfs", Population.EVERYONE, Confidence.PAPER),
    ("os_tx", Population.TRANSPLANT, Confidence.LAY),
    ("os_no_tx", Population.NO_TRANSPLANT, Confidence.LAY_ONLY),
    ("os_all", Population.EVERYONE, Confidence.PAPER),
    ("pfs2", Population.EVERYONE, Confidence.LAY_ONLY),
    ("spm", Population.EVERYONE, Confidence.LAY_ONLY),
    ("stopped", Population.EVERYONE, Confidence.LAY_ONLY),
    ("os_age", Population.EVERYONE, Confidence.LAY_ONLY),
])
def test_populations_and_confidence_match_facts_md(fid, population, confidence):
    f = facts().finding(fid)
    assert f.population is population
    assert f.confidence is confidence


def test_wordings_type_no_figure_of_their_own():
    """Figures in wordings come from placeholders; the only typed numbers are
    "in 100" and the study summary's own age statement ("under 65")."""
    for f in facts().findings:
        for text in (f.wording, f.brief or ""):
            typed = set(re.findall(r"\d+", re.sub(r"{\w+(:,)?}", "", text)))
            assert typed <= {"100", "65"}, (f.id, typed)
            assert "65" not in typed or f.id == "os_age", f.id


def test_survival_is_reported_by_transplant_pathway_not_age():
    populations = {f.population for f in facts().findings}
    assert populations == {Population.EVERYONE, Population.TRANSPLANT, Population.NO_TRANSPLANT}


def test_the_main_harms_and_every_harm():
    assert [f.id for f in facts().main_harms_findings()] == ["spm", "blood_counts", "stopped"]
    assert [f.id for f in facts().harms()] == [
        "spm", "blood_counts", "stopped", "clots", "everyday_effects", "pregnancy",
        "no_end_date", "monitoring"]
    known = [f for f in facts().findings if f.confidence is Confidence.KNOWN_EFFECT]
    assert known and all(not f.has_figures for f in known)


def test_later_reports_are_never_the_trials_own_figures():
    """A later report or guidance is said as what it is, never inside the
    tailored figures or the trial's harms (docs/evidence.md, "Since the paper")."""
    from bot.selection import select
    from bot.profile import AgeGroup, Transplant

    data = facts()
    later = {f.id for f in data.findings if f.later}
    assert later == {"nice", "meta_os", "meta_spm_blood", "meta_spm_solid", "duration", "mrd"}
    for transplant in (*Transplant, None):
        for age in (*AgeGroup, None):
            assert not later & set(select(age, transplant).ids)
    assert not later & {f.id for f in data.harms()}
    for fid in later:
        f = data.finding(fid)
        assert data.sources[f.source].status in ("P", "S") and str(f.reported) in f.text()


def test_every_harm_a_patient_lives_with_is_named():
    named = [f.named for f in facts().named_harms_findings()]
    assert named == ["blood clots", "tiredness, diarrhoea, rash", "harm to unborn babies",
                     "a capsule most days, no set end", "regular blood tests and visits"]


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
    (lambda r: r.update(main_harms=["spm", "nausea"]), "unknown findings"),
    (lambda r: r.update(main_harms=["spm", "pfs"]), "not harms"),
    (lambda r: _finding(r, "clots").update(kind="single_group", group_value=2), "in words"),
    (lambda r: _finding(r, "spm").update(brief="about {median} in 100"), "brief uses"),
    (lambda r: r["tool"].pop("content_checked"), "content_checked"),
    (lambda r: r["tool"].update(review_every_months=0), "must be positive"),
    (lambda r: r.pop("safety"), "safety"),
    (lambda r: _finding(r, "pfs").update(source="a blog"), "unknown source"),
    (lambda r: _finding(r, "meta_os").update(later=False), "later must be True"),
    (lambda r: _finding(r, "pfs").update(later=True), "later must be False"),
    (lambda r: _finding(r, "duration").update(reported=2019), "must say when it came out"),
    (lambda r: _finding(r, "mrd").update(wording="About {lenalidomide} in 100."),
     "must say when it came out"),
    (lambda r: r.update(main_harms=["spm", "meta_spm_blood"]), "trial's harms"),
    (lambda r: r.update(named_harms=["clots", "spm"]), "named words"),
    (lambda r: r["sources"]["mrd_report"].update(status="X"), "P, L or S"),
    (lambda r: _finding(r, "meta_os").update(lenalidomide=90), "observation arm only"),
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
    nums = sayable_numbers()
    assert {"39", "20", "88", "80", "79", "76", "25", "5", "3", "15", "68", "1971"} <= nums
    assert "42" not in nums and "50" not in nums and "57" not in nums
    # months said in whole years ("within about 7 years": meta_os's 86 months)
    assert "7" in nums and facts().finding("meta_os").said("observation_years") == 7


def test_number_keys_and_sayable_forms():
    from bot.facts import number_key, numbers_in

    assert number_key("78.6") == "78.6" and number_key("1,971") == "1971"
    assert number_key("39") == number_key("39.0") == "39"
    assert numbers_in(78.6) == {"78.6", "79"}
    assert numbers_in(dt.date(2026, 11, 25)) == {"2026", "25"}
    assert numbers_in("116 123") == {"116", "123"}


def test_a_figure_a_finding_lacks_is_none_and_unknown_ids_are_named():
    assert facts().finding("qol").said("lenalidomide") is None
    assert facts().finding("os_all").said("lenalidomide") == 79
    with pytest.raises(KeyError, match="nausea"):
        facts().finding("nausea")


def test_emergency_numbers_are_listed_in_words():
    from bot.facts import PhoneLine

    safety = facts().safety
    assert safety.emergency() == "999 (UK), 911 (US) or 112 (EU)"
    one = safety.copy(update={"emergency_numbers": [PhoneLine(name="e", number="999",
                                                               region="UK")]})
    assert one.emergency() == "999 (UK)"
    two = safety.copy(update={"emergency_numbers": safety.emergency_numbers[:2]})
    assert two.emergency() == "999 (UK) or 911 (US)"


def test_load_errors_name_every_problem_by_its_place(tmp_path):
    def mutate(raw):
        _finding(raw, "os_tx").update(population="teenagers")
        _finding(raw, "spm").update(lenalidomide=105)

    with pytest.raises(FactsError) as err:
        load_facts(_broken(tmp_path, mutate))
    message = str(err.value)
    assert "invalid: findings.2.population: value is not a valid enumeration" in message
    assert re.search(r"'no_transplant'; findings\.\d+\.__root__: finding 'spm'", message), message
