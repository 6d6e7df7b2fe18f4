"""Labelled proposal/candidate pairs for the duplicate detector, written before it was tuned.

A pair is a duplicate when the proposed application would do the job the candidate already does
(for the instansi, whichever OPD runs it), or an Aplikasi Umum already does it. Near-misses share
generic words, an OPD, a service code, an acronym's letters or a word, but not the job. Some pairs
are hard on purpose; the figures in scripts/eval_duplicates.py are honest only if none was changed
to suit the detector.
"""

from itertools import count
from typing import NamedTuple

from arch_models.duplicates import (
    THRESHOLD,
    Candidate,
    Match,
    Proposal,
    aplikasi_umum_candidates,
    score_pair,
)

__all__ = ["HOLDOUT", "PAIRS", "Figures", "LabelledPair", "evaluate"]

_ids = count(1)


class LabelledPair(NamedTuple):
    """One judged pair and why."""

    proposal: Proposal
    candidate: Candidate
    is_duplicate: bool
    note: str


class Figures(NamedTuple):
    """How the detector does on a labelled set at one threshold."""

    threshold: float
    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int
    wrong: tuple[tuple[LabelledPair, Match], ...]  # the pairs it gets wrong, with its match

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        duplicates = self.true_positives + self.false_negatives
        return self.true_positives / duplicates if duplicates else 1.0


def evaluate(pairs, threshold=THRESHOLD) -> Figures:
    """Score every pair and count what the threshold gets right and wrong."""
    counts = {(True, True): 0, (False, True): 0, (True, False): 0, (False, False): 0}
    wrong = []
    for pair in pairs:
        match = score_pair(pair.proposal, pair.candidate)
        flagged = match.score >= threshold
        counts[(flagged, pair.is_duplicate)] += 1
        if flagged != pair.is_duplicate:
            wrong.append((pair, match))
    return Figures(threshold, counts[(True, True)], counts[(True, False)], counts[(False, True)],
                   counts[(False, False)], tuple(wrong))


def ask(name, purpose="", acronym="", ral=(), raa="", unit_id=None):
    """Return what a requester typed."""
    return Proposal(name, acronym=acronym, purpose=purpose, service_codes=tuple(ral),
                    reference_code=raa, unit_id=unit_id)


def have(name, description="", acronym="", unit="", ral=(), raa="", unit_id=None):
    """Return an application already in the registry."""
    return Candidate(next(_ids), name, acronym=acronym, description=description,
                     service_codes=tuple(ral), reference_code=raa, unit_id=unit_id,
                     unit_name=unit)


def umum(name):
    """Return the catalogue's Aplikasi Umum of that name."""
    return next(c for c in aplikasi_umum_candidates() if c.name == name)


