"""The /results table as spreadsheet cells: the monthly report's sheet and the exports.

Pure apart from the translations: lines from summary.py in, rows of typed cells out
(texts, days, numbers; a share of the target as a fraction, None when unknown).
"""

from flask_babel import lazy_gettext as _l

from roadmap.labels import label
from roadmap.results.pages import language

HEADERS = (
    _l("Result"),
    _l("Code"),
    _l("Indicator"),
    _l("Level"),
    _l("Unit"),
    _l("Source"),
    _l("Baseline"),
    _l("Baseline date"),
    _l("Period start"),
    _l("Period end"),
    _l("Target"),
    _l("Actual"),
    _l("Share of target"),
    _l("Status"),
)
WIDTHS = (44, 8, 50, 16, 12, 30, 10, 12, 12, 12, 10, 10, 10, 14)
# The columns holding the indicator's own values, and its share of the target.
VALUES = (6, 10, 11)
SHARE = 12


def title(line: dict, prefix: str = "") -> str:
    """Return a line's indicator (or, with prefix "result_", result) title in this language."""
    french = line[f"{prefix}title_fr"] if language() == "fr" else ""
    return french or line[f"{prefix}title_en"]


def headers() -> list[str]:
    return [str(text) for text in HEADERS]


def cells(line: dict) -> list:
    """Return a line's cells in the order of HEADERS."""
    return [
        title(line, "result_"),
        line["code"],
        title(line),
        label("result_level", line["result_level"]),
        label("unit", line["unit"]),
        label("indicator_source", line["source"]),
        line["baseline_value"],
        line["baseline_date"],
        line["period_start"],
        line["period_end"],
        line["target"],
        line["actual"],
        line["share"],
        label("result_status", line["status"]),
    ]
