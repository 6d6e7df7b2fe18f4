"""Issue 19.4: "today" is the users' date (REGISTRY_TIMEZONE), not the server's UTC date."""

from datetime import datetime
from zoneinfo import ZoneInfo

from registry.services import inventory


def test_a_retirement_is_dated_in_the_registrys_time_zone(app, make_application):
    dates = {}
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):  # UTC+14 and UTC-11: never one day
        app.config["BABEL_DEFAULT_TIMEZONE"] = zone
        retired = inventory.retire_application(make_application().id, actor=None)
        assert retired.retired_on == datetime.now(ZoneInfo(zone)).date()
        dates[zone] = retired.retired_on
    assert dates["Pacific/Kiritimati"] != dates["Pacific/Pago_Pago"]


def test_the_time_zone_comes_from_the_environment():
    from registry.config import load_env_config

    config = {}
    load_env_config(config, {"REGISTRY_TIMEZONE": "Asia/Makassar"})
    assert config["BABEL_DEFAULT_TIMEZONE"] == "Asia/Makassar"
