"""Forms of the coordination: a partner, an activity, an assessment, a rank, the weights.

Choices and numbers are checked by the commands, so the form, the API and the demo
give the same message for the same mistake.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from roadmap.coordination.vocab import ACTIVITY_STATUSES, CRITERIA, SECTORS, choices
from roadmap.countries import country_choices
from roadmap.locking import EditForm
from roadmap.project.commands import ORGANISATION_TYPES


def organisation_types():
    return [(code, f"{code} {name}") for code, name in ORGANISATION_TYPES.items()]


def optional_countries():
    return [("", _l("None"))] + country_choices()


class PartnerForm(EditForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    acronym = StringField(_l("Acronym"), validators=[Length(max=40)])
    org_type = SelectField(
        _l("Organisation type"), choices=organisation_types, validate_choice=False
    )
    country = SelectField(_l("Country"), choices=optional_countries, validate_choice=False)
    iati_ref = StringField(_l("IATI organisation identifier"), validators=[Length(max=100)])
    contact = StringField(_l("Contact"), validators=[Length(max=200)])
    website = StringField(_l("Website"), validators=[Length(max=300)])
    participates = BooleanField(_l("Participates in this project"))


class ActivityForm(EditForm):
    partner_id = SelectField(_l("Partner"), coerce=int, validate_choice=False)
    sector = SelectField(_l("Sector"), choices=lambda: choices(SECTORS), validate_choice=False)
    post_id = SelectField(_l("Border post"), coerce=int, validate_choice=False)
    country = SelectField(
        _l("Country (for an activity across a country)"),
        choices=optional_countries,
        validate_choice=False,
    )
    status = SelectField(
        _l("Status"), choices=lambda: choices(ACTIVITY_STATUSES), validate_choice=False
    )
    start_date = DateField(_l("Start date"), validators=[Optional()])
    end_date = DateField(_l("End date"), validators=[Optional()])
    note = TextAreaField(_l("Note"), validators=[Length(max=5000)])


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _score_field(label):
    return SelectField(
        label,
        choices=lambda: [("", "—")] + [(str(n), str(n)) for n in range(1, 6)],
        validate_choice=False,
    )


class AssessmentForm(FlaskForm):
    assessed_on = DateField(_l("Day of the assessment"), validators=[Optional()])
    assessor = StringField(_l("Assessor"), validators=[Length(max=200)])
    score_traffic = _score_field(CRITERIA["traffic"])
    score_infrastructure = _score_field(CRITERIA["infrastructure"])
    score_equipment = _score_field(CRITERIA["equipment"])
    score_staffing = _score_field(CRITERIA["staffing"])
    score_security = _score_field(CRITERIA["security"])
    score_connectivity = _score_field(CRITERIA["connectivity"])
    needs = CheckboxesField(
        _l("Sectors the post needs"), choices=lambda: choices(SECTORS), validate_choice=False
    )
    comment = TextAreaField(_l("Comment"), validators=[Length(max=5000)])


class RankForm(FlaskForm):
    rank = StringField(_l("Rank set by the manager"), validators=[Length(max=10)])
    reason = TextAreaField(_l("Reason for this rank"), validators=[Length(max=2000)])
    version = HiddenField()


class WeightsForm(EditForm):
    traffic = StringField(CRITERIA["traffic"], validators=[Length(max=5)])
    infrastructure = StringField(CRITERIA["infrastructure"], validators=[Length(max=5)])
    equipment = StringField(CRITERIA["equipment"], validators=[Length(max=5)])
    staffing = StringField(CRITERIA["staffing"], validators=[Length(max=5)])
    security = StringField(CRITERIA["security"], validators=[Length(max=5)])
    connectivity = StringField(CRITERIA["connectivity"], validators=[Length(max=5)])
