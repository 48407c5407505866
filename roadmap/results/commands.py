"""The one way results, indicators, targets and actuals change.

The results pages, the API and the demo call these functions; each checks who asks
and on which version, applies the rules and refuses bad input with a message by the
field at fault. As in every commands module (see roadmap/commands.py) the caller
owns the transaction: nothing here commits.
"""

import math
from datetime import date

from flask_babel import gettext as _
from flask_babel import ngettext

from roadmap.commands import Invalid, check_editor, check_version, delete, invalid_unless_empty
from roadmap.effective import effective
from roadmap.extensions import db
from roadmap.results.models import (
    DIRECTIONS,
    LEVELS,
    PERIOD_KINDS,
    SOURCES,
    UNITS,
    Actual,
    Indicator,
    Result,
    Target,
)
from roadmap.results.periods import periods
from roadmap.schedule.models import Project
from roadmap.workshops.models import SEXES

RESULT_FIELDS = ("level", "title_en", "title_fr")
INDICATOR_FIELDS = (
    "code",
    "title_en",
    "title_fr",
    "unit",
    "direction",
    "baseline_value",
    "baseline_date",
    "baseline_comment",
    "period_kind",
    "cumulative",
    "by_sex",
    "by_country",
    "by_post",
    "means_of_verification",
    "source",
)
DEFAULTS = {
    "title_fr": "",
    "unit": "number",
    "direction": "increase",
    "baseline_comment": "",
    "period_kind": "quarter",
    "cumulative": True,
    "by_sex": False,
    "by_country": False,
    "by_post": False,
    "means_of_verification": "",
    "source": "manual",
}
# Sums of a split may differ from the total by rounding only.
TOLERANCE = 1e-6


# --- results -------------------------------------------------------------------------------


def create_result(values: dict, *, by) -> Result:
    """Add a result (an output or an outcome) after the others."""
    check_editor(by)
    result = Result(position=db.session.query(Result).count())
    _fill_result(result, {"title_fr": ""} | values)
    db.session.add(result)
    return result


def update_result(result: Result, changes: dict, *, by, expected_version) -> None:
    """Change a result's level or titles."""
    check_editor(by)
    check_version(result, expected_version)
    _fill_result(result, {name: getattr(result, name) for name in RESULT_FIELDS} | changes)


def delete_result(result: Result, *, by, expected_version, reason: str = "") -> None:
    """Remove a result added by mistake; one that still holds indicators is refused."""
    check_editor(by)
    check_version(result, expected_version)
    if result.indicators:
        raise Invalid(
            {
                "remove": [
                    ngettext(
                        "This result still holds %(num)d indicator: remove it first.",
                        "This result still holds %(num)d indicators: remove them first.",
                        len(result.indicators),
                    )
                ]
            }
        )
    delete(result, reason=reason)


def _fill_result(result: Result, values: dict) -> None:
    unknown = set(values) - set(RESULT_FIELDS)
    if unknown:
        raise ValueError(f"not fields of a result: {sorted(unknown)}")
    errors = {"level": [], "title_en": []}
    if values.get("level") not in LEVELS:
        errors["level"].append(_("Choose output or outcome."))
    if not (values.get("title_en") or "").strip():
        errors["title_en"].append(_("Give the result a title in English."))
    invalid_unless_empty(errors)
    result.level = values["level"]
    result.title_en = values["title_en"].strip()
    result.title_fr = (values.get("title_fr") or "").strip()


# --- indicators ----------------------------------------------------------------------------


def create_indicator(result: Result, values: dict, *, by) -> Indicator:
    """Add an indicator to a result, after its others."""
    check_editor(by)
    indicator = Indicator(result=result, position=len(result.indicators))
    with db.session.no_autoflush:
        _fill_indicator(indicator, DEFAULTS | values)
    db.session.add(indicator)
    return indicator


def update_indicator(indicator: Indicator, changes: dict, *, by, expected_version) -> None:
    """Change an indicator's definition, baseline or splits."""
    check_editor(by)
    check_version(indicator, expected_version)
    values = {name: getattr(indicator, name) for name in INDICATOR_FIELDS} | changes
    _fill_indicator(indicator, values)


def delete_indicator(indicator: Indicator, *, by, expected_version, reason: str = "") -> None:
    """Remove an indicator defined by mistake, with its targets.

    Typed actuals are measurements the reports quoted: an indicator that holds any is
    refused until they are removed one by one, each then kept in the change log.
    """
    check_editor(by)
    check_version(indicator, expected_version)
    if indicator.actuals:
        raise Invalid(
            {
                "remove": [
                    ngettext(
                        "This indicator holds %(num)d actual: remove it first.",
                        "This indicator holds %(num)d actuals: remove them first.",
                        len(indicator.actuals),
                    )
                ]
            }
        )
    # Each target goes in the change log, as its own removal would.
    delete(*indicator.targets, indicator, reason=reason)


