"""Shared test data and builders for the registry tests: spreadsheets and the no-write check."""

import io
from contextlib import contextmanager
from datetime import date

from sqlalchemy import func, inspect, select

from registry import models
from registry.extensions import db
from registry.services import (
    assessments,
    backup,
    changelog,
    importing,
    infrastructure,
    management,
    reference,
    talent,
)
from registry.services import requests as requests_service
from tests.registry.city_workbook import workbook_bytes

TODAY = date(2026, 11, 23)  # the province fixture's and the OPD scorecard tests' today
YEAR = 2026  # the year of the assessments the evidence and team fixtures open
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 \
    + b"This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 200
UNITS = ["Kode OPD", "Nama OPD", "Singkatan", "Unit TIK"]
APPS = ["Kode Aplikasi", "Nama Aplikasi", "Singkatan", "Deskripsi", "Jenis", "Kode OPD",
        "Status", "Tahun Mulai", "Kode RAA", "Layanan RAL", "Hosting", "Alamat Web"]
LINKS = ["Kode Aplikasi Penyedia", "Kode Aplikasi Konsumen", "Kanal", "Data", "Protokol",
         "Status"]
DOMAINS = ["Nama Domain", "Kode OPD", "Kode Aplikasi", "Status", "Kontak Teknis",
           "Di Indonesia", "TLS Berlaku Sampai"]

GOOD = {
    "OPD": [UNITS, ["BKD", " Badan Kepegawaian  Daerah ", "BKD", "tidak"],
            ["DISKOMINFO", "Dinas Komunikasi dan Informatika", "Diskominfo", "Ya"]],
    "Aplikasi": [APPS,
                 ["SIMPEG", "Sistem Informasi Manajemen Kepegawaian", "SIMPEG",
                  "Data pegawai.\n  Mutasi dan  pensiun.", "Khusus", "bkd", " aktif ", "2019",
                  "raa.2.1", "RAL.2.3, ral.02.05", "Lokal", "https://simpeg.contohprov.go.id"],
                 ["SIASN", "SIASN", None, None, "Umum", "BKD", "Aktif", 2021.0, None, None,
                  "pusat", None],
                 ["PORTAL", "Portal Diskominfo", None, "x" * 3000, "khusus", "DISKOMINFO",
                  "Non-Aktif", "Th. 2015", None, None, None, None]],
    "Integrasi": [LINKS, ["SIASN", "SIMPEG", "splp", "Data ASN", "REST", "aktif"],
                  ["SIMPEG", "PORTAL", "hyperlink", None, None, "usulan"]],
    "Domain": [DOMAINS, ["simpeg.contohprov.go.id", "BKD", "SIMPEG", "aktif", "tim@bkd",
                         "Ya", "31/12/2026"],
               ["portal.contohprov.go.id", "DISKOMINFO", None, "Aktif", None, "ya",
                date(2027, 1, 15)]],
}


def workbook(sheets):
    """Return an .xlsx file in memory with one sheet per title and the rows given."""
    return io.BytesIO(workbook_bytes(sheets))


BAD = {
    "OPD": [UNITS, ["BKD", "Badan Kepegawaian Daerah", "BKD", "mungkin"],
            ["BKD", "Duplikat", None, None]],
    "Aplikasi": [APPS,
                 ["SIMPEG", None, None, None, "Khusus", "BKD", "aktif", "2019", None, None,
                  None, None],
                 ["A2", "Nama", None, None, "Campuran", "BKD", "aktif", "20x9", "XYZ.1", None,
                  None, None],
                 ["A3", "Nama " + "n" * 300, None, None, None, "TIDAKADA", "hidup", None, None,
                  None, "Mars", None]],
    "Integrasi": [LINKS, ["SIMPEG", "SIMPEG", "SPLP", None, None, None],
                  ["SIMPEG", "HANTU", "telepati", None, None, None]],
    "Domain": [DOMAINS, ["x.lainprov.go.id", "BKD", None, None, None, None, None],
               ["bad_name.contohprov.go.id", "BKD", None, None, None, None, None],
               ["ok.contohprov.go.id", "BKD", None, None, None, "entah", "kemarin"]],
}


def snapshot(*models):
    """Return every row of the models' tables, read afresh: compare two to see what a call wrote."""
    db.session.expire_all()
    rows = {}
    for model in models:
        table = inspect(model).local_table
        rows[model.__name__] = sorted((tuple(row) for row in db.session.execute(select(table))),
                                      key=repr)
    return rows


