"""Benchmark importing 30,000 applications from XLSX and exporting them again.

Usage: .venv/bin/python scripts/bench_transfer.py [--apps N] [--runs N]

Each import run starts on a fresh scratch database (SQLite in a temporary folder, or the
PostgreSQL database named by BENCH_DATABASE_URL, emptied first) holding one province with its
OPDs and data centres; the workbook (OPD and Aplikasi sheets, realistic text) is built once.
Then it times, and prints medians and the peak of Python memory (tracemalloc, in a separate
run so its overhead stays out of the timings):

- the dry run (read, parse, plan) and the real import (the same, then the bulk write);
- a second import of the same file (everything unchanged, nothing written);
- exporting all applications as XLSX and as CSV.
Goals (issue 7): import under 30 s, export under 15 s.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = ("Sistem Informasi", "Aplikasi", "e-", "Portal", "SIM")
FUNCTIONS = ("Kepegawaian", "Perizinan", "Pajak Daerah", "Aset", "Kesehatan", "Pendidikan",
             "Retribusi", "Pengaduan", "Perencanaan", "Keuangan", "Arsip", "Statistik")


def build_workbook(apps, units):
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("OPD")
    sheet.append(["Kode OPD", "Nama OPD", "Singkatan", "Unit TIK"])
    for n in range(units):
        sheet.append([f"OPD{n:03d}", f"Dinas Uji {n}", f"DU{n}", "Ya" if n == 0 else "Tidak"])
    sheet = book.create_sheet("Aplikasi")
    sheet.append(["Kode Aplikasi", "Nama Aplikasi", "Singkatan", "Deskripsi", "Jenis",
                  "Kode OPD", "Status", "Tahun Mulai", "Kode RAA", "Layanan RAL", "Hosting",
                  "Alamat Web"])
    for n in range(apps):
        function = FUNCTIONS[n % len(FUNCTIONS)]
        sheet.append([
            f"APP-{n:05d}", f"{WORDS[n % len(WORDS)]} {function} {n}", f"A{n}",
            f"Mengelola layanan {function.lower()} untuk OPD {n % units}. " * 3,
            "Khusus" if n % 7 else "Umum", f" opd{n % units:03d} ",
            ("aktif", "Aktif ", "nonaktif", "direncanakan")[n % 4], str(2010 + n % 15),
            "RAA.02.01" if n % 3 else None, "RAL.02.03, ral.2.5" if n % 2 else None,
            ("Lokal", "Pusat", "DC-PROV")[n % 3], f"https://app{n}.contohprov.go.id",
        ])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def fresh_app(url):
    from flask_migrate import upgrade

    from registry import create_app, models
    from registry.extensions import db
    from registry.services import organisation

    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        if url.startswith("postgresql"):
            db.drop_all()
            with db.engine.begin() as conn:
                conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        upgrade()
        agency = organisation.create_agency({"code": "CONTOHPROV", "name": "Provinsi Contoh",
                                             "kind": "provinsi", "zone": "contohprov.go.id"},
                                            actor=None)
        for code, kind in (("DC-PROV", "own"), ("PDN", "pdn")):
            db.session.add(models.DataCenter(agency_id=agency.id, code=code, name=code,
                                             kind=kind))
        db.session.commit()
    return app


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def peak_mib(fn):
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def line(name, seconds, goal=None):
    median = statistics.median(seconds)
    note = f"   goal < {goal} s: {'met' if median < goal else 'NOT met'}" if goal else ""
    print(f"{name:<42} median {median:7.2f} s   min {min(seconds):7.2f} s   "
          f"max {max(seconds):7.2f} s{note}")
    return median


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--apps", type=int, default=30000)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from registry.extensions import db
    from registry.models import Agency
    from registry.services import exporting, importing
    from registry.services.inventory import ApplicationFilters

    print(f"building a workbook of {args.apps} applications over {args.units} OPDs …")
    data = build_workbook(args.apps, args.units)
    print(f"  {len(data) / 2**20:.1f} MiB")
    pg_url = os.environ.get("BENCH_DATABASE_URL")

    def run_import(dry_run, app):
        with app.app_context():
            agency = db.session.query(Agency).one()
            report = importing.import_file(io.BytesIO(data), "bench.xlsx", agency_id=agency.id,
                                           actor=None, dry_run=dry_run)
            assert report.ok, report.problems[:5]
            return report

    with tempfile.TemporaryDirectory() as scratch:
        url = pg_url or f"sqlite:///{scratch}/bench.sqlite"
        print(f"database: {url.split('://')[0]}")
        dry, real, again = [], [], []
        for run in range(args.runs):
            if pg_url is None:
                Path(f"{scratch}/bench.sqlite").unlink(missing_ok=True)
            app = fresh_app(url)
            dry.append(timed(lambda app=app: run_import(True, app))[0])
            seconds, report = timed(lambda app=app: run_import(False, app))
            real.append(seconds)
            counts = report.counts["applications"]
            assert counts.created == args.apps, counts
            seconds, report = timed(lambda app=app: run_import(False, app))
            again.append(seconds)
            assert report.counts["applications"].created == 0
            assert report.counts["applications"].updated == 0
            print(f"  run {run + 1}: dry run {dry[-1]:.2f} s, import {real[-1]:.2f} s, "
                  f"again {again[-1]:.2f} s", flush=True)
        line("dry run (read, parse, plan)", dry)
        line(f"import of {args.apps} applications", real, goal=30)
        line("the same file again (all unchanged)", again)

        exports = {"xlsx": [], "csv": []}
        with app.app_context():
            for _ in range(args.runs):
                for fmt in exports:
                    seconds, body = timed(lambda fmt=fmt: exporting.export_list(
                        "applications", ApplicationFilters(), fmt))
                    exports[fmt].append(seconds)
            for fmt, seconds in exports.items():
                line(f"export of {args.apps} applications as {fmt.upper()}", seconds, goal=15)
            export_peak = peak_mib(lambda: exporting.export_list("applications",
                                                                 ApplicationFilters(), "xlsx"))
        if pg_url is None:
            Path(f"{scratch}/bench.sqlite").unlink(missing_ok=True)
        app = fresh_app(url)
        import_peak = peak_mib(lambda: run_import(False, app))
        print(f"peak Python memory: import {import_peak:.0f} MiB, "
              f"XLSX export {export_peak:.0f} MiB")


if __name__ == "__main__":
    main()
