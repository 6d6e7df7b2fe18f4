"""Shared steps of the HTML form routes: parse with a schema, keep the input on errors, ask
before a delete or a retirement."""

from flask import render_template, request
from marshmallow import ValidationError, fields

from registry.errors import ConflictError, ValidationFailedError
from registry.schemas.common import translate_errors


def parse_form(schema, form):
    """Load a submitted form with ``schema``; return (data, errors)."""
    data = {
        key: form.getlist(key) if isinstance(schema.fields.get(key), fields.List) else form[key]
        for key in form
    }
    try:
        return schema.load(data), {}
    except ValidationError as error:
        return None, translate_errors(error.messages)


def run_service(call):
    """Call a service; return (result, errors, conflict message) so the form can be shown again."""
    try:
        return call(), {}, None
    except ConflictError as error:
        return None, error.errors, error.message
    except ValidationFailedError as error:
        return None, error.errors or {"_schema": [error.message]}, None


def error_text(errors):
    """Return a form's errors as one line, for a flash message: "rule; rule"."""
    return "; ".join(m for messages in errors.values() for m in messages)


def filter_args(args):
    """Return a list page's query arguments without the empty ones.

    A filter form left at "Semua" sends the field empty (``unit=``): that means no filter, not a
    bad value for the schema to refuse.
    """
    return {key: value for key, value in args.items() if value.strip()}


def confirmation(*, title, record, action_label, cancel_url, consequences=(), touched=(),
                 hidden=None, danger=True, undo_note=None, status=200):
    """Render the page that asks before a delete or a retirement: it names the record and what
    else the action touches, and its form posts to the address it was opened at.

    ``touched``: (text, url or None) of each record the action ends along with this one.
    """
    return render_template(
        "changes/confirm.html", title=title, record=record, action_label=action_label,
        cancel_url=cancel_url, consequences=list(consequences), touched=list(touched),
        hidden=hidden or {}, danger=danger, undo_note=undo_note, action=request.path,
    ), status
