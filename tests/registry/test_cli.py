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
    assert user.email == "arsitek@prov.go.id" and user.role == models.Role.ARCHITECT
    assert users.authenticate("arsitek@prov.go.id", "rahasia-panjang-1") is not None


def test_create_user_command_refuses_a_weak_password_with_the_field(runner):
    result = runner.invoke(args=["create-user", "--email", "a@b.go.id", "--name", "A",
                                 "--role", "viewer", "--password", "123"])
    assert result.exit_code == 1 and "password" in result.output
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
    assert result.exit_code == 1 and "--unit" in result.output


def test_create_token_command_prints_a_working_token(runner, client, make_user):
    user = make_user("viewer")
    result = runner.invoke(args=["create-token", "--email", user.email])
    token = result.output.strip()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.json["email"] == user.email
