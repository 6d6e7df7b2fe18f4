"""Journeys through the served demo registry in headless Chromium, in its Indonesian interface.

Each test is one errand of a docs/architecture.md user (an architect, an OPD operator, a reviewer,
a reader, a visitor of the public catalogue), done the way they would do it: by following links
and filling in forms. Every page a test shows is saved to test-artifacts/e2e/<test>/ and checked
by ``Tab.step``: no browser console error (CSP violations included), no server traceback and
no WCAG 2.1 A/AA violation that axe-core finds.

The tests share one demo database and leave their records in it (an application, a domain,
confirmations), so each reads the counts it compares at the time it runs, never the demo's.
"""

import math
import re
from urllib.parse import parse_qs, quote, urlencode

import pytest

from tests.e2e.browser import DEMO_PASSWORD, expect

pytestmark = pytest.mark.e2e

ARCHITECT = "arsitek@demo.go.id"
REVIEWER = "reviewer@demo.go.id"
OPERATOR = "operator@demo.go.id"  # an operator of Dinas Kesehatan
READER = "viewer@demo.go.id"
OPERATOR_UNIT = "Dinas Kesehatan"
LIST_PAGE = 25  # rows on a page of the application list
CATALOGUE_PAGE = 24  # cards on a page of /katalog
#: the SPBE index bands of PermenPANRB 59/2020, highest first: (lower bound, predicate)
#: the Indeks Pemdi's bands (PermenPANRB 8/2026), the instrument of the demo's 2026 draft
PREDICATES = ((4.0, "Memuaskan"), (3.5, "Sangat Baik"), (2.5, "Baik"), (1.5, "Cukup"),
              (0.0, "Kurang"))


def _count(locator):
    """The number in a "(300 aplikasi)" or "82 aplikasi" text."""
    return int(re.search(r"(\d+) aplikasi", locator.inner_text()).group(1))


def _record(page):
    """The label → value pairs of the <dl class="record"> lists on a detail page."""
    pairs = page.eval_on_selector_all(
        "dl.record dt",
        "dts => dts.map(dt => [dt.textContent.trim(), dt.nextElementSibling.innerText.trim()])")
    return dict(pairs)


def _column(rows, number):
    """The texts of one column (1-based) of some table rows."""
    return [text.strip() for text in rows.locator(f"td:nth-child({number})").all_inner_texts()]


def _predicate(index):
    """The band of the index as published (two decimals)."""
    shown = round(index + 1e-9, 2)
    return next(name for low, name in PREDICATES if shown >= low - 1e-9)


def test_sign_in_refuses_a_wrong_password_and_returns_to_the_page_asked_for(journey):
    tab = journey.tab()
    page = tab.page
    tab.goto("/integrations/blockers")
    assert tab.path.startswith("/auth/login?")
    assert parse_qs(tab.query)["next"] == ["/integrations/blockers"]
    expect(page.get_by_role("heading", name="Masuk ke Registri SPBE")).to_be_visible()
    expect(page.locator("#main-nav")).to_have_count(0)  # no menu before signing in
    tab.step("login-form")

    page.fill("#email", REVIEWER)
    page.fill("#password", "bukan-kata-sandinya")
    tab.submit(page.get_by_role("button", name="Masuk"), status=401)
    expect(page.locator(".alert-danger")).to_have_text("Surel atau kata sandi salah.")
    expect(page.locator("#email")).to_have_value(REVIEWER)  # kept for the second try
    tab.step("wrong-password")

    page.fill("#password", DEMO_PASSWORD)
    tab.submit(page.get_by_role("button", name="Masuk"))
    assert tab.path == "/integrations/blockers"
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hambatan menuju Level 5")
    expect(page.locator("nav.navbar")).to_contain_text("Peninjau Inspektorat")
    tab.step("signed-in")

    saved = [cookie for cookie in page.context.cookies() if cookie["name"] == "session"]
    assert saved
    tab.submit(page.get_by_role("button", name="Keluar"))
    assert tab.path == "/auth/login"
    expect(page.locator(".alert")).to_have_text("Anda telah keluar.")
    tab.step("signed-out")
    tab.goto("/inventory/applications")
    assert tab.path.startswith("/auth/login?")  # the session is gone, not just the menu
    tab.step("signed-out-redirect")

    # A copy of the cookie taken before signing out (another browser, a thief) is dead too.
    thief = journey.tab()
    thief.page.context.add_cookies(saved)
    thief.goto("/inventory/applications")
    assert thief.path.startswith("/auth/login?")
    expect(thief.page.locator("#main-nav")).to_have_count(0)
    thief.step("old-cookie-refused")


