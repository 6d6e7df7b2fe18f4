"""Users, sign-in and personal API tokens."""

import hashlib
import math
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, func, or_, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from registry import models
from registry.errors import ConflictError, ValidationFailedError
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
    if problem := _unit_problem(role, unit_id):
        errors["unit_id"] = [problem]
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


def _unit_problem(role, unit_id):
    """Return the unit_id error for a role, or None."""
    if role == models.Role.OPD_OPERATOR and not unit_id:
        return _("Operator OPD wajib terikat pada satu OPD.")
    if unit_id and db.session.get(models.Unit, unit_id) is None:
        return _("OPD tidak dikenal.")
    return None


def _keep_an_admin(user, actor):
    """Refuse to take the admin role or the account away from the last active admin, or oneself.

    Another admin must do it, so nobody locks the registry.
    """
    if user.role != models.Role.ADMIN or not user.active:
        return
    if actor is not None and actor.id == user.id:
        raise ConflictError(_("Anda tidak dapat mencabut peran admin atau menonaktifkan akun "
                              "Anda sendiri; minta admin lain."))
    others = db.session.scalar(select(func.count(models.User.id)).where(
        models.User.role == models.Role.ADMIN, models.User.active.is_(True),
        models.User.id != user.id))
    if not others:
        raise ConflictError(_("Harus tetap ada satu admin aktif."))


def end_sessions(user):
    """End every session of the user at once (their cookies name the old generation)."""
    with transaction():
        user.session_generation = (user.session_generation or 0) + 1


def change_role(user_id, data, *, actor):
    """Give a user another role (an OPD operator needs a unit); admins only."""
    require_role(actor, models.Role.ADMIN)
    role, unit_id = models.Role(data["role"]), data.get("unit_id")
    if problem := _unit_problem(role, unit_id):
        raise ValidationFailedError(_("Data pengguna tidak sah."), errors={"unit_id": [problem]})
    with transaction():
        user = get_or_404(models.User, user_id)
        if role != models.Role.ADMIN:
            _keep_an_admin(user, actor)
        unit_id = unit_id if role == models.Role.OPD_OPERATOR else None
        before = {"role": user.role.value, "unit_id": user.unit_id}
        user.role, user.unit_id = role, unit_id
        changelog.log_change("update", user, actor=actor, before=before,
                             after={"role": role.value, "unit_id": unit_id})
    return user


def set_active(user_id, active, *, actor):
    """Deactivate a user (every session and token stops at once) or activate them again."""
    require_role(actor, models.Role.ADMIN)
    with transaction():
        user = get_or_404(models.User, user_id)
        if user.active == active:
            return user
        if not active:
            _keep_an_admin(user, actor)
            end_sessions(user)
        user.active = active
        changelog.log_change("update", user, actor=actor, before={"active": not active},
                             after={"active": active})
    return user


def set_temporary_password(user_id, *, actor):
    """Give a user a new random password to change at the next sign-in; return it (shown once).

    The user's sessions end: whoever held the old password is signed out too.
    """
    require_role(actor, models.Role.ADMIN)
    password = _temporary_password()
    with transaction():
        user = get_or_404(models.User, user_id)
        user.password_hash = _hash(password)
        user.must_change_password = True
        end_sessions(user)
        changelog.log_change("update", user, actor=actor, before={"password": "…"},
                             after={"password": _("sandi sementara")})
    return user, password


def _temporary_password():
    """Return three groups of four easily read characters, e.g. ``k7mq-2xwd-p9ta``."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    while True:
        password = "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))
        if not password_problems(password):
            return password


def change_own_password(user, data):
    """Change the signed-in user's password; the user's other sessions end.

    ``data`` holds ``current_password``, ``new_password`` and ``repeat``.
    """
    errors = {}
    if not check_password_hash(user.password_hash, data.get("current_password") or ""):
        errors["current_password"] = [_("Kata sandi saat ini salah.")]
    new = data.get("new_password") or ""
    if problems := password_problems(new):
        errors["new_password"] = problems
    elif new == data.get("current_password"):
        errors["new_password"] = [_("Kata sandi baru harus berbeda dari yang lama.")]
    if not errors and new != data.get("repeat"):
        errors["repeat"] = [_("Ulangan kata sandi tidak sama.")]
    if errors:
        raise ValidationFailedError(_("Kata sandi belum diganti."), errors=errors)
    with transaction():
        user.password_hash = _hash(new)
        user.must_change_password = False
        end_sessions(user)
        changelog.log_change("update", user, actor=user, before={"password": "…"},
                             after={"password": _("diganti pemiliknya")})
    return user


def user_by_email(email):
    """Return the user with this e-mail (any case), or None."""
    return db.session.scalar(select(models.User).where(func.lower(models.User.email) ==
                                                       _normal(email)))


@dataclass(frozen=True)
class SignInTurn:
    """The answer to "may this e-mail try a password now?"."""

    allowed: bool
    #: seconds until the next try is allowed (when refused)
    wait_seconds: int = 0


def _throttle_keys(email, address):
    """Return (key, free tries) for the e-mail and for the client's address."""
    limit = current_app.config["REGISTRY_LOGIN_ATTEMPTS"]
    return ((f"email:{_normal(email)}"[:320], limit), (f"address:{address or ''}"[:320], 4 * limit))


