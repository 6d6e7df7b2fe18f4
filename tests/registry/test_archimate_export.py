"""The ArchiMate export of the demo data: valid against the Open Group schema, by CLI and page."""

import xml.etree.ElementTree as ET

import pytest
from sqlalchemy import func, select

from arch_models import archimate
from registry import models
from registry.extensions import db
from registry.services import demo
from registry.services.archimate import export_archimate
from tests.arch_models.test_archimate import NS, XSI_TYPE, archimate_schema, needs_dot


@pytest.fixture
def demo_data(app):
    """Load a small demo province: about 45 OPDs, 20 applications, 28 links, the demo users.

    Small on purpose: xmlschema checks the schema's identity constraints slowly (about 3 s for
    60 applications, 12 s for the default 300).
    """
    demo.load_demo(apps=20)
    return db.session.scalars(select(models.Agency)).one()


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


def test_an_unknown_agency_is_not_found(app):
    from registry.errors import NotFoundError

    with pytest.raises(NotFoundError):
        export_archimate(agency_code="NOPE")


@needs_dot
def test_export_archimate_command_writes_the_file(runner, demo_data, tmp_path):
    target = tmp_path / "model.xml"
    result = runner.invoke(args=["export", "archimate", str(target), "--agency", demo_data.code])
    assert result.exit_code == 0, result.output
    assert f"{target}: " in result.output
    assert target.read_bytes() == export_archimate()  # the validated export, byte for byte
    unknown = runner.invoke(args=["export", "archimate", str(target), "--agency", "NOPE"])
    assert unknown.exit_code == 1 and "Instansi tidak ditemukan" in unknown.output


@needs_dot
def test_graph_page_links_to_the_archimate_download(client, demo_data):
    client.post("/auth/login", data={"email": "viewer@demo.go.id",
                                     "password": demo.DEMO_PASSWORD})
    page = client.get("/integrations/graph").text
    assert "/integrations/archimate.xml" in page and "Unduh ArchiMate (Archi)" in page
    response = client.get(f"/integrations/archimate.xml?agency={demo_data.id}")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="{demo_data.code.lower()}-archimate.xml"')
    assert ET.fromstring(response.data).find("a:name", NS).text.endswith(demo_data.name)