#: a search and two filters of the application list, as the form sends them and a link keeps them
FILTERS = {"q": "sistem", "lifecycle": "production", "integrated": "false"}


def _unfiltered_list(tab):
    """Open the application list as a reader sees it; return its total."""
    page = tab.page
    tab.goto("/inventory/applications")
    total = _count(page.get_by_role("heading", level=1))
    expect(page.locator("table tbody tr")).to_have_count(min(total, LIST_PAGE))
    expect(page.locator(".pagination")).to_contain_text(
        f"Halaman 1 dari {math.ceil(total / LIST_PAGE)}")
    expect(page.get_by_role("link", name="Tambah aplikasi")).to_have_count(0)  # a reader
    tab.step("all-applications")
    return total


def _check_filtered_list(tab, total):
    """The list shows FILTERS applied: fewer rows, each one matching, the same as the API's."""
    page = tab.page
    rows = page.locator("table tbody tr")
    query = parse_qs(tab.query)
    assert {name: query[name] for name in FILTERS} == {k: [v] for k, v in FILTERS.items()}
    shown = _count(page.get_by_role("heading", level=1))
    assert 0 < shown < total
    expect(rows).to_have_count(min(shown, LIST_PAGE))
    assert set(_column(rows, 5)) == {"Produksi"}
    assert set(_column(rows, 7)) == {"✘ Tidak"}
    for name, value in FILTERS.items():  # the form shows the filters it applied
        expect(page.locator(f"#{name}")).to_have_value(value)
    # The same question through the JSON API (another parser, same session) names the same rows.
    answer = page.request.get(f"{tab.base}/api/v1/applications",
                              params={**FILTERS, "per_page": 200}).json()
    assert answer["total"] == shown
    assert _column(rows, 1) == [item["code"] for item in answer["items"]][:LIST_PAGE]
    tab.step("filtered")


def test_inventory_link_with_filters_lists_only_the_matching_applications(journey):
    tab = journey.tab(READER)
    page = tab.page
    total = _unfiltered_list(tab)
    tab.goto(f"/inventory/applications?{urlencode(FILTERS)}")
    _check_filtered_list(tab, total)

    first = page.locator("table tbody tr td:nth-child(2) a").first
    name = first.inner_text()
    tab.submit(first)
    assert re.fullmatch(r"/inventory/applications/\d+", tab.path)
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    record = _record(page)
    assert record["Terintegrasi lewat SPLP"] == "✘ Tidak"
    expect(page.locator("h1 .badge")).to_have_text("Produksi")
    tab.step("matching-application")


def test_inventory_filter_form_applies_the_chosen_filters(journey):
    tab = journey.tab(READER)
    page = tab.page
    total = _unfiltered_list(tab)
    page.fill("#q", FILTERS["q"])
    page.select_option("#lifecycle", label="Produksi")
    page.select_option("#integrated", label="Tidak")
    tab.submit(page.get_by_role("button", name="Terapkan"))
    _check_filtered_list(tab, total)


