"""A city's public inventory as many hands typed it (issue 18), built in code.

190 applications in 38 OPDs, no application or OPD codes, "-" for 136 unknown years, the city's
own "naktif" for not active in 19 rows, status words in any case, OPDs named as people name
them, addresses typed any way (and some elsewhere: a ministry, an IP address, localhost), and
columns the registry does not know.
"""

import io

from openpyxl import Workbook

ZONE = "kotacontoh.go.id"

OPDS = [
    ("Sekretariat Daerah", "Setda"), ("Sekretariat DPRD", "Setwan"), ("Inspektorat", "Itkot"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD"), ("Badan Pendapatan Daerah", "Bapenda"),
    ("Badan Kepegawaian dan Pengembangan SDM", "BKPSDM"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD"),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol"),
    ("Satuan Polisi Pamong Praja", "Satpol PP"),
    ("Dinas Pendidikan", "Disdik"), ("Dinas Kesehatan", "Dinkes"), ("Dinas Sosial", "Dinsos"),
    ("Dinas Tenaga Kerja", "Disnaker"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A"),
    ("Dinas Lingkungan Hidup", "DLH"), ("Dinas Perhubungan", "Dishub"),
    ("Dinas Komunikasi dan Informatika", "Diskominfo"), ("Dinas Koperasi dan UKM", "Diskop UKM"),
    ("Dinas Penanaman Modal dan PTSP", "DPMPTSP"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR"),
    ("Dinas Perumahan dan Kawasan Permukiman", "Disperkim"),
    ("Dinas Pariwisata dan Kebudayaan", "Disparbud"), ("Dinas Pemuda dan Olahraga", "Dispora"),
    ("Dinas Perpustakaan dan Kearsipan", "Dispusip"),
    ("Dinas Ketahanan Pangan dan Pertanian", "DKPP"),
    ("Dinas Perdagangan dan Perindustrian", "Disdagin"), ("Dinas Pemadam Kebakaran", "Damkar"),
    ("Rumah Sakit Umum Daerah", "RSUD"), ("Kecamatan Kota Utara", None),
    ("Kecamatan Kota Selatan", None), ("Kecamatan Kota Barat", None),
    ("Kecamatan Kota Timur", None), ("Kecamatan Sukamaju", None), ("Kecamatan Sukajadi", None),
    ("Kecamatan Mekarsari", None), ("Kecamatan Cibeureum", None),
]

FUNCTIONS = ["Kepegawaian", "Perizinan", "Pajak Daerah", "Aset", "Pengaduan", "Arsip",
             "Perencanaan", "Keuangan", "Statistik", "Layanan"]
PREFIXES = ["Sistem Informasi", "Aplikasi", "e-", "Portal", "SIM"]
#: the status words of the sheet, cycled; "naktif" is the city's own, set on 19 rows below
STATUS = ["aktif", "AKTIF", "Aktif ", "naktif", "NONAKTIF", "pengembangan", "Direncanakan",
          "dalam pengembangan", "Tidak Aktif", "Non Aktif"]
KINDS = ["Khusus", "UMUM", "khusus", "-", "Aplikasi Khusus"]

APPLICATIONS = 190
DASH_YEARS = 136
NAKTIF = 19

#: typed addresses -> what is stored (a cell at every 7th row; the rest left unknown)
ADDRESSES = [
    ("simpeg.kotacontoh.go.id", "https://simpeg.kotacontoh.go.id"),
    ("HTTP://SIPD.KOTACONTOH.GO.ID/", "http://sipd.kotacontoh.go.id"),
    ("www.kotacontoh.go.id/layanan/", "https://www.kotacontoh.go.id/layanan"),
    ("https://sipp.kotacontoh.go.id.", "https://sipp.kotacontoh.go.id"),
    ("Https://Lapor.KotaContoh.go.id/pengaduan/", "https://lapor.kotacontoh.go.id/pengaduan"),
    ("https://siasn.bkn.go.id", "https://siasn.bkn.go.id"),
    ("http://10.10.1.5:8080/simpeg", "http://10.10.1.5:8080/simpeg"),
    ("localhost:8080/arsip", "https://localhost:8080/arsip"),
    ("?", None), ("tidak ada", None), ("-", None),
]

APP_HEADER = ["No", "Kode Aplikasi", "Nama Aplikasi", "Singkatan", "Deskripsi", "Nama OPD",
              "Jenis", "Status", "Tahun Mulai", "Alamat Web", "Keterangan Tambahan"]


def opd_reference(n):
    """How the row names its OPD: its name in any case, or its acronym."""
    name, acronym = OPDS[n % len(OPDS)]
    return [name, name.upper(), f"  {name.lower()} ", acronym or name][(n // len(OPDS)) % 4]


def application_rows():
    """Return the Aplikasi rows, and what each should become: (row, expected dict)."""
    rows = []
    for n in range(APPLICATIONS):
        function = FUNCTIONS[n % len(FUNCTIONS)]
        # a name comes back every 50 rows, each time in another OPD
        name = f"{PREFIXES[(n // len(FUNCTIONS)) % len(PREFIXES)]} {function}".replace("e- ", "e-")
        status = STATUS[n % 10]
        year = "-" if n < DASH_YEARS else [2015, "2018", "Th. 2020", 2019.0, "belum ada",
                                           "—"][n % 6]
        typed, stored = ADDRESSES[n % len(ADDRESSES)] if n % 7 == 0 else (None, None)
        acronym = ["-", "n/a", None, f"A{n}"][n % 4]
        code = ["-", None, ""][n % 3]
        rows.append(([n + 1, code, name, acronym, "–" if n % 5 == 0 else f"Layanan {function}.",
                      opd_reference(n), KINDS[n % len(KINDS)], status, year, typed,
                      "catatan lama" if n % 9 == 0 else None],
                     {"name": name, "opd": OPDS[n % len(OPDS)][0], "status": status,
                      "year": year, "url": stored}))
    return rows


def city_sheets():
    """Return {sheet title: rows} of the workbook."""
    units = [["No.", "Nama OPD", "Singkatan"]]
    units += [[n + 1, name, acronym or "-"] for n, (name, acronym) in enumerate(OPDS)]
    return {"OPD": units, "Aplikasi": [APP_HEADER, *(row for row, _ in application_rows())]}


def workbook_bytes(sheets):
    """Return an XLSX of ``{title: rows}``."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
