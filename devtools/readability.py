"""Reading level of everything the bot says (make readability; issue 8).

People reading the bot may be tired, worried or not used to medical words, so
every message and the printable summary page are kept at or below grade 8
(Flesch-Kincaid). tests/unit/bot/test_content.py gates each message; this report puts
the figures in one place for a reader: every message with its Flesch-Kincaid
grade and SMOG index, the summary page per sample record, and the median,
90th percentile and maximum. It exits non-zero, naming each offender, when any
message or summary page is above the limit, so CI fails.

The messages are those of devtools/message_catalogue.py (``everything()``), the
same set the content test gates; button labels are listed but not held to the limit
(they are labels, not sentences). Writes results/readability/report.txt and
report.json.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import textstat

from devtools import message_catalogue as catalogue
from devtools.message_catalogue import MAX_GRADE  # the content test's too

ROOT = Path(__file__).resolve().parent.parent

OUT = ROOT / "results" / "readability"
SUMMARY_PREFIX = "summary:"
SMOG_MIN_SENTENCES = 3  # textstat.smog_index gives 0 below this
PREVIEW = 60

NOTES = [
    "FK: Flesch-Kincaid grade (textstat.flesch_kincaid_grade); the limit applies to it.",
    "SMOG (textstat.smog_index) is only meaningful for the summary page and other long "
    "texts: it is defined on 30 or more sentences. It is shown for single messages anyway; "
    f"'n/a' means fewer than {SMOG_MIN_SENTENCES} sentences, where textstat gives 0.",
    "Messages are devtools/message_catalogue.py everything(): domain responses, action "
    "messages, decision-support messages, picture alt texts, the summary's sections per sample "
    "profile (summary:...), what the chat channels say themselves (channel:...) and the "
    "pages of a summary link with no summary (summary_link:...). The same wording said "
    "for several profiles is listed, and counted, once per source.",
    "Summary page: all section lines of bot.summary.sections() per sample record, each list "
    "item read as a sentence (a full stop added if missing). The citation line "
    "(study.citation) is left out: a reference is not prose, and its journal name, volume "
    "and pages would be graded as words. The title, headings and made-on line are not "
    "section lines.",
    "Button labels are listed but not held to the limit: they are labels, not sentences.",
]


@dataclass(frozen=True)
class Graded:
    """One text with its scores."""

    source: str
    text: str
    fk: float
    smog: Optional[float]  # None: fewer than SMOG_MIN_SENTENCES sentences
    words: int
    sentences: int


@dataclass
class Report:
    date: str
    max_grade: float
    messages: List[Graded]
    pages: List[Graded]
    buttons: List[Graded]
    figures: Dict[str, float] = field(default_factory=dict)
    offenders: List[Graded] = field(default_factory=list)


def grade(source: str, text: str) -> Graded:
    """Flesch-Kincaid grade and SMOG index of one text, as textstat counts them."""
    text = str(text)
    sentences = textstat.sentence_count(text)
    smog = textstat.smog_index(text) if sentences >= SMOG_MIN_SENTENCES else None
    return Graded(source=source, text=text, fk=textstat.flesch_kincaid_grade(text), smog=smog,
                  words=textstat.lexicon_count(text), sentences=sentences)


def page_texts() -> Dict[str, str]:
    """The summary page's prose per sample record: its sections' lines, citation left out
    (devtools/message_catalogue.py summary_texts() reads the lines the same way for the
    content test)."""
    texts: Dict[str, List[str]] = catalogue.summary_texts()
    return {source[len(SUMMARY_PREFIX):]: " ".join(str(s) for s in sections)
            for source, sections in texts.items()}


def percentile(values: Sequence[float], pct: int) -> float:
    """Linear-interpolation percentile (numpy's default), 0 < pct < 100."""
    if len(values) == 1:
        return float(values[0])
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def figures(messages: Sequence[Graded], pages: Sequence[Graded]) -> Dict[str, float]:
    fks = [m.fk for m in messages]
    smogs = [m.smog for m in messages if m.smog is not None]
    distinct = {m.text: m.fk for m in messages}  # each wording once, whichever its sources
    out: Dict[str, float] = {"messages": len(messages), "distinct_texts": len(distinct)}
    if fks:
        out.update(median_fk=round(statistics.median(fks), 1),
                   p90_fk=round(percentile(fks, 90), 1), max_fk=max(fks),
                   median_fk_distinct=round(statistics.median(distinct.values()), 1))
    out["messages_with_smog"] = len(smogs)
    if smogs:
        out["median_smog"] = round(statistics.median(smogs), 1)
    if pages:
        out.update(pages=len(pages), max_page_fk=max(p.fk for p in pages),
                   max_page_smog=max(p.smog or 0.0 for p in pages))
    return out


def build(max_grade: float = MAX_GRADE) -> Report:
    everything: Dict[str, Sequence[str]] = catalogue.everything()
    labels: List[str] = catalogue.button_texts()
    messages = [grade(source, text) for source, texts in everything.items() for text in texts]
    pages = [grade(f"page:{name}", text) for name, text in page_texts().items()]
    buttons = [grade("button", text) for text in labels]
    by_grade = sorted(messages, key=lambda g: (-g.fk, g.source))
    return Report(date=dt.date.today().isoformat(), max_grade=max_grade, messages=by_grade,
                  pages=pages, buttons=sorted(buttons, key=lambda g: (-g.fk, g.text)),
                  figures=figures(messages, pages),
                  offenders=[g for g in by_grade + pages if g.fk > max_grade])


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW else flat[:PREVIEW - 3] + "..."


def _table(rows: Sequence[Graded]) -> List[str]:
    width = max([len("source")] + [len(r.source) for r in rows])
    lines = [f"{'source':<{width}}  {'FK':>5}  {'SMOG':>5}  {'words':>5}  text",
             "-" * (width + 28 + PREVIEW)]
    for r in rows:
        smog = "n/a" if r.smog is None else f"{r.smog:.1f}"
        lines.append(f"{r.source:<{width}}  {r.fk:>5.1f}  {smog:>5}  {r.words:>5}  "
                     f"{_preview(r.text)}")
    return lines


def render(report: Report) -> str:
    f = report.figures
    lines = [f"Reading level report, {report.date}. Limit: Flesch-Kincaid grade "
             f"{report.max_grade:g} for every message and the summary page.", ""]
    lines += [f"* {note}" for note in NOTES]
    lines += ["", f"Messages ({len(report.messages)}), hardest first", ""]
    lines += _table(report.messages)
    lines += ["", f"Summary page, per sample record ({len(report.pages)})", ""]
    lines += _table(report.pages)
    lines += ["", f"Button labels ({len(report.buttons)}; not held to the limit)", ""]
    lines += _table(report.buttons)
    lines += ["", "Figures", ""]
    if report.messages:
        lines.append(f"Messages: {len(report.messages)}; FK median {f['median_fk']:.1f}, "
                     f"90th percentile {f['p90_fk']:.1f}, max {f['max_fk']:.1f}; SMOG median "
                     + (f"{f['median_smog']:.1f}" if "median_smog" in f else "n/a")
                     + f" (over the {int(f['messages_with_smog'])} messages with "
                     f"{SMOG_MIN_SENTENCES}+ sentences).")
        lines.append(f"Distinct wordings: {int(f['distinct_texts'])}; FK median "
                     f"{f['median_fk_distinct']:.1f} (each wording once, however many sources "
                     "say it).")
    for page in report.pages:
        smog = "n/a" if page.smog is None else f"{page.smog:.1f}"
        lines.append(f"Summary page {page.source[len('page:'):]}: FK {page.fk:.1f}, "
                     f"SMOG {smog} ({page.sentences} sentences, {page.words} words).")
    lines.append("")
    if report.offenders:
        lines.append(f"FAIL: {len(report.offenders)} above grade {report.max_grade:g}:")
        lines += [f"  {o.source}: grade {o.fk:.1f}: {o.text}" for o in report.offenders]
    else:
        lines.append(f"OK: every message and summary page is at or below grade "
                     f"{report.max_grade:g}.")
    return "\n".join(lines) + "\n"


def write(report: Report, text: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.txt").write_text(text)
    data = asdict(report)
    data["notes"] = NOTES
    (out / "report.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def main(argv: Optional[Sequence[str]] = None) -> int:
    doc = __doc__ or ""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--max-grade", type=float, default=MAX_GRADE,
                        help=f"highest Flesch-Kincaid grade allowed (default {MAX_GRADE:g})")
    parser.add_argument("--out", type=Path, default=OUT,
                        help="folder for report.txt and report.json")
    parser.add_argument("--quiet", action="store_true",
                        help="print only the figures and the verdict (the full list is "
                             "still written to report.txt); make test uses this")
    args = parser.parse_args(argv)
    report = build(args.max_grade)
    text = render(report)
    write(report, text, args.out)
    if args.quiet:
        text = text[text.index("\nFigures\n"):].lstrip("\n") + \
            f"Full list: {args.out / 'report.txt'}\n"
    sys.stdout.write(text)
    for o in report.offenders:
        print(f"readability: {o.source}: grade {o.fk:.1f} > {report.max_grade:g}: "
              f"{_preview(o.text)}", file=sys.stderr)
    return 1 if report.offenders else 0


if __name__ == "__main__":
    sys.exit(main())