def test_architect_creates_an_application_then_edits_and_publishes_it(journey):
    code, name, new_name = "E2E-UJI-01", "Sistem Uji Peramban", "Sistem Uji Peramban Daerah"
    address = "https://uji-peramban.contohprov.go.id"
    tab = journey.tab(ARCHITECT)
    page = tab.page
    heading = page.get_by_role("heading", level=1)
    tab.goto("/inventory/applications")
    tab.submit(page.get_by_role("link", name="Tambah aplikasi"))
    assert tab.path.startswith("/inventory/applications/new")

    page.fill("#f-code", code)
    page.fill("#f-url", "bukan-alamat")
    tab.submit(page.get_by_role("button", name="Simpan"), status=422)
    expect(page.locator("#f-name")).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator("#f-url ~ .invalid-feedback")).to_contain_text("Alamat web tidak sah")
    expect(page.locator("#f-code")).to_have_value(code)  # nothing typed is lost
    tab.step("form-errors")

    page.fill("#f-name", name)
    page.fill("#f-acronym", "SUP")
    page.fill("#f-description", "Aplikasi percobaan dari uji peramban.")
    page.select_option("#f-owner_unit_id", label=OPERATOR_UNIT)
    page.select_option("#f-lifecycle", label="Pengembangan")
    page.select_option("#f-hosting_id", label="Pusat Data Pemda")
    page.fill("#f-url", address)
    page.fill("#f-started_on", "2025-03-01")
    tab.submit(page.get_by_role("button", name="Simpan"))
    app_path = tab.path
    assert re.fullmatch(r"/inventory/applications/\d+", app_path)
    expect(page.locator(".alert").first).to_have_text(f"Aplikasi {name} dibuat.")
    expect(heading).to_contain_text(f"{name} (SUP)")
    expect(heading.locator(".badge")).to_have_text("Pengembangan")
    record = _record(page)
    assert record["Kode"] == code
    assert record["OPD pemilik"] == OPERATOR_UNIT
    assert record["Deskripsi"] == "Aplikasi percobaan dari uji peramban."
    assert record["Alamat web"] == address
    assert record["Hosting (pusat data)"].startswith("Pusat Data Pemda")
    assert record["Mulai beroperasi"] == "1 Mar 2025"
    assert record["Versi data"].startswith("1 ·")
    tab.step("created")

    # Not published and not in production: the public catalogue does not know it.
    visitor = journey.tab()
    visitor.goto(f"/katalog?q={quote(name)}")
    expect(visitor.page.locator(".catalogue-entry")).to_have_count(0)
    visitor.step("catalogue-before")

    tab.submit(page.get_by_role("link", name="Ubah", exact=True))
    assert tab.path == f"{app_path}/edit"
    expect(page.locator("#f-name")).to_have_value(name)
    expect(page.locator("#f-hosting_id option:checked")).to_have_text("Pusat Data Pemda")
    page.fill("#f-name", new_name)
    page.select_option("#f-lifecycle", label="Produksi")
    page.check("#f-published")
    tab.step("edit-form")
    tab.submit(page.get_by_role("button", name="Simpan"))
    assert tab.path == app_path
    expect(page.locator(".alert").first).to_have_text("Perubahan disimpan.")
    expect(heading).to_contain_text(new_name)
    expect(heading.locator(".badge")).to_have_text("Produksi")
    record = _record(page)
    assert record["Kode"] == code  # untouched fields kept
    assert record["Alamat web"] == address
    assert record["Versi data"].startswith("2 ·")
    expect(page.locator("main")).to_contain_text(f"Nama: {name} → {new_name}")  # the history
    tab.step("edited")

    visitor.goto(f"/katalog?q={quote(new_name)}")
    entry = visitor.page.locator(".catalogue-entry")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text(new_name)
    expect(entry).to_contain_text(OPERATOR_UNIT)
    expect(entry.get_by_role("link", name="Buka aplikasi")).to_have_attribute("href", address)
    visitor.step("catalogue-after")


