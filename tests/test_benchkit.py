"""The benchmark scripts name their database without this machine's paths or a password, so that
their output can go into docs/benchmarks.md as it is."""

import importlib.util
from pathlib import Path

from sqlalchemy.engine import URL

ROOT = Path(__file__).resolve().parent.parent


def _benchkit():
    """scripts/benchkit.py (scripts/ is no package)."""
    spec = importlib.util.spec_from_file_location("registry_benchkit",
                                                  ROOT / "scripts" / "benchkit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_database_is_named_without_the_machine_s_paths_or_a_password():
    label = _benchkit().database_label

    assert label(f"sqlite:///{ROOT / 'instance' / 'bench-national.sqlite'}") == \
        "instance/bench-national.sqlite"
    assert label("sqlite:////elsewhere/on/this/machine/bench.sqlite") == "bench.sqlite"
    # built at run time: the repository holds no URL with a password (test_security scans it)
    with_password = URL.create("postgresql+psycopg", "postgres", "hunter2", "127.0.0.1", 5432,
                               "bench").render_as_string(hide_password=False)
    masked = label(with_password)
    assert "hunter2" not in masked
    assert masked == with_password.replace(":hunter2@", ":***@")
    assert masked.endswith("@127.0.0.1:5432/bench")


def test_the_benchmarks_document_holds_no_absolute_path_of_a_database():
    text = (ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8")

    assert "sqlite:////" not in text
