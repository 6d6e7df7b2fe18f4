"""Load the generated demo dataset into an empty database, in bulk."""

from dataclasses import dataclass, field

from sqlalchemy import func, insert, select

from arch_models.landscape import Lifecycle
from registry import models
from registry.clock import local_today
from registry.errors import ConflictError
from registry.extensions import db
from registry.services import changelog
from registry.services._tx import transaction
from registry.services.users import create_user

#: the demo's people: (e-mail, name, role, unit code or None); all share DEMO_PASSWORD
DEMO_USERS = (
    ("admin@demo.go.id", "Admin Demo", models.Role.ADMIN, None),
    ("arsitek@demo.go.id", "Arsitek Diskominfo", models.Role.ARCHITECT, None),
    ("reviewer@demo.go.id", "Peninjau Inspektorat", models.Role.REVIEWER, None),
    ("operator@demo.go.id", "Operator Dinas Kesehatan", models.Role.OPD_OPERATOR, "DINKES"),
    ("viewer@demo.go.id", "Pembaca Umum", models.Role.VIEWER, None),
    ("asesor@demo.go.id", "Asesor Eksternal KemenPANRB", models.Role.ASESOR, None),
)
#: published with the demo: it protects nothing but demo data
DEMO_PASSWORD = "spbe-demo-2026"

_BATCH = 5000


def database_is_empty():
    """Tell whether no agency has been recorded yet."""
    return not db.session.scalar(select(func.count()).select_from(models.Agency))


def _bulk(model, rows):
    for start in range(0, len(rows), _BATCH):
        db.session.execute(insert(model), rows[start:start + _BATCH])


def _ids(model, *key_columns):
    columns = [getattr(model, c) for c in key_columns]
    return {tuple(row[1:]): row[0] for row in db.session.execute(select(model.id, *columns))}


@dataclass(frozen=True)
class _Table:
    """How the generated records of one kind become the rows of one table.

    A row takes ``fields`` from its record (``defaults`` where the record has none), its
    agency's id, version 1, and for each ``(column, records, code)`` of ``refs`` the id of the
    record of a table loaded before whose code the record names, within the same agency.
    """

    model: type
    records: str
    fields: tuple[str, ...]
    refs: tuple[tuple[str, str, str], ...] = ()
    defaults: dict = field(default_factory=dict)
    #: keep the map (agency code, code) -> id for the tables after it
    keyed: bool = False
    #: the progress line, after the number of records
    say: str | None = None


#: the tables of the demo after the agencies, in the order they are loaded
_TABLES = (
    _Table(models.Unit, "units", ("code", "name", "acronym", "is_ict_unit"), keyed=True,
           say="OPD"),
    _Table(models.DataCenter, "data_centers", ("code", "name", "kind", "tier", "location",
                                               "uses_pdn", "sop_ref"), keyed=True),
    _Table(models.Network, "networks", ("code", "name", "connected_to_jip"), keyed=True),
    _Table(models.ServiceBus, "service_buses", ("code", "name", "connected_to_splp"),
           refs=(("data_center_id", "data_centers", "datacenter_code"),)),
    _Table(models.Application, "applications", (
        "code", "name", "acronym", "description", "kind", "lifecycle", "reference_code", "url",
        "consulted_ict_unit_on", "ict_controlled", "last_review_on", "review_followup",
        "started_on", "service_indicator", "service_codes"),
        refs=(("owner_unit_id", "units", "unit_code"), ("hosting_id", "data_centers",
                                                        "hosting_code")),
        keyed=True, say="aplikasi"),
    _Table(models.IntegrationLink, "links", ("channel", "status", "direction", "data_exchanged",
                                             "protocol", "agreement_ref"),
           refs=(("provider_id", "applications", "provider_code"),
                 ("consumer_id", "applications", "consumer_code")), say="tautan integrasi"),
    _Table(models.DomainName, "domains", ("fqdn", "status", "tls_expires_on",
                                          "hosted_in_indonesia", "technical_contact"),
           refs=(("unit_id", "units", "unit_code"),
                 ("application_id", "applications", "application_code"))),
    _Table(models.ManagementArea, "management_areas", ("area", "status", "guideline_ref",
                                                       "guideline_date", "roadmap_ref",
                                                       "last_review_on")),
    _Table(models.AuditRecord, "audits", ("type", "object_name", "performed_on", "auditor_kind",
                                          "auditor_name", "followed_up")),
    _Table(models.ApplicationReview, "reviews", ("reviewed_on", "reviewer", "outcome",
                                                 "followup_document"),
           refs=(("application_id", "applications", "application_code"),)),
    _Table(models.Initiative, "initiatives", ("code", "title", "content_area", "indicators",
                                              "start_year", "end_year", "status", "elements"),
           refs=(("owner_unit_id", "units", "unit_code"),), defaults={"elements": []},
           keyed=True),
    _Table(models.ArchitectureDocument, "documents", (
        "kind", "number", "issued_on", "enacted_by", "last_review_on", "review_followup",
        "domains", "complete", "beyond_instansi"),
        defaults={"complete": False, "beyond_instansi": False}),
    _Table(models.ReferenceEntry, "reference_entries", ("code", "name")),
)


