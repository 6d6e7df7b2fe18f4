"""Today as the registry's users live it: the date in the configured time zone.

Not the server's: a server on UTC is still on yesterday until 07:00 in Jakarta.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

#: when no app is there to ask (a pure import of a service), the registry's default zone
DEFAULT_TIMEZONE = "Asia/Jakarta"


def zone():
    """Return the configured time zone (REGISTRY_TIMEZONE, default Asia/Jakarta)."""
    name = current_app.config.get("BABEL_DEFAULT_TIMEZONE") if has_app_context() else None
    return ZoneInfo(name or DEFAULT_TIMEZONE)


def local_today() -> date:
    """Return today's date in the configured time zone."""
    return datetime.now(zone()).date()
