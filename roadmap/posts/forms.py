"""Forms of the posts feature."""

from decimal import InvalidOperation

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from roadmap import labels
from roadmap.countries import country_choices
from roadmap.locking import EditForm
from roadmap.posts import csvio, geo


def post_country_choices():
    return country_choices(geo.BOXES.keys())


def neighbour_choices():
    return [("", _l("None (airport or inland)"))] + country_choices()


def _text(data) -> str:
    return "" if data is None else str(data).strip()


class NumberText(StringField):
    """A number typed with a decimal point or a decimal comma."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        text = _text(self.data)
        if text:
            try:
                csvio.parse_number(text)
            except ValueError:
                raise ValueError(_l("Enter a number, such as 13.51 or 13,51.")) from None

    @property
    def number(self) -> float | None:
        """Return the number the field holds, typed or set by a merge; None if unreadable."""
        # Read from the data each time: a merged save puts the stored value there.
        text = _text(self.data)
        try:
            return csvio.parse_number(text) if text else None
        except ValueError:
            return None


class MoneyText(StringField):
    """An amount in the project currency, written the English or French way."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        text = _text(self.data)
        if text:
            try:
                amount = csvio.parse_money(text)
            except (InvalidOperation, ValueError):
                raise ValueError(_l("Enter an amount, such as 12500 or 12 500,50.")) from None
            if amount < 0:
                raise ValueError(_l("An amount cannot be negative."))

    @property
    def amount(self):
        """Return the amount the field holds, typed or set by a merge; None if unreadable."""
        text = _text(self.data)
        try:
            return csvio.parse_money(text) if text else None
        except (InvalidOperation, ValueError):
            return None


def _in_range(limit):
    def check(form, field):
        if field.number is not None and not -limit <= field.number <= limit:
            raise ValidationError(_l("Must lie between -%(n)d and %(n)d.", n=limit))

    return check


class PostForm(EditForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    country = SelectField(_l("Country"), choices=post_country_choices)
    neighbour_country = SelectField(_l("Neighbouring country"), choices=neighbour_choices)
    kind = SelectField(_l("Kind"), choices=lambda: labels.choices("post_kind"))
    latitude = NumberText(_l("Latitude"), validators=[DataRequired(), _in_range(90)])
    longitude = NumberText(_l("Longitude"), validators=[DataRequired(), _in_range(180)])
    priority = SelectField(_l("Assessment priority"), choices=lambda: labels.choices("priority"))
    contractor = StringField(_l("Contractor"), validators=[Length(max=200)])
    estimated_cost = MoneyText(_l("Estimated cost"))
    spent = MoneyText(_l("Amount spent"))
    effective_on = DateField(
        _l("Date of the amount spent"),
        validators=[Optional()],
        description=_l(
            "The day the amount spent was reached; reports of that month show it, "
            "however late it is entered."
        ),
    )
    notes = TextAreaField(_l("Notes"), validators=[Length(max=10000)])


class NewPostForm(PostForm):
    """A new post also gets its starting stage and progress."""

    stage = SelectField(_l("Stage"), choices=lambda: labels.choices("stage"))
    progress = IntegerField(
        _l("Physical progress (%)"), default=0, validators=[InputRequired(), NumberRange(0, 100)]
    )


class UpdateForm(FlaskForm):
    date = DateField(_l("Date of the update"), validators=[InputRequired()])
    stage = SelectField(_l("Stage"), choices=lambda: labels.choices("stage"))
    progress = IntegerField(
        _l("Physical progress (%)"), validators=[InputRequired(), NumberRange(0, 100)]
    )
    comment = TextAreaField(_l("Comment"), validators=[Length(max=5000)])
    reason = TextAreaField(_l("Reason for moving back"), validators=[Length(max=1000)])
    version = HiddenField()


class ImportForm(FlaskForm):
    file = FileField(_l("CSV or XLSX file"), validators=[FileRequired()])
