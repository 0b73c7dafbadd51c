"""The portfolio page, `index.html`: every submission of a batch on one page.

An MCO x domain matrix of scores, the gate per submission, the gaps most MCOs share,
last quarter's trend when given, and links to each submission's report. Links are
relative and point only at files the batch wrote inside its output folder.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import quote

from compliance.__about__ import __version__
from compliance.batch.filings import describe
from compliance.batch.summary import BatchSummary, DomainCell, Entry, RequirementRow
from compliance.batch.trend import Trend
from compliance.model.base import SEVERITY_RANK
from compliance.pages import render_page
from compliance.render.basis import force
from compliance.waivers.apply import OVERDUE

MAX_COMMON_GAPS = 15
REPORT_PREFERENCE = ("html", "md", "txt", "json")
_SHOWN = ("not_met", "incomplete", "error", "partially_met", "waived")


@dataclass(frozen=True)
class Column:
    """A domain column of the matrix (domains of every set checked, in first-seen order)."""

    id: str
    title: str


@dataclass(frozen=True)
class Cell:
    """A matrix cell: the score, a css class for its status, and the statuses behind it."""

    text: str
    css: str
    status: str
    detail: str


@dataclass(frozen=True)
class Row:
    """One submission's line of the matrix."""

    entry: Entry
    link: str | None
    cells: list[Cell]
    trend: Trend | None
    filing: str | None = None


@dataclass(frozen=True)
class CommonGap:
    """A requirement that several submissions do not meet."""

    set_id: str
    id: str
    title: str
    severity: str
    mcos: tuple[str, ...]
    force: str


@dataclass(frozen=True)
class OverdueCap:
    """A corrective action plan past its due date on a requirement still not met."""

    entry: Entry
    requirement: str
    note: str


def overdue_caps(entries: list[Entry]) -> list[OverdueCap]:
    """Every overdue CAP note, by submission."""
    return [OverdueCap(entry, row.id, note) for entry in entries for row in entry.requirements
            for note in row.notes if note.endswith(OVERDUE)]


def _link(entry: Entry) -> str | None:
    # names were made file-safe by the batch; quoting keeps the link a relative path
    by_ext = {path.rsplit(".", 1)[-1]: path for path in entry.reports.values()}
    chosen = next((by_ext[ext] for ext in REPORT_PREFERENCE if ext in by_ext), None)
    return None if chosen is None else quote(chosen)


def _cell(found: DomainCell | None) -> Cell:
    if found is None:
        return Cell("\u2013", "cell-none", "", "not in this submission's set")
    counts = found.counts
    detail = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in counts.items() if n)
    short = ", ".join(f"{counts[s]} {s.replace('_', ' ')}" for s in _SHOWN if counts.get(s))
    if found.score is None and found.advisory_score is not None:
        return Cell(f"({found.advisory_score:g})", "cell-na", short or "all met",
                    f"advisory requirements only, never deciding the gate; {detail}")
    if found.score is None:
        return Cell("n/a", "cell-na", short, detail)
    gaps = counts.get("not_met", 0) + counts.get("incomplete", 0) + counts.get("error", 0)
    css = "cell-gap" if gaps else ("cell-partial" if counts.get("partially_met") else "cell-met")
    return Cell(f"{found.score:g}", css, short or "all met", detail)


def _columns(entries: list[Entry]) -> list[Column]:
    columns: dict[str, Column] = {}
    for entry in entries:
        for domain in entry.domains:
            columns.setdefault(domain.id, Column(domain.id, domain.title))
    return list(columns.values())


def common_gaps(entries: list[Entry]) -> list[CommonGap]:
    """Gaps shared by the most submissions, most widespread and most severe first."""
    first: dict[tuple[str, str], RequirementRow] = {}
    who: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for entry in entries:
        for row in entry.gaps():
            key = (entry.set_id or "", row.id)
            first.setdefault(key, row)
            who[key].add(entry.mco_id or entry.file)
    found = [CommonGap(key[0], row.id, row.title, row.severity, tuple(sorted(who[key])),
                       force(row.binding) + (f" ({row.basis})" if row.basis else ""))
             for key, row in first.items()]
    found.sort(key=lambda g: (g.force != "binding", -len(g.mcos),
                              SEVERITY_RANK.get(g.severity, 9), g.set_id, g.id))
    return found[:MAX_COMMON_GAPS]


def _order(entry: Entry) -> tuple[str, str, int, str]:
    # by MCO and period; the filings of a resubmitted period newest first
    rank = entry.resubmission.rank if entry.resubmission else 0
    return (entry.mco_id or "~", entry.period_end or "", rank, entry.file)


def render_portfolio(summary: BatchSummary, trends: dict[str, Trend],
                     previous_label: str | None) -> str:
    """The portfolio page (`report_templates/portfolio.html.j2`)."""
    entries = sorted(summary.submissions, key=_order)
    columns = _columns(entries)
    rows = [Row(entry=e, link=_link(e), trend=trends.get(e.stem), filing=describe(e),
                cells=[_cell(next((d for d in e.domains if d.id == c.id), None))
                       for c in columns]) for e in entries if e.error is None]
    return render_page("portfolio.html.j2", summary=summary, columns=columns, rows=rows,
                       failures=[e for e in entries if e.error is not None],
                       gaps=common_gaps(entries), caps=overdue_caps(entries),
                       previous_label=previous_label,
                       has_trend=bool(trends), version=__version__)
