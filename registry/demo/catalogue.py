"""Names the demo dataset draws from: a realistic province's OPDs and applications."""
# ruff: noqa: E501  (data rows read better on one line)

#: (code, name, acronym, sub-domain label, topics for generated applications)
UNITS = (
    ("SETDA", "Sekretariat Daerah", "Setda", "setda", ("Tata Naskah", "Agenda Pimpinan", "Protokol")),
    ("SETWAN", "Sekretariat DPRD", "Setwan", "dprd", ("Persidangan", "Aspirasi Masyarakat")),
    ("INSPEKTORAT", "Inspektorat", "Itprov", "inspektorat", ("Pengawasan", "Tindak Lanjut Temuan")),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "Bappeda", "bappeda", ("Perencanaan", "Musrenbang", "Monev Pembangunan")),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "bpkad", ("Keuangan Daerah", "Aset Daerah", "Kas Daerah")),
    ("BAPENDA", "Badan Pendapatan Daerah", "Bapenda", "bapenda", ("Pajak Kendaraan", "Retribusi", "Pendapatan")),
    ("BKD", "Badan Kepegawaian Daerah", "BKD", "bkd", ("Kepegawaian", "Presensi", "Kenaikan Pangkat")),
    ("BPSDM", "Badan Pengembangan Sumber Daya Manusia", "BPSDM", "bpsdm", ("Diklat", "Kompetensi ASN")),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "BPBD", "bpbd", ("Kebencanaan", "Peringatan Dini")),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "Kesbangpol", "kesbangpol", ("Ormas", "Kewaspadaan Dini")),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", "Satpol PP", "satpolpp", ("Ketertiban Umum", "Penegakan Perda")),
    ("DISDIK", "Dinas Pendidikan", "Disdik", "disdik", ("Data Sekolah", "PPDB", "Beasiswa")),
    ("DINKES", "Dinas Kesehatan", "Dinkes", "dinkes", ("Surveilans Penyakit", "Gizi Masyarakat", "Rujukan")),
    ("RSUD", "Rumah Sakit Umum Daerah", "RSUD", "rsud", ("Rekam Medis", "Antrean Pasien", "Farmasi")),
    ("DINSOS", "Dinas Sosial", "Dinsos", "dinsos", ("Bantuan Sosial", "Data Kesejahteraan Sosial")),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", "pupr", ("Jalan dan Jembatan", "Tata Ruang", "Irigasi")),
    ("DISHUB", "Dinas Perhubungan", "Dishub", "dishub", ("Angkutan Umum", "Uji Kendaraan")),
    ("DISKOMINFO", "Dinas Komunikasi, Informatika, Statistik dan Persandian", "Diskominfo", "diskominfo", ("Layanan TIK", "Statistik Sektoral", "Persandian")),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", "dpmptsp", ("Perizinan", "Investasi")),
    ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "disdukcapil", ("Kependudukan", "Akta Catatan Sipil")),
    ("DISTAN", "Dinas Pertanian dan Ketahanan Pangan", "Distan", "distan", ("Pupuk Bersubsidi", "Harga Pangan")),
    ("DKP", "Dinas Kelautan dan Perikanan", "DKP", "dkp", ("Nelayan", "Perizinan Kapal")),
    ("DISPAR", "Dinas Pariwisata", "Dispar", "dispar", ("Destinasi Wisata", "Event Pariwisata")),
    ("DLH", "Dinas Lingkungan Hidup", "DLH", "dlh", ("Kualitas Udara", "Pengelolaan Sampah", "AMDAL")),
    ("DISKOPUKM", "Dinas Koperasi dan UKM", "Diskop UKM", "diskopukm", ("Koperasi", "UMKM")),
    ("DISNAKERTRANS", "Dinas Tenaga Kerja dan Transmigrasi", "Disnakertrans", "disnakertrans", ("Bursa Kerja", "Pengawasan Ketenagakerjaan")),
    ("DISPERPUSIP", "Dinas Perpustakaan dan Kearsipan", "Dispusip", "dispusip", ("Perpustakaan Digital", "Arsip Statis")),
    ("DISPERINDAG", "Dinas Perindustrian dan Perdagangan", "Disperindag", "disperindag", ("Harga Bahan Pokok", "Metrologi")),
    ("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", "dpmd", ("Profil Desa", "Dana Desa")),
    ("DP3AKB", "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan KB", "DP3AKB", "dp3akb", ("Perlindungan Anak", "Kekerasan Perempuan")),
    ("DISPORA", "Dinas Kepemudaan dan Olahraga", "Dispora", "dispora", ("Atlet", "Kepemudaan")),
    ("DISBUD", "Dinas Kebudayaan", "Disbud", "disbud", ("Cagar Budaya", "Seni Budaya")),
    ("DISHUT", "Dinas Kehutanan", "Dishut", "dishut", ("Hutan Sosial", "Kebakaran Hutan")),
    ("DESDM", "Dinas Energi dan Sumber Daya Mineral", "DESDM", "esdm", ("Perizinan Tambang", "Energi Terbarukan")),
    ("DISPERKIM", "Dinas Perumahan dan Kawasan Permukiman", "Disperkim", "perkim", ("Rumah Tidak Layak Huni", "Kawasan Kumuh")),
    ("DISNAK", "Dinas Peternakan dan Kesehatan Hewan", "Disnak", "disnak", ("Kesehatan Hewan", "Populasi Ternak")),
    ("BIROHUKUM", "Biro Hukum", "Biro Hukum", "jdih", ("Produk Hukum",)),
    ("BIROORG", "Biro Organisasi", "Biro Organisasi", "organisasi", ("Kelembagaan", "Reformasi Birokrasi")),
    ("BIROPBJ", "Biro Pengadaan Barang dan Jasa", "Biro PBJ", "lpse", ("Pengadaan",)),
    ("BIROADPIM", "Biro Administrasi Pimpinan", "Biro Adpim", "humas", ("Humas", "Dokumentasi Pimpinan")),
    ("BIROPEM", "Biro Pemerintahan dan Otonomi Daerah", "Biro Pemotda", "pemotda", ("Batas Wilayah", "Kerja Sama Daerah")),
    ("BIROEKBANG", "Biro Perekonomian dan Administrasi Pembangunan", "Biro Ekbang", "ekbang", ("BUMD", "Pengendalian Pembangunan")),
    ("BIROKESRA", "Biro Kesejahteraan Rakyat", "Biro Kesra", "kesra", ("Hibah Bansos",)),
    ("BIROUMUM", "Biro Umum", "Biro Umum", "biroumum", ("Kendaraan Dinas", "Rumah Tangga")),
    ("RSJ", "Rumah Sakit Jiwa Daerah", "RSJ", "rsj", ("Rekam Medis Jiwa",)),
)

