"""Login, logout, the user's own account, and account administration."""

import logging
import secrets
from functools import cache

from flask import abort, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from roadmap.auth import bp, throttle
from roadmap.auth.access import admin_only, open_to_viewers, public
from roadmap.auth.commands import has_accounts
from roadmap.auth.forms import (
    AccountForm,
    EmptyForm,
    LoginForm,
    PasswordChangeForm,
    UserCreateForm,
    UserEditForm,
)
from roadmap.auth.models import User, hash_method
from roadmap.clock import now_utc
from roadmap.extensions import db
from roadmap.locking import ensure_current
from roadmap.security import safe_next

log = logging.getLogger("roadmap.auth")


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


@cache
def _decoy_hash(method: str) -> str:
    """Return a hash to check when the account is unknown, so both cases take as long."""
    return generate_password_hash(secrets.token_urlsafe(16), method=method)


def password_matches(user: User | None, password: str) -> bool:
    """Check the password in the same time whether or not the account exists."""
    if user is None or not user.active:
        check_password_hash(_decoy_hash(hash_method()), password)
        return False
    return user.check_password(password)


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    """Log a user in and start a fresh session."""
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    if form.validate_on_submit():
        email = normalise_email(form.email.data)
        address = request.remote_addr or "unknown"
        if throttle.is_blocked(email, address):
            log.warning("login throttled email=%r address=%s", email, address)
            return render_template("auth/login.html", form=form, throttled=True), 429
        wait = throttle.wait_seconds(email)
        if wait:  # checked before the password: the right one too must wait
            log.warning("login slowed down email=%r address=%s wait=%ss", email, address, wait)
            page = render_template("auth/login.html", form=form, wait=wait)
            return page, 429, {"Retry-After": str(wait)}
        user = find_user(email)
        if not password_matches(user, form.password.data):
            throttle.record_failure(email, address)
            db.session.commit()
            log.warning("login failed email=%r address=%s", email, address)
            flash(_("E-mail or password is incorrect."), "danger")
            return render_template("auth/login.html", form=form), 200
        throttle.clear(email, address)
        previous_login = user.last_login_at  # the dashboard shows what changed since then
        user.record_login(now_utc())
        db.session.commit()
        language = session.get("language")
        session.clear()  # a new session at login: nothing from before carries over
        if language:
            session["language"] = language
        session.permanent = True
        session["login_at"] = now_utc().isoformat()
        session["previous_login_at"] = previous_login.isoformat() if previous_login else None
        login_user(user)
        # The new session gets its form token now, in the login's own cookie: the pages that
        # load at once after it (the dashboard, the offline worker's fetches) then all share
        # one token, and none answers with a cookie that drops the one the page's forms hold.
        g.pop("csrf_token", None)
        generate_csrf()
        g.user_id = user.id  # for the request's log line (request_log.py)
        log.info("login user_id=%s", user.id)
        return redirect(safe_next(request.args.get("next"), url_for("dashboard.index")))
    return render_template("auth/login.html", form=form, first_run=not has_accounts())


@bp.post("/logout")
@open_to_viewers
def logout():
    """End every session of this user and log out."""
    form = EmptyForm()
    if form.validate_on_submit():
        current_user.rotate_session_token()
        user_id = current_user.id
        db.session.commit()
        logout_user()
        session.clear()
        log.info("logout user_id=%s", user_id)
        flash(_("You have logged out."), "info")
    response = redirect(url_for("auth.login"))
    # Issued reports are kept a year by the browser: they leave with the session. (The
    # service worker drops the pages and reports it keeps when the login page is shown.)
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


# The fields shown (and offered again) on the 409 page; never a password.
ACCOUNT_FIELDS = ("name", "language", "wants_digest")
USER_EDIT_FIELDS = ("name", "role", "language", "active")


