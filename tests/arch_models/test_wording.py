"""The instrument's criteria, the computed explanations and the blocker reasons in English
(issue 19, item 7): every text has its English beside the Indonesian, and renders in either.
"""

import pickle
import re
import string

import pytest

from arch_models import blockers, levels
from arch_models.messages import Msg
from arch_models.reference import blocker_rules
from arch_models.reference.criteria import CRITERIA
from arch_models.reference.instrument import (
    InstrumentError,
    built_in_instruments,
    load_instrument,
)
from tests.arch_models.conftest import AS_OF, app, landscape_of, link

#: words that give away an Indonesian text left untranslated (terms of art such as Peta
#: Rencana, Aplikasi Umum, OPD or SPLP stay, and contain none of these)
INDONESIAN = re.compile(
    r"\b(dan|dari|atau|yang|tidak|belum|sudah|seluruh|sebagian|setiap|tercatat|direviu|"
    r"ditetapkan|pedoman|tahun|hambatan|dibatasi|terhubung|melalui|lewat|dengan|oleh|untuk|"
    r"ditindaklanjuti|memuat|diperbaiki|pusat|jaringan|layanan|kebijakan|hasil|reviu)\b",
    re.IGNORECASE)


def _fields(template):
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("instrument", built_in_instruments(), ids=lambda i: i.id)
def test_every_indicator_aspect_and_domain_has_its_english_text(instrument):
    assert instrument.name_en
    assert instrument.name_in("en") == instrument.name_en
    assert instrument.name_in("id") == instrument.name
    for indicator in instrument.indicators:
        assert indicator.name_en, indicator.number
        assert len(indicator.levels_en) == 5, indicator.number
        assert all(indicator.levels_en), indicator.number
        assert indicator.name_in("en") == indicator.name_en
        assert indicator.name_in("id") == indicator.name
        assert indicator.level_text(3, "en") == indicator.levels_en[2]
        assert indicator.level_text(3, "id") == indicator.levels[2]
        for text in (indicator.name_en, *indicator.levels_en, indicator.evidence_in("en")):
            assert not INDONESIAN.search(text), (indicator.number, text)
    for group in (*instrument.domains, *instrument.aspects):
        assert group.name_en, group
        assert not INDONESIAN.search(group.name_en), group
        assert group.name_in("en") == group.name_en
        assert group.name_in("id") == group.name


def test_every_criterion_has_english_with_the_same_parameters():
    assert CRITERIA
    for key, (indonesian, english) in CRITERIA.items():
        assert english, key
        assert english != indonesian, key
        assert _fields(indonesian) == _fields(english), key
        assert not INDONESIAN.search(english), (key, english)


def test_every_blocker_rule_has_an_english_reason_and_fix():
    for rule in blocker_rules.RULES:
        assert rule.reason_en, rule.id
        assert rule.fix_en, rule.id
        assert _fields(rule.reason) == _fields(rule.reason_en), rule.id
        for text in (rule.reason_en, rule.fix_en):
            assert not INDONESIAN.search(text), (rule.id, text)
    for kind in blocker_rules.AUDIT_NAMES:
        assert blocker_rules.AUDIT_NAMES_EN[kind]


def _landscape():
    return landscape_of(apps=[app(1, reference_code="RAA.02.02"), app(2, last_review_on=None)],
                        links=[link(1, 1, 2)])


@pytest.mark.parametrize("instrument", built_in_instruments(), ids=lambda i: i.id)
def test_computed_explanations_render_in_english_with_the_same_numbers(instrument):
    land = _landscape()
    found = tuple(blockers.find_blockers(land, as_of=AS_OF, targets=instrument.blocker_targets))
    facts = levels.Facts(landscape=land, blockers=found, as_of=AS_OF)
    lines = [text for c in levels.compute_levels(facts, instrument).values()
             for text in (*c.met, *c.not_met)]
    assert lines
    for text in lines:
        assert isinstance(text, Msg)
        english = text.in_("en")
        assert english != text
        assert not INDONESIAN.search(english), english
        assert re.findall(r"\d+", english) == re.findall(r"\d+", text), (text, english)
        assert text.in_("id") == text == str(text)
        assert Msg.from_json(text.to_json()).in_("en") == english


