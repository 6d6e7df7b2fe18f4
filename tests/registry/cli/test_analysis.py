"""The integration analysis through the flask commands: blockers as JSON and the diagram."""

import json


def test_cli_blockers_json_and_diagram(runner, landscape, tmp_path):
    result = runner.invoke(args=["blockers", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["agency"] == "CONTOHPROV"
    assert len(report["blockers"]) == 3
    out = tmp_path / "landscape.dot"
    result = runner.invoke(args=["diagram", "--kind", "landscape", "--format", "dot",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert 'URL="/inventory/applications/' in out.read_text()
    missing = runner.invoke(args=["diagram", "--kind", "opd", "-o", str(out)])
    assert missing.exit_code == 1
    assert "target" in missing.output
