"""Forms for results, indicators, and an indicator's targets and actuals by period.

Numbers are taken as typed and checked by the commands, so a value that is not a
number gets the same message from the form, the API and the demo.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from roadmap.countries import country_name
from roadmap.labels import choices


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


class ResultForm(FlaskForm):
    level = SelectField(_l("Level"), choices=lambda: choices("result_level"))
    title_en = StringField(_l("Title in English"), validators=[Length(max=300)])
    title_fr = StringField(_l("Title in French"), validators=[Optional(), Length(max=300)])
    version = HiddenField()


TARGET_KINDS = (("cumulative", _l("Cumulative")), ("per_period", _l("Per period")))
PERIOD_KINDS = (("quarter", _l("Quarter")), ("month", _l("Month")))


class IndicatorForm(FlaskForm):
    code = StringField(_l("Code"), validators=[Length(max=20)])
    title_en = StringField(_l("Title in English"), validators=[Length(max=300)])
    title_fr = StringField(_l("Title in French"), validators=[Optional(), Length(max=300)])
    unit = SelectField(_l("Unit"), choices=lambda: choices("unit"))
    direction = SelectField(_l("Direction"), choices=lambda: choices("direction"))
    baseline_value = StringField(_l("Baseline value"), validators=[Optional(), Length(max=30)])
    baseline_date = DateField(_l("Baseline date"), validators=[Optional()])
    baseline_comment = TextAreaField(
        _l("Baseline comment"), validators=[Optional(), Length(max=5_000)]
    )
    target_kind = SelectField(_l("Targets"), choices=lambda: list(TARGET_KINDS))
    period_kind = SelectField(_l("Periods"), choices=lambda: list(PERIOD_KINDS))
    by_sex = BooleanField(_l("Split by sex"))
    by_country = BooleanField(_l("Split by country"))
    by_post = BooleanField(_l("Split by border post"))
    means_of_verification = TextAreaField(
        _l("Means of verification"), validators=[Optional(), Length(max=5_000)]
    )
    source = SelectField(_l("Source of the actuals"), choices=lambda: choices("indicator_source"))
    version = HiddenField()

    def values(self) -> dict:
        """Return the command's values from what was typed (the command checks them)."""
        return {
            "code": self.code.data or "",
            "title_en": self.title_en.data or "",
            "title_fr": self.title_fr.data or "",
            "unit": self.unit.data,
            "direction": self.direction.data,
            "baseline_value": number_or_none(self.baseline_value.data),
            "baseline_date": self.baseline_date.data,
            "baseline_comment": self.baseline_comment.data or "",
            "cumulative": self.target_kind.data != "per_period",
            "period_kind": self.period_kind.data,
            "by_sex": self.by_sex.data,
            "by_country": self.by_country.data,
            "by_post": self.by_post.data,
            "means_of_verification": self.means_of_verification.data or "",
            "source": self.source.data,
        }

    def show(self, indicator) -> None:
        """Fill the form from a stored indicator."""
        for name in ("code", "title_en", "title_fr", "unit", "direction", "baseline_date"):
            self[name].data = getattr(indicator, name)
        for name in ("baseline_comment", "period_kind", "means_of_verification", "source"):
            self[name].data = getattr(indicator, name)
        for name in ("by_sex", "by_country", "by_post"):
            self[name].data = getattr(indicator, name)
        value = indicator.baseline_value
        self.baseline_value.data = "" if value is None else f"{value:g}"
        self.target_kind.data = "cumulative" if indicator.cumulative else "per_period"
        self.version.data = str(indicator.version)
