"""Icon arrays: 100 people per group, one picture per two-arm finding.

People who find numbers hard often read "5 in 100" better as 5 coloured
figures out of 100. Each picture shows both groups side by side, with the
same layout and colours, and its text alternative is the finding's own
sentence, so a screen reader hears exactly what the picture shows.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from bot.facts import Kind, facts
from bot.lines import Line, finding_line

PICTURE_IDS = ("os_tx", "spm", "pfs2", "os_all")


@dataclass(frozen=True)
class Picture:
    finding_id: str
    alt: Line
    caption: Line


def picture_for(finding_id: str) -> Picture:
    f = facts().finding(finding_id)
    if finding_id not in PICTURE_IDS or f.kind is not Kind.PROPORTION:
        raise KeyError(f"no picture for finding {finding_id!r}")
    return Picture(finding_id, alt=finding_line(f), caption=Line(f.title, {f.id}))


@lru_cache(maxsize=len(PICTURE_IDS))
def png(finding_id: str) -> bytes:
    """The icon array as PNG bytes (matplotlib, no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    f = facts().finding(finding_id)
    picture_for(finding_id)  # refuses findings without a picture
    per = facts().thresholds.per
    arms = [("On lenalidomide", f.said("lenalidomide") or 0),
            ("Without lenalidomide", f.said("observation") or 0)]
    fig, axes = plt.subplots(1, 2, figsize=(8, 4.6), dpi=100)
    for ax, (label, count) in zip(axes, arms, strict=True):
        for i in range(per):
            row, col = divmod(i, 10)
            marked = i < count
            ax.add_patch(plt.Circle((col, 9 - row + 0.25), 0.22,
                                    color="#1f4e79" if marked else "#c7d3dd"))
            ax.add_patch(plt.Rectangle((col - 0.25, 9 - row - 0.42), 0.5, 0.45,
                                       color="#1f4e79" if marked else "#c7d3dd"))
        ax.set_xlim(-0.7, 9.7)
        ax.set_ylim(-0.8, 10.0)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(f"{label}: {count} in {per}", fontsize=14)
    fig.suptitle(f.title, fontsize=15)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()
