"""Reference codes are normalised on input; what is not a code is refused."""

import pytest

from arch_models.errors import InvalidReferenceCodeError
from arch_models.refcodes import normalise_reference_code


@pytest.mark.parametrize(("raw", "canonical"), [
    ("Rab.02.01", "RAB.02.01"),
    ("RAL.2.03.02.01", "RAL.02.03.02.01"),
    ("raa.1.2", "RAA.01.02"),
    (" RAD . 04 . 1 ", "RAD.04.01"),
    ("RAK 01 02", "RAK.01.02"),
    ("RAI.03", "RAI.03"),
])
def test_good_codes_become_canonical(raw, canonical):
    assert normalise_reference_code(raw) == canonical


@pytest.mark.parametrize("raw", ["", "RAX.01", "RAL", "RAL.", "RAL.01.x", "01.02", "RAL-01-02",
                                 "RAL.1234"])
def test_bad_codes_are_refused_with_the_rule(raw):
    with pytest.raises(InvalidReferenceCodeError, match="bukan kode referensi"):
        normalise_reference_code(raw)


def test_a_code_of_another_architecture_is_refused_when_one_is_expected():
    with pytest.raises(InvalidReferenceCodeError, match="RAA"):
        normalise_reference_code("RAL.02.03", prefix="RAA")
