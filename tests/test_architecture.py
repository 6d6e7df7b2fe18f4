"""The layers keep to their rules: a pure core, and writes only through the services."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN_IN_CORE = {"flask", "flask_sqlalchemy", "flask_babel", "sqlalchemy", "marshmallow",
                     "registry"}


def _imported_roots(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0]


@pytest.mark.parametrize(
    "path", sorted((ROOT / "arch_models").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_core_module_imports_no_web_or_database_library(path):
    assert not set(_imported_roots(path)) & FORBIDDEN_IN_CORE


def test_reference_data_imports_only_the_standard_library_a_yaml_reader_and_itself():
    allowed_third_party = {"yaml"}
    for path in (ROOT / "arch_models" / "reference").rglob("*.py"):
        roots = set(_imported_roots(path)) - {"arch_models", "__future__"}
        import sys

        assert roots - set(sys.stdlib_module_names) <= allowed_third_party, path


BLUEPRINT_DIRS = ["inventory", "integrations", "architecture", "assessments", "requests", "domains",
                  "opd", "catalogue", "transfer", "home",
                  "auth", "admin",
                  "changes", "api"]


@pytest.mark.parametrize("area", BLUEPRINT_DIRS)
def test_routes_never_write_to_the_session_themselves(area):
    for path in (ROOT / "registry" / area).rglob("*.py"):
        text = path.read_text()
        assert "db.session.add" not in text, path
        assert "db.session.commit" not in text, path
