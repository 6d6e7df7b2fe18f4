"""What the benchmark scripts share: timing samples after a warm-up, medians and p95."""

import statistics
import time


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
