"""How a page shows a command's refusal: each message beside the field it is about."""

from roadmap.commands import Invalid


def show_refusal(form, refused: Invalid, fields: dict | None = None) -> None:
    """Add the refusal's messages to the form's fields.

    `fields` maps a command's field name to the form's where the two differ; a message
    about a field the form lacks goes to the form's own errors (form.form_errors).
    """
    for name, messages in refused.errors.items():
        name = (fields or {}).get(name, name)
        if name not in form:
            form.form_errors.extend(messages)
            continue
        form[name].errors = list(form[name].errors) + messages
