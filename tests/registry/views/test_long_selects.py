"""A long drop-down (applications, OPDs) gets a search box; the form works without script."""

import re


def _filters(html):
    return re.findall(r'<input type="search"[^>]*data-filters="([^"]+)"[^>]*>', html)


def test_a_long_application_list_gets_a_search_box_shown_by_a_static_script(
        client, auth, make_application):
    for n in range(20):
        make_application(name=f"Aplikasi Uji {n}")
    auth.login("architect")
    page = client.get("/integrations/links/new").text
    assert _filters(page) == ["f-provider_id", "f-consumer_id"]
    box = re.search(r'<input type="search"[^>]*data-filters="f-provider_id"[^>]*>', page).group(0)
    assert " hidden" in box
    assert 'aria-label="Cari: Aplikasi penyedia (sumber data)"' in box
    assert "name=" not in box  # nothing extra is sent with the form
    # every option is still there for a browser without script
    assert page.count('<option value="') >= 2 * 20
    assert '<script src="/static/select-filter.js" defer></script>' in page
    with client.get("/static/select-filter.js") as script:
        assert script.status_code == 200


def test_a_short_list_has_no_search_box(client, auth, make_application):
    make_application(name="Aplikasi Uji")
    auth.login("architect")
    assert _filters(client.get("/integrations/links/new").text) == []


def test_the_opd_list_of_the_application_form_gets_a_search_box(client, auth, make_unit):
    for n in range(16):
        make_unit(name=f"Dinas Contoh {n}")
    auth.login("architect")
    assert "f-owner_unit_id" in _filters(client.get("/inventory/applications/new").text)
