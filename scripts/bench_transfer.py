"""Benchmark importing 30,000 applications from XLSX and exporting them again.

Usage: .venv/bin/python scripts/bench_transfer.py [--apps N] [--runs N]
       [--workbook clean|typed|both] [--domains-from-urls]

Each import run starts on a fresh scratch database (SQLite in a temporary folder, or the
PostgreSQL database named by BENCH_DATABASE_URL, emptied first) holding one province with its
data centres; the workbooks (realistic text) are built once:

- clean: the template's columns, every code given (OPD and Aplikasi sheets);
- typed: as many hands type an inventory (issue 18): a third of the rows without a code,
  "-" years, status words in any case and the province's own "naktif", hosting by the names
  the pages show and a word of the province's own ("Server Dinas"), addresses typed any way
  (some outside the zone), OPDs named rather than coded; imported with two ``--map``
  mappings, which the second import reads from the registry.

For each it times, and prints medians and the peak of Python memory (tracemalloc, in a separate
run so its overhead stays out of the timings):

- the dry run (read, parse, plan) and the real import (the same, then the bulk write);
- a second import of the same file (everything unchanged, nothing written);
- exporting all applications as XLSX and as CSV.
Goals (issues 7 and 18): import under 30 s, with mappings too; export under 15 s.
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
    """Return a clean import workbook of ``apps`` applications in ``units`` OPDs."""
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


TYPED_HEADER = ["No", "Kode Aplikasi", "Nama Aplikasi", "Singkatan", "Deskripsi", "Jenis",
                "Nama OPD", "Status", "Tahun Mulai", "Hosting", "Alamat Web", "Catatan"]
#: the mappings the typed workbook needs; the first import remembers them
TYPED_MAPS = ("Status:naktif=nonaktif", "Hosting:Server Dinas=DC-PROV")


def build_typed_workbook(apps, units):
    """Return the workbook as hands type it.

    No codes on a third of the rows, blank words, words of the province's own, OPDs by name,
    addresses typed any way.
    """
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("OPD")
    sheet.append(["No.", "Nama OPD", "Singkatan"])
    for n in range(units):
        sheet.append([n + 1, f"Dinas Uji {n}", f"DU{n}" if n % 4 else "-"])
    sheet = book.create_sheet("Aplikasi")
    sheet.append(TYPED_HEADER)
    for n in range(apps):
        function = FUNCTIONS[n % len(FUNCTIONS)]
        unit = n % units
        sheet.append([
            n + 1, f"APP-{n + 1:05d}" if n % 3 else ("-", None)[n % 2],
            f"{WORDS[n % len(WORDS)]} {function} {n}", ("-", "n/a", f"A{n}")[n % 3],
            f"Mengelola layanan {function.lower()} untuk OPD {unit}. " * 2 if n % 5 else "\u2013",
            ("Khusus", "UMUM", "-", "khusus")[n % 4],
            (f"Dinas Uji {unit}", f"DINAS UJI {unit}", f"  dinas uji {unit} ")[n % 3],
            ("aktif", "AKTIF ", "naktif", "Non Aktif", "direncanakan")[n % 5],
            ("-", str(2010 + n % 15), "belum ada")[n % 3],
            ("Pusat Data Provinsi", "pdn", "Server Dinas", "-")[n % 4],
            (f"APP{n}.CONTOHPROV.GO.ID/", f"http://app{n}.contohprov.go.id/login/",
             f"https://app{n}.kemendagri.go.id", "?")[n % 4],
            "catatan lama" if n % 10 == 0 else None,
        ])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def fresh_app(url):
    """Return an app on an empty, migrated database at ``url`` with one agency."""
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
        for code, name, kind in (("DC-PROV", "Pusat Data Provinsi", "own"),
                                 ("PDN", "Pusat Data Nasional", "pdn")):
            db.session.add(models.DataCenter(agency_id=agency.id, code=code, name=name,
                                             kind=kind))
        db.session.commit()
    return app


def timed(fn):
    """Return the seconds ``fn`` took and its result."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def peak_mib(fn):
    """Return the peak Python memory (MiB) ``fn`` allocated."""
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def line(name, seconds, goal=None):
    """Print the median, min and max of ``seconds`` against the goal; return the median."""
    median = statistics.median(seconds)
    note = f"   goal < {goal} s: {'met' if median < goal else 'NOT met'}" if goal else ""
    print(f"{name:<42} median {median:7.2f} s   min {min(seconds):7.2f} s   "
          f"max {max(seconds):7.2f} s{note}")
    return median


