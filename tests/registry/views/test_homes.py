"""Issue 19.2: each role lands on its own first page; the overview's figures are links whose
lists agree with them.
"""

from datetime import timedelta

import pytest

from registry import models
from registry.extensions import db
from registry.models.base import utcnow
from registry.services import requests as request_service
from tests.conftest import PASSWORD


def _landing(client, user):
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client.get(response.headers["Location"]).headers.get("Location", "")


@pytest.mark.parametrize(("role", "lands_on"), [
    ("opd_operator", "/units/{unit}/desk"),
    ("reviewer", "/requests?scope=queue"),
    ("architect", "/overview"),
    ("admin", "/overview"),
    ("viewer", "/inventory/applications"),
])
def test_each_role_lands_on_its_page(client, make_user, unit, role, lands_on):
    user = make_user(role)
    assert _landing(client, user).endswith(lands_on.format(unit=unit.id))


def test_an_operator_has_my_opd_in_the_menu(client, auth, unit):
    auth.login("opd_operator")
    page = client.get("/inventory/applications")
    assert f'href="/units/{unit.id}/desk">OPD saya' in page.text


def test_the_overview_shows_the_years_figures_as_links(client, auth, agency, make_application):
    make_application(name="Sistem Tanpa Konfirmasi")
    auth.login("architect")
    page = client.get("/overview")
    assert page.status_code == 200
    assert "Ikhtisar Pemerintah Provinsi Contoh" in page.text
    assert "Indeks Pemdi" in page.text
    assert "Kurang" in page.text
    assert "/opd-scorecard?agency=" in page.text
    assert "/requests?scope=all&amp;overdue=1" in page.text
    assert client.get("/overview?year=1900").status_code == 404


def test_the_overdue_count_equals_the_list_it_opens(client, auth, make_user, agency, unit):
    operator = make_user("opd_operator", suffix="o")
    for n in range(3):
        req = request_service.create_request("subdomain", {
            "label": f"layanan{n}", "purpose": "Portal layanan uji"}, actor=operator)
        request_service.transition(req.id, "submit", actor=operator)
    late = db.session.scalars(db.select(models.Request)).all()[:2]
    for req in late:
        req.submitted_at = utcnow() - timedelta(days=30)
    db.session.commit()
    auth.login("architect")
    page = client.get("/overview")
    overdue = int(page.text.split("Permintaan menunggu terlalu lama")[1]
                  .split('display-6">')[1].split("<")[0])
    assert overdue == 2
    listed = client.get(f"/requests?scope=all&overdue=1&agency={agency.id}")
    assert listed.text.count('class="table-warning"') == overdue
