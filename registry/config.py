"""Settings: safe defaults, then the REGISTRY_* environment, then a test mapping."""

import os
import secrets
from pathlib import Path


class Config:
    """Defaults for every deployment; the environment overrides them."""

    SQLALCHEMY_DATABASE_URI = "sqlite:///registry.sqlite"  # relative: lands in instance/
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SECRET_KEY = None  # read from the environment, or generated once into instance/
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_TIME_LIMIT = None  # a long form must not expire while the architect types
    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = "Asia/Jakarta"
    LANGUAGES = ("id", "en")
    BOOTSTRAP_SERVE_LOCAL = True  # government intranets often have no internet
    PASSWORD_HASH_METHOD = "scrypt"
    API_TITLE = "SPBE Registry API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api"
    OPENAPI_JSON_PATH = "openapi.json"
    OPENAPI_SWAGGER_UI_PATH = None  # a CDN page would break offline; /api/docs is ours
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    REGISTRY_INSTRUMENT_FILE = None
    REGISTRY_REQUEST_DUE_DAYS = 5  # a submitted request waiting longer stands out in the queue
    REGISTRY_MAIL_SERVER = None  # no SMTP server: notifications stay in the in-app inbox
    REGISTRY_MAIL_PORT = 25
    REGISTRY_MAIL_USE_TLS = False
    REGISTRY_MAIL_USERNAME = None
    REGISTRY_MAIL_PASSWORD = None
    REGISTRY_MAIL_SENDER = "spbe-registry@localhost"
    REGISTRY_BASE_URL = None  # e.g. https://registry.contohprov.go.id, for links in e-mails
    REGISTRY_PROXY_FIX = False  # behind one reverse proxy: trust its X-Forwarded-* headers
    REMEMBER_COOKIE_SAMESITE = "Lax"
    #: failed sign-ins allowed per e-mail (and 4x that per address) in the window below
    REGISTRY_LOGIN_ATTEMPTS = 5
    REGISTRY_LOGIN_WINDOW_MINUTES = 15
    #: a session with no request for this long ends
    REGISTRY_SESSION_IDLE_MINUTES = 8 * 60
    #: per client address (limits' notation); the e-mail throttle above works besides them
    REGISTRY_RATELIMIT_SIGN_IN = "20 per minute"
    REGISTRY_RATELIMIT_CATALOGUE = "60 per minute"
    #: Redis shared by several app servers (rate limits, diagram cache); None: one machine
    REGISTRY_REDIS_URL = None
    #: None: REGISTRY_REDIS_URL when set, else memory:// (one process); see create_app
    RATELIMIT_STORAGE_URI = None
    #: a shared storage that fails counts in each process meanwhile: sign-in stays open
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    #: where evidence files are kept (content-addressed); None: instance/evidence
    REGISTRY_EVIDENCE_DIR = None
    #: with a job queue (REGISTRY_REDIS_URL), an export of more rows than this (a list's
    #: rows, an agency's applications for ArchiMate) is written by a worker, not in the request
    REGISTRY_JOB_EXPORT_ROWS = 5000
    #: where the jobs' files (exports) are kept; None: "job-results" beside the staging folder
    REGISTRY_JOB_RESULT_DIR = None
    #: the largest evidence file accepted, in megabytes
    REGISTRY_EVIDENCE_MAX_MB = 20