@contextmanager
def unchanged(*models):
    """Assert at exit that the tables of the models hold exactly the rows they held at entry.

    Every column is compared (the version and the timestamps too), so an update, an insert or
    a delete that slipped through a refused request fails the test.
    """
    before = snapshot(*models)
    yield
    after = snapshot(*models)
    for name, rows in before.items():
        count = f"{len(rows)} -> {len(after[name])} rows"
        assert after[name] == rows, f"{name} changed: {count}"


def initiative_body(unit, **overrides):
    return {"code": "PR-01", "title": "Integrasi aplikasi lewat SPLP", "content_area": "aplikasi",
            "owner_unit_id": unit.id, "indicators": [18], "start_year": 2025, "end_year": 2029,
            "years": [{"year": 2025, "target": "10 aplikasi", "program_code": "2.16.03",
                       "amount": "250000000"},
                      {"year": 2026, "target": "25 aplikasi", "amount": 400000000}]} | overrides


def wipe_schema():
    """Give the app a fresh, empty schema (new tables: on PostgreSQL, new id sequences)."""
    db.session.remove()
    db.drop_all()
    db.create_all()


def total_rows():
    return sum(backup.table_counts().values())


def row_count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def import_sheets(agency, sheets, *, dry_run=False, actor=None):
    return importing.import_file(workbook(sheets), "inventaris.xlsx", agency_id=agency.id,
                                 actor=actor, dry_run=dry_run)


def import_city_bytes(agency, body, **kwargs):
    import io

    return importing.import_file(io.BytesIO(body), "inventaris.xlsx", agency_id=agency.id,
                                 actor=None, **kwargs)


def city_sheet(rows, header=("Nama Aplikasi", "Nama OPD", "Status")):
    return workbook_bytes({"Aplikasi": [list(header), *rows]})


def stored_columns(model, obj_id):
    """Every column of the row as stored now (read afresh from the database)."""
    db.session.expire_all()
    obj = db.session.get(model, obj_id)
    if obj is None:
        return None
    return {attr.key: getattr(obj, attr.key) for attr in inspect(model).column_attrs}


def newest_entry(object_type, object_id):
    return changelog.history(object_type, object_id, limit=1)[0]


def audit_record(agency):
    return management.create_audit({
        "agency_id": agency.id, "type": "security", "object_name": "Pusat Data Provinsi",
        "performed_on": date(2026, 1, 10), "auditor_kind": "external_certified",
        "auditor_name": "BSSN", "conclusion": "Memadai", "findings": "2 temuan",
        "follow_up": "Ditutup", "followed_up": True}, actor=None)


def network_record(agency, unit, other_unit):
    return infrastructure.create_record(models.Network, {
        "agency_id": agency.id, "code": "INTRA", "name": "Jaringan Intra Pemprov",
        "connected_to_jip": True, "unit_ids": [unit.id, other_unit.id]}, actor=None)


def service_bus_record(agency, centers):
    return infrastructure.create_record(models.ServiceBus, {
        "agency_id": agency.id, "code": "ESB", "name": "SPLP Provinsi",
        "connected_to_splp": True, "data_center_id": centers[0].id}, actor=None)


def certificate_record(agency, unit):
    return talent.create_certificate({
        "unit_id": unit.id, "person_name": "Siti Aminah", "employee_number": "19800101",
        "position": "Pranata Komputer", "competence": "Keamanan informasi",
        "certificate": "CISSP", "issuer": "ISC2", "number": "C-1",
        "issued_on": date(2024, 1, 1), "expires_on": date(2027, 1, 1)}, actor=None)


def reference_entry(agency):
    return reference.create_entry({"agency_id": agency.id, "code": "RAL.02.03",
                                   "name": "Layanan kepegawaian",
                                   "description": "Dari katalog nasional"}, actor=None)


def link_body(provider, consumer, **extra):
    return {"provider_id": provider.id, "consumer_id": consumer.id,
            "channel": "service_bus", "status": "active"} | extra


def stored_values(record):
    """Return the record's values as the database holds them (to show nothing changed)."""
    db.session.refresh(record)
    return {c.key: getattr(record, c.key) for c in record.__table__.columns}


def new_app_body(unit, **extra):
    return {"code": "BARU-1", "name": "Aplikasi Baru", "owner_unit_id": unit.id,
            "kind": "khusus", "lifecycle": "planned"} | extra


def submitted_application_request(unit, actor):
    req = requests_service.create_request("application", {
        "unit_id": unit.id, "name": "Aplikasi Arsitek", "purpose": "Layanan baru"}, actor=actor)
    return requests_service.transition(req.id, "submit", actor=actor)


def indicator_score(assessment, number):
    return assessments.score_of(assessments.get_assessment(assessment.id), number)
