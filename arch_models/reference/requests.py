"""What OPD requests are checked against: DNS label rules, reserved names, the Aplikasi Umum.

docs/reference.md §6: sub-domain labels follow DNS rules; a new application that does what an
Aplikasi Umum (designated nationally for shared use) does is stopped at the door.
"""

__all__ = [
    "ABBREVIATIONS",
    "ACRONYM_HEADS",
    "APLIKASI_UMUM",
    "GENERIC_WORDS",
    "KNOWN_ROOTS",
    "LABEL_MAX",
    "PHRASES",
    "PROCESS_ROOTS",
    "RESERVED_LABELS",
    "STOPWORDS",
    "SYNONYMS",
    "UNIT_SHORT_NAMES",
    "UNIT_WORDS",
]

LABEL_MAX = 63

#: labels kept for the zone's own services and commonly abused names
RESERVED_LABELS = frozenset({
    "www", "mail", "email", "webmail", "smtp", "pop", "pop3", "imap", "mx", "ns", "ns1", "ns2",
    "ns3", "ns4", "dns", "ftp", "sftp", "vpn", "proxy", "autodiscover", "autoconfig", "cpanel",
    "whm", "admin", "administrator", "root", "localhost", "api", "cdn", "static", "portal",
    "sso", "login", "intranet", "test", "dev", "staging",
})

#: words that say nothing about what an application does (Bahasa Indonesia and English)
GENERIC_WORDS = frozenset({
    "sistem", "informasi", "aplikasi", "app", "apps", "elektronik", "online", "daring", "digital",
    "berbasis", "web", "website", "mobile", "android", "terpadu", "terintegrasi", "integrasi",
    "daerah", "provinsi", "kabupaten", "kota", "pemerintah", "pemda", "pemprov", "pemkab",
    "pemkot", "smart", "e", "si", "sim", "baru", "versi", "v2", "layanan", "pelayanan", "data",
    "manajemen", "pengelolaan", "portal", "platform", "dinas", "badan", "opd", "untuk",
})

#: small words skipped when matching acronyms and comparing functions
STOPWORDS = frozenset({"dan", "di", "ke", "dari", "yang", "untuk", "serta", "atau", "pada",
                       "dengan", "bagi", "the", "of", "and", "for",
                       "oleh", "secara", "melalui", "tentang", "terhadap", "dalam", "sebagai",
                       "per", "tiap", "setiap", "seluruh", "semua", "non", "antar", "berdasarkan",
                       "sesuai", "a", "to", "in", "on", "by", "with"})

#: Aplikasi Umum: (name, acronym, what it does, the word roots of its function, RAL code)
#: The roots are compared after the affixes are stripped (kearsipan -> arsip, pengaduan -> adu).
APLIKASI_UMUM = (
    ("SRIKANDI", "SRIKANDI",
     "Sistem Informasi Kearsipan Dinamis Terintegrasi (KepmenPANRB 679/2020): persuratan, "
     "tata naskah dinas, disposisi dan arsip dinamis.",
     frozenset({"arsip", "surat", "naskah", "disposisi", "korespondensi", "office"}), "RAL.02.06"),
    ("SP4N-LAPOR!", "LAPOR",
     "Sistem Pengelolaan Pengaduan Pelayanan Publik Nasional: pengaduan dan aspirasi masyarakat.",
     frozenset({"adu", "aspirasi", "keluh", "lapor"}), "RAL.01.09"),
    ("SIPD", "SIPD",
     "Sistem Informasi Pemerintahan Daerah (Kemendagri): perencanaan, penganggaran dan "
     "penatausahaan keuangan daerah.",
     frozenset({"anggar", "rencana", "penatausaha", "rka", "apbd", "dpa"}), "RAL.02.01"),
    ("SPSE", "SPSE",
     "Sistem Pengadaan Secara Elektronik (LKPP): tender dan lelang pengadaan barang/jasa.",
     frozenset({"ada", "lelang", "tender", "barang", "jasa"}), "RAL.02.04"),
    ("SIASN", "SIASN",
     "Sistem Informasi ASN (BKN): data dan layanan kepegawaian aparatur sipil negara.",
     frozenset({"pegawai", "asn", "pns", "kepegawai"}), "RAL.02.05"),
    ("e-Kinerja BKN", "EKINERJA",
     "Penilaian kinerja pegawai (SKP) nasional dari BKN.",
     frozenset({"kinerja", "skp"}), "RAL.02.10"),
    ("SiCantik Cloud", "SICANTIK",
     "Sistem Informasi Perizinan Terpadu (Kominfo) untuk DPMPTSP.",
     frozenset({"izin", "nonberusaha"}), "RAL.01.05"),
    ("SATUSEHAT", "SATUSEHAT",
     "Platform pertukaran data kesehatan nasional (Kemenkes): rekam medis elektronik terhubung.",
     frozenset({"rekam", "medis", "sehat"}), "RAL.01.03"),
    ("JDIH Nasional", "JDIHN",
     "Jaringan Dokumentasi dan Informasi Hukum: produk hukum daerah.",
     frozenset({"hukum", "atur", "perda", "jdih", "produk"}), "RAL.02.09"),
)