DUPLICATES = [
    (ask("SIMPEG", "Pengelolaan data pegawai Dinas Pendidikan", acronym="SIMPEG"),
     have("Sistem Informasi Manajemen Kepegawaian",
          "Data induk pegawai, mutasi, kenaikan pangkat dan cuti", unit="BKPSDM",
          ral=["RAL.02.05"]),
     "acronym spells the existing name"),
    (ask("Sistem Informasi Kepegawaian Daerah", "Data pegawai, cuti dan kenaikan pangkat"),
     have("SIMPEG", "Data induk pegawai, riwayat jabatan dan pangkat", acronym="SIMPEG",
          unit="BKPSDM"),
     "the existing acronym spells the proposed name"),
    (ask("e-Surat Dinas", "Surat masuk, surat keluar dan disposisi pimpinan"),
     umum("SRIKANDI"), "letters and dispositions: SRIKANDI"),
    (ask("Sistem Persuratan Elektronik", acronym="SIPERLEK"),
     umum("SRIKANDI"), "persuratan -> surat: SRIKANDI, name only"),
    (ask("Aplikasi Pengaduan Masyarakat", "Warga menyampaikan aduan tentang pelayanan publik"),
     umum("SP4N-LAPOR!"), "complaints: SP4N-LAPOR!"),
    (ask("SIMRS", "Pendaftaran pasien, rekam medis dan billing RSUD", ral=["RAL.01.03"]),
     have("Sistem Informasi Manajemen Rumah Sakit",
          "Pendaftaran, rawat jalan, rawat inap, farmasi dan kasir rumah sakit",
          acronym="SIM-RS", unit="RSUD", ral=["RAL.01.03"]),
     "SIMRS = Sistem Informasi Manajemen Rumah Sakit"),
    (ask("e-Office", "Tata naskah dinas elektronik dan disposisi"),
     have("Tata Naskah Dinas Elektronik", "Pembuatan, pengiriman dan pengarsipan naskah dinas",
          acronym="TNDE", unit="Sekretariat Daerah", ral=["RAL.02.06"]),
     "e-Office does what the TNDE does"),
    (ask("e-Perizinan", "Permohonan izin usaha dan non-usaha secara online", unit_id=5),
     have("Sistem Informasi Pelayanan Perizinan", "Pendaftaran dan penerbitan izin",
          acronym="SIPP", unit="DPMPTSP", unit_id=5),
     "licensing twice in the same OPD"),
    (ask("Sistem Informasi Pajak Daerah", "Pendataan dan penetapan pajak daerah",
         acronym="SIPADA"),
     have("e-Pajak Daerah", "Pendaftaran wajib pajak, penetapan dan pembayaran pajak daerah",
          unit="Bapenda", ral=["RAL.02.02"]),
     "regional tax twice"),
    (ask("e-Retribusi", "Pemungutan retribusi pasar dan parkir"),
     have("Sistem Informasi Retribusi Daerah", "Penetapan dan pembayaran retribusi daerah",
          acronym="SIRETDA", unit="Bapenda"),
     "retribution, one kind within all kinds"),
    (ask("Aplikasi Kinerja Pegawai", "Penilaian SKP pegawai bulanan", acronym="e-Kinerja"),
     have("e-Kinerja", "Penilaian kinerja ASN dan sasaran kinerja pegawai (SKP)",
          acronym="EKINERJA", unit="BKPSDM"),
     "employee performance twice"),
    (ask("e-Budgeting", "Penyusunan RKA dan APBD"),
     umum("SIPD"), "budgeting: SIPD, English name"),
    (ask("Sistem Informasi Aset Daerah", "Inventarisasi aset tanah, gedung dan kendaraan",
         acronym="SIASDA"),
     have("Sistem Informasi Manajemen Barang Daerah",
          "Penatausahaan dan inventarisasi barang milik daerah (aset)", acronym="SIMBADA",
          unit="BPKAD"),
     "aset and barang milik daerah are the same thing"),
    (ask("JDIH Kabupaten", "Publikasi peraturan daerah dan produk hukum"),
     have("Jaringan Dokumentasi dan Informasi Hukum",
          "Database peraturan daerah, peraturan bupati dan keputusan", acronym="JDIH",
          unit="Bagian Hukum Setda"),
     "JDIH twice"),
    (ask("PPID Online", "Permohonan informasi publik dan keberatan"),
     have("Aplikasi Pejabat Pengelola Informasi dan Dokumentasi",
          "Layanan permohonan informasi publik", acronym="e-PPID", unit="Diskominfo"),
     "PPID twice"),
    (ask("Sistem Informasi Akademik", "Nilai rapor dan data siswa SD dan SMP",
         acronym="SIAKAD"),
     have("SIAKAD Sekolah", "Data siswa, jadwal pelajaran dan nilai rapor",
          unit="Dinas Pendidikan"),
     "school academic records twice"),
    (ask("SIMBG", "Permohonan persetujuan bangunan gedung (PBG)"),
     have("Sistem Informasi Manajemen Bangunan Gedung",
          "Persetujuan bangunan gedung dan sertifikat laik fungsi", acronym="SIMBG",
          unit="Dinas PUPR"),
     "same acronym, same job"),
    (ask("Aplikasi Lelang Pengadaan", "Tender barang dan jasa pemerintah daerah"),
     umum("SPSE"), "procurement: SPSE"),
    (ask("SIKEPO", "Kepegawaian Dinas Kesehatan: data pegawai, cuti dan absensi", unit_id=7),
     have("SIMPEG", "Data induk pegawai, cuti dan kenaikan pangkat", acronym="SIMPEG",
          unit="BKPSDM", unit_id=2),
     "hard: unrelated names, the purpose says HR"),
    (ask("Aplikasi Keluhan Warga", "Menampung keluhan dan aspirasi warga"),
     umum("SP4N-LAPOR!"), "keluhan -> keluh: SP4N-LAPOR!"),
    (ask("SIMDA Keuangan", "Penatausahaan dan akuntansi keuangan daerah"),
     have("Sistem Informasi Pengelolaan Keuangan Daerah",
          "Penganggaran, penatausahaan dan pelaporan keuangan daerah", acronym="SIPKD",
          unit="BPKAD"),
     "two financial administration systems"),
    (ask("Sistem Informasi Rekam Medis Puskesmas", acronym="SIMPUS"),
     have("SIMPUS", "Sistem Informasi Manajemen Puskesmas: pendaftaran, rekam medis dan farmasi",
          acronym="SIMPUS", unit="Dinas Kesehatan"),
     "same acronym, the existing one is named by its acronym only"),
    (ask("e-Arsip", "Pengelolaan arsip dinamis OPD"),
     umum("SRIKANDI"), "dynamic archives: SRIKANDI"),
    (ask("Sistem Informasi Perencanaan Pembangunan Daerah", "Musrenbang, renja dan RKPD",
         acronym="SIMRENDA"),
     have("e-Planning", "Perencanaan pembangunan daerah: musrenbang, renja OPD dan RKPD",
          unit="Bappeda"),
     "hard: English name, the description says the same"),
    (ask("Aplikasi Absensi Pegawai", "Absensi pegawai dengan swafoto dan GPS",
         acronym="e-Absen"),
     have("Sistem Presensi Online", "Presensi/absensi pegawai berbasis lokasi",
          acronym="SIPRESON", unit="BKPSDM"),
     "hard: absensi and presensi are synonyms"),
    (ask("SIMPEG Online"),
     have("SIMPEG", "Data induk pegawai", acronym="SIMPEG", unit="BKPSDM"),
     "same name, a generic word added"),
    (ask("e-SAKIP", "Sistem akuntabilitas kinerja instansi pemerintah: renstra, renja, LKjIP"),
     have("Aplikasi SAKIP", "Perjanjian kinerja dan laporan kinerja instansi (LKjIP)",
          acronym="eSAKIP", unit="Bagian Organisasi"),
     "SAKIP twice"),
    (ask("Aplikasi Pengelolaan Barang Milik Daerah", acronym="SIMBMD"),
     have("SIMDA BMD", "Penatausahaan aset barang milik daerah", unit="BPKAD"),
     "BMD = barang milik daerah"),
    (ask("e-Kinerja"),
     umum("e-Kinerja BKN"), "performance appraisal: e-Kinerja BKN, name only"),
    (ask("Sistem Informasi Perizinan Non Berusaha",
         "Izin praktik tenaga kesehatan, izin penelitian"),
     umum("SiCantik Cloud"), "licensing: SiCantik Cloud"),
    (ask("eSurat"),
     have("e-Office", "Surat menyurat, disposisi dan tata naskah dinas", unit="Diskominfo"),
     "letters: eSurat glued, the existing one named e-Office"),
]

