"""Benchmark the pages that draw or list a whole agency, on 100,000 applications in one agency.

Usage: .venv/bin/python scripts/bench_bounded.py [--runs N] [--apps N] [--only NAME,NAME]

REGISTRY_DATABASE_URL (default: instance/bench-agency-100k.sqlite) is filled, when empty, with
one demo province of ``--apps`` applications (default 100,000; 1.4 links each, its domains,
reviews and records). Each page is then requested through the real app (routing, auth,
services, templates), signed in as an architect, after a warm-up; the script prints the median
and p95 time and the size of the HTML sent. Issue 17, finding 14: every page does work bounded
by what it shows, so none of these should grow with the agency.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchkit import database_label, p95, samples  # noqa: E402  (scripts/ is on the path when run)


def prepare(app, apps):
    """Fill an empty database with one large province; return the ids the pages need."""
    from flask_migrate import upgrade
    from sqlalchemy import func, select, union_all

    from registry import models
    from registry.extensions import db
    from registry.services import demo, users

    with app.app_context():
        upgrade()
        if demo.database_is_empty():
            print(f"building one province of {apps} applications …", flush=True)
            demo.load_demo(agencies=1, apps=apps, with_users=False)
        user = db.session.scalar(select(models.User).where(
            models.User.email == "bench@bench.go.id"))
        if user is None:
            user = users.create_user({"email": "bench@bench.go.id", "name": "Bench",
                                      "role": models.Role.ARCHITECT,
                                      "password": "bench-password-1"}, actor=None)
        app_row = models.Application
        largest = db.session.execute(
            select(app_row.owner_unit_id, func.count()).group_by(app_row.owner_unit_id)
            .order_by(func.count().desc()).limit(1)).first()
        link = models.IntegrationLink
        ends = union_all(select(link.provider_id.label("app_id")),
                         select(link.consumer_id.label("app_id"))).subquery()
        hub = db.session.execute(select(ends.c.app_id, func.count()).group_by(ends.c.app_id)
                                 .order_by(func.count().desc()).limit(1)).first()
        n_apps = db.session.scalar(select(func.count()).select_from(app_row))
        n_links = db.session.scalar(select(func.count()).select_from(models.IntegrationLink))
        print(f"{database_label(db.engine.url)}: {n_apps} applications, {n_links} links;"
              f" the largest OPD (#{largest[0]}) owns {largest[1]}; the busiest application"
              f" (#{hub[0]}) has {hub[1]} links", flush=True)
        # the id Flask-Login keeps in the session (it may carry the user's session generation)
        ids = {"session": user.get_id(), "unit": largest[0], "hub": hub[0]}
        db.session.remove()
    return ids


def targets(ids):
    """Return (name, path) of every page measured."""
    unit = ids["unit"]
    return [
        ("graph", "/integrations/graph"),
        ("graph-opd", f"/integrations/graph?unit={unit}"),
        ("desk", f"/units/{unit}/desk"),
        ("blockers", "/integrations/blockers"),
        ("blockers-opd", f"/integrations/blockers?unit={unit}"),
        ("opd-scorecard", "/opd-scorecard"),
        ("completeness", "/architecture/completeness"),
        ("domains", "/domains"),
        ("catalogue", "/katalog"),
        ("changes", "/changes/"),
        ("assessments", "/assessments"),
        ("application", f"/inventory/applications/{ids['hub']}?depth=2"),
    ]


def main():
    """Time the bounded pages on one large agency."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--apps", type=int, default=100_000)
    parser.add_argument("--only", default="", help="comma-separated page names (default: all)")
    args = parser.parse_args()
    (ROOT / "instance").mkdir(exist_ok=True)
    os.environ.setdefault("REGISTRY_DATABASE_URL",
                          f"sqlite:///{ROOT / 'instance' / 'bench-agency-100k.sqlite'}")

    from registry import create_app

    app = create_app()
    ids = prepare(app, args.apps)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = ids["session"]
        session["_fresh"] = True
    wanted = {n for n in args.only.split(",") if n}
    print(f"{time.strftime('%Y-%m-%d %H:%M')} · {os.cpu_count()} cores · Python"
          f" {sys.version.split()[0]} · {args.runs} runs after a warm-up", flush=True)
    for name, path in targets(ids):
        if wanted and name not in wanted:
            continue
        sizes = []

        def get(path=path, sizes=sizes):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            sizes.append(len(response.data))

        times = samples(get, args.runs)
        print(f"{name:<14} {path:<40} median {statistics.median(times):8.3f} s  "
              f"p95 {p95(times):8.3f} s  HTML {sizes[-1] / 1024:9.1f} KiB", flush=True)


if __name__ == "__main__":
    main()
