"""docs/ipdas.md points at real files and tests, so the checklist cannot go stale
silently when something is renamed or removed."""
import re

from tests.conftest import ROOT

DOC = ROOT / "docs" / "ipdas.md"
REF = re.compile(r"`((?:bot|actions|tests|web|launchers|ops|devtools|data|docs|channels"
                 r"|components)/[\w./-]+\.(?:py|yml|md|txt|js|css|html))(?:::(\w+))?")


def test_every_file_and_test_the_ipdas_checklist_names_exists():
    refs = REF.findall(DOC.read_text(encoding="utf-8"))
    assert len(refs) > 30
    for path, test in refs:
        assert (ROOT / path).exists(), path
        if test:
            assert re.search(rf"def {test}\b", (ROOT / path).read_text()), f"{path}::{test}"


def test_the_checklist_covers_every_ipdas_criterion():
    text = DOC.read_text(encoding="utf-8")
    for prefix, count in (("Q", 6), ("C", 10), ("QL", 28)):
        for n in range(1, count + 1):
            assert re.search(rf"^\| {prefix}{n}\b", text, re.MULTILINE), f"{prefix}{n}"