NEAR_MISSES = [
    (ask("Sistem Informasi Kepegawaian"),
     have("Sistem Informasi Kearsipan", "Arsip statis dan alih media",
          unit="Dinas Perpustakaan dan Kearsipan"),
     "generic words only"),
    (ask("SIMRS", "Rumah sakit daerah"),
     have("SIMPEG", "Data induk pegawai", acronym="SIMPEG", unit="BKPSDM"),
     "SIM- acronyms of different jobs"),
    (ask("e-Kinerja", "Penilaian kinerja pegawai"),
     have("Sistem Informasi Kinerja Jalan", "Pemantauan kondisi dan kinerja ruas jalan kabupaten",
          unit="Dinas PUPR"),
     "hard: kinerja of employees vs of roads"),
    (ask("Aplikasi Perizinan Reklame", "Permohonan izin pemasangan reklame"),
     have("Aplikasi Pajak Reklame", "Penetapan dan pembayaran pajak reklame", unit="Bapenda"),
     "hard: billboard licence vs billboard tax"),
    (ask("Sistem Informasi Dinas Kesehatan", "Pencatatan imunisasi dan gizi balita"),
     have("Sistem Informasi Dinas Pendidikan", "Data sekolah, guru dan siswa",
          unit="Dinas Pendidikan"),
     "generic and OPD words only"),
    (ask("Aplikasi Gizi Balita", "Pencatatan status gizi balita di posyandu", unit_id=7),
     have("Sistem Informasi Manajemen Puskesmas", "Pendaftaran, rekam medis dan farmasi puskesmas",
          acronym="SIMPUS", unit="Dinas Kesehatan", unit_id=7),
     "same OPD only"),
    (ask("Sistem Informasi Pajak Daerah", "Pendataan dan penetapan pajak daerah",
         ral=["RAL.02.02"]),
     have("Sistem Informasi Retribusi Daerah", "Penetapan dan pembayaran retribusi daerah",
          unit="Bapenda", ral=["RAL.02.02"]),
     "hard: tax vs retribution, same service code and process words"),
    (ask("e-Surat Keterangan",
         "Permohonan surat keterangan domisili dan usaha oleh warga di kelurahan"),
     umum("SRIKANDI"), "hard: a public service issuing letters, not official correspondence"),
    (ask("Sistem Pelaporan Kegiatan", "Laporan realisasi fisik dan keuangan kegiatan OPD"),
     umum("SP4N-LAPOR!"), "hard: pelaporan is reporting, not complaints"),
    (ask("SIMBG", "Persetujuan bangunan gedung"),
     have("SIMBADA", "Barang milik daerah", acronym="SIMBADA", unit="BPKAD"),
     "acronyms alike"),
    (ask("Sistem Informasi Pendataan Penduduk Miskin",
         "Data keluarga miskin penerima bantuan sosial"),
     have("Sistem Informasi Pendataan Pajak", "Pendataan objek pajak daerah", unit="Bapenda"),
     "pendataan shared only"),
    (ask("Aplikasi Pengadaan Tanah", "Pengadaan tanah untuk jalan dan kepentingan umum"),
     umum("SPSE"), "hard: land acquisition, not procurement of goods"),
    (ask("Sistem Informasi Manajemen Rumah Susun", "Penghuni dan sewa rumah susun",
         acronym="SIMRUSUN"),
     have("Sistem Informasi Manajemen Rumah Sakit", "Pendaftaran pasien dan rekam medis",
          acronym="SIMRS", unit="RSUD"),
     "rumah shared"),
    (ask("e-Retribusi Pasar", "Pemungutan retribusi pedagang pasar"),
     have("Sistem Informasi Harga Pasar", "Harga bahan pokok di pasar tradisional",
          acronym="SIHARPA", unit="Dinas Perdagangan"),
     "hard: pasar shared"),
    (ask("Aplikasi Perpustakaan Digital", "Katalog dan peminjaman buku"),
     have("Aplikasi Kearsipan Digital", "Alih media arsip statis",
          unit="Dinas Perpustakaan dan Kearsipan"),
     "library vs archive, their OPD named after both"),
    (ask("Sistem Informasi Kesehatan Ibu dan Anak", "Pemantauan kehamilan dan imunisasi anak"),
     have("Sistem Informasi Perlindungan Perempuan dan Anak",
          "Pencatatan kasus kekerasan terhadap perempuan dan anak", unit="DP3A"),
     "anak shared"),
    (ask("Sistem Informasi Akademik Sekolah", "Nilai rapor siswa", acronym="SIAKAD"),
     have("Sistem Informasi Beasiswa Sekolah", "Pendaftaran dan seleksi beasiswa siswa",
          unit="Dinas Pendidikan"),
     "hard: sekolah and siswa shared"),
    (ask("Aplikasi Penilaian Kinerja Pegawai", "Penilaian SKP bulanan", acronym="e-Kinerja"),
     have("Aplikasi Tambahan Penghasilan Pegawai",
          "Perhitungan TPP berdasarkan kinerja dan presensi pegawai", acronym="e-TPP",
          unit="BPKAD"),
     "hard: allowance computed from performance, not appraisal"),
    (ask("SIPP", "Pendaftaran dan penerbitan izin praktik"),
     have("SIPD", "Perencanaan dan penganggaran daerah", acronym="SIPD", unit="Bappeda"),
     "one letter apart"),
    (ask("Sistem Informasi Gaji Pegawai", "Perhitungan gaji dan potongan pegawai",
         acronym="SIGAJI"),
     have("Sistem Informasi Manajemen Kepegawaian",
          "Data induk pegawai, mutasi dan kenaikan pangkat", acronym="SIMPEG", unit="BKPSDM"),
     "hard: payroll vs HR records, pegawai shared"),
    (ask("Sistem Informasi Pemakaman", "Pendaftaran dan peta makam", ral=["RAL.01.07"]),
     have("Sistem Informasi Taman Kota", "Jadwal pemeliharaan taman dan ruang terbuka hijau",
          unit="DLH", ral=["RAL.01.07"]),
     "same service code only"),
    (ask("Sistem Informasi Penanggulangan Bencana", "Kaji cepat dan logistik bencana"),
     have("Sistem Informasi Pemadam Kebakaran", "Laporan kejadian kebakaran dan armada",
          unit="Damkar"),
     "neighbouring jobs"),
    (ask("Website Dinas Pariwisata", "Promosi destinasi wisata"),
     have("Website Dinas Perhubungan", "Informasi trayek angkutan dan uji KIR", unit="Dishub"),
     "generic and OPD words only"),
    (ask("SIMDA Keuangan", "Penatausahaan keuangan daerah"),
     have("SIMDA BMD", "Penatausahaan barang milik daerah", unit="BPKAD"),
     "hard: one product family, different modules"),
    (ask("SIPD", "Sistem Informasi Pajak Daerah: pendataan wajib pajak", acronym="SIPD"),
     umum("SIPD"), "hard: same acronym, a tax system not planning and budgeting"),
    (ask("Aplikasi Arsip Foto Kegiatan", "Galeri foto dan video kegiatan pimpinan"),
     umum("SRIKANDI"), "hard: a photo gallery called an archive"),
    (ask("Aplikasi Data Stunting", "Pemantauan balita stunting per desa"),
     have("Portal Satu Data", "Katalog data sektoral seluruh OPD", unit="Diskominfo"),
     "data shared only"),
    (ask("Sistem Informasi Kepegawaian", "Data pegawai"),
     have("Sistem Informasi Kependudukan", "Data penduduk, KTP dan KK", acronym="SIAK",
          unit="Disdukcapil"),
     "kepegawaian and kependudukan look alike"),
]

