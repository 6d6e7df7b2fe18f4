"""Issue 18.1 on the command line: an agency is created, then its OPD list imported."""


from registry import models
from registry.extensions import db


def test_create_agency_from_the_command_line_then_import(runner, app, tmp_path):
    units = tmp_path / "opd.txt"
    units.write_text("DINKES;Dinas Kesehatan;Dinkes\nDinas Pendidikan\n", encoding="utf-8")
    result = runner.invoke(args=["create-agency", "--code", "KOTACONTOH", "--name",
                                 "Pemerintah Kota Contoh", "--kind", "kota", "--zone",
                                 "KotaContoh.go.id.", "--units", str(units)])
    assert result.exit_code == 0, result.output
    assert "2 OPD" in result.output
    again = runner.invoke(args=["create-agency", "--code", "kotacontoh", "--name", "X",
                                "--kind", "kota"])
    assert again.exit_code != 0
    assert "sudah dipakai" in again.output
    bad = runner.invoke(args=["create-agency", "--code", "K 2", "--name", "X", "--kind", "kota",
                              "--zone", "bukan zona"])
    assert bad.exit_code != 0
    assert "code" in bad.output
    sheet = tmp_path / "aplikasi.csv"
    sheet.write_text("Kode Aplikasi,Nama Aplikasi,Kode OPD,Jenis,Status\n"
                     "APP-1,Sistem Informasi Kesehatan,DINKES,khusus,aktif\n", encoding="utf-8")
    imported = runner.invoke(args=["import", str(sheet), "--agency", "KOTACONTOH",
                                   "--kind", "applications"])
    assert imported.exit_code == 0, imported.output
    assert db.session.scalar(db.select(models.Application.name)) == "Sistem Informasi Kesehatan"
