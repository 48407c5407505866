"""Forms of the reports feature: the manager's narrative and the issue button."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length

from roadmap.locking import EditForm

NARRATIVE_LIMIT = 20_000


class NarrativeForm(EditForm):
    highlights = TextAreaField(_l("Highlights"), validators=[Length(max=NARRATIVE_LIMIT)])
    challenges = TextAreaField(_l("Challenges"), validators=[Length(max=NARRATIVE_LIMIT)])
    next_steps = TextAreaField(_l("Next steps"), validators=[Length(max=NARRATIVE_LIMIT)])
    highlights_fr = TextAreaField(
        _l("Highlights (French)"), validators=[Length(max=NARRATIVE_LIMIT)]
    )
    challenges_fr = TextAreaField(
        _l("Challenges (French)"), validators=[Length(max=NARRATIVE_LIMIT)]
    )
    next_steps_fr = TextAreaField(
        _l("Next steps (French)"), validators=[Length(max=NARRATIVE_LIMIT)]
    )


class IssueForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason for the correction"),
        validators=[Length(max=2000)],
        description=_l("Required when a report already issued is corrected."),
    )
    reason_fr = TextAreaField(
        _l("Reason for the correction (French)"),
        validators=[Length(max=2000)],
        description=_l("For the French files; the English reason stands in when empty."),
    )


class RetryForm(FlaskForm):
    """The button that queues a failed build again (its CSRF token only)."""
