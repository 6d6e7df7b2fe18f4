"""The OPD scorecard's blocker counts are the blockers page's: on the page, in XLSX, API, CLI.

Issue 19.1: one definition per number. The page counted from the blockers report while the
export, the API and the CLI counted rough per-OPD facts, so the same OPD showed two figures.
"""

import io
import json

import pytest
from openpyxl import load_workbook

from registry import models
from registry.clock import local_today
from registry.extensions import db
from registry.services import analysis, demo, instruments, users


@pytest.fixture
def landscape(app):
    demo.load_demo(apps=120, links=150)


def _expected():
    agency = analysis.resolve_agency()
    report = analysis.blocker_report(agency, year=local_today().year)
    return agency, analysis.blocker_counts_by_unit(report)


def _demo_token():
    architect = db.session.scalar(db.select(models.User).filter_by(email="arsitek@demo.go.id"))
    return {"Authorization": f"Bearer {users.create_token(architect, 'test', actor=None)[1]}"}


def test_the_api_counts_the_blockers_the_blockers_page_lists(client, landscape):
    agency, expected = _expected()
    assert any(expected.values()), "the demo has blockers"
    rows = client.get(f"/api/v1/opd-scorecard?agency={agency.id}", headers=_demo_token()).json
    assert rows
    for row in rows:
        assert row["blockers"] == {str(k): v for k, v in expected.get(row["unit_id"], {}).items()}


def test_the_cli_counts_the_blockers_the_blockers_page_lists(runner, landscape):
    agency, expected = _expected()
    out = json.loads(runner.invoke(args=["opd-scorecard", "--agency", agency.code,
                                         "--json"]).output)
    for row in out["opds"]:
        assert row["blockers"] == {str(k): v for k, v in expected.get(row["unit_id"], {}).items()}


def test_the_xlsx_counts_the_blockers_the_blockers_page_lists(client, landscape):
    signed_in = client.post("/auth/login", data={"email": "arsitek@demo.go.id",
                                                 "password": demo.DEMO_PASSWORD})
    assert signed_in.status_code == 302
    agency, expected = _expected()
    year = local_today().year
    numbers = instruments.for_agency_year(agency.id, year).summary_indicators
    book = load_workbook(io.BytesIO(
        client.get(f"/opd-scorecard.xlsx?agency={agency.id}&year={year}").data))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    columns = [header.index(f"Hambatan {n}") for n in numbers]
    code_column = header.index("Kode OPD")
    by_code = {u.code: u.id for u in analysis.blocker_report(agency).landscape.units}
    checked = 0
    for row in sheet.iter_rows(min_row=2, values_only=True):
        unit_id = by_code[row[code_column]]
        assert [row[c] for c in columns] == [expected.get(unit_id, {}).get(n, 0)
                                             for n in numbers], row[code_column]
        checked += 1
    assert checked == len(by_code)
