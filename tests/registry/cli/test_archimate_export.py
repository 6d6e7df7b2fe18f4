"""The ArchiMate export command writes a file valid against the Open Group schema."""

from registry.services.archimate import export_archimate
from tests.archimate_schema import needs_dot


@needs_dot
def test_export_archimate_command_writes_the_file(runner, demo_data, tmp_path):
    target = tmp_path / "model.xml"
    result = runner.invoke(args=["export", "archimate", str(target), "--agency", demo_data.code])
    assert result.exit_code == 0, result.output
    assert f"{target}: " in result.output
    assert target.read_bytes() == export_archimate()  # the validated export, byte for byte
    unknown = runner.invoke(args=["export", "archimate", str(target), "--agency", "NOPE"])
    assert unknown.exit_code == 1
    assert "Instansi tidak ditemukan" in unknown.output
