"""The import template: sheets, Indonesian headers, and the local habits the cells are read with.

Real inventories arrive as spreadsheets typed by many hands: "aktif" for in production, "Ya" for
true, "Lokal" for the instansi's own server room. Each choice column lists the words people use.
"""

__all__ = ["CHOICE_HINTS", "EXPORT_WORDS", "SHEETS", "SYNONYMS"]

#: column kinds: text, long_text, yes_no, year, date, choice:<group>, codes:<prefix>, code:<prefix>
#: (key, header, kind, required, max length, other headers seen in the wild)
SHEETS = {
    "units": {
        "title": "OPD",
        "key": ("code",),
        "columns": (
            ("code", "Kode OPD", "text", True, 40, ("kode", "kode unit", "kode perangkat daerah")),
            ("name", "Nama OPD", "text", True, 200, ("nama", "nama unit", "perangkat daerah",
                                                     "nama perangkat daerah")),
            ("acronym", "Singkatan", "text", False, 40, ("akronim",)),
            ("is_ict_unit", "Unit TIK", "yes_no", False, None, ("diskominfo", "unit tik?")),
        ),
    },
    "applications": {
        "title": "Aplikasi",
        "key": ("code",),
        "columns": (
            ("code", "Kode Aplikasi", "text", True, 40, ("kode", "kode app", "id aplikasi")),
            ("name", "Nama Aplikasi", "text", True, 200, ("nama", "aplikasi", "nama app")),
            ("acronym", "Singkatan", "text", False, 40, ("akronim", "nama singkat")),
            ("description", "Deskripsi", "long_text", False, 10000,
             ("keterangan", "fungsi", "deskripsi aplikasi", "uraian")),
            ("kind", "Jenis", "choice:kind", False, None, ("jenis aplikasi", "umum/khusus")),
            ("unit_code", "Kode OPD", "text", True, 40, ("opd", "kode unit", "pemilik",
                                                         "opd pemilik")),
            ("lifecycle", "Status", "choice:lifecycle", False, None,
             ("status aplikasi", "siklus hidup", "kondisi")),
            ("started_year", "Tahun Mulai", "year", False, None,
             ("tahun", "tahun pembuatan", "tahun dibangun", "tahun operasional")),
            ("reference_code", "Kode RAA", "code:RAA", False, None, ("raa", "kode referensi")),
            ("service_codes", "Layanan RAL", "codes:RAL", False, None, ("ral", "kode layanan")),
            ("hosting", "Hosting", "text", False, 40, ("lokasi server", "server", "hosting di",
                                                       "pusat data")),
            ("url", "Alamat Web", "url", False, 500, ("url", "alamat", "link", "tautan")),
        ),
    },
    "links": {
        "title": "Integrasi",
        "key": ("provider_code", "consumer_code", "channel"),
        "columns": (
            ("provider_code", "Kode Aplikasi Penyedia", "text", True, 40,
             ("penyedia", "aplikasi penyedia", "sumber data", "dari")),
            ("consumer_code", "Kode Aplikasi Konsumen", "text", True, 40,
             ("konsumen", "aplikasi konsumen", "pemakai data", "ke")),
            ("channel", "Kanal", "choice:channel", True, None, ("media integrasi", "metode",
                                                                 "cara integrasi")),
            ("data_exchanged", "Data", "text", False, 300, ("data yang dipertukarkan",
                                                            "jenis data")),
            ("protocol", "Protokol", "text", False, 60, ()),
            ("status", "Status", "choice:link_status", False, None, ("status integrasi",)),
        ),
    },
    "domains": {
        "title": "Domain",
        "key": ("fqdn",),
        "columns": (
            ("fqdn", "Nama Domain", "text", True, 253, ("domain", "subdomain", "sub domain",
                                                        "alamat domain")),
            ("unit_code", "Kode OPD", "text", True, 40, ("opd", "pemilik")),
            ("application_code", "Kode Aplikasi", "text", False, 40, ("aplikasi",)),
            ("status", "Status", "choice:domain_status", False, None, ()),
            ("technical_contact", "Kontak Teknis", "text", False, 200, ("kontak", "pengelola")),
            ("hosted_in_indonesia", "Di Indonesia", "yes_no", False, None,
             ("hosting di indonesia", "server di indonesia")),
            ("tls_expires_on", "TLS Berlaku Sampai", "date", False, None,
             ("ssl", "masa berlaku ssl", "tls", "sertifikat")),
        ),
    },
}

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
