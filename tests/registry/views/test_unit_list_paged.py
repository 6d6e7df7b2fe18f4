"""The OPD list shows a page at a time, whatever the installation holds (27,000 OPDs nationally)."""

import re

from sqlalchemy import func, select

from registry import models
from registry.extensions import db
from registry.services import organisation


def _many_units(agency, n):
    db.session.add_all(models.Unit(agency_id=agency.id, code=f"U{i:04d}", name=f"Dinas Uji {i:04d}")
                       for i in range(n))
    db.session.commit()


def test_the_opd_list_shows_one_page_and_says_how_many(client, auth, agency):
    _many_units(agency, 130)
    total = db.session.scalar(select(func.count()).select_from(models.Unit))
    auth.login("viewer")
    html = client.get("/inventory/units").text
    assert len(re.findall(r'href="/inventory/units/\d+"', html)) == organisation.UNITS_PER_PAGE
    assert f'data-total="{total}"' in html
    last = client.get("/inventory/units?page=99").text  # past the end: the last page
    shown = total - organisation.UNITS_PER_PAGE * (-(-total // organisation.UNITS_PER_PAGE) - 1)
    assert len(re.findall(r'href="/inventory/units/\d+"', last)) == shown


def test_each_opds_count_opens_a_list_of_that_many(client, auth, agency, unit, make_application):
    make_application(name="Aplikasi Satu")
    make_application(name="Aplikasi Dua")
    auth.login("viewer")
    html = client.get("/inventory/units").text
    links = re.findall(r'href="([^"]*unit=\d+[^"]*)"[^>]*data-count="(\d+)"', html)
    assert links
    for href, count in links:
        listed = client.get(href.replace("&amp;", "&")).text
        assert f'data-total="{count}"' in listed, href
