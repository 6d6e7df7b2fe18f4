"""Issue 17.3-17.4 on the pages: stored control characters never break the exports."""


from sqlalchemy import update

from registry import models
from registry.extensions import db
from registry.services import inventory


def test_stored_control_characters_never_break_the_exports(client, auth, agency,
                                                           make_application):
    app = make_application(name="Lama")
    # a record stored before input refused it
    db.session.execute(update(models.Application).where(models.Application.id == app.id)
                       .values(name="Lama\x01\x02"))
    db.session.commit()
    auth.login("viewer")
    for path in ("/export/applications.xlsx", "/export/applications.csv",
                 f"/integrations/archimate.xml?agency={agency.id}",
                 "/integrations/diagram.svg?kind=landscape"):
        assert client.get(path).status_code == 200, path
    assert inventory.get_application(app.id).name == "Lama\x01\x02"
