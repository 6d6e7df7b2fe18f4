"""The demo loader puts every generated record into its table, with its references resolved."""

from sqlalchemy import func, select

from registry import models
from registry.demo.generator import generate
from registry.extensions import db
from registry.services import demo

#: table -> the generated records it holds
TABLES = {
    models.Agency: "agencies", models.Unit: "units", models.DataCenter: "data_centers",
    models.Network: "networks", models.ServiceBus: "service_buses",
    models.Application: "applications", models.IntegrationLink: "links",
    models.DomainName: "domains", models.ManagementArea: "management_areas",
    models.AuditRecord: "audits", models.ApplicationReview: "reviews",
    models.Initiative: "initiatives", models.ArchitectureDocument: "documents",
    models.ReferenceEntry: "reference_entries",
}


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_every_generated_record_is_loaded_once(app):
    said = []
    counts = demo.load_demo(apps=40, links=50, with_users=False, progress=said.append)
    data = generate(apps=40, links=50)
    assert {model.__tablename__: _count(model) for model in TABLES} == {
        model.__tablename__: len(getattr(data, records)) for model, records in TABLES.items()}
    assert _count(models.InitiativeYear) == sum(len(i["years"]) for i in data.initiatives)
    assert _count(models.network_units) == sum(len(n["unit_codes"]) for n in data.networks)
    assert counts == {"agencies": 1, "units": len(data.units), "applications": 40, "links": 50,
                      "domains": len(data.domains), "data_centers": len(data.data_centers)}
    assert said == ["1 instansi", f"{len(data.units)} OPD", "40 aplikasi",
                    "50 tautan integrasi"]


def test_references_point_at_the_records_the_codes_name(app):
    demo.load_demo(apps=40, links=50, with_users=False)
    data = generate(apps=40, links=50)
    apps = {a.code: a for a in db.session.scalars(select(models.Application))}
    for record in data.applications:
        app_row = apps[record["code"]]
        assert app_row.owner_unit.code == record["unit_code"]
        assert (app_row.hosting.code if app_row.hosting else None) == record["hosting_code"]
        assert app_row.review_followup == (record["review_followup"] or None)
    links = db.session.scalars(select(models.IntegrationLink).order_by(models.IntegrationLink.id))
    assert [(link.provider.code, link.consumer.code) for link in links] == [
        (link["provider_code"], link["consumer_code"]) for link in data.links]
    documents = db.session.scalars(select(models.ArchitectureDocument)
                                   .order_by(models.ArchitectureDocument.id))
    assert [(d.complete, d.beyond_instansi) for d in documents] == [
        (d.get("complete", False), d.get("beyond_instansi", False)) for d in data.documents]
