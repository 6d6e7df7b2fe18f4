"""Issue 17.12: huge integers in page and agency arguments are a page or a 404, never a 500."""

import pytest


@pytest.mark.parametrize("path", [
    "/katalog?page=4611686018427387904", "/changes/?page=4611686018427387904",
    "/inventory/applications?page=4611686018427387904", "/domains?page=4611686018427387904",
    "/integrations/links?page=99999999999999999999",
    "/integrations/blockers?agency=99999999999999999999",
    "/integrations/graph?agency=4611686018427387904",
])
def test_huge_numbers_in_arguments_are_not_a_server_error(client, auth, agency, path):
    auth.login("viewer")
    assert client.get(path).status_code in (200, 400, 404, 422), path


def test_a_page_past_the_last_shows_the_last(client, agency, make_application):
    make_application(name="Aplikasi Publik", published=True, lifecycle="production")
    page = client.get("/katalog?page=4611686018427387904")
    assert page.status_code == 200


@pytest.mark.parametrize("path", ["/inventory/applications/3000000000",
                                  "/integrations/links/4611686018427387904"])
def test_an_id_past_a_32_bit_integer_is_a_404_on_every_database(client, auth, path):
    auth.login("viewer")
    assert client.get(path).status_code == 404
