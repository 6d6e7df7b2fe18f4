"""Language choice for each request, and the marker for texts translated later."""

from flask import current_app, has_request_context, request, session
from flask_login import current_user


def N_(text):  # noqa: N802 - the gettext convention for "mark for extraction only"
    """Mark ``text`` for the catalogue; it is translated where it is shown."""
    return text


def select_locale():
    """Choose the interface language: the session's choice, the user's, then Indonesian."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI and background work speak the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("locale")
    if chosen in languages:
        return chosen
    if current_user and getattr(current_user, "locale", None) in languages:
        return current_user.locale
    if request.path.startswith("/api/"):  # API clients say what they read
        return request.accept_languages.best_match(languages) or current_app.config[
            "BABEL_DEFAULT_LOCALE"
        ]
    # Pages are Indonesian unless the user switches: a browser set to English is common on
    # office machines and says little about what the reader wants.
    return current_app.config["BABEL_DEFAULT_LOCALE"]