#: well-known applications: (name, acronym, unit code, kind, national, service indicator, description)
KNOWN_APPLICATIONS = (
    ("SIPD", "SIPD", "BAPPEDA", "umum", True, 32, "Sistem Informasi Pemerintahan Daerah dari Kemendagri: perencanaan, penganggaran dan penatausahaan."),
    ("e-Planning", "e-Planning", "BAPPEDA", "khusus", False, 32, "Perencanaan pembangunan daerah dan musrenbang daring."),
    ("e-Budgeting", "e-Budgeting", "BPKAD", "khusus", False, 33, "Penyusunan RKA dan APBD."),
    ("SIPKD", "SIPKD", "BPKAD", "khusus", False, 34, "Penatausahaan keuangan daerah."),
    ("SIMDA Keuangan", "SIMDA", "BPKAD", "khusus", False, 34, "Akuntansi dan pelaporan keuangan daerah."),
    ("SIMBADA", "SIMBADA", "BPKAD", "khusus", False, 38, "Pengelolaan barang milik daerah."),
    ("SPSE (LPSE)", "SPSE", "BIROPBJ", "umum", True, 35, "Sistem Pengadaan Secara Elektronik dari LKPP."),
    ("SIRUP", "SIRUP", "BIROPBJ", "umum", True, 35, "Rencana umum pengadaan dari LKPP."),
    ("SIMPEG", "SIMPEG", "BKD", "khusus", False, 36, "Sistem Informasi Manajemen Kepegawaian daerah."),
    ("SIASN", "SIASN", "BKD", "umum", True, 36, "Sistem Informasi ASN dari BKN."),
    ("e-Kinerja", "e-Kinerja", "BKD", "khusus", False, 41, "Penilaian kinerja pegawai bulanan."),
    ("SRIKANDI", "SRIKANDI", "DISPERPUSIP", "umum", True, 37, "Sistem Informasi Kearsipan Dinamis Terintegrasi (KepmenPANRB 679/2020)."),
    ("e-Office", "e-Office", "SETDA", "khusus", False, 37, "Persuratan elektronik lama, menunggu migrasi ke SRIKANDI."),
    ("SIKD", "SIKD", "DISPERPUSIP", "khusus", False, 37, "Sistem Informasi Kearsipan Dinamis versi lama."),
    ("SIMWAS", "SIMWAS", "INSPEKTORAT", "khusus", False, 39, "Manajemen pengawasan internal."),
    ("e-SAKIP", "SAKIP", "BIROORG", "khusus", False, 40, "Sistem Akuntabilitas Kinerja Instansi Pemerintah."),
    ("SP4N-LAPOR!", "LAPOR", "DISKOMINFO", "umum", True, 42, "Pengaduan pelayanan publik nasional."),
    ("Portal Satu Data", "Satu Data", "DISKOMINFO", "khusus", False, 43, "Portal data terbuka provinsi."),
    ("PPID", "PPID", "DISKOMINFO", "khusus", False, 43, "Layanan informasi publik."),
    ("JDIH", "JDIH", "BIROHUKUM", "khusus", False, 44, "Jaringan Dokumentasi dan Informasi Hukum."),
    ("SiCantik Cloud", "SiCantik", "DPMPTSP", "umum", True, 45, "Perizinan terpadu dari Kominfo."),
    ("OSS RBA", "OSS", "DPMPTSP", "umum", True, 45, "Perizinan berusaha berbasis risiko."),
    ("SIMRS", "SIMRS", "RSUD", "khusus", False, 46, "Sistem Informasi Manajemen Rumah Sakit."),
    ("SIKDA Generik", "SIKDA", "DINKES", "umum", True, 46, "Sistem Informasi Kesehatan Daerah."),
    ("SATUSEHAT", "SATUSEHAT", "DINKES", "umum", True, 46, "Platform data kesehatan nasional."),
    ("Dapodik", "Dapodik", "DISDIK", "umum", True, 47, "Data Pokok Pendidikan dari Kemendikdasmen."),
    ("PPDB Online", "PPDB", "DISDIK", "khusus", False, 47, "Penerimaan peserta didik baru SMA/SMK."),
    ("SIAK Terpusat", "SIAK", "DISDUKCAPIL", "umum", True, None, "Administrasi kependudukan dari Dukcapil."),
    ("e-Samsat", "e-Samsat", "BAPENDA", "khusus", False, 45, "Pembayaran pajak kendaraan bermotor."),
    ("e-Retribusi", "e-Retribusi", "BAPENDA", "khusus", False, None, "Penerimaan retribusi daerah."),
    ("SIKS-NG", "SIKS-NG", "DINSOS", "umum", True, None, "Data Terpadu Kesejahteraan Sosial dari Kemensos."),
    ("InaRISK", "InaRISK", "BPBD", "umum", True, None, "Kajian risiko bencana dari BNPB."),
    ("Presensi Online", "Presensi", "BKD", "khusus", False, None, "Presensi pegawai berbasis lokasi."),
    ("Website Resmi Provinsi", "Web Prov", "DISKOMINFO", "khusus", False, None, "Portal berita dan informasi resmi."),
)

