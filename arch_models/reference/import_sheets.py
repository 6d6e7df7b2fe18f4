"""The import template: sheets, Indonesian headers, and the local habits the cells are read with.

Real inventories arrive as spreadsheets typed by many hands: "aktif" for in production, "Ya" for
true, "Lokal" for the instansi's own server room. Each choice column lists the words people use.
"""

__all__ = ["CHOICE_HINTS", "COLUMN_HELP", "EXAMPLES", "EXPORT_WORDS", "ROW_NUMBER_HEADERS",
           "SHEETS", "SYNONYMS"]

#: column kinds: text, long_text, yes_no, year, date, choice:<group>, codes:<prefix>, code:<prefix>
#: (key, header, kind, required, max length, other headers seen in the wild)
#: "columns" are the template's and the exports' columns, in order; "also" are read too (a name
#: where the code is not known) and follow them in the template; of each "one_of" group at least
#: one column must be there and filled; "key" names a row that has a code.
SHEETS = {
    "units": {
        "title": "OPD",
        "key": ("code",),
        "columns": (
            ("code", "Kode OPD", "text", False, 40, ("kode", "kode unit",
                                                     "kode perangkat daerah")),
            ("name", "Nama OPD", "text", True, 200, ("nama", "nama unit", "perangkat daerah",
                                                     "nama perangkat daerah")),
            ("acronym", "Singkatan", "text", False, 40, ("akronim",)),
            ("is_ict_unit", "Unit TIK", "yes_no", False, None, ("diskominfo", "unit tik?")),
        ),
        "also": (),
        "one_of": (),
    },
    "applications": {
        "title": "Aplikasi",
        "key": ("code",),
        "columns": (
            ("code", "Kode Aplikasi", "text", False, 40, ("kode", "kode app", "id aplikasi")),
            ("name", "Nama Aplikasi", "text", True, 200, ("nama", "aplikasi", "nama app")),
            ("acronym", "Singkatan", "text", False, 40, ("akronim", "nama singkat")),
            ("description", "Deskripsi", "long_text", False, 10000,
             ("keterangan", "fungsi", "deskripsi aplikasi", "uraian")),
            ("kind", "Jenis", "choice:kind", False, None, ("jenis aplikasi", "umum/khusus")),
            ("unit_code", "Kode OPD", "text", False, 40, ("opd", "kode unit", "pemilik",
                                                          "opd pemilik")),
            ("lifecycle", "Status", "choice:lifecycle", False, None,
             ("status aplikasi", "siklus hidup", "kondisi")),
            ("started_year", "Tahun Mulai", "year", False, None,
             ("tahun", "tahun pembuatan", "tahun dibangun", "tahun operasional")),
            ("reference_code", "Kode RAA", "code:RAA", False, None, ("raa", "kode referensi")),
            ("service_codes", "Layanan RAL", "codes:RAL", False, None, ("ral", "kode layanan")),
            ("hosting", "Hosting", "text", False, 40, ("lokasi server", "server", "hosting di",
                                                       "pusat data")),
            ("url", "Alamat Web", "url", False, 500, ("url", "alamat", "link", "tautan",
                                                      "alamat url", "website", "situs")),
        ),
        "also": (
            ("unit_name", "Nama OPD", "text", False, 200,
             ("perangkat daerah", "nama perangkat daerah", "unit kerja", "satuan kerja", "skpd",
              "nama skpd", "opd pengelola", "nama opd pemilik")),
        ),
        "one_of": (("unit_code", "unit_name"),),
    },
    "links": {
        "title": "Integrasi",
        "key": ("provider_code", "consumer_code", "channel"),
        "columns": (
            ("provider_code", "Kode Aplikasi Penyedia", "text", False, 40,
             ("penyedia", "aplikasi penyedia", "sumber data", "dari")),
            ("consumer_code", "Kode Aplikasi Konsumen", "text", False, 40,
             ("konsumen", "aplikasi konsumen", "pemakai data", "ke")),
            ("channel", "Kanal", "choice:channel", True, None, ("media integrasi", "metode",
                                                                 "cara integrasi")),
            ("data_exchanged", "Data", "text", False, 300, ("data yang dipertukarkan",
                                                            "jenis data")),
            ("protocol", "Protokol", "text", False, 60, ()),
            ("status", "Status", "choice:link_status", False, None, ("status integrasi",)),
        ),
        "also": (
            ("provider_name", "Nama Aplikasi Penyedia", "text", False, 200, ()),
            ("consumer_name", "Nama Aplikasi Konsumen", "text", False, 200, ()),
        ),
        "one_of": (("provider_code", "provider_name"), ("consumer_code", "consumer_name")),
    },
    "domains": {
        "title": "Domain",
        "key": ("fqdn",),
        "columns": (
            ("fqdn", "Nama Domain", "text", True, 253, ("domain", "subdomain", "sub domain",
                                                        "alamat domain")),
            ("unit_code", "Kode OPD", "text", False, 40, ("opd", "pemilik")),
            ("application_code", "Kode Aplikasi", "text", False, 40, ("aplikasi",)),
            ("status", "Status", "choice:domain_status", False, None, ()),
            ("technical_contact", "Kontak Teknis", "text", False, 200, ("kontak", "pengelola")),
            ("hosted_in_indonesia", "Di Indonesia", "yes_no", False, None,
             ("hosting di indonesia", "server di indonesia")),
            ("tls_expires_on", "TLS Berlaku Sampai", "date", False, None,
             ("ssl", "masa berlaku ssl", "tls", "sertifikat")),
        ),
        "also": (
            ("unit_name", "Nama OPD", "text", False, 200, ("perangkat daerah",)),
            ("application_name", "Nama Aplikasi", "text", False, 200, ()),
        ),
        "one_of": (("unit_code", "unit_name"),),
    },
}

