"""Shared steps of the HTML form routes.

Parse with a schema, keep the input on errors, ask before a delete or a retirement.

The create-or-edit flow of a form page, in one place (``form_page``)::

    GET                      -> the form, 200
    POST, input invalid      -> the form again with the input and its errors, 422, nothing written
    POST, version is stale   -> the form again with the input and the conflict, 409, nothing written
    POST, saved              -> ``done(saved)``: flash and redirect

``submit`` and ``render_form`` are its two halves, for a page that shows the form its own way.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from flask import render_template, request
from marshmallow import ValidationError, fields

from registry.errors import ConflictError, ValidationFailedError
from registry.schemas.common import translate_errors


def parse_form(schema, form):
    """Load a submitted form with ``schema``; return (data, errors)."""
    multi = hasattr(form, "getlist")  # a posted form, or values the route already gathered
    data = {
        key: form.getlist(key) if multi and isinstance(schema.fields.get(key), fields.List)
        else form[key]
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


@dataclass
class Submission:
    """What became of a form: the values to show again, their errors, or the saved record."""

    #: the values to show in the form again; None on a GET (the form shows the record)
    form: Mapping | None = None
    errors: dict = field(default_factory=dict)
    #: why a stale or clashing write was refused (ConflictError)
    conflict: str | None = None
    #: the error of a refusal the route asked ``submit`` to keep (``refusable``)
    refused: Exception | None = None
    saved: object = None

    @property
    def status(self):
        """Return the page's status: 403 refused, 409 conflict, 422 invalid, else 200."""
        return 403 if self.refused else 409 if self.conflict else 422 if self.errors else 200


def submit(schema, save, *, values=None, refusable=()):
    """On a POST, parse the form with ``schema`` and, if it is valid, call ``save(data, version)``.

    ``version`` is the record's version the form was read at (popped from ``data``; None when
    the schema has none). ``values``: what to parse instead of the posted form (the route
    gathered or completed it); it is also what the form shows again. ``refusable``: error types
    of ``save`` to keep as ``refused`` rather than let through to the error pages.
    On a GET nothing is parsed or saved.
    """
    if request.method != "POST":
        return Submission()
    values = request.form if values is None else values
    data, errors = parse_form(schema, values)
    if errors:
        return Submission(values, errors)
    version = data.pop("version", None)
    try:
        saved, errors, conflict = run_service(lambda: save(data, version))
    except refusable as error:
        return Submission(values, refused=error)
    return Submission(values, errors, conflict, saved=saved)


def render_form(template, submission, **context):
    """Render a form page with what was sent, its errors and the status they call for."""
    return render_template(template, form=submission.form, errors=submission.errors,
                           conflict=submission.conflict, **context), submission.status


def form_page(template, schema, save, done, context=dict, *, values=None):
    """Run a create-or-edit form page (see the module's docstring).

    ``save(data, version)`` writes (see ``create_or_update``); ``done(saved)`` answers a
    successful POST. ``context()`` returns the template's other values; it is called only
    when the form is shown, after a refused write.
    """
    submission = submit(schema, save, values=values)
    if submission.saved is not None:
        return done(submission.saved)
    return render_form(template, submission, **context())


def create_or_update(record, create, update, *, fixed=()):
    """Return the ``save`` of a form that adds a record, or changes ``record`` if there is one.

    ``create(data)``; ``update(record.id, data, expected_version=version)``. ``fixed``: the
    fields an update leaves as they are, even when the form sends them (the record's agency).
    """
    if record is None:
        return lambda data, _version: create(data)
    return lambda data, version: update(
        record.id, {key: value for key, value in data.items() if key not in fixed},
        expected_version=version)


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
    """Render the page that asks before a delete or a retirement.

    It names the record and what else the action touches, and its form posts to the address it was
    opened at.

    ``touched``: (text, url or None) of each record the action ends along with this one.
    """
    return render_template(
        "changes/confirm.html", title=title, record=record, action_label=action_label,
        cancel_url=cancel_url, consequences=list(consequences), touched=list(touched),
        hidden=hidden or {}, danger=danger, undo_note=undo_note, action=request.path,
    ), status
