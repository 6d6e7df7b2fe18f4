"""Two app servers, one PostgreSQL, one Redis: what one server learns, the other knows.

Two gunicorn servers on different loopback ports serve one scratch database (``multi_<tag>`` on
the PostgreSQL server of REGISTRY_TEST_DATABASE_URL, dropped at the end) with one Redis
(REGISTRY_TEST_REDIS_URL, default database 13 of the Redis on 127.0.0.1:6379, flushed before and
after; no other test uses that number). The test signs in on one server and uses the session on
the other, fails sign-in on both and meets one throttle and one rate limit, and renders a
diagram on one and finds it cached on the other (``X-Diagram-Cache``), and posts an import on
one that becomes a job a separate worker process (``flask --app registry worker --burst``) runs
while the other shows its progress and then its report. The timings go to
test-artifacts/multiserver/report.json (and the job's to job.json beside it).

It runs once, from scripts/test (marker ``multiserver``). Without PostgreSQL, Redis or gunicorn
it is skipped, unless REGISTRY_MULTISERVER=1 says it is required (CI): then it fails.
"""

import importlib.util
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.multiserver

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PASSWORD = "spbe-demo-2026"  # the demo users'
REDIS_URL = os.environ.get("REGISTRY_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
ATTEMPTS = 3  # free failed sign-ins per e-mail on these servers
INHERITED = ("REGISTRY_DATABASE_URL", "REGISTRY_SECRET_KEY", "REGISTRY_REDIS_URL",
             "REGISTRY_RATELIMIT_STORAGE_URI", "REGISTRY_IMPORT_STAGING_DIR", "FLASK_DEBUG",
             "FLASK_APP")
IMPORTED = 3000  # applications the import job writes


class _Servers(list):
    """The servers' URLs, with the environment they run in (for a worker beside them)."""

    env: dict
    scratch: Path


def _load_script():
    """scripts/load.py, for its scratch database and free port (scripts/ is no package)."""
    spec = importlib.util.spec_from_file_location("registry_load_script",
                                                  ROOT / "scripts" / "load.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _missing():
    """Why the test cannot run here, or None."""
    database = os.environ.get("REGISTRY_TEST_DATABASE_URL", "")
    if not database.startswith(("postgresql", "postgres")):
        return "REGISTRY_TEST_DATABASE_URL names no PostgreSQL server"
    if not (BIN / "gunicorn").exists():
        return "gunicorn is not installed (pip install -e '.[serve]')"
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception as error:  # noqa: BLE001 -- any reason Redis cannot be used
        return f"no Redis at {REDIS_URL}: {error}"
    return None


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """Start two gunicorn servers on one scratch database and one Redis; return their URLs."""
    reason = _missing()
    if reason:
        if os.environ.get("REGISTRY_MULTISERVER") == "1":
            pytest.fail(f"{reason}; REGISTRY_MULTISERVER=1 requires the two-server test",
                        pytrace=False)
        pytest.skip(reason)
    import redis

    load = _load_script()
    scratch = tmp_path_factory.mktemp("multiserver")
    shared = redis.Redis.from_url(REDIS_URL)
    shared.flushdb()
    tag = secrets.token_hex(4)
    with load.ScratchPostgres(os.environ["REGISTRY_TEST_DATABASE_URL"],
                              f"multi_{tag}") as database:
        env = {key: value for key, value in os.environ.items() if key not in INHERITED}
        env.update(REGISTRY_DATABASE_URL=database.url, REGISTRY_SECRET_KEY=secrets.token_hex(32),
                   REGISTRY_REDIS_URL=REDIS_URL, REGISTRY_LOGIN_ATTEMPTS=str(ATTEMPTS),
                   REGISTRY_RATELIMIT_SIGN_IN="1000 per hour",
                   # the uploads waiting for a worker: a volume the servers and workers share
                   REGISTRY_IMPORT_STAGING_DIR=str(scratch / "staged"))
        for args in (("db", "upgrade"), ("demo", "--apps", "60")):
            run = subprocess.run([str(BIN / "flask"), "--app", "registry", *args], env=env,
                                 cwd=ROOT, capture_output=True, text=True, timeout=300)
            assert run.returncode == 0, f"flask {' '.join(args)}:\n{run.stdout}{run.stderr}"
        started = []
        try:
            for name in ("a", "b"):
                started.append(_serve(env, load.free_port(), scratch / name))
            urls = _Servers(url for url, _process in started)
            urls.env, urls.scratch = env, scratch
            yield urls
        finally:
            for _url, process in started:
                process.send_signal(signal.SIGTERM)
            for _url, process in started:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            shared.flushdb()
            shared.close()
    for name in ("a", "b"):
        log = (scratch / name / "server.log").read_text(errors="replace")
        assert "Traceback" not in log, f"server {name} logged a traceback:\n{log}"


def _serve(env, port, folder):
    """Start gunicorn (2 workers) on ``port``; return (url, process) once it listens."""
    folder.mkdir()
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--error-logfile", str(folder / "server.log"), "--capture-output",
         "registry:create_app()"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn stopped at start:\n{(folder / 'server.log').read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return f"http://127.0.0.1:{port}", process
        except OSError:
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"gunicorn did not listen on port {port} within 60 s")


def _csrf(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _sign_in(browser, url, email, password):
    """POST the sign-in form of ``url`` (its token read there); return the response."""
    form = browser.get(f"{url}/auth/login", timeout=30)
    return browser.post(f"{url}/auth/login", allow_redirects=False, timeout=30,
                        data={"csrf_token": _csrf(form.text), "email": email,
                              "password": password})


def test_a_session_opened_on_one_server_works_on_the_other(servers):
    import requests

    one, other = servers
    browser = requests.Session()
    signed_in = _sign_in(browser, one, "arsitek@demo.go.id", PASSWORD)
    assert signed_in.status_code == 302
    assert "/auth/login" not in signed_in.headers["Location"]
    page = browser.get(f"{other}/auth/account", allow_redirects=False, timeout=30)
    assert page.status_code == 200
    assert "arsitek@demo.go.id" in page.text
    # signing out on the other server ends the session on the first as well
    browser.post(f"{other}/auth/logout", data={"csrf_token": _csrf(page.text)}, timeout=30)
    after = browser.get(f"{one}/auth/account", allow_redirects=False, timeout=30)
    assert after.status_code == 302
    assert "/auth/login" in after.headers["Location"]


def test_failed_sign_ins_on_both_servers_meet_one_throttle_and_one_limit(servers):
    import requests

    remaining = []
    for turn in range(ATTEMPTS):
        url = servers[turn % 2]
        failed = _sign_in(requests.Session(), url, "viewer@demo.go.id", "salah-sekali")
        assert failed.status_code == 401, (url, failed.status_code)
        remaining.append(int(failed.headers["X-RateLimit-Remaining"]))
    # one rate-limit count on Redis: every try on either server used up one more
    assert remaining == list(range(remaining[0], remaining[0] - ATTEMPTS, -1))
    for url in servers:  # the delay now holds on both, even with the right password
        held = _sign_in(requests.Session(), url, "viewer@demo.go.id", PASSWORD)
        assert held.status_code == 429, url
        assert int(held.headers["Retry-After"]) > 0, url


def test_a_diagram_drawn_on_one_server_is_cached_on_the_other(servers):
    import requests

    one, other = servers
    browser = requests.Session()
    assert _sign_in(browser, one, "reviewer@demo.go.id", PASSWORD).status_code == 302
    path = "/integrations/diagram.svg?kind=landscape"
    timings = {}
    for name, url, expected in (("miss", one, "miss"), ("hit", other, "hit"),
                                ("hit again", one, "hit")):
        started = time.perf_counter()
        response = browser.get(url + path, timeout=120)
        timings[name] = round((time.perf_counter() - started) * 1000, 1)
        assert response.status_code == 200, (url, response.status_code)
        assert response.headers["X-Diagram-Cache"] == expected, (name, url)
        assert response.content.lstrip().startswith((b"<?xml", b"<svg"))
        if expected == "miss":
            drawn = response.content
        else:
            assert response.content == drawn
    artifacts = ROOT / "test-artifacts" / "multiserver"
    artifacts.mkdir(parents=True, exist_ok=True)
    (artifacts / "report.json").write_text(json.dumps(
        {"landscape_svg_ms": timings, "servers": 2, "workers_each": 2}, indent=2))


def test_an_import_on_one_server_is_a_job_a_worker_runs_while_the_other_shows_progress(servers):
    import requests

    one, other = servers
    browser = requests.Session()
    assert _sign_in(browser, one, "arsitek@demo.go.id", PASSWORD).status_code == 302
    form = browser.get(f"{one}/import", timeout=30)
    agency_id = re.search(r'<option value="(\d+)" selected', form.text).group(1)
    rows = "".join(f"MULTI-{n:05d};Aplikasi Uji Banyak Server {n};DINKES;aktif\n"
                   for n in range(1, IMPORTED + 1))
    body = ("Kode Aplikasi;Nama Aplikasi;Kode OPD;Status\n" + rows).encode()
    started = time.perf_counter()
    posted = browser.post(f"{one}/import", allow_redirects=False, timeout=30,
                          data={"csrf_token": _csrf(form.text), "agency_id": agency_id},
                          files={"file": ("aplikasi.csv", body, "text/csv")})
    answered_ms = round((time.perf_counter() - started) * 1000, 1)
    assert posted.status_code == 303, posted.text[:2000]
    job_path = posted.headers["Location"]
    assert re.fullmatch(r"(http://127\.0\.0\.1:\d+)?/jobs/\d+", job_path), job_path
    job_path = job_path[job_path.index("/jobs/"):]
    # the other server shows the job, waiting: no worker runs yet
    waiting = browser.get(other + job_path, timeout=30)
    assert waiting.status_code == 200
    assert "job-progress.js" in waiting.text
    assert 'aria-valuenow="0"' in waiting.text
    seen = [browser.get(other + job_path + ".json", timeout=30).json()]
    assert seen[0]["state"] == "queued"
    assert seen[0]["progress"]["percent"] == 0
    # a stranger to the job gets nothing from either server
    stranger = requests.Session()
    assert _sign_in(stranger, other, "admin@demo.go.id", PASSWORD).status_code == 302
    operator = requests.Session()
    assert _sign_in(operator, one, "operator@demo.go.id", PASSWORD).status_code == 302
    assert operator.get(other + job_path + ".json", timeout=30).status_code == 404
    assert stranger.get(one + job_path + ".json", timeout=30).status_code == 200  # an admin

    log_path = servers.scratch / "worker.log"
    with open(log_path, "wb") as log:
        worker = subprocess.Popen(
            [str(BIN / "flask"), "--app", "registry", "worker", "--burst"], env=servers.env,
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            while worker.poll() is None:
                seen.append(browser.get(other + job_path + ".json", timeout=30).json())
                time.sleep(0.1)
        finally:
            if worker.poll() is None:
                worker.kill()
            worker.wait(timeout=60)
    worker_log = log_path.read_text(errors="replace")
    assert worker.returncode == 0, worker_log
    assert "Traceback" not in worker_log, worker_log
    seen.append(browser.get(other + job_path + ".json", timeout=30).json())
    assert seen[-1]["state"] == "done", seen[-1]
    assert seen[-1]["progress"] == {"done": IMPORTED, "total": IMPORTED, "percent": 100,
                                    "step": "Selesai"}
    # the bar only advances: states in order, the percentage never going back
    order = ["queued", "running", "done"]
    states = [order.index(status["state"]) for status in seen]
    percents = [status["progress"]["percent"] for status in seen]
    assert states == sorted(states), seen
    assert percents == sorted(percents), seen
    result = browser.get(other + job_path, timeout=30)
    assert result.status_code == 200
    assert f"Impor selesai: {IMPORTED} baris dibaca dan disimpan." in result.text
    assert "job-progress.js" not in result.text
    artifacts = ROOT / "test-artifacts" / "multiserver"
    artifacts.mkdir(parents=True, exist_ok=True)
    (artifacts / "job.json").write_text(json.dumps(
        {"applications": IMPORTED, "post_answered_ms": answered_ms,
         "polls": [[s["state"], s["progress"]["percent"], s["progress"]["step"]] for s in seen]},
        indent=2))
