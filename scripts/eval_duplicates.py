"""Evaluate the duplicate detector for new-application requests, and time it.

Usage: .venv/bin/python scripts/eval_duplicates.py [--threshold T] [--candidates N]

Prints, for the labelled pairs in tests/arch_models/duplicate_pairs.py (and for the hold-out set
written after tuning), every pair the detector gets wrong, the counts, precision and recall at the
threshold, and a sweep of other thresholds. Then times find_duplicates over N synthetic candidates
(default 30,000, about a national inventory): the first call works out every candidate's words,
later calls reuse them.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from arch_models import duplicates  # noqa: E402
from arch_models.duplicates import THRESHOLD, Candidate, Proposal, find_duplicates  # noqa: E402
from tests.arch_models.duplicate_pairs import HOLDOUT, PAIRS, evaluate  # noqa: E402

SWEEP = (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)


def show_wrong(figures):
    """Print each missed duplicate and false alarm with its reasons."""
    for pair, match in figures.wrong:
        kind = "missed" if pair.is_duplicate else "false alarm"
        print(f"  {kind:<11} {match.score:.2f}  {pair.proposal.name!r} vs {pair.candidate.name!r}"
              f"  ({pair.note})")
        for reason in match.reasons:
            print(f"{'':18}{reason.kind.value:<20} {reason.weight:.2f}  {reason.detail}")


def report(title, pairs, threshold):
    """Print and return the precision and recall on ``pairs`` at ``threshold``."""
    figures = evaluate(pairs, threshold)
    duplicates_ = sum(p.is_duplicate for p in pairs)
    print(f"\n== {title}: {len(pairs)} pairs, {duplicates_} duplicates, "
          f"{len(pairs) - duplicates_} near-misses")
    show_wrong(figures)
    print(f"  threshold {threshold:.2f}: precision {figures.precision:.3f}  "
          f"recall {figures.recall:.3f}  (TP {figures.true_positives}, "
          f"FP {figures.false_positives}, FN {figures.false_negatives}, "
          f"TN {figures.true_negatives})")
    return figures


def sweep(pairs):
    """Print the precision and recall at each threshold of SWEEP."""
    print("\n== threshold sweep (labelled set)")
    print("  threshold  precision  recall")
    for threshold in SWEEP:
        figures = evaluate(pairs, threshold)
        print(f"  {threshold:9.2f}  {figures.precision:9.3f}  {figures.recall:6.3f}")


HEADS = ["Sistem Informasi", "Aplikasi", "e-", "SI", "Portal", "Sistem Informasi Manajemen", ""]
OBJECTS = [
    "Kepegawaian", "Kearsipan", "Perizinan", "Pajak Daerah", "Retribusi", "Aset", "Kinerja",
    "Pengaduan", "Rumah Sakit", "Puskesmas", "Sekolah", "Beasiswa", "Bencana", "Pasar",
    "Perpustakaan", "Pertanian", "Perikanan", "Pariwisata", "Kependudukan", "Bantuan Sosial",
    "Stunting", "Gizi", "Jalan", "Irigasi", "Air Minum", "Persampahan", "Taman", "Pemakaman",
    "Reklame", "Parkir", "Angkutan", "Koperasi", "UMKM", "Tenaga Kerja", "Penanaman Modal",
    "Statistik", "Perencanaan", "Keuangan", "Barang Milik Daerah", "Hukum", "Musrenbang",
    "Surat", "Absensi", "Gaji",
]
EXTRAS = ["", "", "Terpadu", "Online", "Desa", "Kecamatan", "Kota", "Mobile", "Rakyat", "Anak"]
VERBS = ["Pendaftaran", "Pencatatan", "Pemantauan", "Pelaporan", "Penetapan", "Pembayaran",
         "Pengelolaan", "Verifikasi", "Penerbitan", "Permohonan"]


def synthetic_candidates(count, seed=7):
    """Return a registry-sized list of plausible applications, the same on every run."""
    rng = random.Random(seed)
    found = []
    for i in range(count):
        head, thing, extra = rng.choice(HEADS), rng.choice(OBJECTS), rng.choice(EXTRAS)
        name = f"{head}{thing}" if head == "e-" else f"{head} {thing}".strip()
        name = f"{name} {extra}".strip() + f" {i % 97}"
        description = ", ".join(f"{rng.choice(VERBS)} {rng.choice(OBJECTS).lower()}"
                                for _ in range(rng.randint(1, 3)))
        acronym = rng.choice(["", "", f"SI{rng.choice('ABCDEFGHKLMP')}{rng.choice('ABCDEPRS')}"])
        service = f"RAL.0{rng.randint(1, 2)}.{rng.randint(1, 12):02d}"
        found.append(Candidate(i, name, acronym=acronym, description=description,
                               service_codes=(service,), unit_id=rng.randint(1, 40)))
    return found


PROPOSALS = [
    Proposal("Sistem Informasi Pajak Daerah", purpose="Pendataan dan penetapan pajak daerah",
             service_codes=("RAL.02.02",)),
    Proposal("SIMPEG", purpose="Data pegawai dan cuti"),
    Proposal("e-Surat Dinas", purpose="Surat masuk dan keluar"),
    Proposal("Aplikasi Pengaduan Masyarakat"),
    Proposal("SIPD"),
]


def timing(count, runs=5):
    """Time find_duplicates over ``count`` synthetic candidates."""
    candidates = synthetic_candidates(count)
    for cache in (duplicates._candidate_side, duplicates._words, duplicates._significant):
        cache.cache_clear()
    print(f"\n== timing: find_duplicates over {count:,} synthetic candidates")
    start = time.perf_counter()
    find_duplicates(PROPOSALS[0], candidates)
    print(f"  first call (works out every candidate's words)   {time.perf_counter() - start:.3f} s")
    for proposal in PROPOSALS:
        seconds = []
        for _ in range(runs):
            start = time.perf_counter()
            found = find_duplicates(proposal, candidates)
            seconds.append(time.perf_counter() - start)
        print(f"  {proposal.name!r:<34} median {statistics.median(seconds):.3f} s  "
              f"max {max(seconds):.3f} s  ({len(found)} matches)")


def main():
    """Evaluate the duplicate finder on the labelled and hold-out sets, and time it."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--candidates", type=int, default=30_000)
    args = parser.parse_args()
    report("labelled set (written before tuning, tuned on)", PAIRS, args.threshold)
    report("hold-out set (written after tuning, never tuned on)", HOLDOUT, args.threshold)
    sweep(PAIRS)
    timing(args.candidates)


if __name__ == "__main__":
    main()
