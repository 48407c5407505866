"""The report's charts: the same Plotly figures as the web pages, with translated labels."""

from datetime import timedelta

from flask_babel import format_date
from flask_babel import gettext as _

from roadmap.charts.gantt import gantt_figure
from roadmap.charts.posts import posts_map, progress_by_country
from roadmap.charts.scurve import scurve_figure
from roadmap.charts.workshops import outcome_status_by_responsible
from roadmap.countries import country_name
from roadmap.labels import label
from roadmap.reports.content import STAGES
from roadmap.schedule.queries import gantt_labels
from roadmap.schedule.scurve import SCurve
from roadmap.schedule.span import ROWS_AT_ONCE, rows_in
from roadmap.workshops.models import OUTCOME_STATUSES


def gantt_window(report) -> dict | None:
    """Return the span a large schedule's chart is cut to, or None when it is drawn whole.

    A programme of thousands of milestones would make the report's Gantt megabytes
    of figure (1.1 MB of the 1.6 MB page at 5,000). Past the Gantt page's
    ROWS_AT_ONCE rows, the report draws those active from the first day of its month
    to a month after its date (what the month did and what comes next); the whole
    chart is on the Gantt page.
    """
    rows = report["milestones"]
    if len(rows) <= ROWS_AT_ONCE:
        return None
    first, last = report["period_start"], report["as_of"] + timedelta(days=31)
    return {
        "first": first,
        "last": last,
        "shown": len(rows_in(rows, first, last)),
        "total": len(rows),
    }


def _gantt(report):
    labels = {
        **gantt_labels(),
        "title": _("Schedule at %(day)s, with the baseline", day=format_date(report["as_of"])),
        "today": _("Report date"),
    }
    project = report["project"]
    window = gantt_window(report)
    return gantt_figure(
        report["milestones"],
        report["as_of"],
        labels=labels,
        dependencies=report["dependencies"],
        window=(window["first"], window["last"]) if window else None,
        project_range=(project["start_date"], project["end_date"]),
    )


def _scurve(report):
    points = report["scurve"]
    series = SCurve(points["dates"], points["planned"], points["actual"])
    return scurve_figure(
        series,
        report["as_of"],
        labels={
            "title": _("Planned and actual progress at each month end"),
            "planned": _("Planned"),
            "actual": _("Actual"),
            "axis": _("Cumulative percent complete"),
            "today": _("Report date"),
        },
    )


def _posts_by_country(report):
    stages = [(code, label("stage", code)) for code in STAGES]
    counts = report["posts_by_country"]
    countries = [(code, country_name(code)) for code in sorted(counts)]
    averages = {}
    for code in counts:
        values = [p["progress"] for p in report["posts"] if p["country"] == code]
        averages[code] = sum(values) / len(values) if values else 0
    return progress_by_country(
        counts,
        averages,
        countries=countries,
        stages=stages,
        title=_("Border posts by stage and country"),
        count_axis=_("Number of posts"),
        average_label=_("Average progress"),
        average_axis=_("Average progress"),
    )


def _map(report):
    stages = [(code, label("stage", code)) for code in STAGES]
    posts = [
        {**p, "country_name": country_name(p["country"])}
        for p in report["posts"]
        if p.get("latitude") is not None
    ]
    tinted = [(code, country_name(code)) for code in report["project"].get("countries") or []]
    return posts_map(
        posts,
        tinted=tinted,
        stages=stages,
        title=_("Border posts by stage"),
        stage_word=_("Stage"),
        progress_word=_("Progress"),
        # The report's overview map: coarser outlines, 24 KB less on a field link
        # (templates/reports/report.html preloads the same file).
        resolution=110,
    )


def _outcomes(report):
    counts = {}
    for outcome in report["outcomes"]:
        party = outcome["responsible"] or _("Not assigned")
        counts.setdefault(party, {})
        counts[party][outcome["status"]] = counts[party].get(outcome["status"], 0) + 1
    return outcome_status_by_responsible(
        counts,
        {code: label("outcome_status", code) for code in OUTCOME_STATUSES},
        title=_("Follow-up of the workshop outcomes"),
        x_title=_("Outcomes"),
    )


# (key, builder, width, height, needs a map): the order the report shows them in.
CHARTS = (
    ("gantt", _gantt, 1000, None),
    ("scurve", _scurve, 900, 380),
    ("posts", _posts_by_country, 900, 420),
    ("map", _map, 900, 520),
    ("outcomes", _outcomes, 900, None),
)


def report_figures(report) -> dict:
    """Return {key: (figure, width, height)} for the report's charts, in the current language."""
    figures = {}
    for key, builder, width, height in CHARTS:
        if key == "outcomes" and not report["outcomes"]:
            continue
        if key in ("posts", "map") and not report["posts"]:
            continue
        if key == "gantt" and not report["milestones"]:
            continue
        figure = builder(report)
        figures[key] = (figure, width, height or int(figure.layout.height or 450))
    return figures
