"""The formal documents of the SPBE architecture and the internal policies (kebijakan internal)."""

__all__ = ["ARCHITECTURE_KINDS", "DOCUMENT_KINDS", "NATIONAL_DOMAINS", "POLICY_KINDS",
           "POLICY_INDICATORS"]

#: document kind -> its name (the Arsitektur SPBE as a whole, the Peta Rencana, the four parts)
ARCHITECTURE_KINDS = {
    "arsitektur_spbe": "Arsitektur SPBE",
    "peta_rencana": "Peta Rencana SPBE",
    "application": "Arsitektur Aplikasi",
    "infrastructure": "Arsitektur Infrastruktur",
    "ict_management": "Arsitektur Manajemen TIK",
}

#: policy kind -> (its name, the indicator it evidences); §3: "indicator 1, 2, 4, 5, 6, 7, 9
#: (internal policies) follow the same shape"
POLICY_KINDS = {
    "kebijakan_arsitektur": ("Kebijakan Internal Arsitektur SPBE", 1),
    "kebijakan_peta_rencana": ("Kebijakan Internal Peta Rencana SPBE", 2),
    "kebijakan_aplikasi": ("Kebijakan Internal Pembangunan Aplikasi SPBE", 4),
    "kebijakan_pusat_data": ("Kebijakan Internal Layanan Pusat Data", 5),
    "kebijakan_jaringan_intra": ("Kebijakan Internal Layanan Jaringan Intra", 6),
    "kebijakan_sistem_penghubung": ("Kebijakan Internal Penggunaan Sistem Penghubung Layanan", 7),
    "kebijakan_audit_tik": ("Kebijakan Internal Audit TIK", 9),
}
POLICY_INDICATORS = {kind: indicator for kind, (_name, indicator) in POLICY_KINDS.items()}

#: every document the registry records: architecture documents, then policies
DOCUMENT_KINDS = ARCHITECTURE_KINDS | {kind: name for kind, (name, _i) in POLICY_KINDS.items()}

#: the six domains of the national architecture (Perpres 132/2022; indicator 11)
NATIONAL_DOMAINS = {
    "business_process": "Proses Bisnis",
    "data": "Data dan Informasi",
    "service": "Layanan",
    "application": "Aplikasi",
    "infrastructure": "Infrastruktur",
    "security": "Keamanan",
}
