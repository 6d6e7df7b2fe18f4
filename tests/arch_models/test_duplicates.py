"""A requested application is checked against the registry and the Aplikasi Umum before it is
built: what does the same job is found, what only sounds alike is not.
"""

import pytest

from arch_models.duplicates import (
    THRESHOLD,
    Candidate,
    Match,
    MatchReason,
    Proposal,
    aplikasi_umum_candidates,
    find_duplicates,
    prepare,
    root,
    score_pair,
)
from arch_models.reference.requests import APLIKASI_UMUM
from tests.arch_models.duplicate_pairs import HOLDOUT, PAIRS, evaluate


def _kinds(match: Match) -> set[MatchReason]:
    return {r.kind for r in match.reasons}


def _reason(match: Match, kind: MatchReason):
    return next(r for r in match.reasons if r.kind is kind)


# -- Words -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("word", "expected"), [
    ("kepegawaian", "pegawai"),
    ("pengaduan", "adu"),
    ("kearsipan", "arsip"),
    ("persuratan", "surat"),
    ("perizinan", "izin"),
    ("penganggaran", "anggar"),
    ("pelaporan", "lapor"),
    ("perencanaan", "rencana"),
    ("pembangunan", "bangun"),
    ("pendidikan", "didik"),
    ("kesehatan", "sehat"),
    ("penyusunan", "susun"),
    ("pemakaman", "makam"),
    ("keluhan", "keluh"),
    ("laporan", "lapor"),
    ("perijinan", "izin"),
    ("presensi", "absen"),
])
def test_affixes_come_off(word, expected):
    assert root(word) == expected


@pytest.mark.parametrize("word", ["pegawai", "pajak", "sekolah", "jalan", "taman", "perda",
                                  "berita", "kinerja", "retribusi", "medis"])
def test_words_that_only_look_affixed_stay_whole(word):
    assert root(word) == word


@pytest.mark.parametrize("name", ["e-Surat", "eSurat", "esurat", "E-Surat", "Persuratan"])
def test_every_spelling_of_e_surat_meets_srikandi(name):
    found = find_duplicates(Proposal(name), [])
    assert found
    assert found[0].candidate.name == "SRIKANDI"


def test_a_word_starting_with_e_is_not_split():
    mine = Candidate(1, "Sistem Informasi Ekonomi Kreatif")
    assert score_pair(Proposal("Aplikasi Ekonomi Kreatif"), mine).score >= THRESHOLD
    assert score_pair(Proposal("Aplikasi Konomi"), mine).score == 0


# -- Acronyms --------------------------------------------------------------------------------

def test_simpeg_spells_sistem_informasi_manajemen_kepegawaian():
    match = score_pair(Proposal("SIMPEG"),
                       Candidate(1, "Sistem Informasi Manajemen Kepegawaian"))
    assert match.score >= THRESHOLD
    assert _reason(match, MatchReason.ACRONYM).detail == (
        "SIMPEG ≈ Sistem Informasi Manajemen Kepegawaian")


@pytest.mark.parametrize("name", ["Sistem Manajemen Pegawai", "Sistem Informasi Kepegawaian",
                                  "Portal Kepegawaian Daerah"])
def test_simpeg_spells_other_names_of_the_same_job(name):
    assert MatchReason.ACRONYM in _kinds(score_pair(Proposal("SIMPEG"), Candidate(1, name)))


@pytest.mark.parametrize(("acronym", "name"), [
    ("SIMRS", "Sistem Informasi Manajemen Rumah Sakit"),
    ("JDIH", "Jaringan Dokumentasi dan Informasi Hukum"),
    ("SIMBG", "Sistem Informasi Manajemen Bangunan Gedung"),
    ("SIPKD", "Sistem Informasi Pengelolaan Keuangan Daerah"),
    ("SIMBADA", "Sistem Informasi Manajemen Barang Daerah"),
])
def test_acronyms_spell_their_names(acronym, name):
    assert MatchReason.ACRONYM in _kinds(score_pair(Proposal(acronym), Candidate(1, name)))


@pytest.mark.parametrize(("acronym", "name"), [
    ("SIMPEG", "Sistem Informasi Manajemen Rumah Sakit"),
    ("SIMRS", "SIMPEG"),
    ("SIPP", "SIPD"),
    ("SIMBG", "SIMBADA"),
    ("SIPD", "Sistem Informasi Pengelolaan Keuangan Daerah"),
])
def test_acronyms_of_other_names_do_not_match(acronym, name):
    match = score_pair(Proposal(acronym), Candidate(1, name))
    assert MatchReason.ACRONYM not in _kinds(match)
    assert match.score < THRESHOLD


