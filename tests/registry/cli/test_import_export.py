"""The import command: reports, refuses, then imports."""

from registry import models
from tests.registry.builders import BAD, GOOD, row_count, workbook


def test_the_import_command_reports_and_refuses_then_imports(runner, agency, centres, tmp_path):
    bad, good = tmp_path / "bad.xlsx", tmp_path / "good.xlsx"
    bad.write_bytes(workbook(BAD).getvalue())
    good.write_bytes(workbook(GOOD).getvalue())
    refused = runner.invoke(args=["import", str(bad)])
    assert refused.exit_code == 1
    assert "Aplikasi, baris 3, kolom Tahun Mulai" in refused.output
    assert "tidak ada yang disimpan" in refused.output
    tried = runner.invoke(args=["import", str(good), "--dry-run"])
    assert tried.exit_code == 0
    assert "applications: 3 baru" in tried.output
    assert row_count(models.Application) == 0
    done = runner.invoke(args=["import", str(good), "--agency", agency.code])
    assert done.exit_code == 0
    assert "Impor selesai" in done.output
    assert row_count(models.Application) == 3
    exported = tmp_path / "apps.csv"
    result = runner.invoke(args=["export", "list", "applications", str(exported)])
    assert result.exit_code == 0
    again = runner.invoke(args=["import", str(exported)])
    assert "applications: 0 baru, 0 diperbarui, 3 tidak berubah" in again.output
