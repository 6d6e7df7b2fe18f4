"""Benchmark the integration analysis against its floors, on the national-scale set.

Usage: .venv/bin/python scripts/bench_integration.py [--runs N]

- National: REGISTRY_DATABASE_URL (default: instance/bench-national.sqlite), filled with the
  national-scale demo set (600 agencies, 30,000 applications, 100,000 links) when empty. Times the
  whole blockers analysis (rows -> snapshots -> rules -> summary) and its floor, building the
  bare networkx graph from the same link rows.
- Province: the demo province (300 applications) in instance/bench-province.sqlite. Times the
  landscape diagram render and its floor, bare `dot` on the same DOT, and the cached render.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchkit import database_label  # noqa: E402  (scripts/ is on the path when run)


def timed(fn, runs):
    """Return the median seconds of ``fn`` over ``runs`` runs, after one warm-up."""
    fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def national(runs):
    """Time the national blockers analysis against building the bare graph."""
    import networkx as nx
    from flask_migrate import upgrade
    from sqlalchemy import select

    from registry import create_app, models
    from registry.extensions import db
    from registry.services import analysis, demo

    app = create_app()
    with app.app_context():
        upgrade()
        if demo.database_is_empty():
            print("building the national-scale demo set …", flush=True)
            demo.load_demo(agencies=600, apps=30000, links=100000, with_users=False)
        n_apps = db.session.query(models.Application).count()
        n_links = db.session.query(models.IntegrationLink).count()
        print(f"database: {database_label(db.engine.url)} ({n_apps} applications,"
              f" {n_links} links)")

        def whole_analysis():
            return analysis.blocker_report(None, as_of=date(2026, 11, 1))

        def bare_graph():
            link = models.IntegrationLink
            graph = nx.DiGraph()
            graph.add_edges_from(db.session.execute(select(link.provider_id, link.consumer_id)))
            return graph

        median = timed(whole_analysis, runs)
        floor = timed(bare_graph, runs)
        tracemalloc.start()  # a separate run: tracing slows every allocation down
        count = len(whole_analysis().blockers)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"blockers analysis, national ({count} blockers): median {median:.3f} s,"
              f" peak {peak / 2**20:.0f} MiB  [goal < 1 s]")
        print(f"  floor, bare networkx graph from the same rows: median {floor:.3f} s;"
              f" ratio {median / floor:.2f}x  [goal <= 3x]")


def province(runs):
    """Time the province landscape render against bare dot, and the cache."""
    from flask_migrate import upgrade

    from arch_models import diagrams
    from registry import create_app, models
    from registry.extensions import db
    from registry.integrations.routes import diagram_urls
    from registry.services import analysis, demo

    url = f"sqlite:///{ROOT / 'instance' / 'bench-province.sqlite'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        if demo.database_is_empty():
            demo.load_demo(with_users=False)
        agency = analysis.resolve_agency()
        n_apps = db.session.query(models.Application).filter_by(agency_id=agency.id).count()
        with app.test_request_context():
            dot = analysis.build_diagram(agency, "landscape", max_nodes=10**6, **diagram_urls())
        source = dot.source.encode()
        median = timed(lambda: diagrams.render(dot, "svg"), runs)
        floor = timed(lambda: subprocess.run(["dot", "-Tsvg"], input=source,
                                             capture_output=True, check=True), runs)
        analysis.render_diagram(dot, "svg")
        cached = timed(lambda: analysis.render_diagram(dot, "svg"), runs)
        print(f"province landscape ({agency.code}, {n_apps} applications drawn one by one):"
              f" render median {median:.3f} s  [goal < 2 s]")
        print(f"  floor, bare dot on the same DOT: median {floor:.3f} s;"
              f" ratio {median / floor:.2f}x")
        print(f"  unchanged graph, served from the cache: median {cached * 1000:.3f} ms")


def main():
    """Time the integration reads, national and for one province."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("REGISTRY_DATABASE_URL",
                          f"sqlite:///{ROOT / 'instance' / 'bench-national.sqlite'}")
    print(f"{time.strftime('%Y-%m-%d %H:%M')} · {os.cpu_count()} cores · Python"
          f" {sys.version.split()[0]}")
    national(args.runs)
    province(args.runs)


if __name__ == "__main__":
    main()
