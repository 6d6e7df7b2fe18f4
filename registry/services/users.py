"""Users, sign-in and personal API tokens."""

import hashlib
import math
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from registry import models
from registry.errors import ValidationFailedError
from registry.extensions import db
from registry.models.base import utcnow
from registry.services import changelog
from registry.services._tx import transaction
from registry.services.common import get_or_404, reference_error
from registry.services.permissions import require_role

MIN_PASSWORD_LENGTH = 10
#: a hash to compare against when the e-mail is unknown, so both paths take the same time
_DUMMY_HASH = generate_password_hash("not-a-real-password")


def _hash(password):
    # Tests lower the cost through PASSWORD_HASH_METHOD; deployments keep werkzeug's scrypt.
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


#: the commonest passwords of the shape the policy lets through otherwise (letters and digits)
COMMON_PASSWORDS = frozenset({
    "password1", "password123", "passw0rd1", "qwerty123", "qwertyuiop1", "admin123", "admin1234",
    "administrator1", "welcome1", "welcome123", "letmein1", "abc123456", "abcd12345",
    "1q2w3e4r5t", "1qaz2wsx3edc", "iloveyou1", "bismillah1", "bismillah123", "indonesia1",
    "indonesia123", "jakarta123", "sayang123", "rahasia123", "katasandi1", "p@ssw0rd",
    "p@ssword1", "spbe12345", "diskominfo1", "12345678a", "123456789a", "a123456789",
})
#: a password of fewer different characters is a pattern, not a secret (aaaaaaaaa1)
MIN_DISTINCT_CHARACTERS = 5


def password_problems(password):
    """Return what is wrong with a password under the policy (empty when it is fine)."""
    problems = []
    if len(password or "") < MIN_PASSWORD_LENGTH:
        problems.append(_("Kata sandi minimal %(n)s karakter.", n=MIN_PASSWORD_LENGTH))
    elif password.isdigit() or password.isalpha():
        problems.append(_("Kata sandi harus memuat huruf dan angka atau tanda baca."))
    elif password.lower() in COMMON_PASSWORDS or \
            len(set(password.lower())) < MIN_DISTINCT_CHARACTERS:
        problems.append(_("Kata sandi ini terlalu umum atau berpola; pilih yang lain."))
    return problems


def create_user(data, *, actor):
    """Create a user; an OPD operator must be bound to a unit."""
    require_role(actor, models.Role.ADMIN)
    email = data["email"].strip().lower()
    role = models.Role(data["role"])
    errors = {}
    if problems := password_problems(data.get("password")):
        errors["password"] = problems
    unit_id = data.get("unit_id")
    if role == models.Role.OPD_OPERATOR and not unit_id:
        errors["unit_id"] = [_("Operator OPD wajib terikat pada satu OPD.")]
    elif unit_id and db.session.get(models.Unit, unit_id) is None:
        errors["unit_id"] = [_("OPD tidak dikenal.")]
    if errors:
        raise ValidationFailedError(_("Data pengguna tidak sah."), errors=errors)
    with transaction():
        if db.session.scalar(select(models.User.id).where(func.lower(models.User.email) == email)):
            raise reference_error("email", _("Alamat surel sudah terdaftar."))
        user = models.User(
            email=email,
            name=data["name"],
            role=role,
            unit_id=unit_id if role == models.Role.OPD_OPERATOR else None,
            password_hash=_hash(data["password"]),
            active=True,
        )
        db.session.add(user)
        db.session.flush()
        changelog.log_change("create", user, actor=actor, after=changelog.values_of(user))
    return user


def sign_in_wait(email, address, *, now=None):
    """Return the minutes to wait before signing in again, or 0.

    Too many failures for one e-mail (or, four times as many, from one address) within the
    window lock further attempts until the oldest of them leaves the window.
    """
    config = current_app.config
    limit = config["REGISTRY_LOGIN_ATTEMPTS"]
    window = timedelta(minutes=config["REGISTRY_LOGIN_WINDOW_MINUTES"])
    now = now or utcnow()
    attempt = models.LoginAttempt
    since = now - window
    for column, value, allowed in ((attempt.email, _normal(email), limit),
                                   (attempt.address, address or "", 4 * limit)):
        times = db.session.scalars(select(attempt.at).where(column == value, attempt.at > since)
                                   .order_by(attempt.at.desc()).limit(allowed)).all()
        if len(times) >= allowed:
            oldest = times[-1]
            return max(1, math.ceil((oldest + window - now).total_seconds() / 60))
    return 0


def record_failed_sign_in(email, address):
    """Remember a failed sign-in (and forget ones older than a day)."""
    attempt = models.LoginAttempt
    with transaction():
        db.session.execute(delete(attempt).where(attempt.at < utcnow() - timedelta(days=1)))
        db.session.add(attempt(email=_normal(email)[:254], address=(address or "")[:45]))


def clear_failed_sign_ins(email):
    """Forget an e-mail's failures once its owner signed in."""
    attempt = models.LoginAttempt
    with transaction():
        db.session.execute(delete(attempt).where(attempt.email == _normal(email)))


def _normal(email):
    return (email or "").strip().lower()



def authenticate(email, password):
    """Return the active user with this e-mail and password, or None."""
    user = db.session.scalar(
        select(models.User).where(func.lower(models.User.email) == (email or "").strip().lower())
    )
    if user is None:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not user.active or not check_password_hash(user.password_hash, password or ""):
        return None
    with transaction():
        user.last_login_at = utcnow()
    return user


def list_users():
    """Return every user, by name."""
    return db.session.scalars(select(models.User).order_by(models.User.name)).all()


def get_user(user_id):
    """Return a user, or raise NotFoundError."""
    return get_or_404(models.User, user_id)


def _digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(user, name, *, actor):
    """Create an API token for ``user``; return (row, the token itself, shown only now)."""
    if actor is not None and actor.id != user.id:
        require_role(actor, models.Role.ADMIN)
    token = "spbe_" + secrets.token_urlsafe(32)
    with transaction():
        row = models.ApiToken(
            user_id=user.id, name=name, token_hash=_digest(token), prefix=token[:12]
        )
        db.session.add(row)
        db.session.flush()
        changelog.log_change(
            "create",
            row,
            actor=actor,
            after={"user_id": user.id, "name": name, "prefix": row.prefix},
        )
    return row, token


def revoke_token(token_id, *, actor):
    """Revoke one of the actor's tokens (an admin may revoke anyone's)."""
    with transaction():
        row = get_or_404(models.ApiToken, token_id)
        if actor is not None and row.user_id != actor.id:
            require_role(actor, models.Role.ADMIN)
        if row.revoked_at is None:
            row.revoked_at = utcnow()
            changelog.log_change(
                "update", row, actor=actor, before={"revoked_at": None},
                after={"revoked_at": row.revoked_at.isoformat()},
            )
    return row


def tokens_of(user):
    """Return the user's tokens, newest first."""
    stmt = (
        select(models.ApiToken)
        .where(models.ApiToken.user_id == user.id)
        .order_by(models.ApiToken.created_at.desc())
    )
    return db.session.scalars(stmt).all()


def user_for_token(token):
    """Return the active user owning this unrevoked token, or None."""
    if not token:
        return None
    row = db.session.scalar(
        select(models.ApiToken).where(models.ApiToken.token_hash == _digest(token))
    )
    if row is None or row.revoked_at is not None or not row.user.active:
        return None
    return row.user
