"""The in-app inbox, and e-mail through SMTP when one is configured.

A notification stores what happened (an event and its parameters), not a sentence, so each
reader sees it in their own language. Mail goes out after the change is committed; a mail
server that fails is logged and never undoes the change.
"""

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from arch_models.requests import RequestState
from registry import models
from registry.extensions import db
from registry.i18n import N_
from registry.models.base import utcnow
from registry.services._tx import in_transaction
from registry.services.pagination import paginate

logger = logging.getLogger(__name__)

#: event -> message (a catalogue id in Bahasa Indonesia); parameters: id, title, actor, reason
EVENTS = {
    "submitted": N_("Permintaan #%(id)s \u201c%(title)s\u201d diajukan oleh %(actor)s dan "
                    "menunggu keputusan."),
    "approved": N_("Permintaan #%(id)s \u201c%(title)s\u201d disetujui oleh %(actor)s."),
    "rejected": N_("Permintaan #%(id)s \u201c%(title)s\u201d ditolak oleh %(actor)s: %(reason)s"),
    "withdrawn": N_("Permintaan #%(id)s \u201c%(title)s\u201d ditarik oleh %(actor)s."),
}
#: the "submitted" message once the request no longer waits; the inbox shows its state beside it
SUBMITTED_EARLIER = N_("Permintaan #%(id)s \u201c%(title)s\u201d diajukan oleh %(actor)s.")

#: mails waiting for the transaction to commit, per session
_OUTBOX_KEY = "registry_mail_outbox"


def message_of(notification):
    """Return the notification's text in the current language.

    A request decided or withdrawn since it was submitted no longer "waits for a decision".
    """
    template = EVENTS.get(notification.event)
    if template is None:
        return notification.event
    if notification.event == RequestState.SUBMITTED and not awaits_decision(notification):
        template = SUBMITTED_EARLIER
    params = {"id": "", "title": "", "actor": "", "reason": ""} | dict(notification.params or {})
    return _(template, **params)


def awaits_decision(notification):
    """Tell whether the notification's request is still submitted and undecided."""
    req = notification.request
    return req is None or req.state == RequestState.SUBMITTED


def notify(users, event, *, request, params):
    """Add one inbox entry per user (each once), and queue a mail for those with an address."""
    seen = set()
    for user in users:
        if user is None or user.id in seen or not user.active:
            continue
        seen.add(user.id)
        note = models.Notification(user_id=user.id, request_id=request.id, event=event,
                                   params=dict(params))
        db.session.add(note)
        if current_app.config.get("REGISTRY_MAIL_SERVER"):
            db.session.info.setdefault(_OUTBOX_KEY, []).append(note)


def send_queued_mail():
    """Send the mails of the committed notifications; failures are logged and recorded.

    Inside a larger transaction (the demo loader) the mails wait for its end.
    """
    if in_transaction():
        return
    outbox = db.session.info.pop(_OUTBOX_KEY, [])
    for note in outbox:
        note.mail_status = _send(note)
    if outbox:
        db.session.commit()


def discard_queued_mail():
    """Forget the mails of a transaction that was rolled back."""
    db.session.info.pop(_OUTBOX_KEY, None)


def _send(note):
    config = current_app.config
    user = note.user
    with force_locale(user.locale or config.get("BABEL_DEFAULT_LOCALE", "id")):
        text = message_of(note)
        subject = _("[SPBE Registry] Permintaan #%(id)s", id=note.request_id)
    mail = EmailMessage()
    mail["From"] = config["REGISTRY_MAIL_SENDER"]
    mail["To"] = user.email
    mail["Subject"] = subject
    base_url = (config.get("REGISTRY_BASE_URL") or "").rstrip("/")
    link = f"\n\n{base_url}/requests/{note.request_id}" if base_url else ""
    mail.set_content(text + link)
    try:
        with smtplib.SMTP(config["REGISTRY_MAIL_SERVER"], config["REGISTRY_MAIL_PORT"],
                          timeout=10) as smtp:
            if config.get("REGISTRY_MAIL_USE_TLS"):
                smtp.starttls()
            if config.get("REGISTRY_MAIL_USERNAME"):
                smtp.login(config["REGISTRY_MAIL_USERNAME"], config["REGISTRY_MAIL_PASSWORD"] or "")
            smtp.send_message(mail)
    except (OSError, smtplib.SMTPException) as error:
        logger.warning("mail to %s about request #%s failed: %s", user.email, note.request_id,
                       error)
        return f"failed: {error}"[:200]
    return f"sent {utcnow().isoformat(timespec='seconds')}"


def inbox(user, *, unread_only=False, page=1, per_page=25):
    """Return a page of the user's notifications, newest first."""
    note = models.Notification
    stmt = select(note).where(note.user_id == user.id).options(selectinload(note.request))
    if unread_only:
        stmt = stmt.where(note.read_at.is_(None))
    stmt = stmt.order_by(note.created_at.desc(), note.id.desc())
    return paginate(stmt, page=page, per_page=per_page, scalars=True)


def unread_count(user):
    """Return how many of the user's notifications are unread."""
    note = models.Notification
    return db.session.scalar(
        select(func.count()).where(note.user_id == user.id, note.read_at.is_(None)))


def mark_read(user, notification_ids=None):
    """Mark the user's notifications read: the given ones, or all; return how many changed."""
    note = models.Notification
    stmt = update(note).where(note.user_id == user.id, note.read_at.is_(None))
    if notification_ids is not None:
        stmt = stmt.where(note.id.in_(notification_ids))
    result = db.session.execute(stmt.values(read_at=utcnow()))
    db.session.commit()
    return result.rowcount
