"""Small-count suppression: member counts of 1 to 10 are shown as `<11`.

CMS cell-suppression practice forbids publishing a count of 1 to 10 drawn from member
data, or any figure from which such a count can be worked out. Gap reports leave the
agency, so the report formats (html, md, xlsx, junit) apply this rule at render time
unless `--no-suppress` is given. The JSON result and the terminal summary keep every
number: they are the record a finding is re-derived from, not a document to share.

Which numbers are member counts. Only requirements whose checks read a sheet the set
marks `member_data: true` (rosters, demographic counts, utilization, stratified
measures) are touched, and within them only numbers that count members (or the events
of members: claims, requests, grievances), measured from the filed data: in a
finding's message and actual value and in a check's measured text. Counts of the
filing's own entries (rows, records, committees, ids, keys, elements, dates, fields,
values, cells) are not member counts and are always shown. Within it:

1. Both numbers of an `N of M` pair (a share: `40% (4 of 10)`), an `N / M` pair (a
   ratio: `3.2% (5 / 156)`) and an `N vs M` pair (two counts that should agree:
   `8 vs 9`). When N, M, or for `of` the rest M - N, is 1 to 10, the whole pair is
   withheld: each number of 1 to 10 becomes `<11` and each larger one `11+`, so the
   percentage shown beside it cannot give the small count back. A pair that names
   what it counts (`4 of 5 ids resolved`, `5 of 5 fields`) is withheld only when that
   is members.
2. A counted phrase: `N member(s)`.
3. A finding whose actual value is a whole number of 1 to 10 drawn from the filed
   numbers (a sum of a count column, a count cell echoed back, a rate's operands): the
   actual value and that number wherever it stands alone in the finding's message. The
   report cannot tell a count cell from a numeric code, so a code of 1 to 10 is
   withheld too: the error is on the safe side. Findings that count entries
   (`row_count`, `coverage`, `cross_reference`, `date_window`, `required_fields`, an
   aggregate `number of` rows or distinct values) keep their value.

Never touched: targets and expected values, requirement and status counts, scores and
percentages, finding totals, cell references, identifiers (`CAC-7`), dates and
decimals. Zero is shown: CMS suppresses 1 to 10, and a zero reveals no member.
"""

from __future__ import annotations

import re
from dataclasses import replace

from compliance.evaluation.document import ResultDocument
from compliance.render.context import Gap, GapGroup, ReportContext, Settled, build_context
from compliance.render.findings import Example

SMALL = range(1, 11)
WITHHELD = "<11"
LARGE = "11+"

# A number that stands alone: not part of an identifier, date, decimal, cell or range.
_EDGE_BEFORE = r"(?<![\w.,:/\-])"
_EDGE_AFTER = r"(?![\w%]|[.,:/]\d)"
_ENTRIES = (r"(?:rows?|records?|committees?|ids?|keys?|elements?|dates?|fields?|values?"
            r"|cells?|codes?|counties|county|languages?|items?|sheets?)\b")
_PAIR = re.compile(_EDGE_BEFORE + r"(\d+) (of|/|vs) (\d+)" + _EDGE_AFTER
                   + r"(?! (?:\w+ )?" + _ENTRIES + ")")
_COUNTED = re.compile(_EDGE_BEFORE + r"(\d+) (member)s?\b")
# Finding codes whose actual value counts entries of the filing, never members.
_ENTRY_COUNTS = ("row_count.", "coverage.", "cross_reference.", "date_window.",
                 "required_fields.")


def _band(value: int) -> str:
    if value in SMALL:
        return WITHHELD
    return str(value) if value == 0 else LARGE


def _pair(match: re.Match[str]) -> str:
    top, word, bottom = int(match[1]), match[2], int(match[3])
    risky = {top, bottom} | ({bottom - top} if word == "of" else set())
    if not risky & set(SMALL):
        return match[0]
    return f"{_band(top)} {word} {_band(bottom)}"


def _counted(match: re.Match[str]) -> str:
    return f"{WITHHELD} {match[2]}s" if int(match[1]) in SMALL else match[0]


def suppress_text(text: str) -> str:
    """Measured text with its small member counts withheld (rules 1 and 2)."""
    text = _PAIR.sub(_pair, text)
    return _COUNTED.sub(_counted, text)


def small_count(actual: str | None) -> int | None:
    """The actual value when it is a whole number of 1 to 10, else None."""
    text = (actual or "").strip()
    return int(text) if text.isdigit() and int(text) in SMALL else None


def counts_entries(code: str, message: str) -> bool:
    """Whether a finding's actual value counts the filing's entries rather than members."""
    return code.startswith(_ENTRY_COUNTS) or message.startswith("number of")


def suppress_finding(message: str, actual: str | None,
                     code: str = "") -> tuple[str, str | None]:
    """A finding's message and actual value with small member counts withheld (rules 1-3)."""
    small = None if counts_entries(code, message) else small_count(actual)
    if small is not None:
        alone = re.compile(_EDGE_BEFORE + str(small) + _EDGE_AFTER)
        return suppress_text(alone.sub(WITHHELD, message)), WITHHELD
    return suppress_text(message), None if actual is None else suppress_text(actual)


def _example(example: Example, code: str) -> Example:
    message, actual = suppress_finding(example.message, example.actual, code)
    return Example(message=message, actual=actual or "")


def _gap(gap: Gap) -> Gap:
    if not gap.member_data:
        return gap
    rows = tuple(replace(row, examples=tuple(_example(e, row.code) for e in row.examples))
                 for row in gap.findings)
    checks = tuple(replace(c, measured=suppress_text(c.measured)) for c in gap.checks)
    return replace(gap, findings=rows, checks=checks)


def _settled(item: Settled) -> Settled:
    # A met requirement's detail is its checks' measured text.
    if item.status != "met" or not item.member_data:
        return item
    return replace(item, detail=suppress_text(item.detail))


def suppress_context(ctx: ReportContext) -> ReportContext:
    """The context with every member count of 1 to 10 withheld (see the module rules)."""
    groups = tuple(GapGroup(domain=g.domain, gaps=tuple(map(_gap, g.gaps)))
                   for g in ctx.gap_groups)
    return replace(ctx, gap_groups=groups, settled=tuple(map(_settled, ctx.settled)),
                   suppressed=True)



def report_context(doc: ResultDocument, *, suppress: bool) -> ReportContext:
    """The context every report format renders: built, then suppressed unless told not to."""
    ctx = build_context(doc)
    return suppress_context(ctx) if suppress else ctx
