"""Fixtures shared by the registry tests of every layer."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from registry import models
from registry.extensions import db
from registry.services import (
    assessment_team,
    assessments,
    backup,
    demo,
    domains,
    infrastructure,
    integrations,
    inventory,
    management,
    organisation,
)
from tests.registry.builders import TODAY, YEAR, link_body, wipe_schema
from tests.registry.city_workbook import ZONE, city_sheets, workbook_bytes
from tests.registry.job_queue import queue_on_redis


@pytest.fixture
def province(agency, unit, other_unit, make_application):
    """Dinkes: two live apps on the bus, one point-to-point link; Disdik: one app, no facts."""
    center = models.DataCenter(agency_id=agency.id, code="DC", name="Pusat Data", kind="own")
    room = models.DataCenter(agency_id=agency.id, code="SR", name="Ruang Server",
                             kind="opd_server_room")
    bus = models.ServiceBus(agency_id=agency.id, code="ESB", name="ESB", connected_to_splp=True)
    db.session.add_all([center, room, bus])
    db.session.commit()
    a = make_application(name="SIMRS", hosting_id=center.id, consulted_ict_unit_on=TODAY,
                         last_review_on=TODAY, review_followup="SK 1/2026")
    b = make_application(name="e-Puskesmas", hosting_id=room.id)
    c = make_application(name="Dapodik Lokal", owner_unit_id=other_unit.id, hosting_id=center.id)
    make_application(name="Rencana", lifecycle="planned")
    for provider, consumer, channel in ((a, b, "service_bus"), (b, c, "direct_api")):
        integrations.create_link({"provider_id": provider.id, "consumer_id": consumer.id,
                                  "channel": channel, "status": "active"}, actor=None)
    domains.create_domain({"fqdn": "simrs.contohprov.go.id", "unit_id": unit.id,
                           "application_id": a.id, "tls_expires_on": TODAY + timedelta(days=60)},
                          actor=None)
    domains.create_domain({"fqdn": "lama.contohprov.go.id", "unit_id": unit.id}, actor=None)
    return {"simrs": a, "puskesmas": b, "dapodik": c}


@pytest.fixture
def landscape(agency, unit, other_unit, make_application):
    """A small province: a bus link, a point-to-point link, an unconsulted app, a server room."""
    center = models.DataCenter(agency_id=agency.id, code="DC", name="Pusat Data", kind="own",
                               uses_pdn=True)
    room = models.DataCenter(agency_id=agency.id, code="SR", name="Ruang Server Dinkes",
                             kind="opd_server_room")
    db.session.add_all([center, room,
                        models.Network(agency_id=agency.id, code="N", name="Intra",
                                       connected_to_jip=True, units=[unit, other_unit]),
                        models.ServiceBus(agency_id=agency.id, code="ESB", name="ESB",
                                          connected_to_splp=True)])
    db.session.commit()
    good = {"consulted_ict_unit_on": date(2020, 1, 1), "ict_controlled": True,
            "last_review_on": date.today(), "review_followup": "SK 1/2026",
            "hosting_id": center.id}
    simpeg = make_application(name="SIMPEG", **good)
    ekinerja = make_application(name="e-Kinerja", owner_unit_id=other_unit.id, **good)
    legacy = make_application(name="Aplikasi Lama", **(good | {"consulted_ict_unit_on": None,
                                                                "hosting_id": room.id}))
    integrations.create_link({"provider_id": simpeg.id, "consumer_id": ekinerja.id,
                              "channel": "service_bus", "status": "active"}, actor=None)
    p2p = integrations.create_link({"provider_id": simpeg.id, "consumer_id": legacy.id,
                                    "channel": "direct_api", "status": "active"}, actor=None)
    for kind in ("infrastructure", "application", "security"):
        management.create_audit({"agency_id": agency.id, "type": kind, "object_name": "Pemprov",
                                 "performed_on": date.today(),
                                 "auditor_kind": "external_certified", "followed_up": True},
                                actor=None)
    return {"simpeg": simpeg, "ekinerja": ekinerja, "legacy": legacy, "p2p": p2p}


@pytest.fixture
def demo_data(app):
    """Load a small demo province: about 45 OPDs, 20 applications, 28 links, the demo users.

    Small on purpose: xmlschema checks the schema's identity constraints slowly (about 3 s for
    60 applications, 12 s for the default 300).
    """
    demo.load_demo(apps=20)
    return db.session.scalars(select(models.Agency)).one()


@pytest.fixture
def small_backup(app):
    """Return a small backup document as text, on an emptied database."""
    agency = organisation.create_agency({"code": "PROV", "name": "Provinsi", "kind": "provinsi",
                                         "zone": "prov.go.id"}, actor=None)
    for n in range(3):
        organisation.create_unit({"agency_id": agency.id, "code": f"U{n}", "name": f"Unit {n}"},
                                 actor=None)
    stream = io.StringIO()
    backup.export_all(stream)
    wipe_schema()
    return stream.getvalue()


@pytest.fixture
def centres(agency):
    for code, name, kind in (("DC-PROV", "Pusat Data Provinsi", "own"),
                             ("PDN", "Pusat Data Nasional", "pdn")):
        infrastructure.create_record(models.DataCenter, {"agency_id": agency.id, "code": code,
                                                         "name": name, "kind": kind}, actor=None)


@pytest.fixture
def city(app):
    """The instansi, created as the lead's set-up does, on an otherwise empty registry."""
    return organisation.create_agency({"code": "KOTACONTOH", "name": "Pemerintah Kota Contoh",
                                       "kind": "kota", "zone": ZONE}, actor=None)


@pytest.fixture
def city_file(tmp_path):
    path = tmp_path / "inventaris-kota.xlsx"
    path.write_bytes(workbook_bytes(city_sheets()))
    return path


