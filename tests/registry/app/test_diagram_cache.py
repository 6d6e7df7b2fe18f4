"""The diagram cache: in this process by default, on Redis when REGISTRY_REDIS_URL is set.

The Redis store is exercised here with a stand-in client (the two-server test in
tests/multiserver runs it on a real Redis); a store that fails never takes a diagram down.
"""

import pytest

from registry import create_app
from registry.extensions import db
from registry.services import diagram_cache
from tests.conftest import _test_config


class FakeRedis:
    """The two calls RedisCache makes, on a dict."""

    def __init__(self):
        self.data, self.expiry = {}, {}

    def get(self, key):
        return self.data.get(key)

    def set(self, key, value, ex=None):
        self.data[key], self.expiry[key] = value, ex


class BrokenRedis:
    def get(self, key):
        raise ConnectionError("Redis is down")

    set = get


@pytest.fixture
def shared(app):
    """Give the app a Redis cache on a stand-in client; return the client."""
    client = FakeRedis()
    app.extensions[diagram_cache.EXTENSION] = diagram_cache.DiagramCache(
        diagram_cache.RedisCache(client))
    return client


def _diagram(client, app_id, headers):
    return client.get(f"/api/v1/diagrams.svg?kind=app&target={app_id}", headers=headers)


def test_two_apps_on_one_redis_share_their_renders(app, client, shared, make_application,
                                                  token_for):
    target = make_application(code="SIMPEG", name="Sistem Kepegawaian")
    headers = token_for("viewer")
    first = _diagram(client, target.id, headers)
    assert first.status_code == 200
    assert first.headers["X-Diagram-Cache"] == "miss"
    [key] = shared.data
    assert key.startswith("registry:diagram:")
    assert key.endswith(".svg")
    assert shared.expiry[key] == diagram_cache.REDIS_TTL_SECONDS
    # another server: its own DiagramCache, the same Redis
    app.extensions[diagram_cache.EXTENSION] = diagram_cache.DiagramCache(
        diagram_cache.RedisCache(shared))
    second = _diagram(client, target.id, headers)
    assert second.headers["X-Diagram-Cache"] == "hit"
    assert second.data == first.data
    assert client.get("/api/v1/graph", headers=headers).headers.get("X-Diagram-Cache") is None


def test_a_failing_redis_still_draws_the_diagram(app, client, make_application, token_for):
    app.extensions[diagram_cache.EXTENSION] = diagram_cache.DiagramCache(
        diagram_cache.RedisCache(BrokenRedis()))
    target = make_application(code="SIMPEG", name="Sistem Kepegawaian")
    response = _diagram(client, target.id, token_for("viewer"))
    assert response.status_code == 200
    assert b"SIMPEG" in response.data
    assert response.headers["X-Diagram-Cache"] == "miss"


def test_memory_cache_drops_the_least_recently_used():
    store = diagram_cache.MemoryCache(size=2)
    store.set("a", b"1")
    store.set("b", b"2")
    assert store.get("a") == b"1"  # a is now the most recent
    store.set("c", b"3")
    assert store.get("b") is None
    assert store.get("a") == b"1"
    assert store.get("c") == b"3"


def test_redis_url_shares_the_cache_and_the_rate_limits(tmp_path):
    config = _test_config() | {"REGISTRY_REDIS_URL": "redis://127.0.0.1:6379/9"}
    app = create_app(config)
    assert isinstance(app.extensions[diagram_cache.EXTENSION].store, diagram_cache.RedisCache)
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/9"
    # a storage named on its own wins over the Redis URL
    own = create_app(config | {"RATELIMIT_STORAGE_URI": "memory://"})
    assert own.config["RATELIMIT_STORAGE_URI"] == "memory://"
    alone = create_app(_test_config())
    assert alone.config["RATELIMIT_STORAGE_URI"] == "memory://"
    assert alone.extensions[diagram_cache.EXTENSION] is diagram_cache.memory_cache


def test_an_unreachable_redis_takes_no_page_down(tmp_path):
    """The rate limits fall back to this process: sign-in still answers, and still limits."""
    config = _test_config() | {"REGISTRY_REDIS_URL": "redis://127.0.0.1:1/0",
                               "SQLALCHEMY_DATABASE_URI": "sqlite://",
                               "REGISTRY_LOGIN_ATTEMPTS": 100,
                               "REGISTRY_RATELIMIT_SIGN_IN": "2 per minute"}
    app = create_app(config)
    with app.app_context():
        db.create_all()
        client = app.test_client()
        statuses = [client.post("/auth/login", data={"email": "x@contoh.go.id",
                                                     "password": "salah"}).status_code
                    for _ in range(3)]
        assert statuses == [401, 401, 429]
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
