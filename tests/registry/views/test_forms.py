"""The create-or-edit form flow (registry/forms.py): statuses, the input kept, nothing written.

The first tests drive ``form_page`` and ``submit`` with a small schema and a recording ``save``;
the others go through three pages that use the flow (an OPD, a certificate, a domain) and read
the row back to show that a refused write left it as it was.
"""

from datetime import date

import pytest
from flask import redirect
from jinja2 import ChoiceLoader, DictLoader
from marshmallow import fields, validate

from registry import models
from registry.errors import ConflictError, RequestRequiredError, ValidationFailedError
from registry.extensions import db
from registry.forms import Submission, create_or_update, form_page, submit
from registry.schemas.common import FormSchema
from registry.services import domains, talent

PAGE = ("status={{ conflict or '' }}|errors={{ errors|tojson }}|"
        "name={{ form.get('name') if form is not none else record }}")


class NameFormSchema(FormSchema):
    """A form with one required field and the version it was read at."""

    name = fields.String(required=True, validate=validate.Length(max=5))
    version = fields.Integer(allow_none=True)


class Recorder:
    """A ``save`` that records its calls and answers as told."""

    def __init__(self, result=None, error=None):
        self.calls, self.result, self.error = [], result, error

    def __call__(self, data, version):
        self.calls.append((data, version))
        if self.error is not None:
            raise self.error
        return self.result


@pytest.fixture
def page(app):
    """Serve ``t.html`` (PAGE) next to the app's templates."""
    app.jinja_env.loader = ChoiceLoader([DictLoader({"t.html": PAGE}), app.jinja_env.loader])
    return app


def _run(app, save, method="POST", data=None):
    with app.test_request_context("/x", method=method, data=data or {}):
        response = form_page("t.html", NameFormSchema(), save,
                             lambda saved: redirect(f"/done/{saved}"),
                             lambda: {"record": "stored"})
    return response


def test_a_get_shows_the_record_with_200_and_saves_nothing(page):
    save = Recorder()
    body, status = _run(page, save, method="GET")
    assert status == 200
    assert body.endswith("name=stored")
    assert save.calls == []


def test_invalid_input_is_422_with_the_input_kept_and_nothing_saved(page):
    save = Recorder()
    body, status = _run(page, save, data={"name": "<panjang sekali>"})
    assert status == 422
    assert "name=&lt;panjang sekali&gt;" in body
    assert '"name"' in body
    assert save.calls == []


def test_valid_input_is_saved_with_the_version_it_was_read_at(page):
    save = Recorder(result=7)
    response = _run(page, save, data={"name": "Ani", "version": "3", "csrf_token": "t"})
    assert response.status_code == 302
    assert response.location == "/done/7"
    assert save.calls == [({"name": "Ani"}, 3)]


def test_a_version_conflict_is_409_with_the_input_kept(page):
    body, status = _run(page, Recorder(error=ConflictError("Sudah diubah orang lain.")),
                        data={"name": "Ani", "version": "3"})
    assert status == 409
    assert body.startswith("status=Sudah diubah orang lain.")
    assert body.endswith("name=Ani")


def test_a_rule_the_service_checks_is_422_naming_the_field(page):
    error = ValidationFailedError("Tidak sah.", {"name": ["Nama sudah dipakai."]})
    body, status = _run(page, Recorder(error=error), data={"name": "Ani"})
    assert status == 422
    assert "Nama sudah dipakai." in body
    assert body.endswith("name=Ani")


def test_a_refusal_is_kept_only_when_the_route_asks(app):
    refusal = RequestRequiredError("Ajukan permintaan.", kind="link")
    with app.test_request_context("/x", method="POST", data={"name": "Ani"}):
        sent = submit(NameFormSchema(), Recorder(error=refusal),
                      refusable=(RequestRequiredError,))
        assert (sent.refused, sent.status, sent.form["name"]) == (refusal, 403, "Ani")
        with pytest.raises(RequestRequiredError):
            submit(NameFormSchema(), Recorder(error=refusal))


