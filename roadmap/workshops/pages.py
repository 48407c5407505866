"""What the workshop pages show, worked out from a loaded workshop (no queries of its own)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from roadmap import labels
from roadmap.charts import figure_json
from roadmap.charts import workshops as charts
from roadmap.countries import country_name
from roadmap.workshops.followup import days_overdue, implemented_share
from roadmap.workshops.models import ORG_TYPES, SEXES, Workshop
from roadmap.workshops.participation import Totals, participation_totals


@dataclass
class WorkshopFigures:
    totals: Totals
    countries: list  # countries with participants, in the order the page lists them
    implemented_percent: float | None
    overdue: dict  # outcome id -> days overdue, for overdue outcomes only


def counts_of(workshop: Workshop) -> dict:
    return {(row.country, row.org_type, row.sex): row.count for row in workshop.participation}


def workshop_figures(workshop: Workshop, today: date) -> WorkshopFigures:
    """Return the participation totals and the follow-up figures of one workshop."""
    totals = participation_totals(counts_of(workshop))
    countries = sorted(
        (c for c, row in totals.by_country.items() if row["total"]),
        key=lambda c: (-totals.by_country[c]["total"], country_name(c)),
    )
    overdue = {}
    for outcome in workshop.outcomes:
        late = days_overdue(outcome.due_date, outcome.status, today)
        if late:
            overdue[outcome.id] = late
    return WorkshopFigures(
        totals=totals,
        countries=countries,
        implemented_percent=implemented_share(o.status for o in workshop.outcomes),
        overdue=overdue,
    )


def workshop_charts(workshop: Workshop) -> list[tuple[str, str, str]]:
    """Return (id, figure JSON, accessible label) for each chart of the workshop page."""
    result = []
    totals = participation_totals(counts_of(workshop))
    if totals.total:
        country_labels = {c: country_name(c) for c in sorted(totals.by_country, key=country_name)}
        by_sex = charts.delegates_by_country(
            {c: row for c, row in totals.by_country.items()},
            country_labels,
            {sex: labels.label("sex", sex) for sex in SEXES},
            title=_("Participants per country, by sex"),
            x_title=_("Participants"),
        )
        by_org = charts.delegates_by_country(
            totals.by_country_org,
            country_labels,
            {org: labels.label("org_type", org) for org in ORG_TYPES},
            title=_("Participants per country, by organisation type"),
            x_title=_("Participants"),
        )
        shares = {c: totals.country_women_share(c) for c in country_labels}
        women = charts.women_share(
            shares,
            country_labels,
            title=_("Share of women per country"),
            x_title=_("Women among participants"),
            overall=totals.women_share,
            overall_label=_("All: %(share)s %%", share=f"{totals.women_share:.0f}"),
        )
        result += [
            (
                "chart-participants-sex",
                figure_json(by_sex),
                _("Bar chart of participants per country, by sex; the table gives the figures."),
            ),
            (
                "chart-participants-org",
                figure_json(by_org),
                _("Bar chart of participants per country, by organisation type."),
            ),
            (
                "chart-women-share",
                figure_json(women),
                _("Bar chart of the share of women in each country's participants."),
            ),
        ]
    if workshop.outcomes:
        counts = defaultdict(lambda: defaultdict(int))
        for outcome in workshop.outcomes:
            counts[outcome.responsible or _("Not assigned")][outcome.status] += 1
        status = charts.outcome_status_by_responsible(
            {party: dict(row) for party, row in counts.items()},
            {code: str(text) for code, text in labels.OUTCOME_STATUS.items()},
            title=_("Outcome status per responsible party"),
            x_title=_("Outcomes"),
        )
        result.append(
            (
                "chart-outcome-status",
                figure_json(status),
                _(
                    "Bar chart of outcomes per responsible party, by follow-up status; "
                    "the register below lists them."
                ),
            )
        )
    return result
