"""The Makefile: make (make help) lists every target with a line saying what it does."""
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_make_help_lists_every_target_with_what_it_does():
    makefile = (ROOT / "Makefile").read_text()
    targets = {t for line in re.findall(r"^\.PHONY:(.*)$", makefile, re.M) for t in line.split()}
    done = subprocess.run(["make", "--no-print-directory", "-s"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    listed = dict(re.findall(r"^  ([a-z][a-z0-9-]*) +(\S.*)$", done.stdout, re.M))
    assert len(targets) > 20 and set(listed) == targets, set(listed) ^ targets
