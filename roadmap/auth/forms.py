"""Forms for logging in and managing accounts."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from roadmap.auth.passwords import MAX_LENGTH, password_problem


def role_choices():
    return [("admin", _l("Administrator")), ("manager", _l("Manager")), ("viewer", _l("Viewer"))]


def language_choices():
    return [("", _l("Browser language")), ("en", "English"), ("fr", "Français")]


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for POST-only buttons."""


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])


def validate_new_password(form, field):
    problem = password_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    new_password = PasswordField(
        _l("New password"), validators=[DataRequired(), validate_new_password]
    )


class AccountForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    language = SelectField(_l("Language"), choices=language_choices, validators=[Optional()])
    wants_digest = BooleanField(
        _l("Send me the weekly digest by e-mail"),
        description=_l(
            "Milestones due or overdue, outcomes past due, quiet posts and the report to issue."
        ),
    )
    version = HiddenField()


class UserCreateForm(FlaskForm):
    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    role = SelectField(_l("Role"), choices=role_choices)
    language = SelectField(_l("Language"), choices=language_choices, validators=[Optional()])
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(max=MAX_LENGTH), validate_new_password],
    )


class UserEditForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    role = SelectField(_l("Role"), choices=role_choices)
    language = SelectField(_l("Language"), choices=language_choices, validators=[Optional()])
    active = BooleanField(_l("Active"))
    new_password = PasswordField(
        _l("New password (leave empty to keep)"),
        validators=[Optional(), validate_new_password],
    )
    version = HiddenField()
