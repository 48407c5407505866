"""Forms of the schedule feature; every message sits beside its field."""

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from markupsafe import Markup, escape
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
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import Select, html_params

from roadmap import labels
from roadmap.clock import today
from roadmap.countries import G5_SAHEL, PROJECT_COUNTRIES, country_name
from roadmap.extensions import db
from roadmap.locking import EditForm
from roadmap.posts.models import BorderPost
from roadmap.schedule.models import Milestone, Project, Workstream
from roadmap.schedule.rules import milestone_problems
from roadmap.workshops.models import Workshop

# The fields the shared milestone rules (roadmap/schedule/rules.py) read.
RULE_FIELDS = (
    "current_start",
    "current_end",
    "actual_start",
    "actual_finish",
    "percent_complete",
    "status",
)


def choices(pairs) -> list[SelectChoice]:
    """Return (value, label) pairs as select choices."""
    return [SelectChoice(value, str(text)) for value, text in pairs]


def _optional_int(value):
    return int(value) if value not in (None, "", "None") else None


class LongSelect(Select):
    """A select of many plain options (a thousand posts), written in one pass.

    WTForms renders each option through html_params and compares every choice
    coerced; at a thousand options that is most of the page's time.
    """

    def __call__(self, field, **kwargs):
        if field.has_groups():
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        if field.flags.required and "required" not in kwargs:
            kwargs["required"] = True
        selected = field.data
        options = "".join(
            f'<option value="{escape(choice.value)}"'
            f"{' selected' if field.coerce(choice.value) == selected else ''}>"
            f"{escape(choice.label)}</option>"
            for choice in field.choices
        )
        # Every value and label above is escaped, as html_params escapes the attributes.
        return Markup(  # nosec B704
            f"<select {html_params(name=field.name, **kwargs)}>{options}</select>"
        )


class MilestoneForm(EditForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    workstream_id = SelectField(_l("Workstream"), coerce=int, validators=[InputRequired()])
    owner = StringField(_l("Owner"), validators=[Optional(), Length(max=120)])
    country = SelectField(_l("Country"), validators=[Optional()])
    post_id = SelectField(
        _l("Border post"), coerce=_optional_int, validators=[Optional()], widget=LongSelect()
    )
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
    effective_on = DateField(
        _l("Effective date"),
        validators=[Optional()],
        description=_l(
            "The day this progress, status or actual date was reached in the field; "
            "reports of that month show it, however late it is entered."
        ),
    )
    confirm_outside = BooleanField(_l("Yes, keep these dates outside the project's dates"))

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


# How many likely predecessors the milestone page suggests (of this workstream, of any).
SUGGESTED_SAME_STREAM = 25
SUGGESTED_OTHERS = 15
_NUMBER = re.compile(r"#(\d{1,9})(?:\s|$)")


def milestone_number(text: str) -> int | None:
    """Return the milestone number a reference gives ("12", "#12" or "#12 Title"), if any."""
    text = text.strip()
    if text.isdigit() and len(text) <= 9:
        return int(text)
    found = _NUMBER.match(text)
    return int(found.group(1)) if found else None


class DependencyForm(FlaskForm):
    # A text field, not a select: at thousands of milestones a select of them all is
    # most of the page. The page suggests likely ones in a <datalist> (no script needed).
    predecessor_id = StringField(
        _l("Predecessor"),
        validators=[InputRequired(), Length(max=300)],
        description=_l(
            "Type the predecessor's number (shown with # on its page) or its exact title, "
            "or pick one of the suggested milestones, which end before this one starts."
        ),
        render_kw={"list": "predecessor-suggestions", "autocomplete": "off"},
    )
    lag_days = IntegerField(
        _l("Lag (days)"),
        default=0,
        validators=[InputRequired(), NumberRange(-365, 365)],
    )

    def __init__(self, *args, successor: Milestone | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.successor = successor
        self.predecessor: int | None = None  # the milestone the reference names, once valid

    def validate_predecessor_id(self, field) -> None:
        """Find the milestone the reference names: by number, else by its exact title."""
        number = milestone_number(field.data)
        if number is not None:
            found = db.session.scalars(select(Milestone.id).where(Milestone.id == number)).all()
        else:
            found = db.session.scalars(
                select(Milestone.id).where(Milestone.title == field.data.strip()).limit(2)
            ).all()
        if not found:
            raise ValidationError(_("No milestone has this number or title."))
        if len(found) > 1:
            raise ValidationError(_("Several milestones have this title: give its number."))
        if self.successor is not None and found[0] == self.successor.id:
            raise ValidationError(_("A milestone cannot be its own predecessor."))
        self.predecessor = found[0]


class BaselineForm(FlaskForm):
    reason = TextAreaField(_l("Reason for re-baselining"), validators=[Length(max=2000)])


def fill_milestone_choices(form: MilestoneForm, item: Milestone | None = None) -> None:
    """Offer the workstreams, countries, posts and workshops that exist."""
    project = Project.current()
    countries = list((project.countries if project else None) or PROJECT_COUNTRIES)
    for code in (*G5_SAHEL, item.country if item else None):
        if code and code not in countries:
            countries.append(code)
    form.workstream_id.choices = choices(
        db.session.execute(
            select(Workstream.id, Workstream.name).order_by(Workstream.position, Workstream.id)
        ).all()
    )
    form.country.choices = choices([("", "—")] + [(c, country_name(c)) for c in countries])
    form.post_id.choices = choices(
        [(None, "—")]
        + db.session.execute(
            select(BorderPost.id, BorderPost.name).order_by(BorderPost.country, BorderPost.name)
        ).all()
    )
    form.workshop_id.choices = choices(
        [(None, "—")]
        + db.session.execute(
            select(Workshop.id, Workshop.title).order_by(Workshop.start_date)
        ).all()
    )


def predecessor_suggestions(item: Milestone) -> list:
    """Return the likeliest new predecessors: milestones ending before this one starts.

    Nearest first, this workstream's before the others'; rows of (id, title, end),
    a fixed few whatever the project's size. Any other milestone can still be typed.
    """
    taken = {item.id} | {link.predecessor_id for link in item.predecessor_links}
    columns = (
        select(Milestone.id, Milestone.title, Milestone.current_end)
        .where(Milestone.current_end <= item.current_start, Milestone.id.not_in(taken))
        .order_by(Milestone.current_end.desc(), Milestone.id.desc())
    )
    same = db.session.execute(
        columns.where(Milestone.workstream_id == item.workstream_id).limit(SUGGESTED_SAME_STREAM)
    ).all()
    others = db.session.execute(
        columns.where(Milestone.workstream_id != item.workstream_id).limit(SUGGESTED_OTHERS)
    ).all()
    return same + others


class MilestoneImportForm(FlaskForm):
    file = FileField(_l("CSV, XLSX or MS Project XML file"), validators=[FileRequired()])


class ConfirmImportForm(FlaskForm):
    """The token of the checked file (kept server-side), to apply it as previewed."""

    upload = HiddenField(validators=[DataRequired()])
    version = HiddenField()
