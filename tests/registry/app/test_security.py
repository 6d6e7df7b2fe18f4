"""Security: headers, cookies, the login throttle, upload bounds, no secrets in the repository."""

import io
import re
import subprocess
from pathlib import Path

import pytest

from registry.security import CONTENT_SECURITY_POLICY
from registry.services import users
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("path", ["/auth/login", "/katalog", "/api/v1/me"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    script_src = next(d for d in csp.split("; ") if d.startswith("script-src"))
    assert script_src == "script-src 'self'"
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP here


def test_https_adds_hsts_and_a_secure_session_cookie(client, make_user):
    user = make_user("viewer")
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD},
                           base_url="https://registri.contohprov.go.id")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_plain_http_cookie_is_http_only_and_same_site(client, make_user):
    user = make_user("viewer")
    cookie = client.post("/auth/login", data={"email": user.email, "password": PASSWORD}
                         ).headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_no_template_runs_inline_script():
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), path
        assert not re.search(r"\son[a-z]+\s*=\s*[\"']", text), path
        assert "javascript:" not in text, path
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY.split("style-src")[0]


def test_weak_passwords_are_refused(make_user):
    for weak in ("pendek", "1234567890123", "hanyahurufsaja"):
        assert users.password_problems(weak)
    assert not users.password_problems("rahasia-uji-123")


def test_an_upload_over_the_size_bound_is_a_413(client, auth, agency, app):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    auth.login("architect")
    big = io.BytesIO(b"x" * 4096)
    response = client.post("/import", data={"agency_id": str(agency.id),
                                            "file": (big, "besar.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 413


SECRET_PATTERNS = [
    re.compile(r"-----BEGIN (RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----"),
    re.compile(r"AKIA[0-9A-Z]{16}"),
    re.compile(r"(?i)(secret_key|api_key|smtp_password|mail_password)\s*=\s*[\"'][^\"']{8,}"),
    re.compile(r"postgres(ql)?(\+psycopg)?://[^:@/\s]+:[^@/\s]+@"),  # a URL with a password
]


def test_no_secret_is_committed():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    assert files, "git ls-files found nothing"
    assert not any(Path(f).name in ("secret_key", ".env") for f in files)
    for name in files:
        path = ROOT / name
        if path.suffix in (".png", ".mo", ".xlsx", ".pdf") or not path.is_file():
            continue
        text = path.read_text(errors="ignore")
        for pattern in SECRET_PATTERNS:
            assert not pattern.search(text), (name, pattern.pattern)


@pytest.mark.parametrize("target", ["//evil.example/x", "/\\evil.example", "https://evil.example"])
def test_sign_in_never_redirects_to_another_site(client, make_user, target):
    user = make_user("viewer")
    response = client.post(f"/auth/login?next={target}",
                           data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]