def _load_table(table, data, agency_ids, ids):
    """Insert the rows of one table; keep its id map in ``ids`` if the tables after need it."""
    _bulk(table.model, [
        {k: record.get(k, table.defaults.get(k)) for k in table.fields}
        | {column: ids[records].get((record["agency_code"], record[code]))
           for column, records, code in table.refs}
        | {"agency_id": agency_ids[record["agency_code"]], "version": 1}
        for record in getattr(data, table.records)
    ])
    if table.keyed:
        ids[table.records] = _keyed(table.model, agency_ids)


def load_demo(*, agencies=1, apps=300, links=None, seed=2026, with_users=True, progress=None):
    """Generate the demo dataset and insert it in one transaction; return the counts."""
    if not database_is_empty():
        raise ConflictError("Basis data sudah berisi data; demo hanya dimuat ke basis data kosong.")
    from registry.demo.generator import generate  # only the demo command needs it

    data = generate(agencies=agencies, apps=apps, links=links, seed=seed)
    say = progress or (lambda _msg: None)
    with transaction():
        _bulk(models.Agency, [dict(a) for a in data.agencies])
        agency_ids = {code: id_ for (code,), id_ in _ids(models.Agency, "code").items()}
        say(f"{len(data.agencies)} instansi")
        ids = {}
        for table in _TABLES:
            _load_table(table, data, agency_ids, ids)
            if table.say:
                say(f"{len(getattr(data, table.records))} {table.say}")
        unit_ids = ids["units"]
        _bulk(models.network_units, [
            {"network_id": ids["networks"][(n["agency_code"], n["code"])],
             "unit_id": unit_ids[(n["agency_code"], unit_code)]}
            for n in data.networks for unit_code in n["unit_codes"]
        ])
        _bulk(models.InitiativeYear, [
            line | {"initiative_id": ids["initiatives"][(i["agency_code"], i["code"])]}
            for i in data.initiatives for line in i["years"]
        ])
        counts = {
            "agencies": len(data.agencies), "units": len(data.units),
            "applications": len(data.applications), "links": len(data.links),
            "domains": len(data.domains), "data_centers": len(data.data_centers),
        }
        first = db.session.get(models.Agency, agency_ids[data.agencies[0]["code"]])
        changelog.log_change("create", first, actor=None, after={"demo_dataset": counts})
        if with_users:
            for email, name, role, unit_code in DEMO_USERS:
                unit_id = unit_ids.get((first.code, unit_code)) if unit_code else None
                create_user(
                    {"email": email, "name": name, "role": role, "unit_id": unit_id,
                     "password": DEMO_PASSWORD},
                    actor=None,
                )
        _load_assessments(first)
        if with_users:
            _load_assessment_team(first)
        _load_opd_records(first)
        if with_users:
            _load_requests(first)
    return counts