def test_an_existing_acronym_spells_the_proposed_name():
    match = score_pair(Proposal("Sistem Informasi Kepegawaian Daerah"),
                       Candidate(1, "SIMPEG", acronym="SIMPEG"))
    assert _reason(match, MatchReason.ACRONYM).detail == (
        "SIMPEG ≈ Sistem Informasi Kepegawaian Daerah")
    assert match.score >= THRESHOLD


def test_an_acronym_is_no_evidence_when_both_full_names_differ():
    # SIMRS also spells "Rumah Susun", but the candidate's full name says "Rumah Sakit"
    match = score_pair(Proposal("Sistem Informasi Manajemen Rumah Susun"),
                       Candidate(1, "Sistem Informasi Manajemen Rumah Sakit", acronym="SIMRS"))
    assert MatchReason.ACRONYM not in _kinds(match)
    assert match.score < THRESHOLD


def test_the_same_acronym_for_different_jobs_stays_below_threshold():
    match = score_pair(Proposal("SIKAP", purpose="Kesiapsiagaan bencana"),
                       Candidate(1, "SIKAP", acronym="SIKAP", description="Kinerja aparatur"))
    assert MatchReason.ACRONYM in _kinds(match)
    assert match.score < THRESHOLD


# -- Function, service and reference codes ---------------------------------------------------

def test_another_opds_application_doing_the_same_job_is_found():
    match = score_pair(
        Proposal("Aplikasi Kepegawaian Dinas Kesehatan", purpose="Cuti dan data pegawai",
                 unit_id=7),
        Candidate(1, "Sistem Informasi Manajemen Kepegawaian", unit_id=2, unit_name="BKPSDM",
                  description="Data induk pegawai dan cuti"))
    assert match.score >= THRESHOLD
    assert "pegawai" in _reason(match, MatchReason.SAME_FUNCTION).detail


def test_generic_words_alone_do_not_match():
    match = score_pair(Proposal("Sistem Informasi Kepegawaian"),
                       Candidate(1, "Sistem Informasi Kearsipan"))
    assert match.score == 0
    assert match.reasons == ()


def test_the_opd_name_alone_does_not_match():
    match = score_pair(Proposal("Sistem Informasi Dinas Kesehatan", purpose="Gizi balita"),
                       Candidate(1, "Sistem Informasi Dinas Pendidikan",
                                 description="Data sekolah"))
    assert match.score == 0


def test_a_licence_and_a_tax_on_the_same_thing_are_different_jobs():
    match = score_pair(
        Proposal("Aplikasi Perizinan Reklame", purpose="Permohonan izin pemasangan reklame"),
        Candidate(1, "Aplikasi Pajak Reklame", description="Penetapan dan pembayaran pajak"))
    assert 0 < match.score < THRESHOLD


def test_a_shared_service_code_alone_is_no_duplicate():
    match = score_pair(Proposal("Sistem Informasi Pemakaman", service_codes=("RAL.01.07",)),
                       Candidate(1, "Sistem Informasi Taman Kota", service_codes=("RAL.01.07",)))
    assert match.score == 0


def test_a_shared_service_code_adds_to_other_evidence():
    proposal = Proposal("e-Pajak", service_codes=("RAL.02.02",))
    candidate = Candidate(1, "Sistem Informasi Pajak Daerah", service_codes=("RAL.02.02",))
    with_code = score_pair(proposal, candidate)
    assert _reason(with_code, MatchReason.SAME_SERVICE).detail == "RAL.02.02"
    without = score_pair(proposal, Candidate(1, "Sistem Informasi Pajak Daerah"))
    assert sum(r.weight for r in with_code.reasons) > sum(r.weight for r in without.reasons)


@pytest.mark.parametrize(("code", "counts"), [("RAA.02.01.03.01", True), ("RAA.02.01", False)])
def test_a_reference_code_counts_only_when_specific(code, counts):
    match = score_pair(Proposal("Aplikasi Satu", reference_code=code),
                       Candidate(1, "Aplikasi Dua", reference_code=code))
    assert (MatchReason.SAME_REFERENCE_CODE in _kinds(match)) is counts
    assert match.score < THRESHOLD