@bp.route("/account", methods=["GET", "POST"])
@open_to_viewers
def account():
    """Show and update the user's own name, language and weekly digest."""
    form = AccountForm(obj=current_user if request.method == "GET" else None)
    password_form = PasswordChangeForm(prefix="pw")
    if request.method == "GET":
        form.version.data = current_user.version
        form.language.data = current_user.language or ""
    if form.validate_on_submit():
        ensure_current(
            current_user,
            form.version.data,
            fields=[(name, form[name].label.text) for name in ACCOUNT_FIELDS],
            submitted={name: form[name].data for name in ACCOUNT_FIELDS},
            retry_url=url_for("auth.account"),
        )
        current_user.name = form.name.data.strip()
        current_user.language = form.language.data or None
        current_user.choose_digest(form.wants_digest.data)
        db.session.commit()
        log.info("account updated user_id=%s", current_user.id)
        flash(_("Your account is saved."), "success")
        return redirect(url_for("auth.account"))
    return render_template("auth/account.html", form=form, password_form=password_form)


@bp.post("/account/password")
@open_to_viewers
def change_password():
    """Change the user's password; every other session of theirs ends."""
    form = AccountForm(obj=current_user, formdata=None)
    form.version.data = current_user.version
    password_form = PasswordChangeForm(prefix="pw")
    if password_form.validate_on_submit():
        user = current_user._get_current_object()
        address = request.remote_addr or "unknown"
        if throttle.is_blocked(user.email, address):
            log.warning("password change throttled user_id=%s address=%s", user.id, address)
            abort(429)
        if not user.check_password(password_form.current_password.data):
            # Guessing the current password from a stolen session is throttled like a login.
            throttle.record_failure(user.email, address)
            db.session.commit()
            log.warning("password change refused user_id=%s: wrong current password", user.id)
            password_form.current_password.errors.append(_("The current password is wrong."))
        else:
            user.set_password(password_form.new_password.data)
            user.rotate_session_token()
            db.session.commit()
            login_user(user)  # keep this session, with the new token
            log.info("password changed user_id=%s", user.id)
            flash(_("Your password is changed. Other sessions have been logged out."), "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/account.html", form=form, password_form=password_form), 422


@bp.get("/users")
@admin_only
def users():
    """List every account."""
    accounts = db.session.scalars(select(User).order_by(User.name)).all()
    return render_template("auth/users.html", users=accounts)


@bp.route("/users/new", methods=["GET", "POST"])
@admin_only
def user_new():
    """Create an account."""
    form = UserCreateForm()
    if form.validate_on_submit():
        if find_user(form.email.data):
            form.email.errors.append(_("An account with this e-mail already exists."))
        else:
            user = User(
                email=normalise_email(form.email.data),
                name=form.name.data.strip(),
                role=form.role.data,
                language=form.language.data or None,
            )
            user.set_password(form.password.data)
            db.session.add(user)
            db.session.commit()
            log.info(
                "account created user_id=%s role=%s by=%s", user.id, user.role, current_user.id
            )
            flash(_("The account is created."), "success")
            return redirect(url_for("auth.users"))
    return render_template("auth/user_form.html", form=form, user=None)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@admin_only
def user_edit(user_id):
    """Change an account's role, language, status or password."""
    user = db.get_or_404(User, user_id)
    form = UserEditForm(obj=user if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = user.version
        form.language.data = user.language or ""
    if form.validate_on_submit():
        ensure_current(
            user,
            form.version.data,
            fields=[(name, form[name].label.text) for name in USER_EDIT_FIELDS],
            submitted={name: form[name].data for name in USER_EDIT_FIELDS},
            retry_url=url_for("auth.user_edit", user_id=user.id),
        )
        if user.id == current_user.id and (form.role.data != "admin" or not form.active.data):
            form.role.errors.append(_("You cannot remove your own administrator access."))
            return render_template("auth/user_form.html", form=form, user=user), 422
        ends_sessions = (not form.active.data and user.active) or bool(form.new_password.data)
        user.name = form.name.data.strip()
        user.role = form.role.data
        user.language = form.language.data or None
        user.active = form.active.data
        if form.new_password.data:
            user.set_password(form.new_password.data)
        if ends_sessions:
            user.rotate_session_token()
        db.session.commit()
        log.info("account changed user_id=%s by=%s", user.id, current_user.id)
        flash(_("The account is saved."), "success")
        return redirect(url_for("auth.users"))
    status = 422 if request.method == "POST" else 200
    return render_template("auth/user_form.html", form=form, user=user), status