def _load_opd_records(agency):
    """Targets, certified staff, confirmed records and the public catalogue of the demo province."""
    from datetime import timedelta

    from registry.models.base import utcnow

    today = local_today()
    units = db.session.scalars(select(models.Unit).where(models.Unit.agency_id == agency.id)
                               .order_by(models.Unit.id)).all()
    for n, unit in enumerate(units):
        db.session.add(models.OpdTarget(agency_id=agency.id, unit_id=unit.id, year=today.year,
                                        target=60 + 5 * (n % 5), note="Target TPP"))
        if n % 3 != 2:
            db.session.add(models.StaffCertificate(
                agency_id=agency.id, unit_id=unit.id, person_name=f"Pegawai {unit.acronym or n}",
                position="Pranata Komputer", competence=("Keamanan informasi", "Analisis data",
                                                         "Arsitektur SPBE")[n % 3],
                certificate=("Certified Ethical Hacker", "Associate Data Scientist",
                             "Sertifikasi Arsitek SPBE")[n % 3],
                issuer=("EC-Council", "BNSP", "Kementerian PANRB")[n % 3],
                issued_on=today - timedelta(days=400),
                expires_on=today + timedelta(days=(45, 500, 900)[n % 3])))
    app = models.Application
    live = db.session.scalars(select(app).where(app.agency_id == agency.id,
                                                app.lifecycle == Lifecycle.PRODUCTION)
                              .order_by(app.id)).all()
    for n, row in enumerate(live):
        if n % 4 == 0:
            row.confirmed_at = utcnow() - timedelta(days=30 * (n % 18))
        if row.url and n % 3 == 0:
            row.published = True


def _load_requests(agency):
    """Load a few OPD requests of the demo operator, in each state a reviewer meets."""
    from datetime import timedelta

    from registry.models.base import utcnow
    from registry.services import requests

    def user(email):
        return db.session.scalar(select(models.User).where(models.User.email == email))

    operator, reviewer = user("operator@demo.go.id"), user("reviewer@demo.go.id")
    app = models.Application
    ours = db.session.scalar(select(app).where(app.owner_unit_id == operator.unit_id)
                             .order_by(app.id).limit(1))
    theirs = db.session.scalar(select(app).where(app.agency_id == agency.id,
                                                 app.owner_unit_id != operator.unit_id,
                                                 app.lifecycle == Lifecycle.PRODUCTION)
                               .order_by(app.id).limit(1))
    late = requests.create_request("subdomain", {
        "label": "layanan-sehat", "purpose": "Portal layanan kesehatan masyarakat",
        "technical_contact": "Tim TI Dinkes <ti.dinkes@contohprov.go.id>"}, actor=operator)
    requests.transition(late.id, "submit", actor=operator)
    late.submitted_at = utcnow() - timedelta(days=9)
    surat = requests.create_request("application", {
        "name": "e-Surat Dinas Kesehatan", "acronym": "ESURAT-DINKES",
        "purpose": "Persuratan, disposisi dan arsip surat dinas secara elektronik",
        "business_process": "Tata naskah dinas"}, actor=operator)
    requests.transition(surat.id, "submit", actor=operator,
                        justification="Perlu alur disposisi khusus rumah sakit daerah.")
    if ours is not None and theirs is not None:
        link = requests.create_request("link", {
            "provider_id": theirs.id, "consumer_id": ours.id, "channel": "service_bus",
            "data_exchanged": "Data penduduk untuk layanan kesehatan"}, actor=operator)
        requests.transition(link.id, "submit", actor=operator)
    refused = requests.create_request("subdomain", {
        "label": "dinkes2", "purpose": "Situs cadangan"}, actor=operator)
    requests.transition(refused.id, "submit", actor=operator)
    requests.transition(refused.id, "reject", actor=reviewer,
                        reason="Gunakan sub-domain dinkes yang sudah ada.")
    requests.create_request("subdomain", {"label": "posyandu",
                                          "purpose": "Informasi posyandu"}, actor=operator)