def test_the_score_is_the_sum_of_the_reasons_capped_at_one():
    for pair in PAIRS:
        match = score_pair(pair.proposal, pair.candidate)
        assert match.score == round(min(1.0, sum(r.weight for r in match.reasons)), 3)
        assert 0 <= match.score <= 1


# -- Aplikasi Umum ---------------------------------------------------------------------------

def test_the_catalogue_gives_one_candidate_per_aplikasi_umum():
    found = aplikasi_umum_candidates()
    assert [c.name for c in found] == [entry[0] for entry in APLIKASI_UMUM]
    assert all(c.id is None and c.is_aplikasi_umum and c.service_codes for c in found)


def test_an_e_surat_is_stopped_by_srikandi():
    found = find_duplicates(Proposal("e-Surat Dinas", purpose="Surat masuk dan disposisi"), [])
    assert found[0].candidate.name == "SRIKANDI"
    reason = _reason(found[0], MatchReason.APLIKASI_UMUM)
    assert reason.detail == "disposisi, surat"


def test_complaints_go_to_sp4n_lapor():
    found = find_duplicates(Proposal("Aplikasi Pengaduan Masyarakat"), [])
    assert [m.candidate.name for m in found] == ["SP4N-LAPOR!"]


def test_a_public_letter_service_is_not_srikandis_job():
    proposal = Proposal("e-Surat Keterangan",
                        purpose="Permohonan surat keterangan domisili oleh warga")
    assert find_duplicates(proposal, []) == []


def test_the_catalogue_is_searched_beside_the_registry():
    mine = Candidate(1, "Aplikasi Persuratan", description="Surat masuk dan keluar")
    found = find_duplicates(Proposal("e-Surat"), [mine])
    assert {m.candidate.name for m in found} == {"SRIKANDI", "Aplikasi Persuratan"}


def test_the_registrys_own_entry_for_an_aplikasi_umum_is_reported_once():
    own = Candidate(7, "SRIKANDI", acronym="SRIKANDI", description="Persuratan dan arsip",
                    is_aplikasi_umum=True)
    found = find_duplicates(Proposal("e-Surat Dinas"), [own])
    assert [m.candidate.id for m in found if m.candidate.name == "SRIKANDI"] == [7]


def test_a_registered_aplikasi_umum_outside_the_catalogue_is_compared_by_function():
    other = Candidate(8, "Sistem Informasi Desa", description="Administrasi pemerintahan desa",
                      is_aplikasi_umum=True)
    match = score_pair(Proposal("Aplikasi Desa Digital", purpose="Administrasi desa"), other)
    assert MatchReason.SAME_FUNCTION in _kinds(match)
    assert match.score >= THRESHOLD


# -- find_duplicates -------------------------------------------------------------------------

REGISTRY = [
    Candidate(1, "Sistem Informasi Pajak Daerah", description="Pendataan pajak daerah"),
    Candidate(2, "e-Pajak", description="Pembayaran pajak"),
    Candidate(3, "Aplikasi Pajak Reklame", description="Penetapan pajak reklame"),
    Candidate(4, "Sistem Informasi Retribusi", description="Retribusi pasar"),
    Candidate(5, "Pajak Online Terpadu", description="Pendataan dan pembayaran pajak daerah"),
]


def test_matches_come_best_first_and_at_most_limit():
    proposal = Proposal("Sistem Pajak Daerah", purpose="Pendataan dan pembayaran pajak")
    found = find_duplicates(proposal, REGISTRY, limit=2)
    assert len(found) == 2
    everything = find_duplicates(proposal, REGISTRY, threshold=0)
    assert [m.score for m in everything] == sorted((m.score for m in everything), reverse=True)
    assert found == everything[:2]
    assert 4 not in {m.candidate.id for m in everything}  # nothing in common: not scored


def test_the_threshold_decides_what_is_reported():
    proposal = Proposal("Sistem Pajak Daerah", purpose="Pendataan dan pembayaran pajak")
    above = find_duplicates(proposal, REGISTRY)
    assert {m.candidate.id for m in above} == {1, 2, 5}
    assert all(m.score >= THRESHOLD for m in above)
    assert len(find_duplicates(proposal, REGISTRY, threshold=0)) > len(above)


def test_candidates_may_be_any_iterable_and_prepared_ahead():
    proposal = Proposal("e-Pajak")
    from_list = find_duplicates(proposal, REGISTRY)
    assert find_duplicates(proposal, (c for c in REGISTRY)) == from_list
    assert find_duplicates(proposal, prepare(REGISTRY)) == from_list


