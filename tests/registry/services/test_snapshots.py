"""Rows become the core's snapshots, with their enums and relations intact."""

from datetime import date

from arch_models.landscape import Channel, DataCenterKind, Lifecycle, LinkStatus
from registry import models
from registry.extensions import db
from registry.services import integrations
from registry.snapshots import load_landscape


def test_landscape_carries_applications_links_and_infrastructure(agency, unit, make_application):
    center = models.DataCenter(agency_id=agency.id, code="DC", name="DC Prov", kind="own",
                               uses_pdn=True)
    network = models.Network(agency_id=agency.id, code="NET", name="Intra", units=[unit])
    db.session.add_all([center, network,
                        models.ServiceBus(agency_id=agency.id, code="ESB", name="SPLP Prov",
                                          connected_to_splp=True)])
    db.session.commit()
    a = make_application(hosting_id=center.id, consulted_ict_unit_on=date(2023, 5, 1))
    b = make_application(lifecycle="retired")
    integrations.create_link({"provider_id": a.id, "consumer_id": b.id, "channel": "direct_api",
                              "status": "retired"}, actor=None)

    snap = load_landscape(agency.id)

    assert snap.application(a.id).hosting_id == center.id
    assert snap.application(a.id).consulted_ict_unit_on == date(2023, 5, 1)
    assert snap.application(b.id).lifecycle is Lifecycle.RETIRED
    [link] = snap.links
    assert (link.channel, link.status) == (Channel.DIRECT_API, LinkStatus.RETIRED)
    assert snap.data_centers[0].kind is DataCenterKind.OWN
    assert snap.data_centers[0].uses_pdn
    assert snap.networks[0].unit_ids == frozenset({unit.id})
    assert snap.service_buses[0].connected_to_splp
    assert snap.unit(unit.id).agency_code == "CONTOHPROV"


def test_landscape_of_another_agency_is_empty(agency, make_application):
    make_application()
    other = models.Agency(code="LAIN", name="Lain", kind="kota")
    db.session.add(other)
    db.session.commit()
    assert load_landscape(other.id).applications == ()
    assert len(load_landscape().applications) == 1
