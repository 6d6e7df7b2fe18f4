"""The bridge from the database to the core's scoring facts (arch_models.levels.Facts)."""

import dataclasses
from datetime import date

from sqlalchemy import func, select

from arch_models import blockers as blocker_rules
from arch_models.history import landscape_at
from arch_models.landscape import Lifecycle
from arch_models.levels import (
    AreaFacts,
    DocumentFacts,
    Facts,
    compute_levels,
    computed_indicators,
)
from registry import models
from registry.clock import local_today
from registry.extensions import db
from registry.snapshots import load_landscape, paused_gc

#: Peta Rencana budgets are checked over this many years, ending with the assessment year
BUDGET_YEARS = 3


def as_of_for(year):
    """Judge a year's facts at its end, or today while the year is running."""
    return min(local_today(), date(year, 12, 31))


def _documents(agency_id, year):
    """Return each document's facts as of the end of ``year``.

    Enacted by then, reviewed within the year (not the year before, not after the day judged), and
    followed up after that review.
    """
    end = as_of_for(year)
    start = date(year, 1, 1)
    rows = db.session.scalars(select(models.ArchitectureDocument).where(
        models.ArchitectureDocument.agency_id == agency_id))
    found = {}
    for d in rows:
        reviewed = d.last_review_on is not None and start <= d.last_review_on <= end
        found[d.kind] = DocumentFacts(
            domains=frozenset(d.domains or ()),
            reviewed=reviewed,
            # the follow-up recorded is that of the last review: it counts with it only
            followed_up=reviewed and bool((d.review_followup or "").strip()),
            enacted=bool(d.number) and d.issued_on is not None and d.issued_on <= end,
            complete=bool(d.complete),
            beyond_instansi=bool(d.beyond_instansi),
        )
    return found


def _areas(agency_id):
    """Return the dated records of each ICT management and audit area."""
    area = models.ManagementArea
    rows = db.session.execute(select(
        area.area, area.status, area.roadmap_ref, area.guideline_ref, area.guideline_date,
        area.last_review_on).where(area.agency_id == agency_id))
    return {key: AreaFacts(status=status.value, plan=(plan or "").strip(),
                           guideline=(guideline or "").strip(), guideline_on=guideline_on,
                           reviewed_on=reviewed_on)
            for key, status, plan, guideline, guideline_on, reviewed_on in rows}


def _roadmap(agency_id, year):
    initiative, yearly = models.Initiative, models.InitiativeYear
    live = (initiative.agency_id == agency_id,
            initiative.status != models.InitiativeStatus.CANCELLED)
    areas = frozenset(db.session.scalars(select(initiative.content_area).where(*live).distinct()))
    budgeted = db.session.scalar(
        select(func.count(func.distinct(yearly.year)))
        .join(initiative, yearly.initiative_id == initiative.id)
        .where(*live, yearly.amount > 0,
               yearly.year.between(year - BUDGET_YEARS + 1, year)))
    return areas, budgeted or 0


def agency_facts(agency_id, year, instrument):
    """Gather what the computed levels of one agency read, as of the end of ``year``.

    The blockers carry the indicator numbers of ``instrument``.
    """
    as_of = as_of_for(year)
    land = load_landscape(agency_id)
    if as_of < local_today():
        land = _as_it_stood(land, agency_id, as_of)
    areas, budgeted = _roadmap(agency_id, year)
    with paused_gc():
        found = blocker_rules.find_blockers(land, as_of=as_of,
                                            targets=instrument.blocker_targets)
    return Facts(
        landscape=land, blockers=tuple(found), areas=_areas(agency_id),
        documents=_documents(agency_id, year), roadmap_areas=areas,
        roadmap_budgeted_years=budgeted, certified_units=_certified_units(agency_id, as_of),
        published_apps=_published(agency_id), as_of=as_of,
    )


def _as_it_stood(land, agency_id, day):
    """Return the landscape at the end of a past year.

    It is built from the applications' dated fields and their review records.
    """
    app, review = models.Application, models.ApplicationReview
    not_started = frozenset(db.session.scalars(select(app.id).where(
        app.agency_id == agency_id, app.started_on > day)))
    retired_later = frozenset(db.session.scalars(select(app.id).where(
        app.agency_id == agency_id, app.lifecycle == Lifecycle.RETIRED, app.retired_on > day)))
    # the application's own "last review" when it is up to the day, else its last review
    # record up to the day (or none: a review dated later proves nothing for that year)
    current = {id_: reviewed for id_, reviewed in db.session.execute(
        select(app.id, app.last_review_on).where(app.agency_id == agency_id))}
    later = {id_ for id_, reviewed in current.items() if reviewed is not None and reviewed > day}
    reviews = {id_: (None, "") for id_ in later}
    for id_, reviewed_on, followup in db.session.execute(
            select(review.application_id, review.reviewed_on, review.followup_document)
            .where(review.agency_id == agency_id, review.application_id.in_(later),
                   review.reviewed_on <= day)
            .order_by(review.application_id, review.reviewed_on, review.id)):
        reviews[id_] = (reviewed_on, followup)
    return landscape_at(land, not_started=not_started, retired_later=retired_later,
                        reviews=reviews)


def _published(agency_id):
    """Applications the public catalogue shows."""
    app = models.Application
    return frozenset(db.session.scalars(select(app.id).where(
        app.agency_id == agency_id, app.published.is_(True))))


def _certified_units(agency_id, day):
    """OPDs with a staff member whose digital-competence certificate is valid on the day."""
    cert = models.StaffCertificate
    return frozenset(db.session.scalars(select(cert.unit_id).distinct().where(
        cert.agency_id == agency_id,
        (cert.expires_on.is_(None)) | (cert.expires_on >= day),
        (cert.issued_on.is_(None)) | (cert.issued_on <= day))))


def computed_levels(agency_id, year, instrument, *, on_indicator=None):
    """Return {indicator: ComputedLevel} for the registry-evidenced indicators of ``instrument``.

    ``on_indicator(done, total)``, if given, hears how many of the computed indicators are done:
    once before the first (0), then after each one (a job's progress).
    """
    facts = agency_facts(agency_id, year, instrument)
    if on_indicator is None:
        return compute_levels(facts, instrument)
    numbers = computed_indicators(instrument)
    found = {}
    on_indicator(0, len(numbers))
    for done, number in enumerate(numbers, start=1):
        one = dataclasses.replace(instrument, indicators=(instrument.indicator(number),))
        found.update(compute_levels(facts, one))
        on_indicator(done, len(numbers))
    return found
