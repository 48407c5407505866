"""Forms for workshops, their participation, outcomes and follow-up notes."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from roadmap import labels
from roadmap.clock import today
from roadmap.countries import country_choices, country_name
from roadmap.locking import EditForm
from roadmap.workshops.participation import cell_name, grid_cells


def optional_country_choices():
    return [("", _l("— none —")), *country_choices()]


class WorkshopForm(EditForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=200)])
    country = SelectField(_l("Country"), choices=optional_country_choices, validators=[Optional()])
    start_date = DateField(_l("Start date"), validators=[DataRequired()])
    end_date = DateField(_l("End date"), validators=[DataRequired()])
    organiser = StringField(_l("Organiser"), validators=[Optional(), Length(max=200)])
    summary = TextAreaField(_l("Summary"), validators=[Optional(), Length(max=20_000)])
    agenda = TextAreaField(_l("Agenda"), validators=[Optional(), Length(max=20_000)])

    def validate_end_date(self, field):
        if self.start_date.data and field.data and field.data < self.start_date.data:
            raise ValidationError(_l("The end date cannot be before the start date."))


def cell_label(country: str, org_type: str, sex: str) -> str:
    """Return how the grid's cell is named where it stands alone (the conflict page)."""
    return _(
        "%(country)s (%(org_type)s, %(sex)s)",
        country=country_name(country),
        org_type=labels.label("org_type", org_type),
        sex=labels.label("sex", sex),
    )


def participation_form(countries: list[str], **kwargs) -> EditForm:
    """Return the participation grid as a form: one count per country, organisation type
    and sex, as typed (the grid reads them with parse_grid)."""
    # One field per cell of these rows: the class is made for the grid being shown.
    cells = {cell_name(*key): StringField(cell_label(*key)) for key in grid_cells(countries)}
    return type("ParticipationForm", (EditForm,), cells)(**kwargs)


class OutcomeForm(EditForm):
    kind = SelectField(_l("Kind"), choices=lambda: labels.choices("outcome_kind"))
    text = TextAreaField(_l("Text"), validators=[DataRequired(), Length(max=5_000)])
    responsible = StringField(
        _l("Responsible party"),
        validators=[DataRequired(), Length(max=200)],
        render_kw={"list": "responsible-suggestions", "autocomplete": "off"},
    )
    due_date = DateField(_l("Due date"), validators=[Optional()])
    status = SelectField(_l("Follow-up status"), choices=lambda: labels.choices("outcome_status"))
    milestones = SelectMultipleField(
        _l("Milestones that carry it out"), coerce=int, render_kw={"size": 8}
    )


class NoteForm(FlaskForm):
    date = DateField(_l("Date"), validators=[DataRequired()], default=today)
    status = SelectField(_l("New status"), choices=lambda: labels.choices("outcome_status"))
    text = TextAreaField(_l("Note"), validators=[DataRequired(), Length(max=5_000)])
    version = HiddenField()

    def validate_date(self, field):
        if field.data and field.data > today():
            raise ValidationError(_l("A follow-up note cannot be dated in the future."))


def note_prefix(outcome) -> str:
    return f"note-{outcome.id}"


def blank_note_form(outcome) -> NoteForm:
    """Return an empty note form for one outcome, starting from its current status."""
    return NoteForm(
        formdata=None,
        prefix=note_prefix(outcome),
        status=outcome.status,
        version=outcome.version,
        date=today(),
    )
