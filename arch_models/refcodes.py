"""National reference-architecture codes (Perpres 132/2022): parse and normalise."""

import re

from arch_models.errors import InvalidReferenceCodeError

__all__ = ["PREFIXES", "normalise_reference_code"]

#: the six reference architectures (docs/reference.md §5)
PREFIXES = ("RAB", "RAD", "RAL", "RAA", "RAI", "RAK")

_CODE = re.compile(r"^\s*(?P<prefix>[A-Za-z]{3})\s*(?P<groups>(?:[.\s]+\d{1,3})+)\s*$")


def normalise_reference_code(raw, *, prefix=None):
    """Return the canonical form of a reference code: upper-case prefix, two-digit groups.

    ``Rab.02.01`` becomes ``RAB.02.01`` and ``RAL.2.03.02.01`` becomes ``RAL.02.03.02.01``.
    With ``prefix`` the code must belong to that reference architecture.

    :raises InvalidReferenceCodeError: the text is not a reference code.
    """
    match = _CODE.match(raw or "")
    if not match or match["prefix"].upper() not in PREFIXES:
        raise InvalidReferenceCodeError(
            f"'{raw}' bukan kode referensi yang sah (contoh: RAA.02.01, awalan salah satu dari "
            f"{', '.join(PREFIXES)})."
        )
    code_prefix = match["prefix"].upper()
    if prefix and code_prefix != prefix:
        raise InvalidReferenceCodeError(f"'{raw}' harus berawalan {prefix}.")
    groups = re.split(r"[.\s]+", match["groups"].strip(". "))
    return ".".join([code_prefix, *(f"{int(g):02d}" for g in groups if g)])