def test_operator_requests_a_subdomain_and_a_reviewers_approval_registers_it(journey):
    label = "posyandu-digital"
    operator = journey.tab(OPERATOR)
    page = operator.page
    operator.goto(f"/domains?q={label}")
    zone = page.locator("h1 .text-muted").inner_text().strip()
    fqdn = f"{label}.{zone}"
    expect(page.locator("table tbody")).to_have_text("Tidak ada nama domain yang cocok.")
    operator.step("not-registered-yet")

    operator.submit(page.get_by_role("link", name="Minta sub-domain"))
    assert operator.path == "/requests/new/subdomain"
    expect(page.locator("main")).to_contain_text(f"OPD peminta: {OPERATOR_UNIT}")
    live = page.locator("#label-live")  # label-check.js asks the API while one types
    page.fill("#f-label", "www")
    expect(live).to_contain_text("dicadangkan")
    expect(live).to_have_class(re.compile(r"\btext-danger\b"))
    operator.step("reserved-label")
    page.fill("#f-label", label)
    expect(live).to_have_text(f"{fqdn} ✓")
    expect(live).to_have_class(re.compile(r"\btext-success\b"))
    page.fill("#f-purpose", "Pendaftaran dan jadwal posyandu.")
    app = page.locator("#f-application_id option", has_text="SIKDA Generik").first
    page.select_option("#f-application_id", app.get_attribute("value"))
    page.fill("#f-technical_contact", "Tim TI Dinkes, 0812-0000-0000")
    operator.step("request-form")
    operator.submit(page.get_by_role("button", name="Simpan dan ajukan"))
    request_id = re.fullmatch(r"/requests/(\d+)", operator.path).group(1)
    expect(page.locator(".alert").first).to_have_text(f"Permintaan #{request_id}: diajukan.")
    expect(page.locator(".request-state")).to_have_text("Diajukan")
    operator.step("submitted")

    reviewer = journey.tab(REVIEWER)
    review = reviewer.page
    reviewer.goto("/requests")  # a reviewer's list opens on what waits for them
    row = review.locator("table tbody tr", has_text=fqdn)
    expect(row).to_contain_text("Diajukan")
    expect(row).to_contain_text(OPERATOR_UNIT)
    reviewer.step("review-queue")
    reviewer.submit(row.get_by_role("link", name=fqdn))
    assert reviewer.path == f"/requests/{request_id}"
    review.fill("#reason-approve", "Label sesuai pedoman penamaan.")
    reviewer.submit(review.locator("form.action-approve button"))
    expect(review.locator(".request-state")).to_have_text("Disetujui")
    assert _record(review)["Alasan keputusan"] == "Label sesuai pedoman penamaan."
    reviewer.step("approved")

    reviewer.goto("/domains")
    review.fill("#q", label)
    review.select_option("#status", label="Aktif")  # the OPD select stays at "Semua" (empty)
    reviewer.submit(review.get_by_role("button", name="Terapkan"))
    rows = review.locator("table tbody tr")
    expect(rows).to_have_count(1)
    assert _column(rows, 1) == [fqdn]
    assert _column(rows, 2) == [OPERATOR_UNIT]
    assert _column(rows, 3) == ["SIKDA Generik"]
    assert _column(rows, 4) == ["Aktif"]
    assert _column(rows, 5) == ["Tim TI Dinkes, 0812-0000-0000"]
    reviewer.step("domain-register")

    operator.goto("/inbox")
    expect(page.locator("main")).to_contain_text(
        f"Permintaan #{request_id} “{fqdn}” disetujui oleh Peninjau Inspektorat.")
    operator.step("operator-inbox")


def test_blockers_diagram_leads_from_an_opd_to_an_application_that_blocks_level_5(journey):
    tab = journey.tab(REVIEWER)
    page = tab.page
    tab.submit(page.get_by_role("link", name="Integrasi", exact=True))
    assert tab.path == "/integrations/graph"
    # The whole instansi is too large to draw per application: one box per OPD, each a link.
    opd = page.locator(f'.diagram svg a[*|title="{OPERATOR_UNIT}"]')
    expect(opd).to_have_count(1)
    opd_graph = opd.get_attribute("xlink:href")
    unit_id = parse_qs(opd_graph.partition("?")[2])["unit"][0]
    tab.step("landscape-by-opd")
    tab.submit(opd)
    assert tab.path == opd_graph
    expect(page.locator("#unit option:checked")).to_have_text(OPERATOR_UNIT)
    assert page.locator('.diagram svg a[*|href^="/inventory/applications/"]').count() > 0
    tab.step("opd-graph")

    tab.submit(page.get_by_role("link", name="Hambatan Level 5"))
    page.select_option("#unit", unit_id)
    # the page leads with the quickest lifts; the diagram may show every blocking application
    expect(page.locator("#show option:checked")).to_have_text("Penghambat utama (daftar di atas)")
    page.select_option("#show", "blocking")
    tab.submit(page.get_by_role("button", name="Terapkan"))
    query = parse_qs(tab.query)
    assert (query["unit"], query["show"]) == ([unit_id], ["blocking"])
    per_unit = page.locator("table", has=page.locator("th", has_text="Hambatan")).locator(
        "tbody tr")
    expect(per_unit).to_have_count(1)
    assert _column(per_unit, 1) == [OPERATOR_UNIT]
    blockers = int(_column(per_unit, 2)[0])
    by_indicator = page.locator("details summary").all_inner_texts()
    assert sum(int(re.search(r"(\d+) hambatan", s).group(1)) for s in by_indicator) == blockers
    # A red node is an application that holds an indicator below level 5; its tooltip says why.
    # Neighbours in other OPDs are drawn too; the OPD's own red nodes are those listed below.
    red = ".diagram svg g.node:has(path[fill='#f8d7da']) a"
    drawn = [a.get_attribute("xlink:href") for a in page.locator(red).all()]
    # (the list links to the form where the blocker is fixed: /inventory/applications/<id>/edit)
    listed = {path.removesuffix("/edit") for path in page.eval_on_selector_all(
        "details a", "links => links.map(a => a.pathname)")}
    own = [href for href in drawn if href in listed]
    assert own, f"no red node of {OPERATOR_UNIT} among {drawn}"
    href = own[0]
    target = page.locator(f"{red}[*|href='{href}']")
    name, _, reasons = target.get_attribute("xlink:title").partition(":\n")
    assert re.match(r"\[\d+≤\d\] ", reasons)
    tab.step("opd-blockers")
    tab.submit(target)
    assert tab.path == href
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    assert _record(page)["OPD pemilik"] == OPERATOR_UNIT
    tab.step("blocking-application")


