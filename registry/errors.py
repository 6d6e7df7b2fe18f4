"""Error types of the registry and the one table that turns them into responses."""

import logging

from flask import jsonify, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from arch_models.errors import DomainError

logger = logging.getLogger(__name__)


class RegistryError(Exception):
    """Base of the errors a service raises on purpose."""

    status_code = 400

    def __init__(self, message="", errors=None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}

    def payload(self):
        """Return the JSON body: field errors, or the message under ``_schema``."""
        return self.errors or {"_schema": [self.message]}


class NotFoundError(RegistryError):
    """The record does not exist (or is not visible to the actor)."""

    status_code = 404


class PermissionDeniedError(RegistryError):
    """The actor may not do this."""

    status_code = 403


class RequestRequiredError(PermissionDeniedError):
    """The actor may not do this directly, but may ask for it with a request of ``kind``.

    The surfaces point the way on: the API names the request endpoint, a page links the form.
    """

    def __init__(self, message, *, kind):
        super().__init__(message)
        #: the request kind that asks for it ("link", "application")
        self.kind = kind


class ValidationFailedError(RegistryError):
    """The input breaks a rule; ``errors`` maps each field to its messages."""

    status_code = 422


class ConflictError(RegistryError):
    """The record changed since the actor read it, or the write would clash with another record."""

    status_code = 409


def wants_json():
    """Tell whether the client should get JSON rather than an HTML page."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and (
        request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def _respond(status, errors, message, headers=None, next_url=None):
    headers = headers or {}
    if wants_json():
        return jsonify({"errors": errors}), status, headers
    page = render_template("errors/error.html", status=status, message=message, errors=errors,
                           next_url=next_url)
    return page, status, headers


def _request_required(error):
    """Refuse a direct write and point the way on: the request endpoint, or the request form."""
    if request.path.startswith("/api/"):
        message = " ".join((error.message, _(
            'Ajukan lewat POST %(url)s dengan kind "%(kind)s".',
            url=url_for("api_requests.RequestList"), kind=error.kind)))
        return _respond(403, {"_schema": [message]}, message)
    return _respond(403, error.payload(), error.message,
                    next_url=url_for("requests.edit_request", kind=error.kind))


#: where webargs found the input; the client only needs the field names
_LOCATIONS = {"json", "query", "form", "files", "headers", "cookies", "path", "view_args"}


def _flatten_locations(messages):
    """Turn webargs' ``{"json": {"name": [...]}}`` into ``{"name": [...]}``."""
    if not isinstance(messages, dict):
        return None
    if set(messages) <= _LOCATIONS:
        flat = {}
        for inner in messages.values():
            flat.update(inner if isinstance(inner, dict) else {"_schema": inner})
        return flat
    return messages


def register_error_handlers(app):
    """Map every error to one response shape: JSON ``{"errors": ...}`` or an HTML page."""

    @app.errorhandler(RegistryError)
    def handle_registry_error(error):
        return _respond(error.status_code, error.payload(), error.message)

    app.register_error_handler(RequestRequiredError, _request_required)

    @app.errorhandler(DomainError)
    def handle_domain_error(error):
        return _respond(422, {"_schema": [str(error)]}, str(error))

    @app.errorhandler(HTTPException)
    def handle_http_exception(error):
        messages = {
            400: _("Permintaan tidak dapat dipahami."),
            401: _("Silakan masuk terlebih dahulu."),
            403: _("Anda tidak berhak melakukan ini."),
            404: _("Halaman atau data tidak ditemukan."),
            405: _("Metode tidak diizinkan."),
            413: _("Berkas terlalu besar."),
            429: _("Terlalu banyak permintaan dari alamat Anda. Tunggu sebentar lalu coba lagi."),
        }
        message = messages.get(error.code, error.description or error.name)
        data = getattr(error, "data", None) or {}
        errors = data.get("errors") or _flatten_locations(data.get("messages"))
        if errors:
            from registry.schemas.common import translate_errors

            errors = translate_errors(errors)
        return _respond(error.code, errors or {"_schema": [message]}, message, data.get("headers"))

    @app.errorhandler(Exception)
    def handle_unexpected(error):
        from registry.extensions import db

        db.session.rollback()
        logger.exception("Unhandled error on %s %s", request.method, request.path)
        message = _("Terjadi kesalahan di server. Kejadian ini sudah dicatat.")
        return _respond(500, {"_schema": [message]}, message)
