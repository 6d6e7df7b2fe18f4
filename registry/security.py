"""Response hardening and the session cookie: headers on every response, Secure over HTTPS.

The pages run no inline script (a CSP that allows none), cannot be framed, and declare their
types; inline style attributes stay allowed (charts set widths with them).
"""

import re

from flask import request
from flask.sessions import SecureCookieSessionInterface
from flask_babel import gettext as _
from werkzeug.middleware.proxy_fix import ProxyFix

from registry.errors import ValidationFailedError

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class RegistrySessionInterface(SecureCookieSessionInterface):
    """Mark the session cookie Secure whenever the request came over HTTPS (or when forced)."""

    def get_cookie_secure(self, app):
        """Tell whether the cookie is Secure: forced by the config, or the request is HTTPS."""
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure


#: how deep a JSON body may nest: the API's documents are a few levels deep
MAX_JSON_DEPTH = 32


_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(rb"[\[\]{}]")


def json_depth(body: bytes) -> int:
    """Return how deep a JSON text nests (brackets outside strings), without parsing it."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_JSON_STRING.sub(b"", body)):
        if bracket in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def init_security(app):
    """Install the headers, the session interface and, behind a proxy, ProxyFix."""
    app.session_interface = RegistrySessionInterface()
    if app.config.get("REGISTRY_PROXY_FIX"):
        # one trusted proxy in front (nginx): its X-Forwarded-Proto tells us HTTPS
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    @app.before_request
    def refuse_deep_json():
        # Python's JSON parser recurses once per level: a body nested a thousand deep would
        # end in a RecursionError (a 500) before any schema sees it
        body = request.get_data(cache=True) if request.is_json else b""
        # a body cannot nest deeper than it has brackets: most are not scanned at all
        if body.count(b"[") + body.count(b"{") > MAX_JSON_DEPTH \
                and json_depth(body) > MAX_JSON_DEPTH:
            message = _("JSON bersarang terlalu dalam (paling banyak %(n)s tingkat).",
                        n=MAX_JSON_DEPTH)
            raise ValidationFailedError(message, errors={"_schema": [message]})

    @app.after_request
    def add_security_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security",
                                        "max-age=31536000; includeSubDomains")
        return response
