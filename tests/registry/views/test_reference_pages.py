"""Reference codes on the application form."""


from registry import models
from registry.extensions import db


def test_form_takes_codes_separated_by_commas(client, auth, unit):
    auth.login("architect")
    response = client.post("/inventory/applications/new", data={
        "code": "SIAP", "name": "SIAP", "owner_unit_id": str(unit.id),
        "service_codes": "RAL.2.3.2, ral.02.03.03", "data_codes": ""})
    assert response.status_code == 302
    app = db.session.query(models.Application).one()
    assert app.service_codes == ["RAL.02.03.02", "RAL.02.03.03"]
    assert app.data_codes == []
    listed = client.get("/inventory/applications?missing=services").text
    assert f'/inventory/applications/{app.id}"' not in listed
