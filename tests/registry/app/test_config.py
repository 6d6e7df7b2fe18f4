"""Configuration from the environment, and the secret key kept in instance/."""

from registry import create_app
from registry.config import load_env_config, normalise_database_url


def test_environment_overrides_the_defaults():
    config = {}
    load_env_config(config, {"REGISTRY_DATABASE_URL": "postgres://u@h/db",
                             "REGISTRY_SESSION_COOKIE_SECURE": "1", "REGISTRY_SECRET_KEY": "s",
                             "UNRELATED": "x"})
    assert config == {"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://u@h/db",
                      "SESSION_COOKIE_SECURE": True, "SECRET_KEY": "s"}


def test_postgresql_urls_use_the_psycopg3_driver():
    assert normalise_database_url("postgresql://x/y") == "postgresql+psycopg://x/y"
    assert normalise_database_url("sqlite:///a.db") == "sqlite:///a.db"


def test_missing_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("REGISTRY_SECRET_KEY", raising=False)
    config = {"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": None}
    first = create_app(config)
    # The instance folder is the app's own; use a fresh one to see the key appear.
    from registry.config import ensure_secret_key

    cfg = {}
    ensure_secret_key(cfg, tmp_path)
    again = {}
    ensure_secret_key(again, tmp_path)
    assert len(cfg["SECRET_KEY"]) == 64
    assert again["SECRET_KEY"] == cfg["SECRET_KEY"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert first.config["SECRET_KEY"]


def test_configured_secret_key_is_not_replaced(tmp_path):
    from registry.config import ensure_secret_key

    cfg = {"SECRET_KEY": "from-env"}
    ensure_secret_key(cfg, tmp_path)
    assert cfg["SECRET_KEY"] == "from-env"
    assert not (tmp_path / "secret_key").exists()
