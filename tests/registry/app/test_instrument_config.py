"""The instrument file named in the configuration is used for the years it declares."""


def test_a_second_instrument_is_used_when_configured(tmp_path):
    import json

    import pytest

    from arch_models.reference.instrument import BUILT_IN, InstrumentError
    from registry import create_app

    raw = json.loads(BUILT_IN.read_text(encoding="utf-8"))
    raw["id"] = "ipd-2026"
    raw.pop("years")
    path = tmp_path / "ipd.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    config = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://",
              "REGISTRY_INSTRUMENT_FILE": str(path)}
    # A file that declares no years is preferred for every year.
    catalogue = create_app(config).extensions["registry_instruments"]
    assert catalogue.for_year(2026).id == "ipd-2026"
    assert catalogue.for_year(2020).id == "ipd-2026"
    raw["predicates"][1]["max"] = 2.7
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(InstrumentError, match="bertumpang tindih"):
        create_app(config)
