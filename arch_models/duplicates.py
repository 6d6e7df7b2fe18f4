"""Is a requested application already there? Compare it with the registry and the Aplikasi Umum.

docs/reference.md §6: a new application that does what an Aplikasi Umum does is stopped at the
door, and one OPD should not build what another already runs. Names are compared after generic
words are dropped and Indonesian affixes stripped (kepegawaian -> pegawai); acronyms are spelled
out against names (SIMPEG ~ Sistem Informasi Manajemen Kepegawaian); the function words of names
and descriptions are compared. Each piece of evidence is a Reason with its weight, and the score
is their sum, capped at 1. The same name (case, spaces and punctuation aside) is full marks
on its own; a name that only adds a word or two to the other's ("... Uji") is compared by the
name it contains.

What an application does is read from its name's words, or from its description when the name is
only an acronym. Two do the same job when each one's function is named or described by the other
(the smaller of the two coverages): "e-Kinerja" is covered by "Sistem Informasi Kinerja Jalan",
but "jalan" is not covered back. An Aplikasi Umum is compared by the job its catalogue entry
lists. Which OPD asks is not scored: one OPD's copy of another's application is the duplicate
the registry is there to catch.
"""

from __future__ import annotations

import enum
import heapq
import math
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache
from typing import NamedTuple

from arch_models.reference.requests import (
    ABBREVIATIONS,
    ACRONYM_HEADS,
    APLIKASI_UMUM,
    GENERIC_WORDS,
    KNOWN_ROOTS,
    PHRASES,
    PROCESS_ROOTS,
    STOPWORDS,
    SYNONYMS,
    UNIT_SHORT_NAMES,
    UNIT_WORDS,
)

__all__ = [
    "THRESHOLD",
    "Candidate",
    "Match",
    "MatchReason",
    "Proposal",
    "Reason",
    "aplikasi_umum_candidates",
    "find_duplicates",
    "prepare",
    "root",
    "score_pair",
]

#: the score from which a pair is reported as a likely duplicate (tuned on the labelled set in
#: tests/arch_models/duplicate_pairs.py; scripts/eval_duplicates.py prints the figures)
THRESHOLD = 0.6

# What each piece of evidence adds to the score (tuned with THRESHOLD on the same set)
PROCESS_WEIGHT = 0.3
MAX_SYLLABLE = 4  # letters an acronym takes from one word at most (PEG, BADA)
FUNCTION_WEIGHT = 0.65
NAME_WEIGHT = 0.2
ACRONYM_WEIGHT = 0.45
ACRONYM_ALONE_WEIGHT = 0.6  # when nothing says what one of the two does
TEXT_WEIGHT = 0.3
UMUM_WEIGHT = 0.65
SERVICE_WEIGHT = 0.15
REFERENCE_WEIGHT = 0.15
SPECIFIC_GROUPS = 4  # RAA.02.01.03.01: with fewer groups a code names a family of applications
SAME_NAME_WEIGHT = 1.0  # the same name: a duplicate whatever else differs
MAX_ADDED_WORDS = 2  # words a name may add to another's and still be compared by the shorter


class MatchReason(enum.StrEnum):
    """Why a candidate looks like the proposed application."""

    SAME_NAME = "same_name"  # the same name, case, spaces and punctuation aside
    SIMILAR_NAME = "similar_name"  # names alike after dropping generic words
    ACRONYM = "acronym"  # one's acronym spells the other's name
    SAME_FUNCTION = "same_function"  # the same function words (stemmed) in name or purpose
    SAME_SERVICE = "same_service"  # shares a RAL service code
    SAME_REFERENCE_CODE = "same_reference_code"  # same specific RAA code
    APLIKASI_UMUM = "aplikasi_umum"  # an Aplikasi Umum already does this job


@dataclass(frozen=True)
class Proposal:
    """What the requester typed for the new application."""

    name: str
    acronym: str = ""
    purpose: str = ""
    service_codes: tuple[str, ...] = ()  #: normalised RAL codes
    reference_code: str = ""  #: normalised RAA code
    unit_id: int | None = None


