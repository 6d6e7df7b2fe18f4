"""The completeness page, its document form and the missing-data filter."""


def test_missing_filter_lists_the_applications_a_gap_counts(client, auth, make_application):
    auth.login("viewer")
    make_application(name="Tanpa Kode", reference_code=None)
    make_application(name="Dengan Kode", reference_code="RAA.02.02")
    page = client.get("/inventory/applications?missing=reference_code").text
    assert "Tanpa Kode" in page
    assert "Dengan Kode" not in page
    assert client.get("/inventory/applications?missing=nonsense").status_code == 400


def test_completeness_page_and_document_form(client, auth, agency, unit):
    auth.login("architect")
    page = client.get("/architecture/completeness").text
    assert "Kelengkapan Arsitektur SPBE" in page
    assert "Dokumen Arsitektur SPBE belum tercatat" in page
    saved = client.post("/architecture/documents/arsitektur_spbe", data={
        "number": "Pergub No. 5 Tahun 2025", "issued_on": "2025-03-01",
        "enacted_by": "Peraturan Gubernur", "domains": ["application", "security"]})
    assert saved.status_code == 302
    page = client.get("/architecture/completeness").text
    assert "Pergub No. 5 Tahun 2025" in page
    assert "Dokumen Arsitektur SPBE belum pernah direviu" in page
    bad = client.post("/architecture/documents/arsitektur_spbe", data={
        "issued_on": "bukan tanggal", "version": "1"})
    assert bad.status_code == 422
    assert "Tanggal tidak sah" in bad.text
