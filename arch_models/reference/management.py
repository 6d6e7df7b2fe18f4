"""The ICT management architecture: the eight management areas and three audits (§3, 21-31)."""

__all__ = ["AREAS", "AREA_NAMES", "AREA_INDICATORS"]

#: area key -> (name in Bahasa Indonesia, SPBE indicator)
AREAS = {
    "risk": ("Manajemen Risiko SPBE", 21),
    "information_security": ("Manajemen Keamanan Informasi", 22),
    "data": ("Manajemen Data", 23),
    "ict_assets": ("Manajemen Aset TIK", 24),
    "competence": ("Manajemen Sumber Daya Manusia / Kompetensi", 25),
    "knowledge": ("Manajemen Pengetahuan", 26),
    "change": ("Manajemen Perubahan", 27),
    "spbe_services": ("Manajemen Layanan SPBE", 28),
    "audit_infrastructure": ("Audit Infrastruktur SPBE", 29),
    "audit_application": ("Audit Aplikasi SPBE", 30),
    "audit_security": ("Audit Keamanan SPBE", 31),
}
AREA_NAMES = {key: name for key, (name, _indicator) in AREAS.items()}
AREA_INDICATORS = {key: indicator for key, (_name, indicator) in AREAS.items()}