#: headers of a row-number column ("No."): never data, never offered for mapping
ROW_NUMBER_HEADERS = frozenset({"no", "nomor", "no urut", "nomor urut", "#"})

#: the words people type, normalised (lower case, single spaces), to the stored value
SYNONYMS = {
    "yes_no": {
        "ya": True, "y": True, "yes": True, "true": True, "1": True, "benar": True, "ada": True,
        "sudah": True, "v": True, "✓": True, "x": True,
        "tidak": False, "t": False, "tdk": False, "no": False, "n": False, "false": False,
        "0": False, "belum": False, "tidak ada": False, "-": False,
    },
    "kind": {
        "umum": "umum", "aplikasi umum": "umum", "au": "umum",
        "khusus": "khusus", "aplikasi khusus": "khusus", "ak": "khusus",
    },
    "lifecycle": {
        "aktif": "production", "produksi": "production", "operasional": "production",
        "berjalan": "production", "digunakan": "production", "production": "production",
        "nonaktif": "retired", "non aktif": "retired", "non-aktif": "retired",
        "tidak aktif": "retired", "pensiun": "retired", "dihentikan": "retired",
        "retired": "retired",
        "direncanakan": "planned", "rencana": "planned", "perencanaan": "planned",
        "planned": "planned",
        "pengembangan": "development", "dikembangkan": "development", "development": "development",
        "uji coba": "development", "ujicoba": "development",
        "dalam pengembangan": "development", "tahap pengembangan": "development",
        "dalam perencanaan": "planned", "tidak digunakan": "retired",
        "sudah tidak digunakan": "retired", "tidak dipakai": "retired", "mati": "retired",
        "tidak berjalan": "retired", "online": "production", "live": "production",
    },
    "channel": {
        "splp": "service_bus", "service bus": "service_bus", "esb": "service_bus",
        "bus": "service_bus", "service_bus": "service_bus",
        "api": "direct_api", "api langsung": "direct_api", "rest": "direct_api",
        "rest api": "direct_api", "web service": "direct_api", "webservice": "direct_api",
        "soap": "direct_api", "direct_api": "direct_api",
        "file": "file_transfer", "berkas": "file_transfer", "transfer berkas": "file_transfer",
        "ftp": "file_transfer", "sftp": "file_transfer", "file_transfer": "file_transfer",
        "database": "database_link", "basis data": "database_link", "db link": "database_link",
        "dblink": "database_link", "database_link": "database_link",
        "hyperlink": "hyperlink", "tautan": "hyperlink", "link": "hyperlink", "sso": "hyperlink",
        "login bersama": "hyperlink",
    },
    "link_status": {
        "aktif": "active", "active": "active", "berjalan": "active",
        "nonaktif": "retired", "non aktif": "retired", "tidak aktif": "retired",
        "retired": "retired", "pensiun": "retired",
        "usulan": "proposed", "diusulkan": "proposed", "rencana": "proposed",
        "proposed": "proposed",
    },
    "domain_status": {
        "aktif": "active", "active": "active",
        "ditangguhkan": "suspended", "suspend": "suspended", "suspended": "suspended",
        "nonaktif": "released", "non aktif": "released", "dilepas": "released",
        "released": "released",
    },
    #: hosting words, to the kind of data centre they mean; a data-centre code is also accepted
    "hosting": {
        "lokal": "own", "local": "own", "pusat data daerah": "own", "pdd": "own",
        "pusat": "pdn", "pdn": "pdn", "nasional": "pdn",
        "pdns": "pdns", "cloud": "cloud", "kolokasi": "colocation",
        "ruang server opd": "opd_server_room", "server opd": "opd_server_room",
        # the kinds as the pages name them
        "pusat data sendiri": "own", "pusat data nasional": "pdn", "pdn sementara": "pdns",
        "pusat data nasional sementara": "pdns", "colocation": "colocation",
    },
}

