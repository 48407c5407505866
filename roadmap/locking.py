"""Optimistic locking: an edit made on an old copy of a record is merged, never written blind.

Forms carry the record's version and, signed, the values they were opened with
(`base`, see merging.py). A save whose version is stale is merged three ways
(`reconcile`): when no field was changed by both people, the merged values go on to
be saved with no question asked; otherwise the 409 page shows only the fields both
changed, side by side, and the user chooses per field. A field the user did not
touch is never written from the form. A form without a version or without its
starting values (an old page, a hand-made request) gets the page too, for every
field whose value differs.
"""

from datetime import date, datetime
from decimal import Decimal

from flask import make_response, render_template, request
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import Conflict
from wtforms import HiddenField

from roadmap.merging import Merge, read_base, sign_base, three_way

# Never echoed back into the page, whatever a view lists.
NEVER_RESUBMITTED = ("password", "csrf_token", "version", "base")


class EditForm(FlaskForm):
    """A form that edits a record: its version and, signed, the values it was opened with.

    A post from the 409 page names, for each field both people changed, which value
    to keep (`choose-<field>`: theirs or mine, each sent beside it); the form reads it
    as that field's value.
    """

    version = HiddenField()
    base = HiddenField()

    class Meta:
        def wrap_formdata(self, form, formdata):
            return with_choices(super().wrap_formdata(form, formdata))


def with_choices(formdata):
    """Return form data with each `choose-<field>` of the 409 page turned into the field."""
    if formdata is None or not any(key.startswith("theirs-") for key in formdata):
        return formdata
    resolved = MultiDict()
    for key in formdata:
        if key.startswith(("choose-", "theirs-", "mine-")):
            continue
        resolved.setlist(key, formdata.getlist(key))
    for key in formdata:
        if key.startswith("theirs-"):
            name = key[len("theirs-") :]
            # No choice made (a hand-made post): the saved value stays.
            side = "mine" if formdata.get(f"choose-{name}") == "mine" else "theirs"
            resolved.setlist(name, formdata.getlist(f"{side}-{name}"))
    return resolved


class StaleEdit(Conflict):
    """The record changed since the form was opened, and the edits could not be merged."""

    def __init__(
        self,
        record,
        submitted=None,
        fields=None,
        retry_url=None,
        form=None,
        merge: Merge | None = None,
        theirs: dict | None = None,
        version=None,
    ):
        super().__init__()
        self.record = record
        self.submitted = submitted or {}
        self.fields = fields or []
        self.retry_url = retry_url
        self.form = form
        self.merge = merge
        self.theirs = theirs  # the stored values, when they are not the record's attributes
        self.version = record.version if version is None and record is not None else version

    def get_response(self, environ=None, scope=None):
        from roadmap.errors import json_error, wants_json

        if wants_json():
            return json_error(409, "stale", self.description)
        resubmit = None
        if self.form is not None and self.merge is not None:
            resolve = self.resolution()
            rows = resolve["rows"] if resolve else []
        else:
            resolve, resubmit = None, self.resubmit()
            rows = [
                {
                    "label": label,
                    "theirs": getattr(self.record, name, None),
                    "mine": self.submitted.get(name),
                }
                for name, label in self.fields
            ]
        body = render_template(
            "errors/409.html",
            record=self.record,
            rows=rows,
            retry_url=self.retry_url,
            resolve=resolve,
            resubmit=resubmit,
        )
        return make_response(body, 409)

    def resubmit(self) -> dict | None:
        """Return the form that posts the user's input again at the current version, or None.

        For a form that adds a fact rather than edits a record's fields (a dated post
        update) or an account's own settings: every field of it is the user's own input.
        Offered only for a form posted to the edit page itself, with the fields the view
        listed, never an arbitrary key of the request.
        """
        if not self.fields or not self.retry_url or request.method != "POST":
            return None
        if request.script_root + request.path != self.retry_url.split("?", 1)[0]:
            return None
        prefix = _form_prefix(request.form)
        if prefix is None:
            return None
        from flask_wtf.csrf import generate_csrf

        hidden = [
            (prefix + name, value)
            for name, _label in self.fields
            if not any(word in name for word in NEVER_RESUBMITTED)
            for value in request.form.getlist(prefix + name)
        ]
        return {
            "action": self.retry_url,
            "fields": hidden,
            "csrf_name": prefix + "csrf_token",
            "csrf_token": generate_csrf(),
            "version_name": prefix + "version",
            "version": str(self.record.version),
        }

    def resolution(self) -> dict | None:
        """Return the form that saves the merge at the current version, with a choice per
        conflicting field; None unless the form was posted to the edit page itself."""
        if not self.retry_url or request.method != "POST":
            return None
        if request.script_root + request.path != self.retry_url.split("?", 1)[0]:
            return None
        from flask_wtf.csrf import generate_csrf

        form, merge = self.form, self.merge
        prefix = form.version.name[: -len(form.version.short_name)]
        theirs = (
            stored_values(self.record, self.field_names) if self.theirs is None else self.theirs
        )
        hidden = [
            (prefix + "version", str(self.version)),
            (prefix + "base", sign_base(theirs)),
        ]
        for name in self.field_names:
            if name in merge.values:
                for value in raw_values(merge.values[name]):
                    hidden.append((prefix + name, value))
        for name in self.extra_fields:
            for value in request.form.getlist(prefix + name):
                hidden.append((prefix + name, value))
        rows = []
        for name in merge.conflicts:
            field = form[name]
            rows.append(
                {
                    "key": prefix + name,
                    "label": field.label.text,
                    "theirs": shown(field, theirs[name]),
                    "mine": shown(field, field.data),
                    "theirs_raw": raw_values(theirs[name]),
                    "mine_raw": request.form.getlist(prefix + name),
                }
            )
        return {
            "action": self.retry_url,
            "csrf_name": prefix + "csrf_token",
            "csrf_token": generate_csrf(),
            "fields": hidden,
            "rows": rows,
        }

    @property
    def field_names(self) -> list[str]:
        return [name for name, _label in self.fields if name in self.form]

    @property
    def extra_fields(self) -> list[str]:
        """Fields of the form that are not the record's (a reason, a confirmation): the
        user's input, carried over as typed."""
        merged = set(self.field_names)
        return [
            field.short_name
            for field in self.form
            if field.short_name not in merged
            and not any(word in field.short_name for word in NEVER_RESUBMITTED)
        ]