def test_scorecard_index_is_the_weighted_levels_and_the_what_if_agrees_with_the_server(journey):
    tab = journey.tab(REVIEWER)
    page = tab.page
    tab.submit(page.get_by_role("link", name="Penilaian", exact=True))
    assert tab.path == "/assessments"
    # The 2025 result (SPBE, 59/2020) and the 2026 one (Indeks Pemdi) side by side.
    sides = page.locator("#by-instrument")
    expect(sides).to_contain_text("Indeks SPBE")
    expect(sides).to_contain_text("Indeks Pemdi")
    expect(sides).to_contain_text("tidak dikurangkan")
    latest = page.locator("table tbody tr").first
    year, instrument, _, listed_index, listed_predicate = (
        _column(latest, n)[0] for n in (1, 2, 3, 4, 5))
    assert year == "2026"
    assert "permenpanrb-8-2026" in instrument
    tab.step("assessments")
    tab.submit(latest.get_by_role("link", name="Buka kartu skor"))
    assert re.fullmatch(r"/assessments/\d+", tab.path)
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Kartu Skor Indeks Pemdi {year}")
    expect(page.locator("#previous-other")).to_contain_text("Indeks SPBE")

    rows = page.eval_on_selector_all(
        "tr[data-weight]",
        "rows => rows.map(r => [+r.id.slice(1), +r.dataset.weight, +r.dataset.level])")
    assert [number for number, _, _ in rows] == list(range(1, 21))  # the 20 Pemdi indicators
    assert sum(weight for _, weight, _ in rows) == pytest.approx(100)
    index = sum(weight * level for _, weight, level in rows) / 100
    expect(page.locator("#index-value")).to_have_text(f"{index:.2f}")
    assert listed_index == f"{index:.2f}"
    assert listed_predicate == _predicate(index)
    summary = page.locator(".card-body").first
    expect(summary).to_contain_text(f"Predikat: {_predicate(index)}")
    expect(summary).to_contain_text(f"Nilai tepat: {index:.3f}")
    tab.step("scorecard")

    # What if the two first indicators below level 5 reached it? what-if.js answers at once...
    raised = [(number, weight, level) for number, weight, level in rows if level < 5][:2]
    for number, _, _ in raised:
        page.select_option(f"select[name=w{number}]", "5")
    tried = index + sum(weight * (5 - level) for _, weight, level in raised) / 100
    answer = f"{tried:.2f} ({_predicate(tried)}), +{tried - index:.3f}"
    expect(page.locator("#what-if-live")).to_have_text(answer)
    tab.step("what-if-live")
    # ... and the server, asked with the same form, must say the same.
    tab.submit(page.locator("#what-if").get_by_role("button", name="Hitung"))
    expect(page.locator(".alert-info")).to_contain_text(
        f"Bagaimana jika: indeks {answer} dari sekarang.")
    for number, _, _ in raised:
        expect(page.locator(f"select[name=w{number}]")).to_have_value("5")
    tab.step("what-if-server")


