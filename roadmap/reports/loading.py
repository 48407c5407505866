"""The content of a month's report, kept in the one cache until the data changes."""

from roadmap.caching import kept, key_of
from roadmap.data_version import data_version
from roadmap.months import Month
from roadmap.reports import content
from roadmap.reports.records import (  # noqa: F401  (read here by older callers)
    ENTITIES,
    current_rows,
    history_entries,
    state_at_end_of,
)
from roadmap.results import framework  # a module: it may still be running here
from roadmap.results.summary import indicator_lines


def report_content(month: Month, today) -> dict:
    """Return the content of a month's report, rebuilt only when the data has changed.

    The content holds codes, dates and numbers, never translated text, so one entry
    serves every language. It depends on today (the current month shows today's data).
    """
    return kept(
        key_of("report_content", month, today, data_version()),
        lambda: _build(month, today),
    )


def _build(month: Month, today) -> dict:
    report = content.build(current_rows(), history_entries(), month, today)
    # The framework as the month ended: the period under way that day, its actuals
    # effective by then (the same table as /results, as of another day).
    report["results"] = indicator_lines(framework.framework(report["as_of"]))
    return report
