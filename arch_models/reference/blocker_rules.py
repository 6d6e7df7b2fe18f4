"""Which registry facts cap which concern at which level (spbe-reference.md §4), as data.

A rule "caps concern C at level L" means: while the fact holds, the instansi cannot score above
L on the indicator that C maps to in the instrument of the year (``blocker_targets`` of the
instrument file: the application concern is indicator 15 under 59/2020 and 13 under 8/2026).
Reasons and fixes are plain Bahasa Indonesia; ``{name}`` is the record's name.
"""

from dataclasses import dataclass

__all__ = ["AUDIT_CONCERNS", "AUDIT_NAMES", "RULES", "BlockerRule", "rule"]


@dataclass(frozen=True, slots=True)
class BlockerRule:
    """One rule of the level ladder, tied to the kind of record that must change."""

    id: str
    concern: str  #: a key of the instrument's blocker_targets ("audit": per audit type)
    caps_at: int
    subject: str  #: application, link, unit, data_center, network, service_bus, agency
    reason: str
    fix: str


RULES = (
    BlockerRule("app_not_consulted", "application", 2, "application",
                "{name} dibangun tanpa konsultasi dengan unit TIK (Diskominfo).",
                "Catat tanggal konsultasi dengan unit TIK, atau konsultasikan pengembangannya."),
    BlockerRule("app_never_reviewed", "application", 3, "application",
                "{name} belum pernah direviu.",
                "Lakukan reviu aplikasi dan catat tanggalnya."),
    BlockerRule("app_outside_ict_control", "application", 3, "application",
                "Pengembangan {name} tidak dikendalikan unit TIK.",
                "Tempatkan pengembangan aplikasi di bawah kendali unit TIK."),
    BlockerRule("app_review_outdated", "application", 3, "application",
                "{name} belum direviu pada tahun evaluasi (reviu terakhir sebelum tahun ini atau"
                " bertanggal sesudah hari penilaian).",
                "Reviu ulang aplikasi pada tahun evaluasi dan catat tanggalnya."),
    BlockerRule("app_review_not_followed_up", "application", 4, "application",
                "Hasil reviu {name} belum ditindaklanjuti (tidak ada SK atau surat edaran).",
                "Catat dokumen tindak lanjut reviu (SK, surat edaran, dokumen tata kelola)."),
    BlockerRule("app_hosting_unknown", "hosting", 2, "application",
                "Tempat hosting {name} belum tercatat.",
                "Catat pusat data tempat aplikasi berjalan."),
    BlockerRule("app_hosted_outside", "hosting", 2, "application",
                "{name} berjalan di luar pusat data instansi (ruang server OPD).",
                "Pindahkan aplikasi ke pusat data instansi atau PDN."),
    BlockerRule("dc_not_using_pdn", "data_center", 3, "data_center",
                "Pusat data {name} belum terhubung dengan / memakai PDN.",
                "Hubungkan pusat data dengan Pusat Data Nasional."),
    BlockerRule("no_intra_network", "intra_network", 1, "agency",
                "Belum ada jaringan intra yang tercatat.",
                "Catat jaringan intra pemerintah daerah dan OPD yang dijangkaunya."),
    BlockerRule("unit_not_on_network", "intra_network", 2, "unit",
                "{name} belum terjangkau jaringan intra.",
                "Sambungkan OPD ini ke jaringan intra."),
    BlockerRule("network_not_jip", "intra_network", 3, "network",
                "Jaringan {name} belum terhubung dengan Jaringan Intra Pemerintah (JIP).",
                "Hubungkan jaringan intra dengan JIP."),
    BlockerRule("no_service_bus", "service_bus", 1, "agency",
                "Belum ada service bus (sistem penghubung layanan) yang tercatat.",
                "Catat service bus instansi."),
    BlockerRule("link_point_to_point", "integration_link", 2, "link",
                "{name} bertukar data langsung (point-to-point), tidak lewat service bus.",
                "Alihkan pertukaran data ini melalui service bus / SPLP."),
    BlockerRule("bus_not_splp", "service_bus", 3, "service_bus",
                "Service bus {name} belum terhubung dengan SPLP nasional.",
                "Hubungkan service bus dengan SPLP nasional."),
    BlockerRule("service_app_not_integrated", "service_integration", 3, "application",
                "{name} melayani indikator layanan tetapi tidak bertukar data dengan layanan lain.",
                "Integrasikan aplikasi dengan layanan terkait melalui service bus."),
    BlockerRule("audit_missing", "audit", 2, "agency",
                "Tidak ada audit {name} dalam 24 bulan terakhir.",
                "Laksanakan audit dan catat hasilnya."),
    BlockerRule("audit_internal_only", "audit", 3, "agency",
                "Tidak ada audit {name} oleh auditor eksternal tersertifikasi dalam 24 bulan"
                " terakhir.",
                "Laksanakan audit oleh auditor eksternal tersertifikasi."),
    BlockerRule("audit_not_followed_up", "audit", 4, "agency",
                "Temuan audit eksternal {name} dalam 24 bulan terakhir belum ditindaklanjuti.",
                "Tindak lanjuti temuan audit dan catat tindak lanjutnya."),
)

#: audit type -> its concern (the audit rules carry concern "audit" and take it from here)
AUDIT_CONCERNS = {"infrastructure": "audit_infrastructure", "application": "audit_application",
                  "security": "audit_security"}
#: how each audit is named in the reasons
AUDIT_NAMES = {"infrastructure": "infrastruktur", "application": "aplikasi", "security": "keamanan"}

_BY_ID = {r.id: r for r in RULES}


def rule(rule_id):
    """Return the rule with this id."""
    return _BY_ID[rule_id]
