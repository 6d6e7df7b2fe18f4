"""Benchmark the per-OPD scorecards of the national-scale set (goal: all OPDs under 2 s).

Usage: .venv/bin/python scripts/bench_opd.py [--runs N]

REGISTRY_DATABASE_URL (default: instance/bench-national.sqlite, shared with the other
benchmarks) is filled with the national-scale demo set when empty. It times, and prints the
median and p95 of:

- the scorecards of every OPD of all 600 agencies (counts, scores, ranks, targets);
- its floor: the same grouped count queries, without building or scoring anything;
- one agency's scorecard and one OPD's monitoring desk.
"""

import argparse
import os
import sys
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchkit import report, samples  # noqa: E402  (scripts/ is on the path when run)


def main():
    """Time the OPD scorecard on the national-scale set."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("REGISTRY_DATABASE_URL",
                          f"sqlite:///{ROOT / 'instance' / 'bench-national.sqlite'}")
    (ROOT / "instance").mkdir(exist_ok=True)

    from flask_migrate import upgrade
    from sqlalchemy import func, select

    from registry import create_app, models
    from registry.extensions import db
    from registry.services import demo, desk, opd_scorecard

    app = create_app()
    with app.app_context():
        upgrade()
        if demo.database_is_empty():
            print("building the national-scale demo set …", flush=True)
            demo.load_demo(agencies=600, apps=30000, links=100000, with_users=False)
        units = db.session.scalar(select(func.count()).select_from(models.Unit))
        apps = db.session.scalar(select(func.count()).select_from(models.Application))
        print(f"{db.session.get_bind().dialect.name}: {units} OPDs, {apps} applications")
        year = 2026

        def everything():
            return opd_scorecard.scorecards(year)

        def floor():
            # the grouped counts alone: what any scorecard must read
            opd_scorecard.gather_facts()

        first = db.session.scalar(select(models.Agency.id).order_by(models.Agency.id))
        unit = db.session.scalar(select(models.Unit.id).where(models.Unit.agency_id == first)
                                 .order_by(models.Unit.id))
        all_opds = report(f"scorecards of all {units} OPDs", samples(everything, args.runs))
        facts = report("floor: the grouped count queries alone", samples(floor, args.runs))
        print(f"{'ratio to the floor':<52} {all_opds / facts:8.2f} x")
        report("one agency's scorecard", samples(lambda: opd_scorecard.scorecards(year, first),
                                                 args.runs))
        report("one OPD's monitoring desk", samples(lambda: desk.desk(unit), args.runs))
        tracemalloc.start()
        everything()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        verdict = "met" if all_opds < 2 else "NOT met"
        print(f"peak Python memory of all scorecards: {peak / 2**20:.1f} MiB; "
              f"goal < 2 s: {verdict}")


if __name__ == "__main__":
    main()
