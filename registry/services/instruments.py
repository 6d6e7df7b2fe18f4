"""The evaluation instruments of this installation, and which one scores an agency's year."""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from arch_models.levels import unknown_rules
from arch_models.reference.instrument import (
    Catalogue,
    InstrumentError,
    built_in_instruments,
    load_instrument,
)
from registry import models
from registry.errors import ConflictError
from registry.extensions import db

__all__ = ["catalogue", "check_file", "for_agency_year", "for_year", "get", "load_catalogue"]


def check_file(path):
    """Load an instrument file and check that every computed rule it names is known.

    :raises InstrumentError: naming every problem.
    """
    loaded = load_instrument(path)
    problems = unknown_rules(loaded)
    if problems:
        raise InstrumentError("Instrumen ditolak: " + "; ".join(problems) + ".")
    return loaded


def load_catalogue(path=None):
    """Return the built-in instruments, with the one of ``path`` (if any) preferred.

    A file instrument with the id of a built-in one replaces it.
    """
    built_in = built_in_instruments()
    if not path:
        return Catalogue(built_in)
    loaded = check_file(path)
    others = tuple(i for i in built_in if i.id != loaded.id)
    return Catalogue((loaded, *others), preferred=(loaded.id,))


def catalogue():
    """Return the app's instrument catalogue (loaded once, when the app starts)."""
    return current_app.extensions["registry_instruments"]


def get(instrument_id):
    """Return the instrument with this id, or raise ConflictError naming it."""
    try:
        return catalogue().get(instrument_id)
    except KeyError:
        raise ConflictError(_("Instrumen %(id)s tidak dikenal di registri ini.",
                              id=instrument_id)) from None


def for_year(year):
    """Return the instrument that governs an evaluation year."""
    return catalogue().for_year(year)


def for_agency_year(agency_id, year):
    """Return the instrument of an agency's year.

    Its assessment's when there is one (an admin may have chosen another), else the one that governs
    the year (also for every agency at once, ``agency_id`` None).
    """
    if agency_id is None:
        return for_year(year)
    chosen = db.session.scalar(select(models.Assessment.instrument_id).where(
        models.Assessment.agency_id == agency_id, models.Assessment.year == year))
    return get(chosen) if chosen else for_year(year)