#: the words a problem message suggests for each choice column
CHOICE_HINTS = {
    "yes_no": "Ya, Tidak",
    "kind": "Umum, Khusus",
    "lifecycle": "aktif, nonaktif, direncanakan, pengembangan",
    "channel": "SPLP, API, berkas, basis data, hyperlink",
    "link_status": "aktif, nonaktif, usulan",
    "domain_status": "aktif, ditangguhkan, dilepas",
}

#: the word an export writes for a stored value; each reads back through SYNONYMS
EXPORT_WORDS = {
    "yes_no": {True: "Ya", False: "Tidak"},
    "kind": {"umum": "Umum", "khusus": "Khusus"},
    "lifecycle": {"production": "aktif", "retired": "nonaktif", "planned": "direncanakan",
                  "development": "pengembangan"},
    "channel": {"service_bus": "SPLP", "direct_api": "API", "file_transfer": "berkas",
                "database_link": "basis data", "hyperlink": "hyperlink"},
    "link_status": {"active": "aktif", "retired": "nonaktif", "proposed": "usulan"},
    "domain_status": {"active": "aktif", "suspended": "ditangguhkan", "released": "dilepas"},
}

#: the example rows of the template, as typed; a row left exactly so is skipped on import (the
#: names say "Contoh", so that no real row is ever taken for one)
EXAMPLES = {
    "units": (
        {"code": "CONTOH-DINKES", "name": "Contoh: Dinas Kesehatan", "acronym": "Dinkes",
         "is_ict_unit": "Tidak"},
        {"code": None, "name": "Contoh: Dinas Komunikasi dan Informatika",
         "acronym": "Diskominfo", "is_ict_unit": "Ya"},
    ),
    "applications": (
        {"code": "CONTOH-SIMPUS", "name": "Contoh: Sistem Informasi Puskesmas",
         "acronym": "SIMPUS", "description": "Rekam medis dan pelaporan puskesmas.",
         "kind": "Khusus", "unit_code": "CONTOH-DINKES", "lifecycle": "aktif",
         "started_year": 2019, "reference_code": "RAA.02.01", "service_codes": "RAL.02.03",
         "hosting": "Lokal", "url": "https://simpus.contoh.go.id", "unit_name": None},
        {"code": None, "name": "Contoh: Srikandi", "acronym": None,
         "description": "Tata naskah dinas elektronik.", "kind": "Umum", "unit_code": None,
         "lifecycle": "aktif", "started_year": "-", "reference_code": None,
         "service_codes": None, "hosting": "Pusat", "url": "srikandi.go.id",
         "unit_name": "Contoh: Dinas Komunikasi dan Informatika"},
    ),
    "links": (
        {"provider_code": "CONTOH-SIMPUS", "consumer_code": None, "channel": "SPLP",
         "data_exchanged": "Jumlah kunjungan pasien", "protocol": "REST", "status": "aktif",
         "provider_name": None, "consumer_name": "Contoh: Srikandi"},
    ),
    "domains": (
        {"fqdn": "simpus.contoh.go.id", "unit_code": "CONTOH-DINKES",
         "application_code": "CONTOH-SIMPUS", "status": "aktif",
         "technical_contact": "tim-simpus@contoh.go.id", "hosted_in_indonesia": "Ya",
         "tls_expires_on": "31/12/2026", "unit_name": None, "application_name": None},
    ),
}

