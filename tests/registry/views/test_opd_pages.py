"""The OPD scorecard, the desk, the talent register and the public catalogue, through HTTP."""

import io
import json

from openpyxl import load_workbook

from registry import models
from registry.extensions import db


def test_the_scorecard_ranks_sets_targets_and_exports(client, auth, province, unit):
    auth.login("architect")
    page = client.get("/opd-scorecard?year=2026")
    assert page.status_code == 200
    assert "Dinas Kesehatan" in page.text
    assert "Bagaimana skor dihitung" in page.text
    saved = client.post("/opd-scorecard/targets", data={"unit_id": unit.id, "year": 2026,
                                                        "target": "80"})
    assert saved.status_code == 302
    refused = client.post("/opd-scorecard/targets", data={"unit_id": unit.id, "year": 2026,
                                                          "target": "180"})
    assert refused.status_code == 303
    assert db.session.scalar(db.select(models.OpdTarget.target)) == 80
    book = load_workbook(io.BytesIO(client.get("/opd-scorecard.xlsx?year=2026").data))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Peringkat", "Kode OPD", "OPD", "Skor")
    assert {r[2]: r[4] for r in rows[1:]}["Dinas Kesehatan"] == 80
    assert client.get("/opd-scorecard?year=99").status_code == 400


def test_an_operator_confirms_records_on_the_desk(client, auth, province, unit):
    operator = auth.login("opd_operator")
    page = client.get(f"/units/{unit.id}/desk")
    assert page.status_code == 200
    assert "Langkah berikutnya" in page.text
    assert "Konfirmasi yang dicentang masih benar" in page.text
    done = client.post(f"/units/{unit.id}/desk/confirm",
                       data={"application_ids": [province["simrs"].id]})
    assert done.status_code == 302
    assert db.session.get(models.Application, province["simrs"].id).confirmed_by_id == operator.id
    assert client.post(f"/units/{unit.id}/desk/confirm", data={
        "application_ids": [province["dapodik"].id]}).status_code == 422


def test_a_reviewer_reads_the_desk_but_cannot_confirm(client, auth, province, unit):
    auth.login("reviewer")
    page = client.get(f"/units/{unit.id}/desk")
    assert page.status_code == 200
    assert "Konfirmasi yang dicentang" not in page.text
    assert client.post(f"/units/{unit.id}/desk/confirm",
                       data={"application_ids": [province["simrs"].id]}).status_code == 403


def test_the_talent_register_records_and_refuses(client, auth, unit):
    auth.login("opd_operator")
    bad = client.post("/talent/new", data={"person_name": "A", "competence": "",
                                           "certificate": "CEH", "issuer": "EC"})
    assert bad.status_code == 422
    assert "Wajib diisi" in bad.text
    ok = client.post("/talent/new", data={"person_name": "Budi Santoso", "competence": "Data",
                                          "certificate": "Data Analyst", "issuer": "BNSP",
                                          "expires_on": "2027-06-30"})
    assert ok.status_code == 302
    listed = client.get("/talent")
    assert "Budi Santoso" in listed.text
    assert "Dinas Kesehatan" in listed.text


def test_the_public_catalogue_needs_no_login_and_shows_no_internal_field(
        client, province, make_user):
    app = province["simrs"]
    app.published, app.url = True, "https://simrs.contohprov.go.id"
    app.description = "Pendaftaran pasien rumah sakit daerah"
    app.review_followup = "SK-RAHASIA-42"
    db.session.commit()
    page = client.get("/katalog")
    assert page.status_code == 200
    assert "SIMRS" in page.text
    assert "https://simrs.contohprov.go.id" in page.text
    assert "e-Puskesmas" not in page.text  # not published
    for secret in ("SK-RAHASIA-42", "Pusat Data", "APP-0001", "opd_server_room"):
        assert secret not in page.text
    assert "Keluar" not in page.text  # nobody is signed in
    assert client.get("/katalog?q=pasien").text.count("catalogue-entry") == 1
    assert client.get("/inventory/applications").status_code == 302  # the rest stays closed


def test_the_api_and_the_cli_give_the_same_scores(client, runner, province, token_for):
    headers = token_for("architect")
    put = client.put("/api/v1/opd-targets", json={"unit_id": province["simrs"].owner_unit_id,
                                                  "year": 2026, "target": 70}, headers=headers)
    assert put.status_code == 200, put.json
    api = client.get("/api/v1/opd-scorecard?year=2026", headers=headers).json
    cli = json.loads(runner.invoke(args=["opd-scorecard", "--year", "2026", "--json"]).output)
    assert [(o["name"], o["score"], o["target"]) for o in api] == \
        [(o["name"], o["score"], o["target"]) for o in cli["opds"]]
    bad = client.put("/api/v1/opd-targets", json={"unit_id": 1, "year": 2026, "target": "x"},
                     headers=headers)
    assert bad.status_code == 422
    assert "target" in bad.json["errors"]
