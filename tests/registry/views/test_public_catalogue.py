"""Issue 19.7: the public catalogue has an OPD filter, a page per application and a way to
sign in; it shows the public fields only.
"""

from registry.services import inventory


def _publish(app):
    return inventory.update_application(app.id, {"published": True, "url": "https://x.go.id",
                                                 "description": "Layanan kepegawaian"},
                                        actor=None, expected_version=app.version)


def test_the_opd_filter_narrows_the_catalogue(client, make_application, other_unit):
    _publish(make_application(name="Sistem Kepegawaian"))
    _publish(make_application(name="Portal Sekolah", owner_unit_id=other_unit.id))
    page = client.get("/katalog")
    assert "Dinas Pendidikan (1)" in page.text
    assert "2 aplikasi" in page.text
    narrowed = client.get(f"/katalog?unit={other_unit.id}")
    assert "Portal Sekolah" in narrowed.text
    assert "Sistem Kepegawaian" not in narrowed.text
    assert "1 aplikasi" in narrowed.text


def test_each_published_application_has_a_public_page(client, make_application):
    app = _publish(make_application(name="Sistem Kepegawaian", reference_code="RAA.01"))
    page = client.get(f"/katalog/{app.id}")
    assert page.status_code == 200
    assert "Sistem Kepegawaian" in page.text
    assert "Layanan kepegawaian" in page.text
    assert "RAA.01" not in page.text  # an internal field stays internal
    hidden = make_application(name="Aplikasi Internal")
    assert client.get(f"/katalog/{hidden.id}").status_code == 404
    retired = _publish(make_application(name="Aplikasi Lama"))
    inventory.retire_application(retired.id, actor=None)
    assert client.get(f"/katalog/{retired.id}").status_code == 404


def test_a_visitor_finds_the_way_to_sign_in(client):
    page = client.get("/katalog")
    assert 'href="/auth/login">Masuk</a>' in page.text
    assert 'href="/auth/login">Masuk</a>' not in client.get("/auth/login").text