def _delay(failures, free):
    """Return the wait after ``failures`` failures.

    None within the free tries, then 30 s, doubling with each further failure, never longer than the
    window.
    """
    if failures < free:
        return None
    window = current_app.config["REGISTRY_LOGIN_WINDOW_MINUTES"] * 60
    return timedelta(seconds=min(window, 30 * 2 ** min(failures - free, 20)))


def claim_sign_in(email, address, *, now=None):
    """Count a sign-in try for the e-mail and the address, or say how long to wait.

    The try is counted before the password is checked, in one transaction whose conditional
    updates lock the rows, so parallel tries cannot all slip through on the same count.
    A success gives the try back (:func:`sign_in_succeeded`). Past the free tries an e-mail is
    slowed down rather than locked: its owner waits seconds, an attacker waits longer each time.
    """
    now = now or utcnow()
    window = timedelta(minutes=current_app.config["REGISTRY_LOGIN_WINDOW_MINUTES"])
    throttle = models.SignInThrottle
    with transaction() as session:
        session.execute(delete(throttle).where(throttle.last_failure_at < now - timedelta(days=1)))
        for key, free in _throttle_keys(email, address):
            session.execute(_insert_missing(session, key))
            # a key quiet for a whole window after its last delay starts afresh
            quiet_since = func.coalesce(throttle.next_allowed_at, throttle.last_failure_at)
            session.execute(update(throttle).where(throttle.key == key,
                                                   quiet_since < now - window)
                            .values(failures=0, next_allowed_at=None))
            claimed = session.execute(
                update(throttle)
                .where(throttle.key == key, or_(throttle.next_allowed_at.is_(None),
                                                throttle.next_allowed_at <= now))
                .values(failures=throttle.failures + 1, last_failure_at=now)
            ).rowcount
            if not claimed:
                waiting_until = session.scalar(select(throttle.next_allowed_at)
                                               .where(throttle.key == key))
                session.rollback()  # nothing of this try is counted
                if waiting_until is None:
                    # a sign-in that succeeded meanwhile removed or cleared the row: the
                    # refusal no longer holds, so claim again from the start
                    return claim_sign_in(email, address, now=now)
                return SignInTurn(False, max(1, math.ceil((waiting_until - now).total_seconds())))
            failures = session.scalar(select(throttle.failures).where(throttle.key == key))
            delay = _delay(failures, free)
            session.execute(update(throttle).where(throttle.key == key)
                            .values(next_allowed_at=now + delay if delay else None))
    return SignInTurn(True)


def _insert_missing(session, key):
    """Return an INSERT of an empty throttle row that does nothing when the row exists."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(models.SignInThrottle).values(key=key, failures=0).on_conflict_do_nothing()


def sign_in_succeeded(email, address):
    """Forget the e-mail's failures and give the address its try back (an office shares one)."""
    throttle = models.SignInThrottle
    (email_key, _free), (address_key, free) = _throttle_keys(email, address)
    with transaction() as session:
        session.execute(delete(throttle).where(throttle.key == email_key))
        session.execute(update(throttle).where(throttle.key == address_key, throttle.failures > 0)
                        .values(failures=throttle.failures - 1))
        session.execute(update(throttle).where(throttle.key == address_key,
                                               throttle.failures < free)
                        .values(next_allowed_at=None))


def tries_left(email):
    """Return how many free tries the e-mail has before sign-in is slowed down."""
    (key, free), _address = _throttle_keys(email, None)
    failures = db.session.scalar(select(models.SignInThrottle.failures)
                                 .where(models.SignInThrottle.key == key)) or 0
    return max(0, free - failures)


def slowed_emails(*, now=None):
    """Return {e-mail: allowed again at} for the e-mails whose sign-in is slowed down now."""
    throttle = models.SignInThrottle
    rows = db.session.execute(select(throttle.key, throttle.next_allowed_at).where(
        throttle.key.startswith("email:"), throttle.next_allowed_at > (now or utcnow())))
    return {key.removeprefix("email:"): until for key, until in rows}


def unlock_sign_in(user_id, *, actor):
    """Let a user whose sign-in is slowed down try again at once (admins)."""
    require_role(actor, models.Role.ADMIN)
    throttle = models.SignInThrottle
    with transaction() as session:
        user = get_or_404(models.User, user_id)
        key = f"email:{_normal(user.email)}"
        if session.execute(delete(throttle).where(throttle.key == key)).rowcount:
            changelog.log_change("update", user, actor=actor, before={"sign_in": "slowed"},
                                 after={"sign_in": "unlocked"})
    return user


def _normal(email):
    return (email or "").strip().lower()


def authenticate(email, password):
    """Return the active user with this e-mail and password, or None."""
    user = user_by_email(email)
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
