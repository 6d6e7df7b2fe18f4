"""The texts of the computed levels' criteria, in Bahasa Indonesia and in English, as data.

Each key names one criterion (or one part of it) of the rules in ``arch_models.levels``,
``levels_pemdi`` and ``evidence``; ``{name}`` fields are filled from the facts when the level
is computed (``arch_models.messages.Msg``). Both texts take the same fields.
"""

__all__ = ["CRITERIA"]

#: key -> (Indonesian, English)
CRITERIA = {
    # the ladder (arch_models.ladder)
    "capped": ("Dibatasi di level {cap} oleh {count} hambatan.",
               "Capped at level {cap} by {count} blocker(s)."),
    "share": ("{part} dari {whole}", "{part} of {whole}"),
    # 59/2020 (arch_models.levels)
    "architecture_enacted": (
        "Dokumen Arsitektur SPBE ditetapkan dan memuat sebagian domain.",
        "The SPBE Architecture document is enacted and covers some of the domains."),
    "architecture_all_domains": ("Dokumen memuat keenam domain.",
                                 "The document covers all six domains."),
    "architecture_national": (
        "Mengikuti arsitektur nasional (aplikasi berkode RAA) dan direviu.",
        "Follows the national architecture (applications carry RAA codes) and is reviewed."),
    "updated_after_review": ("Diperbarui setelah reviu.", "Updated after the review."),
    "roadmap_enacted": ("Peta Rencana ditetapkan dan memuat sebagian muatan.",
                        "The Peta Rencana is enacted and covers some of its content areas."),
    "roadmap_all_areas": ("Memuat ketujuh muatan.", "Covers all seven content areas."),
    "roadmap_budgeted": ("Dianggarkan tiga tahun terakhir dan direviu.",
                         "Budgeted in each of the last three years, and reviewed."),
    "service_beyond_reviewed": (
        "{beyond} dan Arsitektur Infrastruktur direviu pada tahun evaluasi.",
        "{beyond}, and the Infrastructure Architecture is reviewed in the evaluation year."),
    "service_improved": ("Diperbaiki setelah reviu (tindak lanjut reviu tercatat).",
                         "Improved after the review (the follow-up of the review is recorded)."),
    "dc_serves_some": ("Pusat data instansi (atau PDN) melayani sebagian OPD ({served} OPD).",
                       "The agency's data centre (or the PDN) serves some OPDs ({served} OPD)."),
    "dc_hosts_all": (
        "Aplikasi seluruh OPD berjalan di pusat data instansi atau PDN ({inside} aplikasi), "
        "dengan SOP pengoperasian ({with_sop} pusat data instansi).",
        "The applications of every OPD run in the agency's data centre or the PDN ({inside} "
        "applications), with an operating SOP ({with_sop} agency data centres)."),
    "dc_on_pdn": ("Pusat data terhubung dengan / memakai PDN ({on_pdn})",
                  "The data centres are connected to / use the PDN ({on_pdn})"),
    "intra_some": ("Sebagian OPD terhubung jaringan intra ({reached} OPD).",
                   "Some OPDs are on the intra network ({reached} OPD)."),
    "intra_all": ("Seluruh OPD terhubung jaringan intra ({reached} OPD).",
                  "Every OPD is on the intra network ({reached} OPD)."),
    "intra_jip": ("Jaringan intra terhubung dengan JIP ({on_jip})",
                  "The intra networks are connected to the JIP ({on_jip})"),
    "bus_some": ("Service bus tercatat dan sebagian OPD terintegrasi melaluinya ({joined} OPD).",
                 "A service bus is recorded and some OPDs integrate through it ({joined} OPD)."),
    "bus_all": (
        "Seluruh OPD terintegrasi melalui service bus, tanpa point-to-point ({joined} OPD).",
        "Every OPD integrates through the service bus, with no point-to-point links "
        "({joined} OPD)."),
    "bus_splp_reviewed_this_year": (
        "Service bus terhubung dengan SPLP nasional dan Arsitektur Infrastruktur direviu pada "
        "tahun evaluasi.",
        "The service bus is connected to the national SPLP, and the Infrastructure "
        "Architecture is reviewed in the evaluation year."),
    "bus_all_apps": (
        "Seluruh aplikasi terintegrasi ({linked}), direviu tahun ini ({reviewed}), dan hasil "
        "reviu ditindaklanjuti.",
        "Every application is integrated ({linked}) and reviewed this year ({reviewed}), and "
        "the review is followed up."),
    "competence_some": (
        "Sebagian OPD memiliki pegawai bersertifikat kompetensi digital ({certified} OPD).",
        "Some OPDs have staff certified in digital competence ({certified} OPD)."),
    "competence_all_guided": (
        "Setiap OPD memiliki pegawai bersertifikat ({certified} OPD), dan manajemen "
        "kompetensi: pedoman bertanggal ditetapkan ({guided} area).",
        "Every OPD has certified staff ({certified} OPD), and competence management: a dated "
        "guideline is set ({guided} areas)."),
    "policy_enacted": ("Kebijakan ditetapkan (bernomor dan bertanggal).",
                       "The policy is enacted (numbered and dated)."),
    "policy_complete": ("Kebijakan berlaku untuk seluruh OPD dan seluruh muatannya.",
                        "The policy applies to every OPD and covers all its content."),
    "policy_beyond": ("Mengatur keterpaduan di luar instansi dan direviu.",
                      "It regulates integration beyond the agency, and is reviewed."),
    "policy_renewed": ("Kebijakan baru atau perubahan ditetapkan setelah reviu.",
                       "A new or amended policy is enacted after the review."),
    # application development, managed areas, audits (arch_models.evidence)
    "development_lifecycle": (
        "Aplikasi dibangun mengikuti siklus hidup ({built} aplikasi dibangun atau berjalan, "
        "{umum} Aplikasi Umum).",
        "Applications are built following a lifecycle ({built} applications being built or "
        "running, {umum} Aplikasi Umum)."),
    "development_consulted": (
        "Setiap aplikasi khusus dikonsultasikan dengan unit TIK sebelum dibangun ({consulted}).",
        "Every Aplikasi Khusus is discussed with the ICT unit before it is built "
        "({consulted})."),
    "development_controlled": (
        "Setiap aplikasi khusus dikendalikan unit TIK ({controlled}) dan setiap yang berjalan "
        "direviu pada tahun evaluasi ({reviewed}).",
        "Every Aplikasi Khusus is controlled by the ICT unit ({controlled}), and every running "
        "one is reviewed in the evaluation year ({reviewed})."),
    "development_followed_up": (
        "Hasil reviu setiap aplikasi khusus yang berjalan ditindaklanjuti ({followed}).",
        "The review of every running Aplikasi Khusus is followed up ({followed})."),
    "area_planned": ("{what}: rencana atau pedoman tercatat ({count} area).",
                     "{what}: a plan or guideline is recorded ({count} areas)."),
    "area_guided": ("{what}: pedoman bertanggal ditetapkan ({count} area).",
                    "{what}: a dated guideline is set ({count} areas)."),
    "area_reviewed": ("{what}: direviu pada tahun evaluasi ({count} area).",
                      "{what}: reviewed in the evaluation year ({count} areas)."),
    "area_improved": ("{what}: perbaikan setelah reviu tahun ini tercatat ({count} area).",
                      "{what}: an improvement after this year's review is recorded "
                      "({count} areas)."),
    "audit_planned": ("{what}: direncanakan ({count} jenis audit).",
                      "{what}: planned ({count} audit types)."),
    "audit_guided": (
        "{what}: dilaksanakan sesuai pedoman bertanggal dalam 24 bulan terakhir ({count} jenis "
        "audit).",
        "{what}: carried out to a dated guideline in the last 24 months ({count} audit "
        "types)."),
    "audit_external": (
        "{what}: oleh auditor eksternal tersertifikasi dalam 24 bulan terakhir ({count} jenis "
        "audit).",
        "{what}: by a certified external auditor in the last 24 months ({count} audit types)."),
    "audit_followed_up": (
        "{what}: temuan audit eksternal ditindaklanjuti ({count} jenis audit).",
        "{what}: the findings of the external audit are followed up ({count} audit types)."),
    # the Indeks Pemdi, 8/2026 (arch_models.levels_pemdi)
    "governance_enacted": (
        "Arsitektur Pemdi dan Peta Rencana ditetapkan (bernomor dan bertanggal) dan memuat "
        "sebagian isinya ({domains} domain, {areas} muatan).",
        "The Pemdi Architecture and the Peta Rencana are enacted (numbered and dated) and "
        "cover part of their content ({domains} domains, {areas} content areas)."),
    "governance_complete": (
        "Arsitektur memuat keenam domain ({domains}) dan Peta Rencana ketujuh muatan ({areas}).",
        "The Architecture covers all six domains ({domains}) and the Peta Rencana all seven "
        "content areas ({areas})."),
    "governance_national": (
        "Mengikuti arsitektur nasional (aplikasi berkode referensi: {coded}) dan Arsitektur "
        "serta Peta Rencana direviu.",
        "Follows the national architecture (applications with a reference code: {coded}), "
        "and the Architecture and the Peta Rencana are reviewed."),
    "governance_updated": (
        "Arsitektur dan Peta Rencana diperbarui setelah reviu (tindak lanjut tercatat).",
        "The Architecture and the Peta Rencana are updated after the review (follow-up "
        "recorded)."),
    "infrastructure_some": (
        "Pusat data instansi atau PDN melayani sebagian OPD ({served} OPD) dan sebagian OPD "
        "terhubung jaringan intra ({reached}).",
        "The agency's data centre or the PDN serves some OPDs ({served} OPD), and some OPDs "
        "are on the intra network ({reached})."),
    "infrastructure_all": (
        "Seluruh aplikasi berjalan di pusat data instansi atau PDN ({inside}) dengan SOP "
        "pengoperasian ({with_sop} pusat data instansi), dan seluruh OPD terhubung jaringan "
        "intra ({reached}).",
        "Every application runs in the agency's data centre or the PDN ({inside}) with an "
        "operating SOP ({with_sop} agency data centres), and every OPD is on the intra network "
        "({reached})."),
    "infrastructure_national": (
        "Pusat data terhubung PDN ({on_pdn}), jaringan intra terhubung JIP, dan Arsitektur "
        "Infrastruktur direviu.",
        "The data centres are connected to the PDN ({on_pdn}), the intra network to the JIP, "
        "and the Infrastructure Architecture is reviewed."),
    "infrastructure_followed_up": (
        "Hasil reviu Arsitektur Infrastruktur ditindaklanjuti.",
        "The review of the Infrastructure Architecture is followed up."),
    "processes_some": (
        "Sebagian proses bisnis terpadu lintas OPD ({crossing} pertukaran data antar-OPD).",
        "Some business processes are integrated across OPDs ({crossing} data exchanges "
        "between OPDs)."),
    "processes_all": (
        "Setiap OPD yang memiliki aplikasi berjalan bertukar data dengan OPD lain ({joined} "
        "OPD).",
        "Every OPD with a running application exchanges data with another OPD ({joined} OPD)."),
    "processes_beyond": (
        "Terpadu lintas instansi ({beyond} pertukaran data dengan Aplikasi Umum / nasional) "
        "dan Arsitektur Pemdi direviu.",
        "Integrated across agencies ({beyond} data exchanges with Aplikasi Umum / national "
        "applications), and the Pemdi Architecture is reviewed."),
    "processes_followed_up": ("Hasil reviu Arsitektur Pemdi ditindaklanjuti.",
                              "The review of the Pemdi Architecture is followed up."),
    "splp_reviewed": (
        "Service bus terhubung dengan SPLP nasional dan Arsitektur Infrastruktur direviu.",
        "The service bus is connected to the national SPLP, and the Infrastructure "
        "Architecture is reviewed."),
    "integration_some": (
        "Service bus tercatat dan sebagian integrasi melaluinya ({through} tautan).",
        "A service bus is recorded and some integrations run through it ({through} links)."),
    "integration_all": (
        "Seluruh integrasi melalui service bus, tanpa point-to-point ({through} tautan).",
        "Every integration runs through the service bus, with no point-to-point links "
        "({through} links)."),
    "integration_apps": (
        "Seluruh aplikasi yang berjalan terintegrasi ({joined}) dan hasil reviu "
        "ditindaklanjuti.",
        "Every running application is integrated ({joined}), and the review is followed up."),
    "portal_some": ("Sebagian layanan dimuat di katalog publik ({published} aplikasi).",
                    "Some services are listed in the public catalogue ({published} "
                    "applications)."),
    "portal_all": (
        "Setiap aplikasi layanan publik yang berjalan dimuat di katalog publik ({listed}).",
        "Every running public-service application is listed in the public catalogue "
        "({listed})."),
    "portal_national": (
        "Keterpaduan dengan portal nasional dan reviunya tidak tercatat di registri: penilai "
        "mengisi level ini dengan buktinya.",
        "Integration with the national portal and its review are not recorded in the "
        "registry: the assessor enters this level with its evidence."),
    "portal_followed_up": ("Hasil reviu portal ditindaklanjuti.",
                           "The review of the portal is followed up."),
    "interoperability_some": (
        "Sebagian data dipertukarkan otomatis lewat service bus dengan data yang dipertukarkan "
        "tercatat ({good} tautan).",
        "Some data is exchanged automatically through the service bus, with the data "
        "exchanged recorded ({good} links)."),
    "interoperability_all": (
        "Setiap pertukaran data lewat service bus dan mencatat data yang dipertukarkan ({good} "
        "tautan).",
        "Every data exchange runs through the service bus and records the data exchanged "
        "({good} links)."),
}
