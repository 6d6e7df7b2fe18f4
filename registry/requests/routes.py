"""Routes of the request area and the inbox: parse, call a service, render."""

from functools import partial

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from arch_models.requests import RequestAction, RequestKind, RequestState
from registry.auth import current_actor
from registry.errors import ConflictError, PermissionDeniedError, ValidationFailedError
from registry.forms import create_or_update, filter_args, form_page, parse_form
from registry.labels import label
from registry.requests import bp
from registry.schemas.common import translate_errors
from registry.schemas.requests import FORM_SCHEMAS, RequestQueryArgsSchema, TransitionFormSchema
from registry.services import integrations, inventory, notifications, organisation
from registry.services import requests as service
from registry.services.permissions import can_request, is_operator


def request_filters(args):
    """Turn parsed query arguments into request filters."""
    return service.RequestFilters(
        scope=args.get("scope") or "all", state=args.get("state"), kind=args.get("kind"),
        agency_id=args.get("agency"), unit_id=args.get("unit"), q=args.get("q"),
        overdue=args.get("overdue", False))


@bp.get("/requests")
def list_requests():
    """List the requests the user may see: their own, the queue to decide, or all."""
    actor = current_actor()
    try:
        args = RequestQueryArgsSchema().load(filter_args(request.args))
    except ValidationError as error:
        abort(400, description=str(translate_errors(error.messages)))
    if "scope" not in request.args:
        args["scope"] = "mine" if is_operator(actor) else "queue"
    page = service.list_requests(request_filters(args), actor=actor, page=args["page"],
                                 per_page=args["per_page"])
    return render_template(
        "requests/list.html", page=page, args=args, due_days=service.due_days(),
        can_request=can_request(actor),
        queue_count=service.queue_count(actor),
    )


def _agency_id_for(actor, req=None):
    if req is not None:
        return req.agency_id
    if actor.unit is not None:
        return actor.unit.agency_id
    default = organisation.default_agency()
    return default.id if default else None


def _form_context(kind, actor, req):
    agency_id = _agency_id_for(actor, req)
    context = {"kind": kind, "req": req, "units": organisation.unit_choices(agency_id),
               # a new draft may arrive filled in, e.g. from a link form refused for another OPD
               "preset": request.args if req is None else {},
               "applications": integrations.application_choices(agency_id)}
    if kind == RequestKind.SUBDOMAIN:
        agency = organisation.get_agency(agency_id) if agency_id else None
        context["zone"] = agency.zone if agency else ""
    if kind == RequestKind.APPLICATION:
        context["hosting"] = inventory.hosting_choices(agency_id)
    return context


@bp.route("/requests/new/<kind>", methods=["GET", "POST"])
@bp.route("/requests/<int:request_id>/edit", methods=["GET", "POST"])
def edit_request(kind=None, request_id=None):
    """Draft a request, or change a draft; "submit" also sends it on."""
    actor = current_actor()
    req, kind = _draft_to_edit(actor, kind, request_id)
    # a form sent again changes the draft it made the first time
    save = create_or_update(req, partial(service.create_request, kind, actor=actor,
                                         reuse_draft=True),
                            partial(service.update_request, actor=actor))
    return form_page("requests/form.html", FORM_SCHEMAS[kind](), save, _draft_saved,
                     lambda: _form_context(kind, actor, req))


def _draft_to_edit(actor, kind, request_id):
    """Return the draft to change (None for a new one) and its kind; 403 or 404 if none."""
    if not can_request(actor):
        abort(403)
    req = service.get_request(request_id, actor=actor) if request_id else None
    if req is not None and (req.state != RequestState.DRAFT or
                            RequestAction.SUBMIT not in service.available_actions(actor, req)):
        abort(403)
    try:
        return req, (req.kind if req is not None else RequestKind(kind))
    except ValueError:
        abort(404)


def _draft_saved(req):
    """Send the draft on if the form asked so ("submit"); else show it."""
    if request.form.get("then") == "submit":
        return _transition(req, RequestAction.SUBMIT, {}, from_form=True)
    flash(_("Draf permintaan disimpan."), "success")
    return redirect(url_for("requests.show_request", request_id=req.id))


