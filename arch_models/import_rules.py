"""Rules for spreadsheets typed by many hands: blank words, name keys, guesses, codes, hosts.

Pure functions. The importer reads "-" or "belum ada" as unknown, matches a record without a
code by its normalised name, proposes the known word or column a stranger one most likely
means (the architect confirms it), and tells an address under the instansi's zone from one
elsewhere.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

__all__ = ["BLANK_WORDS", "CodeSequence", "MapSpec", "guess_choice", "guess_column",
           "host_class", "is_blank_word", "name_key", "parse_map_spec", "word_key"]

_SPACES = re.compile(r"\s+")

#: what people type in a cell they cannot fill: each means "unknown", never a value
BLANK_WORDS = frozenset({
    "-", "--", "---", "\u2013", "\u2014", "\u2015", "n/a", "n.a.", "n.a", "#n/a", "?", "??",
    "tidak ada", "tdk ada", "belum ada", "blm ada", "tidak diketahui", "tidak tahu", "nihil",
})


def word_key(text) -> str:
    """Return a typed word as compared: lower case, single spaces, "_" and "-" as spaces."""
    return _SPACES.sub(" ", str(text).lower().replace("_", " ").replace("-", " ")).strip()


_LONGEST_BLANK = max(map(len, BLANK_WORDS)) + 4  # a few stray spaces


def is_blank_word(text) -> bool:
    """Tell whether a cell's text only says that the value is unknown ("-", "n/a", "?")."""
    text = str(text)
    if len(text) > _LONGEST_BLANK:  # most cells: a name, a description
        return False
    return _SPACES.sub(" ", text.strip().lower()) in BLANK_WORDS


def name_key(text) -> str:
    """Return a name as matched: letters and digits only, case folded ("e-Kinerja" is "ekinerja").

    So "SISTEM INFORMASI  KEPEGAWAIAN." finds "Sistem Informasi Kepegawaian".
    """
    text = unicodedata.normalize("NFKC", str(text or "")).casefold()
    return "".join(ch for ch in text if ch.isalnum())


# -- guesses ------------------------------------------------------------------------------------

#: how a negation is written in front of a word: "non aktif", "tidak aktif", "tdk aktif"
_NEGATIONS = ("non", "tidak", "tdk", "tak")
#: its abbreviations in the wild: "naktif", "t. aktif", "n.aktif"
_NEGATION_SHORT = ("n", "t", "tdk", "non", "tidak")
_GOOD_ENOUGH = 0.6


def _variants(known: str) -> set[str]:
    """Return the compact forms a known word may be typed as.

    These are the word itself, its initials, and its negation abbreviated.
    """
    words = word_key(known).split()
    compact = name_key(known)
    found = {compact}
    if len(words) > 1:
        found.add("".join(w[0] for w in words))
    for negation in _NEGATIONS:
        if compact.startswith(negation) and len(compact) - len(negation) >= 3:
            rest = compact[len(negation):]
            found.update(short + rest for short in _NEGATION_SHORT)
    return found


def _score(typed: str, known: str) -> float:
    if typed == known:
        return 1.0
    if len(typed) >= 3 and known.startswith(typed):
        return 0.9  # an abbreviation by its start: "renc", "pengemb"
    return SequenceMatcher(None, typed, known).ratio()


def guess_choice(word: str, vocabulary: Mapping[str, str]) -> str | None:
    """Return the value of the known word ``word`` most likely means, or None if none is close.

    ``vocabulary`` maps known words (any case) to stored values. A guess is only a proposal:
    the page preselects it and the architect confirms.
    """
    typed = name_key(word)
    if not typed:
        return None
    best: dict[str, float] = {}
    for known, value in vocabulary.items():
        score = max(_score(typed, v) for v in _variants(known) if v)
        if score > best.get(value, 0.0):
            best[value] = score
    if not best:
        return None
    value, score = min(best.items(), key=lambda item: (-item[1], str(item[0])))
    return value if score >= _GOOD_ENOUGH else None


_YEAR = re.compile(r"(?:th\.?|tahun)?\s*(19[5-9]\d|20\d\d)(?:\.0+)?", re.I)
_ADDRESS = re.compile(r"(?:https?://)?[\w-]+(?:\.[\w-]+)+(?::\d+)?(?:/\S*)?", re.I)
_DATE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}")


