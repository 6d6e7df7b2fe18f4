"""What the benchmark scripts share: timing after a warm-up, medians and p95, database names.

The database is named as a report shows it.
"""

import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def database_label(url):
    """Name the database ``url`` without this machine's paths or a password.

    A SQLite file relative to the project (instance/bench-national.sqlite), or by its name when
    it is elsewhere; another server's URL without its password.
    """
    from sqlalchemy.engine import make_url

    url = make_url(str(url))
    if url.get_backend_name() == "sqlite":
        path = Path(url.database or ":memory:")
        try:
            return str(path.resolve().relative_to(ROOT))
        except ValueError:
            return path.name
    return url.render_as_string(hide_password=True)


def samples(fn, runs):
    """Return the seconds of ``runs`` runs of ``fn``, after one warm-up."""
    fn()
    found = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        found.append(time.perf_counter() - start)
    return found


def p95(values):
    """Return the 95th percentile (nearest rank) of the values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def report(name, seconds, width=52):
    """Print the median and p95 of the samples; return the median."""
    print(f"{name:<{width}} median {statistics.median(seconds):8.4f} s   "
          f"p95 {p95(seconds):8.4f} s", flush=True)
    return statistics.median(seconds)
