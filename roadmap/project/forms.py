"""The project's settings form (administrator)."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    DecimalField,
    EmailField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from roadmap.auth.forms import language_choices, validate_new_password
from roadmap.auth.passwords import MAX_LENGTH
from roadmap.countries import country_choices
from roadmap.locking import EditForm
from roadmap.project.commands import ORGANISATION_TYPES


def organisation_type_choices():
    return [
        ("", _l("Not set")),
        *((code, f"{code} {name}") for code, name in ORGANISATION_TYPES.items()),
    ]


class ProjectForm(EditForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=300)])
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=40)])
    donor = StringField(_l("Donor"), validators=[DataRequired(), Length(max=200)])
    implementing_org = StringField(
        _l("Implementing organisation"), validators=[DataRequired(), Length(max=200)]
    )
    start_date = DateField(_l("Start date"), validators=[DataRequired()])
    end_date = DateField(_l("End date"), validators=[DataRequired()])
    countries = SelectMultipleField(_l("Countries"), choices=country_choices)
    currency = StringField(
        _l("Currency"),
        validators=[
            DataRequired(),
            Regexp(r"^[A-Z]{3}$", message=_l("Use a three-letter ISO code, e.g. USD.")),
        ],
    )
    budget = DecimalField(_l("Budget"), places=2, validators=[Optional(), NumberRange(min=0)])
    iati_identifier = StringField(_l("IATI identifier"), validators=[Optional(), Length(max=100)])
    reporting_org_ref = StringField(
        _l("IATI identifier of the implementing organisation"),
        validators=[Optional(), Length(max=100)],
    )
    # The commands module checks the code: a form posted without these fields stays valid.
    reporting_org_type = SelectField(
        _l("Type of the implementing organisation"),
        choices=organisation_type_choices,
        validate_choice=False,
    )
    funding_org_ref = StringField(
        _l("IATI identifier of the donor"), validators=[Optional(), Length(max=100)]
    )
    funding_org_type = SelectField(
        _l("Type of the donor"), choices=organisation_type_choices, validate_choice=False
    )
    summary = TextAreaField(_l("Summary"), validators=[Optional(), Length(max=5000)])

    def validate_end_date(self, field):
        if self.start_date.data and field.data and field.data < self.start_date.data:
            raise ValidationError(_l("The end date cannot be before the start date."))


class SetupForm(ProjectForm):
    """The first run: the administrator's account and the project, at once."""

    admin_email = EmailField(
        _l("Your e-mail"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )
    admin_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    admin_password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(max=MAX_LENGTH), validate_new_password],
    )
    admin_language = SelectField(_l("Language"), choices=language_choices, validators=[Optional()])
    workstream = TextAreaField(
        _l("Workstreams, one per line, in order"), validators=[Optional(), Length(max=20000)]
    )