PAIRS = tuple(
    [LabelledPair(p, c, True, note) for p, c, note in DUPLICATES]
    + [LabelledPair(p, c, False, note) for p, c, note in NEAR_MISSES]
)

# Written after the detector was tuned on PAIRS, and never tuned on: its figures say how well
# the tuning carries over to pairs the detector has not seen.
HOLDOUT_DUPLICATES = [
    (ask("Sistem Informasi Manajemen Aset", "Pencatatan dan penghapusan aset daerah",
         acronym="SIMA"),
     have("e-BMD", "Penatausahaan barang milik daerah: KIB, mutasi, penghapusan", unit="BPKAD"),
     "assets, the existing one named by the abbreviation"),
    (ask("Aplikasi Kepegawaian Online", "Cuti, kenaikan gaji berkala dan data ASN"),
     umum("SIASN"), "civil servants' records: SIASN"),
    (ask("e-Lapor Bupati", "Warga melaporkan keluhan langsung ke bupati"),
     umum("SP4N-LAPOR!"), "complaints to the regent: SP4N-LAPOR!"),
    (ask("SIMPUS Online", "Rekam medis pasien puskesmas"),
     have("Sistem Informasi Puskesmas", "Pendaftaran pasien, pemeriksaan dan resep di puskesmas",
          unit="Dinas Kesehatan"),
     "SIMPUS spells the existing name"),
    (ask("Aplikasi Perizinan Terpadu", "Izin usaha dan izin non-usaha di Mal Pelayanan Publik"),
     have("e-Perizinan", "Permohonan perizinan online", unit="DPMPTSP"),
     "licensing twice"),
    (ask("Sistem Informasi Produk Hukum Daerah", "Kumpulan perda dan perbup"),
     umum("JDIH Nasional"), "regional legal products: JDIH"),
    (ask("E-PAJAK", "Pembayaran PBB dan BPHTB"),
     have("Sistem Informasi Pajak Daerah", "Pendataan dan pembayaran PBB, BPHTB dan pajak hotel",
          unit="Bapenda"),
     "regional tax, the proposal in capitals"),
    (ask("Aplikasi Tata Naskah Dinas", "Surat keluar dan masuk elektronik"),
     umum("SRIKANDI"), "official correspondence: SRIKANDI"),
    (ask("SIKD", "Sistem Informasi Keuangan Daerah: penatausahaan SP2D"),
     have("Sistem Informasi Pengelolaan Keuangan Daerah", "Penganggaran dan penatausahaan keuangan",
          acronym="SIPKD", unit="BPKAD"),
     "financial administration twice"),
    (ask("Aplikasi Presensi ASN", "Kehadiran pegawai dengan pengenalan wajah"),
     have("e-Absensi", "Absensi pegawai harian", unit="BKPSDM"),
     "attendance twice"),
    (ask("Aplikasi e-Tender", "Lelang pengadaan barang dan jasa"),
     umum("SPSE"), "procurement: SPSE"),
]

