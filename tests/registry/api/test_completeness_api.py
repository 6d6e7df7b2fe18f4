"""Architecture documents and policies through the JSON API."""

from registry import models
from tests.registry.builders import unchanged


def test_document_api(client, agency, token_for):
    headers = token_for("architect")
    listed = client.get("/api/v1/architecture-documents", headers=headers).json
    assert [d["kind"] for d in listed][:2] == ["arsitektur_spbe", "peta_rencana"]
    saved = client.put("/api/v1/architecture-documents/peta_rencana", headers=headers,
                       json={"number": "Pergub 7/2025", "domains": []})
    assert saved.status_code == 200
    assert saved.json["version"] == 1
    viewer = token_for("viewer")
    with unchanged(models.ArchitectureDocument, models.ChangeLog):
        bad = client.put("/api/v1/architecture-documents/arsitektur_spbe", headers=headers,
                         json={"domains": ["astrologi"]})
        assert bad.status_code == 422
        assert "domains" in bad.json["errors"]
        assert client.put("/api/v1/architecture-documents/peta_rencana",
                          headers=viewer, json={"number": "x"}).status_code == 403


def test_a_policy_is_recorded_with_its_coverage_and_lifts_its_indicator(client, auth, agency):
    from registry.services import assessments

    auth.login("architect")
    form = client.get("/architecture/documents/kebijakan_pusat_data").text
    assert "Cakupan kebijakan (indikator 5)" in form
    assert 'name="beyond_instansi"' in form
    assert 'name="complete"' not in client.get("/architecture/documents/arsitektur_spbe").text
    saved = client.post("/architecture/documents/kebijakan_pusat_data", data={
        "number": "Pergub No. 41 Tahun 2023", "issued_on": "2023-05-02", "complete": "1"})
    assert saved.status_code == 302
    page = client.get("/architecture/completeness").text
    assert "Kebijakan Internal Layanan Pusat Data" in page
    assert "lengkap" in page
    opened = assessments.open_assessment(agency.id, 2025, actor=None)  # 59/2020
    assert assessments.score_of(opened, 5).computed_level == 3
    listed = client.get("/api/v1/architecture-documents").json
    policy = next(d for d in listed if d["kind"] == "kebijakan_pusat_data")
    assert (policy["complete"], policy["beyond_instansi"]) == (True, False)
