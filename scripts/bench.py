"""The national-scale benchmark: pages against their SQL floor, then the other benchmarks.

Usage: .venv/bin/python scripts/bench.py [--runs N] [--database URL] [--out docs/benchmarks.md]

On the national-scale demo set (600 agencies, 30,000 applications, 100,000 links; built once
into the database when it is empty) it times, in process and after a warm-up:

- pages and API reads through the real app (routing, auth, services, templates): the filtered
  application list, a search, an application's page, one agency's graph JSON, the blockers
  page of one agency, the OPD scorecard of one agency and the public catalogue. Each one's floor
  is the very SQL the page ran, captured and replayed on a bare connection, so the ratio is
  the cost of everything that is not the database;
- then runs the focused benchmarks (scripts/bench_integration.py: the blockers analysis vs
  bare networkx and the province diagram vs bare dot; bench_scoring.py; bench_opd.py;
  bench_transfer.py: import and export) on the same database and keeps their output.

Prints a table and writes it, with the machine and the date, to --out (Markdown).
"""

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchkit import p95, samples  # noqa: E402  (scripts/ is on the path when run)

PAGE_GOAL_MS, RATIO_GOAL, WORKER_GOAL_MIB = 50, 3, 300


def capture_sql(engine, fn):
    """Run ``fn`` and return the SQL statements it sent, with their parameters."""
    from sqlalchemy import event

    seen = []

    def before(conn, cursor, statement, parameters, context, executemany):
        if not executemany:
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", before)
    try:
        fn()
    finally:
        event.remove(engine, "before_cursor_execute", before)
    return seen


