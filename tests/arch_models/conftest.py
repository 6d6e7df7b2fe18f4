"""Snapshot builders for the core's tests: small hand-made landscapes."""

from datetime import date

import pytest

from arch_models import landscape as ls

AS_OF = date(2026, 11, 1)


def app(id_, unit_id=1, **overrides):
    """Return a compliant production application unless told otherwise."""
    values = {"code": f"A{id_}", "name": f"App {id_}", "unit_id": unit_id,
              "kind": ls.AppKind.KHUSUS, "lifecycle": ls.Lifecycle.PRODUCTION,
              "hosting_id": 1, "consulted_ict_unit_on": date(2020, 1, 1),
              "ict_controlled": True, "last_review_on": date(2026, 6, 1),
              "review_followup": "SK 555/1/2026"}
    return ls.Application(id=id_, **(values | overrides))


def link(id_, provider, consumer, channel=ls.Channel.SERVICE_BUS, **overrides):
    """Return an active link."""
    return ls.IntegrationLink(id=id_, provider_id=provider, consumer_id=consumer,
                              channel=channel, **overrides)


def landscape_of(apps=(), links=(), **overrides):
    """Return a landscape that blocks nothing but what the test adds."""
    values = {
        "units": (ls.Unit(1, "U1", "Dinas Satu"), ls.Unit(2, "U2", "Dinas Dua")),
        "data_centers": (ls.DataCenter(1, "DC", "Pusat Data", ls.DataCenterKind.OWN,
                                       uses_pdn=True, sop=True),),
        "networks": (ls.Network(1, "Intra", frozenset({1, 2}), connected_to_jip=True),),
        "service_buses": (ls.ServiceBus(1, "ESB", connected_to_splp=True),),
        "audits": tuple(
            ls.Audit(i, kind, date(2026, 1, 1), ls.AuditorKind.EXTERNAL_CERTIFIED,
                     followed_up=True)
            for i, kind in enumerate(ls.AuditType, start=1)
        ),
    }
    return ls.Landscape(applications=tuple(apps), links=tuple(links), **(values | overrides))


@pytest.fixture
def as_of():
    """Return the evaluation day the tests judge by."""
    return AS_OF
