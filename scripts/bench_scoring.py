"""Benchmark scoring on the national-scale set: 600 agencies' assessments of one year.

Each is scored under the instrument of its year (2026 on: the Indeks Pemdi, 20 indicators in 7
aspects; ``--year 2025``: PermenPANRB 59/2020, 47 indicators in 4 domains and 8 aspects).

Usage: .venv/bin/python scripts/bench_scoring.py [--runs N] [--year YYYY]

REGISTRY_DATABASE_URL (default: instance/bench-national.sqlite, shared with
bench_integration.py) is filled with the national-scale demo set when empty, and every agency
gets its assessment of the year opened once (computed levels taken from its own facts; that
one-off is timed too). Then it times:

- scoring: every agency's levels read in one query and scored (index, sub-indices,
  predicate) — the figure the goal (< 1 s) is about;
- its floor: the same query and a bare float sum of level x weight per agency;
- computing the levels of one agency from its facts (the "refresh" of one assessment).
"""

import argparse
import os
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchkit import database_label, report, samples  # noqa: E402  (scripts/ is on the path when run)


def main():
    """Time scoring every agency's assessment of the year."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--year", type=int, default=2026)
    args = parser.parse_args()
    os.environ.setdefault("REGISTRY_DATABASE_URL",
                          f"sqlite:///{ROOT / 'instance' / 'bench-national.sqlite'}")
    (ROOT / "instance").mkdir(exist_ok=True)

    from flask_migrate import upgrade
    from sqlalchemy import func, select

    from registry import create_app, models
    from registry.extensions import db
    from registry.services import assessments, demo, instruments
    from registry.services.scoring_facts import computed_levels

    app = create_app()
    with app.app_context():
        upgrade()
        if demo.database_is_empty():
            print("building the national-scale demo set …", flush=True)
            demo.load_demo(agencies=600, apps=30000, links=100000, with_users=False)
        agencies = db.session.scalars(select(models.Agency.id).order_by(models.Agency.id)).all()
        have = set(db.session.scalars(select(models.Assessment.agency_id)
                                      .where(models.Assessment.year == args.year)))
        missing = [a for a in agencies if a not in have]
        if missing:
            print(f"opening {len(missing)} assessments of {args.year} …", flush=True)
            start = time.perf_counter()
            for agency_id in missing:
                assessments.open_assessment(agency_id, args.year, actor=None)
            print(f"  opened in {time.perf_counter() - start:.1f} s"
                  f" ({(time.perf_counter() - start) / len(missing) * 1000:.0f} ms per agency:"
                  " facts, blockers, computed levels, one row per indicator)")
        n_scores = db.session.scalar(select(func.count(models.IndicatorScore.id)))
        print(f"database: {database_label(db.engine.url)} ({len(agencies)} agencies,"
              f" {n_scores} indicator scores)")
        print(f"runs: {args.runs} (+1 warm-up); machine: {os.cpu_count()} cores, "
              f"Python {sys.version.split()[0]}")

        used = instruments.for_year(args.year)
        assessment = models.Assessment.__table__.c
        stored = dict(db.session.execute(
            select(assessment.instrument_id, func.count()).where(assessment.year == args.year)
            .group_by(assessment.instrument_id)).all())
        print(f"instrument of {args.year}: {used.id} ({len(used.indicators)} indicators);"
              f" assessments stored per instrument: {stored}")
        weights = {(i.id, n.number): float(n.weight)
                   for i in instruments.catalogue().instruments for n in i.indicators}
        score = models.IndicatorScore.__table__.c
        query = (select(assessment.agency_id, assessment.instrument_id, score.indicator,
                        score.computed_level, score.entered_level)
                 .join_from(models.IndicatorScore.__table__, models.Assessment.__table__,
                            score.assessment_id == assessment.id)
                 .where(assessment.year == args.year))

        def floor():
            totals = defaultdict(float)
            for agency_id, instrument, indicator, computed, entered in db.session.execute(query):
                level = entered if entered is not None else computed or 1
                totals[agency_id] += level * weights[instrument, indicator] / 100
            return totals

        def scoring():
            return assessments.score_all(args.year)

        scored = scoring()
        assert len(scored) == len(agencies), (len(scored), len(agencies))
        assert all(abs(float(scored[a].value) - v) < 1e-9 for a, v in floor().items())
        tracemalloc.start()
        scoring()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()

        spent = report(f"scoring {len(scored)} agencies (index, sub-indices, predicate)",
                       samples(scoring, args.runs))
        bare = report("floor: same query + bare float sum", samples(floor, args.runs))
        one = report("levels of one agency from its facts",
                     samples(lambda: computed_levels(agencies[0], args.year, used), args.runs))
        print(f"ratio scoring / floor: {spent / bare:.2f}x; peak traced memory {peak:.1f} MiB")
        print(f"goal scoring 600 agencies < 1 s: {'met' if spent < 1 else 'NOT met'}"
              f" ({spent:.3f} s); one agency's computed levels {one * 1000:.0f} ms")


if __name__ == "__main__":
    main()