HOLDOUT_NEAR_MISSES = [
    (ask("Sistem Informasi Arsip Statis", "Alih media dan layanan arsip statis untuk publik"),
     umum("SRIKANDI"), "hard: static archives, SRIKANDI keeps dynamic ones"),
    (ask("Aplikasi Pendataan UMKM", "Data pelaku usaha mikro"),
     have("Sistem Informasi Perizinan Usaha", "Izin usaha", unit="DPMPTSP"),
     "usaha shared"),
    (ask("Aplikasi Kinerja Keuangan Daerah", "Analisis rasio kinerja keuangan APBD"),
     umum("e-Kinerja BKN"), "hard: financial performance, not employees'"),
    (ask("Sistem Informasi Rumah Sakit Hewan", "Pelayanan kesehatan hewan ternak"),
     have("SIMRS", "Sistem Informasi Manajemen Rumah Sakit: pasien RSUD", acronym="SIMRS",
          unit="RSUD"),
     "hard: animal hospital"),
    (ask("Aplikasi Lelang Ikan", "Lelang hasil tangkapan nelayan di TPI"),
     umum("SPSE"), "hard: fish auction, not procurement"),
    (ask("e-Samsat", "Pembayaran pajak kendaraan bermotor"),
     have("Sistem Informasi Pajak Daerah", "Pendataan pajak hotel, restoran dan reklame",
          unit="Bapenda"),
     "hard: the province's vehicle tax, not the regency's taxes"),
    (ask("Sistem Informasi Jalan", "Data ruas dan kondisi jalan"),
     have("Sistem Informasi Angkutan Jalan", "Trayek dan izin angkutan", unit="Dishub"),
     "jalan shared"),
    (ask("Aplikasi Perencanaan Tata Ruang", "Rencana detail tata ruang dan izin pemanfaatan ruang"),
     umum("SIPD"), "hard: spatial planning, not development planning"),
    (ask("SIKAP", "Sistem informasi kesiapsiagaan bencana"),
     have("SIKAP", "Sistem Informasi Kinerja Aparatur: penilaian SKP", acronym="SIKAP",
          unit="BKPSDM"),
     "same acronym, different jobs"),
    (ask("Aplikasi Pelatihan Pegawai", "Pendaftaran diklat dan sertifikat pelatihan ASN"),
     have("SIMPEG", "Data induk pegawai, mutasi dan pangkat", acronym="SIMPEG", unit="BKPSDM"),
     "hard: training, not HR records"),
]

HOLDOUT = tuple(
    [LabelledPair(p, c, True, note) for p, c, note in HOLDOUT_DUPLICATES]
    + [LabelledPair(p, c, False, note) for p, c, note in HOLDOUT_NEAR_MISSES]
)
