"""Issue 19.4: the change log reads as sentences: names instead of ids, the pages' field labels,
values in the interface's words, local time; never a dict, a raw id or a column name.
"""

import re
from datetime import date

from registry import models
from registry.extensions import db
from registry.services import (
    infrastructure,
    integrations,
    inventory,
    organisation,
    users,
)
from registry.services import requests as request_service

#: what a reader must never meet: column names, Python dicts and lists, ISO timestamps
MACHINE_WORDS = re.compile(
    r"\b[a-z]+_(?:id|at|on|by)\b|\{'|'\}|\['|\d{4}-\d{2}-\d{2}T\d{2}|→ \d+</div>|>\d+</del>")


def _make_changes(agency, unit, other_unit, make_application, make_user):
    """Write one change of many kinds through the services, as people would."""
    own, pdn = (infrastructure.create_record(models.DataCenter, {
        "agency_id": agency.id, "code": code, "name": name, "kind": kind}, actor=None)
        for code, name, kind in (("DC-PROV", "Pusat Data Provinsi", "own"),
                                 ("PDN", "Pusat Data Nasional", "pdn")))
    architect, reviewer = make_user("architect"), make_user("reviewer")
    operator = make_user("opd_operator", suffix="op")
    app = make_application(name="Sistem Kepegawaian", hosting_id=own.id)
    partner = make_application(name="Portal Layanan", owner_unit_id=other_unit.id)
    inventory.update_application(app.id, {"hosting_id": pdn.id, "backup_hosting_id": own.id,
                                          "lifecycle": "development", "published": True},
                                 actor=architect, expected_version=app.version)
    link = integrations.create_link({"provider_id": app.id, "consumer_id": partner.id,
                                     "channel": "service_bus", "status": "active",
                                     "data_exchanged": "Data pegawai"}, actor=architect)
    integrations.update_link(link.id, {"channel": "direct_api"}, actor=architect,
                             expected_version=link.version)
    organisation.update_unit(unit.id, {"acronym": "DK"}, actor=architect,
                             expected_version=unit.version)
    req = request_service.create_request("subdomain", {
        "label": "kepegawaian", "purpose": "Portal pegawai", "application_id": app.id,
        "technical_contact": "Tim TI"}, actor=operator)
    request_service.transition(req.id, "submit", actor=operator)
    request_service.transition(req.id, "approve", actor=reviewer, reason="Sesuai aturan")
    viewer = make_user("viewer", suffix="v")
    users.set_active(viewer.id, False, actor=None)
    users.change_role(viewer.id, {"role": "opd_operator", "unit_id": unit.id}, actor=None)
    inventory.retire_application(partner.id, actor=architect, retired_on=date(2026, 6, 1))
    return app


def test_the_change_log_reads_as_sentences(client, auth, agency, unit, other_unit,
                                           make_application, make_user):
    app = _make_changes(agency, unit, other_unit, make_application, make_user)
    assert db.session.scalar(db.select(db.func.count(models.ChangeLog.id))) > 12
    auth.login("admin")
    page = client.get("/changes/")
    assert page.status_code == 200
    text = page.text
    assert not MACHINE_WORDS.findall(text), MACHINE_WORDS.findall(text)[:10]
    assert "mengubah aplikasi Sistem Kepegawaian" in text
    # names instead of ids, the UI's words instead of stored values
    assert "<del class=\"text-body-secondary\">Pusat Data Provinsi</del> → Pusat Data Nasional" \
        in text
    assert "Siklus hidup" in text
    assert "Pengembangan" in text
    assert "Domain yang dibuat" in text
    assert "kepegawaian.contohprov.go.id" in text
    history = client.get(f"/inventory/applications/{app.id}").text
    assert "Hosting (pusat data)" in history
    assert not MACHINE_WORDS.findall(
        history.split("Riwayat perubahan")[1])


def test_a_record_deleted_since_is_named_as_such(client, auth, agency, make_application):
    old, new = (infrastructure.create_record(models.DataCenter, {
        "agency_id": agency.id, "code": code, "name": name, "kind": "own"}, actor=None)
        for code, name in (("RS-1", "Ruang Server Lama"), ("DC-2", "Pusat Data Baru")))
    app = make_application(name="Sistem Arsip", hosting_id=old.id)
    inventory.update_application(app.id, {"hosting_id": new.id}, actor=None,
                                 expected_version=app.version)
    infrastructure.delete_record(models.DataCenter, old.id, actor=None)
    auth.login("admin")
    text = client.get(f"/inventory/applications/{app.id}").text
    assert "data yang sudah dihapus</del> → Pusat Data Baru" in text
    assert not MACHINE_WORDS.findall(text.split("Riwayat perubahan")[1])
