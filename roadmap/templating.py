"""What every template can use."""

import functools

from flask import current_app, g
from flask_babel import (
    format_currency,
    format_date,
    format_datetime,
    format_decimal,
    format_percent,
    get_locale,
)
from flask_login import current_user

from roadmap import labels
from roadmap.assets import inline_css, static_url
from roadmap.auth.forms import EmptyForm
from roadmap.charts.first_paint import box_height, first_paint
from roadmap.charts.locale import plotly_config
from roadmap.clock import today
from roadmap.countries import country_name


def _current_locale():
    """Return the request's language as Flask-Babel holds it (force_locale included).

    Read from Flask-Babel's per-request namespace when it has chosen already: asking
    get_locale() costs more than the lookup it keys.
    """
    chosen = getattr(g.get("_flask_babel"), "babel_locale", None)
    return chosen if chosen is not None else get_locale()


def per_request(fn):
    """Return fn remembering its answers for the rest of the request, in each language.

    A report at scale formats the same few hundred dates, percentages and labels
    thousands of times; Babel takes far longer for each than a lookup here.
    """

    @functools.wraps(fn)
    def remembered(*args, **kwargs):
        if kwargs:
            return fn(*args, **kwargs)
        try:
            found = g.formatted_once
        except AttributeError:
            found = g.formatted_once = {}
        key = (fn, _current_locale(), *args)
        try:
            return found[key]
        except KeyError:
            value = found[key] = fn(*args)
            return value
        except TypeError:  # an argument that cannot be a key
            return fn(*args)

    return remembered


def project_currency() -> str:
    """Return the project's currency, read once per request (a page formats many amounts)."""
    from roadmap.money import DEFAULT_CURRENCY
    from roadmap.schedule.models import Project

    if "project_currency" not in g:
        project = Project.current()
        g.project_currency = project.currency if project else DEFAULT_CURRENCY
    return g.project_currency


def _format_money(value, currency=None):
    """Write an amount in the project's currency, with its decimals, in the reader's locale."""
    if value is None:
        return ""
    return format_currency(value, currency or project_currency())


_label = per_request(labels.label)
_country_name = per_request(country_name)


def chart_config() -> dict:
    """Return the plotly.js config of this page's language (its dates and numbers)."""
    return plotly_config(str(_current_locale() or "en"))


def template_context():
    return {
        "label": _label,
        "country_name": _country_name,
        "today": today(),
        "post_form": EmptyForm(formdata=None),  # never reads the body: the 413 page renders too
        "current_locale": str(get_locale() or "en"),
        "languages": current_app.config["LANGUAGES"],
        "current_user": current_user,
        "nav_endpoints": current_app.view_functions.keys(),
    }


def register(app) -> None:
    app.context_processor(template_context)
    app.jinja_env.filters["date"] = per_request(
        lambda d, fmt="medium": format_date(d, fmt) if d else ""
    )
    app.jinja_env.filters["datetime"] = per_request(
        lambda d, fmt="medium": format_datetime(d, fmt) if d else ""
    )
    app.jinja_env.filters["number"] = per_request(
        lambda n: format_decimal(n) if n is not None else ""
    )
    app.jinja_env.filters["percent"] = per_request(
        lambda n, digits=0: format_percent(n / 100 if n is not None else 0, "#,##0%")
    )
    app.jinja_env.filters["money"] = _format_money
    app.jinja_env.filters["country_name"] = _country_name
    app.jinja_env.globals["static_url"] = static_url
    app.jinja_env.globals["inline_css"] = inline_css
    app.jinja_env.globals["first_paint"] = first_paint
    app.jinja_env.globals["chart_box_height"] = box_height
    app.jinja_env.globals["chart_config"] = chart_config
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