@dataclass(frozen=True)
class Candidate:
    """An application the proposal may duplicate: from the registry, or an Aplikasi Umum."""

    id: int | None  #: None for a catalogue Aplikasi Umum
    name: str
    acronym: str = ""
    description: str = ""
    service_codes: tuple[str, ...] = ()
    reference_code: str = ""
    unit_id: int | None = None
    unit_name: str = ""
    is_aplikasi_umum: bool = False


@dataclass(frozen=True)
class Reason:
    """One piece of evidence: its kind, the data it rests on, and what it adds to the score."""

    kind: MatchReason
    detail: str  #: the evidence as data: "SIMPEG ≈ Sistem Informasi ...", "RAL.02.05", "arsip"
    weight: float


@dataclass(frozen=True)
class Match:
    """A candidate, how much it looks like the proposal (0..1), and why."""

    candidate: Candidate
    score: float
    reasons: tuple[Reason, ...]


# -- Words and roots -------------------------------------------------------------------------

_VOWELS = frozenset("aeiou")
_MIN_ROOT = 3  # the shortest root accepted when it is known (adu, ada)
_MIN_GUESS = 5  # words this short are left whole unless a known root is found
_KNOWN = KNOWN_ROOTS | frozenset().union(*(entry[3] for entry in APLIKASI_UMUM))


def _nasal_options(rest: str, family: str) -> list[tuple[str, str]]:
    """Undo the nasal of pe(N)-/me(N)-: pengaduan -> aduan, pemotongan -> potongan."""
    if rest.startswith("ng"):
        tail = rest[2:]
        return [(tail, family), ("k" + tail, family)] if tail[:1] in _VOWELS else [(tail, family)]
    if rest.startswith("ny"):
        return [("s" + rest[2:], family)]
    if rest[:1] in ("m", "n"):
        tail = rest[1:]
        kept, voiceless = ("bfv", "p") if rest[0] == "m" else ("cdjz", "t")
        if tail[:1] in kept:
            return [(tail, family)]
        if tail[:1] in _VOWELS:
            return [(voiceless + tail, family), (rest[0] + tail, family)]
        return []
    if rest[:1] in ("l", "r", "w", "y") or (rest[:1] not in _VOWELS and rest[1:3] == "er"):
        return [(rest, family)]
    return []


def _prefix_options(word: str) -> list[tuple[str, str]]:
    """Return (stem, prefix family) for each way a prefix may come off, likeliest first."""
    if word.startswith("per") and word[3:4] not in ("", "l", "r", "w", "y"):
        tail = word[3:]
        return [(tail, "per"), ("r" + tail, "per")] if tail[0] in _VOWELS else [(tail, "per")]
    if word.startswith(("pe", "me")):
        return _nasal_options(word[2:], word[:2])
    if word.startswith("ber"):
        tail = word[3:]
        return [(tail, "ber"), ("r" + tail, "ber")] if tail[:1] in _VOWELS else [(tail, "ber")]
    if word.startswith(("ke", "di")):
        return [(word[2:], word[:2])]
    return []


def _suffix_options(stem: str, family: str) -> list[str]:
    """Return the stem without each suffix its prefix allows, likeliest first."""
    if family == "ke":  # ke- only as the confix ke-an: kearsipan, not keluarga
        return [stem[:-2]] if stem.endswith("an") else []
    if family == "di":  # di-kan: diajukan
        return [stem[:-3]] if stem.endswith("kan") else []
    if family in ("pe", "per"):  # nouns: pe-an, per-an
        return [stem[:-2], stem] if stem.endswith("an") else [stem]
    options = [stem[:-3]] if stem.endswith("kan") else []
    if stem.endswith("an"):
        options.append(stem[:-2])
    if family == "me" and stem.endswith("i"):
        options.append(stem[:-1])
    return [*options, stem]


def _root_options(word: str) -> tuple[list[str], list[str]]:
    """Return every root the word could have, and those of them the rules favour.

    The roots come likeliest first, the word itself last; the favoured ones are for when none is
    known (berita stays, not be-rita).
    """
    options, favoured = [], []
    for rank, (stem, family) in enumerate(_prefix_options(word)):
        for option in _suffix_options(stem, family):
            inner = [s for s, f in _prefix_options(option) if f != "ke"]
            if family not in ("ke", "per", "ber") or option in _KNOWN:  # kepe-, keber-, keper-
                inner = []
            options += [option, *inner]
            if rank == 0:
                favoured += [option, *inner[:1]]
    plain = _suffix_options(word, "")
    return options + plain, favoured + plain


