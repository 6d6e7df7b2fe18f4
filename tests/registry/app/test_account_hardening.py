"""Issue 17.13: the page that shows a new token is never cached; the commonest and patterned
passwords are refused.
"""

import pytest

from registry.services.users import password_problems


@pytest.mark.parametrize("password", ["aaaaaaaaa1", "password123", "Bismillah123", "111111111a",
                                      "abababab12"])
def test_common_and_patterned_passwords_are_refused(password):
    assert password_problems(password)


@pytest.mark.parametrize("password", ["rahasia-uji-123", "spbe-demo-2026", "Kopi7Tubruk!"])
def test_ordinary_passwords_pass(password):
    assert password_problems(password) == []


def test_the_account_page_is_never_cached(client, auth):
    auth.login("viewer")
    assert client.get("/auth/account").headers["Cache-Control"] == "no-store"
    created = client.post("/auth/account", data={"name": "skrip"})
    assert created.status_code == 200
    assert created.headers["Cache-Control"] == "no-store"


def test_the_token_header_keeps_its_placeholder(client, auth):
    auth.login("viewer")
    assert "Authorization: Bearer &lt;token&gt;" in client.get("/auth/account").text
