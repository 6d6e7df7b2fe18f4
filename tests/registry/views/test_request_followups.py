"""What a requester and a decider see after the first step: retries, drafts and the inbox."""

from registry import models
from registry.extensions import db
from tests.conftest import PASSWORD

LOOK_ALIKE = {"name": "SIMPEG Dinas Kesehatan", "acronym": "SIMPEG-DINKES",
              "purpose": "Data kepegawaian", "then": "submit"}


def _requests():
    return db.session.scalars(db.select(models.Request).order_by(models.Request.id)).all()


def test_a_refused_submission_says_the_draft_was_kept_and_why(client, auth, make_application):
    make_application(name="Sistem Informasi Manajemen Kepegawaian", acronym="SIMPEG")
    auth.login("opd_operator")
    response = client.post("/requests/new/application", data=LOOK_ALIKE)
    assert response.status_code == 422
    [req] = _requests()
    assert req.state == "draft"
    text = " ".join(response.text.split())
    assert f"disimpan sebagai draf #{req.id}" in text
    assert "belum diajukan" in text
    assert "Jelaskan mengapa aplikasi baru tetap diperlukan" in text


def test_sending_the_form_again_updates_the_same_draft(client, auth, make_application):
    make_application(name="Sistem Informasi Manajemen Kepegawaian", acronym="SIMPEG")
    auth.login("opd_operator")
    client.post("/requests/new/application", data=LOOK_ALIKE)
    # the back button or a reload sends the same form again, perhaps amended
    again = client.post("/requests/new/application",
                        data=LOOK_ALIKE | {"name": "simpeg dinas kesehatan ",
                                           "purpose": "Data kepegawaian tenaga kesehatan"})
    assert again.status_code == 422
    [req] = _requests()
    assert req.state == "draft"
    assert req.purpose == "Data kepegawaian tenaga kesehatan"
    assert f"draf #{req.id}" in " ".join(again.text.split())
    # with a justification the same draft goes on
    sent = client.post("/requests/new/application",
                       data=LOOK_ALIKE | {"justification": "Khusus tenaga kesehatan"})
    assert sent.status_code == 302
    [req] = _requests()
    assert req.state == "submitted"
    # a new request of the same name after that is a new request
    client.post("/requests/new/application", data=LOOK_ALIKE | {"then": "save"})
    assert [r.state for r in _requests()] == ["submitted", "draft"]


def test_another_operators_draft_is_never_reused(client, auth, make_user, make_application):
    make_application(name="Sistem Informasi Manajemen Kepegawaian", acronym="SIMPEG")
    colleague = make_user("opd_operator", suffix="colleague")
    auth.login("opd_operator", suffix="me")
    client.post("/requests/new/application", data=LOOK_ALIKE)
    client.post("/auth/logout")
    client.post("/auth/login", data={"email": colleague.email, "password": PASSWORD})
    client.post("/requests/new/application", data=LOOK_ALIKE)
    assert len(_requests()) == 2


def test_the_inbox_shows_the_state_a_request_is_in_now(client, auth, make_user, unit):
    first, second = (make_user("reviewer", suffix=s) for s in ("first", "second"))
    auth.login("opd_operator", suffix="op")
    client.post("/requests/new/subdomain", data={
        "label": "sehat", "purpose": "Portal layanan kesehatan", "hosted_in_indonesia": "1",
        "then": "submit"})
    [req] = _requests()
    client.post("/auth/logout")

    client.post("/auth/login", data={"email": first.email, "password": PASSWORD})
    before = client.get("/inbox").text
    assert "menunggu keputusan" in before
    client.post(f"/requests/{req.id}/transition",
                data={"action": "approve", "reason": "OK", "version": req.version})
    client.post("/auth/logout")

    client.post("/auth/login", data={"email": second.email, "password": PASSWORD})
    inbox = client.get("/inbox").text
    assert "sehat.contohprov.go.id" in inbox
    assert "menunggu keputusan" not in inbox
    assert "Disetujui" in inbox
    api = client.get("/api/v1/notifications").json
    assert "menunggu keputusan" not in api["items"][0]["message"]


def test_a_submission_refused_for_a_missing_field_names_it(client, auth, unit):
    auth.login("opd_operator")
    response = client.post("/requests/new/subdomain", data={
        "label": "sehat", "hosted_in_indonesia": "1", "then": "submit"})
    assert response.status_code == 422
    [req] = _requests()
    text = " ".join(response.text.split())
    assert f"disimpan sebagai draf #{req.id} dan belum diajukan" in text
    assert "Tujuan: Wajib diisi." in text
    # once the purpose is filled in, the same form goes on with the same draft
    sent = client.post("/requests/new/subdomain", data={
        "label": "sehat", "purpose": "Portal layanan kesehatan", "hosted_in_indonesia": "1",
        "then": "submit"})
    assert sent.status_code == 302
    assert [r.state for r in _requests()] == ["submitted"]