_BLANK = ("Kosong, \u201c-\u201d, \u201cn/a\u201d, \u201c?\u201d atau "
          "\u201cbelum ada\u201d berarti "
          "tidak diketahui.")

#: what each column holds, for the template's explanation sheet (Bahasa Indonesia)
COLUMN_HELP = {
    "units": {
        "code": "Kode singkat OPD, unik di instansi. Boleh kosong: registri memberi kode dari "
                "singkatan atau OPD-001 dan seterusnya.",
        "name": "Nama lengkap OPD.",
        "acronym": "Singkatan yang dipakai sehari-hari (Dinkes, Bappeda). " + _BLANK,
        "is_ict_unit": "Ya untuk unit TIK (Diskominfo) yang menjadi tempat konsultasi "
                       "pembangunan aplikasi; Tidak untuk yang lain.",
    },
    "applications": {
        "code": "Kode aplikasi, unik di instansi. Boleh kosong: registri memberi kode APP-0001 "
                "dan seterusnya, lalu mencocokkan impor berikutnya menurut OPD dan nama.",
        "name": "Nama aplikasi.",
        "acronym": "Nama singkat aplikasi. " + _BLANK,
        "description": "Fungsi aplikasi, boleh beberapa baris. " + _BLANK,
        "kind": "Umum (aplikasi umum nasional, mis. Srikandi) atau Khusus (dibangun instansi).",
        "unit_code": "OPD pemilik: kodenya, singkatannya atau namanya. Isi kolom ini atau "
                     "Nama OPD.",
        "lifecycle": "aktif, nonaktif, direncanakan atau pengembangan (huruf besar atau kecil "
                     "sama saja). Kata lain dapat dipetakan di halaman impor.",
        "started_year": "Tahun mulai dipakai, mis. 2019. " + _BLANK,
        "reference_code": "Kode Referensi Arsitektur Aplikasi, mis. RAA.02.01. " + _BLANK,
        "service_codes": "Kode layanan RAL yang didukung, dipisah koma: RAL.02.03, RAL.02.05.",
        "hosting": "Tempat aplikasi berjalan: kode atau nama pusat data instansi (seperti di "
                   "halaman Infrastruktur), atau Lokal, Pusat/PDN, PDN Sementara, Cloud.",
        "url": "Alamat web; boleh tanpa https:// dan dengan huruf besar. Alamat di bawah zona "
               "instansi dapat langsung didaftarkan di register domain. " + _BLANK,
        "unit_name": "Nama OPD pemilik bila kodenya tidak diketahui. OPD yang belum ada dibuat.",
    },
    "links": {
        "provider_code": "Kode aplikasi yang menyediakan data (atau isi Nama Aplikasi Penyedia).",
        "consumer_code": "Kode aplikasi yang memakai data (atau isi Nama Aplikasi Konsumen).",
        "channel": "SPLP, API, berkas, basis data atau hyperlink.",
        "data_exchanged": "Data yang dipertukarkan.",
        "protocol": "Protokol, mis. REST, SOAP, SFTP.",
        "status": "aktif, nonaktif atau usulan.",
        "provider_name": "Nama aplikasi penyedia bila kodenya tidak diketahui.",
        "consumer_name": "Nama aplikasi konsumen bila kodenya tidak diketahui.",
    },
    "domains": {
        "fqdn": "Nama domain lengkap di bawah zona instansi, mis. simpus.contoh.go.id.",
        "unit_code": "OPD pemilik: kode, singkatan atau nama (atau isi Nama OPD).",
        "application_code": "Kode aplikasi yang memakai domain ini. " + _BLANK,
        "status": "aktif, ditangguhkan atau dilepas.",
        "technical_contact": "Kontak teknis pengelola. " + _BLANK,
        "hosted_in_indonesia": "Ya atau Tidak.",
        "tls_expires_on": "Tanggal berakhir sertifikat TLS, mis. 31/12/2026. " + _BLANK,
        "unit_name": "Nama OPD pemilik bila kodenya tidak diketahui.",
        "application_name": "Nama aplikasi bila kodenya tidak diketahui.",
    },
}
