"""What the user reads for each stored value: labels in Bahasa Indonesia, translated when shown."""

from flask import request, url_for
from flask_babel import gettext

from registry.i18n import N_

LABELS = {
    "lifecycle": {
        "planned": N_("Direncanakan"),
        "development": N_("Pengembangan"),
        "production": N_("Produksi"),
        "retired": N_("Pensiun"),
    },
    "kind": {"umum": N_("Aplikasi Umum"), "khusus": N_("Aplikasi Khusus")},
    "role": {
        "admin": N_("Admin"),
        "architect": N_("Arsitek"),
        "reviewer": N_("Peninjau"),
        "opd_operator": N_("Operator OPD"),
        "viewer": N_("Pembaca"),
    },
    "channel": {
        "service_bus": N_("Service bus / SPLP"),
        "direct_api": N_("API langsung (point-to-point)"),
        "file_transfer": N_("Transfer berkas"),
        "database_link": N_("Tautan basis data"),
        "hyperlink": N_("Hyperlink / login bersama saja"),
    },
    "link_status": {
        "proposed": N_("Diusulkan"),
        "active": N_("Aktif"),
        "retired": N_("Pensiun"),
    },
    "dc_kind": {
        "own": N_("Pusat data sendiri"),
        "pdn": N_("PDN"),
        "pdns": N_("PDN Sementara"),
        "cloud": N_("Cloud"),
        "colocation": N_("Kolokasi"),
        "opd_server_room": N_("Ruang server OPD"),
    },
    "action": {"create": N_("dibuat"), "update": N_("diubah"), "delete": N_("dihapus")},
    "area_status": {
        "none": N_("Belum ada"),
        "planned": N_("Direncanakan, tanpa pedoman"),
        "guided": N_("Dilaksanakan sesuai pedoman"),
        "reviewed": N_("Seluruh OPD dan direviu"),
        "improved": N_("Diperbaiki setelah reviu"),
    },
    "content_area": {
        "tata_kelola": N_("Tata kelola SPBE"),
        "manajemen": N_("Manajemen SPBE"),
        "layanan": N_("Layanan SPBE"),
        "infrastruktur": N_("Infrastruktur SPBE"),
        "aplikasi": N_("Aplikasi SPBE"),
        "keamanan": N_("Keamanan SPBE"),
        "audit_tik": N_("Audit TIK"),
    },
    "element_action": {
        "build": N_("Dibangun"),
        "change": N_("Diubah"),
        "retire": N_("Dipensiunkan"),
    },
    "initiative_status": {
        "planned": N_("Direncanakan"),
        "budgeted": N_("Dianggarkan"),
        "ongoing": N_("Berjalan"),
        "completed": N_("Selesai"),
        "delayed": N_("Terlambat"),
        "cancelled": N_("Dibatalkan"),
    },
    "audit_type": {
        "infrastructure": N_("Audit infrastruktur"),
        "application": N_("Audit aplikasi"),
        "security": N_("Audit keamanan"),
    },
    "auditor_kind": {
        "internal": N_("Auditor internal"),
        "external_certified": N_("Auditor eksternal tersertifikasi"),
    },
    "object_type": {
        "applications": N_("Aplikasi"),
        "units": N_("OPD"),
        "agencies": N_("Instansi"),
        "users": N_("Pengguna"),
        "api_tokens": N_("Token API"),
        "integration_links": N_("Tautan integrasi"),
        "data_centers": N_("Pusat data"),
        "networks": N_("Jaringan intra"),
        "service_buses": N_("Service bus"),
        "domain_names": N_("Nama domain"),
        "management_areas": N_("Area manajemen TIK"),
        "audit_records": N_("Audit TIK"),
        "application_reviews": N_("Reviu aplikasi"),
        "initiatives": N_("Inisiatif Peta Rencana"),
        "architecture_documents": N_("Dokumen arsitektur"),
        "reference_entries": N_("Katalog referensi"),
        "assessments": N_("Penilaian mandiri"),
        "indicator_scores": N_("Nilai indikator"),
        "requests": N_("Permintaan OPD"),
        "opd_targets": N_("Target OPD"),
        "staff_certificates": N_("Sertifikat kompetensi"),
    },
    "assessment_status": {"draft": N_("Draf"), "final": N_("Final")},
    "opd_component": {
        "integration": N_("Integrasi lewat SPLP"),
        "hosting": N_("Hosting di pusat data"),
        "review": N_("Reviu ditindaklanjuti"),
        "consultation": N_("Konsultasi unit TIK"),
        "domains": N_("Domain sehat"),
        "freshness": N_("Data dikonfirmasi"),
        "competence": N_("Kompetensi digital"),
    },
    "import_kind": {
        "units": N_("OPD"),
        "applications": N_("Aplikasi"),
        "links": N_("Tautan integrasi"),
        "domains": N_("Nama domain"),
    },
    "request_kind": {
        "subdomain": N_("Sub-domain"),
        "application": N_("Aplikasi baru"),
        "link": N_("Tautan integrasi"),
    },
    "request_state": {
        "draft": N_("Draf"),
        "submitted": N_("Diajukan"),
        "approved": N_("Disetujui"),
        "rejected": N_("Ditolak"),
        "withdrawn": N_("Ditarik"),
    },
    "request_action": {
        "submit": N_("Ajukan"),
        "approve": N_("Setujui"),
        "reject": N_("Tolak"),
        "withdraw": N_("Tarik permintaan"),
    },
    "domain_status": {
        "active": N_("Aktif"),
        "suspended": N_("Ditangguhkan"),
        "released": N_("Dilepas"),
    },
    "domain_flag": {
        "no_application": N_("Tanpa aplikasi"),
        "tls_expiring": N_("Sertifikat TLS habis ≤ 30 hari"),
        "no_tls": N_("Tanpa sertifikat TLS tercatat"),
        "outside_indonesia": N_("Di-hosting di luar Indonesia"),
        "applications_without_domain": N_("Aplikasi produksi tanpa domain"),
    },
    "match_reason": {
        "similar_name": N_("Nama mirip"),
        "acronym": N_("Singkatan cocok dengan nama"),
        "same_function": N_("Fungsi yang sama"),
        "same_service": N_("Layanan (RAL) yang sama"),
        "same_reference_code": N_("Kode referensi (RAA) yang sama"),
        "aplikasi_umum": N_("Sudah ada Aplikasi Umum"),
    },
    "score_source": {
        "computed": N_("Dihitung registri"),
        "entered": N_("Diisi penilai"),
        "override": N_("Diubah penilai"),
        "missing": N_("Belum dinilai (dihitung 1)"),
    },
    "field": {
        "code": N_("Kode"),
        "name": N_("Nama"),
        "acronym": N_("Singkatan"),
        "description": N_("Deskripsi"),
        "kind": N_("Jenis"),
        "owner_unit_id": N_("OPD pemilik"),
        "lifecycle": N_("Siklus hidup"),
        "started_on": N_("Mulai beroperasi"),
        "retired_on": N_("Tanggal pensiun"),
        "reference_code": N_("Kode referensi (RAA)"),
        "hosting_id": N_("Hosting (pusat data)"),
        "url": N_("Alamat web"),
        "consulted_ict_unit_on": N_("Dikonsultasikan dengan unit TIK pada"),
        "ict_controlled": N_("Dikendalikan unit TIK"),
        "last_review_on": N_("Reviu terakhir"),
        "review_followup": N_("Dokumen tindak lanjut reviu"),
        "service_indicator": N_("Indikator layanan (32-47)"),
        "backup_hosting_id": N_("Hosting cadangan"),
        "service_codes": N_("Layanan (RAL)"),
        "data_codes": N_("Data (RAD)"),
        "is_ict_unit": N_("Unit TIK (Diskominfo)"),
        "agency_id": N_("Instansi"),
        "email": N_("Surel"),
        "role": N_("Peran"),
        "unit_id": N_("OPD"),
        "password": N_("Kata sandi"),
        "status": N_("Status"),
        "revoked_at": N_("Dicabut pada"),
        "active": N_("Aktif"),
        "version": N_("Versi"),
        "year": N_("Tahun"),
        "entered_level": N_("Level penilai"),
        "override_reason": N_("Alasan perubahan level"),
        "evidence": N_("Bukti"),
        "note": N_("Catatan"),
        "fqdn": N_("Nama domain"),
        "application_id": N_("Aplikasi"),
        "technical_contact": N_("Kontak teknis"),
        "hosted_in_indonesia": N_("Di-hosting di Indonesia"),
        "tls_expires_on": N_("Sertifikat TLS berlaku sampai"),
        "state": N_("Status permintaan"),
        "purpose": N_("Tujuan"),
        "justification": N_("Justifikasi"),
        "decision_reason": N_("Alasan keputusan"),
        "submitted_at": N_("Diajukan pada"),
        "decided_at": N_("Diputuskan pada"),
        "decider_id": N_("Diputuskan oleh"),
        "duplicates": N_("Aplikasi serupa"),
        "payload": N_("Isi permintaan"),
        "result_id": N_("Data yang dibuat"),
        "result_type": N_("Jenis data yang dibuat"),
        "counterpart_unit_id": N_("OPD di sisi lain"),
        "requester_id": N_("Diminta oleh"),
        "published": N_("Di katalog publik"),
        "confirmed_at": N_("Dikonfirmasi pada"),
        "confirmed_by_id": N_("Dikonfirmasi oleh"),
        "target": N_("Target"),
        "person_name": N_("Nama pegawai"),
        "employee_number": N_("NIP"),
        "position": N_("Jabatan"),
        "competence": N_("Kompetensi"),
        "certificate": N_("Sertifikat"),
        "issuer": N_("Penerbit"),
        "number": N_("Nomor"),
        "issued_on": N_("Tanggal terbit"),
        "expires_on": N_("Berlaku sampai"),
        "title": N_("Judul"),
        "key": N_("Kunci"),
        "label": N_("Label sub-domain"),
        "business_process": N_("Proses bisnis"),
        "data_used": N_("Data yang digunakan"),
        "target_users": N_("Pengguna sasaran"),
        "proposed_hosting_id": N_("Usulan hosting"),
        "create_initiative": N_("Buat inisiatif Peta Rencana"),
        "initiative_year": N_("Tahun inisiatif"),
        "provider_id": N_("Aplikasi penyedia"),
        "consumer_id": N_("Aplikasi konsumen"),
        "channel": N_("Kanal"),
        "data_exchanged": N_("Data yang dipertukarkan"),
        "protocol": N_("Protokol"),
    },
}


def label(group, value):
    """Return the label of a stored value (an enum member or its value) in the user's language."""
    key = getattr(value, "value", value)
    text = LABELS.get(group, {}).get(key)
    return gettext(text) if text else ("" if key is None else str(key))


def choices(group):
    """Return (value, label) pairs of a group, for a select box."""
    return [(value, gettext(text)) for value, text in LABELS[group].items()]


def url_with(**changes):
    """Return the current page's URL with some query arguments changed (None removes one)."""
    args = request.args.to_dict()
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value
    return url_for(request.endpoint, **(request.view_args or {}), **args)
