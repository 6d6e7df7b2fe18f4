"""The formal documents of the SPBE architecture, and the six domains of the national one."""

__all__ = ["DOCUMENT_KINDS", "NATIONAL_DOMAINS"]

#: document kind -> its name (the Arsitektur SPBE as a whole, the Peta Rencana, the four parts)
DOCUMENT_KINDS = {
    "arsitektur_spbe": "Arsitektur SPBE",
    "peta_rencana": "Peta Rencana SPBE",
    "application": "Arsitektur Aplikasi",
    "infrastructure": "Arsitektur Infrastruktur",
    "ict_management": "Arsitektur Manajemen TIK",
}

#: the six domains of the national architecture (Perpres 132/2022; indicator 11)
NATIONAL_DOMAINS = {
    "business_process": "Proses Bisnis",
    "data": "Data dan Informasi",
    "service": "Layanan",
    "application": "Aplikasi",
    "infrastructure": "Infrastruktur",
    "security": "Keamanan",
}
