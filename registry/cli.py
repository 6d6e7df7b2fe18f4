"""Flask commands: demo data, users and tokens (more areas add theirs here)."""

import sys
import time

import click
from flask.cli import with_appcontext

from registry import models
from registry.errors import RegistryError
from registry.services import demo, users


def _fail(message):
    click.echo(click.style(message, fg="red"), err=True)
    sys.exit(1)


def _error_text(error):
    details = "; ".join(
        f"{field}: {' '.join(map(str, msgs))}" for field, msgs in error.errors.items()
    )
    return f"{error.message} {details}".strip()


@click.command("demo")
@click.option("--agencies", default=1, show_default=True, type=click.IntRange(min=1))
@click.option("--apps", default=300, show_default=True, type=click.IntRange(min=0))
@click.option("--links", default=None, type=click.IntRange(min=0), help="Default: 1.4 × apps.")
@click.option("--seed", default=2026, show_default=True, type=int)
@click.option("--if-empty", is_flag=True, help="Do nothing (exit 0) when data is already there.")
@with_appcontext
def demo_command(agencies, apps, links, seed, if_empty):
    """Load the deterministic demo dataset into an empty database."""
    if if_empty and not demo.database_is_empty():
        click.echo("Basis data sudah berisi data; demo tidak dimuat ulang.")
        return
    started = time.perf_counter()
    try:
        counts = demo.load_demo(
            agencies=agencies, apps=apps, links=links, seed=seed,
            progress=lambda msg: click.echo(f"  … {msg}"),
        )
    except RegistryError as error:
        _fail(_error_text(error))
    elapsed = time.perf_counter() - started
    click.echo(
        "Demo dimuat dalam {:.1f} s: {agencies} instansi, {units} OPD, {applications} aplikasi, "
        "{links} tautan, {domains} domain.".format(elapsed, **counts)
    )


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice([r.value for r in models.Role]))
@click.option("--unit", "unit_code", default=None, help="Unit code, for an opd_operator.")
@click.option("--agency", "agency_code", default=None, help="Agency code of --unit.")
@click.password_option(help="Asked for when not given.")
@with_appcontext
def create_user_command(email, name, role, unit_code, agency_code, password):
    """Create a user with a role (an OPD operator needs --unit)."""
    from sqlalchemy import select

    from registry.extensions import db

    unit_id = None
    if unit_code:
        stmt = select(models.Unit.id).join(models.Agency).where(models.Unit.code == unit_code)
        if agency_code:
            stmt = stmt.where(models.Agency.code == agency_code)
        found = db.session.scalars(stmt).all()
        if len(found) != 1:
            _fail(f"--unit: {'tidak ditemukan' if not found else 'ambigu, beri --agency'}.")
        unit_id = found[0]
    try:
        user = users.create_user(
            {"email": email, "name": name, "role": role, "unit_id": unit_id, "password": password},
            actor=None,
        )
    except RegistryError as error:
        _fail(_error_text(error))
    click.echo(f"Pengguna {user.email} ({user.role.value}) dibuat.")


@click.command("create-token")
@click.option("--email", required=True)
@click.option("--name", default="cli", show_default=True)
@with_appcontext
def create_token_command(email, name):
    """Create an API token for a user and print it (it is shown only once)."""
    from sqlalchemy import func, select

    from registry.extensions import db

    user = db.session.scalar(
        select(models.User).where(func.lower(models.User.email) == email.lower())
    )
    if user is None:
        _fail("--email: pengguna tidak ditemukan.")
    _row, token = users.create_token(user, name, actor=None)
    click.echo(token)


COMMANDS = (demo_command, create_user_command, create_token_command)
