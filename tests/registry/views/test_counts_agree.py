"""One definition per number: every count that links to a list opens a list of that many.

The pages mark each such link with ``data-count="N"``; the list it opens shows its total in
``data-total``. The demo is loaded, every page is rendered, and every marked link is followed.
"""

import re
from html import unescape

import pytest
from sqlalchemy import select

from registry import models
from registry.extensions import db
from registry.services import analysis, demo

#: the pages whose counts link to lists
PAGES = ("/architecture/completeness", "/integrations/blockers", "/opd-scorecard", "/overview")

COUNT_LINK = re.compile(r'<a\b[^>]*\bhref="([^"]+)"[^>]*\bdata-count="(\d+)"', re.S)
TOTAL = re.compile(r'data-total="(\d+)"')


@pytest.fixture
def demo_landscape(app):
    demo.load_demo(apps=120, links=150)


def _sign_in(client, email="arsitek@demo.go.id"):
    response = client.post("/auth/login", data={"email": email, "password": demo.DEMO_PASSWORD})
    assert response.status_code == 302


def count_links(html):
    """Return (href, count) of every link marked with the count it leads to."""
    return [(unescape(href), int(n)) for href, n in COUNT_LINK.findall(html)]


def list_total(client, href):
    response = client.get(href)
    assert response.status_code == 200, href
    totals = TOTAL.findall(response.text)
    assert totals, f"{href} shows no total"
    return int(totals[0]), response.text


@pytest.mark.parametrize("page", PAGES)
def test_every_count_link_opens_a_list_of_that_many(client, demo_landscape, page):
    _sign_in(client)
    html = client.get(page).text
    links = count_links(html)
    assert links, f"{page} has no count links"
    for href, count in links:
        total, _text = list_total(client, href)
        assert total == count, f"{page}: {href} says {count}, its list holds {total}"


def test_the_indicator_pages_count_what_the_blockers_page_lists(client, demo_landscape):
    _sign_in(client)
    walked = 0
    for assessment in db.session.scalars(select(models.Assessment)):
        for score in assessment.scores:
            if not (score.explanation or {}).get("blocker_count"):
                continue
            page = f"/assessments/{assessment.id}/indicators/{score.indicator}"
            html = client.get(page).text
            for href, count in count_links(html):
                total, _text = list_total(client, href)
                assert total == count, f"{page}: {href} says {count}, its list holds {total}"
                walked += 1
    assert walked  # the running year's assessment, computed today, has count links


def test_the_list_shows_the_filter_behind_a_count_in_words_and_drops_it(client, demo_landscape):
    _sign_in(client)
    _total, text = list_total(
        client, "/inventory/applications?missing=hosting&kind=khusus&live=true")
    assert "Hanya aplikasi tanpa hosting tercatat" in text
    assert "Jenis: Aplikasi Khusus" in text
    assert 'data-filter="missing"' in text
    unfiltered = re.search(r'data-filter="missing">.*?href="([^"]+)"', text, re.S).group(1)
    assert "missing" not in unescape(unfiltered)
    assert "kind=khusus" in unescape(unfiltered)


def test_choosing_an_opd_narrows_the_cards_to_its_blockers(client, demo_landscape):
    _sign_in(client)
    report = analysis.blocker_report(analysis.resolve_agency())
    unit_id, mine = max(report.by_unit.items(), key=lambda item: len(item[1]))
    html = client.get(f"/integrations/blockers?unit={unit_id}").text
    cards = html[:html.index('id="per-indicator"')].split("Per OPD")[0]
    card_total = sum(int(n) for _href, n in count_links(cards) if "#per-indicator" in _href)
    assert card_total == len(mine) < len(report.blockers)
    assert 'data-filter="unit"' in html


def test_every_desk_next_step_count_opens_a_list_of_that_many(client, demo_landscape):
    _sign_in(client)
    walked = 0
    for unit in db.session.scalars(select(models.Unit)):
        page = f"/units/{unit.id}/desk"
        html = client.get(page).text
        steps = html[html.index('id="next-steps"'):html.index('id="stale"')]
        for href, count in count_links(steps):
            total, _text = list_total(client, href)
            assert total == count, f"{page}: {href} says {count}, its list holds {total}"
            walked += 1
    assert walked  # the demo's OPDs have next steps
