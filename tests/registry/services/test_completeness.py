"""Architecture documents and completeness through the services: what is recorded and missing."""

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
    assert covered["Aplikasi"]
    assert covered["Data dan Informasi"]
    assert not covered["Keamanan"]


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
