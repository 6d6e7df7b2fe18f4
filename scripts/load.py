"""The load test: gunicorn with several workers under a bounded, headless locust run.

Usage: .venv/bin/python scripts/load.py [--users 50] [--spawn-rate 10] [--duration 60]
       [--workers 3] [--database URL] [--out FILE.md] [--json FILE] [--artifacts DIR]

It builds a scratch database: by default a SQLite file in a temporary folder; with --database
postgresql+psycopg://USER@HOST:PORT/NAME, a new database ``load_<tag>`` on that server (NAME is
only where to connect from), dropped at the end. It runs ``flask db upgrade`` and ``flask demo``
there, creates API tokens for the demo's architect, OPD operator and reviewer, serves the app with
gunicorn on a free loopback port and drives it with locust (tests/load/locustfile.py: pages,
search, the graph JSON, the scorecards, the public catalogue, API reads, and API writes of
applications and sub-domain requests, each simulated user writing only its own records).

Prints the total of requests, the failures, the throughput, p50/p95/p99 overall and per request
kind, and the peak resident memory of the gunicorn workers; --out writes that as Markdown,
--json as JSON, and --artifacts keeps locust's CSV and HTML reports and the server's logs.
Exits 1 when a request failed, a simulated user raised, the server answered a 5xx or logged a
traceback, or nothing was served.
"""

import argparse
import csv
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # registry.config, when the project is not installed
BIN = Path(sys.executable).parent
LOCUSTFILE = ROOT / "tests" / "load" / "locustfile.py"
#: the demo users the run needs a token of: locustfile variable -> e-mail
TOKEN_USERS = {"LOAD_TOKEN_ARCHITECT": "arsitek@demo.go.id",
               "LOAD_TOKEN_OPERATOR": "operator@demo.go.id",
               "LOAD_TOKEN_REVIEWER": "reviewer@demo.go.id"}
#: settings of the developer's shell that must not leak into the scratch server
INHERITED_SETTINGS = ("REGISTRY_DATABASE_URL", "REGISTRY_SECRET_KEY", "FLASK_DEBUG", "FLASK_APP")
#: the access log line gunicorn writes: method, path, status, milliseconds
ACCESS_FORMAT = "%(m)s %(U)s %(s)s %(M)s"


def seconds(text):
    """Parse a duration: 60, 60s, 2m or 1h."""
    units = {"s": 1, "m": 60, "h": 3600}
    text = str(text).strip().lower()
    factor = units.get(text[-1:])
    value = int(text[:-1] if factor else text)
    if value <= 0:
        raise argparse.ArgumentTypeError("a duration must be positive")
    return value * (factor or 1)


