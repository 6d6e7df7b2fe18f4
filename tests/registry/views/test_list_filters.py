"""List pages: a filter form left at "Semua" sends its fields empty, which means no filter."""

import pytest

#: each list page with every field of its filter form sent empty, as a browser sends them
UNTOUCHED_FORMS = [
    "/inventory/applications?q=&unit=&kind=&lifecycle=&hosting=&integrated=&sort=",
    "/domains?q=&unit=&status=",
    "/integrations/links?q=&unit=&channel=&status=",
    "/requests?scope=queue&q=&kind=&state=",
    "/architecture/roadmap?year=&content_area=&status=",
    "/talent?q=&unit=&status=",
    "/opd-scorecard?year=&agency=",
]


@pytest.mark.parametrize("url", UNTOUCHED_FORMS)
def test_an_untouched_filter_form_lists_everything(client, auth, make_application, url):
    make_application(name="Sistem Informasi Kepegawaian")
    auth.login("architect")
    response = client.get(url)
    assert response.status_code == 200, response.text[:300]
    unfiltered = client.get(url.split("?")[0] + ("?scope=queue" if "scope" in url else ""))
    assert _rows(response.text) == _rows(unfiltered.text)


def test_an_empty_filter_next_to_a_real_one_still_filters(client, auth, make_application):
    make_application(name="Sistem Informasi Kepegawaian")
    make_application(name="Portal Pariwisata")
    auth.login("viewer")
    page = client.get("/inventory/applications?q=pariwisata&unit=&kind=").text
    assert "Portal Pariwisata" in page
    assert "Kepegawaian" not in page


def test_a_bad_filter_value_is_still_a_400(client, auth):
    auth.login("viewer")
    assert client.get("/inventory/applications?unit=satu").status_code == 400


def _rows(html):
    body = html.split("<tbody", 1)[-1].split("</tbody>", 1)[0]
    return body.count("<tr")