def replay(engine, statements):
    """Run the captured statements on a bare DBAPI cursor and fetch every row."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        for statement, parameters in statements:
            cursor.execute(statement, parameters)
            if cursor.description is not None:
                cursor.fetchall()
        cursor.close()
    finally:
        raw.close()


def scratch_database(url, name):
    """Return the URL of database ``name`` on the same PostgreSQL server, created if missing."""
    from sqlalchemy import create_engine, text

    server = url.rsplit("/", 1)[0]
    engine = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return f"{server}/{name}"


def machine():
    """Describe the machine: CPU, cores, memory, system and Python."""
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) // 1024 // 1024 for line in
                   Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    return (f"{cpu}, {os.cpu_count()} cores, {memory} GiB, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


def pages(runs):
    """Time each page and its SQL floor; return the rows of the table."""
    from flask_migrate import upgrade
    from sqlalchemy import func, select

    from registry import create_app, models
    from registry.extensions import db
    from registry.services import demo, users

    app = create_app()
    rows = []
    with app.app_context():
        upgrade()
        if demo.database_is_empty():
            print("building the national-scale demo set …", flush=True)
            demo.load_demo(agencies=600, apps=30000, links=100000, with_users=False)
        dialect = db.engine.dialect.name
        user = db.session.scalar(select(models.User).where(
            models.User.email == "bench@bench.go.id"))
        if user is None:
            user = users.create_user({"email": "bench@bench.go.id", "name": "Bench",
                                      "role": models.Role.ARCHITECT,
                                      "password": "bench-password-1"}, actor=None)
        agency_id = db.session.scalar(select(models.Agency.id).order_by(models.Agency.id))
        app_id = db.session.scalar(select(models.Application.id)
                                   .where(models.Application.agency_id == agency_id)
                                   .order_by(models.Application.id))
        n_apps = db.session.scalar(select(func.count()).select_from(models.Application))
        session_id = user.get_id()  # "<id>.<session generation>"
        db.session.remove()
        targets = [
            ("application list, filtered", f"/inventory/applications?agency={agency_id}"
                                           "&lifecycle=production&kind=khusus"),
            ("search (national)", "/inventory/applications?q=kepegawaian"),
            ("an application's page", f"/inventory/applications/{app_id}"),
            ("graph JSON of one agency", f"/api/v1/graph?agency={agency_id}"),
            ("OPD scorecard of one agency", f"/opd-scorecard?agency={agency_id}"),
            ("public catalogue", "/katalog"),
        ]
        engine = db.engine
    # Requests run outside the setup's app context, each in its own, as in production.
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = session_id
        session["_fresh"] = True
    for name, path in targets:
        def get(path=path):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        get()
        statements = capture_sql(engine, get)
        page = samples(get, runs)
        floor = samples(lambda statements=statements: replay(engine, statements), runs)
        tracemalloc.start()
        get()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        rows.append((name, statistics.median(page), p95(page), statistics.median(floor),
                     len(statements), peak))
        print(f"{name:<30} median {statistics.median(page) * 1000:7.1f} ms  p95 "
              f"{p95(page) * 1000:7.1f} ms  floor {statistics.median(floor) * 1000:7.1f} ms "
              f"({len(statements)} statements)  ratio "
              f"{statistics.median(page) / statistics.median(floor):5.2f}x  "
              f"peak {peak:5.1f} MiB", flush=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return dialect, n_apps, rows, rss


def focused(env):
    """Run the focused benchmarks on the same database; return their output."""
    outputs = []
    for script, args in (("bench_integration.py", ["--runs", "5"]),
                         ("bench_scoring.py", ["--runs", "5"]),
                         ("bench_opd.py", ["--runs", "5"]),
                         ("bench_transfer.py", ["--runs", "3"])):
        print(f"==> {script}", flush=True)
        run = subprocess.run([sys.executable, str(ROOT / "scripts" / script), *args], env=env,
                             capture_output=True, text=True, cwd=ROOT)
        text = "\n".join(line for line in run.stdout.splitlines()
                         if not line.startswith("INFO") and "alembic" not in line)
        print(text, flush=True)
        outputs.append((script, run.returncode, text))
    return outputs


def markdown(dialect, n_apps, rows, rss, outputs):
    """Return the results as a Markdown section."""
    lines = [f"## {dialect} · {time.strftime('%Y-%m-%d')}", "",
             f"Machine: {machine()}. Data: the national-scale demo set ({n_apps} applications, "
             "600 agencies, 100,000 links).", "",
             "| page / read | median | p95 | SQL floor | ratio | statements | peak Python memory |"
             " goal (< 50 ms, ≤ 3×) |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for name, median, high, floor, statements, peak in rows:
        ratio = median / floor if floor else float("inf")
        met = "met" if median * 1000 < PAGE_GOAL_MS and ratio <= RATIO_GOAL else "not met"
        lines.append(f"| {name} | {median * 1000:.1f} ms | {high * 1000:.1f} ms | "
                     f"{floor * 1000:.1f} ms | {ratio:.2f}× | {statements} | {peak:.1f} MiB | "
                     f"{met} |")
    verdict = "met" if rss < WORKER_GOAL_MIB else "not met"
    lines += ["", f"Peak resident memory of the process serving these pages: {rss:.0f} MiB "
              f"(goal: a worker under {WORKER_GOAL_MIB} MB: {verdict}).", ""]
    for script, code, text in outputs:
        lines += [f"### {script}" + ("" if code == 0 else f" (exit {code})"), "", "```",
                  text.strip(), "```", ""]
    return "\n".join(lines)


def main():
    """Time the pages, print the table and append it to ``--out``."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--database", default=None,
                        help="default: instance/bench-national.sqlite")
    parser.add_argument("--out", default=None, help="Markdown file to append the results to")
    parser.add_argument("--pages-only", action="store_true")
    args = parser.parse_args()
    url = args.database or f"sqlite:///{ROOT / 'instance' / 'bench-national.sqlite'}"
    (ROOT / "instance").mkdir(exist_ok=True)
    os.environ["REGISTRY_DATABASE_URL"] = url
    print(f"{time.strftime('%Y-%m-%d %H:%M')} · {machine()}", flush=True)
    dialect, n_apps, rows, rss = pages(args.runs)
    print(f"peak resident memory: {rss:.0f} MiB", flush=True)
    env = os.environ | {"REGISTRY_DATABASE_URL": url}
    env.pop("BENCH_DATABASE_URL", None)
    if url.startswith("postgres"):
        # the import benchmark empties its database: never the national one
        env["BENCH_DATABASE_URL"] = scratch_database(url, "bench_transfer")
    outputs = [] if args.pages_only else focused(env)
    if args.out:
        with open(args.out, "a", encoding="utf-8") as handle:
            handle.write(markdown(dialect, n_apps, rows, rss, outputs) + "\n")
        print(f"written to {args.out}")


if __name__ == "__main__":
    main()