def _content_kind(samples: Sequence[str]) -> str | None:
    """Return what most sample values look like: year, url, date or text (None if no sample)."""
    values = [s for s in (str(v).strip() for v in samples) if s and not is_blank_word(s)]
    if not values:
        return None
    for kind, pattern in (("year", _YEAR), ("date", _DATE), ("url", _ADDRESS)):
        if sum(1 for v in values if pattern.fullmatch(v)) * 2 > len(values):
            return kind
    return "text"


def guess_column(header: str, columns: Mapping[str, Sequence[str]], *,
                 samples: Sequence[str] = (), kinds: Mapping[str, str] | None = None,
                 missing: Iterable[str] = ()) -> str | None:
    """Return the key of the column an unknown header most likely is, or None.

    By its words first (``columns`` maps each key to its header and the names seen in the wild);
    then by what its cells hold (``kinds``: each key's kind; years, addresses, dates); then, for
    plain text, the required text column the sheet is ``missing`` ("judul" where "Nama Aplikasi"
    is absent).
    """
    typed = name_key(header)
    best, best_score = None, 0.0
    for key, names in columns.items():
        for name in names:
            known = name_key(name)
            score = _score(typed, known) if typed else 0.0
            if typed and len(known) >= 4 and (known in typed or typed in known):
                score = max(score, 0.8)
            if score > best_score:
                best, best_score = key, score
    if best_score >= 0.75:
        return best
    kinds = kinds or {}
    content = _content_kind(samples)
    if content in ("year", "url", "date"):
        matching = [key for key in columns if kinds.get(key) == content]
        if matching:
            return matching[0]
    if content == "text":
        for key in missing:
            if kinds.get(key, "text") in ("text", "long_text"):
                return key
    return None


# -- codes --------------------------------------------------------------------------------------

class CodeSequence:
    """Hand out the next free code of a pattern (``APP-0001``, ``APP-0002``, …).

    The code is above every number already taken whatever its case, so generated codes never
    collide.
    """

    def __init__(self, prefix: str, taken: Iterable[str], *, width: int = 4):
        self.prefix, self.width = prefix, width
        self.taken = {code.lower() for code in taken}
        pattern = re.compile(re.escape(prefix.lower()) + r"(\d+)")
        numbers = [int(m[1]) for m in map(pattern.fullmatch, self.taken) if m]
        self.last = max(numbers, default=0)

    def __call__(self) -> str:
        """Return the next free code and count it as taken."""
        while True:
            self.last += 1
            code = f"{self.prefix}{self.last:0{self.width}d}"
            if code.lower() not in self.taken:
                self.taken.add(code.lower())
                return code

    def take(self, code: str) -> bool:
        """Count ``code`` as taken; return False if it already was."""
        if code.lower() in self.taken:
            return False
        self.taken.add(code.lower())
        return True


# -- web addresses ------------------------------------------------------------------------------

def host_class(host: str, zone: str | None) -> str | None:
    """Return where a host is: ``zone``, ``outside``, ``ip`` or ``localhost``.

    ``zone`` is under the instansi's zone; None when the instansi has no zone to compare with.
    """
    host = host.lower().strip("[]").rstrip(".")
    try:
        ipaddress.ip_address(host)
        return "ip"
    except ValueError:
        pass
    if host == "localhost" or host.endswith(".localhost"):
        return "localhost"
    if not zone:
        return None
    zone = zone.lower().rstrip(".")
    return "zone" if host == zone or host.endswith("." + zone) else "outside"


# -- the command line's --map -------------------------------------------------------------------

@dataclass(frozen=True)
class MapSpec:
    """One ``--map "COLUMN:WORD=MEANING"``: in COLUMN (or ``Header``), WORD means MEANING."""

    column: str
    word: str
    target: str


def parse_map_spec(spec: str) -> MapSpec:
    """Read ``"Status:naktif=nonaktif"`` or ``"Header:judul=Nama Aplikasi"``.

    :raises ValueError: when a part is missing.
    """
    column, colon, rest = spec.partition(":")
    word, equals, target = rest.rpartition("=")
    column, word, target = column.strip(), word.strip(), target.strip()
    if not (colon and equals and column and word and target):
        raise ValueError(spec)
    return MapSpec(column, word, target)