@pytest.mark.parametrize("proposal", [
    Proposal(""), Proposal("   "), Proposal("!!! - ?"), Proposal("Sistem Informasi"),
    Proposal("", acronym="", purpose=""), Proposal("e"), Proposal("123"),
])
def test_blank_or_generic_proposals_find_nothing_and_do_not_crash(proposal):
    assert find_duplicates(proposal, [*REGISTRY, Candidate(9, ""), Candidate(10, "  ")]) == []


def test_blank_candidates_score_nothing():
    assert score_pair(Proposal("e-Pajak"), Candidate(None, "")).score == 0
    assert score_pair(Proposal(""), Candidate(1, "")).reasons == ()


# -- The same name, and a name with a word added --------------------------------------------

SIMPEG_HAVE = Candidate(1, "Sistem Informasi Manajemen Kepegawaian", acronym="SIMPEG",
                        description="Data induk pegawai, cuti dan kenaikan pangkat")


@pytest.mark.parametrize(("typed", "registered"), [
    ("Sistem Informasi Manajemen Kepegawaian", "Sistem Informasi Manajemen Kepegawaian"),
    ("sistem informasi  manajemen KEPEGAWAIAN", "Sistem Informasi Manajemen Kepegawaian"),
    ("Sistem Informasi Pajak Daerah", "Sistem Informasi Pajak Daerah"),
    ("eKinerja", "e-Kinerja"),
    ("Simpeg", "SIMPEG"),
])
def test_the_same_name_scores_full_marks(typed, registered):
    match = score_pair(Proposal(typed), Candidate(1, registered))
    assert match.score == 1.0
    assert _reason(match, MatchReason.SAME_NAME).detail == registered


def test_the_same_name_counts_at_least_as_much_as_a_matching_acronym():
    same_name = score_pair(Proposal("Sistem Informasi Manajemen Kepegawaian"), SIMPEG_HAVE)
    acronym = score_pair(Proposal("SIMPEG", acronym="SIMPEG"), SIMPEG_HAVE)
    assert same_name.score == 1.0 >= acronym.score
    found = find_duplicates(Proposal("Sistem Informasi Manajemen Kepegawaian"), [SIMPEG_HAVE])
    assert found[0].candidate is SIMPEG_HAVE


def test_a_name_of_generic_words_only_is_no_evidence_even_when_equal():
    assert find_duplicates(Proposal("Sistem Informasi"), [Candidate(1, "Sistem Informasi")]) == []


@pytest.mark.parametrize(("typed", "registered"), [
    ("Sistem Informasi Manajemen Kepegawaian Uji", "Sistem Informasi Manajemen Kepegawaian"),
    ("Sistem Informasi Pajak Daerah Uji", "Sistem Informasi Pajak Daerah"),
    ("e-Kinerja Uji", "e-Kinerja"),
    ("Uji Sistem Informasi Kesehatan Ibu dan Anak", "Sistem Informasi Kesehatan Ibu dan Anak"),
    ("Sistem Informasi Manajemen Kepegawaian", "Sistem Informasi Manajemen Kepegawaian Terbaru"),
])
def test_one_word_added_does_not_hide_a_match(typed, registered):
    candidate = Candidate(1, registered)
    [found] = [m for m in find_duplicates(Proposal(typed), [candidate])
               if m.candidate is candidate]
    assert THRESHOLD <= found.score < 1.0
    assert MatchReason.SAME_NAME not in _kinds(found)


# -- The labelled pairs ----------------------------------------------------------------------

def test_the_labelled_set_is_large_and_balanced():
    duplicates = sum(p.is_duplicate for p in PAIRS)
    assert len(PAIRS) >= 40
    assert 0.4 <= duplicates / len(PAIRS) <= 0.6


def test_precision_and_recall_on_the_labelled_set():
    figures = evaluate(PAIRS, THRESHOLD)
    wrong = [(p.proposal.name, p.candidate.name, m.score) for p, m in figures.wrong]
    assert figures.recall >= 0.9, wrong
    assert figures.precision >= 0.8, wrong


def test_precision_and_recall_hold_on_pairs_never_tuned_on():
    figures = evaluate(HOLDOUT, THRESHOLD)
    wrong = [(p.proposal.name, p.candidate.name, m.score) for p, m in figures.wrong]
    assert figures.recall >= 0.8, wrong
    assert figures.precision >= 0.8, wrong
