"""The evidence pack written by the flask command."""

import zipfile

from registry.demo.evidence import pdf_document
from registry.services import evidence
from registry.services.evidence_store import (
    digest,
)


def test_the_cli_writes_the_pack(runner, opened, tmp_path):
    assessment, coordinator = opened
    row = evidence.upload_evidence(assessment.id, 16, "integrasi.pdf",
                                   pdf_document("Integrasi"), actor=coordinator)
    out = tmp_path / "paket.zip"
    result = runner.invoke(args=["evidence-pack", "--agency", "contohprov", "--year", "2026",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 berkas" in result.output
    with zipfile.ZipFile(out) as pack:
        entry = next(n for n in pack.namelist() if n.endswith("integrasi.pdf"))
        assert digest(pack.read(entry)) == row.sha256
    missing = runner.invoke(args=["evidence-pack", "--agency", "CONTOHPROV", "--year", "2019",
                                  "-o", str(tmp_path / "x.zip")])
    assert missing.exit_code == 1
    assert "Belum ada penilaian" in missing.output