#: integration hubs: data each hub provides
HUB_DATA = {
    "SIMPEG": "Data pegawai",
    "SIASN": "Data ASN nasional",
    "SIPD": "Data perencanaan dan anggaran",
    "e-Budgeting": "Data anggaran",
    "SIAK Terpusat": "NIK penduduk",
    "SIPKD": "Data realisasi keuangan",
    "SIMBADA": "Data aset",
    "Portal Satu Data": "Dataset sektoral",
}

DATA_KINDS = ("Data layanan", "Data rekap bulanan", "Data statistik", "Data permohonan",
              "Data wilayah", "Data referensi", "Data kegiatan", "Data penerima")
PROTOCOLS = {"service_bus": "REST/JSON", "direct_api": "REST/JSON", "file_transfer": "SFTP",
             "database_link": "JDBC", "hyperlink": "HTTPS"}
PREFIXES = ("Sistem Informasi", "Aplikasi", "e-", "Portal")
PLACE_ROOTS = ("Suka", "Maju", "Sinar", "Bumi", "Tanjung", "Karang", "Sari", "Mekar", "Jaya",
               "Teluk", "Gunung", "Bukit", "Air", "Batu", "Lubuk", "Muara", "Padang", "Sungai")
PLACE_ENDS = ("maju", "makmur", "jaya", "raya", "indah", "sari", "mulya", "harapan", "baru",
              "tengah", "permai", "asri", "lestari", "sejahtera")