def main():
    """Time export, dry run and import of a large workbook."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--apps", type=int, default=30000)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workbook", choices=("clean", "typed", "both"), default="both")
    parser.add_argument("--domains-from-urls", action="store_true",
                        help="typed workbook: also add the hosts under the zone as domains")
    args = parser.parse_args()

    from registry.services import exporting
    from registry.services.inventory import ApplicationFilters

    pg_url = os.environ.get("BENCH_DATABASE_URL")
    books = []
    if args.workbook in ("clean", "both"):
        print(f"building the clean workbook of {args.apps} applications over {args.units} OPDs …")
        books.append(("clean", build_workbook(args.apps, args.units), (), False))
    if args.workbook in ("typed", "both"):
        print(f"building the hand-typed workbook of {args.apps} applications over {args.units} "
              "OPDs …")
        books.append(("typed", build_typed_workbook(args.apps, args.units), TYPED_MAPS,
                      args.domains_from_urls))
    for name, data, _maps, _domains in books:
        print(f"  {name}: {len(data) / 2**20:.1f} MiB")

    with tempfile.TemporaryDirectory() as scratch:
        url = pg_url or f"sqlite:///{scratch}/bench.sqlite"
        print(f"database: {url.split('://')[0]}")

        def scratch_app():
            if pg_url is None:
                Path(f"{scratch}/bench.sqlite").unlink(missing_ok=True)
            return fresh_app(url)

        for name, data, maps, domains in books:
            label = f"{name}{' with mappings' if maps else ''}"
            dry, real, again = [], [], []
            for run in range(args.runs):
                app = scratch_app()
                dry.append(timed(lambda app=app, data=data, maps=maps, domains=domains:
                                 run_import(app, data, True, maps, domains))[0])
                seconds, report = timed(lambda app=app, data=data, maps=maps, domains=domains:
                                        run_import(app, data, False, maps, domains))
                real.append(seconds)
                counts = report.counts["applications"]
                assert counts.created == args.apps, counts
                # the second time the mappings come from the registry, not the command line
                seconds, report = timed(lambda app=app, data=data, domains=domains:
                                        run_import(app, data, False, (), domains))
                again.append(seconds)
                assert report.counts["applications"].created == 0
                assert report.counts["applications"].updated == 0
                print(f"  {label}, run {run + 1}: dry run {dry[-1]:.2f} s, import "
                      f"{real[-1]:.2f} s, again {again[-1]:.2f} s", flush=True)
            line(f"{name}: dry run (read, parse, plan)", dry)
            line(f"{name}: import of {args.apps} applications", real, goal=30)
            line(f"{name}: the same file again (unchanged)", again)

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
        for name, data, maps, domains in books:
            app = scratch_app()
            import_peak = peak_mib(lambda app=app, data=data, maps=maps, domains=domains:
                                   run_import(app, data, False, maps, domains))
            print(f"peak Python memory: import ({name}) {import_peak:.0f} MiB")
        print(f"peak Python memory: XLSX export {export_peak:.0f} MiB")


def run_import(app, data, dry_run, maps=(), domains_from_urls=False):
    """Import ``data`` into the app's agency and return the report (it must be clean)."""
    from registry.extensions import db
    from registry.models import Agency
    from registry.services import importing

    with app.app_context():
        agency = db.session.query(Agency).one()
        report = importing.import_file(io.BytesIO(data), "bench.xlsx", agency_id=agency.id,
                                       actor=None, dry_run=dry_run, maps=maps,
                                       domains_from_urls=domains_from_urls)
        assert report.ok, report.problem_groups[:5]
        return report


if __name__ == "__main__":
    main()