@bp.get("/requests/<int:request_id>")
def show_request(request_id, errors=None, matches=None, status=200, kept_as_draft=None):
    """Show one request: what is asked, similar applications, the actions and the history.

    ``kept_as_draft``: why the form's submission was refused; its draft was saved all the same.
    """
    actor = current_actor()
    req = service.get_request(request_id, actor=actor)
    if matches is None and req.kind == RequestKind.APPLICATION and req.state == RequestState.DRAFT:
        matches = [service.match_record(m) for m in service.duplicate_candidates(req)]
    return render_template(
        "requests/detail.html", req=req, errors=errors or {},
        duplicates=matches if matches is not None else (req.duplicates or []),
        actions=service.available_actions(actor, req), overdue=service.overdue(req),
        own_request_note=service.own_request_message()
        if service.awaits_another_decider(actor, req) else None,
        due_days=service.due_days(), history=service.history(req),
        result_url=result_url(req),
        kept_as_draft=_("Permintaan disimpan sebagai draf #%(id)s dan belum diajukan: %(why)s",
                        id=req.id, why=kept_as_draft) if kept_as_draft else None,
    ), status


@bp.post("/requests/<int:request_id>/transition")
def transition(request_id):
    """Take one step: submit, withdraw, approve or reject."""
    actor = current_actor()
    req = service.get_request(request_id, actor=actor)
    data, errors = parse_form(TransitionFormSchema(), request.form)
    if errors:
        return show_request(req.id, errors=errors, status=422)
    return _transition(req, data.pop("action"), data)


def _transition(req, action, data, *, from_form=False):
    """Take the step; ``from_form``: the request form saved the draft just before."""
    actor = current_actor()
    try:
        service.transition(req.id, action, actor=actor, reason=data.get("reason"),
                           justification=data.get("justification"),
                           expected_version=data.get("version"))
    except service.DuplicatesFoundError as error:
        matches = [service.match_record(m) for m in error.matches]
        return show_request(req.id, errors=error.errors, matches=matches, status=422,
                            kept_as_draft=error.message if from_form else None)
    except (ValidationFailedError, ConflictError) as error:
        errors = error.errors or {"_schema": [error.message]}
        return show_request(req.id, errors=errors, status=error.status_code,
                            kept_as_draft=_why_refused(error) if from_form else None)
    except PermissionDeniedError as error:
        return show_request(req.id, errors={"_schema": [error.message]}, status=403,
                            kept_as_draft=error.message if from_form else None)
    flash(_("Permintaan #%(id)s: %(what)s.", id=req.id,
            what=service.state_name(req.state)), "success")
    return redirect(url_for("requests.show_request", request_id=req.id))


def _why_refused(error):
    """Return the refusal in words, the fields' messages too (the detail page has no fields)."""
    details = [m if field == "_schema" else f"{label('field', field)}: {m}"
               for field, messages in (error.errors or {}).items() for m in messages]
    return " ".join(dict.fromkeys([error.message, *details]))


def result_url(req):
    """Return the page of the record an approval created."""
    if req.result_id is None:
        return None
    if req.result_type == "applications":
        return url_for("inventory.show_application", app_id=req.result_id)
    if req.result_type == "integration_links":
        return url_for("integrations.show_link", link_id=req.result_id)
    if req.result_type == "domain_names":
        return url_for("domains.edit_domain", domain_id=req.result_id)
    return None


@bp.get("/inbox")
def inbox():
    """List the user's notifications, newest first."""
    actor = current_actor()
    unread_only = request.args.get("unread") == "1"
    page = notifications.inbox(actor, unread_only=unread_only,
                               page=request.args.get("page", 1, type=int) or 1)
    return render_template("requests/inbox.html", page=page, unread_only=unread_only,
                           message_of=notifications.message_of)


@bp.post("/inbox/read")
def mark_read():
    """Mark one notification read (and open its request), or all of them."""
    actor = current_actor()
    note_id = request.form.get("id", type=int)
    notifications.mark_read(actor, [note_id] if note_id else None)
    target = request.form.get("request_id", type=int)
    if target:
        return redirect(url_for("requests.show_request", request_id=target))
    return redirect(url_for("requests.inbox"))


@bp.app_context_processor
def inbox_badges():
    """Give every page the unread count and the queue size of the signed-in user."""
    actor = current_actor()
    if actor is None:
        return {}
    unread, waiting = service.badge_counts(actor)
    return {"unread_notifications": unread, "requests_waiting": waiting}