def test_a_capped_level_says_so_in_either_language():
    land = landscape_of(apps=[app(1), app(2)], links=[link(1, 1, 2)])
    cap = blockers.Blocker("app_hosted_outside", 16, 2, "application", 1, "A1", "App 1", 1)
    facts = levels.Facts(landscape=land, blockers=(cap,), as_of=AS_OF,
                         documents={"infrastructure": levels.DocumentFacts(
                             reviewed=True, followed_up=True)})
    capped = levels.compute_levels(facts)[16].not_met[0]
    assert capped == "Dibatasi di level 2 oleh 1 hambatan."
    assert capped.in_("en") == "Capped at level 2 by 1 blocker(s)."


def test_a_message_survives_pickling_and_reads_as_its_indonesian_text():
    text = Msg("share", part=2, whole=3)
    assert text == "2 dari 3"
    assert text.in_("en") == "2 of 3"
    assert text.in_("en_GB") == "2 of 3"
    again = pickle.loads(pickle.dumps(text))
    assert again == text
    assert again.in_("en") == "2 of 3"
    with pytest.raises(KeyError):
        Msg.from_json({"key": "no_such_criterion", "params": {}})


def test_blocker_reason_and_fix_render_per_language():
    land = landscape_of(apps=[app(1, consulted_ict_unit_on=None)])
    found = [b for b in blockers.find_blockers(land, as_of=AS_OF)
             if b.rule_id == "app_not_consulted"]
    assert found
    blocker = found[0]
    assert blocker.reason_in("id") == blocker.reason
    assert blocker.subject_name in blocker.reason_in("en")
    assert "ICT unit" in blocker.reason_in("en")
    assert "ICT unit" in blocker.fix_in("en")
    audit = next(b for b in blockers.find_blockers(landscape_of(audits=()), as_of=AS_OF)
                 if b.rule_id == "audit_missing" and b.subject_code == "infrastructure")
    assert "infrastruktur" in audit.reason
    assert "infrastructure" in audit.reason_in("en")
    assert blocker_rules.render(audit.rule_id, "reason", "en", name=audit.label,
                                code=audit.subject_code) == audit.reason_in("en")


def _raw_instrument(**indicator_fields):
    indicator = {"number": 1, "name": "Satu", "aspect": 1, "weight": 100,
                 "levels": {str(n): f"level {n}" for n in range(1, 6)}} | indicator_fields
    return {"id": "x", "name": "X", "aspects": [{"number": 1, "name": "A", "weight": 100}],
            "indicators": [indicator],
            "predicates": [{"name": "P", "min": 1, "max": 5}]}


def test_an_instrument_without_english_falls_back_to_indonesian():
    loaded = load_instrument(_raw_instrument())
    indicator = loaded.indicators[0]
    assert indicator.name_in("en") == "Satu"
    assert indicator.level_text(2, "en") == "level 2"
    assert loaded.aspects[0].name_in("en") == "A"


@pytest.mark.parametrize(("fields", "named"), [
    ({"levels_en": {"1": "one", "2": "two"}}, "levels_en"),
    ({"levels_en": ["one", "two", "three", "four", "five"]}, "levels_en"),
    ({"levels_en": {str(n): n for n in range(1, 6)}}, "levels_en"),
    ({"name_en": 7}, "name_en"),
    ({"evidence_en": ["x"]}, "evidence_en"),
])
def test_english_fields_of_the_wrong_shape_are_refused_by_name(fields, named):
    with pytest.raises(InstrumentError, match=named):
        load_instrument(_raw_instrument(**fields))


def test_an_aspect_name_en_of_the_wrong_shape_is_refused_by_name():
    raw = _raw_instrument()
    raw["aspects"][0]["name_en"] = {"en": "A"}
    with pytest.raises(InstrumentError, match="name_en"):
        load_instrument(raw)


def test_an_instrument_name_en_of_the_wrong_shape_is_refused_by_name():
    with pytest.raises(InstrumentError, match="instrumen: name_en"):
        load_instrument(_raw_instrument() | {"name_en": 2026})
