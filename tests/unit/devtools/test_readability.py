"""devtools/readability.py: grading, the summary page's prose, and the CI gate."""
import html
import json

from bot import summary
from bot.facts import facts
from devtools import message_catalogue as catalogue
from devtools import readability
from tests.unit.bot.test_content import MAX_GRADE

EASY = "The cat sat on the mat. It was a big cat. The dog ran to the cat. They had fun."
HARD = ("Notwithstanding considerable interindividual heterogeneity, maintenance "
        "lenalidomide administration demonstrated statistically significant prolongation "
        "of progression-free survival, irrespective of transplantation eligibility, "
        "necessitating comprehensive pharmacovigilance regarding haematological toxicity.")


def test_easy_text_grades_low_and_hard_text_high():
    easy, hard = readability.grade("easy", EASY), readability.grade("hard", HARD)
    assert easy.fk < 2 and easy.words == 20 and easy.sentences == 4
    assert easy.smog is not None and easy.smog < 6
    assert hard.fk > 12


def test_smog_is_left_out_below_three_sentences():
    assert readability.grade("one", "A short message. With two sentences.").smog is None


def test_the_limit_is_the_content_tests_limit():
    assert readability.MAX_GRADE == MAX_GRADE == 8.0


def test_summary_page_text_leaves_out_the_citation_but_keeps_the_prose():
    citation = facts().study.citation
    records = catalogue.sample_records()
    pages = readability.page_texts()
    assert set(pages) == set(records)
    for name, record in records.items():
        assert html.escape(citation) in summary.as_html(record)  # it is on the page ...
        assert citation not in pages[name]  # ... but not graded
        assert summary.made_on_line(record) not in pages[name]
        lines = [str(line) for section in summary.sections(record) for line in section.lines]
        prose = [line for line in lines if not line.startswith(citation)]
        assert len(prose) == len(lines) - 1
        assert all(line.rstrip(".") in pages[name] for line in prose)


def test_a_planted_grade_12_message_fails(monkeypatch, tmp_path, capsys):
    assert readability.grade("hard", HARD).fk > 12
    monkeypatch.setattr(catalogue, "everything", lambda: {"planted": [HARD],
                                                          "greeting": [EASY]})
    assert readability.main(["--out", str(tmp_path)]) != 0
    err = capsys.readouterr().err
    assert "planted" in err and "greeting" not in err
    report = json.loads((tmp_path / "report.json").read_text())
    assert [o["source"] for o in report["offenders"]] == ["planted"]
    assert "FAIL: 1 above grade 8" in (tmp_path / "report.txt").read_text()


def test_max_grade_option_moves_the_limit(monkeypatch, tmp_path):
    monkeypatch.setattr(catalogue, "everything", lambda: {"planted": [HARD]})
    assert readability.main(["--out", str(tmp_path), "--max-grade", "99"]) == 0


def test_the_real_catalogue_passes(tmp_path, capsys):
    assert readability.main(["--out", str(tmp_path)]) == 0
    report = json.loads((tmp_path / "report.json").read_text())
    messages = sum(len(texts) for texts in catalogue.everything().values())
    assert report["figures"]["messages"] == messages == len(report["messages"])
    assert len(report["pages"]) == len(catalogue.sample_records())
    assert all(p["smog"] is not None and p["sentences"] >= 30 for p in report["pages"])
    assert len(report["buttons"]) == len(catalogue.button_texts())
    assert report["offenders"] == []
    grades = [m["fk"] for m in report["messages"]]
    assert grades == sorted(grades, reverse=True)
    assert "OK: every message and summary page" in capsys.readouterr().out


def test_percentile_interpolates():
    assert readability.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90) == 10.0
    assert readability.percentile([4.0], 90) == 4.0