def _load_assessments(agency):
    """Load the demo province's finalised 2025 self-assessment and its 2026 draft.

    The 2025 one is under 59/2020, the 2026 draft under the Indeks Pemdi (8/2026), copied forward
    from 2025.
    """
    from datetime import date

    from registry.demo.catalogue import ASSESSED_2025, ENTERED_2026
    from registry.services import assessments

    last = assessments.open_assessment(agency.id, 2025, actor=None)
    for score in last.scores:
        if score.indicator in ASSESSED_2025:
            score.entered_level = ASSESSED_2025[score.indicator]
            score.note = "Dinilai tim penilai internal."
    assessments.finalise(last.id, actor=None, expected_version=last.version)
    current = assessments.copy_forward(last.id, actor=None)
    for score in current.scores:
        if score.indicator in ENTERED_2026:
            level, note, evidence, source = ENTERED_2026[score.indicator]
            score.entered_level, score.note, score.to_reassess = level, note, False
            score.evidence = [{"label": evidence, "url": None}]
            if source is not None:
                score.source_name, score.source_date = source[0], date.fromisoformat(source[1])


#: the demo's 2026 evidence files: (indicators, file name, title, kind, lines of the document)
DEMO_EVIDENCE = (
    ((4, 1), "SK-Tim-Koordinasi-Pemdi-7-2026.pdf", "SK Tim Koordinasi Pemdi No. 7/2026", "pdf",
     ("Menetapkan Tim Koordinasi Pemerintah Digital Provinsi Contoh,",
      "Koordinator Pemdi: Kepala Dinas Komunikasi dan Informatika.",
      "Forum koordinasi bersidang setiap triwulan.")),
    ((19,), "SOP-Layanan-Bantuan-3-2026.pdf", "SOP Layanan Bantuan No. 3/2026", "pdf",
     ("Kanal bantuan: surel, telepon, SP4N-LAPOR!.", "Waktu tanggap: 1 hari kerja.")),
    ((20,), "Laporan-SKM-Semester-I-2026.pdf", "Laporan SKM Semester I 2026", "pdf",
     ("Survei Kepuasan Masyarakat atas layanan digital.", "Indeks kepuasan: 78,4 (Baik).")),
    ((17,), "Tangkapan-layar-portal-layanan.png", "Tangkapan layar portal layanan", "png", ()),
)


def _load_assessment_team(agency):
    """Load the 2026 draft's internal team and a few evidence files, checked where filled.

    The architect coordinates, the reviewer checks, the Dinkes operator fills 19 and 20.
    """
    from registry.demo.evidence import pdf_document, png_image
    from registry.services import assessment_team, assessments, evidence

    def user(email):
        return db.session.scalar(select(models.User).where(models.User.email == email))

    architect, reviewer = user("arsitek@demo.go.id"), user("reviewer@demo.go.id")
    operator = user("operator@demo.go.id")
    current = assessments.find_assessment(agency.id, 2026)
    if current is None:
        return
    assessment_team.set_coordinator(current.id, architect.id, actor=None,
                                    expected_version=current.version)
    filler = {1: architect, 4: architect, 16: architect, 17: architect, 19: operator,
              20: operator}
    for number, person in filler.items():
        score = assessments.score_of(current, number)
        assessment_team.assign_indicator(current.id, number, responsible_id=reviewer.id,
                                         filler_ids=[person.id], actor=None,
                                         expected_version=score.version)
    for indicators, name, title, kind, lines in DEMO_EVIDENCE:
        data = pdf_document(title, lines) if kind == "pdf" else png_image()
        row = evidence.upload_evidence(current.id, indicators[0], name, data,
                                       actor=filler[indicators[0]], title=title)
        for number in indicators[1:]:
            evidence.attach_evidence(current.id, number, row.id, actor=filler[number])
    for number, steps in ((4, ("fill", "check")), (19, ("fill",)), (20, ("fill",))):
        for action in steps:
            score = assessments.score_of(current, number)
            assessment_team.move_indicator(current.id, number, action,
                                           actor=reviewer if action == "check" else filler[number],
                                           expected_version=score.version)


def _keyed(model, agency_ids):
    """Map (agency code, record code) to id for a table keyed by agency and code."""
    code_of = {id_: code for code, id_ in agency_ids.items()}
    return {
        (code_of[agency_id], code): id_
        for id_, agency_id, code in db.session.execute(
            select(model.id, model.agency_id, model.code)
        )
    }
