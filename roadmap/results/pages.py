"""What the results pages show, from the framework's plain data (no queries of its own)."""

from flask_babel import format_date, get_locale
from flask_babel import gettext as _

from roadmap.charts import figure_json
from roadmap.charts import results as charts


def language() -> str:
    locale = get_locale()
    return locale.language if locale else "en"


def title(record: dict) -> str:
    """Return a result's or indicator's title in the page's language."""
    return (record["title_fr"] if language() == "fr" else "") or record["title_en"]


def period_label(row: dict, kind: str) -> str:
    """Return how a period is named: its month, or the months its quarter spans."""
    if kind == "month" or row["start"].month == row["end"].month:
        return format_date(row["start"], "MMM yyyy")
    return f"{format_date(row['start'], 'MMM')}–{format_date(row['end'], 'MMM yyyy')}"


def indicator_chart(indicator: dict, height: int = 240) -> tuple[str, str, str]:
    """Return (id, figure JSON, accessible label) of an indicator's target-vs-actual chart."""
    rows = indicator["periods"]
    figure = charts.target_vs_actual(
        [period_label(row, indicator["period_kind"]) for row in rows],
        [row["target"] for row in rows],
        [row["actual"] for row in rows],
        title=f"{indicator['code']} {title(indicator)}",
        target_label=_("Target"),
        actual_label=_("Actual"),
        y_title="%" if indicator["unit"] == "percentage" else "",
        height=height,
    )
    return (
        f"chart-indicator-{indicator['id']}",
        figure_json(figure),
        _("Chart of the target and actual of each period; the table gives the figures."),
    )


def percent(share) -> str:
    """Return a share of the target as the page writes it."""
    return "—" if share is None else f"{share * 100:.0f} %"
