"""Forms of the schedule feature; every message sits beside its field."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from roadmap import labels
from roadmap.clock import today
from roadmap.countries import G5_SAHEL, PROJECT_COUNTRIES, country_name
from roadmap.extensions import db
from roadmap.posts.models import BorderPost
from roadmap.schedule.models import Milestone, Workstream
from roadmap.schedule.queries import current_project
from roadmap.schedule.rules import milestone_problems
from roadmap.workshops.models import Workshop


# The fields the shared milestone rules (roadmap/schedule/rules.py) read.
RULE_FIELDS = (
    "current_start", "current_end", "actual_start", "actual_finish", "percent_complete", "status",
)


def choices(pairs) -> list[SelectChoice]:
    """Return (value, label) pairs as select choices."""
    return [SelectChoice(value, str(text)) for value, text in pairs]


def _optional_int(value):
    return int(value) if value not in (None, "", "None") else None


class MilestoneForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    workstream_id = SelectField(_l("Workstream"), coerce=int, validators=[InputRequired()])
    owner = StringField(_l("Owner"), validators=[Optional(), Length(max=120)])
    country = SelectField(_l("Country"), validators=[Optional()])
    post_id = SelectField(_l("Border post"), coerce=_optional_int, validators=[Optional()])
    workshop_id = SelectField(_l("Workshop"), coerce=_optional_int, validators=[Optional()])
    current_start = DateField(_l("Start"), validators=[InputRequired()])
    current_end = DateField(_l("End"), validators=[InputRequired()])
    actual_start = DateField(_l("Actual start"), validators=[Optional()])
    actual_finish = DateField(_l("Actual finish"), validators=[Optional()])
    percent_complete = IntegerField(
        _l("Percent complete"),
        default=0,
        validators=[
            InputRequired(),
            NumberRange(0, 100, message=_l("Enter a percentage between 0 and 100.")),
        ],
    )
    status = SelectField(_l("Status"))
    reason = TextAreaField(
        _l("Reason for the change"),
        validators=[Optional(), Length(max=2000)],
        description=_l(
            "Optional. If you move the end later, say why: the monthly report shows "
            "this reason beside late milestones."
        ),
    )
    confirm_outside = BooleanField(_l("Yes, keep these dates outside the project's dates"))
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = choices(labels.choices("milestone_status"))

    def validate(self, extra_validators=None) -> bool:
        """Check each field, then the rules that tie fields together (shared with the API)."""
        valid = super().validate(extra_validators)
        values = {name: self[name].data for name in RULE_FIELDS}
        for name, messages in milestone_problems(values, today()).items():
            self[name].errors = list(self[name].errors) + messages
            valid = False
        return valid


class DependencyForm(FlaskForm):
    predecessor_id = SelectField(_l("Predecessor"), coerce=int, validators=[InputRequired()])
    lag_days = IntegerField(
        _l("Lag (days)"),
        default=0,
        validators=[InputRequired(), NumberRange(-365, 365)],
    )


class BaselineForm(FlaskForm):
    reason = TextAreaField(_l("Reason for re-baselining"), validators=[Length(max=2000)])


def fill_milestone_choices(form: MilestoneForm, item: Milestone | None = None) -> None:
    """Offer the workstreams, countries, posts and workshops that exist."""
    project = current_project()
    countries = list((project.countries if project else None) or PROJECT_COUNTRIES)
    for code in (*G5_SAHEL, item.country if item else None):
        if code and code not in countries:
            countries.append(code)
    form.workstream_id.choices = choices(db.session.execute(
        select(Workstream.id, Workstream.name).order_by(Workstream.position, Workstream.id)
    ).all())
    form.country.choices = choices([("", "—")] + [(c, country_name(c)) for c in countries])
    form.post_id.choices = choices([(None, "—")] + db.session.execute(
        select(BorderPost.id, BorderPost.name).order_by(BorderPost.country, BorderPost.name)
    ).all())
    form.workshop_id.choices = choices([(None, "—")] + db.session.execute(
        select(Workshop.id, Workshop.title).order_by(Workshop.start_date)
    ).all())


def fill_predecessor_choices(form: DependencyForm, item: Milestone) -> None:
    """Offer every other milestone as a predecessor."""
    form.predecessor_id.choices = choices(db.session.execute(
        select(Milestone.id, Milestone.title)
        .where(Milestone.id != item.id)
        .order_by(Milestone.current_start, Milestone.id)
    ).all())