def test_operator_confirms_the_stale_records_on_the_desk_of_their_opd(journey):
    tab = journey.tab(OPERATOR)
    page = tab.page
    tab.submit(page.get_by_role("link", name="Skor OPD"))
    table = page.locator("table.opd-scorecard")
    own = table.locator("tbody tr", has=page.get_by_role("link", name=OPERATOR_UNIT, exact=True))
    listed_score = _column(own, 3)[0]
    other = table.locator("tbody tr td:nth-child(2) a").filter(
        has_not_text=OPERATOR_UNIT).first.get_attribute("href")
    tab.step("opd-scorecard")
    tab.submit(own.get_by_role("link", name=OPERATOR_UNIT, exact=True))
    desk = re.match(r"/units/\d+/desk", tab.path).group(0)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Meja monitoring: {OPERATOR_UNIT}")
    score = page.locator("h1 + div strong")
    expect(score).to_have_text(listed_score)  # the desk and the ranking agree
    confirmed = page.locator(".card-body", has_text="Data dikonfirmasi").locator(".fs-5")
    stale = page.locator("table.stale-records tbody tr")
    count = stale.count()
    assert count > 0
    assert confirmed.inner_text() != "100%"
    # nothing comes ticked: one click must not stamp records nobody looked at
    expect(stale.locator("input[type=checkbox]:checked")).to_have_count(0)
    page.get_by_role("checkbox", name="Pilih semua di halaman ini").check()
    expect(stale.locator("input[type=checkbox]:checked")).to_have_count(count)
    tab.step("desk")

    tab.submit(page.get_by_role("button", name="Konfirmasi yang dicentang masih benar"))
    assert tab.path == desk
    expect(page.locator(".alert-success")).to_have_text(f"{count} data dikonfirmasi masih benar.")
    expect(stale).to_have_count(0)
    expect(page.locator("main")).to_contain_text(
        "Semua data sudah dikonfirmasi dalam 12 bulan terakhir.")
    expect(confirmed).to_have_text("100%")
    assert float(score.inner_text()) > float(listed_score)
    tab.step("desk-confirmed")

    # Another OPD's desk is open to read, but its records are not this operator's to confirm.
    tab.goto(other)
    expect(page.get_by_role("heading", level=1)).not_to_contain_text(OPERATOR_UNIT)
    expect(page.locator("table.stale-records input[type=checkbox]")).to_have_count(0)
    expect(page.get_by_role("button", name="Konfirmasi yang dicentang masih benar")
           ).to_have_count(0)
    tab.step("other-desk-read-only")


def _search_catalogue(tab, words):
    tab.page.get_by_role("searchbox", name="Cari").fill(words)
    tab.submit(tab.page.get_by_role("button", name="Cari"))
    assert parse_qs(tab.query)["q"] == [words]


def test_public_catalogue_is_open_and_searchable_without_signing_in(journey):
    tab = journey.tab()
    page = tab.page
    entries = page.locator(".catalogue-entry")
    tab.goto("/katalog")
    assert tab.path == "/katalog"  # no detour through the sign-in page
    expect(page.locator("#main-nav")).to_have_count(0)  # and no internal menu
    total = _count(page.locator(".catalogue > p.small"))
    expect(entries).to_have_count(min(total, CATALOGUE_PAGE))
    expect(page.locator(".pagination")).to_contain_text(
        f"Halaman 1 dari {math.ceil(total / CATALOGUE_PAGE)}")
    tab.step("catalogue")

    _search_catalogue(tab, "kesehatan")
    found = _count(page.locator(".catalogue > p.small"))
    assert 0 < found < total
    expect(entries).to_have_count(min(found, CATALOGUE_PAGE))
    for text in entries.all_inner_texts():  # name, acronym, OPD and purpose are what is searched
        assert "kesehatan" in text.lower()
    tab.step("catalogue-search")

    _search_catalogue(tab, "tidak-ada-yang-begini")
    expect(page.locator(".catalogue > p.small")).to_have_text("0 aplikasi")
    expect(page.locator("main")).to_contain_text("Tidak ada aplikasi yang cocok.")
    tab.step("catalogue-no-match")

    tab.goto("/inventory/applications")
    assert tab.path.startswith("/auth/login?")  # the catalogue opens nothing else
    tab.step("inventory-stays-closed")


def test_public_catalogue_fits_a_phone(journey):
    tab = journey.tab(phone=True)
    page = tab.page
    width = page.viewport_size["width"]
    entries = page.locator(".catalogue-entry")
    tab.goto("/katalog")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll
    search = page.get_by_role("searchbox", name="Cari").bounding_box()
    assert search["x"] >= 0
    assert search["x"] + search["width"] <= width
    first, second = entries.nth(0).bounding_box(), entries.nth(1).bounding_box()
    assert first["x"] == second["x"]
    assert second["y"] >= first["y"] + first["height"]  # one column
    assert first["width"] > width * 0.8
    tab.step("catalogue-phone")

    _search_catalogue(tab, "layanan")
    found = _count(page.locator(".catalogue > p.small"))
    assert found > 0
    expect(entries).to_have_count(min(found, CATALOGUE_PAGE))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    tab.step("catalogue-phone-search")