#: environment variable -> config key; the only place the environment is read.
ENVIRONMENT_KEYS = {
    "REGISTRY_DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "REGISTRY_SECRET_KEY": "SECRET_KEY",
    "REGISTRY_SESSION_COOKIE_SECURE": "SESSION_COOKIE_SECURE",
    #: a second evaluation instrument (JSON or YAML); default: PermenPANRB 59/2020
    "REGISTRY_INSTRUMENT_FILE": "REGISTRY_INSTRUMENT_FILE",
    "REGISTRY_REQUEST_DUE_DAYS": "REGISTRY_REQUEST_DUE_DAYS",
    "REGISTRY_MAIL_SERVER": "REGISTRY_MAIL_SERVER",
    "REGISTRY_MAIL_PORT": "REGISTRY_MAIL_PORT",
    "REGISTRY_MAIL_USE_TLS": "REGISTRY_MAIL_USE_TLS",
    "REGISTRY_MAIL_USERNAME": "REGISTRY_MAIL_USERNAME",
    "REGISTRY_MAIL_PASSWORD": "REGISTRY_MAIL_PASSWORD",
    "REGISTRY_MAIL_SENDER": "REGISTRY_MAIL_SENDER",
    "REGISTRY_BASE_URL": "REGISTRY_BASE_URL",
    "REGISTRY_PROXY_FIX": "REGISTRY_PROXY_FIX",
    "REGISTRY_LOGIN_ATTEMPTS": "REGISTRY_LOGIN_ATTEMPTS",
    "REGISTRY_LOGIN_WINDOW_MINUTES": "REGISTRY_LOGIN_WINDOW_MINUTES",
    "REGISTRY_SESSION_IDLE_MINUTES": "REGISTRY_SESSION_IDLE_MINUTES",
    #: the time zone of every time and "today" the registry shows (IANA name)
    "REGISTRY_TIMEZONE": "BABEL_DEFAULT_TIMEZONE",
    "REGISTRY_RATELIMIT_SIGN_IN": "REGISTRY_RATELIMIT_SIGN_IN",
    "REGISTRY_RATELIMIT_CATALOGUE": "REGISTRY_RATELIMIT_CATALOGUE",
    "REGISTRY_RATELIMIT_STORAGE_URI": "RATELIMIT_STORAGE_URI",
    #: redis://host:6379/0: the state several app servers share (rate limits, diagram cache)
    "REGISTRY_REDIS_URL": "REGISTRY_REDIS_URL",
    "REGISTRY_EVIDENCE_DIR": "REGISTRY_EVIDENCE_DIR",
    "REGISTRY_EVIDENCE_MAX_MB": "REGISTRY_EVIDENCE_MAX_MB",
    #: where uploads wait for their import (a job's worker reads them there); shared volume
    #: when several machines serve the registry
    "REGISTRY_IMPORT_STAGING_DIR": "IMPORT_STAGING_DIR",
    "REGISTRY_JOB_EXPORT_ROWS": "REGISTRY_JOB_EXPORT_ROWS",
    #: where a worker writes the exports it made; shared volume with several machines
    "REGISTRY_JOB_RESULT_DIR": "REGISTRY_JOB_RESULT_DIR",
}

#: settings read as yes/no and as whole numbers
BOOLEAN_KEYS = {"SESSION_COOKIE_SECURE", "REGISTRY_MAIL_USE_TLS", "REGISTRY_PROXY_FIX"}
INTEGER_KEYS = {"REGISTRY_REQUEST_DUE_DAYS", "REGISTRY_MAIL_PORT", "REGISTRY_LOGIN_ATTEMPTS",
                "REGISTRY_LOGIN_WINDOW_MINUTES", "REGISTRY_SESSION_IDLE_MINUTES",
                "REGISTRY_EVIDENCE_MAX_MB", "REGISTRY_JOB_EXPORT_ROWS"}


def load_env_config(config, environ=None):
    """Copy the REGISTRY_* variables that are set into ``config``."""
    environ = os.environ if environ is None else environ
    for env_name, key in ENVIRONMENT_KEYS.items():
        value = environ.get(env_name)
        if value in (None, ""):
            continue
        if key in BOOLEAN_KEYS:
            value = value.lower() in ("1", "true", "yes")
        elif key in INTEGER_KEYS:
            try:
                value = int(value)
            except ValueError:
                raise ValueError(f"{env_name} must be a whole number, not {value!r}") from None
        elif key == "SQLALCHEMY_DATABASE_URI":
            value = normalise_database_url(value)
        config[key] = value


def normalise_database_url(url):
    """Point plain postgres URLs at the psycopg 3 driver, which the project installs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def ensure_secret_key(config, instance_path):
    """Give the app a secret key: configured, or generated once and kept in instance/."""
    if config.get("SECRET_KEY"):
        return
    key_file = Path(instance_path) / "secret_key"
    if key_file.exists():
        config["SECRET_KEY"] = key_file.read_text().strip()
        return
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # Written with owner-only permissions: the key signs every session.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    config["SECRET_KEY"] = key