def test_the_status_of_a_submission():
    assert Submission().status == 200
    assert Submission({}, {"name": ["x"]}).status == 422
    assert Submission({}, {}, "stale").status == 409
    assert Submission({}, refused=Exception()).status == 403


def test_create_or_update_creates_without_a_record_and_updates_the_one_read():
    made, changed = [], []
    create_or_update(None, made.append, None)({"name": "a"}, 4)
    record = models.Unit(id=9)
    create_or_update(record, None, lambda *args, **kw: changed.append((args, kw)),
                     fixed={"agency_id"})({"name": "b", "agency_id": 2}, 4)
    assert made == [{"name": "a"}]
    assert changed == [((9, {"name": "b"}), {"expected_version": 4})]


# --- through the pages -----------------------------------------------------------------------


def _unit_form(unit, **changes):
    return {"agency_id": str(unit.agency_id), "code": unit.code, "name": unit.name,
            "acronym": unit.acronym or "", "version": str(unit.version)} | changes


def _reload(model, row_id):
    db.session.expire_all()
    return db.session.get(model, row_id)


def test_unit_page_statuses_and_nothing_written_when_refused(client, auth, unit):
    auth.login("architect")
    url = f"/inventory/units/{unit.id}/edit"
    assert client.get(url).status_code == 200

    invalid = client.post(url, data=_unit_form(unit, code="", name="Nama yang saya ketik"))
    assert invalid.status_code == 422
    assert 'value="Nama yang saya ketik"' in invalid.text
    after = _reload(models.Unit, unit.id)
    assert (after.name, after.version) == ("Dinas Kesehatan", 1)

    stale = client.post(url, data=_unit_form(unit, name="Nama baru", version="0"))
    assert stale.status_code == 409
    assert 'value="Nama baru"' in stale.text
    after = _reload(models.Unit, unit.id)
    assert (after.name, after.version) == ("Dinas Kesehatan", 1)

    saved = client.post(url, data=_unit_form(unit, name="Dinas Kesehatan Daerah"))
    assert saved.status_code == 302
    after = _reload(models.Unit, unit.id)
    assert (after.name, after.version) == ("Dinas Kesehatan Daerah", 2)


def test_certificate_page_keeps_the_input_and_writes_nothing_on_a_conflict(client, auth, unit):
    cert = talent.create_certificate({"unit_id": unit.id, "person_name": "Budi",
                                      "competence": "Data", "certificate": "CDA",
                                      "issuer": "BNSP", "issued_on": date(2025, 1, 2)},
                                     actor=None)
    talent.update_certificate(cert.id, {"position": "Analis"}, actor=None, expected_version=1)
    auth.login("architect")
    form = {"unit_id": str(unit.id), "person_name": "Budi Santoso", "competence": "Data",
            "certificate": "CDA", "issuer": "BNSP", "version": "1"}
    stale = client.post(f"/talent/{cert.id}/edit", data=form)
    assert stale.status_code == 409
    assert 'value="Budi Santoso"' in stale.text
    after = _reload(models.StaffCertificate, cert.id)
    assert (after.person_name, after.position, after.version) == ("Budi", "Analis", 2)

    count = db.session.scalar(db.select(db.func.count()).select_from(models.StaffCertificate))
    invalid = client.post("/talent/new", data=form | {"competence": "", "version": ""})
    assert invalid.status_code == 422
    assert 'value="Budi Santoso"' in invalid.text
    assert db.session.scalar(
        db.select(db.func.count()).select_from(models.StaffCertificate)) == count


def test_new_domain_page_writes_nothing_on_invalid_input(client, auth, unit):
    auth.login("architect")
    assert client.get("/domains/new").status_code == 200
    refused = client.post("/domains/new", data={"fqdn": "bukan nama domain",
                                                "unit_id": str(unit.id)})
    assert refused.status_code == 422
    assert 'value="bukan nama domain"' in refused.text
    assert domains.list_domains(domains.DomainFilters(), page=1, per_page=10).total == 0
