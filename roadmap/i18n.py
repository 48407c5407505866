"""The interface language: chosen on the account, in the session, or by the browser."""

from flask import Blueprint, current_app, has_request_context, redirect, request, session, url_for
from flask_login import current_user

from roadmap.auth.access import open_to_viewers
from roadmap.extensions import db
from roadmap.security import safe_next

bp = Blueprint("i18n", __name__)


def select_locale() -> str:
    """Return the language for this request."""
    if not has_request_context():
        return current_app.config["LANGUAGES"][0]
    return choose_locale(lambda: current_user.language if current_user.is_authenticated else None)


def choose_locale(account_language) -> str:
    """Return the language for this request, given a function that reads the account's.

    The account is read only when no `lang` forces the language, as loading the user
    costs a query.
    """
    languages = current_app.config["LANGUAGES"]
    forced = request.args.get("lang")
    if forced in languages and request.blueprint in {"reports", "api"}:
        return forced
    language = account_language()
    if language in languages:
        return language
    if session.get("language") in languages:
        return session["language"]
    return request.accept_languages.best_match(languages) or languages[0]


@bp.post("/language")
@open_to_viewers
def set_language():
    """Switch the interface language and remember it on the account."""
    language = request.form.get("language")
    if language in current_app.config["LANGUAGES"]:
        session["language"] = language
        if current_user.is_authenticated and current_user.language != language:
            current_user.language = language
            db.session.commit()
    return redirect(safe_next(request.form.get("next"), url_for("dashboard.index")))
