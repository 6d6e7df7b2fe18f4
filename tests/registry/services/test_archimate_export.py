"""The ArchiMate export service: the demo data is valid against the Open Group schema."""

import xml.etree.ElementTree as ET

import pytest
from sqlalchemy import func, select

from arch_models import archimate
from registry import models
from registry.extensions import db
from registry.services.archimate import export_archimate
from tests.archimate_schema import NS, XSI_TYPE, archimate_schema, needs_dot


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


@needs_dot
def test_demo_export_is_valid_and_holds_every_application_and_link(demo_data):
    body = export_archimate()
    archimate_schema().validate(body.decode("utf-8"))
    root = ET.fromstring(body)
    elements = root.findall("a:elements/a:element", NS)
    assert sum(e.get(XSI_TYPE) == "ApplicationComponent" for e in elements) == count(
        models.Application)
    assert sum(e.get(XSI_TYPE) == "BusinessActor" for e in elements) == count(models.Unit)
    links = root.findall("a:relationships/a:relationship", NS)
    assert sum(r.get("identifier").startswith("id-link-") for r in links) == count(
        models.IntegrationLink)
    view = root.find("a:views/a:diagrams/a:view", NS)
    assert view.find("a:name", NS).text == archimate.VIEW_NAME
    assert view.findall("a:connection", NS)  # 20 applications: drawn one by one


@needs_dot
def test_the_export_stays_valid_after_another_library_claims_the_default_prefix(demo_data,
                                                                               monkeypatch):
    # WeasyPrint (the evidence pack's PDF) registers the prefix "" for the empty namespace on
    # import, which took the default prefix from the ArchiMate namespace process-wide: every
    # later export came out as ns0:model with unprefixed xsi:type values, invalid
    monkeypatch.setattr(ET, "_namespace_map", dict(ET._namespace_map))
    ET.register_namespace("", "")
    body = export_archimate()
    archimate_schema().validate(body.decode("utf-8"))
    assert body.split(b"\n")[1].startswith(b"<model xmlns=")


def test_an_unknown_agency_is_not_found(app):
    from registry.errors import NotFoundError

    with pytest.raises(NotFoundError):
        export_archimate(agency_code="NOPE")