@cache
def root(word: str) -> str:
    """Return the root of a lower-case word, so that kepegawaian, pegawai and ASN meet.

    Affixes come off by the rules of Bahasa Indonesia; where the rules allow several roots a
    known one wins (perencanaan -> rencana, not encana). Synonyms fold onto one root.
    """
    word = SYNONYMS.get(word, word)
    if word in _KNOWN or len(word) < _MIN_GUESS or not word.isalpha():
        return word
    options, favoured = _root_options(word)
    found = next((o for o in options if o in _KNOWN and len(o) >= _MIN_ROOT), None)
    if found is None:
        found = next((o for o in favoured if len(o) >= _MIN_GUESS - 1), word)
    return SYNONYMS.get(found, found)


_GENERIC_ROOTS = frozenset(root(w) for w in GENERIC_WORDS) - _KNOWN
_SKIPPABLE = GENERIC_WORDS | STOPWORDS | UNIT_SHORT_NAMES
_CAMEL = re.compile(r"(?<=\be)(?=[A-Z])|(?<=[a-z])(?=[A-Z][a-z])")  # eSurat, SiCantik; not LKjIP
_TOKEN = re.compile(r"[A-Za-z0-9]+")
_CAPITALS = re.compile(r"[A-Z0-9]{3}")
_NOTHING: frozenset[str] = frozenset()
_LONGEST_PHRASE = max(map(len, PHRASES))
_MENDED = re.compile(r"\b(?:non\b|e[a-z]{4})")  # words _words must join or split
_REWRITTEN = (frozenset(ABBREVIATIONS) | frozenset(phrase[0] for phrase in PHRASES)
              | UNIT_WORDS)


def _is_glued_e(word: str) -> bool:
    """Tell "esurat" (e + surat) from "ekonomi"."""
    return (len(word) > 4 and word not in _KNOWN
            and (word[1:] in SYNONYMS or root(word[1:]) in _KNOWN))


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    """Split text into lower-case words.

    "e-Surat", "eSurat" and "esurat" give e + surat; "non berusaha" gives "nonberusaha".
    """
    lowered = _CAMEL.sub(" ", text).lower()
    words = _TOKEN.findall(lowered)
    if not _MENDED.search(lowered):
        return tuple(words)
    found: list[str] = []
    for word in words:
        if found and found[-1] == "non":
            found[-1] += word
        elif word[0] == "e" and _is_glued_e(word):
            found += ["e", word[1:]]
        else:
            found.append(word)
    return tuple(found)


def _acronym_tokens(name: str) -> set[str]:
    """Return the words of a name written as acronyms (SIMPEG, SP4N), generic ones left out."""
    if not _CAPITALS.search(name):
        return set()
    return {token.lower() for token in _TOKEN.findall(_CAMEL.sub(" ", name))
            if len(token) >= 3 and token.isupper()} - _SKIPPABLE - ABBREVIATIONS.keys()


def _spelled_out(words: tuple[str, ...]) -> Iterable[str]:
    """Return the words with abbreviations spelled out and known phrases folded.

    The field of an OPD ("Dinas Kesehatan dan KB") is left out.
    """
    if _REWRITTEN.isdisjoint(words):
        return words
    plain: list[str] = []
    field = ""  # "next": the OPD's field comes next; "after": it may go on with "dan"
    for word in words:
        if field == "next" and word not in STOPWORDS:
            field = "after"
            continue
        if field == "after" and word == "dan":
            field = "next"
            continue
        field = "next" if word in UNIT_WORDS else ""
        plain.extend(ABBREVIATIONS.get(word, (word,)))
    folded, i = [], 0
    while i < len(plain):
        for length in range(_LONGEST_PHRASE, 1, -1):
            phrase = PHRASES.get(tuple(plain[i:i + length]))
            if phrase:
                folded.append(phrase)
                i += length
                break
        else:
            folded.append(plain[i])
            i += 1
    return folded


