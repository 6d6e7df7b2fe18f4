"""Benchmark the integration analysis on the national-scale set, against its floors.

Usage: .venv/bin/python scripts/bench_integration.py [--runs N]
Uses REGISTRY_DATABASE_URL (default: a scratch SQLite under instance/); builds the national-scale
demo set (600 agencies, 30,000 applications, 100,000 links) there when it is empty. Prints:
- the whole blockers analysis (rows -> snapshots -> rules -> summary) and its floor, building
  the bare networkx graph from the same link rows;
- the render of the demo province landscape (300 applications) and its floor, bare `dot` on the
  same DOT; and the same render served again from the content-keyed cache.
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


def timed(fn, runs):
    """Return (median seconds, all samples) of ``fn`` over ``runs`` runs, after one warm-up."""
    fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), samples


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("REGISTRY_DATABASE_URL",
                          f"sqlite:///{ROOT / 'instance' / 'bench-national.sqlite'}")
    import networkx as nx
    from flask_migrate import upgrade
    from sqlalchemy import select

    from arch_models import diagrams
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
        print(f"database: {db.engine.url.render_as_string()}  "
              f"({n_apps} applications, {n_links} links)")

        def whole_analysis():
            report = analysis.blocker_report(None, as_of=date(2026, 11, 1))
            return report.summary, len(report.blockers)

        def bare_graph():
            link = models.IntegrationLink
            rows = db.session.execute(select(link.provider_id, link.consumer_id)).all()
            graph = nx.DiGraph()
            graph.add_edges_from(rows)
            return graph

        analysis_median, _ = timed(whole_analysis, args.runs)
        floor_median, _ = timed(bare_graph, args.runs)
        tracemalloc.start()  # a separate run: tracing slows every allocation down
        whole_analysis()
        _size, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        count = whole_analysis()[1]
        print(f"blockers analysis (national, {count} blockers): median {analysis_median:.3f} s,"
              f" peak {peak / 2**20:.0f} MiB  [goal < 1 s]")
        print(f"  floor, bare networkx graph from the same rows: median {floor_median:.3f} s;"
              f" ratio {analysis_median / floor_median:.2f}×  [goal ≤ 3×]")

        province = analysis.resolve_agency()
        with app.test_request_context():
            from registry.integrations.routes import diagram_urls

            dot = analysis.build_diagram(province, "landscape", max_nodes=10**6,
                                         **diagram_urls())
        source = dot.source
        render_median, _ = timed(lambda: diagrams.render(dot, "svg"), args.runs)
        bare_median, _ = timed(lambda: subprocess.run(["dot", "-Tsvg"], input=source.encode(),
                                                      capture_output=True, check=True),
                               args.runs)
        analysis.render_diagram(dot, "svg")
        cached_median, _ = timed(lambda: analysis.render_diagram(dot, "svg"), args.runs)
        print(f"province landscape ({province.code}, drawn app by app): render median"
              f" {render_median:.3f} s  [goal < 2 s]")
        print(f"  floor, bare dot on the same DOT: median {bare_median:.3f} s;"
              f" ratio {render_median / bare_median:.2f}×")
        print(f"  unchanged graph from the cache: median {cached_median * 1000:.2f} ms")


if __name__ == "__main__":
    main()
