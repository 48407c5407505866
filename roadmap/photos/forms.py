"""Forms of the photos feature."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    MultipleFileField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from roadmap import labels


class PhotoForm(FlaskForm):
    photos = MultipleFileField(
        _l("Photos"),
        description=_l("JPEG, PNG or HEIC from a phone, 15 MB each at most; several at once."),
        render_kw={"accept": "image/jpeg,image/png,image/heic,image/heif"},
    )
    caption = StringField(_l("Caption"), validators=[Length(max=300)])
    stage = SelectField(_l("Stage shown"), choices=lambda: labels.choices("stage"))
    taken_on = DateField(
        _l("Taken on"),
        validators=[Optional()],
        description=_l("Leave empty to take each photo's own date (or today when it has none)."),
    )


class ConfirmForm(FlaskForm):
    version = HiddenField(validators=[InputRequired()])
    reason = TextAreaField(
        _l("Why this photo belongs to the post"), validators=[DataRequired(), Length(max=2000)]
    )


class DeleteForm(FlaskForm):
    version = HiddenField(validators=[InputRequired()])