@cache
def _meaning(word: str) -> str | None:
    """Return the root a word contributes to what an application does, or None."""
    if word in _SKIPPABLE or len(word) < 2 or word.isdigit():
        return None
    stem = root(word)
    return None if stem in _GENERIC_ROOTS else stem


@lru_cache(maxsize=65536)
def _significant(text: str) -> tuple[str, ...]:
    """Return the roots of the words that say what an application does, in order."""
    return tuple(dict.fromkeys(filter(None, map(_meaning, _spelled_out(_words(text))))))


@lru_cache(maxsize=65536)
def _spelling(name: str) -> tuple[tuple[str, str, bool], ...]:
    """Return a name's words as acronyms see them: (word, root, may be skipped)."""
    return tuple((w, root(w), w in _SKIPPABLE or w.isdigit()) for w in _words(name))


@cache
def _initials(word: str) -> frozenset[str] | None:
    """Return the letters an acronym may take a word's start from, or None if it may skip it."""
    if word in _SKIPPABLE or word.isdigit():
        return None
    return frozenset((word[0], root(word)[0]))


def _acronym_forms(acronym: str) -> set[str]:
    """Return an acronym field as compared: "SIM-RS" -> simrs; "e-PPID" -> eppid and ppid."""
    if not acronym:
        return set()
    parts = _TOKEN.findall(_CAMEL.sub(" ", acronym).lower())
    forms = {"".join(parts)}
    if len(parts) > 1 and parts[0] == "e":
        forms.add("".join(parts[1:]))
    return {f for f in forms if len(f) >= 3}


# -- One side of a comparison, prepared once -------------------------------------------------

class _Side(NamedTuple):
    """What is compared of one application, worked out once."""

    name_roots: tuple[str, ...]  # significant roots of the name, its acronyms left out
    function: frozenset[str]  # what the application does: its name's words, else its text's
    text_roots: frozenset[str]  # significant roots of the purpose or description
    everything: frozenset[str]  # every root and acronym of name, job and text
    own_acronyms: frozenset[str]  # the acronyms that name this application
    acronym_tokens: frozenset[str]  # every acronym in its name, and its own
    named_by_acronym: bool  # its name says nothing but an acronym ("SIMPEG Online")
    name: str  # as typed, for spelling acronyms out
    firsts: tuple[frozenset[str], ...]  # initials an acronym needs for the name, in order
    job: frozenset[str]  # an Aplikasi Umum's function roots from the catalogue
    words: tuple[str, ...]  # the name's words, lower-case; empty when none says anything


def _side(name: str, acronym: str, text: str, job: Iterable[str] = ()) -> _Side:
    """Prepare one application's name, acronym and text for comparison."""
    name, acronym, text = name or "", acronym or "", text or ""
    name_roots = _significant(name)
    text_roots = frozenset(_significant(text))
    job = frozenset(map(root, job)) if job else _NOTHING
    words = _words(name)
    initials = tuple(filter(None, map(_initials, words)))
    tokens = _acronym_tokens(name)
    if not name_roots and not tokens:  # "Sistem Informasi": equal names of it say nothing
        words = ()
    if not tokens and not acronym:  # most applications: no acronym to compare
        function = frozenset(name_roots) | job
        return _Side(name_roots, function, text_roots, function | text_roots, _NOTHING,
                     _NOTHING, False, name, initials, job, words)
    words_of_function = tuple(r for r in name_roots if r not in tokens)
    named_by_acronym = bool(tokens) and not words_of_function and not job
    own = _acronym_forms(acronym) | (tokens if named_by_acronym else set())
    function = frozenset(words_of_function) | job or (text_roots if named_by_acronym else _NOTHING)
    return _Side(words_of_function, function, text_roots,
                 frozenset(name_roots) | job | text_roots | own | tokens, frozenset(own),
                 frozenset(own | tokens), named_by_acronym, name, initials, job, words)


@lru_cache(maxsize=65536)
def _candidate_side(candidate: Candidate) -> _Side:
    """Prepare a candidate once; the registry hands the same ones over and over."""
    job = _UMUM_JOBS.get(candidate.name, ()) if candidate.is_aplikasi_umum else ()
    return _side(candidate.name, candidate.acronym, candidate.description, job)


def _proposal_side(proposal: Proposal) -> _Side:
    return _side(proposal.name, proposal.acronym, proposal.purpose)


