"""Which registry facts cap which concern at which level (docs/reference.md §4), as data.

A rule "caps concern C at level L" means: while the fact holds, the instansi cannot score above
L on the indicator that C maps to in the instrument of the year (``blocker_targets`` of the
instrument file: the application concern is indicator 15 under 59/2020 and 13 under 8/2026).
Reasons and fixes are plain Bahasa Indonesia, each with its English beside it; ``{name}`` is
the record's name.
"""

from dataclasses import dataclass

from arch_models.messages import language

__all__ = ["AUDIT_CONCERNS", "AUDIT_NAMES", "AUDIT_NAMES_EN", "RULES", "BlockerRule", "render",
           "rule"]


@dataclass(frozen=True, slots=True)
class BlockerRule:
    """One rule of the level ladder, tied to the kind of record that must change."""

    id: str
    concern: str  #: a key of the instrument's blocker_targets ("audit": per audit type)
    caps_at: int
    subject: str  #: application, link, unit, data_center, network, service_bus, agency
    reason: str
    fix: str
    reason_en: str = ""
    fix_en: str = ""


RULES = (
    BlockerRule("app_not_consulted", "application", 2, "application",
                "{name} dibangun tanpa konsultasi dengan unit TIK (Diskominfo).",
                "Catat tanggal konsultasi dengan unit TIK, atau konsultasikan pengembangannya.",
                reason_en="{name} was built without consulting the ICT unit (Diskominfo).",
                fix_en="Record the date the ICT unit was consulted, or consult it on the"
                       " development."),
    BlockerRule("app_never_reviewed", "application", 3, "application",
                "{name} belum pernah direviu.",
                "Lakukan reviu aplikasi dan catat tanggalnya.",
                reason_en="{name} has never been reviewed.",
                fix_en="Review the application and record the date."),
    BlockerRule("app_outside_ict_control", "application", 3, "application",
                "Pengembangan {name} tidak dikendalikan unit TIK.",
                "Tempatkan pengembangan aplikasi di bawah kendali unit TIK.",
                reason_en="The development of {name} is not controlled by the ICT unit.",
                fix_en="Place the application's development under the ICT unit's control."),
    BlockerRule("app_review_outdated", "application", 3, "application",
                "{name} belum direviu pada tahun evaluasi (reviu terakhir sebelum tahun ini atau"
                " bertanggal sesudah hari penilaian).",
                "Reviu ulang aplikasi pada tahun evaluasi dan catat tanggalnya.",
                reason_en="{name} was not reviewed in the evaluation year (the last review is"
                          " from before this year or dated after the day judged).",
                fix_en="Review the application again in the evaluation year and record the date."),
    BlockerRule("app_review_not_followed_up", "application", 4, "application",
                "Hasil reviu {name} belum ditindaklanjuti (tidak ada SK atau surat edaran).",
                "Catat dokumen tindak lanjut reviu (SK, surat edaran, dokumen tata kelola).",
                reason_en="The review of {name} is not followed up (no decree or circular).",
                fix_en="Record the follow-up document of the review (decree, circular, governance"
                       " document)."),
    BlockerRule("app_hosting_unknown", "hosting", 2, "application",
                "Tempat hosting {name} belum tercatat.",
                "Catat pusat data tempat aplikasi berjalan.",
                reason_en="Where {name} is hosted is not recorded.",
                fix_en="Record the data centre the application runs in."),
    BlockerRule("app_hosted_outside", "hosting", 2, "application",
                "{name} berjalan di luar pusat data instansi (ruang server OPD).",
                "Pindahkan aplikasi ke pusat data instansi atau PDN.",
                reason_en="{name} runs outside the agency's data centre (in an OPD server room).",
                fix_en="Move the application to the agency's data centre or the PDN."),
    BlockerRule("dc_not_using_pdn", "data_center", 3, "data_center",
                "Pusat data {name} belum terhubung dengan / memakai PDN.",
                "Hubungkan pusat data dengan Pusat Data Nasional.",
                reason_en="The data centre {name} is not connected to / does not use the PDN.",
                fix_en="Connect the data centre to the national data centre (PDN)."),
    BlockerRule("no_intra_network", "intra_network", 1, "agency",
                "Belum ada jaringan intra yang tercatat.",
                "Catat jaringan intra pemerintah daerah dan OPD yang dijangkaunya.",
                reason_en="No intra network is recorded.",
                fix_en="Record the local government's intra network and the OPDs it reaches."),
    BlockerRule("unit_not_on_network", "intra_network", 2, "unit",
                "{name} belum terjangkau jaringan intra.",
                "Sambungkan OPD ini ke jaringan intra.",
                reason_en="{name} is not reached by the intra network.",
                fix_en="Connect this OPD to the intra network."),
    BlockerRule("network_not_jip", "intra_network", 3, "network",
                "Jaringan {name} belum terhubung dengan Jaringan Intra Pemerintah (JIP).",
                "Hubungkan jaringan intra dengan JIP.",
                reason_en="The network {name} is not connected to the government intranet (JIP).",
                fix_en="Connect the intra network to the JIP."),
    BlockerRule("no_service_bus", "service_bus", 1, "agency",
                "Belum ada service bus (sistem penghubung layanan) yang tercatat.",
                "Catat service bus instansi.",
                reason_en="No service bus (service connection system) is recorded.",
                fix_en="Record the agency's service bus."),
    BlockerRule("link_point_to_point", "integration_link", 2, "link",
                "{name} bertukar data langsung (point-to-point), tidak lewat service bus.",
                "Alihkan pertukaran data ini melalui service bus / SPLP.",
                reason_en="{name} exchanges data directly (point-to-point), not through the"
                          " service bus.",
                fix_en="Route this data exchange through the service bus / SPLP."),
    BlockerRule("bus_not_splp", "service_bus", 3, "service_bus",
                "Service bus {name} belum terhubung dengan SPLP nasional.",
                "Hubungkan service bus dengan SPLP nasional.",
                reason_en="The service bus {name} is not connected to the national SPLP.",
                fix_en="Connect the service bus to the national SPLP."),
    BlockerRule("service_app_not_integrated", "service_integration", 3, "application",
                "{name} melayani indikator layanan tetapi tidak bertukar data dengan layanan lain.",
                "Integrasikan aplikasi dengan layanan terkait melalui service bus.",
                reason_en="{name} serves a service indicator but exchanges no data with other"
                          " services.",
                fix_en="Integrate the application with the related services through the service"
                       " bus."),
    BlockerRule("audit_missing", "audit", 2, "agency",
                "Tidak ada audit {name} dalam 24 bulan terakhir.",
                "Laksanakan audit dan catat hasilnya.",
                reason_en="No {name} audit in the last 24 months.",
                fix_en="Carry out the audit and record its results."),
    BlockerRule("audit_internal_only", "audit", 3, "agency",
                "Tidak ada audit {name} oleh auditor eksternal tersertifikasi dalam 24 bulan"
                " terakhir.",
                "Laksanakan audit oleh auditor eksternal tersertifikasi.",
                reason_en="No {name} audit by a certified external auditor in the last 24 months.",
                fix_en="Have the audit carried out by a certified external auditor."),
    BlockerRule("audit_not_followed_up", "audit", 4, "agency",
                "Temuan audit eksternal {name} dalam 24 bulan terakhir belum ditindaklanjuti.",
                "Tindak lanjuti temuan audit dan catat tindak lanjutnya.",
                reason_en="The findings of the external {name} audit of the last 24 months are"
                          " not followed up.",
                fix_en="Follow up the audit findings and record the follow-up."),
)

#: audit type -> its concern (the audit rules carry concern "audit" and take it from here)
AUDIT_CONCERNS = {"infrastructure": "audit_infrastructure", "application": "audit_application",
                  "security": "audit_security"}
#: how each audit is named in the reasons
AUDIT_NAMES = {"infrastructure": "infrastruktur", "application": "aplikasi", "security": "keamanan"}
AUDIT_NAMES_EN = {"infrastructure": "infrastructure", "application": "application",
                  "security": "security"}

_BY_ID = {r.id: r for r in RULES}


def rule(rule_id):
    """Return the rule with this id."""
    return _BY_ID[rule_id]


def render(rule_id, part, locale=None, *, name="", code=""):
    """Say a rule's ``reason`` (about the record ``name``) or ``fix`` in the language of ``locale``.

    ``code`` is the record's code: the audit type, for the audit rules' English.

    :raises KeyError: an unknown rule.
    """
    found = _BY_ID[rule_id]
    english = language(locale) == "en"
    if part == "fix":
        return (found.fix_en or found.fix) if english else found.fix
    if english and found.reason_en:
        if found.concern == "audit":
            name = AUDIT_NAMES_EN.get(code, name)
        return found.reason_en.format(name=name)
    return found.reason.format(name=name)
