"""Forms for an indicator's targets and actuals, one period at a time.

Numbers are taken as typed and checked by the commands, so a value that is not a
number gets the same message from the form, the API and the demo.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from roadmap.countries import country_name


class TargetForm(FlaskForm):
    period_start = SelectField(_l("Period"))
    value = StringField(_l("Target"), validators=[Optional(), Length(max=30)])
    version = HiddenField()


class ActualForm(FlaskForm):
    period_start = SelectField(_l("Period"))
    value = StringField(_l("Actual"), validators=[Length(max=30)])
    effective_on = DateField(_l("Measured on"), validators=[Optional()])
    source = StringField(_l("Source of the figure"), validators=[Optional(), Length(max=300)])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=5_000)])
    breakdown_female = StringField(_l("Women"), validators=[Optional(), Length(max=30)])
    breakdown_male = StringField(_l("Men"), validators=[Optional(), Length(max=30)])
    version = HiddenField()


def actual_form(countries: list[str], **kwargs) -> ActualForm:
    """Return the actual form with one field per project country, for the split by country."""
    # One field per country of this project: the class is made for the project shown.
    fields = {
        f"breakdown_country_{code}": StringField(
            country_name(code), validators=[Optional(), Length(max=30)]
        )
        for code in countries
    }
    return type("ProjectActualForm", (ActualForm,), fields)(**kwargs)


def number_or_none(text):
    """Return the text stripped, or None when nothing was typed (the command checks it)."""
    text = (text or "").strip()
    return text or None
