"""Evidence files through the JSON API: upload, list, download, tampering refused."""

import io

from registry.demo.evidence import pdf_document
from registry.services import evidence
from registry.services.evidence_store import (
    digest,
    get_store,
)
from tests.registry.builders import EXE, YEAR

#: a Windows program: what a renamed .exe starts with


def test_a_tampered_file_is_never_served(client, auth, opened):
    assessment, coordinator = opened
    row = evidence.upload_evidence(assessment.id, 13, "sk.pdf", pdf_document("SK asli"),
                                   actor=coordinator)
    path = get_store().path_of(row.sha256)
    path.write_bytes(pdf_document("SK palsu"))
    auth.login("viewer")
    response = client.get(f"/assessments/evidence/{row.id}")
    assert response.status_code == 409
    assert b"SK palsu" not in response.data
    assert "SHA-256 tidak cocok" in response.text
    api = client.get(f"/api/v1/evidence-files/{row.id}/content")
    assert api.status_code == 409
    assert "SHA-256" in api.json["errors"]["_schema"][0]


def test_the_api_uploads_lists_and_downloads_evidence(client, agency, token_for):
    headers = token_for("architect")
    opened = client.post("/api/v1/assessments", json={"agency_id": agency.id, "year": YEAR},
                         headers=headers).json
    assessment_id = opened["assessment"]["id"]
    data = pdf_document("Notulen forum koordinasi")
    sent = client.post(f"/api/v1/assessments/{assessment_id}/indicators/4/evidence-files",
                       data={"file": (io.BytesIO(data), "notulen.pdf"), "title": "Notulen"},
                       headers=headers, content_type="multipart/form-data")
    assert sent.status_code == 201, sent.json
    assert sent.json["sha256"] == digest(data)
    assert sent.json["title"] == "Notulen"
    refused = client.post(f"/api/v1/assessments/{assessment_id}/indicators/4/evidence-files",
                          data={"file": (io.BytesIO(EXE), "notulen.pdf")}, headers=headers,
                          content_type="multipart/form-data")
    assert refused.status_code == 422
    assert "file" in refused.json["errors"]
    listed = client.get(f"/api/v1/assessments/{assessment_id}/evidence", headers=headers).json
    four = next(row for row in listed if row["indicator"] == 4)
    assert [f["sha256"] for f in four["files"]] == [digest(data)]
    assert four["state"] == "not_filled"
    body = client.get(f"/api/v1/evidence-files/{sent.json['id']}/content", headers=headers)
    assert body.data == data
    assert body.headers["Content-Disposition"].startswith("attachment")
    stages = client.get(f"/api/v1/assessments/{assessment_id}", headers=headers).json["stages"]
    assert [s["stage"] for s in stages] == ["self", "document", "interview"]
    assert stages[1]["index"] is None
