"""The flask commands: users, tokens and the demo dataset."""

from sqlalchemy import func, select

from registry import models
from registry.extensions import db
from registry.services import users


def test_create_user_command_creates_a_hashed_user(runner):
    result = runner.invoke(args=["create-user", "--email", "Arsitek@Prov.go.id", "--name", "A",
                                 "--role", "architect", "--password", "rahasia-panjang-1"])
    assert result.exit_code == 0, result.output
    user = db.session.scalars(select(models.User)).one()
    assert user.email == "arsitek@prov.go.id"
    assert user.role == models.Role.ARCHITECT
    assert users.authenticate("arsitek@prov.go.id", "rahasia-panjang-1") is not None


def test_create_user_command_refuses_a_weak_password_with_the_field(runner):
    result = runner.invoke(args=["create-user", "--email", "a@b.go.id", "--name", "A",
                                 "--role", "viewer", "--password", "123"])
    assert result.exit_code == 1
    assert "password" in result.output
    assert db.session.scalar(select(func.count()).select_from(models.User)) == 0


def test_create_user_command_binds_an_operator_to_its_unit(runner, unit):
    result = runner.invoke(args=["create-user", "--email", "op@b.go.id", "--name", "Op",
                                 "--role", "opd_operator", "--unit", unit.code,
                                 "--password", "rahasia-panjang-1"])
    assert result.exit_code == 0, result.output
    assert db.session.scalars(select(models.User)).one().unit_id == unit.id


def test_create_user_command_refuses_an_unknown_unit(runner, agency):
    result = runner.invoke(args=["create-user", "--email", "op@b.go.id", "--name", "Op",
                                 "--role", "opd_operator", "--unit", "NOPE",
                                 "--password", "rahasia-panjang-1"])
    assert result.exit_code == 1
    assert "--unit" in result.output


def test_create_token_command_prints_a_working_token(runner, client, make_user):
    user = make_user("viewer")
    result = runner.invoke(args=["create-token", "--email", user.email])
    token = result.output.strip()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.json["email"] == user.email


def test_demo_command_loads_a_province_once(runner):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count()).select_from(models.Application)) == 300
    assert db.session.scalar(select(func.count()).select_from(models.IntegrationLink)) == 420
    assert users.authenticate("arsitek@demo.go.id", "spbe-demo-2026").role.value == "architect"
    operator = users.authenticate("operator@demo.go.id", "spbe-demo-2026")
    assert operator.unit.code == "DINKES"
    again = runner.invoke(args=["demo"])
    assert again.exit_code == 1
    assert "kosong" in again.output
    quiet = runner.invoke(args=["demo", "--if-empty"])
    assert quiet.exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(models.Application)) == 300


def test_demo_pages_render_over_the_loaded_data(runner, client):
    runner.invoke(args=["demo"])
    client.post("/auth/login", data={"email": "viewer@demo.go.id", "password": "spbe-demo-2026"})
    page = client.get("/inventory/applications?q=SIMPEG").text
    assert "SIMPEG" in page
    assert client.get("/inventory/units").status_code == 200


def test_score_prints_index_predicate_and_every_indicator(runner, agency):
    result = runner.invoke(args=["score", "--agency", agency.code, "--year", "2025"])
    assert result.exit_code == 0, result.output
    assert "Indeks SPBE 1.000 (1.00): Kurang" in result.output
    assert result.output.count(" level ") == 47
    pemdi = runner.invoke(args=["score", "--agency", agency.code, "--year", "2026"])
    assert "Indeks Pemdi 1.000 (1.00): Kurang" in pemdi.output
    assert pemdi.output.count(" level ") == 20
    assert "Merintis" in pemdi.output
    unknown = runner.invoke(args=["score", "--agency", "NOPE", "--year", "2026"])
    assert unknown.exit_code == 1
    assert "Instansi tidak ditemukan" in unknown.output


def test_check_instrument_accepts_the_built_in_and_names_what_is_wrong(runner, tmp_path):
    import json

    from arch_models.reference.instrument import BUILT_IN

    good = runner.invoke(args=["check-instrument", str(BUILT_IN)])
    assert good.exit_code == 0
    assert "47 indikator, bobot 100" in good.output
    raw = json.loads(BUILT_IN.read_text(encoding="utf-8"))
    raw["indicators"][0]["weight"] = 2
    raw["indicators"][2]["number"] = 2
    bad_file = tmp_path / "buruk.json"
    bad_file.write_text(json.dumps(raw), encoding="utf-8")
    bad = runner.invoke(args=["check-instrument", str(bad_file)])
    assert bad.exit_code == 1
    assert "jumlah bobot indikator 100.7, seharusnya 100" in bad.output
    assert "nomor indikator ganda: 2" in bad.output
