"""The graph page links to the ArchiMate download."""

import xml.etree.ElementTree as ET

from registry.services import demo
from tests.archimate_schema import NS, needs_dot


@needs_dot
def test_graph_page_links_to_the_archimate_download(client, demo_data):
    client.post("/auth/login", data={"email": "viewer@demo.go.id",
                                     "password": demo.DEMO_PASSWORD})
    page = client.get("/integrations/graph").text
    assert "/integrations/archimate.xml" in page
    assert "Unduh ArchiMate (Archi)" in page
    response = client.get(f"/integrations/archimate.xml?agency={demo_data.id}")
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="{demo_data.code.lower()}-archimate.xml"')
    assert ET.fromstring(response.data).find("a:name", NS).text.endswith(demo_data.name)
