"""The desk's confirmation ticks nothing for the user, and confirming nothing says so."""

import re

import pytest
from sqlalchemy import select

from registry import models
from registry.extensions import db
from registry.services import demo


@pytest.fixture
def signed_in(client, app):
    demo.load_demo(apps=60, links=60)
    response = client.post("/auth/login", data={"email": "arsitek@demo.go.id",
                                                "password": demo.DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def _stamps():
    return db.session.execute(select(models.Application.id, models.Application.confirmed_at)
                              .order_by(models.Application.id)).all()


def test_no_record_comes_ticked(signed_in):
    unit = db.session.scalars(select(models.Unit).order_by(models.Unit.id)).first()
    html = signed_in.get(f"/units/{unit.id}/desk").text
    boxes = re.findall(r'<input[^>]*name="(?:application|domain)_ids"[^>]*>', html)
    assert boxes, "the demo OPD has records to confirm"
    assert not [box for box in boxes if re.search(r"\schecked\b", box)]
    assert 'data-check-all=' in html
    assert "check-all.js" in html


def test_confirming_nothing_stamps_nothing_and_says_why(signed_in):
    unit = db.session.scalars(select(models.Unit).order_by(models.Unit.id)).first()
    before = _stamps()
    response = signed_in.post(f"/units/{unit.id}/desk/confirm", data={}, follow_redirects=True)
    assert response.status_code == 200
    assert "Belum ada data yang dicentang" in response.text
    assert _stamps() == before
