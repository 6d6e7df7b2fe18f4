"""Which registry facts cap which indicator at which level (spbe-reference.md §4), as data.

A rule "caps indicator N at level L" means: while the fact holds, the instansi cannot score above
L on N. Reasons and fixes are plain Bahasa Indonesia; ``{name}`` is the record's name.
"""

from dataclasses import dataclass

__all__ = ["AUDIT_INDICATORS", "AUDIT_NAMES", "RULES", "BlockerRule", "rule"]


@dataclass(frozen=True, slots=True)
class BlockerRule:
    """One rule of the level ladder, tied to the kind of record that must change."""

    id: str
    indicator: int | None  #: None: the indicator the application serves (32-47)
    caps_at: int
    subject: str  #: application, link, unit, data_center, network, service_bus, agency
    reason: str
    fix: str


RULES = (
    BlockerRule("app_not_consulted", 15, 2, "application",
                "{name} dibangun tanpa konsultasi dengan unit TIK (Diskominfo).",
                "Catat tanggal konsultasi dengan unit TIK, atau konsultasikan pengembangannya."),
    BlockerRule("app_never_reviewed", 15, 3, "application",
                "{name} belum pernah direviu.",
                "Lakukan reviu aplikasi dan catat tanggalnya."),
    BlockerRule("app_outside_ict_control", 15, 3, "application",
                "Pengembangan {name} tidak dikendalikan unit TIK.",
                "Tempatkan pengembangan aplikasi di bawah kendali unit TIK."),
    BlockerRule("app_review_outdated", 15, 3, "application",
                "Reviu terakhir {name} lebih dari 12 bulan yang lalu.",
                "Reviu ulang aplikasi pada tahun evaluasi."),
    BlockerRule("app_review_not_followed_up", 15, 4, "application",
                "Hasil reviu {name} belum ditindaklanjuti (tidak ada SK atau surat edaran).",
                "Catat dokumen tindak lanjut reviu (SK, surat edaran, dokumen tata kelola)."),
    BlockerRule("app_hosting_unknown", 16, 2, "application",
                "Tempat hosting {name} belum tercatat.",
                "Catat pusat data tempat aplikasi berjalan."),
    BlockerRule("app_hosted_outside", 16, 2, "application",
                "{name} berjalan di luar pusat data instansi (ruang server OPD).",
                "Pindahkan aplikasi ke pusat data instansi atau PDN."),
    BlockerRule("dc_not_using_pdn", 16, 3, "data_center",
                "Pusat data {name} belum terhubung dengan / memakai PDN.",
                "Hubungkan pusat data dengan Pusat Data Nasional."),
    BlockerRule("no_intra_network", 17, 1, "agency",
                "Belum ada jaringan intra yang tercatat.",
                "Catat jaringan intra pemerintah daerah dan OPD yang dijangkaunya."),
    BlockerRule("unit_not_on_network", 17, 2, "unit",
                "{name} belum terjangkau jaringan intra.",
                "Sambungkan OPD ini ke jaringan intra."),
    BlockerRule("network_not_jip", 17, 3, "network",
                "Jaringan {name} belum terhubung dengan Jaringan Intra Pemerintah (JIP).",
                "Hubungkan jaringan intra dengan JIP."),
    BlockerRule("no_service_bus", 18, 1, "agency",
                "Belum ada service bus (sistem penghubung layanan) yang tercatat.",
                "Catat service bus instansi."),
    BlockerRule("link_point_to_point", 18, 2, "link",
                "{name} bertukar data langsung (point-to-point), tidak lewat service bus.",
                "Alihkan pertukaran data ini melalui service bus / SPLP."),
    BlockerRule("bus_not_splp", 18, 3, "service_bus",
                "Service bus {name} belum terhubung dengan SPLP nasional.",
                "Hubungkan service bus dengan SPLP nasional."),
    BlockerRule("service_app_not_integrated", None, 3, "application",
                "{name} melayani indikator layanan tetapi tidak bertukar data dengan layanan lain.",
                "Integrasikan aplikasi dengan layanan terkait melalui service bus."),
    BlockerRule("audit_missing", 0, 2, "agency",
                "Tidak ada audit {name} dalam 24 bulan terakhir.",
                "Laksanakan audit dan catat hasilnya."),
    BlockerRule("audit_internal_only", 0, 3, "agency",
                "Audit {name} terakhir tidak dilakukan auditor eksternal tersertifikasi.",
                "Laksanakan audit oleh auditor eksternal tersertifikasi."),
    BlockerRule("audit_not_followed_up", 0, 4, "agency",
                "Temuan audit {name} terakhir belum ditindaklanjuti.",
                "Tindak lanjuti temuan audit dan catat tindak lanjutnya."),
)

#: audit type -> its indicator (the audit rules carry indicator 0 and take it from here)
AUDIT_INDICATORS = {"infrastructure": 29, "application": 30, "security": 31}
#: how each audit is named in the reasons
AUDIT_NAMES = {"infrastructure": "infrastruktur", "application": "aplikasi", "security": "keamanan"}

_BY_ID = {r.id: r for r in RULES}


def rule(rule_id):
    """Return the rule with this id."""
    return _BY_ID[rule_id]
