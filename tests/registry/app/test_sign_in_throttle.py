"""Issue 17.10 and 17.13: sign-in attempts are counted atomically, a locked e-mail slows down
instead of locking its owner out, an admin can unlock, the page warns before the delay starts;
the sign-in and the public catalogue are rate-limited per address.
"""

import re
import threading
from datetime import timedelta

import pytest

from registry import create_app, models
from registry.extensions import db
from registry.models.base import utcnow
from registry.services import users
from tests.conftest import EXTERNAL_DB, PASSWORD, _test_config

WRONG = "salah-salah-1"


def _fail(client, email, **kwargs):
    return client.post("/auth/login", data={"email": email, "password": WRONG}, **kwargs)


def test_claims_are_counted_before_the_password_is_checked(app, make_user):
    """Forty attempts that all start before any has finished get the allowed tries, no more."""
    user = make_user("viewer")
    turns = [users.claim_sign_in(user.email, "10.0.0.1") for _ in range(40)]
    assert sum(turn.allowed for turn in turns) == app.config["REGISTRY_LOGIN_ATTEMPTS"]


@pytest.fixture
def shared_app(tmp_path):
    """An app whose database several threads can use at once (a file, or PostgreSQL)."""
    config = _test_config() | ({} if EXTERNAL_DB else
                               {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/t.sqlite"})
    app = create_app(config)
    with app.app_context():
        if EXTERNAL_DB:
            for table in reversed(db.metadata.sorted_tables):
                db.session.execute(table.delete())
            db.session.commit()
        else:
            db.create_all()
        user = users.create_user({"email": "korban@uji.go.id", "name": "Korban",
                                  "role": "viewer", "password": PASSWORD}, actor=None)
        db.session.commit()
        yield app, user.email
        db.session.execute(db.text("DELETE FROM sign_in_throttles"))
        db.session.execute(db.text("DELETE FROM users"))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def test_forty_parallel_wrong_passwords_get_five_tries(shared_app):
    app, email = shared_app
    statuses, start = [], threading.Barrier(40)

    def attempt():
        client = app.test_client()
        start.wait()
        statuses.append(_fail(client, email).status_code)

    threads = [threading.Thread(target=attempt) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses.count(401) == app.config["REGISTRY_LOGIN_ATTEMPTS"]
    assert statuses.count(429) == 40 - app.config["REGISTRY_LOGIN_ATTEMPTS"]


def test_a_locked_email_waits_a_growing_delay_not_a_lockout(app, make_user):
    user, limit = make_user("viewer"), app.config["REGISTRY_LOGIN_ATTEMPTS"]
    now = utcnow()
    for _ in range(limit):
        assert users.claim_sign_in(user.email, "10.0.0.1", now=now).allowed
    early = users.claim_sign_in(user.email, "10.0.0.1", now=now + timedelta(seconds=10))
    assert not early.allowed
    assert 0 < early.wait_seconds <= 30
    # the owner, half a minute later, gets in with the right password
    later = now + timedelta(seconds=31)
    turn = users.claim_sign_in(user.email, "10.0.0.1", now=later)
    assert turn.allowed
    # a further failure doubles the delay
    refused = users.claim_sign_in(user.email, "10.0.0.1", now=later + timedelta(seconds=40))
    assert not refused.allowed
    assert 40 < refused.wait_seconds + 40 <= 61
    waits = []
    moment = later
    for _ in range(10):  # an attacker who keeps trying never makes it longer than the window
        moment += timedelta(seconds=waits[-1] + 1 if waits else 61)
        assert users.claim_sign_in(user.email, "10.0.0.1", now=moment).allowed
        waits.append(users.claim_sign_in(user.email, "10.0.0.1", now=moment).wait_seconds)
    assert waits == sorted(waits)
    assert max(waits) == app.config["REGISTRY_LOGIN_WINDOW_MINUTES"] * 60


def test_the_right_password_gets_in_once_the_short_delay_passed(client, app, make_user):
    user = make_user("viewer")
    for _ in range(app.config["REGISTRY_LOGIN_ATTEMPTS"]):
        assert _fail(client, user.email).status_code == 401
    locked = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    assert locked.status_code == 429
    assert "detik" in locked.text
    throttle = db.session.get(models.SignInThrottle, "email:" + user.email)
    throttle.next_allowed_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert client.post("/auth/login", data={"email": user.email,
                                            "password": PASSWORD}).status_code == 302


def test_the_page_warns_before_the_last_free_attempt(client, app, make_user):
    user = make_user("viewer")
    for _ in range(app.config["REGISTRY_LOGIN_ATTEMPTS"] - 2):
        assert "percobaan lagi" not in _fail(client, user.email).text
    warned = _fail(client, user.email)
    assert warned.status_code == 401
    assert "Satu percobaan lagi" in warned.text


def test_an_admin_unlocks_an_email(client, app, auth, make_user):
    user = make_user("viewer")
    for _ in range(app.config["REGISTRY_LOGIN_ATTEMPTS"]):
        _fail(client, user.email, environ_base={"REMOTE_ADDR": "10.9.9.9"})
    auth.login("admin")
    page = client.get("/admin/users")
    assert "Masuk ditunda" in page.text
    response = client.post(f"/admin/users/{user.id}/unlock")
    assert response.status_code == 302
    assert users.claim_sign_in(user.email, "10.9.9.9").allowed
    assert "Masuk ditunda" not in client.get("/admin/users").text


def test_the_cli_unlocks_an_email(runner, app, make_user):
    user = make_user("viewer")
    for _ in range(app.config["REGISTRY_LOGIN_ATTEMPTS"]):
        users.claim_sign_in(user.email, "10.0.0.1")
    assert not users.claim_sign_in(user.email, "10.0.0.1").allowed
    result = runner.invoke(args=["user", "unlock", user.email])
    assert result.exit_code == 0, result.output
    assert users.claim_sign_in(user.email, "10.0.0.1").allowed


def test_a_successful_sign_in_forgets_earlier_failures(client, make_user):
    user = make_user("viewer")
    for _ in range(3):
        _fail(client, user.email)
    assert client.post("/auth/login", data={"email": user.email,
                                            "password": PASSWORD}).status_code == 302
    assert users.tries_left(user.email) == 5


def test_one_address_trying_many_accounts_is_slowed_too(client, app):
    for n in range(4 * app.config["REGISTRY_LOGIN_ATTEMPTS"]):
        assert _fail(client, f"orang{n}@uji.go.id").status_code == 401
    refused = _fail(client, "baru@uji.go.id")
    assert refused.status_code == 429
    assert 0 < int(re.search(r"dalam (\d+) detik", refused.text).group(1)) <= 30


def test_an_office_behind_one_address_signs_in_all_day(client, make_user):
    """Successful sign-ins do not count against the address the office shares."""
    for n in range(30):
        user = make_user("viewer", suffix=str(n))
        assert client.post("/auth/login", data={"email": user.email, "password": PASSWORD}
                           ).status_code == 302
        client.post("/auth/logout")


@pytest.fixture
def limited(app):
    """Lower the per-address rate limits (the test configuration raises them out of the way)."""
    from registry.extensions import limiter

    app.config.update(REGISTRY_RATELIMIT_CATALOGUE="12 per minute",
                      REGISTRY_RATELIMIT_SIGN_IN="8 per minute")
    limiter.reset()
    return app


def test_the_public_catalogue_is_rate_limited_per_address(client, limited):
    per_minute = int(limited.config["REGISTRY_RATELIMIT_CATALOGUE"].split()[0])
    for _ in range(per_minute):
        assert client.get("/katalog", environ_base={"REMOTE_ADDR": "10.1.1.1"}
                          ).status_code == 200
    refused = client.get("/katalog", environ_base={"REMOTE_ADDR": "10.1.1.1"})
    assert refused.status_code == 429
    assert "Retry-After" in refused.headers
    assert client.get("/katalog", environ_base={"REMOTE_ADDR": "10.1.1.2"}).status_code == 200


def test_sign_in_posts_are_rate_limited_per_address(client, limited):
    per_minute = int(limited.config["REGISTRY_RATELIMIT_SIGN_IN"].split()[0])
    for n in range(per_minute):
        client.post("/auth/login", data={"email": f"x{n}@uji.go.id", "password": "x"},
                    environ_base={"REMOTE_ADDR": "10.2.2.2"})
    refused = client.post("/auth/login", data={"email": "y@uji.go.id", "password": "x"},
                          environ_base={"REMOTE_ADDR": "10.2.2.2"})
    assert refused.status_code == 429
    assert "Terlalu banyak" in refused.text
    # the sign-in page itself still opens
    assert client.get("/auth/login", environ_base={"REMOTE_ADDR": "10.2.2.2"}
                      ).status_code == 200
