"""The load run: gunicorn with several workers, 50 locust users for 60 s, not one error.

It runs ``scripts/load.py`` as a subprocess on a scratch database of the server in
REGISTRY_TEST_DATABASE_URL when it is set (PostgreSQL, the production database, in CI), else on a
scratch SQLite file: once, to keep CI within its time (``scripts/load.py`` runs the other by
hand). The report and locust's files land in test-artifacts/load/<database>/. Without locust or
gunicorn the test is skipped, unless REGISTRY_LOAD=1 says the run is required (CI): then it
fails.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.load

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
USERS, SECONDS = 50, 60  # the numbers
#: a floor far below what one worker serves: it catches a run that mostly waited or failed
MIN_REQUESTS_PER_SECOND = 5
EXTERNAL_DB = os.environ.get("REGISTRY_TEST_DATABASE_URL")


def test_fifty_users_for_a_minute_see_no_error(tmp_path):
    database = EXTERNAL_DB  # None: a scratch SQLite file
    missing = [tool for tool in ("locust", "gunicorn") if not (BIN / tool).exists()]
    if missing:
        message = f"{' and '.join(missing)} not installed (pip install -e '.[load]')"
        if os.environ.get("REGISTRY_LOAD") == "1":
            pytest.fail(message)
        pytest.skip(message)
    dialect = database.split("://")[0].split("+")[0] if database else "sqlite"
    artifacts = ROOT / "test-artifacts" / "load" / dialect
    artifacts.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, str(ROOT / "scripts" / "load.py"), "--users", str(USERS),
               "--duration", str(SECONDS), "--out", str(artifacts / "report.md"),
               "--json", str(tmp_path / "result.json"), "--artifacts", str(artifacts)]
    if database:
        command += ["--database", database]

    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                         timeout=SECONDS + 540)

    if not (tmp_path / "result.json").exists():
        pytest.fail(f"scripts/load.py stopped (exit {run.returncode}):\n"
                    f"{run.stdout}{run.stderr}", pytrace=False)
    result = json.loads((tmp_path / "result.json").read_text())
    if not result["ok"]:
        pytest.fail(f"the load run saw errors (see test-artifacts/load/{dialect}/):\n"
                    f"{run.stdout}", pytrace=False)
    assert result["total"]["failures"] == 0
    assert not (result["exceptions"])
    assert not (result["server_errors"])
    assert not (result["tracebacks"])
    assert result["total"]["requests"] >= MIN_REQUESTS_PER_SECOND * SECONDS, run.stdout
