"""The domain register: validation, permissions and the flags."""

from datetime import date, timedelta

import pytest

from registry.errors import PermissionDeniedError, ValidationFailedError
from registry.services import domains


def register(unit, fqdn="dinkes.contohprov.go.id", **extra):
    return domains.create_domain({"fqdn": fqdn, "unit_id": unit.id} | extra, actor=None)


@pytest.mark.parametrize(
    ("fqdn", "fragment"),
    [
        ("dinkes.lainprov.go.id", "zona"),
        ("dinkes_.contohprov.go.id", "huruf"),
        ("-x.contohprov.go.id", "huruf"),
        ("a..contohprov.go.id", "huruf"),
    ],
)
def test_a_bad_name_is_refused_naming_the_rule(unit, fqdn, fragment):
    with pytest.raises(ValidationFailedError) as error:
        register(unit, fqdn)
    assert fragment in error.value.errors["fqdn"][0]


def test_a_name_is_registered_once_and_stored_lower_case(unit):
    domain = register(unit, "DinKes.ContohProv.go.id.")
    assert domain.fqdn == "dinkes.contohprov.go.id"
    with pytest.raises(ValidationFailedError) as error:
        register(unit)
    assert "sudah terdaftar" in error.value.errors["fqdn"][0]


def test_the_application_must_belong_to_the_agency(unit):
    with pytest.raises(ValidationFailedError) as error:
        register(unit, application_id=99999)
    assert "application_id" in error.value.errors


def test_the_flags_count_what_needs_fixing(unit, make_application):
    today = date(2026, 11, 23)
    app = make_application(name="Portal Kesehatan")
    make_application(name="Tanpa Domain")
    make_application(name="Direncanakan", lifecycle="planned")
    register(unit, "portal.contohprov.go.id", application_id=app.id,
             tls_expires_on=today + timedelta(days=90))
    register(unit, "kosong.contohprov.go.id", tls_expires_on=today + timedelta(days=30))
    register(unit, "lama.contohprov.go.id", tls_expires_on=today - timedelta(days=1),
             hosted_in_indonesia=False, application_id=app.id)
    register(unit, "tanpa-tls.contohprov.go.id", application_id=app.id)
    register(unit, "lepas.contohprov.go.id", status="released")
    counts = domains.flag_counts(unit.agency_id, today=today)
    assert counts == {"no_application": 1, "tls_expiring": 2, "no_tls": 1,
                      "outside_indonesia": 1, "applications_without_domain": 1}
    page = domains.list_domains(domains.DomainFilters(flag="tls_expiring"), today=today)
    assert [d.fqdn for d in page.items] == ["kosong.contohprov.go.id", "lama.contohprov.go.id"]
    without = domains.applications_without_domain(unit.agency_id)
    assert [a.name for a in without.items] == ["Tanpa Domain"]


def test_only_maintainers_register_and_an_operator_keeps_its_own_domains_true(
        unit, other_unit, make_user):
    operator = make_user("opd_operator")
    stranger = make_user("opd_operator", suffix="b", unit_id=other_unit.id)
    for role in ("opd_operator", "reviewer", "viewer"):
        actor = operator if role == "opd_operator" else make_user(role)
        with pytest.raises(PermissionDeniedError):
            domains.create_domain({"fqdn": "x.contohprov.go.id", "unit_id": unit.id},
                                  actor=actor)
    domain = register(unit)
    domains.update_domain(domain.id, {"technical_contact": "Budi <budi@contohprov.go.id>"},
                          actor=operator, expected_version=domain.version)
    assert domain.technical_contact.startswith("Budi")
    with pytest.raises(PermissionDeniedError):
        domains.update_domain(domain.id, {"fqdn": "lain.contohprov.go.id"}, actor=operator,
                              expected_version=domain.version)
    with pytest.raises(PermissionDeniedError):
        domains.update_domain(domain.id, {"technical_contact": "x"}, actor=stranger,
                              expected_version=domain.version)
