"""The request pages, the inbox and the domain register, through HTTP."""

from registry import models
from registry.extensions import db
from registry.services import domains
from tests.conftest import PASSWORD


def logout(client):
    client.post("/auth/logout")


def test_an_operator_asks_for_a_subdomain_and_a_reviewer_approves_it(client, auth, unit):
    operator = auth.login("opd_operator", suffix="op")
    form = client.get("/requests/new/subdomain")
    assert form.status_code == 200
    assert ".contohprov.go.id" in form.text
    bad = client.post("/requests/new/subdomain",
                      data={"label": "www", "purpose": "Portal", "then": "submit"})
    assert bad.status_code == 422
    assert "dicadangkan" in bad.text
    sent = client.post("/requests/new/subdomain", data={
        "label": "sehat", "purpose": "Portal layanan kesehatan",
        "hosted_in_indonesia": "1", "then": "submit"})
    assert sent.status_code == 302
    req = db.session.scalar(db.select(models.Request))
    assert req.state == "submitted"
    logout(client)

    auth.login("reviewer", suffix="rv")
    queue = client.get("/requests")
    assert "sehat.contohprov.go.id" in queue.text
    assert "Menunggu keputusan saya" in queue.text
    page = client.get(f"/requests/{req.id}")
    assert "Setujui" in page.text
    assert "Tolak" in page.text
    refused = client.post(f"/requests/{req.id}/transition",
                          data={"action": "reject", "reason": "", "version": req.version})
    assert refused.status_code == 422
    assert "Alasan penolakan wajib diisi" in refused.text
    done = client.post(f"/requests/{req.id}/transition",
                       data={"action": "approve", "reason": "OK", "version": req.version})
    assert done.status_code == 302
    page = client.get(f"/requests/{req.id}")
    assert "Disetujui" in page.text
    assert "Lihat data yang dibuat" in page.text
    logout(client)

    client.post("/auth/login", data={"email": operator.email, "password": PASSWORD})
    assert "Kotak masuk" in client.get("/requests").text
    inbox = client.get("/inbox")
    assert "disetujui oleh Pengguna reviewer" in inbox.text


def test_an_operator_gets_403_on_a_decision_and_404_on_another_opd_draft(
        client, auth, make_user, other_unit):
    stranger = make_user("opd_operator", suffix="x", unit_id=other_unit.id)
    auth.login("opd_operator", suffix="me")
    client.post("/requests/new/subdomain", data={"label": "draf", "purpose": "x",
                                                 "then": "save"})
    req = db.session.scalar(db.select(models.Request))
    assert req.state == "draft"
    client.post(f"/requests/{req.id}/transition", data={"action": "submit"})
    assert client.post(f"/requests/{req.id}/transition",
                       data={"action": "approve"}).status_code == 403
    logout(client)
    client.post("/auth/login", data={"email": stranger.email, "password": PASSWORD})
    assert client.get(f"/requests/{req.id}").status_code == 404


def test_a_look_alike_application_asks_for_a_justification(client, auth, make_application):
    make_application(name="Sistem Informasi Manajemen Kepegawaian", acronym="SIMPEG")
    auth.login("opd_operator")
    response = client.post("/requests/new/application", data={
        "name": "SIMPEG Dinas Kesehatan", "acronym": "SIMPEG-DINKES",
        "purpose": "Data kepegawaian", "then": "submit"})
    assert response.status_code == 422
    assert "Sistem Informasi Manajemen Kepegawaian" in response.text
    assert "Jelaskan mengapa aplikasi baru tetap diperlukan" in response.text
    req = db.session.scalar(db.select(models.Request))
    ok = client.post(f"/requests/{req.id}/transition", data={
        "action": "submit", "justification": "Khusus tenaga kesehatan"})
    assert ok.status_code == 302
    assert db.session.get(models.Request, req.id).state == "submitted"


def test_the_domain_register_shows_flags_and_an_architect_registers(client, auth, unit):
    domains.create_domain({"fqdn": "kosong.contohprov.go.id", "unit_id": unit.id}, actor=None)
    auth.login("architect")
    page = client.get("/domains")
    assert page.status_code == 200
    assert "kosong.contohprov.go.id" in page.text
    assert "Tanpa aplikasi" in page.text
    bad = client.post("/domains/new", data={"fqdn": "x.lainprov.go.id", "unit_id": unit.id})
    assert bad.status_code == 422
    assert "contohprov.go.id" in bad.text
    ok = client.post("/domains/new", data={"fqdn": "baru.contohprov.go.id", "unit_id": unit.id,
                                           "hosted_in_indonesia": "1",
                                           "tls_expires_on": "2027-01-01"})
    assert ok.status_code == 302
    flagged = client.get("/domains?flag=no_application")
    assert "baru.contohprov.go.id" in flagged.text
    assert client.get("/domains?flag=nonsense").status_code == 400


def test_a_viewer_cannot_register_a_domain_or_file_a_request(client, auth, unit):
    auth.login("viewer")
    assert client.get("/domains/new").status_code == 403
    assert client.post("/domains/new", data={"fqdn": "v.contohprov.go.id",
                                             "unit_id": unit.id}).status_code == 403
    assert client.get("/requests/new/subdomain").status_code == 403
    assert client.get("/requests/new/nonsense").status_code in (403, 404)