def _form_prefix(form) -> str | None:
    """Return the prefix of the posted form's fields ("" for none), from its version field."""
    if "version" in form:
        return ""
    found = [key for key in form if key.endswith("-version")]
    if not found:
        return ""  # posted without a version at all
    return found[0][: -len("version")] if len(found) == 1 else None


def raw_values(value) -> list[str]:
    """Return the strings a browser posts for a field holding value."""
    if value is None:
        return [""]
    if isinstance(value, bool):
        return ["y"] if value else []
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    if isinstance(value, (date, datetime)):
        return [value.isoformat()]
    if isinstance(value, Decimal):
        return [format(value, "f")]
    return [str(value)]


def shown(field, value) -> str:
    """Return a field's value as the user reads it (a choice by its label)."""
    if value is None or value == "":
        return "—"
    choices = getattr(field, "choices", None)
    if choices:
        labels = {str(key): label for key, label, *_rest in _pairs(choices)}
        if isinstance(value, (list, tuple)):
            return ", ".join(labels.get(str(item), str(item)) for item in value)
        return labels.get(str(value), str(value))
    return str(value)


def _pairs(choices):
    for choice in choices:
        yield choice if isinstance(choice, (list, tuple)) else (choice, choice)


def ensure_current(record, submitted_version, **context) -> None:
    """Raise StaleEdit unless the form was made from the record as stored now."""
    if str(record.version) != str(submitted_version or "").strip():
        raise StaleEdit(record, **context)


def stored_values(record, fields) -> dict:
    """Return the record's stored value of each field a form edits."""
    return {name: getattr(record, name, None) for name in fields}


def start_form(form, record, fields, *, theirs: dict | None = None, version=None) -> None:
    """Give a form opened on a record its version and the values it starts from.

    `theirs` holds the stored values when they are not the record's attributes (a
    grid's counts, a record's links by id), `version` the version they carry when it
    is not the record's.
    """
    form.version.data = record.version if version is None else version
    form.base.data = sign_base(stored_values(record, fields) if theirs is None else theirs)


def reconcile(
    record, form, fields, *, retry_url: str, theirs: dict | None = None, version=None
) -> Merge | None:
    """Merge a stale form with the record as stored now, or raise StaleEdit to ask.

    `fields` are the record's attributes the form edits; `theirs` and `version`, as
    for start_form, stand in for the record's attributes and version where the form
    edits something else. When the form is current, nothing happens (None). When it
    is stale and no field was changed by both people, the form's fields are set to the
    merged values and its version to the current one, so the save goes on; the Merge
    says whose changes were kept.
    """
    version = record.version if version is None else version
    if str(version) == str(form.version.data or "").strip():
        return None
    base = read_base(form.base.data)
    mine = {name: form[name].data for name in fields}
    theirs = stored_values(record, fields) if theirs is None else dict(theirs)
    merge = three_way(base or {}, mine, theirs)
    labelled = [(name, form[name].label.text) for name in fields]
    if base is None or not merge.clean:
        raise StaleEdit(
            record,
            fields=labelled,
            retry_url=retry_url,
            form=form,
            merge=merge,
            submitted=mine,
            theirs=theirs,
            version=version,
        )
    for name, value in merge.values.items():
        form[name].data = value
    form.version.data = version
    form.base.data = sign_base(theirs)
    return merge


def flash_merge(merge: Merge | None, form) -> None:
    """Tell the user whose changes a merged save kept besides theirs."""
    if merge is None or not merge.theirs_kept:
        return
    from flask import flash
    from flask_babel import gettext as _

    names = ", ".join(str(form[name].label.text) for name in merge.theirs_kept)
    flash(
        _(
            "Someone saved this record while you edited it; their change to %(fields)s "
            "was kept with yours.",
            fields=names,
        ),
        "info",
    )