@pytest.fixture
def centers(agency):
    own = infrastructure.create_record(models.DataCenter, {
        "agency_id": agency.id, "code": "DC-PROV", "name": "Pusat Data Provinsi",
        "kind": "own", "tier": 3}, actor=None)
    pdn = infrastructure.create_record(models.DataCenter, {
        "agency_id": agency.id, "code": "PDN", "name": "Pusat Data Nasional", "kind": "pdn"},
        actor=None)
    return own, pdn


@pytest.fixture
def full_application(make_application, centers, make_user):
    """An application with a value in every column a person can fill, confirmed once."""
    own, pdn = centers
    app = make_application(
        code="SIMPEG", name="Sistem Informasi Kepegawaian", acronym="SIMPEG",
        description="Data pegawai", kind="khusus", lifecycle="production",
        started_on=date(2021, 3, 1), reference_code="RAA.02.02.01", hosting_id=own.id,
        backup_hosting_id=pdn.id, service_codes=["RAL.02.03"], data_codes=["RAD.01.01"],
        url="https://simpeg.contohprov.go.id", consulted_ict_unit_on=date(2020, 11, 2),
        ict_controlled=True, published=True, last_review_on=date(2025, 5, 5),
        review_followup="SK 12/2025", service_indicator=33)
    # a second write, so version and created_at differ from a fresh row's
    checker = make_user("architect", suffix="checker")
    inventory.update_application(app.id, {"description": "Data seluruh pegawai"},
                                 actor=checker, expected_version=app.version)
    row = db.session.get(models.Application, app.id)
    row.confirmed_at = datetime(2026, 2, 3, 4, 5, 6, tzinfo=UTC)
    row.confirmed_by_id = checker.id
    db.session.commit()
    return db.session.get(models.Application, app.id)


@pytest.fixture
def linked(full_application, make_application, other_unit):
    """The application with three links: active, proposed and one retired long ago."""
    partner = make_application(code="PORTAL", name="Portal Layanan",
                               owner_unit_id=other_unit.id)
    spare = make_application(code="ARSIP", name="Arsip Digital")
    active = integrations.create_link({
        "provider_id": full_application.id, "consumer_id": partner.id,
        "channel": "service_bus", "status": "active", "data_exchanged": "Data pegawai",
        "protocol": "REST/JSON", "agreement_ref": "PKS 1/2025",
        "direction": "bidirectional"}, actor=None)
    proposed = integrations.create_link({
        "provider_id": spare.id, "consumer_id": full_application.id,
        "channel": "direct_api", "status": "proposed", "data_exchanged": "Arsip"}, actor=None)
    old = integrations.create_link({
        "provider_id": full_application.id, "consumer_id": spare.id,
        "channel": "file_transfer", "status": "retired"}, actor=None)
    return full_application, partner, [active.id, proposed.id, old.id]


@pytest.fixture
def apps(make_application, other_unit):
    """Return two applications of the operator's OPD and one of another OPD."""
    return {
        "ours": make_application(name="SIMRS", acronym="SIMRS"),
        "ours2": make_application(name="e-Puskesmas", acronym="EPUS"),
        "theirs": make_application(name="Dapodik Lokal", acronym="DAPO",
                                   owner_unit_id=other_unit.id),
    }


@pytest.fixture
def operator(make_user):
    """Return an OPD operator of ``unit`` (the operator's OPD, A)."""
    return make_user("opd_operator", suffix="a")


@pytest.fixture
def own_link(apps):
    """Return an active link wholly inside the operator's OPD."""
    return integrations.create_link(link_body(apps["ours"], apps["ours2"]), actor=None)


@pytest.fixture
def cross_link(apps):
    """Return an active link between the operator's OPD and another OPD (approved earlier)."""
    return integrations.create_link(link_body(apps["theirs"], apps["ours"]), actor=None)


@pytest.fixture
def own_domain(unit):
    """Return a domain name of the operator's OPD."""
    return domains.create_domain({"fqdn": "simrs.contohprov.go.id", "unit_id": unit.id},
                                 actor=None)


@pytest.fixture
def opened(agency, make_user):
    """The 2026 assessment, opened by an architect: its Koordinator."""
    coordinator = make_user("architect", suffix="koordinator")
    return assessments.open_assessment(agency.id, YEAR, actor=coordinator), coordinator


@pytest.fixture
def team(agency, unit, make_user):
    """An assessment with its team: Koordinator, a person in charge and staff of 16 and 19."""
    people = {
        "coordinator": make_user("architect", suffix="koordinator"),
        "responsible": make_user("reviewer", suffix="pj"),
        "staff": make_user("opd_operator", suffix="staf"),
        "other_staff": make_user("architect", suffix="staf13"),
        "architect": make_user("architect", suffix="luar"),
        "admin": make_user("admin"),
        "viewer": make_user("viewer"),
        "asesor": make_user("asesor"),
    }
    assessment = assessments.open_assessment(agency.id, YEAR, actor=people["coordinator"])
    for number, fillers in ((16, [people["staff"]]), (19, [people["staff"]]),
                            (13, [people["other_staff"]])):
        score = assessments.score_of(assessment, number)
        assessment_team.assign_indicator(
            assessment.id, number, responsible_id=people["responsible"].id,
            filler_ids=[u.id for u in fillers], actor=people["coordinator"],
            expected_version=score.version)
    return assessment, people


@pytest.fixture
def redis_queue(app):
    """The app's job queue on a flushed Redis database (skipped without Redis)."""
    yield from queue_on_redis(app)


@pytest.fixture
def results(app, tmp_path):
    """The folder export jobs write their files to."""
    folder = tmp_path / "results"
    app.config["REGISTRY_JOB_RESULT_DIR"] = str(folder)
    return folder
