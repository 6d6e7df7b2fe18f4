"""Architecture documents and the completeness page: what is recorded and what is missing."""

from datetime import date

import pytest

from registry import models
from registry.errors import ConflictError, ValidationFailedError
from registry.extensions import db
from registry.services import completeness, documents, management, roadmap


def _gaps(agency_id, key):
    section = next(s for s in completeness.completeness(agency_id, today=date(2026, 11, 1))
                   if s.key == key)
    return [gap.text for gap in section.gaps]


def test_documents_are_recorded_with_versions_and_domains(agency):
    doc = documents.save_document(agency.id, "arsitektur_spbe",
                                  {"number": "Pergub 12/2024", "domains": ["application", "data"]},
                                  actor=None)
    documents.save_document(agency.id, "arsitektur_spbe", {"last_review_on": date(2026, 1, 5)},
                            actor=None, expected_version=doc.version)
    with pytest.raises(ConflictError):
        documents.save_document(agency.id, "arsitektur_spbe", {"number": "x"}, actor=None,
                                expected_version=1)
    with pytest.raises(ValidationFailedError):
        documents.save_document(agency.id, "horoscope", {}, actor=None)
    covered = {name: flag for name, flag, _codes in completeness.national_domains(agency.id)}
    assert covered["Aplikasi"] and covered["Data dan Informasi"] and not covered["Keamanan"]


def test_application_gaps_count_and_link_to_the_filtered_list(agency, unit, make_application):
    make_application(reference_code=None, hosting_id=None)
    make_application(reference_code="RAA.02.01", consulted_ict_unit_on=date(2024, 1, 1))
    gaps = next(s for s in completeness.completeness(agency.id) if s.key == "application").gaps
    texts = {g.text: g for g in gaps}
    assert "1 aplikasi tanpa kode referensi RAA" in texts
    assert texts["1 aplikasi tanpa konsultasi dengan unit TIK"].link == (
        "inventory.list_applications", {"missing": "consultation", "kind": "khusus",
                                        "live": "true"})


def test_roadmap_gaps_name_each_missing_content_area(agency, unit):
    roadmap.create_initiative({"code": "A", "title": "Aplikasi", "content_area": "aplikasi",
                               "owner_unit_id": unit.id, "start_year": 2026, "end_year": 2027},
                              actor=None)
    gaps = _gaps(agency.id, "roadmap")
    assert "Peta Rencana tanpa muatan Audit TIK" in gaps
    assert not any("Aplikasi SPBE" in g for g in gaps)
    assert "1 inisiatif tanpa target atau pagu 2026" in gaps


def test_infrastructure_and_management_gaps(agency, unit, other_unit):
    db.session.add(models.Network(agency_id=agency.id, code="N", name="Intra", units=[unit]))
    db.session.commit()
    assert "1 OPD belum terhubung jaringan intra" in _gaps(agency.id, "infrastructure")
    assert "Belum ada service bus" in _gaps(agency.id, "infrastructure")
    management.create_audit({"agency_id": agency.id, "type": "security", "object_name": "DC",
                             "performed_on": date(2026, 1, 1), "auditor_kind": "internal"},
                            actor=None)
    gaps = _gaps(agency.id, "ict_management")
    assert "Tidak ada Audit Aplikasi SPBE dalam 24 bulan terakhir" in gaps
    assert not any("Audit Keamanan SPBE dalam" in g for g in gaps)


def test_missing_filter_lists_the_applications_a_gap_counts(client, auth, make_application):
    auth.login("viewer")
    make_application(name="Tanpa Kode", reference_code=None)
    make_application(name="Dengan Kode", reference_code="RAA.02.02")
    page = client.get("/inventory/applications?missing=reference_code").text
    assert "Tanpa Kode" in page and "Dengan Kode" not in page
    assert client.get("/inventory/applications?missing=nonsense").status_code == 400


def test_completeness_page_and_document_form(client, auth, agency, unit):
    auth.login("architect")
    page = client.get("/architecture/completeness").text
    assert "Kelengkapan Arsitektur SPBE" in page
    assert "Dokumen Arsitektur SPBE belum tercatat" in page
    saved = client.post("/architecture/documents/arsitektur_spbe", data={
        "number": "Pergub No. 5 Tahun 2025", "issued_on": "2025-03-01",
        "enacted_by": "Peraturan Gubernur", "domains": ["application", "security"]})
    assert saved.status_code == 302
    page = client.get("/architecture/completeness").text
    assert "Pergub No. 5 Tahun 2025" in page
    assert "Dokumen Arsitektur SPBE belum pernah direviu" in page
    bad = client.post("/architecture/documents/arsitektur_spbe", data={
        "issued_on": "bukan tanggal", "version": "1"})
    assert bad.status_code == 422 and "Tanggal tidak sah" in bad.text


def test_document_api(client, agency, token_for):
    headers = token_for("architect")
    listed = client.get("/api/v1/architecture-documents", headers=headers).json
    assert [d["kind"] for d in listed][:2] == ["arsitektur_spbe", "peta_rencana"]
    saved = client.put("/api/v1/architecture-documents/peta_rencana", headers=headers,
                       json={"number": "Pergub 7/2025", "domains": []})
    assert saved.status_code == 200 and saved.json["version"] == 1
    bad = client.put("/api/v1/architecture-documents/arsitektur_spbe", headers=headers,
                     json={"domains": ["astrologi"]})
    assert bad.status_code == 422 and "domains" in bad.json["errors"]
    assert client.put("/api/v1/architecture-documents/peta_rencana",
                      headers=token_for("viewer"), json={"number": "x"}).status_code == 403


def test_a_policy_is_recorded_with_its_coverage_and_lifts_its_indicator(client, auth, agency):
    from registry.services import assessments

    auth.login("architect")
    form = client.get("/architecture/documents/kebijakan_pusat_data").text
    assert "Cakupan kebijakan (indikator 5)" in form and 'name="beyond_instansi"' in form
    assert 'name="complete"' not in client.get("/architecture/documents/arsitektur_spbe").text
    saved = client.post("/architecture/documents/kebijakan_pusat_data", data={
        "number": "Pergub No. 41 Tahun 2023", "issued_on": "2023-05-02", "complete": "1"})
    assert saved.status_code == 302
    page = client.get("/architecture/completeness").text
    assert "Kebijakan Internal Layanan Pusat Data" in page and "lengkap" in page
    opened = assessments.open_assessment(agency.id, 2025, actor=None)  # 59/2020
    assert assessments.score_of(opened, 5).computed_level == 3
    listed = client.get("/api/v1/architecture-documents").json
    policy = next(d for d in listed if d["kind"] == "kebijakan_pusat_data")
    assert (policy["complete"], policy["beyond_instansi"]) == (True, False)