#: roots the affix stripper stops at: without a dictionary "perencanaan" could be (r)encana and
#: "pemakaman" (p)akam; a known root settles it. Words that only look affixed (pegawai, perda)
#: are listed so they stay whole.
KNOWN_ROOTS = frozenset({
    "adu", "ada", "aju", "akses", "anggar", "arsip", "atur", "awas", "bangun", "bantu", "bayar",
    "catat", "cetak", "daftar", "didik", "gawai", "hasil", "hitung", "huni", "izin", "kelola",
    "kembang", "kendali", "kirim", "kumpul", "lapor", "latih", "lelang", "makam", "manfaat",
    "mohon", "mukim", "mutakhir", "nikah", "nilai", "nomor", "olah", "pantau", "pegawai",
    "pelihara", "penduduk", "perda", "perempuan", "periksa", "perintah", "pilih", "pinjam",
    "potong", "pustaka", "rawat", "rekam", "rencana", "rumah", "ruang", "sakit", "sehat",
    "setuju", "surat", "susun", "tagih", "tanggulang", "tata", "terbit", "terima", "tetap",
    "uang", "uji", "ukur", "umum", "usaha", "wisata",
})

#: synonyms and English names folded onto one Indonesian root (after affix stripping)
SYNONYMS = {
    "absensi": "absen", "presensi": "absen", "hadir": "absen", "attendance": "absen",
    "ijin": "izin", "permit": "izin", "license": "izin", "licensing": "izin", "perijinan": "izin",
    "budget": "anggar", "budgeting": "anggar", "planning": "rencana", "plan": "rencana",
    "procurement": "ada", "complaint": "adu", "complaints": "adu", "archive": "arsip",
    "archives": "arsip", "mail": "surat", "letter": "surat", "payroll": "gaji",
    "performance": "kinerja", "asset": "aset", "assets": "aset", "tax": "pajak",
    "library": "pustaka", "health": "sehat", "school": "sekolah",
    "monitoring": "pantau", "employee": "pegawai", "staff": "pegawai", "asn": "pegawai",
    "pns": "pegawai", "naskah": "surat", "office": "surat", "korespondensi": "surat",
    "finance": "uang", "financial": "uang", "legal": "hukum", "law": "hukum",
}

#: abbreviations spelled out before comparing (not application names: those are matched as
#: acronyms)
ABBREVIATIONS = {
    "bmd": ("barang", "milik", "daerah"),
    "rs": ("rumah", "sakit"),
    "rsud": ("rumah", "sakit", "umum", "daerah"),
    "tpp": ("tambahan", "penghasilan", "pegawai"),
    "skp": ("sasaran", "kinerja", "pegawai"),
    "pbg": ("persetujuan", "bangunan", "gedung"),
    "imb": ("izin", "mendirikan", "bangunan"),
    "apbd": ("anggaran", "pendapatan", "belanja", "daerah"),
    "umkm": ("usaha", "mikro", "kecil", "menengah"),
    "ktp": ("kartu", "tanda", "penduduk"),
    "kk": ("kartu", "keluarga"),
    "bansos": ("bantuan", "sosial"),
    "musrenbang": ("musyawarah", "perencanaan", "pembangunan"),
}

#: phrases that name one thing, folded onto one root before comparing
PHRASES = {
    ("barang", "milik", "daerah"): "aset",
    ("barang", "milik", "negara"): "aset",
    ("barang", "daerah"): "aset",
}

#: words that designate an OPD: the field after them ("Dinas Kesehatan") says which OPD runs an
#: application, not what it does
UNIT_WORDS = frozenset({"dinas", "badan", "kantor", "bagian", "bidang", "sekretariat", "biro",
                        "upt", "uptd", "satuan", "seksi", "subbagian"})

#: the short names OPDs go by ("SIMPEG Dinkes"): they say who, not what
UNIT_SHORT_NAMES = frozenset({
    "dinkes", "disdik", "dikbud", "disdikbud", "disdukcapil", "dukcapil", "dispendukcapil",
    "dinsos", "dishub", "diskominfo", "kominfo", "dpmptsp", "bkpsdm", "bkd", "bkpp", "bapenda",
    "bpkad", "bpkpd", "bappeda", "bapelitbangda", "bpbd", "dlh", "dpupr", "pupr", "disperindag",
    "disnaker", "disnakertrans", "dispar", "disbudpar", "dispora", "dkpp", "dp3a", "dp3akb",
    "dppkb", "satpolpp", "setda", "setwan", "inspektorat", "kesbangpol", "diskopukm",
    "disperkim", "dpmd", "dpmpd", "pemdes", "opd", "skpd",
})

#: how an acronym often starts: "SIstem Informasi (Manajemen)", "Elektronik"
ACRONYM_HEADS = ("sim", "si", "e")

#: roots of what is done (register, decide, pay...) rather than what it is done to; two
#: applications sharing only these do different jobs the same way
PROCESS_ROOTS = frozenset({
    "daftar", "mohon", "tetap", "bayar", "catat", "pantau", "terbit", "susun", "hitung", "input",
    "cetak", "cari", "olah", "kelola", "penatausaha", "inventarisasi", "publikasi", "verifikasi",
    "validasi", "rekap", "proses", "buat", "kirim", "terima", "laksana", "kegiatan", "giat",
    "masyarakat", "warga", "publik", "umum", "induk", "sistem", "evaluasi",
})