#: the demo province's reference catalogue (no RAK yet: a realistic gap)
REFERENCE_ENTRIES = (
    ("RAB.01.01", "Pemerintahan umum"),
    ("RAB.02.05", "Kesehatan"),
    ("RAD.04.01", "Data kepegawaian"),
    ("RAD.04.02", "Data keuangan daerah"),
    ("RAL.02.03.02", "Layanan kepegawaian"),
    ("RAL.02.02.01", "Layanan penganggaran"),
    ("RAL.01.01.01", "Layanan pengaduan publik"),
    ("RAA.01.02", "Aplikasi Umum bidang administrasi pemerintahan"),
    ("RAA.02.02", "Aplikasi Khusus fungsi tertentu"),
    ("RAI.01.01", "Pusat data"),
)

#: service indicator -> the RAL code an application serving it supports
SERVICE_CODES = {33: "RAL.02.02.01", 36: "RAL.02.03.02", 41: "RAL.02.03.02",
                 42: "RAL.01.01.01"}


#: the demo province's 2025 self-assessment under PermenPANRB 59/2020 (finalised): the levels
#: the assessors entered for the indicators the registry does not compute
ASSESSED_2025 = {
    3: 2, 8: 2, 10: 3, 13: 2, 14: 2, 19: 3, 20: 2, 21: 2, 22: 2, 23: 2, 25: 2, 26: 1, 27: 2,
    28: 2, 32: 3, 33: 3, 34: 3, 35: 4, 36: 3, 37: 3, 38: 2, 39: 2, 40: 3, 41: 3, 42: 3, 43: 2,
    44: 3, 45: 2, 46: 2, 47: 2,
}
#: its 2026 draft under the Indeks Pemdi (PermenPANRB 8/2026), copied forward from 2025:
#: indicator -> (level, note, evidence, source of a value another authority computes);
#: the others are still marked "to be reassessed"
ENTERED_2026 = {
    4: (3, "Forum koordinasi Pemdi bertemu tiap triwulan; kokreasi dengan dua kabupaten",
        "SK Tim Koordinasi Pemdi No. 7/2026", None),
    5: (3, "Nilai tata kelola data dari Kementerian PPN/Bappenas", "Surat Bappenas 2026",
        ("Kementerian PPN/Bappenas (Satu Data Indonesia)", "2026-09-15")),
    10: (2, "Indeks KAMI dari BSSN", "Laporan Indeks KAMI 2026",
         ("Badan Siber dan Sandi Negara", "2026-08-30")),
    19: (3, "Layanan bantuan terpadu dengan SOP dan pemantauan pengaduan SP4N-LAPOR!",
         "SOP Layanan Bantuan No. 3/2026", None),
    20: (2, "Survei kepuasan pengguna pertama dijalankan", "Laporan SKM Semester I 2026", None),
}