def _fill_indicator(indicator: Indicator, values: dict) -> None:
    unknown = set(values) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValueError(f"not fields of an indicator: {sorted(unknown)}")
    missing = set(INDICATOR_FIELDS) - set(values) - {"baseline_value", "baseline_date"}
    if missing:
        raise ValueError(f"an indicator needs {sorted(missing)}")
    errors: dict = {name: [] for name in INDICATOR_FIELDS}
    code = (values["code"] or "").strip()
    if not code:
        errors["code"].append(_("Give the indicator a code, such as 1.1."))
    else:
        other = db.session.query(Indicator).filter_by(code=code).first()
        if other is not None and other is not indicator:
            errors["code"].append(_("Another indicator has this code."))
    if not (values["title_en"] or "").strip():
        errors["title_en"].append(_("Give the indicator a title in English."))
    for name, allowed in (
        ("unit", UNITS),
        ("direction", DIRECTIONS),
        ("period_kind", PERIOD_KINDS),
        ("source", SOURCES),
    ):
        if values[name] not in allowed:
            errors[name].append(_("Choose one of the values offered."))
    baseline = values.get("baseline_value")
    problem = value_problem(baseline, values["unit"], required=False)
    if problem:
        errors["baseline_value"].append(problem)
    if indicator.id is not None and values["source"] != indicator.source and indicator.actuals:
        errors["source"].append(
            _("This indicator has actuals typed in; remove them before computing it.")
        )
    if (
        indicator.id is not None
        and values["period_kind"] != indicator.period_kind
        and (indicator.targets or indicator.actuals)
    ):
        # Their periods would no longer be the indicator's.
        errors["period_kind"].append(
            _("This indicator has targets or actuals by period; remove them first.")
        )
    invalid_unless_empty(errors)
    for name in INDICATOR_FIELDS:
        value = values.get(name)
        setattr(indicator, name, value.strip() if isinstance(value, str) else value)
    indicator.baseline_value = None if baseline is None else float(baseline)


def value_problem(value, unit: str, *, required: bool = True) -> str | None:
    """Return why a value cannot be an indicator's value, or None."""
    if value is None:
        return _("Give a value.") if required else None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return _("Give a number.")
    if not math.isfinite(number) or number < 0:
        return _("Give a number of 0 or more.")
    if unit == "percentage" and number > 100:
        return _("A percentage lies between 0 and 100.")
    return None


def _period_start(indicator: Indicator, day, field: str) -> date:
    project = Project.current()
    starts = [
        start
        for start, _end in periods(project.start_date, project.end_date, indicator.period_kind)
    ]
    if day not in starts:
        raise Invalid({field: [_("Choose one of the indicator's periods.")]})
    return day


# --- targets -------------------------------------------------------------------------------


def set_target(indicator: Indicator, period_start: date, value, *, by, expected_version=None):
    """Set, change or (value None) remove the target of one period; return the target."""
    check_editor(by)
    _period_start(indicator, period_start, "period_start")
    target = next((t for t in indicator.targets if t.period_start == period_start), None)
    if target is not None:
        check_version(target, expected_version)
    if value is None:
        if target is not None:
            indicator.targets.remove(target)
            db.session.delete(target)
        return None
    problem = value_problem(value, indicator.unit)
    if problem:
        raise Invalid({"value": [problem]})
    if target is None:
        target = Target(period_start=period_start, value=float(value))
        indicator.targets.append(target)
    elif target.value != float(value):
        target.value = float(value)
    return target


# --- actuals -------------------------------------------------------------------------------


def record_actual(
    indicator: Indicator,
    period_start: date,
    values: dict,
    *,
    by,
    today: date,
    expected_version=None,
) -> Actual:
    """Record or correct the actual of a manual indicator for one period.

    `values` holds value, effective_on (the day it was measured), source, comment and
    breakdown ({dimension: {category: value}}), whose parts must add up to the value.
    """
    check_editor(by)
    if indicator.computed:
        raise Invalid({"value": [_("This indicator is computed from the project's data.")]})
    _period_start(indicator, period_start, "period_start")
    actual = next((a for a in indicator.actuals if a.period_start == period_start), None)
    if actual is not None:
        check_version(actual, expected_version)
    value = values.get("value")
    problem = value_problem(value, indicator.unit)
    if problem:
        raise Invalid({"value": [problem]})
    breakdown = breakdown_of(indicator, float(value), values.get("breakdown") or {})
    with effective(values.get("effective_on"), today=today, project=Project.current):
        if actual is None:
            actual = Actual(period_start=period_start)
            indicator.actuals.append(actual)
        actual.value = float(value)
        actual.effective_on = values.get("effective_on") or today
        actual.source = (values.get("source") or "").strip()
        actual.comment = (values.get("comment") or "").strip()
        actual.breakdown = breakdown
    return actual


def breakdown_of(indicator: Indicator, total: float, given: dict) -> dict:
    """Return the split by dimension, checked: known categories, adding up to the total."""
    unknown = set(given) - set(indicator.dimensions)
    if unknown:
        raise ValueError(f"the indicator is not split by {sorted(unknown)}")
    errors, kept = {}, {}
    for dimension, parts in given.items():
        parts = {key: value for key, value in (parts or {}).items() if value is not None}
        if not parts:
            continue
        if dimension == "sex" and set(parts) - set(SEXES):
            raise ValueError(f"unknown sexes: {sorted(set(parts) - set(SEXES))}")
        problems = [value_problem(v, "number") for v in parts.values()]
        if any(problems):
            errors[f"breakdown_{dimension}"] = [next(p for p in problems if p)]
            continue
        parts = {key: float(value) for key, value in parts.items()}
        if indicator.unit == "number" and abs(sum(parts.values()) - total) > TOLERANCE:
            errors[f"breakdown_{dimension}"] = [
                _(
                    "The split adds up to %(sum)s, not the total of %(total)s.",
                    sum=f"{sum(parts.values()):g}",
                    total=f"{total:g}",
                )
            ]
            continue
        kept[dimension] = parts
    if errors:
        raise Invalid(errors)
    return kept


def remove_actual(
    indicator: Indicator, period_start: date, *, by, expected_version, reason: str = ""
) -> None:
    """Remove the actual of one period, typed in by mistake (the change log keeps it)."""
    check_editor(by)
    actual = next((a for a in indicator.actuals if a.period_start == period_start), None)
    if actual is None:
        raise Invalid({"period_start": [_("This period has no actual to remove.")]})
    check_version(actual, expected_version)
    delete(actual, reason=reason)
