"""Lists sorted by name ignore case: "e-Kepegawaian" sits between "Aplikasi …" and "Sistem …"."""

import csv
import io

import pytest

from registry.services import exporting, integrations, inventory, organisation
from registry.services.integrations import LinkFilters
from registry.services.inventory import ApplicationFilters

NAMES = ["Sistem Informasi Arsip", "e-Kepegawaian", "Aplikasi Bantuan Sosial"]
IN_ORDER = ["Aplikasi Bantuan Sosial", "e-Kepegawaian", "Sistem Informasi Arsip"]


@pytest.fixture
def apps(make_application):
    return [make_application(name=name) for name in NAMES]


def _csv_column(body, column):
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    return [row[column] for row in rows[1:]]


def test_the_application_list_sorts_names_whatever_their_case(apps):
    rows = inventory.list_applications(ApplicationFilters(sort="name")).items
    assert [r.name for r in rows] == IN_ORDER
    rows = inventory.list_applications(ApplicationFilters(sort="-name")).items
    assert [r.name for r in rows] == IN_ORDER[::-1]


def test_the_api_and_the_export_sort_names_the_same_way(client, apps, token_for):
    body = client.get("/api/v1/applications?sort=name", headers=token_for("viewer")).json
    assert [i["name"] for i in body["items"]] == IN_ORDER
    exported = exporting.export_list("applications", ApplicationFilters(sort="name"), "csv")
    assert _csv_column(exported, 1) == IN_ORDER


def test_the_application_drop_down_sorts_names_whatever_their_case(apps):
    labels = [label for _id, label in integrations.application_choices()]
    assert [label.rsplit(" (", 1)[0] for label in labels] == IN_ORDER


def test_units_sort_by_name_whatever_their_case(make_unit):
    for name in ("Sekretariat Daerah", "badan Keuangan Daerah", "Dinas Kesehatan"):
        make_unit(name=name)
    expected = ["badan Keuangan Daerah", "Dinas Kesehatan", "Sekretariat Daerah"]
    assert [name for _id, name in organisation.unit_choices()] == expected
    assert [u.name for u, _n in organisation.list_units()] == expected
    assert _csv_column(exporting.export_list("units", {}, "csv"), 1) == expected


def test_links_sort_by_provider_name_whatever_its_case(apps):
    by_name = {a.name: a for a in apps}
    for provider in ("Sistem Informasi Arsip", "e-Kepegawaian"):
        integrations.create_link({"provider_id": by_name[provider].id,
                                  "consumer_id": by_name["Aplikasi Bantuan Sosial"].id,
                                  "channel": "service_bus", "status": "active"}, actor=None)
    links = integrations.list_links(LinkFilters()).items
    assert [link.provider.name for link in links] == ["e-Kepegawaian", "Sistem Informasi Arsip"]
