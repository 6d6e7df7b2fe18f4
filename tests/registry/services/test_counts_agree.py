"""One definition per number in the services: the desk and the quickest lifts."""


import pytest

from arch_models.landscape import DataCenterKind
from registry import models
from registry.extensions import db
from registry.services import analysis, demo, desk


@pytest.fixture
def demo_landscape(app):
    demo.load_demo(apps=120, links=150)


def test_the_desk_does_not_call_recorded_hosting_unrecorded(agency, unit, make_application):
    room = models.DataCenter(agency_id=agency.id, code="RS", name="Ruang server OPD",
                             kind=DataCenterKind.OPD_SERVER_ROOM)
    db.session.add(room)
    db.session.commit()
    in_room = make_application(name="Di Ruang Server", hosting_id=room.id)
    nowhere = make_application(name="Tanpa Hosting", hosting_id=None)
    gaps = {a.id: texts for a, texts in desk.desk(unit.id).evidence}
    assert "Hosting belum dicatat" not in gaps[in_room.id]
    assert "Hosting di luar pusat data instansi dan PDN" in gaps[in_room.id]
    assert "Hosting belum dicatat" in gaps[nowhere.id]


def test_the_quickest_lifts_come_first_and_hold_the_records_that_cap(demo_landscape):
    report = analysis.blocker_report(analysis.resolve_agency())
    lifts = analysis.quickest_lifts(report)
    assert lifts
    assert [lift.per_record for lift in lifts] == sorted((x.per_record for x in lifts),
                                                         reverse=True)
    for lift in lifts:
        assert lift.name
        assert lift.level < lift.reaches <= 5
        assert {b.caps_at for b in lift.blockers} == {lift.level}