def prepare(candidates: Iterable[Candidate]) -> tuple[Candidate, ...]:
    """Work out every candidate's words ahead of the first request (optional: done lazily)."""
    found = tuple(candidates)
    for candidate in found:
        _candidate_side(candidate)
    return found


# -- The Aplikasi Umum catalogue -------------------------------------------------------------

_UMUM_JOBS = {entry[0]: entry[3] for entry in APLIKASI_UMUM}


@cache
def aplikasi_umum_candidates() -> tuple[Candidate, ...]:
    """Return the Aplikasi Umum of the reference catalogue as candidates (id None)."""
    return tuple(
        Candidate(None, name, acronym=acronym, description=description, service_codes=(ral,),
                  is_aplikasi_umum=True)
        for name, acronym, description, _, ral in APLIKASI_UMUM
    )


# -- Evidence --------------------------------------------------------------------------------

def _weight(word_root: str) -> float:
    """Tell how much a shared root says: process words (daftar, bayar) say little."""
    return PROCESS_WEIGHT if word_root in PROCESS_ROOTS else 1.0


def _alike(a: str, b: str) -> bool:
    """Tell whether two roots are the same word, allowing a typo in long ones."""
    if a == b:
        return True
    return (len(a) >= 6 and len(b) >= 6 and a[:3] == b[:3]
            and SequenceMatcher(None, a, b).ratio() >= 0.85)


def _shared(ours: Iterable[str], theirs: Collection[str]) -> list[str]:
    """Return our roots that the other side has too, in our order."""
    return [r for r in ours if r in theirs or any(_alike(r, t) for t in theirs)]


def _total(roots: Iterable[str]) -> float:
    return sum(_weight(r) for r in roots)


def _spells(acronym: str, words: tuple[tuple[str, str, bool], ...], used: bool = False) -> bool:
    """Tell whether the acronym is built from the starts of the words, in order.

    Every word that is not generic gives one to four letters, from its start or its root's
    (SIMPEG: SIstem, Manajemen, kePEGawaian -> PEGawai); generic words may give none.
    """
    if not acronym:
        return used and all(skippable for _, _, skippable in words)
    if not words:
        return False
    word, word_root, skippable = words[0]
    if skippable and _spells(acronym, words[1:], used):
        return True
    for form in {word, word_root}:
        for length in range(min(len(acronym), len(form), MAX_SYLLABLE), 0, -1):
            if (acronym[:length] == form[:length]
                    and _spells(acronym[length:], words[1:], used or not skippable)):
                return True
    return False


@lru_cache(maxsize=65536)
def _may_spell(acronym: str, firsts: tuple[frozenset[str], ...]) -> bool:
    """Tell cheaply whether the acronym could spell a name.

    It must have, in order, an initial of each word of the name that may not be skipped. Names share
    few patterns, hence the cache.
    """
    if not firsts or len(firsts) > len(acronym):
        return False
    at = 0
    for first in firsts:
        at = next((i + 1 for i in range(at, len(acronym)) if acronym[i] in first), -1)
        if at < 0:
            return False
    return True


def _acronym_evidence(ours: _Side, theirs: _Side) -> str | None:
    """Return our acronym when it is the other side's, or spells its name.

    The latter only while ours says nothing else.
    """
    for acronym in sorted(ours.own_acronyms):
        if acronym in theirs.acronym_tokens:
            return acronym
        if not ours.named_by_acronym:
            continue
        if not _may_spell(acronym, theirs.firsts):
            continue
        words = _spelling(theirs.name)
        if len(words) > 1 and any(
                acronym.startswith(head) and len(acronym) - len(head) >= 2
                and _spells(acronym[len(head):], words) for head in ("", *ACRONYM_HEADS)):
            return acronym
    return None


def _coverage(function: frozenset[str], other: Collection[str]) -> float:
    """Return how much of one application's function the other names or describes (0..1)."""
    return _total(_shared(function, other)) / _total(function)


def _name_similarity(ours: _Side, theirs: _Side) -> tuple[float, list[str]]:
    """Return the weighted Dice coefficient of the two names' roots, with the shared ones."""
    shared = _shared(ours.name_roots, theirs.name_roots)
    total = _total(ours.name_roots) + _total(theirs.name_roots)
    return (2 * _total(shared) / total if total else 0.0), shared