def _scroll_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def test_application_and_completeness_pages_fit_a_phone(journey):
    """At 390 px nothing scrolls sideways but a wide table, inside its own region."""
    tab = journey.tab(ARCHITECT, phone=True)
    page = tab.page
    width = page.viewport_size["width"]
    assert width == 390
    tab.goto("/inventory/applications?sort=name")
    paths = page.locator("table tbody tr td:nth-child(2) a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    assert len(paths) == LIST_PAGE
    widest = None
    for path in paths:  # a page of applications, with and without links, reviews, long names
        tab.goto(path)
        found = _scroll_width(page)
        assert found <= width, f"{path} is {found} px wide on a {width} px phone"
        links = page.locator("h2:has-text('Tautan integrasi') + div table tbody tr").count()
        if widest is None or links > widest[1]:
            widest = (path, links)
    tab.goto(widest[0])
    assert widest[1] > 0
    assert _scroll_width(page) <= width
    tab.step("application-phone")

    tab.goto("/architecture/completeness")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kelengkapan Arsitektur SPBE")
    assert _scroll_width(page) <= width
    documents = page.get_by_role("region", name="Dokumen arsitektur dan kebijakan internal")
    expect(documents.locator("tbody tr").first).to_be_visible()  # the wide table scrolls inside
    tab.step("completeness-phone")


def test_a_long_drop_down_narrows_to_what_one_types(journey):
    tab = journey.tab(ARCHITECT)
    page = tab.page
    tab.goto("/integrations/links/new")
    provider = page.locator("#f-provider_id")
    options = provider.locator("option")
    total = options.count()
    assert total > 100  # every application of the province
    search = page.get_by_role("searchbox", name="Cari: Aplikasi penyedia (sumber data)")
    expect(search).to_be_visible()  # shown by select-filter.js; hidden without script
    search.fill("sistem informasi")
    narrowed = options.count()
    assert 1 < narrowed < total
    assert all("sistem informasi" in text.lower() for text in options.all_inner_texts()[1:])
    search.fill("APP-0001")  # one left: it is chosen
    expect(options).to_have_count(2)
    assert provider.evaluate("s => s.options[s.selectedIndex].text").endswith("(APP-0001)")
    tab.step("drop-down-narrowed")
    search.fill("")
    expect(options).to_have_count(total)
    assert provider.evaluate("s => s.options[s.selectedIndex].text").endswith("(APP-0001)")


def test_opd_scorecard_fits_a_1366_pixel_screen(journey):
    tab = journey.tab(ARCHITECT)
    page = tab.page
    page.set_viewport_size({"width": 1366, "height": 900})
    tab.goto("/opd-scorecard")
    table = page.locator("table.opd-scorecard")
    expect(table.locator("tbody tr").first).to_be_visible()
    assert _scroll_width(page) <= 1366
    # no sideways scrolling inside the table's region either: every column is on the screen
    assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth")
    tab.step("opd-scorecard-1366")


def test_architect_deletes_an_application_after_confirming_and_restores_it(journey):
    """Delete asks first; the change log's "Pulihkan" brings the application back as it was."""
    code, name = "E2E-PULIH-01", "Sistem Uji Pemulihan"
    tab = journey.tab(ARCHITECT)
    page = tab.page
    heading = page.get_by_role("heading", level=1)
    tab.goto("/inventory/applications/new")
    page.fill("#f-code", code)
    page.fill("#f-name", name)
    page.fill("#f-acronym", "SUPL")
    page.fill("#f-description", "Aplikasi yang dihapus lalu dipulihkan oleh uji peramban.")
    page.select_option("#f-owner_unit_id", label=OPERATOR_UNIT)
    page.select_option("#f-lifecycle", label="Produksi")
    page.select_option("#f-hosting_id", label="Pusat Data Pemda")
    page.fill("#f-url", "https://uji-pulih.contohprov.go.id")
    page.fill("#f-started_on", "2024-07-01")
    tab.submit(page.get_by_role("button", name="Simpan"))
    app_path = tab.path
    assert re.fullmatch(r"/inventory/applications/\d+", app_path)
    created = _record(page)
    tab.step("created")

    # "Hapus" asks first, on a page of its own; "Batal" leaves everything as it was.
    tab.submit(page.get_by_role("link", name="Hapus", exact=True))
    assert tab.path == f"{app_path}/delete"
    expect(heading).to_have_text("Hapus aplikasi ini?")
    expect(page.locator("main")).to_contain_text(f"{name} ({code})")
    expect(page.locator("main")).to_contain_text("tidak ada data lain yang ikut terhapus")
    tab.step("confirm-delete")
    tab.submit(page.get_by_role("link", name="Batal"))
    assert tab.path == app_path
    assert _record(page) == created

    tab.submit(page.get_by_role("link", name="Hapus", exact=True))
    tab.submit(page.get_by_role("button", name="Ya, hapus"))
    assert tab.path.startswith("/inventory/applications")
    notice = page.locator(".alert-success")
    expect(notice).to_contain_text(f"Aplikasi {name} dihapus.")
    expect(notice.get_by_role("link", name="Pulihkan")).to_have_count(1)  # undo at once
    tab.step("deleted")
    tab.goto(app_path, status=404)
    tab.step("gone")

    # The change log offers the restore on the delete entry.
    tab.goto("/changes/?object_type=applications&action=delete")
    entry = page.locator("tbody tr", has_text=f"menghapus aplikasi {name}").first
    expect(entry).to_be_visible()
    tab.step("change-log")
    tab.submit(entry.get_by_role("link", name="Pulihkan"))
    assert re.fullmatch(r"/changes/\d+/restore", tab.path)
    expect(heading).to_have_text(f"Pulihkan {name}?")
    expect(page.locator("main")).to_contain_text(code)
    tab.step("restore-page")
    tab.submit(page.get_by_role("button", name="Pulihkan"), status=422)
    expect(page.locator("#f-reason ~ .invalid-feedback")).to_have_text(
        "Tuliskan alasan pemulihan.")
    tab.step("restore-needs-a-reason")
    page.fill("#f-reason", "Terhapus tidak sengaja saat uji peramban")
    tab.submit(page.get_by_role("button", name="Pulihkan"))

    # Back under the same address, every field as before; only the version moved on.
    assert tab.path == app_path
    expect(page.locator(".alert-success")).to_contain_text(f"{name} dipulihkan")
    restored = _record(page)
    version = int(created.pop("Versi data").split(" ·")[0])
    assert restored.pop("Versi data").startswith(f"{version + 1} ·")
    assert restored == created
    history = page.locator("main table").last
    expect(history).to_contain_text(f"memulihkan aplikasi {name}")
    expect(history).to_contain_text("Terhapus tidak sengaja saat uji peramban")
    expect(page.get_by_role("link", name="Pulihkan")).to_have_count(0)  # nothing left to undo
    tab.step("restored")

    # Retiring asks first too, naming the links that end with it; the application's own history
    # then restores it with every one of those links, each to the status it had.
    tab.goto("/inventory/applications?integrated=true&lifecycle=production")
    tab.submit(page.locator("table tbody tr td a").first)
    app_path = tab.path
    links = page.locator("h2:has-text('Tautan integrasi') + div table tbody tr")
    statuses = _column(links, 5)
    active = sum(status != "Pensiun" for status in statuses)
    assert active > 0
    before = _record(page)
    tab.submit(page.get_by_role("link", name="Pensiunkan"))
    expect(heading).to_have_text("Pensiunkan aplikasi ini?")
    expect(page.locator("main")).to_contain_text(f"{active} tautan integrasi ikut dihentikan")
    expect(page.locator("ul.confirm-touched li")).to_have_count(active)
    tab.step("confirm-retire")
    tab.submit(page.get_by_role("button", name="Ya, pensiunkan"))
    assert tab.path == app_path
    expect(heading.locator(".badge")).to_have_text("Pensiun")
    assert set(_column(links, 5)) == {"Pensiun"}
    tab.step("retired")

    history = page.locator("main table").last
    tab.submit(history.get_by_role("link", name="Pulihkan"))
    expect(page.locator("main")).to_contain_text(
        f"{active} tautan integrasi yang ikut dihentikan aktif kembali")
    page.fill("#f-reason", "Masih dipakai; salah pensiunkan saat uji peramban")
    tab.step("restore-retirement")
    tab.submit(page.get_by_role("button", name="Pulihkan"))
    assert tab.path == app_path
    expect(heading.locator(".badge")).to_have_text("Produksi")
    assert _column(links, 5) == statuses  # every link back to the status it had
    after = _record(page)
    assert after.pop("Versi data") != before.pop("Versi data")
    assert after == before
    tab.step("retirement-restored")

    # A single link asks first as well, and its detail page offers the way back after.
    tab.goto("/integrations/links")
    tab.submit(page.get_by_role("link", name="Rincian").first)
    link_path = tab.path
    tab.submit(page.get_by_role("link", name="Hentikan"))
    expect(heading).to_have_text("Hentikan tautan integrasi ini?")
    tab.step("confirm-link-retire")
    tab.submit(page.get_by_role("link", name="Batal"))
    assert tab.path == link_path