def free_port():
    """Return a loopback TCP port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ScratchPostgres:
    """A database of its own on the server of ``url``, created on entry and dropped on exit."""

    def __init__(self, url, name):
        from sqlalchemy.engine import make_url

        from registry.config import normalise_database_url

        self.server = make_url(normalise_database_url(url))
        self.name = name
        self.url = self.server.set(database=name).render_as_string(hide_password=False)

    def _admin(self):
        from sqlalchemy import create_engine

        return create_engine(self.server.set(database="postgres"), isolation_level="AUTOCOMMIT")

    def __enter__(self):
        engine = self._admin()
        with engine.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{self.name}"')
        engine.dispose()
        return self

    def __exit__(self, *exc):
        from sqlalchemy import text

        engine = self._admin()
        with engine.connect() as conn:
            # A worker killed mid-request may leave a session open; it must not keep the drop.
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": self.name})
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{self.name}"')
        engine.dispose()


def flask(env, *args):
    """Run ``flask --app registry ARGS``; return its output, or stop with its error."""
    result = subprocess.run([str(BIN / "flask"), "--app", "registry", *args], env=env, cwd=ROOT,
                            capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"flask {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def create_tokens(env):
    """Create the API tokens the simulated users send; return them as environment variables."""
    runs = {name: subprocess.Popen(
        [str(BIN / "flask"), "--app", "registry", "create-token", "--email", email,
         "--name", "load"], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True) for name, email in TOKEN_USERS.items()}
    tokens = {}
    for name, run in runs.items():
        out, err = run.communicate()
        if run.returncode:
            sys.exit(f"flask create-token for {TOKEN_USERS[name]} failed:\n{out}{err}")
        tokens[name] = out.strip().splitlines()[-1]
    return tokens


def serve(env, workers, port, scratch):
    """Start gunicorn on the loopback port; return the process once it listens."""
    command = [str(BIN / "gunicorn"), "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
               "--access-logfile", str(scratch / "access.log"),
               "--access-logformat", ACCESS_FORMAT,
               "--error-logfile", str(scratch / "server.log"), "--capture-output",
               "registry:create_app()"]
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped at start:\n{(scratch / 'server.log').read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit(f"gunicorn did not listen on port {port} within 60 s")


def stop(server):
    server.send_signal(signal.SIGTERM)  # gunicorn's graceful stop: finish requests in flight
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def worker_peak_rss(master_pid):
    """Return the peak resident memory (MiB) of each gunicorn worker, from /proc (Linux)."""
    peaks = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines()
                          if ":" in line)
        except OSError:
            continue  # the process ended meanwhile
        if fields.get("PPid", "").strip() == str(master_pid) and "VmHWM" in fields:
            peaks.append(int(fields["VmHWM"].split()[0]) / 1024)
    return sorted(peaks)


def run_locust(host, env, users, spawn_rate, duration, scratch):
    """Run locust headless; return its exit code (its CSV reports are in ``scratch``)."""
    command = [str(BIN / "locust"), "-f", str(LOCUSTFILE), "--headless", "--host", host,
               "--users", str(users), "--spawn-rate", str(spawn_rate),
               "--run-time", f"{duration}s", "--stop-timeout", "10", "--only-summary",
               "--csv", str(scratch / "locust"), "--html", str(scratch / "locust.html"),
               "--logfile", str(scratch / "locust.log")]
    with (scratch / "locust.out").open("w", encoding="utf-8") as out:
        run = subprocess.run(command, env=env, cwd=scratch, stdout=out,
                             stderr=subprocess.STDOUT, timeout=duration + 300)
    return run.returncode


def read_stats(scratch):
    """Return locust's rows per request kind and its aggregated row, as dicts."""
    path = scratch / "locust_stats.csv"
    if not path.exists():
        return [], None
    rows = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows.append({
                "method": row["Type"], "name": row["Name"],
                "requests": int(row["Request Count"]), "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "p50": _ms(row["50%"]), "p95": _ms(row["95%"]), "p99": _ms(row["99%"]),
                "max": _ms(row["Max Response Time"]),
            })
    total = next((row for row in rows if row["name"] == "Aggregated"), None)
    return [row for row in rows if row is not total], total


def _ms(value):
    return float(value) if value not in ("", "N/A") else 0.0


def read_problems(scratch):
    """Return locust's failures and exceptions and the server's 5xx answers and tracebacks."""
    failures, exceptions = [], []
    if (scratch / "locust_failures.csv").exists():
        with (scratch / "locust_failures.csv").open(newline="", encoding="utf-8") as handle:
            failures = [f"{row['Occurrences']} × {row['Method']} {row['Name']}: {row['Error']}"
                        for row in csv.DictReader(handle)]
    if (scratch / "locust_exceptions.csv").exists():
        with (scratch / "locust_exceptions.csv").open(newline="", encoding="utf-8") as handle:
            exceptions = [f"{row['Count']} × {row['Message']}\n{row['Traceback']}"
                          for row in csv.DictReader(handle)]
    server_errors = [line for line in _lines(scratch / "access.log")
                     if len(line.split()) >= 3 and line.split()[2].startswith("5")]
    return failures, exceptions, server_errors, tracebacks(_lines(scratch / "server.log"))