def _same_name(ours: _Side, theirs: _Side) -> bool:
    """Tell whether the two names are the same, case, spaces and punctuation aside.

    A name that is only an acronym is not enough when both texts say what each does and share
    nothing: acronyms collide (SIKAP for disaster preparedness and for staff performance).
    """
    if not ours.words or ours.words != theirs.words:
        return False
    if ours.named_by_acronym and ours.text_roots and theirs.text_roots:
        return bool(_shared(ours.text_roots, theirs.text_roots))
    return True


def _adds_to(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Tell whether a name is another of at least two words with a word or two added, in order.

    "Sistem Informasi Pajak Daerah Uji" adds to "Sistem Informasi Pajak Daerah".
    """
    if len(shorter) < 2 or not 0 < len(longer) - len(shorter) <= MAX_ADDED_WORDS:
        return False
    rest = iter(longer)
    return all(word in rest for word in shorter)


def _inside(ours: _Side, theirs: _Side) -> str | None:
    """Return which side's name the other's contains with a word or two added, if one does.

    An added word the longer one's own text repeats is part of its job ("Sistem Informasi
    Angkutan Jalan": "trayek dan izin angkutan"), not a qualifier like "Uji" or a place.
    """
    for inside, shorter, longer in (("ours", ours, theirs), ("theirs", theirs, ours)):
        if _adds_to(longer.words, shorter.words):
            added = [r for r in longer.name_roots if r not in shorter.name_roots]
            return None if _shared(added, longer.text_roots) else inside
    return None


def _text_agreement(ours: _Side, theirs: _Side) -> tuple[float, list[str]]:
    """Return how alike the two texts are beyond the names' words (weighted Ochiai)."""
    if not ours.text_roots or not theirs.text_roots:
        return 0.0, []
    names = {*ours.name_roots, *theirs.name_roots, *ours.job, *theirs.job}
    shared = [r for r in _shared(sorted(ours.text_roots), theirs.text_roots) if r not in names]
    total = math.sqrt(_total(ours.text_roots) * _total(theirs.text_roots))
    return _total(shared) / total, shared


# -- Scoring ---------------------------------------------------------------------------------

def score_pair(proposal: Proposal, candidate: Candidate) -> Match:
    """Score one proposal against one candidate, with every reason found."""
    ours, theirs = _proposal_side(proposal), _candidate_side(candidate)
    return _score(proposal, ours, candidate, theirs, _acronyms(ours, theirs))


def _acronyms(ours: _Side, theirs: _Side) -> tuple[str | None, str | None]:
    """Return the proposal's acronym evidence and the candidate's."""
    return _acronym_evidence(ours, theirs), _acronym_evidence(theirs, ours)


def _function_reason(ours: _Side, theirs: _Side, explained: bool,
                     inside: str | None = None) -> Reason | None:
    """Compare what the two do: each one's function as named or described by the other.

    When one name is the other's with a word or two added, the shorter one's function is what
    is compared: the added word ("Uji", "Terbaru") does not hide the match.
    """
    if not ours.function or not theirs.function:
        return None
    our_view = theirs.everything | (ours.function if explained else frozenset())
    their_view = ours.everything | (theirs.function if explained else frozenset())
    coverages = (_coverage(ours.function, our_view), _coverage(theirs.function, their_view))
    similarity = {"ours": coverages[0], "theirs": coverages[1]}.get(inside, min(coverages))
    agreement, agreed = _text_agreement(ours, theirs)
    weight = FUNCTION_WEIGHT * similarity + TEXT_WEIGHT * agreement
    shared = {*_shared(ours.function, theirs.everything),
              *_shared(theirs.function, ours.everything), *agreed}
    if not weight or not shared:
        return None
    return Reason(MatchReason.SAME_FUNCTION, ", ".join(sorted(shared)), weight)


def _umum_reason(ours: _Side, theirs: _Side) -> Reason | None:
    """Tell whether the Aplikasi Umum does what the proposal names or describes."""
    hits = _shared(ours.function | ours.text_roots, theirs.job)
    if not ours.function or not hits:
        return None
    weight = UMUM_WEIGHT * _coverage(ours.function, theirs.everything)
    if ours.text_roots and ours.text_roots != ours.function:
        weight += TEXT_WEIGHT * _coverage(ours.text_roots, theirs.everything)
    return Reason(MatchReason.APLIKASI_UMUM, ", ".join(sorted(hits)), weight)


def _score(proposal: Proposal, ours: _Side, candidate: Candidate, theirs: _Side,
           acronyms: tuple[str | None, str | None]) -> Match:
    reasons: list[Reason] = []
    our_acronym, their_acronym = acronyms
    if _same_name(ours, theirs):
        reasons.append(Reason(MatchReason.SAME_NAME, candidate.name, SAME_NAME_WEIGHT))
    if theirs.job:  # a catalogue Aplikasi Umum: its job is listed, not named
        found = _umum_reason(ours, theirs)
    else:
        found = _function_reason(ours, theirs, bool(our_acronym or their_acronym),
                                 _inside(ours, theirs))
    if found:
        reasons.append(found)
    similarity, shared = _name_similarity(ours, theirs)
    if similarity >= 0.5:
        reasons.append(Reason(MatchReason.SIMILAR_NAME, ", ".join(shared),
                              NAME_WEIGHT * similarity))
    if our_acronym or their_acronym:
        spelled = (f"{_as_typed(our_acronym, proposal.acronym)} ≈ {candidate.name}" if our_acronym
                   else f"{_as_typed(their_acronym, candidate.acronym)} ≈ {proposal.name}")
        known = ours.function and theirs.function
        reasons.append(Reason(MatchReason.ACRONYM, spelled,
                              ACRONYM_WEIGHT if known else ACRONYM_ALONE_WEIGHT))
    shared_codes = sorted(set(proposal.service_codes) & set(candidate.service_codes))
    if shared_codes and reasons:
        reasons.append(Reason(MatchReason.SAME_SERVICE, ", ".join(shared_codes), SERVICE_WEIGHT))
    code = proposal.reference_code
    if code and code == candidate.reference_code and code.count(".") >= SPECIFIC_GROUPS:
        reasons.append(Reason(MatchReason.SAME_REFERENCE_CODE, code, REFERENCE_WEIGHT))
    reasons.sort(key=lambda r: -r.weight)
    score = round(min(1.0, sum(r.weight for r in reasons)), 3)
    return Match(candidate, score, tuple(reasons))


def _as_typed(acronym: str, field: str) -> str:
    """Show an acronym as its owner typed it when it came from the acronym field."""
    return field.strip() if acronym in _acronym_forms(field) else acronym.upper()


def find_duplicates(proposal: Proposal, candidates: Iterable[Candidate], *,
                    threshold: float = THRESHOLD, limit: int = 10) -> list[Match]:
    """Return the candidates the proposal may duplicate, best first, at most ``limit``.

    The Aplikasi Umum catalogue is always searched too: a request for what one of them already
    does is stopped at the door.
    """
    ours = _proposal_side(proposal)
    code = proposal.reference_code
    found = []
    for candidate in (*aplikasi_umum_candidates(), *candidates):
        theirs = _candidate_side(candidate)
        acronyms = _acronyms(ours, theirs)
        if (ours.everything.isdisjoint(theirs.everything) and acronyms == (None, None)
                and not (code and code == candidate.reference_code)
                and not (ours.words and ours.words == theirs.words)):
            continue  # nothing in common: most of the registry
        match = _score(proposal, ours, candidate, theirs, acronyms)
        if match.score >= threshold:
            found.append(match)
    registered = {m.candidate.name.casefold() for m in found
                  if m.candidate.is_aplikasi_umum and m.candidate.id is not None}
    if registered:  # the registry's own entry for an Aplikasi Umum stands for the catalogue's
        found = [m for m in found
                 if m.candidate.id is not None or m.candidate.name.casefold() not in registered]
    return heapq.nlargest(limit, found, key=_rank)


def _rank(match: Match) -> tuple[float, float, bool]:
    """Order matches: score, then the evidence beyond the cap of 1, then Aplikasi Umum first."""
    return match.score, sum(r.weight for r in match.reasons), match.candidate.is_aplikasi_umum
