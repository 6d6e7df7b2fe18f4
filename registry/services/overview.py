"""The architect's and admin's first page.

The year's index, what blocks level 5, the gaps, the requests that wait too long and the records
nobody confirmed for a year.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, or_, select

from registry import models
from registry.clock import local_today
from registry.extensions import db
from registry.models.base import utcnow
from registry.models.requests import RequestState
from registry.services import analysis, assessments, completeness, opd_scorecard
from registry.services.requests import due_days

#: gaps shown on the overview; the completeness page lists them all
GAPS_SHOWN = 6


@dataclass(frozen=True)
class Overview:
    """Every figure of the overview, each with what its link opens."""

    agency: models.Agency
    year: int
    score: dict
    blockers: list
    gaps: list
    overdue_requests: int
    stale_applications: int
    stale_domains: int
    #: the instrument of the year, which names the blockers' indicators in the reader's language
    instrument: object = None


def overview(agency, *, year=None):
    """Gather the overview of an agency's year (default: this year)."""
    year = year or local_today().year
    report = analysis.blocker_report(agency, year=year)
    sections = completeness.completeness(agency.id)
    gaps = sorted((gap for section in sections for gap in section.gaps if gap.count),
                  key=lambda gap: -gap.count)[:GAPS_SHOWN]
    return Overview(
        agency=agency, year=year, score=assessments.score_document(agency, year),
        blockers=[s for s in report.summary if s.blocker_count], gaps=gaps,
        overdue_requests=_overdue_requests(agency.id), instrument=report.instrument,
        **_stale_counts(agency.id))


def _overdue_requests(agency_id):
    """Count the submitted requests waiting longer than the agreed days (the queue's filter)."""
    req = models.Request
    return db.session.scalar(select(func.count()).select_from(req).where(
        req.agency_id == agency_id, req.state == RequestState.SUBMITTED,
        req.submitted_at < utcnow() - timedelta(days=due_days())))


def _stale_counts(agency_id):
    """Count the live applications and active domains not confirmed for a year.

    As the desks and the OPD scorecard count them.
    """
    since = utcnow() - opd_scorecard.STALE_AFTER
    app, domain, unit = models.Application, models.DomainName, models.Unit
    stale_apps = select(func.count()).select_from(app).where(
        app.agency_id == agency_id, app.lifecycle.in_(opd_scorecard.LIVE),
        or_(app.confirmed_at.is_(None), app.confirmed_at < since))
    stale_domains = (select(func.count()).select_from(domain).join(unit, domain.unit_id == unit.id)
                     .where(unit.agency_id == agency_id,
                            domain.status == models.DomainStatus.ACTIVE,
                            or_(domain.confirmed_at.is_(None), domain.confirmed_at < since)))
    return {"stale_applications": db.session.scalar(stale_apps),
            "stale_domains": db.session.scalar(stale_domains)}