def status_counts(scratch):
    """Return how often the server answered each HTTP status, from its access log."""
    counts = {}
    for line in _lines(scratch / "access.log"):
        parts = line.split()
        if len(parts) >= 3:
            counts[parts[2]] = counts.get(parts[2], 0) + 1
    return dict(sorted(counts.items()))


def _lines(path):
    if not path.exists():
        return []
    return path.read_text(encoding="utf-8", errors="replace").splitlines()


def tracebacks(lines):
    """Return each traceback of a log, with the line before it (which says what failed)."""
    found, current = [], None
    for number, line in enumerate(lines):
        if line.startswith("Traceback"):
            current = [lines[number - 1]] if number else []
        if current is not None:
            current.append(line)
            if line and not line.startswith((" ", "Traceback")) and len(current) > 2:
                found.append("\n".join(current))
                current = None
    return found


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def summary(result):
    """Return the run's summary as Markdown (it reads well as plain text too)."""
    total = result["total"] or {"requests": 0, "failures": 0, "rps": 0, "p50": 0, "p95": 0,
                                "p99": 0}
    rss = result["worker_peak_rss_mib"]
    reads = sum(row["requests"] for row in result["kinds"] if row["method"] == "GET")
    writes = sum(row["requests"] for row in result["kinds"] if row["method"] != "GET")
    lines = [
        f"## Load · {result['database']} · {result['date']}", "",
        f"gunicorn, {result['workers']} sync workers on 127.0.0.1; locust headless, "
        f"{result['users']} users (spawn rate {result['spawn_rate']}/s) for "
        f"{result['duration']} s; demo data. Machine: {result['machine']}.", "",
        f"- requests: {total['requests']}, failures: {total['failures']}, exceptions in "
        f"simulated users: {len(result['exceptions'])}, server 5xx: "
        f"{len(result['server_errors'])}, server tracebacks: {len(result['tracebacks'])}",
        f"- mix: {reads} reads, {writes} writes ({writes / max(1, reads + writes):.0%}; "
        "sign-ins and sign-outs count as writes)",
        f"- throughput: {total['rps']:.1f} req/s; the server answered "
        + (", ".join(f"{status} × {n}" for status, n in result["statuses"].items()) or "nothing"),
        f"- response time: p50 {total['p50']:.0f} ms, p95 {total['p95']:.0f} ms, "
        f"p99 {total['p99']:.0f} ms",
        "- peak resident memory of the workers: "
        + (", ".join(f"{mib:.0f}" for mib in rss) + " MiB" if rss else "not measured"),
        f"- run time, setup included: {result['wall_seconds']:.0f} s; machine load (1-minute "
        f"average) before the run {result['load_before']:.1f}, at its end "
        f"{result['load_after']:.1f}", "",
        "| request kind | requests | failures | req/s | p50 ms | p95 ms | p99 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in sorted(result["kinds"], key=lambda row: -row["requests"]):
        lines.append(f"| {row['method']} {row['name']} | {row['requests']} | {row['failures']} "
                     f"| {row['rps']:.1f} | {row['p50']:.0f} | {row['p95']:.0f} | "
                     f"{row['p99']:.0f} | {row['max']:.0f} |")
    lines.append(f"| **all** | {total['requests']} | {total['failures']} | {total['rps']:.1f} "
                 f"| {total['p50']:.0f} | {total['p95']:.0f} | {total['p99']:.0f} | |")
    for title, items in (("Failed requests", result["failures"]),
                         ("Exceptions in simulated users", result["exceptions"]),
                         ("Server 5xx (access log)", result["server_errors"][:20]),
                         ("Server tracebacks", result["tracebacks"][:10])):
        if items:
            lines += ["", f"### {title}", "", "```", *items, "```"]
    lines += ["", f"Verdict: {'pass' if result['ok'] else 'FAIL'}."]
    return "\n".join(lines)


def run(args, url, scratch, tag):
    """Prepare the database, serve it, load it; return the figures and the problems seen."""
    env = {key: value for key, value in os.environ.items() if key not in INHERITED_SETTINGS}
    env |= {"REGISTRY_DATABASE_URL": url, "REGISTRY_SECRET_KEY": f"load-{tag}",
            # the simulated users are many people but one address: per-address limits would
            # measure the limiter, not the registry
            "REGISTRY_RATELIMIT_SIGN_IN": "100000 per minute",
            "REGISTRY_RATELIMIT_CATALOGUE": "100000 per minute"}
    print(f"==> scratch database: {url.split('://')[0]}, demo data", flush=True)
    flask(env, "db", "upgrade")
    flask(env, "demo")
    tokens = create_tokens(env)
    port = free_port()
    print(f"==> gunicorn, {args.workers} workers, on 127.0.0.1:{port}", flush=True)
    server = serve(env, args.workers, port, scratch)
    try:
        print(f"==> locust: {args.users} users for {args.duration} s", flush=True)
        locust_env = env | tokens | {"LOAD_RUN": tag}
        # Other work on the machine slows the server down: the report says how busy it was.
        load_before = os.getloadavg()[0]
        code = run_locust(f"http://127.0.0.1:{port}", locust_env, args.users, args.spawn_rate,
                          args.duration, scratch)
        rss = worker_peak_rss(server.pid)
        load_after = os.getloadavg()[0]
    finally:
        stop(server)
    kinds, total = read_stats(scratch)
    failures, exceptions, server_errors, found_tracebacks = read_problems(scratch)
    if total is None or (code and not failures):
        # locust stopped for another reason than failed requests (a crash, a bad locustfile)
        exceptions.append(f"locust exited with {code}:\n"
                          + "\n".join(_lines(scratch / "locust.out")[-30:]))
    ok = bool(total and total["requests"] and not total["failures"] and not failures
              and not exceptions and not server_errors and not found_tracebacks)
    return {"database": url.split("://")[0].split("+")[0], "date": time.strftime("%Y-%m-%d %H:%M"),
            "machine": machine(), "users": args.users, "spawn_rate": args.spawn_rate,
            "duration": args.duration, "workers": args.workers, "total": total, "kinds": kinds,
            "failures": failures, "exceptions": exceptions, "server_errors": server_errors,
            "tracebacks": found_tracebacks, "statuses": status_counts(scratch),
            "worker_peak_rss_mib": rss, "load_before": load_before, "load_after": load_after,
            "locust_exit": code, "ok": ok}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--duration", type=seconds, default=60, help="e.g. 60, 60s, 2m")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--database", default=None,
                        help="a PostgreSQL URL to make a scratch database on (default: SQLite)")
    parser.add_argument("--out", default=None, help="write the summary as Markdown here")
    parser.add_argument("--json", default=None, help="write the figures as JSON here")
    parser.add_argument("--artifacts", default=None,
                        help="keep locust's reports and the server's logs in this folder")
    args = parser.parse_args()
    for tool in ("gunicorn", "locust"):
        if not (BIN / tool).exists():
            sys.exit(f"{tool} is missing: .venv/bin/pip install -e '.[serve,load]'")

    started = time.monotonic()
    tag = secrets.token_hex(3)
    with tempfile.TemporaryDirectory(prefix="registry-load-") as folder:
        scratch = Path(folder)
        if args.database:
            with ScratchPostgres(args.database, f"load_{tag}") as database:
                result = run(args, database.url, scratch, tag)
        else:
            result = run(args, f"sqlite:///{scratch / 'registry.sqlite'}", scratch, tag)
        result["wall_seconds"] = time.monotonic() - started
        text = summary(result)
        if args.artifacts:
            keep = Path(args.artifacts)
            keep.mkdir(parents=True, exist_ok=True)
            for name in ("locust_stats.csv", "locust_failures.csv", "locust_exceptions.csv",
                         "locust.html", "locust.log", "locust.out", "access.log", "server.log"):
                if (scratch / name).exists():
                    shutil.copy(scratch / name, keep / name)
    print(text, flush=True)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
